"""Tests of the disagreements table (versions, resolved dates, topic status) and the claims-ledger views."""

import datetime as dt

import pandas as pd
import pytest

from libyabook.analysis import disagreements as dis
from libyabook.extract import versions as xv
from libyabook.extract.claims import extract_claims
from libyabook.extract.corpus import page_from_bytes, parse_page
from libyabook.extract.ledger import claims_ledger
from libyabook.reference import REPO


def versions_of(page, articles, reference=None, outlets=None):
    """The versions a chapter gets: the published table for that page, with sources and topic status."""
    return dis.versions(xv.source_versions(page, articles, reference), articles, outlets)


def table_of(claims, articles, page):
    """The ledger table a chapter gets: claims joined with the ledger published for that page."""
    return dis.ledger_table(claims, articles, claims_ledger(page, claims, articles))


D = dt.date


@pytest.fixture(scope="module")
def versions(page, articles):
    return versions_of(page, articles)


@pytest.fixture(scope="module")
def topics(versions):
    return dis.topics(versions)


@pytest.fixture(scope="module")
def table(page, articles):
    return table_of(extract_claims(page, articles), articles, page)


def one(df, **where):
    rows = df
    for col, value in where.items():
        rows = rows[rows[col] == value]
    assert len(rows) == 1, f"expected one row for {where}, found {len(rows)}"
    return rows.iloc[0]


# ---------------------------------------------------------------- the study page
def test_columns_and_evidence_is_verbatim_at_its_offsets(page, versions):
    assert list(versions.columns) == dis.VERSION_COLUMNS
    assert len(versions) == len(xv.load_disagreements())  # every coded item is on the study page
    for r in versions.itertuples():
        assert page.lines[r.line - 1][r.start : r.end] == r.evidence, r.topic


def test_rescue_zone_dated_thursday_by_mee_and_friday_by_nyt(versions, topics):
    mee = one(versions, topic="sar_zone_declared", outlet="middleeasteye")
    nyt = one(versions, topic="sar_zone_declared", outlet="NYT")
    assert (mee["date_text"], mee["resolved_date"], mee["precision"]) == ("on Thursday", "2017-08-10", "day")
    # "informed it on Friday ... the same day", in a Saturday 12 August item: Friday 11 August
    assert (nyt["date_text"], nyt["anchor_text"], nyt["resolved_date"]) == ("the same day", "on Friday", "2017-08-11")
    t = one(topics, topic="sar_zone_declared")
    assert t["status"] == "disagree" and bool(t["differ"]) and t["gap_days"] == 1
    assert dis.largest_gap(topics) == 1


def test_agreeing_and_compatible_dates_are_not_flagged(topics, versions):
    parl = one(topics, topic="parliament_stormed_2014")
    assert parl["status"] == "agree" and not parl["differ"]
    assert set(versions.loc[versions["topic"] == "parliament_stormed_2014", "resolved_date"]) == {"2014-05-18"}
    meet = one(topics, topic="haftar_sarraj_meeting")  # Tuesday 25 July lies in "last week" (24-30 July)
    assert meet["status"] == "compatible" and not meet["differ"]
    abc = one(versions, topic="haftar_sarraj_meeting", outlet="abcnews")
    assert (abc["resolved_date"], abc["precision"], abc["window_end"]) == ("2017-07-24", "week", "2017-07-30")


def test_vague_dates_are_kept_unresolved_not_guessed(versions, topics):
    nyt = one(versions, topic="open_arms_warning_shots", outlet="NYT")
    assert (nyt["date_text"], nyt["resolved_date"], nyt["precision"]) == ("recently", "", "unresolved")
    assert one(versions, topic="open_arms_warning_shots", outlet="express")["resolved_date"] == "2017-08-07"
    assert one(topics, topic="open_arms_warning_shots")["status"] == "one date only"


def test_account_topics_show_each_version(versions, topics):
    order = versions[versions["topic"] == "naval_order"]
    assert "bomb" in one(order, outlet="ansamed")["version"]
    assert "tweet" in one(order, outlet="ansamed")["evidence"]
    assert "confront any vessel" in one(order, outlet="abcnews")["evidence"]
    assert one(order, outlet="abcnews")["resolved_date"] == "2017-08-02"  # late Wednesday, item of Thu 3 Aug
    for topic in ("naval_order", "execution_video_toll", "italy_deployment_request", "proactiva_boat_location"):
        assert one(topics, topic=topic)["status"] == "different versions"
    video = versions[versions["topic"] == "execution_video_toll"]
    assert "18" in one(video, outlet="express")["evidence"] and "20" in one(video, outlet="middleeasteye")["evidence"]


