"""Data where it is served: the published datapackage.json beside its CSVs, every resource fetchable, one zip.

The first tests need `_build/html` (make book / make test), served once per session (tests/conftest.py); the last
ones check libyabook.publish on its own.
"""

from __future__ import annotations

import io
import json
import urllib.request
import zipfile

import pytest

from libyabook import publish
from libyabook.reference import PROCESSED_DIR, REFERENCE_DIR, REPO

HTML = REPO / "_build" / "html"


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url) as r:
        assert r.status == 200, url
        return r.read()


def test_served_package_and_every_resource(site):
    url = f"{site}/data/processed/datapackage.json"
    desc = json.loads(fetch(url))
    assert desc == json.loads((PROCESSED_DIR / "datapackage.json").read_text(encoding="utf-8"))
    for resource in desc["resources"]:
        assert fetch(f"{site}/data/processed/{resource['path']}") == (PROCESSED_DIR / resource["path"]).read_bytes()


def test_frictionless_validates_the_served_url(site):
    from frictionless import validate

    report = validate(f"{site}/data/processed/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    assert len(report.tasks) == len(json.loads(fetch(f"{site}/data/processed/datapackage.json"))["resources"])


def test_reference_tables_are_served(site):
    for path in sorted(REFERENCE_DIR.glob("*.csv")):
        assert fetch(f"{site}/data/reference/{path.name}") == path.read_bytes()


def test_zip_is_served_and_holds_both_folders(site):
    zf = zipfile.ZipFile(io.BytesIO(fetch(f"{site}/data/{publish.ZIP_NAME}")))
    names = set(zf.namelist())
    for folder in (PROCESSED_DIR, REFERENCE_DIR):
        for path in folder.glob("*.csv"):
            name = f"libya-entanglement-data/{folder.name}/{path.name}"
            assert name in names and zf.read(name) == path.read_bytes()
    assert "libya-entanglement-data/processed/datapackage.json" in names


@pytest.mark.parametrize(
    "page, href",
    [
        ("index.html", f"data/{publish.ZIP_NAME}"),
        ("chapters/09_data_methods.html", f"../data/{publish.ZIP_NAME}"),
        ("index.html", "data/processed/datapackage.json"),
    ],
)
def test_landing_page_and_appendix_link_the_served_data(page, href):
    assert f'href="{href}"' in (HTML / page).read_text(encoding="utf-8")


def _folders(tmp_path):
    a, b = tmp_path / "processed", tmp_path / "reference"
    a.mkdir()
    b.mkdir()
    (a / "t.csv").write_text("x\n1\n")
    (a / "datapackage.json").write_text('{"resources": [{"path": "t.csv"}]}')
    (b / "r.csv").write_text("y\n2\n")
    (b / ".hidden").write_text("no")
    return a, b


def test_publish_copies_beside_and_zips_deterministically(tmp_path):
    a, b = _folders(tmp_path)
    out1, out2 = tmp_path / "out1", tmp_path / "out2"
    publish.publish_data(out1, (a, b))
    publish.publish_data(out2, (a, b))
    assert (out1 / "data/processed/t.csv").read_text() == "x\n1\n"
    assert (out1 / "data/processed/datapackage.json").is_file() and (out1 / "data/reference/r.csv").is_file()
    assert not (out1 / "data/reference/.hidden").exists()
    z1, z2 = (o / "data" / publish.ZIP_NAME for o in (out1, out2))
    assert z1.read_bytes() == z2.read_bytes()
    assert zipfile.ZipFile(z1).namelist() == [
        "libya-entanglement-data/processed/datapackage.json",
        "libya-entanglement-data/processed/t.csv",
        "libya-entanglement-data/reference/r.csv",
    ]
