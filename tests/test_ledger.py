"""Tests of the claims ledger: sources, sentences, scope rules, single-source cues, comparable figures, warnings."""

import datetime as dt

import pandas as pd
import pytest

from libyabook.analysis import ledger
from libyabook.analysis.ledger import LEDGER_COLUMNS, addition_warnings, claims_with_sources, comparable
from libyabook.extract import ledger as xledger
from libyabook.extract.claims import extract_claims
from libyabook.extract.corpus import page_from_bytes, parse_page
from libyabook.extract.ledger import (
    LEDGER_TABLE_COLUMNS,
    SCOPE_MEANING,
    SCOPE_RULES,
    claims_ledger,
    classify,
    scope_of,
    sentence_bounds,
)
from libyabook.reference import REPO


def sourced(claims, articles, page, outlets=None):
    """The claims joined with the ledger published for that page (what a chapter gets)."""
    return claims_with_sources(claims, articles, claims_ledger(page, claims, articles), outlets=outlets)


def flags_of(claims, articles, page):
    """The single-report flags of the ledger published for that page."""
    return ledger.single_source(claims_ledger(page, claims, articles))


@pytest.fixture(scope="module")
def claims(page, articles):
    return extract_claims(page, articles)


@pytest.fixture(scope="module")
def book(claims, articles, page):
    return sourced(claims, articles, page)


def row(book, span, line=None):
    rows = book[book["span"] == span]
    if line is not None:
        rows = rows[rows["line"] == line]
    assert len(rows) == 1, f"expected one claim {span!r}, found {len(rows)}"
    return rows.iloc[0]


def build(text: str):
    page = page_from_bytes(text.encode("utf-8"), "synthetic.txt")
    articles = parse_page(page)[0]
    claims = extract_claims(page, articles)
    return page, articles, claims


SYNTHETIC = """Test Page

Test Page

A synthetic lead paragraph.

Would you like to know more?

Bare Related Headline


  1. Test title with 12 migrants drowned (bbc, Oct 7, 2019):

    "A charity claims to have rescued 4,000 migrants since May 2018. More than 900 people have drowned crossing the sea so far this year, the agency said.

    In March a video allegedly showed gunmen shooting dead five men. The militia killed nine fighters and wounded four, a spokesman said on Friday.

    Some 12 migrants drowned off the coast. Over 70,000 migrants landed in Spain this year, and 30 percent arrived in Italy."

  2. Second update (dw, Oct 9, 2019):

    "The ICC said the warrant covers murders in three incidents involving 17 people in April 2019. The boat was 12 miles (19 km) off the coast."


Please enter your comment!
Please enter your name here"""  # noqa: E501 (page text: an excerpt line is as long as the page has it)


@pytest.fixture(scope="module")
def synth():
    page, articles, claims = build(SYNTHETIC)
    return page, articles, claims, sourced(claims, articles, page)


# ---------------------------------------------------------------- structure
def test_columns_order_and_sources(book, claims):
    assert list(book.columns) == LEDGER_COLUMNS
    assert len(book) == len(claims)
    keys = list(zip(book["line"], book["start"]))
    assert keys == sorted(keys)
    six = row(book, "six troops")
    assert (six["outlet"], six["published"]) == ("alaraby", "2017-07-23")
    assert six["outlet_name"] != "alaraby"  # name looked up in outlets.csv
    assert row(book, "18 prisoners")["outlet"] == "express"


def test_outlet_names_fall_back_to_the_outlet_as_written(claims, articles, page):
    out = sourced(claims, articles, page, outlets=pd.DataFrame({"outlet": ["express"], "name": ["Express X"]}))
    assert set(out.loc[out["outlet"] == "express", "outlet_name"]) == {"Express X"}
    assert set(out.loc[out["outlet"] == "middleeasteye", "outlet_name"]) == {"middleeasteye"}


