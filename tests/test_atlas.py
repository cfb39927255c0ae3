"""Tests for libyabook.analysis.atlas: events by window and place, fatalities without double counting, precision, the
broken timeline's panels and the downloadable table; on the real page and on a synthetic page."""

import datetime as dt

import pandas as pd
import pytest

from libyabook.analysis import atlas, ledger, tables
from libyabook.extract.claims import extract_claims
from libyabook.extract.corpus import page_from_bytes, parse_page
from libyabook.extract.events import code_events
from libyabook.extract.ledger import claims_ledger

D = dt.date


@pytest.fixture(scope="module")
def t():
    return tables.load()


@pytest.fixture(scope="module")
def book(t):
    return ledger.claims_with_sources(t.claims, t.articles, t.claims_ledger)


@pytest.fixture(scope="module")
def fat(t, book):
    return atlas.fatalities_table(t.events, book)


def event_of(events, needle):
    """The single event whose evidence contains `needle`."""
    rows = events[events["evidence"].str.contains(needle, regex=False)]
    assert len(rows) == 1, (needle, list(rows["event_id"]))
    return rows.iloc[0]


# --- a synthetic page of the same format --------------------------------------------------------------

SYNTHETIC = """Synthetic Atlas Page

Synthetic Atlas Page

A synthetic lead paragraph for the atlas tests; it reports nothing real.

Would you like to know more?

Test headline about Alpha (testnews, Mar 3, 2005)

“Gunmen attacked a test village near Alpha on Monday, killing some 12 civilians, officials said….”


  1. Update on Beta (wire, Oct 9, 2019):

    "Forces shelled Beta last week, witnesses said.

    A second report says that Gamma was taken on Sunday by a test brigade."

  2. Second update (other, Oct 10, 2019):

    "The shelling of Beta was confirmed by a test official."


Please enter your comment!
Please enter your name here"""

SYN_PLACES = pd.DataFrame(
    [
        {
            "place_id": "alpha",
            "aliases": "",
            "kind": "town",
            "note": "",
            "name": "Alpha",
            "country": "Testland",
            "latitude": "31.5",
            "longitude": "15.5",
            "geo_precision": "1",
        },
        {
            "place_id": "beta",
            "aliases": "",
            "kind": "town",
            "note": "",
            "name": "Beta (test town)",
            "country": "Testland",
            "latitude": "32.5",
            "longitude": "20.0",
            "geo_precision": "1",
        },
        {
            "place_id": "gamma",
            "aliases": "",
            "kind": "town",
            "note": "",
            "name": "Gamma",
            "country": "Farland",
            "latitude": "40.0",
            "longitude": "-100.0",
            "geo_precision": "1",
        },
    ]
)
SYN_EVENTS = pd.DataFrame(
    [
        {
            "event_id": "T1",
            "date_text": "on Monday",
            "event_type": "Violence against civilians",
            "sub_event_type": "Attack",
            "actor1": "Unidentified Armed Group",
            "actor2": "Civilians",
            "location": "alpha",
            "geo_precision": "2",
            "fatalities": "12",
            "source_outlet": "testnews",
            "source_published": "2005-03-03",
            "evidence": "Gunmen attacked a test village near Alpha on Monday",
            "notes": "",
        },
        {
            "event_id": "T2",
            "date_text": "last week",
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Shelling/artillery/missile attack",
            "actor1": "Forces",
            "actor2": "",
            "location": "beta",
            "geo_precision": "",
            "fatalities": "",
            "source_outlet": "wire",
            "source_published": "2019-10-09",
            "evidence": "Forces shelled Beta last week",
            "notes": "other (10 Oct 2019) reports the same shelling: one event.",
        },
        {
            "event_id": "T3",
            "date_text": "on Sunday",
            "event_type": "Battles",
            "sub_event_type": "Non-state actor overtakes territory",
            "actor1": "Test brigade",
            "actor2": "",
            "location": "gamma",
            "geo_precision": "",
            "fatalities": "",
            "source_outlet": "wire",
            "source_published": "2019-10-09",
            "evidence": "Gamma was taken on Sunday",
            "notes": "A note naming wire only.",
        },
    ]
)


