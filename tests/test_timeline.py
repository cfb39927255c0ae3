"""Tests for libyabook.analysis.timeline: date phrases, dated quotations, the day-by-day table and"""

import datetime as dt

import pandas as pd
import pytest

from libyabook.analysis import tables
from libyabook.analysis.timeline import (
    PEOPLE_COLUMNS,
    PHRASE_COLUMNS,
    RELATIVE_COLUMNS,
    TIMELINE_COLUMNS,
    WHO_SAID_COLUMNS,
    date_phrases,
    date_quotes,
    day_by_day,
    describe_date,
    people_in_window,
    relative_dates_table,
    who_said_what,
)
from libyabook.extract.corpus import page_from_bytes, parse_page
from libyabook.extract.dates import window_end

from refcal import weekday_on_or_before

D = dt.date
MAY = (D(2014, 5, 1), D(2014, 5, 31))


@pytest.fixture(scope="module")
def t():
    return tables.load()


@pytest.fixture(scope="module")
def phrases(t):
    return date_phrases(t.articles, t.quotes)


def phrase(phrases, item_id, text):
    rows = phrases[(phrases["item_id"] == item_id) & (phrases["phrase"] == text)]
    assert len(rows) == 1, (item_id, text, list(phrases[phrases["item_id"] == item_id]["phrase"]))
    return rows.iloc[0]


# --- date phrases on the real page ---------------------------------------------------------------


def test_phrases_are_exact_page_spans_in_page_order(t, page, phrases):
    assert list(phrases.columns) == PHRASE_COLUMNS
    for r in phrases.itertuples():
        assert page.lines[r.line - 1][r.start : r.end] == r.phrase
    assert list(zip(phrases["line"], phrases["start"])) == sorted(zip(phrases["line"], phrases["start"]))


def test_cnn_on_sunday_is_the_sunday_before_thursday_22_may_2014(phrases):
    row = phrase(phrases, "linked-04", "On Sunday")
    assert row["published"] == "2014-05-22" and D(2014, 5, 22).strftime("%A") == "Thursday"
    assert row["date"] == weekday_on_or_before(D(2014, 5, 22), "Sunday").isoformat() == "2014-05-18"
    assert row["precision"] == "day" and row["resolved_from"] == "publication date"


def test_channelnewsasia_relative_dates(phrases):
    tuesday = phrase(phrases, "linked-05", "on Tuesday")
    assert tuesday["date"] == weekday_on_or_before(D(2014, 5, 21), "Tuesday").isoformat()
    week = phrase(phrases, "linked-05", "last week")
    start = D.fromisoformat(week["date"])
    assert week["precision"] == "week" and start.strftime("%A") == "Monday"
    assert start + dt.timedelta(days=6) < D(2014, 5, 21) - dt.timedelta(days=D(2014, 5, 21).weekday()) + dt.timedelta(
        days=1
    )
    assert D(2014, 5, 21) - start < dt.timedelta(days=14)


def test_month_day_takes_the_year_of_the_paragraph(phrases):
    # "In March 1996 ... the Washington Post reported from Egypt on March 26th": 1996, not the 2011 of the item.
    row = phrase(phrases, "linked-06", "March 26th")
    assert row["date"] == "1996-03-26" and row["resolved_from"] == "year of an earlier phrase"


def test_phrases_counting_from_another_date_count_from_the_previous_dated_phrase(phrases):
    # "In March 1996 ... three months later": June 1996 (the Abu Salim killings), the month the page implies
    row = phrase(phrases, "linked-06", "three months later")
    assert (row["date"], row["precision"]) == ("1996-06-01", "month")
    assert row["resolved_from"] == "an earlier phrase"


def test_quoted_today_is_flagged_and_may_the_verb_is_not_a_month(phrases):
    row = phrase(phrases, "linked-06", "today")  # "unrest today in Jabal Akhdar", quoting the Post
    assert bool(row["in_quote"])
    assert not phrases["phrase"].str.fullmatch(r"(?i)may").any()
    assert phrase(phrases, "update-04", "July 30")["date"] == "2017-07-30"  # "until July 30", not "until July"


# --- dating quotations ----------------------------------------------------------------------------


def test_statements_dated_by_attribution_lede_or_publication(t, phrases):
    dq = date_quotes(t.quotes, t.articles, phrases).set_index("quote_id")
    haftar = dq[dq["quote"].str.startswith("a state sponsor of terror")].iloc[0]
    assert (haftar["date"], haftar["date_basis"]) == ("2014-05-21", "attribution")  # "said Wednesday"
    psaki = dq[(dq["speaker"] == "psaki") & (dq["kind"] == "statement")]
    assert len(psaki) == 2
    assert set(psaki["date"]) == {weekday_on_or_before(D(2014, 5, 21), "Tuesday").isoformat()}
    assert set(psaki["date_basis"]) == {"lede"}  # "on Tuesday" in the lede
    outlaw = dq[dq["quote"] == "outlaw"].iloc[0]
    assert (outlaw["date"], outlaw["date_basis"]) == ("2014-05-21", "published")  # a label: no own date
    icc = dq[dq["quote"].str.startswith("is alleged to have directly committed")].iloc[0]
    assert icc["date"] == "2017-08-15"  # "on Tuesday" (the lede), not "in June and July 2017" (the crimes)


