"""The claims ledger read from the page: each number's sentence, what it counts, who counted it, whether it restates
another.

The claims table (``claims.py``) says *which* numbers the items state. This module says, by rules on the
words around each number, *what kind of thing* each number measures and *who* counted it, so that figures
from different outlets can be put side by side without being added up by mistake.

The ledger (``claims_ledger(page, claims, articles)``): one row per claim with the verbatim sentence it sits in
and the derived columns ``measure``, ``frame``, ``scope``, ``when_text``, ``hedge``, ``restates`` and the
single-report flag (``single_source``, ``cue_kind``, ``cue``, ``n_items``). It is published as two tables
(``published_tables``), so that a sentence of many claims is written once, not once per claim: ``sentences.csv``
(one row per sentence: text, offsets, date words, hedges, single-report cue) and ``claims_ledger.csv`` (one row per
claim, its sentence by ``sentence_id``); ``joined_ledger`` joins them back for the analysis.
``classify(claim_row)`` / ``scope_of(claim_row)`` classify one claim. The views a chapter uses (sources,
comparable figures, addition warnings) are in ``libyabook.analysis.ledger``.

How a claim is classified (all vocabulary is in this file, in the tables below)
-----------------------------------------------------------------------------
``measure`` (what happened to the things counted) comes from the keyword of ``MEASURE_WORDS`` *nearest to
the number* in its clause (the sentence cut at , ; : and dashes), else, for counts of people
(``PEOPLE_UNITS``) or of an unnamed unit, in its whole sentence; e.g. in "killed six troops and wounded
eight", six is ``killed`` and eight ``wounded``. Durations and distances
(``NON_COUNT_UNITS``) get no measure. ``frame`` (how the number is known) is the first of ``FRAME_WORDS``
found in the sentence: ``ICC`` (the court's charges), ``video`` (what a video shows), ``agency`` (a
migration agency's tally), ``own claim`` (a group's claim about itself), ``tweet``, ``party statement``
(a commander or spokesman said), ``witnesses``; empty: the outlet states it in its own voice.
``scope`` combines the two by ``SCOPE_RULES`` (first matching row wins), e.g. killed + ICC -> ``ICC counts``,
killed + video -> ``executed on video``, died + sea words -> ``deaths at sea``, arrived + Italy ->
``arrivals in Italy``. A claim no rule covers (years, rows, percent of agreement) has an empty scope.

A title claim that states the same value as a body claim of the same item, and a number in parentheses
right after another (``27 miles (43 km)``), *restate* that claim: ``restates`` holds its claim_id and the
restating claim takes its measure, frame and scope (its ``when_text`` and ``hedge`` stay those of its own
sentence, verbatim). Such rows must never be counted twice.

``when_text`` is the verbatim date words of the sentence (``in March``, ``in June and July 2017``,
``so far this year``, ``on Saturday``). They may date the counted events or the report itself (``on
Tuesday`` the court issued a warrant): read them with the sentence. Empty means the sentence gives no date,
so the page does not say when the counted things happened (e.g. a video of unknown date). ``hedge`` lists the hedging
words of the sentence as the source uses them (``believed to be``, ``alleged``, ``apparently``...).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from libyabook.extract.literals import LiteralGate, needles
from libyabook.extract.rows import columns, records
from libyabook.extract.text import date_words, sentence_spans

# ---------------------------------------------------------------- vocabulary (language, not facts)
#: Measure keywords, (measure, regex). The keyword nearest to the number decides.
MEASURE_WORDS: tuple[tuple[str, str], ...] = (
    ("wounded", r"wounded|wounding|injured|injuring|injuries"),
    (
        "killed",
        r"killed|killing|kills|shot dead|shooting dead|gunned down|executed|executions?|executing|"
        r"murder(?:ed|s)?|massacred?|slain|dead",
    ),
    ("died", r"died|dies|drowned|drownings?|deaths|perished|lost their lives"),
    ("rescued", r"rescued|rescuing|saved|brought to safety"),
    ("returned", r"back to|sent back|returned|brought back|intercepted"),
    ("arrived", r"landed|arriv(?:ed|ing|als?)|reached|disembarked"),
    ("crossed", r"crossings?|crossing|crossed|travelling via|traveling via|flow of|departures?"),
)
#: Frame keywords, (frame, regex), in priority order: the first found in the sentence decides.
FRAME_WORDS: tuple[tuple[str, str], ...] = (
    ("ICC", r"\bICC\b|International Criminal Court|war crimes court|arrest warrant"),
    ("video", r"\bvideos?\b|\bfootage\b"),
    (
        "agency",
        r"\bIOM\b|International Organization for Migration|migration agency|\bUNHCR\b|refugee agency|"
        r"latest figures|\b[Tt]he agency\b",
    ),
    ("own claim", r"\bclaim(?:s|ed)? to have\b"),
    ("tweet", r"\btweet(?:s|ed)?\b"),
    (
        "party statement",
        r"\b(?:commander|spokes(?:man|woman|person)|official)\b[^.]{0,60}?\b(?:said|says|told)\b|"
        r"\b(?:said|says|told)\b[^.]{0,60}?\b(?:commander|spokes(?:man|woman|person)|official)\b",
    ),
    ("witnesses", r"\bwitness(?:es)?\b"),
)
SEA_WORDS = r"\bsea\b|Mediterranean|crossing|drown|\bboats?\b|\bdinghies\b|at sea"
ITALY_WORDS = r"\bItaly\b|\bItalian\b"
EUROPE_WORDS = r"\bEurope\b|\bEuropean\b"
LIBYA_WORDS = r"\bLibya\b|the country"

#: (measure, condition, scope, what the scope counts). condition: a frame name, a regex that must match the
#: sentence (prefixed ``re:``), or empty. First matching row wins.
SCOPE_RULES: tuple[tuple[str, str, str, str], ...] = (
    ("killed", "ICC", "ICC counts", "killings charged or cited by the International Criminal Court"),
    ("killed", "video", "executed on video", "people shown killed in one or more videos"),
    ("killed", "", "killed in one incident", "deaths in one clash, attack or massacre, as one source tells it"),
    ("wounded", "", "wounded in one incident", "people wounded in one clash or attack, as one source tells it"),
    ("died", "re:" + SEA_WORDS, "deaths at sea", "migrants who died or went missing crossing the sea"),
    ("died", "", "deaths", "deaths of any cause"),
    ("rescued", "own claim", "rescued by one NGO", "people one rescue group says it has rescued"),
    ("rescued", "", "rescued at sea", "people rescued at sea, by all rescuers"),
    ("arrived", "near:" + ITALY_WORDS, "arrivals in Italy", "people who landed in Italy"),
    ("arrived", "near:" + EUROPE_WORDS, "arrivals in Europe", "people who reached Europe"),
    ("arrived", "", "arrivals", "people who arrived somewhere"),
    ("crossed", "re:Mediterranean", "crossings of the Mediterranean", "people crossing, or trying to cross, the sea"),
    ("crossed", "re:" + EUROPE_WORDS, "crossings to Europe", "people crossing, or trying to cross, to Europe"),
    ("crossed", "", "crossings", "people crossing a border or sea"),
    ("returned", "re:" + LIBYA_WORDS, "returns to Libya", "people sent or brought back to Libya"),
    ("returned", "", "returns", "people sent or brought back"),
)
#: What each scope counts, for tables and captions.
SCOPE_MEANING: dict[str, str] = {scope: meaning for _, _, scope, meaning in SCOPE_RULES}

#: Units that measure time or distance, never a count of people or things that happen.
NON_COUNT_UNITS = frozenset(
    {
        "seconds",
        "minutes",
        "hours",
        "days",
        "weeks",
        "months",
        "years",
        "decades",
        "centuries",
        "miles",
        "mi",
        "km",
        "kms",
        "kilometres",
        "kilometers",
        "metres",
        "meters",
        "m",
        "feet",
        "nautical miles",
        "nm",
    }
)
#: Units that count people (for comparable(): casualty and migration figures).
PEOPLE_UNITS = frozenset(
    {
        "people",
        "persons",
        "men",
        "women",
        "children",
        "civilians",
        "prisoners",
        "detainees",
        "captives",
        "troops",
        "soldiers",
        "fighters",
        "militants",
        "jihadis",
        "rebels",
        "militiamen",
        "protesters",
        "migrants",
        "refugees",
        "asylum seekers",
        "victims",
        "bodies",
    }
)

#: Hedging words the sources use; kept verbatim in ``hedge``.
HEDGE_WORDS = (
    r"\bbelieved to be\b|\ballegedly\b|\balleged\b|\bapparently\b|\bappeared to\b|\bappears to\b|"
    r"\breportedly\b|\bsuspected\b|\bclaim(?:s|ed)? to have\b|\bis said to\b|\baccording to\b|"
    r"\bunconfirmed\b|\bunverified\b"
)
#: Cues that a claim rests on a single report: (kind, regex), searched in the claim's sentence.
SINGLE_SOURCE_CUES: tuple[tuple[str, str], ...] = (
    ("tweet", r"\b(?:according to )?(?:a |one )?tweet(?:s|ed)?\b"),
    ("video", r"\b(?:a |one |the )?(?:video|footage)\b"),
    ("own claim", r"\bclaim(?:s|ed)? to have\b"),
    (
        "one official",
        r"\b(?:a|an|one)\s+(?:[\w-]+\s+)?(?:commander|spokes(?:man|woman|person)|official|source)\s+"
        r"(?:said|says|told)\b",
    ),
    ("witnesses", r"\b(?:local )?witness(?:es)?\s+(?:said|say|told)\b"),
    ("reportedly", r"\breportedly\b"),
)

_CLAUSE_BREAK = re.compile(r"[,;:]\s|\s[—–-]\s")

LEDGER_TABLE_COLUMNS = [
    "claim_id",
    "sentence",
    "sentence_start",
    "sentence_end",
    "measure",
    "frame",
    "scope",
    "when_text",
    "hedge",
    "restates",
    "single_source",
    "cue_kind",
    "cue",
    "n_items",
    "sentence_id",
]
#: The published ``sentences`` table: one row per sentence holding a claim, with its sentence-level words.
SENTENCE_COLUMNS = [
    "sentence_id",
    "item_id",
    "field",
    "line",
    "start",
    "end",
    "text",
    "when_text",
    "hedge",
    "cue_kind",
    "cue",
]
#: The published ``claims_ledger`` table: one row per claim; its sentence is a ``sentences`` row, by id, so that
#: no table repeats a sentence once per claim (a sentence of n claims would make the table grow with n x length).
PUBLISHED_LEDGER_COLUMNS = [
    "claim_id",
    "sentence_id",
    "measure",
    "frame",
    "scope",
    "restates",
    "single_source",
    "cue_kind",
    "n_items",
]
SINGLE_SOURCE_COLUMNS = ["claim_id", "single_source", "cue_kind", "cue", "n_items"]

# ---------------------------------------------------------------- sentences


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """0-based [from, to) offsets of the sentence of ``text`` (text.sentence_spans) that holds text[start:end]
    (from the sentence holding its start to the one holding its end)."""
    first, starts, ends = _sentence_index(text)
    i = bisect_right(starts, start)
    j = bisect_left(ends, end)
    lo = starts[i - 1] if i else first
    hi = ends[j] if j < len(ends) else len(text)
    return lo, max(hi, end)


@lru_cache(maxsize=16)
def _sentence_index(text: str) -> tuple[int, list[int], list[int]]:
    """The first sentence start, and the starts and ends of the sentences of a text (in order), built once per
    text: the claims of one line look up their sentence by bisection, not by a scan of the line each."""
    spans = sentence_spans(text)
    return spans[0][0], [s for s, _ in spans], [e for _, e in spans]


@lru_cache(maxsize=64)
def _clause_cuts(text: str, lo: int, hi: int) -> tuple[list[int], list[int]]:
    """Ends and starts of the clause breaks of text[lo:hi], found once per sentence."""
    cuts = list(_CLAUSE_BREAK.finditer(text, lo, hi))
    return [m.end() for m in cuts], [m.start() for m in cuts]


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """0-based [from, to) offsets of the clause (sentence cut at , ; : and dashes) holding text[start:end]."""
    lo, hi = sentence_bounds(text, start, end)
    ends, starts = _clause_cuts(text, lo, hi)
    i, j = bisect_right(ends, start), bisect_left(starts, end)
    return (ends[i - 1] if i else lo), (starts[j] if j < len(starts) else hi)


def _sentence_of(row, lines: dict[int, str], titles: dict[str, str]) -> tuple[str, int, int]:
    """The claim's sentence (verbatim) and its offsets in the claim's line; a title claim's sentence stays in the
    title."""
    text = lines.get(int(row["line"])) if _known(row["line"]) else None
    start, end = int(row["start"]), int(row["end"])
    span = row["span"]
    if row["field"] == "title":
        title = titles.get(row["item_id"], "")
        at = text.find(title) if text is not None and title else -1
        if title and 0 <= at <= start and end <= at + len(title) and text[start:end] == span:
            pos = start - at
        elif span in title:
            pos = title.index(span)
        else:
            return span, start, end
        lo, hi = sentence_bounds(title, pos, pos + len(span))
        return title[lo:hi], start - pos + lo, start - pos + hi
    if text is not None and text[start:end] == span:
        lo, hi = sentence_bounds(text, start, end)
        return text[lo:hi], lo, hi
    return span, start, end


# ---------------------------------------------------------------- classification
def _nearest(
    patterns: tuple[tuple[str, str], ...], text: str, start: int, end: int, lo: int = 0, hi: int | None = None
) -> tuple[str, int, int]:
    """The label whose keyword lies nearest to text[start:end] (outside it) within text[lo:hi], with the keyword's
    offsets. The keywords are found once per text (``_keywords``) and looked up by bisection, so the claims of one
    long sentence cost no rescan each."""
    hi = len(text) if hi is None else hi
    best = ("", -1, -1, 10**9)
    for label, starts, ends in _keywords(patterns, text):
        if not starts:
            continue  # no keyword of this label in the text
        # matches do not overlap, so the nearest before ends last and the nearest after starts first
        i = bisect_right(ends, start) - 1
        if i >= 0 and starts[i] >= lo and start - ends[i] < best[3]:
            best = (label, starts[i], ends[i], start - ends[i])
        j = bisect_left(starts, end)
        if j < len(starts) and ends[j] <= hi and starts[j] - end < best[3]:
            best = (label, starts[j], ends[j], starts[j] - end)
    return best[:3]


@lru_cache(maxsize=16)
def _keywords(patterns: tuple[tuple[str, str], ...], text: str) -> list[tuple[str, list[int], list[int]]]:
    """Each label with the starts and ends of its keywords in a text, found once per text (only the labels whose
    literal words the text holds are searched)."""
    words = _keyword_words(patterns)
    out: list[tuple[str, list[int], list[int]]] = [(label, [], []) for label, _ in words.named]
    for k in words.gate.candidates(text):
        label, regex = words.named[k]
        found = list(regex.finditer(text))
        out[k] = (label, [m.start() for m in found], [m.end() for m in found])
    return out


class _Words(NamedTuple):
    """Named regexes, and the literal gate that tells which of them may match a text (``literals.LiteralGate``)."""

    named: tuple[tuple[str, re.Pattern], ...]
    gate: LiteralGate

    @classmethod
    def of(cls, named: tuple[tuple[str, re.Pattern], ...]) -> _Words:
        return cls(named, LiteralGate([needles(regex) for _, regex in named]))

    def first(self, text: str) -> tuple[str, re.Match | None]:
        """The name and match of the first regex that matches text (``("", None)`` if none does)."""
        for k in self.gate.candidates(text):
            name, regex = self.named[k]
            found = regex.search(text)
            if found:
                return name, found
        return "", None


@lru_cache(maxsize=8)
def _keyword_words(patterns: tuple[tuple[str, str], ...]) -> _Words:
    """Keyword patterns (label, regex) compiled once as whole words (no letter, digit or hyphen on either side)."""
    return _Words.of(tuple((label, re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", re.IGNORECASE)) for label, p in patterns))


@lru_cache(maxsize=16)
def _frame(sentence: str) -> str:
    """The first frame whose words the sentence holds ('' if none), found once per sentence."""
    return _FRAMES.first(sentence)[0]


#: FRAME_WORDS compiled once (case-blind but for the names 'ICC' and 'agency').
_FRAME_RES = tuple(
    (name, re.compile(pattern, re.IGNORECASE if name not in ("ICC", "agency") else 0)) for name, pattern in FRAME_WORDS
)
_FRAMES = _Words.of(_FRAME_RES)
#: HEDGE_WORDS compiled once, case-blind.
_HEDGES = _Words.of((("hedge", re.compile(HEDGE_WORDS, re.IGNORECASE)),))


@lru_cache(maxsize=64)
def _matches(pattern: str, sentence: str) -> tuple[list[int], list[int]]:
    """Starts and ends of a scope condition's matches in a sentence, found once per sentence."""
    found = list(re.finditer(pattern, sentence))
    return [m.start() for m in found], [m.end() for m in found]


