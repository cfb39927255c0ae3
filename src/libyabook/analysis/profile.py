"""Profile of a page as a source: its sections, outlets, dates and gaps, and the marks a reader should discount.

Functions for chapter 1 ("The page as a source"). They take the tables of ``libyabook.analysis.tables.load`` (and the
reference tables of ``libyabook.reference.load_reference``) and return small DataFrames with stable row order,
so a chapter only calls, charts and explains. Everything is rule-based and works on any page of the format:

- outlets are described from ``data/reference/outlets.csv``; an outlet missing there gets kind ``unknown``;
- publication *gaps* are the spans between consecutive distinct publication dates, and *bursts* are runs of
  dated items separated by a gap of at least ``min_gap_days``;
- shouted words, web debris, framing terms and the verbatim checks are read from the page by
  ``libyabook.extract.framing`` and published as tables; ``term_table`` summarises the framing terms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pandas as pd

from libyabook.extract import datapackage
from libyabook.extract.framing import FRAMING_TERMS

SECTION_ORDER = ("lead", "linked", "related", "update")
SECTION_LABELS = {
    "lead": "Lead paragraph",
    "linked": "Linked headlines",
    "related": "Related-post headlines",
    "update": "Numbered updates",
}
KIND_ORDER = ("wire", "newspaper", "broadcaster", "digital", "tabloid", "unknown")


#: Ownership notes of outlets.csv that say an outlet is owned by a state.
STATE_OWNED = re.compile(r"\bstate-owned\b|\bowned by the [A-Z]\w* state\b", re.I)


def _dated(articles: pd.DataFrame) -> pd.DataFrame:
    """Items with a publication date, with the date parsed, sorted by date then page position."""
    pub = articles["published"].fillna("").astype(str)
    df = articles[pub != ""].copy()
    df["date"] = pd.to_datetime(df["published"], format="%Y-%m-%d")
    return df.sort_values(["date", "position"], kind="mergesort").reset_index(drop=True)


def _has_excerpt(articles: pd.DataFrame) -> pd.Series:
    """True where an item carries excerpt text (a body), False for a bare headline."""
    return articles["body"].fillna("").astype(str).str.strip() != ""


def outlet_reference(outlets: pd.DataFrame) -> pd.DataFrame:
    """The outlets reference table plus a ``state_owned`` flag read from its ownership note (see STATE_OWNED)."""
    df = outlets.copy()
    df["state_owned"] = df["ownership"].fillna("").astype(str).map(lambda s: bool(STATE_OWNED.search(s)))
    return df.reset_index(drop=True)


def items_by_outlet(articles: pd.DataFrame, outlets: pd.DataFrame, include_lead: bool = False) -> pd.DataFrame:
    """One row per outlet the page names: items, excerpts, words and dates, with kind and owner from outlets.csv.

    The lead is left out unless ``include_lead``: it is the compiler's undated paragraph crediting a video.
    Outlets missing from the reference table get their page spelling as name and kind ``unknown``.
    Sorted by words (most first), then outlet.
    """
    items = articles[articles["outlet"].fillna("").astype(str) != ""]
    if not include_lead:
        items = items[items["section"] != "lead"]
    cols = [
        "outlet",
        "name",
        "kind",
        "country",
        "state_owned",
        "items",
        "excerpts",
        "headlines_only",
        "words",
        "first",
        "last",
    ]
    if items.empty:
        return pd.DataFrame(columns=cols)
    items = items.assign(excerpt=_has_excerpt(items), pub=items["published"].fillna("").astype(str))
    grouped = items.groupby("outlet", sort=True).agg(
        items=("item_id", "size"),
        excerpts=("excerpt", "sum"),
        words=("n_words", "sum"),
        first=("pub", lambda s: min((d for d in s if d), default="")),
        last=("pub", "max"),
    )
    grouped["headlines_only"] = grouped["items"] - grouped["excerpts"]
    ref = outlet_reference(outlets).set_index("outlet")
    grouped = grouped.join(ref[["name", "kind", "country", "state_owned"]], how="left")
    grouped["name"] = grouped["name"].fillna(pd.Series(grouped.index, index=grouped.index))
    grouped["kind"] = grouped["kind"].fillna("unknown")
    grouped["country"] = grouped["country"].fillna("")
    grouped["state_owned"] = grouped["state_owned"].fillna(False).astype(bool)
    out = grouped.reset_index().rename(columns={"index": "outlet"})
    for c in ("items", "excerpts", "headlines_only", "words"):
        out[c] = out[c].astype(int)
    out = out.sort_values(["words", "outlet"], ascending=[False, True], kind="mergesort")
    return out[cols].reset_index(drop=True)


def publication_timeline(articles: pd.DataFrame) -> pd.DataFrame:
    """Dated items in date order (then page order): what a timeline plots, one row per item."""
    cols = ["item_id", "section", "outlet", "published", "year", "title", "words", "has_excerpt"]
    df = _dated(articles)
    if df.empty:
        return pd.DataFrame(columns=cols)
    df["year"] = df["date"].dt.year.astype(int)
    df["words"] = df["n_words"].astype(int)
    df["has_excerpt"] = _has_excerpt(df)
    return df[cols].reset_index(drop=True)


def section_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """Per section of the page: items, how many are dated, carry an excerpt or are bare headlines, and words."""
    rows = []
    present = [s for s in SECTION_ORDER if s in set(articles["section"])]
    present += sorted(set(articles["section"]) - set(SECTION_ORDER))
    for section in present:
        sub = articles[articles["section"] == section]
        pub = sub["published"].fillna("").astype(str)
        dated = pub[pub != ""]
        excerpt = _has_excerpt(sub)
        rows.append(
            {
                "section": section,
                "label": SECTION_LABELS.get(section, section),
                "items": len(sub),
                "dated": len(dated),
                "with_excerpt": int(excerpt.sum()),
                "headline_only": int((~excerpt).sum()) if section != "lead" else 0,
                "words": int(sub["n_words"].sum()),
                "first": min(dated) if len(dated) else "",
                "last": max(dated) if len(dated) else "",
            }
        )
    return pd.DataFrame(
        rows, columns=["section", "label", "items", "dated", "with_excerpt", "headline_only", "words", "first", "last"]
    )


def headline_only(articles: pd.DataFrame) -> pd.DataFrame:
    """Items that are a headline and nothing more (no excerpt), in page order: their wording cannot be checked here."""
    df = articles[(articles["section"] != "lead") & ~_has_excerpt(articles)]
    return df[["item_id", "section", "outlet", "published", "title"]].reset_index(drop=True)


def gaps(articles: pd.DataFrame, min_days: int = 1) -> pd.DataFrame:
    """Spans between consecutive distinct publication dates of at least ``min_days``, longest first."""
    cols = ["from_date", "to_date", "days", "years", "before_item", "after_item"]
    df = _dated(articles)
    if df.empty:
        return pd.DataFrame(columns=cols)
    firsts = df.drop_duplicates("date", keep="first").reset_index(drop=True)
    lasts = df.drop_duplicates("date", keep="last").reset_index(drop=True)
    rows = []
    for k in range(1, len(firsts)):
        days = int((firsts.loc[k, "date"] - lasts.loc[k - 1, "date"]).days)
        if days >= min_days:
            rows.append(
                {
                    "from_date": lasts.loc[k - 1, "published"],
                    "to_date": firsts.loc[k, "published"],
                    "days": days,
                    "years": round(days / 365.25, 1),
                    "before_item": lasts.loc[k - 1, "item_id"],
                    "after_item": firsts.loc[k, "item_id"],
                }
            )
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["days", "from_date"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def bursts(articles: pd.DataFrame, min_gap_days: int = 180) -> pd.DataFrame:
    """Runs of dated items with no gap of ``min_gap_days`` or more inside: when the page's sources cluster."""
    cols = ["burst", "first", "last", "days", "items", "outlets", "item_ids"]
    df = _dated(articles)
    if df.empty:
        return pd.DataFrame(columns=cols)
    new = df["date"].diff().dt.days.fillna(0) >= min_gap_days
    df["burst"] = new.cumsum().astype(int) + 1
    rows = []
    for burst, sub in df.groupby("burst", sort=True):
        rows.append(
            {
                "burst": int(burst),
                "first": sub["published"].iloc[0],
                "last": sub["published"].iloc[-1],
                "days": int((sub["date"].iloc[-1] - sub["date"].iloc[0]).days) + 1,
                "items": len(sub),
                "outlets": sub["outlet"].nunique(),
                "item_ids": ", ".join(sub["item_id"]),
            }
        )
    return pd.DataFrame(rows, columns=cols)


