"""How the prose writes numbers, dates and lists."""

from __future__ import annotations

import datetime as dt

import pytest

from libyabook.figures import words


@pytest.mark.parametrize(
    ("n", "text"), [(1, "one"), (9, "nine"), (10, "10"), (1227, "1,227"), (114000.0, "114,000"), (2.5, "2.5"), (0, "0")]
)
def test_number(n, text):
    assert words.number(n) == text


def test_count_agrees_with_its_noun():
    assert words.count(1, "outlet") == "one outlet"
    assert words.count(3, "outlet") == "three outlets"
    assert words.count(0, "quotation") == "no quotations"
    assert words.count(12, "body", "bodies") == "12 bodies"


@pytest.mark.parametrize(
    ("iso", "precision", "text"),
    [
        ("2014-05-22", "day", "22 May 2014"),
        ("2014-05-01", "month", "May 2014"),
        ("2014-01-01", "year", "2014"),
        ("2014-05-12", "week", "the week of 12 May 2014"),
        (dt.date(2017, 8, 1), "day", "1 August 2017"),
        ("", "day", ""),
    ],
)
def test_date(iso, precision, text):
    assert words.date(iso, precision) == text


def test_join():
    assert words.join([]) == ""
    assert words.join(["CNN"]) == "CNN"
    assert words.join(["CNN", "ABC News"]) == "CNN and ABC News"
    assert words.join(["a", "b", "c"], "or") == "a, b or c"
