"""What an executed chapter (a notebook papermill wrote) shows: the HTML of its findings and setup cells."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def cell_html(nb, call: str) -> str:
    """The HTML output of the first code cell whose source contains ``call``."""
    cell = next(c for c in nb.cells if c.cell_type == "code" and call in c.source)
    return "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)


def findings_html(nb) -> str:
    """The HTML the findings cell of an executed chapter shows."""
    return cell_html(nb, "show_findings(")


def setup_html(nb) -> str:
    """The HTML the setup cell shows: the study-page note, when there is one."""
    return cell_html(nb, "study_note(")


def says_findings_cannot_be_tested(nb) -> None:
    """Assert what chapter 3 shows on a page that is not the study page: no finding holds, they cannot be tested."""
    shown = findings_html(nb)
    assert "finding-status holds" not in shown
    assert shown.count("finding-status untestable") >= 5
    assert "describes the study page" in setup_html(nb)


#: jupyter_client picks a kernel's TCP ports by binding and releasing them, then the kernel binds them: another
#: process can take one in between, and the new kernel dies at once (jupyter/jupyter_client#154). Seen once in
#: five soak runs at load 10-12; a kernel that died before answering ran no cell, so one more start tests the same.
KERNEL_START_RACE = "Kernel died before replying to kernel_info"


def retry_kernel_start(run):
    """``run()``, once more if its kernel died before answering (KERNEL_START_RACE); any other failure stands."""
    try:
        return run()
    except RuntimeError as error:
        if KERNEL_START_RACE not in str(error):
            raise
        return run()


@dataclass
class Run:
    """One chapter executed by papermill: the notebook it wrote, or the error that stopped it."""

    nb: object | None
    error: Exception | None

    @property
    def ok(self) -> bool:
        return self.error is None


class OneKernel:
    """Chapters executed by papermill one after another in one python3 kernel (``libyabook.execution.SharedKernel``:
    a new IPython session between them), papermill's error returned rather than raised.

    Each chapter's own code runs exactly as papermill runs it (parameters injected, working directory ``cwd``);
    only the kernel start and the imports of pandas and matplotlib, about 1.5 s of CPU a chapter, are shared.
    """

    def __init__(self, cwd: Path):
        from libyabook.execution import SharedKernel

        self.cwd = cwd
        self.kernel = SharedKernel()

    def run(self, notebook: Path, out: Path, **parameters) -> Run:
        """Execute ``notebook`` into ``out`` with these parameters; papermill's error is returned, not raised."""
        import papermill

        def execute():
            return papermill.execute_notebook(
                str(notebook), str(out), parameters=parameters, cwd=str(self.cwd), kernel_name="python3",
                progress_bar=False, log_output=False, km=self.kernel.manager(self.cwd),
            )  # fmt: skip

        try:
            return Run(retry_kernel_start(execute), None)
        except Exception as error:  # noqa: BLE001  (the test reads the error: papermill's, or a kernel's)
            return Run(None, error)

    def close(self) -> None:
        """Stop the kernel, if one was started."""
        self.kernel.close()
