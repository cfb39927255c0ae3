"""Chapter 2, who is Khalifa Haftar: a portrait from everything the page says of him, and his past as told.

``facts(t, start, end)`` gathers, from the published tables: how each item that names him describes him
(the portrait, over the whole page), the background events the page reports (thread ``background`` when the
events carry threads, inside the chapter's window), and what the title's "Ex-Langley" reading rests on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from libyabook.analysis import labels, window, words
from libyabook.analysis.chapters import in_thread
from libyabook.analysis.chapters.corpus import outlet_name
from libyabook.analysis.chapters.headlines import headline
from libyabook.analysis.tables import Tables
from libyabook.reference import load_reference

START, END = dt.date(1980, 1, 1), dt.date(2016, 12, 31)
HAFTAR = "haftar"
#: Labels of the vocabulary that sit on Haftar's side but describe someone else: "executioner in chief" is
#: what Middle East Eye says Mahmoud al-Warfalli is dubbed (line 227), not a description of Haftar.
NOT_HIM = ("executioner in chief",)
#: Words the portrait leaves to chapter 6, which compares them outlet by outlet: the loaded labels (renegade,
#: outlaw, coup) and the words that qualify his forces rather than him (militia, self-styled, so-called).
LEFT_TO_LABELS = ("renegade", "outlaw", "coup", "militia", "self-styled", "so-called")
#: Reports the 2011 item relays (media entities), the CIA, and the threads the chapter draws on.
CIA_SOURCES = ("cia", "nyt", "washington_post")
THREAD = "background"


@dataclass(frozen=True)
class BackgroundFacts:
    """What chapter 2 shows: the portrait, the items and events of the window, and the CIA question."""

    portrait: pd.DataFrame
    descriptions: pd.DataFrame
    items: pd.DataFrame
    events: pd.DataFrame
    cia_items: pd.DataFrame
    cia_quotes: pd.DataFrame
    glue: dict[str, object]


def descriptions(label_uses: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every description of Haftar himself the vocabulary finds (not his forces, not someone else, not the loaded
    labels chapter 6 compares), in page order; with ``articles``, the item's date and whether the words stand
    in a headline that asks a question (``asked``)."""
    keep = (
        (label_uses["applies_to"] == "haftar_side")
        & (label_uses["kind"] == "descriptor")
        & ~label_uses["label"].isin(NOT_HIM + LEFT_TO_LABELS)
    )
    out = label_uses[keep.to_numpy()].sort_values(["line", "start"], kind="mergesort").reset_index(drop=True)
    if articles is not None:
        questions = set(articles.loc[articles["title"].fillna("").str.rstrip().str.endswith("?"), "item_id"])
        out = out.assign(
            published=out["item_id"].map(dict(zip(articles["item_id"], articles["published"]))),
            asked=(out["field"] == "title") & out["item_id"].isin(questions),
        )
    return out


def portrait(t: Tables) -> pd.DataFrame:
    """One row per item that names Haftar, oldest first: date, outlet, mentions and the words describing him."""
    named = labels.mentions_per_item(t.mentions, t.articles, HAFTAR)
    said = descriptions(t.label_uses).groupby("item_id", sort=False)["span"].agg(lambda s: "; ".join(dict.fromkeys(s)))
    out = named.assign(described_as=[said.get(i, "") for i in named["item_id"]])
    titles = dict(zip(t.articles["item_id"], t.articles["title"].fillna("")))
    out = out.assign(
        title=[titles.get(i, "") for i in out["item_id"]], when=out["published"].fillna("").replace("", "9999-12-31")
    )
    out = out.assign(name=[outlet_name(o) for o in out["outlet"]])
    return out.sort_values(["when", "item_id"], kind="mergesort").drop(columns="when").reset_index(drop=True)


def when(event: pd.Series) -> str:
    """When an event happened, as precisely as the data allows: a day, a month, a year, or the span between
    the first and last day the page allows (``date_start``/``date_end`` when the table has them)."""
    first, last = str(event.get("date_start") or ""), str(event.get("date_end") or "")
    precision = str(event.get("date_precision") or "day")
    if first and last and first != last and precision not in ("week", "month", "year"):
        return f"between {words.date(first)} and {words.date(last)}"
    if not first and last:
        return f"on or before {words.date(last)}"
    return words.date(event["event_date"], precision if precision in ("day", "week", "month", "year") else "day")


def background_events(events: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Events of the background thread (when events carry threads) dated inside the window, with their happening."""
    rows = in_thread(window.in_window(events, "event_date", start, end), THREAD)
    places = dict(zip(load_reference("places")["place_id"], load_reference("places")["name"]))
    return rows.assign(
        happening=[headline(e, s, p) for e, s, p in zip(rows["event_id"], rows["sub_event_type"], rows["location"])],
        place=[places.get(p, p) for p in rows["location"]],
        reported_by=[outlet_name(o) for o in rows["source_outlet"]],
        when=[when(r) for _, r in rows.iterrows()],
    )


def speaker_names(quotes: pd.DataFrame) -> pd.DataFrame:
    """Quotations with the speaker's name: the entity's name for an entity id, else the words as the table has them."""
    names = dict(zip(load_reference("entities")["entity_id"], load_reference("entities")["name"]))
    return quotes.assign(speaker_name=[names.get(s, s) if isinstance(s, str) else "" for s in quotes["speaker"]])


def _glue(t: Tables, items: pd.DataFrame, events: pd.DataFrame, start: dt.date, end: dt.date) -> dict[str, object]:
    """Every number chapter 2's prose states, written as the prose writes it."""
    cia = labels.items_naming(t.mentions, t.articles, "cia")
    named = labels.mentions_per_item(t.mentions, t.articles, HAFTAR)
    return {
        "bg_start": words.date(start),
        "bg_end": words.date(end),
        "bg_n_items_window": words.count(len(items), "item"),
        "bg_n_events": words.count(len(events), "event"),
        "bg_n_items_naming": words.count(len(named), "item"),
        "bg_n_outlets_naming": words.count(named["outlet"].replace("", pd.NA).dropna().nunique(), "outlet"),
        "bg_n_cia_items": words.count(cia["item_id"].nunique(), "item"),
        "bg_n_cia_mentions": words.count(int(cia["n_mentions"].sum()), "time"),
    }


def facts(t: Tables, start: dt.date = START, end: dt.date = END) -> BackgroundFacts:
    """Everything chapter 2 shows, from the published tables of one page."""
    items = window.items_in_window(t.articles, start, end)
    events = background_events(t.events, start, end)
    cia_items = labels.items_naming(t.mentions, t.articles, list(CIA_SOURCES))
    cia_items = cia_items.assign(name=[outlet_name(o) for o in cia_items["outlet"]])
    cia_quotes = speaker_names(window.rows_of_items(t.quotes, cia_items.drop_duplicates("item_id")))
    return BackgroundFacts(
        portrait=portrait(t),
        descriptions=descriptions(t.label_uses, t.articles),
        items=items,
        events=events,
        cia_items=cia_items,
        cia_quotes=cia_quotes,
        glue=_glue(t, items, events, start, end),
    )
