"""The events atlas's charts: the coded events on a broken timeline and on the offline base map.

The caller makes the figure (``timeline_axes``, ``map_axes``: their layout depends on the data) and
draws with ``draw_timeline(axes, rows, panels)`` / ``draw_map(axes, events)``; the tables come from
``analysis.atlas``. Symbols: the book's ACLED colours and markers (``plots.EVENT_TYPE_COLOURS``).
"""

from __future__ import annotations

import datetime as dt
import math

import matplotlib.dates as mdates
import matplotlib.patheffects as pe
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import FixedLocator

from libyabook.analysis.atlas import (
    COAST_EXTENT,
    EVENT_TYPE_ORDER,
    map_extent,
    place_names,
    split_by_extent,
    split_mask,
)
from libyabook.figures import geo
from libyabook.figures.plots import EVENT_TYPE_COLOURS, PALETTE, TEXT_COLOUR, figure, finish

_HALO = [pe.withStroke(linewidth=2.5, foreground="white")]


def _ticks(ax, start: dt.date, end: dt.date) -> None:
    """Date ticks for one panel, inside its own period only: years, months or days (about three to six)."""
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


def _legend_handles(types: list[str], counts: dict[str, int] | None = None) -> list:
    """Legend entries for ACLED event types with the book's colours and markers, optionally with counts."""
    out = []
    for t in [t for t in EVENT_TYPE_ORDER if t in types]:
        st = EVENT_TYPE_COLOURS[t]
        label = f"{t} ({counts[t]})" if counts is not None else t
        out.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker=st["marker"],
                markersize=8,
                markerfacecolor=st["color"],
                markeredgecolor=st["edgecolor"],
                label=label,
            )
        )
    return out


# ---- the broken timeline -----------------------------------------------------------------------------


def timeline_axes(panels: pd.DataFrame, n_rows: int, *, width: float = 9.0, row_height: float = 0.27):
    """The figure for ``draw_timeline``: one panel per period, as wide as its events (at least half the widest).

    Returns (fig, axes). Raises ValueError when there is nothing to draw (callers print a note instead).
    """
    if panels.empty or n_rows == 0:
        raise ValueError("draw_timeline(): no events to draw")
    counts = panels["events"].astype(float).tolist()
    widths = [max(c, 0.5 * max(counts)) for c in counts]
    height = max(3.8, 2.3 + row_height * n_rows)
    fig, axes = figure(
        1,
        len(panels),
        figsize=(width, height),
        sharey=True,
        squeeze=False,
        gridspec_kw={"width_ratios": widths},
        layout="none",
    )
    return fig, list(axes[0])


def _draw_event_row(ax, r: dict, y: int, mid: dt.date) -> None:
    """One event: a pale bar over its date window (unless a day), its marker, and its stated toll beside it."""
    st = EVENT_TYPE_COLOURS.get(r["event_type"], {"color": PALETTE[4], "marker": "o", "edgecolor": PALETTE[4]})
    x0 = dt.date.fromisoformat(r["start"])
    x1 = dt.date.fromisoformat(r["end"]) + dt.timedelta(days=1)
    if r["date_precision"] != "day":
        ax.plot([x0, x1], [y, y], color=st["color"], alpha=0.35, linewidth=6, solid_capstyle="butt", zorder=2)
    ax.plot(
        [x0 + dt.timedelta(hours=12)],
        [y],
        linestyle="none",
        marker=st["marker"],
        markersize=8,
        markerfacecolor=st["color"],
        markeredgecolor=st["edgecolor"],
        zorder=3,
    )
    if not pd.isna(r["fatalities"]):
        right = x0 < mid
        ax.annotate(
            f"{int(r['fatalities'])} dead (stated)",
            (x1 if right else x0, y),
            xytext=(6 if right else -8, 0),
            textcoords="offset points",
            va="center",
            ha="left" if right else "right",
            fontsize=10,
            color=TEXT_COLOUR,
            zorder=6,
            annotation_clip=False,
            path_effects=_HALO,
        )


