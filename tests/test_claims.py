"""Numeric claims: every number an item states is found, with value, unit, qualifier and date; nothing else.

The expected list below was made by reading the page line by line (not by running the code): each
number a careful reader counts as a stated quantity, with the noun it counts and how the text hedges it.
"""

import math

import pandas as pd
import pytest

from libyabook.extract.claims import CLAIM_COLUMNS, extract_claims

from synthetic import parse

NaN = float("nan")

# (line, value, unit, qualifier) for every claim on the study page, in page order.
EXPECTED = [
    (45, 3, "months", "exact"),  # "three months later"
    (45, 1200, "prisoners", "about"),  # "some 1200 political prisoners"
    (51, 43, "people", "at least"),  # related headline "Killing At Least 43"
    (66, 6, "troops", "exact"),  # "killed six troops ..."
    (66, 8, "troops", "exact"),  # "... and wounded eight"
    (81, 18, "jihadis", "exact"),  # update title "Moment 18 blindfolded jihadis"
    (83, 18, "prisoners", "exact"),  # "18 prisoners, believed to be ISIS fighters"
    (85, 4, "rows", "exact"),  # "kneeling in four rows"
    (101, 2, "", "exact"),  # "the two agreed" (issue 9: a count, though it refers back)
    (111, 6, "years", "exact"),  # "six years of division"
    (113, 100, "percent", "exact"),  # "100 percent agreement"
    (123, 2, "leaders", "exact"),  # "the two rival leaders"
    (125, 2, "statements", "exact"),  # "In two statements"
    (127, NaN, "migrants", "vague"),  # "hundreds of thousands of migrants"
    (129, 114000, "migrants", "more than"),  # "the number of migrants ... exceeded 114,000"
    (129, 85, "percent", "almost"),  # "almost 85 percent arriving in Italy"
    (133, NaN, "migrants", "vague"),  # "thousands of migrants"
    (137, 2, "", "exact"),  # "split into two"
    (147, 95000, "migrants", "more than"),  # "the over 95,000 migrants"
    (173, 6, "years", "exact"),  # "Six years since a revolution"
    (177, 111000, "migrants", "more than"),  # "More than 111,000 migrants"
    (179, 2300, "migrants", "more than"),  # "More than 2,300 have died attempting the crossing"
    (191, NaN, "asylum seekers", "vague"),  # "Hundreds of thousands of rescued asylum seekers"
    (211, 2, "times", "exact"),  # "for a second time"
    (217, 2, "governments", "exact"),  # "the two governments"
    (219, 1, "times", "exact"),  # "abducted once before"
    (225, NaN, "prisoners", "vague"),  # "dozens of prisoners"
    (229, 7, "incidents", "exact"),  # "seven incidents"
    (229, 33, "people", "exact"),  # "involving 33 people"
    (231, 20, "people", "exact"),  # "20 people are apparently killed"
    (235, 3, "men", "exact"),  # "three men who were kneeling"
    (239, 2, "videos", "exact"),  # "two further videos"
    (257, 27, "miles", "exact"),  # "27 miles (43 km)"
    (257, 43, "km", "exact"),
    (261, 25000, "migrants", "exact"),  # "rescued 25,000 migrants"
]


@pytest.fixture(scope="module")
def claims(page, articles):
    return extract_claims(page, articles)


def _same(a, b) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


def _one(claims, line, value):
    rows = claims[(claims["line"] == line) & claims["value"].map(lambda v: _same(v, value))]
    assert len(rows) == 1, (line, value, rows)
    return rows.iloc[0]


# ------------------------------------------------------------------ the study page
def test_columns_ids_and_order(claims):
    assert list(claims.columns) == CLAIM_COLUMNS
    assert list(claims["claim_id"]) == [f"c{k:03d}" for k in range(1, len(claims) + 1)]
    assert list(zip(claims["line"], claims["start"])) == sorted(zip(claims["line"], claims["start"]))
    # whole numbers are ints (written 1200, not 1200.0); vague quantities NaN (an empty cell)
    assert all(isinstance(v, int) or math.isnan(v) for v in claims["value"])


