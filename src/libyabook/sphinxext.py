"""Sphinx extension: facts about the build for the landing page (commit, corpus sha256, dataset counts).

They are MyST substitutions (``{{ commit }}``, ``{{ corpus_sha256 }}``...), computed here from git and from
data/processed, so no number on the landing page is typed by hand.
"""

from __future__ import annotations

import html
import os
import subprocess

from docutils import nodes
from docutils.parsers.rst import Directive

from libyabook.extract.text import written_date
from libyabook.reference import RAW_PAGE, REPO


def build_facts() -> dict[str, str]:
    """Substitutions for the landing page: source commit, page checksum, and counts from the dataset.

    The commit is git's HEAD, or LIBYABOOK_COMMIT when set (a build from an exported copy).
    """
    from libyabook.analysis.tables import load

    commit = os.environ.get("LIBYABOOK_COMMIT", "")
    try:
        commit = (
            commit
            or subprocess.run(
                ["git", "-C", str(REPO), "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True, check=True
            ).stdout.strip()
        )
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown (not a git checkout)"
    t = load(RAW_PAGE)
    dated = t.articles["published"].dropna()
    dated = dated[dated != ""]
    return {
        "commit": commit,
        "corpus_sha256": t.page_sha256,
        "n_items": str(len(t.articles)),
        "n_outlets": str(t.articles.loc[t.articles["outlet"] != "", "outlet"].nunique()),
        "first_published": written_date(min(dated)) if len(dated) else "",
        "last_published": written_date(max(dated)) if len(dated) else "",
        "n_mentions": str(len(t.mentions)),
        "n_entities": str(t.mentions["entity_id"].nunique()),
        "n_quotes": str(len(t.quotes)),
        "n_claims": str(len(t.claims)),
        "n_events": str(len(t.events)),
    }


def _add_substitutions(app, config) -> None:
    subs = dict(config.myst_substitutions or {})
    subs.update(build_facts())
    config.myst_substitutions = subs


def _accessible_citations(app, pagename, templatename, context, doctree) -> None:
    """docutils marks bibliography entries role="doc-biblioentry" inside role="list"; ARIA lists need listitems."""
    if "body" in context and 'role="doc-biblioentry"' in context["body"]:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


#: A description for the pages Sphinx generates (the chapters' own come from their notebooks' metadata).
GENERATED_PAGE_DESCRIPTIONS = {
    "search": "Search the text of every chapter of {title}.",
    "genindex": "Index of {title}.",
}


def _generated_page_description(app, pagename, templatename, context, doctree) -> None:
    """Give Sphinx's search and index pages a <meta name="description"> (search engines, Lighthouse's SEO audit)."""
    text = GENERATED_PAGE_DESCRIPTIONS.get(pagename)
    if text and 'name="description"' not in context.get("metatags", ""):
        content = html.escape(text.format(title=app.config.html_title or app.config.project), quote=True)
        context["metatags"] = context.get("metatags", "") + f'\n<meta name="description" content="{content}" />'


def landing_findings(keys: list[str]) -> str:
    """The findings named ``chapter.key`` (e.g. ``voices_labels.haftar_dominant``), checked on the study page, as HTML.

    Each chapter module under ``libyabook.analysis.findings`` exposes ``findings(tables)`` with its default
    window, so the landing page shows the same statement and status as the chapter that owns the finding.
    """
    import importlib

    from libyabook.analysis.tables import load
    from libyabook.figures.findings import findings_html

    t = load(RAW_PAGE)
    by_module: dict[str, dict] = {}
    chosen = []
    for key in keys:
        module = key.split(".", 1)[0]
        if module not in by_module:
            found = importlib.import_module(f"libyabook.analysis.findings.{module}").findings(t)
            by_module[module] = {f.key: f for f in found}
        if key not in by_module[module]:
            raise ValueError(f"findings directive: no finding {key!r} (have {sorted(by_module[module])})")
        chosen.append(by_module[module][key])
    return findings_html(chosen)


class FindingsDirective(Directive):
    """``{findings}`` with one ``chapter.key`` per line: those findings, with their status, as raw HTML."""

    has_content = True

    def run(self):
        keys = [line.strip() for line in self.content if line.strip()]
        return [nodes.raw("", landing_findings(keys), format="html")]


def plaintext_backend_found_at_once() -> None:
    """sphinxcontrib-bibtex asks pybtex for its plain-text backend once per citation, and pybtex looks through
    every installed package's entry points each time (about 12 ms; the book's 152 citations cost 2 s of each
    build). Registered with pybtex's own ``register_plugin``, the same class is found without that search."""
    from pybtex.backends.plaintext import Backend
    from pybtex.plugin import register_plugin

    register_plugin("pybtex.backends", "plaintext", Backend, force=True)


def setup(app):
    plaintext_backend_found_at_once()
    app.add_directive("findings", FindingsDirective)
    app.connect("config-inited", _add_substitutions, priority=900)
    app.connect("html-page-context", _accessible_citations)
    app.connect("html-page-context", _generated_page_description)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
