"""Armed groups the registry does not know: descriptor groups and proper names with a group head word.

Two kinds of phrase name an armed group without the registry knowing it:

* **descriptor groups**, the way GTD and the press name perpetrators they cannot identify further: an
  ethnic, religious, ideological or national modifier with a group noun ("Fulani extremists",
  "Shia Muslim extremists", "left-wing extremists", "Tiv militia", "Iran-backed militia", "Israeli
  settlers"), or a noun that names a movement on its own ("Maoists", "separatists", "anarchists");
* **proper names** whose last word is a group head ("the Red Dawn Brigades", "X Liberation Front")
  or that carry a word only armed groups use ("Liberation", "Resistance", "Mujahideen").

A descriptor group keeps the text's wording, its head noun in the plural ("a Palestinian extremist"
names the group "Palestinian extremists"). A nationality alone makes a group only with heads that are
never the state's own ("Israeli settlers", "Palestinian extremists"); "Somali militants" stays the
nominal rules' Unidentified Armed Group. A plain plural ("farmers", "students", "militants") is never
a descriptor group. The words are data: the ``groups`` table of ``nominal.json``.
This module is pure token logic over a spaCy ``Doc``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from dateline.nlp.doc_cache import children_of, tokens_of
from dateline.text import normalise

__all__ = [
    "DescriptorMatch",
    "GroupRules",
    "claims_responsibility",
    "find_claimants",
    "find_self_named",
    "names_itself",
    "described_as_armed_group",
    "find_described_groups",
    "find_descriptor_groups",
    "find_group_names",
    "name_end",
    "name_start",
]

_HYPHENS = frozenset({"-", "‐", "‑"})
_QUOTES = frozenset({"'", '"', "‘", "’", "“", "”", "`", "``", "''"})


@dataclass(frozen=True, slots=True)
class DescriptorMatch:
    """A descriptor group at tokens ``start``:``end`` with its name, country and ACLED inter code."""

    start: int
    end: int
    name: str
    country_code: str | None
    acled_inter: int | None


@dataclass(frozen=True, slots=True)
class GroupRules:
    """The ``groups`` table of the actor lexicon, compiled for lookups."""

    heads: Mapping[str, str]  # head noun -> its plural ("extremist" -> "extremists")
    national_heads: frozenset[str]  # heads a nationality alone may modify
    bare_heads: frozenset[str]  # heads that name a group alone ("maoists")
    modifiers: Mapping[str, int]  # modifier (hyphenated compounds joined: "left-wing") -> ACLED inter
    link_words: frozenset[str]  # "X-backed", "X-linked": X is a country or a group
    prefix_words: frozenset[str]  # "anti-X", "pro-X"
    name_heads: frozenset[str]  # last words of armed groups' proper names ("brigades", "front")
    name_markers: frozenset[str]  # words only armed groups' names use ("liberation", "mujahideen")
    not_groups: frozenset[str]  # words that make a name no armed group ("party", "ministry")
    described_armed: frozenset[str] = frozenset()  # "X, a separatist group,": X is an armed group
    member_words: frozenset[str] = frozenset()  # "Fighters of the Red Hills Front": the front's members

    @classmethod
    def from_data(cls, data: Mapping[str, Any] | None) -> GroupRules:
        data = data or {}
        heads: dict[str, str] = {}
        for plural, singulars in (data.get("heads") or {}).items():
            heads[plural.lower()] = plural.lower()
            for singular in singulars:
                heads[singular.lower()] = plural.lower()
        modifiers: dict[str, int] = {}
        for _category, table in (data.get("modifiers") or {}).items():
            inter = int(table.get("acled_inter") or 3)
            for word in table.get("words", ()):
                modifiers.setdefault(word.lower(), inter)

        def words(key: str) -> frozenset[str]:
            return frozenset(w.lower() for w in data.get(key, ()))

        return cls(
            heads=heads,
            national_heads=words("national_heads"),
            bare_heads=words("bare_heads"),
            modifiers=modifiers,
            link_words=words("link_words"),
            prefix_words=words("prefix_words"),
            name_heads=frozenset(normalise(w) for w in data.get("name_heads", ())),
            name_markers=frozenset(normalise(w) for w in data.get("name_markers", ())),
            not_groups=frozenset(normalise(w) for w in data.get("not_group_words", ())),
            described_armed=words("described_armed"),
            member_words=words("member_words"),
        )

    def is_group_name(self, words: Iterable[str]) -> bool:
        """Whether a proper name is an armed group's: a group head or a marker word ("People's Fighters
        Group"), and no word of a party, ministry or company ("Liberation Front" yes, "Liberation
        Party" no)."""
        keys = [normalise(w) for w in words if any(c.isalpha() for c in w)]
        if not keys or any(k in self.not_groups for k in keys):
            return False
        return any(k in self.name_heads or k in self.name_markers for k in keys)


