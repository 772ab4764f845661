"""Publication dates as people and feeds write them, to ISO ``YYYY-MM-DD``.

Accepted: ISO dates and datetimes (``2015-01-30``, ``2015-01-30T10:00:00+05:00``;
the date is kept as written, not converted between time zones), ``2015/01/30``,
``20150130``, ``30 January 2015``, ``January 30, 2015``, ``Jan. 30 2015``, RFC
2822 (``Fri, 30 Jan 2015 10:00:00 GMT``), and ``30/01/2015`` or ``01/30/2015``
when only one reading is possible. Anything else raises :class:`InvalidDate` (E202).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from dateline.errors import InvalidDate
from dateline.ingest.calendar_words import Calendar, default_calendar

_TIME = (
    r"(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5})?)?"
)
_HINT = "use YYYY-MM-DD, e.g. 2015-01-30"


class DateParser:
    """Parses publication dates; holds its compiled patterns and calendar."""

    def __init__(self, calendar: Calendar | None = None) -> None:
        self.calendar = calendar or default_calendar()
        month = self.calendar.month_pattern()
        weekday = self.calendar.weekday_pattern()
        day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
        year = r"(?P<year>\d{4})"
        self._iso = re.compile(rf"(?P<year>\d{{4}})[-/.](?P<month>\d{{1,2}})[-/.](?P<day>\d{{1,2}}){_TIME}")
        self._compact = re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})")
        self._numeric = re.compile(r"(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<year>\d{4})" + _TIME)
        lead = rf"(?:{weekday},?\s+)?"
        self._day_first = re.compile(
            rf"{lead}{day}\s+(?:of\s+)?(?P<month>{month}),?\s+{year}{_TIME}", re.IGNORECASE
        )
        self._month_first = re.compile(rf"{lead}(?P<month>{month})\s+{day},?\s+{year}{_TIME}", re.IGNORECASE)

    def parse(self, value: str) -> str:
        """``value`` as an ISO date string; raises :class:`InvalidDate` when it is not one."""
        text = " ".join(str(value).split())
        if not text:
            raise InvalidDate(f"empty date; {_HINT}")
        if m := self._iso.fullmatch(text) or self._compact.fullmatch(text):
            return self._make(value, m["year"], m["month"], m["day"])
        if m := self._day_first.fullmatch(text) or self._month_first.fullmatch(text):
            return self._make(value, m["year"], self.calendar.month(m["month"]), m["day"])
        if m := self._numeric.fullmatch(text):
            a, b = int(m["a"]), int(m["b"])
            if a != b and a <= 12 and b <= 12:
                raise InvalidDate(f"date {value!r} is ambiguous (day/month or month/day?); {_HINT}")
            day, month = (a, b) if a > 12 or a == b else (b, a)
            return self._make(value, m["year"], month, day)
        raise InvalidDate(f"{value!r} is not a date dateline can read; {_HINT}")

    def _make(self, value: str, year: str | int, month: str | int, day: str | int) -> str:
        try:
            date = dt.date(int(year), int(month), int(day))
        except ValueError:
            raise InvalidDate(f"{value!r} is not a real calendar date; {_HINT}") from None
        if not self.calendar.min_year <= date.year <= self.calendar.max_year:
            raise InvalidDate(f"{value!r}: year {date.year} is out of range; {_HINT}")
        return date.isoformat()


@cache
def default_parser() -> DateParser:
    return DateParser()


def parse_published(value: str) -> str:
    """A publication date as ISO ``YYYY-MM-DD``; raises :class:`InvalidDate` (E202)."""
    return default_parser().parse(value)
