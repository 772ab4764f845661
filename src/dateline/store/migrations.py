"""Creating the schema and migrating older databases, one version step per transaction.

:data:`MIGRATIONS` holds one :class:`Migration` per step, from version ``N`` to
``N + 1``. Each step runs in its own write transaction together with the row
that records the new version, so a failed step leaves the database at the
version before it. A new database is created at :data:`SCHEMA_VERSION` directly.
A migration is written against the tables as they were at its version, with
plain DDL, never against :mod:`dateline.store.schema` (which is the newest shape).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from dateline.errors import SchemaTooNew, StoreError
from dateline.store import schema
from dateline.store.engine import read_transaction, write_transaction

#: The PostgreSQL advisory lock key held while the schema is created or migrated ("dateline").
SCHEMA_LOCK = 0x64617465_6C696E65


@dataclass(frozen=True, slots=True)
class Migration:
    """One step: ``apply`` turns a database at ``from_version`` into one at ``from_version + 1``."""

    from_version: int
    description: str
    apply: Callable[[sa.Connection], None]


def _places_hierarchy_and_query_indices(conn: sa.Connection) -> None:
    """Version 2: ``places.admin1_id`` (copied from each place's data, where the record kept it) so a
    province finds the places inside it, and the indices the read model's filters use."""
    conn.exec_driver_sql("ALTER TABLE places ADD COLUMN admin1_id VARCHAR")
    rows = conn.execute(sa.text("SELECT id, data FROM places")).all()
    for place_id, data in rows:
        if isinstance(data, str):  # SQLite hands JSON back as text to a plain query
            data = json.loads(data)
        admin1_id = data.get("admin1_id") if isinstance(data, dict) else None
        if admin1_id is not None:
            conn.execute(
                sa.text("UPDATE places SET admin1_id = :admin1_id WHERE id = :id"),
                {"admin1_id": str(admin1_id), "id": place_id},
            )
    conn.exec_driver_sql("CREATE INDEX ix_places_area ON places (country_code, admin1_id, admin2)")
    conn.exec_driver_sql("CREATE INDEX ix_places_point ON places (lat, lon)")
    conn.exec_driver_sql("CREATE INDEX ix_events_modality ON events (modality)")


def _indices_for_the_web_app(conn: sa.Connection) -> None:
    """Version 3: an actor's events read from one index in key order; a province's and a district's
    places by their admin-1 id; each column a type filter reads indexed; on PostgreSQL the joint
    statistics of the events' dates (then gathered, so the next query is planned with them)."""
    conn.exec_driver_sql(
        "CREATE INDEX ix_event_actors_actor_event ON event_actors (actor_id, event_pk, role)"
    )
    conn.exec_driver_sql("DROP INDEX ix_event_actors_actor")
    conn.exec_driver_sql("CREATE INDEX ix_places_admin1 ON places (admin1_id, admin2)")
    conn.exec_driver_sql("CREATE INDEX ix_events_acled_sub_type ON events (acled_sub_event_type)")
    conn.exec_driver_sql("CREATE INDEX ix_events_plover ON events (plover_event)")
    if conn.dialect.name == "postgresql":
        for statement in schema.EVENT_DATES_STATISTICS:
            conn.exec_driver_sql(statement)
        conn.exec_driver_sql("ANALYZE events")


def _event_actor_dates(conn: sa.Connection) -> None:
    """Version 4: each event-actor pair carries its event's first and last day, indexed after the actor,
    so "this actor, this period" is read from one index range rather than by testing every event of the
    actor (thousands of lookups of the events table on PostgreSQL)."""
    conn.exec_driver_sql("ALTER TABLE event_actors ADD COLUMN date_start DATE")
    conn.exec_driver_sql("ALTER TABLE event_actors ADD COLUMN date_end DATE")
    if conn.dialect.name == "postgresql":  # one join
        conn.exec_driver_sql(
            "UPDATE event_actors SET date_start = events.date_start, date_end = events.date_end "
            "FROM events WHERE events.pk = event_actors.event_pk"
        )
    else:  # a lookup by row id each (UPDATE ... FROM needs SQLite 3.33)
        conn.exec_driver_sql(
            "UPDATE event_actors SET "
            "date_start = (SELECT date_start FROM events WHERE events.pk = event_actors.event_pk), "
            "date_end = (SELECT date_end FROM events WHERE events.pk = event_actors.event_pk)"
        )
    conn.exec_driver_sql(
        "CREATE INDEX ix_event_actors_actor_dates ON event_actors (actor_id, date_start, date_end, event_pk)"
    )
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("ANALYZE event_actors")


#: Every step from version 1 up to :data:`~dateline.store.schema.SCHEMA_VERSION`, in order.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "places.admin1_id; indices for the read model", _places_hierarchy_and_query_indices),
    Migration(2, "indices for the web app's filters: an actor's events, a province's places",
              _indices_for_the_web_app),  # fmt: skip
    Migration(3, "event_actors.date_start, date_end: an actor's events of a period from one index",
              _event_actor_dates),  # fmt: skip
)


