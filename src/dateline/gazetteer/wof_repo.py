"""Turn a Who's On First per-country repository into village rows (a maintainer tool, never run at run time).

``python -m dateline.gazetteer.wof_repo GIT_DIR [COMMIT] [--bbox-from NE50M.geojson] > wof_XX.tsv``
reads a ``whosonfirst-data-admin-XX`` repository (a bare git directory, as the search tool's
``fetch`` brings it) at a commit and writes its populated places in the 9-column format of
``../shared/data/places_extra/wof_XX.tsv`` (``name, alt_names, lat, lon, kind, admin1, admin2,
country_code, source_id``). :mod:`dateline.gazetteer.vendor` calls :func:`repo_rows` for the
repositories it lists. The rules, the same as that folder's README gives for its files:

* records of placetype ``locality`` or ``neighbourhood``; not deprecated, not superseded, and
  current (``mz:is_current`` not 0) unless GeoNames calls them abandoned, destroyed or historical;
* points inside the country's Natural Earth 50m bounding box grown by :data:`BBOX_MARGIN` degrees
  (when a boundary file is given): WOF has a few records in radians or in another country;
* ``name``: ``wof:name``; ``alt_names``: GeoNames' name and ASCII name, WOF's variant, colloquial and
  historical names, and its preferred names when they are Latin-script and alike to the name
  (:data:`PREFERRED_LIKENESS`; for small villages they are often wrong Wikidata matches) or the
  place is notable (not from GeoNames, populated, or a seat); names with commas or shorter than
  three characters left out; comma-joined;
* ``lat``/``lon``: WOF's point (``geom:latitude``/``longitude``; the label point for polygons), 5 decimals;
* ``kind`` from the GeoNames feature code and population (:func:`kind_of`);
* ``admin1``/``admin2``: the English preferred name (else ``wof:name``) of the record's
  ``region_id`` and ``county_id`` in the same repository;
* ``source_id``: ``wof:<id>``, then ``|gn:<geonameid>`` for GeoNames records.
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

__all__ = ["COLUMNS", "country_bbox", "kind_of", "record_row", "repo_records", "repo_rows"]

COLUMNS = ("name", "alt_names", "lat", "lon", "kind", "admin1", "admin2", "country_code", "source_id")
PLACETYPES = frozenset({"locality", "neighbourhood"})
#: GeoNames codes of places that are gone: kept (and labelled) even when WOF says not current.
GONE_CODES = {"PPLQ": "abandoned", "PPLW": "destroyed", "PPLH": "historical", "PPLCH": "historical"}
#: A Latin-script preferred name of an ordinary village is kept when this alike to its name.
PREFERRED_LIKENESS = 0.75
#: Degrees added on every side of the country's bounding box.
BBOX_MARGIN = 0.5
_SEAT_CODES = frozenset({"PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLA5", "PPLG"})
_VILLAGE_CODES = frozenset({"PPL", "PPLF", "PPLS", "PPLR"})
_OTHER_NAMES = ("_x_variant", "_x_colloquial", "_x_historical")

BBox = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


def _by_population(population: int, small: str) -> str:
    return "city" if population >= 100_000 else "town" if population >= 10_000 else small


def kind_of(placetype: str, feature_code: str, population: int) -> str:
    """``city``, ``town``, ``village``, ``locality``, ``neighbourhood`` or a gone kind."""
    if feature_code in GONE_CODES:
        return GONE_CODES[feature_code]
    if feature_code == "PPLC":
        return "city"
    if feature_code in _SEAT_CODES:
        return "city" if population >= 100_000 else "town"
    if feature_code in _VILLAGE_CODES:
        return _by_population(population, "village")
    if feature_code == "PPLL":
        return "locality"
    if feature_code == "PPLX" or placetype == "neighbourhood":
        return "neighbourhood"
    return _by_population(population, "locality")


def _is_latin(name: str) -> bool:
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in name)


def _letters(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalnum())


def _alike(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, _letters(a), _letters(b)).ratio() >= PREFERRED_LIKENESS


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _point(props: dict[str, Any], geometry: dict[str, Any] | None) -> tuple[float, float] | None:
    lat, lon = props.get("geom:latitude"), props.get("geom:longitude")
    if (geometry or {}).get("type") != "Point" and props.get("lbl:latitude") is not None:
        lat, lon = props.get("lbl:latitude"), props.get("lbl:longitude")
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        return None
    return float(lat), float(lon)


def _inside(bbox: BBox, lat: float, lon: float) -> bool:
    west, south, east, north = bbox
    return (
        west - BBOX_MARGIN <= lon <= east + BBOX_MARGIN and south - BBOX_MARGIN <= lat <= north + BBOX_MARGIN
    )


def unit_name(props: dict[str, Any]) -> str:
    """A region's or county's name: its English preferred name, else ``wof:name``."""
    english = _as_list(props.get("name:eng_x_preferred"))
    return (english[0] if english else str(props.get("wof:name") or "")).strip()


def _alternates(props: dict[str, Any], name: str, notable: bool) -> list[str]:
    names: list[str] = []
    for key in ("gn:name", "gn:asciiname"):
        names += _as_list(props.get(key))
    for key in sorted(props):
        if key.startswith("name:") and key.endswith(_OTHER_NAMES):
            names += _as_list(props[key])
    for key in sorted(props):
        if key.startswith("name:") and key.endswith("_x_preferred"):
            names += [n for n in _as_list(props[key]) if notable or (_is_latin(n) and _alike(n, name))]
    out: dict[str, None] = {}
    for n in names:
        n = " ".join(n.split())
        if len(n) >= 3 and "," not in n and n != name:
            out.setdefault(n, None)
    return list(out)


def record_row(
    props: dict[str, Any],
    geometry: dict[str, Any] | None,
    units: dict[int, str],
    bbox: BBox | None = None,
) -> dict[str, str] | None:
    """The row of one WOF record (``properties``, ``geometry``), or None when it is left out.

    ``units``: names of the repository's regions and counties by WOF id."""
    if props.get("wof:placetype") not in PLACETYPES:
        return None
    deprecated = props.get("edtf:deprecated")
    if (deprecated and deprecated != "uuuu") or props.get("wof:superseded_by"):
        return None
    code = str(props.get("gn:feature_code") or "")
    if props.get("mz:is_current") == 0 and code not in GONE_CODES:
        return None
    point = _point(props, geometry)
    name = " ".join(str(props.get("wof:name") or "").split())
    if point is None or not name:
        return None
    lat, lon = point
    if bbox is not None and not (
        bbox[0] - BBOX_MARGIN <= lon <= bbox[2] + BBOX_MARGIN
        and bbox[1] - BBOX_MARGIN <= lat <= bbox[3] + BBOX_MARGIN
    ):
        return None
    population = props.get("gn:population") or props.get("wof:population") or 0
    population = int(population) if isinstance(population, (int, float)) else 0
    geonameid = props.get("gn:geonameid")
    notable = geonameid is None or population > 0 or code == "PPLC" or code in _SEAT_CODES
    hierarchy = (props.get("wof:hierarchy") or [{}])[0]
    source_id = f"wof:{props['wof:id']}" + (f"|gn:{geonameid}" if geonameid is not None else "")
    return {
        "name": name,
        "alt_names": ",".join(_alternates(props, name, notable)),
        "lat": f"{lat:.5f}",
        "lon": f"{lon:.5f}",
        "kind": kind_of(str(props.get("wof:placetype")), code, population),
        "admin1": units.get(hierarchy.get("region_id") or 0, ""),
        "admin2": units.get(hierarchy.get("county_id") or 0, ""),
        "country_code": str(props.get("wof:country") or props.get("iso:country") or ""),
        "source_id": source_id,
    }


