"""Who was killed or hurt, counted the way coders count: the members of the victim noun phrase.

A casualty word ("killed", "dead", "the murder of") names its victims in one noun phrase; that phrase
may list several groups ("two soldiers and a policeman"). :class:`VictimCounter` finds the phrase
(:meth:`VictimCounter.victim`) and reads each coordinated member as one part
(:meth:`VictimCounter.parts`):

* a member holding a quantity counts it ("two soldiers" = 2, "several assailants" is vague);
* a singular member counts one person ("a former police officer", "the mayor", "Hassan", "himself"),
  with the member's own words as its evidence span;
* "no one", "nobody" count zero; "both attackers" counts two;
* a plural without a number ("civilians", "their drivers") is unknown.

Each part carries a ``role``: ``"perpetrator"`` when the member names the attackers (the ontology's
``counting.perpetrator_nouns``, a reflexive "killing himself", or one of the event's actors), else
``"victim"``. :func:`total` sums the parts like GTD and ACLED do: perpetrators count, a total is not
added to its parts ("five people, including two children" = 5), vague or unknown members leave the
exact sum as a lower bound ("three soldiers and several assailants" = at least 3).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from dateline.events.antecedents import plural_antecedent
from dateline.events.context import MentionIndex, subject_of
from dateline.events.ontology import word_set
from dateline.nlp.doc_cache import children_of, text_of

if TYPE_CHECKING:
    from dateline.events.draft import EventDraft

__all__ = ["CountWords", "VictimCounter", "found_body", "total"]

_NOT_COUNTS = frozenset(
    {"percent", "per cent", "%", "km", "kilometres", "kilometers", "miles", "years", "year"}
)
_MEMBER_DEPS = frozenset({"det", "nummod", "quantmod", "amod", "compound", "poss", "case", "nmod", "predet"})
_NOT_PEOPLE_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "ORG", "NORP", "MONEY", "PERCENT"})
_ACTIVE_AUX = frozenset({"have", "has", "had", "having"})
_OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class CountWords:
    """The words counting reads (the ontology lexicon's ``counting`` section)."""

    perpetrator_nouns: frozenset[str]  # lemmas naming attackers: "assailant", "gunman", "bomber"
    uncounted_nouns: frozenset[str]  # singular nouns that are no single person: "number", "family"
    person_words: dict[str, int]  # pronouns and words counting people by themselves: "he" 1, "both" 2
    reflexives: frozenset[str]  # "himself": the killer killed
    nobody: frozenset[str]  # "nobody", "none"; "no one" is "one" under "no"
    not_people_actor_kinds: frozenset[str]  # an actor of these kinds is no countable victim
    act_nouns: frozenset[str]  # a deed done to someone, or what it leaves: "the murder of X", "his body"
    time_nouns: frozenset[str]  # "time", "day": never a victim
    animal_nouns: frozenset[str]  # "cow", "cattle", "olive trees": killed or cut down, but not counted
    armed_actor_kinds: frozenset[str]  # an event's actor of these kinds named among the dead: its attackers
    fatal_verbs: frozenset[str]  # verbs that kill: "behead", "execute", "assassinate"
    fatal_phrasal: dict[str, str]  # "gun" + "down"
    fatal_adverbs: frozenset[str]  # "fatally wounded"
    accompanying: frozenset[str]  # "along" with, "together" with: more victims
    plural_pronouns: frozenset[str]  # "them", "their": the group counted before
    armed_nouns: frozenset[str] = frozenset()  # "soldier", "policeman": never the same person as a civilian

    @classmethod
    def from_lexicon(cls, section: dict[str, Any]) -> CountWords:
        return cls(
            perpetrator_nouns=word_set(section, "perpetrator_nouns"),
            uncounted_nouns=word_set(section, "uncounted_nouns"),
            person_words={str(k).lower(): int(v) for k, v in dict(section.get("person_words", {})).items()},
            reflexives=word_set(section, "reflexives"),
            nobody=word_set(section, "nobody"),
            not_people_actor_kinds=word_set(section, "not_people_actor_kinds"),
            act_nouns=word_set(section, "act_nouns"),
            time_nouns=word_set(section, "time_nouns"),
            animal_nouns=word_set(section, "animal_nouns"),
            armed_actor_kinds=word_set(section, "armed_actor_kinds"),
            fatal_verbs=word_set(section, "fatal_verbs"),
            fatal_phrasal={
                str(k).lower(): str(v).lower() for k, v in dict(section.get("fatal_phrasal", {})).items()
            },
            fatal_adverbs=word_set(section, "fatal_adverbs"),
            accompanying=word_set(section, "accompanying"),
            plural_pronouns=word_set(section, "plural_pronouns"),
            armed_nouns=word_set(section, "armed_nouns"),
        )


class VictimCounter:
    """Reads the victim phrase of a casualty word into counted parts, each with its span and role."""

    def __init__(
        self, words: CountWords, index: MentionIndex, casualty_words: frozenset[str] = frozenset()
    ) -> None:
        self.words = words
        self.casualty_words = casualty_words  # "dead", "wounded": the toll, not a victim
        self.index = index
        self._passive_subjects: dict[int, Token | None] = {}  # a head's children read once
        self.text = index.text

    # --- the victim phrase -------------------------------------------------------------------------

    def fatal_verb(self, verb: Token) -> str | None:
        """ "fatalities" for a verb that kills without being "kill": "beheaded", "gunned down",
        "stabbed to death", "fatally wounded"; else None."""
        lemma = verb.lemma_.lower()
        words = self.words
        if lemma in words.fatal_verbs:
            return "fatalities"
        children = list(children_of(verb))
        if lemma in words.fatal_phrasal and any(
            c.dep_ == "prt" and c.lower_ == words.fatal_phrasal[lemma] for c in children
        ):
            return "fatalities"  # "gunned down"
        if any(c.lower_ in words.fatal_adverbs for c in children if c.dep_ == "advmod"):
            return "fatalities"  # "fatally wounded", "mortally injured"
        for c in children:  # "stabbed to death", "beaten to death"
            if (
                c.dep_ == "prep"
                and c.lower_ == "to"
                and any(x.lemma_.lower() == "death" for x in children_of(c))
            ):
                return "fatalities"
        return None

    def victim(self, c: Token) -> Token | None:
        """The head of the noun phrase naming who ``c`` ("killed", "dead", "murder") killed or hurt."""
        if c.pos_ in ("VERB", "AUX"):
            return self._verb_victim(c)
        if c.pos_ == "ADJ" or c.dep_ in ("oprd", "acomp", "advmod", "xcomp"):
            head = c.head
            if c.dep_ == "amod":
                return head if self._nominal(head) else None
            if head.i == c.i:
                # "gunmen riding a motorcycle shot dead a civilian": the tagger read "shot" as a noun
                # and "dead" heads the clause, holding the victim as its object
                obj = next((x for x in children_of(c) if x.dep_ == "dobj"), None)
                return obj if obj is not None and self._nominal(obj) else None
            if head.pos_ in ("VERB", "AUX") and head.i != c.i:
                # "shot dead a lawyer", "was found dead", "lay dead"
                obj = self._object(head)
                if obj is None and not any(x.dep_ == "dobj" for x in children_of(head)):
                    obj = next((x for x in children_of(head) if x.dep_ in ("nsubj", "nsubjpass")), None)
                return obj if obj is not None and self._nominal(obj) else None
            return None
        if c.pos_ == "NOUN" and c.lemma_.lower() in self.words.act_nouns:
            for child in children_of(c):  # "the killing of a journalist", "Hassan's murder"
                if child.dep_ == "prep" and child.lower_ == "of":
                    pobj = next((x for x in children_of(child) if x.dep_ == "pobj"), None)
                    return pobj if pobj is not None and self._nominal(pobj) else None
                if child.dep_ == "poss":
                    return child if self._nominal(child) else None
        return None

    def _passive_subject(self, verb: Token) -> Token | None:
        if verb.i not in self._passive_subjects:
            self._passive_subjects[verb.i] = next(
                (x for x in children_of(verb) if x.dep_ == "nsubjpass"), None
            )
        return self._passive_subjects[verb.i]

    def _verb_victim(self, c: Token) -> Token | None:
        if c.lemma_.lower() == "leave":  # "the attack left three dead"
            obj = next((x for x in children_of(c) if x.dep_ == "dobj"), None)
            return (
                obj
                if obj is not None and obj.lower_ not in self.casualty_words and self._nominal(obj)
                else None
            )
        if c.lemma_.lower() == "die":
            subj = subject_of(c, index=self.index)
            return subj if subj is not None and self._nominal(subj) else None
        obj = self._object(c)
        if obj is None and c.dep_ in ("acl", "amod") and c.tag_ == "VBN" and self._nominal(c.head):
            return c.head  # "a soldier killed in the attack"
        if obj is None and c.tag_ == "VBN" and not any(x.lower_ in _ACTIVE_AUX for x in children_of(c)):
            # "three were killed and four injured": the participle's subject is its victim
            obj = next((x for x in children_of(c) if x.dep_ == "nsubj"), None)
        if obj is None and c.dep_ == "conj" and c.tag_ in ("VBD", "VBN"):
            # "left three dead and four others wounded": a participle read as a past tense
            obj = next((x for x in children_of(c) if x.dep_ == "nsubj"), None)
        if obj is None and c.dep_ in ("conj", "xcomp", "oprd") and c.head.pos_ in ("VERB", "AUX"):
            # "the civilian was shot and killed", "a farmer was found shot to death": the first verb's
            # passive subject
            obj = self._passive_subject(c.head)
        if obj is None:  # "In addition to six assailants, one soldier and two civilians were killed"
            obj = next(iter(self._accompanying(c)), None)
        return obj if obj is not None and self._nominal(obj) else None

    def _object(self, verb: Token) -> Token | None:
        for child in children_of(verb):
            if child.dep_ in _OBJECT_DEPS and not self._when(child):
                return child
        return None

    def _when(self, t: Token) -> bool:
        """A time phrase misread as an object ("was shot and killed a short time later")."""
        return t.ent_type_ in ("DATE", "TIME") or t.lemma_.lower() in self.words.time_nouns

    def _nominal(self, t: Token) -> bool:
        return t.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and not self._when(t)

    # --- its parts ---------------------------------------------------------------------------------

    def members(self, head: Token) -> list[Token]:
        """The coordinated members of a noun phrase; "the governor, an intelligence chief and one
        soldier" (parsed as an apposition holding a list) has three."""
        members = [head, *(c for c in head.conjuncts if not self._same_person(head, c))]
        verb = head.head if head.dep_ in ("nsubjpass", "dobj", "nsubj") else None
        if verb is not None:
            # "27 assailants and 17 soldiers" read as two subjects; "killing him and four of his
            # drivers" read as a verb and a number
            members += [
                c
                for c in children_of(verb)
                if self._nominal(c)
                and c.i != head.i
                and (
                    c.dep_ == head.dep_
                    and self._listed(head, c)
                    or c.dep_ == "conj"
                    and c.i > head.i
                    and self._bare_member(c)
                )
            ]
            own = ("nsubj", "nsubjpass", "dobj")
            for v in [verb, *[x for x in verb.conjuncts if not any(c.dep_ in own for c in children_of(x))]]:
                members += self._accompanying(v)
        for m in list(members):  # "two of his brothers and a cousin"
            if m.pos_ == "NUM":
                for of in (c for c in children_of(m) if c.dep_ == "prep" and c.lower_ == "of"):
                    for pobj in (c for c in children_of(of) if c.dep_ == "pobj"):
                        members += [c for c in pobj.conjuncts if self._determined(c)]
        if len(members) == 1 and head.pos_ == "NOUN" and head.tag_ == "NN":
            appos = next((c for c in children_of(head) if c.dep_ == "appos"), None)
            if appos is not None and appos.conjuncts and all(self._determined(m) for m in appos.conjuncts):
                # "a police officer, Hadi Karim, and his father": a name in apposition is the head's own
                members = [head, *([] if appos.pos_ == "PROPN" else [appos]), *appos.conjuncts]
        members = sorted(set(members), key=lambda t: t.i)
        # "Hussaini, the association chair, and Umar": a description after a name is no other victim
        return [
            m
            for k, m in enumerate(members)
            if not (
                k > 0
                and members[k - 1].pos_ == "PROPN"
                and m.pos_ == "NOUN"
                and m.tag_ == "NN"
                and m.i > 0
                and m.doc[m.left_edge.i - 1].text == ","
                and not any(c.dep_ == "nummod" for c in children_of(m))
            )
        ]

    def _same_person(self, head: Token, c: Token) -> bool:
        """ "a former informer and collaborator", "the owner and driver of the bus": a bare singular
        noun coordinated with a singular one under a determiner describes the same person (not when
        one of them is armed: "a policeman and civilian")."""
        armed = self.words.armed_nouns
        return (
            (head.lower_ in armed) == (c.lower_ in armed)
            and c.tag_ == "NN"
            and head.tag_ == "NN"
            and c.i > head.i
            and any(x.dep_ == "det" for x in children_of(head))
            and not any(x.dep_ in ("det", "poss", "nummod", "amod", "compound") for x in children_of(c))
        )

    @staticmethod
    def _listed(head: Token, c: Token) -> bool:
        """Whether a second subject or object of the verb is another member of a list ("27 assailants
        and 17 soldiers were killed"), not a name or place misread as one ("a guard for Minister Ali
        was killed", "two residents of the village, Dara district were killed"): a number, or a
        coordinating word between them, or words of one phrase the parser split ("a defense forces
        volunteer")."""
        if c.pos_ == "NUM" or any(x.dep_ == "nummod" for x in children_of(c)):
            return True
        first, second = sorted((head, c), key=lambda t: t.i)
        between = head.doc[first.i + 1 : second.left_edge.i]
        if not between:
            return True
        return any(t.pos_ == "CCONJ" for t in between)

    def _bare_member(self, t: Token) -> bool:
        """A number or noun coordinated with a verb that is no clause of its own: "four of his drivers",
        not "another four injured" or "the other three arrested"."""
        if t.pos_ not in ("NUM", "NOUN") or t.lemma_.lower() in self.words.uncounted_nouns:
            return False
        return not any(
            c.pos_ in ("VERB", "ADJ", "AUX") or c.lower_ in self.casualty_words for c in children_of(t)
        )

    def _accompanying(self, verb: Token) -> list[Token]:
        """Victims named beside the verb: "killed along with two of his brothers", "in addition to
        the assailant, four officers were killed"."""
        out: list[Token] = []
        for prep in (c for c in children_of(verb) if c.dep_ == "prep"):
            pobj = next((c for c in children_of(prep) if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            before = prep.doc[prep.i - 1].lower_ if prep.i > 0 else ""
            if prep.lower_ == "with" and before in self.words.accompanying:
                out += [pobj, *pobj.conjuncts]
            elif prep.lower_ in ("in", "besides") and pobj.lower_ in ("addition", "besides"):
                to = next((c for c in children_of(pobj) if c.dep_ == "prep" and c.lower_ == "to"), None)
                inner = (
                    next((c for c in children_of(to) if c.dep_ == "pobj"), None) if to is not None else None
                )
                if inner is not None:
                    out += [inner, *inner.conjuncts]
        # "in addition to twelve deaths, 18 were wounded": a toll beside, not more victims
        return [t for t in out if self._nominal(t) and t.lemma_.lower() not in self.words.act_nouns]

    @staticmethod
    def _determined(t: Token) -> bool:
        return any(c.dep_ in ("det", "nummod", "poss") for c in children_of(t)) or t.pos_ == "PROPN"

    def _member_tokens(self, m: Token) -> list[Token]:
        """The words of one member: its head and what stands before it, and "of" after a number
        ("three of the soldiers"); not its conjuncts, appositions or clauses."""
        out = [m]
        stack = [c for c in children_of(m) if c.i < m.i and c.dep_ in _MEMBER_DEPS]
        if m.pos_ == "NUM" or m.lower_ in self.words.person_words:
            stack += [c for c in children_of(m) if c.dep_ == "prep" and c.lower_ == "of"]
        while stack:
            t = stack.pop()
            out.append(t)
            stack.extend(c for c in children_of(t) if c.dep_ not in ("conj", "cc", "appos", "relcl", "acl"))
        return sorted(out, key=lambda t: t.i)

    def parts(self, head: Token, actors: frozenset[str] = frozenset()) -> list[dict[str, Any] | None]:
        """One part per member: a quantity-shaped dict with ``role`` (None for an unknown member)."""
        return [self._part(m, actors) for m in self.members(head)]

    def _part(self, m: Token, actors: frozenset[str]) -> dict[str, Any] | None:
        words = self.words
        if m.lemma_.lower() in words.uncounted_nouns:  # "a total of 27 people", "a group of five men"
            of = next((c for c in children_of(m) if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((c for c in children_of(of) if c.dep_ == "pobj"), None) if of is not None else None
            if pobj is not None and pobj.tag_ in ("NNS", "NNPS"):
                m = pobj
        tokens = self._member_tokens(m)
        role = self.role(m, tokens, actors)
        if m.lemma_.lower() in words.animal_nouns or m.lower_ in words.animal_nouns:
            return {"animal": True}
        for mention in self.index.in_tokens((t.i for t in tokens), "quantity"):
            unit = str(mention.record.get("unit") or "").lower()
            counts_m = mention.start <= m.i < mention.end or m.pos_ == "NUM" or m.lower_ in words.person_words
            if unit not in _NOT_COUNTS and counts_m:
                part = dict(mention.record)
                part["role"] = role
                part["source"] = id(mention.record)
                return part
        lower = m.lower_
        dets = {c.lower_ for c in children_of(m) if c.dep_ in ("det", "predet")}
        if lower in words.nobody or "no" in dets:
            return self._implicit(tokens, 0, m, role)
        if lower in words.person_words:
            return self._implicit(tokens, words.person_words[lower], m, role)
        if lower in words.plural_pronouns:  # "shot them", "their bodies": the group counted before
            group = plural_antecedent(self.index, m, words.perpetrator_nouns, _NOT_COUNTS)
            if group is not None:
                return {**group, "role": role, "source": id(group)}
        for det in dets & set(words.person_words):  # "both attackers"
            if m.tag_ in ("NNS", "NNPS"):
                return self._implicit(tokens, words.person_words[det], m, role)
        one = [c for c in children_of(m) if c.dep_ == "nummod" and words.person_words.get(c.lower_) == 1]
        if one and m.lower_ in ("other", "more") and m.dep_ == "pobj":  # "the injury of one other"
            return self._implicit(tokens, 1, m, role)
        if m.tag_ in ("NN", "NNP") and m.pos_ in ("NOUN", "PROPN") and self._one_person(m):
            return self._implicit(tokens, 1, m, role)
        return None

    def _one_person(self, m: Token) -> bool:
        if m.lemma_.lower() in self.words.uncounted_nouns or m.lower_ in self.words.uncounted_nouns:
            return False
        described = any(c.dep_ == "appos" and c.tag_ == "NN" for c in children_of(m))  # "U Thahtay, a leader"
        # "an Israeli", "a Bulgarian": one of a nationality is a person
        described = (
            described or m.ent_type_ == "NORP" and any(c.lower_ in ("a", "an") for c in children_of(m))
        )
        if m.ent_type_ in _NOT_PEOPLE_ENTS and not described:
            return False
        if m.pos_ != "PROPN":
            return True  # "a police officer" may be read as a nominal police actor: still one person
        kinds = {str(a.record.get("kind") or "") for a in self.index.at(m.i, "actor")}
        return not kinds & self.words.not_people_actor_kinds

    def _implicit(self, tokens: list[Token], n: int, m: Token, role: str) -> dict[str, Any]:
        start = tokens[0].idx
        end = tokens[-1].idx + len(tokens[-1].text)
        unit = m.lower_ if m.pos_ in ("NOUN", "PROPN") else None
        return exact_count(self.text, start, end, n, unit, role=role)

    def role(self, m: Token, tokens: list[Token], actors: frozenset[str]) -> str:
        """ "perpetrator" when the member ``m`` (words ``tokens``) names the attackers, else "victim"."""
        if m.lemma_.lower() in self.words.perpetrator_nouns or m.lower_ in self.words.perpetrator_nouns:
            return "perpetrator"
        if m.lower_ in self.words.reflexives:
            return "perpetrator"  # "blew himself up, killing himself and three others"
        if actors:  # "two Taliban fighters" when the Taliban attacked
            named = {
                str(a.record.get("id"))
                for t in tokens
                for a in self.index.at(t.i, "actor")
                if a.record.get("kind") in self.words.armed_actor_kinds
            }
            if named & actors:
                return "perpetrator"
        return "victim"


def exact_count(
    text: str, start: int, end: int, n: int, unit: str | None, *, role: str | None = None
) -> dict[str, Any]:
    """A count the text implies without a number ("a police officer": 1), read from ``text[start:end]``;
    with ``role`` ("victim", "perpetrator") when a breakdown part."""
    count: dict[str, Any] = {
        "text": text[start:end],
        "span": [start, end],
        "low": n,
        "high": n,
        "best": n,
        "qualifier": None,
        "unit": unit,
        "vague": False,
        "group": None,
    }
    if role is not None:
        count["role"] = role
    return count


def total(parts: list[dict[str, Any] | None], text: str) -> dict[str, Any] | None:
    """The parts summed into one quantity (None when no part is an exact count).

    Exact parts add up; a vague part ("several") or an unknown one ("civilians") makes the sum a lower
    bound ("at least"). One exact part alone is returned as it is.
    """
    known = [p for p in parts if p is not None]
    exact = [p for p in known if not p.get("vague") and _value(p) is not None]
    if not exact:
        return None
    if len(parts) == 1:
        return _public(exact[0])
    whole = len(exact) == len(parts) and all(p.get("high") is not None for p in exact)
    lows = sum(_value(p) or 0 for p in exact)
    start = min(int(p["span"][0]) for p in known)
    end = max(int(p["span"][1]) for p in known)
    units = {p.get("unit") for p in exact}
    summed: dict[str, Any] = {
        "text": text[start:end],
        "span": [start, end],
        "low": _int(lows),
        "high": _int(sum(float(p["high"]) for p in exact)) if whole else None,
        "best": _int(lows),
        "qualifier": exact[0].get("qualifier") if whole else "at least",
        "unit": units.pop() if len(units) == 1 else None,
        "vague": False,
        "group": exact[0].get("group"),
    }
    return summed


def _value(q: dict[str, Any]) -> float | None:
    for key in ("best", "low"):
        if q.get(key) is not None:
            return float(q[key])
    return None


def _int(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def _public(part: dict[str, Any]) -> dict[str, Any]:
    """A part as a record quantity: without its role and the id of the quantity it was read from."""
    return {k: v for k, v in part.items() if k not in ("role", "source")}


def found_body(draft: EventDraft, noun: Token) -> None:
    """A body found: who found it is no attacker, and "the body of a man" is one dead."""
    draft.actors = []
    draft.agents = set()
    if draft.fatalities is None and noun.tag_ == "NN":
        start, end = noun.left_edge.idx, noun.idx + len(noun.text)
        draft.fatalities = exact_count(text_of(noun.doc), start, end, 1, noun.text)
