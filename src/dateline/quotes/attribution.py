"""Who says so: the attribution lexicon, named-person mentions and the speaker of a reporting verb.

Three pieces, used by :mod:`dateline.quotes.component`:

* :class:`AttributionLexicon` — reporting verbs, attribution cues, speaker titles, pronouns and hedge
  patterns, loaded from ``data/attribution.json`` and saved with the pipeline.
* :class:`PersonIndex` — the named people of one document (``PERSON`` entities, names after a title
  such as "chief Ismatullah Muawiya", and later surname-only mentions of either), so that "he", "the
  outgoing president" or "Sharif" can be resolved to the fullest form of a name seen in the document.
* :class:`SourceReader` — reads the source of a reporting verb from the dependency parse ("X said",
  "said X, a senator", "according to X", "Quoting X", "X was quoted") and finds attribution phrases.
"""

from __future__ import annotations

import bisect
import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from dateline.lexicon import Lexicon
from dateline.nlp.doc_cache import children_of, tokens_of

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_CLIMB = frozenset({"conj", "xcomp", "advcl", "pcomp"})
_NP_LEFT = frozenset(
    {"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "case", "predet", "advmod"}
)
_NP_PREPS = frozenset({"of", "for", "at", "from", "in", "on"})
_CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "xcomp"})
_MAX_GAP = 6  # tokens between a source and its verb beyond which they are not one phrase


@dataclass
class AttributionLexicon(Lexicon):
    """The word lists behind quotes, attributions and hedges (see ``data/attribution.json``)."""

    package = "dateline.quotes"
    resource = "attribution.json"
    what = "attribution lexicon"

    reporting_verbs: dict[str, dict[str, Any]] = field(default_factory=dict)
    source_is_object: list[str] = field(default_factory=list)
    attribution_cues: list[dict[str, Any]] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    title_aliases: dict[str, str] = field(default_factory=dict)
    person_pronouns: list[str] = field(default_factory=list)
    relative_pronouns: list[str] = field(default_factory=list)
    place_prepositions: list[str] = field(default_factory=list)
    negative_determiners: list[str] = field(default_factory=list)
    hedges: list[dict[str, Any]] = field(default_factory=list)
    version: int = 1

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AttributionLexicon:
        known = set(cls.__dataclass_fields__)
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown attribution lexicon keys: {', '.join(sorted(unknown))}")
        return cls(**copy.deepcopy(data))

    def to_dict(self) -> dict[str, Any]:
        return copy.deepcopy({name: getattr(self, name) for name in self.__dataclass_fields__})

    def normal_title(self, word: str) -> str:
        """One spelling per title: "spokesman" -> "spokesperson", "Gen." -> "general"."""
        word = word.lower()
        return self.title_aliases.get(word, word)


