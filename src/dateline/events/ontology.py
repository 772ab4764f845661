"""The event ontology: trigger words and phrases mapped to dateline, ACLED and PLOVER event types.

The mapping is data (``dateline/events/data/ontology.json``), not code. A user adds or corrects types
with an extra JSON file of the same shape (``Ontology.load(extra=[path])``, or the ``ontology_path``
setting of the ``dateline_events`` component): a type whose ``id`` is already known replaces the
shipped one, new ids are added, ``refinements`` are appended and ``lexicon`` keys override ours.

A type::

    {"id": "attack", "family": "violence", "refine": true,
     "acled_event_type": "Violence against civilians", "acled_sub_event_type": "Attack",
     "plover_event": "ASSAULT",
     "triggers": [{"lemma": ["attack", "kill"], "pos": ["VERB"]},
                  {"pattern": [{"LEMMA": "open"}, {"LOWER": "fire"}], "anchor": 0}],
     "constraints": {"target": {"needs_object": ["@place", "town"]}}}

A trigger is either lemmas with parts of speech, or a spaCy ``Matcher`` pattern whose token
``anchor`` (default: the last) stands for the event. Conditions (on a trigger or, per lemma, in
``constraints``): ``needs_context`` (a lemma or word among the trigger's neighbours — children,
grandchildren, head and its prepositions; ``@place`` a place mention, ``@named`` a proper name,
``@actor`` an actor mention, ``@number`` a number, ``@doer`` the verb's subject or a passive's "by"
phrase: someone did it), ``needs_object`` (the head noun of the object, ``@event`` another event
trigger), ``needs_object_any``, ``not_object``, ``not_object_any``, ``not_dep``, ``needs_number`` and
``not_governed_by`` (no verb above the trigger, through conjuncts and prepositional phrases, has one
of these lemmas: "recovered two bombs").
ACLED types must be ACLED's six event types and their 25 sub-event types (``acled`` holds the codebook
definitions); PLOVER types must be listed under ``plover``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.errors import ConfigError
from dateline.lexicon import Lexicon, read_json

TYPE_FIELDS = ("type", "acled_event_type", "acled_sub_event_type", "plover_event")


def word_set(section: Mapping[str, Any] | None, key: str) -> frozenset[str]:
    """A word list of a lexicon section (or a rule), lower-cased; empty when absent."""
    return frozenset(str(w).lower() for w in (section or {}).get(key, ()))


@dataclass(frozen=True, slots=True)
class Condition:
    """What the parse around a trigger must (or must not) show for it to stand for an event."""

    needs_context: frozenset[str] = frozenset()
    not_context: frozenset[str] = frozenset()  # none of these among its neighbours ("died of cancer")
    needs_object: frozenset[str] = frozenset()
    needs_object_any: bool = False
    not_object: frozenset[str] = frozenset()
    not_object_any: bool = False
    not_dep: frozenset[str] = frozenset()
    needs_number: str | None = None
    not_governed_by: frozenset[str] = frozenset()  # no head lemma above it (through conj, prep,
    # pobj, appos, compound) among these: "recovered two bombs" is no bombing

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Condition:
        def words(key: str) -> frozenset[str]:
            return frozenset(
                str(w).lower() if not str(w).startswith("@") else str(w) for w in data.get(key, ())
            )

        return cls(
            needs_context=words("needs_context"),
            not_context=words("not_context"),
            needs_object=words("needs_object"),
            needs_object_any=bool(data.get("needs_object_any", False)),
            not_object=words("not_object"),
            not_object_any=bool(data.get("not_object_any", False)),
            not_dep=words("not_dep"),
            needs_number=data.get("needs_number"),
            not_governed_by=words("not_governed_by"),
        )

    def merged(self, other: Condition) -> Condition:
        return Condition(
            needs_context=self.needs_context | other.needs_context,
            not_context=self.not_context | other.not_context,
            needs_object=self.needs_object | other.needs_object,
            needs_object_any=self.needs_object_any or other.needs_object_any,
            not_object=self.not_object | other.not_object,
            not_object_any=self.not_object_any or other.not_object_any,
            not_dep=self.not_dep | other.not_dep,
            needs_number=self.needs_number or other.needs_number,
            not_governed_by=self.not_governed_by | other.not_governed_by,
        )


@dataclass(frozen=True, slots=True)
class EventType:
    """One event type and its places in ACLED's and PLOVER's ontologies."""

    id: str
    family: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    plover_event: str | None
    description: str = ""
    refine: bool = False  # context may change its type (weapon, target): see Ontology.refinements
    broad: bool = False  # a broad reading ("attack", "explosion") that a more specific trigger of the
    # same happening names better ("an attack ... exchanged fire" is a clash)
    verbal: bool = False  # a statement-like event (PLOVER's verbal types), not a material one
    place_from_subject: frozenset[str] = frozenset()  # trigger lemmas whose subject names the place (host)
    topic_prepositions: frozenset[str] = frozenset()  # "on Afghanistan": the topic, not the place
    by_state_actor: Mapping[str, Any] = field(default_factory=dict)  # fields to set when a state acts
    priority: int = 0  # among triggers of one happening, the highest names the event
    wide_context: bool = False  # refinements also read the clauses above the trigger ("fired tear gas to
    # disperse students protesting")

    def fields(self) -> dict[str, Any]:
        return {
            "type": self.id,
            "acled_event_type": self.acled_event_type,
            "acled_sub_event_type": self.acled_sub_event_type,
            "plover_event": self.plover_event,
        }


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word or phrase that stands for an event of ``type_id`` when its ``condition`` holds."""

    type_id: str
    condition: Condition = Condition()
    overrides: Mapping[str, Any] = field(default_factory=dict)  # fields set instead of the type's
    plover_only: bool = False  # a PLOVER reading only: no ACLED type


