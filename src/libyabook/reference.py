"""Paths to and loaders for the hand-made reference tables in data/reference (entities, places, outlets, events)."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[2]
REFERENCE_DIR = REPO / "data" / "reference"
RAW_PAGE = REPO / "data" / "raw" / "libya-entanglement.txt"
PROCESSED_DIR = REPO / "data" / "processed"
BASEMAP_PATH = REFERENCE_DIR / "basemap.geojson"


@cache
def load_reference(name: str) -> pd.DataFrame:
    """Read ``data/reference/<name>.csv`` with every column as text (empty cells as ''), cached."""
    return pd.read_csv(REFERENCE_DIR / f"{name}.csv", dtype=str, keep_default_na=False)


def resolve_corpus_path(corpus_path: str | Path) -> Path:
    """A page path as given when absolute, else relative to the repository root (any working directory)."""
    path = Path(corpus_path)
    return path if path.is_absolute() else REPO / path


@cache
def read_geojson(path: str | Path = BASEMAP_PATH) -> dict:
    """Read and cache a GeoJSON file (the base map is read once per process)."""
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def basemap_bbox(path: str | Path | None = None) -> tuple[float, float, float, float]:
    """The (lon_min, lon_max, lat_min, lat_max) box the base-map file covers, from its GeoJSON ``bbox``."""
    w, s, e, n = read_geojson(str(path or BASEMAP_PATH))["bbox"]
    return (w, e, s, n)
