"""The read model on the founding articles: each filter checked against the records themselves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dateline.errors import InvalidDate, InvalidOption, NotFound, UnknownName
from dateline.query import Corpus, Criteria
from dateline.records import Record
from dateline.store import Store

TTP = "tehrik-i-taliban-pakistan"


@pytest.fixture(scope="module", params=["sql", "event index"])
def corpus(module_seeded_db: Path | str, request):
    """The founding articles' store, on each engine: the read model asking SQL (the CLI's), and with
    the events' columns in memory (the server's)."""
    from dateline.query.eventindex import EventIndex

    with Corpus.open(str(module_seeded_db)) as opened:
        if request.param == "event index":
            opened.index = EventIndex(opened.store.engine)
            opened.index.warm()
        yield opened


@pytest.fixture(scope="module")
def records(module_seeded_db: Path | str) -> list[Record]:
    with Store.open(module_seeded_db, readonly=True) as store:
        return list(store.iter_records())


def every(corpus: Corpus, kind: str, where: Criteria | None = None, limit: int = 7) -> list[dict]:
    """Every item of a list, page after page."""
    items, cursor = [], None
    for _ in range(500):  # a cursor that does not move on fails, not hangs
        page = corpus.page(kind, where, cursor=cursor, limit=limit)
        items.extend(page.items)
        if page.next_cursor is None:
            return items
        assert len(page.items) == limit
        cursor = page.next_cursor
    raise AssertionError(f"the {kind} list never ended")


def all_events(records: list[Record]) -> list:
    return [e for r in records for e in r.events]


def places_by_id(records: list[Record]) -> dict:
    return {p.id: p for r in records for p in r.places}


@pytest.mark.parametrize("name", [TTP, "TTP", "ttp", "Pakistani Taliban", "Tehreek-e-Taliban Pakistan"])
def test_an_actor_is_found_by_its_id_or_any_of_its_names(corpus, records, name: str) -> None:
    expected = {e.id for e in all_events(records) if TTP in (*e.actors, *e.targets)}
    assert len(expected) >= 3
    found = every(corpus, "events", Criteria(actor=name))
    assert {e["id"] for e in found} == expected
    assert all(TTP in e["actors"] + e["targets"] for e in found)


def test_a_province_finds_the_events_of_its_districts(corpus, records) -> None:
    places = places_by_id(records)
    zabul = next(p for p in places.values() if p.name == "Zabul" and p.feature == "ADM1")
    inside = {pid for pid, p in places.items() if p.admin1_id == zabul.id}
    expected = {
        e.id for e in all_events(records) if {e.place, e.origin, e.destination} & inside
    }
    found = every(corpus, "events", Criteria(place="Zabul"))
    assert {e["id"] for e in found} == expected
    # the province itself is the place of none of them: they are in its districts
    district_events = [e for e in found if places[e["place"]].feature == "ADM2"]
    assert district_events and all(e["place"] != zabul.id for e in district_events)
    assert {e["id"] for e in every(corpus, "events", Criteria(place=zabul.id))} == expected


def test_a_country_finds_everything_in_it(corpus, records) -> None:
    places = places_by_id(records)
    in_pk = {pid for pid, p in places.items() if p.country_code == "PK"}
    expected = {e.id for e in all_events(records) if {e.place, e.origin, e.destination} & in_pk}
    found = {e["id"] for e in every(corpus, "events", Criteria(place="pakistan"))}
    assert found == expected
    at_the_country = {e.id for e in all_events(records) if e.place == "geonames:1168579"}
    assert at_the_country < found  # Peshawar, Islamabad, North Waziristan ... count too


def test_places_list_what_lies_inside_a_unit(corpus) -> None:
    names = {p["name"] for p in every(corpus, "places", Criteria(place="Zabul"))}
    assert names == {"Zabul", "Daychopan", "Kakar"}


def test_a_bounding_box_keeps_events_placed_inside_it(corpus, records) -> None:
    box = (69.0, 33.0, 72.0, 35.5)  # Peshawar, Khyber, Islamabad, Kunar
    found = every(corpus, "events", Criteria(bbox=",".join(map(str, box))))
    assert found
    for event in found:
        points = [p for p in event["locations"].values() if p]
        assert any(box[0] <= p["lon"] <= box[2] and box[1] <= p["lat"] <= box[3] for p in points)
    places = places_by_id(records)

    def inside(place_id):
        p = places.get(place_id)
        return p is not None and box[0] <= p.lon <= box[2] and box[1] <= p.lat <= box[3]

    events = all_events(records)
    expected = {e.id for e in events if any(inside(x) for x in (e.place, e.origin, e.destination))}
    assert {e["id"] for e in found} == expected


def test_a_type_family_selects_all_its_types(corpus, records) -> None:
    violent = every(corpus, "events", Criteria(type="violence"))
    assert {e["family"] for e in violent} == {"violence"}
    assert len({e["type"] for e in violent}) >= 2
    assert {e["id"] for e in every(corpus, "events", Criteria(type="armed_clash"))} == {
        e.id for e in all_events(records) if e.type == "armed_clash"
    }
    battles = every(corpus, "events", Criteria(type="Battles"))  # ACLED's event type
    assert battles and all(e["acled_event_type"] == "Battles" for e in battles)


def test_dates_modality_and_source(corpus, records) -> None:
    since, until = dt.date(2014, 12, 1), dt.date(2014, 12, 31)
    found = every(corpus, "events", Criteria(since="2014-12-01", until="2014-12-31"))
    expected = {
        e.id for e in all_events(records)
        if e.date and e.date.start
        and dt.date.fromisoformat(e.date.start) <= until
        and dt.date.fromisoformat(e.date.end or e.date.start) >= since
    }  # fmt: skip
    assert found and {e["id"] for e in found} == expected
    alleged = every(corpus, "events", Criteria(modality="Alleged"))
    assert alleged and {e["modality"] for e in alleged} == {"alleged"}
    daily = [r for r in records if r.source == "founding article (Pakistani daily)"]
    found = every(corpus, "events", Criteria(source=daily[0].source))
    assert {e["id"] for e in found} == {e.id for e in daily[0].events}
    assert {e["document"] for e in found} == {daily[0].id}


def test_filters_combine(corpus) -> None:
    both = every(corpus, "events", Criteria(actor="TTP", place="Pakistan", type="violence"))
    assert both
    for event in both:
        assert TTP in event["actors"] + event["targets"] and event["family"] == "violence"
        assert any(p and p["country_code"] == "PK" for p in event["locations"].values())


@pytest.mark.parametrize("kind", ["events", "places", "actors", "documents", "relations"])
def test_cursor_paging_returns_every_item_exactly_once(corpus, kind: str) -> None:
    total = corpus.counts()[kind]
    for limit in (1, 7, 1000):
        if limit == 1 and total > 100:
            continue
        items = every(corpus, kind, limit=limit)
        keys = [item["id"] for item in items]
        assert len(keys) == total and len(set(keys)) == total, (kind, limit)


def test_counts_agree_with_the_lists(corpus, records) -> None:
    counts = corpus.counts()
    assert counts["events"] == len(all_events(records))
    assert counts["documents"] == 2
    where = Criteria(actor="TTP")
    filtered = corpus.counts(where)
    for kind in ("events", "places", "actors", "documents", "relations"):
        assert filtered[kind] == len(every(corpus, kind, where, limit=1000)), kind
    assert all(TTP in (r["subject"], r["object"]) for r in every(corpus, "relations", where))


def test_facets_count_the_selected_events(corpus, records) -> None:
    facets = corpus.facets(Criteria(actor="TTP"))
    events = [e for e in all_events(records) if TTP in (*e.actors, *e.targets)]
    assert sum(facets["type"].values()) == len(events)
    assert sum(facets["family"].values()) == len(events)
    assert sum(facets["modality"].values()) == len(events)
    assert sum(facets["day"].values()) + facets["undated"] == len(events)
    assert sum(facets["week"].values()) == sum(facets["day"].values())
    assert all(dt.date.fromisoformat(week).weekday() == 0 for week in facets["week"])
    assert facets["actors"][0]["id"] == TTP and facets["actors"][0]["events"] == len(events)
    assert corpus.leaders(Criteria(actor="TTP")) == {"actors": facets["actors"], "places": facets["places"]}


def test_the_timeline_counts_the_dated_events_by_day_and_family(corpus) -> None:
    facets = corpus.facets(Criteria(actor="TTP"))
    timeline = corpus.timeline(Criteria(actor="TTP"))
    assert {day: sum(c.values()) for day, c in timeline.items()} == facets["day"]
    totals: dict[str, int] = {}
    for counts in timeline.values():
        for family, n in counts.items():
            totals[family] = totals.get(family, 0) + n
    dated = sum(facets["day"].values())
    assert sum(totals.values()) == dated and all(totals[f] <= facets["family"][f] for f in totals)


def test_items_by_id(corpus, records) -> None:
    event = all_events(records)[0]
    got = corpus.event(event.id)
    assert got["id"] == event.id and got["evidence"][0]["text"] == event.evidence[0].text
    doc = corpus.document(records[0].id)
    assert doc["text"] == records[0].text and len(doc["events"]) == len(records[0].events)
    kakar = corpus.place("geonames:7053347")
    assert [p["name"] for p in kakar["parents"]] == ["Zabul", "Afghanistan"]
    actor = corpus.actor(TTP)
    assert actor["name"] == "Tehrik-i-Taliban Pakistan" and "TTP" in actor["aliases"]
    assert actor["registry"]["id"] == TTP and actor["events"]["as_actor"] >= 3
    relation = records[0].relations[0]
    assert corpus.relation(relation.id)["predicate"] == relation.predicate
    for getter in (corpus.event, corpus.document, corpus.place, corpus.actor, corpus.relation):
        with pytest.raises(NotFound) as err:
            getter("no-such-id")
        assert err.value.code == "E305"


@pytest.mark.parametrize(
    ("criteria", "error", "code"),
    [
        (Criteria(actor="No Such Group Anywhere"), UnknownName, "E204"),
        (Criteria(place="Atlantis"), UnknownName, "E204"),
        (Criteria(type="picnic"), UnknownName, "E204"),
        (Criteria(since="2015-02-30"), InvalidDate, "E202"),
        (Criteria(bbox="60,29,75"), InvalidOption, "E203"),
        (Criteria(bbox="60,39,75,29"), InvalidOption, "E203"),
        (Criteria(modality="certain"), InvalidOption, "E203"),
    ],
)
def test_bad_filter_values_are_coded_errors(corpus, criteria, error, code) -> None:
    with pytest.raises(error) as err:
        corpus.events(criteria)
    assert err.value.code == code


def test_bad_cursors_and_limits_are_coded_errors(corpus) -> None:
    cursor = corpus.events(limit=2).next_cursor
    for bad in ("not-a-cursor", cursor[:-3], corpus.places(limit=2).next_cursor):
        with pytest.raises(InvalidOption):
            corpus.events(cursor=bad)
    for limit in (0, 1001):
        with pytest.raises(InvalidOption):
            corpus.events(limit=limit)


def test_sql_in_a_filter_value_is_inert(corpus) -> None:
    total = corpus.counts()["events"]
    assert corpus.counts(Criteria(source="x' OR '1'='1"))["events"] == 0
    assert corpus.counts(Criteria(document="1 OR 1=1; DROP TABLE events; --"))["events"] == 0
    with pytest.raises(UnknownName):
        corpus.events(Criteria(actor="' OR 1=1 --"))
    with pytest.raises(UnknownName):
        corpus.events(Criteria(place="x%' OR name LIKE '%"))
    assert corpus.counts()["events"] == total


def test_an_actor_only_the_registry_knows_selects_nothing_rather_than_failing(corpus) -> None:
    assert corpus.counts(Criteria(actor="Boko Haram"))["events"] == 0
    assert corpus.events(Criteria(actor="boko haram")).items == []


def test_a_stored_actor_is_found_by_a_spelling_only_its_documents_gave(db: Path | str) -> None:
    text = "Red Dawn Brigades (RDB) fighters attacked a checkpoint."
    rdb = "x-militant-group.red-dawn-brigades"
    record = Record.from_dict({
        "id": "rdb-1", "text": text, "published": "2020-05-01", "dateline": None,
        "actors": [{"id": rdb, "name": "Red Dawn Brigades", "kind": "militant_group", "country_code": None,
                    "aliases": ["RDB"], "mentions": [{"text": "Red Dawn Brigades", "span": [0, 17]}]}],
        "events": [{"id": "rdb-1-e1", "type": "attack", "actors": [rdb], "targets": [],
                    "modality": "asserted", "evidence": [{"text": text, "span": [0, len(text)]}]}],
    })  # fmt: skip
    with Store.open(db) as store:
        store.add_records([record])
    with Corpus.open(str(db)) as corpus:
        for name in ("RDB", "rdb", "red dawn brigades", rdb):
            assert [e["id"] for e in corpus.events(Criteria(actor=name)).items] == ["rdb-1-e1"], name


def test_quotes_about_an_actor_are_the_quotes_of_others_naming_it(corpus, records) -> None:
    def inside(span, outer) -> bool:
        return outer is not None and outer[0] <= span[0] and span[1] <= outer[1]

    about: dict[str, set] = {}
    for record in records:
        for actor in record.actors:
            for quote in record.quotes:
                spans = (quote.span, quote.speaker_span)
                named = any(inside(m.span, outer) for m in actor.mentions for outer in spans)
                if quote.speaker != actor.id and named:
                    about.setdefault(actor.id, set()).add((record.id, quote.text))
    assert len(about) >= 5
    for actor_id, expected in about.items():
        found = corpus.quotes_about(actor_id, limit=1000)
        assert {(q["document"], q["text"]) for q in found} == expected, actor_id
        assert all(q["speaker"] != actor_id and q["named_as"] for q in found)
    by = corpus.quotes_by("hamid-karzai")
    assert by and all((q["document"], q["text"]) not in about.get("hamid-karzai", set()) for q in by)
