"""The command line: ``python -m libyabook extract PAGE --out DIR``."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from libyabook.errors import STOP_SIGNALS, PageError, interrupted

DESCRIPTION = """\
Extract the tables of a compiled news page (articles, boilerplate, mentions, quotes, claims, events),
with a datapackage.json describing them and a references.bib for the book.

The page format: the post title (twice), a lead paragraph, the line 'Would you like to know more?',
linked headlines 'Title (outlet, Mon D, YYYY)' with optional excerpts, bare related headlines,
numbered updates '  N. Title (outlet, Mon D, YYYY):' with excerpt lines indented four spaces, and
the comment-form lines. UTF-8, with or without BOM, LF or CRLF line ends.

On bad input the command prints one line 'libyabook: error: FILE:LINE: what was expected' on
stderr, exits with status 2 and writes nothing; a path that cannot be read or written gives one line
naming it and the reason. The tables are replaced as a whole (a new folder swapped in), so a failure
or a kill leaves the old set or the new one, never a mix; datapackage.json records each file's sha256.
Ctrl-C, SIGTERM or SIGHUP before the swap is one line too, status 2, the old set kept.
"""


class Parser(argparse.ArgumentParser):
    """argparse with its usage errors as one line (``libyabook: error: ...``, status 2), as every other refusal."""

    def error(self, message: str):
        sys.exit(fail(f"{message}; see 'python -m libyabook extract --help'"))


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="python -m libyabook", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ext = sub.add_parser(
        "extract",
        help="extract the tables of a page into a folder",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ext.add_argument("page", metavar="PAGE", help="the page file to read")
    ext.add_argument("--out", required=True, metavar="DIR", help="folder to write the tables into (created if missing)")
    ext.add_argument("--quiet", action="store_true", help="print nothing on success")
    return parser


class Interrupted(BaseException):
    """A stop signal (Ctrl-C, SIGTERM, SIGHUP) arrived before the new tables were swapped in."""


class Stops:
    """The stop signals of a run. The handler raises Interrupted until the swap begins (``disarm``); one raised where
    Python swallows exceptions (a weakref callback, a ``__del__``) is raised again at the next table (``checked``)."""

    def __init__(self):
        self.armed, self.signum = True, None

    def handle(self, signum, frame) -> None:
        self.signum = signum
        self.check()

    def check(self) -> None:
        if self.armed and self.signum is not None:
            raise Interrupted(self.signum)

    def disarm(self) -> None:
        """Just before the swap: a signal that came is honoured now; one that comes after is too late to stop it."""
        self.check()
        self.armed = False

    def checked(self, files: Iterator) -> Iterator:
        for item in files:
            self.check()
            yield item


def main(argv: list[str] | None = None) -> int:
    """Run a command; the package's own errors (bad input, unwritable output) and a stop signal that arrives before
    the swap are one line and exit 2. Any other exception is a bug and propagates with its traceback."""
    stops = Stops()
    try:
        with _stopping_on_signals(stops):
            args = build_parser().parse_args(argv)
            return _extract(args, stops)
    except (Interrupted, KeyboardInterrupt) as exc:
        return fail(interrupted(exc))


def _extract(args: argparse.Namespace, stops: Stops) -> int:
    """``extract``: read the page, write its tables as a whole; one line on success unless ``--quiet``."""
    from libyabook.extract.corpus import read_page
    from libyabook.extract.pipeline import FILE_NAMES, serialised, write_stream

    try:
        page = read_page(args.page)
        files = stops.checked(serialised(page, Path(args.page).name))  # each table as made
        changed = write_stream(FILE_NAMES, files, args.out, before_swap=stops.disarm)
    except PageError as exc:
        return fail(str(exc))
    except OSError as exc:  # writing the tables: permission, no space, a path below a file...
        return fail(os_error_line(exc, args.out))
    summary = f"libyabook: {args.page} -> {args.out}: {len(FILE_NAMES)} files, {len(changed)} changed"
    if not args.quiet and not say(summary, sys.stdout):  # a closed pipe, a full disk: the tables are written
        say(f"libyabook: warning: {args.out}: the tables were written; the summary could not be printed", sys.stderr)
    return 0


@contextlib.contextmanager
def _stopping_on_signals(stops: Stops) -> Iterator[None]:
    """Within: stop signals go to ``stops.handle``, and an Interrupted that Python swallows is not reported as an
    'Exception ignored' traceback; the previous handlers and hook are put back after. (Only in the main thread.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, stops.handle) for sig in STOP_SIGNALS}
    hook = sys.unraisablehook
    sys.unraisablehook = lambda u: None if isinstance(u.exc_value, (Interrupted, KeyboardInterrupt)) else hook(u)
    try:
        yield
    finally:
        sys.unraisablehook = hook
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def os_error_line(exc: OSError, default_path: str) -> str:
    """One line naming the path an OSError is about and the reason (strerror, else the message)."""
    path = next((p for p in (exc.filename2, exc.filename) if p is not None), default_path)
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{path}: cannot write the tables ({reason})"


def fail(message: str) -> int:
    """Print one error line on stderr; exit status 2."""
    say(f"libyabook: error: {message}", sys.stderr)
    return 2


def say(text: str, stream) -> bool:
    """Print text as one line on stream; False when the stream cannot take it (a closed pipe, a full disk), which
    is then pointed at /dev/null so that the flush at exit does not fail again with a traceback."""
    try:
        print(one_line(text), file=stream, flush=True)
        return True
    except OSError:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        return False


def one_line(text: str) -> str:
    """text with what would break or garble the line escaped: a newline in a path, a byte that is not UTF-8."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)
