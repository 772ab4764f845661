"""Place-name recognition: which spans of a parsed ``Doc`` name places, and what the text says around them.

:class:`PlaceFinder` reads a ``Doc`` in three steps:

1. **Names.** Runs of capitalised tokens (with hyphens and joiners such as "-e-" or "al-") are
   scanned for the longest gazetteer names, with hash checks only (``is_prefix`` tells when a
   longer name is still possible, at most ``max_name_tokens`` words). spaCy's GPE/LOC/FAC/ORG/PERSON
   spans that no exact name covers are tried whole, without a unit word ("Kunar province"), and by
   transliteration skeleton ("Day Chupan" = "Daychopan"). Postal abbreviations ("NY", "WA") are
   looked up case-sensitively, and only in a locative context ("in NY", "Albany, NY").
2. **Context.** Each name gets its unit word ("Dangam district", "province of Kunar", "Kunar and
   Nangarhar provinces"), a direction adjective ("eastern"), its preposition, a container
   ("Zabul's districts of A and B", "Dangam district, eastern Kunar province"), and what would make
   it something else: a title or given name before it ("Mr Farah", "Nawaz Sharif"), a longer
   organisation name around it ("Washington Post", "Tehreek-i-Taliban Pakistan" -- but not
   "Pakistan's military"), a demonym, an operation name, being the subject of "said".
3. **Decision.** A name is a place when nothing rejects it and something supports it: a spaCy
   place label, a unit word, a locative preposition, "in the east" after it, or a container. The
   rest are settled by the document: a name the words after it put inside an accepted place that
   holds a reading of it ("Sfuhen in the southern countryside of Idleb") is a place, a name
   accepted once is accepted everywhere it is not rejected, and a name listed beside an accepted
   place ("Ghazni, Zabul and Farah") is a place.

Each step is a module of its own: :mod:`dateline.places.names` (:class:`NameScanner`),
:mod:`dateline.places.name_context` (:class:`NameContextReader`) and :mod:`dateline.places.decision`
(:class:`PlaceDecider`); they share the candidates (:class:`PlaceNameMatch`) and the doc's token
arrays (:class:`TokenView`) of :mod:`dateline.places.matches`.

Everything the rules read (unit words, titles, demonyms, ...) is data: ``data/places.json``, held
by a :class:`PlaceLexicon`. Without a tagger, parser or entity recogniser (a blank pipeline) the
finder still works from capitalisation, unit words, prepositions and lists.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from dateline.gazetteer.gazetteer import Gazetteer
from dateline.places.decision import PlaceDecider, demonym_countries
from dateline.places.inside import accept_stated_inside
from dateline.places.lexicon import PlaceLexicon
from dateline.places.matches import ACCEPT, PlaceNameMatch, TokenView
from dateline.places.name_context import NameContextReader
from dateline.places.names import NameScanner
from dateline.places.references import PlaceReference, ReferenceReader
from dateline.places.resolver import PlaceMention
from dateline.places.unknown import anchor_unknown

# PlaceLexicon and demonym_countries are re-exported: the component imports them from here
__all__ = ["PlaceFinder", "PlaceLexicon", "PlaceNameMatch", "demonym_countries"]


class PlaceFinder:
    """Finds place mentions in a parsed ``Doc`` with a gazetteer's names and a :class:`PlaceLexicon`."""

    def __init__(
        self, gazetteer: Gazetteer, lexicon: PlaceLexicon | None = None, *, keep_unknown: bool = False
    ) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon or PlaceLexicon.default()
        self._names = NameScanner(gazetteer, self.lexicon)
        self._context = NameContextReader(self.lexicon, self._is_demonym)
        self._decider = PlaceDecider(gazetteer, self.lexicon, keep_unknown=keep_unknown)
        self._references = ReferenceReader(gazetteer, self.lexicon)

    def _is_demonym(self, text: str) -> bool:
        """``text`` names a people: a demonym of the lexicon or of the gazetteer ("Afghan")."""
        return text.lower() in self.lexicon.demonyms or self.gazetteer.is_abbreviation(text)

    @property
    def keep_unknown(self) -> bool:
        """Accept names the gazetteer does not know when spaCy labels them GPE/LOC or a unit word follows."""
        return self._decider.keep_unknown

    @keep_unknown.setter
    def keep_unknown(self, value: bool) -> None:
        self._decider.keep_unknown = value

    # -- public -------------------------------------------------------------------------------

    def mentions(self, doc: Doc, *, skip: tuple[int, int] | None = None) -> list[PlaceMention]:
        """The place mentions of ``doc`` in text order; names overlapping the char span ``skip`` (the
        dateline) are left out."""
        view = TokenView(doc, self.gazetteer)
        matches = self.analyse(view, skip=skip)
        return [self._mention(view, m) for m in matches if m.state == ACCEPT]

    def read(
        self, doc: Doc, *, skip: tuple[int, int] | None = None
    ) -> tuple[list[PlaceMention], list[PlaceReference]]:
        """The place mentions of ``doc`` (as :meth:`mentions`) and its other references to places:
        demonyms and names inside organisations' names (:mod:`dateline.places.references`)."""
        view = TokenView(doc, self.gazetteer)
        matches = self.analyse(view, skip=skip)
        mentions = [self._mention(view, m) for m in matches if m.state == ACCEPT]
        return mentions, self._references.read(view, matches, skip=skip)

    def mentions_for_spans(self, doc: Doc, spans: Sequence[tuple[int, int]]) -> list[PlaceMention]:
        """One mention per given char span (e.g. gold toponyms), with the context features the finder
        reads for its own mentions."""
        view = TokenView(doc, self.gazetteer)
        text = view.text
        matches = self.analyse(view)
        out: list[PlaceMention] = []
        for start, end in spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                out.append(PlaceMention(text=text[start:end], span=(start, end), name=text[start:end]))
                continue
            found = [m for m in matches if m.start < span.end and span.start < m.end]
            if found:
                m = max(found, key=lambda x: min(x.end, span.end) - max(x.start, span.start))
            else:
                m = PlaceNameMatch(span.start, span.end, view.span_key(span.start, span.end), "given")
                ent = view.ent_label[span.start]
                if ent and view.ent_start[span.start] == span.start and view.ent_end[span.start] == span.end:
                    m.label = ent
                self._context.read(view, m)
            mention = self._mention(view, m)
            name = mention.name
            if not (mention.span[0] >= start and mention.span[1] <= end) or m.start < span.start:
                name = text[start:end]
            out.append(
                PlaceMention(
                    text=text[start:end],
                    span=(start, end),
                    name=name,
                    unit=mention.unit,
                    sentence=mention.sentence,
                    label=mention.label,
                    container=mention.container,
                    preposition=mention.preposition,
                )
            )
        return out

    def analyse(self, view: TokenView, *, skip: tuple[int, int] | None = None) -> list[PlaceNameMatch]:
        """Every candidate name of the doc with its context and decision (``state``), in text order."""
        matches = self._names.names(view)
        if skip is not None:
            doc = view.doc
            matches = [
                m
                for m in matches
                if not (doc[m.start].idx < skip[1] and skip[0] < doc[m.end - 1].idx + len(doc[m.end - 1]))
            ]
        for m in matches:
            self._context.read(view, m)
        self._context.structures(view, matches)
        self._decider.address_chains(view, matches)
        self._decider.comma_chains(view, matches)
        for m in matches:
            self._decider.decide(view, m)
        accept_stated_inside(view, matches, self.gazetteer, self.lexicon)
        self._decider.settle(view, matches)
        self._decider.check_fuzzy(view, matches)
        anchor_unknown(view, matches, self.lexicon)
        return matches

    # -- output ---------------------------------------------------------------------------------

    def _mention(self, view: TokenView, m: PlaceNameMatch) -> PlaceMention:
        doc = view.doc
        ts = m.text_start if m.text_start >= 0 else m.start
        te = m.text_end if m.text_end >= 0 else m.end
        start, end = doc[ts].idx, doc[te - 1].idx + len(doc[te - 1])
        return PlaceMention(
            text=view.text[start:end],
            span=(start, end),
            name=view.surface(m),
            unit=m.unit,
            sentence=view.sent[m.start],
            label=m.label or m.inside or "gazetteer",
            container=m.container,
            preposition=m.preposition,
            route=m.route,
        )
