"""The rules of reading English news text, each stated once: sentences, month, weekday and number names,
date phrases (``date_phrases``; ``date_words`` adds a bound such as "since the beginning of"), and an item's
body lines; and the one way the book writes a date out (``written_date``).

Every module that splits sentences, names a month or finds a date phrase imports it from here, so the
rules cannot drift apart (tests/test_text.py checks that no other module spells them out).

Sentences (``sentence_spans``): a sentence ends at a run of ``. ! ? …``, optionally followed by closing
quotes or brackets, then white space, then a capital letter, a digit, an opening quote or bracket (or the
quote mask ``\\x00``). A single ``.`` does not end a sentence after an abbreviation in ``ABBREVIATIONS``
("Gen.", "Brig.", "Mr.", "Aug."), after a dotted abbreviation ("U.N.", "U.S.") or after an initial ("H.").
So "The spokesman, Brig. Ahmed Mismari, said 12 people died." is one sentence, while "…, he said. The UN
condemned it." is two. The scan is one regex pass that starts a match only at the start of a run of stops
(no backtracking inside a run) and looks at most ``_WORD_LOOKBACK`` characters back for the abbreviation:
time is linear in the text, also on a megabyte of dots or spaces.
"""

from __future__ import annotations

import datetime as dt
import re

from libyabook.extract.literals import searchable, trie_pattern

#: Month names and the abbreviations news copy uses, lower case -> month number.
MONTHS: dict[str, int] = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
#: Weekday names, lower case -> Python weekday number (Monday 0).
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
#: Cardinal number words, lower case -> value (the claims scanner reads numbers written out with them).
CARDINALS: dict[str, int] = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
#: Number words that date phrases count with ("three months later", "a day after"), lower case -> value.
NUMBER_WORDS: dict[str, int] = {"a": 1, "an": 1} | {w: n for w, n in CARDINALS.items() if 1 <= n <= 12}
#: Full month names in calendar order (for writing dates out).
MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: Words that a single full stop follows without ending the sentence (matched as written: "Gen." but
#: not "gen."; "No." only before a number is not distinguished, so "No" is left out).
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Prof",
        "Rev",
        "Gen",
        "Brig",
        "Col",
        "Lt",
        "Maj",
        "Capt",
        "Sgt",
        "Cpl",
        "Adm",
        "Cmdr",
        "Gov",
        "Sen",
        "Rep",
        "Pres",
        "St",
        "Jr",
        "Sr",
        "Mt",
        "Ft",
        "Inc",
        "Co",
        "Corp",
        "Ltd",
        "vs",
        "etc",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
    }
)

#: The marks that can end a sentence.
SENTENCE_STOPS = ".!?…"
_STOPS = SENTENCE_STOPS
_CLOSERS = "\"”’')]"
_OPENERS = "\"“‘'(\x00"
# A match starts only where a run of stops starts (the lookbehind, read after the first stop so that the engine
# looks for a stop character first), and its quantifiers are possessive: no position is read twice, whatever the input.
_BOUNDARY = re.compile(
    rf"[{_STOPS}](?<![{_STOPS}].)[{_STOPS}]*+[{re.escape(_CLOSERS)}]*+\s++(?=[A-Z0-9{re.escape(_OPENERS)}])"
)
_WORD_LOOKBACK = 12
_WORD_BEFORE = re.compile(r"[A-Za-z.]+$")


def _is_abbreviation(text: str, dot: int, lo: int) -> bool:
    """True when the single full stop at text[dot] closes an abbreviation, a dotted acronym or an initial."""
    m = _WORD_BEFORE.search(text, max(lo, dot - _WORD_LOOKBACK), dot)
    if not m:
        return False
    word = m.group()
    return word in ABBREVIATIONS or "." in word.strip(".") or (len(word) == 1 and word.isupper())


