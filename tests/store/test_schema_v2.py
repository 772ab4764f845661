"""Schema version 2: a version-1 store gains places.admin1_id (from the records) and the read indices."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dateline.store import SCHEMA_VERSION, Store


def test_a_version_1_store_is_migrated_and_keeps_its_hierarchy(seed_db: Path, copy_store, tmp_path,
                                                                 undo_version_4) -> None:
    db = copy_store(seed_db, tmp_path / "v1.db")
    with sqlite3.connect(db) as con:
        undo_version_4(con.execute)
    con = sqlite3.connect(db)
    expected = dict(con.execute("SELECT id, admin1_id FROM places"))
    assert expected["geonames:7053347"] == "geonames:1121143"  # Kakar lies in Zabul
    # back to version 1: admin1_id kept only in the place's data, no read indices
    con.execute("UPDATE places SET data = json_set(data, '$.admin1_id', admin1_id)")
    for index in ("ix_places_area", "ix_places_point", "ix_events_modality",
                  "ix_event_actors_actor_event", "ix_places_admin1", "ix_events_acled_sub_type",
                  "ix_events_plover"):  # fmt: skip
        con.execute(f"DROP INDEX {index}")
    con.execute("CREATE INDEX ix_event_actors_actor ON event_actors (actor_id, role)")  # as version 2 had
    con.execute("ALTER TABLE places DROP COLUMN admin1_id")
    con.execute("UPDATE schema_version SET version = 1")  # the store was created at version 4
    con.commit()
    con.close()

    with Store.open(db) as store:
        assert store.schema_version == SCHEMA_VERSION == 4
    con = sqlite3.connect(db)
    assert dict(con.execute("SELECT id, admin1_id FROM places")) == expected
    indices = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"ix_places_area", "ix_places_point", "ix_events_modality"} <= indices
    plan = " ".join(
        str(row) for row in con.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM places WHERE country_code = ? AND admin1_id = ?", ("AF", "x")
        )
    )  # fmt: skip
    assert "ix_places_area" in plan
    con.close()
