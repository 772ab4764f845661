"""Hedges: words that weaken or qualify a statement ("reportedly", "believed to", "will not").

A :class:`HedgeFinder` compiles the hedge patterns of an
:class:`~dateline.quotes.attribution.AttributionLexicon` into spaCy ``Matcher`` patterns, run near the
words they need (:mod:`dateline.nlp.gated_matcher`). Patterns that read only the surface
(``LOWER``/``ORTH``) always run; patterns that need a tagger or parser (``TAG``, ``POS``, ``DEP``,
``LEMMA``) run only on documents that carry those annotations, so the finder degrades to surface cues
in a blank pipeline instead of failing. Overlapping matches are reduced to the longest one ("will not
allow" is negated, not planned).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from dateline.nlp.doc_cache import tokens_of
from dateline.nlp.gated_matcher import SentenceGatedMatcher
from dateline.records import MODALITIES as _ALL_MODALITIES

#: What a hedge can say: every modality but the default, "asserted".
MODALITIES: tuple[str, ...] = tuple(m for m in _ALL_MODALITIES if m != "asserted")

_SURFACE_ATTRS = frozenset({"LOWER", "ORTH", "TEXT", "OP", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "LENGTH"})
# Doc.has_annotation names for the attributes a pattern may need.
_ANNOTATION_OF = {
    "TAG": "TAG",
    "POS": "POS",
    "DEP": "DEP",
    "LEMMA": "LEMMA",
    "MORPH": "MORPH",
    "ENT_TYPE": "ENT_IOB",
}
# "no" counts as a negation when it determines a verb's subject or object ("No peace will arrive").
_NEGATED_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "pobj"})


def _needs(pattern: list[dict[str, Any]]) -> frozenset[str]:
    needed: set[str] = set()
    for spec in pattern:
        for key in spec:
            key = key.upper()
            if key not in _SURFACE_ATTRS:
                needed.add(_ANNOTATION_OF.get(key, key))
    return frozenset(needed)


def _merge_same_modality(spans: list[Span]) -> list[Span]:
    """Join overlapping matches of one modality ("is believed" + "believed to" = "is believed to")."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.label, s.start, -s.end)):
        last = merged[-1] if merged else None
        if last is not None and last.label == span.label and span.start < last.end:
            if span.end > last.end:
                merged[-1] = Span(span.doc, last.start, span.end, label=span.label)
        else:
            merged.append(span)
    return merged


class HedgeFinder:
    """Finds hedge cues in a ``Doc`` and labels each with one modality of :data:`MODALITIES`."""

    def __init__(
        self,
        vocab: Vocab,
        hedges: list[dict[str, Any]],
        negative_determiners: list[str] | tuple[str, ...] = (),
    ) -> None:
        groups: dict[frozenset[str], list[tuple[str, list[dict[str, Any]]]]] = {}
        for entry in hedges:
            modality = str(entry["modality"])
            if modality not in MODALITIES:
                raise ValueError(f"hedge modality {modality!r} is not one of {', '.join(MODALITIES)}")
            pattern = entry["pattern"]
            groups.setdefault(_needs(pattern), []).append((modality, pattern))
        self._matchers: list[tuple[frozenset[str], SentenceGatedMatcher]] = []
        for needed, entries in groups.items():
            matcher = SentenceGatedMatcher(vocab)
            for modality, pattern in entries:
                matcher.add(modality, [pattern])
            self._matchers.append((needed, matcher))
        # one pass over a fully annotated doc instead of one per group
        self._all_needed = frozenset().union(*groups) if groups else frozenset()
        self._all = SentenceGatedMatcher(vocab)
        for entries in groups.values():
            for modality, pattern in entries:
                self._all.add(modality, [pattern])
        self._negative_determiners = frozenset(w.lower() for w in negative_determiners)

    def spans(self, doc: Doc) -> list[Span]:
        """Hedge spans (label = modality), longest first among overlaps, in document order."""
        found: list[Span] = []
        if all(doc.has_annotation(attr) for attr in self._all_needed):
            found.extend(self._all.spans(doc))
        else:
            for needed, matcher in self._matchers:
                if all(doc.has_annotation(attr) for attr in needed):
                    found.extend(matcher.spans(doc))
        if self._negative_determiners and doc.has_annotation("DEP"):
            for token in tokens_of(doc):
                if (
                    token.lower_ in self._negative_determiners
                    and token.dep_ == "det"
                    and token.head.dep_ in _NEGATED_ROLES
                ):
                    found.append(Span(doc, token.i, token.i + 1, label="negated"))
        return sorted(filter_spans(_merge_same_modality(found)), key=lambda s: s.start)

    def __call__(self, doc: Doc) -> list[dict[str, Any]]:
        """Hedge dicts shaped like :class:`dateline.records.Hedge`."""
        return [
            {"text": span.text, "span": [span.start_char, span.end_char], "modality": span.label_}
            for span in self.spans(doc)
        ]
