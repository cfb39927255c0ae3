"""Chapter 6's facts and findings: they hold on the study page and not all on another page."""

from __future__ import annotations

import pytest

from libyabook.analysis.chapters import voices_labels as chapter
from libyabook.analysis.findings import all_hold
from libyabook.analysis.findings import voices_labels as found
from libyabook.analysis.tables import load
from libyabook.reference import REPO


@pytest.fixture(scope="module")
def study():
    return load()


@pytest.fixture(scope="module")
def facts(study):
    return chapter.facts(study)


def test_every_finding_holds_on_the_study_page(study):
    results = found.findings(study)
    assert len(results) >= 8 and all(f.key.startswith("voices_labels.") for f in results)
    assert all_hold(results), [(f.key, f.evidence) for f in results if not f.holds]


def test_the_eastern_parliament_is_one_speaker_quoted_by_two_outlets(facts):
    several = facts.speakers[facts.speakers["n_outlets"] > 1]
    assert set(several["speaker"]) == {"haftar", "hor"}


def test_on_another_page_not_all_findings_hold():
    assert not all_hold(found.findings(load(REPO / "tests" / "data" / "other-page.txt")))


def test_statements_and_quoted_terms_are_counted_apart(facts):
    haftar = facts.speakers.set_index("speaker").loc["haftar"]
    assert (haftar["statements"], haftar["terms"]) == (5, 7)
    assert haftar["quotations"] == haftar["statements"] + haftar["terms"]
    assert "headline" not in set(facts.quotations["kind"])


def test_entities_apart_from_the_network_include_pairs_named_only_together(facts):
    apart = facts.apart.set_index("entity_id")
    assert apart.at["cnn", "named_with"] == "Jomana Karadsheh"
    assert apart.at["sisi", "named_with"] == ""


def test_rebels_are_listed_with_their_lines(facts):
    assert list(facts.rebels["line"]) == [33, 39, 39, 43, 79]


def test_glue_names_outlets_as_readers_know_them(facts):
    assert facts.glue["variant_outlets"] == "ABC News and Business Insider"
    assert facts.glue["haftar_terms"] == "seven quoted terms"