def test_every_span_is_verbatim(page, claims):
    for r in claims.itertuples():
        assert page.lines[r.line - 1][r.start : r.end] == r.span
        assert r.span.strip() == r.span and r.span


def test_every_expected_claim_found_with_value_unit_and_qualifier(claims):
    got = [(r.line, r.value, r.unit, r.qualifier) for r in claims.itertuples()]
    assert len(got) == len(EXPECTED), [g[:2] for g in got]
    for (line, value, unit, qual), (gl, gv, gu, gq) in zip(EXPECTED, got):
        assert (gl, gu, gq) == (line, unit, qual)
        assert _same(float(value), gv), (line, value, gv)


def test_spans_carry_qualifier_number_and_noun(claims):
    spans = set(claims["span"])
    for span in [
        "more than 111,000 migrants".capitalize(),
        "over 95,000 migrants",
        "some 1200 political prisoners",
        "almost 85 percent",
        "hundreds of thousands of migrants",
        "At Least 43",
        "exceeded 114,000",
        "27 miles",
        "43 km",
        "six troops",
        "dozens of prisoners",
        "two further videos",
    ]:
        assert span in spans, span


def test_vague_quantities_have_no_invented_value(claims):
    vague = claims[claims["qualifier"] == "vague"]
    assert vague["value"].isna().all() and len(vague) == 4
    assert (vague["unit"] != "").all() and (vague["what"] != "").all()
    assert claims.loc[claims["qualifier"] != "vague", "value"].notna().all()


def test_no_dates_years_names_or_ordinals(page, claims):
    for year in (1991, 1996, 2011, 2012, 2013, 2014, 2016, 2017):
        assert not (claims["value"] == year).any(), year
    # lines whose only numbers are dates, years, ordinals that rank, names or pronouns
    quiet = {
        27: "second city / 2011 uprising",
        39: "one in particular",
        41: "May 1991",
        43: "March 1996, 26th",
        57: "No One",
        89: "One row at a time",
        99: "FRANCE 24",
        105: "FRANCE 24",
        117: "No one",
        221: "1990s; 2012; first",
        241: "2011",
        259: "August 7",
    }
    lines_with_claims = set(claims["line"])
    for line in quiet:
        assert line not in lines_with_claims, (line, quiet[line])
    # line 231 has "one video" (not a claim) and "20 people" (a claim): only the latter
    assert list(claims.loc[claims["line"] == 231, "value"]) == [20]


def test_title_claims_lie_inside_the_title(page, articles, claims):
    """Header lines hold an update number and '(outlet, Mon D, YYYY)': only the title's numbers count."""
    titles = articles.set_index("item_id")["title"]
    for r in claims[claims["field"] == "title"].itertuples():
        text = page.lines[r.line - 1]
        pos = text.find(titles[r.item_id], 5 if text.startswith("  ") else 0)
        assert pos <= r.start and r.end <= pos + len(titles[r.item_id])
    header_lines = set(articles.loc[articles["section"] == "update", "line_start"])
    assert set(claims.loc[claims["line"].isin(header_lines), "value"]) == {18}  # "Moment 18 ..." only


def test_fields(claims):
    assert _one(claims, 81, 18)["field"] == "title"
    assert _one(claims, 51, 43)["field"] == "title"
    assert _one(claims, 83, 18)["field"] == "body"
    assert set(claims["field"]) == {"title", "body"}


def test_as_of_dates(claims):
    assert _one(claims, 129, 114000)["as_of"] == "2017-07-30"  # "until July 30"
    assert _one(claims, 129, 85)["as_of"] == "2017-07-30"
    assert _one(claims, 66, 6)["as_of"] == "2017-07-22"  # "said on Saturday", item of Sunday Jul 23, 2017
    assert _one(claims, 125, 2)["as_of"] == "2017-08-02"  # "late Wednesday", item of Thursday Aug 3, 2017
    assert _one(claims, 147, 95000)["as_of"] == "2017-08-03"  # "so far this year": the publication date
    assert _one(claims, 177, 111000)["as_of"] == "2017-08-10"
    assert _one(claims, 51, 43)["as_of"] == ""  # a bare related headline has no date at all


