"""The built book in a real browser: every TOC page loads clean, offline, accessible, at two widths and in print.

Needs `_build/html` (make test builds it first) and Debian's chromium (.ci/run installs it). One browser and one
served site serve the whole session (tests/conftest.py); the pages are opened one after another in one context,
with its HTTP cache, as a reader goes from page to page. Each page is loaded once, at desktop width, measured,
resized to phone width and measured, resized to A4's text width as print and measured, then back at desktop
width a folded cell is opened and axe is run. (Layout follows the viewport synchronously: on every page of the
book these figures are the same as fresh loads at each width give; README, Speed.)
Full-page screenshots at desktop and phone widths go to _build/screenshots/ for a page whose test fails, or for
every page with LIBYABOOK_SCREENSHOTS=1.
"""

from __future__ import annotations

import functools
import os
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from libyabook.reference import REPO

from browser import ANIMATIONS_DONE, DESKTOP, PAGE_FACTS_JS, PHONE, PRINT, SETTLE_MS, Visit, serve, toc_pages

SHOTS = REPO / "_build" / "screenshots"
PAGES = toc_pages(REPO)
HEADINGS = ", ".join(f"article h{level}" for level in range(1, 6))
ALL_SHOTS = os.environ.get("LIBYABOOK_SCREENSHOTS") == "1"


def screenshots(browser, site, path: str) -> None:
    """Full-page screenshots of one page at desktop and phone widths, for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = path.replace("/", "_").removesuffix(".html")
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        v = Visit(browser, site, viewport)
        try:
            v.goto(path)
            v.page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
        finally:
            v.close()


@pytest.fixture(autouse=True)
def screenshot_when_failed(request, browser, site):
    """After a page's test fails (not an expected failure), keep screenshots of that page."""
    yield
    report = getattr(request.node, "report_call", None)
    path = getattr(request.node, "callspec", None) and request.node.callspec.params.get("path")
    if path and report is not None and report.failed and not ALL_SHOTS:
        screenshots(browser, site, path)


def desktop_facts(v: Visit) -> dict:
    """What the tests read on one page opened at desktop width."""
    page = v.page
    return {
        "images": page.evaluate("""() => Array.from(document.images).map(i => ({
            src: i.getAttribute('src'), w: i.naturalWidth, alt: i.getAttribute('alt') || ''}))"""),
        "hrefs": page.evaluate("() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"),
        "headings": page.evaluate(
            "(sel) => Array.from(document.querySelectorAll(sel)).filter(h => h.checkVisibility())"
            ".map(h => Number(h.tagName[1]))",
            HEADINGS,
        ),
        "desktop": page.evaluate(PAGE_FACTS_JS),
        "description": page.evaluate("() => (document.querySelector('meta[name=description]') || {}).content || ''"),
        "parameters_cells": page.locator(".tag_parameters").count(),
    }


def narrow_facts(v: Visit) -> dict:
    """What the tests read on one page at phone width, then resized to A4's text width and printed.

    Layout follows the viewport synchronously, so evaluating after a resize reads that width's layout: measured on
    every page of the book to give exactly what a fresh load at that width gives (README, Speed).
    """
    facts = {
        "phone_overflow": v.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"),
        "phone": v.page.evaluate(PAGE_FACTS_JS),
    }
    v.page.set_viewport_size(PRINT)
    v.page.emulate_media(media="print")
    facts["print"] = v.page.evaluate(PAGE_FACTS_JS)
    return facts


def open_first_toggle(v: Visit) -> tuple[int, bool]:
    """(number of folded code cells, whether the first one opens when clicked): waits for the condition."""
    toggles = v.page.locator("details.hide summary")
    count = toggles.count()
    if not count:
        return 0, False
    toggles.first.click()
    try:
        v.page.wait_for_function("() => document.querySelector('details.hide').open", timeout=SETTLE_MS)
    except PlaywrightTimeout:
        return count, False
    v.page.wait_for_function(ANIMATIONS_DONE, timeout=SETTLE_MS)  # the opened cell has faded in
    return count, True


