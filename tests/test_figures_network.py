"""Tests for libyabook.figures.network: the co-mention network chart."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from libyabook.analysis import network as N  # noqa: E402
from libyabook.analysis import tables, voices  # noqa: E402
from libyabook.extract.entities import load_aliases, load_entities  # noqa: E402
from libyabook.figures import network as F  # noqa: E402
from libyabook.figures.plots import PALETTE  # noqa: E402

pytest.importorskip("networkx")


@pytest.fixture(scope="module")
def graph():
    t = tables.load()
    entities = load_entities()
    quoted = voices.speaker_summary(t.quotes, t.articles, entities)
    return N.co_mention_graph(t.mentions, entities, quoted=quoted, aliases=load_aliases())


def test_group_colours_come_from_the_palette_in_a_fixed_order():
    colours = F.group_colours({"ngo", "libya_east", "zz_new"})
    assert colours["libya_east"] == PALETTE[0]
    assert set(colours.values()) <= set(PALETTE)
    assert colours == F.group_colours(["zz_new", "libya_east", "ngo"])
    assert F.group_label("libya_west") == "Tripoli authorities" and F.group_label("") == "No group"


def test_draw_network_returns_a_legend_and_hides_the_axes(graph):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    handles = F.draw_network(ax, graph, N.layout(graph), N.nodes_to_label(graph, 4))
    labels = [h.get_label() for h in handles]
    assert "LNA / eastern authorities" in labels and labels[-1].startswith("Quoted")
    assert len(ax.texts) == len(N.nodes_to_label(graph, 4))
    assert not ax.get_xticks().size
    plt.close(fig)
    assert F.node_size(10) > F.node_size(1) > F.node_size(0) > 0
