"""Quotations: every quote verbatim, excerpt marks never taken for quotes, speakers as a reader names them."""

import re

import pandas as pd
import pytest

from libyabook.extract.corpus import body_lines
from libyabook.extract.quotes import QUOTE_COLUMNS, extract_quotes, resolve_speaker

from synthetic import parse

# Every quotation on the study page, listed by reading it line by line:
# (line, line_end, text, speaker, kind, verb); text is the whole quote, or "start|end" for long ones.
PAGE_QUOTES = [
    (11, 11, "too risky,", "sisi", "headline", "says"),
    (17, 17, "a state sponsor of terror… and a hideout for terrorists.", "haftar", "statement", "said"),
    (
        29,
        29,
        "We have not had contact with him (Haftar) recently.|nor have we assisted with these actions,",
        "psaki",
        "statement",
        "told",
    ),
    (
        31,
        31,
        "So we are continuing to call on all parties|resolution through peaceful means,",
        "psaki",
        "statement",
        "added",
    ),
    (33, 33, "outlaw", "Libyan authorities", "term", "branded"),
    (41, 41, "They were trained", "nyt", "statement", "said"),
    (
        41,
        41,
        "by American intelligence officials in sabotage|eagerness to topple Colonel Qaddafi",
        "nyt",
        "statement",
        "said",
    ),
    (
        43,
        43,
        "unrest today in Jabal Akhdar mountains|in an uprising against the government",
        "washington_post",
        "statement",
        "reported",
    ),
    (57, 57, "No One In Libya Wants Al-Qaeda", "", "headline", ""),
    (
        68,
        68,
        "Special forces carried out an attack on Friday|advanced and controlled several points,",
        "el_houti",
        "statement",
        "said",
    ),
    (77, 77, "liberation", "haftar", "term", "declared"),
    (99, 99, "extremists", "haftar", "term", "vowed"),
    (99, 99, "military solutions", "haftar", "term", "saying"),
    (103, 103, "extremists", "haftar", "term", "said"),
    (105, 105, "Military solutions shall be selected for enemies,", "haftar", "statement", "told"),
    (
        105,
        105,
        "For example, the Islamic State group, al Qaeda.|there will be no dialogue with them.",
        "haftar",
        "statement",
        "told",
    ),
    (107, 107, "through weapons", "haftar", "term", "said"),
    (109, 109, "needs to prove himself", "haftar", "headline", ""),
    (113, 113, "100 percent agreement", "haftar", "term", "said"),
    (113, 113, "on a personal level", "haftar", "term", "said"),
    (115, 115, "He has no authority in Tripoli. He needs to prove himself,", "haftar", "statement", "said"),
    (117, 117, "No one can take over the city.|away from this kind of grandstanding.", "haftar", "statement", "said"),
    (133, 133, "violation of the sovereignty of Libya", "hor", "statement", "saw"),
    (133, 133, "exporting the illegal migration crisis to Libya", "hor", "statement", "saw"),
    (143, 143, "violation of national sovereignty", "hor", "term", "saying"),
    (151, 151, "search and rescue", "libyan_navy", "headline", ""),
    (153, 153, "search and rescue zone", "libyan_navy", "term", "ordered"),
    (
        155,
        155,
        "We want to send out a clear message|lack respect for the coastguard and navy,",
        "qassem",
        "statement",
        "told",
    ),
    (157, 157, "No foreign ship has the right to enter", "bouhaliya", "statement", "said"),
    (159, 159, "officially declared a search and rescue zone", "bouhaliya", "statement", "said"),
    (
        161,
        161,
        "NGOs which pretend to want to rescue illegal migrants and carry out humanitarian actions",
        "qassem",
        "statement",
        "said",
    ),
    (
        163,
        163,
        "respect our will… and obtain authorisation from the Libyan state even for rescue operations",
        "qassem",
        "statement",
        "urged",
    ),
    (
        201,
        201,
        "If humanitarian ships are pushed out of the Mediterranean|before they drown,",
        "de_filippi",
        "statement",
        "said",
    ),
    (
        201,
        201,
        "And whoever doesn’t drown will be intercepted|arbitrary detention and extreme violence.",
        "de_filippi",
        "statement",
        "said",
    ),
    (223, 223, "execution chief", "", "headline", ""),
    (227, 227, "executioner in chief", "", "term", "dubbed"),
    (
        229,
        229,
        "is alleged to have directly committed|the commission of murder as a war crime",
        "icc",
        "statement",
        "according to",
    ),
    (243, 243, "You will be targeted", "libyan_coastguard", "headline", ""),
    (
        251,
        251,
        "You are sailing in our waters for months now|causing problems to Libyan state sovereignty.",
        "libyan_coastguard",
        "statement",
        "saying",
    ),
    (
        253,
        253,
        "Therefore I ask you to alter your course|If you do not obey the orders right now… you will be targeted.",
        "libyan_coastguard",
        "statement",
        "saying",
    ),
    (267, 267, "Life for NGOs is becoming dangerous.", "manconi", "statement", "said"),
    (
        269,
        269,
        "There is a strategy of dissuasion|in order for (NGOs) to stop operating at sea.",
        "manconi",
        "statement",
        "said",
    ),
]


@pytest.fixture(scope="module")
def quotes(page, articles):
    return extract_quotes(page, articles)


def _matches(row, text: str) -> bool:
    if "|" in text:
        head, tail = text.split("|")
        return row["quote"].startswith(head) and row["quote"].endswith(tail)
    return row["quote"] == text


def _abs(page, line: int, col: int) -> int:
    return sum(len(x) + 1 for x in page.lines[: line - 1]) + col


# ---------------------------------------------------------------- the study page


def test_columns_ids_and_order(quotes):
    assert list(quotes.columns) == QUOTE_COLUMNS
    assert list(quotes["quote_id"]) == [f"q{i:03d}" for i in range(1, len(quotes) + 1)]
    keys = list(zip(quotes["line"], quotes["start"]))
    assert keys == sorted(keys)


def test_every_quote_is_verbatim_at_its_offsets(page, quotes):
    text = page.text
    for row in quotes.to_dict("records"):
        assert row["quote"].strip(), row
        assert text[_abs(page, row["line"], row["start"]) : _abs(page, row["line_end"], row["end"])] == row["quote"]
        assert row["quote"] in text
        assert page.lines[row["line_end"] - 1][: row["end"]].endswith(row["quote"].split("\n")[-1])


def test_hand_list_is_found_exactly(quotes):
    rows = quotes.to_dict("records")
    assert len(rows) == len(PAGE_QUOTES)
    for line, line_end, text, speaker, kind, verb in PAGE_QUOTES:
        found = [r for r in rows if r["line"] == line and _matches(r, text)]
        assert len(found) == 1, (line, text, found)
        got = found[0]
        assert (got["line_end"], got["speaker"], got["kind"], got["verb"]) == (line_end, speaker, kind, verb), got


def test_kinds_and_statement_speakers(quotes):
    assert set(quotes["kind"]) == {"statement", "term", "headline"}
    statements = quotes[quotes["kind"] == "statement"]
    assert (statements["speaker"] != "").all()
    assert {"haftar", "psaki", "el_houti", "qassem", "bouhaliya", "de_filippi", "manconi", "icc"} <= set(
        statements["speaker"]
    )


def test_lanuza_is_paraphrased_not_quoted(quotes):
    assert "lanuza" not in set(quotes["speaker"])
    assert not quotes["line"].isin([257, 259]).any()


def test_outer_excerpt_marks_never_start_or_end_a_quote(page, articles, quotes):
    for item in articles.to_dict("records"):
        body = body_lines(page, item)
        if item["section"] not in ("linked", "update") or not body:
            continue
        first_line, first_text = body[0]
        mark_col = len(first_text) - len(first_text.lstrip())
        assert first_text[mark_col] in '“"', item["item_id"]
        opening = quotes[(quotes["line"] == first_line) & (quotes["start"] == mark_col + 1)]
        assert opening.empty, item["item_id"]
        last_line, last_text = body[-1]
        closing = quotes[(quotes["line_end"] == last_line) & (quotes["end"] == len(last_text.rstrip()) - 1)]
        assert closing.empty, item["item_id"]
    for row in quotes.to_dict("records"):
        assert row["line_end"] - row["line"] <= 2, row


