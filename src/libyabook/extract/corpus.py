"""Read a compiled news page and split it into items (the `articles` table) and boilerplate lines.

The page format (see data/raw/README.md): the post title twice, a lead paragraph, the header
"Would you like to know more?", linked headlines ``Title (outlet, Mon D, YYYY)`` each optionally
followed by an excerpt, bare headlines of related posts, numbered updates
``  N. Title (outlet, Mon D, YYYY):`` with excerpt lines indented four spaces, and comment-form lines.
Every non-blank line ends up in exactly one item or one boilerplate row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from libyabook.errors import PageError
from libyabook.extract.rows import records
from libyabook.extract.text import MONTHS, SENTENCE_STOPS
from libyabook.extract.text import body_lines as text_body_lines

SECTION_HEADER = "Would you like to know more?"


_DATE = r"[A-Za-z]{3,9}\.? \d{1,2}, \d{4}"
#: The outlet is not blank: '( , May 22, 2014)' is a slip, not a headline without outlet.
_OUTLET = r"(?P<outlet>\s*[^()\s][^()]*?)"
LINKED_HEADER = re.compile(rf"^(?P<title>\S.*?) \({_OUTLET}, (?P<date>{_DATE})\)$")
#: An update's number fits the table's integer column with room to spare (a 2**63 one raised in pandas).
MAX_UPDATE_DIGITS = 9
UPDATE_START = re.compile(r"^ {1,3}(?P<number>\d+)\.\s")
#: The title ends in a character that is neither white space nor '(': 'Title ((CNN, ...)' is a slip, not 'Title ('.
UPDATE_HEADER = re.compile(
    rf"^ {{1,3}}(?P<number>\d+)\.\s+(?P<title>\S(?:.*?[^\s(])?)\s*\({_OUTLET}, (?P<date>{_DATE})\):?\s*$"
)
COMMENT_FORM = re.compile(
    r"^(Please enter your .*|Save my name, email, and website .*|Notify me of .*|Leave a Reply.*"
    r"|Post Comment|Cancel reply|Δ)$"
)
LEAD_OUTLET = re.compile(r"\b(?P<outlet>[A-Z][A-Za-z0-9]+)[’']s [A-Z][\w-]+(?: [A-Z][\w-]+)* reports\.?\s*$")

OPENING_QUOTES = "“\"‘'"
CLOSING_QUOTES = "”\"’'"
# A date near the end of a line, after an opening bracket of any kind: the line looks like a dated headline.
DATE_NEAR_END = re.compile(rf"{_DATE}(?P<after>\W*)$")
#: A whole '(outlet, Mon D, YYYY)' with a few characters glued to its ')' at the end of the line (')x', ')_').
GLUED_AFTER_GROUP = re.compile(rf"\([^()]+, {_DATE}\)(?P<after>\S.{{0,7}})$")
#: A date in another form than 'Mon D, YYYY' (ISO, numeric, a two-digit year, a time after it), in a last '(...)'.
ODD_DATE = re.compile(r"\d{4}-\d\d?-\d\d?|\d\d?/\d\d?/\d{2,4}|[A-Za-z]{3,9}\.? \d{1,2}, \d{1,4}\W")
OPENING_BRACKETS = "([{（［【〔"
ODD_BRACKETS = "[]{}（）［］【】〔〕"

ARTICLE_COLUMNS = [
    "item_id",
    "position",
    "section",
    "number",
    "title",
    "outlet",
    "published",
    "n_words",
    "line_start",
    "line_end",
    "body",
]
BOILERPLATE_COLUMNS = ["line", "kind", "text"]


@dataclass(frozen=True)
class Page:
    """A page as text lines (BOM and Windows line ends removed); line n is ``lines[n - 1]``."""

    path: str
    lines: tuple[str, ...]
    sha256: str

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


MAX_PAGE_BYTES = 50 * 1024 * 1024


def read_page(path: str | Path) -> Page:
    """Read a page file, checking it is non-empty UTF-8 of at most 50 MB; raise PageError naming the file otherwise.

    Every OSError (no such file, a folder, permission denied, a path below a file, a symlink loop...)
    becomes a PageError with the reason.
    """
    if not os.fspath(path):  # Path('') is '.', the working folder
        raise PageError("''", None, "is an empty path; expected a page file")
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_PAGE_BYTES + 1)
    except FileNotFoundError:
        raise PageError(str(path), None, "file not found; expected a page of the compiled-news format") from None
    except IsADirectoryError:
        raise PageError(str(path), None, "is a directory; expected a page file") from None
    except OSError as exc:
        raise PageError(
            str(path), None, f"cannot read ({exc.strerror or exc}); expected a readable page file"
        ) from None
    if len(raw) > MAX_PAGE_BYTES:
        raise PageError(
            str(path), None, f"larger than {MAX_PAGE_BYTES // 2**20} MB; expected a page of at most that size"
        )
    return page_from_bytes(raw, str(path))


def page_from_bytes(raw: bytes, name: str = "<page>") -> Page:
    """Decode page bytes into a Page: UTF-8 (optional BOM), any of LF / CRLF / CR line ends."""
    if not raw or raw.isspace():  # (not raw.strip(): no copy of the page)
        raise PageError(name, None, "file is empty; expected a page of the compiled-news format")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PageError(name, line, f"byte 0x{raw[exc.start]:02x} is not UTF-8; expected UTF-8 text") from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise PageError(name, line, "NUL character; expected plain text")
    return Page(name, tuple(text.split("\n")), hashlib.sha256(raw).hexdigest())


FIRST_YEAR = 1990


def parse_date(text: str, path: str, line: int) -> dt.date:
    """Parse ``Mon D, YYYY`` (any English month name or abbreviation, ``Sept`` too) or raise PageError."""
    m = re.fullmatch(r"([A-Za-z]+)\.? (\d{1,2}), (\d{4})", text.strip())
    month = MONTHS.get(m.group(1).lower()) if m else None
    if not m or month is None:
        raise PageError(path, line, f"date {text!r} is not 'Mon D, YYYY' with an English month")
    try:
        date = dt.date(int(m.group(3)), month, int(m.group(2)))
    except ValueError:
        raise PageError(path, line, f"date {text!r} is impossible; expected a real calendar date") from None
    if not date.year >= FIRST_YEAR or date > dt.date.today():
        raise PageError(
            path, line, f"date {text!r} is outside {FIRST_YEAR} to today; expected a plausible publication date"
        )
    return date


def _headline_like(text: str) -> bool:
    """A short line that does not end like a sentence: a bare headline rather than excerpt prose."""
    core = text.strip().rstrip("”\"’' ")
    return len(text.split()) <= 20 and not re.search(r"[.…,;:]$", core)


def parse_page(page: Page, bodies: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split a page into (articles, boilerplate) DataFrames; raise PageError if it is not of the format.

    ``bodies=False`` leaves out the ``body`` column (a second copy of the page text; ``with_bodies`` adds it)."""
    lines = page.lines
    nonblank = [i for i in range(1, len(lines) + 1) if lines[i - 1].strip()]
    if not nonblank:
        raise PageError(page.path, None, "file is empty; expected a page of the compiled-news format")
    boiler, items, header_line = _head(page, nonblank)
    # the rest: comment form at the very end, updates, linked and related headlines
    rest = [i for i in nonblank if i > header_line]
    tail = len(rest)
    while (
        tail and COMMENT_FORM.match(lines[rest[tail - 1] - 1].strip()) and not lines[rest[tail - 1] - 1].startswith(" ")
    ):
        tail -= 1
    boiler += [(i, "comment_form", lines[i - 1]) for i in rest[tail:]]
    rest = rest[:tail]
    first_update = next((k for k, i in enumerate(rest) if UPDATE_START.match(lines[i - 1])), len(rest))
    items += _parse_linked(page, rest[:first_update])
    items += _parse_updates(page, rest[first_update:])
    if bodies:
        for item in items:
            item["body"] = item_body(lines, item["section"], item["line_start"], item["line_end"])

    articles = pd.DataFrame(items, columns=[c for c in ARTICLE_COLUMNS if bodies or c != "body"])
    if articles.empty:
        raise PageError(page.path, None, "no items found; expected headlines or numbered updates")
    articles["position"] = range(1, len(articles) + 1)
    articles["item_id"] = _item_ids(articles)
    articles["number"] = articles["number"].astype("Int64")
    boilerplate = pd.DataFrame(sorted(boiler), columns=BOILERPLATE_COLUMNS)
    return articles, boilerplate


