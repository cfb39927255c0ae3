"""The page profiled as a source: outlets, dates and gaps, bare headlines, shouting, debris, framing terms, relays."""

import datetime as dt

import pandas as pd
import pytest

from libyabook.analysis import profile as P
from libyabook.analysis import tables
from libyabook.extract import framing as F
from libyabook.extract.corpus import page_from_bytes, parse_page
from libyabook.reference import RAW_PAGE, load_reference

SYNTHETIC = """\
A Test Post: Former Langley Friend Wins

A Test Post: Former Langley Friend Wins

A lead paragraph about a video of militias. Reuters’s Jane Doe reports.

Would you like to know more?

Bare linked headline about an EVIL plan (tabloidx, Jan 5, 2015)

Linked headline with excerpt (wirex, Mar 1, 2012)

“SHOCKING scenes, the NATO and UN officials said, were filmed in Tripoli.

Continue reading the main story

The renegade officer denied it….”

A Related Headline


  1. First update (wirex, Jun 2, 2019):

    "BREAKING: the coastguard said on Monday that Reuters had reported the clash.

    A Crosshead Here

    The clash left the port closed. Video below: the harbour."

  2. Second update (tabloidx, Jun 20, 2019):

    "The Terror returned, the evil men said."


Please enter your comment!"""

OUTLETS = pd.DataFrame(
    {
        "outlet": ["wirex", "tabloidx"],
        "name": ["Wire X", "Tabloid X"],
        "country": ["Italy", "United Kingdom"],
        "kind": ["wire", "tabloid"],
        "ownership": ["Owned by the Italian state.", "Private tabloid."],
    }
)
ENTITIES = pd.DataFrame(
    {
        "entity_id": ["reuters", "wirex", "haftar"],
        "name": ["Reuters", "Wire X", "Khalifa Haftar"],
        "type": ["organisation", "organisation", "person"],
        "group": ["media", "media", "libya_east"],
    }
)
NO_MENTIONS = pd.DataFrame(columns=["item_id", "entity_id", "entity_type", "surface", "line", "start", "end", "field"])


@pytest.fixture(scope="module")
def t():
    return tables.load(RAW_PAGE)


@pytest.fixture(scope="module")
def outlets():
    return load_reference("outlets")


@pytest.fixture(scope="module")
def syn():
    page = page_from_bytes(SYNTHETIC.encode("utf-8"), "synthetic.txt")
    articles, boilerplate = parse_page(page)
    return page, articles, boilerplate


# --- outlets ---------------------------------------------------------------------------------------------------


def test_items_by_outlet_on_the_page(t, outlets):
    df = P.items_by_outlet(t.articles, outlets).set_index("outlet")
    assert len(df) == 12  # twelve outlets name the dated items
    assert df.loc["express", "items"] == 3 and df.loc["express", "headlines_only"] == 1
    assert df.loc["express", "kind"] == "tabloid" and df.loc["ansamed", "kind"] == "wire"
    assert df.loc["gulfnews", "words"] == 0 and df.loc["ahram", "words"] == 0  # headlines without excerpt
    assert df.loc["middleeasteye", "items"] == 2 and df.loc["abcnews", "items"] == 2
    assert df.loc["businessinsider", "first"] == "2011-04-22"
    assert bool(df.loc["france24", "state_owned"]) and not bool(df.loc["NYT", "state_owned"])
    assert list(df["words"]) == sorted(df["words"], reverse=True)
    assert df["words"].sum() == t.articles.loc[t.articles["section"] != "lead", "n_words"].sum()


def test_items_by_outlet_lead_only_on_request(t, outlets):
    without = P.items_by_outlet(t.articles, outlets).set_index("outlet")
    with_lead = P.items_by_outlet(t.articles, outlets, include_lead=True).set_index("outlet")
    lead_words = int(t.articles.loc[t.articles["section"] == "lead", "n_words"].iloc[0])
    assert with_lead.loc["CNN", "words"] == without.loc["CNN", "words"] + lead_words
    assert with_lead.loc["CNN", "items"] == 2


def test_unknown_outlet_is_kept_with_kind_unknown(syn):
    page, articles, _ = syn
    df = P.items_by_outlet(articles, OUTLETS.iloc[:1]).set_index("outlet")
    assert df.loc["tabloidx", "kind"] == "unknown" and df.loc["tabloidx", "name"] == "tabloidx"
    assert df.loc["wirex", "kind"] == "wire" and bool(df.loc["wirex", "state_owned"])
    assert df.loc["wirex", "items"] == 2 and df.loc["tabloidx", "headlines_only"] == 1


def test_outlet_reference_flags_state_ownership(outlets):
    ref = P.outlet_reference(outlets).set_index("outlet")
    assert bool(ref.loc["ahram", "state_owned"])  # "State-owned (Egypt)"
    assert not bool(ref.loc["express", "state_owned"])


