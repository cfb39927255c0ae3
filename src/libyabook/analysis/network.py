"""The page's co-mention network: who is named with whom, built deterministically from the book's tables.

The **co-mention graph** (``co_mention_graph``) has one node per entity named on the page (an
``entity_id`` of ``data/reference/entities.csv``) with its name, a short label for charts, type,
group, number of mentions, of items naming it and of quotations attributed to it; one edge between
two entities named in the same item, weighted by the number of such items (``weight`` = ``n_items``,
``items`` = the item ids, page order of first mention). Being named together says nothing about how
two people are related: an edge is a shared item, not an alliance.

Nodes are added in sorted id order and edges in sorted pair order, and ``layout`` lays out a canonical
copy with a fixed seed, so the same tables always give the same graph and the same coordinates, whatever
order the rows came in. Tables sort ties by id. networkx is imported only when a graph is built.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from libyabook.extract.entities import co_mentions

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

#: Seed of the spring layout used by the book (any fixed integer gives a fixed drawing).
SEED = 6
NODE_COLUMNS = [
    "entity_id",
    "name",
    "short",
    "type",
    "group",
    "n_mentions",
    "n_items",
    "n_quotes",
    "degree",
    "weighted_degree",
]
PAIR_COLUMNS = ["entity_a", "entity_b", "name_a", "name_b", "n_items", "item_ids"]
SPOKEN_ABOUT_COLUMNS = ["entity_id", "name", "type", "group", "n_mentions", "n_items"]


def short_names(entities: pd.DataFrame, aliases: pd.DataFrame | None = None) -> dict[str, str]:
    """A short chart label per entity: its first ``short`` or ``acronym`` alias (file order), else its name."""
    names = {str(e): str(n) for e, n in zip(entities["entity_id"], entities["name"])}
    if aliases is None or aliases.empty:
        return names
    short: dict[str, str] = {}
    rows = aliases[aliases["kind"].isin(["short", "acronym"])] if "kind" in aliases.columns else aliases.iloc[0:0]
    for entity_id, alias in zip(rows["entity_id"], rows["alias"]):
        short.setdefault(str(entity_id), str(alias))
    return {e: short.get(e, n) for e, n in names.items()}


def _quote_counts(quoted) -> dict[str, int]:
    """Quotations per speaker id from a speaker_summary-like table (speaker, n_quotes) or a mapping."""
    if quoted is None:
        return {}
    if isinstance(quoted, pd.DataFrame):
        if quoted.empty:
            return {}
        return {str(s): int(n) for s, n in zip(quoted["speaker"], quoted["n_quotes"])}
    return {str(s): int(n) for s, n in dict(quoted).items()}


def co_mention_graph(
    mentions: pd.DataFrame, entities: pd.DataFrame, min_items: int = 1, quoted=None, aliases: pd.DataFrame | None = None
) -> nx.Graph:
    """The co-mention network: entities as nodes, an edge per pair named in at least ``min_items`` items.

    ``quoted`` (a ``voices.speaker_summary`` table, or a mapping entity_id -> quotations) sets each node's
    ``n_quotes`` (0 when absent); ``aliases`` gives the short labels (see ``short_names``). Every entity
    with a mention is a node, even without an edge. An entity missing from ``entities`` keeps its id as
    name, the mention's ``entity_type`` as type and '' as group.
    """
    import networkx as nx

    if min_items < 1:
        raise ValueError(f"min_items={min_items!r}: expected an integer >= 1")
    info = entities.fillna("").astype(str).set_index("entity_id")
    shorts = short_names(entities.fillna("").astype(str), aliases)
    quotes = _quote_counts(quoted)
    graph = nx.Graph()
    if mentions.empty:
        return graph
    mention_n = mentions.groupby("entity_id").size()
    item_n = mentions.groupby("entity_id")["item_id"].nunique()
    types = mentions.groupby("entity_id")["entity_type"].first() if "entity_type" in mentions else pd.Series(dtype=str)
    for entity_id in sorted(mention_n.index):
        known = entity_id in info.index
        graph.add_node(
            entity_id,
            name=str(info.at[entity_id, "name"]) if known else entity_id,
            short=shorts.get(entity_id, entity_id),
            type=str(info.at[entity_id, "type"]) if known else str(types.get(entity_id, "")),
            group=str(info.at[entity_id, "group"]) if known and "group" in info.columns else "",
            n_mentions=int(mention_n[entity_id]),
            n_items=int(item_n[entity_id]),
            n_quotes=int(quotes.get(entity_id, 0)),
        )
    pairs = co_mentions(mentions)
    for row in pairs.sort_values(["entity_a", "entity_b"], kind="stable").itertuples(index=False):
        if int(row.n_items) >= min_items:
            graph.add_edge(row.entity_a, row.entity_b, weight=int(row.n_items), items=str(row.item_ids))
    return graph


def canonical(graph: nx.Graph) -> nx.Graph:
    """A copy of the graph with nodes and edges inserted in sorted order (layouts depend on that order)."""
    import networkx as nx

    out = nx.Graph()
    out.add_nodes_from((n, graph.nodes[n]) for n in sorted(graph.nodes))
    edges = sorted(tuple(sorted((a, b))) for a, b in graph.edges)
    out.add_edges_from((a, b, graph.edges[a, b]) for a, b in edges)
    return out


def _spring(
    g: nx.Graph, main: list[str], seed: int, k_factor: float, anchors: int, radius: float, decimals: int
) -> dict[str, tuple[float, float]]:
    """Spring positions of the main component, its ``anchors`` most mentioned nodes pinned on a circle (see layout)."""
    import networkx as nx

    core = canonical(g.subgraph(main))  # a view may iterate a set: rebuild in sorted order
    hubs = [n for n in top_nodes(core, anchors) if n in core] if anchors > 0 else []
    start = None
    if len(hubs) > 1:
        start = {
            n: (
                radius * math.cos(math.pi / 2 - 2 * math.pi * i / len(hubs)),
                radius * math.sin(math.pi / 2 - 2 * math.pi * i / len(hubs)),
            )
            for i, n in enumerate(hubs)
        }
    pos = nx.spring_layout(
        core,
        weight="weight",
        seed=seed,
        k=k_factor / len(main) ** 0.5,
        iterations=200,
        pos=start,
        fixed=hubs if start else None,
    )
    pos = nx.rescale_layout_dict(pos, scale=1.0) if len(main) > 1 else pos
    return {n: (round(float(pos[n][0]), decimals), round(float(pos[n][1]), decimals)) for n in main}


def layout(
    graph: nx.Graph,
    seed: int = SEED,
    method: str = "spring",
    k_factor: float = 1.0,
    anchors: int = 0,
    radius: float = 1.0,
    decimals: int = 6,
) -> dict[str, tuple[float, float]]:
    """Deterministic node positions (about [-1, 1]): a weighted spring layout with a fixed seed, or a circle.

    The graph is first made canonical (sorted nodes and edges), so insertion order does not matter.
    Only the largest connected component is laid out as a spring (``k_factor`` / sqrt(n) is the ideal
    edge length); the nodes of smaller components and isolated nodes are set on a row below it, each
    component's nodes side by side, instead of being flung to the border. Coordinates are rounded
    to ``decimals`` so that last-bit float noise cannot change them. With ``anchors`` = n > 1, the n most
    mentioned nodes of that component are pinned on a circle of ``radius`` (rank order, clockwise from the top) and
    the others placed by the spring around them: hubs that share many items otherwise pile up in the
    middle and their labels collide.
    """
    import networkx as nx

    if method not in ("spring", "circular"):
        raise ValueError(f"method={method!r}: expected 'spring' or 'circular'")
    g = canonical(graph)
    if len(g) == 0:
        return {}
    if method == "circular":
        pos = nx.circular_layout(g)
        return {n: (round(float(x), decimals), round(float(y), decimals)) for n, (x, y) in pos.items()}
    components = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    main = components[0] if len(components[0]) > 1 else []
    rest = [n for c in components if c is not main for n in c]
    out = _spring(g, main, seed, k_factor, anchors, radius, decimals) if main else {}
    if rest:
        y = round(min(out[n][1] for n in main) - 0.3, decimals) if main else 0.0
        step = min(0.2, 2.0 / max(len(rest) - 1, 1))
        x0 = -step * (len(rest) - 1) / 2
        for i, n in enumerate(rest):
            out[n] = (round(x0 + step * i, decimals), y)
    return {n: out[n] for n in sorted(out)}


def top_pairs(graph: nx.Graph, n: int = 10) -> pd.DataFrame:
    """The n pairs named together in most items: heaviest edges first, ties by (entity_a, entity_b)."""
    rows = []
    for a, b, data in graph.edges(data=True):
        a, b = sorted((a, b))
        rows.append(
            (
                a,
                b,
                graph.nodes[a].get("name", a),
                graph.nodes[b].get("name", b),
                int(data.get("weight", 1)),
                str(data.get("items", "")),
            )
        )
    out = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    out = out.sort_values(["n_items", "entity_a", "entity_b"], ascending=[False, True, True], kind="stable")
    return out.head(max(int(n), 0)).astype({"n_items": "int64"}).reset_index(drop=True)


def centrality_table(graph: nx.Graph) -> pd.DataFrame:
    """One row per node: attributes, degree (distinct partners) and weighted degree (shared items summed).

    Sorted by weighted degree, then degree, then mentions (all descending), ties by entity_id.
    """
    rows = []
    for node in graph.nodes:
        d = graph.nodes[node]
        rows.append(
            (
                node,
                d.get("name", node),
                d.get("short", node),
                d.get("type", ""),
                d.get("group", ""),
                int(d.get("n_mentions", 0)),
                int(d.get("n_items", 0)),
                int(d.get("n_quotes", 0)),
                int(graph.degree(node)),
                int(graph.degree(node, weight="weight")),
            )
        )
    out = pd.DataFrame(rows, columns=NODE_COLUMNS)
    out = out.sort_values(
        ["weighted_degree", "degree", "n_mentions", "entity_id"], ascending=[False, False, False, True], kind="stable"
    )
    ints = ["n_mentions", "n_items", "n_quotes", "degree", "weighted_degree"]
    return out.astype({c: "int64" for c in ints}).reset_index(drop=True)


def top_nodes(graph: nx.Graph, n: int = 10, by: str = "n_mentions") -> list[str]:
    """Ids of the n nodes with the largest ``by`` attribute (ties by id): the ones worth a label on a chart."""
    ranked = sorted(graph.nodes, key=lambda v: (-int(graph.nodes[v].get(by, 0)), v))
    return ranked[: max(int(n), 0)]


def nodes_to_label(graph: nx.Graph, n: int = 8, quoted_people: bool = True) -> list[str]:
    """Nodes worth a label on the drawing: the n most mentioned, plus every quoted person (ties by id)."""
    chosen = top_nodes(graph, n)
    if quoted_people:
        chosen += sorted(
            v
            for v, d in graph.nodes(data=True)
            if d.get("type") == "person" and int(d.get("n_quotes", 0)) > 0 and v not in chosen
        )
    return chosen


def node_value(graph: nx.Graph, node: str, attribute: str = "n_mentions", default=0):
    """One attribute of one node, or ``default`` when the page never names that entity (for glued numbers)."""
    return graph.nodes[node].get(attribute, default) if node in graph else default


def edge_weight(graph: nx.Graph, a: str, b: str) -> int:
    """Weight of the edge a-b (the items naming both), 0 when there is none."""
    return int(graph.edges[a, b].get("weight", 1)) if graph.has_edge(a, b) else 0


def spoken_about(graph: nx.Graph, types: tuple[str, ...] = ("person", "organisation")) -> pd.DataFrame:
    """Entities the page names but never quotes (n_quotes == 0): most mentioned first, ties by id."""
    rows = [
        (
            v,
            d.get("name", v),
            d.get("type", ""),
            d.get("group", ""),
            int(d.get("n_mentions", 0)),
            int(d.get("n_items", 0)),
        )
        for v, d in graph.nodes(data=True)
        if int(d.get("n_quotes", 0)) == 0 and d.get("type", "") in types
    ]
    out = pd.DataFrame(rows, columns=SPOKEN_ABOUT_COLUMNS)
    out = out.sort_values(["n_mentions", "n_items", "entity_id"], ascending=[False, False, True], kind="stable")
    return out.astype({"n_mentions": "int64", "n_items": "int64"}).reset_index(drop=True)


def voice_share(graph: nx.Graph, n: int = 15) -> pd.DataFrame:
    """The n most mentioned entities with their quotations and whether they are ever quoted (for a chart)."""
    table = centrality_table(graph)
    table = table.sort_values(["n_mentions", "n_items", "entity_id"], ascending=[False, False, True], kind="stable")
    out = table.head(max(int(n), 0))[["entity_id", "name", "short", "type", "group", "n_mentions", "n_quotes"]].copy()
    out["quoted"] = out["n_quotes"] > 0
    return out.reset_index(drop=True)


# --- drawing -------------------------------------------------------------------------------------

# --- who quotes whom, as a bipartite graph -------------------------------------------------------
