"""dateline: read news reports about armed conflict as sourced, geolocated, queryable data.

>>> from dateline import Extractor                                    # doctest: +SKIP
>>> record = Extractor().extract_text("KABUL (Reuters) - At least 12 people were killed.")  # doctest: +SKIP
>>> record.quantities[0].low                                          # doctest: +SKIP
12

Names are imported lazily, so ``import dateline`` stays fast and spaCy loads only when needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "Actor": "dateline.records",
    "Attribution": "dateline.records",
    "DateMention": "dateline.records",
    "Dateline": "dateline.records",
    "Document": "dateline.records",
    "Event": "dateline.records",
    "Hedge": "dateline.records",
    "Mention": "dateline.records",
    "Place": "dateline.records",
    "Quantity": "dateline.records",
    "Quote": "dateline.records",
    "Record": "dateline.records",
    "Relation": "dateline.records",
    "DatelineError": "dateline.errors",
    "Settings": "dateline.settings",
    "Extractor": "dateline.extract",
    "ReadOptions": "dateline.extract",
    "RunReport": "dateline.extract",
    "extract_paths": "dateline.extract",
    "ingest_paths": "dateline.extract",
    "read_documents": "dateline.ingest",
    "load_pipeline": "dateline.nlp.pipeline",
    "Store": "dateline.store",
    "get_exporter": "dateline.export",
}

__all__ = [
    "__version__",
    "Actor",
    "Attribution",
    "DateMention",
    "Dateline",
    "DatelineError",
    "Document",
    "Event",
    "Extractor",
    "Hedge",
    "Mention",
    "Place",
    "Quantity",
    "Quote",
    "ReadOptions",
    "Record",
    "Relation",
    "RunReport",
    "Settings",
    "Store",
    "extract_paths",
    "get_exporter",
    "ingest_paths",
    "load_pipeline",
    "read_documents",
]

if TYPE_CHECKING:
    from dateline.errors import DatelineError
    from dateline.export import get_exporter
    from dateline.extract import Extractor, ReadOptions, RunReport, extract_paths, ingest_paths
    from dateline.ingest import read_documents
    from dateline.nlp.pipeline import load_pipeline
    from dateline.records import (
        Actor,
        Attribution,
        Dateline,
        DateMention,
        Document,
        Event,
        Hedge,
        Mention,
        Place,
        Quantity,
        Quote,
        Record,
        Relation,
    )
    from dateline.settings import Settings
    from dateline.store import Store


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dateline' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
