"""Tests for libyabook.extract.events and the reference tables it reads (events.csv, places.csv, outlets.csv)."""

import datetime as dt

import pandas as pd
import pytest

from libyabook.extract.corpus import page_from_bytes, parse_page
from libyabook.extract.events import (
    ACLED_SUB_EVENT_TYPES,
    EVENT_COLUMNS,
    EVENT_TYPES,
    UNCODED_COLUMNS,
    UNCODED_REASONS,
    EventDate,
    code_events,
    override_date,
    parse_override,
    uncoded_happenings,
)
from libyabook.reference import load_reference

from refcal import weekday_on_or_before

D = dt.date


@pytest.fixture(scope="module")
def reference():
    return load_reference("events").copy()


@pytest.fixture(scope="module")
def places():
    return load_reference("places").copy()


@pytest.fixture(scope="module")
def events(page, articles):
    return code_events(page, articles)


def one(events, needle):
    """The single event whose evidence contains `needle` (fails if none or several)."""
    rows = events[events["evidence"].str.contains(needle, regex=False)]
    assert len(rows) == 1, (needle, list(rows["event_id"]))
    return rows.iloc[0]


def synthetic(page, first, last, title="Synthetic page"):
    """A page of the same format holding only the real page's lines first..last (an update)."""
    text = f"{title}\n\nWould you like to know more?\n\n" + "\n".join(page.lines[first - 1 : last])
    p = page_from_bytes(text.encode("utf-8"), "synthetic.txt")
    return p, parse_page(p)[0]


# --- the real page -------------------------------------------------------------------------------


def test_columns_and_every_reference_row_is_on_the_real_page(events, reference):
    assert list(events.columns) == EVENT_COLUMNS
    assert sorted(events["event_id"]) == sorted(reference["event_id"])
    assert events["event_id"].is_unique


def test_evidence_is_verbatim_on_its_line_inside_its_item(events, page, articles):
    by_id = articles.set_index("item_id")
    for ev in events.itertuples():
        assert ev.evidence in page.lines[ev.line - 1], ev.event_id
        item = by_id.loc[ev.source_item]
        assert item["line_start"] <= ev.line <= item["line_end"], ev.event_id
        assert (item["outlet"], item["published"]) == (ev.source_outlet, ev.source_published)
        if ev.date_text:
            lines = page.lines[item["line_start"] - 1 : item["line_end"]]
            assert any(ev.date_text in line for line in lines), ev.event_id


def test_reference_source_item_agrees_with_the_matched_item(events, reference):
    ref = reference.set_index("event_id")["source_item"]
    for ev in events.itertuples():
        assert ref[ev.event_id] == ev.source_item


def test_key_dates_match_a_calendar(events):
    cases = [
        ("attacked the parliament building", D(2014, 5, 21), "Sunday"),
        ("said Wednesday that the General National Congress", D(2014, 5, 22), "Wednesday"),
        ("on Tuesday distanced itself", D(2014, 5, 21), "Tuesday"),
        ("signed a landmark deal", D(2017, 7, 27), "Tuesday"),
        ("Facebook page late Wednesday", D(2017, 8, 3), "Wednesday"),
        ("ordered foreign vessels to stay out", D(2017, 8, 10), "Thursday"),
        ("Doctors Without Borders said Saturday", D(2017, 8, 12), "Saturday"),
        ("Ali Zidan was led by an armed group", D(2017, 8, 14), "Sunday"),
        ("issued an arrest warrant", D(2017, 8, 15), "Tuesday"),
        ("Khraibeesh area", D(2017, 7, 23), "Friday"),
    ]
    for needle, published, weekday in cases:
        ev = one(events, needle)
        assert ev["source_published"] == published.isoformat(), needle
        assert (ev["event_date"], ev["date_precision"]) == (
            weekday_on_or_before(published, weekday).isoformat(),
            "day",
        ), needle
    # the two reports of the storming of parliament (a Wednesday and a Thursday item) name the same Sunday
    assert (
        weekday_on_or_before(D(2014, 5, 21), "Sunday")
        == weekday_on_or_before(D(2014, 5, 22), "Sunday")
        == D(2014, 5, 18)
    )
    assert one(events, "issued an arrest warrant")["event_date"] == "2017-08-15"
    assert one(events, "ordered foreign vessels to stay out")["event_date"] == "2017-08-10"


