"""Frozen, typed records: what dateline reads from a document.

These are the shapes of ``../docs/record.md`` (the document record). spaCy components keep plain
dicts on ``Doc._`` (so docs survive ``nlp.pipe(n_process=2)``); the pipeline turns them into these
records with ``from_dict``; :meth:`Record.to_dict` renders the JSON line (the components' keys in order; a
key written only sometimes, as ``from_published``, left out when it is not). Records are checked when built
(spans, modalities, precisions, ids); offsets are character offsets into ``Record.text``, end-exclusive.

Fields may be added; the fields named in record.md are never renamed or dropped.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from dateline.record_values import Span as Span  # re-exported: the records' own names
from dateline.record_values import check_precision as _precision
from dateline.record_values import iso_date as _iso
from dateline.record_values import span_of as _span
from dateline.record_values import strings as _strings
from dateline.record_values import to_date as to_date

#: How surely a statement is made: the vocabulary of Event.modality, Relation.modality and Hedge.modality.
MODALITIES: tuple[str, ...] = (
    "asserted", "reported", "alleged", "claimed", "denied", "believed", "planned", "hypothetical", "negated",
)  # fmt: skip


class _Record:
    """Conversion to and from plain dicts (the JSON record). ``_NESTED``: fields holding records (one or
    a list) and their class, which :meth:`from_dict` builds from dicts; ``_OPTIONAL``: fields that
    :meth:`to_dict` leaves out while they hold their default (keys the record has only sometimes)."""

    __slots__ = ()
    _NESTED: ClassVar[Mapping[str, type]] = {}
    _OPTIONAL: ClassVar[frozenset[str]] = frozenset()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if f.name in self._OPTIONAL and value == f.default:
                continue
            out[f.name] = _plain(value)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]):  # type: ignore[no-untyped-def]
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: v for k, v in data.items() if k in names})

    def _build_nested(self, sequence: type = list) -> None:
        """Turn the dicts in the ``_NESTED`` fields into records; lists become ``sequence``."""
        for name, kind in self._NESTED.items():
            value = getattr(self, name)
            if isinstance(value, Mapping):
                object.__setattr__(self, name, kind.from_dict(value))  # type: ignore[attr-defined]
            elif isinstance(value, list | tuple):
                items = (kind.from_dict(v) if isinstance(v, Mapping) else v for v in value)  # type: ignore[attr-defined]
                object.__setattr__(self, name, sequence(items))


def _plain(value: Any) -> Any:
    if isinstance(value, _Record):
        return value.to_dict()
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(x, int) for x in value):
        return list(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True, slots=True)
class Mention(_Record):
    text: str
    span: Span
    route: str | None = None  # a place named as the end of a road, bridge or crossing: the route word
    _OPTIONAL: ClassVar[frozenset[str]] = frozenset({"route"})

    def __post_init__(self) -> None:
        object.__setattr__(self, "span", _span(self.span))


@dataclass(frozen=True, slots=True)
class Quantity(_Record):
    """A number as reported: an interval ``[low, high]`` (None = unbounded) and a best reading."""

    text: str
    span: Span
    low: float | None = None
    high: float | None = None
    best: float | None = None
    qualifier: str | None = None
    unit: str | None = None
    vague: bool = False
    group: int | None = None  # quantities of one list ("three soldiers and eight civilians") share a group
    role: str | None = None  # in an event's fatalities_breakdown: "victim" or "perpetrator"
    incidents: int | None = None  # an event's count: its even share of a toll told for this many incidents
    _OPTIONAL: ClassVar[frozenset[str]] = frozenset({"role", "incidents"})

    def __post_init__(self) -> None:
        object.__setattr__(self, "span", _span(self.span))
        for name in ("low", "high", "best"):  # a number past float range ("1212...", 490 digits) is not
            value = getattr(self, name)  # one we can state: None, so the JSON record stays valid JSON
            if isinstance(value, float) and not math.isfinite(value):
                object.__setattr__(self, name, None)
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"quantity {self.text!r}: low {self.low} > high {self.high}")


@dataclass(frozen=True, slots=True)
class DateMention(_Record):
    """A date expression and the inclusive interval it denotes (None when it cannot be resolved)."""

    text: str
    span: Span
    start: str | None = None
    end: str | None = None
    precision: str | None = None  # day | week | month | year | range
    relative: bool = False  # resolved against the publication date
    resolved: bool = True
    _NEEDS_SPAN: ClassVar[bool] = True

    def __post_init__(self) -> None:
        if self.span is not None or self._NEEDS_SPAN:
            object.__setattr__(self, "span", _span(self.span))
        object.__setattr__(self, "start", _iso(self.start))
        object.__setattr__(self, "end", _iso(self.end))
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"date {self.text!r}: start {self.start} after end {self.end}")


@dataclass(frozen=True, slots=True)
class Quote(_Record):
    speaker: str | None  # actor id, once actors are resolved
    speaker_text: str
    text: str
    span: Span
    speaker_span: Span | None = None
    cue: str | None = None  # the reporting verb or phrase ("said", "according to")
    kind: str = "direct"  # "direct", or "scare" for 1-3 words without a reporting frame (“good” Taliban)
    speaker_mention: str | None = None  # the words naming the speaker in the frame ("he", "the president")
    speaker_mention_span: Span | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "span", _span(self.span))
        if self.speaker_span is not None:
            object.__setattr__(self, "speaker_span", _span(self.speaker_span))
        if self.speaker_mention_span is not None:
            object.__setattr__(self, "speaker_mention_span", _span(self.speaker_mention_span))


@dataclass(frozen=True, slots=True)
class Attribution(_Record):
    """A phrase that names who a statement comes from ("according to security sources")."""

    text: str
    span: Span
    source_text: str
    source_span: Span | None = None
    cue: str | None = None
    source: str | None = None  # actor id of who says so (set by dateline_actors)

    def __post_init__(self) -> None:
        object.__setattr__(self, "span", _span(self.span))
        if self.source_span is not None:
            object.__setattr__(self, "source_span", _span(self.source_span))


@dataclass(frozen=True, slots=True)
class Hedge(_Record):
    """A word or phrase that weakens or qualifies a statement ("reportedly", "believed to")."""

    text: str
    span: Span
    modality: str  # reported | alleged | believed | claimed | denied | planned | hypothetical | negated

    def __post_init__(self) -> None:
        object.__setattr__(self, "span", _span(self.span))


@dataclass(frozen=True, slots=True)
class Dateline(_Record):
    """The dateline that opens a story ("NEW DELHI:", "KABUL (Reuters) —")."""

    text: str  # the place as written, e.g. "NEW DELHI"
    span: Span
    place: str | None  # the place name in display case, e.g. "New Delhi"
    agency: str | None = None  # "Reuters" in "KABUL (Reuters) —"
    full_span: Span | None = None  # the whole dateline including agency and separator
    region: str | None = None  # the qualifier after the place as written: "Somalia" in "MOGADISHU, Somalia"

    def __post_init__(self) -> None:
        object.__setattr__(self, "span", _span(self.span))
        if self.full_span is not None:
            object.__setattr__(self, "full_span", _span(self.full_span))


def _modality(value: Any, what: str) -> None:
    if value not in MODALITIES:
        raise ValueError(f"{what}: unknown modality {value!r} (one of {', '.join(MODALITIES)})")


@dataclass(frozen=True, slots=True)
class PlaceCandidate(_Record):
    """A contending reading of an ambiguous place name, or a unit's seat town."""

    id: str
    name: str
    country_code: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    admin2: str | None = None  # (a seat's)
    _OPTIONAL: ClassVar[frozenset[str]] = frozenset({"admin2"})


