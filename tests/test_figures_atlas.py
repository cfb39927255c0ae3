"""Tests for libyabook.figures.atlas: the events on the broken timeline and on the map (overview and zoom)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from libyabook.analysis import atlas, tables  # noqa: E402
from libyabook.figures import atlas as F  # noqa: E402
from libyabook.figures.plots import EVENT_TYPE_COLOURS  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def t():
    return tables.load()


def test_draw_timeline_uses_the_books_markers_and_writes_stated_tolls(t):
    panels = atlas.timeline_panels(t.events)
    rows = atlas.timeline_rows(t.events, panels)
    fig, axes = F.timeline_axes(panels, len(rows))
    F.draw_timeline(axes, rows, panels, title="Events")
    assert len(fig.axes) == len(panels)
    texts = [x.get_text() for ax in fig.axes for x in ax.texts]
    assert "1200 dead (stated)" in texts and "6 dead (stated)" in texts
    markers = {
        line.get_marker()
        for ax in fig.axes
        for line in ax.lines
        if line.get_linestyle() == "None" and isinstance(line.get_marker(), str)
    }
    assert {EVENT_TYPE_COLOURS[k]["marker"] for k in set(t.events["event_type"])} <= markers
    with pytest.raises(ValueError):
        F.timeline_axes(panels.iloc[0:0], 0)
    with pytest.raises(ValueError):
        F.draw_timeline(axes, rows.iloc[0:0], panels.iloc[0:0], title="Empty")


def test_draw_map_names_places_and_counts_every_event_in_the_legend(t):
    fig, axes = F.map_axes(t.events)
    F.draw_map(axes, t.events, title="Map")
    assert len(fig.axes) == 2  # overview and the zoom on the coast
    names = {x.get_text() for ax in fig.axes for x in ax.texts}
    assert {"Tripoli", "Benghazi", "N'Djamena", "Rome"} <= names
    legend = fig.legends[0]
    labels = [x.get_text() for x in legend.get_texts()]
    n = (t.events["event_type"] == "Strategic developments").sum()
    assert f"Strategic developments ({n})" in labels
    assert "beyond the map" in legend.get_title().get_text()
    with pytest.raises(ValueError):
        F.map_axes(t.events.iloc[0:0])


def test_draw_map_without_coastal_events_draws_the_overview_only(t):
    chad = t.events[t.events["location"] == "ndjamena"]
    assert len(chad) == 1  # "a base near Ndjamena, the Chadian capital"
    fig, axes = F.map_axes(chad)
    F.draw_map(axes, chad, title="Chad only")
    assert len(fig.axes) == 1
    assert "N'Djamena" in {x.get_text() for x in fig.axes[0].texts}
    assert "beyond the map" not in fig.legends[0].get_title().get_text()
