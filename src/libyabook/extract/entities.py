"""Find the people and organisations an item names, resolved to entities of data/reference/entities.csv.

Every spelling the reference tables know (``data/reference/entity_aliases.csv``: Haftar, Hifter, Heftir,
Hiftar, the inverted "Haftar Khalifa", Qaddafi/Gadhafi, MSF...) is matched in the title and body lines of
every item, with these rules (documented in data/reference/README.entities.md):

- an alias matches only as a whole: not preceded or followed by a letter or digit, so "Sarraj" is found in
  "al-Sarraj" and "Sarraj's" but "UN" is not found in "UNESCO"; possessive 's is never part of the surface;
- per alias, ``case`` is ``exact`` (acronyms and names made of common words: "UN", "LNA", "Save the
  Children") or ``fold`` (case-insensitive: "HAFTAR", "Ansar Al-Sharia");
- a space or hyphen in an alias matches any run of spaces and hyphens ("al Qaeda" = "Al-Qaeda"), and a
  straight apostrophe matches a curly one;
- overlapping candidates are resolved longest first ("Khalifa Haftar" is one mention, not two), ties by
  position; titles ("General", "Prime Minister") are not aliases, so they never enter the surface;
- in a headline only the title is scanned, not the ``(outlet, date)`` byline (that is articles.outlet).
"""

from __future__ import annotations

import bisect
import collections
import itertools
import re
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

from libyabook.extract.corpus import Page, item_lines
from libyabook.extract.literals import matches_at
from libyabook.extract.rows import records
from libyabook.reference import REFERENCE_DIR, check_table, load_reference

MENTION_COLUMNS = ["item_id", "entity_id", "surface", "line", "start", "end"]
EXTRA_COLUMNS = ["entity_type", "field"]
COUNT_COLUMNS = ["entity_id", "name", "type", "group", "n_mentions", "n_items"]
CO_MENTION_COLUMNS = ["entity_a", "entity_b", "n_items", "item_ids"]
ALIAS_COLUMNS = ["entity_id", "alias", "case", "kind"]
CASE_MODES = ("exact", "fold")

_SEPARATORS = "\\s\\-\u2010\u2011"  # whitespace, hyphen-minus, hyphen, non-breaking hyphen
_SEPARATOR_RUN = re.compile(f"[{_SEPARATORS}]+")
_APOSTROPHES = "'\u2019"
#: Splits an alias into its parts, keeping the separator runs and apostrophes between them.
_ALIAS_PARTS = re.compile(f"([{_SEPARATORS}]+|[{_APOSTROPHES}])")
#: A name joined by a hyphen to one of these words is an adjective describing something else ("UN-backed
#: government", "U.N.-backed": the Tripoli government's standing), not a mention of the body: no alias matches
#: there. "Haftar-led forces" stays a mention (he leads them).
ATTRIBUTIVE_SUFFIXES = ("backed",)


def alias_key(alias: str) -> str:
    """Normalised form of an alias (case-folded, separators and apostrophes unified), to find duplicates."""
    text = _SEPARATOR_RUN.sub(" ", alias.strip().casefold())
    return re.sub(f"[{_APOSTROPHES}]", "'", text)


@lru_cache(maxsize=4096)
@cache
def alias_pattern(alias: str, case: str = "exact") -> re.Pattern:
    """Compile one alias to a whole-word regex: separators and apostrophes loosened, case per ``case``; not
    before a hyphenated ATTRIBUTIVE_SUFFIXES word ("UN-backed")."""
    if case not in CASE_MODES:
        raise ValueError(f"alias {alias!r}: case {case!r} is not one of {', '.join(CASE_MODES)}")
    parts = []
    for token in _ALIAS_PARTS.split(alias.strip()):
        if not token:
            continue
        if _SEPARATOR_RUN.fullmatch(token):
            parts.append(f"[{_SEPARATORS}]+")
        elif token in _APOSTROPHES:
            parts.append(f"[{_APOSTROPHES}]")
        else:
            parts.append(re.escape(token))
    flags = re.IGNORECASE if case == "fold" else 0
    attributive = r"(?![\-\u2010\u2011](?:" + "|".join(ATTRIBUTIVE_SUFFIXES) + r")(?!\w))"
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)" + attributive, flags)


