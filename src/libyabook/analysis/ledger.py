"""A ledger of the page's numeric claims: who states each number, what it counts, and whether it can be added.

The claims table (``claims.py``) says *which* numbers the items state. This module says, by rules on the
words around each number, *what kind of thing* each number measures and *who* counted it, so that figures
from different outlets can be put side by side without being added up by mistake.

Public functions (pure: DataFrames in, DataFrame out; rows sorted by (line, start) unless said otherwise)

* ``claims_with_sources(claims, articles, outlets=None, page=None)``: every claim with its outlet, outlet
  name, publication date, the verbatim sentence it sits in, and the derived columns ``measure``, ``frame``,
  ``scope``, ``when_text``, ``hedge`` and ``restates`` (see below).
* ``scope_of(claim_row)`` / ``classify(claim_row)``: the scope label (and measure and frame) of one claim.
* ``single_source(claims, articles, page=None)``: flags claims whose sentence says they rest on one report.
* ``comparable(ledger, units, measures=None)``: claims counting the same kind of thing, side by side, by date.
* ``addition_warnings(rows)``: reasons, by rule, why the figures of a set of comparable claims must not be summed.
* Views for the period chapters: ``figures_in_window`` (the figures of a date window, side by side, with labels
  for charts), ``stated_values``, ``figure_summary``, ``nth_value`` (numbers to glue into prose), ``short_date``,
  ``rows_of_kind`` (events only of a ``timeline.day_by_day`` table), ``quoted_speakers`` and ``quote_summary``.

How a claim is classified (all vocabulary is in this file, in the tables below)
-----------------------------------------------------------------------------
``measure`` (what happened to the things counted) comes from the keyword of ``MEASURE_WORDS`` *nearest to
the number* in its clause (the sentence cut at , ; : and dashes), else, for counts of people
(``PEOPLE_UNITS``) or of an unnamed unit, in its whole sentence; e.g. in "killed six troops and wounded
eight", six is ``killed`` and eight ``wounded``. Durations and distances
(``NON_COUNT_UNITS``) get no measure. ``frame`` (how the number is known) is the first of ``FRAME_WORDS``
found in the sentence: ``ICC`` (the court's charges), ``video`` (what a video shows), ``agency`` (a
migration agency's tally), ``own claim`` (a group's claim about itself), ``tweet``, ``party statement``
(a commander or spokesman said), ``witnesses``; empty: the outlet states it in its own voice.
``scope`` combines the two by ``SCOPE_RULES`` (first matching row wins), e.g. killed + ICC -> ``ICC counts``,
killed + video -> ``executed on video``, died + sea words -> ``deaths at sea``, arrived + Italy ->
``arrivals in Italy``. A claim no rule covers (years, rows, percent of agreement) has an empty scope.

A title claim that states the same value as a body claim of the same item, and a number in parentheses
right after another (``27 miles (43 km)``), *restate* that claim: ``restates`` holds its claim_id and the
restating claim takes its measure, frame and scope (its ``when_text`` and ``hedge`` stay those of its own
sentence, verbatim). Such rows must never be counted twice.

``when_text`` is the verbatim date words of the sentence (``in March``, ``in June and July 2017``,
``so far this year``, ``on Saturday``). They may date the counted events or the report itself (``on
Tuesday`` the court issued a warrant): read them with the sentence. Empty means the sentence gives no date,
so the page does not say when the counted things happened (e.g. a video of unknown date). ``hedge`` lists the hedging words of the
sentence as the source uses them (``believed to be``, ``alleged``, ``apparently``...).
"""
from __future__ import annotations

import re

import pandas as pd

from libyabook.extract.corpus import MONTHS

