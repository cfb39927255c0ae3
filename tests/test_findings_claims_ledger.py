"""Chapter 8's findings: all hold on the study page; on another page they are not testable or do not hold."""

from __future__ import annotations

import pytest

from libyabook.analysis.chapters import claims_ledger as chapter
from libyabook.analysis.findings import Status, all_hold
from libyabook.analysis.findings import claims_ledger as found
from libyabook.analysis.tables import load
from libyabook.reference import REPO


@pytest.fixture(scope="module")
def study():
    return load()


@pytest.fixture(scope="module")
def other():
    return load(REPO / "tests" / "data" / "other-page.txt")


def by_key(findings):
    return {f.key: f for f in findings}


def test_every_finding_holds_on_the_study_page(study):
    results = found.findings(study)
    assert len(results) >= 8 and all(f.key.startswith("claims_ledger.") for f in results)
    assert all_hold(results), [(f.key, f.status, f.evidence) for f in results if not f.holds]


def test_the_prison_killings_are_dated_by_the_page(study):
    assert by_key(found.findings(study))["claims_ledger.prisoners_dated"].holds
    assert all_hold(found.findings(study))


def test_on_another_page_the_findings_about_these_figures_cannot_be_tested(other):
    results = found.findings(other)
    assert not all_hold(results)
    assert all(f.status is Status.UNTESTABLE for f in results)


def test_single_report_counts_each_quantity_once_and_only_counts_of_people(study):
    single = chapter.facts(study).single
    assert (single["restates"] == "").all()
    assert "four rows" not in set(single["span"])
    assert {"18 prisoners", "20 people"} <= set(single["span"])
    assert "18 blindfolded jihadis" not in set(single["span"])


def test_glue_writes_numbers_as_prose(study):
    g = chapter.facts(study).glue
    assert g["n_outlets_claims"] == "eight outlets"
    assert g["fig_crossings"] == "114,000" and g["gap_days"] == "one day"
    assert all(isinstance(v, str) and v for v in g.values())
