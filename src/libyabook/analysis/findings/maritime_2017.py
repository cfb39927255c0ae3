"""Chapter 5's findings, each a check on the tables: two versions of Haftar's order at sea, a rescue zone aimed
at the NGOs, the rescuers' retreat, Italy's pressure on the NGOs, migrant figures that cannot be added (one pair
running backwards), and which side is quoted.

Findings about named happenings are tested only when the page carries them (their coded events, the reports
that tell them); elsewhere they are *not testable on this page*.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from libyabook.analysis import words
from libyabook.analysis.chapters import maritime_2017 as chapter
from libyabook.analysis.chapters.headlines import headline
from libyabook.analysis.findings import Finding, check

START, END = chapter.START, chapter.END
KEY = "maritime_2017"
IMPOUNDED = "LBY023"
SUSPENSIONS = ("LBY026", "LBY027", "LBY028")
ABC, ANSAMED, MEE = ("abcnews", "2017-08-03"), ("ansamed", "2017-08-03"), ("middleeasteye", "2017-08-10")


def _report(t, report: tuple[str, str]) -> pd.DataFrame:
    """The page's item with this (outlet, published), empty when absent."""
    return t.articles[(t.articles["outlet"] == report[0]) & (t.articles["published"] == report[1])]


def _events(f: chapter.Maritime2017, *ids: str) -> pd.DataFrame:
    """The chapter's event rows with these ids (empty when the page lacks them)."""
    return f.events[f.events["ref"].isin(ids)]


def two_orders(t) -> Finding:
    """ABC News and ANSAmed report different orders, each from a different kind of source."""
    abc, ansa = _report(t, ABC), _report(t, ANSAMED)
    body = {k: str(r["body"].iloc[0]) if len(r) else "" for k, r in (("abc", abc), ("ansa", ansa))}
    holds = (
        "confront any vessel" in body["abc"]
        and "Facebook" in body["abc"]
        and "bomb" in body["ansa"]
        and "tweet" in body["ansa"]
    )
    return check(
        f"{KEY}.two_orders",
        "On 3 August 2017 two outlets report different orders from Haftar: to *confront* "
        "vessels entering without permission (ABC News, from the LNA's own statements) and to *bomb* Italian "
        "vessels (ANSAmed, from a tweet by another broadcaster, reported as such).",
        holds=holds,
        evidence=f"ABC News: {'confront, Facebook statements' if 'confront' in body['abc'] else 'no order'}; "
        f"ANSAmed: {'bomb, a tweet' if 'tweet' in body['ansa'] else 'no order'}",
        testable=len(abc) == 1 and len(ansa) == 1,
    )


def navy_and_ngos(t) -> Finding:
    """The Tripoli navy aims its rescue zone at the NGOs; the coastguard accuses them of aiding traffickers."""
    mee = _report(t, MEE)
    body = str(mee["body"].iloc[0]) if len(mee) else ""
    said = t.quotes[t.quotes["item_id"].isin(mee["item_id"]) & t.quotes["quote"].str.contains("NGOs")]
    accused = "accused NGOs of aiding people traffickers" in body
    return check(
        f"{KEY}.navy_and_ngos",
        "Middle East Eye reports that the Libyan navy aimed its search-and-rescue "
        "zone at the NGOs, in its spokesman's words, and that the Libyan coastguard has accused NGOs of "
        "aiding people traffickers.",
        holds=len(said) > 0 and accused,
        evidence=f"{words.count(len(said), 'quotation')} naming the NGOs; the accusation "
        f"{'reported' if accused else 'absent'}",
        testable=len(mee) == 1,
    )


def rescuers_pull_back(f: chapter.Maritime2017) -> Finding:
    """Three aid groups are reported to have suspended rescues within the fortnight."""
    stops = _events(f, *SUSPENSIONS)
    inside = stops["date"].between(START.isoformat(), END.isoformat()).all()
    return check(
        f"{KEY}.rescuers_pull_back",
        "Within the fortnight Doctors Without Borders, Save the Children and "
        "Sea Eye are reported to have suspended their rescues, the latter two *in the past week*, "
        "according to the Daily Express of 15 August.",
        holds=len(stops) == len(SUSPENSIONS) and bool(inside),
        evidence="; ".join(
            f"{headline(r)}: {words.date(d, p)}" for r, d, p in zip(stops["ref"], stops["date"], stops["precision"])
        )
        or "no suspensions",
        testable=len(stops) == len(SUSPENSIONS),
    )


