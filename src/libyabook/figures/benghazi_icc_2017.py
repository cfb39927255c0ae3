"""Chapter 4's charts: the casualty figures side by side (one bar each, never stacked) and who is quoted.

Each function follows the house convention ``draw_x(ax, data)`` and sets the height its rows need; the
chapter makes each chart with one ``chart(...)`` call.
"""

from __future__ import annotations

import pandas as pd

from libyabook.figures.plots import PALETTE, TEXT_COLOUR, key_below


def _height(ax, rows: int, per_row: float, base: float) -> None:
    """Give the figure the height its rows need (the width stays the house column width)."""
    ax.figure.set_figheight(base + per_row * rows)


def draw_casualties(ax, figures: pd.DataFrame):
    """One bar per stated figure (vague ones left out), coloured by what it counts, labelled in the outlets' words."""
    shown = figures[figures["value"].notna()].reset_index(drop=True)
    _height(ax, len(shown), 0.75, 2.2)
    kinds = list(dict.fromkeys(shown["counts"]))
    colour = {k: PALETTE[i % 5] for i, k in enumerate(kinds)}
    y = list(range(len(shown)))[::-1]
    for yi, r in zip(y, shown.to_dict("records")):
        ax.barh(yi, r["value"], color=colour[r["counts"]], label=r["counts"])
        ax.text(r["value"], yi, f" {r['value']:g}", va="center", color=TEXT_COLOUR)
    ax.set_yticks(y, shown["label"])
    ax.set_xlim(0, shown["value"].max() * 1.2)
    key_below(ax, title="What the figure counts")
    ax.grid(axis="y", visible=False)
    return ax


def draw_quoted(ax, quoted: pd.DataFrame):
    """Statements and quoted terms per speaker, most quoted at the top, on one integer scale."""
    import matplotlib.ticker as mticker

    _height(ax, len(quoted), 0.45, 1.4)
    y = list(range(len(quoted)))[::-1]
    ax.barh([v + 0.2 for v in y], quoted["statements"], height=0.4, color=PALETTE[0], label="Statements")
    ax.barh([v - 0.2 for v in y], quoted["terms"], height=0.4, color=PALETTE[1], label="Quoted terms")
    ax.set_yticks(y, quoted["name"])
    ax.xaxis.set_major_locator(mticker.MaxNLocator(integer=True))
    ax.legend(loc="lower right")
    ax.grid(axis="y", visible=False)
    return ax


def draw_events(ax, events: pd.DataFrame):
    """The months' events, one row each, named by what happened; a video is a video, on the date it appeared."""
    from libyabook.figures import timeline

    ax.figure.set_figheight(timeline.timeline_figsize(events)[1] + 1.2)
    timeline.draw_timeline(ax, events, legend=False)
    key_below(ax, title="Kind of row", ncol=2)
    return ax