@pytest.fixture(scope="module")
def syn():
    page = page_from_bytes(SYNTHETIC.encode("utf-8"), "atlas-synthetic.txt")
    articles = parse_page(page)[0]
    events = code_events(page, articles, SYN_EVENTS, SYN_PLACES)
    raw = extract_claims(page, articles)
    claims = ledger.claims_with_sources(raw, articles, claims_ledger(page, raw, articles))
    return {"page": page, "articles": articles, "events": events, "claims": claims}


# --- precision windows ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "date, precision, end",
    [
        ("2017-08-15", "day", D(2017, 8, 15)),
        ("2017-08-09", "week", D(2017, 8, 15)),
        ("2016-02-01", "month", D(2016, 2, 29)),
        ("2017-12-01", "month", D(2017, 12, 31)),
        ("1988-01-01", "year", D(1988, 12, 31)),
    ],
)
def test_precision_end_is_the_last_day_of_the_window(date, precision, end):
    assert atlas.window_end(date, precision) == end


def test_precision_end_refuses_an_unknown_precision():
    with pytest.raises(ValueError, match="decade"):
        atlas.window_end("2017-01-01", "decade")


# --- windows and places on the real page ---------------------------------------------------------------


def test_the_atlas_window_holds_every_event_and_a_narrow_one_only_its_dates(t):
    everything = atlas.events_in_window(t.events, D(1980, 1, 1), D(2017, 8, 15))
    assert len(everything) == len(t.events)
    august = atlas.events_in_window(t.events, D(2017, 8, 1), D(2017, 8, 15))
    assert len(august) and all("2017-08-01" <= d <= "2017-08-15" for d in august["event_date"])
    assert "LBY001" not in set(august["event_id"])  # the 1980s training in Chad
    assert atlas.events_in_window(t.events, D(1900, 1, 1), D(1900, 1, 2)).empty


def test_events_by_place_counts_and_tolls_as_a_reader_would(t):
    places = atlas.events_by_place(t.events).set_index("place")
    assert list(places.reset_index().columns) == atlas.PLACE_COLUMNS
    assert places["events"].sum() == len(t.events)
    # "some 1200 political prisoners" killed in the jail the page calls "Benghazi's Abu Simal jail"
    assert places.at["abu_salim_prison", "fatalities"] == 1200
    # "The LNA killed six troops": the only toll placed at Khraibeesh
    assert places.at["khraibeesh", "fatalities"] == 6
    # Tripoli: the 2014 storming of parliament and the 2017 abduction of Zidan, among others; no toll stated
    assert places.at["tripoli", "events"] >= 2 and pd.isna(places.at["tripoli", "fatalities"])
    assert "Violence against civilians" in places.at["tripoli", "event_types"]
    assert places.at["the_hague", "country"] == "Netherlands" and places.at["washington", "country"] == "United States"
    assert list(places["events"]) == sorted(places["events"], reverse=True)


def test_far_events_are_those_the_base_map_cannot_draw(t):
    extent = atlas.map_extent(t.events)
    far = atlas.far_events(t.events, extent)
    assert {"Paris", "The Hague", "Washington, D.C."} <= set(far["place"])
    assert "N'Djamena" not in set(far["place"])  # Chad is on the base map: the map reaches down to it
    x0, x1, y0, y1 = extent
    assert y0 < 12.13 < y1 and x0 < 15.06 < x1
    assert len(far) + len(atlas.split_by_extent(t.events, extent)[0]) == len(t.events)


# --- fatalities -------------------------------------------------------------------------------------


def test_each_toll_is_traced_to_the_words_that_state_it(fat):
    rows = fat.set_index("event_id")
    assert list(fat.columns) == atlas.FATALITY_COLUMNS
    assert fat["event_id"].is_unique
    abu = rows.loc["LBY003"]
    assert abu["figure"] == "some 1200 political prisoners" and abu["qualifier"] == "about"
    assert "approximate" in abu["caveat"]
    video = rows.loc["LBY018"]  # "18 prisoners, believed to be ISIS fighters"
    assert video["counted_by"] == "video" and "believed to be" in video["hedge"]
    clash = rows.loc["LBY016"]  # "The LNA killed six troops ..., a commander said on Saturday."
    assert clash["counted_by"] == "party statement" and clash["figure"] == "six troops"
    assert "a commander said" in clash["sentence"]
    march = rows.loc["LBY013"]  # "a video in March allegedly showed Warfalli shooting dead three men"
    assert "allegedly" in march["hedge"] and "dated to a month" in march["caveat"]