def date_order(articles: pd.DataFrame) -> pd.DataFrame:
    """Per section, whether its dated items run oldest first, newest first or in mixed order down the page."""
    rows = []
    for section in [s for s in SECTION_ORDER if s in set(articles["section"])]:
        sub = articles[(articles["section"] == section)].sort_values("position", kind="mergesort")
        pub = [p for p in sub["published"].fillna("").astype(str) if p]
        if len(pub) < 2:
            order = "undated" if not pub else "single item"
        elif all(a <= b for a, b in zip(pub, pub[1:])):
            order = "oldest first"
        elif all(a >= b for a, b in zip(pub, pub[1:])):
            order = "newest first"
        else:
            order = "mixed"
        rows.append({"section": section, "dated": len(pub), "order": order})
    return pd.DataFrame(rows, columns=["section", "dated", "order"])


def extraction_summary(tables: Mapping[str, pd.DataFrame] | object) -> pd.DataFrame:
    """Rows of the tables read from the page's items (articles, boilerplate, mentions, quotes, claims, events)."""
    rows = []
    for name in datapackage.CORE_TABLES:
        df = tables[name] if isinstance(tables, Mapping) else getattr(tables, name)
        rows.append({"table": name, "rows": len(df), "one_row_is": datapackage.SCHEMAS[name]["title"]})
    return pd.DataFrame(rows, columns=["table", "rows", "one_row_is"])


def term_table(found: pd.DataFrame, terms: Iterable[str] = FRAMING_TERMS) -> pd.DataFrame:
    """Counts of each term by where it occurs (post title, lead, headline, excerpt) and the outlets using it."""
    wheres = ["post title", "lead", "headline", "excerpt"]
    rows = []
    for term in terms:
        sub = found[found["term"] == term]
        row = {"term": term}
        row.update({w: int((sub["where"] == w).sum()) for w in wheres})
        row["outlets"] = ", ".join(sorted(set(o for o in sub["outlet"] if o)))
        rows.append(row)
    return pd.DataFrame(rows, columns=["term", *wheres, "outlets"])


def relayed_media(
    mentions: pd.DataFrame, articles: pd.DataFrame, entities: pd.DataFrame, outlets: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Other news organisations an item cites in its text: reports it relays second-hand, in page order.

    A media organisation (entities group ``media``) counts unless it is the item's own outlet (same id, or the
    same name as the outlet's row in outlets.csv).
    """
    media = entities[(entities["group"] == "media") & (entities["type"] == "organisation")]
    names = dict(zip(media["entity_id"], media["name"]))
    own_names = {}
    if outlets is not None:
        own_names = {o: str(n).lower().removeprefix("the ") for o, n in zip(outlets["outlet"], outlets["name"])}
    info = articles.set_index("item_id")[["outlet", "published"]]
    rows = []
    for r in mentions[mentions["entity_id"].isin(list(names))].itertuples():
        outlet = info.loc[r.item_id, "outlet"] if r.item_id in info.index else ""
        name = names[r.entity_id]
        if r.entity_id == str(outlet).lower() or own_names.get(outlet, "").startswith(name.lower()):
            continue
        rows.append(
            {
                "item_id": r.item_id,
                "outlet": outlet,
                "published": info.loc[r.item_id, "published"],
                "relays": name,
                "surface": r.surface,
                "line": int(r.line),
                "start": int(r.start),
            }
        )
    out = pd.DataFrame(rows, columns=["item_id", "outlet", "published", "relays", "surface", "line", "start"])
    return out.sort_values(["line", "start"], kind="mergesort").reset_index(drop=True)


def spellings(mentions: pd.DataFrame, articles: pd.DataFrame, entity_id: str) -> pd.DataFrame:
    """How the page spells one entity: each surface form, how often, and in which outlets' items (first use first)."""
    sub = mentions[mentions["entity_id"] == entity_id].sort_values(["line", "start"], kind="mergesort")
    outlet = dict(zip(articles["item_id"], articles["outlet"]))
    rows = []
    for surface, g in sub.groupby("surface", sort=False):
        outs = sorted(set(outlet.get(i, "") or "(compiler)" for i in g["item_id"]))
        rows.append(
            {"spelling": surface, "mentions": len(g), "outlets": ", ".join(outs), "first_line": int(g["line"].min())}
        )
    out = pd.DataFrame(rows, columns=["spelling", "mentions", "outlets", "first_line"])
    return out.sort_values(["mentions", "first_line"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
