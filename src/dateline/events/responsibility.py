"""Who the text holds responsible for an incident, how surely, and who says so.

Incident descriptions name the perpetrator in many ways besides the subject of the violent verb:

* claimed: "the TTP claimed the attack", "the attack, which the TTP claimed, ...";
* attributed: "sources attributed the attack to the Taliban", "police blamed the TTP for the
  bombing", "officials blamed the bombing on the TTP";
* suspected: "sources suspected the involvement of Boko Haram", "suspected Boko Haram militants",
  "presumed JNIM militants";
* denied: "the Taliban denied involvement" (kept as a statement, never as the perpetrator).

:class:`ResponsibilityReader` reads these from the parse and adds, to the event they concern, one
``responsibility`` entry per actor: ``{"actor", "stance", "source", "source_text", "text", "span"}``.
A claimed, attributed or suspected actor also becomes one of the event's actors. The event is the
one the phrase names ("the attack" joins the incident it refers to); a phrase naming no event ("the
incident", "it") concerns the latest violent event told before it, else the first one after.
The cue words are the ontology lexicon's ``responsibility`` entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

from dateline.events.context import MentionIndex, agent_of, is_passive, pobjs, subject_of
from dateline.events.draft import EventDraft
from dateline.events.entries import note_responsibility
from dateline.events.ontology import word_set
from dateline.nlp.doc_cache import children_of, tokens_of

__all__ = ["ResponsibilityCues", "ResponsibilityReader", "named_parents"]

#: Stances that make the actor one of the event's perpetrators (all but "denied").
PERPETRATOR_STANCES = frozenset({"claimed", "attributed", "suspected", "asserted"})


@dataclass(frozen=True, slots=True)
class ResponsibilityCues:
    """The words of the ontology lexicon's ``responsibility`` entry."""

    attribute_verbs: frozenset[str]  # "attribute": the actor in a "to" phrase
    blame_verbs: frozenset[str]  # "blame": the actor as object ("for" the event) or in an "on" phrase
    suspect_verbs: frozenset[str]  # "suspect": the actor as object or in "the involvement of"
    deny_verbs: frozenset[str]  # "deny": with a responsibility noun as object
    involvement_nouns: frozenset[str]  # "involvement", "responsibility", "role", "hand"
    suspect_modifiers: frozenset[str]  # "suspected", "presumed", "alleged"
    planting_verbs: frozenset[str]  # "planted": "a Taliban-planted IED"
    claim_verbs: frozenset[str]  # "claim" in a relative clause: "the attack, which X claimed"
    perpetration_verbs: frozenset[str]  # "commit", "perpetrate": "X committed the attack", "... by X"
    deed_nouns: frozenset[str]  # nouns those verbs take for an incident told ("the attack", "the attacks")
    responsible_adjectives: frozenset[str]  # "X is responsible (for the attack)"
    foiled_event_types: frozenset[str]  # attacks prevented ("police defused a bomb"), with a perpetrator too
    property_event_types: frozenset[str]  # property torched or destroyed, with a perpetrator too
    belief_words: frozenset[str]  # "police believe X is responsible": suspected, not attributed
    perpetrator_nouns: frozenset[str] = frozenset()  # "the attackers were X": X is held responsible
    placeholder_prefixes: tuple[str, ...] = ()  # ids of stand-ins a named perpetrator replaces

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ResponsibilityCues:
        data = dict(data or {})
        return cls(
            attribute_verbs=word_set(data, "attribute_verbs"),
            blame_verbs=word_set(data, "blame_verbs"),
            suspect_verbs=word_set(data, "suspect_verbs"),
            deny_verbs=word_set(data, "deny_verbs"),
            involvement_nouns=word_set(data, "involvement_nouns"),
            suspect_modifiers=word_set(data, "suspect_modifiers"),
            planting_verbs=word_set(data, "planting_verbs"),
            claim_verbs=word_set(data, "claim_verbs"),
            perpetration_verbs=word_set(data, "perpetration_verbs"),
            deed_nouns=word_set(data, "deed_nouns"),
            responsible_adjectives=word_set(data, "responsible_adjectives"),
            foiled_event_types=word_set(data, "foiled_event_types"),
            property_event_types=word_set(data, "property_event_types"),
            belief_words=word_set(data, "belief_words"),
            perpetrator_nouns=word_set(data, "perpetrator_nouns"),
            placeholder_prefixes=tuple(str(p) for p in data.get("placeholder_actor_prefixes", ())),
        )