def _head(page: Page, nonblank: list[int]) -> tuple[list[tuple[int, str, str]], list[dict], int]:
    """The page's head: (boilerplate rows of the title, once or twice, and of the section header; the lead
    item if there is lead text; the section header's line). PageError when the head is not of the format."""
    lines = page.lines
    first = nonblank[0]
    title = lines[first - 1].strip()
    if LINKED_HEADER.match(title) or UPDATE_START.match(lines[first - 1]):
        raise PageError(page.path, first, "expected the post title, found a headline")
    boiler = [(first, "page_title", lines[first - 1])]
    try:
        header_line = next(i for i in nonblank if lines[i - 1].strip() == SECTION_HEADER)
    except StopIteration:
        raise PageError(
            page.path, None, f"no line {SECTION_HEADER!r}; expected a page of the compiled-news format"
        ) from None
    boiler.append((header_line, "section_header", lines[header_line - 1]))
    lead_lines = [i for i in nonblank if first < i < header_line]
    if lead_lines and lines[lead_lines[0] - 1].strip() == title:
        boiler.append((lead_lines[0], "page_title", lines[lead_lines[0] - 1]))
        lead_lines = lead_lines[1:]
    for i in lead_lines:
        if LINKED_HEADER.match(lines[i - 1].strip()) or UPDATE_START.match(lines[i - 1]):
            raise PageError(page.path, i, f"headline before {SECTION_HEADER!r}; expected lead text")
    if not lead_lines:
        return boiler, [], header_line
    m = LEAD_OUTLET.search(lines[lead_lines[-1] - 1])
    outlet = m.group("outlet") if m else ""
    lead = _item(page, "lead", None, "", outlet, None, lead_lines[0], lead_lines[-1])
    return boiler, [lead], header_line


