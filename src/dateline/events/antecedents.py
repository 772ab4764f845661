"""The counted group a plural pronoun stands for, so a toll told with "them" or "their" can be counted.

"Gunmen kidnapped five people on the road. Police found their bodies the next day", "militants
dragged three activists from their homes and shot them": the dead are the group counted just before.
:func:`plural_antecedent` finds it: the last quantity of people told before the pronoun in its own
sentence or the one before, not one naming the attackers ("two gunmen"), nor a vague one ("dozens").
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from dateline.events.context import MentionIndex

__all__ = ["plural_antecedent"]

#: How many sentences back the group may be told (0: the pronoun's own).
_SENTENCES_BACK = 1
#: How many tokens back at most.
_TOKENS_BACK = 60


def plural_antecedent(
    index: MentionIndex, pronoun: Token, perpetrator_nouns: frozenset[str], not_counts: frozenset[str]
) -> dict[str, Any] | None:
    """The quantity record of the group ``pronoun`` ("they", "them", "their") stands for, or None."""
    first = index.sents[max(0, index.sent_of[pronoun.i] - _SENTENCES_BACK)].start
    first = max(first, pronoun.i - _TOKENS_BACK)  # a bounded look back, however long the sentence
    found: dict[str, Any] | None = None
    for m in index.in_range(first, pronoun.i, "quantity"):  # in text order
        q = m.record
        unit = str(q.get("unit") or "").lower()
        noun = index.doc[m.end - 1]
        if not unit or unit in not_counts or noun.tag_ not in ("NNS", "NNPS") or q.get("vague"):
            continue
        if noun.lemma_.lower() in perpetrator_nouns or noun.lower_ in perpetrator_nouns:
            continue
        found = q
    return found