@dataclass(frozen=True, slots=True)
class SpeakerMention:
    """A named person in the document: where the name stands and the titles written around it."""

    start: int  # token index
    end: int  # token index, exclusive
    start_char: int
    end_char: int
    name: str
    key: str  # lower-cased last word of the name: mentions sharing it are one person
    titles: frozenset[str]


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote or statement is attributed to."""

    text: str  # the best-known name, or the noun phrase as written ("security sources")
    span: tuple[int, int]  # where that name (or phrase) is written
    mention: str  # the words in the frame itself ("he", "the outgoing president", "Sharif")
    mention_span: tuple[int, int]
    is_person: bool


def _span_of(tokens: Iterable[Token]) -> tuple[int, int]:
    toks = sorted(tokens, key=lambda t: t.i)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


class PersonIndex:
    """The named people of one document, in order, outside the given (quoted) character ranges."""

    def __init__(self, doc: Doc, lexicon: AttributionLexicon, excluded: list[tuple[int, int]]) -> None:
        self._doc = doc
        self._lex = lexicon
        self._titles = {lexicon.normal_title(t) for t in lexicon.titles}
        self._title_words = {t.lower() for t in lexicon.titles if " " not in t}
        self._place_preps = {p.lower() for p in lexicon.place_prepositions}
        self._excluded = excluded
        mentions: dict[tuple[int, int], SpeakerMention] = {}
        if doc.has_annotation("ENT_IOB"):
            for ent in doc.ents:
                if ent.label_ == "PERSON" and self._plausible(ent):
                    self._add(mentions, ent.start, ent.end)
        if doc.has_annotation("TAG"):
            self._titled_names(mentions)
            self._surnames(mentions)
        self.mentions: list[SpeakerMention] = sorted(mentions.values(), key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self._by_token: dict[int, SpeakerMention] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self._by_token[i] = m
        self._cluster_titles: dict[str, set[str]] = {}
        for m in self.mentions:
            self._cluster_titles.setdefault(m.key, set()).update(m.titles)

    # --- building ----------------------------------------------------------------------------------

    def _inside_quote(self, start_char: int) -> bool:
        return any(a <= start_char < b for a, b in self._excluded)

    def _plausible(self, ent: Span) -> bool:
        if self._inside_quote(ent.start_char):
            return False
        root = ent.root
        # a lone "Farah" after "in"/"from" is far more often a place the model mislabelled
        return not (len(ent) == 1 and root.dep_ == "pobj" and root.head.lower_ in self._place_preps)

    def _add(self, mentions: dict[tuple[int, int], SpeakerMention], start: int, end: int) -> None:
        doc = self._doc
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
            end -= 1
        while start < end and (doc[start].lower_ in self._title_words or doc[start].is_punct):
            start += 1
        covered = self._covered(mentions)
        if start >= end or any(i in covered for i in range(start, end)):
            return
        span = doc[start:end]
        mentions[(start, end)] = SpeakerMention(
            start=start,
            end=end,
            start_char=span.start_char,
            end_char=span.end_char,
            name=span.text,
            key=doc[end - 1].lower_,
            titles=frozenset(self._titles_around(start, end)),
        )

    def _titles_around(self, start: int, end: int) -> set[str]:
        doc = self._doc
        found: set[str] = set()
        i = start - 1
        words: list[str] = []
        while i >= 0 and start - i <= 5 and not doc[i].is_punct and doc[i].pos_ in ("PROPN", "NOUN", "ADJ"):
            words.insert(0, doc[i].lower_)
            i -= 1
        root = doc[start:end].root
        for child in children_of(root):
            if child.dep_ == "appos":
                words.extend(t.lower_ for t in child.subtree if t.pos_ in ("NOUN", "PROPN"))
        if root.dep_ == "appos":
            words.append(root.head.lower_)
        for w in words:
            if self._lex.normal_title(w) in self._titles:
                found.add(self._lex.normal_title(w))
        for a, b in zip(words, words[1:], strict=False):
            if self._lex.normal_title(f"{a} {b}") in self._titles:
                found.add(self._lex.normal_title(f"{a} {b}"))
        return found

    def _titled_names(self, mentions: dict[tuple[int, int], SpeakerMention]) -> None:
        """Proper names written after a title ("chief Ismatullah Muawiya", "PM Sharif")."""
        doc = self._doc
        for token in tokens_of(doc):
            if (
                token.tag_ not in ("NNP", "NNPS")
                or token.dep_ == "compound"
                or token.i in self._covered(mentions)
            ):
                continue
            if self._inside_quote(token.idx):
                continue
            start = token.i
            while (
                start > 0
                and doc[start - 1].tag_ in ("NNP", "NNPS")
                and doc[start - 1].dep_ in ("compound", "flat")
            ):
                start -= 1
            chain = list(range(start, token.i + 1))
            last_title = max((i for i in chain if doc[i].lower_ in self._title_words), default=None)
            if last_title is not None:
                if last_title < token.i:
                    self._add(mentions, last_title + 1, token.i + 1)
            elif start > 0 and doc[start - 1].lower_ in self._title_words:
                self._add(mentions, start, token.i + 1)

    @staticmethod
    def _covered(mentions: dict[tuple[int, int], SpeakerMention]) -> set[int]:
        return {i for m in mentions.values() for i in range(m.start, m.end)}

    def _surnames(self, mentions: dict[tuple[int, int], SpeakerMention]) -> None:
        """Later (or earlier) mentions of a known person by surname alone ("Karzai’s farewell")."""
        keys = {m.key for m in mentions.values() if len(m.key) > 2}
        if not keys:
            return
        covered = self._covered(mentions)
        for token in self._doc:
            if token.i in covered or token.lower_ not in keys or not token.text[:1].isupper():
                continue
            if token.pos_ == "PROPN" and not self._inside_quote(token.idx):
                self._add(mentions, token.i, token.i + 1)

    # --- queries -----------------------------------------------------------------------------------

    def at(self, token: Token) -> SpeakerMention | None:
        return self._by_token.get(token.i)

    def best_name(self, mention: SpeakerMention) -> str:
        """The fullest form of this person's name in the document ("Nawaz Sharif" for "Sharif")."""
        words = mention.name.lower().split()
        best = mention.name
        for other in self.mentions:
            same = other.key == mention.key and other.name.lower().split()[-len(words) :] == words
            if same and len(other.name.split()) > len(best.split()):
                best = other.name
        return best

    def before(self, char: int, title: str | None = None) -> SpeakerMention | None:
        """The most recent person mentioned before ``char``; with ``title``, the most recent holding it."""
        for m in reversed(self.mentions):
            if m.end_char > char:
                continue
            if title is None or title in self._cluster_titles.get(m.key, ()):
                return m
        return None

    def in_range(self, start: int, end: int) -> list[SpeakerMention]:
        first, last = bisect.bisect_left(self._starts, start), bisect.bisect_left(self._starts, end)
        return [m for m in self.mentions[first:last] if m.end <= end]


