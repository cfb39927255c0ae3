"""Resolve the date phrases of news text ("late Wednesday", "last week", "In March 1996") to dates.

A news item dates events relative to its own publication date, so a phrase is resolved against that
date: ``resolve_date(phrase, published) -> (date, precision)``. Precision is one of ``day``, ``week``,
``month`` or ``year`` and says how wide the window is that the phrase names.

Conventions (stated once here, relied on by events.py and the book):

* The returned date is the *first day* of the window the phrase names: the 1st of the month for month
  precision, 1 January for year precision, and the first day of the seven-day window for week precision
  (Monday for calendar weeks: "this week", "last week"; publication date minus six days for
  "in the past week"). The event happened on some day in ``[date, date + window)``; the date is never
  later than the event. (ACLED itself stores a representative date plus a precision code; keeping the
  window start makes the window explicit and sorts events consistently.)
* A bare weekday ("on Sunday", "late Wednesday", "said Saturday", "Tuesday's agreement") is the most
  recent such weekday *on or before* the publication date: wire copy names today's weekday rather than
  writing "today", so a Thursday article's "on Thursday" is that Thursday, and a Saturday article's
  "on Friday" is the day before. "last <weekday>" is strictly before the publication date.
  News reports past events: future readings ("next Tuesday") are not attempted.
* "today", "tonight", "this morning" are the publication date (day precision); "yesterday" the day before.
* A month without a year ("in March") is in the publication year, or the year before when that month is
  after the publication month. A month and day without a year ("March 26th", "Sept 12") likewise: the
  latest such date on or before the publication date.
* A range of months ("in June and July 2017") resolves to the first month, month precision.
* "N days/weeks/months/years later" (or "earlier", "before", "after") needs an ``anchor``: the date and
  precision of the event it counts from; the result has the coarser of the anchor's precision and the
  phrase's unit ("three months later" than March 1996 -> June 1996, month).
* "the same day", "the next day", "the day before" also count from the anchor. Phrases pointing to the
  future ("next week", "tomorrow", "the coming days") raise ValueError.
* Anything else raises ValueError naming the phrase: a date the code cannot read is never guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from libyabook.extract.literals import LiteralGate, needles
from libyabook.extract.text import ANCHORED, HAS_MONTH, HAS_YEAR, MONTHS, NUMBER_WORDS, WEEKDAYS, date_phrases

PRECISIONS = ("day", "week", "month", "year")
#: A date the page bounds only from above (and maybe from below): "on or before" the last day it allows.
#: Used by events.csv for happenings the page does not date to a day, week, month or year of their own.
ON_OR_BEFORE = "on_or_before"


_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH2 = r"(?P<month2>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?!s|\d)"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")(?:['’]s)?"
_NUMBER = r"(?P<n>\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"

# Ordered: the first rule that matches decides, so fuller forms come before their parts.
_RULES: list[tuple[str, re.Pattern]] = [
    ("same_day", re.compile(r"\b(?:the )?same day\b")),
    ("next_day", re.compile(r"\b(?:the (?:next|following) day|the day after)\b")),
    ("day_before", re.compile(r"\bthe (?:day before|previous day|preceding day)\b")),
    ("future", re.compile(r"\b(?:next|coming|tomorrow|tomorrow's)\b")),
    ("relative", re.compile(rf"\b{_NUMBER}\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>later|after|earlier|before)\b")),
    ("month_range", re.compile(rf"\b{_MONTH}\s*(?:and|to|-|–|through|or)\s*{_MONTH2},?\s+{_YEAR}")),
    ("day_month_year", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}")),
    ("day_month_year", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\s*,?\s+{_YEAR}")),
    ("month_year", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}")),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:,\s*)?\d)")),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b")),
    ("today", re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening))(?:['’]s)?\b")),
    ("yesterday", re.compile(r"\byesterday(?:['’]s)?\b")),
    ("past_week", re.compile(r"\b(?:in|over|during) the (?:past|last) (?:week|seven days)\b")),
    ("this_week", re.compile(r"\b(?:earlier |later )?this week\b")),
    ("last_week", re.compile(r"\blast week\b")),
    ("this_month", re.compile(r"\b(?:earlier |later )?this month\b")),
    ("last_month", re.compile(r"\blast month\b")),
    ("this_year", re.compile(r"\b(?:earlier |later )?this year\b")),
    ("last_year", re.compile(r"\blast year\b")),
    ("weekday", re.compile(rf"\b(?P<last>last\s+)?{_WEEKDAY}\b")),
    ("month", re.compile(rf"\b(?:in|during|since|by|until|early|late|mid|earlier in|later in)[\s-]+{_MONTH}\b")),
    ("month", re.compile(rf"^{_MONTH}$")),
    ("year", re.compile(rf"\b{_YEAR}")),
]


_RULES_BY_KIND = {kind: pattern for kind, pattern in reversed(_RULES)}
#: Which rules may match a phrase (``_rule``): each is tried only on a phrase holding one of its literal texts.
_RULE_GATE = LiteralGate([needles(pattern) for _, pattern in _RULES])


def resolve_date(
    phrase: str,
    published: dt.date,
    anchor: dt.date | tuple[dt.date, str] | None = None,
) -> tuple[dt.date, str]:
    """Resolve a date phrase against the publication date (and an anchor for "N months later"); see module doc."""
    if not isinstance(published, dt.date):
        raise ValueError(f"publication date must be a datetime.date, got {published!r}")
    return _resolved(_normalised(phrase), phrase, published, anchor)


def _resolved(
    text: str, phrase: str, published: dt.date, anchor: dt.date | tuple[dt.date, str] | None
) -> tuple[dt.date, str]:
    """``resolve_date`` of a phrase given with its ``_normalised`` text."""
    if not text:
        raise ValueError("empty date phrase: nothing to resolve")
    kind, m = _rule(text)
    if m:
        try:
            return _apply(kind, m, phrase, published, anchor)
        except OverflowError:
            raise _out_of_range(phrase) from None
    raise ValueError(
        f"cannot resolve date phrase {phrase!r}: expected a weekday, 'today', 'last week', 'last month', "
        "'in March', 'March 26th', 'May 1991', 'in 2011' or 'N months later' (with an anchor)"
    )


_SPACES = re.compile(r"\s+")


def _spaced(phrase: str) -> str:
    """A phrase lower-cased, without edge white space, each run of white space one space (what the month-range
    and anchor tests read)."""
    return _SPACES.sub(" ", str(phrase).strip().lower())


def _normalised(phrase: str) -> str:
    """A phrase as the rules read it: ``_spaced``, without edge spaces or stops."""
    return _spaced(phrase).strip(" .,;:")


def _rule(text: str) -> tuple[str, re.Match | None]:
    """The first rule that matches a normalised phrase, with its match ('', None when none does)."""
    for k in _RULE_GATE.candidates(text):
        kind, pattern = _RULES[k]
        m = pattern.search(text)
        if m:
            return kind, m
    return "", None


#: Rules that count from another date (an anchor).
_ANCHORED_KINDS = frozenset({"relative", "same_day", "next_day", "day_before"})
#: The rules, in order, up to the last that counts from another date: no later rule can make a phrase anchored.
_ANCHOR_RULES = _RULES[: 1 + max(k for k, (kind, _) in enumerate(_RULES) if kind in _ANCHORED_KINDS)]


def _is_anchored(text: str) -> bool:
    """Whether the first rule that matches a normalised phrase counts from another date (``_rule(text)[0] in
    _ANCHORED_KINDS``), trying only ``_ANCHOR_RULES``: asked of every phrase, so not every rule each time."""
    for kind, pattern in _ANCHOR_RULES:
        if pattern.search(text):
            return kind in _ANCHORED_KINDS
    return False


def counts_from_another_date(phrase: str) -> bool:
    """True when a phrase counts from another date ("three months later", "the next day")."""
    return _is_anchored(_spaced(phrase))


def resolve_window(
    phrase: str,
    published: dt.date,
    anchor: dt.date | tuple[dt.date, str] | None = None,
) -> tuple[dt.date, dt.date, str]:
    """(first day, last day, precision) of the window a phrase names, both inclusive: ``resolve_date``'s window,
    except that a range of months ("in June and July 2017") ends on the last day of its last month."""
    start, precision = resolve_date(phrase, published, anchor)
    return _window(start, precision, _spaced(phrase), phrase)


def _window(start: dt.date, precision: str, spaced: str, phrase: str) -> tuple[dt.date, dt.date, str]:
    """``resolve_window`` of a phrase resolved to (start, precision), given with its ``_spaced`` text."""
    m = _RULES_BY_KIND["month_range"].search(spaced)
    try:
        if m:
            return start, window_end(dt.date(int(m.group("year")), MONTHS[m.group("month2")], 1), "month"), precision
        return start, window_end(start, precision), precision
    except OverflowError:
        raise _out_of_range(phrase) from None


def _out_of_range(phrase: str) -> ValueError:
    """A date counted past the calendar ('99999999999 days later', the week after 9999-12-31) is a phrase that
    cannot be resolved, a ValueError like a year out of range: not the OverflowError datetime raises."""
    return ValueError(f"date phrase {phrase!r} counts to a date out of range")


def _apply(
    kind: str, m: re.Match, phrase: str, published: dt.date, anchor: dt.date | tuple[dt.date, str] | None
) -> tuple[dt.date, str]:
    """Turn one matched rule into (window start, precision)."""
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else None
    if kind == "relative":
        return _relative(m, phrase, anchor)
    if kind in ("same_day", "next_day", "day_before"):
        a_date, a_prec = _anchor(phrase, anchor)
        shift = {"same_day": 0, "next_day": 1, "day_before": -1}[kind]
        return window_start(a_date + dt.timedelta(days=shift), a_prec), a_prec
    if kind == "future":
        raise ValueError(f"date phrase {phrase!r} points to the future; only past events are resolved")
    if kind in ("month_range", "month_year"):
        return dt.date(year, MONTHS[g["month"]], 1), "month"
    if kind == "day_month_year":
        return _day(year, MONTHS[g["month"]], int(g["day"]), phrase), "day"
    if kind in ("month_day", "day_month"):
        month, day = MONTHS[g["month"]], int(g["day"])
        date = _day(published.year, month, day, phrase)
        if date > published:
            date = _day(published.year - 1, month, day, phrase)
        return date, "day"
    if kind == "today":
        return published, "day"
    if kind == "yesterday":
        return published - dt.timedelta(days=1), "day"
    if kind == "past_week":
        return published - dt.timedelta(days=6), "week"
    if kind == "this_week":
        return published - dt.timedelta(days=published.weekday()), "week"
    if kind == "last_week":
        return published - dt.timedelta(days=published.weekday() + 7), "week"
    if kind == "this_month":
        return published.replace(day=1), "month"
    if kind == "last_month":
        return published.replace(day=1) - relativedelta(months=1), "month"
    if kind == "this_year":
        return dt.date(published.year, 1, 1), "year"
    if kind == "last_year":
        return dt.date(published.year - 1, 1, 1), "year"
    if kind == "weekday":
        back = (published.weekday() - WEEKDAYS[g["weekday"]]) % 7
        if g.get("last") and back == 0:
            back = 7
        return published - dt.timedelta(days=back), "day"
    if kind == "month":
        month = MONTHS[g["month"]]
        return dt.date(published.year - (month > published.month), month, 1), "month"
    return dt.date(year, 1, 1), "year"


def _day(year: int, month: int, day: int, phrase: str) -> dt.date:
    """A calendar date, or ValueError naming the phrase when it does not exist (e.g. 'February 30')."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"date phrase {phrase!r} names an impossible date ({year}-{month:02d}-{day:02d})") from None


