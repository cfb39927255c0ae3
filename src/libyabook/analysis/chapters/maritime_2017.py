"""Chapter 5, the maritime standoff (August 2017): Italy's mission and the order from the east, Tripoli's rescue
zone, the rescuers' retreat and Italy's pressure on them, the migrant figures side by side, and which side each
outlet quotes. The chapter follows the maritime thread of the page; one call (``facts``) gives what it shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from libyabook.analysis import disagreements, ledger, timeline, voices, window, words
from libyabook.analysis.chapters import in_thread
from libyabook.analysis.chapters.headlines import headline, two_lines
from libyabook.analysis.chapters.selection import (
    KIND_WORDS,
    outlet_names,
    short_outlet,
    thread_items,
    with_outlet_names,
)
from libyabook.extract.dates import window_end
from libyabook.reference import load_reference

START = dt.date(2017, 8, 1)
END = dt.date(2017, 8, 15)
THREAD = "maritime"
#: The migrant scopes (disagreements.MIGRATION_SCOPES) and the crossings and arrivals a source gives no place for.
MIGRATION_SCOPES = (*disagreements.MIGRATION_SCOPES, "crossings", "arrivals")

#: How the table writes a figure's qualifier: a figure stated without one is not thereby exact.
QUALIFIER_WORDS = {"exact": "none stated"}


@dataclass(frozen=True)
class Maritime2017:
    """What chapter 5 shows: one frame per table or chart, and the values its prose pastes."""

    items: pd.DataFrame  # the thread's reports in the window
    events: pd.DataFrame  # the thread's events whose dates reach into the window, labelled by happening
    figures: pd.DataFrame  # migrant figures with a number, side by side, labelled
    warnings: pd.DataFrame  # why those figures must not be added
    quotes: pd.DataFrame  # quoted statements and terms with speaker, side and outlet
    sides: pd.DataFrame  # quotations per side (and speakers, outlets)
    grid: pd.DataFrame  # quotations per outlet and side, as a grid for the chart
    by_outlet: pd.DataFrame  # the same counts, one row per outlet and side, for the table
    glue: dict[str, str] = field(default_factory=dict)


def _span(row: dict) -> tuple[dt.date, dt.date] | None:
    """The first and last day an event may have happened on: its date range, else its date and precision."""
    if row.get("date_end"):
        first = row.get("date_start") or "0001-01-01"
        return dt.date.fromisoformat(first), dt.date.fromisoformat(row["date_end"])
    if not row.get("event_date"):
        return None
    first = dt.date.fromisoformat(row["event_date"])
    return first, window_end(first, row.get("date_precision") or "day")


def overlapping(events: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Events whose possible dates meet [start, end]: an event of 'last week' reaches into the window."""
    dates = events.reindex(columns=["event_date", "date_precision", "date_start", "date_end"]).astype(object).fillna("")
    spans = [_span(r) for r in dates.to_dict("records")]
    keep = [s is not None and s[0] <= end and s[1] >= start for s in spans]
    return events[pd.Series(keep, index=events.index, dtype=bool)].reset_index(drop=True)


def dated_events(t, start: dt.date, end: dt.date) -> pd.DataFrame:
    """The thread's events reaching into the window, as day-by-day rows labelled by the happening."""
    events = overlapping(in_thread(t.events, THREAD), start, end)
    first = min([start, *(dt.date.fromisoformat(d) for d in events["event_date"])])
    day = timeline.day_by_day(events, t.quotes.iloc[0:0], t.articles, first, end, kinds=("event",))
    return day.assign(happening=[headline(r) for r in day["ref"]], label=[two_lines(headline(r)) for r in day["ref"]])