def validate_entities(entities: pd.DataFrame, source: str = "entities", schema: bool = True) -> pd.DataFrame:
    """Check the entity table against its schema with frictionless (slug ids listed once, known types, a name);
    return it as strings, optional columns (role, group, country) added empty when absent."""
    entities = entities.copy().fillna("").astype(str)
    for column in ("role", "group", "country"):
        if column not in entities.columns:
            entities[column] = ""
    if schema:
        check_table("entities", entities, source)
    return entities.reset_index(drop=True)


def validate_aliases(
    aliases: pd.DataFrame, entities: pd.DataFrame | None = None, source: str = "entity_aliases", schema: bool = True
) -> pd.DataFrame:
    """Check an alias table: its schema with frictionless (text, case, kind), then what a schema cannot say:
    one entity per alias up to case and separators (else ValueError naming the alias), known ids, no entity unnamed."""
    aliases = aliases.copy().fillna("").astype(str)
    if "case" not in aliases.columns:
        aliases["case"] = "exact"
    aliases["case"] = aliases["case"].replace("", "exact")
    if "kind" not in aliases.columns:
        aliases["kind"] = ""
    if schema:
        check_table("entity_aliases", aliases, source)
    known = set(entities["entity_id"]) if entities is not None else None
    seen: dict[str, tuple[str, str]] = {}
    for row in aliases.itertuples(index=False):
        alias = row.alias
        if known is not None and row.entity_id not in known:
            raise ValueError(f"{source}: alias {alias!r} names entity {row.entity_id!r}, which is not in entities.csv")
        key = alias_key(alias)
        if key in seen:
            other_id, other_alias = seen[key]
            if other_id != row.entity_id:
                raise ValueError(
                    f"{source}: alias {alias!r} is mapped to two entities, "
                    f"{other_id!r} (as {other_alias!r}) and {row.entity_id!r}"
                )
            raise ValueError(f"{source}: alias {alias!r} is listed twice for {row.entity_id!r}")
        seen[key] = (row.entity_id, alias)
    if entities is not None:
        types = dict(zip(entities["entity_id"], entities["type"]))
        aliases["entity_type"] = aliases["entity_id"].map(types).fillna("")
        without = sorted(set(entities["entity_id"]) - set(aliases["entity_id"]))
        if without:
            raise ValueError(f"{source}: entity {without[0]!r} has no alias, so it can never be found")
    elif "entity_type" not in aliases.columns:
        aliases["entity_type"] = ""
    return aliases.reset_index(drop=True)


def load_entities(path: str | Path | None = None) -> pd.DataFrame:
    """The validated entity table (data/reference/entities.csv, or another CSV of the same columns)."""
    if path is None:
        # the reference package is validated as a whole by frictionless (python -m libyabook.reference, tests)
        return validate_entities(load_reference("entities"), str(REFERENCE_DIR / "entities.csv"), schema=False)
    return validate_entities(pd.read_csv(path, dtype=str, keep_default_na=False), str(path))


def load_aliases(entities_path: str | Path | None = None, aliases_path: str | Path | None = None) -> pd.DataFrame:
    """The validated alias table with each alias's entity_type; raise ValueError on an ambiguous alias."""
    entities = load_entities(entities_path)
    if aliases_path is None:
        return validate_aliases(
            load_reference("entity_aliases"), entities, str(REFERENCE_DIR / "entity_aliases.csv"), schema=False
        )
    table = pd.read_csv(aliases_path, dtype=str, keep_default_na=False)
    return validate_aliases(table, entities, str(aliases_path))


def _scan_range(text: str, item: dict, line: int) -> tuple[int, int, str]:
    """The part of a line to scan and its field: a headline's title without its (outlet, date) byline."""
    title = str(item.get("title") or "")
    if item["section"] != "lead" and line == int(item["line_start"]) and title:
        at = text.find(title)
        if at >= 0:
            return at, at + len(title), "title"
        return 0, len(text), "title"
    return 0, len(text), "body"


#: A word, for ``alias_tokens`` and ``line_tokens`` alike (the two sets are compared).
_WORD = re.compile(r"\w+")


def alias_tokens(alias: str) -> frozenset[str]:
    """The alias's words, lower-cased: a line that lacks any of them as a word cannot match the alias."""
    return frozenset(_WORD.findall(alias.lower()))


