"""Charts of chapter 7 (the events atlas), each ``draw_x(ax, data)``: the map of Libya's coast, the timeline.

The map draws the coast of Libya and the sea off it, where most events are; events beyond it are listed in
the chapter's table. Places a millimetre apart at this scale share one point and one name (the chapter's
analysis decides which), so a name never sits by another place's symbols. The timeline stacks its periods
one above the other, each on its own time axis, so no panel is squeezed beside another.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from libyabook.analysis import atlas
from libyabook.figures import geo, plots

RING = "#555555"


def _legend_handles(types: list[str], counts: dict[str, int]) -> list:
    """Legend entries for the ACLED event types present, in codebook order, with the book's symbols and counts."""
    return [
        geo._symbol(plots.EVENT_TYPE_COLOURS[t], f"{t} ({counts[t]})") for t in atlas.EVENT_TYPE_ORDER if t in types
    ]


def _legend(ax, types: list[str], counts: dict[str, int], extra: list) -> None:
    """Event types (with their counts) and the extra entries, in a legend under the axes."""
    handles = _legend_handles(types, counts) + extra
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, frameon=False, fontsize=9)


def draw_map(ax, points: pd.DataFrame) -> None:
    """The events inside atlas.COAST_EXTENT on the offline base map: a symbol per place and ACLED type
    (larger for more events), a dashed ring where the point stands for a region, sea or country, one name per point."""
    from matplotlib.lines import Line2D

    inside = atlas.split_by_extent(points, atlas.COAST_EXTENT)[0]
    geo.draw_basemap(ax, atlas.COAST_EXTENT)
    vague = inside[pd.to_numeric(inside["geo_precision"]) == 3].drop_duplicates("point")
    ax.scatter(
        vague["longitude"],
        vague["latitude"],
        s=650,
        facecolors="none",
        edgecolors=RING,
        linestyles="--",
        linewidths=1.0,
        zorder=2.8,
    )
    geo.plot_points(ax, inside, by="event_type", label=None, legend=False)
    named = inside.drop_duplicates("point").sort_values(["latitude", "longitude"], ascending=[False, True])
    geo.label_places(ax, [(str(r.place_name), float(r.longitude), float(r.latitude)) for r in named.itertuples()])
    ring = Line2D(
        [],
        [],
        linestyle="none",
        marker="o",
        markersize=13,
        markerfacecolor="none",
        markeredgecolor=RING,
        label="Point stands for a region, sea or country",
    )
    counts = inside["event_type"].value_counts().to_dict()
    _legend(ax, list(counts), counts, [ring] if len(vague) else [])


def _row(ax, r, y: int) -> None:
    """One event: its marker on its date, a pale bar over a week, month or year window, its stated toll."""
    import matplotlib.patheffects as pe

    st = plots.EVENT_TYPE_COLOURS.get(
        r.event_type, {"color": plots.PALETTE[4], "marker": "o", "edgecolor": plots.PALETTE[4]}
    )
    bound = r.date_precision == "on_or_before"  # known only to have happened by its date: marker at that date
    x1 = dt.date.fromisoformat(r.end) + dt.timedelta(days=1)
    # a bound with no earlier limit on the page gets no bar: the page does not say how long before
    x0 = max(dt.date.fromisoformat(r.start), matplotlib_date(ax.get_xlim()[0])) if r.start else x1
    if x1 - x0 > dt.timedelta(days=1):
        ax.plot([x0, x1], [y, y], color=st["color"], alpha=0.35, linewidth=6, solid_capstyle="butt", zorder=2)
    mark = (x1 - dt.timedelta(hours=12)) if bound else (x0 + dt.timedelta(hours=12))
    ax.plot(
        [mark],
        [y],
        linestyle="none",
        marker=st["marker"],
        markersize=8,
        markerfacecolor=st["color"],
        markeredgecolor=st["edgecolor"],
        zorder=3,
    )
    if r.toll:
        lo, hi = ax.get_xlim()
        right = plots_date(mark) < (lo + hi) / 2
        ax.annotate(
            r.toll,
            (x1 if right else mark, y),
            xytext=(6 if right else -8, 0),
            textcoords="offset points",
            va="center",
            ha="left" if right else "right",
            fontsize=9,
            color=plots.TEXT_COLOUR,
            zorder=6,
            path_effects=[pe.withStroke(linewidth=2.5, foreground="white")],
        )