#: Small words inside a group's proper name, between two of its capitalised words ("Soldiers of the
#: Prophet's Companions", "Caravana Iconoclasta por el Libre Alberio", "Bayt al-Maqdis Brigades").
_NAME_JOINERS = frozenset({
    "of", "for", "the", "al", "el", "ul", "ad", "an", "as", "ash", "at", "wa", "wal", "fi", "bin", "ibn",
    "de", "del", "la", "las", "los", "le", "les", "por", "para", "do", "da", "dos", "das", "des", "du", "di",
    "della", "'s", "’s",
})  # fmt: skip
#: ... and words that join a country to a name the text presents as one ("Al-Thabeton in Egypt").
_COUNTRY_JOINERS = frozenset({"of", "in"})
_LONGEST_JOIN = 3  # small words and hyphens in a row inside a name ("of the", "al -")


def _name_word(token: Token) -> bool:
    """A capitalised word of a proper name ("Youth", "ETA", "QaÕidat")."""
    capitalised = token.is_alpha and token.text[0].isupper()
    return capitalised or (token.text[:1].isupper() and token.text.endswith("-"))  # "Thessaloniki- Athens"


def _joins(token: Token, joiners: frozenset[str] | set[str]) -> bool:
    """A small word or a hyphen that may stand between two words of one name."""
    if token.lower_ in joiners or token.text in _HYPHENS:
        return True
    # an izafe or article written on a hyphen: "Cherikha-ye Fadayee", "Thessaloniki- Athens"
    before = token.nbor(-1) if token.i > 0 else None
    return (
        before is not None and before.text in _HYPHENS and not before.whitespace_
        and token.is_lower and token.is_alpha and len(token) <= 3
    )  # fmt: skip


def _opens_sentence(token: Token) -> bool:
    """A sentence's first word; never one after a word that ends on a hyphen ("Thessaloniki- Athens")."""
    return token.is_sent_start and not (token.i > 0 and token.nbor(-1).text.endswith("-"))


def name_end(
    doc: Doc,
    start: int,
    blocked: Iterable[int] = (),
    country_of: Callable[[str], str | None] | None = None,
    joiners: frozenset[str] | set[str] = _NAME_JOINERS,
) -> int:
    """The end of the proper name whose first word is token ``start``: its capitalised words and the
    small words and hyphens between them ("the Soldiers of the Prophet's Companions claimed" ->
    "Soldiers of the Prophet's Companions"). With ``country_of``, "of"/"in" and a country stay in the
    name (the text presents it as one name: "a group called Al-Thabeton in Egypt")."""
    blocked = set(blocked)
    end, n = start + 1, len(doc)
    while end < n:
        if _name_word(doc[end]) and end not in blocked and not _opens_sentence(doc[end]):
            end += 1
            continue
        k = end
        if doc[k].lower_ != "the":  # "the" joins only after another small word ("of the", "for the")
            while (
                k < n and k - end < _LONGEST_JOIN and _joins(doc[k], joiners) and not _opens_sentence(doc[k])
            ):
                k += 1
        if k > end and k < n and _name_word(doc[k]) and k not in blocked and not _opens_sentence(doc[k]):
            end = k + 1
            continue
        if country_of is not None and doc[end].lower_ in _COUNTRY_JOINERS and end + 1 < n:
            country = doc[end + 1]
            if (
                country.is_title
                and country_of(country.text)
                and not (end + 2 < n and _name_word(doc[end + 2]))
            ):
                end += 2
        break
    return end


def name_start(
    doc: Doc, end: int, blocked: Iterable[int] = (), joiners: frozenset[str] | set[str] = _NAME_JOINERS
) -> int:
    """The first word of the proper name whose last word is token ``end`` (its capitalised words and
    the small words and hyphens between them, leftwards)."""
    blocked = set(blocked)
    start = end
    j = end - 1
    while j >= 0 and j not in blocked and not _opens_sentence(doc[j + 1]):
        if _name_word(doc[j]):
            start, j = j, j - 1
            continue
        k = j
        while k >= 0 and j - k < _LONGEST_JOIN and k not in blocked and _joins(doc[k], joiners):
            k -= 1
        run = doc[k + 1 : j + 1]
        if len(run) > 1 and any(t.lower_ == "and" for t in run):
            break  # "and" joins two words of a name alone ("Autonomous and Destructive Forces")
        if k < j and k >= 0 and k not in blocked and _name_word(doc[k]) and not _opens_sentence(doc[k + 1]):
            start, j = k, k - 1
            continue
        break
    while start < end and (
        doc[start].lower_ in joiners or not doc[start].is_alpha or _sentence_opener(doc[start])
    ):
        start += 1
    return start