def _holds(pattern: str, sentence: str, lo: int = 0, hi: int | None = None) -> bool:
    """Whether the pattern matches within sentence[lo:hi] (its words lie between clause breaks and numbers, so a
    match of the sentence inside the bounds is a match of the cut)."""
    starts, ends = _matches(pattern, sentence)
    i = bisect_left(starts, lo)
    return i < len(starts) and ends[i] <= (len(sentence) if hi is None else hi)


def _known(value) -> bool:
    """Whether a cell holds a value (not None, NaN or pd.NA), a Python int or float told without asking pandas."""
    if type(value) is int:
        return True
    if type(value) is float:
        return value == value
    return value is not None and not pd.isna(value)


def _placed(row: dict, span: str) -> tuple[str, int]:
    """The claim's sentence (or, without one, its span and what) and the span's offset in it."""
    sentence = row.get("sentence")
    if isinstance(sentence, str):
        offset, s0 = row.get("start"), row.get("sentence_start")
        rel = int(offset) - int(s0) if _known(offset) and _known(s0) else -1
        if rel >= 0 and sentence[rel : rel + len(span)] == span:  # at its offsets: no search of the sentence
            return sentence, rel
        if span in sentence:
            return sentence, sentence.index(span)
    return f"{span} {row.get('what', '') or ''}".strip(), 0