# ---------------------------------------------------------------- vocabulary (language, not facts)
#: Measure keywords, (measure, regex). The keyword nearest to the number decides.
MEASURE_WORDS: tuple[tuple[str, str], ...] = (
    ("wounded", r"wounded|wounding|injured|injuring|injuries"),
    ("killed", r"killed|killing|kills|shot dead|shooting dead|gunned down|executed|executions?|executing|"
               r"murder(?:ed|s)?|massacred?|slain|dead"),
    ("died", r"died|dies|drowned|drownings?|deaths|perished|lost their lives"),
    ("rescued", r"rescued|rescuing|saved|brought to safety"),
    ("returned", r"back to|sent back|returned|brought back|intercepted"),
    ("arrived", r"landed|arriv(?:ed|ing|als?)|reached|disembarked"),
    ("crossed", r"crossings?|crossing|crossed|travelling via|traveling via|flow of|departures?"),
)
#: Frame keywords, (frame, regex), in priority order: the first found in the sentence decides.
FRAME_WORDS: tuple[tuple[str, str], ...] = (
    ("ICC", r"\bICC\b|International Criminal Court|war crimes court|arrest warrant"),
    ("video", r"\bvideos?\b|\bfootage\b"),
    ("agency", r"\bIOM\b|International Organization for Migration|migration agency|\bUNHCR\b|refugee agency|"
               r"latest figures|\b[Tt]he agency\b"),
    ("own claim", r"\bclaim(?:s|ed)? to have\b"),
    ("tweet", r"\btweet(?:s|ed)?\b"),
    ("party statement", r"\b(?:commander|spokes(?:man|woman|person)|official)\b[^.]{0,60}?\b(?:said|says|told)\b|"
                        r"\b(?:said|says|told)\b[^.]{0,60}?\b(?:commander|spokes(?:man|woman|person)|official)\b"),
    ("witnesses", r"\bwitness(?:es)?\b"),
)
SEA_WORDS = r"\bsea\b|Mediterranean|crossing|drown|\bboats?\b|\bdinghies\b|at sea"
ITALY_WORDS = r"\bItaly\b|\bItalian\b"
EUROPE_WORDS = r"\bEurope\b|\bEuropean\b"
LIBYA_WORDS = r"\bLibya\b|the country"

#: (measure, condition, scope, what the scope counts). condition: a frame name, a regex that must match the
#: sentence (prefixed ``re:``), or empty. First matching row wins.
SCOPE_RULES: tuple[tuple[str, str, str, str], ...] = (
    ("killed", "ICC", "ICC counts", "killings charged or cited by the International Criminal Court"),
    ("killed", "video", "executed on video", "people shown killed in one or more videos"),
    ("killed", "", "killed in one incident", "deaths in one clash, attack or massacre, as one source tells it"),
    ("wounded", "", "wounded in one incident", "people wounded in one clash or attack, as one source tells it"),
    ("died", "re:" + SEA_WORDS, "deaths at sea", "migrants who died or went missing crossing the sea"),
    ("died", "", "deaths", "deaths of any cause"),
    ("rescued", "own claim", "rescued by one NGO", "people one rescue group says it has rescued"),
    ("rescued", "", "rescued at sea", "people rescued at sea, by all rescuers"),
    ("arrived", "near:" + ITALY_WORDS, "arrivals in Italy", "people who landed in Italy"),
    ("arrived", "near:" + EUROPE_WORDS, "arrivals in Europe", "people who reached Europe"),
    ("arrived", "", "arrivals", "people who arrived somewhere"),
    ("crossed", "re:" + EUROPE_WORDS + "|Mediterranean", "crossings to Europe", "people crossing, or trying to cross, to Europe"),
    ("crossed", "", "crossings", "people crossing a border or sea"),
    ("returned", "re:" + LIBYA_WORDS, "returns to Libya", "people sent or brought back to Libya"),
    ("returned", "", "returns", "people sent or brought back"),
)
#: What each scope counts, for tables and captions.
SCOPE_MEANING: dict[str, str] = {scope: meaning for _, _, scope, meaning in SCOPE_RULES}

#: Units that measure time or distance, never a count of people or things that happen.
NON_COUNT_UNITS = frozenset({
    "seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries",
    "miles", "mi", "km", "kms", "kilometres", "kilometers", "metres", "meters", "m", "feet", "nautical miles", "nm",
})
#: Units that count people (for comparable(): casualty and migration figures).
PEOPLE_UNITS = frozenset({
    "people", "persons", "men", "women", "children", "civilians", "prisoners", "detainees", "captives",
    "troops", "soldiers", "fighters", "militants", "jihadis", "rebels", "militiamen", "protesters",
    "migrants", "refugees", "asylum seekers", "victims", "bodies",
})

