"""The study page with some of its items dropped: how the chapters' findings behave on a page without them."""

from __future__ import annotations

from libyabook.analysis.tables import load
from libyabook.reference import RAW_PAGE

#: Page lines (1-based, inclusive, with the blank line after) of items the findings tests drop.
SPANS = {
    "CNN 2014": (15, 22),
    "CNA 2014": (23, 34),
    "update-01": (62, 80),
    "update-02": (81, 96),
    "update-03": (97, 118),
    "update-04": (119, 138),
    "update-05": (139, 150),
    "update-06": (151, 180),
    "update-07": (181, 208),
    "update-08": (209, 222),
    "update-09": (223, 242),
    "update-10": (243, 272),
}


def write_page_without(tmp_path, *items: str):
    """Write the study page without the named items (keys of SPANS) and return its path."""
    lines = RAW_PAGE.read_text(encoding="utf-8").split("\n")
    drop = {n for key in items for n in range(SPANS[key][0], SPANS[key][1] + 1)}
    path = tmp_path / "page-without.txt"
    path.write_text("\n".join(line for n, line in enumerate(lines, start=1) if n not in drop), encoding="utf-8")
    return path


def page_without(tmp_path, *items: str):
    """The tables of the study page without the named items."""
    return load(write_page_without(tmp_path, *items))
