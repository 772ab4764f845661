"""What the date grammar finds: a :class:`DateExpression`, a stretch of text read by one rule.

:class:`dateline.dates.grammar.DateGrammar` finds expressions; :mod:`dateline.dates.resolution`
turns each into an interval.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["DateExpression", "year_pair"]


@dataclass(frozen=True, slots=True)
class DateExpression:
    """A date expression found in a text: where it is, which rule read it, and what it said."""

    kind: str
    start: int
    end: int
    text: str
    groups: dict[str, str] = field(default_factory=dict)
    parts: tuple[DateExpression, ...] = ()
    weak: bool = False  # a bare year or month: needs confirmation (an entity, a preposition) to count

    @property
    def needs_direction(self) -> bool:
        """True when past or future context changes the reading ("in December", "on Tuesday")."""
        g = self.groups
        if self.kind in ("day", "month"):
            return not g.get("y") and not g.get("rel")
        if self.kind == "weekday":
            return g.get("rel") not in ("last", "past", "previous", "next", "coming")
        if self.kind == "range":
            return any(p.needs_direction for p in self.parts)
        return False


def year_pair(g: dict[str, str]) -> tuple[int, int] | None:
    """The two years of a ``year_range`` expression ("2014-15" -> (2014, 2015)); None if no range."""
    y1, raw = int(g["y"]), g["y2"]
    y2 = int(raw) if len(raw) == 4 else (y1 // 100) * 100 + int(raw)
    if len(raw) == 2 and y2 <= y1:
        y2 += 100
    return (y1, y2) if y1 < y2 <= y1 + 100 else None