def classify(claim_row) -> dict[str, str]:
    """Measure, frame and scope of one claim (a row with span, unit and, ideally, sentence and offsets).

    Rows without a ``sentence`` are classified on ``span`` and ``what`` only.
    """
    row = dict(claim_row)
    span = str(row.get("span", ""))
    sentence, s_start = _placed(row, span)
    s_end = s_start + len(span)
    unit = str(row.get("unit", "") or "")
    measure, frame, scope = "", "", ""
    if unit not in NON_COUNT_UNITS:
        c_lo, c_hi = clause_bounds(sentence, s_start, s_end)
        measure, k_lo, k_hi = _nearest(MEASURE_WORDS, sentence, s_start, s_end, c_lo, c_hi)
        near_hi = c_hi
        if not measure and (unit in PEOPLE_UNITS or not unit):
            # people (or an unnamed count) may be the object of a verb further away in the sentence
            measure, k_lo, k_hi = _nearest(MEASURE_WORDS, sentence, s_start, s_end)
            near_hi = len(sentence)
    frame = _frame(sentence)
    if measure:
        # words "near" the measure keyword: from the number/keyword to the end of their clause
        near_lo = min(k_lo, s_start)
        for m, cond, label, _ in SCOPE_RULES:
            if m != measure:
                continue
            if (
                not cond
                or cond == frame
                or (cond.startswith("re:") and _holds(cond[3:], sentence))
                or (cond.startswith("near:") and _holds(cond[5:], sentence, near_lo, near_hi))
            ):
                scope = label
                break
    return {"measure": measure, "frame": frame, "scope": scope}


