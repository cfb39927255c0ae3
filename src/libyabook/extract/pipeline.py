"""From a page to the published files: run every extractor, serialise to CSV bytes, write them.

Every table goes through the same CSV serialisation whether it is written to ``data/processed`` or
extracted in memory from another page, so a chapter sees identical types either way.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from libyabook.extract import datapackage
from libyabook.extract.bib import to_bibtex
from libyabook.extract.claims import extract_claims
from libyabook.extract.corpus import Page, parse_page
from libyabook.extract.entities import find_mentions
from libyabook.extract.events import code_events, uncoded_happenings
from libyabook.extract.quotes import extract_quotes
from libyabook.reference import load_reference


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
    return {name: df.reindex(columns=datapackage.columns(name)) for name, df in tables.items()}


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """Deterministic CSV: UTF-8, LF line ends, no index, floats without trailing noise."""
    return df.to_csv(index=False, lineterminator="\n").encode("utf-8")


def serialise(page: Page, source_name: str) -> dict[str, bytes]:
    """Every output file of ``extract`` as bytes, keyed by file name."""
    tables = extract(page)
    files = {f"{name}.csv": to_csv_bytes(df) for name, df in tables.items()}
    files["datapackage.json"] = datapackage.to_json(datapackage.descriptor(source_name, page.sha256)).encode()
    outlets = load_reference("outlets")
    names = dict(zip(outlets["outlet"], outlets["name"]))
    files["references.bib"] = to_bibtex(tables["articles"], names).encode("utf-8")
    return files


def write_files(files: dict[str, bytes], out_dir: str | Path) -> list[str]:
    """Write files into out_dir atomically (temp file + rename); leave unchanged files untouched.

    Returns the names of the files that changed. Nothing is written if out_dir cannot be created.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, data in sorted(files.items()):
        target = out / name
        if target.exists() and target.read_bytes() == data:
            continue
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=out)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
        changed.append(name)
    return changed
