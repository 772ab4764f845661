"""Check actor recognition on the PLOVER gold-standard records (``PLOVER_GSR_CAMEO.txt``).

The file is a JSON array; each event record has a sentence (``text``) and ``source``/``target``
lists of actors, each with the words that name it (``actorText``), a CAMEO country or actor-type
code (``code``, mostly ISO 3166-1 alpha-3) and an optional CAMEO ``sector`` (GOV, MIL, REB, ...).
Only the event's own source and target are marked, not every actor of the sentence, so the file
measures recall, never precision.

Scores: ``recall``: share of gold actor texts that overlap an actor mention; ``country``: share of
found actors whose country matches (alpha-3 -> alpha-2 through GeoNames' countryInfo table; only
for codes that are countries); ``kind``: share of found actors whose kind agrees with the CAMEO
sector or actor-type code (the mapping is ``data/plover.json``). Gold texts that are not in the
sentence as written ("U.S. ... negotiators") are looked up piece by piece; those still not found
are counted as ``unlocated`` and left out. The records' dates are all the placeholder 2000-01-01,
so documents are analysed without a publication date.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from dateline.errors import MalformedRecord
from dateline.evaluation.actors import COMPONENT, accuracy_counts, mention_rows
from dateline.evaluation.gold import MAX_EXAMPLES, Span, analysed
from dateline.records import Actor

__all__ = ["PloverCodes", "evaluate_plover", "locate_actor"]

_ELLIPSIS = re.compile(r"\s*\.{2,}\s*|\s*…\s*")


@dataclass(frozen=True, slots=True)
class PloverCodes:
    """CAMEO codes as dateline sees them: alpha-3 -> alpha-2 countries and sector -> kinds."""

    countries: dict[str, str]
    sectors: dict[str, frozenset[str]]
    person_sectors: frozenset[str]
    country_kinds: frozenset[str]
    code_kinds: dict[str, frozenset[str]]

    @classmethod
    def load(cls) -> PloverCodes:
        data = json.loads(
            (resources.files("dateline.evaluation") / "data" / "plover.json").read_text(encoding="utf-8")
        )
        countries: dict[str, str] = {}
        info = resources.files("dateline.gazetteer") / "data" / "countryInfo.txt"
        for line in info.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                cols = line.split("\t")
                if len(cols) > 1 and len(cols[0]) == 2 and len(cols[1]) == 3:
                    countries[cols[1]] = cols[0]
        code_kinds = {}
        for code, spec in data["codes"].items():
            if "country" in spec:
                countries[code] = spec["country"]
            if "kinds" in spec:
                code_kinds[code] = frozenset(spec["kinds"])
        return cls(
            countries=countries,
            sectors={k: frozenset(v) for k, v in data["sectors"].items()},
            person_sectors=frozenset(data["person_sectors"]),
            country_kinds=frozenset(data["country_kinds"]),
            code_kinds=code_kinds,
        )

    def country(self, code: str | None) -> str | None:
        """The alpha-2 country of a CAMEO code, or None when the code is not a country."""
        return self.countries.get(code or "")

    def kinds(self, code: str | None, sector: str | None) -> frozenset[str] | None:
        """The kinds that agree with a gold actor, or None when it says nothing usable."""
        head = (sector or "")[:3].upper()
        kinds = set(self.sectors.get(head, ()))
        kinds |= self.code_kinds.get(code or "", frozenset())
        if not kinds and not sector and self.country(code):
            kinds |= self.country_kinds
        return frozenset(kinds) or None


def locate_actor(text: str, actor_text: str) -> list[Span]:
    """Where a gold actor text is in the sentence: one span, the spans of its pieces around an
    ellipsis ("U.S. ... negotiators"), or none. Whitespace and case are not significant."""
    pieces = [p for p in _ELLIPSIS.split(" ".join(actor_text.split())) if p]
    folded = text.casefold()
    spans: list[Span] = []
    cursor = 0
    for piece in pieces:
        pattern = r"\s+".join(re.escape(w) for w in piece.casefold().split())
        match = re.compile(pattern).search(folded, cursor)
        if match is None:
            return []
        spans.append((match.start(), match.end()))
        cursor = match.end()
    return spans


def evaluate_plover(nlp: Any, path: Path) -> dict[str, Any]:
    """Recall of PLOVER's source/target actors, and country and kind agreement of those found."""
    records = _read(Path(path))
    cases = [{"text": r["text"], "published": None} for r in records]
    tally = _Tally(PloverCodes.load())
    for record, (case, doc) in zip(records, analysed(nlp, cases, COMPONENT), strict=True):
        rows = mention_rows(map(Actor.from_dict, doc._.get("dateline_actors") or []))
        for actor in _gold_actors(record):
            tally.add(case["text"], actor, rows)
    return {"records": len(records), **tally.scores()}


