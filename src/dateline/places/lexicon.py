"""The words place recognition reads: unit words, titles, demonyms, organisation words, ...

A :class:`PlaceLexicon` is built from a mapping shaped like ``data/places.json`` (the shipped
default) and held by the :class:`dateline.places.finder.PlaceFinder` that uses it; the
``dateline_places`` component saves it with ``nlp.to_disk()``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from dateline.lexicon import Lexicon

__all__ = ["PlaceLexicon"]

_LIST_SETS = (
    "connectors",
    "resident_nouns",
    "office_words",
    "institution_words",
    "preposition_blockers",
    "lowercase_prefixes",
    "skip_before",
    "person_titles",
    "reporting_verbs",
    "org_words",
    "operation_words",
    "currency_words",
    "common_words",
    "directions",
    "direction_nouns",
    "locative_prepositions",
    "locative_nouns",
    "route_words",
    "crossing_words",
    "list_words",
    "list_openers",
    "unit_prefixes",
    "unit_openers",
    "articles_apart",
    "abbreviation_prepositions",
)


class PlaceLexicon(Lexicon):
    """The words place recognition reads, from a mapping shaped like ``data/places.json``."""

    package = "dateline.places"
    resource = "places.json"
    what = "place lexicon"

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data: dict[str, Any] = json.loads(json.dumps(dict(data)))  # a private deep copy
        self._compile()

    def _compile(self) -> None:
        d = self.data
        self.units: dict[str, str] = {str(k).lower(): str(v) for k, v in d["unit_words"].items()}
        for name in _LIST_SETS:
            setattr(self, name, frozenset(str(w).lower() for w in d.get(name, ())))
        self.demonyms: dict[str, str | None] = {str(k).lower(): v for k, v in d["demonyms"].items()}
        self.min_fuzzy_score = float(d.get("min_fuzzy_score", 0.75))
        self.max_name_tokens = int(d.get("max_name_tokens", 5))
        self.min_population = int(d.get("min_population", 10000))
        self.min_population_unlabelled = int(d.get("min_population_unlabelled", 100000))
        self.abbreviation_max_letters = int(d.get("abbreviation_max_letters", 3))
        self.written_form_max_letters = int(d.get("written_form_max_letters", 5))

    # typed views of the sets built in _compile
    connectors: frozenset[str]
    resident_nouns: frozenset[str]
    office_words: frozenset[str]
    institution_words: frozenset[str]
    preposition_blockers: frozenset[str]
    lowercase_prefixes: frozenset[str]
    skip_before: frozenset[str]
    person_titles: frozenset[str]
    reporting_verbs: frozenset[str]
    org_words: frozenset[str]
    operation_words: frozenset[str]
    currency_words: frozenset[str]
    common_words: frozenset[str]
    directions: frozenset[str]
    direction_nouns: frozenset[str]
    locative_prepositions: frozenset[str]
    locative_nouns: frozenset[str]
    route_words: frozenset[str]
    crossing_words: frozenset[str]
    list_words: frozenset[str]
    list_openers: frozenset[str]
    unit_prefixes: frozenset[str]
    unit_openers: frozenset[str]
    articles_apart: frozenset[str]
    abbreviation_prepositions: frozenset[str]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PlaceLexicon:
        return cls(data)

    def to_dict(self) -> dict[str, Any]:
        return json.loads(json.dumps(self.data))

    def to_json(self) -> str:
        """The data as the shipped file is written: in its own order, indented by two."""
        return json.dumps(self.data, ensure_ascii=False, indent=2) + "\n"

    def add(self, category: str, entries: Mapping[str, Any] | Iterable[str]) -> None:
        """Add words to one category, e.g. ``add("person_titles", ["warlord"])`` or
        ``add("unit_words", {"union council": "union council"})``."""
        if category not in self.data or category.startswith("_"):
            raise KeyError(f"unknown place lexicon category {category!r}")
        current = self.data[category]
        if isinstance(current, dict):
            if not isinstance(entries, Mapping):
                raise TypeError(f"{category} takes a mapping")
            current.update({str(k).lower(): v for k, v in entries.items()})
        elif isinstance(current, list):
            current.extend(str(w).lower() for w in entries if str(w).lower() not in current)
        else:
            raise TypeError(f"{category} is a setting, not a word list")
        self._compile()