def scope_of(claim_row) -> str:
    """The scope label of one claim ('' when no rule covers it), e.g. 'executed on video', 'arrivals in Italy'."""
    return classify(claim_row)["scope"]


def when_text(sentence: str) -> str:
    """The date words of a sentence, verbatim, joined by '; ' ('' when it gives no date)."""
    return "; ".join(date_words(sentence or ""))


def hedge_words(sentence: str) -> str:
    """The hedging words of a sentence, verbatim and in order, joined by '; '."""
    sentence = sentence or ""
    if not _HEDGES.gate.candidates(sentence):
        return ""  # none of the hedging words' literal texts: no hedge
    return "; ".join(m.group(0) for m in _HEDGES.named[0][1].finditer(sentence))


#: What lies between a number and the number it restates in parentheses ("27 miles (43 km)").
_OPEN_PARENTHESIS = re.compile(r"\s*\(\s*")


def restatements(claims: pd.DataFrame, lines: dict[int, str] | None = None) -> pd.Series:
    """For each claim, the claim_id it restates ('' if none): a title number repeated in the body, or '(43 km)'."""
    ordered = claims.sort_values(["line", "start"], kind="stable")
    rows = records(ordered, ["claim_id", "item_id", "field", "value", "line", "start", "end"])
    first_body: dict[tuple, str] = {}  # (item, value) -> the first body claim stating it, in page order
    for r in rows:
        if r["field"] == "body" and _known(r["value"]):
            first_body.setdefault((r["item_id"], r["value"]), r["claim_id"])
    found: dict[object, str] = {}
    prev, prev_idx = None, None
    for idx, row in zip(ordered.index, rows):
        if row["field"] == "title" and _known(row["value"]):
            if (row["item_id"], row["value"]) in first_body:
                found[idx] = first_body[(row["item_id"], row["value"])]
        elif prev is not None and lines is not None and prev["line"] == row["line"] and prev["field"] == row["field"]:
            text = lines.get(int(row["line"]), "")
            between = text[int(prev["end"]) : int(row["start"])]
            if _OPEN_PARENTHESIS.fullmatch(between) and text[int(row["end"]) : int(row["end"]) + 1] == ")":
                found[idx] = found.get(prev_idx) or prev["claim_id"]
        prev, prev_idx = row, idx
    return pd.Series([found.get(i, "") for i in claims.index], index=claims.index, dtype=object)


