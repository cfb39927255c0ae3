"""Chapters re-execute with papermill on an empty window and on a page without some items, and refuse bad parameters.

Every chapter's run on another page from another working directory is in tests/test_hostile.py: the hostile page
holds every item of tests/data/other-page.txt, so one run per chapter serves both. The parameter rules themselves
(each bad value and its message) are unit-tested in tests/test_params.py; two runs here prove the notebooks' wiring.
The runs share one kernel, one after another (tests/executed.py, OneKernel).
"""

from __future__ import annotations

import pytest

from libyabook.reference import REPO

from executed import OneKernel, Run, says_findings_cannot_be_tested

papermill = pytest.importorskip("papermill")

CHAPTERS = sorted((REPO / "chapters").glob("[0-9][0-9]_*.ipynb"))


def parameters_of(path) -> set[str]:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    return {line.split("=")[0].strip() for line in cell.source.splitlines() if "=" in line}


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    """One kernel for this file's runs, one after another (tests/executed.py, OneKernel)."""
    one = OneKernel(tmp_path_factory.mktemp("papermill-cwd"))
    yield one
    one.close()


def run(kernel, path, tmp_path, **parameters) -> Run:
    return kernel.run(path, tmp_path / f"{path.stem}-out.ipynb", **parameters)


WINDOWED = [p for p in CHAPTERS if {"start_date", "end_date"} <= parameters_of(p)]


@pytest.mark.parametrize("path", WINDOWED, ids=[p.stem for p in WINDOWED])
def test_empty_window_is_reported_not_failed(kernel, path, tmp_path):
    done = run(kernel, path, tmp_path, start_date="1900-01-01", end_date="1900-01-02")
    assert done.ok, done.error
    assert done.nb.metadata.papermill.exception is None


def expect_error(kernel, path, tmp_path, fragment, **parameters):
    error = run(kernel, path, tmp_path, **parameters).error
    assert isinstance(error, papermill.PapermillExecutionError), error
    assert "ParameterError" in error.ename
    assert fragment in error.evalue


def test_an_integer_date_is_refused_by_name(kernel, tmp_path):
    # what `papermill -p start_date 20170801` passes: an int, not a date; the window's check is wired in
    expect_error(kernel, WINDOWED[-1], tmp_path, "start_date=20170801", start_date=20170801)


def test_missing_page_names_corpus_path(kernel, tmp_path):
    expect_error(kernel, CHAPTERS[0], tmp_path, "corpus_path='no/such/page.txt'", corpus_path="no/such/page.txt")


def test_chapter_3_without_its_2014_items_says_its_findings_cannot_be_tested(kernel, tmp_path):
    # on another page altogether: tests/test_hostile.py
    from pages import write_page_without

    path = str(write_page_without(tmp_path, "CNN 2014", "CNA 2014"))
    done = run(kernel, REPO / "chapters" / "03_offensive_2014.ipynb", tmp_path, corpus_path=path)
    assert done.ok, done.error
    says_findings_cannot_be_tested(done.nb)