@dataclass(frozen=True, slots=True)
class Place(_Record):
    """A gazetteer entry the document names, with its mentions (record.md ``Place``)."""

    id: str
    name: str
    country_code: str | None = None
    admin1: str | None = None  # as the document writes it when it names the unit, else the gazetteer's
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None  # GeoNames feature code: PCLI, ADM1, PPL, RGN, ...
    mentions: tuple[Mention, ...] = ()
    geo_precision: int | None = None  # ACLED: 1 town, 2 district or near a town, 3 province/region/country
    ambiguous: bool = False  # the document could not settle the name: this is its best reading
    candidates: tuple[PlaceCandidate, ...] = ()  # when ambiguous: the contending readings, best first
    within: str | None = None  # the city (place id) the text puts this quarter in ("Mansour district of X")
    admin1_id: str | None = None  # the gazetteer entry of the admin-1 unit (one id whatever its name)
    located_by: str | None = None  # a name the gazetteer lacks: the place (id) holding it or near it
    seat: PlaceCandidate | None = None  # a province's or district's seat town (its capital)
    _NESTED: ClassVar[Mapping[str, type]] = {
        "mentions": Mention,
        "candidates": PlaceCandidate,
        "seat": PlaceCandidate,
    }
    _OPTIONAL: ClassVar[frozenset[str]] = frozenset({"seat"})

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError(f"place {self.name!r} has no id")
        _precision(self.geo_precision, f"place {self.id!r}")
        self._build_nested(tuple)


