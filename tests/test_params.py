"""The chapters' parameter checks (libyabook.params): each bad value is refused with an error naming it.

tests/test_papermill.py proves with two papermill runs that the chapters call these checks first.
"""

from __future__ import annotations

import datetime as dt

import pytest

from libyabook.params import ParameterError, check_date, check_path, check_window
from libyabook.reference import RAW_PAGE, REPO


def test_a_date_as_text_is_read():
    assert check_window("2014-05-01", "2014-05-31") == (dt.date(2014, 5, 1), dt.date(2014, 5, 31))
    assert check_date("end_date", dt.date(2017, 8, 1)) == dt.date(2017, 8, 1)


def test_bad_start_date_names_the_parameter():
    with pytest.raises(ParameterError) as info:
        check_window("not-a-date", "2014-05-31")
    assert str(info.value) == "start_date='not-a-date': expected a date as text 'YYYY-MM-DD'"


def test_an_integer_date_is_refused_by_name():
    # what `papermill -p start_date 20170801` passes: an int, not a date
    with pytest.raises(ParameterError, match=r"^start_date=20170801: expected a date as text 'YYYY-MM-DD' \(got int"):
        check_window(20170801, "2017-08-15")


def test_bad_end_date_names_end_date():
    with pytest.raises(ParameterError, match=r"^end_date='2017-02-30': expected a date"):
        check_window("2017-02-01", "2017-02-30")


def test_end_before_start_names_end_date():
    with pytest.raises(ParameterError) as info:
        check_window("2014-05-01", "2014-01-01")
    assert str(info.value) == "end_date='2014-01-01': expected a date on or after start_date='2014-05-01'"


def test_a_one_day_window_is_allowed():
    assert check_window("1900-01-01", "1900-01-01") == (dt.date(1900, 1, 1), dt.date(1900, 1, 1))


def test_missing_page_names_corpus_path():
    with pytest.raises(ParameterError, match=r"^corpus_path='no/such/page.txt': no such file"):
        check_path("no/such/page.txt")


@pytest.mark.parametrize("value", [None, 3, "", "  "])
def test_a_corpus_path_that_is_not_text_is_refused(value):
    with pytest.raises(ParameterError, match=r"^corpus_path=.*: expected the path of a page file"):
        check_path(value)


def test_a_relative_page_is_resolved_from_the_repository(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert check_path("data/raw/libya-entanglement.txt") == RAW_PAGE
    assert check_path(RAW_PAGE.relative_to(REPO)) == RAW_PAGE
