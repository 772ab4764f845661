"""Stored rows as the plain dicts every list, item and renderer shares.

An event is its record dict (docs/record.md: ``place`` is a place id, ``actors`` ids) with its
``evidence``, plus ``document`` (the document it was read from), ``family`` (its type's family)
and ``locations``: the stored place behind ``place``, ``origin`` and ``destination``, with its
name and point, so a map needs no second request. A place, an actor, a document and a relation
likewise are their stored row with what a page shows beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dateline.records import Mention

#: The place fields every place dict carries, in this order.
PLACE_FIELDS = ("id", "name", "feature", "country_code", "admin1", "admin2", "admin1_id", "lat", "lon",
                "geonameid")  # fmt: skip
#: Where an event happened, started and ended.
LOCATION_KEYS = ("place", "origin", "destination")


def mention_dict(mention: Mention) -> dict[str, Any]:
    return {"text": mention.text, "span": list(mention.span)}


def place_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    return {key: row[key] for key in PLACE_FIELDS}


def event_dict(
    row: Mapping[str, Any],
    evidence: list[Mention],
    places: Mapping[str, dict[str, Any]],
    family: str | None,
) -> dict[str, Any]:
    data = dict(row["data"])
    data["evidence"] = [mention_dict(m) for m in evidence]
    data["document"] = row["doc_id"]
    data["family"] = family
    data["locations"] = {key: places.get(data.get(key) or "") for key in LOCATION_KEYS}
    return data


def actor_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    data = dict(row["data"] or {})
    return {
        "id": row["id"],
        "name": row["name"],
        "kind": row["kind"],
        "country_code": row["country_code"],
        "aliases": list(data.pop("aliases", []) or []),
        **data,
    }


def document_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    """A document in a list: what it is and where it came from, not its text."""
    published = row["published"]
    return {
        "id": row["id"],
        "title": row["title"],
        "url": row["url"],
        "source": row["source"],
        "published": published.isoformat() if published is not None else None,
        "origin": row["origin"],
        "dateline": row["dateline"],
        "characters": row["characters"],
    }


def relation_dict(row: Mapping[str, Any], evidence: list[Mention]) -> dict[str, Any]:
    data = dict(row["data"])
    data["evidence"] = [mention_dict(m) for m in evidence]
    data["document"] = row["doc_id"]
    return data
