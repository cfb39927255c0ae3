"""Executing notebooks one after another in one kernel: the build's executor and the papermill tests' runner.

Starting a python3 kernel and importing pandas and matplotlib in it costs about 1.5 s of CPU a notebook; a kernel
kept between notebooks pays that once (``SharedKernel``). Between two notebooks the kernel starts a new IPython
session (``reset(new_session=True)``): no name a notebook defined survives, and cells count from 1 again, so a
notebook's outputs are byte for byte those of a kernel of its own (``tests/test_execution.py``). Only imported
modules are shared. That each chapter stands alone is checked elsewhere: nbval gives each its own kernel.

``python -m libyabook.execution CACHE NOTEBOOK...`` (`make book`) fills jupyter-cache's store, which Jupyter Book
reads, with the notebooks whose code or inputs changed: a thread per core and one more (``default_workers``),
each with its own shared kernel, each taking the next notebook, largest file first, when it is free.
jupyter-cache's ``local-parallel`` executor does the same with a process per core and a new kernel for every
notebook (the 9 chapters into an empty cache, medians of 3 alternated: 17.8 s with jcache, 11.0 s here; README,
Speed).
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import sys
import threading
from pathlib import Path

import nbclient
import nbformat
from jupyter_cache import get_cache
from jupyter_cache.executors.base import ExecutorRunResult, JupyterExecutorAbstract
from jupyter_cache.executors.basic import ExecutionWorkerLocalSerial, ProcessData
from jupyter_cache.executors.utils import ExecutionResult, single_nb_execution
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

#: Run in the kernel between two notebooks: a new session forgets every user name and restarts the cell count.
NEW_SESSION = "get_ipython().reset(new_session=True)"
#: The executor's logger: a line as each notebook starts, succeeds or fails (jupyter-cache's worker writes them).
LOGGER = "libyabook.execution"


def default_workers() -> int:
    """One thread more than cores: while a kernel starts, or waits on its client, another keeps the core busy
    (9 chapters on 2 cores, medians of 4: 2 threads 11.2 s, 3 threads 10.1 s, 4 threads 11.0 s)."""
    return (os.cpu_count() or 1) + 1


class SharedKernel:
    """One python3 kernel for notebooks executed one after another in the same folder; replaced if one killed it."""

    def __init__(self, kernel_name: str = "python3"):
        self.kernel_name = kernel_name
        self.km = None
        self.cwd: str | None = None

    def manager(self, cwd: str | Path):
        """The kernel manager for the next notebook run in ``cwd``: the last one, in a new session, if it is alive
        and was started there; else a new one, not started (the executor starts it in ``cwd``)."""
        cwd = str(cwd)
        if self.km is not None and self.cwd == cwd and self.km.has_kernel and run_sync(self.km.is_alive)():
            self._new_session()
            return self.km
        self.close()
        self.km, self.cwd = AsyncKernelManager(kernel_name=self.kernel_name), cwd
        return self.km

    def _new_session(self) -> None:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(NEW_SESSION)])
        nbclient.NotebookClient(nb, km=self.km, kernel_name=self.kernel_name).execute()

    def close(self) -> None:
        """Stop the kernel, if one was started."""
        km, self.km = self.km, None
        if km is not None and km.has_kernel:
            with contextlib.suppress(RuntimeError):  # it had died already: no process to stop
                run_sync(km.shutdown_kernel)(now=True)


class _SharedKernelWorker(ExecutionWorkerLocalSerial):
    """jupyter-cache's worker (logging, caching the result, recording a traceback) with a shared kernel."""

    def __init__(self, logger: logging.Logger, kernel: SharedKernel):
        super().__init__(logger)
        self.kernel = kernel

    def execute(self, project_nb, data: ProcessData) -> ExecutionResult:
        cwd = str(Path(project_nb.uri).parent)
        km = self.kernel.manager(cwd)
        return single_nb_execution(project_nb.nb, cwd=cwd, timeout=data.timeout, allow_errors=data.allow_errors, km=km)


class SharedKernelExecutor(JupyterExecutorAbstract):
    """Execute the project's unexecuted notebooks with ``workers`` threads, each keeping one kernel."""

    def run_and_cache(
        self, *, filter_uris=None, filter_pks=None, timeout=30, allow_errors=False, force=False, workers=None
    ) -> ExecutorRunResult:
        records = self.get_records(filter_uris, filter_pks, clear_tracebacks=True, force=force)
        order = {uri: i for i, uri in enumerate(filter_uris or [])}
        todo = queue.SimpleQueue()
        for record in sorted(records, key=lambda r: order.get(r.uri, len(order))):
            todo.put(ProcessData(record.pk, record.uri, self.cache, timeout, allow_errors))
        results: list[tuple[int, str]] = []

        def work() -> None:
            kernel = SharedKernel()
            worker = _SharedKernelWorker(self.logger, kernel)
            try:
                while True:
                    try:
                        data = todo.get_nowait()
                    except queue.Empty:
                        return
                    results.append(worker(data))
            finally:
                kernel.close()

        # daemon threads: an interrupted build stops at once (a kernel whose parent is gone exits by itself)
        n = min(workers or default_workers(), len(records))
        threads = [threading.Thread(target=work, daemon=True) for _ in range(n)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return ExecutorRunResult(
            succeeded=[uri for status, uri in results if status == 0],
            excepted=[uri for status, uri in results if status == 1],
            errored=[uri for status, uri in results if status == 2],
        )


def largest_first(notebooks: list[str]) -> list[str]:
    """The notebooks' absolute paths, largest file first (ties in the order given)."""
    uris = [str(Path(nb).absolute()) for nb in notebooks]
    return sorted(uris, key=lambda uri: -Path(uri).stat().st_size)


def execute_into_cache(cache_dir: str | Path, notebooks: list[str], timeout: int = 300) -> ExecutorRunResult:
    """Add ``notebooks`` to the jupyter-cache project in ``cache_dir`` and execute those whose outputs it lacks,
    largest file first (more outputs, longer to run), so that the threads end close together."""
    cache = get_cache(str(cache_dir))
    uris = largest_first(notebooks)
    for uri in uris:
        cache.add_nb_to_project(uri)
    return SharedKernelExecutor(cache, logging.getLogger(LOGGER)).run_and_cache(filter_uris=uris, timeout=timeout)


def main(argv: list[str]) -> int:
    """``python -m libyabook.execution CACHE NOTEBOOK...``: a line per notebook; a failure leaves it uncached
    (Jupyter Book then runs it again and reports its error), so the exit status is 0."""
    logger = logging.getLogger(LOGGER)
    logger.addHandler(logging.StreamHandler(sys.stdout))
    logger.setLevel(logging.INFO)
    cache_dir, notebooks = argv[0], argv[1:]
    result = execute_into_cache(cache_dir, notebooks)
    print(f"executed {len(result.succeeded)}, failed {len(result.excepted) + len(result.errored)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
