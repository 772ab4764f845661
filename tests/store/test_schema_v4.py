"""Schema version 4: each event-actor pair carries its event's first and last day, indexed after the
actor, so an actor's events of a period are read from one index range; a version-3 store gains them,
on both engines."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from dateline.store import SCHEMA_VERSION, RecordFilter, Store, schema
from dateline.store.engine import make_engine, write_transaction

PAIR_DATES = (
    "SELECT ea.event_pk, ea.role, ea.position, ea.date_start, ea.date_end, e.date_start, e.date_end "
    "FROM event_actors ea JOIN events e ON e.pk = ea.event_pk ORDER BY 1, 2, 3"
)


def _pairs(engine: sa.Engine) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.exec_driver_sql(PAIR_DATES)]


def _dated_actor_events(store: Store) -> dict[tuple[str, str, str], list[str]]:
    """For each actor of the store and each of its events' days: the ids of the actor's events that
    week (the filter the web app sends as ``actor`` and ``since``/``until``)."""
    ev = schema.events
    with store.engine.connect() as conn:
        actors = sorted(set(conn.execute(sa.select(schema.event_actors.c.actor_id)).scalars()))
        days = sorted({d for d in conn.execute(sa.select(ev.c.date_start)).scalars() if d is not None})
        out = {}
        for actor in actors:
            for day in days:
                flt = RecordFilter(actor=actor, since=day.isoformat(), until=day.isoformat())
                query = sa.select(ev.c.id).where(*flt.event_conditions()).order_by(ev.c.pk)
                out[(actor, day.isoformat(), day.isoformat())] = list(conn.execute(query).scalars())
    return out


def test_stored_pairs_carry_their_events_dates(seeded_db: Path | str) -> None:
    engine = make_engine(seeded_db)
    try:
        pairs = _pairs(engine)
        assert pairs and any(row[3] is not None for row in pairs)
        assert all(row[3:5] == row[5:7] for row in pairs)
    finally:
        engine.dispose()


def test_a_version_3_store_is_migrated(seeded_db: Path | str, undo_version_4) -> None:
    with Store.open(seeded_db) as store:
        expected = _dated_actor_events(store)
    assert any(expected.values())  # some actor has events on some day
    engine = make_engine(seeded_db)
    try:
        with write_transaction(engine) as conn:  # back to version 3
            undo_version_4(conn.exec_driver_sql)
            conn.exec_driver_sql("UPDATE schema_version SET version = 3")
        with engine.connect() as conn:
            columns = {c["name"] for c in sa.inspect(conn).get_columns("event_actors")}
        assert "date_start" not in columns
        with Store.open(seeded_db) as store:
            assert store.schema_version == SCHEMA_VERSION == 4
            assert _dated_actor_events(store) == expected
        pairs = _pairs(engine)
        assert pairs and all(row[3:5] == row[5:7] for row in pairs)
        with engine.connect() as conn:
            indices = {i["name"] for i in sa.inspect(conn).get_indexes("event_actors")}
        assert "ix_event_actors_actor_dates" in indices
    finally:
        engine.dispose()


def test_an_actors_events_of_a_week_are_read_from_the_pairs_index(seed_db: Path) -> None:
    """SQLite's plan (PostgreSQL's depends on the table's size: tested by bench/store_engines.py)."""
    ev = schema.events
    flt = RecordFilter(actor="ttp", since="2014-12-01", until="2014-12-07")
    query = sa.select(ev.c.pk).where(*flt.event_conditions()).order_by(ev.c.pk).limit(51)
    with Store.open(seed_db, readonly=True) as store, store.engine.connect() as conn:
        sql = str(query.compile(store.engine, compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(row) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
    assert "ix_event_actors_actor_dates" in plan
