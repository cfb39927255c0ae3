"""`make book` runs jupyter-book only when an input of the HTML changed: each kind of input brings the build back.
`make test`'s clean build and PDF follow the same inputs: done again only when one changed since the last of them.

Checked on a skeleton of the repository (the real Makefile, one file of each kind, the build's stamps newer than
every input) with `make -n` (print, run nothing) and `--what-if FILE` (as if FILE had just changed): cheap, and
independent of the state of the working tree. `-o _build/.commit` keeps git's HEAD out of the question (that file
is rewritten only when HEAD changes; a test below checks it is a prerequisite).
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from libyabook.reference import REPO

BUILD = "jupyter-book build . -W -n --keep-going"
KINDS = {
    "a chapter": "chapters/01_corpus.ipynb",
    "a page in Markdown": "chapters/sources.md",
    "the landing page": "index.md",
    "the configuration": "_config.yml",
    "the table of contents": "_toc.yml",
    "a processed table": "data/processed/articles.csv",
    "the bibliography": "data/processed/references.bib",
    "a reference table": "data/reference/entities.csv",
    "the page": "data/raw/libya-entanglement.txt",
    "the Sphinx extension": "src/libyabook/sphinxext.py",
    "a module the chapters import": "src/libyabook/figures/plots.py",
    "a static file": "_static/custom.css",
    "a template": "_templates/layout.html",
    "the executed notebooks": "_build/.primed",
    "the installed packages": ".venv/.installed",
    "the Makefile": "Makefile",
    "a folder (a file added or removed)": "_static",
}
OTHERS = ["requirements.txt", "pyproject.toml", "data/raw/README.md"]
STAMPS = ["_build/.extracted", "_build/.inputs.sha256", "_build/.primed", "_build/.commit", "_build/.html-built"]
STAMPS += ["_build/.html-full", "_build/pdf/libya-entanglement.pdf"]  # a full build of the HTML, the PDF
CLEAN_BUILD = "jupyter-book build . --all -W -n --keep-going --quiet"
PRINT = "scripts/pdf.py _build/singlehtml/index.html"


@pytest.fixture(scope="module")
def skeleton(tmp_path_factory):
    """The Makefile with one file of each kind, every input older than the build's stamps, the HTML present."""
    root = tmp_path_factory.mktemp("skeleton")
    inputs = [k for k in KINDS.values() if not k.startswith(("_build/", ".venv/")) and k not in ("_static", "Makefile")]
    for name in inputs + OTHERS + [".venv/.installed", "_build/html/index.html"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x\n")
    shutil.copy(REPO / "Makefile", root / "Makefile")
    for i, name in enumerate(STAMPS):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x\n")
        os.utime(root / name, (2_000_000_000 + i, 2_000_000_000 + i))
    return root


def make_env() -> dict[str, str]:
    """This environment without an outer make's variables (its job server, its flags)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}


def would_run(root, target: str, command: str, *changed: str) -> bool:
    """Whether `make target` would run ``command`` in ``root`` if the files ``changed`` had just changed."""
    cmd = ["make", "-n", "-o", "_build/.commit"] + [f"--what-if={c}" for c in changed] + [target]
    return command in subprocess.run(cmd, cwd=root, env=make_env(), capture_output=True, text=True, check=True).stdout


def make_book_would_build(root, *changed: str) -> bool:
    """Whether `make book` would run jupyter-book in ``root`` if the files ``changed`` had just changed."""
    return would_run(root, "book", BUILD, *changed)


def test_nothing_changed_means_no_build(skeleton):
    assert not make_book_would_build(skeleton)


@pytest.mark.parametrize("changed", KINDS.values(), ids=KINDS.keys())
def test_a_changed_input_rebuilds_the_html(skeleton, changed):
    assert make_book_would_build(skeleton, changed)


def test_no_html_means_a_build(skeleton, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(skeleton, root, symlinks=True)
    shutil.rmtree(root / "_build" / "html")
    assert make_book_would_build(root)


def test_a_new_commit_rebuilds_the_html(skeleton):
    cmd = ["make", "-n", "-p", "book"]
    db = subprocess.run(cmd, cwd=skeleton, env=make_env(), capture_output=True, text=True).stdout
    rule = next(line for line in db.splitlines() if line.startswith("_build/.html-built:"))
    assert " _build/.commit " in f"{rule} "


def test_nothing_changed_since_the_last_full_build_means_no_clean_build_and_no_printing(skeleton):
    assert not would_run(skeleton, "html-clean", CLEAN_BUILD)
    assert not would_run(skeleton, "pdf", PRINT)


@pytest.mark.parametrize("changed", KINDS.values(), ids=KINDS.keys())
def test_a_changed_input_brings_back_the_clean_build_and_the_pdf(skeleton, changed):
    assert would_run(skeleton, "html-clean", CLEAN_BUILD, changed)
    assert would_run(skeleton, "pdf", PRINT, changed)


def test_an_incremental_build_since_the_full_one_brings_back_the_clean_build(skeleton):
    assert would_run(skeleton, "html-clean", CLEAN_BUILD, "_build/.html-built") is False  # the stamp is no input
    assert would_run(skeleton, "html-clean", CLEAN_BUILD, "index.md")


def book_stamps_a_full_build(root, with_environment: bool) -> bool:
    """Run the book's build rule for real in ``root`` (a stand-in jupyter-book): is $(HTML_FULL) stamped anew?"""
    fake = root / ".venv" / "bin" / "jupyter-book"
    fake.parent.mkdir(parents=True, exist_ok=True)
    fake.write_text("#!/bin/sh\nmkdir -p _build/html && echo built > _build/html/index.html\n")
    fake.chmod(0o755)
    if with_environment:
        (root / "_build" / ".doctrees").mkdir(parents=True, exist_ok=True)
        (root / "_build" / ".doctrees" / "environment.pickle").write_text("x\n")
    os.utime(root / "index.md", (2_100_000_000, 2_100_000_000))  # an input newer than every stamp
    before = (root / "_build" / ".html-full").stat().st_mtime
    subprocess.run(["make", "-s", "-o", "_build/.commit", "_build/.html-built"], cwd=root, env=make_env(), check=True)
    assert (root / "_build" / "html" / "index.html").read_text() == "built\n"
    return (root / "_build" / ".html-full").stat().st_mtime != before


def test_a_first_book_build_counts_as_the_full_build_and_an_incremental_one_does_not(skeleton, tmp_path):
    for with_environment in (False, True):
        root = tmp_path / f"copy-{with_environment}"
        shutil.copytree(skeleton, root, symlinks=True)
        assert book_stamps_a_full_build(root, with_environment) is not with_environment
