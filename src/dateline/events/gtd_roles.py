"""Whether an attack aimed at a prominent person: the role words that make it GTD's assassination.

GTD codes an attack as an assassination when its aim was to kill a specific, prominent person (an
official, a commander, a journalist, a cleric). :class:`RoleReader` answers that question for the
phrases an attack verb takes as target or victim, with the lexicon's ``prominent_roles``:

* a role counts when it is a noun of a person (not part of a group's or a place's name): "the deputy
  mayor", "Ahmed Nur, the district commissioner";
* a title that begins a place's or a facility's name is no role: "in Sheikh Zuweid", "King Khalid Air
  Base" (the names are often unknown to the gazetteer, so their shape decides: a capitalised title
  compounded into a name that follows a place preposition or ends in a facility word);
* a person named in the target phrase whose role the story tells later, in apposition to the name
  ("opened fire on U Tin Oo. Oo, a ward administrator, was killed") is as prominent as one named with
  the role.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spacy.tokens import Token

from dateline.events.grams import grams
from dateline.nlp.doc_cache import children_of, tokens_of

__all__ = ["RoleReader", "apposition_after"]

_NOUNS = frozenset({"NOUN", "PROPN"})
_ARTICLES = frozenset({"the", "a", "an"})


def _lowered(words: Iterable[str]) -> frozenset[str]:
    return frozenset(" ".join(str(w).lower().split()) for w in words)


class RoleReader:
    """Finds prominent roles in phrases (see the module docstring)."""

    def __init__(self, data: Mapping[str, object]) -> None:
        self.roles = _lowered(data["prominent_roles"])  # type: ignore[arg-type]
        self.long_roles = frozenset(r for r in self.roles if " " in r)
        self.place_preps = _lowered(data.get("place_prepositions", ()))  # type: ignore[arg-type]
        self.facility_heads = _lowered(data.get("facility_name_heads", ()))  # type: ignore[arg-type]
        self.relations = _lowered(data.get("relations_of_prominent", ()))  # type: ignore[arg-type]
        self.bodies = _lowered(data.get("governing_bodies", ()))  # type: ignore[arg-type]

    def prominent(self, phrases: list[list[Token]], kind_at: Mapping[int, str], place_at: set[int]) -> bool:
        """Whether one of ``phrases`` (or a later apposition to a name in them) names a prominent role.

        ``kind_at`` gives the actor kind of the tokens in actor mentions, ``place_at`` the tokens in
        place mentions."""
        for phrase in phrases:
            for span in (phrase, apposition_after(phrase), *self._later_appositions(phrase)):
                if self._has_role(span, kind_at, place_at):
                    return True
        return False

    def _has_role(self, tokens: list[Token], kind_at: Mapping[int, str], place_at: set[int]) -> bool:
        for t in tokens:
            if t.pos_ not in _NOUNS or kind_at.get(t.i, "person") != "person":
                continue
            if (
                t.lemma_.lower() not in self.roles
                and t.lower_ not in self.roles
                and not self._member_of_body(t)
            ):
                continue
            if not self._in_a_name(t, place_at) and not self._relation_of(t):
                return True
        return bool(grams(tokens) & self.long_roles)

    def _in_a_name(self, token: Token, place_at: set[int]) -> bool:
        """A title that begins the name of a place or a facility ("Sheikh Zuweid", "King Khalid Air
        Base"), not a person's role."""
        if token.i in place_at:
            return True
        if not token.text[:1].isupper() or token.dep_ != "compound":
            return False
        end = token
        while end.dep_ == "compound" and end.head.pos_ in _NOUNS and end.head.i > end.i:
            end = end.head
        if end.lemma_.lower() in self.facility_heads or end.lower_ in self.facility_heads:
            return True
        governor = end.head if end.dep_ in ("pobj", "conj") else None
        while governor is not None and governor.dep_ == "conj":
            governor = governor.head  # "between Izra and Sheikh Maskin"
        if governor is not None and governor.dep_ == "pobj":
            governor = governor.head
        return governor is not None and governor.lower_ in self.place_preps

    def _member_of_body(self, token: Token) -> bool:
        """ "a member of the town council", "a member of the state parliament": a seat in a governing
        body, however the body is named."""
        if token.lemma_.lower() != "member":
            return False
        return any(
            w.lemma_.lower() in self.bodies
            for p in children_of(token)
            if p.dep_ == "prep" and p.lower_ == "of"
            for w in p.subtree
        )

    def _relation_of(self, token: Token) -> bool:
        """A role that only tells whose relative or aide the person is ("an envoy of the governor",
        "the brother of the mayor", "the governor's bodyguards"): the attack aimed at that person."""
        holder = token
        while holder.dep_ == "compound" and holder.head.i > holder.i:
            holder = holder.head
        if holder.dep_ == "poss":
            owner = holder.head
        elif holder.dep_ == "pobj" and holder.head.lower_ in ("of", "to", "for"):
            owner = holder.head.head
        else:
            return False
        return owner.lemma_.lower() in self.relations or owner.lower_ in self.relations

    def _later_appositions(self, phrase: list[Token]) -> list[list[Token]]:
        """The appositions to the names of ``phrase`` where the story names them again: "Oo, a ward
        administrator, was killed"."""
        names = {t.lower_ for t in phrase if t.pos_ == "PROPN" and t.text[:1].isupper() and len(t) > 2}
        if not names or not phrase:
            return []
        doc = phrase[0].doc
        inside = {t.i for t in phrase}
        out: list[list[Token]] = []
        for t in tokens_of(doc):
            if t.i in inside or t.lower_ not in names or t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN":
                continue
            out.append(apposition_after([t]))
        return [a for a in out if a]


def apposition_after(phrase: list[Token]) -> list[Token]:
    """ "Mohamed Hayle, the district commissioner, ...": the apposition after a name, which the parser
    may hang elsewhere (up to the next comma, at most ten words)."""
    if not phrase:
        return []
    doc = phrase[-1].doc
    i = phrase[-1].i + 1
    if i + 1 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in _ARTICLES:
        return []
    out: list[Token] = []
    for t in doc[i + 1 : i + 12]:
        if t.text in (",", ".", ";") or t.is_sent_start:
            break
        out.append(t)
    return out
