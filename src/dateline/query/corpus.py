"""The read model: every list, item, count and facet the CLI and the API show, over one store.

Each list is one query: the store's :class:`RecordFilter` as SQL conditions (every value a bound
parameter), keyset-paged on the table's key (events, documents and relations in the order they
were stored, places and actors by id), ``limit + 1`` rows read to know whether a next page exists.
What each list selects:

- **events**: events for which every condition holds (the document's for source and id);
- **documents**: documents with an event for which each condition holds (or naming the actor or
  place: :meth:`RecordFilter.conditions`);
- **places**: places inside the place filter and the box; when the filter says more, only those
  where a selected event happened, started or ended; a document filter alone: places its documents
  name;
- **actors**: the actor filter's actors; when the filter says more, only actors (or targets) of
  selected events; a document filter alone: actors its documents name;
- **relations**: relations with the actor as subject or object and the modality, in the documents
  the rest of the filter selects.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from dateline.errors import NotFound
from dateline.query import tally, views
from dateline.query.conditions import actor_where as _actor_where
from dateline.query.conditions import event_where as _event_where
from dateline.query.conditions import place_where as _place_where
from dateline.query.conditions import relation_where as _relation_where
from dateline.query.conditions import without_place as _without_place
from dateline.query.eventindex import EventIndex
from dateline.query.filters import Criteria
from dateline.query.names import Vocabulary
from dateline.query.paging import DEFAULT_LIMIT, KINDS, check_limit, decode_cursor, encode_cursor
from dateline.query.points import COLUMNS as POINT_COLUMNS
from dateline.query.points import indexed_items, point_items
from dateline.records import Mention, Record
from dateline.store import RecordFilter, Store, schema
from dateline.store.codec import mention
from dateline.store.engine import read_transaction
from dateline.store.queries import Area

if TYPE_CHECKING:
    from dateline.actors.registry import ActorRegistry

#: How many actors and places the facets name.
TOP = tally.TOP

Where = Criteria | RecordFilter | None


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list: its items and the cursor of the next page (None on the last)."""

    kind: str
    items: list[dict[str, Any]]
    next_cursor: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "items": self.items, "next_cursor": self.next_cursor}


