"""Measure the build against a floor book; `make bench`. Prints medians of 3 runs (seconds).

- clean `make book` (no _build; .venv present) vs a floor book with the same number of notebooks that only
  import pandas and matplotlib and draw one chart, built with the same Jupyter Book configuration;
- `make book` again with nothing changed;
- `make test` (after setup and a built book);
- with --executors: executing the chapters into an empty notebook cache as `make book` does
  (`jcache project execute --executor local-parallel`).
Use --skip-test to leave out the slow `make test` timing.
"""
from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"


def timed(cmd: list[str], cwd: Path, before=None) -> float:
    if before:
        before()
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def median_of(n: int, cmd: list[str], cwd: Path, before=None) -> float:
    return statistics.median(timed(cmd, cwd, before) for _ in range(n))


def floor_book(folder: Path, n_notebooks: int) -> None:
    """A book with n notebooks that only import pandas and matplotlib and draw one chart."""
    (folder / "chapters").mkdir(parents=True)
    shutil.copy(ROOT / "_config.yml", folder / "_config.yml")
    config = (folder / "_config.yml").read_text()
    config = config.replace("      - libyabook.sphinxext\n", "").replace("bibtex_bibfiles:\n  - data/processed/references.bib\n", "")
    config = "\n".join(line for line in config.splitlines() if "bibtex" not in line) + "\n"   # no bibliography
    (folder / "_config.yml").write_text(config)
    shutil.copytree(ROOT / "_static", folder / "_static")
    (folder / "index.md").write_text("# Floor book\n\nA book to time the build against.\n")
    files = []
    for i in range(1, n_notebooks + 1):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
        nb.cells = [nbformat.v4.new_markdown_cell(f"# Chapter {i}"), nbformat.v4.new_code_cell(
            "import pandas as pd\nimport matplotlib.pyplot as plt\n"
            f"df = pd.DataFrame({{'x': range({10 + i}), 'y': range({10 + i})}})\n"
            "ax = df.plot(x='x', y='y')\nplt.show()")]
        # each notebook differs, or jupyter-cache would execute one and reuse it for the others
        nbformat.write(nb, folder / "chapters" / f"{i:02d}.ipynb")
        files.append(f"      - file: chapters/{i:02d}")
    (folder / "_toc.yml").write_text("format: jb-book\nroot: index\nparts:\n  - caption: Floor\n    chapters:\n"
                                     + "\n".join(files) + "\n")


def main() -> None:
    skip_test = "--skip-test" in sys.argv
    n = len(list((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb")))
    env_make = ["make", "-s"]

    def wipe(path: Path):
        return lambda: shutil.rmtree(path, ignore_errors=True)

    subprocess.run(["make", "-s", "setup"], cwd=ROOT, check=True)
    ours = median_of(3, env_make + ["book"], ROOT, wipe(ROOT / "_build"))
    with tempfile.TemporaryDirectory() as tmp:
        floor = Path(tmp) / "floor"
        floor_book(floor, n)
        jb = [str(BIN / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going"]
        floor_time = median_of(3, jb, floor, wipe(floor / "_build"))
    noop = median_of(3, env_make + ["book"], ROOT)
    print(f"chapters: {n}")
    print(f"clean make book:   {ours:6.1f} s (median of 3)")
    print(f"floor book:        {floor_time:6.1f} s (median of 3; {n} notebooks importing pandas+matplotlib)")
    print(f"ratio:             {ours / floor_time:6.2f} x (goal: within 1.2x)")
    print(f"no-op make book:   {noop:6.1f} s (median of 3; goal: under 2 s)")
    if not skip_test:
        test = median_of(3, env_make + ["test"], ROOT)
        print(f"make test:         {test:6.1f} s (median of 3; goal: under 90 s)")
    if "--executors" in sys.argv:
        executor_timings()


def executor_timings() -> None:
    """Fill an empty notebook cache with every chapter, as `make book` does (jcache, local-parallel executor)."""
    chapters = sorted(str(p) for p in (ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))
    jcache = str(BIN / "jcache")
    with tempfile.TemporaryDirectory() as tmp:
        jc = Path(tmp) / "cache"

        def fresh():
            shutil.rmtree(jc, ignore_errors=True)
            subprocess.run([jcache, "notebook", "-p", str(jc), "add", *chapters], input="y\n", text=True, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        execute = [jcache, "project", "-p", str(jc), "execute", "--executor", "local-parallel", "--timeout", "300"]
        parallel = median_of(3, execute, ROOT, fresh)
    print(f"execute chapters:  {parallel:6.1f} s (median of 3; {len(chapters)} chapters into an empty cache, "
          "jcache local-parallel)")


if __name__ == "__main__":
    main()
