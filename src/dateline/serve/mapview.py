"""The map and the timeline as plain data a template draws as SVG (no script, no tiles, offline).

The map is drawn in degrees: the SVG's user space is (longitude, -latitude), so the country
outlines (Natural Earth 1:110m, shipped in ``data/countries_110m.json``) are path strings made
once, and the view box is the selected events' extent. On a regional view the provinces are drawn
too: their names at Natural Earth's label points, and the outlines the package ships
(``data/admin1_outlines.json.gz``: Natural Earth's 1:50m admin-1 units, OCHA's Afghan and
OpenStreetMap's Pakistani provinces) of the units in and around the view. An event is a circle
at its place, its radius growing with the square root of its fatalities (up to :data:`MAX_RADIUS`),
its class its type family; a movement is an arrow from its origin to its destination. The timeline
is the events per day (per week over more than 92 days) stacked by family, each bar a link that
narrows the filters to its days.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

#: The families the map and the timeline colour (static/dateline.css), in legend order.
FAMILIES = ("violence", "protest", "coercion", "movement", "presence", "operation", "organisation",
            "claim", "agreement", "meeting", "statement", "verbal", "other")  # fmt: skip
#: The whole world, when nothing selected has a point.
WORLD = (-180.0, -60.0, 180.0, 80.0)
#: The largest circle, in units of the smallest (an event with no fatalities).
MAX_RADIUS = 5.0
#: What ACLED's geo_precision says of a point.
PRECISIONS = {1: "the town", 2: "a district or near a town", 3: "a province, region or country"}
#: A timeline longer than this many days is drawn per week.
DAILY_UP_TO = 92


@lru_cache(maxsize=1)
def country_paths() -> tuple[tuple[str, str], ...]:
    """(name, SVG path in (lon, -lat)) for every country outline."""
    raw = resources.files("dateline.serve").joinpath("data/countries_110m.json").read_text("utf-8")
    out = []
    for country in json.loads(raw)["countries"]:
        parts = []
        for ring in country["rings"]:
            points = [f"{ring[i]:g} {-ring[i + 1]:g}" for i in range(0, len(ring), 2)]
            parts.append("M" + " L".join(points) + "Z")
        out.append((country["name"], "".join(parts)))
    return tuple(out)


#: Province names are drawn on a view at most this many degrees wide.
PROVINCES_UP_TO = 60.0


@lru_cache(maxsize=1)
def province_points() -> tuple[tuple[str, float, float], ...]:
    """(name, lon, lat) of every admin-1 unit: Natural Earth's label points, which the gazetteer ships
    (``dateline/gazetteer/data``). The package ships no admin-1 outlines; a name at its unit's label
    point is what the map can draw of the provinces."""
    raw = resources.files("dateline.gazetteer").joinpath("data/world_admin1_ne10m_v4_label_points.csv")
    with raw.open("r", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    kept = [r for r in rows
            if r["level"] == "adm1" and r["lat"] and r["lon"] and "aggregation" not in r["name"]]  # fmt: skip
    return tuple((r["name"], float(r["lon"]), float(r["lat"])) for r in kept)


@dataclass(frozen=True, slots=True)
class Outline:
    """An admin-1 unit's outline: its name, its box (west, south, east, north) and its SVG path."""

    name: str
    box: tuple[float, float, float, float]
    d: str


@lru_cache(maxsize=1)
def admin1_outlines() -> tuple[Outline, ...]:
    """Every admin-1 outline the package ships, as SVG paths in (lon, -lat), made once a process."""
    raw = resources.files("dateline.serve").joinpath("data/admin1_outlines.json.gz").read_bytes()
    out = []
    for unit in json.loads(gzip.decompress(raw))["units"]:
        parts = []
        for ring in unit["rings"]:
            points = [f"{ring[i]:g} {-ring[i + 1]:g}" for i in range(0, len(ring), 2)]
            parts.append("M" + " L".join(points) + "Z")
        out.append(Outline(f"{unit['name']} ({unit['iso']})", tuple(unit["box"]), "".join(parts)))
    return tuple(out)


def outlines_in(view_box: str) -> list[Outline]:
    """The admin-1 outlines that reach into the view (and half as far again around it, for panning);
    none on a view wider than :data:`PROVINCES_UP_TO` degrees, so a world view stays light."""
    if float(view_box.split()[2]) > PROVINCES_UP_TO:
        return []
    west, south, east, north = _around(view_box)
    return [o for o in admin1_outlines()
            if o.box[0] <= east and o.box[2] >= west and o.box[1] <= north and o.box[3] >= south]  # fmt: skip


def _around(view_box: str) -> tuple[float, float, float, float]:
    """The view and half its size again on every side: west, south, east, north in degrees."""
    x, y, width, height = (float(v) for v in view_box.split())
    return x - width / 2, -(y + 1.5 * height), x + 1.5 * width, -y + height / 2


