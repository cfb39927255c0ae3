"""The PDF edition (make pdf): A4, every chapter in it, nothing printed beyond the page, linked from the book.

The module first runs `make pdf` (conftest.py, ``pdf_edition``), which prints the PDF again only when an input of
the book changed: so the PDF checked is the current one, and under `make test` it is printed on one pytest worker
while the other goes on.
"""

from __future__ import annotations

import html.parser
import json
import re
import unicodedata

import pytest

from libyabook.reference import REPO

PDF = REPO / "_build" / "pdf" / "libya-entanglement.pdf"
A4 = (595.0, 842.0)  # points


@pytest.fixture(scope="module", autouse=True)
def edition(pdf_edition):
    """Every test here reads the current PDF edition (conftest: `make pdf`)."""
    assert pdf_edition == PDF


@pytest.fixture(scope="module")
def reader():
    from pypdf import PdfReader

    assert PDF.is_file(), "no PDF edition: run `make pdf` first"
    return PdfReader(PDF)


@pytest.fixture(scope="module")
def text(reader) -> str:
    raw = "\n".join(p.extract_text() or "" for p in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", raw).split())


def chapter_titles() -> list[str]:
    """The H1 of every chapter notebook and the sources page, as the book prints them."""
    titles = []
    for path in sorted((REPO / "chapters").glob("*.ipynb")):
        first = "".join(json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"])
        titles.append(re.match(r"#\s+(.+)", first).group(1).strip())
    titles.append("Sources")
    return titles


def test_pdf_is_a4_with_a_page_count_for_the_whole_book(reader):
    n = len(reader.pages)
    # About 12 A4 pages a chapter today (the appendix prints every field of 28 tables); a layout that runs away,
    # such as a table printed a column per page, passes 15 a chapter; a print that drops chapters, under 2.
    assert 15 * len(chapter_titles()) >= n >= 2 * len(chapter_titles()), (
        f"{n} pages for {len(chapter_titles())} chapters"
    )
    for page in reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(w - A4[0]) < 2 and abs(h - A4[1]) < 2, (w, h)


@pytest.mark.parametrize("title", chapter_titles())
def test_every_chapter_title_is_in_the_pdf(text, title):
    assert " ".join(title.split()) in text


def test_no_code_toggle_labels_in_print(text):
    """The labels of myst-nb's toggles are hidden in print; only the landing page's prose names them."""
    prose = (REPO / "index.md").read_text(encoding="utf-8").count("Show code cell source")
    assert text.count("Show code cell source") == prose and "Hide code cell source" not in text


class _LastColumns(html.parser.HTMLParser):
    """Texts of the last cell of every table row (the column a cut table loses first), per table."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row and self.tables:
            self.tables[-1].append(self._row[-1])
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def last_column_words(page_html: str) -> list[tuple[int, str]]:
    """(table number, text) of every one-word cell in a table's last column: such a cell never wraps."""
    parser = _LastColumns()
    parser.feed(page_html)
    return [
        (i, unicodedata.normalize("NFKC", cell).strip())
        for i, cells in enumerate(parser.tables)
        for cell in cells
        if len(cell.split()) == 1
    ]


def test_no_table_cut(text):
    """Chromium leaves out of the PDF what a table pushes past the page: its last column's words go missing."""
    page = REPO / "_build" / "singlehtml" / "index.html"
    assert page.is_file(), "no single-page build: run `make pdf` first"
    words = set(text.split())
    cells = last_column_words(page.read_text(encoding="utf-8"))
    assert len(cells) > 20, "the book's tables were not found in the single-page build"
    missing = sorted({i for i, cell in cells if cell not in words and cell not in text})
    assert missing == [], f"{len(missing)} tables lose their last column in the PDF (tables no. {missing[:10]})"


def test_a_cut_table_is_detected(tmp_path):
    """The check above can fail: Chromium prints a table wider than the page without its last column."""
    import subprocess
    import sys

    from pypdf import PdfReader

    row = "".join(f'<td style="white-space:nowrap">COLUMN{i}VALUE</td>' for i in range(30))
    page = f'<html><body><div style="overflow:auto"><table><tr>{row}</tr></table></div></body></html>'
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    # the script in its own process, as `make pdf` runs it (this worker's Playwright may drive the session's browser)
    cmd = [sys.executable, str(REPO / "scripts" / "pdf.py"), str(tmp_path / "index.html"), str(tmp_path / "wide.pdf")]
    done = subprocess.run(cmd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    printed = " ".join(p.extract_text() for p in PdfReader(tmp_path / "wide.pdf").pages).split()
    assert "COLUMN0VALUE" in printed
    assert [c for _, c in last_column_words(page) if c not in printed] == ["COLUMN29VALUE"]


def test_pdf_is_served_and_linked_from_the_landing_page():
    served = REPO / "_build" / "html" / PDF.name
    assert served.is_file() and served.read_bytes() == PDF.read_bytes(), "make pdf copies the PDF into _build/html"
    assert f'href="{PDF.name}"' in (REPO / "_build" / "html" / "index.html").read_text(encoding="utf-8")