def test_quote_dating_keeps_the_quotes_rows(t, phrases):
    dq = date_quotes(t.quotes, t.articles, phrases)
    assert len(dq) == len(t.quotes) and list(dq["quote_id"]) == list(t.quotes["quote_id"])
    assert set(dq["date_basis"]) <= {"attribution", "lede", "published", "undated"}


# --- the day-by-day table -------------------------------------------------------------------------


def test_may_2014_day_by_day(t):
    d = day_by_day(t.events, t.quotes, t.articles, *MAY)
    assert list(d.columns) == TIMELINE_COLUMNS
    assert d["date"].between("2014-05-01", "2014-05-31").all()
    assert list(d["date"]) == sorted(d["date"])
    assault = d[d["evidence"].str.contains("deadly assault on Islamist militia", regex=False)].iloc[0]
    assert (assault["precision"], assault["kind"], assault["event_type"]) == ("week", "event", "Battles")
    storming = d[d["evidence"].str.contains("attacked the parliament building", regex=False)].iloc[0]
    assert storming["date"] == "2014-05-18" and "Zintan" in storming["who"]
    call = d[d["evidence"].str.contains("had failed the people", regex=False)].iloc[0]
    assert call["date"] == "2014-05-21" and call["outlet"] == "CNN"
    reports = d[d["kind"] == "report"]
    assert list(zip(reports["outlet"], reports["date"])) == [("channelnewsasia", "2014-05-21"), ("CNN", "2014-05-22")]
    statements = d[d["kind"] == "statement"]
    assert sorted(statements["who"]) == ["Jen Psaki", "Jen Psaki", "Khalifa Haftar"]


def test_every_evidence_is_on_the_page_at_its_line(t, page):
    d = day_by_day(t.events, t.quotes, t.articles, D(1900, 1, 1), D(2100, 1, 1))
    for r in d.itertuples():
        if r.kind == "event":
            assert r.evidence in page.lines[r.line - 1]
        elif r.kind == "statement":
            assert r.evidence.split("\n")[0] in page.lines[r.line - 1]
        else:
            assert r.evidence in page.lines[r.line - 1]


def test_kinds_filter_and_empty_window(t):
    events_only = day_by_day(t.events, t.quotes, t.articles, *MAY, kinds=("event",))
    assert set(events_only["kind"]) == {"event"} and len(events_only) == len(
        t.events[t.events["event_date"].between("2014-05-01", "2014-05-31")]
    )
    empty = day_by_day(t.events, t.quotes, t.articles, D(1900, 1, 1), D(1900, 1, 2))
    assert empty.empty and list(empty.columns) == TIMELINE_COLUMNS
    with pytest.raises(ValueError, match="kinds"):
        day_by_day(t.events, t.quotes, t.articles, *MAY, kinds=("rumour",))


def test_who_said_what_in_may_2014(t, page):
    w = who_said_what(t.quotes, t.articles, *MAY)
    assert list(w.columns) == WHO_SAID_COLUMNS
    assert set(w["speaker"]) == {"Jen Psaki", "Khalifa Haftar", "Libyan authorities"}
    for words in w["words"]:
        assert words in page.text
    assert (w[w["speaker"] == "Jen Psaki"]["outlet"] == "channelnewsasia").all()
    assert who_said_what(t.quotes, t.articles, D(1900, 1, 1), D(1900, 1, 2)).empty


def test_people_in_may_2014(t):
    p = people_in_window(t.mentions, t.quotes, t.articles, *MAY)
    assert list(p.columns) == PEOPLE_COLUMNS
    assert p.iloc[0]["name"] == "Khalifa Haftar"
    psaki = p[p["name"] == "Jen Psaki"].iloc[0]
    assert psaki["statements"] == 2 and psaki["mentions"] == 2  # "Jen Psaki" and "Psaki"
    assert "cnn" not in set(p["speaker"])  # the CNN lead is undated: outside every window
    assert people_in_window(t.mentions, t.quotes, t.articles, D(1900, 1, 1), D(1900, 1, 2)).empty


def test_relative_dates_table_in_may_2014(t, phrases):
    r = relative_dates_table(t.events, phrases, *MAY)
    assert list(r.columns) == RELATIVE_COLUMNS
    cnn = r[(r["outlet"] == "CNN") & (r["phrase"] == "On Sunday")].iloc[0]
    assert (cnn["published_day"], cnn["resolved"]) == ("Thu 22 May 2014", "Sun 18 May 2014")
    cna = r[(r["outlet"] == "channelnewsasia") & (r["phrase"] == "on Sunday")].iloc[0]
    assert cna["resolved"] == cnn["resolved"]  # both outlets' Sunday is the same day
    assert cna["event_id"] != "" and cnn["event_id"] == ""  # the storming is coded once (from channelnewsasia)
    assert r["date"].between("2014-05-01", "2014-05-31").all()
    assert "the text alone" not in set(r["resolved_from"])


