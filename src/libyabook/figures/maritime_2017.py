"""Chapter 5's charts: the migrant figures on one log scale, and which side each outlet quotes.

Each function follows the house convention ``draw_x(ax, data)`` and sets the height its rows need; the
chapter makes each chart with one ``chart(...)`` call.
"""

from __future__ import annotations

import pandas as pd

from libyabook.figures.plots import PALETTE, TEXT_COLOUR, key_below

#: How the key names a qualifier: a figure stated without one is not thereby exact.
QUALIFIER_WORDS = {"exact": "none stated"}
#: Marker per qualifier: a right-pointing triangle is a floor ('more than'), a left-pointing one a ceiling.
QUALIFIER_MARKERS = {
    "more than": ">",
    "at least": ">",
    "exact": "o",
    "about": "D",
    "almost": "<",
    "up to": "<",
    "vague": "s",
}


def draw_migrant_figures(ax, figures: pd.DataFrame):
    """Each figure with a number as a point on a log scale, labelled by scope, outlet and as-of date."""
    import matplotlib.pyplot as plt
    import matplotlib.ticker as mticker

    rows = figures.iloc[::-1].reset_index(drop=True)
    ax.figure.set_figheight(max(3.5, 1.8 + 0.7 * len(rows)))
    scopes = list(dict.fromkeys(rows["scope"]))
    colour = {s: PALETTE[i % 5] for i, s in enumerate(scopes)}
    for i, r in enumerate(rows.to_dict("records")):
        ax.scatter(
            [r["value"]],
            [i],
            marker=QUALIFIER_MARKERS.get(r["qualifier"], "s"),
            color=colour[r["scope"]],
            s=110,
            zorder=3,
        )
        ax.annotate(
            f"{r['value']:,.0f}" if r["qualifier"] == "exact" else f"{r['qualifier']} {r['value']:,.0f}",
            (r["value"], i),
            xytext=(0, 9),
            textcoords="offset points",
            ha="center",
            va="bottom",
        )
    ax.set_xscale("log")
    ax.set_xlim(rows["value"].min() / 4, rows["value"].max() * 4)
    ax.xaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}"))
    ax.xaxis.set_minor_formatter(mticker.NullFormatter())
    ax.set_ylim(-0.5, len(rows) - 0.2)
    ax.set_yticks(range(len(rows)), rows["label"])
    handles = [
        plt.Line2D([], [], linestyle="", marker=QUALIFIER_MARKERS.get(q, "s"), color=TEXT_COLOUR, markersize=8)
        for q in dict.fromkeys(rows["qualifier"])
    ]
    names = [QUALIFIER_WORDS.get(q, q) for q in dict.fromkeys(rows["qualifier"])]
    key_below(ax, title="Qualifier", ncol=2, handles=handles, labels=names)
    return ax


def draw_sides(ax, grid: pd.DataFrame):
    """Quotations per outlet, stacked by the side of the speaker, on one integer scale."""
    import matplotlib.ticker as mticker

    outlets = list(grid.index)[::-1]
    ax.figure.set_figheight(max(3.0, 2.4 + 0.45 * len(outlets)))
    left = pd.Series(0, index=outlets)
    for i, side in enumerate(grid.columns):
        values = grid.loc[outlets, side]
        ax.barh(outlets, values, left=left, color=PALETTE[i % len(PALETTE)], label=side, edgecolor="white")
        left = left + values
    key_below(ax, title="Side quoted", ncol=2)
    ax.xaxis.set_major_locator(mticker.MaxNLocator(integer=True))
    ax.grid(axis="y", visible=False)
    return ax


def draw_events(ax, events: pd.DataFrame):
    """The fortnight's events at sea, one row each, named by what happened; bars span a week-precise date."""
    from libyabook.figures import timeline

    ax.figure.set_figheight(timeline.timeline_figsize(events)[1] + 0.8)
    timeline.draw_timeline(ax, events, legend=False)
    key_below(ax, title="Event type", ncol=2)
    return ax
