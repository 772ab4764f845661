"""The words numbers are written with: number words, scales, vague amounts, hedges, unit aliases.

A :class:`NumberLexicon` holds them as plain JSON data (``data/quantities.json`` by default), compiles
them into the look-up tables that :class:`dateline.quantities.reader.NumberGrammar` reads with, and
takes new entries (``add_vague``, ``add_qualifier``, ``add_unit_alias``, ``merge``).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from dateline.lexicon import Lexicon
from dateline.quantities.reader import ROLES, NumberGrammar, Qualifier, VagueAmount

__all__ = ["NumberLexicon"]


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(text.lower().split())


def _qualifiers(section: dict[str, Any]) -> dict[tuple[str, ...], Qualifier]:
    return {_phrase(p): Qualifier(e.get("qualifier"), e["role"]) for p, e in section.items()}


class NumberLexicon(NumberGrammar, Lexicon):
    """Words that make up numbers and hedges; plain JSON data, round-trippable.

    :meth:`read` (from :class:`~dateline.quantities.reader.NumberGrammar`) reads one quantity
    expression with these words.
    """

    package = "dateline.quantities"
    resource = "quantities.json"
    what = "number lexicon"

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = copy.deepcopy(data)
        self._build()

    # --- construction and serialisation -------------------------------------------

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NumberLexicon:
        return cls(data)

    def to_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self._data)

    def merge(self, extra: dict[str, Any]) -> None:
        """Add entries: dict sections are updated key by key, list sections extended."""
        for key, value in extra.items():
            current = self._data.get(key)
            if isinstance(current, dict) and isinstance(value, dict):
                current.update(copy.deepcopy(value))
            elif isinstance(current, list) and isinstance(value, list):
                current.extend(v for v in value if v not in current)
            else:
                self._data[key] = copy.deepcopy(value)
        self._build()

    def add_vague(self, phrase: str, low: float, high: float, scaled: Sequence[float] | None = None) -> None:
        """A vague amount such as "a score" -> [low, high]; ``scaled`` is the multiplier
        interval when a scale word follows ("several thousand")."""
        entry: dict[str, Any] = {"low": low, "high": high}
        if scaled is not None:
            entry["scaled"] = list(scaled)
        self.merge({"vague": {phrase.lower(): entry}})

    def add_qualifier(self, phrase: str, qualifier: str | None, role: str) -> None:
        """A hedge written before a number ("in the region of" -> "about", role ``about``)."""
        if role not in ROLES:
            raise ValueError(f"qualifier role must be one of {ROLES}, got {role!r}")
        self.merge({"qualifiers": {phrase.lower(): {"qualifier": qualifier, "role": role}}})

    def add_unit_alias(self, phrase: str, unit: str) -> None:
        self.merge({"unit_aliases": {phrase.lower(): unit}})

    def _build(self) -> None:
        d = self._data
        self.number_words: dict[str, float] = {k: float(v) for k, v in d.get("number_words", {}).items()}
        self.scale_words: dict[str, float] = {k: float(v) for k, v in d.get("scale_words", {}).items()}
        self.scale_abbreviations: dict[str, float] = {
            k: float(v) for k, v in d.get("scale_abbreviations", {}).items()
        }
        self.plural_scales: dict[str, float] = {k: float(v) for k, v in d.get("plural_scales", {}).items()}
        self.articles = frozenset(d.get("articles", []))
        self.vague: dict[tuple[str, ...], VagueAmount] = {}
        for phrase, e in d.get("vague", {}).items():
            scaled = (float(e["scaled"][0]), float(e["scaled"][1])) if e.get("scaled") else None
            vague = VagueAmount(float(e["low"]), float(e["high"]), scaled, bool(e.get("needs_of")))
            self.vague[_phrase(phrase)] = vague
        self.qualifiers = _qualifiers(d.get("qualifiers", {}))
        self.post_qualifiers = _qualifiers(d.get("post_qualifiers", {}))
        self.range_connectors = frozenset(d.get("range_connectors", []))
        self.range_openers: dict[str, str] = dict(d.get("range_openers", {}))
        self.list_connectors = frozenset(_phrase(p) for p in d.get("list_connectors", []))
        self.unit_aliases = {_phrase(p): u for p, u in d.get("unit_aliases", {}).items()}
        self.currency_prefixes: dict[str, str] = dict(d.get("currency_prefixes", {}))
        self.size_suffixes = frozenset(d.get("size_suffixes", []))
        self.excluded_units = frozenset(d.get("excluded_units", []))
        self.months = frozenset(d.get("months", []))
        lo, hi = d.get("year_range", [1800, 2100])
        self.year_range: tuple[int, int] = (int(lo), int(hi))
        self.skip_entity_labels = frozenset(d.get("skip_entity_labels", []))
        self.name_entity_labels = frozenset(d.get("name_entity_labels", []))
        self.bare_dropped = frozenset(d.get("bare_dropped", []))
        self.unit_stopwords = frozenset(d.get("unit_stopwords", []))
        self._max_vague = max((len(p) for p in self.vague), default=0)
        self._max_qualifier = max((len(p) for p in self.qualifiers), default=0)
        self.starters = frozenset(
            set(self.number_words)
            | set(self.scale_words)
            | self.articles
            | {p[0] for p in self.vague}
            | set(self.currency_prefixes)
        )
