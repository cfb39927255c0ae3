"""One call per chart in a chapter: make the styled figure, draw the data, title it, show it.

Drawing functions follow one convention, ``draw_x(ax, data)``; ``chart`` is the only place that creates
and shows a figure, so a chapter cell holds no matplotlib call and every chart gets the house style and
a compulsory title and axis labels (``plots.finish``).
"""

from __future__ import annotations

from collections.abc import Callable

from libyabook.figures import plots


def chart(
    draw: Callable,
    data,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    figsize: tuple[float, float] | None = None,
    empty: str = "Nothing to draw for this page or window.",
):
    """Draw ``data`` with ``draw(ax, data)`` on a new styled figure and show it; print ``empty`` if no data."""
    import matplotlib.pyplot as plt

    if data is None or getattr(data, "empty", False):
        print(empty)
        return None
    fig, ax = plots.figure(figsize=figsize)
    draw(ax, data)
    plots.finish(ax, title, xlabel, ylabel)
    plt.show()
    return None
