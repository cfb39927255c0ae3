"""The published tables' schemas: every field's type and description, in one place.

Used to write ``datapackage.json`` (Frictionless Data Package), to read the CSVs back with the right
types, and to generate the book's data dictionary.
"""
from __future__ import annotations

import json

from libyabook import __version__

# (field name, frictionless type, description) for every published table, in column order.
SCHEMAS: dict[str, dict] = {
    "articles": {
        "title": "Items of the page",
        "description": "One row per item of the page (lead, linked headline, related headline, numbered update), "
                       "in page order, with the verbatim body of its excerpt.",
        "primaryKey": ["item_id"],
        "fields": [
            ("item_id", "string", "Stable id: lead, linked-NN, related-NN or update-NN (NN: order within the section)."),
            ("position", "integer", "1-based order of the item on the page."),
            ("section", "string", "Part of the page: lead, linked, related or update."),
            ("number", "integer", "The update's own number on the page (updates only)."),
            ("title", "string", "Headline as printed, without the '(outlet, date)' suffix; empty for the lead."),
            ("outlet", "string", "Outlet as the page writes it (e.g. 'abcnews'); empty when the page names none."),
            ("published", "date", "Publication date given on the page (ISO 8601); empty when the page gives none."),
            ("n_words", "integer", "Number of whitespace-separated words in the body."),
            ("line_start", "integer", "First page line of the item (its title line; first body line for the lead)."),
            ("line_end", "integer", "Last page line of the item (inclusive)."),
            ("body", "string", "Verbatim page text from the first to the last body line (newlines kept); empty for bare headlines."),
        ],
    },
    "boilerplate": {
        "title": "Boilerplate lines",
        "description": "Non-blank page lines that belong to no item: the post title, the section header and the comment form.",
        "primaryKey": ["line"],
        "fields": [
            ("line", "integer", "1-based page line."),
            ("kind", "string", "page_title, section_header or comment_form."),
            ("text", "string", "The line verbatim."),
        ],
    },
    "mentions": {
        "title": "Name mentions",
        "description": "Every mention of a person or organisation, resolved to an entity of data/reference/entities.csv.",
        "fields": [
            ("item_id", "string", "Item the mention occurs in (articles.item_id)."),
            ("entity_id", "string", "Resolved entity (data/reference/entities.csv)."),
            ("entity_type", "string", "person or organisation."),
            ("surface", "string", "The name exactly as written (titles and possessive 's excluded)."),
            ("line", "integer", "1-based page line of the mention."),
            ("start", "integer", "0-based character offset of the mention in its line."),
            ("end", "integer", "0-based character offset just past the mention (line[start:end] == surface)."),
            ("field", "string", "title or body: where in the item the mention is."),
        ],
    },
    "quotes": {
        "title": "Quotations",
        "description": "Quoted words inside the excerpts and titles, verbatim, with the speaker the text attributes them to.",
        "primaryKey": ["quote_id"],
        "fields": [
            ("quote_id", "string", "Stable id in page order (q001, q002...)."),
            ("item_id", "string", "Item the quotation occurs in."),
            ("speaker", "string", "Entity id of the speaker, or the named body as written when it is not an entity; empty if unattributed."),
            ("speaker_text", "string", "The words the page uses for the speaker."),
            ("quote", "string", "The quoted words verbatim, without the quotation marks (may span paragraphs)."),
            ("line", "integer", "Page line where the quoted words start."),
            ("line_end", "integer", "Page line where the quoted words end."),
            ("start", "integer", "0-based offset of the first quoted character in its line."),
            ("end", "integer", "0-based offset just past the last quoted character in line_end."),
            ("verb", "string", "The attributing verb (said, told, vowed...); empty when none."),
            ("kind", "string", "statement (attributed speech), term (a scare-quoted word or phrase) or headline (quoted in a title)."),
        ],
    },
    "claims": {
        "title": "Numeric claims",
        "description": "Every number the items state (counts, percentages, distances), with qualifier and date of reference.",
        "primaryKey": ["claim_id"],
        "fields": [
            ("claim_id", "string", "Stable id in page order (c001, c002...)."),
            ("item_id", "string", "Item the claim occurs in."),
            ("value", "number", "The number stated; empty for vague quantities ('dozens', 'thousands')."),
            ("unit", "string", "What is counted or measured (migrants, people, percent, miles...)."),
            ("what", "string", "Short description of the quantity, from the words around the number."),
            ("qualifier", "string", "exact, more than, at least, less than, about, almost, up to or vague, as the text qualifies it."),
            ("as_of", "date", "Date the number refers to (stated, or the item's publication date); empty if unknown."),
            ("span", "string", "The claim verbatim (qualifier, number and noun)."),
            ("line", "integer", "1-based page line of the span."),
            ("start", "integer", "0-based offset of the span in its line."),
            ("end", "integer", "0-based offset just past the span."),
            ("field", "string", "title or body: where in the item the claim is."),
            ("group", "string", "claim_id of the first claim of a quantity stated twice (e.g. '27 miles (43 km)'); else its own id."),
            ("unit_from", "string", "Where the unit comes from: stated, number of, inherited (previous claim), context, or empty."),
        ],
    },
    "events": {
        "title": "Coded events",
        "description": "Real-world events the page reports, coded by hand in ACLED's vocabulary (data/reference/events.csv), "
                       "checked against the page and enriched by code (resolved dates, coordinates).",
        "primaryKey": ["event_id"],
        "fields": [
            ("event_id", "string", "Stable id of the coded event."),
            ("event_date", "date", "Date of the event, resolved from the text and the item's publication date."),
            ("date_precision", "string", "day, week, month or year: how precisely the source dates the event."),
            ("event_type", "string", "ACLED event type."),
            ("sub_event_type", "string", "ACLED sub-event type."),
            ("actor1", "string", "Main actor (ACLED-style name)."),
            ("actor2", "string", "Second actor, the target or counterpart; empty if none."),
            ("location", "string", "Place id (data/reference/places.csv)."),
            ("latitude", "number", "Latitude of the place (decimal degrees)."),
            ("longitude", "number", "Longitude of the place (decimal degrees)."),
            ("geo_precision", "integer", "ACLED geo precision: 1 the place itself, 2 near it, 3 the wider region."),
            ("fatalities", "integer", "Deaths the source states for this event; empty when it states none."),
            ("source_item", "string", "Item of the page the evidence comes from."),
            ("source_outlet", "string", "Outlet of that item."),
            ("source_published", "date", "Publication date of that item."),
            ("evidence", "string", "Verbatim span of the source item that reports the event."),
            ("line", "integer", "Page line where the evidence starts."),
            ("date_text", "string", "The words that date the event ('on Sunday', 'In March 1996'); empty: the publication date."),
            ("notes", "string", "Coding decisions, uncertainty, disagreements between sources."),
        ],
    },
}