def line_tokens(text: str) -> frozenset[str]:
    """The words of a line, lower-cased, to test aliases against before any regex is compiled or run."""
    return frozenset(_WORD.findall(text.lower()))


#: ASCII bytes with every byte that is not a word character turned into a space: the words of a line encoded
#: to ASCII are its ``split()``.
_WORD_BYTES = bytes(b if (b < 128 and chr(b).isalnum()) or b == ord("_") else ord(" ") for b in range(256))
#: A word character outside ASCII. A line without one is matched on its ASCII bytes (``_ascii_keys``): every
#: other non-ASCII character lowercases to one non-word character and matches no ASCII letter case-blind
#: (checked over all of Unicode in tests/test_mentions_framing_shortcuts.py), so it may stand there as "?".
_NON_ASCII_WORD = re.compile(r"[^\W\x00-\x7f]")


class _Matchers:
    """Alias patterns compiled only when a line could match them (all the alias's words are in the line).

    Each alias is keyed by the word it shares with the fewest other aliases (the rarest, most often), in
    ``by_word``; ``ascii_by_word`` keys the aliases of ASCII words by the same word as bytes, and ``needles``
    holds what a match must start with in a line's ``_ascii_keys`` bytes (None: found by regex alone).
    """

    def __init__(self, table: pd.DataFrame):
        self.rows = [
            (alias_tokens(r.alias), r.alias, r.case, r.entity_id, r.entity_type) for r in table.itertuples(index=False)
        ]
        self.compiled: dict[int, re.Pattern] = {}
        self.by_word: dict[str, list[int]] = {}  # one word of each alias -> the aliases it keys
        self.wordless: list[int] = []
        self.ascii_by_word: dict[bytes, list[int]] = {}
        self.ascii_tokens: list[frozenset[bytes]] = []
        self.needles: list[bytes | None] = []
        shared = collections.Counter(word for tokens, *_ in self.rows for word in tokens)
        for k, (tokens, alias, *_) in enumerate(self.rows):
            key = min(tokens, key=lambda word: (shared[word], -len(word), word)) if tokens else None
            self.by_word.setdefault(key, []).append(k) if tokens else self.wordless.append(k)
            ascii_tokens = frozenset(t.encode() for t in tokens if t.isascii())
            self.ascii_tokens.append(ascii_tokens)
            if tokens and len(ascii_tokens) == len(tokens):
                self.ascii_by_word.setdefault(key.encode(), []).append(k)
            self.needles.append(_needle(alias))
        self.ascii_keys = frozenset(self.ascii_by_word)
        self.ascii_words = self.ascii_keys.union(*self.ascii_tokens)

    def pattern(self, k: int) -> re.Pattern:
        if k not in self.compiled:
            _, alias, case, _, _ = self.rows[k]
            self.compiled[k] = alias_pattern(alias, case)
        return self.compiled[k]


def _needle(alias: str) -> bytes | None:
    """What an alias match starts with in a line's ``_ascii_keys`` bytes: a space (no word character before it),
    then its first part lower-cased, non-word characters as spaces; None when that part is not ASCII text."""
    first = next((part for part in _ALIAS_PARTS.split(alias.strip()) if part), "")
    if not first or not first.isascii() or _SEPARATOR_RUN.fullmatch(first) or first in _APOSTROPHES:
        return None
    return b" " + first.lower().encode().translate(_WORD_BYTES)


def _ascii_keys(text: str, matchers: _Matchers) -> tuple[bytes | None, list[int]]:
    """The aliases whose words are all words of the line, and the line as ``_Matchers.needles`` are looked for in
    (lower-cased ASCII bytes, non-word characters as spaces, one space before); (None, []) when the line has a
    word character outside ASCII: then ``_keys`` is asked."""
    if not text.isascii() and _NON_ASCII_WORD.search(text):
        return None, []
    line = text.encode("ascii", "replace").lower().translate(_WORD_BYTES)
    hits = matchers.ascii_words.intersection(line.split())
    tokens = matchers.ascii_tokens
    keyed = matchers.ascii_by_word
    keys = [k for word in hits.intersection(matchers.ascii_keys) for k in keyed[word] if tokens[k] <= hits]
    return b" " + line, keys + matchers.wordless