#: Hedging words the sources use; kept verbatim in ``hedge``.
HEDGE_WORDS = (r"\bbelieved to be\b|\ballegedly\b|\balleged\b|\bapparently\b|\bappeared to\b|\bappears to\b|"
               r"\breportedly\b|\bsuspected\b|\bclaim(?:s|ed)? to have\b|\bis said to\b|\baccording to\b|"
               r"\bunconfirmed\b|\bunverified\b")
#: Cues that a claim rests on a single report: (kind, regex), searched in the claim's sentence.
SINGLE_SOURCE_CUES: tuple[tuple[str, str], ...] = (
    ("tweet", r"\b(?:according to )?(?:a |one )?tweet(?:s|ed)?\b"),
    ("video", r"\b(?:a |one |the )?(?:video|footage)\b"),
    ("own claim", r"\bclaim(?:s|ed)? to have\b"),
    ("one official", r"\b(?:a|an|one)\s+(?:[\w-]+\s+)?(?:commander|spokes(?:man|woman|person)|official|source)\s+"
                     r"(?:said|says|told)\b"),
    ("witnesses", r"\b(?:local )?witness(?:es)?\s+(?:said|say|told)\b"),
    ("reportedly", r"\breportedly\b"),
)

_MONTH_NAMES = r"(?:" + "|".join(m.capitalize() for m in sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WHEN_RE = re.compile(
    rf"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Dd]uring|[Bb]y|[Ff]rom|[Oo]n|[Ee]arly|[Ll]ate)\s+"
    rf"(?:the\s+(?:beginning|start|end)\s+of\s+)?(?:early\s+|late\s+|mid-)?"
    rf"(?:{_MONTH_NAMES}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:\s+and\s+{_MONTH_NAMES})?(?:,?\s+(?:1[89]|20)\d\d)?"
    rf"|(?:1[89]|20)\d\d"
    rf"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
    rf"|\bso far this year\b|\bthis (?:year|month|week)\b|\blast (?:year|month|week)\b|\bin recent (?:years|months|weeks)\b"
    rf"|\bearlier this (?:year|month|week)\b|\byesterday\b|\btoday\b")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’']*\s+(?=[\"“‘']?[A-Z0-9])")
_ABBREV_END = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Maj|St|No|vs|Prof|Rep|Sen|Gov|Jan|Feb|Mar|Apr|Jun|"
                         r"Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Co|Corp|Jr|Sr)\.|\b[A-Z]\.)$")
_CLAUSE_BREAK = re.compile(r"[,;:]\s|\s[—–-]\s")

LEDGER_COLUMNS = [
    "claim_id", "item_id", "outlet", "outlet_name", "published", "value", "unit", "qualifier", "as_of", "what",
    "span", "line", "start", "end", "field", "sentence", "sentence_start", "sentence_end",
    "measure", "frame", "scope", "when_text", "hedge", "restates",
]
SINGLE_SOURCE_COLUMNS = ["claim_id", "single_source", "cue_kind", "cue", "n_items"]
COMPARABLE_COLUMNS = ["as_of", "published", "outlet", "outlet_name", "value", "qualifier", "unit", "measure", "scope", "frame",
                      "when_text", "hedge", "span", "claim_id", "item_id"]


