"""How the press names, titles and labels a person and his side: spellings, titles before the name, labels.

Three measurements, all read from the text by rules, all pointing back to page lines:

- **spellings**: every mention of an entity (``mentions`` table, ``libyabook.extract.entities``) reduced to the
  surname form it uses ("Khalifa Hifter" -> "Hifter"), by outlet and year;
- **titles**: the rank or office written right before a mention ("General", "Gen", "Field Marshal",
  "Colonel"...), from the ``title`` rows of ``data/reference/labels.csv``;
- **labels**: descriptive words and phrases for the person's side ("renegade", "self-styled",
  "Libyan National Army"...) and for its opponents ("Islamists", "jihadists", "extremists"...), from the
  other rows of ``labels.csv``. A label with ``scope`` = ``item`` counts wherever it occurs in an item's
  title or body; with ``sentence`` only in a sentence that also mentions the target entity (Haftar by
  default). Overlapping matches on a line are resolved longest first, then leftmost, so "Islamist
  militias" is one label, not also "Islamist".

Offsets follow the book's convention: ``line`` is the 1-based page line, ``start``/``end`` 0-based
character offsets in it, and ``page.lines[line - 1][start:end] == span``. Headlines are scanned only in
their title, not in the ``(outlet, date)`` byline. Every function is pure (tables in, DataFrame out).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from libyabook.extract.corpus import Page, item_lines
from libyabook.extract.entities import alias_pattern, find_mentions, load_aliases
from libyabook.reference import REFERENCE_DIR, load_reference

LABEL_COLUMNS = ["label", "applies_to", "kind", "pattern", "case", "scope", "note"]
APPLIES_TO = ("haftar_side", "opponents", "either")
KINDS = ("title", "descriptor", "force_name")
SCOPES = ("item", "sentence")
CASES = ("exact", "fold")

SPELLING_COLUMNS = ["item_id", "outlet", "year", "surface", "spelling", "field", "line", "start", "end"]
TITLE_COLUMNS = ["item_id", "outlet", "year", "surface", "title", "span", "line", "start", "end",
                 "mention_start"]
HIT_COLUMNS = ["item_id", "outlet", "year", "label", "applies_to", "kind", "field", "line", "start", "end", "span"]
FRAMING_COLUMNS = ["line", "label", "applies_to", "start", "end", "span"]
SUMMARY_COLUMNS = ["label", "applies_to", "kind", "n", "n_items", "n_outlets", "outlets"]
SPELLING_SUMMARY_COLUMNS = ["spelling", "n", "n_items", "n_outlets", "outlets"]
TITLE_SUMMARY_COLUMNS = ["title", "n", "n_items", "n_outlets", "outlets"]
ITEM_COLUMNS = ["item_id", "outlet", "published", "n_words", "n_mentions"]
NAMING_COLUMNS = ["item_id", "outlet", "published", "entity_id", "n_mentions"]

#: Value of ``title`` for a mention with no title right before it.
NO_TITLE = "(none)"
#: Row label for items the page does not date, in outlet-year tables.
UNDATED = "undated"

# A sentence ends at . ! ? or … (plus closing quotes/brackets) followed by space and a capital, digit or
# opening quote; not after an abbreviation such as "Gen.", "U.S." or a single initial.
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:[A-Z]|(?:[A-Z]\.)+[A-Z]|Gen|Col|Lt|Maj|Brig|Capt|Sgt|Cmdr|Adm|Mr|Mrs|Ms|Dr|Prof|St|No|Rev|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|etc|vs)$"
)


# --- the label vocabulary ------------------------------------------------------------------------

def validate_labels(labels: pd.DataFrame, source: str = "labels") -> pd.DataFrame:
    """Check a label table (columns, allowed values, compilable patterns, no duplicate label per kind)."""
    missing = [c for c in ("label", "applies_to", "kind") if c not in labels.columns]
    if missing:
        raise ValueError(f"{source}: missing column(s) {', '.join(missing)}; expected {', '.join(LABEL_COLUMNS)}")
    labels = labels.copy().fillna("").astype(str)
    defaults = {"pattern": "", "case": "fold", "scope": "item", "note": ""}
    for column, default in defaults.items():
        if column not in labels.columns:
            labels[column] = default
        labels[column] = labels[column].replace("", default) if column in ("case", "scope") else labels[column]
    seen = set()
    for row in labels.itertuples(index=False):
        name = row.label
        if not name.strip() or name != name.strip():
            raise ValueError(f"{source}: label {name!r} is empty or has surrounding spaces")
        for column, allowed in (("applies_to", APPLIES_TO), ("kind", KINDS), ("case", CASES), ("scope", SCOPES)):
            value = getattr(row, column)
            if value not in allowed:
                raise ValueError(f"{source}: label {name!r} has {column} {value!r}; expected one of {', '.join(allowed)}")
        if (name, row.kind) in seen:
            raise ValueError(f"{source}: label {name!r} is listed twice as a {row.kind}")
        seen.add((name, row.kind))
        try:
            regex = label_regex(name, row.pattern, row.case)
        except re.error as exc:
            raise ValueError(f"{source}: label {name!r} has a pattern that does not compile: {exc}") from None
        if regex.search(""):
            raise ValueError(f"{source}: label {name!r} has a pattern that matches the empty string")
    cols = LABEL_COLUMNS + [c for c in labels.columns if c not in LABEL_COLUMNS]
    return labels[cols].reset_index(drop=True)


def load_labels(path: str | Path | None = None) -> pd.DataFrame:
    """The validated label vocabulary: data/reference/labels.csv, or another CSV of the same columns."""
    if path is None:
        return validate_labels(load_reference("labels"), str(REFERENCE_DIR / "labels.csv"))
    return validate_labels(pd.read_csv(path, dtype=str, keep_default_na=False), str(path))


@lru_cache(maxsize=1024)
def label_regex(label: str, pattern: str = "", case: str = "fold") -> re.Pattern:
    """Whole-word regex of a label: its ``pattern`` (a Python regex) or, if empty, the label as a phrase."""
    if not pattern:
        return alias_pattern(label, case)
    flags = re.IGNORECASE if case == "fold" else 0
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", flags)


@lru_cache(maxsize=1024)
def _title_regex(label: str, pattern: str, case: str) -> re.Pattern:
    """A title pattern anchored to the end of the text before a name (title, then spaces, then the name)."""
    inner = pattern or re.escape(label)
    flags = re.IGNORECASE if case == "fold" else 0
    return re.compile(rf"(?<!\w)(?:{inner})[ \t\u00a0]+$", flags)


# --- helpers -------------------------------------------------------------------------------------

def sentence_spans(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text[lo:hi], splitting after . ! ? … but not after abbreviations."""
    hi = len(text) if hi is None else hi
    spans, start = [], lo
    for m in _BOUNDARY.finditer(text, lo, hi):
        if text[m.start()] == "." and _ABBREVIATION.search(text[start:m.start()]):
            continue
        spans.append((start, m.end()))
        start = m.end()
    if start < hi:
        spans.append((start, hi))
    return spans


