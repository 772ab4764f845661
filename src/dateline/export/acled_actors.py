"""ACLED's actor columns of one event: actor1/2, their associated actors and inter codes.

The record says who acted (``event.actors``) and against whom (``event.targets``), and each actor's
registry facts (``acled_name``, ``acled_inter``, ``kind``). :class:`AcledActorCoder` turns these
into ACLED's columns with ACLED's conventions (codebook), held as data in ``data/acled_actors.json``
(:class:`AcledConventions`):

* a named actor is written by its ACLED name (``acled_name``, else ``name``); ACLED's generic actors
  (protesters, rioters, civilians, unidentified armed groups) by the event's country:
  ``Protesters (Chile)``; a state named as an actor by its forces (``Military Forces of Iran``) in a
  violent event, by its government otherwise;
* in a protest or riot, actor1 is always the crowd (``Protesters (X)``, ``Rioters (X)``); the named
  groups taking part and the groups the sentence says the crowd came from ("nurses" ->
  ``Health Workers (X)``) go to ``assoc_actor_1``;
* when the event names no actor, one the record names in the event's own sentences stands in (armed
  kinds only); failing that, state forces the sentence names without naming the state
  ("soldiers", "police": the event's country's), a gang when the sentence speaks of one, and
  otherwise the event type's default (``Unidentified Armed Group (X)``); a violence against
  civilians with no target is against ``Civilians (X)``;
* the inter code is the actor's own (``acled_inter``), else its kind's, else the generic actor's.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dateline.errors import ConfigError
from dateline.export.countries import Countries
from dateline.export.view import RecordView
from dateline.lexicon import Lexicon
from dateline.records import Actor, Event


@dataclass(frozen=True, slots=True)
class Side:
    """One side of an ACLED event: its actor, inter code and associated actors."""

    actor: str | None = None
    inter: int | None = None
    assoc: tuple[str, ...] = ()

    @property
    def assoc_text(self) -> str | None:
        return "; ".join(self.assoc) or None


@dataclass(frozen=True, slots=True)
class AcledSides:
    """Both sides of an ACLED event."""

    side1: Side
    side2: Side

    @property
    def interaction(self) -> int | None:
        """ACLED's two-digit interaction code: the two inter codes, smaller first; ``x0`` for a sole actor."""
        return interaction(self.side1.inter, self.side2.inter)


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _words_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern matching any of ``words`` as whole words, longest first."""
    ordered = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in ordered) + r")(?!\w)", re.IGNORECASE)


class AcledConventions(Lexicon):
    """The data of ``acled_actors.json``: ACLED's generic actors and the words that call for them."""

    package = "dateline.export"
    resource = "acled_actors.json"
    what = "ACLED conventions"

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data: dict[str, Any] = copy.deepcopy(dict(data))
        d = self.data
        self.generic: dict[str, dict[str, Any]] = d["generic_actors"]
        self.generic_by_kind: dict[str, str] = d.get("generic_by_kind", {})
        self.generic_by_prefix: dict[str, str] = d.get("generic_by_prefix", {})
        self.state_actor: dict[str, str] = d.get("state_actor", {})
        self.violent_types: frozenset[str] = frozenset(d.get("violent_event_types", ()))
        self.crowd_types: dict[str, str] = d.get("crowd_event_types", {})
        self.by_sub_type: dict[str, dict[str, str]] = d.get("by_sub_event_type", {})
        self.actor1_default: dict[str, str] = d.get("actor1_default", {})
        self.actor2_default: dict[str, str] = d.get("actor2_default", {})
        self.inter_by_kind: dict[str, int] = {k: int(v) for k, v in d.get("inter_by_kind", {}).items()}
        self.weak_kinds: frozenset[str] = frozenset(d.get("weak_kinds", ()))
        self.agent_kinds: frozenset[str] = frozenset(d.get("agent_kinds", ()))
        self.unnamed_actors: list[tuple[str, re.Pattern[str]]] = [
            (key, pattern)
            for key, words in d.get("unnamed_actors", {}).items()
            if (pattern := _words_pattern(words)) is not None
        ]
        self.group_patterns: list[tuple[str, re.Pattern[str]]] = [
            (str(entry["name"]), pattern)
            for entry in d.get("group_words", ())
            if (pattern := _words_pattern(entry["words"])) is not None
        ]
        self._check()

    def _check(self) -> None:
        for key, spec in self.generic.items():
            if "name" not in spec or "inter" not in spec:
                raise ConfigError(f"ACLED conventions: generic actor {key!r} needs a name and an inter code")
        used = {
            *self.generic_by_kind.values(),
            *self.generic_by_prefix.values(),
            *self.state_actor.values(),
            *self.crowd_types.values(),
            *self.actor1_default.values(),
            *self.actor2_default.values(),
            *(v for rule in self.by_sub_type.values() for v in rule.values()),
            *(key for key, _ in self.unnamed_actors),
        }
        unknown = sorted(used - set(self.generic))
        if unknown:
            raise ConfigError(f"ACLED conventions: unknown generic actor(s) {', '.join(unknown)}")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AcledConventions:
        return cls(data)

    def to_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self.data)


