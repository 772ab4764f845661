"""Within-document event coreference: a definite mention ("the attack") joins the event it refers to.

"An attack on an army-run school in Peshawar ... The attack was claimed by the TTP" is one event with
two evidence spans. A mention refers back when it is a definite noun phrase ("the attack", "this
killing") that adds nothing of its own (no date or numbers; a place only when it agrees): it joins the
last earlier event of a compatible family (the ontology's ``compatible_coref`` table), which gains the
mention's sentence as evidence, its actors and its place when more precise. What the mention's
sentence says about it (a claim of responsibility) is then said about the event it joined.
:mod:`dateline.events.incidents` then merges the events of one incident.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from dateline.events.extents import place_rank, places_compatible
from dateline.events.victims import total
from dateline.nlp.doc_cache import text_of

__all__ = ["Mentioned", "added_toll", "count_of", "has_own_content", "resolve"]


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
    # "two soldiers were killed in the attack": the toll of the incident "the attack" refers to
    counts = () if getattr(event, "anaphor", False) else ("fatalities", "injured")
    fields = ("own_place", *counts, "size")
    if any(getattr(event, f, None) for f in fields):
        return True
    date = getattr(event, "date", None)
    # "On 7 July, X claimed the attack": a date of the sentence only, not of the mention's own phrase
    return bool(date) and not date.get("from_published") and getattr(event, "date_own", True)


def resolve(
    events: Sequence[E],
    compatible: Callable[[E, E], bool],
    *,
    verbal: Callable[[E], bool],
    eligible: Callable[[E], bool] = lambda e: True,
    same: Callable[[E, E], bool] = lambda a, b: False,
) -> tuple[list[E], dict[int, E]]:
    """The events left after merging definite mentions, and ``id(mention) -> event it joined``.

    ``compatible(mention, event)``: the mention may refer to the event (a compatible family);
    ``same(mention, event)``: the two are of one type (preferred over a merely compatible family);
    ``eligible(event)``: the event may be referred to (e.g. not negated). A definite mention whose
    only content is a place refers back when that place is compatible with the antecedent's ("carried
    out the attack in Dangam district"), and gives it its place when more precise ("Gunmen killed two
    soldiers. The attack took place in Tikrit.").
    """
    kept: list[E] = []
    joined: dict[int, E] = {}
    for event in events:
        if event.definite and not verbal(event):
            pool = [p for p in reversed(kept) if not verbal(p) and eligible(p) and compatible(event, p)]
            antecedent = next((p for p in pool if same(event, p)), pool[0] if pool else None)
            place = getattr(event, "place", None)
            if antecedent is not None and has_own_content(event):
                own = event.own_place and not any(
                    getattr(event, f, None) for f in ("fatalities", "injured", "size")
                )
                if not (own and place and places_compatible(place, getattr(antecedent, "place", None))):
                    antecedent = None
            if antecedent is not None:
                _take_counts(antecedent, event)
                if place and place_rank(place) < place_rank(getattr(antecedent, "place", None)):
                    antecedent.place = place  # type: ignore[attr-defined]
                    antecedent.geo_precision = getattr(event, "geo_precision", None)  # type: ignore[attr-defined]
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


def _take_counts(antecedent: Mentioned, mention: Mentioned) -> None:
    """The counts a mention gives ("six were killed in the attack") are its antecedent's when higher;
    a toll told as additional ("a woman was also injured in the attack") adds to the antecedent's."""
    if not getattr(mention, "anaphor", False):
        return
    if getattr(mention, "additional", False):
        for key in ("fatalities", "injured"):
            setattr(
                antecedent,
                key,
                added_toll(getattr(antecedent, key, None), getattr(mention, key, None), mention),
            )
        return
    if count_of(getattr(mention, "fatalities", None)) > count_of(getattr(antecedent, "fatalities", None)):
        antecedent.fatalities = mention.fatalities  # type: ignore[attr-defined]
        antecedent.breakdown = list(getattr(mention, "breakdown", ()))  # type: ignore[attr-defined]
    if count_of(getattr(mention, "injured", None)) > count_of(getattr(antecedent, "injured", None)):
        antecedent.injured = mention.injured  # type: ignore[attr-defined]


def added_toll(
    base: dict[str, Any] | None, extra: dict[str, Any] | None, mention: object
) -> dict[str, Any] | None:
    """``base`` with the toll ``extra`` a mention adds to it, its evidence spanning both."""
    if not extra or count_of(extra) <= 0:
        return base
    if not base:
        return extra
    sent = getattr(mention, "sent", None)
    text = text_of(sent.doc) if sent is not None else ""
    return total([base, extra], text) if text else base


def count_of(q: dict[str, Any] | None) -> float:
    """The number a quantity gives (its best value, else its lower bound); -1 when none."""
    if not q:
        return -1.0
    value = q.get("best") if q.get("best") is not None else q.get("low")
    try:
        return float(value) if value is not None else -1.0
    except (TypeError, ValueError):
        return -1.0
