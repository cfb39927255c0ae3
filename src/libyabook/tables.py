"""From a page to the published tables and back: extract, serialise, write atomically, load.

Every table goes through the same CSV serialisation whether it is read from ``data/processed`` or
extracted in memory from another page, so a chapter sees identical types either way.
"""
from __future__ import annotations

import io
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import datapackage
from .bib import to_bibtex
from .claims import extract_claims
from .corpus import Page, parse_page, read_page
from .entities import find_mentions
from .events import code_events
from .quotes import extract_quotes
from .reference import PROCESSED_DIR, load_reference, resolve_corpus_path


@dataclass(frozen=True)
class Tables:
    """The page and every table extracted from it."""

    page: Page
    articles: pd.DataFrame
    boilerplate: pd.DataFrame
    mentions: pd.DataFrame
    quotes: pd.DataFrame
    claims: pd.DataFrame
    events: pd.DataFrame

    def __getitem__(self, name: str) -> pd.DataFrame:
        return getattr(self, name)


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


def read_table(data: bytes | Path, table: str) -> pd.DataFrame:
    """Read one published CSV with the types its schema gives (text stays text, empty stays empty)."""
    types = datapackage.field_types(table)
    dtype = {n: ("Int64" if t == "integer" else "float64" if t == "number" else str) for n, t in types.items()}
    src = io.BytesIO(data) if isinstance(data, bytes) else data
    df = pd.read_csv(src, dtype=dtype, keep_default_na=False, na_values={n: [""] for n, t in types.items()
                                                                          if t in ("integer", "number")})
    return df.reindex(columns=list(types))


def load(corpus_path: str | Path = "data/raw/libya-entanglement.txt") -> Tables:
    """The tables for a page: from data/processed when they were made from this very page, else extracted now."""
    page = read_page(resolve_corpus_path(corpus_path))
    package = PROCESSED_DIR / "datapackage.json"
    files: dict[str, bytes]
    if package.exists() and json.loads(package.read_text())["sources"][0]["sha256"] == page.sha256:
        files = {f"{t}.csv": (PROCESSED_DIR / f"{t}.csv").read_bytes() for t in datapackage.TABLES}
    else:
        files = {f"{t}.csv": to_csv_bytes(df) for t, df in extract(page).items()}
    return Tables(page=page, **{t: read_table(files[f"{t}.csv"], t) for t in datapackage.TABLES})


def completeness(t: Tables) -> pd.DataFrame:
    """Share of non-empty cells in every column of every published table (what the extraction could fill)."""
    rows = []
    for name in datapackage.TABLES:
        df = t[name]
        for column in df.columns:
            values = df[column]
            filled = values.notna() & (values.astype(str) != "")
            rows.append((name, column, len(df), int(filled.sum()), float(filled.mean()) if len(df) else 0.0))
    return pd.DataFrame(rows, columns=["table", "column", "rows", "filled", "share_filled"])