# ---------------------------------------------------------------- the published table
def _classified(claims: pd.DataFrame, articles: pd.DataFrame, lines: dict[int, str]) -> pd.DataFrame:
    """Claims in page order with their sentence, measure, frame, scope, date words, hedges and restatements."""
    titles = dict(zip(articles["item_id"], articles["title"].fillna("")))
    df = claims.copy().sort_values(["line", "start"], kind="stable")
    rows = records(df, ["item_id", "field", "line", "start", "end", "span"])
    sents = [_sentence_of(r, lines, titles) for r in rows]
    once: dict[str, str] = {}  # one string per distinct sentence, however many claims it holds
    df["sentence"] = [once.setdefault(s, s) for s, _, _ in sents]
    df["sentence_id"] = _sentence_ids([(r["item_id"], r["field"], r["line"], *s) for r, s in zip(rows, sents)])
    df["sentence_start"] = [a for _, a, _ in sents]
    df["sentence_end"] = [b for _, _, b in sents]
    classes = [classify(r) for r in records(df, ["span", "what", "unit", "sentence", "start", "sentence_start"])]
    for col in ("measure", "frame", "scope"):
        df[col] = [c[col] for c in classes]
    when = {s: when_text(s) for s in once}
    hedges = {s: hedge_words(s) for s in once}
    df["when_text"] = [when[s] for s in df["sentence"].tolist()]
    df["hedge"] = [hedges[s] for s in df["sentence"].tolist()]
    df["restates"] = restatements(df, lines)
    # a restating claim counts what the claim it restates counts
    by_id = df.set_index("claim_id")
    for col in ("measure", "frame", "scope"):
        df[col] = [by_id.at[r, col] if r else v for r, v in columns(df, ["restates", col])]
    return df.reset_index(drop=True)


