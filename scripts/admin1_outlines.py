#!/usr/bin/env python3
"""Rebuild ``src/dateline/serve/data/admin1_outlines.json.gz``, the web map's admin-1 outlines.

    python scripts/admin1_outlines.py NE_50M_ADMIN1.json AFG_ADM1.geojson PAK_ADMIN.geojson \
        -o src/dateline/serve/data/admin1_outlines.json.gz

Reads three GeoJSON files (``src/dateline/serve/data/README.md`` names their sources, commits and
licences): Natural Earth's 1:50m admin-1 states and provinces (``iso_a2``, ``name``), OCHA's
Afghan provinces (``ADM1_EN``) and the OpenStreetMap units of Pakistan (``level`` ``adm1``,
``name``). Keeps each polygon's outer ring, simplified (Douglas-Peucker, :data:`TOLERANCE`
degrees), its coordinates rounded to :data:`DIGITS` decimals with repeated points dropped, rings of
fewer than four points left out; writes ``{"units": [{"iso", "name", "box": [west, south, east,
north], "rings": [[lon, lat, lon, lat, ...], ...]}]}`` compact, gzip-compressed (no timestamp, so a
rebuild from the same files gives the same bytes). Standard library only.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: Douglas-Peucker tolerance, in degrees (about 2 km at the equator).
TOLERANCE = 0.02
#: Decimals kept of each coordinate.
DIGITS = 2


def simplified(points: list[tuple[float, float]], tolerance: float = TOLERANCE) -> list[tuple[float, float]]:
    """Douglas-Peucker: the points of ``points`` (a closed ring) no farther than ``tolerance`` from the
    line that keeps the rest, iteratively."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        farthest, index = -1.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            if norm:
                distance = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm
            else:  # a closed ring's ends are one point
                distance = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if distance > farthest:
                farthest, index = distance, i
        if index > 0 and farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def outer_rings(geometry: dict[str, Any]) -> Iterator[list[tuple[float, float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        yield [(float(lon), float(lat)) for lon, lat, *_ in polygon[0]]


def unit(iso: str, name: str, geometry: dict[str, Any]) -> dict[str, Any] | None:
    rings = []
    for ring in outer_rings(geometry):
        flat: list[float] = []
        last = None
        for lon, lat in simplified(ring):
            point = (round(lon, DIGITS), round(lat, DIGITS))
            if point != last:
                flat += point
                last = point
        if len(flat) >= 8:
            rings.append(flat)
    if not rings:
        return None
    lons = [v for ring in rings for v in ring[0::2]]
    lats = [v for ring in rings for v in ring[1::2]]
    return {"iso": iso, "name": name, "box": [min(lons), min(lats), max(lons), max(lats)], "rings": rings}


def units(natural_earth: Path, afghanistan: Path, pakistan: Path) -> list[dict[str, Any]]:
    out = []
    for feature in json.loads(natural_earth.read_text("utf-8"))["features"]:
        p = feature["properties"]
        out.append(unit(p["iso_a2"], p["name"], feature["geometry"]))
    for feature in json.loads(afghanistan.read_text("utf-8"))["features"]:
        out.append(unit("AF", feature["properties"]["ADM1_EN"], feature["geometry"]))
    for feature in json.loads(pakistan.read_text("utf-8"))["features"]:
        if feature["properties"]["level"] == "adm1":
            out.append(unit("PK", feature["properties"]["name"], feature["geometry"]))
    return sorted((u for u in out if u is not None), key=lambda u: (u["iso"], u["name"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("natural_earth", type=Path, help="ne_50m_admin_1_states_provinces.json")
    parser.add_argument("afghanistan", type=Path, help="afg_adm1_ocha2018.geojson")
    parser.add_argument("pakistan", type=Path, help="pak_admin_osm2023.geojson")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    found = units(args.natural_earth, args.afghanistan, args.pakistan)
    text = json.dumps({"units": found}, ensure_ascii=False, separators=(",", ":"))
    args.output.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    points = sum(len(r) // 2 for u in found for r in u["rings"])
    print(f"{args.output}: {len(found)} units, {points:,} points, {args.output.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