@pytest.fixture(scope="module")
def visits(browser, site):
    """Each page is opened once, one after another in one context (tests/browser.py, Visit); tests read what was
    seen there."""
    from axe_playwright_python.sync_playwright import Axe

    seen: dict[str, dict] = {}
    v = Visit(browser, site, DESKTOP)

    def look(path: str) -> dict:
        if path in seen:
            return seen[path]
        v.clear()
        facts = {"status": v.goto(path).status, **desktop_facts(v)}
        v.page.set_viewport_size(PHONE)
        facts.update(narrow_facts(v))
        v.page.emulate_media(media="screen")
        v.page.set_viewport_size(DESKTOP)
        facts["toggles"], facts["toggle_opens"] = open_first_toggle(v)
        facts.update(console=list(v.console_errors), outside=list(v.outside), dialogs=list(v.dialogs))
        # axe last: it re-fetches stylesheets itself (resolving @import against the page, a harmless 404)
        facts["axe"] = [(x["id"], x["impact"], len(x["nodes"])) for x in Axe().run(v.page).response["violations"]]
        if ALL_SHOTS:
            screenshots(browser, site, path)
        seen[path] = facts
        return facts

    yield look
    v.close()


@functools.cache
def fetch_text(url: str) -> str:
    """A served page's text (each page fetched once per session); raises HTTPError for a broken link."""
    with urllib.request.urlopen(url) as r:
        return r.read().decode("utf-8", "replace")


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_clean_and_offline(visits, path):
    seen = visits(path)
    assert seen["status"] == 200
    assert seen["console"] == []
    assert seen["outside"] == [], f"requests leaving the machine: {seen['outside'][:5]}"
    assert seen["dialogs"] == []


@pytest.mark.parametrize("path", PAGES)
def test_images_load_and_say_what_they_show(visits, path):
    for img in visits(path)["images"]:
        assert img["w"] > 0, f"image does not load: {img['src']}"
        assert len(img["alt"].split()) >= 5, f"image without meaningful alt text: {img['src']} alt={img['alt']!r}"
        assert not re.fullmatch(r"(?i)(figure|image|chart|png)[\s\d._-]*", img["alt"])


@pytest.mark.parametrize("path", PAGES)
def test_internal_links_resolve(visits, site, path, pdf_edition):
    """Every link to the book itself resolves, the landing page's to the PDF edition too (conftest: `make pdf`)."""
    for href in visits(path)["hrefs"]:
        if not href.startswith(site):
            continue
        url, _, fragment = href.partition("#")
        try:
            text = fetch_text(url)
        except urllib.error.HTTPError as exc:
            pytest.fail(f"{path}: broken link {href} ({exc.code})")
        if fragment and url.endswith(".html"):
            target = urllib.parse.unquote(fragment)
            assert f'id="{target}"' in text, f"{path}: link to missing anchor {href}"


@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith("chapters/0")])
def test_hidden_code_toggles_open(visits, path):
    seen = visits(path)
    assert seen["toggles"] > 0, "chart and table code is folded behind a toggle"
    assert seen["toggle_opens"]


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_overflow_on_a_phone(visits, path):
    overflow = visits(path)["phone_overflow"]
    assert overflow <= 1, f"page is {overflow}px wider than a phone screen (screenshots in _build/screenshots/)"


@pytest.mark.parametrize("path", PAGES)
def test_headings_in_order(visits, path):
    levels = visits(path)["headings"]
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    for a, b in zip(levels, levels[1:]):
        assert b <= a + 1, f"heading level jumps from h{a} to h{b}"


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(visits, path):
    bad = [x for x in visits(path)["axe"] if x[1] in ("serious", "critical")]
    assert bad == [], bad


@pytest.mark.parametrize("word", ["Haftar", "Benghazi", "Warfalli"])
def test_search_finds(browser, site, word):
    v = Visit(browser, site)
    try:
        v.goto(f"search.html?q={word}")
        v.page.wait_for_selector("#search-results ul li", timeout=SETTLE_MS)
        assert v.page.locator("#search-results ul li").count() >= 1
        assert v.outside == [] and v.console_errors == []
    finally:
        v.close()


