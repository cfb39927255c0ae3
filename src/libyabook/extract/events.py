"""Hand-coded events (ACLED vocabulary), checked against a page and enriched with dates and coordinates.

The knowledge lives in ``data/reference/events.csv``: one row per real-world event, coded by a reader
with the item it comes from (outlet and publication date), a verbatim evidence span and the words that
date it. This module turns those rows into the ``events`` table for a given page:

* a row is kept when the page has an item with the row's outlet and publication date; the evidence
  must then occur verbatim on one line of that item (title or excerpt), else ValueError naming the
  event. Rows whose item is not on the page are left out, so another page gets its own subset;
* the date is resolved from ``date_text`` against the item's publication date (``dates.resolve_date``),
  or taken from ``date_override`` for background events the text does not date in words
  (``YYYY`` year, ``YYYY-MM`` month, ``YYYY-Www`` ISO week, ``YYYY-MM-DD`` day); an empty date_text with
  no override means the publication date at day precision. ``anchor_event`` names the event a phrase
  such as "three months later" counts from;
* coordinates and geo precision come from ``data/reference/places.csv`` (``geo_precision`` in the event
  row overrides the place's, e.g. 2 for "near" a town);
* event_type / sub_event_type must be ACLED's (table below); fatalities an integer or empty.

Never double counting is a coding rule of the reference table (one row per event, the toll from one
source); ``code_events`` checks what it can: unique ids, and no event dated after its report.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from libyabook.errors import PageError
from libyabook.extract.corpus import Page, item_lines, items_by_source
from libyabook.extract.dates import ON_OR_BEFORE, resolve_date, window_end, window_start
from libyabook.extract.threads import UNASSIGNED, event_threads, item_threads

EVENT_COLUMNS = [
    "event_id",
    "event_date",
    "date_precision",
    "date_start",
    "date_end",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "place_named",
    "fatalities",
    "source_item",
    "source_outlet",
    "source_published",
    "evidence",
    "line",
    "date_text",
    "thread",
    "notes",
]

# ACLED's event types and their sub-event types (ACLED Codebook, 2019 revision and later).
ACLED_SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
EVENT_TYPES: tuple[str, ...] = tuple(ACLED_SUB_EVENT_TYPES)

REQUIRED_REFERENCE_COLUMNS = [
    "event_id",
    "date_text",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "fatalities",
    "source_outlet",
    "source_published",
    "evidence",
    "notes",
]
OPTIONAL_REFERENCE_COLUMNS = ["date_override", "anchor_event", "geo_precision", "source_item"]
#: Why a happening the page reports is not coded as an event (data/reference/uncoded.csv).
UNCODED_REASONS: dict[str, str] = {
    "part of a coded event": "Another report of a happening already coded (one row per event).",
    "headline only": "Reported only in a headline with no excerpt: the page gives no account of it.",
    "context only": "Named only as the time, cause or basis of another happening (a noun phrase or clause), "
    "not reported as a happening.",
    "biography": "A person's career (an appointment, an exile): background of a person, not an act of the conflict.",
    "no date of its own": "A past happening the page gives no date words for and that is not the item's news.",
}
UNCODED_COLUMNS = ["item_id", "line", "happening", "reason", "evidence", "thread", "note"]

_OVERRIDE = [
    (re.compile(r"(\d{4})"), "year"),
    (re.compile(r"(\d{4})-(\d{2})"), "month"),
    (re.compile(r"(\d{4})-W(\d{2})"), "week"),
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), "day"),
]
_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})?\.\.(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class EventDate:
    """An event's date: the published (event_date, precision) pair and the inclusive window it stands for.

    For day/week/month/year, ``date`` is the window's first day; for ``on_or_before`` it is the last day the
    page allows and ``start`` the first (None when the page gives no lower bound)."""

    date: dt.date
    precision: str
    start: dt.date | None
    end: dt.date

    @classmethod
    def of(cls, date: dt.date, precision: str) -> EventDate:
        """The window of a (first day, precision) pair."""
        return cls(date, precision, window_start(date, precision), window_end(date, precision))


def parse_override(text: str) -> tuple[dt.date, str]:
    """Read a date_override (YYYY, YYYY-MM, YYYY-Www, YYYY-MM-DD) as (window start, precision)."""
    for pattern, precision in _OVERRIDE:
        m = pattern.fullmatch(text.strip())
        if not m:
            continue
        n = [int(g) for g in m.groups()]
        if precision == "year":
            return dt.date(n[0], 1, 1), precision
        if precision == "month":
            return dt.date(n[0], n[1], 1), precision
        if precision == "week":
            return dt.date.fromisocalendar(n[0], n[1], 1), precision
        return dt.date(n[0], n[1], n[2]), precision
    raise ValueError(f"date_override {text!r} is not YYYY, YYYY-MM, YYYY-Www, YYYY-MM-DD or [YYYY-MM-DD]..YYYY-MM-DD")


def override_date(text: str) -> EventDate:
    """A date_override as an EventDate: one of parse_override's forms, or a range ``[first]..last`` (inclusive,
    the first day optional) that the page bounds without dating, at precision ``on_or_before``."""
    m = _RANGE.fullmatch(text.strip())
    if not m:
        return EventDate.of(*parse_override(text))
    start = dt.date.fromisoformat(m.group(1)) if m.group(1) else None
    end = dt.date.fromisoformat(m.group(2))
    if start is not None and start > end:
        raise ValueError(f"date_override {text!r}: the first day is after the last")
    return EventDate(end, ON_OR_BEFORE, start, end)


def check_schema(name: str, table: pd.DataFrame, key: str) -> None:
    """Frictionless validation of a reference table given in place of the committed one (whose package the
    tests and ``make data`` validate): the first problem as one line naming the file, the row and its id."""
    from libyabook.reference import resource_errors

    errors = resource_errors(name, table)
    if errors:
        row, what = errors[0]
        label = f"{key.removesuffix('_id')} {table.iloc[row - 2][key]}: " if row and 2 <= row <= len(table) + 1 else ""
        raise PageError(f"data/reference/{name}.csv", row, label + what)


def validate_reference(reference: pd.DataFrame, places: pd.DataFrame) -> None:
    """What the schemas cannot say: a sub-event type of its event type, a known place, one way of dating, a date
    override that parses, an anchor that is an event; PageError naming the file, the row and the event."""
    known_places, ids = set(places["place_id"]), set(reference["event_id"])
    for row, r in enumerate(reference.to_dict("records"), start=2):
        problem = _row_problem(r, known_places, ids)
        if problem:
            raise PageError("data/reference/events.csv", row, f"event {r['event_id']}: {problem}")


def _row_problem(r: dict, known_places: set[str], ids: set[str]) -> str:
    """The first cross-field or cross-table problem of one reference row, in words ('' when none)."""
    subs = ACLED_SUB_EVENT_TYPES.get(r["event_type"], ())
    if r["sub_event_type"] not in subs:
        kind = r["event_type"]
        return f"sub_event_type {r['sub_event_type']!r}; expected an ACLED sub-event type of {kind!r} {list(subs)}"
    if r["location"] not in known_places:
        return f"location {r['location']!r}; expected a place_id of places.csv"
    if r.get("date_override") and r["date_text"]:
        return "gives date_text and date_override; expected one of them"
    if r.get("date_override"):
        try:
            override_date(r["date_override"])
        except ValueError as exc:
            return str(exc)
    if r.get("anchor_event") and r["anchor_event"] not in ids:
        return f"anchor_event {r['anchor_event']!r}; expected an event_id of the reference"
    return ""


def _find_evidence(page: Page, items: list[dict], evidence: str) -> tuple[dict, int] | None:
    """The first (item, line) among the candidate items whose line contains the evidence verbatim."""
    for item in items:
        for number, text in item_lines(page, item):
            if evidence in text:
                return item, number
    return None


@dataclass(frozen=True)
class _Match:
    """A reference row whose item is on the page: the row, the item and the line of its evidence."""

    row: dict
    item: dict
    line: int


class EvidenceError(PageError):
    """The page no longer matches a reference table: a row's evidence is not where it was coded."""


