"""Pronoun-free coreference for people, and the titles and roles a text gives them.

* :func:`cluster_persons` groups the person names of a document: "Mohammad Umer Daudzai" and "Umer
  Daudzai" are one person; a surname alone ("Karzai") joins the nearest earlier full name ending with it.
* :func:`link_surnames` finds surnames the entity recogniser missed ("Pakistani PM Sharif", "Karzai's").
* :func:`link_speakers` sets the ``speaker`` of quotes and the ``source`` of attributions.
* :func:`role_facts` reads titles before a name ("Pakistani Prime Minister Nawaz Sharif", "Afghan
  Foreign Ministry spokesperson Ahmad Shakib Mustaghni") and appositions after it ("Gul Ahmad Azimi, a
  senator from Farah") as role facts with their evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from dateline.actors.nominal import ActorLexicon
from dateline.nlp.doc_cache import tokens_of
from dateline.nlp.extensions import get_list
from dateline.text import normalise

__all__ = [
    "Person",
    "PersonMention",
    "RoleFact",
    "cluster_persons",
    "link_speakers",
    "link_surnames",
    "name_words",
    "role_facts",
]

_POSSESSIVE = ("'s", "’s", "'", "’")
_LINKS = frozenset({"of", "for", "in", "at", "with", "from", "to"})
_PLACE_LINKS = frozenset({"from", "in", "at"})  # "a senator from Farah": a place, kept as text
_DETERMINERS = frozenset({"a", "an", "the"})
_STOPS = frozenset(
    {",", ".", ";", ":", "--", "—", "–", "(", ")", "“", "”", '"', "‘", "’", "who", "which", "that"}
)
_MAX_APPOSITION = 12
_MAX_WINDOW = 12


@dataclass(slots=True)
class PersonMention:
    """A person's name at tokens ``start``:``end``; ``words`` is the name without titles."""

    start: int
    end: int
    words: tuple[str, ...]
    actor_id: str | None = None  # a registry id, when the registry knows the name


@dataclass(slots=True)
class Person:
    """One person of the document: every mention of them and the fullest name seen."""

    mentions: list[PersonMention] = field(default_factory=list)
    actor_id: str | None = None

    @property
    def words(self) -> tuple[str, ...]:
        return max(self.mentions, key=lambda m: len(m.words)).words

    @property
    def name(self) -> str:
        return " ".join(self.words)

    @property
    def surname(self) -> str:
        return normalise(self.words[-1]) if self.words else ""

    def add(self, mention: PersonMention) -> None:
        self.mentions.append(mention)
        if self.actor_id is None and mention.actor_id is not None:
            self.actor_id = mention.actor_id


@dataclass(frozen=True, slots=True)
class RoleFact:
    """``person`` (a token span of a person mention) holds ``role`` of ``of``: an actor id, or text."""

    person_start: int
    role: str
    of: str | None
    of_is_actor: bool
    country: str | None
    span: tuple[int, int]  # characters


def name_words(doc: Doc, start: int, end: int, lexicon: ActorLexicon) -> tuple[int, tuple[str, ...]]:
    """Where the name itself starts and its words: titles ("Gen.", "President") and possessives dropped."""
    while start < end - 1 and normalise(doc[start].text) in lexicon.name_titles:
        start += 1
    words = [t.text for t in doc[start:end] if t.text not in _POSSESSIVE and (t.is_alpha or "." in t.text)]
    return start, tuple(w.rstrip(".") if len(w) > 2 else w for w in words)


def cluster_persons(mentions: Sequence[PersonMention]) -> list[Person]:
    """Group mentions (in document order) into people; surname-only mentions join the nearest earlier
    full name ending with that surname, else a later one if it is the only one."""
    people: list[Person] = []
    pending: list[PersonMention] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        if not mention.words:
            continue
        target = _find(people, mention)
        if target is None and len(mention.words) == 1 and mention.actor_id is None:
            pending.append(mention)
            continue
        if target is None:
            target = Person()
            people.append(target)
        target.add(mention)
    for mention in pending:
        target = _find(people, mention, anywhere=True)
        if target is None:
            target = Person()
            people.append(target)
        target.add(mention)
    return people


def _find(people: list[Person], mention: PersonMention, anywhere: bool = False) -> Person | None:
    words = {normalise(w) for w in mention.words}
    last = normalise(mention.words[-1])
    best: tuple[int, Person] | None = None
    for person in people:
        if mention.actor_id and person.actor_id and mention.actor_id != person.actor_id:
            continue
        if mention.actor_id and person.actor_id == mention.actor_id:
            return person
        theirs = {normalise(w) for w in person.words}
        if person.surname != last or not (words <= theirs or theirs <= words):
            continue
        if len(words) == 1 and len(theirs) == 1 and not anywhere:
            continue
        distance = min((abs(mention.start - m.start) for m in person.mentions), default=0)
        before = any(m.start < mention.start for m in person.mentions)
        rank = distance if before else distance + 1_000_000
        if best is None or rank < best[0]:
            best = (rank, person)
    return best[1] if best else None


