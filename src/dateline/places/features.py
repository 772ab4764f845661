"""What the resolver knows about one candidate before reading the rest of the document.

:class:`ResolveSettings` holds the weights and thresholds of ``data/resolve.json``.
:class:`CandidateFinder` turns a mention's name into a short list of scored :class:`Option`\\ s:
exact matches first, fuzzy (skeleton) matches only when the name has no exact match or carries a
unit word, each with its *prior* features (how the name matched, population, feature type, the
unit word written beside it). The context features (containment, document focus, proximity,
dateline) are added by :mod:`dateline.places.context`.
"""

from __future__ import annotations

import json
import math
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from dateline.gazetteer.entry import COUNTRY_CODES, Candidate, Entry
from dateline.gazetteer.gazetteer import Gazetteer

__all__ = [
    "PRIOR_FEATURES",
    "CandidateFinder",
    "Option",
    "ResolveSettings",
    "feature_group",
    "towns_over_close_districts",
]

_RESOURCE = "resolve.json"

#: Names of the prior features, in the order of :attr:`Option.prior`.
PRIOR_FEATURES = (
    "primary_name",
    "alternate_name",
    "unit_match",
    "fuzzy",
    "population",
    "country",
    "adm1",
    "capital",
    "seat1",
    "seat2",
    "adm2",
    "unit_fits",
    "unit_conflicts",
    "seat_namesake",
    "area",
    "default_reading",
    "relative_population",
    "default_namesake",
)
_FUZZY_FEATURE = PRIOR_FEATURES.index("fuzzy")

#: Feature codes of continents, world regions and bodies of water (group ``area``).
AREA_CODES = frozenset({"CONT", "RGN", "OCN", "SEA", "GULF", "STRT", "LK", "CNL", "BAY"})
#: Groups whose entries are the reading a reader assumes for their own name (a country, a
#: national capital, a continent, region or sea) unless the document says otherwise.
DEFAULT_READING_GROUPS = frozenset({"country", "capital", "area"})
#: Districts, whose towns a text may spell otherwise.
_DISTRICT_CODES = frozenset({"ADM2", "ADM3", "ADMD"})


#: Unit words that name a town ("the city of Hama"), and the readings they rule out.
_TOWN_WORDS = frozenset({"city", "town", "village"})
_NO_TOWN_GROUPS = frozenset({"adm1"})
#: A city this populous is what its name means when a unit around it shares the name.
_METROPOLIS = 1_000_000
#: A national capital this populous is what its bare name means over namesake units elsewhere.
_GREAT_CAPITAL = 500_000


def feature_group(entry: Entry) -> str:
    """A coarse kind for an entry: country, area (continent, region, sea), adm1, adm2, capital, seat1,
    seat2, place or other."""
    code = entry.feature_code
    if code in COUNTRY_CODES:
        return "country"
    if code in AREA_CODES:
        return "area"
    if code == "ADM1":
        return "adm1"
    if code.startswith("ADM"):
        return "adm2"
    if code == "PPLC":
        return "capital"
    if code == "PPLA":
        return "seat1"
    if code in ("PPLA2", "PPLA3", "PPLA4", "PPLA5", "PPLG"):
        return "seat2"
    if entry.feature_class == "P":
        return "place"
    return "other"


#: How much less alike a close spelling may be than the closest one and still be a candidate.
_FUZZY_MARGIN = 0.08