def migrant_figures(t, items: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(figures with a number, each with a chart label; the share of arrivals in Italy)."""
    book = ledger.claims_with_sources(
        window.rows_of_items(in_thread(t.claims, THREAD), items), t.articles, t.claims_ledger
    )
    figures = ledger.stated_values(ledger.comparable(book, scopes=MIGRATION_SCOPES))
    labels = [
        f"{s}\n{short_outlet(n)}, as of {words.date(a)}"
        for s, n, a in zip(figures["scope"], figures["outlet_name"], figures["as_of"])
    ]
    shares = ledger.comparable(book, units={"percent"}, scopes=("arrivals in Italy",))
    shown = [QUALIFIER_WORDS.get(q, q) for q in figures["qualifier"]]
    return figures.assign(label=labels, qualifier_shown=shown), shares


def quotations(t, items: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The thread's quotations in the window's items, by speaker and side, and counted per outlet and side."""
    entities = load_reference("entities")
    quotes = window.rows_of_items(in_thread(t.quotes, THREAD), items)
    names = outlet_names()
    sourced = voices.spoken(voices.quotes_with_sources(quotes, t.articles, entities, speakers=t.speakers))
    counts = voices.who_quotes_whom(quotes, t.articles, entities, speakers=t.speakers)
    grid = voices.side_matrix(counts)
    grid.index = [short_outlet(names.get(o, o)) for o in grid.index]
    return {
        "quotes": with_outlet_names(sourced, names).assign(kind_shown=[KIND_WORDS.get(k, k) for k in sourced["kind"]]),
        "sides": voices.side_counts(quotes, t.articles, entities, speakers=t.speakers),
        "grid": grid,
        "by_outlet": with_outlet_names(counts, names),
    }


def figure_values(figures: pd.DataFrame, shares: pd.DataFrame) -> dict[str, str]:
    """The migrant figures the prose pastes, and the two derived from them (implied arrivals, the gap)."""

    def value(scope: str) -> float | None:
        rows = figures[figures["scope"] == scope]
        return float(rows["value"].iloc[0]) if len(rows) else None

    crossings, europe = value("crossings of the Mediterranean"), value("arrivals in Europe")
    share = float(shares["value"].iloc[0]) if len(shares) else None
    out = {
        k: words.number(v) if v is not None else ""
        for k, v in (
            ("fig_crossings", crossings),
            ("fig_italy", value("arrivals in Italy")),
            ("fig_europe", europe),
            ("fig_deaths", value("deaths at sea")),
            ("fig_ngo", value("rescued by one NGO")),
            ("share_italy", share),
        )
    }
    out["implied_italy"] = words.number(round(crossings * share / 100)) if crossings and share else ""
    out["gap_europe"] = words.number(crossings - europe) if crossings and europe else ""
    return out


def prose_values(f: dict, shares: pd.DataFrame) -> dict[str, str]:
    """The values the chapter's prose pastes, written as prose writes them."""
    sides = f["sides"].set_index("side")["n_quotes"] if len(f["sides"]) else pd.Series(dtype=int)
    spoken = f["quotes"][f["quotes"]["speaker"] != ""]
    return {
        "n_items": words.count(len(f["items"]), "item"),
        "n_outlets": words.count(int(f["items"]["outlet"].nunique()), "outlet"),
        "n_events": words.count(len(f["events"]), "event"),
        "n_figures": words.count(len(f["figures"]), "migrant figure"),
        "n_quotes": words.count(len(f["quotes"]), "quotation"),
        "n_speakers": words.count(int(spoken["speaker"].nunique()), "attributed speaker"),
        "n_quoting_outlets": words.count(int(f["quotes"]["outlet"].nunique()), "outlet"),
        "n_tripoli": words.count(int(sides.get("Tripoli authorities", 0)), "quotation"),
        "n_ngo": words.number(int(sides.get("NGOs", 0))),
        "n_east": words.number(int(sides.get("LNA / eastern authorities", 0))),
        "n_italy": words.number(int(sides.get("Foreign officials: Italy", 0))),
        **figure_values(f["figures"], shares),
    }


def facts(t, start: dt.date = START, end: dt.date = END) -> Maritime2017:
    """Everything chapter 5 shows for the window [start, end] of a page's tables."""
    names = outlet_names()
    items = with_outlet_names(thread_items(t, window.items_in_window(t.articles, start, end), THREAD), names)
    figures, shares = migrant_figures(t, items)
    f = {
        "items": items,
        "events": with_outlet_names(dated_events(t, start, end), names),
        "figures": figures,
        "warnings": ledger.addition_warnings(figures),
        **quotations(t, items),
    }
    return Maritime2017(**f, glue=prose_values(f, shares))
