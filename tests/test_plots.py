"""Tests for libyabook.figures.plots: the shared style, palette contrast, required labels and deterministic PNGs."""
import base64
import os
import struct
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from libyabook.figures import plots  # noqa: E402

# Okabe & Ito (2008), "Color Universal Design": the eight published colours.
OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
ACLED_EVENT_TYPES = {
    "Battles", "Violence against civilians", "Explosions/Remote violence",
    "Riots", "Protests", "Strategic developments",
}


def wcag_luminance(hex_colour):
    """WCAG 2.1 relative luminance, written independently of the module under test."""
    h = hex_colour.lstrip("#")
    out = []
    for i in (0, 2, 4):
        c = int(h[i:i + 2], 16) / 255.0
        out.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * out[0] + 0.7152 * out[1] + 0.0722 * out[2]


def wcag_contrast(a, b="#FFFFFF"):
    la, lb = wcag_luminance(a), wcag_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def sample_chart():
    """A small bar chart built the way notebooks will build one."""
    fig, ax = plots.figure()
    ax.bar(["2014", "2016", "2017"], [3, 4, 10])
    plots.finish(ax, "Articles per year", "Year of publication", "Articles (count)")
    return fig


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
    for key in ("font.size", "axes.titlesize", "axes.labelsize", "xtick.labelsize", "ytick.labelsize",
                "legend.fontsize"):
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
    smallest = min(rc[k] for k in ("font.size", "axes.titlesize", "axes.labelsize", "xtick.labelsize",
                                   "ytick.labelsize", "legend.fontsize", "legend.title_fontsize"))
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
    assert plots.smallest_text_px(fig) == pytest.approx(plots.phone_text_px(6, 6.4))


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


def test_png_bytes_are_deterministic_in_one_process():
    a = plots.png_bytes(sample_chart())
    b = plots.png_bytes(sample_chart())
    assert a == b
    assert a[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"Software" not in a and b"matplotlib" not in a.lower()
    width, height = struct.unpack(">II", a[16:24])  # IHDR
    assert (width, height) == (1280, 800)


def test_png_bytes_are_deterministic_across_processes(tmp_path):
    code = (
        "import matplotlib; matplotlib.use('Agg');"
        "import sys; sys.path.insert(0, %r);" % os.path.dirname(__file__)
        + "from test_plots import sample_chart; from libyabook.figures import plots;"
        "sys.stdout.buffer.write(plots.png_bytes(sample_chart()))"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, check=True).stdout
    assert other == plots.png_bytes(sample_chart())


def test_save_writes_the_same_bytes(tmp_path):
    fig = sample_chart()
    p = plots.save(fig, tmp_path / "chart.png")
    assert p.read_bytes() == plots.png_bytes(fig)


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


def test_img_html_embeds_png_with_escaped_alt():
    fig = sample_chart()
    html = plots.img_html(fig, 'Bar chart: 10 articles in 2017, "most" of the page')
    assert html.startswith('<img src="data:image/png;base64,')
    assert 'alt="Bar chart: 10 articles in 2017, &quot;most&quot; of the page"' in html
    data = html.split("base64,", 1)[1].split('"', 1)[0]
    assert base64.b64decode(data) == plots.png_bytes(fig)
    with pytest.raises(ValueError):
        plots.img_html(fig, "  ")


def test_show_displays_alt_text_and_closes_figure(capsys):
    fig = sample_chart()
    num = fig.number
    assert plots.show(fig, "Bar chart of articles per year") is None
    assert not plt.fignum_exists(num)
    assert "Bar chart of articles per year" in capsys.readouterr().out


def test_alt_image_reprs():
    img = plots.AltImage('<img alt="x">', "x")
    assert img._repr_html_() == '<img alt="x">' and repr(img) == "x"


def test_chart_table_rounds_sorts_and_resets_index():
    s = pd.Series({"2017": 2 / 3, "2014": 1.23456, "2016": 5.0}, name="share")
    s.index.name = "year"
    t = plots.chart_table(s, sort_by="year", decimals=2)
    assert list(t.columns) == ["year", "share"]
    assert list(t["year"]) == ["2014", "2016", "2017"]
    assert list(t["share"]) == [1.23, 5.0, 0.67]
    assert list(t.index) == [0, 1, 2]


def test_chart_table_selects_columns_and_refuses_big_or_unknown():
    df = pd.DataFrame({"a": range(5), "b": [0.5] * 5, "c": list("vwxyz")})
    assert list(plots.chart_table(df, ["c", "a"]).columns) == ["c", "a"]
    with pytest.raises(KeyError):
        plots.chart_table(df, ["nope"])
    with pytest.raises(ValueError, match="max_rows"):
        plots.chart_table(pd.DataFrame({"a": range(31)}))
    with pytest.raises(TypeError):
        plots.chart_table([1, 2, 3])


def test_chart_table_does_not_modify_input():
    df = pd.DataFrame({"x": [1.23456]})
    plots.chart_table(df, decimals=1)
    assert df["x"].iloc[0] == 1.23456
