"""A filter as a user types it, checked and resolved into the store's :class:`RecordFilter`.

The CLI's options and the API's query parameters fill one :class:`Criteria`; bad values are
coded errors before any query runs: a date that is not ISO (E202), a malformed box, an unknown
modality (E203), an actor, place or event type nobody knows (E204).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from dateline.errors import InvalidOption
from dateline.query.names import Vocabulary
from dateline.store import RecordFilter
from dateline.store.queries import BoundingBox, iso_date

#: Every modality an event or relation can have (docs/record.md).
MODALITIES = (
    "asserted", "reported", "alleged", "claimed", "denied", "believed", "planned", "hypothetical", "negated",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Criteria:
    """What to select, as typed: ``actor`` an id or any name of an actor (case aside); ``place`` a
    place id or name, with everything inside it; ``bbox`` "west,south,east,north"; ``type`` an
    event type, a family of types ("violence") or an ACLED or PLOVER type; ``since``/``until`` ISO
    dates the event's date overlaps; ``modality``; ``source`` the document's source; ``document``
    a document id."""

    actor: str | None = None
    place: str | None = None
    bbox: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    modality: str | None = None
    source: str | None = None
    document: str | None = None

    def resolve(self, vocabulary: Vocabulary) -> RecordFilter:
        """The store filter these criteria mean (coded errors for bad values)."""
        for value in (self.since, self.until):
            if value is not None:
                iso_date(value)
        return RecordFilter(
            ids=[self.document] if self.document is not None else None,
            actor=vocabulary.actor_ids(self.actor) if self.actor is not None else None,
            areas=vocabulary.areas(self.place) if self.place is not None else None,
            bbox=parse_bbox(self.bbox) if self.bbox is not None else None,
            event_type=vocabulary.event_types(self.type) if self.type is not None else None,
            since=self.since,
            until=self.until,
            modality=parse_modality(self.modality) if self.modality is not None else None,
            source=self.source,
        )


def parse_bbox(text: str) -> BoundingBox:
    """``"west,south,east,north"`` in degrees (a box across the antimeridian has west > east)."""
    parts = [p.strip() for p in text.split(",")]
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise InvalidOption(
            f"a bounding box is four numbers west,south,east,north (e.g. 60,29,75,38), got {text!r}"
        ) from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise InvalidOption(f"a bounding box needs finite numbers, got {text!r}")
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise InvalidOption(
            f"a bounding box needs -180 <= west, east <= 180 and -90 <= south <= north <= 90, got {text!r}"
        )
    return BoundingBox(west, south, east, north)


def parse_modality(text: str) -> str:
    value = text.strip().lower()
    if value not in MODALITIES:
        raise InvalidOption(f"unknown modality {text!r}; one of: {', '.join(MODALITIES)}")
    return value
