"""The words dates are written with: month and weekday names, relative words, parts of a period.

A :class:`DateLexicon` is a plain mapping of category -> entries (see ``data/dates.json``, the shipped
default); :class:`dateline.dates.grammar.DateGrammar` compiles it into regular expressions.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from dateline.lexicon import Lexicon

__all__ = ["DateLexicon"]


@dataclass(slots=True)
class DateLexicon(Lexicon):
    """The words the date grammar knows; a plain mapping of category -> entries (see ``dates.json``)."""

    package = "dateline.dates"
    resource = "dates.json"
    what = "date lexicon"

    data: dict[str, Any]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateLexicon:
        return cls(copy.deepcopy(dict(data)))

    def to_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self.data)

    def add(self, category: str, entries: Mapping[str, Any] | Iterable[str]) -> None:
        """Add entries to a category: a mapping for dict categories, words for list categories."""
        current = self.data.get(category)
        if isinstance(current, list):
            words = [entries] if isinstance(entries, str) else list(entries)
            self.data[category] = current + [w.lower() for w in words if w.lower() not in current]
        elif isinstance(entries, Mapping):
            self.data[category] = {**(current or {}), **{k.lower(): v for k, v in entries.items()}}
        else:
            raise TypeError(f"lexicon category {category!r} needs a mapping of entries")

    def __getitem__(self, key: str) -> Any:
        return self.data[key]