def _relative(m: re.Match, phrase: str, anchor: dt.date | tuple[dt.date, str] | None) -> tuple[dt.date, str]:
    """'three months later' and kin: count from the anchor; precision is the coarser of anchor and unit."""
    a_date, a_prec = _anchor(phrase, anchor)
    n_text = m.group("n")
    n = int(n_text) if n_text.isdigit() else NUMBER_WORDS[n_text]
    if m.group("dir") in ("earlier", "before"):
        n = -n
    unit = m.group("unit")
    if unit == "day":
        date = a_date + dt.timedelta(days=n)
    elif unit == "week":
        date = a_date + dt.timedelta(weeks=n)
    else:  # relativedelta keeps the day, or the month's last day when the month is shorter (31 Jan + 1 month)
        date = a_date + relativedelta(months=n * (12 if unit == "year" else 1))
    precision = max(a_prec, unit, key=PRECISIONS.index)
    return window_start(date, precision), precision


def _anchor(phrase: str, anchor: dt.date | tuple[dt.date, str] | None) -> tuple[dt.date, str]:
    """The anchor as (date, precision); ValueError naming the phrase when there is none or it is malformed."""
    if anchor is None:
        raise ValueError(f"date phrase {phrase!r} counts from another event: pass anchor=(date, precision)")
    a_date, a_prec = anchor if isinstance(anchor, tuple) else (anchor, "day")
    if not isinstance(a_date, dt.date) or a_prec not in PRECISIONS:
        raise ValueError(f"anchor {anchor!r} for {phrase!r} must be a date or (date, one of {PRECISIONS})")
    return a_date, a_prec


