"""Execute the chapters whose outputs are not cached yet, two at a time, into the book's jupyter-cache.

Jupyter Book executes notebooks one after another; on two cores that leaves one idle. This fills the
same cache (_build/.jupyter_cache) first, in parallel, with the same execution function myst-nb uses, so
the build that follows finds every notebook cached. A notebook that fails is left uncached: the build then
runs it itself and stops with its error, naming the notebook. Usage: prime_cache.py CHAPTER.ipynb...
"""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from jupyter_cache.executors.utils import single_nb_execution

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "_build" / ".jupyter_cache"


def execute(path: Path):
    """Run one notebook in its own folder (as the book's build does); return it with its outcome."""
    nb = nbformat.read(path, as_version=4)
    result = single_nb_execution(nb, cwd=str(path.parent), allow_errors=False, timeout=300, meta_override=True)
    return path, nb, result.err is None, result.time


def main(paths: list[Path]) -> None:
    cache = get_cache(str(CACHE))
    todo = []
    for path in paths:
        try:
            cache.match_cache_notebook(nbformat.read(path, as_version=4))
        except KeyError:
            todo.append(path)
    if not todo:
        return
    print(f"==> [book] executing {len(todo)} notebook(s) whose code or inputs changed, {min(2, len(todo))} at a time")
    with ProcessPoolExecutor(max_workers=min(2, len(todo), os.cpu_count() or 1)) as pool:
        for path, nb, ok, seconds in pool.map(execute, todo):
            rel = path.relative_to(ROOT)
            if not ok:
                print(f"    {rel}: failed; the build will run it again and report the error")
                continue
            record = cache.add_nb_to_project(str(path))
            cache.cache_notebook_bundle(CacheBundleIn(nb, record.uri, data={"execution_seconds": seconds}),
                                        check_validity=False, overwrite=True)
            print(f"    {rel}: executed in {seconds:.1f} s")


if __name__ == "__main__":
    main([Path(p).resolve() for p in sys.argv[1:]])
