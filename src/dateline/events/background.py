"""Events a text tells as the background of another, and what a later sentence adds to a protest.

A trigger may name no event of its own but the background, cause or topic of one: "protested against
the detention of activists" (the detention), "demanded the return of looted funds", "the attack came
after troops killed a commander", "this event happened because of the judges' decision, after inmates
rioted". :class:`Background` tells them apart from the parse, with the words of the ontology's
``incident_merging.background`` entry. :func:`later_interventions` reads the police breaking up a
protest in a later sentence of its paragraph ("Police dispersed them with a lathi charge").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import islice
from typing import Any

from spacy.tokens import Doc, Token

from dateline.events.context import MentionIndex
from dateline.events.draft import EventDraft
from dateline.nlp.doc_cache import children_of

__all__ = ["Background", "later_interventions"]

#: Dependencies a trigger may hang by inside the clause that explains an event already told.
_EXPLAINING_PATH = ("advcl", "pobj", "pcomp", "prep", "acl", "relcl", "conj", "dobj")
#: How many arcs such a trigger may sit below the explaining verb ("came amid violence in the region
#: and clashes between ...": five).
_EXPLAINING_DEPTH = 6


#: How far up from a trigger a phrase of topic ("against ...", "demanding ...") is looked for, and the
#: arcs the walk may climb (a relative clause, a noun's modifier or complement).
_TOPIC_DEPTH = 6
_TOPIC_PATH = frozenset({"relcl", "acl", "pobj", "prep", "compound", "appos"})


class Background:
    """Whether a trigger tells another event's background (the ``background`` words)."""

    def __init__(self, words: Mapping[str, frozenset[str]]) -> None:
        self.prepositions = words.get("prepositions", frozenset())
        # "demonstrated after the assassination of an officer": an event named by a noun after these is
        # an earlier one ("killed after exchanging fire": a verb's gerund is the same happening)
        self.noun_prepositions = words.get("noun_prepositions", frozenset())
        # "due to increasing attacks", "in relation to the killing": the word before "to"/"with"
        self.phrase_heads = words.get("phrase_preposition_heads", frozenset())
        # "a series of attacks" is read at the trigger itself; "of" further up is no phrase of topic
        # ("a number of citizens protested", read as a clause of "citizens")
        self.topic_prepositions = self.prepositions - {"of"}
        self.governors = words.get("governors", frozenset())
        self.claimed_nouns = words.get("claimed_nouns", frozenset())
        self.explaining_verbs = words.get("explaining_verbs", frozenset())
        self.told_event_nouns = words.get("told_event_nouns", frozenset())
        self.observation_verbs = words.get("observation_verbs", frozenset())
        self.past_modifiers = words.get("past_modifiers", frozenset())
        self.answer_nouns = words.get("answer_nouns", frozenset())  # "response", "retaliation"
        self.accusing_verbs = words.get("accusing_verbs", frozenset())  # "blame", "accuse"
        self.deed_nouns = words.get("deed_nouns", frozenset())  # "the killing of", "the death of"

    def observed(self, token: Token) -> bool:
        """Whether the trigger is what monitors observed or recorded ("the OSCE SMM observed a total of
        19 explosions"): traces of the incident told beside it, not another one."""
        node = token
        for _ in range(4):
            if node.head.i == node.i:
                return False
            if (
                node.dep_ in ("dobj", "pobj", "nsubjpass")
                and node.head.lemma_.lower() in self.observation_verbs
            ):
                return True
            if node.dep_ not in ("pobj", "prep", "nmod", "compound", "conj", "appos"):
                return False
            node = node.head
        return False

    def mark(self, doc: Doc, draft: EventDraft) -> None:
        """Mark the draft backgrounded when it is, and clear the counts read in its trigger's own phrase
        when they are no toll of the incident told, so they cannot pass to the incident it is merged
        with: the toll of a deed answered ("revenge for the killing of four fighters"), of several
        incidents ("one of five attacks in which 43 were killed"), of another incident set beside the
        told one ("the attack occurred as a car bomb exploded, killing two"). A single past incident
        named as background keeps its own toll ("following an attack on a school that killed 150")."""
        draft.backgrounded = self.backgrounded(doc, draft)
        phrase = doc[draft.primary]
        if draft.backgrounded and self.answered(phrase):
            draft.definite = False  # "retaliation for the recent offensive": another deed, never the incident
        if not draft.backgrounded or any(
            a.lemma_.lower() in self.accusing_verbs for a in islice(phrase.ancestors, _TOPIC_DEPTH)
        ):
            return  # "blamed for killing an activist": the deed blamed is the incident's
        own_past = (
            phrase.pos_ == "NOUN" and phrase.tag_ == "NN" and phrase.lemma_.lower() not in self.deed_nouns
        )
        if own_past and not self.explains_told_event(phrase):
            return  # "following an attack on a school that killed 150": a past incident, with its toll
        start, end = phrase.left_edge.idx, phrase.right_edge.idx + len(phrase.right_edge.text)

        def inside(q: dict[str, Any] | None) -> bool:
            return q is not None and start <= int(q["span"][0]) and int(q["span"][1]) <= end

        if inside(draft.fatalities):
            draft.fatalities, draft.breakdown = None, []
        if inside(draft.injured):
            draft.injured = None

    def answered(self, token: Token) -> bool:
        """Whether the trigger names the deed another answers ("in response to the killing of two boys",
        "retaliation for the recent offensive")."""
        node = token
        for _ in range(_TOPIC_DEPTH):
            if node.head.i == node.i:
                return False
            if node.dep_ in ("pobj", "pcomp") and node.head.head.lemma_.lower() in self.answer_nouns:
                return True
            if node.dep_ not in _TOPIC_PATH and node.dep_ != "conj":
                return False
            node = node.head
        return False

    def backgrounded(self, doc: Doc, draft: EventDraft) -> bool:
        """Whether the draft's trigger tells the background or topic of another event, not an event of
        its own."""
        token = doc[draft.primary]
        if token.dep_ in ("amod", "poss"):
            return True
        dated = bool(draft.date) and not draft.date.get("from_published")
        if not dated and any(
            c.dep_ == "amod" and c.lower_ in self.past_modifiers for c in children_of(token)
        ):
            return True  # "more powerful than previous blasts", "similar attacks": others, undated
        node = token
        for _ in range(3):  # "due to banditry and attacks": a conjunct stands where its first stands
            if node.dep_ != "conj" or node.head.pos_ not in ("NOUN", "PROPN"):
                break
            node = node.head
        for depth in range(_TOPIC_DEPTH):  # the trigger, then the phrases it sits in
            head = node.head
            if head.i == node.i:
                break
            prepositions = self.prepositions if depth == 0 else self.topic_prepositions
            # "was killed shortly after the abduction": the killing read with it is no background
            after = depth == 0 and node.dep_ == "pobj" and head.lower_ in self.noun_prepositions
            after = after or (depth == 0 and node.dep_ == "pobj" and head.head.lower_ in self.phrase_heads)
            if after and len(draft.tokens) == 1:
                return True
            if node.dep_ == "pobj" and head.head.lemma_.lower() in self.answer_nouns:
                return True  # "in response to the killing of two boys"
            if node.dep_ in ("pobj", "pcomp") and head.lower_ in prepositions:
                # "claimed responsibility for firing rockets": the claimed incident, no background
                return head.head.lemma_.lower() not in self.claimed_nouns
            if node.dep_ in ("dobj", "xcomp", "pcomp") and head.lemma_.lower() in self.governors:
                return True
            if node.dep_ not in _TOPIC_PATH:
                break
            # "protested demanding a sentence for the driver who killed a journalist": what a phrase
            # of topic holds (a relative clause, a noun's complement) is the topic too
            node = head
        return self.explains_told_event(token)

    def topic_tokens(self, heads: list[Token]) -> set[int]:
        """Tokens of the phrases below ``heads`` that say what an event (a protest) is about: "against
        the detention of activists", "demanding the release of those arrested", "over the killing"."""
        out: set[int] = set()
        for h in heads:
            for c in children_of(h):
                about = c.dep_ == "prep" and c.lower_ in self.topic_prepositions
                # "demonstrated after the death of a fellow prisoner": the cause, not how it went
                about = (
                    about
                    or c.dep_ == "prep"
                    and c.lower_ in self.noun_prepositions
                    and any(g.dep_ == "pobj" and g.pos_ == "NOUN" for g in children_of(c))
                )
                # "gathered ... and demanded the release of activists who were detained"
                demand = c.dep_ in ("xcomp", "advcl", "acl", "conj") and c.lemma_.lower() in self.governors
                if about or demand:
                    out.update(t.i for t in c.subtree)
            # "supporters of the arrested president": a participle describing someone, not an act
            out.update(t.i for t in h.subtree if t.dep_ == "amod" and t.tag_ == "VBN")
        return out

    def explains_told_event(self, token: Token) -> bool:
        """Whether the trigger sits in a clause placing an event already told in time or cause ("the
        attack came amid clashes", "this event happened after inmates rioted")."""
        node = token
        for _ in range(_EXPLAINING_DEPTH):
            if node.dep_ not in _EXPLAINING_PATH:
                return False
            node = node.head
            if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in self.explaining_verbs:
                subject = next((c for c in children_of(node) if c.dep_ in ("nsubj", "nsubjpass")), None)
                return subject is not None and subject.lemma_.lower() in self.told_event_nouns
        return False


