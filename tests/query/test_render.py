"""The renderings of a page: GeoJSON text as ``json.dumps`` writes the collection."""

from __future__ import annotations

import json

from dateline.query.render import to_geojson


def test_geojson_text_is_the_collection_as_json_writes_it() -> None:
    """The GeoJSON writer (each place's coordinates written once a page) gives json.dumps's text of the
    collection: odd names, points that are no coordinates, movements, places."""
    here = {"id": "p1", "name": 'Qal\u02bfa "Nu" \\ \u0645\u0632\u0627\u0631\n', "lat": 34.5, "lon": 69.25}
    there = {"id": "p2", "name": "There", "lat": -1.0000000000000002, "lon": 179.99}
    nowhere = {"id": "p3", "name": "Nowhere", "lat": 100.0, "lon": 0.0}
    flag = {"id": "p4", "name": "Flag", "lat": True, "lon": 1}  # no coordinate, though True == 1
    one = {"id": "p5", "name": "One", "lat": 1, "lon": 1}
    items = [
        {"id": "e1", "type": "attack", "fatalities": {"best": 2.5}, "locations": {"place": here}},
        {"id": "e2", "type": "movement", "evidence": [{"text": "x"}],
         "locations": {"place": here, "origin": here, "destination": there}},
        {"id": "e3", "type": "attack",
         "locations": {"place": nowhere, "origin": nowhere, "destination": there}},
        {"id": "e4", "type": "attack", "locations": {"place": flag}},
        {"id": "e5", "type": "attack", "locations": {"place": dict(here)}},
        {"id": "e7", "type": "attack", "locations": {"place": one}},
        {"id": 6, "type": None, "locations": None},
    ]  # fmt: skip

    def feature(fid, geometry, coordinates, properties):
        return {"type": "Feature", "id": fid, "geometry": {"type": geometry, "coordinates": coordinates},
                "properties": properties}  # fmt: skip

    at, to = [69.25, 34.5], [179.99, -1.0000000000000002]
    e1 = {"id": "e1", "type": "attack", "fatalities": {"best": 2.5}, "place_name": here["name"]}
    e2 = {"id": "e2", "type": "movement", "place_name": here["name"]}
    e5 = {"id": "e5", "type": "attack", "place_name": here["name"]}
    expected = {"type": "FeatureCollection", "features": [
        feature("e1", "Point", at, e1), feature("e2", "Point", at, e2),
        feature("e2:movement", "LineString", [at, to], {**e2, "movement": True}),
        feature("e5", "Point", at, e5),
        feature("e7", "Point", [1.0, 1.0], {"id": "e7", "type": "attack", "place_name": "One"})],
        "next_cursor": "c\u00e9"}  # fmt: skip
    text = to_geojson("events", items, "c\u00e9")
    assert text == json.dumps(expected, ensure_ascii=False, separators=(",", ":"))
    assert json.loads(text)["features"][0]["properties"]["place_name"] == here["name"]
    places = to_geojson("places", [here, nowhere, {**there, "events": 3}])
    assert json.loads(places) == {"type": "FeatureCollection", "next_cursor": None, "features": [
        feature("p1", "Point", at, here), feature("p2", "Point", to, {**there, "events": 3})]}  # fmt: skip
