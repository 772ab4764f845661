"""Candidate actor mentions of one document, and how overlapping candidates are settled.

A candidate is a stretch of tokens that may name an actor: a registry name, an alias the text
defines, a nominal actor ("Pakistani forces") or one of the model's PERSON and ORG entities
(:func:`entity_candidates`). Where candidates overlap, :func:`select_candidates` keeps the one of
the lowest tier, then the longest, then the lowest rank.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

from spacy.tokens import Doc

from dateline.actors.nominal import ActorLexicon
from dateline.actors.registry import actor_key
from dateline.nlp.extensions import get_list

POSSESSIVE = ("'s", "’s")
#: Words an entity may start with that are not part of the name ("Suspected ERP members abducted ...").
LEADING_WORDS = frozenset(
    {"the", "suspected", "alleged", "presumed", "purported", "so-called", "self-styled"}
)
_NOT_PEOPLE = frozenset({"militant_group", "government", "military", "police", "political_party"})


@dataclass(slots=True)
class ActorCandidate:
    """A candidate mention at tokens ``start``:``end``; lower (tier, rank) wins overlaps."""

    start: int
    end: int
    tier: int
    rank: int
    target: str | None = None  # resolved actor id
    ids: tuple[str, ...] = ()  # registry ids the name may mean
    key: str = ""
    label: str | None = None  # PERSON / ORG for entities
    words: tuple[str, ...] = ()  # a person's name, for an alias the text gives that person


def entity_candidates(doc: Doc, text: str, lexicon: ActorLexicon) -> list[ActorCandidate]:
    """PERSON and ORG entities worth an actor: adjacent PERSON spans merged, places, country words
    and fragments of hyphenated words left out."""
    places = sorted(
        tuple(m["span"]) for p in get_list(doc, "dateline_places") for m in p.get("mentions") or []
    )
    place_starts = [start for start, _ in places]
    place_reach = list(accumulate((end for _, end in places), max))  # the furthest end so far
    found: list[ActorCandidate] = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ in LEADING_WORDS:
            start += 1
        while end > start and doc[end - 1].text in POSSESSIVE:
            end -= 1
        if start >= end:
            continue
        span = doc[start:end]
        s, e = span.start_char, span.end_char
        if (s > 0 and text[s - 1] in "-‐") or (e < len(text) and text[e] in "-‐"):
            continue  # "Zarb" of "Zarb-e-Azb"
        k = bisect_left(place_starts, e)  # the place mentions that start before the name ends
        if k and place_reach[k - 1] > s:  # one of them ends after it starts: a place
            continue
        words = [t.text for t in span if t.is_alpha]
        if not words or all(lexicon.country_of(w) for w in words) or not any(c.isupper() for c in span.text):
            continue
        label = ent.label_
        if label == "ORG" and start > 0 and actor_title(doc[start - 1].text, lexicon):
            label = "PERSON"  # "Punjabi Taliban chief Ismatullah Muawiya"
        if label == "PERSON" and lexicon.org_kind(words) in _NOT_PEOPLE:
            label = "ORG"  # "Harakat al-Shabaab al-Mujahideen"
        if label == "ORG" and len(words) == 1 and actor_key(words[0]) in lexicon.org_kind_heads:
            continue  # "the Committee"
        if found and label == "PERSON" == found[-1].label and found[-1].end == start:
            found[-1].end = end
            continue
        found.append(ActorCandidate(start, end, 1, 3, label=label))
    return found


def select_candidates(cands: list[ActorCandidate]) -> list[ActorCandidate]:
    """The candidates that win their tokens (see the module docstring), in text order."""
    taken: set[int] = set()
    chosen: list[ActorCandidate] = []
    for c in sorted(cands, key=lambda c: (c.tier, -(c.end - c.start), c.rank, c.start)):
        tokens = range(c.start, c.end)
        if any(i in taken for i in tokens):
            continue
        taken.update(tokens)
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def actor_title(word: str, lexicon: ActorLexicon) -> bool:
    """Whether ``word`` is a title that comes before a person's name ("chief", "spokesman")."""
    return actor_key(word) in lexicon.titles
