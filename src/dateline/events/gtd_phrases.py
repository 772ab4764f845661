"""The noun phrases an attack's verbs take: what was attacked (targets) and who was hurt (victims).

GTD codes an attack by its target ("attacked an army post": military) and by whom it aimed at ("shot
dead the deputy mayor": an assassination). :func:`attack_phrases` reads both from the parse: the
objects of attack verbs ("attacked <the post>"), the objects of their target prepositions ("opened fire
<on> the convoy"), the nouns a participle of them modifies ("the soldiers <killed> in the blast"), and
the subjects of "die". The verbs and prepositions come from the GTD lexicon (``target_verbs``,
``casualty_verbs``, ``target_preps``); what a casualty verb takes as subject or participle head is a
victim, the rest a target.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from dateline.nlp.doc_cache import children_of

__all__ = ["Phrases", "attack_phrases"]

_OBJECTS = frozenset({"dobj", "obj", "nsubjpass", "attr", "oprd"})
_NOUNS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True, slots=True)
class Phrases:
    """Noun phrases an event's verbs take: ``targets`` (what was attacked) and ``victims`` (who was
    killed or hurt), each in order of preference."""

    targets: list[list[Token]]
    victims: list[list[Token]]

    @property
    def ordered(self) -> list[list[Token]]:
        return self.targets + self.victims


def attack_phrases(
    tokens: Iterable[Token],
    own: set[int],
    verbs: frozenset[str],
    casualty_verbs: frozenset[str],
    preps: frozenset[str],
) -> Phrases:
    """The target and victim phrases of the attack ``verbs`` among ``tokens``: those of the event's
    own trigger tokens (``own``, token indices) first, then in text order."""
    found: list[tuple[int, int, bool, list[Token]]] = []
    for t in tokens:
        lemma = t.lemma_.lower()
        if lemma not in verbs and t.lower_ not in verbs:
            continue
        casualty = lemma in casualty_verbs
        heads = [(c, casualty and c.dep_ != "dobj") for c in children_of(t) if c.dep_ in _OBJECTS]
        heads += [
            (g, False) for c in children_of(t) if c.dep_ == "prep" and c.lower_ in preps
            for g in children_of(c) if g.dep_ == "pobj"
        ]  # fmt: skip
        if t.dep_ in ("acl", "amod") and t.tag_ == "VBN" and t.head.pos_ in _NOUNS:
            heads.append((t.head, casualty))  # "the soldiers killed in the blast"
        if lemma == "die":
            heads += [(c, True) for c in children_of(t) if c.dep_ == "nsubj"]
        for h, victim in heads:
            if lemma == "open" and h.lemma_.lower() == "fire":
                continue  # "opened fire": the fire is no target; what it was opened on is
            if h.pos_ in _NOUNS or h.pos_ == "PRON" or h.dep_ == "pobj":
                found.append((0 if t.i in own else 1, h.i, victim, list(h.subtree)))
    found.sort(key=lambda f: (f[0], f[1]))
    return Phrases([p for _, _, v, p in found if not v], [p for _, _, v, p in found if v])
