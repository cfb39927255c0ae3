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
    assert "CIA’s Man" in ticks(ax) and "former Gaddafi ally" in ticks(ax)
    assert "retired Libyan general" not in ticks(ax)  # the undated lead
    plt.close(fig)


def test_past_chart_names_the_happenings(t):
    f = background.facts(t)
    past = f.events[f.events["source_item"] == "linked-06"].reset_index(drop=True)
    fig, ax = plt.subplots()
    fig_background.draw_past(ax, past)
    assert [x.replace("\n", " ") for x in ticks(ax)] == list(past["happening"]) and all(ticks(ax))
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
