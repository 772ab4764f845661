"""How a relation is stated: asserted, reported, alleged, believed, denied, planned, ... and by whom.

The reader walks up the dependency tree from the word that expresses the relation (its trigger):
a negation, modal or hedging adverb attached to the trigger's clause, a conditional ("if"), or a
framing word above it ("said", "accused", "believed", "the allegation that", "according to") decides
the modality; the innermost cue wins. A frame whose source is the relation's own subject ("the Taliban
declared that they will not allow ISIL") is a declaration of the stance itself, so it stays asserted.
Hedges found by the quotes component (``doc._.dateline_hedges``) count as cues too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dateline.nlp.doc_cache import children_of
from dateline.relations.arguments import ActorIndex, ActorRef
from dateline.relations.lexicon import RelationLexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_ATTACHED = frozenset({"aux", "auxpass", "neg", "advmod", "mark", "prep", "npadvmod"})


@dataclass(frozen=True, slots=True)
class Stance:
    modality: str
    source: ActorRef | None = None  # who says so, when a frame names a source


class RelationModalityReader:
    """Reads the modality of relation triggers in one document."""

    def __init__(
        self, doc: Doc, index: ActorIndex, lexicon: RelationLexicon, hedges: list[dict[str, Any]]
    ) -> None:
        self.index = index
        self.frames: dict[str, str] = lexicon.table("frames")
        self.adverbs: dict[str, str] = lexicon.table("frame_adverbs")
        self.modals: dict[str, str] = lexicon.table("modals")
        self.conditionals = lexicon.words("conditionals")
        self.negations = lexicon.words("negations")
        self.attribution_preps = lexicon.words("attribution_preps")
        self.stative = lexicon.words("stative")
        self.self_object = lexicon.words("object_is_self_source")
        self.speech_acts = lexicon.words("speech_acts")
        self.hedge_at: dict[int, str] = {}
        for hedge in hedges:
            span = doc.char_span(int(hedge["span"][0]), int(hedge["span"][1]), alignment_mode="expand")
            if span is not None and len(span):
                self.hedge_at.setdefault(span.root.i, str(hedge["modality"]))

    def stance(
        self,
        trigger: Token,
        predicate: str,
        subject: ActorRef | None,
        obj: ActorRef | None,
        *,
        consumed: frozenset[int] = frozenset(),
        climb: bool = True,
    ) -> Stance:
        """The modality of a relation read at ``trigger``; ``consumed`` tokens belong to the cue itself."""
        selves = {r.actor for r in (subject, obj if predicate in self.self_object else None) if r and r.actor}
        node = trigger
        via_conj = False
        while True:
            found = self._attached(
                node, predicate, consumed, is_trigger=node.i == trigger.i, via_conj=via_conj
            )
            if found is not None:
                return found
            if node.i != trigger.i and node.i not in consumed:
                frame = self._frame(node, selves)
                if frame is not None:
                    if frame.modality == "":
                        pass  # a frame voiced by the subject itself: keep climbing
                    else:
                        return frame
            if not climb or node.head.i == node.i:
                return Stance("asserted")
            if predicate in self.speech_acts and node.head.pos_ not in ("VERB", "AUX"):
                return Stance("asserted")  # "a charge that Pakistan has denied": the denial is a fact
            via_conj = node.dep_ == "conj"
            node = node.head

    def _attached(
        self, node: Token, predicate: str, consumed: frozenset[int], *, is_trigger: bool, via_conj: bool
    ) -> Stance | None:
        """A cue attached to ``node``; reached from a conjunct, only "according to" still applies."""
        stative = predicate in self.stative
        for child in children_of(node):
            if child.i in consumed or child.dep_ not in _ATTACHED:
                continue
            if via_conj and child.dep_ != "prep":
                continue
            lower = child.lower_
            if child.dep_ == "neg" or (lower in self.negations and child.dep_ in ("advmod", "neg")):
                return Stance("negated")
            if child.dep_ in ("aux", "auxpass") and lower in self.modals:
                modality = self.modals[lower]
                if modality == "planned" and stative:
                    continue
                return Stance(modality)
            if child.dep_ == "advmod" and lower in self.adverbs:
                return Stance(self.adverbs[lower])
            if child.dep_ == "mark" and lower in self.conditionals:
                return Stance("hypothetical")
            if child.dep_ == "prep" and lower in self.attribution_preps:
                pobj = next((g for g in child.subtree if g.dep_ == "pobj"), None)
                source = self.index.resolve(pobj) if pobj is not None else None
                return Stance("reported", source)
            hedge = self.hedge_at.get(child.i)
            if hedge is not None and not (hedge == "planned" and stative):
                return Stance(hedge)
        if not is_trigger and not via_conj:
            hedge = self.hedge_at.get(node.i)
            if hedge is not None and node.i not in consumed and not (hedge == "planned" and stative):
                return Stance(hedge)
        return None

    def _frame(self, node: Token, selves: set[str]) -> Stance | None:
        modality = self.frames.get(node.lemma_.lower())
        if modality is None:
            return None
        source_token: Token | None = None
        if node.pos_ in ("VERB", "AUX"):
            source_token = next((c for c in children_of(node) if c.dep_ == "nsubj"), None)
            if source_token is None:
                agent = next((c for c in children_of(node) if c.dep_ == "agent"), None)
                if agent is not None:
                    source_token = next((c for c in children_of(agent) if c.dep_ == "pobj"), None)
        elif node.pos_ in ("NOUN", "PROPN"):
            source_token = next((c for c in children_of(node) if c.dep_ == "poss"), None)
        source = self._source(source_token) if source_token is not None else None
        if source is not None and source.actor in selves and modality in ("reported", "planned"):
            return Stance("")
        return Stance(modality, source)

    def _source(self, token: Token) -> ActorRef:
        """Who voices a frame: the subject, or the actor named inside it ("Commander of ... General X")."""
        ref = self.index.resolve(token)
        if ref.actor is not None:
            return ref
        inside = [self.index.by_token[t.i] for t in token.subtree if t.i in self.index.by_token]
        people = [m for m in inside if m.kind == "person"]
        chosen = people[0] if people else (inside[0] if inside else None)
        return self.index.ref(chosen) if chosen is not None else ref
