"""The HTTP API as a client sees it: a real server on a localhost port, every endpoint, real bytes."""

from __future__ import annotations

import csv
import io
import json

import pytest

#: Every test here on both engines: the server over a SQLite store, then over a PostgreSQL one.
pytestmark = pytest.mark.parametrize("server", ["sqlite", "postgresql"], indirect=True, scope="module")

TTP = "tehrik-i-taliban-pakistan"
KINDS = ("events", "places", "actors", "documents", "relations")
STORY = (
    "MOGADISHU (Reuters) - At least 15 soldiers were killed on Tuesday when al Shabaab fighters "
    "stormed a base in Lower Shabelle, a military officer said.\n"
)


@pytest.fixture(scope="module")
def client(server):
    with server.client() as opened:
        yield opened


def every(client, kind: str, limit: int = 13, **params) -> list[dict]:
    items, cursor = [], None
    for _ in range(500):
        query = {**params, "limit": limit, **({"cursor": cursor} if cursor else {})}
        response = client.get(f"/api/{kind}", params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["items"]
        cursor = body["next_cursor"]
        assert response.headers.get("x-next-cursor") == cursor
        if cursor is None:
            return items
    raise AssertionError(f"the {kind} list never ended")


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    return body["error"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_list_pages_through_every_item_exactly_once(client, kind: str) -> None:
    total = client.get("/api/facets").json()["counts"][kind]
    assert total > 0
    items = every(client, kind, limit=13 if kind == "events" else 5)
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)) == total


@pytest.mark.parametrize("name", ["TTP", "Pakistani Taliban", "pakistani taliban", TTP])
def test_events_by_any_name_of_an_actor(client, name: str) -> None:
    events = every(client, "events", actor=name)
    assert len(events) >= 3
    assert all(TTP in e["actors"] + e["targets"] for e in events)
    everything = every(client, "events", limit=200)
    assert {e["id"] for e in events} == {e["id"] for e in everything if TTP in e["actors"] + e["targets"]}


def test_a_province_finds_its_districts_events(client) -> None:
    events = every(client, "events", place="Zabul")
    assert events
    zabul = client.get("/api/places/geonames:1121143").json()
    assert zabul["name"] == "Zabul" and zabul["events"]["inside"] == len(events)
    for event in events:
        place = event["locations"]["place"]
        assert place["admin1_id"] == "geonames:1121143"
    assert any(e["locations"]["place"]["feature"] == "ADM2" for e in events)


def test_other_filters(client) -> None:
    violent = every(client, "events", type="violence", since="2014-01-01", until="2015-12-31")
    assert violent and {e["family"] for e in violent} == {"violence"}
    boxed = every(client, "events", bbox="69,33,72,35.5")
    for event in boxed:
        points = [p for p in event["locations"].values() if p]
        assert any(69 <= p["lon"] <= 72 and 33 <= p["lat"] <= 35.5 for p in points)
    assert boxed
    reported = every(client, "events", modality="reported")
    assert reported and {e["modality"] for e in reported} == {"reported"}
    daily = every(client, "documents", source="founding article (Pakistani daily)")
    assert [d["id"] for d in daily] == ["004_1ac5274d8c6e2a1b"]
    one_document = every(client, "events", document="004_1ac5274d8c6e2a1b")
    assert one_document and {e["document"] for e in one_document} == {"004_1ac5274d8c6e2a1b"}
    assert all(TTP in (r["subject"], r["object"]) for r in every(client, "relations", actor="TTP"))
    assert [a["id"] for a in every(client, "actors", actor="TTP")] == [TTP]


def test_csv_renderings_parse(client) -> None:
    response = client.get("/api/events", params={"format": "csv", "actor": "TTP", "limit": 100})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    as_json = client.get("/api/events", params={"actor": "TTP", "limit": 100}).json()["items"]
    assert [r["id"] for r in rows] == [e["id"] for e in as_json]
    assert all(TTP in r["actors"].split("; ") + r["targets"].split("; ") for r in rows)
    places = list(csv.DictReader(io.StringIO(client.get("/api/places", params={"format": "csv"}).text)))
    assert {"id", "name", "lat", "lon", "events"} <= set(places[0])


def test_geojson_renderings_parse(client) -> None:
    response = client.get("/api/events", params={"format": "geojson", "limit": 200})
    assert response.status_code == 200 and response.headers["content-type"] == "application/geo+json"
    collection = json.loads(response.text)
    assert collection["type"] == "FeatureCollection" and collection["features"]
    events = {e["id"]: e for e in client.get("/api/events", params={"limit": 200}).json()["items"]}
    for feature in collection["features"]:
        assert feature["geometry"]["type"] in ("Point", "LineString")
        if feature["geometry"]["type"] == "Point":
            lon, lat = feature["geometry"]["coordinates"]
            place = events[feature["id"]]["locations"]["place"]
            assert (lon, lat) == (place["lon"], place["lat"])
    places = client.get("/api/places", params={"format": "geojson", "place": "Zabul"}).json()
    assert {f["properties"]["name"] for f in places["features"]} == {"Zabul", "Daychopan", "Kakar"}
    assert error_of(client.get("/api/actors", params={"format": "geojson"}), 400)["code"] == "E203"


