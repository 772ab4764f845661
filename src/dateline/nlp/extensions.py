"""``Doc._`` attributes that dateline's components read and write.

Values are plain, msgpack-serialisable data (dicts of str/int/float/bool/None and
lists), never objects, so documents survive ``nlp.pipe(n_process=2)``. Each
list holds dicts shaped like the record (see :mod:`dateline.records`).

Every name is prefixed ``dateline_`` and registered only if absent, so other
packages' attributes are never overwritten.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS: tuple[str, ...] = (
    "dateline_published",  # ISO date (str) the document was published, or None
    "dateline_quantities",  # [Quantity dict]
    "dateline_dates",  # [DateMention dict]
    "dateline_quotes",  # [Quote dict]
    "dateline_attributions",  # [Attribution dict]
    "dateline_hedges",  # [Hedge dict]
    "dateline_dateline",  # Dateline dict of the story's dateline, or None (set by dateline_datelines)
    "dateline_places",  # [Place dict] (record.md shape: id, name, country_code, ..., mentions)
    "dateline_unresolved_places",  # [dict] mentions the gazetteer could not settle, with candidates
    "dateline_place_references",  # [dict] demonyms, names inside names, the dateline: no story places
    "dateline_actors",  # [Actor dict] (record.md shape: id, name, kind, ..., mentions)
    "dateline_actor_facts",  # [dict] roles and aliases the text states, with evidence spans
    "dateline_events",  # [Event dict] (record.md shape)
    "dateline_relations",  # [Relation dict] (record.md shape)
)


def register_extensions() -> None:
    """Register dateline's ``Doc._`` attributes once; safe to call many times."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def doc_attrs(*names: str) -> list[str]:
    """``["doc._.<name>", ...]``, as a factory declares what it ``assigns`` and ``requires``; every name
    must be one of :data:`DOC_EXTENSIONS`."""
    unknown = [name for name in names if name not in DOC_EXTENSIONS]
    if unknown:
        raise ValueError(f"not a dateline Doc._ attribute: {', '.join(unknown)}")
    return [f"doc._.{name}" for name in names]


def get_list(doc: Doc, name: str) -> list:
    """The list stored under ``doc._.<name>``, or an empty list when unset."""
    register_extensions()
    value = doc._.get(name)
    return list(value) if value else []
