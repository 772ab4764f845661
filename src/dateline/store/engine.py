"""Engines: a path or URL in, a configured SQLAlchemy engine out.

SQLite is tuned for one writer and many readers: WAL journal (readers never
block the writer, nor the writer readers), ``synchronous=NORMAL``, foreign
keys on, a busy timeout, and explicit transactions: write transactions start
with ``BEGIN IMMEDIATE`` so a writer takes its lock before it reads what it is
about to decide on. PostgreSQL URLs are passed through (``psycopg`` is the
optional ``postgres`` extra).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa

from dateline.errors import StoreError

#: How long a connection waits for another writer's lock before failing (milliseconds).
BUSY_TIMEOUT_MS = 30_000

_WRITE_OPTION = "dateline_write"


def is_url(target: str | Path) -> bool:
    return isinstance(target, str) and "://" in target


def make_engine(target: str | Path, *, readonly: bool = False) -> sa.Engine:
    """An engine for ``target``: a file path (SQLite) or a SQLAlchemy URL."""
    if not is_url(target):
        return _sqlite_engine(Path(target), readonly=readonly)
    url = sa.make_url(str(target))
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise StoreError("an in-memory SQLite database cannot be shared; give a file path")
        return _sqlite_engine(Path(url.database), readonly=readonly)
    try:
        engine = sa.create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        raise StoreError(
            f"no database driver for {url.drivername!r} ({exc.name} is not installed); "
            "for PostgreSQL install the extra: pip install 'dateline[postgres]'"
        ) from None
    if readonly and url.get_backend_name() == "postgresql":
        engine = engine.execution_options(postgresql_readonly=True)
    return engine


def _sqlite_engine(path: Path, *, readonly: bool) -> sa.Engine:
    path = path.expanduser().resolve()
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
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        write = conn.get_execution_options().get(_WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


@contextlib.contextmanager
def write_transaction(engine: sa.Engine) -> Iterator[sa.Connection]:
    """One write transaction: committed when the block ends, rolled back if it raises."""
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE_OPTION: True})
        with conn.begin():
            yield conn


@contextlib.contextmanager
def read_transaction(engine: sa.Engine) -> Iterator[sa.Connection]:
    """One read transaction: a consistent snapshot for the block."""
    with engine.connect() as conn, conn.begin():
        yield conn
