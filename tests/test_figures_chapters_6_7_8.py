"""The charts of chapters 6-8 draw on the study page: labels whole, names by the right symbols, panels stacked."""

from __future__ import annotations

import functools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from libyabook.analysis.chapters import claims_ledger, events_atlas, voices_labels
from libyabook.analysis.tables import load
from libyabook.figures import claims_ledger as ch8
from libyabook.figures import events_atlas as ch7
from libyabook.figures import plots
from libyabook.figures import voices_labels as ch6


@pytest.fixture(scope="module")
def t():
    return load()


@pytest.fixture(scope="module")
def facts(t):
    """Each chapter's facts on the study page, computed once for the module: facts("07_events_atlas")."""
    return functools.cache(lambda stem: CHAPTERS[stem][0].facts(t))


def drawn(draw, data, figsize=(6.4, 6.0)):
    plots.use_style()
    fig, ax = plots.figure(figsize=figsize)
    draw(ax, data)
    fig.draw_without_rendering()  # laid out: positions and text extents as drawn
    return fig


def texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text()]


def test_timeline_stacks_one_panel_per_period_with_whole_word_labels(facts):
    f = facts("07_events_atlas")
    fig = drawn(ch7.draw_timeline, f.timeline, (6.4, 15))
    assert len(fig.axes) == len(f.panels)
    lefts = {round(ax.get_position().x0, 3) for ax in fig.axes}
    assert len(lefts) == 1, "panels sit one above the other, not side by side"
    labels = [tick.get_text() for ax in fig.axes for tick in ax.get_yticklabels()]
    assert all(not line.endswith("-") for label in labels for line in label.split("\n"))
    assert "Haftar calls for a civilian\ncouncil" in labels
    plt.close(fig)


def test_map_names_each_point_once(facts):
    f = facts("07_events_atlas")
    fig = drawn(ch7.draw_map, f.map_points, (6.4, 5))
    names = texts(fig)
    assert "Tripoli, with Abu Salim prison" in names and "Benghazi, with Khraibeesh" in names
    assert "Abu Salim prison" not in names and "Khraibeesh" not in names
    plt.close(fig)


def test_date_versions_get_a_panel_each(facts):
    f = facts("08_claims_ledger")
    fig = drawn(ch8.draw_date_versions, f.date_versions, (6.4, 9))
    assert len(fig.axes) == f.date_versions["topic"].nunique()
    plt.close(fig)


def test_network_legend_uses_neutral_group_names(facts):
    legend = texts(drawn(ch6.draw_network, facts("06_voices_labels").graph))
    assert "Islamist groups" not in legend and "Armed groups" in legend
    plt.close("all")


def test_the_27_miles_point_is_43_km_from_the_coast_as_drawn():
    import math

    from libyabook.figures import geo
    from libyabook.reference import load_reference

    places = load_reference("places").set_index("place_id")
    lat, lon = (
        float(places.at["sar_zone_off_tripoli", "latitude"]),
        float(places.at["sar_zone_off_tripoli", "longitude"]),
    )
    coast = [p for name, polys in geo.load_basemap() if name == "Libya" for p in polys[0][0]]

    def km(a, b):
        (x1, y1), (x2, y2) = a, b
        h = (
            math.sin(math.radians(y2 - y1) / 2) ** 2
            + math.cos(math.radians(y1)) * math.cos(math.radians(y2)) * math.sin(math.radians(x2 - x1) / 2) ** 2
        )
        return 2 * 6371.0 * math.asin(math.sqrt(h))

    def to_segment(p, a, b):
        return min(km(p, (a[0] + (b[0] - a[0]) * k / 40, a[1] + (b[1] - a[1]) * k / 40)) for k in range(41))

    nearest = min(to_segment((lon, lat), a, b) for a, b in zip(coast, coast[1:]))
    assert 40 <= nearest <= 46, f"{nearest:.1f} km from the drawn coast; the page says 27 miles (43 km)"


#: Width in CSS px at which the built book shows a chart on a 390 px screen (measured in Chromium).
RENDERED_PHONE_COLUMN_PX = plots.PHONE_COLUMN_PX

CHAPTERS = {
    "06_voices_labels": (voices_labels, ch6),
    "07_events_atlas": (events_atlas, ch7),
    "08_claims_ledger": (claims_ledger, ch8),
}


def chart_cells(stem: str) -> list[str]:
    """The chart cells of a chapter notebook, as the chapter runs them (its own sizes and titles)."""
    import json

    from libyabook.reference import REPO

    cells = json.loads((REPO / "chapters" / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
    return [
        "".join(c["source"]) for c in cells if c["cell_type"] == "code" and "".join(c["source"]).startswith("chart(")
    ]


@pytest.mark.parametrize(
    "stem, index", [(stem, i) for stem in CHAPTERS for i in range(len(chart_cells(stem)))], ids=lambda v: str(v)
)
def test_every_chart_keeps_text_legible_on_a_phone(facts, stem, index, monkeypatch):
    """Each chart, drawn as its chapter draws it from the study page, keeps its text >= 7 px in a 390 px screen."""
    from libyabook.figures import chart as chart_module

    charts = CHAPTERS[stem][1]
    monkeypatch.setattr(plt, "show", lambda: None)
    drawn_figures = []

    def measuring_chart(draw, data, **kwargs):
        chart_module.chart(draw, data, **kwargs)
        drawn_figures.append(plt.gcf())

    exec(chart_cells(stem)[index], {"chart": measuring_chart, "charts": charts, "facts": facts(stem)})
    assert len(drawn_figures) == 1, "the chart cell drew nothing on the study page"
    fig = drawn_figures[0]
    assert texts(fig), "a chart with no text"
    assert plots.smallest_text_px(fig) >= plots.MIN_PHONE_TEXT_PX  # lays the figure out (plots.saved_width_in)
    # The book saves the chart cropped to what is drawn (bbox "tight", 0.1 in of padding): text running past
    # the figure widens the PNG, which the page then shrinks further.
    width = fig.get_size_inches()[0]
    saved = max(width, fig.get_tightbbox().width + 0.2)
    assert saved <= width + 0.3, f"text runs {saved - width:.2f} in past the chart's edge"
    px = plots.smallest_text_px(fig, RENDERED_PHONE_COLUMN_PX, saved=False) * width / saved
    assert px >= plots.MIN_PHONE_TEXT_PX, f"{px:.2f} px"
    plt.close(fig)