# ---------------------------------------------------------------- sentences
def _line_texts(articles: pd.DataFrame, page=None) -> dict[int, str]:
    """Page lines by number: from the page when given, else rebuilt from each item's verbatim body."""
    if page is not None:
        return {i + 1: text for i, text in enumerate(page.lines)}
    lines: dict[int, str] = {}
    for row in articles.itertuples(index=False):
        body = row.body if isinstance(row.body, str) else ""
        if not body or pd.isna(row.line_end):
            continue
        parts = body.split("\n")
        first = int(row.line_end) - len(parts) + 1
        for i, text in enumerate(parts):
            lines[first + i] = text
    return lines


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """0-based [from, to) offsets of the sentence of ``text`` that contains text[start:end]."""
    cuts = [m.end() for m in _SENTENCE_END.finditer(text) if not _ABBREV_END.search(text[:m.start()].rstrip("\"”’'"))]
    lo = max([c for c in cuts if c <= start], default=0)
    hi_cut = min([c for c in cuts if c >= end], default=len(text))
    hi = len(text[:hi_cut].rstrip())
    while lo < start and text[lo].isspace():
        lo += 1
    return lo, max(hi, end)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """0-based [from, to) offsets of the clause (sentence cut at , ; : and dashes) holding text[start:end]."""
    lo, hi = sentence_bounds(text, start, end)
    cuts = [m for m in _CLAUSE_BREAK.finditer(text, lo, hi)]
    c_lo = max([m.end() for m in cuts if m.end() <= start], default=lo)
    c_hi = min([m.start() for m in cuts if m.start() >= end], default=hi)
    return c_lo, c_hi


def _sentence_of(row, lines: dict[int, str], titles: dict[str, str]) -> tuple[str, int, int]:
    """The claim's sentence (verbatim) and its offsets in the claim's line; a title claim's sentence stays in the title."""
    text = lines.get(int(row["line"])) if not pd.isna(row["line"]) else None
    start, end = int(row["start"]), int(row["end"])
    span = row["span"]
    if row["field"] == "title":
        title = titles.get(row["item_id"], "")
        at = text.find(title) if text is not None and title else -1
        if title and 0 <= at <= start and end <= at + len(title) and text[start:end] == span:
            pos = start - at
        elif span in title:
            pos = title.index(span)
        else:
            return span, start, end
        lo, hi = sentence_bounds(title, pos, pos + len(span))
        return title[lo:hi], start - pos + lo, start - pos + hi
    if text is not None and text[start:end] == span:
        lo, hi = sentence_bounds(text, start, end)
        return text[lo:hi], lo, hi
    return span, start, end


# ---------------------------------------------------------------- classification
def _nearest(patterns: tuple[tuple[str, str], ...], text: str, start: int, end: int) -> tuple[str, int, int]:
    """The label whose keyword lies nearest to text[start:end] (outside it), with the keyword's offsets."""
    best = ("", -1, -1, 10**9)
    for label, pattern in patterns:
        for m in re.finditer(rf"(?<![\w-])(?:{pattern})(?![\w-])", text, re.IGNORECASE):
            if m.start() < end and m.end() > start:
                continue
            gap = start - m.end() if m.end() <= start else m.start() - end
            if gap < best[3]:
                best = (label, m.start(), m.end(), gap)
    return best[:3]


def classify(claim_row) -> dict[str, str]:
    """Measure, frame and scope of one claim (a row with span, unit and, ideally, sentence and offsets).

    Rows without a ``sentence`` are classified on ``span`` and ``what`` only.
    """
    row = dict(claim_row)
    span = str(row.get("span", ""))
    sentence = row.get("sentence")
    if not isinstance(sentence, str) or span not in sentence:
        sentence = f"{span} {row.get('what', '') or ''}".strip()
        s_start = 0
    else:
        offset = row.get("start", None)
        s0 = row.get("sentence_start", None)
        rel = int(offset) - int(s0) if offset is not None and s0 is not None and not pd.isna(offset) and not pd.isna(s0) else -1
        s_start = rel if 0 <= rel and sentence[rel:rel + len(span)] == span else sentence.index(span)
    s_end = s_start + len(span)
    unit = str(row.get("unit", "") or "")
    measure, frame, scope = "", "", ""
    if unit not in NON_COUNT_UNITS:
        c_lo, c_hi = clause_bounds(sentence, s_start, s_end)
        measure, k_lo, k_hi = _nearest(MEASURE_WORDS, sentence[c_lo:c_hi], s_start - c_lo, s_end - c_lo)
        near_hi = c_hi
        if measure:
            k_lo, k_hi = k_lo + c_lo, k_hi + c_lo
        elif unit in PEOPLE_UNITS or not unit:
            # people (or an unnamed count) may be the object of a verb further away in the sentence
            measure, k_lo, k_hi = _nearest(MEASURE_WORDS, sentence, s_start, s_end)
            near_hi = len(sentence)
    for name, pattern in FRAME_WORDS:
        if re.search(pattern, sentence, re.IGNORECASE if name not in ("ICC", "agency") else 0):
            frame = name
            break
    if measure:
        # words "near" the measure keyword: from the number/keyword to the end of their clause
        near = sentence[min(k_lo, s_start):near_hi]
        for m, cond, label, _ in SCOPE_RULES:
            if m != measure:
                continue
            if (not cond or cond == frame
                    or (cond.startswith("re:") and re.search(cond[3:], sentence))
                    or (cond.startswith("near:") and re.search(cond[5:], near))):
                scope = label
                break
    return {"measure": measure, "frame": frame, "scope": scope}


