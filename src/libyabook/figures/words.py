"""Prose values handed to the text (glue); the writing rules themselves live in ``analysis.words``.

The analysis layer writes its findings' figures with ``analysis.words``; chapters glue what it wrote with
``glue_all``. ``number``, ``count``, ``date`` and ``join`` are re-exported so a chapter needs one import.
"""

from __future__ import annotations

from collections.abc import Mapping

from libyabook.analysis.words import count, date, join, number

__all__ = ["count", "date", "glue_all", "join", "number"]


def glue_all(values: Mapping[str, object]) -> None:
    """Glue every value for the prose ({glue:text}`key`) in one call, without displaying anything."""
    from myst_nb import glue

    for key, value in values.items():
        glue(key, value, display=False)
