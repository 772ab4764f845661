"""Which group a phrase that names no group by name stands for.

* members of a group are the group: "members of the ULFA", "militants from AQIM", "the Heroes de
  Anori Front of the ELN" (:meth:`GroupPhrases.groups_of`);
* a crowd acts as people, not as an armed group: "residents", "a group of villagers", "community
  members" (not "unknown people", "armed men", "a man": :meth:`GroupPhrases.crowd`);
* "the group", "the militants" refer to the one armed group named just before
  (:meth:`GroupPhrases.antecedent`).

The words are the ontology lexicon's ``member_nouns``, ``crowd_nouns``, ``unknown_actor_words``,
``group_anaphors`` and ``group_anaphor_kinds``.
"""

from __future__ import annotations

from spacy.tokens import Token

from dateline.events.context import MentionIndex, pobjs
from dateline.events.ontology import Ontology
from dateline.nlp.doc_cache import children_of

__all__ = ["GroupPhrases", "off_duty", "on_behalf_of"]

_OF_FROM = frozenset({"of", "from", "with"})  # "insurgents with the MEND"
_ORGANISED = frozenset({"criminal", "militant", "rebel", "gang", "jihadist", "terrorist", "insurgent"})
_PEOPLE = frozenset({"men", "women", "boys", "girls"})  # "a group of men beat him": a crowd
_COLLECTIVES = ("group", "groups", "mob", "crowd", "hundreds", "thousands", "dozens", "scores", "tens")
_MEMBER_MODIFIERS = frozenset({"community", "village", "family", "tribe", "party", "union"})
_BELIEF_VERBS = frozenset({"suspect", "believe", "think", "say", "report", "presume", "allege", "claim"})
_TIE_VERBS = frozenset({"associate", "affiliate", "link", "connect", "tie"})  # "gunmen linked to the LTTE"


