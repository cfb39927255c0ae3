"""Chapter 3, the 2014 offensive: the window's reports, their relative dates resolved, the happenings day by
day, who is quoted and who is named. One call (``facts``) gives every frame and prose value the chapter shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from libyabook.analysis import timeline, window, words
from libyabook.analysis.chapters import in_thread
from libyabook.analysis.chapters.headlines import LINE, headline, two_lines
from libyabook.analysis.chapters.selection import (
    KIND_WORDS,
    dated_by_report,
    outlet_names,
    short_outlet,
    with_outlet_names,
)

START = dt.date(2014, 5, 1)
END = dt.date(2014, 5, 31)
THREAD = "2014 offensive"
#: The storming of parliament (18 May 2014), the one happening two outlets report.
STORMING = "LBY009"


@dataclass(frozen=True)
class Offensive2014:
    """What chapter 3 shows: one frame per table or chart, and the values its prose pastes."""

    items: pd.DataFrame  # the window's dated reports
    relative: pd.DataFrame  # relative date phrases, each with the date it resolves to
    day: pd.DataFrame  # dated happenings (events, statements, reports), one row each, labelled
    said: pd.DataFrame  # quotations of the window, with speaker, outlet and date
    people: pd.DataFrame  # who the window's reports name and quote
    glue: dict[str, str] = field(default_factory=dict)


def quoted_label(who: str, text: str) -> str:
    """'Who: “words”' on at most two chart lines, cut after a whole word and closed when cut."""
    label = two_lines(f"{who}: “{' '.join(str(text).split())}”", LINE - 1)  # room for the closing mark
    return label + "”" if label.endswith("…") else label


#: How the people table names a speaker the entities table does not hold ('Libyan authorities').
TYPE_WORDS = {"not an entity": "unnamed body"}

#: How a row's date was found, in words for the tables (keys: the ``date_basis`` of ``analysis.timeline``).
DATED_BY = {
    "phrase": "its own date words",
    "coded": "the coder, from the report",
    "published": "its report's date",
    "attribution": "the date words beside its verb",
    "lede": "the report's opening sentence",
    "undated": "nothing on the page",
}


def label_rows(day: pd.DataFrame, outlets: dict[str, str]) -> pd.DataFrame:
    """Day-by-day rows naming each happening: ``happening`` in full for tables, ``label`` on two lines for charts."""
    happenings = []
    for r in day.to_dict("records"):
        if r["kind"] == "event":
            happenings.append(headline(r["ref"]))
        elif r["kind"] == "statement":
            happenings.append(f"{r['who']}: “{' '.join(str(r['evidence']).split())}”")
        else:
            happenings.append(f"{outlets.get(r['outlet'], r['outlet'])} publishes “{r['evidence']}”")
    labels = [
        quoted_label(r["who"], r["evidence"])
        if r["kind"] == "statement"
        else two_lines(
            h if r["kind"] == "event" else f"{short_outlet(outlets.get(r['outlet'], r['outlet']))} publishes its report"
        )
        for r, h in zip(day.to_dict("records"), happenings)
    ]
    return day.assign(happening=happenings, label=labels, dated_by=[DATED_BY.get(b, b) for b in day["date_basis"]])


def phrase_happenings(relative: pd.DataFrame) -> list[str]:
    """What each date phrase dates: its coded event, else the event another outlet's phrase dates to the same day."""
    coded = {(d, p): headline(e) for d, p, e in zip(relative["date"], relative["precision"], relative["event_id"]) if e}
    return [
        headline(e) if e else (f"{coded[(d, p)]} (coded from the other report)" if (d, p) in coded else "")
        for d, p, e in zip(relative["date"], relative["precision"], relative["event_id"])
    ]


def window_tables(t, start: dt.date, end: dt.date) -> dict[str, pd.DataFrame]:
    """The window's frames computed from the thread's events and quotations (relative dates resolved once)."""
    events, quotes = in_thread(t.events, THREAD), in_thread(t.quotes, THREAD)
    phrases = timeline.date_phrases(t.articles, quotes)
    return {
        "items": window.items_in_window(t.articles, start, end),
        "relative": timeline.relative_dates_table(events, phrases, start, end),
        "day": timeline.day_by_day(events, quotes, t.articles, start, end, phrases=phrases),
        "said": timeline.who_said_what(quotes, t.articles, start, end, phrases=phrases),
        "people": timeline.people_in_window(t.mentions, quotes, t.articles, start, end),
    }


def prose_values(f: dict[str, pd.DataFrame], events: pd.DataFrame, outlets: dict[str, str]) -> dict[str, str]:
    """The values the chapter's prose pastes, written as prose writes them ('two dated items', '18 May 2014')."""
    day, said, people = f["day"], f["said"], f["people"]
    kinds = day["kind"].value_counts()
    statements = said[said["kind"] == "statement"]
    storming = events[events["event_id"] == STORMING]
    return {
        "n_items": words.count(len(f["items"]), "item"),
        "item_outlets": words.join(outlets.get(o, o) for o in f["items"]["outlet"]),
        "n_relative": words.count(len(f["relative"]), "relative date phrase"),
        "n_rows": words.count(len(day), "dated row"),
        "n_events": words.count(int(kinds.get("event", 0)), "coded event"),
        "n_statements": words.count(int(kinds.get("statement", 0)), "quoted statement"),
        "n_reports": words.count(int(kinds.get("report", 0)), "report"),
        "n_days": words.count(int(day["date"].nunique()), "distinct day"),
        "n_quotations": words.count(len(said), "quotation"),
        "n_speakers": words.number(int(statements["speaker"].nunique())),
        "n_names": words.number(len(people)),
        "top_name": str(people["name"].iloc[0]) if len(people) else "",
        "top_mentions": words.count(int(people["mentions"].iloc[0]), "time") if len(people) else "",
        "storming_coded": (
            f"{storming['event_type'].iloc[0]} ({storming['sub_event_type'].iloc[0]})" if len(storming) else ""
        ),
    }


def facts(t, start: dt.date = START, end: dt.date = END) -> Offensive2014:
    """Everything chapter 3 shows for the window [start, end] of a page's tables."""
    outlets = outlet_names()
    f = {
        k: with_outlet_names(v, outlets) if "outlet" in v.columns else v
        for k, v in window_tables(t, start, end).items()
    }
    f["day"] = label_rows(f["day"], outlets)
    f["said"] = dated_by_report(f["said"]).assign(
        dated_by=[DATED_BY.get(b, b) for b in f["said"]["date_basis"]],
        kind_shown=[KIND_WORDS.get(k, k) for k in f["said"]["kind"]],
    )
    f["relative"] = f["relative"].assign(happening=phrase_happenings(f["relative"]))
    f["people"] = f["people"].assign(type=[TYPE_WORDS.get(k, k) for k in f["people"]["type"]])
    return Offensive2014(**f, glue=prose_values(f, t.events, outlets))
