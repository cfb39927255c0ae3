"""From a page to the published files: run every extractor, serialise each table to CSV bytes, write them.

Every table goes through the same CSV serialisation whether it is written to ``data/processed`` or
extracted in memory from another page, so a chapter sees identical types either way.

The tables are made one after another (``tables_as_made``) and each is serialised and written as soon as
it is made, then dropped, so that a big page never holds every table, nor every table's bytes, at once:
the stages are ordered so that what later stages do not need dies early (``articles`` is written first
and its bodies, a second copy of the page text, dropped; each table quoting the page is checked verbatim
as soon as it is made).

Writing is all or nothing (``write_stream``). The complete new set is written into a temporary folder
beside the target (``.<name>.libyabook-XXXX`` in the same parent, so on the same file system), file by
file as the tables are made, each file fsynced, ``datapackage.json`` (the manifest: every other file's
sha256) last; then the folder is swapped with the target in one ``renameat2(RENAME_EXCHANGE)`` call and
the parent fsynced; the old set, now in the temporary folder, is deleted. A failure (a bad page found
half-way, a failed write) or a kill at any moment leaves the target holding the old set or the new set,
never a mix; what is left over is only a temporary folder, which the failing run deletes and the next run
deletes after a kill (under a lock on the parent folder, so two runs never delete each other's). Files
the extraction does not own in the target (``data/processed/README.md``) are carried into the new folder
as hard links. Files whose bytes do not change are hard-linked too, not rewritten (same inode and mtime),
and when no byte changes nothing is swapped at all. ``analysis.tables.load`` verifies the recorded
sha256s. Without RENAME_EXCHANGE (not Linux, or a file system that lacks it) the swap is two renames; a
kill between them leaves the old set under the temporary name, which the next run moves back.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import gc
import glob
import hashlib
import io
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pandas as pd

from libyabook.errors import PageError
from libyabook.extract import datapackage
from libyabook.extract.bib import to_bibtex
from libyabook.extract.claims import extract_claims
from libyabook.extract.corpus import Page, line_map, parse_page, with_bodies
from libyabook.extract.csvbytes import csv_bytes
from libyabook.extract.entities import find_mentions
from libyabook.extract.events import code_events, uncoded_happenings
from libyabook.extract.framing import VERBATIM_RULES, find_terms, shouted_words, verbatim_row, web_debris
from libyabook.extract.labels import label_tables
from libyabook.extract.ledger import claims_ledger, published_tables
from libyabook.extract.quotes import extract_quotes
from libyabook.extract.speakers import speaker_table
from libyabook.extract.versions import source_versions
from libyabook.reference import display_names

#: Every file the extraction writes, ``datapackage.json`` (the manifest) last.
FILE_NAMES = [f"{t}.csv" for t in datapackage.TABLES] + ["references.bib", "datapackage.json"]
#: A table whose CSV is at least this big is freed at once when written (``_release``); a small one is not worth
#: the full garbage collection (13 ms each on the study page).
RELEASE_BYTES = 1 << 20
_MALLOC_TRIM = getattr(ctypes.CDLL(None), "malloc_trim", None)  # glibc's; None elsewhere


def tables_as_made(page: Page) -> Iterator[tuple[str, pd.DataFrame]]:
    """Every table, each as soon as it is made (raw columns); a table no later stage needs is not kept here.

    ``articles`` comes first and without its bodies (a second copy of the page text: ``with_bodies`` adds them
    where they are written); the other stages read the page lines. Each quoting table is checked verbatim when
    made (``framing.verbatim_row``), so none is kept for the check.
    """
    articles, boilerplate = parse_page(page, bodies=False)
    events = code_events(page, articles)
    cited = with_bodies(page, articles[articles["item_id"].isin(set(events["source_item"]))])
    checks = {"events": verbatim_row(page, "events", events, cited)}
    yield "articles", articles
    yield "boilerplate", boilerplate
    yield "events", events
    yield "uncoded", uncoded_happenings(page, articles)
    yield "page_lines", line_map(page, articles, boilerplate)
    yield "versions", source_versions(page, articles)
    yield "framing_terms", find_terms(page, articles, boilerplate)
    yield "web_debris", web_debris(page, articles)
    mentions = find_mentions(page, articles)
    checks["mentions"] = verbatim_row(page, "mentions", mentions, cited)
    yield "mentions", mentions
    yield from label_tables(page, articles, boilerplate, mentions).items()
    yield "shouted_words", shouted_words(page, articles, mentions)
    del mentions
    quotes = extract_quotes(page, articles)
    checks["quotes"] = verbatim_row(page, "quotes", quotes, cited)
    yield "quotes", quotes
    yield "speakers", speaker_table(quotes)
    del quotes
    claims = extract_claims(page, articles)
    checks["claims"] = verbatim_row(page, "claims", claims, cited)
    yield "claims", claims
    yield from published_tables(claims_ledger(page, claims, articles), claims).items()
    del claims
    yield "verbatim_checks", pd.concat([checks[name] for name in VERBATIM_RULES], ignore_index=True)


def published(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """A table in its published column order."""
    return df.reindex(columns=datapackage.columns(name))


def extract(page: Page) -> dict[str, pd.DataFrame]:
    """Run every extractor on a page; return the tables in published column order (``datapackage.TABLES``)."""
    made = {
        name: published(name, with_bodies(page, df) if name == "articles" else df) for name, df in tables_as_made(page)
    }
    return {name: made[name] for name in datapackage.TABLES}


def articles_csv(page: Page, articles: pd.DataFrame, rows: int = 1000) -> bytes:
    """``csv_bytes`` of the articles with their bodies, made ``rows`` items at a time: the same bytes, never
    every body at once."""
    buf = io.BytesIO()
    for at in range(0, len(articles), rows):
        buf.write(csv_bytes(with_bodies(page, articles.iloc[at : at + rows]), header=at == 0))
    return buf.getvalue()


def serialised(page: Page, source_name: str) -> Iterator[tuple[str, bytes]]:
    """Every output file of ``extract`` as (name, bytes), each table as soon as it is made, the manifest
    ``datapackage.json`` (each file's sha256) last. Holds no table and no bytes between two files."""
    hashes = {}
    for name, df in tables_as_made(page):
        files = [(f"{name}.csv", articles_csv(page, df) if name == "articles" else csv_bytes(published(name, df)))]
        if name == "articles":
            files.append(("references.bib", to_bibtex(df, display_names("outlets")).encode("utf-8")))
        del df
        if len(files[0][1]) >= RELEASE_BYTES:
            _release()
        while files:
            file_name, data = files.pop(0)
            hashes[file_name] = hashlib.sha256(data).hexdigest()
            yield file_name, data
            del data
    desc = datapackage.descriptor(source_name, page.sha256, hashes)
    yield "datapackage.json", datapackage.to_json(desc).encode()


def _release() -> None:
    """Free what the last table left: pandas frames die in reference cycles (collected now, not at some later
    collection), and glibc keeps freed heap pages unless trimmed, so a later stage would grow the heap instead."""
    gc.collect()
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def serialise(page: Page, source_name: str) -> dict[str, bytes]:
    """Every output file of ``extract`` as bytes, keyed by file name (in ``FILE_NAMES`` order)."""
    files = dict(serialised(page, source_name))
    return {name: files[name] for name in FILE_NAMES}


class OutputError(PageError):
    """The output folder cannot take the tables (it is a file, or holds folders the extraction did not write)."""


TEMP_MARK = ".libyabook-"
OLD_MARK = "-old"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_BLOCK = 1 << 20


def _nothing() -> None:
    """The default ``before_swap`` of ``write_stream``."""


def write_files(files: dict[str, bytes], out_dir: str | Path) -> list[str]:
    """Replace the set of files in out_dir by ``files`` as a whole (``write_stream`` of files already made)."""
    return write_stream(list(files), iter(files.items()), out_dir)


def write_stream(
    names: list[str],
    files: Iterable[tuple[str, bytes]],
    out_dir: str | Path,
    before_swap: Callable[[], None] = _nothing,
) -> list[str]:
    """Replace the set of files in out_dir by the files ``files`` yields (exactly ``names``), as a whole, writing
    each as it comes (see the module docstring); ``before_swap`` is called just before the swap.

    Returns the names whose bytes changed (empty: nothing was swapped). Raises OSError or OutputError, or what
    ``files`` raises (a bad page), leaving out_dir as it was, no temporary file and no folder it created behind.
    """
    if not os.fspath(out_dir):  # realpath('') is the working folder: the tables would replace it
        raise OutputError("''", None, "is an empty path; expected a folder path for the tables")
    out = Path(os.path.realpath(out_dir))
    for folder in reversed(out.parents):
        if os.path.lexists(folder) and not folder.is_dir():
            raise OutputError(str(folder), None, "is not a folder; expected a folder path for the tables")
    created = [folder for folder in reversed(out.parents) if not os.path.lexists(folder)]
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        lock = os.open(out.parent, os.O_RDONLY)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            _clean_leftovers(out)
            _check_out(out, names)
            return _swap_in(names, files, out, before_swap)
        finally:
            os.close(lock)
    except BaseException:
        for folder in reversed(created):  # deepest first; only folders this call made, and only if still empty
            try:
                folder.rmdir()
            except OSError:
                break
        raise


def _clean_leftovers(out: Path) -> None:
    """Delete temporary folders a killed run left beside out (moving an old set back if out went missing)."""
    for left in sorted(out.parent.glob(f".{glob.escape(out.name)}{TEMP_MARK}*")):
        if left.name.endswith(OLD_MARK) and not os.path.lexists(out):
            os.rename(left, out)
        else:
            shutil.rmtree(left)


def _check_out(out: Path, names: list[str]) -> None:
    """OutputError if out cannot be swapped safely: it is not a folder, or it holds a folder."""
    if not out.exists():
        return
    if not out.is_dir():
        raise OutputError(str(out), None, "is not a folder; expected a folder for the tables")
    for entry in sorted(os.scandir(out), key=lambda e: e.name):
        if entry.is_dir(follow_symlinks=False):
            what = "a name the extraction writes" if entry.name in names else "not written by the extraction"
            raise OutputError(
                entry.path, None, f"is a folder ({what}); expected only files in the output folder: move it away"
            )


def _swap_in(
    names: list[str], files: Iterable[tuple[str, bytes]], out: Path, before_swap: Callable[[], None]
) -> list[str]:
    """Write the set into a temporary folder beside out as it comes, fsync it, and swap it with out if a byte
    changed (calling before_swap just before); return the changed names."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}{TEMP_MARK}", dir=out.parent))
    try:
        os.chmod(tmp, stat.S_IMODE(out.stat().st_mode) if out.exists() else 0o755)
        changed, written = [], []
        for name, data in files:
            written.append(name)
            if not _place(out / name, tmp / name, data):
                changed.append(name)
            del data  # not held while the next file is made
        if sorted(written) != sorted(names):
            raise ValueError(f"wrote {sorted(written)}; expected exactly {sorted(names)}")
        if changed:
            if out.exists():
                for entry in os.scandir(out):
                    if entry.name not in written:
                        _carry(Path(entry.path), tmp / entry.name)
            _fsync(tmp)
            before_swap()
            if out.exists():
                _exchange(tmp, out)
            else:
                os.rename(tmp, out)
            _fsync(out.parent)
        return sorted(changed)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _place(old: Path, new: Path, data: bytes) -> bool:
    """Hard-link old into new when its bytes are data (not rewritten), else write data to new and fsync it.
    True when old already held data."""
    same = same_bytes(old, data)
    if same:
        try:
            os.link(old, new)
            return True
        except OSError:
            pass
    write_file(new, data)
    return same


def same_bytes(path: Path, data: bytes) -> bool:
    """path is a regular file (not a symlink) holding exactly data; read block by block, not as a second copy."""
    try:
        info = os.lstat(path)
    except OSError:  # no such file, out missing or a symlink loop: nothing to keep
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
        return False
    view = memoryview(data)
    with open(path, "rb") as fh:
        return all(fh.read(_BLOCK) == view[at : at + _BLOCK] for at in range(0, len(data), _BLOCK))


def write_file(path: Path, data: bytes) -> None:
    """Write one new file (mode 0644) and fsync it: the only place the extraction writes bytes."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _carry(old: Path, new: Path) -> None:
    """Carry a file the extraction does not own into the new folder: hard link, symlink copy or byte copy."""
    if old.is_symlink():
        os.symlink(os.readlink(old), new)
        return
    try:
        os.link(old, new)
    except OSError:
        shutil.copy2(old, new)


def _fsync(folder: Path) -> None:
    """fsync a folder, so the names in it are on disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _exchange(a: Path, b: Path) -> None:
    """Swap two folders atomically (renameat2 RENAME_EXCHANGE); two renames where that is unavailable."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
            return
        err = ctypes.get_errno()
        if err not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            raise OSError(err, os.strerror(err), str(b))
    old = a.with_name(a.name + OLD_MARK)
    os.rename(b, old)
    try:
        os.rename(a, b)
    except OSError:
        os.rename(old, b)
        raise
    os.rename(old, a)
