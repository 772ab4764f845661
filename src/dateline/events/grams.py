"""Runs of words ("grams") as the GTD coding reads them: 1 to 4 lemmas or lower-case words, joined
by spaces, so that a cue of any length ("suicide bomber", "improvised explosive device") is one set
lookup."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Token

#: The longest run of words read, and the longest cue that can be found.
MAX_GRAM = 4

Gram = str


def gram_set(words: Iterable[str]) -> frozenset[Gram]:
    """Cues as grams: lower-cased, single-spaced."""
    return frozenset(" ".join(str(w).lower().split()) for w in words)


def grams(tokens: Sequence[Token]) -> set[Gram]:
    """Every run of 1 to 4 lemmas (and of 1 to 4 lower-case words) of ``tokens``, space-joined."""
    return sequence_grams([t.lemma_.lower() for t in tokens], [t.lower_ for t in tokens])


def sequence_grams(*sequences: Sequence[str]) -> set[Gram]:
    """Every run of 1 to 4 words of each of ``sequences``, space-joined."""
    out: set[Gram] = set()
    for seq in sequences:
        out.update(seq)
        for n in range(2, MAX_GRAM + 1):
            for i in range(len(seq) - n + 1):
                out.add(" ".join(seq[i : i + n]))
    return out
