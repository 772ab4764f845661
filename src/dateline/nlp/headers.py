"""The ``dateline_headers`` component: a date or a short label heading a line ("01/29/2021:
Assailants attacked ...", "Security measures: On 30 April ...") is a sentence of its own.

Incident summaries and live blogs open an entry with its date and a colon. Left to itself the parser
makes the date the root of the sentence and the report an apposition of it ("Assailants" an
apposition, "attacked" a participle), so the attackers read as victims. Run before the parser, this
component marks the first word after such a heading as a sentence start, which the parser keeps:
the date stays a date mention (the dates component reads it), the report parses as a sentence.

    nlp.add_pipe("dateline_headers", before="parser")
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from dateline.nlp.component import PipelineComponent
from dateline.nlp.doc_cache import text_of

__all__ = ["HeaderSplitter", "header_ends", "label_ends"]

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DATE = (
    rf"(?:\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}"  # 01/29/2021, 2021-01-29, 29.01.2021
    rf"|(?:{_WEEKDAY},?\s+)?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?"  # Jan. 29, 2021
    rf"|(?:{_WEEKDAY},?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?(?:\s+\d{{4}})?"  # 29 January 2021
    rf"|{_WEEKDAY})"
)
#: A date (and nothing else) opening a line, then a colon and the entry's text.
_HEADER = re.compile(rf"(?m)^[ \t]*{_DATE}[ \t]*:[ \t]+(?=\S)")
#: A short capitalised label opening a line ("Security measures:", "Movement of forces:").
_LABEL = re.compile(r"(?m)^[ \t]*[A-Z][\w'-]*(?:[ \t]+[\w'-]+){0,3}[ \t]*:[ \t]+(?=\S)")
#: Tags a label is made of (nouns and their modifiers; a clause such as "He said:" is none). The
#: tagger has run; the coarse parts of speech are set only after the parser.
_LABEL_TAGS = ("NN", "JJ", "IN", "DT", "CC", "CD", "HYPH", ":", ",")


def header_ends(text: str) -> list[int]:
    """Character offsets where the text after a date heading begins."""
    return [m.end() for m in _HEADER.finditer(text)]


def label_ends(doc: Doc) -> list[int]:
    """Where the text after a label heading a line begins: a few nouns and their modifiers before a
    colon ("Security measures: On 30 April ..."), read from the tagger's tags."""
    out = []
    for m in _LABEL.finditer(text_of(doc)):
        label = doc.char_span(m.start(), m.end(), alignment_mode="contract")
        if (
            label is not None
            and len(label)
            and all(t.tag_.startswith(_LABEL_TAGS) or t.is_space for t in label)
        ):
            out.append(m.end())
    return out


@Language.factory("dateline_headers", assigns=["token.is_sent_start"])
def make_headers(nlp: Language, name: str) -> HeaderSplitter:
    """Factory for :class:`HeaderSplitter`; add it before the parser."""
    return HeaderSplitter(name)


class HeaderSplitter(PipelineComponent):
    """Marks the word after a date heading as a sentence start (before the parser runs)."""

    def __init__(self, name: str = "dateline_headers") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for offset in [*header_ends(text_of(doc)), *label_ends(doc)]:
            span = doc.char_span(offset, offset + 1, alignment_mode="expand")
            if span is not None and span.start > 0:
                doc[span.start].is_sent_start = True
        return doc
