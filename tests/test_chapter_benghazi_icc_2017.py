"""Chapter 4's facts: figures labelled in the outlets' words, videos not drawn as dated attacks, prose values."""

from __future__ import annotations

import pytest

from libyabook.analysis.chapters import benghazi_icc_2017 as chapter
from libyabook.analysis.tables import load


@pytest.fixture(scope="module")
def facts():
    return chapter.facts(load())


def test_figure_labels_keep_the_outlets_hedges(facts):
    labels = " ".join(facts.figures["label"]).replace("\n", " ")
    for hedge in ("believed to be ISIS", "apparently killed", "allegedly showed"):
        assert hedge in labels
    assert "executed on video" not in labels


def test_videos_are_marked_as_videos_not_attacks(facts):
    videos = facts.events[facts.events["kind"] == "video"]
    assert set(videos["ref"]) == chapter.VIDEOS & set(facts.events["ref"])
    assert not videos.empty
    assert (facts.events.loc[facts.events["kind"] == "event", "ref"].isin(chapter.VIDEOS)).sum() == 0


def test_event_labels_name_happenings(facts):
    assert "Haftar and Sarraj sign a ceasefire\ndeal" in set(facts.events["label"])
    assert not facts.events["label"].str.contains("LBY|→").any()


def test_prose_values_come_from_the_reports(facts):
    g = facts.glue
    assert (g["n_icc_incidents"], g["n_icc_people"], g["n_video_express"], g["n_video_march"]) == (
        "seven",
        "33",
        "18",
        "three",
    )
    assert g["clash_opponent"] == "Majlis Shura Thuwar Benghazi" and g["clash_fatalities"] == "six"
    assert g["window_start"] == "1 March 2017" and g["top_name"] == "Khalifa Haftar"


def test_the_figures_are_never_summed(facts):
    assert {"different scopes", "different counters"} <= set(facts.warnings["reason"])
    assert "total" not in " ".join(facts.figures["label"]).casefold()
