"""The published tables' schemas: every field's type and description, in one place.

Used to write ``datapackage.json`` (Frictionless Data Package), to read the CSVs back with the right
types, and to generate the book's data dictionary.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from libyabook import __version__
from libyabook.extract.events import UNCODED_REASONS
from libyabook.extract.threads import THREADS

if TYPE_CHECKING:  # pandas is imported where it is used: the package description does not need it
    import pandas as pd

THREAD_ENUM = {"enum": list(THREADS)}
_THREAD = (
    "thread",
    "string",
    "Story thread (data/reference/threads.csv, keyed by the item's outlet and publication date): "
    + "; ".join(f"'{k}': {v}" for k, v in THREADS.items()),
    THREAD_ENUM,
)

# (field name, frictionless type, description) for every published table, in column order.
SCHEMAS: dict[str, dict] = {
    "articles": {
        "title": "Items of the page",
        "description": "One row per item of the page (lead, linked headline, related headline, numbered update), "
        "in page order, with the verbatim body of its excerpt.",
        "primaryKey": ["item_id"],
        "fields": [
            (
                "item_id",
                "string",
                "Stable id: lead, linked-NN, related-NN or update-NN (NN: order within the section).",
            ),
            ("position", "integer", "1-based order of the item on the page."),
            (
                "section",
                "string",
                "Part of the page: lead, linked, related or update.",
                {"enum": ["lead", "linked", "related", "update"]},
            ),
            ("number", "integer", "The update's own number on the page (updates only)."),
            ("title", "string", "Headline as printed, without the '(outlet, date)' suffix; empty for the lead."),
            (
                "outlet",
                "string",
                "Outlet as the page writes it (e.g. 'abcnews'); empty when the page names none. The lead "
                "(line 5) has outlet CNN: its closing words 'CNN’s Jomana Karadsheh reports.' credit CNN's "
                "correspondent, so the lead is read as CNN's words (undated, the same news as CNN's 22 May 2014 "
                "item), not the compiler's.",
            ),
            ("published", "date", "Publication date given on the page (ISO 8601); empty when the page gives none."),
            ("n_words", "integer", "Number of whitespace-separated words in the body."),
            ("line_start", "integer", "First page line of the item (its title line; first body line for the lead)."),
            ("line_end", "integer", "Last page line of the item (inclusive)."),
            (
                "body",
                "string",
                "Verbatim page text from the first to the last body line (newlines kept); empty for bare headlines.",
            ),
        ],
    },
    "boilerplate": {
        "title": "Boilerplate lines",
        "description": "Non-blank page lines that belong to no item: the post title, the section header and the "
        "comment form.",
        "primaryKey": ["line"],
        "fields": [
            ("line", "integer", "1-based page line."),
            (
                "kind",
                "string",
                "page_title, section_header or comment_form.",
                {"enum": ["page_title", "section_header", "comment_form"]},
            ),
            ("text", "string", "The line verbatim."),
        ],
    },
    "mentions": {
        "title": "Name mentions",
        "description": "Every mention of a person or organisation, resolved to an entity of "
        "data/reference/entities.csv.",
        "primaryKey": ["line", "start"],
        "foreignKeys": [{"fields": "item_id", "reference": {"resource": "articles", "fields": "item_id"}}],
        "fields": [
            ("item_id", "string", "Item the mention occurs in (articles.item_id)."),
            ("entity_id", "string", "Resolved entity (data/reference/entities.csv)."),
            ("entity_type", "string", "person or organisation.", {"enum": ["person", "organisation"]}),
            ("surface", "string", "The name exactly as written (titles and possessive 's excluded)."),
            ("line", "integer", "1-based page line of the mention."),
            ("start", "integer", "0-based character offset of the mention in its line."),
            ("end", "integer", "0-based character offset just past the mention (line[start:end] == surface)."),
            ("field", "string", "title or body: where in the item the mention is.", {"enum": ["title", "body"]}),
        ],
    },
    "quotes": {
        "title": "Quotations",
        "description": "Quoted words inside the excerpts and titles, verbatim, with the speaker the text attributes "
        "them to.",
        "primaryKey": ["quote_id"],
        "foreignKeys": [{"fields": "item_id", "reference": {"resource": "articles", "fields": "item_id"}}],
        "fields": [
            ("quote_id", "string", "Stable id in page order (q001, q002 and so on)."),
            ("item_id", "string", "Item the quotation occurs in."),
            (
                "speaker",
                "string",
                "Entity id of the speaker, or the named body as written when it is not an entity; empty if "
                "unattributed.",
            ),
            ("speaker_text", "string", "The words the page uses for the speaker."),
            ("quote", "string", "The quoted words verbatim, without the quotation marks (may span paragraphs)."),
            ("line", "integer", "Page line where the quoted words start."),
            ("line_end", "integer", "Page line where the quoted words end."),
            ("start", "integer", "0-based offset of the first quoted character in its line."),
            ("end", "integer", "0-based offset just past the last quoted character in line_end."),
            ("verb", "string", "The attributing verb (said, told, vowed and the like); empty when none."),
            (
                "kind",
                "string",
                "statement (attributed speech), term (a scare-quoted word or phrase) or headline (quoted in a title).",
                {"enum": ["statement", "term", "headline"]},
            ),
            _THREAD,
        ],
    },
    "claims": {
        "title": "Numeric claims",
        "description": "Every number the items state (counts, percentages, distances), with qualifier and date of "
        "reference.",
        "primaryKey": ["claim_id"],
        "fields": [
            ("claim_id", "string", "Stable id in page order (c001, c002 and so on)."),
            ("item_id", "string", "Item the claim occurs in."),
            (
                "value",
                "number",
                "The number stated, written as an integer when it is one (1200, not 1200.0); empty for vague "
                "quantities ('dozens', 'thousands').",
            ),
            ("unit", "string", "What is counted or measured (migrants, people, percent, miles and so on)."),
            ("what", "string", "Short description of the quantity, from the words around the number."),
            (
                "qualifier",
                "string",
                "exact, more than, at least, less than, about, almost, up to or vague, as the text qualifies it.",
            ),
            (
                "as_of",
                "date",
                "Last day the number refers to: as_of_end (a stated day, the end of a stated month or range, "
                "else the item's publication date); empty if unknown.",
            ),
            (
                "as_of_start",
                "date",
                "First day of the window the number refers to (inclusive): the stated day, the first day of "
                "a stated month ('in March': 1 March), week or range ('in June and July 2017': 1 June), "
                "or the publication date when the sentence states no date; empty if unknown.",
            ),
            (
                "as_of_end",
                "date",
                "Last day of that window (inclusive): 31 March for 'in March', 31 July for 'in June and July "
                "2017', 30 June 1996 for 'three months later' than March 1996.",
            ),
            ("span", "string", "The claim verbatim (qualifier, number and noun)."),
            ("line", "integer", "1-based page line of the span."),
            ("start", "integer", "0-based offset of the span in its line."),
            ("end", "integer", "0-based offset just past the span."),
            ("field", "string", "title or body: where in the item the claim is."),
            (
                "group",
                "string",
                "claim_id of the first claim of a quantity stated twice (e.g. '27 miles (43 km)'); else its own id.",
            ),
            (
                "unit_from",
                "string",
                "Where the unit comes from: stated, number of, inherited (previous claim), context, or empty.",
            ),
            _THREAD,
        ],
    },
    "events": {
        "title": "Coded events",
        "description": "Real-world events the page reports, coded by hand in ACLED's vocabulary "
        "(data/reference/events.csv), "
        "checked against the page and enriched by code (resolved dates, coordinates).",
        "primaryKey": ["event_id"],
        "fields": [
            ("event_id", "string", "Stable id of the coded event."),
            (
                "event_date",
                "date",
                "Date of the event, resolved from the text and the item's publication date: the first day "
                "of the window its precision names (for on_or_before: the last day the page allows).",
            ),
            (
                "date_precision",
                "string",
                "How precisely the page dates the event: day; week (seven days: a calendar week "
                "Monday-Sunday for 'last week', the seven days ending on the publication date for 'in "
                "the past week'); month (a calendar month, event_date its 1st); year (event_date 1 "
                "January); on_or_before (the page gives no day, week, month or year of its own, only "
                "bounds: see date_start and date_end).",
                {"enum": ["day", "week", "month", "year", "on_or_before"]},
            ),
            (
                "date_start",
                "date",
                "First day the event can have happened on (inclusive): the window's first day; empty "
                "when the page gives no lower bound (on_or_before).",
            ),
            (
                "date_end",
                "date",
                "Last day the event can have happened on (inclusive): the window's last day (a week's "
                "seventh day, a month's or year's last day), or the bound the page gives.",
            ),
            ("event_type", "string", "ACLED event type."),
            ("sub_event_type", "string", "ACLED sub-event type."),
            ("actor1", "string", "Main actor (ACLED-style name)."),
            ("actor2", "string", "Second actor, the target or counterpart; empty if none."),
            ("location", "string", "Place id (data/reference/places.csv)."),
            ("latitude", "number", "Latitude of the place (decimal degrees)."),
            ("longitude", "number", "Longitude of the place (decimal degrees)."),
            (
                "geo_precision",
                "integer",
                "ACLED geo precision: 1 the place itself, 2 near it, 3 the wider region; also 3 when "
                "the coder infers a seat the page does not name (Rome, The Hague).",
                {"enum": [1, 2, 3]},
            ),
            (
                "place_named",
                "boolean",
                "True when the place's name or an alias (places.csv) occurs in the source item; false "
                "when the place is the coder's inference or an illustrative point.",
            ),
            ("fatalities", "integer", "Deaths the source states for this event; empty when it states none."),
            ("source_item", "string", "Item of the page the evidence comes from."),
            ("source_outlet", "string", "Outlet of that item."),
            ("source_published", "date", "Publication date of that item."),
            ("evidence", "string", "Verbatim span of the source item that reports the event."),
            ("line", "integer", "Page line where the evidence starts."),
            (
                "date_text",
                "string",
                "The words of the item that date the event ('on Sunday', 'In March 1996'). Empty means "
                "the date comes from the coder's reading, given in the reference's date_override and "
                "explained in notes (LBY001, 004, 006, 017, 018), not the publication date.",
            ),
            _THREAD,
            ("notes", "string", "Coding decisions, uncertainty, disagreements between sources."),
        ],
    },
    "page_lines": {
        "title": "Page lines",
        "description": "One row per line of the page: which item or boilerplate row owns it, or none (blank).",
        "primaryKey": ["line"],
        "fields": [
            ("line", "integer", "1-based page line."),
            (
                "role",
                "string",
                "item, boilerplate, blank (empty line) or unowned (a non-blank line no rule claimed).",
                {"enum": ["item", "boilerplate", "blank", "unowned"]},
            ),
            (
                "part",
                "string",
                "The item's section (lead, linked, related, update) or the boilerplate kind; empty for blank lines.",
            ),
            ("item_id", "string", "Item owning the line (articles.item_id); empty otherwise."),
            ("n_chars", "integer", "Length of the line in characters."),
        ],
    },
    "sentences": {
        "title": "Sentences of the claims",
        "description": "One row per sentence holding a numeric claim (claims_ledger.sentence_id), written once however "
        "many claims it holds: its text, where it is, its date words, hedging words and single-report cue.",
        "primaryKey": ["sentence_id"],
        "foreignKeys": [{"fields": "item_id", "reference": {"resource": "articles", "fields": "item_id"}}],
        "fields": [
            ("sentence_id", "string", "Stable id in page order (s001, s002 and so on)."),
            ("item_id", "string", "Item the sentence belongs to (articles.item_id)."),
            ("field", "string", "title or body: where in the item the sentence is.", {"enum": ["title", "body"]}),
            ("line", "integer", "1-based page line of the sentence."),
            ("start", "integer", "0-based offset of the sentence in its line."),
            ("end", "integer", "0-based offset just past the sentence."),
            (
                "text",
                "string",
                "The sentence, verbatim (a title claim's sentence stays in the title).",
            ),
            ("when_text", "string", "Date words of the sentence, verbatim, '; '-joined; empty when it gives none."),
            ("hedge", "string", "Hedging words of the sentence, verbatim, '; '-joined."),
            (
                "cue_kind",
                "string",
                "Kind of the sentence's first single-report cue (tweet, video, one official, reportedly and so on); "
                "empty if none.",
            ),
            ("cue", "string", "The cue's words, verbatim."),
        ],
    },
    "claims_ledger": {
        "title": "Claims ledger",
        "description": "One row per numeric claim: the sentence it sits in (sentences.sentence_id), what it counts "
        "(measure, scope), how it is known (frame), the claim it restates and whether it rests on one report. Its "
        "date and hedging words are those of its sentence.",
        "primaryKey": ["claim_id"],
        "foreignKeys": [
            {"fields": "claim_id", "reference": {"resource": "claims", "fields": "claim_id"}},
            {"fields": "sentence_id", "reference": {"resource": "sentences", "fields": "sentence_id"}},
        ],
        "fields": [
            ("claim_id", "string", "The claim (claims.claim_id)."),
            ("sentence_id", "string", "The sentence holding the number (sentences.sentence_id)."),
            (
                "measure",
                "string",
                "What happened to the things counted (killed, wounded, died, rescued, returned, arrived, "
                "crossed); empty for durations, distances and uncovered numbers.",
            ),
            (
                "frame",
                "string",
                "How the number is known: ICC, video, agency, own claim, tweet, party statement, witnesses; "
                "empty when the outlet states it in its own voice.",
            ),
            (
                "scope",
                "string",
                "What the figure counts, by rule from measure and frame (e.g. 'executed on video', "
                "'arrivals in Italy'); empty when no rule covers it.",
            ),
            (
                "restates",
                "string",
                "claim_id of the claim this one restates (a headline number told again, '(43 km)'); "
                "empty if none. Never count both.",
            ),
            (
                "single_source",
                "boolean",
                "True when the sentence says the figure rests on one report (for a restating claim: the sentence of "
                "the claim it restates).",
            ),
            (
                "cue_kind",
                "string",
                "Kind of single-report cue (tweet, video, one official, reportedly and so on); empty if none. Its "
                "words are the cue of that sentence (sentences.cue).",
            ),
            (
                "n_items",
                "integer",
                "Items of the page stating the same value, unit and scope (1: no other item repeats it).",
            ),
        ],
    },
    "versions": {
        "title": "Source versions of disagreements",
        "description": "One row per source's version of a contested fact (data/reference/disagreements.csv) whose item "
        "is on the page, with the evidence located verbatim and the date words resolved.",
        "primaryKey": ["topic", "item_id", "line", "start"],
        "foreignKeys": [{"fields": "item_id", "reference": {"resource": "articles", "fields": "item_id"}}],
        "fields": [
            ("topic", "string", "Contested fact (disagreements.csv topic)."),
            ("kind", "string", "date (when it happened) or account (what happened).", {"enum": ["date", "account"]}),
            ("question", "string", "The question the versions answer."),
            ("item_id", "string", "Item carrying the version (articles.item_id)."),
            ("speaker", "string", "Who gives the version, as coded."),
            ("basis", "string", "How the outlet knows it, as coded."),
            ("version", "string", "The version, a short paraphrase by the coder."),
            ("date_text", "string", "Date words of the version, verbatim; empty when it gives none."),
            ("anchor_text", "string", "Date words the phrase counts from, verbatim; empty if none."),
            ("resolved_date", "date", "First day of the resolved date; empty when unresolved or undated."),
            ("precision", "string", "day, week, month, year, unresolved, or empty (undated)."),
            ("window_end", "date", "Last day of the resolved date's window (inclusive)."),
            ("evidence", "string", "The verbatim words that carry the version."),
            ("line", "integer", "Page line of the evidence."),
            ("start", "integer", "0-based offset of the evidence in its line."),
            ("end", "integer", "0-based offset just past the evidence."),
            ("note", "string", "Coder's note."),
        ],
    },
    "speakers": {
        "title": "Quoted speakers and the group they speak for",
        "description": "One row per distinct attributed speaker of the quotes table, in page order: the group of "
        "data/reference/entities.csv it speaks for (the entity's own group, or the group of the longest "
        "phrase of data/reference/speaker_groups.csv its words contain).",
        "primaryKey": ["speaker"],
        "fields": [
            ("speaker", "string", "The speaker as in quotes.speaker: an entity id or the page's words for a body."),
            (
                "group",
                "string",
                "Group it speaks for (entities.csv group); empty when no rule places it.",
                {
                    "enum": [
                        "armed_group",
                        "foreign_state",
                        "international",
                        "libya_east",
                        "libya_other",
                        "libya_west",
                        "media",
                        "movement",
                        "ngo",
                    ]
                },
            ),
            (
                "matched_by",
                "string",
                "entity (an entity of entities.csv), phrase (speaker_groups.csv) or none.",
                {"enum": ["entity", "phrase", "none"]},
            ),
        ],
    },
    "titles": {
        "title": "Titles before Haftar's name",
        "description": "One row per mention of Haftar with the rank or office written right before it "
        "(title rows of data/reference/labels.csv), or '(none)'.",
        "primaryKey": ["line", "mention_start"],
        "foreignKeys": [{"fields": "item_id", "reference": {"resource": "articles", "fields": "item_id"}}],
        "fields": [
            ("item_id", "string", "Item of the mention (articles.item_id)."),
            ("outlet", "string", "Outlet of the item as the page writes it."),
            ("year", "integer", "Publication year of the item; empty when undated."),
            ("surface", "string", "The name as written (mentions.surface)."),
            ("title", "string", "The title label (labels.csv label), or '(none)'."),
            ("span", "string", "The title verbatim; empty for '(none)'."),
            ("line", "integer", "1-based page line."),
            ("start", "integer", "0-based offset of the title (of the name when there is none)."),
            ("end", "integer", "0-based offset just past the title."),
            ("mention_start", "integer", "0-based offset of the name (mentions.start)."),
        ],
    },
    "label_uses": {
        "title": "Label uses",
        "description": "Every label of data/reference/labels.csv (descriptors and force names) found in the items' "
        "titles "
        "and bodies; sentence-scope labels count only in a sentence naming Haftar.",
        "primaryKey": ["line", "start"],
        "foreignKeys": [{"fields": "item_id", "reference": {"resource": "articles", "fields": "item_id"}}],
        "fields": [
            ("item_id", "string", "Item (articles.item_id)."),
            ("outlet", "string", "Outlet of the item as the page writes it."),
            ("year", "integer", "Publication year of the item; empty when undated."),
            ("label", "string", "The label (labels.csv label)."),
            (
                "applies_to",
                "string",
                "Which side the label describes.",
                {"enum": ["haftar_side", "opponents", "either"]},
            ),
            ("kind", "string", "descriptor or force_name.", {"enum": ["descriptor", "force_name"]}),
            ("field", "string", "title or body.", {"enum": ["title", "body"]}),
            ("line", "integer", "1-based page line."),
            ("start", "integer", "0-based offset of the label in the line."),
            ("end", "integer", "0-based offset just past it."),
            ("span", "string", "The words on the page, verbatim."),
        ],
    },
    "framing_labels": {
        "title": "Labels in the post title",
        "description": "Labels of data/reference/labels.csv in the post title: the compiler's own framing, not an "
        "outlet's.",
        "primaryKey": ["line", "start"],
        "fields": [
            ("line", "integer", "Page line (boilerplate.line)."),
            ("label", "string", "The label (labels.csv label)."),
            (
                "applies_to",
                "string",
                "Which side the label describes.",
                {"enum": ["haftar_side", "opponents", "either"]},
            ),
            ("start", "integer", "0-based offset in the line."),
            ("end", "integer", "0-based offset just past it."),
            ("span", "string", "The words on the page, verbatim."),
        ],
    },
    "framing_terms": {
        "title": "Framing terms",
        "description": "Every occurrence of a loaded term (Langley, CIA, evil, renegade, so-called, self-styled, "
        "militia, "
        "terror, jihad; as word starts) and where: post title, lead, headline or excerpt.",
        "primaryKey": ["line", "start", "term"],
        "fields": [
            ("term", "string", "The term searched (a word start)."),
            ("surface", "string", "The word as written."),
            (
                "where",
                "string",
                "post title, lead, headline or excerpt.",
                {"enum": ["post title", "lead", "headline", "excerpt"]},
            ),
            ("item_id", "string", "Item (articles.item_id); empty for the post title."),
            ("outlet", "string", "Outlet of the item as the page writes it."),
            ("published", "date", "Publication date of the item; empty when undated."),
            ("line", "integer", "1-based page line."),
            ("start", "integer", "0-based offset in the line."),
            ("end", "integer", "0-based offset just past the word."),
        ],
    },
    "shouted_words": {
        "title": "Shouted words",
        "description": "All-capital words used for emphasis: not a recognised name, not a common abbreviation.",
        "primaryKey": ["line", "start"],
        "foreignKeys": [{"fields": "item_id", "reference": {"resource": "articles", "fields": "item_id"}}],
        "fields": [
            ("item_id", "string", "Item (articles.item_id)."),
            ("outlet", "string", "Outlet of the item as the page writes it."),
            ("field", "string", "lead, headline or excerpt.", {"enum": ["lead", "headline", "excerpt"]}),
            ("word", "string", "The word as written."),
            ("line", "integer", "1-based page line."),
            ("start", "integer", "0-based offset in the line."),
            ("end", "integer", "0-based offset just past the word."),
        ],
    },
    "web_debris": {
        "title": "Web debris and crossheads",
        "description": "Excerpt text that is web-page furniture ('Continue reading', 'Graphic footage follows') or a "
        "subheading of the original article (a short line without closing punctuation), not its prose.",
        "primaryKey": ["line"],
        "foreignKeys": [{"fields": "item_id", "reference": {"resource": "articles", "fields": "item_id"}}],
        "fields": [
            ("item_id", "string", "Item (articles.item_id)."),
            ("outlet", "string", "Outlet of the item as the page writes it."),
            ("kind", "string", "web debris or crosshead.", {"enum": ["web debris", "crosshead"]}),
            ("text", "string", "The text, verbatim, to the end of the line."),
            ("line", "integer", "1-based page line."),
            ("start", "integer", "0-based offset in the line."),
            ("end", "integer", "0-based offset of the end of the line's text."),
        ],
    },
    "verbatim_checks": {
        "title": "Verbatim checks",
        "description": "For each table that quotes the page, how many rows point to text found verbatim where they "
        "say it is.",
        "primaryKey": ["table"],
        "fields": [
            ("table", "string", "The table checked."),
            ("rows", "integer", "Rows of the table checked."),
            ("verbatim", "integer", "Rows whose text is found where they say."),
            ("check", "string", "What is checked."),
        ],
    },
    "uncoded": {
        "title": "Happenings not coded as events",
        "description": "The coverage rule: an event is coded for each happening of the conflict or of the response "
        "to it "
        "(force, moves and orders of forces, agreements, arrests, abductions, warrants, operations at sea and "
        "their suspension, decisions and statements of the parties and governments) that an item's excerpt "
        "reports either as the item's news (dated, at the latest, by the report) or with date words of its "
        "own. This table lists the happenings the page reports that the rule leaves out, with the reason "
        "(data/reference/uncoded.csv).",
        "primaryKey": ["item_id", "line", "happening"],
        "fields": [
            ("item_id", "string", "Item that reports the happening."),
            ("line", "integer", "Page line of the evidence."),
            ("happening", "string", "What happened, in the coder's words."),
            (
                "reason",
                "string",
                "Why the coverage rule leaves it out: " + "; ".join(f"'{k}': {v}" for k, v in UNCODED_REASONS.items()),
                {"enum": list(UNCODED_REASONS)},
            ),
            ("evidence", "string", "Verbatim span of the item that reports it."),
            _THREAD,
            ("note", "string", "Line numbers, other reports, the coded event it belongs to or explains."),
        ],
    },
}

TABLES = list(SCHEMAS)
#: The tables read from the page's items directly (the others are derived from the page and these).
CORE_TABLES = [*TABLES[:6], "uncoded"]


def field_types(table: str) -> dict[str, str]:
    """Map each field of a table to its frictionless type."""
    return {f[0]: f[1] for f in SCHEMAS[table]["fields"]}


def columns(table: str) -> list[str]:
    """The published column order of a table."""
    return [f[0] for f in SCHEMAS[table]["fields"]]


def _field(name: str, ftype: str, description: str, constraints: dict | None = None) -> dict:
    """One field of a table schema; ``constraints`` (e.g. an enum of a closed set of values) when given."""
    field = {"name": name, "type": ftype, "description": description}
    if constraints:
        field["constraints"] = constraints
    return field


def descriptor(source_name: str, source_sha256: str, hashes: dict[str, str] | None = None) -> dict:
    """The datapackage.json content for the tables extracted from one page (no timestamps: deterministic).

    ``hashes`` maps file names to their sha256: each table's resource gets ``"hash": "sha256:..."`` (the
    Frictionless v1 form, checked by ``frictionless validate``), other files go under ``"files"``.
    """
    hashes = hashes or {}
    source_name = source_name.encode("utf-8", "replace").decode()  # a file name's byte that is not UTF-8: '?'
    resources = []
    for table, spec in SCHEMAS.items():
        schema = {"fields": [_field(*f) for f in spec["fields"]]}
        for key in ("primaryKey", "foreignKeys"):
            if key in spec:
                schema[key] = spec[key]
        schema["missingValues"] = [""]
        resources.append(
            {
                "name": table,
                "path": f"{table}.csv",
                "title": spec["title"],
                "description": spec["description"],
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": schema,
            }
        )
        if f"{table}.csv" in hashes:
            resources[-1]["hash"] = f"sha256:{hashes[f'{table}.csv']}"
    return {
        "name": "libya-entanglement",
        "title": "Libya Entanglement: a compiled news page as evidence",
        "description": "Tables extracted by libyabook from one compiled news page about Khalifa Haftar and Libya "
        "(2011-2017).",
        "version": __version__,
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Tables: Creative Commons Attribution 4.0; quoted excerpts remain the "
                "third-party text of their outlets, quoted for study",
            }
        ],
        "sources": [{"title": source_name, "path": source_name, "sha256": source_sha256}],
        "profile": "tabular-data-package",
        "resources": resources,
    } | (
        {
            "files": [
                {"path": name, "hash": f"sha256:{digest}"}
                for name, digest in sorted(hashes.items())
                if not name.endswith(".csv")
            ]
        }
        if hashes
        else {}
    )


def recorded_hashes(desc: dict) -> dict[str, str]:
    """File name -> sha256 hex as a descriptor records them (tables' resources and other ``files``)."""
    entries = [(r["path"], r.get("hash", "")) for r in desc.get("resources", [])]
    entries += [(f["path"], f.get("hash", "")) for f in desc.get("files", [])]
    return {path: h.removeprefix("sha256:") for path, h in entries if h.startswith("sha256:")}


def to_json(desc: dict) -> str:
    """Serialise a descriptor deterministically."""
    return json.dumps(desc, indent=2, ensure_ascii=False) + "\n"


def dictionary(desc: dict) -> pd.DataFrame:
    """The data dictionary of a datapackage.json descriptor: one row per field of every resource."""
    import pandas as pd

    rows = [
        (res["name"], f["name"], f["type"], f["description"])
        for res in desc["resources"]
        for f in res["schema"]["fields"]
    ]
    return pd.DataFrame(rows, columns=["table", "field", "type", "description"])
