"""Chapter 4's findings, each a check on the tables: Benghazi declared liberated yet contested, a toll on one
commander's word, hedged videos, a warrant tied to filmed killings, figures never summed, the Paris deal and
Haftar's words a day later, and who is quoted.

Findings about named happenings are tested only when the page carries them (their coded events, the items
that report them); elsewhere they are *not testable on this page*.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from libyabook.analysis import words
from libyabook.analysis.chapters import benghazi_icc_2017 as chapter
from libyabook.analysis.chapters.selection import outlet_names
from libyabook.analysis.findings import Finding, check

START, END = chapter.START, chapter.END
KEY = "benghazi_icc_2017"
LIBERATION, KHRAIBEESH, DEAL, INTERVIEW, WARRANT = "LBY015", "LBY016", "LBY019", "LBY020", "LBY030"


def _events(t, *ids: str) -> pd.DataFrame:
    """The coded events with these ids, indexed by id (empty when the page lacks them)."""
    return t.events[t.events["event_id"].isin(ids)].set_index("event_id")


def _figure(f: chapter.Benghazi2017, report: tuple[str, str], span: str) -> pd.DataFrame:
    """The casualty figure a report (outlet, published) states with this verbatim span (empty when absent)."""
    rows = f.figures
    return rows[(rows["outlet"] == report[0]) & (rows["published"] == report[1]) & (rows["figure"] == span)]


def liberated_and_contested(t) -> Finding:
    """Benghazi is reported liberated and still fought over, in the same report."""
    ev = _events(t, LIBERATION, KHRAIBEESH)
    same = ev["source_item"].nunique() == 1 if len(ev) == 2 else False
    names = outlet_names()
    return check(
        f"{KEY}.liberated_and_contested",
        "In July 2017 the same report of The New Arab relays Haftar's "
        "declared *liberation* of Benghazi and an attack that an LNA commander said was on the last "
        "resistance pockets in Khraibeesh, "
        "with street-to-street fighting continuing in the city.",
        holds=same,
        evidence="; ".join(
            f"{chapter.headline(i)} ({words.date(r['event_date'], r['date_precision'])}, "
            f"{names.get(r['source_outlet'], r['source_outlet'])})"
            for i, r in ev.iterrows()
        )
        or "neither event is on this page",
        testable=len(ev) == 2,
    )


def toll_on_one_word(f: chapter.Benghazi2017) -> Finding:
    """The clash's toll is stated once, by one commander."""
    toll = pd.concat([_figure(f, chapter.CLASH, "six troops"), _figure(f, chapter.CLASH, "eight")])
    others = f.figures[f.figures["value"].isin(toll["value"]) & ~f.figures["item_id"].isin(toll["item_id"])]
    holds = len(toll) == 2 and (toll["cue"] == "a commander said").all() and others.empty
    return check(
        f"{KEY}.toll_on_one_word",
        "The only toll of the Benghazi fighting, six killed and eight wounded by "
        "the LNA, rests on the word of one commander, in one report; the page does not say whose troops "
        "the six were.",
        holds=holds,
        evidence=f"{words.join(f'{s} ({c})' for s, c in zip(toll['figure'], toll['cue'])) or 'no toll'}; "
        f"{words.count(len(others), 'other report')} of those numbers",
        testable=len(toll) > 0,
    )


def hedged_videos(f: chapter.Benghazi2017) -> Finding:
    """Every video figure carries its source's hedge."""
    videos = f.figures[f.figures["scope"] == "executed on video"]
    hedges = [h for h in videos["hedge"] if str(h)]
    holds = len(hedges) == len(videos) > 0 and {"believed to be", "apparently", "allegedly"} <= set(hedges)
    return check(
        f"{KEY}.hedged_videos",
        "Every video figure is hedged as its outlet hedges it: prisoners *believed "
        "to be* ISIS fighters (Daily Express), people *apparently* killed and a video that *allegedly* "
        "showed Warfalli shooting (Middle East Eye).",
        holds=holds,
        evidence=f"{words.count(len(videos), 'video figure')}; their hedges: "
        f"{words.join(dict.fromkeys(hedges)) or 'none'}",
        testable=len(videos) > 0,
    )


