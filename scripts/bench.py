"""Measure the extraction and the build; `make bench`. Prints times in seconds.

Extraction (first; `--extract-only` stops after it):
- `python -m libyabook extract` on the page against `python -c "import pandas"` (CPU, best of 5; goal 1.5x);
- an N x page (the page's items repeated N times, updates renumbered) for N = 1, 10, 100, 1000: wall time
  and peak memory of the command (goal: 1000x in 15 s and 250 MB);
- the worst shapes of a single line (issue 13), each in a one-line page, timed with a budget per line.
Build (medians of 3 runs):
- clean `make book` (no _build; .venv present) vs a floor book with the same number of notebooks that only
  import pandas and matplotlib and draw one chart, built with the same Jupyter Book configuration;
- `make book` again with nothing changed (wall and CPU seconds; make skips jupyter-book when no input changed);
- `make test` (after setup and a built book), wall and CPU seconds, and `make check-reproducible`; the steps
  before pytest alone (lint, clean HTML, PDF, workflow check: mostly one process at a time), so that the time on a
  quiet machine can be estimated as those steps' wall time + pytest's CPU seconds / cores;
- with --executors: executing the chapters into an empty notebook cache as `make book` does
  (`python -m libyabook.execution`), and with jupyter-cache's `jcache project execute --executor local-parallel`.
Use --skip-test to leave out the slow `make test` timing, --skip-extract to leave out the extraction's, --loop to
time only the edit-test loop (no-op `make book` and `make test`, each a median of 3, after a `make book`).
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"


def wall_and_cpu(cmd: list[str], cwd: Path, before=None) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system of the command and every process it waited for)."""
    if before:
        before()
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)


def timed(cmd: list[str], cwd: Path, before=None) -> float:
    return wall_and_cpu(cmd, cwd, before)[0]


def median_of(n: int, cmd: list[str], cwd: Path, before=None) -> float:
    return statistics.median(timed(cmd, cwd, before) for _ in range(n))


def medians_of(n: int, cmd: list[str], cwd: Path, before=None) -> tuple[float, float]:
    """Median wall and median CPU seconds of n runs (CPU is steadier than wall time on a loaded machine)."""
    runs = [wall_and_cpu(cmd, cwd, before) for _ in range(n)]
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def floor_book(folder: Path, n_notebooks: int) -> None:
    """A book with n notebooks that only import pandas and matplotlib and draw one chart."""
    (folder / "chapters").mkdir(parents=True)
    shutil.copy(ROOT / "_config.yml", folder / "_config.yml")
    config = (folder / "_config.yml").read_text()
    config = config.replace("      - libyabook.sphinxext\n", "").replace(
        "bibtex_bibfiles:\n  - data/processed/references.bib\n", ""
    )
    config = "\n".join(line for line in config.splitlines() if "bibtex" not in line) + "\n"  # no bibliography
    (folder / "_config.yml").write_text(config)
    shutil.copytree(ROOT / "_static", folder / "_static")
    (folder / "index.md").write_text("# Floor book\n\nA book to time the build against.\n")
    files = []
    for i in range(1, n_notebooks + 1):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
        nb.cells = [
            nbformat.v4.new_markdown_cell(f"# Chapter {i}"),
            nbformat.v4.new_code_cell(
                "import pandas as pd\nimport matplotlib.pyplot as plt\n"
                f"df = pd.DataFrame({{'x': range({10 + i}), 'y': range({10 + i})}})\n"
                "ax = df.plot(x='x', y='y')\nplt.show()"
            ),
        ]
        # each notebook differs, or jupyter-cache would execute one and reuse it for the others
        nbformat.write(nb, folder / "chapters" / f"{i:02d}.ipynb")
        files.append(f"      - file: chapters/{i:02d}")
    (folder / "_toc.yml").write_text(
        "format: jb-book\nroot: index\nparts:\n  - caption: Floor\n    chapters:\n" + "\n".join(files) + "\n"
    )


PAGE = ROOT / "data" / "raw" / "libya-entanglement.txt"
SHAPE_HEAD = "Test Title\n\nTest Title\n\nA lead. Reuters's Test Reporter reports.\n\nWould you like to know more?\n\n"
SHAPE_UPDATE = "\n\n  1. An update (bbc, Oct 9, 2019):\n\n    An excerpt line.\n"
SHAPE_LINKED = "Headline (bbc, Oct 9, 2019)\n\n"


