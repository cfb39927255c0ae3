"""One chart style for the whole book: style sheet, colour-blind-safe palette, event-type symbols, and helpers.

Every figure goes through ``use_style()`` (fonts >= 10 pt, light grid, no top/right spines, 6.4 x 4 in
at 200 dpi, sized for the text column so text stays >= 7 px on a phone: see ``phone_text_px``) and ``finish()`` (a
title and labelled axes are compulsory). Colours come from the
Okabe-Ito palette; each ACLED event type also has its own marker shape, so a chart still reads in
greyscale; outlet kinds and page sections have fixed colours too. matplotlib is imported lazily: importing
this module is cheap, and nothing here selects a backend, so it works under Agg (tests, CI) and the Jupyter
inline backend alike.
"""

from __future__ import annotations

from pathlib import Path

from libyabook.extract.events import EVENT_TYPES  # noqa: F401 (re-exported: the six ACLED event types for the charts)

STYLE_PATH = Path(__file__).with_name("libyabook.mplstyle")

#: Text and outline colour used for all chart text (dark grey on white, contrast 15.9:1).
TEXT_COLOUR = "#222222"

#: Okabe & Ito (2008) colour-blind-safe palette, ordered with the colours that contrast best with
#: white first (the first five are >= 3:1); this is also the default colour cycle of the style.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#000000",  # black
    "#E69F00",  # orange (low contrast on white: outline it when used for markers)
    "#56B4E9",  # sky blue (low contrast on white: fills only)
    "#F0E442",  # yellow (low contrast on white: fills only)
)


