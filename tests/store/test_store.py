"""The store: records in, equal records out; idempotent, batched, crash-safe, migratable."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from dateline.errors import InvalidDate, NotADatabase, SchemaTooNew, StoreError, UnsupportedDatabase
from dateline.identity import content_hash
from dateline.records import Attribution, Dateline, DateMention, Hedge, Quantity, Quote, Record
from dateline.store import SCHEMA_VERSION, AddOutcome, RecordFilter, Store
from dateline.store import store as store_module
from dateline.store.engine import make_engine, write_transaction
from dateline.store.migrations import Migration, current_version, ensure_schema

TEXT = (
    "KABUL: Taliban fighters attacked a checkpoint in Kunduz on Monday, killing at least 5 police, "
    "officials said. The group claimed responsibility."
)


def _span(sub: str, text: str = TEXT) -> list[int]:
    start = text.index(sub)
    return [start, start + len(sub)]


def _mention(sub: str) -> dict:
    return {"text": sub, "span": _span(sub)}


KUNDUZ = {
    "id": "geo:1135689",
    "name": "Kunduz",
    "country_code": "AF",
    "admin1": "Kunduz",
    "admin2": None,
    "lat": 36.72895,
    "lon": 68.857,
    "geonameid": 1135689,
    "feature": "PPLA",
}
KABUL = {
    "id": "geo:1138958",
    "name": "Kabul",
    "country_code": "AF",
    "admin1": "Kabul",
    "admin2": None,
    "lat": 34.52813,
    "lon": 69.17233,
    "geonameid": 1138958,
    "feature": "PPLC",
}
TALIBAN = {"id": "actor:taliban", "name": "Taliban", "kind": "militant_group", "country_code": "AF"}
POLICE = {
    "id": "actor:af-police",
    "name": "Police Forces of Afghanistan",
    "kind": "police",
    "country_code": "AF",
}


def full_record(doc_id: str = "doc-1", text: str = TEXT, **overrides: object) -> Record:
    """A record with every list filled, its entity and event dicts in record.md's shape."""
    fatalities = {
        "text": "at least 5 police",
        "span": _span("at least 5 police", text),
        "low": 5,
        "high": None,
        "best": 5,
        "qualifier": "at least",
        "unit": "police",
    }
    monday = {
        "text": "Monday",
        "span": _span("Monday", text),
        "start": "2015-01-26",
        "end": "2015-01-26",
        "precision": "day",
    }
    fields: dict = {
        "id": doc_id,
        "text": text,
        "published": "2015-01-30",
        "dateline": Dateline("KABUL", (0, 5), "Kabul", agency=None, full_span=(0, 6)),
        "places": [
            {**KABUL, "mentions": [{"text": "KABUL", "span": [0, 5]}]},
            {**KUNDUZ, "mentions": [{"text": "Kunduz", "span": _span("Kunduz", text)}]},
        ],
        "actors": [
            {
                **TALIBAN,
                "aliases": ["Taliban", "the group"],
                "mentions": [_mention("Taliban"), _mention("The group")],
            },
            {**POLICE, "aliases": [], "mentions": [_mention("police")]},
        ],
        "events": [
            {
                "id": f"{doc_id}:ev0",
                "type": "attack",
                "acled_event_type": "Battles",
                "acled_sub_event_type": "Armed clash",
                "plover_event": "ASSAULT",
                "actors": [TALIBAN["id"]],
                "targets": [POLICE["id"]],
                "place": KUNDUZ["id"],
                "origin": None,
                "destination": None,
                "date": monday,
                "fatalities": fatalities,
                "injured": None,
                "size": None,
                "modality": "reported",
                "attribution": {"source": None, "text": "officials said"},
                "evidence": [_mention("Taliban fighters attacked a checkpoint in Kunduz on Monday")],
            }
        ],
        "relations": [
            {
                "id": f"{doc_id}:r0",
                "subject": TALIBAN["id"],
                "predicate": "claims_responsibility",
                "object": f"{doc_id}:ev0",
                "modality": "claimed",
                "evidence": [_mention("The group claimed responsibility.")],
            }
        ],
        "quotes": [Quote(None, "officials", "killing", tuple(_span("killing", text)), cue="said")],
        "quantities": [
            Quantity(
                "at least 5 police", tuple(_span("at least 5 police", text)), 5, None, 5, "at least", "police"
            ),
            Quantity("half", (0, 1), 0.5, 0.5, 0.5, vague=True, group=3),
        ],
        "dates": [
            DateMention(
                "Monday", tuple(_span("Monday", text)), "2015-01-26", "2015-01-26", "day", relative=True
            )
        ],
        "attributions": [
            Attribution("officials said", tuple(_span("officials said", text)), "officials", (0, 9), "said")
        ],
        "hedges": [Hedge("claimed", tuple(_span("claimed", text)), "claimed")],
        "title": "Checkpoint attacked",
        "url": "https://example.org/a",
        "source": "Example News",
        "origin": "tests:1",
        "content_hash": content_hash(text),
    }
    fields.update(overrides)
    return Record(**fields)


