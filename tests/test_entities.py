"""Tests for libyabook.extract.entities: name mentions resolved to people and organisations.

Counts asserted on the real page were made by reading it (and grep over lines 4-275, i.e. without the
post title): e.g. "Haftar" occurs 29 times, 6 of them inside "Khalifa Haftar" and 1 in "Haftar Khalifa".
"""

import re

import pandas as pd
import pytest

from libyabook.extract.corpus import page_from_bytes, parse_page
from libyabook.extract.entities import (
    CO_MENTION_COLUMNS,
    MENTION_COLUMNS,
    alias_pattern,
    co_mentions,
    find_mentions,
    load_aliases,
    load_entities,
    validate_aliases,
)


@pytest.fixture(scope="module")
def mentions(page, articles):
    return find_mentions(page, articles)


def surfaces(mentions, entity_id):
    return mentions.loc[mentions["entity_id"] == entity_id, "surface"].value_counts().to_dict()


def at(mentions, line):
    return mentions[mentions["line"] == line]


# --- the real page -------------------------------------------------------------------------------


def test_columns_and_offsets_exact(page, mentions):
    assert list(mentions.columns[:6]) == MENTION_COLUMNS
    assert len(mentions) > 100
    for row in mentions.itertuples():
        assert page.lines[row.line - 1][row.start : row.end] == row.surface


def test_sorted_and_no_overlaps(mentions):
    keys = list(zip(mentions["line"], mentions["start"]))
    assert keys == sorted(keys)
    for (l1, e1), (l2, s2) in zip(zip(mentions["line"], mentions["end"]), keys[1:]):
        assert l1 != l2 or e1 <= s2


def test_every_spelling_of_haftar(mentions):
    # hand count: Haftar 29 (minus 6 "Khalifa Haftar", 1 "Haftar Khalifa"), Hifter 6 (3 after Khalifa),
    # Heftir 3 (1 after Khalifa), Hiftar 1 (line 135)
    assert surfaces(mentions, "haftar") == {
        "Haftar": 22,
        "Khalifa Haftar": 6,
        "Haftar Khalifa": 1,
        "Khalifa Hifter": 3,
        "Hifter": 3,
        "Heftir": 2,
        "Khalifa Heftir": 1,
        "Hiftar": 1,
    }
    assert (mentions["entity_id"] == "haftar").sum() == 39


def test_spellings_cross_checked_with_raw_text(page, articles, mentions):
    item_text = "\n".join(page.lines[3:])  # everything after the post title (lines 1 and 3)
    for spelling in ("Haftar", "Hifter", "Heftir", "Hiftar"):
        found = mentions.loc[mentions["entity_id"] == "haftar", "surface"].str.count(spelling).sum()
        assert found == item_text.count(spelling), spelling


def test_gaddafi_and_sarraj_spellings(mentions):
    assert surfaces(mentions, "gaddafi") == {
        "Gaddafi": 4,
        "Qaddafi": 2,
        "Moamer Gadhafi": 1,
        "Moammar Gadhafi": 2,
        "Muammar Gaddafi": 2,
    }
    assert surfaces(mentions, "sarraj") == {
        "Fayez al-Sarraj": 2,
        "Sarraj": 3,
        "Fayez Serraj": 1,
        "Serraj": 1,
        "Fayez Sarraj": 1,
    }


def test_possessives_resolve_without_apostrophe_s(page, mentions):
    line21 = at(mentions, 21)  # Haftar’s newly formed movement (curly)
    row = line21[line21["entity_id"] == "haftar"].iloc[0]
    assert row.surface == "Haftar" and page.lines[20][row.end : row.end + 2] == "’s"
    row = at(mentions, 62).iloc[0]  # 1. Haftar's Libyan militia (straight)
    assert (row.entity_id, row.surface) == ("haftar", "Haftar") and page.lines[61][row.end] == "'"
    line125 = at(mentions, 125)  # Hifter's LNA ... Hifter directed
    assert list(line125["entity_id"]) == ["haftar", "lna", "haftar"]
    assert list(line125["surface"]) == ["Hifter", "LNA", "Hifter"]
    assert "Sarraj" in list(at(mentions, 75)["surface"])  # Sarraj's government


