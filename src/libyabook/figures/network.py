"""The co-mention network chart: entities as nodes sized by mentions and coloured by group, edges by shared items.

``draw_network(ax, graph, pos, labelled)`` draws on axes the caller made with ``plots.figure`` and
finishes with ``plots.finish``; the graph and its layout come from ``analysis.network``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.lines import Line2D

from libyabook.analysis.network import canonical
from libyabook.analysis.voices import GROUP_SIDES
from libyabook.figures.plots import PALETTE, TEXT_COLOUR

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

#: Order of entity groups (entities.csv ``group``) in legends; each gets the palette colour of its rank.
GROUP_ORDER: tuple[str, ...] = (
    "libya_east",
    "libya_west",
    "libya_other",
    "islamist",
    "foreign_state",
    "international",
    "ngo",
    "media",
)


def group_colours(groups) -> dict[str, str]:
    """A palette colour per group: GROUP_ORDER first, other groups after by name, the palette cycled."""
    known = [g for g in GROUP_ORDER if g in set(groups)]
    other = sorted(set(groups) - set(GROUP_ORDER))
    return {g: PALETTE[GROUP_ORDER.index(g) % len(PALETTE)] for g in known} | {
        g: PALETTE[(len(GROUP_ORDER) + i) % len(PALETTE)] for i, g in enumerate(other)
    }


def group_label(group: str) -> str:
    """Readable name of a group for a legend (the side names of libyabook.analysis.voices), else the group itself."""
    return GROUP_SIDES.get(group, group or "No group")


def node_size(n_mentions: int, base: float = 30.0, per_mention: float = 18.0) -> float:
    """Marker area (points^2) of a node: grows linearly with its mentions, so area reads as a count."""
    return base + per_mention * max(int(n_mentions), 0)


def _draw_edges(ax, g: nx.Graph, pos: dict) -> None:
    """One line per edge, thicker and darker with its weight (items naming both), lightest first."""
    for a, b, d in sorted(g.edges(data=True), key=lambda e: (e[2].get("weight", 1), e[0], e[1])):
        w = int(d.get("weight", 1))
        (x1, y1), (x2, y2) = pos[a], pos[b]
        ax.plot(
            [x1, x2],
            [y1, y2],
            color=TEXT_COLOUR,
            linewidth=0.5 + 1.1 * (w - 1),
            alpha=min(0.12 + 0.12 * (w - 1), 0.6),
            zorder=1,
            solid_capstyle="round",
        )


def _draw_nodes(ax, g: nx.Graph, pos: dict, colours: dict[str, str]) -> None:
    """Nodes sized by mentions and coloured by group, the most named first; quoted ones get a dark ring."""
    nodes = sorted(g.nodes(data=True), key=lambda nd: (-int(nd[1].get("n_mentions", 0)), nd[0]))
    for n, d in nodes:
        x, y = pos[n]
        size = node_size(d.get("n_mentions", 0))
        if int(d.get("n_quotes", 0)) > 0:
            ax.scatter(
                [x], [y], s=(size**0.5 + 7) ** 2, facecolor="white", edgecolor=TEXT_COLOUR, linewidth=1.6, zorder=2
            )
        ax.scatter([x], [y], s=size, color=colours[d.get("group", "")], edgecolor=TEXT_COLOUR, linewidth=0.5, zorder=3)


def _draw_labels(ax, g: nx.Graph, pos: dict, labelled, fontsize: int) -> None:
    """The short name of each ``labelled`` node, just above its marker, on a pale box."""
    for n in labelled:
        if n not in pos:
            continue
        radius = (node_size(g.nodes[n].get("n_mentions", 0)) ** 0.5) / 2 + 4
        ax.annotate(
            str(g.nodes[n].get("short", n)),
            pos[n],
            xytext=(0, radius),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=fontsize,
            color=TEXT_COLOUR,
            zorder=4,
            bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        )


def _legend_handles(g: nx.Graph, colours: dict[str, str]) -> list:
    """One legend entry per group present, then the ring if any node is quoted."""
    handles = [
        Line2D(
            [],
            [],
            linestyle="",
            marker="o",
            markersize=10,
            color=c,
            markeredgecolor=TEXT_COLOUR,
            markeredgewidth=0.5,
            label=group_label(grp),
        )
        for grp, c in colours.items()
    ]
    if any(int(d.get("n_quotes", 0)) > 0 for _, d in g.nodes(data=True)):
        handles.append(
            Line2D(
                [],
                [],
                linestyle="",
                marker="o",
                markersize=13,
                markerfacecolor="white",
                markeredgecolor=TEXT_COLOUR,
                markeredgewidth=1.6,
                label="Quoted on the page (ring)",
            )
        )
    return handles


def draw_network(ax, graph: nx.Graph, pos: dict, labelled=(), fontsize: int = 12) -> list:
    """Draw a co-mention graph on ax: edges by weight, nodes sized by mentions and coloured by group.

    Quoted entities (n_quotes > 0) get a dark ring; only the ``labelled`` nodes get their short name.
    Returns legend handles (groups present, then the ring if any node is quoted). Removes ticks, grid and spines.
    """
    g = canonical(graph)
    colours = group_colours({d.get("group", "") for _, d in g.nodes(data=True)})
    _draw_edges(ax, g, pos)
    _draw_nodes(ax, g, pos, colours)
    _draw_labels(ax, g, pos, labelled, fontsize)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    ax.set_xlim(min(xs) - 0.12, max(xs) + 0.12)
    ax.set_ylim(min(ys) - 0.1, max(ys) + 0.18)
    return _legend_handles(g, colours)
