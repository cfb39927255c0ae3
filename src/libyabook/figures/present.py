"""One table presenter for the whole book: a DataFrame in, a reader's table (HTML) out.

The rules, so no chapter repeats them: no index column; headers in words (the caller names every column it
shows); outlets and entities by the names readers know (from data/reference); no NaN/<NA>/None (an en dash);
whole numbers without ".0" and with thousands separated; dates as the prose writes them ("22 May 2014",
"May 2014"); text never cut (the CSS wraps it); a long table shows its first rows and folds the rest behind a
<details> summary line; every value is escaped; each cell carries ``data-label`` so the CSS can turn rows
into label/value cards on a phone. The output is deterministic, so nbval can compare it.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import numbers
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import pandas as pd
from IPython.display import HTML

from libyabook.analysis.voices import GROUP_SIDES
from libyabook.reference import load_reference

#: What an absent value shows: an en dash, never NaN, <NA> or None.
MISSING = "\u2013"

#: Column keys whose values are outlet keys or entity ids, shown by name unless ``formats`` says otherwise.
OUTLET_COLUMNS = ("outlet", "source_outlet")
ENTITY_COLUMNS = ("entity_id", "speaker_id", "entity")
GROUP_COLUMNS = ("group", "side_group")

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MONTH = re.compile(r"\d{4}-\d{2}")
_SNAKE = re.compile(r"[a-z0-9]+(_[a-z0-9]+)+")
Formatter = Callable[[object], str]


@cache
def _names(table: str, key: str) -> dict[str, str]:
    """Key -> reader's name from a reference table (read once per process)."""
    ref = load_reference(table)
    return dict(zip(ref[key], ref["name"]))


def outlet_name(key: str) -> str:
    """The outlet's name as readers know it ('france24' -> 'France 24'); '' stays ''; unknown keys are an error."""
    if key is None or key == "" or _missing(key):
        return ""
    names = _names("outlets", "outlet")
    if key not in names:
        raise KeyError(f"outlet_name(): {key!r} is not an outlet of data/reference/outlets.csv")
    return names[key]


def entity_name(entity_id: str) -> str:
    """The entity's name from data/reference/entities.csv ('haftar' -> 'Khalifa Haftar'); unknown ids are an error."""
    if entity_id is None or entity_id == "" or _missing(entity_id):
        return ""
    names = _names("entities", "entity_id")
    if entity_id not in names:
        raise KeyError(f"entity_name(): {entity_id!r} is not an entity of data/reference/entities.csv")
    return names[entity_id]


def group_name(group: str) -> str:
    """A readable name for an entity group key ('libya_east' -> 'LNA / eastern authorities'); others unchanged."""
    return GROUP_SIDES.get(group, group)


def _missing(value) -> bool:
    """True for None, NaN, pd.NA and NaT (and nothing else: '' and 0 are values)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def number(value, decimals: int = 2) -> str:
    """'114,000' for 114000.0, '1,234.5' for 1234.5 (at most ``decimals``, trailing zeros dropped)."""
    if isinstance(value, numbers.Integral) or float(value).is_integer():
        return f"{int(value):,}"
    text = f"{float(value):,.{decimals}f}".rstrip("0").rstrip(".")
    return text


def long_date(value, precision: str = "day") -> str:
    """A date as the prose writes it: '22 May 2014' (day), 'week of 22 May 2014', 'May 2014' (month), '2014',
    'on or before 25 July 2017' (on_or_before: the page dates the happening only by its report)."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value + "-01" if _ISO_MONTH.fullmatch(value) else value)
    d = value.date() if isinstance(value, (pd.Timestamp, dt.datetime)) else value
    if precision == "year":
        return str(d.year)
    if precision == "month":
        return f"{d:%B} {d.year}"
    if precision == "week":
        return f"week of {d.day} {d:%B} {d.year}"
    if precision == "day":
        return f"{d.day} {d:%B} {d.year}"
    if precision == "on_or_before":
        return f"on or before {d.day} {d:%B} {d.year}"
    raise ValueError(f"long_date(): precision must be day, week, month, year or on_or_before, got {precision!r}")