def test_titles_are_not_part_of_the_surface(page, mentions):
    row = at(mentions, 35).iloc[0]  # Is General Khalifa Hifter The CIA’s Man ...
    assert row.surface == "Khalifa Hifter" and page.lines[34][: row.start] == "Is General "
    assert "Khalifa Hifter" in list(at(mentions, 123)["surface"])  # Field Marshal Khalifa Hifter
    assert list(at(mentions, 99)["surface"])[0] == "Khalifa Haftar"  # General Khalifa Haftar
    line41 = at(mentions, 41)  # ... topple Colonel Qaddafi
    assert "Qaddafi" in list(line41["surface"]) and not line41["surface"].str.contains("Colonel").any()
    people = mentions.loc[mentions["entity_type"] == "person", "surface"]
    assert not people.str.contains(r"^(?:General|Gen|Prime|President|Premier|Colonel|Field)\b").any()


def test_inverted_name_is_one_mention(mentions):
    line64 = at(mentions, 64)  # Forces loyal to General Haftar Khalifa, known as ...
    assert list(line64["surface"]) == ["Haftar Khalifa", "Libyan National Army"]
    assert list(line64["entity_id"]) == ["haftar", "lna"]


def test_lna_un_and_acronyms(page, mentions):
    assert surfaces(mentions, "lna") == {"LNA": 13, "Libyan National Army": 4}
    # so-called Libyan National Army (LNA): two names written, qualifier excluded
    assert list(at(mentions, 227).query("entity_id == 'lna'")["surface"]) == ["Libyan National Army", "LNA"]
    # UN: The UN (95, 235). "UN-backed" (72, 101, 175, 233) and "U.N.-backed" (121, 213) describe the Tripoli
    # government, they are not the UN acting (issue 9): no mention there
    for line in (72, 101, 121, 175, 213, 233):
        assert re.search(r"U\.?N\.?-backed", page.lines[line - 1]), line
    assert sorted(mentions.loc[mentions["entity_id"] == "un", "line"]) == [95, 235]
    assert surfaces(mentions, "un") == {"UN": 2}
    assert list(at(mentions, 129)["surface"]) == ["U.N. migration agency"]
    assert list(at(mentions, 241)["entity_id"]) == ["icc", "unsc"]
    assert list(at(mentions, 177)["surface"]) == ["International Organization for Migration", "IOM"]


def test_places_and_descriptions_are_not_entities(mentions):
    assert not mentions["surface"].str.fullmatch(r"Libya|Libyan|Libyans|Tripoli|Benghazi|Egypt|Italy").any()
    assert at(mentions, 259).empty  # the boat named "Open Arms" is not the organisation
    # "Libya's eastern-based parliament" is the House of Representatives, the speaker of q023-q025 (issue 9)
    assert list(zip(at(mentions, 133).entity_id, at(mentions, 133).surface)) == [
        ("hor", "eastern-based parliament"),
        ("haftar", "Hifter"),
    ]
    assert at(mentions, 81)["entity_id"].tolist() == ["isis"]  # "Libyan army" is ambiguous: not resolved


def test_bylines_are_not_mentions_but_text_is(page, mentions):
    assert list(at(mentions, 15)["entity_id"]) == []  # (CNN, May 22, 2014) is the outlet field
    assert list(at(mentions, 181)["surface"]) == ["Doctors Without Borders"]  # (NYT, ...) excluded
    assert list(at(mentions, 5)["entity_id"]) == ["cnn", "karadsheh"]  # CNN’s Jomana Karadsheh
    assert surfaces(mentions, "france24") == {"FRANCE 24": 2}
    title_rows = mentions[mentions["field"] == "title"]
    assert set(title_rows["line"]) >= {9, 11, 13, 35, 49, 57, 62, 81, 97, 139, 151, 181, 223, 243}


