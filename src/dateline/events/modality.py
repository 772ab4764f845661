"""How sure the text is that an event happened: one modality from several cues.

Cues come from hedges ("reportedly", "believed to", "an allegation that"), the reporting frame (a
source says so), the event's date (a future date means it is planned) and negation. When several
apply, the strongest wins: a negated or denied event is not turned back into a reported one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

_STRENGTH = {
    "asserted": 0,
    "reported": 1,
    "believed": 2,
    "claimed": 3,
    "alleged": 4,
    "hypothetical": 5,
    "planned": 6,
    "denied": 7,
    "negated": 8,
}
# cues that may reach an event from any clause above it ("an allegation that linked the killing")
WIDE = frozenset({"alleged", "believed", "claimed", "denied", "reported"})


def strongest(modalities: Iterable[str]) -> str:
    """The strongest of ``modalities`` ("asserted" when there is none)."""
    best = "asserted"
    for m in modalities:
        if _STRENGTH.get(m, -1) > _STRENGTH[best]:
            best = m
    return best


def is_future(date: Mapping[str, Any] | None, published: str | None, cues: Iterable[str]) -> bool:
    """Whether ``date`` lies after the publication date, or reads as future ("early next month")."""
    if not date:
        return False
    start = date.get("start")
    if start and published and not date.get("from_published"):
        try:
            return dt.date.fromisoformat(str(start)[:10]) > dt.date.fromisoformat(str(published)[:10])
        except ValueError:
            return False
    words = set(str(date.get("text") or "").lower().split())
    return bool(date.get("relative")) and bool(words & set(cues))
