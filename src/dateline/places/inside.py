"""Names the text puts inside a place it has named: "shelled Sfuhen in the southern countryside of Idleb".

spaCy often reads a village's name it does not know as a person or an organisation ("Sfuhen",
"Kafr Amma", "Menbij"), and nothing else around it says place when it is a verb's object. Where the
words right after it put it inside a place already accepted ("in Idleb", "in the southern
countryside of Idleb", "in eastern Deir-ez-Zor countryside") and the gazetteer has a reading of it
there (a village of Idleb province, as written or by a close spelling), the name is a place: a
person's or a body's name hardly has a namesake village in the very province the text puts it in.
A name something rejects (a title before it, part of a longer person's name, a speaker) stays
rejected, and a name the document uses for a person elsewhere is still settled as one.
"""

from __future__ import annotations

from dateline.gazetteer.entry import Entry
from dateline.gazetteer.gazetteer import Gazetteer
from dateline.places.context import contains
from dateline.places.lexicon import PlaceLexicon
from dateline.places.matches import ACCEPT, PENDING, PlaceNameMatch, TokenView

__all__ = ["accept_stated_inside"]

#: Words that may stand between "in" and the place that holds a name ("in the countryside of").
_FILLERS = frozenset(
    {"the", "rural", "countryside", "outskirts", "suburbs", "environs", "part", "parts", "-"}
)
#: Towns that name their province ("in Idleb", "in Aleppo": ACLED's and local news' usage).
_PROVINCE_TOWNS = frozenset({"PPLC", "PPLA"})
#: Kinds of names looked up as written or by their transliteration skeleton.
_READINGS = ("exact", "skeleton")
#: How alike a close spelling must be to a name of a place inside the holder (a looser floor than
#: ``PlaceLexicon.min_fuzzy_score``: the holder vouches for it).
_CLOSE_ENOUGH = 0.7


def accept_stated_inside(
    view: TokenView, matches: list[PlaceNameMatch], gazetteer: Gazetteer, lexicon: PlaceLexicon
) -> None:
    """Accept each pending name followed by "in" (and words of a place's parts) and an accepted name
    that holds one of its readings; the name's evidence gains ``"inside"``."""
    for idx, m in enumerate(matches[:-1]):
        if m.state != PENDING or m.kind not in _READINGS:
            continue
        outer = matches[idx + 1]
        if outer.state != ACCEPT or outer.kind != "exact" or not _in_link(view, m, outer, lexicon):
            continue
        if m.kind == "skeleton":  # a close spelling, close enough ("Sfuhen": Sfawhun of Idlib)
            found = gazetteer.candidates(view.surface(m))
            readings = [c.entry for c in found if c.score >= _CLOSE_ENOUGH]
        else:
            readings = gazetteer.lookup_key(m.key)
        holders = [u for h in gazetteer.lookup_key(outer.key) if (u := _unit_of(h, gazetteer)) is not None]
        if any(contains(h, e, within_km=0.0) for h in holders for e in readings):
            m.state = ACCEPT
            m.evidence.add("inside")


def _in_link(view: TokenView, m: PlaceNameMatch, outer: PlaceNameMatch, lexicon: PlaceLexicon) -> bool:
    """Do the words between the two names read "in", then only an article, compass words and words
    of a place's parts, with "of" only last ("in the north-western countryside of")?"""
    end = m.text_end if m.text_end >= 0 else m.end
    start = outer.text_start if outer.text_start >= 0 else outer.start
    words = view.lowers[end:start]
    if not words or words[0] != "in":
        return False
    middle = words[1:-1] if len(words) > 2 and words[-1] == "of" else words[1:]
    return all(w in _FILLERS or w in lexicon.directions or w in lexicon.direction_nouns for w in middle)


def _unit_of(entry: Entry, gazetteer: Gazetteer) -> Entry | None:
    """The unit a holder's reading stands for: itself when a country or a unit, the province a town
    seats when the town names it ("in Idleb", "in Aleppo"); none for another place."""
    if entry.is_country or entry.feature_class == "A":
        return entry
    if entry.feature_code in _PROVINCE_TOWNS:
        return gazetteer.province(entry)
    return None