def _window(row):
    return row["as_of_start"], row["as_of_end"]


def test_as_of_windows_take_the_date_the_sentence_states(page, claims):
    """Issue 9 item 4: a figure whose sentence states its date uses it, as an inclusive window."""
    some_1200 = _one(claims, 45, 1200)  # "three months later" than "In March 1996" (line 43)
    assert "three months later" in page.lines[44] and "In March 1996" in page.lines[42]
    assert _window(some_1200) == ("1996-06-01", "1996-06-30") and some_1200["as_of"] == "1996-06-30"
    assert "in June and July 2017" in page.lines[228]
    assert _window(_one(claims, 229, 33)) == _window(_one(claims, 229, 7)) == ("2017-06-01", "2017-07-31")
    assert "a video in March" in page.lines[234] and _window(_one(claims, 235, 3)) == ("2017-03-01", "2017-03-31")
    assert page.lines[238].strip().startswith("In June,") and _window(_one(claims, 239, 2)) == (
        "2017-06-01",
        "2017-06-30",
    )
    assert _window(_one(claims, 219, 1)) == ("2013-10-01", "2013-10-31")  # "once before ..., in October 2013"
    assert _window(_one(claims, 129, 114000)) == ("2017-07-30", "2017-07-30")  # "until July 30", not "in August"
    assert _window(_one(claims, 261, 25000)) == ("2017-08-15", "2017-08-15")  # "since ... June 2016" starts the count
    assert _window(_one(claims, 147, 95000)) == ("2017-08-03", "2017-08-03")  # "so far this year": to the report
    assert _window(_one(claims, 51, 43)) == ("", "")


def test_units_of_bare_numbers_say_where_they_come_from(claims):
    assert _one(claims, 66, 8)["unit_from"] == "inherited"
    assert _one(claims, 179, 2300)["unit_from"] == "inherited"
    assert _one(claims, 129, 114000)["unit_from"] == "number of"
    assert "migrants and refugees" in _one(claims, 129, 114000)["what"]
    assert _one(claims, 51, 43)["unit_from"] == "context"
    assert _one(claims, 177, 111000)["unit_from"] == "stated"


def test_restated_quantity_shares_a_group(page, claims):
    miles, km = _one(claims, 257, 27), _one(claims, 257, 43)
    assert miles["group"] == km["group"] == miles["claim_id"]
    # the headline's "18 blindfolded jihadis" (line 81) and the excerpt's "18 prisoners" (83) are one quantity
    assert "18 blindfolded jihadis" in page.lines[80] and "18 prisoners" in page.lines[82]
    title, body = _one(claims, 81, 18), _one(claims, 83, 18)
    assert title["group"] == body["group"] == title["claim_id"]
    others = claims[~claims["line"].isin([257, 83])]
    assert (others["group"] == others["claim_id"]).all()
    assert claims["group"].nunique() == len(claims) - 2


def test_repetitions_and_references_back_are_counted(page, claims):
    """Issue 9 item 5: the missed counts, each checked against the page's words."""
    for line, words, value, unit in [
        (101, "the two agreed", 2, ""),
        (123, "the two rival leaders", 2, "leaders"),
        (137, "split into two", 2, ""),
        (211, "for a second time", 2, "times"),
        (217, "the two governments", 2, "governments"),
        (219, "abducted once before", 1, "times"),
    ]:
        assert words in page.lines[line - 1]
        row = _one(claims, line, value)
        assert row["unit"] == unit and row["span"] in words
    assert _one(claims, 211, 2)["what"] == _one(claims, 219, 1)["what"] == "abducted"
    assert "who once led" in page.lines[210]  # "once" meaning formerly is not a count
    assert list(claims.loc[claims["line"] == 211, "value"]) == [2]


def test_what_describes_the_quantity(claims):
    assert "political prisoners" in _one(claims, 45, 1200)["what"]
    assert "have died" in _one(claims, 179, 2300)["what"]
    assert "wounded" in _one(claims, 66, 8)["what"]
    assert "Libyan coast" in _one(claims, 257, 43)["what"]


