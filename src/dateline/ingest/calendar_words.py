"""Month and weekday names (``data/calendar.json``), shared by date parsing and dateline detection."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True, slots=True)
class Calendar:
    months: MappingProxyType[str, int]  # "jan" -> 1
    weekdays: frozenset[str]
    min_year: int
    max_year: int

    @classmethod
    def load(cls) -> Calendar:
        raw: dict[str, Any] = json.loads(
            resources.files("dateline.ingest").joinpath("data/calendar.json").read_text("utf-8")
        )
        return cls(
            months=MappingProxyType({k.lower(): int(v) for k, v in raw["months"].items()}),
            weekdays=frozenset(w.lower() for w in raw["weekdays"]),
            min_year=int(raw["min_year"]),
            max_year=int(raw["max_year"]),
        )

    def month_pattern(self) -> str:
        """A regex alternation of the month names, longest first, each with an optional dot."""
        names = sorted(self.months, key=len, reverse=True)
        return "(?:" + "|".join(re.escape(n) for n in names) + r")\.?"

    def weekday_pattern(self) -> str:
        names = sorted(self.weekdays, key=len, reverse=True)
        return "(?:" + "|".join(re.escape(n) for n in names) + r")\.?"

    def month(self, name: str) -> int:
        return self.months[name.lower().rstrip(".")]


@cache
def default_calendar() -> Calendar:
    """The packaged calendar, loaded once (immutable)."""
    return Calendar.load()
