"""The linear rewrites of issue 13 give what the quadratic originals gave, on random and worst-shape lines.

Timings of the worst shapes at 1 MB live in `make bench` (scripts/bench.py); here only correctness, small.
The originals are kept below as oracles: they are short and were the published behaviour.
"""

import datetime
import random
import re

import pandas as pd
import pytest
from claimtokens import index_of, rows, tokenised

from libyabook.extract import claims, entities, pipeline, quotes
from libyabook.extract import text as text_module
from libyabook.extract.corpus import parse_page, read_page
from libyabook.extract.dates import resolve_phrases
from libyabook.extract.quotes import SINGLE_CLOSE, SINGLE_OPEN, SINGLE_STRAIGHT, SINGLES
from libyabook.extract.text import sentence_at, sentence_spans


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
    assert tokenised(text, 0, len(text), 1).text == ORIGINAL_TOKEN_RE.findall(text)


TOKEN_PARTS = ["1", "12", "123", "1234", ",", ",000", ",00", ".", ".5", "'", "’", "it", "s", "d", "é", "ß", "İ", "ǅ"]
TOKEN_PARTS += ["٣", "²", "①", "_", "-", "x1", "A", " ", "  ", "\t", "\u00a0", "%", "$"]


@pytest.mark.parametrize("seed", range(20))
def test_tokens_match_the_original_regex_on_random_text(seed):
    rng = random.Random(seed)
    for _ in range(200):
        text = "".join(rng.choice(TOKEN_PARTS) for _ in range(rng.randint(0, 30)))
        toks = tokenised(text, 0, len(text), 1)
        expected = [(m.group(), *m.span()) for m in ORIGINAL_TOKEN_RE.finditer(text)]
        assert list(zip(toks.text, toks.start, toks.end)) == expected, text


def test_tokens_of_a_long_numeral_run_stay_short():
    text = "1" + ",111" * 2000
    toks = rows(tokenised(text, 0, len(text), 1))
    assert "".join(t.text for t in toks) == text and max(len(t.text) for t in toks) <= 35


def numbered_tokens_oracle(text, lo, hi, line, start_id):
    """The tokens then claims._sentences before the CPU rewrite of issue 13 (one line tokenised whole, then
    each token given the sentence whose end it has not reached)."""
    toks = [(m.group(), *m.span()) for m in ORIGINAL_TOKEN_RE.finditer(text, lo, hi)]
    ends = [e for _, e in sentence_spans(text, lo, hi)]
    out, k = [], 0
    for word, start, end in toks:
        while k + 1 < len(ends) and start >= ends[k]:
            k += 1
        out.append((word, start, end, line, start_id + k, word.lower()))
    return out


SENTENCE_PARTS = ["Mr.", "U.S.", "A.", "end.", "end!", "why?", "so…", "1.5", "3.", "1,000", "“Go.”", "'a.'", "(x.)"]
SENTENCE_PARTS += [" ", "\t", "A", "x", "9", ".", "..", "’s", "d’Italia", "”", ")", "\u00a0", "²", "İ"]


@pytest.mark.parametrize("seed", range(20))
def test_tokens_are_numbered_by_sentence_as_before(seed):
    rng = random.Random(seed)
    for _ in range(50):
        text = "".join(rng.choice(SENTENCE_PARTS) + rng.choice([" ", "", "  "]) for _ in range(rng.randint(0, 25)))
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        lo, hi = (0, len(text)) if rng.random() < 0.5 else (lo, hi)
        ours = [(t.text, t.start, t.end, t.line, t.sent, t.low) for t in rows(tokenised(text, lo, hi, 3, seed))]
        assert ours == numbered_tokens_oracle(text, lo, hi, 3, seed), (text, lo, hi)


# ---------------------------------------------------------------- claims: per-claim look-ups instead of rescans
def resolve_units_oracle(cands, toks):
    """claims._resolve_units before issue 13 (rescanned every token of the field for each claim)."""
    for k, c in enumerate(cands):
        if c.unit:
            continue
        sentence_before = "".join(
            (" " if p and t.start > p.end else "") + t.text
            for p, t in zip([None] + toks[:-1], toks)
            if t.sent == c.sent and t.end <= c.start and t.line == c.line
        )
        matches = list(claims._NUMBER_OF_RE.finditer(sentence_before))
        m = matches[-1] if matches else None
        if m is not None:
            c.unit, c.unit_from = claims._plural(m.group(1).lower()), "number of"
            tail = sentence_before[m.start(1) :].split()
            if tail and tail[-1].lower().rstrip(",") in {q.split()[-1] for q in claims.QUALIFIERS}:
                tail = tail[:-1]
            c.what = " ".join(tail[:8])
            continue
        if claims._TOLL_RE.search(sentence_before):
            c.unit, c.unit_from = "deaths", "number of"
            continue
        prior = [
            p for p in cands[:k] if p.unit_from == "stated" and p.unit != "percent" and c.sent - 1 <= p.sent <= c.sent
        ]
        if prior:
            c.unit, c.unit_from = prior[-1].unit, "inherited"
            continue
        near = [
            t.low
            for x, t in enumerate(toks)
            if t.sent == c.sent and (c.first - 4 <= x < c.first or c.last < x <= c.last + 3)
        ]
        if any(w in claims.CASUALTY for w in near):
            c.unit, c.unit_from = "people", "context"


