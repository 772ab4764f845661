"""Typed records: places, actors, events and relations are built, checked and rendered as record.md says."""

from __future__ import annotations

import dataclasses
import json

import pytest

from dateline.eventrow import NESTED_COLUMNS, flatten_event
from dateline.records import (
    Actor,
    Event,
    EventDate,
    Mention,
    Place,
    PlaceCandidate,
    Quantity,
    Record,
    Relation,
    Responsibility,
    SaidBy,
)

KABUL = Place(
    "geonames:1138958", "Kabul", "AF", "Kabul", "Kabul", 34.52813, 69.17233, 1138958, "PPLC"
).to_dict()
EVENT = {
    "id": "e1",
    "type": "attack",
    "acled_event_type": "Violence against civilians",
    "acled_sub_event_type": "Attack",
    "plover_event": "ASSAULT",
    "actors": ["a-taliban"],
    "targets": ["a-civilians"],
    "place": KABUL["id"],
    "sublocation": None,
    "origin": None,
    "destination": None,
    "date": {
        "text": "",
        "span": None,
        "start": "2021-05-12",
        "end": "2021-05-12",
        "precision": "day",
        "relative": False,
        "resolved": True,
        "from_published": True,
    },
    "fatalities": {
        "text": "two",
        "span": [20, 23],
        "low": 2,
        "high": 2,
        "best": 2,
        "qualifier": None,
        "unit": None,
        "vague": False,
        "group": None,
    },
    "injured": None,
    "size": None,
    "modality": "reported",
    "attribution": {"source": "a-police", "text": "police said"},
    "evidence": [{"text": "Gunmen killed two people in Kabul.", "span": [0, 34]}],
    "geo_precision": 1,
    "time_precision": 2,
    "fatalities_breakdown": [],
    "trigger": {"text": "killed", "span": [7, 13]},
    "claimed_event": None,
    "responsibility": [
        {
            "actor": "a-taliban",
            "stance": "attributed",
            "source": "a-police",
            "source_text": "police",
            "text": "Police blamed the Taliban.",
            "span": [30, 56],
        }
    ],
    "gtd_attack_type": None,
    "gtd_target_type": None,
    "gtd_weapon_type": None,
    "gtd_claimed": None,
    "gtd_suicide": None,
    "gtd_success": None,
    "fatalities_perpetrators": None,
    "injured_perpetrators": None,
}
RELATION = {
    "id": "r1", "subject": "a-mujahid", "predicate": "member_of", "object": "a-taliban",
    "modality": "asserted",
    "evidence": [{"text": "Taliban spokesman Zabihullah Mujahid said.", "span": [0, 42]}],
    "subject_text": "Zabihullah Mujahid", "object_text": "Taliban",
    "trigger": {"text": "spokesman", "span": [8, 17]},
    "attribution": None, "role": "spokesman", "former": False, "event": None, "target_relation": None,
}  # fmt: skip


def test_a_place_is_built_from_its_dict_with_typed_mentions_and_candidates() -> None:
    data = {
        **KABUL,
        "mentions": [{"text": "Kabul", "span": [0, 5]}],
        "geo_precision": 1,
        "ambiguous": True,
        "candidates": [
            {
                "id": "geonames:1",
                "name": "Kabul",
                "country_code": "AF",
                "admin1": None,
                "lat": 1.0,
                "lon": 2.0,
                "feature": "PPL",
            }
        ],
    }
    place = Place.from_dict(data)
    assert place.mentions == (Mention("Kabul", (0, 5)),)
    assert place.candidates[0] == PlaceCandidate("geonames:1", "Kabul", "AF", None, 1.0, 2.0, "PPL")
    assert place.to_dict() == data and list(place.to_dict()) == list(data)
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.name = "Herat"  # type: ignore[misc]


def test_an_actor_without_registry_fields_renders_without_them() -> None:
    registered = {"id": "a-taliban", "name": "Taliban", "kind": "militant_group", "country_code": "AF",
                  "aliases": ["the group"], "acled_inter": 2, "role": None, "acled_name": "Taliban",
                  "registered": True, "parents": ["a-islamic-emirate"],
                  "mentions": [{"text": "Taliban", "span": [0, 7]}]}  # fmt: skip
    assert Actor.from_dict(registered).to_dict() == registered
    assert list(Actor.from_dict(registered).to_dict()) == list(registered)
    stand_in = {"id": "x-militant_group.taliban", "name": "Taliban", "kind": "militant_group",
                "country_code": None, "aliases": [], "mentions": []}  # fmt: skip
    actor = Actor.from_dict(stand_in)
    assert actor.registered is None and actor.aliases == ()
    assert list(actor.to_dict()) == list(stand_in)