# --- sections and dates ----------------------------------------------------------------------------------------


def test_section_summary(t):
    s = P.section_summary(t.articles).set_index("section")
    assert list(s.index) == ["lead", "linked", "related", "update"]
    assert s.loc["linked", "items"] == 6 and s.loc["linked", "headline_only"] == 3
    assert s.loc["related", "items"] == 7 and s.loc["related", "dated"] == 0
    assert s.loc["update", "dated"] == 10 and s.loc["update", "with_excerpt"] == 10
    assert s.loc["update", "first"] == "2017-07-23" and s.loc["update", "last"] == "2017-08-15"
    assert s.loc["lead", "headline_only"] == 0


def test_headline_only(t):
    h = P.headline_only(t.articles)
    assert list(h["item_id"]) == ["linked-01", "linked-02", "linked-03"] + [f"related-{n:02d}" for n in range(1, 8)]
    evil = h[h["title"].str.contains("evil")]
    assert list(evil["outlet"]) == ["express"]


def test_publication_timeline_is_in_date_order(t):
    tl = P.publication_timeline(t.articles)
    assert len(tl) == 16
    assert tl["published"].is_monotonic_increasing
    assert tl.iloc[0]["outlet"] == "businessinsider" and tl.iloc[0]["published"] == "2011-04-22"
    assert sorted(set(tl["year"])) == [2011, 2014, 2016, 2017]
    same_day = tl[tl["published"] == "2017-08-03"]
    assert list(same_day["item_id"]) == ["update-04", "update-05"]  # page order breaks ties


def test_gaps_longest_first(t):
    g = P.gaps(t.articles, min_days=180)
    pairs = list(zip(g["from_date"], g["to_date"]))
    assert pairs == [("2011-04-22", "2014-05-21"), ("2014-05-22", "2016-02-28"), ("2016-05-21", "2017-07-23")]
    assert g.iloc[0]["days"] == (dt.date(2014, 5, 21) - dt.date(2011, 4, 22)).days
    assert g.iloc[0]["before_item"] == "linked-06" and g.iloc[0]["after_item"] == "linked-05"
    all_gaps = P.gaps(t.articles)
    assert len(all_gaps) == t.articles.loc[t.articles["published"] != "", "published"].nunique() - 1
    assert (all_gaps["days"] >= 1).all()


def test_bursts(t):
    b = P.bursts(t.articles, min_gap_days=180)
    assert list(b["first"]) == ["2011-04-22", "2014-05-21", "2016-02-28", "2017-07-23"]
    assert list(b["items"]) == [1, 2, 3, 10]
    assert b.iloc[-1]["last"] == "2017-08-15"
    assert len(P.bursts(t.articles, min_gap_days=10_000)) == 1


def test_date_order(t, syn):
    d = P.date_order(t.articles).set_index("section")["order"]
    assert d["linked"] == "newest first" and d["update"] == "oldest first" and d["related"] == "undated"
    _, articles, _ = syn
    assert P.date_order(articles).set_index("section")["order"]["linked"] == "newest first"
    mixed = pd.DataFrame(
        {"section": ["update"] * 3, "position": [1, 2, 3], "published": ["2017-01-02", "2017-01-01", "2017-01-03"]}
    )
    assert P.date_order(mixed).iloc[0]["order"] == "mixed"


def test_empty_dates_give_empty_tables(syn):
    _, articles, _ = syn
    undated = articles[articles["published"] == ""]
    assert P.publication_timeline(undated).empty and P.gaps(undated).empty and P.bursts(undated).empty


# --- extraction checks -----------------------------------------------------------------------------------------


def test_extraction_summary(t):
    s = P.extraction_summary(t).set_index("table")
    assert list(s.index) == ["articles", "boilerplate", "mentions", "quotes", "claims", "events", "uncoded"]
    assert s.loc["articles", "rows"] == 24 and s.loc["boilerplate", "rows"] == 5
    assert P.extraction_summary({n: t[n] for n in s.index}).equals(P.extraction_summary(t))


def test_verbatim_check(t, page):
    for name in F.VERBATIM_RULES:
        row = F.verbatim_row(page, name, getattr(t, name), t.articles).iloc[0]
        assert row["rows"] == row["verbatim"], name
    broken = t.mentions.assign(start=t.mentions["start"] + 1)
    bv = F.verbatim_row(page, "mentions", broken, t.articles).iloc[0]
    assert bv["verbatim"] < bv["rows"]


# --- what a reader should discount -----------------------------------------------------------------------------


