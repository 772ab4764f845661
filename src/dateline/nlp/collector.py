"""Fewer garbage collections while documents are read.

Reading a document makes and drops Python objects by the hundred thousand (spaCy's ``Token`` and
``Span`` objects, the components' dicts), and Python's cyclic garbage collector runs a collection
every 700 new objects by default: on news text that cost about an eighth of dateline's own time,
though almost nothing read is ever in a reference cycle. :func:`fewer_collections` raises the first
threshold while documents are read and puts the thresholds back afterwards (nested and concurrent
readers share one raise; the last to finish restores them). Memory is still reclaimed as before by
reference counting; only the cycle collector runs less often.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: New objects between two young-generation collections while documents are read (Python: 700).
READING_THRESHOLD = 10_000

_lock = threading.Lock()
_readers = 0
_saved: tuple[int, int, int] | None = None


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the block with the collector's first threshold at least :data:`READING_THRESHOLD`."""
    global _readers, _saved
    with _lock:
        if _readers == 0:
            _saved = gc.get_threshold()
            if _saved[0] and _saved[0] < READING_THRESHOLD:  # 0: collection turned off, left so
                gc.set_threshold(READING_THRESHOLD, *_saved[1:])
        _readers += 1
    try:
        yield
    finally:
        with _lock:
            _readers -= 1
            if _readers == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None
