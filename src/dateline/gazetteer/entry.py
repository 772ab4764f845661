"""What the gazetteer returns: an :class:`Entry` per place and a :class:`Candidate` per name match."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

__all__ = ["COUNTRY_CODES", "Candidate", "Entry", "MatchKind", "haversine_km"]

#: Feature codes of country-level entries.
COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCLH", "PCL", "TERR"})

MatchKind = str  # "exact" | "unit" | "fuzzy"


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry: a country, an administrative unit or a populated place.

    ``id`` is stable across builds: ``"geonames:<geonameid>"`` when GeoNames knows the place,
    else ``"<source>:<code>"`` (``"ocha:AF2116"``, ``"osm:r13925246"``, ``"naturalearth:PAK-1112"``).
    ``admin1``/``admin2`` are the names of the units that contain the entry (an ADM1 entry's
    ``admin1`` is its own name). ``admin1_code``/``admin2_code`` are GeoNames codes (``"28"``,
    without the country prefix). ``approximate`` is true when the coordinates are not the unit's own
    centroid or point but borrowed (its seat, the mean of its places, or its parent's point).
    ``parent_id`` is the containing entry (country > admin1 > [division] > admin2 > place).
    ``codes`` lists identifiers in other sources (``"ocha:AF2607"``, ``"iso3:AFG"``, ...).
    """

    id: str
    name: str
    ascii_name: str
    country_code: str | None
    admin1: str | None
    admin2: str | None
    admin1_code: str | None
    admin2_code: str | None
    lat: float
    lon: float
    geonameid: int | None
    feature_class: str
    feature_code: str
    population: int = 0
    alternate_names: tuple[str, ...] = ()
    source: str = "geonames"
    parent_id: str | None = None
    country: str | None = None
    codes: tuple[str, ...] = ()
    approximate: bool = False

    def __post_init__(self) -> None:
        if not (-90.0 <= self.lat <= 90.0 and -180.0 <= self.lon <= 180.0):
            raise ValueError(f"entry {self.id}: coordinates out of range ({self.lat}, {self.lon})")

    @property
    def feature(self) -> str:
        """The record's ``feature`` value (the GeoNames feature code)."""
        return self.feature_code

    @property
    def is_country(self) -> bool:
        return self.feature_code in COUNTRY_CODES

    @property
    def names(self) -> tuple[str, ...]:
        """Primary name, ASCII name and alternate names, without repeats, in that order."""
        return tuple(dict.fromkeys((self.name, self.ascii_name, *self.alternate_names)))

    def to_place_fields(self) -> dict[str, Any]:
        """The gazetteer part of a record ``Place`` (see docs/record.md), without mentions."""
        return {
            "id": self.id,
            "name": self.name,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "feature": self.feature_code,
        }

    def distance_km(self, lat: float, lon: float) -> float:
        return haversine_km(self.lat, self.lon, lat, lon)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer entry a name may refer to, and how the name matched it.

    ``kind``: ``"exact"`` (the normalised name equals one of the entry's names), ``"unit"`` (equal
    after removing a unit word such as "province" or "agency", recorded in ``unit``), or
    ``"fuzzy"`` (same transliteration skeleton only). ``score`` is 1.0 for exact matches and lower
    otherwise, so a resolver can prefer exact ones. ``matched`` is the entry name that matched.
    """

    entry: Entry
    kind: MatchKind
    score: float
    matched: str
    unit: str | None = None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))
