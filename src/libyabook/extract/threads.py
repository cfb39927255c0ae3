"""Story threads: which strand of the page's story an item, an event, a quotation or a claim belongs to.

The page follows several stories at once (Haftar's background, the 2014 offensive, the 2017 war in the
east and the ICC warrant, the Paris talks, the sea...). Charts and chapters select by thread, not only by
date. The assignment is a reading of the page, so it lives in ``data/reference/threads.csv``, keyed the
way the events reference is: an item by its outlet and publication date (``event_id`` empty), an event by
its ``event_id`` when it belongs to another thread than its item. Quotations and claims take their item's
thread. Anything the table does not key (another page's items) is ``unassigned``: never a guess.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from libyabook.reference import load_reference

#: The closed set of threads (datapackage enum), with what each holds.
THREADS: dict[str, str] = {
    "background": "Haftar's past before 2014: the exiles' training, the 1996 uprising, the 2011 revolt.",
    "2014 offensive": "May 2014: Haftar's assault in Benghazi, the storming of parliament, his call for a council, "
    "the US response.",
    "2016 politics": "The 2016 headlines: the unity government, Egypt's view of an intervention, British forces.",
    "Benghazi and the ICC": "2017 in the east: the LNA's fighting in Benghazi and Derna, the execution videos and "
    "the ICC warrant for Warfalli.",
    "Paris talks": "The July 2017 Haftar-Sarraj meeting near Paris and what each said of the other.",
    "maritime": "2017 at sea: Italy's naval mission, the LNA's naval order, the search and rescue zone, "
    "the NGOs' rescues, Italy's pressure on them, the coastguard's warnings.",
    "Tripoli militias": "Militias in Tripoli: Zidan's abductions (2013, 2017) and the 2014 seizure of the city.",
    "unassigned": "Not keyed by data/reference/threads.csv (an item of another page, or an item with no outlet "
    "and date, such as the related-post headlines).",
}
UNASSIGNED = "unassigned"
THREAD_COLUMNS = ["source_outlet", "source_published", "event_id", "thread", "note"]


def validate_threads(table: pd.DataFrame, source: str = "threads.csv") -> pd.DataFrame:
    """The threads table with its columns checked: known threads, no key twice; ValueError naming the row."""
    missing = [c for c in THREAD_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"{source}: lacks column(s) {missing}")
    table = table.fillna("").astype(str)
    seen: set[tuple[str, str, str]] = set()
    for k, r in enumerate(table.to_dict("records"), start=2):
        if r["thread"] not in THREADS or r["thread"] == UNASSIGNED:
            raise ValueError(f"{source}, line {k}: thread {r['thread']!r}; expected one of {list(THREADS)[:-1]}")
        key = (r["source_outlet"].casefold(), r["source_published"], r["event_id"])
        if key in seen:
            raise ValueError(f"{source}, line {k}: key {key} given twice")
        seen.add(key)
    return table


@cache
def load_threads() -> pd.DataFrame:
    """data/reference/threads.csv, validated (once per process)."""
    return validate_threads(load_reference("threads"))


def item_threads(articles: pd.DataFrame, threads: pd.DataFrame | None = None) -> dict[str, str]:
    """item_id -> thread, from the rows keyed by outlet and publication date; 'unassigned' for the rest."""
    threads = load_threads() if threads is None else validate_threads(threads)
    keyed: dict[tuple[str, str], str] = {
        (r.source_outlet.casefold(), r.source_published): r.thread for r in threads.itertuples() if not r.event_id
    }

    def text(value) -> str:
        return "" if pd.isna(value) else str(value)

    return {
        i: keyed.get((text(o).casefold(), text(p)), UNASSIGNED)
        for i, o, p in zip(articles["item_id"], articles["outlet"], articles["published"])
    }


def event_threads(threads: pd.DataFrame | None = None) -> dict[str, str]:
    """event_id -> thread for the events the table assigns one by id (they override their item's thread)."""
    threads = load_threads() if threads is None else validate_threads(threads)
    return {r.event_id: r.thread for r in threads.itertuples() if r.event_id}
