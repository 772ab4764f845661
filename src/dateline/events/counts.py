"""The counts of an event read from the parse: fatalities, injured and the size of a group.

:class:`CountReader` takes the quantity tied to "killed", "dead", "wounded" ... (the ontology's
casualty verbs, adjectives and nouns), summed over a list ("three soldiers and eight civilians" = 11)
with the breakdown kept, and the size of the moving, deployed or protesting group. Quantities come
from the :class:`~dateline.events.context.MentionIndex` of the document.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from dateline.events.bombers import SuicideAttackers
from dateline.events.context import MentionIndex, clause_tokens, is_passive, object_of, pobjs, subject_of
from dateline.events.draft import EventDraft
from dateline.events.ontology import Ontology
from dateline.events.series import SeriesReader, share
from dateline.events.shootings import BareShootings
from dateline.events.tallies import Tallies
from dateline.events.totals import SeriesTotals
from dateline.events.victims import CountWords, VictimCounter, exact_count, total
from dateline.nlp.doc_cache import children_of

__all__ = ["CountReader"]

_OBJECT_SIZE_LEMMAS = frozenset(
    {"deploy", "send", "station", "dispatch", "mobilize", "mobilise", "amass", "mass"}
)
#: Verbs of a consequence clause whose object is the toll ("causing injuries to four people").
_EFFECT_VERBS = frozenset({"cause", "inflict", "leave", "result"})
#: Verbs whose subject bears the casualty their object names ("sustained injuries", "suffered wounds").
_SUFFER_VERBS = frozenset({"sustain", "suffer", "receive", "incur"})
_NOT_COUNTS = frozenset(
    {"percent", "per cent", "%", "km", "kilometres", "kilometers", "miles", "years", "year"}
)
#: Families of events that kill or hurt people (a statement, a meeting or a concession does not).
_CASUALTY_FAMILIES = frozenset({"violence", "protest", "coercion", "operation"})


class CountReader:
    """Links an event's fatalities, injured and size to the quantities of one document."""

    def __init__(self, ontology: Ontology, index: MentionIndex) -> None:
        self.index = index
        self.doc = index.doc
        self.casualty_verbs = ontology.mapping("casualty_verbs")
        self.casualty_adjs = ontology.mapping("casualty_adjectives")
        self.casualty_nouns = ontology.mapping("casualty_nouns")
        counting = {
            "armed_actor_kinds": ontology.lexicon.get("armed_actor_kinds", []),
            "armed_nouns": ontology.lexicon.get("armed_nouns", []),
        }
        counting.update(ontology.lexicon.get("counting", {}))
        self.victims = VictimCounter(CountWords.from_lexicon(counting), index, frozenset(self.casualty_adjs))
        self.series = SeriesReader(counting, index)
        self.bombers = SuicideAttackers(counting, self.victims)
        background = ontology.lexicon.get("incident_merging", {}).get("background", {})
        self.tallies = Tallies(counting, frozenset(background.get("answer_nouns", [])))
        self.totals = SeriesTotals(counting, self.doc)
        said = {
            w
            for w in (*self.casualty_verbs, *self.casualty_adjs, *self.casualty_nouns)
            if w not in ("claim", "leave")
        }
        self.shootings = BareShootings(counting, self.doc, frozenset(said))

    def _quantity(self, tokens: list[Token], exclude: set[int] = frozenset()) -> dict[str, Any] | None:  # type: ignore[assignment]
        for m in self.index.in_tokens((t.i for t in tokens), "quantity"):
            unit = str(m.record.get("unit") or "").lower()
            if unit in _NOT_COUNTS or id(m.record) in exclude:
                continue
            return m.record
        return None

    def _summed(self, q: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        group = q.get("group")
        if group is None:
            return dict(q), []
        members = [m.record for m in self.index.quantities if m.record.get("group") == group]
        if len(members) < 2:
            return dict(q), []

        def total(key: str) -> float | None:
            values = [m.get(key) if m.get(key) is not None else m.get("best") for m in members]
            if any(v is None for v in values):
                return None
            return sum(float(v) for v in values)

        start = min(int(m["span"][0]) for m in members)
        end = max(int(m["span"][1]) for m in members)
        units = {m.get("unit") for m in members}
        summed = {
            "text": self.index.text[start:end],
            "span": [start, end],
            "low": total("low"),
            "high": total("high"),
            "best": total("best"),
            "qualifier": members[0].get("qualifier"),
            "unit": units.pop() if len(units) == 1 else None,
            "vague": any(bool(m.get("vague")) for m in members),
            "group": group,
        }
        for key in ("low", "high", "best"):
            if summed[key] is not None and float(summed[key]).is_integer():
                summed[key] = int(summed[key])
        return summed, [dict(m) for m in members]

    def _casualty_phrase(self, c: Token, kind: str) -> list[Token]:
        left = c.dep_ == "advcl" and c.head.lemma_.lower() == "leave"  # "left one dead and one injured"
        if c.pos_ in ("VERB", "AUX") and not left:
            if c.lemma_.lower() in ("die",):
                subj = subject_of(c, index=self.index)
                return clause_tokens(subj) if subj is not None else []
            obj = object_of(c)
            if obj is None and c.dep_ in ("acl", "amod"):
                obj = c.head
            if obj is None:
                obj = next((x for x in children_of(c) if x.dep_ == "ccomp"), None)
            return clause_tokens(obj) if obj is not None else []
        if c.pos_ == "ADJ" or c.dep_ in ("oprd", "acomp", "amod") or left:
            head = c.head if c.dep_ == "amod" else c
            window = [t for t in self.doc[max(c.sent.start, c.i - 6) : c.i]]
            counted = self.index.in_tokens((t.i for t in window), "quantity")
            if c.dep_ in ("acomp", "oprd") and c.head.pos_ == "VERB" and not counted:
                obj = object_of(c.head)  # "shot dead three aid workers": the count is in the object
                if obj is not None:
                    return [head, *window[::-1], *clause_tokens(obj)]
            if c.head.i == c.i and not counted:  # "shot dead a civilian" with "shot" read as a noun
                obj = next((x for x in children_of(c) if x.dep_ == "dobj"), None)
                if obj is not None:
                    return [head, *window[::-1], *clause_tokens(obj)]
            return [head, *window[::-1]]
        of = next((obj for _, obj in pobjs(c, frozenset({"of", "to"}))), None)
        if of is None and c.dep_ == "dobj":  # "causing injuries to four people": the verb's "to"
            of = next((obj for _, obj in pobjs(c.head, frozenset({"to"}))), None)
        out = [x for x in children_of(c) if x.dep_ in ("nummod", "quantmod")]
        if of is not None:
            out += clause_tokens(of)
        if c.dep_ == "nsubj" and c.head.lemma_.lower() in ("rise", "reach", "climb", "stand", "be"):
            out += [t for _, obj in pobjs(c.head, frozenset({"to", "at"})) for t in clause_tokens(obj)]
            out += [t for x in children_of(c.head) if x.dep_ == "attr" for t in clause_tokens(x)]
        return out

    def _candidates(self, heads: list[Token], domain: list[Token], violent: bool) -> list[tuple[Token, str]]:
        """The casualty words of an event's clause ("killed", "dead", "the death toll"), with their kind;
        a ``violent`` event also takes those of the clauses coordinated with its own."""
        candidates: list[tuple[Token, str]] = []
        pool = list(heads) + domain + [h.head for h in heads if h.head.i != h.i]
        # "the death toll from the attack rose to 14": the noun the trigger's phrase hangs from;
        # "a guard was beheaded in the raid": the verb
        pool += [h.head.head for h in heads if h.dep_ == "pobj" and h.head.head.pos_ in ("NOUN", "VERB")]
        # "shot dead a civilian" with "shot" read as a noun: the adjective after it
        doc = self.doc
        pool += [
            doc[h.i + 1] for h in heads if h.i + 1 < len(doc) and doc[h.i + 1].lower_ in self.casualty_adjs
        ]
        # "Two people were reported dead and five wounded", "the attack left three dead"
        chained: set[int] = set()  # a conjunct chain is read once, not once per member
        for t in list(pool) if violent else []:
            if t.pos_ in ("VERB", "AUX") and t.i not in chained:
                chain = [x for x in t.conjuncts if x.pos_ in ("VERB", "AUX")]
                chained.update(x.i for x in chain)
                chained.add(t.i)
                pool += chain
        pool = list({t.i: t for t in pool}.values())
        for t in list(pool):
            if t.pos_ in ("VERB", "AUX"):
                pool += [
                    x
                    for x in children_of(t)
                    if x.dep_ in ("oprd", "acomp", "xcomp", "advmod", "advcl")
                    and x.lower_ in self.casualty_adjs
                    # "was found shot to death", "found beheaded": a verb that kills
                    or x.dep_ in ("xcomp", "oprd")
                    and x.pos_ == "VERB"
                    and self.victims.fatal_verb(x)
                ]
                # "resulted in the death of two and the injury of one other" (the injury read as a
                # conjunct of the verb)
                if t.dep_ != "conj":  # a chain read once, from its first member
                    pool += [
                        x for x in t.conjuncts if x.pos_ == "NOUN" and x.lemma_.lower() in self.casualty_nouns
                    ]
                # "a bomb detonated ..., causing injuries to four people": the verb of the consequence
                effects = [
                    x
                    for x in children_of(t)
                    if x.dep_ == "advcl" and x.lemma_.lower() in _EFFECT_VERBS | _SUFFER_VERBS
                ]
                # "a policeman sustained injuries when a grenade exploded": the clause the event explains
                if t.dep_ == "advcl" and t.head.lemma_.lower() in _SUFFER_VERBS:
                    effects.append(t.head)
                for x in (c for v in (t, *effects) for c in children_of(v)):
                    if x.dep_ == "dobj":
                        pool += [y for y in children_of(x) if y.lower_ in self.casualty_adjs]
                        # "caused 5 civilian deaths, 40 injuries and major damage"
                        if x.lemma_.lower() in self.casualty_nouns:
                            pool.append(x)
                            pool += [
                                y
                                for y in children_of(x)
                                if y.dep_ in ("appos", "conj") and y.lemma_.lower() in self.casualty_nouns
                            ]
                    # "the blast resulted in the wounding of four passengers"
                    if (
                        x.dep_ == "prep"
                        and x.lower_ in ("in", "to")
                        and t.lemma_.lower() in ("result", "lead")
                    ):
                        pool += [y for y in children_of(x) if y.dep_ == "pobj"]
        seen: set[int] = set()
        for t in pool:
            if t.i in seen:
                continue
            seen.add(t.i)
            lemma, lower = t.lemma_.lower(), t.lower_
            kind: str | None = None
            if t.pos_ in ("VERB", "AUX") and lemma in self.casualty_verbs:
                kind = self.casualty_verbs[lemma]
                if lemma in ("claim", "leave"):
                    said = [
                        x
                        for x in children_of(t)
                        if x.dep_ in ("dobj", "oprd", "ccomp")
                        and (x.lower_ in self.casualty_adjs or x.lemma_ in ("life",))
                    ]
                    if not said:
                        continue
                    kind = self.casualty_adjs.get(said[0].lower_, kind)  # "left three injured"
                if kind == "injured" and (self._died_later(t) or self.victims.fatal_verb(t)):
                    kind = "fatalities"  # "wounded ... and later died of his injuries", "fatally wounded"
            elif t.pos_ in ("VERB", "AUX"):
                kind = self.victims.fatal_verb(t)  # "beheaded", "stabbed to death", "fatally wounded"
            elif lower in self.casualty_adjs and t.pos_ in ("ADJ", "VERB", "NOUN"):
                kind = self.casualty_adjs[lower]
            elif t.pos_ == "NOUN" and lemma in self.casualty_nouns:
                kind = self.casualty_nouns[lemma]
                if t.dep_ == "pobj" and t.head.head.lemma_.lower() in ("die", "succumb"):
                    continue  # "died of his injuries"
            if kind is not None:
                candidates.append((t, kind))
        return candidates

    def _died_later(self, verb: Token) -> bool:
        return any(
            x.lemma_.lower() in ("die", "succumb")
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in children_of(x))
            for x in verb.conjuncts
        )

    def casualties(self, draft: EventDraft, heads: list[Token], domain: list[Token]) -> None:
        if draft.family not in _CASUALTY_FAMILIES:
            return  # "the bombs released pamphlets ... in memory of his death": no one died in a release
        candidates = self._candidates(heads, domain, draft.family in ("violence", "protest"))
        used: set[int] = set()
        actors = frozenset(draft.actors)
        for c, kind in candidates:
            if (kind == "fatalities" and draft.fatalities) or (kind == "injured" and draft.injured):
                continue
            if self.tallies.over_period(c) or self.tallies.one_of(c) or self.tallies.answered(c):
                continue
            if self.totals.total(c) and self.series.spanned(c) is None:
                continue  # "in total, 40 died in the attacks": the series', not this incident's
            read = self._counted(c, actors, used)
            if read is None and (c.lemma_.lower() in self.casualty_verbs or c.pos_ not in ("VERB", "AUX")):
                read = self._read_quantity(c, kind, actors, used)
            bare = (
                c.pos_ != "NOUN"
                and c.dep_ in ("conj", "advcl")
                and not any(x.dep_ in ("nsubj", "nsubjpass", "dobj") for x in children_of(c))
            )
            if read is None and bare:
                # "left one dead and one other injured", "one was killed and another wounded": the word
                # counting people just before
                read = self._word_count(list(reversed(self.doc[max(c.sent.start, c.i - 3) : c.i])))
            elif (
                read is None
                and c.pos_ == "NOUN"
                and c.dep_ == "dobj"
                and c.head.lemma_.lower() in _SUFFER_VERBS
            ):
                # "a policeman sustained injuries": who sustained them, counted member by member
                read = self._members_counted(subject_of(c.head, index=self.index), actors, used)
            elif read is None and c.pos_ == "NOUN":
                read = self._word_count(self._casualty_phrase(c, kind))  # "the injury of one other"
            if read is None or read[0] is None:
                continue
            summed, breakdown = read
            incidents = self.series.spanned(c)
            if incidents is not None:  # "160 killed across both attacks": this incident's share
                summed = share(summed, incidents)
            if kind == "fatalities":
                draft.fatalities, draft.breakdown = summed, breakdown
            else:
                draft.injured = summed
        if draft.fatalities is None and draft.injured is None and draft.family == "violence":
            # "gunmen shot a reporter", and nothing of how it ended: the victim is counted dead
            shot = self.shootings.victim([*heads, *domain], self.victims.victim)
            read = self._members_counted(shot[0], actors, used) if shot is not None else None
            if shot is not None and read is not None and read[0] is not None:
                if shot[1] == "fatalities":
                    draft.fatalities, draft.breakdown = read
                else:
                    draft.injured = read[0]
        self.bombers.add(draft)

    def _word_count(self, tokens: list[Token]) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        """The first word of ``tokens`` that counts people by itself ("one", "both"), as a count."""
        person_words = self.victims.words.person_words
        for t in tokens:
            if t.lower_ in person_words and (t.pos_ == "NUM" or t.lower_ in ("both", "another")):
                q = exact_count(self.index.text, t.idx, t.idx + len(t.text), person_words[t.lower_], None)
                return q, [{**q, "role": "victim"}]
        return None

    def _read_quantity(
        self, c: Token, kind: str, actors: frozenset[str], used: set[int]
    ) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        """The first quantity in the casualty word's phrase, summed over its list."""
        q = self._quantity(self._casualty_phrase(c, kind), used)
        if q is None:
            return None
        used.add(id(q))
        if c.pos_ == "NOUN" and any(x.dep_ == "nummod" for x in children_of(c)):
            return q, [{**q, "role": self._role_of(q, actors)}]  # "5 deaths, 40 injuries": its own number
        summed, members = self._summed(q)
        for m in members:
            used.add(id(m))
        return summed, [{**m, "role": self._role_of(m, actors)} for m in members]

    def _counted(
        self, c: Token, actors: frozenset[str], used: set[int]
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]] | None:
        """The victim phrase of ``c`` counted member by member (a singular victim is one), with its
        parts; None when it cannot be counted so."""
        return self._members_counted(self.victims.victim(c), actors, used)

    def _members_counted(
        self, head: Token | None, actors: frozenset[str], used: set[int]
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]] | None:
        """The noun phrase ``head`` counted member by member, with its parts (see :meth:`_counted`)."""
        if head is None:
            return None
        parts = self.victims.parts(head, actors)
        if any(p is not None and p.get("source") in used for p in parts):
            return None
        for p in parts:
            if p is not None and p.get("source") is not None:
                used.add(p["source"])
        if parts and all(p is not None and p.get("animal") for p in parts):
            return None, []  # "killed 12 cows": no one
        parts = [p for p in parts if not (p is not None and p.get("animal"))]
        summed = total(parts, self.index.text)
        if summed is None:
            return None
        return summed, [{k: v for k, v in p.items() if k != "source"} for p in parts if p is not None]

    def _role_of(self, q: dict[str, Any], actors: frozenset[str]) -> str:
        """The role of a quantity's group: "perpetrator" when its counted noun names the attackers."""
        start, end = self.index.token_range(int(q["span"][0]), int(q["span"][1]))
        tokens = [self.doc[i] for i in range(start, min(end, len(self.doc)))]
        head = next((t for t in tokens if t.head.i < start or t.head.i >= end or t.head.i == t.i), None)
        return self.victims.role(head, tokens, actors) if head is not None else "victim"

    def size(self, draft: EventDraft, heads: list[Token]) -> None:
        taken = {id(x) for x in (draft.fatalities, draft.injured) if x}
        for h in heads:
            group: Token | None = None
            if h.pos_ in ("VERB", "AUX"):
                if h.lemma_.lower() in _OBJECT_SIZE_LEMMAS and not is_passive(h):
                    group = next((c for c in children_of(h) if c.dep_ in ("dobj", "obj")), None)
                elif is_passive(h):
                    group = next((c for c in children_of(h) if c.dep_ == "nsubjpass"), None)
                else:
                    group = subject_of(h, index=self.index)
            else:
                group = next((obj for _, obj in pobjs(h, frozenset({"of"}))), None)
                if group is None and any(c.dep_ == "nummod" for c in children_of(h)):
                    group = h
                if group is None and h.dep_ in ("nsubj",) and h.head.pos_ in ("VERB", "AUX"):
                    group = None
            if group is None and h.dep_ == "acl":
                group = h.head  # "Hundreds of lawyers protested" parsed as a participle on its subject
            if group is None:
                continue
            near = [group, *[c for c in children_of(group) if c.dep_ in ("nummod", "quantmod", "amod")]]
            q = self._quantity(near) or self._quantity(clause_tokens(group, limit=25))
            if q is not None and id(q) not in taken:
                draft.size = dict(q)
                return
