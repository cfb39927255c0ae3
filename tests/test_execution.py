"""The build's executor (libyabook.execution): notebooks one after another in one kernel, each as if alone.

Small notebooks, run by one worker so that they share its kernel: no name crosses from one notebook to the next
and cells count from 1 again; a notebook that fails is left uncached and the next one runs; a notebook that kills
the kernel gets the next one a new kernel. (That the book's chapters, run this way, show exactly the outputs a
kernel each gives is tests/test_build.py's check against the outputs stored in the chapters.)
"""

from __future__ import annotations

import logging

import nbformat
import pytest
from jupyter_cache import get_cache

from libyabook.execution import SharedKernelExecutor, execute_into_cache, largest_first

NOTEBOOKS = {
    "a_defines.ipynb": ["secret = 41", "secret + 1"],
    "b_fails.ipynb": ["x = 1", "raise ValueError('a chapter that fails')"],
    "c_reads.ipynb": ["'secret' in dir()", "print('x' in globals(), len(Out))", "2 * 21"],
    "d_kills.ipynb": ["import os\nos._exit(3)"],
    "e_after_kill.ipynb": ["'secret' in dir()", "40 + 2"],
}


def write_notebooks(folder) -> list[str]:
    paths = []
    for name, cells in NOTEBOOKS.items():
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, folder / name)
        paths.append(str(folder / name))
    return paths


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """Every notebook executed by one worker (so in one kernel, but for the one the killer takes down)."""
    folder = tmp_path_factory.mktemp("notebooks")
    paths = write_notebooks(folder)
    cache = get_cache(str(folder / "cache"))
    for path in paths:
        cache.add_nb_to_project(path)
    result = SharedKernelExecutor(cache, logging.getLogger("test")).run_and_cache(
        filter_uris=paths, timeout=60, workers=1
    )
    return folder, paths, cache, result


def cached(cache, path):
    return cache.get_cache_bundle(cache.get_cached_project_nb(path).pk).nb


def test_failures_are_reported_and_left_uncached(run):
    folder, paths, cache, result = run
    assert (result.succeeded, result.excepted, result.errored) == (
        [paths[0], paths[2], paths[4]],
        [paths[1]],
        [paths[3]],
    )
    assert [r.uri for r in cache.list_unexecuted()] == [paths[1], paths[3]]
    assert "a chapter that fails" in cache.get_project_record(paths[1]).traceback


def test_no_name_crosses_from_one_notebook_to_the_next(run):
    folder, paths, cache, result = run
    c = cached(cache, paths[2])
    assert c.cells[0].outputs[0]["data"]["text/plain"] == "False"  # 'secret', from a_defines
    assert c.cells[1].outputs[0]["text"] == "False 1\n"  # no x from b_fails; Out holds this notebook's one result
    assert [cell.execution_count for cell in c.cells] == [1, 2, 3]


def test_a_kernel_that_died_is_replaced(run):
    folder, paths, cache, result = run
    e = cached(cache, paths[4])
    assert e.cells[1].outputs[0]["data"]["text/plain"] == "42"


def test_execute_into_cache_runs_only_what_changed(run):
    folder, paths, cache, result = run
    again = execute_into_cache(folder / "cache", [paths[0], paths[2], paths[4]], timeout=60)
    assert again.succeeded == again.excepted == again.errored == []


def test_the_largest_notebook_goes_first(tmp_path):
    for name, size in [("small.ipynb", 10), ("big.ipynb", 300), ("mid.ipynb", 100), ("mid2.ipynb", 100)]:
        (tmp_path / name).write_text("x" * size)
    names = [
        p.rsplit("/", 1)[-1]
        for p in largest_first([str(tmp_path / n) for n in ["small.ipynb", "mid.ipynb", "big.ipynb", "mid2.ipynb"]])
    ]
    assert names == ["big.ipynb", "mid.ipynb", "mid2.ipynb", "small.ipynb"]