def test_an_event_types_its_nested_fields_and_renders_the_same_dict() -> None:
    event = Event.from_dict(EVENT)
    assert event.actors == ("a-taliban",) and event.targets == ("a-civilians",)
    assert isinstance(event.date, EventDate) and event.date.from_published and event.date.span is None
    assert isinstance(event.fatalities, Quantity) and event.fatalities.best == 2
    assert event.attribution == SaidBy("a-police", "police said")
    assert event.trigger == Mention("killed", (7, 13))
    assert event.responsibility[0].stance == "attributed" and event.responsibility[0].span == (30, 56)
    assert json.dumps(event.to_dict()) == json.dumps(EVENT)
    assert Event.from_dict(event.to_dict()) == event


def test_a_responsibility_stance_outside_the_known_ones_is_refused() -> None:
    with pytest.raises(ValueError, match="stance"):
        Responsibility("a-taliban", "rumoured", None, None, "They did it.", (0, 12))


def test_an_event_date_writes_from_published_only_when_it_is_true() -> None:
    date = EventDate("Monday", (3, 9), "2021-05-10", "2021-05-10", "day")
    assert "from_published" not in date.to_dict()
    assert list(date.to_dict()) == ["text", "span", "start", "end", "precision", "relative", "resolved"]
    published = EventDate("", None, "2021-05-12", "2021-05-12", "day", from_published=True)
    assert published.to_dict()["from_published"] is True


def test_a_relation_renders_the_same_dict() -> None:
    relation = Relation.from_dict(RELATION)
    assert relation.object == "a-taliban" and relation.evidence[0].span == (0, 42)
    assert json.dumps(relation.to_dict()) == json.dumps(RELATION)


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        (Event, {**EVENT, "modality": "rumoured"}, "unknown modality"),
        (Relation, {**RELATION, "modality": "probably"}, "unknown modality"),
        (Event, {**EVENT, "trigger": {"text": "killed", "span": [13, 7]}}, "bad span"),
        (Relation, {**RELATION, "evidence": [{"text": "x", "span": [-1, 3]}]}, "bad span"),
        (Place, {**KABUL, "mentions": [{"text": "Kabul", "span": [5, 0]}]}, "bad span"),
        (Place, {**KABUL, "id": ""}, "no id"),
        (Place, {**KABUL, "geo_precision": 4}, "precision"),
        (Actor, {"id": "", "name": "Taliban", "kind": "militant_group"}, "no id"),
        (Event, {**EVENT, "time_precision": 0}, "precision"),
        (Event, {**EVENT, "date": {**EVENT["date"], "start": "2021-05-13"}}, "after end"),
    ],
)
def test_bad_input_is_refused_at_construction(kind: type, data: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        kind.from_dict(data)


def test_a_record_types_the_dicts_it_is_given() -> None:
    record = Record(id="d", text="t", published=None, dateline=None, places=[{**KABUL}], events=[EVENT])
    assert isinstance(record.places[0], Place) and isinstance(record.events[0], Event)
    assert Record.from_dict(record.to_dict()) == record


def test_the_flat_event_row_has_every_nested_column_and_evidence_last() -> None:
    flat = flatten_event(Event.from_dict(EVENT))
    for key, subs in NESTED_COLUMNS.items():
        assert all(f"{key}_{sub}" in flat for sub in subs)
    assert flat["date_from_published"] is True and flat["fatalities_best"] == 2
    assert flat["injured_best"] is None
    assert flat["attribution_source"] == "a-police" and flat["trigger_text"] == "killed"
    assert "trigger_span" not in flat and "date_span" not in flat
    assert list(flat)[-2:] == ["evidence_text", "evidence_spans"] and flat["evidence_spans"] == "0-34"
    bare = flatten_event(Event("e2", "protest"))
    assert bare["date_start"] is None and bare["evidence_text"] == "" and bare["actors"] == []


def test_the_founding_articles_round_trip(extractor, repo_root) -> None:
    lines = (repo_root / "examples" / "founding_articles.jsonl").read_text("utf-8").splitlines()
    for line in lines:
        source = json.loads(line)
        record = extractor.extract_text(source["text"], published=source.get("published"), doc_id="doc")
        assert record.places and record.actors and record.events
        assert all(isinstance(e, Event) for e in record.events)
        data = record.to_dict()
        back = Record.from_dict(json.loads(json.dumps(data)))
        assert back == record
        assert json.dumps(back.to_dict(), ensure_ascii=False) == json.dumps(data, ensure_ascii=False)