def test_totals_add_distinct_events_and_never_the_icc_or_video_aggregates(t, fat, book):
    s = atlas.fatality_summary(t.events)
    assert s["total_stated"] == int(fat["fatalities"].sum())
    assert s["n_with_fatalities"] == len(fat) and s["n_with_fatalities"] + s["n_without_fatalities"] == len(t.events)
    assert s["largest"] == 1200 and s["largest_event"] == "LBY003"
    assert 33 not in set(fat["fatalities"]) and 20 not in set(fat["fatalities"])
    loose = atlas.uncounted_figures(book, fat).set_index("span")
    assert "court" in loose.at["33 people", "why_not_a_toll"]
    assert "video" in loose.at["20 people", "why_not_a_toll"]
    assert "More than 2,300" in loose.index  # deaths at sea over months, not one event
    assert not set(fat["figure"]) & set(loose.index)


def test_violent_events_without_a_stated_toll_are_listed_not_zeroed(t):
    none = atlas.events_without_fatalities(t.events)
    deadly = event_of(t.events, "led a deadly assault on Islamist militia")
    assert deadly["event_id"] in set(none["event_id"])  # 'deadly', but no number
    assert set(none["event_type"]) <= set(atlas.VIOLENT_TYPES)
    assert atlas.fatality_summary(t.events)["n_violent_without"] == len(none)


# --- precision and double counting ----------------------------------------------------------------


def test_precision_summary_adds_up_and_knows_last_week(t):
    table = atlas.precision_summary(t.events).set_index("date precision")
    assert table.at["all", "all places"] == len(t.events)
    assert table.drop(index="all")["all places"].sum() == len(t.events)
    assert table.drop(columns="all places").drop(index="all").to_numpy().sum() == len(t.events)
    last_week = event_of(t.events, "deadly assault on Islamist militia in Libya’s second city Benghazi last week")
    assert last_week["date_precision"] == "week"
    counts = atlas.precision_counts(t.events)
    assert (
        counts["n_week"] == table.at["week", "all places"]
        and counts["n_geo3"] == table.at["all", "region, sea or country (3)"]
    )


def test_other_reports_name_the_second_outlet_of_merged_events(t):
    rows = atlas.other_reports(t.events, t.articles).set_index("event_id")
    storming = event_of(t.events, "attacked the parliament building")["event_id"]  # channelnewsasia and CNN
    paris = event_of(t.events, "signed a landmark deal")["event_id"]  # france24 and abcnews
    assert "CNN" in rows.at[storming, "other_outlets"].split("; ") and rows.at[storming, "coded_once"]
    assert "abcnews" in rows.at[paris, "other_outlets"].split("; ")
    for r in rows.itertuples():
        assert r.source_outlet not in r.other_outlets.split("; ")


# --- the timeline --------------------------------------------------------------------------------


def test_real_page_splits_into_background_2014_and_2017(t):
    panels = atlas.timeline_panels(t.events)
    assert list(panels.columns) == atlas.PANEL_COLUMNS
    assert len(panels) == 3 and panels["events"].sum() == len(t.events)
    # LBY001 is on or before 31 May 1991 (the page gives no year of its own: issue 9)
    assert panels["start"].iloc[0] <= "1991-05-31" and panels["end"].iloc[0] < "2013-01-01"
    assert panels["start"].iloc[1] <= "2014-05-18" <= panels["end"].iloc[1]
    assert panels["start"].iloc[2] <= "2017-08-15" <= panels["end"].iloc[2]
    assert all(a < b for a, b in zip(panels["end"], panels["start"].iloc[1:]))
    rows = atlas.timeline_rows(t.events, panels)
    assert (rows["panel"] >= 0).all() and rows["event_id"].is_unique
    assert rows.set_index("event_id").at["LBY003", "label"] == "LBY003 Abu Salim prison"


