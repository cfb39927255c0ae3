"""The page splits into items and boilerplate: every section, every date and outlet, no line lost."""

import datetime as dt

import pandas as pd
import pytest

from libyabook.errors import PageError
from libyabook.extract.corpus import page_from_bytes, parse_date, parse_page, with_bodies

SMALL = """\
A Post Title About Libya

A Post Title About Libya

A lead paragraph about a video. Reuters’s Jane Doe reports.

Would you like to know more?

First linked headline (reuters, Sept 3, 2015)

Second linked headline with excerpt (aljazeera, Jun 1, 2016)

“An excerpt paragraph with a “nested” quote.

A second paragraph of the excerpt….”

A Bare Related Headline

“A Quoted Related Headline”


  1. An update headline (bbc, January 2, 2017):

    "Body line one.

    Body line two."

  2. Another update (lemonde, Feb 29, 2016):

    "Only line."


Please enter your comment!
Please enter your name here"""


def parse(text: str, name: str = "small.txt"):
    return parse_page(page_from_bytes(text.encode("utf-8"), name))


def test_study_page_sections_and_counts(articles):
    counts = articles["section"].value_counts().to_dict()
    assert counts == {"lead": 1, "linked": 6, "related": 7, "update": 10}
    assert list(articles["position"]) == list(range(1, 25))
    assert articles["item_id"].is_unique


def test_study_page_dates_and_outlets(articles):
    dated = articles[articles["section"].isin(["linked", "update"])]
    got = list(zip(dated["outlet"], dated["published"]))
    assert got == [
        ("gulfnews", "2016-05-21"),
        ("ahram", "2016-03-17"),
        ("express", "2016-02-28"),
        ("CNN", "2014-05-22"),
        ("channelnewsasia", "2014-05-21"),
        ("businessinsider", "2011-04-22"),
        ("alaraby", "2017-07-23"),
        ("express", "2017-07-25"),
        ("france24", "2017-07-27"),
        ("abcnews", "2017-08-03"),
        ("ansamed", "2017-08-03"),
        ("middleeasteye", "2017-08-10"),
        ("NYT", "2017-08-12"),
        ("abcnews", "2017-08-14"),
        ("middleeasteye", "2017-08-15"),
        ("express", "2017-08-15"),
    ]
    lead = articles.iloc[0]
    assert (lead["section"], lead["outlet"], lead["published"], lead["title"]) == ("lead", "CNN", "", "")


def test_study_page_item_lines(articles, page):
    by_id = articles.set_index("item_id")
    assert (by_id.loc["linked-04", "line_start"], by_id.loc["linked-04", "line_end"]) == (15, 21)
    assert (by_id.loc["linked-06", "line_start"], by_id.loc["linked-06", "line_end"]) == (35, 45)
    assert (by_id.loc["related-06", "title"]) == "“No One In Libya Wants Al-Qaeda”"
    assert (by_id.loc["update-10", "line_start"], by_id.loc["update-10", "line_end"]) == (243, 271)
    assert by_id.loc["update-03", "title"].startswith("Exclusive: Only military solutions")
    headline_only = by_id[(by_id["section"] == "linked") & (by_id["body"] == "")].index.tolist()
    assert headline_only == ["linked-01", "linked-02", "linked-03"]
    # bodies are verbatim page text
    for row in articles.itertuples():
        if row.body:
            assert row.body in page.text
            assert row.n_words == len(row.body.split())


def test_no_line_lost(page, parsed):
    articles, boilerplate = parsed
    owner = {}
    for row in articles.itertuples():
        for line in range(row.line_start, row.line_end + 1):
            assert line not in owner, f"line {line} in two items"
            owner[line] = row.item_id
    for row in boilerplate.itertuples():
        assert row.line not in owner
        owner[row.line] = row.kind
    nonblank = {i for i, text in enumerate(page.lines, 1) if text.strip()}
    assert nonblank <= set(owner), f"lines in no item: {sorted(nonblank - set(owner))}"
    assert dict(zip(boilerplate["line"], boilerplate["kind"])) == {
        1: "page_title",
        3: "page_title",
        7: "section_header",
        274: "comment_form",
        275: "comment_form",
    }


def test_small_page_parses():
    articles, boilerplate = parse(SMALL)
    assert list(articles["section"]) == ["lead", "linked", "linked", "related", "related", "update", "update"]
    assert articles.loc[1, "published"] == "2015-09-03"  # "Sept"
    assert articles.loc[5, "published"] == "2017-01-02"  # full month name
    assert articles.loc[6, "published"] == "2016-02-29"  # leap day
    assert articles.loc[0, "outlet"] == "Reuters"
    assert articles.loc[2, "body"].endswith("excerpt….”")
    assert articles.loc[4, "title"] == "“A Quoted Related Headline”"
    assert list(articles["number"].iloc[5:]) == [1, 2]
    assert list(boilerplate["kind"]) == ["page_title", "page_title", "section_header", "comment_form", "comment_form"]