def scope_of(claim_row) -> str:
    """The scope label of one claim ('' when no rule covers it), e.g. 'executed on video', 'arrivals in Italy'."""
    return classify(claim_row)["scope"]


def when_text(sentence: str) -> str:
    """The date words of a sentence, verbatim, joined by '; ' ('' when it gives no date)."""
    return "; ".join(m.group(0) for m in _WHEN_RE.finditer(sentence or ""))


def hedge_words(sentence: str) -> str:
    """The hedging words of a sentence, verbatim and in order, joined by '; '."""
    return "; ".join(m.group(0) for m in re.finditer(HEDGE_WORDS, sentence or "", re.IGNORECASE))


def restatements(claims: pd.DataFrame, lines: dict[int, str] | None = None) -> pd.Series:
    """For each claim, the claim_id it restates ('' if none): a title number repeated in the body, or '(43 km)'."""
    out = pd.Series("", index=claims.index, dtype=object)
    ordered = claims.sort_values(["line", "start"], kind="stable")
    prev = None
    for idx, row in ordered.iterrows():
        if row["field"] == "title" and not pd.isna(row["value"]):
            body = claims[(claims["item_id"] == row["item_id"]) & (claims["field"] == "body")
                          & (claims["value"] == row["value"])].sort_values(["line", "start"])
            if len(body):
                out[idx] = body["claim_id"].iloc[0]
        elif prev is not None and lines is not None and prev["line"] == row["line"] and prev["field"] == row["field"]:
            text = lines.get(int(row["line"]), "")
            between = text[int(prev["end"]):int(row["start"])]
            if re.fullmatch(r"\s*\(\s*", between) and text[int(row["end"]):int(row["end"]) + 1] == ")":
                out[idx] = prev["claim_id"] if not out[prev.name] else out[prev.name]
        prev = row
    return out


# ---------------------------------------------------------------- public tables
def claims_with_sources(claims: pd.DataFrame, articles: pd.DataFrame, outlets: pd.DataFrame | None = None,
                        page=None) -> pd.DataFrame:
    """Every claim with its source (outlet, outlet name, date), sentence, measure, frame, scope, dates and hedges.

    ``outlets`` maps outlet -> name (columns ``outlet``, ``name``); None reads data/reference/outlets.csv, and an
    outlet missing from it keeps its own spelling. ``page`` (optional) gives the exact lines; without it they are
    rebuilt from the items' verbatim bodies.
    """
    if outlets is None:
        from libyabook.reference import load_reference
        try:
            outlets = load_reference("outlets")
        except FileNotFoundError:
            outlets = pd.DataFrame(columns=["outlet", "name"])
    names = dict(zip(outlets["outlet"], outlets["name"])) if len(outlets) else {}
    if claims.empty:
        return pd.DataFrame(columns=LEDGER_COLUMNS)
    src = articles.set_index("item_id")
    lines = _line_texts(articles, page)
    titles = dict(zip(articles["item_id"], articles["title"].fillna("")))
    df = claims.copy().sort_values(["line", "start"], kind="stable")
    df["outlet"] = df["item_id"].map(src["outlet"]).fillna("")
    df["outlet_name"] = [names.get(o, o) for o in df["outlet"]]
    df["published"] = df["item_id"].map(src["published"]).fillna("")
    sents = [_sentence_of(r, lines, titles) for _, r in df.iterrows()]
    df["sentence"] = [s for s, _, _ in sents]
    df["sentence_start"] = [a for _, a, _ in sents]
    df["sentence_end"] = [b for _, _, b in sents]
    classes = [classify(r) for _, r in df.iterrows()]
    for col in ("measure", "frame", "scope"):
        df[col] = [c[col] for c in classes]
    df["when_text"] = [when_text(s) for s in df["sentence"]]
    df["hedge"] = [hedge_words(s) for s in df["sentence"]]
    df["restates"] = restatements(df, lines)
    # a restating claim counts what the claim it restates counts
    by_id = df.set_index("claim_id")
    for col in ("measure", "frame", "scope"):
        df[col] = [by_id.at[r, col] if r else v for r, v in zip(df["restates"], df[col])]
    return df.reindex(columns=LEDGER_COLUMNS).reset_index(drop=True)


