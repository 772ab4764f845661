"""The actor registry: canonical actors with stable ids, aliases, links and time-bounded roles.

Actors are read from TOML files: the ones shipped in ``dateline/actors/data/*.toml`` and any
files a user passes (``ActorRegistry.load(extra=[path])``; a user entry with an id already known
replaces the shipped one, so users can correct us without forking). One file holds a list of
``[[actor]]`` tables::

    [[actor]]
    id = "tehrik-i-taliban-pakistan"      # stable slug: never reuse or rename a published id
    name = "Tehrik-i-Taliban Pakistan"     # canonical name
    kind = "militant_group"                # see KINDS
    country = "PK"                         # ISO 3166-1 alpha-2, or omitted
    acled_inter = 2                        # ACLED actor type (1-8)
    acled_name = "TTP: Tehrik-i-Taliban Pakistan"   # optional: ACLED spelling ("{country}": the event's)
    aliases = ["TTP", "Tehreek-i-Taliban Pakistan", "Tehreek-e-Taliban Pakistan", "Pakistani Taliban"]
    areas = ["Khyber Pakhtunkhwa"]         # optional: first-level units of its country it fights in
    affiliations = [{relation = "allied_with", id = "taliban", since = "2007-12-01"}]
    roles = [{kind = "militant_group", until = "2021-08-14", acled_inter = 2, label = "insurgency"}]
    description = "Umbrella of Pakistani militant groups formed in 2007."

Relations in ``affiliations``: faction_of, branch_of, member_of, split_from, allied_with, allegiance_to,
part_of (a unit of a state's forces, an armed wing of a movement), leader_of, deputy_of, spokesperson_of,
commander_of, holds_office (people: ``office = "Prime Minister"`` with ``id`` naming the institution,
e.g. ``"government-of-pakistan"``), founded_by, successor_of. Dates are ISO strings; ``since``/``until``
are inclusive and may be omitted. Every problem in a file (a missing or mistyped key, a value of the
wrong type, a duplicate id, a link to an unknown actor) is a :class:`ConfigError` naming the file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from dateline.actors.states import state_tables
from dateline.errors import ConfigError
from dateline.text import normalise

KINDS = frozenset(
    {
        "state",
        "government",
        "military",
        "police",
        "militant_group",
        "political_party",
        "person",
        "igo",
        "ngo",
        "media",
        "civilians",
        "other",
    }
)
RELATIONS = frozenset(
    {
        "faction_of",
        "branch_of",
        "member_of",
        "split_from",
        "allied_with",
        "allegiance_to",
        "part_of",
        "leader_of",
        "deputy_of",
        "spokesperson_of",
        "commander_of",
        "holds_office",
        "founded_by",
        "successor_of",
    }
)
#: Relations that make the other actor an organisation this one belongs to (a wing, branch or faction of it).
PARENT_RELATIONS = frozenset({"part_of", "branch_of", "faction_of"})
_SLUG = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_ACTOR_KEYS = frozenset(
    {"id", "name", "kind", "country", "aliases", "local_names", "acled_inter", "acled_name"}
    | {"affiliations", "roles", "description", "areas"}
)
_AFFILIATION_KEYS = frozenset({"relation", "id", "since", "until", "office"})
_ROLE_KEYS = frozenset({"kind", "since", "until", "acled_inter", "label"})
STATES_SOURCE = "builtin:countries"  # the state blocks made from the lexicon's country list


def _date(value: Any, where: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _str(table: dict[str, Any], key: str, where: str, *, required: bool = False) -> str | None:
    value = table.get(key)
    if value is None:
        if required:
            raise ConfigError(f"{where}: '{key}' is required")
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: '{key}' must be a non-empty string")
    return value


def _inter(table: dict[str, Any], where: str) -> int | None:
    value = table.get("acled_inter")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 8:
        raise ConfigError(f"{where}: acled_inter must be an integer 1..8, not {value!r}")
    return value


def _tables(table: dict[str, Any], key: str, allowed: frozenset[str], where: str) -> list[dict[str, Any]]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
        raise ConfigError(f"{where}: '{key}' must be a list of tables such as [{{relation = ..., id = ...}}]")
    for item in value:
        unknown = set(item) - allowed
        if unknown:
            raise ConfigError(f"{where}: unknown keys {sorted(unknown)} in {key}; allowed: {sorted(allowed)}")
    return value


def _period(table: dict[str, Any], where: str) -> tuple[dt.date | None, dt.date | None]:
    since, until = _date(table.get("since"), where), _date(table.get("until"), where)
    if since is not None and until is not None and until < since:
        raise ConfigError(f"{where}: 'until' {until} is before 'since' {since}")
    return since, until


def _within(on: dt.date | None, since: dt.date | None, until: dt.date | None) -> bool:
    if on is None:
        return until is None  # without a date, the role that is still current
    return (since is None or since <= on) and (until is None or on <= until)


@dataclass(frozen=True, slots=True)
class Role:
    """What an actor is during a period: the Taliban were an insurgency, then a de facto government."""

    kind: str
    since: dt.date | None = None
    until: dt.date | None = None
    acled_inter: int | None = None
    label: str | None = None

    def holds_on(self, on: dt.date | None) -> bool:
        return _within(on, self.since, self.until)


@dataclass(frozen=True, slots=True)
class Affiliation:
    """A link from this actor to another registry actor, possibly bounded in time."""

    relation: str
    id: str
    since: dt.date | None = None
    until: dt.date | None = None
    office: str | None = None  # holds_office: "Prime Minister"

    def holds_on(self, on: dt.date | None) -> bool:
        return _within(on, self.since, self.until) if on is not None else True


@dataclass(frozen=True, slots=True)
class ActorEntry:
    id: str
    name: str
    kind: str
    country_code: str | None = None
    aliases: tuple[str, ...] = ()
    local_names: tuple[str, ...] = ()  # names that mean this actor in a story set in its country only
    areas: tuple[str, ...] = ()  # first-level units of its country where it fights or works
    acled_inter: int | None = None
    acled_name: str | None = None
    affiliations: tuple[Affiliation, ...] = ()
    roles: tuple[Role, ...] = ()
    description: str | None = None
    source: str = "builtin"  # "builtin" or the user file it came from

    def __post_init__(self) -> None:
        where = f"actor {self.id!r}"
        if not _SLUG.match(self.id):
            raise ConfigError(f"{where}: ids are lower-case slugs such as 'islamic-state-khorasan'")
        if self.kind not in KINDS:
            raise ConfigError(f"{where}: kind {self.kind!r} is not one of {', '.join(sorted(KINDS))}")
        if self.acled_inter is not None and not 1 <= self.acled_inter <= 8:
            raise ConfigError(f"{where}: acled_inter must be 1..8")
        if self.local_names and self.country_code is None:
            raise ConfigError(f"{where}: local_names need the actor's country")
        if self.areas and self.country_code is None:
            raise ConfigError(f"{where}: areas need the actor's country")
        for role in self.roles:
            if role.kind not in KINDS:
                raise ConfigError(f"{where}: role kind {role.kind!r} is not one of the kinds")
        for link in self.affiliations:
            if link.relation not in RELATIONS:
                raise ConfigError(
                    f"{where}: relation {link.relation!r} is not one of {', '.join(sorted(RELATIONS))}"
                )

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name and every alias."""
        return (self.name, *self.aliases)

    def active_on(self, on: dt.date | None) -> bool:
        """Whether one of the actor's roles holds on a date (always, for an actor without roles)."""
        return not self.roles or any(role.holds_on(on) for role in self.roles)

    def role_on(self, on: dt.date | None) -> Role:
        """The role the actor held on a date (the current one when ``on`` is None)."""
        for role in self.roles:
            if role.holds_on(on):
                return role
        return Role(kind=self.kind, acled_inter=self.acled_inter)

    def to_record(self, on: dt.date | None = None) -> dict[str, Any]:
        """The record fields (record.md ``Actor`` without mentions) as of a date."""
        role = self.role_on(on)
        return {
            "id": self.id,
            "name": self.name,
            "kind": role.kind,
            "country_code": self.country_code,
            "aliases": list(self.aliases),
            "acled_inter": role.acled_inter if role.acled_inter is not None else self.acled_inter,
            "role": role.label,
            "acled_name": self.acled_name,
            "registered": True,
            "parents": [a.id for a in self.affiliations if a.relation in PARENT_RELATIONS and a.holds_on(on)],
        }

    @classmethod
    def from_table(cls, table: dict[str, Any], source: str) -> ActorEntry:
        """One ``[[actor]]`` table; every problem is a :class:`ConfigError` naming ``source``."""
        where = f"{source}: actor {table.get('id')!r}"
        unknown = set(table) - _ACTOR_KEYS
        if unknown:
            raise ConfigError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(_ACTOR_KEYS)})")
        actor_id = _str(table, "id", where, required=True)
        name = _str(table, "name", where, required=True)
        kind = _str(table, "kind", where, required=True)
        country = _str(table, "country", where)
        if country is not None and not _COUNTRY.match(country):
            raise ConfigError(f"{where}: country {country!r} is not an ISO 3166-1 alpha-2 code such as 'PK'")
        aliases, local_names = table.get("aliases", []), table.get("local_names", [])
        areas = table.get("areas", [])
        for key, names in (("aliases", aliases), ("local_names", local_names), ("areas", areas)):
            if not isinstance(names, list) or not all(isinstance(a, str) and a.strip() for a in names):
                raise ConfigError(f"{where}: '{key}' must be a list of non-empty strings")
        affiliations = []
        for link in _tables(table, "affiliations", _AFFILIATION_KEYS, where):
            since, until = _period(link, where)
            affiliations.append(
                Affiliation(
                    relation=_str(link, "relation", where, required=True) or "",
                    id=_str(link, "id", where, required=True) or "",
                    since=since,
                    until=until,
                    office=_str(link, "office", where),
                )
            )
        roles = []
        for role in _tables(table, "roles", _ROLE_KEYS, where):
            since, until = _period(role, where)
            roles.append(
                Role(
                    kind=_str(role, "kind", where, required=True) or "",
                    since=since,
                    until=until,
                    acled_inter=_inter(role, where),
                    label=_str(role, "label", where),
                )
            )
        acled_inter = _inter(table, where)
        acled_name = _str(table, "acled_name", where)
        description = _str(table, "description", where)
        try:
            return cls(
                id=actor_id or "",
                name=name or "",
                kind=kind or "",
                country_code=country,
                aliases=tuple(aliases),
                local_names=tuple(local_names),
                areas=tuple(areas),
                acled_inter=acled_inter,
                acled_name=acled_name,
                affiliations=tuple(affiliations),
                roles=tuple(roles),
                description=description,
                source=source,
            )
        except ConfigError as exc:
            raise ConfigError(f"{source}: {exc.message}") from None


