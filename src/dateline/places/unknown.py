"""Names the gazetteer does not know, kept when the text puts them in or near a place it does know.

Wars are fought in villages no gazetteer lists: "Darakashi village in Kunzar area of Baramulah
District", "the town of Kanaan, near Baqubah", "Jaydebpara village, South Tripura district". Such a
name is a place when the text says so (a place label, its unit word, "the village of ...") *and*
links it to a known place right after it: an address comma, "in", "near", "outside", "a village
in", "which is south of". The resolver then locates it at that place
(:mod:`dateline.places.located`); unlinked unknown names stay out, as before.

:func:`unknown_names` adds the candidates spaCy's place labels miss (a name before a unit word or
after "the village of", whatever spaCy read it as; a name after a locative preposition that the
model read as a person); :func:`anchor_unknown` accepts the linked ones after the finder's other
decisions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from dateline.places.lexicon import PlaceLexicon
from dateline.places.matches import ACCEPT, REJECT, PlaceNameMatch, TokenView, covered_tokens

__all__ = ["NOT_IN_GAZETTEER", "anchor_unknown", "link_words", "unknown_names"]

#: Why an unknown name is not (yet) a place: it waits for a link to a known place.
NOT_IN_GAZETTEER = "not in the gazetteer"
#: The finder's rejection of a known name nothing in the text makes a place.
NO_PLACE_CONTEXT = "no place context"
#: The finder's rejection of a close spelling with no close name: an unknown name as well.
_TOO_FAR = "transliteration too far from any name"
#: Unit words of units smaller than a province: an unknown name with one is a local place.
_LOCAL_UNITS = frozenset(
    {
        "village", "town", "city", "area", "district", "subdistrict", "tehsil", "agency", "valley",
        "neighbourhood", "quarter", "suburb", "sector", "township", "municipality", "commune", "lga",
        "subdivision",
    }
)  # fmt: skip
#: Labels a name after a locative preposition may carry and still be an unknown place.
_MISREAD_LABELS = frozenset({"", "PERSON", "PRODUCT", "WORK_OF_ART", "GPE", "LOC"})
#: spaCy labels that make an unknown name linked to a known place a place by themselves.
_PLACE_NAME_LABELS = frozenset({"GPE", "LOC"})
#: Words of names of bodies and buildings (besides the lexicon's institution and organisation words).
_BODY_WORDS = frozenset(
    {
        "party", "movement", "front", "brigade", "brigades", "tomb", "mosque", "church", "temple",
        "school", "hospital", "market", "bazaar", "bridge", "road", "street", "highway", "camp",
        "checkpoint", "prison", "jail", "stadium", "hotel", "company", "factory", "plant",
    }
)  # fmt: skip
#: Words that may stand between an unknown name and the known place that locates it.
_LINK_WORDS = frozenset(
    {
        ",", "(", "in", "inside", "within", "near", "outside", "of", "close", "to", "on", "the",
        "outskirts", "a", "an", "located", "situated", "just", "which", "is", "lies", "small",
        "remote", "village", "town", "city", "hamlet", "settlement", "locality", "suburb", "area",
        "district", "community", "north", "south", "east", "west", "northeast", "northwest",
        "southeast", "southwest", "part", "parts",
    }
)  # fmt: skip
#: "northern", "southeastern", "western": compass words as adjectives.
_COMPASS_ADJECTIVE = re.compile(r"(?:north|south)(?:east|west)?ern|(?:east|west)ern")
#: Words that state the link (a bare "the" does not).
_LINKING = frozenset({",", "(", "in", "inside", "within", "near", "outside", "of", "outskirts"})
_MAX_LINK_TOKENS = 7
#: A name in capitals this short, nothing but a link makes a place of, is an acronym ("a former
#: MLA in Phubani town", "IDP"): no village ('Mla of Myanmar).
_ACRONYM_LETTERS = 5
_MAX_NAME_TOKENS = 3
_PREPOSITIONS = frozenset({"in", "at", "near", "outside"})


def unknown_names(view: TokenView, matches: list[PlaceNameMatch], lexicon: PlaceLexicon) -> None:
    """Add ``"unknown"`` candidates no other name covers: a capitalised name before a local unit
    word ("Darakashi village") or after one and "of" ("the village of Kanaan"), and a name after a
    locative preposition the model read as a person or product ("at Hanjipora in Pulwama")."""
    covered = covered_tokens(view.n, matches)

    def add(start: int, end: int) -> None:
        if start >= end or any(covered[start:end]):
            return
        key = view.span_key(start, end)
        if not key:
            return
        label = (
            view.ent_label[start] if view.ent_start[start] == start and view.ent_end[start] == end else None
        )
        matches.append(PlaceNameMatch(start, end, key, "unknown", label=label or None))
        for i in range(start, end):
            covered[i] = True

    units, lowers, n = lexicon.units, view.lowers, view.n
    for i in range(n):
        unit = units.get(lowers[i])
        if unit in _LOCAL_UNITS and not view.name_like[i]:
            start = i
            while start > 0 and i - start < _MAX_NAME_TOKENS and _name_token(view, start - 1, i):
                start -= 1
            if start < i and lowers[start] not in lexicon.directions:
                _drop_partial(matches, covered, start, i)
                add(start, i)
            if i + 2 < n and lowers[i + 1] == "of" and lowers[i] in lexicon.unit_prefixes:
                end = i + 2
                while end < n and end - i - 2 < _MAX_NAME_TOKENS and _name_token(view, end, i + 2):
                    end += 1
                add(i + 2, end)
        elif lowers[i] in _PREPOSITIONS and i + 1 < n and view.name_like[i + 1]:
            start = i + 1
            label = view.ent_label[start]
            if label not in _MISREAD_LABELS or (label and view.ent_start[start] != start):
                continue
            end = view.ent_end[start] if label else start + 1
            if end - start <= _MAX_NAME_TOKENS and all(view.name_like[k] for k in range(start, end)):
                add(start, end)
    _address_heads(view, matches, covered, add, units)
    matches.sort(key=lambda m: m.start)


def _address_heads(
    view: TokenView,
    matches: list[PlaceNameMatch],
    covered: list[bool],
    add: Callable[[int, int], None],
    units: Mapping[str, str],
) -> None:
    """The first link of an address ("Mapili, Babila Babombi, Ituri, ..."; "Wadi Abu Khanajer,
    Riyadh, Kirkuk"): a capitalised name right before a comma and another name, whole even where
    a shorter gazetteer name covers its start ("Wadi", an alternate name of El Oued)."""
    n, i = view.n, 1
    while i < n:
        if not view.name_like[i] or view.name_like[i - 1] or view.sent[i - 1] != view.sent[i]:
            i += 1
            continue
        end = i
        while (
            end < n and end - i <= _MAX_NAME_TOKENS and view.name_like[end] and view.sent[end] == view.sent[i]
        ):
            end += 1
        if end + 1 < n and view.texts[end] == "," and view.name_like[end + 1]:
            whole = view.ent_start[i] == i and view.ent_end[i] == end and view.ent_label[i] in ("GPE", "LOC")
            parts = [m for m in matches if i <= m.start and m.end <= end and (m.start, m.end) != (i, end)]
            rest = [view.lowers[k] for k in range(i, end) if not _in(parts, k)]
            named_rest = any(w not in units for w in rest)  # "Benue State" is Benue, "Wadi Abu X" is not Wadi
            if (
                whole
                and parts
                and named_rest
                and not any(covered[k] for k in range(i, end) if not _in(parts, k))
            ):
                for m in parts:  # "Wadi" and "Abu" of "Wadi Abu Khanajer", one place by spaCy's reading
                    matches.remove(m)
                for k in range(i, end):
                    covered[k] = False
            if (view.ent_label[i] or "") in _MISREAD_LABELS - {"PERSON"} and not any(covered[i:end]):
                before = len(matches)
                add(i, end)  # "Mohammad Khan, Kandahar" (a PERSON) is left out
                if len(matches) > before:
                    matches[-1].evidence.add("address")
        i = end


def anchor_unknown(view: TokenView, matches: list[PlaceNameMatch], lexicon: PlaceLexicon) -> None:
    """Accept each unknown name the text places (a place label, a unit word, a locative
    preposition) and links to the accepted place right after it; ``container`` becomes that place.
    So too a known name nothing else made a place, whatever spaCy read it as ("in Ishaqi, a town
    north of Baghdad" with Ishaqi read as a people).
    Other unknown names stay rejected, and so do names of buildings and bodies ("the Iranian
    Embassy", "the Forestry Department"; spaCy's facilities and organisations without a unit word).
    A people's adjective before the name is no part of it ("the Shiite Karadah neighbourhood").
    Runs right to left, so a chain of unknown names ("X village, Y district, Z province") holds."""
    not_names = (lexicon.institution_words | lexicon.org_words | _BODY_WORDS) - lexicon.units.keys()
    for idx in range(len(matches) - 1, -1, -1):
        m = matches[idx]
        known = m.kind == "exact" and m.rejected == NO_PLACE_CONTEXT
        if m.state != REJECT or not (known or m.rejected in (NOT_IN_GAZETTEER, _TOO_FAR)) or m.possessive:
            continue
        if "unit" not in m.evidence and not (
            m.label in _PLACE_NAME_LABELS
            or (m.preposition is not None and (known or (m.label or "") in _MISREAD_LABELS))
        ):
            continue
        if any(w in not_names for w in view.lowers[m.start : m.end]) or not (
            known or _without_people(view, m, lexicon)
        ):
            continue
        surface = view.surface(m)
        if surface.isupper() and len(surface) <= _ACRONYM_LETTERS:
            continue  # "a former MLA in Phubani town": an acronym, no village
        anchor = next((o for o in matches[idx + 1 :] if o.start >= m.end), None)
        if anchor is None or anchor.state != ACCEPT or view.sent[anchor.start] != view.sent[m.start]:
            continue
        if not _linked(view, m.text_end, anchor.text_start if anchor.text_start >= 0 else anchor.start):
            continue
        if "address" in m.evidence and not _continues(view, anchor, matches):
            continue  # "Ahmad Khan, Kabul police chief": only an address of three links or more
        m.state, m.rejected, m.kind = ACCEPT, None, m.kind if known else "unknown"
        if not known:  # a known name keeps its readings: "a town north of Baghdad" lies outside it
            m.container = m.container or view.surface(anchor)
        m.evidence.add("container")


def _in(matches: list[PlaceNameMatch], k: int) -> bool:
    return any(m.start <= k < m.end for m in matches)


def _continues(view: TokenView, anchor: PlaceNameMatch, matches: list[PlaceNameMatch]) -> bool:
    """Is ``anchor`` followed by a comma and another accepted place (an address goes on)?"""
    end = anchor.text_end if anchor.text_end >= 0 else anchor.end
    return (
        end < view.n
        and view.texts[end] == ","
        and any(o.start == end + 1 and o.state == ACCEPT for o in matches)
    )


def _without_people(view: TokenView, m: PlaceNameMatch, lexicon: PlaceLexicon) -> bool:
    """Drop the people's adjectives ("Shiite", "Christian") that open ``m``; False if nothing is left."""
    start = m.start
    while start < m.end and (view.ent_label[start] == "NORP" or view.lowers[start] in lexicon.demonyms):
        start += 1
    if start == m.end:
        return False
    if start > m.start:
        m.text_start = max(m.text_start, start) if m.text_start == m.start else m.text_start
        m.start, m.key = start, view.span_key(start, m.end)
    return bool(m.key)


def _drop_partial(matches: list[PlaceNameMatch], covered: list[bool], start: int, end: int) -> None:
    """Drop the name that is only the first words of the name ``[start, end)`` before a unit word
    ("Sana" of "Sana Bharandi village": no Sanaa), when no other name covers the rest."""
    inner = [m for m in matches if start <= m.start and m.end <= end]
    if len(inner) == 1 and inner[0].start == start and inner[0].end < end and inner[0].kind == "exact":
        matches.remove(inner[0])
        for k in range(start, end):
            covered[k] = False


def _name_token(view: TokenView, k: int, stop: int) -> bool:
    """Token ``k`` may be part of a name that runs up to (or from) token ``stop``, in one sentence."""
    return (
        view.name_like[k]
        and view.sent[k] == view.sent[stop]
        and not (k == 0 or view.sent[k - 1] != view.sent[k])
    )


def _linked(view: TokenView, end: int, start: int) -> bool:
    """Do the words between token ``end`` and token ``start`` link a name to the place after it
    (", near", "in the", ", a village in", "which is south of")?"""
    words = view.lowers[end:start]
    return len(words) <= _MAX_LINK_TOKENS and link_words(words)


def link_words(words: Sequence[str]) -> bool:
    """Are ``words`` (lower case, punctuation as words of its own) only words that may stand between
    a name and the place that locates it, one of them stating the link?"""
    return all(w in _LINK_WORDS or _COMPASS_ADJECTIVE.fullmatch(w) for w in words) and any(
        w in _LINKING for w in words
    )
