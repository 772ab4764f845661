"""Engines: a path or URL in, a configured SQLAlchemy engine out.

SQLite is tuned for one writer and many readers: WAL journal (readers never
block the writer, nor the writer readers), ``synchronous=NORMAL``, foreign
keys on, a busy timeout, and explicit transactions: write transactions start
with ``BEGIN IMMEDIATE`` so a writer takes its lock before it reads what it is
about to decide on. PostgreSQL goes through psycopg 3 (the optional ``postgres``
extra): a plain ``postgresql://`` (or ``postgres://``) URL means ``postgresql+psycopg://``.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa

from dateline.errors import NotADatabase, StoreError, UnsupportedDatabase

#: How long a connection waits for another writer's lock before failing (milliseconds).
BUSY_TIMEOUT_MS = 30_000

_WRITE_OPTION = "dateline_write"

#: The first bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"

#: What ``--db`` accepts, for messages.
ACCEPTED = "a SQLite file path, a sqlite:///PATH URL or a postgresql://USER@HOST/NAME URL"

#: URL schemes that mean PostgreSQL through psycopg 3.
_POSTGRES_SCHEMES = ("postgresql", "postgres")


def is_url(target: str | Path) -> bool:
    return isinstance(target, str) and "://" in target


def make_engine(target: str | Path, *, readonly: bool = False) -> sa.Engine:
    """An engine for ``target``: a file path (SQLite) or a SQLAlchemy URL."""
    if not is_url(target):
        return _sqlite_engine(Path(target), readonly=readonly)
    url = parse_url(str(target))
    backend = url.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise UnsupportedDatabase(
            f"dateline cannot store in {backend!r} databases ({target}); --db takes {ACCEPTED}"
        )
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise StoreError("an in-memory SQLite database cannot be shared; give a file path")
        return _sqlite_engine(Path(url.database), readonly=readonly)
    try:
        # psycopg prepares a statement run five times, and the server may then plan it once for any
        # values: a generic plan that scans the events in key order for a filter selecting a few of
        # them (an actor and a week). Planned anew each time, a query is planned for its values.
        connect_args = {"prepare_threshold": None} if url.get_driver_name() == "psycopg" else {}
        engine = sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    except (ModuleNotFoundError, sa.exc.NoSuchModuleError) as exc:
        if not isinstance(exc, ModuleNotFoundError):
            raise UnsupportedDatabase(
                f"no database driver {url.drivername!r}; --db takes {ACCEPTED}"
            ) from None
        raise StoreError(
            f"no database driver for {url.drivername!r} ({exc.name} is not installed); "
            "for PostgreSQL install the extra: pip install 'dateline[postgres]'"
        ) from None
    if readonly and url.get_backend_name() == "postgresql":
        engine = engine.execution_options(postgresql_readonly=True)
    return engine


def parse_url(target: str) -> sa.URL:
    """``target`` as a SQLAlchemy URL; ``postgresql://`` and ``postgres://`` name the psycopg driver."""
    try:
        url = sa.make_url(target)
    except sa.exc.ArgumentError:
        raise UnsupportedDatabase(f"cannot read the database URL {target!r}; --db takes {ACCEPTED}") from None
    if url.drivername in _POSTGRES_SCHEMES:
        url = url.set(drivername="postgresql+psycopg")
    return url


def display(target: str | Path) -> str:
    """``target`` for messages: a URL without its password."""
    if not is_url(target):
        return str(target)
    with contextlib.suppress(Exception):
        return sa.make_url(str(target)).render_as_string(hide_password=True)
    return str(target)


def check_sqlite_file(path: Path) -> None:
    """Raise E303 unless ``path`` is absent, empty or a SQLite database file."""
    try:
        if path.is_dir():
            raise NotADatabase(f"{path} is a folder, not a database file; give a file path for --db")
        if path.exists() and not path.is_file():
            raise NotADatabase(f"{path} is not a database file (it is a device or a pipe)")
        if path.exists():
            with path.open("rb") as fh:
                head = fh.read(len(SQLITE_HEADER))
            if head and head != SQLITE_HEADER:
                raise NotADatabase(f"{path} is not a database file (not SQLite); --db takes {ACCEPTED}")
    except OSError as exc:
        raise StoreError(f"cannot open the database {path}: {exc.strerror or exc}") from None


def _sqlite_engine(path: Path, *, readonly: bool) -> sa.Engine:
    path = path.expanduser().resolve()
    check_sqlite_file(path)
    if readonly:
        if not path.exists():
            raise StoreError(f"no database at {path}")
        url = sa.URL.create("sqlite", database=f"file:{quote(str(path))}?mode=ro", query={"uri": "true"})
    else:
        if not path.parent.is_dir():
            raise StoreError(f"cannot create a database in {path.parent}: no such directory")
        url = sa.URL.create("sqlite", database=str(path))
    engine = sa.create_engine(url)

    @sa.event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Transactions are ours to begin (see _begin); the driver must not open them behind our back.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not readonly:
            _use_wal(cursor)
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        write = conn.get_execution_options().get(_WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _use_wal(cursor: Any) -> None:
    """Put the database in WAL mode. Changing the journal mode needs the database to itself and
    SQLite does not wait for that (no busy timeout): when two processes open a new database at once,
    one is told "database is locked". It tries again until the other is done, up to the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextlib.contextmanager
def write_transaction(engine: sa.Engine) -> Iterator[sa.Connection]:
    """One write transaction: committed when the block ends, rolled back if it raises."""
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE_OPTION: True})
        with conn.begin():
            yield conn


@contextlib.contextmanager
def read_transaction(engine: sa.Engine) -> Iterator[sa.Connection]:
    """One read transaction: a consistent snapshot for the block (SQLite's WAL gives one to every
    transaction; PostgreSQL's is asked for, REPEATABLE READ, where a writer's stays READ COMMITTED)."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn
