"""Curated data merged into the gazetteer: names, abbreviations, written forms, regions and seas.

The last source (build order 100), after the third-party ones and any GeoNames dumps: extra names
and renames (``data/aliases.json``), English forms of compass words, postal and news-style
abbreviations of admin-1 units, and the world and conflict regions, oceans and seas of
``data/regions.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from dateline.gazetteer.exonyms import add_english_directions
from dateline.gazetteer.merge import Draft, Merger
from dateline.gazetteer.points import mean_point
from dateline.gazetteer.sources.base import BuildContext, data_text
from dateline.text import written_form_key

__all__ = [
    "SOURCE",
    "CuratedData",
    "add_abbreviations",
    "add_aliases",
    "add_bare_unit_names",
    "add_regions",
    "add_written_forms",
]

#: Levels of the units whose names may carry a unit word.
_UNIT_LEVELS = frozenset({"admin1", "admin2", "division"})
#: The shortest bare name kept.
_MIN_BARE = 3


def add_aliases(merger: Merger, data: Mapping[str, Any]) -> None:
    for iso, names in sorted(data.get("countries", {}).items()):
        ident = merger.country_by_iso.get(iso)
        if ident in merger.drafts:
            merger.drafts[ident].add_names(names)
    for ident, names in sorted(data.get("entries", {}).items()):
        if ident in merger.drafts:
            merger.drafts[ident].add_names(names)
            merger.drafts[ident].add_source("curated")
    for ident, name in sorted(data.get("rename", {}).items()):
        if ident in merger.drafts:
            merger.drafts[ident].rename(name)


def add_bare_unit_names(merger: Merger, affixes: Mapping[str, Iterable[str]]) -> int:
    """Give an admin unit named with its unit word ("Province of Negros Oriental", "Atlántida
    Department") its bare name too, as an alternate name and as the name the places inside it give
    for it (``admin1``/``admin2``: "Bolívar", as coders write it); returns how many units got one."""
    prefixes = tuple(p.lower() + " " for p in affixes.get("prefixes", ()))
    suffixes = tuple(" " + s.lower() for s in affixes.get("suffixes", ()))
    added = 0
    for draft in merger.drafts.values():
        if draft.feature_class != "A" or draft.level not in _UNIT_LEVELS:
            continue
        bare = [
            b
            for name in dict.fromkeys((draft.name, draft.ascii_name))
            if (b := _bare(name, prefixes, suffixes))
        ]
        if bare:
            draft.add_names(bare)
            own = _bare(draft.name, prefixes, suffixes)
            draft.bare = (draft.name, own) if own else None
            added += 1
    return added


def _bare(name: str, prefixes: tuple[str, ...], suffixes: tuple[str, ...]) -> str | None:
    low = name.lower()
    for prefix in prefixes:
        if low.startswith(prefix):
            bare = name[len(prefix) :].strip()
            return bare if len(bare) >= _MIN_BARE else None
    for suffix in suffixes:
        if low.endswith(suffix):
            bare = name[: -len(suffix)].strip()
            return bare if len(bare) >= _MIN_BARE else None
    return None


def add_abbreviations(
    merger: Merger, countries: Iterable[str], *, min_length: int, not_names: Iterable[str]
) -> int:
    """Postal-style abbreviations of the admin-1 units of ``countries``, from their ISO 3166-2 codes.

    ``US-NY`` gives "NY", ``AU-NSW`` "NSW". All are kept case-sensitively in ``abbreviations``;
    those of at least ``min_length`` letters that are not ``not_names`` (English words: "ACT")
    also become alternate names. Short ones ("IN", "OR", "ME") would match ordinary words once
    lower-cased, so they are left to a case-sensitive lookup. Returns how many were added.
    """
    keep = frozenset(countries)
    words = frozenset(w.upper() for w in not_names)
    added = 0
    for d in merger.drafts.values():
        if d.level != "admin1" or d.country_code not in keep:
            continue
        for code in d.codes:
            if not code.startswith("iso3166-2:"):
                continue
            country, _, abbreviation = code.removeprefix("iso3166-2:").partition("-")
            if country != d.country_code or not abbreviation.isalpha():
                continue
            d.abbreviations.setdefault(abbreviation, None)
            added += 1
            if len(abbreviation) >= min_length and abbreviation.upper() not in words:
                d.add_names([abbreviation])
    return added


def add_written_forms(merger: Merger, forms: Mapping[str, Iterable[str]]) -> int:
    """News-style abbreviations ("Ky.", "W.Va.", "B.C.") of admin-1 units keyed by ISO 3166-2
    code; kept case-sensitively with spaces removed, like postal abbreviations. Returns how many."""
    by_code = merger.admin1_by_subdivision()
    added = 0
    for code, written in sorted(forms.items()):
        draft = by_code.get(code)
        if draft is None or code.startswith("_"):
            continue
        for form in written:
            draft.abbreviations.setdefault(written_form_key(form), None)
            added += 1
    return added


def add_regions(merger: Merger, data: Mapping[str, Any]) -> int:
    """World regions placed at the spherical mean of their members' points (or their curated point),
    and bodies of water at their curated centres (``data/regions.json``); returns how many were added.

    Members are ISO 3166-1 country codes or ISO 3166-2 admin-1 codes; members without a point are
    left out, and a region none of whose members has one is not added. Regions contain nothing.
    """
    admin1 = merger.admin1_by_subdivision()
    areas = _geonames_areas(merger)
    added = 0
    for rec in data.get("regions", ()):
        members = [
            merger.drafts.get(merger.country_by_iso.get(code, "")) if len(code) == 2 else admin1.get(code)
            for code in rec["members"]
        ]
        points = [
            (m.lat, m.lon) for m in members if m is not None and m.lat is not None and m.lon is not None
        ]
        if "lat" in rec and "lon" in rec:  # an area that is no union of units
            lat, lon = float(rec["lat"]), float(rec["lon"])
        elif points:
            lat, lon = mean_point(points)
        else:
            continue
        draft = _add_area(merger, rec, "region", "L", "RGN", lat, lon, areas)
        draft.population = sum(m.population for m in members if m is not None)
        countries = {code[:2] for code in rec["members"]} or {rec.get("country")} - {None}
        if len(countries) == 1:  # "Darfur", "Donbas": a region of one country belongs to it
            draft.country_code = countries.pop()
            draft.parent_id = merger.country_by_iso.get(draft.country_code or "")
        for form in rec.get("demonyms", ()):
            draft.abbreviations.setdefault(form, None)
        added += 1
    continents = {d.name: d for d in merger.drafts.values() if d.level == "continent"}
    for name, forms in data.get("continents", {}).items():
        if name in continents:
            for form in forms:
                continents[name].abbreviations.setdefault(form, None)
    for rec in data.get("waters", ()):
        code = rec.get("code", "SEA")
        _add_area(merger, rec, "water", "H", code, float(rec["lat"]), float(rec["lon"]), areas)
        added += 1
    return added


def _geonames_areas(merger: Merger) -> dict[str, Draft]:
    """The GeoNames features of no country (seas, regions) by each of their names' keys."""
    own: dict[str, Draft] = {}
    other: dict[str, Draft] = {}
    for d in merger.drafts.values():
        if d.level == "region" and d.geonameid is not None and d.country_code is None:
            own.setdefault(merger.norm.normalise(d.name), d)
            for key in merger.keys_of(d):
                other.setdefault(key, d)
    return {**other, **own}  # a feature's own name before another's alternate name


def _add_area(
    merger: Merger,
    rec: Mapping[str, Any],
    prefix: str,
    feature_class: str,
    code: str,
    lat: float,
    lon: float,
    areas: Mapping[str, Draft],
) -> Draft:
    """A curated region or water; when GeoNames has it (the shipped no-country features), it takes
    GeoNames' id and point and names, and the GeoNames entry is merged into it."""
    slug = merger.norm.normalise(rec["name"]).replace(" ", "-")
    names = (rec["name"], *rec.get("alternates", ()))
    known = next((areas[k] for k in map(merger.norm.normalise, names) if k in areas), None)
    if known is None or known.id not in merger.drafts or known.lat is None or known.lon is None:
        known = None  # not in GeoNames, or already merged into another curated area
    else:
        del merger.drafts[known.id]
        lat, lon = known.lat, known.lon
    draft = merger.add(
        Draft(
            id=f"{prefix}:{slug}",
            level="region",
            name=rec["name"],
            country_code=None,
            feature_class=feature_class,
            feature_code=code,
            sources=["curated"],
        )
    )
    draft.place_at(lat, lon, "curated")
    draft.add_names(rec.get("alternates", ()))
    if known is not None:
        draft.geonameid = known.geonameid
        draft.add_names([known.name, *known.alternates])
        draft.add_source("geonames")
    return draft


class CuratedData:
    """Regions and seas, extra names, bare names of units, compass words, abbreviations and written
    forms, in that order."""

    name = "curated"
    order = 100

    def merge(self, merger: Merger, build: BuildContext) -> None:
        aliases = build.aliases
        add_regions(merger, json.loads(data_text("regions.json")))
        add_aliases(merger, aliases)
        add_bare_unit_names(merger, aliases.get("bare_unit_names", {}))
        directions = {k: v for k, v in aliases.get("direction_words", {}).items() if not k.startswith("_")}
        add_english_directions(merger.drafts.values(), directions)
        abbreviations = aliases.get("abbreviations", {})
        add_abbreviations(
            merger,
            abbreviations.get("countries", ()),
            min_length=int(abbreviations.get("as_names_min_length", 3)),
            not_names=abbreviations.get("not_names", ()),
        )
        add_written_forms(merger, aliases.get("written_forms", {}))


SOURCE = CuratedData()
