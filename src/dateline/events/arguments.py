"""Arguments of an event read from the parse: actors, targets, place, origin, destination, date, numbers.

:class:`ArgumentReader` fills an :class:`~dateline.events.draft.EventDraft` from the mentions of a
:class:`~dateline.events.context.MentionIndex`:

* actors from the subject (inherited through control: "Daesh is believed to ... establishing"), the ``by``
  agent of a passive, a possessor or an actor-naming modifier of an event noun; targets from the object,
  ``on``/``against`` phrases and the ``of`` phrase of an event noun;
* the place tied to the trigger through prepositional phrases (the most specific one; never the dateline
  or a compound adjective, "US-led"); movements take ``from`` as origin and ``into``/``to`` as destination;
* the date in the trigger's phrase, else the nearest date of the sentence;
* fatalities, injured and size through a :class:`~dateline.events.counts.CountReader`.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from dateline.events import extents
from dateline.events.background import Background
from dateline.events.context import (
    MentionIndex,
    agent_of,
    clause_tokens,
    described,
    is_passive,
    pobjs,
    subject_of,
)
from dateline.events.counts import CountReader
from dateline.events.draft import EventDraft
from dateline.events.extents import geo_precision_of, nominal_subtree, place_order, place_rank, walks_to
from dateline.events.groups import GroupPhrases, off_duty, on_behalf_of
from dateline.events.ontology import Ontology
from dateline.events.victims import found_body
from dateline.nlp.doc_cache import children_of, tokens_of

#: Verbs whose subject is who died, not who killed ("eight people died", "the officer succumbed").
DEATH_VERBS = frozenset({"die", "succumb", "perish"})
_SIZE_FAMILIES = frozenset({"movement", "presence", "protest", "operation"})


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in ids if i))


class ArgumentReader:
    """Links an event's arguments to the mentions of one document."""

    def __init__(
        self, ontology: Ontology, index: MentionIndex, published: str | None, background: Background
    ) -> None:
        self.o = ontology
        self.index = index
        self.doc = index.doc
        self.behalf = [
            t for t in tokens_of(self.doc) if t.lower_ == "behalf" and t.dep_ == "pobj"
        ]  # "on behalf of X"
        self.published = published
        self.light_verbs = ontology.words("light_verbs") | {"be"}
        self.occurrence_verbs = ontology.words("occurrence_verbs")
        self.origin_preps = ontology.words("origin_prepositions")
        self.dest_preps = ontology.words("destination_prepositions")
        self.target_preps = ontology.words("attack_target_prepositions")
        self.there = ontology.words("there_adverbs")
        self.anaphoric = ontology.words("anaphoric_determiners")
        self.civilian = ontology.words("civilian_nouns")
        self.armed = ontology.words("armed_nouns")
        self.habitual = ontology.words("habitual_adverbs")
        self.place_nouns = ontology.words("place_head_nouns")
        self.owned_nouns = ontology.words("owned_head_nouns")  # "the U.S. embassy": no place of the US
        responsibility = ontology.lexicon.get("responsibility") or {}
        self.stand_ins = tuple(str(p) for p in responsibility.get("placeholder_actor_prefixes", ()))
        self.groups = GroupPhrases(ontology, index, self.stand_ins)
        self.armed_kinds = ontology.words("armed_actor_kinds")
        self.state_kinds = ontology.words("state_actor_kinds")
        self.civilian_kinds = ontology.words("civilian_actor_kinds")
        self.crowd_kinds = ontology.words("crowd_actor_kinds")  # party members fight as a crowd (ACLED)
        self.state_nouns = ontology.words("state_nouns")  # "soldiers", "police": a state's forces
        self.public_kinds = self.state_kinds | self.civilian_kinds  # a country's name is theirs too
        self.pair_preps = ontology.words("clash_pair_prepositions")
        self.opponent_preps = ontology.words("clash_opponent_prepositions")
        self.clash_types = ontology.words("clash_types")
        self.behind_preps = ontology.words("responsibility_prepositions")
        self.speaker_pronouns = ontology.words("speaker_pronouns")
        self.speech_verbs = ontology.words("speech_verbs")
        self.counts = CountReader(ontology, index)
        self.background = background

    # --- the whole reading -------------------------------------------------------------------------

    def read(self, draft: EventDraft, stop: frozenset[int]) -> None:
        doc = self.doc
        first = doc[draft.primary]
        draft.support = self._support(draft, stop)
        heads = [doc[i] for i in draft.tokens] + ([doc[draft.support]] if draft.support is not None else [])
        others = stop - draft.phrase - {draft.support}  # other triggers (phrase: this one's tokens)
        domain: list[Token] = []
        # a protest's words take in the triggers inside it ("blocked a road with burning tyres")
        blocked = frozenset() if draft.family == "protest" else others
        for h in heads:
            domain.extend(clause_tokens(h, stop=blocked))
        seen = set()
        domain = [t for t in domain if not (t.i in seen or seen.add(t.i))]
        if draft.family == "protest":  # what a protest is against or demands is not how it went
            topic = self.background.topic_tokens(heads)
            domain = [t for t in domain if t.i not in topic]
        else:
            topic = set()
        domain = [t for t in domain if not (t.pos_ == "PROPN" and self.index.at(t.i, "place"))]  # "Tyre"
        draft.context = {t.lemma_.lower() for t in domain} | {t.lower_ for t in domain}
        for h in heads:
            draft.context.update(c.lemma_.lower() for c in children_of(h) if c.i not in topic)
        if draft.etype.wide_context:
            for n, a in enumerate(first.ancestors):
                if n >= 3:
                    break
                draft.context.add(a.lemma_.lower())
                draft.context.update(c.lemma_.lower() for c in children_of(a) if c.i not in topic)
                # "demonstrators barricaded roads with burning tires": the means, with its modifiers
                means = [a, *(c for c in children_of(a) if c.dep_ == "dobj")]  # "barricaded roads with ..."
                for _, obj in (p for m in means for p in pobjs(m, frozenset({"with", "using"}))):
                    draft.context.update(t.lemma_.lower() for t in [obj, *children_of(obj)])
        self._roles(draft, heads)
        self._places(draft, heads, others)
        self._date(draft, domain)
        self.counts.casualties(draft, heads, domain)
        if first.lemma_.lower() in _BODY_NOUNS:
            found_body(draft, first)
        if draft.family in _SIZE_FAMILIES or draft.etype.id == "deployment":
            self.counts.size(draft, heads)
        first_det = {c.lower_ for c in children_of(first) if c.dep_ in ("det", "poss")}
        draft.definite = first.pos_ in ("NOUN", "PROPN") and bool(first_det & self.anaphoric)
        bare_plural = first.tag_ == "NNS" and not any(
            c.dep_ in ("det", "nummod", "poss") for c in children_of(first)
        )
        draft.generic = (
            bare_plural
            and (
                not (draft.own_place or draft.date or draft.fatalities or draft.actors or draft.size)
                or described(first)  # "Attacks on police are frequent in Iraq."
            )
            or any(c.dep_ == "advmod" and c.lower_ in self.habitual for c in children_of(first))
        )
        # "Ashqelon is often targeted": what happens as a rule, not an event
        draft.there = any(
            c.lower_ in self.there and c.dep_ == "advmod" for h in heads for c in children_of(h)
        )

    def _support(self, draft: EventDraft, stop: frozenset[int]) -> int | None:
        """The verb that carries a nominal trigger: "launched an attack", "hurled bombs", "damaged the
        mains with a bomb"; for a modifier noun ("a grenade attack") the noun it modifies is read."""
        doc = self.doc
        nouns = [doc[draft.primary], *(doc[i] for i in sorted(draft.tokens) if i != draft.primary)]
        for noun in nouns:
            if noun.pos_ not in ("NOUN", "PROPN") or noun.head.i == noun.i:
                continue
            if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" and noun.head.head.i != noun.head.i:
                noun = noun.head  # "launched a grenade attack": the attack is what was launched
            head = noun.head
            if noun.dep_ == "pobj" and head.lower_ in ("with", "using") and head.head.i != head.i:
                head = head.head  # "damaged the gas mains with a homemade bomb": the weapon's verb
                carries = True
            else:
                carries = head.lemma_.lower() in self.light_verbs or noun.dep_ in ("dobj", "nsubjpass")
                # "the attack occurred in Kirkuk", "the explosion took place at a market"
                carries = carries or (noun.dep_ == "nsubj" and self._occurs(head))
            if head.pos_ in ("VERB", "AUX") and carries and (head.i not in stop or head.i in draft.tokens):
                return head.i
        return None

    def _occurs(self, verb: Token) -> bool:
        """Is ``verb`` one of happening ("occurred", "happened", "took place")?"""
        lemma, objects = verb.lemma_.lower(), {c.lower_ for c in children_of(verb) if c.dep_ == "dobj"}
        return lemma in self.occurrence_verbs or any(f"{lemma} {o}" in self.occurrence_verbs for o in objects)

    # --- actors and targets ------------------------------------------------------------------------

    def actors_at(self, token: Token | None, *, deep: bool = True) -> list[str]:
        if token is None:
            return []
        near = [token, *token.conjuncts]
        for t in list(near):
            near.extend(c for c in children_of(t) if c.dep_ in ("compound", "amod", "poss", "nmod", "appos"))
        ids = [m.record.get("id") for t in near for m in self.index.at(t.i, "actor")]
        groups = [
            m.record.get("id") for t in self.groups.groups_of(near) for m in self.index.at(t.i, "actor")
        ]
        if groups:  # "gunmen from the NLFT": the group, not a stand-in for unidentified gunmen
            ids = [i for i in ids if not str(i).startswith(self.stand_ins)] + groups
        if not ids and any(t.lower_ in self.speaker_pronouns for t in near):
            ids = self.speaker_actors(token)
        if not ids:
            ids = self.groups.antecedent(token) or self.groups.listed(token)
        if ids or not deep:
            return _unique([str(i) for i in ids if i])[:3]
        restated = frozenset(c.i for c in children_of(token) if c.dep_ == "appos")  # "bombs, the X cafe,"
        phrase = (t.i for t in clause_tokens(token, stop=restated))
        inner = [m.record.get("id") for m in self.index.in_tokens(phrase, "actor")]
        return _unique([str(i) for i in inner if i])[:3]

    def _second_subjects(self, verb: Token, subject: Token) -> list[str]:
        """The actors of a verb's other subjects when its subject names none: "A militant group, the
        JTMM-J claimed ..." parsed with the group's name as a second subject."""
        if self.actors_at(subject, deep=False):
            return []
        others = [c for c in children_of(verb) if c.dep_ == "nsubj" and c.i != subject.i]
        return _unique([a for c in others for a in self.actors_at(c, deep=False)])

    def speaker_actors(self, token: Token) -> list[str]:
        """The actor a pronoun stands for in a clause that actor reports: "X said it was behind"."""
        verb = token.head
        for _ in range(4):
            if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in self.speech_verbs:
                speaker = subject_of(verb.head, index=self.index)
                return self.actors_at(speaker, deep=False) if speaker is not None else []
            if verb.head.i == verb.i or verb.dep_ not in ("conj", "xcomp", "ccomp", "prep", "pobj"):
                return []
            verb = verb.head
        return []

    def _own_actors(self, token: Token) -> list[str]:
        """Actors named at ``token`` or its modifiers, in text order."""
        mods = ("compound", "amod", "poss", "nmod", "appos")
        near = [token, *(c for c in children_of(token) if c.dep_ in mods)]
        near += [c for t in near[1:] for c in t.conjuncts]  # "the Taliban and Afghan soldiers" mis-parsed
        found = sorted((m.start, str(m.record.get("id"))) for t in near for m in self.index.at(t.i, "actor"))
        return _unique([i for _, i in found])

    def _clash_sides(
        self, draft: EventDraft, heads: list[Token], actors: list[str], targets: list[str]
    ) -> None:
        """Fighting "between X and Y" gives X as actor and Y as target; "clashed with Y" gives Y a target."""
        anchors = list(heads)
        for h in heads:
            if h.dep_ in ("nsubj", "nsubjpass") and h.head.pos_ in ("VERB", "AUX"):
                anchors.append(h.head)  # "fighting broke out between ..."
        for a in anchors:
            for _, obj in pobjs(a, self.pair_preps):
                ids = self._own_actors(obj)
                if not actors and ids:
                    actors.append(ids.pop(0))
                    draft.agents |= self._kinds(obj)
                    if not ids:
                        continue
                targets += ids
                draft.opposed(self._kinds(obj))
        for h in heads:
            if h.i in draft.tokens:
                for _, obj in pobjs(h, self.opponent_preps):
                    targets += self._own_actors(obj)
                    draft.opposed(self._kinds(obj))
            if h.lemma_.lower() in ("repel", "repulse", "rebuff") and h.pos_ == "VERB":
                # "troops repelled the ATTF": the repelled side attacked, and leads
                obj = next((c for c in children_of(h) if c.dep_ in ("dobj", "obj")), None)
                attackers = [i for i in (self._own_actors(obj) if obj is not None else []) if i not in actors]
                actors[:0] = attackers
                targets[:] = [t for t in targets if t not in attackers]

    def _kinds(self, token: Token | None) -> set[str]:
        if token is None:
            return set()
        out: set[str] = set()
        for t in [token, *token.conjuncts, *self.groups.groups_of([token])]:
            words = {t.lemma_.lower(), t.lower_}
            mods = {c.lemma_.lower() for c in children_of(t) if c.dep_ in ("amod", "compound")}  # "army post"
            off = off_duty(t)  # "an off-duty policeman", "a former soldier": no armed side (ACLED)
            if words & self.civilian or off:
                out.add("civilian")
            elif words & self.armed:  # "soldiers", "military forces": a state's forces even when unnamed
                out |= {"armed", "state"} if (mods | words) & self.state_nouns else {"armed"}
            if self.groups.crowd(t):
                out.add("crowd")  # people acting as a crowd ("residents lynched a man"), not "a man"
            if mods & {"armed", "masked"}:
                out.add("armed")  # "armed individuals", "masked men"
            if t.pos_ == "NOUN" and mods & self.armed:
                out.add("armed")  # "the gendarmerie station", "an army post": held by armed men
            for m in self.index.in_tokens(range(t.left_edge.i, t.i + 1), "actor"):  # "Houthi security forces"
                kind = str(m.record.get("kind") or "").lower()
                if kind in self.civilian_kinds | self.crowd_kinds:
                    out.add("civilian" if kind in self.civilian_kinds else "crowd")
                if kind in self.armed_kinds and not off:
                    out.add("armed")
                state = str(m.record.get("acled_name") or "").startswith(("Military Forces", "Police Forces"))
                out |= {"state"} if kind in self.state_kinds or state else set()  # Houthis: a de facto state
        return out

    def _roles(self, draft: EventDraft, heads: list[Token]) -> None:
        actors: list[str] = []
        targets: list[str] = []
        for h in heads:
            if h.pos_ in ("VERB", "AUX"):
                subj = subject_of(h, index=self.index)
                if is_passive(h):
                    agent = agent_of(h)
                    actors += self.actors_at(agent)
                    draft.agents |= self._kinds(agent)
                    victim = next((c for c in children_of(h) if c.dep_ == "nsubjpass"), None)
                    if victim is None and h.dep_ in ("acl", "amod"):
                        victim = h.head
                elif h.lemma_.lower() in DEATH_VERBS:
                    victim = subj  # "eight people died": who died, not who killed
                else:
                    if subj is not None:
                        actors += self._second_subjects(h, subj) or self.actors_at(subj)
                        draft.agents |= self._kinds(subj)
                    actors[:0] = [
                        a for o in on_behalf_of(h, self.behalf) for a in self.actors_at(o, deep=False)
                    ]
                    victim = next((c for c in children_of(h) if c.dep_ in ("dobj", "obj")), None)
                if victim is not None and h.i in draft.tokens:
                    targets += self.actors_at(victim, deep=False)
                    draft.victims |= self._kinds(victim)
                if h.i in draft.tokens:
                    for _, obj in pobjs(h, self.target_preps):
                        targets += self.actors_at(obj, deep=False)
                        draft.victims |= self._kinds(obj)
            else:
                for c in children_of(h):
                    if c.dep_ in ("poss", "compound", "amod", "nmod") and self.index.at(c.i, "actor"):
                        actors += self.actors_at(c, deep=False)
                        draft.agents |= self._kinds(c)
                    elif c.dep_ in ("compound", "amod") and c.lower_ in self.armed:
                        draft.agents.add("armed")
                for _, obj in pobjs(h, frozenset({"by"})):
                    actors += self.actors_at(obj)
                    draft.agents |= self._kinds(obj)
                for _, obj in pobjs(h, frozenset({"from"})):
                    # "a bomb attack from the FARC": an armed group's act ("from Gaza" is a place)
                    groups = [
                        m for m in self.index.at(obj.i, "actor") if m.record.get("kind") == "militant_group"
                    ]
                    if groups:
                        actors += self.actors_at(obj, deep=False)
                        draft.agents.add("armed")
                for _, obj in pobjs(h, self.target_preps | {"of"}):
                    targets += self.actors_at(obj, deep=False)
                    draft.victims |= self._kinds(obj)
                prep = h.head
                if (
                    h.dep_ == "pobj"
                    and prep.lower_ in self.behind_preps
                    and prep.head.pos_ in ("VERB", "AUX")
                ):
                    # "the group said it was behind the blast"
                    behind = subject_of(h.head.head, index=self.index)
                    actors += self.actors_at(behind, deep=False)
                    draft.agents |= self._kinds(behind)
        if draft.etype.id in self.clash_types:
            self._clash_sides(draft, heads, actors, targets)
        draft.actors = _unique(actors)
        draft.targets = [t for t in _unique(targets) if t not in draft.actors]

    # --- places ------------------------------------------------------------------------------------

    def _walk_places(self, roots: list[Token], blocked_preps: frozenset[str], stop: frozenset[int]) -> list:
        found = []
        seen: set[int] = set()
        frontier = [(r, 0) for r in roots]
        while frontier:
            token, d = frontier.pop(0)
            if token.i in seen:
                continue
            seen.add(token.i)
            found.extend(m for m in self.index.at(token.i, "place") if not self.attributive(m))
            if d >= 6:
                continue
            for child in children_of(token):
                if not walks_to(token, child, d, blocked_preps) or child.i in stop:
                    continue
                frontier.append((child, d + 1))
        return found

    def is_actor_name(self, mention) -> bool:  # type: ignore[no-untyped-def]
        """Whether a place mention's words are also the name of an actor that is no state ("Hamas",
        read as the group, not as Hamm): a country's name is its state's too, and stays a place."""
        return any(
            a.start <= mention.start
            and mention.end <= a.end
            and a.record.get("kind") not in self.public_kinds
            for a in self.index.at(mention.start, "actor")
        )

    def attributive(self, mention) -> bool:  # type: ignore[no-untyped-def]
        """Whether a place names a kind of thing, not where: "the US dollar", "the US-led coalition", a
        country or province modifying a common noun that is no place ("embassy" is one; a town before
        a noun is where the thing is); or an actor ("Hamas")."""
        if self.is_actor_name(mention):
            return True
        doc, end = self.doc, mention.end
        if end + 1 < len(doc) and doc[end].text == "-" and not doc[end].whitespace_ and doc[end + 1].is_lower:
            return True  # a compound adjective: "Kabul-based", "Afghan-made"
        last = doc[end - 1]
        head = last.head
        if last.dep_ not in ("compound", "amod", "nmod") or not mention.end <= head.i or head.pos_ != "NOUN":
            return False
        if extents.owned_by_country(doc, mention, self.owned_nouns):
            return True  # a country owns its embassy or base; it is not where they stand
        if self.index.at(head.i, "place") or place_rank(mention.record) == 0:
            return False  # a town names where the thing is: "an Ashdod banquet hall", "a Kabul hotel"
        return head.lemma_.lower() not in self.place_nouns

    def _first_place(self, token: Token) -> dict[str, Any] | None:
        return next((m.record for m in self._walk_places([token], frozenset(), frozenset())), None)

    def _places(self, draft: EventDraft, heads: list[Token], stop: frozenset[int]) -> None:
        blocked = set(draft.etype.topic_prepositions)
        if draft.family == "movement":
            for h in heads:
                for _, obj in pobjs(h, self.origin_preps):
                    place = self._first_place(obj)
                    if place and draft.origin is None:
                        draft.origin = place.get("id")
                for _, obj in pobjs(h, self.dest_preps):
                    place = self._first_place(obj)
                    if place and draft.destination is None:
                        draft.destination = place.get("id")
                if draft.destination is None and h.pos_ == "VERB":
                    obj = next((c for c in children_of(h) if c.dep_ == "dobj"), None)
                    place = self._first_place(obj) if obj is not None else None
                    if place:
                        draft.destination = place.get("id")
            blocked |= self.origin_preps | self.dest_preps
        roots = list(heads)
        found = self._walk_places(roots, frozenset(blocked), stop)
        lemmas = {self.doc[i].lemma_.lower() for i in draft.tokens}
        if lemmas & draft.etype.place_from_subject:
            for h in heads:
                subj = subject_of(h, index=self.index)
                if subj is not None:
                    found = self.index.at(subj.i, "place") + found
        if found:
            # "Yathrib, near Balad": Yathrib, not Balad; a road's ends only when nothing else is named
            order = place_order(m.record for m in found)
            best = min(
                found,
                key=lambda m: (m.route, *order(m.record), self.index.reference_point(m), found.index(m)),
            )
            best = self.index.finer_in_country(
                best, draft.sent, lambda m: None if self.attributive(m) else place_rank(m.record)
            )
            if lemmas & draft.etype.place_from_subject and self.index.at(found[0].start, "place"):
                best = found[0]
            draft.place = self.index.coded_place(draft.fields, best.record)
            draft.geo_precision = geo_precision_of(draft.place)
            draft.own_place = True
        elif draft.destination is not None:
            draft.place = self.index.place_by_id.get(draft.destination)
            draft.geo_precision = geo_precision_of(draft.place) if draft.place else None

    def sentence_place(self, draft: EventDraft) -> None:
        """Fall back to a place of the sentence (coarser precision), not origin, destination or topic."""
        skip = {draft.origin, draft.destination}
        topic_tokens: set[int] = set()
        for i in [*draft.tokens, *([draft.support] if draft.support is not None else [])]:
            for _, obj in pobjs(self.doc[i], frozenset(draft.etype.topic_prepositions)):
                topic_tokens.update(nominal_subtree(obj))
        cands = [
            m
            for m in self.index.in_range(draft.sent.start, draft.sent.end, "place")
            if m.record.get("id") not in skip and m.start not in topic_tokens and not self.attributive(m)
        ]
        if cands:
            order = place_order(m.record for m in cands)
            best = min(cands, key=lambda m: (m.route, *order(m.record), abs(m.start - draft.primary)))
            draft.place = self.index.coded_place(draft.fields, best.record)
            draft.geo_precision = min(3, geo_precision_of(draft.place) + 1)

    # --- date --------------------------------------------------------------------------------------

    def _date(self, draft: EventDraft, domain: list[Token]) -> None:
        dates = self.index.in_tokens((t.i for t in domain), "date")
        draft.date_own = bool(dates)
        if not dates:
            in_sent = self.index.in_range(draft.sent.start, draft.sent.end, "date")
            dates = sorted(in_sent, key=lambda m: abs(m.start - draft.primary))[:1]
        if dates:
            record = dict(dates[0].record)
            draft.date = record
            draft.time_precision = {"day": 1, "week": 2}.get(str(record.get("precision")), 3)
        elif self.published:
            draft.date = {
                "text": "",
                "span": None,
                "start": self.published,
                "end": self.published,
                "precision": "day",
                "relative": False,
                "resolved": True,
                "from_published": True,
            }
            draft.time_precision = 2


_BODY_NOUNS = frozenset({"body", "corpse"})
