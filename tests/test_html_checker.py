"""The Nu HTML checker (vnu.jar) on the built book: no error from the book's own content.

Errors that come from the theme or myst-nb are listed in THEME_ERRORS (and in the README) with the reason
they stay. Needs Java and vnu.jar: .ci/run installs both (LIBYABOOK_VNU_JAR names the jar).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from libyabook.figures import present
from libyabook.reference import REPO

HTML = REPO / "_build" / "html"
VNU_VERSION = "26.9.27"
VNU = Path(
    os.environ.get("LIBYABOOK_VNU_JAR")
    or Path.home() / f".cache/libyabook/vnu-{VNU_VERSION}" / "node_modules/vnu-jar/build/dist/vnu.jar"
)
PAGES = sorted([HTML / "index.html", *HTML.glob("chapters/*.html")])

#: Errors of the theme or myst-nb, not of the book's content: myst-nb's hide-input toggle puts two <p>
#: (the "Show/Hide code cell source" labels) inside <summary>; fixing it means patching myst-nb's template.
THEME_ERRORS = (re.compile(r"Element “p” not allowed as child of element “summary”"),)
#: Pandas' raw DataFrame HTML: a <style scoped> and selectors that match before the <style> element.
PANDAS_ERRORS = re.compile(r"Attribute “scoped” not allowed|The selector “\.dataframe ")

pytestmark = pytest.mark.skipif(
    not (VNU.is_file() and shutil.which("java")), reason="Nu checker not installed: run .ci/run (Java + npm vnu-jar)"
)


def check(paths: list[Path]) -> list[dict]:
    """vnu's error messages for the files (one Java start for all)."""
    out = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    return [m for m in json.loads(out.stderr)["messages"] if m["type"] in ("error", "non-document-error")]


def demo_pages(folder: Path) -> tuple[Path, Path]:
    """A page with one presented table and a page with the same data as pandas' raw HTML."""
    df = pd.DataFrame({"outlet": ["france24", None], "n": [114000.0, None], "date": ["2014-05-22", ""]})
    table = present.table(df, {"outlet": "Outlet", "n": "People", "date": "Date"}, caption="Demo", fold_after=1)
    page, raw = folder / "demo.html", folder / "raw.html"
    shell = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Demo</title></head><body>{}</body></html>'
    )
    page.write_text(shell.format(table.data), encoding="utf-8")
    raw.write_text(shell.format(df._repr_html_()), encoding="utf-8")
    return page, raw


@pytest.fixture(scope="module")
def found(tmp_path_factory) -> list[dict]:
    """vnu's errors on the built book's pages and on the two demo pages: one Java start for all."""
    assert (HTML / "index.html").exists(), "no _build/html: run `make book` first"
    return check([*PAGES, *demo_pages(tmp_path_factory.mktemp("demo"))])


@pytest.fixture(scope="module")
def errors(found) -> dict[str, list[str]]:
    book = [m for m in found if m["url"].removeprefix("file:").startswith(str(HTML))]
    pages: dict[str, list[str]] = {p.relative_to(HTML).as_posix(): [] for p in PAGES}
    for m in book:
        if not any(t.search(m["message"]) for t in THEME_ERRORS):
            pages[Path(m["url"].removeprefix("file:")).relative_to(HTML).as_posix()].append(m["message"])
    return pages


@pytest.mark.parametrize("page", [p.relative_to(HTML).as_posix() for p in PAGES])
def test_no_error_from_the_books_content(errors, page):
    assert errors[page] == [], errors[page][:5]


def test_presented_table_is_valid_html(found):
    assert [m["message"] for m in found if m["url"].endswith("/demo.html")] == []
    raw = [m["message"] for m in found if m["url"].endswith("/raw.html")]
    assert any(PANDAS_ERRORS.search(m) for m in raw), "a raw DataFrame's HTML has errors: the check can fail"
