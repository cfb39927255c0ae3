"""Chapter 8, the claims ledger: every number the page states, what can be compared, and where sources disagree.

``facts(t)`` returns the frames the chapter shows (the ledger, the migrant and casualty figures, the
restatements, the single-report quantities, the versions of contested facts) and the words its prose glues.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from libyabook.analysis import disagreements as dis
from libyabook.analysis import ledger, words
from libyabook.analysis.tables import Tables


@dataclass(frozen=True)
class MigrantFigures:
    """The migrant totals of early August 2017: the three stated totals and ABC News's implied Italian share."""

    crossings: float
    italy: float
    europe: float
    share: float
    implied_italy: float
    n_outlets: int
    days_apart: int


@dataclass(frozen=True)
class ClaimsLedgerFacts:
    """What chapter 8 shows: one frame per table or chart, the figures its prose compares, and the glue."""

    ledger: pd.DataFrame
    migrants: pd.DataFrame
    arrivals: pd.DataFrame
    casualties: pd.DataFrame
    warnings: pd.DataFrame
    restated: pd.DataFrame
    single: pd.DataFrame
    topics: pd.DataFrame
    date_versions: pd.DataFrame
    account_versions: pd.DataFrame
    figures: MigrantFigures
    glue: dict[str, str] = field(default_factory=dict)


def ledger_of(t: Tables) -> pd.DataFrame:
    """The ledger table (one row per numeric claim with its source, scope and single-report cue) for a page."""
    return dis.ledger_table(t.claims, t.articles, t.claims_ledger)


def versions_of(t: Tables) -> pd.DataFrame:
    """The checked versions of the contested facts coded for this page."""
    return dis.versions(t.versions, t.articles)


def refers_to(start: str, end: str) -> str:
    """The time a figure refers to, as the prose writes it: '22 July 2017', 'June 1996', 'June to July 2017'."""
    if not start or not end:
        return words.date(end or start) if (end or start) else ""
    s, e = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if s == e:
        return words.date(s)
    whole_months = s.day == 1 and (e + dt.timedelta(days=1)).day == 1
    if whole_months and (s.year, s.month) == (e.year, e.month):
        return words.date(s, "month")
    if whole_months and s.year == e.year:
        return f"{s:%B} to {e:%B} {e.year}"
    return f"{words.date(s)} to {words.date(e)}"


