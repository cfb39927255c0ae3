"""The findings of chapter 7 (the events atlas), each a check on the coded events of a page.

Keys are ``events_atlas.<name>``. Findings about specific happenings (the 1996 prison killings) are not
testable on a page that does not report them; no finding adds up tolls.
"""

from __future__ import annotations

import datetime as dt

from libyabook.analysis import words
from libyabook.analysis.chapters import events_atlas as chapter
from libyabook.analysis.findings import Finding, check
from libyabook.analysis.tables import Tables

START, END = chapter.START, chapter.END


def shape(f: chapter.EventsAtlasFacts) -> list[Finding]:
    """What kind of events the page reports, and when."""
    ev = f.events
    n = len(ev)
    strategic = int((ev["event_type"] == "Strategic developments").sum())
    summer = int(ev["event_date"].between("2017-07-01", "2017-08-31").sum())
    return [
        check(
            "events_atlas.decisions",
            "Most of the page's coded events are strategic developments (orders, statements, votes, "
            "suspensions, a warrant): it records decisions and positions more than fighting.",
            holds=strategic * 2 > n,
            evidence=f"{words.number(strategic)} of {words.count(n, 'event')}",
            testable=n > 0,
        ),
        check(
            "events_atlas.summer_2017",
            "More than half of the coded events fall in July and August 2017; the decades before are "
            "represented by a handful of background events.",
            holds=summer * 2 > n,
            evidence=f"{words.number(summer)} of {words.count(n, 'event')}",
            testable=n > 0,
        ),
    ]


def places(f: chapter.EventsAtlasFacts) -> list[Finding]:
    """Where the events are, and what the map can place exactly."""
    libya = f.places[f.places["country"] == "Libya"]
    top = list(libya.sort_values(["events", "name"], ascending=[False, True])["place"][:2])
    n = len(f.events)
    exact = _exact(f)
    return [
        check(
            "events_atlas.two_cities",
            "Inside Libya the events gather in Benghazi and Tripoli, the cities of the two halves of the "
            "divided country the page describes.",
            holds=set(top) == {"benghazi", "tripoli"},
            evidence=words.join(f"{r.name} ({words.count(r.events, 'event')})" for r in libya.head(3).itertuples()),
            testable=len(libya) >= 2,
        ),
        check(
            "events_atlas.few_exact",
            "Fewer than a third of the events are known both to the day and to the place itself; the others "
            "are windows of a week, a month or more, or points that stand for a region, a sea or a country.",
            holds=exact * 3 < n,
            evidence=f"{words.number(exact)} of {words.count(n, 'event')}",
            testable=n > 0,
        ),
    ]


def _exact(f: chapter.EventsAtlasFacts) -> int:
    """Events dated to the day and placed at the place itself (geo precision 1)."""
    ev = f.events
    return int(((ev["date_precision"] == "day") & (ev["geo_precision"].astype(str) == "1")).sum())


def tolls(f: chapter.EventsAtlasFacts) -> list[Finding]:
    """The stated tolls: few, each with a caveat, never added."""
    violent = f.events["event_type"].isin(("Battles", "Violence against civilians", "Explosions/Remote violence"))
    without = len(f.unknown_tolls)
    caveated = int((f.tolls["caveat"] != "none stated").sum()) if len(f.tolls) else 0
    return [
        check(
            "events_atlas.tolls_unknown",
            "Most violent events have no stated toll: for them the number of dead is unknown, not zero.",
            holds=without * 2 > int(violent.sum()),
            evidence=f"{words.number(without)} of {words.count(int(violent.sum()), 'violent event')} without a toll",
            testable=bool(violent.any()),
        ),
        check(
            "events_atlas.tolls_caveated",
            "Every stated toll comes with a caveat (approximate, hedged by its source, resting on a video or "
            "on one commander, or loosely dated or placed), so the tolls are listed event by event and not added.",
            holds=len(f.tolls) > 0 and caveated == len(f.tolls),
            evidence=f"{words.number(caveated)} of {words.count(len(f.tolls), 'toll')} with a caveat",
            testable=len(f.tolls) > 0,
        ),
    ]


def abu_salim(f: chapter.EventsAtlasFacts) -> Finding:
    """The one place where the coding moves an event away from where the page puts it."""
    rows = f.events[f.events["location"] == "abu_salim_prison"]
    says = bool(rows["evidence"].str.contains("Benghazi").any()) if len(rows) else False
    return check(
        "events_atlas.abu_salim",
        "The page places the 1996 killing of political prisoners in “Benghazi’s Abu Simal jail”; the "
        "Abu Salim prison is in Tripoli, where the coding places it, keeping the page's words.",
        holds=says,
        evidence="the event's evidence keeps “Benghazi’s Abu Simal jail”"
        if says
        else "no event at the Abu Salim prison",
        testable=len(rows) > 0,
    )


def findings(t: Tables, start: dt.date = START, end: dt.date = END) -> list[Finding]:
    """Chapter 7's findings for the events dated in [start, end]."""
    f = chapter.facts(t, start, end)
    return [*shape(f), *places(f), *tolls(f), abu_salim(f)]
