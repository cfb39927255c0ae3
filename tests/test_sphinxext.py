"""Tests for libyabook.sphinxext beyond the landing page's facts (those are checked on the built book)."""

from __future__ import annotations

from importlib.metadata import entry_points

import pybtex.plugin
import pytest

from libyabook.sphinxext import plaintext_backend_found_at_once


def test_pybtex_finds_the_installed_plaintext_backend_without_searching_every_package(monkeypatch):
    installed = next(iter(entry_points(group="pybtex.backends", name="plaintext"))).load()
    plaintext_backend_found_at_once()

    def searched(**kwargs):
        pytest.fail(f"pybtex searched the installed packages' entry points for {kwargs}")

    monkeypatch.setattr(pybtex.plugin, "entry_points", searched)
    assert pybtex.plugin.find_plugin("pybtex.backends", "plaintext") is installed
