"""Records to rows and back.

Typed items (quotes, quantities, dates, attributions, hedges) map field by field
onto columns; a span field ``x`` becomes ``x_start``/``x_end``; fields without a
column go to the row's ``extra`` JSON. Places, actors, events and relations keep
their ``to_dict()`` in a ``data`` JSON column (minus their mention or evidence
lists, which have tables of their own) and copy the fields people query by into
columns; an event's columns come from its flat row (:mod:`dateline.eventrow`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import sqlalchemy as sa

from dateline.eventrow import flatten_event
from dateline.records import (
    Actor,
    Attribution,
    Dateline,
    DateMention,
    Event,
    Hedge,
    Mention,
    Place,
    Quantity,
    Quote,
    Record,
    Relation,
    to_date,
)
from dateline.store import schema

#: Record fields whose column has another name (to keep SQL keywords out of column names).
_RENAMED = {"start": "date_start", "end": "date_end", "group": "group_id"}

#: Record fields stored in ``documents`` columns (or rebuilt from other tables).
_DOCUMENT_FIELDS = frozenset(
    {
        "id", "text", "published", "dateline", "places", "actors", "events", "relations", "quotes",
        "quantities", "dates", "attributions", "hedges", "title", "url", "source", "origin",
        "content_hash", "record_version",
    }
)  # fmt: skip

_PLACE_COLUMNS = (
    "name", "feature", "country_code", "admin1", "admin2", "lat", "lon", "geonameid", "admin1_id",
)  # fmt: skip
#: What one document says about an entity, kept with that document, not in the global row.
_PER_DOCUMENT = frozenset({"mentions", "ambiguous", "candidates", "geo_precision"})
_ACTOR_COLUMNS = ("name", "kind", "country_code")


def _plain(value: Any) -> Any:
    """JSON-ready data: records as dicts, tuples as lists."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


class ItemCodec:
    """Maps one typed item class (e.g. :class:`Quote`) onto its table."""

    def __init__(self, attr: str, kind: type, table: sa.Table) -> None:
        self.attr = attr  # the Record field holding the list
        self.kind = kind
        self.table = table
        self._plan: list[tuple[str, str, str]] = []  # (field, how, column or prefix)
        self._names = frozenset(f.name for f in fields(kind))
        for f in fields(kind):
            column = _RENAMED.get(f.name, f.name)
            if f"{column}_start" in table.c:
                self._plan.append((f.name, "span", column))
            elif column in table.c:
                how = "date" if isinstance(table.c[column].type, sa.Date) else "value"
                self._plan.append((f.name, how, column))
            else:
                self._plan.append((f.name, "extra", f.name))

    def rows(self, doc_id: str, items: Iterable[Any]) -> list[dict[str, Any]]:
        out = []
        for position, item in enumerate(items):
            row: dict[str, Any] = {"doc_id": doc_id, "position": position, "extra": None}
            extra: dict[str, Any] = {}
            for name, how, column in self._plan:
                value = getattr(item, name)
                if how == "span":
                    row[f"{column}_start"], row[f"{column}_end"] = (
                        value if value is not None else (None, None)
                    )
                elif how == "date":
                    row[column] = to_date(value)
                elif how == "value":
                    row[column] = value
                else:
                    extra[name] = _plain(value)
            if extra:
                row["extra"] = extra
            out.append(row)
        return out

    def item(self, row: Mapping[str, Any]) -> Any:
        kwargs: dict[str, Any] = {}
        for name, how, column in self._plan:
            if how == "span":
                start, end = row[f"{column}_start"], row[f"{column}_end"]
                kwargs[name] = None if start is None else (start, end)
            elif how == "date":
                value = row[column]
                kwargs[name] = value.isoformat() if value is not None else None
            elif how == "value":
                kwargs[name] = row[column]
        extra = row["extra"] or {}
        kwargs.update((k, v) for k, v in extra.items() if k in self._names)
        return self.kind(**kwargs)


ITEM_CODECS: tuple[ItemCodec, ...] = tuple(
    ItemCodec(attr, kind, table)
    for (attr, table), kind in zip(
        schema.ITEM_TABLES, (Quote, Quantity, DateMention, Attribution, Hedge), strict=True
    )
)


# --- writing -------------------------------------------------------------------------------


@dataclass(slots=True)
class EventRows:
    """One event's row and the rows that point at it (their ``event_pk`` filled in after insert)."""

    row: dict[str, Any]
    actors: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class RecordRows:
    """Every row one record becomes."""

    document: dict[str, Any]
    items: dict[str, list[dict[str, Any]]]
    places: list[dict[str, Any]]  # global table rows
    actors: list[dict[str, Any]]
    doc_places: list[dict[str, Any]]
    doc_actors: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    events: list[EventRows]
    relations: list[EventRows]


def record_rows(record: Record, content_hash: str, ingested_at: dt.datetime) -> RecordRows:
    doc_id = record.id
    extra = {
        f.name: _plain(getattr(record, f.name)) for f in fields(record) if f.name not in _DOCUMENT_FIELDS
    }
    document = {
        "id": doc_id,
        "content_hash": content_hash,
        "text": record.text,
        "title": record.title,
        "url": record.url,
        "source": record.source,
        "published": to_date(record.published),
        "origin": record.origin,
        "dateline": record.dateline.to_dict() if record.dateline is not None else None,
        "record_version": record.record_version,
        "ingested_at": ingested_at,
        "extra": extra or None,
    }
    items = {codec.attr: codec.rows(doc_id, getattr(record, codec.attr)) for codec in ITEM_CODECS}
    mentions: list[dict[str, Any]] = []
    place_globals, doc_places = _entity_rows(doc_id, "place", record.places, _PLACE_COLUMNS, mentions)
    actor_globals, doc_actors = _entity_rows(doc_id, "actor", record.actors, _ACTOR_COLUMNS, mentions)
    return RecordRows(
        document=document,
        items=items,
        places=place_globals,
        actors=actor_globals,
        doc_places=doc_places,
        doc_actors=doc_actors,
        mentions=mentions,
        events=[_event_rows(doc_id, i, e) for i, e in enumerate(record.events)],
        relations=[_relation_rows(doc_id, i, r) for i, r in enumerate(record.relations)],
    )


