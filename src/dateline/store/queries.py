"""Which documents a query selects: by id, actor, place, event type, date, source.

:class:`RecordFilter` is the one query layer the store, the CLI and an API
share: it turns into a ``SELECT`` of document keys, every value a bound
parameter. Conditions combine with AND; an empty filter selects everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from dateline.store import schema
from dateline.store.codec import to_date


@dataclass(frozen=True, slots=True)
class RecordFilter:
    """Select documents.

    ``ids``: these document ids. ``actor``: an actor id the document names or
    that takes part (as actor or target) in one of its events. ``place``: a place
    id the document names or where one of its events happened, started or ended.
    ``event_type``: one of its events has this type (ours, ACLED's event or
    sub-event type, or PLOVER's). ``since``/``until`` (ISO dates, inclusive): one
    of its events' dates overlaps the interval. ``published_since``/``published_until``:
    the publication date lies in the interval. ``source``: the document's source.
    """

    ids: Sequence[str] | None = None
    actor: str | None = None
    place: str | None = None
    event_type: str | None = None
    since: str | None = None
    until: str | None = None
    published_since: str | None = None
    published_until: str | None = None
    source: str | None = None

    def conditions(self) -> list[sa.ColumnElement[bool]]:
        d, ev = schema.documents, schema.events
        out: list[sa.ColumnElement[bool]] = []
        if self.ids is not None:
            out.append(d.c.id.in_(list(self.ids)))
        if self.source is not None:
            out.append(d.c.source == self.source)
        if self.published_since is not None:
            out.append(d.c.published >= _date(self.published_since))
        if self.published_until is not None:
            out.append(d.c.published <= _date(self.published_until))
        if self.actor is not None:
            ea, da = schema.event_actors, schema.doc_actors
            in_events = (
                sa.select(ev.c.doc_id).join(ea, ea.c.event_pk == ev.c.pk).where(ea.c.actor_id == self.actor)
            )
            named = sa.select(da.c.doc_id).where(da.c.actor_id == self.actor)
            out.append(sa.or_(d.c.id.in_(named), d.c.id.in_(in_events)))
        if self.place is not None:
            dp = schema.doc_places
            named = sa.select(dp.c.doc_id).where(dp.c.place_id == self.place)
            at = sa.select(ev.c.doc_id).where(
                sa.or_(
                    ev.c.place_id == self.place,
                    ev.c.origin_id == self.place,
                    ev.c.destination_id == self.place,
                )
            )
            out.append(sa.or_(d.c.id.in_(named), d.c.id.in_(at)))
        if self.event_type is not None:
            t = self.event_type
            typed = sa.select(ev.c.doc_id).where(
                sa.or_(
                    ev.c.type == t,
                    ev.c.acled_event_type == t,
                    ev.c.acled_sub_event_type == t,
                    ev.c.plover_event == t,
                )
            )
            out.append(d.c.id.in_(typed))
        if self.since is not None or self.until is not None:
            dated = sa.select(ev.c.doc_id).where(ev.c.date_start.is_not(None))
            if self.since is not None:
                dated = dated.where(sa.func.coalesce(ev.c.date_end, ev.c.date_start) >= _date(self.since))
            if self.until is not None:
                dated = dated.where(ev.c.date_start <= _date(self.until))
            out.append(d.c.id.in_(dated))
        return out

    def select_keys(self, *, after: int = 0, limit: int | None = None) -> sa.Select[tuple[int]]:
        """Document keys (``documents.pk``) in storage order, after ``after``."""
        query = sa.select(schema.documents.c.pk).where(schema.documents.c.pk > after, *self.conditions())
        query = query.order_by(schema.documents.c.pk)
        return query.limit(limit) if limit is not None else query


def _date(value: str) -> dt.date:
    from dateline.errors import InvalidDate

    parsed = to_date(value)
    if parsed is None:
        raise InvalidDate(f"not an ISO date (YYYY-MM-DD): {value!r}")
    return parsed
