"""Offline base map of Libya and the central Mediterranean, drawn with plain matplotlib (no cartopy/geopandas).

The boundaries are Natural Earth 1:50m admin-0 countries (public domain), cut to a box around Libya
and committed as ``data/reference/basemap.geojson`` by ``scripts/make_basemap.py``; nothing is
downloaded at run time. Coordinates are longitude/latitude in degrees (WGS84), drawn as a plate
carree map whose aspect is corrected by 1/cos(middle latitude). Event points are drawn with the
book's fixed event-type colours and marker shapes from ``libyabook.figures.plots``.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from libyabook.figures.plots import EVENT_TYPE_COLOURS, EVENT_TYPES, PALETTE, TEXT_COLOUR, contrast_ratio
from libyabook.reference import BASEMAP_PATH, basemap_bbox, read_geojson

#: (lon_min, lon_max, lat_min, lat_max): Libya with the coasts of Tunisia, Malta, Sicily and western Egypt.
LIBYA_EXTENT = (9.0, 26.0, 19.0, 38.0)
#: Libya and Chad down to N'Djamena (12.1 N), for the 1980s Chad episode.
LIBYA_CHAD_EXTENT = (9.0, 26.0, 10.0, 38.0)

#: Where the sea's name goes: open water between Libya's coast and Crete (sea-blue italic, >= 4.5:1 on sea and land).
SEA_LABEL_AT = (18.5, 34.4)
SEA_LABEL_COLOUR = "#2d5878"

LAND_COLOUR = "#e8e8e8"
LIBYA_COLOUR = "#d2d2d2"
SEA_COLOUR = "#e4eef6"
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


def load_basemap(path: str | Path | None = None) -> list[tuple[str, list[Polygon]]]:
    """Load the committed base map as [(country name, polygons)], each polygon a list of (lon, lat) rings.

    Exterior ring first, holes after; countries sorted by name. Raises ValueError on a malformed file.
    """
    gj = read_geojson(str(path or BASEMAP_PATH))
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


def _text_size_deg(text: str, fontsize: float, bold: bool, deg_per_inch: tuple[float, float]) -> tuple[float, float]:
    """Estimate a label's (width, height) in degrees from its length and size, with a 10-15% safety margin."""
    em = fontsize / 72.0
    width_in = len(text) * em * (0.72 if bold else 0.62) + 0.5 * em
    height_in = 1.2 * em
    return (1.15 * width_in * deg_per_inch[0], 1.1 * height_in * deg_per_inch[1])


def _label_spot(ring: Ring, size: tuple[float, float], steps: int = 30) -> tuple[float, float] | None:
    """Find where a w x h label box fits wholly inside a ring, nearest the ring's centroid; None if nowhere.

    Tests a grid of candidate centres, each by nine points of its box (corners, edge midpoints, centre).
    """
    import numpy as np
    from matplotlib.path import Path as MplPath

    w, h = size
    xs, ys = zip(*ring)
    lo_x, hi_x, lo_y, hi_y = min(xs) + w / 2, max(xs) - w / 2, min(ys) + h / 2, max(ys) - h / 2
    if lo_x > hi_x or lo_y > hi_y:
        return None
    gx, gy = np.meshgrid(np.linspace(lo_x, hi_x, steps), np.linspace(lo_y, hi_y, steps))
    cand = np.column_stack([gx.ravel(), gy.ravel()])
    path = MplPath(ring)
    ok = np.ones(len(cand), dtype=bool)
    for fx in (-0.5, 0.0, 0.5):
        for fy in (-0.5, 0.0, 0.5):
            ok &= path.contains_points(cand + [fx * w, fy * h])
    if not ok.any():
        return None
    cx, cy = ring_centroid(ring[:-1])
    good = cand[ok]
    best = int(np.argmin((good[:, 0] - cx) ** 2 + (good[:, 1] - cy) ** 2))
    return (float(good[best, 0]), float(good[best, 1]))


def _check_extent(extent) -> tuple[float, float, float, float]:
    """Validate an (lon_min, lon_max, lat_min, lat_max) extent and return it as floats."""
    if len(extent) != 4:
        raise ValueError(f"extent must be (lon_min, lon_max, lat_min, lat_max), got {extent!r}")
    x0, x1, y0, y1 = (float(v) for v in extent)
    if not (-180 <= x0 < x1 <= 180 and -90 <= y0 < y1 <= 90):
        raise ValueError(f"extent {extent!r} is not a valid lon/lat box (lon_min < lon_max, lat_min < lat_max)")
    return (x0, x1, y0, y1)


