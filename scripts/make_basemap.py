"""Build data/reference/basemap.geojson from Natural Earth TopoJSON (world-atlas countries-50m.json).

Usage:  python scripts/make_basemap.py /path/to/countries-50m.json [--out data/reference/basemap.geojson]

Pure Python (stdlib + libyabook.figures.geo's clipper): decodes the TopoJSON (quantized, delta-encoded arcs;
Polygon and MultiPolygon geometries), keeps the countries that reach into the box lon 5..32 E,
lat 10..44 N, clips them to that box (Sutherland-Hodgman), orients rings the GeoJSON way (exterior
counter-clockwise, holes clockwise), rounds coordinates to 3 decimals and writes one feature per line
with sorted keys, so the output is small and byte-identical on every run. Run once by a maintainer;
the book only reads the committed file and downloads nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from libyabook.figures.geo import clip_ring, ring_area  # noqa: E402

#: (lon_min, lon_max, lat_min, lat_max): Libya and neighbours to Cairo (31.2 E), Malta, Italy to Rome and beyond,
#: Greece, and south to N'Djamena (12.1 N) for the 1980s Chad episode.
BOX = (5.0, 32.0, 10.0, 44.0)
DECIMALS = 3


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Turn TopoJSON arcs into lists of (lon, lat): undo delta encoding, then apply the quantization transform."""
    tr = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if tr:
            (sx, sy), (tx, ty) = tr["scale"], tr["translate"]
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(pts)
    return arcs


def ring_from_arcs(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Join the arcs of one ring; a negative index ~i means arc i reversed; shared end points are not repeated."""
    ring: list[tuple[float, float]] = []
    for i in indices:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(pts if not ring else pts[1:])
    return ring


def geometry_polygons(geom: dict, arcs) -> list[list[list[tuple[float, float]]]]:
    """Return a TopoJSON geometry as a list of polygons (each a list of rings); other types give []."""
    if geom.get("type") == "Polygon":
        return [[ring_from_arcs(r, arcs) for r in geom["arcs"]]]
    if geom.get("type") == "MultiPolygon":
        return [[ring_from_arcs(r, arcs) for r in poly] for poly in geom["arcs"]]
    return []


def _round_ring(ring, decimals: int) -> list[list[float]]:
    """Round a closed ring's coordinates and drop consecutive duplicates that rounding creates."""
    out: list[list[float]] = []
    for x, y in ring:
        p = [round(x, decimals) + 0.0, round(y, decimals) + 0.0]
        if not out or p != out[-1]:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(list(out[0]))
    return out


def clip_polygon(poly, box, decimals: int = DECIMALS):
    """Clip a polygon's rings to the box, round them, orient them (exterior CCW, holes CW); None if nothing left."""
    rings = []
    for k, ring in enumerate(poly):
        clipped = _round_ring(clip_ring(ring, box), decimals)
        if len(clipped) < 4 or abs(ring_area([tuple(p) for p in clipped[:-1]])) < 10 ** (-2 * decimals):
            if k == 0:
                return None  # exterior gone: the whole polygon is outside
            continue
        ccw = ring_area([tuple(p) for p in clipped[:-1]]) > 0
        if (k == 0) != ccw:
            clipped.reverse()
        rings.append(clipped)
    return rings


def build_features(topology: dict, box=BOX, object_name: str = "countries", decimals: int = DECIMALS) -> list[dict]:
    """Make GeoJSON features (name, ISO 3166-1 numeric id) of every country with land inside the box, sorted by name."""
    arcs = decode_arcs(topology)
    features = []
    for geom in topology["objects"][object_name]["geometries"]:
        polys = [p for p in (clip_polygon(poly, box, decimals) for poly in geometry_polygons(geom, arcs)) if p]
        if not polys:
            continue
        props = {"name": geom.get("properties", {}).get("name", ""), "iso_n3": str(geom.get("id", ""))}
        geometry = (
            {"type": "Polygon", "coordinates": polys[0]}
            if len(polys) == 1
            else {"type": "MultiPolygon", "coordinates": polys}
        )
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    return sorted(features, key=lambda f: (f["properties"]["name"], f["properties"]["iso_n3"]))


def to_geojson_text(features: list[dict], box=BOX) -> str:
    """Serialise a FeatureCollection deterministically: sorted keys, compact, one feature per line."""
    x0, x1, y0, y1 = box
    lines = [json.dumps(f, sort_keys=True, separators=(",", ":"), ensure_ascii=False) for f in features]
    bbox = json.dumps([x0, y0, x1, y1])
    return '{"bbox":' + bbox + ',"features":[\n' + ",\n".join(lines) + '\n],"type":"FeatureCollection"}\n'


def main(argv: list[str] | None = None) -> int:
    """Command line: read countries-50m.json, write the clipped GeoJSON, print what was kept."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("topojson", type=Path, help="world-atlas countries-50m.json (npm world-atlas@2.0.2)")
    ap.add_argument("--out", type=Path, default=REPO / "data" / "reference" / "basemap.geojson")
    args = ap.parse_args(argv)
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    features = build_features(topology)
    text = to_geojson_text(features)
    args.out.write_text(text, encoding="utf-8")
    names = ", ".join(f["properties"]["name"] for f in features)
    print(f"wrote {args.out} ({len(text.encode('utf-8'))} bytes, {len(features)} countries): {names}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
