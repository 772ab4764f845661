"""What every reader shares: where bytes come from, what a run allows, and how a problem is reported."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Protocol, runtime_checkable

from dateline.errors import DatelineError, DocumentTooLarge, EmptyDocument
from dateline.identity import document_id
from dateline.records import Document
from dateline.text import valid_unicode

_READ_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """A document that could not be read (or, at ingest, stored); the run goes on with the next one.

    ``origin`` is the path, or ``path:LINE`` for one line of a JSONL or CSV file. ``error`` is an
    :class:`~dateline.errors.InputError` from a reader, or a :class:`~dateline.errors.StoreError`
    (E300) for a document the store refused.
    """

    origin: str
    error: DatelineError

    def __str__(self) -> str:
        return str(self.error)


@dataclass(frozen=True, slots=True)
class ReadContext:
    """What one call of :func:`dateline.ingest.read_documents` allows and fills in."""

    max_bytes: int
    published: str | None = None  # ISO date for documents that carry none


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a name for messages and a way to open its bytes.

    ``size`` is known for files (from ``stat``) and None for streams such as stdin.
    """

    origin: str
    open: Callable[[], IO[bytes]]
    size: int | None = None


Item = Document | ReadProblem


@runtime_checkable
class Reader(Protocol):
    """A format: its name (``--stdin-format``), its file extensions, and how to read a source."""

    name: str
    extensions: tuple[str, ...]

    def read(self, source: Source, ctx: ReadContext) -> Iterator[Item]: ...


def or_empty(items: Iterator[Item], source: Source, what: str) -> Iterator[Item]:
    """``items`` as they come, or one EmptyDocument problem when there are none ("no rows")."""
    found = False
    for item in items:
        found = True
        yield item
    if not found:
        yield ReadProblem(source.origin, EmptyDocument(f"{source.origin}: no {what} (the file is empty)"))


def too_large(origin: str, size: int | str, cap: int) -> DocumentTooLarge:
    """The E105 error: says the size, the cap and how to raise the cap."""
    shown = f"{size:,} bytes" if isinstance(size, int) else size
    return DocumentTooLarge(
        f"{origin}: document is {shown}, over the limit of {cap:,} bytes; raise the limit with "
        "--max-bytes or DATELINE_MAX_DOCUMENT_BYTES"
    )


def read_capped(source: Source, cap: int) -> bytes:
    """All of a source's bytes, refusing (before reading, when the size is known) more than ``cap``."""
    if source.size is not None and source.size > cap:
        raise too_large(source.origin, source.size, cap)
    chunks: list[bytes] = []
    size = 0
    with source.open() as stream:  # in chunks: a large cap must not allocate its size up front
        while size <= cap and (chunk := stream.read(min(cap + 1 - size, _READ_CHUNK))):
            chunks.append(chunk)
            size += len(chunk)
    data = b"".join(chunks)
    if len(data) > cap:
        raise too_large(source.origin, f"more than {cap:,} bytes", cap)
    return data


def _text_field(value: object) -> str | None:
    if value is None:
        return None
    text = valid_unicode(str(value)).strip()
    return text or None


def make_document(
    text: str,
    ctx: ReadContext,
    origin: str,
    *,
    doc_id: object = None,
    title: object = None,
    url: object = None,
    source: object = None,
    published: str | None = None,
) -> Item:
    """A :class:`Document`, or an :class:`EmptyDocument` problem for blank text.

    The id is the input's own when it has one, else derived from the content;
    ``published`` falls back to the run's ``--published`` date. Lone surrogates (from JSON escapes)
    become U+FFFD, so every document is valid Unicode.
    """
    text = valid_unicode(text)
    if not text.strip():
        return ReadProblem(origin, EmptyDocument(f"{origin}: document is empty (no text to read)"))
    own_id = _text_field(doc_id)
    return Document(
        id=own_id or document_id(text),
        text=text,
        title=_text_field(title),
        url=_text_field(url),
        source=_text_field(source),
        published=published or ctx.published,
        origin=origin,
    )
