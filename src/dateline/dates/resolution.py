"""Resolve date expressions to inclusive intervals against a reference date (no spaCy here).

A :class:`DateResolver` turns a :class:`~dateline.dates.expression.DateExpression` into a
:class:`DateResolution` with the words of a :class:`~dateline.dates.lexicon.DateLexicon`
(relative words, counts, parts of a period); :class:`dateline.dates.grammar.DateGrammar`, which
finds the expressions, inherits it.

Conventions:

* Intervals are inclusive. ``precision`` names the calendar unit when the
  interval is exactly one day, ISO week (Monday..Sunday), month or year, and is
  ``"range"`` for anything else (parts of a period, spans, "a few months ago").
* Without a reference date, an expression that needs one ("last week",
  "in December" without a year) stays unresolved: no start or end, no
  precision, ``resolved=False``, ``relative=True``. The year is never guessed.
* A month or weekday without a year is read as the most recent one not after
  the reference date, unless the caller says the context is future.
* "recently" and "in recent weeks" resolve to a wide range ending at the
  reference date (the widths are in the lexicon, ``vague_past_days``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

from dateline.dates.expression import DateExpression, year_pair
from dateline.dates.lexicon import DateLexicon

__all__ = ["DateResolution", "DateResolver", "parse_reference"]

_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DateResolution:
    """An inclusive interval (ISO strings) with its precision; start/end None when unresolved."""

    start: str | None
    end: str | None
    precision: str | None
    relative: bool
    resolved: bool

    @classmethod
    def interval(cls, start: dt.date, end: dt.date, precision: str, relative: bool) -> DateResolution:
        return cls(start.isoformat(), end.isoformat(), precision, relative, True)

    @classmethod
    def unresolved(cls) -> DateResolution:
        return cls(None, None, None, True, False)


def parse_reference(value: str | dt.date | None) -> dt.date | None:
    """The reference date as a ``date``; raises ``ValueError`` on a malformed ISO string."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


# --- calendar arithmetic ---------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _shift(day: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return day + n * _DAY
    if unit in ("week", "weekend"):
        return day + 7 * n * _DAY
    return _add_months(day, n * {"month": 1, "year": 12, "decade": 120}[unit])


def _unit_interval(day: dt.date, unit: str) -> tuple[dt.date, dt.date]:
    if unit == "day":
        return day, day
    if unit == "week":
        monday = day - day.weekday() * _DAY
        return monday, monday + 6 * _DAY
    if unit == "weekend":
        saturday = day + (5 - day.weekday()) * _DAY
        return saturday, saturday + _DAY
    if unit == "month":
        return day.replace(day=1), _month_end(day.year, day.month)
    if unit == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    first = day.year - day.year % 10
    return dt.date(first, 1, 1), dt.date(first + 9, 12, 31)


def _apply_part(
    start: dt.date, end: dt.date, unit: str, frac: tuple[Fraction, Fraction]
) -> tuple[dt.date, dt.date]:
    """A part (e.g. the first third) of an interval, counted in sub-units (months of a year, days)."""
    f0, f1 = frac
    if unit in ("year", "decade"):
        sub, count = ("month", 12) if unit == "year" else ("year", 10)
    else:  # days of a month counted on a nominal 30 (early = 1..10, late = 21..end), of a week on 7
        sub, count = "day", 30 if unit == "month" else (end - start).days + 1
    first = int(f0 * count) + 1
    last = max(first, int(f1 * count))
    if sub == "day" and (f1 == 1 or start + (last - 1) * _DAY > end):
        last = (end - start).days + 1
    if sub == "day":
        return start + (first - 1) * _DAY, start + (last - 1) * _DAY
    if sub == "month":
        return dt.date(start.year, first, 1), _month_end(start.year, last)
    return dt.date(start.year + first - 1, 1, 1), dt.date(start.year + last - 1, 12, 31)


def _precision(start: dt.date, end: dt.date, unit: str) -> str:
    if unit in ("day", "week", "month", "year") and _unit_interval(start, unit) == (start, end):
        return unit
    return "range"


