"""The committed data: raw page untouched, processed tables equal to a fresh extract and valid, spans verbatim."""

import hashlib
import json

import pandas as pd
import pytest

from libyabook.analysis import tables
from libyabook.extract import datapackage, pipeline
from libyabook.extract.corpus import parse_page, with_bodies
from libyabook.extract.csvbytes import csv_bytes
from libyabook.extract.ledger import joined_ledger
from libyabook.reference import PROCESSED_DIR, RAW_PAGE, REFERENCE_DIR, REPO

RAW_SHA256 = "a06c3cbd3da958baacd369d1294bdf348ec16df31aa4ce6645cfdf4c95a5ded0"


def test_raw_page_is_the_supplied_page():
    assert hashlib.sha256(RAW_PAGE.read_bytes()).hexdigest() == RAW_SHA256
    assert RAW_SHA256 in (REPO / "data" / "raw" / "README.md").read_text()


def test_nothing_reads_shared_at_run_time():
    for path in list((REPO / "src").rglob("*.py")) + list((REPO / "chapters").glob("*.ipynb")) + [REPO / "Makefile"]:
        assert "../shared" not in path.read_text(encoding="utf-8"), path


def test_committed_processed_data_equals_a_fresh_extract(page):
    files = pipeline.serialise(page, RAW_PAGE.name)
    for name, data in files.items():
        assert (PROCESSED_DIR / name).read_bytes() == data, f"data/processed/{name} is stale: run make data"


def test_articles_written_a_few_items_at_a_time_are_the_same_bytes(page):
    """The articles' CSV is made a chunk of items at a time (never every body at once): the same bytes as whole."""
    articles = with_bodies(page, parse_page(page, bodies=False)[0])
    whole = csv_bytes(articles)
    assert pipeline.articles_csv(page, articles.drop(columns="body"), rows=7) == whole
    assert whole == (PROCESSED_DIR / "articles.csv").read_bytes()


def test_datapackage_describes_every_column():
    desc = json.loads((PROCESSED_DIR / "datapackage.json").read_text())
    assert desc["sources"][0]["sha256"] == RAW_SHA256
    for res in desc["resources"]:
        header = pd.read_csv(PROCESSED_DIR / res["path"], nrows=0).columns.tolist()
        fields = res["schema"]["fields"]
        assert header == [f["name"] for f in fields]
        assert all(f["type"] and len(f["description"]) > 10 for f in fields)


def test_frictionless_validate_passes():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(PROCESSED_DIR / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_every_span_is_verbatim(page):
    t = tables.load(RAW_PAGE)
    lines = page.lines
    for row in t.mentions.itertuples():
        assert lines[row.line - 1][row.start : row.end] == row.surface
    for row in t.claims.itertuples():
        assert lines[row.line - 1][row.start : row.end] == row.span
    for row in t.quotes.itertuples():
        assert row.quote in page.text
        assert lines[row.line - 1][row.start :].startswith(row.quote.split("\n")[0])
    bodies = dict(zip(t.articles["item_id"], t.articles["title"] + "\n" + t.articles["body"]))
    for row in t.events.itertuples():
        assert row.evidence in bodies[row.source_item], row.event_id


def test_reference_tables_are_documented():
    index = (REFERENCE_DIR / "README.md").read_text(encoding="utf-8")
    docs = {p.name: p.read_text(encoding="utf-8") for p in REFERENCE_DIR.glob("README.*.md")}
    for csv in sorted(REFERENCE_DIR.glob("*.csv")) + sorted(REFERENCE_DIR.glob("*.geojson")):
        holders = [name for name, text in docs.items() if f"## {csv.name}" in text]
        assert holders, f"{csv.name} has no '## {csv.name}' section in a data/reference/README.*.md"
        assert holders[0] in index, f"data/reference/README.md does not link {holders[0]}"
        readme = docs[holders[0]]
        if csv.suffix != ".csv":
            continue
        header = pd.read_csv(csv, nrows=0).columns
        for column in header:
            assert f"`{column}`" in readme, f"column {column} of {csv.name} undocumented"


def test_load_gives_the_same_tables_from_disk_and_from_memory(page):
    from_disk = tables.load(RAW_PAGE)
    extracted = pipeline.extract(page)
    in_memory = {name: tables.read_table(csv_bytes(extracted[name]), name) for name in datapackage.TABLES}
    in_memory["claims_ledger"] = joined_ledger(in_memory["claims_ledger"], in_memory["sentences"])
    for name in datapackage.TABLES:
        pd.testing.assert_frame_equal(from_disk[name], in_memory[name])
