"""The shortcuts of entities.find_mentions and framing (issue 13) find what the plain regex searches find.

Each test compares a shortcut with the search it stands for, on random lines made of the characters where
case-blind matching and case folding part ways ('ı', 'İ', 'ſ', the Kelvin sign, accented letters, curly quotes).
"""

import random
import re

import pytest

from libyabook.extract import entities, framing, literals

TRICKY = ["ı", "İ", "ſ", "\u212a", "é", "É", "’", "“", "-", "—", ".", "'", " ", "  ", "_", "7"]


def test_non_ascii_non_word_characters_fold_and_match_like_a_separator():
    """What entities._ascii_keys relies on: outside ASCII, a character that is not a word character lowercases
    to one non-word character outside ASCII and matches no ASCII word character case-blind."""
    everything = "".join(map(chr, range(128, 0x110000)))
    others = "".join(re.findall(r"\W", everything))
    lowered = others.lower()
    assert len(lowered) == len(others)
    assert not re.search(r"\w|[\x00-\x7f]", lowered)
    assert not re.search(r"[a-z0-9_]", others, re.I)


@pytest.fixture(scope="module")
def matchers():
    return entities._Matchers(entities.load_aliases())


def plain_line_mentions(text, lo, hi, matchers):
    """entities._line_mentions as every alias's regex over the whole line finds it, its words tested as sets."""
    words = entities.line_tokens(text)
    candidates = []
    for k, row in enumerate(matchers.rows):
        if row[0] <= words:
            candidates += [(m.start(), m.end(), k) for m in matchers.pattern(k).finditer(text)]
    candidates = [c for c in candidates if lo <= c[0] and c[1] <= hi]
    taken = []
    for start, end, k in sorted(candidates, key=lambda c: (c[0] - c[1], c[0], c[2])):
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, k))
    return sorted(taken)


def shuffled_case(rng, text):
    return "".join(c.upper() if rng.random() < 0.3 else c for c in text)


@pytest.mark.parametrize("seed", range(60))
def test_line_mentions_on_tricky_lines(matchers, seed):
    rng = random.Random(seed)
    names = [alias for _, alias, *_ in matchers.rows] + ["Hıftar", "HAFTAR", "Khalıfa", "al-Qaeda", "U.N.-backed"]
    tricky = TRICKY if seed % 2 else [c for c in TRICKY if not re.match(r"[^\W\x00-\x7f]", c)]  # even: ASCII words
    if seed % 2 == 0:
        names = [name for name in names if name.isascii()]
    pieces = [shuffled_case(rng, rng.choice(names)) if rng.random() < 0.6 else rng.choice(tricky) for _ in range(40)]
    text = "".join(p + rng.choice(["", " ", "-", "’s ", "'"]) for p in pieces)
    lo, hi = rng.randint(0, 5), len(text) - rng.randint(0, 5)
    assert entities._line_mentions(text, lo, hi, matchers) == plain_line_mentions(text, lo, hi, matchers)


PLAIN_CAPS = re.compile(r"(?<![\w’'-])[A-Z]{2,}(?![\w’'-])")


@pytest.mark.parametrize("seed", range(40))
def test_caps_finds_what_the_plain_regex_finds(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice(["A", "B", "c", "É"] + TRICKY) for _ in range(rng.randint(0, 200)))
    lo, hi = rng.randint(0, 5), len(text) - rng.randint(0, 5)
    found = [m.span() for m in framing._CAPS.finditer(text, lo, hi)]
    assert found == [m.span() for m in PLAIN_CAPS.finditer(text, lo, hi)]


def test_every_debris_pattern_starts_with_its_word():
    assert all(pattern.startswith(word) and word.isalpha() for word, pattern in framing.DEBRIS_PATTERNS.items())


@pytest.mark.parametrize("seed", range(40))
def test_debris_gate_drops_no_phrase(seed):
    rng = random.Random(seed)
    words = ["Read more", "rEad", "Vıdeo below", "SHARE ON", "ſhare this", "cli\u212ak here", "advertisement"]
    text = "".join(rng.choice(words + ["x", ". ", "! ", "İ"] + TRICKY) for _ in range(rng.randint(0, 30)))
    plain = next((m for s, _ in framing.sentence_spans(text) if (m := framing._DEBRIS.match(text, s))), None)
    found = framing._debris_at_a_sentence_start(text)
    assert (found and found.span()) == (plain and plain.span())


@pytest.mark.parametrize("seed", range(40))
def test_term_gate_drops_no_match(seed):
    rng = random.Random(seed)
    words = ["terror", "TERRORıst", "evİl", "mılitia", "ſo-called", "Langley", "CIA", "cia", "jihad"]
    text = "".join(rng.choice(words + TRICKY) for _ in range(rng.randint(0, 30)))
    folded = literals.searchable(text)
    for term in framing.FRAMING_TERMS:
        if framing._term_pattern(term).search(text):
            assert folded is None or term.casefold() in folded


@pytest.mark.parametrize("seed", range(40))
def test_terms_found_in_an_ascii_segment_as_by_the_regex(seed):
    rng = random.Random(seed)
    words = ["terror", "TERROR-ist", "Terrorterror", "evil", "so-called", "Langley", "CIA", "so", "Kill", "islam"]
    text = "".join(rng.choice(words + [" ", "-", "_", "'", ".", "7"]) for _ in range(rng.randint(0, 40)))
    s, e = rng.randint(0, 3), max(0, len(text) - rng.randint(0, 3))
    terms = list(framing.FRAMING_TERMS) + ["ſo", "\u212aill", "ıslam", "İslam"]  # find_terms: 'ı' and 'İ' not so
    for term in [t for t in terms if t.casefold().isascii()]:
        pattern, folded = framing._term_pattern(term), literals.searchable(text[s:e])
        found = framing._term_matches(pattern, text, s, e, folded, term.casefold())
        assert [m.span() for m in found] == [m.span() for m in pattern.finditer(text, s, e)]
