"""Flat rows built once from records, rendered by every exporter.

:func:`flat_event` is one event's flat row (:func:`dateline.eventrow.flatten_event`: nested dates,
quantities and attribution become ``date_start``, ``fatalities_best``, ``attribution_source``...)
with its document's id and source; actor and place ids gain their names. :class:`AcledRows` turns
flat events into ACLED's columns, in ACLED's order, then ours. :class:`EntityTally` sums places or
actors over many records. The CSV, Parquet and GeoJSON exporters are renderings of these.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from dateline.eventrow import flatten_event
from dateline.records import Actor, Event, Place, Record, to_date

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip

OUR_COLUMNS: tuple[str, ...] = (
    "modality", "attribution_source", "attribution_text", "evidence_text", "evidence_spans",
    "document_id", "dateline_event_id", "date_start", "date_end", "fatalities_known",
)  # fmt: skip

EVENT_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + OUR_COLUMNS

#: Column types of the event table ("str" unless named here): how Parquet types them.
EVENT_COLUMN_TYPES: Mapping[str, str] = {
    "event_date": "date", "year": "int", "time_precision": "int", "inter1": "int", "inter2": "int",
    "interaction": "int", "iso": "int", "latitude": "float", "longitude": "float",
    "geo_precision": "int", "fatalities": "int", "timestamp": "int", "date_start": "date",
    "date_end": "date", "fatalities_known": "bool",
}  # fmt: skip


def _load_json(name: str) -> dict[str, Any]:
    return json.loads(resources.files("dateline.export").joinpath("data", name).read_text("utf-8"))


class RecordView:
    """One record's places and actors by id."""

    def __init__(self, record: Record) -> None:
        self.record = record
        self.places = {p.id: p for p in record.places}
        self.actors = {a.id: a for a in record.actors}

    def place(self, place_id: str | None) -> Place | None:
        return self.places.get(place_id) if place_id is not None else None

    def actor_name(self, actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        actor = self.actors.get(actor_id)
        return str(actor.name or actor_id) if actor else str(actor_id)

    def actor_kind(self, actor_id: str | None) -> str | None:
        actor = self.actors.get(actor_id) if actor_id is not None else None
        return actor.kind if actor else None


def flat_event(view: RecordView, event: Event) -> dict[str, Any]:
    """The flat event row (:func:`~dateline.eventrow.flatten_event`) with its document's id, source,
    url and publication date and the names of its actors and places."""
    record = view.record
    flat = flatten_event(event)
    out: dict[str, Any] = {"id": flat.pop("id"), "document_id": record.id, **flat}
    out["actor_names"] = [view.actor_name(a) for a in event.actors]
    out["target_names"] = [view.actor_name(a) for a in event.targets]
    for key in ("place", "origin", "destination"):
        place = view.place(getattr(event, key))
        out[f"{key}_name"] = place.name if place else None
    out["source"] = record.source or record.title
    out["url"] = record.url
    out["published"] = record.published
    return out


@dataclass(frozen=True, slots=True)
class Countries:
    """ISO 3166 codes to names and numeric codes (GeoNames-derived, package data)."""

    by_code: Mapping[str, Mapping[str, Any]]

    @classmethod
    def load(cls) -> Countries:
        return cls(_load_json("countries.json")["countries"])

    def name(self, code: str | None) -> str | None:
        entry = self.by_code.get(code.upper()) if code else None
        return entry["name"] if entry else code

    def numeric(self, code: str | None) -> int | None:
        entry = self.by_code.get(code.upper()) if code else None
        return entry["numeric"] if entry else None


class AcledRows:
    """Events as rows with ACLED's columns (:data:`ACLED_COLUMNS`) and ours (:data:`OUR_COLUMNS`)."""

    def __init__(self, codebook: Mapping[str, Any] | None = None, countries: Countries | None = None) -> None:
        self.book = codebook if codebook is not None else _load_json("acled.json")
        self.countries = countries if countries is not None else Countries.load()

    def rows(self, records: Iterable[Record], *, acled_only: bool = False) -> Iterator[dict[str, Any]]:
        """One row per event; ``acled_only`` leaves out events ACLED does not code (e.g. verbal PLOVER
        events such as demands), which have no ACLED event type."""
        for record in records:
            view = RecordView(record)
            for event in record.events:
                if acled_only and not event.acled_event_type:
                    continue
                yield self.row(view, event)

    def row(self, view: RecordView, event: Event) -> dict[str, Any]:
        flat = flat_event(view, event)
        book = self.book
        actors, targets = list(event.actors), list(event.targets)
        inter1, inter2 = self._inter(view, actors), self._inter(view, targets)
        event_type, sub_type = flat.get("acled_event_type"), flat.get("acled_sub_event_type")
        start, end = to_date(flat["date_start"]), to_date(flat["date_end"])
        event_date = start or to_date(view.record.published)
        fatalities = (
            flat["fatalities_best"] if flat["fatalities_best"] is not None else flat["fatalities_low"]
        )
        place = view.place(event.place)
        country_code = place.country_code if place else None
        size_text = flat.get("size_text")
        return {
            "event_id_cnty": flat["id"],
            "event_date": event_date,
            "year": event_date.year if event_date else None,
            "time_precision": event.time_precision
            or self._time_precision(start, end, flat.get("date_precision")),
            "disorder_type": book["disorder_by_sub_event_type"].get(sub_type)
            or book["disorder_by_event_type"].get(event_type),
            "event_type": event_type,
            "sub_event_type": sub_type,
            "actor1": view.actor_name(actors[0]) if actors else None,
            "assoc_actor_1": "; ".join(n for a in actors[1:] if (n := view.actor_name(a))) or None,
            "inter1": inter1,
            "actor2": view.actor_name(targets[0]) if targets else None,
            "assoc_actor_2": "; ".join(n for a in targets[1:] if (n := view.actor_name(a))) or None,
            "inter2": inter2,
            "interaction": _interaction(inter1, inter2),
            "civilian_targeting": "Civilian targeting" if self._targets_civilians(view, event) else None,
            "iso": self.countries.numeric(country_code),
            "region": None,
            "country": self.countries.name(country_code),
            "admin1": place.admin1 if place else None,
            "admin2": place.admin2 if place else None,
            "admin3": None,
            "location": place.name if place else None,
            "latitude": place.lat if place else None,
            "longitude": place.lon if place else None,
            "geo_precision": event.geo_precision or (self._geo_precision(place.feature) if place else None),
            "source": flat["source"],
            "source_scale": None,
            "notes": flat["evidence_text"] or None,
            "fatalities": int(round(fatalities)) if fatalities is not None else 0,
            "tags": f"crowd size={size_text}"
            if size_text and event_type in book["crowd_size_event_types"]
            else None,
            "timestamp": None,
            "modality": flat.get("modality"),
            "attribution_source": view.actor_name(flat.get("attribution_source")),
            "attribution_text": flat.get("attribution_text"),
            "evidence_text": flat["evidence_text"],
            "evidence_spans": flat["evidence_spans"],
            "document_id": view.record.id,
            "dateline_event_id": flat["id"],
            "date_start": start,
            "date_end": end,
            "fatalities_known": fatalities is not None,
        }

    def _inter(self, view: RecordView, actor_ids: list[str]) -> int | None:
        if not actor_ids:
            return None
        return self.book["inter_by_actor_kind"].get(view.actor_kind(actor_ids[0]) or "")

    def _targets_civilians(self, view: RecordView, event: Event) -> bool:
        if event.acled_event_type in self.book["civilian_targeting_event_types"]:
            return True
        kinds = self.book["civilian_kinds"]
        return any(view.actor_kind(t) in kinds for t in event.targets)

    def _time_precision(self, start: dt.date | None, end: dt.date | None, precision: Any) -> int:
        if start is None:
            return int(self.book["time_precision_without_date"])
        by_precision = self.book["time_precision_by_date_precision"]
        if precision in by_precision:
            return int(by_precision[precision])
        days = ((end or start) - start).days + 1
        return 1 if days <= 1 else 2 if days <= 7 else 3

    def _geo_precision(self, feature: Any) -> int:
        feature = str(feature or "")
        for prefix, precision in self.book["geo_precision_by_feature_prefix"].items():
            if feature.startswith(prefix):
                return int(precision)
        return int(self.book["geo_precision_default"])


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: the two inter codes, smaller first; ``x0`` for a sole actor."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


class EntityTally:
    """Places or actors summed over records: one entry per id, with mention and document counts."""

    def __init__(self, kind: str) -> None:
        if kind not in ("places", "actors"):
            raise ValueError(f"kind must be 'places' or 'actors', not {kind!r}")
        self.kind = kind
        self._entries: dict[str, Place | Actor] = {}
        self._documents: dict[str, list[str]] = {}
        self._mentions: dict[str, int] = {}

    def add(self, record: Record) -> None:
        for entity in getattr(record, self.kind):
            entity_id = entity.id
            self._entries.setdefault(entity_id, entity)
            documents = self._documents.setdefault(entity_id, [])
            if not documents or documents[-1] != record.id:
                documents.append(record.id)
            self._mentions[entity_id] = self._mentions.get(entity_id, 0) + len(entity.mentions)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """Each entity's own fields (without mentions), plus ``mention_count`` and ``documents``."""
        for entity_id, entity in self._entries.items():
            out = entity.to_dict()
            del out["mentions"]
            out["mention_count"] = self._mentions[entity_id]
            out["documents"] = list(self._documents[entity_id])
            yield out

    def __len__(self) -> int:
        return len(self._entries)