def test_every_named_person_and_organisation_is_found(mentions):
    expected_people = {
        "haftar",
        "gaddafi",
        "sarraj",
        "psaki",
        "karadsheh",
        "bill_clinton",
        "reagan",
        "sisi",
        "el_houti",
        "gentiloni",
        "macron",
        "qassem",
        "bouhaliya",
        "de_filippi",
        "lanuza",
        "manconi",
        "zidan",
        "warfalli",
    }
    expected_orgs = {
        "lna",
        "gnc",
        "gna",
        "hor",
        "cia",
        "state_department",
        "un",
        "unsc",
        "icc",
        "iom",
        "msf",
        "proactiva",
        "jugend_rettet",
        "save_the_children",
        "sea_eye",
        "isis",
        "al_qaeda",
        "muslim_brotherhood",
        "ansar_al_sharia",
        "mstb",
        "zintan_brigade",
        "trb",
        "libyan_navy",
        "libyan_coastguard",
        "italian_coast_guard",
        "italian_parliament",
        "italian_chamber",
        "italian_senate",
        "reuters",
        "al_arabiya",
        "france24",
        "nyt",
        "washington_post",
        "cnn",
    }
    found = set(mentions["entity_id"])
    assert expected_people <= found and expected_orgs <= found
    types = mentions.drop_duplicates("entity_id").set_index("entity_id")["entity_type"]
    assert all(types[e] == "person" for e in expected_people)
    assert all(types[e] == "organisation" for e in expected_orgs)


def test_coastguards_and_other_counts(mentions):
    # Libyan coastguard 6 + Libyan/Libya’s Coast Guard 4 + Libyan coast guard 2; bare "coastguard" (155) not
    assert len(mentions.query("entity_id == 'libyan_coastguard'")) == 12
    assert surfaces(mentions, "italian_coast_guard") == {"Italy’s Coast Guard": 1, "Italian Coast Guard": 1}
    assert len(mentions.query("entity_id == 'msf'")) == 6
    assert surfaces(mentions, "warfalli") == {"Mahmoud al-Warfalli": 1, "Warfalli": 3}
    assert surfaces(mentions, "zidan") == {"Ali Zidan": 1, "Zidan": 3}
    assert surfaces(mentions, "proactiva") == {"Proactiva Open Arms": 3, "Proactiva": 1}
    assert surfaces(mentions, "isis") == {"Islamic State": 1, "Islamic State group": 2, "ISIS": 3}
    assert surfaces(mentions, "reagan") == {"Reagan": 1}


def test_item_ids_match_lines(articles, mentions):
    spans = articles.set_index("item_id")[["line_start", "line_end"]]
    for row in mentions.itertuples():
        assert spans.at[row.item_id, "line_start"] <= row.line <= spans.at[row.item_id, "line_end"]


def test_deterministic(page, articles, mentions):
    pd.testing.assert_frame_equal(find_mentions(page, articles), mentions)


# --- summaries -----------------------------------------------------------------------------------


def test_co_mentions(mentions):
    pairs = co_mentions(mentions)
    assert list(pairs.columns) == CO_MENTION_COLUMNS
    assert (pairs["entity_a"] < pairs["entity_b"]).all()
    assert list(zip(pairs["entity_a"], pairs["entity_b"])) == sorted(zip(pairs["entity_a"], pairs["entity_b"]))
    by = pairs.set_index(["entity_a", "entity_b"])
    # Haftar and the LNA together: linked-04, update-01, -02, -04 (Hifter's LNA), -09
    assert by.at[("haftar", "lna"), "item_ids"] == "linked-04;update-01;update-02;update-04;update-09"
    assert by.at[("haftar", "sarraj"), "n_items"] == 4  # updates 1, 3, 4, 5
    assert ("psaki", "sarraj") not in by.index  # never in the same item
    assert by.at[("icc", "warfalli"), "item_ids"] == "update-09"


# --- synthetic pages: the rules generalise -------------------------------------------------------

