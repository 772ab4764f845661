"""JSON lines: one document record per line, exactly as ``dateline extract --format jsonl`` prints it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from dateline.export.files import output_file
from dateline.records import Record


def dumps_record(record: Record) -> str:
    """One record as one JSON line (without the newline)."""
    return json.dumps(record.to_dict(), ensure_ascii=False)


class JsonlExporter:
    name = "jsonl"
    suffix = ".jsonl"
    description = "one JSON record per document per line (the record of docs/record.md)"

    def write(self, records: Iterable[Record], out: Path) -> int:
        written = 0
        with output_file(out, newline="\n") as fh:
            for record in records:
                fh.write(dumps_record(record))
                fh.write("\n")
                written += 1
        return written
