"""Chapter 1's findings (the page as a source), each a check on the published tables of a page."""

from __future__ import annotations

from libyabook.analysis import profile, words
from libyabook.analysis.chapters.corpus import BURST_GAP_DAYS, capitals, discount_marks, outlet_name
from libyabook.analysis.findings import Finding, check
from libyabook.analysis.tables import Tables
from libyabook.reference import load_reference

#: "A good part" of the items: at least this share of them is a bare headline.
BARE_SHARE = 0.25


def bare_headlines(t: Tables) -> Finding:
    """A good part of the items are bare headlines, which the page gives no text to check against."""
    items = t.articles[t.articles["section"] != "lead"]
    bare = len(profile.headline_only(t.articles))
    return check(
        "corpus.bare_headlines",
        "A good part of the page's items are bare headlines: the page gives no excerpt to check their wording.",
        holds=len(items) > 0 and bare / len(items) >= BARE_SHARE,
        testable=len(items) > 0,
        evidence=f"{words.count(bare, 'bare headline')} among {words.count(len(items), 'item')} (the lead left out)",
    )


def bursts(t: Tables) -> Finding:
    """The dated items come in bursts apart by half a year or more; the last burst holds most of them."""
    runs = profile.bursts(t.articles, min_gap_days=BURST_GAP_DAYS)
    dated = int(runs["items"].sum()) if len(runs) else 0
    last = int(runs["items"].iloc[-1]) if len(runs) else 0
    return check(
        "corpus.bursts",
        "The dated items come in bursts set apart by gaps of half a year or more, and the last burst "
        "holds most of them: the page is not a chronicle.",
        holds=len(runs) >= 2 and last > dated / 2,
        testable=dated >= 2,
        evidence=f"{words.count(len(runs), 'burst')}; the last holds {words.number(last)} of "
        f"{words.count(dated, 'dated item')}",
    )


def updates_most_text(t: Tables) -> Finding:
    """The numbered updates supply most of the excerpt text."""
    sections = profile.section_summary(t.articles).set_index("section")
    total = int(sections.loc[sections.index != "lead", "words"].sum())
    updates = int(sections.loc["update", "words"]) if "update" in sections.index else 0
    return check(
        "corpus.updates_most_text",
        "The numbered updates supply most of the excerpt text a reader reads.",
        holds=total > 0 and updates > total / 2,
        testable="update" in sections.index and total > 0,
        evidence=f"{words.number(updates)} of {words.number(total)} words of excerpt",
    )


def oldest_second_hand(t: Tables) -> Finding:
    """The earliest dated item relays reports of other news organisations: the oldest material is second-hand."""
    timeline = profile.publication_timeline(t.articles)
    relays = profile.relayed_media(t.mentions, t.articles, load_reference("entities"), load_reference("outlets"))
    first = timeline.iloc[0] if len(timeline) else None
    relayed = relays[relays["item_id"] == first["item_id"]]["relays"].tolist() if first is not None else []
    said = (
        (
            f"the earliest item ({outlet_name(first['outlet'])}, {words.date(first['published'])}) cites "
            f"{words.join(relayed) or 'no other news organisation'}"
        )
        if first is not None
        else "no dated item"
    )
    return check(
        "corpus.oldest_second_hand",
        "The page's oldest material reaches it second-hand: its earliest item relays the reports of "
        "other news organisations.",
        holds=bool(relayed),
        testable=first is not None,
        evidence=said,
    )


def framing_is_compilers(t: Tables) -> Finding:
    """*Langley* is only in the compiler's title and *evil* only in a headline, never in an excerpt."""
    terms = t.framing_terms
    langley = terms[terms["term"] == "Langley"]
    evil = terms[terms["term"] == "evil"]
    return check(
        "corpus.framing_is_compilers",
        "Two of the page's most loaded words are not the excerpts': *Langley* occurs only in the compiler's "
        "post title, *evil* only in a headline.",
        holds=set(langley["where"]) == {"post title"} and set(evil["where"]) == {"headline"},
        testable=len(langley) > 0 and len(evil) > 0,
        evidence=f"Langley: {words.count(len(langley), 'occurrence')} "
        f"({words.join(sorted(set(langley['where']))) or 'none'}); evil: "
        f"{words.count(len(evil), 'occurrence')} ({words.join(sorted(set(evil['where']))) or 'none'})",
    )


def emphasis_in_headlines(t: Tables) -> Finding:
    """Capitals for emphasis come from one outlet's headlines; an excerpt's capitalised first word is not emphasis."""
    caps = capitals(t.shouted_words, t.articles)
    emphasis = caps[caps["kind"] == "capitals for emphasis"]
    outlets = sorted({outlet_name(o) for o in emphasis["outlet"]})
    return check(
        "corpus.emphasis_in_headlines",
        "Words set in capitals for emphasis all come from one outlet's headlines; the capitals that open "
        "some excerpts are a typographic convention, not emphasis.",
        holds=len(outlets) == 1 and set(emphasis["field"]) == {"headline"},
        testable=len(emphasis) > 0,
        evidence=f"{words.count(len(emphasis), 'word')} for emphasis, from "
        f"{words.join(outlets) or 'no outlet'}; {words.count(len(caps) - len(emphasis), 'word')} "
        "opening an excerpt",
    )


def marks_kept_in_items(t: Tables) -> Finding:
    """Every mark to discount (capitals, web debris, subheadings) is kept, as printed, inside its own item."""
    marks = discount_marks(t.shouted_words, t.web_debris, t.articles)
    text = dict(zip(t.articles["item_id"], t.articles["title"].fillna("") + "\n" + t.articles["body"].fillna("")))
    kept = [m in text.get(i, "") for i, m in zip(marks["item_id"], marks["text"])]
    return check(
        "corpus.marks_kept_in_items",
        "Capitals, web debris and subheadings are kept in the data as printed, inside the item they come "
        "from, so a later chapter can attribute or set them aside.",
        holds=all(kept),
        testable=len(marks) > 0,
        evidence=f"{words.number(sum(kept))} of {words.count(len(marks), 'mark')} found in their item"
        if len(marks)
        else "no capitals, web debris or subheadings on this page",
    )


def findings(t: Tables) -> list[Finding]:
    """Chapter 1's findings, checked on the tables of ``t`` (the chapter has no date window)."""
    return [
        bare_headlines(t),
        bursts(t),
        updates_most_text(t),
        oldest_second_hand(t),
        framing_is_compilers(t),
        emphasis_in_headlines(t),
        marks_kept_in_items(t),
    ]
