"""Tests for libyabook.figures.geo and scripts/make_basemap.py: the offline base map, its drawing and event points."""

import importlib.util
import io
import json
import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from libyabook.figures import geo, plots  # noqa: E402
from libyabook.reference import REPO  # noqa: E402

SCRIPT = REPO / "scripts" / "make_basemap.py"


@pytest.fixture(scope="module")
def make_basemap():
    spec = importlib.util.spec_from_file_location("make_basemap", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def geojson():
    return json.loads(geo.BASEMAP_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def basemap():
    return dict(geo.load_basemap())


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def point_in_ring(x, y, ring):
    """Even-odd ray casting, independent of the module under test."""
    inside = False
    n = len(ring)
    for i in range(n):
        (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def in_country(polys, x, y):
    return any(point_in_ring(x, y, p[0]) and not any(point_in_ring(x, y, h) for h in p[1:]) for p in polys)


# ---------------------------------------------------------------- the committed file


def test_geojson_is_a_small_valid_feature_collection(geojson):
    assert geo.BASEMAP_PATH.stat().st_size < 300_000
    assert geojson["type"] == "FeatureCollection"
    assert len(geojson["bbox"]) == 4
    w, s, e, n = geojson["bbox"]
    assert w < 9.3 and e > 25.2 and s <= 12.0 and n > 33.2  # all of Libya and N'Djamena's latitude
    assert geojson["features"], "no features"
    for f in geojson["features"]:
        assert f["type"] == "Feature"
        assert isinstance(f["properties"]["name"], str) and f["properties"]["name"].strip()
        assert f["geometry"]["type"] in {"Polygon", "MultiPolygon"}


def test_geojson_names_unique_and_sorted(geojson):
    names = [f["properties"]["name"] for f in geojson["features"]]
    assert len(names) == len(set(names))
    assert names == sorted(names)


def test_geojson_coordinates_inside_bbox_rounded_and_rings_closed(geojson):
    w, s, e, n = geojson["bbox"]
    for f in geojson["features"]:
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        for poly in polys:
            for ring in poly:
                assert len(ring) >= 4 and ring[0] == ring[-1]
                for x, y in ring:
                    assert w <= x <= e and s <= y <= n, (f["properties"]["name"], x, y)
                    assert round(x, 3) == x and round(y, 3) == y


def test_geojson_file_is_deterministic_text(geojson):
    text = geo.BASEMAP_PATH.read_text(encoding="utf-8")
    # one feature per line, sorted keys: re-serialising each line gives the same line
    lines = text.splitlines()[1:-1]
    assert len(lines) == len(geojson["features"])
    for line, feat in zip(lines, geojson["features"]):
        assert line.rstrip(",") == json.dumps(feat, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# ---------------------------------------------------------------- load_basemap


def test_load_basemap_has_libya_and_its_neighbours(basemap):
    for name in ("Libya", "Tunisia", "Algeria", "Egypt", "Niger", "Chad", "Sudan", "Italy", "Malta", "Greece"):
        assert name in basemap, name


def test_libya_outline_matches_its_known_extreme_points(basemap):
    xs = [x for poly in basemap["Libya"] for x, _ in poly[0]]
    ys = [y for poly in basemap["Libya"] for _, y in poly[0]]
    # Libya spans about 9.4-25.2 E and 19.5-33.2 N
    assert min(xs) == pytest.approx(9.4, abs=0.3) and max(xs) == pytest.approx(25.15, abs=0.3)
    assert min(ys) == pytest.approx(19.5, abs=0.3) and max(ys) == pytest.approx(33.17, abs=0.3)


@pytest.mark.parametrize(
    "country, lat, lon",
    [
        ("Libya", 27.04, 14.43),  # Sabha
        ("Libya", 24.18, 23.31),  # Kufra
        ("Libya", 32.0, 20.3),  # inland of Benghazi
        ("Chad", 13.83, 20.83),  # Abeche
        ("Egypt", 30.04, 31.24),  # Cairo
        ("Tunisia", 36.8, 10.1),  # Tunis
        ("Italy", 37.5, 14.0),  # central Sicily
    ],
)
def test_known_places_fall_inside_their_country(basemap, country, lat, lon):
    assert in_country(basemap[country], lon, lat)
    others = [n for n, polys in basemap.items() if n != country and in_country(polys, lon, lat)]
    assert others == []


def test_sea_points_are_in_no_country(basemap):
    for lat, lon in [(34.0, 18.0), (33.5, 13.0), (35.5, 16.0)]:  # central Mediterranean
        assert not any(in_country(p, lon, lat) for p in basemap.values())


def test_italy_keeps_its_holes(basemap):
    # San Marino (43.94 N, 12.45 E) is a hole in Italy and a country of its own
    assert not in_country(basemap["Italy"], 12.45, 43.94)
    assert in_country(basemap["San Marino"], 12.45, 43.94)


def test_load_basemap_rejects_bad_files(tmp_path):
    p = tmp_path / "x.geojson"
    p.write_text('{"type": "Feature", "bbox": [0, 0, 1, 1]}')
    with pytest.raises(ValueError, match="FeatureCollection"):
        geo.load_basemap(p)
    p2 = tmp_path / "y.geojson"
    p2.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "bbox": [0, 0, 1, 1],
                "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": []}}],
            }
        )
    )
    with pytest.raises(ValueError, match="name"):
        geo.load_basemap(p2)


