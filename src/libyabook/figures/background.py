"""Chapter 2's charts: how the page describes Haftar over time, and his past as one 2011 item tells it."""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import pandas as pd

from libyabook.figures.plots import PALETTE, TEXT_COLOUR

#: Characters per line of a row label before it wraps (keeps the plot area wide on a phone).
WRAP = 34
#: Colour per year of publication band, so the shift from 2011 to 2017 reads at a glance.
YEAR_COLOURS = {2011: PALETTE[3], 2014: PALETTE[0], 2016: PALETTE[2], 2017: PALETTE[1]}


def draw_descriptions(ax, described: pd.DataFrame) -> None:
    """One row per description of Haftar (first used at the top), one marker per use at its item's date.

    ``described`` has ``published`` (ISO date), ``year``, ``span`` (the words on the page) and, optionally,
    ``asked`` (the words float in a question headline: the row keeps its question mark); undated rows are left out.
    """
    data = described[described["published"].fillna("") != ""].sort_values("published", kind="mergesort")
    printed = data.groupby("label", sort=False)["span"].first()
    rows = list(dict.fromkeys(data["label"]))
    y = data["label"].map({label: k for k, label in enumerate(rows)})
    when = pd.to_datetime(data["published"])
    for year, colour in YEAR_COLOURS.items():
        sub = (data["year"].astype(int) == year).to_numpy()
        if sub.any():
            ax.scatter(
                when[sub], y[sub], s=50, color=colour, edgecolors=TEXT_COLOUR, linewidths=0.5, zorder=3, label=str(year)
            )
    asked = data.groupby("label", sort=False)["asked"].any() if "asked" in data else {}
    ax.set_yticks(range(len(rows)), [printed[label] + ("?" if asked.get(label, False) else "") for label in rows])
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.legend(title="Published", loc="lower left", fontsize=10, title_fontsize=10)


def draw_past(ax, events: pd.DataFrame) -> None:
    """One row per event of his past: a bar over the span of dates the page allows, a dot for a day; a dashed
    line at the date of the item that reports them.

    ``events`` has ``happening``, ``source_published`` and either ``date_start``/``date_end``
    or ``event_date`` with ``date_precision`` (a year or a month then spans that whole period).
    """
    start, end = _spans(events)
    for k, (a, b) in enumerate(zip(start, end)):
        if b > a:  # a dot at the middle too: the renderer drops a line shorter than a pixel (a month in decades)
            ax.plot([a, b], [k, k], lw=8, color=PALETTE[0], solid_capstyle="round", zorder=3)
            ax.scatter(a + (b - a) / 2, k, s=64, color=PALETTE[0], linewidths=0, zorder=3)
        else:
            ax.scatter(a, k, s=70, color=PALETTE[1], edgecolors=TEXT_COLOUR, linewidths=0.5, zorder=3)
    days = sorted(set(events["source_published"].dropna()))
    ax.set_xlim(min(start) - pd.DateOffset(years=2), max([*end, *map(pd.Timestamp, days)]) + pd.DateOffset(years=2))
    for day in days:
        ax.axvline(pd.Timestamp(day), color=TEXT_COLOUR, ls="--", lw=1)
        written = f"{pd.Timestamp(day).day} {pd.Timestamp(day):%B %Y}"
        ax.text(pd.Timestamp(day), -0.75, f" reported\n {written}", fontsize=10, va="top")
    ax.set_yticks(range(len(events)), [textwrap.fill(h, WRAP) for h in events["happening"]])
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=6))
    ax.set_ylim(len(events) - 0.4, -1.6)


def _spans(events: pd.DataFrame) -> tuple[list[pd.Timestamp], list[pd.Timestamp]]:
    """First and last day each event may fall on: the data's range, else its date widened to its precision;
    never after the item that reports it was published (an item reports what has already happened)."""
    if {"date_start", "date_end"} <= set(events.columns):
        first = pd.to_datetime(events["date_start"].replace("", None).fillna(events["event_date"]))
        last = list(pd.to_datetime(events["date_end"].replace("", None).fillna(events["event_date"])))
    else:
        first = pd.to_datetime(events["event_date"])
        widen = {"year": pd.offsets.YearEnd(0), "month": pd.offsets.MonthEnd(0), "week": pd.Timedelta(days=6)}
        last = [d + widen[p] if p in widen else d for d, p in zip(first, events["date_precision"])]
    reported = pd.to_datetime(events["source_published"])
    return list(first), [min(b, r) if pd.notna(r) else b for b, r in zip(last, reported)]
