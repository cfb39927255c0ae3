"""Where the page's sources tell the same thing differently, and the claims ledger as one table for a chapter.

Two parts, both pure functions (DataFrames in, DataFrame out).

Disagreements (hand-coded in ``data/reference/disagreements.csv``)
-------------------------------------------------------------------
Each row of the reference table is *one source's version* of a contested fact (a ``topic``): who gives it
(``speaker``), how the outlet knows it (``basis``), what it says (``version``, a short paraphrase), the date
words it uses (``date_text``, and ``anchor_text`` when the phrase counts from another date, as in
"informed it on Friday ... the same day"), and a verbatim ``evidence`` span. ``kind`` says what is
contested: ``date`` (when something happened) or ``account`` (what happened, who did it, where, how many).

``versions(source_versions, articles)`` takes the published ``versions`` table (read from the page by
``libyabook.extract.versions``: checked evidence, offsets, resolved date) and adds each version's outlet and
date and its topic's status.

``topics(versions)`` compares the versions of each topic:

* date topics: each resolved date is a window (a day, a week from its first day, a calendar month or year).
  ``agree``: same date and precision; ``compatible``: every two windows overlap (one source is only less
  precise); ``disagree``: at least two windows do not overlap (``gap_days``: the largest gap between them);
  ``one date only`` / ``undated``: fewer than two versions can be dated.
* account topics: ``different versions`` when the ``version`` texts differ, else ``same version``
  (the coder writes the same words for versions that say the same thing); ``one version`` when only one
  row is on the page.

``differ`` is True for ``disagree`` and ``different versions``.

The ledger for a chapter
------------------------
``ledger_table`` joins ``ledger.claims_with_sources`` and the published ledger's single-report flags into one row per
numeric
claim with its source, qualifier, scope and single-report cue; ``migration_figures``,
``implied_shares``, ``casualty_figures`` and ``restated_quantities`` are the views the claims-ledger
chapter charts and explains. Unit conversions (``CONVERSIONS``) are the only facts kept in code: they are
definitions of units, not knowledge about Libya.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from libyabook.extract.versions import KINDS, SOURCE_VERSION_COLUMNS  # noqa: F401  (KINDS: for chapters)
from libyabook.reference import display_names

#: The published versions (extract.versions), with the source's outlet and date after its item, and the verdict.
VERSION_COLUMNS = [
    *SOURCE_VERSION_COLUMNS[: SOURCE_VERSION_COLUMNS.index("item_id") + 1],
    "outlet",
    "outlet_name",
    "published",
    *SOURCE_VERSION_COLUMNS[SOURCE_VERSION_COLUMNS.index("item_id") + 1 :],
    "status",
    "differ",
]
TOPIC_COLUMNS = [
    "topic",
    "kind",
    "question",
    "status",
    "differ",
    "n_versions",
    "n_outlets",
    "sources",
    "dates",
    "gap_days",
    "versions",
]
DATE_STATUSES = ("agree", "compatible", "disagree", "one date only", "undated")
ACCOUNT_STATUSES = ("same version", "different versions", "one version")


# ---------------------------------------------------------------- reference table


# ---------------------------------------------------------------- dates as windows


def date_status(windows: list[tuple[dt.date, dt.date, str]]) -> tuple[str, int | None]:
    """Status of a date topic from its (start, end, precision) windows, and the largest gap in days between two."""
    if not windows:
        return "undated", None
    if len(windows) == 1:
        return "one date only", None
    if len({(s, p) for s, _, p in windows}) == 1:
        return "agree", 0
    gap = 0
    for i, (s1, e1, _) in enumerate(windows):
        for s2, e2, _ in windows[i + 1 :]:
            gap = max(gap, (s2 - e1).days, (s1 - e2).days)
    return ("disagree", gap) if gap > 0 else ("compatible", 0)


# ---------------------------------------------------------------- versions on a page
def versions(
    source_versions: pd.DataFrame, articles: pd.DataFrame, outlets: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The published ``versions`` table with each version's outlet, outlet name and date, and its topic's status.

    Keeps the published order: kind (dates first), first page line of the topic, then (line, start).
    """
    names = display_names("outlets", outlets)
    if source_versions.empty:
        return _typed(pd.DataFrame(columns=VERSION_COLUMNS))
    src = articles.set_index("item_id")
    df = source_versions.assign(
        outlet=source_versions["item_id"].map(src["outlet"]).fillna(""),
        published=source_versions["item_id"].map(src["published"]).fillna(""),
    )
    df["outlet_name"] = [names.get(o, o) for o in df["outlet"]]
    status = topics(df.reindex(columns=[c for c in VERSION_COLUMNS if c not in ("status", "differ")])).set_index(
        "topic"
    )
    df["status"] = df["topic"].map(status["status"])
    df["differ"] = df["topic"].map(status["differ"]).astype(bool)
    return _typed(df.reindex(columns=VERSION_COLUMNS).reset_index(drop=True))


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """Integer offsets and a boolean flag, also for an empty table."""
    return df.astype({"line": "int64", "start": "int64", "end": "int64", "differ": "bool"})