def _is_noun(doc: Doc, i: int, parsed: bool) -> bool:
    token = doc[i]
    if not parsed:
        return True
    return token.pos_ in ("NOUN", "PROPN") or (token.pos_ == "VERB" and token.tag_ == "NNS")


def _ends_phrase(doc: Doc, i: int, parsed: bool, heads: Mapping[str, str]) -> bool:
    """Token ``i`` is not a modifier of a following noun ("militia leader", "separatist movement")."""
    if i + 1 >= len(doc):
        return True
    nxt = doc[i + 1]
    if parsed:
        token = doc[i]
        return not (token.dep_ in ("compound", "amod", "nmod") and token.head.i > i)
    return not nxt.is_alpha or nxt.is_stop or nxt.lower_ not in heads and not nxt.is_title


def _unit_before(doc: Doc, j: int) -> tuple[int, str] | None:
    """The word ending at token ``j``, with hyphenated compounds joined: ("left-wing", start token)."""
    if j < 0 or not doc[j].is_alpha:
        return None
    start, text = j, doc[j].lower_
    while start >= 2 and doc[start - 1].text in _HYPHENS and doc[start - 2].is_alpha:
        if doc[start - 2].whitespace_ or doc[start - 1].whitespace_:
            break
        start -= 2
        text = f"{doc[start].lower_}-{text}"
    return start, text


def find_descriptor_groups(
    doc: Doc,
    rules: GroupRules,
    country_of: Callable[[str], str | None],
    blocked: Iterable[int],
    fallback: Callable[..., str | None],
) -> list[DescriptorMatch]:
    """Every descriptor group in ``doc`` (see the module docstring).

    ``country_of(text)`` is the country a word names ("Israeli" -> IL), ``blocked`` the tokens of
    names already found (a registry name before the head makes the phrase that actor's), and
    ``fallback(i, (start, end))`` the country of a phrase from the context of its head token ``i``,
    leaving out the phrase's own tokens ("Iran-backed militia" in Iraq is Iraq's).
    """
    blocked = set(blocked)
    parsed = doc.has_annotation("DEP")
    found: list[DescriptorMatch] = []
    for token in tokens_of(doc):
        low = token.lower_
        i = token.i
        plural = rules.heads.get(low)
        if plural is None or i in blocked or not _is_noun(doc, i, parsed):
            continue
        if not _ends_phrase(doc, i, parsed, rules.heads):
            continue
        start, inter, national, descriptive = i, None, None, False
        j = i - 1
        if j >= 0 and j in blocked:
            continue  # "Taliban militants": the registry actor's own fighters
        while j >= 0 and j not in blocked:
            unit = _unit_before(doc, j)
            if unit is None:
                break
            first, word = unit
            parts = word.split("-")
            if first > 0 and doc[first - 1].is_alpha and f"{doc[first - 1].lower_} {word}" in rules.modifiers:
                first, word = (
                    first - 1,
                    f"{doc[first - 1].lower_} {word}",
                )  # "conspiracy theory", "Niger Delta"
            if word in rules.modifiers:
                inter, descriptive = inter or rules.modifiers[word], True
            elif len(parts) == 2 and parts[1] in rules.link_words and doc[first].is_title:
                inter, descriptive = inter or 3, True  # "Iran-backed", "Hamas-linked"
            elif len(parts) >= 2 and parts[0] in rules.prefix_words and doc[first + 2].is_alpha:
                inter, descriptive = inter or 3, True  # "anti-government", "pro-Russian"
            elif len(parts) == 1 and doc[first].is_title and country_of(doc[first].text):
                national = national or country_of(doc[first].text)
            else:
                break
            start, j = first, first - 1
        bare = start == i and low in rules.bare_heads
        if not (descriptive or bare or (national and plural in rules.national_heads)):
            continue
        if not descriptive and not bare and start > 0 and doc[start - 1].lower_ in rules.link_words:
            continue
        words = [t.text_with_ws for t in doc[start:i]]
        name = "".join(words) + (plural if token.text.islower() else plural.capitalize())
        if token.is_upper:
            name = "".join(words) + plural.upper()
        country = national if national and not descriptive else fallback(i, (start, i))
        if national and descriptive and not any(w in rules.link_words for w in name.lower().split("-")):
            country = national
        found.append(DescriptorMatch(start, i + 1, name, country, inter or (2 if bare else 3)))
    return found


