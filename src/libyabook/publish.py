"""Sphinx extension: serve the data beside the book, so the published datapackage.json works where it is served.

After an HTML build it copies data/processed and data/reference to ``<outdir>/data/processed`` and
``<outdir>/data/reference`` (the descriptor beside its CSVs, as ``frictionless validate <url>`` needs) and writes
one zip of both folders, ``<outdir>/data/libya-entanglement-data.zip``, with fixed timestamps so the same data
gives the same bytes.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from libyabook.reference import PROCESSED_DIR, REFERENCE_DIR

ZIP_NAME = "libya-entanglement-data.zip"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def data_files(folders: tuple[Path, ...] = (PROCESSED_DIR, REFERENCE_DIR)) -> list[tuple[Path, str]]:
    """Every file of the data folders with its published path ('processed/articles.csv'), in sorted order."""
    out = []
    for folder in folders:
        out += [
            (p, f"{folder.name}/{p.relative_to(folder).as_posix()}")
            for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")
        ]
    return out


def write_zip(files: list[tuple[Path, str]], target: Path) -> Path:
    """Write a deterministic zip (sorted names, fixed times and permissions) of ``files`` to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path, name in files:
            info = zipfile.ZipInfo(f"libya-entanglement-data/{name}", date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    tmp.replace(target)
    return target


def publish_data(outdir: Path, folders: tuple[Path, ...] = (PROCESSED_DIR, REFERENCE_DIR)) -> list[Path]:
    """Copy the data folders under ``outdir/data/`` and write their zip; return the written paths."""
    files = data_files(folders)
    written = []
    for path, name in files:
        target = outdir / "data" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        written.append(target)
    written.append(write_zip(files, outdir / "data" / ZIP_NAME))
    return written


def _build_finished(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        publish_data(Path(app.outdir))


def setup(app):
    app.connect("build-finished", _build_finished)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
