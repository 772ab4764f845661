"""The ``dateline_quotes`` component: direct quotes and their speakers, attribution phrases, hedges.

Add it after the model's ``ner``::

    nlp.add_pipe("dateline_quotes")
    doc = nlp(text)
    doc._.dateline_quotes        # [Quote dict]
    doc._.dateline_attributions  # [Attribution dict]
    doc._.dateline_hedges        # [Hedge dict]

A quote's ``span``/``text`` are the quoted words WITHOUT the quotation marks (and without a trailing
comma that belongs to the frame: "…training,” said X" gives "…training"). ``kind`` is ``"direct"``, or
``"scare"`` for one to three words used without a reporting frame (“good” Taliban). ``speaker_text`` is
the best-known name of the speaker in the document (or the source phrase as written, e.g. "sources",
or "" when none is found); ``speaker_span`` points at that name, ``speaker_mention`` holds the words of
the frame that name the speaker ("he", "the outgoing president").

In a pipeline without a parser (``spacy.blank("en")``) the component degrades: quotes are still found
from their marks, hedges from surface cues only, "according to" attributions from the following words,
but no speaker is given (``speaker_text`` is "").
"""

from __future__ import annotations

import bisect
import json
import re
from bisect import bisect_left
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from dateline.nlp.component import PipelineComponent, Serializers
from dateline.nlp.doc_cache import children_of, text_of, tokens_of
from dateline.nlp.extensions import doc_attrs, register_extensions
from dateline.nlp.gated_matcher import SentenceGatedMatcher
from dateline.quotes.attribution import AttributionLexicon, PersonIndex, SourceReader, Speaker
from dateline.quotes.hedges import HedgeFinder

register_extensions()

LEXICON_FILE = "lexicon.json"

_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n")
_DOUBLE = re.compile(r"[“”\"«»„]")
_WORD = re.compile(r"\w+")
_OPENERS = "“«„"
_CLOSERS = "”»"
_BEFORE_OPEN = " \t\n([{—–-/:"
_SCARE_MAX_WORDS = 3
_AFTER_TOKENS = 12  # how far after a quote its "…,” said X" frame may reach


@Language.factory(
    "dateline_quotes",
    default_config={"lexicon_path": None},
    assigns=doc_attrs("dateline_quotes", "dateline_attributions", "dateline_hedges"),
)
def make_quotes(nlp: Language, name: str, lexicon_path: str | None = None) -> QuoteExtractor:
    """Factory for :class:`QuoteExtractor` (``nlp.add_pipe("dateline_quotes")``)."""
    return QuoteExtractor(nlp, name, lexicon_path=lexicon_path)


class _Quote:
    """A quoted stretch of text: marks at ``open``/``close``, words at ``start``:``end``."""

    __slots__ = ("open", "close", "start", "end", "kind", "speaker", "cue", "verb")

    def __init__(self, open_: int, close: int, start: int, end: int) -> None:
        self.open, self.close, self.start, self.end = open_, close, start, end
        self.kind = "direct"
        self.speaker: Speaker | None = None
        self.cue: str | None = None
        self.verb: Token | None = None


def _paragraph_ends(text: str) -> list[int]:
    ends = [m.start() for m in _PARAGRAPH.finditer(text)]
    return [*ends, len(text)]


def _inner(text: str, open_: int, close: int) -> tuple[int, int] | None:
    """The quoted words between two marks, trimmed of spaces and a trailing comma."""
    start, end = open_ + 1, close
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return (start, end) if _WORD.search(text, start, end) else None


def find_quote_marks(text: str) -> list[tuple[int, int]]:
    """Pairs (open, close) of quotation-mark positions; ``close`` may be a paragraph end if unclosed.

    Curly marks have a fixed role; a straight ``"`` opens after a space or bracket and closes
    otherwise. A quote still open at a paragraph end is closed there when the next paragraph opens a
    new quote (the news convention for quotes running over several paragraphs).
    """
    ends = _paragraph_ends(text)

    def para_end(pos: int) -> int:
        return ends[bisect.bisect_left(ends, pos)]

    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    for m in _DOUBLE.finditer(text):
        i, ch = m.start(), m.group()
        if ch in _OPENERS:
            role = "open"
        elif ch in _CLOSERS:
            role = "close"
        else:
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            if opened is not None and not prev.isspace():
                role = "close"
            elif prev in _BEFORE_OPEN and not nxt.isspace():
                role = "open"
            else:
                role = "close" if opened is not None else "open"
        if (
            opened is not None
            and para_end(opened) < i
            and (role == "open" or para_end(opened) < ends[-1] and para_end(para_end(opened) + 1) < i)
        ):
            pairs.append((opened, para_end(opened)))
            opened = None
        if role == "open":
            if opened is None:
                opened = i
        elif opened is not None:
            pairs.append((opened, i))
            opened = None
    if opened is not None:
        end = para_end(opened)
        if len(_WORD.findall(text, opened, end)) >= 4:
            pairs.append((opened, end))
    return pairs


