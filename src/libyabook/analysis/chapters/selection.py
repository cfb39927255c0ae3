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


def dated_by_report(said: pd.DataFrame) -> pd.DataFrame:
    """Quotations whose only date is their report's get precision 'on_or_before': the words may be older."""
    if not {"date_basis", "precision"} <= set(said.columns):
        return said
    return said.assign(
        precision=["on_or_before" if b == "published" else p for b, p in zip(said["date_basis"], said["precision"])]
    )


#: How the tables name a quotation's kind (the quotes table's keys: statement, term).
KIND_WORDS = {"statement": "statement", "term": "quoted term"}


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
