"""The one sentence splitter and the other text rules (extract/text.py), pinned on tricky sentences."""

import ast
import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from libyabook.extract import text as text_module
from libyabook.extract.text import (
    MONTH_NAMES,
    MONTHS,
    WEEKDAYS,
    body_lines,
    body_lines_from_text,
    date_phrases,
    date_words,
    sentence_at,
    sentence_spans,
    written_date,
)


def _split(text):
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The spokesman, Brig. Ahmed Mismari, said 12 people died.",
            ["The spokesman, Brig. Ahmed Mismari, said 12 people died."],
        ),
        ("Gen. Haftar spoke. Mr. Serraj did not.", ["Gen. Haftar spoke.", "Mr. Serraj did not."]),
        (
            "The U.N. migration agency reported it. The U.S. State Department did not.",
            ["The U.N. migration agency reported it.", "The U.S. State Department did not."],
        ),
        ("Khalifa H. Haftar spoke on Aug. 7 in Benghazi.", ["Khalifa H. Haftar spoke on Aug. 7 in Benghazi."]),
        (
            "“a state sponsor of terror… and a hideout for terrorists.” He left.",
            ["“a state sponsor of terror… and a hideout for terrorists.”", "He left."],
        ),
        ('Is it over? "No," he said! 12 died.', ["Is it over?", '"No," he said!', "12 died."]),
        ("announced they had suspended it….”", ["announced they had suspended it….”"]),
        ("the rebel forces….. The next", ["the rebel forces…..", "The next"]),
        ("    Indented first. Then more.", ["Indented first.", "Then more."]),
        ("It ended in 2011. 2012 began.", ["It ended in 2011.", "2012 began."]),
        ("the UN. The LNA said", ["the UN.", "The LNA said"]),
        (
            "Gen. Hafter met U.S. officials. He left! Did he? “Yes.” Then 2017 came… Done",
            ["Gen. Hafter met U.S. officials.", "He left!", "Did he?", "“Yes.”", "Then 2017 came…", "Done"],
        ),
    ],
)
def test_sentence_spans_on_tricky_sentences(text, expected):
    assert _split(text) == expected


def test_sentence_spans_respects_bounds_and_never_returns_nothing():
    text = "xx A. B. Cat sat. Dog ran. yy"
    assert sentence_spans(text, 9, 26) == [(9, 17), (18, 26)]
    assert sentence_spans("   ") == [(0, 3)]


def test_sentence_at_gives_the_gap_to_the_earlier_sentence():
    text = "One here. Two there."
    assert sentence_at(text, 0, len(text), 9) == (0, 10)
    assert sentence_at(text, 0, len(text), 12) == (10, len(text))


def test_sentence_spans_degenerate_inputs_finish():
    """Runs of stops and spaces are scanned once (linear time; measured in the report, not timed here)."""
    assert sentence_spans("." * 10_000) == [(0, 10_000)]
    assert len(sentence_spans("x. A" * 1000)) == 1001  # "x." then "Ax." ... then the final "A"


def test_month_and_weekday_names():
    assert MONTHS["sept"] == MONTHS["september"] == 9 and len(set(MONTHS.values())) == 12
    assert WEEKDAYS["monday"] == 0 and WEEKDAYS["sunday"] == 6


def test_date_phrases_on_page_wordings():
    text = (
        "In March 1996, he returned; on March 26th travellers spoke. In June, two videos; in June and July "
        "2017 seven incidents; three months later; late Wednesday; the past week; may be"
    )
    found = [m.group() for m in date_phrases(text)]
    assert found == [
        "In March 1996",
        "March 26th",
        "In June",
        "in June and July 2017",
        "three months later",
        "late Wednesday",
    ]


def test_date_words_keep_the_bound_before_a_phrase():
    text = (
        "It exceeded 114,000 since the beginning of 2017, and 95,000 until July 30; "
        "Tuesday's deal; in recent years; a day after he signed"
    )
    assert date_words(text) == [
        "since the beginning of 2017",
        "until July 30",
        "Tuesday's",
        "in recent years",
        "a day after",
    ]


