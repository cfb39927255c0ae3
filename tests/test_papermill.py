"""Every chapter re-executes with papermill on another page, on an empty window, and refuses bad parameters."""

from __future__ import annotations

import pytest

from libyabook.reference import REPO

papermill = pytest.importorskip("papermill")

CHAPTERS = sorted((REPO / "chapters").glob("[0-9][0-9]_*.ipynb"))
OTHER_PAGE = "tests/data/other-page.txt"


def parameters_of(path) -> set[str]:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    return {line.split("=")[0].strip() for line in cell.source.splitlines() if "=" in line}


def run(path, tmp_path, **parameters):
    out = tmp_path / f"{path.stem}-out.ipynb"
    return papermill.execute_notebook(
        str(path),
        str(out),
        parameters=parameters,
        cwd=str(tmp_path),
        kernel_name="python3",
        progress_bar=False,
        log_output=False,
    )


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_chapter_runs_on_another_page_from_another_directory(path, tmp_path):
    nb = run(path, tmp_path, corpus_path=OTHER_PAGE)
    assert nb.metadata.papermill.exception is None


WINDOWED = [p for p in CHAPTERS if {"start_date", "end_date"} <= parameters_of(p)]


@pytest.mark.parametrize("path", WINDOWED, ids=[p.stem for p in WINDOWED])
def test_empty_window_is_reported_not_failed(path, tmp_path):
    nb = run(path, tmp_path, start_date="1900-01-01", end_date="1900-01-02")
    assert nb.metadata.papermill.exception is None


def expect_error(path, tmp_path, fragment, **parameters):
    with pytest.raises(papermill.PapermillExecutionError) as info:
        run(path, tmp_path, **parameters)
    assert "ParameterError" in info.value.ename
    assert fragment in info.value.evalue


def test_bad_start_date_names_the_parameter(tmp_path):
    expect_error(WINDOWED[0], tmp_path, "start_date='not-a-date'", start_date="not-a-date")


def test_an_integer_date_is_refused_by_name(tmp_path):
    # what `papermill -p start_date 20170801` passes: an int, not a date
    expect_error(WINDOWED[-1], tmp_path, "start_date=20170801", start_date=20170801)


def test_end_before_start_names_end_date(tmp_path):
    expect_error(WINDOWED[0], tmp_path, "end_date='2014-01-01'", start_date="2014-05-01", end_date="2014-01-01")


def test_missing_page_names_corpus_path(tmp_path):
    expect_error(CHAPTERS[0], tmp_path, "corpus_path='no/such/page.txt'", corpus_path="no/such/page.txt")


def findings_html(nb) -> str:
    """The HTML the findings cell of an executed chapter shows."""
    cell = next(c for c in nb.cells if c.cell_type == "code" and "show_findings(" in c.source)
    return "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)


def setup_html(nb) -> str:
    """The HTML the setup cell shows: the study-page note, when there is one."""
    cell = next(c for c in nb.cells if c.cell_type == "code" and "study_note(" in c.source)
    return "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)


@pytest.mark.parametrize("page", ["other", "without 2014"])
def test_chapter_3_elsewhere_says_its_findings_cannot_be_tested(page, tmp_path):
    from pages import write_page_without

    path = OTHER_PAGE if page == "other" else str(write_page_without(tmp_path, "CNN 2014", "CNA 2014"))
    nb = run(REPO / "chapters" / "03_offensive_2014.ipynb", tmp_path, corpus_path=path)
    shown = findings_html(nb)
    assert "finding-status holds" not in shown
    assert shown.count("finding-status untestable") >= 5
    assert "describes the study page" in setup_html(nb)
