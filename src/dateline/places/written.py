"""Units named as the document writes them, and districts its addresses name.

Gazetteers and coders spell units apart ("Nord Kivu" and "North Kivu", "Salah ad Din" and
"Saladin"); a place's province and district are written as the document writes them when it names
them, and a place the gazetteer knows no district of takes the district its address names ("Douala
city (Wouri, Littoral)"). Each function rewrites the ``Place`` dicts of
:mod:`dateline.places.component` in place.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from dateline.gazetteer.entry import Entry
from dateline.gazetteer.gazetteer import Gazetteer
from dateline.places.context import former_parts
from dateline.places.lexicon import PlaceLexicon
from dateline.places.resolver import Resolution

__all__ = [
    "name_districts_as_written",
    "name_districts_of_addresses",
    "name_districts_of_brackets",
    "name_units_as_written",
]


def name_units_as_written(
    places: list[dict[str, Any]], resolutions: Sequence[Resolution], gazetteer: Gazetteer
) -> None:
    """Give each place its admin-1 unit's entry id (``admin1_id``) and, when the document names that
    unit, the unit's name as the document writes it ("North Kivu", "Saladin": the names news and
    coders use, where the gazetteer's is "Nord Kivu", "Salah ad Din"); a place in a unit carved out
    of one the document names takes the old unit's name ("Beoga, Papua": Central Papua since 2022),
    and a province named like its seat the seat's name as written ("Idleb city": Idleb)."""
    written: dict[str, str] = {}
    formerly: dict[tuple[str | None, str], str] = {}  # a unit carved out of one the document names
    for res in resolutions:
        if (
            res.entry is not None
            and res.entry.feature_code == "ADM1"
            and not _abbreviated(res.mention.name, gazetteer)
        ):
            written.setdefault(res.entry.id, res.mention.name)
            for part in former_parts(res.entry):
                formerly.setdefault((res.entry.country_code, part), res.mention.name)
    for res in resolutions:  # "Idleb city": the province named like its seat is written alike
        unit = _unit_named_like_seat(res, gazetteer)
        if unit is not None:
            written.setdefault(unit.id, res.mention.name)
    for place in places:
        entry = gazetteer.get(place.get("located_by") or place["id"])
        unit = gazetteer.province(entry) if entry is not None else None
        place["admin1_id"] = unit.id if unit is not None else None
        if unit is not None and unit.id in written:
            place["admin1"] = written[unit.id]
        elif unit is not None and (unit.country_code, unit.admin1_code or "") in formerly:
            place["admin1"] = formerly[(unit.country_code, unit.admin1_code or "")]  # "Beoga, Papua"


def _unit_named_like_seat(res: Resolution, gazetteer: Gazetteer) -> Entry | None:
    """The province whose seat the resolution names, when the province is named like its seat and
    the document writes the seat so ("Idleb" for Idlib and its governorate, "Dar'a" for Daraa)."""
    seat, name = res.entry, res.mention.name
    if seat is None or seat.feature_code not in ("PPLA", "PPLC") or _abbreviated(name, gazetteer):
        return None
    unit = gazetteer.province(seat)
    skeleton = gazetteer.normaliser.skeleton
    alike = unit is not None and skeleton(unit.name) == skeleton(seat.name) == skeleton(name) != ""
    return unit if alike else None


def name_districts_as_written(
    places: list[dict[str, Any]], resolutions: Sequence[Resolution], gazetteer: Gazetteer
) -> None:
    """Write a place's district (``admin2``, and its seat's) as the document writes the unit of that
    name when it names one ("Poonch district": Poonch, where the gazetteer's is Punch; "Idleb" for
    the district named like its province), or names a town named like it ("Deir-ez-Zor city": the
    district Dayr az-Zawr), as ``name_units_as_written`` does for provinces. Names match by their
    transliteration skeleton: "Hama" writes Hamah, "Harim" Harem."""
    skeleton, normalise = gazetteer.normaliser.skeleton, gazetteer.normalise

    def key(name: str) -> str:
        return skeleton(name) or normalise(name)

    written: dict[tuple[str | None, str | None, str], str] = {}
    for res in resolutions:
        entry, name = res.entry, res.mention.name
        if entry is None or _abbreviated(name, gazetteer):
            continue
        if entry.feature_code not in ("ADM1", "ADM2") and entry.feature_class != "P":
            continue
        written.setdefault((entry.country_code, entry.admin1_code, key(entry.name)), name)
    if not written:
        return
    for place in places:
        entry = gazetteer.get(place.get("located_by") or place["id"])
        if entry is None:
            continue
        for holder in (place, place.get("seat") or {}):
            district = holder.get("admin2")
            if district:
                found = (entry.country_code, entry.admin1_code, key(district))
                holder["admin2"] = written.get(found, district)


