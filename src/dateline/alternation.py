"""Regular expressions for lists of words, written as tries.

``(?:september|sept|sep|...)`` makes Python's ``re`` try every word at every position of a text;
written as a trie, ``(?:s(?:ep(?:t(?:ember|)|)|...)``, it follows one branch per character. Both
match the same words and prefer the longest, so a grammar built from word lists (the date grammar,
the "known as" cues) reads the same text in a fraction of the time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["alternation"]


def alternation(words: Iterable[str]) -> str:
    """A non-capturing group matching any of ``words``, the longest first; a space in a word matches
    any run of whitespace. Words are taken as written (compile with ``re.IGNORECASE`` and pass them
    lower-cased for a case-blind match)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in " ".join(word.split()):
            node = node.setdefault(char, {})
        node[""] = {}
    return "(?:" + _branches(trie) + ")"


def _branches(node: dict[str, dict]) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _branches(child)
        for char, child in sorted(node.items())
        if char
    ]
    if "" in node:  # a word ends here: tried after every longer one
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"