# ---------------------------------------------------------------- geometry helpers


def test_clip_ring_cuts_a_square_to_the_box():
    square = [(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)]
    clipped = geo.clip_ring(square, (2, 10, 1, 10))
    assert clipped[0] == clipped[-1]
    assert abs(geo.ring_area(clipped[:-1])) == pytest.approx(2 * 3)
    assert all(2 <= x <= 10 and 1 <= y <= 10 for x, y in clipped)
    assert geo.clip_ring(square, (5, 6, 5, 6)) == []
    inside = geo.clip_ring(square, (-1, 5, -1, 5))
    assert abs(geo.ring_area(inside[:-1])) == pytest.approx(16)


def test_ring_area_sign_and_centroid():
    ccw = [(0, 0), (2, 0), (2, 1), (0, 1)]
    assert geo.ring_area(ccw) == pytest.approx(2)
    assert geo.ring_area(ccw[::-1]) == pytest.approx(-2)
    assert geo.ring_centroid(ccw) == pytest.approx((1.0, 0.5))


# ---------------------------------------------------------------- drawing


def test_draw_basemap_sets_extent_aspect_and_labels():
    fig, ax = geo.map_figure()
    out = geo.draw_basemap(ax, (9, 26, 19, 38))
    assert out is ax
    assert ax.get_xlim() == (9, 26) and ax.get_ylim() == (19, 38)
    assert ax.get_aspect() == pytest.approx(1 / math.cos(math.radians(28.5)))
    assert ax.get_xlabel() == "Longitude (°E)" and ax.get_ylabel() == "Latitude (°N)"
    texts = {t.get_text() for t in ax.texts}
    assert "LIBYA" in texts and "Egypt" in texts and "Mediterranean Sea" in texts
    faces = [matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches]
    assert faces.count(geo.LIBYA_COLOUR) == len(dict(geo.load_basemap())["Libya"])
    assert faces.count(geo.LAND_COLOUR) > 0


def test_draw_basemap_other_extent_and_no_labels():
    fig, ax = geo.map_figure(geo.LIBYA_CHAD_EXTENT)
    geo.draw_basemap(ax, geo.LIBYA_CHAD_EXTENT, labels=False)
    assert ax.get_ylim() == (10, 38)
    assert len(ax.texts) == 0


def test_country_labels_stay_inside_the_map():
    fig, ax = geo.map_figure()
    geo.draw_basemap(ax)
    fig.draw_without_rendering()
    r = fig.canvas.get_renderer()
    box = ax.get_window_extent(r)
    for t in ax.texts:
        bb = t.get_window_extent(r)
        assert box.x0 - 1 <= bb.x0 and bb.x1 <= box.x1 + 1, t.get_text()


@pytest.mark.parametrize("extent", [(0, 26, 19, 38), (9, 40, 19, 38), (9, 26, 5, 38), (9, 26, 19, 50)])
def test_draw_basemap_refuses_extent_beyond_the_file(extent):
    fig, ax = plots.figure()
    with pytest.raises(ValueError, match="beyond"):
        geo.draw_basemap(ax, extent)


@pytest.mark.parametrize("extent", [(26, 9, 19, 38), (9, 26, 38, 19), (9, 26, 19)])
def test_draw_basemap_refuses_malformed_extent(extent):
    fig, ax = plots.figure()
    with pytest.raises(ValueError):
        geo.draw_basemap(ax, extent)


def test_map_figure_is_taller_for_taller_maps():
    f1, _ = geo.map_figure(geo.LIBYA_EXTENT)
    f2, _ = geo.map_figure(geo.LIBYA_CHAD_EXTENT)
    f3, _ = geo.map_figure((5, 32, 30, 40))
    assert f1.get_size_inches()[0] == 8
    assert 4.5 <= f1.get_size_inches()[1] < f2.get_size_inches()[1] <= 7
    assert f3.get_size_inches()[1] == 4.5


