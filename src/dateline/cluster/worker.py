"""What runs on a Dask worker: the pipeline, loaded once per worker, and the reading of one batch.

:class:`PipelinePlugin` is registered with the client; Dask runs its ``setup`` on every worker of the
cluster, and on every worker that joins later (one a nanny restarts after a crash), so each worker
process loads the pipeline exactly once. :func:`read_batch` is the task: a few documents in, their
records and the documents the pipeline failed on out. It writes nothing: the client stores the
results, so a task Dask runs twice (its worker died before the result came back) stores nothing twice.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field

from distributed import Worker, WorkerPlugin, get_worker

from dateline.extract import Extractor
from dateline.records import Document, Record

#: The name the plugin is registered under on each worker.
PLUGIN_NAME = "dateline-pipeline"


@dataclass
class BatchResult:
    """One batch read on a worker: the records, and (document, message) for each document that failed."""

    records: list[Record] = field(default_factory=list)
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

    def setup(self, worker: Worker) -> None:
        self.extractor = Extractor(model=self.model, actor_files=self.actor_files)

    def teardown(self, worker: Worker) -> None:
        self.extractor = None

    def __getstate__(self) -> dict[str, object]:  # the loaded pipeline never travels
        return {"model": self.model, "actor_files": self.actor_files, "extractor": None}


def worker_extractor() -> Extractor:
    """The pipeline of the worker this task runs on."""
    plugin = get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, PipelinePlugin) and plugin.extractor is not None, "the plugin is not set up"
    return plugin.extractor


def read_batch(documents: list[Document]) -> BatchResult:
    """Read ``documents`` on this worker. When the pipeline fails on the batch, each document is read on
    its own, so only those it fails on are lost (and reported)."""
    return read_documents(worker_extractor(), documents)


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
