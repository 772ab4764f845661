"""What an exporter is: a named object that writes records to a file."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol, runtime_checkable

from dateline.records import Record


@runtime_checkable
class Exporter(Protocol):
    """Writes records to ``out`` and returns how many rows or features it wrote.

    ``name`` is what users type (``--format acled-csv``), ``suffix`` the file
    extension it writes (with the dot), ``description`` one line for ``--help``.

    Write through :func:`dateline.export.files.output_file` (text) or
    :func:`~dateline.export.files.output_path` (a path for a library that opens the file itself), so the
    output is replaced whole or not at all and write errors are E400.
    """

    name: str
    suffix: str
    description: str

    def write(self, records: Iterable[Record], out: Path) -> int: ...


def prepare(out: Path | str) -> Path:
    """The output path, its directory created (kept for older exporters; prefer ``output_file``)."""
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
