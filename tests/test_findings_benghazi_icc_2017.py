"""Chapter 4's findings: all hold on the study page; without its 2017 items from the east none can be tested."""

from __future__ import annotations

import pytest
from pages import page_without

from libyabook.analysis.findings import Status, all_hold
from libyabook.analysis.findings import benghazi_icc_2017 as findings
from libyabook.analysis.tables import load
from libyabook.reference import REPO


@pytest.fixture(scope="module")
def study():
    return findings.findings(load())


def test_every_finding_holds_on_the_study_page(study):
    assert all_hold(study), [(f.key, f.status.value, f.evidence) for f in study if not f.holds]
    assert len(study) >= 5 and all(f.key.startswith("benghazi_icc_2017.") for f in study)


def test_findings_state_their_figures(study):
    by_key = {f.key: f for f in study}
    assert all(
        h in by_key["benghazi_icc_2017.hedged_videos"].evidence for h in ("believed to be", "apparently", "allegedly")
    )
    assert "seven incidents, 33 people" in by_key["benghazi_icc_2017.icc_counts"].evidence
    assert "25 July 2017" in by_key["benghazi_icc_2017.deal_then_military"].evidence


def test_nothing_holds_on_another_page():
    found = findings.findings(load(REPO / "tests" / "data" / "other-page.txt"))
    assert [f.status for f in found] == [Status.UNTESTABLE] * len(found)


def test_without_the_eastern_reports_the_happenings_are_not_testable(tmp_path):
    found = {
        f.key: f for f in findings.findings(page_without(tmp_path, "update-01", "update-02", "update-03", "update-09"))
    }
    for key in (
        "liberated_and_contested",
        "toll_on_one_word",
        "warrant_and_videos",
        "icc_counts",
        "deal_then_military",
        "hedged_videos",
    ):
        assert found[f"benghazi_icc_2017.{key}"].status is Status.UNTESTABLE, key
    assert not any(f.holds for f in found.values())


def test_without_the_express_video_the_hedges_no_longer_hold(tmp_path):
    found = {f.key: f for f in findings.findings(page_without(tmp_path, "update-02"))}
    assert found["benghazi_icc_2017.hedged_videos"].status is Status.FAILS  # 'believed to be' has gone
    assert found["benghazi_icc_2017.icc_counts"].holds
