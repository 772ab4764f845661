"""Which documents and events a query selects: by id, actor, place, area, box, event type, date,
modality, source.

:class:`RecordFilter` is the one query layer the store, the CLI and the API
share: it turns into SQL conditions, every value a bound parameter. Conditions
combine with AND; an empty filter selects everything. It holds resolved values
(actor ids, place ids, areas, type names); :mod:`dateline.query.filters` turns
what a user typed ("TTP", "Zabul", "2014-12-01") into one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from dateline.store import schema
from dateline.store.codec import to_date

#: Feature codes of a whole country (GeoNames' PCL* family).
COUNTRY_FEATURES = frozenset({"PCL", "PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCLH", "TERR"})


@dataclass(frozen=True, slots=True)
class Area:
    """A place and everything the store knows to lie inside it.

    ``country_code`` alone: every place of that country. ``admin1_id``: every place of that
    admin-1 unit (a province), by the unit's place id. ``admin1_id`` and ``admin2``: every place of
    that admin-2 unit (a district), which the record names but does not give an id. Always the
    place ``place_id`` itself.
    """

    place_id: str
    country_code: str | None = None
    admin1_id: str | None = None
    admin2: str | None = None

    @classmethod
    def of(cls, place_id: str, feature: str | None, country_code: str | None, admin1_id: str | None,
           admin2: str | None) -> Area:  # fmt: skip
        """The area a stored place spans, by its feature code."""
        feature = (feature or "").upper()
        if feature in COUNTRY_FEATURES and country_code:
            return cls(place_id, country_code=country_code)
        if feature == "ADM1" and admin1_id:
            return cls(place_id, admin1_id=admin1_id)
        if feature == "ADM2" and admin1_id and admin2:
            return cls(place_id, admin1_id=admin1_id, admin2=admin2)
        return cls(place_id)

    def place_ids(self) -> sa.Select[tuple[str]]:
        """The ids of the stored places inside the area (the place itself included)."""
        p = schema.places
        inside: list[sa.ColumnElement[bool]] = []
        if self.country_code is not None:
            inside.append(p.c.country_code == self.country_code)
        if self.admin1_id is not None:
            inside.append(p.c.admin1_id == self.admin1_id)
        if self.admin2 is not None:
            inside.append(p.c.admin2 == self.admin2)
        own = p.c.id == self.place_id
        return sa.select(p.c.id).where(sa.or_(own, sa.and_(*inside)) if inside else own)


@dataclass(frozen=True, slots=True)
class BoundingBox:
    """West, south, east, north in degrees; a box across the antimeridian has ``west > east``."""

    west: float
    south: float
    east: float
    north: float

    def place_ids(self) -> sa.Select[tuple[str]]:
        p = schema.places
        lon = (
            p.c.lon.between(self.west, self.east)
            if self.west <= self.east
            else sa.or_(p.c.lon >= self.west, p.c.lon <= self.east)
        )
        return sa.select(p.c.id).where(p.c.lat.between(self.south, self.north), lon)


@dataclass(frozen=True, slots=True)
class RecordFilter:
    """Select documents, and the events, places, actors and relations in them.

    ``ids``: these document ids. ``actor``: an actor id (or several, any of them) the document
    names or that takes part (as actor or target) in one of its events. ``place``: a place id the
    document names or where one of its events happened, started or ended. ``areas``: one of its
    events happened, started or ended inside one of these areas. ``bbox``: ... inside this box.
    ``event_type``: one of its events has this type (ours, ACLED's event or sub-event type, or
    PLOVER's; several: any of them). ``modality``: one of its events has this modality (or any of
    several). ``since``/``until`` (ISO dates, inclusive): one of its events' dates overlaps the
    interval. ``published_since``/``published_until``: the publication date lies in the interval.
    ``source``: the document's source.

    For documents each event condition holds for some event of the document
    (:meth:`conditions`); for events all of them hold for the event itself
    (:meth:`event_conditions`).
    """

    ids: Sequence[str] | None = None
    actor: str | Sequence[str] | None = None
    place: str | None = None
    event_type: str | Sequence[str] | None = None
    since: str | None = None
    until: str | None = None
    published_since: str | None = None
    published_until: str | None = None
    source: str | None = None
    areas: Sequence[Area] | None = None
    bbox: BoundingBox | None = None
    modality: str | Sequence[str] | None = None

    @property
    def selects_events(self) -> bool:
        """Whether any condition is about events (not only about documents)."""
        return any(
            value is not None
            for value in (
                self.actor, self.place, self.event_type, self.since, self.until, self.areas, self.bbox,
                self.modality,
            )
        )  # fmt: skip

    @property
    def selects_documents(self) -> bool:
        """Whether any condition is about the document itself (its id, publication date, source)."""
        return any(
            value is not None
            for value in (self.ids, self.source, self.published_since, self.published_until)
        )

    def document_conditions(self) -> list[sa.ColumnElement[bool]]:
        """The conditions on the ``documents`` row alone."""
        d = schema.documents
        out: list[sa.ColumnElement[bool]] = []
        if self.ids is not None:
            out.append(d.c.id.in_(list(self.ids)))
        if self.source is not None:
            out.append(d.c.source == self.source)
        if self.published_since is not None:
            out.append(d.c.published >= iso_date(self.published_since))
        if self.published_until is not None:
            out.append(d.c.published <= iso_date(self.published_until))
        return out

    def conditions(self) -> list[sa.ColumnElement[bool]]:
        """Conditions on ``documents``: each event condition holds for one of the document's events."""
        d, ev = schema.documents, schema.events
        out = self.document_conditions()
        actors = _values(self.actor)
        if actors is not None:
            ea, da = schema.event_actors, schema.doc_actors
            in_events = (
                sa.select(ev.c.doc_id).join(ea, ea.c.event_pk == ev.c.pk).where(ea.c.actor_id.in_(actors))
            )
            named = sa.select(da.c.doc_id).where(da.c.actor_id.in_(actors))
            out.append(sa.or_(d.c.id.in_(named), d.c.id.in_(in_events)))
        if self.place is not None:
            dp = schema.doc_places
            named = sa.select(dp.c.doc_id).where(dp.c.place_id == self.place)
            at = sa.select(ev.c.doc_id).where(_at_place(sa.literal(self.place)))
            out.append(sa.or_(d.c.id.in_(named), d.c.id.in_(at)))
        for condition in (
            self._area_condition(), self._bbox_condition(), self._type_condition(),
            self._modality_condition(), self._date_condition(),
        ):  # fmt: skip
            if condition is not None:
                out.append(d.c.id.in_(sa.select(ev.c.doc_id).where(condition)))
        return out

    def event_conditions(self) -> list[sa.ColumnElement[bool]]:
        """Conditions on ``events``: every one holds for the event itself."""
        ev = schema.events
        out: list[sa.ColumnElement[bool]] = []
        if self.selects_documents:
            d = schema.documents
            out.append(ev.c.doc_id.in_(sa.select(d.c.id).where(*self.document_conditions())))
        actors = _values(self.actor)
        if actors is not None:
            ea = schema.event_actors
            # the dates too where the pairs carry them: an actor's events of a week from one index range
            dated = self._date_condition(ea)
            pairs = sa.select(ea.c.event_pk).where(
                ea.c.actor_id.in_(actors), *([dated] if dated is not None else [])
            )
            out.append(ev.c.pk.in_(pairs))
        if self.place is not None:
            out.append(_at_place(sa.literal(self.place)))
        for condition in (
            self._area_condition(), self._bbox_condition(), self._type_condition(),
            self._modality_condition(), self._date_condition(),
        ):  # fmt: skip
            if condition is not None:
                out.append(condition)
        return out

    def _area_condition(self) -> sa.ColumnElement[bool] | None:
        if self.areas is None:
            return None
        if not self.areas:
            return sa.false()
        selects = [area.place_ids() for area in self.areas]
        inside = selects[0] if len(selects) == 1 else sa.union(*selects)
        return _in_places(inside.subquery())

    def _bbox_condition(self) -> sa.ColumnElement[bool] | None:
        if self.bbox is None:
            return None
        return _in_places(self.bbox.place_ids().subquery())

    def _type_condition(self) -> sa.ColumnElement[bool] | None:
        types = _values(self.event_type)
        if types is None:
            return None
        ev = schema.events
        return sa.or_(
            ev.c.type.in_(types),
            ev.c.acled_event_type.in_(types),
            ev.c.acled_sub_event_type.in_(types),
            ev.c.plover_event.in_(types),
        )

    def _modality_condition(self) -> sa.ColumnElement[bool] | None:
        modalities = _values(self.modality)
        return schema.events.c.modality.in_(modalities) if modalities is not None else None

    def _date_condition(self, table: sa.Table = schema.events) -> sa.ColumnElement[bool] | None:
        """The event's dates overlap the interval, on ``events`` or on ``event_actors`` (which copies
        them)."""
        if self.since is None and self.until is None:
            return None
        ev = table
        out = [ev.c.date_start.is_not(None)]
        if self.since is not None:
            out.append(sa.func.coalesce(ev.c.date_end, ev.c.date_start) >= iso_date(self.since))
        if self.until is not None:
            out.append(ev.c.date_start <= iso_date(self.until))
        return sa.and_(*out)

    def select_keys(self, *, after: int = 0, limit: int | None = None) -> sa.Select[tuple[int]]:
        """Document keys (``documents.pk``) in storage order, after ``after``."""
        query = sa.select(schema.documents.c.pk).where(schema.documents.c.pk > after, *self.conditions())
        query = query.order_by(schema.documents.c.pk)
        return query.limit(limit) if limit is not None else query


def _values(value: str | Sequence[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def _at_place(place: sa.ColumnElement[str]) -> sa.ColumnElement[bool]:
    ev = schema.events
    return sa.or_(ev.c.place_id == place, ev.c.origin_id == place, ev.c.destination_id == place)


def _in_places(ids: sa.Subquery) -> sa.ColumnElement[bool]:
    """The event happened, started or ended at one of the places ``ids`` selects."""
    ev = schema.events
    column = ids.c[0]
    return sa.or_(
        ev.c.place_id.in_(sa.select(column)),
        ev.c.origin_id.in_(sa.select(column)),
        ev.c.destination_id.in_(sa.select(column)),
    )


def iso_date(value: str) -> dt.date:
    """``value`` as a date; a coded error (E202) when it is not an ISO date."""
    from dateline.errors import InvalidDate

    parsed = to_date(value)
    if parsed is None:
        raise InvalidDate(f"not an ISO date (YYYY-MM-DD): {value!r}")
    return parsed
