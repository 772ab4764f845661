"""Find actor names in a document: registry names and variants, country words and nominal phrases.

Names are matched on token *keys*, not on the raw text: each token is normalised
(:func:`dateline.text`: case, diacritics, apostrophes and full stops folded), hyphens
written inside a word are dropped and the izafe joiners "i", "e", "ye" are folded to one key, so
"Tehreek-i-Taliban", "Tehreek-e-Taliban" and "Tehreek i Taliban" are the same three keys. One spaCy
``PhraseMatcher`` over a document of keys finds every registry name and every country word in one pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from dateline.actors.nominal import ActorLexicon, GenericActor
from dateline.actors.registry import ActorRegistry
from dateline.nlp.doc_cache import tokens_of
from dateline.text import normalise

__all__ = ["ActorMatcher", "DocKeys", "NameMatch", "NominalMatch", "find_nominals"]

_HYPHENS = frozenset({"-", "‐", "‑", "–"})
_APOSTROPHES = frozenset({"'", "’"})
_JOINERS = frozenset({"i", "e", "ye", "y"})
_JOINER_KEY = "e"
_BARRIER = "|"  # the key of punctuation: no name runs across it
_COUNTRY = "\x1fcountry:"
_MAX_CACHE = 200_000


@dataclass(slots=True)
class DocKeys:
    """The key of every token (hyphens inside words dropped); ``index[k]`` is the token of key ``k``."""

    keys: list[str]
    index: list[int]
    doc: Doc | None = None  # the document of keys the PhraseMatcher runs over


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A name found at tokens ``start``:``end``: the registry ids it may mean, or a country."""

    start: int
    end: int
    ids: tuple[str, ...] = ()
    country: str | None = None
    key: str = ""


@dataclass(frozen=True, slots=True)
class NominalMatch:
    """A nominal actor at tokens ``start``:``end`` ("Pakistani forces")."""

    start: int
    end: int
    actor: GenericActor
    head: str


@dataclass(slots=True)
class _Label:
    ids: list[str] = field(default_factory=list)
    exact_case: list[bool] = field(default_factory=list)  # acronym: the text must be upper case too
    country: str | None = None
    country_exact_case: bool = False


