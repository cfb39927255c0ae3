"""Who speaks for whom: quotations joined to their speakers' names, sides and the outlets that quote them.

The ``quotes`` table says who each quotation is attributed to (``speaker``: an entity id of
``data/reference/entities.csv``, or the words the page uses when no entity matches, or '' when
unattributed). This module adds what a reader asks next: which *side* that speaker belongs to, and
which outlet put the words on the page, when.

Sides
  A side is a readable label derived from the entity's ``group`` column (see
  ``data/reference/README.entities.md``): ``libya_east`` -> "LNA / eastern authorities",
  ``libya_west`` -> "Tripoli authorities" (the Government of National Accord and the Tripoli-based
  navy and coastguard), ``ngo`` -> "NGOs", ``international`` -> "UN / international", and so on.
  ``foreign_state`` is split by the entity's ``country``: "Foreign officials: Italy".
  A speaker that is not an entity (the page's own words, e.g. "Libya's eastern-based parliament")
  is matched against ``data/reference/speaker_groups.csv``: hand-made descriptive phrases mapped to a
  group (whole words, any case). A speaker no rule places is "Unresolved"; an empty speaker is
  "Unattributed". Sides are a colouring aid for attribution, not a claim about allegiance.

Kinds
  Counts use the quote kinds ``statement`` and ``term`` by default; ``headline`` quotes repeat words
  of the item's own body (or stand alone in a title) and would count the same words twice.

Every function is pure: data in, DataFrame out; rows are sorted by a documented key.
"""

from __future__ import annotations

import re

import pandas as pd

from libyabook.extract.speakers import speaker_group  # noqa: F401  (the rule lives in extract)

#: Readable side label for each ``group`` of entities.csv (``foreign_state`` is refined by country).
GROUP_SIDES: dict[str, str] = {
    "libya_east": "LNA / eastern authorities",
    "libya_west": "Tripoli authorities",
    "libya_other": "Other Libyan actors",
    "armed_group": "Armed groups",
    "movement": "Political movements",
    "foreign_state": "Foreign officials",
    "international": "UN / international",
    "ngo": "NGOs",
    "media": "Media",
}
UNRESOLVED = "Unresolved"
UNATTRIBUTED = "Unattributed"

#: Order of sides in tables and charts; foreign officials by country come where "Foreign officials" is.
SIDE_ORDER: tuple[str, ...] = (
    "LNA / eastern authorities",
    "Tripoli authorities",
    "Other Libyan actors",
    "Armed groups",
    "Political movements",
    "Foreign officials",
    "UN / international",
    "NGOs",
    "Media",
    UNRESOLVED,
    UNATTRIBUTED,
)

#: Quote kinds counted by default (headlines repeat body words).
SPOKEN_KINDS: tuple[str, ...] = ("statement", "term")

QUOTE_SOURCE_COLUMNS = [
    "quote_id",
    "item_id",
    "outlet",
    "published",
    "speaker",
    "speaker_name",
    "speaker_group",
    "side",
    "speaker_text",
    "verb",
    "kind",
    "quote",
    "excerpt",
    "n_words",
    "line",
    "start",
]


def side_label(group: str, country: str = "") -> str:
    """The readable side of a group (foreign officials carry their country); '' gives 'Unresolved'."""
    if not group:
        return UNRESOLVED
    label = GROUP_SIDES.get(group, group)
    if group == "foreign_state" and country:
        return f"{label}: {country}"
    return label


def side_rank(side: str) -> tuple[int, str]:
    """Sort key placing a side in SIDE_ORDER ('Foreign officials: X' with 'Foreign officials', by country)."""
    base = side.split(":")[0]
    rank = SIDE_ORDER.index(base) if base in SIDE_ORDER else len(SIDE_ORDER)
    return rank, side


def order_sides(sides) -> list[str]:
    """Distinct sides in the book's fixed order, for chart axes and legends."""
    return sorted(set(sides), key=side_rank)


