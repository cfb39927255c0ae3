"""csvbytes.csv_bytes writes the bytes pandas' to_csv writes, on random tables of every column type it writes
itself and on the kinds it hands to pandas."""

import io
import math
import random

import numpy as np
import pandas as pd
import pytest

from libyabook.extract.csvbytes import csv_bytes

PIECES = ["a", "Haftar", ",", '"', "\n", "\r", " ", "", "’", "“quoted,”", "é", "\x00", "\t", "1,200", "nan", "None"]


def pandas_csv(df: pd.DataFrame, header: bool = True) -> bytes:
    buf = io.BytesIO()
    df.to_csv(buf, index=False, header=header, lineterminator="\n", encoding="utf-8")
    return buf.getvalue()


def random_text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 4)))


def random_float(rng: random.Random) -> float:
    return rng.choice([rng.uniform(-1e6, 1e6), rng.random() * 10 ** rng.randint(-30, 30), 1200.0, -0.0, math.inf])


def random_column(rng: random.Random, n: int) -> pd.Series:
    kind = rng.choice(["str", "int", "Int64", "float", "bool", "mixed", "object-str"])
    missing = rng.random() < 0.5
    if kind == "str":
        return pd.Series([None if missing and rng.random() < 0.2 else random_text(rng) for _ in range(n)], dtype="str")
    if kind == "int":
        return pd.Series([rng.randint(-(10**12), 10**12) for _ in range(n)], dtype="int64")
    if kind == "Int64":
        values = [None if missing and rng.random() < 0.3 else rng.randint(0, 9999) for _ in range(n)]
        return pd.Series(values, dtype="Int64")
    if kind == "float":
        return pd.Series([math.nan if missing and rng.random() < 0.3 else random_float(rng) for _ in range(n)])
    if kind == "bool":
        return pd.Series([rng.random() < 0.5 for _ in range(n)], dtype=bool)
    if kind == "mixed":  # claims.value: ints, floats and NaN in one object column
        values = [rng.choice([rng.randint(0, 10**6), random_float(rng), math.nan, None]) for _ in range(n)]
        return pd.Series(values, dtype=object)
    return pd.Series([random_text(rng) for _ in range(n)], dtype=object)


@pytest.mark.parametrize("seed", range(200))
def test_the_bytes_are_those_pandas_writes(seed):
    rng = random.Random(seed)
    n_rows, n_columns = rng.choice([0, 1, 2, 7, 40]), rng.randint(1, 6)
    names = [random_text(rng) or f"c{k}" for k in range(n_columns)]
    df = pd.DataFrame({f"k{k}": random_column(rng, n_rows) for k in range(n_columns)})
    df.columns = names if len(set(names)) == len(names) else [f"c{k}" for k in range(n_columns)]
    header = rng.random() < 0.8
    rows = rng.choice([1, 3, 10_000])  # rows written at a time
    assert csv_bytes(df, header=header, rows=rows) == pandas_csv(df, header=header)


def test_a_column_of_another_kind_is_written_by_pandas():
    df = pd.DataFrame(
        {
            "day": pd.to_datetime(["2014-05-16", None]),
            "kind": pd.Categorical(["a", "b,c"]),
            "n": np.array([1, 2], dtype="int32"),
        }
    )
    assert csv_bytes(df) == pandas_csv(df)
    one = pd.DataFrame({"only": ["", "x", None]}, dtype="str")  # a lone empty cell is written '""'
    assert csv_bytes(one) == pandas_csv(one) == b'only\n""\nx\n""\n'
