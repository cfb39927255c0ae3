"""The marks of framing and copy-and-paste a reader should discount, read from the page, and a verbatim check.

Published tables (made one by one in ``pipeline.tables_as_made``), every row pointing back to its page line:

- ``framing_terms``: loaded words searched as word starts (``terror`` finds ``terrorists``); a term written in
  lower case matches any case, a term with capitals matches exactly; the post title is searched once;
- ``shouted_words``: all-capital words that are neither a recognised name (a row of ``mentions``) nor a
  common abbreviation (``ACRONYMS``);
- ``web_debris``: excerpt lines that match a known web-page phrase (``DEBRIS_PATTERNS``), and *crossheads*:
  short excerpt lines without closing punctuation (a subheading of the original article);
- ``verbatim_checks``: for each table that quotes the page, how many rows point to text found where they say.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from libyabook.extract.corpus import Page, item_lines
from libyabook.extract.literals import matches_at, searchable
from libyabook.extract.rows import columns, records
from libyabook.extract.text import sentence_spans

#: Common abbreviations written in capitals that are not emphasis (countries, agencies, outlets, groups).
ACRONYMS = frozenset(
    {
        "ABC",
        "AFP",
        "AP",
        "BBC",
        "CIA",
        "CNN",
        "EU",
        "FBI",
        "GNA",
        "GNC",
        "HOR",
        "ICC",
        "IOM",
        "IS",
        "ISIL",
        "ISIS",
        "LNA",
        "MSF",
        "NATO",
        "NGO",
        "NGOS",
        "NYT",
        "UAE",
        "UK",
        "UN",
        "UNHCR",
        "UNSC",
        "US",
        "USA",
    }
)

#: Phrases of web-page furniture that a copy-and-paste carries into an excerpt (matched case-blind at the start
#: of a line or of a sentence; the debris runs from there to the end of the line), by the word each starts with:
#: a line without one of these words is not split into sentences (``_debris_at_a_sentence_start``).
DEBRIS_PATTERNS = {
    "continue": r"continue reading\b",
    "graphic": r"graphic (footage|video) (follows|below)\b",
    "footage": r"footage (follows|below)\b",
    "video": r"video (follows|below)\b",
    "advertisement": r"advertisement$",
    "read": r"read more\b",
    "click": r"click here\b",
    "tap": r"tap here\b",
    "related": r"related (articles?|stories|coverage)\b",
    "share": r"share (this|on)\b",
    "image": r"image (copyright|caption)\b",
    "photo": r"photo (copyright|caption)\b",
}
_DEBRIS = re.compile("(?:" + "|".join(DEBRIS_PATTERNS.values()) + ")", re.I)
_CLOSING = re.compile(r"[.!?…:;,]+[”\"’']*$")
#: Two or more capitals, not inside a word: ``(?<![\w’'-])[A-Z]{2,}(?![\w’'-])``, written to start with a capital
#: so that the regex engine skips to the capitals of a line instead of trying every position.
_CAPS = re.compile(r"[A-Z](?<![\w’'-][A-Z])[A-Z]+(?![\w’'-])")

#: Words whose use is a choice of framing: loaded, labelling or distancing terms (searched by ``find_terms``).
FRAMING_TERMS = ("Langley", "CIA", "evil", "renegade", "so-called", "self-styled", "militia", "terror", "jihad")


class _QuoteFinder:
    """Is a quote on the page, its first line at line[start:]? Looked for where the quotes table says it is first,
    so that the page text is searched (and joined, once) only for a quote not found there: linear in the page."""

    def __init__(self, page: Page):
        self.lines = page.lines
        self.page = page
        self.text: str | None = None

    def __call__(self, quote: str, n: int, start: int) -> bool:
        lines = self.lines
        first = quote.split("\n", 1)[0]
        if not 0 < n <= len(lines):
            return False
        line = lines[n - 1]
        if not (line.startswith(first, start) if start <= len(line) else first == ""):
            return False
        if self._at(quote, n, start):
            return True
        if self.text is None:
            self.text = self.page.text
        return quote in self.text

    def _at(self, quote: str, n: int, start: int) -> bool:
        """The page text from column start of line n is the quote (across lines when it holds line breaks)."""
        parts, lines = quote.split("\n"), self.lines
        if start < 0 or start > len(lines[n - 1]) or n - 1 + len(parts) > len(lines):
            return False
        if len(parts) == 1:
            return lines[n - 1].startswith(quote, start)
        last = n - 2 + len(parts)
        return (
            len(lines[n - 1]) - start == len(parts[0])
            and lines[n - 1].startswith(parts[0], start)
            and all(lines[n - 1 + k] == parts[k] for k in range(1, len(parts) - 1))
            and lines[last].startswith(parts[-1])
        )


#: What each quoting table's check asks, in the row order of ``verbatim_checks``.
VERBATIM_RULES = {
    "mentions": "surface == line[start:end]",
    "quotes": "quote on the page, first line at line[start:]",
    "claims": "span == line[start:end]",
    "events": "evidence inside its source item",
}


def verbatim_row(page: Page, name: str, table: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The ``verbatim_checks`` row of one table (``articles`` with bodies is read for ``events`` only): each table
    can be checked as soon as it is made, and dropped."""
    ok = _verbatim_flags(page, name, table, articles)
    return pd.DataFrame(
        [{"table": name, "rows": len(ok), "verbatim": int(sum(ok)), "check": VERBATIM_RULES[name]}],
        columns=["table", "rows", "verbatim", "check"],
    )


