"""ACLED-style CSV: one row per event, ACLED's columns in ACLED's order, then dateline's own.

Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) are written with a leading single quote, as OWASP recommends against CSV injection;
numbers (negative longitudes, counts) are left as they are. ``raw=True`` (``dateline export acled-csv
--raw-csv``) writes every text cell unchanged.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dateline.export.files import output_file
from dateline.export.rows import EVENT_COLUMNS, AcledRows
from dateline.records import Record

#: What a text cell may not start with, lest a spreadsheet run it (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """``value`` made inert for a spreadsheet: a text starting like a formula gains a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


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

    def __init__(self, raw: bool = False) -> None:
        self.raw = raw
        self._rows: AcledRows | None = None

    @property
    def rows(self) -> AcledRows:
        if self._rows is None:
            self._rows = AcledRows()
        return self._rows

    def write(self, records: Iterable[Record], out: Path) -> int:
        written = 0
        cell = _cell if self.raw else lambda value: neutralise(_cell(value))
        with output_file(out, newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(EVENT_COLUMNS)
            for row in self.rows.rows(records, acled_only=True):
                writer.writerow([cell(row[c]) for c in EVENT_COLUMNS])
                written += 1
        return written
