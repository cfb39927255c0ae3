"""Tests for libyabook.extract.dates: relative and explicit date phrases resolved against a publication date."""

import datetime as dt
import random

import pytest

from libyabook.extract import dates
from libyabook.extract.dates import counts_from_another_date, resolve_date, resolve_phrases
from libyabook.extract.text import DATE_PHRASE
from libyabook.reference import RAW_PAGE

from refcal import weekday_on_or_before

D = dt.date


def test_calendar_facts_the_table_relies_on():
    # Weekdays of the page's publication dates, as a calendar shows them.
    assert D(2014, 5, 22).strftime("%A") == "Thursday"
    assert D(2014, 5, 21).strftime("%A") == "Wednesday"
    assert D(2017, 8, 10).strftime("%A") == "Thursday"
    assert D(2017, 8, 12).strftime("%A") == "Saturday"
    assert D(2017, 8, 14).strftime("%A") == "Monday"
    assert D(2018, 1, 1).strftime("%A") == "Monday"


CASES = [
    # weekday phrases: most recent such weekday on or before publication
    ("On Sunday", D(2014, 5, 22), D(2014, 5, 18), "day"),
    ("said Wednesday", D(2014, 5, 22), D(2014, 5, 21), "day"),
    ("on Tuesday", D(2014, 5, 21), D(2014, 5, 20), "day"),
    ("late Wednesday", D(2017, 8, 3), D(2017, 8, 2), "day"),
    ("on Thursday", D(2017, 8, 10), D(2017, 8, 10), "day"),  # same weekday as publication: that day
    ("on Friday", D(2017, 8, 12), D(2017, 8, 11), "day"),  # Saturday article: the day before
    ("said Saturday", D(2017, 8, 12), D(2017, 8, 12), "day"),
    ("late Sunday", D(2017, 8, 14), D(2017, 8, 13), "day"),
    ("Tuesday's agreement", D(2017, 7, 27), D(2017, 7, 25), "day"),
    ("Tuesday’s agreement", D(2017, 7, 27), D(2017, 7, 25), "day"),
    ("Wednesday", D(2017, 7, 27), D(2017, 7, 26), "day"),
    ("last Thursday", D(2017, 8, 10), D(2017, 8, 3), "day"),  # "last": strictly before
    ("on Friday", D(2018, 1, 1), D(2017, 12, 29), "day"),  # across the year boundary
    # today / yesterday / weeks
    ("today", D(2017, 8, 15), D(2017, 8, 15), "day"),
    ("today’s incident", D(2017, 8, 15), D(2017, 8, 15), "day"),
    ("yesterday", D(2018, 1, 1), D(2017, 12, 31), "day"),
    ("this week", D(2017, 8, 10), D(2017, 8, 7), "week"),
    ("last week", D(2014, 5, 21), D(2014, 5, 12), "week"),
    ("last week", D(2018, 1, 3), D(2017, 12, 25), "week"),
    ("in the past week", D(2017, 8, 15), D(2017, 8, 9), "week"),
    # months
    ("last month", D(2018, 1, 15), D(2017, 12, 1), "month"),
    ("last month", D(2017, 8, 3), D(2017, 7, 1), "month"),
    ("earlier this month", D(2017, 7, 23), D(2017, 7, 1), "month"),
    ("in March", D(2017, 8, 15), D(2017, 3, 1), "month"),
    ("In June", D(2017, 6, 30), D(2017, 6, 1), "month"),
    ("in December", D(2018, 1, 3), D(2017, 12, 1), "month"),  # after the publication month: year before
    ("mid-July", D(2017, 8, 1), D(2017, 7, 1), "month"),
    ("in October 2013", D(2017, 8, 14), D(2013, 10, 1), "month"),
    ("May 1991", D(2011, 4, 22), D(1991, 5, 1), "month"),
    ("In March 1996", D(2011, 4, 22), D(1996, 3, 1), "month"),
    ("in June and July 2017", D(2017, 8, 15), D(2017, 6, 1), "month"),
    ("Sept 2016", D(2017, 8, 15), D(2016, 9, 1), "month"),
    # explicit days
    ("March 26th", D(2011, 4, 22), D(2011, 3, 26), "day"),
    ("on August 7", D(2017, 8, 15), D(2017, 8, 7), "day"),
    ("until July 30", D(2017, 8, 3), D(2017, 7, 30), "day"),
    ("December 30", D(2018, 1, 3), D(2017, 12, 30), "day"),  # not yet this year: last year
    ("Sept 12", D(2017, 10, 1), D(2017, 9, 12), "day"),
    ("Sept. 12", D(2017, 8, 15), D(2016, 9, 12), "day"),
    ("the February 17th uprising", D(2011, 4, 22), D(2011, 2, 17), "day"),
    ("March 26th, 1996", D(2011, 4, 22), D(1996, 3, 26), "day"),
    ("7 August 2017", D(2017, 8, 15), D(2017, 8, 7), "day"),
    # years
    ("in 2011", D(2017, 8, 15), D(2011, 1, 1), "year"),
    ("in 2014", D(2017, 8, 14), D(2014, 1, 1), "year"),
    ("earlier this year", D(2017, 8, 14), D(2017, 1, 1), "year"),
    ("last year", D(2018, 1, 2), D(2017, 1, 1), "year"),
]


