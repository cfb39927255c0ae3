"""Charts of chapter 8 (the claims ledger), each ``draw_x(ax, data)``: the migrant totals, the contested dates.

``chart(draw_x, data, title=..., xlabel=..., ylabel=...)`` makes the figure; a drawing that needs several
panels (one per contested fact) splits the given axes' cell into a stack and draws the panels there.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from libyabook.analysis import disagreements as dis
from libyabook.analysis import ledger
from libyabook.figures import plots

#: What a topic's status means, for the panel titles.
STATUS_WORDS = {
    "agree": "the sources agree",
    "compatible": "compatible: one source is less precise",
    "disagree": "the dates do not overlap",
    "one date only": "only one source gives a date",
    "undated": "no source gives a date",
}
#: Marker per qualifier: a lower bound points up, an upper bound down, an approximation is a diamond.
QUALIFIER_MARKERS = {
    "more than": "^",
    "at least": "^",
    "exact": "o",
    "about": "D",
    "almost": "v",
    "up to": "v",
    "less than": "v",
}


def _date_axis(ax, minticks: int = 3, maxticks: int = 6) -> None:
    """Day-month-year ticks on a date axis, written as the prose writes dates ('30 Jul 2017' on two lines)."""
    import matplotlib.dates as mdates

    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=minticks, maxticks=maxticks))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b\n%Y"))


def draw_migrants(ax, arrivals: pd.DataFrame) -> None:
    """The migrant totals by the date they refer to, coloured by what they count; hollow = implied by a share."""
    from matplotlib.lines import Line2D
    from matplotlib.ticker import StrMethodFormatter

    colours = dict(zip(dis.ARRIVAL_SCOPES, (plots.PALETTE[0], plots.PALETTE[3], plots.PALETTE[2], plots.PALETTE[1])))
    for r in arrivals.itertuples():
        x, stated = pd.Timestamp(r.as_of), r.kind == "stated"
        ax.scatter(
            [x],
            [r.value],
            marker=QUALIFIER_MARKERS.get(r.qualifier, "o"),
            s=110,
            linewidth=2,
            zorder=3,
            color=colours[r.scope] if stated else "white",
            edgecolor=colours[r.scope],
        )
        who = dis.short_name(r.source)
        label = f"{who}:\n{r.figure}" if stated else f"implied by {who}:\n{r.figure}"
        ax.annotate(
            label,
            (x, r.value),
            xytext=(10, 8) if stated else (-4, -30),
            textcoords="offset points",
            fontsize=9,
            va="center" if stated else "top",
        )
    lo, hi = pd.Timestamp(arrivals["as_of"].min()), pd.Timestamp(arrivals["as_of"].max())
    ax.set_xlim(lo - pd.Timedelta(days=2), hi + pd.Timedelta(days=12))
    span = arrivals["value"].max() - arrivals["value"].min()
    pad = max(span * 0.3, arrivals["value"].max() * 0.03)
    ax.set_ylim(arrivals["value"].min() - pad, arrivals["value"].max() + pad)
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    _date_axis(ax)
    handles = [
        Line2D([], [], linestyle="", marker="s", color=colours[s], markersize=9, label=ledger.scope_words(s))
        for s in dis.ARRIVAL_SCOPES
        if s in set(arrivals["scope"])
    ]
    handles += [
        Line2D([], [], linestyle="", marker="^", color=plots.TEXT_COLOUR, label="more than (a lower bound)"),
        Line2D(
            [],
            [],
            linestyle="",
            marker="D",
            color=plots.TEXT_COLOUR,
            markerfacecolor="white",
            label="implied by a share (hollow)",
        ),
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=2, fontsize=9)


def _date_panel(ax, g: pd.DataFrame, colour: str) -> None:
    """One contested fact: a dot per source's resolved day, a bar for a week or month window."""
    dated = g[g["resolved_date"] != ""]
    lo = pd.Timestamp(dated["resolved_date"].min() if len(dated) else g["published"].min())
    hi = pd.Timestamp(dated["window_end"].max() if len(dated) else g["published"].max())
    pad = pd.Timedelta(days=max(3, (hi - lo).days // 4))
    ax.set_xlim(lo - pad, hi + pad)
    for i, r in enumerate(g.itertuples()):
        y = len(g) - 1 - i
        if r.resolved_date:
            s, e = pd.Timestamp(r.resolved_date), pd.Timestamp(r.window_end)
            if e > s:
                ax.plot(
                    [s, e + pd.Timedelta(days=1)], [y, y], color=colour, linewidth=7, alpha=0.35, solid_capstyle="butt"
                )
            ax.scatter([s], [y], s=80, color=colour, zorder=3)
        else:
            ax.annotate(
                f"no date given, only “{r.date_text or 'not dated'}”",
                (0.5, y),
                xycoords=("axes fraction", "data"),
                ha="center",
                va="center",
                fontsize=9,
            )
    ax.set_ylim(-0.6, len(g) - 0.4)
    ax.set_yticks(range(len(g)), [f"{dis.short_name(r.outlet_name)}" for r in g.iloc[::-1].itertuples()])
    _date_axis(ax, 3, 5)
    ax.grid(axis="y", visible=False)
    status = g["status"].iloc[0]
    question = textwrap.fill(g["question"].iloc[0], 44)  # wrapped: a long question must not run off a phone
    ax.set_title(f"{question}\n{STATUS_WORDS.get(status, status)}", fontsize=10, loc="left")


def draw_date_versions(ax, versions: pd.DataFrame) -> None:
    """One panel per contested date, stacked, each on its own date axis; red where the dates do not overlap."""
    order = list(dict.fromkeys(versions["topic"]))
    panels = plots.stack(ax, [1 + int((versions["topic"] == k).sum()) for k in order])
    for panel, topic in zip(panels, order):
        g = versions[versions["topic"] == topic].reset_index(drop=True)
        colour = plots.PALETTE[1] if g["status"].iloc[0] == "disagree" else plots.PALETTE[0]
        _date_panel(panel, g, colour)
