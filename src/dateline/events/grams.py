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


def sequence_grams(*sequences: Sequence[str], starts: frozenset[str] | None = None) -> set[Gram]:
    """Every run of 1 to 4 words of each of ``sequences``, space-joined; with ``starts``, the runs of
    two or more words only where the first is one of them (the first words of the cues looked for)."""
    out: set[Gram] = set()
    for seq in sequences:
        out.update(seq)
        last = len(seq)
        for i, word in enumerate(seq):
            if starts is not None and word not in starts:
                continue
            for n in range(2, min(MAX_GRAM, last - i) + 1):
                out.add(" ".join(seq[i : i + n]))
    return out


def cue_starts(*cue_sets: Iterable[Gram]) -> frozenset[str]:
    """The first words of the cues of two or more words among ``cue_sets``."""
    return frozenset(cue.split()[0] for cues in cue_sets for cue in cues if " " in cue)
