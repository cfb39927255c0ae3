"""Timeline charts of a chapter's window: day_by_day rows, relative-date resolutions and who is named.

Each ``draw_x(ax, data)`` draws one chart on axes the caller made with ``plots.figure`` (sized with
``timeline_figsize``) and finishes with ``plots.finish``; the data come from ``analysis.timeline``.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import matplotlib.dates as mdates
import matplotlib.ticker as mticker
import pandas as pd

from libyabook.analysis.timeline import shorten
from libyabook.extract.dates import window_end
from libyabook.figures.plots import EVENT_TYPE_COLOURS, PALETTE


def kind_style(kind: str, event_type: str = "") -> dict[str, str]:
    """Marker, fill and edge colour of a timeline row: ACLED colours for events, fixed styles otherwise."""
    if kind == "event":
        s = EVENT_TYPE_COLOURS.get(event_type, {"color": PALETTE[4], "marker": "o", "edgecolor": PALETTE[4]})
        return {"marker": s["marker"], "color": s["color"], "edgecolor": s["edgecolor"], "legend": event_type}
    if kind == "statement":
        return {"marker": "*", "color": PALETTE[6], "edgecolor": PALETTE[4], "legend": "Quoted statement"}
    if kind == "video":  # the page dates when a video appeared, not the killings it shows
        return {"marker": "h", "color": PALETTE[5], "edgecolor": PALETTE[4], "legend": "A video, when it appeared"}
    return {"marker": "|", "color": PALETTE[4], "edgecolor": PALETTE[4], "legend": "Report published"}


def timeline_figsize(df: pd.DataFrame, width: float = 8.0) -> tuple[float, float]:
    """A figure size giving each timeline row about 0.5 inch (at least 3 inches tall)."""
    return (width, max(3.0, 1.6 + 0.5 * len(df)))


def _bar_end(date: dt.date, precision: str, published: str) -> dt.date:
    """End of a row's precision window, cut at its report's publication date (nothing reported happens later)."""
    end = window_end(date, precision or "day")
    if published:
        end = max(date, min(end, dt.date.fromisoformat(published)))
    return end


def _wrap(text: str, width: int) -> str:
    """Text on at most two lines of about width characters (the rest cut with an ellipsis)."""
    lines = textwrap.wrap(" ".join(str(text).split()), width) or [""]
    if len(lines) > 2:
        lines = [lines[0], shorten(" ".join(lines[1:]), width)]
    return "\n".join(lines)


def _date_ticks(span_days: int):
    """A tick locator and label format for a date axis spanning span_days (days, months or years)."""
    if span_days <= 62:
        return mdates.DayLocator(interval=max(1, span_days // 3 + 1)), "%-d %b"
    if span_days <= 3 * 366:
        return mdates.MonthLocator(interval=max(1, span_days // 150 + 1)), "%b %Y"
    return mdates.YearLocator(base=max(1, span_days // (365 * 7) + 1)), "%Y"


def _date_axis(ax, first: dt.date, last: dt.date) -> None:
    """A padded date x-axis from first to last with ticks fitted to the span (daily minor ticks up to two months)."""
    pad = dt.timedelta(days=max(1, round((last - first).days * 0.03)))
    ax.set_xlim(first - pad, last + pad + dt.timedelta(days=1))
    locator, fmt = _date_ticks((last - first).days)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter(fmt))
    if (last - first).days <= 62:
        ax.xaxis.set_minor_locator(mdates.DayLocator())
    ax.grid(axis="y", visible=False)


def draw_timeline(ax, df: pd.DataFrame, *, label: str = "label", max_label: int = 34, legend: bool = True):
    """Plot day_by_day rows on a date axis, one row per line (first at top); bars show week/month/year windows.

    Markers follow EVENT_TYPE_COLOURS for events (stars for statements, ticks for reports); a
    horizontal bar from the marker runs to the end of the date's precision window, cut at the report's
    publication date (an event 'last week' happened somewhere on that bar). Statements dated only by their report
    are drawn hollow. Raises ValueError on an empty table (callers print a note instead).
    """
    if df.empty:
        raise ValueError("draw_timeline(): no rows to draw")
    n = len(df)
    seen: set[str] = set()
    for i, r in enumerate(df.to_dict("records")):
        y = n - 1 - i
        x0 = dt.date.fromisoformat(r["date"])
        x1 = _bar_end(x0, r["precision"], r.get("published", ""))
        st = kind_style(r["kind"], r.get("event_type", ""))
        if x1 > x0:
            ax.plot(
                [x0, x1 + dt.timedelta(days=1)],
                [y, y],
                color=st["color"],
                alpha=0.45,
                linewidth=5,
                solid_capstyle="butt",
                zorder=2,
            )
        hollow = r["kind"] == "statement" and r.get("date_basis") == "published"
        name = st["legend"] if st["legend"] not in seen else None
        seen.add(st["legend"])
        ax.plot(
            [x0 + dt.timedelta(hours=12)],
            [y],
            linestyle="none",
            marker=st["marker"],
            markersize=14 if st["marker"] in "*|" else 10,
            markerfacecolor="white" if hollow else st["color"],
            markeredgecolor=st["edgecolor"],
            markeredgewidth=2 if st["marker"] == "|" else 1,
            zorder=3,
            label=name,
        )
    ax.set_yticks(range(n))
    ax.set_yticklabels([_wrap(v, max_label) for v in df[label][::-1]])
    ax.set_ylim(-0.7, n - 0.3)
    first = min(dt.date.fromisoformat(d) for d in df["date"])
    last = max(
        _bar_end(dt.date.fromisoformat(d), p, pub) for d, p, pub in zip(df["date"], df["precision"], df["published"])
    )
    _date_axis(ax, first, last)
    if legend:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), handletextpad=0.4, borderaxespad=0.0)
    return ax


def draw_people(ax, people: pd.DataFrame, *, top: int = 12):
    """Horizontal bars per name: mentions and quotations (statements + terms) in the window's items.

    The ``top`` names of ``people_in_window`` (its order: most present first, drawn at the top).
    Raises ValueError on an empty table (callers print a note instead).
    """
    if people.empty:
        raise ValueError("draw_people(): no names to draw")
    df = people.head(top).iloc[::-1]
    y = list(range(len(df)))
    h = 0.38
    ax.barh([v + h / 2 for v in y], df["mentions"], height=h, color=PALETTE[0], label="Mentions by name")
    ax.barh(
        [v - h / 2 for v in y],
        df["statements"] + df["terms"],
        height=h,
        color=PALETTE[1],
        label="Quotations attributed (statements and labels)",
    )
    ax.set_yticks(y)
    ax.set_yticklabels([shorten(n, 32) for n in df["name"]])
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_locator(mticker.MaxNLocator(integer=True))
    ax.legend(loc="lower right")
    return ax


def _resolution_row(ax, r: dict, y: int, first: bool) -> None:
    """One phrase: a thin line from its report back to the resolved date, the precision bar, both markers."""
    pub = dt.date.fromisoformat(r["published"]) + dt.timedelta(hours=12)
    res = dt.date.fromisoformat(r["date"])
    end = _bar_end(res, r["precision"], r["published"])
    ax.plot([res + dt.timedelta(hours=12), pub], [y, y], color=PALETTE[4], linewidth=1, zorder=2)
    if end > res:
        ax.plot(
            [res, end + dt.timedelta(days=1)],
            [y, y],
            color=PALETTE[1],
            alpha=0.45,
            linewidth=6,
            solid_capstyle="butt",
            zorder=2,
        )
    ax.plot(
        [pub],
        [y],
        linestyle="none",
        marker="|",
        markersize=14,
        markeredgewidth=2,
        color=PALETTE[0],
        zorder=3,
        label="Report published" if first else None,
    )
    ax.plot(
        [res + dt.timedelta(hours=12)],
        [y],
        linestyle="none",
        marker="o",
        markersize=9,
        color=PALETTE[1],
        zorder=3,
        label="Resolved date" if first else None,
    )


def draw_resolutions(ax, relative: pd.DataFrame, *, max_label: int = 34):
    """One row per relative date phrase: a line from the report's publication date back to the resolved date.

    Shows how far back each phrase reaches; the resolved end carries a bar to the end of its precision
    window (a 'last week' spans seven days). Rows without a resolved date are skipped. Raises ValueError
    when no row has both dates.
    """
    df = relative[(relative["date"] != "") & (relative["published"] != "")]
    if df.empty:
        raise ValueError("draw_resolutions(): no resolved phrases to draw")
    n = len(df)
    for i, r in enumerate(df.to_dict("records")):
        _resolution_row(ax, r, n - 1 - i, i == 0)
    ax.set_yticks(range(n))
    ax.set_yticklabels([_wrap(f"{o}: “{p}”", max_label) for o, p in zip(df["outlet"][::-1], df["phrase"][::-1])])
    ax.set_ylim(-0.7, n - 0.3)
    first = min(dt.date.fromisoformat(d) for d in df["date"])
    ends = [
        _bar_end(dt.date.fromisoformat(d), p, pub) for d, p, pub in zip(df["date"], df["precision"], df["published"])
    ]
    last = max(max(dt.date.fromisoformat(p) for p in df["published"]), max(ends))
    _date_axis(ax, first, last)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)
    return ax