def _sentence_ids(keys: list[tuple]) -> list[str]:
    """One id per distinct (item, field, line, sentence, start, end), numbered in page order (s001, s002...)."""
    numbers: dict[tuple, int] = {}
    for key in keys:
        numbers.setdefault(key, len(numbers) + 1)
    width = max(3, len(str(len(numbers))))
    return [f"s{numbers[key]:0{width}d}" for key in keys]


def single_source(ledger: pd.DataFrame) -> pd.DataFrame:
    """Flag claims whose sentence says they rest on one report (a tweet, a video, one official, 'reportedly').

    Columns: claim_id, single_source (bool), cue_kind, cue (verbatim words), n_items (items of the page that
    state the same value for the same scope and unit: 1 means no other item repeats the figure).
    """
    if ledger.empty:
        return pd.DataFrame(columns=SINGLE_SOURCE_COLUMNS)
    # items stating the same value, unit and scope (one pass: time linear in the claims)
    same = ledger.dropna(subset=["value"]).groupby(["value", "unit", "scope"])["item_id"].nunique().to_dict()
    rows = []
    cues: dict[str, tuple[str, str]] = {}
    for r in records(ledger, ["claim_id", "sentence", "value", "unit", "scope", "restates"]):
        if r["sentence"] not in cues:
            cues[r["sentence"]] = _single_source_cue(r["sentence"])
        kind, cue = cues[r["sentence"]]
        n = int(same[(r["value"], r["unit"], r["scope"])]) if _known(r["value"]) else 1
        rows.append(
            {
                "claim_id": r["claim_id"],
                "single_source": bool(kind),
                "cue_kind": kind,
                "cue": cue,
                "n_items": n,
                "_restates": r["restates"],
            }
        )
    out = pd.DataFrame(rows)
    # a restating claim (a headline number told again in the body) rests on what the claim it restates rests on
    for col in ("single_source", "cue_kind", "cue"):
        by_id = dict(columns(out, ["claim_id", col]))
        out[col] = [by_id[r] if r and r in by_id else v for r, v in columns(out, ["_restates", col])]
    out["single_source"] = out["single_source"].astype(bool)
    return out.reindex(columns=SINGLE_SOURCE_COLUMNS)


