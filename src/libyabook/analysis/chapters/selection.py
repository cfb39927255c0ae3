"""What a chapter selects from the tables beyond its thread's rows: the items of its threads, short outlet names."""
from __future__ import annotations

import pandas as pd

from libyabook.analysis.chapters import in_thread


def thread_items(t, items: pd.DataFrame, *threads: str) -> pd.DataFrame:
    """Items that carry an event, quotation or claim of the threads (all items when the tables have no thread)."""
    tables = [t.events.rename(columns={"source_item": "item_id"}), t.quotes, t.claims]
    if not any("thread" in df.columns for df in tables):
        return items.reset_index(drop=True)
    ids = set().union(*(in_thread(df, *threads)["item_id"] for df in tables))
    return items[items["item_id"].isin(ids)].reset_index(drop=True)


def short_outlet(name: str) -> str:
    """An outlet's name without its parenthesis, for chart labels ('The New Arab (Al-Araby Al-Jadeed)' -> 'The New Arab')."""
    return str(name).split(" (")[0]
