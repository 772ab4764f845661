"""The perpetrator of an incident no sentence ties one to, read as incident coders read it.

Coders of incident data (GTD, RAND, ACLED) attribute an incident to the group its description holds
responsible anywhere, not only in the sentence of the violent verb: "A bomb exploded outside a bank in
Athens. The Revolutionary Struggle claimed responsibility for a series of bombings on this day"; "Two
mortars hit the settlement. Attacks on settlers are frequent. The military wing of Hamas claimed it."
When a violent event's own sentences name no perpetrator, :func:`infer_perpetrators` gives it, from the
same paragraph:

1. the armed groups another event of the paragraph holds responsible (claimed, attributed, suspected:
   its ``responsibility`` entries) or that a claim of the paragraph names as claimant, when they are
   the paragraph's only ones; the entry is copied with its stance, source and sentence;
2. else, for an event that names no attacker but stand-ins (attackers the text calls unidentified or
   unknown stay so) and is no battle (which has two sides), the one armed group the paragraph names that
   no event has as target and none denies being involved ("An explosive device went off at a telephone
   exchange. Police found the initials of the FLNC on the wall."), with the stance ``implied`` and
   the sentence of its first mention.

Events whose own reading has a perpetrator (a named actor other than a stand-in for unidentified
attackers) and events told as background (unless told with their toll: "a series of bombs exploded,
killing 49") keep what they have.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from spacy.tokens import Span

from dateline.events.draft import EventDraft
from dateline.events.entries import add_responsibility, responsibility_entry
from dateline.events.responsibility import PERPETRATOR_STANCES

__all__ = ["ARMED_KINDS", "infer_perpetrators"]

#: Kinds of actor a perpetrator is inferred among: organised non-state armed groups.
ARMED_KINDS = frozenset({"militant_group"})
#: Words by which a text says it does not know the attackers ("unidentified gunmen").
UNKNOWN_WORDS = ("unidentified", "unknown", "unnamed", "anonymous")


def infer_perpetrators(
    events: Sequence[EventDraft],
    actors: Iterable[dict[str, Any]],
    *,
    paragraph_of: Callable[[int], int],
    is_violent: Callable[[EventDraft], bool],
    stand_in: Callable[[str], bool],
    is_denial: Callable[[EventDraft], bool],
    hold: Callable[[EventDraft, list[str]], None],
    sentence_at: Callable[[int], Span | None],
) -> None:
    """Give each violent event of ``events`` that names no perpetrator the one its paragraph holds
    responsible (see the module's description). ``actors``: the document's actor dicts;
    ``paragraph_of``: a character offset -> its paragraph; ``stand_in``: whether an actor id stands for
    unidentified attackers; ``is_denial``: whether an event is a denial (its actors are no
    perpetrators); ``hold``: makes actors an event's perpetrators; ``sentence_at``: the sentence holding
    a character offset."""
    actors_list = list(actors)
    armed = {a["id"]: a for a in actors_list if a.get("kind") in ARMED_KINDS and not stand_in(a["id"])}
    # a series told with its toll ("a series of 16 bombs exploded, killing 49") is the incident itself
    told = [e for e in events if is_violent(e) and (not e.backgrounded or e.fatalities or e.injured)]
    orphans = [e for e in told if all(map(stand_in, e.actors))]
    if not armed or not orphans:
        return
    targets = {t for e in events for t in e.targets}
    unknown = {  # stand-ins the text names with a word of ignorance ("unidentified gunmen")
        a["id"]
        for a in actors_list
        if stand_in(a["id"])
        and any(w in m["text"].lower().split() for m in a.get("mentions") or () for w in UNKNOWN_WORDS)
    }
    denied = {r["actor"] for e in events for r in e.responsibility if r["stance"] == "denied"}
    denied |= {a for e in events if is_denial(e) for a in e.actors}  # "..., al-Shabaab denied."
    by_paragraph: dict[int, list[EventDraft]] = {}
    for event in events:
        by_paragraph.setdefault(paragraph_of(event.sent.start_char), []).append(event)
    for event in orphans:
        paragraph = paragraph_of(event.sent.start_char)
        entries = _held_elsewhere(by_paragraph.get(paragraph, ()), event, armed, denied)
        # attackers the text calls unidentified stay so, and a battle has two sides: no implied group
        said_unknown = any(a in unknown for a in event.actors)
        if not entries and not said_unknown and event.fields.get("acled_event_type") != "Battles":
            entries = _named_alone(armed, targets | denied, paragraph, paragraph_of, sentence_at)
        if not entries:
            continue
        for entry in entries:
            add_responsibility(event, dict(entry))
            if tuple(entry["span"]) not in event.evidence:
                event.evidence.append(tuple(entry["span"]))
        hold(event, list(dict.fromkeys(e["actor"] for e in entries)))


def _held_elsewhere(
    paragraph: Iterable[EventDraft], event: EventDraft, armed: dict[str, Any], denied: set[str]
) -> list[dict[str, Any]]:
    """The responsibility entries (for armed groups) of the paragraph's other events, and the claimants
    of its claims, when they name one set of groups."""
    entries: dict[str, dict[str, Any]] = {}
    for other in paragraph:
        if other is event:
            continue
        for entry in other.responsibility:
            if entry["stance"] in PERPETRATOR_STANCES and entry["actor"] in armed:
                entries.setdefault(entry["actor"], entry)
        if other.family == "claim":
            for actor in other.actors:
                if actor in armed:
                    entries.setdefault(
                        actor, responsibility_entry(actor, "claimed", other.sent, source=actor)
                    )
    return [e for a, e in entries.items() if a not in denied]


def _named_alone(
    armed: dict[str, Any],
    excluded: set[str],
    paragraph: int,
    paragraph_of: Callable[[int], int],
    sentence_at: Callable[[int], Span | None],
) -> list[dict[str, Any]]:
    """The one armed group the paragraph names and nothing sets apart (target, denial), as an entry;
    a group the registry knows goes before names read from the text alone."""
    named: dict[str, int] = {}
    for actor_id, actor in armed.items():
        starts = [
            m["span"][0] for m in actor.get("mentions") or () if paragraph_of(m["span"][0]) == paragraph
        ]
        if starts and actor_id not in excluded:
            named[actor_id] = min(starts)
    registered = [a for a in named if armed[a].get("registered", True)]
    pool = registered or list(named)
    sent = sentence_at(named[pool[0]]) if len(pool) == 1 else None
    if sent is None:
        return []
    return [responsibility_entry(pool[0], "implied", sent)]
