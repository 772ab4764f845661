"""Find date expressions in text and resolve them to inclusive intervals (no spaCy here).

>>> grammar = DateGrammar()
>>> [(e.text, grammar.resolve(e, "2015-01-30").start) for e in grammar.find("crossed in December")]
[('December', '2014-12-01')]

A :class:`~dateline.dates.lexicon.DateLexicon` holds the words (month and weekday names, relative
words, part-of-period words such as early/mid/late); a :class:`DateGrammar` compiles it into regular
expressions once, finds :class:`~dateline.dates.expression.DateExpression` s in a text and resolves
each against an optional reference date (the publication date) with a
:class:`~dateline.dates.resolution.DateResolver` (its conventions are written there).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from dateline.alternation import alternation
from dateline.dates.expression import DateExpression, year_pair
from dateline.dates.lexicon import DateLexicon
from dateline.dates.resolution import DateResolution, DateResolver

__all__ = ["DateGrammar", "resolve_text"]

_WINDOW = 48  # characters an expression may reach on either side of its trigger word


# --- the grammar --------------------------------------------------------------------


def _alt(words: Iterable[str]) -> str:
    return alternation({w.lower() for w in words})


class DateGrammar(DateResolver):
    """Date expressions compiled from a :class:`DateLexicon`: ``find`` them in text, ``resolve`` each
    (:meth:`~dateline.dates.resolution.DateResolver.resolve`, inherited)."""

    def __init__(self, lexicon: DateLexicon | None = None) -> None:
        super().__init__(lexicon or DateLexicon.default())
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
            # numeric dates with slashes: day first when the first number cannot be a month
            # ("19/07/2021"), else month first as in US usage and GTD ("07/19/2021", "03/04/2021")
            ("day", rf"(?<![\d/.])(?P<d>1[3-9]|2\d|3[01])/(?P<m>0?[1-9]|1[0-2])/{year()}(?![\d/])"),
            ("day", rf"(?<![\d/.])(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/{year()}(?![\d/])"),
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
        if kind == "year_range" and year_pair(groups) is None:
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


def resolve_text(
    text: str,
    reference: str | dt.date | None = None,
    *,
    future: bool = False,
    grammar: DateGrammar | None = None,
) -> DateResolution | None:
    """Resolve the longest date expression in ``text``: ``resolve_text("in December", "2015-01-30")``."""
    grammar = grammar or DateGrammar()
    expr = grammar.parse(text)
    return grammar.resolve(expr, reference, future=future) if expr else None