def current_version(conn: sa.Connection) -> int | None:
    """The schema version of the database, or None when it has no dateline schema."""
    if not sa.inspect(conn).has_table(schema.schema_version.name):
        return None
    version = conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar()
    return int(version) if version is not None else None


def ensure_schema(
    engine: sa.Engine,
    *,
    readonly: bool = False,
    target: int = schema.SCHEMA_VERSION,
    migrations: Sequence[Migration] = MIGRATIONS,
) -> int:
    """Create the schema or migrate the database up to ``target``; return the version it is at.

    Raises :class:`SchemaTooNew` when the database is newer than ``target`` and
    :class:`StoreError` when it is not a dateline database, or is older and
    ``readonly`` (a read-only open never changes the schema).
    """
    with read_transaction(engine) as conn:
        version = current_version(conn)
        foreign = _foreign_tables(conn) if version is None else []
    _check(version, target, foreign)
    if version == target:
        return version
    if readonly:
        if version is None:
            raise StoreError("the database has no dateline schema yet; open it once for writing")
        raise StoreError(
            f"the database has schema version {version}, this dateline needs {target}; "
            "open it once for writing to migrate it"
        )
    if version is None:
        with write_transaction(engine) as conn:
            _lock_schema(conn)
            version = current_version(conn)  # another process may have created it meanwhile
            if version is None:
                _check(None, target, _foreign_tables(conn))
                schema.metadata.create_all(conn)
                _mark(conn, target, "created")
                return target
    steps = {m.from_version: m for m in migrations}
    while version < target:
        step = steps.get(version)
        if step is None:
            raise StoreError(f"no migration from schema version {version} to {version + 1}")
        with write_transaction(engine) as conn:
            _lock_schema(conn)
            if current_version(conn) != version:  # another process migrated meanwhile
                version = current_version(conn) or 0
                _check(version, target, [])
                continue
            step.apply(conn)
            _mark(conn, version + 1, step.description)
        version += 1
    return version


def _lock_schema(conn: sa.Connection) -> None:
    """Make processes changing the schema at once take turns. SQLite's write transaction already
    holds the database; PostgreSQL's is given a transaction-scoped advisory lock, after which the
    version read is the one the previous holder committed."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(SCHEMA_LOCK)))


def _check(version: int | None, target: int, foreign: list[str]) -> None:
    if version is not None and version > target:
        raise SchemaTooNew(
            f"the database has schema version {version}, newer than this dateline's {target}; "
            "upgrade dateline to read it"
        )
    if version is None and foreign:
        raise StoreError(
            "the database holds tables that are not dateline's "
            f"({', '.join(sorted(foreign)[:5])}); use another file"
        )


def _foreign_tables(conn: sa.Connection) -> list[str]:
    return [name for name in sa.inspect(conn).get_table_names() if not name.startswith("sqlite_")]


def _mark(conn: sa.Connection, version: int, description: str) -> None:
    conn.execute(
        sa.insert(schema.schema_version),
        {"version": version, "description": description, "applied_at": dt.datetime.now(dt.UTC)},
    )
