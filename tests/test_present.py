"""The table presenter: one test per rule of figures/present.py (issue 12)."""

from __future__ import annotations

import html.parser
import re

import numpy as np
import pandas as pd
import pytest

from libyabook.figures import present


class _Cells(html.parser.HTMLParser):
    """Collect the tags, attributes and cell texts of a presented table; fail on unbalanced tags."""

    VOID = frozenset({"br", "img", "meta", "link", "hr", "input"})

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.cells: list[str] = []
        self.headers: list[str] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)
        if tag in ("td", "th"):
            self._text = []

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}> in {self.stack}"
        self.stack.pop()
        if tag in ("td", "th"):
            (self.cells if tag == "td" else self.headers).append("".join(self._text or []))
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def parse(obj) -> _Cells:
    p = _Cells()
    p.feed(obj.data)
    p.close()
    assert p.stack == [], f"unclosed tags: {p.stack}"
    return p


@pytest.fixture
def demo() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "outlet": ["france24", "NYT", ""],
            "entity_id": ["haftar", "gaddafi", None],
            "people": pd.array([114000, 3, None], dtype="Int64"),
            "share": [0.5, 0.125, np.nan],
            "published": ["2014-05-22", "2017-08-15", None],
            "year": [2014, 2015, 2016],
            "text": ['He said "no" <b>& left</b>', "word " * 60, pd.NA],
        },
        index=[10, 11, 12],
    )


COLUMNS = {
    "outlet": "Outlet",
    "entity_id": "Person",
    "people": "People",
    "share": "Share",
    "published": "Published",
    "year": "Year",
    "text": "Excerpt",
}


def test_no_index_column_and_headers_in_words(demo):
    p = parse(present.table(demo, COLUMNS))
    assert p.headers == list(COLUMNS.values())
    assert not any(c in ("10", "11", "12") for c in p.cells), "the DataFrame's index leaked into the table"
    assert len(p.cells) == 3 * len(COLUMNS)


def test_a_key_as_header_is_refused(demo):
    with pytest.raises(ValueError, match="header in words"):
        present.table(demo, {"entity_id": "entity_id"})
    with pytest.raises(KeyError, match="no column"):
        present.table(demo, {"nope": "Nope"})


def test_outlets_and_entities_by_name(demo):
    cells = parse(present.table(demo, {"outlet": "Outlet", "entity_id": "Person"})).cells
    assert cells[:4] == ["France 24", "Khalifa Haftar", "The New York Times", "Muammar Gaddafi"]
    assert present.outlet_name("france24") == "France 24"
    assert present.entity_name("haftar") == "Khalifa Haftar"
    assert present.group_name("libya_east") == "LNA / eastern authorities"
    with pytest.raises(KeyError, match="outlets.csv"):
        present.outlet_name("no_such_outlet")


def test_no_nan_na_or_none(demo):
    text = present.table(demo, COLUMNS).data
    for bad in ("NaN", "nan", "<NA>", "&lt;NA&gt;", "None", "NaT"):
        assert bad not in text
    cells = parse(present.table(demo, COLUMNS)).cells
    assert cells[-len(COLUMNS) :] == [present.MISSING] * 5 + ["2016", present.MISSING]


def test_whole_numbers_grouped_without_decimal_zero(demo):
    cells = parse(present.table(demo, {"people": "People", "share": "Share"})).cells
    assert cells[:4] == ["114,000", "0.5", "3", "0.12"]
    assert present.number(114000.0) == "114,000"
    assert present.number(1234.50) == "1,234.5"
    assert not re.search(r"\d\.0\b", present.table(demo, COLUMNS).data)


def test_years_are_not_grouped(demo):
    assert parse(present.table(demo, {"year": "Year"})).cells == ["2014", "2015", "2016"]


def test_percent_format(demo):
    assert parse(present.table(demo, {"share": "Share"}, formats={"share": "percent"})).cells[:2] == ["50%", "12.5%"]


def test_dates_as_in_the_prose(demo):
    assert parse(present.table(demo, {"published": "Published"})).cells[:2] == ["22 May 2014", "15 August 2017"]


def test_dates_at_each_rows_precision():
    df = pd.DataFrame(
        {
            "date": ["2014-05-16", "2017-08-01", "2011-01-01", "2017-07-25"],
            "date_precision": ["day", "month", "year", "on_or_before"],
        }
    )
    cells = parse(present.table(df, {"date": "Date"}, formats={"date": ("date", "date_precision")})).cells
    assert cells == ["16 May 2014", "August 2017", "2011", "on or before 25 July 2017"]


def test_text_never_cut(demo):
    cells = parse(present.table(demo, {"text": "Excerpt"})).cells
    assert cells[1] == "word " * 60
    assert "..." not in "".join(cells) and "\u2026" not in "".join(cells)


def test_everything_is_escaped(demo):
    t = present.table(demo, {"text": "Excerpt <i>"}, caption="A & B")
    assert "<b>" not in t.data and "&lt;b&gt;" in t.data
    assert parse(t).cells[0] == 'He said "no" <b>& left</b>'
    assert parse(t).headers == ["Excerpt <i>"]
    assert "<caption>A &amp; B</caption>" in t.data


def test_valid_html_without_scoped_styles_or_borders(demo):
    p = parse(present.table(demo, COLUMNS, caption="Demo", fold_after=1))
    tags = {t for t, _ in p.tags}
    assert "style" not in tags
    assert not any("border" in a or "style" in a for _, a in p.tags)
    assert all(a.get("scope") == "col" for t, a in p.tags if t == "th")
    assert not any("dataframe" in a.get("class", "") for _, a in p.tags)


def test_every_cell_carries_its_label_for_phone_cards(demo):
    p = parse(present.table(demo, COLUMNS))
    labels = [a["data-label"] for t, a in p.tags if t == "td"]
    assert labels == list(COLUMNS.values()) * 3


def test_long_table_folds_with_every_row_available():
    df = pd.DataFrame({"n": range(1, 26)})
    t = present.table(df, {"n": "Number"}, caption="Numbers", fold_after=10)
    p = parse(t)
    assert p.cells == [str(i) for i in range(1, 26)]
    assert t.data.index("<details") > t.data.index(">10</td>")
    assert "<summary>Show the other 15 rows (of 25)</summary>" in t.data
    assert "<details" not in present.table(df, {"n": "Number"}, fold_after=25).data


def test_output_is_deterministic_and_text_repr_is_stable(demo):
    a, b = present.table(demo, COLUMNS, caption="Demo"), present.table(demo.copy(), COLUMNS, caption="Demo")
    assert a.data == b.data
    assert repr(a) == "Demo: table of 3 rows (Outlet, Person, People, Share, Published, Year, Excerpt)"
    assert "0x" not in repr(a)
    from IPython.core.formatters import PlainTextFormatter

    assert PlainTextFormatter()(a) == repr(a)


def test_unknown_format_and_stray_format_are_errors(demo):
    with pytest.raises(ValueError, match="unknown format"):
        present.table(demo, {"year": "Year"}, formats={"year": "roman"})
    with pytest.raises(KeyError, match="not shown"):
        present.table(demo, {"year": "Year"}, formats={"share": "percent"})


def test_callable_format_and_lists(demo):
    t = present.table(demo, {"year": "Year"}, formats={"year": lambda y: f"in {y}"})
    assert parse(t).cells == ["in 2014", "in 2015", "in 2016"]
    assert present.cell_text(["a", "b"]) == "a, b"
    assert present.cell_text(True) == "yes"
