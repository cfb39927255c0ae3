"""The events atlas: the page's hand-coded events (``events`` table, ACLED vocabulary) on a map and a timeline.

Why: most of the page's events cluster in a few weeks of 2017, a few lie decades back, and some happened
far from Libya (N'Djamena, Paris, The Hague, Washington). This module turns the ``events`` table into the
tables and drawings of one chapter, without adding anything the coding does not hold:

* windows and places: ``events_in_window``, ``events_by_place`` (one row per place, with the events and
  the fatalities the sources state), ``map_extent`` / ``split_by_extent`` (which events a map of Libya and
  the central Mediterranean can show; the rest are listed by ``far_events``);
* fatalities: ``fatalities_table`` (one row per event with a stated toll, traced to the claim that states
  it and with the source's own hedges), ``events_without_fatalities``, ``uncounted_figures`` (death figures
  on the page that are *not* the toll of one coded event: totals, videos, deaths at sea) and
  ``fatality_summary``. Totals add the ``fatalities`` of distinct events only: the events table has one row
  per event (a coding rule of ``data/reference/events.csv``), so nothing is counted twice;
* precision and double counting: ``precision_summary`` (events by date precision x geo precision),
  ``other_reports`` (other outlets the coding note names as reporting the same event);
* the timeline: ``timeline_panels`` splits the dates into panels separated by long empty gaps (a broken
  axis) and ``timeline_rows`` gives one row per event; ``figures.events_atlas`` draws the map and the timeline.

Dates are ISO text; an event's ``event_date`` is the first day of the window its ``date_precision`` names
(day, week, month, year: see ``dates``). Pure functions of the tables; nothing here draws.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from libyabook.analysis.window import in_window
from libyabook.extract.dates import window_end
from libyabook.extract.events import EVENT_TYPES
from libyabook.reference import basemap_bbox

#: Event types in ACLED's codebook order: the one tuple of extract.events.
EVENT_TYPE_ORDER = EVENT_TYPES
#: Event types that are political violence in ACLED's sense (a toll is expected; empty means unknown).
VIOLENT_TYPES = ("Battles", "Violence against civilians", "Explosions/Remote violence")
DATE_PRECISIONS = ("day", "week", "month", "year", "on_or_before")
GEO_PRECISIONS = {1: "the place itself (1)", 2: "near it or part of it (2)", 3: "region, sea or country (3)"}
#: Map of Libya and the central Mediterranean up to Rome (lon_min, lon_max, lat_min, lat_max); the base map covers it.
ATLAS_EXTENT = (8.5, 27.0, 18.5, 43.5)
#: Libya's coast and the sea off it, where most events are: the map's zoom.
COAST_EXTENT = (10.5, 24.5, 29.8, 35.3)

PLACE_COLUMNS = [
    "place",
    "name",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "events",
    "event_types",
    "fatalities",
    "first_date",
    "last_date",
]
FATALITY_COLUMNS = [
    "event_id",
    "event_date",
    "date_precision",
    "event_type",
    "sub_event_type",
    "place",
    "fatalities",
    "source_outlet",
    "source_published",
    "source_item",
    "figure",
    "qualifier",
    "counted_by",
    "hedge",
    "caveat",
    "sentence",
    "evidence",
]
UNCOUNTED_COLUMNS = [
    "claim_id",
    "item_id",
    "outlet",
    "published",
    "value",
    "qualifier",
    "unit",
    "span",
    "measure",
    "scope",
    "hedge",
    "why_not_a_toll",
    "sentence",
]
REPORT_COLUMNS = ["event_id", "event_date", "sub_event_type", "place", "source_outlet", "other_outlets", "coded_once"]
PANEL_COLUMNS = ["panel", "start", "end", "events", "label"]
ROW_COLUMNS = ["event_id", "label", "start", "end", "date_precision", "event_type", "fatalities", "panel"]
FAR_COLUMNS = [
    "event_id",
    "event_date",
    "date_precision",
    "place",
    "country",
    "event_type",
    "sub_event_type",
    "actor1",
    "source_outlet",
]

# Words of a coding note saying that several reports were merged into one row.
_CODED_ONCE = re.compile(r"\bone event\b|\bsame event\b|\bcoded once\b|\bnot coded again\b", re.IGNORECASE)
# What a counted_by frame (ledger.FRAME_WORDS) says about who counted.
_FRAME_CAVEAT = {
    "party statement": "a party's statement (a commander or spokesman said)",
    "video": "what a video shows",
    "ICC": "the court's charges",
    "witnesses": "witnesses' account",
    "tweet": "a tweet",
    "own claim": "the group's claim about itself",
    "agency": "an agency's tally",
}


def _places(places: pd.DataFrame | None) -> pd.DataFrame:
    """The gazetteer (data/reference/places.csv unless given), as text, indexed by place_id."""
    if places is None:
        from libyabook.reference import load_reference

        places = load_reference("places")
    return places.fillna("").astype(str).set_index("place_id")


def _place_name(place_id: str, gaz: pd.DataFrame) -> str:
    """A place's display name from the gazetteer, or its id when the gazetteer lacks it."""
    return str(gaz.at[place_id, "name"]) if place_id in gaz.index and gaz.at[place_id, "name"] else place_id


