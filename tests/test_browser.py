"""The built book in a real browser: every TOC page loads clean, offline, accessible, at two widths.

Needs `_build/html` (make test builds it first) and Debian's chromium (.ci/run installs it).
Screenshots of every page at desktop and phone widths are saved under _build/screenshots/ for review.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from libyabook.reference import REPO

from browser import DESKTOP, PAGE_FACTS_JS, PHONE, PRINT, SETTLE_MS, Visit, chromium, serve, toc_pages

HTML = REPO / "_build" / "html"
SHOTS = REPO / "_build" / "screenshots"
PAGES = toc_pages(REPO)
HEADINGS = ", ".join(f"article h{level}" for level in range(1, 6))


@pytest.fixture(scope="module")
def site():
    assert (HTML / "index.html").exists(), "no _build/html: run `make book` first"
    with serve(HTML) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def visits(browser, site):
    """Each page is opened once at desktop width and once at phone width; tests read what was seen."""
    from axe_playwright_python.sync_playwright import Axe

    seen: dict[str, dict] = {}
    SHOTS.mkdir(parents=True, exist_ok=True)

    def look(path: str) -> dict:
        if path in seen:
            return seen[path]
        name = path.replace("/", "_").removesuffix(".html")
        v = Visit(browser, site, DESKTOP)
        response = v.goto(path)
        facts = {
            "status": response.status,
            "images": v.page.evaluate("""() => Array.from(document.images).map(i => ({
                src: i.getAttribute('src'), w: i.naturalWidth, alt: i.getAttribute('alt') || ''}))"""),
            "hrefs": v.page.evaluate("() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"),
            "headings": v.page.evaluate(
                "(sel) => Array.from(document.querySelectorAll(sel)).filter(h => h.checkVisibility())"
                ".map(h => Number(h.tagName[1]))",
                HEADINGS,
            ),
        }
        toggles = v.page.locator("details.hide summary")
        facts["desktop"] = v.page.evaluate(PAGE_FACTS_JS)
        facts["description"] = v.page.evaluate(
            "() => (document.querySelector('meta[name=description]') || {}).content || ''"
        )
        facts["parameters_cells"] = v.page.locator(".tag_parameters").count()
        facts["toggles"] = toggles.count()
        if facts["toggles"]:
            toggles.first.click()
            try:  # wait for the condition (the first folded cell opens), never for a fixed time
                v.page.wait_for_function("() => document.querySelector('details.hide').open", timeout=SETTLE_MS)
                facts["toggle_opens"] = True
            except PlaywrightTimeout:
                facts["toggle_opens"] = False
        v.page.screenshot(path=str(SHOTS / f"{name}-desktop.png"), full_page=True)
        facts.update(console=list(v.console_errors), outside=list(v.outside), dialogs=list(v.dialogs))
        # axe last: it re-fetches stylesheets itself (resolving @import against the page, a harmless 404)
        facts["axe"] = [(x["id"], x["impact"], len(x["nodes"])) for x in Axe().run(v.page).response["violations"]]
        v.close()
        p = Visit(browser, site, PHONE)
        p.goto(path)
        p.page.screenshot(path=str(SHOTS / f"{name}-phone.png"), full_page=True)
        facts["phone_overflow"] = p.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        facts["phone"] = p.page.evaluate(PAGE_FACTS_JS)
        facts["console"] += p.console_errors
        facts["outside"] += p.outside
        p.close()
        pr = Visit(browser, site, PRINT)
        pr.goto(path)
        pr.page.emulate_media(media="print")
        facts["print"] = pr.page.evaluate(PAGE_FACTS_JS)
        pr.close()
        seen[path] = facts
        return facts

    return look


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
def test_internal_links_resolve(visits, site, path):
    checked = {}
    for href in visits(path)["hrefs"]:
        if not href.startswith(site):
            continue
        url, _, fragment = href.partition("#")
        if url not in checked:
            try:
                with urllib.request.urlopen(url) as r:
                    checked[url] = r.read().decode("utf-8", "replace")
            except urllib.error.HTTPError as exc:
                pytest.fail(f"{path}: broken link {href} ({exc.code})")
        if fragment and url.endswith(".html"):
            target = urllib.parse.unquote(fragment)
            assert f'id="{target}"' in checked[url], f"{path}: link to missing anchor {href}"


@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith("chapters/0")])
def test_hidden_code_toggles_open(visits, path):
    seen = visits(path)
    assert seen["toggles"] > 0, "chart and table code is folded behind a toggle"
    assert seen["toggle_opens"]


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_overflow_on_a_phone(visits, path):
    overflow = visits(path)["phone_overflow"]
    assert overflow <= 1, f"page is {overflow}px wider than a phone screen (see _build/screenshots/)"


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
# Pages whose raw DataFrames still fail a check: the marks go once the chapters use libyabook.figures.present.
UNCONVERTED = "chapters not yet converted to present.table"
_FAILING_NOW = {
    "wide_at_1280": {
        "03_offensive_2014",
        "04_benghazi_icc_2017",
        "05_maritime_2017",
        "06_voices_labels",
        "07_events_atlas",
        "08_claims_ledger",
    },
    "wide_in_print": {"05_maritime_2017", "06_voices_labels", "07_events_atlas", "08_claims_ledger"},
    "bad_cells": {
        "03_offensive_2014",
        "04_benghazi_icc_2017",
        "05_maritime_2017",
        "07_events_atlas",
        "08_claims_ledger",
    },
    "index_columns": {
        "03_offensive_2014",
        "04_benghazi_icc_2017",
        "05_maritime_2017",
        "06_voices_labels",
        "07_events_atlas",
        "08_claims_ledger",
    },
}


def _pages(check: str) -> list:
    """Every TOC page, the ones failing today only because of unconverted chapters marked strict xfail."""
    fail = _FAILING_NOW[check]
    return [
        pytest.param(p, marks=pytest.mark.xfail(strict=True, reason=UNCONVERTED))
        if p.removeprefix("chapters/").removesuffix(".html") in fail
        else p
        for p in PAGES
    ]


@pytest.mark.parametrize("path", _pages("wide_at_1280"))
def test_no_table_wider_than_the_column_at_1280(visits, path):
    assert visits(path)["desktop"]["overflow"] == []


@pytest.mark.parametrize("path", _pages("wide_in_print"))
def test_no_table_wider_than_the_a4_page_in_print(visits, path):
    assert visits(path)["print"]["overflow"] == []


@pytest.mark.xfail(strict=True, reason=UNCONVERTED)
def test_at_most_one_table_in_ten_scrolls_sideways_on_a_phone(visits):
    tables = sum(visits(p)["phone"]["tables"] for p in PAGES)
    wide = {p: visits(p)["phone"]["overflow"] for p in PAGES if visits(p)["phone"]["overflow"]}
    assert sum(map(len, wide.values())) * 10 <= tables, f"of {tables} tables, these scroll at 390 px: {wide}"


@pytest.mark.parametrize("path", _pages("bad_cells"))
def test_no_cell_shows_nan_na_decimal_zero_or_dots(visits, path):
    assert visits(path)["desktop"]["badCells"] == []


@pytest.mark.parametrize("path", _pages("index_columns"))
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


_WIDE_CHARTS = {
    "03_offensive_2014",
    "04_benghazi_icc_2017",
    "05_maritime_2017",
    "06_voices_labels",
    "07_events_atlas",
    "08_claims_ledger",
}


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(
            p,
            marks=pytest.mark.xfail(
                strict=True, reason="charts not yet redrawn for the text column (figsize wider than the style's)"
            ),
        )
        if p.removeprefix("chapters/").removesuffix(".html") in _WIDE_CHARTS
        else p
        for p in PAGES
    ],
)
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
