"""Places the gazetteer does not know, located at the known place the text puts them in or near.

"The town of Kanaan, near Baqubah", "Darakashi village in Kunzar area", "Jaydebpara village, South
Tripura district": the finder keeps such names when the text links them to a known place right
after them (:mod:`dateline.places.unknown`), and the resolver finds no entry for them. Rather than
drop the village and leave the event at its district (or worse, at some namesake abroad), the
village becomes a place of its own: its name as written, the units and the point of the place
that locates it (``located_by``), and ACLED's precision for "near a town" or "in a district" (2),
or 3 when only a province or country holds it. Its id is stable across documents for one name in
one unit (``text:IQ.10.-:kanaan``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from dateline.gazetteer.entry import Entry
from dateline.gazetteer.gazetteer import Gazetteer
from dateline.places.resolver import Resolution, geo_precision
from dateline.places.unknown import link_words

__all__ = ["SOURCE", "locate_unknown"]

#: ``Entry.source`` of a place located by another (not a gazetteer entry).
SOURCE = "text"
#: The feature a located place gets from its unit word (a settlement when it has none).
_FEATURE_OF_UNIT = {
    "district": "ADM2", "subdistrict": "ADM3", "tehsil": "ADM3", "agency": "ADM2", "lga": "ADM2",
    "municipality": "ADM3", "commune": "ADM3", "subdivision": "ADM3", "area": "AREA", "valley": "VAL",
    "sector": "AREA", "neighbourhood": "PPLX", "quarter": "PPLX", "suburb": "PPLX",
}  # fmt: skip
#: Unit words of the places a name the gazetteer lacks may be located as.
_LOCATABLE_UNITS = frozenset(
    {"village", "town", "city", "township", "district", "subdistrict", "tehsil", "agency", "lga",
     "municipality", "commune", "subdivision", "area", "valley", "sector", "neighbourhood",
     "quarter", "suburb"}
)  # fmt: skip
#: Features of the unit an address's town stands for (its district of the same name).
_TOWN_UNITS = frozenset({"ADM2", "ADM3"})
#: Towns that are the seat of a unit of their name.
_SEATS = frozenset({"PPLC", "PPLA", "PPLA2", "PPLA3"})
#: Unit words of the sections of a town.
_SECTIONS = frozenset({"neighbourhood", "quarter", "suburb", "district", "sector", "area"})
_FEATURE_CLASS = {"ADM": "A", "VAL": "T", "ARE": "L"}
#: Words and punctuation marks of the text between a name and the place after it.
_WORDS = re.compile(r"\w+|\S")
_MAX_LINK_CHARS = 60
_ABBREVIATION_LETTERS = 4
_KIND_BEFORE = re.compile(r"\b(?:an?|one|another|each)\s+$", re.IGNORECASE)
#: Words that put a name near the place after it, and how far "near" may be.
_NEAR = re.compile(r"\b(?:near|outside|close to|outskirts)\b", re.IGNORECASE)
_NEAR_KM = 100.0


def locate_unknown(resolutions: Sequence[Resolution], text: str, gazetteer: Gazetteer) -> list[Resolution]:
    """``resolutions`` with each unknown name the text links to a resolved place right after it
    (in the same sentence) located there; the others unchanged. Right to left, so that "X village,
    Y district, Z province" locates Y at Z, then X at Y."""
    out = list(resolutions)
    for i in range(len(out) - 1, -1, -1):
        res = out[i]
        start, end = res.mention.span
        if res.entry is not None and not _NEAR.search(text[end : end + 12]):
            continue
        if res.mention.label == "NORP" or _KIND_BEFORE.search(text[max(0, start - 12) : start]):
            continue  # "a Christian neighbourhood", "a Kurdish village": what kind, not which
        if res.mention.unit is not None and res.mention.unit not in _LOCATABLE_UNITS:
            continue  # a province or department the gazetteer lacks is likelier no place at all
        j = _anchor(out, i, text, gazetteer.normalise)
        anchor = out[j] if j is not None else None
        if anchor is None or anchor.entry is None or anchor.ambiguous or _abbreviated(anchor):
            continue  # a place read from an abbreviation or left ambiguous locates nothing ("(UP)")
        between = text[end : anchor.mention.span[0]]
        if res.entry is not None and not _far_from(res.entry, anchor.entry, between):
            continue
        holder, district, town = anchor.entry, None, None
        if res.mention.unit in _SECTIONS:
            # a section of a town ("the Doura neighbourhood of Baghdad"): coders name the town, and
            # the unit of that name is its town ("the Muang district of Yala": Yala, not its province)
            town = holder if holder.feature_class == "P" else _town_of_unit(holder, gazetteer)
            if town is not None and town is not holder:
                out[j] = anchor = replace(anchor, entry=town, geo_precision=1, ambiguous=False, candidates=())
            holder = town or holder
        if town is None and holder.feature_class == "P" and not _NEAR.search(between):
            # an address's town after a village stands for its district ("Cajembe (Macomia, ...)")
            unit = _unit_of_town(holder, gazetteer)
            holder, district = (unit, None) if unit is not None else (holder, holder.admin2 or holder.name)
        entry = _located_entry(res, holder, gazetteer.normalise, district)
        out[i] = replace(res, entry=entry, score=0.0, geo_precision=_precision(holder), within=town)
    return out