@pytest.mark.parametrize(
    "transform",
    [
        lambda s: ("\ufeff" + s).encode("utf-8"),
        lambda s: s.replace("\n", "\r\n").encode("utf-8"),
        lambda s: ("\ufeff" + s.replace("\n", "\r\n") + "\r\n").encode("utf-8"),
    ],
)
def test_bom_and_windows_line_ends_change_nothing(transform):
    expected, _ = parse(SMALL)
    got, _ = parse_page(page_from_bytes(transform(SMALL), "w.txt"))
    assert got.equals(expected)


def test_longer_page_with_other_outlets():
    extra = "\n\n".join(
        f"Headline number {i} ({o}, {m} {i}, 2013)"
        for i, (o, m) in enumerate([("lemonde", "Oct"), ("aljazeera", "Nov"), ("dw", "Dec"), ("tass", "Apr")], start=1)
    )
    text = SMALL.replace("First linked headline", extra + "\n\nFirst linked headline")
    articles, _ = parse(text)
    assert (articles["section"] == "linked").sum() == 6
    assert set(articles["outlet"]) >= {"lemonde", "aljazeera", "dw", "tass"}


@pytest.mark.parametrize(
    "text, line, fragment",
    [
        ("", None, "empty"),
        ("   \n\n  ", None, "empty"),
        ("Just some text\n\nwithout the format", None, "Would you like to know more?"),
        (SMALL.replace("Sept 3, 2015", "Jul 35, 2017"), 9, "impossible"),
        (SMALL.replace("(lemonde, Feb 29, 2016):", "without outlet:"), 28, "(outlet, Mon D, YYYY)"),
        (SMALL.replace("Feb 29, 2016", "Feb 29, 2017"), 28, "impossible"),
        (SMALL.replace("January 2, 2017", "Janvier 2, 2017"), 22, "English month"),
        (SMALL.replace('    "Only line."', "Stray unindented text"), 30, "indented four spaces"),
    ],
)
def test_bad_pages_raise_one_clear_error(text, line, fragment):
    with pytest.raises(PageError) as info:
        parse(text, "bad.txt")
    err = info.value
    assert err.path == "bad.txt" and err.line == line
    assert fragment in str(err) and "\n" not in str(err)
    assert str(err).startswith(f"bad.txt:{line}:" if line else "bad.txt:")


def test_not_utf8_names_the_line():
    raw = SMALL.encode("utf-8").replace(b"Second linked", b"Second \xff linked")
    with pytest.raises(PageError) as info:
        page_from_bytes(raw, "latin.txt")
    assert info.value.line == 11 and "UTF-8" in str(info.value)


def test_parse_date_months():
    assert parse_date("Sept 30, 2017", "x", 1) == dt.date(2017, 9, 30)
    assert parse_date("Sep 30, 2017", "x", 1) == dt.date(2017, 9, 30)
    assert parse_date("Dec. 1, 1999", "x", 1) == dt.date(1999, 12, 1)
    with pytest.raises(PageError):
        parse_date("Foo 1, 2017", "x", 1)


# ------------------------------------------------------------------ strict headline grammar (issue 13)

SLIPS = [
    ("trailing full stop", "Slipped headline (CNN, May 22, 2014).", "'.' after the closing ')'"),
    ("zero-width space", "Slipped headline (CNN, May 22, 2014)\u200b", "'\\u200b' after the closing ')'"),
    ("missing parenthesis", "Slipped headline (CNN, May 22, 2014", "no ')' after the date"),
    ("missing opening parenthesis", "Slipped headline CNN, May 22, 2014)", "no '(' before the outlet"),
    ("nested parenthesis", "Slipped headline (gulfnews (UAE), May 22, 2014)", "an outlet without parentheses"),
    ("square brackets", "Slipped headline [CNN, May 22, 2014]", "square, curly or full-width brackets"),
    ("full-width brackets", "Slipped headline （CNN, May 22, 2014）", "square, curly or full-width brackets"),
    ("date without outlet", "Slipped headline (May 22, 2014)", "an outlet without parentheses"),
    ("year without day", "Slipped headline (CNN, 2014)", "an outlet without parentheses"),
    ("nine full stops", "Slipped headline (CNN, May 22, 2014).........", "'.........' after the closing ')'"),
    ("nine zero-width spaces", "Slipped headline (CNN, May 22, 2014)" + "\u200b" * 9, "after the closing ')'"),
    ("a letter glued to it", "Slipped headline (CNN, May 22, 2014)x", "'x' after the closing ')'"),
    ("blank outlet", "Slipped headline ( , May 22, 2014)", "an outlet without parentheses"),
    ("ISO date", "Slipped headline (CNN, 2014-05-22)", "an outlet without parentheses"),
    ("two-digit year", "Slipped headline (CNN, May 22, 14)", "an outlet without parentheses"),
    ("time after the date", "Slipped headline (CNN, May 22, 2014, 10:00)", "an outlet without parentheses"),
]


