"""Spellings, titles and labels attached to Haftar and his opponents, checked against a reading of the page.

Facts asserted on the study page were counted by reading it: the name is spelled Haftar (29 times, 6 of
them in "Khalifa Haftar" and 1 in "Haftar Khalifa"), Hifter 6, Heftir 3, Hiftar 1; abcnews never writes
"Haftar", businessinsider writes Hifter and Heftir; a title stands right before the name 9 times
(lines 35, 39, 64, 77, 99, 123, 139, 141, 225): "Field Marshal" once (abcnews), "Gen" once (ansamed
headline), "General"/"general" seven times. "renegade" occurs on lines 23, 25 and 225.
"""

import bisect
import random

import pandas as pd
import pytest

from libyabook.analysis.labels import (
    SPELLING_COLUMNS,
    items_naming,
    label_summary,
    label_total,
    mentions_per_item,
    question_titles,
    spelling_of,
    spelling_summary,
    spellings,
    title_summary,
)
from libyabook.extract.corpus import page_from_bytes, parse_page
from libyabook.extract.entities import find_mentions
from libyabook.extract.labels import (
    FRAMING_COLUMNS,
    HIT_COLUMNS,
    NO_TITLE,
    TITLE_COLUMNS,
    _resolve_overlaps,
    framing_labels,
    label_counts,
    load_labels,
    titles_before,
    validate_labels,
)


@pytest.fixture(scope="module")
def boilerplate(parsed):
    return parsed[1]


@pytest.fixture(scope="module")
def mentions(page, articles):
    return find_mentions(page, articles)


@pytest.fixture(scope="module")
def hits(page, articles, mentions):
    return label_counts(page, articles, mentions=mentions)


@pytest.fixture(scope="module")
def titled(page, mentions, articles):
    return titles_before(page, mentions, "haftar", articles=articles)


def synthetic(text: str):
    page = page_from_bytes(text.encode("utf-8"), "synthetic.txt")
    articles, boilerplate = parse_page(page)
    return page, articles, boilerplate, find_mentions(page, articles)


SYNTHETIC = """Test Page: Ex-Langley Affiliate Hafter Leads

Test Page: Ex-Langley Affiliate Hafter Leads

A synthetic lead about a strongman in the east. Reuters’s Test Reporter reports.

Would you like to know more?

Is the strongman Khalifa Hiftar a warlord? (lemonde, Sept 3, 2019)

“Gen. Hafter met U.S. officials. The self-styled field marshal spoke to Islamist militants on Monday.

Militants denied it. The so-called council met; the General National Congress did not.”

Bare Related Headline

  1. Second test (bbc, Oct 9, 2019):

    "Retired General Khalifa Haftar, a strongman, said so-called rebels and jihadists fled. Colonel Qaddafi was gone.

    Prime Minister Fayez Serraj spoke. Haftar's militia advanced. Another militia withdrew."

Please enter your comment!
"""


# --- the vocabulary ---------------------------------------------------------------------------------


def test_reference_vocabulary_is_valid_and_covers_the_brief():
    labels = load_labels()
    assert set(labels["applies_to"]) == {"haftar_side", "opponents", "either"}
    for label in (
        "renegade",
        "self-styled",
        "Field Marshal",
        "eastern commander",
        "Libyan National Army",
        "so-called",
        "retired general",
        "former Gaddafi ally",
        "Tobruk-based",
        "strongman",
    ):
        assert label in set(labels.loc[labels["applies_to"] == "haftar_side", "label"]), label
    for label in ("Islamists", "Islamist militias", "terrorists", "jihadis", "jihadists", "extremists", "militants"):
        assert label in set(labels.loc[labels["applies_to"] == "opponents", "label"]), label
    titles = set(labels.loc[labels["kind"] == "title", "label"])
    assert {"General", "Gen", "Field Marshal", "Colonel", "retired general"} <= titles