def with_refers_to(df: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """A frame of claims with ``refers_to``: the window its claim's date words give (else its as_of date)."""
    spans = {r.claim_id: refers_to(r.as_of_start, r.as_of_end) for r in claims.itertuples()}
    fallback = [words.date(a) if isinstance(a, str) and a else "" for a in df["as_of"]]
    return df.assign(refers_to=[spans.get(c, f) or f for c, f in zip(df["claim_id"], fallback)])


def single_quantities(table: pd.DataFrame) -> pd.DataFrame:
    """Distinct quantities of people whose own sentence says they rest on one report (a video, an official...).

    Restatements are left out (a headline repeating its excerpt is one quantity, not two), and so are
    numbers that count no people (the 'four rows' a video shows): what rests on one report is a count.
    """
    single = dis.single_report_claims(table)
    if single.empty:
        return single
    keep = (single["restates"] == "") & (single["unit_kind"] == "people") & (single["scope"] != "")
    return single[keep].reset_index(drop=True)


def migrant_figures(migrants: pd.DataFrame, arrivals: pd.DataFrame, implied: pd.DataFrame) -> MigrantFigures:
    """The figures the migrant section compares, 0 where the page lacks one."""
    implied = implied.rename(columns={"share_scope": "scope"})
    stated = arrivals[arrivals["kind"] == "stated"] if len(arrivals) else arrivals
    days = (pd.Timestamp(stated["as_of"].max()) - pd.Timestamp(stated["as_of"].min())).days if len(stated) else 0
    return MigrantFigures(
        crossings=dis.figure_value(migrants, "crossings of the Mediterranean"),
        italy=dis.figure_value(migrants, "arrivals in Italy"),
        europe=dis.figure_value(migrants, "arrivals in Europe"),
        share=dis.figure_value(implied, "arrivals in Italy", column="share"),
        implied_italy=dis.figure_value(implied, "arrivals in Italy", column="implied"),
        n_outlets=int(stated["source"].nunique()) if len(stated) else 0,
        days_apart=int(days),
    )


def for_readers(df: pd.DataFrame) -> pd.DataFrame:
    """A frame with ``measures`` (its scope in the sources' terms) and, for dated versions, ``when`` (the
    resolved date to its precision, as the prose writes it) for the reader's tables."""
    out = df.assign(measures=[ledger.scope_words(s) for s in df["scope"]]) if "scope" in df else df
    if "resolved_date" in out:
        out = out.assign(
            when=[words.date(d, p) if d else "not resolved" for d, p in zip(out["resolved_date"], out["precision"])]
        )
    return out


def facts(t: Tables) -> ClaimsLedgerFacts:
    """Everything chapter 8 shows, computed from the page's tables."""
    table = with_refers_to(ledger_of(t), t.claims)
    migrants = with_refers_to(dis.migration_figures(table), t.claims)
    arrivals = with_refers_to(dis.arrival_comparison(table), t.claims)
    casualties = with_refers_to(dis.casualty_figures(table), t.claims)
    vers = versions_of(t)
    found = ClaimsLedgerFacts(
        ledger=for_readers(table),
        migrants=migrants,
        arrivals=for_readers(arrivals),
        casualties=for_readers(casualties),
        warnings=ledger.addition_warnings(casualties),
        restated=dis.restated_quantities(table),
        single=single_quantities(table),
        topics=dis.topics(vers),
        date_versions=for_readers(dis.date_versions(vers)),
        account_versions=dis.account_versions(vers),
        figures=migrant_figures(migrants, arrivals, dis.implied_shares(table)),
    )
    return ClaimsLedgerFacts(**{**found.__dict__, "glue": glue(found)})


def _n(df: pd.DataFrame, mask=None) -> int:
    """Rows of a frame (or of those where ``mask`` holds)."""
    return int(len(df)) if mask is None else int(mask.sum())


def glue(f: ClaimsLedgerFacts) -> dict[str, str]:
    """The chapter's prose numbers, written as the prose writes them."""
    t, fig = f.ledger, f.figures
    has = len(t) > 0
    distinct = t[t["restates"] == ""] if has else t
    video = f.single[f.single["single_report"] == "video"] if len(f.single) else f.single
    return {
        "n_claims": words.count(len(t), "numeric claim"),
        "n_items_claims": words.count(int(t["item_id"].nunique()) if has else 0, "item"),
        "n_outlets_claims": words.count(int(t.loc[t["outlet"] != "", "outlet"].nunique()) if has else 0, "outlet"),
        "n_restating": words.count(_n(t, t["restates"] != "") if has else 0, "pair"),
        "n_quantities": words.count(len(distinct), "distinct quantity", "distinct quantities"),
        "n_vague": words.count(_n(t, t["qualifier"] == "vague") if has else 0, "vague quantity", "vague quantities"),
        "n_lower": words.count(_n(t, t["qualifier"].isin(["more than", "at least"])) if has else 0, "lower bound"),
        "n_single": words.count(len(f.single), "distinct count", "distinct counts"),
        "n_single_video": words.count(len(video), "count"),
        "n_single_video_undated": words.number(_n(video, video["when_text"] == "") if len(video) else 0),
        "fig_crossings": words.number(fig.crossings),
        "fig_italy": words.number(fig.italy),
        "fig_europe": words.number(fig.europe),
        "fig_share": words.number(fig.share),
        "fig_implied_italy": words.number(fig.implied_italy),
        "fig_italy_gap": words.number(abs(fig.implied_italy - fig.italy)),
        "fig_europe_gap": words.number(abs(fig.crossings - fig.europe)),
        "n_arrival_outlets": words.count(fig.n_outlets, "outlet"),
        "arrival_days": words.count(fig.days_apart, "day"),
        "fig_deaths_sea": words.number(dis.figure_value(f.migrants, "deaths at sea")),
        "fig_ngo": words.number(dis.figure_value(f.migrants, "rescued by one NGO")),
        "n_casualty": words.count(len(f.casualties), "casualty figure"),
        "n_casualty_scopes": words.count(int(f.casualties["scope"].nunique()) if len(f.casualties) else 0, "scope"),
        "n_warnings": words.count(len(f.warnings), "reason"),
        "miles": words.number(dis.figure_value(t, unit="miles")),
        "km": words.number(dis.figure_value(t, unit="km")),
        **_conversion_glue(f.restated),
        **_topic_glue(f.topics, f.date_versions, f.account_versions),
    }


def _conversion_glue(restated: pd.DataFrame) -> dict[str, str]:
    """The miles-to-km check: the statute-mile conversion and the nautical alternative, in km."""
    km = restated[restated["restating_unit"] == "km"] if len(restated) else restated
    expected = float(km["expected"].iloc[0]) if len(km) else 0.0
    nautical = float(km["km_if_nautical"].iloc[0]) if len(km) else 0.0
    return {"km_expected": f"{expected:.2f}", "km_nautical": words.number(round(nautical))}


def _topic_glue(topics: pd.DataFrame, dated: pd.DataFrame, accounts: pd.DataFrame) -> dict[str, str]:
    """How many contested facts are coded and how many differ, in words."""
    has = len(topics) > 0
    return {
        "n_topics": words.count(len(topics), "contested fact"),
        "n_date_topics": words.number(_n(topics, topics["kind"] == "date") if has else 0),
        "n_account_topics": words.number(_n(topics, topics["kind"] == "account") if has else 0),
        "n_versions": words.count(len(dated) + len(accounts), "version"),
        "gap_days": words.count(dis.largest_gap(topics), "day"),
    }
