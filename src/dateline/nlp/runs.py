"""spaCy's tokenizer in linear time on long runs of characters without a space.

spaCy strips a word's prefixes and suffixes one at a time, searching the rest of the word each time,
so a word of n punctuation marks (a run of commas or quote marks, a rule of dashes) costs about n²
steps: 10,000 commas take over 10 s. :class:`RunSplittingTokenizer` wraps the model's tokenizer and
hands it a run longer than :data:`MAX_RUN` characters in pieces, cut where two non-alphanumeric
characters meet (where spaCy splits anyway) when there is such a place, and joins the pieces' tokens
into one ``Doc`` with the same text. A URL (``http://``, ``https://``, ``www.``) of up to
:data:`MAX_URL` characters is kept whole. Texts without such runs (ordinary prose) go to the model's
tokenizer untouched, so their tokens are exactly spaCy's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

#: The longest run of non-space characters read whole; longer runs are tokenized in pieces of at most
#: this many characters (a piece costs spaCy up to MAX_RUN² small steps).
MAX_RUN = 250
#: The longest URL kept whole (spaCy reads a URL in few steps; a longer one is cut like any run).
MAX_URL = 1000
_LONG_RUN = re.compile(r"\S{" + str(MAX_RUN + 1) + ",}")
_URL = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)


def cut_points(run: str) -> list[int]:
    """Where to cut a long run into pieces of at most MAX_RUN characters (offsets into ``run``)."""
    cuts: list[int] = []
    if len(run) <= MAX_URL and _URL.match(run):
        return cuts
    start = 0
    while len(run) - start > MAX_RUN:
        cut = start + MAX_RUN
        for p in range(start + MAX_RUN, start + MAX_RUN // 2, -1):
            if not run[p - 1].isalnum() and not run[p].isalnum():
                cut = p
                break
        cuts.append(cut)
        start = cut
    return cuts


class RunSplittingTokenizer:
    """The model's tokenizer, given a run of more than MAX_RUN non-space characters in pieces.

    Everything else (``vocab``, ``rules``, ``to_disk`` ..., read or set) is the wrapped tokenizer's, so
    a pipeline is customised, saved and loaded as before."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        if _LONG_RUN.search(text) is None:
            return self.tokenizer(text)
        pieces: list[str] = []
        last = 0
        for match in _LONG_RUN.finditer(text):
            for cut in cut_points(match.group()):
                pieces.append(text[last : match.start() + cut])
                last = match.start() + cut
        pieces.append(text[last:])
        docs = [self.tokenizer(piece) for piece in pieces if piece]
        return Doc.from_docs(docs, ensure_whitespace=False)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        if name == "tokenizer":  # not set yet (while unpickling)
            raise AttributeError(name)
        return getattr(self.tokenizer, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "tokenizer":
            object.__setattr__(self, name, value)
        else:  # nlp.tokenizer.infix_finditer = ...: the model's tokenizer is customised
            setattr(self.tokenizer, name, value)

    def __reduce__(self) -> tuple[Any, ...]:
        return (RunSplittingTokenizer, (self.tokenizer,))


def split_long_runs(nlp: Language) -> None:
    """Make ``nlp`` tokenize long runs without a space in pieces (once; idempotent)."""
    if not isinstance(nlp.tokenizer, RunSplittingTokenizer):
        nlp.tokenizer = RunSplittingTokenizer(nlp.tokenizer)