def single_source(claims: pd.DataFrame, articles: pd.DataFrame, page=None) -> pd.DataFrame:
    """Flag claims whose sentence says they rest on one report (a tweet, a video, one official, 'reportedly').

    Columns: claim_id, single_source (bool), cue_kind, cue (verbatim words), n_items (items of the page that
    state the same value for the same scope and unit: 1 means no other item repeats the figure).
    """
    ledger = claims if "sentence" in claims.columns else claims_with_sources(claims, articles, page=page)
    if ledger.empty:
        return pd.DataFrame(columns=SINGLE_SOURCE_COLUMNS)
    rows = []
    for _, r in ledger.iterrows():
        kind, cue = "", ""
        for name, pattern in SINGLE_SOURCE_CUES:
            m = re.search(pattern, r["sentence"], re.IGNORECASE)
            if m:
                kind, cue = name, m.group(0)
                break
        if pd.isna(r["value"]):
            n = 1
        else:
            same = ledger[(ledger["value"] == r["value"]) & (ledger["unit"] == r["unit"]) & (ledger["scope"] == r["scope"])]
            n = same["item_id"].nunique()
        rows.append({"claim_id": r["claim_id"], "single_source": bool(kind), "cue_kind": kind, "cue": cue, "n_items": n,
                     "_restates": r["restates"] if "restates" in ledger.columns else ""})
    out = pd.DataFrame(rows)
    # a restating claim (a headline number told again in the body) rests on what the claim it restates rests on
    by_id = out.set_index("claim_id")
    for col in ("single_source", "cue_kind", "cue"):
        out[col] = [by_id.at[r, col] if r and r in by_id.index else v for r, v in zip(out["_restates"], out[col])]
    out["single_source"] = out["single_source"].astype(bool)
    return out.reindex(columns=SINGLE_SOURCE_COLUMNS)


def comparable(ledger: pd.DataFrame, units=PEOPLE_UNITS, measures=None, scopes=None) -> pd.DataFrame:
    """Claims counting the same kind of thing (given units, and measures/scopes if given), side by side by as_of.

    Restating rows (``restates`` set) and claims without a measure are left out; vague quantities stay (value
    empty). Sorted by (as_of, line, start); ``as_of`` empty sorts last.
    """
    if ledger.empty:
        return pd.DataFrame(columns=COMPARABLE_COLUMNS)
    keep = ledger["unit"].isin(set(units)) & (ledger["restates"] == "") & (ledger["measure"] != "")
    if measures is not None:
        keep &= ledger["measure"].isin(set(measures))
    if scopes is not None:
        keep &= ledger["scope"].isin(set(scopes))
    df = ledger[keep].copy()
    df["_as_of"] = df["as_of"].replace("", "9999-99-99")
    df = df.sort_values(["_as_of", "line", "start"], kind="stable")
    return df.reindex(columns=COMPARABLE_COLUMNS).reset_index(drop=True)


