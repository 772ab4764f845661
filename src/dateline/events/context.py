"""What the event reader needs to know about a ``Doc``: mentions by token, and walks over the parse.

:class:`MentionIndex` maps tokens to the places, actors, quantities and dates the other components
found (their character spans, turned into token positions once per document). The functions below
are the small syntactic walks that argument linking shares: the subject a verb inherits through
control and raising ("Daesh is believed to have been successful in establishing ..."), the object of
a verb or an event noun, and the neighbourhood a trigger's conditions read.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from dateline.nlp.doc_cache import children_of, text_of, tokens_of
from dateline.nlp.extensions import get_list

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# dependencies along which a verb without its own subject takes one from the verb above it
_INHERIT = frozenset({"xcomp", "conj", "advcl", "pcomp", "prep", "acomp", "ccomp", "acl", "oprd"})
_RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
OBJECTS = frozenset({"dobj", "obj", "attr", "oprd"})
#: Compass words that, before "of", make the next place a reference point ("20 km south of Baghdad").
_COMPASS_WORDS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
    | {"north-east", "north-west", "south-east", "south-west"}
)


@dataclass(frozen=True, slots=True)
class IndexedMention:
    """One mention of a place, actor, quantity or date, with its token range and its record dict."""

    start: int  # first token
    end: int  # one past the last token
    start_char: int
    end_char: int
    kind: str  # "place" | "actor" | "quantity" | "date"
    record: dict[str, Any]
    route: bool = False  # a place named as the end of a road, bridge or crossing, which events are near


class MentionIndex:
    """Places, actors, quantities and dates of a ``Doc``, looked up by token."""

    def __init__(self, doc: Doc, *, excluded_spans: Iterable[tuple[int, int]] = ()) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self._starts = [t.idx for t in tokens_of(doc)]
        self._by_token: dict[int, list[IndexedMention]] = {}
        excluded = list(excluded_spans)
        self.places = self._add_records(get_list(doc, "dateline_places"), "place", excluded)
        self.actors = self._add_records(get_list(doc, "dateline_actors"), "actor", [])
        self.quantities = self._add_flat(get_list(doc, "dateline_quantities"), "quantity")
        self.dates = self._add_flat(get_list(doc, "dateline_dates"), "date")
        self.place_by_id = {m.record.get("id"): m.record for m in self.places}
        self.actor_by_id = {m.record.get("id"): m.record for m in self.actors}
        # sentences read once: ``doc[i].sent`` and ``span.root`` walk the sentence at every call
        self.sents: list[Span] = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        self.sent_of = [0] * len(doc)
        for k, sent in enumerate(self.sents):
            self.sent_of[sent.start : sent.end] = [k] * (sent.end - sent.start)
        self._roots: dict[int, Token] = {}
        self._subjects: dict[int, Token] | None = None
        self._subjects_or_agents: dict[int, Token] = {}
        self._kind_starts = {
            kind: [m.start for m in pool]
            for kind, pool in (
                ("place", self.places),
                ("actor", self.actors),
                ("quantity", self.quantities),
                ("date", self.dates),
            )
        }

    def coded_place(self, fields: dict[str, Any], place: dict[str, Any]) -> dict[str, Any]:
        """The place an event at ``place`` is coded at: the city around it when ``place`` is a quarter
        the text puts in a city ("the Mansour district of Baghdad"), as ACLED, GTD and RAND coders
        name the city; the quarter's place id is then kept in ``fields["sublocation"]``."""
        city = self.place_by_id.get(place.get("within") or "")
        if city is None:
            return place
        fields["sublocation"] = place.get("id")
        return city

    def reference_point(self, mention: Any) -> bool:
        """Is the place a point another place is placed from ("Mahmudiyah, south of Baghdad"), not where
        something happened?"""
        doc, start = self.doc, mention.start
        return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in _COMPASS_WORDS

    def finer_in_country(self, best: Any, sent: Span, rank: Callable[[Any], int | None]) -> Any:
        """Where in the country ``best`` an event happened, when the sentence says it ("forces of
        Azerbaijan located at Munjuglu, Tovuz"): the finest place of the sentence in that country by
        ``rank`` (``None``: not a place of the event), nearest ``best`` first; ``best`` itself when it
        is no country or the sentence names no place in it."""
        best = self.first_link(best)
        record = best.record
        if not _is_country(record):
            return best
        finer = [
            (r, abs(m.start - best.start), m)
            for m in self.in_range(sent.start, sent.end, "place")
            if m.record.get("country_code") == record.get("country_code")
            and not _is_country(m.record)
            and (r := rank(m)) is not None
        ]
        return min(finer, key=lambda x: x[:2])[2] if finer else best

    def first_link(self, place: Any) -> Any:
        """The first link of the address ``place`` closes: "in Maiduguri, Borno State, Nigeria" is in
        Maiduguri, whichever link the parse hangs the event's phrase on (a parenthesis between the
        trigger and the address often moves it to the province)."""
        doc = self.doc
        while place.start >= 2 and doc[place.start - 1].text == ",":
            before = [
                m
                for m in self.at(place.start - 2, "place")
                if m.end == place.start - 1 and _holds(place.record, m.record)
            ]
            if not before:
                break
            place = before[0]
        return place

    def subject_child(self, i: int, *, agent: bool) -> Token | None:
        """The first child of token ``i`` that is its subject (or, with ``agent``, its "by" phrase)."""
        if self._subjects is None:
            self._subjects, self._subjects_or_agents = {}, {}
            for t in tokens_of(self.doc):  # children come in document order
                head = t.head.i
                if head == t.i:
                    continue
                if t.dep_ in SUBJECTS:
                    self._subjects.setdefault(head, t)
                    self._subjects_or_agents.setdefault(head, t)
                elif t.dep_ == "agent":
                    self._subjects_or_agents.setdefault(head, t)
        return (self._subjects_or_agents if agent else self._subjects).get(i)

    def sentence(self, i: int) -> Span:
        """The sentence of token ``i`` (``doc[i].sent``, without walking the sentence)."""
        return self.sents[self.sent_of[i]]

    def root(self, sent: Span) -> Token:
        """``sent.root``, computed once per sentence."""
        root = self._roots.get(sent.start)
        if root is None:
            root = self._roots[sent.start] = sent.root
        return root

    def token_range(self, start_char: int, end_char: int) -> tuple[int, int]:
        first = max(0, bisect.bisect_right(self._starts, start_char) - 1)
        if first < len(self.doc) and self.doc[first].idx + len(self.doc[first]) <= start_char:
            first += 1
        last = bisect.bisect_left(self._starts, end_char)
        return first, max(first + 1, last)

    def _mention(
        self, span: Any, kind: str, record: dict[str, Any], *, route: bool = False
    ) -> IndexedMention | None:
        try:
            s, e = int(span[0]), int(span[1])
        except (TypeError, ValueError, IndexError):
            return None
        if e <= s or not len(self.doc):
            return None
        first, last = self.token_range(s, e)
        m = IndexedMention(first, last, s, e, kind, record, route)
        for i in range(first, min(last, len(self.doc))):
            self._by_token.setdefault(i, []).append(m)
        return m

    def _add_records(
        self, records: list[dict[str, Any]], kind: str, excluded: list[tuple[int, int]]
    ) -> list[IndexedMention]:
        out = []
        for record in records:
            for mention in record.get("mentions") or []:
                span = mention.get("span") if isinstance(mention, dict) else None
                if span is None or any(a <= span[0] < b for a, b in excluded):
                    continue
                m = self._mention(span, kind, record, route=mention.get("route") is not None)
                if m is not None:
                    out.append(m)
        return sorted(out, key=lambda m: m.start)

    def _add_flat(self, records: list[dict[str, Any]], kind: str) -> list[IndexedMention]:
        out = [m for r in records if (m := self._mention(r.get("span"), kind, r)) is not None]
        return sorted(out, key=lambda m: m.start)

    def at(self, i: int, kind: str) -> list[IndexedMention]:
        return [m for m in self._by_token.get(i, ()) if m.kind == kind]

    def in_tokens(self, tokens: Iterable[int], kind: str) -> list[IndexedMention]:
        """Mentions of ``kind`` touching any of ``tokens``, first-seen order, without repeats."""
        seen: dict[int, IndexedMention] = {}
        for i in tokens:
            for m in self._by_token.get(i, ()):
                if m.kind == kind and id(m) not in seen:
                    seen[id(m)] = m
        return list(seen.values())

    def in_range(self, start: int, end: int, kind: str) -> list[IndexedMention]:
        pool = {"place": self.places, "actor": self.actors, "quantity": self.quantities, "date": self.dates}
        mentions, starts = pool[kind], self._kind_starts[kind]
        first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        return [m for m in mentions[first:last] if m.end <= end]