def test_nested_same_character_quotes(page, quotes):
    for line in (68, 105, 117):
        row = quotes[quotes["line"] == line].iloc[0]
        assert row["start"] == 5 and page.lines[line - 1][4] == '"'
    last = quotes[quotes["line"] == 117].iloc[0]
    assert last["quote"].endswith("grandstanding.") and page.lines[116][last["end"] :] == '""'


def test_split_quotes_share_their_speaker(quotes):
    for line, speaker in ((41, "nyt"), (105, "haftar"), (201, "de_filippi")):
        parts = quotes[quotes["line"] == line]
        assert len(parts) == 2 and set(parts["speaker"]) == {speaker}
    nyt = quotes[quotes["line"] == 41]
    assert "it said" not in "".join(nyt["quote"])


def test_quotes_reopened_in_the_next_paragraph_are_split(page, quotes):
    """Issue 9: a quotation running on into a paragraph that reopens with a mark (lines 251/253, 267/269) is one
    row per paragraph, so no row keeps the next paragraph's opening mark; both keep the speaker."""
    assert page.lines[252].lstrip().startswith('"Therefore') and page.lines[268].lstrip().startswith("“There is")
    for first, second, speaker in ((251, 253, "libyan_coastguard"), (267, 269, "manconi")):
        a, b = quotes[quotes["line"] == first].iloc[0], quotes[quotes["line"] == second].iloc[0]
        assert a["line_end"] == first and b["line_end"] == second and a["speaker"] == b["speaker"] == speaker
    assert not quotes["quote"].str.contains("\n").any()
    assert not quotes["quote"].str.match(r"\s*[“\"]").any()


def test_unclosed_quote_stops_before_the_compilers_elision(page, quotes):
    """q008 (line 43) ends 'against the government….' with no closing mark: the '….' is not quoted."""
    assert page.lines[42].endswith("against the government….")
    q = quotes[quotes["line"] == 43].iloc[0]
    assert q["quote"].endswith("against the government") and page.lines[42][q["end"] :] == "…."


def test_speaker_text_occurs_in_the_item(page, articles, quotes):
    """speaker_text is text of the page: it occurs (as words) in the quotation's item."""
    items = articles.set_index("item_id")
    for q in quotes[quotes["speaker_text"] != ""].itertuples():
        item = items.loc[q.item_id]
        text = "\n".join(page.lines[int(item["line_start"]) - 1 : int(item["line_end"])])
        assert re.search(rf"(?<!\w){re.escape(q.speaker_text)}(?!\w)", text), (q.quote_id, q.speaker_text)


def test_eastern_parliament_is_one_speaker(page, quotes):
    """q023/q024 ('It saw the move as a "violation..."', line 133) and q025 (line 143) are the same body."""
    assert "It saw the move as a" in page.lines[132] and "Tobruk parliament" in page.lines[142]
    assert set(quotes.loc[quotes["line"].isin([133, 143]), "speaker"]) == {"hor"}
    assert set(quotes.loc[quotes["line"] == 133, "verb"]) == {"saw"}
    assert quotes.loc[quotes["line"] == 153, "verb"].tolist() == ["ordered"]  # "The Libyan navy ... ordered"


def test_ellipses_and_apostrophes(page, quotes):
    assert quotes["quote"].str.contains("…").sum() >= 3
    for row in quotes.to_dict("records"):
        line = page.lines[row["line"] - 1]
        mark = line[row["start"] - 1]
        assert mark in "“\"‘'", row
        assert not (line[row["start"] - 2 : row["start"] - 1].isalpha() and line[row["start"]].isalpha()), row