def _draw_panel(ax, rows: pd.DataFrame, p: dict) -> None:
    """One period of the broken axis: its events (row y counted from the top), padded limits, ticks and title."""
    n = len(rows)
    s, e = dt.date.fromisoformat(p["start"]), dt.date.fromisoformat(p["end"])
    pad = dt.timedelta(days=max(4, round((e - s).days * 0.06)))
    lo, hi = s - pad, e + pad + dt.timedelta(days=1)
    for i, r in rows[rows["panel"] == p["panel"]].iterrows():
        _draw_event_row(ax, r, n - 1 - i, lo + (hi - lo) / 2)
    ax.set_xlim(lo, hi)
    _ticks(ax, s, e)
    ax.set_title(
        f"{p['label']}\n{p['events']} events" if p["events"] != 1 else f"{p['label']}\n1 event",
        fontsize=10,
        fontweight="normal",
        loc="center",
    )
    ax.patch.set_visible(False)  # a toll written beside a marker may run into the next panel's empty row
    ax.grid(axis="y", visible=False)


def _break_axes(axes: list, labels: list[str]) -> None:
    """Event labels on the first panel only, and slanted break marks where the time axis jumps."""
    n = len(labels)
    for ax in axes[1:]:
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
    axes[0].set_yticks(range(n))
    axes[0].set_yticklabels(labels[::-1])
    axes[0].set_ylabel("Event (id and place)")
    axes[0].set_ylim(-0.7, n - 0.3)
    for ax in axes[:-1]:
        ax.plot(
            [1, 1],
            [0, 0],
            transform=ax.transAxes,
            marker=[(-1, -2), (1, 2)],
            markersize=10,
            color="#555555",
            clip_on=False,
            linestyle="none",
            zorder=5,
        )
        ax.spines["right"].set_visible(False)


def draw_timeline(axes: list, rows: pd.DataFrame, panels: pd.DataFrame, *, title: str) -> list:
    """Draw ``timeline_rows`` on the panels of ``timeline_axes``: one row per event, one panel per period.

    A pale bar runs over the window the date's precision allows (a 'last week' spans seven days); a stated
    toll is written beside its marker (left of it in the right half of a panel); slanted marks on the time
    axis show where it is broken. Raises ValueError on an empty table. Returns the axes.
    """
    if rows.empty or panels.empty:
        raise ValueError("draw_timeline(): no events to draw")
    for ax, p in zip(axes, panels.to_dict("records")):
        _draw_panel(ax, rows, p)
    labels = [str(v) for v in rows["label"]]
    _break_axes(axes, labels)
    fig = axes[0].figure
    width, height = fig.get_size_inches()
    handles = _legend_handles(list(set(rows["event_type"])))
    handles.append(Line2D([], [], color="#999999", alpha=0.6, linewidth=6, label="Date window (week, month or year)"))
    fig.legend(handles=handles, loc="lower center", ncol=3, frameon=False, bbox_to_anchor=(0.5, 0.0))
    label_in = max(len(v) for v in labels) * 0.075 + 0.55
    fig.subplots_adjust(
        left=min(0.45, label_in / width), right=0.97, top=1 - 1.05 / height, bottom=1.45 / height, wspace=0.08
    )
    fig.suptitle(title, x=0.02, ha="left", fontsize=13, fontweight="bold")
    xlabel = "Date of the event" + (" (broken axis: each panel has its own time scale)" if len(panels) > 1 else "")
    fig.supxlabel(xlabel, y=0.68 / height, fontsize=11)
    return axes


# ---- the map -----------------------------------------------------------------------------------------


def map_axes(events: pd.DataFrame, *, extent=None, zoom=COAST_EXTENT):
    """The figure for ``draw_map``: an overview of ``extent`` (default ``map_extent``) and, beside it, the ``zoom``.

    Only the overview when no event lies inside ``zoom``. Returns (fig, axes). Raises ValueError when no
    event lies inside ``extent``.
    """
    extent = extent or map_extent(events)
    inside = split_by_extent(events, extent)[0]
    if inside.empty:
        raise ValueError("draw_map(): no event inside the map's extent")
    if split_by_extent(inside, zoom)[0].empty:
        fig, ax = geo.map_figure(extent, width=9.0)
        return fig, [ax]
    zx0, zx1, zy0, zy1 = zoom
    ratio_o = (extent[3] - extent[2]) / (math.cos(math.radians((extent[2] + extent[3]) / 2)) * (extent[1] - extent[0]))
    ratio_z = (zy1 - zy0) / (math.cos(math.radians((zy0 + zy1) / 2)) * (zx1 - zx0))
    fig, axes = figure(1, 2, figsize=(9.0, 5.2), gridspec_kw={"width_ratios": [1 / ratio_o, 1 / ratio_z]})
    return fig, list(axes)


