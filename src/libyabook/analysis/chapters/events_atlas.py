"""Chapter 7, the events atlas: the coded events on one map and one timeline, with their precision and tolls.

``facts(t, start, end)`` returns the frames the chapter shows and the words its prose glues. Stated tolls
are listed event by event and never added: a sum would mix an approximate 1996 figure, counts of what a
video shows and an unnamed commander's count (chapter 8 explains why). The timeline's panels follow
``timeline_panels``: the broken axis of ``atlas.timeline_panels``, and a month that holds a large share of
a panel's events gets a panel of its own, so a dense fortnight is not squeezed into a sliver.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from libyabook.analysis import atlas, ledger, words
from libyabook.analysis.chapters import selection
from libyabook.analysis.tables import Tables
from libyabook.extract.dates import window_end
from libyabook.reference import load_reference

START = dt.date(1980, 1, 1)
END = dt.date(2017, 8, 15)
#: A month holding more than this share of a panel's events gets its own panel.
DENSE_SHARE = 0.4
#: ... and only in a panel of at least this many events (a short panel has room enough).
MIN_SPLIT = 10
#: Places closer than this (degrees) are drawn as one point on the map and named together.
SAME_SPOT = 0.15


@dataclass(frozen=True)
class EventsAtlasFacts:
    """What chapter 7 shows: the window's events, the map's places, the timeline, the tolls, the precisions."""

    events: pd.DataFrame
    places: pd.DataFrame
    map_points: pd.DataFrame
    far: pd.DataFrame
    panels: pd.DataFrame
    timeline: pd.DataFrame
    tolls: pd.DataFrame
    unknown_tolls: pd.DataFrame
    uncounted: pd.DataFrame
    merged: pd.DataFrame
    precision: pd.DataFrame
    sub_events: pd.DataFrame
    uncoded: pd.DataFrame
    glue: dict[str, str] = field(default_factory=dict)


def claims_ledger_of(t: Tables) -> pd.DataFrame:
    """The claims with their sources and scopes (where each stated toll is traced to its words)."""
    return ledger.claims_with_sources(t.claims, t.articles, t.claims_ledger)


def when(row: dict) -> str:
    """An event's date as the prose writes it, to its precision: '18 May 2014', 'the week of 12 May 2014',
    'June 1996', '2011', 'on or before 23 July 2017' or 'between 20 January 1981 and 31 May 1991'."""
    precision, date = row["date_precision"], row["event_date"]
    if precision != "on_or_before":
        return words.date(date, precision)
    start = row.get("date_start") or ""
    return f"between {words.date(start)} and {words.date(date)}" if start else f"on or before {words.date(date)}"


def with_when(df: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """A frame of events (by ``event_id``) with ``when``: the event's date written to its precision."""
    dates = {r["event_id"]: when(r) for r in events.to_dict("records")}
    return df.assign(when=[dates.get(e, "") for e in df["event_id"]])


