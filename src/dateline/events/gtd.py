"""GTD's coding of an attack: attack, target and weapon type, suicide, claimed, success, attackers' share.

The Global Terrorism Database (START, University of Maryland) codes each attack with an attack type
from a fixed hierarchy (its codebook: an assassination, aimed at a prominent person, outranks a
hijacking, a kidnapping, a barricade incident, a bombing, an armed assault, an unarmed assault and a
facility/infrastructure attack, in that order; "Unknown" when the text does not say how), the type of
its first target and its first weapon. :class:`GtdCoder` gives each event that is an attack (by the
project's event type, ``attack_event_types`` in ``events/data/gtd.json``) that coding from what the
event already knows:

* its type and ACLED sub-event type (an explosion is a bombing, an abduction a kidnapping);
* the words of the sentences it was read from (its evidence), looked up as lemma sequences ("open
  fire", "set fire") in the lexicon's ``cues``; when they name no method and the document tells one
  attack, the whole document's words;
* the phrases its attack verbs take as target or victim (the object of "attacked", the ``on`` of
  "opened fire", the subject of "was killed"; read by ``events/gtd_phrases.py``) and the kinds of the
  actors named in them: the first phrase that names a target type gives ``gtd_target_type``, a
  prominent role among them ("a deputy mayor", "the district chief") makes the attack an
  assassination (read by ``events/gtd_roles.py``);
* the claims of responsibility read with it (``gtd_claimed``: true when a group claims it, false when
  the text says no group did, null when it does not say);
* its killed and wounded groups: those named as attackers ("three assailants") are
  ``fatalities_perpetrators`` / ``injured_perpetrators`` (``events/gtd_perpetrators.py``).

Events that are not attacks (protests, arrests, statements, movements) get null GTD fields; an arrest
of someone with explosives stands for a foiled bombing where the document tells no attack.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Self

from spacy.tokens import Doc, Token

from dateline.events.draft import EventDraft
from dateline.events.grams import MAX_GRAM, Gram, cue_starts, gram_set, grams, sequence_grams
from dateline.events.gtd_perpetrators import attackers_share
from dateline.events.gtd_phrases import Phrases, attack_phrases
from dateline.events.gtd_roles import RoleReader
from dateline.lexicon import Lexicon
from dateline.nlp.doc_cache import text_of, tokens_of

__all__ = ["GTD_FIELDS", "GtdCoder", "GtdLexicon", "GtdReading"]

#: The event fields this module fills, in the record's order.
GTD_FIELDS: tuple[str, ...] = (
    "gtd_attack_type",
    "gtd_target_type",
    "gtd_weapon_type",
    "gtd_claimed",
    "gtd_suicide",
    "gtd_success",
    "fatalities_perpetrators",
    "injured_perpetrators",
)
_METHODS = ("explosive", "firearm", "melee", "incendiary", "kidnapping", "hijacking", "chemical", "vehicle")
_INCENDIARY_BOMBS = frozenset(
    {"molotov", "petrol bomb", "firebomb", "fire bomb", "incendiary", "firebombing", "incendiary device"}
)
_BOMB_WORDS = frozenset({"bomb", "bombing", "bomber", "bombard"})
_UNSURE = frozenset({"negated", "hypothetical", "planned"})


@dataclass(frozen=True, slots=True)
class GtdLexicon(Lexicon):
    """The words and tables of ``events/data/gtd.json`` (see its ``_about``)."""

    data: dict[str, Any]
    package = "dateline.events"  # type: ignore[misc]
    resource = "gtd.json"  # type: ignore[misc]
    what = "GTD lexicon"  # type: ignore[misc]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return cls(dict(data))

    def to_dict(self) -> dict[str, Any]:
        return dict(self.data)


class GtdCoder:
    """Codes attacks the way GTD does (see the module docstring); holds the compiled lexicon."""

    def __init__(self, lexicon: GtdLexicon | None = None) -> None:
        data = (lexicon or GtdLexicon.default()).data
        self.attack_types: dict[str, str | None] = dict(data["attack_event_types"])
        self.foiled_bombings = frozenset(data.get("foiled_bombing_types", ()))
        self.stand_in_bombings = frozenset(data.get("stand_in_bombing_types", ()))
        self.unknown_if_unarmed: frozenset[str] = frozenset(data.get("unknown_when_no_weapon_or_harm", ()))
        self.planted_explosives = gram_set(data.get("planted_explosives", ()))
        self.projectiles = gram_set(data.get("projectiles", ()))
        self.throwing = gram_set(data.get("throwing", ()))
        self.fire_verbs = gram_set(data.get("fire_verbs", ()))
        cues = data["cues"]
        self.cues = {k: gram_set(v) for k, v in cues.items() if isinstance(v, list) and not k.startswith("_")}
        self.failure_not_for = frozenset(cues.get("failure_not_for", ()))
        self.method_cues = frozenset().union(*(self.cues[k] for k in (*_METHODS, "property_damage")))
        self.roles = RoleReader(data)
        self.assassination_needs = gram_set(data["assassination_needs"])
        self.security_targets = frozenset(data.get("security_targets", ()))
        self.vehicle_targets = gram_set(data.get("vehicle_targets", ()))
        self.infrastructure_targets = frozenset(data.get("infrastructure_targets", ()))
        self.target_verbs = gram_set(data["target_verbs"])
        self.target_preps = gram_set(data["target_preps"])
        self.casualty_verbs = gram_set(data["casualty_verbs"])
        self.target_types = [(str(e["type"]), gram_set(e["words"])) for e in data["target_types"]]
        self.kind_targets: dict[str, str] = dict(data["actor_kind_targets"])
        self.place_target = str(data["place_target"])
        self.perpetrators = gram_set(data["perpetrator_nouns"])
        self.strict_perpetrators = gram_set(data["strict_perpetrator_nouns"])
        self.weapon_names: dict[str, str] = dict(data["weapon_types"])
        self.weapon_order: dict[str, list[str]] = {k: list(v) for k, v in data["weapon_order"].items()}
        self.weapon_defaults: dict[str, str] = dict(data["weapon_defaults"])
        # cues are found by intersecting grams with these sets: runs of words start at cue words only
        self.gram_starts = cue_starts(
            *self.cues.values(),
            *(words for _, words in self.target_types),
            *(value for value in vars(self).values() if isinstance(value, frozenset)),
            _INCENDIARY_BOMBS,
        )

    def is_attack(self, draft: EventDraft, words: set[Gram]) -> bool:
        """Whether GTD would code the event: an attack type, or a foiled bombing."""
        type_id = draft.fields.get("type", draft.etype.id)
        if type_id not in self.attack_types:
            return False
        if type_id in self.foiled_bombings:
            return bool(words & self.cues["explosive"])
        return True

    def reading(self, drafts: Sequence[EventDraft]) -> GtdReading:
        """The coding of one document's events (``drafts``: all the events it keeps)."""
        return GtdReading(self, drafts)