def test_body_lines_from_page_and_from_text_agree():
    lines = ["Title (x, May 1, 2017)", "", "    First.", "", "    Second."]
    item = {"section": "linked", "line_start": 1, "line_end": 5}
    assert body_lines(lines, item) == [(3, "    First."), (5, "    Second.")]
    assert body_lines_from_text("    First.\n\n    Second.", 5) == body_lines(lines, item)


def test_written_date_is_the_one_way_dates_are_written():
    assert written_date(dt.date(2014, 5, 2)) == "2 May 2014"
    assert written_date("2014-05", "month") == "May 2014"
    assert written_date(pd.Timestamp("2017-08-15"), "year") == "2017"
    assert written_date("2014-05-12", "week", weekday=True) == "week of Mon 12 May 2014"
    assert written_date("2017-09-03", short=True) == "3 Sep 2017"
    assert written_date("") == written_date(None) == ""
    with pytest.raises(ValueError, match="precision"):
        written_date("2014-05-22", "decade")


# ---- each rule once ---------------------------------------------------------------------------------

_SRC = Path(text_module.__file__).resolve().parents[1]
_MONTH_WORDS = {name.lower() for name in MONTH_NAMES}
_WEEKDAY_WORDS = set(WEEKDAYS)


def _strings(node: ast.AST) -> list[str]:
    """The string literals a node is made of: itself, a concatenation (+, f-string) of literals, or the
    literal elements of a tuple, list, set or the keys of a dict."""
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) else []
    if isinstance(node, ast.BinOp):
        return _strings(node.left) + _strings(node.right)
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.Constant)]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    if isinstance(node, ast.Dict):
        return [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    return []


def _literal_groups(tree: ast.AST):
    """(line, literals) of every string literal and literal collection of a module, docstrings aside."""
    prose = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    for node in ast.walk(tree):
        if id(node) not in prose and (parts := _strings(node)):
            yield node.lineno, parts


#: A character class of sentence stops ("[.!?", "[!?.…") in a pattern that looks across white space.
_STOP_CLASS = re.compile(r"\[[^\]]*(?:\.[^\]]*[!?]|[!?][^\]]*\.)")
#: A word that stands as a regex alternative ("May|June", "(?:Monday|...").
_ALTERNATIVE = re.compile(r"(?:^|\|)(?:\(\?:|\()?([A-Za-z]+)(?=\||\)|$)")


def _names(parts: list[str]) -> set[str]:
    """Words that stand alone in a literal: a whole element, or an alternative of a pattern."""
    return {w.lower() for p in parts for w in [p.strip(), *_ALTERNATIVE.findall(p)]}


def _offences(source: str) -> list[str]:
    found = []
    for line, parts in _literal_groups(ast.parse(source)):
        literal = "".join(parts)
        if len(_names(parts) & _MONTH_WORDS) >= 3:
            found.append(f"line {line}: month names")
        if len(_names(parts) & _WEEKDAY_WORDS) >= 3:
            found.append(f"line {line}: weekday names")
        if _STOP_CLASS.search(literal) and ("\\s" in literal or "(?<=" in literal):
            found.append(f"line {line}: a sentence-boundary regex")
    return sorted(set(found))


def test_the_one_place_check_sees_copies():
    assert _offences('M = ("January", "February", "March")') == ["line 1: month names"]
    assert _offences('W = r"(?:Monday|Tuesday|" + r"Wednesday)"') == ["line 1: weekday names"]
    assert _offences(r'S = re.compile(r"[.!?…]+\s+(?=[A-Z])")') == ["line 1: a sentence-boundary regex"]
    assert _offences('X = {"one", "monday", "tuesday", "friday"}') == ["line 1: weekday names"]
    assert _offences('"""Docstring: January, February, March; Monday, Tuesday, Friday."""') == []
    assert _offences("D = \"31 March for 'in March', 31 July for 'in June and July'\"") == []


def test_no_other_module_names_months_or_weekdays_or_splits_sentences():
    """Month and weekday names and the sentence splitter live in extract/text.py only (issue 9, item 1)."""
    offences = {
        (str(path.relative_to(_SRC)), offence.split(": ")[1])
        for path in sorted(_SRC.rglob("*.py"))
        if path != Path(text_module.__file__).resolve()
        for offence in _offences(path.read_text(encoding="utf-8"))
    }
    assert not offences, offences
