"""Page metadata from HTML with lxml: title, canonical URL, site name and publication date.

Looks in ``<meta>`` tags (names listed in ``data/html_meta.json``), ``<link
rel=canonical>``, ``<title>``, ``<time datetime>`` and JSON-LD ``datePublished``.
Dates that do not parse are ignored: page metadata is not the user's input.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from dateline.errors import InvalidDate
from dateline.ingest.published import DateParser, default_parser

_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None  # ISO date


class MetaReader:
    """Reads :class:`PageMeta` from a parsed page; holds the lists of meta names to look at."""

    def __init__(self, dates: DateParser | None = None) -> None:
        raw = json.loads(
            resources.files("dateline.ingest").joinpath("data/html_meta.json").read_text("utf-8")
        )
        self.keys: dict[str, tuple[str, ...]] = {
            field: tuple(k.lower() for k in raw[field]) for field in ("title", "url", "source", "published")
        }
        self.dates = dates or default_parser()

    @staticmethod
    def _meta(root: Any) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for el in root.iter("meta"):
            value = el.get("content") or el.get("datetime")
            if not value or not value.strip():
                continue
            for attr in ("property", "name", "itemprop"):
                key = el.get(attr)
                if key:
                    found.setdefault(key.strip().lower(), []).append(value.strip())
        for el in root.xpath("//*[@itemprop='datePublished']"):
            value = el.get("datetime") or el.get("content") or el.text_content()
            if value and value.strip():
                found.setdefault("datepublished", []).append(value.strip())
        return found

    def _first(self, meta: dict[str, list[str]], field: str) -> str | None:
        for key in self.keys[field]:
            if key in meta:
                return meta[key][0]
        return None

    def _date(self, candidates: list[str]) -> str | None:
        for value in candidates:
            try:
                return self.dates.parse(value)
            except InvalidDate:
                continue
        return None

    def read(self, root: Any) -> PageMeta:
        meta = self._meta(root)
        title = self._first(meta, "title")
        if title is None:
            el = root.find(".//title")
            if el is not None:
                title = _SPACE.sub(" ", el.text_content()).strip() or None
        url = None
        for link in root.iter("link"):
            if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
                url = link.get("href").strip()
                break
        url = url or self._first(meta, "url")
        dates = [v for key in self.keys["published"] for v in meta.get(key, [])]
        dates += [el.get("datetime") for el in root.iter("time") if el.get("datetime")]
        for script in root.xpath("//script[@type='application/ld+json']"):
            dates += _JSONLD_DATE.findall(script.text or "")
        return PageMeta(title=title, url=url, source=self._first(meta, "source"), published=self._date(dates))
