"""The events' filter columns in memory, for a long-running reader (``dateline serve``).

A filter over a million events costs SQLite a B-tree step per selected event for every count a
page shows (the timeline, the leading actors and places, the facets), and the events list with
a date and an actor reads every event of the actor to test its date. :class:`EventIndex` holds
the columns the filters and the counts read — one NumPy array a column, a string column as
integer codes — plus the event-actor pairs, so a filter is a few vectorised comparisons and a
count a ``bincount`` over the selected rows.

The filter's meaning stays in one place: what a filter says about the small tables (the places
inside an area or a box, the documents of a source or a publication date) is asked of the store
with :class:`~dateline.store.RecordFilter`'s own SQL; only the tests on an event's own columns
(its actors, places, type, modality, dates, document) are made here, as
:meth:`RecordFilter.event_conditions` makes them (``tests/query/test_eventindex.py`` compares
the two on every kind of filter).

The store only grows: ingest appends documents and their events (new keys), and never changes a
stored event. :meth:`EventIndex.current` therefore asks the store for its largest event key (one
index step) and loads only the events after the last it holds.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sqlalchemy as sa

from dateline.store import RecordFilter, schema
from dateline.store.engine import read_transaction
from dateline.store.queries import iso_date

#: The date code of an event without a date (below every real day).
NO_DATE = np.int32(-(2**31) + 1)
#: The sides a map's cell may have, in degrees.
_SIDES = (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0, 15.0, 30.0)
#: The first block of rows a page's filter is tested on (then four times as many, and so on).
BLOCK = 16_384
#: Rows loaded per query while (re)loading.
CHUNK = 200_000

#: The columns read of each event (``geo_precision`` from its data): what filters test, counts group
#: and a map draws (:mod:`dateline.query.points`; only the event's id is then asked of SQL).
_COLUMNS = ("pk", "doc_id", "type", "acled_event_type", "acled_sub_event_type", "plover_event",
            "place_id", "origin_id", "destination_id", "date_start", "date_end", "modality",
            "fatalities_best", "geo_precision")  # fmt: skip
_STRINGS = ("type", "acled_event_type", "acled_sub_event_type", "plover_event", "modality")
_PLACES = ("place_id", "origin_id", "destination_id")


class Codes:
    """Strings as small integers (0 is NULL), in the order first seen."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.values: list[str | None] = [None]

    def code(self, value: str | None) -> int:
        if value is None:
            return 0
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.values)
            self.values.append(value)
        return found

    def codes(self, values: Iterable[str]) -> np.ndarray:
        """A table of every code: True for those of ``values`` (unknown strings select nothing)."""
        table = np.zeros(len(self.values), dtype=bool)
        table[[self.index[v] for v in values if v in self.index]] = True
        return table


#: The proleptic ordinal of 1970-01-01 (NumPy counts days from it).
EPOCH = dt.date(1970, 1, 1).toordinal()


def _days(values: Sequence[Any]) -> np.ndarray:
    """ISO dates (or dates) as proleptic ordinals, NO_DATE for None."""
    days = np.array(values, dtype="datetime64[D]")
    out = days.astype(np.int64)
    return np.where(np.isnat(days), NO_DATE, out + EPOCH).astype(np.int32)