def match_rows(
    page: Page,
    articles: pd.DataFrame,
    reference: pd.DataFrame,
    kind: str = "event",
    key: str = "event_id",
    source: str = "data/reference/events.csv",
) -> dict[str, _Match]:
    """Reference rows whose item is on the page, with the line of their verbatim evidence (EvidenceError if absent)."""
    by_source = items_by_source(articles)
    matched: dict[str, _Match] = {}
    for r in reference.to_dict("records"):
        candidates = by_source.get((r["source_outlet"].strip().casefold(), r["source_published"]), [])
        if not candidates:
            continue
        found = _find_evidence(page, candidates, r["evidence"])
        if found is None:
            raise EvidenceError(
                page.path,
                int(candidates[0]["line_start"]),
                f"{kind} {r[key]} of {source}: expected a line of item(s) "
                f"{', '.join(c['item_id'] for c in candidates)} ({r['source_outlet']}, "
                f"{r['source_published']}) to contain {r['evidence'][:80]!r}; not found",
            )
        item, line = found
        if r.get("date_text") and not any(r["date_text"] in text for _, text in item_lines(page, item)):
            raise EvidenceError(
                page.path,
                line,
                f"{kind} {r[key]} of {source}: expected item "
                f"{item['item_id']} to contain date_text {r['date_text']!r}; not found",
            )
        matched[r[key]] = _Match(r, item, line)
    return matched