def actor_key(name: str) -> str:
    """The key names are matched on: "the Tehreek-e-Taliban Pakistan" -> "tehreek e taliban pakistan"."""
    return normalise(name)


def unregistered_id(kind: str, name: str) -> str:
    """The id of an actor the registry does not know: derived from its normalised name, so the
    same unknown actor gets the same id in every document and every run."""
    slug = re.sub(r"[^a-z0-9]+", "-", actor_key(name)).strip("-") or "unnamed"
    return f"x-{kind.replace('_', '-')}.{slug}"


@dataclass
class ActorRegistry:
    """Actors by id and by every normalised name; built from TOML files, extendable by users."""

    entries: dict[str, ActorEntry] = field(default_factory=dict)
    _by_key: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _local: dict[tuple[str, str], list[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, extra: Sequence[Path] = (), *, builtin: bool = True) -> ActorRegistry:
        """The shipped actors (unless ``builtin=False``) plus ``extra`` user files, later files winning."""
        registry = cls()
        if builtin:
            folder = resources.files("dateline.actors") / "data"
            for item in sorted(folder.iterdir(), key=lambda p: p.name):
                if item.name.endswith(".toml"):
                    entries = registry.parse(item.read_text(encoding="utf-8"), f"builtin:{item.name}")
                    for entry in entries:  # shipped files must not silently override one another
                        if entry.id in registry.entries:
                            raise ConfigError(
                                f"{entry.source}: actor id {entry.id!r} is already defined in "
                                f"{registry.entries[entry.id].source}"
                            )
                    registry.extend(entries)
            registry._add_state_blocks(json.loads((folder / "nominal.json").read_text("utf-8"))["countries"])
        for path in extra:
            path = Path(path)
            if not path.exists():
                raise ConfigError(f"actor file {path} does not exist")
            registry.extend(registry.parse(path.read_text(encoding="utf-8"), str(path)))
        registry.check_links()
        return registry

    def _add_state_blocks(self, countries: dict[str, Any]) -> None:
        """The state block of every lexicon country that the files do not define (:mod:`.states`)."""
        names = {actor_key(name) for name, _ in self.names()}
        tables = state_tables(countries, set(self.entries), names, actor_key)
        self.extend(ActorEntry.from_table(t, STATES_SOURCE) for t in tables)

    @staticmethod
    def parse(text: str, source: str) -> list[ActorEntry]:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{source}: not valid TOML ({exc})") from None
        unknown = set(data) - {"actor"}
        if unknown:
            raise ConfigError(f"{source}: unknown top-level keys {sorted(unknown)}; write [[actor]] tables")
        tables = data.get("actor", [])
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            raise ConfigError(f"{source}: expected [[actor]] tables")
        entries = [ActorEntry.from_table(t, source) for t in tables]
        seen: set[str] = set()
        for entry in entries:
            if entry.id in seen:
                raise ConfigError(f"{source}: actor id {entry.id!r} appears twice")
            seen.add(entry.id)
        return entries

    def extend(self, entries: Iterable[ActorEntry]) -> None:
        for entry in entries:
            self.add(entry)

    def add(self, entry: ActorEntry) -> None:
        """Add an actor; one with the same id is replaced (its old names are forgotten)."""
        old = self.entries.get(entry.id)
        if old is not None:
            for name in old.names:
                ids = self._by_key.get(actor_key(name), [])
                if entry.id in ids:
                    ids.remove(entry.id)
            for name in old.local_names:
                ids = self._local.get((actor_key(name), old.country_code or ""), [])
                if entry.id in ids:
                    ids.remove(entry.id)
        self.entries[entry.id] = entry
        for name in entry.names:
            ids = self._by_key.setdefault(actor_key(name), [])
            if entry.id not in ids:
                ids.append(entry.id)
        for name in entry.local_names:
            ids = self._local.setdefault((actor_key(name), entry.country_code or ""), [])
            if entry.id not in ids:
                ids.append(entry.id)

    def check_links(self) -> None:
        for entry in self.entries.values():
            for link in entry.affiliations:
                if link.id not in self.entries:
                    raise ConfigError(
                        f"actor {entry.id!r} links to unknown actor {link.id!r} ({entry.source})"
                    )

    def get(self, actor_id: str) -> ActorEntry | None:
        return self.entries.get(actor_id)

    def lookup(self, name: str) -> list[ActorEntry]:
        """Every actor one of whose names normalises to the same key, in registry order."""
        return [self.entries[i] for i in self._by_key.get(actor_key(name), ())]

    def local_actor(self, name: str, country: str | None) -> ActorEntry | None:
        """The one actor ``name`` means in a story set in ``country`` ("Maoists" in Nepal), if any."""
        ids = self._local.get((actor_key(name), country or ""), [])
        return self.entries[ids[0]] if len(ids) == 1 else None

    def names(self) -> Iterator[tuple[str, str]]:
        """(name, actor id) for every name of every actor: what a matcher is built from."""
        for entry in self.entries.values():
            for name in entry.names:
                yield name, entry.id

    def related(self, actor_id: str, relation: str, on: dt.date | None = None) -> list[ActorEntry]:
        """Actors this one links to with ``relation`` (on a date, when given)."""
        entry = self.entries.get(actor_id)
        if entry is None:
            return []
        return [self.entries[a.id] for a in entry.affiliations if a.relation == relation and a.holds_on(on)]

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[ActorEntry]:
        return iter(self.entries.values())
