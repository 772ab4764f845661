"""A crowd demanding something in public is a protest, though no word of protest names it.

"Hundreds of migrant workers came out on the roads in Rajkot, demanding transport home" and "workers
commemorated labour day and demanded respect for their rights" are protests for ACLED: people acting
together (a crowd, :class:`~dateline.events.groups.GroupPhrases`) who demand.
:func:`crowd_demands_as_protests`
makes such a demand a peaceful protest where its paragraph tells no protest or riot of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dateline.events.draft import EventDraft

__all__ = ["crowd_demands_as_protests", "riots_of_demonstrations"]


def crowd_demands_as_protests(
    drafts: Sequence[EventDraft],
    paragraph_of: Callable[[EventDraft], int],
    is_demand: Callable[[EventDraft], bool],
    protest_fields: Mapping[str, Any],
) -> None:
    """Give each demand by a crowd (``is_demand``) the protest type's fields (``protest_fields``) when no
    coded protest or riot, nor any coded event of its sentence, is told in its paragraph."""
    protested = {
        paragraph_of(d) for d in drafts if d.family == "protest" and d.fields.get("acled_event_type")
    }
    coded_sentences = {d.sent.start for d in drafts if d.fields.get("acled_event_type")}
    for draft in drafts:
        if not is_demand(draft) or "crowd" not in draft.agents or "armed" in draft.agents:
            continue
        if paragraph_of(draft) in protested or draft.sent.start in coded_sentences or draft.backgrounded:
            continue
        draft.fields.update(protest_fields)
        protested.add(paragraph_of(draft))


def riots_of_demonstrations(
    drafts: Sequence[EventDraft],
    paragraph_of: Callable[[EventDraft], int],
    lynching: frozenset[str],
    told: Sequence[EventDraft] = (),
) -> None:
    """A mob's violence told in a paragraph that tells a demonstration or a crowd's demand ("Villagers
    demonstrated against a quarantine centre. They threw stones at soldiers.") is a violent
    demonstration, not mob violence, and the demonstration's own coded event is folded into it (one
    incident, one ACLED row); a lynching (``lynching`` words in its context) stays mob violence."""
    demonstrating = {  # ``told``: every mention read, before incidents merged
        paragraph_of(d)
        for d in (*drafts, *told)
        if d.fields.get("type") == "protest" or (d.etype.id == "demand" and "crowd" in d.agents)
    }
    turned: dict[int, EventDraft] = {}  # paragraph -> its riot now a violent demonstration
    for draft in drafts:
        if draft.fields.get("acled_sub_event_type") != "Mob violence" or draft.context & lynching:
            continue
        if paragraph_of(draft) in demonstrating:
            draft.fields["acled_sub_event_type"] = "Violent demonstration"
            turned.setdefault(paragraph_of(draft), draft)
    for draft in drafts:  # the demonstration and its violence are one incident: one coded event
        riot = turned.get(paragraph_of(draft))
        if riot is None or draft.fields.get("type") != "protest" or not draft.fields.get("acled_event_type"):
            continue
        draft.fields["acled_event_type"] = draft.fields["acled_sub_event_type"] = None
        riot.evidence.extend(span for span in draft.evidence if span not in riot.evidence)