class ActorMatcher:
    """Registry names and country words, matched on token keys with one ``PhraseMatcher``."""

    def __init__(
        self,
        vocab: Vocab,
        tokenize: Callable[[str], Doc],
        registry: ActorRegistry,
        lexicon: ActorLexicon,
    ) -> None:
        self.vocab = vocab
        self._tokenize = tokenize
        self._cache: dict[int, tuple[str, ...]] = {}
        self._labels: dict[str, _Label] = {}
        self._matcher = PhraseMatcher(vocab)
        variants: dict[tuple[str, ...], set[str]] = {}  # names' keys as the text may also write them
        for name, actor_id in registry.names():
            keys = self.phrase_keys(name)
            if not keys:
                continue
            label = self._label_keys(keys)
            if actor_id not in label.ids:
                label.ids.append(actor_id)
                label.exact_case.append(_is_acronym(name))
            if not _is_acronym(name):
                found = [_number_variant(keys, lexicon.number_variant_heads), *_possessive_variants(keys)]
                for variant in filter(None, found):
                    variants.setdefault(variant, set()).add(actor_id)
        for variant, ids in variants.items():  # only where no name has it and it names one actor
            if len(ids) == 1 and " ".join(variant) not in self._labels:
                label = self._label_keys(variant)
                label.ids.append(next(iter(ids)))
                label.exact_case.append(False)
        for form, (iso, exact) in lexicon.country_forms.items():
            label = self._label(form)
            if label is not None and label.country is None:
                label.country, label.country_exact_case = iso, exact

    def _label(self, name: str) -> _Label | None:
        keys = self.phrase_keys(name)
        return self._label_keys(keys) if keys else None

    def _label_keys(self, keys: tuple[str, ...]) -> _Label:
        key = " ".join(keys)
        label = self._labels.get(key)
        if label is None:
            label = self._labels[key] = _Label()
            self._matcher.add(key, [Doc(self.vocab, words=list(keys))])
        return label

    # --- keys ------------------------------------------------------------------------------------------

    def token_key(self, token: Token) -> tuple[str, ...]:
        cached = self._cache.get(token.orth)
        if cached is None:
            if len(self._cache) > _MAX_CACHE:
                self._cache.clear()
            cached = _key_of(token.text)
            self._cache[token.orth] = cached
        return cached

    def keys(self, doc: Doc) -> DocKeys:
        keys: list[str] = []
        index: list[int] = []
        n = len(doc)
        for token in tokens_of(doc):
            text = token.text
            if text in _HYPHENS and 0 < token.i < n - 1:
                before = doc[token.i - 1]
                if not before.whitespace_ or not token.whitespace_:
                    continue  # a hyphen inside a word: "Tehreek-i-Taliban" = "Tehreek i Taliban"
            if text in _APOSTROPHES and token.i > 0 and not doc[token.i - 1].whitespace_:
                continue  # a plural's apostrophe: "Revolutionary Peoples' Liberation Party"
            for part in self.token_key(token):
                keys.append(part)
                index.append(token.i)
        return DocKeys(keys, index, Doc(self.vocab, words=keys) if keys else None)

    def phrase_keys(self, text: str) -> tuple[str, ...]:
        """The keys of a name, as its words would be keyed in a document; a leading "the" is dropped."""
        doc = self._tokenize(text)
        keys = self.keys(doc).keys
        if len(keys) > 1 and keys[0] == "the":
            keys = keys[1:]
        return tuple(keys)

    # --- matching ----------------------------------------------------------------------------------------

    def match(self, doc: Doc, keys: DocKeys) -> list[NameMatch]:
        """Every registry name and country word in ``doc`` (overlapping; tokens of ``doc``)."""
        if keys.doc is None:
            return []
        found: list[NameMatch] = []
        strings = self.vocab.strings
        for match_id, k_start, k_end in self._matcher(keys.doc):
            key = strings[match_id]
            label = self._labels[key]
            start, end = keys.index[k_start], keys.index[k_end - 1] + 1
            written = doc[start:end].text
            if not any(c.isupper() for c in written) and k_end - k_start < 3:
                continue  # names are written with a capital ("state" is not the Islamic State), bar long ones
            upper = _upper(written)
            ids = tuple(i for i, exact in zip(label.ids, label.exact_case, strict=True) if upper or not exact)
            country = label.country if label.country and (upper or not label.country_exact_case) else None
            if ids or country:
                found.append(NameMatch(start, end, ids, country, key))
        return found

    def find_phrase(self, keys: DocKeys, phrase: Sequence[str]) -> list[tuple[int, int]]:
        """Token spans where the key sequence ``phrase`` occurs (aliases learned from the text)."""
        if not phrase:
            return []
        n, width, out = len(keys.keys), len(phrase), []
        first = phrase[0]
        for k in range(n - width + 1):
            if keys.keys[k] == first and tuple(keys.keys[k : k + width]) == tuple(phrase):
                out.append((keys.index[k], keys.index[k + width - 1] + 1))
        return out


def _key_of(text: str) -> tuple[str, ...]:
    key = normalise(text)
    if not key:
        return (_BARRIER,)
    parts = key.split()
    return tuple(_JOINER_KEY if p in _JOINERS else p for p in parts)


def _number_variant(keys: tuple[str, ...], heads: frozenset[str]) -> tuple[str, ...] | None:
    """The keys of a name of three or more words with its last word, one of ``heads``, in the other
    number ("... martyrs brigades" -> "... martyrs brigade"), or None."""
    if len(keys) < 3:
        return None
    last = keys[-1]
    if last in heads:
        return (*keys[:-1], last + "s")
    if last.endswith("s") and last[:-1] in heads:
        return (*keys[:-1], last[:-1])
    return None


