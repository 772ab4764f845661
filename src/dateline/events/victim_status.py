"""Victims a later sentence tells were armed: the attack on them was a fight between armed sides.

ACLED codes the killing of a man by unknown gunmen as violence against a civilian, unless the report
says the victim was himself armed or in an armed group: "A man was shot dead by two armed men in
Manaus. The victim had charges against him for drug trafficking." is an armed clash (a gang against
a gang). :func:`armed_victims_told_later` reads the sentences after an attack in its paragraph: one
naming the victim (the ``victim_nouns``) with a word of arms or crime (the ``armed_words``, e.g.
"armed", "gang", "trafficking") makes the attack an armed clash. Both word lists are the ontology
lexicon's ``armed_victims`` entry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dateline.events.context import MentionIndex
from dateline.events.draft import EventDraft

__all__ = ["armed_victims_told_later"]

#: How many sentences after the attack may tell what its victims were.
_LOOKAHEAD = 2


def armed_victims_told_later(
    drafts: Sequence[EventDraft],
    index: MentionIndex,
    paragraph_of_sentence: Callable[[int], int],
    words: Mapping[str, frozenset[str]],
    clash_fields: Mapping[str, Any],
) -> None:
    """Make each attack on civilians whose victims a later sentence of its paragraph tells were armed
    an armed clash (``clash_fields``: the armed-clash type's fields)."""
    victims, armed = words.get("victim_nouns", frozenset()), words.get("armed_words", frozenset())
    if not victims or not armed:
        return
    telling: dict[int, bool] = {}  # sentence -> whether it names a victim with a word of arms or crime

    def tells(k: int) -> bool:
        if k not in telling:
            sent = index.sents[k]
            lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
            telling[k] = bool(lemmas & victims and lemmas & armed)
        return telling[k]

    for draft in drafts:
        fields = draft.fields
        if fields.get("acled_sub_event_type") != "Attack" or "armed" in draft.victims:
            continue
        k = index.sent_of[draft.sent.start]
        later = range(k + 1, min(k + 1 + _LOOKAHEAD, len(index.sents)))
        if any(paragraph_of_sentence(j) == paragraph_of_sentence(k) and tells(j) for j in later):
            fields.update(clash_fields)
            draft.victims.add("armed")