def subject_of(verb: Token, *, max_steps: int = 5, index: MentionIndex | None = None) -> Token | None:
    """The subject of ``verb``, or the one it inherits through xcomp/conj/advcl/pcomp chains.

    A relative pronoun subject ("an attack that killed") is replaced by the noun it refers to.
    With ``index``, each word's subject is looked up instead of read from its children (a word
    with a thousand children is then not scanned for each of them).
    """
    current = verb
    for _ in range(max_steps):
        if index is not None:
            child = index.subject_child(current.i, agent=current.i != verb.i)
        else:
            child = next(
                (
                    c
                    for c in children_of(current)
                    if c.dep_ in SUBJECTS or c.dep_ == "agent" and current.i != verb.i
                ),
                None,
            )
        if child is not None:
            if child.dep_ == "agent":
                child = next((c for c in children_of(child) if c.dep_ == "pobj"), child)
            if child.lower_ in _RELATIVE and current.dep_ == "relcl":
                return current.head
            return child
        if current.dep_ not in _INHERIT or current.head.i == current.i:
            return _fronted_subject(current)
        current = current.head
    return None


def _fronted_subject(verb: Token) -> Token | None:
    """A subject the parser hung on a fronted phrase: in "Outside Lakhimpur, suspected members of X
    bombed a transformer" the noun phrase just before the verb is read as an apposition of
    "Lakhimpur"; it is the subject when the verb heads its sentence and has none."""
    if verb.dep_ != "ROOT" or verb.pos_ not in ("VERB", "AUX") or verb.i == verb.sent.start:
        return None
    token = verb.doc[verb.i - 1]
    while token.i > verb.sent.start and (token.is_space or token.text in (")", "]")):
        token = token.doc[token.i - 1]
    for _ in range(8):
        if token.dep_ == "appos" and token.pos_ in ("NOUN", "PROPN") and token.head.i < token.i:
            return token
        if token.head.i == token.i or token.head.i >= verb.i:
            return None
        token = token.head
    return None


