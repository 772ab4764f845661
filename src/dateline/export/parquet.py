"""Parquet: one flat table per file, typed by explicit schemas (so empty tables keep their columns).

The default table is the event table, with the same columns as ``acled-csv``;
``table=`` picks another: documents, quantities, dates, quotes, places, actors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from dateline.export.files import output_path
from dateline.export.rows import EVENT_COLUMN_TYPES, EVENT_COLUMNS, AcledRows, EntityTally, to_date
from dateline.records import Record

if TYPE_CHECKING:
    import pyarrow as pa

#: Rows buffered before a row group is written.
CHUNK_ROWS = 10_000

_SPAN = (("span_start", "int"), ("span_end", "int"))

#: Each table's columns and their types ("str", "int", "float", "date", "bool", "list[str]").
#: pyarrow is imported only when a table is written, so the other formats do not pay for it.
TABLES: Mapping[str, tuple[tuple[str, str], ...]] = MappingProxyType(
    {
        "events": tuple((c, EVENT_COLUMN_TYPES.get(c, "str")) for c in EVENT_COLUMNS),
        "documents": (
            ("id", "str"), ("content_hash", "str"), ("title", "str"), ("url", "str"), ("source", "str"),
            ("published", "date"), ("origin", "str"), ("dateline_text", "str"), ("dateline_place", "str"),
            ("record_version", "int"), ("places", "int"), ("actors", "int"), ("events", "int"),
            ("relations", "int"), ("quotes", "int"), ("quantities", "int"), ("dates", "int"), ("text", "str"),
        ),
        "quantities": (
            ("document_id", "str"), ("position", "int"), ("text", "str"), *_SPAN, ("low", "float"),
            ("high", "float"), ("best", "float"), ("qualifier", "str"), ("unit", "str"), ("vague", "bool"),
            ("group", "int"),
        ),
        "dates": (
            ("document_id", "str"), ("position", "int"), ("text", "str"), *_SPAN, ("start", "date"),
            ("end", "date"), ("precision", "str"), ("relative", "bool"), ("resolved", "bool"),
        ),
        "quotes": (
            ("document_id", "str"), ("position", "int"), ("speaker", "str"), ("speaker_text", "str"),
            ("text", "str"), *_SPAN, ("cue", "str"),
        ),
        "places": (
            ("id", "str"), ("name", "str"), ("country_code", "str"), ("admin1", "str"), ("admin2", "str"),
            ("feature", "str"), ("geonameid", "int"), ("lat", "float"), ("lon", "float"),
            ("mention_count", "int"), ("document_count", "int"), ("documents", "list[str]"),
        ),
        "actors": (
            ("id", "str"), ("name", "str"), ("kind", "str"), ("country_code", "str"),
            ("aliases", "list[str]"), ("mention_count", "int"), ("document_count", "int"),
            ("documents", "list[str]"),
        ),
    }
)  # fmt: skip


def arrow_schema(table: str) -> pa.Schema:
    """The explicit pyarrow schema of one table."""
    return columns_schema(TABLES[table])


def columns_schema(columns: Iterable[tuple[str, str]]) -> pa.Schema:
    """The pyarrow schema of (name, type) columns, typed as :data:`TABLES` types them."""
    import pyarrow as pa

    types = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "date": pa.date32(),
        "bool": pa.bool_(),
        "list[str]": pa.list_(pa.string()),
    }
    return pa.schema([(name, types[kind]) for name, kind in columns])


def _document_rows(records: Iterable[Record]) -> Iterator[dict[str, Any]]:
    for r in records:
        yield {
            "id": r.id, "content_hash": r.content_hash or None, "title": r.title, "url": r.url,
            "source": r.source, "published": to_date(r.published), "origin": r.origin,
            "dateline_text": r.dateline.text if r.dateline else None,
            "dateline_place": r.dateline.place if r.dateline else None, "record_version": r.record_version,
            "places": len(r.places), "actors": len(r.actors), "events": len(r.events),
            "relations": len(r.relations), "quotes": len(r.quotes), "quantities": len(r.quantities),
            "dates": len(r.dates), "text": r.text,
        }  # fmt: skip


def _item_rows(attr: str) -> Callable[[Iterable[Record]], Iterator[dict[str, Any]]]:
    """Rows of one typed item list (quantities, dates, quotes): its fields, spans split, dates typed."""

    def rows(records: Iterable[Record]) -> Iterator[dict[str, Any]]:
        for record in records:
            for position, item in enumerate(getattr(record, attr)):
                row = item.to_dict()
                row["span_start"], row["span_end"] = row.pop("span")
                for key in ("start", "end"):
                    if key in row:
                        row[key] = to_date(row[key])
                yield {"document_id": record.id, "position": position, **row}

    return rows


def _entity_rows(kind: str) -> Callable[[Iterable[Record]], Iterator[dict[str, Any]]]:
    def rows(records: Iterable[Record]) -> Iterator[dict[str, Any]]:
        tally = EntityTally(kind)
        for record in records:
            tally.add(record)
        for entity in tally:
            yield {**entity, "document_count": len(entity["documents"])}

    return rows


class ParquetExporter:
    name = "parquet"
    suffix = ".parquet"
    description = "a flat Parquet table: events (ACLED columns, default), documents, quantities, dates, ..."

    def __init__(self, table: str = "events") -> None:
        if table not in TABLES:
            raise ValueError(f"no Parquet table {table!r}; tables: {', '.join(TABLES)}")
        self.table = table
        self._acled: AcledRows | None = None  # its codebooks are loaded once, when first needed

    def rows(self, records: Iterable[Record]) -> Iterator[dict[str, Any]]:
        """This table's rows of ``records`` (as dicts; :meth:`write` keeps the table's columns)."""
        if self.table == "events":
            if self._acled is None:
                self._acled = AcledRows()
            return self._acled.rows(records)
        if self.table == "documents":
            return _document_rows(records)
        if self.table in ("places", "actors"):
            return _entity_rows(self.table)(records)
        return _item_rows(self.table)(records)

    def write(self, records: Iterable[Record], out: Path) -> int:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = arrow_schema(self.table)
        names = schema.names
        written = 0
        with output_path(out) as path, pq.ParquetWriter(path, schema) as writer:
            chunk: list[dict[str, Any]] = []
            for row in self.rows(records):
                chunk.append({name: row.get(name) for name in names})
                if len(chunk) >= CHUNK_ROWS:
                    writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                    written += len(chunk)
                    chunk = []
            if chunk:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                written += len(chunk)
        return written
