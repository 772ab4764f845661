"""The read model: what the store holds, filtered, paged and counted, for the CLI and the HTTP API.

:class:`Corpus` answers every read (lists, items, counts, facets) over a
:class:`~dateline.store.Store`; :class:`Criteria` is a filter as a user types it ("TTP", "Zabul",
"2014-12-01"), which the corpus resolves into the store's
:class:`~dateline.store.RecordFilter`; :mod:`.render` turns a page into JSON lines, CSV, GeoJSON
or a table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dateline.query.corpus import Corpus, Page
    from dateline.query.filters import Criteria

__all__ = ["Corpus", "Criteria", "Page"]


def __getattr__(name: str) -> Any:
    """Lazily, so ``dateline --help`` does not load the store to list the query commands."""
    if name in ("Corpus", "Page"):
        from dateline.query import corpus

        return getattr(corpus, name)
    if name == "Criteria":
        from dateline.query.filters import Criteria

        return Criteria
    raise AttributeError(f"module 'dateline.query' has no attribute {name!r}")
