"""A spaCy ``Matcher`` that runs only where a match can be.

spaCy's ``Matcher`` tries every pattern at every token, and a set predicate (``{"LOWER": {"IN":
[...]}}``) is a Python call each time: dateline's trigger and hedge patterns cost as much as a
component. Yet every such pattern needs some word: "open fire" needs the lemma "open", "believed to"
the word "believed". :class:`SentenceGatedMatcher` notes, for each pattern, the words one of its
required tokens must be (its *gate*: of the tokens that are neither optional nor negated, the one
whose words are fewest and least common) and finds the tokens that are gate words with one array
lookup. A pattern of bounded length L is matched only within L - 1 tokens of such a token, one of
any length (``*``, ``+``) over the sentences that hold one; a pattern with no gate (only optional
tokens, or only part-of-speech tests) over the whole document.

Matches are those of the plain ``Matcher``, in document order, except one that would run across a
sentence boundary, which this does not find (no pattern of dateline's reads across a sentence).
Without sentence boundaries (a blank pipeline) the document counts as one sentence.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import LEMMA, LOWER, ORTH, SENT_START
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

#: Pattern attributes that can gate, and the token attribute each compares.
_GATE_ATTRS = {"LOWER": LOWER, "LEMMA": LEMMA, "ORTH": ORTH, "TEXT": ORTH}
_REQUIRED_OPS = frozenset({None, "+", "1"})  # a token that must be there, once or more
_BOUNDED_OPS = frozenset({None, "?", "!", "1"})  # at most one token each

Match = tuple[int, int, int]


def _words(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
        return list(value["IN"])
    return None


def pattern_gate(pattern: list[dict[str, Any]]) -> tuple[str, frozenset[str]] | None:
    """The attribute and words one required token of ``pattern`` must have, or None when no token is
    required or none names its words: of the candidates, the one with the fewest common words, then
    the fewest words."""
    best: tuple[tuple[int, int], str, frozenset[str]] | None = None
    for spec in pattern:
        if spec.get("OP") not in _REQUIRED_OPS:
            continue
        for key, value in spec.items():
            key = key.upper()
            words = _words(value) if key in _GATE_ATTRS else None
            if not words:
                continue
            rank = (sum(w.lower() in STOP_WORDS for w in words), len(words))
            if best is None or rank < best[0]:
                best = (rank, key, frozenset(words))
    return None if best is None else (best[1], best[2])


def pattern_length(pattern: list[dict[str, Any]]) -> int | None:
    """The most tokens ``pattern`` can match, or None when it has no bound (``*``, ``+``, ``{n,}``) or
    its operators are not the plain ones."""
    if any(spec.get("OP") not in _BOUNDED_OPS for spec in pattern):
        return None
    return len(pattern)


class SentenceGatedMatcher:
    """``add`` patterns as to a ``Matcher``; calling it gives ``(match_id, start, end)`` sorted by start
    and end, as the ``Matcher`` does, each match once."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._bounded = Matcher(vocab)  # gated, of bounded length: matched near their gate words
        self._longest = 0
        self._unbounded = Matcher(vocab)  # gated, of any length: matched over their sentences
        self._ungated = Matcher(vocab)  # matched over the whole document
        self._gates: dict[int, set[int]] = {}  # token attribute -> hashes of its gate words
        self._gate_arrays: list[tuple[int, numpy.ndarray]] | None = None

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        for pattern in patterns:
            gate = pattern_gate(pattern)
            if gate is None:
                self._ungated.add(key, [pattern])
                continue
            attr, words = gate
            self._gates.setdefault(_GATE_ATTRS[attr], set()).update(self.vocab.strings.add(w) for w in words)
            self._gate_arrays = None
            length = pattern_length(pattern)
            if length is None:
                self._unbounded.add(key, [pattern])
            else:
                self._bounded.add(key, [pattern])
                self._longest = max(self._longest, length)

    def __len__(self) -> int:
        return len(self._bounded) + len(self._unbounded) + len(self._ungated)

    def __call__(self, doc: Doc) -> list[Match]:
        found: list[Match] = list(self._ungated(doc)) if len(self._ungated) else []
        if self._gates and len(doc):
            found.extend(self._gated_matches(doc))
        # a match found twice (two patterns under one key) is given once, as the Matcher does
        return sorted(dict.fromkeys(found), key=lambda m: (m[1], m[2], m[0]))

    def spans(self, doc: Doc) -> list[Span]:
        """The matches as spans labelled with their key, as ``Matcher(doc, as_spans=True)`` gives them."""
        return [Span(doc, start, end, label=key) for key, start, end in self(doc)]

    def _hits(self, doc: Doc) -> numpy.ndarray:
        """The positions of the document's gate words."""
        if self._gate_arrays is None:
            self._gate_arrays = [
                (attr, numpy.fromiter(hashes, dtype=numpy.uint64)) for attr, hashes in self._gates.items()
            ]
        values = doc.to_array([attr for attr, _ in self._gate_arrays]).reshape(len(doc), -1)
        hit = numpy.zeros(len(doc), dtype=bool)
        for column, (_, hashes) in enumerate(self._gate_arrays):
            hit |= numpy.isin(values[:, column], hashes)
        return numpy.flatnonzero(hit)

    def _gated_matches(self, doc: Doc) -> list[Match]:
        hits = self._hits(doc)
        if not len(hits):
            return []
        if doc.has_annotation("SENT_START"):
            starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1)
            if not len(starts) or starts[0] != 0:
                starts = numpy.concatenate(([0], starts))
        else:
            starts = numpy.zeros(1, dtype=numpy.int64)
        ends = numpy.append(starts[1:], len(doc))
        sentence = numpy.searchsorted(starts, hits, side="right") - 1
        out: list[Match] = []
        if len(self._unbounded):
            for k in numpy.unique(sentence):
                out.extend(self._within(self._unbounded, doc, int(starts[k]), int(ends[k])))
        if len(self._bounded):
            reach = self._longest - 1
            windows: list[list[int]] = []
            for i, k in zip(hits.tolist(), sentence.tolist(), strict=True):
                left, right = max(int(starts[k]), i - reach), min(int(ends[k]), i + reach + 1)
                if windows and left <= windows[-1][1] and windows[-1][2] == k:
                    windows[-1][1] = max(windows[-1][1], right)
                else:
                    windows.append([left, right, k])
            for left, right, _ in windows:
                out.extend(self._within(self._bounded, doc, left, right))
        return out

    @staticmethod
    def _within(matcher: Matcher, doc: Doc, start: int, end: int) -> list[Match]:
        return [(key, start + s, start + e) for key, s, e in matcher(doc[start:end])]