def topics(versions_df: pd.DataFrame) -> pd.DataFrame:
    """One row per topic: status (agree/compatible/disagree..., or different versions), differ flag, sources, dates.

    Rows are in the order topics first appear in ``versions_df``.
    """
    if versions_df.empty:
        return pd.DataFrame(columns=TOPIC_COLUMNS).astype(
            {"differ": "bool", "n_versions": "int64", "n_outlets": "int64"}
        )
    out = []
    for topic in dict.fromkeys(versions_df["topic"]):
        g = versions_df[versions_df["topic"] == topic]
        kind = g["kind"].iloc[0]
        dated = g[g["resolved_date"] != ""]
        gap = None
        if kind == "date":
            windows = [
                (dt.date.fromisoformat(s), dt.date.fromisoformat(e), p)
                for s, e, p in zip(dated["resolved_date"], dated["window_end"], dated["precision"])
            ]
            status, gap = date_status(windows)
        elif len(g) == 1:
            status = "one version"
        else:
            status = "different versions" if g["version"].nunique() > 1 else "same version"
        out.append(
            {
                "topic": topic,
                "kind": kind,
                "question": g["question"].iloc[0],
                "status": status,
                "differ": status in ("disagree", "different versions"),
                "n_versions": len(g),
                "n_outlets": int(g["outlet"].nunique()),
                "sources": "; ".join(dict.fromkeys(f"{n} ({p})" for n, p in zip(g["outlet_name"], g["published"]))),
                "dates": "; ".join(f"{d} ({p})" for d, p in zip(dated["resolved_date"], dated["precision"])),
                "gap_days": gap,
                "versions": "; ".join(dict.fromkeys(g["version"])),
            }
        )
    df = pd.DataFrame(out, columns=TOPIC_COLUMNS)
    df["gap_days"] = df["gap_days"].astype("Int64")
    return df


def date_versions(versions_df: pd.DataFrame) -> pd.DataFrame:
    """The versions of date topics (dated or not), in table order: the rows of the disagreement-dates chart."""
    return versions_df[versions_df["kind"] == "date"].reset_index(drop=True)


def account_versions(versions_df: pd.DataFrame) -> pd.DataFrame:
    """The versions of account topics (what happened, who, where, how many), in table order."""
    return versions_df[versions_df["kind"] == "account"].reset_index(drop=True)


def short_name(name: str) -> str:
    """An outlet's name without its parenthesised gloss, for chart labels: 'CNA (Channel NewsAsia)' -> 'CNA'."""
    head = str(name).split(" (", 1)[0].strip()
    return head or str(name)


def largest_gap(topics_df: pd.DataFrame) -> int:
    """The largest gap in days between two sources' dates of one fact (0 when no dates disagree)."""
    gaps = topics_df.loc[topics_df["status"] == "disagree", "gap_days"].dropna() if len(topics_df) else []
    return int(max(gaps)) if len(gaps) else 0