def matplotlib_date(x: float) -> dt.date:
    """An axis number as a date."""
    import matplotlib.dates as mdates

    return mdates.num2date(x).date()


def plots_date(d: dt.date) -> float:
    """A date as matplotlib's axis number."""
    import matplotlib.dates as mdates

    return mdates.date2num(d)


def _period_ticks(ax, start: dt.date, end: dt.date) -> None:
    """Date ticks for one panel, inside its own period only: years, months or days (about three to six)."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FixedLocator

    days = (end - start).days
    one_year = start.year == end.year
    if days > 4 * 366:
        step = next(k for k in (1, 2, 5, 10, 20, 50, 100) if days / 365 / k <= 3)
        ticks = [dt.date(y, 1, 1) for y in range(start.year + 1, end.year + 1) if y % step == 0]
        fmt = "%Y"
    elif days > 45:
        months = []
        d = dt.date(start.year, start.month, 1)
        while d <= end:
            months.append(d)
            d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        step = 1 if days <= 200 else 3 if days <= 400 else 6
        ticks = [m for m in months if m >= start and (m.month - 1) % step == 0]
        fmt = "%b" if one_year else "%b\n%Y"
    else:
        every = max(1, days // 4)
        ticks = [start + dt.timedelta(days=k) for k in range(0, days + 1, every)]
        fmt = "%d %b" if one_year else "%d %b\n%Y"
    ax.xaxis.set_major_locator(FixedLocator([mdates.date2num(t) for t in ticks]))
    ax.xaxis.set_major_formatter(mdates.DateFormatter(fmt))


def _ticks(ax, start: dt.date, end: dt.date) -> None:
    """Date ticks inside one panel's period: weekly days ('1 Aug') for a few weeks, else _period_ticks."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FixedLocator

    if (end - start).days > 45:
        _period_ticks(ax, start, end)
        return
    ticks = [start + dt.timedelta(days=k) for k in range(0, (end - start).days + 1, 7)]
    ax.xaxis.set_major_locator(FixedLocator([mdates.date2num(t) for t in ticks]))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b"))


def draw_timeline(ax, rows: pd.DataFrame) -> None:
    """The events, one row each and labelled by the happening, in one panel per period stacked top to bottom."""
    panels = rows.drop_duplicates("panel")[["panel", "panel_label", "panel_start", "panel_end"]]
    axes = plots.stack(ax, [1.2 + int((rows["panel"] == p).sum()) for p in panels["panel"]])
    for panel_ax, p in zip(axes, panels.itertuples()):
        s, e = dt.date.fromisoformat(p.panel_start), dt.date.fromisoformat(p.panel_end)
        pad = dt.timedelta(days=max(2, round((e - s).days * 0.05)))
        panel_ax.set_xlim(s - pad, e + pad + dt.timedelta(days=1))
        sub = rows[rows["panel"] == p.panel].reset_index(drop=True)
        for i, r in enumerate(sub.itertuples()):
            _row(panel_ax, r, len(sub) - 1 - i)
        panel_ax.set_ylim(-0.7, len(sub) - 0.3)
        panel_ax.set_yticks(range(len(sub)), list(sub["label"])[::-1], fontsize=9)
        _ticks(panel_ax, s, e)
        panel_ax.grid(axis="y", visible=False)
        panel_ax.set_title(p.panel_label, fontsize=10, loc="left")
    counts = rows["event_type"].value_counts().to_dict()
    from matplotlib.lines import Line2D

    bar = Line2D([], [], color="#999999", alpha=0.6, linewidth=6, label="Date window")
    axes[-1].legend(
        handles=_legend_handles(list(counts), counts) + [bar],
        loc="upper right",
        bbox_to_anchor=(1.0, -0.12),
        ncol=2,
        frameon=False,
        fontsize=9,
    )
