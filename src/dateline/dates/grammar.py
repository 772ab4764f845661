"""Find date expressions in text and resolve them to inclusive intervals (no spaCy here).

>>> grammar = DateGrammar()
>>> [(e.text, grammar.resolve(e, "2015-01-30").start) for e in grammar.find("crossed in December")]
[('December', '2014-12-01')]

A :class:`DateLexicon` holds the words (month and weekday names, relative words,
part-of-period words such as early/mid/late); a :class:`DateGrammar` compiles
it into regular expressions once, finds :class:`DateExpression` s in a text and
resolves each against an optional reference date (the publication date).

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
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from importlib import resources
from typing import Any, NamedTuple

__all__ = ["DateExpression", "DateGrammar", "DateLexicon", "Resolution", "parse_reference", "resolve_text"]

_DAY = dt.timedelta(days=1)
_WINDOW = 48  # characters an expression may reach on either side of its trigger word


# --- lexicon -------------------------------------------------------------------


@dataclass(slots=True)
class DateLexicon:
    """The words the date grammar knows; a plain mapping of category -> entries (see ``dates.json``)."""

    data: dict[str, Any]

    @classmethod
    def default(cls) -> DateLexicon:
        text = resources.files("dateline.dates").joinpath("data", "dates.json").read_text(encoding="utf-8")
        return cls(json.loads(text))

    @classmethod
    def from_json(cls, text: str | bytes) -> DateLexicon:
        return cls(json.loads(text))

    def to_json(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, indent=1, sort_keys=True)

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


# --- expressions and resolutions --------------------------------------------


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


@dataclass(frozen=True, slots=True)
class Resolution:
    """An inclusive interval (ISO strings) with its precision; start/end None when unresolved."""

    start: str | None
    end: str | None
    precision: str | None
    relative: bool
    resolved: bool

    @classmethod
    def interval(cls, start: dt.date, end: dt.date, precision: str, relative: bool) -> Resolution:
        return cls(start.isoformat(), end.isoformat(), precision, relative, True)

    @classmethod
    def unresolved(cls) -> Resolution:
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


# --- the grammar --------------------------------------------------------------------


def _alt(words: Iterable[str]) -> str:
    ordered = sorted({w.lower() for w in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


class DateGrammar:
    """Date expressions compiled from a :class:`DateLexicon`: ``find`` them in text, ``resolve`` each."""

    def __init__(self, lexicon: DateLexicon | None = None) -> None:
        self.lexicon = lexicon or DateLexicon.default()
        self._compile()

    # compile -------------------------------------------------------------------
    def _compile(self) -> None:
        lx = self.lexicon
        months: dict[str, int] = lx["months"]
        full = [m for m in months if not any(o != m and o.startswith(m) for o in months)]
        abbr = [m for m in months if m not in full]
        mon = rf"(?P<mon>{_alt(full)}\b|{_alt(abbr)}\b\.?)" if abbr else rf"(?P<mon>{_alt(full)}\b)"
        wd = rf"(?P<wd>{_alt(lx['weekdays'])})\b"
        part = rf"(?P<part>{_alt(lx['parts'])})"
        anchor = _alt([*lx["to_reference"], *lx["from_reference"]])
        rel = rf"(?P<rel>{_alt(lx['relative'])})"
        span_rel = rf"(?P<rel>{_alt(lx['span_relative'])})"
        units = _alt(lx["units"])
        cal = _alt(lx["calendar_units"])
        count = rf"(?P<n>\d{{1,2}}|{_alt(lx['numbers'])}|{_alt(lx['vague_numbers'])})"
        season = rf"(?P<season>{_alt(lx['seasons'])})"

        def year(name: str = "y") -> str:
            return rf"(?<![\d.,$£€#])(?P<{name}>1[89]\d\d|20\d\d)(?!\d|%|[.,]\d|-year|\s+years?\b)"

        def day(name: str) -> str:
            return rf"(?<![\d.,])(?P<{name}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

        dash = r"\s*(?:-|–|—)\s*"
        pod = rf"(?:\s+(?:{_alt(lx['parts_of_day'])}))?"
        rules: list[tuple[str, str]] = [
            ("day", rf"(?<![\d-]){year()}-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d-])"),
            (
                "day",
                rf"(?:{wd},?\s+)?(?:the\s+)?(?:{day('d0')}(?:{dash}|\s+(?:to|and)\s+))?{day('d')}"
                rf"(?:\s+of)?\s+{mon}(?:,?\s+{year()})?",
            ),
            ("day", rf"(?:{wd},?\s+)?{mon}\s+{day('d')}(?:{dash}{day('d2')})?(?!\d|:)(?:,?\s+{year()})?"),
            ("month", rf"(?:{rel}\s+|{part}-?\s*)?{mon}(?:,?\s+(?:of\s+)?{year()})?"),
            ("season", rf"{rel}\s+{season}"),
            ("season", rf"(?:the\s+)?{season}(?:\s+of)?\s+{year()}"),
            ("year_range", rf"{year()}\s*(?:-|–|—|/)\s*(?P<y2>\d{{4}}|\d\d)(?![\d\-–/%])"),
            ("year", rf"(?:{part}-?\s*|(?P<the>the\s+year\s+))?{year()}"),
            ("decade", rf"(?:the\s+)?(?:{part}-?\s*)?(?:the\s+)?(?P<dec>1[89]\d0|20\d0)'?s\b"),
            ("rel", rf"(?<!\bthe\s)(?:(?P<anchor>{anchor})\s+|{part}-?\s*)?{rel}\s+(?P<unit>{cal})\b"),
            ("span", rf"\bthe\s+{span_rel}\s+(?:{count}\s+)?(?P<unit>{units})\b"),
            ("span", rf"\b{span_rel}\s+{count}\s+(?P<unit>{units})\b"),
            ("ago", rf"\b{count}\s+(?P<unit>{units})\s+ago\b"),
            ("deictic", rf"\b(?:(?P<anchor>{anchor})\s+)?(?P<deictic>{_alt(lx['deictic_days'])})\b"),
            ("weekday", rf"\b(?:{rel}\s+)?{wd}(?:'s)?{pod}"),
            ("vague", rf"\b(?P<vague>{_alt(lx['vague_past_days'])})\b"),
            ("corresponding", rf"\b(?P<corr>{_alt(lx['corresponding'])})\s+(?:of\s+|in\s+)?last\s+year\b"),
        ]
        self._rules = [(kind, re.compile(rf"(?<![\w-]){body}", re.IGNORECASE)) for kind, body in rules]
        # every rule holds one of these words or a digit: rules run only in windows around them
        trigger_words = [
            *months,
            *lx["weekdays"],
            *lx["relative"],
            *lx["deictic_days"],
            *lx["vague_past_days"],
            *lx["seasons"],
            "ago",
        ]
        self._trigger = re.compile(rf"\d|\b{_alt(trigger_words)}\b", re.IGNORECASE)
        self._capitalised = {"mon": "months" in lx["capitalised"], "wd": "weekdays" in lx["capitalised"]}
        self._confirming = frozenset(lx["confirming_words"])
        self._connector = re.compile(rf"\s*(?P<c>{_alt(lx['range_connectors'])})\s*", re.IGNORECASE)
        self._opener = re.compile(rf"(?<![\w-])(?P<o>{_alt(lx['range_openers'])})\s+$", re.IGNORECASE)
        self._previous_word = re.compile(r"([A-Za-z]+)[\s-]*$")
        self._parts = {k: (Fraction(a), Fraction(b)) for k, (a, b) in lx["parts"].items()}

    # find ----------------------------------------------------------------------
    def find(self, text: str) -> list[DateExpression]:
        """Date expressions in ``text``, left to right, non-overlapping (leftmost longest wins)."""
        found: list[tuple[int, int, int, str, re.Match[str]]] = []
        for lo, hi in self._windows(text):
            for priority, (kind, regex) in enumerate(self._rules):
                for m in regex.finditer(text, lo, hi):
                    if m.end() > m.start() and self._case_ok(m):
                        found.append((m.start(), -(m.end() - m.start()), priority, kind, m))
        found.sort(key=lambda item: item[:3])
        chosen: list[DateExpression] = []
        last_end = -1
        for start, _neg, _prio, kind, m in found:
            if start < last_end:
                continue
            expr = self._expression(kind, m, text)
            if expr is not None:
                chosen.append(expr)
                last_end = m.end()
        return self._merge_ranges(chosen, text)

    def _windows(self, text: str, margin: int = _WINDOW) -> list[tuple[int, int]]:
        """Stretches of ``text`` around trigger words, merged; nothing outside them can be a date."""
        windows: list[tuple[int, int]] = []
        for m in self._trigger.finditer(text):
            lo, hi = max(0, m.start() - margin), min(len(text), m.end() + margin)
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], hi)
            else:
                windows.append((lo, hi))
        return windows

    def parse(self, text: str) -> DateExpression | None:
        """The longest date expression in ``text`` (e.g. one entity's text), or None."""
        found = self.find(text)
        return max(found, key=lambda e: e.end - e.start) if found else None

    def _case_ok(self, m: re.Match[str]) -> bool:
        for group, required in self._capitalised.items():
            value = m.groupdict().get(group)
            if required and value and not value[0].isupper():
                return False
        return True

    def _expression(self, kind: str, m: re.Match[str], text: str) -> DateExpression | None:
        groups = {k: v for k, v in m.groupdict().items() if v}
        if kind == "year_range" and _year_pair(groups) is None:
            return None
        if kind == "span" and "n" not in groups and self.lexicon["units"][groups["unit"].lower()] == "day":
            return None  # "the next day", "the past day": anaphoric, not a date
        bare = (kind == "year" and not groups.get("part") and not groups.get("the")) or (
            kind == "month" and not groups.get("y") and not groups.get("part") and not groups.get("rel")
        )
        weak = False
        if bare:
            prev = self._previous_word.search(text, max(0, m.start() - 24), m.start())
            weak = not (prev and prev.group(1).lower() in self._confirming)
        return DateExpression(kind, m.start(), m.end(), m.group(0), groups, weak=weak)

    def _merge_ranges(self, exprs: list[DateExpression], text: str) -> list[DateExpression]:
        absolute = ("day", "month", "year", "season")
        out: list[DateExpression] = []
        i = 0
        while i < len(exprs):
            a = exprs[i]
            b = exprs[i + 1] if i + 1 < len(exprs) else None
            if b is not None and a.kind in absolute and b.kind in absolute:
                link = self._connector.fullmatch(text, a.end, b.start)
                opener = self._opener.search(text, max(0, a.start - 12), a.start)
                if link and (
                    link.group("c").lower() != "and" or (opener and opener.group("o").lower() == "between")
                ):
                    start = opener.start() if opener else a.start
                    a2 = DateExpression(a.kind, a.start, a.end, a.text, a.groups, weak=False)
                    b2 = DateExpression(b.kind, b.start, b.end, b.text, b.groups, weak=False)
                    out.append(DateExpression("range", start, b.end, text[start : b.end], {}, (a2, b2)))
                    i += 2
                    continue
            out.append(a)
            i += 1
        return out

    # resolve -------------------------------------------------------------------
    def resolve(
        self,
        expr: DateExpression,
        reference: str | dt.date | None = None,
        *,
        future: bool = False,
        antecedent: Resolution | None = None,
    ) -> Resolution | None:
        """The interval ``expr`` denotes; None when it names no real date (e.g. 31 February)."""
        ref = parse_reference(reference)
        try:
            return self._resolve(expr, ref, future, antecedent, None)
        except (ValueError, OverflowError):
            return None

    def _resolve(
        self, e: DateExpression, ref: dt.date | None, future: bool, ante: Resolution | None, year: int | None
    ) -> Resolution | None:
        handler = getattr(self, f"_r_{e.kind}")
        return handler(_Context(e.groups, ref, future, ante, year, e))

    def _month(self, g: dict[str, str]) -> int:
        return int(self.lexicon["months"][g["mon"].lower().rstrip(".")])

    def _r_day(self, c: _Context) -> Resolution | None:
        g, ref, future, year = c.groups, c.ref, c.future, c.year
        month = int(g["m"]) if "m" in g else self._month(g)
        d_first, d_last = int(g.get("d0") or g["d"]), int(g.get("d2") or g["d"])
        if d_first > d_last:
            return None
        y = int(g["y"]) if "y" in g else year
        relative = y is None
        if y is None:
            if ref is None:
                return Resolution.unresolved()
            y = ref.year
            candidate = dt.date(y, month, min(d_first, 28))
            if not future and candidate > ref:
                y -= 1
            elif future and dt.date(y, month, min(d_last, 28)) < ref:
                y += 1
        start, end = dt.date(y, month, d_first), dt.date(y, month, d_last)
        return Resolution.interval(start, end, "day" if start == end else "range", relative)

    def _r_month(self, c: _Context) -> Resolution | None:
        g, ref, future, year = c.groups, c.ref, c.future, c.year
        month = self._month(g)
        y = int(g["y"]) if "y" in g else year
        relative = y is None
        if y is None:
            if ref is None:
                return Resolution.unresolved()
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
    ) -> Resolution:
        part = g.get("part")
        if part:
            start, end = _apply_part(start, end, unit, self._parts[_norm(part)])
        return Resolution.interval(start, end, _precision(start, end, unit), relative)

    def _r_season(self, c: _Context) -> Resolution | None:
        g, ref = c.groups, c.ref
        first, last = self.lexicon["seasons"][g["season"].lower()]

        def occurrence(y: int) -> tuple[dt.date, dt.date]:
            return dt.date(y, first, 1), _month_end(y + (1 if last < first else 0), last)

        if "y" in g:
            start, end = occurrence(int(g["y"]))
            return Resolution.interval(start, end, "range", False)
        if ref is None:
            return Resolution.unresolved()
        offset = self.lexicon["relative"].get(g["rel"].lower(), 0)
        years = range(ref.year - 2, ref.year + 2)
        if offset < 0:
            start, end = max((occurrence(y) for y in years if occurrence(y)[1] < ref), key=lambda o: o[0])
        elif offset > 0:
            start, end = min((occurrence(y) for y in years if occurrence(y)[0] > ref), key=lambda o: o[0])
        else:
            live = [occurrence(y) for y in years if occurrence(y)[0] <= ref <= occurrence(y)[1]]
            start, end = live[0] if live else occurrence(ref.year)
        return Resolution.interval(start, end, "range", True)

    def _r_year_range(self, c: _Context) -> Resolution | None:
        g = c.groups
        pair = _year_pair(g)
        if pair is None:
            return None
        return Resolution.interval(dt.date(pair[0], 1, 1), dt.date(pair[1], 12, 31), "range", False)

    def _r_year(self, c: _Context) -> Resolution | None:
        g = c.groups
        y = int(g["y"])
        return self._with_part(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", g, False)

    def _r_decade(self, c: _Context) -> Resolution | None:
        g = c.groups
        first = int(g["dec"])
        start, end = dt.date(first, 1, 1), dt.date(first + 9, 12, 31)
        return self._with_part(start, end, "decade", g, False)

    def _r_rel(self, c: _Context) -> Resolution | None:
        g, ref = c.groups, c.ref
        if ref is None:
            return Resolution.unresolved()
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
        return Resolution.interval(start, end, _precision(start, end, unit), True)

    def _r_span(self, c: _Context) -> Resolution | None:
        g, ref = c.groups, c.ref
        if ref is None:
            return Resolution.unresolved()
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
        return Resolution.interval(start, end, "range", True)

    def _r_ago(self, c: _Context) -> Resolution | None:
        g, ref = c.groups, c.ref
        if ref is None:
            return Resolution.unresolved()
        unit = self.lexicon["units"][g["unit"].lower()]
        low, high = self._count(g["n"], high=False), self._count(g["n"], high=True)
        start = _unit_interval(_shift(ref, unit, -high), unit)[0]
        end = _unit_interval(_shift(ref, unit, -low), unit)[1]
        return Resolution.interval(start, end, _precision(start, end, unit) if low == high else "range", True)

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

    def _r_deictic(self, c: _Context) -> Resolution | None:
        g, ref = c.groups, c.ref
        if ref is None:
            return Resolution.unresolved()
        day = ref + int(self.lexicon["deictic_days"][_norm(g["deictic"])]) * _DAY
        return Resolution.interval(day, day, "day", True)

    def _r_weekday(self, c: _Context) -> Resolution | None:
        g, ref, future = c.groups, c.ref, c.future
        if ref is None:
            return Resolution.unresolved()
        target = int(self.lexicon["weekdays"][g["wd"].lower()])
        offset = self.lexicon["relative"].get((g.get("rel") or "").lower())
        if offset == 1 or (offset in (None, 0) and future):
            ahead = (target - ref.weekday()) % 7 or (7 if offset == 1 else 0)
            day = ref + ahead * _DAY
        else:
            back = (ref.weekday() - target) % 7 or (7 if offset == -1 else 0)
            day = ref - back * _DAY
        return Resolution.interval(day, day, "day", True)

    def _r_vague(self, c: _Context) -> Resolution | None:
        g, ref = c.groups, c.ref
        if ref is None:
            return Resolution.unresolved()
        days = int(self.lexicon["vague_past_days"][_norm(g["vague"])])
        return Resolution.interval(ref - days * _DAY, ref, "range", True)

    def _r_corresponding(self, c: _Context) -> Resolution | None:
        ref, ante = c.ref, c.ante
        if ante is not None and ante.resolved and ante.start and ante.end:
            start = _add_months(dt.date.fromisoformat(ante.start), -12)
            end = dt.date.fromisoformat(ante.end)
            month_end = end == _month_end(end.year, end.month)
            end = _add_months(end, -12)
            if month_end:
                end = _month_end(end.year, end.month)
            return Resolution(start.isoformat(), end.isoformat(), ante.precision, True, True)
        if ref is None:
            return Resolution.unresolved()
        return Resolution.interval(dt.date(ref.year - 1, 1, 1), dt.date(ref.year - 1, 12, 31), "year", True)

    def _r_range(self, c: _Context) -> Resolution | None:
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
            return None if ra is None else Resolution.unresolved()
        if ra.start is None or rb.end is None or ra.start > rb.end:
            return None
        return Resolution(ra.start, rb.end, "range", ra.relative or rb.relative, True)


class _Context(NamedTuple):
    groups: dict[str, str]
    ref: dt.date | None
    future: bool
    ante: Resolution | None
    year: int | None  # a year lent by the other end of a range ("January" in "January to March 2015")
    expr: DateExpression


def _norm(word: str) -> str:
    return " ".join(word.lower().split())


def _year_pair(g: dict[str, str]) -> tuple[int, int] | None:
    y1, raw = int(g["y"]), g["y2"]
    y2 = int(raw) if len(raw) == 4 else (y1 // 100) * 100 + int(raw)
    if len(raw) == 2 and y2 <= y1:
        y2 += 100
    return (y1, y2) if y1 < y2 <= y1 + 100 else None


def resolve_text(
    text: str,
    reference: str | dt.date | None = None,
    *,
    future: bool = False,
    grammar: DateGrammar | None = None,
) -> Resolution | None:
    """Resolve the longest date expression in ``text``: ``resolve_text("in December", "2015-01-30")``."""
    grammar = grammar or DateGrammar()
    expr = grammar.parse(text)
    return grammar.resolve(expr, reference, future=future) if expr else None