class SourceReader:
    """Reads sources from the parse: the subject of a reporting verb, the object of "according to"."""

    def __init__(self, lexicon: AttributionLexicon) -> None:
        self.lex = lexicon
        self._verbs = {k.lower(): v for k, v in lexicon.reporting_verbs.items()}
        self._object_sources = {v.lower() for v in lexicon.source_is_object}
        self._pronouns = {p.lower() for p in lexicon.person_pronouns}
        self._relatives = {p.lower() for p in lexicon.relative_pronouns}
        self._titles = {lexicon.normal_title(t) for t in lexicon.titles}

    def is_reporting(self, token: Token) -> bool:
        if not token.tag_.startswith("VB") or token.lemma_.lower() not in self._verbs:
            return False
        # "Hafez Sayed", "Said Khan": a capitalised "said" inside a sentence is a name
        capital = token.text[:1].isupper() and not token.is_sent_start and token.i > 0
        return not (capital and token.nbor(-1).text not in "“\"‘'([")

    def needs_clause(self, token: Token) -> bool:
        return bool(self._verbs.get(token.lemma_.lower(), {}).get("needs_clause"))

    def has_clause(self, token: Token) -> bool:
        return token.dep_ in ("ccomp", "parataxis") or any(c.dep_ in _CLAUSE_DEPS for c in children_of(token))

    # --- noun phrases ------------------------------------------------------------------------------

    def phrase(self, head: Token, *, conjuncts: bool = False) -> list[Token]:
        """The noun phrase headed by ``head`` without relative clauses or appositions."""
        keep = {head.i}
        for child in children_of(head):
            left = child.i < head.i and (child.dep_ in _NP_LEFT or child.tag_ == "HYPH")
            if left or (child.i > head.i and child.dep_ == "prep" and child.lower_ in _NP_PREPS):
                keep.update(t.i for t in child.subtree)
            elif conjuncts and child.dep_ == "cc":
                keep.add(child.i)
            elif conjuncts and child.dep_ == "conj":
                keep.update(t.i for t in self.phrase(child, conjuncts=True))
        lo = hi = head.i
        while lo - 1 in keep:
            lo -= 1
        while hi + 1 in keep:
            hi += 1
        doc = head.doc
        while hi > lo and (doc[hi].is_punct or doc[hi].dep_ == "cc"):
            hi -= 1
        while lo < hi and doc[lo].is_punct:
            lo += 1
        return [doc[i] for i in range(lo, hi + 1)]

    # --- subjects and sources ----------------------------------------------------------------------

    def source_token(self, verb: Token, blocked: Callable[[Token], bool] | None = None) -> Token | None:
        """The token naming who reports: subject, passive agent, or the object of "quote"/"cite".

        ``blocked`` marks tokens that cannot be sources nor be climbed through (words inside quotes).
        """
        found = self._source_token(verb, blocked)
        return None if found is None or (blocked is not None and blocked(found)) else found

    def _source_token(self, verb: Token, blocked: Callable[[Token], bool] | None) -> Token | None:
        lemma = verb.lemma_.lower()
        passive = any(c.dep_ == "auxpass" for c in children_of(verb)) or (
            verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "nsubj") for c in children_of(verb))
        )
        if lemma in self._object_sources:
            if not passive:
                return next((c for c in children_of(verb) if c.dep_ == "dobj"), None)
            subj = next((c for c in children_of(verb) if c.dep_ == "nsubjpass"), None)
            if subj is not None:
                return subj
            for prep in children_of(verb):
                if prep.dep_ in ("prep", "agent") and prep.lower_ in ("in", "by"):
                    return next((c for c in children_of(prep) if c.dep_ == "pobj"), None)
            return None
        current: Token | None = verb
        for _ in range(4):
            assert current is not None
            for child in children_of(current):
                if child.dep_ in ("nsubj", "csubj"):
                    return None if child.lower_ in ("it", "there") and passive else child
                if child.dep_ == "agent":
                    return next((c for c in children_of(child) if c.dep_ == "pobj"), None)
            if (
                current.dep_ in _CLIMB
                and current.head.i != current.i
                and not (blocked and blocked(current.head))
            ):
                current = current.head
            else:
                break
        return None

    def speaker(self, token: Token, people: PersonIndex, depth: int = 0) -> Speaker | None:
        """Name the source headed by ``token``: a person (resolved) or the noun phrase as written."""
        mention_toks = self.phrase(token)
        m_span = _span_of(mention_toks)
        m_text = token.doc[mention_toks[0].i : mention_toks[-1].i + 1].text
        lower = token.lower_
        person = people.at(token)
        if person is None and token.pos_ in ("NOUN", "PROPN"):
            inner = [people.at(t) for t in token.subtree if people.at(t) is not None]
            person = inner[0] if inner else None
        if person is not None:
            return self._named(person, people, m_text, m_span)
        if lower in self._pronouns:
            antecedent = people.before(token.idx)
            if antecedent is not None:
                return self._named(antecedent, people, token.text, (token.idx, token.idx + len(token)))
        if lower in self._relatives and token.head.dep_ == "relcl" and depth < 2:
            return self.speaker(token.head.head, people, depth + 1)
        title = self.lex.normal_title(token.lemma_ or lower)
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children_of(token))
        if title in self._titles and definite:
            antecedent = people.before(token.idx, title=title)
            if antecedent is not None:
                return self._named(antecedent, people, m_text, m_span)
        return Speaker(text=m_text, span=m_span, mention=m_text, mention_span=m_span, is_person=False)

    def _named(
        self, person: SpeakerMention, people: PersonIndex, mention: str, mention_span: tuple[int, int]
    ) -> Speaker:
        return Speaker(
            text=people.best_name(person),
            span=(person.start_char, person.end_char),
            mention=mention,
            mention_span=mention_span,
            is_person=True,
        )

    # --- attribution phrases -----------------------------------------------------------------------

    def attribution(
        self, verb: Token, *, framed: bool = False, blocked: Callable[[Token], bool] | None = None
    ) -> dict[str, Any] | None:
        """An Attribution dict for a reporting verb with a source, or None."""
        if not self.is_reporting(verb):
            return None
        if self.needs_clause(verb) and not (framed or self.has_clause(verb)):
            return None
        source = self.source_token(verb, blocked)
        if source is None or source.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "X"):
            return None
        if source.lower_ in self._relatives and source.head.dep_ == "relcl":
            source = source.head.head
        return self.record(verb, [verb], source)

    def cue_attribution(self, cue: Span, label: str) -> dict[str, Any] | None:
        """An Attribution dict for a cue phrase followed by its source ("according to X")."""
        last = cue[-1]
        source = next((c for c in children_of(last) if c.dep_ == "pobj"), None)
        if source is None and cue.end < len(cue.doc):
            nxt = cue.doc[cue.end]
            source = (
                nxt.head if nxt.head.i >= cue.end and nxt.head.pos_ in ("NOUN", "PROPN", "PRON") else None
            )
        if source is None:
            return self._surface_cue(cue, label)
        return self.record(cue.root, list(cue), source, cue_text=label)

    def _surface_cue(self, cue: Span, label: str) -> dict[str, Any] | None:
        """Without a parse: the words after the cue up to the next punctuation (at most six)."""
        doc = cue.doc
        end = cue.end
        while end < len(doc) and end - cue.end < 6 and not doc[end].is_punct:
            end += 1
        if end == cue.end:
            return None
        src = doc[cue.end : end]
        return {
            "text": doc[cue.start : src.end].text,
            "span": [cue.start_char, src.end_char],
            "source_text": src.text,
            "source_span": [src.start_char, src.end_char],
            "cue": label,
        }

    def record(
        self, anchor: Token, cue_tokens: list[Token], source: Token, cue_text: str | None = None
    ) -> dict[str, Any]:
        doc = source.doc
        src = self.phrase(source)
        full = self.phrase(source, conjuncts=True)
        s_span = _span_of(src)
        cue_lo, cue_hi = min(t.i for t in cue_tokens), max(t.i for t in cue_tokens)
        gap = source.left_edge.i - cue_hi if source.i > cue_hi else cue_lo - source.right_edge.i
        if gap > _MAX_GAP:  # the source stands far from its verb: the span is the cue alone
            lo, hi = cue_lo, cue_hi
        else:
            lo, hi = min(full[0].i, cue_lo), max(full[-1].i, cue_hi)
        span = (doc[lo].idx, doc[hi].idx + len(doc[hi]))
        return {
            "text": doc[lo : hi + 1].text,
            "span": [span[0], span[1]],
            "source_text": doc[src[0].i : src[-1].i + 1].text,
            "source_span": [s_span[0], s_span[1]],
            "cue": cue_text or " ".join(t.lower_ for t in cue_tokens),
        }
