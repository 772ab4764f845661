"""The country a phrase of a document is set in: the nearest country word or place of its sentence."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc

from dateline.nlp.extensions import get_list

#: ``near(i, skip=(start, end))``: the country of the nearest mark to token ``i`` in its sentence,
#: leaving out the tokens ``start``:``end`` (the phrase's own), else the document's main country.
CountryNear = Callable[..., "str | None"]


def country_near(doc: Doc, country_words: Iterable[tuple[int, str]], primary: str | None) -> CountryNear:
    """``country_words``: (token, ISO code) of the country words the text writes; the places of the
    document (``doc._.dateline_places``) are marks too; ``primary`` is the document's main country."""
    marks = list(country_words)
    for place in get_list(doc, "dateline_places"):
        code = place.get("country_code")
        for m in place.get("mentions") or [] if code else []:
            span = doc.char_span(m["span"][0], m["span"][1], alignment_mode="expand")
            if span is not None and len(span):
                marks.append((span.start, code))
    marks.sort()

    def near(i: int, skip: tuple[int, int] = (0, 0)) -> str | None:
        sent = doc[i].sent if doc.has_annotation("SENT_START") else doc[:]
        local = [
            (abs(t - i), iso) for t, iso in marks if sent.start <= t < sent.end and not skip[0] <= t < skip[1]
        ]
        return min(local)[1] if local else primary

    return near
