"""What the place finder works on: one candidate name (:class:`PlaceNameMatch`) and the doc's tokens.

A :class:`TokenView` holds the per-doc token arrays the three steps of
:class:`~dateline.places.finder.PlaceFinder` read (texts, lower-case forms, spacing, entity labels,
sentence numbers, gazetteer keys); a :class:`PlaceNameMatch` is one candidate name in token offsets,
with what the steps learn about it and, in ``state``, whether it is a place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from dateline.gazetteer.gazetteer import Gazetteer
from dateline.nlp.doc_cache import text_of, tokens_of

__all__ = [
    "ACCEPT",
    "DASHES",
    "NAME_LABELS",
    "PENDING",
    "PLACE_LABELS",
    "POSSESSIVES",
    "REJECT",
    "PlaceNameMatch",
    "TokenView",
    "covered_tokens",
]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_LABELS = frozenset(
    {"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
)
POSSESSIVES = frozenset({"'s", "’s", "'", "’", "s"})
DASHES = frozenset({"-", "‐", "‑", "–", "—"})
_NAME_MARKS = frozenset(".'’-‐‑")

ACCEPT, PENDING, REJECT = 1, 0, -1


@dataclass(slots=True)
class PlaceNameMatch:
    """One candidate place name in a doc (token offsets) and its context; ``state`` is the decision."""

    start: int
    end: int
    key: str
    kind: str  # "exact" | "skeleton" | "unknown" | "given" | "abbreviation"
    label: str | None = None  # spaCy label of the entity the name is, when it is one
    inside: str | None = None  # label of a longer entity the name is only part of
    text_start: int = -1
    text_end: int = -1
    unit: str | None = None
    unit_plural: bool = False
    preposition: str | None = None
    container: str | None = None
    possessive: bool = False
    route: str | None = None  # the road, bridge or crossing the name is an end of
    evidence: set[str] = field(default_factory=set)
    rejected: str | None = None  # why the name is not a place
    state: int = PENDING


def covered_tokens(n: int, matches: list[PlaceNameMatch]) -> list[bool]:
    """For each of the doc's ``n`` tokens, whether one of ``matches`` covers it."""
    covered = [False] * n
    for m in matches:
        for i in range(m.start, m.end):
            covered[i] = True
    return covered


#: Tokens that cut an entity in two (see ``entities_without_brackets``).
_CUTS = frozenset("()[],")


class TokenView:
    """Per-doc token arrays, read once; gazetteer keys of tokens are computed when first asked for."""

    __slots__ = (
        "_normalise",
        "doc",
        "ents",
        "ent_end",
        "ent_label",
        "ent_start",
        "has_deps",
        "has_pos",
        "keys",
        "lowers",
        "n",
        "name_like",
        "sent",
        "spaced",
        "text",
        "texts",
    )

    def __init__(self, doc: Doc, gazetteer: Gazetteer) -> None:
        self._normalise = gazetteer.normalise
        self.doc = doc
        self.text = text_of(doc)
        self.n = n = len(doc)
        self.texts = [t.text for t in tokens_of(doc)]
        self.lowers = [t.lower() for t in self.texts]
        self.spaced = [bool(t.whitespace_) for t in tokens_of(doc)]
        self.name_like = [
            t[:1].isupper() and all(c.isalpha() or c in _NAME_MARKS for c in t) for t in self.texts
        ]
        self.keys: list[str | None] = [None] * n
        self.ent_label = [""] * n
        self.ent_start = [0] * n
        self.ent_end = [0] * n
        self.ents = entities_without_brackets(doc)
        for ent in self.ents:
            for i in range(ent.start, ent.end):
                self.ent_label[i], self.ent_start[i], self.ent_end[i] = ent.label_, ent.start, ent.end
        self.sent = [0] * n
        if doc.has_annotation("SENT_START"):
            k = -1
            for i, tok in enumerate(doc):
                if i == 0 or tok.is_sent_start:
                    k += 1
                self.sent[i] = k
        self.has_pos = doc.has_annotation("POS")
        self.has_deps = doc.has_annotation("DEP")

    def key(self, i: int) -> str:
        k = self.keys[i]
        if k is None:
            k = self.keys[i] = self._normalise(self.texts[i])
        return k

    def span_key(self, start: int, end: int) -> str:
        return " ".join(k for k in (self.key(i) for i in range(start, end)) if k)

    def glued(self, i: int) -> bool:
        """Token ``i`` is attached to both neighbours (a hyphen inside "Khak-e")."""
        return i > 0 and not self.spaced[i - 1] and not self.spaced[i]

    def surface(self, m: PlaceNameMatch) -> str:
        """The name as written in the text."""
        doc = self.doc
        return self.text[doc[m.start].idx : doc[m.end - 1].idx + len(doc[m.end - 1])]


def entities_without_brackets(doc: Doc) -> list[Span]:
    """spaCy's entities, each cut at the brackets and commas inside it: the model reads "Surman
    (Azzawya)" as one ORG "Surman (Azzawya", where a bracket opens an address of the name before it,
    and "Barangay Daro, Dumaguete" as one ORG, where the comma joins a village to its town.

    A facility is one name, never an address: the pieces after the first cut of a FAC entity are
    read as LOC ("Balet Weyne, Hiraan" read as one FAC: Hiraan is the province, not a facility)."""
    out: list[Span] = []
    for ent in doc.ents:
        start = ent.start
        for i in range(ent.start, ent.end + 1):
            if i == ent.end or doc[i].text in _CUTS:
                if i > start:
                    if (start, i) == (ent.start, ent.end):
                        out.append(ent)
                    else:
                        label = "LOC" if ent.label_ == "FAC" and start > ent.start else ent.label_
                        out.append(Span(doc, start, i, label=label))
                start = i + 1
    return out
