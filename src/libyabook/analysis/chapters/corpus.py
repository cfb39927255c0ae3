"""Chapter 1, the page as a source: sections, outlets, dates and gaps, framing words, what to discount.

``facts(t)`` computes everything the chapter shows from the published tables (never from the page text):
the section summary, the dated items and their bursts and gaps, words per outlet with kind and owner, the
framing terms, the marks a reader should discount and the reports an item relays second-hand.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from libyabook.analysis import profile, words
from libyabook.analysis.tables import Tables
from libyabook.reference import load_reference

#: A gap of at least this many days separates two bursts of publication (half a year).
BURST_GAP_DAYS = 180


@dataclass(frozen=True)
class CorpusFacts:
    """What chapter 1 shows: one frame per table or chart, and the numbers its prose states (``glue``)."""

    sections: pd.DataFrame
    timeline: pd.DataFrame
    bursts: pd.DataFrame
    gaps: pd.DataFrame
    outlets: pd.DataFrame
    terms: pd.DataFrame
    discount: pd.DataFrame
    relays: pd.DataFrame
    tables: pd.DataFrame
    glue: dict[str, object]


def outlet_name(outlet: str) -> str:
    """The outlet's name as readers know it, from outlets.csv ('express' -> 'Daily Express'); unknown stays as is."""
    names = dict(zip(load_reference("outlets")["outlet"], load_reference("outlets")["name"]))
    return names.get(outlet, outlet)