@dataclass
class _Tally:
    codes: PloverCodes
    total: int = 0
    located: int = 0
    found: int = 0
    country: list[int] = field(default_factory=lambda: [0, 0])
    kind: list[int] = field(default_factory=lambda: [0, 0])
    people_for_institutions: int = 0
    misses: list[str] = field(default_factory=list)
    unlocated: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, text: str, actor: dict[str, Any], rows: list[dict[str, Any]]) -> None:
        self.total += 1
        actor_text = str(actor.get("actorText") or "").strip()
        where = f"{actor_text!r} in {text[:60]!r}"
        spans = locate_actor(text, actor_text)
        if not spans:
            self.unlocated.append(where)
            return
        self.located += 1
        row = _best(rows, spans)
        if row is None:
            self.misses.append(where)
            return
        self.found += 1
        code, sector = actor.get("code"), actor.get("sector")
        want = self.codes.country(code)
        if want is not None:
            self.country[1] += 1
            self.country[0] += row["country"] == want
            if row["country"] != want:
                self.wrong.append(f"{row['text']!r}: country {row['country']!r} != {want!r} ({code})")
        kinds = self.codes.kinds(code, sector)
        if kinds is None:
            return
        institution = (sector or "")[:3].upper() in self.codes.person_sectors
        if row["kind"] == "person" and "person" not in kinds and institution:
            self.people_for_institutions += 1  # an official coded by the institution it acts for
            return
        self.kind[1] += 1
        self.kind[0] += row["kind"] in kinds
        if row["kind"] not in kinds:
            self.wrong.append(
                f"{row['text']!r}: kind {row['kind']!r} not in {sorted(kinds)} ({code} {sector})"
            )

    def scores(self) -> dict[str, Any]:
        return {
            "actors": self.total,
            "located": self.located,
            "unlocated": self.total - self.located,
            "found": self.found,
            "recall": round(self.found / self.located, 4) if self.located else 0.0,
            "country": accuracy_counts(*self.country),
            "kind": accuracy_counts(*self.kind),
            "people_for_institutions": self.people_for_institutions,
            "misses": self.misses[:MAX_EXAMPLES],
            "wrong": self.wrong[:MAX_EXAMPLES],
            "unlocated_texts": self.unlocated[:MAX_EXAMPLES],
        }


def _read(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise MalformedRecord(f"{path}: not a JSON array ({exc.msg})") from None
    if not isinstance(data, list):
        raise MalformedRecord(f"{path}: expected a JSON array of PLOVER records")
    return [r for r in data if isinstance(r, dict) and isinstance(r.get("text"), str) and r["text"].strip()]


def _gold_actors(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's source and target actors that name something (empty strings are skipped)."""
    out = []
    for role in ("source", "target"):
        value = record.get(role)
        if isinstance(value, list):
            out.extend(a for a in value if isinstance(a, dict) and str(a.get("actorText") or "").strip())
    return out


def _best(rows: list[dict[str, Any]], spans: list[Span]) -> dict[str, Any] | None:
    """The actor mention sharing most characters with the gold spans, if any overlaps."""
    best, most = None, 0
    for row in rows:
        start, end = row["span"]
        shared = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
        if shared > most:
            best, most = row, shared
    return best
