"""Helpers of the data-and-methods appendix: the page's line map, the data dictionary, completeness."""

import json

from libyabook.analysis import tables
from libyabook.extract import datapackage
from libyabook.extract.corpus import line_map
from libyabook.reference import PROCESSED_DIR, RAW_PAGE


def test_line_map_owns_every_nonblank_line(page, parsed):
    articles, boilerplate = parsed
    lm = line_map(page, articles, boilerplate)
    assert len(lm) == len(page.lines) == 275
    assert set(lm["role"]) == {"item", "boilerplate", "blank"}
    for line, role in zip(lm["line"], lm["role"]):
        assert (role == "blank") == (not page.lines[line - 1].strip())
    assert lm.loc[lm["line"] == 7, "part"].item() == "section_header"
    assert lm.loc[lm["line"] == 193, "item_id"].item() == "update-07"  # web debris stays in its item


def test_dictionary_lists_every_field():
    desc = json.loads((PROCESSED_DIR / "datapackage.json").read_text())
    d = datapackage.dictionary(desc)
    assert list(d.columns) == ["table", "field", "type", "description"]
    assert len(d) == sum(len(s["fields"]) for s in datapackage.SCHEMAS.values())
    assert set(d["table"]) == set(datapackage.TABLES)


def test_completeness_counts_filled_cells():
    t = tables.load(RAW_PAGE)
    c = tables.completeness(t)
    row = c[(c["table"] == "articles") & (c["column"] == "published")].iloc[0]
    assert row["rows"] == 24 and row["filled"] == 16  # lead and related headlines carry no date
    assert c.loc[(c["table"] == "articles") & (c["column"] == "item_id"), "share_filled"].item() == 1.0
