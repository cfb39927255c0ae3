"""Chapter 3's facts: the window's frames, labels that name happenings, prose values written as prose."""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd
import pytest

from libyabook.analysis.chapters import in_thread
from libyabook.analysis.chapters import offensive_2014 as chapter
from libyabook.analysis.chapters.headlines import HEADLINES, LINE, headline, two_lines
from libyabook.analysis.tables import load


@pytest.fixture(scope="module")
def facts():
    return chapter.facts(load())


def test_the_window_holds_the_two_may_2014_reports(facts):
    assert sorted(facts.items["outlet"]) == ["CNN", "channelnewsasia"]
    assert set(facts.day["kind"]) == {"event", "statement", "report"}
    assert facts.day["date"].between("2014-05-01", "2014-05-31").all()
    assert set(facts.relative["outlet_name"]) == {"CNN", "CNA (Channel NewsAsia)"}
    assert {"outlet_name"} <= set(facts.items.columns) & set(facts.said.columns) & set(facts.day.columns)


def test_chart_labels_name_the_happening_not_an_id_or_actor_pair(facts):
    events = facts.day[facts.day["kind"] == "event"]
    assert "Haftar calls for a civilian\ncouncil" in set(events["label"])
    for label in facts.day["label"]:
        assert "LBY" not in label and "→" not in label
        assert len(label.split("\n")) <= 2 and all(len(line) <= LINE for line in label.split("\n"))


def test_labels_are_cut_after_whole_words_and_quotations_closed():
    text = "We have not had contact with him (Haftar) recently. We do not condone or support the actions"
    label = chapter.quoted_label("Jen Psaki", text)
    assert label.endswith("…”") and "recently." not in label
    kept = label.replace("\n", " ").removeprefix("Jen Psaki: “").removesuffix("…”").split()
    assert kept == text.split()[: len(kept)]


def test_every_headline_fits_two_lines_and_unknown_events_fall_back_to_their_coding():
    assert all(len(textwrap.wrap(h, LINE)) <= 2 for h in HEADLINES.values())
    assert headline("XYZ1", "Armed clash", "ras_lanuf") == "Armed clash, Ras Lanuf"
    assert two_lines("short") == "short"


def test_prose_values_are_written_in_words(facts):
    g = facts.glue
    assert g["n_items"] == "two items" and g["n_speakers"] == "two"
    assert g["item_outlets"] == "CNN and CNA (Channel NewsAsia)"
    assert g["top_name"] == "Khalifa Haftar" and g["top_mentions"].endswith("times")
    assert not any(v.isdigit() for v in g.values())


def test_an_empty_window_gives_empty_frames_and_prose_values():
    f = chapter.facts(load(), dt.date(1900, 1, 1), dt.date(1900, 1, 2))
    assert f.items.empty and f.day.empty and f.said.empty and f.people.empty
    assert f.glue["n_items"] == "no items" and f.glue["top_name"] == ""


def test_thread_selection_keeps_the_thread_and_unknown_rows_only():
    df = pd.DataFrame({"thread": ["2014 offensive", "maritime", "unassigned"], "x": [1, 2, 3]})
    assert in_thread(df, "2014 offensive")["x"].tolist() == [1, 3]
    assert in_thread(df.drop(columns="thread"), "maritime")["x"].tolist() == [1, 2, 3]