CLAIM_TEXT = (
    "number of the migrants death toll killed dead 5 12 1,200 300 more than over about nearly some and or "
    "people troops percent % . , ( ) twice a dozen two hundred Flight FRANCE over. total count tally of "
    "wounded eight six estimated since May 2011"
)
CLAIM_WORDS = CLAIM_TEXT.split()


def claim_lines(rng, n_lines):
    lines = []
    for _ in range(n_lines):
        words = [rng.choice(CLAIM_WORDS) for _ in range(rng.randint(0, 40))]
        lines.append("".join(w + rng.choice([" ", " ", "", "  "]) for w in words))
    return lines


def field_tokens(lines):
    toks = claims._Tokens()
    for n, text in enumerate(lines, start=1):
        start_id = (toks.sent[-1] + 1) if toks else 0
        toks.add(text, 0, len(text), n, start_id)
    return toks


@pytest.mark.parametrize("seed", range(60))
def test_resolve_units_matches_the_original(seed):
    rng = random.Random(seed)
    lines = tuple(claim_lines(rng, rng.randint(1, 3)))
    toks = field_tokens(lines)
    index = index_of(toks)
    ours, theirs = claims._scan(toks, lines, index), claims._scan(toks, lines, index)
    claims._resolve_units(ours, toks, index)
    resolve_units_oracle(theirs, rows(toks))
    assert [(c.unit, c.unit_from, c.what) for c in ours] == [(c.unit, c.unit_from, c.what) for c in theirs]


def test_index_ranges_are_the_sentences_and_lines():
    rng = random.Random(7)
    index = index_of(field_tokens(claim_lines(rng, 4)))
    toks = rows(index.toks)
    for k, t in enumerate(toks):
        same_sentence = [x for x, u in enumerate(toks) if u.sent == t.sent and u.line == t.line]
        assert (index.sent_lo[t.sent], index.sent_hi[t.sent]) == (same_sentence[0], same_sentence[-1] + 1)
        assert index.line_lo[t.line] == min(x for x, u in enumerate(toks) if u.line == t.line)
        eds = [x for x in same_sentence if x < k and u_is_ed(toks[x])]
        assert index.last_ed_word(k) == (eds[-1] if eds else -1)


def u_is_ed(t):
    return t.is_word and t.low.endswith("ed")


BEFORE_PIECES = [
    "more",
    "than",
    "More",
    "over",
    "Over",
    "up",
    "to",
    "(",
    "’",
    "'",
    "a",
    ".",
    "-",
    "FRANCE",
    "A.B",
    "Flight",
    "x",
    "1",
    "_",
    "K",
    "\u212a",
    "in",
    "excess",
    "of",
    "approximately",
]


@pytest.mark.parametrize("seed", range(300))
def test_before_text_rules_match_the_regexes(seed):
    rng = random.Random(seed)
    text = "".join(
        rng.choice(BEFORE_PIECES) + rng.choice(["", " ", "  ", "\t", "   "]) for _ in range(rng.randint(0, 12))
    )
    lo = rng.randint(0, min(3, len(text)))
    end = rng.randint(lo, len(text))
    before = claims._Before(text, lo, end)
    m = claims._QUAL_RE.search(text[lo:end])
    assert before.qualifier() == ((m.group(1), lo + m.start(1)) if m else None)
    m = claims._NAME_BEFORE_RE.search(text[lo:end])
    assert before.name() == (m.group(1) if m else None)


@pytest.mark.parametrize(
    "text",
    [
        "more than " + "x" * 300 + " " * 300,
        "over" + " " * 500,
        "in   excess    of     ",
        "A." * 300 + " ",
        "(" * 200 + "Approximately ",
        "x" * 30 + "over ",
    ],
)
def test_before_text_rules_on_worst_shapes_small(text):
    before = claims._Before(text, 0, len(text))
    m = claims._QUAL_RE.search(text)
    assert before.qualifier() == ((m.group(1), m.start(1)) if m else None)
    m = claims._NAME_BEFORE_RE.search(text)
    assert before.name() == (m.group(1) if m else None)


