"""A ledger of the page's numeric claims: who states each number, what it counts, and whether it can be added.

The claims table (``claims.py``) says *which* numbers the items state; the ``claims_ledger`` table
(``libyabook.extract.ledger``) says, by rules on the words around each number, *what kind of thing* each number
measures and *who* counted it, so that figures from different outlets can be put side by side without being
added up by mistake.

Public functions (pure: DataFrames in, DataFrame out; rows sorted by (line, start) unless said otherwise)

* ``claims_with_sources(claims, articles, ledger, outlets=None)``: every claim with its outlet, outlet
  name, publication date, and the published ledger's sentence, ``measure``, ``frame``, ``scope``,
  ``when_text``, ``hedge`` and ``restates``.
* ``single_source(ledger)``: the single-report flags of the published ledger.
* ``comparable(ledger, units, measures=None)``: claims counting the same kind of thing, side by side, by date.
* ``addition_warnings(rows)``: reasons, by rule, why the figures of a set of comparable claims must not be summed.
* Views for the period chapters: ``figures_in_window`` (the figures of a date window, side by side, with labels
  for charts), ``stated_values``, ``figure_summary`` (numbers to glue into prose), ``short_date``,
  ``quoted_speakers`` and ``quote_summary``.

How a claim is classified (``measure``, ``frame``, ``scope``, ``restates``, ``when_text``, ``hedge``) is stated
once, with its vocabulary, in ``libyabook.extract.ledger``, which writes the published ``claims_ledger`` table.
Restating rows (``restates`` not empty) must never be counted twice.
"""

from __future__ import annotations

import re

import pandas as pd

from libyabook.extract.ledger import (  # noqa: F401  (re-exported vocabulary for the chapters and atlas)
    LEDGER_TABLE_COLUMNS,
    NON_COUNT_UNITS,
    PEOPLE_UNITS,
    SCOPE_MEANING,
    SINGLE_SOURCE_COLUMNS,
    hedge_words,
)
from libyabook.extract.text import written_date
from libyabook.reference import display_names

#: A claim's scope as a reader's table writes it, with the sources' hedges: the outlets hedge what the videos
#: show ("believed", "apparently", "allegedly") and report the ICC's charges as allegations.
SCOPE_WORDS = {
    "executed on video": "killings on video, as reported",
    "ICC counts": "the ICC's charges, as reported",
}


def scope_words(scope: str) -> str:
    """A claim's scope in the words a reader's table uses (SCOPE_WORDS), unchanged when it has none."""
    return SCOPE_WORDS.get(scope, scope)


LEDGER_COLUMNS = [
    "claim_id",
    "item_id",
    "outlet",
    "outlet_name",
    "published",
    "value",
    "unit",
    "qualifier",
    "as_of",
    "what",
    "span",
    "line",
    "start",
    "end",
    "field",
    # then the published ledger's own columns (sentence ... restates), as extract.ledger writes them
    *LEDGER_TABLE_COLUMNS[1 : LEDGER_TABLE_COLUMNS.index("restates") + 1],
]
COMPARABLE_COLUMNS = [
    "as_of",
    "published",
    "outlet",
    "outlet_name",
    "value",
    "qualifier",
    "unit",
    "measure",
    "scope",
    "frame",
    "when_text",
    "hedge",
    "span",
    "claim_id",
    "item_id",
]


