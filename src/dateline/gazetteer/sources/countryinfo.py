"""countryinfo: countries' conventional points and the demonyms of their people (build order 40).

The ``countryinfo`` package ships one JSON file per country; its point is the country's
geographic centre in whole or half degrees, as the CIA World Factbook and GeoNames give it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from dateline.gazetteer.merge import Draft, Merger
from dateline.gazetteer.points import midpoint
from dateline.gazetteer.sources.base import BuildContext, package_file

__all__ = ["SOURCE", "CountryFacts", "CountryPoints", "add_country_points", "read_country_facts"]


class CountryFacts(NamedTuple):
    """A country's conventional point (its geographic centre, in whole or half degrees, as the CIA
    World Factbook and GeoNames give it) and the demonym written for its people."""

    iso: str
    lat: float
    lon: float
    demonym: str


def read_country_facts(directory: Path | None = None) -> list[CountryFacts]:
    """Every country's conventional point and demonym, from the ``countryinfo`` package's JSON files.

    Files without an ISO code or a point are skipped; where two files claim one ISO code (the Holy
    See twice) the first in file-name order wins.
    """
    directory = directory or package_file("countryinfo", "data")
    rows: dict[str, CountryFacts] = {}
    for path in sorted(directory.glob("*.json")):
        rec = json.loads(path.read_text(encoding="utf-8"))
        iso = (rec.get("ISO") or {}).get("alpha2") or ""
        point = rec.get("latlng") or ()
        if len(iso) != 2 or len(point) != 2 or iso in rows:
            continue
        rows[iso] = CountryFacts(iso, float(point[0]), float(point[1]), (rec.get("demonym") or "").strip())
    return [rows[iso] for iso in sorted(rows)]


def add_country_points(merger: Merger, rows: Iterable[CountryFacts], source: str) -> int:
    """Countries' conventional points (their geographic centre) and demonyms; returns points set.

    Two independent estimates of a country's centre are at hand: the Factbook-style point of
    ``rows`` (whole degrees, e.g. Russia 60 N 100 E) and the centroid of the country's largest
    landmass (Natural Earth, added before). Each misses for some large countries (the Factbook
    puts the United States at 38 N 97 W, the landmass centroid puts Russia 190 km from the
    Factbook's), so the country is placed at their midpoint; a country with one estimate takes it.
    A demonym ("Afghan", "Americans") becomes a case-sensitive written form of the country
    (looked up exactly as written, like postal abbreviations), with its plural when it takes one;
    a demonym several countries share ("Congolese") goes to the most populous of them.
    """
    placed = 0
    claims: dict[str, list[Draft]] = defaultdict(list)
    for row in rows:
        draft = merger.drafts.get(merger.country_by_iso.get(row.iso, ""))
        if draft is None:
            continue
        if draft.lat is not None and draft.lon is not None:
            lat, lon = midpoint((draft.lat, draft.lon), (row.lat, row.lon))
            draft.place_at(lat, lon, f"{draft.point_source}+{source}")
            draft.add_source(source)
        else:
            draft.place_at(row.lat, row.lon, source)
        placed += 1
        if row.demonym:
            for form in _demonym_forms(row.demonym):
                claims[form].append(draft)
    for form, drafts in claims.items():
        best = max(drafts, key=lambda d: (d.population, d.id))
        best.abbreviations.setdefault(form, None)
    return placed


def _demonym_forms(demonym: str) -> tuple[str, ...]:
    """A demonym and, when it takes one, its plural for the people ("Afghan", "Afghans";
    "Pakistani", "Pakistanis"; "Cypriot", "Cypriots"); "Chinese", "British", "Swiss" take none."""
    if demonym.endswith(("an", "i", "ot", "er")):
        return (demonym, demonym + "s")
    return (demonym,)


class CountryPoints:
    """Countries' points (the midpoint with Natural Earth's, when it gave one) and demonyms."""

    name = "countryinfo"
    order = 40

    def merge(self, merger: Merger, build: BuildContext) -> None:
        add_country_points(merger, read_country_facts(), self.name)


SOURCE = CountryPoints()
