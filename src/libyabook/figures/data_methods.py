"""Chapter 9's charts: the page line by line by owner, and how complete each column of the core tables is."""

from __future__ import annotations

import pandas as pd

from libyabook.figures.plots import PALETTE

#: The parts of the page top to bottom, with a colour and a legend name each.
PART_STYLE = {
    "page_title": (PALETTE[4], "post title"),
    "lead": (PALETTE[2], "lead"),
    "section_header": (PALETTE[5], "section header"),
    "linked": (PALETTE[0], "linked headlines"),
    "related": (PALETTE[3], "related-post headlines"),
    "update": (PALETTE[1], "numbered updates"),
    "comment_form": (PALETTE[6], "comment form"),
}


def draw_line_map(ax, line_map: pd.DataFrame) -> None:
    """One thin bar per non-blank line (y: line number, top to bottom; x: its length), coloured by owner."""
    for part, (colour, label) in PART_STYLE.items():
        rows = line_map[line_map["part"] == part]
        if len(rows):
            ax.barh(rows["line"].astype(int), rows["n_chars"].astype(int), height=0.9, color=colour, label=label)
    ax.invert_yaxis()
    ax.legend(title="Owner of the line", loc="lower right", fontsize=10, title_fontsize=10)


def draw_completeness(ax, partial: pd.DataFrame) -> None:
    """Share of rows with a value, one bar per column that is not filled in every row (``label``, ``share_filled``)."""
    ax.barh(partial["label"], 100 * partial["share_filled"], color=PALETTE[0])
    ax.set_xlim(0, 100)
    ax.invert_yaxis()
