"""Counts told for a series of incidents: "one of four related attacks ... 200 killed across the attacks".

A report of one incident often gives the toll of a whole series ("At least 160 people were killed
across both attacks", "Three people were injured in the blasts" after "This was one of four grenade
attacks"). Coders then give each incident an even share of the total (GTD and ACLED both divide a toll
reported for several events evenly among them). :class:`SeriesReader` tells how many incidents a
casualty clause counts over: the number its own words give ("in the three attacks", "both attacks",
"between two of the attacks"), else the series the document announces ("one of four related
attacks"); :func:`share` is one incident's part of a total.
"""

from __future__ import annotations

import math
from typing import Any

from spacy.tokens import Token

from dateline.events.context import MentionIndex
from dateline.events.ontology import word_set
from dateline.nlp.doc_cache import children_of

__all__ = ["SeriesReader", "share"]


class SeriesReader:
    """Finds the series a document announces and the casualty clauses counted over several incidents."""

    def __init__(self, section: dict[str, Any], index: MentionIndex) -> None:
        self.index = index
        self.incident_nouns = word_set(section, "incident_nouns")
        self.across = word_set(section, "across_prepositions")
        self.numbers = {str(k).lower(): int(v) for k, v in dict(section.get("series_words", {})).items()}
        self._announced: int | None | bool = False  # False: not read yet

    @property
    def announced(self) -> int | None:
        """N of "one of N <incidents>" in the document (the largest when several), or None."""
        if self._announced is False:
            found: list[int] = []
            lowers = [t.lower_ for t in self.index.doc]
            for m in self.index.quantities:
                q = m.record
                unit = str(q.get("unit") or "").lower()
                value = q.get("best") if q.get("best") is not None else q.get("low")
                if value is None or unit not in self.incident_nouns or m.start < 2:
                    continue
                if lowers[m.start - 2 : m.start] == ["one", "of"] and float(value) >= 2:
                    found.append(int(value))
            self._announced = max(found) if found else None
        return self._announced  # type: ignore[return-value]

    def spanned(self, c: Token) -> int | None:
        """How many incidents the casualty word ``c``'s clause counts over (None: one, or unknown)."""
        verbs = [c, *c.conjuncts] if c.pos_ in ("VERB", "AUX") else []
        for v in verbs:
            for prep in children_of(v):
                if prep.dep_ != "prep" or prep.lower_ not in self.across:
                    continue
                for pobj in (x for x in children_of(prep) if x.dep_ == "pobj"):
                    n = self._incidents(pobj)
                    if n is not None:
                        return n
        return None

    def _incidents(self, pobj: Token) -> int | None:
        explicit: int | None = None
        noun = pobj
        if pobj.pos_ in ("NUM", "PRON", "DET") or pobj.lower_ in self.numbers:
            # "between two of the attacks", "across all of the attacks"
            explicit = self._number(pobj)
            of = next((x for x in children_of(pobj) if x.dep_ == "prep" and x.lower_ == "of"), None)
            inner = next((x for x in children_of(of) if x.dep_ == "pobj"), None) if of is not None else None
            if inner is None:
                return None
            noun = inner
        if noun.lemma_.lower() not in self.incident_nouns or noun.tag_ not in ("NNS", "NNPS"):
            return None
        if explicit is None:
            for child in children_of(noun):
                if child.dep_ in ("nummod", "det", "predet"):
                    explicit = self._number(child) or explicit
        n = explicit or self.announced
        return n if n is not None and n >= 2 else None

    def _number(self, t: Token) -> int | None:
        if t.lower_ in self.numbers:
            return self.numbers[t.lower_]
        for m in self.index.at(t.i, "quantity"):
            value = m.record.get("best")
            if value is not None and float(value).is_integer():
                return int(value)
        return None


def share(quantity: dict[str, Any], incidents: int) -> dict[str, Any]:
    """One incident's even share of a total told for ``incidents`` incidents (halves round up)."""
    value = quantity.get("best") if quantity.get("best") is not None else quantity.get("low")
    out = dict(quantity)
    if value is None:
        return out
    part = math.floor(float(value) / incidents + 0.5)
    out.update({"low": None, "high": None, "best": part, "qualifier": "about", "incidents": incidents})
    return out
