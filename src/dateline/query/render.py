"""Renderings of one page of a list: JSON lines, CSV, GeoJSON, a terminal table.

Each takes the plain dicts :class:`~dateline.query.Corpus` built (one data function, several
renderers). CSV flattens an item one level (``place`` of an event's ``locations`` becomes
``locations_place_name``, ...; lists of plain values are joined with ``"; "``, other lists and
nested records are JSON) and makes text that starts like a spreadsheet formula inert. GeoJSON
places each event at its place (a movement also as a line from its origin to its destination) and
each place at its point; items without a point are left out.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

from dateline.export.acled_csv import neutralise
from dateline.export.geojson import position

#: The columns a table shows for each list.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": ("id", "type", "date", "place", "actors", "targets", "fatalities", "modality"),
    "places": ("id", "name", "feature", "country_code", "admin1", "admin2", "events"),
    "actors": ("id", "name", "kind", "country_code"),
    "documents": ("id", "published", "source", "title", "characters"),
    "relations": ("id", "subject", "predicate", "object", "modality", "document"),
}


def jsonl(items: Iterable[Mapping[str, Any]]) -> str:
    return "".join(json.dumps(item, ensure_ascii=False, default=str) + "\n" for item in items)


def _scalar(value: Any) -> Any:
    if isinstance(value, list) and all(v is None or isinstance(v, str | int | float) for v in value):
        return "; ".join("" if v is None else str(v) for v in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return value


def flat_row(item: Mapping[str, Any]) -> dict[str, Any]:
    """The item without nesting, one level down: ``{"a": {"b": 1}}`` -> ``{"a_b": 1}``."""
    out: dict[str, Any] = {}
    for key, value in item.items():
        if isinstance(value, dict):
            for sub, sub_value in value.items():
                if isinstance(sub_value, dict) and key == "locations":
                    for leaf, leaf_value in sub_value.items():
                        out[f"{key}_{sub}_{leaf}"] = _scalar(leaf_value)
                elif sub_value is None and key == "locations":
                    continue
                else:
                    out[f"{key}_{sub}"] = _scalar(sub_value)
        else:
            out[key] = _scalar(value)
    return out


#: The fields of a place each event row gives for its place, origin and destination.
LOCATION_COLUMNS = ("name", "country_code", "admin1", "admin2", "lat", "lon")


def event_row(item: Mapping[str, Any]) -> dict[str, Any]:
    """An event as the flat event row the exports share (:mod:`dateline.eventrow`, the same columns
    for every event), with its document, family and where its places are."""
    from dateline.eventrow import flatten_event
    from dateline.records import Event

    extras = ("document", "family", "locations")
    flat = flatten_event(Event.from_dict({k: v for k, v in item.items() if k not in extras}))
    row: dict[str, Any] = {"id": flat.pop("id")}
    row.update(document=item.get("document"), family=item.get("family"))
    row.update((key, _scalar(value)) for key, value in flat.items())
    locations = item.get("locations") or {}
    for key in ("place", "origin", "destination"):
        place = locations.get(key) or {}
        row.update((f"{key}_{field}", place.get(field)) for field in LOCATION_COLUMNS)
    return row


def to_csv(items: Iterable[Mapping[str, Any]], *, kind: str = "", header: bool = True) -> str:
    """Items as CSV: one row each, every column any of them has, formula-like text made inert.
    Events have the same columns whatever they hold; so a paged export lines up."""
    rows = [event_row(item) if kind == "events" else flat_row(item) for item in items]
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(list(columns))
    for row in rows:
        writer.writerow(["" if row.get(c) is None else neutralise(row.get(c)) for c in columns])
    return buffer.getvalue()


#: JSON as the API writes it: compact, UTF-8 text as it is.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


class _Coordinates:
    """The JSON of a place's ``[lon, lat]`` (:func:`~dateline.export.geojson.position`; None for no
    valid point), checked and written once a rendering: a page's thousand events stand at a few dozen
    places, and writing a float is the dearest part of writing JSON."""

    def __init__(self) -> None:
        self.seen: dict[tuple[Any, ...], str | None] = {}

    def __call__(self, place: Mapping[str, Any] | None) -> str | None:
        if not place:
            return None
        lat, lon = place.get("lat"), place.get("lon")
        key = (type(lat), lat, type(lon), lon)  # typed: True and 1 are equal keys, but no coordinate
        if key not in self.seen:
            at = position(lat, lon)
            self.seen[key] = _encode(at) if at is not None else None
        return self.seen[key]


def to_geojson(kind: str, items: Iterable[Mapping[str, Any]], next_cursor: str | None = None) -> str:
    """A FeatureCollection of events (points and movement lines) or places (points), as JSON text;
    ``next_cursor`` rides along as a foreign member (RFC 7946, 6.1). Written feature by feature: the
    same text as ``json.dumps`` of the collection, each place's coordinates written once."""
    features: list[str] = []
    point = _Coordinates()
    for item in items:
        properties = dict(item)
        properties.pop("locations", None)
        properties.pop("evidence", None)
        if kind == "places":
            at = point(item)
            if at is not None:
                features.append(_feature(item["id"], "Point", at, properties))
            continue
        locations = item.get("locations") or {}
        place = locations.get("place")
        at = point(place)
        properties["place_name"] = (place or {}).get("name")
        if at is not None:
            features.append(_feature(item["id"], "Point", at, properties))
        start, end = point(locations.get("origin")), point(locations.get("destination"))
        if start is not None and end is not None:
            properties["movement"] = True
            features.append(_feature(f"{item['id']}:movement", "LineString", f"[{start},{end}]", properties))
    cursor = _encode(next_cursor)
    return f'{{"type":"FeatureCollection","features":[{",".join(features)}],"next_cursor":{cursor}}}'


def _feature(feature_id: Any, geometry: str, coordinates: str, properties: dict[str, Any]) -> str:
    return (f'{{"type":"Feature","id":{_encode(str(feature_id))},"geometry":{{"type":"{geometry}",'
            f'"coordinates":{coordinates}}},"properties":{_encode(properties)}}}')  # fmt: skip


def _cell(kind: str, item: Mapping[str, Any], column: str) -> str:
    value: Any = item.get(column)
    if kind == "events":
        if column == "date":
            value = (item.get("date") or {}).get("start")
        elif column == "place":
            value = ((item.get("locations") or {}).get("place") or {}).get("name")
        elif column == "fatalities":
            value = (item.get("fatalities") or {}).get("best")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def table(kind: str, items: Iterable[Mapping[str, Any]], title: str = "") -> Any:
    """A rich table of the items, a few columns each (text is shown as text, never as markup)."""
    from rich.table import Table
    from rich.text import Text

    grid = Table(title=title or kind)
    for column in TABLE_COLUMNS[kind]:
        grid.add_column(column)
    for item in items:
        grid.add_row(*(Text(_cell(kind, item, c)) for c in TABLE_COLUMNS[kind]))
    return grid