def test_holes_are_not_filled():
    # a 4x4 square with a 2x2 hole, both wound the same way: the hole must stay background
    fig, ax = plots.figure(figsize=(2, 2))
    ax.set_axis_off()
    donut = [[(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)], [(1, 1), (3, 1), (3, 3), (1, 3), (1, 1)]]
    from matplotlib.patches import PathPatch

    ax.add_patch(PathPatch(geo._polygon_path(donut), facecolor="black", edgecolor="none"))
    ax.set_xlim(0, 4)
    ax.set_ylim(0, 4)
    fig.set_layout_engine(None)
    ax.set_position([0, 0, 1, 1])
    fig.canvas.draw()
    img = np.asarray(fig.canvas.buffer_rgba())
    h, w = img.shape[:2]
    assert tuple(img[h // 2, w // 2, :3]) == (255, 255, 255)  # hole
    assert tuple(img[h // 8, w // 8, :3]) == (0, 0, 0)  # ring


# ---------------------------------------------------------------- points

CITIES = pd.DataFrame(
    {
        "place": ["Benghazi", "Tripoli", "Tobruk", "Derna", "Benghazi", "Benghazi", "Nowhere"],
        "latitude": [32.12, 32.89, 32.08, 32.76, 32.12, 32.12, None],
        "longitude": [20.07, 13.19, 23.96, 22.64, 20.07, 20.07, None],
        "event_type": [
            "Battles",
            "Strategic developments",
            "Strategic developments",
            "Explosions/Remote violence",
            "Battles",
            "Violence against civilians",
            "Battles",
        ],
    }
)


def test_plot_points_legend_counts_and_missing_note():
    fig, ax = geo.map_figure()
    geo.draw_basemap(ax)
    geo.plot_points(ax, CITIES)
    leg = ax.get_legend()
    labels = [t.get_text() for t in leg.get_texts()]
    # ACLED order; counts are of markers shown (the Battles row without coordinates is noted in the title)
    assert labels == [
        "Battles (2)",
        "Violence against civilians (1)",
        "Explosions/Remote violence (1)",
        "Strategic developments (2)",
    ]
    assert "1 without coordinates not shown" in leg.get_title().get_text()
    markers = [h.get_marker() for h in leg.legend_handles]
    assert markers == [
        plots.EVENT_TYPE_COLOURS[t]["marker"]
        for t in ("Battles", "Violence against civilians", "Explosions/Remote violence", "Strategic developments")
    ]


def test_plot_points_merges_repeats_and_fans_out_shared_places():
    fig, ax = geo.map_figure()
    geo.draw_basemap(ax)
    geo.plot_points(ax, CITIES, legend=False)
    fig.draw_without_rendering()
    sizes, centres = [], []
    for coll in ax.collections:
        offs = coll.get_offsets()
        disp = coll.get_offset_transform().transform(offs)
        for (x, y), (px, py), s in zip(offs, disp, np.broadcast_to(coll.get_sizes(), len(offs))):
            sizes.append(((round(x, 2), round(y, 2)), s))
            centres.append((round(x, 2), round(y, 2), px, py))
    benghazi = [s for xy, s in sizes if xy == (20.07, 32.12)]
    assert sorted(benghazi) == [40.0, 80.0]  # one VAC marker, one Battles marker of double area
    px = [(cx, cy) for x, y, cx, cy in centres if (x, y) == (20.07, 32.12)]
    assert len(px) == 2 and math.dist(*px) > 5  # not drawn on top of each other


def test_plot_points_place_labels_do_not_overlap():
    fig, ax = geo.map_figure()
    geo.draw_basemap(ax, labels=False)
    geo.plot_points(ax, CITIES, label="place")
    fig.draw_without_rendering()
    r = fig.canvas.get_renderer()
    boxes = {t.get_text(): t.get_window_extent(r) for t in ax.texts}
    assert set(boxes) == {"Benghazi", "Tripoli", "Tobruk", "Derna"}
    names = sorted(boxes)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not boxes[a].overlaps(boxes[b]), (a, b)


def test_plot_points_other_categories_and_none():
    df = CITIES.assign(kind=["city", "capital", "port", "city", "city", "city", "city"])
    fig, ax = geo.map_figure()
    geo.draw_basemap(ax)
    geo.plot_points(ax, df, by="kind")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["capital (1)", "city (4)", "port (1)"]
    fig, ax = geo.map_figure()
    geo.draw_basemap(ax)
    geo.plot_points(ax, df, by=None)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Events (6)"]


def test_category_styles_contrast_and_limits():
    st = geo.category_styles([f"c{i}" for i in range(7)])
    assert len({s["marker"] for s in st.values()}) == 7
    assert all(plots.contrast_ratio(s["edgecolor"]) >= 3 for s in st.values())
    with pytest.raises(ValueError, match="too many"):
        geo.category_styles([f"c{i}" for i in range(8)])


def test_plot_points_rejects_bad_input():
    fig, ax = plots.figure()
    with pytest.raises(KeyError):
        geo.plot_points(ax, CITIES, lon="lng")
    bad = CITIES.assign(latitude=[32.1, 132.0, 32.0, 32.7, 32.1, 32.1, None])
    with pytest.raises(ValueError, match="out of range"):
        geo.plot_points(ax, bad)


def test_map_png_is_deterministic():
    def render():
        fig, ax = geo.map_figure()
        geo.draw_basemap(ax)
        geo.plot_points(ax, CITIES, label="place")
        plots.finish(ax, "Places", "Longitude (°E)", "Latitude (°N)")
        buf = io.BytesIO()
        fig.savefig(buf, format="png", metadata={"Software": None})
        return buf.getvalue()

    assert render() == render()


# ---------------------------------------------------------------- scripts/make_basemap.py

TOPO = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [0, 10]},
    # arc 0: (0,0)->(40,0)->(40,40) quantized; arc 1: (40,40)->(0,40)->(0,0)
    "arcs": [
        [[0, 0], [40, 0], [0, 40]],
        [[40, 40], [-40, 0], [0, -40]],
        # arc 2: a square far outside the box
        [[200, 200], [4, 0], [0, 4], [-4, 0], [0, -4]],
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "001", "properties": {"name": "Inland"}},
                {"type": "MultiPolygon", "arcs": [[[~1, ~0]], [[2]]], "id": "002", "properties": {"name": "Aback"}},
                {"type": "Polygon", "arcs": [[2]], "id": "003", "properties": {"name": "Faraway"}},
            ],
        }
    },
}