TABLES = list(SCHEMAS)


def field_types(table: str) -> dict[str, str]:
    """Map each field of a table to its frictionless type."""
    return {name: ftype for name, ftype, _ in SCHEMAS[table]["fields"]}


def columns(table: str) -> list[str]:
    """The published column order of a table."""
    return [name for name, _, _ in SCHEMAS[table]["fields"]]


def descriptor(source_name: str, source_sha256: str) -> dict:
    """The datapackage.json content for the tables extracted from one page (no timestamps: deterministic)."""
    resources = []
    for table, spec in SCHEMAS.items():
        schema = {"fields": [{"name": n, "type": t, "description": d} for n, t, d in spec["fields"]]}
        if "primaryKey" in spec:
            schema["primaryKey"] = spec["primaryKey"]
        schema["missingValues"] = [""]
        resources.append({
            "name": table, "path": f"{table}.csv", "title": spec["title"], "description": spec["description"],
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "profile": "tabular-data-resource",
            "schema": schema,
        })
    return {
        "name": "libya-entanglement",
        "title": "Libya Entanglement: a compiled news page as evidence",
        "description": "Tables extracted by libyabook from one compiled news page about Khalifa Haftar and Libya (2011-2017).",
        "version": __version__,
        "licenses": [{"name": "CC-BY-4.0", "title": "Tables: Creative Commons Attribution 4.0; quoted excerpts remain the "
                                                     "third-party text of their outlets, quoted for study"}],
        "sources": [{"title": source_name, "path": source_name, "sha256": source_sha256}],
        "profile": "tabular-data-package",
        "resources": resources,
    }


def to_json(desc: dict) -> str:
    """Serialise a descriptor deterministically."""
    return json.dumps(desc, indent=2, ensure_ascii=False) + "\n"


def dictionary(desc: dict) -> "pd.DataFrame":
    """The data dictionary of a datapackage.json descriptor: one row per field of every resource."""
    import pandas as pd

    rows = [(res["name"], f["name"], f["type"], f["description"]) for res in desc["resources"]
            for f in res["schema"]["fields"]]
    return pd.DataFrame(rows, columns=["table", "field", "type", "description"])
