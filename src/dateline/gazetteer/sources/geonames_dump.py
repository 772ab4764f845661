"""GeoNames dumps the user passes (``--geonames FILE``): they override entries with the same id (order 90).

A dump (``allCountries.txt``, ``AF.txt``, ...; 19 tab-separated columns, or a ``.zip`` of one)
is read after every shipped boundary table, so its rows of the chosen feature classes win.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from dateline.errors import InputError
from dateline.gazetteer.entry import COUNTRY_CODES
from dateline.gazetteer.merge import Draft, Merger
from dateline.gazetteer.sources.base import DUMP_CLASSES, BuildContext, data_text, is_code_like
from dateline.gazetteer.sources.geonames import GeonameRow

__all__ = ["SOURCE", "GeoNamesDumps", "check_geonames_dump", "merge_dump", "read_geonames_dump"]

GEONAMES_DUMP_COLUMNS = 19
_ALL_CLASSES = frozenset("ADHLPRSTUV")
_LEVEL_OF_CODE = {"ADM1": "admin1", "ADM2": "admin2"}


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


def read_geonames_dump(path: Path, feature_classes: Iterable[str] = DUMP_CLASSES) -> Iterator[GeonameRow]:
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


def merge_dump(merger: Merger, rows: Iterable[GeonameRow], source: str = "geonames-dump") -> int:
    """Override or add entries from a full GeoNames dump; returns the number of rows merged."""
    count = 0
    for row in rows:
        count += 1
        ident = f"geonames:{row.geonameid}"
        draft = merger.drafts.get(ident)
        if draft is None:
            level = _LEVEL_OF_CODE.get(row.feature_code, "place")
            if row.feature_code in COUNTRY_CODES:
                level = "country"
            elif not row.country_code:  # a sea, gulf, world region or island group of no country
                level = "region"
            draft = merger.add(
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
                merger.admin1.setdefault((row.country_code, row.admin1_code), ident)
            if level == "admin2" and row.admin1_code and row.admin2_code:
                merger.admin2.setdefault((row.country_code, row.admin1_code, row.admin2_code), ident)
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


class GeoNamesDumps:
    """The shipped features of no country (``data/geonames_no_country.txt.gz``: oceans, seas, gulfs,
    straits, world regions, international islands; GeoNames' own ids, names and points), then every
    dump of the build's ``geonames``, in the order given; counts the rows merged from the latter."""

    name = "geonames_dump"
    order = 90
    shipped = "geonames_no_country.txt.gz"

    def merge(self, merger: Merger, build: BuildContext) -> None:
        classes = tuple(build.feature_classes)
        lines = data_text(self.shipped).splitlines()
        merged = merge_dump(merger, _read_dump_lines(lines, self.shipped, frozenset(classes)))
        build.say(f"GeoNames features of no country: {merged} rows merged")
        for path in build.geonames:
            merged = merge_dump(merger, read_geonames_dump(Path(path), classes))
            build.counts[self.name] += merged
            build.say(f"{path}: {merged} rows merged")


SOURCE = GeoNamesDumps()