def test_sentences_are_exact_substrings_of_the_page(book, page):
    for r in book.itertuples():
        line = page.lines[r.line - 1]
        assert line[r.sentence_start : r.sentence_end] == r.sentence
        assert r.span in r.sentence
        assert line[r.start : r.end] == r.span


def test_the_published_ledger_is_the_ledger_of_the_page(book, claims, articles, page):
    published = xledger.claims_ledger(page, claims, articles)
    assert list(published.columns) == LEDGER_TABLE_COLUMNS
    assert list(published["claim_id"]) == list(book["claim_id"])
    assert (published["scope"].values == book["scope"].values).all()


def test_a_title_sentence_stops_at_the_title(book):
    title = row(book, "18 blindfolded jihadis")
    assert title["sentence"].endswith("shot dead by Libyan army")
    assert "(express" not in title["sentence"]


def test_sentence_bounds_split_sentences_but_not_abbreviations():
    text = "The U.N. agency said 5 died. Gen. Ali said 7 more. Then 9."
    s = text.index("5")
    assert text[slice(*sentence_bounds(text, s, s + 1))] == "The U.N. agency said 5 died."
    s = text.index("7")
    assert text[slice(*sentence_bounds(text, s, s + 1))] == "Gen. Ali said 7 more."


def test_empty_claims_give_an_empty_ledger(articles):
    empty = claims_with_sources(
        pd.DataFrame(
            columns=[
                "claim_id",
                "item_id",
                "value",
                "unit",
                "what",
                "qualifier",
                "as_of",
                "span",
                "line",
                "start",
                "end",
                "field",
            ]
        ),
        articles,
        pd.DataFrame(columns=LEDGER_TABLE_COLUMNS),
    )
    assert empty.empty and list(empty.columns) == LEDGER_COLUMNS
    assert comparable(empty, ledger.PEOPLE_UNITS).empty
    assert addition_warnings(comparable(empty, ledger.PEOPLE_UNITS)).empty


# ---------------------------------------------------------------- scopes on the study page
@pytest.mark.parametrize(
    "span, line, measure, scope",
    [
        ("six troops", 66, "killed", "killed in one incident"),
        ("eight", 66, "wounded", "wounded in one incident"),  # "killed six troops and wounded eight"
        ("18 prisoners", 83, "killed", "executed on video"),  # footage ... shot dead
        ("33 people", 229, "killed", "ICC counts"),  # according to the ICC ... murder
        ("seven incidents", 229, "killed", "ICC counts"),
        ("20 people", 231, "killed", "executed on video"),  # one video ... apparently killed
        ("three men", 235, "killed", "executed on video"),  # a video in March ... shooting dead
        ("exceeded 114,000", 129, "crossed", "crossings of the Mediterranean"),  # travelling via the Mediterranean
        ("almost 85 percent", 129, "arrived", "arrivals in Italy"),
        ("over 95,000 migrants", 147, "arrived", "arrivals in Italy"),  # landed in Italy
        ("More than 111,000 migrants", 177, "arrived", "arrivals in Europe"),
        ("More than 2,300", 179, "died", "deaths at sea"),  # died attempting the crossing
        ("25,000 migrants", 261, "rescued", "rescued by one NGO"),  # claims to have rescued
    ],
)
def test_scopes_of_the_figures_a_reader_compares(book, span, line, measure, scope):
    r = row(book, span, line)
    assert (r["measure"], r["scope"]) == (measure, scope)


@pytest.mark.parametrize(
    "span", ["three months", "six years", "100 percent", "four rows", "two statements", "27 miles"]
)
def test_durations_distances_and_other_numbers_have_no_scope(book, span):
    r = row(book, span)
    assert r["scope"] == "" and r["measure"] == ""


def test_frames_say_who_counted(book):
    assert row(book, "33 people")["frame"] == "ICC"
    assert row(book, "20 people")["frame"] == "video"
    assert row(book, "six troops")["frame"] == "party statement"  # a commander said
    assert row(book, "25,000 migrants")["frame"] == "own claim"
    assert row(book, "More than 111,000 migrants")["frame"] == "agency"  # IOM
    assert row(book, "over 95,000 migrants")["frame"] == ""  # the outlet's own voice


