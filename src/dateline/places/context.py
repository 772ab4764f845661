"""What the rest of the document says about a mention's candidates.

* :func:`find_containers` reads containment from the text itself: "Quetta, Pakistan", "Dangam
  district in Kunar", "Dangam district, eastern Kunar province" (the second place holds the first).
* :func:`contains` tells whether one entry holds another (same country, admin-1 or admin-2 codes;
  a town holds what lies within a few kilometres).
* :class:`Focus` is the document's geographic focus: how much of the article (the other place
  names, weighted by how sure their current reading is, and the countries it names by their
  people, "Afghan forces") lies in each country and admin-1 unit, and the points the other names
  currently stand for.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Collection, Iterable, Sequence
from importlib import resources

from dateline.gazetteer.entry import Entry, haversine_km

__all__ = ["CONTEXT_FEATURES", "Focus", "contains", "find_containers", "former_parts"]

#: Names of the context features, in the order the resolver computes them.
CONTEXT_FEATURES = (
    "contained",
    "focus_country",
    "focus_admin1",
    "top_admin1",
    "nearby",
    "actor_area",
    "dateline_country",
)

# After a mention: ", " or " in " / " of " then optional "the" and a compass adjective; or ", in "
# and a compass adjective ("Al-Dawrah area, in southern Baghdad"; a bare ", in" may open a list).
_COMPASS = r"(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+"
# The second may be the countryside of a province ("Mansura in the western countryside of
# Ar-Raqqa", "Kafr Nabl, in the southern countryside of Idleb"): it still holds the first.
_SURROUNDS = r"(?:(?:countryside|outskirts|suburbs|environs)\s+of\s+)?"
_LINK = re.compile(
    rf"(?:\s*,\s*in\s+(?:the\s+)?{_COMPASS}{_SURROUNDS}"
    rf"|(?:\s*,\s*|\s+(?:in|of)\s+)(?:the\s+)?(?:{_COMPASS})?{_SURROUNDS})",
    re.IGNORECASE,
)
# Before a mention: a possessive "'s", an optional compass adjective and "district of" ("Baghdad's
# southern district of Doura"); the possessor ends where the match starts.
_POSSESSIVE_LINK = re.compile(
    rf"['’]s\s+(?:the\s+)?(?:{_COMPASS})?(?:(?:district|neighbou?rhood|quarter|suburb|area)\s+of\s+)?$"
)
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}")
_WINDOW = 40


def find_containers(text: str, spans: Sequence[tuple[int, int]]) -> tuple[dict[int, int], dict[int, str]]:
    """Containment written in ``text`` after each mention span.

    Returns (``inside``: mention index -> index of the mention that holds it, ``named``: mention
    index -> a capitalised name that holds it when no mention starts there).
    """
    starts = {span[0]: i for i, span in enumerate(spans)}
    inside: dict[int, int] = {}
    named: dict[int, str] = {}
    if not text:
        return inside, named
    for i, (_, end) in enumerate(spans):
        if end >= len(text):
            continue
        link = _LINK.match(text, end, min(len(text), end + _WINDOW))
        if link is None:
            continue
        pos = link.end()
        # the next mention may open with the compass word the link read ("in southern Baghdad")
        j = next((starts[k] for k in range(end + 1, pos + 1) if k in starts), None)
        if j is not None and j != i:
            inside[i] = j
            continue
        if text[end] == ",":  # only "X, Y" links a mention to a name outside the mention list
            name = _CAPITALISED.match(text, pos, min(len(text), pos + _WINDOW))
            if name is not None:
                named[i] = name.group(0).rstrip(".")
    # "Baghdad's Yarmouk district", "Baghdad's southern district of Doura": the possessor holds it
    ends = {span[1]: i for i, span in enumerate(spans)}
    for i, (start, _) in enumerate(spans):
        if i in inside:
            continue
        lo = max(0, start - _WINDOW)
        owner = _POSSESSIVE_LINK.search(text[lo:start])
        if owner is not None and ends.get(lo + owner.start(), i) != i:
            inside[i] = ends[lo + owner.start()]
    return inside, named


def contains(outer: Entry, inner: Entry, *, within_km: float) -> bool:
    """Does ``outer`` hold ``inner`` (a country its provinces and towns, a province its districts...)?"""
    if outer.id == inner.id or outer.country_code is None or outer.country_code != inner.country_code:
        return False
    if inner.parent_id == outer.id:  # a village of a district GeoNames lacks (OCHA's Afghan districts)
        return True
    code = outer.feature_code
    if outer.is_country:
        return True
    if code == "ADM1":
        return (
            inner.feature_code != "ADM1"
            and outer.admin1_code is not None
            and (inner.admin1_code == outer.admin1_code or inner.admin1_code in former_parts(outer))
        )
    if code.startswith("ADM"):
        return (
            not inner.feature_code.startswith("ADM")
            and inner.admin1_code == outer.admin1_code
            and inner.admin2_code == outer.admin2_code is not None
        )
    return outer.feature_class == "P" and outer.distance_km(inner.lat, inner.lon) <= within_km


def former_parts(unit: Entry) -> frozenset[str]:
    """The admin-1 codes of the units carved out of the first-level ``unit`` since the early 2000s
    (``data/former_units.json``): Papua still holds Central Papua's places for a story that names
    the old province."""
    return _former_units().get((unit.country_code or "", unit.admin1_code or ""), frozenset())


@functools.cache
def _former_units() -> dict[tuple[str, str], frozenset[str]]:
    data = json.loads(
        resources.files("dateline.places").joinpath("data", "former_units.json").read_text("utf-8")
    )
    out: dict[tuple[str, str], frozenset[str]] = {}
    for unit, parts in data["units"].items():
        country, code = unit.split(".", 1)
        out[(country, code)] = frozenset(part.split(".", 1)[1] for part in parts)
    return out


class Focus:
    """Where the document's other place names lie, as shares of the article's names."""

    __slots__ = ("_admin1", "_areas", "_countries", "_points", "_top_admin1", "_total")

    def __init__(
        self,
        readings: Iterable[tuple[str, Sequence[Entry], Sequence[float]]],
        countries: Iterable[str] = (),
        areas: Iterable[str] = (),
    ) -> None:
        # readings: (name key, entries, probabilities); one per distinct name. countries: ISO codes
        # the document names otherwise ("Afghan forces"), each counted as one more name in it;
        # areas: first-level units ("UA.14") where the actors it names fight or work
        self._countries: dict[str, dict[str, float]] = {}
        self._admin1: dict[str, dict[str, float]] = {}
        self._points: list[tuple[str, float, float, float]] = []
        self._areas = frozenset(areas)
        self._total = 0
        for code in dict.fromkeys(countries):
            self._total += 1
            self._countries.setdefault(code, {})["#" + code] = 1.0
        for key, entries, probs in readings:
            self._total += 1
            countries = self._countries
            admin1 = self._admin1
            best, best_p = None, -1.0
            for entry, p in zip(entries, probs, strict=True):
                if entry.country_code:
                    by = countries.setdefault(entry.country_code, {})
                    by[key] = by.get(key, 0.0) + p
                    if entry.admin1_code and not entry.is_country:
                        by1 = admin1.setdefault(entry.country_code + "." + entry.admin1_code, {})
                        by1[key] = by1.get(key, 0.0) + p
                if p > best_p:
                    best, best_p = entry, p
            if best is not None and not best.is_country and best.feature_code != "ADM1":
                self._points.append((key, best.lat, best.lon, best_p))
        votes = {unit: sum(by.values()) for unit, by in self._admin1.items()}
        self._top_admin1 = max(votes, key=lambda unit: (votes[unit], unit)) if votes else None

    @property
    def names(self) -> int:
        """How many names (and country hints, each one name) the document has."""
        return self._total

    def country_share(self, entry: Entry, own: str) -> float:
        """The share of the other names that lie in ``entry``'s country."""
        if not entry.country_code or self._total <= 1:
            return 0.0
        by = self._countries.get(entry.country_code)
        if not by:
            return 0.0
        return (sum(by.values()) - by.get(own, 0.0)) / (self._total - 1)

    def elsewhere_share(self, entry: Entry, own: str, beside: Collection[str] = ()) -> float:
        """The share of the other names that lie in countries neither ``entry``'s nor one of
        ``beside`` (the countries it borders: "rockets fired from the Gaza Strip toward Sderot" make
        no story elsewhere); none when there is only one other name (it may be misread)."""
        if not entry.country_code or self._total <= 2:
            return 0.0
        elsewhere = sum(
            sum(by.values()) - by.get(own, 0.0)
            for code, by in self._countries.items()
            if code != entry.country_code and code not in beside
        )
        return elsewhere / (self._total - 1)

    def admin1_share(self, entry: Entry, own: str) -> float:
        """The share of the other names that lie in ``entry``'s admin-1 unit."""
        if not entry.country_code or not entry.admin1_code or entry.is_country or self._total <= 1:
            return 0.0
        by = self._admin1.get(entry.country_code + "." + entry.admin1_code)
        if not by:
            return 0.0
        return (sum(by.values()) - by.get(own, 0.0)) / (self._total - 1)

    def in_actor_area(self, entry: Entry) -> bool:
        """Does ``entry`` lie in a first-level unit where an actor the document names fights or works
        ("near Orikhove" in a report of the OSCE's Donbas mission: the Orikhove of Luhansk)?"""
        return (
            bool(self._areas)
            and not entry.is_country
            and entry.feature_code != "ADM1"
            and f"{entry.country_code}.{entry.admin1_code}" in self._areas
        )

    def is_top_admin1(self, entry: Entry) -> bool:
        """Is ``entry`` in the admin-1 unit most of the document's names lie in?"""
        if self._top_admin1 is None or not entry.admin1_code or entry.is_country:
            return False
        return f"{entry.country_code}.{entry.admin1_code}" == self._top_admin1

    def nearby(self, entry: Entry, own: str, km: float) -> float:
        """The share of the other names whose current point lies within ``km`` of ``entry``."""
        if self._total <= 1 or entry.is_country:
            return 0.0
        lat, lon = entry.lat, entry.lon
        deg = km / 111.0
        total = 0.0
        for key, plat, plon, p in self._points:
            if key == own or abs(plat - lat) > deg:
                continue
            if haversine_km(lat, lon, plat, plon) <= km:
                total += p
        return total / (self._total - 1)
