"""The findings of chapter 8 (the claims ledger), each a check on the page's tables.

Keys are ``claims_ledger.<name>``. A finding about specific figures or contested facts (the migrant totals,
the search-and-rescue zone) is not testable on a page that lacks them.
"""

from __future__ import annotations

import pandas as pd

from libyabook.analysis import words
from libyabook.analysis.chapters import claims_ledger as chapter
from libyabook.analysis.findings import Finding, check
from libyabook.analysis.tables import Tables


def _topic(topics: pd.DataFrame, topic: str) -> dict | None:
    """One contested fact's row of the topics table, or None when it is not coded for this page."""
    hit = topics[topics["topic"] == topic] if len(topics) else topics
    return hit.iloc[0].to_dict() if len(hit) else None


def _dates(versions: pd.DataFrame, topic: str) -> str:
    """A topic's resolved dates as the prose writes them, with the outlet that gives each."""
    rows = versions[(versions["topic"] == topic) & (versions["resolved_date"] != "")] if len(versions) else versions
    return "; ".join(f"{r.outlet_name}, {words.date(r.resolved_date, r.precision)}" for r in rows.itertuples())


def migrant_totals(f: chapter.ClaimsLedgerFacts) -> list[Finding]:
    """The three migrant totals count three things; two agree through a share; the later floor is lower."""
    fig = f.figures
    have = bool(fig.crossings and fig.italy and fig.europe)
    scopes = set(f.arrivals.loc[f.arrivals["kind"] == "stated", "scope"]) if len(f.arrivals) else set()
    none = "no such totals on this page"
    close = have and fig.implied_italy and abs(fig.implied_italy - fig.italy) <= 0.05 * fig.italy
    return [
        check(
            "claims_ledger.three_scopes",
            "The migrant totals reported in August 2017 look like one running tally but count three different "
            "things (crossings of the Mediterranean, arrivals in Italy, arrivals in Europe), from three outlets.",
            holds=len(scopes) == 3 and fig.n_outlets == 3,
            evidence=f"{words.count(len(scopes), 'scope')} among the stated totals, "
            f"{words.count(fig.n_outlets, 'outlet')}"
            if have
            else none,
            testable=have,
        ),
        check(
            "claims_ledger.share_compatible",
            "ABC News's own percentage makes its total compatible with ANSAmed's Italian figure.",
            holds=bool(close),
            evidence=(
                f"{words.number(fig.share)} percent of {words.number(fig.crossings)} is about "
                f"{words.number(fig.implied_italy)}, against more than {words.number(fig.italy)}"
            )
            if have
            else none,
            testable=have,
        ),
        check(
            "claims_ledger.later_floor_lower",
            "Middle East Eye's later count for Europe is lower than ABC News's earlier one, though both "
            "cite the migration agency (ABC News “The U.N. migration agency”, Middle East Eye the IOM); the page "
            "does not say why.",
            holds=have and fig.europe < fig.crossings,
            evidence=f"more than {words.number(fig.europe)} against more than {words.number(fig.crossings)}"
            if have
            else none,
            testable=have,
        ),
    ]


def casualties_apart(f: chapter.ClaimsLedgerFacts) -> Finding:
    """The casualty figures fall in several scopes and rest on different counters: they are not added."""
    scopes = int(f.casualties["scope"].nunique()) if len(f.casualties) else 0
    return check(
        "claims_ledger.casualties_apart",
        "The casualty figures cannot be added: they count different things (one clash, videos, a "
        "court's charges) and the court's count may include the people in the videos.",
        holds=scopes >= 3 and len(f.warnings) > 0,
        evidence=f"{words.count(len(f.casualties), 'figure')} in {words.count(scopes, 'scope')}, "
        f"{words.count(len(f.warnings), 'reason')} not to add them",
        testable=len(f.casualties) >= 2,
    )


