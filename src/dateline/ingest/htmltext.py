"""HTML to text with lxml: the article's main text, and a plain fallback of the whole body.

:class:`LxmlExtractor` prunes boilerplate (navigation, headers and footers,
ads, comments, share bars: by tag, ARIA role, and the words of class and id),
picks the main container (``<article>``, ``<main>``, else the element holding
the most paragraph text), and joins its blocks with blank lines, dropping
blocks that are mostly link text. :meth:`LxmlExtractor.body_text` keeps every
visible block of the body, for pages where no main text is found.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from dateline.ingest.decode import xml_safe

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_WORDS = re.compile(r"[a-z0-9]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def parse_html(markup: str) -> Any | None:
    """An lxml document tree for ``markup``, or None when it holds no markup at all.

    Characters an XML tree cannot hold (vertical tab, form feed, other control characters, lone
    surrogates) become spaces first: lxml parses them but raises when the tree is edited.
    """
    import lxml.html
    from lxml.etree import ParserError

    markup = xml_safe(_XML_DECLARATION.sub("", markup, count=1))
    if not markup.strip():
        return None
    try:
        return lxml.html.document_fromstring(markup)
    except (ParserError, ValueError):
        return None


@dataclass(frozen=True, slots=True)
class _Rules:
    drop_tags: frozenset[str]
    plain_drop_tags: frozenset[str]
    drop_roles: frozenset[str]
    drop_words: frozenset[str]
    keep_tags: frozenset[str]
    block_tags: frozenset[str]
    heading_tags: frozenset[str]
    max_link_share: float
    min_main_chars: int
    min_main_share: float

    @classmethod
    def load(cls) -> _Rules:
        raw = json.loads(resources.files("dateline.ingest").joinpath("data/html.json").read_text("utf-8"))
        sets = {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}
        return cls(
            **sets,
            max_link_share=float(raw["max_link_share"]),
            min_main_chars=int(raw["min_main_chars"]),
            min_main_share=float(raw["min_main_share"]),
        )


class LxmlExtractor:
    """Main-text and plain-text extraction from an lxml tree; holds its rules (``data/html.json``)."""

    def __init__(self) -> None:
        self.rules = _Rules.load()

    # --- pruning -------------------------------------------------------------

    def _is_boilerplate(self, el: Any) -> bool:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in self.rules.keep_tags:
            return False
        if tag in self.rules.drop_tags:
            return True
        get = el.get
        if (get("role") or "").lower() in self.rules.drop_roles:
            return True
        if (
            get("hidden") is not None
            or get("aria-hidden") == "true"
            or _HIDDEN_STYLE.search(get("style") or "")
        ):
            return True
        words = _WORDS.findall(f"{get('class') or ''} {get('id') or ''}".lower())
        return any(w in self.rules.drop_words for w in words)

    @staticmethod
    def _remove(el: Any) -> None:
        """Remove an element but keep its tail text in the document flow."""
        if el.getparent() is not None:
            el.drop_tree()

    def _prune(self, root: Any, plain: bool) -> None:
        doomed = []
        for el in root.iter():
            if not isinstance(el.tag, str):  # comments, processing instructions
                doomed.append(el)
            elif plain:
                if el.tag in self.rules.plain_drop_tags:
                    doomed.append(el)
            elif self._is_boilerplate(el):
                doomed.append(el)
        for el in doomed:
            self._remove(el)

    # --- blocks --------------------------------------------------------------

    def _blocks(self, root: Any, link_filter: bool) -> list[str]:
        """The text blocks under ``root`` in document order, whitespace collapsed."""
        from lxml import etree

        blocks: list[str] = []
        parts: list[str] = []
        link_chars = 0
        in_link = 0
        block_tags = self.rules.block_tags

        def add(text: str | None) -> None:
            nonlocal link_chars
            if text:
                parts.append(text)
                if in_link:
                    link_chars += len(text.strip())

        def flush() -> None:
            nonlocal link_chars
            text = _SPACE.sub(" ", "".join(parts)).strip()
            if text:
                share = link_chars / len(text)
                if not (link_filter and share > self.rules.max_link_share):
                    blocks.append(text)
            parts.clear()
            link_chars = 0

        for event, el in etree.iterwalk(root, events=("start", "end")):
            tag = el.tag if isinstance(el.tag, str) else ""
            if event == "start":
                if tag in block_tags:
                    flush()
                if tag == "a":
                    in_link += 1
                add(el.text if tag else None)
            else:
                if tag == "a":
                    in_link -= 1
                if tag in block_tags:
                    flush()
                if el is not root:
                    add(el.tail)
        flush()
        return blocks

    # --- containers ----------------------------------------------------------

    def _main_container(self, root: Any) -> Any:
        articles = root.xpath("//article")
        if articles:
            return max(articles, key=lambda el: len(el.text_content()))
        main = root.xpath("//main | //*[@role='main']")
        if main:
            return main[0]
        scores: dict[Any, int] = {}
        for p in root.iter("p"):
            parent = p.getparent()
            if parent is not None:
                scores[parent] = scores.get(parent, 0) + len(p.text_content().strip())
        if scores:
            return max(scores, key=lambda el: scores[el])
        body = root.find("body")
        return body if body is not None else root

    def main_text(self, root: Any) -> str:
        """The main text of a parsed page ("" when none is found). Prunes ``root`` in place."""
        self._prune(root, plain=False)
        container = self._main_container(root)
        headings = {
            _SPACE.sub(" ", h.text_content()).strip()
            for tag in self.rules.heading_tags
            for h in container.iter(tag)
        }
        blocks = [b for b in self._blocks(container, link_filter=True) if b not in headings]
        return "\n\n".join(blocks)

    def body_text(self, root: Any) -> str:
        """Every visible block of the page, for when no main text is found. Prunes ``root`` in place."""
        self._prune(root, plain=True)
        body = root.find("body")
        return "\n\n".join(self._blocks(body if body is not None else root, link_filter=False))