class GroupPhrases:
    """Reads groups from phrases of one document (its :class:`MentionIndex`)."""

    def __init__(self, ontology: Ontology, index: MentionIndex, stand_ins: tuple[str, ...]) -> None:
        self.index = index
        self.members = ontology.words("member_nouns")
        self.crowd_words = ontology.words("crowd_nouns")
        self.unknown = ontology.words("unknown_actor_words")
        self.anaphors = ontology.words("group_anaphors")
        self.anaphor_kinds = ontology.words("group_anaphor_kinds")
        self.stand_ins = stand_ins

    def groups_of(self, tokens: list[Token]) -> list[Token]:
        """The group a member noun names its members of: "members of the ULFA", "militants from AQIM",
        "rebels with the NPA", "the Heroes de Anori Front of the ELN" (the heads of the ``of``/``from``/
        ``with`` phrases), and the group a member is said to belong to (:meth:`_said_to_be_of`)."""
        out: list[Token] = []
        for t in tokens:
            named = t.pos_ == "PROPN" and bool(self.index.at(t.i, "actor"))  # a unit named "of" a group
            if t.lemma_.lower() not in self.members and t.lower_ not in self.members and not named:
                continue
            # "a QSD member", "an al-Shabaab commander": the group named before the member noun
            named_before = [
                (t, c)
                for c in children_of(t)
                if c.dep_ in ("compound", "poss") and self.index.at(c.i, "actor")
            ]
            for _, obj in [*pobjs(t, _OF_FROM), *self._said_to_be_of(t), *([] if named else named_before)]:
                if named and not any(
                    m.record.get("kind") == "militant_group" for m in self.index.at(obj.i, "actor")
                ):
                    continue
                out.append(obj)
                out.extend(c for c in children_of(obj) if c.dep_ in ("compound", "appos"))
        return out

    def _said_to_be_of(self, member: Token) -> list[tuple[Token, Token]]:
        """The group a member noun is said to belong to: "militants belonging to the ULFA", "gunmen
        suspected to be from the LTTE", "gunmen believed to be members of the NDFB", "militants linked
        to (associated with) the LTTE"."""
        verbs = [c for c in children_of(member) if c.dep_ == "acl"]
        if member.dep_ in ("nsubj", "nsubjpass") and member.head.lemma_.lower() in _BELIEF_VERBS | _TIE_VERBS:
            verbs.append(member.head)  # "Gunmen suspected to be from X killed ...", parsed with X's verb
        out: list[tuple[Token, Token]] = []
        for verb in verbs:
            if verb.lemma_.lower() == "belong":
                out += pobjs(verb, frozenset({"to"}))
                continue
            if verb.lemma_.lower() in _TIE_VERBS:
                out += pobjs(verb, frozenset({"to", "with"}))
                continue
            if verb.lemma_.lower() not in _BELIEF_VERBS:
                continue
            for be in (c for c in children_of(verb) if c.dep_ == "xcomp" and c.lemma_ == "be"):
                out += pobjs(be, _OF_FROM)
                for attr in (
                    c for c in children_of(be) if c.dep_ == "attr" and c.lemma_.lower() in self.members
                ):
                    out += pobjs(attr, _OF_FROM)
        return out

    def crowd(self, token: Token) -> bool:
        """People acting together but unorganised and unarmed (see the module docstring)."""
        mods = {c.lower_ for c in children_of(token) if c.dep_ in ("amod", "compound", "det")}
        if mods & self.unknown or mods & _ORGANISED:  # "unknown people", "criminal groups"
            return False
        if token.lower_ in _COLLECTIVES and any(
            c.dep_ == "compound" and c.pos_ == "PROPN" for c in children_of(token)
        ):
            return False  # "the TCP and CV groups": named organisations
        if token.lower_ in self.crowd_words:
            return True
        of = [o for _, o in pobjs(token, frozenset({"of"}))]
        of_words = {o.lemma_.lower() for o in of}  # "members of communities"
        members = token.lower_ == "members" and bool((mods | of_words) & _MEMBER_MODIFIERS)
        if token.lower_ in _COLLECTIVES or members:
            armed = any(
                c.lower_ in self.unknown for o in of for c in children_of(o)
            )  # "a group of armed men"
            return not armed and (
                members or not of or any(o.lower_ in self.crowd_words | _PEOPLE for o in of)
            )
        return False

    def listed(self, token: Token) -> list[str]:
        """The armed groups a counted plural stands for when the sentence lists them after its verb:
        "Four different groups have claimed responsibility for the attack, including X, Y and Z"."""
        if token.tag_ != "NNS" or token.lemma_.lower() not in self.anaphors or token.head.i <= token.i:
            return []
        if not any(
            c.dep_ == "nummod" or c.lower_ in ("several", "various", "different") for c in children_of(token)
        ):
            return []
        sent = self.index.sents[self.index.sent_of[token.i]]
        return self._groups_named(token.head.i, sent.end)

    def _groups_named(self, start: int, end: int) -> list[str]:
        """The armed groups named in tokens ``start``:``end`` (no stand-ins), each once, in text order."""
        named = [
            m
            for m in self.index.in_range(start, end, "actor")
            if m.record.get("kind") in self.anaphor_kinds
            and not str(m.record.get("id")).startswith(self.stand_ins)
        ]
        return list(dict.fromkeys(str(m.record.get("id")) for m in named))

    def antecedent(self, token: Token) -> list[str]:
        """The armed group "the group", "the militants" or "the rebels" refers back to: the one named
        last before it, in its sentence or the two before (none when two groups are named there)."""
        if token.lower_ not in self.anaphors or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children_of(token)
        ):
            return []
        sent = self.index.sent_of[token.i]
        ids = self._groups_named(self.index.sents[max(0, sent - 2)].start, token.i)
        return ids[-1:] if len(ids) == 1 else []


OFF_DUTY_WORDS = frozenset({"former", "retired", "ex", "ex-", "unarmed", "off-duty"})


def off_duty(noun: Token) -> bool:
    """Whether a noun of arms names someone out of service: "a former soldier", "an off-duty police
    officer", "a retired colonel" (modifiers before it, "off-duty" written as one or three tokens)."""
    before = [t.lower_ for t in noun.doc[max(noun.left_edge.i, noun.i - 4) : noun.i]]
    # "a police officer (assumed off-duty)", "an officer who was off-duty": said after it too
    after = [t.lower_ for t in noun.doc[noun.i + 1 : min(noun.right_edge.i + 1, noun.i + 9)]]
    words = before + after
    return (
        bool(OFF_DUTY_WORDS.intersection(before)) or "duty" in words and "off" in words or "off-duty" in words
    )


def on_behalf_of(verb: Token, behalf: list[Token]) -> list[Token]:
    """Who an act is done for: "two men claimed the attack on behalf of the FLNC" (the FLNC), the phrase
    hanging on the verb or on a noun of its clause (not inside another verb's clause). ``behalf``: the
    document's "behalf" tokens that are objects of a preposition."""
    out: list[Token] = []
    for word in behalf:
        if not verb.sent.start <= word.i < verb.sent.end:
            continue
        node = word.head
        while node.i != verb.i and node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
            node = node.head
        if node.i == verb.i:
            out.extend(obj for _, obj in pobjs(word, frozenset({"of"})))
    return out
