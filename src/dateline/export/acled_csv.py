"""ACLED-style CSV: one row per event, ACLED's columns in ACLED's order, then dateline's own."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dateline.export.base import prepare
from dateline.export.rows import EVENT_COLUMNS, AcledRows
from dateline.records import Record


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class AcledCsvExporter:
    name = "acled-csv"
    suffix = ".csv"
    description = "one row per event in ACLED's columns and order, then dateline's (modality, evidence, ...)"

    def __init__(self) -> None:
        self._rows: AcledRows | None = None

    @property
    def rows(self) -> AcledRows:
        if self._rows is None:
            self._rows = AcledRows()
        return self._rows

    def write(self, records: Iterable[Record], out: Path) -> int:
        written = 0
        with prepare(out).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(EVENT_COLUMNS)
            for row in self.rows.rows(records, acled_only=True):
                writer.writerow([_cell(row[c]) for c in EVENT_COLUMNS])
                written += 1
        return written