SYNTHETIC = """Another Compiled Page

Another Compiled Page

Footage shows the eastern commander. BBC’s Jane Doe reports.

Would you like to know more?

HAFTAR meets al-Serraj in Abu Dhabi (aljazeera, Feb 28, 2019)

“Field Marshal Khalifa Haftir and Fayez al-Serraj met in Abu Dhabi, the UNESCO office said, while Khalifa Ghweil stayed away. Un homme said the United States backed the UN plan.”

  1. Hafter’s forces advance on Tripoli (libyaobserver, Apr 4, 2019):

    "Forces of Khalifa Belqasim Haftar, the self-styled LNA, said Daesh and Al Qaeda cells were hit. Médecins Sans Frontières (MSF) and Sea-Eye said an Islamic state is not their concern; the lna page and Sarrajabad were quiet. Colonel Kadhafi's old guard, Qaddafi-era officers, and the Haftar-led forces met ICCs."
"""


@pytest.fixture(scope="module")
def synthetic():
    page = page_from_bytes(SYNTHETIC.encode("utf-8"), "synthetic.txt")
    articles, _ = parse_page(page)
    return page, articles, find_mentions(page, articles)


def test_synthetic_unseen_spellings(synthetic):
    page, articles, m = synthetic
    for row in m.itertuples():
        assert page.lines[row.line - 1][row.start : row.end] == row.surface
    got = list(zip(m["entity_id"], m["surface"]))
    assert got == [
        ("haftar", "HAFTAR"),
        ("sarraj", "al-Serraj"),
        ("haftar", "Khalifa Haftir"),
        ("sarraj", "Fayez al-Serraj"),
        ("un", "UN"),
        ("haftar", "Hafter"),
        ("haftar", "Khalifa Belqasim Haftar"),
        ("lna", "LNA"),
        ("isis", "Daesh"),
        ("al_qaeda", "Al Qaeda"),
        ("msf", "Médecins Sans Frontières"),
        ("msf", "MSF"),
        ("sea_eye", "Sea-Eye"),
        ("gaddafi", "Kadhafi"),
        ("gaddafi", "Qaddafi"),
        ("haftar", "Haftar"),
    ]
    assert set(m["item_id"]) == {"linked-01", "update-01"}
    assert list(m.loc[m["surface"] == "HAFTAR", "field"]) == ["title"]


def test_synthetic_word_boundaries_and_case(synthetic):
    page, _, m = synthetic
    line = page.lines[m.loc[m["surface"] == "UN", "line"].iloc[0] - 1]
    assert line.count("UN") == 2  # UNESCO and UN: only the word matches
    assert list(m.loc[m["entity_id"] == "un", "surface"]) == ["UN"]  # not "Un homme", "United States"
    assert not m["surface"].isin(["Un", "lna", "Islamic state", "Sarraj", "ICC", "Khalifa", "United"]).any()
    assert "BBC" not in set(m["surface"])  # not in the reference tables: not guessed


def test_custom_alias_table(synthetic):
    page, articles, _ = synthetic
    aliases = pd.DataFrame(
        {
            "entity_id": ["ghweil", "haftar", "bbc"],
            "alias": ["Khalifa Ghweil", "Haftir", "BBC"],
            "case": ["fold", "fold", "exact"],
        }
    )
    m = find_mentions(page, articles, aliases)
    assert list(m["surface"]) == ["BBC", "Haftir", "Khalifa Ghweil"]
    assert list(m["entity_id"]) == ["bbc", "haftar", "ghweil"]
    assert list(m["item_id"]) == ["lead", "linked-01", "linked-01"]


def test_longest_alias_wins_regardless_of_table_order(synthetic):
    page, articles, _ = synthetic
    aliases = pd.DataFrame(
        {
            "entity_id": ["haftar", "haftar", "sarraj"],
            "alias": ["Haftir", "Khalifa Haftir", "Fayez al-Serraj"],
            "case": "exact",
        }
    )
    m = find_mentions(page, articles, aliases)
    assert list(m["surface"]) == ["Khalifa Haftir", "Fayez al-Serraj"]


# --- the alias table -----------------------------------------------------------------------------


def test_duplicate_alias_for_two_entities_is_an_error():
    aliases = pd.DataFrame({"entity_id": ["haftar", "hifter_clan"], "alias": ["Hifter", "Hifter"], "case": "fold"})
    with pytest.raises(ValueError, match="'Hifter'.*two entities"):
        validate_aliases(aliases)
    variant = pd.DataFrame({"entity_id": ["al_qaeda", "other"], "alias": ["al Qaeda", "Al-Qaeda"]})
    with pytest.raises(ValueError, match="Al-Qaeda"):  # same name up to case and hyphen
        validate_aliases(variant)


