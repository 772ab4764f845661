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
   rest are settled by the document: a name accepted once is accepted everywhere it is not
   rejected, and a name listed beside an accepted place ("Ghazni, Zabul and Farah") is a place.

Everything the rules read (unit words, titles, demonyms, ...) is data: ``data/places.json``, held
by a :class:`PlaceLexicon`. Without a tagger, parser or entity recogniser (a blank pipeline) the
finder still works from capitalisation, unit words, prepositions and lists.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from dateline.gazetteer.entry import Entry
from dateline.gazetteer.gazetteer import Gazetteer
from dateline.places.lexicon import PlaceLexicon
from dateline.places.resolver import PlaceMention

__all__ = ["NameMatch", "PlaceFinder", "PlaceLexicon", "demonym_countries"]  # PlaceLexicon re-exported

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Feature codes that make a name notable whatever the population: admin-1 units, regions, seas.
_NOTABLE_CODES = frozenset({"ADM1", "CONT", "RGN", "OCN", "SEA", "GULF", "STRT", "LK"})
#: Provinces and the capitals of countries and provinces: what an article about a country names.
_MAJOR_CODES = frozenset({"ADM1", "PPLC", "PPLA"})
NAME_LABELS = frozenset(
    {"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
)
_POSSESSIVES = frozenset({"'s", "’s", "'", "’", "s"})
_DASHES = frozenset({"-", "‐", "‑", "–", "—"})
_NAME_MARKS = frozenset(".'’-‐‑")
_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")

ACCEPT, PENDING, REJECT = 1, 0, -1
_TITLE_BEFORE = "title or given name before"
_PERSON_REASONS = frozenset({_TITLE_BEFORE, "part of a longer PERSON name", "speaker"})


@dataclass(slots=True)
class NameMatch:
    """One candidate place name in a doc (token offsets) and its context; ``state`` is the decision."""

    start: int
    end: int
    key: str
    kind: str  # "exact" | "skeleton" | "unknown" | "given" | "abbreviation"
    label: str | None = None  # spaCy label of the entity the name is, when it is one
    inside: str | None = None  # label of a longer entity the name is only part of
    text_start: int = -1
    text_end: int = -1
    unit: str | None = None
    unit_plural: bool = False
    preposition: str | None = None
    container: str | None = None
    possessive: bool = False
    evidence: set[str] = field(default_factory=set)
    rejected: str | None = None  # why the name is not a place
    state: int = PENDING


class _View:
    """Per-doc token arrays, read once."""

    __slots__ = (
        "doc",
        "ent_end",
        "ent_label",
        "ent_start",
        "has_deps",
        "has_pos",
        "keys",
        "lowers",
        "n",
        "name_like",
        "sent",
        "spaced",
        "texts",
    )

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.n = n = len(doc)
        self.texts = [t.text for t in doc]
        self.lowers = [t.lower() for t in self.texts]
        self.spaced = [bool(t.whitespace_) for t in doc]
        self.name_like = [
            t[:1].isupper() and all(c.isalpha() or c in _NAME_MARKS for c in t) for t in self.texts
        ]
        self.keys: list[str | None] = [None] * n
        self.ent_label = [""] * n
        self.ent_start = [0] * n
        self.ent_end = [0] * n
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_label[i], self.ent_start[i], self.ent_end[i] = ent.label_, ent.start, ent.end
        self.sent = [0] * n
        if doc.has_annotation("SENT_START"):
            k = -1
            for i, tok in enumerate(doc):
                if i == 0 or tok.is_sent_start:
                    k += 1
                self.sent[i] = k
        self.has_pos = doc.has_annotation("POS")
        self.has_deps = doc.has_annotation("DEP")

    def key(self, i: int, finder: PlaceFinder) -> str:
        k = self.keys[i]
        if k is None:
            k = self.keys[i] = finder.gazetteer.normalise(self.texts[i])
        return k

    def span_key(self, start: int, end: int, finder: PlaceFinder) -> str:
        return " ".join(k for k in (self.key(i, finder) for i in range(start, end)) if k)

    def glued(self, i: int) -> bool:
        """Token ``i`` is attached to both neighbours (a hyphen inside "Khak-e")."""
        return i > 0 and not self.spaced[i - 1] and not self.spaced[i]


def _capitals(word: str) -> bool:
    """An upper-case word of two or more letters ("VOTE", "IN")."""
    return len(word) > 1 and word.isupper() and word.isalpha()


class PlaceFinder:
    """Finds place mentions in a parsed ``Doc`` with a gazetteer's names and a :class:`PlaceLexicon`."""

    def __init__(
        self, gazetteer: Gazetteer, lexicon: PlaceLexicon | None = None, *, keep_unknown: bool = False
    ) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon or PlaceLexicon.default()
        self.keep_unknown = keep_unknown
        lex = self.lexicon
        self._direction_words = lex.directions | lex.direction_nouns

    # -- public -------------------------------------------------------------------------------

    def mentions(self, doc: Doc, *, skip: tuple[int, int] | None = None) -> list[PlaceMention]:
        """The place mentions of ``doc`` in text order; names overlapping the char span ``skip`` (the
        dateline) are left out."""
        view = _View(doc)
        matches = self.analyse(view, skip=skip)
        return [self._mention(view, m) for m in matches if m.state == ACCEPT]

    def mentions_for_spans(self, doc: Doc, spans: Sequence[tuple[int, int]]) -> list[PlaceMention]:
        """One mention per given char span (e.g. gold toponyms), with the context features the finder
        reads for its own mentions."""
        view = _View(doc)
        matches = self.analyse(view)
        out: list[PlaceMention] = []
        for start, end in spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                out.append(
                    PlaceMention(text=doc.text[start:end], span=(start, end), name=doc.text[start:end])
                )
                continue
            found = [m for m in matches if m.start < span.end and span.start < m.end]
            if found:
                m = max(found, key=lambda x: min(x.end, span.end) - max(x.start, span.start))
            else:
                m = NameMatch(span.start, span.end, view.span_key(span.start, span.end, self), "given")
                ent = view.ent_label[span.start]
                if ent and view.ent_start[span.start] == span.start and view.ent_end[span.start] == span.end:
                    m.label = ent
                self._context(view, m)
            mention = self._mention(view, m)
            name = mention.name
            if not (mention.span[0] >= start and mention.span[1] <= end) or m.start < span.start:
                name = doc.text[start:end]
            out.append(
                PlaceMention(
                    text=doc.text[start:end],
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

    def analyse(self, view: _View, *, skip: tuple[int, int] | None = None) -> list[NameMatch]:
        """Every candidate name of the doc with its context and decision (``state``), in text order."""
        matches = self._names(view)
        if skip is not None:
            doc = view.doc
            matches = [
                m
                for m in matches
                if not (doc[m.start].idx < skip[1] and skip[0] < doc[m.end - 1].idx + len(doc[m.end - 1]))
            ]
        for m in matches:
            self._context(view, m)
        self._structures(view, matches)
        for m in matches:
            self._decide(view, m)
        self._settle(view, matches)
        self._check_fuzzy(view, matches)
        return matches

    # -- step 1: names --------------------------------------------------------------------------

    def _names(self, view: _View) -> list[NameMatch]:
        matches = self._scan_runs(view)
        self._entity_names(view, matches)
        self._abbreviations(view, matches)
        matches.sort(key=lambda m: m.start)
        return matches

    def _abbreviations(self, view: _View, matches: list[NameMatch]) -> None:
        """Postal abbreviations ("NY", "WA", "NSW") in a locative context: right after "in"/"of"
        written in lower or title case ("in NY", never "SHOOTING IN ..."), or after a comma that
        follows a name ("Albany, NY"). They are looked up exactly as written; a following
        capitalised word ("in NY Times") makes them part of a longer name instead. Out of such a
        context, the same letters beside another upper-case word are a headline's ordinary word
        ("VOTE IN OR OUT"), never a place."""
        g, lex, texts = self.gazetteer, self.lexicon, view.texts
        longest = lex.abbreviation_max_letters
        ends: set[int] | None = None
        for i in range(view.n):
            text = texts[i]
            width = 1
            dotted = self._dotted(view, i)
            if dotted is not None:  # "Montreal, Que.", "Louisville, Ky.": a news-style written form
                text, width = dotted
            elif not (2 <= len(text) <= longest and text.isupper() and text.isalpha()):
                continue
            if not g.is_abbreviation(text):
                continue
            same = [m for m in matches if i <= m.start and m.end <= i + width]
            before = texts[i - 1] if i > 0 and view.sent[i - 1] == view.sent[i] else ""
            k = i + width
            after = texts[k] if k < view.n and view.sent[k] == view.sent[i] else ""
            after_word = before.lower() in lex.abbreviation_prepositions and not before.isupper()
            if not after_word and before == ",":
                if ends is None:
                    ends = {m.end for m in matches}
                after_place = i - 1 in ends
            else:
                after_place = False
            if not (after_word or after_place):
                if any(_capitals(w) for w in (before, after)):
                    for m in same:
                        m.rejected = "a word in capitals"
                continue
            if after[:1].isupper() and not after.isupper():
                continue
            if any(m.start <= i < m.end for m in matches if m not in same):
                continue
            whole = [m for m in same if (m.start, m.end) == (i, i + width)]
            exact = whole and whole[0].kind == "exact"
            named = {e.id for e in g.lookup_key(whole[0].key)} if exact else set()
            if named & {e.id for e in g.abbreviation(text)}:  # "NSW" is also a name of its state
                if after_word:
                    whole[0].evidence.add("abbreviation")
                continue
            label = whole[0].label if whole else None
            for m in same:
                matches.remove(m)
            found = NameMatch(i, i + width, text, "abbreviation", label=label)
            if after_word:
                found.evidence.add("abbreviation")
            matches.append(found)

    def _dotted(self, view: _View, i: int) -> tuple[str, int] | None:
        """A news-style written form starting at token ``i``, as (written form, tokens), or None:
        a capitalised short word ending in a full stop ("Ky." one token, or "Que" and the "." the
        tokenizer split off), an initial before one ("W. Va.", "N. Dak.") or initials ("S.C.")."""
        if _INITIALS.fullmatch(view.texts[i]):  # "S.C.", "N.D." as one token
            return view.texts[i], 1
        first = self._dotted_word(view, i, min_letters=1)
        if first is None:
            return None
        word, width = first
        if len(word) == 2:  # an initial: only the start of a two-part form
            rest = self._dotted_word(view, i + width, min_letters=2) if view.spaced[i + width - 1] else None
            return (f"{word} {rest[0]}", width + rest[1]) if rest is not None else None
        return first

    def _dotted_word(self, view: _View, i: int, *, min_letters: int) -> tuple[str, int] | None:
        if i >= view.n:
            return None
        text = view.texts[i]
        if text.endswith("."):
            word, width = text[:-1], 1
        elif i + 1 < view.n and view.texts[i + 1] == "." and not view.spaced[i]:
            word, width = text, 2
        else:
            return None
        fits = min_letters <= len(word) <= self.lexicon.written_form_max_letters and word.isalpha()
        capitalised = word[:1].isupper() and (len(word) == 1 or word[1:].islower())
        return (word + ".", width) if fits and capitalised else None

    def _starts_run(self, view: _View, i: int) -> bool:
        if view.name_like[i]:
            return True
        return (
            view.lowers[i] in self.lexicon.lowercase_prefixes
            and i + 2 < view.n
            and view.texts[i + 1] in _DASHES
            and not view.spaced[i]
            and view.name_like[i + 2]
        )

    def _scan_runs(self, view: _View) -> list[NameMatch]:
        lex, n, out = self.lexicon, view.n, []
        i = 0
        while i < n:
            if not self._starts_run(view, i):
                i += 1
                continue
            j = i + 1
            while j < n and view.sent[j] == view.sent[i]:
                if (
                    view.name_like[j]
                    or ((view.texts[j] in _DASHES and view.glued(j)) or view.lowers[j] in lex.connectors)
                    and (
                        j + 1 < n
                        and (
                            view.name_like[j + 1]
                            or view.lowers[j + 1] in lex.connectors
                            or view.texts[j + 1] in _DASHES
                        )
                    )
                ):
                    j += 1
                else:
                    break
            out.extend(self._scan_run(view, i, j))
            i = j
        return out

    def _scan_run(self, view: _View, start: int, end: int) -> list[NameMatch]:
        """Longest gazetteer names in the run ``[start, end)``, left to right."""
        g, limit, out = self.gazetteer, self.lexicon.max_name_tokens, []
        p = start
        while p < end:
            if not self._starts_run(view, p):
                p += 1
                continue
            parts: list[str] = []
            best: tuple[int, str] | None = None
            for q in range(p, end):
                k = view.key(q, self)
                if not k:
                    continue
                parts.append(k)
                if len(parts) > limit:
                    break
                if view.name_like[q]:
                    key = " ".join(parts)
                    if g.is_name(key):
                        best = (q + 1, key)
                    if not g.is_prefix(key):
                        break
            if best is None or (best[0] == p + 1 and best[1] in self._direction_words and p + 1 < end):
                p += 1
                continue
            out.append(NameMatch(p, best[0], best[1], "exact"))
            p = best[0]
        return out

    def _core(self, view: _View, start: int, end: int) -> tuple[int, int, str | None]:
        """An entity's name part: without a leading "the"/direction and a trailing possessive or unit."""
        lex = self.lexicon
        while start < end and (
            view.lowers[start] in ("the", "a", "an") or view.texts[start] in lex.directions
        ):
            start += 1
        while end > start and view.lowers[end - 1] in _POSSESSIVES and not view.name_like[end - 1]:
            end -= 1
        for width in (2, 1):
            if end - start > width:
                tail = " ".join(view.lowers[end - width : end])
                if tail in lex.units:
                    return start, end - width, lex.units[tail]
        return start, end, None

    def _entity_names(self, view: _View, matches: list[NameMatch]) -> None:
        """Label names by the entities they are, and try entities no exact name covers as wholes."""
        g = self.gazetteer
        for ent in view.doc.ents:
            label = ent.label_
            if label not in NAME_LABELS:
                for m in matches:
                    if m.start < ent.end and ent.start < m.end and ent.start <= m.start and m.end <= ent.end:
                        if label == "LANGUAGE" and (m.start, m.end) == (ent.start, ent.end):
                            continue  # a name read as a language ("eastern Aleppo"): no label at all
                        m.inside = label
                continue
            start, end, unit = self._core(view, ent.start, ent.end)
            if start >= end or not view.name_like[start]:
                continue
            if view.lowers[start] in self.lexicon.operation_words:
                for m in matches:
                    if ent.start <= m.start and m.end <= ent.end:
                        m.rejected = "operation name"
                continue
            full_end = end + (len(unit.split()) if unit else 0)
            whole = next((m for m in matches if m.start == start and m.end in (end, full_end)), None)
            if whole is not None:
                whole.label = label
                continue
            inner = [m for m in matches if start <= m.start and m.end <= end]
            if any(
                m.start < end and start < m.end and not (start <= m.start and m.end <= end) for m in matches
            ):
                continue  # a name straddling the entity's edge ("Khak-e Afghan" around NORP "Afghan")
            key = view.span_key(start, end, self)
            kind = None
            if key and g.is_name(key):
                kind = "exact"
            elif key and label != "NORP" and g.is_skeleton(g.normaliser.skeleton_of_key(key)):
                kind = "skeleton"
            if kind is not None:
                for m in inner:
                    matches.remove(m)
                matches.append(NameMatch(start, end, key, kind, label=label))
            elif inner:
                listed = label not in PLACE_LABELS and any(view.texts[k] == "," for k in range(start, end))
                for m in inner:
                    if listed:  # "Pandi, Bulacan and Talavera farms" read as one ORG: a list, not a name
                        continue
                    m.inside = label
                    if label in ("GPE", "LOC") and m.end == end:
                        m.evidence.add("label")  # "South America", "east Africa", "St. Marc"
            elif label in PLACE_LABELS and key:
                matches.append(NameMatch(start, end, key, "unknown", label=label))

    # -- step 2: context ------------------------------------------------------------------------

    def _context(self, view: _View, m: NameMatch) -> None:
        lex, lowers, n = self.lexicon, view.lowers, view.n
        m.text_start, m.text_end = m.start, m.end
        # a unit word that is part of the name ("Hall County" in "the Hall County town")
        if m.end - m.start > 1 and lowers[m.end - 1] in lex.units:
            m.unit = lex.units[lowers[m.end - 1]]
        # else one after it ("Dangam district", "Kunar and Nangarhar provinces")
        for width in (2, 1):
            if m.unit is None and m.end + width <= n:
                tail = " ".join(lowers[m.end : m.end + width])
                if tail in lex.units and view.sent[m.end + width - 1] == view.sent[m.start]:
                    m.unit, m.unit_plural = lex.units[tail], tail != lex.units[tail]
                    m.text_end = m.end + width
                    break
        # or before: "the province of Kunar"
        if (
            m.unit is None
            and m.start >= 2
            and lowers[m.start - 1] == "of"
            and lowers[m.start - 2] in lex.unit_prefixes
        ):
            m.unit, m.text_start = lex.units.get(lowers[m.start - 2], lowers[m.start - 2]), m.start - 2
        if m.unit is not None:
            m.evidence.add("unit")
        if m.text_start > 0 and lowers[m.text_start - 1] in lex.directions:
            m.text_start -= 1
            if view.texts[m.text_start].islower():  # "eastern Aleppo": only places have compass sides
                m.evidence.add("direction")
        m.preposition = self._preposition(view, m)
        if m.preposition is not None:
            m.evidence.add("preposition")
        after = m.text_end
        if (
            after + 2 < n
            and lowers[after] == "in"
            and lowers[after + 1] == "the"
            and lowers[after + 2] in lex.direction_nouns
        ):
            m.evidence.add("direction")
        if m.end < n and lowers[m.end] in _POSSESSIVES and not view.name_like[m.end] and lowers[m.end] != "s":
            m.possessive = True
        if m.rejected is None:
            m.rejected = self._rejection(view, m)

    def _preposition(self, view: _View, m: NameMatch) -> str | None:
        lex, lowers = self.lexicon, view.lowers
        k = m.text_start - 1
        steps = 0
        while (
            k >= 0
            and steps < 3
            and lowers[k] in lex.skip_before
            and lowers[k] not in lex.locative_prepositions
        ):
            k -= 1
            steps += 1
        if (
            k >= 0
            and lowers[k] in lex.locative_prepositions
            and not view.name_like[k]
            and not self._blocked(view, k)
        ):
            return lowers[k]
        if view.has_deps:
            tok = view.doc[m.end - 1]
            head = tok.head
            if (
                tok.dep_ == "pobj"
                and head.lower_ in lex.locative_prepositions
                and head.i < m.start
                and not any(view.name_like[j] for j in range(head.i + 1, m.text_start))
                and not self._blocked(view, head.i)
            ):
                return head.lower_
        return None

    def _modifier(self, view: _View, m: NameMatch) -> bool:
        """The name opens or closes an institution's or facility's name ("California Department of
        Health", "Da Nang International Airport", "the Health Ministry of Uganda")."""
        lowers, words = view.lowers, self.lexicon.institution_words
        first, last = view.ent_start[m.start], view.ent_end[m.start]
        first += lowers[first] == "the"
        found = False
        if m.text_start == first:
            k = m.text_end
            while k < view.n and k - m.text_end < 3 and view.name_like[k] and not found:
                found = lowers[k] in words
                k += 1
        elif m.text_end == last and lowers[m.text_start - 1] in ("of", ","):
            found = any(lowers[k] in words for k in range(first, m.text_start))
        if found:
            m.evidence.add("institution")
        return found

    def _blocked(self, view: _View, k: int) -> bool:
        """The preposition at ``k`` is part of a phrase such as "according to" or "linked to"."""
        return k > 0 and view.lowers[k - 1] in self.lexicon.preposition_blockers

    def _rejection(self, view: _View, m: NameMatch) -> str | None:
        """Why the name is not a place, or None."""
        if m.kind == "abbreviation":
            return None  # its context was checked when it was found
        lex, lowers, texts, doc = self.lexicon, view.lowers, view.texts, view.doc
        before = m.text_start - 1
        if before >= 0 and texts[before] == "." and before > 0:
            before -= 1
        if before >= 0 and lowers[before].rstrip(".") in lex.person_titles and view.name_like[before]:
            return _TITLE_BEFORE
        if m.key in lex.demonyms:
            return "demonym"
        if m.key in lex.person_titles and m.unit is None:
            return "a title"
        if m.inside is not None or (
            view.ent_label[m.start]
            and m.label is None
            and m.kind == "exact"
            and view.ent_start[m.start] <= m.start
            and m.end <= view.ent_end[m.start]
            and (view.ent_start[m.start], view.ent_end[m.start]) != (m.start, m.end)
        ):
            inside = m.inside or view.ent_label[m.start]
            if inside == "PERSON":
                return "part of a longer PERSON name"
            if inside == "NORP":
                return "demonym"
            if inside not in PLACE_LABELS and not m.possessive and not self._modifier(view, m):
                return f"part of a longer {inside} name"
            if inside not in PLACE_LABELS and m.possessive:
                m.evidence.add("institution")  # "Pakistan’s Inter Service Intelligence Agency"
            m.inside = inside
        if m.label == "NORP" and m.preposition is None and m.unit is None:
            return "demonym"  # a NORP name the demonym list does not know counts only in a locative context
        if before >= 0 and (
            lowers[before] in lex.operation_words
            or (
                view.name_like[before]
                and lowers[before] in lex.org_words
                and view.sent[before] == view.sent[m.start]
            )
        ):
            return "part of an organisation or operation name"
        after = m.text_end
        if after < view.n and view.name_like[after] and lowers[after] in lex.org_words:
            return "part of an organisation name"
        if (
            after + 1 < view.n
            and texts[after] in _DASHES
            and not view.spaced[after - 1]
            and texts[after + 1][:1].isdigit()
        ):
            return "operation name"
        if m.label in ("ORG", "PERSON") and m.start > 0 and lowers[m.start - 1] == "the" and not m.unit:
            nxt = m.end
            modifier = (
                nxt < view.n and texts[nxt][:1].islower() and texts[nxt].isalpha() and not doc[nxt].is_stop
            )
            if not modifier:
                return "an organisation (the + name)"
        single = m.end - m.start == 1
        if single and m.key in lex.org_words and m.unit is None:
            return "organisation word"
        if (
            single
            and view.has_pos
            and m.unit is None
            and doc[m.start].pos_ not in ("PROPN", "NOUN")
            and (
                m.start == 0
                or view.sent[m.start - 1] != view.sent[m.start]
                or not texts[m.start - 1].isalnum()
            )
        ):
            return "not a name"
        if single and doc[m.start].is_stop and not texts[m.start].isupper() and m.unit is None:
            return "common word"
        if (
            m.key in lex.common_words
            and m.unit is None
            and (
                m.preposition is None or view.sent[m.start] != view.sent[max(0, m.start - 1)] or m.start == 0
            )
        ):
            return "common word"
        if m.label not in PLACE_LABELS and view.has_deps and m.unit is None:
            tok = doc[m.end - 1]
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in lex.reporting_verbs:
                return "speaker"
        if (
            m.label is None
            and m.inside is None
            and single
            and view.has_pos
            and m.unit is None
            and doc[m.start].pos_ not in ("PROPN",)
            and not m.preposition
        ):
            return "not a proper noun"
        return None

    # -- step 3: lists, containers, decisions ---------------------------------------------------

    def _between(self, view: _View, a: NameMatch, b: NameMatch, words: frozenset[str]) -> bool:
        """Only ``words`` (and "the"/directions) separate ``a`` from ``b`` in one sentence."""
        if view.sent[a.start] != view.sent[b.start] or a.text_end > b.text_start:
            return False
        lex, lowers = self.lexicon, view.lowers
        toks = lowers[a.text_end : b.text_start]
        if not toks:
            return False
        joined = " ".join(toks)
        if joined in words:
            return True
        return all(t in words or t == "the" or t in lex.directions for t in toks) and any(
            t in words for t in toks
        )

    def _structures(self, view: _View, matches: list[NameMatch]) -> None:
        lex, lowers = self.lexicon, view.lowers
        for idx, m in enumerate(matches):
            nxt = matches[idx + 1] if idx + 1 < len(matches) else None
            # "Zabul's districts of A and B", "Afghanistan's three provinces including A, B and C"
            if m.possessive and nxt is not None:
                k = m.end + 1
                while (
                    k < view.n
                    and k - m.end <= 4
                    and lowers[k] not in lex.units
                    and (
                        view.doc[k].like_num
                        or lowers[k] in lex.directions
                        or lowers[k] in ("other", "two", "several")
                    )
                ):
                    k += 1
                unit = lex.units.get(lowers[k]) if k < view.n else None
                if unit is not None:
                    k += 1
                    opener = " ".join(lowers[k : nxt.text_start])
                    if nxt.text_start == k or opener in lex.list_openers:
                        m.evidence.add("container")
                        member: NameMatch | None = nxt
                        j = idx + 1
                        while member is not None:
                            member.container = self._surface(view, m)
                            member.unit = member.unit or unit
                            member.evidence.add("unit")
                            nxt2 = matches[j + 1] if j + 1 < len(matches) else None
                            if nxt2 is not None and self._between(view, member, nxt2, lex.list_words):
                                member, j = nxt2, j + 1
                            else:
                                member = None
            # "Kunar and Nangarhar provinces": a plural unit covers the list before it
            if m.unit_plural:
                j = idx
                while j > 0 and self._between(view, matches[j - 1], matches[j], lex.list_words):
                    prev = matches[j - 1]
                    if prev.unit is None:
                        prev.unit = m.unit
                        prev.evidence.add("unit")
                    j -= 1
            # "Dangam district, eastern Kunar province", "Quetta, Pakistan"
            if nxt is not None and " ".join(lowers[m.text_end : nxt.text_start]) == ",":
                third = matches[idx + 2] if idx + 2 < len(matches) else None
                follows = third is not None and self._between(view, nxt, third, lex.list_words)
                prev = matches[idx - 1] if idx > 0 else None
                listed = prev is not None and self._between(view, prev, m, lex.list_words)
                if not follows and not listed and m.container is None:
                    m.container = self._surface(view, nxt)

    def _decide(self, view: _View, m: NameMatch) -> None:
        if m.rejected is not None:
            m.state = REJECT
            return
        ev = m.evidence
        if m.kind == "abbreviation":  # after "in"/"of"; after a comma, the name before vouches for it
            m.state = ACCEPT if "abbreviation" in ev else PENDING
            return
        if m.kind == "unknown":
            m.state = ACCEPT if self.keep_unknown and (m.label in ("GPE", "LOC") or "unit" in ev) else REJECT
            return
        if m.kind == "skeleton":
            located = m.label in PLACE_LABELS and ev & {"preposition", "direction"}
            m.state = ACCEPT if (located or ev & {"unit", "container"}) else PENDING
            return
        # spaCy's facilities (buildings, airports, roads) are not in the gazetteer: a facility's name
        # is a place only when it is the very name of a notable one ("Tamil Nadu" read as FAC), never
        # an alternate name ("the White House" = Casablanca) or a village of that name
        if (
            (m.label or m.inside) == "FAC"
            and not ev & {"unit", "direction", "container"}
            and not self._notable(m.key, self.lexicon.min_population, primary=True)
        ):
            m.state = REJECT
            m.rejected = "a facility"
            return
        if (
            m.label in PLACE_LABELS
            or ev & {"label", "unit", "direction", "container", "institution", "abbreviation"}
            or (
                m.label is None
                and m.inside is None
                and self.lexicon.min_population_unlabelled > 0
                and self._notable(m.key, self.lexicon.min_population_unlabelled)
            )
            or "preposition" in ev
            and (
                m.label is not None
                or m.inside is not None
                or self._notable(m.key, self.lexicon.min_population)
            )
        ):
            m.state = ACCEPT

    def _notable(self, key: str, floor: int, *, primary: bool = False) -> bool:
        """Some place of this name is a country, a first-level unit, a region or a town of ``floor``
        people; with ``primary``, only places whose own (not alternate) name it is count."""
        g = self.gazetteer
        return any(
            (e.is_country or e.feature_code in _NOTABLE_CODES or e.population >= floor)
            and (not primary or _own_name(g, key, e))
            for e in g.lookup_key(key)
        )

    def _settle(self, view: _View, matches: list[NameMatch]) -> None:
        """Accept pending names the document vouches for: the same name accepted elsewhere, a list
        with an accepted place, a container that is an accepted place."""
        lex = self.lexicon
        persons = {m.key for m in matches if m.rejected in _PERSON_REASONS}
        for ent in view.doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and view.name_like[ent.end - 1]:
                persons.add(view.key(ent.end - 1, self))
        for m in matches:
            if m.state != REJECT and m.key in persons and not m.evidence & {"unit", "container"}:
                m.state, m.rejected = REJECT, "a person's name in this document"
        changed = True
        while changed:
            changed = False
            accepted = {m.key for m in matches if m.state == ACCEPT}
            for idx, m in enumerate(matches):
                if m.state != PENDING:
                    continue
                ok = m.kind == "exact" and m.key in accepted and m.key not in lex.common_words
                for other in (
                    matches[idx - 1] if idx > 0 else None,
                    matches[idx + 1] if idx + 1 < len(matches) else None,
                ):
                    if ok or other is None or other.state != ACCEPT:
                        continue
                    a, b = (other, m) if other.start < m.start else (m, other)
                    ok = self._between(view, a, b, lex.list_words)
                    if not ok and a is m and m.container is not None:
                        ok = " ".join(view.lowers[a.text_end : b.text_start]) == ","
                if ok:
                    m.state = ACCEPT
                    changed = True
        # "Afghan forces retook Ghazni" (read as ORG): a province or capital of a country it names
        unlabelled = [
            m
            for m in matches
            if m.state == PENDING and m.kind == "exact" and m.label != "PERSON" and m.inside is None
        ]
        countries = self._document_countries(view, matches) if unlabelled else set()
        for m in unlabelled:
            if self._major_in(m.key, countries):
                m.state = ACCEPT
                m.evidence.add("country")
        for m in matches:
            if m.state == PENDING:
                m.state = REJECT
                m.rejected = m.rejected or "no place context"

    def _document_countries(self, view: _View, matches: list[NameMatch]) -> set[str]:
        """Countries the document names: accepted country names and its people's demonyms."""
        g = self.gazetteer
        found = {
            e.country_code
            for m in matches
            if m.state == ACCEPT and m.kind == "exact"
            for e in g.lookup_key(m.key)
            if e.is_country and e.country_code
        }
        for ent in view.doc.ents:
            if ent.label_ == "NORP":
                found.update(demonym_countries(g, ent.text))
        return found

    def _major_in(self, key: str, countries: set[str]) -> bool:
        """Is ``key`` the own name of a province or of a national or provincial capital in one of
        ``countries``?"""
        if not countries:
            return False
        g = self.gazetteer
        return any(
            e.country_code in countries and e.feature_code in _MAJOR_CODES and _own_name(g, key, e)
            for e in g.lookup_key(key)
        )

    def _check_fuzzy(self, view: _View, matches: list[NameMatch]) -> None:
        """A transliteration match is kept only when some name is close enough to it."""
        for m in matches:
            if m.state == ACCEPT and m.kind == "skeleton":
                name = self._surface(view, m)
                best = max((c.score for c in self.gazetteer.candidates(name)), default=0.0)
                if best < self.lexicon.min_fuzzy_score:
                    m.state, m.rejected = REJECT, "transliteration too far from any name"

    # -- output ---------------------------------------------------------------------------------

    def _surface(self, view: _View, m: NameMatch) -> str:
        doc = view.doc
        return doc.text[doc[m.start].idx : doc[m.end - 1].idx + len(doc[m.end - 1])]

    def _mention(self, view: _View, m: NameMatch) -> PlaceMention:
        doc = view.doc
        ts = m.text_start if m.text_start >= 0 else m.start
        te = m.text_end if m.text_end >= 0 else m.end
        start, end = doc[ts].idx, doc[te - 1].idx + len(doc[te - 1])
        return PlaceMention(
            text=doc.text[start:end],
            span=(start, end),
            name=self._surface(view, m),
            unit=m.unit,
            sentence=view.sent[m.start],
            label=m.label or m.inside or "gazetteer",
            container=m.container,
            preposition=m.preposition,
        )


def demonym_countries(gazetteer: Gazetteer, text: str) -> list[str]:
    """ISO codes of the countries whose people ``text`` names, exactly as written ("Afghan" -> AF)."""
    return [e.country_code for e in gazetteer.abbreviation(text) if e.is_country and e.country_code]


def _own_name(gazetteer: Gazetteer, key: str, entry: Entry) -> bool:
    """Is the name key ``key`` the entry's own (not an alternate) name?"""
    return key in (gazetteer.normalise(entry.name), gazetteer.normalise(entry.ascii_name))
