"""What runs on a Dask worker: the pipeline, loaded once per worker, and the reading of one batch.

:class:`PipelinePlugin` is registered with the client; Dask runs its ``setup`` on every worker of the
cluster, and on every worker that joins later (one a nanny restarts after a crash), so each worker
process loads the pipeline exactly once. Two tasks: :func:`read_batch` (a few documents in, their
records and the documents the pipeline failed on out; it writes nothing) and :func:`store_batch`
(the same reading, the records then stored by the worker itself, through its own connection to the
store, and only their counts sent back). A store task Dask runs twice (its worker died before the
result came back) stores nothing twice: the store keeps each text once (content hash, ``ON CONFLICT
DO NOTHING``), and the second run finds the first one's documents stored.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field

from distributed import Worker, WorkerPlugin, get_worker

from dateline.extract import Extractor
from dateline.records import Document, Record
from dateline.store import AddOutcome, Store

#: The name the plugin is registered under on each worker.
PLUGIN_NAME = "dateline-pipeline"


@dataclass
class BatchResult:
    """One batch read on a worker: the records, and (document, message) for each document that failed."""

    records: list[Record] = field(default_factory=list)
    failures: list[tuple[Document, str]] = field(default_factory=list)


@dataclass
class StoredBatch:
    """One batch read and stored on a worker: how many documents it stored, how many it found stored
    already, the records refused (an id stored with other text: (record, message)), and (document,
    message) for each document the pipeline failed on."""

    stored: int = 0
    already_stored: int = 0
    refused: list[tuple[Record, str]] = field(default_factory=list)
    failures: list[tuple[Document, str]] = field(default_factory=list)


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline once in each worker process (a ``distributed.WorkerPlugin``).

    ``model`` and ``actor_files`` are as for :class:`~dateline.extract.Extractor`; the files must be
    readable at the same paths on every worker.
    """

    name = PLUGIN_NAME

    def __init__(self, model: str | None = None, actor_files: Sequence[str] | None = None) -> None:
        self.model = model
        self.actor_files = list(actor_files) if actor_files is not None else None
        self.extractor: Extractor | None = None
        self._store: tuple[str, Store] | None = None

    def setup(self, worker: Worker) -> None:
        self.extractor = Extractor(model=self.model, actor_files=self.actor_files)

    def teardown(self, worker: Worker) -> None:
        self.extractor = None
        self.release_store()

    def store(self, target: str) -> Store:
        """The store at ``target``, opened by this worker once (one connection a worker, kept for the
        run); another target closes the one before."""
        if self._store is None or self._store[0] != target:
            self.release_store()
            self._store = (target, Store.open(target))
        return self._store[1]

    def release_store(self, target: str | None = None) -> None:
        """Close the store this worker holds (only if it is ``target``, when given)."""
        if self._store is not None and target in (None, self._store[0]):
            self._store[1].close()
            self._store = None

    def __getstate__(self) -> dict[str, object]:  # the loaded pipeline and the store never travel
        return {"model": self.model, "actor_files": self.actor_files, "extractor": None, "_store": None}


def worker_plugin() -> PipelinePlugin:
    """The plugin of the worker this task runs on (its pipeline loaded)."""
    plugin = get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, PipelinePlugin) and plugin.extractor is not None, "the plugin is not set up"
    return plugin


def worker_extractor() -> Extractor:
    """The pipeline of the worker this task runs on."""
    extractor = worker_plugin().extractor
    assert extractor is not None
    return extractor


def read_batch(documents: list[Document]) -> BatchResult:
    """Read ``documents`` on this worker. When the pipeline fails on the batch, each document is read on
    its own, so only those it fails on are lost (and reported)."""
    return read_documents(worker_extractor(), documents)


def store_batch(documents: list[Document], target: str) -> StoredBatch:
    """Read ``documents`` on this worker and store their records in the store at ``target`` (a URL), all
    in one transaction; the counts go back, the records stay here. A store error fails the task."""
    plugin = worker_plugin()
    result = read_documents(worker_extractor(), documents)
    outcome = AddOutcome()
    if result.records:
        plugin.store(target).add_records(result.records, batch_size=len(result.records), outcome=outcome)
    refused = [(record, error.message) for record, error in outcome.refused]
    return StoredBatch(outcome.stored, outcome.already_stored, refused, result.failures)


def release_store(target: str, dask_worker: Worker) -> None:
    """Run on every worker (``Client.run``) at the end of a run: close its connection to the store at
    ``target`` (a SQLite file is then whole again, its write-ahead log checkpointed)."""
    plugin = dask_worker.plugins.get(PLUGIN_NAME)
    if isinstance(plugin, PipelinePlugin):
        plugin.release_store(target)


def read_documents(extractor: Extractor, documents: list[Document]) -> BatchResult:
    """The records of ``documents``; a document the pipeline raises on is returned as a failure."""
    try:
        return BatchResult(records=list(extractor.records(documents)))
    except Exception:  # any component's error is this batch's, not the run's
        if len(documents) == 1:
            return BatchResult(failures=[(documents[0], _message())])
    result = BatchResult()
    for document in documents:
        try:
            result.records.extend(extractor.records([document]))
        except Exception:
            result.failures.append((document, _message()))
    return result


def _message() -> str:
    """The error being handled, as one line: its type, message and the place it was raised."""
    lines = traceback.format_exc().strip().splitlines()
    where = next((line.strip() for line in reversed(lines) if line.strip().startswith("File ")), "")
    return f"{lines[-1]} ({where})" if where else lines[-1]