#: SINGLE_SOURCE_CUES compiled once, case-blind.
_SINGLE_SOURCE_RES = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in SINGLE_SOURCE_CUES)
_CUES = _Words.of(_SINGLE_SOURCE_RES)


def _single_source_cue(sentence: str) -> tuple[str, str]:
    """The first single-source cue of a sentence: its kind and words ('', '' if none)."""
    name, found = _CUES.first(sentence)
    return name, found.group(0) if found else ""


def published_tables(ledger: pd.DataFrame, claims: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The ledger (``claims_ledger``) of the claims as published: ``claims_ledger`` (one row per claim, its sentence
    by id) and ``sentences`` (one row per sentence: its text, offsets, date words, hedges and single-report cue; the
    cue of a claim that restates none is its sentence's, found once by ``single_source``)."""
    first = ledger.drop_duplicates("sentence_id")
    where = claims.set_index("claim_id").loc[first["claim_id"], ["item_id", "field", "line"]]
    cues = [
        (kind, cue) if not restates else _single_source_cue(text)
        for text, restates, kind, cue in columns(first, ["sentence", "restates", "cue_kind", "cue"])
    ]
    sentences = pd.DataFrame(
        {
            "sentence_id": first["sentence_id"],
            "item_id": where["item_id"].to_numpy(),
            "field": where["field"].to_numpy(),
            "line": where["line"].to_numpy(),
            "start": first["sentence_start"],
            "end": first["sentence_end"],
            "text": first["sentence"],
            "when_text": first["when_text"],
            "hedge": first["hedge"],
            "cue_kind": [kind for kind, _ in cues],
            "cue": [cue for _, cue in cues],
        }
    )
    return {
        "claims_ledger": ledger.reindex(columns=PUBLISHED_LEDGER_COLUMNS).reset_index(drop=True),
        "sentences": sentences.reindex(columns=SENTENCE_COLUMNS).reset_index(drop=True),
    }


def joined_ledger(ledger: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The published ledger with each claim's sentence columns joined back (``claims_ledger``'s columns): the
    inverse of ``published_tables``. A claim's cue words are those of its sentence, or for a restating claim
    those of the sentence of the claim it restates (whose flags it takes)."""
    if ledger.empty:
        return pd.DataFrame(columns=LEDGER_TABLE_COLUMNS)
    own = sentences.rename(columns={"start": "sentence_start", "end": "sentence_end", "text": "sentence"})
    own = own.drop(columns=["item_id", "field", "line", "cue_kind", "cue"])
    df = ledger.merge(own, on="sentence_id", how="left", validate="many_to_one")
    sentence_of = dict(columns(df, ["claim_id", "sentence_id"]))
    cue = dict(columns(sentences, ["sentence_id", "cue"]))
    df["cue"] = [cue[sentence_of[r or c]] for r, c in columns(df, ["restates", "claim_id"])]
    return df.reindex(columns=LEDGER_TABLE_COLUMNS)


class _PageLines:
    """A page's lines by 1-based number, as a ``dict.get`` would give them, without a dict of every line."""

    def __init__(self, lines: tuple[str, ...]):
        self.lines = lines

    def get(self, number: int, default: str | None = None) -> str | None:
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else default


def claims_ledger(page, claims: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The claims ledger: one row per claim (page order) with sentence, scope, frame, flags, restatements (published
    as two tables by ``published_tables``)."""
    if claims.empty:
        return pd.DataFrame(columns=LEDGER_TABLE_COLUMNS)
    df = _classified(claims, articles, _PageLines(page.lines))
    flags = single_source(df).set_index("claim_id")
    for col in ("single_source", "cue_kind", "cue", "n_items"):
        df[col] = df["claim_id"].map(flags[col])
    return df.reindex(columns=LEDGER_TABLE_COLUMNS)