# ---------------------------------------------------------------- the ledger as one table
LEDGER_TABLE_COLUMNS = [
    "claim_id",
    "item_id",
    "source",
    "outlet",
    "published",
    "span",
    "value",
    "unit",
    "unit_kind",
    "qualifier",
    "as_of",
    "measure",
    "scope",
    "frame",
    "when_text",
    "hedge",
    "single_report",
    "cue",
    "n_items",
    "restates",
    "unit_from",
    "line",
    "start",
    "end",
]
#: Order of qualifiers in tables and charts (claims.py's vocabulary), from exact to vague.
QUALIFIER_ORDER = ("exact", "about", "almost", "at least", "more than", "less than", "up to", "vague")
UNIT_KINDS = ("people", "percent", "distance or time", "other things", "no unit")
NO_SOURCE = "no outlet given"


def unit_kind(unit: str) -> str:
    """What kind of unit a claim counts in: people, percent, distance or time, other things, or no unit."""
    from libyabook.analysis.ledger import NON_COUNT_UNITS, PEOPLE_UNITS

    if not isinstance(unit, str) or not unit:
        return "no unit"
    if unit in PEOPLE_UNITS:
        return "people"
    if unit == "percent":
        return "percent"
    if unit in NON_COUNT_UNITS:
        return "distance or time"
    return "other things"