def _anchor(out: Sequence[Resolution], i: int, text: str, normalise: Callable[[str], str]) -> int | None:
    """The index of the resolved place the text links mention ``i`` to: the next mention of its
    sentence when only linking words stand between them, else the container the text states for it."""
    mention = out[i].mention
    sentence, end = mention.sentence, mention.span[1]
    later = [
        j
        for j in range(i + 1, len(out))
        if out[j].mention.sentence == sentence and out[j].mention.span[0] >= end
    ]
    if not later:
        return None
    nearest = min(later, key=lambda j: out[j].mention.span[0])
    between = text[end : out[nearest].mention.span[0]]
    if len(between) <= _MAX_LINK_CHARS and link_words(_WORDS.findall(between.lower())):
        return nearest
    if mention.container:
        key = normalise(mention.container)
        return next(
            (j for j in later if key in (normalise(out[j].mention.name), normalise(out[j].mention.text))),
            None,
        )
    return None


def _abbreviated(res: Resolution) -> bool:
    """Is the place written as an abbreviation ("UP", "KP")?"""
    name = res.mention.name
    return len(name) <= _ABBREVIATION_LETTERS and name.isupper()


def _unit_of_town(town: Entry, gazetteer: Gazetteer) -> Entry | None:
    """The district of the same name as ``town`` in its province (an address names the unit)."""
    return next(
        (
            e
            for e in gazetteer.lookup(town.name)
            if e.feature_code in _TOWN_UNITS
            and e.country_code == town.country_code
            and e.admin1_code == town.admin1_code
        ),
        None,
    )


def _town_of_unit(unit: Entry, gazetteer: Gazetteer) -> Entry | None:
    """The seat of the same name as the unit ``unit`` (Baghdad of Baghdad governorate), if any."""
    towns = [
        e
        for e in gazetteer.lookup(unit.name)
        if e.feature_code in _SEATS
        and e.country_code == unit.country_code
        and (e.admin1_code == unit.admin1_code or unit.is_country)
    ]
    return max(towns, key=lambda e: e.population) if towns else None


def _far_from(entry: Entry, anchor: Entry, between: str) -> bool:
    """Is a reading of a name the text writes "near" a place too far from that place to be it
    ("the town of Yathrib, near Balad" is no Medina)?"""
    return (
        bool(_NEAR.search(between))
        and geo_precision(entry) < 3
        and entry.distance_km(anchor.lat, anchor.lon) > _NEAR_KM
    )


def _located_entry(
    res: Resolution, anchor: Entry, normalise: Callable[[str], str], district: str | None
) -> Entry:
    mention = res.mention
    feature = _FEATURE_OF_UNIT.get(mention.unit or "", "PPL")
    broad = geo_precision(anchor) == 3
    admin2 = (
        None
        if broad
        else (district or anchor.admin2 or (anchor.name if anchor.feature_code == "ADM2" else None))
    )
    admin2_code = None if broad else anchor.admin2_code
    units = ".".join((anchor.country_code or "-", anchor.admin1_code or "-", admin2_code or "-"))
    return Entry(
        id=f"{SOURCE}:{units}:{normalise(mention.name).replace(' ', '-')}",
        name=mention.name,
        ascii_name=mention.name,
        country_code=anchor.country_code,
        admin1=anchor.admin1,
        admin2=admin2,
        admin1_code=anchor.admin1_code,
        admin2_code=admin2_code,
        lat=anchor.lat,
        lon=anchor.lon,
        geonameid=None,
        feature_class=_FEATURE_CLASS.get(feature[:3], "P"),
        feature_code=feature,
        source=SOURCE,
        parent_id=anchor.id,
        country=anchor.country,
        approximate=True,
    )


def _precision(anchor: Entry) -> int:
    """ACLED's precision of a place known only by the place that holds it or lies near it."""
    return 3 if geo_precision(anchor) == 3 else 2
