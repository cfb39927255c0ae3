"""Chapter 5's facts: events that reach into the window, happenings as labels, figures and voices by outlet."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from libyabook.analysis.chapters import maritime_2017 as chapter
from libyabook.analysis.tables import load


@pytest.fixture(scope="module")
def facts():
    return chapter.facts(load())


def test_an_event_of_last_week_reaches_into_the_window():
    events = pd.DataFrame(
        {"event_date": ["2017-07-31", "2017-07-24", "2017-08-16", ""], "date_precision": ["week", "week", "day", ""]}
    )
    kept = chapter.overlapping(events, dt.date(2017, 8, 1), dt.date(2017, 8, 15))
    assert kept["event_date"].tolist() == ["2017-07-31"]
    ranged = pd.DataFrame(
        {
            "event_date": ["2017-07-25", "2017-08-02"],
            "date_precision": ["on_or_before", "day"],
            "date_start": ["", "2017-08-02"],
            "date_end": ["2017-07-25", "2017-08-02"],
        }
    )
    assert chapter.overlapping(ranged, dt.date(2017, 8, 1), dt.date(2017, 8, 15))["event_date"].tolist() == [
        "2017-08-02"
    ]


def test_the_jugend_rettet_boat_and_labels_that_name_happenings(facts):
    assert "Italy impounds the Jugend Rettet\nrescue boat" in set(facts.events["label"])
    assert not facts.events["label"].str.contains("→|LBY").any()


def test_figure_labels_and_prose_values(facts):
    g = facts.glue
    assert (g["fig_crossings"], g["fig_europe"], g["gap_europe"], g["share_italy"]) == (
        "114,000",
        "111,000",
        "3,000",
        "85",
    )
    assert g["implied_italy"] == "96,900"
    assert all("\n" in label and ", as of " in label for label in facts.figures["label"])


def test_quotations_by_outlet_name(facts):
    assert "Middle East Eye" in set(facts.grid.index) and "middleeasteye" not in set(facts.grid.index)
    assert facts.glue["n_quotes"].endswith("quotations")
    assert facts.by_outlet["n_quotes"].sum() == facts.grid.to_numpy().sum() == len(facts.quotes)
