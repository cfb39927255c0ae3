"""Findings and the study-page note as HTML: the status sits beside each finding, in words and a mark.

The HTML is built with ``html.escape`` (no DataFrame, no memory address in the stored output), so nbval
compares it exactly; ``*word*`` in a statement becomes emphasis, nothing else is interpreted.
"""

from __future__ import annotations

import html
import re

from IPython.display import HTML

from libyabook.analysis.findings import Finding, Status

_MARK = {Status.HOLDS: "✓", Status.FAILS: "✗", Status.UNTESTABLE: "–"}
_CLASS = {Status.HOLDS: "holds", Status.FAILS: "fails", Status.UNTESTABLE: "untestable"}


def inline(text: str) -> str:
    """Escape text for HTML and turn ``*emphasis*`` into ``<em>`` (the only markup findings use)."""
    return re.sub(r"\*([^*\n]+)\*", r"<em>\1</em>", html.escape(text))


def findings_html(found: list[Finding]) -> str:
    """A list of findings, each with its status (mark and words) and the figures it rests on."""
    items = []
    for f in found:
        status = (
            f'<span class="finding-status {_CLASS[f.status]}">'
            f'<span aria-hidden="true">{_MARK[f.status]}</span> {html.escape(f.status.value.capitalize())}</span>'
        )
        items.append(
            f'<li class="finding" id="finding-{html.escape(f.key)}">{status} {inline(f.statement)}'
            f'<br><span class="finding-evidence">Rests on: {inline(f.evidence)}</span></li>'
        )
    return '<ul class="findings">\n' + "\n".join(items) + "\n</ul>"


def show_findings(found: list[Finding]) -> HTML:
    """The findings list, for display in a chapter's "What we found" section."""
    return HTML(findings_html(found))


def study_note(on_study_page: bool, page_name: str) -> HTML | None:
    """Nothing on the study page; elsewhere a note that the prose describes the study page, not this one."""
    if on_study_page:
        return None
    return HTML(
        '<div class="admonition note study-note"><p class="admonition-title">Another page</p><p>'
        f"This chapter was run on <code>{html.escape(page_name)}</code>, not on the page the book studies. "
        "Its prose describes the study page; its tables, charts and the status of each finding under "
        "<em>What we found</em> are computed from this page.</p></div>"
    )
