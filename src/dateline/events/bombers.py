"""The attacker a suicide attack kills, when the text counts no dead: coders count the bomber.

"A suicide bomber detonated his vest at the gate, wounding five guards" reports one death to GTD and
RAND coders (GTD's ``nkill`` holds "all victims and attackers who died as a direct result"). When an
event of a suicide attack has no count of the dead, :class:`SuicideAttackers` finds its bomber ("a
suicide bomber", "two suicide attackers", "a suicide car bomb") and counts them as the dead, a part
with ``role: "perpetrator"``, unless the text says the bomber lived (arrested, failed, defused: the
``counting.survival_cues`` lemmas). A toll the text gives ("killing six people") is left as told:
reports and coders mostly count the victims there, not the bomber; but an attacker the text tells
killed himself ("a bomber blew himself up, killing seven": the ``counting.self_detonation`` verbs with a
singular reflexive object) is one more dead of a toll that does not count him already ("including the
bomber", "killing himself and a guard"), in the blast's sentence or the next.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span, Token

from dateline.events.draft import EventDraft
from dateline.events.ontology import word_set
from dateline.events.victims import VictimCounter, exact_count
from dateline.nlp.doc_cache import children_of

__all__ = ["SuicideAttackers"]

_SUICIDE = "suicide"


class SuicideAttackers:
    """Counts the attackers of a suicide attack as the dead of an event that gives no toll."""

    def __init__(self, section: dict[str, Any], victims: VictimCounter) -> None:
        self.victims = victims
        self.index = victims.index
        self.cues = word_set(section, "survival_cues")
        detonation = dict(section.get("self_detonation", {}))
        self.detonation_verbs = word_set(detonation, "verbs")  # "blew himself up", "detonated herself"
        self.reflexives = word_set(detonation, "reflexives")  # singular: one attacker
        self._survived: bool | None = None
        self._blasts: list[Token] | None = None

    def add(self, draft: EventDraft) -> None:
        """Count the bomber as ``draft``'s dead when it has no count of its own."""
        if draft.family != "violence":
            return
        blast = self._self_blast(draft.sent)
        if draft.fatalities is not None:
            if blast is not None and not self._counts_attacker(draft):
                self._add_attacker(draft, blast)
            return
        bomber = self._bomber(draft.sent)
        if bomber is not None and self.survived:
            return
        if bomber is None and blast is not None and blast.sent.start == draft.sent.start:
            bomber = next(
                (x for x in children_of(blast) if x.dep_ == "nsubj"), None
            )  # "a man blew himself up"
        if bomber is None:
            return
        part = self._part(bomber)
        if part is not None:
            draft.fatalities = {k: v for k, v in part.items() if k != "role"}
            draft.breakdown = [part]

    def _self_blast(self, sent: Span) -> Token | None:
        """The verb of an attacker killing himself ("blew himself up") in ``sent`` or the sentence before."""
        if self._blasts is None:
            self._blasts = [
                t.head
                for t in self.index.doc
                if t.lower_ in self.reflexives
                and t.dep_ == "dobj"
                and t.head.lemma_.lower() in self.detonation_verbs
            ]
        for verb in self._blasts:
            if verb.sent.start == sent.start or verb.sent.end == sent.start:
                return verb
        return None

    def _counts_attacker(self, draft: EventDraft) -> bool:
        """Whether a toll counts the attacker already: a perpetrator part ("himself and a guard", "five
        civilians and the bomber") or one in the counted phrase ("two people, including the bomber")."""
        if any(p.get("role") == "perpetrator" for p in draft.breakdown):
            return True
        span = draft.fatalities.get("span") if draft.fatalities else None
        if not span:
            return True
        start, end = self.index.token_range(int(span[0]), int(span[1]))
        doc = self.index.doc
        heads = [doc[i] for i in range(start, min(end, len(doc))) if not start <= doc[i].head.i < end]
        words = self.victims.words
        return any(
            t.lemma_.lower() in words.perpetrator_nouns or t.lower_ in self.reflexives or t.lower_ == _SUICIDE
            for h in heads
            for t in h.subtree
        )

    def _add_attacker(self, draft: EventDraft, blast: Token) -> None:
        q = dict(draft.fatalities or {})
        for key in ("best", "low", "high"):
            if q.get(key) is not None:
                q[key] = q[key] + 1
        draft.fatalities = q
        reflexive = next(x for x in children_of(blast) if x.lower_ in self.reflexives)
        part = exact_count(self.index.text, reflexive.idx, reflexive.idx + len(reflexive.text), 1, None)
        draft.breakdown = [*draft.breakdown, {**part, "role": "perpetrator"}]

    @property
    def survived(self) -> bool:
        """Whether the document says an attacker lived (arrested, failed to detonate)."""
        if self._survived is None:
            self._survived = any(t.lemma_.lower() in self.cues for t in self.index.doc)
        return self._survived

    def _bomber(self, sent: Span) -> Token | None:
        """The noun a "suicide" of the sentence modifies: "bomber" in "a suicide car bomber"."""
        for t in sent:
            if t.lower_ != _SUICIDE or t.dep_ not in ("compound", "amod", "nmod"):
                continue
            head = t.head
            while head.dep_ in ("compound", "amod") and head.head.i != head.i and head.head.pos_ == "NOUN":
                head = head.head
            if head.pos_ in ("NOUN", "PROPN"):
                return head
        return None

    def _part(self, head: Token) -> dict[str, Any] | None:
        words = self.victims.words
        if head.lemma_.lower() in words.perpetrator_nouns:  # "two suicide bombers", "a suicide attacker"
            parts = self.victims.parts(head)
            if len(parts) != 1 or parts[0] is None or parts[0].get("vague"):
                return None
            part = {k: v for k, v in parts[0].items() if k != "source"}
            part["role"] = "perpetrator"
            return part
        # "a suicide car bomb", "a suicide attack": one attacker, read from the attack's words
        tokens = sorted([head, *[t for t in head.subtree if t.i < head.i and t.dep_ in ("compound", "amod")]])
        if any(self.index.in_tokens((t.i for t in head.subtree), "quantity")):
            return None  # "two suicide attacks": how many attackers is not said
        start, end = tokens[0].idx, head.idx + len(head.text)
        return exact_count(self.index.text, start, end, 1, None, role="perpetrator")
