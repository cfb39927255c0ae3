"""Date windows keep exactly the dated rows inside the inclusive window."""

import datetime as dt

import pandas as pd

from libyabook.analysis.window import in_window, items_in_window, rows_of_items


def test_in_window_inclusive_and_drops_undated():
    df = pd.DataFrame({"d": ["2017-07-31", "2017-08-01", "", "2017-08-15", "2017-08-16"], "x": range(5)})
    got = in_window(df, "d", dt.date(2017, 8, 1), dt.date(2017, 8, 15))
    assert list(got["x"]) == [1, 3]


def test_items_in_window_on_the_page(articles):
    aug = items_in_window(articles, dt.date(2017, 8, 1), dt.date(2017, 8, 31))
    assert list(aug["item_id"]) == [f"update-{n:02d}" for n in range(4, 11)]
    assert items_in_window(articles, dt.date(1900, 1, 1), dt.date(1900, 1, 2)).empty


def test_rows_of_items():
    items = pd.DataFrame({"item_id": ["a", "c"]})
    df = pd.DataFrame({"item_id": ["a", "b", "c", "a"], "v": [1, 2, 3, 4]})
    assert list(rows_of_items(df, items)["v"]) == [1, 3, 4]
