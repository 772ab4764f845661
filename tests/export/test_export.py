"""Exporters: each format on records with hand-made events and places, and on empty records."""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dateline.errors import ConfigError, UnknownExportFormat
from dateline.export import EXPORTERS, Exporter, get_exporter
from dateline.export.rows import ACLED_COLUMNS, EVENT_COLUMNS
from dateline.identity import content_hash
from dateline.records import DateMention, Quantity, Quote, Record

TEXT_A = (
    "Taliban fighters attacked police in Kunduz on Monday, killing at least 5 officers. "
    "About 200 families fled from Kunduz to Kabul last week. Clashes continued, residents said."
)
TEXT_B = "Around 300 people protested in Kabul on 2 February against the killing of civilians."

KUNDUZ = {
    "id": "geo:1135689", "name": "Kunduz", "country_code": "AF", "admin1": "Kunduz", "admin2": None,
    "lat": 36.72895, "lon": 68.857, "geonameid": 1135689, "feature": "PPLA",
}  # fmt: skip
KABUL = {
    "id": "geo:1138958", "name": "Kabul", "country_code": "AF", "admin1": "Kabul", "admin2": None,
    "lat": 34.52813, "lon": 69.17233, "geonameid": 1138958, "feature": "PPLC",
}  # fmt: skip
TALIBAN = {
    "id": "actor:taliban",
    "name": "Taliban",
    "kind": "militant_group",
    "country_code": "AF",
    "aliases": [],
}
POLICE = {
    "id": "actor:police",
    "name": "Police Forces of Afghanistan",
    "kind": "police",
    "country_code": "AF",
}
CIVILIANS = {
    "id": "actor:civilians",
    "name": "Civilians (Afghanistan)",
    "kind": "civilians",
    "country_code": "AF",
}


def _m(sub: str, text: str) -> dict:
    start = text.index(sub)
    return {"text": sub, "span": [start, start + len(sub)]}


def _q(sub: str, text: str, low: float | None, high: float | None, best: float | None, unit: str) -> dict:
    return {**_m(sub, text), "low": low, "high": high, "best": best, "qualifier": None, "unit": unit}


def _date(sub: str, text: str, start: str, end: str, precision: str) -> dict:
    return {**_m(sub, text), "start": start, "end": end, "precision": precision}


def _event(**fields: object) -> dict:
    event = {
        "id": None, "type": None, "acled_event_type": None, "acled_sub_event_type": None,
        "plover_event": None, "actors": [], "targets": [], "place": None, "origin": None, "destination": None,
        "date": None,
        "fatalities": None, "injured": None, "size": None, "modality": "asserted", "attribution": None,
        "evidence": [],
    }  # fmt: skip
    event.update(fields)
    return event


