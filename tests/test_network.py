"""Tests of libyabook.analysis.network: the co-mention graph, its layout and tables, and the outlet-speaker quote
graph."""

import json
import math
import os
import subprocess
import sys

import pandas as pd
import pytest

from libyabook.analysis import network as N
from libyabook.analysis import voices
from libyabook.extract.corpus import page_from_bytes, parse_page
from libyabook.extract.entities import find_mentions, load_aliases, load_entities
from libyabook.extract.quotes import extract_quotes

nx = pytest.importorskip("networkx")


@pytest.fixture(scope="module")
def entities():
    return load_entities()


@pytest.fixture(scope="module")
def aliases():
    return load_aliases()


@pytest.fixture(scope="module")
def mentions(page, articles):
    return find_mentions(page, articles)


@pytest.fixture(scope="module")
def quotes(page, articles):
    return extract_quotes(page, articles)


@pytest.fixture(scope="module")
def graph(mentions, entities, aliases, quotes, articles):
    quoted = voices.speaker_summary(quotes, articles, entities)
    return N.co_mention_graph(mentions, entities, quoted=quoted, aliases=aliases)


# --- the co-mention graph on the page ---------------------------------------------------------------


def test_nodes_are_the_entities_named_with_their_attributes(graph, mentions):
    assert set(graph.nodes) == set(mentions["entity_id"])
    haftar = graph.nodes["haftar"]
    assert haftar["name"] == "Khalifa Haftar" and haftar["short"] == "Haftar"
    assert haftar["type"] == "person" and haftar["group"] == "libya_east"
    # every spelling counts for the one person: Haftar, Hifter, Heftir, Hiftar
    assert haftar["n_mentions"] == int((mentions["entity_id"] == "haftar").sum())
    assert haftar["n_mentions"] > graph.nodes["lna"]["n_mentions"]
    assert graph.nodes["lna"]["short"] == "LNA"
    assert graph.nodes["libyan_coastguard"]["short"] == "Libyan coastguard"  # no short alias: the name


def test_edges_count_the_items_that_name_both(graph):
    # Sarraj (also "Serraj", "al-Sarraj") is named in update-01, -03, -04 and -05, each time with Haftar
    edge = graph.edges["haftar", "sarraj"]
    assert edge["weight"] == 4
    assert edge["items"].split(";") == ["update-01", "update-03", "update-04", "update-05"]
    # Psaki speaks about Haftar in one item only
    assert graph.edges["haftar", "psaki"]["weight"] == 1
    # the navy spokesman and the base commander share update-06, which never names Haftar
    assert graph.has_edge("qassem", "bouhaliya")
    assert not graph.has_edge("qassem", "haftar")


def test_min_items_keeps_nodes_and_drops_light_edges(mentions, entities):
    g2 = N.co_mention_graph(mentions, entities, min_items=2)
    assert set(g2.nodes) == set(mentions["entity_id"])
    assert g2.has_edge("haftar", "sarraj") and not g2.has_edge("haftar", "psaki")
    assert all(d["weight"] >= 2 for _, _, d in g2.edges(data=True))
    with pytest.raises(ValueError, match="min_items"):
        N.co_mention_graph(mentions, entities, min_items=0)


def test_quotations_are_node_attributes_and_spoken_about_lists_the_silent(graph):
    assert graph.nodes["haftar"]["n_quotes"] > 0
    assert graph.nodes["qassem"]["n_quotes"] > 0
    assert graph.nodes["sarraj"]["n_quotes"] == 0  # named often, never quoted
    silent = N.spoken_about(graph)
    assert {"sarraj", "gaddafi", "warfalli", "zidan"} <= set(silent["entity_id"])
    assert not {"haftar", "qassem", "psaki", "de_filippi"} & set(silent["entity_id"])
    assert silent["n_mentions"].is_monotonic_decreasing
    assert list(silent.columns) == N.SPOKEN_ABOUT_COLUMNS


def test_voice_share_is_the_most_mentioned_with_a_quoted_flag(graph):
    share = N.voice_share(graph, n=5)
    assert len(share) == 5 and share.iloc[0]["entity_id"] == "haftar"
    assert share["n_mentions"].is_monotonic_decreasing
    assert bool(share.set_index("entity_id").loc["haftar", "quoted"]) is True
    assert (share["quoted"] == (share["n_quotes"] > 0)).all()


