"""The ``dateline_relations`` component: relations between actors, with modality and evidence.

Add it after ``dateline_actors`` (and ``dateline_events``, whose events give claims of
responsibility their target)::

    nlp.add_pipe("dateline_relations")
    doc = nlp(text)
    doc._.dateline_relations  # [Relation dict]: subject, predicate, object, modality, evidence, ...

The relations are read from the dependency parse with the cues of a
:class:`~dateline.relations.RelationLexicon` (``dateline/relations/data/relations.json`` by default,
or ``lexicon_path``); the lexicon is saved with the pipeline (``nlp.to_disk``).

Arguments are the actors of ``doc._.dateline_actors``. When that attribute is unset (a pipeline
without ``dateline_actors``) and ``entity_actors`` is true, the model's PERSON/ORG/GPE/NORP entities
stand in as actors with unregistered ids (``x-person.name``). In a pipeline without a parser
(``spacy.blank("en")``) no relation can be read: the component writes an empty list.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from dateline.nlp.component import PipelineComponent, Serializers
from dateline.nlp.extensions import doc_attrs, get_list, register_extensions
from dateline.relations import RelationLexicon, read_relations

register_extensions()

LEXICON_FILE = "relations.json"
_ENTITY_KINDS = {"PERSON": "person", "ORG": "other", "GPE": "state", "NORP": "other"}


@Language.factory(
    "dateline_relations",
    default_config={"lexicon_path": None, "entity_actors": True},
    assigns=doc_attrs("dateline_relations"),
    requires=[
        *doc_attrs("dateline_actors", "dateline_actor_facts", "dateline_events", "dateline_hedges"),
        "token.dep",  # without a parser it reads no relation
    ],
)
def make_relations(
    nlp: Language, name: str, lexicon_path: str | None = None, entity_actors: bool = True
) -> RelationExtractor:
    """Factory for :class:`RelationExtractor` (``nlp.add_pipe("dateline_relations")``)."""
    return RelationExtractor(nlp, name, lexicon_path=lexicon_path, entity_actors=entity_actors)


class RelationExtractor(PipelineComponent):
    """Writes ``doc._.dateline_relations``; holds its :class:`RelationLexicon`."""

    def __init__(
        self,
        nlp: Language,
        name: str = "dateline_relations",
        *,
        lexicon_path: str | None = None,
        entity_actors: bool = True,
    ) -> None:
        self.name = name
        self.entity_actors = entity_actors
        if lexicon_path:
            self.lexicon = RelationLexicon.from_dict(
                json.loads(Path(lexicon_path).read_text(encoding="utf-8"))
            )
        else:
            self.lexicon = RelationLexicon.default()

    def __call__(self, doc: Doc) -> Doc:
        actors = doc._.dateline_actors
        if actors is None and self.entity_actors:
            actors = entity_actors(doc)
        doc._.dateline_relations = read_relations(
            doc,
            self.lexicon,
            list(actors or []),
            hedges=get_list(doc, "dateline_hedges"),
            events=get_list(doc, "dateline_events"),
            facts=get_list(doc, "dateline_actor_facts"),
        )
        return doc

    def serializers(self) -> Serializers:
        return {LEXICON_FILE: (self.lexicon.to_bytes, self._load_lexicon)}

    def _load_lexicon(self, data: bytes) -> None:
        self.lexicon = RelationLexicon.from_bytes(data)


def entity_actors(doc: Doc) -> list[dict[str, Any]]:
    """Stand-in actors from the model's entities, for pipelines without ``dateline_actors``."""
    from dateline.actors import unregistered_id

    by_id: dict[str, dict[str, Any]] = {}
    for ent in doc.ents:
        kind = _ENTITY_KINDS.get(ent.label_)
        if kind is None:
            continue
        words = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        actor_id = unregistered_id(kind, words)
        actor = by_id.setdefault(
            actor_id,
            {
                "id": actor_id,
                "name": words,
                "kind": kind,
                "country_code": None,
                "aliases": [],
                "mentions": [],
            },
        )
        actor["mentions"].append({"text": ent.text, "span": [ent.start_char, ent.end_char]})
    return list(by_id.values())