def _entity_rows(
    doc_id: str,
    kind: str,
    entities: Sequence[Place | Actor],
    columns: tuple[str, ...],
    mentions: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    globals_, links = [], []
    for position, entity in enumerate(entities):
        data = entity.to_dict()
        del data["mentions"]
        row: dict[str, Any] = {"id": entity.id}
        for column in columns:
            value = getattr(entity, column)
            if column in ("lat", "lon"):
                value = _number(value)
            elif column == "geonameid":
                value = _integer(value)
            else:
                value = _text(value)
            row[column] = value
        row["data"] = {
            k: v for k, v in data.items() if k != "id" and k not in columns and k not in _PER_DOCUMENT
        }
        globals_.append(row)
        links.append({"doc_id": doc_id, "position": position, f"{kind}_id": entity.id, "data": data})
        for i, mention in enumerate(entity.mentions):
            mentions.append(
                {
                    "doc_id": doc_id,
                    "entity_kind": kind,
                    "entity_position": position,
                    "position": i,
                    "entity_id": entity.id,
                    **_mention_columns(mention),
                }
            )
    return globals_, links


def _mention_columns(mention: Mention) -> dict[str, Any]:
    start, end = mention.span
    return {"span_start": start, "span_end": end, "text": mention.text, "extra": None}


#: Event columns named other than their key in the flat event row.
_EVENT_KEYS = {"place_id": "place", "origin_id": "origin", "destination_id": "destination"}
#: The event table's columns that copy the flat event row, typed by the column.
_EVENT_COLUMNS = tuple(c for c in schema.events.c if c.name not in ("pk", "doc_id", "position", "data"))


def _event_rows(doc_id: str, position: int, event: Event) -> EventRows:
    flat = flatten_event(event)
    row: dict[str, Any] = {"doc_id": doc_id, "position": position}
    for column in _EVENT_COLUMNS:
        value = flat[_EVENT_KEYS.get(column.name, column.name)]
        if isinstance(column.type, sa.Date):
            row[column.name] = to_date(value)
        elif isinstance(column.type, schema.Number):
            row[column.name] = _number(value)
        else:
            row[column.name] = _text(value)
    data = event.to_dict()
    del data["evidence"]
    row["data"] = data
    dates = {"date_start": row["date_start"], "date_end": row["date_end"]}
    actors = [
        {"role": role, "position": i, "actor_id": actor_id, **dates}
        for role, ids in (("actor", event.actors), ("target", event.targets))
        for i, actor_id in enumerate(ids)
    ]
    return EventRows(row, actors, _evidence_rows(event.evidence))


def _relation_rows(doc_id: str, position: int, relation: Relation) -> EventRows:
    data = relation.to_dict()
    del data["evidence"]
    row = {
        "doc_id": doc_id,
        "position": position,
        "id": _text(relation.id),
        "subject": _text(relation.subject),
        "predicate": _text(relation.predicate),
        "object": _text(relation.object),
        "modality": _text(relation.modality),
        "data": data,
    }
    return EventRows(row, [], _evidence_rows(relation.evidence))


def _evidence_rows(evidence: Sequence[Mention]) -> list[dict[str, Any]]:
    return [{"position": i, **_mention_columns(m)} for i, m in enumerate(evidence)]


# --- reading -------------------------------------------------------------------------------


def mention(row: Mapping[str, Any]) -> Mention:
    """A mention or evidence row as a :class:`Mention`."""
    return Mention(row["text"], (row["span_start"], row["span_end"]))


#: The record class of each entity and event list, as the store reads them back.
RECORD_KINDS: Mapping[str, type[Place | Actor | Event | Relation]] = {
    "places": Place,
    "actors": Actor,
    "events": Event,
    "relations": Relation,
}


@dataclass(slots=True)
class RecordParts:
    """The rows of one document, gathered before the record is built."""

    document: Mapping[str, Any]
    items: dict[str, list[Any]] = field(default_factory=dict)
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def build_record(parts: RecordParts) -> Record:
    doc = parts.document
    published = doc["published"]
    kwargs: dict[str, Any] = {
        "id": doc["id"],
        "text": doc["text"],
        "published": published.isoformat() if published is not None else None,
        "dateline": Dateline.from_dict(doc["dateline"]) if doc["dateline"] else None,
        "places": parts.places,
        "actors": parts.actors,
        "events": parts.events,
        "relations": parts.relations,
        "title": doc["title"],
        "url": doc["url"],
        "source": doc["source"],
        "origin": doc["origin"],
        "content_hash": doc["content_hash"],
        "record_version": doc["record_version"],
    }
    for codec in ITEM_CODECS:
        kwargs[codec.attr] = parts.items.get(codec.attr, [])
    extra = doc["extra"] or {}
    if extra:
        # Fields added to Record after this row's schema: let Record.from_dict type them.
        return Record.from_dict({**_plain(kwargs), **extra})
    return Record(**kwargs)
