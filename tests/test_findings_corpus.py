"""Chapter 1's findings and facts: all hold on the study page, not on another page; the rules behind them."""

import pandas as pd
import pytest

from libyabook.analysis.chapters import corpus as facts_module
from libyabook.analysis.findings import Status, all_hold, corpus
from libyabook.analysis.tables import load
from libyabook.reference import REPO


@pytest.fixture(scope="module")
def study():
    return load()


@pytest.fixture(scope="module")
def other():
    return load(REPO / "tests" / "data" / "other-page.txt")


def test_every_finding_holds_on_the_study_page(study):
    found = corpus.findings(study)
    assert len(found) >= 3 and all_hold(found), [(f.key, f.status, f.evidence) for f in found if not f.holds]
    assert all(f.key.startswith("corpus.") for f in found) and len({f.key for f in found}) == len(found)


def test_not_all_hold_on_another_page(other):
    found = {f.key: f for f in corpus.findings(other)}
    assert not all_hold(list(found.values()))
    assert found["corpus.framing_is_compilers"].status is Status.UNTESTABLE  # no Langley, no evil there
    assert found["corpus.bursts"].status is Status.FAILS  # one burst only


def test_an_excerpts_capitalised_first_word_is_not_emphasis():
    shouted = pd.DataFrame(
        {
            "item_id": ["a", "a", "b"],
            "outlet": ["x", "x", "x"],
            "field": ["excerpt", "headline", "excerpt"],
            "word": ["THE", "SECRET", "NOW"],
            "line": [3, 1, 9],
        }
    )
    articles = pd.DataFrame({"item_id": ["a", "b"], "body": ['    "THE coastguard said', "It is NOW over"]})
    kinds = facts_module.capitals(shouted, articles)["kind"].tolist()
    assert kinds == ["first word in capitals", "capitals for emphasis", "capitals for emphasis"]


def test_facts_of_the_study_page(study):
    f = facts_module.facts(study)
    assert f.glue["n_sections"] == "four" and f.glue["n_emphasis_outlets"] == "one outlet"
    assert set(f.discount.loc[f.discount["text"] == "THE", "kind"]) == {"first word in capitals"}
    assert f.outlets["words"].is_monotonic_decreasing and (f.outlets["ownership"] != "").all()
    assert f.timeline["published"].is_monotonic_increasing
