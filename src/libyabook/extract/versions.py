"""The source versions behind each disagreement, found on the page: the published ``versions`` table.

Each row of ``data/reference/disagreements.csv`` is *one source's version* of a contested fact (a ``topic``).
``source_versions(page, articles)`` keeps the rows whose item (outlet + publication date) is on the page, as
``events.py`` does, and checks each: the evidence must occur verbatim on one line of that item (title or
excerpt) and the date words somewhere in it, else ValueError naming the topic. It resolves each
``date_text`` with ``dates.resolve_date`` against the item's publication date (with the resolved
``anchor_text`` as anchor); a phrase the rules cannot read ("recently") is kept, with precision
``unresolved`` and no date: a vague date is shown, never guessed. How the versions of a topic compare
(agree, disagree...) is worked out in ``libyabook.analysis.disagreements``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from libyabook.extract.corpus import Page, item_lines, items_by_source
from libyabook.extract.dates import resolve_date, window_end
from libyabook.extract.events import EvidenceError
from libyabook.reference import check_table, reference_schema

#: The reference table's columns and kinds of disagreement, as data/reference/datapackage.json describes them.
REFERENCE_COLUMNS = [f["name"] for f in reference_schema("disagreements")["fields"]]
KINDS = tuple(
    next(f for f in reference_schema("disagreements")["fields"] if f["name"] == "kind")["constraints"]["enum"]
)
SOURCE_VERSION_COLUMNS = [
    "topic",
    "kind",
    "question",
    "item_id",
    "speaker",
    "basis",
    "version",
    "date_text",
    "anchor_text",
    "resolved_date",
    "precision",
    "window_end",
    "evidence",
    "line",
    "start",
    "end",
    "note",
]


# ---------------------------------------------------------------- reference table
def validate_reference(reference: pd.DataFrame, schema: bool = True, source: str = "disagreements") -> None:
    """Check a disagreements table: its schema with frictionless (columns, required fields, kinds, ISO dates), then
    what a schema cannot say: anchor_text needs date_text, and a topic has one kind and one question."""
    if schema:
        check_table("disagreements", reference, source)
    for k, r in enumerate(reference.to_dict("records"), start=2):
        if r["anchor_text"] and not r["date_text"]:
            raise ValueError(f"{source} row {k} (topic {r['topic']!r}): anchor_text without date_text")
    for col in ("kind", "question"):
        per_topic = reference.groupby("topic")[col].nunique()
        bad = sorted(per_topic[per_topic > 1].index)
        if bad:
            raise ValueError(f"{source} topic(s) {bad} have more than one {col}")


def load_disagreements() -> pd.DataFrame:
    """The hand-coded reference table data/reference/disagreements.csv (all text), checked."""
    from libyabook.reference import load_reference

    ref = load_reference("disagreements")
    validate_reference(ref, schema=False)  # the package is validated as a whole by frictionless
    return ref


# ---------------------------------------------------------------- dates as windows
def resolve_version(date_text: str, anchor_text: str, published: dt.date) -> tuple[dt.date | None, str]:
    """(window start, precision) of a version's date words; (None, 'unresolved') when the rules cannot read them.

    An empty date_text gives (None, ''): the source does not date the fact. A bad anchor_text is a coding
    error and raises ValueError.
    """
    if not date_text:
        return None, ""
    anchor = resolve_date(anchor_text, published) if anchor_text else None
    try:
        return resolve_date(date_text, published, anchor=anchor)
    except ValueError:
        return None, "unresolved"


# ---------------------------------------------------------------- versions on a page


def _find_evidence(page: Page, r: dict, candidates: list[dict]) -> tuple[dict, list, int, int]:
    """(item, its lines, line number, offset) of a version's verbatim evidence; EvidenceError naming the topic, the
    page and the line it expected when the page no longer holds it (bad input, not a bug: a one-line refusal)."""
    source = f"disagreements topic {r['topic']!r} of data/reference/disagreements.csv"
    for item in candidates:
        lines = item_lines(page, item)
        for number, text in lines:
            at = text.find(r["evidence"])
            if at >= 0:
                for col in ("date_text", "anchor_text"):
                    if r[col] and not any(r[col] in t for _, t in lines):
                        raise EvidenceError(
                            page.path,
                            number,
                            f"{source}: expected item {item['item_id']} to contain {col} {r[col]!r}; not found",
                        )
                return item, lines, number, at
    raise EvidenceError(
        page.path,
        int(candidates[0]["line_start"]),
        f"{source}: expected a line of item(s) {', '.join(c['item_id'] for c in candidates)} "
        f"({r['source_outlet']}, {r['source_published']}) to contain {r['evidence'][:80]!r}; not found",
    )


def source_versions(page: Page, articles: pd.DataFrame, reference: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per source's version whose item is on the page: checked evidence, offsets, resolved date.

    Sorted by kind (dates first), then by the first page line of the topic, then (line, start).
    """
    if reference is None:
        reference = load_disagreements()
    else:
        reference = reference.fillna("").astype(str)
        validate_reference(reference)
    by_source = items_by_source(articles)
    rows = []
    for r in reference.to_dict("records"):
        candidates = by_source.get((r["source_outlet"].strip().casefold(), r["source_published"]), [])
        if not candidates:
            continue
        item, _, number, at = _find_evidence(page, r, candidates)
        date, precision = resolve_version(r["date_text"], r["anchor_text"], dt.date.fromisoformat(item["published"]))
        rows.append(
            {
                **{c: r[c] for c in SOURCE_VERSION_COLUMNS if c in r},
                "item_id": item["item_id"],
                "resolved_date": date.isoformat() if date else "",
                "precision": precision,
                "window_end": window_end(date, precision).isoformat() if date else "",
                "line": number,
                "start": at,
                "end": at + len(r["evidence"]),
            }
        )
    df = pd.DataFrame(rows, columns=SOURCE_VERSION_COLUMNS)
    if df.empty:
        return df.astype({"line": "int64", "start": "int64", "end": "int64"})
    df = df.assign(_k=df["kind"].map(KINDS.index), _f=df.groupby("topic")["line"].transform("min"))
    df = df.sort_values(["_k", "_f", "topic", "line", "start"], kind="mergesort").drop(columns=["_k", "_f"])
    return df.reset_index(drop=True).astype({"line": "int64", "start": "int64", "end": "int64"})