def _item(
    page: Page,
    section: str,
    number: int | None,
    title: str,
    outlet: str,
    published: dt.date | None,
    line_start: int,
    line_end: int,
) -> dict:
    """One articles row without its body (``item_body``): the item's fields and the words of its body."""
    return {
        "item_id": "",
        "position": 0,
        "section": section,
        "number": number,
        "title": title,
        "outlet": outlet,
        "published": published.isoformat() if published else "",
        "n_words": sum(len(text.split()) for text in page.lines[_body_start(section, line_start) - 1 : line_end]),
        "line_start": line_start,
        "line_end": line_end,
    }


def _body_start(section: str, line_start: int) -> int:
    """The first line an item's body can start on: the lead's first line, the line after anyone else's title."""
    return line_start + (0 if section == "lead" else 1)


def item_body(lines: tuple[str, ...], section: str, line_start: int, line_end: int) -> str:
    """An item's body (articles.body): the verbatim page lines from its first non-blank body line to line_end,
    newlines kept; empty for a bare headline."""
    start = _body_start(section, int(line_start))
    while start <= line_end and not lines[start - 1].strip():
        start += 1
    return "\n".join(lines[start - 1 : int(line_end)])


def with_bodies(page: Page, articles: pd.DataFrame) -> pd.DataFrame:
    """articles (made with ``parse_page(page, bodies=False)``) with the ``body`` column, in published order."""
    rows = zip(articles["section"], articles["line_start"], articles["line_end"])
    return articles.assign(body=[item_body(page.lines, *row) for row in rows]).reindex(columns=ARTICLE_COLUMNS)