def window_start(date: dt.date, precision: str) -> dt.date:
    """Normalise a date to the start of its window: 1st of the month (month), 1 January (year), else as is."""
    if precision == "month":
        return date.replace(day=1)
    if precision == "year":
        return date.replace(month=1, day=1)
    if precision in ("day", "week", ON_OR_BEFORE):
        return date
    raise ValueError(f"precision {precision!r} is not one of {PRECISIONS + (ON_OR_BEFORE,)}")


def window_end(date: str | dt.date, precision: str) -> dt.date:
    """Last day of the window a (first day, precision) pair names: the day, +6 days, the month's or the year's end.

    An ``on_or_before`` date is itself the last day (its lower bound, if any, is in the events' date_start)."""
    d = dt.date.fromisoformat(date) if isinstance(date, str) else date
    if precision in ("day", ON_OR_BEFORE):
        return d
    if precision == "week":
        return d + dt.timedelta(days=6)
    if precision == "month":
        return d.replace(day=calendar.monthrange(d.year, d.month)[1])
    if precision == "year":
        return dt.date(d.year, 12, 31)
    raise ValueError(f"date precision {precision!r}: expected day, week, month or year")


@dataclass(frozen=True)
class Phrase:
    """A date phrase found on a page line and the inclusive window it resolves to (None when it does not).

    ``basis`` says what the resolution needed: 'the text alone', 'publication date', 'year of an earlier
    phrase', 'an earlier phrase' (it counts from one), or why it failed: 'no publication date', 'another
    event' (it counts from something no earlier phrase dates), 'not resolved'."""

    line: int
    start: int
    end: int
    text: str
    first: dt.date | None
    last: dt.date | None
    precision: str
    basis: str = ""


