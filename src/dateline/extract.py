"""Library entry points for reading documents: the CLI and API are thin shells over these."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol, runtime_checkable

from dateline.errors import DatelineError, InvalidOption
from dateline.identity import document_id
from dateline.ingest import ReadProblem, read_documents
from dateline.records import Document, Record

if TYPE_CHECKING:
    from spacy.language import Language

    from dateline.errors import StoreError
    from dateline.store import AddOutcome

#: Told of each document the pipeline failed on, with the error (E108); the other documents go on.
FailureHandler = Callable[[Document, DatelineError], None]
ProblemHandler = Callable[[ReadProblem], None]
#: Told how many more documents a run has dealt with (stored, found stored, refused).
Advance = Callable[[int], None]


class RecordReader(Protocol):
    """What turns documents into records: an :class:`Extractor` here, or a
    :class:`~dateline.cluster.DaskExtractor` on a Dask cluster."""

    def records(
        self, documents: Iterable[Document], *, on_failure: FailureHandler | None = None
    ) -> Iterator[Record]: ...


class RecordSink(Protocol):
    """Where an ingest stores records, each document once: a :class:`~dateline.store.Store`, or a
    :class:`~dateline.export.dataset.ParquetDataset`."""

    def known_hashes(self) -> set[str]: ...

    def add_records(
        self, records: Iterable[Record], *, batch_size: int = 20, outcome: AddOutcome | None = None
    ) -> int: ...


@runtime_checkable
class StoringReader(Protocol):
    """A :class:`RecordReader` whose workers can store what they read themselves (a Dask cluster's):
    ``ingest_paths`` then hands it the documents and the sink, and stores nothing itself."""

    def stores_into(self, sink: RecordSink) -> bool:
        """Whether the workers write into ``sink`` themselves (else the records come back to be stored)."""
        ...

    def store(
        self,
        documents: Iterable[Document],
        sink: RecordSink,
        *,
        outcome: AddOutcome,
        on_failure: FailureHandler,
        advance: Advance | None = None,
    ) -> None:
        """Read ``documents`` and store their records in ``sink``, counting them in ``outcome`` (refusals
        told to its ``on_refused``) and each stored, found stored or refused document in ``advance``."""
        ...


class Extractor:
    """Holds a loaded pipeline and turns documents into records.

    >>> extractor = Extractor()                      # doctest: +SKIP
    >>> record = extractor.extract_text("KABUL (Reuters) - At least 12 people were killed on Monday.",
    ...                                 published="2021-05-10")  # doctest: +SKIP
    """

    def __init__(
        self,
        nlp: Language | None = None,
        *,
        model: str | None = None,
        actor_files: Sequence[str | Path] | None = None,
        n_process: int = 1,
        batch_size: int = 16,
    ) -> None:
        if n_process < 1:
            raise InvalidOption(f"n_process must be 1 or more, got {n_process}")
        if batch_size < 1:
            raise InvalidOption(f"batch_size must be 1 or more, got {batch_size}")
        if nlp is None:
            from dateline.nlp.pipeline import load_pipeline

            files = [str(p) for p in actor_files] if actor_files is not None else None
            nlp = load_pipeline(model, actor_files=files)
        self.nlp = nlp
        self.n_process = n_process
        self.batch_size = batch_size

    def records(
        self, documents: Iterable[Document], *, on_failure: FailureHandler | None = None
    ) -> Iterator[Record]:
        """One record per document, in input order. (In one process an error of the pipeline stops the
        run; ``on_failure`` is for readers that can go on, such as a Dask cluster's.)"""
        from dateline.nlp.pipeline import analyse

        return analyse(self.nlp, documents, n_process=self.n_process, batch_size=self.batch_size)

    def extract_text(self, text: str, *, published: str | None = None, doc_id: str | None = None) -> Record:
        """Read one text (e.g. a story pasted into a notebook)."""
        from dateline.ingest import parse_published

        document = Document(
            id=doc_id or document_id(text),
            text=text,
            published=parse_published(published) if published else None,
        )
        return next(iter(self.records([document])))


@dataclass
class RunReport:
    """What a run did: counts and every problem met, so nothing is lost silently.

    Of the documents ``read``, an ingest ``stored`` some, found some ``already_stored`` before it
    began, some ``stored_elsewhere`` (by another process meanwhile) and ``refused`` some (an id stored
    with other text, E300, also in ``problems``): the four add up to ``read``.
    """

    read: int = 0
    stored: int = 0
    already_stored: int = 0
    stored_elsewhere: int = 0
    refused: int = 0
    problems: list[ReadProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def unreadable(self) -> int:
        """Problems met while reading (not counting documents refused by the store)."""
        return len(self.problems) - self.refused


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How documents are read: the fallback publication date, the size cap, standard input."""

    published: str | None = None
    max_bytes: int | None = None  # None: Settings().max_document_bytes
    stdin: IO[bytes] | None = None
    stdin_format: str | None = None


def _documents(
    paths: Sequence[str | Path],
    report: RunReport,
    options: ReadOptions,
    on_problem: ProblemHandler | None,
) -> Iterator[Document]:
    for item in read_documents(
        paths,
        published=options.published,
        max_bytes=options.max_bytes,
        stdin=options.stdin,
        stdin_format=options.stdin_format,
    ):
        if isinstance(item, ReadProblem):
            report.problems.append(item)
            if on_problem:
                on_problem(item)
            continue
        report.read += 1
        yield item


def _failures(report: RunReport, on_problem: ProblemHandler | None) -> FailureHandler:
    """A document the pipeline failed on counts as one that could not be read, reported as such."""

    def failed(document: Document, error: DatelineError) -> None:
        report.read -= 1
        problem = ReadProblem(document.origin or document.id, error)
        report.problems.append(problem)
        if on_problem:
            on_problem(problem)

    return failed


def extract_paths(
    paths: Sequence[str | Path],
    extractor: RecordReader,
    *,
    report: RunReport,
    options: ReadOptions = ReadOptions(),
    on_problem: ProblemHandler | None = None,
) -> Iterator[Record]:
    """Read every document under ``paths`` and yield its record; problems go to ``report``."""
    documents = _documents(paths, report, options, on_problem)
    yield from extractor.records(documents, on_failure=_failures(report, on_problem))


def ingest_paths(
    paths: Sequence[str | Path],
    extractor: RecordReader,
    store: RecordSink,
    *,
    options: ReadOptions = ReadOptions(),
    on_problem: ProblemHandler | None = None,
    advance: Advance | None = None,
    batch_size: int = 20,
) -> RunReport:
    """Store every document under ``paths`` exactly once.

    Documents whose content hash is already stored are skipped before analysis, so a re-run is
    incremental and a run killed at any moment resumes where it stopped: the store commits whole
    batches of documents in one transaction. A document whose id is stored with other text is
    reported (E300, like a read problem) and the others are stored. A reader whose workers store what
    they read (:class:`StoringReader`, a Dask cluster's) is handed the store: the workers write, and
    this process reads the files and counts.
    """
    from dateline.store import AddOutcome

    report = RunReport()
    known = store.known_hashes()
    seen: set[str] = set()

    def fresh() -> Iterator[Document]:
        for document in _documents(paths, report, options, on_problem):
            if document.content_hash in known or document.content_hash in seen:
                report.already_stored += 1
                if advance:
                    advance(1)
                continue
            seen.add(document.content_hash)
            yield document

    def counted(records: Iterable[Record]) -> Iterator[Record]:
        for record in records:
            yield record
            if advance:
                advance(1)

    def refused(record: Record, error: StoreError) -> None:
        problem = ReadProblem(record.origin or record.id, error)
        report.problems.append(problem)
        if on_problem:
            on_problem(problem)

    outcome = AddOutcome(on_refused=refused)
    if isinstance(extractor, StoringReader) and extractor.stores_into(store):  # the workers store
        extractor.store(fresh(), store, outcome=outcome, on_failure=_failures(report, on_problem),
                        advance=advance)  # fmt: skip
    else:
        records = extractor.records(fresh(), on_failure=_failures(report, on_problem))
        store.add_records(counted(records), batch_size=batch_size, outcome=outcome)
    report.stored = outcome.stored
    report.stored_elsewhere = outcome.already_stored  # known hashes were skipped before: another process
    report.refused = len(outcome.refused)
    return report
