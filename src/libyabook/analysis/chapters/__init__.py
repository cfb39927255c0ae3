"""The facts each narrative chapter states, computed from the tables in one call per chapter.

One module per chapter (``offensive_2014``, ``benghazi_icc_2017``, ``maritime_2017``) exposes
``facts(t, start, end)`` returning a dataclass of frames (what the charts and tables show) and ``glue``
(the values the prose pastes, already written as prose writes them). ``headlines`` names the happenings
that charts label. A chapter follows one thread of the page's story: ``in_thread`` keeps a table's rows of
that thread, and the rows of pages the thread table does not know (``unassigned``), so a chapter re-run on
another page still shows that page's rows.
"""

from __future__ import annotations

import pandas as pd

UNASSIGNED = "unassigned"


def in_thread(df: pd.DataFrame, *threads: str) -> pd.DataFrame:
    """Rows whose ``thread`` is one of ``threads`` or unassigned; every row when the table has no thread column."""
    if "thread" not in df.columns:
        return df.reset_index(drop=True)
    keep = df["thread"].astype(str).isin({*threads, UNASSIGNED, ""})
    return df[keep.to_numpy()].reset_index(drop=True)
