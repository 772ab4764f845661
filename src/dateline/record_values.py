"""The values records hold, checked and converted as records are built: spans, ISO dates,
precisions and string lists (``dateline.records`` builds its shapes from these)."""

from __future__ import annotations

import datetime as dt
from typing import Any

__all__ = ["Span", "check_precision", "iso_date", "span_of", "strings", "to_date"]

Span = tuple[int, int]


def span_of(value: Any) -> Span:
    """A character span ``[start, end]`` as a tuple, checked: 0 <= start <= end."""
    start, end = (int(x) for x in value)
    if start < 0 or end < start:
        raise ValueError(f"bad span {value!r}: need 0 <= start <= end")
    return (start, end)


def iso_date(value: Any) -> str | None:
    """A date (or ISO date string) as an ISO string, checked; None stays None."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    dt.date.fromisoformat(str(value))  # validates
    return str(value)


def to_date(value: Any) -> dt.date | None:
    """An ISO date (or date) as a date; None for anything that is not one."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:  # not a date
        return None


def strings(value: Any) -> tuple[str, ...]:
    """A list of values as a tuple of strings (None: empty)."""
    return tuple(str(v) for v in value or ())


def check_precision(value: Any, what: str) -> None:
    """ACLED's geo or time precision: 1, 2, 3 or None."""
    if value not in (None, 1, 2, 3):
        raise ValueError(f"{what}: precision must be 1, 2, 3 or None, not {value!r}")
