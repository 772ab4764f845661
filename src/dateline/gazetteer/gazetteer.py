"""The :class:`Gazetteer` object: name lookup, containment and fast name tests over the built index.

A gazetteer is opened once and passed to whatever needs it (the place recogniser, the resolver,
the CLI); nothing here is module-level state. It reads the SQLite index written by
:func:`dateline.gazetteer.build.build_gazetteer` through a read-only connection, and pickles as
its path, so spaCy components holding one survive ``nlp.pipe(n_process=2)``.
"""

from __future__ import annotations

import difflib
import functools
import re
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from dateline.errors import ConfigError
from dateline.gazetteer.build import SCHEMA_VERSION, SEP, build_gazetteer, default_index_path
from dateline.gazetteer.entry import COUNTRY_CODES, Candidate, Entry
from dateline.gazetteer.hashset import HashSet
from dateline.gazetteer.sources import data_text
from dateline.gazetteer.sources.geonames import read_country_info
from dateline.text import Normaliser, default_normaliser, written_form_key

__all__ = ["Gazetteer"]

_COLUMNS = (
    "id, name, ascii_name, country_code, admin1, admin2, admin1_code, admin2_code, lat, lon, geonameid, "
    "feature_class, feature_code, population, alternate_names, source, parent_id, country, codes, approximate"
)
_E_COLUMNS = ", ".join(f"e.{c.strip()}" for c in _COLUMNS.split(","))
_ORDER = "ORDER BY e.population DESC, e.rowid"
_UNIT_SCORE = 0.9
_FUZZY_BASE, _FUZZY_SPAN = 0.5, 0.35
_CACHE_SIZE = 16384


def _entry(row: tuple[Any, ...]) -> Entry:
    return Entry(
        id=row[0],
        name=row[1],
        ascii_name=row[2],
        country_code=row[3],
        admin1=row[4],
        admin2=row[5],
        admin1_code=row[6],
        admin2_code=row[7],
        lat=row[8],
        lon=row[9],
        geonameid=row[10],
        feature_class=row[11],
        feature_code=row[12],
        population=row[13],
        alternate_names=tuple(row[14].split(SEP)) if row[14] else (),
        source=row[15],
        parent_id=row[16],
        country=row[17],
        codes=tuple(row[18].split(SEP)) if row[18] else (),
        approximate=bool(row[19]),
    )


_VERSION_NAME = re.compile(r"gazetteer-[0-9a-f]{12}\.sqlite")