def _possessive_variants(keys: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The keys of a name with one plural inner word written as a possessive, as the tokenizer
    splits it: "al aqsa martyrs brigades" -> "al aqsa martyr s brigades" ("Martyr's Brigades")."""
    return [
        (*keys[:k], word[:-1], "s", *keys[k + 1 :])
        for k, word in enumerate(keys[:-1])
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss")
    ]


def _upper(text: str) -> bool:
    """Written as an acronym: every letter upper case but one ("ISIl"), all of two ("IS", not "Is")."""
    letters = [c for c in text if c.isalpha()]
    slack = 0 if len(letters) <= 2 else 1
    return bool(letters) and sum(c.isupper() for c in letters) >= len(letters) - slack


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 1 < len(letters) <= 6 and sum(c.isupper() for c in letters) >= len(letters) - 1


# --- nominal actors -----------------------------------------------------------------------------------


def find_nominals(
    doc: Doc,
    lexicon: ActorLexicon,
    countries: dict[int, tuple[int, str]],
    blocked: Iterable[int],
    fallback: Callable[[int], str | None],
) -> list[NominalMatch]:
    """Nominal actors: a head noun of the lexicon with its modifiers and country ("Afghan officials").

    ``countries`` maps the first token of each country word to (end token, ISO code); ``blocked``
    holds tokens of named actors, which stop the phrase (and a named actor right before the head, as in
    "Taliban fighters", means the phrase is that actor, not a generic one). ``fallback(i)`` gives the
    country of a phrase that names none, from the context of its head token ``i``.
    """
    blocked = set(blocked)
    ends = {end - 1: (start, iso) for start, (end, iso) in countries.items()}
    parsed = doc.has_annotation("DEP")
    heads = lexicon.heads
    found: list[NominalMatch] = []
    n = len(doc)
    for token in tokens_of(doc):
        low = token.lower_
        i = token.i
        pair = f"{doc[i - 1].lower_} {low}" if i > 0 else ""
        if low not in heads and pair not in heads or i in blocked:
            continue  # a head is one word ("police") or two ("police officers")
        head, start = low, i
        if pair in heads:
            head, start = pair, i - 1
        before = doc[start - 1] if start > 0 else None
        if (
            before is not None
            and token.text[:1].isupper()
            and before.pos_ == "PROPN"
            and before.text[:1].isupper()
            and before.i not in ends
        ):
            continue  # "the National Liberation Army": the end of a name, not "the army" of a country
        if (
            before is not None
            and token.text[:1].isupper()
            and before.lower_ in ("'s", "’s")
            and start > 1
            and doc[start - 2].text[:1].isupper()
            and start - 2 not in ends
        ):
            continue  # "the Corsican People's Army", not "Pakistan's army"
        if not _heads_phrase(doc, i, n, parsed, lexicon.titles):
            continue
        modifiers: list[str] = []
        country: str | None = None
        j = start - 1
        if j >= 0 and j in blocked and j not in ends:
            continue
        while j >= 0:
            tok = doc[j]
            if tok.lower_ in ("'s", "’s") and j - 1 in ends:
                j -= 1
                continue
            if j in ends:
                first, iso = ends[j]
                country = country or iso
                start, j = first, first - 1
                continue
            if j in blocked or tok.lower_ not in lexicon.modifiers:
                break
            modifiers.append(tok.lower_)
            start, j = j, j - 1
        actor = lexicon.classify(head, modifiers, country, None if country else fallback(i))
        if actor is not None:
            found.append(NominalMatch(start, i + 1, actor, head))
    return found


def _heads_phrase(doc: Doc, i: int, n: int, parsed: bool, titles: frozenset[str]) -> bool:
    """Whether token ``i`` ends its noun phrase (is not a modifier: "military operation"); a modifier of
    a title still names its institution ("Foreign Ministry spokesperson")."""
    token = doc[i]
    if parsed:
        if token.pos_ not in ("NOUN", "PROPN"):
            return False
        if token.dep_ in ("compound", "amod", "nmod") and token.head.i > i:
            return normalise(token.head.text) in titles
        return True
    if i + 1 >= n:
        return True
    following = doc[i + 1]
    return not following.is_alpha or following.is_stop or following.lower_.endswith("ed")
