"""How the press names, titles and labels a person and his side: summaries of the published tables.

The reading of the page (titles before a name, label uses, the post title's labels, with the vocabulary of
``data/reference/labels.csv``) lives in ``libyabook.extract.labels`` and is published as the ``titles``,
``label_uses`` and ``framing_labels`` tables. This module summarises those tables and the ``mentions``
table by outlet and year: spellings of a name, titles, labels. Every function is pure (tables in, DataFrame out).
"""

from __future__ import annotations

import pandas as pd

from libyabook.extract.entities import alias_pattern, load_aliases
from libyabook.extract.labels import NO_TITLE, _entity_mentions, _item_info  # noqa: F401  (NO_TITLE: for chapters)

SPELLING_COLUMNS = ["item_id", "outlet", "year", "surface", "spelling", "field", "line", "start", "end"]
SUMMARY_COLUMNS = ["label", "applies_to", "kind", "n", "n_items", "n_outlets", "outlets"]
SPELLING_SUMMARY_COLUMNS = ["spelling", "n", "n_items", "n_outlets", "outlets"]
TITLE_SUMMARY_COLUMNS = ["title", "n", "n_items", "n_outlets", "outlets"]
ITEM_COLUMNS = ["item_id", "outlet", "published", "n_words", "n_mentions"]
NAMING_COLUMNS = ["item_id", "outlet", "published", "entity_id", "n_mentions"]

#: Row label for items the page does not date, in outlet-year tables.
UNDATED = "undated"


def source_label(outlet: str, year) -> str:
    """Row label for an outlet and year: 'abcnews 2017', 'CNN undated', '(no outlet) undated'."""
    name = outlet if isinstance(outlet, str) and outlet.strip() else "(no outlet)"
    return f"{name} {UNDATED if year is None or year is pd.NA or pd.isna(year) else int(year)}"


# --- spellings -----------------------------------------------------------------------------------


def spelling_of(surface: str, entity_id: str, aliases: pd.DataFrame | None = None) -> str:
    """The surname form a mention uses: the shortest short/spelling alias of the entity inside the surface."""
    table = load_aliases() if aliases is None else aliases
    rows = table[(table["entity_id"] == entity_id) & (table["kind"].isin(["short", "spelling"]))]
    found = [
        (len(r.alias), k, r.alias)
        for k, r in enumerate(rows.itertuples(index=False))
        if alias_pattern(r.alias, r.case or "exact").search(surface)
    ]
    return min(found)[2] if found else surface