class Gazetteer:
    """Places by name: ``Gazetteer.load().lookup("Kunar")``.

    ``lookup`` finds entries by exact normalised name (any of an entry's names), ``fuzzy`` by
    transliteration skeleton, and ``candidates`` combines them with unit-word stripping into
    ranked :class:`Candidate` matches that keep exact and fuzzy matches apart. ``is_name``,
    ``is_prefix`` and ``is_skeleton`` are in-memory membership tests on *normalised* keys for the
    recogniser (about a microsecond each).
    """

    def __init__(self, path: Path, *, normaliser: Normaliser | None = None) -> None:
        self._path = Path(path)
        if not self._path.is_file():
            raise ConfigError(f"no gazetteer index at {self._path}; run `dateline gazetteer build`")
        self._normaliser = normaliser or default_normaliser()
        self._con = sqlite3.connect(
            f"{self._path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
        try:
            meta = dict(self._con.execute("SELECT key, value FROM meta"))
            sets = dict(self._con.execute("SELECT name, data FROM hashsets"))
        except sqlite3.DatabaseError as exc:
            self._con.close()
            raise ConfigError(f"{self._path} is not a dateline gazetteer index ({exc})") from None
        if meta.get("schema_version") != str(SCHEMA_VERSION):
            self._con.close()
            raise ConfigError(
                f"{self._path}: gazetteer schema {meta.get('schema_version')}, this dateline reads "
                f"{SCHEMA_VERSION}; rebuild it with `dateline gazetteer build`"
            )
        self.meta: dict[str, str] = meta
        self._names = HashSet.from_bytes(sets["names"])
        self._prefixes = HashSet.from_bytes(sets["prefixes"])
        self._skeletons = HashSet.from_bytes(sets["skeletons"])
        self._abbreviations = HashSet.from_bytes(sets["abbreviations"]) if "abbreviations" in sets else None
        self._by_key: Callable[[str], tuple[Entry, ...]] = functools.lru_cache(maxsize=_CACHE_SIZE)(
            self._query_key
        )
        self._by_skeleton: Callable[[str], tuple[Entry, ...]] = functools.lru_cache(maxsize=_CACHE_SIZE)(
            self._query_skeleton
        )
        self._by_abbreviation: Callable[[str], tuple[Entry, ...]] = functools.lru_cache(maxsize=1024)(
            self._query_abbreviation
        )
        self._seat_of: Callable[[str, str, str | None], Entry | None] = functools.lru_cache(maxsize=4096)(
            self._query_seat
        )

    @classmethod
    def load(
        cls,
        path: Path | None = None,
        *,
        normaliser: Normaliser | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> Gazetteer:
        """Open the index at ``path``; without a path, the cached default index, built on first use."""
        if path is None:
            path = default_index_path()
            if not path.is_file():
                say = progress or (lambda line: print(f"dateline: {line}", file=sys.stderr, flush=True))
                say(f"building the gazetteer index at {path} (first use, about 30 s)")
                build_gazetteer(path, progress=progress)
                for old in _older_indexes(path):
                    say(f"removing {old.name}, an index of older data")
                    old.unlink(missing_ok=True)
        return cls(path, normaliser=normaliser)

    # -- plumbing ------------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._path

    @property
    def normaliser(self) -> Normaliser:
        return self._normaliser

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self._path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    def __len__(self) -> int:
        return int(self._con.execute("SELECT count(*) FROM entries").fetchone()[0])

    def __repr__(self) -> str:
        return f"Gazetteer({str(self._path)!r})"

    def _select(self, sql: str, params: tuple[Any, ...]) -> list[Entry]:
        return [_entry(row) for row in self._con.execute(sql, params)]

    def _query_key(self, key: str) -> tuple[Entry, ...]:
        if key not in self._names:
            return ()
        sql = f"SELECT {_E_COLUMNS} FROM names n JOIN entries e ON e.rowid = n.entry WHERE n.key = ? {_ORDER}"
        return tuple(self._select(sql, (key,)))

    def _query_skeleton(self, skeleton: str) -> tuple[Entry, ...]:
        if not skeleton or skeleton not in self._skeletons:
            return ()
        join = "skeletons s JOIN entries e ON e.rowid = s.entry"
        sql = f"SELECT {_E_COLUMNS} FROM {join} WHERE s.key = ? {_ORDER}"
        return tuple(self._select(sql, (skeleton,)))

    def _query_abbreviation(self, text: str) -> tuple[Entry, ...]:
        if not self.is_abbreviation(text):
            return ()
        join = "abbreviations a JOIN entries e ON e.rowid = a.entry"
        sql = f"SELECT {_E_COLUMNS} FROM {join} WHERE a.key = ? {_ORDER}"
        return tuple(self._select(sql, (written_form_key(text),)))

    # -- names ---------------------------------------------------------------------------------

    def normalise(self, name: str) -> str:
        return self._normaliser.normalise(name)

    def is_name(self, key: str) -> bool:
        """Is the *normalised* ``key`` a name (or alternate name) of some entry?"""
        return key in self._names

    def is_prefix(self, key: str) -> bool:
        """Is the *normalised* ``key`` the first word(s) of a longer name ("north" of "north waziristan")?"""
        return key in self._prefixes

    def is_skeleton(self, skeleton: str) -> bool:
        """Is ``skeleton`` (from :meth:`Normaliser.skeleton`) the fuzzy key of some entry's name?"""
        return skeleton in self._skeletons

    def is_abbreviation(self, text: str) -> bool:
        """Is ``text``, exactly as written (case-sensitive; "W. Va." as "W.Va."), a written form of some
        entry: a postal or news-style abbreviation ("NY", "Ky.") or a demonym ("Afghan", "Pakistanis")?"""
        return self._abbreviations is not None and written_form_key(text) in self._abbreviations

    def abbreviation(self, text: str) -> tuple[Entry, ...]:
        """The entries ``text`` is a written form of, exactly as written: admin-1 units by postal or
        news-style abbreviation ("NY", "W. Va." -> New York, West Virginia; "ny" -> nothing), countries
        by demonym ("Russian" -> Russia), most populous first. Short ones ("IN", "OR") are ordinary
        words too, so they are not names: the recogniser asks here only in a locative context."""
        return self._by_abbreviation(text)

    def lookup(self, name: str) -> list[Entry]:
        """Entries one of whose names normalises to the same key as ``name``; most populous first."""
        return list(self._by_key(self._normaliser.normalise(name)))

    def lookup_key(self, key: str) -> list[Entry]:
        """:meth:`lookup` for an already normalised key."""
        return list(self._by_key(key))

    def fuzzy(self, name: str) -> list[Entry]:
        """Entries one of whose names has the same transliteration skeleton as ``name``."""
        return list(self._by_skeleton(self._normaliser.skeleton(name)))

    def candidates(self, name: str, *, fuzzy: bool = True) -> list[Candidate]:
        """Every entry ``name`` may refer to, best match first.

        Exact matches score 1.0; matches after removing a unit word ("Kunar province", "Khyber
        Agency" when only "Khyber" is known) score 0.9; skeleton-only matches score 0.5-0.85 by
        string similarity to the closest name. Ties are ordered by population.
        """
        norm = self._normaliser
        key = norm.normalise(name)
        core, unit = norm.split_unit(key)
        found: dict[str, Candidate] = {}
        for entry in self._by_key(key):
            found[entry.id] = Candidate(entry, "exact", 1.0, self._matched_name(entry, key), None)
        if unit is not None and core:
            for entry in self._by_key(core):
                if entry.id not in found:
                    found[entry.id] = Candidate(
                        entry, "unit", _UNIT_SCORE, self._matched_name(entry, core), unit
                    )
        if fuzzy:
            for query, query_unit in ((key, None), (core, unit)) if unit else ((key, None),):
                skel = norm.skeleton_of_key(query)
                for entry in self._by_skeleton(skel):
                    if entry.id not in found:
                        matched, ratio = self._closest_name(entry, query, skel)
                        score = round(_FUZZY_BASE + _FUZZY_SPAN * ratio, 4)
                        found[entry.id] = Candidate(entry, "fuzzy", score, matched, query_unit)
        return sorted(found.values(), key=lambda c: (-c.score, -c.entry.population, c.entry.id))

    def _matched_name(self, entry: Entry, key: str) -> str:
        for name in entry.names:
            if self._normaliser.normalise(name) == key:
                return name
        return entry.name

    def _closest_name(self, entry: Entry, key: str, skeleton: str) -> tuple[str, float]:
        best, best_ratio = entry.name, -1.0
        for name in entry.names:
            other = self._normaliser.normalise(name)
            if self._normaliser.skeleton_of_key(other) != skeleton:
                continue
            ratio = difflib.SequenceMatcher(None, key, other).ratio()
            # "Quamishli" is nearer "Al Qamishli" than "Kamyshlov": the article is no difference
            bare_key, bare_other = (self._normaliser.without_article(k) for k in (key, other))
            if (bare_key, bare_other) != (key, other):
                ratio = max(ratio, difflib.SequenceMatcher(None, bare_key, bare_other).ratio())
            if ratio > best_ratio:
                best, best_ratio = name, ratio
        return best, max(best_ratio, 0.0)

    # -- entries and containment ----------------------------------------------------------------

    def get(self, entry_id: str) -> Entry | None:
        rows = self._select(f"SELECT {_COLUMNS} FROM entries WHERE id = ?", (entry_id,))
        return rows[0] if rows else None

    def by_geonameid(self, geonameid: int) -> Entry | None:
        rows = self._select(
            f"SELECT {_COLUMNS} FROM entries WHERE geonameid = ? ORDER BY rowid", (geonameid,)
        )
        return rows[0] if rows else None

    def parent(self, entry: Entry | str) -> Entry | None:
        """The entry that contains ``entry`` (a place's district, a district's division or province, ...)."""
        item = self.get(entry) if isinstance(entry, str) else entry
        return self.get(item.parent_id) if item is not None and item.parent_id else None

    def ancestors(self, entry: Entry | str) -> list[Entry]:
        """Containing entries from the nearest up to the country."""
        chain: list[Entry] = []
        seen: set[str] = set()
        current = self.parent(entry)
        while current is not None and current.id not in seen:
            chain.append(current)
            seen.add(current.id)
            current = self.parent(current)
        return chain

    def province(self, entry: Entry) -> Entry | None:
        """The first-level unit ``entry`` is or lies in (a town's province), when the gazetteer knows it."""
        return next((e for e in (entry, *self.ancestors(entry)) if e.feature_code == "ADM1"), None)

    def children(self, entry: Entry | str) -> list[Entry]:
        """Entries directly contained in ``entry``; most populous first."""
        ident = entry if isinstance(entry, str) else entry.id
        sql = f"SELECT {_COLUMNS} FROM entries e WHERE parent_id = ? {_ORDER}"
        return self._select(sql, (ident,))

    def seat(self, unit: Entry) -> Entry | None:
        """The town that seats an administrative unit: a first-level unit's capital (its PPLA, or the
        national capital when it lies there: Banaadir's Mogadishu), a second-level unit's (its PPLA2,
        or a higher capital inside it); the most populous when several. None for other entries or
        when the gazetteer knows no seat."""
        if unit.country_code is None or unit.admin1_code is None:
            return None
        if unit.feature_code == "ADM1":
            return self._seat_of(unit.country_code, unit.admin1_code, None)
        if unit.feature_code == "ADM2" and unit.admin2_code is not None:
            return self._seat_of(unit.country_code, unit.admin1_code, unit.admin2_code)
        return None

    def _query_seat(self, country: str, admin1: str, admin2: str | None) -> Entry | None:
        # a province's seat is a capital of its level or above; a district's, any capital inside it.
        # The last term is the partial index's own (``entries_seats``), so SQLite uses that index.
        if admin2 is None:
            where, params = "feature_code IN ('PPLC', 'PPLA')", (country, admin1)
        else:
            where, params = "admin2_code = ?", (country, admin1, admin2)
        sql = (
            f"SELECT {_COLUMNS} FROM entries WHERE country_code = ? AND admin1_code = ? AND {where} "
            "AND feature_code IN ('PPLC', 'PPLA', 'PPLA2') ORDER BY population DESC, rowid LIMIT 1"
        )
        rows = self._select(sql, params)
        return rows[0] if rows else None

    def borders(self, country: str) -> frozenset[str]:
        """ISO codes of the countries ``country`` borders (GeoNames' country table)."""
        return _country_borders().get(country, frozenset())

    def countries(self) -> Iterator[Entry]:
        """Every country-level entry (not continents, world regions or seas, which have no parent either)."""
        codes = sorted(COUNTRY_CODES)
        marks = ", ".join("?" * len(codes))
        sql = f"SELECT {_COLUMNS} FROM entries e WHERE feature_code IN ({marks}) ORDER BY e.id"
        yield from self._select(sql, tuple(codes))


@functools.cache
def _country_borders() -> dict[str, frozenset[str]]:
    return {row.iso: frozenset(row.neighbours) for row in read_country_info(data_text("countryInfo.txt"))}


def _older_indexes(current: Path) -> list[Path]:
    """Cached default indexes of other data versions beside ``current`` (``gazetteer-<version>.sqlite``)."""
    return sorted(
        p
        for p in current.parent.glob("gazetteer-*.sqlite")
        if p != current and _VERSION_NAME.fullmatch(p.name)
    )
