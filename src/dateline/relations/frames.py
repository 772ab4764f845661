"""Where relations are read: role nouns, verbs, adjectives, nominalisations and hyphenated modifiers.

Each ``*_frame`` function looks at one trigger token and returns :class:`RelationCandidate` relations with
their arguments resolved to actors (:class:`~dateline.relations.arguments.ActorRef`). Which words
trigger which predicate is data (:class:`~dateline.relations.lexicon.RelationLexicon`); the code only
knows the syntactic configurations:

- roles: "Punjabi Taliban chief Ismatullah Muawiya", "X, a former Afghan Taliban commander",
  "the Punjab Taliban -- an influential militant faction of the TTP", "X is the leader of Y",
  "the appointment of X as its governor", "named X deputy leader";
- verbs, active or passive: "X backs Y", "the bloc led by X", "the attack was claimed by X",
  "they will not allow ISIL" (a negated entry), "X broke away from Y", "accusing X of supporting Y"
  (the accused is the subject of the inner clause);
- adjectives: "fighters loyal to X", "X, allied with Y"; nouns: "the breakaway of X from Y",
  "X declared their allegiance to Y"; hyphenated modifiers: "Iran-backed Houthi rebels".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dateline.nlp.doc_cache import children_of
from dateline.relations.arguments import ActorIndex, ActorRef
from dateline.relations.lexicon import RelationLexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

_VERBAL = frozenset({"VERB", "AUX"})
_NOMINAL = frozenset({"NOUN", "PROPN"})
_OBJECT_CONTROL = frozenset({"pcomp"})


@dataclass
class RelationCandidate:
    """One relation before modality and ids: arguments, trigger and what the frame adds."""

    predicate: str
    trigger: Token
    subject: ActorRef | None
    object: ActorRef | None
    climb: bool = True
    consumed: frozenset[int] = frozenset()
    role: str | None = None
    former: bool = False
    event: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class FrameReader:
    """Turns trigger tokens into candidates, given the document's :class:`ActorIndex`."""

    def __init__(self, index: ActorIndex, lexicon: RelationLexicon) -> None:
        self.index = index
        self.lex = lexicon
        self.role_modifiers: dict[str, dict[str, Any]] = lexicon.table("role_modifiers")
        self.role_preps = lexicon.words("role_prepositions")
        self.copulas = lexicon.words("copulas")
        self.appointment = lexicon.words("appointment")
        self.light_verbs = lexicon.words("light_verbs")
        self.event_nouns = lexicon.words("event_nouns")
        self.accusation_nouns = lexicon.words("accusation_nouns")
        self.hyphen: dict[str, str] = lexicon.table("hyphen_suffixes")

    # --- helpers ----------------------------------------------------------------------------------

    @staticmethod
    def child(token: Token, *deps: str) -> Token | None:
        return next((c for c in children_of(token) if c.dep_ in deps), None)

    @staticmethod
    def pobj_of(token: Token, preps: set[str] | frozenset[str]) -> Token | None:
        """The object of a preposition attached to ``token`` or to its particle ("broke away from")."""
        children = list(children_of(token))
        children += [g for c in children if c.dep_ in ("prt", "advmod") for g in children_of(c)]
        for c in children:
            if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
                obj = next((g for g in children_of(c) if g.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    return obj
        return None

    @staticmethod
    def is_passive(verb: Token) -> bool:
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in children_of(verb)):
            return True
        return verb.dep_ == "acl" and verb.tag_ == "VBN"

    def agent_of(self, verb: Token) -> Token | None:
        """The doer of a verb: its subject, the "by" agent when passive, or one inherited."""
        if self.is_passive(verb):
            agent = self.child(verb, "agent")
            return self.child(agent, "pobj") if agent is not None else None
        return self.subject_of(verb)

    def subject_of(self, verb: Token) -> Token | None:
        """The grammatical subject, looking through conjuncts, control verbs and participles."""
        for _ in range(6):
            subj = self.child(verb, "nsubj", "csubj")
            if subj is not None:
                return subj
            head = verb.head
            if verb.dep_ in ("conj", "xcomp", "advcl") and head.pos_ in _VERBAL and head.i != verb.i:
                if verb.dep_ == "xcomp":
                    passive_subj = self.child(head, "nsubjpass")
                    if passive_subj is not None:
                        return passive_subj
                verb = head
                continue
            if verb.dep_ == "acl" and verb.tag_ == "VBG":
                return head
            if verb.dep_ in _OBJECT_CONTROL and head.dep_ == "prep" and head.head.pos_ in _VERBAL:
                governor = head.head  # "accusing Pakistan of supporting", "was accused of supporting"
                obj = self.child(governor, "nsubjpass") if self.is_passive(governor) else None
                return obj or self.child(governor, "dobj") or self.subject_of(governor)
            return None
        return None

    def theme_of(self, verb: Token) -> Token | None:
        if self.is_passive(verb):
            subj = self.child(verb, "nsubjpass")
            if subj is not None:
                return subj
            return verb.head if verb.dep_ == "acl" else None
        dobj = self.child(verb, "dobj")
        if dobj is not None:
            return dobj
        for c in children_of(verb):  # "will not allow al-Qaeda to use": the subject of the infinitive
            if c.dep_ in ("ccomp", "xcomp") and any(
                g.lower_ == "to" and g.dep_ == "aux" for g in children_of(c)
            ):
                subj = self.child(c, "nsubj")
                if subj is not None:
                    return subj
        return None

    def refs(
        self, token: Token | None, exclude: frozenset[str] = frozenset(), skip: Token | None = None
    ) -> list[ActorRef]:
        if token is None:
            return []
        return [self.index.resolve(t, exclude, skip) for t in self.index.with_conjuncts(token)]

    def _pair(
        self, predicate: str, trigger: Token, subjects: list[ActorRef], objects: list[ActorRef], **kw: Any
    ) -> list[RelationCandidate]:
        return [RelationCandidate(predicate, trigger, s, o, **kw) for s in subjects for o in objects]

    # --- roles ------------------------------------------------------------------------------------

    def role_frame(self, r: Token) -> list[RelationCandidate]:
        entry = self.lex.roles.get(r.lemma_.lower()) or self.lex.roles.get(r.lower_)
        if entry is None or r.pos_ not in _NOMINAL:
            return []
        predicate, former = str(entry["predicate"]), False
        modified = False
        for c in r.lefts:
            mod = self.role_modifiers.get(c.lower_) or self.role_modifiers.get(c.lemma_.lower())
            if mod is not None and c.dep_ in ("amod", "compound", "nmod", "advmod"):
                former = former or bool(mod.get("former"))
                if "predicate" in mod:
                    predicate, modified = str(mod["predicate"]), True
        holder, climb, appointer_from = self._holder(r)
        if holder is None:
            return []
        holders = self.refs(holder)
        if not holders or all(h.actor is None for h in holders):
            return []
        exclude = frozenset(h.actor for h in holders if h.actor)
        org_token = self.pobj_of(r, self.role_preps)
        if org_token is not None and not modified and "with_prep" in entry:
            predicate = str(entry["with_prep"])
        orgs = (
            [o for o in self.refs(org_token, exclude) if o.actor is not None] if org_token is not None else []
        )
        if not orgs and entry.get("needs_org") != "prep":
            poss = self.child(r, "poss")
            if poss is not None:
                orgs = [self.index.resolve(poss, exclude)]
            else:
                found = self._modifier_actor(r, exclude)
                orgs = [found] if found is not None else []
        orgs = [o for o in orgs if o.actor is not None]
        if not orgs:
            return []
        if entry.get("reverse"):
            out = self._pair(predicate, r, orgs, holders, climb=climb, former=former, role=r.lemma_.lower())
        else:
            out = self._pair(predicate, r, holders, orgs, climb=climb, former=former, role=r.lemma_.lower())
        if appointer_from is not None:
            for h in holders:
                for o in orgs:
                    body = o if o.kind != "person" else self._appointer(appointer_from, exclude)
                    if body is not None and body.actor is not None and body.actor != h.actor:
                        out.append(
                            RelationCandidate("appointed", r, h, body, climb=True, role=r.lemma_.lower())
                        )
        return out

    def _holder(self, r: Token) -> tuple[Token | None, bool, Token | None]:
        """Who holds the role: (head token, whether the clause's modality applies, appointment word)."""
        index = self.index
        if r.dep_ == "appos":
            return r.head, False, None
        if r.dep_ in ("compound", "nmod") and r.head.pos_ == "PROPN":
            return r.head, False, None
        for c in r.rights:
            if c.dep_ == "appos" and index.mention_at(c) is not None:
                return c, False, None
        head = r.head
        if r.dep_ == "attr" and head.lemma_.lower() in self.copulas:
            return self.subject_of(head) or self.child(head, "nsubjpass"), True, None
        if r.dep_ == "pobj" and head.lower_ == "as":
            governor = head.head
            appointment = self._appointment_near(head)
            if governor.lemma_.lower() in self.appointment and governor.pos_ in _NOMINAL:
                ofs = [
                    t
                    for t in governor.subtree
                    if t.lower_ == "of" and t.i < head.i and (t.head.i == governor.i or t.dep_ == "conj")
                ]  # "appointment of X as"
                pobj = next((g for g in children_of(ofs[-1]) if g.dep_ == "pobj"), None) if ofs else None
                return pobj, True, governor
            if governor.pos_ in _NOMINAL or governor.pos_ == "PRON":
                return governor, True, appointment
            if governor.lemma_.lower() in self.copulas:
                return self.subject_of(governor), True, appointment
            holder = (
                self.child(governor, "dobj") or self.child(governor, "nsubjpass") or self.subject_of(governor)
            )
            return holder, True, appointment
        if r.dep_ in ("oprd", "xcomp", "ccomp", "dobj", "attr") and head.lemma_.lower() in self.appointment:
            holder = next(
                (c for c in children_of(head) if c.dep_ in ("dobj", "nsubjpass") and c.i != r.i), None
            )
            return holder, True, head
        return None, False, None

    def _appointment_near(self, token: Token) -> Token | None:
        """An appointment word governing ``token`` or beside one of its governors."""
        node = token
        for _ in range(8):
            if node.lemma_.lower() in self.appointment:
                return node
            for c in children_of(node):
                if c.pos_ in _NOMINAL and c.lemma_.lower() in self.appointment and c.i < token.i:
                    return c
            if node.head.i == node.i:
                return None
            node = node.head
        return None

    def _appointer(self, appointment: Token, exclude: frozenset[str]) -> ActorRef | None:
        """Who made an appointment: the verb's doer, or the subject of the clause reporting it."""
        if appointment.pos_ in _VERBAL:
            agent = self.agent_of(appointment)
            if agent is not None:
                return self.index.resolve(agent, exclude)
        poss = self.child(appointment, "poss")
        if poss is not None:
            return self.index.resolve(poss, exclude)
        node = appointment
        while node.head.i != node.i:
            node = node.head
            if node.pos_ in _VERBAL:
                subj = self.child(node, "nsubj")
                if subj is not None and subj.i != appointment.i and not subj.is_ancestor(appointment):
                    ref = self.index.resolve(subj, exclude)
                    if ref.actor is not None:
                        return ref
        return None

    def _modifier_actor(self, r: Token, exclude: frozenset[str]) -> ActorRef | None:
        """An actor named in the words before a role noun: "Afghan Taliban commander"."""
        for c in sorted(r.lefts, key=lambda t: -t.i):
            if c.dep_ not in ("compound", "amod", "nmod", "npadvmod"):
                continue
            for i in range(c.right_edge.i, c.left_edge.i - 1, -1):
                m = self.index.by_token.get(i)
                if m is not None and m.actor not in exclude:
                    return self.index.ref(m)
        return None

    # --- verbs and adjectives ---------------------------------------------------------------------

    def verb_frame(self, v: Token, events: list[dict[str, Any]]) -> list[RelationCandidate]:
        if v.pos_ not in _VERBAL and not (v.tag_ == "VBN" or v.tag_ == "VBG"):
            return []
        out: list[RelationCandidate] = []
        for entry in self.lex.verbs.get(v.lemma_.lower(), ()):
            out.extend(self._verb_entry(v, entry, events))
        return out

    def _verb_entry(
        self, v: Token, entry: dict[str, Any], events: list[dict[str, Any]]
    ) -> list[RelationCandidate]:
        predicate = str(entry["predicate"])
        consumed: frozenset[int] = frozenset()
        if entry.get("negated"):
            neg = self.child(v, "neg")
            if neg is None:
                return []
            consumed = frozenset({neg.i})
        passive = self.is_passive(v)
        specs = list(entry.get("object", ["theme"]))
        theme = self.theme_of(v)
        if entry.get("passive_only") and not passive:
            return []
        wanted = {str(x).lower() for x in entry.get("theme_lemmas", ())}
        if wanted and (theme is None or theme.lemma_.lower() not in wanted):
            return []
        if entry.get("theme_is_event") and (theme is None or theme.lemma_.lower() not in self.event_nouns):
            return []
        if "theme" in specs or "event" in specs or "theme_lemmas" in entry or entry.get("theme_is_event"):
            doer = self.agent_of(v)
        else:  # the relation is read from a preposition: the grammatical subject is the subject
            doer = self.child(v, "nsubjpass") or theme if passive else self.subject_of(v)
        subjects = self.refs(doer, skip=v)
        if not subjects:
            return []
        exclude = frozenset(s.actor for s in subjects if s.actor)
        objects: list[ActorRef] = []
        event_id: str | None = None
        extra: dict[str, Any] = {}
        for spec in specs:
            if spec == "theme" and theme is not None:
                objects = self.refs(theme, exclude, skip=v)
            elif spec.startswith("prep:"):
                prep = spec.split(":", 1)[1]
                target = self.pobj_of(v, {prep}) or (
                    self.pobj_of(theme, {prep}) if theme is not None else None
                )
                if target is not None:
                    objects = self.refs(target, exclude, skip=v)
            elif spec == "event":
                obj, event_id, words = self._claimed(v, theme, events, exclude)
                objects = [obj] if obj is not None else []
                extra["object_words"] = words
            elif spec == "accuser":
                if (
                    theme is not None
                    and self.index._antecedent_of_relative(theme).lemma_.lower() in self.accusation_nouns
                ):
                    antecedent = self.index._antecedent_of_relative(theme)
                    extra["accusation"] = antecedent
                    extra["object_words"] = self.index.unnamed(antecedent)
                    objects = []
                else:
                    return []
            if objects:
                break
        if not objects and predicate in self.lex.words("object_optional"):
            return [
                RelationCandidate(predicate, v, s, None, consumed=consumed, event=event_id, extra=extra)
                for s in subjects
            ]
        return self._pair(predicate, v, subjects, objects, consumed=consumed, event=event_id, extra=extra)

    def _claimed(
        self, v: Token, theme: Token | None, events: list[dict[str, Any]], exclude: frozenset[str]
    ) -> tuple[ActorRef | None, str | None, ActorRef | None]:
        """What a claim of responsibility is about: the event read from the same sentence, its target."""
        sent = v.sent
        words = None
        if theme is not None:
            about = (
                self.pobj_of(theme, {"for"})
                if theme.lemma_.lower() in ("responsibility", "credit")
                else theme
            )
            if about is not None:
                words = self.index.unnamed(about)
        for event in events:
            spans = [m.get("span") for m in event.get("evidence") or [] if isinstance(m, dict)]
            if not any(s and s[0] < sent.end_char and sent.start_char < s[1] for s in spans):
                continue
            if str(event.get("type", "")).startswith("claim"):
                continue
            for target in event.get("targets") or []:
                if target not in exclude:
                    kind = self.index.kinds.get(target)
                    return (
                        ActorRef(str(target), kind, "", (sent.start_char, sent.start_char)),
                        event.get("id"),
                        words,
                    )
            return None, event.get("id"), words
        return None, None, words

    def adjective_frame(self, a: Token) -> list[RelationCandidate]:
        entries = self.lex.adjectives.get(a.lower_) or self.lex.adjectives.get(a.lemma_.lower())
        if not entries or a.pos_ not in ("ADJ", "VERB"):
            return []
        if a.dep_ in ("amod", "acl", "appos"):
            holder = a.head
        elif a.dep_ in ("acomp", "oprd"):
            holder = self.subject_of(a.head) or self.child(a.head, "nsubjpass")
        else:
            holder = self.child(a, "nsubj", "nsubjpass")
        subjects = self.refs(holder)
        exclude = frozenset(s.actor for s in subjects if s.actor)
        out: list[RelationCandidate] = []
        for entry in entries:
            for spec in entry.get("object", []):
                target = self.pobj_of(a, {spec.split(":", 1)[1]}) if spec.startswith("prep:") else None
                if target is not None:
                    out.extend(self._pair(str(entry["predicate"]), a, subjects, self.refs(target, exclude)))
                    break
        return out

    # --- nouns and hyphenated modifiers -----------------------------------------------------------

    def noun_frame(self, n: Token) -> list[RelationCandidate]:
        entries = self.lex.nouns.get(n.lemma_.lower())
        if not entries or n.pos_ not in _NOMINAL:
            return []
        out: list[RelationCandidate] = []
        for entry in entries:
            subjects: list[ActorRef] = []
            objects: list[ActorRef] = []
            governor = (
                n.head if n.dep_ in ("dobj", "attr") and n.head.lemma_.lower() in self.light_verbs else None
            )
            doer = self.agent_of(governor) if governor is not None else None
            if doer is not None:
                subjects = self.refs(doer)
            else:
                for spec in entry.get("subject", []):
                    token = self._noun_arg(n, spec)
                    if spec == "between" and token is not None:
                        pair = self.index.with_conjuncts(token)
                        if len(pair) >= 2:
                            subjects, objects = [self.index.resolve(pair[0])], [self.index.resolve(pair[1])]
                            break
                        continue
                    if token is not None:
                        subjects = self.refs(token, skip=n)
                        break
            if not subjects and entry["predicate"] in self.lex.words("subject_optional"):
                subjects = [ActorRef(None, None, "", (n.idx, n.idx))]
            exclude = frozenset(s.actor for s in subjects if s.actor)
            if not objects:
                for spec in entry.get("object", []):
                    prep = spec.split(":", 1)[1]
                    target = self.pobj_of(n, {prep}) or (
                        self.pobj_of(governor, {prep}) if governor is not None else None
                    )
                    if target is not None:
                        objects = self.refs(target, exclude, skip=n)
                        break
            out.extend(self._pair(str(entry["predicate"]), n, subjects, objects))
        return out

    def _noun_arg(self, n: Token, spec: str) -> Token | None:
        if spec == "poss":
            return self.child(n, "poss")
        if spec == "compound":
            return self.child(n, "compound", "amod")
        if spec == "between":
            return self.pobj_of(n, {"between"})
        if spec.startswith("prep:"):
            return self.pobj_of(n, {spec.split(":", 1)[1]})
        return None

    def hyphen_frame(self, w: Token) -> list[RelationCandidate]:
        """ "Iran-backed Houthi rebels": the actor before the hyphen and the noun the modifier qualifies."""
        predicate = self.hyphen.get(w.lower_)
        if predicate is None or w.i < 2 or w.nbor(-1).text not in ("-", "–"):
            return []
        m = self.index.by_token.get(w.i - 2)
        if m is None:
            return []
        subject = self.index.ref(m)
        head = w.head
        if head.i <= w.i:
            head = next(
                (t for t in w.doc[w.i + 1 : w.sent.end] if t.pos_ in _NOMINAL and t.dep_ != "compound"), None
            )
        if head is None:
            return []
        obj = self.index.resolve(head, frozenset({m.actor}))
        if obj.actor is None:
            return []
        return [RelationCandidate(predicate, w, subject, obj, climb=False)]
