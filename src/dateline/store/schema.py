"""The database schema (SQLAlchemy Core), version :data:`SCHEMA_VERSION`.

One row per document in ``documents``; one row per item in the per-document
tables (``quotes``, ``quantities``, ``dates``, ``attributions``, ``hedges``,
``events``, ``relations``), keyed by ``(doc_id, position)`` so a record's lists
come back in order. ``places`` and ``actors`` are global tables keyed by their
stable ids (the latest write wins); ``doc_places`` / ``doc_actors`` hold each
document's own copy of the entry, and ``mentions`` where it was named.

Every item table has an ``extra`` JSON column for record fields this schema has
no column for yet, so records gain fields without losing them in the store.
Changing a table here means bumping :data:`SCHEMA_VERSION` and adding a
migration in :mod:`dateline.store.migrations`.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

SCHEMA_VERSION = 4

metadata = sa.MetaData()


class Number(sa.types.TypeDecorator[Any]):
    """A count or measure: stored as a float, read back as ``int`` when it is whole.

    Quantities in news reports are counts; reading ``5.0`` back as ``5`` keeps
    the JSON record free of spurious decimals.
    """

    impl = sa.Float
    cache_ok = True

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> Any:
        if value is None:
            return None
        value = float(value)
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
        return value


def _doc_fk() -> sa.Column[str]:
    return sa.Column("doc_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)


def _span_columns(prefix: str = "span", *, nullable: bool = False) -> list[sa.Column[Any]]:
    return [
        sa.Column(f"{prefix}_start", sa.Integer, nullable=nullable),
        sa.Column(f"{prefix}_end", sa.Integer, nullable=nullable),
    ]


schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("description", sa.String, nullable=False),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String, nullable=False, unique=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("source", sa.String),
    sa.Column("published", sa.Date),
    sa.Column("origin", sa.Text),
    sa.Column("dateline", sa.JSON),
    sa.Column("record_version", sa.Integer, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("extra", sa.JSON),
    sa.Index("ix_documents_published", "published"),
    sa.Index("ix_documents_source", "source"),
)

quotes = sa.Table(
    "quotes",
    metadata,
    _doc_fk(),
    sa.Column("position", sa.Integer, primary_key=True),
    *_span_columns(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("speaker", sa.String),
    sa.Column("speaker_text", sa.Text, nullable=False),
    *_span_columns("speaker_span", nullable=True),
    sa.Column("cue", sa.String),
    sa.Column("kind", sa.String),
    sa.Column("speaker_mention", sa.Text),
    *_span_columns("speaker_mention_span", nullable=True),
    sa.Column("extra", sa.JSON),
    sa.Index("ix_quotes_speaker", "speaker"),
)

quantities = sa.Table(
    "quantities",
    metadata,
    _doc_fk(),
    sa.Column("position", sa.Integer, primary_key=True),
    *_span_columns(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("low", Number),
    sa.Column("high", Number),
    sa.Column("best", Number),
    sa.Column("qualifier", sa.String),
    sa.Column("unit", sa.String),
    sa.Column("vague", sa.Boolean, nullable=False),
    sa.Column("group_id", sa.Integer),
    sa.Column("extra", sa.JSON),
)

dates = sa.Table(
    "dates",
    metadata,
    _doc_fk(),
    sa.Column("position", sa.Integer, primary_key=True),
    *_span_columns(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("precision", sa.String),
    sa.Column("relative", sa.Boolean, nullable=False),
    sa.Column("resolved", sa.Boolean, nullable=False),
    sa.Column("extra", sa.JSON),
    sa.Index("ix_dates_start_end", "date_start", "date_end"),
)

attributions = sa.Table(
    "attributions",
    metadata,
    _doc_fk(),
    sa.Column("position", sa.Integer, primary_key=True),
    *_span_columns(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("source_text", sa.Text, nullable=False),
    *_span_columns("source_span", nullable=True),
    sa.Column("cue", sa.String),
    sa.Column("extra", sa.JSON),
)

hedges = sa.Table(
    "hedges",
    metadata,
    _doc_fk(),
    sa.Column("position", sa.Integer, primary_key=True),
    *_span_columns(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("modality", sa.String, nullable=False),
    sa.Column("extra", sa.JSON),
)

places = sa.Table(
    "places",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("name", sa.String),
    sa.Column("feature", sa.String),
    sa.Column("country_code", sa.String),
    sa.Column("admin1", sa.String),
    sa.Column("admin2", sa.String),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geonameid", sa.Integer),
    sa.Column("admin1_id", sa.String),  # the admin-1 unit's place id: what a province holds (version 2)
    sa.Column("data", sa.JSON),
    sa.Index("ix_places_country", "country_code"),
    sa.Index("ix_places_name", "name"),
    sa.Index("ix_places_area", "country_code", "admin1_id", "admin2"),  # version 2
    sa.Index("ix_places_point", "lat", "lon"),  # version 2: bounding boxes
    sa.Index("ix_places_admin1", "admin1_id", "admin2"),  # version 3: a province's, a district's places
)

actors = sa.Table(
    "actors",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("name", sa.String),
    sa.Column("kind", sa.String),
    sa.Column("country_code", sa.String),
    sa.Column("data", sa.JSON),
    sa.Index("ix_actors_kind", "kind"),
    sa.Index("ix_actors_name", "name"),
)

doc_places = sa.Table(
    "doc_places",
    metadata,
    _doc_fk(),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("place_id", sa.String, sa.ForeignKey("places.id"), nullable=False),
    sa.Column("data", sa.JSON, nullable=False),  # the document's place dict, without its mentions
    sa.Index("ix_doc_places_place", "place_id"),
)

doc_actors = sa.Table(
    "doc_actors",
    metadata,
    _doc_fk(),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("actor_id", sa.String, sa.ForeignKey("actors.id"), nullable=False),
    sa.Column("data", sa.JSON, nullable=False),  # the document's actor dict, without its mentions
    sa.Index("ix_doc_actors_actor", "actor_id"),
)

mentions = sa.Table(
    "mentions",
    metadata,
    _doc_fk(),
    sa.Column("entity_kind", sa.String(8), primary_key=True),  # "place" | "actor"
    sa.Column("entity_position", sa.Integer, primary_key=True),  # index in the record's list
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("entity_id", sa.String, nullable=False),
    *_span_columns(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("extra", sa.JSON),
    sa.CheckConstraint("entity_kind IN ('place', 'actor')", name="ck_mentions_kind"),
    sa.Index("ix_mentions_entity", "entity_kind", "entity_id"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("id", sa.String),
    sa.Column("type", sa.String),
    sa.Column("acled_event_type", sa.String),
    sa.Column("acled_sub_event_type", sa.String),
    sa.Column("plover_event", sa.String),
    sa.Column("place_id", sa.String),
    sa.Column("origin_id", sa.String),
    sa.Column("destination_id", sa.String),
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("date_precision", sa.String),
    sa.Column("fatalities_low", Number),
    sa.Column("fatalities_high", Number),
    sa.Column("fatalities_best", Number),
    sa.Column("injured_low", Number),
    sa.Column("injured_high", Number),
    sa.Column("injured_best", Number),
    sa.Column("size_low", Number),
    sa.Column("size_high", Number),
    sa.Column("size_best", Number),
    sa.Column("modality", sa.String),
    sa.Column("attribution_source", sa.String),
    sa.Column("attribution_text", sa.Text),
    sa.Column("data", sa.JSON, nullable=False),  # the event dict without its evidence
    sa.UniqueConstraint("doc_id", "position", name="uq_events_doc_position"),
    sa.Index("ix_events_id", "id"),
    sa.Index("ix_events_type", "type"),
    sa.Index("ix_events_acled_type", "acled_event_type", "acled_sub_event_type"),
    sa.Index("ix_events_place", "place_id"),
    sa.Index("ix_events_origin", "origin_id"),
    sa.Index("ix_events_destination", "destination_id"),
    sa.Index("ix_events_dates", "date_start", "date_end"),
    sa.Index("ix_events_modality", "modality"),  # version 2
    # version 3: a type filter matches any of four columns; with each indexed, a rare type is read
    # from the indices (SQLite's multi-index OR, PostgreSQL's bitmap OR), not by scanning the events
    sa.Index("ix_events_acled_sub_type", "acled_sub_event_type"),
    sa.Index("ix_events_plover", "plover_event"),
)

event_actors = sa.Table(
    "event_actors",
    metadata,
    sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.pk", ondelete="CASCADE"), primary_key=True),
    sa.Column("role", sa.String(8), primary_key=True),  # "actor" | "target"
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("actor_id", sa.String, nullable=False),
    # version 4: the event's first and last day, copied from ``events`` (they never change)
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.CheckConstraint("role IN ('actor', 'target')", name="ck_event_actors_role"),
    # version 3: an actor's events in key order, from the index alone (was ix_event_actors_actor)
    sa.Index("ix_event_actors_actor_event", "actor_id", "event_pk", "role"),
    # version 4: an actor's events of a period from the index alone, however many events the actor has
    # (PostgreSQL otherwise looked up every event of the actor to test its dates)
    sa.Index("ix_event_actors_actor_dates", "actor_id", "date_start", "date_end", "event_pk"),
)

relations = sa.Table(
    "relations",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("id", sa.String),
    sa.Column("subject", sa.String),
    sa.Column("predicate", sa.String),
    sa.Column("object", sa.String),
    sa.Column("modality", sa.String),
    sa.Column("data", sa.JSON, nullable=False),  # the relation dict without its evidence
    sa.UniqueConstraint("doc_id", "position", name="uq_relations_doc_position"),
    sa.Index("ix_relations_subject", "subject", "predicate"),
    sa.Index("ix_relations_object", "object", "predicate"),
)

evidence = sa.Table(
    "evidence",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.pk", ondelete="CASCADE")),
    sa.Column("relation_pk", sa.Integer, sa.ForeignKey("relations.pk", ondelete="CASCADE")),
    sa.Column("position", sa.Integer, nullable=False),
    *_span_columns(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("extra", sa.JSON),
    sa.CheckConstraint("(event_pk IS NULL) <> (relation_pk IS NULL)", name="ck_evidence_one_owner"),
    sa.Index("ix_evidence_event", "event_pk", "position"),
    sa.Index("ix_evidence_relation", "relation_pk", "position"),
)

#: PostgreSQL's joint statistics of an event's first and last day (version 3): without them the
#: planner takes "overlaps this week" for a third of the events, and pages an actor's events of a
#: week by reading every event in key order. SQLite has no such statistics (nor needs them).
EVENT_DATES_STATISTICS = (
    "CREATE STATISTICS IF NOT EXISTS st_events_dates (mcv) ON date_start, (coalesce(date_end, date_start)) "
    "FROM events",
    "ALTER STATISTICS st_events_dates SET STATISTICS 3000",
)


@sa.event.listens_for(events, "after_create")
def _event_dates_statistics(target: sa.Table, conn: sa.Connection, **kw: Any) -> None:
    if conn.dialect.name == "postgresql":
        for statement in EVENT_DATES_STATISTICS:
            conn.exec_driver_sql(statement)


#: The record's typed item lists and the table each is stored in.
ITEM_TABLES: tuple[tuple[str, sa.Table], ...] = (
    ("quotes", quotes),
    ("quantities", quantities),
    ("dates", dates),
    ("attributions", attributions),
    ("hedges", hedges),
)
