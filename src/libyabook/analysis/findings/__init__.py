"""Findings as checks: each sentence of a chapter's "What we found" is tested on the tables.

A finding is a statement the book makes, a check that can fail, and the figures it rests on. The check
runs on whatever page a chapter is executed on, so a chapter re-run on another page says which of its
findings hold there instead of narrating the study page as if nothing changed. One module per chapter
(``findings.offensive_2014`` ...) exposes ``findings(...) -> list[Finding]``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from libyabook.reference import RAW_PAGE


class Status(StrEnum):
    """The three outcomes of a check (a finding that cannot be tested is not a finding that fails)."""

    HOLDS = "holds"
    FAILS = "does not hold"
    UNTESTABLE = "not testable on this page"


@dataclass(frozen=True)
class Finding:
    """One finding: what the book states, whether the tables bear it out, and the figures behind it."""

    key: str
    statement: str
    status: Status
    evidence: str

    @property
    def holds(self) -> bool:
        return self.status is Status.HOLDS


def check(key: str, statement: str, *, holds: bool, evidence: str, testable: bool = True) -> Finding:
    """A finding whose status is decided by ``holds`` when the page has the data to test it."""
    if not testable:
        return Finding(key, statement, Status.UNTESTABLE, evidence)
    return Finding(key, statement, Status.HOLDS if holds else Status.FAILS, evidence)


def on_study_page(corpus_path: str | Path) -> bool:
    """Whether a chapter runs on the page the book's prose describes (same bytes as ``data/raw``)."""
    digest = hashlib.sha256(Path(corpus_path).read_bytes()).hexdigest()
    return digest == hashlib.sha256(RAW_PAGE.read_bytes()).hexdigest()


def all_hold(found: list[Finding]) -> bool:
    """True when every finding holds (what the study page must give; a test asserts it per chapter)."""
    return all(f.holds for f in found)