def test_claims_of_a_long_numeral_line_small():
    """'Text 1,111,111,...': every claim found, with the unit of the noun that ends the line inherited."""
    text = "Text 1" + ",111" * 400 + " migrants."
    toks = field_tokens((text,))
    index = index_of(toks)
    ours, theirs = claims._scan(toks, (text,), index), claims._scan(toks, (text,), index)
    claims._resolve_units(ours, toks, index)
    resolve_units_oracle(theirs, rows(toks))
    assert len(ours) > 40 and [(c.unit, c.what) for c in ours] == [(c.unit, c.what) for c in theirs]


@pytest.mark.parametrize(
    "text",
    [
        "the number of the two",
        "the number of the six and the count of eight",
        "number of twelve , 5 and the tally of the 7",
        "a death toll two",
        "in the death toll5 and 6",
        "number of the the twelve",
    ],
)
def test_resolve_units_where_the_claim_cuts_a_match(text):
    """The claim's own words end a 'number of X' or 'death toll' match of the whole sentence: the rule sees only
    the text before the claim, as the original did."""
    toks = field_tokens((text,))
    index = index_of(toks)
    ours, theirs = claims._scan(toks, (text,), index), claims._scan(toks, (text,), index)
    claims._resolve_units(ours, toks, index)
    resolve_units_oracle(theirs, rows(toks))
    assert ours and [(c.unit, c.unit_from, c.what) for c in ours] == [(c.unit, c.unit_from, c.what) for c in theirs]


# ---------------------------------------------------------------- quotes: verbs, aliases
def verbs_oracle(masked, a, b, title=False):
    """quotes._verbs before issue 13 (copied the line before each capitalised verb)."""
    out = []
    for m in quotes._VERB_RE.finditer(masked, a, b):
        if m.group(1)[0].isupper() and not title:
            before = masked[: m.start()].rstrip(" \x00")
            if before and before[-1] not in ".!?…:":
                continue
        out.append(m)
    return out


@pytest.mark.parametrize("seed", range(40))
def test_verbs_match_the_original(seed):
    rng = random.Random(seed)
    pieces = ["Says", "said", "Told", "told", " ", "\x00\x00", ".", "x", "Amira", ":", "…", "Said", "  "]
    masked = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 50)))
    a, b = rng.randint(0, 3), len(masked) - rng.randint(0, 3)
    for title in (False, True):
        ours = [m.span() for m in quotes._verbs(masked, a, b, title)]
        assert ours == [m.span() for m in verbs_oracle(masked, a, b, title)]


def alias_hits_oracle(text, al):
    """quotes._alias_hits before issue 13 (tried every alias of the table on every text)."""
    words = entities.line_tokens(text)
    cands = []
    for k, (tokens, alias, case, eid) in enumerate(al.matchers):
        if tokens <= words:
            cands += [(m.start(), m.end(), k, eid) for m in entities.alias_pattern(alias, case).finditer(text)]
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    taken = []
    for s, e, _, eid in cands:
        if all(e <= x or s >= y for x, y, *_ in taken):
            tail = text[e : e + 2]
            possessive = tail in ("'s", "’s") or (tail[:1] in ("'", "’") and text[s:e].endswith("s"))
            taken.append((s, e, eid, al.types.get(eid, ""), possessive))
    return sorted(taken)


@pytest.mark.parametrize("seed", range(20))
def test_alias_hits_match_the_original(seed):
    al = quotes._compile_aliases(None)
    rng = random.Random(seed)
    names = [alias for _, alias, *_ in al.matchers]
    text = " ".join(rng.choice(names + ["the", "spokesman", "’s", "said"]) for _ in range(rng.randint(1, 12)))
    assert quotes._alias_hits(text, al) == alias_hits_oracle(text, al)


# ---------------------------------------------------------------- framing: a quote looked for where it is said to be
def quote_found_oracle(page, quote, n, start):
    """The quotes check of framing's verbatim check before issue 13 (searched the whole page text per quote)."""
    lines = page.lines
    return quote in page.text and 0 < n <= len(lines) and lines[n - 1][start:].startswith(quote.split("\n")[0])


@pytest.mark.parametrize("seed", range(60))
def test_quote_check_matches_the_original(seed):
    from libyabook.extract.corpus import Page
    from libyabook.extract.framing import _QuoteFinder

    rng = random.Random(seed)
    lines = tuple(random_line(rng, ["a", "b", " ", "“", "”"], rng.randint(0, 12)) for _ in range(rng.randint(1, 6)))
    page = Page("p", lines, "0")
    finder = _QuoteFinder(page)
    for _ in range(30):
        n, start = rng.randint(-1, len(lines) + 1), rng.randint(-3, 14)
        if rng.random() < 0.6 and 0 < n <= len(lines):  # a real span of the page, maybe across lines
            text = page.text
            at = sum(len(x) + 1 for x in lines[: n - 1]) + max(0, min(start, len(lines[n - 1])))
            quote = text[at : at + rng.randint(0, 30)]
        else:
            quote = random_line(rng, ["a", "b", " ", "\n", "“"], rng.randint(0, 8))
        assert finder(quote, n, start) == quote_found_oracle(page, quote, n, start), (quote, n, start)


