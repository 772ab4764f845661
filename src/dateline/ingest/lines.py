"""Line-by-line reading of big files (JSONL, CSV) in bounded memory.

:func:`iter_lines` decides the encoding from the first bytes, then yields one
decoded line at a time with its number. A line longer than the byte cap is
skipped without being held in memory and reported as a
:class:`DocumentTooLarge` problem; a line that does not decode is an
:class:`UndecodableDocument` problem; reading goes on after both.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO

from dateline.errors import UndecodableDocument
from dateline.ingest.base import ReadProblem, Source, too_large
from dateline.ingest.decode import (
    SAMPLE_BYTES,
    LineDecoder,
    binary_error,
    bom_encoding,
    looks_binary,
    utf16_without_bom,
)

_SKIP_CHUNK = 1 << 20


class PrefixedStream(io.RawIOBase):
    """A byte stream that first replays ``head`` (bytes already read from ``rest``), then reads ``rest``."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if len(self._head):
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        return n


def buffered(head: bytes, rest: IO[bytes]) -> io.BufferedReader:
    return io.BufferedReader(PrefixedStream(head, rest), buffer_size=SAMPLE_BYTES)


Numbered = tuple[int, str | ReadProblem]  # (line number, line with its ending or its problem)


def _wide_lines(
    stream: io.BufferedReader, encoding: str, skip: int, source: Source, cap: int
) -> Iterator[Numbered]:
    unit = 4 if "32" in encoding else 2
    stream.read(skip)
    text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")
    limit = max(cap // unit, 1)
    number = 0
    while True:
        where = f"{source.origin}:{number + 1}"
        try:
            line = text.readline(limit + 1)
        except UnicodeDecodeError:
            yield (
                number + 1,
                ReadProblem(
                    where,
                    UndecodableDocument(f"{where}: not valid {encoding.upper()}; stopped reading this file"),
                ),
            )
            return
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(("\n", "\r")):
            yield number, ReadProblem(where, too_large(where, f"more than {cap:,} bytes", cap))
            try:
                while (chunk := text.readline(_SKIP_CHUNK)) and not chunk.endswith(("\n", "\r")):
                    pass
            except UnicodeDecodeError:  # the rest of the file is not valid either: stop, as above
                return
            continue
        yield number, line


def _byte_lines(stream: io.BufferedReader, head: bytes, source: Source, cap: int) -> Iterator[Numbered]:
    decoder = LineDecoder(head, origin=source.origin)
    number = 0
    while line := stream.readline(cap + 1):
        number += 1
        where = f"{source.origin}:{number}"
        if len(line) > cap and not line.endswith(b"\n"):
            yield number, ReadProblem(where, too_large(where, f"more than {cap:,} bytes", cap))
            while (chunk := stream.readline(_SKIP_CHUNK)) and not chunk.endswith(b"\n"):
                pass
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        try:
            yield number, decoder.decode(line, where)
        except UndecodableDocument as error:
            yield number, ReadProblem(where, error)


def iter_lines(source: Source, cap: int) -> Iterator[Numbered]:
    """``(line number, line with its ending or a problem)`` for one source; numbers start at 1.

    A problem for the whole file (binary content) comes as line 0 and ends the iteration.
    """
    with source.open() as raw:
        head = raw.read(SAMPLE_BYTES)
        stream = buffered(head, raw)
        bom = bom_encoding(head)
        if bom is not None and bom[0] != "utf-8":
            yield from _wide_lines(stream, bom[0], bom[1], source, cap)
            return
        wide = utf16_without_bom(head)
        if wide is not None:
            yield from _wide_lines(stream, wide, 0, source, cap)
            return
        if looks_binary(head):
            yield 0, ReadProblem(source.origin, binary_error(source.origin))
            return
        yield from _byte_lines(stream, head, source, cap)