def test_deterministic(page, articles, claims):
    pd.testing.assert_frame_equal(extract_claims(page, articles), claims)


# ------------------------------------------------------------------ synthetic pages: the rules generalise
SYNTHETIC = """\
A Post About Numbers

A Post About Numbers

A lead paragraph about a video with no figures. Reuters’s Jane Doe reports.

Would you like to know more?

Flight 17 Crash Leaves At Least 3 Dead (reuters, Sept 3, 2015)

“About 1.5 million people have fled since Sept 1, officials said. A dozen boats carrying 12,500 migrants arrived, nearly 40 percent of them children.

The two leaders met in 2015 and one of them spoke; no one else did. Some 2000 people marched, and 2000 migrants waited on the 2014 border.

Call 555-1234 or +44 20 7946 0000 before 10:30 on 2016-05-21. The G7 and F-16 jets flew in 1990s style, a 3D film.

On March 3 protesters gathered, and on 9 May its 3rd battalion left; a 21st century army.”

Tens Of Thousands Wait


  1. A numbered update (bbc, Aug 12, 2017):

    "Police said on Thursday that 40 people were arrested, two hundred and fifty were freed and up to 300 are missing.

    The death toll rose to 61. More than 5,000 migrants crossed until Aug 1, and half a dozen boats sank. Over 3 km (1.9 miles) away, $5 million was paid.

    Dozens of prisoners escaped, several hundred fled, and two-thirds of them returned.

    Officials said a 24-hour curfew and a six-year plan were in place, and at least one journalist died."
"""


@pytest.fixture(scope="module")
def synthetic():
    page, articles = parse(SYNTHETIC)
    return page, extract_claims(page, articles)


def test_synthetic_spans_verbatim(synthetic):
    page, claims = synthetic
    assert len(claims) > 0
    for r in claims.itertuples():
        assert page.lines[r.line - 1][r.start : r.end] == r.span


def test_synthetic_numbers_parsed(synthetic):
    _, claims = synthetic
    facts = {(r.span, r.value, r.unit, r.qualifier) for r in claims.itertuples() if not _same(r.value, NaN)}
    for fact in [
        ("At Least 3 Dead", 3, "people", "at least"),
        ("About 1.5 million people", 1_500_000, "people", "about"),
        ("A dozen boats", 12, "boats", "about"),
        ("12,500 migrants", 12_500, "migrants", "exact"),
        ("nearly 40 percent", 40, "percent", "almost"),
        ("Some 2000 people", 2000, "people", "about"),
        ("2000 migrants", 2000, "migrants", "exact"),
        ("40 people", 40, "people", "exact"),
        ("two hundred and fifty", 250, "people", "exact"),
        ("up to 300", 300, "people", "up to"),
        ("61", 61, "deaths", "exact"),
        ("More than 5,000 migrants", 5000, "migrants", "more than"),
        ("half a dozen boats", 6, "boats", "about"),
        ("Over 3 km", 3, "km", "more than"),
        ("1.9 miles", 1.9, "miles", "exact"),
        ("$5 million", 5_000_000, "dollars", "exact"),
        ("24-hour", 24, "hours", "exact"),
        ("six-year", 6, "years", "exact"),
        ("at least one journalist", 1, "journalists", "at least"),
    ]:
        assert fact in facts, fact