def plain_record(i: int) -> Record:
    text = f"Document number {i}: something happened in a place."
    return Record(
        id=f"d{i}",
        text=text,
        published=None,
        dateline=None,
        quantities=[Quantity(str(i), (16, 16 + len(str(i))), i, i, i)],
        content_hash=content_hash(text),
    )


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Path:
    """A SQLite store's path, for what only SQLite has (WAL, its file); ``db`` is either engine's."""
    return tmp_path / "dateline.db"


def _execute(db: Path | str, *statements: str) -> None:
    """Run SQL on the store's database as another program would, in one transaction."""
    engine = make_engine(db)
    try:
        with write_transaction(engine) as conn:
            for statement in statements:
                conn.exec_driver_sql(statement)
    finally:
        engine.dispose()


def _documents(db: Path | str) -> int:
    engine = make_engine(db)
    try:
        with engine.connect() as conn:
            return int(conn.exec_driver_sql("SELECT count(*) FROM documents").scalar_one())
    finally:
        engine.dispose()


def test_round_trip_gives_equal_records(db: Path) -> None:
    record = full_record(content_hash="abc123")
    with Store.open(db) as store:
        assert store.add_records([record]) == 1
        back = store.get_record("doc-1")
    assert back == record
    # the JSON record is the same, key order included
    assert json.dumps(back.to_dict()) == json.dumps(record.to_dict())


def test_round_trip_with_empty_lists_and_nulls(db: Path) -> None:
    record = Record(id="x", text="Nothing to see.", published=None, dateline=None, content_hash="h")
    with Store.open(db) as store:
        store.add_records([record])
        assert store.get_record("x") == record
        assert store.get_record("missing") is None


def test_whole_counts_stay_whole_and_fractions_stay_fractions(db: Path) -> None:
    with Store.open(db) as store:
        store.add_records([full_record()])
        quantities = store.get_record("doc-1").quantities
    assert quantities[0].low == 5 and isinstance(quantities[0].low, int)
    assert quantities[1].best == 0.5


def test_counts_rows_per_table(db: Path) -> None:
    with Store.open(db) as store:
        store.add_records([full_record()])
        counts = store.counts()
    assert counts == {
        "documents": 1, "quotes": 1, "quantities": 2, "dates": 1, "attributions": 1, "hedges": 1,
        "places": 2, "actors": 2, "doc_places": 2, "doc_actors": 2, "mentions": 5, "events": 1,
        "event_actors": 2, "relations": 1, "evidence": 2,
    }  # fmt: skip


def test_adding_again_is_a_no_op(db: Path) -> None:
    records = [full_record(), *(plain_record(i) for i in range(5))]
    with Store.open(db) as store:
        assert store.add_records(records) == 6
        before = store.counts()
        assert store.add_records(records) == 0
        assert store.add_records(reversed(records), batch_size=1) == 0
        assert store.counts() == before


def test_content_hash_is_computed_when_the_record_has_none(db: Path) -> None:
    record = Record(id="n", text="No hash given.", published=None, dateline=None)
    with Store.open(db) as store:
        store.add_records([record])
        expected = content_hash(record.text)
        assert store.known_hashes() == {expected}
        assert store.has_document(expected)
        assert not store.has_document("0" * 64)
        assert store.get_record("n").content_hash == expected


