"""Chapter 4, Benghazi and the ICC (2017): the fighting in the east, the execution videos, the ICC warrant and
the Paris talks; the casualty figures side by side; who is quoted. The chapter follows two threads of the
page's story, so its charts carry no maritime rows. One call (``facts``) gives everything the chapter shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from libyabook.analysis import ledger, timeline, window, words
from libyabook.analysis.chapters import in_thread
from libyabook.analysis.chapters.headlines import headline, two_lines
from libyabook.analysis.chapters.selection import (
    dated_by_report,
    outlet_names,
    short_outlet,
    thread_items,
    with_outlet_names,
)

START = dt.date(2017, 3, 1)
END = dt.date(2017, 8, 15)
THREADS = ("Benghazi and the ICC", "Paris talks")
MEASURES = ("killed", "wounded")
#: Events that are videos: the page dates when each video appeared or was shown, not the killings it shows.
VIDEOS = {"LBY013", "LBY014", "LBY018"}
#: How the tables describe a video row: the page dates the video, not the killings it shows.
VIDEO_ROW = "A video, on the date the page gives for it (the killings it shows are not dated)"
#: The Khraibeesh attack, to which the events table gives the clash's toll.
KHRAIBEESH = "LBY016"
#: The reports the chapter's prose draws its numbers from, keyed as the page keys an item: (outlet, published).
CLASH, EXPRESS_VIDEO, WARRANT_REPORT = (
    ("alaraby", "2017-07-23"),
    ("express", "2017-07-25"),
    ("middleeasteye", "2017-08-15"),
)
#: Chart labels of the study page's casualty figures, in the outlets' own words (hedges kept),
#: by (outlet, published, verbatim span).
FIGURE_WORDS = {
    (*CLASH, "six troops"): "“The LNA killed six troops”, a commander said",
    (*CLASH, "eight"): "“and wounded eight”, the same commander said",
    (*EXPRESS_VIDEO, "18 prisoners"): "“18 prisoners, believed to be ISIS fighters, are shot dead”",
    (*WARRANT_REPORT, "33 people"): "murder alleged in “seven incidents involving 33 people”",
    (*WARRANT_REPORT, "20 people"): "one video “in which 20 people are apparently killed”",
    (*WARRANT_REPORT, "three men"): "a video “allegedly showed Warfalli shooting dead three men”",
}


@dataclass(frozen=True)
class Benghazi2017:
    """What chapter 4 shows: one frame per table or chart, and the values its prose pastes."""

    items: pd.DataFrame  # the threads' reports in the window
    figures: pd.DataFrame  # casualty figures side by side (never summed), with chart labels
    warnings: pd.DataFrame  # why those figures must not be added
    events: pd.DataFrame  # the threads' events on a date axis; videos marked as such
    quoted: pd.DataFrame  # who is quoted, statements and terms
    said: pd.DataFrame  # the quoted statements, dated
    glue: dict[str, str] = field(default_factory=dict)


def casualty_figures(t, start: dt.date, end: dt.date) -> pd.DataFrame:
    """The threads' figures of people killed or wounded, published in the window, each with a chart label."""
    book = ledger.claims_with_sources(in_thread(t.claims, *THREADS), t.articles, t.claims_ledger)
    flags = ledger.single_source(t.claims_ledger)
    figures = ledger.figures_in_window(book, flags, start, end, measures=MEASURES)
    names = outlet_names()
    labels = [
        f"{two_lines(FIGURE_WORDS.get((o, p, f), f'{f}: {s}'), 40)}\n{short_outlet(names.get(o, o))}, {words.date(p)}"
        for f, s, o, p in zip(figures["figure"], figures["scope"], figures["outlet"], figures["published"])
    ]
    return figures.assign(label=labels)


def dated_events(t, start: dt.date, end: dt.date) -> pd.DataFrame:
    """The threads' events of the window, labelled by happening; a video is kind 'video', dated by its appearance."""
    day = timeline.day_by_day(
        in_thread(t.events, *THREADS), t.quotes.iloc[0:0], t.articles, start, end, kinds=("event",)
    )
    videos = day["ref"].isin(VIDEOS)
    return day.assign(
        kind=["video" if v else "event" for v in videos],
        happening=[headline(r) for r in day["ref"]],
        label=[two_lines(headline(r)) for r in day["ref"]],
        shown_as=[VIDEO_ROW if v else w for v, w in zip(videos, day["what"])],
    )


