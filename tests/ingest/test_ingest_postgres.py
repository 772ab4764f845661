"""`dateline ingest` from 4 processes at once into one PostgreSQL database, with overlapping inputs:
every document stored exactly once, none lost, and each process's numbers add up."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa
from test_ingest_resume import report_numbers  # this folder's (pytest puts it on the path)

from dateline.store.engine import make_engine

pytestmark = pytest.mark.slow

PLACES = ["Kunduz", "Gao", "Marib", "Idlib", "Kharkiv", "Mopti", "Baidoa", "Sittwe"]
DOCUMENTS = 16
PROCESSES = 4


def _line(i: int) -> str:
    place = PLACES[i % len(PLACES)]
    text = (f"Report {i}: at least {i + 2} people were killed in {place} on Monday, officials said. "
            f"Militants attacked a police checkpoint near {PLACES[(i + 3) % len(PLACES)]}.")  # fmt: skip
    return json.dumps({"id": f"r{i}", "text": text, "published": "2023-05-10"}) + "\n"


def test_four_ingests_of_overlapping_files_store_every_document_once(
    dateline_cmd: list[str], new_database, tmp_path: Path
) -> None:
    url = new_database()
    # four files of eight documents; each document is in two files, each process reads two files
    files = []
    for k in range(PROCESSES):
        path = tmp_path / f"feed{k}.jsonl"
        path.write_text("".join(_line((4 * k + j) % DOCUMENTS) for j in range(8)), encoding="utf-8")
        files.append(path)
    argvs = [[*dateline_cmd, "ingest", str(files[k]), str(files[(k + 1) % PROCESSES]), "--db", url]
             for k in range(PROCESSES)]  # fmt: skip
    procs = [subprocess.Popen(argv, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
             for argv in argvs]  # fmt: skip
    reports = []
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        reports.append(report_numbers(err))
    for r in reports:
        assert r["documents"] == 16 and r["refused"] == r["unreadable"] == 0, r
        # a document met twice by one process is "already stored" the second time
        assert r["stored"] + r["already"] + r["meanwhile"] == 16, r
    assert sum(r["stored"] for r in reports) == DOCUMENTS
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            ids = conn.execute(sa.text("SELECT id FROM documents ORDER BY id")).scalars().all()
            hashes = conn.execute(sa.text("SELECT count(DISTINCT content_hash) FROM documents")).scalar_one()
            events = conn.execute(sa.text("SELECT count(DISTINCT doc_id) FROM events")).scalar_one()
    finally:
        engine.dispose()
    assert sorted(ids) == sorted(f"r{i}" for i in range(DOCUMENTS)) and hashes == DOCUMENTS
    assert events == DOCUMENTS  # every document's items were stored with it

