"""Offline base map of Libya and the central Mediterranean, drawn with plain matplotlib (no cartopy/geopandas).

The boundaries are Natural Earth 1:50m admin-0 countries (public domain), cut to a box around Libya
and committed as ``data/reference/basemap.geojson`` by ``scripts/make_basemap.py``; nothing is
downloaded at run time. Coordinates are longitude/latitude in degrees (WGS84), drawn as a plate
carree map whose aspect is corrected by 1/cos(middle latitude). Event points are drawn with the
book's fixed event-type colours and marker shapes from ``libyabook.plots``.
"""
from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

import pandas as pd

from libyabook.plots import EVENT_TYPE_COLOURS, EVENT_TYPES, PALETTE, TEXT_COLOUR, contrast_ratio
from libyabook.reference import REFERENCE_DIR

BASEMAP_PATH = REFERENCE_DIR / "basemap.geojson"

#: (lon_min, lon_max, lat_min, lat_max): Libya with the coasts of Tunisia, Malta, Sicily and western Egypt.
LIBYA_EXTENT = (9.0, 26.0, 19.0, 38.0)
#: Libya and Chad down to N'Djamena (12.1 N), for the 1980s Chad episode.
LIBYA_CHAD_EXTENT = (9.0, 26.0, 10.0, 38.0)

LAND_COLOUR = "#e6e6e6"
LIBYA_COLOUR = "#d2d2d2"
SEA_COLOUR = "#eef4f9"
BORDER_COLOUR = "#8c8c8c"
LIBYA_BORDER_COLOUR = "#444444"

Ring = list[tuple[float, float]]
Polygon = list[Ring]  # exterior ring first, then holes


def ring_area(ring: Ring) -> float:
    """Signed shoelace area of a ring in square degrees (positive = counter-clockwise), for orientation and sizing."""
    a = 0.0
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        a += x1 * y2 - x2 * y1
    return a / 2.0


def ring_centroid(ring: Ring) -> tuple[float, float]:
    """Area centroid (lon, lat) of a simple ring, used to place country labels; vertex mean if degenerate."""
    a = ring_area(ring)
    if abs(a) < 1e-12:
        xs, ys = zip(*ring)
        return (sum(xs) / len(xs), sum(ys) / len(ys))
    cx = cy = 0.0
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return (cx / (6 * a), cy / (6 * a))


def clip_ring(ring: Ring, bbox: tuple[float, float, float, float]) -> Ring:
    """Clip a polygon ring to a lon/lat box (Sutherland-Hodgman); returns a closed ring, or [] if nothing is left.

    ``bbox`` is (lon_min, lon_max, lat_min, lat_max), matplotlib's extent order. Used by the base-map
    builder and for label placement; a concave ring may gain zero-width edges along the box, which fill correctly.
    """
    x0, x1, y0, y1 = bbox
    pts = list(ring)
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts = pts[:-1]

    def cut(points, inside, cross):
        out = []
        n = len(points)
        for i in range(n):
            cur, prev = points[i], points[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        return out

    def at_x(x):
        return lambda p, q: (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))

    def at_y(y):
        return lambda p, q: (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)

    for inside, cross in (
        (lambda p: p[0] >= x0, at_x(x0)),
        (lambda p: p[0] <= x1, at_x(x1)),
        (lambda p: p[1] >= y0, at_y(y0)),
        (lambda p: p[1] <= y1, at_y(y1)),
    ):
        if not pts:
            break
        pts = cut(pts, inside, cross)
    if len(pts) < 3:
        return []
    return pts + [pts[0]]


@cache
def _read_geojson(path: str) -> dict:
    """Read and cache a GeoJSON file (the base map is read once per process)."""
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def basemap_bbox(path: str | Path | None = None) -> tuple[float, float, float, float]:
    """Return the (lon_min, lon_max, lat_min, lat_max) box the base-map file covers, from its GeoJSON ``bbox``."""
    gj = _read_geojson(str(path or BASEMAP_PATH))
    w, s, e, n = gj["bbox"]
    return (w, e, s, n)


