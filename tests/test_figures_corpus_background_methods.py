"""Charts of chapters 1, 2 and 9: each draws its data on one axis, with the rows a reader needs to see."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from libyabook.analysis.chapters import background, corpus, data_methods
from libyabook.analysis.tables import load
from libyabook.figures import background as fig_background
from libyabook.figures import corpus as fig_corpus
from libyabook.figures import data_methods as fig_methods
from libyabook.figures.plots import PHONE_COLUMN_PX


@pytest.fixture(scope="module")
def t():
    return load()


def ticks(ax):
    return [label.get_text() for label in ax.get_yticklabels()]


def test_timeline_has_one_row_per_outlet_and_shades_the_gaps(t):
    f = corpus.facts(t)
    fig, ax = plt.subplots()
    fig_corpus.draw_timeline(ax, f.timeline)
    assert set(ticks(ax)) == set(f.timeline["name"]) and "Business Insider" in ticks(ax)
    assert len(ax.patches) == len(f.bursts) - 1  # one shaded gap between bursts
    plt.close(fig)


def test_words_chart_marks_headline_only_outlets(t):
    f = corpus.facts(t)
    fig, ax = plt.subplots()
    fig_corpus.draw_words(ax, f.outlets)
    assert [x.get_text() for x in ax.texts].count("headline only") == int((f.outlets["words"] == 0).sum())
    plt.close(fig)


def test_descriptions_keep_the_page_words_and_leave_out_undated_ones(t):
    f = background.facts(t)
    fig, ax = plt.subplots()
    fig_background.draw_descriptions(ax, f.descriptions)
    assert "CIA’s Man?" in ticks(ax) and "former Gaddafi ally" in ticks(ax)  # the headline's question kept
    assert "retired Libyan general" not in ticks(ax)  # the undated lead
    assert not {"renegade", "self-styled", "so-called", "militia"} & set(ticks(ax))  # chapter 6 compares these
    plt.close(fig)


def test_past_chart_names_the_happenings(t):
    f = background.facts(t)
    past = f.events[f.events["source_item"] == "linked-06"].reset_index(drop=True)
    fig, ax = plt.subplots()
    fig_background.draw_past(ax, past)
    assert [x.replace("\n", " ") for x in ticks(ax)] == list(past["happening"]) and all(ticks(ax))
    assert sum(len(c.get_offsets()) for c in ax.collections) == len(past)  # every event visible, however short
    plt.close(fig)


def test_line_map_and_completeness(t):
    f = data_methods.facts(t)
    fig, (a, b) = plt.subplots(1, 2)
    fig_methods.draw_line_map(a, f.line_map)
    fig_methods.draw_completeness(b, f.completeness)
    assert len(a.patches) == len(f.line_map) and len(b.patches) == len(f.completeness)
    plt.close(fig)


def test_past_spans_end_no_later_than_the_report():
    import pandas as pd

    events = pd.DataFrame(
        {
            "event_date": ["2011-01-01"],
            "date_precision": ["year"],
            "date_start": ["2011-01-01"],
            "date_end": ["2011-12-31"],
            "source_published": ["2011-04-22"],
        }
    )
    first, last = fig_background._spans(events)
    assert first[0] == pd.Timestamp("2011-01-01") and last[0] == pd.Timestamp("2011-04-22")


# Every chart of chapters 1, 2 and 9, drawn exactly as its notebook cell draws it (same data, title, labels and
# size), must keep its smallest text >= 7 px high when shown 390 px wide, the column of a phone (issue 12).
CHAPTERS = {
    "01_corpus": ("corpus", fig_corpus, corpus),
    "02_background": ("background", fig_background, background),
    "09_data_methods": ("data_methods", fig_methods, data_methods),
}


def chart_cells():
    import json

    from libyabook.reference import REPO

    for stem in CHAPTERS:
        nb = json.loads((REPO / "chapters" / f"{stem}.ipynb").read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "code" and source.lstrip().startswith("chart("):
                name = cell["metadata"]["mystnb"]["figure"]["name"]
                yield pytest.param(stem, source, id=f"{stem}:{name}")


def drawn(t, stem, source):
    """The figure a chart cell draws (``plt.show`` held back), with the facts of the study page."""
    from libyabook.figures.chart import chart

    _, charts, facts_module = CHAPTERS[stem]
    shown = []
    show, plt.show = plt.show, lambda *a, **k: shown.append(plt.gcf())
    try:
        eval(source, {"chart": chart, "charts": charts, "facts": facts_module.facts(t)})
    finally:
        plt.show = show
    assert len(shown) == 1, "the cell draws one chart"
    return shown[0]


#: Width in CSS px at which the built book shows a chart on a 390 px wide phone (measured in Chromium).
SHOWN_PX = PHONE_COLUMN_PX


@pytest.mark.parametrize(("stem", "source"), list(chart_cells()))
def test_chart_text_stays_legible_at_390_px(t, stem, source):
    from libyabook.figures.plots import MIN_PHONE_TEXT_PX, saved_width_in, smallest_text_px

    fig = drawn(t, stem, source)
    px = smallest_text_px(fig, SHOWN_PX, saved=False) * fig.get_size_inches()[0] / saved_width_in(fig)
    plt.close(fig)
    assert px >= MIN_PHONE_TEXT_PX, f"smallest text {px:.2f} px on a 390 px phone"


def test_every_chart_of_the_three_chapters_is_measured():
    assert len(list(chart_cells())) == 6
