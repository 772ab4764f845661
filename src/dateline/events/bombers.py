"""The attacker a suicide attack kills, when the text counts no dead: coders count the bomber.

"A suicide bomber detonated his vest at the gate, wounding five guards" reports one death to GTD and
RAND coders (GTD's ``nkill`` holds "all victims and attackers who died as a direct result"). When an
event of a suicide attack has no count of the dead, :class:`SuicideAttackers` finds its bomber ("a
suicide bomber", "two suicide attackers", "a suicide car bomb") and counts them as the dead, a part
with ``role: "perpetrator"``, unless the text says the bomber lived (arrested, failed, defused: the
``counting.survival_cues`` lemmas). A toll the text gives ("killing six people") is left as told:
reports and coders mostly count the victims there, not the bomber.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span, Token

from dateline.events.draft import EventDraft
from dateline.events.ontology import word_set
from dateline.events.victims import VictimCounter, exact_count

__all__ = ["SuicideAttackers"]

_SUICIDE = "suicide"


class SuicideAttackers:
    """Counts the attackers of a suicide attack as the dead of an event that gives no toll."""

    def __init__(self, section: dict[str, Any], victims: VictimCounter) -> None:
        self.victims = victims
        self.index = victims.index
        self.cues = word_set(section, "survival_cues")
        self._survived: bool | None = None

    def add(self, draft: EventDraft) -> None:
        """Count the bomber as ``draft``'s dead when it has no count of its own."""
        if draft.family != "violence" or draft.fatalities is not None:
            return
        bomber = self._bomber(draft.sent)
        if bomber is None or self.survived:
            return
        part = self._part(bomber)
        if part is not None:
            draft.fatalities = {k: v for k, v in part.items() if k != "role"}
            draft.breakdown = [part]

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
