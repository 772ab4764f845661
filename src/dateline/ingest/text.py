"""Plain-text files (``.txt``, ``.text``): one document per file, id derived from the content."""

from __future__ import annotations

from collections.abc import Iterator

from dateline.errors import InputError
from dateline.ingest.base import Item, ReadContext, ReadProblem, Source, make_document, read_capped
from dateline.ingest.decode import decode_bytes


class TextReader:
    name = "txt"
    extensions = (".txt", ".text")
    order = 10

    def read(self, source: Source, ctx: ReadContext) -> Iterator[Item]:
        try:
            data = read_capped(source, ctx.max_bytes)
            text = decode_bytes(data, origin=source.origin).text
        except InputError as error:
            yield ReadProblem(source.origin, error)
            return
        yield make_document(text, ctx, source.origin)


READER = TextReader()