def test_panel_rule_gaps_and_merging_of_sparse_clusters():
    ev = pd.DataFrame(
        {
            "event_date": [
                "1990-01-01",
                "1995-06-01",
                "2014-05-01",
                "2014-05-02",
                "2014-05-03",
                "2014-05-04",
                "2017-08-01",
            ],
            "date_precision": ["year", "month", "day", "day", "day", "day", "day"],
        }
    )
    panels = atlas.timeline_panels(ev, gap_days=365, min_events=4)
    assert list(panels["events"]) == [2, 4, 1]  # 1990 and 1995 merged; the lone 2017 event has its own panel
    assert panels["end"].iloc[0] == "1995-06-30" and panels["label"].iloc[0] == "1990–1995"
    assert list(atlas.timeline_panels(ev, gap_days=365, min_events=1)["events"]) == [1, 1, 4, 1]
    assert len(atlas.timeline_panels(ev, gap_days=100_000)) == 1
    assert atlas.timeline_panels(ev.iloc[0:0]).empty


# --- the synthetic page: the rules, not this page ------------------------------------------------------


def test_synthetic_events_places_and_far_points(syn):
    ev = syn["events"]
    assert list(ev["event_id"]) == ["T1", "T2", "T3"]
    places = atlas.events_by_place(ev, SYN_PLACES).set_index("place")
    assert places.at["alpha", "fatalities"] == 12 and places.at["alpha", "geo_precision"] == "2"
    extent = atlas.map_extent(ev, base=(10.0, 25.0, 25.0, 38.0), limit=(5.0, 32.0, 10.0, 44.0))
    far = atlas.far_events(ev, extent, SYN_PLACES)
    assert list(far["place"]) == ["Gamma"] and list(far["country"]) == ["Farland"]
    s = atlas.summary(ev, SYN_PLACES, extent)
    assert (s["n_events"], s["n_far"], s["n_places"]) == (3, 1, 3)


def test_synthetic_toll_is_traced_and_hedged(syn):
    fat = atlas.fatalities_table(syn["events"], syn["claims"], SYN_PLACES)
    assert list(fat["event_id"]) == ["T1"]
    row = fat.iloc[0]
    assert row["figure"] == "some 12 civilians" and row["qualifier"] == "about" and "approximate" in row["caveat"]
    assert atlas.fatality_summary(syn["events"])["total_stated"] == 12
    none = atlas.events_without_fatalities(syn["events"], places=SYN_PLACES)
    assert list(none["event_id"]) == ["T2", "T3"]


def test_synthetic_other_reports_and_precision(syn):
    rows = atlas.other_reports(syn["events"], syn["articles"], SYN_PLACES)
    assert list(rows["event_id"]) == ["T2"]
    assert rows.iloc[0]["other_outlets"] == "other" and rows.iloc[0]["coded_once"]
    counts = atlas.precision_counts(syn["events"])
    assert (counts["n_day"], counts["n_week"], counts["n_geo1"], counts["n_geo2"]) == (2, 1, 2, 1)


def test_synthetic_timeline_and_labels(syn):
    panels = atlas.timeline_panels(syn["events"], min_events=1)
    assert list(panels["events"]) == [1, 2]
    rows = atlas.timeline_rows(syn["events"], panels, SYN_PLACES)
    assert list(rows["label"]) == ["T1 Alpha", "T2 Beta", "T3 Gamma"]  # parenthesis dropped from 'Beta (test town)'
    assert list(rows["panel"]) == [0, 1, 1]


def test_empty_tables_give_empty_results_not_errors():
    empty = tables.load("tests/data/other-page.txt").events
    assert empty.empty
    assert atlas.events_by_place(empty).empty and atlas.timeline_panels(empty).empty
    assert atlas.fatality_summary(empty)["total_stated"] == 0
    assert atlas.precision_summary(empty)["all places"].sum() == 0
    assert atlas.summary(empty)["n_events"] == 0


# --- the download ------------------------------------------------------------------------------------
