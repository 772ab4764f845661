"""Reading documents: files, directories and stdin in every accepted format, and every bad input.

:func:`read_documents` streams :class:`~dateline.records.Document` records in
input order; an input that cannot be read becomes a :class:`ReadProblem`
(carrying an :class:`~dateline.errors.InputError` with its code) and reading
goes on. :func:`validate_paths` checks paths before any work is done.
:func:`parse_published` reads a publication date.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from dateline.errors import InputError, UnsupportedFormat
from dateline.ingest.base import Item, ReadContext, ReadProblem
from dateline.ingest.paths import check_paths, check_stdin_once, iter_sources
from dateline.ingest.published import parse_published
from dateline.ingest.readers import ReaderRegistry, default_registry
from dateline.records import Document
from dateline.settings import Settings, check_document_limit

__all__ = [
    "ACCEPTED_FORMATS",
    "ReadProblem",
    "ReaderRegistry",
    "parse_published",
    "read_documents",
    "validate_paths",
]

ACCEPTED_FORMATS: tuple[str, ...] = default_registry().extensions


def validate_paths(paths: Sequence[str | Path], *, registry: ReaderRegistry | None = None) -> None:
    """Check inputs before any work: ``-`` (stdin), existing directories, and files of an accepted format.

    Raises :class:`~dateline.errors.ConfigError` (E200) when ``-`` is given twice (stdin can be
    read once), :class:`~dateline.errors.MissingInput` (E107) for a path that does not
    exist and :class:`~dateline.errors.UnsupportedFormat` (E101) for a file of
    another format; all exit with status 2.
    """
    check_paths(paths, registry or default_registry())


def read_documents(
    paths: Sequence[str | Path],
    *,
    published: str | None = None,
    max_bytes: int | None = None,
    stdin: IO[bytes] | None = None,
    stdin_format: str | None = None,
    registry: ReaderRegistry | None = None,
) -> Iterator[Document | ReadProblem]:
    """Documents from files, directories (recursive, sorted, hidden entries skipped) and ``-`` (stdin).

    ``published`` (any form :func:`parse_published` reads) fills documents that
    carry no date of their own. ``max_bytes`` caps one document or record
    (default: :class:`~dateline.settings.Settings` ``max_document_bytes``).
    ``stdin_format`` is ``txt``, ``html``, ``jsonl`` or ``csv``; without it the
    format of stdin is sniffed (``{`` jsonl, ``<`` html, else text).
    Raises :class:`~dateline.errors.InvalidDate`, :class:`~dateline.errors.ConfigError`
    or :class:`~dateline.errors.UnsupportedFormat` at once for bad arguments (a second ``-`` too).
    """
    registry = registry or default_registry()
    cap = Settings().max_document_bytes if max_bytes is None else max_bytes
    check_document_limit(cap)
    paths = list(paths)
    check_stdin_once(paths)
    if stdin_format is not None and registry.for_name(stdin_format) is None:
        raise UnsupportedFormat(
            f"unknown stdin format {stdin_format!r}; accepted: {', '.join(sorted(registry.names))}"
        )
    ctx = ReadContext(max_bytes=cap, published=parse_published(published) if published else None)
    return _read(paths, ctx, registry, stdin, stdin_format)


def _read(
    paths: list[str | Path],
    ctx: ReadContext,
    registry: ReaderRegistry,
    stdin: IO[bytes] | None,
    stdin_format: str | None,
) -> Iterator[Item]:
    for pair in iter_sources(paths, registry, stdin, stdin_format):
        if isinstance(pair, ReadProblem):
            yield pair
            continue
        reader, source = pair
        try:
            yield from reader.read(source, ctx)
        except OSError as error:
            reason = error.strerror or str(error)
            yield ReadProblem(source.origin, InputError(f"{source.origin}: cannot read ({reason})"))