def items_by_source(articles: pd.DataFrame) -> dict[tuple[str, str], list[dict]]:
    """Dated items keyed by (outlet casefolded, publication date): how a reference row (events, disagreements)
    names its item."""
    by_source: dict[tuple[str, str], list[dict]] = {}
    for item in records(articles):
        if str(item["published"]):
            by_source.setdefault((str(item["outlet"]).strip().casefold(), str(item["published"])), []).append(item)
    return by_source


def closes_sentence(text: str, quoted: bool) -> bool:
    """The line ends a sentence: . ! ? or … then closing quotes (at least one when the excerpt is quoted)."""
    core = text.rstrip(CLOSING_QUOTES)
    return bool(core) and core[-1] in SENTENCE_STOPS and (not quoted or len(core) < len(text))


def headline_slip(text: str) -> str | None:
    """What is wrong with a line that looks like a dated headline but is not one; None if it is fine.

    It looks like one when a date ``Mon D, YYYY`` sits at the end (give or take a few marks) after an
    opening bracket, or when its last parenthesis holds a comma and ends in a year. Linear in the line.
    """
    if LINKED_HEADER.match(text):
        return None
    glued = GLUED_AFTER_GROUP.search(text)
    if glued:
        return f"{glued.group('after')!r} after the closing ')'; expected the line to end there"
    m = DATE_NEAR_END.search(text)
    opener = max(text.rfind(b, 0, m.start()) for b in OPENING_BRACKETS) if m else -1
    k = text.rfind("(")
    tail = text[k:] if k >= 0 else ""
    one_group = tail.endswith(")") and tail.count(")") == 1 and "," in tail
    year_group = one_group and ("," in tail[:-5] and tail[-5:-1].isdigit() or ODD_DATE.search(tail) is not None)
    if opener < 0 and m and m.group("after").startswith(")") and not year_group:
        return "no '(' before the outlet; expected '(outlet, Mon D, YYYY)'"
    if opener < 0 and not year_group:
        return None
    if opener >= 0 and (text[opener] != "(" or any(c in ODD_BRACKETS for c in text[opener:])):
        return "square, curly or full-width brackets; expected round ones"
    after = m.group("after") if opener >= 0 else ")"
    if not after.startswith(")"):
        return f"{after!r} after the date; expected ')' to follow it" if after else "no ')' after the date"
    if after != ")":
        return f"{after[1:]!r} after the closing ')'; expected the line to end there"
    return "expected '(outlet, Mon D, YYYY)': an outlet without parentheses, ', ' and the date"


def _parse_linked(page: Page, block: list[int]) -> list[dict]:
    """Linked headlines (with outlet and date, maybe an excerpt) and bare related headlines.

    A line that looks like a dated headline but does not parse is an error, never a related headline.
    """
    lines, items = page.lines, []
    for i in block:
        slip = headline_slip(lines[i - 1].strip())
        if slip:
            raise PageError(
                page.path,
                i,
                f"headline ends in a malformed '(outlet, Mon D, YYYY)': {slip}; "
                f"expected 'Title (outlet, Mon D, YYYY)' (line ends {lines[i - 1].strip()[-50:]!r})",
            )
    k = 0
    while k < len(block):
        i = block[k]
        text = lines[i - 1].strip()
        if lines[i - 1].startswith("    "):
            raise PageError(page.path, i, "indented text before any numbered update; expected a headline or excerpt")
        m = LINKED_HEADER.match(text)
        if not m:
            items.append(_item(page, "related", None, text, "", None, i, i))
            k += 1
            continue
        published = parse_date(m.group("date"), page.path, i)
        end = k
        if k + 1 < len(block) and not LINKED_HEADER.match(lines[block[k + 1] - 1].strip()):
            first_body = lines[block[k + 1] - 1].strip()
            if first_body[:1] in OPENING_QUOTES or not _headline_like(first_body):
                end = k + 1
                quoted = first_body[:1] in OPENING_QUOTES
                while end + 1 < len(block):
                    nxt = lines[block[end + 1] - 1].strip()
                    if LINKED_HEADER.match(nxt):
                        break
                    if _headline_like(nxt) and closes_sentence(lines[block[end] - 1].strip(), quoted):
                        break
                    end += 1
        items.append(
            _item(
                page,
                "linked",
                None,
                m.group("title"),
                m.group("outlet").strip(),
                published,
                i,
                block[end] if end > k else i,
            )
        )
        k = end + 1
    return items