def map_figure(extent: tuple[float, float, float, float] = LIBYA_EXTENT, *, width: float = 8.0):
    """Create a styled figure sized for a map of ``extent`` (taller than the 8 x 4.5 default), with room for a legend.

    Height = 1 in + (width - 4.5 in) x the map's height/width ratio, kept within 4.5..7 in.
    """
    from libyabook.figures.plots import figure

    x0, x1, y0, y1 = _check_extent(extent)
    ratio = (y1 - y0) / (math.cos(math.radians((y0 + y1) / 2.0)) * (x1 - x0))
    height = min(7.0, max(4.5, 1.0 + (width - 4.5) * ratio))
    return figure(figsize=(width, round(height, 2)))


def _check_inside_basemap(extent, path) -> tuple[float, float, float, float]:
    """The extent as floats, if it lies inside the base-map file's box; else a ValueError saying how to widen it."""
    x0, x1, y0, y1 = _check_extent(extent)
    bx0, bx1, by0, by1 = basemap_bbox(path)
    if x0 < bx0 or x1 > bx1 or y0 < by0 or y1 > by1:
        raise ValueError(
            f"extent {extent!r} reaches beyond the base map's box {(bx0, bx1, by0, by1)}; "
            "regenerate data/reference/basemap.geojson with a larger box (scripts/make_basemap.py)"
        )
    return (x0, x1, y0, y1)


def _draw_land(ax, countries, highlight: str) -> None:
    """Sea as the background, every country as a grey patch, the highlighted one darker and outlined."""
    from matplotlib.patches import PathPatch

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


def _name_spot(biggest: Ring, text: str, size: int, hi: bool, deg_in, named: bool):
    """Where and how a country name fits: (spot, rotation), upright in a narrow strip, or None to leave it out."""
    w, h = _text_size_deg(text, size, hi, deg_in)
    spot = _label_spot(biggest, (w, h))
    if spot is not None:
        return spot, 0
    spot = _label_spot(biggest, (h * deg_in[0] / deg_in[1], w * deg_in[1] / deg_in[0]))  # try it upright
    if spot is not None:
        return spot, 90
    return (ring_centroid(biggest[:-1]), 0) if named else None


