"""Moving a store between engines: ``dateline db copy SOURCE TARGET``.

Into an empty target (a new SQLite file, a new PostgreSQL database) every table is copied row by
row in key order, keys included, in one write transaction: the copy is the same store (the same
document, event and relation keys, so the API's cursors stay valid), and a copy that fails or is
killed leaves the target empty. A target that holds documents is refused unless ``merge`` is asked
for; then the source's records are added the way ``ingest`` adds them (each text stored once, a
document id stored with other text refused with E300), so merging twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from dateline.errors import StoreError
from dateline.store import schema
from dateline.store.engine import display, is_url, parse_url, read_transaction, write_transaction
from dateline.store.store import AddOutcome, Store

#: Rows read and written at a time.
CHUNK = 5_000


@dataclass
class CopyReport:
    """What a copy did: rows per table (a whole copy) or documents stored, skipped, refused (a merge)."""

    merged: bool
    rows: dict[str, int]
    stored: int = 0
    already_stored: int = 0
    refused: int = 0


def copy_store(source: str | Path, target: str | Path, *, merge: bool = False) -> CopyReport:
    """Copy the store at ``source`` into ``target`` (either a SQLite path or a database URL)."""
    if _same(source, target):
        raise StoreError(f"the source and the target are the same store ({display(source)})")
    if not is_url(source) and not Path(source).exists():
        raise StoreError(f"no database at {source}")
    with Store.open(source, readonly=True) as src, Store.open(target) as dst:
        with read_transaction(dst.engine) as conn:
            held = conn.execute(sa.select(sa.func.count()).select_from(schema.documents)).scalar_one()
        if held and not merge:
            raise StoreError(
                f"the target {display(target)} already holds {held:,} document(s); copy into an empty "
                "store, or add --merge to add the source's documents to it (each text stored once)"
            )
        if held:
            return _merge(src, dst)
        return CopyReport(merged=False, rows=_copy_tables(src.engine, dst.engine))


def _same(source: str | Path, target: str | Path) -> bool:
    return _identity(source) == _identity(target)


def _identity(target: str | Path) -> str:
    """What names one store: a SQLite file's resolved path, else the URL (its driver spelt out)."""
    if is_url(target):
        url = parse_url(str(target))
        if url.get_backend_name() != "sqlite":
            return url.render_as_string(hide_password=True)
        target = url.database or ""
    return str(Path(target).expanduser().resolve())


def _copy_tables(source: sa.Engine, target: sa.Engine) -> dict[str, int]:
    """Every table's rows, parents before children, in one target transaction; key sequences moved on."""
    counts: dict[str, int] = {}
    tables = [t for t in schema.metadata.sorted_tables if t is not schema.schema_version]
    with read_transaction(source) as reader, write_transaction(target) as writer:
        if writer.execute(sa.select(sa.func.count()).select_from(schema.documents)).scalar_one():
            raise StoreError("another process stored documents in the target meanwhile; nothing was copied")
        for table in tables:
            counts[table.name] = 0
            query = sa.select(table).order_by(*table.primary_key.columns)
            result = reader.execution_options(stream_results=True, yield_per=CHUNK).execute(query)
            for chunk in result.mappings().partitions(CHUNK):
                writer.execute(sa.insert(table), [dict(row) for row in chunk])
                counts[table.name] += len(chunk)
        if writer.dialect.name == "postgresql":
            for table in tables:
                pk = list(table.primary_key.columns)
                if len(pk) == 1 and pk[0].autoincrement is True:
                    writer.execute(
                        sa.text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                            f"coalesce((SELECT max({pk[0].name}) FROM {table.name}), 0) + 1, false)"
                        )
                    )
    return counts


def _merge(src: Store, dst: Store) -> CopyReport:
    outcome = AddOutcome()
    dst.add_records(src.iter_records(), batch_size=100, outcome=outcome)
    return CopyReport(merged=True, rows={}, stored=outcome.stored, already_stored=outcome.already_stored,
                      refused=len(outcome.refused))  # fmt: skip