def test_restated_numbers_point_to_the_claim_they_repeat(book):
    title = row(book, "18 blindfolded jihadis")
    body = row(book, "18 prisoners")
    assert title["restates"] == body["claim_id"]
    assert title["scope"] == body["scope"] == "executed on video"
    assert row(book, "43 km")["restates"] == row(book, "27 miles")["claim_id"]
    assert body["restates"] == "" and row(book, "33 people")["restates"] == ""


def test_when_text_and_hedges_are_verbatim(book):
    assert row(book, "33 people")["when_text"] == "in June and July 2017"
    assert row(book, "three men")["when_text"] == "in March"
    assert row(book, "20 people")["when_text"] == ""  # the page does not date that video
    assert row(book, "exceeded 114,000")["when_text"] == "in August; since the beginning of 2017; until July 30"
    assert row(book, "some 1200 political prisoners")["when_text"] == "three months later"  # June 1996
    assert row(book, "18 prisoners")["hedge"] == "believed to be"
    assert "apparently" in row(book, "20 people")["hedge"].split("; ")
    assert "allegedly" in row(book, "three men")["hedge"].split("; ")
    for r in book.itertuples():
        for w in filter(None, r.when_text.split("; ") + r.hedge.split("; ")):
            assert w in r.sentence


def test_scope_of_a_bare_row_uses_span_and_what():
    assert (
        scope_of({"span": "40 people", "what": "people killed in the attack", "unit": "people"})
        == "killed in one incident"
    )
    assert scope_of({"span": "3 years", "what": "years of war, many killed", "unit": "years"}) == ""
    assert (
        classify(
            {
                "span": "7 migrants",
                "what": "migrants drowned",
                "unit": "migrants",
                "sentence": "A video shows 7 migrants drowned at sea.",
            }
        )["scope"]
        == "deaths at sea"
    )


def test_every_scope_rule_is_documented_and_reachable():
    labels = [s for _, _, s, _ in SCOPE_RULES]
    assert len(labels) == len(set(labels))
    assert all(SCOPE_MEANING[s] for s in labels)
    for measure, *_ in SCOPE_RULES:
        assert measure in {m for m, _ in xledger.MEASURE_WORDS}
    readme = (REPO / "data" / "reference" / "README.ledger.md").read_text(encoding="utf-8")
    for s in labels:
        assert f"`{s}`" in readme, f"scope {s!r} not documented"


# ---------------------------------------------------------------- single source
def test_single_source_cues(book, articles):
    flags = xledger.single_source(book).set_index("claim_id")
    ids = book.set_index("span")["claim_id"]
    assert flags.loc[ids["six troops"], "cue"] == "a commander said"
    assert flags.loc[ids["20 people"], "cue_kind"] == "video"
    assert flags.loc[ids["three men"], "single_source"]
    assert flags.loc[ids["25,000 migrants"], "cue_kind"] == "own claim"
    assert flags.loc[ids["18 blindfolded jihadis"], "single_source"]  # restates the footage claim
    assert not flags.loc[ids["33 people"], "single_source"]  # the ICC's own count
    assert not flags.loc[ids["over 95,000 migrants"], "single_source"]
    assert set(flags["n_items"]) >= {1}


def test_published_flags_are_those_of_the_ledger(claims, articles, book, page):
    a = flags_of(claims, articles, page)
    b = xledger.single_source(book)
    pd.testing.assert_frame_equal(a, b, check_dtype=False)


def test_a_relayed_tweet_is_single_source():
    page, articles, claims = build(
        SYNTHETIC.replace(
            "A charity claims to have rescued 4,000 migrants since May 2018.",
            "Some 60 fighters were killed, according to a tweet by a TV channel.",
        )
    )
    flags = flags_of(claims, articles, page)
    book = sourced(claims, articles, page)
    r = flags.set_index("claim_id").loc[book.set_index("span").loc["Some 60 fighters", "claim_id"]]
    assert r["cue"] == "according to a tweet" and r["cue_kind"] == "tweet"


