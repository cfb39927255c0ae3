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


def spelling_summary(spelled: pd.DataFrame) -> pd.DataFrame:
    """Per spelling (from ``spellings``): mentions, items, outlets and which outlets; most used first."""
    return _summary(spelled, ["spelling"], SPELLING_SUMMARY_COLUMNS)


# --- titles --------------------------------------------------------------------------------------


def title_summary(titled: pd.DataFrame) -> pd.DataFrame:
    """Per title (from ``titles_before``, NO_TITLE included): mentions, items, outlets; most used first."""
    return _summary(titled, ["title"], TITLE_SUMMARY_COLUMNS)


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