def test_shouted_words_on_the_page(t, page):
    s = F.shouted_words(page, t.articles, t.mentions)
    words = set(s["word"])
    assert {"SECRET", "ARMY", "OBLITERATE", "BACKLASH", "SHOCKING"} <= words
    assert not words & {"LNA", "ISIS", "CIA", "UN", "ICC", "IOM", "UAE", "US", "CNN", "NYT", "FRANCE"}
    assert set(s["outlet"]) == {"express"}
    for r in s.itertuples():
        assert page.lines[r.line - 1][r.start : r.end] == r.word


def test_shouted_words_synthetic(syn):
    page, articles, _ = syn
    s = F.shouted_words(page, articles, NO_MENTIONS)
    assert list(s["word"]) == ["EVIL", "SHOCKING", "BREAKING"]
    assert list(s["field"]) == ["headline", "excerpt", "excerpt"]


def test_web_debris_on_the_page(t, page):
    d = F.web_debris(page, t.articles)
    debris = d[d["kind"] == "web debris"]
    assert "Continue reading the main story" in set(debris["text"])
    assert debris.set_index("text").loc["Continue reading the main story", "outlet"] == "NYT"
    assert any(x.startswith("Graphic footage follows") for x in debris["text"])
    assert "Sarraj 'needs to prove himself'" in set(d.loc[d["kind"] == "crosshead", "text"])
    for r in d.itertuples():
        assert page.lines[r.line - 1][r.start : r.end] == r.text


def test_web_debris_synthetic(syn):
    page, articles, _ = syn
    d = F.web_debris(page, articles)
    assert list(zip(d["kind"], d["text"])) == [
        ("web debris", "Continue reading the main story"),
        ("crosshead", "A Crosshead Here"),
        ("web debris", 'Video below: the harbour."'),
    ]


def test_find_terms_on_the_page(t, page):
    f = F.find_terms(page, t.articles, t.boilerplate)
    evil = f[f["term"] == "evil"]
    assert list(zip(evil["item_id"], evil["where"], evil["outlet"])) == [("linked-03", "headline", "express")]
    langley = f[f["term"] == "Langley"]
    assert list(langley["where"]) == ["post title"]  # the title is printed twice, counted once
    cia = f[f["term"] == "CIA"]
    assert set(cia["outlet"]) == {"businessinsider"}
    for r in f.itertuples():
        assert page.lines[r.line - 1][r.start : r.end] == r.surface


def test_find_terms_case_rule(syn):
    page, articles, boilerplate = syn
    f = F.find_terms(page, articles, boilerplate, ["evil", "Terror", "renegade", "militia", "Langley"])
    assert list(f.loc[f["term"] == "evil", "surface"]) == ["EVIL", "evil"]  # lower-case term: any case
    assert list(f.loc[f["term"] == "Terror", "surface"]) == ["Terror"]
    assert list(f.loc[f["term"] == "militia", "where"]) == ["lead"]
    assert list(f.loc[f["term"] == "Langley", "where"]) == ["post title"]
    table = P.term_table(f, ["evil", "Terror"]).set_index("term")
    assert table.loc["evil", "headline"] == 1 and table.loc["evil", "excerpt"] == 1
    assert table.loc["evil", "outlets"] == "tabloidx"


def test_relayed_media_on_the_page(t, outlets):
    r = P.relayed_media(t.mentions, t.articles, load_reference("entities"), outlets)
    bi = r[r["item_id"] == "linked-06"]
    assert set(bi["relays"]) == {"New York Times", "Washington Post"}
    assert "update-03" not in set(r["item_id"])  # France 24 quoting its own interview
    assert set(r.loc[r["item_id"] == "update-05", "relays"]) == {"Al Arabiya"}


def test_relayed_media_skips_own_outlet():
    articles = pd.DataFrame({"item_id": ["a", "b"], "outlet": ["wirex", "tabloidx"], "published": ["2019-01-01"] * 2})
    mentions = pd.DataFrame(
        {
            "item_id": ["a", "a", "b"],
            "entity_id": ["wirex", "reuters", "wirex"],
            "surface": ["Wire X", "Reuters", "Wire X"],
            "line": [3, 4, 9],
            "start": [0, 0, 5],
        }
    )
    r = P.relayed_media(mentions, articles, ENTITIES, OUTLETS)
    assert list(zip(r["item_id"], r["relays"])) == [("a", "Reuters"), ("b", "Wire X")]


def test_spellings_of_haftar(t):
    s = P.spellings(t.mentions, t.articles, "haftar").set_index("spelling")
    assert {"Haftar", "Hifter", "Heftir", "Hiftar"} <= set(s.index)
    assert s.loc["Heftir", "outlets"] == "businessinsider"
    assert s["mentions"].sum() == (t.mentions["entity_id"] == "haftar").sum()
    assert s.index[0] == "Haftar"
