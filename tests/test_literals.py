"""The cheap first tests of issue 13 never change a result: the literal gate keeps every regex that matches, the label
search from a line's first label start finds what a search of the whole line finds, and one regex of all titles
finds the title the per-pattern searches found."""

import random
import re

import pytest

from libyabook.extract import labels, ledger
from libyabook.extract.literals import LiteralGate, matches_at, needles, searchable, trie_pattern

BITS = ["killed", "Shot  dead", "shot dead", "KİLLED", "kılled", "ICC", "icc", "the agency", "The Agency", "video"]
BITS += ["tweeted", "witnesses said", "a local commander said", "claimed to have", "Islamist", "ſo-called", "Kelvin"]
BITS += ["anti-Islamist", "strongman", "ß", "ﬁeld marshal", "field-marshal", "x", " ", "-", ".", "said", "official"]


def random_text(rng: random.Random) -> str:
    return "".join(rng.choice(BITS) + rng.choice(["", " ", "-", ", "]) for _ in range(rng.randint(0, 12)))


def vocabularies() -> list[list[re.Pattern]]:
    """Every regex family the gates serve: labels, measure keywords, frames, single-source cues."""
    return [
        [v.regex for v in labels._vocabulary(None)],
        [rx for _, rx in ledger._keyword_words(ledger.MEASURE_WORDS).named],
        [rx for _, rx in ledger._FRAME_RES],
        [rx for _, rx in ledger._SINGLE_SOURCE_RES],
        [rx for _, rx in ledger._HEDGES.named],
    ]


@pytest.mark.parametrize("seed", range(30))
def test_the_gate_keeps_every_regex_that_matches(seed):
    rng = random.Random(seed)
    for regexes in vocabularies():
        gate = LiteralGate([needles(rx) for rx in regexes])
        for _ in range(100):
            text = random_text(rng)
            kept = set(gate.candidates(text))
            assert all(k in kept for k, rx in enumerate(regexes) if rx.search(text)), text


def test_needles_of_alternations_groups_and_runs():
    assert needles(re.compile(r"(?<![\w-])(?:shot dead|killed)(?![\w-])", re.I)) == ("killed", "shot dead")
    assert needles(re.compile(r"\bclaim(?:s|ed)? to have\b")) == (" to have",)
    assert needles(re.compile(r"(ICC|[Tt]he agency)")) == ("he agency", "icc")
    assert needles(re.compile(r"\w+")) == ()
    gate = LiteralGate([(), ("abc",), ("bc",)])
    assert gate.candidates("xyz") == [0] and gate.candidates("ABC") == [0, 1, 2] and gate.candidates("ı") == [0, 1, 2]


@pytest.mark.parametrize("seed", range(30))
def test_label_candidates_start_where_the_whole_line_search_would(seed):
    rng = random.Random(seed)
    vocab = labels._vocabulary(None)
    starts = labels._LiteralStarts([v.regex for v in vocab])
    for _ in range(100):
        text = random_text(rng)
        candidates = dict(starts.candidates(text))
        for k, v in enumerate(vocab):
            spans = [m.span() for m in v.regex.finditer(text)]
            if spans:
                assert k in candidates, (v.label, text)
            if k in candidates:
                assert [m.span() for m in v.regex.finditer(text, candidates[k])] == spans, (v.label, text)


LABEL_BITS = BITS + ["ReNeGaDe", "ſtrongman", "terror cult", "rival  faction", "rebels", "ıslamist", "\u212a", "miliſt"]


@pytest.mark.parametrize("seed", range(30))
def test_label_matches_are_those_of_the_whole_line_search(seed):
    """labels._label_matches tries a label only where its start stands in the folded line, and finds what a search
    of the whole line finds (lines whose folding changes their length or holding 'ı' included)."""
    rng = random.Random(seed)
    vocab = labels._vocabulary(None)
    starts = labels._LiteralStarts([v.regex for v in vocab])
    for _ in range(100):
        text = "".join(rng.choice(LABEL_BITS) + rng.choice(["", " ", "-"]) for _ in range(rng.randint(0, 12)))
        folded = searchable(text)
        for k, first in starts.candidates(text):
            found = [m.span() for m in labels._label_matches(vocab[k].regex, text, first, folded)]
            assert found == [m.span() for m in vocab[k].regex.finditer(text)], (vocab[k].label, text)


def titles_oracle(rows, text, end):
    """labels.titles_before's choice before issue 13: each title pattern searched, the earliest start kept."""
    best = None
    for label, pattern, case in rows:
        hit = labels._title_regex(label, pattern, case).search(text, 0, end)
        if hit and (best is None or hit.start() < best[1]):
            best = (label, hit.start(), hit.group(0).rstrip())
    return best


@pytest.mark.parametrize("seed", range(30))
def test_one_regex_of_all_titles_finds_what_each_title_found(seed):
    rng = random.Random(seed)
    vocab = labels.load_labels()
    rows = [(r.label, r.pattern, r.case) for r in vocab[vocab["kind"] == "title"].itertuples()]
    custom = [("A", r"(a)\1", "fold"), ("B", r"b+", "exact"), ("Aa", "aa", "exact")]
    words = ["Field Marshal", "field-marshal", "Marshal", "retired", "Libyan", "general", "Gen.", "Lt. Gen", "Mr"]
    words += ["aa", "AA", "bbb", "x", "Haftar", "Commander", "commander", "Prime Minister"]
    for table in (rows, custom, custom[1:]):
        finder = labels._TitleFinder(table)
        for _ in range(20):
            text = "".join(rng.choice(words) + rng.choice([" ", "  ", "\u00a0", "-", ". "]) for _ in range(6))
            for end in range(len(text) + 1):
                assert finder.before(text, end) == titles_oracle(table, text, end), (text, end)


@pytest.mark.parametrize("seed", range(40))
def test_matches_at_a_literal_are_what_finditer_finds(seed):
    """Trying a pattern only where its literal start is (literals.matches_at) finds what finditer finds."""
    rng = random.Random(seed)
    text = "".join(rng.choice(["ab", "abc", "x", " ", "a", "bc"]) for _ in range(rng.randint(0, 40)))
    pattern = re.compile(r"ab(?:c|\s)?")
    s = rng.randint(0, len(text))
    e = rng.randint(s, len(text))
    found = matches_at(pattern, text, text[s:], "ab", shift=s, endpos=e)
    assert [m.span() for m in found] == [m.span() for m in pattern.finditer(text, s, e)]


@pytest.mark.parametrize("seed", range(10))
def test_a_letter_tree_matches_as_the_longest_first_alternation(seed):
    """``trie_pattern`` (the date phrases' month, weekday and number words) finds what the plain alternation of the
    same words sorted longest first finds, at every offset, also where a longer word must give way to a shorter."""
    rng = random.Random(seed)
    letters = "abAB.-"
    for _ in range(50):
        words = sorted(
            {"".join(rng.choice(letters) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 8))}
        )
        plain = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        for tail in ("", "a", r"\b", r"(?!\.)"):
            tree, alternation = re.compile(trie_pattern(words) + tail), re.compile(f"(?:{plain}){tail}")
            text = "".join(rng.choice(letters + " ") for _ in range(30))
            for at in range(len(text) + 1):
                ours, theirs = tree.match(text, at), alternation.match(text, at)
                assert (ours and ours.span()) == (theirs and theirs.span()), (words, tail, text, at)
