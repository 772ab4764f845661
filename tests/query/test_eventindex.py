"""The event index (the server's events in memory) selects and counts what SQL does, and grows with
the store."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest

from dateline.query import Corpus, Criteria
from dateline.query.eventindex import EventIndex
from dateline.store import Store
from dateline.store.queries import BoundingBox, RecordFilter

TTP = "tehrik-i-taliban-pakistan"


@pytest.fixture(scope="module")
def pair(seed_db: Path):
    """The same store read through SQL alone and through the event index."""
    store = Store.open(seed_db, readonly=True)
    index = EventIndex(store.engine)
    yield Corpus(store), Corpus(store, index=index)
    store.close()


def _filters(corpus: Corpus) -> list[RecordFilter]:
    """A filter of every kind and pairs of them, with values the store holds and some it does not."""
    events = corpus.events(limit=1000).items
    some = events[len(events) // 2]
    day = (some.get("date") or {}).get("start") or "2014-12-16"
    singles = [
        RecordFilter(),
        RecordFilter(actor=TTP),
        RecordFilter(actor=[TTP, "nobody-at-all"]),
        RecordFilter(actor="nobody-at-all"),
        RecordFilter(place=some["place"]),
        corpus.filter(Criteria(place="Pakistan")),
        corpus.filter(Criteria(place="Zabul")),
        RecordFilter(bbox=BoundingBox(60, 25, 75, 38)),
        RecordFilter(bbox=BoundingBox(170, -10, -170, 10)),  # across the antimeridian
        corpus.filter(Criteria(type="violence")),
        RecordFilter(event_type="Battles"),
        RecordFilter(modality=["asserted", "reported"]),
        RecordFilter(since=day),
        RecordFilter(until=day),
        RecordFilter(since=day, until=day),
        RecordFilter(ids=[some["document"]]),
        RecordFilter(source=corpus.documents(limit=1).items[0]["source"]),
        RecordFilter(published_since="2014-01-01"),
    ]

    def given(flt: RecordFilter) -> dict:
        values = {f.name: getattr(flt, f.name) for f in dataclasses.fields(flt)}
        return {k: v for k, v in values.items() if v is not None}

    pairs = [dataclasses.replace(a, **given(b)) for a, b in itertools.combinations(singles[1:], 2)]
    return singles + pairs[::3]


def test_the_index_selects_and_counts_what_sql_does(pair) -> None:
    sql, indexed = pair
    indexed.index.warm()
    filters = _filters(sql)
    assert any(sql.counts(f)["events"] for f in filters[1:])
    for flt in filters:
        for method in ("timeline", "leaders", "facets", "counts"):
            assert getattr(indexed, method)(flt) == getattr(sql, method)(flt), (method, flt)
        for method in ("events", "points"):
            cursor_sql = cursor_ix = None
            for _ in range(50):
                a = getattr(sql, method)(flt, cursor=cursor_sql, limit=3)
                b = getattr(indexed, method)(flt, cursor=cursor_ix, limit=3)
                assert a == b, (method, flt)
                if a.next_cursor is None:
                    break
                cursor_sql, cursor_ix = a.next_cursor, b.next_cursor


def test_before_it_is_loaded_the_corpus_asks_sql(seed_db: Path) -> None:
    with Store.open(seed_db, readonly=True) as store:
        index = EventIndex(store.engine)
        corpus = Corpus(store, index=index)
        assert not index.loaded
        assert corpus.facets(Criteria(actor="TTP")) == Corpus(store).facets(Criteria(actor="TTP"))
        assert not index.loaded  # a request never waits for the load; the server warms it in a thread
        index.warm()
        assert index.loaded


def test_the_index_grows_with_the_store(seed_db: Path, copy_store, tmp_path: Path) -> None:
    db = copy_store(seed_db, tmp_path / "growing.db")
    with Store.open(db) as store:
        records = list(store.iter_records())
    first, second = records[0], records[1]
    fresh = tmp_path / "fresh.db"
    with Store.open(fresh) as store:
        store.add_records([first])
        index = EventIndex(store.engine)
        corpus, sql = Corpus(store, index=index), Corpus(store)
        index.warm()
        before = corpus.counts()["events"]
        assert before == len(first.events)
        store.add_records([second])  # as POST /api/documents does, while the server holds the index
        assert corpus.counts()["events"] == before + len(second.events) == sql.counts()["events"]
        for flt in _filters(sql):
            assert corpus.facets(flt) == sql.facets(flt), flt
            assert corpus.events(flt, limit=1000) == sql.events(flt, limit=1000), flt
        assert corpus.points(flt, limit=1000) == sql.points(flt, limit=1000), flt


def test_the_map_reads_from_the_index_what_sql_reads(seed_db: Path, copy_store, tmp_path: Path) -> None:
    """The columns a map draws, held by the index, come back as the store reads them: a toll that is not
    whole or not told, an end date not told, every precision; a place's new name and point at once."""
    import sqlite3

    db = copy_store(seed_db, tmp_path / "edited.db")
    with sqlite3.connect(db) as conn:
        pks = [r[0] for r in conn.execute("SELECT pk FROM events ORDER BY pk")]
        assert len(pks) >= 6
        conn.execute("UPDATE events SET fatalities_best = 2.5 WHERE pk = ?", (pks[0],))
        conn.execute("UPDATE events SET fatalities_best = NULL, date_end = NULL WHERE pk = ?", (pks[1],))
        conn.execute("UPDATE events SET date_start = NULL, date_end = NULL WHERE pk = ?", (pks[2],))
        for pk, precision in zip(pks[3:6], ("1", "4", "null"), strict=True):
            edit = f"UPDATE events SET data = json_set(data, '$.geo_precision', {precision}) WHERE pk = ?"
            conn.execute(edit, (pk,))
    with Store.open(db) as store:
        index = EventIndex(store.engine)
        corpus, sql = Corpus(store, index=index), Corpus(store)
        index.warm()
        drawn = corpus.points(limit=1000)
        assert drawn == sql.points(limit=1000)
        by_id = {p["id"]: p for p in drawn.items}
        first, second, third = (by_id[sql.events(limit=1000).items[i]["id"]] for i in range(3))
        assert first["fatalities"] == {"best": 2.5} and second["fatalities"] is None
        assert second["date"]["end"] is None and second["date"]["start"] is not None
        assert third["date"] == {"start": None, "end": None}
        assert [p["geo_precision"] for p in drawn.items[3:6]] == [1, None, None]
        place = drawn.items[0]["locations"]["place"]
        with sqlite3.connect(db) as conn:  # a later document tells the place's point: no event is added
            conn.execute("UPDATE places SET name = 'Renamed', lat = 1.5 WHERE id = ?", (place["id"],))
        moved = corpus.points(limit=1000).items[0]["locations"]["place"]
        assert (moved["name"], moved["lat"]) == ("Renamed", 1.5)
