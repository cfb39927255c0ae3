"""Text nobody here wrote: a page full of HTML, <script>, Markdown and MyST syntax, long lines and odd Unicode.

It must extract cleanly, every chapter must run on it with papermill, and the book built from those runs must
show the page's text as text: no element, script, dialog or request comes from it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from libyabook.analysis import tables
from libyabook.extract import pipeline
from libyabook.extract.corpus import read_page
from libyabook.reference import REPO

from browser import Visit, serve

HOSTILE = REPO / "tests" / "data" / "hostile-page.txt"
CHAPTERS = sorted((REPO / "chapters").glob("[0-9][0-9]_*.ipynb"))


def test_hostile_page_extracts_verbatim():
    page = read_page(HOSTILE)
    files = pipeline.serialise(page, HOSTILE.name)
    t = tables.load(HOSTILE)
    assert "<script>alert('title')</script>" not in "".join(t.articles["title"])  # the post title is boilerplate
    assert any("<img src=x onerror=alert('img')>" in title for title in t.articles["title"])
    assert any("\u202e" in body for body in t.articles["body"])
    from pybtex.database import parse_string

    bib = parse_string(files["references.bib"].decode("utf-8"), "bibtex")
    assert set(bib.entries) == set(t.articles["item_id"])
    for row in t.articles.itertuples():
        if row.body:
            assert row.body in page.text


def run_on_hostile_page(notebook: Path, root: Path) -> subprocess.CompletedProcess:
    """Execute one chapter on the hostile page with papermill (its own process), into the book's copy."""
    cmd = [str(REPO / ".venv" / "bin" / "papermill"), str(notebook), str(root / "chapters" / notebook.name)]
    cmd += ["--cwd", str(root), "-p", "corpus_path", str(HOSTILE), "-k", "python3", "--no-progress-bar"]
    return subprocess.run(cmd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory):
    """Run every chapter on the hostile page with papermill (two at a time), then build a book from the outputs."""
    root = tmp_path_factory.mktemp("hostile-book")
    for name in ["index.md", "_static", "chapters/sources.md"]:
        src = REPO / name
        dst = root / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dst)
    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        runs = list(pool.map(lambda nb: run_on_hostile_page(nb, root), CHAPTERS))
    failed = [(nb.name, r.stderr[-2000:]) for nb, r in zip(CHAPTERS, runs) if r.returncode]
    assert failed == [], failed
    (root / "data" / "processed").mkdir(parents=True)
    for name, data in pipeline.serialise(read_page(HOSTILE), HOSTILE.name).items():
        (root / "data" / "processed" / name).write_bytes(data)
    # the chapters' prose cites the study page's items, so the bibliography stays the study page's
    shutil.copy(REPO / "data" / "processed" / "references.bib", root / "data" / "processed" / "references.bib")
    config = yaml.safe_load((REPO / "_config.yml").read_text())
    config["execute"]["execute_notebooks"] = "off"  # show exactly what papermill produced
    (root / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    shutil.copy(REPO / "_toc.yml", root / "_toc.yml")
    # No -W here: prose written for the study page refers to figures that another page may not have.
    build = subprocess.run(
        [str(REPO / ".venv" / "bin" / "jupyter-book"), "build", ".", "--all", "--keep-going", "--quiet"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    return root / "_build" / "html"


def test_built_pages_show_the_hostile_text_as_text(hostile_book):
    pages = sorted(hostile_book.glob("chapters/0*.html"))
    assert len(pages) == len(CHAPTERS)
    escaped = ("&lt;img src=x", "evil&lt;b&gt;", "&lt;script&gt;", "&lt;iframe")
    shown = [p.name for p in pages if any(e in p.read_text(encoding="utf-8") for e in escaped)]
    assert shown, "the hostile page's markup should appear, escaped as text, in the chapters"
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(" not in html and "<script>document.title" not in html, page.name
        assert "<img src=x" not in html and "<iframe src=//example.com>" not in html, page.name


def test_nothing_from_the_hostile_page_runs_in_the_browser(hostile_book, browser):
    with serve(hostile_book) as base:
        for page in sorted(hostile_book.glob("chapters/0*.html")):
            path = page.relative_to(hostile_book).as_posix()
            v = Visit(browser, base)
            try:
                v.goto(path)
                assert v.dialogs == [], f"{path}: the page's script ran ({v.dialogs})"
                assert v.outside == [], f"{path}: requests left the machine: {v.outside[:3]}"
                assert "pwned" not in v.page.title()
                injected = v.page.evaluate("""() => [
                    document.querySelectorAll('iframe').length,
                    Array.from(document.images).filter(i => i.getAttribute('src') === 'x').length,
                    Array.from(document.scripts).filter(s => s.text.includes('alert(')).length]""")
                assert injected == [0, 0, 0], f"{path}: elements from the page were rendered: {injected}"
            finally:
                v.close()
