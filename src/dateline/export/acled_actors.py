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
  civilians with no target is against ``Civilians (X)``; unknown attackers of a gang-style killing
  (a drive-by, bound hands) are the country's gang where ACLED codes so (``gang_style``);
* the inter code is the actor's own (``acled_inter``), else its kind's, else the generic actor's.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dateline.actors.nominal import ActorLexicon
from dateline.errors import ConfigError
from dateline.export.countries import Countries
from dateline.export.view import RecordView
from dateline.lexicon import Lexicon
from dateline.records import Actor, Event
from dateline.text import normalise


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
        self.sides: dict[str, dict[str, Any]] = d.get("sides", {})
        self.inter_by_kind: dict[str, int] = {k: int(v) for k, v in d.get("inter_by_kind", {}).items()}
        foreign = d.get("foreign_state_forces", {})
        self.foreign_state_inter: int | None = int(foreign["inter"]) if foreign.get("inter") else None
        self.state_inters: frozenset[int] = frozenset(int(i) for i in foreign.get("inters", ()))
        self.state_kinds: frozenset[str] = frozenset(foreign.get("kinds", ()))
        self.weak_kinds: frozenset[str] = frozenset(d.get("weak_kinds", ()))
        self.agent_kinds: frozenset[str] = frozenset(d.get("agent_kinds", ()))
        cues = [str(w) for w in d.get("agent_cues", ("by",))]
        self.agent_cue = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(w) for w in cues) + r")\s+(?:[\w'-]+\s+){0,3}$", re.IGNORECASE
        )
        self.not_associated_kinds: frozenset[str] = frozenset(d.get("not_associated_kinds", ()))
        self.unnamed_actors: list[tuple[str, re.Pattern[str]]] = [
            (key, pattern)
            for key, words in d.get("unnamed_actors", {}).items()
            if (pattern := _words_pattern(words)) is not None
        ]
        self.operations: list[dict[str, Any]] = [dict(o) for o in d.get("operations", ())]
        self.descriptor_names: list[dict[str, Any]] = [dict(r) for r in d.get("descriptor_names", ())]
        gang_style = d.get("gang_style", {})
        self.gang_style_pattern = _words_pattern(gang_style.get("words", ()))
        self.gang_style_countries: dict[str, str] = {
            k.upper(): v for k, v in gang_style.get("countries", {}).items()
        }
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
            *(v for rule in self.sides.values() for v in rule.values() if isinstance(v, str) and v),
            *(key for key, _ in self.unnamed_actors),
            *self.gang_style_countries.values(),
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

    def __init__(
        self, conventions: AcledConventions | None = None, countries: Countries | None = None
    ) -> None:
        self.conv = conventions if conventions is not None else AcledConventions.default()
        self.countries = countries if countries is not None else Countries.load()
        self._ethnic: set[str] | None = None

    # --- names -----------------------------------------------------------------------------------------

    def generic_name(self, key: str, country: str | None) -> str:
        """A generic actor's name for the country (ISO code); without one, the name without it."""
        return self._with_country(str(self.conv.generic[key]["name"]), country)

    def _with_country(self, template: str, country: str | None) -> str:
        """``template`` with ``{country}`` filled by the country's ACLED name, or left out without one."""
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
        if actor.registered is False and actor.kind == "militant_group":
            described = self._descriptor_name(actor.name, country or actor.country_code)
            if described is not None:
                return described
        if actor.kind == "state" and actor.country_code:
            violent = event.acled_event_type in self.conv.violent_types
            key = self.conv.state_actor.get("violent" if violent else "other")
            if key is not None:
                return self.generic_name(key, actor.country_code)
        # a movement ACLED names by the country it fights in ("Islamic State ({country})")
        return self._with_country(actor.acled_name or actor.name, country or actor.country_code)

    def _descriptor_name(self, name: str, country: str | None) -> str | None:
        """ACLED's name for a group the text describes without naming ("Fulani militia": ``Fulani Ethnic
        Militia (Nigeria)``; "Islamic militants": ``Islamist Militia (Mozambique)``), by the conventions'
        ``descriptor_names``; the ethnic words are the actor lexicon's."""
        words = name.replace("-", " ").split()
        lowered = [w.lower() for w in words]
        country_name = self.countries.name(country) if country else None
        for rule in self.conv.descriptor_names:
            vocabulary = (
                self._ethnic_words() if rule.get("words_from") == "ethnic" else set(rule.get("words", ()))
            )
            hit = next((w for w, low in zip(words, lowered, strict=True) if low in vocabulary), None)
            if hit is not None and country_name:
                return str(rule["name"]).replace("{word}", hit).replace("{country}", country_name)
        return None

    def _ethnic_words(self) -> set[str]:
        if self._ethnic is None:
            table = ActorLexicon.default_data().get("groups", {}).get("modifiers", {}).get("ethnic", {})
            self._ethnic = {str(w).lower() for w in table.get("words", ())}
        return self._ethnic

    def inter(self, actor: Actor, country: str | None = None) -> int | None:
        """The actor's inter code: its own, else its generic actor's, else its kind's; a state's forces
        acting outside their state (``country`` being the event's) are external forces."""
        generic = self._generic_key(actor)
        if actor.acled_inter is not None:
            inter: int | None = int(actor.acled_inter)
        elif generic is not None:
            inter = int(self.conv.generic[generic]["inter"])
        else:
            inter = self.conv.inter_by_kind.get(actor.kind)
        foreign = self.conv.foreign_state_inter
        if (
            foreign is not None
            and generic is None
            and inter in self.conv.state_inters
            and actor.kind in self.conv.state_kinds
            and country
            and actor.country_code
            and actor.country_code.upper() != country.upper()
        ):
            return foreign
        return inter

    def side(self, actors: Sequence[Actor], event: Event, country: str | None) -> Side:
        """The first actor as the side's actor, the others as its associated actors."""
        if not actors:
            return Side()
        names = _unique(self.name(a, event, country) for a in actors)
        return Side(names[0], self.inter(actors[0], country), tuple(names[1:]))

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

    def _unnamed(self, view: RecordView, event: Event) -> list[tuple[int, str]]:
        """The generic actors the event's sentences speak of without naming them, with where, in the
        order they speak of them: state forces without their state ("soldiers"), unknown attackers
        ("gunmen"), a gang. Words inside or right after a named actor ("Israeli forces", "Al Shabaab
        militants") are the named actor's, not another."""
        named = [m.span for a in view.record.actors for m in a.mentions]
        text = view.record.text
        found: list[tuple[int, str]] = []
        for mention in event.evidence:
            base = mention.span[0]
            for key, pattern in self.conv.unnamed_actors:
                for match in pattern.finditer(mention.text):
                    start, end = base + match.start(), base + match.end()
                    if any(
                        s < end and start < e or (e <= start and not text[e:start].strip()) for s, e in named
                    ):
                        continue
                    found.append((start, key))
        return sorted(found)

    def _may_act(self, view: RecordView, event: Event, start: int) -> bool:
        """Whether words at ``start`` may name who acted: they come before the event's trigger word
        (the subject: "gunmen killed ..."), or after "by" (the agent of a passive: "... killed by
        gunmen"); words after the trigger are who it was done to ("a bomb hit a police patrol")."""
        trigger = event.trigger
        if trigger is None or start < trigger.span[0] or self._heads_sentence(view, event):
            return True
        return self.conv.agent_cue.search(view.record.text[max(0, start - 40) : start]) is not None

    @staticmethod
    def _heads_sentence(view: RecordView, event: Event) -> bool:
        """Whether the trigger word opens its sentence or heads it ("Looting: ..."), so that what follows
        is not what was done to someone."""
        trigger = event.trigger
        if trigger is None:
            return False
        start, end = trigger.span
        opens = any(
            not view.record.text[s:start].strip() for s, e in view.evidence_spans(event) if s <= start < e
        )
        return opens or view.record.text[end : end + 1] == ":"

    def _rule(self, event: Event) -> dict[str, Any]:
        rule = dict(self.conv.sides.get(event.acled_event_type or "", {}))
        rule.update(self.conv.sides.get(event.acled_sub_event_type or "", {}))
        return rule

    def sides(self, view: RecordView, event: Event, country: str | None) -> AcledSides:
        """ACLED's two sides of ``event``, ``country`` being the ISO code of the event's country."""
        actors = self._ranked(self._usable(a for i in event.actors if (a := view.actor(i)) is not None))
        targets = self._ranked(self._usable(a for i in event.targets if (a := view.actor(i)) is not None))
        rule = self._rule(event)
        text = view.evidence_text(event)
        unnamed = self._unnamed(view, event)
        if rule.get("two_sided") and not targets and len(actors) > 1:
            actors, targets = actors[:1], actors[1:2]
        side2 = Side()
        if rule.get("actor2"):
            side2 = self._fixed_side(rule["actor2"], targets, event, country, text)
        elif targets:
            side2 = self.side(targets, event, country)
        if rule.get("actor1"):
            side1 = self._fixed_side(rule["actor1"], actors, event, country, text)
        elif actors:
            side1 = self.side(actors, event, country)
        else:
            two_sided = bool(rule.get("two_sided"))
            acting = [
                (start, key) for start, key in unnamed if two_sided or self._may_act(view, event, start)
            ]
            side1 = self._found_side(
                view, event, set(event.targets), acting, country, rule.get("actor1_default"),
                besides=side2.actor, acting=not two_sided,
            )  # fmt: skip
        side1 = self._gang_style(side1, view, event, country)
        side1, side2 = (
            self._operation(side1, view, event, country),
            self._operation(side2, view, event, country),
        )
        if side2.actor is None and rule.get("actor2_from_text"):
            excluded = set() if rule.get("actor1") else {*event.actors}
            side2 = self._found_side(
                view, event, excluded, unnamed, country, rule.get("actor2_default"), besides=side1.actor
            )
        elif side2.actor is None and rule.get("actor2_default"):
            side2 = self.generic_side(rule["actor2_default"], country)
        return AcledSides(side1, side2)

    def _operation(self, side: Side, view: RecordView, event: Event, country: str | None) -> Side:
        """A state's forces abroad under a named operation are ACLED's operation actor ("Military Forces of
        Saudi Arabia" in Yemen since April 2015: ``Operation Restoring Hope``), by the conventions'
        ``operations`` (the forces' ACLED name, the countries and, optionally, admin1s, the first day)."""
        if side.actor is None or not self.conv.operations:
            return side
        place = view.place(event.place)
        admin1 = normalise(place.admin1) if place is not None and place.admin1 else None
        day = (event.date.start if event.date is not None else None) or str(view.record.published or "")[:10]
        for op in self.conv.operations:
            if side.actor != op["forces"] or (country or "").upper() not in op["countries"]:
                continue
            if op.get("admin1") and admin1 not in {normalise(a) for a in op["admin1"]}:
                continue
            if day and op.get("since") and day < op["since"]:
                continue
            return Side(str(op["name"]), int(op.get("inter", 8)), (side.actor, *side.assoc))
        return side

    def _gang_style(self, side: Side, view: RecordView, event: Event, country: str | None) -> Side:
        """Unknown attackers of a gang-style killing ("a drive-by shooting", "the body was found with its
        hands tied", told anywhere in the event's paragraph) are the country's gang actor where ACLED
        codes such killings so (Mexico's ``Unidentified Gang``, Brazil's ``Unidentified Gang and/or
        Police Militia``)."""
        key = self.conv.gang_style_countries.get((country or "").upper())
        pattern = self.conv.gang_style_pattern
        if key is None or pattern is None or event.acled_event_type not in self.conv.violent_types:
            return side
        if side.actor != self.generic_name("unidentified", country) or not pattern.search(
            view.paragraph_text(event)
        ):
            return side
        return self.generic_side(key, country, side.assoc)

    def _fixed_side(self, key: str, named: list[Actor], event: Event, country: str | None, text: str) -> Side:
        """ACLED's generic actor ``key`` as the side; the named actors (but generic ones and state
        forces) and the groups the text names go to its associated actors."""
        name = self.generic_name(key, country)
        assoc = [
            self.name(a, event, country)
            for a in named
            if a.kind not in self.conv.not_associated_kinds and self._generic_key(a) is None
        ]
        return self.generic_side(
            key, country, [n for n in _unique([*assoc, *self.groups(text, country)]) if n != name]
        )

    def _found_side(
        self,
        view: RecordView,
        event: Event,
        excluded: set[str],
        unnamed: list[str],
        country: str | None,
        default: str | None,
        besides: str | None = None,
        acting: bool = False,
    ) -> Side:
        """A side the event does not name, found in the text: an armed actor the record names in the
        event's sentences; failing that, an unnamed one they speak of (``unnamed``); failing that, an
        armed actor named earlier in the paragraph; failing that, the ``default`` generic actor.
        Never ``besides`` (the other side); ``acting``: only words that may name who acted."""

        def agents(found: Iterable[Actor]) -> list[Actor]:
            return [
                a
                for a in found
                if a.id not in excluded
                and a.kind in self.conv.agent_kinds
                and self.name(a, event, country) != besides
            ]

        spans = view.evidence_spans(event)
        named = [
            a
            for a in agents(view.actors_in(event))
            if not acting
            or any(
                s <= m.span[0] < e and self._may_act(view, event, m.span[0])
                for m in a.mentions
                for s, e in spans
            )
        ]
        if named:
            return self.side(named[:1], event, country)
        keys = [key for _, key in unnamed if self.generic_name(key, country) != besides]
        if keys:
            return self.generic_side(keys[0], country)
        before = agents(view.actors_before(event))
        if before:
            return self.side(before[:1], event, country)
        return self.generic_side(default, country) if default else Side()


def _unique(names: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for name in names:
        if name and name not in seen:
            seen.append(name)
    return seen