class Corpus:
    """What a store holds, for reading. Use :meth:`open` (read-only) or wrap an open :class:`Store`."""

    def __init__(self, store: Store, *, registry: ActorRegistry | None = None,
                 index: EventIndex | None = None) -> None:  # fmt: skip
        self.store = store
        self.vocabulary = Vocabulary(store.engine, registry)
        #: The events' columns in memory (a long-running reader's: ``dateline serve``), used once loaded.
        self.index = index

    def _selected(self, flt: RecordFilter) -> tally.IndexTally | None:
        """The events ``flt`` selects, from the event index when it is loaded (else None: ask SQL)."""
        if self.index is None or not self.index.loaded:
            return None
        snap, rows = self.index.select(flt)
        return tally.IndexTally(self.index, snap, rows)

    def _event_keys(self, flt: RecordFilter, cursor: str | None,
                    limit: int) -> list[sa.ColumnElement[bool]] | None:  # fmt: skip
        """The condition selecting the page's event keys from the index (None: no index loaded)."""
        if self.index is None or not self.index.loaded:
            return None
        check_limit(limit)
        after = _after("events", schema.events.c.pk, cursor)
        snap, rows = self.index.select(flt, after=after, need=limit + 1)
        return [schema.events.c.pk.in_([int(k) for k in snap.pk[rows]])]

    @classmethod
    def open(cls, target: str, *, registry: ActorRegistry | None = None) -> Corpus:
        return cls(Store.open(target, readonly=True), registry=registry)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def filter(self, where: Where) -> RecordFilter:
        """The store filter ``where`` means (criteria are resolved; coded errors for bad values)."""
        if where is None:
            return RecordFilter()
        if isinstance(where, Criteria):
            return where.resolve(self.vocabulary)
        return where

    # --- lists -------------------------------------------------------------------------------

    def page(self, kind: str, where: Where = None, *, cursor: str | None = None,
             limit: int = DEFAULT_LIMIT) -> Page:  # fmt: skip
        """One page of the list ``kind`` (one of :data:`KINDS`)."""
        if kind not in KINDS:
            raise ValueError(f"no list {kind!r}; one of {KINDS}")
        return getattr(self, kind)(where, cursor=cursor, limit=limit)

    def events(self, where: Where = None, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT) -> Page:
        ev = schema.events
        flt = self.filter(where)
        keys = self._event_keys(flt, cursor, limit)
        return self._page("events", ev.c.pk, keys or _event_where(flt), None if keys else cursor, limit,
                          sa.select(ev.c.pk, ev.c.doc_id, ev.c.data), self._event_items)  # fmt: skip

    def points(self, where: Where = None, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT) -> Page:
        """The events list for a map: each event's id, document, type, date, toll and precision, and its
        places' names and points (no evidence); the events list's order and cursors. From the event
        index once it is loaded (its ids and places from SQL), else two compact queries
        (:mod:`dateline.query.points`)."""
        family = self.vocabulary.family_of
        flt = self.filter(where)
        if self.index is None or not self.index.loaded:
            ev = schema.events
            return self._page("events", ev.c.pk, _event_where(flt), cursor, limit, sa.select(*POINT_COLUMNS),
                              lambda conn, rows: point_items(conn, rows, family), tuples=True)  # fmt: skip
        check_limit(limit)
        after = _after("events", schema.events.c.pk, cursor)
        snap, rows = self.index.select(flt, after=after, need=limit + 1)
        more, rows = rows.size > limit, rows[:limit]
        with read_transaction(self.store.engine) as conn:
            items = indexed_items(conn, self.index, snap, rows, family)
        return Page("events", items, encode_cursor("events", int(snap.pk[rows[-1]])) if more else None)

    def grid(self, where: Where = None, *, cells: int = 40) -> dict[str, Any] | None:
        """The selected events placed at a point, counted by square cell (about ``cells`` across their
        extent): ``{"side", "events", "cells": [{"lon", "lat", "events", "fatalities", "bbox"}]}``;
        None until the event index is loaded (a map then draws the first events, :meth:`points`)."""
        selected = self._selected(self.filter(where))
        return None if selected is None else selected.index.grid(selected.snap, selected.rows, cells)

    def places(self, where: Where = None, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT) -> Page:
        p = schema.places
        flt = self.filter(where)
        return self._page("places", p.c.id, _place_where(flt), cursor, limit, sa.select(p),
                          lambda conn, rows: self._with_event_counts(conn, flt, rows))  # fmt: skip

    def actors(self, where: Where = None, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT) -> Page:
        a = schema.actors
        flt = self.filter(where)
        return self._page("actors", a.c.id, _actor_where(flt), cursor, limit, sa.select(a),
                          lambda conn, rows: [views.actor_dict(r) for r in rows])  # fmt: skip

    def documents(self, where: Where = None, *, cursor: str | None = None,
                  limit: int = DEFAULT_LIMIT) -> Page:  # fmt: skip
        d = schema.documents
        flt = self.filter(where)
        columns = [c for c in d.c if c.name not in ("text", "extra")]
        query = sa.select(*columns, sa.func.length(d.c.text).label("characters"))
        return self._page("documents", d.c.pk, flt.conditions(), cursor, limit, query,
                          lambda conn, rows: [views.document_dict(r) for r in rows])  # fmt: skip

    def relations(self, where: Where = None, *, cursor: str | None = None,
                  limit: int = DEFAULT_LIMIT) -> Page:  # fmt: skip
        r = schema.relations
        flt = self.filter(where)
        query = sa.select(r.c.pk, r.c.doc_id, r.c.data)
        return self._page("relations", r.c.pk, _relation_where(flt), cursor, limit, query,
                          self._relation_items)  # fmt: skip

    def _page(self, kind: str, key: sa.Column[Any], conditions: list[sa.ColumnElement[bool]],
              cursor: str | None, limit: int, query: sa.Select[Any], build: Any,
              tuples: bool = False) -> Page:  # fmt: skip
        """A page of ``query``'s rows, ``build`` making its items of them: mappings, or with ``tuples``
        plain rows whose first column is ``key``."""
        check_limit(limit)
        after = _after(kind, key, cursor)
        if after is not None:
            conditions = [*conditions, key > after]
        query = query.where(*conditions).order_by(key).limit(limit + 1)
        with read_transaction(self.store.engine) as conn:
            result = conn.execute(query)
            rows = result.all() if tuples else result.mappings().all()
            more = len(rows) > limit
            rows = rows[:limit]
            items = build(conn, rows)
        last = (rows[-1][0] if tuples else rows[-1][key.name]) if rows and more else None
        return Page(kind, items, encode_cursor(kind, last) if last is not None else None)

    def _event_items(self, conn: sa.Connection, rows: Sequence[Any]) -> list[dict[str, Any]]:
        evidence = _evidence(conn, "event_pk", [r["pk"] for r in rows])
        ids = {r["data"].get(k) for r in rows for k in views.LOCATION_KEYS} - {None}
        places = _places(conn, ids)
        family = self.vocabulary.family_of
        return [views.event_dict(r, evidence.get(r["pk"], []), places, family(r["data"]["type"]))
                for r in rows]  # fmt: skip

    def _relation_items(self, conn: sa.Connection, rows: Sequence[Any]) -> list[dict[str, Any]]:
        evidence = _evidence(conn, "relation_pk", [r["pk"] for r in rows])
        return [views.relation_dict(r, evidence.get(r["pk"], [])) for r in rows]

    def _with_event_counts(self, conn: sa.Connection, flt: RecordFilter, rows: Sequence[Any]) -> list[Any]:
        """Places, each with how many selected events happened there."""
        ev = schema.events
        ids = [r["id"] for r in rows]
        query = (
            sa.select(ev.c.place_id, sa.func.count())
            .where(ev.c.place_id.in_(ids), *_event_where(_without_place(flt)))
            .group_by(ev.c.place_id)
        )
        counts = dict(conn.execute(query).all())
        return [{**views.place_dict(r), "events": counts.get(r["id"], 0)} for r in rows]

    # --- records -----------------------------------------------------------------------------

    def records(self, where: Where = None) -> Iterator[Record]:
        """Whole records of the documents ``where`` selects, in storage order (for exports)."""
        return self.store.iter_records(where=self.filter(where))

    def records_naming(self, actor_id: str | None) -> Iterator[Record]:
        """Records naming ``actor_id`` or with it in an event; every record for None."""
        return self.store.records_naming(actor_id)

    # --- items -------------------------------------------------------------------------------

    def event(self, event_id: str) -> dict[str, Any]:
        ev = schema.events
        with read_transaction(self.store.engine) as conn:
            query = sa.select(ev.c.pk, ev.c.doc_id, ev.c.data).where(ev.c.id == event_id).order_by(ev.c.pk)
            rows = conn.execute(query.limit(1)).mappings().all()
            if not rows:
                raise NotFound(f"no stored event has the id {event_id!r}")
            return self._event_items(conn, rows)[0]

    def relation(self, relation_id: str) -> dict[str, Any]:
        r = schema.relations
        with read_transaction(self.store.engine) as conn:
            query = sa.select(r.c.pk, r.c.doc_id, r.c.data).where(r.c.id == relation_id).order_by(r.c.pk)
            rows = conn.execute(query.limit(1)).mappings().all()
            if not rows:
                raise NotFound(f"no stored relation has the id {relation_id!r}")
            return self._relation_items(conn, rows)[0]

    def document(self, doc_id: str) -> dict[str, Any]:
        """The whole record (docs/record.md) of one stored document."""
        record = self.store.get_record(doc_id)
        if record is None:
            raise NotFound(f"no stored document has the id {doc_id!r}")
        return record.to_dict()

    def place(self, place_id: str) -> dict[str, Any]:
        """A stored place, the stored units it lies in, and how many events happened inside it."""
        p = schema.places
        with read_transaction(self.store.engine) as conn:
            row = conn.execute(sa.select(p).where(p.c.id == place_id)).mappings().first()
            if row is None:
                raise NotFound(f"no stored place has the id {place_id!r}")
            parents = []
            country = sa.and_(p.c.country_code == row["country_code"], p.c.feature.in_(("PCLI", "PCL")))
            for condition in (p.c.id == row["admin1_id"], country):
                parent = conn.execute(sa.select(p).where(condition, p.c.id != place_id)).mappings().first()
                if parent is not None:
                    parents.append(views.place_dict(parent))
            area = Area.of(row["id"], row["feature"], row["country_code"], row["admin1_id"], row["admin2"])
            inside = _count(conn, schema.events, _event_where(RecordFilter(areas=[area])))
            at = _count(conn, schema.events, _event_where(RecordFilter(place=place_id)))
            dp = schema.doc_places
            named = conn.execute(
                sa.select(sa.func.count(sa.distinct(dp.c.doc_id))).where(dp.c.place_id == place_id)
            ).scalar_one()
        return {**views.place_dict(row), "parents": parents,
                "events": {"at": at, "inside": inside}, "documents": named}  # fmt: skip

    def actor(self, actor_id: str) -> dict[str, Any]:
        """A stored actor (or one the registry alone knows), its registry entry and its counts."""
        from dateline.actors.report import entry_dict

        a, ea, r, da = schema.actors, schema.event_actors, schema.relations, schema.doc_actors
        entry = self.vocabulary.registry.get(actor_id)
        with read_transaction(self.store.engine) as conn:
            row = conn.execute(sa.select(a).where(a.c.id == actor_id)).mappings().first()
            roles = dict(
                conn.execute(
                    sa.select(ea.c.role, sa.func.count()).where(ea.c.actor_id == actor_id).group_by(ea.c.role)
                ).all()
            )
            relations = _count(conn, r, [sa.or_(r.c.subject == actor_id, r.c.object == actor_id)])
            documents = conn.execute(
                sa.select(sa.func.count(sa.distinct(da.c.doc_id))).where(da.c.actor_id == actor_id)
            ).scalar_one()
        if row is None and entry is None:
            raise NotFound(f"no stored or registered actor has the id {actor_id!r}")
        if row is not None:
            base = views.actor_dict(row)
        else:
            base = {k: v for k, v in entry_dict(entry).items() if k in ("id", "name", "kind", "country_code")}
            base["aliases"] = list(entry.aliases)
        return {
            **base,
            "stored": row is not None,
            "registry": entry_dict(entry, self.vocabulary.registry) if entry is not None else None,
            "events": {"as_actor": roles.get("actor", 0), "as_target": roles.get("target", 0)},
            "relations": relations,
            "documents": documents,
        }

    def quotes_by(self, actor_id: str, *, limit: int = DEFAULT_LIMIT) -> list[dict[str, Any]]:
        """Quotes whose speaker is ``actor_id``, in storage order: text, span, cue, document."""
        q = schema.quotes
        query = (sa.select(q.c.doc_id, q.c.text, q.c.span_start, q.c.span_end, q.c.cue, q.c.kind, q.c.speaker,
                           q.c.speaker_text).where(q.c.speaker == actor_id)
                 .order_by(q.c.doc_id, q.c.position).limit(limit))  # fmt: skip
        with read_transaction(self.store.engine) as conn:
            return [_quote(r, with_speaker=False) for r in conn.execute(query)]

    def quotes_about(self, actor_id: str, *, limit: int = DEFAULT_LIMIT) -> list[dict[str, Any]]:
        """Quotes by others that name ``actor_id`` — under any of its names, as the reading found it
        (a mention of the actor inside the quote or inside the phrase saying who said it) —, in
        storage order: text, span, cue, document, speaker and the words naming the actor."""
        q, m = schema.quotes, schema.mentions
        inside = sa.or_(sa.and_(m.c.span_start >= q.c.span_start, m.c.span_end <= q.c.span_end),
                        sa.and_(m.c.span_start >= q.c.speaker_span_start,
                                m.c.span_end <= q.c.speaker_span_end))  # fmt: skip
        named = (sa.select(q.c.doc_id, q.c.position, sa.func.min(m.c.text).label("named_as"))
                 .join(m, sa.and_(m.c.doc_id == q.c.doc_id, m.c.entity_kind == "actor",
                                  m.c.entity_id == actor_id, inside))
                 .where(sa.or_(q.c.speaker.is_(None), q.c.speaker != actor_id))
                 .group_by(q.c.doc_id, q.c.position).subquery())  # fmt: skip
        query = (sa.select(q.c.doc_id, q.c.text, q.c.span_start, q.c.span_end, q.c.cue, q.c.kind, q.c.speaker,
                           q.c.speaker_text, named.c.named_as)
                 .join(named, sa.and_(named.c.doc_id == q.c.doc_id, named.c.position == q.c.position))
                 .order_by(q.c.doc_id, q.c.position).limit(limit))  # fmt: skip
        with read_transaction(self.store.engine) as conn:
            return [{**_quote(r, with_speaker=True), "named_as": r.named_as} for r in conn.execute(query)]

    # --- counts and facets -------------------------------------------------------------------

    def counts(self, where: Where = None) -> dict[str, int]:
        """How many items each list holds under the filter."""
        flt = self.filter(where)
        wheres = {
            "events": _event_where(flt),
            "places": _place_where(flt),
            "actors": _actor_where(flt),
            "documents": flt.conditions(),
            "relations": _relation_where(flt),
        }
        selected = self._selected(flt)
        with read_transaction(self.store.engine) as conn:
            return {kind: int(selected.rows.size) if kind == "events" and selected is not None else
                    _count(conn, getattr(schema, kind), wheres[kind]) for kind in KINDS}  # fmt: skip

    def facets(self, where: Where = None) -> dict[str, Any]:
        """The selected events counted by type, family, modality, day, ISO week (its Monday), source,
        and their most frequent actors and places."""
        flt = self.filter(where)
        selected = self._selected(flt)
        with read_transaction(self.store.engine) as conn:
            counter = selected or tally.SqlTally(conn, _event_where(flt))
            types, days = counter.by("type"), counter.by("day")
            modality, sources = counter.by("modality"), counter.by("source")
            leaders = tally.leaders(conn, counter)
        families: Counter[str] = Counter()
        for event_type, n in types:
            families[self.vocabulary.family_of(event_type) or "other"] += n
        weeks: Counter[str] = Counter()
        for day, n in days:
            if day is not None:
                weeks[(day - dt.timedelta(days=day.weekday())).isoformat()] += n
        return {
            "type": {t or "": n for t, n in types},
            "family": dict(sorted(families.items())),
            "modality": {m or "": n for m, n in modality},
            "day": {day.isoformat(): n for day, n in days if day is not None},
            "week": dict(sorted(weeks.items())),
            "undated": sum(n for day, n in days if day is None),
            "source": {s or "": n for s, n in sources},
            **leaders,
        }

    def leaders(self, where: Where = None) -> dict[str, list[dict[str, Any]]]:
        """The facets' most frequent actors and places of the selected events, alone."""
        flt = self.filter(where)
        selected = self._selected(flt)
        with read_transaction(self.store.engine) as conn:
            return tally.leaders(conn, selected or tally.SqlTally(conn, _event_where(flt)))

    def timeline(self, where: Where = None) -> dict[str, dict[str, int]]:
        """The selected events counted by day (``date_start``) and type family, days in order."""
        flt = self.filter(where)
        selected = self._selected(flt)
        if selected is not None:
            return selected.timeline(self.vocabulary.family_of)
        out: dict[str, Counter[str]] = defaultdict(Counter)
        with read_transaction(self.store.engine) as conn:
            for day, event_type, n in tally.SqlTally(conn, _event_where(flt)).day_types():
                out[day.isoformat()][self.vocabulary.family_of(event_type) or "other"] += n
        return {day: dict(counts) for day, counts in out.items()}


