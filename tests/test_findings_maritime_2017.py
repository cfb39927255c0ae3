"""Chapter 5's findings: all hold on the study page; without its August 2017 reports none can be tested."""

from __future__ import annotations

import pytest
from pages import page_without

from libyabook.analysis.findings import Status, all_hold
from libyabook.analysis.findings import maritime_2017 as findings
from libyabook.analysis.tables import load
from libyabook.reference import REPO


@pytest.fixture(scope="module")
def study():
    return findings.findings(load())


def test_every_finding_holds_on_the_study_page(study):
    assert all_hold(study), [(f.key, f.status.value, f.evidence) for f in study if not f.holds]
    assert len(study) >= 5 and all(f.key.startswith("maritime_2017.") for f in study)


def test_findings_state_their_figures(study):
    by_key = {f.key: f for f in study}
    assert by_key["maritime_2017.navy_and_ngos"].evidence.startswith("one quotation naming the NGOs")
    assert "114,000 as of 30 July 2017" in by_key["maritime_2017.count_runs_backwards"].evidence
    assert "the week of 31 July 2017" in by_key["maritime_2017.italy_presses_ngos"].evidence


def test_nothing_holds_on_another_page():
    found = findings.findings(load(REPO / "tests" / "data" / "other-page.txt"))
    assert [f.status for f in found] == [Status.UNTESTABLE] * len(found)


def test_without_the_sea_reports_the_happenings_are_not_testable(tmp_path):
    found = findings.findings(page_without(tmp_path, "update-04", "update-05", "update-06", "update-07", "update-10"))
    assert not any(f.holds for f in found)
    assert {f.key for f in found if f.status is Status.UNTESTABLE} >= {
        "maritime_2017.two_orders",
        "maritime_2017.navy_and_ngos",
        "maritime_2017.rescuers_pull_back",
        "maritime_2017.italy_presses_ngos",
        "maritime_2017.count_runs_backwards",
    }


def test_without_ansamed_the_two_orders_cannot_be_compared(tmp_path):
    found = {f.key: f for f in findings.findings(page_without(tmp_path, "update-05"))}
    assert found["maritime_2017.two_orders"].status is Status.UNTESTABLE
    assert found["maritime_2017.navy_and_ngos"].holds
