"""Chapter 6, voices and labels: who is quoted, who is only named, who is named with whom, and the words used.

``facts(t)`` returns the frames the chapter shows and the words its prose glues. Quotations are counted in
two kinds kept apart: *statements* (a sentence or more of someone's words) and *quoted terms* (a word or a
phrase in quotation marks, such as "liberation"); headlines are left out, since they repeat the excerpt.
The spellings of Haftar's name, the rank written before it and the labels the outlets use are counted here
for the whole book (chapter 2 links to this chapter).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from libyabook.analysis import labels as L
from libyabook.analysis import network as N
from libyabook.analysis import voices, words
from libyabook.analysis.chapters import selection
from libyabook.analysis.tables import Tables
from libyabook.extract.entities import load_aliases, load_entities

#: The kinds of quotation counted, in the order tables and charts show them.
KINDS = {"statement": "statements", "term": "terms"}
#: What each side of the label vocabulary (labels.csv ``applies_to``) describes, in words.
DESCRIBES = {"haftar_side": "Haftar and his forces", "opponents": "His opponents", "either": "Either side"}
SPEAKER_COLUMNS = ["speaker", "speaker_name", "side", "statements", "terms", "quotations", "n_outlets", "outlets"]
SIDE_COLUMNS = ["side", "statements", "terms", "speakers", "outlets"]


@dataclass(frozen=True)
class VoicesLabelsFacts:
    """What chapter 6 shows: speakers and sides, the named and the heard, the network, names and labels."""

    quotations: pd.DataFrame
    speakers: pd.DataFrame
    sides: pd.DataFrame
    named: pd.DataFrame
    silent: pd.DataFrame
    graph: object
    pairs: pd.DataFrame
    apart: pd.DataFrame
    spellings: pd.DataFrame
    titles: pd.DataFrame
    labels: pd.DataFrame
    label_uses: pd.DataFrame
    rebels: pd.DataFrame
    framing: pd.DataFrame
    glue: dict[str, str] = field(default_factory=dict)


def label_uses_of(t: Tables) -> pd.DataFrame:
    """Every use of a label of the vocabulary in the items' titles and excerpts (not the compiler's title)."""
    return t.label_uses


def titles_of(t: Tables) -> pd.DataFrame:
    """The rank written right before each mention of Haftar ('(none)' when there is none)."""
    return t.titles


def framing_of(t: Tables) -> pd.DataFrame:
    """The labels of the compiler's own post title, kept out of the outlets' counts."""
    return t.framing_labels


def speaker_table(quotations: pd.DataFrame) -> pd.DataFrame:
    """One row per attributed speaker: statements and quoted terms apart, and the outlets quoting them.

    Sorted by all quotations (descending), then by first appearance on the page.
    """
    q = quotations[quotations["speaker"] != ""]
    rows = []
    for speaker, g in q.groupby("speaker", sort=False):
        outlets = sorted(set(g["outlet"]), key=lambda o: (o.casefold(), o))
        rows.append(
            {
                "speaker": speaker,
                "speaker_name": g["speaker_name"].iloc[0],
                "side": g["side"].iloc[0],
                "statements": int((g["kind"] == "statement").sum()),
                "terms": int((g["kind"] == "term").sum()),
                "quotations": len(g),
                "n_outlets": len(outlets),
                "outlets": ", ".join(outlets),
                "_first": int(g.index.min()),
            }
        )
    if not rows:
        return pd.DataFrame(columns=SPEAKER_COLUMNS)
    out = pd.DataFrame(rows).sort_values(["quotations", "_first"], ascending=[False, True], kind="mergesort")
    return out[SPEAKER_COLUMNS].reset_index(drop=True)


def side_table(quotations: pd.DataFrame) -> pd.DataFrame:
    """One row per side (voices.SIDE_ORDER): statements, quoted terms, attributed speakers, outlets quoting it."""
    rows = [
        {
            "side": side,
            "statements": int((g["kind"] == "statement").sum()),
            "terms": int((g["kind"] == "term").sum()),
            "speakers": int(g.loc[g["speaker"] != "", "speaker"].nunique()),
            "outlets": int(g["outlet"].nunique()),
        }
        for side, g in quotations.groupby("side", sort=False)
    ]
    out = pd.DataFrame(rows, columns=SIDE_COLUMNS)
    order = sorted(range(len(out)), key=lambda i: voices.side_rank(out["side"].iloc[i]))
    return out.iloc[order].reset_index(drop=True)


def apart_from_the_rest(graph) -> pd.DataFrame:
    """Entities that share no item with the main body of the network (alone, or only with each other)."""
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return pd.DataFrame(columns=["entity_id", "name", "named_with"])
    main = max(nx.connected_components(graph), key=lambda c: (len(c), sorted(c)))
    rows = [
        {
            "entity_id": v,
            "name": graph.nodes[v].get("name", v),
            "named_with": ", ".join(sorted(graph.nodes[u].get("name", u) for u in graph.neighbors(v))),
        }
        for v in sorted(set(graph) - main)
    ]
    return pd.DataFrame(rows, columns=["entity_id", "name", "named_with"])


def readable(df: pd.DataFrame) -> pd.DataFrame:
    """A summary table for readers: ``outlets`` by their names, ``applies_to`` in words, '(none)' as 'no rank'."""
    out = df.copy()
    if "outlets" in out:
        out["outlets"] = [
            ", ".join(outlet_names([o.strip() for o in str(v).split(",") if o.strip()])) for v in out["outlets"]
        ]
    if "applies_to" in out:
        out["applies_to"] = [DESCRIBES.get(a, a) for a in out["applies_to"]]
    if "title" in out:
        out["title"] = out["title"].replace(L.NO_TITLE, "no rank")
    return out


def facts(t: Tables) -> VoicesLabelsFacts:
    """Everything chapter 6 shows, computed from the page's tables."""
    entities = load_entities()
    quotations = voices.spoken(voices.quotes_with_sources(t.quotes, t.articles, entities, speakers=t.speakers))
    speakers = speaker_table(quotations)
    graph = N.co_mention_graph(
        t.mentions, entities, quoted=dict(zip(speakers["speaker"], speakers["quotations"])), aliases=load_aliases()
    )
    uses = label_uses_of(t)
    found = VoicesLabelsFacts(
        quotations=quotations,
        speakers=speakers,
        sides=side_table(quotations),
        named=N.voice_share(graph, n=15),
        silent=N.spoken_about(graph),
        graph=graph,
        pairs=N.top_pairs(graph, 10),
        apart=apart_from_the_rest(graph),
        spellings=L.spelling_summary(L.spellings(t.mentions, t.articles, "haftar")),
        titles=L.title_summary(titles_of(t)),
        labels=L.label_summary(uses),
        label_uses=uses,
        rebels=uses[uses["label"] == "rebels"].reset_index(drop=True),
        framing=framing_of(t),
    )
    shown = {k: readable(getattr(found, k)) for k in ("speakers", "spellings", "titles", "labels")}
    return VoicesLabelsFacts(**{**found.__dict__, **shown, "glue": glue(found, len(t.articles))})


