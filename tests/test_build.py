"""The built book: offline HTML, a clean build with the network cut gives byte-identical pages, tracked files untouched.

`make test` builds `_build/html` first and these tests read it. The byte-identity check builds the whole book once
more, from a copy of the repository with the network cut (about a minute): it is marked `reproducible`, left out of
`make test` (pyproject.toml deselects the mark) and run by `make check-reproducible`, which CI runs after `make test`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from libyabook.reference import REPO

HTML = REPO / "_build" / "html"
JB = REPO / ".venv" / "bin" / "jupyter-book"


def html_files(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.suffix in (".html", ".js", ".css", ".png", ".txt")
    }


def test_built_html_requests_nothing_outside_the_machine():
    assert (HTML / "index.html").exists(), "no _build/html: run make book"
    for page in HTML.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in BeautifulSoup(html, "html.parser").find_all(["script", "link", "img", "iframe", "source"]):
            url = tag.get("src") or tag.get("href") or ""
            assert not re.match(r"(https?:)?//", url.strip()), f"{page.name}: {tag}"
        assert "thebe" not in html.lower(), f"{page.name} loads thebe"
        assert "mathjax" not in html.lower(), f"{page.name} loads MathJax"


CHAPTERS = sorted((REPO / "chapters").glob("[0-9][0-9]_*.ipynb"))


def code_outputs(nb) -> str:
    """Every code cell's count and outputs (images included), as JSON: what a build shows of a notebook."""
    cells = [(c.get("execution_count"), c.get("outputs")) for c in nb.cells if c.cell_type == "code"]
    return json.dumps(cells, sort_keys=True)


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_the_book_shows_the_outputs_stored_in_the_chapter(path):
    """The build runs the chapters in kernels kept from one chapter to the next (libyabook.execution); its outputs,
    counts and chart PNGs included, are those stored in the notebook, which `make notebooks` ran in a kernel each
    and nbval checks against a fresh run in a kernel of its own."""
    from jupyter_cache import get_cache

    cache = get_cache(str(REPO / "_build" / ".jupyter_cache"))
    record = cache.get_cached_project_nb(str(path))
    assert record is not None, f"{path.name}: not in the build's notebook cache: run make book"
    assert code_outputs(cache.get_cache_bundle(record.pk).nb) == code_outputs(nbformat.read(path, as_version=4))


def export_tracked_files(dest: Path) -> Path:
    """A copy of the files git tracks (what a clean clone has), with the same commit for the landing page."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, (f.decode() for f in files)):
        if (REPO / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, dest / name)
    return dest


def clean_build(folder: Path, offline: bool) -> Path:
    head = subprocess.run(
        ["git", "rev-parse", "--short=12", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    env = dict(os.environ, LIBYABOOK_COMMIT=head)  # the copy is no git checkout; show the same commit
    chapters = sorted(p.relative_to(folder).as_posix() for p in (folder / "chapters").glob("*.ipynb"))
    # as `make book` does: execute the chapters in parallel into the build's notebook cache, then build
    steps = [
        [sys.executable, "-m", "libyabook.execution", "_build/.jupyter_cache", *chapters],
        [str(JB), "build", ".", "--all", "-W", "-n", "--keep-going", "--quiet"],
    ]
    for step in steps:
        if offline:
            # a new network namespace with only loopback up: the notebook kernels talk to the build over 127.0.0.1
            step = ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", *step]
        done = subprocess.run(step, cwd=folder, capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return folder / "_build" / "html"


def can_cut_network() -> bool:
    return (
        bool(shutil.which("unshare") and shutil.which("ip"))
        and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    )


@pytest.mark.reproducible
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to list the tracked files")
def test_a_second_clean_build_offline_is_byte_identical(tmp_path):
    """Build the tracked files again from scratch, executing every notebook with the network cut, and
    compare every page with _build/html, which `make check-reproducible` has just built clean.

    (An incremental build can differ from a clean one in Sphinx's ?v= cache-busting suffix on one
    stylesheet, added when the file already exists; so the HTML is rebuilt from scratch before this test.)
    """
    assert (HTML / "index.html").exists(), "no _build/html: run make test (or make book)"
    second = clean_build(export_tracked_files(tmp_path / "copy"), offline=can_cut_network())
    ours, theirs = html_files(HTML), html_files(second)
    assert set(ours) == set(theirs), f"pages only in one build: {sorted(set(ours) ^ set(theirs))[:10]}"
    differ = sorted(name for name in ours if ours[name] != theirs[name])
    assert differ == [], f"pages that differ between two clean builds: {differ[:10]}"


@pytest.mark.skipif(os.environ.get("CI") != "true", reason="only meaningful on a clean clone (CI)")
def test_building_leaves_tracked_files_unchanged():
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    assert status == "", f"make book changed tracked files:\n{status}"