def _resolve_dates(matched: dict[str, _Match]) -> dict[str, EventDate]:
    """Every matched event's date: override, date words (with their anchor event's date) or publication day."""
    resolved: dict[str, EventDate] = {}

    def resolve(eid: str, trail: tuple[str, ...] = ()) -> EventDate:
        if eid in resolved:
            return resolved[eid]
        if eid in trail:
            raise ValueError(f"event {eid}: anchor_event chain loops ({' -> '.join(trail + (eid,))})")
        r = matched[eid].row
        published = dt.date.fromisoformat(matched[eid].item["published"])
        anchor = None
        if r["anchor_event"]:
            if r["anchor_event"] not in matched:
                raise ValueError(f"event {eid}: its anchor_event {r['anchor_event']} is not on this page")
            got = resolve(r["anchor_event"], trail + (eid,))
            anchor = (got.date, got.precision)
        try:
            if r["date_override"]:
                value = override_date(r["date_override"])
            elif r["date_text"]:
                value = EventDate.of(*resolve_date(r["date_text"], published, anchor=anchor))
            else:
                value = EventDate.of(published, "day")
        except ValueError as exc:
            raise ValueError(f"event {eid}: {exc}") from None
        if (value.start or value.end) > published:
            raise ValueError(
                f"event {eid}: resolved date {value.start or value.end} is after its report of {published}"
            )
        resolved[eid] = value
        return value

    for eid in matched:
        resolve(eid)
    return resolved


def place_named(page: Page, item: dict, place: pd.Series) -> bool:
    """True when the place's name or one of its aliases (';'-separated) occurs in the item's text."""
    names = [str(place.get("name", "")), *[a.strip() for a in str(place.get("aliases", "")).split(";")]]
    names = [n for n in names if n]
    return any(n in text for _, text in item_lines(page, item) for n in names)