#: Why each warning of ``addition_warnings`` forbids a sum, in plain words (for tables under charts).
WARNING_WHY: dict[str, str] = {
    "different scopes": "they count different things (deaths in a clash, deaths shown on video, deaths a court cites)",
    "different measures": "killed and wounded (or arrived and rescued) are different outcomes",
    "different counters": "different people counted them (a party to the fighting, a video, a court, an outlet)",
    "aggregate may include incidents": "a total over several incidents may already include single incidents listed beside it",
    "no date for the counted events": "the page does not say when these happened, so overlap with the others cannot be ruled out",
    "vague quantity": "no number is given",
}


def addition_warnings(rows: pd.DataFrame) -> pd.DataFrame:
    """Why the figures of comparable rows must not be summed: one row per reason, with the figures concerned.

    Rules: ``different scopes`` (they count different things), ``different measures``, ``different counters``
    (different frames or outlets), ``aggregate may include incidents`` (an ICC count next to single-incident
    counts), ``no date for the counted events`` (when_text empty), ``vague quantity`` (no value).
    Columns: reason, why (WARNING_WHY), figures (the spans, '; '-joined), claim_ids.
    """
    cols = ["reason", "why", "figures", "claim_ids"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    out = []

    def add(reason, mask):
        which = rows[mask]
        if len(which):
            out.append({"reason": reason, "why": WARNING_WHY[reason], "figures": "; ".join(which["span"]),
                        "claim_ids": ", ".join(which["claim_id"])})

    everyone = pd.Series(True, index=rows.index)
    if rows["scope"].nunique() > 1:
        add("different scopes", everyone)
    if rows["measure"].nunique() > 1:
        add("different measures", everyone)
    counters = rows["frame"].replace("", "outlet") + "/" + rows["outlet"]
    if counters.nunique() > 1:
        add("different counters", everyone)
    aggregate = rows["scope"] == "ICC counts"
    if aggregate.any() and (~aggregate).any():
        add("aggregate may include incidents", everyone)
    add("no date for the counted events", rows["when_text"] == "")
    add("vague quantity", rows["value"].isna())
    return pd.DataFrame(out, columns=cols)


# ---------------------------------------------------------------- views for the period chapters
FIGURE_COLUMNS = ["label", "source", "outlet", "published", "figure", "value", "qualifier", "unit", "scope", "counts", "frame",
                  "when", "hedge", "cue", "claim_id", "item_id"]
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(iso: str) -> str:
    """'2017-07-25' -> '25 Jul 2017' (the book's short date for labels); '' stays ''."""
    if not isinstance(iso, str) or not re.fullmatch(r"\d{4}-\d\d-\d\d", iso):
        return ""
    y, m, d = iso.split("-")
    return f"{int(d)} {_MONTH_ABBR[int(m) - 1]} {y}"


def figures_in_window(ledger: pd.DataFrame, flags: pd.DataFrame, start, end, units=PEOPLE_UNITS,
                      measures=None, scopes=None) -> pd.DataFrame:
    """Comparable figures of the items published in [start, end], with source, scope, dates, hedges and cue.

    Why: the 'figures side by side' table and chart of a period chapter. One row per figure (restatements
    left out), in ``comparable`` order; ``label`` is 'span — scope' and, on a second line, 'outlet name, date'
    (for chart axes);
    ``counts`` is SCOPE_MEANING of the scope; ``cue`` the single-source cue (``single_source``), verbatim.
    """
    from libyabook.analysis.window import in_window

    if ledger.empty:
        return pd.DataFrame(columns=FIGURE_COLUMNS)
    rows = comparable(in_window(ledger, "published", start, end), units, measures, scopes)
    if rows.empty:
        return pd.DataFrame(columns=FIGURE_COLUMNS)
    cue = dict(zip(flags["claim_id"], flags["cue"])) if len(flags) else {}
    out = pd.DataFrame({
        "source": rows["outlet_name"], "outlet": rows["outlet"], "published": rows["published"], "figure": rows["span"],
        "value": rows["value"], "qualifier": rows["qualifier"], "unit": rows["unit"], "scope": rows["scope"],
        "counts": rows["scope"].map(SCOPE_MEANING).fillna(""), "frame": rows["frame"], "when": rows["when_text"],
        "hedge": rows["hedge"], "cue": rows["claim_id"].map(cue).fillna(""), "claim_id": rows["claim_id"],
        "item_id": rows["item_id"],
    })
    out["label"] = [f"{f} — {sc}\n{src}, {short_date(d)}" for f, sc, src, d in
                    zip(out["figure"], out["scope"], out["source"], out["published"])]
    return out.reindex(columns=FIGURE_COLUMNS).reset_index(drop=True)


def nth_value(rows: pd.DataFrame, scope: str, n: int = 0, *, outlet: str | None = None, unit: str | None = None,
              default=0):
    """The value of the n-th row (in row order) with this scope (and outlet/unit if given), as an int when whole.

    Why: prose numbers are glued from the table, never typed; ``default`` when there is no such row (another page).
    """
    if rows.empty:
        return default
    keep = rows["scope"] == scope
    if outlet is not None:
        keep &= rows["outlet"] == outlet
    if unit is not None:
        keep &= rows["unit"] == unit
    vals = rows.loc[keep, "value"].dropna()
    if len(vals) <= n:
        return default
    v = float(vals.iloc[n])
    return int(v) if v.is_integer() else v


def rows_of_kind(day_rows: pd.DataFrame, kinds=("event",)) -> pd.DataFrame:
    """Rows of a ``timeline.day_by_day`` table of the given kinds (e.g. events only, for a period's event chart)."""
    return day_rows[day_rows["kind"].isin(set(kinds))].reset_index(drop=True)


def quoted_speakers(people: pd.DataFrame) -> pd.DataFrame:
    """Speakers of ``timeline.people_in_window`` with at least one quoted statement or term, most quoted first."""
    if people.empty:
        return people.reset_index(drop=True)
    df = people[(people["statements"] + people["terms"]) > 0].copy()
    df["_n"] = df["statements"] + df["terms"]
    df = df.sort_values(["_n", "statements", "name"], ascending=[False, False, True], kind="mergesort")
    return df.drop(columns="_n").reset_index(drop=True)


def stated_values(figures: pd.DataFrame) -> pd.DataFrame:
    """Rows of a figures table that state a number (vague quantities such as 'dozens' left out), for charts."""
    return figures[figures["value"].notna()].reset_index(drop=True)


def figure_summary(figures: pd.DataFrame) -> dict[str, int]:
    """Counts that describe a figures table: figures, with a number, scopes, counters, undated, single-report, hedged."""
    if figures.empty:
        return {k: 0 for k in ("n_figures", "n_numbers", "n_scopes", "n_counters", "n_sources", "n_undated",
                               "n_single_report", "n_hedged")}
    return {
        "n_figures": len(figures),
        "n_numbers": int(figures["value"].notna().sum()),
        "n_scopes": int(figures["scope"].nunique()),
        "n_counters": int((figures["frame"].replace("", "outlet") + "/" + figures["outlet"]).nunique()),
        "n_sources": int(figures["outlet"].nunique()),
        "n_undated": int((figures["when"] == "").sum()),
        "n_single_report": int((figures["cue"] != "").sum()),
        "n_hedged": int((figures["hedge"] != "").sum()),
    }


def quote_summary(quoted: pd.DataFrame) -> dict:
    """Counts that describe a ``quoted_speakers`` table: speakers, statements, terms, and the most quoted speaker."""
    if quoted.empty:
        return {"n_speakers": 0, "n_statements": 0, "n_terms": 0, "top_name": "nobody", "top_statements": 0,
                "top_terms": 0}
    top = quoted.iloc[0]
    return {"n_speakers": len(quoted), "n_statements": int(quoted["statements"].sum()),
            "n_terms": int(quoted["terms"].sum()), "top_name": str(top["name"]),
            "top_statements": int(top["statements"]), "top_terms": int(top["terms"])}