def _verbatim_flags(page: Page, name: str, table: pd.DataFrame, articles: pd.DataFrame) -> list[bool]:
    """For each row of one quoting table, whether the text it quotes is on the page where it says."""
    lines = page.lines

    def at(line, start, end, s):
        return 0 < int(line) <= len(lines) and lines[int(line) - 1][int(start) : int(end)] == s

    if name == "mentions":
        return [at(*r) for r in columns(table, ["line", "start", "end", "surface"])]
    if name == "claims":
        return [at(*r) for r in columns(table, ["line", "start", "end", "span"])]
    if name == "quotes":
        found = _QuoteFinder(page)
        return [found(q, int(n), int(s)) for q, n, s in columns(table, ["quote", "line", "start"])]
    cited = articles[articles["item_id"].isin(set(table["source_item"]))]  # only the items events cite
    bodies = dict(zip(cited["item_id"], cited["title"].fillna("") + "\n" + cited["body"].fillna("")))
    return [e in bodies.get(s, "") for e, s in columns(table, ["evidence", "source_item"])]


def _item_segments(page: Page, articles: pd.DataFrame) -> Iterable[tuple[dict, str, int, int, int]]:
    """(item, field, line, start, end) for every piece of an item's text: its headline and each body line."""
    needed = ["item_id", "section", "title", "outlet", "published", "line_start", "line_end"]
    for item in records(articles.sort_values("position", kind="mergesort"), needed):
        lead = item["section"] == "lead"
        headline = -1 if lead else int(item["line_start"])  # the line of the title (a lead has none)
        field = "lead" if lead else "excerpt"
        for n, text in item_lines(page, item):
            if n == headline:
                title = str(item["title"] or "")
                s = text.find(title) if title else -1
                if s >= 0:
                    yield item, "headline", n, s, s + len(title)
            else:
                yield item, field, n, 0, len(text)


