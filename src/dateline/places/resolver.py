"""Place resolution: one gazetteer entry per place mention, chosen with the document's context.

The recogniser hands over :class:`PlaceMention`\\ s; :class:`PlaceResolver` returns one
:class:`Resolution` per mention, in the same order::

    resolver = PlaceResolver(Gazetteer.load())
    resolver.resolve([PlaceMention("Dangam district", (0, 15), "Dangam", unit="district",
                                   container="Kunar")], text=text)

How a candidate is chosen (weights in ``data/resolve.json``, fitted on GeoVirus only):

* *prior* features (:mod:`dateline.places.features`): how the name matched (primary name,
  alternate name, after a unit word, transliteration skeleton), population, feature type (a country
  name is the country; capitals and seats before villages) and whether the entry fits the unit
  word written beside the name ("province" -> admin-1, "district"/"agency" -> admin-2 ...);
* *context* features (:mod:`dateline.places.context`): containment written in the text or given
  by the recogniser ("Quetta, Pakistan", "Dangam district, eastern Kunar province"), the document's
  focus (the share of the other place names that lie in the candidate's country and admin-1 unit),
  nearness to the other names' current points, and the dateline's country as a weak hint.

Scores are a linear model over these features; the context features depend on the other names'
readings, so resolution iterates a few times from the priors. A name whose best readings stay
uncertain (probability below ``max_probability``, or ``max_probability_alone`` when nothing in the
document speaks for it: no containment, focus or nearby place) with a rival reading lying far away
that is at least ``rival_ratio`` as likely is reported ``ambiguous`` with its contenders (its best
reading still given as ``entry``), unless the best is a country, a capital, a region or a sea, the
reading a reader assumes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dateline.gazetteer.entry import Entry
from dateline.gazetteer.gazetteer import Gazetteer
from dateline.places.chains import ALL_READINGS, QUARTER_UNITS, AddressChains, keep, named, softmax
from dateline.places.context import CONTEXT_FEATURES, Focus, contains, find_containers
from dateline.places.features import (
    PRIOR_FEATURES,
    CandidateFinder,
    Option,
    ResolveSettings,
    towns_over_close_districts,
)
from dateline.places.fence import keep_to_addressed_provinces
from dateline.places.quarters import city_around

__all__ = ["FEATURES", "PlaceMention", "PlaceResolver", "Resolution", "geo_precision"]

#: Every feature of the scoring model, priors first.
FEATURES = PRIOR_FEATURES + CONTEXT_FEATURES
_MAX_CONTENDERS = 5
#: First words of the prepositions and locative phrases that put an event near a town, not in it
#: (ACLED geo-precision 2): "near X", "on the outskirts of X", "10 km north of X".
_NEAR_WORDS = frozenset(
    {
        "near",
        "outside",
        "around",
        "close",
        "outskirts",
        "outskirt",
        "vicinity",
        "environs",
        "surroundings",
        "suburbs",
        "suburb",
        "countryside",
        "direction",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
    }
)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name as written in a document, with what the text says around it.

    ``text`` as written ("eastern Kunar province"), ``span`` its character offsets, ``name`` the
    name part ("Kunar"), ``unit`` the unit word written with it, ``sentence`` its sentence index,
    ``label`` the spaCy label or ``"gazetteer"``, ``container`` a place the text puts it in,
    ``preposition`` the preposition governing it ("in", "near", ...), and ``route`` the road, bridge
    or crossing the name is written as the end of ("the Ghazni-Sharan highway": "highway").
    """

    text: str
    span: tuple[int, int]
    name: str
    unit: str | None = None
    sentence: int = 0
    label: str | None = None
    container: str | None = None
    preposition: str | None = None
    route: str | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    """The gazetteer entry a mention refers to.

    ``entry`` is None only when the name has no candidate at all. When the document cannot settle
    the name, ``entry`` is still the best reading but ``ambiguous`` is True and ``candidates`` holds
    the contenders, best first (``entry`` among them), so callers can report rather than trust the
    guess. ``score`` is the chosen reading's probability among the name's candidates.
    ``geo_precision`` is ACLED's: 1 a town or point, 2 a district or "near" a town, 3 a province,
    region or country. ``within`` is the city the text puts a smaller place in ("the Mansour district
    of Baghdad": Baghdad), the place coders name for an event in one of its quarters.
    """

    mention: PlaceMention
    entry: Entry | None
    score: float
    ambiguous: bool = False
    candidates: tuple[Entry, ...] = ()
    geo_precision: int | None = None
    within: Entry | None = None


