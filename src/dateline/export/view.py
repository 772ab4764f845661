"""One record seen from its events: places and actors by id, and what lies inside an event's sentences.

:class:`RecordView` is how the exporters read a record: :meth:`~RecordView.place` and
:meth:`~RecordView.actor` by id, the actors and places the text names inside an event's evidence
(:meth:`~RecordView.actors_in`, :meth:`~RecordView.places_in`), and the country the event happened
in (:meth:`~RecordView.event_country`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from dateline.records import Actor, Event, Mention, Place, Record

#: GeoNames feature codes of a country (independent, dependent, semi-independent, ...).
COUNTRY_FEATURE_PREFIX = "PCL"


def _inside(mentions: Iterable[Mention], spans: list[tuple[int, int]]) -> int | None:
    """The start of the first mention that lies inside one of ``spans``, or None."""
    starts = [m.span[0] for m in mentions if any(s <= m.span[0] and m.span[1] <= e for s, e in spans)]
    return min(starts) if starts else None


class RecordView:
    """One record's places and actors by id."""

    def __init__(self, record: Record) -> None:
        self.record = record
        self.places = {p.id: p for p in record.places}
        self.actors = {a.id: a for a in record.actors}

    def place(self, place_id: str | None) -> Place | None:
        return self.places.get(place_id) if place_id is not None else None

    def actor(self, actor_id: str | None) -> Actor | None:
        return self.actors.get(actor_id) if actor_id is not None else None

    def actor_name(self, actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        actor = self.actors.get(actor_id)
        return str(actor.name or actor_id) if actor else str(actor_id)

    def actor_kind(self, actor_id: str | None) -> str | None:
        actor = self.actor(actor_id)
        return actor.kind if actor else None

    @staticmethod
    def evidence_spans(event: Event) -> list[tuple[int, int]]:
        return [(m.span[0], m.span[1]) for m in event.evidence]

    @staticmethod
    def evidence_text(event: Event) -> str:
        return " ".join(m.text for m in event.evidence)

    def paragraph_text(self, event: Event) -> str:
        """The paragraph (newline to newline) holding the event's sentences."""
        spans = self.evidence_spans(event)
        if not spans:
            return ""
        text = self.record.text
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        stop = text.find("\n", end)
        return text[text.rfind("\n", 0, start) + 1 : stop if stop >= 0 else len(text)]

    def actors_in(self, event: Event) -> list[Actor]:
        """The record's actors named inside the event's sentences, in the order the text names them."""
        spans = self.evidence_spans(event)
        found = [(start, a) for a in self.record.actors if (start := _inside(a.mentions, spans)) is not None]
        return [a for _, a in sorted(found, key=lambda pair: pair[0])]

    def actors_before(self, event: Event) -> list[Actor]:
        """The record's actors named earlier in the paragraph of the event's first sentence, the
        nearest first."""
        spans = self.evidence_spans(event)
        if not spans:
            return []
        start = min(s for s, _ in spans)
        paragraph = self.record.text.rfind("\n", 0, start) + 1
        found = [
            (max(m.span[0] for m in a.mentions if paragraph <= m.span[0] and m.span[1] <= start), a)
            for a in self.record.actors
            if any(paragraph <= m.span[0] and m.span[1] <= start for m in a.mentions)
        ]
        return [a for _, a in sorted(found, key=lambda pair: -pair[0])]

    def places_in(self, event: Event) -> list[Place]:
        """The record's places named inside the event's sentences, in the order the text names them."""
        spans = self.evidence_spans(event)
        found = [(start, p) for p in self.record.places if (start := _inside(p.mentions, spans)) is not None]
        return [p for _, p in sorted(found, key=lambda pair: pair[0])]

    def event_country(self, event: Event) -> str | None:
        """The ISO code of the country the event happened in: its place's; failing that its origin's
        or destination's; a country its sentences name (or the country of a place they name); the
        dateline's; the country the record's places name most often; the country of a registered actor
        of the event; the country of the record's registered actors named most often."""
        for place_id in (event.place, event.origin, event.destination):
            place = self.place(place_id)
            if place is not None and place.country_code:
                return place.country_code
        named = [p for p in self.places_in(event) if p.country_code]
        for place in named:
            if str(place.feature or "").startswith(COUNTRY_FEATURE_PREFIX):
                return place.country_code
        if named:
            return named[0].country_code
        dateline = self.record.dateline
        if dateline is not None:
            spans = [dateline.full_span or dateline.span]
            for place in self.record.places:
                if place.country_code and _inside(place.mentions, spans) is not None:
                    return place.country_code
        mentions = Counter[str]()
        for place in self.record.places:
            if place.country_code:
                mentions[place.country_code] += len(place.mentions) or 1
        if mentions:
            return mentions.most_common(1)[0][0]
        for actor_id in (*event.actors, *event.targets):
            actor = self.actor(actor_id)
            if actor is not None and actor.registered and actor.country_code:
                return actor.country_code
        states = Counter[str]()
        for actor in self.record.actors:
            if actor.registered and actor.country_code:
                states[actor.country_code] += len(actor.mentions) or 1
        return states.most_common(1)[0][0] if states else None
