"""Keys for place names: an exact normalised form and a fuzzy "skeleton" for transliteration variants.

:meth:`Normaliser.normalise` is the exact key: casefolded, diacritics stripped, apostrophes
dropped (also "Õ", a Mac Roman apostrophe read as Latin-1, between lower-case letters),
hyphens/dashes/slashes turned into spaces, full stops removed ("U.S." -> "us"),
whitespace collapsed and a leading "the" dropped. ``"Khāk-e Afghān"`` -> ``"khak e afghan"``.

:meth:`Normaliser.skeleton` is a lossy key built on it, used as a secondary index for fuzzy
candidates. It folds the spelling variation of names transliterated from Persian, Pashto, Urdu
and Arabic, so that one key covers a family of spellings:

* Arabic article tokens ("al-", "el-", assimilated "as-Sulaymaniyah") and izafe joiners between
  two words ("-e-", "-i-", "-ye-") are dropped, then the words are joined: hyphen, space and
  closed forms meet ("Day Chupan" = "Daychupan", "Khak-e Afghan" = "Khakeafghan");
* a few consonant spellings are unified (q/k, v/w, ph/f, dj/j, a post-vocalic h, doubled letters);
* every run of vowels (with a glide w/y) becomes one placeholder vowel, so oo/u, o/u, e/i, ou/u,
  ai/ay, ow/o variants meet ("Nooristan" = "Nuristan", "Zabol" = "Zabul", "Ningarhar" = "Nangarhar",
  "Ghowr" = "Ghor").

Names in non-Latin scripts have no skeleton (an empty key). The data (letters, particles,
rewrite rules, unit words) is ``data/normalise.json``; the rules are held by a
:class:`Normaliser` instance.

:func:`valid_unicode` makes any string encodable (lone surrogates from JSON escapes become U+FFFD).
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from importlib import resources
from typing import Any

__all__ = ["Normaliser", "default_normaliser", "normalise", "skeleton", "written_form_key"]

_RESOURCE = "normalise.json"
_OTHER_PUNCTUATION = ",;:()[]{}!?<>|*+=#@$%^"
_MEMO = 100_000  # names whose keys a Normaliser keeps
#: A right single quote read through the wrong code page (Mac Roman 0xD5 decoded as Latin-1 "Õ")
#: between two lower-case letters: "QaÕidat", "prosecutorÕs". No language writes a capital there.
_MOJIBAKE_APOSTROPHE = re.compile(r"(?<=[a-z])Õ(?=[a-z])")


class _CombiningMarks(dict[int, int | None]):
    """A ``str.translate`` table dropping combining marks (``unicodedata.combining`` non-zero),
    filled as characters are met: the same as ``"".join(c for c in s if not combining(c))``, in C."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_MARKS = _CombiningMarks()


def _without_marks(text: str) -> str:
    """``text`` decomposed (NFKD) without its combining marks: ``"Khāk"`` -> ``"Khak"``."""
    return unicodedata.normalize("NFKD", text).translate(_MARKS)


