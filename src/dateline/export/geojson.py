"""GeoJSON: events as points, movements as lines, places as points, in one FeatureCollection.

Coordinates are ``[lon, lat]`` (RFC 7946). An event whose place (or a movement
whose origin or destination) is not a located place of its record is left out
of the map. Each feature's ``properties.feature_type`` says which of the three
it is. Features are written as they come, so memory holds only the place tally.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dateline.export.files import output_file
from dateline.export.rows import EntityTally, flat_event
from dateline.export.view import RecordView
from dateline.records import Place, Record

#: The place fields a place feature carries, besides its counts.
PLACE_PROPERTIES = ("id", "name", "country_code", "admin1", "admin2", "feature", "geonameid")


def position(lat: Any, lon: Any) -> list[float] | None:
    """``[lon, lat]``, or None when the two are not valid coordinates."""
    if (
        isinstance(lat, bool)
        or isinstance(lon, bool)
        or not isinstance(lat, int | float)
        or not isinstance(lon, int | float)
    ):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return [float(lon), float(lat)]


def _at(place: Place | None) -> list[float] | None:
    return position(place.lat, place.lon) if place is not None else None


def _feature(geometry: dict[str, Any], properties: dict[str, Any], feature_id: Any) -> dict[str, Any]:
    feature: dict[str, Any] = {"type": "Feature"}
    if feature_id is not None:
        feature["id"] = str(feature_id)
    feature["geometry"] = geometry
    feature["properties"] = properties
    return feature


def record_features(record: Record) -> Iterable[dict[str, Any]]:
    """The event and movement features of one record."""
    view = RecordView(record)
    for event in record.events:
        flat = None
        at = _at(view.place(event.place))
        if at is not None:
            flat = flat_event(view, event)
            yield _feature({"type": "Point", "coordinates": at}, {"feature_type": "event", **flat}, event.id)
        start = _at(view.place(event.origin))
        end = _at(view.place(event.destination))
        if start is not None and end is not None:
            flat = flat or flat_event(view, event)
            yield _feature(
                {"type": "LineString", "coordinates": [start, end]},
                {"feature_type": "movement", **flat},
                f"{event.id}:movement",
            )


def place_features(places: EntityTally) -> Iterable[dict[str, Any]]:
    for place in places:
        at = position(place.get("lat"), place.get("lon"))
        if at is None:
            continue
        properties = {key: place.get(key) for key in PLACE_PROPERTIES}
        properties.update(
            feature_type="place", mention_count=place["mention_count"], documents=place["documents"]
        )
        yield _feature({"type": "Point", "coordinates": at}, properties, place.get("id"))


class GeoJsonExporter:
    name = "geojson"
    suffix = ".geojson"
    description = "a GeoJSON FeatureCollection: events and places as points, movements as lines"

    def write(self, records: Iterable[Record], out: Path) -> int:
        places = EntityTally("places")
        written = 0
        with output_file(out, newline="\n") as fh:
            fh.write('{"type": "FeatureCollection", "features": [')
            for record in records:
                places.add(record)
                for feature in record_features(record):
                    fh.write(",\n" if written else "\n")
                    fh.write(json.dumps(feature, ensure_ascii=False, allow_nan=False))
                    written += 1
            for feature in place_features(places):
                fh.write(",\n" if written else "\n")
                fh.write(json.dumps(feature, ensure_ascii=False, allow_nan=False))
                written += 1
            fh.write("\n]}\n")
        return written