def videos_single(f: chapter.ClaimsLedgerFacts) -> Finding:
    """Every count of people killed on video rests, by its own sentence, on the video alone."""
    video = (
        f.ledger[
            (f.ledger["scope"] == "executed on video")
            & (f.ledger["restates"] == "")
            & (f.ledger["unit_kind"] == "people")
        ]
        if len(f.ledger)
        else f.ledger
    )
    return check(
        "claims_ledger.videos_single_report",
        "Every count of people killed in the 2017 videos rests, by the words of its own sentence, on the video alone.",
        holds=len(video) > 0 and bool((video["single_report"] == "video").all()),
        evidence=f"{words.count(len(video), 'count')} of people on video, "
        f"{words.number(int((video['single_report'] == 'video').sum()) if len(video) else 0)} "
        "flagged as resting on a video",
        testable=len(video) > 0,
    )


def km_conversion(f: chapter.ClaimsLedgerFacts) -> Finding:
    """The kilometres restate the miles, converted with the statute mile."""
    km = f.restated[f.restated["restating_unit"] == "km"] if len(f.restated) else f.restated
    return check(
        "claims_ledger.statute_miles",
        "The Golfo Azzurro's distance from the coast is one quantity told twice: the kilometres are "
        "the miles converted with the statute mile, not the nautical mile.",
        holds=len(km) > 0 and bool(km["consistent"].all()),
        evidence=f"{f.glue['miles']} miles are {f.glue['km_expected']} km with the statute mile, about "
        f"{f.glue['km_nautical']} km with the nautical mile; the text gives {f.glue['km']} km",
        testable=len(km) > 0,
    )


def contested(f: chapter.ClaimsLedgerFacts) -> list[Finding]:
    """The rescue-zone date, the order at sea, and the storming of parliament (one date, no disagreement)."""
    zone, order, storm = (_topic(f.topics, k) for k in ("sar_zone_declared", "naval_order", "parliament_stormed_2014"))
    return [
        check(
            "claims_ledger.rescue_zone_date",
            "Middle East Eye and the New York Times (relaying Doctors Without Borders) date Libya's declaration "
            "of its search-and-rescue zone a day apart.",
            holds=bool(zone) and zone["status"] == "disagree" and zone["gap_days"] == 1,
            evidence=_dates(f.date_versions, "sar_zone_declared") or "not coded for this page",
            testable=zone is not None,
        ),
        check(
            "claims_ledger.order_at_sea",
            "Haftar's order at sea is told in two versions the same day: confronting vessels (ABC News, from "
            "the LNA's statements) and bombing Italian vessels (ANSAmed, from one tweet).",
            holds=bool(order) and order["status"] == "different versions" and order["n_outlets"] == 2,
            evidence=f"versions: {order['versions']}" if order else "not coded for this page",
            testable=order is not None,
        ),
        check(
            "claims_ledger.parliament_same_day",
            "CNN and Channel NewsAsia date the storming of parliament in 2014 to the same Sunday: on this the "
            "sources agree.",
            holds=bool(storm) and storm["status"] == "agree",
            evidence=_dates(f.date_versions, "parliament_stormed_2014") or "not coded for this page",
            testable=storm is not None,
        ),
    ]


def prisoners_dated(f: chapter.ClaimsLedgerFacts) -> Finding:
    """The 1996 prison killings: the page dates them itself ("three months later" than March 1996)."""
    rows = f.casualties[f.casualties["span"].str.contains("political prisoners")] if len(f.casualties) else f.casualties
    as_of = str(rows["as_of"].iloc[0]) if len(rows) else ""
    return check(
        "claims_ledger.prisoners_dated",
        "The page dates the killing of some 1,200 political prisoners itself, three months after the "
        "uprising of March 1996: the figure refers to 1996, not to the 2011 article that reports it.",
        holds=as_of[:4] == "1996",
        evidence=f"the ledger dates it {words.date(as_of, 'month') if as_of else 'nowhere'}",
        testable=len(rows) > 0,
    )


def findings(t: Tables) -> list[Finding]:
    """Chapter 8's findings, checked on the tables of a page (no date window: the ledger is the whole page)."""
    f = chapter.facts(t)
    return [
        *migrant_totals(f),
        casualties_apart(f),
        prisoners_dated(f),
        videos_single(f),
        km_conversion(f),
        *contested(f),
    ]