def agent_of(verb: Token) -> Token | None:
    """The ``by`` phrase of a passive verb ("was claimed by the TTP"), also when it closes a chain of
    passive verbs ("were attacked and killed by X")."""
    for v in (verb, *verb.conjuncts):
        for child in children_of(v):
            if child.dep_ == "agent":
                return next((c for c in children_of(child) if c.dep_ == "pobj"), None)
    return None


def is_passive(verb: Token) -> bool:
    """Passive, also as the bare second verb of "were attacked and killed by X"."""
    deps = {c.dep_ for c in children_of(verb)}
    # "IS militants attacked a checkpoint": an acronym read as "is" with an active subject and object
    active = "nsubj" in deps and bool(deps & {"dobj", "obj"})
    return (
        "nsubjpass" in deps
        or "auxpass" in deps
        and not active
        or verb.tag_ == "VBN"
        and (verb.dep_ in ("acl", "amod"))
        and not any(c.dep_ in ("dobj", "obj") for c in children_of(verb))  # "ADF rebels killed 36 people"
        or verb.tag_ == "VBN"
        and verb.dep_ == "conj"
        and not any(c.dep_ in ("nsubj", "aux") for c in children_of(verb))
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.head.lefts)  # before it: linear in chains
    )


def object_of(token: Token) -> Token | None:
    """The direct object of a verb (the passive subject when passive), or the "of" phrase of a noun."""
    if token.pos_ in ("VERB", "AUX"):
        for child in children_of(token):
            if child.dep_ in OBJECTS or child.dep_ == "nsubjpass":
                return child
        if token.dep_ in ("acl",) and token.tag_ == "VBN":
            return token.head  # "schools destroyed by ..."
        if token.dep_ == "conj" and any(c.dep_ == "auxpass" for c in children_of(token)):
            # "the attack caused no damage and was claimed by X": the first verb's subject
            return next((c for c in children_of(token.head) if c.dep_ in ("nsubj", "nsubjpass")), None)
        return None
    for child in children_of(token):
        if child.dep_ == "prep" and child.lower_ in ("of", "on", "against", "for"):
            pobj = next((c for c in children_of(child) if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    if token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB":
        return None
    return None


def pobjs(token: Token, prepositions: frozenset[str] | None = None) -> Iterator[tuple[Token, Token]]:
    """(preposition, object) pairs below ``token``; a phrasal particle joins its preposition."""
    for child in children_of(token):
        if child.dep_ in ("prep", "agent", "dative") and (
            prepositions is None or child.lower_ in prepositions
        ):
            for obj in children_of(child):
                if obj.dep_ in ("pobj", "pcomp"):
                    yield child, obj
                    for conj in obj.conjuncts:
                        yield child, conj


def trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``-``end`` without the whitespace at either end (a sentence span as evidence)."""
    chunk = text[start:end]
    return start + len(chunk) - len(chunk.lstrip()), end - (len(chunk) - len(chunk.rstrip()))


def neighbourhood(token: Token) -> list[Token]:
    """Children, grandchildren, the head and the head's other children: where a trigger's cues sit."""
    out: list[Token] = []
    for child in children_of(token):
        out.append(child)
        out.extend(children_of(child))
    head = token.head
    if head.i != token.i:
        out.append(head)
        out.extend(c for c in children_of(head) if c.i != token.i)
    return out


def clause_tokens(token: Token, *, stop: frozenset[int] = frozenset(), limit: int = 60) -> list[Token]:
    """The tokens of ``token``'s phrase: its subtree without relative clauses or other triggers' clauses."""
    out: list[Token] = []
    stack = [token]
    while stack and len(out) < limit:
        t = stack.pop()
        out.append(t)
        for child in children_of(t):
            if child.i in stop or child.dep_ in ("relcl", "ccomp", "parataxis", "advcl"):
                continue
            stack.append(child)
    return out


def depth(token: Token) -> int:
    """How many arcs separate ``token`` from the root of its sentence."""
    n = 0
    while token.head.i != token.i and n < 50:
        token = token.head
        n += 1
    return n


def path_length(a: Token, b: Token, limit: int = 4) -> int | None:
    """Arcs between two tokens of one sentence (None when further than ``limit``)."""
    up_a = {a.i: 0}
    t, n = a, 0
    while t.head.i != t.i and n < limit:
        t, n = t.head, n + 1
        up_a[t.i] = n
    t, n = b, 0
    while n <= limit:
        if t.i in up_a and up_a[t.i] + n <= limit:
            return up_a[t.i] + n
        if t.head.i == t.i:
            break
        t, n = t.head, n + 1
    return None


def _is_country(place: dict[str, Any]) -> bool:
    return str(place.get("feature") or "").startswith("PCL")


def _holds(outer: dict[str, Any], inner: dict[str, Any]) -> bool:
    """Does the country, province or district ``outer`` hold the other place ``inner``?"""
    feature, cc = str(outer.get("feature") or ""), outer.get("country_code")
    if not cc or inner.get("country_code") != cc or inner.get("id") == outer.get("id"):
        return False
    if _is_country(outer):
        return True
    same_admin1 = bool(outer.get("admin1")) and inner.get("admin1") == outer.get("admin1")
    if feature in ("ADM1", "ADMD"):
        return same_admin1 and inner.get("feature") not in ("ADM1", "ADMD")
    if feature == "ADM2":
        return same_admin1 and bool(outer.get("admin2")) and inner.get("admin2") == outer.get("admin2")
    return False


def described(noun: Token) -> bool:
    """Whether the noun is the subject of a copula with an adjective ("attacks ... are frequent",
    "have become so common"): a statement about a kind of event, not a report of one."""
    head = noun.head
    return (
        noun.dep_ == "nsubj"
        and head.lemma_.lower() in ("be", "become", "remain")
        and any(c.dep_ == "acomp" for c in children_of(head))
    )