@pytest.mark.parametrize("what, line, fragment", SLIPS, ids=[s[0] for s in SLIPS])
@pytest.mark.parametrize("where", ["among related headlines", "after an excerpt"])
def test_a_slipped_dated_headline_is_an_error_naming_the_line(what, line, fragment, where):
    anchor = "A Bare Related Headline" if where == "among related headlines" else "A second paragraph of the excerpt….”"
    text = SMALL.replace(anchor, anchor + "\n\n" + line) if where == "after an excerpt" else SMALL.replace(anchor, line)
    number = text.split("\n").index(line) + 1
    with pytest.raises(PageError) as info:
        parse_page(page_from_bytes(text.encode("utf-8"), "slip.txt"))
    message = str(info.value)
    assert message.startswith(f"slip.txt:{number}: headline ends in a malformed '(outlet, Mon D, YYYY)'")
    assert fragment in message and "expected 'Title (outlet, Mon D, YYYY)'" in message and "\n" not in message


@pytest.mark.parametrize(
    "line",
    [
        "A Bare Related Headline (With A Note)",
        "Headline mentioning May 22, 2014 in its words",
        "Two groups (CNN, May 22, 2014) (AP, May 23, 2014)",
    ],
)
def test_lines_that_only_resemble_a_dated_headline_pass(line):
    articles, _ = parse(SMALL.replace("A Bare Related Headline", line))
    assert any(line.startswith(t) for t in articles["title"] if t)


@pytest.mark.parametrize("date, ok", [("Dec 31, 1989", False), ("Jan 1, 1990", True), ("Jan 1, 2999", False)])
def test_publication_years_must_be_plausible(date, ok):
    if ok:
        assert parse_date(date, "x", 3).year == 1990
    else:
        with pytest.raises(PageError, match="x:3: date .* is outside 1990 to today"):
            parse_date(date, "x", 3)


def test_tomorrow_is_not_a_publication_date():
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(PageError, match="outside"):
        parse_date(tomorrow.strftime("%b %d, %Y").replace(" 0", " "), "x", 1)


# ------------------------------------------------------------------ long lines of the worst shapes, small


def test_update_header_followed_by_spaces_is_refused():
    text = SMALL.replace("  1. An update headline (bbc, January 2, 2017):", "  1. Header without outlet" + " " * 2000)
    with pytest.raises(PageError, match="spaces.txt:22: update header without"):
        parse_page(page_from_bytes(text.encode("utf-8"), "spaces.txt"))


@pytest.mark.parametrize("number", ["9223372036854775808", "99999999999999999991", "١٢٣٤٥٦٧٨٩٠"])
def test_an_update_number_past_nine_digits_is_refused(number):
    # 2**63 and more raised in pandas' integer column (found by fuzzing on 2 December); Arabic-Indic digits too
    text = SMALL.replace("  1. An update headline", f"  {number}. An update headline")
    with pytest.raises(PageError, match=f"big.txt:22: update number of {len(number)} digits; expected at most 9"):
        parse_page(page_from_bytes(text.encode("utf-8"), "big.txt"))
    assert (
        parse(SMALL.replace("  1. An update headline", "  999999999. An update headline"))[0]["number"].max()
        == 999999999
    )


@pytest.mark.parametrize("slip", ["((bbc", "( (bbc"])
def test_an_update_header_with_a_doubled_parenthesis_is_refused(slip):
    # read as the title 'An update headline (' before (found by fuzzing on 2 December)
    text = SMALL.replace("  1. An update headline (bbc", f"  1. An update headline {slip}")
    with pytest.raises(PageError, match="doubled.txt:22: update header without"):
        parse_page(page_from_bytes(text.encode("utf-8"), "doubled.txt"))


def test_update_header_title_keeps_no_trailing_spaces():
    spaced = SMALL.replace("  1. An update headline (bbc", "  1. An update headline    (bbc")
    articles, _ = parse(spaced)
    assert articles.loc[articles["section"] == "update", "title"].iloc[0] == "An update headline"


def test_related_line_of_many_commas_is_a_related_headline():
    line = "x (" + "a, " * 3000
    articles, _ = parse(SMALL.replace("“A Quoted Related Headline”", line))
    assert line.strip() in set(articles["title"])


def test_bodies_added_afterwards_are_the_bodies_parsed_with_the_items(page, articles):
    """The extraction parses without bodies and adds them where it writes them: the same frame, n_words included."""
    lean, _ = parse_page(page, bodies=False)
    assert "body" not in lean.columns
    pd.testing.assert_frame_equal(with_bodies(page, lean), articles)
    assert (articles["n_words"] == articles["body"].str.split().str.len()).all()
