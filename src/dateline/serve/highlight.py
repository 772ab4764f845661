"""A document's text cut into pieces, each fact it holds marked at its character span.

:func:`annotations` lists every fact of a record (places, actors, events, relations, quantities,
dates, quotes, attributions, hedges) with its span and its reading (the words a hover shows);
:func:`pieces` turns them into a flat run of ``open``/``text``/``close`` pieces that the document
template renders with autoescaping, so the text itself never becomes markup. Spans that cross are
closed and reopened so the marks always nest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: The kinds of fact a document view marks, in the order a legend lists them.
KINDS = ("event", "place", "actor", "quantity", "date", "quote", "attribution", "hedge", "relation")


@dataclass(frozen=True, slots=True)
class Annotation:
    start: int
    end: int
    kind: str
    key: str  # the fact's id in the page (an event's id, a place's id, ...)
    title: str


@dataclass(frozen=True, slots=True)
class Piece:
    """``open`` (a mark starts: kind, key, title, anchor), ``text``, or ``close``."""

    op: str
    text: str = ""
    kind: str = ""
    key: str = ""
    title: str = ""
    anchor: str = ""


def annotations(record: Mapping[str, Any]) -> list[Annotation]:
    """Every marked fact of ``record`` (a record dict, docs/record.md) with its reading."""
    out: list[Annotation] = []
    places = {p.get("id"): p for p in record.get("places") or []}

    def add(span: Any, kind: str, key: str, title: str) -> None:
        if isinstance(span, list | tuple) and len(span) == 2 and span[0] is not None and span[1] is not None:
            out.append(Annotation(int(span[0]), int(span[1]), kind, key, title))

    for place in record.get("places") or []:
        for mention in place.get("mentions") or []:
            add(mention.get("span"), "place", str(place.get("id")), place_reading(place))
    for actor in record.get("actors") or []:
        for mention in actor.get("mentions") or []:
            add(mention.get("span"), "actor", str(actor.get("id")), actor_reading(actor))
    for event in record.get("events") or []:
        for evidence in event.get("evidence") or []:
            add(evidence.get("span"), "event", str(event.get("id")), event_reading(event, places))
    for relation in record.get("relations") or []:
        trigger = relation.get("trigger") or {}
        add(trigger.get("span"), "relation", str(relation.get("id")),
            f"relation: {relation.get('subject')} {relation.get('predicate')} {relation.get('object')}"
            f" · modality {relation.get('modality')}")  # fmt: skip
    for i, quantity in enumerate(record.get("quantities") or []):
        add(quantity.get("span"), "quantity", f"q{i}", quantity_reading(quantity))
    for i, date in enumerate(record.get("dates") or []):
        add(date.get("span"), "date", f"d{i}", f"date: {interval(date)} ({date.get('precision')})")
    for i, quote in enumerate(record.get("quotes") or []):
        speaker = quote.get("speaker") or "unresolved"
        add(quote.get("span"), "quote", f"s{i}",
            f"quote ({quote.get('kind')}) by {quote.get('speaker_text')} → {speaker}; cue {quote.get('cue')}")
    for i, said in enumerate(record.get("attributions") or []):
        add(said.get("span"), "attribution", f"a{i}",
            f"attribution: {said.get('source_text')} → {said.get('source') or 'unresolved'}")
    for i, hedge in enumerate(record.get("hedges") or []):
        add(hedge.get("span"), "hedge", f"h{i}", f"hedge: modality {hedge.get('modality')}")
    return out


def pieces(text: str, marks: Iterable[Annotation]) -> list[Piece]:
    """``text`` as pieces with every mark opened and closed around its span, properly nested."""
    starts: dict[int, list[Annotation]] = defaultdict(list)
    bounds = {0, len(text)}
    for mark in marks:
        start, end = max(0, mark.start), min(len(text), mark.end)
        if start < end:
            starts[start].append(Annotation(start, end, mark.kind, mark.key, mark.title))
            bounds.update((start, end))
    out: list[Piece] = []
    stack: list[Annotation] = []
    anchored: set[tuple[str, str]] = set()
    position = 0
    for bound in sorted(bounds):
        if bound > position:
            out.append(Piece("text", text[position:bound]))
            position = bound
        if any(m.end == bound for m in stack):
            reopen = []
            while any(m.end == bound for m in stack):
                mark = stack.pop()
                out.append(Piece("close"))
                if mark.end != bound:
                    reopen.append(mark)
            for mark in reversed(reopen):
                out.append(_open(mark, anchored))
                stack.append(mark)
        for mark in sorted(starts.get(bound, ()), key=lambda m: (-m.end, KINDS.index(m.kind))):
            out.append(_open(mark, anchored))
            stack.append(mark)
    return out


def _open(mark: Annotation, anchored: set[tuple[str, str]]) -> Piece:
    anchor = ""
    if mark.kind == "event" and (mark.kind, mark.key) not in anchored:
        anchored.add((mark.kind, mark.key))
        anchor = f"event-{mark.key}"
    return Piece("open", kind=mark.kind, key=mark.key, title=mark.title, anchor=anchor)


def interval(date: Mapping[str, Any] | None) -> str:
    date = date or {}
    start, end = date.get("start"), date.get("end")
    if not start:
        return "undated"
    return start if not end or end == start else f"{start} – {end}"


def place_reading(place: Mapping[str, Any]) -> str:
    units = (place.get("admin2"), place.get("admin1"), place.get("country_code"))
    where = ", ".join(str(p) for p in units if p)
    point = (f"{place['lat']:.4f}, {place['lon']:.4f}"
             if place.get("lat") is not None and place.get("lon") is not None else "no point")  # fmt: skip
    return f"place {place.get('id')}: {place.get('name')} ({place.get('feature')}; {where}) at {point}"


def actor_reading(actor: Mapping[str, Any]) -> str:
    return f"actor {actor.get('id')}: {actor.get('name')} ({actor.get('kind')}, {actor.get('country_code')})"


def quantity_reading(quantity: Mapping[str, Any]) -> str:
    low, high, best = quantity.get("low"), quantity.get("high"), quantity.get("best")
    bounds = ""
    if low != high:
        bounds = f" ({low if low is not None else '…'}–{high if high is not None else '…'})"
    unit = quantity.get("unit") or ""
    return f"quantity: {best}{bounds} {unit} {quantity.get('qualifier') or ''}".rstrip()


def event_reading(event: Mapping[str, Any], places: Mapping[Any, Mapping[str, Any]]) -> str:
    place = places.get(event.get("place")) or {}
    parts = [f"event {event.get('id')}: {event.get('type')}",
             f"at {place.get('name') or event.get('place') or 'no place'}",
             f"date {interval(event.get('date'))}",
             f"modality {event.get('modality')}"]  # fmt: skip
    if event.get("actors"):
        parts.append("actors " + ", ".join(event["actors"]))
    if event.get("targets"):
        parts.append("targets " + ", ".join(event["targets"]))
    for key in ("fatalities", "injured"):
        count = event.get(key)
        if count:
            parts.append(f"{key} {count.get('best')}")
    origin, destination = event.get("origin"), event.get("destination")
    if origin or destination:
        parts.append(f"from {origin or '?'} to {destination or '?'}")
    said = event.get("attribution")
    if isinstance(said, Mapping):
        parts.append(f"according to {said.get('source_text') or said.get('source')}")
    return " · ".join(parts)
