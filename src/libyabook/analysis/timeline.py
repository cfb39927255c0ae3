"""Day-by-day timelines: dated happenings (events, quoted statements, reports) of a date window, and the
resolution of the page's relative dates ("On Sunday", "last week") against each item's publication date.

News items date what they report relative to their own publication date. This module

* finds every date phrase in the excerpts (``date_phrases``) and resolves it with ``dates.resolve_phrases``,
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
from libyabook.extract.dates import resolve_phrases
from libyabook.extract.text import HAS_YEAR, body_lines_from_text, written_date
from libyabook.reference import display_names

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


def _body_lines(item: dict) -> list[tuple[int, str]]:
    """(page line, text) of an item's body (articles.body ends on line_end)."""
    return body_lines_from_text(str(item.get("body") or ""), int(item["line_end"]))


def date_phrases(articles: pd.DataFrame, quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every date phrase in the item bodies, resolved against the item's publication date (PHRASE_COLUMNS).

    Why: the page dates events in words relative to each report; this table shows each resolution.
    Rules: a phrase with a year needs nothing else; a month or month-day without a year takes the year
    of an earlier phrase with a year on the same line (a paragraph: "In March 1996 ... on March 26th"),
    else is resolved against the publication date (as are weekdays, "last week", "today"); a phrase that
    counts from another date ("three months later") counts from the item's previous phrase naming a month or
    a year (resolved_from 'an earlier phrase'; 'another event' and no date when there is none); relative
    phrases in undated items stay unresolved. The rules are ``dates.resolve_phrases``. ``in_quote`` (needs
    ``quotes``) flags
    phrases inside a quotation: a quoted source's "today" may be the source's day, not the report's,
    so read those resolutions with care. Sorted by (line, start).
    """
    spans = {} if quotes is None else _quote_spans(quotes)
    rows = []
    for item in articles.to_dict("records"):
        published = str(item.get("published") or "")
        base = dt.date.fromisoformat(published) if published else None
        for p in resolve_phrases(_body_lines(item), base):
            rows.append(
                {
                    "item_id": item["item_id"],
                    "outlet": str(item.get("outlet") or ""),
                    "published": published,
                    "line": p.line,
                    "start": p.start,
                    "end": p.end,
                    "phrase": p.text,
                    "date": p.first.isoformat() if p.first else "",
                    "precision": p.precision,
                    "resolved_from": p.basis,
                    "in_quote": not _outside({"line": p.line, "start": p.start, "end": p.end}, spans),
                }
            )
    out = pd.DataFrame(rows, columns=PHRASE_COLUMNS)
    out = out.sort_values(["line", "start"], kind="mergesort").reset_index(drop=True)
    return out.astype({"line": "int64", "start": "int64", "end": "int64", "in_quote": "bool"})


# ---- human-readable dates ----------------------------------------------------------------------------


def describe_date(date: str, precision: str = "day") -> str:
    """A date as a reader says it ('Sun 18 May 2014', 'week of Mon 12 May 2014', 'May 2014', '2014'); '' if none."""
    return written_date(date, precision, weekday=True)


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
        if HAS_YEAR.search(ev["date_text"]):
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
    return display_names("entities", entities)


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
