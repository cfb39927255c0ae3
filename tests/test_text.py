"""The one sentence splitter and the other text rules (extract/text.py), pinned on tricky sentences."""

import pytest

from libyabook.extract.text import (
    MONTHS,
    WEEKDAYS,
    body_lines,
    body_lines_from_text,
    date_phrases,
    sentence_at,
    sentence_spans,
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


def test_body_lines_from_page_and_from_text_agree():
    lines = ["Title (x, May 1, 2017)", "", "    First.", "", "    Second."]
    item = {"section": "linked", "line_start": 1, "line_end": 5}
    assert body_lines(lines, item) == [(3, "    First."), (5, "    Second.")]
    assert body_lines_from_text("    First.\n\n    Second.", 5) == body_lines(lines, item)