def title_search_oracle(regex, text, end):
    """labels.titles_before's search before issue 13: the whole prefix copied and searched for each mention."""
    return regex.search(text[:end])


@pytest.mark.parametrize("seed", range(40))
def test_title_search_matches_the_original(seed):
    from libyabook.extract import labels

    rng = random.Random(seed)
    words = ["Field Marshal", "Marshal", "retired", "Libyan", "general", "Gen.", "Gen", "Lt. Gen", "Mr", "x", "Haftar"]
    text = "".join(rng.choice(words) + rng.choice([" ", "  ", "\u00a0", "-", ". "]) for _ in range(rng.randint(1, 40)))
    vocab = labels.load_labels()
    for row in vocab[vocab["kind"] == "title"].itertuples():
        regex = labels._title_regex(row.label, row.pattern, row.case)
        width = labels._title_width(row.label, row.pattern, row.case)
        for end in range(len(text) + 1):
            new, old = labels._title_search(regex, width, text, end), title_search_oracle(regex, text, end)
            assert (new and new.span()) == (old and old.span()), (row.label, end)


def test_title_search_of_an_unbounded_pattern_searches_the_whole_prefix():
    from libyabook.extract import labels

    assert labels._title_width("x", r"Gen(?:eral)*", "fold") is None
    regex = labels._title_regex("x", r"Gen(?:eral)*", "fold")
    text = "Gen" + "eral" * 50 + " Haftar"
    assert labels._title_search(regex, None, text, text.index(" H") + 1).span() == (0, text.index(" H") + 1)


def label_hits_oracle(text, lo, hi, vocab, targets):
    """labels._label_hits before issue 13: a scan of the sentences and targets per match, a scan of the kept
    matches per candidate."""
    sentences, candidates = None, []
    for k, entry in enumerate(vocab):
        for m in entry.regex.finditer(text):
            if not (lo <= m.start() and m.end() <= hi):
                continue
            if entry.scope == "sentence":
                sentences = sentences or labels_module().sentence_spans(text, lo, hi)
                s, e = next(((s, e) for s, e in sentences if s <= m.start() < e), (m.start(), m.end()))
                if not any(s <= ts and te <= e for ts, te in targets):
                    continue
            candidates.append((m.start(), m.end(), k))
    taken = []
    for start, end, k in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0], c[2])):
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, k))
    return sorted(taken)


def labels_module():
    from libyabook.extract import labels

    return labels


@pytest.mark.parametrize("seed", range(40))
def test_label_hits_match_the_original(seed):
    labels = labels_module()
    rng = random.Random(seed)
    vocab = labels._vocabulary(None)
    words = [v.label for v in vocab[:40]] + ["Haftar", "said", ".", ". The", "Islamist militias", "x", "Gen."]
    text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 50)))
    targets = [(m.start(), m.end()) for m in re.finditer("Haftar", text)]
    lo, hi = rng.randint(0, 3), len(text) - rng.randint(0, 3)
    assert labels._label_hits(text, lo, hi, vocab, targets) == label_hits_oracle(text, lo, hi, vocab, targets)


@pytest.mark.parametrize("shape", ["Khalifa Haftar " * 300, "Islamists. " * 300, "the renegade Haftar said " * 100])
def test_label_hits_worst_shapes_small(shape):
    labels = labels_module()
    vocab = labels._vocabulary(None)
    targets = [(m.start(), m.end()) for m in re.finditer("Haftar", shape)]
    found = labels._label_hits(shape, 0, len(shape), vocab, targets)
    assert found == label_hits_oracle(shape, 0, len(shape), vocab, targets)


def nearest_oracle(patterns, text, start, end):
    """ledger._nearest before issue 13: every keyword of the text scanned for each claim."""
    best = ("", -1, -1, 10**9)
    for label, pattern in patterns:
        for m in re.finditer(rf"(?<![\w-])(?:{pattern})(?![\w-])", text, re.IGNORECASE):
            if m.start() < end and m.end() > start:
                continue
            gap = start - m.end() if m.end() <= start else m.start() - end
            if gap < best[3]:
                best = (label, m.start(), m.end(), gap)
    return best[:3]


