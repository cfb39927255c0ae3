"""How the press titles and labels a person and his side, read from the page: the titles, label_uses, framing_labels
tables.

Two measurements, read from the text by rules, all pointing back to page lines:

- **titles**: the rank or office written right before a mention ("General", "Gen", "Field Marshal",
  "Colonel"...), from the ``title`` rows of ``data/reference/labels.csv``;
- **labels**: descriptive words and phrases for the person's side ("renegade", "self-styled",
  "Libyan National Army"...) and for its opponents ("Islamists", "jihadists", "extremists"...), from the
  other rows of ``labels.csv``. A label with ``scope`` = ``item`` counts wherever it occurs in an item's
  title or body; with ``sentence`` only in a sentence that also mentions the target entity (Haftar by
  default). Overlapping matches on a line are resolved longest first, then leftmost, so "Islamist
  militias" is one label, not also "Islamist".

Offsets follow the book's convention: ``line`` is the 1-based page line, ``start``/``end`` 0-based
character offsets in it, and ``page.lines[line - 1][start:end] == span``. Headlines are scanned only in
their title, not in the ``(outlet, date)`` byline. The summaries by outlet and year are in ``analysis.labels``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from libyabook.extract.corpus import Page, item_lines
from libyabook.extract.entities import alias_pattern, find_mentions
from libyabook.extract.literals import LiteralGate, matches_at, searchable
from libyabook.extract.rows import columns, records
from libyabook.extract.text import sentence_spans
from libyabook.reference import REFERENCE_DIR, check_table, load_reference, reference_schema

#: The vocabulary's columns, as data/reference/datapackage.json describes them (the schema is the one place).
LABEL_COLUMNS = [f["name"] for f in reference_schema("labels")["fields"]]

TITLE_COLUMNS = ["item_id", "outlet", "year", "surface", "title", "span", "line", "start", "end", "mention_start"]
HIT_COLUMNS = ["item_id", "outlet", "year", "label", "applies_to", "kind", "field", "line", "start", "end", "span"]
FRAMING_COLUMNS = ["line", "label", "applies_to", "start", "end", "span"]

#: Value of ``title`` for a mention with no title right before it.
NO_TITLE = "(none)"

# --- the label vocabulary ------------------------------------------------------------------------


def validate_labels(labels: pd.DataFrame, source: str = "labels", schema: bool = True) -> pd.DataFrame:
    """Check a label table: its schema with frictionless (data/reference/datapackage.json: columns, allowed values,
    no label twice per kind), then that every pattern compiles and matches something. Empty case/scope get defaults.
    """
    labels = labels.copy().fillna("").astype(str)
    for column in ("pattern", "case", "scope", "note"):
        if column not in labels.columns:
            labels[column] = ""
    cols = LABEL_COLUMNS + [c for c in labels.columns if c not in LABEL_COLUMNS]
    if schema:
        check_table("labels", labels, source)
    labels["case"] = labels["case"].replace("", "fold")
    labels["scope"] = labels["scope"].replace("", "item")
    for row in labels.itertuples(index=False):
        try:
            regex = label_regex(row.label, row.pattern, row.case)
        except re.error as exc:
            raise ValueError(f"{source}: label {row.label!r} has a pattern that does not compile: {exc}") from None
        if regex.search(""):
            raise ValueError(f"{source}: label {row.label!r} has a pattern that matches the empty string")
    return labels[cols].reset_index(drop=True)


def load_labels(path: str | Path | None = None) -> pd.DataFrame:
    """The validated label vocabulary: data/reference/labels.csv, or another CSV of the same columns."""
    if path is None:
        return _reference_labels().copy()
    return validate_labels(pd.read_csv(path, dtype=str, keep_default_na=False), str(path))


@lru_cache(maxsize=1)
def _reference_labels() -> pd.DataFrame:
    """data/reference/labels.csv validated once per process (every extractor reads the same vocabulary)."""
    # the reference package is validated as a whole by frictionless (python -m libyabook.reference, tests)
    return validate_labels(load_reference("labels"), str(REFERENCE_DIR / "labels.csv"), schema=False)


@lru_cache(maxsize=1024)
def label_regex(label: str, pattern: str = "", case: str = "fold") -> re.Pattern:
    """Whole-word regex of a label: its ``pattern`` (a Python regex) or, if empty, the label as a phrase."""
    if not pattern:
        return alias_pattern(label, case)
    flags = re.IGNORECASE if case == "fold" else 0
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", flags)


@lru_cache(maxsize=1024)
def _title_regex(label: str, pattern: str, case: str) -> re.Pattern:
    """A title pattern anchored to the end of the text before a name (title, then spaces, then the name)."""
    inner = pattern or re.escape(label)
    flags = re.IGNORECASE if case == "fold" else 0
    return re.compile(rf"(?<!\w)(?:{inner}){_TITLE_END}", flags)


#: What follows a title: spaces up to the name.
_TITLE_END = r"[ \t\u00a0]+$"


@lru_cache(maxsize=1024)
def _title_width(label: str, pattern: str, case: str) -> int | None:
    """The most characters a title pattern (without its trailing spaces) can match; None if unbounded."""
    flags = re.IGNORECASE if case == "fold" else 0
    try:
        width = re._parser.parse(pattern or re.escape(label), flags).getwidth()[1]
    except (AttributeError, re.error):  # a private module of re: if it is gone, search the whole prefix
        return None
    return None if width >= re._parser.MAXREPEAT else width


_TITLE_SPACE = " \t\u00a0"


class _TitleFinder:
    """The title right before a name: of the title patterns matching there, the one starting first (then the first
    in vocabulary order). One regex of all the patterns finds it in one search (its leftmost match, alternatives in
    vocabulary order), unless a pattern has groups (its back-references would change): then one search per pattern.
    """

    def __init__(self, rows: list[tuple[str, str, str]]):
        self.titles = [(label, _title_regex(label, p, case), _title_width(label, p, case)) for label, p, case in rows]
        widths = [width for _, _, width in self.titles]
        self.width = None if None in widths else max(widths, default=0)
        alternatives = [f"(?{'i' if case == 'fold' else ''}:{p or re.escape(label)})" for label, p, case in rows]
        grouped = any(regex.groups for _, regex, _ in self.titles)
        self.any_title = None if grouped else re.compile(rf"(?<!\w)(?:{'|'.join(alternatives) or '(?!)'}){_TITLE_END}")

    def before(self, text: str, end: int) -> tuple[str, int, str] | None:
        """(title label, start, span without the spaces) of the title ending in spaces right before text[end:]."""
        if self.any_title is not None:
            hit = _title_search(self.any_title, self.width, text, end)
            if hit is None:
                return None
            label = next(label for label, regex, _ in self.titles if regex.match(text, hit.start(), end))
            return label, hit.start(), hit.group(0).rstrip()
        best = None
        for label, regex, width in self.titles:
            hit = _title_search(regex, width, text, end)
            if hit and (best is None or hit.start() < best[1]):
                best = (label, hit.start(), hit.group(0).rstrip())
        return best


def _title_search(regex: re.Pattern, width: int | None, text: str, end: int) -> re.Match | None:
    """``regex.search(text[:end])`` without copying the prefix, started no earlier than a title can start.

    A title ends in a run of spaces right before ``end``, and is at most ``width`` characters before the run:
    starting the search there gives the same leftmost match (look-behinds still see the earlier text).
    """
    if width is None:
        return regex.search(text, 0, end)
    run = end
    while run > 0 and text[run - 1] in _TITLE_SPACE:
        run -= 1
    if run == end:
        return None
    return regex.search(text, max(0, run - width), end)


# --- helpers -------------------------------------------------------------------------------------


def _scan_range(text: str, item: dict, line: int) -> tuple[int, int, str]:
    """The part of a line to scan and its field: a headline's title without its (outlet, date) byline."""
    title = str(item.get("title") or "")
    if item["section"] != "lead" and line == int(item["line_start"]) and title:
        at = text.find(title)
        return (at, at + len(title), "title") if at >= 0 else (0, len(text), "title")
    return 0, len(text), "body"