class GtdReading:
    """One document's events coded; :meth:`fields` gives one event's GTD fields."""

    def __init__(self, coder: GtdCoder, drafts: Sequence[EventDraft]) -> None:
        self.coder = coder
        self.drafts = list(drafts)
        self.doc: Doc | None = drafts[0].sent.doc if drafts else None
        self.kind_at: dict[int, str] = {}
        self.kind_by_id: dict[str, str] = {}
        self.place_at: set[int] = set()
        self._doc_words: set[Gram] | None = None
        self._paragraph_cache: dict[tuple[int, int], set[Gram]] = {}
        self._range_cache: dict[tuple[int, int], set[Gram]] = {}
        self._lemmas: list[str] = []
        self._lowers: list[str] = []
        if self.doc is not None:
            self._index(self.doc)
            tokens = tokens_of(self.doc)
            self._lemmas = [t.lemma_.lower() for t in tokens]
            self._lowers = [t.lower_ for t in tokens]
        self.words = {id(d): self._evidence_words(d) for d in self.drafts}
        attacks = [d for d in self.drafts if coder.is_attack(d, self.words[id(d)])]
        # an arrest with explosives stands for a foiled bombing only where no attack is told
        own = [d for d in attacks if d.fields.get("type", d.etype.id) not in coder.stand_in_bombings]
        self.set_aside = {id(d) for d in attacks} - {id(d) for d in own} if own else set()
        attacks = own or attacks
        self.single = len(attacks) == 1
        # no attack read, but a claim (or its denial) told with a story of one: the claim stands in
        self.stand_ins: set[int] = set()
        if not attacks:
            for d in self.drafts:
                if d.family == "claim" and self._paragraph_words(d) & coder.method_cues:
                    self.stand_ins.add(id(d))
            self.single = len(self.stand_ins) == 1

    def _index(self, doc: Doc) -> None:
        for attr, into in (("dateline_actors", "actor"), ("dateline_places", "place")):
            for record in getattr(doc._, attr) or []:
                if into == "actor":
                    self.kind_by_id[str(record.get("id"))] = str(record.get("kind") or "")
                for mention in record.get("mentions") or []:
                    span = doc.char_span(*mention["span"], alignment_mode="expand")
                    for t in span or ():
                        if into == "actor":
                            self.kind_at[t.i] = str(record.get("kind") or "")
                        else:
                            self.place_at.add(t.i)

    def _evidence_ranges(self, draft: EventDraft) -> list[tuple[int, int]]:
        """The token ranges of the event's evidence, in text order; its sentence when it has none."""
        spans = (draft.sent.doc.char_span(s, e, alignment_mode="expand") for s, e in sorted(draft.evidence))
        ranges = [(span.start, span.end) for span in spans if span is not None and len(span)]
        return ranges or [(draft.sent.start, draft.sent.end)]

    def _tokens(self, draft: EventDraft) -> list[Token]:
        tokens = tokens_of(draft.sent.doc)
        return [tokens[i] for start, end in self._evidence_ranges(draft) for i in range(start, end)]

    def _range_words(self, start: int, end: int) -> set[Gram]:
        """The grams of the document's tokens ``start`` to ``end`` (read once per stretch)."""
        found = self._range_cache.get((start, end))
        if found is None:
            found = sequence_grams(
                self._lemmas[start:end], self._lowers[start:end], starts=self.coder.gram_starts
            )
            self._range_cache[(start, end)] = found
        return found

    def _evidence_words(self, draft: EventDraft) -> set[Gram]:
        """The grams of the event's evidence, read as one run of words (as :meth:`_tokens` gives it)."""
        ranges = self._evidence_ranges(draft)
        out = set(draft.context)
        for start, end in ranges:
            out |= self._range_words(start, end)
        for (_, left_end), (right_start, right_end) in zip(ranges, ranges[1:], strict=False):
            # the runs of words across the join of two stretches
            left = list(range(max(0, left_end - MAX_GRAM + 1), left_end))
            right = list(range(right_start, min(right_end, right_start + MAX_GRAM - 1)))
            out |= sequence_grams(
                [self._lemmas[i] for i in left + right],
                [self._lowers[i] for i in left + right],
                starts=self.coder.gram_starts,
            )
        return out

    def _paragraph_words(self, draft: EventDraft) -> set[Gram]:
        """The words of the paragraphs holding the event's evidence (one incident's story)."""
        doc = draft.sent.doc
        text = text_of(doc)
        bounds = set()
        for start, end in draft.evidence:  # an incident told in many sentences: each paragraph once
            left = text.rfind("\n\n", 0, start)
            right = text.find("\n\n", end)
            bounds.add((left + 1 if left >= 0 else 0, right if right >= 0 else len(text)))
        out: set[Gram] = set()
        for left, right in bounds:
            if (left, right) not in self._paragraph_cache:
                span = doc.char_span(left, right, alignment_mode="expand")
                self._paragraph_cache[(left, right)] = (
                    self._range_words(span.start, span.end) if span else set()
                )
            out |= self._paragraph_cache[(left, right)]
        return out

    @property
    def doc_words(self) -> set[Gram]:
        if self._doc_words is None:
            self._doc_words = self._range_words(0, len(self.doc)) if self.doc is not None else set()
        return self._doc_words

    # --- one event ---------------------------------------------------------------------------------

    def fields(self, draft: EventDraft) -> dict[str, Any]:
        """The event's GTD fields (all null when it is not an attack)."""
        coder = self.coder
        words = self.words.get(id(draft)) or self._evidence_words(draft)
        if id(draft) in self.stand_ins:
            words = words | self._paragraph_words(draft)
        elif id(draft) in self.set_aside or not coder.is_attack(draft, words):
            return dict.fromkeys(GTD_FIELDS)
        cues = coder.cues
        if not any(words & cues[m] for m in _METHODS):
            words = words | (self.doc_words if self.single else self._paragraph_words(draft))
        phrases = self._phrases(draft)
        attack = self._attack_type(draft, words, phrases)
        return {
            "gtd_attack_type": attack,
            "gtd_target_type": self._target_type(phrases, draft),
            "gtd_weapon_type": self._weapon(attack, words),
            "gtd_claimed": self._claimed(draft, words),
            "gtd_suicide": draft.etype.id == "suicide_bombing"
            or draft.fields.get("type") == "suicide_bombing"
            or bool(words & cues["suicide"]),
            "gtd_success": self._success(draft, attack, words, phrases),
            "fatalities_perpetrators": self._perpetrators(draft, draft.fatalities, draft.breakdown, phrases),
            "injured_perpetrators": self._perpetrators(draft, draft.injured, None, phrases),
        }

    def _phrases(self, draft: EventDraft) -> Phrases:
        """Target and victim phrases of the event's sentences, then of the sentences before them in
        their paragraph (where the story of one incident begins): the trigger's own first."""
        own = set(draft.tokens) | ({draft.support} if draft.support is not None else set())
        out = Phrases([], [])
        for tokens in (self._tokens(draft), self._lead(draft)):
            found = self._phrases_in(tokens, own)
            out.targets.extend(found.targets)
            out.victims.extend(found.victims)
        return out

    def _lead(self, draft: EventDraft) -> list[Token]:
        doc = draft.sent.doc
        first = min(s for s, _ in draft.evidence) if draft.evidence else draft.sent.start_char
        left = text_of(doc).rfind("\n\n", 0, first)
        span = doc.char_span(left + 1 if left >= 0 else 0, first, alignment_mode="contract")
        return list(span or ())

    def _phrases_in(self, tokens: list[Token], own: set[int]) -> Phrases:
        coder = self.coder
        return attack_phrases(tokens, own, coder.target_verbs, coder.casualty_verbs, coder.target_preps)

    def _is_attacker(self, phrase: list[Token]) -> bool:
        head = min(phrase, key=lambda t: abs(t.i - t.head.i) if t.head in phrase else -1)
        return (
            head.lemma_.lower() in self.coder.strict_perpetrators
            or head.lower_ in self.coder.strict_perpetrators
        )

    def _attack_type(self, draft: EventDraft, words: set[Gram], phrases: Phrases) -> str:
        coder, cues = self.coder, self.coder.cues
        type_id = draft.fields.get("type", draft.etype.id)
        base = coder.attack_types.get(type_id)
        incendiary_bomb = bool(words & _INCENDIARY_BOMBS)  # a petrol bomb is a fire, not an explosion
        other_explosive = words & (cues["explosive"] - _BOMB_WORDS)
        explosive = (base == "Bombing/Explosion" or bool(words & cues["explosive"])) and not (
            incendiary_bomb and not other_explosive
        )
        harmed = _count(draft.fatalities) > 0 or _count(draft.injured) > 0
        armed = bool(words & (cues["firearm"] | cues["melee"]))
        damage_only = bool(words & (cues["property_damage"] | _INCENDIARY_BOMBS)) and not (
            harmed or armed or explosive or (incendiary_bomb and self._at_security_post(phrases))
        )
        if words & cues["hijacking"]:
            return "Hijacking"
        if base == "Hostage Taking (Kidnapping)" or words & (cues["kidnapping"] | cues["captive_killing"]):
            if words & cues["barricade"]:
                return "Hostage Taking (Barricade Incident)"
            return "Hostage Taking (Kidnapping)"
        # a prominent person's house set on fire with nobody hurt is a facility attack
        if not damage_only and self._aimed_at_prominent(words, phrases, explosive):
            return "Assassination"
        if not (explosive or harmed) and self._first_target_type(phrases) in coder.infrastructure_targets:
            return "Facility/Infrastructure Attack"  # "attacked a power line", "opened fire on a mast"
        if (
            words & cues["firearm"]
            and not (words & coder.planted_explosives and not words & coder.throwing)
            and not (words & cues["firearm"] <= coder.fire_verbs and words & coder.projectiles)
            and type_id not in coder.foiled_bombings
        ):
            # "threw a grenade and opened fire", "armed with mortars and AK-47s": an armed assault
            return "Armed Assault"
        if explosive or type_id in coder.foiled_bombings:
            return "Bombing/Explosion"
        if base == "Unarmed Assault" or (words & cues["chemical"] and not words & cues["firearm"]):
            return "Unarmed Assault"
        if damage_only:
            return "Facility/Infrastructure Attack"
        if type_id in coder.unknown_if_unarmed and not (armed or harmed or incendiary_bomb):
            return "Unknown"  # "assailants attacked a military position": how, the text does not say
        if base == "Armed Assault" or armed or incendiary_bomb:
            return "Armed Assault"
        if words & (cues["unarmed"] | cues["vehicle"]):
            return "Unarmed Assault"
        if base == "Facility/Infrastructure Attack" and harmed:
            return "Armed Assault"  # "killed a civilian and burned down houses": people attacked
        if base is not None:
            return base
        return "Armed Assault" if type_id == "attack" and draft.family == "violence" else "Unknown"

    def _first_typed_target(self, phrases: Phrases) -> tuple[list[Token], str] | None:
        """The first target phrase that names a target type, with that type ("threw a petrol bomb at
        a police camp": the camp, not the bomb)."""
        for phrase in phrases.targets:
            kind = None if self._is_attacker(phrase) else self._phrase_target_type(phrase)
            if kind is not None:
                return phrase, kind
        return None

    def _first_target_type(self, phrases: Phrases) -> str | None:
        found = self._first_typed_target(phrases)
        return found[1] if found else None

    def _at_security_post(self, phrases: Phrases) -> bool:
        """Whether the first typed target is a security post or unit, not one of its vehicles: a
        petrol bomb thrown at a police camp or a police party is an armed assault, one at a patrol
        car a facility attack."""
        found = self._first_typed_target(phrases)
        if found is None:
            return False
        phrase, kind = found
        head = next((t for t in phrase if t.head not in phrase or t.head == t), phrase[0])
        return kind in self.coder.security_targets and head.lemma_.lower() not in self.coder.vehicle_targets

    def _aimed_at_prominent(self, words: set[Gram], phrases: Phrases, explosive: bool) -> bool:
        """Whether the attack aimed at a prominent person (GTD's assassination): it says so, or its
        first targets name a prominent role; its victims count too unless a bomb hurt them or the
        attack aimed at a security unit ("attacked a police patrol; an inspector was killed")."""
        coder = self.coder
        if words & coder.cues["assassination"]:
            return True
        first = phrases.targets[0] if phrases.targets else None
        at_unit = first is not None and self._phrase_target_type(first) in coder.security_targets
        people = phrases.targets + ([] if explosive or at_unit else phrases.victims)
        people = [p for p in people if not self._is_attacker(p)]
        return bool(words & coder.assassination_needs) and coder.roles.prominent(
            people[:3], self.kind_at, self.place_at
        )

    def _target_type(self, phrases: Phrases, draft: EventDraft) -> str:
        coder = self.coder
        for phrase in phrases.ordered:
            found = None if self._is_attacker(phrase) else self._phrase_target_type(phrase)
            if found is not None:
                return found
        for target in draft.targets:
            if self.kind_by_id.get(target) in coder.kind_targets:
                return coder.kind_targets[self.kind_by_id[target]]
        if "civilian" in draft.victims:
            return coder.place_target
        return "Unknown"

    def _phrase_target_type(self, phrase: list[Token]) -> str | None:
        """The GTD target type one phrase names (by its actors' kinds or its words), if any."""
        coder = self.coder
        kinds = {self.kind_at[t.i] for t in phrase if t.i in self.kind_at and t.i not in self.place_at}
        plain = [t for t in phrase if t.i not in self.kind_at and t.i not in self.place_at]
        words = grams(plain) if plain else set()
        candidates = {coder.kind_targets[k] for k in kinds if k in coder.kind_targets}
        for name, vocab in coder.target_types:
            if name in candidates or words & vocab:
                return name
        if any(t.i in self.place_at for t in phrase):
            return coder.place_target
        return None

    def _weapon(self, attack: str, words: set[Gram]) -> str:
        coder, cues = self.coder, self.coder.cues
        found = {k for k in coder.weapon_names if words & cues.get(k, frozenset())}
        if words & _INCENDIARY_BOMBS:
            found.add("incendiary")
            if not words & (cues["explosive"] - {"bomb", "bombing", "bomber"}):
                found.discard("explosive")
        for kind in coder.weapon_order.get(attack, ()):
            if kind in found:
                return coder.weapon_names[kind]
        return coder.weapon_defaults.get(attack, "Unknown")

    def _claimed(self, draft: EventDraft, words: set[Gram]) -> bool | None:
        cues = self.coder.cues
        claims = [c for c in self.drafts if c.family == "claim"]
        linked = [c for c in claims if c.claimed is draft]
        scope = set(words)
        for c in linked if linked else (claims if self.single else []):
            scope |= self.words.get(id(c)) or set()
        if scope & cues["no_claim"]:
            return False
        if any(c.modality not in ("negated", "denied") and c.actors for c in linked):
            return True
        if self.single and any(c.actors and c.modality not in ("negated", "denied") for c in claims):
            return True
        story = self._paragraph_words(draft)  # "... The group claimed responsibility for the attack."
        if story & cues["claim_responsibility"] and not story & cues["no_claim"]:
            return True
        return None

    def _success(self, draft: EventDraft, attack: str, words: set[Gram], phrases: Phrases) -> bool | None:
        if draft.modality in _UNSURE:
            return None
        cues = self.coder.cues
        if draft.fields.get("type", draft.etype.id) in self.coder.foiled_bombings:
            return False
        failure = cues["failure_all_types"] if attack in self.coder.failure_not_for else cues["failure"]
        if words & failure:
            return False
        if attack == "Assassination":
            return _count(draft.fatalities) > 0 or bool(words & {"kill", "dead", "die", "murder", "execute"})
        return True

    def _perpetrators(
        self,
        draft: EventDraft,
        total: dict[str, Any] | None,
        members: list[dict[str, Any]] | None,
        phrases: Phrases,
    ) -> dict[str, Any] | None:
        """The part of a count that the text names as the attackers ("three assailants")."""
        if not total:
            return None
        if members is None and total.get("group") is not None and self.doc is not None:
            group = total.get("group")
            members = [q for q in self.doc._.dateline_quantities or [] if q.get("group") == group]
        nouns = self.coder.strict_perpetrators
        target = self._target_type(phrases, draft)
        if target != "Terrorists/Non-State Militia":
            nouns = self.coder.perpetrators
        return attackers_share(total, members, nouns, text_of(self.doc) if self.doc is not None else "")


def _count(quantity: dict[str, Any] | None) -> float:
    if not quantity:
        return 0.0
    for key in ("best", "low", "high"):
        value = quantity.get(key)
        if value is not None:
            try:
                return float(value)
            except (TypeError, ValueError):
                return 0.0
    return 0.0