def test_background_and_coarse_dates(events):
    assert one(events, "In March 1996")[["event_date", "date_precision"]].tolist() == ["1996-03-01", "month"]
    # "three months later" than March 1996
    assert one(events, "killed some 1200")[["event_date", "date_precision"]].tolist() == ["1996-06-01", "month"]
    assert one(events, "in October 2013")[["event_date", "date_precision"]].tolist() == ["2013-10-01", "month"]
    assert one(events, "seized Tripoli in 2014")[["event_date", "date_precision"]].tolist() == ["2014-01-01", "year"]
    # "last week" in a Wednesday 21 May 2014 item: the calendar week before, Monday 12 May
    assert one(events, "Benghazi last week")[["event_date", "date_precision"]].tolist() == ["2014-05-12", "week"]
    assert one(events, "earlier this month")[["event_date", "date_precision"]].tolist() == ["2017-07-01", "month"]
    assert one(events, "Jugend Rettet")[["event_date", "date_precision"]].tolist() == ["2017-07-31", "week"]
    assert one(events, "Golfo Azzurro")[["event_date", "date_precision"]].tolist() == ["2017-08-15", "day"]
    assert one(events, "on August 7")["event_date"] == "2017-08-07"
    # bounded by what the page says: the Reagan administration's plan and the May 1991 report (line 41), no year
    ndjamena = one(events, "near Ndjamena")
    assert ndjamena["date_precision"] == "on_or_before"
    assert (ndjamena["date_start"], ndjamena["date_end"], ndjamena["event_date"]) == (
        "1981-01-20",
        "1991-05-31",
        "1991-05-31",
    )


def test_date_windows_are_inclusive_and_follow_the_precision(events):
    """Issue 9 item 4: date_start..date_end is the window event_date and date_precision name."""
    for r in events.itertuples():
        assert r.date_start <= r.date_end or r.date_start == ""
        if r.date_precision != "on_or_before":
            assert r.date_start == r.event_date
    assert tuple(one(events, "Benghazi last week")[["date_start", "date_end"]]) == ("2014-05-12", "2014-05-18")
    assert tuple(one(events, "In March 1996")[["date_start", "date_end"]]) == ("1996-03-01", "1996-03-31")
    assert tuple(one(events, "seized Tripoli in 2014")[["date_start", "date_end"]]) == ("2014-01-01", "2014-12-31")


def test_undated_news_is_on_or_before_its_report(page, events):
    """LBY017 (Derna airstrikes, line 70) and LBY018 (the video 'has been released', line 83): no week or month."""
    assert "carried out airstrikes on rival groups in Derna" in page.lines[69]
    assert "footage has been released" in page.lines[82]
    for evidence, day in [("airstrikes on rival groups in Derna", "2017-07-23"), ("SHOCKING footage", "2017-07-25")]:
        row = one(events, evidence)
        assert (row["date_precision"], row["date_start"], row["date_end"]) == ("on_or_before", "", day)
        assert row["date_end"] == row["source_published"] and row["date_text"] == ""


def test_places_not_named_on_the_page_say_so(page, events):
    """Rome and The Hague are the coder's inference: geo precision 3 and place_named false."""
    text = "\n".join(page.lines)
    assert "Rome" not in text and "Hague" not in text
    for location in ("rome", "the_hague"):
        row = events[events["location"] == location].iloc[0]
        assert row["geo_precision"] == 3 and not row["place_named"]
    assert one(events, "Khraibeesh area")["place_named"] and one(events, "in Paris")["place_named"]


def test_no_event_after_its_report_and_sorted(events):
    assert (events["event_date"] <= events["source_published"]).all()
    assert list(events.index) == list(events.sort_values(["event_date", "event_id"]).index)
    assert set(events["date_precision"]) <= {"day", "week", "month", "year", "on_or_before"}


def test_fatalities_are_stated_numbers_once_per_event(events):
    assert str(events["fatalities"].dtype) == "Int64"
    assert one(events, "killed some 1200")["fatalities"] == 1200
    assert one(events, "18 prisoners")["fatalities"] == 18
    assert one(events, "shooting dead three men")["fatalities"] == 3
    assert one(events, "Khraibeesh area")["fatalities"] == 6
    # "deadly assault" states no number: unknown, not zero
    assert pd.isna(one(events, "deadly assault")["fatalities"])
    # the ICC's aggregate (33) and MEE's "20 people" video overlap other rows: never entered
    assert not events["fatalities"].isin([20, 33]).any()