def ledger_table(
    claims: pd.DataFrame, articles: pd.DataFrame, ledger: pd.DataFrame, outlets: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every numeric claim with its source (outlet name, date), qualifier, scope and single-report flag, by (line,
    start).

    ``ledger`` is the published ``claims_ledger`` table: ``single_report`` is its ``cue_kind`` (tweet, video,
    one official...), '' when the sentence names none, and ``cue`` its words; ``n_items`` how many items state
    the same value and scope; ``source`` is ``NO_SOURCE`` for items the page gives no outlet.
    """
    from libyabook.analysis.ledger import claims_with_sources, single_source

    if claims.empty:
        return pd.DataFrame(columns=LEDGER_TABLE_COLUMNS)
    lg = claims_with_sources(claims, articles, ledger, outlets=outlets)
    flags = single_source(ledger).set_index("claim_id")
    df = lg.assign(
        source=lg["outlet_name"].replace("", NO_SOURCE),
        unit_kind=[unit_kind(u) for u in lg["unit"]],
        single_report=lg["claim_id"].map(flags["cue_kind"]).fillna(""),
        cue=lg["claim_id"].map(flags["cue"]).fillna(""),
        n_items=lg["claim_id"].map(flags["n_items"]).fillna(1).astype("int64"),
        unit_from=lg["claim_id"].map(claims.set_index("claim_id")["unit_from"]).fillna(""),
    )
    return df.reindex(columns=LEDGER_TABLE_COLUMNS).reset_index(drop=True)


#: Scopes (ledger.py) that count migrants crossing to, arriving in, or dying on the way to Europe.
MIGRATION_SCOPES = (
    "crossings of the Mediterranean",
    "crossings to Europe",
    "arrivals in Italy",
    "arrivals in Europe",
    "deaths at sea",
    "rescued at sea",
    "rescued by one NGO",
    "returns to Libya",
)
#: Scopes that count people killed or wounded.
CASUALTY_SCOPES = ("killed in one incident", "wounded in one incident", "executed on video", "ICC counts", "deaths")
FIGURE_COLUMNS = [
    "scope",
    "source",
    "outlet",
    "published",
    "as_of",
    "span",
    "value",
    "qualifier",
    "unit",
    "measure",
    "frame",
    "when_text",
    "single_report",
    "claim_id",
    "item_id",
]


def _figures(table: pd.DataFrame, scopes: tuple[str, ...]) -> pd.DataFrame:
    """Rows of the ledger table in the given scopes (restatements left out), in scope order then by (as_of, line)."""
    if table.empty:
        return pd.DataFrame(columns=FIGURE_COLUMNS)
    df = table[table["scope"].isin(scopes) & (table["restates"] == "") & (table["unit_kind"] == "people")].copy()
    df["_s"] = df["scope"].map(scopes.index)
    df["_d"] = df["as_of"].replace("", "9999-99-99")
    df = df.sort_values(["_s", "_d", "line", "start"], kind="mergesort")
    return df.reindex(columns=FIGURE_COLUMNS).reset_index(drop=True)


def migration_figures(table: pd.DataFrame, stated_only: bool = False) -> pd.DataFrame:
    """Counts of migrants by scope (crossings, arrivals, deaths at sea, rescues), side by side; vague ones unless
    stated_only."""
    df = _figures(table, MIGRATION_SCOPES)
    return df[df["value"].notna()].reset_index(drop=True) if stated_only else df


def casualty_figures(table: pd.DataFrame) -> pd.DataFrame:
    """Counts of people killed or wounded by scope (one incident, on video, ICC), side by side; never to be summed."""
    return _figures(table, CASUALTY_SCOPES)


IMPLIED_COLUMNS = [
    "item_id",
    "source",
    "as_of",
    "total_span",
    "total",
    "total_qualifier",
    "total_scope",
    "share_span",
    "share",
    "share_qualifier",
    "share_scope",
    "implied",
]


def implied_shares(table: pd.DataFrame) -> pd.DataFrame:
    """A percentage stated in the same sentence as a count of people gives an implied count (total x share / 100).

    Why: '114,000 ... with almost 85 percent arriving in Italy' implies an Italy figure to set beside another
    outlet's Italy figure. The implied value is rounded to a whole number and is only as exact as both inputs.
    """
    if table.empty:
        return pd.DataFrame(columns=IMPLIED_COLUMNS)
    rows = []
    shares = table[(table["unit"] == "percent") & table["value"].notna()]
    for s in shares.itertuples(index=False):
        totals = table[
            (table["item_id"] == s.item_id)
            & (table["line"] == s.line)
            & (table["unit_kind"] == "people")
            & table["value"].notna()
            & (table["start"] < s.start)
        ]
        if totals.empty:
            continue
        t = totals.iloc[-1]
        rows.append(
            {
                "item_id": s.item_id,
                "source": s.source,
                "as_of": s.as_of,
                "total_span": t["span"],
                "total": t["value"],
                "total_qualifier": t["qualifier"],
                "total_scope": t["scope"],
                "share_span": s.span,
                "share": s.value,
                "share_qualifier": s.qualifier,
                "share_scope": s.scope,
                "implied": float(round(t["value"] * s.value / 100)),
            }
        )
    return pd.DataFrame(rows, columns=IMPLIED_COLUMNS)


#: Factors between units of length (definitions): (from, to) -> factor.
CONVERSIONS: dict[tuple[str, str], float] = {
    ("miles", "km"): 1.609344,
    ("km", "miles"): 1 / 1.609344,
    ("nautical miles", "km"): 1.852,
    ("km", "nautical miles"): 1 / 1.852,
}
RESTATED_COLUMNS = [
    "claim_id",
    "restates",
    "item_id",
    "source",
    "original_span",
    "original_value",
    "original_unit",
    "restating_span",
    "restating_value",
    "restating_unit",
    "expected",
    "consistent",
    "km_if_nautical",
]


def restated_quantities(table: pd.DataFrame) -> pd.DataFrame:
    """Pairs of claims that state one quantity twice (a headline and its body, '27 miles (43 km)'), checked.

    ``claim_id`` is the restating claim, ``restates`` the claim it repeats (the original).
    ``expected`` is the original value in the restating claim's unit (unit conversions from CONVERSIONS, same value
    when the units are nouns of one count); ``consistent`` when it rounds to the stated value.
    ``km_if_nautical`` is what a distance in miles would be in km had nautical miles been meant (else empty).
    """
    if table.empty:
        return pd.DataFrame(columns=RESTATED_COLUMNS)
    by_id = table.set_index("claim_id")
    rows = []
    for r in table[table["restates"] != ""].itertuples(index=False):
        first = by_id.loc[r.restates]
        factor = CONVERSIONS.get((first["unit"], r.unit), 1.0)
        expected = first["value"] * factor
        rows.append(
            {
                "claim_id": r.claim_id,
                "restates": r.restates,
                "item_id": r.item_id,
                "source": r.source,
                "original_span": first["span"],
                "original_value": first["value"],
                "original_unit": first["unit"],
                "restating_span": r.span,
                "restating_value": r.value,
                "restating_unit": r.unit,
                "expected": round(expected, 2),
                "consistent": bool(round(expected) == r.value),
                "km_if_nautical": round(first["value"] * 1.852, 2) if first["unit"] == "miles" else None,
            }
        )
    return pd.DataFrame(rows, columns=RESTATED_COLUMNS)


def figure_value(
    rows: pd.DataFrame,
    scope: str | None = None,
    n: int = 0,
    *,
    unit: str | None = None,
    column: str = "value",
    default=0,
):
    """The n-th value (row order) of a scope (and/or unit) in a table, an int when whole; ``default`` when absent.

    Why: prose numbers are glued from the tables, never typed, and another page may lack the row.
    """
    if rows.empty or column not in rows.columns:
        return default
    keep = pd.Series(True, index=rows.index)
    if scope is not None:
        keep &= rows["scope"] == scope
    if unit is not None:
        keep &= rows["unit"] == unit
    vals = rows.loc[keep, column].dropna()
    if len(vals) <= n:
        return default
    v = float(vals.iloc[n])
    return int(v) if v.is_integer() else v


def single_report_claims(table: pd.DataFrame) -> pd.DataFrame:
    """Claims of the ledger table whose sentence says they rest on one report (a tweet, a video, one official...)."""
    if table.empty:
        return table.reset_index(drop=True)
    return table[table["single_report"] != ""].reset_index(drop=True)


#: Scopes of the migrant totals that measure the same flow (to Europe, or its Italian part) in 2017.
ARRIVAL_SCOPES = ("crossings of the Mediterranean", "crossings to Europe", "arrivals in Europe", "arrivals in Italy")
ARRIVAL_COLUMNS = ["as_of", "source", "scope", "value", "qualifier", "figure", "kind", "claim_id"]


def arrival_comparison(table: pd.DataFrame) -> pd.DataFrame:
    """Stated totals of ARRIVAL_SCOPES and the totals implied by a stated share (``implied_shares``), by as_of.

    ``kind`` is ``stated`` or ``implied``; an implied row's ``figure`` names the share and the total it comes
    from with their qualifiers ('almost 85 percent of more than 114,000'), and its qualifier is ``about`` (a share of
    a bound is no bound). Sorted by (as_of, kind, value).
    """
    stated = migration_figures(table, stated_only=True)
    stated = stated[stated["scope"].isin(ARRIVAL_SCOPES)]
    rows = [
        {
            "as_of": r.as_of,
            "source": r.source,
            "scope": r.scope,
            "value": r.value,
            "qualifier": r.qualifier,
            "figure": r.span,
            "kind": "stated",
            "claim_id": r.claim_id,
        }
        for r in stated.itertuples(index=False)
    ]
    for r in implied_shares(table).itertuples(index=False):
        if r.share_scope in ARRIVAL_SCOPES:
            figure = f"{r.share_qualifier} {r.share:g} percent of {r.total_qualifier} {r.total:,.0f}".replace(
                "exact ", ""
            )
            rows.append(
                {
                    "as_of": r.as_of,
                    "source": r.source,
                    "scope": r.share_scope,
                    "value": r.implied,
                    "qualifier": "about",
                    "figure": figure,
                    "kind": "implied",
                    "claim_id": "",
                }
            )
    df = pd.DataFrame(rows, columns=ARRIVAL_COLUMNS)
    if df.empty:
        return df
    return df.sort_values(["as_of", "kind", "value"], ascending=[True, False, False], kind="mergesort").reset_index(
        drop=True
    )