def _year(published) -> object:
    """The year of an ISO date string, or pd.NA when the page gives no date."""
    text = "" if published is None or published is pd.NA else str(published)
    return int(text[:4]) if re.match(r"\d{4}-", text) else pd.NA


def _item_info(articles: pd.DataFrame) -> dict[str, tuple[str, object]]:
    """item_id -> (outlet, year)."""
    return {
        r["item_id"]: (str(r["outlet"] or ""), _year(r["published"]))
        for r in records(articles[["item_id", "outlet", "published"]].fillna(""))
    }


def _resolve_overlaps(candidates: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Non-overlapping (start, end, k), in order: longest first, then leftmost, then vocabulary order. A match
    taken marks its characters (an empty one its offset), so each candidate costs a scan of its own span: linear
    in the line however many hits it holds (a list kept sorted by insertion cost the square of the hits)."""
    if len(candidates) < 2:
        return candidates  # most lines: nothing to resolve
    size = max(end for _, end, _ in candidates) + 1
    used, points, starts = bytearray(size), bytearray(size), set()  # characters, empty matches, starts taken
    taken = []
    for start, end, k in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0], c[2])):
        if start < end:
            if used.find(1, start, end) >= 0 or points.find(1, start + 1, end) >= 0:
                continue
            used[start:end] = b"\x01" * (end - start)
            starts.add(start)
        elif start > 0 and used[start - 1] and used[start] and start not in starts:
            continue  # an empty match inside a match taken
        else:
            points[start] = 1
        taken.append((start, end, k))
    return sorted(taken)


def _entity_mentions(mentions: pd.DataFrame, entity_id: str) -> pd.DataFrame:
    """The mentions of one entity, in page order."""
    rows = mentions[mentions["entity_id"] == entity_id]
    return rows.sort_values(["line", "start"], kind="stable").reset_index(drop=True)


# --- titles --------------------------------------------------------------------------------------


def titles_before(
    page: Page,
    mentions: pd.DataFrame,
    entity_id: str = "haftar",
    labels: pd.DataFrame | None = None,
    articles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per mention of the entity with the title written right before it (or NO_TITLE).

    ``span`` is the title verbatim and ``start``/``end`` its offsets in the line; for a mention without
    a title ``span`` is empty and ``start == end == mention_start``. When several title patterns end right
    before the name the longest wins ("Field Marshal" over "Marshal", "retired general" over "general").
    """
    vocab = load_labels() if labels is None else validate_labels(labels)
    titles = _TitleFinder([(r.label, r.pattern, r.case) for r in vocab[vocab["kind"] == "title"].itertuples()])
    info = _item_info(articles) if articles is not None else {}
    rows = []
    for m in records(_entity_mentions(mentions, entity_id)):
        line, start = int(m["line"]), int(m["start"])
        text = page.lines[line - 1]
        best = titles.before(text, start)
        outlet, year = info.get(m["item_id"], ("", pd.NA))
        if best:
            label, t_start, span = best
            rows.append(
                (m["item_id"], outlet, year, m["surface"], label, span, line, t_start, t_start + len(span), start)
            )
        else:
            rows.append((m["item_id"], outlet, year, m["surface"], NO_TITLE, "", line, start, start, start))
    out = pd.DataFrame(rows, columns=TITLE_COLUMNS)
    return out.astype({"year": "Int64", "line": "int64", "start": "int64", "end": "int64", "mention_start": "int64"})


# --- labels --------------------------------------------------------------------------------------


def _label_hits(
    text: str,
    lo: int,
    hi: int,
    vocab: list[_Label],
    targets: list[tuple[int, int]],
    candidates: list[tuple[int, int]] | None = None,
) -> list[tuple[int, int, int]]:
    """Label matches in text[lo:hi] that satisfy their scope, overlaps resolved. Only the ``candidates`` (index in
    ``vocab``, offset of text where a match can first start; default: ``_LiteralStarts.candidates``) are searched."""
    if candidates is None:
        candidates = _LiteralStarts([v.regex for v in vocab]).candidates(text)
    within = None
    found = []
    folded = searchable(text)
    for k, first in candidates:
        entry = vocab[k]
        for m in _label_matches(entry.regex, text, first, folded):
            if not (lo <= m.start() and m.end() <= hi):
                continue
            if entry.scope == "sentence":
                within = within or _TargetIndex.build(sentence_spans(text, lo, hi), targets)
                if not within.has_target(m.start(), m.end()):
                    continue
            found.append((m.start(), m.end(), k))
    return _resolve_overlaps(found)


def _label_matches(regex: re.Pattern, text: str, first: int, folded: str | None) -> Iterable[re.Match]:
    """``regex.finditer(text, first)`` (its look-behind still sees text[:first]). For a label with one literal start
    on a line whose folding (``folded``) kept its length, the regex is tried only where that start stands in the
    folded line (``literals.matches_at``), as every match starts there (see ``_LiteralStarts``)."""
    starts = _starts_of(regex)
    if folded is not None and len(folded) == len(text) and len(starts) == 1 and starts[0]:
        return matches_at(regex, text, folded, starts[0])
    return regex.finditer(text, first)


@dataclass(frozen=True)
class _TargetIndex:
    """A line's sentences and target mentions, indexed once: is there a target in the sentence of a match?"""

    starts: list[int]
    sentences: list[tuple[int, int]]
    target_starts: list[int]
    min_end_from: list[float]  # min end of the targets from the i-th (by start) on

    @classmethod
    def build(cls, sentences: list[tuple[int, int]], targets: list[tuple[int, int]]) -> _TargetIndex:
        ordered = sorted(targets)
        ends: list[float] = [float("inf")] * (len(ordered) + 1)
        for i in range(len(ordered) - 1, -1, -1):
            ends[i] = min(ends[i + 1], ordered[i][1])
        return cls([s for s, _ in sentences], sentences, [s for s, _ in ordered], ends)

    def has_target(self, start: int, end: int) -> bool:
        """Whether a target lies wholly in the first sentence holding ``start`` (or in the match itself)."""
        s, e = start, end
        i = bisect_right(self.starts, start) - 1  # the sentences are in order and do not overlap
        if i >= 0 and start < self.sentences[i][1]:
            s, e = self.sentences[i]
        return self.min_end_from[bisect_left(self.target_starts, s)] <= e


@dataclass(frozen=True)
class _Label:
    """One searchable row of the label vocabulary: the label, whom it describes, its kind, regex and scope."""

    label: str
    applies_to: str
    kind: str
    regex: re.Pattern
    scope: str


def _vocabulary(labels: pd.DataFrame | None) -> list[_Label]:
    """The non-title rows of a label table, each with its compiled regex."""
    table = load_labels() if labels is None else validate_labels(labels)
    rows = table[table["kind"] != "title"]
    return [
        _Label(r.label, r.applies_to, r.kind, label_regex(r.label, r.pattern, r.case), r.scope)
        for r in rows.itertuples()
    ]


def _unanchored(pattern: str) -> str:
    """A label regex without its leading ``(?<!\\w)``: it matches wherever the label does, and more."""
    return pattern.removeprefix(_WORD_START)


_WORD_START = r"(?<!\w)"


class _LiteralStarts:
    """Which labels may match a line: those whose literal start (``_starts_of``) the case-folded line holds, found in
    one pass (``literals.LiteralGate``), and from where. Never leaves out a label whose regex would match (a
    superset), so it only spares the label regexes the lines, labels and the part of a line before any start that
    cannot match."""

    def __init__(self, regexes: list[re.Pattern]):
        self.per_label = [_starts_of(r) for r in regexes]
        self.starts = [start for starts in self.per_label for start in starts]
        self.usable = bool(self.starts) and all(self.starts)
        self.gate = LiteralGate(self.per_label)

    def maybe(self, text: str) -> bool:
        """False only when no label can match text."""
        return not self.usable or bool(self.gate.candidates(text))

    def candidates(self, text: str) -> list[tuple[int, int]]:
        """The labels that may match text, as (index, offset where a match can first start), in vocabulary order."""
        folded = searchable(text)
        if folded is None:
            return [(k, 0) for k in self.gate.everyone]
        # a match starts where its start stands in the folded line, at the same offset when folding kept the length
        aligned = len(folded) == len(text)
        found = []
        for k in self.gate.of_folded(folded):
            starts = self.per_label[k]  # ('',): no literal start, found at 0 (searched from the line's start)
            at = folded.find(starts[0]) if len(starts) == 1 else _first_found(folded, starts)
            if at >= 0:
                found.append((k, at if aligned else 0))
        return found


def _first_found(folded: str, starts: tuple[str, ...]) -> int:
    """Where the first of some texts first stands in folded, -1 if none does."""
    return min((i for i in map(folded.find, starts) if i >= 0), default=-1)


@lru_cache(maxsize=1024)
def _starts_of(regex: re.Pattern) -> tuple[str, ...]:
    """``_literal_starts`` of a label regex, worked out once per regex."""
    return tuple(_literal_starts(regex))


def _literal_starts(regex: re.Pattern) -> list[str]:
    """The ASCII texts one of which every match of a regex starts with, case-folded (['']: no literal start). A
    set of at most four characters (``[- ]``) gives one text per character."""
    out = [""]
    for op, arg in re._parser.parse(regex.pattern, regex.flags):
        if op in (re._constants.ASSERT, re._constants.ASSERT_NOT) and out == [""]:
            continue  # a look-behind or look-ahead before the first character consumes nothing
        if op is re._constants.LITERAL and arg < 128:
            out = [o + chr(arg) for o in out]
        elif op is re._constants.IN and len(arg) <= 4 and all(o is re._constants.LITERAL and a < 128 for o, a in arg):
            out = [o + chr(a) for o in out for _, a in arg]
        else:
            break
    return [o.casefold() for o in out]


def label_counts(
    page: Page,
    articles: pd.DataFrame,
    labels: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    entity_id: str = "haftar",
) -> pd.DataFrame:
    """Every label of the vocabulary found in the items' titles and bodies, one row per hit, by (line, start).

    ``mentions`` (default: found now with ``find_mentions``) locate the target entity for labels of
    ``sentence`` scope. Title rows of the vocabulary are not searched here (see ``titles_before``).
    """
    vocab = _vocabulary(labels)
    if mentions is None:
        mentions = find_mentions(page, articles)
    targets: dict[int, list[tuple[int, int]]] = {}
    for line, start, end in columns(_entity_mentions(mentions, entity_id), ["line", "start", "end"]):
        targets.setdefault(int(line), []).append((int(start), int(end)))
    starts = _LiteralStarts([v.regex for v in vocab])
    # a label without a literal start makes every line a candidate: then one pass of all the labels first (without
    # their leading look-behinds, which halves its time: a superset of the vocabulary's matches)
    anywhere = None
    if not starts.usable:
        anywhere = re.compile("|".join(f"(?:{_unanchored(v.regex.pattern)})" for v in vocab) or r"(?!)", re.IGNORECASE)
    rows = []
    for item in records(articles):
        outlet, year = str(item.get("outlet") or ""), _year(item.get("published"))
        for line, text in item_lines(page, item):
            candidates = starts.candidates(text)
            if not candidates or (anywhere is not None and not anywhere.search(text)):
                continue
            lo, hi, field = _scan_range(text, item, line)
            for start, end, k in _label_hits(text, lo, hi, vocab, targets.get(line, []), candidates):
                label, applies_to, kind = vocab[k].label, vocab[k].applies_to, vocab[k].kind
                rows.append(
                    (item["item_id"], outlet, year, label, applies_to, kind, field, line, start, end, text[start:end])
                )
    out = pd.DataFrame(rows, columns=HIT_COLUMNS).sort_values(["line", "start"], kind="stable").reset_index(drop=True)
    return out.astype({"year": "Int64", "line": "int64", "start": "int64", "end": "int64"})


def framing_labels(page: Page, boilerplate: pd.DataFrame, labels: pd.DataFrame | None = None) -> pd.DataFrame:
    """Labels in the post title (boilerplate ``page_title`` lines): the compiler's own framing, not an outlet's."""
    vocab = [v for v in _vocabulary(labels) if v.scope == "item"]
    rows = []
    for line in sorted(int(x) for x in boilerplate.loc[boilerplate["kind"] == "page_title", "line"]):
        text = page.lines[line - 1]
        for start, end, k in _label_hits(text, 0, len(text), vocab, []):
            rows.append((line, vocab[k].label, vocab[k].applies_to, start, end, text[start:end]))
    return pd.DataFrame(rows, columns=FRAMING_COLUMNS).astype({"line": "int64", "start": "int64", "end": "int64"})


def label_tables(
    page: Page, articles: pd.DataFrame, boilerplate: pd.DataFrame, mentions: pd.DataFrame, entity_id: str = "haftar"
) -> dict[str, pd.DataFrame]:
    """The published tables of this module: titles before the entity's name, label uses in items, post-title labels."""
    return {
        "titles": titles_before(page, mentions, entity_id, None, articles),
        "label_uses": label_counts(page, articles, None, mentions, entity_id),
        "framing_labels": framing_labels(page, boilerplate),
    }
