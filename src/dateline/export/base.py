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
    """

    name: str
    suffix: str
    description: str

    def write(self, records: Iterable[Record], out: Path) -> int: ...


def prepare(out: Path | str) -> Path:
    """The output path, its directory created."""
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