def link_surnames(
    doc: Doc, people: Sequence[Person], covered: Callable[[int], bool], lexicon: ActorLexicon
) -> list[tuple[Person, int]]:
    """Tokens that repeat the surname of a person named in full and that no other mention covers."""
    by_surname: dict[str, list[Person]] = {}
    for person in people:
        if len(person.words) > 1:
            by_surname.setdefault(person.surname, []).append(person)
    if not by_surname:
        return []
    found: list[tuple[Person, int]] = []
    n = len(doc)
    for token in tokens_of(doc):
        if covered(token.i) or not token.is_alpha or not token.text[0].isupper():
            continue
        candidates = by_surname.get(token.lower_)
        if not candidates:
            continue
        if _in_other_name(doc, token, n, lexicon):
            continue
        person = min(candidates, key=lambda p: _distance(p, token.i))
        found.append((person, token.i))
    return found


def _distance(person: Person, i: int) -> int:
    before = [i - m.start for m in person.mentions if m.start < i]
    return min(before) if before else 1_000_000 + min(abs(m.start - i) for m in person.mentions)


def _in_other_name(doc: Doc, token: Token, n: int, lexicon: ActorLexicon) -> bool:
    """ "Sharif" in "Shahbaz Sharif" belongs to another name; in "PM Sharif" it does not."""
    if token.i + 1 < n:
        after = doc[token.i + 1]
        if after.is_alpha and after.text[0].isupper() and not after.is_sent_start:
            return True
    if token.i > 0 and not token.is_sent_start:
        before = doc[token.i - 1]
        key = normalise(before.text)
        if before.is_alpha and before.text[0].isupper() and key not in lexicon.name_titles:
            return key not in lexicon.titles and lexicon.country_of(before.text) is None
    return False


# --- roles --------------------------------------------------------------------------------------------


def role_facts(
    doc: Doc,
    persons: Sequence[tuple[int, int]],
    actor_at: Callable[[int], tuple[str, str | None] | None],
    lexicon: ActorLexicon,
) -> list[RoleFact]:
    """Titles before each person mention and appositions after it, as role facts.

    ``persons``: token spans of person mentions; ``actor_at(i)``: (actor id, country code) of the
    other actor mention covering token ``i``, if any.
    """
    facts: list[RoleFact] = []
    for start, end in persons:
        facts.extend(_titles_before(doc, start, end, actor_at, lexicon))
        fact = _apposition(doc, start, end, actor_at, lexicon)
        if fact is not None:
            facts.append(fact)
    return facts


def _title_at(doc: Doc, i: int, limit: int, lexicon: ActorLexicon) -> int:
    """The width (0, 1 or 2 tokens) of a title starting at token ``i``."""
    if i + 1 < limit and normalise(f"{doc[i].text} {doc[i + 1].text}") in lexicon.titles:
        return 2
    return 1 if normalise(doc[i].text) in lexicon.titles else 0


def _role(doc: Doc, start: int, width: int, floor: int, actor_at: Callable, lexicon: ActorLexicon) -> str:
    first = start
    while first - 1 >= floor and normalise(doc[first - 1].text) in lexicon.title_modifiers:
        if actor_at(first - 1) is not None:
            break
        first -= 1
    words = [normalise(t.text) for t in doc[first : start + width]]
    title = " ".join(words[-width:])
    words[-width:] = [lexicon.title_aliases.get(title, title)]
    return " ".join(w for w in words if w not in lexicon.past_modifiers)


def _titles_before(
    doc: Doc, start: int, end: int, actor_at: Callable, lexicon: ActorLexicon
) -> list[RoleFact]:
    first = start
    while first > 0 and start - first < _MAX_WINDOW:
        tok = doc[first - 1]
        if tok.is_sent_end or (first < len(doc) and doc[first].is_sent_start and first != start):
            break
        key = normalise(tok.text)
        allowed = (
            actor_at(first - 1) is not None
            or key in lexicon.titles
            or key in lexicon.title_modifiers
            or key in _LINKS
            or key == "the"
            or tok.text in _POSSESSIVE
            or lexicon.country_of(tok.text) is not None
            or (tok.is_alpha and normalise(f"{tok.text} {doc[first].text}") in lexicon.titles)
        )
        if not allowed:
            break
        first -= 1
    while first < start and (
        normalise(doc[first].text) in _LINKS | {"the"} or doc[first].text in _POSSESSIVE
    ):
        first += 1
    facts: list[RoleFact] = []
    i = first
    while i < start:
        width = _title_at(doc, i, start, lexicon) if actor_at(i) is None else 0
        if not width:
            i += 1
            continue
        role = _role(doc, i, width, first, actor_at, lexicon)
        of, is_actor, country = _whose(doc, first, i, i + width, start, actor_at, lexicon)
        span = (doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text))
        facts.append(RoleFact(start, role, of, is_actor, country, span))
        i += width
    return facts


