"""Attributed quotations: every quoted passage in a page's items, verbatim, with who is quoted.

``extract_quotes(page, articles)`` returns one row per quotation (columns ``QUOTE_COLUMNS``).
The rules, in the order they are applied:

Marks
  * Each excerpt body is wrapped in quotation marks by the compiler. Those outer marks are not
    quotations: when a ``linked``/``update`` body's first line opens with a double mark, that mark
    and (if present) the last double mark at the very end of its last line are ignored.
  * Double marks (curly “ ” and straight ") pair inside an item's body; any opener pairs with any
    closer. A straight " opens when it follows a space/start and precedes text, closes when it
    follows text and precedes a space/punctuation/end. A mark that opens while a quote is open nests
    (the nested quote stays inside the outer row).
  * A quote still open at the end of a paragraph continues into the next paragraph when that
    paragraph begins with an opening double mark (the newspaper convention for multi-paragraph
    quotes): one row whose text holds the newline, indentation and reopening mark as on the page.
    Otherwise it ends at the end of its paragraph (never swallowing the rest of the item).
  * Single marks (‘ ’ and ') are quotations only when an opener (after a space/start, before a
    letter) finds a closer (after text, before a space/punctuation/end) later in the same paragraph
    and outside any double quote; a mark between two letters (Haftar's, NGO’s) is an apostrophe.

Kind
  * ``headline``: a quote in an item title, or in a body line that reads as a sub-heading
    (at most 12 words, no sentence punctuation outside its quotes nor at its end).
  * ``term``: at most 4 words, not ending in punctuation, and not directly attributed (no speech
    verb within 5 words after the closing mark, nor right before the opening mark) - a scare-quoted
    word or phrase ("outlaw", "extremists", "search and rescue zone").
  * ``statement``: everything else.

Speaker (first rule that applies; quoted text is masked so verbs inside quotes never count)
  a. a speech verb after the closing mark within 15 words, in the same sentence and before the next
     quote: ``..." added Psaki`` (speaker after the verb) or ``..." LNA commander Mari El-Houti said``;
  b. a speech verb right before the opening mark: ``X said: "...``, ``saying: "...``
     (tried before a when the quote ends its own sentence: ``"We are ready." She added: "..."``,
     where a also ignores a verb that introduces the next quote);
  c. the nearest speech verb before the quote in its sentence (``Qassem said the measure was aimed
     against "..."``, ``According to the ICC, Warfalli "..."``);
  d. the nearest speech verb after the quote in its sentence;
  e. continuation: a quote that opens its sentence with no verb of its own, following a statement
     in the same or the previous paragraph, takes that statement's speaker and verb;
  f. statements only: the subject (leading noun phrase) of the quote's sentence, verb '';
  g. headlines only: the speaker of the first quote in the same item whose text contains the
     headline's quoted text.
  The subject of a verb is the text between the previous clause boundary and the verb. Participles
  (saying, adding ...) take the speaker of an earlier speech verb in the sentence, else the passive
  agent (``contacted by a Libyan coastguard vessel, saying``) or the clause subject. Naming verbs
  (branded, dubbed, labelled) take only a ``by X`` agent after the quote, else no speaker.

Resolution
  * ``resolve_speaker`` maps speaker text to an entity id when an alias of the alias table
    (entity_id, alias[, case, entity_type]; by default ``libyabook.extract.entities.load_aliases()``,
    matched with ``libyabook.extract.entities.alias_pattern``) occurs in it, not as a possessive
    (``Haftar's``): a person first, else an organisation, else a place only when the text is
    just that place; otherwise the text itself is the speaker ("Libyan authorities").
  * ``he``/``she`` resolve to the most recent person speaker in the same item, else the most recent
    person named before the quote in the item; ``it``/``they`` to the subject of the current
    sentence when the pronoun is not its first word, else of the previous sentence.
  * ``speaker_text`` is the page text naming the speaker (copied from the quote a continuation or
    headline inherits from); ``speaker`` is the entity id or that text; '' when unattributed.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

import pandas as pd

from libyabook.extract.corpus import Page, body_lines
from libyabook.extract.entities import alias_pattern, alias_tokens, line_tokens, load_aliases
from libyabook.extract.rows import records
from libyabook.extract.text import WEEKDAYS, first_sentence_end, sentence_spans
from libyabook.extract.threads import item_threads

QUOTE_COLUMNS = [
    "quote_id",
    "item_id",
    "speaker",
    "speaker_text",
    "quote",
    "line",
    "line_end",
    "start",
    "end",
    "verb",
    "kind",
    "thread",
]

DOUBLE_OPEN, DOUBLE_CLOSE, DOUBLE_STRAIGHT = "“„«", "”»", '"'
DOUBLES = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_STRAIGHT
SINGLE_OPEN, SINGLE_CLOSE, SINGLE_STRAIGHT = "‘‹", "’›", "'"
SINGLES = SINGLE_OPEN + SINGLE_CLOSE + SINGLE_STRAIGHT
MARKS = DOUBLES + SINGLES
MASK = "\x00"

SPEECH_VERBS = (
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "vowed",
    "vows",
    "urged",
    "urges",
    "declared",
    "declares",
    "claimed",
    "claims",
    "stated",
    "states",
    "warned",
    "warns",
    "insisted",
    "insists",
    "announced",
    "announces",
    "explained",
    "noted",
    "asked",
    "replied",
    "stressed",
    "confirmed",
    "argued",
    "reported",
    "reports",
    "wrote",
    "writes",
    "tweeted",
    "pledged",
    "saying",
    "adding",
    "claiming",
    "declaring",
    "insisting",
    "noting",
    "stating",
    "vowing",
    "urging",
    "telling",
    "according to",
    "vow",
    "urge",
    "warn",
    "insist",
    "declare",
    "claim",
    "saw",
    "sees",
    "ordered",
    "orders",
)
PARTICIPLES = frozenset(
    {"saying", "adding", "claiming", "declaring", "insisting", "noting", "stating", "vowing", "urging", "telling"}
)
NAMING_VERBS = ("branded", "dubbed", "labelled", "labeled")


def _word_trie(words: tuple[str, ...]) -> str:
    """A regex matching exactly the given words, branching letter by letter (a space matches any white space run):
    at a position the engine reads one letter per branch point instead of trying every word in turn."""
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(tree)


def _trie_pattern(node: dict) -> str:
    """The regex of one node of ``_word_trie``'s tree (its "" key marks a word ending there)."""
    alts = [(r"\s+" if ch == " " else re.escape(ch)) + _trie_pattern(node[ch]) for ch in sorted(node) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return "(?:" + body + ")?" if "" in node else body


_SHORTEST_VERB = min(map(len, SPEECH_VERBS + NAMING_VERBS))  # a text shorter than this holds no verb
# one verb at most matches at a position (a whole word: the lookarounds), so the trie finds what an alternation would
_VERB_RE = re.compile(r"(?<![\w'’-])(" + _word_trie(SPEECH_VERBS + NAMING_VERBS) + r")(?![\w'’-])", re.IGNORECASE)

PRONOUNS_PERSON = frozenset({"he", "she"})
PRONOUNS_GROUP = frozenset({"it", "they"})
PRONOUNS = PRONOUNS_PERSON | PRONOUNS_GROUP | {"we", "i"}
_CONNECTIVES = frozenset(
    {
        "but",
        "and",
        "although",
        "though",
        "however",
        "while",
        "so",
        "yet",
        "then",
        "also",
        "meanwhile",
        "whereas",
        "because",
        "as",
    }
)
_TRAILING = frozenset(
    {
        "has",
        "have",
        "had",
        "was",
        "were",
        "is",
        "are",
        "also",
        "later",
        "then",
        "further",
        "reportedly",
        "previously",
        "earlier",
        "again",
        "once",
        "would",
        "will",
        "did",
        "does",
        "recently",
        "repeatedly",
        "been",
        "today",
        "yesterday",
        "on",
        "late",
        "last",
        "this",
    }
    | set(WEEKDAYS)  # day names: "Haftar on Monday said"
)
_NP_STOP = frozenset(
    {
        "of",
        "on",
        "in",
        "at",
        "from",
        "to",
        "for",
        "with",
        "by",
        "about",
        "after",
        "before",
        "during",
        "into",
        "over",
        "under",
        "since",
        "until",
        "against",
        "between",
        "through",
        "without",
        "within",
        "who",
        "which",
        "that",
        "whose",
        "where",
        "when",
        "is",
        "was",
        "are",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "did",
        "does",
        "do",
        "saw",
        "sees",
        "see",
        "also",
        "not",
        "then",
        "said",
        "says",
        "told",
        "and",
        "or",
    }
)
_STOPS_AND_CLOSERS = ".!?…\"”’')]"
_CLAUSE_SPLIT = re.compile(r"\s(?:but|while|whereas|although|though|because)\s")
_WORD = re.compile(r"[^\s\x00]+")
_NP_END = re.compile(
    r"[,.;:…]|\s(?:in|on|at|to|from|after|before|during|without|while|when|as|who|which|that)\s|\s[a-z][a-z]+(?:ed|ing)\b"
)
_BY = re.compile(r"\b\w+(?:ed|en)\s+(?:\w+ly\s+)?by\s+")
_RELATIVE = re.compile(r",\s(?:which|who)\s")
_NAME_AFTER = re.compile(r"\s+(?:[A-Z]|the\s|a\s)")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_ED_ING = re.compile(r"(ed|ing)$")
_DETERMINER = re.compile(r"\b(?:the|a|an|The|A|An)\s")
_NON_COMMAS = re.compile(r"[^,]+")
_LEADING_CONNECTIVES = re.compile(r"\s*(?:(?:" + "|".join(sorted(_CONNECTIVES)) + r")\s+)*", re.IGNORECASE)
_WORD_OR_HYPHEN = re.compile(r"[\w\-\u2010\u2011]")
_SPACES = re.compile(r"\s+")
_BY_AFTER = re.compile(r"\s*,?\s*by\s+")
_COLON_OR_COMMA = re.compile(r"\s*[:,]?\s*")
_COMMA_OR_DOT = re.compile(r"\s*[,.]?\s*")
_LOWER_START = re.compile(r"\s*[a-z]")
_COMMA_ARTICLE = re.compile(r",\s+(?:a|an)\s")
_INTRODUCES = re.compile(r"(?:\s+that)?\s*[:,]?\s*")
# what a text's last character is tested against (a ``[...]$`` search reads the whole text; the texts tested are
# stripped of trailing space, so ``$`` could only match at their end)
_SENTENCE_ENDS = (".", "!", "?", "…")
_STOP = re.compile(r"[.!?…]")
_UNMASKED = re.compile(r"[^\x00]+")
_PUNCTUATED_ENDS = (".", "…", ",", ";", ":", "!", "?")
_PUNCTUATION = re.compile(r"[.…,;:!?]")


# ----------------------------------------------------------------------------------------------
# alias table and speaker resolution
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Aliases:
    """Compiled alias table: (words, alias, case, entity_id) per alias, entity_id -> coarse type, and the aliases
    keyed by one of their words (a text is tried only against the aliases keyed by its words), and each alias's
    pattern once compiled (the alias table may hold more aliases than the regex module's cache)."""

    matchers: tuple
    types: dict
    by_word: dict = field(default_factory=dict)
    wordless: tuple = ()
    patterns: dict = field(default_factory=dict)  # alias index -> its compiled ``alias_pattern``

    def pattern(self, k: int) -> re.Pattern:
        """The compiled pattern of alias k."""
        got = self.patterns.get(k)
        if got is None:
            _, alias, case, _ = self.matchers[k]
            got = self.patterns[k] = alias_pattern(alias, case)
        return got

    @classmethod
    def keyed(cls, matchers: tuple, types: dict) -> _Aliases:
        by_word: dict[str, list[int]] = {}
        for k, (tokens, *_) in enumerate(matchers):
            if tokens:
                by_word.setdefault(min(tokens), []).append(k)
        return cls(matchers, types, by_word, tuple(k for k, (tokens, *_) in enumerate(matchers) if not tokens))


def _coarse_type(value: str) -> str:
    """Map an entity type label to person / place / org (anything else non-empty is an organisation)."""
    v = (value or "").strip().lower()
    if v.startswith("person") or v in {"people", "individual", "per"}:
        return "person"
    if v in {"place", "location", "loc", "gpe", "country", "city", "region", "town", "site"}:
        return "place"
    return "org" if v else ""


def _type_column(df: pd.DataFrame) -> str | None:
    """The column of an alias table holding the entity type, if any."""
    return next((c for c in ("entity_type", "type") if c in df.columns), None)


def _compile_aliases(aliases: pd.DataFrame | None) -> _Aliases:
    """Compile an alias table (entity_id, alias[, case, entity_type]); None loads the project table.

    Matching is that of ``libyabook.extract.entities`` (whole words, ``case`` exact/fold, loose separators and
    apostrophes), so a speaker resolves to the same id as a mention of the same text.
    """
    table = load_aliases() if aliases is None else aliases.fillna("").astype(str)
    col = _type_column(table)
    matchers, types = [], {}
    for row in table.to_dict("records"):
        alias, eid = str(row["alias"]).strip(), str(row["entity_id"]).strip()
        if not alias or not eid or alias.lower() in PRONOUNS:
            continue
        matchers.append((alias_tokens(alias), alias, str(row.get("case") or "exact"), eid))
        if col is not None and str(row.get(col, "")):
            types.setdefault(eid, _coarse_type(str(row[col])))
    return _Aliases.keyed(tuple(matchers), types)


def _alias_candidates(text: str, al: _Aliases) -> list[tuple[int, int, int, str]]:
    """Every alias match in text as (start, end, alias index, entity_id), before overlaps are resolved."""
    words = line_tokens(text)
    by_word = al.by_word
    keyed = [k for w in words if w in by_word for k in by_word[w]]
    if not keyed and not al.wordless:
        return []
    cands = []
    for k in sorted(set(keyed).union(al.wordless)):
        tokens, _, _, eid = al.matchers[k]
        if not tokens <= words:
            continue
        for m in al.pattern(k).finditer(text):
            cands.append((m.start(), m.end(), k, eid))
    return cands


def _resolve_candidates(text: str, cands: list, al: _Aliases, end: int | None = None) -> list[tuple]:
    """The candidates kept (longest first, then leftmost, non-overlapping) in text order, as (start, end,
    entity_id, type, is_possessive); end: where text stops for the possessive test (default: its length)."""
    if not cands:
        return []
    end = len(text) if end is None else end
    if len(cands) > 1:
        cands = sorted(cands, key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    taken, starts, ends = [], [], []  # starts and ends of the taken spans in text order: they never overlap
    for s, e, _, eid in cands:
        k = bisect.bisect_left(starts, e)  # the taken spans that start before e; the last of them ends last
        if not k or ends[k - 1] <= s:
            tail = text[e : min(e + 2, end)]
            possessive = tail in ("'s", "’s") or (tail[:1] in ("'", "’") and text[s:e].endswith("s"))
            taken.append((s, e, eid, al.types.get(eid, ""), possessive))
            starts.insert(k, s)
            ends.insert(k, e)
    return sorted(taken) if len(taken) > 1 else taken


def _alias_hits(text: str, al: _Aliases) -> list[tuple[int, int, str, str, bool]]:
    """Alias matches in text (longest first, then leftmost, non-overlapping) in text order, as
    (start, end, entity_id, type, is_possessive)."""
    return _resolve_candidates(text, _alias_candidates(text, al), al)


def _pick_alias(text: str, al: _Aliases) -> tuple[int, int, str] | None:
    """The alias naming the speaker in text: first person, else first organisation, else a place
    only when the text is nothing but that place (possessives never name the speaker)."""
    hits = [h for h in _alias_hits(text, al) if not h[4]]
    if not hits:
        return None
    for wanted in ("person", "org", ""):
        for h in hits:
            if h[3] == wanted:
                return h[0], h[1], h[2]
    core = _ARTICLE.sub("", text.strip(" ,.;:"))
    for h in hits:
        if h[3] == "place" and text[h[0] : h[1]] == core:
            return h[0], h[1], h[2]
    return None


def resolve_speaker(text: str, aliases: pd.DataFrame | None = None) -> str:
    """The entity id named in a speaker text (see module rules), else the text itself, stripped."""
    al = aliases if isinstance(aliases, _Aliases) else _compile_aliases(aliases)
    hit = _pick_alias(text, al)
    return hit[2] if hit else text.strip(" ,;:")


# ----------------------------------------------------------------------------------------------
# finding quotation marks
# ----------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Para:
    """One non-blank body line: text columns [a, b) exclude indentation and outer excerpt marks."""

    line: int
    a: int
    b: int


@dataclass(slots=True)
class _Quote:
    """A quotation found on the page; positions are (line, column) of marks and text."""

    item_id: str
    open_line: int
    open_col: int  # column of the opening mark
    close_line: int
    close_col: int  # column of the closing mark, or end of paragraph text when unclosed
    closed: bool
    para: int  # index of the opening paragraph in the item (-1 for titles)
    close_para: int
    in_title: bool = False
    kind: str = ""
    speaker: str = ""
    speaker_text: str = ""
    verb: str = ""
    direct: bool = False
    attributed: bool = False
    text: str = field(default="", repr=False)
    ends_sentence: bool = False  # its text ends in a sentence stop (trailing space aside)
    sentence: tuple | None = None  # (s0, s1) of the sentence of its opening mark on the masked line, once found


def _role(s: str, i: int, a: int, b: int) -> str:
    """Whether the mark at s[i] opens, closes or could do either, judged by its neighbours."""
    c = s[i]
    if c in DOUBLE_OPEN or c in SINGLE_OPEN:
        return "open"
    if c in DOUBLE_CLOSE or c in SINGLE_CLOSE:
        return "close"
    prev = s[i - 1] if i > a else " "
    nxt = s[i + 1] if i + 1 < b else " "
    left_free = prev.isspace() or prev in "([{—–-/" or prev in DOUBLE_OPEN + SINGLE_OPEN
    right_free = nxt.isspace() or nxt in ",.;:!?…)]}—–" or nxt in DOUBLE_CLOSE + SINGLE_CLOSE
    if left_free and not right_free:
        return "open"
    if right_free and not left_free:
        return "close"
    return "either"


def _paragraphs(page: Page, item) -> list[_Para]:
    """Body paragraphs of an item, with the compiler's outer excerpt marks cut off."""
    lines = body_lines(page, item)
    paras = []
    for n, text in lines:
        a = len(text) - len(text.lstrip())
        b = len(text.rstrip())
        paras.append(_Para(n, a, b))
    if not paras or item["section"] not in ("linked", "update"):
        return paras
    first, last = paras[0], paras[-1]
    first_text = page.lines[first.line - 1]
    if first_text[first.a] in DOUBLE_OPEN + DOUBLE_STRAIGHT:
        first.a += 1
        last_text = page.lines[last.line - 1]
        if last.b > last.a and last_text[last.b - 1] in DOUBLE_CLOSE + DOUBLE_STRAIGHT:
            last.b -= 1
    return paras


def _double_quotes(page: Page, item_id: str, paras: list[_Para]) -> list[_Quote]:
    """Pair double marks over an item's paragraphs, joining quotes reopened in the next paragraph."""
    out: list[_Quote] = []
    start: tuple[int, int, int] | None = None  # (line, col, paragraph index)
    depth, skip = 0, None
    for k, p in enumerate(paras):
        s = page.lines[p.line - 1]
        if start is None and not _DOUBLE_MARK.search(s, p.a, p.b):
            continue  # no mark, no quote open: nothing to do here
        for i in (m.start() for m in _DOUBLE_MARK.finditer(s, p.a, p.b)):
            if skip == (p.line, i):
                continue
            role = _role(s, i, p.a, p.b)
            if start is None:
                if role != "close":
                    start, depth = (p.line, i, k), 1
            elif role == "open":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    out.append(_Quote(item_id, start[0], start[1], p.line, i, True, start[2], k))
                    start = None
        if start is not None:
            nxt = paras[k + 1] if k + 1 < len(paras) else None
            ns = page.lines[nxt.line - 1] if nxt else ""
            out.append(_Quote(item_id, start[0], start[1], p.line, _before_elision(s, p.a, p.b), False, start[2], k))
            start, depth = None, 0
            if nxt and nxt.b > nxt.a and ns[nxt.a] in DOUBLES and _role(ns, nxt.a, nxt.a, nxt.b) != "close":
                # reopened in the next paragraph (the convention for a quotation running on): a quote of its own
                skip, start, depth = (nxt.line, nxt.a), (nxt.line, nxt.a, k + 1), 1
    return out


def _before_elision(s: str, a: int, b: int) -> int:
    """End of an unclosed quote at a paragraph's end, before a trailing elision (a run of dots and ellipses
    with an ellipsis or two dots: the compiler's '….' is not part of the quoted words; one full stop is)."""
    end = b
    while end > a and s[end - 1] in ".…":
        end -= 1
    run = s[end:b]
    return end if end > a and ("…" in run or len(run) > 1) else b


def _single_quotes(s: str, a: int, b: int, blocked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pairs (open column, close column) of single marks on one line segment, outside blocked spans.

    An opening mark pairs with the first closing mark at least two columns on, if at most 12 words lie
    between them. Linear: openers, closers, word starts and blocked spans are found once and looked up by bisection.
    """
    openers = [m.start() for m in _SINGLE_OPENER.finditer(s, a, b)]
    if a + 1 < b and s[a] == SINGLE_STRAIGHT and s[a + 1].isalnum() and openers[:1] != [a]:
        openers.insert(0, a)  # at the segment's start the mark counts as after a space
    if not openers:
        return []
    closers = [m.start() for m in _SINGLE_CLOSER.finditer(s, a + 1, b)]
    if blocked:
        free = _outside(blocked)
        openers, closers = [i for i in openers if free(i)], [j for j in closers if free(j)]
    word_starts = None  # found only when a pair is to be judged
    pairs, done = [], a - 1
    for i in openers:
        if i <= done:
            continue
        k = bisect.bisect_left(closers, i + 2)
        if k == len(closers):
            break  # no closer after this opener, so none after the later ones either
        j = closers[k]
        if word_starts is None:
            word_starts = [m.start() for m in _WORD_START.finditer(s, a, b)]
        if 1 + bisect.bisect_left(word_starts, j) - bisect.bisect_left(word_starts, i + 2) <= 12:
            pairs.append((i, j))
            done = j
    return pairs


def _outside(blocked: list[tuple[int, int]]):
    """A test of whether a column lies outside every blocked span (x <= column <= y), by bisection."""
    spans = sorted(blocked)
    reach = list(itertools.accumulate((y for _, y in spans), max))  # furthest end of the spans so far

    def free(i: int) -> bool:
        """True when column i is outside every blocked span."""
        k = bisect.bisect_right(spans, (i, float("inf")))
        return k == 0 or reach[k - 1] < i

    return free


_DOUBLE_MARK = re.compile(f"[{re.escape(DOUBLES)}]")
_ANY_MARK = re.compile(f"[{re.escape(MARKS)}]")
_WORD_START = re.compile(r"(?<=\s)\S")
# an opening single mark: a curly one, or a straight one after a space or opening bracket or mark; before a letter
# or digit (``str.isalnum``: a word character but the underscore). At a segment's start, see ``_single_quotes``.
# Each pattern opens with the mark itself (its neighbour before is read behind it), so the engine skips to marks.
_SINGLE_OPENER = re.compile(r"[‘‹'](?:(?<=[‘‹])|(?<=[\s(\[—“\"]'))(?=[^\W_])")
# a closing single mark: curly or straight, after a non-space, not before a letter or digit
_SINGLE_CLOSER = re.compile(r"[’›'](?<!\s[’›'])(?![^\W_])")


# ----------------------------------------------------------------------------------------------
# sentences, masks and subjects
# ----------------------------------------------------------------------------------------------


def _leading_np(text: str) -> tuple[int, int]:
    """Span of the leading noun phrase of a clause: words up to a comma, preposition or verb."""
    return _leading_np_at(text, 0, len(text))


def _leading_np_at(text: str, a: int, b: int) -> tuple[int, int]:
    """``_leading_np(text[a:b])`` shifted by a, read in place (no copy of a long sentence); (a, a): none."""
    return _LeadingPhrase(text, a).up_to(b)


@dataclass
class _LeadingPhrase:
    """``_leading_np_at`` of one clause start, resumable: the words read so far and the phrase they make, so that
    the phrase before each of a sentence's quotations, left to right, reads only the words after the last one
    (reading from the sentence start for each is quadratic in a long sentence of quotations)."""

    text: str
    a: int
    pos: int = -1  # where the next word is looked for: after the last whole word read (-1: at a)
    start: int | None = None
    end: int = 0
    tokens: int = 0  # len(text[start:end].split()), kept up to date as end moves on (a recount per word is quadratic)
    done: tuple[int, int] | None = None  # the span once a whole word ended the phrase

    def up_to(self, b: int) -> tuple[int, int]:
        """The leading phrase of text[a:b]; b at or after the end of the last call's, else it is read afresh."""
        if b < self.pos:
            return _LeadingPhrase(self.text, self.a).up_to(b)
        if self.done is not None:
            return self.done
        reader = self
        for m in _WORD.finditer(self.text, max(self.a, self.pos), b):
            whole = m.end() < b or b == len(self.text) or not _WORD.match(self.text, b)
            reader = self if whole else _LeadingPhrase(**vars(self))  # a word b cuts is read on a copy
            span = reader.read(m)
            if whole:
                self.pos, self.done = m.end(), span
            if span is not None:
                return span
        return (reader.start, reader.end) if reader.start is not None else (self.a, self.a)

    def read(self, m: re.Match) -> tuple[int, int] | None:
        """Take one word into the phrase; the phrase's span when the word ends it, else None."""
        w = m.group(0)
        lw = w.strip(".,;:!?()").lower()
        if lw in PRONOUNS and self.start is None:
            return m.start(), m.start() + len(w.rstrip(".,;:"))
        if self.start is None and (lw in _CONNECTIVES or lw in _NP_STOP):
            return None
        if self.start is not None and (lw in _NP_STOP or (w[:1].islower() and "-" not in w and _ED_ING.search(lw))):
            return self.start, self.end
        if self.start is not None and self.text.find(MASK, self.end, m.start()) >= 0:
            return self.start, self.end  # a phrase never runs across a quotation (masked)
        if self.start is None:
            self.start = self.end = m.start()
        new_end = m.start() + len(w.rstrip(".,;:"))
        self.tokens += len(self.text[self.end : new_end].split())
        if (
            self.start < self.end < new_end
            and not self.text[self.end - 1].isspace()
            and not self.text[self.end].isspace()
        ):
            self.tokens -= 1  # the token that runs across the old end was counted already
        self.end = new_end
        return (self.start, self.end) if w.endswith(",") or self.tokens >= 8 else None


def _trim_np(text: str, offset: int = 0) -> tuple[int, int]:
    """Span of text up to the first preposition/participle/punctuation that ends a short noun phrase."""
    s, e = _trim_np_at(text, 0, len(text))
    return offset + s, offset + e


def _trim_np_at(text: str, a: int, b: int) -> tuple[int, int]:
    """``_trim_np(text[a:b], a)``, read in place (no copy of a long sentence)."""
    m = _NP_END.search(text, a, b)
    end = m.start() if m else b
    s = a
    while s < b and text[s].isspace():
        s += 1
    while end > a and text[end - 1].isspace():
        end -= 1
    return s, end


@dataclass
class _Ctx:
    """What attribution needs to know about one item: page, masked lines, paragraphs, aliases."""

    page: Page
    item_id: str
    paras: list[_Para]
    masked: dict
    al: _Aliases
    persons: list = field(default_factory=list)  # (line, col, entity_id) of person speakers
    title_span: tuple = (0, 0)
    sentences: dict = field(default_factory=dict)  # (line, lo, hi) -> (spans, their starts): each found once
    verbs: dict = field(default_factory=dict)  # (line, sentence, in_title) -> _VerbIndex of that sentence
    persons_in_order: bool = True  # persons appended in page order: the last one before a column is bisected
    named: tuple | None = None  # ((line, end) of each person named in the body, (start, entity_id) of each)
    para_of_line: dict = field(default_factory=dict)  # line -> index of its paragraph
    blank_runs: dict = field(default_factory=dict)  # line -> ([run starts], [run ends]) of _BLANK_RUN found so far
    subjects: dict = field(default_factory=dict)  # (line, s0, s1) -> _SentenceIndex of a participle's sentence
    phrases: dict = field(default_factory=dict)  # (line, clause start) -> its _LeadingPhrase, read on as columns grow


@dataclass(frozen=True)
class _VerbIndex:
    """Every verb match of one sentence of a masked line (``_verbs`` over it), with their starts and ends for
    bisection, and for each match the index of the last one at or before it that is neither a participle nor a
    naming verb (-1: none): a quotation looks its verbs up here instead of scanning its sentence again."""

    matches: list
    starts: list
    ends: list
    last_plain: list


def _subject(ctx: _Ctx, line: int, left: int, verb_start: int, passive: bool = False):
    """(speaker_text, line, col) of the subject of a verb: the text before it back to a boundary."""
    m = ctx.masked[line]
    span = m[left : _tail_end(m, left, verb_start)]
    if not span.strip(" ,\x00"):
        return None
    head = span.rstrip(" ,")
    last = head[head.rfind(" ") + 1 :]  # its last word
    if last.lower() in PRONOUNS:
        col = left + len(head) - len(last)
        return last, line, col
    if passive:
        by = list(_BY.finditer(span))
        if by:
            s, e = _trim_np(span[by[-1].end() :], left + by[-1].end())
            if e > s:
                return m[s:e], line, s
    cut = [x.end() for x in _CLAUSE_SPLIT.finditer(span)]
    base = cut[-1] if cut else 0
    rel = _RELATIVE.search(span[base:])
    if rel and passive:
        head = span[base : base + rel.start()]
        dets = list(_DETERMINER.finditer(head))
        b0 = base + (dets[-1].start() if dets else 0)
        span_np = span[b0 : base + rel.start()]
        s, e = _trim_np(span_np, left + b0)
        return m[s:e], line, s
    body = span[base:]
    hit = _pick_alias(body, ctx.al)
    if hit:
        x, y = hit[0], hit[1]
        if body[x] != ",":  # the run of non-commas holding the hit's start
            x, y = body.rfind(",", 0, x) + 1, body.find(",", x)
            y = len(body) if y < 0 else y
        text = body[x:y]
        lead = _LEADING_CONNECTIVES.match(text)
        x += lead.end() if lead and lead.end() <= hit[0] - x else 0
        text = body[x:y].rstrip()
        return text, line, left + base + x
    if passive:
        s, e = _leading_np(body)
        if e > s:
            return body[s:e], line, left + base + s
    segs = [(x.start(), x.end()) for x in _NON_COMMAS.finditer(body) if x.group(0).strip()]
    if not segs:
        return None
    x, y = segs[0] if body.rstrip().endswith(",") and len(segs) >= 2 else segs[-1]
    text = body[x:y]
    lead = _LEADING_CONNECTIVES.match(text)
    x += lead.end()
    text = body[x:y].rstrip()
    if len(text.split(None, 12)) > 12:
        s, e = _leading_np(text)
        x, text = x + s, text[s:e]
    return (text, line, left + base + x) if text.strip() else None


# ----------------------------------------------------------------------------------------------
# the subject of a participle, from indexes of its sentence (issue 13: each quotation reads its own clause)
# ----------------------------------------------------------------------------------------------


@dataclass
class _Clause:
    """A clause of a sentence (from a clause boundary to the next) with its alias candidates, found once: runs of
    overlapping candidates (resolved apart from each other, as no candidate joins two runs), their bounds, and for
    each speaker type the runs that hold a non-possessive hit of it."""

    text: str
    cands: list  # per run, its candidates
    hits: list  # per run, its resolved hits
    starts: list
    ends: list
    runs_of: dict  # type -> indices of the runs holding a non-possessive hit of that type
    first_seg: tuple | None  # (x, y) of the first non-blank run of non-commas


@dataclass
class _SentenceIndex:
    """The matches ``_subject`` looks for in one sentence (text from its start), found once: "... by", clause
    boundaries and ", which/who", with the clauses indexed as they are asked for."""

    text: str
    by_ends: list
    cut_ends: list
    rel: list
    rel_starts: list
    clauses: dict = field(default_factory=dict)  # clause start -> _Clause
    relatives: dict = field(default_factory=dict)  # (clause start, relative start) -> (text, col)


def _clause_index(text: str, al: _Aliases) -> _Clause:
    """The alias runs and first non-blank comma segment of a clause (see ``_Clause``)."""
    runs: list = []
    ends: list = []
    for c in sorted(_alias_candidates(text, al)):
        if runs and c[0] < ends[-1]:
            runs[-1].append(c)
            ends[-1] = max(ends[-1], c[1])
        else:
            runs.append([c])
            ends.append(c[1])
    hits = [_resolve_candidates(text, r, al) for r in runs]
    runs_of: dict = {}
    for i, hs in enumerate(hits):
        for h in hs:
            if not h[4] and (not runs_of.get(h[3]) or runs_of[h[3]][-1] != i):
                runs_of.setdefault(h[3], []).append(i)
    seg = next(((x.start(), x.end()) for x in _NON_COMMAS.finditer(text) if x.group(0).strip()), None)
    return _Clause(text, runs, hits, [r[0][0] for r in runs], ends, runs_of, seg)


def _sentence_index(ctx: _Ctx, line: int, s0: int, s1: int) -> _SentenceIndex:
    """The ``_SentenceIndex`` of the sentence [s0, s1) of a masked line, found once per item."""
    got = ctx.subjects.get((line, s0, s1))
    if got is None:
        got = ctx.subjects[(line, s0, s1)] = _index_sentence(ctx.masked[line][s0:s1])
    return got


def _index_sentence(text: str) -> _SentenceIndex:
    """The "... by", clause boundary and ", which/who" matches of a sentence's text (see ``_SentenceIndex``)."""
    rel = [(x.start(), x.end()) for x in _RELATIVE.finditer(text)]
    by_ends = [x.end() for x in _BY.finditer(text)]
    cuts = [x.end() for x in _CLAUSE_SPLIT.finditer(text)]
    return _SentenceIndex(text, by_ends, cuts, rel, [r[0] for r in rel])


def _clause_pick(cl: _Clause, end: int, al: _Aliases):
    """``_pick_alias(cl.text[:end])`` from the clause's runs; False when the runs cannot tell (a run across end,
    a word or hyphen right after end, or only places: the caller then reads the text itself)."""
    k_in = bisect.bisect_right(cl.ends, end)
    if k_in < len(cl.starts) and cl.starts[k_in] < end:
        return False
    if end < len(cl.text) and _WORD_OR_HYPHEN.match(cl.text[end]):
        return False
    n_safe = bisect.bisect_right(cl.ends, end - 2)  # runs whose possessive test reads the same two characters
    tail = [h for i in range(n_safe, k_in) for h in _resolve_candidates(cl.text, cl.cands[i], al, end) if not h[4]]
    for wanted in ("person", "org", ""):
        runs = cl.runs_of.get(wanted, [])
        if runs and runs[0] < n_safe:
            return next(h[:3] for h in cl.hits[runs[0]] if h[3] == wanted and not h[4])
        for h in tail:
            if h[3] == wanted:
                return h[:3]
    has_place = cl.runs_of.get("place", [])
    if (has_place and has_place[0] < n_safe) or any(h[3] == "place" for h in tail):
        return False
    return None


def _tail_end(m: str, a: int, b: int) -> int:
    """The end of m[a:b] without its trailing space and the auxiliaries, adverbs, day names and blanks between a
    subject and its verb at b (space-separated words of _TRAILING), found word by word from b backwards."""
    e = b
    while e > a and m[e - 1].isspace():
        e -= 1
    while e > a:
        i = m.rfind(" ", a, e)
        w = m[i + 1 : e] if i >= 0 else m[a:e]
        if not (w.strip(",").lower() in _TRAILING or not w.strip()):
            break
        e = i if i >= 0 else a
    return e


def _passive_subject(ctx: _Ctx, line: int, s0: int, s1: int, verb_start: int):
    """``_subject(ctx, line, s0, verb_start, passive=True)`` for a participle in the sentence [s0, s1), from the
    sentence's indexes, so that a sentence of many quotations is read once, not once per quotation."""
    got = _passive_fast(ctx, line, s0, s1, verb_start)
    return _subject(ctx, line, s0, verb_start, passive=True) if got is False else got


def _passive_fast(ctx: _Ctx, line: int, s0: int, s1: int, verb_start: int):
    """The body of ``_passive_subject``; False where it cannot tell."""
    m = ctx.masked[line]
    e = _tail_end(m, s0, verb_start)
    if e > s0 and m[e - 1].isspace():
        return False  # the indexes assume the text ends in a word
    j = e
    while j > s0 and m[j - 1] in " ,\x00":
        j -= 1
    if j == s0:
        return None
    j = e
    while j > s0 and m[j - 1] in " ,":
        j -= 1
    i = m.rfind(" ", s0, j)
    last = m[i + 1 if i >= 0 else s0 : j]
    if last.lower() in PRONOUNS:
        return last, line, j - len(last)
    sx = _sentence_index(ctx, line, s0, s1)
    end = e - s0
    k = bisect.bisect_right(sx.by_ends, end)
    if k:
        a, b = _trim_np_at(m, s0 + sx.by_ends[k - 1], e)
        if b > a:
            return m[a:b], line, a
    k = bisect.bisect_right(sx.cut_ends, end)
    base = sx.cut_ends[k - 1] if k else 0
    r = bisect.bisect_left(sx.rel_starts, base)
    if r < len(sx.rel) and sx.rel[r][1] <= end:
        text, col = _relative_np(sx, base, sx.rel[r][0], s0)
        return text, line, col
    nxt = sx.cut_ends[k] if k < len(sx.cut_ends) else len(sx.text)
    if base not in sx.clauses:
        sx.clauses[base] = _clause_index(sx.text[base:nxt], ctx.al)
    return _clause_subject(sx.clauses[base], end - base, ctx.al, line, s0 + base)


def _relative_np(sx: _SentenceIndex, base: int, rs: int, s0: int) -> tuple[str, int]:
    """The noun phrase before ", which/who" at rs in the clause from base (``_subject``'s rule), found once."""
    got = sx.relatives.get((base, rs))
    if got is None:
        head = sx.text[base:rs]
        dets = list(_DETERMINER.finditer(head))
        b0 = base + (dets[-1].start() if dets else 0)
        s, e = _trim_np(sx.text[b0:rs], b0)
        got = sx.relatives[(base, rs)] = (sx.text[s:e], s0 + s)
    return got


def _clause_subject(cl: _Clause, end: int, al: _Aliases, line: int, col0: int):
    """``_subject``'s rule on the clause text [0, end) (its alias, else its leading noun phrase, else a comma
    segment), with col0 the clause's column; False where the clause's index cannot tell."""
    t = cl.text
    hit = _clause_pick(cl, end, al)
    if hit is False:
        return False
    if hit:
        x, y = t.rfind(",", 0, hit[0]) + 1, t.find(",", hit[0], end)
        y = end if y < 0 else y
        lead = _LEADING_CONNECTIVES.match(t[x:y])
        x += lead.end() if lead and lead.end() <= hit[0] - x else 0
        return t[x:y].rstrip(), line, col0 + x
    s, e = _leading_np_at(t, 0, end)
    if e > s:
        return t[s:e], line, col0 + s
    y = end
    while True:
        x = t.rfind(",", 0, y) + 1
        if x < y and t[x:y].strip():
            break
        if x == 0:
            return None
        y = x - 1
    first = cl.first_seg
    if first is None or first[1] > end:
        return False
    if t[end - 1] == "," and first[0] < x:
        x, y = first
    lead = _LEADING_CONNECTIVES.match(t[x:y])
    x += lead.end()
    text = t[x:y].rstrip()
    if len(text.split(None, 12)) > 12:
        s, e = _leading_np(text)
        x, text = x + s, text[s:e]
    return (text, line, col0 + x) if text.strip() else None


# ----------------------------------------------------------------------------------------------
# attribution
# ----------------------------------------------------------------------------------------------


def _verbs(masked: str, a: int, b: int, title: bool = False) -> list[re.Match]:
    """Speech and naming verbs in masked[a:b] (quoted text is masked out). In a body, a capitalised
    verb counts only at a sentence start, so the name "Amira Said" holds no verb; titles may be
    in Title Case ("Says Sisi")."""
    out = []
    if b - a < _SHORTEST_VERB:
        return out
    for lo, hi in _unmasked_runs(masked, a, b):
        for m in _VERB_RE.finditer(masked, lo, hi):
            if m.group(1)[0].isupper() and not title:
                k = m.start()  # the character before it, past spaces and masks (not a copy of the line before it)
                while k and masked[k - 1] in " \x00":
                    k -= 1
                if k and masked[k - 1] not in ".!?…:":
                    continue
            out.append(m)
    return out


def _unmasked_runs(masked: str, a: int, b: int) -> list[tuple[int, int]]:
    """The pieces of masked[a:b] between its runs of mask characters: ``_VERB_RE`` finds in them what it finds in
    the whole (no verb holds a mask, and its lookarounds read a mask or a piece's end alike), without reading quoted
    text letter by letter."""
    if masked.find(MASK, a, b) < 0:
        return [(a, b)]
    return [m.span() for m in _UNMASKED.finditer(masked, a, b)]


def _verb_index(ctx: _Ctx, line: int, sentence: tuple[int, int], title: bool) -> _VerbIndex:
    """The verbs of a sentence [lo, hi) of a masked line, found once per item (``_verbs`` over it)."""
    got = ctx.verbs.get((line, sentence, title))
    if got is None:
        matches = _verbs(ctx.masked[line], sentence[0], sentence[1], title)
        last_plain, k = [], -1
        for i, m in enumerate(matches):
            if m.group(1).lower() not in PARTICIPLES and m.group(1).lower() not in NAMING_VERBS:
                k = i
            last_plain.append(k)
        got = _VerbIndex(matches, [m.start() for m in matches], [m.end() for m in matches], last_plain)
        ctx.verbs[(line, sentence, title)] = got
    return got


def _verb_range(ctx: _Ctx, line: int, sentence: tuple, a: int, b: int, title: bool) -> tuple[_VerbIndex, int, int]:
    """The verb index of a sentence and the [i, j) of its matches that lie within columns [a, b) of it. The same
    as ``_verbs(masked, a, b)`` where no verb can run across a or b: the callers' bounds are sentence starts and
    ends, quotation marks and verb starts, and a verb is letters and spaces (tests/test_long_lines.py checks it)."""
    ix = _verb_index(ctx, line, sentence, title)
    i = bisect.bisect_left(ix.starts, a)
    j = bisect.bisect_right(ix.ends, b)
    return ix, i, max(i, j)


def _last_verb(ctx: _Ctx, line: int, sentence: tuple, a: int, b: int, title: bool, plain: bool = False):
    """The last verb in columns [a, b) of a sentence of a masked line (plain: the last that is neither a
    participle nor a naming verb), or None."""
    ix, i, j = _verb_range(ctx, line, sentence, a, b, title)
    k = ix.last_plain[j - 1] if plain and j > i else j - 1
    return ix.matches[k] if k >= i else None


def _first_verb(ctx: _Ctx, line: int, sentence: tuple, a: int, b: int, title: bool) -> re.Match | None:
    """The first verb in columns [a, b) of a sentence of a masked line."""
    ix, i, j = _verb_range(ctx, line, sentence, a, b, title)
    return ix.matches[i] if j > i else None


def _sentence_at(ctx: _Ctx, line: int, lo: int, hi: int, col: int) -> tuple[int, int]:
    """``text.sentence_at`` on a masked line, with the sentences of [lo, hi) found once per item and the one
    holding col found by bisection."""
    spans, starts = _sentences_of(ctx, line, lo, hi)
    k = bisect.bisect_right(starts, col, 1) - 1
    return (spans[k][0], spans[k + 1][0]) if k + 1 < len(spans) else (spans[k][0], hi)


def _sentences_of(ctx: _Ctx, line: int, lo: int, hi: int) -> tuple[list, list]:
    """``text.sentence_spans`` of a masked line's [lo, hi) and their starts, found once per item."""
    got = ctx.sentences.get((line, lo, hi))
    if got is None:
        spans = sentence_spans(ctx.masked[line], lo, hi)
        got = ctx.sentences[(line, lo, hi)] = (spans, [s for s, _ in spans])
    return got


def _last_mask_end(masked: str, a: int, b: int) -> int:
    """Column just after the last masked (quoted) character in masked[a:b], else a."""
    i = masked.rfind(MASK, a, b)
    j = masked.rfind(".", a, b)
    cand = i + 1 if i >= 0 else a
    # a quote ending in '.' is masked with a final '.' preceded by the mask char
    if j > 0 and j >= cand and masked[j - 1] == MASK:
        cand = j + 1
    return max(a, cand)


def _attribute_verb(ctx: _Ctx, q: _Quote, line: int, vm: re.Match, s0: int, s1: int):
    """(speaker_text, line, col, verb) for a verb match in a sentence [s0, s1) of a line."""
    masked = ctx.masked[line]
    verb = _SPACES.sub(" ", vm.group(1)).lower()
    if verb == "according to":
        s, e = _trim_np(masked[vm.end() : s1], vm.end())
        return (masked[s:e], line, s, verb) if e > s else None
    if verb in NAMING_VERBS:
        if q.close_line == line and q.closed:
            m = _BY_AFTER.match(masked[q.close_col + 1 : s1])
            if m:
                s, e = _trim_np(masked[q.close_col + 1 + m.end() : s1], q.close_col + 1 + m.end())
                if e > s:
                    return masked[s:e], line, s, verb
        return "", line, 0, verb
    if verb in PARTICIPLES:
        earlier = _last_verb(ctx, line, (s0, s1), s0, vm.start(), q.in_title, plain=True)
        if earlier:
            got = _attribute_verb(ctx, q, line, earlier, s0, s1)
            return (got[0], got[1], got[2], verb) if got else None
        sub = _passive_subject(ctx, line, s0, s1, vm.start())
        return (*sub, verb) if sub else None
    left = _last_mask_end(masked, s0, vm.start())
    sub = _subject(ctx, line, left, vm.start())
    return (*sub, verb) if sub else None


def _attribute(ctx: _Ctx, q: _Quote):
    """Apply rules a-d to one quote; returns (speaker_text, line, col, verb, direct) or None.

    A quote that ends its own sentence ("We are ready." She added: "...") tries rule b before a,
    and in rule a ignores a verb that introduces the next quote.
    """
    got = None if q.ends_sentence else _attribute_after(ctx, q, False)
    if got:
        return got
    sentence = _open_sentence(ctx, q)
    left = _last_verb(ctx, q.open_line, sentence, sentence[0], q.open_col, q.in_title)  # for rules b and c
    got = _attribute_before(ctx, q, sentence, left)
    if not got and q.ends_sentence:
        got = _attribute_after(ctx, q, True)
    return got or _attribute_sentence(ctx, q, sentence, left)


def _open_sentence(ctx: _Ctx, q: _Quote) -> tuple[int, int]:
    """The sentence (columns [s0, s1) of its line) holding the quote's opening mark, found once per quote."""
    if q.sentence is None:
        oa, ob = _bounds(ctx, q, False)
        q.sentence = _sentence_at(ctx, q.open_line, oa, ob, q.open_col)
    return q.sentence


def _bounds(ctx: _Ctx, q: _Quote, closing: bool) -> tuple[int, int]:
    """Columns of the paragraph (or title) holding the quote's opening or closing mark."""
    if q.in_title:
        return ctx.title_span
    p = ctx.paras[q.close_para if closing else q.para]
    return p.a, p.b


def _attribute_after(ctx: _Ctx, q: _Quote, ends_sentence: bool):
    """Rule a: a speech verb within 15 words after the closing mark, before the next quote."""
    if not q.closed:
        return None
    cm = ctx.masked[q.close_line]
    ca, cb = _bounds(ctx, q, True)
    after_start = q.close_col + 1
    stop = cm.find(MASK, after_start, cb)
    seg_end = cb if stop < 0 else stop
    if _STOP.search(cm, after_start, seg_end):  # else no sentence ends before the next quote
        seg = cm[after_start:seg_end]
        cut = first_sentence_end(seg)
        if cut is not None:
            seg_end = after_start + len(seg[:cut].rstrip(_STOPS_AND_CLOSERS))
    found = _verbs(cm, after_start, seg_end, q.in_title)
    if ends_sentence:
        found = [v for v in found if not _COLON_OR_COMMA.fullmatch(cm[v.end() : seg_end]) or seg_end == cb]
    vm = found[0] if found else None
    if (
        vm
        and _COMMA_OR_DOT.fullmatch(cm[after_start : vm.start()])
        and _NAME_AFTER.match(cm, vm.end())  # read in place: a copy of the rest of the line per quotation is quadratic
    ):
        verb = _SPACES.sub(" ", vm.group(1)).lower()
        if verb not in NAMING_VERBS and verb != "according to":
            s, e = _trim_np(cm[vm.end() : seg_end], vm.end())
            if e > s:
                return cm[s:e].strip(), q.close_line, s, verb, True
    for vm in found[:1]:
        n_words = len(cm[after_start : vm.start()].split())
        if n_words > 15 or vm.group(1).lower() in NAMING_VERBS or _appositive(cm[after_start : vm.start()]):
            return None
        s0, s1 = _sentence_at(ctx, q.close_line, ca, cb, q.close_col)
        got = _attribute_verb(ctx, q, q.close_line, vm, s0, max(s1, seg_end))
        if got:
            return (*got, n_words <= 5)
    return None


def _appositive(between: str) -> bool:
    """True when the words after a closing mark run on in lower case into an appositive (', a measure it
    said'): a verb there speaks of the appositive, not of the quoted words."""
    return bool(_LOWER_START.match(between) and _COMMA_ARTICLE.search(between))


def _attribute_before(ctx: _Ctx, q: _Quote, sentence: tuple[int, int], vm: re.Match | None):
    """Rule b: a speech verb right before the opening mark (``said: "``, ``saying that "``); sentence: the one the
    quote opens in, vm: its last verb before the opening mark."""
    om = ctx.masked[q.open_line]
    if vm and _INTRODUCES.fullmatch(om[vm.end() : q.open_col]) and vm.group(1).lower() not in NAMING_VERBS:
        got = _attribute_verb(ctx, q, q.open_line, vm, *sentence)
        if got:
            return (*got, True)
    return None


def _attribute_sentence(ctx: _Ctx, q: _Quote, sentence: tuple[int, int], left: re.Match | None):
    """Rules c and d: the nearest speech verb before (left, in the quote's sentence), else after, the quote in its
    sentence."""
    if left:
        got = _attribute_verb(ctx, q, q.open_line, left, *sentence)
        if got:
            return (*got, False)
    if q.closed:
        ca, cb = _bounds(ctx, q, True)
        col = max(q.close_col - 1, ca)
        if q.close_para == q.para and sentence[0] <= col < sentence[1]:
            c0, c1 = sentence  # the sentence it opens in (same line and bounds) holds col
        else:
            c0, c1 = _sentence_at(ctx, q.close_line, ca, cb, col)
        right = _first_verb(ctx, q.close_line, (c0, c1), q.close_col + 1, c1, q.in_title)
        if right:
            got = _attribute_verb(ctx, q, q.close_line, right, c0, c1)
            if got:
                return (*got, False)
    return None


def _resolve(ctx: _Ctx, text: str, line: int, col: int) -> str:
    """Speaker id or text for a speaker text found at (line, col), resolving pronouns."""
    word = text.strip().lower()
    if word in PRONOUNS_PERSON:
        before = _last_person_before(ctx, line, col)
        if before:
            return before
        return _last_person_named_before(ctx, line, col) or text.strip()
    if word in PRONOUNS_GROUP:
        return _antecedent(ctx, line, col) or text.strip()
    hit = _pick_alias(text, ctx.al)
    return hit[2] if hit else text.strip(" ,;:")


def _last_person_before(ctx: _Ctx, line: int, col: int) -> str:
    """The entity id of the last person speaker remembered before (line, col), '' if none."""
    if not ctx.persons_in_order:
        before = [p for p in ctx.persons if (p[0], p[1]) < (line, col)]
        return before[-1][2] if before else ""
    k = bisect.bisect_left(ctx.persons, (line, col))
    return ctx.persons[k - 1][2] if k else ""


def _last_person_named_before(ctx: _Ctx, line: int, col: int) -> str:
    """The last of ``_persons_named_before``, '' if none: the persons of the whole body found once per item and
    bisected (a name that runs across col is left to ``_persons_named_before`` itself)."""
    if ctx.named is None:
        ends, hits = [], []
        for p in ctx.paras:
            for s, e, eid, kind, _ in _alias_hits(ctx.masked[p.line][p.a : p.b], ctx.al):
                if kind == "person":
                    ends.append((p.line, p.a + e))
                    hits.append((p.a + s, eid))
        ctx.named = (ends, hits)
    ends, hits = ctx.named
    k = bisect.bisect_right(ends, (line, col))
    if k < len(ends) and ends[k][0] == line and hits[k][0] < col:
        named = _persons_named_before(ctx, line, col)
        return named[-1] if named else ""
    return hits[k - 1][1] if k else ""


def _persons_named_before(ctx: _Ctx, line: int, col: int) -> list[str]:
    """Person entity ids named (outside quotes) in the item before (line, col)."""
    out = []
    for p in ctx.paras:
        if p.line > line:
            break
        m = ctx.masked[p.line]
        end = col if p.line == line else p.b
        out += [h[2] for h in _alias_hits(m[p.a : end], ctx.al) if h[3] == "person"]
    return out


def _antecedent(ctx: _Ctx, line: int, col: int) -> str:
    """Speaker for it/they: subject of the current sentence, else of the previous one."""
    if not ctx.para_of_line:
        for i, p in enumerate(ctx.paras):
            ctx.para_of_line.setdefault(p.line, i)
    k = ctx.para_of_line.get(line)
    if k is None:
        return ""
    p = ctx.paras[k]
    sents, starts = _sentences_of(ctx, line, p.a, p.b)
    idx = bisect.bisect_right(starts, col) - 1
    idx = idx if idx >= 0 and col < sents[idx][1] else len(sents) - 1
    s0 = sents[idx][0]
    candidates = []
    if _blank_run_end(ctx, line, s0) < col:  # m[s0:col] holds more than blanks (not copied: read once per run)
        candidates.append((line, s0, col))
    elif idx > 0:
        candidates.append((line, sents[idx - 1][0], sents[idx - 1][1]))
    elif k > 0:
        pp = ctx.paras[k - 1]
        ps = _sentences_of(ctx, pp.line, pp.a, pp.b)[0]
        candidates.append((pp.line, ps[-1][0], ps[-1][1]))
    for ln, a, b in candidates:
        s, e = _leading_phrase(ctx, ln, a).up_to(b)
        np_text = ctx.masked[ln][s:e]
        if not np_text or np_text.lower() in PRONOUNS:
            continue
        hit = _pick_alias(np_text, ctx.al)
        if hit and ctx.al.types.get(hit[2]) != "person":
            return hit[2]
        return np_text
    return ""


# ----------------------------------------------------------------------------------------------
# the extractor
# ----------------------------------------------------------------------------------------------


def _is_subheading(page: Page, p: _Para, quotes: list[_Quote]) -> bool:
    """A body line that reads as a sub-heading: at most 12 words, no sentence punctuation outside its
    quotes nor at its end (``Sarraj 'needs to prove himself'``). ``quotes``: those that open and close on
    its line (the others leave it as it is)."""
    whole = page.lines[p.line - 1][p.a : p.b].rstrip(MARKS + " ")
    if not 0 < len(whole.split(None, 12)) <= 12 or whole.endswith(_PUNCTUATED_ENDS):  # (split at most 12 times)
        return False
    text = list(page.lines[p.line - 1][p.a : p.b])
    for q in quotes:
        for i in range(max(q.open_col, p.a), min(q.close_col + 1, p.b)):
            text[i - p.a] = " "
    return not _PUNCTUATION.search("".join(text))


def _mark_subheadings(page: Page, paras: list[_Para], quotes: list[_Quote]) -> None:
    """Body quotes on one line that reads as a sub-heading are headlines; each paragraph is judged once."""
    on_line: dict[int, list[_Quote]] = {}
    for q in quotes:
        if q.open_line == q.close_line:
            on_line.setdefault(q.open_line, []).append(q)
    judged: dict[int, bool] = {}
    for q in quotes:
        if not q.in_title and q.para >= 0 and q.open_line == q.close_line:
            if q.para not in judged:
                p = paras[q.para]
                judged[q.para] = _is_subheading(page, p, on_line.get(p.line, []))
            if judged[q.para]:
                q.kind = "headline"


def _mask_lines(page: Page, quotes: list[_Quote], paras: list[_Para], extra: dict) -> dict:
    """Per line, the text with every quote (marks included) replaced by mask characters."""
    masked: dict = {p.line: page.lines[p.line - 1] for p in paras}
    masked.update((ln, page.lines[ln - 1]) for ln in extra)
    rows: dict[int, list[str]] = {}  # the lines some quote covers, as characters (the others are kept as they are)
    for q in quotes:
        for ln in range(q.open_line, q.close_line + 1):
            if ln not in masked:
                continue
            row = rows.get(ln)
            if row is None:
                row = rows[ln] = list(masked[ln])
            a = q.open_col if ln == q.open_line else 0
            b = min((q.close_col + 1 if q.closed else q.close_col) if ln == q.close_line else len(row), len(row))
            if b > a:
                row[a:b] = MASK * (b - a)
            if ln == q.close_line and q.closed and q.ends_sentence:
                row[q.close_col] = "."
    masked.update((ln, "".join(row)) for ln, row in rows.items())
    return masked


def _kind(q: _Quote) -> str:
    """headline / term / statement by the module rules."""
    if q.in_title or q.kind == "headline":
        return "headline"
    text = q.text.strip()
    if len(text.split(None, 4)) <= 4 and not text.endswith(_PUNCTUATED_ENDS) and not q.direct:
        return "term"
    return "statement"


def extract_quotes(
    page: Page, articles: pd.DataFrame, aliases: pd.DataFrame | None = None, threads: pd.DataFrame | None = None
) -> pd.DataFrame:
    """All quotations in the page's items with speaker, verb and kind (rules in the module docstring).

    ``quote`` is ``page.text`` between the marks; it starts at column ``start`` of ``line`` and ends
    before column ``end`` of ``line_end``. ``aliases`` is an alias table (entity_id, alias[, case,
    entity_type]); None loads the project's (data/reference/entity_aliases.csv + entities.csv).
    Rows are sorted by (line, start), ids ``q001``....
    """
    al = _compile_aliases(aliases)
    rows: list[_Quote] = []
    for item in records(articles):
        rows += _item_quotes(page, item, al)
    rows.sort(key=lambda q: (q.open_line, q.open_col))
    by_item = item_threads(articles, threads)
    out = [  # one tuple per row, in QUOTE_COLUMNS order
        (
            f"q{n:03d}",
            q.item_id,
            q.speaker,
            q.speaker_text,
            q.text,
            q.open_line,
            q.close_line,
            q.open_col + 1,
            q.close_col,
            q.verb,
            q.kind,
            by_item[q.item_id],
        )
        for n, q in enumerate(rows, 1)
    ]
    df = pd.DataFrame(out, columns=QUOTE_COLUMNS)
    for col in ("line", "line_end", "start", "end"):
        df[col] = df[col].astype(int)
    return df


def _title_span(page: Page, item) -> tuple[int, int] | None:
    """Columns of an item's title on its first line, if it has one there."""
    if item["section"] == "lead" or not item["title"]:
        return None
    line = page.lines[int(item["line_start"]) - 1]
    i = line.find(item["title"])
    return (i, i + len(item["title"])) if i >= 0 else None


def page_between(lines: tuple[str, ...], line: int, col: int, line_end: int, col_end: int) -> str:
    """``page.text`` from column col of line to column col_end of line_end (1-based lines), without joining the
    whole page: a quotation's text ('' when the end is not after the start)."""
    if (line_end, col_end) <= (line, col):
        return ""
    if line == line_end:
        return lines[line - 1][col:col_end]
    return "\n".join([lines[line - 1][col:], *lines[line : line_end - 1], lines[line_end - 1][:col_end]])


def _item_quotes(page: Page, item, al: _Aliases) -> list[_Quote]:
    """Quotations of one item (title and body), attributed."""
    item_id = item["item_id"]
    paras = _paragraphs(page, item)
    quotes = _double_quotes(page, item_id, paras)
    quotes += _body_single_quotes(page, item_id, paras, quotes)
    title = _title_span(page, item)
    extra = {}
    if title:
        extra[int(item["line_start"])] = True
        quotes += _title_quotes(page, item_id, int(item["line_start"]), title)
    for q in quotes:
        q.text = page_between(page.lines, q.open_line, q.open_col + 1, q.close_line, q.close_col)
        q.ends_sentence = q.text.rstrip().endswith(_SENTENCE_ENDS)
    quotes = [q for q in quotes if q.text.strip()]
    if not quotes:
        return quotes
    quotes.sort(key=lambda q: (q.in_title, q.open_line, q.open_col))
    masked = _mask_lines(page, quotes, paras, extra)
    ctx = _Ctx(page, item_id, paras, masked, al)
    ctx.title_span = title or (0, 0)
    _mark_subheadings(page, paras, quotes)
    _attribute_all(ctx, quotes)
    _headlines_borrow_speakers(quotes)
    return quotes


def _body_single_quotes(page: Page, item_id: str, paras: list[_Para], quotes: list[_Quote]) -> list[_Quote]:
    """Single-mark quotes of the body's paragraphs, outside the double-quoted spans."""
    out = []
    para_lines = {p.line for p in paras}
    blocked_on: dict[int, list[tuple[int, int]]] = {}  # line -> spans of the double quotes over it, in order
    for q in quotes:
        for ln in range(q.open_line, q.close_line + 1):
            if ln in para_lines:
                a = q.open_col if q.open_line == ln else 0
                b = q.close_col if q.close_line == ln else len(page.lines[ln - 1])
                blocked_on.setdefault(ln, []).append((a, b))
    for k, p in enumerate(paras):
        s = page.lines[p.line - 1]
        if not _SINGLE_OPENER.search(s, p.a, p.b) and not s.startswith(SINGLE_STRAIGHT, p.a):
            continue  # no opening mark (see _single_quotes)
        for i, j in _single_quotes(s, p.a, p.b, blocked_on.get(p.line, [])):
            out.append(_Quote(item_id, p.line, i, p.line, j, True, k, k))
    return out


def _title_quotes(page: Page, item_id: str, tl: int, title: tuple[int, int]) -> list[_Quote]:
    """Double- and single-mark quotes of a headline (a single pair inside a double one is not its own)."""
    s = page.lines[tl - 1]
    if not _ANY_MARK.search(s, title[0], title[1]):
        return []
    dq = _double_quotes(page, item_id, [_Para(tl, title[0], title[1])])
    tq = _single_quotes(s, title[0], title[1], [])
    if dq:
        free = _outside([(q.open_col, q.close_col) for q in dq])
        tq = [(i, j) for i, j in tq if free(i)]
    for q in dq:
        q.para = q.close_para = -1
        q.in_title = True
    return dq + [_Quote(item_id, tl, i, tl, j, True, -1, -1, in_title=True) for i, j in tq]


def _attribute_all(ctx: _Ctx, quotes: list[_Quote]) -> None:
    """Attribute every quote in order: rules a-d, else the previous quote's speaker when it runs on, else the
    noun phrase that opens its sentence; kinds set; persons remembered for later pronouns."""
    page = ctx.page
    prev: _Quote | None = None
    for q in quotes:
        got = _attribute(ctx, q)
        if got:
            stext, ln, col, verb, direct = got
            stext = page.lines[ln - 1][col : col + len(stext)] if stext else ""  # page text, not the mask
            q.speaker_text, q.verb, q.direct, q.attributed = stext.strip(" ,;:"), verb, direct, True
            q.speaker = _resolve(ctx, stext, ln, col) if q.speaker_text else ""
        elif (
            not q.in_title
            and q.kind != "headline"
            and prev is not None
            and prev.kind != "headline"
            and q.para - prev.close_para in (0, 1)
            and prev.attributed
            and _opens_sentence(ctx, q)
        ):
            q.speaker, q.speaker_text, q.verb, q.attributed = prev.speaker, prev.speaker_text, prev.verb, True
        q.kind = _kind(q)
        if not q.attributed and q.kind == "statement" and not q.in_title:
            s0 = _open_sentence(ctx, q)[0]
            s, e = _leading_phrase(ctx, q.open_line, s0).up_to(q.open_col)
            if e > s:
                q.speaker_text = page.lines[q.open_line - 1][s:e]
                q.speaker = _resolve(ctx, q.speaker_text, q.open_line, s)
                q.attributed = True
        if q.speaker and ctx.al.types.get(q.speaker) == "person":
            if ctx.persons and ctx.persons[-1][:2] > (q.open_line, q.open_col):
                ctx.persons_in_order = False
            ctx.persons.append((q.open_line, q.open_col, q.speaker))
        if not q.in_title and q.kind != "headline":
            prev = q


def _headlines_borrow_speakers(quotes: list[_Quote]) -> None:
    """A quoted headline phrase with no speaker takes the speaker of the body quote that contains its words."""
    seekers = [q for q in quotes if q.kind == "headline" and not q.speaker]
    if not seekers:
        return
    # the body quotes with a speaker, their words normalised once (no headline among them: none changes here)
    donors = [
        (other, _SPACES.sub(" ", other.text).lower()) for other in quotes if other.kind != "headline" and other.speaker
    ]
    for q in seekers:
        key = _SPACES.sub(" ", q.text.strip(" ,.;:…")).lower()
        if not key:
            continue
        for other, words in donors:
            if key in words:
                q.speaker, q.speaker_text = other.speaker, other.speaker_text
                break


def _opens_sentence(ctx: _Ctx, q: _Quote) -> bool:
    """True when nothing but other quotes precedes the quote in its sentence."""
    return _blank_run_end(ctx, q.open_line, _open_sentence(ctx, q)[0]) >= q.open_col


_BLANK_RUN = re.compile(r"[ ,.\x00]*")


def _leading_phrase(ctx: _Ctx, line: int, a: int) -> _LeadingPhrase:
    """The resumable leading phrase of the masked line from column a (one per clause start and item)."""
    if (line, a) not in ctx.phrases:
        ctx.phrases[(line, a)] = _LeadingPhrase(ctx.masked[line], a)
    return ctx.phrases[(line, a)]


def _blank_run_end(ctx: _Ctx, line: int, col: int) -> int:
    """End of the run of spaces, commas, dots and masks from col of a masked line; each run is read once per
    item (a run that holds many sentence starts is not read again for each)."""
    runs = ctx.blank_runs.get(line)
    if runs is None:
        runs = ctx.blank_runs[line] = ([], [])
    starts, ends = runs
    k = bisect.bisect_right(starts, col) - 1
    if k >= 0 and col < ends[k]:
        return ends[k]
    end = _BLANK_RUN.match(ctx.masked[line], col).end()
    if end > col:
        starts.insert(k + 1, col)
        ends.insert(k + 1, end)
    return end