@pytest.mark.parametrize("phrase, published, expected, precision", CASES)
def test_resolve_date_table(phrase, published, expected, precision):
    assert resolve_date(phrase, published) == (expected, precision)


@pytest.mark.parametrize("name", ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
def test_weekdays_match_a_calendar_walk_over_a_year_boundary(name):
    start = D(2017, 12, 20)
    for offset in range(20):  # 20 Dec 2017 .. 8 Jan 2018
        published = start + dt.timedelta(days=offset)
        date, precision = resolve_date(f"on {name}", published)
        assert (date, precision) == (weekday_on_or_before(published, name), "day")


@pytest.mark.parametrize(
    "phrase, anchor, expected",
    [
        ("three months later", (D(1996, 3, 1), "month"), (D(1996, 6, 1), "month")),
        ("three months later", D(2017, 11, 20), (D(2018, 2, 1), "month")),  # across a year
        ("a day after", D(2017, 7, 26), (D(2017, 7, 27), "day")),
        ("the same day", D(2017, 8, 11), (D(2017, 8, 11), "day")),
        ("two years later", D(2011, 2, 17), (D(2013, 1, 1), "year")),
        ("two days later", (D(2014, 5, 12), "week"), (D(2014, 5, 14), "week")),  # coarser precision wins
    ],
)
def test_relative_to_an_anchor(phrase, anchor, expected):
    assert resolve_date(phrase, D(2018, 6, 1), anchor=anchor) == expected


@pytest.mark.parametrize(
    "phrase",
    [
        "recently",
        "in the 1990s",
        "next Tuesday",
        "tomorrow",
        "February 30",
        "",
        "armed rebels may have joined",
        "three months later",  # no anchor given
    ],
)
def test_unresolvable_phrases_raise_naming_the_phrase(phrase):
    with pytest.raises(ValueError) as err:
        resolve_date(phrase, D(2017, 8, 15))
    if phrase:
        assert repr(phrase) in str(err.value)


def test_windows_never_start_after_publication_and_months_start_on_the_first():
    published = D(2017, 8, 15)
    for phrase in ["this week", "in the past week", "earlier this month", "in August", "today", "this year"]:
        date, precision = resolve_date(phrase, published)
        assert date <= published, phrase
        if precision == "month":
            assert date.day == 1
        if precision == "year":
            assert (date.month, date.day) == (1, 1)


def test_publication_date_must_be_a_date():
    with pytest.raises(ValueError):
        resolve_date("on Sunday", "2017-08-15")


# --- windows and phrases in reading order (issue 9) ---------------------------------------------------


def test_month_arithmetic_keeps_the_day_or_the_months_last_day():
    from libyabook.extract.dates import resolve_date as rd

    assert rd("one month later", dt.date(2020, 12, 31), anchor=(dt.date(2017, 1, 31), "day")) == (
        dt.date(2017, 2, 1),
        "month",
    )
    assert rd("last month", dt.date(2017, 3, 31)) == (dt.date(2017, 2, 1), "month")
    assert rd("three months later", dt.date(2011, 4, 22), anchor=(dt.date(1996, 11, 30), "day")) == (
        dt.date(1997, 2, 1),
        "month",
    )


def test_resolve_window_is_inclusive_and_a_month_range_ends_with_its_last_month():
    from libyabook.extract.dates import resolve_window

    pub = dt.date(2017, 8, 15)
    assert resolve_window("in June and July 2017", pub) == (dt.date(2017, 6, 1), dt.date(2017, 7, 31), "month")
    assert resolve_window("last week", dt.date(2014, 5, 21)) == (dt.date(2014, 5, 12), dt.date(2014, 5, 18), "week")
    assert resolve_window("In March", pub) == (dt.date(2017, 3, 1), dt.date(2017, 3, 31), "month")
    assert resolve_window("in 2012", pub) == (dt.date(2012, 1, 1), dt.date(2012, 12, 31), "year")


def test_on_or_before_is_its_own_last_day():
    from libyabook.extract.dates import ON_OR_BEFORE, window_end, window_start

    assert (
        window_end("2017-07-23", ON_OR_BEFORE)
        == window_start(dt.date(2017, 7, 23), ON_OR_BEFORE)
        == dt.date(2017, 7, 23)
    )


def test_resolve_phrases_reads_an_item_in_order(page):
    """Line 43 'In March 1996 ... March 26th ... today', line 45 'three months later': the year carries over,
    and 'three months later' counts from March 1996, not from the quoted 'today' of the report."""
    from libyabook.extract.dates import resolve_phrases

    got = resolve_phrases([(43, page.lines[42]), (45, page.lines[44])], dt.date(2011, 4, 22))
    by_text = {p.text: (p.first, p.last, p.precision) for p in got}
    assert by_text["In March 1996"] == (dt.date(1996, 3, 1), dt.date(1996, 3, 31), "month")
    assert by_text["March 26th"] == (dt.date(1996, 3, 26), dt.date(1996, 3, 26), "day")
    assert by_text["three months later"] == (dt.date(1996, 6, 1), dt.date(1996, 6, 30), "month")
    for p in got:
        assert page.lines[p.line - 1][p.start : p.end] == p.text
    assert resolve_phrases([(1, "on Sunday")], None)[0].first is None  # undated item: nothing resolved


def test_counts_from_another_date():
    assert counts_from_another_date("three months later") and counts_from_another_date("the next day")
    assert not counts_from_another_date("later this year") and not counts_from_another_date("earlier this month")


def test_resolve_phrases_says_what_each_resolution_needed():
    lines = [(1, "In March 1996 he fled; on March 26th he spoke. Three months later, on Sunday, it ended.")]
    got = {p.text: (p.first, p.precision, p.basis) for p in resolve_phrases(lines, D(2011, 4, 22))}
    assert got["In March 1996"] == (D(1996, 3, 1), "month", "the text alone")
    assert got["March 26th"] == (D(1996, 3, 26), "day", "year of an earlier phrase")
    assert got["Three months later"] == (D(1996, 6, 1), "month", "an earlier phrase")
    assert got["on Sunday"] == (D(2011, 4, 17), "day", "publication date")
    assert [p.basis for p in resolve_phrases([(1, "on Sunday; a week later")], None)] == ["no publication date"] * 2
    assert resolve_phrases([(1, "two days later")], D(2011, 4, 22))[0].basis == "another event"


@pytest.mark.parametrize(
    "phrase", ["999999999999 months later", "99999999999999999999999 days later", "9" * 40 + " weeks later"]
)
def test_a_count_past_the_calendar_is_a_phrase_that_cannot_be_resolved(phrase):
    # it raised an OverflowError (found by fuzzing on 2 December); a year out of range was a ValueError already
    with pytest.raises(ValueError, match="out of range"):
        resolve_date(phrase, dt.date(2017, 8, 10), anchor=(dt.date(2017, 1, 1), "day"))


@pytest.mark.parametrize(
    "line", ["May 4 2014,416671 week later,", "May 3 2014;2916703 day later the next day.", "May 3;3000000 day later,"]
)
def test_a_window_past_the_calendar_leaves_its_phrase_unresolved(line):
    # the week after 9999-12-26, the day after 9999-12-31: OverflowErrors in window_end and the next-day rule
    phrases = resolve_phrases([(1, line)], dt.date(2019, 10, 7))
    assert phrases[0].first is not None and phrases[-1].first is None


@pytest.mark.parametrize("seed", range(5))
def test_anchored_tries_only_the_rules_that_can_decide_it(seed):
    """``_is_anchored`` stops after the last rule that counts from another date, and says what the first matching
    rule of all says: on random phrases of the rules' words, and on every phrase of the study page."""
    rng = random.Random(seed)
    words = "the same next following previous preceding day days after before later earlier three 3 weeks months"
    words += " year tomorrow coming in march may 2014 21 last this week monday today yesterday , -"
    phrases = [" ".join(rng.choice(words.split()) for _ in range(rng.randint(1, 6))) for _ in range(2000)]
    text = RAW_PAGE.read_text(encoding="utf-8")
    phrases += [m.group().lower() for m in DATE_PHRASE.finditer(text)]
    for phrase in phrases:
        assert dates._is_anchored(phrase) == (dates._rule(phrase)[0] in dates._ANCHORED_KINDS), phrase


def _rule_of_every_rule(text):
    """``_rule`` as it read before the literal gate: every rule tried, in order."""
    for kind, pattern in dates._RULES:
        m = pattern.search(text)
        if m:
            return kind, m
    return "", None


RULE_TEXT = (
    "the same next following previous preceding day days after before later earlier three 3 weeks months year "
    "tomorrow's coming in march may mar. sept 2014 1996 21 26th last this week monday tuesday's today tonight "
    "this morning yesterday , - – and to of during since mid ſame ı İ weeK 2 days"
)
RULE_WORDS = RULE_TEXT.split()


@pytest.mark.parametrize("seed", range(5))
def test_the_rule_gate_finds_the_first_rule_that_matches(seed):
    """``_rule`` tries only the rules whose literal text a phrase holds: the same rule and match as trying every
    rule, on random phrases of the rules' words and on every phrase of the study page."""
    rng = random.Random(seed)
    phrases = [" ".join(rng.choice(RULE_WORDS) for _ in range(rng.randint(1, 6))) for _ in range(2000)]
    phrases += [dates._normalised(m.group()) for m in DATE_PHRASE.finditer(RAW_PAGE.read_text(encoding="utf-8"))]
    for phrase in phrases:
        ours, theirs = dates._rule(phrase), _rule_of_every_rule(phrase)
        assert (ours[0], ours[1] and ours[1].span()) == (theirs[0], theirs[1] and theirs[1].span()), phrase


@pytest.mark.parametrize("seed", range(5))
def test_a_phrase_read_in_order_resolves_as_resolve_window_says(seed):
    """The reading in order resolves each phrase from its text once (``_window_or_none``): the window
    ``resolve_window`` gives, or none where it raises, with and without an anchor."""
    rng = random.Random(seed)
    for _ in range(2000):
        phrase = " ".join(rng.choice(RULE_WORDS + ["June", "July", "2017", "99999999999"]) for _ in range(4))
        published = D(rng.randint(1990, 2020), rng.randint(1, 12), rng.randint(1, 28))
        anchor = rng.choice([None, (D(2014, 1, 31), "day"), (D(9999, 12, 31), "day"), (D(1996, 3, 1), "month")])
        try:
            expected = dates.resolve_window(phrase, published, anchor)
        except ValueError:
            expected = (None, None, "")
        assert dates._window_or_none(phrase, dates._spaced(phrase), published, anchor) == expected, phrase


def test_a_month_window_ends_on_the_months_last_day():
    from dateutil.relativedelta import relativedelta

    for year in (1900, 1996, 2000, 2017, 9999):
        for month in range(1, 13):
            for day in (1, 15, 28):
                start = D(year, month, day)
                assert dates.window_end(start, "month") == start + relativedelta(day=31)
