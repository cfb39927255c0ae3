"""Chapter 7's facts and findings: all hold on the study page; none is testable on a page without events."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from libyabook.analysis.chapters import events_atlas as chapter
from libyabook.analysis.findings import Status, all_hold
from libyabook.analysis.findings import events_atlas as found
from libyabook.analysis.tables import load
from libyabook.reference import REPO, load_reference


@pytest.fixture(scope="module")
def study():
    return load()


@pytest.fixture(scope="module")
def facts(study):
    return chapter.facts(study)


def test_every_finding_holds_on_the_study_page(study):
    results = found.findings(study)
    assert len(results) >= 5 and all(f.key.startswith("events_atlas.") for f in results)
    assert all_hold(results), [(f.key, f.status, f.evidence) for f in results if not f.holds]


def test_on_another_page_no_finding_holds():
    results = found.findings(load(REPO / "tests" / "data" / "other-page.txt"))
    assert not all_hold(results)
    assert {f.key: f for f in results}["events_atlas.abu_salim"].status is Status.UNTESTABLE


def test_glue_never_adds_the_tolls(facts):
    assert not any("total" in k for k in facts.glue)
    assert "1,227" not in facts.glue.values() and "1227" not in facts.glue.values()


def test_a_dense_month_gets_a_panel_of_its_own(facts):
    panels = facts.panels
    assert list(panels["label"])[-1] == "Aug 2017"
    assert panels["events"].sum() == len(facts.events)
    assert (panels["end"].shift(1).fillna("") < panels["start"]).all(), "panels do not overlap"


def test_a_short_panel_is_not_split():
    events = pd.DataFrame(
        {"event_date": ["2014-05-01", "2014-05-18", "2014-05-20", "2014-02-01"], "date_precision": ["day"] * 4}
    )
    assert len(chapter.timeline_panels(events)) == 1


def test_timeline_labels_name_the_happening_on_two_lines_at_most(facts):
    labels = facts.timeline["label"]
    assert not labels.str.contains(r"LBY\d").any()
    assert (labels.str.count("\n") <= 1).all()


def test_places_a_millimetre_apart_share_one_point_and_name(facts):
    pts = facts.map_points.drop_duplicates("location").set_index("location")
    assert pts.at["abu_salim_prison", "place_name"] == pts.at["tripoli", "place_name"]
    assert "Abu Salim" in pts.at["tripoli", "place_name"]
    assert pts.at["khraibeesh", "point"] == "benghazi"
    assert pts.at["derna", "place_name"] == "Derna"


def test_map_points_keep_far_places_apart():
    places = load_reference("places")
    events = pd.DataFrame({"location": ["rome", "the_hague"], "event_id": ["a", "b"]})
    pts = chapter.map_points(events, places)
    assert list(pts["place_name"]) == ["Rome", "The Hague"]


def test_a_window_keeps_only_its_events(study):
    f = chapter.facts(study, dt.date(2017, 8, 1), dt.date(2017, 8, 15))
    assert (f.events["event_date"] >= "2017-08-01").all() and len(f.events) == 10