def named_parents(actors: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    """Actor id -> the organisations the document names (``actors``: its actor dicts) that the registry
    holds it part of; states and governments aside (a unit of an army acts as itself)."""
    by_id = {a["id"]: a for a in actors}
    out: dict[str, list[str]] = {}
    for actor_id, actor in by_id.items():
        named = [
            p
            for p in actor.get("parents") or ()
            if p in by_id and by_id[p].get("kind") not in ("state", "government")
        ]
        if named:
            out[actor_id] = named
    return out


class ResponsibilityReader:
    """Reads claims, attributions, suspicions and denials of responsibility in one document."""

    def __init__(
        self,
        cues: ResponsibilityCues,
        index: MentionIndex,
        actors_at: Callable[..., list[str]],
        is_violent: Callable[[EventDraft], bool],
    ) -> None:
        self.cues = cues
        self.index = index
        self.doc = index.doc
        self.actors_at = actors_at
        self.is_violent = is_violent
        self._violent: list[EventDraft] = []  # the violent events a phrase naming none may concern

    def read(
        self, drafts: list[EventDraft], by_token: dict[int, EventDraft], joined: dict[int, EventDraft]
    ) -> None:
        """Add ``responsibility`` entries to the events of ``drafts``; :meth:`hold_named` then makes the
        actors they hold responsible the events' perpetrators (once incidents are merged)."""
        if not drafts:
            return
        violent = [d for d in drafts if self.is_violent(d)]
        self._violent = [d for d in violent if not d.backgrounded] or violent
        cues = self.cues
        for token in tokens_of(self.doc):
            lemma = token.lemma_.lower()
            if lemma in cues.responsible_adjectives and token.dep_ in ("acomp", "oprd"):
                self._responsible(token, by_token, joined)
            if lemma == "involve" and token.pos_ == "VERB" and is_passive(token):
                self._involved(token, by_token, joined)
            if lemma == "be" and token.pos_ == "AUX":
                self._identified(token, by_token, joined)
            if token.pos_ != "VERB":
                continue
            if lemma in cues.attribute_verbs:
                self._attributed(token, by_token, joined)
            elif lemma in cues.blame_verbs:
                self._blamed(token, by_token, joined)
            elif lemma in cues.suspect_verbs:
                self._suspected(token, by_token, joined)
            elif lemma in cues.perpetration_verbs:
                self._perpetrated(token, by_token, joined)
            elif lemma in cues.deny_verbs:
                self._denied(token, by_token, joined)
            elif lemma in cues.claim_verbs and token.dep_ == "relcl":
                self._claimed_relative(token, by_token, joined)
            elif lemma in cues.planting_verbs:
                self._planted(token, by_token, joined)
        modifiers = self._modifiers()
        for draft in drafts:
            self._modified(draft, modifiers.get(draft.sent.start, ()))

    # --- the phrases -------------------------------------------------------------------------------

    def _attributed(self, verb: Token, by_token, joined) -> None:
        thing = self._object(verb)
        # "attributed the attack to X", the "to" phrase also when parsed as the object's (or as its
        # "of" noun's: "attribute the planning of the attack to X")
        heads = [verb] if thing is None else [verb, thing, *(o for _, o in pobjs(thing, frozenset({"of"})))]
        to = [children_of(c) for h in heads for c in children_of(h) if c.dep_ == "prep" and c.lower_ == "to"]
        actors = [a for kids in to for p in kids if p.dep_ == "pobj" for a in self._named(p)]
        self._add(verb, thing, actors, "attributed", by_token, joined)

    def _blamed(self, verb: Token, by_token, joined) -> None:
        obj = self._object(verb)
        if obj is None and verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "be":
            # "officials suspect that MILF fighters are to blame"
            stance, source = self._belief(verb.head)
            actors = self._named(subject_of(verb.head, index=self.index))
            self._add(verb, None, actors, stance, by_token, joined, source=source)
            return
        on = [p for c in children_of(verb) if c.dep_ == "prep" and c.lower_ == "on" for p in children_of(c)]
        on += [
            p for c in (children_of(obj) if obj is not None else ()) if c.dep_ == "prep" and c.lower_ == "on"
            for p in children_of(c)
        ]  # fmt: skip
        on = [p for p in on if p.dep_ == "pobj"]
        if on:  # "blamed the bombing on X"
            actors = [a for p in on for a in self._named(p)]
            self._add(verb, obj, actors, "attributed", by_token, joined)
            return
        for_ = [
            p for c in children_of(verb) if c.dep_ == "prep" and c.lower_ == "for" for p in children_of(c)
        ]
        thing = next((p for p in for_ if p.dep_ in ("pobj", "pcomp")), None)
        self._add(verb, thing, self._named(obj), "attributed", by_token, joined)

    def _suspected(self, verb: Token, by_token, joined) -> None:
        if is_passive(verb) and not any(c.dep_ == "agent" for c in children_of(verb)):
            # "the RMS is suspected of planting the bomb", "... of being responsible for the attacks"
            actors = self._named(subject_of(verb, index=self.index))
            thing = next((o for _, o in pobjs(verb, frozenset({"of", "in"}))), None)
            if thing is not None and thing.pos_ in ("VERB", "AUX"):  # a gerund: its object or "for" phrase
                deed = next((o for _, o in pobjs(thing, frozenset({"for", "in"}))), None)
                thing = deed or self._object(thing)
            self._add(verb, thing, actors, "suspected", by_token, joined, source=agent_of(verb))
            return
        obj = self._object(verb)
        if obj is None:
            return
        if obj.lemma_.lower() in self.cues.involvement_nouns:  # "suspected the involvement of X"
            of = [
                p for c in children_of(obj) if c.dep_ == "prep" and c.lower_ == "of" for p in children_of(c)
            ]
            actors = [a for p in of if p.dep_ == "pobj" for a in self._named(p)]
            thing = self._involvement_event(obj)
        else:
            actors, thing = self._named(obj), None
        self._add(verb, thing, actors, "suspected", by_token, joined)

    def _perpetrated(self, verb: Token, by_token, joined) -> None:
        """ "Two leaders of the MILF had committed the attacks", "the attack was perpetrated by X": the
        doer of a deed the text tells (suspected when a word of belief governs the verb)."""
        passive = is_passive(verb)
        thing = subject_of(verb, index=self.index) if passive else self._object(verb)
        if thing is None or not (thing.i in by_token or thing.lemma_.lower() in self.cues.deed_nouns):
            return  # "committed suicide", "committed to talks"
        actors = self._named(agent_of(verb) if passive else subject_of(verb, index=self.index))
        stance, source = self._belief(verb)
        self._add(verb, thing, actors, stance, by_token, joined, source=source)

    def _responsible(self, adjective: Token, by_token, joined) -> None:
        """ "Police believe the NDFB is responsible", "ETA is believed to be responsible for the
        attack", "it is likely that the group is responsible"."""
        preposition = "of" if adjective.lemma_.lower() == "guilty" else "for"  # "found guilty of the attack"
        self._held(adjective.head, adjective, preposition, by_token, joined)

    def _involved(self, verb: Token, by_token, joined) -> None:
        """ "Sources suspected that left-wing extremists were involved (in the attack)"."""
        self._held(verb, verb, "in", by_token, joined)

    def _held(self, verb: Token, word: Token, preposition: str, by_token, joined) -> None:
        """The subject of ``verb`` held responsible for the event ``word``'s ``preposition`` phrase
        names (else the one told near): suspected when a word of belief governs it, else attributed
        by whoever says so."""
        actors = self._named(subject_of(verb, index=self.index))
        if not actors:
            return
        thing = next((obj for _, obj in pobjs(word, frozenset({preposition}))), None)
        stance, source = self._belief(verb)
        self._add(verb, thing, actors, stance, by_token, joined, source=source)

    def _identified(self, be: Token, by_token, joined) -> None:
        """ "Police believe that the attackers were Al Qaeda in Iraq", "the bomber was a member of X":
        the group the perpetrators are said to be (suspected when a word of belief governs it)."""
        subject = next((c for c in children_of(be) if c.dep_ == "nsubj"), None)
        attr = next((c for c in children_of(be) if c.dep_ == "attr"), None)
        if subject is None or attr is None or subject.lemma_.lower() not in self.cues.perpetrator_nouns:
            return
        stance, source = self._belief(be)
        self._add(be, None, self._named(attr), stance, by_token, joined, source=source)

    def _belief(self, token: Token) -> tuple[str, Token | None]:
        """ "suspected" when a word of belief or likelihood governs ``token`` (with the believer, if
        named, as source), else "attributed" (to whoever says so)."""
        words = self.cues.belief_words
        node = token
        for _ in range(4):
            near = [node, *children_of(node)]
            if any(t.lemma_.lower() in words or t.lower_ in words for t in near):
                believer = subject_of(node, index=self.index) if node.pos_ in ("VERB", "AUX") else None
                if believer is not None and believer.lower_ == "it":
                    believer = None
                return "suspected", believer if believer is not None and believer.i < token.i else None
            if node.head.i == node.i:
                break
            node = node.head
        return "attributed", None

    def _denied(self, verb: Token, by_token, joined) -> None:
        obj = self._object(verb)
        if obj is None or obj.lemma_.lower() not in self.cues.involvement_nouns:
            return
        subject = subject_of(verb, index=self.index)
        actors = self._named(subject)
        self._add(verb, self._involvement_event(obj), actors, "denied", by_token, joined, source=subject)

    def _planted(self, verb: Token, by_token, joined) -> None:
        """ "The bag was planted by suspected members of the ULFA": who planted the device that went
        off (suspected when the text says so)."""
        agent = agent_of(verb) if is_passive(verb) else subject_of(verb, index=self.index)
        actors = self._named(agent)
        if not actors:
            return
        suspected = agent is not None and any(
            t.lower_ in self.cues.suspect_modifiers for t in agent.subtree if t.i < agent.i + 3
        )  # "suspected members of X planted", else "X is suspected of planting", "police believe X planted"
        suspected = suspected or self._belief(verb)[0] == "suspected"
        self._add(verb, None, actors, "suspected" if suspected else "asserted", by_token, joined)

    def _claimed_relative(self, verb: Token, by_token, joined) -> None:
        """ "the attack on the checkpoint, which X claimed": the event the relative clause hangs on."""
        head, thing = verb.head, None
        for _ in range(3):
            if head.i in by_token:
                thing = head
                break
            if head.head.i == head.i:
                break
            head = head.head
        if thing is None:
            return
        subject = subject_of(verb, index=self.index)
        self._add(verb, thing, self._named(subject), "claimed", by_token, joined)

    def _modifiers(self) -> dict[int, list[Token]]:
        """Suspicion modifiers and planting verbs by the start of their sentence, read once."""
        out: dict[int, list[Token]] = {}
        for token in tokens_of(self.doc):
            suspect = token.lower_ in self.cues.suspect_modifiers and token.dep_ in (
                "amod",
                "compound",
                "advmod",
            )
            planted = token.lemma_.lower() in self.cues.planting_verbs and token.dep_ == "amod"
            if suspect or planted:
                out.setdefault(self.index.sentence(token.i).start, []).append(token)
        return out

    def _modified(self, draft: EventDraft, modifiers: Iterable[Token]) -> None:
        """ "suspected X militants", "a X-planted bomb": the event's own actors, with their stance."""
        for token in modifiers:
            if token.lower_ in self.cues.suspect_modifiers and token.dep_ in ("amod", "compound", "advmod"):
                ids = [i for i in self.actors_at_np(token.head) if i in draft.actors]
                self._note(draft, ids, "suspected", token, None)
            elif token.head.i in draft.tokens:  # a planting verb on the event's own noun
                ids = [
                    str(m.record.get("id"))
                    for c in children_of(token)
                    if c.dep_ in ("npadvmod", "compound", "nmod", "amod")
                    for m in self.index.at(c.i, "actor")
                ]
                self._note(draft, ids, "asserted", token, None)

    # --- helpers -----------------------------------------------------------------------------------

    def hold_named(self, event: EventDraft) -> None:
        """The actors the event's ``responsibility`` entries hold responsible lead its actors."""
        held = [e["actor"] for e in event.responsibility if e["stance"] in PERPETRATOR_STANCES]
        self.hold(event, list(dict.fromkeys(held)))

    def hold(self, event: EventDraft, actors: list[str]) -> None:
        """Make ``actors`` the event's perpetrators: first among its actors, in place of the stand-in
        for unidentified attackers ("assailants", an "Unidentified Armed Group") they name."""
        stand_ins = [a for a in event.actors if a.startswith(self.cues.placeholder_prefixes)]
        named = [a for a in actors if not a.startswith(self.cues.placeholder_prefixes)]
        if not named:
            return
        rest = [a for a in event.actors if a not in named and a not in stand_ins]
        # an attack prevented ("police defused a bomb the TTP planted") is the preventer's act first
        foiled = event.etype.id in self.cues.foiled_event_types
        event.actors[:] = rest + named if foiled else named + rest
        event.targets[:] = [t for t in event.targets if t not in named]

    def add_parents(self, event: EventDraft, parents: dict[str, list[str]]) -> None:
        """A wing that acts acts for the organisation the document names it a wing of: "the Izz al-Din
        al-Qassam Brigades, the military wing of Hamas, fired ..." gives Hamas after the Brigades.
        ``parents``: actor id -> the organisations (named in the document) it is part of."""
        out: list[str] = []
        for actor in event.actors:
            out.append(actor)
            out.extend(p for p in parents.get(actor, ()) if p not in event.actors and p not in out)
        event.actors[:] = out
        event.targets[:] = [t for t in event.targets if t not in out]

    def actors_at_np(self, noun: Token) -> list[str]:
        """The actors the noun phrase names ("suspected Boko Haram militants", "suspected members of
        the ULFA")."""
        return self.actors_at(noun, deep=False)

    def _named(self, token: Token | None) -> list[str]:
        if token is None:
            return []
        return [a for a in self.actors_at(token) if a]

    @staticmethod
    def _object(verb: Token) -> Token | None:
        obj = next((c for c in children_of(verb) if c.dep_ in ("dobj", "obj")), None)
        if obj is None:
            obj = next((c for c in children_of(verb) if c.dep_ == "nsubjpass"), None)
        return obj

    @staticmethod
    def _involvement_event(noun: Token) -> Token | None:
        """ "involvement in the attack": the attack."""
        for c in children_of(noun):
            if c.dep_ == "prep" and c.lower_ in ("in", "for", "behind"):
                return next((p for p in children_of(c) if p.dep_ == "pobj"), None)
        return None

    def _add(
        self,
        verb: Token,
        thing: Token | None,
        actors: Iterable[str],
        stance: str,
        by_token: dict[int, EventDraft],
        joined: dict[int, EventDraft],
        *,
        source: Token | None = None,
    ) -> None:
        actors = list(dict.fromkeys(actors))
        if not actors:
            return
        # "the killing of 11 members, which X was responsible for": what the relative clause is about
        if thing is None and verb.dep_ == "relcl":
            thing = verb.head
        elif thing is not None and thing.tag_ in ("WDT", "WP"):
            clause = next((a for a in thing.ancestors if a.dep_ == "relcl"), None)
            thing = clause.head if clause is not None else thing
        events = self._events_named(thing, by_token, joined) or [self._event_near(verb)]
        if source is None:
            source = subject_of(verb, index=self.index)
        for event in events:
            if event is not None:
                self._note(event, actors, stance, verb, source)

    def _events_named(
        self, thing: Token | None, by_token: dict[int, EventDraft], joined: dict[int, EventDraft]
    ) -> list[EventDraft]:
        """The violent events a phrase names: "the attack and another attack in Thessaloniki" two,
        "a series of bomb attacks" the attacks of the series."""
        if thing is None:
            return []
        named = [thing, *thing.conjuncts]
        if thing.i not in by_token:
            named += [obj for _, obj in pobjs(thing, frozenset({"of"}))]
        out: list[EventDraft] = []
        for t in named:
            draft = by_token.get(t.i)
            if draft is not None:
                draft = joined.get(id(draft), draft)
                if self.is_violent(draft) and all(d is not draft for d in out):
                    out.append(draft)
        return out

    def _event_near(self, verb: Token) -> EventDraft | None:
        violent = self._violent
        before = [d for d in violent if d.primary < verb.i]
        if before:
            return max(before, key=lambda d: d.primary)
        return min(violent, key=lambda d: d.primary) if violent else None

    def _note(
        self, event: EventDraft, actors: Iterable[str], stance: str, cue: Token, source: Token | None
    ) -> None:
        sent = self.index.sentence(cue.i)
        source_ids = self._named(source) if source is not None else []
        source_text = None
        if source is not None:
            source_text = self.doc[source.left_edge.i : source.right_edge.i + 1].text
        actors = list(actors)
        note_responsibility(
            event, actors, stance, sent, source=source_ids[0] if source_ids else None, source_text=source_text
        )
        if actors and stance != "denied" and (sent.start_char, sent.end_char) not in event.evidence:
            event.evidence.append((sent.start_char, sent.end_char))