def outlet_names(keys) -> list[str]:
    """Outlets as readers know them, without the parenthesised gloss ('ABC News', 'CNA'), in the order given."""
    names = selection.outlet_names()
    return [selection.short_outlet(names.get(k, k)) for k in keys]


def _row(df: pd.DataFrame, key: str, value: str, column: str, default=0):
    """One cell of a summary table, or ``default`` when the row is absent (another page)."""
    hit = df.loc[df[key] == value, column] if len(df) else []
    return hit.iloc[0] if len(hit) else default


def _node(graph, node: str, attribute: str = "n_mentions") -> int:
    return int(N.node_value(graph, node, attribute))


def glue(f: VoicesLabelsFacts, n_items: int) -> dict[str, str]:
    """The chapter's prose numbers and names, written as the prose writes them."""
    q, sp, g = f.quotations, f.speakers, f.graph
    haftar = q[q["speaker"] == "haftar"]
    out = {
        "n_items": words.count(n_items, "item"),
        "n_quotations": words.count(len(q), "quotation"),
        "n_statements": words.count(int((q["kind"] == "statement").sum()), "statement"),
        "n_terms": words.count(int((q["kind"] == "term").sum()), "quoted term"),
        "n_speakers": words.count(len(sp), "speaker"),
        "n_unattributed": words.count(int((q["speaker"] == "").sum()), "quotation"),
        "n_quoting_outlets": words.count(int(q.loc[q["speaker"] != "", "outlet"].nunique()), "outlet"),
        "haftar_statements": words.count(int((haftar["kind"] == "statement").sum()), "statement"),
        "haftar_terms": words.count(int((haftar["kind"] == "term").sum()), "quoted term"),
        "haftar_f24": words.number(int((haftar["outlet"] == "france24").sum())),
        "haftar_outlets": words.count(int(haftar["outlet"].nunique()), "outlet"),
        "n_one_outlet": words.number(int((sp["n_outlets"] == 1).sum())),
        "n_entities": words.count(g.number_of_nodes(), "person or organisation", "people and organisations"),
        "n_silent": words.number(len(f.silent)),
        "n_edges": words.count(g.number_of_edges(), "link"),
        "haftar_degree": words.count(
            _row(N.centrality_table(g), "entity_id", "haftar", "degree"), "other entity", "other entities"
        ),
        "haftar_sarraj": words.count(N.edge_weight(g, "haftar", "sarraj"), "item"),
        "top_pair_items": words.count(int(f.pairs["n_items"].iloc[0]) if len(f.pairs) else 0, "item"),
        "n_apart": words.number(len(f.apart)),
    }
    for entity in ("sarraj", "gaddafi", "lna", "warfalli"):
        out[f"{entity}_mentions"] = words.count(_node(g, entity), "time")
        out[f"{entity}_items"] = words.count(_node(g, entity, "n_items"), "item")
    return {**out, **_names_glue(f), **_label_glue(f)}