def _sentence_opener(token: Token) -> bool:
    """A capitalised first word of a sentence that is no part of a name ("Yesterday", "Later")."""
    if not token.is_sent_start:
        return False
    return token.is_stop or (token.doc.has_annotation("TAG") and token.pos_ not in ("PROPN", "NOUN"))


def claims_responsibility(doc: Doc, start: int, end: int) -> bool:
    """Whether the name at tokens ``start``:``end`` claims an attack: the subject of "claim", or the
    agent of "claimed by"."""
    if not doc.has_annotation("DEP"):
        return False
    root = doc[start:end].root
    head = root.head
    if root.dep_ in ("nsubj", "nsubjpass") and head.lemma_ == "claim":
        return True
    return root.dep_ == "pobj" and head.lower_ == "by" and head.head.lemma_ == "claim"


def find_claimants(doc: Doc, blocked: Iterable[int]) -> list[tuple[int, int]]:
    """Proper names that claim an attack ("the Sons of the Delta claimed responsibility", "claimed by
    the X") and that no other reading took: the subject or agent of "claim" with its "of the Y" tail."""
    if not doc.has_annotation("DEP"):
        return []
    blocked = set(blocked)
    found: list[tuple[int, int]] = []
    for verb in tokens_of(doc):
        if verb.lemma_ != "claim" or verb.pos_ != "VERB":
            continue
        for child in children_of(verb):
            root = child
            if child.dep_ == "agent":
                root = next((c for c in children_of(child) if c.dep_ == "pobj"), child)
            elif child.dep_ != "nsubj":
                continue
            if root.i in blocked or not root.is_title or root.pos_ != "PROPN":
                continue
            start = name_start(doc, root.i, blocked, _NAME_JOINERS | {"and"})  # "X Autonomous and Y Forces"
            end = name_end(doc, root.i, blocked)
            if not any(i in blocked for i in range(start, end)):
                found.append((start, end))
    return found


#: Words before a name that say a group names itself so ("a group calling itself the Akko Youth").
_ITSELF_CUES = (
    ("calling", "itself"), ("calls", "itself"), ("called", "itself"), ("styling", "itself"),
    ("referring", "to", "itself", "as"), ("refers", "to", "itself", "as"), ("identifying", "itself", "as"),
    ("identifies", "itself", "as"), ("identified", "itself", "as"), ("described", "itself", "as"),
    ("describing", "itself", "as"), ("describes", "itself", "as"),
)  # fmt: skip
#: ... and words that name a group when a group noun stands just before them ("militants identified
#: as Iduwini Youths", "a faction known as the Red Hand").
_NAMING_CUES = (
    ("identified", "as"), ("known", "as"), ("called",), ("named",), ("under", "the", "name", "of"),
    ("under", "the", "name"), ("by", "the", "name", "of"),
)  # fmt: skip
_GROUP_NOUNS = frozenset({
    "group", "groups", "faction", "outfit", "organisation", "organization", "cell", "movement", "militants",
    "militia", "front", "unit", "band", "gang", "network", "brigade", "wing", "rebels", "insurgents",
})  # fmt: skip


def described_as_armed_group(doc: Doc, start: int, end: int, rules: GroupRules) -> bool:
    """Whether the name at tokens ``start``:``end`` has an apposition that calls it an armed group
    ("South Maluku Republic (RMS), a Christian separatist group, ...") or stands between a word of
    arms and a group noun ("the Islamist Forest Brothers group")."""
    if end < len(doc) and _described_before(doc, doc[end], rules, set()) == (start, end):
        return True  # "the Islamist Forest Brothers group"
    if not doc.has_annotation("DEP"):
        return False
    root = doc[start:end].root
    for noun in children_of(root):
        if (
            noun.dep_ == "appos" and noun.i > root.i and noun.lower_ in _GROUP_NOUNS
            and any(t.lower_ in rules.described_armed for t in doc[noun.left_edge.i : noun.i])
        ):  # fmt: skip
            return True
    return False