def italy_presses_ngos(t, f: chapter.Maritime2017) -> Finding:
    """Italy's pressure on the NGOs: the impounded boat and the rules for rescue ships."""
    impounded = _events(f, IMPOUNDED)
    bodies = " ".join(f.items["body"].astype(str))
    rules = "code of conduct" in bodies and "dock in Italian ports" in bodies
    return check(
        f"{KEY}.italy_presses_ngos",
        "Italy pressed the rescuers too: its authorities impounded the Jugend Rettet boat and it wanted "
        "NGOs to sign a new code of conduct (Middle East Eye), and it required rescue ships to subscribe to "
        "its rules or risk not docking in Italian ports (The New York Times).",
        holds=len(impounded) == 1 and rules,
        evidence=(
            f"{headline(IMPOUNDED)}: {words.date(impounded['date'].iloc[0], impounded['precision'].iloc[0])}"
            if len(impounded)
            else "no impounding"
        )
        + ("; the rules, in two reports" if rules else ""),
        testable=len(impounded) == 1,
    )


def figures_not_additive(f: chapter.Maritime2017) -> Finding:
    """The migrant figures count different things, mostly as lower bounds."""
    scopes, floors = f.figures["scope"].nunique(), int((f.figures["qualifier"] == "more than").sum())
    return check(
        f"{KEY}.figures_not_additive",
        "The migrant figures count different things (crossings, arrivals in "
        "Italy, arrivals in Europe, deaths, one group's rescues) at different dates, mostly as lower bounds: "
        "none can be added to another.",
        holds=scopes == len(f.figures) >= 4 and floors > len(f.figures) / 2,
        evidence=f"{f.glue['n_figures']}, {words.count(scopes, 'scope')}, {words.count(floors, 'lower bound')}",
        testable=len(f.figures) >= 2,
    )


def count_runs_backwards(f: chapter.Maritime2017) -> Finding:
    """A later count from the same agency is lower than an earlier one."""
    rows = {s: f.figures[f.figures["scope"] == s] for s in ("crossings of the Mediterranean", "arrivals in Europe")}
    a, b = rows["crossings of the Mediterranean"], rows["arrivals in Europe"]
    holds = (
        len(a) == 1 == len(b) and a["as_of"].iloc[0] < b["as_of"].iloc[0] and a["value"].iloc[0] > b["value"].iloc[0]
    )
    return check(
        f"{KEY}.count_runs_backwards",
        "One pair of figures, apparently from the same agency, runs backwards: "
        "more than 114,000 crossings by 30 July (ABC News) and more than 111,000 arrivals in Europe by "
        "10 August (Middle East Eye).",
        holds=bool(holds),
        evidence=f"{f.glue['fig_crossings'] or 'none'} as of {words.date(a['as_of'].iloc[0]) if len(a) else '–'}; "
        f"{f.glue['fig_europe'] or 'none'} as of {words.date(b['as_of'].iloc[0]) if len(b) else '–'}",
        testable=len(a) == 1 and len(b) == 1,
    )


def sides_quoted(f: chapter.Maritime2017) -> Finding:
    """Tripoli's navy and coastguard speak most; the east speaks through its parliament only; no migrant speaks."""
    sides = f.sides.set_index("side")["n_quotes"] if len(f.sides) else pd.Series(dtype=int)
    east = f.quotes[f.quotes["side"] == "LNA / eastern authorities"]
    people = set(chapter.load_reference("entities").query("type == 'person'")["entity_id"])
    holds = len(sides) > 0 and sides.idxmax() == "Tripoli authorities" and not east["speaker"].isin(people).any()
    return check(
        f"{KEY}.sides_quoted",
        "The Tripoli navy and coastguard are the most quoted side; the eastern side "
        "is quoted only in its parliament's phrases, never through a named person; no migrant "
        "is quoted.",
        holds=bool(holds),
        evidence=f"{words.join(f'{s}: {words.number(int(n))}' for s, n in sides.items()) or 'no quotations'}",
        testable=len(f.quotes) > 0,
    )


def findings(t, start: dt.date = START, end: dt.date = END) -> list[Finding]:
    """Chapter 5's findings, checked on the tables of a page for the window [start, end]."""
    f = chapter.facts(t, start, end)
    return [
        two_orders(t),
        navy_and_ngos(t),
        rescuers_pull_back(f),
        italy_presses_ngos(t, f),
        figures_not_additive(f),
        count_runs_backwards(f),
        sides_quoted(f),
    ]