def test_synthetic_vague_and_exclusions(synthetic):
    page, claims = synthetic
    vague = claims[claims["qualifier"] == "vague"]
    assert set(vague["span"]) == {"Tens Of Thousands", "Dozens of prisoners", "several hundred"}
    assert vague["value"].isna().all()
    # Sept 3, 2015 (header), Sept 1, Flight 17, 2015, 2014, the two leaders, one of them, no one,
    # phone numbers, times, ISO dates, G7, F-16, 1990s, 3D, two-thirds: none is a claim
    values = set(claims["value"].dropna())
    for not_claim in (17, 2015, 2014, 555, 1234, 44, 20, 7946, 0, 10, 30, 2016, 5, 21, 7, 16, 1990, 2 / 3, 9, 21):
        assert not_claim not in values, not_claim
    assert list(claims.loc[claims["value"] == 1, "span"]) == ["at least one journalist"]  # not "one of them"
    assert list(claims.loc[claims["value"] == 2, "span"]) == ["two leaders"]  # "The two leaders" counts (issue 9)
    assert not claims["line"].isin([15, 17]).any()  # the phone/time/date/name/ordinal lines
    assert not claims["span"].str.contains("thirds", regex=True).any()
    assert (claims.loc[claims["line"] == 9, "field"] == "title").all() and (claims["line"] == 9).sum() == 1


def test_synthetic_as_of_and_groups(synthetic):
    _, claims = synthetic
    by_span = claims.set_index("span")
    assert by_span.loc["About 1.5 million people", "as_of"] == "2015-09-03"  # "since Sept 1" starts the count
    assert by_span.loc["40 people", "as_of"] == "2017-08-10"  # "on Thursday", item of Saturday Aug 12, 2017
    assert by_span.loc["More than 5,000 migrants", "as_of"] == "2017-08-01"  # "until Aug 1"
    assert by_span.loc["61", "unit_from"] == "number of"
    assert by_span.loc["two hundred and fifty", "unit_from"] == "inherited"
    assert by_span.loc["Over 3 km", "group"] == by_span.loc["1.9 miles", "group"]
    assert by_span.loc["Tens Of Thousands", "as_of"] == ""  # bare headline: no date


def test_page_without_numbers_gives_empty_table():
    page, articles = parse(
        "T\n\nT\n\nA lead. CNN’s A B reports.\n\nWould you like to know more?\n\n"
        "No one came (bbc, May 1, 2016)\n\n“The first of them said one thing in May 2016.”\n"
    )
    claims = extract_claims(page, articles)
    assert claims.empty and list(claims.columns) == CLAIM_COLUMNS


def excerpt_claims(excerpt: str) -> pd.DataFrame:
    """The claims of a page of one linked item whose excerpt is “excerpt”."""
    page, articles = parse(
        "T\n\nT\n\nA lead. CNN’s A B reports.\n\nWould you like to know more?\n\n"
        f"A headline (bbc, May 1, 2016)\n\n“{excerpt}”\n"
    )
    return extract_claims(page, articles)


@pytest.mark.parametrize(
    "text, values",
    [("5 people in km²", [5]), ("² of land", []), ("③ people", []), ("½ of them", []), ("٣ people", [3])],
)
def test_a_digit_that_is_not_a_numeral_is_not_read_as_one(text, values):
    # '²' and '①' are digits to str.isdigit but not numerals (float() refuses them: they used to raise a ValueError);
    # an Arabic-Indic '٣' is a numeral
    claims = excerpt_claims(f"Text {text}.")
    assert list(claims["value"]) == values


@pytest.mark.parametrize(
    "written, qualifier",
    [
        ("almost", "almost"),
        ("almoſt", "almost"),
        ("ALMOST", "almost"),
        ("İn excess of", "more than"),
        ("ın excess of", "more than"),
        ("aimost", "exact"),
    ],
)
def test_a_qualifier_matched_case_blind_is_read_as_its_ascii_form(written, qualifier):
    # 'almoſt' (long s) matches the case-blind qualifier pattern; its lookup raised a KeyError (fuzzing, 2 December)
    claims = excerpt_claims(f"Text {written} 5 people died.")
    assert list(zip(claims["value"], claims["qualifier"])) == [(5, qualifier)]


@pytest.mark.parametrize("figure, unit", [("5m", "m"), ("5%", "percent"), ("5 percent", "percent")])
def test_a_unit_without_a_noun_after_a_name_is_a_quantity(figure, unit):
    # 'Haftar 5m': a capitalised word before a numeral whose unit has no noun (it used to raise a TypeError)
    claims = excerpt_claims(f"Text Haftar {figure} here.")
    assert list(zip(claims["value"], claims["unit"])) == [(5, unit)]
