"""Aliases a text defines for its actors: "Islamic State Khurasan (ISK)", "commonly known as 'Daesh'".

Pure text logic, no spaCy. Three patterns are read:

* an acronym in parentheses after a name whose initials it matches: "Inter Service Intelligence
  Agency (ISI)", "Tehreek-i-Taliban Pakistan (TTP)" (:func:`find_acronym_definitions`);
* "known as" phrases after a name: "X, commonly known in Afghanistan as 'Daesh'", "X, also called Y"
  (:class:`AliasCues.find_known_as`);
* "X, or ACRONYM": "the Pakistani Taliban, or TTP" (:class:`AliasCues.find_or_acronyms`).

Each finder returns character offsets; the caller decides which actor a definition belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from dateline.alternation import alternation

__all__ = [
    "AcronymDefinition",
    "AliasCues",
    "AliasDefinition",
    "find_acronym_definitions",
    "initials_match",
    "is_acronym",
]

_ACRONYM_IN_PARENS = re.compile(r"\(\s*([A-Z][A-Za-z]{0,3}(?:[-–][A-Za-z]{1,4})?[A-Z0-9]?[A-Za-z]{0,4})\s*\)")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_JOIN = re.compile(r"^[\s\-–‐]*$")  # what may stand between two words of one name
_MAX_WORDS = 14
_QUOTES = "‘’'“”\""


def is_acronym(text: str) -> bool:
    """Two to eight letters, all upper case apart from joiners ("ISK", "IS-K", "ISKP")."""
    letters = [c for c in text if c.isalpha()]
    uppers = sum(1 for c in letters if c.isupper())
    return 2 <= len(letters) <= 8 and uppers >= 2 and uppers >= len(letters) - 1


def initials_match(acronym: str, words: Sequence[str], skip: Iterable[str] = ()) -> bool:
    """Whether ``acronym`` abbreviates ``words``.

    Letters are matched in order against the words' initials; small joining words ("of", "i", "ul")
    may give a letter or be passed over; at most one other word may be passed over, never the first
    ("Inter Service Intelligence Agency" -> "ISI").
    """
    letters = [c.lower() for c in acronym if c.isalpha()]
    skip = {s.lower() for s in skip}
    if not letters or not words or words[0].lower() in skip or words[0][0].lower() != letters[0]:
        return False
    return _match(letters, [w.lower() for w in words], skip, 0, 0, 1)


def _match(letters: list[str], words: list[str], skip: set[str], li: int, wi: int, passes: int) -> bool:
    if li == len(letters):
        rest = [w for w in words[wi:] if w not in skip]
        return len(rest) <= passes
    if wi == len(words):
        return False
    word = words[wi]
    if word[0] == letters[li] and _match(letters, words, skip, li + 1, wi + 1, passes):
        return True
    if word in skip:
        return _match(letters, words, skip, li, wi + 1, passes)
    return wi > 0 and passes > 0 and _match(letters, words, skip, li, wi + 1, passes - 1)


@dataclass(frozen=True, slots=True)
class AcronymDefinition:
    """``long`` (a name) followed by ``(acronym)``; spans are character offsets, end-exclusive."""

    long_span: tuple[int, int]
    acronym_span: tuple[int, int]
    long: str
    acronym: str


@dataclass(frozen=True, slots=True)
class AliasDefinition:
    """A phrase that gives another name to what precedes it: ``cue_start`` is where the phrase begins
    (the name it renames ends before it), ``alias_span`` is the new name."""

    cue_start: int
    alias_span: tuple[int, int]
    alias: str
    text_span: tuple[int, int]


#: The longest group name taken as an acronym's long form without matching initials.
_MAX_UNMATCHED = 5


def find_acronym_definitions(
    text: str, skip: Iterable[str] = (), group_name: Callable[[list[str]], bool] | None = None
) -> list[AcronymDefinition]:
    """Every "Long Name (LN)" in ``text`` whose initials match; the shortest matching long form wins.
    With ``group_name``, an armed group's name of two to five words (no "and") stands for the acronym
    after it even when the initials do not match, as a translated name's do not ("the Armed
    Revolutionary Left (IRA)", Izquierda Revolucionaria Armada)."""
    skip = frozenset(s.lower() for s in skip)
    found: list[AcronymDefinition] = []
    for m in _ACRONYM_IN_PARENS.finditer(text):
        acronym = m.group(1)
        if not is_acronym(acronym):
            continue
        words = _words_before(text, m.start(), skip)
        matching = [
            i
            for i in range(len(words) - 1, -1, -1)
            if initials_match(acronym, [w for w, _, _ in words[i:]], skip)
        ]
        if matching:
            chosen = words[matching[0] :]
        elif (
            group_name is not None
            and 2 <= len(words) <= _MAX_UNMATCHED
            and not any(w.lower() in ("and", "&") for w, _, _ in words)
            and group_name([w for w, _, _ in words])
        ):
            chosen = words  # one short name: "the X and Y Fronts of the Z Army (ZA)" is left to the units
        else:
            continue
        start, end = chosen[0][1], chosen[-1][2]
        found.append(AcronymDefinition((start, end), (m.start(1), m.end(1)), text[start:end], acronym))
    return found