def _label_countries(ax, countries, box: tuple[float, float, float, float], highlight: str, labels) -> None:
    """Country names inside their visible part (see ``draw_basemap``), then the sea's name if it is in view."""
    x0, x1, y0, y1 = box
    # degrees per inch of the map as laid out now (the final layout differs a little: sizes get a margin)
    ax.apply_aspect()
    pos = ax.get_position()
    fw, fh = ax.figure.get_size_inches()
    deg_in = ((x1 - x0) / (pos.width * fw), (y1 - y0) / (pos.height * fh))
    view_area = (x1 - x0) * (y1 - y0)
    for name, polys in countries:
        hi = name == highlight
        parts = [p for p in (clip_ring(poly[0], box) for poly in polys) if p]
        if not parts:
            continue
        biggest = max(parts, key=lambda r: abs(ring_area(r)))
        named = isinstance(labels, (list, tuple)) and name in labels
        if not (named or (labels is True and abs(ring_area(biggest)) / view_area >= 0.02)):
            continue
        text, size = (name.upper(), 11) if hi else (name, 10)
        found = _name_spot(biggest, text, size, hi, deg_in, named)
        if found is None:
            continue  # the name does not fit inside the visible part: leave it out
        (sx, sy), rotation = found
        ax.text(
            sx,
            sy,
            text,
            ha="center",
            va="center",
            fontsize=size,
            rotation=rotation,
            fontweight="bold" if hi else "normal",
            fontstyle="normal" if hi else "italic",
            color=TEXT_COLOUR if hi else "#555555",
            zorder=2.6,
            clip_on=True,
        )
    sx, sy = SEA_LABEL_AT
    if x0 < sx < x1 and y0 < sy < y1:
        ax.text(
            sx,
            sy,
            "Mediterranean Sea",
            ha="center",
            va="center",
            fontsize=10,
            fontstyle="italic",
            color=SEA_LABEL_COLOUR,
            zorder=2.6,
            clip_on=True,
        )


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
    ``labels``: True names every country covering >= 2% of the view whose name fits inside its visible
    part (placed nearest its centre), a list names just those (at the centroid if they do not fit), False none.
    The axes get a 1/cos(mid-latitude) aspect (plate carree look) and labelled lon/lat axes. Returns ``ax``.
    """
    x0, x1, y0, y1 = _check_inside_basemap(extent, path)
    countries = load_basemap(path)
    _draw_land(ax, countries, highlight)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(1.0 / math.cos(math.radians((y0 + y1) / 2.0)))
    if labels is not False:
        _label_countries(ax, countries, (x0, x1, y0, y1), highlight, labels)
    ax.grid(True, color="#ffffff", linewidth=0.6, alpha=0.8)
    ax.set_axisbelow(False)
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color("#888888")
    ax.set_xlabel("Longitude (°E)")
    ax.set_ylabel("Latitude (°N)")
    return ax


_MARKERS = ("o", "s", "^", "D", "P", "X", "v")
#: Radius (points) of the circle on which different categories at the same place are fanned out.
_DODGE_PT = 6.0

#: Candidate label positions around a point: (dx, dy) in points, horizontal and vertical alignment.
#: Label positions tried around a point, in order: (dx, dy) in points, horizontal and vertical alignment.
_LABEL_SLOTS = (
    (7, 3, "left", "bottom"),
    (7, -3, "left", "top"),
    (-7, 3, "right", "bottom"),
    (-7, -3, "right", "top"),
    (0, 9, "center", "bottom"),
    (0, -9, "center", "top"),
    (10, 0, "left", "center"),
    (-10, 0, "right", "center"),
)


def _clear(box, others) -> bool:
    """Whether a (x0, y0, x1, y1) box in display units overlaps none of the others."""
    return all(box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in others)


def _place_name(ax, text: str, x: float, y: float, slot) -> object:
    """Write one place name at a slot of ``_LABEL_SLOTS`` beside its point, with a thin white halo."""
    import matplotlib.patheffects as pe

    dx, dy, ha, va = slot
    return ax.annotate(
        text,
        (x, y),
        xytext=(dx, dy),
        textcoords="offset points",
        ha=ha,
        va=va,
        fontsize=10,
        color=TEXT_COLOUR,
        zorder=6,
        path_effects=[pe.withStroke(linewidth=2.5, foreground="white")],
    )


def label_places(ax, items: list[tuple[str, float, float]]) -> None:
    """Write each place name beside its point where it overlaps no other point and no earlier name.

    Greedy over the given (deterministic) order, eight positions per name, measured with the figure's
    renderer once the layout is final; a name's own point does not block it. If no position is free the
    first is used. Names already written on the map (sea, countries) count as taken. Names get a thin white
    halo so they read over borders and grid lines.
    """
    fig = ax.figure
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    r = 7 * fig.dpi / 72.0
    points = []
    for _, x, y in items:
        px, py = ax.transData.transform((x, y))
        points.append((px - r, py - r, px + r, py + r))
    axbox = ax.get_window_extent(renderer)
    # Names already on the map (the sea's, the countries') block a place name as much as another place's.
    written = [t.get_window_extent(renderer) for t in ax.texts if t.get_visible() and t.get_text().strip()]
    names: list[tuple[float, float, float, float]] = [(b.x0, b.y0, b.x1, b.y1) for b in written]
    for k, (text, x, y) in enumerate(items):
        others = [b for i, b in enumerate(points) if i != k] + names
        chosen = None
        for slot in _LABEL_SLOTS:
            bb = _place_name(ax, text, x, y, slot)
            box = bb.get_window_extent(renderer)
            inside = axbox.x0 <= box.x0 and box.x1 <= axbox.x1 and axbox.y0 <= box.y0 and box.y1 <= axbox.y1
            if inside and _clear((box.x0, box.y0, box.x1, box.y1), others):
                chosen = (box.x0, box.y0, box.x1, box.y1)
                break
            bb.remove()
        if chosen is None:
            box = _place_name(ax, text, x, y, _LABEL_SLOTS[0]).get_window_extent(renderer)
            chosen = (box.x0, box.y0, box.x1, box.y1)
        names.append(chosen)


def category_styles(categories: list[str]) -> dict[str, dict[str, str]]:
    """Map categories to symbols: ACLED event types keep their fixed ones, any other list gets palette colours + shapes.

    Colours below 3:1 contrast on white get a dark outline, so every marker's edge stays visible.
    """
    if set(categories) <= set(EVENT_TYPES):
        return {c: EVENT_TYPE_COLOURS[c] for c in categories}
    if len(categories) > len(_MARKERS):
        raise ValueError(
            f"too many categories to tell apart on a map ({len(categories)} > {len(_MARKERS)}): group them"
        )
    out = {}
    for i, cat in enumerate(categories):
        colour = PALETTE[i]
        edge = colour if contrast_ratio(colour) >= 3.0 else TEXT_COLOUR
        out[cat] = {"color": colour, "marker": _MARKERS[i], "edgecolor": edge}
    return out


def _valid_points(df: pd.DataFrame, lon: str, lat: str, columns: list[str]) -> tuple[pd.DataFrame, int]:
    """The rows with numeric coordinates and how many were dropped without; KeyError/ValueError on bad input."""
    for col in [lon, lat, *columns]:
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
    return data, missing


def _category_order(cats: pd.Series) -> list[str]:
    """Categories in legend order: ACLED's codebook order for event types, else sorted."""
    present = set(cats)
    return [t for t in EVENT_TYPES if t in present] if present <= set(EVENT_TYPES) else sorted(present)


