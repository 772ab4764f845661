"""A spaCy ``Matcher`` that runs only where a match can be.

spaCy's ``Matcher`` tries every pattern at every token, and a set predicate (``{"LOWER": {"IN":
[...]}}``) is a Python call each time: dateline's trigger and hedge patterns cost as much as a
component. Yet every such pattern needs some word: "open fire" needs the lemma "open", "believed to"
the word "believed". :class:`SentenceGatedMatcher` notes, for each pattern, the words one of its
required tokens must be (its *gate*: of the tokens that are neither optional nor negated, the one
whose words are fewest and least common) and finds the tokens that are gate words with one set
lookup. Patterns that share a gate share a ``Matcher``; one of bounded length L is matched only
within L - 1 tokens of its gate words, one of any length (``*``, ``+``) over the sentences that hold
them; a pattern with no gate (only optional tokens, or only part-of-speech tests) over the whole
document.

Matches are those of the plain ``Matcher``, in document order, except one that would run across a
sentence boundary, which this does not find (no pattern of dateline's reads across a sentence).
Without sentence boundaries (a blank pipeline) the document counts as one sentence.
"""

from __future__ import annotations

from bisect import bisect_right
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


class _Group:
    """The patterns that share one gate, in a ``Matcher`` of their own: each window is tried against
    the patterns its gate word can start, not against all of them."""

    def __init__(self, vocab: Vocab) -> None:
        self.matcher = Matcher(vocab)
        self.longest: int | None = 0  # None: some pattern has no bound


class _Gates:
    """The gated patterns by gate, and which gates each word opens."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.groups: list[_Group] = []
        self._by_gate: dict[tuple[str, frozenset[str]], int] = {}
        self._opens: dict[tuple[int, int], list[int]] = {}  # (attribute, word hash) -> groups
        self._attrs: list[int] = []
        self._words: dict[int, set[int]] | None = None  # attribute -> its gate words' hashes

    def add(self, key: str, pattern: list[dict[str, Any]], attr: str, words: frozenset[str]) -> None:
        k = self._by_gate.get((attr, words))
        if k is None:
            k = self._by_gate[(attr, words)] = len(self.groups)
            self.groups.append(_Group(self.vocab))
            column = _GATE_ATTRS[attr]
            if column not in self._attrs:
                self._attrs.append(column)
            for word in words:
                self._opens.setdefault((column, self.vocab.strings.add(word)), []).append(k)
            self._words = None
        group = self.groups[k]
        group.matcher.add(key, [pattern])
        length = pattern_length(pattern)
        group.longest = None if length is None or group.longest is None else max(group.longest, length)

    def opened(self, doc: Doc) -> dict[int, list[int]]:
        """The positions of the document's gate words, by the group each opens."""
        if self._words is None:
            self._words = {attr: {h for a, h in self._opens if a == attr} for attr in self._attrs}
        columns = doc.to_array(self._attrs).reshape(len(doc), -1).T.tolist()
        hits: dict[int, list[int]] = {}  # position -> groups, in document order per column
        for attr, column in zip(self._attrs, columns, strict=True):
            present = self._words[attr].intersection(column)
            if present:
                for i, value in enumerate(column):
                    if value in present:
                        hits.setdefault(i, []).extend(self._opens[(attr, value)])
        out: dict[int, list[int]] = {}
        for i in sorted(hits):
            for k in hits[i]:
                positions = out.setdefault(k, [])
                if not positions or positions[-1] != i:
                    positions.append(i)
        return out


class SentenceGatedMatcher:
    """``add`` patterns as to a ``Matcher``; calling it gives ``(match_id, start, end)`` sorted by start
    and end, as the ``Matcher`` does, each match once."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._gates = _Gates(vocab)
        self._ungated = Matcher(vocab)  # matched over the whole document

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        for pattern in patterns:
            gate = pattern_gate(pattern)
            if gate is None:
                self._ungated.add(key, [pattern])
            else:
                self._gates.add(key, pattern, *gate)

    def __len__(self) -> int:
        return sum(len(g.matcher) for g in self._gates.groups) + len(self._ungated)

    def __call__(self, doc: Doc) -> list[Match]:
        found: list[Match] = list(self._ungated(doc)) if len(self._ungated) else []
        if len(doc) and self._gates.groups:
            found.extend(self._gated_matches(doc))
        # a match found twice (two patterns under one key) is given once, as the Matcher does
        return sorted(dict.fromkeys(found), key=lambda m: (m[1], m[2], m[0]))

    def spans(self, doc: Doc) -> list[Span]:
        """The matches as spans labelled with their key, as ``Matcher(doc, as_spans=True)`` gives them."""
        return [Span(doc, start, end, label=key) for key, start, end in self(doc)]

    def _gated_matches(self, doc: Doc) -> list[Match]:
        opened = self._gates.opened(doc)
        if not opened:
            return []
        if doc.has_annotation("SENT_START"):
            starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist()
            if not starts or starts[0] != 0:
                starts.insert(0, 0)
        else:
            starts = [0]
        ends = [*starts[1:], len(doc)]
        out: list[Match] = []
        for k, positions in opened.items():
            group = self._gates.groups[k]
            windows: list[list[int]] = []  # [start, end, sentence], merged where they meet
            for i in positions:
                s = bisect_right(starts, i) - 1
                if group.longest is None:
                    left, right = starts[s], ends[s]
                else:
                    left, right = max(starts[s], i - group.longest + 1), min(ends[s], i + group.longest)
                if windows and windows[-1][2] == s and left <= windows[-1][1]:
                    windows[-1][1] = max(windows[-1][1], right)
                else:
                    windows.append([left, right, s])
            for left, right, _ in windows:
                out.extend((key, left + a, left + b) for key, a, b in group.matcher(doc[left:right]))
        return out