def warrant_and_videos(t, f: chapter.Benghazi2017) -> Finding:
    """The report of the warrant ties it to filmed killings and to a video in which Warfalli appears."""
    warrant = _events(t, WARRANT)
    item = warrant["source_item"].iloc[0] if len(warrant) else ""
    filmed = f.figures[(f.figures["item_id"] == item) & f.figures["scope"].isin(["ICC counts", "executed on video"])]
    holds = {"ICC counts", "executed on video"} <= set(filmed["scope"])
    return check(
        f"{KEY}.warrant_and_videos",
        "Middle East Eye ties the ICC warrant to filmed killings: the executions "
        "at issue, “many of which were filmed”, and a video in which Warfalli appears.",
        holds=holds,
        evidence=f"in the warrant's report: {words.join(filmed['figure']) or 'no such figures'}",
        testable=len(warrant) == 1,
    )


def icc_counts(f: chapter.Benghazi2017) -> Finding:
    """The court's allegation, as relayed: seven incidents, 33 people, June and July 2017."""
    people = _figure(f, chapter.WARRANT_REPORT, "33 people")
    g = f.glue
    holds = len(people) == 1 and g["n_icc_incidents"] == "seven" and "June and July 2017" in str(people["when"].iloc[0])
    return check(
        f"{KEY}.icc_counts",
        "The ICC warrant is the page's only judicial source: according to the court, "
        "as Middle East Eye relays it, alleged murder in seven incidents involving 33 people in June and July 2017.",
        holds=holds,
        evidence=f"{g['n_icc_incidents'] or 'no'} incidents, "
        f"{g['n_icc_people'] or 'no'} people; dated “{people['when'].iloc[0] if len(people) else ''}”",
        testable=len(people) == 1,
    )


def never_summed(f: chapter.Benghazi2017) -> Finding:
    """The figures count different things by different counters, so no total is given."""
    reasons = set(f.warnings["reason"])
    holds = {"different scopes", "different counters"} <= reasons
    return check(
        f"{KEY}.never_summed",
        "The casualty figures count different things, by different counters, over "
        "periods that overlap or are unknown: they are set side by side and never added.",
        holds=holds,
        evidence=f"{f.glue['n_figures']} from {f.glue['n_sources']}; reasons not to add: "
        f"{words.join(sorted(reasons)) or 'none'}",
        testable=len(f.figures) >= 2,
    )


def deal_then_military(t) -> Finding:
    """Haftar spoke of military solutions the day after signing the ceasefire deal."""
    ev = _events(t, DEAL, INTERVIEW)
    days = {i: dt.date.fromisoformat(d) for i, d in ev["event_date"].items()}
    holds = len(days) == 2 and (days[INTERVIEW] - days[DEAL]).days == 1
    return check(
        f"{KEY}.deal_then_military",
        "A day after signing a ceasefire deal with Sarraj (in Paris, says "
        "France 24; outside Paris, says ABC News), Haftar told France 24 that enemies would be met with "
        "military solutions and that Sarraj had no authority in Tripoli.",
        holds=holds,
        evidence="; ".join(f"{chapter.headline(i)}: {words.date(d)}" for i, d in days.items())
        or "neither event is on this page",
        testable=len(ev) == 2,
    )


def who_is_quoted(f: chapter.Benghazi2017) -> Finding:
    """Haftar is the most quoted; the accused man is never quoted."""
    top = f.glue["top_name"]
    first = f.quoted[f.quoted["name"] == top].head(1)
    own = (
        f"{words.count(int(first['statements'].iloc[0]), 'statement')}, "
        f"{words.count(int(first['terms'].iloc[0]), 'quoted term')}"
        if len(first)
        else "no quotations"
    )
    warfalli = f.quoted[f.quoted["speaker"] == "warfalli"]
    return check(
        f"{KEY}.who_is_quoted",
        "Haftar is the most quoted speaker of these reports, nearly all of it from one "
        "interview; Warfalli, the man the warrant names, is never quoted.",
        holds=top == "Khalifa Haftar" and warfalli.empty,
        evidence=f"most quoted: {top or 'nobody'} ({own}); in all {f.glue['n_statements']} and "
        f"{f.glue['n_terms']} from {f.glue['n_speakers']}; Warfalli: {words.count(len(warfalli), 'quotation')}",
        testable=len(f.items) > 0 and not f.quoted.empty,
    )


def findings(t, start: dt.date = START, end: dt.date = END) -> list[Finding]:
    """Chapter 4's findings, checked on the tables of a page for the window [start, end]."""
    f = chapter.facts(t, start, end)
    return [
        liberated_and_contested(t),
        toll_on_one_word(f),
        hedged_videos(f),
        warrant_and_videos(t, f),
        icc_counts(f),
        never_summed(f),
        deal_then_military(t),
        who_is_quoted(f),
    ]