# ---- Publication-grade pages (issue 12) -------------------------------------------------------------------
@pytest.mark.parametrize("path", PAGES)
def test_no_table_wider_than_the_column_at_1280(visits, path):
    assert visits(path)["desktop"]["overflow"] == []


@pytest.mark.parametrize("path", PAGES)
def test_no_table_wider_than_the_a4_page_in_print(visits, path):
    assert visits(path)["print"]["overflow"] == []


def test_at_most_one_table_in_ten_scrolls_sideways_on_a_phone(visits):
    tables = sum(visits(p)["phone"]["tables"] for p in PAGES)
    wide = {p: visits(p)["phone"]["overflow"] for p in PAGES if visits(p)["phone"]["overflow"]}
    assert sum(map(len, wide.values())) * 10 <= tables, f"of {tables} tables, these scroll at 390 px: {wide}"


@pytest.mark.parametrize("path", PAGES)
def test_no_cell_shows_nan_na_decimal_zero_or_dots(visits, path):
    assert visits(path)["desktop"]["badCells"] == []


@pytest.mark.parametrize("path", PAGES)
def test_no_index_column(visits, path):
    assert visits(path)["desktop"]["indexColumns"] == 0


@pytest.mark.parametrize("path", PAGES)
def test_every_chart_opens_full_size(visits, path):
    for width in ("desktop", "phone"):
        assert visits(path)[width]["unlinked"] == [], f"charts without a link to the full-size image ({width})"


def _max_chart_px() -> int:
    """Widest PNG whose smallest (style) text stays >= 7 px on a phone, drawn at the style's dpi."""
    import matplotlib

    from libyabook.figures import plots

    plots.use_style()
    rc = matplotlib.rcParams
    smallest = min(rc[k] for k in ("font.size", "xtick.labelsize", "ytick.labelsize", "legend.fontsize"))
    width_in = smallest / 72 * plots.PHONE_COLUMN_PX / plots.MIN_PHONE_TEXT_PX
    return int(width_in * rc["figure.dpi"])


@pytest.mark.parametrize("path", PAGES)
def test_chart_text_stays_7px_on_a_phone(visits, path):
    """A chart drawn wider than the style's figure shrinks its text below 7 px on a 390 px phone."""
    limit = _max_chart_px()
    wide = [(i["src"], i["w"]) for i in visits(path)["images"] if i["src"].endswith(".png") and i["w"] > limit]
    assert wide == [], f"charts wider than {limit} px at the style's dpi: {wide}"


@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith("chapters/0")])
def test_parameters_cell_is_folded(visits, path):
    seen = visits(path)
    assert seen["parameters_cells"] == 1, "the parameters cell (papermill) is on the page"
    assert seen["desktop"]["params"] == 0 and seen["phone"]["params"] == 0, "its code is visible"


@pytest.mark.parametrize("path", PAGES)
def test_one_search_box(visits, path):
    assert visits(path)["desktop"]["search"] == 1
    assert visits(path)["print"]["search"] == 0


@pytest.mark.parametrize("path", PAGES)
def test_page_has_a_meta_description(visits, path):
    assert len(visits(path)["description"]) >= 80


def test_a_request_leaving_the_machine_is_recorded_and_fails_at_once(browser, tmp_path):
    # what test_page_loads_clean_and_offline relies on: Visit sees such a request, and OFFLINE refuses it
    (tmp_path / "p.html").write_text(
        '<!doctype html><title>t</title><img src="http://example.com/x.png" alt="x">'
        '<script src="https://cdn.example.org/a.js"></script>'
    )
    with serve(tmp_path) as base:
        v = Visit(browser, base)
        try:
            v.goto("p.html")
            assert sorted(v.outside) == ["http://example.com/x.png", "https://cdn.example.org/a.js"]
            assert v.page.evaluate("() => document.images[0].naturalWidth") == 0
        finally:
            v.close()
