"""`make book` runs jupyter-book only when an input of the HTML changed: each kind of input brings the build back.

Checked with `make -n` (print, run nothing) and `-W FILE` (as if FILE had just changed): cheap, and nothing is
written. `-o _build/.commit` keeps git's HEAD out of the question (that file is rewritten when HEAD changes).
"""

from __future__ import annotations

import os
import subprocess

import pytest

from libyabook.reference import REPO

BUILD = "jupyter-book build . -W -n --keep-going"


def make_book_would_build(*changed: str) -> bool:
    """Whether `make book` would run jupyter-book if the files ``changed`` had just changed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    cmd = ["make", "-n", "-o", "_build/.commit", "-o", ".venv/.installed"] + [f"--what-if={c}" for c in changed]
    out = subprocess.run([*cmd, "book"], cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout
    return BUILD in out


def one_file(folder: str, pattern: str = "*") -> str:
    return next(p for p in sorted((REPO / folder).rglob(pattern)) if p.is_file()).relative_to(REPO).as_posix()


KINDS = {
    "a chapter": "chapters/01_corpus.ipynb",
    "a page in Markdown": "chapters/sources.md",
    "the landing page": "index.md",
    "the configuration": "_config.yml",
    "the table of contents": "_toc.yml",
    "a processed table": "data/processed/articles.csv",
    "the bibliography": "data/processed/references.bib",
    "a reference table": one_file("data/reference", "*.csv"),
    "the page": "data/raw/libya-entanglement.txt",
    "the Sphinx extension": "src/libyabook/sphinxext.py",
    "a module the chapters import": one_file("src/libyabook/figures", "*.py"),
    "a static file": one_file("_static"),
    "the executed notebooks": "_build/.primed",
    "the Makefile": "Makefile",
    "a folder (a file added or removed)": "_static",
}
if (REPO / "_templates").is_dir():
    KINDS["a template"] = one_file("_templates")


@pytest.mark.parametrize("changed", KINDS.values(), ids=KINDS.keys())
def test_a_changed_input_rebuilds_the_html(changed):
    assert make_book_would_build(changed)


def test_a_new_commit_or_the_installed_packages_rebuild_the_html():
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    cmd = ["make", "-n", "-p", "book"]
    db = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout
    rule = next(line for line in db.splitlines() if line.startswith("_build/.html-built:"))
    assert " _build/.commit " in f"{rule} " and " .venv/.installed " in f"{rule} "


@pytest.mark.skipif(not (REPO / "_build" / ".html-built").exists(), reason="needs a built book (make test builds it)")
def test_nothing_changed_means_no_build():
    assert not make_book_would_build()
