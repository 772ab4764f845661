"""The store: records in, records out, each document stored exactly once.

``Store.open("dateline.db")`` opens (creating or migrating) a SQLite file;
a ``postgresql+psycopg://`` URL opens PostgreSQL. ``add_records`` writes a batch
of documents and all their items in one transaction, so a process killed at
any moment leaves only whole documents, and skips documents whose content
hash is already stored, so re-running an ingest resumes it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from dateline.errors import NotADatabase, StoreError
from dateline.records import Mention, Record
from dateline.store import schema
from dateline.store.codec import (
    ITEM_CODECS,
    RECORD_KINDS,
    EventRows,
    RecordParts,
    RecordRows,
    build_record,
    mention,
    record_rows,
)
from dateline.store.engine import display, make_engine, read_transaction, write_transaction
from dateline.store.migrations import ensure_schema
from dateline.store.queries import RecordFilter

#: How many documents :meth:`Store.iter_records` reads per query.
READ_PAGE = 200

#: How many times a batch is tried when another writer's transaction got in its way.
RETRIES = 5


@dataclass
class AddOutcome:
    """What :meth:`Store.add_records` did with each record it was given.

    ``already_stored`` counts records skipped because their text was stored when their batch was written
    (by an earlier run, another process meanwhile, or earlier in the same call); ``refused`` holds each
    record whose id is stored with different text, with its E300 error; ``on_refused`` is told of each
    as it happens.
    """

    stored: int = 0
    already_stored: int = 0
    refused: list[tuple[Record, StoreError]] = field(default_factory=list)
    on_refused: Callable[[Record, StoreError], None] | None = None

    def add(self, batch: AddOutcome) -> None:
        """Count one written batch's outcome in this one, telling ``on_refused`` of its refusals."""
        self.stored += batch.stored
        self.already_stored += batch.already_stored
        for record, error in batch.refused:
            self.refused.append((record, error))
            if self.on_refused is not None:
                self.on_refused(record, error)


