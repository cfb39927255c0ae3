"""Tests of libyabook.analysis.voices: speakers mapped to sides, and which outlet quotes which side."""

import pandas as pd
import pytest

from libyabook.analysis import voices
from libyabook.extract.corpus import page_from_bytes, parse_page
from libyabook.extract.quotes import extract_quotes
from libyabook.reference import load_reference


@pytest.fixture(scope="module")
def entities():
    return load_reference("entities")


@pytest.fixture(scope="module")
def quotes(page, articles):
    return extract_quotes(page, articles)


@pytest.fixture(scope="module")
def sourced(quotes, articles, entities):
    return voices.quotes_with_sources(quotes, articles, entities)


def _row(sourced, fragment):
    hit = sourced[sourced["quote"].str.contains(fragment, regex=False)]
    assert len(hit) == 1, fragment
    return hit.iloc[0]


# --- speaker_side -------------------------------------------------------------------------------


def test_side_order_puts_foreign_officials_together():
    sides = [
        "NGOs",
        "Foreign officials: United States",
        "Unattributed",
        "Foreign officials: Italy",
        "LNA / eastern authorities",
    ]
    assert voices.order_sides(sides) == [
        "LNA / eastern authorities",
        "Foreign officials: Italy",
        "Foreign officials: United States",
        "NGOs",
        "Unattributed",
    ]


# --- quotes_with_sources on the real page ----------------------------------------------------


def test_quotes_carry_outlet_date_and_side(sourced):
    navy = _row(sourced, "We want to send out a clear message")
    assert (navy["speaker_name"], navy["outlet"], navy["published"], navy["side"]) == (
        "Ayoub Qassem",
        "middleeasteye",
        "2017-08-10",
        "Tripoli authorities",
    )
    msf = _row(sourced, "If humanitarian ships are pushed out")
    assert (msf["speaker_name"], msf["outlet"], msf["published"], msf["side"]) == (
        "Loris De Filippi",
        "NYT",
        "2017-08-12",
        "NGOs",
    )
    senator = _row(sourced, "Life for NGOs is becoming dangerous")
    assert (senator["speaker_name"], senator["outlet"], senator["side"]) == (
        "Luigi Manconi",
        "express",
        "Foreign officials: Italy",
    )
    parliament = _row(sourced, "exporting the illegal migration crisis")
    assert (parliament["outlet"], parliament["side"]) == ("abcnews", "LNA / eastern authorities")


def test_quotes_stay_exact_and_excerpt_only_collapses_whitespace(sourced, page):
    assert list(sourced.columns) == voices.QUOTE_SOURCE_COLUMNS
    for r in sourced.itertuples():
        first = r.quote.split("\n")[0]
        assert page.lines[r.line - 1][r.start : r.start + len(first)] == first
        assert r.excerpt == " ".join(r.quote.split())
    multi = _row(sourced, "Life for NGOs")
    assert "\n" not in multi["excerpt"]
    assert list(sourced["quote_id"]) == sorted(sourced["quote_id"])  # page order


# --- who_quotes_whom on the real page --------------------------------------------------------


def test_who_quotes_whom_in_august_2017(quotes, articles, entities):
    counts = voices.who_quotes_whom(quotes, articles, entities)
    assert list(counts.columns) == ["outlet", "side", "n_quotes"]
    assert (counts["n_quotes"] > 0).all()
    by = {(r.outlet, r.side): r.n_quotes for r in counts.itertuples()}
    # NYT quotes only the MSF Italy president (two quoted sentences), nobody from Libya
    assert {side for (o, side) in by if o == "NYT"} == {"NGOs"}
    assert by[("NYT", "NGOs")] == 2
    # Middle East Eye quotes the Tripoli navy most: Qassem and Bouhaliya
    mee = {side: n for (o, side), n in by.items() if o == "middleeasteye"}
    assert max(mee, key=mee.get) == "Tripoli authorities"
    # express quotes the coastguard's radio warning and the Italian senator
    assert ("express", "Tripoli authorities") in by and ("express", "Foreign officials: Italy") in by
    # headlines are not counted by default, but can be
    with_titles = voices.who_quotes_whom(quotes, articles, entities, kinds=("statement", "term", "headline"))
    assert with_titles["n_quotes"].sum() > counts["n_quotes"].sum()


def test_side_matrix_fills_zeros(quotes, articles, entities):
    counts = voices.who_quotes_whom(quotes, articles, entities)
    grid = voices.side_matrix(counts)
    assert grid.loc["NYT", "Tripoli authorities"] == 0
    assert grid.values.sum() == counts["n_quotes"].sum()
    assert list(grid.columns) == voices.order_sides(counts["side"])


def test_speaker_summary(quotes, articles, entities):
    summary = voices.speaker_summary(quotes, articles, entities)
    assert summary.iloc[0]["speaker"] == "haftar"  # the most quoted voice
    assert summary["n_quotes"].is_monotonic_decreasing
    haftar = summary.iloc[0]
    assert set(haftar["outlets"].split(", ")) >= {"france24", "CNN"}
    assert "" not in set(summary["speaker"])


# --- synthetic pages and tables ------------------------------------------------------------