def bounds_oracle(text, start, end):
    """ledger.sentence_bounds and clause_bounds before issue 13: the sentences and breaks scanned per claim."""
    from libyabook.extract import ledger

    spans = ledger.sentence_spans(text)
    lo = max((s for s, _ in spans if s <= start), default=spans[0][0])
    hi = max(min((e for _, e in spans if e >= end), default=len(text)), end)
    cuts = list(ledger._CLAUSE_BREAK.finditer(text, lo, hi))
    c_lo = max([m.end() for m in cuts if m.end() <= start], default=lo)
    c_hi = min([m.start() for m in cuts if m.start() >= end], default=hi)
    return (lo, hi), (c_lo, c_hi)


@pytest.mark.parametrize("seed", range(40))
def test_ledger_lookups_match_the_original(seed):
    from libyabook.extract import ledger

    rng = random.Random(seed)
    words = ["killed", "died", "arrived", "migrants", "12", "1,111", ",", ".", ". The", " - ", ";", "said", "x"]
    text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 60)))
    for _ in range(30):
        start = rng.randrange(len(text))
        end = rng.randint(start + 1, min(len(text), start + 8))
        assert ledger._nearest(ledger.MEASURE_WORDS, text, start, end) == nearest_oracle(
            ledger.MEASURE_WORDS, text, start, end
        )
        bounds = (ledger.sentence_bounds(text, start, end), ledger.clause_bounds(text, start, end))
        assert bounds == bounds_oracle(text, start, end), (text, start, end)


# ---------------------------------------------------------------- output linear in the page
MANY_CLAIMS_IN_ONE_SENTENCE = {
    "numerals '1,111,1,111,...'": "1,111,",
    "counts '3 people, 3 people, ...'": "3 people, ",
    "cues 'reportedly a tweet said 5 died, ...'": "reportedly a tweet said 5 died, ",
}


