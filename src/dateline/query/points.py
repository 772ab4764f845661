"""The events as a map draws them (:meth:`Corpus.points <dateline.query.corpus.Corpus.points>`).

A map page asks for up to a thousand events at a time, so this is the read model's hot path: one
query for the events' drawn columns, read as plain tuples, one for the points of the places they name,
and the dicts built in one pass: the keys of the event dict (:func:`dateline.query.views.event_dict`)
a map reads, without the evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa

from dateline.store import schema

_ev = schema.events
#: The events' columns a map draws, in the order :func:`point_items` reads them (the key first).
COLUMNS: tuple[sa.ColumnElement[Any], ...] = (
    _ev.c.pk, _ev.c.id, _ev.c.doc_id, _ev.c.type, _ev.c.date_start, _ev.c.date_end, _ev.c.fatalities_best,
    _ev.c.data["geo_precision"].as_integer().label("geo_precision"),
    _ev.c.place_id, _ev.c.origin_id, _ev.c.destination_id,
)  # fmt: skip
#: The precisions a map tells apart (ACLED's); any other value is drawn as unknown.
PRECISIONS = frozenset((1, 2, 3))


def point_items(conn: sa.Connection, rows: Sequence[Sequence[Any]],
                family_of: Callable[[str | None], str | None]) -> list[dict[str, Any]]:  # fmt: skip
    """The map's dicts of ``rows`` (tuples of :data:`COLUMNS`), with the stored places they name."""
    p = schema.places
    ids = {r[i] for r in rows for i in (8, 9, 10)} - {None}
    at: dict[str, dict[str, Any]] = {}
    if ids:
        query = sa.select(p.c.id, p.c.name, p.c.lat, p.c.lon).where(p.c.id.in_(sorted(ids)))
        at = {r[0]: {"id": r[0], "name": r[1], "lat": r[2], "lon": r[3]} for r in conn.execute(query)}
    families: dict[str | None, str | None] = {}
    items = []
    for _, event_id, doc_id, kind, start, end, deaths, precision, place, origin, destination in rows:
        family = families[kind] if kind in families else families.setdefault(kind, family_of(kind))
        found = at.get(place) if place is not None else None
        came = at.get(origin) if origin is not None else None
        went = at.get(destination) if destination is not None else None
        items.append({
            "id": event_id,
            "document": doc_id,
            "type": kind,
            "family": family,
            "date": {"start": start.isoformat() if start else None, "end": end.isoformat() if end else None},
            "fatalities": {"best": deaths} if deaths is not None else None,
            "geo_precision": precision if precision in PRECISIONS else None,
            "locations": {"place": dict(found) if found is not None else None,
                          "origin": dict(came) if came is not None else None,
                          "destination": dict(went) if went is not None else None},
        })  # fmt: skip
    return items
