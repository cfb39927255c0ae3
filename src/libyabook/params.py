"""Check a chapter's papermill parameters once, with an error that names the bad parameter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from libyabook.reference import resolve_corpus_path


class ParameterError(ValueError):
    """A chapter parameter has the wrong type or value."""


def check_path(corpus_path) -> Path:
    """The page path resolved against the repository; it must name an existing file."""
    if not isinstance(corpus_path, (str, Path)) or not str(corpus_path).strip():
        raise ParameterError(f"corpus_path={corpus_path!r}: expected the path of a page file (text)")
    path = resolve_corpus_path(corpus_path)
    if path.is_dir():
        raise ParameterError(f"corpus_path={str(corpus_path)!r}: is a directory; expected the path of a page file")
    if not path.is_file():
        raise ParameterError(f"corpus_path={str(corpus_path)!r}: no such file; expected the path of a page file")
    return path


def check_date(name: str, value) -> dt.date:
    """An ISO date given as text 'YYYY-MM-DD' (papermill passes -p values untyped, so ints are refused)."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ParameterError(
            f"{name}={value!r}: expected a date as text 'YYYY-MM-DD' (got {type(value).__name__}; "
            f"with papermill use -p {name} '2017-08-01' or -r)"
        )
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ParameterError(f"{name}={value!r}: expected a date as text 'YYYY-MM-DD'") from None


def check_window(start_date, end_date) -> tuple[dt.date, dt.date]:
    """A (start, end) date window, inclusive, with start on or before end."""
    start, end = check_date("start_date", start_date), check_date("end_date", end_date)
    if end < start:
        raise ParameterError(f"end_date={end_date!r}: expected a date on or after start_date={start_date!r}")
    return start, end
