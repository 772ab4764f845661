"""Within-document event coreference: a definite mention ("the attack") joins the event it refers to.

"An attack on an army-run school in Peshawar ... The attack was claimed by the TTP" is one event with
two evidence spans. A mention refers back when it is a definite noun phrase ("the attack", "this
killing") that adds nothing of its own (no place, date or numbers): it joins the last earlier event of
a compatible family (the ontology's ``compatible_coref`` table), which gains the mention's sentence as
evidence and its actors. What the mention's sentence says about it (a claim of responsibility) is
then said about the event it joined.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar


class Mentioned(Protocol):
    definite: bool
    own_place: bool
    actors: list[str]
    targets: list[str]
    evidence: list[tuple[int, int]]

    @property
    def family(self) -> str: ...


E = TypeVar("E", bound=Mentioned)


def has_own_content(event: Mentioned) -> bool:
    fields = ("own_place", "fatalities", "injured", "size")
    if any(getattr(event, f, None) for f in fields):
        return True
    date = getattr(event, "date", None)
    return bool(date) and not date.get("from_published")


def resolve(
    events: Sequence[E],
    compatible: Callable[[str, str], bool],
    *,
    verbal: Callable[[E], bool],
    eligible: Callable[[E], bool] = lambda e: True,
    same: Callable[[E, E], bool] = lambda a, b: False,
) -> tuple[list[E], dict[int, E]]:
    """The events left after merging definite mentions, and ``id(mention) -> event it joined``.

    ``same(mention, event)``: the two are of one type (preferred over a merely compatible family);
    ``eligible(event)``: the event may be referred to (e.g. not negated). A definite mention whose
    only content is the antecedent's own place ("carried out the attack in Dangam district") still
    refers back.
    """
    kept: list[E] = []
    joined: dict[int, E] = {}
    for event in events:
        if event.definite and not verbal(event):
            pool = [
                p
                for p in reversed(kept)
                if not verbal(p) and eligible(p) and compatible(event.family, p.family)
            ]
            antecedent = next((p for p in pool if same(event, p)), pool[0] if pool else None)
            place = getattr(event, "place", None)
            if antecedent is not None and has_own_content(event):
                own = event.own_place and not any(
                    getattr(event, f, None) for f in ("fatalities", "injured", "size")
                )
                if not (own and place and place == getattr(antecedent, "place", None)):
                    antecedent = None
            if antecedent is not None:
                for span in event.evidence:
                    if span not in antecedent.evidence:
                        antecedent.evidence.append(span)
                antecedent.actors.extend(a for a in event.actors if a not in antecedent.actors)
                antecedent.targets.extend(
                    t for t in event.targets if t not in antecedent.targets and t not in antecedent.actors
                )
                joined[id(event)] = antecedent
                continue
        kept.append(event)
    return kept, joined
