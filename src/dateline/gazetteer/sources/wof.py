"""Who's On First villages and localities of the countries where wars are fought (build order 85).

``data/wof_places.tsv.xz`` holds the populated places (nearly all GeoNames/GNS records, imported by
Who's On First with its province and district names) of Afghanistan, Pakistan, Syria, Iraq, Yemen,
Somalia, Nigeria, Mali, Burkina Faso, the DR Congo, Sudan, Ukraine and Myanmar, and of Lebanon,
Libya, Cameroon, Mozambique, the Philippines, Colombia, Ethiopia, South Sudan, the Central African
Republic, Niger, Chad, Azerbaijan, Armenia, Palestine and Kenya: about 605,000 villages where
cities500 has a few hundred per country (see ``data/README.md``).

Each row joins the tree the earlier sources built:

* a row whose GeoNames id is already an entry (a cities500 town) only adds its Latin-script names;
* a row of the same name as a place of its country within :data:`SAME_PLACE_KM` is that place
  (GeoNames often holds a village two or three times, a few hundred metres apart);
* the rest become places (``feature_code`` PPL, PPLL or PPLX; population 0, which GeoNames does not
  give them either). Their province is the unit of their country named like the row's ``admin1``
  (any of the unit's names, with or without a unit word, or spelt alike: "Ghowr" is Ghor, "Shan
  State" Shan; a unit GeoNames' first level lacks, such as Natural Earth's Philippine provinces,
  names none), else the province of the nearest town within :data:`PROVINCE_KM` (Who's On First
  still uses the DR Congo's eleven old provinces), else the province whose point is nearest; their
  district likewise, among the province's districts, else the nearest town's within
  :data:`NEAREST_KM`, else the row's own district as a unit of its own (``wof:UA.14.popasnianskyi``,
  at the mean point of its villages): one GeoNames lacks, or names by another scheme (Ukraine's
  raions before the 2020 reform, which coders of those years use).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from dateline.gazetteer.entry import haversine_km
from dateline.gazetteer.merge import Draft, Merger
from dateline.gazetteer.sources.base import BuildContext, data_text

__all__ = ["SOURCE", "VillageRow", "WofPlaces", "read_villages"]

#: Rows of the same name within this distance of a place of their country are that place.
SAME_PLACE_KM = 3.0
#: A row whose district name matches no unit takes the nearest town's district, this close.
NEAREST_KM = 25.0
#: A row whose province name matches no unit takes the nearest town's province, this close.
PROVINCE_KM = 80.0
_FEATURE_OF_KIND = {"locality": "PPLL", "neighbourhood": "PPLX"}
_CELL_DEGREES = 0.25


@dataclass(frozen=True, slots=True)
class VillageRow:
    """A row of ``wof_places.tsv.xz``."""

    geonameid: int | None
    wof_id: str
    name: str
    alternates: tuple[str, ...]
    lat: float
    lon: float
    kind: str
    admin1: str
    admin2: str
    country_code: str


def read_villages(text: str) -> Iterator[VillageRow]:
    """The rows of the shipped village table (columns as in ``vendor.py``)."""
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) != 10:
            continue
        yield VillageRow(
            geonameid=int(cols[0]) if cols[0] else None,
            wof_id=cols[1],
            name=cols[2],
            alternates=tuple(a for a in cols[3].split("|") if a),
            lat=float(cols[4]),
            lon=float(cols[5]),
            kind=cols[6],
            admin1=cols[7],
            admin2=cols[8],
            country_code=cols[9],
        )


_Town = tuple[float, float, Draft]  # a place with a province, at its point


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(math.floor(lat / _CELL_DEGREES)), int(math.floor(lon / _CELL_DEGREES))


class _Units:
    """The provinces and districts of the countries the table covers, by their names and points."""

    def __init__(self, merger: Merger, countries: set[str]) -> None:
        self.merger = merger
        self.norm = merger.norm
        self.own_districts: dict[str, list[float]] = {}  # id -> [villages, sum lat, sum lon]
        self.districts: dict[tuple[str, ...], list[tuple[set[str], Draft]]] = defaultdict(list)
        self.admin1: dict[tuple[str, str], Draft | None] = {}
        self.admin2: dict[tuple[str, str, str], Draft | None] = {}
        self.towns: dict[tuple[str, int, int], list[_Town]] = defaultdict(list)
        self._near: dict[tuple[str, int, int, int], list[_Town]] = {}  # towns of a block of cells
        self.places: dict[tuple[str, str], list[Draft]] = defaultdict(list)
        self.provinces: dict[str, list[Draft]] = defaultdict(list)
        self._units_named: dict[tuple, Draft | None] = {}
        admin1_of_code: dict[tuple[str, str], str] = {}
        for d in merger.drafts.values():
            cc = d.country_code or ""
            if cc not in countries:
                continue
            if d.level == "admin1":
                admin1_of_code[(cc, d.admin1_code or "")] = d.id
                for key in self._unit_keys(merger.keys_of(d)):
                    self._claim(self.admin1, (cc, key), d)
                if d.lat is not None and d.lon is not None and d.admin1_code:
                    self.provinces[cc].append(d)
        for d in merger.drafts.values():
            cc = d.country_code or ""
            if cc not in countries:
                continue
            if d.level == "admin2":  # with or without a point yet (GeoNames gives districts none)
                province = admin1_of_code.get((cc, d.admin1_code or ""), "")
                keys = self._unit_keys(merger.keys_of(d))
                for key in keys:
                    self._claim(self.admin2, (cc, province, key), d)
                self.districts[(cc, province)].append((keys, d))
            elif d.level == "place" and d.lat is not None and d.lon is not None:
                self.add_place(d, self.norm.normalise(d.name))
                if d.admin1_code:
                    self.towns[(cc, *_cell(d.lat, d.lon))].append((d.lat, d.lon, d))
        self.admin1_of_code = admin1_of_code

    def _unit_keys(self, keys: set[str]) -> set[str]:
        """Every key a unit's names are matched by: as written, without a unit word ("Shan State",
        "North-West Frontier Province"), and their transliteration skeletons ("Bamian" = "Bamyan")."""
        out = set(keys) | {self.norm.split_unit(k)[0] for k in keys}
        return out | {self.norm.skeleton_of_key(k) for k in out} - {""}

    def _unit(self, table: dict, prefix: tuple[str, ...], name: str) -> Draft | None:
        """The unit ``name`` names (None when no unit or several do); rows share a few hundred names."""
        if not name:
            return None
        asked = (id(table), *prefix, name)
        if asked not in self._units_named:
            self._units_named[asked] = self._find_unit(table, prefix, name)
        return self._units_named[asked]

    def _find_unit(self, table: dict, prefix: tuple[str, ...], name: str) -> Draft | None:
        key = self.norm.normalise(name)
        core = self.norm.split_unit(key)[0]
        for k in (key, core, self.norm.skeleton_of_key(key), self.norm.skeleton_of_key(core)):
            if k and (*prefix, k) in table:
                return table[(*prefix, k)]
        if table is self.admin2 and core:  # "Palma" is GeoNames' "Circunscrição de Palma"
            found = {
                id(d): d
                for keys, d in self.districts.get(prefix, ())
                if any(k.endswith(" " + core) or k.startswith(core + " ") for k in keys)
            }
            return next(iter(found.values())) if len(found) == 1 else None
        return None

    @staticmethod
    def _claim(table: dict, key: tuple, draft: Draft) -> None:
        """One unit per name; a name two units share matches neither."""
        if key in table and table[key] is not draft:
            table[key] = None
        else:
            table[key] = draft

    def add_place(self, d: Draft, key: str) -> None:
        self.places[(d.country_code or "", key)].append(d)

    def same_place(self, row: VillageRow, key: str) -> Draft | None:
        for d in self.places.get((row.country_code, key), ()):
            lat, lon = d.lat, d.lon
            if (
                lat is not None
                and lon is not None
                and haversine_km(row.lat, row.lon, lat, lon) <= SAME_PLACE_KM
            ):
                return d
        return None

    def _towns_near(self, country: str, lat_cell: int, lon_cell: int, cells: int) -> list[_Town]:
        """The towns of the cells within ``cells`` of a cell, row by row of cells (villages share
        cells: the list is made once for all of them)."""
        reach = range(-cells, cells + 1)
        towns = self.towns
        return [
            t for dy in reach for dx in reach for t in towns.get((country, lat_cell + dy, lon_cell + dx), ())
        ]

    def nearest_town(self, row: VillageRow, within_km: float) -> Draft | None:
        """The nearest place of the row's country with a province, within ``within_km``."""
        best = None
        best_d2 = (within_km / 111.2) ** 2  # squared degrees of latitude
        shrink = math.cos(math.radians(row.lat)) ** 2
        cells = math.ceil(within_km / 111.2 / _CELL_DEGREES)
        block = (row.country_code, *_cell(row.lat, row.lon), cells)
        near = self._near.get(block)
        if near is None:
            near = self._near[block] = self._towns_near(*block)
        for lat, lon, d in near:
            d2 = (lat - row.lat) ** 2 + shrink * (lon - row.lon) ** 2
            if d2 < best_d2:
                best, best_d2 = d, d2
        return best

    def locate(self, row: VillageRow, draft: Draft) -> None:
        """Give ``draft`` the province and district codes (or district parent) of ``row``."""
        cc = row.country_code
        province = self._unit(self.admin1, (cc,), row.admin1)
        if province is not None and not province.admin1_code:  # a unit outside GeoNames' first level
            province = None  # (Natural Earth's Philippine provinces, Kenya's old provinces): as unnamed
        town = None
        if province is None:  # an old province ("Katanga") or none: the nearest town's
            town = self.nearest_town(row, PROVINCE_KM)
            if town is not None:
                draft.admin1_code = town.admin1_code
            else:  # no town near: the province whose point is nearest
                points = self.provinces.get(cc, ())
                nearest = min(
                    points,
                    key=lambda d: haversine_km(row.lat, row.lon, d.lat or 0.0, d.lon or 0.0),
                    default=None,
                )
                if nearest is None:
                    return
                draft.admin1_code = nearest.admin1_code
            province_id = self.admin1_of_code.get((cc, draft.admin1_code or ""), "")
        else:
            draft.admin1_code = province.admin1_code
            province_id = province.id
        district = self._unit(self.admin2, (cc, province_id), row.admin2)
        if district is None:
            if (
                town is not None
                and haversine_km(row.lat, row.lon, town.lat or 0.0, town.lon or 0.0) > NEAREST_KM
            ):
                town = None
            town = town or self.nearest_town(row, NEAREST_KM)
            if town is not None and town.admin1_code == draft.admin1_code and town.admin2_code:
                draft.admin2_code = town.admin2_code
            elif row.admin2 and self._unit(self.admin1, (cc,), row.admin2) is None:
                # (an old district now a province of its own, "Ituri" of Orientale, is none)
                draft.admin2_code = self._own_district(row, draft.admin1_code, province_id)
            return
        if district.admin2_code:
            draft.admin2_code = district.admin2_code
        else:  # a district GeoNames lacks (an OCHA district): its own entry is the parent
            draft.parent_id = district.id

    def _own_district(self, row: VillageRow, admin1_code: str | None, province_id: str) -> str:
        """The admin-2 code (``wof.<name>``) of the district the row names, made a unit of its own the
        first time."""
        code = "wof." + self.norm.normalise(row.admin2).replace(" ", "-")
        ident = f"wof:{row.country_code}.{admin1_code or '-'}.{code[4:]}"
        if ident not in self.own_districts:
            self.merger.add(
                Draft(
                    id=ident,
                    level="admin2",
                    name=row.admin2,
                    country_code=row.country_code,
                    feature_class="A",
                    feature_code="ADM2",
                    admin1_code=admin1_code,
                    admin2_code=code,
                    parent_id=province_id or None,
                )
            )
            self.merger.admin2[(row.country_code, admin1_code or "", code)] = ident
            self.own_districts[ident] = [0, 0.0, 0.0]
        acc = self.own_districts[ident]
        acc[0] += 1
        acc[1] += row.lat
        acc[2] += row.lon
        return code

    def place_own_districts(self) -> int:
        """Put each district of the rows' own at the mean point of its villages; returns how many."""
        for ident, (n, lat, lon) in self.own_districts.items():
            district = self.merger.drafts[ident]
            district.place_at(round(lat / n, 5), round(lon / n, 5), WofPlaces.name)
            district.approximate = True
        return len(self.own_districts)


