"""`dateline ingest` killed mid-run resumes; concurrent ingests and reused ids are reported, adding up."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from dateline.records import Document

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


def report_numbers(stderr: str) -> dict[str, int]:
    """The counts of an ingest's last line: documents, stored, already, meanwhile, refused, unreadable."""
    line = [ln for ln in stderr.splitlines() if "document(s):" in ln][-1]
    pattern = (
        r"(\d+) document\(s\): (\d+) stored, (\d+) already stored, (\d+) stored by another process "
        r"meanwhile, (\d+) refused \(E300\), (\d+) could not be read"
    )
    match = re.search(pattern, line)
    assert match, line
    keys = ("documents", "stored", "already", "meanwhile", "refused", "unreadable")
    return dict(zip(keys, map(int, match.groups()), strict=True))


def test_concurrent_ingests_report_numbers_that_add_up(dateline_cmd: list[str], tmp_path: Path) -> None:
    n = 30
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, n)
    db = tmp_path / "shared.db"
    argv = [*dateline_cmd, "ingest", str(corpus), "--db", str(db)]
    procs = [
        subprocess.Popen(argv, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True) for _ in range(2)
    ]
    reports = []
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        reports.append(report_numbers(err))
    for r in reports:
        assert r["documents"] == n
        assert r["stored"] + r["already"] + r["meanwhile"] + r["refused"] + r["unreadable"] == n, r
    assert sum(r["stored"] for r in reports) == n
    assert stored(db) == (n, n)


def test_a_document_stored_by_another_process_meanwhile_is_counted(extractor, tmp_path: Path) -> None:
    from dateline.extract import ingest_paths
    from dateline.store import Store

    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 6)
    db = tmp_path / "race.db"
    others = list(
        extractor.records(Document(**json.loads(line)) for line in corpus.read_text().splitlines()[3:])
    )
    with Store.open(db) as store, Store.open(db) as other:
        raced = []

        def advance(_n: int) -> None:  # the other process stores the last three while this one reads
            if not raced:
                raced.append(other.add_records(others))

        report = ingest_paths([corpus], extractor, store, advance=advance, batch_size=2)
    assert raced == [3]
    assert (report.read, report.stored, report.already_stored, report.stored_elsewhere) == (6, 3, 0, 3)


def test_a_reused_id_is_reported_and_the_others_are_stored(dateline_cmd: list[str], tmp_path: Path) -> None:
    corpus = tmp_path / "feed.jsonl"
    lines = [
        {"id": "a", "text": "Five people were killed in Gao on Monday, officials said."},
        {"id": "same", "text": "Two soldiers died in Mopti on Tuesday."},
        {"id": "same", "text": "Protesters gathered in Bamako on Friday."},
        {"id": "b", "text": "Fighting continued near Kidal, residents said."},
    ]
    corpus.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    db = tmp_path / "ids.db"
    done = subprocess.run(
        [*dateline_cmd, "ingest", str(corpus), "--db", str(db)], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "error[E300]" in done.stderr and "'same'" in done.stderr and "feed.jsonl:3" in done.stderr
    numbers = report_numbers(done.stderr)
    assert (numbers["documents"], numbers["stored"], numbers["refused"]) == (4, 3, 1)
    con = sqlite3.connect(db)
    texts = dict(con.execute("SELECT id, text FROM documents"))
    con.close()
    assert set(texts) == {"a", "same", "b"} and texts["same"].startswith("Two soldiers")