def _described_before(doc: Doc, noun: Token, rules: GroupRules, blocked: set[int]) -> tuple[int, int] | None:
    """The name between a word of arms and a group noun: "the Islamist Forest Brothers group", "the
    separatist Red Hand movement" (the name's tokens), else None."""
    if not noun.is_lower or noun.lower_ not in _GROUP_NOUNS:
        return None
    start = noun.i
    while start > 0 and _name_word(doc[start - 1]) and doc[start - 1].lower_ not in rules.described_armed:
        start -= 1
    if start == noun.i or start == 0 or doc[start - 1].lower_ not in rules.described_armed:
        return None
    return None if any(i in blocked for i in range(start, noun.i)) else (start, noun.i)


def find_described_groups(doc: Doc, rules: GroupRules, blocked: Iterable[int]) -> list[tuple[int, int]]:
    """Proper names an apposition calls an armed group ("South Maluku Republic (RMS), a Christian
    separatist group, is suspected ...") or that stand between a word of arms and a group noun ("the
    Islamist Forest Brothers group") that no other reading took."""
    if not doc.has_annotation("DEP"):
        return []
    blocked = set(blocked)
    found: list[tuple[int, int]] = []
    for token in tokens_of(doc):
        described = _described_before(doc, token, rules, blocked)
        if described is not None:  # "the Islamist Forest Brothers group"
            found.append(described)
            continue
        head = token.head
        if token.dep_ != "appos" or token.lower_ not in _GROUP_NOUNS or head.i > token.i or head.i in blocked:
            continue
        if not _name_word(head) or not described_as_armed_group(doc, head.i, head.i + 1, rules):
            continue
        start = name_start(doc, head.i, blocked, _NAME_JOINERS | {"and"})
        if start <= head.i:
            found.append((start, head.i + 1))
    return found


def names_itself(doc: Doc, start: int) -> bool:
    """Whether the name starting at token ``start`` is one a group is told to go by (it follows a cue
    of self-naming)."""
    j = start
    for skipped in (_QUOTES, {"the"}, _QUOTES):  # "calling itself the 'Knights of the Torched Bank'"
        while j > 0 and doc[j - 1].lower_ in skipped:
            j -= 1
    before = [t.lower_ for t in doc[max(0, j - 4) : j]]
    if any(tuple(before[-len(cue) :]) == cue for cue in _ITSELF_CUES):
        return True
    for cue in _NAMING_CUES:
        if tuple(before[-len(cue) :]) == cue:
            k = j - len(cue)
            return any(t.lower_ in _GROUP_NOUNS for t in doc[max(0, k - 3) : k] if t.lower_ != ",")
    return False


def find_self_named(
    doc: Doc, blocked: Iterable[int], country_of: Callable[[str], str | None] = lambda _: None
) -> list[tuple[int, int]]:
    """Proper names a group is told to go by ("a group referring to itself as the Akko Youth",
    "Ijaw militants identified as Iduwini Youths") that no other reading took. Such a name runs to
    its last capitalised word, over a country after "of"/"in" ("a group called Al-Thabeton in Egypt")."""
    blocked = set(blocked)
    found: list[tuple[int, int]] = []
    for token in tokens_of(doc):
        i = token.i
        if (
            i in blocked
            or not _name_word(token)
            or (i > 0 and _name_word(doc[i - 1]))
            or not names_itself(doc, i)
        ):
            continue
        end = name_end(doc, i, blocked, country_of)
        if not any(k in blocked for k in range(i, end)):
            found.append((i, end))
    return found


def find_group_names(doc: Doc, rules: GroupRules, blocked: Iterable[int]) -> list[tuple[int, int]]:
    """Proper names ending in a group head word that no other reading took: "the Red Dawn Brigades",
    "Ambazonia Restoration Forces". The name runs left over capitalised words and the small words
    inside names ("of", "for", "the", "al-")."""
    blocked = set(blocked)
    joiners = _NAME_JOINERS | {"and"}
    found: list[tuple[int, int]] = []
    for token in tokens_of(doc):
        i = token.i
        if i in blocked or not token.is_title or normalise(token.text) not in rules.name_heads:
            continue
        start = name_start(doc, i, blocked, joiners)
        while start < i and doc[start].lower_ in rules.member_words and doc[start + 1].lower_ == "of":
            start += 2  # "Fighters of the Red Hills Front": members of the front
            while start < i and doc[start].lower_ in joiners:
                start += 1
        if start == i:
            continue
        words = [t.text for t in doc[start : i + 1]]
        if rules.is_group_name(words):
            found.append((start, i + 1))
    return found
