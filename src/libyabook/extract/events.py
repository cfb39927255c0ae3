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

import pandas as pd

from libyabook.errors import PageError
from libyabook.extract.corpus import Page, item_lines
from libyabook.extract.dates import PRECISIONS, resolve_date

EVENT_COLUMNS = [
    "event_id", "event_date", "date_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "location", "latitude", "longitude", "geo_precision", "fatalities", "source_item", "source_outlet",
    "source_published", "evidence", "line", "date_text", "notes",
]

# ACLED's event types and their sub-event types (ACLED Codebook, 2019 revision and later).
ACLED_SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other",
    ),
}
EVENT_TYPES: tuple[str, ...] = tuple(ACLED_SUB_EVENT_TYPES)

REQUIRED_REFERENCE_COLUMNS = [
    "event_id", "date_text", "event_type", "sub_event_type", "actor1", "actor2", "location", "fatalities",
    "source_outlet", "source_published", "evidence", "notes",
]
OPTIONAL_REFERENCE_COLUMNS = ["date_override", "anchor_event", "geo_precision", "source_item"]
REQUIRED_PLACE_COLUMNS = ["place_id", "latitude", "longitude", "geo_precision"]

_OVERRIDE = [
    (re.compile(r"(\d{4})"), "year"),
    (re.compile(r"(\d{4})-(\d{2})"), "month"),
    (re.compile(r"(\d{4})-W(\d{2})"), "week"),
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), "day"),
]


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
    raise ValueError(f"date_override {text!r} is not YYYY, YYYY-MM, YYYY-Www or YYYY-MM-DD")


def validate_reference(reference: pd.DataFrame, places: pd.DataFrame) -> None:
    """Check the whole reference table (columns, ids, ACLED types, places, numbers); ValueError naming the row."""
    missing = [c for c in REQUIRED_REFERENCE_COLUMNS if c not in reference.columns]
    if missing:
        raise ValueError(f"events reference lacks column(s) {missing}")
    missing = [c for c in REQUIRED_PLACE_COLUMNS if c not in places.columns]
    if missing:
        raise ValueError(f"places table lacks column(s) {missing}")
    dupes = sorted(set(places["place_id"][places["place_id"].duplicated()]))
    if dupes:
        raise ValueError(f"places table repeats place_id(s) {dupes}")
    dupes = sorted(set(reference["event_id"][reference["event_id"].duplicated()]))
    if dupes:
        raise ValueError(f"events reference repeats event_id(s) {dupes}")
    known_places = set(places["place_id"])
    ids = set(reference["event_id"])
    for r in reference.to_dict("records"):
        eid = r["event_id"]
        if not str(eid).strip():
            raise ValueError("events reference has a row with an empty event_id")
        if r["event_type"] not in ACLED_SUB_EVENT_TYPES:
            raise ValueError(f"event {eid}: event_type {r['event_type']!r} is not an ACLED event type {list(EVENT_TYPES)}")
        if r["sub_event_type"] not in ACLED_SUB_EVENT_TYPES[r["event_type"]]:
            raise ValueError(f"event {eid}: sub_event_type {r['sub_event_type']!r} is not an ACLED sub-event type of "
                             f"{r['event_type']!r} {list(ACLED_SUB_EVENT_TYPES[r['event_type']])}")
        if r["location"] not in known_places:
            raise ValueError(f"event {eid}: unknown place_id {r['location']!r} (not in places.csv)")
        if r["fatalities"] and not re.fullmatch(r"\d+", r["fatalities"]):
            raise ValueError(f"event {eid}: fatalities {r['fatalities']!r} is not a whole number or empty")
        if r.get("geo_precision") and r["geo_precision"] not in ("1", "2", "3"):
            raise ValueError(f"event {eid}: geo_precision {r['geo_precision']!r} is not 1, 2 or 3")
        if not r["evidence"]:
            raise ValueError(f"event {eid}: empty evidence; expected a verbatim span of the source item")
        if r.get("date_override") and r["date_text"]:
            raise ValueError(f"event {eid}: give date_text or date_override, not both")
        if r.get("date_override"):
            try:
                parse_override(r["date_override"])
            except ValueError as exc:
                raise ValueError(f"event {eid}: {exc}") from None
        if r.get("anchor_event") and r["anchor_event"] not in ids:
            raise ValueError(f"event {eid}: anchor_event {r['anchor_event']!r} is not an event_id of the reference")
    for pid, lat, lon, gp in places[["place_id", "latitude", "longitude", "geo_precision"]].itertuples(index=False):
        try:
            ok = -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180 and str(gp) in ("1", "2", "3")
        except ValueError:
            ok = False
        if not ok:
            raise ValueError(f"place {pid}: latitude/longitude/geo_precision {lat!r}, {lon!r}, {gp!r} are not valid")


def _find_evidence(page: Page, items: list[dict], evidence: str) -> tuple[dict, int] | None:
    """The first (item, line) among the candidate items whose line contains the evidence verbatim."""
    for item in items:
        for number, text in item_lines(page, item):
            if evidence in text:
                return item, number
    return None


class EvidenceError(PageError):
    """The page no longer matches the reference events table: an event's evidence is not where it was coded."""


