"""Day-by-day timelines: dated happenings (events, quoted statements, reports) of a date window, and the
resolution of the page's relative dates ("On Sunday", "last week") against each item's publication date.

News items date what they report relative to their own publication date. This module

* finds every date phrase in the excerpts (``date_phrases``) and resolves it with ``dates.resolve_date``,
  so a reader can check how "On Sunday" in a Thursday item becomes the Sunday before it
  (``relative_dates_table``, which also joins the hand-coded events that use the phrase);
* dates quoted statements (``date_quotes``) by the date phrase next to them (the attribution, e.g.
  "said Wednesday"), else by the date phrase of the item's first paragraph (the news lede, whose
  statements the rest of a wire story usually quotes), else by the publication date (the latest day the
  words can have been said); ``date_basis`` records which rule gave the date;
* puts events, statements and the reports themselves in one table, one row per dated happening
  (``day_by_day``; ``figures.timeline`` draws it on a date axis);
* counts who is mentioned and quoted in the window's items (``people_in_window``, ``who_said_what``).

Dates are ISO text ('' when unknown), as in the published tables; a date is the *first day* of the
window its precision names (see ``dates``). Windows are inclusive and applied with
``window.in_window`` on that first day. Everything is a pure function of the tables (articles carry
the verbatim body text, so no page object is needed); no drawing here (see ``figures.timeline``).
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from libyabook.analysis.window import in_window, items_in_window
from libyabook.extract.dates import resolve_date

PHRASE_COLUMNS = [
    "item_id",
    "outlet",
    "published",
    "line",
    "start",
    "end",
    "phrase",
    "date",
    "precision",
    "resolved_from",
    "in_quote",
]
QUOTE_DATE_COLUMNS = ["date", "precision", "date_text", "date_basis"]
TIMELINE_COLUMNS = [
    "date",
    "precision",
    "kind",
    "what",
    "who",
    "event_type",
    "outlet",
    "published",
    "item_id",
    "evidence",
    "line",
    "date_text",
    "date_basis",
    "ref",
    "label",
]
RELATIVE_COLUMNS = [
    "phrase",
    "outlet",
    "item_id",
    "line",
    "published",
    "published_day",
    "date",
    "resolved",
    "precision",
    "resolved_from",
    "event_id",
]
WHO_SAID_COLUMNS = [
    "date",
    "precision",
    "date_basis",
    "speaker",
    "speaker_text",
    "words",
    "kind",
    "verb",
    "outlet",
    "published",
    "item_id",
    "line",
    "quote_id",
]
PEOPLE_COLUMNS = ["speaker", "name", "type", "mentions", "items", "statements", "terms"]

#: Order of the kinds of rows on a day (events first, then what was said, then the reports).
KINDS = ("event", "statement", "report")

# ---- finding date phrases ----------------------------------------------------------------------------

_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_M = rf"(?:{_MONTH_NAMES})\.?"  # capitalised only: 'may' the verb is not May
_D = r"\d{1,2}(?:st|nd|rd|th)?"
_Y = r"(?:1[89]|20)\d\d(?![\d])"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:['’]s)?"
_N = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_PREP = r"(?i:in|during|since|by|until|early|late|mid|earlier in|later in)"

# Ordered alternatives: at one position the first that matches wins, so fuller forms come first.
_PHRASE = re.compile(
    "|".join(
        [
            rf"(?:(?i:in)\s+)?\b{_M}\s*(?:and|to|-|–|through|or)\s*{_M},?\s+{_Y}",  # in June and July 2017
            rf"\b{_M}\s+{_D},?\s+{_Y}",  # May 21, 2016
            rf"\b{_D}\s+(?:of\s+)?{_M},?\s+{_Y}",  # 21 May 2016
            rf"(?:(?i:in)\s+)?\b{_M},?\s+(?:of\s+)?{_Y}",  # In March 1996, May 1991
            rf"\b{_M}\s+{_D}\b(?!\s*,?\s*\d)",  # March 26th, August 7
            rf"\b{_D}\s+(?:of\s+)?{_M}\b",  # 26 March
            rf"\b(?i:in|since|by|until|from|of|early|late)\s+{_Y}",  # in 2014, of 2017
            rf"\b{_PREP}[\s-]+{_M}\b(?!\s+\d)",  # in March, In June
            rf"\b(?i:{_N})\s+(?i:day|week|month|year)s?\s+(?i:later|after|earlier|before)\b",  # three months later
            r"\b(?i:the\s+same\s+day|the\s+(?:next|following)\s+day|the\s+day\s+(?:before|after))\b",
            r"\b(?i:(?:in|over|during)\s+the\s+(?:past|last)\s+(?:week|seven\s+days))\b",
            r"\b(?i:(?:earlier\s+|later\s+)?this\s+(?:week|month|year)|last\s+(?:week|month|year))\b",
            r"\b(?i:today|tonight|yesterday|this\s+(?:morning|afternoon|evening))(?:['’]s)?\b",
            rf"\b(?:(?i:on|late|early|last)\s+)?{_WD}",  # On Sunday, late Wednesday
        ]
    )
)
_HAS_YEAR = re.compile(_Y)
_HAS_MONTH = re.compile(rf"\b{_M}")
_ANCHORED = re.compile(r"(?i)\b(later|after|earlier|before|same day|next day|following day)\b")


def _body_lines(item: dict) -> list[tuple[int, str]]:
    """(page line, text) of an item's body, rebuilt from articles.body (it ends on line_end)."""
    body = str(item.get("body") or "")
    if not body:
        return []
    texts = body.split("\n")
    first = int(item["line_end"]) - len(texts) + 1
    return [(first + i, text) for i, text in enumerate(texts) if text.strip()]