@pytest.mark.parametrize(
    "row, message",
    [
        ({"label": "x", "applies_to": "friends", "kind": "descriptor"}, "applies_to"),
        ({"label": "x", "applies_to": "opponents", "kind": "word"}, "kind"),
        ({"label": "x", "applies_to": "opponents", "kind": "descriptor", "scope": "page"}, "scope"),
        ({"label": "x", "applies_to": "opponents", "kind": "descriptor", "pattern": "(unclosed"}, "compile"),
        ({"label": "x", "applies_to": "opponents", "kind": "descriptor", "pattern": "a?"}, "empty"),
        ({"label": " x", "applies_to": "opponents", "kind": "descriptor"}, "spaces"),
    ],
)
def test_validate_labels_rejects_bad_rows(row, message):
    with pytest.raises(ValueError, match=message):
        validate_labels(pd.DataFrame([row]), "bad.csv")


def test_validate_labels_rejects_duplicates_but_allows_one_per_kind():
    row = {"label": "Field Marshal", "applies_to": "either", "kind": "title"}
    with pytest.raises(ValueError, match="twice"):
        validate_labels(pd.DataFrame([row, row]))
    ok = validate_labels(pd.DataFrame([row, {**row, "kind": "descriptor"}]))
    assert list(ok["scope"]) == ["item", "item"] and list(ok["case"]) == ["fold", "fold"]


# --- spellings -------------------------------------------------------------------------------------


def test_spellings_on_the_page(page, articles, mentions):
    spelled = spellings(mentions, articles)
    assert list(spelled.columns) == SPELLING_COLUMNS
    assert spelled["spelling"].value_counts().to_dict() == {"Haftar": 29, "Hifter": 6, "Heftir": 3, "Hiftar": 1}
    for row in spelled.itertuples():
        assert page.lines[row.line - 1][row.start : row.end] == row.surface
        assert row.spelling in row.surface
    by_outlet = spelled.groupby("outlet")["spelling"].agg(set).to_dict()
    assert by_outlet["abcnews"] == {"Hifter", "Hiftar"}
    assert by_outlet["businessinsider"] == {"Hifter", "Heftir"}
    assert by_outlet["channelnewsasia"] == {"Haftar"}


def test_spellings_cross_checked_with_raw_text(page, articles, mentions):
    spelled = spellings(mentions, articles)
    items_text = "\n".join(page.lines[3:])  # after the post title lines
    for spelling in ("Haftar", "Hifter", "Heftir", "Hiftar"):
        assert (spelled["spelling"] == spelling).sum() == items_text.count(spelling)


def test_spelling_summary(mentions, articles):
    summary = spelling_summary(spellings(mentions, articles)).set_index("spelling")
    assert summary.index[0] == "Haftar"
    assert summary.loc["Heftir", "outlets"] == "businessinsider"
    assert summary.loc["Hifter", "n_outlets"] == 2


def test_spelling_of_uses_the_alias_table():
    assert spelling_of("Khalifa Hifter", "haftar") == "Hifter"
    assert spelling_of("HAFTAR", "haftar") == "Haftar"
    assert spelling_of("Fayez al-Serraj", "sarraj") == "Serraj"
    assert spelling_of("Muammar Qaddafi", "gaddafi") == "Qaddafi"
    assert spelling_of("Somebody", "haftar") == "Somebody"


# --- titles ----------------------------------------------------------------------------------------


def test_titles_before_haftar_on_the_page(page, titled):
    assert list(titled.columns) == TITLE_COLUMNS
    assert len(titled) == 39
    with_title = titled[titled["title"] != NO_TITLE]
    assert list(with_title["line"]) == [35, 39, 64, 77, 99, 123, 139, 141, 225]
    assert with_title["title"].value_counts().to_dict() == {"General": 7, "Field Marshal": 1, "Gen": 1}
    assert with_title.set_index("line").loc[123, "outlet"] == "abcnews"
    assert with_title.set_index("line").loc[225, "span"] == "general"  # the page's lower case kept
    for row in titled.itertuples():
        text = page.lines[row.line - 1]
        assert text[row.start : row.end] == row.span
        assert text[row.mention_start :].startswith(row.surface)
        assert row.end <= row.mention_start and text[row.end : row.mention_start].strip() == ""