def test_alias_file_errors_name_the_alias(tmp_path):
    ents = tmp_path / "entities.csv"
    ents.write_text("entity_id,name,type,role\nhaftar,Khalifa Haftar,person,x\nsarraj,Fayez al-Sarraj,person,y\n")
    bad = tmp_path / "aliases.csv"
    bad.write_text(
        "entity_id,alias,case,kind\nhaftar,Haftar,fold,short\nsarraj,Sarraj,fold,short\nsarraj,Haftar,fold,short\n"
    )
    with pytest.raises(ValueError, match=r"aliases\.csv: alias 'Haftar' is mapped to two entities"):
        load_aliases(ents, bad)
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("entity_id,alias,case\nhaftar,Haftar,fold\nsarraj,Sarraj,fold\nzz,Zed,fold\n")
    with pytest.raises(ValueError, match="'Zed'.*'zz'"):
        load_aliases(ents, unknown)
    badcase = tmp_path / "badcase.csv"
    badcase.write_text("entity_id,alias,case\nhaftar,Haftar,loose\nsarraj,Sarraj,fold\n")
    with pytest.raises(ValueError, match=r"badcase\.csv:2: case 'loose'; expected one of exact, fold"):
        load_aliases(ents, badcase)  # the schema of data/reference/datapackage.json, checked by frictionless


def test_entity_file_errors_name_file_row_and_expectation(tmp_path):
    ents = tmp_path / "entities.csv"
    ents.write_text("entity_id,name,type,role\nhaftar,Khalifa Haftar,person,x\nSarraj,Fayez al-Sarraj,person,y\n")
    with pytest.raises(ValueError, match=r"entities\.csv:3: entity_id 'Sarraj'; expected Lowercase slug"):
        load_entities(ents)
    ents.write_text("entity_id,name,type,role\nhaftar,Khalifa Haftar,persn,x\nhaftar,Haftar,person,y\n")
    with pytest.raises(ValueError, match=r"entities\.csv:2: type 'persn'; expected one of person, organisation"):
        load_entities(ents)


def test_reference_tables_are_consistent():
    entities = load_entities()
    aliases = load_aliases()
    assert entities["entity_id"].is_unique
    assert set(aliases["entity_id"]) == set(entities["entity_id"])
    assert set(entities["type"]) == {"person", "organisation"}
    assert (entities["role"].str.len() > 0).all() and (entities["group"].str.len() > 0).all()
    named = set(aliases["alias"])
    # the canonical name is itself an alias, except the HoR whose bare name is ambiguous (US Congress)
    assert [n for e, n in zip(entities["entity_id"], entities["name"]) if n not in named] == [
        "House of Representatives"
    ]
    # acronyms are case-sensitive so "un" / "lna" never match
    for acronym in ("UN", "LNA", "ICC", "CIA", "ISIS", "MSF", "IOM"):
        assert aliases.set_index("alias").at[acronym, "case"] == "exact"


def test_alias_pattern_rules():
    assert alias_pattern("Sarraj", "fold").search("al-Sarraj's")
    assert not alias_pattern("Sarraj", "fold").search("Sarrajabad")
    assert not alias_pattern("UN", "exact").search("UNESCO, United, un")
    assert not alias_pattern("UN", "exact").search("the UN-backed government, the U.N.-backed one")
    assert alias_pattern("U.N.", "exact").search("the U.N. agency").group() == "U.N."
    assert alias_pattern("Haftar", "fold").search("the Haftar-led forces")
    assert alias_pattern("Tripoli Revolutionaries' Brigade", "fold").search("Tripoli Revolutionaries’ Brigade")
    assert alias_pattern("al Qaeda", "fold").search("AL-QAEDA")
    with pytest.raises(ValueError, match="'X'.*sloppy"):
        alias_pattern("X", "sloppy")
