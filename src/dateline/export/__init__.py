"""Exporters: records to ACLED-style CSV, GeoJSON, JSON lines and Parquet.

Each format is a module with one exporter class (``name``, ``suffix``,
``description``, ``write(records, out) -> int``) registered under the
``dateline_exporters`` entry-point group by its name; dateline's own formats are
registered there too, so a new format is one module and one line of a
``pyproject.toml``. :func:`installed_exporters` maps names to default instances
(:data:`EXPORTERS` holds those installed when this module was imported) and
:func:`get_exporter` looks one up, with options.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from dateline.errors import ConfigError, UnknownExportFormat
from dateline.export.base import Exporter
from dateline.export.jsonl import dumps_record
from dateline.plugins import EXPORTERS_GROUP, load_group


def installed_exporters() -> Mapping[str, Exporter]:
    """A default instance of every exporter class of the ``dateline_exporters`` group, by name."""
    return MappingProxyType({e.name: e for e in load_group(EXPORTERS_GROUP, Exporter, "exporter")})


EXPORTERS: Mapping[str, Exporter] = installed_exporters()


def get_exporter(name: str, **options: Any) -> Exporter:
    """The exporter called ``name``; ``options`` (e.g. ``table="places"`` for parquet) make a new one."""
    exporter = EXPORTERS.get(name)
    if exporter is None:  # perhaps installed since dateline.export was imported
        known = installed_exporters()
        exporter = known.get(name)
        if exporter is None:
            raise UnknownExportFormat(
                f"unknown export format {name!r}; known formats: {', '.join(sorted(known))}"
            )
    if options:
        try:
            return type(exporter)(**options)  # type: ignore[call-arg]
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"bad options for the {name!r} format: {exc}") from None
    return exporter


__all__ = ["EXPORTERS", "Exporter", "get_exporter", "dumps_record", "installed_exporters"]