def test_titles_before_other_people(page, mentions):
    gaddafi = titles_before(page, mentions, "gaddafi")
    assert gaddafi.loc[gaddafi["title"] != NO_TITLE, "span"].tolist() == ["Colonel"]  # line 41
    sarraj = titles_before(page, mentions, "sarraj")
    assert sarraj["title"].value_counts().to_dict() == {NO_TITLE: 4, "Prime Minister": 3, "Premier": 1}
    qassem = titles_before(page, mentions, "qassem")  # "General Ayoub Qassem" is not Haftar's title
    assert qassem["title"].tolist() == ["General", NO_TITLE]


def test_title_summary(titled):
    summary = title_summary(titled).set_index("title")
    assert summary.index[0] == NO_TITLE and summary.loc[NO_TITLE, "n"] == 30
    assert summary.loc["General", "n"] == 7 and summary.loc["General", "n_outlets"] == 5
    assert summary.loc["Field Marshal", "outlets"] == "abcnews"


# --- labels ----------------------------------------------------------------------------------------


def test_label_hits_are_verbatim_and_sorted(page, hits):
    assert list(hits.columns) == HIT_COLUMNS
    for row in hits.itertuples():
        assert page.lines[row.line - 1][row.start : row.end] == row.span
    keys = list(zip(hits["line"], hits["start"]))
    assert keys == sorted(keys)
    for (l1, e1), (l2, s2) in zip(zip(hits["line"], hits["end"]), keys[1:]):
        assert l1 != l2 or e1 <= s2  # no overlapping labels on a line


def test_labels_for_haftar_side_on_the_page(hits):
    at = hits.set_index(["line", "label"])
    assert hits.loc[hits["label"] == "renegade", "line"].tolist() == [23, 25, 225]
    assert set(hits.loc[hits["label"] == "renegade", "outlet"]) == {"channelnewsasia", "middleeasteye"}
    assert at.loc[(121, "self-styled"), "outlet"] == "abcnews"
    assert at.loc[(123, "Field Marshal"), "span"] == "Field Marshal"
    assert at.loc[(99, "eastern commander"), "outlet"] == "france24"
    assert at.loc[(5, "retired general"), "span"] == "retired Libyan general"
    assert at.loc[(73, "former Gaddafi ally"), "outlet"] == "alaraby"
    assert at.loc[(141, "Tobruk-based"), "outlet"] == "ansamed"
    assert at.loc[(227, "so-called"), "outlet"] == "middleeasteye"
    assert hits.loc[hits["label"] == "Libyan National Army", "line"].tolist() == [21, 64, 87, 227]
    assert at.loc[(35, "CIA's man"), "field"] == "title"


def test_labels_for_opponents_on_the_page(hits):
    def lines(label):
        return hits.loc[hits["label"] == label, "line"].tolist()

    assert lines("Islamist militias") == [5, 27]
    assert lines("Islamist groups") == [72, 103]
    assert lines("Islamists") == [79]
    assert lines("jihadists") == [25] and lines("jihadis") == [81]
    assert lines("extremists") == [99, 103, 105]
    assert lines("terrorists") == [17, 97]
    assert "Islamist" not in set(hits["label"])  # every use is inside a longer label
    assert set(hits.loc[hits["applies_to"] == "opponents", "label"]) >= {"evil", "enemies", "rival factions"}


def test_labels_skip_bylines_and_post_title(page, articles, hits):
    assert not (hits["label"] == "Ex-Langley affiliate").any()
    assert hits["line"].min() > 3
    titles = articles.set_index("item_id")["title"]
    for row in hits[hits["field"] == "title"].itertuples():
        at = page.lines[row.line - 1].find(titles[row.item_id])
        assert at <= row.start and row.end <= at + len(titles[row.item_id])


