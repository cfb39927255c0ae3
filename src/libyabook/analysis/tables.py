"""The published tables, loaded for analysis: from data/processed, or extracted now for another page."""
from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from libyabook.extract import datapackage
from libyabook.extract.corpus import Page, read_page
from libyabook.extract.pipeline import extract, to_csv_bytes
from libyabook.reference import PROCESSED_DIR, resolve_corpus_path


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
    uncoded: pd.DataFrame

    def __getitem__(self, name: str) -> pd.DataFrame:
        return getattr(self, name)


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
