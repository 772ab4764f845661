"""Nominal actors and the actor lexicon: "Pakistani forces" -> Military Forces of Pakistan.

A nominal actor is a common-noun phrase that names a group by its nationality and kind rather than by
its name: "Pakistani forces", "Afghan officials", "local villagers", "security sources", "unidentified
gunmen". :meth:`ActorLexicon.classify` maps the phrase's head noun, its modifiers and its country to a
:class:`GenericActor` named the way ACLED names such actors ("Military Forces of Pakistan",
"Government of Afghanistan", "Civilians (Afghanistan)", "Unidentified Armed Group (Somalia)").

The rules, the countries with their adjectives, the titles used for role facts and the cue words for
aliases defined in the text are data: ``dateline/actors/data/nominal.json``, held by an
:class:`ActorLexicon` instance. This module is pure text logic (no spaCy).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dateline.lexicon import Lexicon
from dateline.text import normalise

__all__ = ["ActorLexicon", "GenericActor", "NominalRule"]


@dataclass(frozen=True, slots=True)
class GenericActor:
    """An actor known only by its kind and country ("Civilians (Afghanistan)")."""

    name: str
    kind: str
    country_code: str | None
    acled_inter: int | None = None


@dataclass(frozen=True, slots=True)
class NominalRule:
    """Head nouns of one kind of generic actor, with what must modify them for the rule to apply.

    ``modifiers``: at least one of these words must modify the head ("unidentified gunmen").
    ``needs_country``: the phrase must name a country ("Somali militants").
    Otherwise the head applies with a country, a known modifier, or alone if listed in ``bare_heads``.
    """

    heads: frozenset[str]
    name: str
    kind: str
    acled_inter: int | None = None
    bare_heads: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    needs_country: bool = False

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NominalRule:
        return cls(
            heads=frozenset(str(h).lower() for h in data["heads"]),
            name=str(data["name"]),
            kind=str(data["kind"]),
            acled_inter=data.get("acled_inter"),
            bare_heads=frozenset(str(h).lower() for h in data.get("bare_heads", ())),
            modifiers=frozenset(str(m).lower() for m in data.get("modifiers", ())),
            needs_country=bool(data.get("needs_country", False)),
        )


class ActorLexicon(Lexicon):
    """The data of ``nominal.json``: countries, nominal rules, titles and alias cues."""

    package = "dateline.actors"
    resource = "nominal.json"
    what = "actor lexicon"

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data: dict[str, Any] = copy.deepcopy(dict(data))
        countries: dict[str, Any] = self.data.get("countries", {})
        self.country_names: dict[str, str] = {iso: str(c["name"]) for iso, c in countries.items()}
        # normalised name / adjective / plural noun -> ISO code; whether the written form is an acronym
        self.country_forms: dict[str, tuple[str, bool]] = {}
        self.country_name_keys: frozenset[str] = frozenset(
            normalise(n) for c in countries.values() for n in (c["name"], *c.get("aliases", ()))
        )
        for iso, info in countries.items():
            forms = [
                info["name"],
                *info.get("adjectives", ()),
                *info.get("nouns", ()),
                *info.get("aliases", ()),
            ]
            for form in forms:
                self.country_forms.setdefault(normalise(form), (iso, _is_acronym(form)))
        self.rules: tuple[NominalRule, ...] = tuple(
            NominalRule.from_dict(r) for r in self.data.get("nominal_rules", ())
        )
        self.heads: frozenset[str] = frozenset(h for r in self.rules for h in r.heads)
        self.modifiers: frozenset[str] = frozenset(
            [m.lower() for m in self.data.get("nominal_modifiers", ())]
            + [m for r in self.rules for m in r.modifiers]
        )
        self.titles: frozenset[str] = frozenset(normalise(t) for t in self.data.get("titles", ()))
        self.title_modifiers: frozenset[str] = frozenset(
            normalise(t) for t in self.data.get("title_modifiers", ())
        )
        self.title_aliases: dict[str, str] = {
            normalise(k): normalise(v) for k, v in self.data.get("title_aliases", {}).items()
        }
        self.past_modifiers: frozenset[str] = frozenset(
            normalise(t) for t in self.data.get("past_modifiers", ())
        )
        self.name_titles: frozenset[str] = frozenset(normalise(t) for t in self.data.get("name_titles", ()))
        cues = self.data.get("alias_cues", {})
        self.alias_adverbs: tuple[str, ...] = tuple(cues.get("adverbs", ()))
        self.alias_verbs: tuple[str, ...] = tuple(cues.get("verbs", ()))
        self.alias_prepositions: tuple[str, ...] = tuple(cues.get("prepositions", ()))
        self.alias_or_words: tuple[str, ...] = tuple(cues.get("or_words", ()))
        self.acronym_skip: frozenset[str] = frozenset(
            w.lower() for w in self.data.get("acronym_skip_words", ())
        )
        self.org_kind_heads: dict[str, str] = {}
        for kind, words in self.data.get("org_kind_heads", {}).items():
            for word in words:
                self.org_kind_heads.setdefault(normalise(word), kind)
        self.insurgent_army_words = frozenset(normalise(w) for w in self.data.get("insurgent_army_words", ()))
        # last words of group names written in either number ("Martyrs Brigade(s)", "India-Maoist(s)")
        self.number_variant_heads = frozenset(normalise(w) for w in self.data.get("number_variant_heads", ()))

    # --- loading and saving ---------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ActorLexicon:
        return cls(data)

    def to_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self.data)

    # --- countries ------------------------------------------------------------------------------------

    def country_of(self, text: str) -> str | None:
        """The ISO code a country name, adjective or people noun stands for ("Afghan" -> "AF")."""
        found = self.country_forms.get(normalise(text))
        if found is None:
            return None
        iso, acronym = found
        if acronym and not text.replace(".", "").isupper():
            return None  # "us" is not the US
        return iso

    def country_name(self, iso: str | None) -> str | None:
        return self.country_names.get(iso or "", None)

    # --- nominal actors -------------------------------------------------------------------------------

    def classify(
        self, head: str, modifiers: Sequence[str] = (), country: str | None = None, focus: str | None = None
    ) -> GenericActor | None:
        """The generic actor a nominal phrase names, or None.

        ``head``: the head noun phrase, lower-case ("forces", "security forces"); ``modifiers``: other
        lower-case words before it ("local", "unidentified"); ``country``: the ISO code the phrase names
        ("Pakistani" -> "PK"); ``focus``: the document's main country, used when the phrase names none.
        """
        head = head.lower()
        mods = [m.lower() for m in modifiers]
        for rule in self.rules:
            if head not in rule.heads:
                continue
            matched = next((m for m in mods if m in rule.modifiers), None)
            if rule.modifiers and matched is None:
                continue
            if rule.needs_country and country is None:
                continue
            known_modifier = any(m in self.modifiers for m in mods)
            if not (
                rule.modifiers or rule.needs_country or country or known_modifier or head in rule.bare_heads
            ):
                continue
            iso = country or focus
            place = self.country_name(iso)
            if place is None:
                return None
            name = rule.name.format(country=place, Modifier=(matched or "").capitalize())
            return GenericActor(name=name, kind=rule.kind, country_code=iso, acled_inter=rule.acled_inter)
        return None

    def org_kind(self, words: Iterable[str]) -> str:
        """The kind an unknown organisation's name suggests ("Interior Ministry" -> government; an army
        named for a people or a cause, "Corsican People's Army", "Free Syrian Army" -> an armed group)."""
        keys = [normalise(w) for w in words]
        for width in (2, 1):
            for i in range(len(keys) - width, -1, -1):
                kind = self.org_kind_heads.get(" ".join(keys[i : i + width]))
                if kind == "military" and self.insurgent_army_words & set(keys):
                    return "militant_group"
                if kind:
                    return kind
        return "other"


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 1 < len(letters) <= 6 and all(c.isupper() for c in letters)