def test_centrality_counts_partners_and_shared_items(graph, mentions):
    table = N.centrality_table(graph).set_index("entity_id")
    items = set(mentions.loc[mentions["entity_id"] == "haftar", "item_id"])
    partners = set(mentions.loc[mentions["item_id"].isin(items), "entity_id"]) - {"haftar"}
    assert table.loc["haftar", "degree"] == len(partners)
    expected = sum(len(set(mentions.loc[mentions["entity_id"] == p, "item_id"]) & items) for p in partners)
    assert table.loc["haftar", "weighted_degree"] == expected
    ranked = N.centrality_table(graph)
    assert ranked["weighted_degree"].is_monotonic_decreasing
    assert list(ranked.columns) == N.NODE_COLUMNS


def test_top_pairs_heaviest_first(graph):
    pairs = N.top_pairs(graph, 5)
    assert len(pairs) == 5
    assert pairs["n_items"].is_monotonic_decreasing
    assert pairs["n_items"].iloc[0] == max(d["weight"] for _, _, d in graph.edges(data=True))
    assert (pairs["entity_a"] < pairs["entity_b"]).all()
    assert len(N.top_pairs(graph, 0)) == 0


def test_nodes_to_label_are_the_top_and_the_quoted_people(graph):
    chosen = N.nodes_to_label(graph, 3)
    assert chosen[:3] == N.top_nodes(graph, 3) and chosen[0] == "haftar"
    assert {"qassem", "psaki", "de_filippi"} <= set(chosen)
    assert "sarraj" not in N.nodes_to_label(graph, 1)
    assert len(set(chosen)) == len(chosen)


# --- layout ------------------------------------------------------------------------------------------


def test_layout_is_deterministic_and_independent_of_row_order(graph, mentions, entities):
    first = N.layout(graph, seed=3, anchors=4, radius=0.3)
    assert first == N.layout(graph, seed=3, anchors=4, radius=0.3)
    shuffled = mentions.sample(frac=1.0, random_state=1).reset_index(drop=True)
    again = N.co_mention_graph(shuffled, entities)
    assert N.layout(again, seed=3, anchors=4, radius=0.3) == first
    assert set(first) == set(graph.nodes)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in first.values())
    assert N.layout(graph, seed=4) != N.layout(graph, seed=3)


def test_layout_is_the_same_in_another_process_with_another_hash_seed(graph):
    code = (
        "import json; from libyabook.analysis import network as N, tables; "
        "from libyabook.extract.entities import load_entities; t = tables.load(); "
        "g = N.co_mention_graph(t.mentions, load_entities()); "
        "print(json.dumps(N.layout(g, seed=6, anchors=6, radius=0.3), sort_keys=True))"
    )
    # a hash seed other than this process's (make exports PYTHONHASHSEED=0; unset, it is random)
    hash_seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    here = {k: list(v) for k, v in N.layout(graph, seed=6, anchors=6, radius=0.3).items()}
    assert json.loads(out.stdout) == here


def test_anchors_pin_the_hubs_on_a_circle(graph):
    pos = N.layout(graph, seed=6, anchors=6, radius=0.3)
    hubs = N.top_nodes(graph, 6)
    # the hubs form a regular hexagon: equally far from their centroid, equally spaced
    cx = sum(pos[h][0] for h in hubs) / len(hubs)
    cy = sum(pos[h][1] for h in hubs) / len(hubs)
    dists = [math.hypot(pos[h][0] - cx, pos[h][1] - cy) for h in hubs]
    assert max(dists) - min(dists) < 1e-3
    sides = [math.dist(pos[a], pos[b]) for a, b in zip(hubs, hubs[1:] + hubs[:1])]
    assert max(sides) - min(sides) < 1e-3
    free = N.layout(graph, seed=6)
    free_d = [math.hypot(free[h][0], free[h][1]) for h in hubs]
    assert max(free_d) - min(free_d) > 1e-2  # without anchors they are not on a circle


def test_unconnected_nodes_go_on_a_row_below(graph):
    pos = N.layout(graph)
    main = max(nx.connected_components(graph), key=len)
    rest = [n for n in graph.nodes if n not in main]
    assert rest, "the page has entities named with nobody else (e.g. Ansar al-Sharia in a bare headline)"
    assert "ansar_al_sharia" in rest
    low = min(pos[n][1] for n in main)
    assert all(pos[n][1] < low for n in rest)
    assert len({pos[n][1] for n in rest}) == 1


def test_circular_layout_and_bad_method(graph):
    pos = N.layout(graph, method="circular")
    assert all(abs(math.hypot(x, y) - 1) < 1e-3 for x, y in pos.values())
    with pytest.raises(ValueError, match="method"):
        N.layout(graph, method="random")
    assert N.layout(nx.Graph()) == {}


