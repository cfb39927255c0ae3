"""The book's way of writing numbers, dates and lists in prose (figures.words hands them to the text as glue).

Every number a chapter states is computed and then written here, so that the prose reads "one outlet",
"1,227 deaths" and "22 May 2014" and never "1 outlets", "1227.0" or "2014-05-22".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

_SMALL = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number(n: int | float) -> str:
    """A count as prose writes it: words up to nine, digits with thousands separators above."""
    if isinstance(n, float):
        if not n.is_integer():
            return f"{n:,}"
        n = int(n)
    if 0 < n < 10:
        return _SMALL[n]
    return f"{n:,}"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'one outlet', 'two outlets', 'no quotations': the number and its noun agree."""
    many = plural or noun + "s"
    if n == 0:
        return f"no {many}"
    return f"{number(n)} {noun if n == 1 else many}"


def date(value: str | dt.date, precision: str = "day") -> str:
    """An ISO date as the prose writes it, to its precision: '22 May 2014', 'May 2014', '2014'."""
    if not value:
        return ""
    d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    if precision == "year":
        return str(d.year)
    if precision == "month":
        return f"{d:%B} {d.year}"
    if precision == "week":
        return f"the week of {d.day} {d:%B} {d.year}"
    return f"{d.day} {d:%B} {d.year}"


def join(items: Iterable[str], conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C' (no serial comma, as the book writes)."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
