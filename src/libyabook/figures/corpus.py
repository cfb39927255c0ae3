"""Chapter 1's charts: when the page's items were published, and how much text each outlet supplies."""

from __future__ import annotations

import pandas as pd

from libyabook.figures.plots import KIND_COLOURS, PALETTE, SECTION_STYLE, TEXT_COLOUR

#: The legend's name for each section of the page (its colour and marker come from plots.SECTION_STYLE).
SECTION_NAMES = {
    "linked": "linked headline",
    "update": "numbered update",
    "lead": "lead",
    "related": "related-post headline",
}


def draw_timeline(ax, timeline: pd.DataFrame) -> None:
    """One marker per dated item (x: publication date, y: outlet), shaded gaps of half a year or more between bursts.

    ``timeline`` has ``published``, ``name`` (the outlet's name), ``section`` and ``burst`` (1, 2 ...).
    """
    dates = pd.to_datetime(timeline["published"])
    rows = list(dict.fromkeys(timeline.sort_values("published")["name"]))
    y = timeline["name"].map({name: k for k, name in enumerate(rows)})
    for section, label in SECTION_NAMES.items():
        sub = (timeline["section"] == section).to_numpy()
        colour, marker = SECTION_STYLE[section]["color"], SECTION_STYLE[section]["marker"]
        if sub.any():
            ax.scatter(
                dates[sub],
                y[sub],
                s=46,
                marker=marker,
                color=colour,
                edgecolors=TEXT_COLOUR,
                linewidths=0.5,
                zorder=3,
                label=label,
            )
    spans = timeline.assign(date=dates).groupby("burst")["date"].agg(["min", "max"]).sort_index()
    for (_, before), (_, after) in zip(spans.iterrows(), spans.iloc[1:].iterrows()):
        ax.axvspan(before["max"], after["min"], color=PALETTE[6], alpha=0.18, lw=0, zorder=1)
        for edge in (before["max"], after["min"]):
            ax.axvline(edge, color=TEXT_COLOUR, lw=0.6, ls=":", zorder=2)
        years = (after["min"] - before["max"]).days / 365.25
        ax.text(
            before["max"] + (after["min"] - before["max"]) / 2,
            len(rows) - 0.4,
            f"no item\n{years:.1f} yr",
            ha="center",
            va="bottom",
            fontsize=10,
            color=TEXT_COLOUR,
        )
    ax.set_yticks(range(len(rows)), rows)
    ax.set_ylim(len(rows) + 0.9, -0.7)
    ax.legend(loc="center left", fontsize=10)


def draw_words(ax, outlets: pd.DataFrame) -> None:
    """Words of excerpt per outlet (most at the top), coloured by kind; outlets with a headline only are marked."""
    data = outlets.iloc[::-1]
    ax.barh(
        data["name"],
        data["words"],
        color=[KIND_COLOURS.get(k, KIND_COLOURS["unknown"]) for k in data["kind"]],
        edgecolor=TEXT_COLOUR,
        linewidth=0.4,
    )
    top = max(int(data["words"].max()), 1)
    for k, w in enumerate(data["words"]):
        if w == 0:
            ax.text(top * 0.01, k, "headline only", va="center", fontsize=10)
    kinds = [k for k in KIND_COLOURS if k in set(data["kind"])]
    handles = [ax.bar(0, 0, color=KIND_COLOURS[k], label=k) for k in kinds]
    ax.legend(handles=handles, title="Kind of outlet", loc="lower right", fontsize=10, title_fontsize=10)
