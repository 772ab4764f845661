"""Frozen, typed records: what dateline reads from a document.

These are the shapes of ``../docs/record.md`` (the document record). spaCy
components keep plain dicts on ``Doc._`` (so docs survive ``nlp.pipe(n_process=2)``);
:func:`dateline.extract` turns them into these records, and
:meth:`Record.to_dict` renders the JSON line. Offsets are character offsets
into ``Record.text``, end-exclusive.

Fields may be added; the fields named in record.md are never renamed or dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

Span = tuple[int, int]

#: How surely a statement is made: the vocabulary of Event.modality, Relation.modality and Hedge.modality.
MODALITIES: tuple[str, ...] = (
    "asserted",
    "reported",
    "alleged",
    "claimed",
    "denied",
    "believed",
    "planned",
    "hypothetical",
    "negated",
)


def _span(value: Any) -> Span:
    start, end = (int(x) for x in value)
    if start < 0 or end < start:
        raise ValueError(f"bad span {value!r}: need 0 <= start <= end")
    return (start, end)


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    dt.date.fromisoformat(str(value))  # validates
    return str(value)


def to_date(value: Any) -> dt.date | None:
    """An ISO date (or date) as a date; None for anything that is not one."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


class _Record:
    """Shared conversion to and from plain dicts (the JSON record)."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):  # type: ignore[arg-type]
            out[f.name] = _plain(getattr(self, f.name))
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]):  # type: ignore[no-untyped-def]
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: v for k, v in data.items() if k in names})


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

    def __post_init__(self) -> None:
        object.__setattr__(self, "span", _span(self.span))
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

    def __post_init__(self) -> None:
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
    places: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
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
    # place mentions the gazetteer could not settle, each with its candidates
    unresolved_places: list[dict[str, Any]] = field(default_factory=list)
    # what the text says about actors: roles ("a senator from Farah") and aliases it defines
    actor_facts: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        data = dict(data)
        if data.get("dateline"):
            data["dateline"] = Dateline.from_dict(data["dateline"])
        for key, kind in (
            ("quotes", Quote),
            ("quantities", Quantity),
            ("dates", DateMention),
            ("attributions", Attribution),
            ("hedges", Hedge),
        ):
            data[key] = [kind.from_dict(x) for x in data.get(key) or []]
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})
