"""The published tables, loaded for analysis: from data/processed, or extracted now for another page."""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from libyabook.errors import PageError
from libyabook.extract import datapackage
from libyabook.extract.corpus import read_page
from libyabook.extract.csvbytes import csv_bytes
from libyabook.extract.ledger import joined_ledger
from libyabook.extract.pipeline import extract
from libyabook.reference import PROCESSED_DIR, resolve_corpus_path


@dataclass(frozen=True)
class Tables:
    """Every table extracted from a page (the page itself stays in the extract step), and the page's sha256.

    ``claims_ledger`` is the published ledger with each claim's sentence joined from ``sentences``
    (``extract.ledger.joined_ledger``): the columns ``sentence``, ``sentence_start``, ``sentence_end``,
    ``when_text``, ``hedge`` and ``cue`` are there for every claim.
    """

    page_sha256: str
    articles: pd.DataFrame
    boilerplate: pd.DataFrame
    mentions: pd.DataFrame
    quotes: pd.DataFrame
    claims: pd.DataFrame
    events: pd.DataFrame
    page_lines: pd.DataFrame
    sentences: pd.DataFrame
    claims_ledger: pd.DataFrame
    versions: pd.DataFrame
    speakers: pd.DataFrame
    titles: pd.DataFrame
    label_uses: pd.DataFrame
    framing_labels: pd.DataFrame
    framing_terms: pd.DataFrame
    shouted_words: pd.DataFrame
    web_debris: pd.DataFrame
    verbatim_checks: pd.DataFrame
    uncoded: pd.DataFrame

    def __getitem__(self, name: str) -> pd.DataFrame:
        """A table by name (``t["claims"]``), as for a dict of tables."""
        return getattr(self, name)


def read_table(data: bytes | Path, table: str) -> pd.DataFrame:
    """Read one published CSV with the types its schema gives (text stays text, empty stays empty)."""
    types = datapackage.field_types(table)
    dtype = {n: ("Int64" if t == "integer" else "float64" if t == "number" else str) for n, t in types.items()}
    src = io.BytesIO(data) if isinstance(data, bytes) else data
    df = pd.read_csv(
        src,
        dtype=dtype,
        keep_default_na=False,
        na_values={n: [""] for n, t in types.items() if t in ("integer", "number")},
    )
    for name in (n for n, t in types.items() if t == "boolean" and n in df.columns):
        df[name] = df[name].map({"True": True, "False": False, "true": True, "false": False}).astype(bool)
    return df.reindex(columns=list(types))


def load(corpus_path: str | Path = "data/raw/libya-entanglement.txt") -> Tables:
    """The tables for a page: from data/processed when they were made from this very page, else extracted now."""
    page = read_page(resolve_corpus_path(corpus_path))
    desc = processed_descriptor(PROCESSED_DIR)
    files: dict[str, bytes]
    if desc is not None and desc["sources"][0]["sha256"] == page.sha256:
        files = verified_files(PROCESSED_DIR, desc)
    else:
        files = {f"{t}.csv": csv_bytes(df) for t, df in extract(page).items()}
    read = {t: read_table(files[f"{t}.csv"], t) for t in datapackage.TABLES}
    read["claims_ledger"] = joined_ledger(read["claims_ledger"], read["sentences"])
    return Tables(page_sha256=page.sha256, **read)


def descriptor() -> dict:
    """The published datapackage.json (the data dictionary a chapter shows)."""
    return json.loads((PROCESSED_DIR / "datapackage.json").read_text(encoding="utf-8"))


REMAKE = "re-run `make data` to regenerate data/processed"


def processed_descriptor(folder: Path) -> dict | None:
    """The datapackage.json of a processed folder (None when there is none); PageError if it is unreadable."""
    package = folder / "datapackage.json"
    if not package.exists():
        return None
    try:
        desc = json.loads(package.read_bytes())
        desc["sources"][0]["sha256"]
        datapackage.recorded_hashes(desc)  # a resource or file entry of the wrong shape is refused here
        return desc
    except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError) as exc:
        raise PageError(str(package), None, f"unreadable ({exc}); {REMAKE}") from None


def verified_files(folder: Path, desc: dict) -> dict[str, bytes]:
    """The tables' bytes of a processed folder, each checked against the sha256 datapackage.json records.

    A folder whose files do not match (a mixed or damaged set) is refused with one line naming the file.
    """
    recorded = datapackage.recorded_hashes(desc)
    files = {}
    for name in [f"{t}.csv" for t in datapackage.TABLES] + ["references.bib"]:
        path = folder / name
        if name not in recorded:
            raise PageError(str(path), None, f"no sha256 recorded in datapackage.json; {REMAKE}")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise PageError(str(path), None, f"cannot read ({exc.strerror}); {REMAKE}") from None
        if hashlib.sha256(data).hexdigest() != recorded[name]:
            raise PageError(str(path), None, f"sha256 does not match datapackage.json; {REMAKE}")
        files[name] = data
    return files


def completeness(t: Tables) -> pd.DataFrame:
    """Share of non-empty cells in every column of every published table (what the extraction could fill)."""
    rows = []
    for name in datapackage.TABLES:
        df = t[name]
        for column in datapackage.columns(name):  # the published columns (not those joined for the analysis)
            values = df[column]
            filled = values.notna() & (values.astype(str) != "")
            rows.append((name, column, len(df), int(filled.sum()), float(filled.mean()) if len(df) else 0.0))
    return pd.DataFrame(rows, columns=["table", "column", "rows", "filled", "share_filled"])
