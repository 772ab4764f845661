"""Reading documents on a Dask cluster, as :class:`~dateline.extract.Extractor` reads them in one process.

:class:`DaskExtractor` has the extractor's ``records(documents)``, so ``ingest_paths`` and
``extract_paths`` (and with them ``dateline ingest`` and ``dateline extract``) run on a cluster
unchanged: documents are read here, sent in batches of a few to the workers (each holding the
pipeline, loaded once), and the records stream back here, where they are stored or written. Only a
few batches per worker are in flight at any time, so memory stays flat however large the corpus.

What it guarantees:

- a worker that dies (killed, out of memory) loses nothing: Dask runs its tasks again on the others
  (or on the worker its nanny starts in its place); the results reach the client once per task, and
  the store skips a document it holds, so each document is stored once;
- a batch whose task fails (a worker died each time it was tried: Dask's ``KilledWorker``) is tried
  again one document per task, so only the document that kills workers is lost, reported as E108;
  a document the pipeline raises on is reported as E108 too, and the others are read;
- records come in the order batches finish, not the input order.
"""

from __future__ import annotations

import itertools
import logging
import os
import re
import tempfile
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager

import dask
from distributed import Client, Future, LocalCluster, as_completed

from dateline.cluster.worker import PipelinePlugin, read_batch
from dateline.errors import AnalysisFailed, InvalidOption
from dateline.extract import FailureHandler
from dateline.records import Document, Record

#: Documents per task: small enough to share the work evenly and lose little when a worker dies.
BATCH_SIZE = 8
#: Batches in flight per worker thread: enough that no worker waits for the client.
BATCHES_PER_THREAD = 3
#: What ``--dask`` without an address means: a cluster on this machine.
LOCAL = "local"

#: Dask settings of the local cluster. Dask's nannies start workers with ``MALLOC_TRIM_THRESHOLD_=65536``
#: (to hand freed memory back to the system sooner); with it the pipeline took 12-15 % more CPU time a
#: document (bench/scale.py), and a worker's memory stays flat without it.
LOCAL_CONFIG = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}

_ADDRESS = re.compile(r"^([a-z]+://)?[\w.\-\[\]:]+:\d+$")


def default_workers() -> int:
    """One worker per CPU this process may use (spaCy is CPU bound: one thread each)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def check_scheduler(scheduler: str | None, workers: int | None) -> None:
    """Refuse a ``--dask`` value that is no scheduler address, and ``--workers`` with a remote scheduler
    (E203), before anything starts."""
    if workers is not None and workers < 1:
        raise InvalidOption(f"--workers must be 1 or more, got {workers}")
    if scheduler in (None, LOCAL):
        return
    if not _ADDRESS.match(scheduler):
        raise InvalidOption(
            f"--dask {scheduler!r} is not a scheduler address (tcp://HOST:PORT); for a cluster on this "
            "machine write --dask with no value after the paths, or --dask=local"
        )
    if workers is not None:
        raise InvalidOption("--workers starts a local cluster; a remote scheduler has its own workers")


class DaskExtractor:
    """Turns documents into records on the workers of a Dask ``client``.

    The workers must hold the pipeline: :meth:`start` registers :class:`PipelinePlugin` for that.

    >>> with DaskExtractor.start(workers=2) as extractor:        # doctest: +SKIP
    ...     report = ingest_paths(["corpus/"], extractor, store)
    """

    def __init__(self, client: Client, *, batch_size: int = BATCH_SIZE) -> None:
        if batch_size < 1:
            raise InvalidOption(f"batch_size must be 1 or more, got {batch_size}")
        self.client = client
        self.batch_size = batch_size

    @classmethod
    @contextmanager
    def start(
        cls,
        scheduler: str | None = None,
        *,
        workers: int | None = None,
        model: str | None = None,
        actor_files: Sequence[str] | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> Iterator[DaskExtractor]:
        """Connect to ``scheduler`` (``tcp://host:port``), or with none (or ``"local"``) start a
        ``LocalCluster`` of ``workers`` processes (default: one per CPU) with one thread each, on
        127.0.0.1 and without a dashboard; load the pipeline on every worker; close what was started
        on exit."""
        check_scheduler(scheduler, workers)
        with ExitStack() as stack:
            if scheduler in (None, LOCAL):
                stack.enter_context(dask.config.set(LOCAL_CONFIG))
                # its own scratch folder: clusters started side by side do not clean up each other's
                scratch = stack.enter_context(tempfile.TemporaryDirectory(prefix="dateline-dask-"))
                cluster = LocalCluster(
                    local_directory=scratch,
                    n_workers=workers or default_workers(),
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    # no dashboard; the scheduler's health page on a free port of 127.0.0.1 only
                    scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
                    silence_logs=logging.ERROR,
                )
                stack.enter_context(cluster)
                client = stack.enter_context(Client(cluster))
            else:
                client = stack.enter_context(Client(scheduler))
            client.register_plugin(PipelinePlugin(model, actor_files))
            yield cls(client, batch_size=batch_size)

    def _window(self) -> int:
        threads = sum(self.client.nthreads().values())
        return max(2, BATCHES_PER_THREAD * threads)

    def records(
        self, documents: Iterable[Document], *, on_failure: FailureHandler | None = None
    ) -> Iterator[Record]:
        """One record per document, as its batch finishes; a document the pipeline failed on is given to
        ``on_failure`` (without one, :class:`AnalysisFailed` is raised)."""
        batches = _batched(documents, self.batch_size)
        pending: dict[Future, list[Document]] = {}
        finished = as_completed()

        def submit(batch: list[Document]) -> None:
            future = self.client.submit(read_batch, batch, key=f"dateline-read-{uuid.uuid4().hex}")
            pending[future] = batch
            finished.add(future)

        def failed(document: Document, why: str) -> None:
            error = AnalysisFailed(f"{document.origin or document.id}: could not be read: {why}")
            if on_failure is None:
                raise error
            on_failure(document, error)

        try:
            for batch in itertools.islice(batches, self._window()):
                submit(batch)
            for future in finished:
                batch = pending.pop(future)
                try:
                    result = future.result()
                except Exception as exc:  # the task failed: its worker died each time it was tried
                    if len(batch) > 1:
                        for document in batch:  # one task each: only the culprit is lost
                            submit([document])
                    else:
                        failed(batch[0], f"{type(exc).__name__}: {exc}")
                else:
                    for document, why in result.failures:
                        failed(document, why)
                    yield from result.records
                future.release()
                following = next(batches, None)
                if following is not None:
                    submit(following)
        finally:
            if pending:  # the caller stopped early: nothing more is wanted
                self.client.cancel(list(pending))


def _batched(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
