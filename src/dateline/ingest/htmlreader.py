"""HTML pages (``.html``, ``.htm``): the article's main text and the page's metadata.

Main text comes from ``trafilatura`` when it can be imported (boilerplate such
as navigation, ads, comments and footers dropped), else from dateline's lxml
extractor (:mod:`dateline.ingest.htmltext`); when neither finds a main text,
every visible block of the body is kept rather than losing the document.
Title, URL, site name and publication date come from the page metadata.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from dateline.errors import EmptyDocument, InputError, InvalidDate
from dateline.ingest.base import Item, ReadContext, ReadProblem, Source, make_document, read_capped
from dateline.ingest.decode import decode_bytes, normalise_text
from dateline.ingest.htmlmeta import MetaReader, PageMeta
from dateline.ingest.htmltext import LxmlExtractor, parse_html

logger = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


@cache
def _trafilatura() -> ModuleType | None:
    """The trafilatura module, or None (logged once) when it cannot be imported."""
    try:
        import trafilatura
    except ImportError as error:
        logger.warning("trafilatura cannot be imported (%s); using dateline's lxml HTML extractor", error)
        return None
    return trafilatura


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its start, or None."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


@dataclass(frozen=True, slots=True)
class HtmlContent:
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None


def _paragraphs(text: str) -> str:
    return "\n\n".join(_SPACE.sub(" ", line).strip() for line in text.splitlines() if line.strip())


class HtmlExtractor:
    """HTML to :class:`HtmlContent`; holds the lxml extractor and the metadata reader."""

    def __init__(self, use_trafilatura: bool = True) -> None:
        self.lxml = LxmlExtractor()
        self.meta = MetaReader()
        self.use_trafilatura = use_trafilatura

    def _with_trafilatura(self, root: Any) -> tuple[str, PageMeta] | None:
        module = _trafilatura() if self.use_trafilatura else None
        if module is None:
            return None
        try:
            result = module.bare_extraction(
                root, include_comments=False, with_metadata=True, favor_precision=True
            )
        except Exception as error:  # a third-party extractor failing on odd markup: fall back to ours
            logger.debug("trafilatura failed (%s); using the lxml extractor", error)
            return None
        if result is None:
            return None
        get = result.get if isinstance(result, dict) else lambda key: getattr(result, key, None)
        published = None
        if get("date"):
            try:
                published = self.meta.dates.parse(str(get("date")))
            except InvalidDate:
                published = None
        meta = PageMeta(title=get("title"), url=get("url"), source=get("sitename"), published=published)
        return _paragraphs(get("text") or ""), meta

    def extract(self, markup: str) -> HtmlContent:
        """Main text and metadata of a page; ``text`` is "" when the page has no text at all."""
        root = parse_html(markup)
        if root is None:
            return HtmlContent("")
        page = self.meta.read(root)
        found = self._with_trafilatura(copy.deepcopy(root))
        if found and found[0]:
            text, theirs = found
            page = PageMeta(
                title=theirs.title or page.title,
                url=theirs.url or page.url,
                source=theirs.source or page.source,
                published=theirs.published or page.published,
            )
        else:
            text = self.lxml.main_text(copy.deepcopy(root))
            if len(text) < self.lxml.rules.min_main_chars:
                # Little or no main text: keep it only when it is most of what the page has.
                body = self.lxml.body_text(root)
                if len(text) < self.lxml.rules.min_main_share * len(body):
                    text = body
        text = normalise_text(_drop_title(text, page.title))
        return HtmlContent(text, page.title, page.url, page.source, page.published)


def _drop_title(text: str, title: str | None) -> str:
    """Drop a first paragraph that only repeats the page title (so a dateline comes first)."""
    if not title:
        return text
    first, sep, rest = text.partition("\n\n")
    if sep and first.strip().casefold() == _SPACE.sub(" ", title).strip().casefold():
        return rest
    return text


@cache
def default_extractor() -> HtmlExtractor:
    return HtmlExtractor()


def html_document(markup: str, ctx: ReadContext, origin: str, **fields: Any) -> Item:
    """A document from HTML markup; ``fields`` (id, title, url, source, published) override the page's."""
    content = default_extractor().extract(markup)
    if not content.text.strip():
        return ReadProblem(origin, EmptyDocument(f"{origin}: HTML page has no readable text"))
    return make_document(
        content.text,
        ctx,
        origin,
        doc_id=fields.get("doc_id"),
        title=fields.get("title") or content.title,
        url=fields.get("url") or content.url,
        source=fields.get("source") or content.source,
        published=fields.get("published") or content.published,
    )


class HtmlReader:
    name = "html"
    extensions = (".html", ".htm")
    order = 20

    def read(self, source: Source, ctx: ReadContext) -> Iterator[Item]:
        try:
            data = read_capped(source, ctx.max_bytes)
            markup = decode_bytes(data, origin=source.origin, hint=declared_charset(data)).text
        except InputError as error:
            yield ReadProblem(source.origin, error)
            return
        yield html_document(markup, ctx, source.origin)


READER = HtmlReader()