@dataclass(frozen=True, slots=True)
class ResolveSettings:
    """Weights and thresholds of the resolver (``data/resolve.json``; see its ``_doc``)."""

    weights: Mapping[str, float]
    unit_groups: Mapping[str, tuple[str, ...]]
    strip_prefixes: frozenset[str]
    areal_prefixes: frozenset[str] = frozenset()
    max_candidates: int = 30
    iterations: int = 2
    near_km: float = 161.0
    contain_km: float = 50.0
    ambiguous_below: float = 0.6
    ambiguous_below_alone: float = 0.9
    rival_ratio: float = 0.5
    ambiguous_km: float = 161.0
    default_groups: frozenset[str] = frozenset({"country", "capital"})
    cache_size: int = 8192
    fuzzy_below_population: int = 100_000
    major_fuzzy_score: float = 0.8
    meta: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> ResolveSettings:
        amb = data.get("ambiguity", {})
        return cls(
            weights={k: float(v) for k, v in data["weights"].items()},
            unit_groups={k.lower(): tuple(v) for k, v in data["unit_groups"].items()},
            strip_prefixes=frozenset(w.lower() for w in data.get("strip_prefixes", ())),
            areal_prefixes=frozenset(w.lower() for w in data.get("areal_prefixes", ())),
            max_candidates=int(data.get("max_candidates", 30)),
            iterations=int(data.get("iterations", 2)),
            near_km=float(data.get("near_km", 161.0)),
            contain_km=float(data.get("contain_km", 50.0)),
            ambiguous_below=float(amb.get("max_probability", 0.6)),
            ambiguous_below_alone=float(amb.get("max_probability_alone", amb.get("max_probability", 0.6))),
            rival_ratio=float(amb.get("rival_ratio", 0.5)),
            ambiguous_km=float(amb.get("min_km", 161.0)),
            default_groups=frozenset(amb.get("default_groups", ("country", "capital"))),
            cache_size=int(data.get("cache_size", 8192)),
            fuzzy_below_population=int(data.get("fuzzy_below_population", 100_000)),
            major_fuzzy_score=float(data.get("major_fuzzy_score", 0.8)),
            meta={k: v for k, v in data.items() if k.startswith("_")},
        )

    @classmethod
    def from_package(cls, overrides: Mapping[str, Any] | None = None) -> ResolveSettings:
        """The shipped settings, with top-level keys (and single weights) replaced by ``overrides``."""
        text = resources.files("dateline.places").joinpath("data", _RESOURCE).read_text("utf-8")
        data: dict[str, Any] = json.loads(text)
        for key, value in (overrides or {}).items():
            if key == "weights":
                data["weights"] = {**data["weights"], **value}
            else:
                data[key] = value
        return cls.from_mapping(data)


@dataclass(frozen=True, slots=True)
class Option:
    """One candidate entry of a mention with its prior features and prior score."""

    entry: Entry
    group: str
    prior: tuple[float, ...]
    prior_score: float
    own_name: bool = False  # matched by the entry's own name (or it with a unit word), not an alternate


@dataclass(frozen=True, slots=True)
class _Found:
    candidates: tuple[Candidate, ...]
    unit: str | None


