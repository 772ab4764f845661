"""Fixtures shared across the suite: paths, one loaded pipeline per session, and the stores.

Stores come on both engines: ``db`` (a new, empty store) and ``seeded_db`` (a writable copy of the
founding articles' store) are parametrised over SQLite and PostgreSQL. PostgreSQL is one real server
per session (:class:`dateline.store.pgserver.LocalPostgres`: the machine's initdb and pg_ctl in a
temporary folder) and a new database per test. Without PostgreSQL's binaries (or psycopg) its cases
skip, saying why; with ``DATELINE_REQUIRE_POSTGRES=1`` (as ``.ci/run`` sets) they fail instead.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def dateline_cmd() -> list[str]:
    """The installed console script, run as a user runs it."""
    script = Path(sys.executable).parent / "dateline"
    if script.exists():
        return [str(script)]
    found = shutil.which("dateline")
    assert found, "the dateline console script is not installed"
    return [found]


@pytest.fixture(scope="session")
def extractor():
    from dateline.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def seed_db(extractor, tmp_path_factory) -> Path:
    """A store holding the two founding articles (examples/founding_articles.jsonl), ingested once.

    Read it, never write it: a test that stores documents works on a copy (``copy_store``).
    """
    from dateline.extract import ingest_paths
    from dateline.store import Store

    db = tmp_path_factory.mktemp("seed") / "seed.db"
    with Store.open(db) as store:
        report = ingest_paths([ROOT / "examples" / "founding_articles.jsonl"], extractor, store)
    assert report.stored == 2 and report.ok
    return db


@pytest.fixture(scope="session")
def copy_store():
    """``copy_store(source, target)``: a consistent copy of a SQLite store (SQLite's backup, WAL included)."""
    import sqlite3

    def copy(source: Path, target: Path) -> Path:
        src, dst = sqlite3.connect(source), sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        return target

    return copy


# --- stores on both engines ----------------------------------------------------------------------

#: The engines the store's tests run on (the ids of the parametrised fixtures' cases).
ENGINES = ("sqlite", "postgresql")


def _no_postgres(reason: str) -> None:
    if os.environ.get("DATELINE_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"DATELINE_REQUIRE_POSTGRES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres():
    """One real PostgreSQL server for the session (a LocalPostgres)."""
    from dateline.store.pgserver import LocalPostgres, find_bindir

    try:
        import psycopg  # noqa: F401
    except ImportError:
        _no_postgres("psycopg is not installed (pip install -e '.[postgres]')")
    if find_bindir() is None:
        _no_postgres("no PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql")
    with LocalPostgres() as server:
        yield server


_database_names = itertools.count()


@pytest.fixture(scope="session")
def new_database(postgres) -> Callable[..., str]:
    """``new_database(template=None)``: the URL of a new database on the session's server."""

    def make(template: str | None = None) -> str:
        return postgres.create_database(f"test_{os.getpid()}_{next(_database_names)}", template=template)

    return make


@pytest.fixture(params=ENGINES)
def db(request, tmp_path: Path) -> str | Path:
    """Where a new, empty store goes: a SQLite file path, or a new PostgreSQL database's URL."""
    if request.param == "sqlite":
        return tmp_path / "dateline.db"
    return request.getfixturevalue("new_database")()


@pytest.fixture(scope="session")
def seed_template(postgres, seed_db: Path) -> str:
    """A PostgreSQL database holding the seed store (copied by `dateline db copy`'s code): a template."""
    from dateline.store.transfer import copy_store

    copy_store(seed_db, postgres.create_database("seed_template"))
    return "seed_template"


@pytest.fixture(scope="session")
def seeded(request) -> Callable[[str, Path], str | Path]:
    """``seeded(engine, path)``: a writable copy of the founding articles' store on ``engine`` (SQLite:
    at ``path``; PostgreSQL: a new database from the seed template)."""

    def make(engine: str, target: Path) -> str | Path:
        if engine == "sqlite":
            return request.getfixturevalue("copy_store")(request.getfixturevalue("seed_db"), target)
        template = request.getfixturevalue("seed_template")
        return request.getfixturevalue("new_database")(template=template)

    return make


@pytest.fixture(params=ENGINES)
def seeded_db(request, seeded, tmp_path: Path) -> str | Path:
    """A writable copy of the founding articles' store, on each engine."""
    return seeded(request.param, tmp_path / "seeded.db")


@pytest.fixture(scope="module", params=ENGINES)
def module_seeded_db(request, seeded, tmp_path_factory) -> str | Path:
    """As ``seeded_db``, one per module and engine (for a module's tests that only read)."""
    return seeded(request.param, tmp_path_factory.mktemp("seeded") / "seeded.db")
