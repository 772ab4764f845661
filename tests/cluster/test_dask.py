"""`--dask`: documents read on a real LocalCluster (the real pipeline on each worker) are stored as in one
process, each exactly once, even when a worker is killed mid-run; failures are reported, not fatal."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dateline.extract import ingest_paths
from dateline.store import Store

distributed = pytest.importorskip("distributed")

from dateline.cluster import DaskExtractor  # noqa: E402 - only with the dask extra

PLACES = ["Kunduz", "Gao", "Marib", "Idlib", "Kharkiv", "Mopti", "Baidoa", "Sittwe"]


def write_corpus(path: Path, n: int, *, start: int = 0) -> Path:
    """``n`` short reports, every third with no publication date."""
    with path.open("w", encoding="utf-8") as f:
        for i in range(start, start + n):
            text = (
                f"Report {i}: at least {i % 40 + 2} people were killed in {PLACES[i % len(PLACES)]} on "
                f"Monday, officials said. Some {i * 3 + 10} families fled toward the district centre."
            )
            published = None if i % 3 == 0 else f"2023-05-{i % 28 + 1:02d}"
            f.write(json.dumps({"id": f"r{i}", "text": text, "published": published}) + "\n")
    return path


def stored_records(db: Path) -> dict[str, dict]:
    with Store.open(db, readonly=True) as store:
        return {record.id: record.to_dict() for record in store.iter_records()}


@pytest.fixture(scope="module")
def dask_extractor() -> Iterator[DaskExtractor]:
    with DaskExtractor.start(workers=2) as extractor:
        yield extractor


def test_dask_stores_the_same_records_as_one_process(
    dask_extractor: DaskExtractor, extractor, repo_root: Path, tmp_path: Path
) -> None:
    paths = [repo_root / "examples" / "founding_articles.jsonl", write_corpus(tmp_path / "c.jsonl", 12)]
    for name, reader in (("plain.db", extractor), ("dask.db", dask_extractor)):
        with Store.open(tmp_path / name) as store:
            report = ingest_paths(paths, reader, store)
        assert report.ok and report.stored == 14
    plain, dask = stored_records(tmp_path / "plain.db"), stored_records(tmp_path / "dask.db")
    assert len(plain) == 14 and dask == plain
    with Store.open(tmp_path / "dask.db") as store:  # a re-run is incremental: nothing goes to the workers
        again = ingest_paths(paths, dask_extractor, store)
    assert (again.stored, again.already_stored) == (0, 14)


def test_workers_store_into_postgresql_the_records_one_process_stores(
    dask_extractor: DaskExtractor, extractor, new_database, repo_root: Path, tmp_path: Path
) -> None:
    paths = [repo_root / "examples" / "founding_articles.jsonl", write_corpus(tmp_path / "c.jsonl", 12)]
    with Store.open(tmp_path / "plain.db") as store:
        assert ingest_paths(paths, extractor, store).stored == 14
    url = new_database()
    with Store.open(url) as store:
        assert dask_extractor.stores_into(store)
        report = ingest_paths(paths, dask_extractor, store)
        assert report.ok and report.stored == 14
        again = ingest_paths(paths, dask_extractor, store)
    assert (again.stored, again.already_stored) == (0, 14)
    assert stored_records(url) == stored_records(tmp_path / "plain.db")


def test_where_the_workers_write(dask_extractor: DaskExtractor, new_database, tmp_path: Path) -> None:
    """PostgreSQL: always; a SQLite file: only from a cluster on this machine; a Parquet dataset or a
    read-only store: never (the records come back to be written here)."""
    from dateline.export.dataset import ParquetDataset

    remote = DaskExtractor(dask_extractor.client, local=False)
    with Store.open(tmp_path / "s.db") as sqlite, Store.open(new_database()) as postgres:
        assert dask_extractor.stores_into(sqlite) and not remote.stores_into(sqlite)
        assert dask_extractor.stores_into(postgres) and remote.stores_into(postgres)
    with Store.open(tmp_path / "s.db", readonly=True) as readonly:
        assert not dask_extractor.stores_into(readonly)
    assert not dask_extractor.stores_into(ParquetDataset(tmp_path / "p"))


def test_documents_stored_by_the_workers_come_back_as_counts(dask_extractor: DaskExtractor, tmp_path: Path):
    from dateline.ingest import read_documents
    from dateline.store import AddOutcome

    documents = list(read_documents([write_corpus(tmp_path / "c.jsonl", 9)]))
    advanced: list[int] = []
    with Store.open(tmp_path / "w.db") as store:
        outcome = AddOutcome()
        dask_extractor.store(documents, store, outcome=outcome, on_failure=print, advance=advanced.append)
        assert (outcome.stored, outcome.already_stored, sum(advanced)) == (9, 0, 9)
        dask_extractor.store(documents[:4], store, outcome=(again := AddOutcome()), on_failure=print)
        assert (again.stored, again.already_stored) == (0, 4)
    assert sorted(stored_records(tmp_path / "w.db")) == [f"r{i}" for i in range(9)]


def ingest_killing_a_worker(reader: DaskExtractor, db: Path, corpus: Path, n: int) -> None:
    """Ingest ``corpus`` with ``reader``, SIGKILLing a busy worker once the first records are stored; check
    that its nanny started another and that every document is stored exactly once. (The workers store:
    a document the killed worker stored just before it died counts as stored by another process.)"""
    client = reader.client
    pids = client.run(os.getpid)
    killed: list[int] = []

    def kill_a_busy_worker(_: int) -> None:
        if killed:
            return
        busy = [worker for worker, tasks in client.processing().items() if tasks]
        killed.append(pids[busy[0]])
        os.kill(killed[0], signal.SIGKILL)

    with Store.open(db) as store:
        report = ingest_paths([corpus], reader, store, advance=kill_a_busy_worker)
        client.wait_for_workers(2, timeout=60)  # the nanny restarted it (and it loaded the pipeline)
        assert killed and killed[0] not in client.run(os.getpid).values()
        assert report.ok and report.stored + report.stored_elsewhere == n and report.already_stored == 0
        assert store.counts()["documents"] == n
    assert sorted(stored_records(db)) == sorted(f"r{i}" for i in range(n))


def test_a_killed_workers_tasks_run_again_elsewhere(dask_extractor: DaskExtractor, tmp_path: Path) -> None:
    """Dask's default: the tasks a lost worker held run again on another worker."""
    reader = DaskExtractor(dask_extractor.client, batch_size=2)
    ingest_killing_a_worker(reader, tmp_path / "k.db", write_corpus(tmp_path / "c.jsonl", 48), 48)


def test_a_batch_that_failed_with_its_worker_is_read_again_one_by_one(tmp_path: Path) -> None:
    """With no failures allowed, the killed worker's tasks fail (KilledWorker): their documents are sent
    again one per task, and only a document that kills a worker on its own would be lost (E108)."""
    import dask

    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        DaskExtractor.start(workers=2, batch_size=2) as reader,
    ):
        ingest_killing_a_worker(reader, tmp_path / "k.db", write_corpus(tmp_path / "c.jsonl", 48), 48)


def fail_on_marker(doc):  # a user's own component that fails on one document
    if "MARKER" in doc.text:
        raise ValueError("this component cannot read MARKER")
    return doc


def add_failing_component(dask_worker) -> None:  # run on each worker: add it to the worker's pipeline
    from spacy.language import Language

    from dateline.cluster.worker import PLUGIN_NAME

    if not Language.has_factory("test_fail_on_marker"):
        Language.component("test_fail_on_marker", func=fail_on_marker)
    dask_worker.plugins[PLUGIN_NAME].extractor.nlp.add_pipe("test_fail_on_marker")


def remove_failing_component(dask_worker) -> None:
    from dateline.cluster.worker import PLUGIN_NAME

    dask_worker.plugins[PLUGIN_NAME].extractor.nlp.remove_pipe("test_fail_on_marker")


