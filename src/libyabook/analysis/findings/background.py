"""Chapter 2's findings (who is Khalifa Haftar), each a check on the published tables of a page.

Findings about specific reports (the 2011 item's relays, the State Department's words) are not testable
on a page that lacks them.
"""

from __future__ import annotations

import datetime as dt

from libyabook.analysis import labels, profile, words
from libyabook.analysis.chapters.background import END, HAFTAR, START, descriptions
from libyabook.analysis.chapters.corpus import outlet_name
from libyabook.analysis.findings import Finding, check
from libyabook.analysis.tables import Tables
from libyabook.reference import load_reference

#: Descriptions that place him in the east of the country (label vocabulary, data/reference/labels.csv).
EASTERN = ("eastern commander", "Tobruk-based")


def past_from_one_item(t: Tables, start: dt.date, end: dt.date) -> Finding:
    """The events before 2011 that the page reports all come from one item, which relays older reports."""
    early = t.events[
        (t.events["event_date"].fillna("") != "")
        & (t.events["event_date"] < "2011-01-01")
        & (t.events["event_date"] >= start.isoformat())
    ]
    sources = sorted(set(early["source_item"]))
    relays = profile.relayed_media(t.mentions, t.articles, load_reference("entities"), load_reference("outlets"))
    relayed = sorted(set(relays.loc[relays["item_id"].isin(sources), "relays"]))
    return check(
        "background.past_from_one_item",
        "Every event of Haftar's past before 2011 that the book codes from the page comes from one item, "
        "which relays older reports of other news organisations.",
        holds=len(sources) == 1 and bool(relayed),
        testable=len(early) > 0 and end.year >= 2011,
        evidence=f"{words.count(len(early), 'event')} before 2011, from {words.count(len(sources), 'item')}"
        f"{' relaying ' + words.join(relayed) if relayed else ''}",
    )


def relays_do_not_name_him(t: Tables) -> Finding:
    """The words quoted from the relayed reports do not name him: the link to him is the relaying author's."""
    media = load_reference("entities").query("group == 'media'")["entity_id"]
    quoted = t.quotes[t.quotes["speaker"].isin(list(media))]
    him = t.mentions[t.mentions["entity_id"] == HAFTAR]
    inside = [
        q.quote_id
        for q in quoted.itertuples()
        for m in him.itertuples()
        if int(q.line) <= int(m.line) <= int(q.line_end)
        and (int(m.line) != int(q.line) or int(m.start) >= int(q.start))
        and (int(m.line) != int(q.line_end) or int(m.end) <= int(q.end))
    ]
    return check(
        "background.relays_do_not_name_him",
        "The words the page quotes from the older reports do not name Haftar: his link to them rests on "
        "the relaying author's own sentences.",
        holds=not inside,
        testable=len(quoted) > 0,
        evidence=f"{words.count(len(quoted), 'quotation')} of other news organisations; "
        f"{words.count(len(set(inside)), 'quotation')} naming him",
    )


def cia_one_question(t: Tables) -> Finding:
    """The CIA is named in one item only, and that item's headline is a question."""
    cia = labels.items_naming(t.mentions, t.articles, "cia")
    asks = set(labels.question_titles(t.articles)["item_id"])
    items = sorted(set(cia["item_id"]))
    return check(
        "background.cia_one_question",
        "The CIA is named in a single item, whose headline asks a question; the title's *Ex-Langley "
        "Affiliate* turns that question into a label.",
        holds=len(items) == 1 and items[0] in asks,
        testable=len(items) > 0,
        evidence=f"the CIA named {words.count(int(cia['n_mentions'].sum()), 'time')} in "
        f"{words.count(len(items), 'item')}; {words.count(len(set(items) & asks), 'headline')} "
        "of those a question",
    )


def two_pasts(t: Tables) -> Finding:
    """One outlet calls him a former Gaddafi ally; the oldest item tells of exiles trained to topple Gaddafi."""
    ally = descriptions(t.label_uses).query("label == 'former Gaddafi ally'")
    exile = t.events[
        t.events["actor2"].fillna("").str.contains("exile", case=False)
        & t.events["actor2"].fillna("").str.contains("Haftar")
    ]
    return check(
        "background.two_pasts",
        "The page holds two pasts that sit uneasily together: a 2017 report calls him a *former Gaddafi "
        "ally*, while the 2011 item tells of his men as exiles trained by American intelligence in a plan "
        "to topple Gaddafi.",
        holds=len(ally) > 0 and len(exile) > 0,
        testable=len(ally) > 0 or len(exile) > 0,
        evidence=f"*former Gaddafi ally*: {words.count(len(ally), 'use')}"
        f"{', in ' + words.join(sorted({outlet_name(o) for o in ally['outlet']})) if len(ally) else ''}; "
        f"coded events of trained exiles: {words.number(len(exile))}",
    )


def based_in_the_east(t: Tables) -> Finding:
    """Outlets of 2017 place him in the east of the country: an eastern commander, Tobruk-based."""
    east = descriptions(t.label_uses).query("label in @EASTERN")
    outlets = sorted({outlet_name(o) for o in east["outlet"]})
    return check(
        "background.based_in_the_east",
        "Outlets of 2017 describe him by the east of the country, where his forces are based.",
        holds=len(outlets) >= 2 and set(east["year"].dropna().astype(int)) == {2017},
        testable=len(east) > 0,
        evidence=f"{words.count(len(east), 'description')} ({words.join(sorted(set(east['span'])))}) "
        f"in {words.count(len(outlets), 'outlet')}: {words.join(outlets)}",
    )


def us_no_contact(t: Tables) -> Finding:
    """In 2014 the US State Department said it had had no recent contact with him."""
    said = t.quotes[(t.quotes["speaker"] == "psaki") & t.quotes["quote"].str.contains("contact", case=False)]
    item = said["item_id"].iloc[0] if len(said) else ""
    outlet = dict(zip(t.articles["item_id"], t.articles["outlet"])).get(item, "")
    return check(
        "background.us_no_contact",
        "In 2014 the State Department's spokeswoman said the United States had had no recent contact "
        "with him, which neither confirms nor excludes an earlier tie.",
        holds=len(said) > 0,
        testable=len(said) > 0,
        evidence=f"{words.count(len(said), 'quotation')} of Jen Psaki"
        f"{', relayed by ' + outlet_name(outlet) if outlet else ''}",
    )


def findings(t: Tables, start: dt.date = START, end: dt.date = END) -> list[Finding]:
    """Chapter 2's findings, checked on the tables of ``t`` (the window bounds the events of his past)."""
    return [
        past_from_one_item(t, start, end),
        relays_do_not_name_him(t),
        cia_one_question(t),
        two_pasts(t),
        based_in_the_east(t),
        us_no_contact(t),
    ]