class Store:
    """A dateline database. Open with :meth:`Store.open`; use as a context manager."""

    def __init__(self, engine: sa.Engine, *, readonly: bool, schema_version: int) -> None:
        self._engine = engine
        self.readonly = readonly
        self.schema_version = schema_version

    @classmethod
    def open(cls, target: str | Path = "dateline.db", *, readonly: bool = False) -> Store:
        """Open the database at ``target`` (a path or a SQLAlchemy URL), creating or migrating it."""
        engine = make_engine(target, readonly=readonly)
        try:
            version = ensure_schema(engine, readonly=readonly)
        except sa.exc.OperationalError as exc:  # also: no server there, a refused login
            engine.dispose()
            raise StoreError(f"cannot open the database {display(target)}: {exc.orig}") from None
        except sa.exc.DatabaseError as exc:  # e.g. "file is not a database"
            engine.dispose()
            raise NotADatabase(f"cannot open the database {display(target)}: {exc.orig}") from None
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, readonly=readonly, schema_version=version)

    @property
    def engine(self) -> sa.Engine:
        return self._engine

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # --- what is stored -----------------------------------------------------------------

    def known_hashes(self) -> set[str]:
        """Content hashes of every stored document."""
        with read_transaction(self._engine) as conn:
            return set(conn.execute(sa.select(schema.documents.c.content_hash)).scalars())

    def has_document(self, content_hash: str) -> bool:
        query = sa.select(schema.documents.c.pk).where(schema.documents.c.content_hash == content_hash)
        with read_transaction(self._engine) as conn:
            return conn.execute(query.limit(1)).first() is not None

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with read_transaction(self._engine) as conn:
            return {
                table.name: int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())
                for table in schema.metadata.tables.values()
                if table is not schema.schema_version
            }

    # --- writing ------------------------------------------------------------------------

    def add_records(
        self, records: Iterable[Record], *, batch_size: int = 20, outcome: AddOutcome | None = None
    ) -> int:
        """Store records not stored yet; return how many were newly stored.

        Each batch of ``batch_size`` records is one transaction. A record whose
        content hash is stored (or earlier in the same call) is skipped. A record
        whose id is stored with different text is refused (E300) and the others
        are stored: with an ``outcome`` it is recorded there; without one,
        :class:`StoreError` is raised once every other record is stored.
        """
        if self.readonly:
            raise StoreError("the store was opened read-only")
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        raise_refused = outcome is None
        outcome = outcome if outcome is not None else AddOutcome()
        iterator = iter(records)
        while batch := list(itertools.islice(iterator, batch_size)):
            outcome.add(self._add_batch_retrying(batch))
        if raise_refused and outcome.refused:
            ids = ", ".join(repr(record.id) for record, _ in outcome.refused[:5])
            more = f" and {len(outcome.refused) - 5} more" if len(outcome.refused) > 5 else ""
            raise StoreError(
                f"{len(outcome.refused)} document(s) not stored: id {ids}{more} already stored with "
                "different text (the others were stored); give each document its own id"
            )
        return outcome.stored

    def _add_batch_retrying(self, batch: list[Record]) -> AddOutcome:
        """One batch in one transaction, tried again (whole) when the server gave it up for a deadlock
        or a serialisation failure with another writer (PostgreSQL), or it met a row another writer
        stored meanwhile."""
        for attempt in range(RETRIES):
            try:
                return self._add_batch(batch)
            except (sa.exc.IntegrityError, sa.exc.OperationalError) as exc:
                if attempt == RETRIES - 1 or not _retryable(exc):
                    raise StoreError(f"cannot store a batch of documents: {exc.orig}") from exc
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def _add_batch(self, batch: list[Record]) -> AddOutcome:
        hashes = [_content_hash(r) for r in batch]
        with write_transaction(self._engine) as conn:
            d = schema.documents
            stored_hashes = set(
                conn.execute(sa.select(d.c.content_hash).where(d.c.content_hash.in_(hashes))).scalars()
            )
            ids = [r.id for r in batch]
            stored_ids = {
                row.id: row.content_hash
                for row in conn.execute(sa.select(d.c.id, d.c.content_hash).where(d.c.id.in_(ids)))
            }
            now = dt.datetime.now(dt.UTC)
            pending: list[tuple[Record, RecordRows]] = []
            seen_ids: dict[str, str] = {}
            done = AddOutcome()
            for record, content_hash in zip(batch, hashes, strict=True):
                if content_hash in stored_hashes:
                    done.already_stored += 1
                    continue
                other = stored_ids.get(record.id) or seen_ids.get(record.id)
                if other is not None and other != content_hash:
                    done.refused.append((record, _clash(record)))
                    continue
                stored_hashes.add(content_hash)
                seen_ids[record.id] = content_hash
                pending.append((record, record_rows(record, content_hash, now)))
            rows = self._insert_documents(conn, pending, done) if pending else []
            if rows:
                self._insert(conn, rows)
        done.stored = len(rows)
        return done

    def _insert_documents(self, conn: sa.Connection, pending: list[tuple[Record, RecordRows]],
                          done: AddOutcome) -> list[RecordRows]:  # fmt: skip
        """Insert the documents' rows, skipping any another writer stored since this batch looked
        (``ON CONFLICT DO NOTHING``: PostgreSQL waits for that writer's transaction to end); the rows
        inserted, whose items are then written. A skipped text counts as already stored; a skipped id
        with other text is refused."""
        d = schema.documents
        stmt = _dialect_insert(conn, d).on_conflict_do_nothing().returning(d.c.content_hash)
        inserted = set(conn.execute(stmt, [rows.document for _, rows in pending]).scalars())
        missed = [(record, rows) for record, rows in pending if rows.document["content_hash"] not in inserted]
        if missed:
            hashes = [rows.document["content_hash"] for _, rows in missed]
            query = sa.select(d.c.content_hash).where(d.c.content_hash.in_(hashes))
            stored = set(conn.execute(query).scalars())
            for record, rows in missed:
                if rows.document["content_hash"] in stored:
                    done.already_stored += 1
                else:
                    done.refused.append((record, _clash(record)))
        return [rows for _, rows in pending if rows.document["content_hash"] in inserted]

    def _insert(self, conn: sa.Connection, rows: list[RecordRows]) -> None:
        for codec in ITEM_CODECS:
            _insert_many(conn, codec.table, [row for r in rows for row in r.items[codec.attr]])
        self._upsert(conn, schema.places, [row for r in rows for row in r.places])
        self._upsert(conn, schema.actors, [row for r in rows for row in r.actors])
        _insert_many(conn, schema.doc_places, [row for r in rows for row in r.doc_places])
        _insert_many(conn, schema.doc_actors, [row for r in rows for row in r.doc_actors])
        _insert_many(conn, schema.mentions, [row for r in rows for row in r.mentions])
        events = [e for r in rows for e in r.events]
        for pk, event in zip(_insert_returning(conn, schema.events, events), events, strict=True):
            for row in event.actors:
                row["event_pk"] = pk
            for row in event.evidence:
                row.update(event_pk=pk, relation_pk=None)
        relations = [e for r in rows for e in r.relations]
        for pk, relation in zip(_insert_returning(conn, schema.relations, relations), relations, strict=True):
            for row in relation.evidence:
                row.update(event_pk=None, relation_pk=pk)
        _insert_many(conn, schema.event_actors, [row for e in events for row in e.actors])
        _insert_many(conn, schema.evidence, [row for e in events + relations for row in e.evidence])

    def _upsert(self, conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        """Insert global entities; an id already stored takes the newest values."""
        if not rows:
            return
        latest = {row["id"]: row for row in rows}  # the last copy in the batch wins
        stmt = _dialect_insert(conn, table)
        stmt = stmt.on_conflict_do_update(
            index_elements=[table.c.id],
            set_={c.name: stmt.excluded[c.name] for c in table.c if c.name != "id"},
        )
        conn.execute(stmt, [latest[key] for key in sorted(latest)])  # writers lock rows in one order

    # --- reading ------------------------------------------------------------------------

    def records_naming(self, actor_id: str | None) -> Iterator[Record]:
        """Stored records naming ``actor_id`` (a mention, or an actor or target of an event); all if None."""
        return self.iter_records(where=RecordFilter(actor=actor_id) if actor_id is not None else None)

    def iter_records(self, *, where: RecordFilter | None = None) -> Iterator[Record]:
        """Stored records, in the order they were stored, optionally filtered."""
        where = where or RecordFilter()
        after = 0
        while True:
            with read_transaction(self._engine) as conn:
                keys = list(conn.execute(where.select_keys(after=after, limit=READ_PAGE)).scalars())
                if not keys:
                    return
                records = _load(conn, keys)
            yield from records
            after = keys[-1]

    def get_record(self, doc_id: str) -> Record | None:
        return next(self.iter_records(where=RecordFilter(ids=[doc_id])), None)


def _dialect_insert(conn: sa.Connection, table: sa.Table) -> Any:
    """The dialect's own ``INSERT`` (with ``ON CONFLICT``): both engines have it."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        return sqlite.insert(table)
    if dialect == "postgresql":
        return postgresql.insert(table)
    raise StoreError(f"unsupported database: {dialect}")


def _retryable(exc: sa.exc.DBAPIError) -> bool:
    """A deadlock, a serialisation failure or a unique key another writer took: trying again helps."""
    code = getattr(exc.orig, "sqlstate", None)  # psycopg's; SQLite's errors have none
    if isinstance(exc, sa.exc.IntegrityError):
        return code in (None, "23505")
    return code in ("40P01", "40001")


def _clash(record: Record) -> StoreError:
    where = f" ({record.origin})" if record.origin else ""
    return StoreError(
        f"document id {record.id!r}{where} is already stored with different text; "
        "it was not stored (give each document its own id)"
    )


def _content_hash(record: Record) -> str:
    if record.content_hash:
        return record.content_hash
    from dateline.identity import content_hash

    return content_hash(record.text)


def _insert_many(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(sa.insert(table), rows)


def _insert_returning(conn: sa.Connection, table: sa.Table, items: list[EventRows]) -> list[int]:
    if not items:
        return []
    stmt = sa.insert(table).returning(table.c.pk, sort_by_parameter_order=True)
    return list(conn.execute(stmt, [item.row for item in items]).scalars())


def _load(conn: sa.Connection, keys: list[int]) -> list[Record]:
    d = schema.documents
    docs = conn.execute(sa.select(d).where(d.c.pk.in_(keys)).order_by(d.c.pk)).mappings().all()
    parts = {row["id"]: RecordParts(document=row) for row in docs}
    ids = list(parts)

    for codec in ITEM_CODECS:
        t = codec.table
        for row in conn.execute(
            sa.select(t).where(t.c.doc_id.in_(ids)).order_by(t.c.doc_id, t.c.position)
        ).mappings():
            parts[row["doc_id"]].items.setdefault(codec.attr, []).append(codec.item(row))

    m = schema.mentions
    entity_mentions: dict[tuple[str, str, int], list[Mention]] = defaultdict(list)
    query = (
        sa.select(m)
        .where(m.c.doc_id.in_(ids))
        .order_by(m.c.doc_id, m.c.entity_kind, m.c.entity_position, m.c.position)
    )
    for row in conn.execute(query).mappings():
        entity_mentions[(row["doc_id"], row["entity_kind"], row["entity_position"])].append(mention(row))
    for kind, table, attr in (("place", schema.doc_places, "places"), ("actor", schema.doc_actors, "actors")):
        query = sa.select(table).where(table.c.doc_id.in_(ids)).order_by(table.c.doc_id, table.c.position)
        for row in conn.execute(query).mappings():
            mentions = entity_mentions.get((row["doc_id"], kind, row["position"]), [])
            entity = RECORD_KINDS[attr].from_dict({**row["data"], "mentions": mentions})
            getattr(parts[row["doc_id"]], attr).append(entity)

    for table, owner, attr in (
        (schema.events, "event_pk", "events"),
        (schema.relations, "relation_pk", "relations"),
    ):
        owned = conn.execute(
            sa.select(table.c.pk, table.c.doc_id, table.c.data)
            .where(table.c.doc_id.in_(ids))
            .order_by(table.c.doc_id, table.c.position)
        ).all()
        if not owned:
            continue
        ev = schema.evidence
        evidence: dict[int, list[Mention]] = defaultdict(list)
        owner_col = ev.c[owner]
        query = (
            sa.select(ev).where(owner_col.in_([row.pk for row in owned])).order_by(owner_col, ev.c.position)
        )
        for row in conn.execute(query).mappings():
            evidence[row[owner]].append(mention(row))
        for row in owned:
            item = RECORD_KINDS[attr].from_dict({**row.data, "evidence": evidence.get(row.pk, [])})
            getattr(parts[row.doc_id], attr).append(item)

    return [build_record(parts[row["id"]]) for row in docs]