def test_n_items_counts_items_repeating_a_figure():
    text = SYNTHETIC.replace("The boat was 12 miles (19 km) off the coast.", "Some 12 migrants drowned off the coast.")
    page, articles, claims = build(text)
    flags = flags_of(claims, articles, page).set_index("claim_id")
    book = sourced(claims, articles, page)
    drowned = book[(book["span"] == "Some 12 migrants")]
    assert len(drowned) == 2
    assert set(flags.loc[list(drowned["claim_id"]), "n_items"]) == {2}


# ---------------------------------------------------------------- synthetic page: the rules generalise
def test_synthetic_scopes(synth):
    _, _, _, book = synth
    spans = book.set_index("span")
    assert spans.loc["4,000 migrants", "scope"] == "rescued by one NGO"
    assert spans.loc["More than 900 people", "scope"] == "deaths at sea"
    assert spans.loc["More than 900 people", "frame"] == "agency"  # the agency said
    assert spans.loc["nine fighters", "frame"] == "party statement"  # a spokesman said
    assert spans.loc["five men", "scope"] == "executed on video"
    assert spans.loc["five men", "when_text"] == "In March"
    assert spans.loc["five men", "hedge"] == "allegedly"
    assert spans.loc["nine fighters", "scope"] == "killed in one incident"
    assert spans.loc["four", "scope"] == "wounded in one incident"
    assert spans.loc["Over 70,000 migrants", "scope"] == "arrivals"  # Spain: neither Italy nor Europe named
    assert spans.loc["30 percent", "scope"] == "arrivals in Italy"
    assert spans.loc["17 people", "scope"] == "ICC counts"
    assert spans.loc["17 people", "when_text"] == "in April 2019"


def test_synthetic_restatements(synth):
    _, _, _, book = synth
    title = book[(book["field"] == "title") & (book["value"] == 12)].iloc[0]
    body = book[(book["field"] == "body") & (book["span"] == "Some 12 migrants")].iloc[0]
    assert title["restates"] == body["claim_id"]
    km = book[book["unit"] == "km"].iloc[0]
    miles = book[book["unit"] == "miles"].iloc[0]
    assert km["restates"] == miles["claim_id"]


def test_comparable_keeps_one_kind_sorted_by_date(book):
    rows = comparable(book, ledger.PEOPLE_UNITS, measures={"killed", "wounded"})
    assert list(rows.columns) == ledger.COMPARABLE_COLUMNS
    assert set(rows["measure"]) == {"killed", "wounded"}
    assert "18 blindfolded jihadis" not in set(rows["span"])  # the headline restates the body
    assert {"six troops", "eight", "18 prisoners", "33 people", "20 people", "three men"} <= set(rows["span"])
    dated = rows[rows["as_of"] != ""]
    assert list(dated["as_of"]) == sorted(dated["as_of"])
    assert (rows["as_of"] == "").sum() == 0 or rows["as_of"].iloc[-1] == ""
    migrants = comparable(book, {"migrants"}, scopes={"arrivals in Italy", "arrivals in Europe"})
    assert set(migrants["span"]) == {"over 95,000 migrants", "More than 111,000 migrants"}


def test_addition_warnings(book):
    rows = comparable(book, ledger.PEOPLE_UNITS, measures={"killed"})
    rows = rows[rows["as_of"].str.startswith("2017")]
    warn = addition_warnings(rows).set_index("reason")["claim_ids"]
    assert {
        "different scopes",
        "different counters",
        "aggregate may include incidents",
        "no date for the counted events",
    } <= set(warn.index)
    undated = warn["no date for the counted events"].split(", ")
    assert row(book, "20 people")["claim_id"] in undated
    assert row(book, "33 people")["claim_id"] not in undated
    same = rows[rows["scope"] == "executed on video"]
    same = same[same["outlet"] == "middleeasteye"]
    reasons = set(addition_warnings(same)["reason"])
    assert "different scopes" not in reasons and "different counters" not in reasons


