"""Reading documents on a Dask cluster, as :class:`~dateline.extract.Extractor` reads them in one process.

:class:`DaskExtractor` has the extractor's ``records(documents)``, so ``ingest_paths`` and
``extract_paths`` (and with them ``dateline ingest`` and ``dateline extract``) run on a cluster
unchanged: documents are read here and sent in batches of a few to the workers (each holding the
pipeline, loaded once). For an ingest into a store the workers can reach (:func:`worker_target`:
PostgreSQL; a SQLite file when the workers run on this machine) each worker stores its batches' records
itself and only the counts come back (``store``); otherwise (a Parquet dataset, ``extract``) the
records stream back here, where they are stored or written. Only a few batches per worker are in flight
at any time, so memory stays flat however large the corpus.

What it guarantees:

- a worker that dies (killed, out of memory) loses nothing: Dask runs its tasks again on the others
  (or on the worker its nanny starts in its place); the store skips a document it holds, so each
  document is stored once (a document the dead worker had stored counts as stored by another process);
- a batch whose task fails (a worker died each time it was tried: Dask's ``KilledWorker``) is tried
  again one document per task, so only the document that kills workers is lost, reported as E108;
  a document the pipeline raises on is reported as E108 too, and the others are read;
- a worker that cannot write to the store stops the run with the store's error, as the client would;
- records come in the order batches finish, not the input order.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import re
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import Any

import dask
from distributed import Client, Future, LocalCluster, as_completed

from dateline.cluster.worker import PipelinePlugin, read_batch, release_store, store_batch
from dateline.errors import AnalysisFailed, InvalidOption, StoreError
from dateline.extract import Advance, FailureHandler, RecordSink
from dateline.records import Document, Record
from dateline.store import AddOutcome, Store

#: Documents per task: small enough to share the work evenly and lose little when a worker dies.
BATCH_SIZE = 8
#: Batches in flight per worker thread: enough that no worker waits for the client.
BATCHES_PER_THREAD = 3
#: What ``--dask`` without an address means: a cluster on this machine.
LOCAL = "local"

#: Dask settings of the local cluster. Dask's nannies start workers with ``MALLOC_TRIM_THRESHOLD_=65536``
#: (to hand freed memory back to the system sooner); with it the pipeline took 12-15 % more CPU time a
#: document (bench/scale.py), and a worker's memory stays flat without it. The local cluster has no
#: dashboard, so nobody reads what a worker's statistical profiler (a sample of the task's stack every
#: 10 ms) and its system monitor (every 0.5 s) gather: they are turned off or slowed down, with the
#: event loop's tick and the memory monitor (which still pauses a worker near its memory limit, checked
#: every second rather than ten times a second). Together they cost a worker about 8 % of its CPU time
#: (a worker's event loop thread 0.55 s against 0.06 s over 80 documents).
LOCAL_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
}

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
    """Turns documents into records on the workers of a Dask ``client``, and stores them there.

    The workers must hold the pipeline: :meth:`start` registers :class:`PipelinePlugin` for that.
    ``local``: the workers run on this machine (they may then write a SQLite file of this machine).

    >>> with DaskExtractor.start(workers=2) as extractor:        # doctest: +SKIP
    ...     report = ingest_paths(["corpus/"], extractor, store)
    """

    def __init__(self, client: Client, *, batch_size: int = BATCH_SIZE, local: bool = False) -> None:
        if batch_size < 1:
            raise InvalidOption(f"batch_size must be 1 or more, got {batch_size}")
        self.client = client
        self.batch_size = batch_size
        self.local = local

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
            yield cls(client, batch_size=batch_size, local=scheduler in (None, LOCAL))

    def _window(self) -> int:
        threads = sum(self.client.nthreads().values())
        return max(2, BATCHES_PER_THREAD * threads)

    def records(
        self, documents: Iterable[Document], *, on_failure: FailureHandler | None = None
    ) -> Iterator[Record]:
        """One record per document, as its batch finishes; a document the pipeline failed on is given to
        ``on_failure`` (without one, :class:`AnalysisFailed` is raised)."""
        for result in self._run(documents, read_batch, on_failure=on_failure):
            yield from result.records

    def stores_into(self, sink: RecordSink) -> bool:
        """Whether the workers write into ``sink`` themselves: a PostgreSQL store always, a SQLite store
        when they run on this machine (see :func:`worker_target`); never a Parquet dataset."""
        return worker_target(sink, local=self.local) is not None

    def store(
        self,
        documents: Iterable[Document],
        sink: RecordSink,
        *,
        outcome: AddOutcome,
        on_failure: FailureHandler,
        advance: Advance | None = None,
    ) -> None:
        """Read ``documents`` on the workers, each storing its batches' records in ``sink`` itself; only
        the counts come back, into ``outcome`` (a refused record told to its ``on_refused``)."""
        target = worker_target(sink, local=self.local)
        if target is None:
            raise InvalidOption("the workers cannot write into this sink; use records()")
        try:
            for result in self._run(documents, store_batch, target, on_failure=on_failure):
                refused = [(record, StoreError(message)) for record, message in result.refused]
                outcome.add(AddOutcome(result.stored, result.already_stored, refused))
                if advance is not None:
                    advance(result.stored + result.already_stored + len(refused))
        finally:
            with contextlib.suppress(OSError, TimeoutError):  # a worker gone has no connection left
                self.client.run(release_store, target)  # each worker's connection closed

    def _run(self, documents: Iterable[Document], task: Callable[..., Any], *args: Any,
             on_failure: FailureHandler | None) -> Iterator[Any]:  # fmt: skip
        """``task(batch, *args)`` on the workers for each batch of ``documents``, a few batches in flight;
        each result as its task finishes, once each document the pipeline failed on has been given to
        ``on_failure``. A batch whose task failed (its worker died each time) is run again one document a
        task; a store error on a worker stops the run."""
        batches = _batched(documents, self.batch_size)
        pending: dict[Future, list[Document]] = {}
        finished = as_completed()

        def submit(batch: list[Document]) -> None:
            future = self.client.submit(task, batch, *args, key=f"dateline-read-{uuid.uuid4().hex}")
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
                except StoreError:  # the worker could not write: as fatal as for the client
                    raise
                except Exception as exc:  # the task failed: its worker died each time it was tried
                    if len(batch) > 1:
                        for document in batch:  # one task each: only the culprit is lost
                            submit([document])
                    else:
                        failed(batch[0], f"{type(exc).__name__}: {exc}")
                else:
                    for document, why in result.failures:
                        failed(document, why)
                    yield result
                future.release()
                following = next(batches, None)
                if following is not None:
                    submit(following)
        finally:
            if pending:  # the caller stopped early: nothing more is wanted
                self.client.cancel(list(pending))


def worker_target(sink: RecordSink, *, local: bool) -> str | None:
    """Where workers write ``sink`` (a store's URL, password included), or None when the records must
    come back to be written here.

    A PostgreSQL store: each worker writes through its own connection (the server takes any number of
    writers; a text is stored once however many meet it). A SQLite file: only by workers on this
    machine (SQLite's locking does not hold across a network file system), one transaction at a time
    (``BEGIN IMMEDIATE``, the others waiting up to the busy timeout). A Parquet dataset: never, it is
    written 500 documents to a part by one writer, and a worker's own small parts would multiply its
    files, and a part a killed worker wrote before its result came back would be written twice.
    """
    if not isinstance(sink, Store) or sink.readonly:
        return None
    backend = sink.engine.url.get_backend_name()
    if backend == "postgresql" or (backend == "sqlite" and local):
        return sink.engine.url.render_as_string(hide_password=False)
    return None


def _batched(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