def geo_precision(entry: Entry, preposition: str | None = None) -> int:
    """ACLED geo-precision of a resolved entry (2 for a town written "near ...")."""
    code = entry.feature_code
    if entry.is_country or code == "ADM1" or entry.feature_class in ("L", "H"):
        return 3
    if code.startswith("ADM") or entry.feature_class == "T":
        return 2
    if preposition is not None and preposition.lower().split()[0] in _NEAR_WORDS:
        return 2
    return 1


@dataclass(slots=True)
class _Item:
    """One mention in resolution: its options, context links and current scores."""

    mention: PlaceMention
    key: str
    options: tuple[Option, ...]
    scores: list[float]
    probs: list[float]
    inside: int | None = None
    holds: tuple[int, ...] = ()
    container_entries: tuple[tuple[Entry, float], ...] = ()
    supported: tuple[bool, ...] = ()  # per option: does any context feature speak for it?
    stated: tuple[Entry, ...] = ()  # the likely readings of the place the text puts it in
    in_words: bool = False  # the text puts it there with "in", "of" or a compass side, not a comma
    outskirts: bool = False  # the text puts it in the countryside or outskirts of that place
    vouched: tuple[bool, ...] = ()  # per option: do the document's other names speak for it?
    alone: bool = True  # does the document say nothing else of where it is (no other name, no hint)?
    addressed: bool = False  # is it a link of an address (in a container, or one another name is in)?
    focus: Focus | None = None  # where the other names lie, as the last scoring round read them


