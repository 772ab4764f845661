"""ArticleReading a request's article: pasted text or an uploaded file, through the ingest readers.

The extraction pipeline is loaded once per server, on first use (or ahead, by :meth:`warm`),
and runs one document set at a time (a spaCy pipeline is not shared between threads).
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from dateline.errors import EmptyDocument, RequestTooLarge, UnsupportedFormat
from dateline.records import Record

if TYPE_CHECKING:
    from dateline.extract import Extractor

#: Upload suffixes and the reader each means; anything else is sniffed (``{`` JSONL, ``<`` HTML).
SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".csv": "csv"}
#: Content types of a request body and the reader each means.
CONTENT_TYPES = {"text/plain": "txt", "text/html": "html", "application/x-ndjson": "jsonl", "text/csv": "csv"}


@dataclass
class ArticleReading:
    """The records a request's documents gave, and the problems met reading them."""

    records: list[Record] = field(default_factory=list)
    problems: list[dict[str, str]] = field(default_factory=list)


class ArticleReader:
    """Holds the server's one extractor (made by ``make_extractor`` when first needed)."""

    def __init__(self, make_extractor: Callable[[], Extractor], max_bytes: int) -> None:
        self._make = make_extractor
        self._extractor: Extractor | None = None
        self._lock = threading.Lock()
        self.max_bytes = max_bytes

    def warm(self) -> None:
        with self._lock:
            if self._extractor is None:
                self._extractor = self._make()

    def read(self, body: bytes, *, fmt: str | None, published: str | None) -> ArticleReading:
        from dateline.ingest import ReadProblem, read_documents

        if len(body) > self.max_bytes:
            raise RequestTooLarge(f"the document has {len(body):,} bytes; this server reads at most "
                                  f"{self.max_bytes:,}")  # fmt: skip
        if not body.strip():
            raise EmptyDocument("the request has no text: paste an article or upload a file")
        reading = ArticleReading()
        documents = []
        items: Any = read_documents(
            ["-"], published=published, max_bytes=self.max_bytes, stdin=io.BytesIO(body), stdin_format=fmt
        )
        for item in items:
            if isinstance(item, ReadProblem):
                reading.problems.append({"code": item.error.code, "message": item.error.message})
            else:
                documents.append(item)
        if documents:
            with self._lock:
                if self._extractor is None:
                    self._extractor = self._make()
                reading.records = list(self._extractor.records(documents))
        return reading


def upload_format(filename: str | None, content_type: str | None) -> str | None:
    """The reader an uploaded file needs, by its suffix, else its content type, else None (sniff)."""
    suffix = PurePath(filename or "").suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if suffix and suffix not in SUFFIXES and content_type not in CONTENT_TYPES:
        raise UnsupportedFormat(f"cannot read {suffix} files; send one of {', '.join(sorted(SUFFIXES))}")
    return body_format(content_type)


def body_format(content_type: str | None) -> str | None:
    return CONTENT_TYPES.get((content_type or "").split(";")[0].strip().lower())