@dataclass(slots=True)
class Snapshot:
    """The columns of the events stored up to key :attr:`last` (rows in key order)."""

    last: int
    pk: np.ndarray
    doc: np.ndarray  # document code (Codes of documents.id)
    strings: dict[str, np.ndarray]  # type, ACLED types, PLOVER type, modality: codes of :attr:`words`
    places: dict[str, np.ndarray]  # place_id, origin_id, destination_id: codes of :attr:`place_ids`
    start: np.ndarray  # date_start as a proleptic ordinal, NO_DATE when undated
    end: np.ndarray  # coalesce(date_end, date_start), likewise
    pair_row: np.ndarray  # event_actors: the event's row
    pair_actor: np.ndarray  # event_actors: the actor's code
    actor_rows: dict[int, np.ndarray]  # an actor's code -> the rows of its events, sorted (one per pair)
    doc_source: np.ndarray  # a document code -> its source's code in EventIndex.words
    fatalities: np.ndarray  # fatalities_best, NaN when not told
    end_told: np.ndarray  # whether date_end was told (else :attr:`end` is date_start)
    precision: np.ndarray  # geo_precision when it is 1, 2 or 3, else 0 (int8)
    place_lon: np.ndarray  # a place code -> its longitude (NaN: none stored)
    place_lat: np.ndarray
    by_place: dict[str, tuple[np.ndarray, np.ndarray]] | None = None  # a place column sorted: codes, rows

    @property
    def size(self) -> int:
        return int(self.pk.shape[0])


