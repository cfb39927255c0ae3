"""Paths to and loaders for the hand-made reference tables in data/reference, and their Frictionless validation.

``data/reference/datapackage.json`` describes every reference table (types, required fields, closed sets of
values, primary and foreign keys). ``package_errors`` validates the whole package with frictionless; a table
given in place of a reference file (a CSV path or a DataFrame, e.g. another label vocabulary) is validated
against the same schema with ``check_table``. Every problem is one line: file, row, what was expected.
Run ``python -m libyabook.reference`` to check the package (exit 2 on the first problems, as the CLI does).
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

import pandas as pd

from libyabook.errors import PageError

REPO = Path(__file__).resolve().parents[2]
REFERENCE_DIR = REPO / "data" / "reference"
REFERENCE_PACKAGE = REFERENCE_DIR / "datapackage.json"
RAW_PAGE = REPO / "data" / "raw" / "libya-entanglement.txt"
PROCESSED_DIR = REPO / "data" / "processed"
#: How a frictionless type is named in an error message.
EXPECTED_TYPE = {
    "date": "an ISO date (YYYY-MM-DD)",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}
BASEMAP_PATH = REFERENCE_DIR / "basemap.geojson"


@cache
def load_reference(name: str) -> pd.DataFrame:
    """Read ``data/reference/<name>.csv`` with every column as text (empty cells as ''), cached; a file that is not
    a UTF-8 CSV table is a PageError naming it (the CLI prints one line, no traceback)."""
    path = REFERENCE_DIR / f"{name}.csv"
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise PageError(str(path), None, f"expected a UTF-8 CSV table ({str(exc).splitlines()[0]})") from None


def display_names(name: str, table: pd.DataFrame | None = None) -> dict[str, str]:
    """Key -> the name readers know, from a reference table with a one-column key and a ``name`` column
    (outlets: 'france24' -> 'France 24'; entities: 'haftar' -> 'Khalifa Haftar'; places). ``table`` replaces
    data/reference/<name>.csv (a caller's own outlets, say)."""
    if table is None:
        return _reference_names(name)
    (key,) = reference_schema(name)["primaryKey"]
    return dict(zip(table[key].astype(str), table["name"].astype(str))) if len(table) else {}


@cache
def _reference_names(name: str) -> dict[str, str]:
    """display_names of data/reference/<name>.csv, built once per process (tables show a name per cell)."""
    return display_names(name, load_reference(name))


def resolve_corpus_path(corpus_path: str | Path) -> Path:
    """A page path as given when absolute, else relative to the repository root (any working directory)."""
    path = Path(corpus_path)
    return path if path.is_absolute() else REPO / path


@cache
def _descriptor(path: Path = REFERENCE_PACKAGE) -> dict:
    """The reference package's descriptor (datapackage.json), read once."""
    return json.loads(path.read_text(encoding="utf-8"))


def reference_schema(name: str) -> dict:
    """The table schema of one reference resource, as datapackage.json gives it."""
    for resource in _descriptor()["resources"]:
        if resource["name"] == name:
            return resource["schema"]
    raise KeyError(f"{name!r} is not a resource of {REFERENCE_PACKAGE}")


def _field(schema: dict, name: str | None) -> dict:
    """A field's descriptor by name ({} when the error names no field)."""
    return next((f for f in schema.get("fields", []) if f["name"] == name), {})


def describe_error(error, schema: dict) -> str:
    """What a frictionless error says, in the book's words: the field and its value, and what was expected."""
    name = getattr(error, "field_name", None)
    field, cell = _field(schema, name), getattr(error, "cell", None)
    constraints = field.get("constraints", {})
    if error.type == "missing-label":
        return f"lacks column {name!r}; expected columns {', '.join(f['name'] for f in schema['fields'])}"
    if error.type == "constraint-error" and "required" in error.note:
        return f"empty {name}; expected a value ({field.get('description', '')})"
    if error.type == "constraint-error" and "enum" in error.note:
        return f"{name} {cell!r}; expected one of {', '.join(map(str, constraints['enum']))}"
    if error.type == "constraint-error":
        return f"{name} {cell!r}; expected {field.get('description', error.note)}"
    if error.type == "type-error":
        return f"{name} {cell!r}; expected {EXPECTED_TYPE.get(field.get('type'), field.get('type'))}"
    if error.type == "primary-key":
        return f"{', '.join(schema['primaryKey'])} listed twice ({error.note.replace('position', 'row')})"
    if error.type == "foreign-key":
        names, cells = getattr(error, "field_names", None), getattr(error, "field_cells", None)
        target = (
            f"{getattr(error, 'reference_name', '') or 'this table'}."
            f"{','.join(getattr(error, 'reference_field_names', []) or [])}"
        )
        if names and cells:
            return f"{', '.join(names)} {', '.join(map(repr, cells))}; expected a value of {target}"
    return error.note or error.message


def error_line(source: str, error, schema: dict) -> str:
    """One frictionless error as one line: file, row, the field and its value, and what was expected."""
    row = getattr(error, "row_number", None)
    return f"{source}:{row}: {describe_error(error, schema)}" if row else f"{source}: {describe_error(error, schema)}"


def resource_errors(name: str, table: pd.DataFrame | str | Path) -> list[tuple[int | None, str]]:
    """(row, what was expected) for each problem of one table against the reference schema ``name``.

    Columns are matched by name first (frictionless matches them by position): a missing column is named.
    Keys across tables are left to ``package_errors``.
    """
    from frictionless import Resource, Schema

    schema = {k: v for k, v in reference_schema(name).items() if k != "foreignKeys"}
    columns = [f["name"] for f in schema["fields"]]
    header = (
        list(table.columns)
        if isinstance(table, pd.DataFrame)
        else pd.read_csv(table, nrows=0, dtype=str).columns.tolist()
    )
    missing = [c for c in columns if c not in header]
    if missing:
        return [(None, f"lacks column {missing[0]!r}; expected columns {', '.join(columns)}")]
    if isinstance(table, pd.DataFrame):
        rows = table[columns].fillna("").astype(str)
        resource = Resource(data=[list(rows.columns), *rows.values.tolist()], schema=Schema.from_descriptor(schema))
    else:
        path = Path(table)
        resource = Resource(path=path.name, basepath=str(path.parent), schema=Schema.from_descriptor(schema))
    report = resource.validate()
    return [(getattr(e, "row_number", None), describe_error(e, schema)) for task in report.tasks for e in task.errors]


def table_errors(name: str, table: pd.DataFrame | str | Path, source: str | None = None) -> list[str]:
    """Frictionless validation of one table against the reference schema ``name``: one line per problem."""
    source = source or (name if isinstance(table, pd.DataFrame) else str(table))
    return [f"{source}:{row}: {what}" if row else f"{source}: {what}" for row, what in resource_errors(name, table)]


def check_table(name: str, table: pd.DataFrame | str | Path, source: str | None = None) -> None:
    """Raise PageError (file, row, what was expected) for the first problem of a table given for reference ``name``."""
    errors = resource_errors(name, table)
    if errors:
        source = source or (name if isinstance(table, pd.DataFrame) else str(table))
        raise PageError(source, *errors[0])


def package_errors(descriptor: str | Path = REFERENCE_PACKAGE) -> list[str]:
    """Frictionless validation of a whole reference package (keys across tables included), one line per problem."""
    from frictionless import Package

    path = Path(descriptor)
    desc = json.loads(path.read_text(encoding="utf-8"))
    report = Package(desc, basepath=str(path.parent)).validate()
    schemas = {r["name"]: (r["schema"], r["path"]) for r in desc["resources"]}
    lines = []
    for task in report.tasks:
        schema, file = schemas.get(task.name, ({}, task.name))
        lines += [error_line(str(path.parent / file), e, schema) for e in task.errors]
    return lines


def main(argv: list[str] | None = None) -> int:
    """Check the reference package (or the descriptor given): print each problem on one line, exit 2 if any."""
    args = sys.argv[1:] if argv is None else argv
    errors = package_errors(args[0] if args else REFERENCE_PACKAGE)
    for line in errors:
        print(f"libyabook: {line}", file=sys.stderr)
    return 2 if errors else 0


if __name__ == "__main__":
    sys.exit(main())


@cache
def read_geojson(path: str | Path = BASEMAP_PATH) -> dict:
    """Read and cache a GeoJSON file (the base map is read once per process)."""
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def basemap_bbox(path: str | Path | None = None) -> tuple[float, float, float, float]:
    """The (lon_min, lon_max, lat_min, lat_max) box the base-map file covers, from its GeoJSON ``bbox``."""
    w, s, e, n = read_geojson(str(path or BASEMAP_PATH))["bbox"]
    return (w, e, s, n)
