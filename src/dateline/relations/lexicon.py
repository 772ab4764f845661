"""The relation lexicon: which words signal which relation between actors, held as plain data.

The default lexicon is ``dateline/relations/data/relations.json``; users may pass their own file (same
shape) or add entries through :class:`RelationLexicon`'s methods. Everything here is JSON data, so a
lexicon saved with a spaCy pipeline (``nlp.to_disk``) comes back identical.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from dateline.errors import ConfigError
from dateline.lexicon import Lexicon
from dateline.records import MODALITIES


@dataclass
class RelationLexicon(Lexicon):
    """Cue words per predicate and the small closed lists the reader needs (see ``relations.json``)."""

    package = "dateline.relations"
    resource = "relations.json"
    what = "relation lexicon"

    data: dict[str, Any]
    predicates: frozenset[str] = field(init=False)
    roles: dict[str, dict[str, Any]] = field(init=False)
    verbs: dict[str, list[dict[str, Any]]] = field(init=False)  # lemma -> entries
    adjectives: dict[str, list[dict[str, Any]]] = field(init=False)
    nouns: dict[str, list[dict[str, Any]]] = field(init=False)

    def __post_init__(self) -> None:
        self.validate(self.data)
        self.predicates = frozenset(self.data["predicates"])
        self.roles = {k.lower(): v for k, v in self.data.get("roles", {}).items()}
        self.verbs = self._by_lemma(self.data.get("verbs", []))
        self.adjectives = self._by_lemma(self.data.get("adjectives", []))
        self.nouns = self._by_lemma(self.data.get("nouns", []))

    @staticmethod
    def _by_lemma(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for entry in entries:
            for lemma in entry["lemmas"]:
                out.setdefault(str(lemma).lower(), []).append(entry)
        return out

    @staticmethod
    def validate(data: dict[str, Any]) -> None:
        """Raise :class:`~dateline.errors.ConfigError` naming the first entry that is not usable."""
        if not isinstance(data, dict) or not isinstance(data.get("predicates"), list):
            raise ConfigError("relation lexicon: needs a 'predicates' list")
        known = set(data["predicates"])
        for name, role in data.get("roles", {}).items():
            for key in ("predicate", "with_prep"):
                if key in role and role[key] not in known:
                    raise ConfigError(
                        f"relation lexicon: role {name!r} names unknown predicate {role[key]!r}"
                    )
        for section in ("verbs", "adjectives", "nouns"):
            for entry in data.get(section, []):
                if not entry.get("lemmas") or entry.get("predicate") not in known:
                    raise ConfigError(
                        f"relation lexicon: {section} entry {entry!r} needs lemmas and a known predicate"
                    )
        for suffix, predicate in data.get("hyphen_suffixes", {}).items():
            if predicate not in known:
                raise ConfigError(
                    f"relation lexicon: suffix {suffix!r} names unknown predicate {predicate!r}"
                )
        for table in ("frames", "frame_adverbs", "modals"):
            for word, modality in data.get(table, {}).items():
                if modality not in MODALITIES:
                    raise ConfigError(f"relation lexicon: {table}[{word!r}] = {modality!r} is not a modality")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RelationLexicon:
        return cls(json.loads(json.dumps(data)))  # a deep copy: callers keep their dict

    def to_dict(self) -> dict[str, Any]:
        return json.loads(json.dumps(self.data))

    def words(self, key: str) -> frozenset[str]:
        """A closed word list of the lexicon ("group_nouns", "event_nouns", ...), lower-cased."""
        return frozenset(str(w).lower() for w in self.data.get(key, ()))

    def table(self, key: str) -> dict[str, Any]:
        return dict(self.data.get(key, {}))

    # --- customisation ----------------------------------------------------------------------------

    def add_role(self, noun: str, predicate: str, **options: Any) -> None:
        """Read ``noun`` as a role ("X, a commander of Y") giving ``predicate``."""
        self._check(predicate)
        self.data.setdefault("roles", {})[noun.lower()] = {"predicate": predicate, **options}
        self.__post_init__()

    def add_verb(
        self, lemma: str, predicate: str, *, object: list[str] | None = None, **options: Any
    ) -> None:  # noqa: A002
        """Read ``lemma`` as a verb giving ``predicate`` (object: "theme", "prep:with", ...)."""
        self._check(predicate)
        entry = {"lemmas": [lemma.lower()], "predicate": predicate, "object": object or ["theme"], **options}
        self.data.setdefault("verbs", []).append(entry)
        self.__post_init__()

    def _check(self, predicate: str) -> None:
        if predicate not in self.data["predicates"]:
            raise ConfigError(f"unknown relation predicate {predicate!r}")
