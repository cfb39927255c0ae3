"""Print the single-page HTML build of the book to an A4 PDF with Debian's Chromium, offline.

    python scripts/pdf.py _build/singlehtml/index.html _build/pdf/libya-entanglement.pdf

Every folded block (code toggles, long tables' <details>) is opened first so the PDF holds every row; the
book's print stylesheet (_static/custom.css) then hides sidebars and toggles and wraps tables to the page.
Requests leaving the machine are refused. Exit 2 with one line when the input is missing or printing fails.
"""

from __future__ import annotations

import sys
from pathlib import Path

from chromium import ARGS, CHROMIUM

OPEN_ALL = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"


def print_pdf(index: Path, target: Path) -> int:
    """Open ``index`` (file://) in Chromium, open every <details>, write an A4 PDF to ``target``; return its size."""
    from playwright.sync_api import sync_playwright

    url = index.resolve().as_uri()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
            page.goto(url, wait_until="load")
            page.evaluate(OPEN_ALL)
            page.emulate_media(media="print")
            tmp = target.with_suffix(".tmp")
            tmp.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(
                path=str(tmp), format="A4", print_background=True, prefer_css_page_size=True, outline=True, tagged=True
            )
            tmp.replace(target)
        finally:
            browser.close()
    return target.stat().st_size


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: pdf.py SINGLEHTML_INDEX OUT.pdf", file=sys.stderr)
        return 2
    index, target = Path(argv[0]), Path(argv[1])
    if not index.is_file():
        print(
            f"{index}: no single-page build (expected jupyter-book build --builder singlehtml first)", file=sys.stderr
        )
        return 2
    from playwright.sync_api import Error as PlaywrightError

    try:
        size = print_pdf(index, target)
    except (PlaywrightError, OSError) as exc:  # one line for the reader, no traceback: Playwright errors are long
        print(f"{index}: printing to PDF failed: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
    print(f"==> PDF edition: {target} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
