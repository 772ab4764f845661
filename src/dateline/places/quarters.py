"""Which city a place is a quarter of: "the Mansour district of Baghdad", "Sadr City in Baghdad".

An event at a quarter is coded at its city (the quarter kept as the event's ``sublocation``), as
ACLED, GTD and RAND coders name the city; a town of its own in a city's countryside is no quarter.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol

from dateline.gazetteer.entry import Entry
from dateline.places.context import contains

__all__ = ["city_around", "quarter_reach_km"]

#: Unit words that make a place a quarter of the city the text puts it in.
_SECTION_UNITS = frozenset(
    {"district", "neighbourhood", "neighborhood", "quarter", "area", "suburb", "sector"}
)
#: Unit words of a settlement of its own ("the town of Mansura in ... Ar-Raqqa"): no city's quarter.
_SETTLEMENT_UNITS = frozenset({"town", "village", "hamlet"})


class _UnitWritten(Protocol):
    unit: str | None


class QuarterCandidate(Protocol):
    """What a quarter's city is read from: a name in resolution (the resolver's and the address
    rules' item)."""

    mention: _UnitWritten
    outskirts: bool
    in_words: bool
    stated: tuple[Entry, ...]


def city_around(
    item: QuarterCandidate, entry: Entry, contain_km: float, among: Sequence[Entry] | None = None
) -> Entry | None:
    """The city the text puts ``entry`` in, when ``entry`` is a quarter of it (a section of a city,
    or written as a district, neighbourhood or area of it): "Riyadh, Kirkuk" is a village of the
    province, not a quarter of the city; nothing lies further than ``contain_km`` from its city.
    The city is one of the item's stated containers, or one of ``among`` when given."""
    # a quarter: a section of a city, a district or neighbourhood, or a place "in" or "of" the city
    # ("Sadr City in Baghdad"); not a village of an address ("Riyadh, Kirkuk, Iraq": the province),
    # nor "the town of Mansura in the countryside of Ar-Raqqa"
    unit = (item.mention.unit or "").lower()
    if item.outskirts or unit in _SETTLEMENT_UNITS:
        return None
    written = entry.feature_code == "PPLX" or unit in _SECTION_UNITS
    if not (written or item.in_words) or entry.feature_class != "P":
        return None
    for outer in item.stated if among is None else among:
        # "in" alone makes a quarter only within the city's own reach: "Crossmaglen in south
        # Armagh" is a village 30 km from the town of Armagh
        reach = contain_km if written else min(contain_km, quarter_reach_km(outer.population))
        if (
            outer.feature_class == "P"
            and outer.population > entry.population
            and contains(outer, entry, within_km=reach)
        ):
            return outer
    return None


def quarter_reach_km(population: int) -> float:
    """How far from its centre a city's quarters lie: 5 km for a town, about 25 km for a city of six
    million people (Baghdad's Sadr City is 8 km out, its Abu Ghraib district 25 km)."""
    return max(5.0, 10.0 * math.sqrt(population / 1_000_000))