def spellings(
    mentions: pd.DataFrame, articles: pd.DataFrame, entity_id: str = "haftar", aliases: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per mention of the entity with its outlet, year and surname spelling, in page order."""
    table = load_aliases() if aliases is None else aliases
    info = _item_info(articles)
    rows = []
    for m in _entity_mentions(mentions, entity_id).to_dict("records"):
        outlet, year = info.get(m["item_id"], ("", pd.NA))
        rows.append(
            (
                m["item_id"],
                outlet,
                year,
                m["surface"],
                spelling_of(m["surface"], entity_id, table),
                m.get("field", ""),
                int(m["line"]),
                int(m["start"]),
                int(m["end"]),
            )
        )
    out = pd.DataFrame(rows, columns=SPELLING_COLUMNS)
    return out.astype({"year": "Int64", "line": "int64", "start": "int64", "end": "int64"})


def spellings_by_outlet_year(
    mentions: pd.DataFrame, articles: pd.DataFrame, entity_id: str = "haftar", aliases: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Mentions per (outlet, year, spelling): how each outlet spelled the name, chronologically, undated last."""
    return count_by_outlet_year(spellings(mentions, articles, entity_id, aliases), "spelling")


def spelling_summary(spelled: pd.DataFrame) -> pd.DataFrame:
    """Per spelling (from ``spellings``): mentions, items, outlets and which outlets; most used first."""
    return _summary(spelled, ["spelling"], SPELLING_SUMMARY_COLUMNS)


def variant_outlets(spelled: pd.DataFrame, standard: str | None = None) -> list[str]:
    """Outlets (page order) that use a spelling other than ``standard`` (default: the most used spelling)."""
    if spelled.empty:
        return []
    if standard is None:
        standard = spelling_summary(spelled)["spelling"].iloc[0]
    return [o for o in dict.fromkeys(spelled.loc[spelled["spelling"] != standard, "outlet"]) if o]


# --- titles --------------------------------------------------------------------------------------


def title_summary(titled: pd.DataFrame) -> pd.DataFrame:
    """Per title (from ``titles_before``, NO_TITLE included): mentions, items, outlets; most used first."""
    return _summary(titled, ["title"], TITLE_SUMMARY_COLUMNS)


def titles_by_outlet_year(titled: pd.DataFrame) -> pd.DataFrame:
    """Mentions per (outlet, year, title) of the ``titles`` table, NO_TITLE included: who gave the name a rank."""
    return count_by_outlet_year(titled, "title")


# --- labels --------------------------------------------------------------------------------------


def label_summary(hits: pd.DataFrame) -> pd.DataFrame:
    """Per label (from ``label_counts``): hits, items, outlets and which outlets; most frequent first."""
    return _summary(hits, ["label", "applies_to", "kind"], SUMMARY_COLUMNS)


def label_total(hits: pd.DataFrame, label: str | None = None, applies_to: str | None = None) -> int:
    """Number of hits of one label and/or one side (0 when there are none), for numbers quoted in prose."""
    keep = pd.Series(True, index=hits.index)
    if label is not None:
        keep &= hits["label"] == label
    if applies_to is not None:
        keep &= hits["applies_to"] == applies_to
    return int(keep.sum())


# --- items and framing ---------------------------------------------------------------------------


def mentions_per_item(mentions: pd.DataFrame, articles: pd.DataFrame, entity_id: str = "haftar") -> pd.DataFrame:
    """Mentions of the entity in each item that names it, in page order, with the item's length."""
    counts = _entity_mentions(mentions, entity_id).groupby("item_id", sort=False).size()
    items = articles[articles["item_id"].isin(counts.index)]
    out = items[["item_id", "outlet", "published", "n_words"]].copy()
    out["n_mentions"] = [int(counts[i]) for i in out["item_id"]]
    return out[ITEM_COLUMNS].astype({"n_words": "int64", "n_mentions": "int64"}).reset_index(drop=True)


def items_naming(mentions: pd.DataFrame, articles: pd.DataFrame, entity_ids: list[str] | str) -> pd.DataFrame:
    """Which items name any of the given entities (e.g. the CIA), and how often: what a claim rests on."""
    ids = [entity_ids] if isinstance(entity_ids, str) else list(entity_ids)
    rows = mentions[mentions["entity_id"].isin(ids)]
    info = articles.set_index("item_id")
    order = {item_id: k for k, item_id in enumerate(articles["item_id"])}
    counts = rows.groupby(["item_id", "entity_id"], sort=False).size().reset_index(name="n_mentions")
    counts["outlet"] = [info.at[i, "outlet"] for i in counts["item_id"]]
    counts["published"] = [info.at[i, "published"] for i in counts["item_id"]]
    counts["_order"] = [(order[i], ids.index(e)) for i, e in zip(counts["item_id"], counts["entity_id"])]
    counts = counts.sort_values("_order", kind="stable")
    return counts[NAMING_COLUMNS].astype({"n_mentions": "int64"}).reset_index(drop=True)


def question_titles(articles: pd.DataFrame) -> pd.DataFrame:
    """Items whose headline is a question (ends with '?', closing quotes aside): claims put as questions."""
    asks = articles["title"].fillna("").str.rstrip().str.rstrip("”\"’'").str.endswith("?")
    return articles.loc[asks.to_numpy(), ["item_id", "outlet", "published", "title"]].reset_index(drop=True)


# --- outlet x year tables ------------------------------------------------------------------------


def count_by_outlet_year(df: pd.DataFrame, column: str) -> pd.DataFrame:
    """Rows per (outlet, year, value of column) as a long table, chronological (undated last), then outlet."""
    cols = ["outlet", "year", column, "n"]
    if df.empty:
        return pd.DataFrame(columns=cols).astype({"n": "int64"})
    key = df.assign(_y=df["year"].astype("Int64").fillna(-1))
    counts = key.groupby(["outlet", "_y", column], sort=False).size().reset_index(name="n")
    counts["_undated"] = counts["_y"] < 0
    counts["_o"] = counts["outlet"].str.casefold()
    counts = counts.sort_values(["_undated", "_y", "_o", "outlet", column], kind="stable")
    counts["year"] = counts["_y"].where(counts["_y"] >= 0).astype("Int64")
    return counts[cols].astype({"n": "int64"}).reset_index(drop=True)


def outlet_year_table(counts: pd.DataFrame, column: str) -> pd.DataFrame:
    """Wide table for charts: one row per 'outlet year' (order of ``counts``), one column per value of column.

    Columns are ordered by total (most frequent first, then by name); cells are counts (0 when absent).
    """
    if counts.empty:
        return pd.DataFrame(columns=["source"])
    labels = [source_label(o, y) for o, y in zip(counts["outlet"], counts["year"])]
    rows = list(dict.fromkeys(labels))
    totals = counts.groupby(column)["n"].sum()
    values = sorted(totals.index, key=lambda v: (-int(totals[v]), str(v)))
    wide = pd.DataFrame(0, index=rows, columns=values, dtype="int64")
    for label, value, n in zip(labels, counts[column], counts["n"]):
        wide.loc[label, value] += int(n)
    wide.columns = [str(c) for c in wide.columns]
    return wide.rename_axis("source").reset_index()


def _summary(df: pd.DataFrame, keys: list[str], columns: list[str]) -> pd.DataFrame:
    """Counts per key: rows, distinct items, distinct outlets and their names (page order of first use)."""
    if df.empty:
        return pd.DataFrame(columns=columns).astype({c: "int64" for c in ("n", "n_items", "n_outlets")})
    rows = []
    for key, group in df.groupby(keys, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        outlets = [o for o in dict.fromkeys(group["outlet"]) if o]
        rows.append((*key, len(group), group["item_id"].nunique(), len(outlets), ", ".join(outlets)))
    out = pd.DataFrame(rows, columns=columns)
    out = out.sort_values(["n", keys[0]], ascending=[False, True], kind="stable")
    return out.astype({"n": "int64", "n_items": "int64", "n_outlets": "int64"}).reset_index(drop=True)
