"""Tests for libyabook.figures.plots: the shared style, palette contrast, required labels, kind and section colours."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from libyabook.figures import plots  # noqa: E402

# Okabe & Ito (2008), "Color Universal Design": the eight published colours.
OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
ACLED_EVENT_TYPES = {
    "Battles",
    "Violence against civilians",
    "Explosions/Remote violence",
    "Riots",
    "Protests",
    "Strategic developments",
}


def wcag_luminance(hex_colour):
    """WCAG 2.1 relative luminance, written independently of the module under test."""
    h = hex_colour.lstrip("#")
    out = []
    for i in (0, 2, 4):
        c = int(h[i : i + 2], 16) / 255.0
        out.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * out[0] + 0.7152 * out[1] + 0.0722 * out[2]


def wcag_contrast(a, b="#FFFFFF"):
    la, lb = wcag_luminance(a), wcag_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_style_file_ships_inside_the_package():
    assert plots.STYLE_PATH.is_file()
    assert plots.STYLE_PATH.parent.name == "figures"


def test_use_style_sets_the_book_rcparams():
    matplotlib.rcdefaults()
    plots.use_style()
    rc = matplotlib.rcParams
    assert list(rc["figure.figsize"]) == [6.4, 4.0]
    assert rc["figure.dpi"] >= 150 and rc["savefig.dpi"] >= 150, "a chart opened full size needs the pixels"
    assert rc["axes.spines.top"] is False and rc["axes.spines.right"] is False
    assert rc["axes.grid"] is True
    assert rc["font.family"] == ["sans-serif"]
    assert rc["text.color"].lower().lstrip("#") == "222222"
    # smallest text at the book's width is 10 pt
    for key in (
        "font.size",
        "axes.titlesize",
        "axes.labelsize",
        "xtick.labelsize",
        "ytick.labelsize",
        "legend.fontsize",
    ):
        assert isinstance(rc[key], (int, float)), key
        assert rc[key] >= 10, key
    cycle = [c.upper() if c.startswith("#") else "#" + c.upper() for c in rc["axes.prop_cycle"].by_key()["color"]]
    assert cycle == [c.upper() for c in plots.PALETTE]


def test_smallest_text_of_the_style_stays_7px_on_a_phone():
    """The PNG is scaled to the column: text px = pt / 72 * column px / figure width in inches (not dpi)."""
    matplotlib.rcdefaults()
    plots.use_style()
    rc = matplotlib.rcParams
    width_in = rc["figure.figsize"][0]
    smallest = min(
        rc[k]
        for k in (
            "font.size",
            "axes.titlesize",
            "axes.labelsize",
            "xtick.labelsize",
            "ytick.labelsize",
            "legend.fontsize",
            "legend.title_fontsize",
        )
    )
    px = plots.phone_text_px(smallest, width_in)
    assert px >= plots.MIN_PHONE_TEXT_PX, f"{smallest} pt on a {width_in} in chart is {px:.1f} px on a phone"
    # and the full-size PNG is at least twice the phone column's pixels, so opening it shows more detail
    assert width_in * rc["figure.dpi"] >= 2 * plots.PHONE_COLUMN_PX
    # the old 8 in style failed this rule: the computation can fail
    assert plots.phone_text_px(10, 8.0) < plots.MIN_PHONE_TEXT_PX


def test_smallest_text_px_reads_a_drawn_figure():
    fig, ax = plots.figure()
    plots.finish(ax, "Title", "Year", "Items (count)")
    ax.text(0.5, 0.5, "tiny", fontsize=6)
    assert plots.smallest_text_px(fig, saved=False) == pytest.approx(plots.phone_text_px(6, 6.4))


def test_use_style_overrides_earlier_changes():
    matplotlib.rcParams["axes.spines.top"] = True
    matplotlib.rcParams["font.size"] = 6
    plots.use_style()
    assert matplotlib.rcParams["axes.spines.top"] is False
    assert matplotlib.rcParams["font.size"] >= 10


def test_figure_helper_gives_styled_default_size():
    fig, ax = plots.figure()
    assert tuple(fig.get_size_inches()) == (6.4, 4.0)
    assert not ax.spines["top"].get_visible()
    fig2, axes = plots.figure(1, 2, figsize=(8, 3))
    assert len(axes) == 2 and tuple(fig2.get_size_inches()) == (8.0, 3.0)


@pytest.mark.parametrize("bad", ["", "   ", None])
@pytest.mark.parametrize("which", ["title", "xlabel", "ylabel"])
def test_finish_refuses_missing_title_or_labels(which, bad):
    fig, ax = plots.figure()
    args = {"title": "T", "xlabel": "Year", "ylabel": "Articles (count)"}
    args[which] = bad
    with pytest.raises(ValueError, match=which):
        plots.finish(ax, **args)


def test_finish_sets_title_and_labels():
    fig, ax = plots.figure()
    assert plots.finish(ax, "Updates per month", "Month", "Updates (count)") is ax
    assert ax.get_title(loc="left") == "Updates per month"  # the style puts titles on the left
    assert ax.get_xlabel() == "Month" and ax.get_ylabel() == "Updates (count)"


def test_palette_is_okabe_ito():
    assert len(plots.PALETTE) == 8
    assert {c.upper() for c in plots.PALETTE} == OKABE_ITO


def test_contrast_ratio_matches_wcag():
    assert plots.contrast_ratio("#000000") == pytest.approx(21.0)
    assert plots.contrast_ratio("#FFFFFF") == pytest.approx(1.0)
    for c in plots.PALETTE:
        assert plots.contrast_ratio(c) == pytest.approx(wcag_contrast(c), rel=1e-3)


def test_text_colours_are_dark_on_white():
    plots.use_style()
    assert wcag_contrast(plots.TEXT_COLOUR) >= 7.0  # WCAG AAA for body text
    for key in ("text.color", "axes.labelcolor", "xtick.color", "ytick.color"):
        colour = matplotlib.colors.to_hex(matplotlib.rcParams[key])
        assert wcag_contrast(colour) >= 7.0, key


def test_event_types_are_acled_with_distinct_symbols():
    assert set(plots.EVENT_TYPE_COLOURS) == ACLED_EVENT_TYPES
    assert set(plots.EVENT_TYPES) == ACLED_EVENT_TYPES
    markers = [s["marker"] for s in plots.EVENT_TYPE_COLOURS.values()]
    colours = [s["color"] for s in plots.EVENT_TYPE_COLOURS.values()]
    assert len(set(markers)) == 6, "each event type needs its own shape (readable without colour)"
    assert len(set(colours)) == 6
    assert {c.upper() for c in colours} <= OKABE_ITO


def test_event_type_markers_have_3_to_1_contrast_on_white():
    for etype, st in plots.EVENT_TYPE_COLOURS.items():
        # the outline is what separates the mark from the background: it must reach 3:1
        assert wcag_contrast(st["edgecolor"]) >= 3.0, etype
        # a fill below 3:1 is only allowed with a dark outline of its own
        if wcag_contrast(st["color"]) < 3.0:
            assert st["edgecolor"] != st["color"] and wcag_contrast(st["edgecolor"]) >= 7.0, etype


def test_first_five_cycle_colours_reach_3_to_1():
    # the colours a chart with up to five series uses first are all readable on white
    assert all(wcag_contrast(c) >= 3.0 for c in plots.PALETTE[:5])
    # and the known weak ones (yellow, sky blue) are indeed weak: the ordering matters
    assert wcag_contrast("#F0E442") < 3.0 and wcag_contrast("#56B4E9") < 3.0


def test_outlet_kinds_and_sections_have_distinct_palette_colours():
    assert len(set(plots.KIND_COLOURS.values())) == len(plots.KIND_COLOURS)
    assert set(plots.KIND_COLOURS.values()) <= set(plots.PALETTE)
    assert {s["marker"] for s in plots.SECTION_STYLE.values()} == {"o", "s", "D", "^"}


def test_saved_width_counts_text_that_spills_past_the_figure():
    """The inline backend saves with a tight box: a title wider than the figure widens the PNG and shrinks its text."""
    fig, ax = plots.figure()
    plots.finish(ax, "A title long enough to run well past the right edge of the figure", "x", "y")
    assert plots.saved_width_in(fig) > fig.get_size_inches()[0]
    assert plots.smallest_text_px(fig) < plots.smallest_text_px(fig, saved=False)
