"""`dateline ingest` killed with SIGKILL mid-run, then run again, stores every document exactly once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PLACES = ["Kunduz", "Gao", "Marib", "Idlib", "Kharkiv", "Mopti", "Baidoa", "Sittwe"]


def write_corpus(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            place = PLACES[i % len(PLACES)]
            text = (
                f"Report {i}: at least {i % 40 + 2} people were killed in {place} on Monday, officials said. "
                f"\u201cThe situation is very tense,\u201d a local elder told reporters after {i % 9 + 1} "
                f"houses burned. Some {i * 3 + 10} families fled toward the district centre last week."
            )
            f.write(json.dumps({"id": f"r{i}", "text": text, "published": "2023-05-10"}) + "\n")


def stored(db: Path) -> tuple[int, int]:
    if not db.exists():
        return 0, 0
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        total = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        distinct = con.execute("SELECT count(DISTINCT content_hash) FROM documents").fetchone()[0]
        return total, distinct
    except sqlite3.OperationalError:  # schema not created yet
        return 0, 0
    finally:
        con.close()


def test_kill_and_resume_stores_every_document_once(dateline_cmd: list[str], tmp_path: Path) -> None:
    n = 800
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, n)
    db = tmp_path / "resume.db"
    argv = [*dateline_cmd, "ingest", str(corpus), "--db", str(db)]

    proc = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 120
    at_kill = 0
    while time.monotonic() < deadline:
        at_kill, _ = stored(db)
        if at_kill >= 40 or proc.poll() is not None:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    after_kill, distinct = stored(db)
    assert 0 < after_kill < n, "the kill must land mid-run"
    assert after_kill == distinct

    resumed = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{n - after_kill} stored, {after_kill} already stored" in resumed.stderr

    total, distinct = stored(db)
    assert total == distinct == n
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = {row[0] for row in con.execute("SELECT id FROM documents")}
    con.close()
    assert ids == {f"r{i}" for i in range(n)}
