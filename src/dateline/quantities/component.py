"""The ``dateline_quantities`` component: counts as news reports write them.

``nlp.add_pipe("dateline_quantities")`` after the model's ``ner`` writes
``doc._.dateline_quantities``: one dict per quantity, shaped like
:class:`dateline.records.Quantity` -- "at least 400 families" is
``{"low": 400, "high": None, "best": 400, "qualifier": "at least", "unit": "families", ...}``.

Numbers are read from token strings by :class:`dateline.quantities.lexicon.NumberLexicon`; this
module decides what is counted (the noun the number modifies, skipping adjectives), drops
numbers that are not counts (dates and years, enumerators "(1)", identifiers such as
"Resolution 2254" or "Khyber-1"), and groups lists ("three soldiers and eight civilians").

In a blank pipeline (no tagger, parser or NER) it still reads numbers, ranges, hedges and
vague amounts; the unit is then the word right after the number (adjectives are not
skipped) and only the lexicon's rules, not NER dates, keep dates and years out.
"""

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from dateline.nlp.component import PipelineComponent, Serializers
from dateline.nlp.doc_cache import text_of, tokens_of
from dateline.nlp.extensions import doc_attrs, register_extensions
from dateline.quantities.lexicon import NumberLexicon
from dateline.quantities.reader import Reading

__all__ = ["QuantityReader", "make_quantities"]

register_extensions()

LEXICON_FILE = "quantities.json"
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_RUN_POS = frozenset({"ADJ", "NOUN", "PROPN"})
_SKIP_BEFORE_NOUN_POS = frozenset({"DET", "ADJ"})
_MAX_UNIT_RUN = 6
_RANGE_WORDS = frozenset({"-", "\u2013", "\u2014", "to", "and"})
_YEAR_TOKEN = re.compile(r"^(\d{4})(?:[-\u2013\u2014](\d{2}|\d{4}))?$")


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