def test_a_label_in_a_byline_is_not_counted():
    page, articles, _, mentions = synthetic(
        "T\n\nLead text. CNN’s A B reports.\n\nWould you like to know more?\n\n"
        "Haftar the renegade speaks (renegade times, May 1, 2015)\n\nRelated\n"
    )
    hits = label_counts(page, articles, mentions=mentions)
    assert hits["span"].tolist() == ["renegade"] and hits["start"].tolist() == [11]
    assert articles.loc[articles["item_id"] == "linked-01", "outlet"].item() == "renegade times"


def test_framing_labels_are_the_post_title(page, boilerplate):
    framing = framing_labels(page, boilerplate)
    assert list(framing.columns) == FRAMING_COLUMNS
    assert framing["line"].tolist() == [1, 1, 3, 3]
    assert set(framing["span"]) == {"Ex-Langley Affiliate", "Anti-Islamist"}
    for row in framing.itertuples():
        assert page.lines[row.line - 1][row.start : row.end] == row.span


def test_label_summary_and_total(hits):
    summary = label_summary(hits).set_index("label")
    assert summary.loc["renegade", "n"] == 3 and summary.loc["renegade", "n_items"] == 2
    assert summary.loc["extremists", "outlets"] == "france24"
    assert list(summary["n"]) == sorted(summary["n"], reverse=True)
    assert label_total(hits, "renegade") == 3
    assert label_total(hits, "no such label") == 0
    assert label_total(hits, applies_to="opponents") + label_total(hits, applies_to="haftar_side") + label_total(
        hits, applies_to="either"
    ) == len(hits)


def test_sentence_scope_needs_the_name_in_the_sentence():
    page, articles, boilerplate, mentions = synthetic(SYNTHETIC)
    hits = label_counts(page, articles, mentions=mentions)
    spans = list(zip(hits["label"], hits["span"]))
    # "strongman" is sentence-scoped: counted in the headline and update sentence naming him, not in the lead
    assert hits.loc[hits["label"] == "strongman", "item_id"].tolist() == ["linked-01", "update-01"]
    assert ("warlord", "warlord") in spans
    # "so-called council" does not name him; "so-called rebels" is in a sentence with "Khalifa Haftar"
    assert hits.loc[hits["label"] == "so-called", "item_id"].tolist() == ["update-01"]
    # "Haftar's militia advanced." counts; "Another militia withdrew." (next sentence, no name) does not
    assert hits.loc[hits["label"] == "militia", "line"].tolist() == [21]
    assert len(hits[hits["label"] == "militia"]) == 1
    # item-scoped labels anywhere; case folded; longest wins
    assert ("self-styled", "self-styled") in spans and ("Field Marshal", "field marshal") in spans
    assert ("militants", "militants") in spans and ("militants", "Militants") in spans
    assert ("jihadists", "jihadists") in spans and ("rebels", "rebels") in spans
    assert ("Islamist", "Islamist") in spans and ("retired general", "Retired General") in spans
    assert (hits["outlet"].isin(["lemonde", "bbc"])).all() and set(hits["year"]) == {2019}


def test_titles_and_spellings_generalise_to_another_page():
    page, articles, boilerplate, mentions = synthetic(SYNTHETIC)
    titled = titles_before(page, mentions, "haftar", articles=articles)
    got = dict(zip(titled["surface"], titled["span"]))
    assert got["Hafter"] == "Gen."
    assert got["Khalifa Haftar"] == "Retired General"
    assert got["Khalifa Hiftar"] == ""  # "strongman" is not a title
    assert titled.loc[titled["surface"] == "Khalifa Haftar", "title"].item() == "retired general"
    assert titles_before(page, mentions, "gaddafi")["title"].tolist() == ["Colonel"]
    assert titles_before(page, mentions, "sarraj")["title"].tolist() == ["Prime Minister"]
    spelled = spellings(mentions, articles)
    assert spelled["spelling"].tolist() == ["Hiftar", "Hafter", "Haftar", "Haftar"]
    assert set(spelled["year"]) == {2019}
    framing = framing_labels(page, boilerplate)
    assert framing["span"].tolist() == ["Ex-Langley Affiliate", "Ex-Langley Affiliate"]


