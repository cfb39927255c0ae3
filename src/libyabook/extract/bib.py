"""A BibTeX file with one entry per item of the page, so chapters can cite an item by its item_id.

Written as pybtex's BibTeX writer writes it (fields in order, each value in double quotes, or in braces when it
holds a double quote), but directly: the values are page text whose braces are already gone, so pybtex's brace
checks and entry objects cost time and nothing else (tests parse the file back with pybtex). Each title is wrapped
in one more pair of braces so that bibliography styles print a headline with its own capitals ("US distances itself
from renegade Libyan general", "SECRET ARMY"), not lower-cased.
"""

from __future__ import annotations

import re

import pandas as pd

from libyabook.extract.text import MONTH_NAMES

_BIB_SPECIAL = re.compile(r"([&%$#_])")
_KINDS = {
    "lead": "Lead paragraph",
    "linked": "Linked headline",
    "related": "Related-post headline, no outlet or date given",
}


def _encode(text: str) -> str:
    """Encode the LaTeX specials plain page text can hold (& % $ # _): the file is UTF-8, braces and backslashes
    are already gone (``bib_escape``)."""
    return _BIB_SPECIAL.sub(r"\\\1", text)


def _quote(value: str) -> str:
    """A field value as pybtex's writer quotes it: in double quotes, or in braces when it holds a double quote."""
    return f'"{value}"' if '"' not in value else "{" + value + "}"


def bib_escape(text: str) -> str:
    """Page text made safe for a BibTeX field: braces, backslashes and TeX accents dropped (no markup survives,
    braces cannot unbalance), white space collapsed; the writer then encodes & % $ # _ for LaTeX."""
    text = re.sub(r"[{}\\^~]", " ", str(text))
    return re.sub(r"\s+", " ", text).strip()


def protect(title: str) -> str:
    """A title in one more pair of braces: styles keep its capitals as printed."""
    return "{" + bib_escape(title) + "}"


def _fields(row, outlet_names: dict[str, str]) -> dict[str, str]:
    """The BibTeX fields of one item: title, outlet, date, kind and page lines."""
    fields = {"title": protect(row.title or "Lead paragraph of the page (credited to CNN’s Jomana Karadsheh)")}
    if row.outlet:
        name = outlet_names.get(row.outlet)
        fields["howpublished"] = bib_escape(f"{name} ({row.outlet})" if name and name != row.outlet else row.outlet)
    if row.published:
        year, month, day = str(row.published).split("-")
        fields.update(year=year, month=f"{int(day)} {MONTH_NAMES[int(month) - 1]}")
    place = (
        f"page lines {row.line_start}-{row.line_end}"
        if row.line_end != row.line_start
        else f"page line {row.line_start}"
    )
    kind = _KINDS.get(row.section, f"Update {row.number}")
    fields["note"] = bib_escape(f"{kind}; {place}")
    return fields


def to_bibtex(articles: pd.DataFrame, outlet_names: dict[str, str] | None = None) -> str:
    """One @misc entry per item, keyed by item_id, in page order; outlets shown by name where known."""
    entries = []
    for row in articles.itertuples(index=False):
        fields = "".join(
            f",\n    {name} = {_quote(_encode(value))}" for name, value in _fields(row, outlet_names or {}).items()
        )
        entries.append(f"@misc{{{row.item_id}{fields}\n}}\n")
    return "\n".join(entries)