def _split_dense_month(start: dt.date, end: dt.date, dates: list[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """A panel's span, cut around its densest calendar month when that month holds > DENSE_SHARE of its events."""
    months = pd.Series([(d.year, d.month) for d in dates]).value_counts(sort=False)
    (year, month), n = max(months.items(), key=lambda kv: (kv[1], kv[0]))
    first = dt.date(year, month, 1)
    last = min(end, window_end(first, "month"))
    if len(dates) < MIN_SPLIT or n <= DENSE_SHARE * len(dates) or (first <= start and last >= end):
        return [(start, end)]
    spans = [(start, first - dt.timedelta(days=1))] if first > start else []
    spans.append((max(first, start), last))
    if last < end:
        spans.append((last + dt.timedelta(days=1), end))
    return spans


def _window_starts(events: pd.DataFrame) -> list[tuple[dt.date, dt.date]]:
    """(event date, first day of its window) of the events dated only as on or before a date."""
    if "date_start" not in events:
        return []
    ranged = events[(events["date_precision"] == "on_or_before") & events["date_start"].fillna("").astype(bool)]
    return [
        (dt.date.fromisoformat(d), dt.date.fromisoformat(w)) for d, w in zip(ranged["event_date"], ranged["date_start"])
    ]


def span_words(start: dt.date, end: dt.date) -> str:
    """A panel's span as the prose writes dates: '1981 to 2011', 'October 2013 to December 2014', 'August 2017'."""
    if start.year != end.year:
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) or end.year - start.year >= 4:
            return f"{start.year} to {end.year}"
        return f"{start:%B %Y} to {end:%B %Y}"
    if start.month != end.month:
        return f"{start:%B} to {end:%B %Y}"
    return f"{start:%B %Y}"


def timeline_panels(events: pd.DataFrame) -> pd.DataFrame:
    """The broken axis's panels (atlas.PANEL_COLUMNS), with a dense month cut out into a panel of its own."""
    base = atlas.timeline_panels(events)
    starts = [dt.date.fromisoformat(d) for d in events["event_date"]]
    earliest = _window_starts(events)
    spans = []
    for p in base.itertuples(index=False):
        s, e = dt.date.fromisoformat(p.start), dt.date.fromisoformat(p.end)
        spans += _split_dense_month(s, e, [d for d in starts if s <= d <= e])
    # A panel opens where its earliest "on or before" window opens, so no pale bar is cut at the left edge.
    spans = [(min([s, *(w for d, w in earliest if s <= d <= e)]), e) for s, e in spans]
    rows = []
    for s, e in spans:
        n = sum(s <= d <= e for d in starts)
        if n:
            rows.append(
                {
                    "panel": len(rows),
                    "start": s.isoformat(),
                    "end": e.isoformat(),
                    "events": n,
                    "label": atlas._span_label(s, e),
                }
            )
    return pd.DataFrame(rows, columns=atlas.PANEL_COLUMNS).astype({"panel": "int64", "events": "int64"})


def toll_note(row: dict) -> str:
    """A stated toll as a chart writes it, with how it is known and the source's hedge on it
    ('3 killed on a video, allegedly'; 'some 1,200 killed'; '6 killed, a commander says')."""
    n = f"some {int(row['fatalities']):,}" if row["qualifier"] == "about" else f"{int(row['fatalities']):,}"
    how = {"video": " on a video", "party statement": ", a commander says"}.get(row["counted_by"], "")
    hedge = next((f", {h}" for h in ("allegedly", "apparently", "reportedly") if h in str(row["hedge"])), "")
    return f"{n} killed{how}{hedge}"


def timeline_rows(events: pd.DataFrame, panels: pd.DataFrame, tolls: pd.DataFrame) -> pd.DataFrame:
    """One row per event for the timeline: the happening as its label (two lines at most), its window, type,
    stated toll written out (``toll``), and its panel's label and span."""
    from libyabook.analysis.chapters.headlines import headline, two_lines

    rows = with_when(atlas.timeline_rows(events, panels), events)
    coding = events.set_index("event_id")
    ranged = rows["date_precision"] == "on_or_before"
    rows["start"] = rows["start"].where(~ranged, [str(coding.at[e, "date_start"] or "") for e in rows["event_id"]])
    notes = {r["event_id"]: toll_note(r) for r in tolls.to_dict("records")}
    by_panel = panels.set_index("panel")
    return rows.assign(
        label=[
            two_lines(headline(e, coding.at[e, "sub_event_type"], coding.at[e, "location"])) for e in rows["event_id"]
        ],
        toll=[notes.get(e, "") for e in rows["event_id"]],
        panel_label=[f"{by_panel.at[p, 'label']}: {by_panel.at[p, 'events']} events" for p in rows["panel"]],
        panel_start=[by_panel.at[p, "start"] for p in rows["panel"]],
        panel_end=[by_panel.at[p, "end"] for p in rows["panel"]],
    )


def map_points(events: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """The events with the name their map point carries; places closer than SAME_SPOT share one point and name.

    Why: at the scale of Libya's coast the Abu Salim prison and Tripoli, or Khraibeesh and Benghazi, are a
    millimetre apart; drawn separately, a name would sit by the other place's symbols. The point takes the
    coordinates of the place with most events; its name lists both ('Tripoli, with Abu Salim prison').
    """
    gaz = places.set_index("place_id").astype({"latitude": "float64", "longitude": "float64"})
    counts = events["location"].value_counts()
    order = sorted(counts.index, key=lambda p: (-counts[p], p))
    anchor: dict[str, str] = {}
    for p in order:
        near = [
            a
            for a in dict.fromkeys(anchor.values())
            if abs(gaz.at[a, "latitude"] - gaz.at[p, "latitude"]) < SAME_SPOT
            and abs(gaz.at[a, "longitude"] - gaz.at[p, "longitude"]) < SAME_SPOT
        ]
        anchor[p] = near[0] if near else p
    names = {a: gaz.at[a, "name"].split(" (")[0] for a in set(anchor.values())}
    for p, a in anchor.items():
        if p != a:
            names[a] = f"{names[a]}, with {gaz.at[p, 'name'].split(' (')[0]}"
    point = [anchor[p] for p in events["location"]]
    return events.assign(
        point=point,
        place_name=[names[a] for a in point],
        latitude=[float(gaz.at[a, "latitude"]) for a in point],
        longitude=[float(gaz.at[a, "longitude"]) for a in point],
    ).reset_index(drop=True)


def named_outlets(merged: pd.DataFrame) -> pd.DataFrame:
    """The other outlets that report an event, by the names readers know."""
    names = selection.outlet_names()
    return merged.assign(
        other_outlets=[
            ", ".join(selection.short_outlet(names.get(o.strip(), o.strip())) for o in str(v).split(",") if o.strip())
            for v in merged["other_outlets"]
        ]
    )


def in_sources_words(uncounted: pd.DataFrame) -> pd.DataFrame:
    """The uncounted figures with their scope written as the sources hedge it."""
    return uncounted.assign(scope=[ledger.scope_words(s) for s in uncounted["scope"]])


def precision_table(events: pd.DataFrame) -> pd.DataFrame:
    """Events by date precision and geo precision, the precisions written in words."""
    words_for = {"on_or_before": "on or before a date", "all": "all dates"}
    table = atlas.precision_summary(events)
    return table.assign(**{"date precision": [words_for.get(p, p) for p in table["date precision"]]})


def uncoded(t: Tables) -> pd.DataFrame:
    """The happenings the page reports that the coverage rule leaves out, with the outlet and date of their item."""
    items = t.articles.set_index("item_id")
    return t.uncoded.assign(
        outlet=[items.at[i, "outlet"] if i in items.index else "" for i in t.uncoded["item_id"]],
        published=[items.at[i, "published"] if i in items.index else "" for i in t.uncoded["item_id"]],
    )


def facts(t: Tables, start: dt.date = START, end: dt.date = END) -> EventsAtlasFacts:
    """Everything chapter 7 shows for the events dated in [start, end]."""
    places = load_reference("places")
    ev = atlas.events_in_window(t.events, start, end)
    claims = claims_ledger_of(t)
    panels = timeline_panels(ev)
    tolls = atlas.fatalities_table(ev, claims, places)
    found = EventsAtlasFacts(
        events=with_when(ev, ev),
        places=atlas.events_by_place(ev, places),
        map_points=map_points(ev, places),
        far=with_when(atlas.far_events(ev, atlas.COAST_EXTENT, places), ev),
        panels=panels,
        timeline=timeline_rows(ev, panels, tolls),
        tolls=with_when(tolls, ev),
        unknown_tolls=with_when(atlas.events_without_fatalities(ev, places=places), ev),
        uncounted=in_sources_words(atlas.uncounted_figures(claims, atlas.fatalities_table(t.events, claims, places))),
        merged=named_outlets(with_when(atlas.other_reports(ev, t.articles, places), ev)),
        precision=precision_table(ev),
        sub_events=atlas.sub_event_table(ev),
        uncoded=uncoded(t),
    )
    return EventsAtlasFacts(**{**found.__dict__, "glue": glue(found, start, end)})


def glue(f: EventsAtlasFacts, start: dt.date, end: dt.date) -> dict[str, str]:
    """The chapter's prose numbers, written as the prose writes them (no sum of tolls among them)."""
    ev = f.events
    s = {**atlas.summary(ev, None), **atlas.fatality_summary(ev), **atlas.precision_counts(ev)}
    dense = f.panels.loc[f.panels["events"].idxmax()] if len(f.panels) else None
    counted = {
        "n_events": ("event", s["n_events"]),
        "n_items": ("item", s["n_items"]),
        "n_strategic": ("strategic development", s["n_strategic_developments"]),
        "n_vac": ("event", s["n_violence_against_civilians"]),
        "n_battles": ("battle", s["n_battles"]),
        "n_remote": ("event", s["n_explosions_remote_violence"]),
        "n_in_libya": ("event", s["n_in_libya"]),
        "n_at_sea": ("event", s["n_at_sea"]),
        "n_abroad": ("event", s["n_abroad"]),
        "n_far": ("event", int(len(f.far))),
        "n_with_toll": ("event", s["n_with_fatalities"]),
        "n_violent": ("violent event", s["n_violent"]),
        "n_uncounted": ("figure", int(len(f.uncounted))),
        "n_merged": ("event", int((f.merged["other_outlets"] != "").sum()) if len(f.merged) else 0),
        "n_panels": ("panel", int(len(f.panels))),
        "n_uncoded": ("happening", int(len(f.uncoded))),
        "dense_events": ("event", int(dense["events"]) if dense is not None else 0),
    }
    out = {k: words.count(n, noun) for k, (noun, n) in counted.items()}
    bare = ("n_violent_without", "n_day", "n_week", "n_month", "n_year", "n_geo1", "n_geo2", "n_geo3", "n_exact")
    out.update({k: words.number(s[k]) for k in bare})
    out.update(
        {
            "window_start": words.date(start),
            "window_end": words.date(end),
            "largest": words.number(s["largest"]),
            "panel_labels": words.join(
                [
                    span_words(dt.date.fromisoformat(a), dt.date.fromisoformat(b))
                    for a, b in zip(f.panels["start"], f.panels["end"])
                ]
            )
            if len(f.panels)
            else "none",
        }
    )
    return out
