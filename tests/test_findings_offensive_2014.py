"""Chapter 3's findings: all hold on the study page; on pages without the May 2014 items none holds."""

from __future__ import annotations

import pytest
from pages import page_without

from libyabook.analysis.findings import Status, all_hold
from libyabook.analysis.findings import offensive_2014 as findings
from libyabook.analysis.tables import load
from libyabook.reference import REPO


@pytest.fixture(scope="module")
def study():
    return findings.findings(load())


def test_every_finding_holds_on_the_study_page(study):
    assert all_hold(study), [(f.key, f.status.value, f.evidence) for f in study if not f.holds]
    assert len(study) >= 5 and all(f.key.startswith("offensive_2014.") for f in study)
    assert len({f.key for f in study}) == len(study)


def test_findings_state_their_figures(study):
    by_key = {f.key: f for f in study}
    assert "18 May 2014" in by_key["offensive_2014.same_sunday"].evidence
    assert "the week of 12 May 2014" in by_key["offensive_2014.sequence"].evidence
    assert "two dated items" in by_key["offensive_2014.two_reports"].evidence


def test_nothing_holds_on_another_page_and_the_happenings_are_not_testable():
    found = findings.findings(load(REPO / "tests" / "data" / "other-page.txt"))
    assert not any(f.holds for f in found)
    specific = {"offensive_2014.sequence", "offensive_2014.same_sunday", "offensive_2014.no_toll"}
    assert {f.key for f in found if f.status is Status.UNTESTABLE} >= specific


def test_without_the_may_2014_items_no_finding_can_be_tested(tmp_path):
    found = findings.findings(page_without(tmp_path, "CNN 2014", "CNA 2014"))
    assert [f.status for f in found] == [Status.UNTESTABLE] * len(found)


def test_with_one_report_left_the_two_report_finding_does_not_hold(tmp_path):
    found = {f.key: f for f in findings.findings(page_without(tmp_path, "CNA 2014"))}
    assert found["offensive_2014.two_reports"].status is Status.FAILS
    assert found["offensive_2014.same_sunday"].status is Status.UNTESTABLE  # its coded event came from CNA


def test_a_later_window_tests_nothing_of_may_2014():
    found = {
        f.key: f
        for f in findings.findings(load(), start=findings.START.replace(year=2015), end=findings.END.replace(year=2015))
    }
    assert found["offensive_2014.two_reports"].status is Status.UNTESTABLE
    assert found["offensive_2014.voices"].status is Status.UNTESTABLE