SYNTHETIC = """Test Page

Would you like to know more?

A Bare Related Headline

  1. First test update (outleta, Aug 1, 2017):

    "The coastguard patrols the coast, a test excerpt says.

    "We will rescue everyone," Doctors Without Borders said in a statement."

  2. Second test update (outletb, Aug 2, 2017):

    "A test excerpt about the navy.

    "No foreign ship may enter," Libyan navy spokesman Ayoub Qassem said.

    "Our waters are ours," Qassem added."
"""


def test_synthetic_page_end_to_end(entities):
    page = page_from_bytes(SYNTHETIC.encode(), "synthetic.txt")
    articles, _ = parse_page(page)
    quotes = extract_quotes(page, articles)
    counts = voices.who_quotes_whom(quotes, articles, entities)
    by = {(r.outlet, r.side): r.n_quotes for r in counts.itertuples()}
    assert by == {("outleta", "NGOs"): 1, ("outletb", "Tripoli authorities"): 2}


def test_synthetic_tables_and_empty_input(entities):
    articles = pd.DataFrame(
        {"item_id": ["update-01", "update-02"], "outlet": ["zeta", "Alpha"], "published": ["2019-10-07", "2019-10-09"]}
    )
    quotes = pd.DataFrame(
        {
            "quote_id": ["q001", "q002", "q003", "q004"],
            "item_id": ["update-01", "update-01", "update-02", "update-02"],
            "speaker": ["haftar", "", "Libyan authorities", "msf"],
            "speaker_text": ["Haftar", "", "Libyan authorities", "MSF"],
            "quote": ["a b", "term", "x\n\n    y", "z"],
            "line": [3, 4, 9, 8],
            "line_end": [3, 4, 11, 8],
            "start": [1, 1, 1, 1],
            "end": [4, 5, 6, 2],
            "verb": ["said", "", "said", "said"],
            "kind": ["statement", "term", "statement", "headline"],
        }
    )
    sourced = voices.quotes_with_sources(quotes, articles, entities)
    assert list(sourced["quote_id"]) == ["q001", "q002", "q004", "q003"]  # sorted by (line, start)
    assert list(sourced["side"]) == ["LNA / eastern authorities", "Unattributed", "NGOs", "Unresolved"]
    assert sourced.loc[sourced["quote_id"] == "q003", "excerpt"].item() == "x y"
    counts = voices.who_quotes_whom(quotes, articles, entities)
    assert list(counts["outlet"]) == ["Alpha", "zeta", "zeta"]  # case-insensitive outlet order
    assert "NGOs" not in set(counts["side"])  # the headline is not counted
    empty = voices.who_quotes_whom(quotes.iloc[0:0], articles, entities)
    assert empty.empty and list(empty.columns) == ["outlet", "side", "n_quotes"]
    assert voices.side_matrix(empty).empty
    assert voices.speaker_summary(quotes.iloc[0:0], articles, entities).empty
    assert voices.quotes_with_sources(quotes.iloc[0:0], articles, entities).empty


def test_side_counts(quotes, articles, entities):
    sides = voices.side_counts(quotes, articles, entities)
    assert list(sides["side"]) == voices.order_sides(sides["side"])
    by = sides.set_index("side")
    # Haftar and the LNA commander speak for the east, quoted by alaraby, CNN, france24, abcnews, ansamed
    assert by.loc["LNA / eastern authorities", "n_outlets"] >= 5
    # two navy officers and the navy itself on the Tripoli side, plus the coastguard
    assert by.loc["Tripoli authorities", "n_speakers"] >= 3
    assert by.loc[voices.UNATTRIBUTED, "n_speakers"] == 0
    assert sides["n_quotes"].sum() == voices.who_quotes_whom(quotes, articles, entities)["n_quotes"].sum()
    assert voices.side_counts(quotes.iloc[0:0], articles, entities).empty


def test_reference_phrases_map_to_known_groups():
    table = load_reference("speaker_groups")
    assert list(table.columns) == ["phrase", "group", "note"]
    assert set(table["group"]) <= set(voices.GROUP_SIDES)
    assert table["phrase"].str.strip().ne("").all() and not table["phrase"].str.casefold().duplicated().any()
    # deliberately ambiguous descriptions are not listed
    assert "libyan authorities" not in set(table["phrase"].str.casefold())


def test_published_speakers_table_gives_the_same_sides():
    from libyabook.analysis import tables
    from libyabook.extract.speakers import speaker_table

    t = tables.load()
    entities = load_reference("entities")
    table = speaker_table(t.quotes, entities).set_index("speaker")
    assert table.loc["hor", "group"] == "libya_east" and table.loc["hor", "matched_by"] == "entity"
    by_phrase = speaker_table(
        pd.DataFrame({"speaker": ["Libya's eastern-based parliament"], "line": [1], "start": [0]}), entities
    )
    assert by_phrase.loc[0, "group"] == "libya_east" and by_phrase.loc[0, "matched_by"] == "phrase"
    assert table.loc["Libyan authorities", "matched_by"] == "none"
    assert table.loc["haftar", "matched_by"] == "entity"
    with_table = voices.quotes_with_sources(t.quotes, t.articles, entities, speakers=t.speakers)
    pd.testing.assert_frame_equal(with_table, voices.quotes_with_sources(t.quotes, t.articles, entities))