def _whose(
    doc: Doc, lo: int, t_start: int, t_end: int, hi: int, actor_at: Callable, lexicon: ActorLexicon
) -> tuple[str | None, bool, str | None]:
    """Whose title it is: an actor named after "of"/"for" following the title, else the nearest actor
    before the title, else a country word in the window (its name as text)."""
    order: list[int] = []
    if t_end < hi and normalise(doc[t_end].text) in _LINKS:
        order.extend(range(t_end + 1, hi))
    order.extend(range(t_start - 1, lo - 1, -1))
    for i in order:
        found = actor_at(i)
        if found is not None:
            return found[0], True, found[1]
    for i in range(lo, hi):
        iso = lexicon.country_of(doc[i].text)
        if iso is not None:
            return lexicon.country_name(iso), False, iso
    return None, False, None


def _apposition(doc: Doc, start: int, end: int, actor_at: Callable, lexicon: ActorLexicon) -> RoleFact | None:
    """ "NAME, a senator from Farah" / "NAME, a spokesman for the Pakistani military"."""
    n = len(doc)
    if end + 2 >= n or doc[end].text != ",":
        return None
    i = end + 1
    if doc[i].lower_ in _DETERMINERS:
        i += 1
    lo = i
    parsed = doc.has_annotation("POS")
    while i < n and i - lo < _MAX_APPOSITION:
        tok = doc[i]
        if tok.text in _STOPS or tok.lower_ in _STOPS or tok.is_sent_start:
            break
        if parsed and tok.pos_ in ("VERB", "AUX") and actor_at(i) is None:
            break
        i += 1
    hi = i
    for k in range(lo, hi):
        width = _title_at(doc, k, hi, lexicon) if actor_at(k) is None else 0
        if not width:
            continue
        role = _role(doc, k, width, lo, actor_at, lexicon)
        of, is_actor, country = _whose(doc, lo, k, k + width, hi, actor_at, lexicon)
        after = k + width
        link = normalise(doc[after].text) if after < hi else ""
        if (link in _PLACE_LINKS or (link in _LINKS and not is_actor)) and after + 1 < hi:
            is_actor = False
            words = doc[after + 1 : hi]
            if words[0].lower_ == "the" and len(words) > 1:
                words = words[1:]
            of, country = words.text, lexicon.country_of(words.text) or country
        last = doc[hi - 1]
        return RoleFact(start, role, of, is_actor, country, (doc[start].idx, last.idx + len(last.text)))
    return None


# --- speakers ----------------------------------------------------------------------------------------


def link_speakers(
    doc: Doc,
    mentions: Mapping[str, Mapping[tuple[int, int], str]],
    kinds: Mapping[str, str],
    names: Mapping[str, str],
) -> None:
    """Set ``speaker`` on each ``doc._.dateline_quotes`` item and ``source`` on each attribution.

    ``mentions``: actor id -> {character span: text}. A speaker is the actor whose mention overlaps the
    quote's ``speaker_span`` (a person first, else the mention ending last: "Afghan Foreign Ministry
    spokesperson Ahmad Shakib Mustaghni" is the spokesperson), else the actor one of whose mentions or
    whose name is the speaker text.
    """
    spans = sorted((s, e, actor_id) for actor_id, found in mentions.items() for (s, e) in found)
    by_name: dict[str, str] = {}
    for actor_id, found in mentions.items():
        for text in found.values():
            by_name.setdefault(normalise(text), actor_id)
        by_name.setdefault(normalise(names[actor_id]), actor_id)

    def who(span: Sequence[int] | None, text: str | None) -> str | None:
        if span:
            s, e = span
            hits = [h for h in spans if h[0] < e and s < h[1]]
            if hits:
                people = [h for h in hits if kinds.get(h[2]) == "person"]
                return max(people or hits, key=lambda h: h[1])[2]
        return by_name.get(normalise(text)) if text else None

    for quote in get_list(doc, "dateline_quotes"):
        quote["speaker"] = who(quote.get("speaker_span"), quote.get("speaker_text"))
    for attribution in get_list(doc, "dateline_attributions"):
        attribution["source"] = who(attribution.get("source_span"), attribution.get("source_text"))
