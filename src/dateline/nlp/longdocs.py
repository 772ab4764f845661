"""Documents longer than the model reads at once: read in paragraph-aligned parts, merged into one record.

spaCy refuses a text over ``nlp.max_length`` characters (its error E088). A document that long (the
size cap, :class:`~dateline.settings.Settings` ``max_document_bytes``, lets through up to 5 MB) is cut
into parts of at most :data:`PART_CHARS` characters, each ending at a paragraph break when there is
one in the second half of the part (else a line break, a sentence end, a space). Each part is read
as its own text; :func:`merge_parts` shifts every span by the part's start, so offsets index the
whole document, and joins what the parts found into one record: a place or an actor found in
several parts is one entry with all its mentions, events and relations are renumbered under the
document's own id prefix, quantity groups stay distinct. Documents within the limit are read whole,
exactly as before. What a part cannot see is the rest of the document: a pronoun or an incident that
spans a part break is read within its part only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dateline.records import Document, Record

#: The longest part of a long document read at once (characters): well under spaCy's 1,000,000.
PART_CHARS = 100_000
_BREAKS = ("\n\n", "\n", ". ", " ")


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a long document: its place among the parts and its first character's offset."""

    index: int
    count: int
    start: int


def split_parts(text: str, size: int = PART_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive parts of ``text`` of at most ``size`` characters that cover it.

    Each part but the last ends after the last paragraph break in its second half, else the last line
    break, sentence end or space there, else at ``size`` characters.
    """
    if size < 2:
        raise ValueError(f"part size must be at least 2 characters, got {size}")
    parts: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > size:
        end = start + size
        cut = end
        for mark in _BREAKS:
            found = text.rfind(mark, start + size // 2, end)
            if found >= 0:
                cut = found + len(mark)
                break
        parts.append((start, cut))
        start = cut
    parts.append((start, n))
    return parts


def part_document(document: Document, start: int, end: int) -> Document:
    """The document a part's record is built from (its text only; no hash is computed)."""
    return Document(
        id=document.id,
        text=document.text[start:end],
        published=document.published,
        origin=document.origin,
        content_hash=document.content_hash,
    )


def _shifted(value: Any, offset: int, key: str = "") -> Any:
    """``value`` with every character span (a key ending in ``span`` holding two ints) moved by ``offset``."""
    if isinstance(value, dict):
        return {k: _shifted(v, offset, k) for k, v in value.items()}
    if isinstance(value, list | tuple):
        if key.endswith("span") and len(value) == 2 and all(isinstance(x, int) for x in value):
            return [value[0] + offset, value[1] + offset]
        return [_shifted(v, offset) for v in value]
    return value


def _merge_by_id(into: dict[str, dict[str, Any]], items: Iterable[dict[str, Any]]) -> None:
    """Places or actors: one entry an id, the mentions (and aliases) of all parts."""
    for item in items:
        seen = into.get(item["id"])
        if seen is None:
            into[item["id"]] = item
            continue
        seen["mentions"] = [*seen.get("mentions", []), *item.get("mentions", [])]
        if "aliases" in seen:
            seen["aliases"] = list(dict.fromkeys([*seen["aliases"], *item.get("aliases", [])]))


class _Ids:
    """New ids for the events and relations of all parts: the document's prefix, numbered in order."""

    def __init__(self, text: str) -> None:
        self.key = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        self.events = 0
        self.relations = 0

    def renumber(self, events: list[dict[str, Any]], relations: list[dict[str, Any]]) -> None:
        names: dict[str, str] = {}
        for event in events:
            self.events += 1
            names[event["id"]] = event["id"] = f"{self.key}-e{self.events}"
        for relation in relations:
            self.relations += 1
            names[relation["id"]] = relation["id"] = f"{self.key}-r{self.relations}"
        for event in events:
            if event.get("claimed_event"):
                event["claimed_event"] = names.get(event["claimed_event"], event["claimed_event"])
        for relation in relations:
            for name in ("event", "target_relation"):
                if relation.get(name):
                    relation[name] = names.get(relation[name], relation[name])


def _renumber_groups(quantities: list[dict[str, Any]], base: int) -> int:
    """Move the list groups of one part's quantities up by ``base``; the first free group number after."""
    free = base
    for quantity in quantities:
        if quantity.get("group") is not None:
            quantity["group"] += base
            free = max(free, quantity["group"] + 1)
    return free


_CONCATENATED = (
    "quotes",
    "dates",
    "attributions",
    "hedges",
    "unresolved_places",
    "place_references",
    "actor_facts",
)


def merge_parts(document: Document, parts: list[tuple[int, Record]]) -> Record:
    """One record for ``document`` from the records of its parts (each with its first character's offset)."""
    merged: dict[str, Any] = {
        "places": {},
        "actors": {},
        "events": [],
        "relations": [],
        "quantities": [],
        **{name: [] for name in _CONCATENATED},
    }
    ids = _Ids(document.text)
    dateline = None
    group = 0
    for number, (offset, record) in enumerate(parts):
        data = _shifted(record.to_dict(), offset)
        if number == 0:
            dateline = data.get("dateline")
        _merge_by_id(merged["places"], data["places"])
        _merge_by_id(merged["actors"], data["actors"])
        ids.renumber(data["events"], data["relations"])
        merged["events"] += data["events"]
        merged["relations"] += data["relations"]
        group = _renumber_groups(data["quantities"], group)
        merged["quantities"] += data["quantities"]
        for name in _CONCATENATED:
            merged[name] += data.get(name) or []
    return Record.from_dict(
        {
            **merged,
            "places": list(merged["places"].values()),
            "actors": list(merged["actors"].values()),
            "id": document.id,
            "text": document.text,
            "published": document.published,
            "dateline": dateline,
            "title": document.title,
            "url": document.url,
            "source": document.source,
            "origin": document.origin,
            "content_hash": document.content_hash,
        }
    )