def test_relative_dates_table_from_events_alone_and_anchor_fill(t, phrases):
    only = relative_dates_table(t.events)
    assert set(only["event_id"]) <= set(t.events["event_id"]) and (only["phrase"] != "").all()
    full = relative_dates_table(t.events, phrases)
    later = full[full["phrase"] == "three months later"].iloc[0]
    assert later["resolved_from"] == "an earlier phrase" and later["event_id"] != ""
    assert later["date"] == t.events.set_index("event_id").at[later["event_id"], "event_date"]


# --- helpers --------------------------------------------------------------------------------------


def test_window_end_and_describe_date():
    assert window_end("2014-05-12", "week") == D(2014, 5, 18)
    assert window_end("2016-02-01", "month") == D(2016, 2, 29)
    assert window_end("2017-12-01", "month") == D(2017, 12, 31)
    assert window_end("2014-01-01", "year") == D(2014, 12, 31)
    assert window_end("2014-05-18", "day") == D(2014, 5, 18)
    with pytest.raises(ValueError, match="precision"):
        window_end("2014-05-18", "fortnight")
    assert describe_date("2014-05-12", "week") == "week of Mon 12 May 2014"
    assert describe_date("1996-06-01", "month") == "June 1996"
    assert describe_date("", "day") == ""


# --- a synthetic page: the rules, not this page ---------------------------------------------------

SYNTHETIC = """Synthetic Title

Would you like to know more?

  1. Test update (bbc, Oct 9, 2019):

    "The army said late Tuesday that it had taken a position near Derna.

    "We hold the town," a spokesman said on Monday.

    A minister told reporters: "Talks resume."

    In March 2018 fighting began; on March 26th it spread, and it may end."
"""


@pytest.fixture(scope="module")
def synthetic():
    page = page_from_bytes(SYNTHETIC.encode("utf-8"), "synthetic.txt")
    articles = parse_page(page)[0]
    lines = page.lines

    def q(qid, words, speaker, verb):
        n = next(i for i, text in enumerate(lines, 1) if words in text)
        s = lines[n - 1].index(words)
        return {
            "quote_id": qid,
            "item_id": "update-01",
            "speaker": speaker,
            "speaker_text": speaker,
            "quote": words,
            "line": n,
            "line_end": n,
            "start": s,
            "end": s + len(words),
            "verb": verb,
            "kind": "statement",
        }

    quotes = pd.DataFrame(
        [q("q1", "We hold the town,", "a spokesman", "said"), q("q2", "Talks resume.", "A minister", "told")]
    )
    return page, articles, quotes


def test_synthetic_phrases_resolve_against_a_wednesday(synthetic):
    page, articles, quotes = synthetic
    ph = date_phrases(articles, quotes)
    got = dict(zip(ph["phrase"], ph["date"]))
    assert D(2019, 10, 9).strftime("%A") == "Wednesday"
    assert got["late Tuesday"] == "2019-10-08" and got["on Monday"] == "2019-10-07"
    assert got["In March 2018"] == "2018-03-01" and got["March 26th"] == "2018-03-26"
    assert "may" not in {p.lower() for p in got}
    for r in ph.itertuples():
        assert page.lines[r.line - 1][r.start : r.end] == r.phrase


def test_synthetic_quotes_attribution_then_lede(synthetic):
    page, articles, quotes = synthetic
    dq = date_quotes(quotes, articles).set_index("quote_id")
    assert (dq.at["q1", "date"], dq.at["q1", "date_basis"]) == ("2019-10-07", "attribution")
    assert (dq.at["q2", "date"], dq.at["q2", "date_basis"]) == ("2019-10-08", "lede")
    d = day_by_day(
        pd.DataFrame(columns=t_events_columns()),
        quotes,
        articles,
        D(2019, 10, 1),
        D(2019, 10, 31),
        entities=pd.DataFrame({"entity_id": [], "name": []}),
    )
    assert list(d["kind"]) == ["statement", "statement", "report"]
    assert list(d["who"][:2]) == ["a spokesman", "A minister"]


def t_events_columns():
    from libyabook.extract.datapackage import columns

    return columns("events")


def test_other_page_runs_through():
    other = tables.load("tests/data/other-page.txt")
    d = day_by_day(other.events, other.quotes, other.articles, D(2019, 1, 1), D(2019, 12, 31))
    assert set(d["kind"]) >= {"report"} and d["date"].str.startswith("2019").all()
    spokesman = d[d["kind"] == "statement"]
    assert list(spokesman["date"]) == [weekday_on_or_before(D(2019, 10, 7), "Sunday").isoformat()]
