"""Someone told shot, and nothing more of how it ended: coders count the victim dead.

"Gunmen shot a village headman in Pattani" tells no outcome; RAND's and GTD's coders read a victim
shot in a report that says nothing of wounds, a hospital or survival as killed. :class:`BareShootings`
finds, for an event that counts no one, the victim of a shooting verb (the ontology's
``counting.bare_shooting`` entry: "shot a reporter", "a translator was shot") when the document has
no word of any outcome: no casualty verb, adjective or noun of the ontology ("killed", "wounded",
"dead", "injuries"), no verb that kills ("beheaded") and none of the entry's outcome words
("hospital", "survived", "condition"). "Shot at", "shot down" and a shot rocket are no victim shot;
one "shot in the leg" (the entry's limbs) is counted injured.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from dateline.events.ontology import word_set
from dateline.nlp.doc_cache import children_of, tokens_of

__all__ = ["BareShootings"]


class BareShootings:
    """The victim of a shooting told with no outcome in its document, or None."""

    def __init__(self, section: dict[str, Any], doc: Doc, casualty_words: frozenset[str]) -> None:
        entry = dict(section.get("bare_shooting", {}))
        self.doc = doc
        self.verbs = word_set(entry, "verbs")  # "shoot"
        self.not_victims = word_set(entry, "not_victims")  # "rocket", "video": what is shot is no one
        self.away = word_set(entry, "away")  # "shot at", "shot down"
        self.limbs = word_set(entry, "limbs")  # "shot in the leg": hurt, not killed
        self.outcome = casualty_words | word_set(entry, "outcome_words") | word_set(section, "fatal_verbs")
        self._silent: bool | None = None

    def victim(self, tokens: list[Token], victim_of: Any) -> tuple[Token, str] | None:
        """The victim head of the first shooting verb among ``tokens`` (read by ``victim_of``), with
        the kind of its count: "injured" when shot in a limb ("shot in the leg"), else "fatalities"."""
        for t in tokens:
            if t.pos_ != "VERB" or t.lemma_.lower() not in self.verbs or not self.silent:
                continue
            if any(self._away(t, c) for c in children_of(t)):
                continue
            head = victim_of(t)
            if head is None or head.lemma_.lower() in self.not_victims or head.lower_ in self.not_victims:
                continue
            limb = any(
                p.dep_ == "prep"
                and any(o.dep_ == "pobj" and o.lemma_.lower() in self.limbs for o in children_of(p))
                for p in children_of(t)
            )
            return head, "injured" if limb else "fatalities"
        return None

    def _away(self, verb: Token, c: Token) -> bool:
        """ "shot at a patrol", "was shot at", "shot down": the particle right after the verb, or one
        left without its object."""
        if c.lower_ not in self.away or c.dep_ not in ("prep", "prt"):
            return False
        return c.i == verb.i + 1 or not any(o.dep_ == "pobj" for o in children_of(c))

    @property
    def silent(self) -> bool:
        """Whether the document tells no outcome of anyone (read once)."""
        if self._silent is None:
            self._silent = not any(
                t.lemma_.lower() in self.outcome or t.lower_ in self.outcome for t in tokens_of(self.doc)
            )
        return self._silent