def test_order_dates_first_then_page_order(versions):
    kinds = list(versions["kind"])
    assert kinds == sorted(kinds, key=dis.KINDS.index)
    first = versions.groupby("topic", sort=False)["line"].min()
    dated = [t for t in dict.fromkeys(versions.loc[versions["kind"] == "date", "topic"])]
    assert list(first[dated]) == sorted(first[dated])


def test_other_page_has_no_coded_versions():
    page = page_from_bytes((REPO / "tests" / "data" / "other-page.txt").read_bytes(), "other-page.txt")
    articles = parse_page(page)[0]
    v = versions_of(page, articles)
    assert v.empty and list(v.columns) == dis.VERSION_COLUMNS
    assert dis.topics(v).empty and dis.largest_gap(dis.topics(v)) == 0
    assert dis.date_versions(v).empty


# ---------------------------------------------------------------- synthetic pages and rules
SYNTH = """Test Page

Test Page

A synthetic lead paragraph.

Would you like to know more?

Bare Related Headline


  1. Zone declared (alpha, Oct 10, 2019):

    "The navy on Thursday closed the zone to foreign ships.

    The talks were held last week in Rome."

  2. Charity quits (beta, Oct 12, 2019):

    "The charity said it was warned on Friday. It added that the zone was declared the same day.

    Officials met in Rome on Tuesday. The ship was 12 miles (19 km) off the coast, the charity said, and 10 miles (30 km) later.

    Over 70,000 migrants landed in Spain this year, and 30 percent arrived in Italy."


Please enter your comment!
Please enter your name here"""  # noqa: E501 (page text: an excerpt line is as long as the page has it)


def synth_reference(change=None):
    rows = [
        dict(
            topic="zone",
            kind="date",
            question="When?",
            source_outlet="ALPHA",
            source_published="2019-10-10",
            speaker="navy",
            basis="",
            version="closed",
            date_text="on Thursday",
            anchor_text="",
            evidence="The navy on Thursday closed the zone",
            note="",
        ),
        dict(
            topic="zone",
            kind="date",
            question="When?",
            source_outlet="beta",
            source_published="2019-10-12",
            speaker="charity",
            basis="",
            version="declared",
            date_text="the same day",
            anchor_text="on Friday",
            evidence="the zone was declared the same day",
            note="",
        ),
        dict(
            topic="talks",
            kind="date",
            question="When talks?",
            source_outlet="alpha",
            source_published="2019-10-10",
            speaker="alpha",
            basis="",
            version="talks",
            date_text="last week",
            anchor_text="",
            evidence="The talks were held last week in Rome.",
            note="",
        ),
        dict(
            topic="talks",
            kind="date",
            question="When talks?",
            source_outlet="beta",
            source_published="2019-10-12",
            speaker="beta",
            basis="",
            version="talks",
            date_text="on Tuesday",
            anchor_text="",
            evidence="Officials met in Rome on Tuesday.",
            note="",
        ),
        dict(
            topic="where",
            kind="account",
            question="Where?",
            source_outlet="beta",
            source_published="2019-10-12",
            speaker="charity",
            basis="",
            version="off the coast",
            date_text="",
            anchor_text="",
            evidence="The ship was 12 miles (19 km) off the coast",
            note="",
        ),
        dict(
            topic="absent",
            kind="date",
            question="Not here",
            source_outlet="gamma",
            source_published="2019-10-12",
            speaker="x",
            basis="",
            version="x",
            date_text="",
            anchor_text="",
            evidence="not on this page",
            note="",
        ),
    ]
    for (k, col), value in (change or {}).items():
        rows[k][col] = value
    return pd.DataFrame(rows, columns=xv.REFERENCE_COLUMNS)


@pytest.fixture(scope="module")
def synth():
    page = page_from_bytes(SYNTH.encode("utf-8"), "synthetic.txt")
    return page, parse_page(page)[0]


def test_synthetic_versions_resolve_and_compare(synth):
    page, articles = synth
    outlets = pd.DataFrame({"outlet": ["alpha"], "name": ["Alpha News"]})
    v = versions_of(page, articles, synth_reference(), outlets)
    assert "absent" not in set(v["topic"])  # its item is not on the page: skipped, not an error
    zone = v[v["topic"] == "zone"]
    # Thursday of a Thursday 10 Oct item; the charity's Friday (item of Sat 12 Oct) is 11 Oct
    assert list(zone["resolved_date"]) == ["2019-10-10", "2019-10-11"]
    assert list(zone["outlet_name"]) == ["Alpha News", "beta"]
    t = dis.topics(v).set_index("topic")
    assert t.at["zone", "status"] == "disagree" and t.at["zone", "gap_days"] == 1
    # last week of Thu 10 Oct 2019 = 30 Sep-6 Oct; Tuesday before Sat 12 Oct = 8 Oct: no overlap, two days apart
    assert t.at["talks", "status"] == "disagree" and t.at["talks", "gap_days"] == 2
    assert t.at["where", "status"] == "one version" and not t.at["where", "differ"]
    for r in v.itertuples():
        assert page.lines[r.line - 1][r.start : r.end] == r.evidence