class AcledActorCoder:
    """ACLED's actor columns of events, with ACLED's conventions (:class:`AcledConventions`)."""

    def __init__(self, conventions: AcledConventions | None = None, countries: Countries | None = None) -> None:
        self.conv = conventions if conventions is not None else AcledConventions.default()
        self.countries = countries if countries is not None else Countries.load()

    # --- names -----------------------------------------------------------------------------------------

    def generic_name(self, key: str, country: str | None) -> str:
        """A generic actor's name for the country (ISO code); without one, the name without it."""
        template = str(self.conv.generic[key]["name"])
        name = self.countries.name(country) if country else None
        if name:
            return template.replace("{country}", name)
        return template.replace(" ({country})", "").replace(" of {country}", "").replace("{country}", "")

    def generic_side(self, key: str, country: str | None, assoc: Sequence[str] = ()) -> Side:
        return Side(self.generic_name(key, country), int(self.conv.generic[key]["inter"]), tuple(assoc))

    def _generic_key(self, actor: Actor) -> str | None:
        key = self.conv.generic_by_kind.get(actor.kind)
        if key is not None:
            return key
        name = actor.acled_name or actor.name
        for prefix, key in self.conv.generic_by_prefix.items():
            if name.startswith(prefix):
                return key
        return None

    def name(self, actor: Actor, event: Event, country: str | None) -> str:
        """The actor as ACLED writes it in this event."""
        generic = self._generic_key(actor)
        if generic is not None:
            return self.generic_name(generic, country or actor.country_code)
        if actor.kind == "state" and actor.country_code:
            violent = event.acled_event_type in self.conv.violent_types
            key = self.conv.state_actor.get("violent" if violent else "other")
            if key is not None:
                return self.generic_name(key, actor.country_code)
        return actor.acled_name or actor.name

    def inter(self, actor: Actor) -> int | None:
        if actor.acled_inter is not None:
            return int(actor.acled_inter)
        generic = self._generic_key(actor)
        if generic is not None:
            return int(self.conv.generic[generic]["inter"])
        return self.conv.inter_by_kind.get(actor.kind)

    def side(self, actors: Sequence[Actor], event: Event, country: str | None) -> Side:
        """The first actor as the side's actor, the others as its associated actors."""
        if not actors:
            return Side()
        names = _unique(self.name(a, event, country) for a in actors)
        return Side(names[0], self.inter(actors[0]), tuple(names[1:]))

    # --- the event's sides -----------------------------------------------------------------------------

    def _usable(self, actors: Iterable[Actor]) -> list[Actor]:
        """Actors that may stand as a side: not of a weak kind unless registered."""
        return [a for a in actors if a.kind not in self.conv.weak_kinds or a.registered]

    def _ranked(self, actors: list[Actor]) -> list[Actor]:
        """Registered actors before the others, each in the event's order."""
        return sorted(actors, key=lambda a: not a.registered)

    def groups(self, text: str, country: str | None) -> list[str]:
        """ACLED's associated-actor names of the groups ``text`` names ("nurses" -> Health Workers (X)),
        in the order it names them; where words overlap the longest wins."""
        found: list[tuple[int, int, str]] = []
        for name, pattern in self.conv.group_patterns:
            found.extend((m.start(), m.end(), name) for m in pattern.finditer(text))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        names: list[str] = []
        end = -1
        for start, stop, name in found:
            if start < end:
                continue
            end = stop
            names.append(name)
        country_name = self.countries.name(country) if country else None
        rendered = [
            n.replace("{country}", country_name) if country_name else n.replace(" ({country})", "")
            for n in names
        ]
        return _unique(rendered)

    def _unnamed(self, text: str) -> str | None:
        """The generic actor of the first unnamed actor ``text`` speaks of: state forces without their
        state ("soldiers"), unknown attackers ("gunmen"), a gang."""
        best: tuple[int, str] | None = None
        for key, pattern in self.conv.unnamed_actors:
            match = pattern.search(text)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), key)
        return best[1] if best else None

    def sides(self, view: RecordView, event: Event, country: str | None) -> AcledSides:
        """ACLED's two sides of ``event``, ``country`` being the ISO code of the event's country."""
        conv = self.conv
        event_type, sub_type = event.acled_event_type or "", event.acled_sub_event_type or ""
        actors = [a for i in event.actors if (a := view.actor(i)) is not None]
        targets = [a for i in event.targets if (a := view.actor(i)) is not None]
        text = view.evidence_text(event)
        rule = conv.by_sub_type.get(sub_type, {})
        crowd = conv.crowd_types.get(event_type) if not rule else None
        if crowd is not None:
            named = [self.name(a, event, country) for a in self._usable(actors)]
            crowd_name = self.generic_name(crowd, country)
            assoc = [n for n in _unique([*named, *self.groups(text, country)]) if n != crowd_name]
            side1 = self.generic_side(crowd, country, assoc)
        else:
            side1 = self._acting_side(view, event, actors, targets, text, country, rule)
        side2 = self.side(self._ranked(self._usable(targets)), event, country)
        if side2.actor is None:
            key = rule.get("actor2") or conv.actor2_default.get(event_type)
            if key is not None:
                side2 = self.generic_side(key, country)
        return AcledSides(side1, side2)

    def _acting_side(
        self,
        view: RecordView,
        event: Event,
        actors: list[Actor],
        targets: list[Actor],
        text: str,
        country: str | None,
        rule: Mapping[str, str],
    ) -> Side:
        usable = self._ranked(self._usable(actors))
        if usable:
            return self.side(usable, event, country)
        target_ids = {a.id for a in targets}

        def agents(found: Iterable[Actor]) -> list[Actor]:
            return [a for a in found if a.id not in target_ids and a.kind in self.conv.agent_kinds]

        named = agents(view.actors_in(event))
        if named:
            return self.side(named[:1], event, country)
        key = self._unnamed(text)
        if key is None and (before := agents(view.actors_before(event))):
            return self.side(before[:1], event, country)
        if key is None:
            key = rule.get("actor1_default") or self.conv.actor1_default.get(event.acled_event_type or "")
        return self.generic_side(key, country) if key is not None else Side()


def _unique(names: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for name in names:
        if name and name not in seen:
            seen.append(name)
    return seen
