"""Find every numeric claim the items of a page make: counts, percentages, distances, durations.

``extract_claims(page, articles)`` returns one row per number stated in an item's title or body,
with its value, the counted noun (``unit``), how the text qualifies it, the date it refers to and
the verbatim span. Everything is decided by rules on the words, so any page of the format works.

What counts as a claim
----------------------
* Numerals (``114,000``, ``1200``, ``1.5 million``, ``85%``, ``$5 million``, ``27-mile``) and spelled-out
  numbers (``six troops``, ``twenty-five``, ``two hundred``, ``a dozen`` = 12).
* Vague quantities (``dozens``, ``thousands``, ``hundreds of thousands``, ``tens of thousands``,
  ``several hundred``): ``value`` is empty (no number is invented), ``qualifier`` is ``vague``,
  ``unit`` and ``what`` are filled.
* ``27 miles (43 km)`` gives two claims, one per unit; a number in parentheses right after another claim
  restates it, so both share a ``group`` (the claim_id of the first). Every other claim is its own group:
  the number of distinct quantities is the number of distinct groups.

What is not a claim (documented decisions)
------------------------------------------
* Calendar dates and years: a number after or before a month name (``May 1991``, ``August 7``,
  ``7 August``), a four-digit 1800-2100 number unless a qualifier precedes it or a plural noun follows it
  (``2000 people`` is a count, ``the 2011 uprising`` a year), decades (``1990s``), clock times.
* Ordinals, also when they count (``second city``, ``February 17th``, ``first elected``, ``a second time``):
  they rank, they do not state a quantity.
* Numbers that are part of a name: after a capitalised word when no counted noun follows
  (``FRANCE 24``, ``Flight 17``), attached to letters (``G7``, ``F-16``), list markers at a line start,
  digit runs joined by ``-``/``.``/spaces (phone numbers, ISO dates, ``20-30``).
* ``one``, ``a``, ``an`` alone: pronoun or article (``no one``, ``one in particular``, ``one row at a time``,
  ``one video``), unless qualified (``at least one``) or scaled (``one million``).
* A number right after ``the``/``these``/``those`` refers back to a set already named
  (``the two rival leaders``, ``the two agreed``).
* A spelled-out number with no counted noun and no unit to inherit (``split into two``).
* Quantifiers that are not numbers (``many``, ``several points``, ``most``, ``a number of``).

Units, qualifiers, dates
------------------------
``unit`` is the counted noun in lower case (``migrants``, ``political prisoners`` -> ``prisoners``,
``rescued asylum seekers`` -> ``asylum seekers``), ``percent`` for %/percent/per cent, abbreviations as
written (``km``). ``unit_from`` says where it came from: ``stated`` (the noun after the number),
``number of`` (``the number of migrants ... exceeded 114,000``), ``inherited`` (a bare number takes the
unit of the previous claim of the same or the previous sentence: ``killed six troops and wounded eight``),
``context`` (a bare number next to a casualty word is ``people``: ``Killing At Least 43``, ``3 dead``),
or empty (a bare numeral with no unit the rules can give).

``qualifier``: ``exact``, ``more than`` (more than, over, above, exceeded...), ``at least``, ``about``
(about, around, some, roughly, an estimated; also ``a dozen``/``a hundred``, round words used loosely),
``almost`` (almost, nearly, close to), ``less than``, ``up to`` (up to, as many as), ``vague``.

``as_of`` (ISO date): an end date the sentence gives (``until July 30``), else a day-precise date in the
sentence, else ``yesterday``/a weekday resolved against the publication date (most recent such weekday
on or before it, as in dates.py), else the item's publication date; empty when the item has none.
Month-only or year-only dates are not used (too coarse to say what day a count refers to).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, count, repeat
from operator import itemgetter, or_

import pandas as pd

from libyabook.extract.corpus import UPDATE_START, Page, body_lines
from libyabook.extract.dates import Phrase, resolve_phrases
from libyabook.extract.rows import records
from libyabook.extract.text import CARDINALS, MONTHS, WEEKDAYS, may_hold_date, sentence_spans
from libyabook.extract.threads import item_threads

CLAIM_COLUMNS = [
    "claim_id",
    "item_id",
    "value",
    "unit",
    "what",
    "qualifier",
    "as_of",
    "as_of_start",
    "as_of_end",
    "span",
    "line",
    "start",
    "end",
    "field",
    "group",
    "unit_from",
    "thread",
]

# ---------------------------------------------------------------- word lists (language, not facts)
SMALL = CARDINALS  # zero to nineteen, from the one list in extract/text.py
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
VAGUE_PLURALS = {"dozens", "hundreds", "thousands", "millions", "billions", "tens", "scores"}
FRACTIONS = {"half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths"}
CURRENCY = {"$": "dollars", "€": "euros", "£": "pounds"}
ABBREVIATED_UNITS = {"km", "kms", "mi", "kg", "mph", "kph", "nm", "ha", "sq", "m", "cm", "mm", "t"}
IRREGULAR_PLURALS = {
    "people",
    "men",
    "women",
    "children",
    "police",
    "personnel",
    "staff",
    "troops",
    "crew",
    "militia",
    "cattle",
    "aircraft",
    "feet",
    "teeth",
    "mice",
}
SINGULAR_TO_PLURAL = {"person": "people", "man": "men", "woman": "women", "child": "children", "foot": "feet"}
CASUALTY = {
    "kill",
    "kills",
    "killed",
    "killing",
    "dead",
    "die",
    "died",
    "dies",
    "dying",
    "death",
    "deaths",
    "wounded",
    "wounding",
    "injured",
    "injuring",
    "executed",
    "executing",
    "slain",
    "massacred",
    "murdered",
    "shot",
    "missing",
}
CASUALTY_ADJ = {"dead", "killed", "wounded", "injured", "missing", "slain"}
_STOPWORDS_TEXT = (
    "a an the this that these those its it it's their his her our your my them they he she we you i us him me who "
    "whom whose which what where when why how there here of in on at by for with from to into onto over under about "
    "around above below between among through during since until till via per against across along after before "
    "toward towards within without upon off out up down and or but nor so yet as than if because while although "
    "though whether is are was were be been being am have has had do does did will would shall should can could may "
    "might must not no never also still only just even then now later ago earlier apparently reportedly allegedly "
    "already again more most less least very too each every all both either neither other another such same own "
    "said says say told according"
)
STOPWORDS = set(_STOPWORDS_TEXT.split())
ADJECTIVES = {
    "further",
    "other",
    "more",
    "new",
    "additional",
    "several",
    "many",
    "few",
    "former",
    "rival",
    "young",
    "small",
    "large",
    "old",
    "big",
    "major",
    "minor",
    "main",
    "top",
    "senior",
    "junior",
    "local",
    "foreign",
    "total",
    "last",
    "next",
    "first",
    "extra",
    "separate",
    "different",
    "suspected",
    "alleged",
    "unarmed",
    "armed",
    "innocent",
    "civil",
    "fellow",
}
ADJ_SUFFIXES = (
    "ed",
    "ing",
    "al",
    "ic",
    "ous",
    "ive",
    "ful",
    "less",
    "able",
    "ible",
    "an",
    "ish",
    "ese",
    "ary",
    "est",
    "ly",
    "ian",
)

QUALIFIERS = {
    "more than": "more than",
    "over": "more than",
    "above": "more than",
    "upwards of": "more than",
    "in excess of": "more than",
    "exceeded": "more than",
    "exceeding": "more than",
    "exceeds": "more than",
    "surpassed": "more than",
    "topped": "more than",
    "just over": "more than",
    "well over": "more than",
    "at least": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "a minimum of": "at least",
    "about": "about",
    "around": "about",
    "some": "about",
    "approximately": "about",
    "roughly": "about",
    "an estimated": "about",
    "estimated": "about",
    "circa": "about",
    "an approximate": "about",
    "almost": "almost",
    "nearly": "almost",
    "close to": "almost",
    "just under": "almost",
    "just shy of": "almost",
    "fewer than": "less than",
    "less than": "less than",
    "under": "less than",
    "below": "less than",
    "up to": "up to",
    "as many as": "up to",
    "as much as": "up to",
    "at most": "up to",
    "no more than": "up to",
}
_QUAL_RE = re.compile(
    r"(?<![\w’'])("
    + "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in sorted(QUALIFIERS, key=len, reverse=True))
    + r")\s+$",
    re.IGNORECASE,
)
#: The four letters outside ASCII that a case-blind regex matches to an ASCII letter ('almoſt' to 'almost'; Python's
#: re documentation): a qualifier's match is looked up in QUALIFIERS with them made ASCII.
_CASE_BLIND_ASCII = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"})
_NAME_BEFORE_RE = re.compile(r"(?<![\w’'])([A-Z][\w’'.-]*)\s+$")
_NUMBER_OF_RE = re.compile(r"\b(?:number|total|tally|count)\s+of\s+(?:the\s+)?([^\W\d_]+)", re.IGNORECASE)
_TOLL_RE = re.compile(r"\b(?:death|casualty)\s+toll\b", re.IGNORECASE)

_START_WORD_RE = re.compile(r"\b(?:since|from|starting|beginning)\s+(?:on\s+|of\s+)?$", re.IGNORECASE)
_END_WORD_RE = re.compile(r"\b(?:until|till|through|as of|up to|to|by)\s+$", re.IGNORECASE)
_SINCE_RE = re.compile(r"\bsince\b", re.IGNORECASE)
_ORDINAL_TIMES = {"second": 2, "third": 3, "fourth": 4, "fifth": 5}
_ADVERB_TIMES = {"twice": 2, "thrice": 3}

_WINDOW_TOKENS = 6  # a 'number of the X' or 'death toll' match spans at most 4 tokens
# a token: a word of letters (with apostrophes), a numeral (thousands commas in at most 8 groups, up to 10**27) or
# one mark; as a group, so that ``split`` gives the gaps and tokens that tile the text (no look-behind in a token).
# The kinds start with different characters; a word's quantifiers are possessive (it never gives letters back).
_TOKEN_RE = re.compile(r"([^\W\d_]++(?:['’][^\W\d_]++)*+|\d{1,3}(?:,\d{3}){1,8}(?:\.\d+)?(?![\d,]\d)|\d+(?:\.\d+)?|\S)")
_FIRST = itemgetter(0)
_FOUR_DIGITS = re.compile(r"\d{4}")
_SPACES = re.compile(r"\s+")
_OPEN_PAREN = re.compile(r"\s*\(\s*")


class _Tokens:
    """The tokens of a field as columns: token k is ``text[k]``, at ``start[k]``..``end[k]`` of line ``line[k]``,
    lower-case ``low[k]``, in sentence ``sent[k]``, of a kind (``is_digit``: a decimal digit first, as ``\\d`` reads
    one; ``is_word``: a word of letters). Lists, not an object per token, so that they are made by whole-list
    operations and read without an attribute look-up per token."""

    __slots__ = ("text", "start", "end", "low", "sent", "line", "is_digit", "is_word")

    def __init__(self) -> None:
        self.text: list[str] = []
        self.start: list[int] = []
        self.end: list[int] = []
        self.low: list[str] = []
        self.sent: list[int] = []
        self.line: list[int] = []
        self.is_digit: list[bool] = []
        self.is_word: list[bool] = []

    def __len__(self) -> int:
        return len(self.text)

    def add(self, text: str, lo: int, hi: int, line: int, first_sent: int) -> list[int]:
        """Append the tokens of text[lo:hi] (``_TOKEN_RE``'s matches), each numbered with its sentence
        (text.sentence_spans) from first_sent; return where each sentence's tokens start, then the new length.

        Linear in the text: a line is split once, the running lengths of its gaps and tokens are the offsets, and a
        token belongs to the sentence whose range holds its start (every sentence but the last ends before white
        space, so no token crosses from one to the next)."""
        parts = _TOKEN_RE.split(text[lo:hi])  # gap, token, gap, ..., token, tail
        texts = parts[1::2]
        offsets = list(accumulate(map(len, parts), initial=lo))
        starts = offsets[1:-1:2]
        base = len(self.text)
        ends = [e for _, e in sentence_spans(text, lo, hi)]
        cuts = [base, *(base + bisect.bisect_left(starts, e) for e in ends[:-1]), base + len(texts)]
        for k in range(len(ends)):
            self.sent += repeat(first_sent + k, cuts[k + 1] - cuts[k])
        firsts = list(map(_FIRST, texts))
        self.text += texts
        self.start += starts
        self.end += offsets[2::2]
        self.low += map(str.lower, texts)
        self.line += repeat(line, len(texts))
        self.is_digit += map(str.isdecimal, firsts)  # what \d matches: '²' and '①' are digits to isdigit, not numerals
        self.is_word += map(str.isalpha, firsts)
        return cuts

    def boundary(self) -> None:
        """Append the mark between two lines, a token of no text, kind, line or sentence: no finder reads past it,
        so that a claim is read from the tokens of its own line only."""
        for column, blank in zip(_Tokens.__slots__, ("", -1, -1, "", -1, -1, False, False)):
            getattr(self, column).append(blank)

    def adjacent(self, a: int, b: int) -> bool:
        """Tokens a and b are of the same line with no space between them."""
        return self.end[a] == self.start[b] and self.line[a] == self.line[b]


@dataclass
class _Found:
    """A number a finder read: its first token, the token after it, its value and kind (digits, spelled, vague),
    and what the finder noticed (a unit or currency read with it, a loose 'a dozen', a scale word, a year)."""

    first: int
    after: int
    value: float
    kind: str
    preset: str | None = None
    loose: bool = False
    scaled: bool = False
    year_like: bool = False


@dataclass
class _Skip:
    """Tokens a finder consumed that are not a claim (a date, a phone number, 'two-thirds'): resume at ``after``."""

    after: int


@dataclass
class _Cand:
    """A claim before it becomes a row: where it is, what it states, and its token range (first..last)."""

    line: int
    start: int
    end: int
    value: float
    kind: str
    qualifier: str
    unit: str
    unit_from: str
    sent: int
    first: int
    last: int
    noun_start: int | None = None
    scaled: bool = False
    what: str = ""


@dataclass
class _Index:
    """Where each sentence and line of a field's tokens starts and ends (a sentence never spans two lines),
    so that each claim looks its context up instead of rescanning every token: linear time on long lines."""

    toks: _Tokens
    sent_lo: dict[int, int]
    sent_hi: dict[int, int]
    line_lo: dict[int, int]
    last_ed: list[int] | None = None
    texts: dict[int, _SentenceText] | None = None

    @classmethod
    def of_segments(cls, lines: tuple[str, ...], segments: list[tuple[int, int, int]]) -> _Index:
        """The tokens of a field's (line, start, end) segments, a ``boundary`` between two lines, each line's
        sentences numbered on from the last line's, indexed as they are made (without a pass over the tokens). A
        segment where no finder can start (``_may_start``) holds no claim and is left out: its number still counts,
        so the sentence before the next line's is not taken for the one before it."""
        toks = _Tokens()
        sent_lo: dict[int, int] = {}
        sent_hi: dict[int, int] = {}
        line_lo: dict[int, int] = {}
        start_id = 0
        for line, s, e in segments:
            if not _may_start(lines[line - 1], s, e):
                start_id += 1
                continue
            if toks:
                toks.boundary()
            cuts = toks.add(lines[line - 1], s, e, line, start_id)
            for k in range(len(cuts) - 1):
                if cuts[k + 1] > cuts[k]:
                    line_lo.setdefault(line, cuts[k])
                    sent_lo[start_id + k] = cuts[k]
                    sent_hi[start_id + k] = cuts[k + 1]
            start_id += len(cuts) - 1
        return cls(toks, sent_lo, sent_hi, line_lo)

    def last_ed_word(self, i: int) -> int:
        """Index of the last word ending in 'ed' before token i in its sentence, -1 if none (built on first use)."""
        if self.last_ed is None:
            self.last_ed, last, sent = [], -1, None
            toks = self.toks
            for k, (t_sent, is_word, low) in enumerate(zip(toks.sent, toks.is_word, toks.low)):
                if t_sent != sent:
                    last, sent = -1, t_sent
                self.last_ed.append(last)
                if is_word and low.endswith("ed"):
                    last = k
        return self.last_ed[i]

    def sentence_range(self, sent: int) -> tuple[int, int]:
        """Where a sentence starts and ends in its line (its first token's start, its last token's end)."""
        return self.toks.start[self.sent_lo[sent]], self.toks.end[self.sent_hi[sent] - 1]

    def sentence_text(self, sent: int) -> _SentenceText:
        """The sentence's tokens joined as the unit rules read them (built on first use, once per sentence)."""
        if self.texts is None:
            self.texts = {}
        if sent not in self.texts:
            self.texts[sent] = _SentenceText.of(self.toks, self.sent_lo[sent], self.sent_hi[sent])
        return self.texts[sent]


@dataclass
class _SentenceText:
    """A sentence's tokens joined with one space where the line has a gap (and before the first token when it
    follows a gap), with the offset of each token and the 'number of'/'death toll' matches of the whole text."""

    text: str
    lo: int
    ends: list[int]
    number_of: list[re.Match]
    number_of_ends: list[int]
    toll_ends: list[int]

    @classmethod
    def of(cls, toks: _Tokens, lo: int, hi: int) -> _SentenceText:
        parts, ends, at = [], [0], 0
        for k in range(lo, hi):
            gap = " " if k and toks.start[k] > toks.end[k - 1] else ""
            parts.append(gap + toks.text[k])
            at += len(gap) + len(toks.text[k])
            ends.append(at)
        text = "".join(parts)
        number_of = list(_NUMBER_OF_RE.finditer(text))
        toll_ends = [m.end() for m in _TOLL_RE.finditer(text)]
        return cls(text, lo, ends, number_of, [m.end() for m in number_of], toll_ends)

    def last_number_of(self, q: int) -> re.Match | None:
        """The last 'number of X' match in the text of the tokens before token q, as ``finditer`` on that prefix
        gives it: the whole text's matches that end in it, or one the prefix's end cuts (within its last tokens)."""
        if not self.number_of:
            return None  # a match in the text before token q is one of the whole text, which has none
        end = self.ends[q - self.lo]
        at = bisect.bisect_right(self.number_of_ends, end)
        last = self.number_of[at - 1] if at else None
        window = max(last.end() if last else 0, self.ends[max(0, q - self.lo - _WINDOW_TOKENS)])
        cut = list(_NUMBER_OF_RE.finditer(self.text, window, end))
        return cut[-1] if cut else last

    def has_toll(self, q: int) -> bool:
        """A 'death toll' in the text of the tokens before token q (whole-text matches, or one its end cuts)."""
        end = self.ends[q - self.lo]
        if self.toll_ends and self.toll_ends[0] <= end:
            return True
        return bool(_TOLL_RE.search(self.text, self.ends[max(0, q - self.lo - _WINDOW_TOKENS)], end))

    def words_after(self, a: int, q: int, most: int) -> list[str]:
        """Up to ``most`` space-separated words of the text from a to the end of token q - 1."""
        end, words = self.ends[q - self.lo], []
        while len(words) < most and a < end:
            space = self.text.find(" ", a, end)
            space = end if space < 0 else space
            if space > a:
                words.append(self.text[a:space])
            a = space + 1
        return words


# ---------------------------------------------------------------- public API
def extract_claims(page: Page, articles: pd.DataFrame, threads: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every numeric claim of every item (title and body), one row each, sorted by (line, start)."""
    by_item = item_threads(articles, threads)
    rows: list[dict] = []
    for item in records(articles):
        item_rows = item_claims(page, item)
        for r in item_rows:
            r["thread"] = by_item[item["item_id"]]
        rows += item_rows
    df = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    if df.empty:
        return df.astype({"line": "int64", "start": "int64", "end": "int64"})
    df = df.sort_values(["line", "start"], kind="stable").reset_index(drop=True)
    width = max(3, len(str(len(df))))
    ids = [f"c{k:0{width}d}" for k in range(1, len(df) + 1)]
    old_to_new = dict(zip(df.claim_id, ids))
    df.claim_id = ids
    df.group = df.group.map(old_to_new)
    df.value = pd.Series([as_number(v) for v in df.value], index=df.index, dtype=object)
    return df[CLAIM_COLUMNS]


def as_number(value: float | None) -> int | float:
    """A claim's value as written in the table: an int when it is whole (1200, not 1200.0), NaN (an empty
    cell) when vague."""
    if _is_nan(value):
        return math.nan
    return int(value) if float(value).is_integer() else float(value)


def item_claims(page: Page, item: dict) -> list[dict]:
    """The claims of one item as row dicts (claim_id/group provisional), title first then body."""
    published = dt.date.fromisoformat(item["published"]) if item.get("published") else None
    rows: list[dict] = []
    for field, segments in _segments(page, item):
        index = _Index.of_segments(page.lines, segments)
        toks = index.toks
        cands = _scan(toks, page.lines, index)
        _resolve_units(cands, toks, index)
        # the body's date phrases, read only on the lines where a claim's sentence may hold one
        lines = _dated_lines(page.lines, index, cands) if field == "body" else set()
        phrases = resolve_phrases(body_lines(page, item), published, lines) if lines else []
        dates = _Dates(phrases)
        rows += [_row(page, item, field, index, c, dates, published) for c in cands]
    _groups(rows, page)
    return rows


def _dated_lines(lines: tuple[str, ...], index: _Index, cands: list[_Cand]) -> set[int]:
    """The lines of the claims whose sentence may hold a date phrase (text.may_hold_date): a claim takes a phrase of
    its own sentence only, and a sentence without a hint starts none."""
    dated: set[int] = set()
    for sent, line in {c.sent: c.line for c in cands}.items():  # each sentence read once: linear on long lines
        if line not in dated and may_hold_date(lines[line - 1], *index.sentence_range(sent)):
            dated.add(line)
    return dated


def _row(page: Page, item: dict, field: str, index: _Index, c: _Cand, dates: _Dates, published: dt.date | None) -> dict:
    """One claims row (claim_id and group provisional) for a candidate of an item's field."""
    text = page.lines[c.line - 1]
    toks = index.toks
    lo, hi = index.sentence_range(c.sent)
    when = dates.as_of(c.line, lo, hi, (c.start, c.end), text, published)
    return {
        "claim_id": f"{item['item_id']}:{c.line:06d}:{c.start:05d}",
        "item_id": item["item_id"],
        "value": c.value,
        "unit": c.unit,
        "what": c.what or _what(toks, c, text, index),
        "qualifier": c.qualifier,
        "as_of": when.end,
        "as_of_start": when.start,
        "as_of_end": when.end,
        "span": text[c.start : c.end],
        "line": c.line,
        "start": c.start,
        "end": c.end,
        "field": field,
        "group": "",
        "unit_from": c.unit_from,
    }


# ---------------------------------------------------------------- segments, tokens, sentences
def _segments(page: Page, item: dict) -> list[tuple[str, list[tuple[int, int, int]]]]:
    """(field, [(line, start, end)]) for the item's title (inside its header line) and its body lines."""
    out = []
    title = item.get("title") or ""
    if item["section"] != "lead" and title:
        line = int(item["line_start"])
        text = page.lines[line - 1]
        m = UPDATE_START.match(text)
        pos = text.find(title, m.end() if m else 0)
        if pos >= 0:
            out.append(("title", [(line, pos, pos + len(title))]))
    body = [(i, 0, len(t)) for i, t in body_lines(page, item)]
    if body:
        out.append(("body", body))
    return out


# ---------------------------------------------------------------- scanning numbers
def _scan(toks: _Tokens, lines: tuple[str, ...], index: _Index) -> list[_Cand]:
    """Find number expressions in a field's tokens and complete each into a candidate claim."""
    cands: list[_Cand] = []
    i = 0
    low, n = toks.low, len(toks.low)
    for k in _starts(toks):  # the tokens a finder can start on (_NUMBER_STARTS, numerals), left to right
        if k < i:
            continue  # consumed by the claim or skip before it
        if low[k] in ("a", "an") and (k + 1 == n or low[k + 1] not in _COUNTED_AFTER_ARTICLE):
            continue  # 'a house': no finder reads a number from it
        i = k
        if toks.is_digit[i]:
            found = _digits(toks, i)  # a numeral: the word finders read words only
        else:
            repeat = _repeats(toks, i, index)
            if repeat is not None:
                cands.append(repeat)
                i = repeat.last + 1
                continue
            found = _vague(toks, i) or _spelled(toks, i)
        if found is None:
            i += 1
            continue
        if isinstance(found, _Skip):
            i = found.after
            continue
        cand = _complete(toks, found, lines, index)
        if cand is not None:
            cands.append(cand)
        i = max(found.after, i + 1)
    return cands


def _starts(toks: _Tokens) -> list[int]:
    """Indices of the tokens a finder can start on (_NUMBER_STARTS, numerals), found without a Python call each."""
    flags = map(or_, map(_NUMBER_STARTS.__contains__, toks.low), toks.is_digit)
    return list(compress(count(), flags))


def _repeats(toks: _Tokens, i: int, index: _Index) -> _Cand | None:
    """How many times something happened: 'a second time' (2), 'once before'/'once again' (1), 'twice' (2).

    'once' alone ('who once led') means formerly, not a count; an ordinal counts only before 'time'."""
    low, n = toks.low, len(toks.low)
    if low[i] == "a" and i + 2 < n and low[i + 1] in _ORDINAL_TIMES and low[i + 2] == "time":
        value, last = _ORDINAL_TIMES[low[i + 1]], i + 2
    elif low[i] == "once" and i + 1 < n and low[i + 1] in ("before", "again"):
        value, last = 1, i + 1
    elif low[i] in _ADVERB_TIMES:
        value, last = _ADVERB_TIMES[low[i]], i
    else:
        return None
    before = index.last_ed_word(i)
    return _Cand(
        toks.line[i],
        toks.start[i],
        toks.end[last],
        float(value),
        "repeat",
        "exact",
        "times",
        "stated",
        toks.sent[i],
        i,
        last,
        what=toks.text[before] if before >= 0 else "",
    )


# the words a finder (_repeats, _vague, _spelled) can start on; _digits starts on numerals
_NUMBER_STARTS = frozenset(
    {"a", "an", "once", "half", "several", "few"} | set(_ADVERB_TIMES) | VAGUE_PLURALS | set(SMALL) | set(TENS)
)


#: The words after 'a'/'an' that a finder reads a number with ('a few', 'a dozen', 'a second time').
_COUNTED_AFTER_ARTICLE = frozenset({"few", "dozen", "hundred", "thousand", "million", "billion"} | set(_ORDINAL_TIMES))
_DIGIT = re.compile(r"\d")
#: The words a finder can start on, and the counted words after 'a'/'an' with and without the article glued to them
#: ('afew'), as the ASCII letter runs of a lower-cased text (``_may_start``).
_START_RUNS = frozenset(
    word.encode()
    for word in (_NUMBER_STARTS - {"a", "an"})
    | _COUNTED_AFTER_ARTICLE
    | {article + word for article in ("a", "an") for word in _COUNTED_AFTER_ARTICLE}
)
#: Every byte but a lower-case ASCII letter becomes a space: the words left are the runs of ASCII letters.
_LETTERS_ONLY = bytes(b if 0x61 <= b <= 0x7A else 0x20 for b in range(256))


def _may_start(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] may hold a token ``_scan`` tries a finder on: a numeral, or a start word standing alone.

    A start word is a token whose ``low`` is one of ``_NUMBER_STARTS`` ('a'/'an' only before a counted word): in
    the lower-cased text (``low`` is made so) it is a run of ASCII letters between two characters that are not ASCII
    letters, found by a split of the UTF-8 bytes, not a regex try at every offset. A superset (a counted word alone,
    or a run that is no token, as in 'o’six', only costs that line's tokens): a segment without one is not
    tokenised (``_Index.of_segments``)."""
    if _DIGIT.search(text, lo, hi):
        return True
    runs = text[lo:hi].lower().encode().translate(_LETTERS_ONLY).split()
    return not _START_RUNS.isdisjoint(runs)


def _vague(toks: _Tokens, i: int) -> _Found | None:
    """'dozens', 'thousands', 'hundreds of thousands', 'tens of thousands', 'several hundred', 'a few thousand'."""
    low, n = toks.low, len(toks.low)
    word = low[i]
    j = i + 1
    if word in ("several", "few") or (word == "a" and j < n and low[j] == "few"):
        k = i + 1 if word != "a" else i + 2
        if k < n and low[k] in ("dozen", "hundred", "thousand", "million", "billion"):
            return _Found(i, k + 1, math.nan, "vague")
        return None
    if word not in VAGUE_PLURALS:
        return None
    if word in ("tens", "scores") and not (j + 1 < n and low[j] == "of"):
        return None
    if word == "tens" and low[j + 1] not in ("thousands", "millions", "billions"):
        return None
    while j + 1 < n and low[j] == "of" and low[j + 1] in VAGUE_PLURALS - {"tens", "scores"}:
        j += 2
    return _Found(i, j, math.nan, "vague")


def _spelled(toks: _Tokens, i: int) -> _Found | _Skip | None:
    """Spelled-out numbers: 'six', 'twenty-five', 'two hundred and fifty', 'a dozen', 'half a dozen', 'one million'."""
    low, n = toks.low, len(toks.low)
    loose = False
    j = i
    total, current, seen, scaled = 0, 0, False, False
    if low[i] in ("a", "an") and i + 1 < n and low[i + 1] in ("dozen", "hundred", "thousand", "million", "billion"):
        current, seen, loose, j = 1, True, True, i + 1
    elif low[i] == "half" and i + 2 < n and low[i + 1] == "a" and low[i + 2] == "dozen":
        return _Found(i, i + 3, 6.0, "spelled", loose=True, scaled=True)
    elif low[i] not in SMALL and low[i] not in TENS:
        return None
    while j < n:
        w = low[j]
        if w in SMALL and (not seen or (scaled and current % 100 == 0) or (current in TENS.values() and SMALL[w] < 10)):
            current += SMALL[w]
            seen = True
            j += 1
        elif w in TENS and (not seen or (scaled and current % 100 == 0)):
            current += TENS[w]
            seen = True
            j += 1
            if (
                j + 1 < n
                and toks.text[j] == "-"
                and toks.adjacent(j - 1, j)
                and toks.adjacent(j, j + 1)
                and low[j + 1] in SMALL
                and 0 < SMALL[low[j + 1]] < 10
            ):
                current += SMALL[low[j + 1]]
                j += 2
        elif w == "hundred" and seen:
            current = (current or 1) * 100
            scaled = True
            j += 1
        elif w == "dozen" and seen:
            current = (current or 1) * 12
            scaled = True
            j += 1
        elif w in ("thousand", "million", "billion") and seen:
            total += (current or 1) * SCALES[w]
            current = 0
            scaled = True
            j += 1
        elif w == "and" and seen and scaled and j + 1 < n and (low[j + 1] in SMALL or low[j + 1] in TENS):
            j += 1
        else:
            break
        if not seen:
            break
    # "two-thirds" is a fraction, not a count: skip it
    if j + 1 < n and toks.text[j] == "-" and toks.adjacent(j - 1, j) and low[j + 1] in FRACTIONS:
        return _Skip(j + 2)
    return _Found(i, j, float(total + current), "spelled", loose=loose, scaled=scaled)


def _digits(toks: _Tokens, i: int) -> _Found | _Skip | None:
    """Numerals, with the exclusions for dates, years, times, names, ordinals, list markers and digit runs."""
    if not toks.is_digit[i]:
        return None
    text, low, n = toks.text, toks.low, len(toks.low)
    value = float(text[i].replace(",", ""))
    preset = None
    j = i + 1
    i0 = i
    if i and toks.adjacent(i - 1, i):  # the token before is attached
        if toks.is_word[i - 1] or toks.is_digit[i - 1]:
            return _Skip(i + 1)  # G7, A320
        if (
            text[i - 1] in ("-", "/", ":", ".")
            and i >= 2
            and toks.adjacent(i - 2, i - 1)
            and (toks.is_word[i - 2] or toks.is_digit[i - 2])
        ):
            return _Skip(i + 1)  # F-16, COVID-19, 555-1234, 2016-05-21, 10:30
        if text[i - 1] in CURRENCY:
            preset, i0 = CURRENCY[text[i - 1]], i - 1
    if i + 1 < n and toks.adjacent(i, i + 1):  # the token after is attached
        if toks.is_word[i + 1]:
            if low[i + 1] in ("m", "mn", "mln", "bn", "k") and preset:
                value *= {"m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "k": 1e3}[low[i + 1]]
                j += 1
            elif low[i + 1] in ABBREVIATED_UNITS:
                preset, j = low[i + 1], j + 1
            else:
                return _Skip(i + 1)  # letters attached: ordinals (17th, 3rd), decades (1990s), names (5G, 3D)
        elif text[i + 1] in ("-", "/", ":", ".") and i + 2 < n and toks.adjacent(i + 1, i + 2) and toks.is_digit[i + 2]:
            return _Skip(i + 3)  # ranges, times, dates, phone numbers
        elif text[i + 1] in (".", ")") and (i == 0 or toks.line[i - 1] != toks.line[i]) and i + 2 < n:
            return _Skip(i + 1)  # list marker at the start of a line
    # space-separated digit groups (phone numbers): three or more numerals in a row, skipped whole
    run = i + 1
    while run < n and toks.is_digit[run] and toks.line[run] == toks.line[i]:
        run += 1
    if run - i >= 3:
        return _Skip(run)
    # dates: a month name just before ("May 1991", "August 7", "Sept. 3") or just after ("7 August")
    if i and not toks.adjacent(i - 1, i):
        before = i - 2 if text[i - 1] == "." and i >= 2 and toks.adjacent(i - 2, i - 1) else i - 1
        if text[before][:1].isupper() and low[before] in MONTHS:
            return _Skip(i + 1)
    if i + 1 < n and not toks.adjacent(i, i + 1) and text[i + 1][:1].isupper() and low[i + 1] in MONTHS and value <= 31:
        return _Skip(i + 1)
    if j < n and low[j] in SCALES and not toks.adjacent(j - 1, j):
        value *= SCALES[low[j]]
        j += 1
    year_like = bool(_FOUR_DIGITS.fullmatch(text[i])) and 1800 <= value <= 2100
    return _Found(i0, j, value, "digits", preset=preset, year_like=year_like)


def _is_plural(w: str) -> bool:
    """A lower-case word that reads as a plural count noun."""
    if w in IRREGULAR_PLURALS:
        return True
    return (
        len(w) > 2
        and w.endswith("s")
        and not w.endswith(("ss", "us", "sis", "xis", "'s", "’s"))
        and w not in STOPWORDS
        and w not in CASUALTY
    )


def _plural(w: str) -> str:
    """Plural of a singular count noun (for '1 person', '27-mile', 'six-year')."""
    if w in SINGULAR_TO_PLURAL:
        return SINGULAR_TO_PLURAL[w]
    if w in ABBREVIATED_UNITS or w.endswith("s"):
        return w
    if w.endswith("y") and w[-2:-1] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


def _adjective_like(w: str) -> bool:
    """A word that modifies rather than names what is counted ('political', 'further', 'rescued')."""
    return w in ADJECTIVES or w.endswith(ADJ_SUFFIXES) or w in STOPWORDS


@dataclass
class _Unit:
    """What a number counts: the unit, where it comes from, the last token of the phrase and the noun's first."""

    unit: str = ""
    unit_from: str = ""
    head_end: int = -1
    noun_start: int | None = None


def _complete(toks: _Tokens, f: _Found, lines: tuple[str, ...], index: _Index) -> _Cand | None:
    """Add qualifier, counted noun and span to a found number; None when the rules say it is no claim."""
    line, start = toks.line[f.first], toks.start[f.first]
    # the text of the same line before the number, from the start of the segment (title or body line)
    line_text_before = _Before(lines[line - 1], toks.start[index.line_lo[line]], start)
    qualifier, span_start = _qualifier(f, line_text_before, start)
    qualified = span_start != start
    if f.kind == "spelled" and f.value == 1 and not f.scaled and not qualified:
        return None  # "one", "a", "an" alone: pronoun or article
    qualifier, j = _post_qualifier(toks, f.after, qualifier)
    u = _unit(toks, f, j)
    if f.kind == "digits" and _year_or_name(toks, f, u, line_text_before, qualified):
        return None
    end = max(u.head_end, f.after - 1)
    return _Cand(
        line,
        span_start,
        toks.end[end],
        f.value,
        f.kind,
        qualifier,
        u.unit,
        u.unit_from,
        toks.sent[f.first],
        f.first,
        end,
        u.noun_start,
        bool(f.scaled),
    )


@dataclass
class _Before:
    """The text of a line before a number, from the start of its segment: text[lo:end]. Never copied whole:
    the rules that read it look only at its last words, so each claim costs the length of those words."""

    text: str
    lo: int
    end: int

    def word_end(self) -> int | None:
        """Where the last word ends, when whitespace runs from there to the number; None when none does."""
        k = self.end
        while k > self.lo and self.text[k - 1].isspace():
            k -= 1
        return k if k < self.end else None

    def qualifier(self) -> tuple[str, int] | None:
        """``_QUAL_RE``'s match (words, start in the line), searched over the last three words (a qualifier has
        at most three, each under 20 characters) and the character before them (its look-behind)."""
        k = self.word_end()
        if k is None:
            return None
        pos = k
        for _ in range(3):
            run = pos
            while pos > self.lo and run - pos < 20 and not self.text[pos - 1].isspace():
                pos -= 1
            if run - pos >= 20:
                break
            while pos > self.lo and self.text[pos - 1].isspace():
                pos -= 1
        if pos == self.lo:  # the whole text: its start is a string start for the look-behind
            m = _QUAL_RE.search(self.text[self.lo : self.end])
            return (m.group(1), self.lo + m.start(1)) if m else None
        m = _QUAL_RE.search(self.text, pos, self.end)
        return (m.group(1), m.start(1)) if m else None

    def name(self) -> str | None:
        """``_NAME_BEFORE_RE``'s group: the capitalised word (with '.-' and apostrophes) that ends the text."""
        k = self.word_end()
        if k is None:
            return None
        r = k
        while r > self.lo and (self.text[r - 1].isalnum() or self.text[r - 1] in "_’'.-"):
            r -= 1
        for s in range(r, k):
            if "A" <= self.text[s] <= "Z" and (s == r or self.text[s - 1] in ".-"):
                return self.text[s:k]
        return None


def _qualifier(f: _Found, before: _Before, start: int) -> tuple[str, int]:
    """(qualifier, span start): a qualifier word just before the number widens the span ('more than 111,000')."""
    if f.kind == "vague":
        return "vague", start
    found = before.qualifier()
    if found:
        return QUALIFIERS[_SPACES.sub(" ", found[0].translate(_CASE_BLIND_ASCII).lower())], found[1]
    return ("about" if f.loose else "exact"), start


def _post_qualifier(toks: _Tokens, j: int, qualifier: str) -> tuple[str, int]:
    """'40 or so', '300 or more': the qualifier after the number, and the token after it."""
    low = toks.low
    if j + 1 < len(low) and low[j] == "or" and low[j + 1] in ("so", "more"):
        if qualifier == "exact":
            qualifier = "about" if low[j + 1] == "so" else "at least"
        j += 2
    return qualifier, j


def _unit(toks: _Tokens, f: _Found, j: int) -> _Unit:
    """The unit right after the number: percent, a hyphenated noun ('27-mile'), an abbreviation, a counted noun."""
    low, n, preset = toks.low, len(toks.low), f.preset
    if (
        j < n
        and toks.text[j] == "%"
        and toks.adjacent(j - 1, j)
        or j < n
        and low[j] in ("percent", "pct", "percentage")
    ):
        u = _Unit("percent", "stated", j)
    elif j + 1 < n and low[j] == "per" and low[j + 1] == "cent":
        u = _Unit("percent", "stated", j + 1)
    elif (
        j + 1 < n
        and toks.text[j] == "-"
        and toks.adjacent(j - 1, j)
        and toks.adjacent(j, j + 1)
        and toks.is_word[j + 1]
    ):
        u = _Unit(_plural(low[j + 1]), "stated", j + 1, j + 1)  # "27-mile", "six-year"
    elif preset and preset in ABBREVIATED_UNITS:
        u = _Unit(preset, "stated", j - 1)
    else:
        u = _counted_noun(toks, f, j)
    if preset in CURRENCY.values():
        u.unit, u.unit_from = preset, "stated"  # "$5 million": the currency is the unit
    return u


def _noun_words(toks: _Tokens, f: _Found, j: int) -> list[int]:
    """Indices of up to four adjacent words after the number (past 'of the'), where the counted noun may be."""
    low, n, k = toks.low, len(toks.low), j
    if k < n and low[k] == "of" and (f.kind == "vague" or k + 1 < n):
        k += 1
        if k < n and low[k] in ("them", "us", "you", "whom", "which", "those", "these"):
            return []  # "two of them": no noun
        if k < n and low[k] in ("the", "these", "those", "its", "their", "his", "her", "our"):
            k += 1
    words: list[int] = []
    while k < n and len(words) < 4:
        w = low[k]
        if not toks.is_word[k] or w in STOPWORDS or w in SMALL or w in TENS or w in SCALES:
            break
        if words and toks.start[k] != toks.end[words[-1]] + 1 and not toks.adjacent(words[-1], k):
            break
        words.append(k)
        # hyphenated compounds ("war-torn") are one word: step over "-" + word
        if k + 2 < n and toks.text[k + 1] == "-" and toks.adjacent(k, k + 1) and toks.adjacent(k + 1, k + 2):
            k += 2
            words[-1] = k
        k += 1
    return words


def _counted_noun(toks: _Tokens, f: _Found, j: int) -> _Unit:
    """The plural noun the number counts ('political prisoners' -> 'prisoners', 'asylum seekers'), a casualty
    adjective ('3 dead' -> people), or the singular after 'one'; an empty unit when there is none."""
    low = toks.low
    words = _noun_words(toks, f, j)
    for pos, k in enumerate(words):
        w = low[k]
        if (pos == 0 and w in ABBREVIATED_UNITS) or _is_plural(w):
            last = pos
            while last + 1 < len(words) and _is_plural(low[words[last + 1]]):
                last += 1
            names = [low[words[x]] for x in range(pos, last + 1)]
            if pos > 0:  # one noun modifier is part of the unit ("asylum seekers"), adjectives are not
                mod = words[pos - 1]
                if toks.text[mod].islower() and toks.text[mod].isalpha() and not _adjective_like(low[mod]):
                    names.insert(0, low[mod])
            return _Unit(" ".join(names), "stated", words[last], words[0])
        if pos == 0 and w in CASUALTY_ADJ:
            return _Unit("people", "context", k, k)
    if words and f.value == 1 and not f.scaled and not _adjective_like(low[words[0]]):
        return _Unit(_plural(low[words[0]]), "stated", words[0], words[0])
    return _Unit("", "", j - 1)


def _year_or_name(toks: _Tokens, f: _Found, u: _Unit, before: _Before, qualified: bool) -> bool:
    """A numeral that is a calendar year ('in 2011') or part of a name ('FRANCE 24', 'Flight 17 Crash')."""
    if f.year_like and not qualified and u.unit_from != "stated":
        return True
    if qualified:
        return False
    name = before.name()
    return bool(
        name
        and name.lower() not in STOPWORDS
        and name.lower() not in CASUALTY
        and not name.lower().endswith(("s", "ed", "ing"))
        and (u.unit_from == "" or u.noun_start is not None and toks.text[u.noun_start][:1].isupper())
    )  # a unit without a noun ('5m', '5%', '$5') makes the numeral a quantity, not part of a name


# ---------------------------------------------------------------- units for bare numbers, what, as_of, groups
_QUALIFIER_LAST_WORDS = {q.split()[-1] for q in QUALIFIERS}


def _resolve_units(cands: list[_Cand], toks: _Tokens, index: _Index) -> None:
    """Give bare numbers a unit: 'number of X' in the sentence, the previous claim's, or a casualty word.

    Each claim looks its sentence up in ``index`` and the last stated unit in a running table: linear time."""
    last_stated: dict[int, _Cand] = {}  # sentence -> its last claim with a stated unit (not percent) so far
    for c in cands:
        if not c.unit:
            _bare_unit(c, toks, index, last_stated)
        if c.unit_from == "stated" and c.unit != "percent":
            last_stated[c.sent] = c


def _bare_unit(c: _Cand, toks: _Tokens, index: _Index, last_stated: dict[int, _Cand]) -> None:
    """The unit of one bare number, by the first rule that gives one (see ``_resolve_units``)."""
    lo = index.sent_lo[c.sent]
    q = c.first  # the sentence's tokens before the claim's span: lo..q-1
    while q > lo and toks.end[q - 1] > c.start:
        q -= 1
    sentence = index.sentence_text(c.sent)
    m = sentence.last_number_of(q)
    if m is not None:
        c.unit, c.unit_from = _plural(m.group(1).lower()), "number of"
        tail = sentence.words_after(m.start(1), q, 9)
        if len(tail) < 9 and tail and tail[-1].lower().rstrip(",") in _QUALIFIER_LAST_WORDS:
            tail = tail[:-1]
        c.what = " ".join(tail[:8])
        return
    if sentence.has_toll(q):
        c.unit, c.unit_from = "deaths", "number of"
        return
    prior = last_stated.get(c.sent) or last_stated.get(c.sent - 1)
    if prior is not None:
        c.unit, c.unit_from = prior.unit, "inherited"
        return
    before = toks.low[max(lo, c.first - 4) : c.first]  # the four tokens of the sentence before, three after
    after = toks.low[c.last + 1 : min(index.sent_hi[c.sent], c.last + 4)]
    if not (CASUALTY.isdisjoint(before) and CASUALTY.isdisjoint(after)):
        c.unit, c.unit_from = "people", "context"


_CONJ = {"and", "or", "but"}
#: The words a description does not end on.
_NOT_LAST_WORDS = STOPWORDS | _CONJ | set(MONTHS) | set(WEEKDAYS)


def _after_open_paren(text: str, start: int) -> bool:
    """Whether text before ``start`` ends in '(', white space aside: looked at from start back, not by copying the
    line up to it, so that the claims of a long line cost no copy each."""
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return start > 0 and text[start - 1] == "("


def _before_close_paren(text: str, end: int) -> bool:
    """Whether text after ``end`` starts with ')', white space aside: looked at from end on, not by copying the rest
    of the line, so that the claims of a long line cost no copy each."""
    while end < len(text) and text[end].isspace():
        end += 1
    return end < len(text) and text[end] == ")"


def _what(toks: _Tokens, c: _Cand, text: str, index: _Index) -> str:
    """A short description by rule: up to six words from the counted noun on, else up to four words before."""
    low, n = toks.low, len(toks.low)
    words: list[int] = []  # token indices
    k = c.noun_start if c.noun_start is not None else c.last + 1
    stopped_by_number = False
    in_parens = _after_open_paren(text, c.start)
    while k < n and len(words) < 6 and toks.line[k] == c.line:
        mark = toks.text[k]
        if mark == "(" and k + 1 < n:
            close = next((x for x in range(k, min(n, k + 7)) if toks.text[x] == ")"), None)
            if close is not None and close - k <= 6:
                k = close + 1
                continue
        if mark == ")" and in_parens:
            in_parens = False
            k += 1
            continue
        if (toks.is_digit[k] or low[k] in SMALL or low[k] in TENS or low[k] in VAGUE_PLURALS) and k > c.last:
            stopped_by_number = True
            break
        if not (toks.is_word[k] or mark == "-" or (toks.is_digit[k] and k <= c.last)):
            break
        if mark != "-":
            words.append(k)
        k += 1
    if stopped_by_number:
        cut = max((x for x, w in enumerate(words) if low[w] in _CONJ), default=None)
        if cut is not None:
            words = words[:cut]
    while words and low[words[-1]] in _NOT_LAST_WORDS:
        words.pop()
    if not words:  # the number ends its clause ("wounded eight,"): the words before it
        k, line_lo = c.first - 1, index.line_lo[c.line]  # the last token of the line that ends before the span
        while k >= line_lo and toks.end[k] > c.start:
            k -= 1
        while k >= 0 and len(words) < 4 and toks.line[k] == c.line:
            if not toks.is_word[k] or low[k] in _CONJ or low[k] in SMALL or low[k] in TENS:
                break
            words.insert(0, k)
            k -= 1
        while words and low[words[0]] in STOPWORDS:
            words.pop(0)
    if not words:
        return ""
    out = [toks.text[words[0]]]
    for a, b in zip(words, words[1:]):
        gap = text[toks.end[a] : toks.start[b]]
        out.append(gap if gap in ("", " ", "-") else " ")
        out.append(toks.text[b])
    return "".join(out)


@dataclass(frozen=True)
class AsOf:
    """The inclusive window of days a number refers to; the empty window when the item is undated."""

    start: str = ""
    end: str = ""


class _Dates:
    """The date phrases of an item's field, indexed once, to find the window each claim refers to
    (``as_of``) without a scan of every phrase, or of its sentence, per claim."""

    def __init__(self, phrases: list[Phrase]):
        self.by_line: dict[int, list[Phrase]] = {}
        for p in phrases:
            self.by_line.setdefault(p.line, []).append(p)
        self.starts = {line: [p.start for p in ps] for line, ps in self.by_line.items()}
        self.sentences: dict[tuple[int, int, int], tuple[list[Phrase], list[Phrase]]] = {}
        self.undated: tuple[dt.date | None, AsOf] | None = None  # the publication day's window, made once

    def as_of(self, line: int, lo: int, hi: int, claim: tuple[int, int], text: str, published: dt.date | None) -> AsOf:
        """The window a claim refers to: the date phrase of its sentence text[lo:hi] (an end date 'until July 30'
        first, else the first), leaving out where a running count starts ('since June 2016', 'so far this year');
        else the publication day."""
        key = (line, lo, hi)
        if key not in self.sentences:
            self.sentences[key] = self._candidates(line, lo, hi, text)
        ended, usable = self.sentences[key]
        # an end date is never left out by a 'since' between it and the claim; other phrases are
        chosen = ended[0] if ended else next((p for p in usable if not _since_between(text, claim, p)), None)
        if chosen is not None:
            return AsOf(chosen.first.isoformat(), chosen.last.isoformat())
        if self.undated is None or self.undated[0] != published:
            self.undated = (published, AsOf(published.isoformat(), published.isoformat()) if published else AsOf())
        return self.undated[1]

    def _candidates(self, line: int, lo: int, hi: int, text: str) -> tuple[list[Phrase], list[Phrase]]:
        """The phrases of sentence text[lo:hi] a claim may take (in order), and those of them that end a period."""
        phrases, starts = self.by_line.get(line, []), self.starts.get(line, [])
        usable, ended = [], []
        for p in phrases[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]:
            low = p.text.lower()
            if p.first is None or low.startswith("so far") or low.startswith("since"):
                continue
            if _ends_with(_START_WORD_RE, text, lo, p.start):
                continue
            usable.append(p)
            if _ends_with(_END_WORD_RE, text, lo, p.start):
                ended.append(p)
        return ended, usable


def _ends_with(pattern: re.Pattern, text: str, lo: int, end: int) -> bool:
    """``pattern.search(text, lo, end)`` for a pattern anchored at the end ('since ', 'until '): searched only
    from the last three words before end (what the patterns can span), not from lo."""
    i = end
    for _ in range(3):
        while i > lo and text[i - 1].isspace():
            i -= 1
        while i > lo and not text[i - 1].isspace():
            i -= 1
    return pattern.search(text, i, end) is not None


def _since_between(text: str, claim: tuple[int, int], p: Phrase) -> bool:
    """Whether 'since' stands between the claim and the phrase (``_SINCE_RE`` in the text between them), by
    bisection in the line's 'since' words and a look at the two ends of the gap (where the cut is a word edge)."""
    a, b = min(claim[1], p.end), max(claim[0], p.start)
    if b - a < 5:
        return False
    starts = _since_starts(text)
    i = bisect.bisect_left(starts, a)
    if i < len(starts) and starts[i] + 5 <= b:
        return True
    window = text[max(a, b - 6) : b]
    m = _SINCE_RE.search(window, len(window) - 5)
    return _SINCE_RE.match(text[a : min(b, a + 6)]) is not None or (m is not None and m.end() == len(window))


@lru_cache(maxsize=64)
def _since_starts(text: str) -> list[int]:
    """Starts of the 'since' words of a line, found once per line."""
    return [m.start() for m in _SINCE_RE.finditer(text)]


def _groups(rows: list[dict], page: Page) -> None:
    """Claims that restate one quantity share a group (the claim_id of the first): a number in parentheses right
    after another ('27 miles (43 km)'), and a headline's number that the item's body states again (the first body
    claim of the same value: '18 blindfolded jihadis' in the title, '18 prisoners' in the excerpt)."""
    for k, r in enumerate(rows):
        r["group"] = r["claim_id"]
        if k and _in_parentheses_after(rows[k - 1], r, page):
            r["group"] = rows[k - 1]["group"]
    for t in (r for r in rows if r["field"] == "title" and not _is_nan(r["value"])):
        same = next((r for r in rows if r["field"] == "body" and r["value"] == t["value"]), None)
        if same is not None:
            same["group"] = t["group"]


def _in_parentheses_after(p: dict, r: dict, page: Page) -> bool:
    """True when claim r stands in parentheses right after claim p on the same line."""
    if p["line"] != r["line"] or p["field"] != r["field"]:
        return False
    text = page.lines[r["line"] - 1]
    return bool(_OPEN_PAREN.fullmatch(text[p["end"] : r["start"]])) and _before_close_paren(text, r["end"])


def _is_nan(value) -> bool:
    """A vague quantity's missing value."""
    return value is None or (isinstance(value, float) and math.isnan(value))
