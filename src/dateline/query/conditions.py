"""The SQL conditions of each list of the read model under a filter (what each selects is written at
the top of :mod:`dateline.query.corpus`)."""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa

from dateline.store import RecordFilter, schema


def event_where(flt: RecordFilter) -> list[sa.ColumnElement[bool]]:
    return flt.event_conditions()


def without_place(flt: RecordFilter) -> RecordFilter:
    return dataclasses.replace(flt, place=None, areas=None, bbox=None)


def place_where(flt: RecordFilter) -> list[sa.ColumnElement[bool]]:
    p, ev = schema.places, schema.events
    out: list[sa.ColumnElement[bool]] = []
    if flt.place is not None:
        out.append(p.c.id == flt.place)
    if flt.areas is not None:
        selects = [area.place_ids() for area in flt.areas]
        out.append(p.c.id.in_(sa.union(*selects)) if len(selects) > 1 else
                   p.c.id.in_(selects[0]) if selects else sa.false())  # fmt: skip
    if flt.bbox is not None:
        out.append(p.c.id.in_(flt.bbox.place_ids()))
    rest = without_place(flt)
    if rest.selects_events:
        at = rest.event_conditions()
        out.append(
            p.c.id.in_(
                sa.union(*(sa.select(ev.c[column]).where(*at) for column in
                           ("place_id", "origin_id", "destination_id")))  # fmt: skip
            )
        )
    elif rest.selects_documents:
        dp, d = schema.doc_places, schema.documents
        docs = sa.select(d.c.id).where(*rest.document_conditions())
        out.append(p.c.id.in_(sa.select(dp.c.place_id).where(dp.c.doc_id.in_(docs))))
    return out


def actor_where(flt: RecordFilter) -> list[sa.ColumnElement[bool]]:
    a, ea, ev = schema.actors, schema.event_actors, schema.events
    out: list[sa.ColumnElement[bool]] = []
    if flt.actor is not None:
        out.append(a.c.id.in_([flt.actor] if isinstance(flt.actor, str) else list(flt.actor)))
    rest = dataclasses.replace(flt, actor=None)
    if rest.selects_events:
        events = sa.select(ev.c.pk).where(*rest.event_conditions())
        out.append(a.c.id.in_(sa.select(ea.c.actor_id).where(ea.c.event_pk.in_(events))))
    elif rest.selects_documents:
        da, d = schema.doc_actors, schema.documents
        docs = sa.select(d.c.id).where(*rest.document_conditions())
        out.append(a.c.id.in_(sa.select(da.c.actor_id).where(da.c.doc_id.in_(docs))))
    return out


def relation_where(flt: RecordFilter) -> list[sa.ColumnElement[bool]]:
    r = schema.relations
    out: list[sa.ColumnElement[bool]] = []
    if flt.actor is not None:
        actors = [flt.actor] if isinstance(flt.actor, str) else list(flt.actor)
        out.append(sa.or_(r.c.subject.in_(actors), r.c.object.in_(actors)))
    if flt.modality is not None:
        out.append(r.c.modality.in_([flt.modality] if isinstance(flt.modality, str) else list(flt.modality)))
    rest = dataclasses.replace(flt, actor=None, modality=None)
    if rest.selects_events or rest.selects_documents:
        d = schema.documents
        out.append(r.c.doc_id.in_(sa.select(d.c.id).where(*rest.conditions())))
    return out
