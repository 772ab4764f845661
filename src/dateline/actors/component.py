"""The ``dateline_actors`` component: who a document names, resolved to stable actor ids.

Add it after the model's ``ner`` (and after ``dateline_dates``, ``dateline_quotes`` and
``dateline_places``, whose output it reads)::

    nlp.add_pipe("dateline_actors", config={"extra_registry": ["my_actors.toml"]})
    doc = nlp(text)
    doc._.dateline_actors       # [Actor dict]: id, name, kind, country_code, aliases, mentions,
                                #               acled_inter, role, registered
    doc._.dateline_actor_facts  # [{"type": "alias" | "role", "actor": id, ..., "text", "span"}]

Recognition: every name and variant of the :class:`~dateline.actors.ActorRegistry` (one
``PhraseMatcher`` on normalised token keys, see :mod:`dateline.actors.matcher`), aliases the text
defines ("Islamic State Khurasan (ISK)", "commonly known as 'Daesh'"), nominal actors ("Pakistani
forces" -> Military Forces of Pakistan), and the model's PERSON and ORG entities. Surnames and short
forms join the person named in full (:mod:`dateline.actors.persons`).

Resolution: a name several actors share goes to the one the document defines, else to an actor of
the user's own registry file rather than a shipped one, else the regional
branch whose country the document is about ("Daesh" in a story about Afghanistan), else an actor of
that country. Each actor's kind is its role on the document's reference date: the publication date,
else the latest absolute date the text mentions, else today (the Taliban are a militant group in 2015
and the de facto government in 2023). Actors the registry does not know get ids derived from their
name (:func:`~dateline.actors.unregistered_id`), the same in every document and run.

The component also sets the ``speaker`` of each ``doc._.dateline_quotes`` item and a ``source`` actor
id on each ``doc._.dateline_attributions`` item.

In a pipeline without a tagger, parser and entity recogniser (``spacy.blank("en")``) it degrades:
registry names, learned aliases and nominal actors are still found (nominal heads are then judged
from the next word only), but people and organisations the registry does not know are not, and no
role facts come from appositions that need part-of-speech tags to end.

The reading of one document is :class:`dateline.actors.reading.ActorReading`; its candidate mentions
and how overlaps are settled are in :mod:`dateline.actors.candidates`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from dateline.actors.aliases import AliasCues
from dateline.actors.groups import GroupRules
from dateline.actors.matcher import ActorMatcher
from dateline.actors.nominal import ActorLexicon
from dateline.actors.reading import ActorReading, ActorTools
from dateline.actors.registry import ActorRegistry
from dateline.errors import ConfigError
from dateline.nlp.component import PipelineComponent, Serializers, json_bytes, part_kept
from dateline.nlp.extensions import doc_attrs, register_extensions

register_extensions()

LEXICON_FILE = "lexicon.json"
REGISTRY_FILE = "registry.json"  # the user's actor files: [{"name", "text"}]
LEGACY_REGISTRY_DIR = "registry"  # how pipelines saved before registry.json kept them: NNN_<name>.toml


@Language.factory(
    "dateline_actors",
    default_config={"extra_registry": [], "lexicon_path": None, "builtin_registry": True},
    # it also sets the speaker of each quote and the source of each attribution
    assigns=doc_attrs("dateline_actors", "dateline_actor_facts"),
    requires=doc_attrs(
        "dateline_dateline", "dateline_dates", "dateline_quotes", "dateline_attributions", "dateline_places"
    ),
)
def make_actors(
    nlp: Language,
    name: str,
    extra_registry: list[str],
    lexicon_path: str | None,
    builtin_registry: bool,
) -> ActorRecognizer:
    """Factory for :class:`ActorRecognizer` (``nlp.add_pipe("dateline_actors")``).

    ``extra_registry``: the user's actor TOML files; ``builtin_registry``: whether the shipped actors
    are loaded too (False: only the user's files); ``lexicon_path``: a replacement ``actors.json``.
    """
    return ActorRecognizer(
        nlp, name, extra_registry=extra_registry, lexicon_path=lexicon_path, builtin_registry=builtin_registry
    )


class ActorRecognizer(PipelineComponent):
    """Finds and resolves actor mentions; holds the registry, its matcher and the actor lexicon."""

    def __init__(
        self,
        nlp: Language,
        name: str = "dateline_actors",
        *,
        extra_registry: Iterable[str] = (),
        lexicon_path: str | None = None,
        builtin_registry: bool = True,
    ) -> None:
        self.name = name
        self.builtin_registry = builtin_registry
        self.vocab = nlp.vocab
        self._tokenizer = nlp.tokenizer
        self.lexicon = ActorLexicon.from_path(lexicon_path) if lexicon_path else ActorLexicon.default()
        self._extra: list[tuple[str, str]] = []  # (file name, TOML text) of the user's actor files
        self._missing: list[str] = []
        for path in extra_registry:
            file = Path(path)
            if file.exists():
                self._extra.append((file.name, file.read_text(encoding="utf-8")))
            else:
                self._missing.append(str(path))  # may be restored by from_disk
        self._state: ActorTools | None = None

    # --- the registry, loaded once --------------------------------------------------------------------

    @property
    def registry(self) -> ActorRegistry:
        return self._ready().registry

    def _ready(self) -> ActorTools:
        if self._state is None:
            if self._missing:
                raise ConfigError(f"actor file {self._missing[0]} does not exist")
            registry = ActorRegistry.load(builtin=self.builtin_registry)
            for source, text in self._extra:
                registry.extend(ActorRegistry.parse(text, source))
            registry.check_links()
            lx = self.lexicon
            self._state = ActorTools(
                registry,
                ActorMatcher(self.vocab, self._tokenizer, registry, lx),
                AliasCues(lx.alias_adverbs, lx.alias_verbs, lx.alias_prepositions, lx.alias_or_words),
                GroupRules.from_data(lx.data.get("groups")),
            )
        return self._state

    # --- spaCy protocol ---------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        reading = ActorReading(self._ready(), self.lexicon, doc)
        doc._.dateline_actors = reading.actors()
        doc._.dateline_actor_facts = reading.facts
        reading.link_quotes()
        return doc

    def serializers(self) -> Serializers:
        return {
            LEXICON_FILE: (self.lexicon.to_bytes, self._load_lexicon),
            REGISTRY_FILE: (self._dump_extra, self._load_extra),
        }

    def _load_lexicon(self, data: bytes) -> None:
        self.lexicon, self._state = ActorLexicon.from_bytes(data), None

    def _dump_extra(self) -> bytes:
        return json_bytes([{"name": n, "text": t} for n, t in self._extra])

    def _load_extra(self, data: bytes) -> None:
        self._extra = [(x["name"], x["text"]) for x in json.loads(data.decode("utf-8"))]
        self._missing, self._state = [], None

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ActorRecognizer:
        """Load what ``to_disk`` wrote; also a pipeline saved with a ``registry/`` folder of TOML files."""
        super().from_disk(path, exclude=exclude)
        legacy = Path(path) / LEGACY_REGISTRY_DIR
        saved_new = (Path(path) / REGISTRY_FILE).is_file()
        if part_kept(REGISTRY_FILE, exclude) and not saved_new and legacy.is_dir():
            files = sorted(legacy.glob("*.toml"))
            self._extra = [(f.name.split("_", 1)[-1], f.read_text(encoding="utf-8")) for f in files]
            self._missing, self._state = [], None
        return self