def test_events_reported_twice_are_coded_once(events):
    # storming of parliament: CNN (line 21) and channelnewsasia (line 33) -> one row
    assert (events["event_date"] == "2014-05-18").sum() == 1
    # the search-and-rescue zone: MEE says Thursday 10 Aug, NYT says Friday 11 Aug -> one row
    sar = events[events["event_date"].isin(["2017-08-10", "2017-08-11"])]
    assert len(sar) == 1
    # the Paris agreement (france24 and abcnews) and Haftar's naval order (abcnews and ansamed)
    assert (events["sub_event_type"] == "Agreement").sum() == 1
    assert len(events[(events["event_date"] == "2017-08-02") & (events["actor1"].str.startswith("LNA"))]) == 1
    # Open Arms warning shots (express dated, NYT undated) and MSF's suspension (NYT and express)
    assert events["evidence"].str.contains("warning shots").sum() == 1
    assert (events["actor1"].str.startswith("MSF")).sum() == 1
    # no two rows with a toll share date, place and type: a toll is never split or repeated
    with_toll = events[events["fatalities"].notna()]
    assert not with_toll.duplicated(["event_date", "location", "event_type"]).any()


def test_places_and_geo_precision(events, places):
    by_place = places.set_index("place_id")
    for ev in events.itertuples():
        assert ev.latitude == float(by_place.loc[ev.location, "latitude"])
        assert ev.longitude == float(by_place.loc[ev.location, "longitude"])
    ndj = one(events, "near Ndjamena")
    assert by_place.loc["ndjamena", "geo_precision"] == "1" and ndj["geo_precision"] == 2  # "near": override
    # the page's "Benghazi's Abu Simal jail": kept verbatim; the place is the Tripoli prison, with a note
    abu = one(events, "Abu Simal jail")
    assert "Benghazi’s Abu Simal jail" in abu["evidence"]
    assert abu["location"] == "abu_salim_prison" and "Abu Simal" in by_place.loc["abu_salim_prison", "aliases"]
    assert "Tripoli" in by_place.loc["abu_salim_prison", "note"] and "Benghazi" in abu["notes"]
    assert abs(abu["latitude"] - 32.9) < 0.2 and abs(abu["longitude"] - 13.2) < 0.2  # Tripoli, not Benghazi (20.1 E)


def test_acled_vocabulary_of_the_output(events):
    assert len(EVENT_TYPES) == 6
    for ev in events.itertuples():
        assert ev.sub_event_type in ACLED_SUB_EVENT_TYPES[ev.event_type], ev.event_id


# --- validation failures ---------------------------------------------------------------------------


def test_bad_acled_type_fails_naming_the_event(page, articles, reference, places):
    bad = reference.copy()
    bad.loc[bad["event_id"] == "LBY016", "sub_event_type"] = "Firefight"
    with pytest.raises(ValueError, match="LBY016"):
        code_events(page, articles, bad, places)
    bad = reference.copy()
    bad.loc[bad["event_id"] == "LBY009", ["event_type", "sub_event_type"]] = ["Battles", "Attack"]  # Attack is VAC's
    with pytest.raises(ValueError, match="LBY009"):
        code_events(page, articles, bad, places)
    bad = reference.copy()
    bad.loc[bad["event_id"] == "LBY001", "event_type"] = "Strategic Development"
    with pytest.raises(ValueError, match="LBY001"):
        code_events(page, articles, bad, places)


def test_unknown_place_fails_naming_it(page, articles, reference, places):
    bad = reference.copy()
    bad.loc[bad["event_id"] == "LBY029", "location"] = "atlantis"
    with pytest.raises(ValueError, match="atlantis"):
        code_events(page, articles, bad, places)


def test_evidence_not_on_the_page_fails_naming_the_event(page, articles, reference, places):
    bad = reference.copy()
    bad.loc[bad["event_id"] == "LBY031", "evidence"] = "And today, it was the turn of the Aquarius"
    with pytest.raises(ValueError, match="LBY031"):
        code_events(page, articles, bad, places)