class WofPlaces:
    """The shipped Who's On First village table."""

    name = "wof"
    order = 85
    file = "wof_places.tsv.xz"

    def merge(self, merger: Merger, build: BuildContext) -> None:
        rows = [
            r
            for r in read_villages(data_text(self.file))
            if build.countries is None or r.country_code in build.countries
        ]
        units = _Units(merger, {r.country_code for r in rows})
        normalise = merger.norm.normalise
        added = joined = 0
        for row in rows:
            names = (row.name, *row.alternates)
            draft = merger.by_geonameid(row.geonameid)
            key = normalise(row.name)
            if draft is None:
                draft = units.same_place(row, key)
            if draft is None and row.geonameid is None:  # a GeoNames place spelt otherwise
                found = (units.same_place(row, normalise(n)) for n in row.alternates)
                draft = next(filter(None, found), None)
            if draft is not None:
                draft.add_names(names)
                joined += 1
                continue
            ident = f"geonames:{row.geonameid}" if row.geonameid else f"wof:{row.wof_id}"
            draft = merger.add(
                Draft(
                    id=ident,
                    level="place",
                    name=row.name,
                    country_code=row.country_code,
                    feature_class="P",
                    feature_code=_FEATURE_OF_KIND.get(row.kind, "PPL"),
                    geonameid=row.geonameid,
                )
            )
            draft.add_names(row.alternates)
            draft.place_at(row.lat, row.lon, self.name)
            units.locate(row, draft)
            units.add_place(draft, key)
            added += 1
        districts = units.place_own_districts()
        build.counts[self.name] += added + districts
        build.say(
            f"Who's On First villages: {added} places added, {joined} joined to places already known, "
            f"{districts} districts GeoNames lacks"
        )


SOURCE = WofPlaces()
