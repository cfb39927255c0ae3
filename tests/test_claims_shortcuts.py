"""The CPU shortcuts of the claims extractor give what the plain reading gave, on random lines.

Each shortcut is compared with the reading it skips work of: the index made with the tokens against the index of
the token list, the date phrases of some lines against those of all lines, the scan that passes over 'a'/'an'
before an ordinary word against the scan that tries every finder on it.
"""

import datetime
import random
import re

import pytest
from claimtokens import Tok, index_of, rows, tokenised

from libyabook.extract import claims
from libyabook.extract import text as text_module
from libyabook.extract.dates import resolve_phrases
from libyabook.extract.text import date_phrases, may_hold_date, sentence_spans

TEXT = (
    "number of the migrants death toll killed dead 5 12 1,200 300 more than over about nearly some and or "
    "people troops percent % . , ( ) twice a an dozen two hundred few second time Flight FRANCE over. total "
    "count of wounded eight six estimated since May 2011 Mr. U.S. end. why? “Go.” ’s İ A x"
)
WORDS = TEXT.split(" ")


def random_lines(rng, n_lines):
    return tuple(
        "".join(rng.choice(WORDS) + rng.choice([" ", " ", "", "  "]) for _ in range(rng.randint(0, 40)))
        for _ in range(n_lines)
    )


@pytest.mark.parametrize("seed", range(40))
def test_index_of_segments_is_the_index_of_the_field_tokens(seed):
    """The index made with the tokens is that of the token list: each segment where a finder may start tokenised
    alone, a boundary between two, the others left out with their sentence numbers still counted."""
    rng = random.Random(seed)
    lines = random_lines(rng, rng.randint(1, 4))
    segments = []
    for n, text in enumerate(lines, start=1):
        lo = rng.randint(0, len(text)) if rng.random() < 0.3 else 0
        segments.append((n, lo, rng.randint(lo, len(text)) if rng.random() < 0.3 else len(text)))
    toks, start_id = [], 0
    for n, lo, hi in segments:
        if not claims._may_start(lines[n - 1], lo, hi):
            start_id += 1
            continue
        if toks:
            toks.append(Tok("", -1, -1, "", -1, -1, False, False))
        toks += rows(tokenised(lines[n - 1], lo, hi, n, start_id))
        start_id += len(sentence_spans(lines[n - 1], lo, hi))
    field = claims._Tokens()
    for column in field.__slots__:
        setattr(field, column, [getattr(t, column) for t in toks])
    ours, theirs = claims._Index.of_segments(lines, segments), index_of(field)
    assert rows(ours.toks) == toks
    for found in (theirs.sent_lo, theirs.sent_hi, theirs.line_lo):
        found.pop(-1, None)  # the boundaries' sentence and line
    assert (ours.sent_lo, ours.sent_hi, ours.line_lo) == (theirs.sent_lo, theirs.sent_hi, theirs.line_lo)


@pytest.mark.parametrize("seed", range(40))
def test_a_line_left_out_holds_no_token_a_finder_starts_on(seed):
    """``_may_start`` is a superset: on a line it does not match, no token is a finder start that the scan tries."""
    rng = random.Random(seed)
    words = WORDS + ["Six", "SEVEN", "ſix", "o’six", "a-few", "afew", "A Dozen", "an\u00a0hundred", "٣", "²", "Twice"]
    words += ["_six", "x_Few", "İsix", "ǅ", "ⅲ", "ﬁve", "ONCE", "Half", "tens", "_", "a_"]
    words += ["\u212aen", "6six", "sixé", "é", "a\u2009few", "anhundred", "Ⅹ", "\u0307", "second"]
    for _ in range(100):
        text = "".join(rng.choice(words) + rng.choice([" ", "", "  ", "-", "_"]) for _ in range(rng.randint(0, 12)))
        lo = rng.randint(0, len(text)) if rng.random() < 0.3 else 0
        hi = rng.randint(lo, len(text)) if rng.random() < 0.3 else len(text)
        if claims._may_start(text, lo, hi):
            continue
        toks = tokenised(text, lo, hi, 1)
        low, n = toks.low, len(toks)
        tried = [
            k
            for k in claims._starts(toks)
            if not (low[k] in ("a", "an") and (k + 1 == n or low[k + 1] not in claims._COUNTED_AFTER_ARTICLE))
        ]
        assert tried == [], text


