"""Exporters: records to ACLED-style CSV, GeoJSON, JSON lines and Parquet.

Each format is a module with one exporter class (``name``, ``suffix``,
``description``, ``write(records, out) -> int``); :data:`EXPORTERS` maps names
to default instances and :func:`get_exporter` looks one up, with options.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from dateline.errors import ConfigError, UnknownExportFormat
from dateline.export.acled_csv import AcledCsvExporter
from dateline.export.base import Exporter
from dateline.export.geojson import GeoJsonExporter
from dateline.export.jsonl import JsonlExporter, dumps_record
from dateline.export.parquet import ParquetExporter

EXPORTERS: Mapping[str, Exporter] = MappingProxyType(
    {e.name: e for e in (AcledCsvExporter(), GeoJsonExporter(), JsonlExporter(), ParquetExporter())}
)


def get_exporter(name: str, **options: Any) -> Exporter:
    """The exporter called ``name``; ``options`` (e.g. ``table="places"`` for parquet) make a new one."""
    exporter = EXPORTERS.get(name)
    if exporter is None:
        raise UnknownExportFormat(
            f"unknown export format {name!r}; known formats: {', '.join(sorted(EXPORTERS))}"
        )
    if options:
        try:
            return type(exporter)(**options)  # type: ignore[call-arg]
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"bad options for the {name!r} format: {exc}") from None
    return exporter


__all__ = ["EXPORTERS", "Exporter", "get_exporter", "dumps_record"]
