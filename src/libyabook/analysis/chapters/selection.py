"""What a chapter selects beyond its thread's rows: the items of its threads, and outlets by the names readers know."""

from __future__ import annotations

import pandas as pd

from libyabook.analysis.chapters import in_thread
from libyabook.reference import load_reference


def thread_items(t, items: pd.DataFrame, *threads: str) -> pd.DataFrame:
    """Items that carry an event, quotation or claim of the threads (all items when the tables have no thread)."""
    tables = [t.events.rename(columns={"source_item": "item_id"}), t.quotes, t.claims]
    if not any("thread" in df.columns for df in tables):
        return items.reset_index(drop=True)
    ids = set().union(*(in_thread(df, *threads)["item_id"] for df in tables))
    return items[items["item_id"].isin(ids)].reset_index(drop=True)


def short_outlet(name: str) -> str:
    """An outlet's name without its parenthesis, for chart labels ('CNA (Channel NewsAsia)' -> 'CNA')."""
    return str(name).split(" (")[0]


def outlet_names() -> dict[str, str]:
    """outlet slug -> the name readers know ('channelnewsasia' -> 'CNA (Channel NewsAsia)')."""
    outlets = load_reference("outlets")
    return dict(zip(outlets["outlet"], outlets["name"]))


def with_outlet_names(df: pd.DataFrame, outlets: dict[str, str]) -> pd.DataFrame:
    """The frame with ``outlet_name``: the outlet as readers know it (a page's unknown outlets as written)."""
    return df.assign(outlet_name=[outlets.get(o, o) for o in df["outlet"]])