def _resolve(phrase: str, published: str, year_hint: int | None) -> tuple[str, str, str]:
    """(ISO date, precision, resolved_from) of one phrase; ('', '', why) when it cannot be resolved."""
    has_year = bool(_HAS_YEAR.search(phrase))
    if has_year:
        base = dt.date.fromisoformat(published) if published else dt.date(9999, 12, 31)
        how = "the text alone"
    elif not published:
        return "", "", "no publication date"
    else:
        base = dt.date.fromisoformat(published)
        how = "publication date"
        if year_hint is not None and _HAS_MONTH.search(phrase) and year_hint < base.year:
            base, how = dt.date(year_hint, 12, 31), "year of an earlier phrase"
    try:
        date, precision = resolve_date(phrase, base)
    except ValueError:
        why = "another event" if _ANCHORED.search(phrase) else "not resolved"
        return "", "", why
    return date.isoformat(), precision, how


def date_phrases(articles: pd.DataFrame, quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every date phrase in the item bodies, resolved against the item's publication date (PHRASE_COLUMNS).

    Why: the page dates events in words relative to each report; this table shows each resolution.
    Rules: a phrase with a year needs nothing else; a month or month-day without a year takes the year
    of an earlier phrase with a year on the same line (a paragraph: "In March 1996 ... on March 26th"),
    else is resolved against the publication date (as are weekdays, "last week", "today"); phrases that
    count from another event ("three months later") are left unresolved ('' date, resolved_from
    'another event'), as are relative phrases in undated items. ``in_quote`` (needs ``quotes``) flags
    phrases inside a quotation: a quoted source's "today" may be the source's day, not the report's,
    so read those resolutions with care. Sorted by (line, start).
    """
    spans = {} if quotes is None else _quote_spans(quotes)
    rows = []
    for item in articles.to_dict("records"):
        published = str(item.get("published") or "")
        for line, text in _body_lines(item):
            year_hint = None
            for m in _PHRASE.finditer(text):
                phrase = m.group(0)
                date, precision, how = _resolve(phrase, published, year_hint)
                if _HAS_YEAR.search(phrase) and date:
                    year_hint = int(date[:4])
                rows.append(
                    {
                        "item_id": item["item_id"],
                        "outlet": str(item.get("outlet") or ""),
                        "published": published,
                        "line": line,
                        "start": m.start(),
                        "end": m.end(),
                        "phrase": phrase,
                        "date": date,
                        "precision": precision,
                        "resolved_from": how,
                        "in_quote": not _outside({"line": line, "start": m.start(), "end": m.end()}, spans),
                    }
                )
    out = pd.DataFrame(rows, columns=PHRASE_COLUMNS)
    out = out.sort_values(["line", "start"], kind="mergesort").reset_index(drop=True)
    return out.astype({"line": "int64", "start": "int64", "end": "int64", "in_quote": "bool"})


# ---- human-readable dates ----------------------------------------------------------------------------


def describe_date(date: str, precision: str = "day") -> str:
    """A date as a reader says it ('Sun 18 May 2014', 'week of Mon 12 May 2014', 'May 2014', '2014'); '' if none."""
    if not date:
        return ""
    d = dt.date.fromisoformat(date)
    day = f"{d:%a} {d.day} {d:%B %Y}"
    if precision == "week":
        return f"week of {day}"
    if precision == "month":
        return f"{d:%B %Y}"
    if precision == "year":
        return f"{d.year}"
    return day


# ---- relative dates ----------------------------------------------------------------------------------


def _event_for(phrase_row: dict, events: pd.DataFrame) -> dict | None:
    """The event of the same item and line whose date_text contains the phrase (or is contained in it)."""
    p = phrase_row["phrase"].casefold()
    for ev in events.to_dict("records"):
        t = str(ev.get("date_text") or "").casefold()
        if (
            t
            and ev["source_item"] == phrase_row["item_id"]
            and int(ev["line"]) == int(phrase_row["line"])
            and (p in t or t in p)
        ):
            return ev
    return None


def relative_dates_table(
    events: pd.DataFrame, phrases: pd.DataFrame | None = None, start: dt.date | None = None, end: dt.date | None = None
) -> pd.DataFrame:
    """Relative date phrases with publication date and resolved date, to show readers each resolution.

    Rows: the phrases of ``date_phrases`` that needed more than the text (publication date, an earlier
    year, another event), each joined to the hand-coded event that uses it (``event_id``; an event fills
    a date the rules left open), plus events whose ``date_text`` no phrase matched. Without
    ``phrases``, the events' own date_text rows. With start/end, only rows whose resolved date lies in
    the window. Sorted by (resolved date, line). Columns: RELATIVE_COLUMNS.
    """
    rows, used = [], set()
    for p in [] if phrases is None else phrases.to_dict("records"):
        if p["resolved_from"] == "the text alone":
            continue
        ev = _event_for(p, events)
        date, precision, how = p["date"], p["precision"], p["resolved_from"]
        if ev is not None:
            used.add(ev["event_id"])
            if not date:
                date, precision, how = ev["event_date"], ev["date_precision"], "coded event"
        rows.append(
            {
                "phrase": p["phrase"],
                "outlet": p["outlet"],
                "item_id": p["item_id"],
                "line": int(p["line"]),
                "published": p["published"],
                "date": date,
                "precision": precision,
                "resolved_from": how,
                "event_id": "" if ev is None else ev["event_id"],
            }
        )
    for ev in events.to_dict("records"):
        if ev["event_id"] in used or not str(ev.get("date_text") or ""):
            continue
        if _HAS_YEAR.search(ev["date_text"]):
            continue
        rows.append(
            {
                "phrase": ev["date_text"],
                "outlet": ev["source_outlet"],
                "item_id": ev["source_item"],
                "line": int(ev["line"]),
                "published": ev["source_published"],
                "date": ev["event_date"],
                "precision": ev["date_precision"],
                "resolved_from": "coded event",
                "event_id": ev["event_id"],
            }
        )
    out = pd.DataFrame(rows, columns=RELATIVE_COLUMNS)
    if start is not None and end is not None:
        out = in_window(out, "date", start, end)
    out["published_day"] = [describe_date(p) for p in out["published"]]
    out["resolved"] = [describe_date(d, pr) for d, pr in zip(out["date"], out["precision"])]
    out = out.sort_values(["date", "line"], kind="mergesort").reset_index(drop=True)
    return out[RELATIVE_COLUMNS].astype({"line": "int64"})


# ---- dating quotations -------------------------------------------------------------------------------


def _quote_spans(quotes: pd.DataFrame) -> dict[int, list[tuple[int, int]]]:
    """Character spans covered by any quotation, per page line (multi-line quotes cover whole middle lines)."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for q in quotes.to_dict("records"):
        first, last = int(q["line"]), int(q["line_end"])
        for line in range(first, last + 1):
            a = int(q["start"]) if line == first else 0
            b = int(q["end"]) if line == last else 10**9
            spans.setdefault(line, []).append((a, b))
    return spans


def _outside(p: dict, spans: dict[int, list[tuple[int, int]]]) -> bool:
    """True when a phrase lies outside every quotation on its line."""
    return all(p["end"] <= a or p["start"] >= b for a, b in spans.get(int(p["line"]), []))


def _word_gap(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    """Number of words between two character spans of one line (0 when adjacent or overlapping)."""
    lo, hi = (a[1], b[0]) if a[0] <= b[0] else (b[1], a[0])
    return len(re.findall(r"[\w’'-]+", text[lo:hi])) if hi > lo else 0


def _attribution_phrase(
    q: dict, texts: dict[int, str], own: list[dict], spans: dict[int, list[tuple[int, int]]], max_gap: int
) -> dict | None:
    """The resolved phrase within max_gap words of the quote's attributing verb (outside quotations), if any."""
    verb = str(q.get("verb") or "").strip()
    if not verb:
        return None
    best = None
    for line in sorted({int(q["line"]), int(q["line_end"])}):
        text = texts.get(line, "")
        verbs = [
            m.span()
            for m in re.finditer(rf"(?i)\b{re.escape(verb)}\b", text)
            if _outside({"line": line, "start": m.start(), "end": m.end()}, spans)
        ]
        for p in own:
            if int(p["line"]) != line:
                continue
            for v in verbs:
                gap = _word_gap(text, v, (p["start"], p["end"]))
                key = (gap, abs(v[0] - (int(q["start"]) if line == int(q["line"]) else int(q["end"]))), p["start"])
                if gap <= max_gap and (best is None or key < best[0]):
                    best = (key, p)
    return None if best is None else best[1]


def date_quotes(
    quotes: pd.DataFrame, articles: pd.DataFrame, phrases: pd.DataFrame | None = None, *, max_gap: int = 3
) -> pd.DataFrame:
    """The quotes table plus when the words were said (QUOTE_DATE_COLUMNS), so statements can go on a timeline.

    Statements: the resolved date phrase, outside any quotation, at most ``max_gap`` words from the
    attributing verb on the quote's first or last line (date_basis 'attribution': "Khalifa Haftar said
    Wednesday that ..."); else the first resolved phrase of the item's first paragraph outside quotations
    ('lede': wire stories open with the day's news and then quote it); else the publication date
    ('published': the latest day the words can have been said). Terms and headline quotes always get
    'published' (a scare-quoted label carries no date of its own). Undated items: '' and 'undated'.
    """
    phrases = date_phrases(articles) if phrases is None else phrases
    resolved = phrases[phrases["date"] != ""].to_dict("records")
    spans = _quote_spans(quotes)
    items = {a["item_id"]: a for a in articles.to_dict("records")}
    out = []
    for q in quotes.to_dict("records"):
        item = items.get(q["item_id"], {})
        published = str(item.get("published") or "")
        own = [p for p in resolved if p["item_id"] == q["item_id"] and _outside(p, spans)]
        pick, basis = None, "published"
        if q["kind"] == "statement" and published:
            lines = _body_lines(item)
            pick = _attribution_phrase(q, dict(lines), own, spans, max_gap)
            if pick is not None:
                basis = "attribution"
            else:
                cands = [p for p in own if lines and int(p["line"]) == lines[0][0]]
                if cands:
                    pick, basis = cands[0], "lede"
        if pick is not None:
            out.append((pick["date"], pick["precision"], pick["phrase"], basis))
        elif published:
            out.append((published, "day", "", "published"))
        else:
            out.append(("", "", "", "undated"))
    dated = pd.DataFrame(out, columns=QUOTE_DATE_COLUMNS, index=quotes.index)
    return pd.concat([quotes, dated], axis=1)


# ---- the day-by-day table ----------------------------------------------------------------------------


def _entity_names(entities: pd.DataFrame | None) -> dict[str, str]:
    """entity_id -> name from the entities reference table (loaded when not given)."""
    if entities is None:
        from libyabook.reference import load_reference

        entities = load_reference("entities")
    return dict(zip(entities["entity_id"].astype(str), entities["name"].astype(str)))


def shorten(text: str, n: int) -> str:
    """Text cut to at most n characters, with an ellipsis when cut."""
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _event_rows(events: pd.DataFrame) -> list[dict]:
    """day_by_day rows of kind 'event': what = 'type: sub-type', who = 'actor1 → actor2'."""
    rows = []
    for ev in events.to_dict("records"):
        who = ev["actor1"] + (f" → {ev['actor2']}" if str(ev.get("actor2") or "") else "")
        basis = (
            "phrase"
            if ev["date_text"]
            else "published"
            if ev["event_date"] == ev["source_published"] and ev["date_precision"] == "day"
            else "coded"
        )
        rows.append(
            {
                "date": ev["event_date"],
                "precision": ev["date_precision"],
                "kind": "event",
                "what": f"{ev['event_type']}: {ev['sub_event_type']}",
                "who": who,
                "event_type": ev["event_type"],
                "outlet": ev["source_outlet"],
                "published": ev["source_published"],
                "item_id": ev["source_item"],
                "evidence": ev["evidence"],
                "line": int(ev["line"]),
                "date_text": ev["date_text"],
                "date_basis": basis,
                "ref": ev["event_id"],
                "label": shorten(ev["evidence"], 66),
            }
        )
    return rows


def _statement_rows(
    quotes: pd.DataFrame, articles: pd.DataFrame, phrases: pd.DataFrame | None, names: dict[str, str]
) -> list[dict]:
    """day_by_day rows of kind 'statement': who = the speaker's name, dated by ``date_quotes``."""
    rows = []
    dated = date_quotes(quotes, articles, phrases)
    for q in dated[dated["kind"] == "statement"].to_dict("records"):
        name = names.get(q["speaker"], q["speaker"] or q["speaker_text"] or "unattributed")
        outlet = ""
        item = articles[articles["item_id"] == q["item_id"]]
        if len(item):
            outlet, published = str(item.iloc[0]["outlet"]), str(item.iloc[0]["published"])
        else:
            published = ""
        rows.append(
            {
                "date": q["date"],
                "precision": q["precision"],
                "kind": "statement",
                "what": f"Statement ({q['verb'] or 'quoted'})",
                "who": name,
                "event_type": "",
                "outlet": outlet,
                "published": published,
                "item_id": q["item_id"],
                "evidence": q["quote"],
                "line": int(q["line"]),
                "date_text": q["date_text"],
                "date_basis": q["date_basis"],
                "ref": q["quote_id"],
                "label": f"{shorten(name, 24)}: “{shorten(q['quote'], 38)}”",
            }
        )
    return rows


def _report_rows(articles: pd.DataFrame) -> list[dict]:
    """day_by_day rows of kind 'report': one per dated item, on its publication day."""
    return [
        {
            "date": a["published"],
            "precision": "day",
            "kind": "report",
            "what": f"Report: {a['title']}",
            "who": a["outlet"],
            "event_type": "",
            "outlet": a["outlet"],
            "published": a["published"],
            "item_id": a["item_id"],
            "evidence": a["title"],
            "line": int(a["line_start"]),
            "date_text": "",
            "date_basis": "published",
            "ref": a["item_id"],
            "label": f"{shorten(a['outlet'], 24)} report: {shorten(a['title'], 38)}",
        }
        for a in articles[articles["published"].astype(str) != ""].to_dict("records")
    ]


def day_by_day(
    events: pd.DataFrame,
    quotes: pd.DataFrame,
    articles: pd.DataFrame,
    start: dt.date,
    end: dt.date,
    *,
    kinds: tuple[str, ...] = KINDS,
    entities: pd.DataFrame | None = None,
    phrases: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per dated happening in [start, end]: events, quoted statements, and the reports (TIMELINE_COLUMNS).

    Why: to read a period day by day with each row's source. kind 'event' (what = 'event type: sub-event
    type', who = 'actor1 → actor2'), 'statement' (who = speaker's name, evidence = the quoted words, dated
    by ``date_quotes``), 'report' (an item published that day; evidence = its title). A row is in the window
    when its date (first day of its precision window) is; ``kinds`` selects which kinds of rows to keep.
    Sorted by (date, kind in KINDS order, line).
    """
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(f"day_by_day(): kinds {unknown} not in {KINDS}")
    rows = _event_rows(events) + _statement_rows(quotes, articles, phrases, _entity_names(entities))
    rows += _report_rows(articles)
    out = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    out = in_window(out[out["kind"].isin(kinds)], "date", start, end)
    out["_k"] = out["kind"].map(KINDS.index)
    out = out.sort_values(["date", "_k", "line", "ref"], kind="mergesort").drop(columns="_k")
    return out.reset_index(drop=True).astype({"line": "int64"})


def who_said_what(
    quotes: pd.DataFrame,
    articles: pd.DataFrame,
    start: dt.date,
    end: dt.date,
    *,
    kinds: tuple[str, ...] = ("statement", "term"),
    entities: pd.DataFrame | None = None,
    phrases: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Quotations said in [start, end] (dated by ``date_quotes``) with speaker name, outlet and date (WHO_SAID_COLUMNS).

    Why: the 'who said what' table of a period. Terms (scare-quoted labels) are dated by their report.
    Sorted by (date, line, start).
    """
    names = _entity_names(entities)
    dated = date_quotes(quotes, articles, phrases)
    dated = dated[dated["kind"].isin(kinds)]
    dated = in_window(dated, "date", start, end)
    info = articles.set_index("item_id")
    rows = []
    for q in dated.sort_values(["date", "line", "start"], kind="mergesort").to_dict("records"):
        rows.append(
            {
                "date": q["date"],
                "precision": q["precision"],
                "date_basis": q["date_basis"],
                "speaker": names.get(q["speaker"], q["speaker"]),
                "speaker_text": q["speaker_text"],
                "words": q["quote"],
                "kind": q["kind"],
                "verb": q["verb"],
                "outlet": str(info.at[q["item_id"], "outlet"]),
                "published": str(info.at[q["item_id"], "published"]),
                "item_id": q["item_id"],
                "line": int(q["line"]),
                "quote_id": q["quote_id"],
            }
        )
    return pd.DataFrame(rows, columns=WHO_SAID_COLUMNS).astype({"line": "int64"})


def people_in_window(
    mentions: pd.DataFrame,
    quotes: pd.DataFrame,
    articles: pd.DataFrame,
    start: dt.date,
    end: dt.date,
    *,
    entities: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Who the items published in [start, end] name and quote: per speaker/entity, mentions and quotations.

    Why: the 'who is mentioned and quoted' chart of a period. ``speaker`` is the entity id (or the body
    as written for speakers that are not entities), ``name`` its display name; statements and terms are
    counted from the quotes of those items. Sorted by mentions + statements + terms (descending), then name.
    """
    if entities is None:
        from libyabook.reference import load_reference

        entities = load_reference("entities")
    ent = entities.fillna("").astype(str)
    names = dict(zip(ent["entity_id"], ent["name"]))
    types = dict(zip(ent["entity_id"], ent["type"]))
    items = items_in_window(articles, start, end)["item_id"]
    m = mentions[mentions["item_id"].isin(items)]
    q = quotes[quotes["item_id"].isin(items) & quotes["kind"].isin(["statement", "term"])]
    q = q[q["speaker"].astype(str) != ""]
    keys = sorted(set(m["entity_id"]) | set(q["speaker"]))
    rows = []
    for k in keys:
        mk = m[m["entity_id"] == k]
        qk = q[q["speaker"] == k]
        rows.append(
            {
                "speaker": k,
                "name": names.get(k, k),
                "type": types.get(k, mk["entity_type"].iloc[0] if len(mk) else "not an entity"),
                "mentions": len(mk),
                "items": int(mk["item_id"].nunique()),
                "statements": int((qk["kind"] == "statement").sum()),
                "terms": int((qk["kind"] == "term").sum()),
            }
        )
    out = pd.DataFrame(rows, columns=PEOPLE_COLUMNS)
    out["_t"] = out["mentions"] + out["statements"] + out["terms"]
    out = out.sort_values(["_t", "name"], ascending=[False, True], kind="mergesort").drop(columns="_t")
    return out.reset_index(drop=True).astype({c: "int64" for c in ("mentions", "items", "statements", "terms")})


def undated_items(articles: pd.DataFrame) -> pd.DataFrame:
    """Items with an excerpt but no publication date (the lead): they cannot be placed in any window."""
    keep = (articles["published"].astype(str) == "") & (articles["body"].astype(str) != "")
    return articles.loc[
        keep, ["item_id", "section", "outlet", "n_words", "line_start", "line_end", "body"]
    ].reset_index(drop=True)


def summarise(day: pd.DataFrame, said: pd.DataFrame, people: pd.DataFrame, relative: pd.DataFrame) -> dict:
    """Counts and names a chapter glues into its prose (zeros and '' for an empty window)."""
    kinds = day["kind"].value_counts() if len(day) else pd.Series(dtype="int64")
    top = people.iloc[0] if len(people) else None
    statements = said[said["kind"] == "statement"] if len(said) else said
    return {
        "n_rows": int(len(day)),
        "n_events": int(kinds.get("event", 0)),
        "n_statements": int(kinds.get("statement", 0)),
        "n_reports": int(kinds.get("report", 0)),
        "n_days": int(day["date"].nunique()) if len(day) else 0,
        "n_relative": int(len(relative)),
        "n_quotations": int(len(said)),
        "n_speakers": int(statements["speaker"].nunique()) if len(statements) else 0,
        "n_names": int(len(people)),
        "top_name": "" if top is None else str(top["name"]),
        "top_mentions": 0 if top is None else int(top["mentions"]),
        "first_date": describe_date(day["date"].min()) if len(day) else "",
        "last_date": describe_date(day["date"].max()) if len(day) else "",
    }