def test_a_claim_is_read_from_its_own_line():
    """A number at a line's end takes no unit from the next line's first word, nor a date's month from the end of the
    line before: the finders stop at a line's boundary."""
    lines = ("Fighting killed 5", "people fled in May", "12 were hurt")
    index = claims._Index.of_segments(lines, [(n, 0, len(text)) for n, text in enumerate(lines, start=1)])
    cands = claims._scan(index.toks, lines, index)
    assert [(c.line, lines[c.line - 1][c.start : c.end], c.unit) for c in cands] == [(1, "5", ""), (3, "12", "")]


DATE_BITS = [
    "In March 1996",
    "on March 26th",
    "three months later",
    "the next day",
    "the same  day",
    "the day before",
    "last week",
    "yesterday",
    "on Monday",
    "in June",
    "May 2011",
    "2 weeks after",
    "in 2014",
    "x",
    ".",
    "since",
]


@pytest.mark.parametrize("seed", range(60))
@pytest.mark.parametrize("published", [datetime.date(2017, 8, 10), None])
def test_phrases_of_some_lines_are_those_of_all_lines(seed, published):
    rng = random.Random(seed)
    lines = [
        (n, " ".join(rng.choice(DATE_BITS) for _ in range(rng.randint(0, 6))))
        for n in sorted(rng.sample(range(1, 30), rng.randint(1, 8)))
    ]
    only = {n for n, _ in lines if rng.random() < 0.4}
    everything = resolve_phrases(lines, published)
    assert resolve_phrases(lines, published, only) == [p for p in everything if p.line in only]


@pytest.mark.parametrize("seed", range(60))
def test_scan_passing_over_articles_finds_what_every_finder_finds(seed, monkeypatch):
    rng = random.Random(seed)
    lines = random_lines(rng, rng.randint(1, 3))
    index = claims._Index.of_segments(lines, [(n, 0, len(text)) for n, text in enumerate(lines, start=1)])
    ours = claims._scan(index.toks, lines, index)
    monkeypatch.setattr(claims, "_COUNTED_AFTER_ARTICLE", frozenset(index.toks.low))
    theirs = claims._scan(index.toks, lines, index)
    assert ours == theirs


HINT_BITS = DATE_BITS + ["Mr.", "U.S.", "end.", "why?", "“Go.”", "A", "Sept.", "May.", "2014", "12", "in", "On"]
HINT_BITS += ["Tuesday’s", "the", "next", "week", "day", "late", "of", "3rd", ",", "-", "–", "and", "today", "7"]
HINT_BITS += ["wee\u212a", "ton\u0130ght", "ton\u0131ght", "1999", "x2014", "DAY", "Mayor", "\u00a0", "20145", "SINCE"]


@pytest.mark.parametrize("seed", range(60))
def test_a_sentence_without_a_date_hint_starts_no_date_phrase(seed):
    rng = random.Random(seed)
    for _ in range(40):
        text = "".join(rng.choice(HINT_BITS) + rng.choice([" ", "", "  ", ". "]) for _ in range(rng.randint(0, 20)))
        starts = [m.start() for m in date_phrases(text)]
        for lo, hi in sentence_spans(text):
            if not may_hold_date(text, lo, hi):
                assert not [s for s in starts if lo <= s < hi], (text, lo, hi)


ORIGINAL_BOUNDARY = re.compile(
    r"(?<![.!?…])[.!?…]++[\"”’')\]]*+\s++(?=[A-Z0-9\"“‘'(\x00])"
)  # text._BOUNDARY before it read a stop first (the look-behind first)
BOUNDARY_BITS = [".", "..", "!", "?", "…", " ", "  ", "\n", "A", "a", "”", ")", "]", "'", "\x00", "(", "1", "Mr.", "“"]


@pytest.mark.parametrize("seed", range(20))
def test_sentence_boundaries_are_those_of_the_original_pattern(seed):
    rng = random.Random(seed)
    for _ in range(500):
        text = "".join(rng.choice(BOUNDARY_BITS) for _ in range(rng.randint(0, 20)))
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        ours = [m.span() for m in text_module._BOUNDARY.finditer(text, lo, hi)]
        assert ours == [m.span() for m in ORIGINAL_BOUNDARY.finditer(text, lo, hi)], (text, lo, hi)
