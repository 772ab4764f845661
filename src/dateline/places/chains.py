"""Address chains and stated containers: where the text itself puts a place.

"Pol-e Malan, Injil District, Herat, Afghanistan", "the Mansour district of Baghdad", "Sadiyah,
southwest Baghdad": each name lies inside the next. :class:`AddressChains` narrows a name's readings
to those inside what the text puts it in, before the resolver scores them:

* a chain that ends in a country keeps its names in that country, also through a link the
  recogniser left out (", Saladin, Iraq");
* a name put inside another in so many words ("of", "in", a compass side, a unit word, or an address
  of three or more links) keeps only the readings inside the container's likely readings (a unit
  named as written counts whatever its prior: "Jeddah, Makkah" is the province); a province or
  district of the container's country stays as its peer ("Herat, Kandahar and Helmand provinces");
* a name left with no reading is "not in the gazetteer", never a foreign namesake: the event then
  takes the container;
* a quarter of a city ("Sadr City in Baghdad", a PPLX section) records the city (``within``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Protocol

from dateline.gazetteer.entry import Entry
from dateline.gazetteer.gazetteer import Gazetteer
from dateline.places.context import contains
from dateline.places.features import PRIOR_FEATURES, Option
from dateline.places.quarters import city_around, quarter_reach_km


class Item(Protocol):
    """What the chains read and narrow of a name in resolution (the resolver's item)."""

    mention: PlaceMentionLike
    options: tuple[Option, ...]
    scores: list[float]
    probs: list[float]
    inside: int | None
    container_entries: tuple[tuple[Entry, float], ...]
    stated: tuple[Entry, ...]
    in_words: bool
    outskirts: bool


class PlaceMentionLike(Protocol):
    span: tuple[int, int]
    name: str
    unit: str | None
    container: str | None
    route: str | None


__all__ = ["ALL_READINGS", "NAMED", "SEAT_GROUPS", "AddressChains", "keep", "likeliest", "named", "softmax"]

#: Prior features that say the name is written as is (its own or an alternate name, not a close spelling).
NAMED = (PRIOR_FEATURES.index("primary_name"), PRIOR_FEATURES.index("alternate_name"))
#: Words between a name and the next that state containment ("of", "in", a compass side).
_STATED_LINK = re.compile(r"\b(?:in|of|(?:north|south|east|west|central)\w*)\b")
#: A link that puts a place around a city, not in it ("in the western countryside of Ar-Raqqa").
_OUTSKIRTS_LINK = re.compile(r"\b(?:countryside|outskirts|suburbs|environs)\b")
#: A container's readings at least this likely (from their priors) are the ones a name must lie in.
_LIKELY_CONTAINER = 0.1
#: A link of an address written after a name: a comma, then a capitalised name.
_CHAIN_LINK = re.compile(r"\s*,\s*((?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|of|the|de|du|del|la|el|al))*)")
_MAX_CHAIN_LINKS = 4
#: What closes a two-link address: the end of the text or clause, a bracket, a comma before a
#: lower-case word.
_CLOSES = re.compile(r"\s*(?:$|[.;:()\[\]]|,\s*[a-z])")
#: What puts a name in a list: a comma or "and"/"or" right before it.
_LISTED = re.compile(r"(?:,|\band|\bor|&)\s*$")
#: Readings a name is looked up with before the text's containers narrow them (then ``max_candidates``).
ALL_READINGS = 400
#: A unit with no admin codes holds the places this close to its point.
_UNPLACED_UNIT_KM = 150.0
#: Readings a text may name abroad without their country (see ``_known_abroad``).
_KNOWN_GROUPS = frozenset({"country", "adm1", "capital", "seat1", "area"})
_KNOWN_POPULATION = 100_000
#: A town this populous in a district's province, named as the district is, is its seat.
_SEAT_TOWN_POPULATION = 10_000
#: A town an address names after a place holds it when this close (its quarters, its suburbs).
_TOWN_HOLDS_KM = 15.0
#: Unit words of a city's sections: such a place lies in a town the document names.
QUARTER_UNITS = frozenset({"neighbourhood", "neighborhood", "quarter", "suburb"})
#: A town reading at least this likely (from its priors) may hold the document's quarters.
_LIKELY_TOWN = 0.1
#: Readings that are the seat of a unit (a national or provincial capital, a district's town).
SEAT_GROUPS = frozenset({"capital", "seat1", "seat2"})
#: A name that may be a unit of its container's country is listed beside it, not inside it.
_PEER_GROUPS = frozenset({"adm1", "adm2"})
#: The peers a unit of each level may have listed beside it: units of its own level.
_PEERS_BY_LEVEL = {"ADM1": "adm1", "ADM2": "adm2", "ADMD": "adm2"}
#: Kinds of entries a link of an address chain names whatever their prior.
_UNIT_GROUPS = frozenset({"country", "adm1", "adm2"})


class AddressChains:
    """Narrows names' readings to where the text puts them (see the module doc)."""

    def __init__(self, gazetteer: Gazetteer, contain_km: float) -> None:
        self._gazetteer = gazetteer
        self._contain_km = contain_km

    def narrow(self, items: list[Item], text: str) -> None:
        """Drop the readings of each name that lie outside where the text puts it."""
        self._keep_to_chain_country(items, text)
        self._keep_inside_stated_container(items, text)
        self._containers_hold_their_names(items)
        self._first_links_are_towns(items)
        self._keep_quarters_in_named_towns(items)

    def _containers_hold_their_names(self, items: list[Item]) -> None:
        """A link of an address holds the name before it: "Narail, Khulna" is Khulna Division, which
        holds Narail District, not the city of Khulna, which does not; "Campinas, Sao Paulo" is the
        state. A container keeps the readings that hold some likely reading of the name, when any
        do; a town holds only what lies within :data:`_TOWN_HOLDS_KM` of it ("Jarablus in Aleppo", a
        hundred kilometres from the city, is in the province), and a city's quarters are left to the
        city."""
        km = _TOWN_HOLDS_KM
        for item in items:
            if item.inside is None or not item.options:
                continue
            outer = items[item.inside]
            # a quarter of a city ("the Beyoglu neighborhood of Istanbul", "Kadhimiya, Baghdad") makes
            # its container the city, whatever a compass word says ("the Saidiya district of
            # southern Baghdad" is no quarter of the province), when it lies within the city's own
            # reach ("Cukurca district of Hakkari" is a district of the province, 40 km from its seat)
            quarter = likeliest(item).entry
            towns = [o.entry for o in outer.options if o.entry.feature_class == "P"]
            city = city_around(item, quarter, self._contain_km, towns) if outer.mention.unit is None else None
            reach = quarter_reach_km(city.population) if city is not None else 0.0
            if city is not None and city.distance_km(quarter.lat, quarter.lon) <= reach:
                keep(outer, [o for o in outer.options if o.entry is city])
                item.stated = (city,)
                continue
            unit = (item.mention.unit or "").lower()
            if unit in QUARTER_UNITS or item.options[0].entry.feature_code == "PPLX":
                continue
            # a close spelling holds no container to itself ("Chimiquito, Morelia": Chimicueto of
            # Colombia leaves Morelia its Mexican city)
            inner = [
                o.entry
                for o, p in zip(item.options, item.probs, strict=True)
                if p >= _LIKELY_CONTAINER and named(o)
            ]
            kept = [o for o in outer.options if any(_inside(o.entry, e, km) for e in inner)]
            if kept:
                keep(outer, kept)

    @staticmethod
    def _first_links_are_towns(items: list[Item]) -> None:
        """The first link of an address is a town: "Marib, Yemen", "Magway, Myanmar" name the city, not
        the province or district called after it, when the text writes no unit word ("Marib province,
        Yemen" is the province)."""
        containers = {item.inside for item in items if item.inside is not None}
        for k, item in enumerate(items):
            if item.inside is None or k in containers or item.mention.unit is not None:
                continue
            districts = {
                (o.entry.country_code, o.entry.admin1_code, o.entry.admin2_code)
                for o in item.options
                if o.group == "adm2" and o.entry.admin2_code
            }
            # a seat: a capital, or a town in the district of its name ("Palma, Cabo Delgado"), or a
            # town of some size in the district's province, however the gazetteer spells it
            # ("Khamis Mushayt, Asir": the city Khamis Mushait, not the district Khamīs Mushayţ)
            provinces = {district[:2] for district in districts}
            seats = [
                o.entry
                for o in item.options
                if (
                    o.own_name
                    and (
                        o.group in SEAT_GROUPS
                        or (
                            o.entry.feature_class == "P"
                            and (o.entry.country_code, o.entry.admin1_code, o.entry.admin2_code) in districts
                        )
                    )
                )
                or (
                    named(o)
                    and o.entry.feature_class == "P"
                    and o.entry.population >= _SEAT_TOWN_POPULATION
                    and (o.entry.country_code, o.entry.admin1_code) in provinces
                )
            ]
            kept = [
                o
                for o in item.options
                if not (
                    o.group in _PEER_GROUPS
                    and any(
                        e.country_code == o.entry.country_code and e.admin1_code == o.entry.admin1_code
                        for e in seats
                    )
                )
            ]
            if kept:
                keep(item, kept)

    def _keep_quarters_in_named_towns(self, items: list[Item]) -> None:
        """A neighbourhood, quarter or suburb ("in Primavera neighborhood") lies in a town the document
        names ("in Timoteo, Minas Gerais, ..."): a namesake anywhere else is no reading, and the town
        holding it is its stated container (the event is then coded at the town). A name read as a
        section of a city ("Sadr City, Baghdad") gets the named towns holding it as containers too."""
        towns = [
            item.options[k].entry
            for item in items
            for k in range(len(item.options))
            if item.probs[k] >= _LIKELY_TOWN and item.options[k].entry.feature_class == "P"
        ]
        km = self._contain_km
        for item in items:
            if item.stated or not towns:
                continue
            own = [e for e in towns if all(e is not o.entry for o in item.options)]
            if (item.mention.unit or "").lower() in QUARTER_UNITS:
                keep(item, [o for o in item.options if any(contains(t, o.entry, within_km=km) for t in own)])
            elif not any(o.entry.feature_code == "PPLX" for o in item.options):
                continue  # a section of a populated place (GeoNames' PPLX) may lie in a named town too
            item.stated = tuple(
                t for t in own if any(contains(t, o.entry, within_km=km) for o in item.options)
            )

    def _keep_to_chain_country(self, items: list[Item], text: str) -> None:
        """An address chain that ends in a country ("Solhan, Yagha, Sahel, Burkina Faso") holds its
        names in that country: a reading elsewhere (Solhan, Turkey) is dropped, and a name with none
        left is not in the gazetteer (the event then takes the chain's smallest known unit).

        The countries addresses end in also fence the document's other names: a name written as no
        place of them, nor of a country another name's likeliest reading lies in, is read elsewhere
        only as a place a reader knows without its country (a province, a capital, a city of 100,000
        or more, a sea), never as a village abroad ("the Bakara market, Mogadishu, Banaadir, Somalia" is no
        Bhakkar of Pakistan; "Green Village base, Deir ez-Zor, Syria" no Green of Ohio)."""
        fence: set[str] = set()
        free: list[Item] = []
        for item in items:
            if _names_a_country(item):
                continue
            outer, seen = item.inside, set()
            country = None
            while outer is not None and outer not in seen:
                seen.add(outer)
                top = items[outer].options[0] if items[outer].options else None
                if top is not None and top.group == "country" and named(top):
                    country = _country_of_link(items[outer], item)
                outer = items[outer].inside
            if country is None and item.inside is None:  # a link the recogniser left out ("Saladin")
                country = self._country_ending_chain(text, item.mention.span[1])
            if country is not None and item.options:
                keep(item, [o for o in item.options if o.entry.country_code == country])
                fence.add(country)
            elif country is None:
                free.append(item)
        for item in free:
            if not fence and item.mention.route is None:
                continue  # with no address, only a road's ends are fenced: "the Temascal-Las Granjas road"
            # the countries the document's other names most likely lie in count as its own too
            others = fence | {o.options[0].entry.country_code for o in items if o is not item and o.options}
            if others and not any(named(o) and o.entry.country_code in others for o in item.options):
                # a road's end is no city abroad when an address fences the text ("the Riyom-Kum road in
                # Riyom, Plateau, Nigeria"); the Kabul-Peshawar highway crosses a border
                abroad = _nowhere if fence and item.mention.route is not None else _known_abroad
                keep(item, [o for o in item.options if o.entry.country_code in others or abroad(o)])

    def _country_ending_chain(self, text: str, end: int) -> str | None:
        """The country an address written after ``end`` ends in (", Saladin, Iraq"), if it ends in one."""
        links = 0
        while links < _MAX_CHAIN_LINKS:
            link = _CHAIN_LINK.match(text, end)
            if link is None:
                return None
            links += 1
            countries = {e.country_code for e in self._gazetteer.lookup(link.group(1)) if e.is_country}
            if len(countries) == 1:
                return countries.pop() if links > 1 else None  # "X, Iraq" alone may be a list
            end = link.end()
        return None

    def _keep_inside_stated_container(self, items: list[Item], text: str) -> None:
        """A name the text puts inside another in so many words ("the Mansour district of Baghdad",
        "Sadiyah, southwest Baghdad", "Dangam district, Kunar") is read only inside it: a namesake
        elsewhere (Sa'diyah of Nineveh, a close spelling in another country) loses to "not in the
        gazetteer", and the event then takes the container. A plain comma between two names
        ("Mosul, Tikrit and Baghdad") may be a list and states nothing by itself; a chain of three
        or more ("Iraye, Ogun, Nigeria") is an address. Containers are read before the names inside
        them ("Saydiyah area, Rasheed neighborhood, Baghdad": Rasheed is first narrowed to Baghdad)."""
        km = self._contain_km
        for item in sorted(items, key=lambda i: _depth(items, i)):
            if not item.options or _names_a_country(item):
                continue
            outers = self._stated_container(items, item, text)
            if not outers:
                continue
            if self._possessive(items, item):
                # "Baghdad's Yarmouk district": a quarter of the city; "Moscow's Crimea policy" states
                # nothing, and the name keeps its readings
                towns = [e for e in outers if e.feature_class == "P"]
                kept = [
                    o
                    for o in item.options
                    if o.entry.feature_class == "P" and any(contains(t, o.entry, within_km=km) for t in towns)
                ]
                if not kept:
                    continue
            else:
                # a unit of the container's level and country may be listed beside it ("Herat, Kandahar
                # and Helmand provinces"; "Benito Juarez, Nuevo Leon" is no borough of Mexico City): a
                # peer, kept, unless words or an address put it inside a unit ("Afrin in Idleb", "Abu
                # Ghraib, Al Anbar, Iraq"); no province lies in a town ("University of Alberta in Winnipeg")
                units = [e for e in outers if e.feature_class == "A" or e.is_country]
                inside = units and self._inside_in_words(items, item)
                countries = set() if inside else {e.country_code for e in outers}
                levels = {_PEERS_BY_LEVEL.get(e.feature_code) for e in outers}
                levels.add("adm1" if item.in_words else "")
                kept = [
                    o
                    for o in item.options
                    if any(_inside(e, o.entry, km) for e in outers)
                    or (named(o) and o.group in levels and o.entry.country_code in countries)
                ]
                # "Mosul, Tikrit, Baghdad and Basra": a known city before towns only is listed with them
                known = any(named(o) and _known_abroad(o) for o in item.options)
                if not kept and known and not item.in_words and _towns_only(items, item):
                    continue
            item.stated = tuple(outers)
            keep(item, kept)

    @staticmethod
    def _inside_in_words(items: list[Item], item: Item) -> bool:
        """Does the text put the name inside its container in words or by an address of three or
        more links, not by a bare comma that may join a list?"""
        if item.inside is None:
            return True  # a container written in words ("the Mansour district of Baghdad")
        return item.in_words or items[item.inside].inside is not None

    @staticmethod
    def _possessive(items: list[Item], item: Item) -> bool:
        """Is the name's container the possessor before it ("Baghdad's Yarmouk district")?"""
        return item.inside is not None and items[item.inside].mention.span[1] <= item.mention.span[0]

    def _stated_container(self, items: list[Item], item: Item, text: str) -> list[Entry]:
        """The likely readings of the place the text explicitly puts ``item`` in (none if it does not)."""
        if item.inside is not None:
            outer = items[item.inside]
            (start, end), (outer_start, outer_end) = item.mention.span, outer.mention.span
            address = outer.inside is not None  # "Iraye, Ogun, Nigeria": three links make an address
            if outer_end <= start:  # "Baghdad's Yarmouk district": a possessor holds what follows it
                item.in_words = True
            else:
                link = text[end:outer_start].lower()
                item.in_words = bool(_STATED_LINK.search(link))
                item.outskirts = bool(_OUTSKIRTS_LINK.search(link))
            if (
                item.mention.unit is None
                and not address
                and not item.in_words
                and not _closing_pair(item, outer, text)
            ):
                return []
            # a link the gazetteer does not know holds nothing by itself: the next known link does
            # ("Saydiyah area, Rasheed neighborhood, Baghdad, Iraq" with Rasheed unknown: Baghdad)
            seen = {item.inside}
            while not outer.options and outer.inside is not None and outer.inside not in seen:
                seen.add(outer.inside)
                outer = items[outer.inside]
            if not outer.options and outer.container_entries:  # "Fakala Commune (Djenne, Mopti)"
                pairs = list(outer.container_entries)
            else:
                pairs = list(zip(outer.options, outer.probs, strict=True))
        elif item.container_entries and item.mention.container:
            pairs = list(item.container_entries)
        else:
            return []
        # a unit named as written may be what a chain means whatever its prior ("Jeddah, Makkah": the
        # province, not the city of Mecca); other readings count when likely
        return [
            o.entry if isinstance(o, Option) else o
            for o, p in pairs
            if p >= _LIKELY_CONTAINER or (isinstance(o, Option) and o.group in _UNIT_GROUPS and named(o))
        ]


def _known_abroad(option: Option) -> bool:
    """Is the reading a place a text names without its country: a country, a province, a capital,
    a sea or region written as is, or a city of 100,000 people or more by its own name (not Bhakkar
    of Pakistan, which some sources also call Bakara)?"""
    entry = option.entry
    if option.group in _KNOWN_GROUPS:
        return named(option)
    return option.own_name and entry.feature_class == "P" and entry.population >= _KNOWN_POPULATION


def likeliest(item: Item) -> Option:
    """The item's reading of the highest probability (first of ties); the item has readings."""
    return max(zip(item.options, item.probs, strict=True), key=lambda pair: pair[1])[0]


def keep(item: Item, kept: list[Option]) -> None:
    """Leave ``item`` only the options ``kept`` (scores and probabilities from their priors)."""
    if len(kept) < len(item.options):
        scores = [o.prior_score for o in kept]
        item.options, item.scores, item.probs = tuple(kept), scores, softmax(scores)


def _inside(outer: Entry, inner: Entry, km: float) -> bool:
    """May ``outer`` hold ``inner``, as far as the gazetteer knows? A place whose district is not
    known may lie in any district of its province ("Damasak, Mobbar"); a unit outside the GeoNames
    tree (a Natural Earth unit with no codes: "Makkah") holds the places near its point."""
    if contains(outer, inner, within_km=km):
        return True
    if outer.country_code != inner.country_code or inner.feature_class != "P":
        return False
    if outer.feature_code in ("ADM2", "ADMD") and outer.admin1_code is not None:
        return inner.admin2_code is None and inner.admin1_code == outer.admin1_code
    unplaced = outer.feature_code.startswith("ADM") and outer.admin1_code is None
    return unplaced and outer.distance_km(inner.lat, inner.lon) <= _UNPLACED_UNIT_KM


def _towns_only(items: list[Item], item: Item) -> bool:
    """Are all the links after the name, up to the end of its chain, towns by their likeliest reading?"""
    seen, k = set(), item.inside
    while k is not None and k not in seen and items[k].options:
        if likeliest(items[k]).entry.feature_class != "P":
            return False
        seen.add(k)
        k = items[k].inside
    return bool(seen)


def _depth(items: list[Item], item: Item) -> int:
    """How many containers hold the name (0: none), following ``inside`` links."""
    depth, seen, k = 0, set(), item.inside
    while k is not None and k not in seen:
        seen.add(k)
        depth += 1
        k = items[k].inside
    return depth


def _country_of_link(link: Item, item: Item) -> str:
    """The country an address ends in when its last link is named like a country: that country,
    unless none of the name's readings lies there and the link is also, as written, a province or
    district of a country where one does ("Kagara (Rafi LGA, Niger)": Nigeria's Niger State, not
    the Republic of Niger)."""
    top = link.options[0].entry.country_code
    inner = {o.entry.country_code for o in item.options if named(o)}
    if top in inner:
        return top
    units = [o.entry.country_code for o in link.options if o.group in _PEER_GROUPS and named(o)]
    return next((cc for cc in units if cc in inner), top)


def _closing_pair(item: Item, outer: Item, text: str) -> bool:
    """Are the name and the next an address of two links: the second a province or district by its
    likeliest reading or its own name, closing the clause ("near Sakhanka, Donetsk.", "at Aghbulag,
    Tovuz, killing"), the first in no list ("Mosul, Tikrit and Baghdad")? A province beside it stays
    its peer ("Herat, Kandahar": :meth:`AddressChains._keep_inside_stated_container` keeps peers)."""
    if not outer.options or outer.mention.name.isupper():  # "(Tirunelveli, TN)": no Tennessee
        return False
    top = likeliest(outer)
    # a unit by its own name is what an address means, however populous a city holding the name as
    # an old one ("Trindade, Pernambuco": the state, not Recife, once called Pernambuco)
    if not (top.group in _PEER_GROUPS and named(top)) and not any(
        o.group in _PEER_GROUPS and o.own_name for o in outer.options
    ):
        return False
    countries = {o.entry.country_code for o in outer.options}
    if not any(o.entry.country_code in countries for o in item.options) and any(
        o.own_name and _known_abroad(o) for o in item.options
    ):
        return False  # a provincial capital elsewhere outweighs a unit of its name ("Banfora, Comoe")
    start, end = item.mention.span[0], outer.mention.span[1]
    return bool(_CLOSES.match(text, end)) and not _LISTED.search(text, max(0, start - 8), start)


def _nowhere(option: Option) -> bool:
    """No reading is known abroad (a road's end, in a text an address fences)."""
    return False


def _names_a_country(item: Item) -> bool:
    """Is the name, as written, a country's? A list of countries ("Syria, Iraq, Turkey") is no chain."""
    return any(o.group == "country" and named(o) for o in item.options)


def named(option: Option) -> bool:
    """Is the option's name written as is (not a close spelling)?"""
    return any(option.prior[k] > 0 for k in NAMED)


def softmax(scores: Sequence[float]) -> list[float]:
    if not scores:
        return []
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]
