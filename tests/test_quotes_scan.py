"""The quotation extractor's faster scans find what the plain forms they replaced find (issue 13)."""

import random
import re

import pytest

from libyabook.extract import quotes

VERB_PIECES = ["said", "says", "say", "saying", "According", "according", "to", "  ", " ", "\t", "SAYS", "ſays"]
VERB_PIECES += ["told", "tells", "vow", "vowed", "branded", "labelled", "labeled", "sees", "saw", "x", "-", "'", "’"]
VERB_PIECES += ["\x00\x00", ".", ":", "Said", "Amira", "declare", "declares", "declaring", "_", "1", "é", "\n"]


def random_text(rng: random.Random, pieces: list[str], most: int) -> str:
    """Up to ``most`` pieces drawn at random and joined: the random lines the scans are compared on."""
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, most)))


def random_span(rng: random.Random, pieces: list[str], most: int) -> tuple[str, int, int]:
    """A ``random_text`` and a random range [a, b) of it."""
    text = random_text(rng, pieces, most)
    a = rng.randint(0, len(text))
    return text, a, rng.randint(a, len(text))


def alternation():
    """The speech-verb pattern before issue 13: one alternative per verb, longest first."""
    verbs = quotes.SPEECH_VERBS + quotes.NAMING_VERBS
    words = sorted((v.replace(" ", r"\s+") for v in verbs), key=len, reverse=True)
    return re.compile(r"(?<![\w'’-])(" + "|".join(words) + r")(?![\w'’-])", re.IGNORECASE)


@pytest.mark.parametrize("seed", range(60))
def test_verb_trie_finds_what_the_alternation_finds(seed):
    rng = random.Random(seed)
    text = random_text(rng, VERB_PIECES, 80)
    a, b = rng.randint(0, 4), len(text) - rng.randint(0, 4)
    expected = [(m.span(), m.group(1)) for m in alternation().finditer(text, a, b)]
    assert [(m.span(), m.group(1)) for m in quotes._VERB_RE.finditer(text, a, b)] == expected


@pytest.mark.parametrize("seed", range(60))
def test_verbs_found_between_masks_are_those_found_across_them(seed):
    rng = random.Random(seed)
    text = random_text(rng, VERB_PIECES, 80)
    a, b = rng.randint(0, 4), len(text) - rng.randint(0, 4)
    expected = [m.span() for m in quotes._VERB_RE.finditer(text, a, b)]
    runs = quotes._unmasked_runs(text, a, b)
    assert [m.span() for lo, hi in runs for m in quotes._VERB_RE.finditer(text, lo, hi)] == expected


def strip_tail_oracle(span):
    """quotes._strip_tail before issue 13: the words of the span, trailing auxiliaries and blanks popped."""
    words = span.rstrip().split(" ")
    while words and (words[-1].strip(",").lower() in quotes._TRAILING or not words[-1].strip()):
        words.pop()
    return " ".join(words)


@pytest.mark.parametrize("seed", range(60))
def test_tail_end_is_the_end_of_the_stripped_span(seed):
    rng = random.Random(seed)
    pieces = ["Haftar", "has", "also", "Monday", "on", " ", "  ", ",", "\t", "\x00", "later,", "Has", "x"]
    m, a, b = random_span(rng, pieces, 30)
    assert m[a : quotes._tail_end(m, a, b)] == strip_tail_oracle(m[a:b])


@pytest.mark.parametrize(
    "text", ["'a", "x 'a' b", "(‘a’)", "‘a b’ c's", "“'a'”", "'a b c d e f g h i j k l m n'", "a'b 'c_' d'"]
)
def test_single_marks_at_a_segment_start_open(text):
    """A straight mark at the very start of a segment opens as if after a space, whatever precedes the segment."""
    line = "x" + text
    assert quotes._single_quotes(line, 1, len(line), []) == quotes._single_quotes(" " + text, 1, len(line), [])


def leading_np_oracle(text, a, b):
    """quotes._leading_np_at before issue 13 (recounted the noun phrase's words at each word: quadratic), with the
    rule added since: a phrase ends before a masked quotation."""
    start, end = None, a
    for m in quotes._WORD.finditer(text, a, b):
        w = m.group(0)
        lw = w.strip(".,;:!?()").lower()
        if lw in quotes.PRONOUNS and start is None:
            return m.start(), m.start() + len(w.rstrip(".,;:"))
        if start is None and lw in quotes._CONNECTIVES:
            continue
        if start is not None and (
            lw in quotes._NP_STOP or (w[:1].islower() and "-" not in w and lw.endswith(("ed", "ing")))
        ):
            break
        if start is not None and quotes.MASK in text[end : m.start()]:
            break
        if start is None and (lw in quotes._NP_STOP):
            continue
        if start is None:
            start = m.start()
        end = m.start() + len(w.rstrip(".,;:"))
        if w.endswith(",") or len(text[start:end].split()) >= 8:
            break
    return (start, end) if start is not None else (a, a)


@pytest.mark.parametrize("seed", range(80))
def test_leading_noun_phrase_counts_its_words_as_before(seed):
    rng = random.Random(seed)
    pieces = [
        "Haftar",
        "b",
        "the",
        "of",
        "killed",
        "and",
        "he",
        " ",
        "  ",
        "\x00",
        "\x00\x00",
        ",",
        ".",
        ";",
        "\t",
        "x.",
    ]
    text, a, b = random_span(rng, pieces, 60)
    assert quotes._leading_np_at(text, a, b) == leading_np_oracle(text, a, b)


def test_leading_noun_phrase_ends_before_a_quotation():
    """Words joined by masked quotes ("\x00\x00b\x00\x00b"): the phrase is the first word, not the run of them
    (it ran on to the quotation: each statement of a long sentence of them named a speaker as long as the sentence
    so far, so the table grew with the square of the line)."""
    text = "\x00\x00b" * 20000
    assert quotes._leading_np_at(text, 0, len(text)) == (2, 3)
    assert quotes._leading_np_at("the \x00\x00\x00 leader said", 0, 20) == (0, 3)


@pytest.mark.parametrize("seed", range(80))
def test_a_resumed_leading_phrase_is_the_phrase_read_afresh(seed):
    """One _LeadingPhrase asked for growing ends gives what a fresh reading up to each end gives."""
    rng = random.Random(seed)
    pieces = ["Haftar", "b", "the", "of", "killed", "he", " ", "  ", "\x00", ",", ".", "x.", "Said"]
    text = random_text(rng, pieces, 80)
    a = rng.randint(0, len(text))
    phrase = quotes._LeadingPhrase(text, a)
    for b in sorted(rng.randint(a, len(text)) for _ in range(8)):
        assert phrase.up_to(b) == leading_np_oracle(text, a, b)