def _event_row(page: Page, eid: str, m: _Match, date: EventDate, place: pd.Series, thread: str) -> dict:
    """One published events row."""
    r = m.row
    return {
        "event_id": eid,
        "event_date": date.date.isoformat(),
        "date_precision": date.precision,
        "date_start": date.start.isoformat() if date.start else "",
        "date_end": date.end.isoformat(),
        "event_type": r["event_type"],
        "sub_event_type": r["sub_event_type"],
        "actor1": r["actor1"],
        "actor2": r["actor2"],
        "location": r["location"],
        "latitude": float(place["latitude"]),
        "longitude": float(place["longitude"]),
        "geo_precision": int(r["geo_precision"] or place["geo_precision"]),
        "place_named": place_named(page, m.item, place),
        "fatalities": int(r["fatalities"]) if r["fatalities"] else pd.NA,
        "source_item": m.item["item_id"],
        "source_outlet": m.item["outlet"],
        "source_published": m.item["published"],
        "evidence": r["evidence"],
        "line": m.line,
        "date_text": r["date_text"],
        "thread": thread,
        "notes": r["notes"],
    }


def _prepared(reference: pd.DataFrame | None, places: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The reference and places tables as text with every optional column, validated."""
    given = {"events": reference is not None, "places": places is not None}
    if reference is None or places is None:
        from libyabook.reference import load_reference

        reference = load_reference("events") if reference is None else reference
        places = load_reference("places") if places is None else places
    reference = reference.fillna("").astype(str)
    places = places.fillna("").astype(str)
    for col in OPTIONAL_REFERENCE_COLUMNS:
        if col not in reference.columns:
            reference = reference.assign(**{col: ""})
    if given["places"]:
        check_schema("places", places, "place_id")
    if given["events"]:
        check_schema("events", reference, "event_id")
    validate_reference(reference, places)
    return reference, places


def code_events(
    page: Page,
    articles: pd.DataFrame,
    reference: pd.DataFrame | None = None,
    places: pd.DataFrame | None = None,
    threads: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The events table for a page: reference rows whose item is on it, checked, dated and placed (EVENT_COLUMNS)."""
    reference, places = _prepared(reference, places)
    matched = match_rows(page, articles, reference)
    dates = _resolve_dates(matched)
    by_item, by_event = item_threads(articles, threads), event_threads(threads)
    place_rows = places.set_index("place_id")
    rows = [
        _event_row(
            page,
            eid,
            m,
            dates[eid],
            place_rows.loc[m.row["location"]],
            by_event.get(eid, by_item.get(m.item["item_id"], UNASSIGNED)),
        )
        for eid, m in matched.items()
    ]
    events = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    events = events.sort_values(["event_date", "event_id"], kind="mergesort").reset_index(drop=True)
    events["latitude"] = events["latitude"].astype("float64")
    events["longitude"] = events["longitude"].astype("float64")
    events["place_named"] = events["place_named"].astype("bool")
    for col in ("geo_precision", "fatalities", "line"):
        events[col] = events[col].astype("Int64")
    return events


def uncoded_happenings(
    page: Page, articles: pd.DataFrame, reference: pd.DataFrame | None = None, threads: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Happenings the page reports that the coverage rule leaves out, with the reason (UNCODED_COLUMNS)."""
    if reference is None:
        from libyabook.reference import load_reference

        reference = load_reference("uncoded")
    reference = reference.fillna("").astype(str)
    for k, r in enumerate(reference.to_dict("records"), start=2):
        if r["reason"] not in UNCODED_REASONS:
            raise ValueError(f"uncoded.csv, line {k}: reason {r['reason']!r}; expected one of {list(UNCODED_REASONS)}")
    matched = match_rows(
        page,
        articles,
        reference.assign(key=reference.index.astype(str)),
        "uncoded happening",
        "key",
        "data/reference/uncoded.csv",
    )
    by_item = item_threads(articles, threads)
    rows = [
        {
            "item_id": m.item["item_id"],
            "line": m.line,
            "happening": m.row["happening"],
            "reason": m.row["reason"],
            "evidence": m.row["evidence"],
            "thread": by_item.get(m.item["item_id"], UNASSIGNED),
            "note": m.row["note"],
        }
        for m in matched.values()
    ]
    out = pd.DataFrame(rows, columns=UNCODED_COLUMNS).sort_values("line", kind="mergesort").reset_index(drop=True)
    return out.astype({"line": "int64"})
