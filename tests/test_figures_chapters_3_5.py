"""Chapters 3 to 5's charts draw every row with its label, on the house column width, legible on a phone."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from libyabook.analysis.chapters import benghazi_icc_2017 as ch4  # noqa: E402
from libyabook.analysis.chapters import maritime_2017 as ch5  # noqa: E402
from libyabook.analysis.chapters import offensive_2014 as ch3  # noqa: E402
from libyabook.analysis.tables import load  # noqa: E402
from libyabook.figures import benghazi_icc_2017 as fig4  # noqa: E402
from libyabook.figures import maritime_2017 as fig5  # noqa: E402
from libyabook.figures import offensive_2014 as fig3  # noqa: E402
from libyabook.figures import plots  # noqa: E402


@pytest.fixture(scope="module")
def facts():
    t = load()
    return ch4.facts(t), ch5.facts(t)


def drawn(draw, data):
    import matplotlib.pyplot as plt

    fig, ax = plots.figure()
    draw(ax, data)
    plots.finish(ax, "Title", "x", "y")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    width = fig.get_size_inches()[0]
    assert plots.smallest_text_px(fig, saved=True) >= plots.MIN_PHONE_TEXT_PX  # the PNG as the notebook saves it
    plt.close(fig)
    return labels, width


def test_casualty_bars_one_per_stated_figure_labelled_in_the_outlets_words(facts):
    labels, _ = drawn(fig4.draw_casualties, facts[0].figures)
    assert len(labels) == int(facts[0].figures["value"].notna().sum())
    assert any("believed to be ISIS" in label for label in labels)


def test_quoted_speakers_and_sides_keep_the_column_width(facts):
    labels, width = drawn(fig4.draw_quoted, facts[0].quoted)
    assert labels[0] == facts[0].quoted["name"].iloc[0]  # the first tick is the top row
    assert width == plots.figure()[0].get_size_inches()[0]
    labels, _ = drawn(fig5.draw_sides, facts[1].grid)
    assert set(labels) == set(facts[1].grid.index)


def test_migrant_figures_on_one_log_scale(facts):
    labels, _ = drawn(fig5.draw_migrant_figures, facts[1].figures)
    assert labels[0] == facts[1].figures["label"].iloc[-1]


def test_timelines_label_each_row_by_what_happened_and_mark_videos(facts):
    labels, _ = drawn(fig4.draw_events, facts[0].events)
    assert labels[-1] == facts[0].events["label"].iloc[0] and "LBY" not in " ".join(labels)  # first row on top
    labels, _ = drawn(fig5.draw_events, facts[1].events)
    assert "Italy impounds the Jugend Rettet\nrescue boat" in labels


def test_chapter_3_charts():
    f = ch3.facts(load())
    labels, _ = drawn(fig3.draw_day, f.day)
    assert labels[-1] == f.day["label"].iloc[0]
    labels, _ = drawn(fig3.draw_resolutions, f.relative)
    assert any(label.startswith("CNA:") for label in labels)
    labels, _ = drawn(fig3.draw_people, f.people)
    assert labels[-1] == "Khalifa Haftar"


CHAPTERS = ("03_offensive_2014", "04_benghazi_icc_2017", "05_maritime_2017")


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_chart_as_its_chapter_draws_it_keeps_phone_text(name, monkeypatch):
    """Each chart cell run as the chapter runs it (its own title, labels and key), measured on the saved PNG."""
    import json

    import matplotlib.pyplot as plt

    from libyabook.reference import REPO

    cells = ["".join(c["source"]) for c in json.loads((REPO / "chapters" / f"{name}.ipynb").read_text())["cells"]]
    code = [s for s in cells if s.startswith(("from libyabook", "chart(", "corpus_path"))]
    measured = []
    monkeypatch.setattr(plt, "show", lambda: measured.append(plots.smallest_text_px(plt.gcf(), saved=True)))
    ns: dict = {}
    for source in code:
        exec(source.replace("study_note(", "(lambda *a: None)("), ns)
    plt.close("all")
    assert len(measured) == sum(s.startswith("chart(") for s in code) >= 3
    assert min(measured) >= plots.MIN_PHONE_TEXT_PX, measured