def _draw_points(ax, data: pd.DataFrame, label: str | None) -> None:
    """Rings for region/sea/country points (geo precision 3), the event symbols (geo.plot_points), then place names."""
    vague = data[pd.to_numeric(data["geo_precision"]) == 3].drop_duplicates("location")
    if len(vague):
        ax.scatter(
            vague["longitude"],
            vague["latitude"],
            s=700,
            facecolors="none",
            edgecolors="#555555",
            linestyles="--",
            linewidths=1.0,
            zorder=2.8,
        )
    geo.plot_points(ax, data, by="event_type", label=None, legend=False)
    if label:
        named = data.dropna(subset=[label]).drop_duplicates("location")
        named = named.sort_values(["latitude", "longitude", label], ascending=[False, True, True], kind="mergesort")
        geo.label_places(
            ax, [(str(r[label]), float(r["longitude"]), float(r["latitude"])) for _, r in named.iterrows()]
        )


def _map_legend(fig, events: pd.DataFrame, shown: pd.DataFrame, n_far: int, title: str) -> None:
    """Title and legend first: the layout must be final before place names are fitted around the points."""
    counts = {t: int((events["event_type"] == t).sum()) for t in EVENT_TYPE_ORDER}
    handles = _legend_handles(list(set(events["event_type"])), counts)
    if (pd.to_numeric(shown["geo_precision"]) == 3).any():
        handles.append(
            Line2D(
                [],
                [],
                linestyle="--",
                marker="o",
                markersize=14,
                markerfacecolor="none",
                markeredgecolor="#555555",
                linewidth=0,
                label="Point stands for a region, sea area or country (geo precision 3)",
            )
        )
    legend_title = "Event type (events in the table)"
    if n_far:
        legend_title += f"; {n_far} beyond the map: see the table below"
    fig.legend(
        handles=handles,
        title=legend_title,
        loc="lower center",
        ncol=2,
        frameon=False,
        bbox_to_anchor=(0.5, 0.0),
        alignment="left",
    )
    fig.suptitle(title, x=0.02, ha="left", fontsize=13, fontweight="bold")
    bottom = (0.25 + 0.22 * math.ceil(len(handles) / 2)) / fig.get_size_inches()[1]
    fig.get_layout_engine().set(rect=(0, bottom, 1, 1 - 0.5 / fig.get_size_inches()[1]))


def draw_map(
    axes: list,
    events: pd.DataFrame,
    places: pd.DataFrame | None = None,
    *,
    title: str,
    extent=None,
    zoom=COAST_EXTENT,
    n_far: int | None = None,
) -> list:
    """Draw the events on the axes of ``map_axes`` (same ``extent`` and ``zoom``): overview, then the zoom.

    Places are named once: in the zoom if they are in it, else on the overview. One marker per place and
    type whose area grows with the count (geo.plot_points); a dashed ring marks points that stand for a
    region, sea area or country (geo_precision 3). The legend counts every event of the table per type and
    says how many lie beyond the map (``n_far``, default: outside ``extent``). Returns the axes.
    """
    extent = extent or map_extent(events)
    inside, outside = split_by_extent(events, extent)
    data = inside.assign(place_name=place_names(inside["location"], places))
    _map_legend(axes[0].figure, events, data, len(outside) if n_far is None else n_far, title)
    ax_o = axes[0]
    geo.draw_basemap(ax_o, extent, labels=len(axes) == 1)
    finish(ax_o, "Overview", "Longitude (°E)", "Latitude (°N)")
    if len(axes) == 1:
        _draw_points(ax_o, data, "place_name")
        return axes
    ax_z = axes[1]
    geo.draw_basemap(ax_z, zoom)
    finish(ax_z, "Libya's coast (box on the left)", "Longitude (°E)", "Latitude (°N)")
    zx0, zx1, zy0, zy1 = zoom
    ax_o.add_patch(
        Rectangle((zx0, zy0), zx1 - zx0, zy1 - zy0, fill=False, edgecolor="#222222", linewidth=1.2, zorder=5)
    )
    in_zoom = split_mask(data, zoom)
    overview = data.assign(place_name=[None if z else name for z, name in zip(in_zoom, data["place_name"])])
    _draw_points(ax_o, overview, "place_name")
    _draw_points(ax_z, split_by_extent(data, zoom)[0], "place_name")
    return axes
