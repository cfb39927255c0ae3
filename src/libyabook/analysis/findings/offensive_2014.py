"""Chapter 3's findings, each a check on the tables: the May 2014 reports, their dates, the storming of
parliament, the missing toll, the open coup question and who is quoted.

Findings about named happenings (the Benghazi assault, the storming of 18 May 2014...) are tested only
when the page carries them (their coded events, the items that report them); elsewhere they are *not
testable on this page*, never silently true.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from libyabook.analysis import words
from libyabook.analysis.chapters import offensive_2014 as chapter
from libyabook.analysis.chapters.headlines import headline
from libyabook.analysis.chapters.selection import outlet_names
from libyabook.analysis.findings import Finding, check
from libyabook.reference import load_reference

START, END = chapter.START, chapter.END
KEY = "offensive_2014"
#: The four happenings of the sequence, with the date and precision the page's words give them.
SEQUENCE = {
    "LBY008": ("2014-05-12", "week"),
    "LBY009": ("2014-05-18", "day"),
    "LBY010": ("2014-05-20", "day"),
    "LBY011": ("2014-05-21", "day"),
}
#: The outlets of the two dated May 2014 reports.
TWO_REPORTS = {"channelnewsasia", "CNN"}


def _events(t, ids) -> pd.DataFrame:
    """The coded events with these ids, indexed by id (empty when the page lacks them)."""
    return t.events[t.events["event_id"].isin(list(ids))].set_index("event_id")


def two_reports(f: chapter.Offensive2014) -> Finding:
    """The window rests on two dated reports from two outlets, a day apart."""
    items, names = f.items, outlet_names()
    days = sorted(dt.date.fromisoformat(p) for p in items["published"])
    holds = set(items["outlet"]) == TWO_REPORTS and len(items) == 2 and (days[-1] - days[0]).days == 1
    listed = words.join(
        f"{names.get(o, o)}, published {words.date(p)}" for o, p in zip(items["outlet"], items["published"])
    )
    return check(
        f"{KEY}.two_reports",
        "Two dated excerpts carry the window, from Channel NewsAsia and CNN, "
        "published a day apart; the page's undated lead paragraph cannot be placed in it.",
        holds=holds,
        evidence=f"{words.count(len(items), 'dated item')} in the window" + (f": {listed}" if listed else ""),
        testable=len(items) > 0,
    )


def sequence(t) -> Finding:
    """The relative dates resolve to one order of the four happenings."""
    ev = _events(t, SEQUENCE)
    got = {i: (r["event_date"], r["date_precision"]) for i, r in ev.iterrows()}
    evidence = "; ".join(f"{headline(i)}: {words.date(d, p)}" for i, (d, p) in got.items())
    return check(
        f"{KEY}.sequence",
        "Resolved against their publication dates, the relative dates give one sequence: "
        "the Benghazi assault in the week of 12 May 2014, the storming of parliament on Sunday 18 May, "
        "the State Department's distancing on Tuesday 20 May and Haftar's call for a civilian council on "
        "Wednesday 21 May.",
        holds=got == SEQUENCE,
        evidence=evidence or "none of the four happenings is on this page",
        testable=len(ev) == len(SEQUENCE),
    )


def storming_on_page(t) -> bool:
    """Whether the page carries the coded storming of parliament of 18 May 2014."""
    return bool((t.events["event_id"] == chapter.STORMING).any())


def same_sunday(f: chapter.Offensive2014, t) -> Finding:
    """Both reports of the storming date it to the same Sunday."""
    sundays = f.relative[f.relative["phrase"].str.casefold() == "on sunday"]
    names = outlet_names()
    holds = set(sundays["outlet"]) == TWO_REPORTS and set(sundays["date"]) == {SEQUENCE["LBY009"][0]}
    evidence = "; ".join(
        f"{names.get(o, o)}'s “{p}”, published {words.date(pub)}, is {words.date(d)}"
        for o, p, pub, d in zip(sundays["outlet"], sundays["phrase"], sundays["published"], sundays["date"])
    )
    return check(
        f"{KEY}.same_sunday",
        "CNN and Channel NewsAsia both put the attack on parliament on a Sunday "
        "that each item's publication date resolves to 18 May 2014: the one happening of the window that "
        "two outlets report, in accounts that differ in detail but do not contradict each other.",
        holds=holds,
        evidence=evidence or "no “on Sunday” in the window",
        testable=storming_on_page(t) and len(sundays) > 0,
    )


def no_toll(t) -> Finding:
    """The 'deadly' assault has no number, and the events table enters none."""
    ev = _events(t, ["LBY008"])
    toll = ev["fatalities"].iloc[0] if len(ev) else None
    evidence = "no such event" if ev.empty else "fatalities: empty" if pd.isna(toll) else f"fatalities: {toll}"
    return check(
        f"{KEY}.no_toll",
        "Channel NewsAsia calls the Benghazi assault *deadly* but gives no toll, so the "
        "events table leaves its fatalities empty rather than entering a number.",
        holds=len(ev) == 1 and pd.isna(toll),
        evidence=evidence,
        testable=len(ev) == 1,
    )


def coup_open(f: chapter.Offensive2014) -> Finding:
    """No quoted voice calls it a coup; the one label comes from an unnamed body."""
    outlaw = f.said[(f.said["kind"] == "term") & (f.said["words"].str.casefold() == "outlaw")]
    named = outlaw["speaker"].isin(set(load_reference("entities")["name"]))
    coup = f.said["words"].str.contains("coup", case=False)
    return check(
        f"{KEY}.coup_open",
        "The coup question is raised and left open: the page quotes no one calling the "
        "events a coup, and the one quoted label, *outlaw*, comes from “Libyan authorities” the excerpt "
        "does not name.",
        holds=len(outlaw) == 1 and not named.any() and not coup.any(),
        evidence=f"“outlaw” attributed to {words.join(outlaw['speaker']) or 'nobody'}; "
        f"{words.count(int(coup.sum()), 'quotation')} using the word coup",
        testable=len(f.items) > 0,
    )


def voices(f: chapter.Offensive2014) -> Finding:
    """Haftar is the most named; only he and the US spokeswoman are quoted in sentences."""
    speakers = sorted(set(f.said.loc[f.said["kind"] == "statement", "speaker"]))
    top = f.people["name"].iloc[0] if len(f.people) else ""
    return check(
        f"{KEY}.voices",
        "Haftar is the most named, and the only people quoted in sentences are Haftar and "
        "the State Department's spokeswoman; nobody from the General National Congress or from the "
        "groups attacked in Benghazi is quoted.",
        holds=top == "Khalifa Haftar" and speakers == ["Jen Psaki", "Khalifa Haftar"],
        evidence=f"most named: {top or 'nobody'}; quoted in sentences: {words.join(speakers) or 'nobody'}",
        testable=len(f.items) > 0,
    )


def findings(t, start: dt.date = START, end: dt.date = END) -> list[Finding]:
    """Chapter 3's findings, checked on the tables of a page for the window [start, end]."""
    f = chapter.facts(t, start, end)
    return [two_reports(f), sequence(t), same_sunday(f, t), no_toll(t), coup_open(f), voices(f)]
