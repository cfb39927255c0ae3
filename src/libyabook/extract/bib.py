"""A BibTeX file with one entry per item of the page, so chapters can cite an item by its item_id."""
from __future__ import annotations

import re

import pandas as pd

_BIB_SPECIAL = re.compile(r"([&%$#_])")


def bib_escape(text: str) -> str:
    """Make arbitrary page text safe inside a braced BibTeX field (no markup survives, braces cannot unbalance)."""
    text = re.sub(r"[{}\\^~]", " ", str(text))
    text = re.sub(r"\s+", " ", text).strip()
    return _BIB_SPECIAL.sub(r"\\\1", text)


MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]


def to_bibtex(articles: pd.DataFrame, outlet_names: dict[str, str] | None = None) -> str:
    """One @misc entry per item, keyed by item_id, in page order; outlets shown by name where known."""
    outlet_names = outlet_names or {}
    entries = []
    for row in articles.itertuples(index=False):
        title = row.title or "Lead paragraph of the page (description of a video report)"
        fields = {"title": bib_escape(title)}
        if row.outlet:
            name = outlet_names.get(row.outlet)
            fields["howpublished"] = bib_escape(f"{name} ({row.outlet})" if name and name != row.outlet else row.outlet)
        if row.published:
            year, month, day = str(row.published).split("-")
            fields.update(year=year, month=f"{int(day)} {MONTH_NAMES[int(month) - 1]}")
        place = f"page lines {row.line_start}-{row.line_end}" if row.line_end != row.line_start else f"page line {row.line_start}"
        kind = {"lead": "Lead paragraph", "linked": "Linked headline", "related": "Related-post headline, no outlet or date given",
                "update": f"Update {row.number}"}[row.section]
        fields["note"] = bib_escape(f"{kind}; {place}")
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
        entries.append(f"@misc{{{row.item_id},\n{body}\n}}\n")
    return "\n".join(entries)