class Normaliser:
    """Normalisation rules read from a mapping shaped like ``data/normalise.json``."""

    __slots__ = (
        "_articles",
        "_attached",
        "_joiners",
        "_keys",
        "_leading",
        "_letters",
        "_memo",
        "_min_skeleton",
        "_punct",
        "_rules",
        "_skeletons",
        "_sun_articles",
        "_unit_prefixes",
        "_unit_openers",
        "_vowel_group",
        "_vowel_placeholder",
        "unit_words",
    )

    def __init__(self, data: Mapping[str, Any], *, memo: int = _MEMO) -> None:
        # keys already made: names recur within and across documents (cleared past ``memo`` entries;
        # the index build, which keys over a million names several times, keeps them all)
        self._memo = memo
        self._keys: dict[str, str] = {}
        self._skeletons: dict[str, str] = {}
        letters = {k: v for k, v in data["letters"].items() if len(k) == 1}
        letters.update({k.lower(): v for k, v in letters.items() if len(k.lower()) == 1})
        self._letters = str.maketrans(letters)
        table: dict[str, str] = {c: "" for c in data["quotes"]}
        table.update({c: " " for c in data["dashes"]})
        table.update({c: " " for c in _OTHER_PUNCTUATION})
        table.update({".": "", "&": " and "})
        self._punct = str.maketrans(table)
        self._leading = frozenset(data["leading_words"])
        self._articles = frozenset(data["articles"])
        self._sun_articles = frozenset(data["sun_letter_articles"])
        self._attached = tuple(data.get("attached_articles", ()))
        self._joiners = frozenset(data["joiners"])
        self._rules = tuple(
            (re.compile(rule[0]), rule[1], rule[2] if len(rule) > 2 else "")
            for rule in data["consonant_rules"]
        )
        self._vowel_group = re.compile(data["vowel_group"])
        self._vowel_placeholder = str(data["vowel_placeholder"])
        self._min_skeleton = int(data["min_skeleton_length"])
        self.unit_words: frozenset[str] = frozenset(self.normalise(w) for w in data["unit_words"])
        self._unit_prefixes = frozenset(self.normalise(w) for w in data["unit_prefixes"])
        self._unit_openers = frozenset(self.normalise(w) for w in data.get("unit_openers", ()))

    @classmethod
    def from_package(cls, *, memo: int = _MEMO) -> Normaliser:
        """The rules shipped in ``dateline/data/normalise.json``; ``memo``: names whose keys it keeps."""
        text = resources.files("dateline").joinpath("data", _RESOURCE).read_text("utf-8")
        return cls(json.loads(text), memo=memo)

    def normalise(self, text: str) -> str:
        """The exact lookup key of a name: ``"Khāk-e Afghān"`` -> ``"khak e afghan"``."""
        return _remembered(self._keys, text, self._normalise, self._memo)

    def _normalise(self, text: str) -> str:
        if not text.isascii():
            if "Õ" in text:
                text = _MOJIBAKE_APOSTROPHE.sub("’", text)
            text = _without_marks(text).casefold().translate(self._letters)
            text = unicodedata.normalize("NFC", text)
        else:
            text = text.lower()
        tokens = text.translate(self._punct).split()
        if len(tokens) > 1 and tokens[0] in self._leading:
            del tokens[0]
        return " ".join(tokens)

    def ascii_form(self, name: str) -> str:
        """The name in ASCII letters with its case kept (``"Zōr Kōṯ"`` -> ``"Zor Kot"``), or ``""``."""
        if name.isascii():
            return name
        text = _without_marks(name).translate(self._letters)
        for quote in "’‘ʻʼʿʾ":
            text = text.replace(quote, "'")
        return text if text.isascii() else ""

    def without_article(self, key: str) -> str:
        """A normalised name without its leading Arabic article ("al qamishli" -> "qamishli"); an
        assimilated form only before its own consonant ("as sulaymaniyah", not "ash flat")."""
        first, _, rest = key.partition(" ")
        if rest and (first in self._articles or (first in self._sun_articles and rest.startswith(first[1:]))):
            return rest
        return key

    def skeleton(self, text: str) -> str:
        """The fuzzy key of a raw name (normalised first); ``""`` when the name has none."""
        return self.skeleton_of_key(self.normalise(text))

    def skeleton_of_key(self, key: str) -> str:
        """The fuzzy key of an already normalised name."""
        return _remembered(self._skeletons, key, self._skeleton_of_key, self._memo)

    def _skeleton_of_key(self, key: str) -> str:
        if not key or not key.isascii():
            return ""
        tokens = key.split()
        kept: list[str] = []
        last = len(tokens) - 1
        for i, token in enumerate(tokens):
            if i < last:
                following = tokens[i + 1]
                if token in self._articles:
                    continue
                if token in self._sun_articles and following.startswith(token[1:]):
                    continue
                if token in self._joiners and kept:
                    continue
            kept.append(self._detached(token))
        joined = "".join(kept)
        for pattern, repl, needle in self._rules:
            if needle in joined:  # "" is in every key
                joined = pattern.sub(repl, joined)
        joined = self._vowel_group.sub(self._vowel_placeholder, joined)
        return joined if len(joined) >= self._min_skeleton else ""

    def _detached(self, token: str) -> str:
        """A token without the article written joined to it: "almargeb" -> "margeb", "azzawya" ->
        "zawya" (an assimilated article before its doubled consonant); four letters or more stay."""
        for article in self._attached:
            rest = token[len(article) :]
            if token.startswith(article) and len(rest) >= _ATTACHED_REST and rest[0] not in _VOWELS:
                return rest
        if len(token) > _ATTACHED_REST + 1 and token[0] == "a" and token[1] == token[2] and token[1] in _SUN:
            return token[2:]
        return token

    def split_unit(self, key: str) -> tuple[str, str | None]:
        """Split a normalised name into (core, unit word): ``"kunar province"`` -> ``("kunar", "province")``.

        Also ``"province of kunar"`` -> ``("kunar", "province")`` and ``"county antrim"`` -> ``("antrim",
        "county")``. Without a unit word the key is
        returned unchanged with ``None``.
        """
        tokens = key.split()
        for width in (2, 1):
            if len(tokens) > width:
                tail = " ".join(tokens[-width:])
                if tail in self.unit_words:
                    return " ".join(tokens[:-width]), tail
        if len(tokens) > 2 and tokens[1] == "of" and tokens[0] in self._unit_prefixes:
            return " ".join(tokens[2:]), tokens[0]
        if len(tokens) > 1 and tokens[0] in self._unit_openers:  # "county antrim"
            return " ".join(tokens[1:]), tokens[0]
        return key, None


def _remembered(memo: dict[str, str], key: str, make: Callable[[str], str], size: int) -> str:
    """``make(key)``, kept in ``memo`` (emptied when it holds ``size`` keys)."""
    found = memo.get(key)
    if found is None:
        if len(memo) >= size:
            memo.clear()
        found = memo[key] = make(key)
    return found


@functools.cache
def default_normaliser() -> Normaliser:
    """The shipped rules (one immutable instance per process)."""
    return Normaliser.from_package()


def normalise(text: str) -> str:
    """:meth:`Normaliser.normalise` with the shipped rules."""
    return default_normaliser().normalise(text)


#: Letters that must follow a joined article for it to be dropped, and the consonants an
#: assimilated one doubles ("Azzawya", "Ashshati").
_ATTACHED_REST = 4
_VOWELS = frozenset("aeiouy")
_SUN = frozenset("tdrzsnl")


def skeleton(text: str) -> str:
    """:meth:`Normaliser.skeleton` with the shipped rules."""
    return default_normaliser().skeleton(text)


_SPACE_AFTER_STOP = re.compile(r"\.\s+")


def written_form_key(text: str) -> str:
    """The key of a case-sensitive written form (an abbreviation, a demonym): the text as written,
    with the spaces after its full stops removed ("W. Va." -> "W.Va.")."""
    return _SPACE_AFTER_STOP.sub(".", text)


_SURROGATES = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """``text`` with every lone surrogate (a JSON ``"\\ud800"`` escape) replaced by U+FFFD.

    Strings decoded from bytes never hold one; strings parsed from JSON may. Offsets are unchanged.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATES.sub("\ufffd", text)
    return text
