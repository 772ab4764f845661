"""``dateline serve`` as a user starts it: a subprocess, its printed token, its address."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _listening_addresses(port: int) -> list[str]:
    """Local addresses (hex, as /proc/net/tcp writes them) of sockets listening on ``port``."""
    out = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if int(hex_port, 16) == port and fields[3] == "0A":  # LISTEN
                out.append(address)
    return out


@pytest.mark.slow
def test_serve_binds_to_localhost_prints_a_token_and_guards_storing(
    dateline_cmd: list[str], seed_db: Path, copy_store, tmp_path: Path
) -> None:
    db = copy_store(seed_db, tmp_path / "served.db")
    port = free_port()
    process = subprocess.Popen(
        [*dateline_cmd, "serve", "--db", str(db), "--port", str(port), "--lazy"],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        lines = []
        while not any("token for POST /api/documents:" in line for line in lines):
            line = process.stderr.readline()
            assert line, f"dateline serve stopped: {''.join(lines)}"
            lines.append(line)
        token = lines[-1].rsplit(":", 1)[1].strip()
        assert len(token) >= 24 and f"http://127.0.0.1:{port}/" in "".join(lines)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"{url}/api/events", params={"actor": "TTP"}, timeout=10)
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline and process.poll() is None, "the server did not start"
                time.sleep(0.1)
        assert response.status_code == 200 and response.json()["items"]
        if Path("/proc/net/tcp").exists():
            assert _listening_addresses(port) == ["0100007F"]  # 127.0.0.1 only
        wrong = {"Authorization": "Bearer nope"}
        refused = httpx.post(f"{url}/api/documents", content=b"text", headers=wrong)
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "E501"
        another = subprocess.run(
            [*dateline_cmd, "serve", "--db", str(db), "--port", str(port), "--lazy", "--token", "t"],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert another.returncode != 0  # the port is taken: it says so and stops
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out += [int(c) for c in (task / "children").read_text().split()]
    return out


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="counts processes through /proc")
def test_serve_runs_several_worker_processes(dateline_cmd: list[str], seed_db: Path, copy_store,
                                             tmp_path: Path) -> None:  # fmt: skip
    db = copy_store(seed_db, tmp_path / "served.db")
    port = free_port()
    process = subprocess.Popen(
        [*dateline_cmd, "serve", "--db", str(db), "--port", str(port), "--lazy", "--workers", "3",
         "--token", "a-token-for-three-workers"],
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        answers = []
        while len(answers) < 30:
            try:
                answers.append(httpx.get(f"{url}/api/facets", params={"actor": "TTP"}, timeout=30))
            except httpx.TransportError:
                assert time.monotonic() < deadline and process.poll() is None, "the server did not start"
                time.sleep(0.2)
        assert {r.status_code for r in answers} == {200}
        assert len({r.text for r in answers}) == 1  # every worker answers the same
        workers = [c for c in _children(process.pid)
                   if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]  # fmt: skip
        assert len(workers) == 3
        wrong = httpx.post(f"{url}/api/documents", content=b"text", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401  # every worker holds the one token
    finally:
        process.terminate()
        process.wait(timeout=60)


def test_what_a_server_loads_to_keep_is_frozen_out_of_the_collectors_sight() -> None:
    """After its load, a server process's objects are frozen (gc.freeze), so the full collections its
    requests cause no longer rescan them; the garbage the load left is collected first."""
    import gc
    import weakref

    from dateline.serve.command import settled

    class Kept:
        pass

    kept: list[Kept] = []
    dropped: list[weakref.ref[Kept]] = []

    def load() -> None:
        kept.append(Kept())
        cycle = Kept()
        cycle.me = cycle  # type: ignore[attr-defined]  # garbage only the cycle collector frees
        dropped.append(weakref.ref(cycle))

    gc.unfreeze()
    try:
        settled(load)()
        assert dropped[0]() is None  # collected before the freeze, not frozen with the rest
        assert gc.get_freeze_count() > 0
        assert not any(o is kept[0] for o in gc.get_objects())  # alive, in no generation: frozen
    finally:
        gc.unfreeze()
