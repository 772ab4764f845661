"""A Parquet dataset partitioned by date: where ``dateline ingest --parquet DIR`` stores records.

One folder per table, each partitioned the Hive way by the document's publication date, which
pandas (``pd.read_parquet("DIR/events")``), ``dask.dataframe.read_parquet`` and DuckDB
(``read_parquet('DIR/events/*/*.parquet', hive_partitioning = true)``) read as they are::

    DIR/documents/date=2014-12-01/part-<run>-00000.parquet
    DIR/events/date=2014-12-01/part-<run>-00000.parquet
    DIR/events/date=undated/...              documents with no publication date

The tables are the ``parquet`` export's, one row per document's item: ``documents``, ``events`` (the
ACLED columns and ours), ``quantities``, ``dates``, ``quotes``; and ``places`` and ``actors`` with
one row per document that names the place or actor (``document_id``, its fields, ``mentions``).
The partition column ``date`` is in the folder names, not in the files; every row of one document
is in the same partition of each table.

It is a :class:`~dateline.extract.RecordSink`, like the store: each document is written once (by
content hash), re-running is incremental, a document id met with other text is refused (E300).
Records are written every ``flush_documents`` documents, as one part per table and date, each file
written beside its place and renamed into it; a part's ``documents`` file is written last and marks
it complete, so the parts of a run killed while writing (those with no ``documents`` file) are
removed by the next run before it reads what is stored. One writer at a time.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from dateline.errors import OutputError, StoreError
from dateline.export.parquet import TABLES, ParquetExporter, columns_schema
from dateline.identity import content_hash
from dateline.records import Record
from dateline.store import AddOutcome

#: The partition column (Hive style: ``date=YYYY-MM-DD`` folders).
PARTITION = "date"
#: The partition of documents with no publication date. (Not Hive's ``__HIVE_DEFAULT_PARTITION__``,
#: which pyarrow reads as null: pandas cannot yet read a dictionary column holding nulls.)
NO_DATE = "undated"
#: Documents buffered before a part is written.
FLUSH_DOCUMENTS = 500

_DOCUMENT_PLACE = (
    ("document_id", "str"), ("position", "int"), ("id", "str"), ("name", "str"), ("country_code", "str"),
    ("admin1", "str"), ("admin2", "str"), ("feature", "str"), ("geonameid", "int"), ("lat", "float"),
    ("lon", "float"), ("geo_precision", "int"), ("mentions", "int"),
)  # fmt: skip
_DOCUMENT_ACTOR = (
    ("document_id", "str"), ("position", "int"), ("id", "str"), ("name", "str"), ("kind", "str"),
    ("country_code", "str"), ("registered", "bool"), ("mentions", "int"),
)  # fmt: skip
#: Each table's columns; ``documents`` last, as it is written last.
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    **{table: TABLES[table] for table in ("events", "quantities", "dates", "quotes")},
    "places": _DOCUMENT_PLACE,
    "actors": _DOCUMENT_ACTOR,
    "documents": TABLES["documents"],
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def partition(record: Record) -> str:
    """The ``date`` partition of a record: its publication date, or :data:`NO_DATE`."""
    published = record.published or ""
    return published[:10] if _ISO_DATE.match(published) else NO_DATE


def _entity_rows(
    attr: str, fields: tuple[tuple[str, str], ...]
) -> Callable[[Iterable[Record]], Iterator[dict[str, Any]]]:
    """One row per place (or actor) of each record, with how often the record mentions it."""

    def rows(records: Iterable[Record]) -> Iterator[dict[str, Any]]:
        for record in records:
            for position, entity in enumerate(getattr(record, attr)):
                row = {name: getattr(entity, name, None) for name, _ in fields}
                row.update(document_id=record.id, position=position, mentions=len(entity.mentions))
                yield row

    return rows


class ParquetDataset:
    """The dataset in ``folder`` (created when first written)."""

    def __init__(self, folder: str | Path, *, flush_documents: int = FLUSH_DOCUMENTS) -> None:
        if flush_documents < 1:
            raise ValueError("flush_documents must be at least 1")
        self.folder = Path(folder)
        self.flush_documents = flush_documents
        self._run = uuid.uuid4().hex[:12]
        self._parts = 0
        self._renderers = {
            **{table: ParquetExporter(table).rows for table in ("events", "quantities", "dates", "quotes")},
            "documents": ParquetExporter("documents").rows,
            "places": _entity_rows("places", _DOCUMENT_PLACE),
            "actors": _entity_rows("actors", _DOCUMENT_ACTOR),
        }
        if self.folder.exists() and not self.folder.is_dir():
            raise OutputError(f"{self.folder} is not a folder: a Parquet dataset is one")

    # --- what is stored -----------------------------------------------------------------

    def _files(self, table: str) -> Iterator[Path]:
        yield from sorted((self.folder / table).glob(f"{PARTITION}=*/part-*.parquet"))

    def stored_ids(self) -> dict[str, str]:
        """Content hash of every stored document, by document id (complete parts only)."""
        import pyarrow.parquet as pq

        self._remove_incomplete()
        stored: dict[str, str] = {}
        for path in self._files("documents"):
            table = pq.read_table(path, columns=["id", "content_hash"])
            ids, hashes = table.column("id").to_pylist(), table.column("content_hash").to_pylist()
            stored.update(zip(ids, hashes, strict=True))
        return stored

    def known_hashes(self) -> set[str]:
        """Content hashes of every stored document."""
        return set(self.stored_ids().values())

    def _remove_incomplete(self) -> None:
        """Remove the parts of a run killed while writing them: files with no ``documents`` file of the
        same name and date, and temporary files."""
        for path in self.folder.glob("*/*/.*.tmp"):
            path.unlink(missing_ok=True)
        for table in COLUMNS:
            if table == "documents":
                continue
            for path in self._files(table):
                if not (self.folder / "documents" / path.parent.name / path.name).exists():
                    path.unlink(missing_ok=True)

    # --- writing ------------------------------------------------------------------------

    def add_records(
        self, records: Iterable[Record], *, batch_size: int = 20, outcome: AddOutcome | None = None
    ) -> int:
        """Write records not stored yet; return how many were newly written.

        As :meth:`dateline.store.Store.add_records` (a record whose content hash is stored is skipped,
        one whose id is stored with other text refused), except that records are written every
        ``flush_documents`` documents rather than every ``batch_size``.
        """
        raise_refused = outcome is None
        outcome = outcome if outcome is not None else AddOutcome()
        stored = self.stored_ids()
        hashes = set(stored.values())
        pending: list[Record] = []
        for record in records:
            digest = record.content_hash or content_hash(record.text)
            if digest in hashes:
                outcome.add(AddOutcome(already_stored=1))
                continue
            other = stored.get(record.id)
            if other is not None and other != digest:
                where = f" ({record.origin})" if record.origin else ""
                error = StoreError(
                    f"document id {record.id!r}{where} is already stored with different text; it was not "
                    "stored (give each document its own id)"
                )
                outcome.add(AddOutcome(refused=[(record, error)]))
                continue
            hashes.add(digest)
            stored[record.id] = digest
            pending.append(record)
            if len(pending) >= self.flush_documents:
                outcome.add(self._write(pending))
                pending = []
        if pending:
            outcome.add(self._write(pending))
        if raise_refused and outcome.refused:
            raise outcome.refused[0][1]
        return outcome.stored

    def _write(self, records: list[Record]) -> AddOutcome:
        """One part: a file per table and date, ``documents`` last."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        name = f"part-{self._run}-{self._parts:05d}.parquet"
        self._parts += 1
        by_date: dict[str, list[Record]] = {}
        for record in records:
            by_date.setdefault(partition(record), []).append(record)
        for table, columns in COLUMNS.items():
            schema = columns_schema(columns)
            for date, group in by_date.items():
                rows = [{c: row.get(c) for c in schema.names} for row in self._renderers[table](group)]
                if not rows and table != "documents":
                    continue
                folder = self.folder / table / f"{PARTITION}={date}"
                temporary = folder / f".{name}.tmp"
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                    pq.write_table(pa.Table.from_pylist(rows, schema=schema), temporary)
                    os.replace(temporary, folder / name)
                except OSError as exc:
                    temporary.unlink(missing_ok=True)
                    raise OutputError(f"cannot write {folder / name}: {exc.strerror or exc}") from exc
        return AddOutcome(stored=len(records))