def test_pronoun_speakers(quotes):
    through = quotes[quotes["quote"] == "through weapons"].iloc[0]
    assert through["speaker_text"] == "he" and through["speaker"] == "haftar"
    urged = quotes[quotes["line"] == 163].iloc[0]
    assert urged["speaker_text"] == "He" and urged["speaker"] == "qassem"
    report = quotes[quotes["quote"] == "They were trained"].iloc[0]
    assert report["speaker_text"] == "it" and report["speaker"] == "nyt"


def test_speaker_text_names_the_speaker_on_the_page(page, quotes):
    text = page.text
    for row in quotes.to_dict("records"):
        assert row["speaker_text"] in text
        assert bool(row["speaker"]) == bool(row["speaker_text"]), row
    psaki = quotes[quotes["line"] == 29].iloc[0]
    assert psaki["speaker_text"] == "State Department spokeswoman Jen Psaki"


# ---------------------------------------------------------------- synthetic pages

HEAD = """A Post Title

A Post Title

A lead paragraph. Reuters’s Jane Doe reports.

Would you like to know more?

"""

ALIASES = pd.DataFrame(
    [
        ("ben_omar", "Ali Ben Omar", "exact", "person"),
        ("omar_sami", "Omar Sami", "exact", "person"),
        ("amira_said", "Amira Said", "exact", "person"),
        ("planet", "Daily Planet", "exact", "organisation"),
        ("jones", "Mary Jones", "exact", "person"),
        ("jones", "Jones", "exact", "person"),
    ],
    columns=["entity_id", "alias", "case", "entity_type"],
)

SYNTHETIC = (
    HEAD
    + """Minister says talks are 'dead' (reuters, Jun 1, 2016)

“The minister said the talks had become “a farce… and a trap.”

“We will not return,” said Ali Ben Omar, the foreign minister. “Not this year.”

Critics have branded the plan a “sellout” by the opposition.”

  1. Rebels vow 'no retreat' (bbc, Jan 2, 2017):

    "The rebel leader Omar Sami said on Monday: "We will hold the city.

    "Nobody will move us from here."

    He added that the "so-called truce" was over.

    The army said in a statement it would "respond with force". Its spokeswoman, Amira Said, told reporters: "We don't negotiate with armed men,

    The rest of the item is ordinary prose that's not quoted."

  2. Another update (lemonde, Feb 2, 2017):

    "The agency's report, the group's claims and the prisoners' families' words are not quotes.

    The Daily Planet published a report on Monday. "They were armed" it said, "and dangerous."

    Mary Jones said: "We are ready." She added: "We will go."

    Officials met. A guard said: "never closed"""
)


@pytest.fixture(scope="module")
def synthetic():
    page, articles = parse(SYNTHETIC)
    return page, extract_quotes(page, articles, ALIASES)


def _row(df, quote):
    found = df[df["quote"] == quote]
    assert len(found) == 1, (quote, list(df["quote"]))
    return found.iloc[0]


def test_synthetic_quotes_verbatim_and_complete(synthetic):
    page, q = synthetic
    for row in q.to_dict("records"):
        assert (
            page.text[_abs(page, row["line"], row["start"]) : _abs(page, row["line_end"], row["end"])] == row["quote"]
        )
    assert len(q) == 16
    assert not q["quote"].str.contains("The minister said|The rebel leader|The agency|prose").any()


def test_synthetic_curly_and_straight_mixes(synthetic):
    _, q = synthetic
    assert _row(q, "dead")["kind"] == "headline"
    farce = _row(q, "a farce… and a trap.")
    assert (farce["speaker"], farce["kind"]) == ("The minister", "statement")
    assert _row(q, "We will not return,")["speaker"] == "ben_omar"
    assert _row(q, "Not this year.")["speaker"] == "ben_omar"
    sellout = _row(q, "sellout")
    assert (sellout["speaker"], sellout["kind"], sellout["verb"]) == ("the opposition", "term", "branded")


