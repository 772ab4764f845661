"""CSV files (``.csv``): a header row naming the fields, then one document per row, streamed.

The header must name ``text`` or ``html`` (case and surrounding spaces do not
matter); other fields are those of JSONL (``id``, ``title``, ``url``,
``source``, ``published``). A row that cannot be parsed, has the wrong number
of fields or is too large is a problem naming ``path:LINE`` (the row's first
line); reading goes on with the next row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from dateline.errors import DocumentTooLarge, InputError, MalformedRecord
from dateline.ingest.base import Item, ReadContext, ReadProblem, Source, or_empty, too_large
from dateline.ingest.fields import document_from_fields
from dateline.ingest.lines import iter_lines


class _LineProblem(Exception):
    def __init__(self, problem: ReadProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class _Feeder:
    """Feeds decoded lines to ``csv.reader`` and remembers the number of the last one given."""

    def __init__(self, items: Iterator[tuple[int, str | ReadProblem]]) -> None:
        self._items = items
        self.number = 0

    def __iter__(self) -> _Feeder:
        return self

    def __next__(self) -> str:
        self.number, line = next(self._items)
        if isinstance(line, ReadProblem):
            raise _LineProblem(line)
        return line


def _raise_field_limit(cap: int) -> None:
    """Let the csv module read fields up to the document cap (its default is 128 KiB)."""
    if csv.field_size_limit() < cap + 1:
        csv.field_size_limit(cap + 1)


def _utf8_size_over(values: list[str], cap: int) -> int | None:
    chars = sum(len(v) for v in values)
    if chars <= cap // 4:
        return None
    size = sum(len(v.encode("utf-8")) for v in values)
    return size if size > cap else None


class CsvReader:
    name = "csv"
    extensions = (".csv",)
    order = 40

    def read(self, source: Source, ctx: ReadContext) -> Iterator[Item]:
        return or_empty(self._items(source, ctx), source, "rows")

    def _items(self, source: Source, ctx: ReadContext) -> Iterator[Item]:
        _raise_field_limit(ctx.max_bytes)
        feeder = _Feeder(iter_lines(source, ctx.max_bytes))
        header: list[str] | None = None
        end = 0  # number of the last line of the previous row
        while True:
            rows = csv.reader(feeder, strict=True)
            try:
                for row in rows:
                    start, end = end + 1, feeder.number
                    if not row or not any(cell.strip() for cell in row):
                        continue
                    where = f"{source.origin}:{start}"
                    if header is None:
                        header = [name.strip().lower() for name in row]
                        if "text" not in header and "html" not in header:
                            yield ReadProblem(
                                where,
                                MalformedRecord(
                                    f"{where}: the CSV header names neither a 'text' nor an 'html' column "
                                    f"(found: {', '.join(header)})"
                                ),
                            )
                            return
                        continue
                    yield self._row(row, header, ctx, where)
            except _LineProblem as stop:
                problem = stop.problem
                if isinstance(problem.error, DocumentTooLarge):  # report the row, not its physical line
                    where = f"{source.origin}:{end + 1}"
                    problem = ReadProblem(
                        where, too_large(where, f"more than {ctx.max_bytes:,} bytes", ctx.max_bytes)
                    )
                yield problem
                end = feeder.number
                continue
            except csv.Error as error:
                where = f"{source.origin}:{end + 1}"
                yield ReadProblem(where, self._csv_error(error, where, ctx.max_bytes))
                end = feeder.number
                continue
            return

    @staticmethod
    def _csv_error(error: csv.Error, where: str, cap: int) -> InputError:
        if "field limit" in str(error):
            return too_large(where, f"more than {cap:,} bytes", cap)
        return MalformedRecord(f"{where}: not a valid CSV row ({error})")

    @staticmethod
    def _row(row: list[str], header: list[str], ctx: ReadContext, where: str) -> Item:
        if len(row) != len(header):
            return ReadProblem(
                where, MalformedRecord(f"{where}: row has {len(row)} fields, the header has {len(header)}")
            )
        size = _utf8_size_over(row, ctx.max_bytes)
        if size is not None:
            return ReadProblem(where, too_large(where, size, ctx.max_bytes))
        record = {name: (value if value.strip() else None) for name, value in zip(header, row, strict=True)}
        for name in ("text", "html"):
            if name in header and record[name] is None:
                record[name] = ""
        return document_from_fields(record, ctx, where)


READER = CsvReader()