# --- synthetic pages ---------------------------------------------------------------------------------

SYNTHETIC = """Test Page

Would you like to know more?

A Bare Related Headline

  1. First test update (outleta, Jan 2, 2019):

    "Khalifa Hifter met Fayez Serraj in a synthetic test town.

    "We are ready," Ayoub Qassem said."

  2. Second test update (outletb, Jan 3, 2019):

    "Haftar and Sarraj met again, the UN said in a test statement.

    Reuters reported the meeting."

  3. Third test update (outleta, Jan 4, 2019):

    "The Libyan navy held a synthetic drill."
"""


@pytest.fixture(scope="module")
def synthetic(entities, aliases):
    page = page_from_bytes(SYNTHETIC.encode(), "synthetic.txt")
    articles, _ = parse_page(page)
    mentions = find_mentions(page, articles)
    quotes = extract_quotes(page, articles)
    quoted = voices.speaker_summary(quotes, articles, entities)
    return mentions, quotes, articles, N.co_mention_graph(mentions, entities, quoted=quoted, aliases=aliases)


def test_synthetic_page_graph(synthetic):
    mentions, _, _, g = synthetic
    assert set(g.nodes) == {"haftar", "sarraj", "qassem", "un", "reuters", "libyan_navy"}
    assert g.edges["haftar", "sarraj"]["weight"] == 2
    assert g.edges["haftar", "qassem"]["weight"] == 1
    assert not g.has_edge("qassem", "un")
    assert g.degree("libyan_navy") == 0
    assert g.nodes["qassem"]["n_quotes"] == 1 and g.nodes["sarraj"]["n_quotes"] == 0
    assert g.nodes["haftar"]["n_mentions"] == 2 and g.nodes["haftar"]["n_items"] == 2
    silent = N.spoken_about(g)
    assert "qassem" not in set(silent["entity_id"]) and "sarraj" in set(silent["entity_id"])
    pairs = N.top_pairs(g, 1)
    assert (pairs.iloc[0]["entity_a"], pairs.iloc[0]["entity_b"], pairs.iloc[0]["n_items"]) == ("haftar", "sarraj", 2)
    pos = N.layout(g)
    assert pos["libyan_navy"][1] < min(pos[n][1] for n in ("haftar", "sarraj", "qassem", "un", "reuters"))


def test_ties_are_sorted_by_id():
    mentions = pd.DataFrame(
        {"item_id": ["a", "a", "b", "b"], "entity_id": ["zeta", "alpha", "mu", "beta"], "entity_type": ["person"] * 4}
    )
    ents = pd.DataFrame(
        {
            "entity_id": ["alpha", "beta", "mu", "zeta"],
            "name": ["A", "B", "M", "Z"],
            "type": ["person"] * 4,
            "role": [""] * 4,
            "group": ["", "", "", ""],
        }
    )
    g = N.co_mention_graph(mentions, ents)
    table = N.centrality_table(g)
    assert list(table["entity_id"]) == ["alpha", "beta", "mu", "zeta"]
    assert list(N.top_pairs(g, 5)["entity_a"]) == ["alpha", "beta"]
    assert N.top_nodes(g, 2) == ["alpha", "beta"]
    assert list(g.nodes) == ["alpha", "beta", "mu", "zeta"]


def test_unknown_entity_and_empty_input(entities):
    mentions = pd.DataFrame({"item_id": ["x"], "entity_id": ["stranger"], "entity_type": ["organisation"]})
    g = N.co_mention_graph(mentions, entities)
    assert g.nodes["stranger"]["name"] == "stranger" and g.nodes["stranger"]["type"] == "organisation"
    assert g.nodes["stranger"]["group"] == ""
    empty = N.co_mention_graph(mentions.iloc[0:0], entities)
    assert len(empty) == 0
    assert N.centrality_table(empty).empty and list(N.centrality_table(empty).columns) == N.NODE_COLUMNS
    assert N.spoken_about(empty).empty and N.top_pairs(empty, 3).empty


# --- who quotes whom as a graph --------------------------------------------------------------------


def test_lookups_default_to_zero(graph):
    assert N.node_value(graph, "haftar") == graph.nodes["haftar"]["n_mentions"]
    assert N.node_value(graph, "nobody") == 0 and N.node_value(graph, "nobody", "name", "") == ""
    assert N.edge_weight(graph, "sarraj", "haftar") == 4 and N.edge_weight(graph, "qassem", "haftar") == 0
