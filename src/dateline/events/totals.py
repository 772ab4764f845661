"""Tolls told as the total of several incidents: "In all, 40 people died across the incidents".

A report of one incident of a series often closes with the toll of the whole series: "In total, the
blasts killed 30", "A total of nine people were killed in the coordinated attacks", "40 died in the
combined attacks". The total is no toll of the incident the report tells (RAND codes it on one record
of the series only; an even share is given where the clause says how many incidents it covers, see
:class:`dateline.events.series.SeriesReader`). :class:`SeriesTotals` tells such a casualty word from the
parse with the words of the ontology's ``counting.series_totals`` entry: a totalling phrase ("in total",
"in all", "a total of") in a document that tells of several incidents, or a phrase of the clause that
names the incidents as a whole ("across all the incidents", "in the combined attacks").
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from dateline.events.ontology import word_set
from dateline.nlp.doc_cache import children_of, tokens_of

__all__ = ["SeriesTotals"]


class SeriesTotals:
    """Whether a casualty word's clause counts the total of several incidents."""

    def __init__(self, section: dict[str, Any], doc: Doc) -> None:
        totals = dict(section.get("series_totals", {}))
        self.doc = doc
        self.incident_nouns = word_set(section, "incident_nouns")
        self.phrases = word_set(totals, "phrases")  # "in total", "in all"
        self.nouns = word_set(totals, "nouns")  # "a total of"
        self.modifiers = word_set(totals, "modifiers")  # "all", "combined", "coordinated"
        self.series_nouns = word_set(totals, "series_nouns")  # "a series of attacks"
        self._several: bool | None = None
        self._verbs: dict[int, bool] = {}  # verb index -> whether its phrases total several incidents

    def total(self, c: Token) -> bool:
        """Whether the clause of the casualty word ``c`` tells the total of several incidents."""
        if c.pos_ in ("VERB", "AUX"):
            verbs = [c, *(x for x in children_of(c) if x.dep_ == "conj")] + (
                [c.head] if c.dep_ == "conj" else []
            )
        elif c.dep_ in ("acomp", "oprd", "dobj"):
            verbs = [c.head]  # "left 30 dead in all", "caused 30 deaths in total"
        else:
            return False
        return any(self._totalling(v) for v in verbs)

    def _totalling(self, v: Token) -> bool:
        if v.i not in self._verbs:
            self._verbs[v.i] = any(self._whole(x) for x in children_of(v)) or (
                any(self._totalling_phrase(x) for x in children_of(v)) and self.several
            )
        return self._verbs[v.i]

    def _totalling_phrase(self, x: Token) -> bool:
        if x.dep_ == "prep":  # "in total", "in all"
            return any(
                p.dep_ == "pobj" and p.lower_ in self.phrases and not list(children_of(p))
                for p in children_of(x)
            )
        # "a total of nine people were killed", "killing a total of five"
        return (
            x.dep_ in ("nsubj", "nsubjpass", "dobj")
            and x.lower_ in self.nouns
            and any(p.dep_ == "prep" and p.lower_ == "of" for p in children_of(x))
        )

    def _whole(self, x: Token) -> bool:
        """A phrase naming several incidents as a whole: "across all the incidents", "in the combined
        attacks" ("in a series of blasts" may tell the incident itself: "killed in a string of blasts")."""
        if x.dep_ != "prep":
            return False
        for p in (y for y in children_of(x) if y.dep_ == "pobj"):
            if self._plural_incident(p) and any(
                m.dep_ in ("det", "predet", "amod") and m.lower_ in self.modifiers for m in children_of(p)
            ):
                return True
        return False

    def _plural_incident(self, t: Token) -> bool:
        return t.lemma_.lower() in self.incident_nouns and t.tag_ in ("NNS", "NNPS")

    @property
    def several(self) -> bool:
        """Whether the document tells of several incidents (a plural incident noun, "a series of")."""
        if self._several is None:
            self._several = any(
                self._plural_incident(t) or (t.pos_ == "NOUN" and t.lemma_.lower() in self.series_nouns)
                for t in tokens_of(self.doc)
            )
        return self._several