def _parse_updates(page: Page, block: list[int]) -> list[dict]:
    """Numbered updates: a two-space header with (outlet, date) and four-space-indented excerpt lines."""
    lines, items = page.lines, []
    current: dict | None = None
    for i in block:
        raw = lines[i - 1]
        if UPDATE_START.match(raw):
            m = UPDATE_HEADER.match(raw)
            if not m:
                raise PageError(
                    page.path,
                    i,
                    "update header without '(outlet, Mon D, YYYY):'; expected '  N. Title (outlet, Mon D, YYYY):'",
                )
            if len(m.group("number")) > MAX_UPDATE_DIGITS:
                digits = len(m.group("number"))
                raise PageError(page.path, i, f"update number of {digits} digits; expected at most {MAX_UPDATE_DIGITS}")
            current = {
                "number": int(m.group("number")),
                "title": m.group("title"),
                "outlet": m.group("outlet").strip(),
                "published": parse_date(m.group("date"), page.path, i),
                "start": i,
                "end": i,
            }
            items.append(current)
        elif raw.startswith("    ") and current is not None:
            current["end"] = i
        else:
            raise PageError(
                page.path,
                i,
                "expected an update header '  N. Title (outlet, Mon D, YYYY):', "
                "an excerpt line indented four spaces, or the comment form",
            )
    return [
        _item(page, "update", c["number"], c["title"], c["outlet"], c["published"], c["start"], c["end"]) for c in items
    ]


def _item_ids(articles: pd.DataFrame) -> list[str]:
    """Stable ids: ``lead``, ``linked-01``..., ``related-01``..., ``update-01``... in page order."""
    ids, counts = [], {}
    for section in articles["section"]:
        counts[section] = counts.get(section, 0) + 1
        ids.append("lead" if section == "lead" and counts[section] == 1 else f"{section}-{counts[section]:02d}")
    return ids


def item_lines(page: Page, item: pd.Series | dict) -> list[tuple[int, str]]:
    """The (line number, text) pairs of an item's title and body lines, blank lines left out."""
    return [
        (i, page.lines[i - 1])
        for i in range(int(item["line_start"]), int(item["line_end"]) + 1)
        if page.lines[i - 1].strip()
    ]


def body_lines(page: Page, item: pd.Series | dict) -> list[tuple[int, str]]:
    """The (line number, text) pairs of an item's body (excerpt or lead) lines, without the title line."""
    return text_body_lines(page.lines, item)


def line_map(page: Page, articles: pd.DataFrame, boilerplate: pd.DataFrame) -> pd.DataFrame:
    """Who owns each page line: an item (with its section), boilerplate (with its kind), or nobody (blank).

    The no-line-lost property reads off this table: every non-blank line has exactly one owner.
    """
    blank, unowned = ("blank", "", ""), ("unowned", "", "")
    owners = [unowned if not text.isspace() and text else blank for text in page.lines]  # one owner per line
    for r in boilerplate.itertuples():
        owners[int(r.line) - 1] = ("boilerplate", r.kind, "")
    for r in articles.itertuples():
        item = ("item", r.section, r.item_id)
        for line in range(int(r.line_start), int(r.line_end) + 1):
            text = page.lines[line - 1]
            if text and not text.isspace():
                owners[line - 1] = item
    # built column by column: no row tuple per line (a 23 MB page has 264,000 lines)
    return pd.DataFrame(
        {
            "line": range(1, len(page.lines) + 1),
            "role": [o[0] for o in owners],
            "part": [o[1] for o in owners],
            "item_id": [o[2] for o in owners],
            "n_chars": [len(text) for text in page.lines],
        }
    )