def test_bad_fatalities_and_dates_fail(page, articles, reference, places):
    bad = reference.copy()
    bad.loc[bad["event_id"] == "LBY003", "fatalities"] = "some 1200"
    with pytest.raises(ValueError, match="LBY003"):
        code_events(page, articles, bad, places)
    bad = reference.copy()
    bad.loc[bad["event_id"] == "LBY031", "date_text"] = "Golfo Azzurro"  # on the page, but not a date
    with pytest.raises(ValueError, match="LBY031"):
        code_events(page, articles, bad, places)
    bad = reference.copy()
    bad.loc[bad["event_id"] == "LBY018", "date_override"] = "2017-09"  # after its 25 July report
    with pytest.raises(ValueError, match="LBY018"):
        code_events(page, articles, bad, places)
    bad = reference.copy()
    bad.loc[bad["event_id"] == "LBY029", "date_text"] = "late Saturday"  # not in the item
    with pytest.raises(ValueError, match="LBY029"):
        code_events(page, articles, bad, places)


def test_parse_override():
    assert parse_override("1988") == (D(1988, 1, 1), "year")
    assert parse_override("2011-02") == (D(2011, 2, 1), "month")
    assert parse_override("2017-W29") == (D(2017, 7, 17), "week")  # ISO week 29 of 2017 starts Monday 17 July
    assert D(2017, 7, 17).strftime("%A") == "Monday"
    assert parse_override("2017-08-07") == (D(2017, 8, 7), "day")
    with pytest.raises(ValueError):
        parse_override("July 2017")


def test_override_date_ranges():
    assert override_date("2017-07") == EventDate(D(2017, 7, 1), "month", D(2017, 7, 1), D(2017, 7, 31))
    assert override_date("2017-W29").end == D(2017, 7, 23)
    assert override_date("..2017-07-23") == EventDate(D(2017, 7, 23), "on_or_before", None, D(2017, 7, 23))
    assert override_date("1981-01-20..1991-05-31").start == D(1981, 1, 20)
    with pytest.raises(ValueError, match="after the last"):
        override_date("1991-05-31..1981-01-20")


def test_uncoded_happenings_list_what_the_rule_leaves_out(page, articles):
    """The coverage rule's exclusions, each found verbatim in its item, with a reason from the closed set."""
    uncoded = uncoded_happenings(page, articles)
    assert list(uncoded.columns) == UNCODED_COLUMNS and set(uncoded["reason"]) <= set(UNCODED_REASONS)
    for r in uncoded.itertuples():
        assert r.evidence in page.lines[r.line - 1]
    lines = set(uncoded["line"])
    assert {241, 221, 235, 9, 11, 13} <= lines  # the referral, Zidan's appointment, the UN call, the 2016 headlines
    assert set(uncoded.loc[uncoded["line"].isin([9, 11, 13]), "reason"]) == {"headline only"}
    events = code_events(page, articles)
    assert not events["evidence"].str.contains("The UN called|referral by the United Nations|was appointed").any()


# --- other pages ----------------------------------------------------------------------------------


def test_page_with_one_item_gets_only_that_items_events(page, reference):
    p, arts = synthetic(page, 209, 221)  # update 8: abcnews, Aug 14, 2017
    assert list(arts["outlet"]) == ["abcnews"]
    ev = code_events(p, arts)
    expected = reference[(reference["source_outlet"] == "abcnews") & (reference["source_published"] == "2017-08-14")]
    assert sorted(ev["event_id"]) == sorted(expected["event_id"]) and len(ev) >= 1
    assert set(ev["source_item"]) == {"update-01"}  # the item's id on this page, not on the study page
    zidan = one(ev, "Ali Zidan was led")
    assert zidan["event_date"] == weekday_on_or_before(D(2017, 8, 14), "Sunday").isoformat()
    assert p.lines[zidan["line"] - 1].endswith(
        "late Sunday. The militiamen were from the Tripoli Revolutionaries' Brigade, "
        "which is allied with the U.N.-backed government in Tripoli. A competing "
        "government and parliament are headquartered in eastern Libya."
    )


def test_same_item_with_other_text_fails(page):
    text = (
        "T\n\nWould you like to know more?\n\n"
        "  1. Militiamen seize ex-premier (abcnews, Aug 14, 2017):\n\n"
        '    "A former prime minister was detained in Tripoli, witnesses said Monday."'
    )
    p = page_from_bytes(text.encode(), "x.txt")
    with pytest.raises(ValueError, match="LBY0"):
        code_events(p, parse_page(p)[0])


