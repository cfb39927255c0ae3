"""Date windows for chapters that cover a period (papermill parameters start_date / end_date)."""

from __future__ import annotations

import datetime as dt

import pandas as pd


def in_window(df: pd.DataFrame, column: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Rows whose ISO date in `column` lies in [start, end] (inclusive); rows without a date are left out."""
    dates = pd.to_datetime(df[column].where(df[column] != ""), format="%Y-%m-%d", errors="coerce")
    keep = dates.notna() & (dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))
    return df[keep.to_numpy()].reset_index(drop=True)


def items_in_window(articles: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Items published in the window (those the page dates)."""
    return in_window(articles, "published", start, end)


def rows_of_items(df: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """Rows of a table (mentions, quotes, claims) that belong to the given items."""
    return df[df["item_id"].isin(items["item_id"])].reset_index(drop=True)
