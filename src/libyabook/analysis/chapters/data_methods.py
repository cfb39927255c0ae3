"""Chapter 9, data and methods: how the page divides into lines, the data dictionary, column completeness.

``facts(t)`` computes what the appendix shows from the published tables and the two data packages
(``data/processed/datapackage.json`` and the reference tables' description), in full: no row or text is cut.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pandas as pd

from libyabook.analysis import tables, words
from libyabook.analysis.tables import Tables
from libyabook.extract import datapackage
from libyabook.reference import REFERENCE_DIR

#: The parts of the page, top to bottom, with the words the appendix's table uses for them.
PARTS = {
    "page_title": "post title",
    "lead": "lead paragraph",
    "section_header": "section header",
    "linked": "linked headlines",
    "related": "related-post headlines",
    "update": "numbered updates",
    "comment_form": "comment form",
    "": "blank lines",
}
_README_ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|\s*(.+?)\s*\|\s*$")


@dataclass(frozen=True)
class MethodsFacts:
    """What the appendix shows: the line map, who owns the lines, both data dictionaries and completeness."""

    line_map: pd.DataFrame
    owners: pd.DataFrame
    processed: pd.DataFrame
    reference: pd.DataFrame
    completeness: pd.DataFrame
    glue: dict[str, object]


def line_owners(page_lines: pd.DataFrame) -> pd.DataFrame:
    """Lines and characters per role (item, boilerplate, blank) and part of the page, parts in page order."""
    df = page_lines.assign(part=page_lines["part"].fillna(""))
    out = df.groupby(["role", "part"], sort=False).agg(lines=("line", "size"), characters=("n_chars", "sum"))
    order = {p: k for k, p in enumerate(PARTS)}
    out = out.reset_index()
    out = out.assign(rank=out["part"].map(order).fillna(len(order))).sort_values("rank", kind="mergesort")
    out = out.assign(part_name=[PARTS.get(p, p) for p in out["part"]])
    return out.drop(columns="rank").reset_index(drop=True).astype({"lines": int, "characters": int})


def readme_dictionary(directory=REFERENCE_DIR) -> pd.DataFrame:
    """The reference tables' fields as their READMEs document them (``| `column` | meaning |`` rows)."""
    rows = []
    for readme in sorted(directory.glob("README.*.md")):
        table = readme.name.removeprefix("README.").removesuffix(".md")
        if not (directory / f"{table}.csv").exists():
            continue
        for line in readme.read_text(encoding="utf-8").splitlines():
            m = _README_ROW.match(line)
            if m:
                rows.append((table, m.group(1), "", m.group(2).replace("`", "").replace("**", "")))
    return pd.DataFrame(rows, columns=["table", "field", "type", "description"])


def reference_dictionary(directory=REFERENCE_DIR) -> pd.DataFrame:
    """The reference tables' data dictionary: their datapackage.json when there is one, else their READMEs."""
    package = directory / "datapackage.json"
    if package.exists():
        return datapackage.dictionary(json.loads(package.read_text(encoding="utf-8")))
    return readme_dictionary(directory)


def _unowned(n: int) -> str:
    """What the prose says of the non-blank lines that belong to nothing."""
    if n == 0:
        return "none of the non-blank lines is left without an owner"
    return f"{words.count(n, 'non-blank line')} {'has' if n == 1 else 'have'} no owner"


def _glue(t: Tables, processed: pd.DataFrame, reference: pd.DataFrame) -> dict[str, object]:
    """Every number the appendix's prose states, written as the prose writes it."""
    role = t.page_lines["role"]
    values = {
        "n_lines": words.number(len(t.page_lines)),
        "n_item_lines": words.number(int((role == "item").sum())),
        "n_boiler_lines": words.number(int((role == "boilerplate").sum())),
        "n_blank_lines": words.number(int((role == "blank").sum())),
        "unowned_lines": _unowned(int((~role.isin(["item", "boilerplate", "blank"])).sum())),
        "n_fields": words.count(len(processed), "field"),
        "n_processed_tables": words.count(processed["table"].nunique(), "table"),
        "n_reference_fields": words.count(len(reference), "field"),
        "n_reference_tables": words.count(reference["table"].nunique(), "table"),
    }
    values.update({f"n_{name}": words.count(len(t[name]), "row") for name in datapackage.TABLES})
    return values


def facts(t: Tables) -> MethodsFacts:
    """Everything the appendix shows, from the published tables and data packages."""
    processed = datapackage.dictionary(tables.descriptor())
    reference = reference_dictionary()
    comp = tables.completeness(t)
    partial = comp[(comp["share_filled"] < 1) & comp["table"].isin(datapackage.CORE_TABLES)].reset_index(drop=True)
    partial = partial.assign(label=partial["table"] + "." + partial["column"])
    line_map = t.page_lines[t.page_lines["role"] != "blank"].reset_index(drop=True)
    return MethodsFacts(
        line_map=line_map,
        owners=line_owners(t.page_lines),
        processed=processed,
        reference=reference,
        completeness=partial,
        glue=_glue(t, processed, reference),
    )