def test_synthetic_reference_generalises():
    text = (
        "Another page\n\nWould you like to know more?\n\n"
        "  1. Clashes in Sirte (reuters, Jan 2, 2018):\n\n"
        '    "Fighters clashed with a rival brigade in Sirte on Saturday, killing four, officials said.\n\n'
        '    Three months later the brigade withdrew."\n\n'
        "  2. Unrelated (reuters, Jan 9, 2018):\n\n"
        '    "Nothing happened."'
    )
    p = page_from_bytes(text.encode(), "y.txt")
    arts = parse_page(p)[0]
    ref = pd.DataFrame(
        [
            {
                "event_id": "LBY901",
                "date_text": "on Saturday",
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "actor1": "A",
                "actor2": "B",
                "location": "sirte",
                "fatalities": "4",
                "source_outlet": "reuters",
                "source_published": "2018-01-02",
                "evidence": "clashed with a rival brigade in Sirte on Saturday",
                "notes": "",
            },
            {
                "event_id": "LBY902",
                "date_text": "Three months later",
                "anchor_event": "LBY901",
                "event_type": "Strategic developments",
                "sub_event_type": "Other",
                "actor1": "B",
                "actor2": "",
                "location": "sirte",
                "fatalities": "",
                "source_outlet": "reuters",
                "source_published": "2018-01-02",
                "evidence": "the brigade withdrew",
                "notes": "",
            },
            {
                "event_id": "LBY903",
                "date_text": "",
                "event_type": "Protests",
                "sub_event_type": "Peaceful protest",
                "actor1": "Protesters (Libya)",
                "actor2": "",
                "location": "sirte",
                "fatalities": "",
                "source_outlet": "bbc",
                "source_published": "2018-01-02",
                "evidence": "not on this page",
                "notes": "",
            },
        ]
    ).fillna("")
    pl = pd.DataFrame(
        [
            {
                "place_id": "sirte",
                "name": "Sirte",
                "aliases": "",
                "kind": "city",
                "country": "Libya",
                "latitude": "31.21",
                "longitude": "16.59",
                "geo_precision": "1",
                "note": "",
            }
        ]
    )
    # LBY902 counts from LBY901 (Saturday 30 Dec 2017), so it would land after its report: refused
    with pytest.raises(ValueError, match="LBY902"):
        code_events(p, arts, ref, pl)
    ev = code_events(p, arts, ref[ref["event_id"] != "LBY902"], pl)
    assert list(ev["event_id"]) == ["LBY901"]  # LBY903's outlet is not on the page
    assert ev.loc[0, "event_date"] == weekday_on_or_before(D(2018, 1, 2), "Saturday").isoformat() == "2017-12-30"
    assert ev.loc[0, "fatalities"] == 4 and ev.loc[0, "latitude"] == 31.21 and ev.loc[0, "line"] == 7
    assert ev.loc[0, "thread"] == "unassigned"  # threads.csv keys no reuters item: never a guess


# --- reference tables --------------------------------------------------------------------------------


def test_places_table(places, reference):
    assert places["place_id"].is_unique
    assert set(reference["location"]) <= set(places["place_id"])
    for col in ("latitude", "longitude"):
        decimals = places[col].str.split(".").str[1].str.len()
        assert decimals.between(2, 4).all(), col
    libya = places[(places["country"] == "Libya") & (places["kind"] != "sea")]
    assert libya["latitude"].astype(float).between(19.5, 33.2).all()
    assert libya["longitude"].astype(float).between(9.3, 25.2).all()
    assert set(places["geo_precision"]) <= {"1", "2", "3"}
    for needed in [
        "benghazi",
        "khraibeesh",
        "derna",
        "tripoli",
        "ras_lanuf",
        "tobruk",
        "jabal_akhdar",
        "abu_salim_prison",
        "ndjamena",
        "paris",
        "la_celle_saint_cloud",
        "washington",
        "zintan",
        "rome",
        "the_hague",
    ]:
        assert needed in set(places["place_id"]), needed
    # Benghazi is east of Tripoli, Tobruk east of Benghazi, N'Djamena far south
    lon = places.set_index("place_id")["longitude"].astype(float)
    lat = places.set_index("place_id")["latitude"].astype(float)
    assert lon["tripoli"] < lon["benghazi"] < lon["derna"] < lon["tobruk"]
    assert lat["ndjamena"] < 15 < lat["tripoli"]


def test_outlets_table_covers_every_outlet_of_the_page(articles):
    outlets = load_reference("outlets")
    assert list(outlets.columns) == ["outlet", "name", "country", "kind", "ownership"]
    assert outlets["outlet"].is_unique
    on_page = set(articles.loc[articles["outlet"] != "", "outlet"])
    assert on_page <= set(outlets["outlet"])
    assert (outlets[["name", "country", "kind", "ownership"]] != "").all().all()
