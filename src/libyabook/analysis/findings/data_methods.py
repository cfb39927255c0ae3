"""Chapter 9's findings (data and methods): checks of the published tables against each other and their schema.

Every check reads published tables only (``page_lines``, ``verbatim_checks``, the data package), never the
page text, so the appendix states what the data itself guarantees.
"""

from __future__ import annotations

from libyabook.analysis import tables, words
from libyabook.analysis.findings import Finding, check
from libyabook.analysis.tables import Tables
from libyabook.extract import datapackage

OWNER_ROLES = ("item", "boilerplate")


def one_owner(t: Tables) -> Finding:
    """Every non-blank line belongs to exactly one item or boilerplate row; none is lost or claimed twice."""
    lines = t.page_lines
    nonblank = lines[lines["role"] != "blank"]
    owners: dict[int, int] = {}
    for start, end in zip(t.articles["line_start"], t.articles["line_end"]):
        for n in range(int(start), int(end) + 1):
            owners[n] = owners.get(n, 0) + 1
    for n in t.boilerplate["line"]:
        owners[int(n)] = owners.get(int(n), 0) + 1
    lost = [int(n) for n in nonblank["line"] if owners.get(int(n), 0) == 0]
    twice = [int(n) for n in nonblank["line"] if owners.get(int(n), 0) > 1]
    unowned = int((~nonblank["role"].isin(OWNER_ROLES)).sum())
    return check(
        "data_methods.one_owner",
        "Every non-blank line of the page has exactly one owner, an item or a boilerplate row: none is "
        "lost and none is claimed twice.",
        holds=not lost and not twice and unowned == 0 and lines["line"].is_unique,
        testable=len(nonblank) > 0,
        evidence=f"{words.count(len(nonblank), 'non-blank line')}; {words.number(len(lost))} lost, "
        f"{words.number(len(twice))} claimed twice, {words.number(unowned)} without an owner",
    )


def verbatim(t: Tables) -> Finding:
    """Every mention, quotation, claim span and event evidence is found verbatim where its row says it is."""
    checks = t.verbatim_checks
    rows = dict(zip(checks["table"], checks["rows"].astype(int)))
    ok = dict(zip(checks["table"], checks["verbatim"].astype(int)))
    complete = all(rows.get(name) == len(t[name]) for name in ("mentions", "quotes", "claims", "events"))
    failed = sum(rows[n] - ok[n] for n in rows)
    return check(
        "data_methods.verbatim",
        "Every name mention, quotation, numeric claim and coded event's evidence is a verbatim piece of "
        "the page, found at the line its row gives.",
        holds=complete and failed == 0,
        testable=sum(rows.values()) > 0,
        evidence=f"{words.number(sum(ok.values()))} of {words.count(sum(rows.values()), 'row')} verbatim "
        f"({words.join(f'{n} {words.number(ok[n])}' for n in rows)})",
    )


def lines_agree(t: Tables) -> Finding:
    """The line table and the items table agree: each item line lies inside its item's line range."""
    ranges = {
        i: (int(a), int(b)) for i, a, b in zip(t.articles["item_id"], t.articles["line_start"], t.articles["line_end"])
    }
    item_lines = t.page_lines[t.page_lines["role"] == "item"]
    bad = [
        int(n)
        for n, i in zip(item_lines["line"], item_lines["item_id"])
        if i not in ranges or not ranges[i][0] <= int(n) <= ranges[i][1]
    ]
    return check(
        "data_methods.lines_agree",
        "The table of page lines and the table of items agree: every line given to an item lies inside "
        "that item's line range.",
        holds=not bad,
        testable=len(item_lines) > 0,
        evidence=f"{words.number(len(item_lines) - len(bad))} of {words.count(len(item_lines), 'item line')} agree",
    )


def events_sourced(t: Tables) -> Finding:
    """Every coded event points to an item of the page and to a line inside that item."""
    ranges = {
        i: (int(a), int(b)) for i, a, b in zip(t.articles["item_id"], t.articles["line_start"], t.articles["line_end"])
    }
    bad = [
        e
        for e, i, n in zip(t.events["event_id"], t.events["source_item"], t.events["line"])
        if i not in ranges or not ranges[i][0] <= int(n) <= ranges[i][1]
    ]
    return check(
        "data_methods.events_sourced",
        "Every hand-coded event points to the item that reports it and to a line inside that item.",
        holds=not bad,
        testable=len(t.events) > 0,
        evidence=f"{words.number(len(t.events) - len(bad))} of {words.count(len(t.events), 'event')} "
        f"{'point inside their item' if len(t.events) != 1 else 'points inside its item'}",
    )


def described(t: Tables) -> Finding:
    """Every column of every published table has a type and a description in datapackage.json."""
    fields = datapackage.dictionary(tables.descriptor())
    known = set(zip(fields["table"], fields["field"]))
    columns = [(name, c) for name in datapackage.TABLES for c in datapackage.columns(name)]  # as published
    missing = [f"{n}.{c}" for n, c in columns if (n, c) not in known]
    blank = int((fields["description"].fillna("").str.strip() == "").sum())
    return check(
        "data_methods.described",
        "Every column of every published table is described, with a type, in the data package.",
        holds=not missing and blank == 0,
        testable=bool(columns),
        evidence=f"{words.count(len(columns), 'column')} in {words.count(len(datapackage.TABLES), 'table')}; "
        f"{words.number(len(missing))} undescribed, {words.number(blank)} with an empty description",
    )


def findings(t: Tables) -> list[Finding]:
    """Chapter 9's findings, checked on the tables of ``t`` (the appendix has no date window)."""
    return [one_owner(t), verbatim(t), lines_agree(t), events_sourced(t), described(t)]