def test_synthetic_same_day_and_compatible(synth):
    page, articles = synth
    ref = synth_reference({(3, "date_text"): "", (3, "evidence"): "Officials met in Rome"})
    v = versions_of(page, articles, ref)
    assert dis.topics(v).set_index("topic").at["talks", "status"] == "one date only"
    ref = synth_reference(
        {
            (2, "source_outlet"): "beta",
            (2, "source_published"): "2019-10-12",
            (2, "date_text"): "on Tuesday",
            (2, "evidence"): "Officials met in Rome",
        }
    )
    t = dis.topics(versions_of(page, articles, ref)).set_index("topic")
    assert t.at["talks", "status"] == "agree" and not t.at["talks", "differ"]


def test_synthetic_account_versions_same_or_different(synth):
    page, articles = synth
    extra = pd.DataFrame(
        [
            dict(
                topic="where",
                kind="account",
                question="Where?",
                source_outlet="alpha",
                source_published="2019-10-10",
                speaker="navy",
                basis="",
                version="off the coast",
                date_text="",
                anchor_text="",
                evidence="closed the zone to foreign ships",
                note="",
            )
        ]
    )
    ref = pd.concat([synth_reference(), extra], ignore_index=True)
    assert dis.topics(versions_of(page, articles, ref)).set_index("topic").at["where", "status"] == "same version"
    ref.loc[ref.index[-1], "version"] = "in our waters"
    t = dis.topics(versions_of(page, articles, ref)).set_index("topic")
    assert t.at["where", "status"] == "different versions" and t.at["where", "differ"]


@pytest.mark.parametrize(
    "change, message",
    [
        ({(0, "evidence"): "The navy on Friday closed"}, "expected a line of item.* to contain 'The navy on Friday"),
        ({(0, "date_text"): "on Monday"}, "to contain date_text 'on Monday'; not found"),
        ({(1, "anchor_text"): "on Sunday"}, "to contain anchor_text 'on Sunday'; not found"),
        ({(0, "kind"): "rumour"}, "kind"),
        ({(1, "question"): "Another question?"}, "more than one question"),
        ({(0, "source_published"): "10 Oct 2019"}, "ISO date"),
        ({(0, "version"): ""}, "empty version"),
    ],
)
def test_synthetic_coding_errors_raise(synth, change, message):
    page, articles = synth
    with pytest.raises(ValueError, match=message):
        versions_of(page, articles, synth_reference(change))


def test_missing_reference_column_raises():
    with pytest.raises(ValueError, match="lacks column"):
        xv.validate_reference(synth_reference().drop(columns=["anchor_text"]))


def test_date_status_and_windows():
    day = lambda d: (d, d, "day")  # noqa: E731
    assert dis.date_status([]) == ("undated", None)
    assert dis.date_status([day(D(2017, 8, 10))]) == ("one date only", None)
    assert dis.date_status([day(D(2017, 8, 10)), day(D(2017, 8, 10))]) == ("agree", 0)
    assert dis.date_status([day(D(2017, 8, 10)), day(D(2017, 8, 13))]) == ("disagree", 3)
    july = (D(2017, 7, 1), xv.window_end(D(2017, 7, 1), "month"), "month")
    assert dis.date_status([july, day(D(2017, 7, 31))]) == ("compatible", 0)
    assert dis.date_status([july, day(D(2017, 8, 1))]) == ("disagree", 1)
    assert xv.window_end(D(2016, 2, 1), "month") == D(2016, 2, 29)
    assert xv.window_end(D(2017, 7, 24), "week") == D(2017, 7, 30)
    assert xv.window_end(D(2011, 1, 1), "year") == D(2011, 12, 31)
    assert xv.resolve_version("", "", D(2017, 8, 10)) == (None, "")
    assert xv.resolve_version("recently", "", D(2017, 8, 10)) == (None, "unresolved")
    with pytest.raises(ValueError):
        xv.resolve_version("the same day", "soonish", D(2017, 8, 10))