def voices(t, start: dt.date, end: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(who is quoted, the dated statements) of the threads' quotations in the window."""
    quotes = in_thread(t.quotes, *THREADS)
    items = thread_items(t, window.items_in_window(t.articles, start, end), *THREADS)
    people = timeline.people_in_window(
        t.mentions[t.mentions["item_id"].isin(items["item_id"])],
        quotes[quotes["item_id"].isin(items["item_id"])],
        t.articles,
        start,
        end,
    )
    said = timeline.who_said_what(
        quotes[quotes["item_id"].isin(items["item_id"])], t.articles, start, end, kinds=("statement",)
    )
    return ledger.quoted_speakers(people), said


def stated(t, report: tuple[str, str], span: str) -> str:
    """The number a report states with these verbatim words, as prose writes it ('six', '33'); '' when absent."""
    items = t.articles[(t.articles["outlet"] == report[0]) & (t.articles["published"] == report[1])]["item_id"]
    rows = t.claims[t.claims["item_id"].isin(items) & (t.claims["span"] == span) & t.claims["value"].notna()]
    return words.number(float(rows["value"].iloc[0])) if len(rows) else ""


def prose_values(t, f: dict, start: dt.date, end: dt.date) -> dict[str, str]:
    """The values the chapter's prose pastes, written as prose writes them."""
    summary, quotes = ledger.figure_summary(f["figures"]), ledger.quote_summary(f["quoted"])
    clash = t.events[t.events["event_id"] == KHRAIBEESH]
    return {
        "window_start": words.date(start),
        "window_end": words.date(end),
        "n_items": words.count(len(f["items"]), "item"),
        "n_video_express": stated(t, EXPRESS_VIDEO, "18 prisoners"),
        "n_video_mee": stated(t, WARRANT_REPORT, "20 people"),
        "n_video_march": stated(t, WARRANT_REPORT, "three men"),
        "n_icc_people": stated(t, WARRANT_REPORT, "33 people"),
        "n_icc_incidents": stated(t, WARRANT_REPORT, "seven incidents"),
        "n_june_videos": stated(t, WARRANT_REPORT, "two further videos"),
        "clash_fatalities": words.number(float(clash["fatalities"].iloc[0]))
        if len(clash) and pd.notna(clash["fatalities"].iloc[0])
        else "",
        "clash_opponent": str(clash["actor2"].iloc[0]).split(": ")[-1] if len(clash) else "",
        "n_figures": words.count(summary["n_figures"], "figure"),
        "n_numbers": words.number(summary["n_numbers"]),
        "n_sources": words.count(summary["n_sources"], "outlet"),
        "n_counters": words.count(summary["n_counters"], "different counter"),
        "n_scopes": words.count(summary["n_scopes"], "kind"),
        "n_undated": words.count(summary["n_undated"], "figure"),
        "n_single_report": words.number(summary["n_single_report"]),
        "n_events": words.count(len(f["events"]), "coded event"),
        "n_speakers": words.count(quotes["n_speakers"], "speaker"),
        "n_statements": words.count(quotes["n_statements"], "statement"),
        "n_terms": words.count(quotes["n_terms"], "quoted term"),
        "top_name": quotes["top_name"],
    }


def facts(t, start: dt.date = START, end: dt.date = END) -> Benghazi2017:
    """Everything chapter 4 shows for the window [start, end] of a page's tables."""
    figures = casualty_figures(t, start, end)
    in_period = window.in_window(
        ledger.claims_with_sources(in_thread(t.claims, *THREADS), t.articles, t.claims_ledger), "published", start, end
    )
    quoted, said = voices(t, start, end)
    names = outlet_names()
    f = {
        "items": with_outlet_names(thread_items(t, window.items_in_window(t.articles, start, end), *THREADS), names),
        "figures": figures,
        "warnings": ledger.addition_warnings(ledger.comparable(in_period, measures=MEASURES)),
        "events": with_outlet_names(dated_events(t, start, end), names),
        "quoted": quoted,
        "said": with_outlet_names(dated_by_report(said), names),
    }
    return Benghazi2017(**f, glue=prose_values(t, f, start, end))
