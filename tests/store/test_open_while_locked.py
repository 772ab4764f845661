"""Processes that open one new database at the same moment all get it, none "database is locked"."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

OPENER = """
import sys, time
from dateline.store.store import Store
start, folder, rounds = float(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for k in range(rounds):
    while time.time() < start + 0.25 * k:  # every process opens round k's database at once
        time.sleep(0.001)
    Store.open(f"{folder}/round{k}.db").close()
"""


def test_processes_opening_a_new_database_at_once_all_open_it(tmp_path: Path) -> None:
    rounds = 12
    start = time.time() + 3  # time for every process to start and import
    openers = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, str(start), str(tmp_path), str(rounds)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    errors = [opener.communicate(timeout=120)[1] for opener in openers]
    assert [opener.returncode for opener in openers] == [0, 0, 0, 0], "\n".join(errors)[-2000:]
    assert len(list(tmp_path.glob("round*.db"))) == rounds