def resolve_phrases(
    lines: list[tuple[int, str]], published: dt.date | None, only: set[int] | None = None
) -> list[Phrase]:
    """Every date phrase (text.date_phrases) of an item's (line, text) pairs, resolved in reading order.

    A month without a year takes the year of an earlier phrase with a year on the same line ("In March 1996
    ... on March 26th"); "N months later" counts from the previous resolved phrase of the item that names a month
    or a year (not from "today" or a weekday, which may be a quoted source's own day). Phrases that
    cannot be resolved (no publication date, no anchor, unreadable) keep first/last None.

    With ``only`` (page line numbers), the phrases of those lines, as the whole reading resolves them: the lines
    are read alone, and all lines up to the last of them again only when one of their phrases counts from an
    earlier one (the only thing other lines decide); their phrases are found once."""
    if only is None:
        return _resolve_in_order(lines, published)
    found = {number: date_phrases(text) for number, text in lines if number in only}
    alone = _resolve_in_order([(number, text) for number, text in lines if number in only], published, found)
    if not any(_uses_anchor(p.text) for p in alone):
        return alone
    last = max(only)  # a line after the last one asked for cannot change its phrases
    again = _resolve_in_order([ln for ln in lines if ln[0] <= last], published, found)
    return [p for p in again if p.line in only]


def _uses_anchor(phrase: str) -> bool:
    """Whether resolving a phrase reads the anchor (an earlier phrase's date): the rule resolve_date applies."""
    text = _normalised(phrase)
    return bool(text) and _is_anchored(text)


def _resolve_in_order(
    lines: list[tuple[int, str]], published: dt.date | None, found: dict[int, list[re.Match]] | None = None
) -> list[Phrase]:
    """``resolve_phrases`` of all the lines given: each phrase against the year of the line's last phrase with a
    year, and the anchor of the last phrase that names a month or a year or counts from another. ``found``: the
    date phrases of some of the lines, by line number, already found."""
    out: list[Phrase] = []
    anchor: tuple[dt.date, str] | None = None
    found = found or {}
    for number, text in lines:
        year_hint = None
        for m in found[number] if number in found else date_phrases(text):
            phrase = m.group()
            base, basis = _base(phrase, published, year_hint)
            spaced = _spaced(phrase)  # read once: resolution, month range and anchor test
            first, last, precision = _window_or_none(phrase, spaced, base, anchor) if base else (None, None, "")
            anchored = bool(ANCHORED.search(phrase))
            if first is None and base:
                basis = "another event" if anchored else "not resolved"
            elif first is not None and _is_anchored(spaced):
                basis = "an earlier phrase"
            out.append(Phrase(number, m.start(), m.end(), phrase, first, last, precision, basis))
            if first is not None and (HAS_MONTH.search(phrase) or HAS_YEAR.search(phrase) or anchored):
                anchor = (first, precision)
            if first is not None:
                year_hint = first.year if HAS_YEAR.search(phrase) else year_hint
    return out


def _window_or_none(
    phrase: str, spaced: str, published: dt.date, anchor: tuple[dt.date, str] | None
) -> tuple[dt.date | None, dt.date | None, str]:
    """``resolve_window`` of a phrase given with its ``_spaced`` text; (None, None, '') when the phrase cannot be
    resolved."""
    try:
        return _window(*_resolved(spaced.strip(" .,;:"), phrase, published, anchor), spaced, phrase)
    except ValueError:
        return None, None, ""


def _base(phrase: str, published: dt.date | None, year_hint: int | None) -> tuple[dt.date | None, str]:
    """The date a phrase is read against (the publication date, or the end of an earlier phrase's year) and
    what it is; (None, why) when there is none."""
    if HAS_YEAR.search(phrase):
        return published or dt.date(9999, 12, 31), "the text alone"
    if published is None:
        return None, "no publication date"
    if year_hint is not None and HAS_MONTH.search(phrase) and year_hint < published.year:
        return dt.date(year_hint, 12, 31), "year of an earlier phrase"
    return published, "publication date"