def test_the_map_endpoint_gives_the_events_points_and_movements(client) -> None:
    everything = client.get("/api/map").json()
    events = {e["id"]: e for e in every(client, "events", limit=200)}
    points = {f["id"]: f for f in everything["features"] if f["geometry"]["type"] == "Point"}
    located = {i for i, e in events.items() if (e["locations"]["place"] or {}).get("lat") is not None}
    assert set(points) == located and everything["next_cursor"] is None
    for event_id, feature in points.items():
        place, props = events[event_id]["locations"]["place"], feature["properties"]
        assert feature["geometry"]["coordinates"] == [place["lon"], place["lat"]]
        assert (props["document"], props["type"], props["family"]) == (
            events[event_id]["document"], events[event_id]["type"], events[event_id]["family"])
        assert props["geo_precision"] == events[event_id]["geo_precision"]
        date, toll = events[event_id]["date"] or {}, (events[event_id]["fatalities"] or {}).get("best")
        assert props["date"] == {"start": date.get("start"), "end": date.get("end")}
        assert props["fatalities"] == ({"best": toll} if toll is not None else None)
    lines = [f for f in everything["features"] if f["geometry"]["type"] == "LineString"]
    assert lines and all(f["properties"]["movement"] for f in lines)
    ttp = client.get("/api/map", params={"actor": "TTP", "limit": 2})
    assert ttp.headers["content-type"] == "application/geo+json"
    following = client.get("/api/map", params={"actor": "TTP", "cursor": ttp.json()["next_cursor"]}).json()
    both = ttp.json()["features"] + following["features"]
    ids = [f["id"] for f in both if f["geometry"]["type"] == "Point"]
    assert sorted(ids) == sorted(e["id"] for e in every(client, "events", actor="TTP") if e["id"] in points)
    assert error_of(client.get("/api/map", params={"since": "nope"}), 400)["code"] == "E202"


def test_items_by_id(client) -> None:
    event = client.get("/api/events", params={"actor": "TTP", "limit": 1}).json()["items"][0]
    got = client.get(f"/api/events/{event['id']}").json()
    assert got == event and got["evidence"][0]["text"]
    document = client.get(f"/api/documents/{event['document']}").json()
    assert any(e["id"] == event["id"] for e in document["events"])
    start, end = got["evidence"][0]["span"]
    assert document["text"][start:end] == got["evidence"][0]["text"]
    actor = client.get(f"/api/actors/{TTP}").json()
    assert actor["name"] == "Tehrik-i-Taliban Pakistan" and "Pakistani Taliban" in actor["aliases"]
    kakar = client.get("/api/places/geonames:7053347").json()
    assert [p["name"] for p in kakar["parents"]] == ["Zabul", "Afghanistan"]
    relation = client.get("/api/relations", params={"limit": 1}).json()["items"][0]
    assert client.get(f"/api/relations/{relation['id']}").json() == relation
    for kind in KINDS:
        assert error_of(client.get(f"/api/{kind}/no-such-id"), 404)["code"] == "E305"


def test_facets_and_counts(client) -> None:
    body = client.get("/api/facets", params={"actor": "TTP"}).json()
    n = body["counts"]["events"]
    assert n == len(every(client, "events", actor="TTP"))
    facets = body["facets"]
    assert sum(facets["type"].values()) == sum(facets["family"].values()) == n
    assert sum(facets["day"].values()) + facets["undated"] == n
    assert facets["actors"][0]["id"] == TTP


def test_the_schema_names_every_endpoint(client) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    for kind in KINDS:
        assert f"/api/{kind}" in paths and f"/api/{kind}/{{item_id}}" in paths
    assert {"/api/facets", "/api/map", "/api/extract", "/api/documents"} <= paths
    parameters = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    filters = {"actor", "place", "bbox", "type", "since", "until", "modality", "source", "limit", "cursor"}
    assert filters <= parameters


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"since": "2015-02-30"}, "E202"),
        ({"actor": "No Such Group Anywhere"}, "E204"),
        ({"place": "Atlantis"}, "E204"),
        ({"type": "picnic"}, "E204"),
        ({"bbox": "60,29,75"}, "E203"),
        ({"bbox": "a,b,c,d"}, "E203"),
        ({"limit": "lots"}, "E203"),
        ({"limit": "5000"}, "E203"),
        ({"cursor": "garbage"}, "E203"),
        ({"format": "xlsx"}, "E203"),
    ],
)
def test_bad_parameters_are_json_errors_with_the_cli_codes(client, params: dict, code: str) -> None:
    assert error_of(client.get("/api/events", params=params), 400)["code"] == code