#: Fixed colour, marker shape and marker outline per ACLED event type. Shapes differ, so the map and
#: timeline read without colour; orange is the one fill under 3:1 on white, so it gets a dark outline.
EVENT_TYPE_COLOURS: dict[str, dict[str, str]] = {
    "Battles": {"color": "#D55E00", "marker": "o", "edgecolor": "#D55E00"},
    "Violence against civilians": {"color": "#CC79A7", "marker": "X", "edgecolor": "#CC79A7"},
    "Explosions/Remote violence": {"color": "#0072B2", "marker": "^", "edgecolor": "#0072B2"},
    "Riots": {"color": "#E69F00", "marker": "D", "edgecolor": TEXT_COLOUR},
    "Protests": {"color": "#009E73", "marker": "s", "edgecolor": "#009E73"},
    "Strategic developments": {"color": "#000000", "marker": "P", "edgecolor": "#000000"},
}


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a ``#rrggbb`` colour (0 = black, 1 = white), for contrast checks."""
    h = colour.lstrip("#")
    if len(h) != 6:
        raise ValueError(f"expected a #rrggbb colour, got {colour!r}")
    chans = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in chans)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(colour: str, background: str = "#ffffff") -> float:
    """WCAG contrast ratio (1..21) between two ``#rrggbb`` colours; >= 3 is the minimum for chart marks."""
    a, b = sorted((relative_luminance(colour), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


#: Width in CSS px of a chart shown on a 390 px phone (measured in Chromium: the column less its padding).
PHONE_COLUMN_PX = 342
#: Smallest text height, in CSS px, a chart may show on that phone.
MIN_PHONE_TEXT_PX = 7.0


def phone_text_px(fontsize_pt: float, figwidth_in: float, column_px: float = PHONE_COLUMN_PX) -> float:
    """Height in CSS px of ``fontsize_pt`` text once a ``figwidth_in`` wide chart is scaled to the phone's column.

    The PNG is shown at the column's width whatever its dpi, so only the ratio of font to figure width counts.
    """
    return fontsize_pt / 72 * column_px / figwidth_in


def saved_width_in(fig, pad_in: float = 0.1) -> float:
    """Width in inches of the PNG a notebook shows: the inline backend saves with bbox_inches='tight', so text
    spilling past the figure (a long title, a legend) widens the image, and the phone then shrinks all its text."""
    fig.draw_without_rendering()  # the layout and the text extents, without rasterising (the same box, 1/3 less time)
    return fig.get_tightbbox(fig.canvas.get_renderer()).width + 2 * pad_in


def smallest_text_px(fig, column_px: float = PHONE_COLUMN_PX, saved: bool = True) -> float:
    """The smallest visible text of a drawn figure, in CSS px on a phone: a check for charts wider than the style.
    By default the width is that of the PNG the notebook shows (``saved_width_in``); ``saved=False``: the figure's."""
    sizes = [
        t.get_fontsize()
        for t in fig.findobj(lambda o: hasattr(o, "get_fontsize") and hasattr(o, "get_text"))
        if t.get_visible() and str(t.get_text()).strip()
    ]
    width = saved_width_in(fig) if saved else fig.get_size_inches()[0]
    return phone_text_px(min(sizes), width, column_px) if sizes else float("inf")


def use_style() -> None:
    """Apply the book's style sheet to matplotlib's rcParams, so every later figure looks the same."""
    import matplotlib.pyplot as plt

    plt.style.use(STYLE_PATH)


def figure(nrows: int = 1, ncols: int = 1, *, figsize: tuple[float, float] | None = None, **kwargs):
    """Create a styled figure and its axes (``plt.subplots`` after ``use_style()``), so no chart skips the style."""
    import matplotlib.pyplot as plt

    use_style()
    return plt.subplots(nrows, ncols, figsize=figsize, **kwargs)


def finish(ax, title: str, xlabel: str, ylabel: str):
    """Set the title and both axis labels, refusing empty ones: every chart must say what and in which units."""
    for name, value in (("title", title), ("xlabel", xlabel), ("ylabel", ylabel)):
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"finish(): {name} must be a non-empty string (give units in axis labels), got {value!r}")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


def key_below(ax, *, title: str | None = None, ncol: int = 1, handles=None, labels=None):
    """Move ``ax``'s legend under the chart, centred on the figure (not the axes), so it never widens the PNG."""
    if handles is None:
        handles, labels = ax.get_legend_handles_labels()
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    unique = dict(zip(labels, handles))
    return ax.figure.legend(unique.values(), unique.keys(), loc="outside lower center", ncol=ncol, title=title)


def stack(ax, heights: list[float]) -> list:
    """Split ``ax``'s cell into a vertical stack of panels (``ax`` stays the top one); return them top first."""
    fig = ax.figure
    grid = ax.get_subplotspec().subgridspec(len(heights), 1, height_ratios=heights)
    ax.set_subplotspec(grid[0])
    return [ax] + [fig.add_subplot(grid[i]) for i in range(1, len(heights))]


def finish_figure(fig, title: str, xlabel: str, ylabel: str):
    """``finish`` for a figure of stacked panels: the title and the two axis labels go to the whole figure."""
    for name, value in (("title", title), ("xlabel", xlabel), ("ylabel", ylabel)):
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"finish_figure(): {name} must be a non-empty string, got {value!r}")
    fig.suptitle(title, x=0.02, ha="left", fontweight="bold")
    fig.supxlabel(xlabel)
    fig.supylabel(ylabel)
    return fig


#: One colour per outlet kind for the book's charts (Okabe-Ito palette; yellow and sky blue left out).
KIND_COLOURS = {
    "wire": PALETTE[2],
    "newspaper": PALETTE[0],
    "broadcaster": PALETTE[1],
    "digital": PALETTE[3],
    "tabloid": PALETTE[4],
    "unknown": PALETTE[5],
}
#: Colour and marker per section of the page, so a timeline reads in greyscale too.
SECTION_STYLE = {
    "linked": {"color": PALETTE[0], "marker": "o", "edgecolor": PALETTE[0]},
    "update": {"color": PALETTE[1], "marker": "s", "edgecolor": PALETTE[1]},
    "lead": {"color": PALETTE[2], "marker": "D", "edgecolor": PALETTE[2]},
    "related": {"color": PALETTE[5], "marker": "^", "edgecolor": TEXT_COLOUR},
}
