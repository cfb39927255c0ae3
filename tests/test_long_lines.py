"""The linear rewrites of issue 13 give what the quadratic originals gave, on random and worst-shape lines.

Timings of the worst shapes at 1 MB live in `make bench` (scripts/bench.py); here only correctness, small.
The originals are kept below as oracles: they are short and were the published behaviour.
"""

import random
import re

import pytest

from libyabook.extract import claims, entities, quotes
from libyabook.extract.quotes import SINGLE_CLOSE, SINGLE_OPEN, SINGLE_STRAIGHT, SINGLES


def single_quotes_oracle(s, a, b, blocked):
    """quotes._single_quotes before issue 13 (quadratic on " 'a 'a 'a ...")."""

    def free(i):
        return not any(x <= i <= y for x, y in blocked)

    pairs, i = [], a
    while i < b:
        c = s[i]
        prev = s[i - 1] if i > a else " "
        nxt = s[i + 1] if i + 1 < b else " "
        opens = c in SINGLE_OPEN or (c == SINGLE_STRAIGHT and (prev.isspace() or prev in '([—“"'))
        if c in SINGLES and opens and nxt.isalnum() and free(i):
            for j in range(i + 2, b):
                if s[j] not in SINGLE_CLOSE + SINGLE_STRAIGHT or not free(j):
                    continue
                after = s[j + 1] if j + 1 < b else " "
                if s[j - 1].isspace() or after.isalnum():
                    continue
                if len(s[i + 1 : j].split()) <= 12:
                    pairs.append((i, j))
                    i = j
                break
        i += 1
    return pairs


def line_mentions_oracle(text, lo, hi, matchers):
    """entities._line_mentions before issue 13 (quadratic overlap check)."""
    words = entities.line_tokens(text)
    candidates = []
    for k, row in enumerate(matchers.rows):
        if not row[0] <= words:
            continue
        for m in matchers.pattern(k).finditer(text):
            if lo <= m.start() and m.end() <= hi:
                candidates.append((m.start(), m.end(), k))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    taken = []
    for start, end, k in candidates:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, k))
    return sorted(taken)


def random_line(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


@pytest.mark.parametrize("seed", range(40))
def test_single_quotes_match_the_original_on_random_lines(seed):
    rng = random.Random(seed)
    s = random_line(rng, ["a", "b", " ", "  ", "'", "‘", "’", "(", "“", ".", "x1"], rng.randint(5, 120))
    a, b = rng.randint(0, 3), len(s) - rng.randint(0, 3)
    blocked = [tuple(sorted((rng.randrange(len(s)), rng.randrange(len(s))))) for _ in range(rng.randint(0, 3))]
    assert quotes._single_quotes(s, a, b, blocked) == single_quotes_oracle(s, a, b, blocked)


@pytest.mark.parametrize("shape", [" 'a" * 300, "‘a " * 300, " 'a b c d e f g h i j k l m n'" * 20, "'" * 500])
def test_single_quotes_worst_shapes_small(shape):
    assert quotes._single_quotes(shape, 0, len(shape), []) == single_quotes_oracle(shape, 0, len(shape), [])


@pytest.fixture(scope="module")
def matchers():
    return entities._Matchers(entities.load_aliases())


@pytest.mark.parametrize("seed", range(20))
def test_line_mentions_match_the_original(matchers, seed):
    rng = random.Random(seed)
    names = [alias for _, alias, *_ in matchers.rows]
    text = " ".join(rng.choice(names + ["the", "said", "Libya's", "and"]) for _ in range(rng.randint(1, 60)))
    lo, hi = 0, len(text) - rng.randint(0, 5)
    assert entities._line_mentions(text, lo, hi, matchers) == line_mentions_oracle(text, lo, hi, matchers)


def test_line_mentions_of_many_names_small(matchers):
    text = "Khalifa Haftar " * 400
    found = entities._line_mentions(text, 0, len(text), matchers)
    assert found == line_mentions_oracle(text, 0, len(text), matchers)
    assert len(found) == 400


ORIGINAL_TOKEN_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)|\d+(?:\.\d+)?|[^\W\d_]+(?:['’][^\W\d_]+)*|\S")


@pytest.mark.parametrize(
    "text",
    [
        "1,000 migrants",
        "1,000,000.5 km",
        "1,0000",
        "it's 12",
        "12,345,678,901,234,567",
        "1,1,1 2.5.5 d’Italia 3,000.",
        "1" + ",111" * 7 + ",1",
    ],
)
def test_tokens_match_the_original_regex(text):
    assert [t.text for t in claims._tokens(text, 0, len(text), 1)] == ORIGINAL_TOKEN_RE.findall(text)


def test_tokens_of_a_long_numeral_run_stay_short():
    text = "1" + ",111" * 2000
    toks = claims._tokens(text, 0, len(text), 1)
    assert "".join(t.text for t in toks) == text and max(len(t.text) for t in toks) <= 35
