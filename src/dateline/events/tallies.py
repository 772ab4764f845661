"""Tolls told over a period: a tally, not the toll of the incident a report tells.

A description of one attack often adds a tally over a period: "more than 60 reporters have been
killed since 2003", "at least 40 died over the past three days", "300 traders were killed in 2006",
"two people were killed there last year", or a tally its victim is one of: "he was one of four
policemen killed that day". :class:`Tallies` tells such a casualty word from the parse,
with the words of the ontology's ``counting.period`` entry, so its number is no incident's toll. (The
toll of the event an attack answers, "in retaliation for the death of a commander", is no toll of the
attack either: :meth:`Tallies.answered`; a background trigger's own count is dropped by
:meth:`dateline.events.background.Background.mark`.)
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from dateline.events.ontology import word_set
from dateline.nlp.doc_cache import children_of

__all__ = ["Tallies"]

#: Arcs climbed from a casualty word to the phrase it sits in ("the death of a commander").
_PHRASE_PATH = frozenset({"pobj", "pcomp", "prep", "compound", "conj", "appos"})


class Tallies:
    """Whether a casualty word counts over a period ("since 2003", "over two days", "last year")."""

    def __init__(self, section: dict[str, Any], answer_nouns: frozenset[str] = frozenset()) -> None:
        self.answer_nouns = answer_nouns  # "response", "retaliation": what they answer is another event
        period = dict(section.get("period", {}))
        self.open_prepositions = word_set(period, "open_prepositions")  # "since"
        self.prepositions = word_set(period, "prepositions")  # "over", "in", "during"
        self.nouns = word_set(period, "nouns")  # "day", "week", "year"
        self.modifiers = word_set(period, "modifiers")  # "past", "last", "this"
        self.members = word_set(section, "tally_members")  # "one" of four killed that day
        self._dated: dict[int, bool] = {}  # verb index -> whether its phrases tell a period

    def over_period(self, c: Token) -> bool:
        """Whether the clause of the casualty word ``c`` (with the verbs coordinated with it) is a
        tally over a period rather than the toll of one incident."""
        if c.pos_ in ("VERB", "AUX"):
            # the verb, the verbs coordinated below it, and the one it is coordinated with: "ten were
            # killed and 15 kidnapped over two days"
            verbs = [c, *(x for x in children_of(c) if x.dep_ == "conj")] + (
                [c.head] if c.dep_ == "conj" else []
            )
        else:
            verbs = [c.head] if c.dep_ in ("acomp", "oprd") else []
        return any(self._dated_verb(v) for v in verbs)

    def _dated_verb(self, v: Token) -> bool:
        """Whether a verb's own phrases tell a period; read once per verb (a verb may head a long list
        of coordinated casualty words)."""
        if v.i not in self._dated:
            self._dated[v.i] = any(self._period(x) for x in children_of(v))
        return self._dated[v.i]

    def one_of(self, c: Token) -> bool:
        """Whether the casualty word ``c`` counts a tally its victim is one of: "he was one of four
        policemen killed in the province that day" (the four are no toll of his incident)."""
        if c.dep_ not in ("acl", "relcl"):
            return False
        n = c.head
        if n.dep_ == "pobj" and n.head.lower_ == "of":
            n = n.head.head
        elif n.lower_ not in self.members or not any(
            x.dep_ == "prep" and x.lower_ == "of" for x in children_of(n)
        ):
            return False
        # said of a victim ("he was one of ..."), not a toll's subject ("one of the four killed was ...")
        return n.lower_ in self.members and n.dep_ == "attr"

    def answered(self, c: Token) -> bool:
        """Whether the casualty word ``c`` tells the event an attack answers: "in retaliation for the
        death of a commander", "in response to the killing of two boys"."""
        node = c
        for _ in range(4):
            if node.dep_ in ("pobj", "pcomp") and node.head.head.lemma_.lower() in self.answer_nouns:
                return True
            if node.dep_ not in _PHRASE_PATH or node.head.i == node.i:
                return False
            node = node.head
        return False

    def _period(self, x: Token) -> bool:
        if x.dep_ == "prep":
            if x.lower_ in self.open_prepositions:
                return True  # "since 2003", "since the invasion"
            if x.lower_ not in self.prepositions:
                return False
            return any(self._span_of_time(p) for p in children_of(x) if p.dep_ == "pobj")
        if x.dep_ == "npadvmod":  # "last year", "this month"
            return self._bounded_period(x)
        return False

    def _span_of_time(self, p: Token) -> bool:
        """ "two days", "the past three weeks", "2006", "recent months": a stretch of time."""
        if p.lemma_.lower() in self.nouns and p.tag_ in ("NNS", "NNPS"):
            return any(c.dep_ == "nummod" for c in children_of(p)) or self._bounded_period(p)
        if p.like_num and len(p.text) == 4 and p.text.isdigit() and not list(children_of(p)):
            return 1900 <= int(p.text) <= 2100  # a bare year
        return self._bounded_period(p)

    def _bounded_period(self, p: Token) -> bool:
        return p.lemma_.lower() in self.nouns and any(
            c.dep_ in ("amod", "det") and c.lower_ in self.modifiers for c in children_of(p)
        )