def test_unknown_paths_are_json_errors(client) -> None:
    assert error_of(client.get("/api/nothing-here"), 404)["code"] == "E305"


def test_sql_fragments_are_inert(client) -> None:
    total = client.get("/api/facets").json()["counts"]["events"]
    assert client.get("/api/events", params={"source": "x' OR '1'='1"}).json()["items"] == []
    injected = {"document": "1 OR 1=1; DROP TABLE events; --"}
    assert client.get("/api/events", params=injected).json()["items"] == []
    assert error_of(client.get("/api/events", params={"actor": "' OR 1=1 --"}), 400)["code"] == "E204"
    assert error_of(client.get("/api/events", params={"place": "%' OR '%'='"}), 400)["code"] == "E204"
    assert client.get("/api/facets").json()["counts"]["events"] == total


def test_extract_reads_a_pasted_article_without_storing_it(client) -> None:
    before = client.get("/api/facets").json()["counts"]
    response = client.post(
        "/api/extract", params={"published": "2023-03-09"}, content=STORY.encode(),
        headers={"Content-Type": "text/plain"},
    )  # fmt: skip
    assert response.status_code == 200, response.text
    (record,) = response.json()["records"]
    assert record["text"] == STORY and record["published"] == "2023-03-09"
    assert any(q["low"] == 15 for q in record["quantities"])
    assert any(a["name"].startswith("al-Shabaab") or "Shabaab" in a["name"] for a in record["actors"])
    assert client.get("/api/facets").json()["counts"] == before
    assert error_of(client.get(f"/api/documents/{record['id']}"), 404)["code"] == "E305"


def test_extract_reads_an_uploaded_file(client) -> None:
    html = f"<html><head><title>Raid</title></head><body><p>{STORY}</p></body></html>"
    files = {"file": ("story.html", html.encode(), "text/html")}
    response = client.post("/api/extract", files=files)
    assert response.status_code == 200, response.text
    (record,) = response.json()["records"]
    assert "al Shabaab fighters" in record["text"] and "<p>" not in record["text"]
    assert error_of(client.post("/api/extract", content=b"  "), 400)["code"] == "E102"
    exe = {"file": ("story.exe", b"MZ...", "application/x-msdownload")}
    unsupported = client.post("/api/extract", files=exe)
    assert error_of(unsupported, 400)["code"] == "E101"
    too_big = client.post("/api/extract", content=b"word " * 50_000, headers={"Content-Type": "text/plain"})
    assert error_of(too_big, 413)["code"] == "E502"


def test_storing_needs_the_token(client, server) -> None:
    body = b"ISLAMABAD: Gunmen killed three policemen in Peshawar on Monday, police said."
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": server.token}):
        refused = client.post("/api/documents", content=body, headers=headers)
        assert error_of(refused, 401)["code"] == "E501"
        assert refused.headers["www-authenticate"] == "Bearer"
    before = client.get("/api/facets").json()["counts"]["documents"]
    auth = {"Authorization": f"Bearer {server.token}", "Content-Type": "text/plain"}
    stored = client.post("/api/documents", content=body, headers=auth)
    assert stored.status_code == 201, stored.text
    assert stored.json()["stored"] == 1
    (record,) = stored.json()["records"]
    assert client.get(f"/api/documents/{record['id']}").json()["text"] == body.decode()
    assert client.get("/api/facets").json()["counts"]["documents"] == before + 1
    again = client.post("/api/documents", content=body, headers=auth)
    assert again.status_code == 200 and again.json()["already_stored"] == 1


def test_an_article_with_markup_and_sql_comes_back_as_data(client) -> None:
    text = "KABUL - <script>alert(1)</script> <img src=x onerror=alert(2)> '; DROP TABLE documents; -- said."
    response = client.post("/api/extract", content=text.encode(), headers={"Content-Type": "text/plain"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert response.json()["records"][0]["text"] == text
    assert client.get("/api/facets").json()["counts"]["documents"] >= 2


@pytest.mark.parametrize(
    "path",
    ["/api/events", "/api/events?format=csv", "/api/places?format=geojson", "/api/facets", "/openapi.json",
     "/api/nothing-here", "/api/events?since=bad"],
)  # fmt: skip
def test_every_response_carries_a_strict_content_security_policy(client, path: str) -> None:
    response = client.get(path)
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_refused_post_carries_the_headers_too(client) -> None:
    response = client.post("/api/documents", content=b"text")
    assert response.status_code == 401 and "default-src 'none'" in response.headers["content-security-policy"]


def test_status_tells_whether_the_event_index_is_loaded(client) -> None:
    status = client.get("/api/status").json()
    events = client.get("/api/facets").json()["counts"]["events"]
    assert status["event_index"] == {"loaded": True, "events": events} and events