def _words_before(text: str, end: int, skip: frozenset[str]) -> list[tuple[str, int, int]]:
    """The run of name words just before ``end``: capitalised words, joined by spaces or hyphens,
    with small joining words ("of", "-i-") allowed inside."""
    window_start = max(0, end - 160)
    words = [
        (m.group(), m.start() + window_start, m.end() + window_start)
        for m in _WORD.finditer(text[window_start:end])
    ]
    if not words or text[words[-1][2] : end].strip():
        return []
    run: list[tuple[str, int, int]] = []
    for k in range(len(words) - 1, -1, -1):
        word, start, stop = words[k]
        if run and not _JOIN.match(text[stop : run[-1][1]]):
            break
        if not (word[0].isupper() or word.lower() in skip):
            break
        run.append(words[k])
        if len(run) >= _MAX_WORDS:
            break
    run.reverse()
    while run and run[0][0].lower() in skip:
        run.pop(0)
    return run


class AliasCues:
    """Compiled "known as" and "or ACRONYM" patterns built from cue words (``actors.json``)."""

    def __init__(
        self,
        adverbs: Sequence[str],
        verbs: Sequence[str],
        prepositions: Sequence[str],
        or_words: Sequence[str] = ("or",),
    ) -> None:
        name = r"(?:(?:al|el|ad|an|as|ash|at|ul)[-\s])?[A-Z][\w’'.\-]*(?:[ \-][A-Z][\w’'.\-]*){0,5}"
        preps = alternation(prepositions)
        where = rf"(?:{preps}\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){{0,2}}\s+)?"
        self._known_as = re.compile(
            rf"(?P<cue>,?\s*(?:{alternation(adverbs)}\s+)?{alternation(verbs)}\s+{where}as\s+)"
            rf"(?P<open>[{_QUOTES}]?)(?P<alias>{name})",
        )
        self._or = re.compile(
            rf",\s*{alternation(or_words)}\s+(?:the\s+)?(?P<alias>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)?)(?=\s*[,.;:)]|\s*$)"
        )

    def find_known_as(self, text: str) -> list[AliasDefinition]:
        """Every "known as NAME" phrase: the alias and where the phrase starts."""
        found: list[AliasDefinition] = []
        for m in self._known_as.finditer(text):
            start, end = m.span("alias")
            alias = m.group("alias")
            while alias and alias[-1] in ".’'-":  # a full stop or a closing quote ends the name
                alias = alias[:-1]
                end -= 1
            if alias:
                found.append(AliasDefinition(m.start("cue"), (start, end), alias, (m.start("cue"), end)))
        return found

    def find_or_acronyms(self, text: str) -> list[AliasDefinition]:
        """Every ", or ACRONYM" after a name ("the Pakistani Taliban, or TTP,")."""
        found: list[AliasDefinition] = []
        for m in self._or.finditer(text):
            alias = m.group("alias")
            if is_acronym(alias):
                found.append(AliasDefinition(m.start(), m.span("alias"), alias, (m.start(), m.end("alias"))))
        return found


def joins_name(between: str) -> bool:
    """Whether the text between a name and an alias phrase keeps them together: spaces, commas or a
    parenthesised acronym ("Islamic State Khurasan (ISK) commonly known as ...")."""
    between = re.sub(r"\(\s*[^()]{1,12}\)", "", between)
    return not between.strip(" \t\n,")
