"""Rows from column lists give what pandas gives cell by cell (``extract/rows.py``)."""

import math

import numpy as np
import pandas as pd

from libyabook.extract.rows import columns, records


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "text": ["a", None, "c"],
            "n": [1, 2, 3],
            "x": [0.5, math.nan, 2.0],
            "flag": [True, False, True],
            "maybe": pd.array([1, None, 3], dtype="Int64"),
        }
    )


def same(a, b) -> bool:
    """Equal values, NaN equal to NaN, pd.NA to pd.NA, and of the same type (but a Python int for numpy's, which
    is what ``itertuples`` gives for an Int64 cell and ``tolist`` does not)."""
    if a is pd.NA or b is pd.NA:
        return a is b
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return a == b and (type(a) is type(b) or (type(a) is int and type(b) is np.int64))


def test_columns_are_itertuples_without_the_index():
    df = frame()
    names = list(df.columns)
    ours = list(columns(df, names))
    theirs = [tuple(r) for r in df.itertuples(index=False)]
    assert len(ours) == len(theirs) == 3
    for row, other in zip(ours, theirs):
        assert all(same(a, b) for a, b in zip(row, other)), (row, other)


def test_records_are_to_dict_records():
    df = frame()
    for ours, theirs in zip(records(df), df.to_dict("records")):
        assert ours.keys() == theirs.keys()
        assert all(same(ours[k], theirs[k]) for k in ours), (ours, theirs)