def find_single_quotes(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pairs of curly single marks (‘…’) outside double quotes, told apart from apostrophes."""
    pairs: list[tuple[int, int]] = []
    ends = _paragraph_ends(text)
    pos = text.find("‘")
    while pos >= 0:
        prev = text[pos - 1] if pos else " "
        inside = any(a <= pos <= b for a, b in taken)
        limit = min(ends[bisect.bisect_left(ends, pos)], pos + 300)
        close = -1
        if (
            not inside
            and (prev in _BEFORE_OPEN or prev in '“"')
            and pos + 1 < len(text)
            and not text[pos + 1].isspace()
        ):
            j = text.find("’", pos + 1, limit)
            while j >= 0:
                after = text[j + 1] if j + 1 < len(text) else " "
                if not after.isalnum() and not text[j - 1].isspace():
                    close = j
                    break
                j = text.find("’", j + 1, limit)
        if close >= 0:
            pairs.append((pos, close))
            pos = text.find("‘", close + 1)
        else:
            pos = text.find("‘", pos + 1)
    return pairs


class QuoteExtractor(PipelineComponent):
    """Finds quotes, attribution phrases and hedges; holds its :class:`AttributionLexicon`."""

    def __init__(
        self, nlp: Language, name: str = "dateline_quotes", *, lexicon_path: str | None = None
    ) -> None:
        self.name = name
        self.vocab = nlp.vocab
        if lexicon_path:
            lexicon = AttributionLexicon.from_dict(json.loads(Path(lexicon_path).read_text(encoding="utf-8")))
        else:
            lexicon = AttributionLexicon.default()
        self._set_lexicon(lexicon)

    def _set_lexicon(self, lexicon: AttributionLexicon) -> None:
        self.lexicon = lexicon
        self.reader = SourceReader(lexicon)
        self.hedges = HedgeFinder(self.vocab, lexicon.hedges, lexicon.negative_determiners)
        self._cues = SentenceGatedMatcher(self.vocab)
        for entry in lexicon.attribution_cues:
            self._cues.add(str(entry["cue"]), [entry["pattern"]])

    # --- customisation -----------------------------------------------------------------------------

    def add_reporting_verb(self, lemma: str, *, needs_clause: bool = False) -> None:
        """Treat ``lemma`` as a verb that frames quotes and attributions."""
        verbs = dict(self.lexicon.reporting_verbs)
        verbs[lemma.lower()] = {"needs_clause": True} if needs_clause else {}
        self.lexicon.reporting_verbs = verbs
        self._set_lexicon(self.lexicon)

    def add_title(self, title: str, alias_of: str | None = None) -> None:
        """Add a speaker title ("spokesperson"), optionally as another spelling of ``alias_of``."""
        self.lexicon.titles = [*self.lexicon.titles, title.lower()]
        if alias_of:
            self.lexicon.title_aliases = {**self.lexicon.title_aliases, title.lower(): alias_of.lower()}
        self._set_lexicon(self.lexicon)

    def add_hedge(self, modality: str, pattern: list[dict[str, Any]]) -> None:
        """Add a hedge cue as a spaCy ``Matcher`` pattern with its modality."""
        self.lexicon.hedges = [*self.lexicon.hedges, {"modality": modality, "pattern": pattern}]
        self._set_lexicon(self.lexicon)

    # --- spaCy protocol ----------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        parsed = doc.has_annotation("DEP") and doc.has_annotation("TAG")
        text = text_of(doc)
        quotes = self._quotes(text)
        hedges = self.hedges(doc)
        attributions: list[dict[str, Any]] = []
        if parsed:
            spans = [(q.open, q.close) for q in quotes if q.kind == "direct"]
            people = PersonIndex(doc, self.lexicon, spans)
            cue_spans = self._cues.spans(doc)
            self._attach_speakers(doc, text, quotes, people, cue_spans)
            attributions = self._attributions(doc, quotes, cue_spans)
        else:
            for cue in self._cues.spans(doc):
                found = self.reader._surface_cue(cue, cue.label_)
                if found:
                    attributions.append(found)
        doc._.dateline_quotes = [self._quote_dict(text, q) for q in quotes]
        doc._.dateline_attributions = attributions
        doc._.dateline_hedges = hedges
        return doc

    def serializers(self) -> Serializers:
        return {LEXICON_FILE: (self.lexicon.to_bytes, self._load_lexicon)}

    def _load_lexicon(self, data: bytes) -> None:
        self._set_lexicon(AttributionLexicon.from_bytes(data))

    # --- quotes ------------------------------------------------------------------------------------

    def _quotes(self, text: str) -> list[_Quote]:
        pairs = find_quote_marks(text)
        pairs += find_single_quotes(text, pairs)
        quotes: list[_Quote] = []
        for open_, close in sorted(pairs):
            inner = _inner(text, open_, close)
            if inner is None:
                continue
            q = _Quote(open_, close, *inner)
            words = _WORD.findall(text, q.start, q.end)
            ends_like_speech = text[q.end - 1] in ".?!…" or text[q.start : close].rstrip().endswith(",")
            if len(words) <= _SCARE_MAX_WORDS and not ends_like_speech:
                q.kind = "scare"
            elif text[open_] == "‘" and len(words) > _SCARE_MAX_WORDS and not ends_like_speech:
                continue  # a long single-quoted stretch with no speech ending: likely apostrophes
            quotes.append(q)
        return quotes

    def _attach_speakers(
        self, doc: Doc, text: str, quotes: list[_Quote], people: PersonIndex, cues: list
    ) -> None:
        starts = [t.idx for t in tokens_of(doc)]
        sents = list(doc.sents)
        sent_starts = [s.start_char for s in sents]
        in_quote = _Inside([(q.open, q.close) for q in quotes if q.kind == "direct"])
        reporting = [t.i for t in tokens_of(doc) if self.reader.is_reporting(t)] if quotes else []

        def blocked(t: Token) -> bool:
            """Inside a direct quote (some quote opens before the token and closes after it)."""
            return in_quote(t.idx)

        free = [i for i in reporting if not blocked(doc[i])]  # reporting verbs outside direct quotes
        free_starts = [starts[i] for i in free]
        free_set = set(free)

        def sent_at(char: int) -> int:
            return max(0, bisect.bisect_right(sent_starts, char) - 1)

        def tokens(a: int, b: int, most: int | None = None) -> list[Token]:
            first, last = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
            if most is not None:
                last = min(last, first + most)
            return [doc[i] for i in range(first, last)]

        for n, q in enumerate(quotes):
            prev_end = quotes[n - 1].close + 1 if n else 0
            next_open = quotes[n + 1].open if n + 1 < len(quotes) else len(text)
            si = sent_at(q.open)
            b_start = max(sents[si].start_char, prev_end)
            if (
                not _WORD.search(text, b_start, q.open)
                and si > 0
                and text[: sents[si].start_char].rstrip()[-1:] in ":,"
            ):
                b_start = max(sents[si - 1].start_char, prev_end)
            ei = sent_at(q.close)
            a_end = min(sents[ei].end_char, next_open)
            comma_end = text[q.start : q.close].rstrip().endswith((",", "?", "!")) or text[
                q.close + 1 : q.close + 3
            ].lstrip().startswith(",")
            if comma_end and not _WORD.search(text, q.close + 1, a_end) and ei + 1 < len(sents):
                a_end = min(sents[ei + 1].end_char, next_open)
            frame_start = min(b_start, sents[si].start_char)
            # the reporting verbs before the quote, outside direct quotes: found by bisection
            lo, hi = bisect.bisect_left(free_starts, frame_start), bisect.bisect_left(free_starts, q.open)
            after_toks = tokens(q.close + 1, a_end, _AFTER_TOKENS)
            after = [t for t in after_toks if self.reader.is_reporting(t)]
            if after:  # "…,” and adding that" is not a frame of the quote before it
                lead = after_toks[: after_toks.index(after[0])]
                framed_after = comma_end and not any(t.dep_ in ("cc", "mark") for t in lead)
            else:
                framed_after = False
            inside = tokens(q.start, q.end, 1)
            verb: Token | None = None
            if framed_after:
                verb = after[0]
            elif hi > lo:
                anchors = [
                    a.i
                    for a in (inside[0].ancestors if inside else ())
                    if a.i in free_set and frame_start <= a.idx < q.open
                ]
                verb = doc[max(anchors)] if anchors else doc[free[hi - 1]]
            elif after and q.kind == "direct":
                verb = after[0]
            if verb is not None:
                q.verb, q.cue = verb, verb.lower_
                source = self.reader.source_token(verb, blocked)
                nearby = [m for m in people.in_range(sents[si].start, verb.i) if not blocked(doc[m.start])]
                if source is not None:
                    q.speaker = self.reader.speaker(source, people)
                elif nearby:  # a misparsed subject: the person named just before the verb
                    q.speaker = self.reader.speaker(doc[nearby[-1].end - 1], people)
                elif (
                    n
                    and quotes[n - 1].speaker is not None
                    and quotes[n - 1].close >= sents[max(0, si - 1)].start_char
                ):
                    q.speaker = quotes[n - 1].speaker  # "“…,” he said, adding: “…”"
                continue
            cue = next((c for c in cues if b_start <= c.start_char < a_end), None)
            if cue is not None:
                pobj = next((c for c in children_of(cue[-1]) if c.dep_ == "pobj"), None)
                if pobj is not None and q.kind == "direct":
                    q.speaker, q.cue = self.reader.speaker(pobj, people), cue.label_
                continue
            alone = not _WORD.search(text, b_start, q.open) and not _WORD.search(text, q.close + 1, a_end)
            if alone and q.kind == "direct" and si > 0:
                self._standalone(doc, quotes, n, sents[si - 1], people)

    def _standalone(
        self, doc: Doc, quotes: list[_Quote], n: int, prev_sent: Any, people: PersonIndex
    ) -> None:
        """A quote standing alone: the speaker of the quote just before, or the previous sentence's."""
        q = quotes[n]
        for p in reversed(quotes[:n]):
            if p.kind == "direct" and p.close >= prev_sent.start_char and p.speaker is not None:
                q.speaker, q.cue = p.speaker, p.cue
                return
            if p.close < prev_sent.start_char:
                break
        inside = [(p.open, p.close) for p in quotes if p.kind == "direct"]
        strictly_inside = _Inside(inside)

        def outside(t: Token) -> bool:
            return not any(a <= t.idx <= b for a, b in inside)

        verbs = [t for t in prev_sent if self.reader.is_reporting(t) and outside(t)]
        for verb in reversed(verbs):
            source = self.reader.source_token(verb, lambda t: strictly_inside(t.idx))
            if source is not None:
                speaker = self.reader.speaker(source, people)
                if speaker is not None and speaker.is_person:
                    q.speaker, q.cue = speaker, verb.lower_
                    return
        persons = people.in_range(prev_sent.start, prev_sent.end)
        subjects = [m for m in persons if doc[m.start : m.end].root.dep_ in ("nsubj", "nsubjpass")]
        chosen = (subjects or persons or [None])[0]
        if chosen is not None:
            name_span = (chosen.start_char, chosen.end_char)
            q.speaker = Speaker(
                text=people.best_name(chosen),
                span=name_span,
                mention=chosen.name,
                mention_span=name_span,
                is_person=True,
            )

    @staticmethod
    def _quote_dict(text: str, q: _Quote) -> dict[str, Any]:
        s = q.speaker
        return {
            "speaker": None,
            "speaker_text": s.text if s else "",
            "text": text[q.start : q.end],
            "span": [q.start, q.end],
            "speaker_span": list(s.span) if s else None,
            "cue": q.cue,
            "kind": q.kind,
            "speaker_mention": s.mention if s else None,
            "speaker_mention_span": list(s.mention_span) if s else None,
        }

    # --- attributions ------------------------------------------------------------------------------

    def _attributions(self, doc: Doc, quotes: list[_Quote], cues: list) -> list[dict[str, Any]]:
        inside = _Inside([(q.open, q.close) for q in quotes if q.kind == "direct"])
        framing = {q.verb.i for q in quotes if q.verb is not None}

        def blocked(t: Token) -> bool:
            return inside(t.idx)

        found: list[dict[str, Any]] = []
        for token in tokens_of(doc):
            if inside(token.idx):
                continue
            att = self.reader.attribution(token, framed=token.i in framing, blocked=blocked)
            if att is not None:
                found.append(att)
        for cue in cues:
            if not inside(cue.start_char):
                att = self.reader.cue_attribution(cue, cue.label_)
                if att is not None:
                    found.append(att)
        found.sort(key=lambda a: (a["span"][0], -a["span"][1]))
        kept: list[dict[str, Any]] = []
        for att in found:
            if not any(k["span"] == att["span"] for k in kept):
                kept.append(att)
        return kept


class _Inside:
    """Whether a character offset lies strictly inside one of some spans (a direct quote's marks)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._opens: list[int] = []
        self._closes: list[int] = []
        for start, end in sorted(spans):
            if self._closes and start < self._closes[-1]:  # overlapping: one stretch
                self._closes[-1] = max(self._closes[-1], end)
            else:
                self._opens.append(start)
                self._closes.append(end)

    def __call__(self, offset: int) -> bool:
        k = bisect_left(self._opens, offset) - 1
        return k >= 0 and offset < self._closes[k]