def test_a_document_the_pipeline_fails_on_is_reported_and_the_others_stored(
    dask_extractor: DaskExtractor, tmp_path: Path
) -> None:
    import cloudpickle

    corpus = write_corpus(tmp_path / "c.jsonl", 10)
    with corpus.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "m", "text": "MARKER: gunmen killed two people in Gao."}) + "\n")
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this module
    client = dask_extractor.client
    client.run(add_failing_component)
    problems = []
    try:
        with Store.open(tmp_path / "f.db") as store:
            report = ingest_paths([corpus], dask_extractor, store, on_problem=problems.append)
    finally:
        client.run(remove_failing_component)
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert [(p.origin, p.error.code) for p in problems] == [(f"{corpus}:11", "E108")]
    assert "ValueError: this component cannot read MARKER" in problems[0].error.message
    assert (report.read, report.stored, report.unreadable) == (10, 10, 1)
    assert sorted(stored_records(tmp_path / "f.db")) == sorted(f"r{i}" for i in range(10))


@pytest.fixture
def run_cli(dateline_cmd: list[str]) -> Callable[..., subprocess.CompletedProcess[str]]:
    env = {**os.environ, "COLUMNS": "200"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*dateline_cmd, *args], capture_output=True, text=True, env=env, timeout=240, check=False
        )

    return run


@pytest.mark.slow
def test_cli_reports_bad_documents_and_stores_the_rest(run_cli, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 3)
    with corpus.open("a", encoding="utf-8") as f:
        f.write('{"id": "bad", nope\n')
        f.write(json.dumps({"id": "r1", "text": "Other text under a stored id."}) + "\n")
    db = tmp_path / "cli.db"
    result = run_cli("ingest", str(corpus), "--db", str(db), "--dask", "--workers", "1")
    assert result.returncode == 1, result.stderr
    assert "error[E106]" in result.stderr and "c.jsonl:4" in result.stderr
    assert "error[E300]" in result.stderr and "'r1'" in result.stderr
    assert (
        "5 document(s): 3 stored, 0 already stored, 0 stored by another process meanwhile, 1 refused (E300), "
        "1 could not be read" in result.stderr
    )
    assert sorted(stored_records(db)) == ["r0", "r1", "r2"]
    refused = run_cli("ingest", str(corpus), "--db", str(db), "--dask", "not-an-address")
    assert refused.returncode == 2 and "error[E203]" in refused.stderr


def test_dask_ingest_into_a_parquet_dataset_read_by_pandas_and_duckdb(
    dask_extractor: DaskExtractor, tmp_path: Path
) -> None:
    import duckdb
    import pandas as pd

    from dateline.export.dataset import ParquetDataset

    corpus = write_corpus(tmp_path / "c.jsonl", 9)
    folder = tmp_path / "dataset"
    report = ingest_paths([corpus], dask_extractor, ParquetDataset(folder))
    assert report.ok and report.stored == 9
    documents = pd.read_parquet(folder / "documents")
    assert sorted(documents["id"]) == [f"r{i}" for i in range(9)]
    partitions = dict(zip(documents["id"], documents["date"].astype(str), strict=True))
    assert partitions == {f"r{i}": "undated" if i % 3 == 0 else f"2023-05-{i + 1:02d}" for i in range(9)}
    events = pd.read_parquet(folder / "events")
    assert set(events["document_id"]) == set(documents["id"])  # each report tells of a killing
    by_document = dict(zip(events["document_id"], events["date"].astype(str), strict=False))
    assert all(by_document[doc] == date for doc, date in partitions.items())
    dated = duckdb.sql(
        f"SELECT date, count(DISTINCT document_id) AS n FROM read_parquet('{folder}/places/*/*.parquet', "
        "hive_partitioning = true) WHERE date <> 'undated' GROUP BY date"
    ).fetchall()
    assert sum(n for _, n in dated) == 6
    again = ingest_paths([corpus], dask_extractor, ParquetDataset(folder))  # incremental
    assert (again.stored, again.already_stored) == (0, 9)