def _names_glue(f: VoicesLabelsFacts) -> dict[str, str]:
    """Spellings of Haftar's surname and the ranks written before it."""
    sp, ti = f.spellings, f.titles
    variants = sp[sp["spelling"] != "Haftar"] if len(sp) else sp
    outlets = sorted({o.strip() for cell in variants["outlets"] for o in str(cell).split(",") if o.strip()})
    n_mentions = int(sp["n"].sum()) if len(sp) else 0
    return {
        "n_haftar_named": words.count(n_mentions, "mention"),
        "n_spellings": words.count(len(sp), "way"),
        "n_spelled_haftar": words.number(int(_row(sp, "spelling", "Haftar", "n"))),
        "n_spelled_hifter": words.number(int(_row(sp, "spelling", "Hifter", "n"))),
        "variant_outlets": words.join(outlet_names(outlets)) or "none",
        "n_untitled": words.number(int(_row(ti, "title", L.NO_TITLE, "n"))),
        "n_general": words.count(int(_row(ti, "title", "General", "n")), "time"),
    }


def _label_glue(f: VoicesLabelsFacts) -> dict[str, str]:
    """How often the labels the prose discusses occur, and in how many outlets."""
    out = {
        "n_label_uses": words.count(len(f.label_uses), "use"),
        "n_labels": words.count(len(f.labels), "label"),
        "n_haftar_side": words.number(L.label_total(f.label_uses, applies_to="haftar_side")),
        "n_opponents": words.number(L.label_total(f.label_uses, applies_to="opponents")),
        "n_framing": words.count(len(f.framing), "label use"),
    }
    for label, key in (
        ("renegade", "renegade"),
        ("extremists", "extremists"),
        ("terrorists", "terrorists"),
        ("rebels", "rebels"),
        ("Libyan National Army", "lna_name"),
    ):
        out[f"n_{key}"] = words.count(L.label_total(f.label_uses, label=label), "time")
        if key != "extremists":  # the prose names the one outlet (France 24) that uses it
            out[f"n_{key}_outlets"] = words.count(int(_row(f.labels, "label", label, "n_outlets")), "outlet")
    return out
