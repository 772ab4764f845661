"""Find event triggers in a parsed ``Doc``: the words and phrases of the ontology whose conditions hold.

Single words are looked up by lemma (then word form) and part of speech in one pass over the tokens;
phrases run through one spaCy ``Matcher``, near the words they need
(:mod:`dateline.nlp.gated_matcher`). A phrase wins over a single word at the same token, a material
reading over a verbal (PLOVER-only) one, and the ontology's order decides the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from dateline.events.context import MentionIndex, neighbourhood, object_of
from dateline.events.ontology import Condition, Ontology, Trigger
from dateline.nlp.doc_cache import children_of, tokens_of
from dateline.nlp.gated_matcher import SentenceGatedMatcher

_POS_ALIASES = {"PROPN": ("PROPN", "NOUN"), "NOUN": ("NOUN",), "VERB": ("VERB",), "AUX": ("VERB",)}


#: Arcs a trigger may climb to the word that governs it ("seized two pistols, grenades and ammunition",
#: "a grenade targeting a vehicle" that soldiers defused).
_GOVERNED_PATH = frozenset({"conj", "pobj", "prep", "appos", "compound", "dobj", "nsubjpass", "amod", "acl"})


@dataclass(slots=True)
class Found:
    """A trigger at token ``i`` (``tokens``: every token of its phrase)."""

    i: int
    trigger: Trigger
    tokens: tuple[int, ...]


class TriggerFinder:
    """The ontology's triggers compiled for one vocabulary."""

    def __init__(self, vocab: Vocab, ontology: Ontology, *, verbal: bool = True) -> None:
        self.ontology = ontology
        self.verbal = verbal
        self._matcher = SentenceGatedMatcher(vocab)
        self._phrases: dict[int, tuple[int, Trigger]] = {}
        for key, pattern, anchor, trigger in ontology.patterns:
            self._matcher.add(key, [pattern])
            self._phrases[vocab.strings.add(key)] = (anchor, trigger)
        self._event_nouns = frozenset(lemma for lemma, pos in ontology.lemma_triggers if pos == "NOUN")
        # verbs of violent deeds, and the verbs that launch or fire a weapon ("claimed it launched ...")
        self._deed_verbs = frozenset(
            lemma
            for (lemma, pos), triggers in ontology.lemma_triggers.items()
            if pos == "VERB" and any(ontology.types[t.type_id].family == "violence" for t in triggers)
        ) | ontology.words("deed_verbs")

    def _allowed(self, trigger: Trigger) -> bool:
        return self.verbal or not self.ontology.types[trigger.type_id].verbal

    def __call__(self, doc: Doc, index: MentionIndex) -> list[Found]:
        found: dict[int, Found] = {}
        for match_id, start, end in self._matcher(doc):
            anchor, trigger = self._phrases[match_id]
            i = start + anchor if anchor >= 0 else end + anchor
            i = min(max(i, start), end - 1)
            if not self._allowed(trigger) or not self._holds(doc[i], trigger.condition, index):
                continue
            if _in_name(doc[i], index):
                continue
            old = found.get(i)
            if old is None or len(old.tokens) < end - start:
                found[i] = Found(i, trigger, tuple(range(start, end)))
        taken = {t for f in found.values() for t in f.tokens}
        lookup = self.ontology.lemma_triggers
        for token in tokens_of(doc):
            if token.i in taken or token.is_punct or token.like_num:
                continue
            if token.is_title and index.at(token.i, "date"):  # "in March" names a month, not a march
                continue
            if _in_name(token, index):
                continue
            pos = token.pos_
            candidates: list[Trigger] = []
            for p in _POS_ALIASES.get(pos, ()):
                candidates = lookup.get((token.lemma_.lower(), p)) or lookup.get((token.lower_, p)) or []
                if candidates:
                    break
            chosen = self._choose(token, candidates, index)
            if chosen is not None:
                found[token.i] = Found(token.i, chosen, (token.i,))
        return [found[i] for i in sorted(found)]

    def _choose(self, token: Token, candidates: list[Trigger], index: MentionIndex) -> Trigger | None:
        verbal: Trigger | None = None
        for trigger in candidates:
            if not self._allowed(trigger) or not self._holds(token, trigger.condition, index):
                continue
            if self.ontology.types[trigger.type_id].verbal or trigger.plover_only:
                verbal = verbal or trigger
                continue
            return trigger
        return verbal

    def _holds(self, token: Token, cond: Condition, index: MentionIndex) -> bool:
        if cond.not_dep and token.dep_ in cond.not_dep:
            return False
        if cond.not_governed_by:
            t = token
            for _ in range(5):
                if t.dep_ not in _GOVERNED_PATH:
                    break
                t = t.head
                if t.lemma_.lower() in cond.not_governed_by:
                    return False
        if cond.needs_number == "plural" and token.tag_ not in ("NNS", "NNPS"):
            return False
        if cond.needs_object or cond.needs_object_any or cond.not_object or cond.not_object_any:
            obj = object_of(token)
            if obj is None and token.pos_ == "NOUN":
                obj = next((c for c in children_of(token) if c.dep_ == "compound"), None)
            if cond.not_object_any and obj is not None:
                return False
            if obj is None and "@deed" in cond.needs_object:  # "X claimed it launched two rockets"
                return any(
                    c.dep_ == "ccomp" and c.pos_ == "VERB" and c.lemma_.lower() in self._deed_verbs
                    for c in children_of(token)
                )
            if (cond.needs_object or cond.needs_object_any) and obj is None:
                return False
            if obj is not None:
                words = {obj.lemma_.lower(), obj.lower_}
                for prep in (c for c in children_of(obj) if c.dep_ == "prep" and c.lower_ == "of"):
                    words.update(
                        g.lemma_.lower() for g in children_of(prep) if g.dep_ == "pobj"
                    )  # "packs of X"
                if cond.not_object & words:
                    return False
                if cond.needs_object and not (
                    cond.needs_object & words
                    or "@place" in cond.needs_object
                    and bool(index.at(obj.i, "place"))
                    or "@event" in cond.needs_object
                    and bool(words & self._event_nouns)
                ):
                    return False
        if cond.not_context:
            near = neighbourhood(token)
            if cond.not_context & ({t.lower_ for t in near} | {t.lemma_.lower() for t in near}):
                return False
        if cond.needs_context:
            near = neighbourhood(token)
            words = {t.lower_ for t in near} | {t.lemma_.lower() for t in near}
            if not cond.needs_context & words and not self._special(cond.needs_context, token, near, index):
                return False
        return True

    @staticmethod
    def _special(needs: frozenset[str], token: Token, near: list[Token], index: MentionIndex) -> bool:
        if "@place" in needs and any(index.at(t.i, "place") for t in [token, *near]):
            return True
        if "@actor" in needs and any(index.at(t.i, "actor") for t in near):
            return True
        if "@number" in needs and any(t.like_num or index.at(t.i, "quantity") for t in near):
            return True
        if "@doer" in needs:  # someone did it: an active verb's subject or a passive's "by" phrase
            return any(t.dep_ in ("nsubj", "agent") and t.head.i == token.i for t in near)
        if "@named" in needs:
            return any(
                t.pos_ == "PROPN" and t.dep_ in ("compound", "appos", "npadvmod", "nmod") for t in near
            )
        return False


def _in_name(token: Token, index: MentionIndex) -> bool:
    """Whether the token is a word of an actor's name ("the Mujahideen Shura Council", "Revolutionary
    Struggle"), not a trigger: a capitalised word of a mention of two or more capitalised words
    ("Suicide bombers" opening a sentence is no name)."""
    if not token.is_title:
        return False
    doc = token.doc
    for m in index.at(token.i, "actor"):
        words = [t for t in doc[m.start : m.end] if t.is_alpha and not t.is_stop]
        if len(words) > 1 and all(t.is_title or t.is_upper for t in words):
            return True
    return False