# ---------------------------------------------------------------- ledger views, study page
def test_ledger_table_has_every_claim_with_its_source(table, page, articles):
    claims = extract_claims(page, articles)
    assert list(table.columns) == dis.LEDGER_TABLE_COLUMNS
    assert len(table) == len(claims) and list(table["claim_id"]) == list(claims["claim_id"])
    keys = list(zip(table["line"], table["start"]))
    assert keys == sorted(keys)
    assert one(table, span="At Least 43")["source"] == dis.NO_SOURCE  # a related headline: no outlet, no date
    eighteen = one(table, span="18 prisoners")
    assert (eighteen["source"], eighteen["single_report"]) == ("Daily Express", "video")
    assert one(table, span="exceeded 114,000")["as_of"] == "2017-07-30"  # "until July 30"
    assert one(table, span="hundreds of thousands of migrants")["qualifier"] == "vague"
    assert pd.isna(one(table, span="hundreds of thousands of migrants")["value"])


def test_migrant_figures_side_by_side(table):
    m = dis.migration_figures(table, stated_only=True)
    by_value = m.set_index("value")
    assert by_value.at[114000.0, "source"] == "ABC News (US)" and by_value.at[114000.0, "as_of"] == "2017-07-30"
    assert by_value.at[95000.0, "source"] == "ANSAmed"
    assert by_value.at[111000.0, "source"] == "Middle East Eye"
    # three figures, three different things counted: crossings, arrivals in Italy, arrivals in Europe
    assert by_value.loc[[114000.0, 95000.0, 111000.0], "scope"].nunique() == 3
    assert m["value"].notna().all() and dis.migration_figures(table)["value"].isna().any()
    assert dis.figure_value(m, "arrivals in Italy") == 95000 and dis.figure_value(m, "no such scope", default=-1) == -1


def test_implied_share_of_italy(table):
    imp = dis.implied_shares(table)
    row = one(imp, item_id="update-04")
    assert (row["total"], row["share"], row["implied"]) == (114000.0, 85.0, 96900.0)  # 85 percent of 114,000


def test_same_quantity_twice(table):
    r = dis.restated_quantities(table).set_index("restating_span")
    km = r.loc["43 km"]
    assert (km["original_span"], km["consistent"]) == ("27 miles", True)
    assert abs(km["expected"] - 43.45) < 0.01 and km["km_if_nautical"] == 50.0  # so the page's miles are statute miles
    assert r.loc["18 blindfolded jihadis", "original_span"] == "18 prisoners"
    c = dis.casualty_figures(table)
    assert "18 blindfolded jihadis" not in set(c["span"])  # the headline restates the body: counted once
    assert {"executed on video", "ICC counts"} <= set(c["scope"])


# ---------------------------------------------------------------- ledger views, synthetic page
def test_synthetic_ledger_views(synth):
    page, articles = synth
    table = table_of(extract_claims(page, articles), articles, page)
    imp = dis.implied_shares(table)
    assert list(imp["implied"]) == [21000.0]  # 30 percent of 70,000
    r = dis.restated_quantities(table).set_index("restating_span")
    assert bool(r.at["19 km", "consistent"]) and abs(r.at["19 km", "km_if_nautical"] - 22.22) < 0.01
    assert not bool(r.at["30 km", "consistent"])  # 10 miles are 16 km, not 30
    empty = table_of(extract_claims(page, articles).iloc[0:0], articles, page)
    assert empty.empty and dis.implied_shares(empty).empty
    assert dis.restated_quantities(empty).empty and dis.migration_figures(empty).empty


def test_short_name():
    assert [dis.short_name(x) for x in ("CNA (Channel NewsAsia)", "Middle East Eye", "")] == [
        "CNA",
        "Middle East Eye",
        "",
    ]


def test_unit_kind():
    assert [dis.unit_kind(u) for u in ("migrants", "percent", "km", "years", "videos", "")] == [
        "people",
        "percent",
        "distance or time",
        "distance or time",
        "other things",
        "no unit",
    ]


def test_arrival_comparison_and_single_reports(table):
    a = dis.arrival_comparison(table)
    assert list(a["kind"]) == ["stated", "implied", "stated", "stated"]  # 30 July (ABC, twice), 3 Aug, 10 Aug
    assert list(a["as_of"]) == sorted(a["as_of"])
    implied = one(a, kind="implied")
    assert (implied["value"], implied["scope"], implied["qualifier"]) == (96900.0, "arrivals in Italy", "about")
    assert implied["figure"] == "almost 85 percent of more than 114,000"
    assert one(a, source="Middle East Eye")["value"] < one(a, source="ABC News (US)", kind="stated")["value"]
    s = dis.single_report_claims(table)
    assert (s["single_report"] != "").all() and "20 people" in set(s["span"]) and "six troops" in set(s["span"])
    assert "exceeded 114,000" not in set(s["span"])
    assert dis.figure_value(table, unit="miles") == 27 and dis.figure_value(table, unit="km") == 43
