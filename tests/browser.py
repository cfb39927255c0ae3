"""Shared pieces of the browser tests: serve a built book on 127.0.0.1 and drive Debian's Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import threading
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from chromium import ARGS as CHROMIUM_ARGS  # noqa: E402  (the flags the PDF edition uses too)
from chromium import CHROMIUM  # noqa: E402

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
#: No finite CSS transition or animation is still running: axe reads colours, and a code cell fading in after a
#: toggle opens has a colour between two (a 'serious' contrast failure one run in a few, before this wait).
ANIMATIONS_DONE = (
    "() => document.getAnimations().every(a => a.playState !== 'running'"
    " || a.effect.getComputedTiming().iterations === Infinity)"
)
#: A page has settled when its scripts have run (they load after the first paint: libyabook.pagespeed), its fonts
#: are loaded, every image is complete (decoded or failed) and nothing moves.
SETTLED = (
    "() => window.libyabookReady !== false"
    " && document.fonts.status === 'loaded' && Array.from(document.images).every(i => i.complete)"
    f" && ({ANIMATIONS_DONE})()"
)
#: Charts after a page's first load lazily (libyabook.pagespeed); the tests read every chart, so they fetch them all.
LOAD_LAZY_IMAGES = "() => document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })"
#: Upper bound of any wait (ms): generous, so a machine busy with another build does not fail a test.
SETTLE_MS = 60_000


#: No host name but the served book's resolves: a request leaving the machine fails at once, in the browser itself
#: (no request interception, which would turn off the HTTP cache); Visit records every such request.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"


def toc_pages(repo: Path) -> list[str]:
    """HTML paths of every page in the table of contents, in reading order."""
    toc = yaml.safe_load((repo / "_toc.yml").read_text())
    pages = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part["chapters"]]
    return [f"{p}.html" for p in pages]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    """A server that does not print a traceback when the browser drops a request it no longer needs (a page left
    while its images load: BrokenPipeError, ConnectionResetError); any other error is reported as before."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(folder: Path):
    """Serve a folder over HTTP on 127.0.0.1 (an ephemeral port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    """A headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + [OFFLINE])
        try:
            yield browser
        finally:
            browser.close()


class Visit:
    """A page in a fresh context that records console errors, dialogs and requests leaving the machine.

    One Visit may open several pages one after another (``clear`` between them): the context's HTTP cache then
    serves the theme's files as it does for a reader going from page to page, which costs a third of the CPU.
    """

    def __init__(self, browser, base: str, viewport=DESKTOP):
        self.base = base
        self.context = browser.new_context(viewport=viewport)
        self.console_errors: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.page = self.context.new_page()
        self.page.on("request", self._request)
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.on("response", lambda r: r.status >= 400 and self.console_errors.append(f"HTTP {r.status}: {r.url}"))

    def _request(self, request):
        """Record a request for anything but the served book (OFFLINE makes it fail at once)."""
        url = request.url
        if not (url.startswith(self.base) or url.startswith(("data:", "blob:", "about:"))):
            self.outside.append(url)

    def clear(self):
        """Forget what the last page recorded, before opening the next one."""
        self.console_errors.clear()
        self.outside.clear()
        self.dialogs.clear()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def goto(self, path: str):
        """Open a page and wait until it has settled: loaded, web fonts ready, every image decoded.

        Conditions, not a fixed time (no 'networkidle', which is a 500 ms quiet period): the timeouts are
        only the upper bound for a machine busy with another build.
        """
        response = self.page.goto(f"{self.base}/{path}", wait_until="load", timeout=SETTLE_MS)
        self.page.evaluate(LOAD_LAZY_IMAGES)
        self.page.wait_for_function(SETTLED, timeout=SETTLE_MS)
        return response

    def close(self):
        self.context.close()


#: Print emulation: the width of an A4 page's text block (210 mm less 2 x 14 mm margins) at 96 px per inch.
PRINT = {"width": 688, "height": 1000}

#: What the page-quality tests count on one page, at the width it was opened at (issue 12).
PAGE_FACTS_JS = r"""() => {
  const article = document.querySelector('.bd-article') || document.body;
  const limit = article.clientWidth + 1;
  const visible = el => el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null;
  const tables = Array.from(article.querySelectorAll('table')).filter(visible);
  const overflow = tables.filter(t => {
    const box = t.closest('.cell_output, .output, .lb-table-wrap, .pst-scrollable-table-container') || t.parentElement;
    return Math.max(t.scrollWidth, t.getBoundingClientRect().width) > limit || box.scrollWidth > box.clientWidth + 1;
  }).map(t => (t.querySelector('caption, th') || t).textContent.trim().slice(0, 40));
  // a cut ends a cell with dots; an ellipsis inside a cell is the page's own (verbatim quotations keep it)
  const bad = /^(NaN|nan|<NA>|None|NaT)$|^-?[\d,]+\.0$|(\.\.\.|\u2026)$/;
  const badCells = Array.from(article.querySelectorAll('table td, table th'))
    .map(c => c.textContent.trim()).filter(t => bad.test(t));
  const indexColumns = Array.from(article.querySelectorAll('table.dataframe')).filter(t => {
    const th = t.querySelector('thead tr th');
    return th && th.textContent.trim() === '';
  }).length;
  const charts = Array.from(article.querySelectorAll('.cell_output img, figure img')).filter(visible);
  const unlinked = charts.filter(i => {
    const a = i.closest('a[href]');
    return !(a && /\.(png|svg|jpe?g|webp)$/i.test(a.getAttribute('href')));
  }).map(i => i.getAttribute('src'));
  const params = Array.from(document.querySelectorAll('.tag_parameters .cell_input')).filter(visible).length;
  const search = Array.from(document.querySelectorAll(
    'form.bd-search, button.search-button-field, .search-button__button, input[type=search]'))
    .filter(visible).filter(el => !el.closest('form.bd-search') || el.matches('form.bd-search')).length;
  return {tables: tables.length, overflow, badCells, indexColumns, charts: charts.length, unlinked, params, search};
}"""