def _abbreviated(name: str, gazetteer: Gazetteer) -> bool:
    """An abbreviation ("Ky.", "NY") is no name to give a unit."""
    return name.isupper() or name.endswith(".") or gazetteer.is_abbreviation(name)


#: What joins a place to the district after it in an address: a comma, or a hyphen ("City-District").
_ADDRESS_JOINERS = frozenset({",", "-"})


def name_districts_of_addresses(
    places: list[dict[str, Any]], resolutions: Sequence[Resolution], text: str
) -> None:
    """Give a place the gazetteer knows no district of the district its address names ("Douala city
    (Wouri, Littoral)", "Lulimba, Fizi, Sud-Kivu", "Mogadishu-Hodan district": admin2 Wouri, Fizi,
    Hodan), when that district lies in the place's province."""
    by_id = {p["id"]: p for p in places}
    for i, res in enumerate(resolutions):
        place = by_id.get(res.entry.id) if res.entry is not None else None
        if place is None or place.get("admin2") or res.entry is None:
            continue
        end, container = res.mention.span[1], res.mention.container
        district = next(
            (
                r.entry
                for r in resolutions[i + 1 : i + 3]
                if r.entry is not None
                and (
                    container in (r.mention.name, f"{r.mention.name} {r.mention.unit}")
                    or text[end : r.mention.span[0]].strip() in _ADDRESS_JOINERS
                )
            ),
            None,
        )
        if (
            district is not None
            and district.feature_code.startswith("ADM2")
            and (district.country_code, district.admin1_code)
            == (res.entry.country_code, res.entry.admin1_code)
        ):
            place["admin2"] = district.admin2 or district.name


#: A bracketed address a few words after a name: "Hoosh junction (Dharkenley, Banadir)",
#: "Mogadishu-Hodan district (Hodan, Banadir)", "Stepanavan (Stepanavan, Lori, Armenia)".
_BRACKET_AFTER = re.compile(r"[\w\s'’.-]{0,40}?\(\s*([^,()]+?)\s*,\s*([^,()]+?)\s*(?:,\s*([^,()]+?)\s*)?\)")


def name_districts_of_brackets(places: list[dict[str, Any]], text: str, gazetteer: Gazetteer) -> None:
    """Write a place's district as the bracketed address after it names it: "X (District, Province)"
    or "X (Subdistrict, District, Province)", the place's own province last but a country (ACLED's
    notes: "at Asluubta village in Mogadishu (Dharkenley, Banadir)"; "Kagara (Rafi LGA, Niger)":
    Rafi). The text's district, where the gazetteer has none or another, is the one the writer and
    the coders mean. A bracket that is no such address says nothing: a province and its country
    ("(Kandahar, Afghanistan)"), a second link that is not the place's province, or one that is also
    the place's district ("Ashulia (Savar, Dhaka)": Savar is the subdistrict of Dhaka district)."""
    skeleton = gazetteer.normaliser.skeleton
    for place in places:
        province = skeleton(place.get("admin1") or "")
        if not province or place.get("feature") in ("ADM1", "PCLI"):
            continue
        for mention in place.get("mentions") or []:
            found = _BRACKET_AFTER.match(text, int(mention["span"][1]))
            links = [link for link in found.groups() if link] if found is not None else []
            at = next((i for i, link in enumerate(links) if i > 0 and skeleton(link) == province), None)
            if at is None or skeleton(place.get("admin2") or "") == province:
                continue
            district = _without_unit_word(links[at - 1])
            if skeleton(district) not in ("", province):
                place["admin2"] = district
                break


def _without_unit_word(name: str) -> str:
    """A district's name as written without the unit word after it ("Rafi LGA" -> "Rafi")."""
    words = name.split()
    units = _unit_words()
    for width in (3, 2, 1):
        if len(words) > width and " ".join(words[-width:]).lower() in units:
            return " ".join(words[:-width])
    return name


@functools.cache
def _unit_words() -> frozenset[str]:
    """Unit words of districts and their parts; a settlement's ("City of Cape Town") is its name's."""
    return frozenset(w for w, kind in PlaceLexicon.default().units.items() if kind not in _SETTLEMENTS)


_SETTLEMENTS = frozenset({"city", "town", "village"})