class DateResolver:
    """The interval each kind of date expression denotes, read with a :class:`DateLexicon`'s words."""

    def __init__(self, lexicon: DateLexicon) -> None:
        self.lexicon = lexicon
        self._parts = {k: (Fraction(a), Fraction(b)) for k, (a, b) in lexicon["parts"].items()}

    def resolve(
        self,
        expr: DateExpression,
        reference: str | dt.date | None = None,
        *,
        future: bool = False,
        antecedent: DateResolution | None = None,
    ) -> DateResolution | None:
        """The interval ``expr`` denotes; None when it names no real date (e.g. 31 February)."""
        ref = parse_reference(reference)
        try:
            return self._resolve(expr, ref, future, antecedent, None)
        except (ValueError, OverflowError):
            return None

    def _resolve(
        self,
        e: DateExpression,
        ref: dt.date | None,
        future: bool,
        ante: DateResolution | None,
        year: int | None,
    ) -> DateResolution | None:
        handler = getattr(self, f"_r_{e.kind}")
        return handler(_Context(e.groups, ref, future, ante, year, e))

    def _month(self, g: dict[str, str]) -> int:
        return int(self.lexicon["months"][g["mon"].lower().rstrip(".")])

    def _r_day(self, c: _Context) -> DateResolution | None:
        g, ref, future, year = c.groups, c.ref, c.future, c.year
        month = int(g["m"]) if "m" in g else self._month(g)
        d_first, d_last = int(g.get("d0") or g["d"]), int(g.get("d2") or g["d"])
        if d_first > d_last:
            return None
        y = int(g["y"]) if "y" in g else year
        relative = y is None
        if y is None:
            if ref is None:
                return DateResolution.unresolved()
            y = ref.year
            candidate = dt.date(y, month, min(d_first, 28))
            if not future and candidate > ref:
                y -= 1
            elif future and dt.date(y, month, min(d_last, 28)) < ref:
                y += 1
        start, end = dt.date(y, month, d_first), dt.date(y, month, d_last)
        return DateResolution.interval(start, end, "day" if start == end else "range", relative)

    def _r_month(self, c: _Context) -> DateResolution | None:
        g, ref, future, year = c.groups, c.ref, c.future, c.year
        month = self._month(g)
        y = int(g["y"]) if "y" in g else year
        relative = y is None
        if y is None:
            if ref is None:
                return DateResolution.unresolved()
            offset = self.lexicon["relative"].get((g.get("rel") or "").lower())
            y = ref.year
            if offset == -1:
                y -= 1 if month >= ref.month else 0
            elif offset == 1 or (offset is None and future):
                y += 1 if month < ref.month or (offset == 1 and month == ref.month) else 0
            elif offset is None and month > ref.month:
                y -= 1
        start, end = dt.date(y, month, 1), _month_end(y, month)
        return self._with_part(start, end, "month", g, relative)

    def _with_part(
        self, start: dt.date, end: dt.date, unit: str, g: dict[str, str], relative: bool
    ) -> DateResolution:
        part = g.get("part")
        if part:
            start, end = _apply_part(start, end, unit, self._parts[_norm(part)])
        return DateResolution.interval(start, end, _precision(start, end, unit), relative)

    def _r_season(self, c: _Context) -> DateResolution | None:
        g, ref = c.groups, c.ref
        first, last = self.lexicon["seasons"][g["season"].lower()]

        def occurrence(y: int) -> tuple[dt.date, dt.date]:
            return dt.date(y, first, 1), _month_end(y + (1 if last < first else 0), last)

        if "y" in g:
            start, end = occurrence(int(g["y"]))
            return DateResolution.interval(start, end, "range", False)
        if ref is None:
            return DateResolution.unresolved()
        offset = self.lexicon["relative"].get(g["rel"].lower(), 0)
        years = range(ref.year - 2, ref.year + 2)
        if offset < 0:
            start, end = max((occurrence(y) for y in years if occurrence(y)[1] < ref), key=lambda o: o[0])
        elif offset > 0:
            start, end = min((occurrence(y) for y in years if occurrence(y)[0] > ref), key=lambda o: o[0])
        else:
            live = [occurrence(y) for y in years if occurrence(y)[0] <= ref <= occurrence(y)[1]]
            start, end = live[0] if live else occurrence(ref.year)
        return DateResolution.interval(start, end, "range", True)

    def _r_year_range(self, c: _Context) -> DateResolution | None:
        g = c.groups
        pair = year_pair(g)
        if pair is None:
            return None
        return DateResolution.interval(dt.date(pair[0], 1, 1), dt.date(pair[1], 12, 31), "range", False)

    def _r_year(self, c: _Context) -> DateResolution | None:
        g = c.groups
        y = int(g["y"])
        return self._with_part(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", g, False)

    def _r_decade(self, c: _Context) -> DateResolution | None:
        g = c.groups
        first = int(g["dec"])
        start, end = dt.date(first, 1, 1), dt.date(first + 9, 12, 31)
        return self._with_part(start, end, "decade", g, False)

    def _r_rel(self, c: _Context) -> DateResolution | None:
        g, ref = c.groups, c.ref
        if ref is None:
            return DateResolution.unresolved()
        unit = g["unit"].lower()
        offset = int(self.lexicon["relative"][g["rel"].lower()])
        start, end = _unit_interval(_shift(ref, unit, offset), unit)
        anchor = (g.get("anchor") or "").lower()
        if anchor in self.lexicon["to_reference"]:
            end = min(end, ref)
        elif anchor in self.lexicon["from_reference"]:
            start = max(start, ref)
        if g.get("part"):
            return self._with_part(start, end, unit, g, True)
        return DateResolution.interval(start, end, _precision(start, end, unit), True)

    def _r_span(self, c: _Context) -> DateResolution | None:
        g, ref = c.groups, c.ref
        if ref is None:
            return DateResolution.unresolved()
        unit = self.lexicon["units"][g["unit"].lower()]
        offset = int(self.lexicon["relative"][g["rel"].lower()])
        plural = g["unit"].lower() != unit
        n = self._count(g.get("n") or (self.lexicon["plural_count"] if plural else None), high=True)
        if offset == 0:
            return None
        if offset < 0:
            start, end = _shift(ref, unit, -n), ref
        else:
            start, end = ref, _shift(ref, unit, n)
        return DateResolution.interval(start, end, "range", True)

    def _r_ago(self, c: _Context) -> DateResolution | None:
        g, ref = c.groups, c.ref
        if ref is None:
            return DateResolution.unresolved()
        unit = self.lexicon["units"][g["unit"].lower()]
        low, high = self._count(g["n"], high=False), self._count(g["n"], high=True)
        start = _unit_interval(_shift(ref, unit, -high), unit)[0]
        end = _unit_interval(_shift(ref, unit, -low), unit)[1]
        return DateResolution.interval(
            start, end, _precision(start, end, unit) if low == high else "range", True
        )

    def _count(self, word: str | None, *, high: bool) -> int:
        if word is None:
            return 1
        w = _norm(word)
        if w.isdigit():
            return int(w)
        if w in self.lexicon["numbers"]:
            return int(self.lexicon["numbers"][w])
        low_high = self.lexicon["vague_numbers"][w]
        return int(low_high[1] if high else low_high[0])

    def _r_deictic(self, c: _Context) -> DateResolution | None:
        g, ref = c.groups, c.ref
        if ref is None:
            return DateResolution.unresolved()
        day = ref + int(self.lexicon["deictic_days"][_norm(g["deictic"])]) * _DAY
        return DateResolution.interval(day, day, "day", True)

    def _r_weekday(self, c: _Context) -> DateResolution | None:
        g, ref, future = c.groups, c.ref, c.future
        if ref is None:
            return DateResolution.unresolved()
        target = int(self.lexicon["weekdays"][g["wd"].lower()])
        offset = self.lexicon["relative"].get((g.get("rel") or "").lower())
        if offset == 1 or (offset in (None, 0) and future):
            ahead = (target - ref.weekday()) % 7 or (7 if offset == 1 else 0)
            day = ref + ahead * _DAY
        else:
            back = (ref.weekday() - target) % 7 or (7 if offset == -1 else 0)
            day = ref - back * _DAY
        return DateResolution.interval(day, day, "day", True)

    def _r_vague(self, c: _Context) -> DateResolution | None:
        g, ref = c.groups, c.ref
        if ref is None:
            return DateResolution.unresolved()
        days = int(self.lexicon["vague_past_days"][_norm(g["vague"])])
        return DateResolution.interval(ref - days * _DAY, ref, "range", True)

    def _r_corresponding(self, c: _Context) -> DateResolution | None:
        ref, ante = c.ref, c.ante
        if ante is not None and ante.resolved and ante.start and ante.end:
            start = _add_months(dt.date.fromisoformat(ante.start), -12)
            end = dt.date.fromisoformat(ante.end)
            month_end = end == _month_end(end.year, end.month)
            end = _add_months(end, -12)
            if month_end:
                end = _month_end(end.year, end.month)
            return DateResolution(start.isoformat(), end.isoformat(), ante.precision, True, True)
        if ref is None:
            return DateResolution.unresolved()
        return DateResolution.interval(
            dt.date(ref.year - 1, 1, 1), dt.date(ref.year - 1, 12, 31), "year", True
        )

    def _r_range(self, c: _Context) -> DateResolution | None:
        ref, future, ante, e = c.ref, c.future, c.ante, c.expr
        a, b = e.parts
        rb = self._resolve(b, ref, future, ante, None)
        if rb is None:
            return None
        borrowed = None
        if rb.resolved and a.kind in ("day", "month") and "y" not in a.groups and rb.start:
            b_start = dt.date.fromisoformat(rb.start)
            a_month = int(a.groups["m"]) if "m" in a.groups else self._month(a.groups)
            borrowed = b_start.year - (1 if a_month > b_start.month else 0)
        ra = self._resolve(a, ref, future, ante, borrowed)
        if ra is None or not (ra.resolved and rb.resolved):
            return None if ra is None else DateResolution.unresolved()
        if ra.start is None or rb.end is None or ra.start > rb.end:
            return None
        return DateResolution(ra.start, rb.end, "range", ra.relative or rb.relative, True)


class _Context(NamedTuple):
    groups: dict[str, str]
    ref: dt.date | None
    future: bool
    ante: DateResolution | None
    year: int | None  # a year lent by the other end of a range ("January" in "January to March 2015")
    expr: DateExpression


def _norm(word: str) -> str:
    return " ".join(word.lower().split())