def scaled_page(text: str, n: int) -> str:
    """The page with its linked/related block and its updates repeated n times (updates renumbered)."""
    sys.path.insert(0, str(ROOT / "src"))
    from libyabook.extract.corpus import COMMENT_FORM, SECTION_HEADER, UPDATE_START

    lines = text.split("\n")
    header = lines.index(SECTION_HEADER)
    first_update = next(i for i, line in enumerate(lines) if UPDATE_START.match(line))
    tail = len(lines)
    while tail and (not lines[tail - 1].strip() or COMMENT_FORM.match(lines[tail - 1].strip())):
        tail -= 1
    out = lines[: header + 1] + lines[header + 1 : first_update] * n
    for k in range(n):
        out += [
            re.sub(r"^( {1,3})(\d+)\.", lambda m, k=k: f"{m.group(1)}{k * 100 + int(m.group(2))}.", line)
            for line in lines[first_update:tail]
        ]
    return "\n".join(out + lines[tail:])


def line_shapes(n: int) -> dict[str, str]:
    """One-line hostile pages of about n characters: the shapes issue 13 measured as quadratic."""
    return {
        "related line 'x (a, a, a, ...'": SHAPE_HEAD + "x (" + "a, " * (n // 3) + SHAPE_UPDATE,
        "update header '  1. a' + spaces": SHAPE_HEAD + SHAPE_LINKED + "  1. a" + " " * n + "\n",
        "excerpt \" 'a 'a 'a ...\" (single marks)": SHAPE_HEAD
        + SHAPE_LINKED
        + "“Text"
        + " 'a" * (n // 3)
        + ".”\n"
        + SHAPE_UPDATE,
        "excerpt of names 'Khalifa Haftar ...'": SHAPE_HEAD
        + SHAPE_LINKED
        + "“Text "
        + "Khalifa Haftar " * (n // 15)
        + ".”\n"
        + SHAPE_UPDATE,
        "headline '(CNN, May 22, 2014' + spaces": SHAPE_HEAD + "T (CNN, May 22, 2014" + " " * n + SHAPE_UPDATE,
        "excerpt of dots 'a....x' (sentence splitters)": SHAPE_HEAD
        + SHAPE_LINKED
        + "Some text "
        + "." * n
        + "x\n\nA Headline\n"
        + SHAPE_UPDATE,
        "excerpt 'Text 1,111,111,...' (claims)": SHAPE_HEAD
        + SHAPE_LINKED
        + "“Text 1"
        + ",111" * (n // 4)
        + " migrants.”\n"
        + SHAPE_UPDATE,
        "excerpt 'Text 1,111,1,111,...' (a claim per 6 chars)": SHAPE_HEAD
        + SHAPE_LINKED
        + "“Text "
        + "1,111," * (n // 6)
        + "migrants.”\n"
        + SHAPE_UPDATE,
        **{f"one sentence of {what}": one_sentence(unit, n) for what, unit in SENTENCE_UNITS.items()},
        **{f"one paragraph of {what}": one_paragraph(unit, n) for what, unit in PARAGRAPH_UNITS.items()},
    }


#: Units repeated into one long sentence (found quadratic or worse on 1 December 2026: see README, Speed).
SENTENCE_UNITS = {
    "'allegedly 12 migrants killed on Monday, ...'": "allegedly 12 migrants killed on Monday, ",
    "'reportedly a tweet said 5 died, ...'": "reportedly a tweet said 5 died, ",
    "single quotes '‘a’ ‘a’ ...'": "‘a’ ",
    "straight single quotes \"'a' 'a' ...\"": "'a' ",
    "double quotes '“a” “a” ...'": "“a” ",
    "participles 'Haftar, claiming ‘a’, ...'": "Haftar, claiming ‘a’, ",
    "participles '‘a’, saying ...'": "‘a’, saying ",
    "participles with pronouns 'they, adding ‘a’, but ...'": "they, adding ‘a’, but ",
    "labels 'terror cult terrorism ...'": "terror cult terrorism ",  # overlapping labels: quadratic before 2 December
}

#: Units repeated into one long paragraph of many quoted sentences (quotations x paragraph before 1 December 2026).
PARAGRAPH_UNITS = {
    "'“We are ready,” he said. ...'": "“We are ready,” he said. ",
    "'“We are ready,” Khalifa Haftar said. ...'": "“We are ready,” Khalifa Haftar said. ",
    "'They said: “We are ready.” ...'": "They said: “We are ready.” ",
    "\"He called it 'a coup'. ...\"": "He called it 'a coup'. ",
    "'“We are ready,” Khalifa Haftar said. “Go,” he said. ...'": "“We are ready,” Khalifa Haftar said. “Go,” he said. ",
    "paragraphs '“We are ready,” he said.' (many lines)": "“We are ready,” he said.\n\n",
    "statements joined by a word '“a b c d e,”b“a b c d e,”b...'": "“a b c d e,”b",  # cubic before 2 December
}


def one_sentence(unit: str, n: int) -> str:
    """A one-excerpt page whose excerpt is a single sentence of about n characters: unit repeated."""
    return SHAPE_HEAD + SHAPE_LINKED + "“Text " + unit * (n // len(unit)) + "migrants.”\n" + SHAPE_UPDATE


def one_paragraph(unit: str, n: int) -> str:
    """A one-excerpt page whose excerpt is a single paragraph (no outer marks) of about n characters: unit
    repeated."""
    return SHAPE_HEAD + SHAPE_LINKED + unit * (n // len(unit)) + "\n" + SHAPE_UPDATE


@dataclass(frozen=True)
class Run:
    """One extraction: wall and CPU (user + system) seconds, peak resident MB, exit status (None: killed)."""

    wall: float
    cpu: float
    peak_mb: float
    status: int | None


#: Address-space cap of one timed extraction: a shape whose tables would grow faster than the line (as the claims
#: ledger did when it repeated a sentence for each of its claims) fails at the cap instead of filling the machine.
MEMORY_CAP = 4 * 2**30


def _memory_cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_extract(page: Path, out: Path, timeout: float) -> Run:
    """Run one extraction, killed at the timeout."""
    cmd = [str(BIN / "python"), "-m", "libyabook", "extract", str(page), "--out", str(out), "--quiet"]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=_memory_cap)
    killed = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - t0 > timeout and not killed:
            proc.kill()
            killed = True
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: keep Popen from waiting again
    cpu = usage.ru_utime + usage.ru_stime
    return Run(time.perf_counter() - t0, cpu, usage.ru_maxrss / 1024, None if killed else proc.returncode)


def cpu_seconds(cmd: list[str]) -> float:
    """CPU time (user + system) of one run: steadier than wall time on a loaded machine."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime


def bench_extract(sizes: list[int], line_chars: int, budget: float) -> None:
    """Print the extraction timings: against import pandas, N x pages, hostile line shapes."""
    with tempfile.TemporaryDirectory() as tmp:
        py = str(BIN / "python")
        floor, ours = [], []
        for _ in range(5):  # interleaved, best of five: both see the same machine
            floor.append(cpu_seconds([py, "-c", "import pandas"]))
            ours.append(cpu_seconds([py, "-m", "libyabook", "extract", str(PAGE), "--out", f"{tmp}/o", "--quiet"]))
        print(
            f"extract the page: {min(ours):6.2f} s CPU vs import pandas {min(floor):.2f} s "
            f"({min(ours) / min(floor):.2f}x; goal: within 1.5x)"
        )
        text = PAGE.read_text(encoding="utf-8")
        for n in sizes:
            page = Path(tmp) / f"page{n}.txt"
            page.write_text(scaled_page(text, n), encoding="utf-8")
            run = run_extract(page, Path(tmp) / f"out{n}", timeout=600)
            print(
                f"{n:5d}x page ({page.stat().st_size / 1e6:6.1f} MB): {run.wall:7.1f} s wall, {run.cpu:7.1f} s CPU, "
                f"{run.peak_mb:6.0f} MB peak, exit {run.status} (goal for 1000x: 15 s, 250 MB)"
            )
        for name, content in line_shapes(line_chars).items():
            page = Path(tmp) / "shape.txt"
            page.write_text(content, encoding="utf-8")
            run = run_extract(page, Path(tmp) / "shape-out", timeout=budget)
            verdict = (
                f"OVER BUDGET ({budget:.0f} s, killed)"
                if run.status is None
                else "ok"
                if run.status in (0, 2)
                else f"FAILED (exit {run.status}; over {MEMORY_CAP >> 30} GB?)"
            )
            print(
                f"line of {line_chars // 1000} KB, {name:48s} {run.wall:6.1f} s wall {run.cpu:6.1f} s CPU "
                f"exit {run.status} {verdict}"
            )


def main() -> None:
    skip_test = "--skip-test" in sys.argv
    sizes = [1, 10, 100, 1000] if "--quick" not in sys.argv else [1, 10, 100]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other jobs inflate wall times)")
    if "--loop" in sys.argv:
        bench_loop()
        return
    if "--skip-extract" not in sys.argv:
        bench_extract(sizes, line_chars=1_000_000 if "--quick" not in sys.argv else 32_000, budget=30)
    if "--extract-only" in sys.argv:
        return
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
    noop, noop_cpu = medians_of(3, env_make + ["book"], ROOT)
    print(f"chapters: {n}")
    print(f"clean make book:   {ours:6.1f} s (median of 3)")
    print(f"floor book:        {floor_time:6.1f} s (median of 3; {n} notebooks importing pandas+matplotlib)")
    print(f"ratio:             {ours / floor_time:6.2f} x (goal: within 1.2x)")
    print(f"no-op make book:   {noop:6.2f} s (median of 3; {noop_cpu:.2f} s CPU; goal: under 2 s)")
    if not skip_test:
        bench_test(env_make)
        check, cpu = medians_of(3, env_make + ["check-reproducible"], ROOT)
        print(f"check-reproducible:{check:6.1f} s (median of 3; {cpu:.0f} s CPU; a clean build and one offline)")
    print(f"load average now:  {' '.join(f'{x:.1f}' for x in os.getloadavg())} (on {os.cpu_count()} cores)")
    if "--executors" in sys.argv:
        executor_timings()


def bench_loop() -> None:
    """The edit-test loop alone: `make book` with nothing changed, then `make test` (medians of 3)."""
    subprocess.run(["make", "-s", "book"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    noop, noop_cpu = medians_of(3, ["make", "-s", "book"], ROOT)
    print(f"no-op make book:   {noop:6.2f} s (median of 3; {noop_cpu:.2f} s CPU; goal: under 2 s)")
    bench_test(["make", "-s"])
    print(f"load average now:  {' '.join(f'{x:.1f}' for x in os.getloadavg())} (on {os.cpu_count()} cores)")


def bench_test(env_make: list[str]) -> None:
    """`make test`, then the steps it runs before pytest, each a median of 3 (wall and CPU seconds).

    On a shared machine the wall time says little; the steps before pytest run mostly one process at a time and
    pytest keeps every core busy (pytest-xdist), so a quiet machine needs about: their wall + pytest's CPU / cores.
    """
    test, cpu = medians_of(3, env_make + ["test"], ROOT)
    print(f"make test:         {test:6.1f} s (median of 3; {cpu:.0f} s CPU; goal: under 90 s)")
    before, before_cpu = medians_of(3, env_make + ["lint", "html-clean", "pdf", "check-workflow"], ROOT)
    cores = os.cpu_count() or 1
    quiet = before + (cpu - before_cpu) / cores
    print(f"  before pytest:   {before:6.1f} s (median of 3; {before_cpu:.0f} s CPU: lint, clean HTML, PDF, workflow)")
    print(f"  pytest:          {test - before:6.1f} s, {cpu - before_cpu:.0f} s CPU")
    print(f"  quiet {cores}-core estimate: {quiet:6.1f} s ({before:.1f} s + {cpu - before_cpu:.0f} s CPU / {cores})")


def executor_timings() -> None:
    """Fill an empty notebook cache with every chapter: as `make book` does (libyabook.execution: a kernel per core,
    kept between chapters) and with jupyter-cache's own commands (`jcache notebook add`, then `jcache project execute
    --executor local-parallel`: a kernel per chapter), each a median of 3."""
    # largest file first, as the Makefile gave them to jcache (libyabook.execution orders them so itself)
    chapters = sorted(
        (str(p) for p in (ROOT / "chapters").glob("[0-9][0-9]_*.ipynb")), key=lambda p: -Path(p).stat().st_size
    )
    jcache = str(BIN / "jcache")
    with tempfile.TemporaryDirectory() as tmp:
        jc = Path(tmp) / "cache"

        def ours() -> float:
            shutil.rmtree(jc, ignore_errors=True)
            return timed([str(BIN / "python"), "-m", "libyabook.execution", str(jc), *chapters], ROOT)

        def theirs() -> float:
            shutil.rmtree(jc, ignore_errors=True)
            t0 = time.perf_counter()
            add = [jcache, "notebook", "-p", str(jc), "add", *chapters]
            subprocess.run(
                add, input="y\n", text=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            execute = [jcache, "project", "-p", str(jc), "execute", "--executor", "local-parallel", "--timeout", "300"]
            timed(execute, ROOT)
            return time.perf_counter() - t0

        runs = [(ours(), theirs()) for _ in range(3)]  # alternated, so that a change of load hits both
    mine, jc_time = (statistics.median(r[i] for r in runs) for i in (0, 1))
    print(f"execute chapters:  {mine:6.1f} s (median of 3; {len(chapters)} chapters into an empty cache, as make book)")
    print(f"  with jcache:     {jc_time:6.1f} s (median of 3; add, then local-parallel: a kernel per chapter)")


if __name__ == "__main__":
    main()
