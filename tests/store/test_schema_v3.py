"""Schema version 3: a version-2 store gains the web app's indices (and, on PostgreSQL, the events'
joint date statistics), on both engines (and then version 4's)."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from dateline.store import SCHEMA_VERSION, Store
from dateline.store.engine import make_engine, write_transaction

V3 = {"ix_event_actors_actor_event", "ix_places_admin1", "ix_events_acled_sub_type", "ix_events_plover"}


def _indices(engine: sa.Engine) -> set[str]:
    with engine.connect() as conn:
        inspector = sa.inspect(conn)
        tables = ("event_actors", "places", "events")
        return {i["name"] for table in tables for i in inspector.get_indexes(table)}


def _statistics(engine: sa.Engine) -> set[str]:
    if engine.dialect.name != "postgresql":
        return set()
    with engine.connect() as conn:
        return set(conn.exec_driver_sql("SELECT stxname FROM pg_statistic_ext").scalars())


def test_a_version_2_store_is_migrated(seeded_db: Path | str, undo_version_4) -> None:
    engine = make_engine(seeded_db)
    try:
        assert _indices(engine) >= V3
        postgres = engine.dialect.name == "postgresql"
        assert _statistics(engine) == ({"st_events_dates"} if postgres else set())
        with write_transaction(engine) as conn:  # back to version 2
            for index in V3:
                conn.exec_driver_sql(f"DROP INDEX {index}")
            conn.exec_driver_sql("CREATE INDEX ix_event_actors_actor ON event_actors (actor_id, role)")
            if postgres:
                conn.exec_driver_sql("DROP STATISTICS st_events_dates")
            undo_version_4(conn.exec_driver_sql)
            conn.exec_driver_sql("UPDATE schema_version SET version = 2")  # the store was created at 4
        assert not V3 & _indices(engine) and not _statistics(engine)
        with Store.open(seeded_db) as store:
            assert store.schema_version == SCHEMA_VERSION == 4
            assert len(list(store.iter_records())) == 2
        indices = _indices(engine)
        assert indices >= V3 and "ix_event_actors_actor" not in indices
        assert _statistics(engine) == ({"st_events_dates"} if postgres else set())
    finally:
        engine.dispose()
