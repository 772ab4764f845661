"""A document's text and tokens, built once per document instead of on every access.

spaCy builds ``doc.text`` from the tokens each time it is read, and ``for token in doc`` makes a new
``Token`` object for every token on every pass. dateline's components read each document many
times over (every finder walks the tokens, every reader of the parse asks for a word's children),
so most of their time went into building the same strings and objects again. :func:`text_of`,
:func:`tokens_of` and :func:`children_of` build them once and keep them for the most recent
documents.

An entry is kept for the document object itself (not a copy with the same text) and only while the
document still has the same number of tokens: a component that merges or splits tokens
(``doc.retokenize()``) changes the count, and the text and tokens are then built anew. ``Token``
objects read the document's arrays when used, so entities or attributes set after the entry was
made are seen through them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from spacy.tokens import Doc, Token

#: How many documents keep their entry. ``nlp.pipe`` passes each document through dateline's components
#: one after the other, so a few would do; more are kept for pipelines that batch between them.
KEPT_DOCUMENTS = 32


@dataclass(slots=True)
class _Entry:
    doc: Doc
    length: int
    text: str
    tokens: list[Token]
    children: list[list[Token]] | None = None  # by head, built on first use


_entries: OrderedDict[int, _Entry] = OrderedDict()
_lock = threading.Lock()


def _entry(doc: Doc) -> _Entry:
    key = id(doc)
    with _lock:
        entry = _entries.get(key)
        if entry is not None and entry.doc is doc and entry.length == len(doc):
            _entries.move_to_end(key)
            return entry
    tokens = list(doc)
    entry = _Entry(doc, len(tokens), "".join(t.text_with_ws for t in tokens), tokens)
    with _lock:
        _entries[key] = entry
        _entries.move_to_end(key)
        while len(_entries) > KEPT_DOCUMENTS:
            _entries.popitem(last=False)
    return entry


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per document."""
    return _entry(doc).text


def tokens_of(doc: Doc) -> list[Token]:
    """``list(doc)``, built once per document; index it as ``doc[i]`` (do not change the list)."""
    return _entry(doc).tokens


def children_of(token: Token) -> list[Token]:
    """``list(token.children)``, in document order; the children of every token of the document are
    read in one pass, the first time one is asked for (the parse is not changed after the parser)."""
    entry = _entry(token.doc)
    if entry.children is None:
        table: list[list[Token]] = [[] for _ in entry.tokens]
        for t in entry.tokens:
            head = t.head.i
            if head != t.i:
                table[head].append(t)
        entry.children = table
    return entry.children[token.i]