def load_basemap(path: str | Path | None = None) -> list[tuple[str, list[Polygon]]]:
    """Load the committed base map as [(country name, polygons)], each polygon a list of (lon, lat) rings.

    Exterior ring first, holes after; countries sorted by name. Raises ValueError on a malformed file.
    """
    gj = _read_geojson(str(path or BASEMAP_PATH))
    if gj.get("type") != "FeatureCollection":
        raise ValueError(f"{path or BASEMAP_PATH}: expected a GeoJSON FeatureCollection, got {gj.get('type')!r}")
    out = []
    for feat in gj["features"]:
        name = feat.get("properties", {}).get("name")
        geom = feat.get("geometry") or {}
        if not name:
            raise ValueError(f"{path or BASEMAP_PATH}: feature without properties.name")
        if geom.get("type") == "Polygon":
            polys = [geom["coordinates"]]
        elif geom.get("type") == "MultiPolygon":
            polys = geom["coordinates"]
        else:
            raise ValueError(f"{path or BASEMAP_PATH}: {name}: unsupported geometry {geom.get('type')!r}")
        out.append((name, [[[(float(x), float(y)) for x, y in ring] for ring in poly] for poly in polys]))
    return sorted(out, key=lambda item: item[0])


def _polygon_path(poly: Polygon):
    """Build one matplotlib compound Path for a polygon with holes (holes wind opposite to the exterior)."""
    from matplotlib.path import Path as MplPath

    verts, codes = [], []
    for i, ring in enumerate(poly):
        pts = list(ring[:-1]) if ring[0] == ring[-1] else list(ring)
        if len(pts) < 3:
            continue
        ccw = ring_area(pts) > 0
        if (i == 0) != ccw:  # exterior counter-clockwise, holes clockwise
            pts.reverse()
        verts += pts + [pts[0]]
        codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(pts) - 1) + [MplPath.CLOSEPOLY]
    return MplPath(verts, codes)


def _check_extent(extent) -> tuple[float, float, float, float]:
    """Validate an (lon_min, lon_max, lat_min, lat_max) extent and return it as floats."""
    if len(extent) != 4:
        raise ValueError(f"extent must be (lon_min, lon_max, lat_min, lat_max), got {extent!r}")
    x0, x1, y0, y1 = (float(v) for v in extent)
    if not (-180 <= x0 < x1 <= 180 and -90 <= y0 < y1 <= 90):
        raise ValueError(f"extent {extent!r} is not a valid lon/lat box (lon_min < lon_max, lat_min < lat_max)")
    return (x0, x1, y0, y1)


def draw_basemap(
    ax,
    extent: tuple[float, float, float, float] = LIBYA_EXTENT,
    *,
    highlight: str = "Libya",
    labels: bool | list[str] = True,
    path: str | Path | None = None,
):
    """Draw land, borders and country names on ``ax`` for a lon/lat extent, with Libya shaded a little darker.

    ``extent`` is (lon_min, lon_max, lat_min, lat_max) and must lie inside the base-map file's box.
    ``labels``: True names every country covering >= 3% of the view, a list names just those, False none.
    The axes get a 1/cos(mid-latitude) aspect (plate carree look) and labelled lon/lat axes. Returns ``ax``.
    """
    from matplotlib.patches import PathPatch

    x0, x1, y0, y1 = _check_extent(extent)
    bx0, bx1, by0, by1 = basemap_bbox(path)
    if x0 < bx0 or x1 > bx1 or y0 < by0 or y1 > by1:
        raise ValueError(
            f"extent {extent!r} reaches beyond the base map's box {(bx0, bx1, by0, by1)}; "
            "regenerate data/reference/basemap.geojson with a larger box (scripts/make_basemap.py)"
        )
    countries = load_basemap(path)
    view_area = (x1 - x0) * (y1 - y0)
    ax.set_facecolor(SEA_COLOUR)
    for name, polys in countries:
        hi = name == highlight
        for poly in polys:
            ax.add_patch(
                PathPatch(
                    _polygon_path(poly),
                    facecolor=LIBYA_COLOUR if hi else LAND_COLOUR,
                    edgecolor=LIBYA_BORDER_COLOUR if hi else BORDER_COLOUR,
                    linewidth=1.0 if hi else 0.6,
                    zorder=1.1 if hi else 1.0,
                )
            )
        if labels is False:
            continue
        # label at the centroid of the country's largest part inside the view
        parts = [clip_ring(poly[0], (x0, x1, y0, y1)) for poly in polys]
        parts = [p for p in parts if p]
        if not parts:
            continue
        biggest = max(parts, key=lambda r: abs(ring_area(r)))
        share = abs(ring_area(biggest)) / view_area
        if (labels is True and share >= 0.03) or (isinstance(labels, (list, tuple)) and name in labels):
            cx, cy = ring_centroid(biggest[:-1])
            ax.text(
                cx, cy, name.upper() if hi else name,
                ha="center", va="center", fontsize=11 if hi else 10,
                fontweight="bold" if hi else "normal", fontstyle="normal" if hi else "italic",
                color=TEXT_COLOUR if hi else "#555555", zorder=2, clip_on=True,
            )
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(1.0 / math.cos(math.radians((y0 + y1) / 2.0)))
    ax.grid(True, color="#ffffff", linewidth=0.6, alpha=0.8)
    ax.set_axisbelow(False)
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color("#888888")
    ax.set_xlabel("Longitude (°E)")
    ax.set_ylabel("Latitude (°N)")
    return ax


