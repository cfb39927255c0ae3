"""Story threads: a closed set, keyed like the events reference, 'unassigned' where the table is silent."""

import pandas as pd
import pytest

from libyabook.extract.claims import extract_claims
from libyabook.extract.events import code_events
from libyabook.extract.quotes import extract_quotes
from libyabook.extract.threads import THREADS, UNASSIGNED, event_threads, item_threads, validate_threads

from synthetic import parse


def _table(rows):
    return pd.DataFrame(rows, columns=["source_outlet", "source_published", "event_id", "thread", "note"])


def test_every_dated_item_of_the_study_page_has_a_thread(articles):
    threads = item_threads(articles)
    dated = articles[articles["published"].fillna("") != ""]
    assert all(threads[i] != UNASSIGNED for i in dated["item_id"])
    assert threads["lead"] == "2014 offensive"  # CNN, undated: keyed with an empty date
    assert {threads[i] for i in articles.loc[articles["section"] == "related", "item_id"]} == {UNASSIGNED}
    assert threads["update-09"] == "Benghazi and the ICC" and threads["update-06"] == "maritime"


def test_tables_carry_their_items_thread(page, articles):
    by_item = item_threads(articles)
    for df in (extract_quotes(page, articles), extract_claims(page, articles)):
        assert set(df["thread"]) <= set(THREADS)
        assert all(t == by_item[i] for i, t in zip(df["item_id"], df["thread"]))
    events = code_events(page, articles)
    assert set(events["thread"]) <= set(THREADS) - {UNASSIGNED}
    assert (events.loc[events["source_item"] == "update-10", "thread"] == "maritime").all()


def test_another_page_gets_unassigned_not_a_guess():
    page, articles = parse(
        "T\n\nT\n\nA lead. BBC’s A B reports.\n\nWould you like to know more?\n\n"
        "Haftar's forces take Sirte (bbc, Jan 3, 2019)\n\n“Haftar said 3 ships left.”\n"
    )
    assert set(item_threads(articles).values()) == {UNASSIGNED}
    assert set(extract_claims(page, articles)["thread"]) == {UNASSIGNED}


def test_event_rows_override_their_items_thread(articles):
    table = _table([["CNN", "2014-05-22", "", "2014 offensive", ""], ["", "", "LBY011", "background", ""]])
    assert event_threads(table) == {"LBY011": "background"}
    assert item_threads(articles, table)["linked-04"] == "2014 offensive"


@pytest.mark.parametrize(
    "rows, message",
    [
        ([["CNN", "", "", "the war", ""]], "line 2: thread 'the war'"),
        ([["CNN", "", "", "unassigned", ""]], "thread 'unassigned'"),
        ([["CNN", "", "", "background", ""], ["cnn", "", "", "maritime", ""]], "line 3: key"),
    ],
)
def test_validation_names_the_line(rows, message):
    with pytest.raises(ValueError, match=message):
        validate_threads(_table(rows))