# --- reading helpers -----------------------------------------------------------------------------


def _after(kind: str, key: sa.Column[Any], cursor: str | None) -> Any:
    """The last key of the page before ``cursor`` (None: the first page); E203 for another list's."""
    after = decode_cursor(kind, cursor)
    if after is not None and isinstance(after, str) != isinstance(key.type, sa.String):
        from dateline.errors import InvalidOption

        raise InvalidOption(f"not a cursor of the {kind} list: {cursor!r}")
    return after


def _quote(row: Any, *, with_speaker: bool) -> dict[str, Any]:
    out = {"document": row.doc_id, "text": row.text, "span": [row.span_start, row.span_end], "cue": row.cue,
           "kind": row.kind}  # fmt: skip
    if with_speaker:
        out.update(speaker=row.speaker, speaker_text=row.speaker_text)
    return out


def _count(conn: sa.Connection, table: sa.Table, conditions: list[sa.ColumnElement[bool]]) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(table).where(*conditions)).scalar_one())


def _evidence(conn: sa.Connection, owner: str, keys: list[int]) -> dict[int, list[Mention]]:
    ev = schema.evidence
    out: dict[int, list[Mention]] = defaultdict(list)
    if keys:
        column = ev.c[owner]
        query = sa.select(ev).where(column.in_(keys)).order_by(column, ev.c.position)
        for row in conn.execute(query).mappings():
            out[row[owner]].append(mention(row))
    return out


def _places(conn: sa.Connection, ids: set[str]) -> dict[str, dict[str, Any]]:
    p = schema.places
    if not ids:
        return {}
    rows = conn.execute(sa.select(p).where(p.c.id.in_(sorted(ids)))).mappings()
    return {row["id"]: views.place_dict(row) for row in rows}