@dataclass(frozen=True, slots=True)
class Actor(_Record):
    """A real-world actor the document names, with its mentions (record.md ``Actor``). ``acled_inter``,
    ``role``, ``acled_name``, ``registered`` and ``parents`` come from the actor registry; an actor read
    without it (``registered`` None: the relations component's stand-ins) has none of them in its dict."""

    id: str
    name: str
    kind: str
    country_code: str | None = None
    aliases: tuple[str, ...] = ()
    acled_inter: int | None = None  # ACLED actor type (1-8) in the role held on the document's date
    role: str | None = None  # that role's label ("insurgency")
    acled_name: str | None = None  # ACLED's own spelling of the actor ("TTP: Tehrik-i-Taliban Pakistan")
    registered: bool | None = None  # False: not in the registry; id = "x-<kind>.<normalised-name>"
    parents: tuple[str, ...] = ()  # registry ids of what it is a wing, branch or faction of on that date
    mentions: tuple[Mention, ...] = ()
    _NESTED: ClassVar[Mapping[str, type]] = {"mentions": Mention}

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError(f"actor {self.name!r} has no id")
        object.__setattr__(self, "aliases", _strings(self.aliases))
        object.__setattr__(self, "parents", _strings(self.parents))
        self._build_nested(tuple)

    def to_dict(self) -> dict[str, Any]:
        out = _Record.to_dict(self)
        if self.registered is None:
            for name in ("acled_inter", "role", "acled_name", "registered", "parents"):
                del out[name]
        return out


@dataclass(frozen=True, slots=True)
class EventDate(DateMention):
    """When an event happened: a date of the text, or the publication date (``from_published``, no span)."""

    span: Span | None
    from_published: bool = False
    _NEEDS_SPAN: ClassVar[bool] = False
    _OPTIONAL: ClassVar[frozenset[str]] = frozenset({"from_published"})


@dataclass(frozen=True, slots=True)
class SaidBy(_Record):
    """Who a statement comes from: an actor id (None when unknown) and the words naming them."""

    source: str | None
    text: str


#: How the text holds an actor responsible for an event (record.md ``Responsibility``).
STANCES: tuple[str, ...] = ("claimed", "attributed", "suspected", "asserted", "implied", "denied")


@dataclass(frozen=True, slots=True)
class Responsibility(_Record):
    """Who the text holds responsible for an event, how surely, by whom ("sources attributed ... to X")."""

    actor: str  # actor id
    stance: str  # one of STANCES
    source: str | None  # the actor id of who says so, when the text names one
    source_text: str | None  # the words naming who says so ("sources", "police")
    text: str  # the sentence it was read from
    span: Span

    def __post_init__(self) -> None:
        if self.stance not in STANCES:
            raise ValueError(f"responsibility stance must be one of {STANCES}, not {self.stance!r}")
        object.__setattr__(self, "span", _span(self.span))


