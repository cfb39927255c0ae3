"""The reference tables as a Frictionless package: described, keyed, validated with one-line errors."""

import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from libyabook.errors import PageError
from libyabook.reference import (
    PROCESSED_DIR,
    REFERENCE_DIR,
    REFERENCE_PACKAGE,
    check_table,
    display_names,
    load_reference,
    package_errors,
    reference_schema,
    table_errors,
)

FRICTIONLESS = shutil.which("frictionless", path=str(__import__("pathlib").Path(sys.executable).parent))


@pytest.mark.parametrize(
    "package", [REFERENCE_PACKAGE, PROCESSED_DIR / "datapackage.json"], ids=["reference", "processed"]
)
def test_frictionless_validate_passes(package):
    out = subprocess.run([FRICTIONLESS, "validate", str(package)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-2000:]


def test_every_reference_table_is_described_with_keys():
    desc = json.loads(REFERENCE_PACKAGE.read_text(encoding="utf-8"))
    names = {r["name"] for r in desc["resources"]}
    assert names == {p.stem for p in REFERENCE_DIR.glob("*.csv")}
    for res in desc["resources"]:
        header = pd.read_csv(REFERENCE_DIR / res["path"], nrows=0).columns.tolist()
        assert header == [f["name"] for f in res["schema"]["fields"]], res["name"]
        assert res["schema"]["primaryKey"], res["name"]
        assert all(len(f["description"]) > 10 for f in res["schema"]["fields"]), res["name"]
    keys = {
        (r["name"], fk["reference"]["resource"]) for r in desc["resources"] for fk in r["schema"].get("foreignKeys", [])
    }
    assert {("entity_aliases", "entities"), ("events", "places")} <= keys


@pytest.fixture()
def broken(tmp_path):
    """A copy of the reference package with one error of each kind, and where each is."""
    shutil.copytree(REFERENCE_DIR, tmp_path / "ref")
    ref = tmp_path / "ref"
    edit = {
        "entities.csv": lambda t: t.replace("\nhaftar,Khalifa Haftar,person,", "\nhaftar,Khalifa Haftar,persn,", 1),
        "entity_aliases.csv": lambda t: t.replace("\nhaftar,Khalifa Hifter,", "\nnobody,Khalifa Hifter,", 1),
        "outlets.csv": lambda t: t + t.splitlines()[1] + "\n",
        "disagreements.csv": lambda t: t.replace(",2017-08-10,", ",10 Aug 2017,", 1),
    }
    for name, change in edit.items():
        path = ref / name
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return ref


def test_package_errors_are_one_line_each_naming_file_row_and_expectation(broken):
    errors = package_errors(broken / "datapackage.json")
    assert all("\n" not in e for e in errors)
    text = "\n".join(errors)
    assert f"{broken / 'entities.csv'}:2: type 'persn'; expected one of person, organisation" in text
    assert f"{broken / 'entity_aliases.csv'}:3: entity_id 'nobody'; expected a value of entities.entity_id" in text
    assert "outlets.csv:14: outlet listed twice" in text
    assert "disagreements.csv:2: source_published '10 Aug 2017'; expected an ISO date (YYYY-MM-DD)" in text
    assert package_errors() == []


def test_the_check_command_exits_2_with_one_line_per_problem(broken):
    cmd = [sys.executable, "-m", "libyabook.reference"]
    bad = subprocess.run(cmd + [str(broken / "datapackage.json")], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 4
    good = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert good.returncode == 0 and good.stderr == ""


def test_a_table_given_in_place_of_a_reference_file_is_checked_against_its_schema(tmp_path):
    labels = pd.DataFrame(
        [
            {
                "label": "x",
                "applies_to": "friends",
                "kind": "descriptor",
                "pattern": "",
                "case": "",
                "scope": "",
                "note": "",
            }
        ]
    )
    assert table_errors("labels", labels, "mine.csv") == [
        "mine.csv:2: applies_to 'friends'; expected one of haftar_side, opponents, either"
    ]
    path = tmp_path / "labels.csv"
    labels.drop(columns="kind").to_csv(path, index=False)
    with pytest.raises(PageError, match=r"labels\.csv: lacks column 'kind'"):
        check_table("labels", path)
    assert reference_schema("labels")["primaryKey"] == ["label", "kind"]


def test_the_processed_package_keys_its_derived_tables_to_their_sources():
    desc = json.loads((PROCESSED_DIR / "datapackage.json").read_text(encoding="utf-8"))
    keys = {
        (r["name"], fk["reference"]["resource"]) for r in desc["resources"] for fk in r["schema"].get("foreignKeys", [])
    }
    assert {
        ("mentions", "articles"),
        ("quotes", "articles"),
        ("claims_ledger", "claims"),
        ("versions", "articles"),
        ("label_uses", "articles"),
        ("titles", "articles"),
    } <= keys
    enums = {
        (r["name"], f["name"])
        for r in desc["resources"]
        for f in r["schema"]["fields"]
        if "enum" in f.get("constraints", {})
    }
    assert {("page_lines", "role"), ("speakers", "group"), ("label_uses", "applies_to"), ("quotes", "kind")} <= enums
    assert all(r["schema"].get("primaryKey") for r in desc["resources"] if r["name"] not in ("events",))


def test_display_names_come_from_the_reference_tables():
    outlets = display_names("outlets")
    assert outlets["france24"] == "France 24" and display_names("entities")["haftar"] == "Khalifa Haftar"
    own = pd.DataFrame({"outlet": ["x"], "name": ["X News"]})
    assert display_names("outlets", own) == {"x": "X News"} and display_names("outlets", own.iloc[:0]) == {}


def test_a_reference_file_that_is_not_a_csv_table_is_a_one_line_page_error(tmp_path, monkeypatch):
    import libyabook.reference as ref

    (tmp_path / "places.csv").write_text('place_id,name\n"tripoli,Tripoli\n', encoding="utf-8")
    monkeypatch.setattr(ref, "REFERENCE_DIR", tmp_path)
    ref.load_reference.cache_clear()
    try:
        with pytest.raises(PageError, match=r"places\.csv: expected a UTF-8 CSV table"):
            ref.load_reference("places")
    finally:
        ref.load_reference.cache_clear()


def test_a_reference_row_the_schemas_cannot_check_names_file_row_and_event():
    from libyabook.extract.events import validate_reference

    events, places = load_reference("events").copy(), load_reference("places")
    events.loc[3, "location"] = "atlantis"
    with pytest.raises(PageError, match=r"^data/reference/events\.csv:5: event LBY\d{3}: location 'atlantis'"):
        validate_reference(events, places)