@dataclass(frozen=True, slots=True)
class Refinement:
    """A rule that retypes an event of ``family`` from its context (weapon words, armed targets)."""

    family: str
    set: Mapping[str, Any]
    if_lemma: frozenset[str] = frozenset()
    if_all_lemma: frozenset[str] = frozenset()  # every one of these is near ("small arms": small, arm)
    if_all_sentence_lemma: frozenset[str] = frozenset()  # ... in the trigger's sentence or the next
    if_sentence_lemma: frozenset[str] = frozenset()  # one of these is in the trigger's sentence or the next
    if_armed_target: bool = False  # the victims are armed (soldiers, positions), none civilian
    only_types: frozenset[str] = frozenset()
    unless_lemma: frozenset[str] = frozenset()  # the rule does not apply when one of these is near
    if_agent: frozenset[str] = frozenset()  # the attackers are of one of these kinds ("armed", "state")
    unless_agent: frozenset[str] = frozenset()  # ... and of none of these
    if_side: frozenset[str] = frozenset()  # either side of a fight ("between X and Y") is of these kinds
    unless_victim: frozenset[str] = frozenset()  # the rule does not apply to events against these
    if_unharmed: bool = False  # nobody is reported killed or hurt
    if_harmed: bool = False  # someone is reported killed or hurt


