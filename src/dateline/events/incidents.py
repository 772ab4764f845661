"""Document-level incidents, after within-document coreference (:mod:`dateline.events.coreference`).

:func:`merge_incidents` counts like ACLED, one row per incident: ACLED-coded events of one
document whose types agree (or one is the generic "Attack" reading of the other), whose places and
dates are compatible and which are neither negated nor hypothetical become one event, with the most
specific sub-event type, the most precise place, the highest fatality count the text gives and all
evidence. Background events of another year or place stay apart. The rules are data
(:class:`IncidentRules`, the ontology's ``incident_merging``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from dateline.events.coreference import Mentioned, added_toll, count_of
from dateline.events.extents import explicit_interval, place_rank, places_compatible
from dateline.events.ontology import word_set


class Incident(Mentioned, Protocol):
    fields: dict[str, Any]
    place: dict[str, Any] | None
    geo_precision: int | None
    date: dict[str, Any] | None
    time_precision: int | None
    fatalities: dict[str, Any] | None
    injured: dict[str, Any] | None
    breakdown: list[dict[str, Any]]
    modality: str


In = TypeVar("In", bound=Incident)


@dataclass(frozen=True, slots=True)
class IncidentRules:
    """When two ACLED-coded events of one document are one incident (the ontology's ``incident_merging``).

    ``exact_sub_event_types``: ACLED types whose events must also share the sub-event type (two
    "Strategic developments" are one incident only when both are arrests, say);
    ``unmerged_sub_event_types``: sub-event types whose events are never merged (the catch-all "Other");
    ``generic_sub_event_types``: a sub-event type that is the generic reading of any event of the listed
    ACLED types ("Attack" folds into a "Suicide bomb" of the same incident); ``sub_event_rank``: most
    specific first, the merged incident keeps the best-ranked; ``blocking_modalities``: events that never
    merge; ``modality_certainty``: most certain first, an incident is no more certain than its least
    certain mention (with that mention's attribution); ``distinct_cues``: words by a trigger that
    announce another incident ("a separate attack");
    ``toll_update_days``: a definite mention ("the toll from the attack rose on Wednesday") may carry a
    date this many days after the incident's.
    """

    exact_sub_event_types: frozenset[str] = frozenset()
    unmerged_sub_event_types: frozenset[str] = frozenset()
    generic: dict[str, frozenset[str]] = field(default_factory=dict)
    rank: dict[str, int] = field(default_factory=dict)
    blocking_modalities: frozenset[str] = frozenset({"negated", "hypothetical", "planned"})
    certainty: dict[str, int] = field(default_factory=dict)
    distinct_cues: frozenset[str] = frozenset()
    toll_update_days: int = 0
    subsidiary: frozenset[str] = frozenset()
    context_sub_event_types: frozenset[str] = frozenset()
    background: dict[str, frozenset[str]] = field(default_factory=dict)
    violent_event_types: frozenset[str] = frozenset()
    crowd_event_types: frozenset[str] = frozenset()
    crowd_upgrades: dict[str, tuple[str, str]] = field(default_factory=dict)
    crowd_rank: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> IncidentRules:
        data = dict(data or {})
        return cls(
            exact_sub_event_types=frozenset(data.get("exact_sub_event_types", ())),
            unmerged_sub_event_types=frozenset(data.get("unmerged_sub_event_types", ())),
            generic={str(k): frozenset(v) for k, v in dict(data.get("generic_sub_event_types", {})).items()},
            rank={str(s): n for n, s in enumerate(data.get("sub_event_rank", ()))},
            blocking_modalities=frozenset(data.get("blocking_modalities", ("negated", "hypothetical"))),
            certainty={str(m): n for n, m in enumerate(data.get("modality_certainty", ()))},
            distinct_cues=word_set(data, "distinct_cues"),
            toll_update_days=int(data.get("toll_update_days", 0)),
            subsidiary=frozenset(data.get("subsidiary_sub_event_types", ())),
            context_sub_event_types=frozenset(data.get("context_sub_event_types", ())),
            background={str(k): frozenset(v) for k, v in dict(data.get("background", {})).items()},
            violent_event_types=frozenset(data.get("violent_event_types", ())),
            crowd_event_types=frozenset(data.get("crowd_event_types", ())),
            crowd_upgrades={
                str(k): (str(v[0]), str(v[1])) for k, v in dict(data.get("crowd_upgrades", {})).items()
            },
            crowd_rank={str(s): n for n, s in enumerate(data.get("crowd_sub_event_rank", ()))},
        )

    def types_agree(self, a: dict[str, Any], b: dict[str, Any]) -> bool:
        """Whether two events' ACLED codings may describe one incident."""
        ta, tb = a.get("acled_event_type"), b.get("acled_event_type")
        sa, sb = a.get("acled_sub_event_type"), b.get("acled_sub_event_type")
        if not ta or not tb or sa in self.unmerged_sub_event_types or sb in self.unmerged_sub_event_types:
            return False
        if ta == tb:
            return ta not in self.exact_sub_event_types or sa == sb
        return tb in self.generic.get(str(sa), ()) or ta in self.generic.get(str(sb), ())

    def joins(self, a: dict[str, Any], b: dict[str, Any]) -> bool:
        """Whether two ACLED-coded events of one paragraph may be one incident although their types
        differ: one is a subsidiary (an arrest, a retreat, weapons seized), or one is a crowd event (a
        demonstration) and the other the violence or intervention around it. Context events (movements)
        join only each other: beside an incident, :func:`uncode_context` sets them aside."""
        ta, tb = a.get("acled_event_type"), b.get("acled_event_type")
        if not ta or not tb:
            return False
        sa, sb = a.get("acled_sub_event_type"), b.get("acled_sub_event_type")
        if sa in self.context_sub_event_types or sb in self.context_sub_event_types:
            return sa == sb  # movements told together are one; with an incident, see uncode_context
        if sa in self.subsidiary or sb in self.subsidiary:
            return True
        return (ta in self.crowd_event_types) != (tb in self.crowd_event_types)

    def specificity(self, fields: dict[str, Any]) -> int:
        return self.rank.get(str(fields.get("acled_sub_event_type")), len(self.rank))


def merge_incidents(
    events: Sequence[In],
    rules: IncidentRules,
    *,
    coded: Callable[[In], bool],
    distinct: Callable[[In], bool] = lambda e: False,
    paragraph: Callable[[In], int] = lambda e: 0,
    victims: Callable[[In], frozenset[str]] = lambda e: frozenset(),
) -> tuple[list[In], dict[int, In]]:
    """The events left once ACLED-coded mentions of one incident are merged, and ``id(event) -> kept``.

    Events are read in document order; a ``coded`` event (one with an ACLED type) joins the nearest
    earlier incident whose type agrees (:meth:`IncidentRules.types_agree`), whose place contains or is
    contained in its own (or either has none) and whose date overlaps its own (or either is undated),
    unless either is negated or hypothetical or the event is announced as ``distinct``; a named person
    who is a victim of both (``victims``: the named persons an event was done to; "kidnapped X ... X's
    body was found the next day") makes them one incident whatever their dates. The incident
    keeps the most specific sub-event type (with that event's trigger), the most precise place and
    date, the highest fatality and injury counts the text gives (never a sum over sentences), and the
    union of actors, targets and evidence. Verbal events pass through untouched.
    """
    slots: list[list[In]] = []  # per output position: the members of an incident, or one verbal event
    # per slot, one member for each distinct reading of what _same_incident compares: members that
    # read alike answer alike, so an incident told in 500 sentences is not re-checked 500 times
    kinds: list[dict[object, In]] = []
    harmed: list[set[str]] = []  # per slot, the named persons its members were done to
    for event in events:
        own = victims(event)
        if coded(event) and event.modality not in rules.blocking_modalities and not distinct(event):
            home = next(
                (
                    n
                    for n in range(len(slots) - 1, -1, -1)
                    if coded(slots[n][0])
                    and all(
                        _same_incident(
                            m,
                            event,
                            rules,
                            paragraph(m) == paragraph(event),
                            bool(own & harmed[n]),
                        )
                        for m in kinds[n].values()
                    )
                ),
                None,
            )
            if home is not None:
                slots[home].append(event)
                kinds[home].setdefault(_reading(event), event)
                harmed[home] |= own
                continue
        slots.append([event])
        kinds.append({_reading(event): event})
        harmed.append(set(own))
    kept: list[In] = []
    merged: dict[int, In] = {}
    for members in slots:
        head = _combine(members, rules) if len(members) > 1 else members[0]
        kept.append(head)
        for m in members:
            if m is not head:
                merged[id(m)] = head
    return kept, merged


def uncode_context(events: Sequence[In], rules: IncidentRules, paragraph: Callable[[In], int]) -> None:
    """Movements, deployments and presence told in a paragraph that reports an incident ("families
    fled after the fighting") and events told as its background or topic ("protested against the
    detention of activists") are its context, not incidents of their own: they stay events but lose
    their ACLED coding, so an ACLED export has one row per incident."""
    context = rules.context_sub_event_types

    def aside(e: In) -> bool:
        return e.fields.get("acled_sub_event_type") in context or getattr(e, "backgrounded", False)

    incidents = {
        paragraph(e)
        for e in events
        if e.fields.get("acled_event_type") and not aside(e) and e.modality not in rules.blocking_modalities
    }
    for event in events:
        if event.fields.get("acled_event_type") and aside(event) and paragraph(event) in incidents:
            event.fields["acled_event_type"] = event.fields["acled_sub_event_type"] = None


_PLACE_KEYS = ("id", "country_code", "feature", "name", "admin1", "admin2")


def _reading(event: Incident) -> object:
    """What :func:`_same_incident` reads of an event (the event itself when that is not hashable)."""
    fields, place = event.fields, event.place
    key = (
        event.modality,
        fields.get("acled_event_type"),
        fields.get("acled_sub_event_type"),
        None if place is None else tuple(place.get(k) for k in _PLACE_KEYS),
        explicit_interval(event.date),
        event.definite,
    )
    try:
        hash(key)
    except TypeError:
        return id(event)
    return key


def _same_incident(
    a: Incident, b: Incident, rules: IncidentRules, same_paragraph: bool = False, one_victim: bool = False
) -> bool:
    if a.modality in rules.blocking_modalities:
        return False
    if not (
        rules.types_agree(a.fields, b.fields)
        or same_paragraph
        and rules.joins(a.fields, b.fields)
        or _toll_of_violence(a, b, rules)
    ):
        return False
    if not places_compatible(a.place, b.place) and not (
        same_paragraph and not (getattr(a, "own_place", True) and getattr(b, "own_place", True))
    ):  # a place read from the paragraph, not the event's own phrase, does not set it apart
        return False
    ia, ib = explicit_interval(a.date), explicit_interval(b.date)
    if ia is None or ib is None or (ia[0] <= ib[1] and ib[0] <= ia[1]) or one_victim:
        return True
    # "the toll from the attack rose to 14 on Wednesday": a definite mention dated by the sentence's
    # report of it (a day or two off), not by the incident
    gap = (max(ia[0], ib[0]) - min(ia[1], ib[1])).days
    return a.definite != b.definite and 0 < gap <= rules.toll_update_days


def _harmless_head(members: list[In]) -> In | None:
    """A raid by state forces that hurt nobody is told for its arrests ("detained during a raid") or,
    when it was done to nobody (neither an armed side nor civilians or their village), for the
    property destroyed or seized ("burnt motorcycles during a raid", "seized a ton of marijuana")."""
    hurt = any(
        count_of(m.fatalities) > 0 or count_of(m.injured) > 0 or getattr(m, "hurts", False) for m in members
    )
    if hurt or not any("state" in getattr(m, "agents", ()) for m in members):
        return None
    by_sub: dict[object, In] = {}
    for m in members:
        by_sub.setdefault(m.fields.get("acled_sub_event_type"), m)
    looting, told = "Looting/property destruction", {"Attack", "Looting/property destruction", "Arrests"}
    done_to = [
        getattr(m, "victims", set()) for m in members if m.fields.get("acled_sub_event_type") != "Arrests"
    ]
    if looting in by_sub and set(by_sub) <= told and not any({"armed", "civilian"} & v for v in done_to):
        return by_sub[looting]  # "seized a ton of marijuana. A man was arrested."
    # a fight with those arrested stays a fight ("clashed with two men who were arrested")
    return None if "Armed clash" in by_sub else by_sub.get("Arrests")


def _combine(members: list[In], rules: IncidentRules) -> In:
    # a member's place in the list breaks ties (the first wins); by identity, in one pass
    position = {id(m): n for n, m in reversed(list(enumerate(members)))}
    head = min(
        members,
        key=lambda m: (
            getattr(m, "casualty_only", False) or getattr(m, "observed", False),
            rules.specificity(m.fields),
            position[id(m)],
        ),
    )
    head = _harmless_head(members) or head
    crowd = [m for m in members if m.fields.get("acled_event_type") in rules.crowd_event_types]
    if crowd and len(crowd) < len(members):
        head = min(crowd, key=lambda m: (rules.specificity(m.fields), position[id(m)]))
        _upgrade_crowd(head, [m for m in members if m not in crowd], rules)
    others = [m for m in members if m is not head]
    placed = min(members, key=lambda m: (place_rank(m.place), position[id(m)]))
    if placed.place is not None and place_rank(placed.place) < place_rank(head.place):
        head.place, head.geo_precision = placed.place, placed.geo_precision
    dated = [m for m in members if explicit_interval(m.date) is not None]
    if dated:
        best = min(dated, key=lambda m: (m.definite, _width(m.date), position[id(m)]))
        head.date, head.time_precision = best.date, best.time_precision
    added = [m for m in others if getattr(m, "additional", False)]  # "Four police were also wounded"
    told = [m for m in members if m not in added]
    dead = max(told, key=lambda m: count_of(m.fatalities))
    if count_of(dead.fatalities) > count_of(head.fatalities):
        head.fatalities, head.breakdown = dead.fatalities, list(dead.breakdown)
    if getattr(head, "size", None) is None:
        sized = next((m for m in members if getattr(m, "size", None)), None)
        if sized is not None:
            head.size = sized.size
    hurt = max(told, key=lambda m: count_of(m.injured))
    if count_of(hurt.injured) > count_of(head.injured):
        head.injured = hurt.injured
    for m in added:
        head.fatalities = added_toll(head.fatalities, m.fatalities, m)
        head.injured = added_toll(head.injured, m.injured, m)
    doubt = max(members, key=lambda m: (rules.certainty.get(m.modality, -1), -position[id(m)]))
    if rules.certainty.get(doubt.modality, -1) > rules.certainty.get(head.modality, -1):
        head.modality = doubt.modality
        if hasattr(head, "attribution"):
            head.attribution = getattr(doubt, "attribution", None)
    actors = set(head.actors)
    for m in others:
        for a in m.actors:
            if a not in actors:
                actors.add(a)
                head.actors.append(a)
    targets, evidence = set(head.targets), set(head.evidence)
    for m in others:
        for t in m.targets:
            if t not in targets and t not in actors:
                targets.add(t)
                head.targets.append(t)
        for span in m.evidence:
            if span not in evidence:
                evidence.add(span)
                head.evidence.append(span)
        held = getattr(head, "responsibility", None)
        if held is not None:
            held.extend(e for e in getattr(m, "responsibility", ()) if e not in held)
    return head


def _toll_of_violence(a: Incident, b: Incident, rules: IncidentRules) -> bool:
    """ "... in which three soldiers were killed": a toll read from a casualty verb alone joins any
    violent event of the incident."""
    trace = ("casualty_only", "observed")
    if not any(getattr(a, f, False) or getattr(b, f, False) for f in trace):
        return False
    violent = rules.violent_event_types
    return a.fields.get("acled_event_type") in violent and b.fields.get("acled_event_type") in violent


def _upgrade_crowd(head: Incident, others: list[Incident], rules: IncidentRules) -> None:
    """A demonstration told with violence or an intervention: its sub-event type says which (the
    ontology's ``crowd_upgrades``: by the other event's sub-event type, or ``"by_state"`` /
    ``"lethal_by_state"`` for violence by state forces, without or with casualties)."""
    best = head.fields.get("acled_sub_event_type")
    chosen: tuple[str, str] | None = None
    for m in others:
        sub = str(m.fields.get("acled_sub_event_type"))
        key = sub
        if (  # one-sided force by the state; a clash with the crowd ("with", "between") is a fight it joined
            "state" in getattr(m, "agents", ())
            and m.fields.get("acled_event_type") in rules.violent_event_types
            and not (sub == "Armed clash" and getattr(m, "sides", None))
        ):
            key = "lethal_by_state" if (m.fatalities or m.injured) else "by_state"
        upgrade = rules.crowd_upgrades.get(key)
        if upgrade is None:
            continue
        rank = rules.crowd_rank.get(upgrade[1], len(rules.crowd_rank))
        if rank < rules.crowd_rank.get(str(best), len(rules.crowd_rank)):
            best, chosen = upgrade[1], upgrade
    if chosen is not None:
        head.fields["acled_event_type"], head.fields["acled_sub_event_type"] = chosen


def _width(date: dict[str, Any] | None) -> int:
    interval = explicit_interval(date)
    return (interval[1] - interval[0]).days if interval else 1 << 30