def sentence_spans(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """[start, end) of each sentence of text[lo:hi]: start at its first non-space character, end after its
    final stop and closing quotes (trailing space left out). Always at least one span."""
    hi = len(text) if hi is None else hi
    spans: list[tuple[int, int]] = []
    start = lo
    for m in _BOUNDARY.finditer(text, lo, hi):
        run = m.group()
        if run[0] == "." and (len(run) == 1 or run[1] not in _STOPS) and _is_abbreviation(text, m.start(), start):
            continue
        end = m.start() + len(run.rstrip())
        spans.append(_lstrip(text, start, end))
        start = m.end()
    spans.append(_lstrip(text, start, hi))
    return [s for s in spans if s[1] > s[0]] or [(lo, hi)]


def _lstrip(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without its leading and trailing white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_at(text: str, lo: int, hi: int, col: int) -> tuple[int, int]:
    """The sentence of text[lo:hi] holding column col (white space between two sentences goes to the first)."""
    spans = sentence_spans(text, lo, hi)
    for k, (s0, _) in enumerate(spans):
        if k + 1 == len(spans) or spans[k + 1][0] > col:
            return (s0, spans[k + 1][0]) if k + 1 < len(spans) else (s0, hi)
    return lo, hi


def first_sentence_end(text: str, lo: int = 0, hi: int | None = None) -> int | None:
    """Offset just after the first sentence of text[lo:hi] when another sentence follows it, else None."""
    spans = sentence_spans(text, lo, hi)
    return spans[0][1] if len(spans) > 1 else None


# ---- date phrases ----------------------------------------------------------------------------------

# The word lists below are written as letter trees (literals.trie_pattern: "Ma(?:r(?:ch)?|y)"), which the regex
# engine tries a letter at a time instead of a word at a time: the same matches, longest word first, a fifth faster.
_M = rf"{trie_pattern([m.capitalize() for m in MONTHS])}\.?"  # capitalised only: 'may' the verb is not May
_D = r"\d{1,2}(?:st|nd|rd|th)?"
_Y = r"(?:1[89]|20)\d\d(?![\d])"
_WD = rf"{trie_pattern([day.capitalize() for day in WEEKDAYS])}(?:['’]s)?"
_N = rf"(?:\d+|{trie_pattern(list(NUMBER_WORDS))})"
_PREP = r"(?i:in|during|since|by|until|early|late|mid|earlier in|later in)"

#: Every date phrase news copy uses; at one position the first alternative that matches wins, so fuller
#: forms come first. ``dates.resolve_date`` turns a phrase into a date and a precision. Every alternative starts at
#: a word start or at 'in' and a space (_PHRASE_START): the lookahead spares the others at every other position.
_PHRASE_START = r"(?:(?<!\w)(?=\w)|(?=(?i:in)\s))"
#: What each alternative below can start with (a numeral, a month, a weekday, or one of the words it starts with,
#: case-blind as there): a superset test that spares the fifteen alternatives at most word starts.
_FIRST_WORDS = sorted(
    {"in", "since", "by", "until", "from", "of", "early", "late", "during", "mid", "earlier", "later", "the", "over"}
    | {"this", "last", "so", "today", "tonight", "yesterday", "on"}
    | set(NUMBER_WORDS)
)
_PHRASE_FIRST = rf"(?=\d|{_M}|{_WD}|(?i:{trie_pattern(_FIRST_WORDS)}))"
DATE_PHRASE = re.compile(
    _PHRASE_START
    + _PHRASE_FIRST
    + "(?:"
    + "|".join(
        [
            rf"(?:(?i:in)\s+)?\b{_M}\s*(?:and|to|-|–|through|or)\s*{_M},?\s+{_Y}",  # in June and July 2017
            rf"\b{_M}\s+{_D},?\s+{_Y}",  # May 21, 2016
            rf"\b{_D}\s+(?:of\s+)?{_M},?\s+{_Y}",  # 21 May 2016
            rf"(?:(?i:in)\s+)?\b{_M},?\s+(?:of\s+)?{_Y}",  # In March 1996, May 1991
            rf"\b{_M}\s+{_D}\b(?!\s*,?\s*\d)",  # March 26th, August 7
            rf"\b{_D}\s+(?:of\s+)?{_M}\b",  # 26 March
            rf"\b(?i:in|since|by|until|from|of|early|late)\s+{_Y}",  # in 2014, of 2017
            rf"\b{_PREP}[\s-]+{_M}\b(?!\s+\d)",  # in March, In June
            rf"\b(?i:{_N})\s+(?i:day|week|month|year)s?\s+(?i:later|after|earlier|before)\b",  # three months later
            r"\b(?i:the\s+same\s+day|the\s+(?:next|following)\s+day|the\s+day\s+(?:before|after))\b",
            r"\b(?i:(?:in|over|during)\s+the\s+(?:past|last)\s+(?:week|seven\s+days))\b",
            r"\b(?i:(?:earlier\s+|later\s+)?this\s+(?:week|month|year)|last\s+(?:week|month|year))\b",
            r"\b(?i:so\s+far\s+this\s+year|in\s+recent\s+(?:years|months|weeks))\b",
            r"\b(?i:today|tonight|yesterday|this\s+(?:morning|afternoon|evening))(?:['’]s)?\b",
            rf"\b(?:(?i:on|late|early|last)\s+)?{_WD}",  # On Sunday, late Wednesday
        ]
    )
    + ")"
)
#: What every date phrase holds, within the sentence it starts in (a phrase crosses a sentence end only at the
#: stop after a month name): a month name's first three letters, a word of the calendar (any case), or a year after a
#: space (the one alternative with neither: 'in 2014'). Each branch of this regex starts with a letter or a digit, so
#: that the regex engine skips to the next such character instead of trying it at every offset; the calendar words
#: are looked for in the case-folded text (``may_hold_date``).
_HINT_CASED = re.compile(
    r"Jan|Feb|Ma[ry]|Apr|Ju[nl]|Aug|Sep|Oct|Nov|Dec|1[89]\d\d(?!\d)(?<=\s....)|20\d\d(?!\d)(?<=\s....)"
)
_CALENDAR_WORDS = ("day", "week", "month", "year", "tonight", "morning", "afternoon", "evening")


def may_hold_date(text: str, lo: int = 0, hi: int | None = None) -> bool:
    """False only when text[lo:hi] holds no hint of a date (above): then no date phrase starts in it. A text holding
    'ı' or 'İ', which a case-blind 'i' matches but which do not fold to 'i', passes."""
    if _HINT_CASED.search(text, lo, len(text) if hi is None else hi):
        return True
    folded = searchable(text[lo:hi])
    return folded is None or any(word in folded for word in _CALENDAR_WORDS)


#: A phrase that names a year; one that names a month (capitalised).
HAS_YEAR = re.compile(_Y)
HAS_MONTH = re.compile(rf"\b{_M}")
#: A phrase that counts from another event ("three months later", "the same day").
ANCHORED = re.compile(r"(?i)\b(later|after|earlier|before|same day|next day|following day)\b")


def date_phrases(text: str, lo: int = 0, hi: int | None = None) -> list[re.Match]:
    """Every date phrase of text[lo:hi], left to right, not overlapping (no cheaper test first: with its start
    lookahead the pattern itself is about twice as fast as a case-blind search for a hint of a date)."""
    hi = len(text) if hi is None else hi
    return list(DATE_PHRASE.finditer(text, lo, hi))


#: The words before a date phrase that make it a bound of a period ("since the beginning of 2017", "until July 30").
DATE_BOUND = re.compile(
    r"\b(?i:since|from|until|till|through|by|as\s+of|up\s+to)\s+(?i:the\s+(?:beginning|start|end|middle)\s+)?$"
)


def date_words(text: str) -> list[str]:
    """Every date phrase of a text, verbatim, each with the words before it that make it a bound (DATE_BOUND)."""
    out = []
    for m in date_phrases(text):
        bound = DATE_BOUND.search(text, max(0, m.start() - 40), m.start())
        out.append(text[bound.start() if bound else m.start() : m.end()])
    return out


# ---- writing a date out ----------------------------------------------------------------------------

_WEEKDAY_NAMES = tuple(name.capitalize() for name in sorted(WEEKDAYS, key=WEEKDAYS.get))


def written_date(value, precision: str = "day", short: bool = False, weekday: bool = False) -> str:
    """A date as the book writes it, to its precision: '22 May 2014', 'week of 12 May 2014', 'May 2014', '2014',
    'on or before 25 July 2017' (dated only by its report) (short=True: '25 Jul 2017'; weekday=True: 'Sun 18 May 2014').

    ``value``: an ISO date ('2014-05-22', or '2014-05' for a month), a date or a timestamp; empty or None
    gives ''. Any other precision is a ValueError naming it."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value + "-01" if len(value) == 7 else value[:10])
    d = value.date() if isinstance(value, dt.datetime) else value
    month = MONTH_NAMES[d.month - 1][:3] if short else MONTH_NAMES[d.month - 1]
    day = f"{_WEEKDAY_NAMES[d.weekday()][:3]} " * weekday + f"{d.day} {month} {d.year}"
    if precision == "day":
        return day
    if precision == "week":
        return f"week of {day}"
    if precision == "month":
        return f"{month} {d.year}"
    if precision == "year":
        return str(d.year)
    if precision == "on_or_before":
        return f"on or before {day}"
    raise ValueError(f"written_date(): precision must be day, week, month, year or on_or_before, got {precision!r}")


# ---- an item's body lines --------------------------------------------------------------------------


def body_lines(lines: tuple[str, ...] | list[str], item) -> list[tuple[int, str]]:
    """(page line, text) of an item's body (excerpt or lead), title line and blank lines left out.

    ``lines`` are the page's lines; an item is a mapping with section, line_start and line_end."""
    start = int(item["line_start"]) + (0 if item["section"] == "lead" else 1)
    return [(i, lines[i - 1]) for i in range(start, int(item["line_end"]) + 1) if lines[i - 1].strip()]


def body_lines_from_text(body: str, line_end: int) -> list[tuple[int, str]]:
    """(page line, text) of a body given as text (articles.body: the verbatim lines that end on line_end)."""
    if not body:
        return []
    texts = body.split("\n")
    first = int(line_end) - len(texts) + 1
    return [(first + i, t) for i, t in enumerate(texts) if t.strip()]
