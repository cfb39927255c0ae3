"""From a page to the published files: run every extractor, serialise to CSV bytes, write them.

Every table goes through the same CSV serialisation whether it is written to ``data/processed`` or
extracted in memory from another page, so a chapter sees identical types either way.

Writing is all or nothing (``write_files``). The complete new set is written into a temporary folder
beside the target (``.<name>.libyabook-XXXX`` in the same parent, so on the same file system), each
file fsynced, then the folder is swapped with the target in one ``renameat2(RENAME_EXCHANGE)`` call and
the parent fsynced; the old set, now in the temporary folder, is deleted. A failure or a kill at any
moment leaves the target holding the old set or the new set, never a mix; what is left over is only a
temporary folder, which the next run deletes (under a lock on the parent folder, so two runs never
delete each other's). Files the extraction does not own in the target (``data/processed/README.md``)
are carried into the new folder as hard links. Files whose bytes do not change are hard-linked too,
not rewritten (same inode and mtime), and when no byte changes nothing is swapped at all.
``datapackage.json`` records every other file's sha256, which ``analysis.tables.load`` verifies.
Without RENAME_EXCHANGE (not Linux, or a file system that lacks it) the swap is two renames; a kill
between them leaves the old set under the temporary name, which the next run moves back.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import glob
import hashlib
import io
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pandas as pd

from libyabook.errors import PageError
from libyabook.extract import datapackage
from libyabook.extract.bib import to_bibtex
from libyabook.extract.claims import extract_claims
from libyabook.extract.corpus import Page, line_map, parse_page
from libyabook.extract.entities import find_mentions
from libyabook.extract.events import code_events, uncoded_happenings
from libyabook.extract.framing import framing_tables
from libyabook.extract.labels import label_tables
from libyabook.extract.ledger import claims_ledger, published_tables
from libyabook.extract.quotes import extract_quotes
from libyabook.extract.speakers import speaker_table
from libyabook.extract.versions import source_versions
from libyabook.reference import display_names


def extract(page: Page) -> dict[str, pd.DataFrame]:
    """Run every extractor on a page; return the tables in published column order."""
    articles, boilerplate = parse_page(page)
    tables = {
        "articles": articles,
        "boilerplate": boilerplate,
        "mentions": find_mentions(page, articles),
        "quotes": extract_quotes(page, articles),
        "claims": extract_claims(page, articles),
        "events": code_events(page, articles),
        "uncoded": uncoded_happenings(page, articles),
    }
    tables["page_lines"] = line_map(page, articles, boilerplate)
    tables.update(published_tables(claims_ledger(page, tables["claims"], articles), tables["claims"]))
    tables["versions"] = source_versions(page, articles)
    tables["speakers"] = speaker_table(tables["quotes"])
    tables.update(label_tables(page, articles, boilerplate, tables["mentions"]))
    tables.update(framing_tables(page, tables))
    return {name: df.reindex(columns=datapackage.columns(name)) for name, df in tables.items()}


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """Deterministic CSV: UTF-8, LF line ends, no index, floats without trailing noise."""
    buf = io.BytesIO()  # encoded as written: no second copy of the text as str
    df.to_csv(buf, index=False, lineterminator="\n", encoding="utf-8")
    return buf.getvalue()


def serialise(page: Page, source_name: str) -> dict[str, bytes]:
    """Every output file of ``extract`` as bytes, keyed by file name."""
    tables = extract(page)
    bib = to_bibtex(tables["articles"], display_names("outlets")).encode("utf-8")
    files = {}
    for name in list(tables):  # each table is dropped once it is bytes: never all tables and all bytes at once
        files[f"{name}.csv"] = to_csv_bytes(tables.pop(name))
    files["references.bib"] = bib
    hashes = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    desc = datapackage.descriptor(source_name, page.sha256, hashes)
    files["datapackage.json"] = datapackage.to_json(desc).encode()
    return files


class OutputError(PageError):
    """The output folder cannot take the tables (it is a file, or holds folders the extraction did not write)."""


TEMP_MARK = ".libyabook-"
OLD_MARK = "-old"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def write_files(files: dict[str, bytes], out_dir: str | Path) -> list[str]:
    """Replace the set of files in out_dir by ``files`` as a whole (see the module docstring).

    Returns the names whose bytes changed (empty: nothing was written). Raises OSError or OutputError,
    leaving out_dir as it was and no temporary file behind.
    """
    out = Path(os.path.realpath(out_dir))
    for folder in reversed(out.parents):
        if os.path.lexists(folder) and not folder.is_dir():
            raise OutputError(str(folder), None, "is not a folder; expected a folder path for the tables")
    out.parent.mkdir(parents=True, exist_ok=True)
    lock = os.open(out.parent, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _clean_leftovers(out)
        changed = _changed_names(files, out)
        if changed:
            _swap_in(files, out)
        return changed
    finally:
        os.close(lock)


def _clean_leftovers(out: Path) -> None:
    """Delete temporary folders a killed run left beside out (moving an old set back if out went missing)."""
    for left in sorted(out.parent.glob(f".{glob.escape(out.name)}{TEMP_MARK}*")):
        if left.name.endswith(OLD_MARK) and not os.path.lexists(out):
            os.rename(left, out)
        else:
            shutil.rmtree(left)


def _changed_names(files: dict[str, bytes], out: Path) -> list[str]:
    """Names whose bytes differ from what out holds; OutputError if out cannot be swapped safely."""
    if not out.exists():
        return sorted(files)
    if not out.is_dir():
        raise OutputError(str(out), None, "is not a folder; expected a folder for the tables")
    changed = []
    for entry in sorted(os.scandir(out), key=lambda e: e.name):
        if entry.is_dir(follow_symlinks=False):
            what = "a name the extraction writes" if entry.name in files else "not written by the extraction"
            raise OutputError(
                entry.path, None, f"is a folder ({what}); expected only files in the output folder: move it away"
            )
    for name, data in sorted(files.items()):
        target = out / name
        if not (target.is_file() and not target.is_symlink() and target.read_bytes() == data):
            changed.append(name)
    return changed


def _swap_in(files: dict[str, bytes], out: Path) -> None:
    """Write the whole set into a temporary folder beside out, fsync it, and swap it with out."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}{TEMP_MARK}", dir=out.parent))
    try:
        os.chmod(tmp, stat.S_IMODE(out.stat().st_mode) if out.exists() else 0o755)
        for name, data in sorted(files.items()):
            _place(out / name, tmp / name, data)
        if out.exists():
            for entry in os.scandir(out):
                if entry.name not in files:
                    _carry(Path(entry.path), tmp / entry.name)
        _fsync(tmp)
        if out.exists():
            _exchange(tmp, out)
        else:
            os.rename(tmp, out)
        _fsync(out.parent)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _place(old: Path, new: Path, data: bytes) -> None:
    """Hard-link old into new when its bytes are data (not rewritten), else write data to new and fsync it."""
    if old.is_file() and not old.is_symlink() and old.read_bytes() == data:
        try:
            os.link(old, new)
            return
        except OSError:
            pass
    write_file(new, data)


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
