"""A throwaway PostgreSQL server in a temporary folder, for the tests and the benchmarks.

:class:`LocalPostgres` runs the machine's own PostgreSQL binaries (``initdb``, ``pg_ctl``; Debian's
``postgresql`` package puts them under ``/usr/lib/postgresql/<version>/bin``) on a free localhost
port with trust authentication, and removes everything when stopped. PostgreSQL refuses to run as
root, so under root the folder is handed to the ``postgres`` user (or ``nobody``) and the binaries
run as that user. It is no way to run a production database: see the README's "Scaling out".
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

from dateline.errors import StoreError

#: Names of the user the server runs as when dateline runs as root, in order of preference.
SERVER_USERS = ("postgres", "nobody")

#: Settings for a server whose data may be lost: no waiting for the disk.
FAST = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


def find_bindir() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``: ``$DATELINE_PG_BIN``, the one of
    ``pg_ctl`` on the PATH, ``pg_config --bindir``, else the newest ``/usr/lib/postgresql/*/bin``."""
    candidates: list[Path] = []
    if os.environ.get("DATELINE_PG_BIN"):
        candidates.append(Path(os.environ["DATELINE_PG_BIN"]))
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=10)
            candidates.append(Path(out.stdout.strip()))

    def version(path: str) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", Path(path).parent.name))

    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)]
    for folder in candidates:
        if all((folder / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalPostgres:
    """``with LocalPostgres() as server: server.url("dbname")``; a database per name with
    :meth:`create_database` (from a template when given one)."""

    def __init__(self, bindir: Path | None = None, *, settings: dict[str, str] | None = None,
                 user: str = "dateline") -> None:  # fmt: skip
        found = bindir or find_bindir()
        if found is None:
            raise StoreError(
                "no PostgreSQL server binaries (initdb, pg_ctl); install Debian's postgresql package "
                "or set DATELINE_PG_BIN to their folder"
            )
        self.bindir = found
        self.settings = {**FAST, **(settings or {})}
        self.user = user
        self.port = 0
        self.folder: Path | None = None
        self._run_as: pwd.struct_passwd | None = None

    # --- life -------------------------------------------------------------------------------------

    def start(self) -> LocalPostgres:
        self.folder = Path(tempfile.mkdtemp(prefix="dateline-pg-"))
        atexit.register(self.stop)  # a process that ends without stopping it leaves no server behind
        data = self.folder / "data"
        if os.geteuid() == 0:  # initdb and postgres refuse to run as root
            self._run_as = next((pwd.getpwnam(n) for n in SERVER_USERS if _has_user(n)), None)
            if self._run_as is None:
                raise StoreError(f"running as root, and no user of {SERVER_USERS} exists to run the server")
            os.chown(self.folder, self._run_as.pw_uid, self._run_as.pw_gid)
        try:
            self._run(self.bindir / "initdb", "-D", str(data), "-U", self.user, "--auth=trust",
                      "--encoding=UTF8", "--no-locale", "--no-sync")  # fmt: skip
            options = {"listen_addresses": "127.0.0.1", "unix_socket_directories": str(self.folder),
                       "max_connections": "100", **self.settings}  # fmt: skip
            for attempt in range(5):
                self.port = _free_port()
                flags = " ".join(f"-c {k}={v}" for k, v in {**options, "port": str(self.port)}.items())
                try:
                    self._run(self.bindir / "pg_ctl", "-D", str(data), "-l", str(self.folder / "log"),
                              "-o", flags, "-w", "-t", "60", "start")  # fmt: skip
                    break
                except StoreError:
                    if attempt == 4:
                        raise
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self.folder is None:
            return
        data = self.folder / "data"
        if (data / "postmaster.pid").exists():
            with contextlib.suppress(StoreError):
                self._run(self.bindir / "pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    def __enter__(self) -> LocalPostgres:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:  # fmt: skip
        self.stop()

    # --- databases --------------------------------------------------------------------------------

    def url(self, database: str = "postgres") -> str:
        """A ``--db`` URL of ``database`` on this server."""
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str, database: str = "postgres") -> None:
        """Run one statement outside a transaction (``CREATE DATABASE`` needs that)."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=self.user, dbname=database,
                             autocommit=True) as conn:  # fmt: skip
            conn.execute(sql)  # type: ignore[arg-type]

    def create_database(self, name: str, *, template: str | None = None) -> str:
        """A new database (a copy of ``template``, a database no one is connected to); its URL."""
        for value in (name, template):
            if value is not None and not re.fullmatch(r"[a-z_][a-z0-9_]*", value):
                raise ValueError(f"not a plain database name: {value!r}")
        copy = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        self.execute(f"CREATE DATABASE {name}{copy}")
        return self.url(name)

    def log(self) -> str:
        """The server's log so far (for a failing test's message)."""
        path = self.folder / "log" if self.folder else None
        return path.read_text(errors="replace") if path and path.exists() else ""

    def _run(self, *command: str | Path) -> None:
        user = self._run_as
        try:
            done = subprocess.run(
                [str(c) for c in command], capture_output=True, text=True, timeout=120, cwd=self.folder,
                user=user.pw_uid if user else None, group=user.pw_gid if user else None,
                extra_groups=[] if user else None,
                env={**os.environ, "HOME": str(self.folder), "LC_ALL": "C"},
            )  # fmt: skip
        except (OSError, subprocess.SubprocessError) as exc:
            raise StoreError(f"cannot run {command[0]}: {exc}") from None
        if done.returncode != 0:
            # give the log a moment: pg_ctl returns before the server has written why it stopped
            time.sleep(0.1)
            raise StoreError(f"{Path(command[0]).name} failed: {done.stderr.strip() or done.stdout.strip()}\n"
                             f"{self.log()[-2000:]}")  # fmt: skip


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True