def quotes_with_sources(
    quotes: pd.DataFrame,
    articles: pd.DataFrame,
    entities: pd.DataFrame,
    descriptions: pd.DataFrame | None = None,
    speakers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each quotation with its speaker's name, group and side and the outlet and date of the item quoting it.

    ``speaker_name`` is the entity's name, else the speaker as written, else ''. ``excerpt`` is the quote
    with runs of whitespace (paragraph breaks, indentation) collapsed to one space, for tables; ``quote``
    stays verbatim. ``speakers`` is the published ``speakers`` table (speaker -> group); without it the
    groups are found now by the same rule. Sorted by (line, start): page order.
    """
    if quotes.empty:
        return pd.DataFrame(columns=QUOTE_SOURCE_COLUMNS)
    src = articles[["item_id", "outlet", "published"]]
    df = quotes.merge(src, on="item_id", how="left", validate="many_to_one")
    names = dict(zip(entities["entity_id"], entities["name"]))
    df["outlet"] = df["outlet"].fillna("")
    df["published"] = df["published"].fillna("")
    df["speaker"] = df["speaker"].fillna("")
    df["speaker_name"] = [names.get(s, s) for s in df["speaker"]]
    groups = dict(zip(speakers["speaker"], speakers["group"].fillna(""))) if speakers is not None else {}
    countries = dict(zip(entities["entity_id"], entities["country"])) if "country" in entities else {}
    df["speaker_group"] = [
        groups[s] if s in groups else speaker_group(s, entities, descriptions) for s in df["speaker"]
    ]
    df["side"] = [
        side_label(g, countries.get(s, "")) if s.strip() else UNATTRIBUTED
        for s, g in zip(df["speaker"], df["speaker_group"])
    ]
    df["excerpt"] = [re.sub(r"\s+", " ", q).strip() for q in df["quote"]]
    df["n_words"] = [len(q.split()) for q in df["quote"]]
    df = df.sort_values(["line", "start"], kind="mergesort")
    return df[QUOTE_SOURCE_COLUMNS].reset_index(drop=True)


def spoken(sourced: pd.DataFrame, kinds: tuple[str, ...] = SPOKEN_KINDS) -> pd.DataFrame:
    """The rows of a quotes_with_sources table whose kind is in ``kinds`` (default: statements and terms)."""
    return sourced[sourced["kind"].isin(kinds)].reset_index(drop=True)


def who_quotes_whom(
    quotes: pd.DataFrame,
    articles: pd.DataFrame,
    entities: pd.DataFrame,
    kinds: tuple[str, ...] = SPOKEN_KINDS,
    descriptions: pd.DataFrame | None = None,
    speakers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How many quotations each outlet attributes to each side: columns outlet, side, n_quotes (non-zero rows only).

    Sorted by outlet (as the page writes it, case-insensitive) then side in SIDE_ORDER.
    """
    df = spoken(quotes_with_sources(quotes, articles, entities, descriptions, speakers), kinds)
    if df.empty:
        return pd.DataFrame(
            {"outlet": pd.Series(dtype=str), "side": pd.Series(dtype=str), "n_quotes": pd.Series(dtype=int)}
        )
    counts = df.groupby(["outlet", "side"], sort=False).size().rename("n_quotes").reset_index()
    counts["n_quotes"] = counts["n_quotes"].astype(int)
    order = sorted(counts.itertuples(index=False), key=lambda r: (r.outlet.casefold(), r.outlet, side_rank(r.side)))
    return pd.DataFrame(order, columns=["outlet", "side", "n_quotes"]).reset_index(drop=True)


def side_matrix(counts: pd.DataFrame) -> pd.DataFrame:
    """The outlet x side grid of a who_quotes_whom table (zeros filled), outlets as rows, sides in SIDE_ORDER."""
    if counts.empty:
        return pd.DataFrame()
    grid = counts.pivot(index="outlet", columns="side", values="n_quotes").fillna(0).astype(int)
    outlets = sorted(grid.index, key=lambda o: (o.casefold(), o))
    grid = grid.loc[outlets, order_sides(grid.columns)]
    grid.index.name = "outlet"
    grid.columns.name = None
    return grid


def speaker_summary(
    quotes: pd.DataFrame,
    articles: pd.DataFrame,
    entities: pd.DataFrame,
    kinds: tuple[str, ...] = SPOKEN_KINDS,
    descriptions: pd.DataFrame | None = None,
    speakers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per speaker: name, side, n_quotes, n_words quoted, the outlets quoting them (comma-separated, sorted).

    Unattributed quotations are left out. Sorted by n_quotes descending, then by first appearance on the page.
    """
    df = spoken(quotes_with_sources(quotes, articles, entities, descriptions, speakers), kinds)
    df = df[df["speaker"] != ""]
    cols = ["speaker", "speaker_name", "side", "n_quotes", "n_words", "outlets"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for speaker, g in df.groupby("speaker", sort=False):
        rows.append(
            {
                "speaker": speaker,
                "speaker_name": g["speaker_name"].iloc[0],
                "side": g["side"].iloc[0],
                "n_quotes": int(len(g)),
                "n_words": int(g["n_words"].sum()),
                "outlets": ", ".join(sorted(set(g["outlet"]), key=lambda o: (o.casefold(), o))),
                "_first": int(g.index.min()),
            }
        )
    out = pd.DataFrame(rows).sort_values(["n_quotes", "_first"], ascending=[False, True], kind="mergesort")
    return out[cols].reset_index(drop=True)


def side_counts(
    quotes: pd.DataFrame,
    articles: pd.DataFrame,
    entities: pd.DataFrame,
    kinds: tuple[str, ...] = SPOKEN_KINDS,
    descriptions: pd.DataFrame | None = None,
    speakers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per side: n_quotes, n_speakers (distinct attributed speakers) and n_outlets quoting it; sides in
    SIDE_ORDER."""
    df = spoken(quotes_with_sources(quotes, articles, entities, descriptions, speakers), kinds)
    cols = ["side", "n_quotes", "n_speakers", "n_outlets"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    rows = [
        {
            "side": side,
            "n_quotes": int(len(g)),
            "n_speakers": int(g.loc[g["speaker"] != "", "speaker"].nunique()),
            "n_outlets": int(g["outlet"].nunique()),
        }
        for side, g in df.groupby("side", sort=False)
    ]
    out = pd.DataFrame(rows, columns=cols)
    out = out.iloc[sorted(range(len(out)), key=lambda i: side_rank(out["side"].iloc[i]))]
    return out.reset_index(drop=True)
