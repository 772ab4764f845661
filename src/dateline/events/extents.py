"""Where and when two mentions of events may be one: places that hold one another, dates the text gives.

A place contains another when it is the same feature or an area holding it (its country, admin1 or
admin2: "Kabul province" holds Kabul); two places are compatible when either is unknown or one holds
the other. :func:`place_rank` orders places from the most precise (a town) to the least (a province);
:func:`explicit_interval` is a date's interval when the text gives one (not the publication date);
:func:`walks_to` says which words of the parse the search for an event's place follows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from spacy.tokens import Token

from dateline.nlp.doc_cache import children_of

__all__ = [
    "owned_by_country",
    "explicit_interval",
    "geo_precision_of",
    "place_contains",
    "place_order",
    "place_rank",
    "nominal_subtree",
    "places_compatible",
    "walks_to",
]

_PLACE_RANK = (("PPL", 0), ("ADM3", 1), ("ADM4", 1), ("ADM2", 1), ("ADMD", 1), ("ADM1", 2))


def place_contains(outer: dict[str, Any], inner: dict[str, Any]) -> bool:
    """Whether ``outer`` is ``inner`` or an area holding it (its country, admin1 or admin2)."""
    if outer.get("id") is not None and outer.get("id") == inner.get("id"):
        return True
    if not outer.get("country_code") or outer.get("country_code") != inner.get("country_code"):
        return False
    feature = str(outer.get("feature") or "")
    if feature.startswith("PCL"):
        return True
    for level, key in (("ADM1", "admin1"), ("ADM2", "admin2")):
        if feature == level:
            names = {_norm(outer.get("name")), _norm(outer.get(key))} - {""}
            return _norm(inner.get(key)) in names and inner.get("feature") != level
    return False


def places_compatible(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    return a is None or b is None or place_contains(a, b) or place_contains(b, a)


def place_rank(place: dict[str, Any] | None) -> int:
    """0 a town (or a place the gazetteer lacks, located by the place holding it), 1 a district,
    2 a province, 3 wider; 9 no place."""
    if place is None:
        return 9
    if place.get("located_by"):
        return 0
    feature = str(place.get("feature") or "")
    return next((r for prefix, r in _PLACE_RANK if feature.startswith(prefix)), 3)


def place_order(places: Iterable[dict[str, Any]]) -> Callable[[dict[str, Any]], tuple[int, bool]]:
    """The order of ``places`` as an event's place, finest first (:func:`place_rank`), and of two
    alike the one that locates none of the others last (the town a village lies near: an event at
    both is at the village)."""
    anchors = {str(p["located_by"]) for p in places if p.get("located_by")}
    return lambda place: (place_rank(place), place.get("id") in anchors)


def explicit_interval(date: dict[str, Any] | None) -> tuple[dt.date, dt.date] | None:
    """The date's interval when the text gives one (not the publication date standing in)."""
    if not date or date.get("from_published") or not date.get("start") or not date.get("end"):
        return None
    try:
        return dt.date.fromisoformat(str(date["start"])), dt.date.fromisoformat(str(date["end"]))
    except ValueError:
        return None


def _norm(value: Any) -> str:
    return " ".join(str(value or "").lower().replace("-", " ").split())


_GEO_BY_FEATURE = (("PPL", 1), ("ADM3", 2), ("ADM4", 2), ("ADM2", 2), ("ADMD", 2))


def geo_precision_of(place: dict[str, Any]) -> int:
    """ACLED's precision of an event at ``place``: 1 a town, 2 a district, 3 a province or wider; a
    place the gazetteer lacks, located by the place holding it, has the precision it was given."""
    located = place.get("located_by") and place.get("geo_precision")
    if located:
        return int(located)
    feature = str(place.get("feature") or "")
    return next((p for prefix, p in _GEO_BY_FEATURE if feature.startswith(prefix)), 3)


#: Dependencies the walk for an event's place does not follow (subjects, other clauses).
_WALK_SKIP = frozenset({"nsubj", "nsubjpass", "csubj", "relcl", "ccomp", "advcl", "parataxis", "punct", "cc"})


def walks_to(token: Token, child: Token, depth: int, blocked_preps: frozenset[str]) -> bool:
    """Does the walk for an event's place go on from ``token`` to ``child``? Not into subjects,
    clauses, blocked prepositions, or where a person is from ("a cameraman from New Zealand")."""
    if child.dep_ in _WALK_SKIP:
        return False
    if child.dep_ != "prep":
        return True
    origin = child.lower_ == "from" and depth > 0 and token.pos_ in ("NOUN", "PROPN")
    return child.lower_ not in blocked_preps and not origin


def nominal_subtree(token: Token) -> list[int]:
    """Indices of ``token``'s subtree short of the verbs under it: what a protest is against
    ("against dire living conditions"), not a clause the parser hung on it ("... conditions gathered
    in Zahle")."""
    out, stack = [], [token]
    while stack:
        t = stack.pop()
        out.append(t.i)
        stack.extend(c for c in children_of(t) if c.pos_ not in ("VERB", "AUX"))
    return out


def owned_by_country(doc: Any, mention: Any, owned_nouns: frozenset[str]) -> bool:
    """Is the place a country named as the owner of the thing after it ("the U.S. embassy in Iraq",
    "a Russian base"), which is no place where that thing stands?"""
    last = doc[mention.end - 1]
    head = last.head
    return (
        last.dep_ in ("compound", "amod", "nmod")
        and mention.end <= head.i
        and head.lemma_.lower() in owned_nouns
        and place_rank(mention.record) >= 3
    )