# ---------------------------------------------------------------- public tables
def claims_with_sources(
    claims: pd.DataFrame, articles: pd.DataFrame, ledger: pd.DataFrame, outlets: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every claim with its source (outlet, outlet name, date) and the published ledger's sentence, scope and dates.

    ``ledger`` is the published ``claims_ledger`` table. ``outlets`` maps outlet -> name (columns ``outlet``,
    ``name``); None reads data/reference/outlets.csv, and an outlet missing from it keeps its own spelling.
    """
    names = display_names("outlets", outlets)
    if claims.empty:
        return pd.DataFrame(columns=LEDGER_COLUMNS)
    src = articles.set_index("item_id")
    df = claims.copy().sort_values(["line", "start"], kind="stable")
    df["outlet"] = df["item_id"].map(src["outlet"]).fillna("")
    df["outlet_name"] = [names.get(o, o) for o in df["outlet"]]
    df["published"] = df["item_id"].map(src["published"]).fillna("")
    derived = [c for c in LEDGER_COLUMNS if c in ledger.columns and c != "claim_id"]
    df = df.merge(ledger[["claim_id", *derived]], on="claim_id", how="left", validate="one_to_one")
    return df.reindex(columns=LEDGER_COLUMNS).reset_index(drop=True)


def single_source(ledger: pd.DataFrame) -> pd.DataFrame:
    """The single-report flags of the published ``claims_ledger`` table, in its order (page order)."""
    return ledger.reindex(columns=SINGLE_SOURCE_COLUMNS).reset_index(drop=True)


def comparable(ledger: pd.DataFrame, units=PEOPLE_UNITS, measures=None, scopes=None) -> pd.DataFrame:
    """Claims counting the same kind of thing (given units, and measures/scopes if given), side by side by as_of.

    Restating rows (``restates`` set) and claims without a measure are left out; vague quantities stay (value
    empty). Sorted by (as_of, line, start); ``as_of`` empty sorts last.
    """
    if ledger.empty:
        return pd.DataFrame(columns=COMPARABLE_COLUMNS)
    keep = ledger["unit"].isin(set(units)) & (ledger["restates"] == "") & (ledger["measure"] != "")
    if measures is not None:
        keep &= ledger["measure"].isin(set(measures))
    if scopes is not None:
        keep &= ledger["scope"].isin(set(scopes))
    df = ledger[keep].copy()
    df["_as_of"] = df["as_of"].replace("", "9999-99-99")
    df = df.sort_values(["_as_of", "line", "start"], kind="stable")
    return df.reindex(columns=COMPARABLE_COLUMNS).reset_index(drop=True)


#: Why each warning of ``addition_warnings`` forbids a sum, in plain words (for tables under charts).
WARNING_WHY: dict[str, str] = {
    "different scopes": "they count different things (deaths in a clash, deaths shown on video, deaths a court cites)",
    "different measures": "killed and wounded (or arrived and rescued) are different outcomes",
    "different counters": "different people counted them (a party to the fighting, a video, a court, an outlet)",
    "aggregate may include incidents": (
        "a total over several incidents may already include single incidents listed beside it"
    ),
    "no date for the counted events": (
        "the page does not say when these happened, so overlap with the others cannot be ruled out"
    ),
    "vague quantity": "no number is given",
}


def addition_warnings(rows: pd.DataFrame) -> pd.DataFrame:
    """Why the figures of comparable rows must not be summed: one row per reason, with the figures concerned.

    Rules: ``different scopes`` (they count different things), ``different measures``, ``different counters``
    (different frames or outlets), ``aggregate may include incidents`` (an ICC count next to single-incident
    counts), ``no date for the counted events`` (when_text empty), ``vague quantity`` (no value).
    Columns: reason, why (WARNING_WHY), figures (the spans, '; '-joined), claim_ids.
    """
    cols = ["reason", "why", "figures", "claim_ids"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    out = []

    def add(reason, mask):
        which = rows[mask]
        if len(which):
            out.append(
                {
                    "reason": reason,
                    "why": WARNING_WHY[reason],
                    "figures": "; ".join(which["span"]),
                    "claim_ids": ", ".join(which["claim_id"]),
                }
            )

    everyone = pd.Series(True, index=rows.index)
    if rows["scope"].nunique() > 1:
        add("different scopes", everyone)
    if rows["measure"].nunique() > 1:
        add("different measures", everyone)
    counters = rows["frame"].replace("", "outlet") + "/" + rows["outlet"]
    if counters.nunique() > 1:
        add("different counters", everyone)
    aggregate = rows["scope"] == "ICC counts"
    if aggregate.any() and (~aggregate).any():
        add("aggregate may include incidents", everyone)
    add("no date for the counted events", rows["when_text"] == "")
    add("vague quantity", rows["value"].isna())
    return pd.DataFrame(out, columns=cols)


# ---------------------------------------------------------------- views for the period chapters
FIGURE_COLUMNS = [
    "label",
    "source",
    "outlet",
    "published",
    "figure",
    "value",
    "qualifier",
    "unit",
    "scope",
    "counts",
    "frame",
    "when",
    "hedge",
    "cue",
    "claim_id",
    "item_id",
]


def short_date(iso: str) -> str:
    """'2017-07-25' -> '25 Jul 2017' (the book's short date for labels); '' stays ''."""
    if not isinstance(iso, str) or not re.fullmatch(r"\d{4}-\d\d-\d\d", iso):
        return ""
    return written_date(iso, short=True)


def figures_in_window(
    ledger: pd.DataFrame, flags: pd.DataFrame, start, end, units=PEOPLE_UNITS, measures=None, scopes=None
) -> pd.DataFrame:
    """Comparable figures of the items published in [start, end], with source, scope, dates, hedges and cue.

    Why: the 'figures side by side' table and chart of a period chapter. One row per figure (restatements
    left out), in ``comparable`` order; ``label`` is 'span — scope' and, on a second line, 'outlet name, date'
    (for chart axes);
    ``counts`` is SCOPE_MEANING of the scope; ``cue`` the single-source cue (``single_source``), verbatim.
    """
    from libyabook.analysis.window import in_window

    if ledger.empty:
        return pd.DataFrame(columns=FIGURE_COLUMNS)
    rows = comparable(in_window(ledger, "published", start, end), units, measures, scopes)
    if rows.empty:
        return pd.DataFrame(columns=FIGURE_COLUMNS)
    cue = dict(zip(flags["claim_id"], flags["cue"])) if len(flags) else {}
    out = pd.DataFrame(
        {
            "source": rows["outlet_name"],
            "outlet": rows["outlet"],
            "published": rows["published"],
            "figure": rows["span"],
            "value": rows["value"],
            "qualifier": rows["qualifier"],
            "unit": rows["unit"],
            "scope": rows["scope"],
            "counts": rows["scope"].map(SCOPE_MEANING).fillna(""),
            "frame": rows["frame"],
            "when": rows["when_text"],
            "hedge": rows["hedge"],
            "cue": rows["claim_id"].map(cue).fillna(""),
            "claim_id": rows["claim_id"],
            "item_id": rows["item_id"],
        }
    )
    out["label"] = [
        f"{f} — {sc}\n{src}, {short_date(d)}"
        for f, sc, src, d in zip(out["figure"], out["scope"], out["source"], out["published"])
    ]
    return out.reindex(columns=FIGURE_COLUMNS).reset_index(drop=True)


def quoted_speakers(people: pd.DataFrame) -> pd.DataFrame:
    """Speakers of ``timeline.people_in_window`` with at least one quoted statement or term, most quoted first."""
    if people.empty:
        return people.reset_index(drop=True)
    df = people[(people["statements"] + people["terms"]) > 0].copy()
    df["_n"] = df["statements"] + df["terms"]
    df = df.sort_values(["_n", "statements", "name"], ascending=[False, False, True], kind="mergesort")
    return df.drop(columns="_n").reset_index(drop=True)


def stated_values(figures: pd.DataFrame) -> pd.DataFrame:
    """Rows of a figures table that state a number (vague quantities such as 'dozens' left out), for charts."""
    return figures[figures["value"].notna()].reset_index(drop=True)


def figure_summary(figures: pd.DataFrame) -> dict[str, int]:
    """Counts that describe a figures table: figures, with a number, scopes, counters, undated, single-report,
    hedged."""
    if figures.empty:
        return {
            k: 0
            for k in (
                "n_figures",
                "n_numbers",
                "n_scopes",
                "n_counters",
                "n_sources",
                "n_undated",
                "n_single_report",
                "n_hedged",
            )
        }
    return {
        "n_figures": len(figures),
        "n_numbers": int(figures["value"].notna().sum()),
        "n_scopes": int(figures["scope"].nunique()),
        "n_counters": int((figures["frame"].replace("", "outlet") + "/" + figures["outlet"]).nunique()),
        "n_sources": int(figures["outlet"].nunique()),
        "n_undated": int((figures["when"] == "").sum()),
        "n_single_report": int((figures["cue"] != "").sum()),
        "n_hedged": int((figures["hedge"] != "").sum()),
    }


def quote_summary(quoted: pd.DataFrame) -> dict:
    """Counts that describe a ``quoted_speakers`` table: speakers, statements, terms, and the most quoted speaker."""
    if quoted.empty:
        return {
            "n_speakers": 0,
            "n_statements": 0,
            "n_terms": 0,
            "top_name": "nobody",
            "top_statements": 0,
            "top_terms": 0,
        }
    top = quoted.iloc[0]
    return {
        "n_speakers": len(quoted),
        "n_statements": int(quoted["statements"].sum()),
        "n_terms": int(quoted["terms"].sum()),
        "top_name": str(top["name"]),
        "top_statements": int(top["statements"]),
        "top_terms": int(top["terms"]),
    }
