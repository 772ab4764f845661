"""One JSONL record or CSV row (a mapping of field names to values) to a document or a problem.

Fields: ``id``, ``text`` or ``html`` (cleaned like an .html file), ``title``,
``url``, ``source``, ``published``. ``text`` wins when both text and html are given.
"""

from __future__ import annotations

from collections.abc import Mapping

from dateline.errors import EmptyDocument, InvalidDate, MalformedRecord
from dateline.ingest.base import Item, ReadContext, ReadProblem, make_document
from dateline.ingest.decode import normalise_text
from dateline.ingest.htmlreader import html_document
from dateline.ingest.published import parse_published

_SCALAR_FIELDS = ("id", "title", "url", "source")


def _malformed(origin: str, message: str) -> ReadProblem:
    return ReadProblem(origin, MalformedRecord(f"{origin}: {message}"))


def document_from_fields(record: Mapping[str, object], ctx: ReadContext, origin: str) -> Item:
    for name in _SCALAR_FIELDS:
        value = record.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int | float)):
            return _malformed(origin, f"field {name!r} must be a string, got {type(value).__name__}")
    for name in ("text", "html", "published"):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return _malformed(origin, f"field {name!r} must be a string, got {type(value).__name__}")
    published = record.get("published")
    iso = None
    if isinstance(published, str) and published.strip():
        try:
            iso = parse_published(published)
        except InvalidDate as error:
            return _malformed(origin, f"field 'published': {error.message}")
    text, markup = record.get("text"), record.get("html")
    fields = {
        "doc_id": record.get("id"),
        "title": record.get("title"),
        "url": record.get("url"),
        "source": record.get("source"),
        "published": iso,
    }
    if isinstance(text, str) and text.strip():
        return make_document(normalise_text(text), ctx, origin, **fields)  # type: ignore[arg-type]
    if isinstance(markup, str) and markup.strip():
        return html_document(normalise_text(markup), ctx, origin, **fields)
    if isinstance(text, str) or isinstance(markup, str):
        return ReadProblem(origin, EmptyDocument(f"{origin}: record's text is empty"))
    return _malformed(origin, "record has neither a 'text' nor an 'html' field")
