"""Flat rows built once from records, rendered by every exporter.

:func:`flat_event` is one event's flat row (:func:`dateline.eventrow.flatten_event`: nested dates,
quantities and attribution become ``date_start``, ``fatalities_best``, ``attribution_source``...)
with its document's id and source; actor and place ids gain their names. :class:`AcledRows` turns
flat events into ACLED's columns, in ACLED's order, then ours. :class:`EntityTally` sums places or
actors over many records. The CSV, Parquet and GeoJSON exporters are renderings of these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from dateline.eventrow import flatten_event
from dateline.export.acled_actors import AcledActorCoder, AcledConventions
from dateline.export.countries import Countries, load_data
from dateline.export.view import RecordView
from dateline.records import Actor, Event, Place, Record, to_date

__all__ = [
    "ACLED_COLUMNS", "EVENT_COLUMNS", "EVENT_COLUMN_TYPES", "OUR_COLUMNS", "AcledRows", "Countries",
    "EntityTally", "RecordView", "flat_event", "to_date",
]  # fmt: skip

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


class AcledRows:
    """Events as rows with ACLED's columns (:data:`ACLED_COLUMNS`) and ours (:data:`OUR_COLUMNS`)."""

    def __init__(
        self,
        codebook: Mapping[str, Any] | None = None,
        countries: Countries | None = None,
        conventions: AcledConventions | None = None,
    ) -> None:
        self.book = codebook if codebook is not None else load_data("acled.json")
        self.countries = countries if countries is not None else Countries.load()
        self.coder = AcledActorCoder(conventions, self.countries)

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
        event_type, sub_type = flat.get("acled_event_type"), flat.get("acled_sub_event_type")
        start, end = to_date(flat["date_start"]), to_date(flat["date_end"])
        event_date = start or to_date(view.record.published)
        fatalities = (
            flat["fatalities_best"] if flat["fatalities_best"] is not None else flat["fatalities_low"]
        )
        place = view.place(event.place)
        # ACLED codes an event the text places only in a province or district at that unit's seat,
        # with the unit's precision (geo_precision 2 or 3)
        point = place.seat if place is not None and place.seat is not None else place
        country_code = view.event_country(event)
        sides = self.coder.sides(view, event, country_code)
        side1, side2 = sides.side1, sides.side2
        disorder = book["disorder_by_sub_event_type"].get(sub_type) or book["disorder_by_event_type"].get(
            event_type
        )
        size_text = flat.get("size_text")
        return {
            "event_id_cnty": flat["id"],
            "event_date": event_date,
            "year": event_date.year if event_date else None,
            "time_precision": event.time_precision
            or self._time_precision(start, end, flat.get("date_precision")),
            "disorder_type": disorder,
            "event_type": event_type,
            "sub_event_type": sub_type,
            "actor1": side1.actor,
            "assoc_actor_1": side1.assoc_text,
            "inter1": side1.inter,
            "actor2": side2.actor,
            "assoc_actor_2": side2.assoc_text,
            "inter2": side2.inter,
            "interaction": sides.interaction,
            "civilian_targeting": "Civilian targeting"
            if self._targets_civilians(event, disorder, side2.inter)
            else None,
            "iso": self.countries.numeric(country_code),
            "region": self.countries.region(country_code),
            "country": self.countries.name(country_code),
            "admin1": place.admin1 if place else None,
            "admin2": (place.admin2 or (point.admin2 if point is not place else None)) if place else None,
            "admin3": None,
            "location": point.name if point else None,
            "latitude": point.lat if point else None,
            "longitude": point.lon if point else None,
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

    def _targets_civilians(self, event: Event, disorder: str | None, inter2: int | None) -> bool:
        """ACLED's civilian targeting: political violence (not a battle) whose target is civilians."""
        book = self.book
        if event.acled_event_type in book["civilian_targeting_event_types"]:
            return True
        if event.acled_event_type in book["no_civilian_targeting_event_types"]:
            return False
        return inter2 in book["civilian_inters"] and "Political violence" in str(disorder or "")

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