class Ontology(Lexicon):
    """Event types, their triggers, the context rules that refine them, and the word lists they use."""

    package = "dateline.events"
    resource = "ontology.json"
    what = "event ontology"

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data: dict[str, Any] = json.loads(json.dumps(data))  # a private, plain copy
        self.acled: dict[str, dict[str, str]] = {
            name: dict(entry.get("sub_event_types", {})) for name, entry in self.data.get("acled", {}).items()
        }
        self.plover: frozenset[str] = frozenset(self.data.get("plover", {}))
        self.lexicon: dict[str, Any] = dict(self.data.get("lexicon", {}))
        self._word_sets: dict[str, frozenset[str]] = {}  # read once: each document's readers ask again
        self.types: dict[str, EventType] = {}
        self.lemma_triggers: dict[tuple[str, str], list[Trigger]] = {}
        self.patterns: list[tuple[str, list[dict[str, Any]], int, Trigger]] = []
        for entry in self.data.get("types", []):
            self._add_type(entry)
        self.refinements = [self._refinement(r) for r in self.data.get("refinements", [])]

    # --- construction ------------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Ontology:
        return cls(data)

    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> Ontology:
        """The shipped ontology, extended by each JSON file in ``extra`` in turn."""
        onto = cls.default()
        for path in extra:
            onto = onto.extended(read_json(path, cls.what))
        return onto

    def extended(self, extra: Mapping[str, Any]) -> Ontology:
        """A new ontology: this one plus ``extra`` (same shape; types with a known id replace ours)."""
        if not isinstance(extra, Mapping):
            raise ConfigError("an event ontology extension must be a JSON object")
        data = json.loads(json.dumps(self.data))
        types = {t["id"]: t for t in data.get("types", [])}
        for entry in extra.get("types", []):
            if not isinstance(entry, Mapping) or "id" not in entry:
                raise ConfigError("every event type needs an 'id'")
            types[str(entry["id"])] = dict(entry)
        data["types"] = list(types.values())
        data["refinements"] = [*data.get("refinements", []), *extra.get("refinements", [])]
        data["lexicon"] = {**data.get("lexicon", {}), **extra.get("lexicon", {})}
        for key in ("acled", "plover"):
            data[key] = {**data.get(key, {}), **extra.get(key, {})}
        return Ontology(data)

    def to_dict(self) -> dict[str, Any]:
        return json.loads(json.dumps(self.data))

    def _check(self, where: str, acled: str | None, sub: str | None, plover: str | None) -> None:
        if acled is not None and acled not in self.acled:
            raise ConfigError(f"{where}: {acled!r} is not an ACLED event type")
        if sub is not None and (acled is None or sub not in self.acled[acled]):
            raise ConfigError(f"{where}: {sub!r} is not a sub-event type of {acled!r}")
        if plover is not None and plover not in self.plover:
            raise ConfigError(f"{where}: {plover!r} is not a PLOVER event type")

    def _add_type(self, entry: Mapping[str, Any]) -> None:
        type_id = str(entry.get("id") or "")
        if not type_id or "family" not in entry:
            raise ConfigError(f"event type {entry!r} needs an 'id' and a 'family'")
        et = EventType(
            id=type_id,
            family=str(entry["family"]),
            acled_event_type=entry.get("acled_event_type"),
            acled_sub_event_type=entry.get("acled_sub_event_type"),
            plover_event=entry.get("plover_event"),
            description=str(entry.get("description", "")),
            refine=bool(entry.get("refine", False)),
            broad=bool(entry.get("broad", False)),
            verbal=bool(entry.get("verbal", False)),
            place_from_subject=frozenset(entry.get("place_from_subject", ())),
            topic_prepositions=frozenset(entry.get("topic_prepositions", ())),
            by_state_actor=dict(entry.get("by_state_actor", {})),
            priority=int(entry.get("priority", 0)),
            wide_context=bool(entry.get("wide_context", False)),
        )
        self._check(f"event type {type_id!r}", et.acled_event_type, et.acled_sub_event_type, et.plover_event)
        sub = et.by_state_actor.get("acled_sub_event_type")
        if sub is not None:
            self._check(f"event type {type_id!r} by_state_actor", et.acled_event_type, sub, None)
        self.types[type_id] = et
        constraints = {k.lower(): Condition.from_dict(v) for k, v in entry.get("constraints", {}).items()}
        for n, spec in enumerate(entry.get("triggers", [])):
            where = f"event type {type_id!r} trigger {n}"
            overrides = dict(spec.get("set", {}))
            if overrides:
                self._check(
                    where,
                    overrides.get("acled_event_type", et.acled_event_type),
                    overrides.get("acled_sub_event_type", et.acled_sub_event_type),
                    overrides.get("plover_event", et.plover_event),
                )
            base = Condition.from_dict(spec)
            plover_only = bool(spec.get("plover_only", False))
            if "lemma" in spec:
                pos_list = [str(p).upper() for p in spec.get("pos", ["VERB", "NOUN"])]
                for lemma in spec["lemma"]:
                    lemma = str(lemma).lower()
                    for pos in pos_list:
                        cond = base
                        for key in (lemma, f"{lemma}#{pos.lower()}", f"{lemma}#{pos}".lower()):
                            if key in constraints:
                                cond = cond.merged(constraints[key])
                        trigger = Trigger(type_id, cond, overrides, plover_only)
                        self.lemma_triggers.setdefault((lemma, pos), []).append(trigger)
                    if "-" in lemma.strip("-"):  # "sit-in" is three tokens to spaCy: sit, -, in
                        *first, last = lemma.split("-")
                        hyphenated = [t for w in first for t in ({"LOWER": w}, {"ORTH": "-"})] + [
                            {"LEMMA": last}
                        ]
                        trigger = Trigger(
                            type_id, base.merged(constraints.get(lemma, Condition())), overrides, plover_only
                        )
                        self.patterns.append((f"{type_id}#{n}#{lemma}", hyphenated, -1, trigger))
            elif "pattern" in spec:
                pattern = list(spec["pattern"])
                if not pattern or not all(isinstance(p, dict) for p in pattern):
                    raise ConfigError(f"{where}: a pattern is a non-empty list of token specs")
                anchor = int(spec.get("anchor", -1))
                key = f"{type_id}#{n}"
                self.patterns.append((key, pattern, anchor, Trigger(type_id, base, overrides, plover_only)))
            else:
                raise ConfigError(f"{where}: needs 'lemma' or 'pattern'")

    def _refinement(self, entry: Mapping[str, Any]) -> Refinement:
        to_set = dict(entry.get("set", {}))
        acled = to_set.get("acled_event_type")
        if acled is not None:
            self._check("refinement", acled, to_set.get("acled_sub_event_type"), to_set.get("plover_event"))
        return Refinement(
            family=str(entry.get("family", "")),
            set=to_set,
            if_lemma=word_set(entry, "if_lemma"),
            if_all_lemma=word_set(entry, "if_all_lemma"),
            if_all_sentence_lemma=word_set(entry, "if_all_sentence_lemma"),
            if_sentence_lemma=word_set(entry, "if_sentence_lemma"),
            if_armed_target=bool(entry.get("if_armed_target", False)),
            if_harmed=bool(entry.get("if_harmed", False)),
            if_side=word_set(entry, "if_side"),
            only_types=frozenset(entry.get("only_types", ())),
            unless_lemma=word_set(entry, "unless_lemma"),
            if_agent=frozenset(entry.get("if_agent", ())),
            unless_agent=frozenset(entry.get("unless_agent", ())),
            unless_victim=frozenset(entry.get("unless_victim", ())),
            if_unharmed=bool(entry.get("if_unharmed", False)),
        )

    # --- look-ups ----------------------------------------------------------------------------------

    def words(self, key: str) -> frozenset[str]:
        """A word list of the lexicon, lower-cased (empty when absent)."""
        found = self._word_sets.get(key)
        if found is None:
            found = self._word_sets[key] = word_set(self.lexicon, key)
        return found

    def mapping(self, key: str) -> dict[str, str]:
        return {str(k).lower(): str(v) for k, v in dict(self.lexicon.get(key, {})).items()}

    def compatible(self, family: str, other: str, other_type: str | None = None) -> bool:
        """Whether a definite mention of ``family`` ("the attack") may refer to an event of family
        ``other`` (or of type ``other_type``: "the attempted attack" after a bomb was defused)."""
        allowed = self.lexicon.get("compatible_coref", {}).get(family, [family])
        return other in allowed or other_type is not None and other_type in allowed

    def acled_definition(self, event_type: str, sub_event_type: str | None = None) -> str | None:
        entry = self.data.get("acled", {}).get(event_type)
        if entry is None:
            return None
        if sub_event_type is None:
            return entry.get("definition")
        return entry.get("sub_event_types", {}).get(sub_event_type)