class QuantityReader(PipelineComponent):
    """Reads quantities from a parsed ``Doc`` into ``doc._.dateline_quantities``."""

    def __init__(
        self, nlp: Language, name: str = "dateline_quantities", *, lexicon: NumberLexicon | None = None
    ) -> None:
        self.name = name
        self.lexicon = lexicon if lexicon is not None else NumberLexicon.default()

    # --- spaCy protocol --------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        doc._.dateline_quantities = self.read(doc)
        return doc

    def serializers(self) -> Serializers:
        return {LEXICON_FILE: (self.lexicon.to_bytes, self._load_lexicon)}

    def _load_lexicon(self, data: bytes) -> None:
        self.lexicon = NumberLexicon.from_json(data.decode("utf-8"))

    # --- reading ---------------------------------------------------------------------

    def read(self, doc: Doc) -> list[dict[str, Any]]:
        """All quantities of ``doc`` as plain dicts, in text order."""
        if len(doc) == 0:
            return []
        view = _DocView(doc)
        text = text_of(doc)
        lex = self.lexicon
        starters = lex.starters
        lowers = view.lowers
        found: list[tuple[dict[str, Any], int, int]] = []  # (quantity, first token, end token)
        i = floor = 0
        n = len(doc)
        while i < n:
            low = lowers[i]
            if not (low[:1].isdigit() or low in starters):
                i += 1
                continue
            r = lex.read(lowers, view.spaced, i, floor)
            if r is None:
                i += 1
                continue
            unit, end = self._unit(view, r)
            i = floor = max(end, r.end)
            if self._is_count(view, r, unit):
                found.append((self._render(doc, text, r, unit, end), r.start, end))
        self._group(view, found)
        return [q for q, _, _ in found]

    def _is_count(self, view: "_DocView", r: Reading, unit: str | None) -> bool:
        """False for numbers that are not counts: dates, years, enumerators, identifiers."""
        lex, doc, lowers = self.lexicon, view.doc, view.lowers
        first, last = r.first_num, r.last_num
        yearish = not r.vague and self._yearish(lowers[first : last + 1])
        if view.has_ents and (unit is None or yearish):  # NER's DATE may swallow "between 20 and 30 fighters"
            for k in range(first, last + 1):
                if doc[k].ent_type_ in lex.skip_entity_labels:
                    return False
            tok = doc[first]
            if tok.ent_iob_ == "I" and tok.ent_type_ in lex.name_entity_labels and r.start == first:
                return False  # "UN Resolution 2254"
        if unit is not None and unit in lex.excluded_units:
            return False  # "three days", "a 13-year-old"
        before = lowers[r.start - 1] if r.start > 0 else ""
        after = lowers[r.end] if r.end < len(lowers) else ""
        if r.plain_integer:
            if before == "(" and after == ")":
                return False  # "(1)"
            following = lowers[last + 1] if last + 1 < len(lowers) else ""
            if before in lex.months or following in lex.months:
                return False  # "February 12", "12 February", "March 2015"
            if r.start == first and r.start > 0 and self._identifier_before(view, r.start - 1, unit):
                return False  # "Resolution 2254", "Khyber - 1"
        if unit is None and r.qualifier is None and yearish:
            return False  # "in 2015", "2015-2016"
        bare = unit is None and r.qualifier is None and r.best == 1
        return not (bare and lowers[first] in lex.bare_dropped)  # "one" as a pronoun or discourse marker

    def _identifier_before(self, view: "_DocView", k: int, unit: str | None) -> bool:
        doc, spaced = view.doc, view.spaced
        prev = doc[k]
        if prev.text == "-" and not spaced[k] and k > 0 and not spaced[k - 1] and doc[k - 1].is_alpha:
            return True
        return (
            unit is None
            and prev.is_title
            and prev.is_alpha
            and not prev.is_sent_start
            and k > 0
            and not doc[k - 1].is_punct
            and prev.lower_ not in self.lexicon.starters
        )

    def _yearish(self, texts: Sequence[str]) -> bool:
        lo, hi = self.lexicon.year_range
        years = [t for t in texts if t[:1].isdigit()]
        words = [t for t in texts if t not in _RANGE_WORDS]
        if not years or len(years) != len(words):
            return False
        for t in years:
            m = _YEAR_TOKEN.match(t)
            if not m or not lo <= int(m.group(1)) <= hi:
                return False
        return True

    def _unit(self, view: "_DocView", r: Reading) -> tuple[str | None, int]:
        """The counted noun and the token index just after it (``r.end`` when none)."""
        if r.unit is not None:
            return r.unit, r.end if r.unit_token is None else max(r.end, r.unit_token + 1)
        tok = self._unit_tagged(view, r) if view.has_pos else self._unit_blank(view, r)
        if tok is None:
            return None, r.end
        return tok.lower_, tok.i + 1

    def _unit_tagged(self, view: "_DocView", r: Reading) -> Token | None:
        doc = view.doc
        start = r.end
        if start < len(doc) and view.lowers[start] == "of":  # "dozens of civilians", "three of the soldiers"
            start += 1
            while start < len(doc) and start - r.end <= 3 and doc[start].pos_ in _SKIP_BEFORE_NOUN_POS:
                start += 1
            if start < len(doc) and doc[start].tag_ == "PRP$":
                start += 1
        run: list[Token] = []
        k = start
        skip = self.lexicon.skip_entity_labels
        while k < len(doc) and len(run) < _MAX_UNIT_RUN:
            tok = doc[k]
            if (k > r.end and tok.is_sent_start) or (view.has_ents and tok.ent_type_ in skip):
                break
            hyphen = tok.text == "-" and not view.spaced[k] and not view.spaced[k - 1]
            if tok.pos_ in _RUN_POS or hyphen or (tok.dep_ == "amod" and tok.pos_ == "VERB"):
                run.append(tok)
                k += 1
            else:
                break
        nouns = [t for t in run if t.pos_ in _NOUN_POS]
        if not nouns:
            return None
        head = doc[r.last_num].head
        if view.has_dep:
            in_run = {t.i for t in run}
            if head.i in in_run and head.pos_ in _NOUN_POS:
                return head
            for t in nouns:
                if t.head.i not in in_run:
                    return t
        return nouns[-1]

    def _unit_blank(self, view: "_DocView", r: Reading) -> Token | None:
        doc, lowers, lex = view.doc, view.lowers, self.lexicon
        k = r.end
        if k < len(doc) and lowers[k] == "of":
            k += 1
            while k < len(doc) and lowers[k] in lex.unit_stopwords and k - r.end <= 2:
                k += 1
        if k >= len(doc):
            return None
        tok = doc[k]
        if not tok.is_alpha or lowers[k] in lex.unit_stopwords or lex.is_number_word(lowers[k]):
            return None
        return tok

    def _render(self, doc: Doc, text: str, r: Reading, unit: str | None, end: int) -> dict[str, Any]:
        start_char = doc[r.start].idx
        last = doc[max(end, r.end) - 1]
        end_char = last.idx + len(last.text)
        return {
            "text": text[start_char:end_char],
            "span": [start_char, end_char],
            "low": _number(r.low),
            "high": _number(r.high),
            "best": _number(r.best),
            "qualifier": r.qualifier,
            "unit": unit,
            "vague": r.vague,
            "group": None,
        }

    def _group(self, view: "_DocView", found: list[tuple[dict[str, Any], int, int]]) -> None:
        """Give quantities of one list ("three soldiers and eight civilians") a shared group."""
        connectors = self.lexicon.list_connectors
        next_group = 1
        for (a, _, a_end), (b, b_start, _) in zip(found, found[1:], strict=False):
            if a["unit"] is None or b["unit"] is None or a_end >= b_start:
                continue
            if tuple(view.lowers[a_end:b_start]) not in connectors:
                continue
            if any(view.doc[k].is_sent_start for k in range(a_end, b_start + 1)):
                continue
            if a["group"] is None:
                a["group"] = next_group
                next_group += 1
            b["group"] = a["group"]


class _DocView:
    """What one pass over a doc needs, computed once: token strings and which annotations exist."""

    __slots__ = ("doc", "has_dep", "has_ents", "has_pos", "lowers", "spaced")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.lowers = [t.lower_ for t in tokens_of(doc)]
        self.spaced = [bool(t.whitespace_) for t in tokens_of(doc)]
        self.has_pos = doc.has_annotation("POS")
        self.has_dep = doc.has_annotation("DEP")
        self.has_ents = doc.has_annotation("ENT_IOB")


@Language.factory(
    "dateline_quantities",
    default_config={"lexicon_path": None},
    assigns=doc_attrs("dateline_quantities"),
)
def make_quantities(nlp: Language, name: str, lexicon_path: str | None) -> QuantityReader:
    """Build the component; ``lexicon_path`` replaces the shipped lexicon with a JSON file."""
    lexicon = None
    if lexicon_path:
        lexicon = NumberLexicon.from_json(Path(lexicon_path).read_text(encoding="utf-8"))
    return QuantityReader(nlp, name, lexicon=lexicon)