class EventIndex:
    """The filter columns of a store's events, loaded on first use and grown as the store grows."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.words, self.place_ids, self.doc_ids, self.actor_ids = Codes(), Codes(), Codes(), Codes()
        self.doc_source: list[int] = [0]  # a document code -> its source's code in self.words
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()

    # --- loading -----------------------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        """Whether the columns were loaded once (until then a reader asks SQL)."""
        return self._snapshot is not None

    def warm(self) -> None:
        """Load the columns now (``dateline serve`` does it in a thread at start)."""
        self.current()

    def current(self) -> Snapshot:
        """The columns of every stored event (loading those stored since the last call)."""
        with read_transaction(self.engine) as conn:
            last = conn.execute(sa.select(sa.func.max(schema.events.c.pk))).scalar() or 0
        snap = self._snapshot
        if snap is not None and snap.last == last:
            return snap
        with self._lock:
            snap = self._snapshot
            if snap is None or snap.last != last:
                collecting = gc.isenabled()
                gc.disable()  # millions of row tuples, none in a cycle: the collector would only rescan them
                try:
                    snap = self._snapshot = self._grow(snap)
                finally:
                    if collecting:
                        gc.enable()
            return snap

    def _grow(self, old: Snapshot | None) -> Snapshot:
        after = old.last if old is not None else 0
        ev, ea, d = schema.events, schema.event_actors, schema.documents
        pair_pk: list[np.ndarray] = []
        pair_actor: list[np.ndarray] = []
        with read_transaction(self.engine) as conn:
            last = conn.execute(sa.select(sa.func.max(ev.c.pk))).scalar() or 0
            docs = sa.select(d.c.id, d.c.source).where(d.c.id.in_(
                sa.select(ev.c.doc_id).where(ev.c.pk > after, ev.c.pk <= last)))  # fmt: skip
            for doc_id, source in conn.execute(docs):
                if doc_id not in self.doc_ids.index:
                    self.doc_ids.code(doc_id)
                    self.doc_source.append(self.words.code(source))
            columns = [sa.type_coerce(ev.c[c], sa.String) if c.startswith("date") else
                       ev.c.data[c].as_integer() if c == "geo_precision" else ev.c[c]
                       for c in _COLUMNS]  # fmt: skip
            events = sa.select(*columns).where(ev.c.pk > after, ev.c.pk <= last).order_by(ev.c.pk)
            parts = [self._columns(rows) for rows in _batches(conn, events)]
            pairs = sa.select(ea.c.event_pk, ea.c.actor_id)  # one snapshot: every pair's event is <= last
            for rows in _batches(conn, pairs.where(ea.c.event_pk > after) if after else pairs):
                pks, actors = zip(*rows, strict=True)
                pair_pk.append(np.array(pks, dtype=np.int64))
                pair_actor.append(_encode(self.actor_ids, actors))
            p = schema.places
            points = conn.execute(sa.select(p.c.id, p.c.lon, p.c.lat)).all()
        snap = self._joined(old, last, parts, pair_pk, pair_actor)
        snap.place_lon = np.full(len(self.place_ids.values), np.nan)
        snap.place_lat = np.full(len(self.place_ids.values), np.nan)
        codes = self.place_ids.index
        for place_id, lon, lat in points:  # a place's point may change as later documents tell more
            code = codes.get(place_id)
            if code is not None and lon is not None and lat is not None:
                snap.place_lon[code], snap.place_lat[code] = lon, lat
        return snap

    def _columns(self, rows: Sequence[Any]) -> dict[str, np.ndarray]:
        columns = dict(zip(_COLUMNS, zip(*rows, strict=True), strict=True))
        out: dict[str, np.ndarray] = {"pk": np.array(columns["pk"], dtype=np.int64)}
        out["doc"] = _encode(self.doc_ids, columns["doc_id"], grow=False)
        for name in _STRINGS:
            out[name] = _encode(self.words, columns[name])
        for name in _PLACES:
            out[name] = _encode(self.place_ids, columns[name])
        start, end = _days(columns["date_start"]), _days(columns["date_end"])
        out["start"], out["end"] = start, np.where(end == NO_DATE, start, end)
        out["end_told"] = end != NO_DATE
        out["fatalities"] = np.array(columns["fatalities_best"], dtype=np.float64)  # None -> NaN
        out["precision"] = np.fromiter((p if p in (1, 2, 3) else 0 for p in columns["geo_precision"]),
                                       dtype=np.int8, count=len(rows))  # fmt: skip
        return out

    def _joined(self, old: Snapshot | None, last: int, parts: list[dict[str, np.ndarray]],
                pair_pk: list[np.ndarray], pair_actor: list[np.ndarray]) -> Snapshot:  # fmt: skip
        def cat(name: str, before: np.ndarray | None, dtype: Any) -> np.ndarray:
            arrays = ([before] if before is not None else []) + [p[name] for p in parts]
            return np.concatenate(arrays) if arrays else np.zeros(0, dtype=dtype)

        pk = cat("pk", old.pk if old else None, np.int64)
        new_pk = np.concatenate(pair_pk) if pair_pk else np.zeros(0, dtype=np.int64)
        rows = np.searchsorted(pk, new_pk).astype(np.int32)  # every pair's event is loaded with it
        pair_row = np.concatenate([old.pair_row, rows]) if old else rows
        new_actor = np.concatenate(pair_actor) if pair_actor else np.zeros(0, dtype=np.int32)
        pair_actor_all = np.concatenate([old.pair_actor, new_actor]) if old else new_actor
        by_event = np.argsort(pair_row, kind="stable")  # pairs in their events' order
        pair_row, pair_actor_all = pair_row[by_event], pair_actor_all[by_event]
        order = np.argsort(pair_actor_all, kind="stable")
        bounds = np.flatnonzero(np.diff(pair_actor_all[order])) + 1
        actor_rows = {int(pair_actor_all[group[0]]): np.sort(pair_row[group])
                      for group in np.split(order, bounds) if group.size}  # fmt: skip
        return Snapshot(
            last=last,
            pk=pk,
            doc=cat("doc", old.doc if old else None, np.int32),
            strings={s: cat(s, old.strings[s] if old else None, np.int32) for s in _STRINGS},
            places={p: cat(p, old.places[p] if old else None, np.int32) for p in _PLACES},
            start=cat("start", old.start if old else None, np.int32),
            end=cat("end", old.end if old else None, np.int32),
            pair_row=pair_row,
            pair_actor=pair_actor_all,
            actor_rows=actor_rows,
            doc_source=np.asarray(self.doc_source, dtype=np.int32),
            fatalities=cat("fatalities", old.fatalities if old else None, np.float64),
            end_told=cat("end_told", old.end_told if old else None, np.bool_),
            precision=cat("precision", old.precision if old else None, np.int8),
            place_lon=np.zeros(0),
            place_lat=np.zeros(0),
        )

    # --- selecting ---------------------------------------------------------------------------

    def select(self, flt: RecordFilter, *, after: int | None = None,
               need: int | None = None) -> tuple[Snapshot, np.ndarray]:  # fmt: skip
        """The rows (in key order) of the events ``flt`` selects, as ``flt.event_conditions()`` would,
        after the key ``after``. With ``need`` (a page), only the first ``need`` of them: the columns
        are tested a block at a time from there, growing blocks, until enough are found — as SQL steps
        through the keys. An actor filter starts from the actor's own rows, and tests only those."""
        snap = self.current()
        tests, places = self._tests(snap, flt)
        first = 0 if after is None else int(np.searchsorted(snap.pk, after, side="right"))
        actors = _values(flt.actor)
        rows = None
        if actors is not None:
            found = [snap.actor_rows.get(self.actor_ids.index.get(a, -1)) for a in actors]
            found = [f for f in found if f is not None]
            rows = np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
        elif places:
            rows = _rows_at(snap, places[0], need)
        if rows is not None:
            rows = rows[rows >= first]
            for test in tests:
                rows = rows[test(rows)]
            return snap, rows[:need] if need is not None else rows
        if not tests:
            end = snap.size if need is None else min(snap.size, first + need)
            return snap, np.arange(first, end, dtype=np.int64)
        parts: list[np.ndarray] = []
        count, start, block = 0, first, snap.size if need is None else BLOCK
        while start < snap.size and (need is None or count < need):
            stop = min(start + block, snap.size)
            span = slice(start, stop)
            mask = tests[0](span)
            for test in tests[1:]:
                mask &= test(span)
            hits = np.flatnonzero(mask) + start
            parts.append(hits)
            count += hits.size
            start, block = stop, block * 4
        rows = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        return snap, rows[:need] if need is not None else rows

    def _tests(self, snap: Snapshot, flt: RecordFilter) -> tuple[list[Any], list[np.ndarray]]:
        """One test a condition of ``flt`` but the actor: a function of some rows (a slice or an array of
        row numbers) telling which of them pass; and the tables of the places the filter names. What a
        condition says of documents and places is asked of SQL once, here."""
        tests: list[Any] = []
        if flt.selects_documents:
            d = schema.documents
            with read_transaction(self.engine) as conn:
                ids = conn.execute(sa.select(d.c.id).where(*flt.document_conditions())).scalars().all()
            docs = self.doc_ids.codes(ids)
            tests.append(lambda rows: docs[snap.doc[rows]])
        places: list[np.ndarray] = []
        if flt.place is not None:
            places.append(self.place_ids.codes([flt.place]))
        if flt.areas is not None:
            selects = [area.place_ids() for area in flt.areas]
            places.append(self._place_codes(sa.union(*selects) if len(selects) > 1 else selects[0])
                          if selects else self.place_ids.codes(()))  # fmt: skip
        if flt.bbox is not None:
            places.append(self._place_codes(flt.bbox.place_ids()))
        for table in places:
            tests.append(lambda rows, table=table: np.logical_or.reduce(
                [table[snap.places[c][rows]] for c in _PLACES]))  # fmt: skip
        types = _values(flt.event_type)
        if types is not None:
            kinds = self.words.codes(types)
            tests.append(lambda rows: np.logical_or.reduce(
                [kinds[snap.strings[c][rows]] for c in _STRINGS[:4]]))  # fmt: skip
        modalities = _values(flt.modality)
        if modalities is not None:
            modes = self.words.codes(modalities)
            tests.append(lambda rows: modes[snap.strings["modality"][rows]])
        if flt.since is not None or flt.until is not None:
            since = iso_date(flt.since).toordinal() if flt.since is not None else None
            until = iso_date(flt.until).toordinal() if flt.until is not None else None

            def dated(rows: Any) -> np.ndarray:
                start = snap.start[rows]
                out = start != NO_DATE
                if since is not None:
                    out &= snap.end[rows] >= since
                if until is not None:
                    out &= start <= until
                return out

            tests.append(dated)
        return tests, places

    def _place_codes(self, query: Any) -> np.ndarray:
        with read_transaction(self.engine) as conn:
            ids = conn.execute(query).scalars().all()
        return self.place_ids.codes(ids)

    # --- counting ----------------------------------------------------------------------------

    def counted(self, codes: np.ndarray, values: list[str | None]) -> list[tuple[str | None, int]]:
        """(value, count) of each value the codes hold, in the value's order (NULL first), as SQL
        ``GROUP BY ... ORDER BY`` gives them."""
        counts = np.bincount(codes, minlength=1) if codes.size else np.zeros(1, dtype=np.int64)
        found = [(values[c], int(counts[c])) for c in np.flatnonzero(counts).tolist()]
        return sorted(found, key=lambda vn: (vn[0] is not None, vn[0] or ""))

    def leading(self, codes: np.ndarray, values: list[str | None], top: int) -> list[tuple[str | None, int]]:
        """The ``top`` most frequent values (ties in the value's order), as ``_grouped(top=)``."""
        counts = np.bincount(codes, minlength=1) if codes.size else np.zeros(1, dtype=np.int64)
        present = np.flatnonzero(counts)
        if present.size > top:  # only those as frequent as the top-th can be among the top
            floor = np.partition(counts[present], present.size - top)[present.size - top]
            present = present[counts[present] >= floor]
        found = [(values[c], int(counts[c])) for c in present.tolist()]
        return sorted(found, key=lambda vn: (-vn[1], vn[0] is not None, vn[0] or ""))[:top]

    def days(self, snap: Snapshot, rows: np.ndarray) -> list[tuple[dt.date | None, int]]:
        """The selected events counted by ``date_start`` (None first: undated), days in order."""
        starts = snap.start[rows]
        dated = starts[starts != NO_DATE].astype(np.int64)
        out: list[tuple[dt.date | None, int]] = []
        if dated.size < starts.size:
            out.append((None, int(starts.size - dated.size)))
        if dated.size:
            first = int(dated.min())
            counts = np.bincount(dated - first)
            out += [(dt.date.fromordinal(first + int(k)), int(counts[k])) for k in np.flatnonzero(counts)]
        return out

    def day_types(self, snap: Snapshot, rows: np.ndarray) -> list[tuple[dt.date, str | None, int]]:
        """The dated selected events counted by (``date_start``, ``type``), days in order."""
        rows = rows[snap.start[rows] != NO_DATE]
        if rows.size == 0:
            return []
        days = snap.start[rows].astype(np.int64)
        first, width = int(days.min()), len(self.words.values)
        counts = np.bincount((days - first) * width + snap.strings["type"][rows])
        found = np.flatnonzero(counts)
        words = self.words.values
        return [(dt.date.fromordinal(first + int(k) // width), words[int(k) % width], int(counts[k]))
                for k in found]  # fmt: skip

    def grid(self, snap: Snapshot, rows: np.ndarray, cells: int) -> dict[str, Any]:
        """The selected events placed at a point, by square cell: the side a round number of degrees
        that cuts their extent in about ``cells``; each cell's mean point, events, fatalities, box."""
        codes = snap.places["place_id"][rows]
        lon, lat = snap.place_lon[codes], snap.place_lat[codes]
        located = ~(np.isnan(lon) | np.isnan(lat))
        lon, lat, deaths = lon[located], lat[located], np.nan_to_num(snap.fatalities[rows][located])
        if lon.size == 0:
            return {"side": None, "events": 0, "cells": []}
        extent = max(float(lon.max() - lon.min()), float(lat.max() - lat.min()), 0.01)
        side = min((s for s in _SIDES if extent / s <= cells), default=_SIDES[-1])
        gx, gy = np.floor(lon / side).astype(np.int64), np.floor(lat / side).astype(np.int64)
        x0, y0 = int(gx.min()), int(gy.min())
        width = int(gx.max()) - x0 + 1
        cell = (gy - y0) * width + (gx - x0)
        keys, where, counts = np.unique(cell, return_inverse=True, return_counts=True)
        mean_lon, mean_lat = np.bincount(where, lon) / counts, np.bincount(where, lat) / counts
        killed = np.bincount(where, deaths)
        out = []
        for k, key in enumerate(keys.tolist()):
            y, x = divmod(key, width)
            west, south = (x + x0) * side, (y + y0) * side
            out.append({"lon": round(float(mean_lon[k]), 4), "lat": round(float(mean_lat[k]), 4),
                        "events": int(counts[k]), "fatalities": float(killed[k]),
                        "bbox": [round(v, 4) for v in (west, south, west + side, south + side)]})
        return {"side": side, "events": int(lon.size), "cells": out}

    def actor_codes(self, snap: Snapshot, rows: np.ndarray) -> np.ndarray:
        """The actor codes of every event-actor pair of the selected events."""
        if rows.size == snap.size:
            return snap.pair_actor
        if rows.size * 16 < snap.size:  # few events: their pairs' ranges (pairs are in event order)
            wanted = rows.astype(snap.pair_row.dtype)  # of the column's type: else NumPy converts the column
            starts = np.searchsorted(snap.pair_row, wanted, side="left")
            lengths = np.searchsorted(snap.pair_row, wanted, side="right") - starts
            offsets = np.cumsum(lengths) - lengths
            at = np.arange(int(lengths.sum())) - np.repeat(offsets, lengths) + np.repeat(starts, lengths)
            return snap.pair_actor[at]
        chosen = np.zeros(snap.size, dtype=bool)
        chosen[rows] = True
        return snap.pair_actor[chosen[snap.pair_row]]

    def source_codes(self, snap: Snapshot, rows: np.ndarray) -> np.ndarray:
        return snap.doc_source[snap.doc[rows]]


def _rows_at(snap: Snapshot, table: np.ndarray, need: int | None) -> np.ndarray | None:
    """The rows of the events that happened, started or ended at the places ``table`` marks, from the
    place columns sorted once a snapshot; None when a scan is cheaper: they are many, or a page of
    ``need`` rows is found in the first blocks."""
    if snap.by_place is None:
        orders = {c: np.argsort(snap.places[c], kind="stable") for c in _PLACES}
        snap.by_place = {c: (snap.places[c][order], order) for c, order in orders.items()}
    codes = np.flatnonzero(table).astype(np.int32)  # the columns' type: else each search converts a column
    spans = []
    for column in _PLACES:
        ordered, order = snap.by_place[column]
        low, high = np.searchsorted(ordered, codes, "left"), np.searchsorted(ordered, codes, "right")
        spans.append((order, low, high))
    total = sum(int((high - low).sum()) for _, low, high in spans)
    if total * 8 > snap.size or (need is not None and need * snap.size < total * 4 * BLOCK):
        return None
    parts = [order[a:b] for order, low, high in spans
             for a, b in zip(low.tolist(), high.tolist(), strict=True) if b > a]  # fmt: skip
    return np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)


def _batches(conn: sa.Connection, query: Any) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of ``query`` as the driver's plain tuples, :data:`CHUNK` at a time (a million rows
    without SQLAlchemy's row objects, and without holding them all at once)."""
    compiled = query.compile(dialect=conn.dialect)
    processors = compiled._bind_processors  # the values as the dialect binds them (a JSON path on SQLite)
    params = {k: processors[k](v) if k in processors else v for k, v in compiled.params.items()}
    if conn.dialect.paramstyle in ("qmark", "numeric"):
        bound: Any = tuple(params[k] for k in compiled.positiontup or ())
    else:
        bound = params
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), bound)
        while rows := cursor.fetchmany(CHUNK):
            yield rows
    finally:
        cursor.close()


def _encode(codes: Codes, values: Sequence[str | None], *, grow: bool = True) -> np.ndarray:
    """``values`` as codes, at C speed: new values are coded once, then each is a dict look-up."""
    if grow:
        for value in set(values) - codes.index.keys():
            codes.code(value)
    table = {None: 0, **codes.index}
    return np.fromiter(map(table.__getitem__, values), dtype=np.int32, count=len(values))


def _values(value: str | Sequence[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)