def _keys(text: str, matchers: _Matchers) -> list[int]:
    """The aliases whose words are all words of the line (``line_tokens``), and those without words."""
    words = line_tokens(text)
    rows = matchers.rows
    keys = [k for word in words.intersection(matchers.by_word) for k in matchers.by_word[word] if rows[k][0] <= words]
    return keys + matchers.wordless


def _found(pattern: re.Pattern, text: str, line: bytes, needle: bytes, lo: int, hi: int, k: int) -> list[tuple]:
    """(start, end, k) of what ``pattern.finditer(text)`` finds in text[lo:hi], tried only where ``line`` has the
    needle: a match starts there (``_Matchers.needles``; ``line[i]`` stands for ``text[i]``)."""
    return [
        (m.start(), m.end(), k) for m in matches_at(pattern, text, line, needle) if lo <= m.start() and m.end() <= hi
    ]


def _line_mentions(text: str, lo: int, hi: int, matchers: _Matchers) -> list[tuple[int, int, int]]:
    """Non-overlapping (start, end, matcher index) in text[lo:hi]: longest first, then leftmost.

    Only aliases whose words are all in the line are tried; overlaps are checked against the spans taken so
    far by bisection (they are disjoint), so a line full of names stays near-linear.
    """
    line, keys = _ascii_keys(text, matchers)
    if line is None:
        keys = _keys(text, matchers)
    candidates = []
    for k in keys:
        needle = matchers.needles[k] if line is not None else None
        if needle is None:
            spans = ((m.start(), m.end()) for m in matchers.pattern(k).finditer(text))
            candidates += [(start, end, k) for start, end in spans if lo <= start and end <= hi]
        else:
            candidates += _found(matchers.pattern(k), text, line, needle, lo, hi, k)
    if len(candidates) < 2:
        return candidates
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    starts: list[int] = []
    taken: list[tuple[int, int, int]] = []
    for start, end, k in candidates:
        at = bisect.bisect_right(starts, start)
        if (at and taken[at - 1][1] > start) or (at < len(starts) and starts[at] < end):
            continue
        starts.insert(at, start)
        taken.insert(at, (start, end, k))
    return taken


def find_mentions(page: Page, articles: pd.DataFrame, aliases: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every name mention in the items' titles and bodies, one row each, sorted by (line, start)."""
    table = load_aliases() if aliases is None else validate_aliases(aliases)
    matchers = _Matchers(table)
    names = MENTION_COLUMNS + EXTRA_COLUMNS
    columns: list[list] = [[] for _ in names]  # column lists: no tuple per mention
    item_ids, entity_ids, surfaces, lines, starts, ends, entity_types, fields = (c.append for c in columns)
    distinct: dict[str, str] = {}  # one string per distinct surface, however often it is written
    rows = matchers.rows
    for item in records(articles, ["item_id", "section", "title", "line_start", "line_end"]):
        first = int(item["line_start"])
        for line, text in item_lines(page, item):
            lo, hi, field = _scan_range(text, item, line) if line == first else (0, len(text), "body")
            for start, end, k in _line_mentions(text, lo, hi, matchers):
                surface = text[start:end]
                item_ids(item["item_id"])
                entity_ids(rows[k][3])
                surfaces(distinct.setdefault(surface, surface))
                lines(line)
                starts(start)
                ends(end)
                entity_types(rows[k][4])
                fields(field)
    out = pd.DataFrame(dict(zip(names, columns)))
    out = out.sort_values(["line", "start"], kind="stable").reset_index(drop=True)
    return out.astype({"line": "int64", "start": "int64", "end": "int64"})


def co_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """Pairs of entities named in the same item (entity_a < entity_b), with how many items and which."""
    items: dict[str, list[str]] = {}
    for item_id, entity_id in zip(mentions["item_id"], mentions["entity_id"]):
        items.setdefault(item_id, [])
        if entity_id not in items[item_id]:
            items[item_id].append(entity_id)
    pairs: dict[tuple[str, str], list[str]] = {}
    for item_id, ids in items.items():  # insertion order: page order of first mention
        for a, b in itertools.combinations(sorted(ids), 2):
            pairs.setdefault((a, b), []).append(item_id)
    rows = [(a, b, len(ids), ";".join(ids)) for (a, b), ids in sorted(pairs.items())]
    return pd.DataFrame(rows, columns=CO_MENTION_COLUMNS).astype({"n_items": "int64"})
