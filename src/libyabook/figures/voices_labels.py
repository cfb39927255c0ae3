"""Charts of chapter 6 (voices and labels), each ``draw_x(ax, data)``: who is quoted, who is named and heard,
who is named with whom, and which labels each outlet uses."""

from __future__ import annotations

import pandas as pd

from libyabook.analysis import network as N
from libyabook.analysis.chapters.voices_labels import DESCRIBES as LABEL_SIDES
from libyabook.figures import network as network_figures
from libyabook.figures import plots


def draw_speakers(ax, speakers: pd.DataFrame) -> None:
    """One bar per speaker: statements (dark) and quoted words or phrases (light), most quoted on top."""
    data = speakers.iloc[::-1].reset_index(drop=True)
    names = [str(n) for n in data["speaker_name"]]
    ax.barh(names, data["statements"], color=plots.PALETTE[0], label="statements (a sentence or more)")
    ax.barh(
        names,
        data["terms"],
        left=data["statements"],
        color=plots.PALETTE[0],
        alpha=0.35,
        label="quoted terms (a word or a phrase)",
    )
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", fontsize=9)


def draw_named(ax, named: pd.DataFrame) -> None:
    """The most named people and organisations by mentions, blue if the page ever quotes them, else vermillion."""
    from matplotlib.patches import Patch

    data = named.iloc[::-1].reset_index(drop=True)
    colours = [plots.PALETTE[0] if q else plots.PALETTE[1] for q in data["quoted"]]
    ax.barh(data["name"], data["n_mentions"], color=colours, edgecolor=plots.TEXT_COLOUR, linewidth=0.4)
    for k, (m, q) in enumerate(zip(data["n_mentions"], data["n_quotes"])):
        ax.text(m, k, f"  quoted {q}×" if q else "  never quoted", va="center", fontsize=9)
    ax.set_xlim(0, data["n_mentions"].max() * 1.45)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", visible=False)
    ax.legend(
        handles=[
            Patch(color=plots.PALETTE[0], label="quoted"),
            Patch(color=plots.PALETTE[1], label="never quoted"),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncol=2,
        fontsize=9,
    )


def draw_network(ax, graph) -> None:
    """The co-mention network with a fixed-seed layout; the most named and the quoted people carry a name."""
    pos = N.layout(graph, seed=N.SEED, k_factor=2.0, anchors=6, radius=0.3)
    handles = network_figures.draw_network(ax, graph, pos, N.nodes_to_label(graph, 8), fontsize=10)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=2, fontsize=9)


def draw_labels(ax, uses: pd.DataFrame) -> None:
    """Labels (rows, grouped by the side they describe) by outlet (columns, in page order): uses in each cell."""
    import matplotlib.colors as mcolors

    order = {s: k for k, s in enumerate(LABEL_SIDES)}
    rows = (
        uses.groupby(["applies_to", "label"])
        .size()
        .rename("n")
        .reset_index()
        .assign(_s=lambda d: d["applies_to"].map(order))
        .sort_values(["_s", "n", "label"], ascending=[True, False, True], kind="mergesort")
    )
    outlets = list(dict.fromkeys(uses["outlet"]))
    grid = pd.crosstab(uses["label"], uses["outlet"]).reindex(index=rows["label"], columns=outlets, fill_value=0)
    cmap = mcolors.LinearSegmentedColormap.from_list("book_blue", ["#ffffff", plots.PALETTE[0]])
    top = max(int(grid.to_numpy().max()), 1)
    ax.imshow(grid.to_numpy(), cmap=cmap, vmin=0, vmax=top, aspect="auto")
    for (i, j), v in pd.DataFrame(grid.to_numpy()).stack().items():
        if v:
            ax.text(
                j, i, str(v), ha="center", va="center", fontsize=9, color="white" if v > top / 2 else plots.TEXT_COLOUR
            )
    ax.set_xticks(range(len(outlets)), _outlet_names(outlets), rotation=45, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(len(grid)), grid.index, fontsize=9)
    ax.grid(False)
    sides = list(rows["applies_to"])
    for k in range(1, len(sides)):
        if sides[k] != sides[k - 1]:
            ax.axhline(k - 0.5, color=plots.TEXT_COLOUR, linewidth=1.2)
    for side in dict.fromkeys(sides):
        at = [k for k, s in enumerate(sides) if s == side]
        ax.annotate(
            LABEL_SIDES.get(side, side).replace(" ", "\n", 1),
            xy=(1.01, (at[0] + at[-1]) / 2),
            xycoords=("axes fraction", "data"),
            ha="left",
            va="center",
            fontsize=9,
            fontweight="bold",
        )


def _outlet_names(keys: list[str]) -> list[str]:
    """Outlets as readers know them, without the parenthesised gloss."""
    from libyabook.analysis.chapters.voices_labels import outlet_names

    return outlet_names(keys)
