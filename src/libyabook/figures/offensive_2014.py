"""Chapter 3's charts: how far back each relative date reaches, the window day by day, who is named and quoted.

Each ``draw_x(ax, data)`` sizes its figure to its rows and draws with the house timeline charts; the chapter
makes each chart with one ``chart(...)`` call.
"""

from __future__ import annotations

import pandas as pd

from libyabook.analysis.chapters.selection import short_outlet
from libyabook.figures import timeline
from libyabook.figures.plots import key_below


def draw_resolutions(ax, relative: pd.DataFrame):
    """Each relative date phrase: a line from its report's publication back to the date it resolves to."""
    ax.figure.set_figheight(timeline.timeline_figsize(relative)[1] + 0.6)
    timeline.draw_resolutions(ax, relative.assign(outlet=[short_outlet(n) for n in relative["outlet_name"]]))
    key_below(ax, ncol=2)
    return ax


def draw_day(ax, day: pd.DataFrame):
    """The window's dated happenings, one per row, labelled by what happened; the key sits under the chart."""
    ax.figure.set_figheight(timeline.timeline_figsize(day)[1] + 1.0)
    timeline.draw_timeline(ax, day, legend=False)
    key_below(ax, title="Kind of row", ncol=2)
    return ax


def draw_people(ax, people: pd.DataFrame):
    """Mentions by name and quotations per person or body, most present at the top."""
    ax.figure.set_figheight(max(3.0, 1.6 + 0.45 * min(len(people), 12)))
    return timeline.draw_people(ax, people)
