"""Several processes storing overlapping records at once: every document stored exactly once, on both
engines (SQLite's writers take turns; PostgreSQL's run at once and meet on the unique keys)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from dateline.identity import content_hash
from dateline.records import Record
from dateline.store import AddOutcome, Store

WRITERS = 4
DOCUMENTS = 120


def _record(i: int) -> Record:
    text = f"Report {i}: fighting near Town {i % 7} again, police said."
    place = {"id": f"p{i % 7}", "name": f"Town {i % 7}", "lat": 1.0 + i % 7, "lon": 2.0, "feature": "PPL",
             "mentions": [{"text": f"Town {i % 7}", "span": [text.index("Town"), text.index(" again")]}]}
    actor = {"id": f"a{i % 5}", "name": f"Group {i % 5}", "kind": "militant_group",
             "mentions": [{"text": "police", "span": [text.index("police"), text.index("police") + 6]}]}
    return Record(id=f"r{i}", text=text, published="2024-01-02", dateline=None, places=[place],
                  actors=[actor], content_hash=content_hash(text))  # fmt: skip


def _write(target: str, start: int, backwards: bool, barrier, results) -> None:
    # each writer takes an overlapping half of the documents, half of them in the other order
    ids = [(start + k) % DOCUMENTS for k in range(DOCUMENTS // 2)]
    records = [_record(i) for i in (reversed(ids) if backwards else ids)]
    outcome = AddOutcome()
    with Store.open(target) as store:
        barrier.wait()
        store.add_records(records, batch_size=3, outcome=outcome)
    results.put((outcome.stored, outcome.already_stored, len(outcome.refused)))


def test_overlapping_writers_store_every_document_once(db: Path | str) -> None:
    Store.open(db).close()  # the schema first: creating it at once is test_open_while_locked's
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(WRITERS), context.Queue()
    writers = [context.Process(target=_write, args=(str(db), n * DOCUMENTS // WRITERS, n % 2 == 1,
                                                     barrier, results)) for n in range(WRITERS)]  # fmt: skip
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert [writer.exitcode for writer in writers] == [0] * WRITERS
    outcomes = [results.get(timeout=10) for _ in writers]
    assert sum(stored for stored, _, _ in outcomes) == DOCUMENTS
    assert all(stored + already == DOCUMENTS // 2 and refused == 0 for stored, already, refused in outcomes)
    with Store.open(db, readonly=True) as store:
        counts = store.counts()
        records = {r.id: r for r in store.iter_records()}
    assert counts["documents"] == DOCUMENTS and counts["doc_places"] == DOCUMENTS
    assert counts["places"] == 7 and counts["actors"] == 5 and counts["mentions"] == 2 * DOCUMENTS
    assert records == {f"r{i}": _record(i) for i in range(DOCUMENTS)}
