"""Read numbers as news reports write them, from token strings (no spaCy here).

:meth:`NumberGrammar.read` reads one quantity expression -- "at least 400", "some 5,000 to 7,000",
"several thousand", "70-80 percent", "a 13-nation" -- from a list of lower-cased tokens with the
words of a :class:`~dateline.quantities.lexicon.NumberLexicon` (which inherits it) and returns a
:class:`Reading`: the token range, the interval ``[low, high]`` (None = unbounded), the best reading
and the normalised qualifier. Deciding *what* is counted and *whether* a number is a count at all
(years, identifiers) is the spaCy component's job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["NumberGrammar", "Qualifier", "Reading", "VagueAmount", "apply_role", "parse_digits"]

_DIGITS = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_SUFFIXED = re.compile(r"^(\d[\d,]*(?:\.\d+)?)([a-z]+)$")
_IN_TOKEN_RANGE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)[-\u2013\u2014](\d[\d,]*(?:\.\d+)?)$")
ROLES = ("exact", "min", "max", "about")  # how a qualifier bounds the interval


def parse_digits(text: str) -> float | None:
    """``"7,000"`` -> 7000.0, ``"1.5"`` -> 1.5, ``"1,50,000"`` (lakh grouping) -> 150000.0; else None."""
    if not _DIGITS.match(text):
        return None
    head = text.split(".", 1)[0]
    if "," in head:
        groups = head.split(",")
        if len(groups[0]) > 3 or len(groups[-1]) != 3 or any(len(g) not in (2, 3) for g in groups[1:-1]):
            return None
    return float(text.replace(",", ""))


@dataclass(frozen=True, slots=True)
class Qualifier:
    """A hedge on a number: its normalised text and how it bounds the interval."""

    qualifier: str | None
    role: str  # exact | min | max | about


@dataclass(frozen=True, slots=True)
class VagueAmount:
    """A vague amount of the lexicon ("several", "scores of"): the interval it stands for."""

    low: float
    high: float
    scaled: tuple[float, float] | None  # multiplier interval before a scale word ("several thousand")
    needs_of: bool  # only counts when "of" follows ("scores of")


@dataclass(slots=True)
class Reading:
    """One quantity expression read from tokens ``[start, end)``."""

    start: int
    end: int
    low: float | None
    high: float | None
    best: float | None
    qualifier: str | None = None
    vague: bool = False
    unit: str | None = None  # set when the expression itself names it ("%", "13-nation", "$")
    unit_token: int | None = None  # token index of that unit word, if it is one token
    seek_unit: bool = False  # "a 500-strong force": the counted noun comes after
    first_num: int = 0  # first and last token that carries a number
    last_num: int = 0
    scaled: bool = False  # a scale word or suffix was read ("million", "2.3m")
    plain_integer: bool = False  # one bare integer token with no separators ("2015", "16")
    scale_factor: float = 1.0


def apply_role(low: float | None, high: float | None, best: float | None, role: str) -> tuple:
    """Bound an interval by a hedge's role: ``min`` opens the top, ``max`` the bottom,
    ``about`` keeps only the best reading of a single number."""
    if role == "min":
        return low, None, best
    if role == "max":
        return None, high, best
    if role == "about" and best is not None:
        return None, None, best
    return low, high, best


class NumberGrammar:
    """Reads quantity expressions from tokens with the look-up tables of a number lexicon.

    A mix-in: :class:`dateline.quantities.lexicon.NumberLexicon` builds the tables below from its
    data and inherits the reading.
    """

    number_words: dict[str, float]
    scale_words: dict[str, float]
    scale_abbreviations: dict[str, float]
    plural_scales: dict[str, float]
    articles: frozenset[str]
    vague: dict[tuple[str, ...], VagueAmount]
    qualifiers: dict[tuple[str, ...], Qualifier]
    post_qualifiers: dict[tuple[str, ...], Qualifier]
    range_connectors: frozenset[str]
    range_openers: dict[str, str]
    unit_aliases: dict[tuple[str, ...], str]
    currency_prefixes: dict[str, str]
    size_suffixes: frozenset[str]
    _max_vague: int
    _max_qualifier: int

    # --- reading ---------------------------------------------------------------------

    def _is_tens(self, lower: str) -> bool:
        value = self.number_words.get(lower)
        return value is not None and value >= 20 and value % 10 == 0

    def _number_at(self, lowers: Sequence[str], j: int) -> bool:
        return j < len(lowers) and lowers[j] in self.number_words

    def is_number_word(self, lower: str) -> bool:
        return lower in self.number_words or lower in self.scale_words

    def read(self, lowers: Sequence[str], spaced: Sequence[bool], i: int, floor: int = 0) -> Reading | None:
        """Read a quantity expression whose number starts at token ``i``.

        ``lowers`` are the lower-cased token texts, ``spaced[k]`` tells whether whitespace
        follows token ``k``. Hedges before ``i`` are read back to ``floor`` at most.
        """
        r = self._read_vague(lowers, i) or self._read_range(lowers, spaced, i)
        if r is None:
            return None
        n = len(lowers)
        # a currency sign before the number names the unit
        if r.start - 1 >= floor and lowers[r.start - 1] in self.currency_prefixes:
            r.unit = self.currency_prefixes[lowers[r.start - 1]]
            r.start -= 1
        # "between 20 and 30" was read by _read_range; a hedge before the expression
        for size in range(min(self._max_qualifier, r.start - floor), 0, -1):
            q = self.qualifiers.get(tuple(lowers[r.start - size : r.start]))
            if q is not None:
                r.low, r.high, r.best = apply_role(r.low, r.high, r.best, q.role)
                r.qualifier = q.qualifier
                r.start -= size
                break
        # a hedge after it: "400 or more", "50-odd", "5,000+"
        for phrase, q in self.post_qualifiers.items():
            if tuple(lowers[r.end : r.end + len(phrase)]) == phrase:
                if phrase[0] == "-" and spaced[r.end - 1]:
                    continue
                r.low, r.high, r.best = apply_role(r.low, r.high, r.best, q.role)
                r.qualifier = r.qualifier or q.qualifier
                r.end += len(phrase)
                break
        # "%", "percent", "per cent"
        for phrase, unit in self.unit_aliases.items():
            if tuple(lowers[r.end : r.end + len(phrase)]) == phrase:
                r.unit, r.unit_token = unit, r.end + len(phrase) - 1
                r.end += len(phrase)
                break
        else:
            # "13-nation", "five-member", "500-strong"
            e = r.end
            if (
                r.unit is None
                and e + 1 < n
                and lowers[e] == "-"
                and not spaced[e - 1]
                and not spaced[e]
                and lowers[e + 1].isalpha()
                and not self.is_number_word(lowers[e + 1])
            ):
                r.end = e + 2
                if lowers[e + 1] in self.size_suffixes:
                    r.seek_unit = True
                else:
                    r.unit, r.unit_token = lowers[e + 1], e + 1
        return r

    def _read_vague(self, lowers: Sequence[str], i: int) -> Reading | None:
        for size in range(min(self._max_vague, len(lowers) - i), 0, -1):
            entry = self.vague.get(tuple(lowers[i : i + size]))
            if entry is not None:
                break
        else:
            return None
        low, high, scaled = entry.low, entry.high, entry.scaled
        end, factor = i + size, 1.0
        n = len(lowers)
        if entry.needs_of and (end >= n or lowers[end] != "of"):  # "scores of", not "scores"
            return None
        if scaled is not None:  # "several thousand", "a few hundred", "several hundred thousand"
            while end < n and lowers[end] in self.scale_words:
                factor *= self.scale_words[lowers[end]]
                end += 1
            if factor != 1.0:
                low, high = scaled
        # "tens of thousands", "hundreds of thousands"
        while end + 1 < n and lowers[end] == "of" and lowers[end + 1] in self.plural_scales:
            factor *= self.plural_scales[lowers[end + 1]]
            end += 2
        return Reading(
            start=i,
            end=end,
            low=low * factor,
            high=high * factor,
            best=None,
            vague=True,
            first_num=i,
            last_num=end - 1,
            scaled=factor != 1.0,
        )

    def _read_range(self, lowers: Sequence[str], spaced: Sequence[bool], i: int) -> Reading | None:
        first = self._read_number(lowers, spaced, i)
        if first is None:
            return None
        if first.low != first.high:  # an in-token range: "5,000-7,000"
            return first
        n, e = len(lowers), first.end
        opener = i > 0 and lowers[i - 1] in self.range_openers
        joins = lowers[e] in self.range_connectors if e < n else False
        if opener and e < n and lowers[e] == self.range_openers[lowers[i - 1]]:
            joins = True
        if joins and e + 1 < n:
            second = self._read_number(lowers, spaced, e + 1)
            if second is not None and second.low == second.high:
                low, high = first.best, second.best
                assert low is not None and high is not None
                if second.scaled and not first.scaled and low * second.scale_factor <= high:
                    low *= second.scale_factor  # "5 to 7 million"
                if low < high:
                    start = i - 1 if opener else i
                    return Reading(
                        start=start,
                        end=second.end,
                        low=low,
                        high=high,
                        best=None,
                        first_num=i,
                        last_num=second.end - 1,
                        scaled=first.scaled or second.scaled,
                    )
        return first

    def _read_number(self, lowers: Sequence[str], spaced: Sequence[bool], i: int) -> Reading | None:
        """One number: digits (+ scales), a suffixed figure ("2.3m"), or number words."""
        text = lowers[i]
        value: float | None = None
        factor = 1.0
        end = i + 1
        plain = False
        if text[:1].isdigit():
            value = parse_digits(text)
            if value is not None:
                plain = text.isdigit()
            else:
                m = _IN_TOKEN_RANGE.match(text)
                if m:
                    low, high = parse_digits(m.group(1)), parse_digits(m.group(2))
                    if low is None or high is None or low >= high:
                        return None
                    f, end = self._scales_after(lowers, spaced, end)
                    return _num(i, end, low * f, high * f, None, f)
                m = _SUFFIXED.match(text)
                if not m or m.group(2) not in self.scale_abbreviations:
                    return None
                value = parse_digits(m.group(1))
                if value is None:
                    return None
                factor = self.scale_abbreviations[m.group(2)]
            f, end = self._scales_after(lowers, spaced, end)
            factor *= f
        else:
            value, end = self._read_words(lowers, spaced, i)
            if value is None:
                return None
        v = value * factor
        num = _num(i, end, v, v, v, factor)
        num.plain_integer = plain and factor == 1.0
        return num

    def _scales_after(self, lowers: Sequence[str], spaced: Sequence[bool], end: int) -> tuple[float, int]:
        factor, n = 1.0, len(lowers)
        while end < n:
            w = lowers[end]
            if w in self.scale_words:
                factor *= self.scale_words[w]
            elif w in self.scale_abbreviations and not spaced[end - 1]:  # "2.3 m" written "2.3m"
                factor *= self.scale_abbreviations[w]
            else:
                break
            end += 1
        return factor, end

    def _read_words(self, lowers: Sequence[str], spaced: Sequence[bool], i: int) -> tuple[float | None, int]:
        """``one hundred and twenty`` -> 120, ``twenty-five`` -> 25, ``a dozen`` -> 12, ``two million``."""
        n = len(lowers)
        j = i
        if lowers[j] in self.articles:
            if j + 1 >= n or lowers[j + 1] not in self.scale_words:
                return None, i
            j += 1
        total = current = 0.0
        seen = False
        prev = ""
        while j < n:
            w = lowers[j]
            if w in self.number_words:
                joined = self._is_tens(prev) and self.number_words[w] < 10
                if seen and prev in self.number_words and not joined:
                    break  # "two three" is two numbers, "twenty five" is one
                current += self.number_words[w]
            elif w in self.scale_words:
                scale = self.scale_words[w]
                if scale < 1000:
                    current = (current or 1.0) * scale
                else:
                    total += (current or 1.0) * scale
                    current = 0.0
            elif w == "-" and seen and j + 1 < n and not spaced[j - 1] and not spaced[j]:
                nxt = lowers[j + 1]
                if not (self._is_tens(prev) and nxt in self.number_words and self.number_words[nxt] < 10):
                    break
                j += 1
                continue
            elif w == "and" and seen and prev in self.scale_words and self._number_at(lowers, j + 1):
                j += 1
                continue
            else:
                break
            seen = True
            prev = w
            j += 1
        if not seen:
            return None, i
        return total + current, j


def _num(start: int, end: int, low: float, high: float, best: float | None, factor: float) -> Reading:
    return Reading(
        start=start,
        end=end,
        low=low,
        high=high,
        best=best,
        first_num=start,
        last_num=end - 1,
        scaled=factor != 1.0,
        scale_factor=factor,
    )