def _short_name(place_id: str, gaz: pd.DataFrame) -> str:
    """A place's name without a trailing parenthesis ('Waters off western Libya'), for chart labels."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", _place_name(place_id, gaz))


def _stated(events: pd.DataFrame) -> pd.Series:
    """The fatalities column as nullable integers (empty = the source states none)."""
    return pd.to_numeric(events["fatalities"], errors="coerce").astype("Int64")


def events_in_window(events: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Events whose date (the first day of their precision window) lies in [start, end], in table order."""
    return in_window(events, "event_date", start, end)


def events_by_place(events: pd.DataFrame, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per place: coordinates, events, their ACLED types and the fatalities the sources state (PLACE_COLUMNS).

    Why: the map merges the events of one place into one marker; this is its text equivalent.
    ``fatalities`` sums the stated tolls of the place's events (one row per event, so no double counting;
    <NA> when none is stated); ``geo_precision`` lists the distinct precisions of its events ('1', '2, 3').
    Sorted by events (descending), then name.
    """
    gaz = _places(places)
    rows = []
    for place, sub in events.groupby("location", sort=True):
        types = [t for t in EVENT_TYPE_ORDER if t in set(sub["event_type"])]
        types += sorted(set(sub["event_type"]) - set(types))
        fat = _stated(sub)
        rows.append(
            {
                "place": place,
                "name": _place_name(place, gaz),
                "country": str(gaz.at[place, "country"]) if place in gaz.index else "",
                "latitude": float(sub["latitude"].iloc[0]),
                "longitude": float(sub["longitude"].iloc[0]),
                "geo_precision": ", ".join(
                    str(int(g)) for g in sorted(set(pd.to_numeric(sub["geo_precision"]).dropna()))
                ),
                "events": len(sub),
                "event_types": "; ".join(types),
                "fatalities": int(fat.sum()) if fat.notna().any() else pd.NA,
                "first_date": str(sub["event_date"].min()),
                "last_date": str(sub["event_date"].max()),
            }
        )
    out = pd.DataFrame(rows, columns=PLACE_COLUMNS)
    out = out.sort_values(["events", "name"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
    return out.astype({"events": "int64", "fatalities": "Int64", "latitude": "float64", "longitude": "float64"})


def map_extent(
    events: pd.DataFrame,
    base: tuple[float, float, float, float] = ATLAS_EXTENT,
    pad: float = 1.5,
    limit: tuple[float, float, float, float] | None = None,
) -> tuple[float, float, float, float]:
    """The map box: ``base`` widened to hold every event inside ``limit`` (default: the base map's box), plus ``pad``°.

    Why: N'Djamena lies south of a map of Libya; a point the base map cannot draw (Paris, Washington)
    does not stretch the box, it goes to ``far_events``. The result is clamped to ``limit``.
    """
    if limit is None:
        limit = basemap_bbox()
    lx0, lx1, ly0, ly1 = limit
    x0, x1, y0, y1 = base
    inside = split_by_extent(events, limit)[0]
    if len(inside):
        x0 = min(x0, float(inside["longitude"].min()) - pad)
        x1 = max(x1, float(inside["longitude"].max()) + pad)
        y0 = min(y0, float(inside["latitude"].min()) - pad)
        y1 = max(y1, float(inside["latitude"].max()) + pad)
    return (max(x0, lx0), min(x1, lx1), max(y0, ly0), min(y1, ly1))


def split_mask(events: pd.DataFrame, extent: tuple[float, float, float, float]) -> list[bool]:
    """For each event, whether its point lies inside the lon/lat box (in table order)."""
    x0, x1, y0, y1 = extent
    lon = pd.to_numeric(events["longitude"], errors="coerce")
    lat = pd.to_numeric(events["latitude"], errors="coerce")
    return [bool(v) for v in ((lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1)).fillna(False)]


def split_by_extent(
    events: pd.DataFrame, extent: tuple[float, float, float, float]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(events inside the lon/lat box, events outside it or without coordinates), both in table order."""
    inside = pd.Series(split_mask(events, extent), index=events.index, dtype=bool).to_numpy()
    return events[inside].reset_index(drop=True), events[~inside].reset_index(drop=True)


def far_events(
    events: pd.DataFrame, extent: tuple[float, float, float, float], places: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Events a map of ``extent`` cannot show, with their place's name and country (FAR_COLUMNS), by date."""
    gaz = _places(places)
    far = split_by_extent(events, extent)[1]
    out = pd.DataFrame(
        {
            "event_id": far["event_id"],
            "event_date": far["event_date"],
            "date_precision": far["date_precision"],
            "place": [_place_name(p, gaz) for p in far["location"]],
            "country": [str(gaz.at[p, "country"]) if p in gaz.index else "" for p in far["location"]],
            "event_type": far["event_type"],
            "sub_event_type": far["sub_event_type"],
            "actor1": far["actor1"],
            "source_outlet": far["source_outlet"],
        },
        columns=FAR_COLUMNS,
    )
    return out.reset_index(drop=True)


# ---- fatalities ---------------------------------------------------------------------------------------


def _matching_claim(event: dict, claims_ledger: pd.DataFrame) -> dict | None:
    """The claim of the event's item that states its toll: same value, a death measure, a count of people."""
    from libyabook.analysis.ledger import PEOPLE_UNITS

    if claims_ledger is None or claims_ledger.empty:
        return None
    c = claims_ledger
    value = pd.to_numeric(c["value"], errors="coerce")
    keep = (
        (c["item_id"] == event["source_item"])
        & (value == float(event["fatalities"]))
        & c["measure"].isin(["killed", "died"])
        & c["unit"].isin(PEOPLE_UNITS)
        & (c["restates"].fillna("") == "")
    )
    hits = c[keep.fillna(False).to_numpy(dtype=bool)]
    if hits.empty:
        return None
    hits = hits.assign(_body=(hits["field"] != "body")).sort_values(["_body", "line", "start"], kind="mergesort")
    return hits.iloc[0].to_dict()


def _caveats(ev: dict, claim: dict, hedges: list[str]) -> list[str]:
    """What limits an event's stated toll, in words: approximate, hedged, whose count, a wide date or place."""
    caveat = []
    qualifier, frame = str(claim.get("qualifier") or ""), str(claim.get("frame") or "")
    if qualifier and qualifier != "exact":
        caveat.append(f"approximate ({claim.get('span')})")
    if hedges:
        caveat.append("hedged by the source (" + "; ".join(hedges) + ")")
    if frame:
        caveat.append("rests on " + _FRAME_CAVEAT.get(frame, frame))
    if ev["date_precision"] != "day":
        caveat.append(
            "dated only as on or before a date"
            if ev["date_precision"] == "on_or_before"
            else f"dated to a {ev['date_precision']}"
        )
    if int(ev["geo_precision"]) == 3:
        caveat.append("place is only a region or country")
    if not claim:
        caveat.append("figure not found among the item's counts of people")
    return caveat


def fatalities_table(
    events: pd.DataFrame, claims_ledger: pd.DataFrame | None = None, places: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per event with a stated toll: the figure, its source, who counted, its hedges (FATALITY_COLUMNS).

    Why: a toll is only as good as its source. ``claims_ledger`` (``ledger.claims_with_sources``) traces
    each toll to the claim stating it in the event's item (``figure``: the words, e.g. 'some 1200 political
    prisoners'; ``qualifier``: exact/about/at least; ``counted_by``: the ledger's frame, e.g. 'video';
    ``sentence``). ``hedge`` joins the hedging words of that sentence and of the event's evidence
    (ledger.hedge_words). ``caveat`` says in words what limits the figure (approximate, hedged, a party's
    own account, a wide date or place window). In event order.
    """
    from libyabook.analysis.ledger import hedge_words

    gaz = _places(places)
    fat = _stated(events)
    rows = []
    for ev, n in zip(events.to_dict("records"), fat):
        if pd.isna(n):
            continue
        ev = {**ev, "fatalities": int(n)}
        claim = _matching_claim(ev, claims_ledger) or {}
        sentence = str(claim.get("sentence") or "")
        hedges = list(
            dict.fromkeys(h for h in (hedge_words(sentence).split("; ") + hedge_words(ev["evidence"]).split("; ")) if h)
        )
        qualifier = str(claim.get("qualifier") or "")
        frame = str(claim.get("frame") or "")
        caveat = _caveats(ev, claim, hedges)
        rows.append(
            {
                "event_id": ev["event_id"],
                "event_date": ev["event_date"],
                "date_precision": ev["date_precision"],
                "event_type": ev["event_type"],
                "sub_event_type": ev["sub_event_type"],
                "place": _place_name(ev["location"], gaz),
                "fatalities": ev["fatalities"],
                "source_outlet": ev["source_outlet"],
                "source_published": ev["source_published"],
                "source_item": ev["source_item"],
                "figure": str(claim.get("span") or ""),
                "qualifier": qualifier,
                "counted_by": frame,
                "hedge": "; ".join(hedges),
                "caveat": "; ".join(caveat) or "none stated",
                "sentence": sentence,
                "evidence": ev["evidence"],
            }
        )
    out = pd.DataFrame(rows, columns=FATALITY_COLUMNS)
    return out.astype({"fatalities": "int64"}).reset_index(drop=True)


def events_without_fatalities(
    events: pd.DataFrame, types: tuple[str, ...] = VIOLENT_TYPES, places: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Events of the given ACLED types (default: the violent ones) whose sources state no toll: unknown, not zero."""
    gaz = _places(places)
    sub = events[events["event_type"].isin(types) & _stated(events).isna().to_numpy(dtype=bool)]
    out = pd.DataFrame(
        {
            "event_id": sub["event_id"],
            "event_date": sub["event_date"],
            "date_precision": sub["date_precision"],
            "event_type": sub["event_type"],
            "sub_event_type": sub["sub_event_type"],
            "place": [_place_name(p, gaz) for p in sub["location"]],
            "source_outlet": sub["source_outlet"],
            "source_published": sub["source_published"],
            "evidence": sub["evidence"],
        }
    )
    return out.reset_index(drop=True)


def uncounted_figures(claims_ledger: pd.DataFrame, fatalities: pd.DataFrame) -> pd.DataFrame:
    """Death figures on the page that are not the toll of one coded event (UNCOUNTED_COLUMNS), in page order.

    Why: totals over several incidents (the ICC's), counts of what a video shows, deaths at sea and
    headlines without an excerpt are on the page too; adding them to the events' tolls would count the
    same deaths twice or mix kinds of count. Rows: claims of ``claims_ledger`` whose measure is killed or
    died and whose unit counts people, that restate no other claim and whose words are not the ``figure``
    of a row of ``fatalities`` (``fatalities_table``) in the same item. ``why_not_a_toll`` gives the rule.
    """
    from libyabook.analysis.ledger import PEOPLE_UNITS

    if claims_ledger is None or claims_ledger.empty:
        return pd.DataFrame(columns=UNCOUNTED_COLUMNS)
    used = set(zip(fatalities["source_item"], fatalities["figure"])) if len(fatalities) else set()
    c = claims_ledger
    keep = c["measure"].isin(["killed", "died"]) & c["unit"].isin(PEOPLE_UNITS) & (c["restates"].fillna("") == "")
    rows = []
    for r in c[keep.to_numpy(dtype=bool)].to_dict("records"):
        if (r["item_id"], r["span"]) in used:
            continue
        if r["field"] == "title" and r["item_id"] not in set(fatalities.get("source_item", [])):
            why = "a headline with no excerpt or event coded from it"
        elif r["scope"] == "ICC counts":
            why = "a total over several incidents (court's charges)"
        elif r["scope"] == "executed on video":
            why = "what a video shows; may overlap a coded event"
        elif r["measure"] == "died":
            why = "deaths over a period, not one event"
        elif pd.isna(r["value"]):
            why = "a vague quantity"
        else:
            why = "not coded as the toll of one event"
        rows.append({**{k: r.get(k, "") for k in UNCOUNTED_COLUMNS}, "why_not_a_toll": why})
    out = pd.DataFrame(rows, columns=UNCOUNTED_COLUMNS)
    return out.sort_values(["claim_id"], kind="mergesort").reset_index(drop=True)


def fatality_summary(events: pd.DataFrame) -> dict[str, int | str]:
    """Counts for prose: events, events with a stated toll, their sum (distinct events), violent events without one."""
    fat = _stated(events)
    violent = events["event_type"].isin(VIOLENT_TYPES).to_numpy(dtype=bool)
    with_toll = events[fat.notna().to_numpy(dtype=bool)]
    largest = with_toll.loc[_stated(with_toll).astype("float64").idxmax()] if len(with_toll) else None
    return {
        "n_events": int(events["event_id"].nunique()),
        "n_with_fatalities": int(fat.notna().sum()),
        "n_without_fatalities": int(fat.isna().sum()),
        "total_stated": int(fat.groupby(events["event_id"].to_numpy()).first().sum()) if len(events) else 0,
        "n_violent": int(violent.sum()),
        "n_violent_without": int((violent & fat.isna().to_numpy(dtype=bool)).sum()),
        "largest": int(largest["fatalities"]) if largest is not None else 0,
        "largest_event": str(largest["event_id"]) if largest is not None else "",
    }


# ---- precision and double counting -------------------------------------------------------------------


def precision_summary(events: pd.DataFrame) -> pd.DataFrame:
    """Events by date precision (rows: day, week, month, year, total) and geo precision (columns 1, 2, 3, total)."""
    rows = []
    geo = pd.to_numeric(events["geo_precision"], errors="coerce")
    for p in DATE_PRECISIONS + ("all",):
        sel = (events["date_precision"] == p) if p != "all" else pd.Series(True, index=events.index)
        row = {"date precision": p}
        for g, name in GEO_PRECISIONS.items():
            row[name] = int((sel & (geo == g)).sum())
        row["all places"] = int(sel.sum())
        rows.append(row)
    return pd.DataFrame(rows, columns=["date precision", *GEO_PRECISIONS.values(), "all places"])


def precision_counts(events: pd.DataFrame) -> dict[str, int]:
    """The same counts as flat keys for prose: n_day ... n_year, n_geo1 ... n_geo3, n_exact (day and place itself)."""
    geo = pd.to_numeric(events["geo_precision"], errors="coerce")
    out = {f"n_{p}": int((events["date_precision"] == p).sum()) for p in DATE_PRECISIONS}
    out.update({f"n_geo{g}": int((geo == g).sum()) for g in GEO_PRECISIONS})
    out["n_exact"] = int(((events["date_precision"] == "day") & (geo == 1)).sum())
    return out


def other_reports(events: pd.DataFrame, articles: pd.DataFrame, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per event, the other outlets of the page its coding note names, and whether the note says it was coded once.

    Why: an event reported by two items is one row, its toll taken from one source; this shows where that
    happened. An outlet counts when its name, as the page writes it (articles.outlet), occurs as a whole
    word in the note and differs from the event's own source outlet. ``coded_once`` is True when the note
    says so ('one event', 'same event', 'coded once', 'not coded again'). Rows: events with either.
    """
    gaz = _places(places)
    outlets = sorted({str(o) for o in articles["outlet"] if str(o).strip()})
    rows = []
    for ev in events.to_dict("records"):
        note = str(ev.get("notes") or "")
        named = [
            o for o in outlets if o != ev["source_outlet"] and re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", note)
        ]
        once = bool(_CODED_ONCE.search(note))
        if named or once:
            rows.append(
                {
                    "event_id": ev["event_id"],
                    "event_date": ev["event_date"],
                    "sub_event_type": ev["sub_event_type"],
                    "place": _place_name(ev["location"], gaz),
                    "source_outlet": ev["source_outlet"],
                    "other_outlets": "; ".join(named),
                    "coded_once": once,
                }
            )
    return pd.DataFrame(rows, columns=REPORT_COLUMNS).astype({"coded_once": "bool"})


def sub_event_table(events: pd.DataFrame) -> pd.DataFrame:
    """Events and stated fatalities per ACLED event type and sub-event type present, in codebook order."""
    rows = []
    for et in EVENT_TYPE_ORDER:
        sub = events[events["event_type"] == et]
        for st, g in sub.groupby("sub_event_type", sort=True):
            fat = _stated(g)
            rows.append(
                {
                    "event_type": et,
                    "sub_event_type": st,
                    "events": len(g),
                    "with_toll": int(fat.notna().sum()),
                    "fatalities": int(fat.sum()) if fat.notna().any() else 0,
                }
            )
    return pd.DataFrame(rows, columns=["event_type", "sub_event_type", "events", "with_toll", "fatalities"])


# ---- the timeline ------------------------------------------------------------------------------------


def _span_label(start: dt.date, end: dt.date) -> str:
    """'1988–2011', 'Oct 2013–Dec 2014', 'Mar–Aug 2017' or 'Aug 2017' for a panel's first and last day."""
    if start.year != end.year:
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) or end.year - start.year >= 4:
            return f"{start.year}–{end.year}"
        return f"{start:%b %Y}–{end:%b %Y}"
    if start.month != end.month:
        return f"{start:%b}–{end:%b %Y}"
    return f"{start:%b %Y}"


def timeline_panels(events: pd.DataFrame, gap_days: int = 365, min_events: int = 4) -> pd.DataFrame:
    """Split the event dates into panels of a broken time axis (PANEL_COLUMNS), first panel first.

    Rule: events sorted by date form a new cluster where the next event starts more than ``gap_days``
    after the last day of the windows seen so far; then runs of neighbouring clusters with fewer than
    ``min_events`` events each are merged into one panel (sparse background years share a panel, dense
    periods get their own). ``start``/``end`` are the first and last day of the panel's event windows.
    """
    if events.empty:
        return pd.DataFrame(columns=PANEL_COLUMNS)
    spans = sorted(
        (dt.date.fromisoformat(d), window_end(d, p)) for d, p in zip(events["event_date"], events["date_precision"])
    )
    clusters: list[list] = []
    for s, e in spans:
        if clusters and (s - clusters[-1][1]).days <= gap_days:
            clusters[-1][1] = max(clusters[-1][1], e)
            clusters[-1][2] += 1
        else:
            clusters.append([s, e, 1])
    merged: list[list] = []
    for c in clusters:
        if merged and c[2] < min_events and merged[-1][3]:
            merged[-1][1] = max(merged[-1][1], c[1])
            merged[-1][2] += c[2]
        else:
            merged.append([c[0], c[1], c[2], c[2] < min_events])
    rows = [
        {"panel": i, "start": s.isoformat(), "end": e.isoformat(), "events": n, "label": _span_label(s, e)}
        for i, (s, e, n, _) in enumerate(merged)
    ]
    return pd.DataFrame(rows, columns=PANEL_COLUMNS).astype({"panel": "int64", "events": "int64"})


def timeline_rows(
    events: pd.DataFrame, panels: pd.DataFrame | None = None, places: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per event for the timeline (ROW_COLUMNS): a label, the date window, the type, the toll and its panel.

    ``label`` is 'LBY016 Khraibeesh' (id and place name without its parenthesis; the marker gives the
    type); ``end`` the last day of the date's precision window; ``panel`` -1 when no panel holds the date.
    In event order (date, then id).
    """
    gaz = _places(places)
    if panels is None:
        panels = timeline_panels(events)
    rows = []
    for ev, n in zip(events.to_dict("records"), _stated(events)):
        s = dt.date.fromisoformat(ev["event_date"])
        e = window_end(s, ev["date_precision"])
        panel = next(
            (
                int(p["panel"])
                for p in panels.to_dict("records")
                if dt.date.fromisoformat(p["start"]) <= s <= dt.date.fromisoformat(p["end"])
            ),
            -1,
        )
        rows.append(
            {
                "event_id": ev["event_id"],
                "label": f"{ev['event_id']} {_short_name(ev['location'], gaz)}",
                "start": s.isoformat(),
                "end": e.isoformat(),
                "date_precision": ev["date_precision"],
                "event_type": ev["event_type"],
                "fatalities": n,
                "panel": panel,
            }
        )
    out = pd.DataFrame(rows, columns=ROW_COLUMNS)
    out = out.sort_values(["start", "event_id"], kind="mergesort").reset_index(drop=True)
    return out.astype({"fatalities": "Int64", "panel": "int64"})


OVERVIEW_COLUMNS = [
    "event_id",
    "start",
    "end",
    "date_precision",
    "event_type",
    "sub_event_type",
    "place",
    "fatalities",
    "source_outlet",
    "source_published",
]


# ---- the download ------------------------------------------------------------------------------------


# ---- summary -----------------------------------------------------------------------------------------


def summary(
    events: pd.DataFrame, places: pd.DataFrame | None = None, extent: tuple[float, float, float, float] | None = None
) -> dict[str, int | str]:
    """Counts a chapter glues into its prose (zeros and '' for an empty table)."""
    gaz = _places(places)
    countries = [str(gaz.at[p, "country"]) if p in gaz.index else "" for p in events["location"]]
    extent = extent or (map_extent(events) if len(events) else ATLAS_EXTENT)
    out: dict[str, int | str] = {
        "n_events": int(len(events)),
        "n_places": int(events["location"].nunique()),
        "n_types": int(events["event_type"].nunique()),
        "n_sub_types": int(events[["event_type", "sub_event_type"]].drop_duplicates().shape[0]),
        "n_items": int(events["source_item"].nunique()),
        "n_in_libya": int(sum(c == "Libya" for c in countries)),
        "n_at_sea": int(sum(c == "" for c in countries)),
        "n_abroad": int(sum(c not in ("Libya", "") for c in countries)),
        "n_far": int(len(split_by_extent(events, extent)[1])),
        "first_year": str(events["event_date"].min())[:4] if len(events) else "",
        "last_date": str(events["event_date"].max()) if len(events) else "",
    }
    for t in EVENT_TYPE_ORDER:
        out["n_" + re.sub(r"\W+", "_", t.lower()).strip("_")] = int((events["event_type"] == t).sum())
    return out