def repo_records(git_dir: Path, commit: str = "HEAD") -> Iterator[dict[str, Any]]:
    """Every record (parsed GeoJSON) under ``data/`` of the repository at ``commit``, in path order
    (alternate geometries, ``*-alt-*.geojson``, left out)."""
    listing = subprocess.run(
        ["git", f"--git-dir={git_dir}", "ls-tree", "-r", "-z", commit, "data/"],
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    blobs = []
    for item in sorted(filter(None, listing.split("\0")), key=lambda line: line.split("\t", 1)[1]):
        meta, path = item.split("\t", 1)
        if path.endswith(".geojson") and "-alt-" not in path.rsplit("/", 1)[-1]:
            blobs.append(meta.split()[2])
    with subprocess.Popen(
        ["git", f"--git-dir={git_dir}", "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    ) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        stdin = proc.stdin

        def ask() -> None:  # from a thread: git answers while it is asked (full pipes would block)
            stdin.write("".join(f"{blob}\n" for blob in blobs).encode())
            stdin.close()

        asking = threading.Thread(target=ask, daemon=True)
        asking.start()
        for _ in blobs:
            header = proc.stdout.readline().split()
            data = proc.stdout.read(int(header[2]))
            proc.stdout.read(1)  # the newline after each object
            yield json.loads(data)
        asking.join()


def country_bbox(boundaries: Path, country: str) -> BBox | None:
    """The bounding box of ``country``'s polygons in a Natural Earth admin-0 GeoJSON file."""
    features = json.loads(boundaries.read_text(encoding="utf-8"))["features"]
    xs: list[float] = []
    ys: list[float] = []

    def walk(coords: Any) -> None:
        if coords and isinstance(coords[0], (int, float)):
            xs.append(coords[0])
            ys.append(coords[1])
        else:
            for part in coords:
                walk(part)

    for feature in features:
        props = feature["properties"]
        if country in (props.get("ISO_A2"), props.get("ISO_A2_EH")):
            walk(feature["geometry"]["coordinates"])
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def repo_rows(git_dir: Path, commit: str = "HEAD", *, boundaries: Path | None = None) -> list[dict[str, str]]:
    """The village rows of a WOF repository at ``commit`` (see the module's rules)."""
    records = [(r.get("properties") or {}, r.get("geometry")) for r in repo_records(git_dir, commit)]
    units = {
        int(props["wof:id"]): unit_name(props)
        for props, _ in records
        if props.get("wof:placetype") in ("region", "county") and "wof:id" in props
    }
    rows: list[dict[str, str]] = []
    bboxes: dict[str, BBox | None] = {}
    for props, geometry in records:
        country = str(props.get("wof:country") or "")
        if boundaries is not None and country not in bboxes:
            bboxes[country] = country_bbox(boundaries, country)
        row = record_row(props, geometry, units, bboxes.get(country))
        if row is not None:
            rows.append(row)
    return rows


def write_tsv(rows: Iterable[dict[str, str]], out: Any) -> None:
    out.write("\t".join(COLUMNS) + "\n")
    for row in rows:
        out.write("\t".join(row[c].replace("\t", " ") for c in COLUMNS) + "\n")


if __name__ == "__main__":  # pragma: no cover - maintainer tool
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("git_dir", type=Path)
    parser.add_argument("commit", nargs="?", default="HEAD")
    parser.add_argument(
        "--bbox-from", type=Path, help="Natural Earth admin-0 GeoJSON (ne_50m_admin_0_countries)"
    )
    args = parser.parse_args()
    write_tsv(repo_rows(args.git_dir, args.commit, boundaries=args.bbox_from), sys.stdout)