def shouted_words(page: Page, articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """All-capital words used for emphasis (not a recognised name, not a common abbreviation), in page order."""
    capitals = [
        (item, field, n, m)
        for item, field, n, s, e in _item_segments(page, articles)
        for m in _CAPS.finditer(page.lines[n - 1], s, e)
        if m.group().upper() not in ACRONYMS
    ]
    wanted = {n for _, _, n, _ in capitals}  # the mentions of the other lines cannot cover a capital
    named: dict[int, list[tuple[int, int]]] = {}
    for line, start, end in columns(mentions, ["line", "start", "end"]):
        if line in wanted:
            named.setdefault(int(line), []).append((int(start), int(end)))
    rows = [
        {
            "item_id": item["item_id"],
            "outlet": item["outlet"],
            "field": field,
            "word": m.group(),
            "line": n,
            "start": m.start(),
            "end": m.end(),
        }
        for item, field, n, m in capitals
        if not any(a <= m.start() and m.end() <= b for a, b in named.get(n, ()))
    ]
    return pd.DataFrame(rows, columns=["item_id", "outlet", "field", "word", "line", "start", "end"])


def _debris_at_a_sentence_start(text: str) -> re.Match | None:
    """The first DEBRIS_PATTERNS phrase that opens a sentence of text (text.sentence_spans), or None; a text
    without any of their opening words has none, and is not split."""
    folded = searchable(text)
    if folded is not None and not any(map(folded.__contains__, DEBRIS_PATTERNS)):
        return None
    return next((m for s, _ in sentence_spans(text) if (m := _DEBRIS.match(text, s))), None)


def web_debris(page: Page, articles: pd.DataFrame, max_words: int = 8) -> pd.DataFrame:
    """Excerpt text that is web-page furniture or a subheading of the original article, not its prose, in page order.

    ``web debris``: a DEBRIS_PATTERNS phrase at the start of a line or sentence, up to the end of the line.
    ``crosshead``: a whole excerpt line of at most ``max_words`` words without closing punctuation.
    """
    rows = []
    for item, field, n, _, _ in _item_segments(page, articles):
        if field != "excerpt":
            continue
        text = page.lines[n - 1]
        stripped = text.rstrip()
        first = len(text) - len(text.lstrip())
        core_start = len(stripped) - len(stripped.lstrip(" \t“”\"‘’'"))
        core = stripped[core_start:].rstrip("“”\"‘’'")
        m = _debris_at_a_sentence_start(core)
        if m:
            kind, start = "web debris", core_start + m.start()
        elif len(core.split(None, max_words)) <= max_words and not _CLOSING.search(stripped):
            kind, start = "crosshead", first
        else:
            continue
        rows.append(
            {
                "item_id": item["item_id"],
                "outlet": item["outlet"],
                "kind": kind,
                "text": stripped[start:],
                "line": n,
                "start": start,
                "end": len(stripped),
            }
        )
    return pd.DataFrame(rows, columns=["item_id", "outlet", "kind", "text", "line", "start", "end"])


def _term_pattern(term: str) -> re.Pattern:
    """A term as a word start: lower-case terms match any case, terms with capitals match exactly."""
    flags = re.I if term == term.lower() else 0
    return re.compile(rf"(?<!\w){re.escape(term)}[\w-]*", flags)


def _term_matches(pattern: re.Pattern, text: str, s: int, e: int, folded: str | None, term: str) -> Iterable:
    """What ``pattern.finditer(text, s, e)`` finds; in an ASCII segment (``folded``: its ``searchable`` text, a
    column each) tried only where the folded term is, since a match of the term starts with it."""
    if folded is None:
        return pattern.finditer(text, s, e)
    return matches_at(pattern, text, folded, term, shift=s, endpos=e)


def find_terms(
    page: Page, articles: pd.DataFrame, boilerplate: pd.DataFrame, terms: Iterable[str] = FRAMING_TERMS
) -> pd.DataFrame:
    """Every occurrence of the given terms, and where: post title, lead, headline or excerpt, with outlet and date.

    The post title is searched once (a repeated title line is the same title). Sorted by line, start, term.
    """
    # a term is searched for only in a segment whose case-folded text holds it (``literals.searchable``)
    pats = [(t, _term_pattern(t), t.casefold()) for t in terms]
    folded_terms = [folded for _, _, folded in pats]
    segments: list[tuple[dict, str, int, int, int]] = []
    seen_titles = set()
    for r in boilerplate[boilerplate["kind"] == "page_title"].sort_values("line").itertuples():
        if r.text not in seen_titles:
            seen_titles.add(r.text)
            segments.append(
                (
                    {"item_id": "", "section": "page", "outlet": "", "published": ""},
                    "post title",
                    int(r.line),
                    0,
                    len(page.lines[int(r.line) - 1]),
                )
            )
    segments += list(_item_segments(page, articles))
    rows = []
    for item, field, n, s, e in segments:
        text = page.lines[n - 1]
        segment = text[s:e]
        folded = searchable(segment)
        if folded is not None and not any(map(folded.__contains__, folded_terms)):
            continue
        for term, pat, folded_term in pats:
            if folded is not None and folded_term not in folded:
                continue
            ascii_folded = folded if folded_term and folded_term.isascii() and segment.isascii() else None
            for m in _term_matches(pat, text, s, e, ascii_folded, folded_term):
                rows.append(
                    {
                        "term": term,
                        "surface": m.group(),
                        "where": field,
                        "item_id": item["item_id"],
                        "outlet": item["outlet"],
                        "published": item["published"] or "",
                        "line": n,
                        "start": m.start(),
                        "end": m.end(),
                    }
                )
    out = pd.DataFrame(
        rows, columns=["term", "surface", "where", "item_id", "outlet", "published", "line", "start", "end"]
    )
    return out.sort_values(["line", "start", "term"], kind="mergesort").reset_index(drop=True)