@dataclass(frozen=True, slots=True)
class Label:
    x: float
    y: float
    text: str


def provinces_in(view_box: str) -> tuple[list[Label], float]:
    """The province names inside the view (and half as far again around it, for panning), and their font
    size; none on a view wider than :data:`PROVINCES_UP_TO` degrees."""
    _, _, width, height = (float(v) for v in view_box.split())
    if width > PROVINCES_UP_TO:
        return [], 0.0
    west, south, east, north = _around(view_box)
    labels = [Label(lon, -lat, name) for name, lon, lat in province_points()
              if west <= lon <= east and south <= lat <= north]  # fmt: skip
    return labels, round(max(width, height) / 90, 4)


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    r: float
    family: str
    title: str
    href: str
    precision: int  # ACLED's geo_precision: 1 a town, 2 a district or near a town, 3 a province or more


@dataclass(frozen=True, slots=True)
class Arrow:
    x1: float
    y1: float
    x2: float
    y2: float
    title: str
    href: str


@dataclass(frozen=True, slots=True)
class Cell:
    """Many events near each other: a circle at their mean point that zooms the map into its box."""

    x: float
    y: float
    r: float
    events: int
    title: str
    href: str


@dataclass(slots=True)
class MapView:
    """What the map template draws: its view box, basemap, points, arrows and legend."""

    view_box: str
    stroke: float
    countries: tuple[tuple[str, str], ...]
    points: list[Point] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)
    families: list[str] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    side: float | None = None  # a grid's cell side in degrees

    @property
    def provinces(self) -> tuple[list[Label], float]:
        return provinces_in(self.view_box)

    @property
    def outlines(self) -> list[Outline]:
        return outlines_in(self.view_box)

    @property
    def bbox(self) -> str:
        """The view's box as a ``bbox`` filter: west,south,east,north in degrees."""
        x, y, width, height = (float(v) for v in self.view_box.split())
        return ",".join(f"{v:g}" for v in (x, -(y + height), x + width, -y))

    @classmethod
    def of_grid(cls, grid: Mapping[str, Any], href: Callable[[str], str]) -> MapView:
        """The events counted by cell (:meth:`Corpus.grid`): one circle a cell, its area the cell's
        events, linking to the map of the cell's box (``href(bbox)``)."""
        cells = grid["cells"]
        west, south, east, north = _extent([(c["lon"], c["lat"]) for c in cells])
        width, height = east - west, north - south
        unit = max(width, height) / 160
        most = max((c["events"] for c in cells), default=1)
        out = []
        for c in sorted(cells, key=lambda c: -c["events"]):  # the small ones on top
            box = ",".join(f"{v:g}" for v in c["bbox"])
            deaths = f", {c['fatalities']:g} killed" if c["fatalities"] else ""
            out.append(Cell(c["lon"], -c["lat"], round(unit * (1 + 5 * math.sqrt(c["events"] / most)), 4),
                            c["events"], f"{c['events']:,} events{deaths} in {box}: click to zoom in",
                            href(box)))  # fmt: skip
        return cls(f"{west:g} {-north:g} {width:g} {height:g}", round(unit / 3, 4), country_paths(),
                   cells=out, side=grid["side"])  # fmt: skip

    @classmethod
    def of(cls, events: Iterable[Mapping[str, Any]]) -> MapView:
        events = list(events)
        located = [(e, _point(e["locations"].get("place"))) for e in events]
        moves = [(e, _point(e["locations"].get("origin")), _point(e["locations"].get("destination")))
                 for e in events]  # fmt: skip
        moves = [(e, a, b) for e, a, b in moves if a is not None and b is not None and a != b]
        coords = [p for _, p in located if p is not None] + [p for _, a, b in moves for p in (a, b)]
        west, south, east, north = _extent(coords)
        width, height = east - west, north - south
        unit = max(width, height) / 160
        points = []
        for event, at in located:
            if at is None:
                continue
            deaths = _fatalities(event)
            family = event.get("family") if event.get("family") in FAMILIES else "other"
            radius = unit * min(1 + math.sqrt(deaths) / 2, MAX_RADIUS)
            precision = event.get("geo_precision") if event.get("geo_precision") in (1, 2, 3) else 3
            points.append(Point(at[0], -at[1], round(radius, 4), family,
                                _event_title(event), _event_href(event), precision))  # fmt: skip
        points.sort(key=lambda p: -p.r)  # the small ones on top, still reachable
        arrows = [Arrow(a[0], -a[1], b[0], -b[1], _event_title(e), _event_href(e)) for e, a, b in moves]
        families = sorted({p.family for p in points}, key=FAMILIES.index)
        return cls(f"{west:g} {-north:g} {width:g} {height:g}", round(unit / 3, 4), country_paths(),
                   points, arrows, families)  # fmt: skip