def test_general_national_congress_is_no_title_or_label():
    page, articles, boilerplate, mentions = synthetic(SYNTHETIC)
    hits = label_counts(page, articles, mentions=mentions)
    line = next(i for i, text in enumerate(page.lines, 1) if "General National Congress" in text)
    assert not ((hits["line"] == line) & hits["span"].str.contains("General")).any()


def test_a_custom_vocabulary_and_empty_inputs(page, articles, mentions):
    vocab = pd.DataFrame([{"label": "navy", "applies_to": "either", "kind": "descriptor", "pattern": "navy"}])
    hits = label_counts(page, articles, vocab, mentions)
    assert set(hits["label"]) == {"navy"}
    assert hits["line"].tolist() == [119, 151, 153, 155, 155]  # grep -i -w navy over the items
    assert hits["field"].tolist()[:2] == ["title", "title"]
    none = label_counts(page, articles.iloc[0:0], mentions=mentions)
    assert none.empty and list(none.columns) == HIT_COLUMNS
    assert label_summary(none).empty
    assert spellings(mentions.iloc[0:0], articles).empty


# --- items and framing -----------------------------------------------------------------------------


def test_the_cia_link_rests_on_one_item(mentions, articles):
    naming = items_naming(mentions, articles, ["cia", "nyt", "washington_post"])
    assert set(naming["item_id"]) == {"linked-06"}
    assert naming.set_index("entity_id").loc["cia", "n_mentions"] == 3  # title, lines 41 and 45
    assert naming["outlet"].unique().tolist() == ["businessinsider"]


def test_question_titles():
    articles = pd.DataFrame(
        {
            "item_id": ["a", "b", "c"],
            "outlet": ["x", "y", "z"],
            "published": ["", "", ""],
            "title": ["Is he the man?", "He is the man", "“Who is he?”"],
        }
    )
    assert question_titles(articles)["item_id"].tolist() == ["a", "c"]


def test_question_titles_on_the_page(articles):
    asks = question_titles(articles)
    assert asks["item_id"].tolist() == ["linked-06"]
    assert asks["title"].item() == "Is General Khalifa Hifter The CIA’s Man In Libya?"


def test_mentions_per_item(mentions, articles):
    per_item = mentions_per_item(mentions, articles)
    got = dict(zip(per_item["item_id"], per_item["n_mentions"]))
    assert got["update-03"] == 7 and got["linked-05"] == 5 and got["linked-01"] == 1
    assert "update-06" not in got and per_item["n_mentions"].sum() == 39


def overlaps_resolved_by_neighbours(candidates):
    """The plain reading ``_resolve_overlaps`` replaced: a sorted list of the matches taken, each candidate checked
    against its two neighbours and inserted in place (quadratic in the hits of a line)."""
    taken = []
    for start, end, k in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0], c[2])):
        at = bisect.bisect_left(taken, (start, end, k))
        if (at == 0 or taken[at - 1][1] <= start) and (at == len(taken) or end <= taken[at][0]):
            taken.insert(at, (start, end, k))
    return taken


@pytest.mark.parametrize("seed", range(30))
def test_overlaps_are_resolved_as_by_the_neighbour_check(seed):
    """Longest first, then leftmost, then vocabulary order, empty matches and touching ones included."""
    rng = random.Random(seed)
    for _ in range(200):
        candidates = []
        for _ in range(rng.randint(0, 12)):
            start = rng.randint(0, 20)
            candidates.append((start, start + rng.choice([0, 1, 1, 2, 3, 5, 8]), rng.randint(0, 4)))
        candidates = sorted(set(candidates), key=lambda c: rng.random())
        assert _resolve_overlaps(candidates) == overlaps_resolved_by_neighbours(candidates), candidates
