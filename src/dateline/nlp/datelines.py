"""The dateline that opens a story: ``NEW DELHI:``, ``KABUL (Reuters) —``, ``GAO, Mali, March 3 (Reuters) -``.

Only the first line is looked at. A dateline is a place, optionally a region
(``, Somalia``), a date (``, Jan 5``) and an agency (``(AP)``), then a
separator (``:``, ``-``, ``--``, ``–``, ``—``) followed by the story. The place
must be written in upper case, or else come with a known agency or a date; it
must not contain a word from the list of non-place words (``data/datelines.json``:
labels such as NOTE and UPDATE, organisations' acronyms), and a short
upper-case word alone (``UN:``) needs a region, date or agency. The text after
the separator must not start in lower case (that is a headline, not a dateline).

``Dateline.text`` and ``span`` cover only the (first) place as written
("MOGADISHU" in "MOGADISHU, Somalia (AP) —"); the region is kept in
``Dateline.region``; ``full_span`` covers everything up to and including the separator.

The ``dateline_datelines`` component, the first of dateline's pipeline, writes the dateline's dict to
``doc._.dateline_dateline`` (None when the story has none), so the components after it never read the
dateline as a story's place or actor. A dateline the caller set before the pipe is kept.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

from spacy.language import Language
from spacy.tokens import Doc

from dateline.ingest.calendar_words import Calendar, default_calendar
from dateline.nlp.component import PipelineComponent
from dateline.nlp.doc_cache import text_of
from dateline.nlp.extensions import doc_attrs, register_extensions
from dateline.records import Dateline

register_extensions()

_LETTER = r"[^\W\d_]"
_WORD = rf"{_LETTER}(?:{_LETTER}|['’.\-](?={_LETTER}))*\.?"
_MAX_LINE = 240
# lower-case words inside a region name: "Democratic Republic of Congo", "Bosnia and Herzegovina"
_CONNECTOR = r"(?:of|the|and|de|du|des|del|al|el)"
_LETTER_RUN = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    non_place_words: frozenset[str]
    agencies: MappingProxyType[str, str]
    short_place_letters: int
    max_place_words: int

    @classmethod
    def load(cls) -> _Lexicon:
        raw = json.loads(resources.files("dateline.nlp").joinpath("data/datelines.json").read_text("utf-8"))
        return cls(
            non_place_words=frozenset(w.upper() for w in raw["non_place_words"]),
            agencies=MappingProxyType({k.upper(): v for k, v in raw["agencies"].items()}),
            short_place_letters=int(raw["short_place_letters"]),
            max_place_words=int(raw["max_place_words"]),
        )


def display_case(name: str) -> str:
    """``NEW DELHI`` -> ``New Delhi``, ``N'DJAMENA`` -> ``N'Djamena``; mixed-case names are kept."""
    if not name.isupper():
        return name
    out: list[str] = []
    last = 0
    prev_run = ""
    for m in _LETTER_RUN.finditer(name):
        between = name[last : m.start()]
        run = m.group(0)
        after_apostrophe = between in ("'", "’") and len(prev_run) > 1
        out.append(between)
        out.append(run.lower() if after_apostrophe else run.capitalize())
        last, prev_run = m.end(), run
    out.append(name[last:])
    return "".join(out)


class DatelineDetector:
    """Finds a story's dateline; holds its compiled pattern and word lists."""

    def __init__(self, calendar: Calendar | None = None) -> None:
        self.calendar = calendar or default_calendar()
        self.lexicon = _Lexicon.load()
        month = self.calendar.month_pattern()
        weekday = self.calendar.weekday_pattern()
        n = self.lexicon.max_place_words - 1
        place = rf"{_WORD}(?: {_WORD}){{0,{n}}}"
        day_month = rf"(?:{month}\s+\d{{1,2}}|\d{{1,2}}\s+{month})(?:,?\s+\d{{4}})?"
        date = rf"(?i:(?:{weekday},?\s+)?{day_month}|{weekday})"
        self._pattern = re.compile(
            rf"(?P<place>{place})(?P<more>(?:\s*/\s*{place})*)"
            rf"(?:,\s*(?P<region>{_WORD}(?:(?: {_CONNECTOR})? {_WORD}){{0,3}}))?"
            rf"(?:,\s*(?P<date>{date}))?"
            r"(?:\s*\((?P<agency>[^()\n]{1,40})\))?"
            r"(?P<sep>\s*(?:--|[—–―])|\s+-(?=\s)|:(?=\s))"
            r"\s*(?P<next>\S)"
        )

    def _agency(self, raw: str | None, upper_place: bool) -> tuple[str | None, bool]:
        """(agency display name, whether it is a known agency)."""
        if raw is None:
            return None, False
        name = " ".join(raw.split())
        known = self.lexicon.agencies.get(name.upper())
        if known:
            return known, True
        looks_like_name = upper_place and name[:1].isupper() and len(name.split()) <= 3
        return (name if looks_like_name else None), False

    def _place_ok(self, place: str) -> bool:
        words = [w.rstrip(".").upper() for w in place.split()]
        cal = self.calendar
        return not any(
            w in self.lexicon.non_place_words or w.lower() in cal.months or w.lower() in cal.weekdays
            for w in words
        )

    def detect(self, text: str) -> Dateline | None:
        """The dateline at the start of ``text``'s first line, or None."""
        head = text[:_MAX_LINE].split("\n", 1)[0]
        offset = len(head) - len(head.lstrip())
        m = self._pattern.match(head, offset)
        if m is None or m["next"].islower():
            return None
        place = m["place"]
        upper = place.isupper()
        region = m["region"]
        if region and (not region[0].isupper() or not self._place_ok(region)):
            return None
        agency, known_agency = self._agency(m["agency"], upper)
        if m["agency"] and agency is None:
            return None
        if not self._place_ok(place):
            return None
        if upper:
            short = (
                len(place.split()) == 1
                and len(_LETTER_RUN.findall(place)[0]) <= self.lexicon.short_place_letters
            )
            if short and not (region or m["date"] or agency):
                return None
        elif not (known_agency or m["date"]) or not all(w[0].isupper() for w in place.split()):
            return None
        return Dateline(
            text=place,
            span=(m.start("place"), m.end("place")),
            place=display_case(place),
            agency=agency,
            full_span=(m.start("place"), m.end("sep")),
            region=display_case(region) if region else None,
        )


@cache
def default_detector() -> DatelineDetector:
    return DatelineDetector()


def detect_dateline(text: str) -> Dateline | None:
    """The dateline that opens ``text`` ("NEW DELHI:", "KABUL (Reuters) —"), or None."""
    return default_detector().detect(text)


@Language.factory("dateline_datelines", assigns=doc_attrs("dateline_dateline"))
def make_datelines(nlp: Language, name: str) -> DatelineRecognizer:
    """Factory for :class:`DatelineRecognizer`; add it before dateline's other components."""
    return DatelineRecognizer(name)


class DatelineRecognizer(PipelineComponent):
    """Writes ``doc._.dateline_dateline``: the :class:`~dateline.records.Dateline` dict, or None."""

    def __init__(self, name: str = "dateline_datelines") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if doc._.dateline_dateline is None:
            dateline = detect_dateline(text_of(doc))
            doc._.dateline_dateline = dateline.to_dict() if dateline else None
        return doc
