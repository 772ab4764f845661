"""Aliases one document defines for its actors: "Long Name (LN)", "X, commonly known as Y", "X, or ACR".

:class:`DefinitionReading` is the part of :class:`dateline.actors.reading.ActorReading` that reads
them: an acronym goes to the registry actor its long name names (when the long name is that actor's
own, not a longer name around it), or to a new actor of the long name; a "known as" alias goes to the
name just before its cue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dateline.actors.aliases import find_acronym_definitions, joins_name
from dateline.actors.candidates import ActorCandidate
from dateline.actors.groups import described_as_armed_group
from dateline.actors.persons import name_words
from dateline.actors.registry import actor_key

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dateline.actors.nominal import ActorLexicon
    from dateline.actors.registry import ActorRegistry

__all__ = ["DefinitionReading"]


class DefinitionReading:
    """Reads the aliases a text defines; mixed into the document's actor reading, whose state it uses."""

    doc: Doc
    text: str
    state: Any  # the reading's ActorTools (matcher, alias cues, group rules)
    lexicon: ActorLexicon
    registry: ActorRegistry
    records: dict[str, dict[str, Any]]
    alias_map: dict[tuple[str, ...], str]
    person_aliases: dict[tuple[str, ...], tuple[str, ...]]
    pending: list[tuple[int, str, int, int]]

    if TYPE_CHECKING:  # provided by the reading

        def choose(self, ids: tuple[str, ...]) -> str: ...
        def unregistered(
            self, kind: str, name: str, country: str | None, inter: int | None = None
        ) -> str: ...
        def learn(self, actor_id: str, alias: str, start: int, end: int) -> None: ...
        def _tokens(self, start: int, end: int) -> tuple[int, int] | None: ...

    def _definitions(self, cands: list[ActorCandidate], ents: list[ActorCandidate]) -> None:
        """Aliases the text defines: "Long Name (LN)", "X, commonly known as Y", "X, or ACR"."""
        text, lx, matcher = self.text, self.lexicon, self.state.matcher
        holders: list[tuple[int, int, str]] = []  # char spans of names with their actor ("" = to do)
        people: dict[int, ActorCandidate] = {}
        for d in find_acronym_definitions(text, lx.acronym_skip, self.state.groups.is_group_name):
            long_tokens, acr_tokens = self._tokens(*d.long_span), self._tokens(*d.acronym_span)
            if long_tokens is None or acr_tokens is None:
                continue
            actor_id = self._target_at(cands, *long_tokens, whole=True) or self._acronym_of(
                cands, d.long, acr_tokens
            )
            if actor_id is None:
                words = d.long.replace("-", " ").split()
                armed = self.state.groups.is_group_name(words) or described_as_armed_group(
                    self.doc, *long_tokens, self.state.groups
                )
                actor_id = self.unregistered("militant_group" if armed else lx.org_kind(words), d.long, None)
            self.learn(actor_id, d.acronym, d.long_span[0], d.acronym_span[1] + 1)
            if actor_key(d.long) not in {actor_key(n) for n in self._names(actor_id)}:
                self.learn(actor_id, d.long, d.long_span[0], d.long_span[1])
            for keys in (matcher.phrase_keys(d.long), matcher.phrase_keys(d.acronym)):
                self.alias_map[keys] = actor_id
            holders.append((d.long_span[0], d.long_span[1], actor_id))
        for c in cands:
            actor_id = c.target or (self.choose(c.ids) if c.ids else None)
            if actor_id:
                span = self.doc[c.start : c.end]
                holders.append((span.start_char, span.end_char, actor_id))
        for c in ents:
            span = self.doc[c.start : c.end]
            holders.append((span.start_char, span.end_char, ""))
            if c.label == "PERSON":
                people[span.start_char] = c
        definitions = self.state.cues.find_known_as(text) + self.state.cues.find_or_acronyms(text)
        for d in definitions:
            before = [h for h in holders if h[1] <= d.cue_start and joins_name(text[h[1] : d.cue_start])]
            if not before:
                continue
            start, end, actor_id = max(before, key=lambda h: (h[1], h[1] - h[0]))
            person = people.get(start) if not actor_id else None
            if person is not None:  # "Abu Mohammad al-Julani, also known as Ahmed al-Sharaa"
                words = name_words(self.doc, person.start, person.end, lx)[1]
                self.person_aliases[matcher.phrase_keys(d.alias)] = words
                self.pending.append((person.start, d.alias, start, d.alias_span[1]))
                continue
            if not actor_id:
                name = text[start:end]
                actor_id = self.unregistered(lx.org_kind(name.split()), name, None)
                self.alias_map.setdefault(matcher.phrase_keys(name), actor_id)
            self.learn(actor_id, d.alias, start, d.alias_span[1])
            self.alias_map[matcher.phrase_keys(d.alias)] = actor_id

    def _target_at(
        self, cands: list[ActorCandidate], start: int, end: int, *, whole: bool = False
    ) -> str | None:
        """The actor of a registry name spanning tokens ``start``:``end`` (or most of them). With
        ``whole``, words a group's name is made of may not lie outside it: "the Armed Revolutionary
        Left" is another group than the "Revolutionary Left", the "Revolutionary Struggle Front" than
        "Revolutionary Struggle"."""
        best = [c for c in cands if c.ids and c.start >= start and c.end <= end]
        best = [c for c in best if (c.end - c.start) * 2 > end - start]
        if not best:
            return None
        c = max(best, key=lambda c: c.end - c.start)
        actor_id = self.choose(c.ids)
        if not whole:
            return actor_id
        own, around = self._name_words(actor_id), (*self.doc[start : c.start], *self.doc[c.end : end])
        rest = [t.text for t in around if actor_key(t.text) not in own]
        return None if rest and self.state.groups.is_group_name(rest) else actor_id

    def _acronym_of(self, cands: list[ActorCandidate], long: str, tokens: tuple[int, int]) -> str | None:
        """The registry actor of an acronym the text defines ("Long Name (LN)"), when the long name
        could be one of that actor's names (half its words are theirs): "the Armed Revolutionary Left
        (IRA)" is not the Irish Republican Army."""
        actor_id = self._target_at(cands, *tokens)
        words = {w for w in actor_key(long).split() if len(w) > 2}
        return actor_id if actor_id and len(words & self._name_words(actor_id)) * 2 >= len(words) else None

    def _name_words(self, actor_id: str) -> set[str]:
        return {w for n in self._names(actor_id) for w in actor_key(n).split()}

    def _names(self, actor_id: str) -> tuple[str, ...]:
        entry = self.registry.get(actor_id)
        return entry.names if entry else (str(self.records.get(actor_id, {}).get("name", "")),)