def cell_text(value, decimals: int = 2) -> str:
    """Any value as a reader's text: missing -> en dash, numbers grouped, ISO dates written out, lists joined."""
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return ", ".join(cell_text(v, decimals) for v in items) or MISSING
    if _missing(value):
        return MISSING
    if isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        return "yes" if value else "no"
    if isinstance(value, numbers.Number):
        return number(value, decimals)
    if isinstance(value, (dt.date, pd.Timestamp)):
        return long_date(value)
    text = str(value)
    if _ISO_DAY.fullmatch(text):
        return long_date(text)
    return text if text.strip() else MISSING


def _plain(value) -> str:
    """A number without thousands grouping (years, page line numbers): 2014, not 2,014 or 2014.0."""
    if _missing(value):
        return MISSING
    if isinstance(value, numbers.Number) and not isinstance(value, bool) and float(value).is_integer():
        return str(int(value))
    return str(value)


def _kind_formatter(kind: str, decimals: int) -> Formatter:
    """Formatter for a named column kind: outlet, entity, group, text, plain (no grouping), year, date, percent."""
    kinds: dict[str, Formatter] = {
        "outlet": lambda v: outlet_name(v) or MISSING,
        "entity": lambda v: entity_name(v) or MISSING,
        "group": lambda v: group_name(v) or MISSING,
        "text": lambda v: MISSING if _missing(v) or str(v) == "" else str(v),
        "plain": _plain,
        "percent": lambda v: MISSING if _missing(v) else f"{number(100 * float(v), 1)}%",
        "number": lambda v: cell_text(v, decimals),
    }
    kinds["year"] = kinds["plain"]
    for precision in ("day", "week", "month", "year"):
        kinds[f"date:{precision}"] = lambda v, p=precision: MISSING if _missing(v) or v == "" else long_date(v, p)
    kinds["date"] = kinds["date:day"]
    if kind not in kinds:
        raise ValueError(f"table(): unknown format {kind!r}; use one of {sorted(kinds)} or a function")
    return kinds[kind]


def _default_kind(key: str) -> str:
    """The format a column gets from its key alone: outlet/entity/group names, plain years, else by value."""
    if key in OUTLET_COLUMNS:
        return "outlet"
    if key in ENTITY_COLUMNS:
        return "entity"
    if key in GROUP_COLUMNS:
        return "group"
    if key == "year" or key.endswith("_year"):
        return "year"
    return "number"


@dataclass(frozen=True)
class Column:
    """One shown column: its key in the DataFrame, its header in words, its formatter and alignment."""

    key: str
    header: str
    render: Formatter
    numeric: bool


def _columns(df: pd.DataFrame, columns: dict[str, str], formats: dict, decimals: int) -> list[Column]:
    """Check the requested columns and pick a formatter for each (explicit format, then key, then dtype)."""
    missing = [k for k in columns if k not in df.columns]
    if missing:
        raise KeyError(f"table(): no column(s) {missing} in the data; it has {list(df.columns)}")
    unknown = [k for k in formats if k not in columns]
    if unknown:
        raise KeyError(f"table(): formats given for column(s) {unknown} that are not shown")
    out = []
    for key, header in columns.items():
        if not isinstance(header, str) or not header.strip() or _SNAKE.fullmatch(header.strip()):
            raise ValueError(f"table(): column {key!r} needs a header in words, got {header!r}")
        fmt = formats.get(key, _default_kind(key))
        render = fmt if callable(fmt) else _kind_formatter(fmt, decimals)
        numeric = (
            fmt in ("number", "percent")
            and pd.api.types.is_numeric_dtype(df[key])
            and not pd.api.types.is_bool_dtype(df[key])
        )
        out.append(Column(key, header.strip(), render, numeric))
    return out


def _num(col: Column) -> str:
    """The class attribute that right-aligns a numeric column (figures line up by their last digit)."""
    return ' class="num"' if col.numeric else ""