def capitals(shouted: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Words in capitals, each marked as emphasis or as the capitalised first word of an excerpt.

    Some outlets set the first word of an article in capitals (a typographic convention, like a drop cap):
    that word is not emphasis. It is recognised from the tables alone: the word is where the item's body starts.
    """
    starts = {i: b.lstrip(" \"“‘'\n") for i, b in zip(articles["item_id"], articles["body"].fillna(""))}
    first = [
        field == "excerpt" and starts.get(item, "").startswith(word)
        for item, field, word in zip(shouted["item_id"], shouted["field"], shouted["word"])
    ]
    kind = ["first word in capitals" if f else "capitals for emphasis" for f in first]
    return shouted.assign(kind=kind)


def discount_marks(shouted: pd.DataFrame, debris: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Capitals, web debris and subheadings in page order: marks of the copy, not statements about Libya."""
    caps = capitals(shouted, articles).rename(columns={"word": "text"})
    cols = ["item_id", "outlet", "kind", "line", "text"]
    debris = debris.assign(kind=debris["kind"].replace({"crosshead": "subheading of the article"}))
    out = pd.concat([caps[cols], debris[cols]], ignore_index=True)
    out = out.assign(name=[outlet_name(o) for o in out["outlet"]])
    return out.sort_values(["line"], kind="mergesort").reset_index(drop=True)


def outlet_profile(articles: pd.DataFrame) -> pd.DataFrame:
    """Items, bare headlines and excerpt words per outlet, with kind, country and owner from outlets.csv."""
    outlets = load_reference("outlets")
    by_outlet = profile.items_by_outlet(articles, outlets)
    ref = profile.outlet_reference(outlets)[["outlet", "ownership"]]
    return by_outlet.merge(ref, on="outlet", how="left").fillna({"ownership": ""})


def dated_items(articles: pd.DataFrame, runs: pd.DataFrame) -> pd.DataFrame:
    """The dated items in date order, with the outlet's name, the section in words and the item's burst."""
    timeline = profile.publication_timeline(articles)
    burst = {i.strip(): int(b) for b, ids in zip(runs["burst"], runs["item_ids"]) for i in str(ids).split(",")}
    return timeline.assign(
        name=[outlet_name(o) for o in timeline["outlet"]],
        part=timeline["section"].map(profile.SECTION_LABELS).fillna(timeline["section"]),
        burst=[burst.get(i, 0) for i in timeline["item_id"]],
    )


def framing_terms(found: pd.DataFrame) -> pd.DataFrame:
    """Where each framing term occurs (post title, lead, headline, excerpt), with the outlets by name."""
    terms = profile.term_table(found)
    names = [", ".join(sorted(outlet_name(o.strip()) for o in s.split(",") if o.strip())) for s in terms["outlets"]]
    return terms.assign(outlets=names)


def date_range(first: str, last: str) -> str:
    """Two ISO dates as the prose writes a span: '21 to 22 May 2014', '23 July to 15 August 2017', or in full."""
    a, b = words.date(first).split(" "), words.date(last).split(" ")
    if a[1:] == b[1:]:
        return f"{a[0]} to {' '.join(b)}"
    if a[2:] == b[2:]:
        return f"{' '.join(a[:2])} to {' '.join(b)}"
    return f"{' '.join(a)} to {' '.join(b)}"


def _burst_glue(runs: pd.DataFrame, dated: int) -> dict[str, object]:
    """Prose values about the bursts: how many, and the last (densest) one's size, span and share."""
    if runs.empty:
        return {
            "n_bursts": "no bursts",
            "bursts_before": "none",
            "last_burst_items": "no items",
            "last_burst_days": "no days",
            "last_burst_first": "",
            "last_burst_last": "",
            "last_burst_span": "",
            "last_burst_pct": 0,
        }
    last = runs.iloc[-1]
    earlier = [
        words.count(int(r["items"]), "item") + " on " + words.date(r["first"])
        if r["first"] == r["last"]
        else words.count(int(r["items"]), "item") + " from " + date_range(r["first"], r["last"])
        for _, r in runs.iloc[:-1].iterrows()
    ]
    return {
        "n_bursts": words.count(len(runs), "burst"),
        "bursts_before": words.join(earlier) or "none",
        "last_burst_items": words.count(int(last["items"]), "item"),
        "last_burst_days": words.count(int(last["days"]), "day"),
        "last_burst_first": words.date(last["first"]),
        "last_burst_last": words.date(last["last"]),
        "last_burst_span": date_range(last["first"], last["last"]),
        "last_burst_pct": round(100 * int(last["items"]) / dated) if dated else 0,
    }


def _gap_glue(gaps: pd.DataFrame) -> dict[str, object]:
    """Prose values about the longest gap between two dated items."""
    if gaps.empty:
        return {"gap_from": "", "gap_to": "", "gap_years": ""}
    g = gaps.iloc[0]
    return {
        "gap_from": words.date(g["from_date"]),
        "gap_to": words.date(g["to_date"]),
        "gap_years": words.number(float(g["years"])),
    }


def _glue(
    t: Tables, sections: pd.DataFrame, outlets: pd.DataFrame, discount: pd.DataFrame, relays: pd.DataFrame
) -> dict[str, object]:
    """Every number chapter 1's prose states, written as the prose writes it."""
    by = sections.set_index("section")

    def get(section: str, column: str) -> int:
        return int(by.loc[section, column]) if section in by.index else 0

    lines = t.page_lines
    dated = int((t.articles["published"].fillna("") != "").sum())
    total = int(outlets["words"].sum())
    emphasis = discount[discount["kind"] == "capitals for emphasis"]
    order = profile.date_order(t.articles).set_index("section")["order"]
    dates = sorted(d for d in t.articles["published"].fillna("") if d)
    top = outlets.iloc[0] if len(outlets) else None
    values = {
        "first_date": words.date(dates[0]) if dates else "",
        "last_date": words.date(dates[-1]) if dates else "",
        "top_outlet": top["name"] if top is not None else "",
        "top_outlet_words": words.count(int(top["words"]), "word") if top is not None else "",
        "state_owned_names": words.join(outlets.loc[outlets["state_owned"], "name"]) or "none",
        "emphasis_words": words.join(emphasis["text"]),
        "n_tables": words.count(len(profile.extraction_summary(t)), "table"),
        "n_lines": words.number(len(lines)),
        "n_nonblank": words.number(int((lines["role"] != "blank").sum())),
        "n_items": words.count(len(t.articles), "item"),
        "n_sections": words.number(len(sections)),
        "n_linked": words.count(get("linked", "items"), "linked headline"),
        "n_linked_excerpt": words.number(get("linked", "with_excerpt")),
        "n_linked_bare": words.number(get("linked", "headline_only")),
        "n_related": words.count(get("related", "items"), "related-post headline"),
        "n_updates": words.count(get("update", "items"), "numbered update"),
        "n_headline_only": words.count(len(profile.headline_only(t.articles)), "item"),
        "n_dated": words.count(dated, "item"),
        "n_outlets": words.count(
            int(t.articles.loc[t.articles["section"] != "lead", "outlet"].replace("", pd.NA).dropna().nunique()),
            "outlet",
        ),
        "total_words": words.number(total),
        "update_words_pct": round(100 * get("update", "words") / total) if total else 0,
        "lead_words": words.number(get("lead", "words")),
        "n_zero_word_outlets": words.count(int((outlets["words"] == 0).sum()), "outlet"),
        "n_state_owned": words.count(int(outlets["state_owned"].sum()), "outlet"),
        "n_emphasis": words.count(len(emphasis), "word"),
        "n_emphasis_outlets": words.count(emphasis["outlet"].nunique(), "outlet"),
        "n_relays": words.count(len(relays), "citation"),
        "n_relaying_items": words.count(relays["item_id"].nunique(), "item"),
        "linked_order": order.get("linked", ""),
        "update_order": order.get("update", ""),
    }
    return values


def facts(t: Tables) -> CorpusFacts:
    """Everything chapter 1 shows, from the published tables of one page."""
    sections = profile.section_summary(t.articles)
    outlets = outlet_profile(t.articles)
    discount = discount_marks(t.shouted_words, t.web_debris, t.articles)
    relays = profile.relayed_media(t.mentions, t.articles, load_reference("entities"), load_reference("outlets"))
    runs = profile.bursts(t.articles, min_gap_days=BURST_GAP_DAYS)
    timeline = dated_items(t.articles, runs)
    gaps = profile.gaps(t.articles, min_days=BURST_GAP_DAYS)
    relays = relays.assign(name=[outlet_name(o) for o in relays["outlet"]])
    glue = _glue(t, sections, outlets, discount, relays)
    glue.update(_burst_glue(runs, len(timeline)))
    glue.update(_gap_glue(gaps))
    return CorpusFacts(
        sections=sections,
        timeline=timeline,
        bursts=runs,
        gaps=gaps,
        outlets=outlets,
        terms=framing_terms(t.framing_terms),
        discount=discount,
        relays=relays,
        tables=profile.extraction_summary(t),
        glue=glue,
    )