def test_batches_keep_order_and_skip_duplicates_within_a_call(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [plain_record(i) for i in range(45)]
    with Store.open(db) as store:
        assert store.add_records([*records, records[3], records[44]], batch_size=20) == 45
        monkeypatch.setattr(store_module, "READ_PAGE", 7)  # read in several pages
        assert [r.id for r in store.iter_records()] == [f"d{i}" for i in range(45)]
        assert list(store.iter_records()) == records


def test_a_reused_id_with_other_text_is_refused_alone_and_its_batch_is_stored(db: Path) -> None:
    with Store.open(db) as store:
        store.add_records([plain_record(1)])
        clash = Record(id="d1", text="Another text entirely.", published=None, dateline=None)
        with pytest.raises(StoreError, match="d1") as caught:
            store.add_records([plain_record(2), clash, plain_record(3)], batch_size=10)
        assert caught.value.code == "E300" and "others were stored" in caught.value.message
        assert store.counts()["documents"] == 3
        assert store.get_record("d1").text == plain_record(1).text
        assert store.get_record("d2") is not None and store.get_record("d3") is not None


def test_refused_records_are_reported_one_by_one_with_an_outcome(db: Path) -> None:
    told: list[str] = []
    outcome = AddOutcome(on_refused=lambda record, error: told.append(f"{error.code} {record.id}"))
    clash = Record(id="d1", text="Another text.", published=None, dateline=None, origin="feed.jsonl:7")
    with Store.open(db) as store:
        stored = store.add_records(
            [plain_record(1), clash, plain_record(1), plain_record(2)], batch_size=2, outcome=outcome
        )
    assert stored == 2 and outcome.stored == 2 and outcome.already_stored == 1
    assert told == ["E300 d1"] and "feed.jsonl:7" in outcome.refused[0][1].message


def test_what_is_not_a_database_is_a_coded_error(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all\n", encoding="utf-8")
    for target, readonly in ((text, False), (text, True), (tmp_path, False), (Path("/dev/null"), False)):
        with pytest.raises(NotADatabase) as caught:
            Store.open(target, readonly=readonly)
        assert caught.value.code == "E303" and "disk I/O" not in caught.value.message
    assert text.read_text(encoding="utf-8") == "not a database at all\n"


@pytest.mark.parametrize("url", ["mysql://user@host/db", "foo://x", "oracle+cx://u@h/x", "::://"])
def test_unknown_database_urls_name_the_accepted_schemes(url: str) -> None:
    with pytest.raises(UnsupportedDatabase) as caught:
        Store.open(url)
    assert caught.value.code == "E304" and "postgresql" in caught.value.message
    assert "pip install" not in caught.value.message


def test_a_postgresql_server_that_is_not_there_is_a_coded_error_without_the_password() -> None:
    import socket

    with socket.socket() as sock:  # a port no server listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    for url in (f"postgresql://me:s3cret@127.0.0.1:{port}/news", f"postgres://me:s3cret@127.0.0.1:{port}/news"):
        with pytest.raises(StoreError) as caught:
            Store.open(url)
        assert caught.value.code == "E300" and f"127.0.0.1:{port}/news" in caught.value.message
        assert "s3cret" not in caught.value.message


def test_places_and_actors_are_global_and_each_document_keeps_its_own(db: Path) -> None:
    first = full_record("doc-1")
    other_text = "Fighting near Kunduz again, police said."
    second = Record(
        id="doc-2",
        text=other_text,
        published="2015-02-01",
        dateline=None,
        places=[{**KUNDUZ, "mentions": [{"text": "Kunduz", "span": _span("Kunduz", other_text)}]}],
        content_hash=content_hash(other_text),
        actors=[
            {
                **POLICE,
                "aliases": ["police"],
                "mentions": [{"text": "police", "span": _span("police", other_text)}],
            }
        ],
    )
    with Store.open(db) as store:
        store.add_records([first, second])
        counts = store.counts()
        assert counts["places"] == 2 and counts["doc_places"] == 3
        assert counts["actors"] == 2 and counts["doc_actors"] == 3
        assert store.get_record("doc-1") == first
        assert store.get_record("doc-2") == second
        with store.engine.connect() as conn:
            aliases = conn.execute(
                sa.text("SELECT data FROM actors WHERE id = :id"), {"id": POLICE["id"]}
            ).scalar_one()
        aliases = json.loads(aliases) if isinstance(aliases, str) else aliases  # SQLite gives JSON as text
        assert aliases == {"aliases": ["police"]}  # the newest copy wins in the global table


def test_filters_select_documents(db: Path) -> None:
    calm = Record(id="calm", text="All quiet today.", published="2015-03-01", dateline=None, source="Other")
    with Store.open(db) as store:
        store.add_records([full_record(), calm])

        def ids(**kw: object) -> list[str]:
            return [r.id for r in store.iter_records(where=RecordFilter(**kw))]

        assert ids() == ["doc-1", "calm"]
        assert ids(ids=["calm"]) == ["calm"]
        assert ids(actor=POLICE["id"]) == ["doc-1"]
        assert ids(place=KUNDUZ["id"]) == ["doc-1"]
        assert ids(place="geo:0") == []
        assert ids(event_type="Battles") == ["doc-1"]
        assert ids(event_type="ASSAULT") == ["doc-1"]
        assert ids(event_type="Protests") == []
        assert ids(since="2015-01-26", until="2015-01-26") == ["doc-1"]
        assert ids(since="2015-01-27") == []
        assert ids(published_since="2015-02-01") == ["calm"]
        assert ids(source="Example News", actor=TALIBAN["id"]) == ["doc-1"]
        with pytest.raises(InvalidDate):
            ids(since="last week")


def test_sqlite_is_in_wal_mode_with_foreign_keys(sqlite_db: Path) -> None:
    with Store.open(sqlite_db) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
    with contextlib.closing(sqlite3.connect(sqlite_db)) as con:  # a plain client sees it too
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_readers_are_not_blocked_by_an_open_write_transaction(sqlite_db: Path) -> None:
    with Store.open(sqlite_db) as store:
        store.add_records([plain_record(1)])
    writer = sqlite3.connect(sqlite_db, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")  # without WAL this lock would shut readers out
    writer.execute("DELETE FROM quantities")
    try:
        started = time.perf_counter()
        with Store.open(sqlite_db, readonly=True) as reader:
            assert reader.counts()["quantities"] == 1  # the committed state
            assert [r.id for r in reader.iter_records()] == ["d1"]
        assert time.perf_counter() - started < 2.0
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_the_writer_is_not_blocked_by_an_open_read_transaction(sqlite_db: Path) -> None:
    with Store.open(sqlite_db) as store:
        store.add_records([plain_record(1)])
        reader = sqlite3.connect(sqlite_db, isolation_level=None)
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
        try:
            started = time.perf_counter()
            assert store.add_records([plain_record(2)]) == 1
            assert time.perf_counter() - started < 2.0
            # the reader keeps its snapshot
            assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
        finally:
            reader.execute("ROLLBACK")
            reader.close()


def test_read_only_stores_refuse_writes(db: Path, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        Store.open(tmp_path / "absent.db", readonly=True)
    Store.open(db).close()
    with Store.open(db, readonly=True) as store, pytest.raises(StoreError, match="read-only"):
        store.add_records([plain_record(1)])


def test_sqlite_urls_are_accepted(sqlite_db: Path) -> None:
    with Store.open(f"sqlite:///{sqlite_db}") as store:
        store.add_records([plain_record(1)])
    with Store.open(sqlite_db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert [r.id for r in store.iter_records()] == ["d1"]


def test_a_database_of_another_program_is_not_touched(db: Path) -> None:
    _execute(db, "CREATE TABLE customers (id INTEGER)")
    with pytest.raises(StoreError, match="customers"):
        Store.open(db)


# --- schema versions -----------------------------------------------------------------------


def _add_language(conn: sa.Connection) -> None:
    conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN language VARCHAR")
    conn.exec_driver_sql("UPDATE documents SET language = 'en'")


def _fail_halfway(conn: sa.Connection) -> None:
    conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN language VARCHAR")
    raise RuntimeError("migration broke")


def test_an_older_database_is_migrated_one_step_per_transaction(db: Path) -> None:
    with Store.open(db) as store:
        store.add_records([full_record()])
        engine = store.engine
        step = Migration(SCHEMA_VERSION, "documents.language", _add_language)
        assert ensure_schema(engine, target=SCHEMA_VERSION + 1, migrations=[step]) == SCHEMA_VERSION + 1
        with engine.connect() as conn:
            assert current_version(conn) == SCHEMA_VERSION + 1
            assert conn.exec_driver_sql("SELECT language FROM documents").scalar() == "en"
            history = conn.exec_driver_sql("SELECT version, description FROM schema_version ORDER BY version")
            assert [tuple(r) for r in history][-1] == (SCHEMA_VERSION + 1, "documents.language")
    # this code is now older than the database
    with pytest.raises(SchemaTooNew) as err:
        Store.open(db)
    assert err.value.code == "E301"


def test_a_failed_migration_leaves_the_database_as_it_was(db: Path) -> None:
    with Store.open(db) as store:
        store.add_records([plain_record(1)])
        step = Migration(SCHEMA_VERSION, "broken", _fail_halfway)
        with pytest.raises(RuntimeError):
            ensure_schema(store.engine, target=SCHEMA_VERSION + 1, migrations=[step])
        with store.engine.connect() as conn:
            assert current_version(conn) == SCHEMA_VERSION
            columns = [c["name"] for c in sa.inspect(conn).get_columns("documents")]
        assert "language" not in columns
        with pytest.raises(StoreError, match="no migration"):
            ensure_schema(store.engine, target=SCHEMA_VERSION + 1, migrations=[])
        assert store.get_record("d1") == plain_record(1)


def test_a_read_only_open_does_not_migrate(db: Path) -> None:
    Store.open(db).close()
    _execute(db, "DELETE FROM schema_version",
             "INSERT INTO schema_version VALUES (0, 'older', '2015-01-01 00:00:00')")
    with pytest.raises(StoreError, match="migrate"):
        Store.open(db, readonly=True)


def test_a_newer_database_is_refused(db: Path) -> None:
    Store.open(db).close()
    _execute(db, "INSERT INTO schema_version VALUES (99, 'future', '2030-01-01 00:00:00')")
    for readonly in (False, True):
        with pytest.raises(SchemaTooNew, match="99"):
            Store.open(db, readonly=readonly)


# --- crash safety ----------------------------------------------------------------------------

_WRITER = textwrap.dedent(
    """
    import sys
    from dateline.records import Quantity, Record
    from dateline.store import Store

    def records():
        i = 0
        while True:
            text = f"Report {i}: " + "word " * 200
            yield Record(
                id=f"r{i}", text=text, published=None, dateline=None,
                quantities=[Quantity("word", (12 + 5 * k, 16 + 5 * k), k, k, k) for k in range(30)],
                places=[{"id": f"p{k}", "name": "P", "lat": 1.0, "lon": 2.0, "feature": "PPL",
                         "mentions": [{"text": "word", "span": [12 + 5 * k, 16 + 5 * k]}]} for k in range(5)],
            )
            i += 1

    with Store.open(sys.argv[1]) as store:
        print("ready", flush=True)
        store.add_records(records(), batch_size=5)
    """
)


@pytest.mark.slow
def test_a_killed_writer_leaves_only_whole_documents(db: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(db)], stdout=subprocess.PIPE, env=env)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            time.sleep(0.05)
            if _documents(db) >= 12:
                break
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()
    with Store.open(db) as store:
        counts = store.counts()
        documents = counts["documents"]
        assert documents >= 12 and documents % 5 == 0  # whole batches only
        assert counts["quantities"] == 30 * documents
        assert counts["mentions"] == 5 * documents
        for record in store.iter_records():
            assert len(record.quantities) == 30 and len(record.places) == 5


# --- records that grow --------------------------------------------------------------------------


def test_item_fields_without_a_column_are_kept_in_extra() -> None:
    from dataclasses import dataclass

    from dateline.store import schema
    from dateline.store.codec import ItemCodec

    @dataclass(frozen=True, slots=True)
    class LaterQuote(Quote):
        language: str = "en"
        certainty: float | None = None

    codec = ItemCodec("quotes", LaterQuote, schema.quotes)
    quote = LaterQuote(
        "actor:x",
        "a spokesman",
        "we did it",
        (3, 12),
        speaker_span=(0, 2),
        cue="said",
        language="ps",
        certainty=0.5,
    )
    (row,) = codec.rows("d", [quote])
    assert row["extra"] == {"language": "ps", "certainty": 0.5}
    assert (row["speaker_span_start"], row["speaker_span_end"]) == (0, 2)
    assert codec.item(row) == quote


def test_a_malformed_mention_is_refused_before_anything_is_written() -> None:
    # the typed record refuses it when it is built, so no store ever sees it
    with pytest.raises(TypeError, match="span"):
        full_record("bad", places=[{**KABUL, "mentions": [{"text": "Kabul"}]}])


def test_a_places_per_document_reading_stays_with_its_document(db: Path) -> None:
    kabul = {"id": "geonames:1138958", "name": "Kabul", "country_code": "AF", "admin1": "Kabul",
             "admin2": "Kabul", "lat": 34.52813, "lon": 69.17233, "geonameid": 1138958,
             "feature": "PPLC"}  # fmt: skip
    unsure = {**kabul, "ambiguous": True, "candidates": [{"id": "geonames:1", "name": "Kabul"}],
              "mentions": [{"text": "Kabul", "span": [0, 5]}]}  # fmt: skip
    sure = {**kabul, "ambiguous": False, "candidates": [], "mentions": [{"text": "Kabul", "span": [0, 5]}]}
    records = [
        Record(id="a", text="Kabul was quiet.", published=None, dateline=None, places=[unsure]),
        Record(id="b", text="Kabul was tense.", published=None, dateline=None, places=[sure]),
    ]
    with Store.open(db) as store:
        store.add_records(records)
        back = {r.id: r for r in store.iter_records()}
        with store.engine.connect() as con:
            data = con.execute(sa.text("SELECT data FROM places WHERE id = 'geonames:1138958'")).scalar_one()
    assert back["a"].places[0].ambiguous is True and back["b"].places[0].ambiguous is False
    stored = json.loads(data) if isinstance(data, str) else data
    assert "ambiguous" not in stored and "candidates" not in stored