def _scan_range(text: str, item: dict, line: int) -> tuple[int, int, str]:
    """The part of a line to scan and its field: a headline's title without its (outlet, date) byline."""
    title = str(item.get("title") or "")
    if item["section"] != "lead" and line == int(item["line_start"]) and title:
        at = text.find(title)
        return (at, at + len(title), "title") if at >= 0 else (0, len(text), "title")
    return 0, len(text), "body"


def _year(published) -> object:
    """The year of an ISO date string, or pd.NA when the page gives no date."""
    text = "" if published is None or published is pd.NA else str(published)
    return int(text[:4]) if re.match(r"\d{4}-", text) else pd.NA


def _item_info(articles: pd.DataFrame) -> dict[str, tuple[str, object]]:
    """item_id -> (outlet, year)."""
    return {r["item_id"]: (str(r["outlet"] or ""), _year(r["published"]))
            for r in articles[["item_id", "outlet", "published"]].fillna("").to_dict("records")}


def _resolve_overlaps(candidates: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Non-overlapping (start, end, k): longest first, then leftmost, then vocabulary order."""
    taken: list[tuple[int, int, int]] = []
    for start, end, k in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0], c[2])):
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, k))
    return sorted(taken)


def _entity_mentions(mentions: pd.DataFrame, entity_id: str) -> pd.DataFrame:
    """The mentions of one entity, in page order."""
    rows = mentions[mentions["entity_id"] == entity_id]
    return rows.sort_values(["line", "start"], kind="stable").reset_index(drop=True)


def source_label(outlet: str, year) -> str:
    """Row label for an outlet and year: 'abcnews 2017', 'CNN undated', '(no outlet) undated'."""
    name = outlet if isinstance(outlet, str) and outlet.strip() else "(no outlet)"
    return f"{name} {UNDATED if year is None or year is pd.NA or pd.isna(year) else int(year)}"


# --- spellings -----------------------------------------------------------------------------------

def spelling_of(surface: str, entity_id: str, aliases: pd.DataFrame | None = None) -> str:
    """The surname form a mention uses: the shortest short/spelling alias of the entity inside the surface."""
    table = load_aliases() if aliases is None else aliases
    rows = table[(table["entity_id"] == entity_id) & (table["kind"].isin(["short", "spelling"]))]
    found = [(len(r.alias), k, r.alias) for k, r in enumerate(rows.itertuples(index=False))
             if alias_pattern(r.alias, r.case or "exact").search(surface)]
    return min(found)[2] if found else surface


def spellings(mentions: pd.DataFrame, articles: pd.DataFrame, entity_id: str = "haftar",
              aliases: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per mention of the entity with its outlet, year and surname spelling, in page order."""
    table = load_aliases() if aliases is None else aliases
    info = _item_info(articles)
    rows = []
    for m in _entity_mentions(mentions, entity_id).to_dict("records"):
        outlet, year = info.get(m["item_id"], ("", pd.NA))
        rows.append((m["item_id"], outlet, year, m["surface"], spelling_of(m["surface"], entity_id, table),
                     m.get("field", ""), int(m["line"]), int(m["start"]), int(m["end"])))
    out = pd.DataFrame(rows, columns=SPELLING_COLUMNS)
    return out.astype({"year": "Int64", "line": "int64", "start": "int64", "end": "int64"})


def spellings_by_outlet_year(mentions: pd.DataFrame, articles: pd.DataFrame, entity_id: str = "haftar",
                             aliases: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mentions per (outlet, year, spelling): how each outlet spelled the name, chronologically, undated last."""
    return count_by_outlet_year(spellings(mentions, articles, entity_id, aliases), "spelling")


def spelling_summary(spelled: pd.DataFrame) -> pd.DataFrame:
    """Per spelling (from ``spellings``): mentions, items, outlets and which outlets; most used first."""
    return _summary(spelled, ["spelling"], SPELLING_SUMMARY_COLUMNS)


def variant_outlets(spelled: pd.DataFrame, standard: str | None = None) -> list[str]:
    """Outlets (page order) that use a spelling other than ``standard`` (default: the most used spelling)."""
    if spelled.empty:
        return []
    if standard is None:
        standard = spelling_summary(spelled)["spelling"].iloc[0]
    return [o for o in dict.fromkeys(spelled.loc[spelled["spelling"] != standard, "outlet"]) if o]


# --- titles --------------------------------------------------------------------------------------

def titles_before(page: Page, mentions: pd.DataFrame, entity_id: str = "haftar",
                  labels: pd.DataFrame | None = None, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per mention of the entity with the title written right before it (or NO_TITLE).

    ``span`` is the title verbatim and ``start``/``end`` its offsets in the line; for a mention without
    a title ``span`` is empty and ``start == end == mention_start``. When several title patterns end right
    before the name the longest wins ("Field Marshal" over "Marshal", "retired general" over "general").
    """
    vocab = load_labels() if labels is None else validate_labels(labels)
    titles = [(r.label, _title_regex(r.label, r.pattern, r.case)) for r in vocab[vocab["kind"] == "title"].itertuples()]
    info = _item_info(articles) if articles is not None else {}
    rows = []
    for m in _entity_mentions(mentions, entity_id).to_dict("records"):
        line, start = int(m["line"]), int(m["start"])
        prefix = page.lines[line - 1][:start]
        best = None
        for label, regex in titles:
            hit = regex.search(prefix)
            if hit and (best is None or hit.start() < best[1]):
                best = (label, hit.start(), hit.group(0).rstrip())
        outlet, year = info.get(m["item_id"], ("", pd.NA))
        if best:
            label, t_start, span = best
            rows.append((m["item_id"], outlet, year, m["surface"], label, span, line, t_start, t_start + len(span), start))
        else:
            rows.append((m["item_id"], outlet, year, m["surface"], NO_TITLE, "", line, start, start, start))
    out = pd.DataFrame(rows, columns=TITLE_COLUMNS)
    return out.astype({"year": "Int64", "line": "int64", "start": "int64", "end": "int64", "mention_start": "int64"})


def title_summary(titled: pd.DataFrame) -> pd.DataFrame:
    """Per title (from ``titles_before``, NO_TITLE included): mentions, items, outlets; most used first."""
    return _summary(titled, ["title"], TITLE_SUMMARY_COLUMNS)


def titles_by_outlet_year(page: Page, mentions: pd.DataFrame, articles: pd.DataFrame, entity_id: str = "haftar",
                          labels: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mentions per (outlet, year, title), NO_TITLE included: who gave the name a rank, and which."""
    return count_by_outlet_year(titles_before(page, mentions, entity_id, labels, articles), "title")


# --- labels --------------------------------------------------------------------------------------

def _label_hits(text: str, lo: int, hi: int, vocab: list, targets: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Label matches in text[lo:hi] that satisfy their scope, overlaps resolved."""
    sentences = None
    candidates = []
    for k, (_, _, _, regex, scope) in enumerate(vocab):
        for m in regex.finditer(text):
            if not (lo <= m.start() and m.end() <= hi):
                continue
            if scope == "sentence":
                if sentences is None:
                    sentences = sentence_spans(text, lo, hi)
                s, e = next(((s, e) for s, e in sentences if s <= m.start() < e), (m.start(), m.end()))
                if not any(s <= ts and te <= e for ts, te in targets):
                    continue
            candidates.append((m.start(), m.end(), k))
    return _resolve_overlaps(candidates)


def _vocabulary(labels: pd.DataFrame | None) -> list[tuple]:
    """(label, applies_to, kind, regex, scope) of the non-title rows of a label table."""
    table = load_labels() if labels is None else validate_labels(labels)
    rows = table[table["kind"] != "title"]
    return [(r.label, r.applies_to, r.kind, label_regex(r.label, r.pattern, r.case), r.scope) for r in rows.itertuples()]


def label_counts(page: Page, articles: pd.DataFrame, labels: pd.DataFrame | None = None,
                 mentions: pd.DataFrame | None = None, entity_id: str = "haftar") -> pd.DataFrame:
    """Every label of the vocabulary found in the items' titles and bodies, one row per hit, by (line, start).

    ``mentions`` (default: found now with ``find_mentions``) locate the target entity for labels of
    ``sentence`` scope. Title rows of the vocabulary are not searched here (see ``titles_before``).
    """
    vocab = _vocabulary(labels)
    if mentions is None:
        mentions = find_mentions(page, articles)
    targets: dict[int, list[tuple[int, int]]] = {}
    for m in _entity_mentions(mentions, entity_id).itertuples():
        targets.setdefault(int(m.line), []).append((int(m.start), int(m.end)))
    rows = []
    for item in articles.to_dict("records"):
        outlet, year = str(item.get("outlet") or ""), _year(item.get("published"))
        for line, text in item_lines(page, item):
            lo, hi, field = _scan_range(text, item, line)
            for start, end, k in _label_hits(text, lo, hi, vocab, targets.get(line, [])):
                label, applies_to, kind, _, _ = vocab[k]
                rows.append((item["item_id"], outlet, year, label, applies_to, kind, field, line, start, end, text[start:end]))
    out = pd.DataFrame(rows, columns=HIT_COLUMNS).sort_values(["line", "start"], kind="stable").reset_index(drop=True)
    return out.astype({"year": "Int64", "line": "int64", "start": "int64", "end": "int64"})


def framing_labels(page: Page, boilerplate: pd.DataFrame, labels: pd.DataFrame | None = None) -> pd.DataFrame:
    """Labels in the post title (boilerplate ``page_title`` lines): the compiler's own framing, not an outlet's."""
    vocab = [v for v in _vocabulary(labels) if v[4] == "item"]
    rows = []
    for line in sorted(int(x) for x in boilerplate.loc[boilerplate["kind"] == "page_title", "line"]):
        text = page.lines[line - 1]
        for start, end, k in _label_hits(text, 0, len(text), vocab, []):
            rows.append((line, vocab[k][0], vocab[k][1], start, end, text[start:end]))
    return pd.DataFrame(rows, columns=FRAMING_COLUMNS).astype({"line": "int64", "start": "int64", "end": "int64"})


def label_summary(hits: pd.DataFrame) -> pd.DataFrame:
    """Per label (from ``label_counts``): hits, items, outlets and which outlets; most frequent first."""
    return _summary(hits, ["label", "applies_to", "kind"], SUMMARY_COLUMNS)


def label_total(hits: pd.DataFrame, label: str | None = None, applies_to: str | None = None) -> int:
    """Number of hits of one label and/or one side (0 when there are none), for numbers quoted in prose."""
    keep = pd.Series(True, index=hits.index)
    if label is not None:
        keep &= hits["label"] == label
    if applies_to is not None:
        keep &= hits["applies_to"] == applies_to
    return int(keep.sum())


# --- items and framing ---------------------------------------------------------------------------

def mentions_per_item(mentions: pd.DataFrame, articles: pd.DataFrame, entity_id: str = "haftar") -> pd.DataFrame:
    """Mentions of the entity in each item that names it, in page order, with the item's length."""
    counts = _entity_mentions(mentions, entity_id).groupby("item_id", sort=False).size()
    items = articles[articles["item_id"].isin(counts.index)]
    out = items[["item_id", "outlet", "published", "n_words"]].copy()
    out["n_mentions"] = [int(counts[i]) for i in out["item_id"]]
    return out[ITEM_COLUMNS].astype({"n_words": "int64", "n_mentions": "int64"}).reset_index(drop=True)


def items_naming(mentions: pd.DataFrame, articles: pd.DataFrame, entity_ids: list[str] | str) -> pd.DataFrame:
    """Which items name any of the given entities (e.g. the CIA), and how often: what a claim rests on."""
    ids = [entity_ids] if isinstance(entity_ids, str) else list(entity_ids)
    rows = mentions[mentions["entity_id"].isin(ids)]
    info = articles.set_index("item_id")
    order = {item_id: k for k, item_id in enumerate(articles["item_id"])}
    counts = rows.groupby(["item_id", "entity_id"], sort=False).size().reset_index(name="n_mentions")
    counts["outlet"] = [info.at[i, "outlet"] for i in counts["item_id"]]
    counts["published"] = [info.at[i, "published"] for i in counts["item_id"]]
    counts["_order"] = [(order[i], ids.index(e)) for i, e in zip(counts["item_id"], counts["entity_id"])]
    counts = counts.sort_values("_order", kind="stable")
    return counts[NAMING_COLUMNS].astype({"n_mentions": "int64"}).reset_index(drop=True)


def question_titles(articles: pd.DataFrame) -> pd.DataFrame:
    """Items whose headline is a question (ends with '?', closing quotes aside): claims put as questions."""
    asks = articles["title"].fillna("").str.rstrip().str.rstrip("”\"’'").str.endswith("?")
    return articles.loc[asks.to_numpy(), ["item_id", "outlet", "published", "title"]].reset_index(drop=True)


# --- outlet x year tables ------------------------------------------------------------------------

def count_by_outlet_year(df: pd.DataFrame, column: str) -> pd.DataFrame:
    """Rows per (outlet, year, value of column) as a long table, chronological (undated last), then outlet."""
    cols = ["outlet", "year", column, "n"]
    if df.empty:
        return pd.DataFrame(columns=cols).astype({"n": "int64"})
    key = df.assign(_y=df["year"].astype("Int64").fillna(-1))
    counts = key.groupby(["outlet", "_y", column], sort=False).size().reset_index(name="n")
    counts["_undated"] = counts["_y"] < 0
    counts["_o"] = counts["outlet"].str.casefold()
    counts = counts.sort_values(["_undated", "_y", "_o", "outlet", column], kind="stable")
    counts["year"] = counts["_y"].where(counts["_y"] >= 0).astype("Int64")
    return counts[cols].astype({"n": "int64"}).reset_index(drop=True)


def outlet_year_table(counts: pd.DataFrame, column: str) -> pd.DataFrame:
    """Wide table for charts: one row per 'outlet year' (order of ``counts``), one column per value of column.

    Columns are ordered by total (most frequent first, then by name); cells are counts (0 when absent).
    """
    if counts.empty:
        return pd.DataFrame(columns=["source"])
    labels = [source_label(o, y) for o, y in zip(counts["outlet"], counts["year"])]
    rows = list(dict.fromkeys(labels))
    totals = counts.groupby(column)["n"].sum()
    values = sorted(totals.index, key=lambda v: (-int(totals[v]), str(v)))
    wide = pd.DataFrame(0, index=rows, columns=values, dtype="int64")
    for label, value, n in zip(labels, counts[column], counts["n"]):
        wide.loc[label, value] += int(n)
    wide.columns = [str(c) for c in wide.columns]
    return wide.rename_axis("source").reset_index()


def _summary(df: pd.DataFrame, keys: list[str], columns: list[str]) -> pd.DataFrame:
    """Counts per key: rows, distinct items, distinct outlets and their names (page order of first use)."""
    if df.empty:
        return pd.DataFrame(columns=columns).astype({c: "int64" for c in ("n", "n_items", "n_outlets")})
    rows = []
    for key, group in df.groupby(keys, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        outlets = [o for o in dict.fromkeys(group["outlet"]) if o]
        rows.append((*key, len(group), group["item_id"].nunique(), len(outlets), ", ".join(outlets)))
    out = pd.DataFrame(rows, columns=columns)
    out = out.sort_values(["n", keys[0]], ascending=[False, True], kind="stable")
    return out.astype({"n": "int64", "n_items": "int64", "n_outlets": "int64"}).reset_index(drop=True)