def record_a() -> Record:
    t = TEXT_A
    return Record(
        id="doc-a",
        text=t,
        published="2015-01-30",
        dateline=None,
        source="Example News",
        places=[
            {
                **KUNDUZ,
                "mentions": [
                    _m("Kunduz", t),
                    {"text": "Kunduz", "span": [t.rindex("Kunduz"), t.rindex("Kunduz") + 6]},
                ],
            },
            {**KABUL, "mentions": [_m("Kabul", t)]},
        ],
        actors=[
            {**TALIBAN, "mentions": [_m("Taliban", t)]},
            {**POLICE, "aliases": [], "mentions": [_m("police", t)]},
        ],
        events=[
            _event(
                id="doc-a:ev0",
                type="attack",
                acled_event_type="Battles",
                acled_sub_event_type="Armed clash",
                plover_event="ASSAULT",
                actors=[TALIBAN["id"]],
                targets=[POLICE["id"]],
                place=KUNDUZ["id"],
                date=_date("Monday", t, "2015-01-26", "2015-01-26", "day"),
                fatalities=_q("at least 5 officers", t, 5, None, None, "officers"),
                evidence=[
                    _m(
                        "Taliban fighters attacked police in Kunduz on Monday, killing at least 5 officers.",
                        t,
                    )
                ],
            ),
            _event(
                id="doc-a:ev1",
                type="displacement",
                acled_event_type="Strategic developments",
                acled_sub_event_type="Other",
                plover_event="MOVE",
                origin=KUNDUZ["id"],
                destination=KABUL["id"],
                date=_date("last week", t, "2015-01-19", "2015-01-25", "week"),
                size=_q("About 200 families", t, 150, 250, 200, "families"),
                evidence=[_m("About 200 families fled from Kunduz to Kabul last week.", t)],
            ),
            _event(
                id="doc-a:ev2",
                type="fighting",
                acled_event_type="Battles",
                modality="reported",
                attribution={"source": None, "text": "residents said"},
                evidence=[_m("Clashes continued, residents said.", t)],
            ),
        ],
        quantities=[
            Quantity("at least 5 officers", tuple(_m("at least 5 officers", t)["span"]), 5, None, None)
        ],
        dates=[DateMention("Monday", tuple(_m("Monday", t)["span"]), "2015-01-26", "2015-01-26", "day")],
        quotes=[Quote(None, "residents", "Clashes continued", tuple(_m("Clashes continued", t)["span"]))],
    )


def record_b() -> Record:
    t = TEXT_B
    return Record(
        id="doc-b",
        text=t,
        published="2015-02-03",
        dateline=None,
        title="Protest in Kabul",
        places=[{**KABUL, "mentions": [_m("Kabul", t)]}],
        actors=[{**CIVILIANS, "aliases": [], "mentions": [_m("civilians", t)]}],
        events=[
            _event(
                id="doc-b:ev0",
                type="protest",
                acled_event_type="Protests",
                acled_sub_event_type="Peaceful protest",
                place=KABUL["id"],
                date=_date("2 February", t, "2015-02-02", "2015-02-02", "day"),
                size=_q("Around 300 people", t, 250, 350, 300, "people"),
                evidence=[_m(t, t)],
            )
        ],
    )


def empty_record() -> Record:
    return Record(id="doc-empty", text="Nothing happened.", published=None, dateline=None)


RECORDS = (record_a, record_b, empty_record)


def records() -> list[Record]:
    """The test records, with the content hash ingest gives them (as the store would)."""
    return [replace(r, content_hash=content_hash(r.text)) for r in (make() for make in RECORDS)]


# --- registry -----------------------------------------------------------------------------------


def test_the_registry_holds_every_format() -> None:
    assert set(EXPORTERS) == {"acled-csv", "geojson", "gtd-csv", "jsonl", "parquet"}
    for name, exporter in EXPORTERS.items():
        assert isinstance(exporter, Exporter)
        assert exporter.name == name
        assert exporter.suffix.startswith(".") and exporter.description
        assert get_exporter(name) is exporter


def test_an_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(UnknownExportFormat) as err:
        get_exporter("xlsx")
    assert err.value.code == "E302"
    assert "xlsx" in str(err.value) and "acled-csv, geojson, gtd-csv, jsonl, parquet" in str(err.value)


def test_bad_options_are_a_configuration_error() -> None:
    with pytest.raises(ConfigError, match="nope"):
        get_exporter("parquet", table="nope")
    with pytest.raises(ConfigError):
        get_exporter("jsonl", table="events")


# --- jsonl --------------------------------------------------------------------------------------


def test_jsonl_writes_one_record_per_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert get_exporter("jsonl").write(iter(records()), out) == 3
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [r.to_dict() for r in records()]
    assert [Record.from_dict(json.loads(line)) for line in lines] == records()