# ---------------------------------------------------------------- views for the period chapters
@pytest.fixture(scope="module")
def figures(book, articles):
    flags = xledger.single_source(book)
    return ledger.figures_in_window(
        book, flags, dt.date(2017, 3, 1), dt.date(2017, 8, 15), measures=("killed", "wounded")
    )


def test_figures_in_window_lists_the_2017_casualty_figures(figures):
    assert list(figures.columns) == ledger.FIGURE_COLUMNS
    assert set(figures["figure"]) == {
        "six troops",
        "eight",
        "18 prisoners",
        "dozens of prisoners",
        "33 people",
        "20 people",
        "three men",
    }
    assert "At Least 43" not in set(figures["figure"])  # undated related headline: outside
    assert "some 1200 political prisoners" not in set(figures["figure"])  # 2011 item: outside
    video = figures[figures["figure"] == "18 prisoners"].iloc[0]
    assert video["source"] == "Daily Express" and video["published"] == "2017-07-25"
    assert video["label"].splitlines() == ["18 prisoners — executed on video", "Daily Express, 25 Jul 2017"]
    assert video["cue"] == "footage" and video["counts"] == SCOPE_MEANING["executed on video"]


def test_figures_in_an_empty_window(book, articles):
    flags = xledger.single_source(book)
    none = ledger.figures_in_window(book, flags, dt.date(1900, 1, 1), dt.date(1900, 1, 2))
    assert none.empty and list(none.columns) == ledger.FIGURE_COLUMNS
    assert ledger.stated_values(none).empty
    assert ledger.figure_summary(none)["n_figures"] == 0


def test_figures_are_ordered_by_the_date_they_speak_of(figures):
    # the "three men" of the March video (as_of 31 March 2017) come before the 20 (issue 9)
    video = figures[(figures["scope"] == "executed on video") & (figures["outlet"] == "middleeasteye")]
    assert list(video["value"]) == [3, 20]
    assert list(figures.loc[figures["scope"] == "ICC counts", "value"].head(1)) == [33]


def test_figure_summary(figures):
    summary = ledger.figure_summary(figures)
    assert summary["n_figures"] == 7 and summary["n_numbers"] == 6  # 'dozens' has no number
    assert summary["n_sources"] == 3  # alaraby, express, middleeasteye
    assert summary["n_undated"] == 2  # the two undated video counts (18, 20)
    assert len(ledger.stated_values(figures)) == 6


def test_short_date():
    assert ledger.short_date("2017-07-25") == "25 Jul 2017"
    assert ledger.short_date("2017-08-03") == "3 Aug 2017"
    assert ledger.short_date("") == "" and ledger.short_date("July 2017") == ""


def test_quoted_speakers():
    people = pd.DataFrame(
        {
            "speaker": ["x", "y", "z", "w"],
            "name": ["X", "Y", "Z", "W"],
            "statements": [0, 2, 1, 1],
            "terms": [0, 0, 1, 0],
            "mentions": [9, 1, 1, 1],
        }
    )
    quoted = ledger.quoted_speakers(people)
    assert list(quoted["speaker"]) == ["y", "z", "w"]  # x is mentioned, never quoted
    s = ledger.quote_summary(quoted)
    assert (s["n_speakers"], s["n_statements"], s["n_terms"], s["top_name"]) == (3, 4, 1, "Y")
    assert ledger.quote_summary(quoted.iloc[:0])["n_speakers"] == 0


def test_addition_warnings_explain_each_reason(book):
    rows = comparable(book, ledger.PEOPLE_UNITS, measures={"killed"})
    warn = addition_warnings(rows)
    assert list(warn.columns) == ["reason", "why", "figures", "claim_ids"]
    assert all(warn["why"] == warn["reason"].map(ledger.WARNING_WHY))
    vague = warn.set_index("reason").loc["vague quantity", "figures"]
    assert vague == "dozens of prisoners"