def _scatter_category(ax, data: pd.DataFrame, lon: str, lat: str, cat: str, cats_at, style: dict, size: float) -> None:
    """One category's markers, one per place sized by its rows, fanned out where categories share a place."""
    from matplotlib.transforms import offset_copy

    grouped = data[data["_cat"] == cat].groupby([lon, lat], sort=True).size().rename("n").reset_index()
    slot = [cats_at[(x, y)] for x, y in zip(grouped[lon], grouped[lat])]
    grouped["dx"] = [_DODGE_PT * math.cos(2 * math.pi * c.index(cat) / len(c)) if len(c) > 1 else 0.0 for c in slot]
    grouped["dy"] = [_DODGE_PT * math.sin(2 * math.pi * c.index(cat) / len(c)) if len(c) > 1 else 0.0 for c in slot]
    for (dx, dy), part in grouped.groupby(["dx", "dy"], sort=True):
        part = part.sort_values("n", ascending=False, kind="mergesort")
        ax.scatter(
            part[lon],
            part[lat],
            s=size * part["n"],
            c=style["color"],
            marker=style["marker"],
            edgecolors=style["edgecolor"],
            linewidths=0.8,
            alpha=0.85,
            zorder=3,
            transform=offset_copy(ax.transData, fig=ax.figure, x=dx, y=dy, units="points"),
        )


def _symbol(style: dict, label: str):
    """A legend entry showing one category's marker, fill and outline."""
    from matplotlib.lines import Line2D

    return Line2D(
        [],
        [],
        linestyle="none",
        marker=style["marker"],
        markersize=8,
        markerfacecolor=style["color"],
        markeredgecolor=style["edgecolor"],
        label=label,
    )


def _points_legend(ax, handles: list, title: str | None, missing: int) -> None:
    """The legend right of the map, saying how many rows had no coordinates."""
    if missing:
        title = f"{title or 'Events'}\n({missing} without coordinates not shown)"
    ax.legend(
        handles=handles,
        title=title,
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        borderaxespad=0.0,
        frameon=False,
        alignment="left",
    )


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

    Rows at the same place and category are merged into one marker whose area is proportional to the
    number of rows; different categories at the same place are fanned out 6 pt around it, so no
    marker hides another. ACLED event types get their fixed symbols; other
    categories (at most 7) get palette symbols in sorted order; ``by=None`` draws one neutral symbol.
    Rows without coordinates are skipped and counted in the legend title.
    ``label`` names a column whose value is written once beside each distinct place. Returns ``ax``.
    """
    data, missing = _valid_points(df, lon, lat, ([by] if by else []) + ([label] if label else []))
    data["_cat"] = data[by].astype(str) if by else "Events"
    order = _category_order(data["_cat"]) if by else ["Events"]
    styles = category_styles(order)
    # where several categories share one place, fan them out on a small circle so none hides another
    cats_at = data.groupby([lon, lat], sort=True)["_cat"].agg(lambda c: [k for k in order if k in set(c)])
    handles = []
    for cat in order:
        st = styles[cat]
        _scatter_category(ax, data, lon, lat, cat, cats_at, st, size)
        handles.append(_symbol(st, f"{cat} ({int((data['_cat'] == cat).sum())})"))
    if legend and handles:
        _points_legend(ax, handles, "Event type" if by else None, missing)
    if label:
        places = (
            data.dropna(subset=[label]).drop_duplicates(subset=[label]).sort_values([lon, lat, label], kind="mergesort")
        )
        label_places(ax, [(str(r[label]), r[lon], r[lat]) for _, r in places.iterrows()])
    return ax
