"""The events as a map draws them (:meth:`Corpus.points <dateline.query.corpus.Corpus.points>`).

A map page asks for up to a thousand events at a time, so this is the read model's hot path. The
dicts are the keys of the event dict (:func:`dateline.query.views.event_dict`) a map reads, without
the evidence, with the stored places' names and points read fresh (a place's point may change as
later documents tell more). Two ways to the same dicts:

- from SQL (:func:`point_items`): one query for the events' drawn columns (:data:`COLUMNS`), read
  as plain tuples, and one for their places;
- from the event index (:func:`indexed_items`), which holds every drawn column but the event's id:
  one query for the page's ids by key, and one for their places.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import sqlalchemy as sa

from dateline.store import schema

if TYPE_CHECKING:
    from dateline.query.eventindex import EventIndex, Snapshot

_ev = schema.events
#: The events' columns a map draws, in the order :func:`point_items` reads them (the key first).
COLUMNS: tuple[sa.ColumnElement[Any], ...] = (
    _ev.c.pk, _ev.c.id, _ev.c.doc_id, _ev.c.type, _ev.c.date_start, _ev.c.date_end, _ev.c.fatalities_best,
    _ev.c.data["geo_precision"].as_integer().label("geo_precision"),
    _ev.c.place_id, _ev.c.origin_id, _ev.c.destination_id,
)  # fmt: skip
#: The precisions a map tells apart (ACLED's); any other value is drawn as unknown.
PRECISIONS = frozenset((1, 2, 3))
Family = Callable[[str | None], str | None]


def point_items(conn: sa.Connection, rows: Sequence[Sequence[Any]],
                family_of: Family) -> list[dict[str, Any]]:  # fmt: skip
    """The map's dicts of ``rows`` (tuples of :data:`COLUMNS`)."""
    if not rows:
        return []
    _, ids, docs, kinds, starts, ends, deaths, precisions, *places = zip(*rows, strict=True)
    return _items(conn, family_of, ids, docs, kinds, [d.isoformat() if d else None for d in starts],
                  [d.isoformat() if d else None for d in ends], deaths,
                  [p if p in PRECISIONS else None for p in precisions], places)  # fmt: skip


def indexed_items(conn: sa.Connection, index: EventIndex, snap: Snapshot, rows: np.ndarray,
                  family_of: Family) -> list[dict[str, Any]]:  # fmt: skip
    """The map's dicts of the index's ``rows``: only the events' ids are asked of SQL (an event the
    store no longer holds is left out, as SQL would leave it)."""
    pks = snap.pk[rows]
    query = sa.select(_ev.c.pk, _ev.c.id).where(_ev.c.pk.in_(pks.tolist()))
    ids = dict(conn.execute(query).all()) if pks.size else {}
    if len(ids) < pks.size:
        rows = rows[np.isin(pks, np.fromiter(ids, dtype=np.int64, count=len(ids)))]
    if rows.size == 0:
        return []
    words, docs, places = index.words.values, index.doc_ids.values, index.place_ids.values
    told = snap.end_told[rows]
    return _items(
        conn, family_of, [ids[k] for k in snap.pk[rows].tolist()],
        [docs[c] for c in snap.doc[rows].tolist()],
        [words[c] for c in snap.strings["type"][rows].tolist()],
        _iso_days(snap.start[rows]), _iso_days(np.where(told, snap.end[rows], _NO_DAY)),
        [_number(d) for d in snap.fatalities[rows].tolist()],
        [p or None for p in snap.precision[rows].tolist()],
        [[places[c] for c in snap.places[column][rows].tolist()] for column in _PLACE_COLUMNS],
    )  # fmt: skip


def _number(value: float) -> int | float | None:
    """A stored count as the store reads it back (:class:`~dateline.store.schema.Number`): None for
    NaN (not told), an ``int`` when whole."""
    if value != value:
        return None
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


_PLACE_COLUMNS = ("place_id", "origin_id", "destination_id")
_NO_DAY = np.iinfo(np.int32).min  # below the index's NO_DATE: no day either


def _iso_days(days: np.ndarray) -> list[str | None]:
    """The index's day numbers (proleptic ordinals) as ISO dates, None for an undated event."""
    from dateline.query.eventindex import EPOCH, NO_DATE

    dated = days > NO_DATE
    text = (np.where(dated, days, EPOCH) - EPOCH).astype("datetime64[D]").astype(str).tolist()
    return [t if d else None for t, d in zip(text, dated.tolist(), strict=True)]


def _items(conn: sa.Connection, family_of: Family, ids: Sequence[Any], docs: Sequence[Any],
           kinds: Sequence[Any], starts: Sequence[str | None], ends: Sequence[str | None],
           deaths: Sequence[Any], precisions: Sequence[int | None],
           places: Sequence[Sequence[str | None]]) -> list[dict[str, Any]]:  # fmt: skip
    """The dicts, column by column, with the stored places the three place columns name."""
    at = _places(conn, {p for column in places for p in column} - {None})
    families: dict[str | None, str | None] = {}
    items = []
    for event_id, doc_id, kind, start, end, toll, precision, place, origin, destination in zip(
        ids, docs, kinds, starts, ends, deaths, precisions, *places, strict=True
    ):
        family = families[kind] if kind in families else families.setdefault(kind, family_of(kind))
        found = at.get(place) if place is not None else None
        came = at.get(origin) if origin is not None else None
        went = at.get(destination) if destination is not None else None
        items.append({
            "id": event_id,
            "document": doc_id,
            "type": kind,
            "family": family,
            "date": {"start": start, "end": end},
            "fatalities": {"best": toll} if toll is not None else None,
            "geo_precision": precision,
            "locations": {"place": dict(found) if found is not None else None,
                          "origin": dict(came) if came is not None else None,
                          "destination": dict(went) if went is not None else None},
        })  # fmt: skip
    return items


def _places(conn: sa.Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The stored places ``ids``: id, name and point, by id."""
    ids = sorted(ids)
    if not ids:
        return {}
    p = schema.places
    query = sa.select(p.c.id, p.c.name, p.c.lat, p.c.lon).where(p.c.id.in_(ids))
    return {r[0]: {"id": r[0], "name": r[1], "lat": r[2], "lon": r[3]} for r in conn.execute(query).all()}