def test_decode_arcs_undoes_deltas_and_quantization(make_basemap):
    arcs = make_basemap.decode_arcs(TOPO)
    assert arcs[0] == [(0.0, 10.0), (20.0, 10.0), (20.0, 20.0)]
    assert arcs[1] == [(20.0, 20.0), (0.0, 20.0), (0.0, 10.0)]


def test_rings_join_arcs_and_reverse_negative_indices(make_basemap):
    arcs = make_basemap.decode_arcs(TOPO)
    ring = make_basemap.ring_from_arcs([0, 1], arcs)
    assert ring == [(0.0, 10.0), (20.0, 10.0), (20.0, 20.0), (0.0, 20.0), (0.0, 10.0)]
    rev = make_basemap.ring_from_arcs([~1, ~0], arcs)
    assert rev == ring[::-1]


def test_build_features_keeps_clips_orients_and_sorts(make_basemap):
    feats = make_basemap.build_features(TOPO, box=(5, 15, 0, 15))
    assert [f["properties"]["name"] for f in feats] == ["Aback", "Inland"]  # Faraway dropped, sorted
    inland = feats[1]
    assert inland["properties"]["iso_n3"] == "001"
    ring = inland["geometry"]["coordinates"][0]
    assert all(5 <= x <= 15 and 10 <= y <= 15 for x, y in ring)
    assert geo.ring_area([tuple(p) for p in ring[:-1]]) == pytest.approx(10 * 5)  # counter-clockwise
    # the clockwise-drawn copy comes out counter-clockwise too, as a Polygon (its far part is gone)
    aback = feats[0]["geometry"]
    assert aback["type"] == "Polygon"
    assert geo.ring_area([tuple(p) for p in aback["coordinates"][0][:-1]]) > 0


def test_geojson_text_is_deterministic_and_parseable(make_basemap):
    a = make_basemap.to_geojson_text(make_basemap.build_features(TOPO, box=(5, 15, 0, 15)), box=(5, 15, 0, 15))
    b = make_basemap.to_geojson_text(make_basemap.build_features(TOPO, box=(5, 15, 0, 15)), box=(5, 15, 0, 15))
    assert a == b
    gj = json.loads(a)
    assert gj["type"] == "FeatureCollection" and gj["bbox"] == [5, 0, 15, 15]


def test_script_box_matches_the_committed_file(make_basemap, geojson):
    x0, x1, y0, y1 = make_basemap.BOX
    assert geojson["bbox"] == [x0, y0, x1, y1]


def test_map_text_is_readable_on_land_and_sea():
    fig, ax = geo.map_figure()
    geo.draw_basemap(ax)
    for t in ax.texts:
        fg = matplotlib.colors.to_hex(t.get_color())
        for bg in (geo.LAND_COLOUR, geo.LIBYA_COLOUR, geo.SEA_COLOUR):
            assert plots.contrast_ratio(fg, bg) >= 4.5, (t.get_text(), fg, bg)
