"""Text nobody here wrote: a page full of HTML, <script>, Markdown and MyST syntax, long lines and odd Unicode.

It must extract cleanly, every chapter must run on it with papermill, and the book built from those runs must
show the page's text as text: no element, script, dialog or request comes from it.

The hostile page is also the suite's "another page": besides its hostile items it holds every item of
tests/data/other-page.txt (a plain synthetic page of the same format, in other years, with a quotation, figures
and a label), so its one papermill run per chapter, from a directory other than the repository and with the page
given relative to the repository, is also the check that every chapter runs on another page from another
working directory (it used to be a second run of each chapter, on other-page.txt, in tests/test_papermill.py).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
import yaml

from libyabook.analysis import tables
from libyabook.extract import pipeline
from libyabook.extract.corpus import read_page
from libyabook.reference import REPO

from browser import Visit, serve
from executed import OneKernel, Run, says_findings_cannot_be_tested

HOSTILE_ARG = "tests/data/hostile-page.txt"  # relative to the repository, not to the working directory
HOSTILE = REPO / HOSTILE_ARG
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


@pytest.fixture(scope="module")
def hostile_runs(tmp_path_factory) -> tuple[Path, dict[str, Run]]:
    """Every chapter run on the hostile page with papermill, into a copy of the book's sources.

    The working directory is the book's copy, not the repository, and the page is given relative to the
    repository (as a reader re-running a chapter would): the chapter must resolve it from the repository. The
    chapters run one after another in one kernel (tests/executed.py, OneKernel).
    """
    root = tmp_path_factory.mktemp("hostile-book")
    for name in ["index.md", "_static", "chapters/sources.md"]:
        src = REPO / name
        dst = root / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dst)
    assert not (root / HOSTILE_ARG).exists()  # only the repository holds the page at that relative path
    kernel = OneKernel(root)
    try:
        runs = {nb.stem: kernel.run(nb, root / "chapters" / nb.name, corpus_path=HOSTILE_ARG) for nb in CHAPTERS}
    finally:
        kernel.close()
    return root, runs


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_chapter_runs_on_another_page_from_another_directory(path, hostile_runs):
    root, runs = hostile_runs
    assert runs[path.stem].ok, runs[path.stem].error
    nb = nbformat.read(root / "chapters" / path.name, as_version=4)
    assert nb.metadata.papermill.exception is None
    assert nb.metadata.papermill.parameters == {"corpus_path": HOSTILE_ARG}


def test_the_hostile_page_holds_every_item_of_the_other_page():
    """So that the chapters' runs on it also stand for runs on a plain other page (tests/data/other-page.txt)."""
    columns = ["section", "outlet", "published", "title", "body"]
    other = tables.load(REPO / "tests" / "data" / "other-page.txt").articles
    hostile = tables.load(HOSTILE).articles
    items = other[other["item_id"] != "lead"][columns]
    assert len(items) >= 5
    assert items.merge(hostile[columns], how="left", indicator=True)["_merge"].eq("both").all()


def test_chapter_3_on_another_page_says_its_findings_cannot_be_tested(hostile_runs):
    root, runs = hostile_runs
    assert runs["03_offensive_2014"].ok, runs["03_offensive_2014"].error
    says_findings_cannot_be_tested(nbformat.read(root / "chapters" / "03_offensive_2014.ipynb", as_version=4))


def without_charts(path: Path) -> None:
    """The notebook less its charts' PNG data: matplotlib's pixels carry no page text into the HTML (a chart's alt
    text is the cell's own metadata), and re-encoding two dozen fresh PNGs is a third of the book's build."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop("image/png", None)
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def hostile_book(hostile_runs):
    """The book built from the chapters' runs on the hostile page."""
    root, runs = hostile_runs
    failed = [(name, str(r.error)[-2000:]) for name, r in runs.items() if not r.ok]
    assert failed == [], failed
    for path in sorted((root / "chapters").glob("*.ipynb")):
        without_charts(path)
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
        v = Visit(browser, base)
        try:
            for page in sorted(hostile_book.glob("chapters/0*.html")):
                path = page.relative_to(hostile_book).as_posix()
                v.clear()
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
