"""The presenter's tables with the book's CSS, in Chromium: cards on a phone, fitted on a desktop and on A4.

A demo page (no book build needed) holds one wide presented table and the same data as raw pandas HTML,
so each check is shown to fail on the raw table.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from libyabook.figures import present
from libyabook.reference import REPO

from browser import DESKTOP, PHONE, PRINT, Visit, serve

COLUMNS = {
    "outlet": "Outlet",
    "entity_id": "Person",
    "published": "Published",
    "people": "People",
    "scope": "What it counts",
    "qualifier": "Qualifier",
    "as_of": "As of",
    "text": "Excerpt",
}
FACTS = """(id) => {
  const t = document.getElementById(id), box = t.parentElement;
  const td = t.querySelector('td');
  return {overflow: Math.max(t.scrollWidth, t.getBoundingClientRect().width) - box.clientWidth,
          display: getComputedStyle(td).display, label: getComputedStyle(td, '::before').content};
}"""


def demo_page() -> str:
    rows = 25
    df = pd.DataFrame(
        {
            "outlet": ["france24", "NYT", "middleeasteye", "abcnews", "ansamed"] * 5,
            "entity_id": ["haftar", "gaddafi", "haftar", "gaddafi", "haftar"] * 5,
            "published": ["2017-08-15"] * rows,
            "people": [114000.0] * rows,
            "scope": ["migrants arriving in Italy by sea since the start of the year"] * rows,
            "qualifier": ["more than"] * rows,
            "as_of": ["2017-08-01"] * rows,
            "text": ["Libya's eastern-based commander ordered his naval forces to confront ships entering its waters"]
            * rows,
        }
    )
    presented = present.table(df, COLUMNS, caption="Demo figures", fold_after=10).data
    presented = presented.replace("<table class", '<table id="presented" class', 1)
    raw = df.to_html().replace("<table", '<table id="raw"', 1)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Demo</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="stylesheet" href="custom.css"></head><body><main class="bd-article" style="margin:0 16px">'
        f"<div>{presented}</div><div>{raw}</div></main></body></html>"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory, browser):
    """The demo page served, with the session's browser (tests/conftest.py)."""
    folder = tmp_path_factory.mktemp("demo")
    (folder / "index.html").write_text(demo_page(), encoding="utf-8")
    shutil.copyfile(REPO / "_static" / "custom.css", folder / "custom.css")
    with serve(folder) as base:
        yield browser, base


def look(site, viewport, media="screen") -> dict:
    browser, base = site
    v = Visit(browser, base, viewport)
    try:
        v.goto("index.html")
        v.page.emulate_media(media=media)
        return {t: v.page.evaluate(FACTS, t) for t in ("presented", "raw")}
    finally:
        v.close()


def test_phone_shows_label_value_cards(site):
    seen = look(site, PHONE)
    assert seen["presented"]["overflow"] <= 1
    assert seen["presented"]["display"] == "block" and seen["presented"]["label"] == '"Outlet: "'
    assert seen["raw"]["overflow"] > 100, "the raw DataFrame needs sideways scrolling: the check can fail"


def test_desktop_table_fits_the_column(site):
    seen = look(site, {"width": 800, "height": 900})
    assert seen["presented"]["overflow"] <= 1 and seen["presented"]["display"] == "table-cell"
    assert look(site, DESKTOP)["presented"]["overflow"] <= 1


def test_print_fits_the_a4_page(site):
    seen = look(site, PRINT, media="print")
    assert seen["presented"]["overflow"] <= 1 and seen["presented"]["display"] == "table-cell"