def _point(place: Mapping[str, Any] | None) -> tuple[float, float] | None:
    if not place or place.get("lat") is None or place.get("lon") is None:
        return None
    return float(place["lon"]), float(place["lat"])


def _extent(coords: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    if not coords:
        return WORLD
    lons, lats = [c[0] for c in coords], [c[1] for c in coords]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad = max(east - west, north - south, 4.0) * 0.25
    cx, cy = (west + east) / 2, (south + north) / 2
    half_w = max(east - west, 4.0) / 2 + pad
    half_h = max(north - south, 3.0) / 2 + pad
    half_w = max(half_w, half_h * 1.6)  # a landscape view
    return (round(cx - half_w, 3), round(max(cy - half_h, -85), 3), round(cx + half_w, 3),
            round(min(cy + half_h, 85), 3))  # fmt: skip


def _fatalities(event: Mapping[str, Any]) -> float:
    count = event.get("fatalities") or {}
    best = count.get("best") if isinstance(count, Mapping) else None
    return float(best) if isinstance(best, int | float) and best > 0 else 0.0


def _event_title(event: Mapping[str, Any]) -> str:
    where = event["locations"].get("place") or {}
    date = event.get("date") or {}
    parts = [event.get("type") or "event", where.get("name") or "", _interval(date)]
    deaths = _fatalities(event)
    if deaths:
        parts.append(f"{deaths:g} killed")
    if event.get("geo_precision") in PRECISIONS:
        parts.append(f"placed at {PRECISIONS[event['geo_precision']]}")
    origin, destination = event["locations"].get("origin"), event["locations"].get("destination")
    if origin and destination:
        parts.append(f"{origin.get('name')} → {destination.get('name')}")
    return " · ".join(p for p in parts if p)


def _event_href(event: Mapping[str, Any]) -> str:
    return f"/documents/{event['document']}#event-{event.get('id')}"


def _interval(date: Mapping[str, Any]) -> str:
    start, end = date.get("start"), date.get("end")
    if not start:
        return ""
    return start if not end or end == start else f"{start} – {end}"


@dataclass(frozen=True, slots=True)
class Bar:
    start: str
    end: str
    label: str
    segments: tuple[tuple[str, float, float, int], ...]  # family, y, height, count
    x: float = 0.0  # slots from the first bar


@dataclass(slots=True)
class Timeline:
    bars: list[Bar]
    width: float
    height: float
    bar_width: float
    weekly: bool
    total: int

    @classmethod
    def of(cls, days: Mapping[str, Mapping[str, int]], height: float = 100.0) -> Timeline:
        if not days:
            return cls([], 0, height, 0, False, 0)
        dates = sorted(dt.date.fromisoformat(d) for d in days)
        weekly = (dates[-1] - dates[0]).days > DAILY_UP_TO
        buckets: dict[dt.date, dict[str, int]] = {}
        for day, counts in days.items():
            date = dt.date.fromisoformat(day)
            key = date - dt.timedelta(days=date.weekday()) if weekly else date
            bucket = buckets.setdefault(key, {})
            for family, n in counts.items():
                family = family if family in FAMILIES else "other"
                bucket[family] = bucket.get(family, 0) + n
        top = max(sum(b.values()) for b in buckets.values())
        step = 7 if weekly else 1
        first, last = min(buckets), max(buckets)
        slots = (last - first).days // step + 1
        bars = []
        for key in sorted(buckets):
            counts, y, segments = buckets[key], height, []
            for family in FAMILIES:
                n = counts.get(family, 0)
                if n:
                    h = height * n / top
                    y -= h
                    segments.append((family, round(y, 3), round(h, 3), n))
            end = key + dt.timedelta(days=step - 1)
            label = f"week of {key.isoformat()}" if weekly else key.isoformat()
            bars.append(Bar(key.isoformat(), end.isoformat(), f"{label}: {sum(counts.values())} events",
                            tuple(segments), (key - first).days / step))  # fmt: skip
        return cls(bars, float(slots), height, 1.0, weekly, sum(sum(b.values()) for b in buckets.values()))

    def x(self, bar: Bar) -> float:
        return bar.x

    @property
    def family_paths(self) -> list[tuple[str, str]]:
        """(family, SVG path) of every family's segments of all bars: one path a family, not a
        rectangle a segment (a three-year timeline has thousands of them)."""
        parts: dict[str, list[str]] = {}
        for bar in self.bars:
            for family, y, h, _ in bar.segments:
                parts.setdefault(family, []).append(f"M{bar.x + 0.1:g} {y:g}h0.8v{h:g}h-0.8z")
        return [(family, "".join(parts[family])) for family in FAMILIES if family in parts]