class CandidateFinder:
    """Candidates for names, with their prior features; lookups cached across documents."""

    def __init__(self, gazetteer: Gazetteer, settings: ResolveSettings) -> None:
        self._gazetteer = gazetteer
        self._settings = settings
        self._norm = gazetteer.normaliser
        self._cache: OrderedDict[tuple[str, bool], _Found] = OrderedDict()
        self._prior_weights = tuple(settings.weights.get(name, 0.0) for name in PRIOR_FEATURES)

    def options(
        self, name: str, unit: str | None, *, fuzzy: bool, limit: int | None = None
    ) -> tuple[Option, ...]:
        """The entries ``name`` may refer to, best prior first, at most ``limit`` (``max_candidates``).

        Skeleton (fuzzy) matches are looked up when the name has no exact match, when it carries a
        unit word, when ``fuzzy`` is true (the mention has a unit or a container beside it), or
        when its exact matches are all small places. A name that is, exactly as written, a postal
        abbreviation ("NY", "WA") also gets the units it stands for, as alternate-name matches.
        """
        found = self._find(name, fuzzy)
        unit_word = (unit or found.unit or "").lower() or None
        fits = self._settings.unit_groups.get(unit_word, ()) if unit_word else ()
        seats = {
            (c.entry.country_code, c.entry.admin1_code)
            for c in found.candidates
            if c.kind != "fuzzy" and c.entry.feature_code in ("PPLC", "PPLA")
        }
        seats2 = {  # a district's namesake seat: "Peshawar" the city before Peshawar District
            (c.entry.country_code, c.entry.admin1_code)
            for c in found.candidates
            if c.kind != "fuzzy" and c.entry.feature_code in ("PPLC", "PPLA", "PPLA2")
        }
        # a unit named like a national capital of its country or like a region or sea ("Washington",
        # "Kabul"; Sudan's "Red Sea" state): the bare name is the capital, region or sea
        capitals = {
            c.entry.country_code
            for c in found.candidates
            if c.kind != "fuzzy" and c.entry.feature_code == "PPLC"
        }
        # a national capital of its own name ("Sofia", "Santiago"): what the bare name means, whatever
        # province or provincial city elsewhere shares it (a capital this populous, not "Victoria")
        great_capital = any(
            c.kind != "fuzzy" and c.entry.feature_code == "PPLC" and c.entry.population >= _GREAT_CAPITAL
            for c in found.candidates
        )
        area_named = any(c.kind == "exact" and feature_group(c.entry) == "area" for c in found.candidates)
        # a unit holding a city of that name of a million or more ("New York", "Aleppo", "Istanbul")
        metropolis_in = {
            (c.entry.country_code, c.entry.admin1_code)
            for c in found.candidates
            if c.kind == "exact" and c.entry.feature_class == "P" and c.entry.population >= _METROPOLIS
        }
        province_named = {
            (c.entry.country_code, c.entry.admin1_code)
            for c in found.candidates
            if c.kind == "exact" and feature_group(c.entry) == "adm1"
        }
        top_population = max((_log_population(c.entry) for c in found.candidates), default=0.0)
        out: list[Option] = []
        for cand in found.candidates:
            entry = cand.entry
            group = feature_group(entry)
            primary = cand.kind != "fuzzy" and self._own_key(cand.matched, entry)
            prior = (
                1.0 if cand.kind == "exact" and primary else 0.0,
                1.0 if cand.kind == "exact" and not primary else 0.0,
                1.0 if cand.kind == "unit" else 0.0,
                cand.score if cand.kind == "fuzzy" else 0.0,
                _log_population(entry),
                1.0 if group == "country" else 0.0,
                1.0 if group == "adm1" else 0.0,
                1.0 if group == "capital" else 0.0,
                1.0 if group == "seat1" else 0.0,
                1.0 if group == "seat2" else 0.0,
                1.0 if group == "adm2" else 0.0,
                1.0 if fits and group in fits else 0.0,
                1.0 if fits and group not in fits else 0.0,
                1.0
                if (group == "adm1" and (entry.country_code, entry.admin1_code) in seats)
                or (group == "adm2" and (entry.country_code, entry.admin1_code) in seats2)
                else 0.0,
                1.0 if group == "area" else 0.0,
                1.0
                if cand.kind == "exact"
                and (
                    group in DEFAULT_READING_GROUPS
                    or (  # the metropolis a province around it is named after
                        entry.population >= _METROPOLIS
                        and (entry.country_code, entry.admin1_code) in province_named
                        and not (great_capital and entry.feature_code != "PPLC")
                    )
                )
                else 0.0,
                _log_population(entry) - top_population,
                1.0
                if group in ("adm1", "adm2")
                and (
                    area_named
                    or entry.country_code in capitals
                    or great_capital
                    or (group == "adm1" and (entry.country_code, entry.admin1_code) in metropolis_in)
                )
                and not (fits and group in fits)  # "Kabul province", "Red Sea state": the text says unit
                else 0.0,
            )
            score = sum(w * x for w, x in zip(self._prior_weights, prior, strict=True))
            own = cand.kind == "unit" or (cand.kind == "exact" and primary)
            out.append(Option(entry, group, prior, score, own))
        if unit_word in _TOWN_WORDS and any(
            o.group in fits and c.kind != "fuzzy" for o, c in zip(out, found.candidates, strict=True)
        ):
            # "the city of Hama": a town of that name is meant, never the province, however much
            # likelier its priors make it ("a U.S. city" still names the country, as a kind of city)
            out = [o for o in out if o.group not in _NO_TOWN_GROUPS]
        out.sort(key=lambda o: (-o.prior_score, o.entry.id))
        return tuple(out[: limit or self._settings.max_candidates])

    def _own_key(self, matched: str, entry: Entry) -> bool:
        """Is ``matched`` the entry's own name, with or without its article ("Tarmiyah": At Tarmiyah)?"""
        key, norm = self._norm.normalise(matched), self._norm
        own = {norm.normalise(entry.name), norm.normalise(entry.ascii_name)}
        return key in own or key in {norm.without_article(k) for k in own}

    def unit_of(self, name: str) -> str | None:
        """The unit word written in ``name`` itself ("Kunar province" -> "province"), if any."""
        return self._norm.split_unit(self._norm.normalise(name))[1]

    def _find(self, name: str, fuzzy: bool) -> _Found:
        key = (name, fuzzy)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        found = self._lookup(name, fuzzy)
        self._cache[key] = found
        if len(self._cache) > self._settings.cache_size:
            self._cache.popitem(last=False)
        return found

    def _lookup(self, name: str, fuzzy: bool) -> _Found:
        gaz = self._gazetteer
        unit = self.unit_of(name)
        cands = gaz.candidates(name, fuzzy=False)
        looked = name
        if not cands:  # "Al-Rai", "Ar-Raqqa": the name the gazetteer knows without its article
            bare = self._norm.without_article(self._norm.normalise(name))
            if bare != self._norm.normalise(name):
                cands = gaz.candidates(bare, fuzzy=False)
                looked = bare if cands else name
        if not cands or fuzzy or unit is not None or self._weak(cands):
            exact = {c.entry.id for c in cands}  # the exact matches stay, however many close spellings
            cands = [*cands, *(c for c in gaz.candidates(looked, fuzzy=True) if c.entry.id not in exact)]
        abbreviated = abbreviated_candidates(gaz.abbreviation(name.strip()), name)
        if abbreviated:  # "NY", "WA" exactly as written: the units it abbreviates come first
            known = {c.entry.id for c in abbreviated}
            cands = [*abbreviated, *(c for c in cands if c.entry.id not in known)]
        if not cands:
            stripped = self._strip(name)
            if stripped != name:
                return self._lookup(stripped, fuzzy)
        if cands and all(c.kind == "fuzzy" for c in cands):
            # a name known only by close spellings means the closest ("Quamishli": Al Qamishli, Syria,
            # not Kamyshlov, Russia); near ties stay for the context to settle
            best = max(c.score for c in cands)
            cands = [c for c in cands if c.score >= best - _FUZZY_MARGIN]
        return _Found(tuple(cands), unit)

    def _weak(self, cands: Sequence[Candidate]) -> bool:
        """Are all exact matches small places, districts or matches of an alternate name only? A
        district is spelt as its town may not be ("Khamis Mushayt": the district Khamīs Mushayţ,
        the city Khamis Mushait), so the town's close spellings are looked up too."""
        limit = self._settings.fuzzy_below_population
        norm = self._norm.normalise
        for c in cands:
            entry = c.entry
            small = entry.feature_class == "P" and entry.population < limit and entry.feature_code != "PPLC"
            district = entry.feature_code in _DISTRICT_CODES
            if not (small or district) and norm(c.matched) in (norm(entry.name), norm(entry.ascii_name)):
                return False
        return True

    def _strip(self, name: str) -> str:
        words = name.split()
        while len(words) > 1 and words[0].lower() in self._settings.strip_prefixes:
            del words[0]
        return " ".join(words)


def abbreviated_candidates(entries: Sequence[Entry], written: str) -> list[Candidate]:
    """Exact candidates for the units a postal abbreviation stands for (matched as an alternate name)."""
    return [Candidate(entry, "exact", 1.0, written.strip(), None) for entry in entries]


def dot(weights: Sequence[float], values: Sequence[float]) -> float:
    return sum(w * x for w, x in zip(weights, values, strict=True))


def _log_population(entry: Entry) -> float:
    """log10(population + 1) / 7: about 1 for a city of ten million, 0 for no one."""
    return math.log10(entry.population + 1.0) / 7.0


def towns_over_close_districts(options: Sequence[Option]) -> tuple[Option, ...]:
    """A name written exactly as a town's is no district of its province spelt nearly alike ("in
    Balad Ruz": the town, not the district some sources write Baladrooz)."""
    towns = {
        (o.entry.country_code, o.entry.admin1_code)
        for o in options
        if o.prior[_FUZZY_FEATURE] <= 0 and o.entry.feature_class == "P"
    }
    return tuple(
        o
        for o in options
        if not (
            o.prior[_FUZZY_FEATURE] > 0
            and o.entry.feature_code == "ADM2"
            and (o.entry.country_code, o.entry.admin1_code) in towns
        )
    )
