"""One event being read: an :class:`EventDraft` collects what the readers find before it becomes a dict.

Its trigger tokens (several when "an attack ... that killed" are one event), the verb that carries an
event noun ("launched ... operation", "carried out the attack") and what has been read so far: roles,
place, date, counts (:mod:`dateline.events.arguments`, :mod:`dateline.events.counts`), modality and
attribution (:mod:`dateline.events.modality`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span

from dateline.events.ontology import EventType

__all__ = ["EventDraft"]


@dataclass(slots=True)
class EventDraft:
    """One event being read."""

    tokens: list[int]  # trigger tokens, the primary one first
    etype: EventType
    overrides: dict[str, Any]
    sent: Span
    plover_only: bool = False
    phrase: frozenset[int] = frozenset()  # every token of its trigger phrases ("fired 82mm mortars")
    support: int | None = None  # the verb carrying an event noun
    fields: dict[str, Any] = field(default_factory=dict)
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    victims: set[str] = field(default_factory=set)  # "civilian" / "armed"
    agents: set[str] = field(default_factory=set)  # "armed" / "state"
    sides: set[str] = field(default_factory=set)  # kinds of whom a fight is with ("between X and Y")
    place: dict[str, Any] | None = None
    geo_precision: int | None = None
    origin: str | None = None
    destination: str | None = None
    date: dict[str, Any] | None = None
    date_own: bool = False  # the date is in the trigger's own phrase, not only in its sentence
    time_precision: int | None = None
    fatalities: dict[str, Any] | None = None
    injured: dict[str, Any] | None = None
    breakdown: list[dict[str, Any]] = field(default_factory=list)
    size: dict[str, Any] | None = None
    there: bool = False
    definite: bool = False
    anaphor: bool = False  # a definite word for any incident ("the attack", "the incident"): its counts
    # are the incident's it refers to
    generic: bool = False
    own_place: bool = False
    modality: str = "asserted"
    attribution: dict[str, Any] | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)
    claimed: EventDraft | None = None
    responsibility: list[dict[str, Any]] = field(default_factory=list)  # events.responsibility entries
    backgrounded: bool = False  # tells another event's background or topic ("against the detention of")
    hurts: bool = False  # its trigger is a verb of bodily harm ("beat", "shot"): no mere raid
    casualty_only: bool = False  # read only from "killed"/"wounded": the toll of an incident told elsewhere
    additional: bool = False  # its toll adds to the incident's ("Seven civilians were also injured")
    observed: bool = False  # what monitors observed ("observed 19 explosions"): traces of an incident told
    context: set[str] = field(default_factory=set)

    def opposed(self, kinds: set[str]) -> None:
        """Those the event is against ("clashed with police", "between X and Y") are of ``kinds``."""
        self.victims |= kinds
        self.sides |= kinds

    @property
    def family(self) -> str:
        return self.etype.family

    @property
    def primary(self) -> int:
        return self.tokens[0]
