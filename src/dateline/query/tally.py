"""Counting the selected events by a column: in SQL (``GROUP BY``, each grouping one query over the
filter), or from the :class:`~dateline.query.eventindex.EventIndex` (a ``bincount`` over the rows
it selected once). Both give the same lists in the same order: (value, count) by value (NULL first),
or the ``top`` most frequent with ties in the value's order.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import sqlalchemy as sa

from dateline.query.eventindex import NO_DATE, EventIndex, Snapshot
from dateline.store import schema

#: How many actors and places the facets name.
TOP = 20

Counted = list[tuple[Any, int]]


class SqlTally:
    """Groupings of the events ``conditions`` select, each one query."""

    def __init__(self, conn: sa.Connection, conditions: list[sa.ColumnElement[bool]]) -> None:
        self.conn, self.conditions = conn, conditions

    def by(self, name: str) -> Counted:
        """Counts by ``type``, ``day``, ``modality`` or ``source``."""
        ev, d = schema.events, schema.documents
        if name == "source":
            return self._grouped(d.c.source, (d, d.c.id == ev.c.doc_id))
        return self._grouped({"type": ev.c.type, "day": ev.c.date_start, "modality": ev.c.modality}[name])

    def leading(self, name: str, top: int) -> Counted:
        """The ``top`` most frequent ``actor`` ids (actor or target) or ``place`` ids (NULL among them)."""
        ev, ea = schema.events, schema.event_actors
        if name == "actor":
            return self._grouped(ea.c.actor_id, (ea, ea.c.event_pk == ev.c.pk), top=top)
        return self._grouped(ev.c.place_id, top=top)

    def day_types(self) -> list[tuple[dt.date, str | None, int]]:
        """The dated events counted by (day, type), days in order."""
        ev = schema.events
        count = sa.func.count()
        dated = [*self.conditions, ev.c.date_start.is_not(None)]
        query = (sa.select(ev.c.date_start, ev.c.type, count).where(*dated)
                 .group_by(ev.c.date_start, ev.c.type).order_by(ev.c.date_start))  # fmt: skip
        return [(day, event_type, n) for day, event_type, n in self.conn.execute(query)]

    def _grouped(self, column: Any, *joins: tuple[sa.Table, Any], top: int | None = None) -> Counted:
        source: Any = schema.events
        for table, on in joins:
            source = source.join(table, on)
        count = sa.func.count().label("n")
        query = sa.select(column, count).select_from(source).where(*self.conditions).group_by(column)
        query = query.order_by(count.desc(), column) if top else query.order_by(column)
        return [(value, n) for value, n in self.conn.execute(query.limit(top) if top else query)]


class IndexTally:
    """Groupings of the rows an :class:`EventIndex` selected."""

    def __init__(self, index: EventIndex, snap: Snapshot, rows: np.ndarray) -> None:
        self.index, self.snap, self.rows = index, snap, rows

    def by(self, name: str) -> Counted:
        ix, snap, rows = self.index, self.snap, self.rows
        if name == "day":
            return list(ix.days(snap, rows))
        if name == "source":
            return ix.counted(ix.source_codes(snap, rows), ix.words.values)
        return ix.counted(snap.strings[name][rows], ix.words.values)

    def leading(self, name: str, top: int) -> Counted:
        ix, snap, rows = self.index, self.snap, self.rows
        if name == "actor":
            return ix.leading(ix.actor_codes(snap, rows), ix.actor_ids.values, top)
        return ix.leading(snap.places["place_id"][rows], ix.place_ids.values, top)

    def day_types(self) -> list[tuple[dt.date, str | None, int]]:
        return self.index.day_types(self.snap, self.rows)

    def timeline(self, family_of: Any) -> dict[str, dict[str, int]]:
        """The dated events counted by day and type family (``family_of(type)``, else "other")."""
        ix, snap = self.index, self.snap
        rows = self.rows[snap.start[self.rows] != NO_DATE]
        if rows.size == 0:
            return {}
        families = sorted({family_of(w) or "other" for w in ix.words.values})
        of_word = np.array([families.index(family_of(w) or "other") for w in ix.words.values], dtype=np.int64)
        days = snap.start[rows].astype(np.int64)
        first, width = int(days.min()), len(families)
        counts = np.bincount((days - first) * width + of_word[snap.strings["type"][rows]])
        out: dict[str, dict[str, int]] = {}
        for key in np.flatnonzero(counts).tolist():
            day = dt.date.fromordinal(first + key // width).isoformat()
            out.setdefault(day, {})[families[key % width]] = int(counts[key])
        return out


def leaders(conn: sa.Connection, tally: SqlTally | IndexTally) -> dict[str, list[dict[str, Any]]]:
    """The most frequent actors and places, with their names."""
    actors = tally.leading("actor", TOP)
    places = tally.leading("place", TOP + 1)
    names = _names(conn, schema.actors, [a for a, _ in actors])
    place_names = _names(conn, schema.places, [p for p, _ in places if p is not None])
    return {
        "actors": [{"id": a, "name": names.get(a), "events": n} for a, n in actors],
        "places": [{"id": p, "name": place_names.get(p), "events": n} for p, n in places if p][:TOP],
    }


def _names(conn: sa.Connection, table: sa.Table, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    return dict(conn.execute(sa.select(table.c.id, table.c.name).where(table.c.id.in_(ids))).all())
