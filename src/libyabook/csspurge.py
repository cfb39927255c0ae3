"""Unused CSS taken out of the site's one stylesheet, the way PurgeCSS does it, for every page at once.

The words the site uses (every class, id, tag and attribute name in its HTML pages, and every word-like string
in its scripts, which add classes such as ``show`` or ``collapsing`` as the reader clicks) decide which style
rules stay: a rule stays when one of its selectors names only classes and ids from those words. At-rules that
hold no style rules (@font-face, @keyframes, @page, @import, @property, ...) stay as they are; @media, @supports,
@layer and @container are purged inside and dropped when nothing is left. Declarations are never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import tinycss2

#: At-rules whose block holds style rules, purged inside; every other at-rule is kept as it is.
CONTAINERS = {"media", "supports", "layer", "container"}
#: Classes a script builds from pieces at run time, so they appear whole in no file: Bootstrap's tooltip and popover
#: add ``bs-${NAME}-auto`` (the rules that draw the tooltip's arrow; found by comparing screenshots).
SAFELIST = frozenset({"bs-tooltip-auto", "bs-popover-auto"})
WORD = re.compile(r"[A-Za-z_][\w-]*")


@dataclass(frozen=True)
class Purged:
    """A purged stylesheet, with the count of style rules kept and dropped."""

    css: str
    kept: int
    dropped: int


class _Names(HTMLParser):
    """Collects tag names, attribute names, classes, ids and the words of inline scripts of an HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.names: set[str] = set()
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.names.add(tag)
        self._in_script = tag == "script"
        for name, value in attrs:
            self.names.add(name)
            if name in ("class", "id") and value:
                self.names.update(value.split())

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.names.update(WORD.findall(data))


def used_names(pages: list[str], scripts: list[str]) -> frozenset[str]:
    """Every class, id, tag and attribute name in ``pages`` (HTML text, inline scripts' words too), and every
    word-like string in ``scripts`` (JavaScript text), with the SAFELIST."""
    names: set[str] = set(SAFELIST)
    for page in pages:
        parser = _Names()
        parser.feed(page)
        parser.close()
        names |= parser.names
    for script in scripts:
        names.update(WORD.findall(script))
    return frozenset(names)


def _selectors(prelude: list) -> list[list]:
    """A rule's selector list split at its top-level commas."""
    out: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            out.append([])
        else:
            out[-1].append(token)
    return out


def _required(selector: list) -> set[str]:
    """The classes and ids a selector's element must have: those outside functional pseudo-classes (``:not(.a)``
    matches without ``a``) and outside attribute brackets."""
    needed = set()
    for before, token in zip([None, *selector], selector):
        is_class = token.type == "ident" and before is not None and before.type == "literal" and before.value == "."
        if is_class or (token.type == "hash" and token.is_identifier):
            needed.add(token.value)
    return needed


@dataclass(frozen=True)
class Rule:
    """A parsed rule: its text and the classes and ids each of its selectors needs (a style rule); ``needs`` None:
    an at-rule kept as it is; ``inner``: the rules of an @media-like block (``text``: its head)."""

    text: str
    needs: tuple[frozenset[str], ...] | None = None
    inner: tuple[Rule, ...] | None = None


def _parse_rules(rules: list) -> tuple[Rule, ...]:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            out.append(Rule(rule.serialize(), tuple(frozenset(_required(s)) for s in _selectors(rule.prelude))))
        elif rule.type == "at-rule" and rule.lower_at_keyword in CONTAINERS and rule.content is not None:
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            out.append(Rule(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}", inner=_parse_rules(inner)))
        elif rule.type != "error":
            out.append(Rule(rule.serialize()))
    return tuple(out)


def parse(css: str) -> tuple[Rule, ...]:
    """``css`` as Rules, parsed once so that it can be purged for many sets of names (one per page) at little cost."""
    return _parse_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


def _purge_rules(rules: tuple[Rule, ...], names: frozenset[str]) -> tuple[list[str], int, int]:
    """The serialized rules that stay, and the counts of style rules kept and dropped."""
    out, kept, dropped = [], 0, 0
    for rule in rules:
        if rule.inner is not None:
            inner, k, d = _purge_rules(rule.inner, names)
            kept, dropped = kept + k, dropped + d
            if inner:
                out.append(f"{rule.text}{{{''.join(inner)}}}")
        elif rule.needs is None:
            out.append(rule.text)
        else:
            used = any(need <= names for need in rule.needs)
            kept, dropped = kept + used, dropped + (not used)
            if used:
                out.append(rule.text)
    return out, kept, dropped


def purge_parsed(rules: tuple[Rule, ...], names: frozenset[str]) -> Purged:
    """``purge`` of a stylesheet already parsed with ``parse``."""
    out, kept, dropped = _purge_rules(rules, names)
    return Purged("".join(out), kept, dropped)


def purge(css: str, names: frozenset[str]) -> Purged:
    """``css`` without the style rules none of whose selectors can match a page using only ``names``."""
    return purge_parsed(parse(css), names)
