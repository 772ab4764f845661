"""Claims of responsibility and the events they claim.

"The TTP claimed the attack", "the attack, which X claimed", "X claimed responsibility for attacking a
police patrol in Mosul": :func:`claimed_refer_back` makes what a later claim names refer back to the
incident already told, and :func:`link_claim` gives the claimed event the claimant as an actor, with a
``claimed`` responsibility entry.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from dateline.events.draft import EventDraft
from dateline.events.entries import note_responsibility
from dateline.nlp.doc_cache import children_of

__all__ = ["claimed_refer_back", "link_claim"]


def claimed_refer_back(doc: Doc, drafts: list[EventDraft], by_token: dict[int, EventDraft]) -> None:
    """What a later claim of responsibility names ("X claimed responsibility for this attack", "... for
    attacking a police patrol in Mosul") is the incident already told, so it refers back like a
    definite mention (joining it when nothing of its own sets it apart)."""
    first_told = min((d.sent.end for d in drafts if d.family == "violence"), default=None)
    for claim in drafts:
        if claim.family != "claim" or first_told is None or first_told > claim.sent.start:
            continue
        for i in claim.tokens:
            for t in doc[i].subtree:
                named = by_token.get(t.i)
                if named is not None and named is not claim and named.family == "violence":
                    named.definite = True


def link_claim(
    doc: Doc,
    claim: EventDraft,
    by_token: dict[int, EventDraft],
    joined: dict[int, EventDraft],
    claimable: Callable[[EventDraft], bool] = lambda d: d.family == "violence",
) -> None:
    """A claim of responsibility: the claimed event gains the claimant as an actor. ``claimable``:
    the events a bare claim ("X claimed responsibility for the incident") may be about."""
    candidates = []
    # the claimant's own phrase names no claimed event ("a group based in the Terai claimed ...")
    claimant = {
        t.i for i in claim.tokens for c in children_of(doc[i]) if c.dep_ == "nsubj" for t in c.subtree
    }
    for i in sorted({*claim.tokens, *claim.phrase}):  # the phrase: "claimed responsibility" parsed headless
        if doc[i].dep_ == "relcl" and doc[i].head.i in by_token:  # "the attack, which X claimed"
            candidates.append(by_token[doc[i].head.i])
        for t in doc[i].subtree:
            if t.i in by_token and by_token[t.i] is not claim and t.i not in claimant:
                candidates.append(by_token[t.i])
        for c in children_of(doc[i]):
            if c.dep_ == "nsubjpass" and c.i in by_token:
                candidates.insert(0, by_token[c.i])
    candidates = [c for c in candidates if claimable(c)] or candidates
    if not candidates:  # "The TTP claimed responsibility.": the latest violent event told before
        before = {id(d): d for d in by_token.values() if claimable(d) and d.primary < claim.primary}
        told = {k: d for k, d in before.items() if not d.backgrounded}
        before = told or before  # "This was one of two related attacks": not the incident claimed
        if not claim.actors or not before:
            return
        candidates = [max(before.values(), key=lambda d: d.primary)]
    # "claimed the attack and another attack in Thessaloniki": each coordinated event is claimed
    coordinated = {t.i for t in doc[candidates[0].primary].conjuncts}
    targets = [candidates[0], *(c for c in candidates[1:] if c.primary in coordinated)]
    claim.claimed = joined.get(id(targets[0]), targets[0])
    negated = any(c.dep_ == "neg" for i in claim.tokens for c in children_of(doc[i]))
    for target in {id(t): t for t in (joined.get(id(t), t) for t in targets)}.values():
        target.actors.extend(a for a in claim.actors if a not in target.actors)
        if claim.evidence[0] not in target.evidence:
            target.evidence.append(claim.evidence[0])
        if not negated:
            for actor in claim.actors:  # the claimant speaks for itself
                note_responsibility(target, [actor], "claimed", claim.sent, source=actor)
