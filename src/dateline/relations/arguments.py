"""Which actor a syntactic argument names: mentions, conjuncts, appositions, pronouns and "the group".

An :class:`ActorIndex` maps the tokens of a parsed document to the actor mentions that cover them
(``doc._.dateline_actors``) and resolves an argument token to an :class:`ActorRef`: the actor id when
one is named (``None`` when the argument is a person or group the text does not name) and the words.
Pronouns ("its", "his", "they") and definite group nouns ("the group") go to the most salient
compatible actor earlier in the sentence or the one before.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dateline.nlp.doc_cache import children_of
from dateline.relations.lexicon import RelationLexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
_RELATIVE = frozenset({"which", "who", "that", "whom"})


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An argument: the actor id (or None for an unnamed one), its kind, the words and their span."""

    actor: str | None
    kind: str | None
    text: str
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class _Mention:
    actor: str
    kind: str
    start: int  # token indices, end-exclusive
    end: int


class ActorIndex:
    """Actor mentions by token, plus the anaphora rules of one document."""

    def __init__(self, doc: Doc, actors: list[dict[str, Any]], lexicon: RelationLexicon) -> None:
        self.doc = doc
        self.pronouns: dict[str, str] = lexicon.table("pronouns")
        self.group_nouns = lexicon.words("group_nouns")
        self.name_acl = lexicon.words("name_acl")
        self.by_token: dict[int, _Mention] = {}
        self.kinds: dict[str, str] = {}
        mentions: list[_Mention] = []
        for actor in actors:
            kind = str(actor.get("kind") or "other")
            self.kinds[str(actor["id"])] = kind
            for m in actor.get("mentions") or []:
                span = doc.char_span(int(m["span"][0]), int(m["span"][1]), alignment_mode="expand")
                if span is not None and len(span):
                    mentions.append(_Mention(str(actor["id"]), kind, span.start, span.end))
        for m in sorted(mentions, key=lambda m: m.end - m.start):  # longer mentions win
            for i in range(m.start, m.end):
                self.by_token[i] = m
        self.sents: list[Span] = list(doc.sents)
        self._sent_starts = [s.start for s in self.sents]

    # --- lookups ----------------------------------------------------------------------------------

    def mention_at(self, token: Token) -> _Mention | None:
        return self.by_token.get(token.i)

    def sentence_index(self, token: Token) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, token.i) - 1)

    def ref(self, mention: _Mention) -> ActorRef:
        span = self.doc[mention.start : mention.end]
        return ActorRef(mention.actor, mention.kind, span.text, (span.start_char, span.end_char))

    def unnamed(self, token: Token) -> ActorRef:
        """The words of an argument that names no actor (its noun phrase, without relative clauses)."""
        left = token.left_edge.i
        right = token.i
        for child in token.rights:
            if child.dep_ in ("relcl", "acl", "punct", "cc", "conj", "appos", "advcl"):
                break
            if child.dep_ == "prep" and child.lower_ != "of":
                break
            right = child.right_edge.i
        span = self.doc[left : right + 1]
        return ActorRef(None, None, span.text, (span.start_char, span.end_char))

    # --- arguments --------------------------------------------------------------------------------

    def resolve(
        self, token: Token, exclude: frozenset[str] = frozenset(), skip: Token | None = None
    ) -> ActorRef:
        """The actor an argument head names; ``exclude`` ids are not allowed as antecedents."""
        token = self._antecedent_of_relative(token)
        m = self.mention_at(token)
        if m is not None and m.actor not in exclude:
            return self.ref(m)
        lower = token.lower_
        if token.pos_ == "PRON" and lower in self.pronouns:
            found = self.anaphor(token, self.pronouns[lower], exclude)
            return found if found is not None else self.unnamed(token)
        if token.pos_ in ("NOUN", "PROPN", "ADJ"):
            for child in sorted(
                token.lefts, key=lambda t: -t.i
            ):  # nearest modifier first: "the main TTP bloc"
                if child.dep_ in _MODIFIER_DEPS or (
                    child.dep_ == "poss" and token.lemma_.lower() in self.group_nouns
                ):
                    for t in range(child.right_edge.i, child.left_edge.i - 1, -1):
                        m = self.by_token.get(t)
                        if m is not None and m.actor not in exclude:
                            return self.ref(m)
            for child in token.rights:
                if child.dep_ == "appos":
                    m = self.mention_at(child)
                    if m is not None and m.actor not in exclude:
                        return self.ref(m)
            if lower in self.group_nouns or token.lemma_.lower() in self.group_nouns:
                for child in token.rights:  # "fighters of Hurras al-Din"
                    if child.dep_ == "prep" and child.lower_ == "of":
                        pobj = next((g for g in children_of(child) if g.dep_ == "pobj"), None)
                        m = self.mention_at(pobj) if pobj is not None else None
                        if m is not None and m.actor not in exclude:
                            return self.ref(m)
                named = self._named_by_clause(token, exclude, skip)
                if named is not None:
                    return named
                if any(c.lower_ in ("the", "this", "that") for c in token.lefts) or any(
                    c.dep_ == "poss" and c.lower_ in self.pronouns for c in token.lefts
                ):
                    found = self.anaphor(token, "group", exclude)
                    if found is not None:
                        return found
        return self.unnamed(token)

    def with_conjuncts(self, token: Token) -> list[Token]:
        """The argument head and the heads it is coordinated with ("Pakistan and Iran")."""
        out = [token]
        stack = [token]
        while stack:
            t = stack.pop()
            for child in t.rights:
                if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON"):
                    out.append(child)
                    stack.append(child)
        return out

    def _antecedent_of_relative(self, token: Token) -> Token:
        if token.lower_ in _RELATIVE and token.tag_ in ("WDT", "WP", "IN") and token.head.dep_ == "relcl":
            return token.head.head
        return token

    def _named_by_clause(self, token: Token, exclude: frozenset[str], skip: Token | None) -> ActorRef | None:
        """ "a faction led by Jamaat-ul-Ahrar", "the group known as X": the name a generic noun is given."""
        for child in token.rights:
            if (
                (skip is not None and child.i == skip.i)
                or child.dep_ != "acl"
                or child.lemma_.lower() not in self.name_acl
            ):
                continue
            for grand in children_of(child):
                heads = (
                    [g for g in children_of(grand) if g.dep_ == "pobj"] if grand.dep_ == "agent" else [grand]
                )
                for head in heads:
                    if head.dep_ in ("pobj", "oprd", "attr", "dobj"):
                        m = self.mention_at(head)
                        if m is not None and m.actor not in exclude:
                            return self.ref(m)
        return None

    # --- anaphora ---------------------------------------------------------------------------------

    def compatible(self, mention: _Mention, want: str) -> bool:
        if want == "person":
            return mention.kind == "person"
        return mention.kind != "person"

    def anaphor(self, token: Token, want: str, exclude: frozenset[str]) -> ActorRef | None:
        """The antecedent of a pronoun or definite group noun, or None when it is not a named actor.

        Walking back from the pronoun through its sentence and the one before, the nearest subject (or
        "by" agent) that agrees wins: an actor if it is one, nothing if it is an unnamed noun phrase
        ("nearly 7,000 Russians ... they"). Without such a subject, the nearest agreeing actor.
        """
        si = self.sentence_index(token)
        first = self.sents[max(0, si - 1)].start
        nearest: _Mention | None = None
        i = token.i - 1
        while i >= first:
            t = self.doc[i]
            m = self.by_token.get(i)
            if m is not None:
                i = m.start - 1
                if m.actor in exclude or not self.compatible(m, want):
                    continue
                if nearest is None:
                    nearest = m
                head = self._mention_head(m)
                if self._subject_like(head):
                    return self.ref(m)
                continue
            i -= 1
            if want == "person" or not self._subject_like(t) or t.pos_ not in ("NOUN", "PROPN"):
                continue
            if t.lemma_.lower() in self.group_nouns or t.lower_ in self.group_nouns:
                continue  # "the group", "the militants": itself anaphoric
            if want == "plural" and t.tag_ in ("NNS", "NNPS"):
                return None  # "nearly 7,000 Russians ... they": an agreeing subject that names no actor
        return self.ref(nearest) if nearest is not None else None

    def _mention_head(self, m: _Mention) -> Token:
        return self.doc[m.start : m.end].root

    @staticmethod
    def _subject_like(t: Token) -> bool:
        if t.dep_ in SUBJECT_DEPS:
            return True
        if t.dep_ == "pobj" and t.head.dep_ == "agent":
            return True
        return t.dep_ in ("conj", "appos", "compound") and t.head.dep_ in SUBJECT_DEPS
