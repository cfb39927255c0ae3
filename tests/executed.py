"""What an executed chapter (a notebook papermill wrote) shows: the HTML of its findings and setup cells."""

from __future__ import annotations


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
        result = run()
    except RuntimeError as error:
        if KERNEL_START_RACE not in str(error):
            raise
        return run()
    if getattr(result, "returncode", 0) and KERNEL_START_RACE in (result.stderr or ""):
        return run()
    return result