def test_synthetic_multi_paragraph_and_unclosed(synthetic):
    _, q = synthetic
    hold, nobody = _row(q, "We will hold the city."), _row(q, "Nobody will move us from here.")
    assert (hold["speaker"], nobody["speaker"], nobody["line"] - hold["line"]) == ("omar_sami", "omar_sami", 2)
    unclosed = _row(q, "We don't negotiate with armed men,")
    assert unclosed["speaker"] == "amira_said" and unclosed["verb"] == "told"
    last = _row(q, "never closed")
    assert (last["speaker"], last["kind"]) == ("A guard", "statement")


def test_synthetic_pronouns_terms_and_names(synthetic):
    _, q = synthetic
    truce = _row(q, "so-called truce")
    assert (truce["speaker_text"], truce["speaker"], truce["kind"]) == ("He", "omar_sami", "term")
    assert _row(q, "respond with force")["speaker"] == "The army"
    for part in ("They were armed", "and dangerous."):
        assert _row(q, part)["speaker"] == "planet"
    ready, go = _row(q, "We are ready."), _row(q, "We will go.")
    assert (ready["speaker_text"], ready["verb"]) == ("Mary Jones", "said")
    assert (go["speaker_text"], go["speaker"], go["verb"]) == ("She", "jones", "added")


def test_apostrophes_are_not_quotes(synthetic):
    page, q = synthetic
    assert not (q["line"] == 31).any()
    _, q2 = (
        page,
        extract_quotes(
            *parse(
                HEAD + "An update list (x, Jan 1, 2017)\n\n"
                "“Don't say the NGO’s boats and the smugglers’ boats are 'bad,' they said.”"
            )
        ),
    )
    assert list(q2["quote"]) == ["bad,"]


def test_unclosed_quote_does_not_swallow_the_item():
    page, articles = parse(
        HEAD
        + """  1. Update (bbc, Jan 2, 2017):

    "He said "we will stay and fight.

    Later the army announced a truce. It called it "final".

    Nothing else here."
"""
    )
    q = extract_quotes(page, articles, ALIASES.iloc[0:0])
    assert list(q["quote"]) == ["we will stay and fight.", "final"]
    assert list(q["line"]) == [11, 13]


def test_empty_and_stray_marks_do_not_crash():
    page, articles = parse(
        HEAD
        + """  1. Update (bbc, Jan 2, 2017):

    "A stray” mark and an empty "" pair, then 5'10" tall."
"""
    )
    q = extract_quotes(page, articles, ALIASES.iloc[0:0])
    assert all(row.strip() for row in q["quote"])
    assert "A stray" not in "".join(q["quote"])


def test_headline_takes_speaker_of_the_body_quote_it_repeats():
    page, articles = parse(
        HEAD
        + """  1. ‘We will return’ rebels tell the city (bbc, Jan 2, 2017):

    "Omar Sami told a rally: "We will return to this city."
"""
    )
    q = extract_quotes(page, articles, ALIASES)
    head = _row(q, "We will return")
    assert (head["kind"], head["speaker"], head["verb"]) == ("headline", "omar_sami", "")


def test_resolve_speaker_against_the_project_aliases():
    assert resolve_speaker("State Department spokeswoman Jen Psaki") == "psaki"
    assert resolve_speaker("LNA commander Mari El-Houti") == "el_houti"
    assert resolve_speaker("Haftar") == "haftar"
    assert resolve_speaker("the Libyan coastguard") == "libyan_coastguard"
    assert resolve_speaker("Haftar's spokesman") == "Haftar's spokesman"
    assert resolve_speaker("a commander") == "a commander"
    assert resolve_speaker("Bouhaliya", ALIASES) == "Bouhaliya"


def test_a_name_is_not_a_verb_and_a_finished_quote_keeps_its_introducer():
    page, articles = parse(
        HEAD
        + """  1. Update (bbc, Jan 2, 2017):

    "The talks ended. "We will win," Amira Said told reporters.

    Mary Jones said: "We are ready." Officials said the army would come."
"""
    )
    q = extract_quotes(page, articles, ALIASES)
    win = _row(q, "We will win,")
    assert (win["speaker"], win["speaker_text"], win["verb"]) == ("amira_said", "Amira Said", "told")
    ready = _row(q, "We are ready.")
    assert (ready["speaker"], ready["verb"]) == ("jones", "said")
