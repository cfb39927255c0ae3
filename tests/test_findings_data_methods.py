"""Chapter 9's findings and facts: checks of the published tables against each other and their schema."""

import dataclasses

import pandas as pd
import pytest

from libyabook.analysis.chapters import data_methods as facts_module
from libyabook.analysis.findings import Status, all_hold, data_methods
from libyabook.analysis.tables import load
from libyabook.extract import datapackage
from libyabook.reference import REPO


@pytest.fixture(scope="module")
def study():
    return load()


def test_every_finding_holds_on_the_study_page(study):
    found = data_methods.findings(study)
    assert len(found) >= 3 and all_hold(found), [(f.key, f.evidence) for f in found if not f.holds]


def test_not_all_hold_on_another_page():
    found = {f.key: f for f in data_methods.findings(load(REPO / "tests" / "data" / "other-page.txt"))}
    assert found["data_methods.events_sourced"].status is Status.UNTESTABLE  # no coded events there
    assert not all_hold(list(found.values()))


def test_a_line_claimed_twice_or_lost_fails(study):
    twice = study.boilerplate.assign(line=study.boilerplate["line"].where(study.boilerplate.index != 0, 5))
    assert data_methods.one_owner(dataclasses.replace(study, boilerplate=twice)).status is Status.FAILS
    short = study.articles.assign(line_end=study.articles["line_end"] - (study.articles["item_id"] == "update-01"))
    assert data_methods.one_owner(dataclasses.replace(study, articles=short)).status is Status.FAILS


def test_a_span_not_found_verbatim_fails(study):
    bad = study.verbatim_checks.assign(verbatim=study.verbatim_checks["verbatim"] - 1)
    assert data_methods.verbatim(dataclasses.replace(study, verbatim_checks=bad)).status is Status.FAILS


def test_an_event_outside_its_item_fails(study):
    moved = study.events.assign(line=study.events["line"].where(study.events.index != 0, 1))
    assert data_methods.events_sourced(dataclasses.replace(study, events=moved)).status is Status.FAILS


def test_dictionaries_are_complete_and_uncut(study):
    f = facts_module.facts(study)
    assert len(f.processed) == sum(len(datapackage.columns(name)) for name in f.processed["table"].unique())
    assert f.processed["description"].str.len().max() > 50  # nothing cut at 50 characters
    assert {"entities", "events", "outlets", "places"} <= set(f.reference["table"])
    assert (f.reference["description"].str.strip() != "").all()
    assert f.owners["lines"].sum() == len(study.page_lines)


def test_readme_dictionary_reads_column_rows(tmp_path):
    (tmp_path / "things.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "README.things.md").write_text(
        "| column | meaning |\n|---|---|\n| `a` | The `a` key. |\n| `b` | Free text, with | a bar. |\n",
        encoding="utf-8",
    )
    (tmp_path / "README.orphan.md").write_text("| `x` | no table |\n", encoding="utf-8")
    d = facts_module.readme_dictionary(tmp_path)
    assert d[["table", "field"]].values.tolist() == [["things", "a"], ["things", "b"]]
    assert d["description"].tolist()[0] == "The a key."
    assert isinstance(d, pd.DataFrame)
