"""JSON Lines (``.jsonl``, ``.ndjson``): one document per line, streamed.

Blank lines are skipped. A line that is not JSON, not an object, or has neither
``text`` nor ``html`` is a :class:`MalformedRecord` problem naming ``path:LINE``;
the other lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from dateline.errors import MalformedRecord
from dateline.ingest.base import Item, ReadContext, ReadProblem, Source, or_empty
from dateline.ingest.fields import document_from_fields
from dateline.ingest.lines import iter_lines


def _first_line(error: Exception) -> str:
    return str(error).split(";")[0].split("\n")[0]


class JsonlReader:
    name = "jsonl"
    extensions = (".jsonl", ".ndjson")
    order = 30

    def read(self, source: Source, ctx: ReadContext) -> Iterator[Item]:
        return or_empty(self._items(source, ctx), source, "records")

    def _items(self, source: Source, ctx: ReadContext) -> Iterator[Item]:
        for number, line in iter_lines(source, ctx.max_bytes):
            if isinstance(line, ReadProblem):
                yield line
                continue
            if not line.strip():
                continue
            where = f"{source.origin}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                yield ReadProblem(
                    where, MalformedRecord(f"{where}: not valid JSON ({error.msg} at column {error.colno})")
                )
                continue
            except ValueError as error:  # a number over Python's int_max_str_digits
                yield ReadProblem(where, MalformedRecord(f"{where}: not valid JSON ({_first_line(error)})"))
                continue
            except RecursionError:
                yield ReadProblem(where, MalformedRecord(f"{where}: JSON nested too deeply to read"))
                continue
            if not isinstance(record, dict):
                yield ReadProblem(
                    where, MalformedRecord(f"{where}: expected a JSON object, got {type(record).__name__}")
                )
                continue
            yield document_from_fields(record, ctx, where)


READER = JsonlReader()
