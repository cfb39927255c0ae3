"""Chapter 2's findings and facts: the portrait of Haftar and what the Ex-Langley reading rests on."""

import dataclasses

import pandas as pd
import pytest

from libyabook.analysis.chapters import background as facts_module
from libyabook.analysis.findings import Status, all_hold, background
from libyabook.analysis.tables import load
from libyabook.reference import REPO


@pytest.fixture(scope="module")
def study():
    return load()


def test_every_finding_holds_on_the_study_page(study):
    found = background.findings(study)
    assert len(found) >= 3 and all_hold(found), [(f.key, f.evidence) for f in found if not f.holds]


def test_on_another_page_the_specific_findings_cannot_be_tested():
    found = background.findings(load(REPO / "tests" / "data" / "other-page.txt"))
    assert not all_hold(found)
    assert {f.key for f in found if f.status is Status.UNTESTABLE} >= {
        "background.cia_one_question",
        "background.us_no_contact",
    }


def test_a_window_before_2011_cannot_test_the_past(study):
    import datetime as dt

    f = background.past_from_one_item(study, dt.date(2012, 1, 1), dt.date(2016, 12, 31))
    assert f.status is Status.UNTESTABLE


def test_the_cia_in_a_second_item_breaks_the_finding(study):
    extra = study.mentions[study.mentions["entity_id"] == "cia"].head(1).assign(item_id="update-01")
    more = dataclasses.replace(study, mentions=pd.concat([study.mentions, extra], ignore_index=True))
    assert background.cia_one_question(more).status is Status.FAILS


def test_executioner_in_chief_is_not_a_description_of_haftar(study):
    spans = set(facts_module.descriptions(study.label_uses)["label"])
    assert "executioner in chief" not in spans and "former Gaddafi ally" in spans
    assert "Libyan National Army" not in spans  # his force's name, not a description


def test_portrait_runs_oldest_first_over_the_whole_page(study):
    p = facts_module.facts(study).portrait
    dated = p[p["published"].fillna("") != ""]["published"]
    assert dated.is_monotonic_increasing and dated.iloc[0].startswith("2011") and dated.iloc[-1].startswith("2017")
    assert p["n_mentions"].sum() == (study.mentions["entity_id"] == "haftar").sum()


def test_events_of_his_past_are_named_by_what_happened(study):
    events = facts_module.facts(study).events
    assert list(events["thread"].unique()) == ["background"]
    assert all(h and not h.startswith("LBY") for h in events["happening"])
    assert (events["source_item"] == "linked-06").all()


def test_when_writes_the_date_as_precisely_as_the_data_allows():
    row = pd.Series({"event_date": "1996-03-01", "date_precision": "month"})
    assert facts_module.when(row) == "March 1996"
    span = pd.Series(
        {
            "event_date": "1991-05-31",
            "date_precision": "on_or_before",
            "date_start": "1981-01-20",
            "date_end": "1991-05-31",
        }
    )
    assert facts_module.when(span) == "between 20 January 1981 and 31 May 1991"
    open_start = pd.Series(
        {"event_date": "2017-07-25", "date_precision": "on_or_before", "date_start": "", "date_end": "2017-07-25"}
    )
    assert facts_module.when(open_start) == "on or before 25 July 2017"
