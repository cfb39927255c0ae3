"""The command line: ``python -m libyabook extract PAGE --out DIR``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from libyabook.errors import PageError

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
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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


def main(argv: list[str] | None = None) -> int:
    """Run a command; the package's own errors (bad input, unwritable output) are one line and exit 2.

    Any other exception is a bug in the package and propagates with its traceback.
    """
    args = build_parser().parse_args(argv)
    from libyabook.extract.corpus import read_page
    from libyabook.extract.pipeline import FILE_NAMES, serialised, write_stream

    try:
        page = read_page(args.page)
        changed = write_stream(FILE_NAMES, serialised(page, Path(args.page).name), args.out)  # each table as made
    except PageError as exc:
        return fail(str(exc))
    except OSError as exc:  # writing the tables: permission, no space, a path below a file...
        return fail(os_error_line(exc, args.out))
    if not args.quiet:
        print(f"libyabook: {args.page} -> {args.out}: {len(FILE_NAMES)} files, {len(changed)} changed")
    return 0


def os_error_line(exc: OSError, default_path: str) -> str:
    """One line naming the path an OSError is about and the reason (strerror, else the message)."""
    path = next((p for p in (exc.filename2, exc.filename) if p is not None), default_path)
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{path}: cannot write the tables ({reason})"


def fail(message: str) -> int:
    """Print one error line on stderr; exit status 2."""
    print(f"libyabook: error: {message}", file=sys.stderr)
    return 2
