"""The attacker a suicide attack kills: coders count the bomber among the dead.

"A suicide bomber detonated his vest at the gate, killing five guards" reports six deaths to GTD and
RAND coders (GTD's ``nkill`` holds "all victims and attackers who died as a direct result", its
``nkillter`` the attackers among them). :class:`SuicideAttackers` finds the bomber of a suicide attack
("a suicide bomber", "three suicide attackers", "a suicide car bomb") and adds them to an event's
count as a part with ``role: "perpetrator"``, unless the text already counts an attacker among the
dead ("killing himself and three others") or says the bomber lived (arrested, failed, defused: the
``counting.survival_cues`` lemmas).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span, Token

from dateline.events.draft import EventDraft
from dateline.events.victims import VictimCounter, total

__all__ = ["SuicideAttackers"]

_SUICIDE = "suicide"


class SuicideAttackers:
    """Adds the attackers of a suicide attack to the dead of the event describing it."""

    def __init__(self, section: dict[str, Any], victims: VictimCounter) -> None:
        self.victims = victims
        self.index = victims.index
        self.cues = frozenset(str(w).lower() for w in section.get("survival_cues", ()))
        self.anaphoric = frozenset(str(w).lower() for w in section.get("anaphoric_determiners", ()))
        self._survived: bool | None = None

    def add(self, draft: EventDraft, first: Token) -> None:
        """Count the bomber into ``draft``'s fatalities (``first``: its primary trigger)."""
        if draft.family != "violence" or any(p.get("role") == "perpetrator" for p in draft.breakdown):
            return
        if draft.fatalities is not None and draft.fatalities.get("incidents"):
            return
        bomber = self._bomber(draft.sent)
        if bomber is None and draft.fatalities is not None and self._definite(first):
            # "A suicide bomber blew himself up at the gate. The attack killed three guards."
            before = [s for s in self.index.sents if s.end <= draft.sent.start]
            bomber = next((b for s in before if (b := self._bomber(s)) is not None), None)
        if bomber is None or self.survived:
            return
        part = self._part(bomber)
        if part is None:
            return
        if draft.fatalities is None:
            draft.fatalities = {k: v for k, v in part.items() if k != "role"}
            draft.breakdown = [part]
            return
        told = draft.breakdown or [{**draft.fatalities, "role": "victim"}]
        summed = total([*told, part], self.index.text)
        if summed is not None:
            # the count keeps the words of the dead the text gives; the bomber is a part of its own
            summed.update(text=draft.fatalities["text"], span=list(draft.fatalities["span"]))
            draft.fatalities, draft.breakdown = summed, [*told, part]

    def _definite(self, first: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ in self.anaphoric for c in first.children)

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
        return {
            "text": self.index.text[start:end],
            "span": [start, end],
            "low": 1,
            "high": 1,
            "best": 1,
            "qualifier": None,
            "unit": None,
            "vague": False,
            "group": None,
            "role": "perpetrator",
        }