@dataclass(frozen=True, slots=True)
class Event(_Record):
    """Something that happened, as one document reports it (record.md ``Event``)."""

    id: str
    type: str  # the project's own event type
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    plover_event: str | None = None
    actors: tuple[str, ...] = ()  # actor ids: initiators, perpetrators
    targets: tuple[str, ...] = ()
    place: str | None = None  # place ids
    sublocation: str | None = None  # the quarter of ``place`` (a city) the text names, when it names one
    origin: str | None = None
    destination: str | None = None
    date: EventDate | None = None
    fatalities: Quantity | None = None
    injured: Quantity | None = None
    size: Quantity | None = None
    modality: str = "asserted"
    attribution: SaidBy | None = None
    evidence: tuple[Mention, ...] = ()  # the sentence(s) it was read from
    geo_precision: int | None = None
    time_precision: int | None = None
    fatalities_breakdown: tuple[Quantity, ...] = ()  # the victim groups summed into fatalities
    trigger: Mention | None = None  # the word the event was read from
    claimed_event: str | None = None  # a claim of responsibility: the event it claims
    responsibility: tuple[Responsibility, ...] = ()  # who is held responsible, how surely, by whom
    # GTD's coding of an attack (null for events that are not attacks: protests, arrests, statements)
    gtd_attack_type: str | None = None  # GTD's attacktype1_txt names: "Bombing/Explosion", ...
    gtd_target_type: str | None = None  # targtype1_txt: "Police", "Private Citizens & Property", ...
    gtd_weapon_type: str | None = None  # weaptype1_txt: "Firearms", "Explosives", ...
    gtd_claimed: bool | None = None  # a group claimed it (null: the text does not say)
    gtd_suicide: bool | None = None
    gtd_success: bool | None = None  # the attack did what its type aims at (a bomb went off, ...)
    fatalities_perpetrators: Quantity | None = None  # of the fatalities, the attackers
    injured_perpetrators: Quantity | None = None
    _NESTED: ClassVar[Mapping[str, type]] = {
        "fatalities_perpetrators": Quantity, "fatalities_breakdown": Quantity, "fatalities": Quantity,
        "responsibility": Responsibility, "injured_perpetrators": Quantity, "attribution": SaidBy,
        "injured": Quantity, "evidence": Mention, "trigger": Mention, "date": EventDate, "size": Quantity,
    }  # fmt: skip

    def __post_init__(self) -> None:
        _modality(self.modality, f"event {self.id!r}")
        _precision(self.geo_precision, f"event {self.id!r}")
        _precision(self.time_precision, f"event {self.id!r}")
        object.__setattr__(self, "actors", _strings(self.actors))
        object.__setattr__(self, "targets", _strings(self.targets))
        self._build_nested(tuple)


@dataclass(frozen=True, slots=True)
class Relation(_Record):
    """What one actor is to another, as one document states it (record.md ``Relation``)."""

    id: str
    subject: str | None  # actor ids
    predicate: str  # leader_of, member_of, allied_with, accuses, ... (relations/data/lexicon.json)
    object: str | None
    modality: str = "asserted"
    evidence: tuple[Mention, ...] = ()
    subject_text: str = ""
    object_text: str = ""
    trigger: Mention | None = None
    attribution: SaidBy | None = None
    role: str | None = None  # "spokesman" in "Taliban spokesman Zabihullah Mujahid"
    former: bool = False
    event: str | None = None  # the event id it was read with
    target_relation: str | None = None  # a denial: the relation (accusation) it denies
    _NESTED: ClassVar[Mapping[str, type]] = {"evidence": Mention, "trigger": Mention, "attribution": SaidBy}

    def __post_init__(self) -> None:
        _modality(self.modality, f"relation {self.id!r}")
        self._build_nested(tuple)


@dataclass(frozen=True, slots=True)
class Document(_Record):
    """One input document, as read, before analysis."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    origin: str | None = None  # where it was read from: "path" or "path:line"
    content_hash: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "published", _iso(self.published))
        if not self.content_hash:
            from dateline.identity import content_hash

            object.__setattr__(self, "content_hash", content_hash(self.text))


@dataclass(frozen=True, slots=True)
class Record(_Record):
    """Everything dateline read from one document (record version 1)."""

    id: str
    text: str
    published: str | None
    dateline: Dateline | None
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    hedges: list[Hedge] = field(default_factory=list)
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None
    content_hash: str = ""
    record_version: int = 1
    unresolved_places: list[dict[str, Any]] = field(default_factory=list)  # names with no gazetteer entry
    place_references: list[dict[str, Any]] = field(default_factory=list)
    # what the text says about actors: roles ("a senator from Farah") and aliases it defines
    actor_facts: list[dict[str, Any]] = field(default_factory=list)

    _NESTED: ClassVar[Mapping[str, type]] = {
        "dateline": Dateline,
        "places": Place,
        "actors": Actor,
        "events": Event,
        "relations": Relation,
        "quotes": Quote,
        "quantities": Quantity,
        "dates": DateMention,
        "attributions": Attribution,
        "hedges": Hedge,
    }

    def __post_init__(self) -> None:
        if not self.dateline:
            object.__setattr__(self, "dateline", None)
        for name in self._NESTED:
            if name != "dateline" and getattr(self, name) is None:
                object.__setattr__(self, name, [])
        self._build_nested(list)