_MARKERS = ("o", "s", "^", "D", "P", "X", "v")


def category_styles(categories: list[str]) -> dict[str, dict[str, str]]:
    """Map categories to symbols: ACLED event types keep their fixed ones, any other list gets palette colours + shapes.

    Colours below 3:1 contrast on white get a dark outline, so every marker's edge stays visible.
    """
    if set(categories) <= set(EVENT_TYPES):
        return {c: EVENT_TYPE_COLOURS[c] for c in categories}
    if len(categories) > len(_MARKERS):
        raise ValueError(f"too many categories to tell apart on a map ({len(categories)} > {len(_MARKERS)}): group them")
    out = {}
    for i, cat in enumerate(categories):
        colour = PALETTE[i]
        edge = colour if contrast_ratio(colour) >= 3.0 else TEXT_COLOUR
        out[cat] = {"color": colour, "marker": _MARKERS[i], "edgecolor": edge}
    return out


def plot_points(
    ax,
    df: pd.DataFrame,
    lon: str = "longitude",
    lat: str = "latitude",
    by: str | None = "event_type",
    *,
    label: str | None = None,
    size: float = 40.0,
    legend: bool = True,
):
    """Scatter events on a map, one symbol (colour + marker shape) per ``by`` category, sized by count.

    Rows at the same place and category are merged into one marker whose area grows with the number
    of rows, so stacked events stay visible. ACLED event types get their fixed symbols; other
    categories (at most 7) get palette symbols in sorted order; ``by=None`` draws one neutral symbol.
    Rows without coordinates are skipped and counted in the legend title.
    ``label`` names a column whose value is written once beside each distinct place. Returns ``ax``.
    """
    for col in [lon, lat] + ([by] if by else []) + ([label] if label else []):
        if col not in df.columns:
            raise KeyError(f"plot_points(): no column {col!r}; have {list(df.columns)}")
    data = df.copy()
    data[lon] = pd.to_numeric(data[lon], errors="coerce")
    data[lat] = pd.to_numeric(data[lat], errors="coerce")
    missing = int(data[[lon, lat]].isna().any(axis=1).sum())
    data = data.dropna(subset=[lon, lat])
    bad = data[(data[lon].abs() > 180) | (data[lat].abs() > 90)]
    if len(bad):
        raise ValueError(f"plot_points(): coordinates out of range in rows {list(bad.index)[:5]}")
    if by is None:
        data["_cat"] = "Events"
        order = ["Events"]
        styles = category_styles(order)
    else:
        data["_cat"] = data[by].astype(str)
        present = set(data["_cat"])
        if present <= set(EVENT_TYPES):
            order = [t for t in EVENT_TYPES if t in present]
        else:
            order = sorted(present)
        styles = category_styles(order)

    from matplotlib.lines import Line2D

    handles = []
    for cat in order:
        sub = data[data["_cat"] == cat]
        grouped = (
            sub.groupby([lon, lat], sort=True).size().rename("n").reset_index().sort_values("n", ascending=False, kind="mergesort")
        )
        st = styles[cat]
        ax.scatter(
            grouped[lon], grouped[lat], s=size * grouped["n"], c=st["color"], marker=st["marker"],
            edgecolors=st["edgecolor"], linewidths=0.8, alpha=0.85, zorder=3,
        )
        handles.append(
            Line2D([], [], linestyle="none", marker=st["marker"], markersize=8, markerfacecolor=st["color"],
                   markeredgecolor=st["edgecolor"], label=f"{cat} ({len(sub)})")
        )
    if label:
        places = data.dropna(subset=[label]).drop_duplicates(subset=[label]).sort_values([label], kind="mergesort")
        for _, row in places.iterrows():
            ax.annotate(
                str(row[label]), (row[lon], row[lat]), xytext=(6, 4), textcoords="offset points",
                fontsize=10, color=TEXT_COLOUR, zorder=4,
            )
    if legend and handles:
        title = "Event type" if by else None
        if missing:
            title = f"{title or 'Events'} ({missing} without coordinates not shown)"
        ax.legend(handles=handles, title=title, loc="lower left", frameon=True, facecolor="white",
                  edgecolor="#cccccc", framealpha=0.9)
    return ax