def _rows_html(rows: list[list[str]], cols: list[Column]) -> str:
    """<tbody> rows; each <td> carries its header as data-label for the phone cards."""
    lines = []
    for row in rows:
        cells = "".join(
            f'<td data-label="{html.escape(c.header)}"{_num(c)}>{html.escape(v)}</td>' for c, v in zip(cols, row)
        )
        lines.append(f"<tr>{cells}</tr>")
    return "<tbody>\n" + "\n".join(lines) + "\n</tbody>"


def _table_html(rows: list[list[str]], cols: list[Column], caption: str | None) -> str:
    """One <table class="lb-table"> with an optional caption and a header row of scoped <th>."""
    head = "".join(f'<th scope="col"{_num(c)}>{html.escape(c.header)}</th>' for c in cols)
    cap = f"<caption>{html.escape(caption)}</caption>\n" if caption else ""
    return f'<table class="lb-table">\n{cap}<thead><tr>{head}</tr></thead>\n{_rows_html(rows, cols)}\n</table>'


def _dated_by_column(df: pd.DataFrame, formats: dict) -> tuple[pd.DataFrame, dict]:
    """Resolve formats given as ("date", precision_column): each date written at its own row's precision."""
    df = df.copy() if any(isinstance(f, tuple) for f in formats.values()) else df
    for key, fmt in list(formats.items()):
        if not isinstance(fmt, tuple):
            continue
        if len(fmt) != 2 or fmt[0] != "date" or fmt[1] not in df.columns or key not in df.columns:
            raise ValueError(f"table(): format for {key!r} must be ('date', <precision column>), got {fmt!r}")
        df[key] = [MISSING if _missing(v) or v == "" else long_date(v, p or "day") for v, p in zip(df[key], df[fmt[1]])]
        formats[key] = "text"
    return df, formats


class PresentedTable(HTML):
    """The HTML table for the book; its text/plain repr is a stable one-line summary (no memory address)."""

    def __init__(self, data: str, summary: str):
        super().__init__(data)
        self.summary = summary

    def __repr__(self) -> str:
        return self.summary

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(self.summary)


def table(
    df: pd.DataFrame,
    columns: dict[str, str],
    *,
    caption: str | None = None,
    fold_after: int | None = None,
    formats: dict[str, str | Formatter] | None = None,
    decimals: int = 2,
) -> PresentedTable:
    """Present ``df``'s ``columns`` (key -> header in words, in that order) as the book's HTML table.

    ``formats`` maps a column key to a kind (outlet, entity, group, text, plain, year, number, percent, date,
    date:month ...), to ("date", <precision column>) or to a function value -> text. With ``fold_after=n`` and more than n rows, the first n rows
    show and the rest sit behind a <details> summary line.
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"table(): expected a DataFrame, got {type(df).__name__}")
    if not columns:
        raise ValueError("table(): name at least one column to show (key -> header in words)")
    df, formats = _dated_by_column(df, dict(formats or {}))
    cols = _columns(df, columns, formats, decimals)
    rows = [
        [c.render(v) for c, v in zip(cols, values)]
        for values in df[[c.key for c in cols]].itertuples(index=False, name=None)
    ]
    rows = [[v if v.strip() else MISSING for v in row] for row in rows]
    n = len(rows)
    headers = ", ".join(c.header for c in cols)
    summary = f"{caption + ': ' if caption else ''}table of {n:,} row{'s' if n != 1 else ''} ({headers})"
    if fold_after is None or n <= fold_after:
        body = _table_html(rows, cols, caption)
    else:
        rest = n - fold_after
        label = f"Show the other {rest:,} row{'s' if rest != 1 else ''} (of {n:,})"
        body = (
            _table_html(rows[:fold_after], cols, caption)
            + f'\n<details class="lb-fold">\n<summary>{html.escape(label)}</summary>\n'
            + _table_html(rows[fold_after:], cols, f"{caption} (continued)" if caption else None)
            + "\n</details>"
        )
    return PresentedTable(f'<div class="lb-table-wrap">\n{body}\n</div>', summary)
