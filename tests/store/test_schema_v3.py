"""Schema version 3: a version-2 store gains the covering index of the actor filter, which the
filter's query then reads alone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite

from dateline.store import SCHEMA_VERSION, RecordFilter, Store, schema


def test_a_version_2_store_gains_the_covering_index_of_the_actor_filter(seed_db: Path, copy_store,
                                                                        tmp_path) -> None:  # fmt: skip
    db = copy_store(seed_db, tmp_path / "v2.db")
    con = sqlite3.connect(db)
    con.execute("DROP INDEX ix_event_actors_actor_event")
    con.execute("UPDATE schema_version SET version = 2")  # the store was created at the newest version
    con.commit()
    con.close()

    with Store.open(db) as store:
        assert store.schema_version == SCHEMA_VERSION == 3
    ev = schema.events
    query = sa.select(ev.c.pk).where(*RecordFilter(actor="tehrik-i-taliban-pakistan").event_conditions())
    sql = str(query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    con = sqlite3.connect(db)
    plan = " ".join(str(row) for row in con.execute("EXPLAIN QUERY PLAN " + sql))
    con.close()
    assert "COVERING INDEX ix_event_actors_actor_event" in plan, plan