def one_sentence_page(unit: str, n: int) -> str:
    """A page whose one excerpt is a single sentence of about n characters: ``unit`` repeated."""
    return (
        "Test Title\n\nTest Title\n\nA lead. Reuters's Test Reporter reports.\n\nWould you like to know more?\n\n"
        "Headline (bbc, Oct 9, 2019)\n\n“Text " + unit * (n // len(unit)) + "migrants.”\n\n\n"
        "  1. An update (bbc, Oct 9, 2019):\n\n    An excerpt line.\n"
    )


def output_bytes(tmp_path, text: str) -> int:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return sum(len(data) for data in pipeline.serialise(read_page(path), "page.txt").values())


@pytest.mark.parametrize("unit", MANY_CLAIMS_IN_ONE_SENTENCE.values(), ids=MANY_CLAIMS_IN_ONE_SENTENCE)
def test_tables_grow_linearly_with_a_sentence_of_many_claims(tmp_path, unit):
    """No table repeats a long text once per row: quadrupling the sentence at most quadruples what it adds to the
    output (a sentence repeated per claim, as the claims ledger once did, makes it 16 times)."""
    base = output_bytes(tmp_path, one_sentence_page(unit, 0))
    small, large = (output_bytes(tmp_path, one_sentence_page(unit, n)) - base for n in (2000, 8000))
    assert small > 2000  # the claims are found and written
    assert large <= 4.5 * small
    assert large <= 50 * 8000  # at most 50 bytes of tables per character of the page's sentence


@pytest.mark.parametrize("seed", range(10))
def test_close_parenthesis_look_is_that_of_the_stripped_rest_of_the_line(seed):
    """claims._before_close_paren against the copy of the rest of the line it replaced (quadratic on long lines)."""
    rng = random.Random(seed)
    for _ in range(300):
        text = "".join(rng.choice(["(", ")", " ", "\t", "\u00a0", "\x1c", "x", "1"]) for _ in range(rng.randint(0, 12)))
        end = rng.randint(0, len(text))
        assert claims._before_close_paren(text, end) == text[end:].lstrip().startswith(")"), (text, end)


# ---------------------------------------------------------------- claims: the window of a claim, by index
def as_of_oracle(phrases, line, lo, hi, claim, text, published):
    """claims._as_of before 1 December 2026 (every phrase and a search of its sentence prefix, per claim)."""
    usable = []
    for p in phrases:
        if p.line != line or not (lo <= p.start < hi) or p.first is None or p.text.lower().startswith("so far"):
            continue
        between = text[min(claim[1], p.end) : max(claim[0], p.start)]
        counted_since = claims._SINCE_RE.search(between) and not claims._END_WORD_RE.search(text, lo, p.start)
        if claims._START_WORD_RE.search(text, lo, p.start) or p.text.lower().startswith("since") or counted_since:
            continue
        usable.append(p)
    ended = [p for p in usable if claims._END_WORD_RE.search(text, lo, p.start)]
    chosen = (ended or usable or [None])[0]
    if chosen is not None:
        return claims.AsOf(chosen.first.isoformat(), chosen.last.isoformat())
    return claims.AsOf(published.isoformat(), published.isoformat()) if published else claims.AsOf()


DATE_WORDS = [
    "since",
    "from",
    "until",
    "to",
    "by",
    "as",
    "of",
    "up",
    "beginning",
    "on",
    "so",
    "far",
    "this",
    "year",
    "in",
    "March",
    "2017",
    "Monday",
    "June",
    "2016",
    "12",
    "5",
    "xsince",
    "since5",
    "Since",
    "SINCE",
    ",",
    ".",
    "(",
    ")",
    "the",
    "killed",
    "since on",
    "starting  of",
    "as of",
    "up   to",
    "beginning of",
    "from on",
    "so far this year",
]


@pytest.mark.parametrize("seed", range(60))
def test_as_of_matches_the_original(seed):
    rng = random.Random(seed)
    published = datetime.date(2017, 8, 10)
    lines = ["".join(rng.choice(DATE_WORDS) + rng.choice([" ", "  ", ""]) for _ in range(rng.randint(1, 40)))]
    lines.append(lines[0][::-1])
    phrases = resolve_phrases(list(enumerate(lines, start=1)), published)
    dates = claims._Dates(phrases)
    for _ in range(30):
        line = rng.randint(1, 2)
        text = lines[line - 1]
        lo, hi = sorted(rng.randint(0, len(text)) for _ in range(2))
        a, b = sorted(rng.randint(lo, hi) for _ in range(2))
        ours = dates.as_of(line, lo, hi, (a, b), text, published)
        assert ours == as_of_oracle(phrases, line, lo, hi, (a, b), text, published), (text, lo, hi, a, b)


# ---------------------------------------------------------------- labels: the cheap first test is a superset
LABEL_BITS = ["so-called", "So Called", "self styled", "ex-Langley affiliate", "RENEGADE", "rival factions", "rebels"]
LABEL_BITS += ["Islamist", "ıslamist", "İSLAMIST", "terror", "strongman", "also", "cult", "x", " ", "-", "ſo-called"]


@pytest.mark.parametrize("seed", range(40))
def test_literal_starts_never_reject_a_line_with_a_label(seed):
    labels = labels_module()
    vocab = labels._vocabulary(None)
    starts = labels._LiteralStarts([v.regex for v in vocab])
    anywhere = re.compile("|".join(f"(?:{labels._unanchored(v.regex.pattern)})" for v in vocab), re.IGNORECASE)
    rng = random.Random(seed)
    found = 0
    for _ in range(200):
        text = "".join(rng.choice(LABEL_BITS) + rng.choice(["", " "]) for _ in range(rng.randint(0, 6)))
        if anywhere.search(text):
            found += 1
            assert starts.maybe(text), text
        for v in vocab:  # and each label's own starts, which _label_hits tests before running its regex
            if v.regex.search(text) and "ı" not in text and "İ" not in text:
                assert any(start in text.casefold() for start in labels._starts_of(v.regex)), (v.label, text)
    assert found  # the lines do hold labels


# ---------------------------------------------------------------- quotes: many quotations in one sentence
VERB_BITS = ["said", "Says", "according to", "saying", "dubbed", "told", "He", "x", " ", "  ", "\x00\x00", ".", ":"]


def masked_ctx(rng) -> tuple[str, quotes._Ctx]:
    masked = "".join(rng.choice(VERB_BITS) for _ in range(rng.randint(0, 40)))
    return masked, quotes._Ctx(page=None, item_id="i1", paras=[], masked={1: masked}, al=None)


def caller_bounds(masked: str) -> tuple[list[int], list[int]]:
    """Where the attribution rules start and end a verb search: sentence starts, just after a mask; masks,
    sentence ends, verb starts and the line's end."""
    spans = sentence_spans(masked)
    masks = [i for i, c in enumerate(masked) if c == quotes.MASK]
    starts = [s for s, _ in spans] + [i + 1 for i in masks]
    verb_starts = [m.start() for m in quotes._verbs(masked, 0, len(masked))]
    return starts, masks + [s for s, _ in spans[1:]] + verb_starts + [len(masked)]


@pytest.mark.parametrize("seed", range(60))
def test_verb_and_sentence_lookups_match_a_search_of_the_sentence(seed):
    """The verbs and sentences of a line found once and bisected give what a search of [a, b) gives, at every
    pair of bounds the attribution rules use."""
    rng = random.Random(seed)
    masked, ctx = masked_ctx(rng)
    for col in range(len(masked) + 1):
        assert quotes._sentence_at(ctx, 1, 0, len(masked), col) == sentence_at(masked, 0, len(masked), col)
        end = quotes._blank_run_end(ctx, 1, col)  # the run of blanks from col, however the runs were found before
        assert end >= col and not masked[col:end].strip(" ,.\x00")
        assert end == len(masked) or masked[end] not in " ,.\x00"
    starts, ends = caller_bounds(masked)
    for a in starts:
        sentence = sentence_at(masked, 0, len(masked), a)  # the sentence the rules search in
        for b in (b for b in ends if a <= b <= sentence[1]):
            for title in (False, True):
                found = quotes._verbs(masked, a, b, title)
                plain = [m for m in found if m.group(1).lower() not in quotes.PARTICIPLES.union(quotes.NAMING_VERBS)]
                last = quotes._last_verb(ctx, 1, sentence, a, b, title)
                first = quotes._first_verb(ctx, 1, sentence, a, b, title)
                last_plain = quotes._last_verb(ctx, 1, sentence, a, b, title, plain=True)
                assert (last and last.span()) == (found[-1].span() if found else None)
                assert (first and first.span()) == (found[0].span() if found else None)
                assert (last_plain and last_plain.span()) == (plain[-1].span() if plain else None)


#: Sentences and paragraphs of many quotations (issue 13: quotations x sentence length before 1 December 2026).
MANY_QUOTATIONS = {
    "'‘a’ ‘a’ ...' in one sentence": ("sentence", "‘a’ "),
    "\"'a' 'a' ...\" in one sentence": ("sentence", "'a' "),
    "'“a” “a” ...' in one sentence": ("sentence", "“a” "),
    "a paragraph of '“We are ready,” he said. ...'": ("paragraph", "“We are ready,” he said. "),
    "a paragraph of 'They said: “We are ready.” ...'": ("paragraph", "They said: “We are ready.” "),
    "a paragraph of \"He called it 'a coup'. ...\"": ("paragraph", "He called it 'a coup'. "),
    "a paragraph of names and pronouns": ("paragraph", "“We are ready,” Khalifa Haftar said. “Go,” he said. "),
    "paragraphs of '“We are ready,” he said.'": ("paragraph", "“We are ready,” he said.\n\n"),
}


def one_paragraph_page(unit: str, n: int) -> str:
    """A page whose one excerpt is a single paragraph (no outer marks) of about n characters: unit repeated."""
    return one_sentence_page("x", 0).replace("“Text migrants.”", unit * (n // len(unit)))


@pytest.mark.parametrize("shape", MANY_QUOTATIONS.values(), ids=MANY_QUOTATIONS)
def test_many_quotations_read_their_sentence_a_bounded_number_of_times(tmp_path, monkeypatch, shape):
    """Every quotation is found, and the characters the attribution searches (verbs, sentences) and the
    sub-heading test read stay within a constant times the line: no search of the sentence per quotation."""
    kind, unit = shape
    n = 6000
    path = tmp_path / "page.txt"
    path.write_text((one_sentence_page if kind == "sentence" else one_paragraph_page)(unit, n), encoding="utf-8")
    page = read_page(path)
    read = []
    verbs, spans, subheading = quotes._verbs, quotes.sentence_spans, quotes._is_subheading
    monkeypatch.setattr(quotes, "_verbs", lambda m, a, b, title=False: read.append(b - a) or verbs(m, a, b, title))
    monkeypatch.setattr(
        quotes, "sentence_spans", lambda t, lo=0, hi=None: read.append((hi or len(t)) - lo) or spans(t, lo, hi)
    )
    monkeypatch.setattr(quotes, "_is_subheading", lambda pg, p, qs: read.append(p.b - p.a) or subheading(pg, p, qs))
    found = quotes.extract_quotes(page, parse_page(page)[0], aliases=None)
    assert len(found) >= n // len(unit) - 1  # a first mark at the excerpt start is the outer excerpt mark
    assert sum(read) <= 8 * n


#: Sentences of quotations attributed through a participle (issue 13: before 1 December 2026 each one read its
#: sentence from the start to the participle to find the participle's subject).
PARTICIPLE_QUOTATIONS = {
    "'Haftar, claiming ‘a’, ...'": "Haftar, claiming ‘a’, ",
    "'‘a’, saying ...'": "‘a’, saying ",
    "'the LNA, adding ‘a’, ...'": "the LNA, adding ‘a’, ",
    "'forces backed by the UN, vowing ‘a’, ...'": "forces backed by the UN, vowing ‘a’, ",
    "'they, adding ‘a’, but ...'": "they, adding ‘a’, but ",
}


@pytest.mark.parametrize("unit", PARTICIPLE_QUOTATIONS.values(), ids=PARTICIPLE_QUOTATIONS)
def test_participle_subjects_read_their_sentence_a_bounded_number_of_times(tmp_path, monkeypatch, unit):
    """Every quotation of a sentence of participle-attributed quotations is found and given a verb, and the text
    the subject rule reads in full (spans stripped, texts searched for aliases or a noun phrase, sentences and
    clauses indexed) stays within a constant times the line: no reading from the sentence start per quotation."""
    n = 6000
    path = tmp_path / "page.txt"
    path.write_text(one_sentence_page(unit, n), encoding="utf-8")
    page = read_page(path)
    read = []

    def count(name, size):
        real = getattr(quotes, name, None)
        if real is not None:  # the helpers of either version of the rule
            monkeypatch.setattr(quotes, name, lambda *a: read.append(size(*a)) or real(*a))

    count("_strip_tail", len)
    count("_leading_np", len)
    count("_index_sentence", len)
    for name in ("_pick_alias", "_alias_hits", "_clause_index"):
        count(name, lambda text, al: len(text))
    found = quotes.extract_quotes(page, parse_page(page)[0], aliases=None)
    assert len(found) >= n // len(unit) - 1
    assert (found["verb"] != "").sum() >= n // len(unit) - 1
    assert sum(read) <= 8 * n


SUBJECT_BITS = ["Khalifa Haftar", "Haftar", "Haftar's", "Abu Abu", "Abu", "the UN", "UN-backed", "LNA", "Libya"]
SUBJECT_BITS += ["Tripoli"]
SUBJECT_BITS += ["they", "it", "he", "killed by", "supported quickly by", ", which", ", who", "but", "while", "also"]
SUBJECT_BITS += ["Monday", "the", "a", "officials", "army", ",", ",", ".", "\x00\x00", "\t", "claiming", "saying"]
SUBJECT_ALIASES = [("haftar", "Khalifa Haftar", "person"), ("haftar", "Haftar", "person"), ("abu", "Abu Abu", "person")]
SUBJECT_ALIASES += [("un", "the UN", "org"), ("lna", "LNA", ""), ("libya", "Libya", "country")]
SUBJECT_ALIASES += [("tripoli", "Tripoli", "city")]


@pytest.mark.parametrize("seed", range(60))
def test_passive_subject_matches_the_sentence_rule(seed):
    """The participle's subject found from the indexes of its sentence is what ``_subject`` finds reading the
    sentence from its start, at every participle of random lines of names, places, pronouns, "by" and clauses."""
    rng = random.Random(seed)
    masked = " ".join(rng.choice(SUBJECT_BITS) for _ in range(rng.randint(0, 60)))
    aliases = pd.DataFrame(SUBJECT_ALIASES, columns=["entity_id", "alias", "entity_type"])
    al = quotes._compile_aliases(aliases)
    ctx = quotes._Ctx(page=None, item_id="i1", paras=[], masked={1: masked}, al=al)
    for s0, s1 in sentence_spans(masked):
        for m in re.finditer(r"\b(?:claiming|saying)\b", masked[s0:s1]):
            got = quotes._passive_subject(ctx, 1, s0, s1, s0 + m.start())
            assert got == quotes._subject(ctx, 1, s0, s0 + m.start(), passive=True), (masked, m.start())


# ---------------------------------------------------------------- dates: phrases tried only where one can start
DATE_BITS = ["in", "within", "IN", "March", "May", "2017", "21", "21st", "of", "and", "to", "-", "–", ",", " ", "  "]
DATE_BITS += ["Sunday", "late", "today", "this", "week", "three", "months", "later", "the", "same", "day", "x", "é"]
DATE_BITS += ["On", "LAST", "Since", "by", "until", "from", "early", "Mid", "earlier", "over", "so", "far", "Tonight"]


@pytest.mark.parametrize("seed", range(40))
def test_date_phrases_match_the_alternatives_tried_at_every_position(seed):
    """The word-start and first-word lookaheads of DATE_PHRASE change no match: the bare alternation finds the
    same phrases (including 'in March 2017' inside 'within March 2017', which starts at no word start)."""
    start = text_module._PHRASE_START + text_module._PHRASE_FIRST + "(?:"
    assert text_module.DATE_PHRASE.pattern.startswith(start)
    bare = re.compile(text_module.DATE_PHRASE.pattern.removeprefix(start)[:-1])
    assert bare.pattern != text_module.DATE_PHRASE.pattern
    rng = random.Random(seed)
    found = 0
    for _ in range(50):
        text = "".join(rng.choice(DATE_BITS) + rng.choice(["", " "]) for _ in range(rng.randint(0, 14)))
        lo, hi = rng.randint(0, 3), max(0, len(text) - rng.randint(0, 3))
        ours = [m.span() for m in text_module.DATE_PHRASE.finditer(text, lo, hi)]
        assert ours == [m.span() for m in bare.finditer(text, lo, hi)], text
        found += len(ours)
    assert found  # the lines do hold date phrases