def test_jsonl_of_nothing_is_an_empty_file(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "out.jsonl"
    assert get_exporter("jsonl").write([], out) == 0
    assert out.read_text() == ""


# --- acled-csv ----------------------------------------------------------------------------------


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def test_acled_csv_has_acleds_columns_in_order_then_ours(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert get_exporter("acled-csv").write(records(), out) == 4
    header, rows = _read_csv(out)
    assert header[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert header[:4] == ["event_id_cnty", "event_date", "year", "time_precision"]
    assert header[-1] == "fatalities_known"
    assert header[len(ACLED_COLUMNS) :][:5] == [
        "modality", "attribution_source", "attribution_text", "evidence_text", "evidence_spans",
    ]  # fmt: skip
    assert [r["dateline_event_id"] for r in rows] == ["doc-a:ev0", "doc-a:ev1", "doc-a:ev2", "doc-b:ev0"]


def test_acled_csv_maps_an_attack(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    get_exporter("acled-csv").write(records(), out)
    attack = _read_csv(out)[1][0]
    assert attack["event_date"] == "2015-01-26" and attack["year"] == "2015"
    assert attack["time_precision"] == "1"
    assert attack["disorder_type"] == "Political violence"
    assert (attack["event_type"], attack["sub_event_type"]) == ("Battles", "Armed clash")
    assert (attack["actor1"], attack["inter1"]) == ("Taliban", "2")
    assert (attack["actor2"], attack["inter2"]) == ("Police Forces of Afghanistan", "1")
    assert attack["interaction"] == "12"
    assert attack["civilian_targeting"] == ""
    assert (attack["iso"], attack["country"], attack["admin1"], attack["location"]) == (
        "4", "Afghanistan", "Kunduz", "Kunduz",
    )  # fmt: skip
    assert (float(attack["latitude"]), float(attack["longitude"])) == (36.72895, 68.857)
    assert attack["geo_precision"] == "1"
    assert attack["source"] == "Example News"
    assert attack["notes"].startswith("Taliban fighters attacked police in Kunduz")
    assert attack["evidence_spans"] == f"0-{TEXT_A.index('.') + 1}"
    assert (attack["fatalities"], attack["fatalities_known"]) == ("5", "true")
    assert (attack["date_start"], attack["date_end"], attack["document_id"]) == (
        "2015-01-26",
        "2015-01-26",
        "doc-a",
    )


def test_acled_csv_fills_unknowns_as_acled_does(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    get_exporter("acled-csv").write(records(), out)
    _, rows = _read_csv(out)
    movement, undated, protest = rows[1], rows[2], rows[3]
    assert movement["time_precision"] == "2"  # a week
    assert movement["location"] == ""  # a movement has no single place
    assert (movement["fatalities"], movement["fatalities_known"]) == ("0", "false")
    # no date of its own: the publication date, coarse precision, our date columns empty
    assert (undated["event_date"], undated["time_precision"], undated["date_start"]) == (
        "2015-01-30",
        "3",
        "",
    )
    assert (undated["modality"], undated["attribution_text"]) == ("reported", "residents said")
    assert protest["disorder_type"] == "Demonstrations"
    assert protest["tags"] == "crowd size=Around 300 people"
    assert protest["source"] == "Protest in Kabul"  # no source: the title
    # no named actor: ACLED's crowd of the event's country
    assert (protest["actor1"], protest["inter1"], protest["interaction"]) == (
        "Protesters (Afghanistan)",
        "6",
        "60",
    )
    assert (protest["region"], protest["iso"]) == ("Southern Asia", "4")


def test_acled_csv_marks_civilian_targeting(tmp_path: Path) -> None:
    t = "Gunmen killed three civilians."
    record = Record(
        id="c",
        text=t,
        published="2020-05-01",
        dateline=None,
        actors=[{**CIVILIANS, "aliases": [], "mentions": [_m("civilians", t)]}],
        events=[_event(id="c:0", acled_event_type="Violence against civilians", targets=[CIVILIANS["id"]])],
    )
    out = tmp_path / "c.csv"
    get_exporter("acled-csv").write([record], out)
    row = _read_csv(out)[1][0]
    assert (row["civilian_targeting"], row["inter2"]) == ("Civilian targeting", "7")
    # no perpetrator named: ACLED's unknown attackers (no place: no country to name them by)
    assert (row["actor1"], row["inter1"], row["interaction"]) == ("Unidentified Armed Group", "3", "37")


def test_acled_csv_of_records_without_events_is_a_header(tmp_path: Path) -> None:
    out = tmp_path / "none.csv"
    assert get_exporter("acled-csv").write([empty_record()], out) == 0
    header, rows = _read_csv(out)
    assert header == list(EVENT_COLUMNS) and rows == []


# --- geojson ------------------------------------------------------------------------------------


def _check_geojson(collection: dict) -> None:
    """The structure RFC 7946 asks for, positions as [lon, lat] within range."""
    assert collection["type"] == "FeatureCollection"
    assert isinstance(collection["features"], list)
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        positions = [geometry["coordinates"]] if geometry["type"] == "Point" else geometry["coordinates"]
        assert geometry["type"] in ("Point", "LineString")
        if geometry["type"] == "LineString":
            assert len(positions) >= 2
        for lon, lat in positions:
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        for value in feature["properties"].values():
            assert not isinstance(value, dict)  # flat


def test_geojson_maps_events_movements_and_places(tmp_path: Path) -> None:
    out = tmp_path / "map.geojson"
    assert get_exporter("geojson").write(records(), out) == 5
    collection = json.loads(out.read_text(encoding="utf-8"))
    _check_geojson(collection)
    by_type: dict[str, list[dict]] = {}
    for feature in collection["features"]:
        by_type.setdefault(feature["properties"]["feature_type"], []).append(feature)
    assert {k: len(v) for k, v in by_type.items()} == {"event": 2, "movement": 1, "place": 2}

    attack = by_type["event"][0]
    assert attack["id"] == "doc-a:ev0"
    assert attack["geometry"]["coordinates"] == [68.857, 36.72895]  # lon, lat
    props = attack["properties"]
    assert props["document_id"] == "doc-a" and props["acled_event_type"] == "Battles"
    assert props["date_start"] == "2015-01-26" and props["fatalities_low"] == 5
    assert props["actor_names"] == ["Taliban"] and props["place_name"] == "Kunduz"

    movement = by_type["movement"][0]
    assert movement["geometry"] == {
        "type": "LineString",
        "coordinates": [[68.857, 36.72895], [69.17233, 34.52813]],
    }
    assert movement["properties"]["size_best"] == 200

    places = {f["properties"]["name"]: f["properties"] for f in by_type["place"]}
    assert places["Kabul"]["documents"] == ["doc-a", "doc-b"] and places["Kabul"]["mention_count"] == 2
    assert places["Kunduz"]["mention_count"] == 2 and places["Kunduz"]["documents"] == ["doc-a"]
    assert places["Kunduz"]["feature"] == "PPLA" and places["Kunduz"]["geonameid"] == 1135689


def test_geojson_leaves_out_places_without_coordinates(tmp_path: Path) -> None:
    nowhere = {**KABUL, "id": "geo:x", "lat": None, "lon": None, "mentions": []}
    record = Record(
        id="n",
        text="x",
        published=None,
        dateline=None,
        places=[nowhere],
        events=[_event(id="n:0", place="geo:x")],
    )
    out = tmp_path / "n.geojson"
    assert get_exporter("geojson").write([record], out) == 0


def test_geojson_of_nothing_is_a_valid_empty_collection(tmp_path: Path) -> None:
    out = tmp_path / "empty.geojson"
    assert get_exporter("geojson").write([empty_record()], out) == 0
    collection = json.loads(out.read_text())
    assert collection == {"type": "FeatureCollection", "features": []}


# --- parquet ------------------------------------------------------------------------------------


def test_parquet_events_have_the_acled_csv_columns_typed(tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert get_exporter("parquet").write(records(), out) == 4
    table = pq.read_table(out)
    assert table.column_names == list(EVENT_COLUMNS)
    assert table.schema.field("event_date").type == pa.date32()
    assert table.schema.field("fatalities").type == pa.int64()
    assert table.schema.field("fatalities_known").type == pa.bool_()
    rows = table.to_pylist()
    assert rows[0]["event_date"] == dt.date(2015, 1, 26)
    assert (rows[0]["fatalities"], rows[0]["fatalities_known"]) == (5, True)
    assert (rows[0]["latitude"], rows[0]["iso"]) == (36.72895, 4)
    assert rows[1]["latitude"] is None


def test_parquet_keeps_typed_columns_when_empty(tmp_path: Path) -> None:
    for table in ("events", "documents", "quantities", "dates", "quotes", "places", "actors"):
        out = tmp_path / f"{table}.parquet"
        assert get_exporter("parquet", table=table).write([], out) == 0
        read = pq.read_table(out)
        assert read.num_rows == 0 and read.num_columns > 3
    assert pq.read_table(tmp_path / "events.parquet").schema.field("year").type == pa.int64()


def test_parquet_writes_the_other_tables(tmp_path: Path) -> None:
    def rows(table: str) -> list[dict]:
        out = tmp_path / f"{table}.parquet"
        get_exporter("parquet", table=table).write(records(), out)
        return pq.read_table(out).to_pylist()

    documents = rows("documents")
    assert [d["id"] for d in documents] == ["doc-a", "doc-b", "doc-empty"]
    assert documents[0]["events"] == 3 and documents[0]["published"] == dt.date(2015, 1, 30)
    quantities = rows("quantities")
    assert quantities == [
        {
            "document_id": "doc-a", "position": 0, "text": "at least 5 officers",
            "span_start": TEXT_A.index("at least"), "span_end": TEXT_A.index("at least") + 19,
            "low": 5.0, "high": None, "best": None, "qualifier": None, "unit": None, "vague": False,
            "group": None,
        }
    ]  # fmt: skip
    assert rows("dates")[0]["start"] == dt.date(2015, 1, 26)
    assert rows("quotes")[0]["speaker_text"] == "residents"
    places = {p["id"]: p for p in rows("places")}
    assert places[KABUL["id"]]["document_count"] == 2 and places[KABUL["id"]]["documents"] == [
        "doc-a",
        "doc-b",
    ]
    assert places[KUNDUZ["id"]]["mention_count"] == 2
    actors = {a["name"]: a for a in rows("actors")}
    assert set(actors) == {"Taliban", "Police Forces of Afghanistan", "Civilians (Afghanistan)"}
    assert actors["Taliban"]["kind"] == "militant_group" and actors["Taliban"]["aliases"] == []


def test_exporters_read_the_store(tmp_path: Path) -> None:
    from dateline.store import Store

    with Store.open(tmp_path / "d.db") as store:
        store.add_records(records())
        for name, exporter in EXPORTERS.items():
            direct = tmp_path / f"direct{exporter.suffix}"
            stored = tmp_path / f"stored{exporter.suffix}"
            assert exporter.write(records(), direct) == exporter.write(store.iter_records(), stored), name
            if name != "parquet":
                assert direct.read_bytes() == stored.read_bytes(), name


def test_acled_csv_leaves_out_events_acled_does_not_code(tmp_path: Path) -> None:
    t = "Officials demanded talks."
    record = Record(
        id="doc-v", text=t, published="2015-01-30", dateline=None,
        events=[_event(id="doc-v:ev0", type="demand", plover_event="DEMAND", evidence=[_m(t, t)])],
    )  # fmt: skip
    out = tmp_path / "events.csv"
    assert get_exporter("acled-csv").write([record], out) == 0
    parquet = tmp_path / "events.parquet"
    assert get_exporter("parquet").write([record], parquet) == 1  # our own table keeps every event