def later_interventions(
    drafts: Sequence[EventDraft],
    index: MentionIndex,
    paragraph_of_sentence: Callable[[int], int],
    words: frozenset[str],
) -> None:
    """A peaceful protest that a later sentence of its paragraph says the police broke up is a protest
    with intervention. One pass over the sentences: the last sentence of each paragraph holding one of
    ``words`` ("dispersed", "lathi", "tear gas")."""
    last: dict[int, int] = {}  # paragraph -> its last sentence with an intervention word
    for k, sent in enumerate(index.sents):
        if any((t.lemma_.lower() in words or t.lower_ in words) and not _told_aside(t) for t in sent):
            last[paragraph_of_sentence(k)] = k
    for draft in drafts:
        if draft.fields.get("acled_sub_event_type") != "Peaceful protest":
            continue
        k = index.sent_of[draft.sent.start]
        if last.get(paragraph_of_sentence(k), -1) > k:
            draft.fields["acled_sub_event_type"] = "Protest with intervention"


#: Words over an intervention word that make it what the protesters speak of, not what befell them.
_ASIDE_HEADS = frozenset({"release", "demand", "freedom", "free", "charge"})


def _told_aside(word: Token) -> bool:
    """Whether an intervention word is told aside from the protest: in a relative clause ("activists
    who had been detained"), under what is demanded ("the release of those arrested"), or said of an
    earlier day ("was arrested on the same day on an administrative charge" stays an intervention)."""
    node = word
    for _ in range(4):
        if node.dep_ == "relcl" or node.lemma_.lower() in _ASIDE_HEADS and node is not word:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False