class PlaceResolver:
    """Chooses one gazetteer entry per place mention, reading the whole document's places."""

    def __init__(self, gazetteer: Gazetteer, *, settings: Mapping[str, Any] | None = None) -> None:
        self._gazetteer = gazetteer
        self._settings = ResolveSettings.from_package(settings)
        self._finder = CandidateFinder(gazetteer, self._settings)
        self._chains = AddressChains(gazetteer, self._settings.contain_km)
        weights = self._settings.weights
        self._context_weights = tuple(weights.get(name, 0.0) for name in CONTEXT_FEATURES)

    @property
    def settings(self) -> ResolveSettings:
        return self._settings

    def resolve(
        self,
        mentions: Sequence[PlaceMention],
        *,
        text: str = "",
        dateline: str | None = None,
        published: str | None = None,
        countries: Sequence[str] = (),
        areas: Sequence[str] = (),
    ) -> list[Resolution]:
        """One :class:`Resolution` per mention, in the same order.

        ``text`` is the document (for containment written after a mention); ``dateline`` the
        dateline's place name, used only as a weak hint to its country. ``countries`` are ISO codes
        the document names other than by place names (its demonyms: "Afghan forces"); each counts
        in the document's focus as one more place name in that country. ``areas`` are first-level
        units (``"UA.14"``) where actors the document names fight or work; each counts as one more
        place name in that unit. ``published`` is accepted for symmetry with the other components
        and not used.
        """
        items = self._prepare(mentions, text)
        dateline_cc = self._dateline_country(dateline)
        for _ in range(self._settings.iterations):
            self._rescore(items, dateline_cc, countries, areas)
        return [self._decide(item) for item in items]

    def explain(
        self,
        mentions: Sequence[PlaceMention],
        *,
        text: str = "",
        dateline: str | None = None,
        countries: Sequence[str] = (),
    ) -> list[list[tuple[Entry, dict[str, float], float]]]:
        """Every mention's candidates with their feature values and probabilities (for fitting)."""
        items = self._prepare(mentions, text)
        dateline_cc = self._dateline_country(dateline)
        rows: list[list[tuple[Entry, dict[str, float], float]]] = []
        for _ in range(self._settings.iterations - 1):
            self._rescore(items, dateline_cc, countries)
        context = self._rescore(items, dateline_cc, countries)
        for item, ctx in zip(items, context, strict=True):
            rows.append(
                [
                    (opt.entry, dict(zip(FEATURES, opt.prior + values, strict=True)), p)
                    for opt, values, p in zip(item.options, ctx, item.probs, strict=True)
                ]
            )
        return rows

    # -- steps -----------------------------------------------------------------------------------

    def _prepare(self, mentions: Sequence[PlaceMention], text: str) -> list[_Item]:
        normalise = self._gazetteer.normalise
        items: list[_Item] = []
        inside, outside = find_containers(text, [m.span for m in mentions])
        # "the Saidiya neighbourhood of southern Baghdad": a compass side of a name holding a
        # neighbourhood is a side of the city, not an area of the province
        towns = {j for i, j in inside.items() if (mentions[i].unit or "").lower() in QUARTER_UNITS}
        for k, mention in enumerate(mentions):
            fuzzy = mention.unit is not None or mention.container is not None
            unit = mention.unit or (None if k in towns else self._areal(mention))
            options = self._finder.options(mention.name, unit, fuzzy=fuzzy, limit=ALL_READINGS)
            if mention.label == "FAC" and mention.unit is None and k not in inside and not mention.container:
                # a facility is its namesake place only by that place's own name; a unit word after
                # it ("Balet Weyne town") or an address ("Khamis Mushayt, Asir") says it is no facility
                options = tuple(o for o in options if o.own_name)
            if mention.unit is None:
                options = towns_over_close_districts(options)
            scores = [o.prior_score for o in options]
            items.append(_Item(mention, normalise(mention.name), options, scores, softmax(scores)))
        named_containers = {m.container for m in mentions if m.container}
        for k, item in enumerate(items):
            m = item.mention
            links = {m.name, f"{m.name} {m.unit}"} & named_containers
            item.addressed = bool(m.container or links) or k in inside or k in inside.values()
        holds: dict[int, list[int]] = {}
        for i, j in inside.items():
            # "Wori village, Wori district", "Merida, Merida state": a place lies in the unit of its
            # name; "Kabul, Kabul" is the city in its province only when a unit word says so
            units = (items[i].mention.unit, items[j].mention.unit)
            if items[i].key != items[j].key or (units[1] is not None and units[0] != units[1]):
                items[i].inside = j
                holds.setdefault(j, []).append(i)
        for j, held in holds.items():
            items[j].holds = tuple(held)
        for i, item in enumerate(items):
            name = item.mention.container or outside.get(i)
            if name and item.inside is None:
                item.container_entries = self._container(name)
        self._chains.narrow(items, text)
        keep_to_addressed_provinces(items)
        cap = self._settings.max_candidates  # the likeliest readings left where the text places the name
        for item in items:
            if len(item.options) > cap:
                # places of the name as written come before close spellings of provinces elsewhere
                # ("Miango", a village of Plateau, not Muyinga or Manica)
                ranked = sorted(item.options, key=lambda o: not named(o))[:cap]
                chosen = {id(o) for o in ranked}
                keep(item, [o for o in item.options if id(o) in chosen])
        return items

    def _areal(self, mention: PlaceMention) -> str | None:
        """``"direction"`` when a compass adjective before the name makes it an area ("southern
        Kandahar", "upstate New York"), else None."""
        prefix = mention.text[: max(0, len(mention.text) - len(mention.name))].strip().lower()
        if (
            prefix
            and mention.text.endswith(mention.name)
            and prefix.split()[-1] in self._settings.areal_prefixes
        ):
            return "direction"
        return None

    def _container(self, name: str) -> tuple[tuple[Entry, float], ...]:
        # a container known only by close spellings ("Keur Moussa" as Carmésia) holds nothing, unless
        # its unit word says which unit it is ("Naushera (Rajouri district)")
        found = self._finder.options(name, None, fuzzy=False)
        options = [o for o in found if o.prior[_FUZZY] <= 0]
        if not options and self._finder.unit_of(name) is not None:
            options = [o for o in found if o.entry.feature_class == "A"]
        if not options:
            return ()
        probs = softmax([o.prior_score for o in options])
        return tuple((o.entry, p) for o, p in zip(options, probs, strict=True))

    def _dateline_country(self, dateline: str | None) -> str | None:
        if not dateline:
            return None
        options = self._finder.options(dateline, None, fuzzy=False)
        return options[0].entry.country_code if options else None

    def _rescore(
        self,
        items: list[_Item],
        dateline_cc: str | None,
        countries: Sequence[str] = (),
        areas: Sequence[str] = (),
    ) -> list[list[tuple[float, ...]]]:
        settings = self._settings
        seen: set[str] = set()
        readings = []
        for item in items:
            if item.key not in seen and item.options:
                seen.add(item.key)
                # a close spelling says nothing of where the document is ("Chimiquito" read as a
                # Colombian Chimicueto makes no Colombian Morelia)
                probs = [p if named(o) else 0.0 for o, p in zip(item.options, item.probs, strict=True)]
                readings.append((item.key, [o.entry for o in item.options], probs))
        focus = Focus(readings, countries, areas)
        weights = self._context_weights
        all_values: list[list[tuple[float, ...]]] = []
        new_scores: list[list[float]] = []
        for item in items:
            rows: list[tuple[float, ...]] = []
            scores: list[float] = []
            for opt in item.options:
                entry = opt.entry
                values = (
                    self._contained(items, item, entry),
                    focus.country_share(entry, item.key),
                    focus.admin1_share(entry, item.key),
                    1.0 if focus.is_top_admin1(entry) else 0.0,
                    focus.nearby(entry, item.key, settings.near_km),
                    1.0 if focus.in_actor_area(entry) else 0.0,
                    1.0 if dateline_cc is not None and entry.country_code == dateline_cc else 0.0,
                )
                rows.append(values)
                scores.append(opt.prior_score + sum(w * x for w, x in zip(weights, values, strict=True)))
            all_values.append(rows)
            new_scores.append(scores)
        for item, scores, rows in zip(items, new_scores, all_values, strict=True):
            item.scores = scores
            item.probs = softmax(scores)
            # a feature speaks only above a trace: other names' unlikely readings (a Yala of China at
            # one chance in a billion) speak for nothing
            item.supported = tuple(any(v > _TRACE for v in values[:-1]) for values in rows)  # no dateline
            # what other names say for it: containment, their country, admin-1 unit or nearness
            item.vouched = tuple(any(values[k] > _TRACE for k in _OTHERS_FEATURES) for values in rows)
            item.alone = focus.names <= 1
            item.focus = focus
        return all_values

    def _elsewhere(self, item: _Item, k: int) -> bool:
        """Do most other names lie in countries neither reading ``k``'s nor its neighbours'?"""
        entry, focus = item.options[k].entry, item.focus
        beside = self._gazetteer.borders(entry.country_code) if entry.country_code else frozenset()
        return focus is not None and focus.elsewhere_share(entry, item.key, beside) > _ELSEWHERE

    def _contained(self, items: list[_Item], item: _Item, entry: Entry) -> float:
        """How well ``entry`` agrees with the containment the text states (0..1, or more when both ways)."""
        km = self._settings.contain_km
        total = 0.0
        if item.inside is not None:
            outer = items[item.inside]
            pairs = zip(outer.options, outer.probs, strict=True)
            total += sum(p for o, p in pairs if contains(o.entry, entry, within_km=km))
        elif item.container_entries:
            total += sum(p for e, p in item.container_entries if contains(e, entry, within_km=km))
        for i in item.holds:
            # a close spelling inside vouches for no container ("Chimiquito, Morelia": Chimicueto of
            # Colombia makes no Colombian El Morelia of Morelia)
            inner = items[i]
            pairs = zip(inner.options, inner.probs, strict=True)
            total += sum(
                p for o, p in pairs if o.prior[_FUZZY] <= 0 and contains(entry, o.entry, within_km=km)
            )
        return total

    def _foreign_namesake(self, item: _Item, k: int) -> bool:
        """Is option ``k`` a spelling close to a name in a country nothing else points to ("Kasitu" ->
        Kusatsu, Japan)? Then "not in the gazetteer" is the better answer. A close spelling stands when
        an administrative unit word fits it ("Nooristan province"; "town" or "city" fits any town),
        other names of the text vouch for it, the name is written exactly as a place of that country
        ("Idleb": the city Idlib, so the province too), or it is a province, a capital or a city of
        100,000 or more spelt nearly alike ("Nabatiyeh", "Quamishli")."""
        best = item.options[k]
        # a unit word or a great namesake vouches in a story that says nothing else of where it is,
        # or whose other names speak for it: "Muang district" of a story of Yala is no Miyang of China
        # (a link of an address is vouched for by the address: "Naushera (Rajouri district)")
        open_story = item.alone or item.addressed or (bool(item.supported) and item.supported[k])
        unit_vouches = best.prior[_UNIT_FITS] and (item.mention.unit or "").lower() not in _SETTLEMENT_UNITS
        if best.prior[_FUZZY] <= 0 or (unit_vouches and open_story) or (item.vouched and item.vouched[k]):
            return False
        country = best.entry.country_code
        if any(o.prior[_FUZZY] <= 0 and o.entry.country_code == country for o in item.options):
            return False
        major = self._major(best) and best.prior[_FUZZY] >= self._settings.major_fuzzy_score
        return not (major and open_story)

    def _major(self, option: Option) -> bool:
        """Is the reading a country, a province, a capital or a city of 100,000 or more?"""
        return (
            option.group in _MAJOR_GROUPS or option.entry.population >= self._settings.fuzzy_below_population
        )

    def _stands(self, item: _Item, k: int) -> bool:
        """May option ``k`` stand on its own when a close spelling above it fell: the context speaks
        for it, the document says nothing else of where it is, or it is a province, a capital or a
        city of 100,000 or more (not a Florida village called Heathrow in a story of Britain)."""
        return item.alone or (bool(item.supported) and item.supported[k]) or self._major(item.options[k])

    def _vouched_or_major(self, item: _Item, k: int) -> bool:
        """Do other names speak for option ``k`` (not the document's top province, which a name gives
        itself), or is it a province, a capital or a city of 100,000 or more?"""
        return (bool(item.vouched) and item.vouched[k]) or self._major(item.options[k])

    def _decide(self, item: _Item) -> Resolution:
        mention = item.mention
        if not item.options:
            return Resolution(mention, None, 0.0)
        order = sorted(range(len(item.options)), key=lambda k: -item.probs[k])
        if self._foreign_namesake(item, order[0]):
            # a close spelling nothing vouches for is no reading; a name written exactly as some
            # place's below it still is ("Baiji": the town Bayji, not the Portuguese province Beja)
            order = [k for k in order if item.options[k].prior[_FUZZY] <= 0 and self._stands(item, k)]
            if not order:
                return Resolution(mention, None, 0.0)
        elif self._elsewhere(item, order[0]) and not self._vouched_or_major(item, order[0]):
            # a small place in a country no other name points to, in a story of another country, is
            # no reading ("Alamada village" of the Philippines in a story of Lower Shabelle; "Lake
            # Albert" of Australia in one of Uganda): its event takes the story's other places, or a
            # reading written as the name that other names speak for
            order = [k for k in order if named(item.options[k]) and self._vouched_or_major(item, k)]
            if not order:
                return Resolution(mention, None, 0.0)
        best = item.options[order[0]]
        p_best = item.probs[order[0]] / sum(item.probs[k] for k in order)
        settings = self._settings
        contenders = [best.entry]
        supported = bool(item.supported) and item.supported[order[0]]
        below = settings.ambiguous_below if supported else settings.ambiguous_below_alone
        if best.group not in settings.default_groups and p_best < below:
            for k in order[1:]:
                if item.probs[k] < p_best * settings.rival_ratio or len(contenders) >= _MAX_CONTENDERS:
                    break
                entry = item.options[k].entry
                if all(entry.distance_km(c.lat, c.lon) > settings.ambiguous_km for c in contenders):
                    contenders.append(entry)
        ambiguous = len(contenders) > 1
        return Resolution(
            mention,
            best.entry,
            round(p_best, 4),
            ambiguous=ambiguous,
            candidates=tuple(contenders) if ambiguous else (),
            geo_precision=geo_precision(best.entry, mention.preposition),
            within=city_around(item, best.entry, self._settings.contain_km),
        )


_FUZZY = PRIOR_FEATURES.index("fuzzy")
#: Groups of entries a close spelling may name with nothing else in the text for it.
_MAJOR_GROUPS = frozenset({"country", "adm1", "capital", "seat1"})
_UNIT_FITS = PRIOR_FEATURES.index("unit_fits")  # "Nooristan province": the unit word vouches for it
#: Unit words any settlement fits, which vouch for no close spelling ("Kasitu town").
_SETTLEMENT_UNITS = frozenset(
    {
        "city",
        "town",
        "village",
        "hamlet",
        "locality",
        "settlement",
        "neighbourhood",
        "neighborhood",
        "area",
        "quarter",
        "suburb",
    }
)
#: A context feature's value below this says nothing for a reading (see ``_rescore``).
_TRACE = 0.01
#: A story more of whose other names than this lie in other countries, not neighbours, is elsewhere.
_ELSEWHERE = 0.6
#: Context features that other names of the document give (not "top admin-1", which a name alone
#: gives itself, nor the dateline).
_OTHERS_FEATURES = tuple(
    CONTEXT_FEATURES.index(f) for f in ("contained", "focus_country", "focus_admin1", "nearby")
)