def code_events(
    page: Page,
    articles: pd.DataFrame,
    reference: pd.DataFrame | None = None,
    places: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The events table for a page: reference rows whose item is on it, checked, dated and placed (EVENT_COLUMNS)."""
    if reference is None or places is None:
        from libyabook.reference import load_reference
        reference = load_reference("events") if reference is None else reference
        places = load_reference("places") if places is None else places
    reference = reference.fillna("").astype(str)
    places = places.fillna("").astype(str)
    for col in OPTIONAL_REFERENCE_COLUMNS:
        if col not in reference.columns:
            reference = reference.assign(**{col: ""})
    validate_reference(reference, places)

    by_source: dict[tuple[str, str], list[dict]] = {}
    for item in articles.to_dict("records"):
        if str(item["published"]):
            by_source.setdefault((str(item["outlet"]).strip().casefold(), str(item["published"])), []).append(item)
    matched: dict[str, dict] = {}
    for r in reference.to_dict("records"):
        candidates = by_source.get((r["source_outlet"].strip().casefold(), r["source_published"]), [])
        if not candidates:
            continue
        found = _find_evidence(page, candidates, r["evidence"])
        if found is None:
            raise EvidenceError(page.path, int(candidates[0]["line_start"]),
                                f"event {r['event_id']} of data/reference/events.csv: expected a line of item(s) "
                                f"{', '.join(c['item_id'] for c in candidates)} ({r['source_outlet']}, "
                                f"{r['source_published']}) to contain {r['evidence'][:80]!r}; not found")
        item, line = found
        if r["date_text"] and not any(r["date_text"] in text for _, text in item_lines(page, item)):
            raise EvidenceError(page.path, line, f"event {r['event_id']} of data/reference/events.csv: expected item "
                                                 f"{item['item_id']} to contain date_text {r['date_text']!r}; not found")
        matched[r["event_id"]] = {**r, "_item": item, "_line": line}

    resolved: dict[str, tuple[dt.date, str]] = {}

    def resolve(eid: str, trail: tuple[str, ...] = ()) -> tuple[dt.date, str]:
        """Date and precision of a matched event, resolving its anchor first."""
        if eid in resolved:
            return resolved[eid]
        if eid in trail:
            raise ValueError(f"event {eid}: anchor_event chain loops ({' -> '.join(trail + (eid,))})")
        r = matched[eid]
        published = dt.date.fromisoformat(r["_item"]["published"])
        anchor = None
        if r["anchor_event"]:
            if r["anchor_event"] not in matched:
                raise ValueError(f"event {eid}: its anchor_event {r['anchor_event']} is not on this page")
            anchor = resolve(r["anchor_event"], trail + (eid,))
        try:
            if r["date_override"]:
                value = parse_override(r["date_override"])
            elif r["date_text"]:
                value = resolve_date(r["date_text"], published, anchor=anchor)
            else:
                value = (published, "day")
        except ValueError as exc:
            raise ValueError(f"event {eid}: {exc}") from None
        if value[0] > published:
            raise ValueError(f"event {eid}: resolved date {value[0]} is after its report of {published}")
        resolved[eid] = value
        return value

    place_rows = places.set_index("place_id")
    rows = []
    for eid, r in matched.items():
        date, precision = resolve(eid)
        place = place_rows.loc[r["location"]]
        rows.append({
            "event_id": eid, "event_date": date.isoformat(), "date_precision": precision,
            "event_type": r["event_type"], "sub_event_type": r["sub_event_type"],
            "actor1": r["actor1"], "actor2": r["actor2"], "location": r["location"],
            "latitude": float(place["latitude"]), "longitude": float(place["longitude"]),
            "geo_precision": int(r["geo_precision"] or place["geo_precision"]),
            "fatalities": int(r["fatalities"]) if r["fatalities"] else pd.NA,
            "source_item": r["_item"]["item_id"], "source_outlet": r["_item"]["outlet"],
            "source_published": r["_item"]["published"], "evidence": r["evidence"], "line": r["_line"],
            "date_text": r["date_text"], "notes": r["notes"],
        })
    events = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    events = events.sort_values(["event_date", "event_id"], kind="mergesort").reset_index(drop=True)
    events["latitude"] = events["latitude"].astype("float64")
    events["longitude"] = events["longitude"].astype("float64")
    for col in ("geo_precision", "fatalities", "line"):
        events[col] = events[col].astype("Int64")
    return events


def events_by_type(events: pd.DataFrame) -> pd.DataFrame:
    """Per ACLED event type (all six, in codebook order): events, events with a stated toll, fatalities summed."""
    rows = []
    for event_type in EVENT_TYPES:
        sub = events[events["event_type"] == event_type]
        fat = pd.to_numeric(sub["fatalities"], errors="coerce")
        rows.append({"event_type": event_type, "events": len(sub), "with_fatalities": int(fat.notna().sum()),
                     "fatalities": int(fat.sum(min_count=0))})
    out = pd.DataFrame(rows, columns=["event_type", "events", "with_fatalities", "fatalities"])
    return out.astype({"events": "int64", "with_fatalities": "int64", "fatalities": "int64"})
