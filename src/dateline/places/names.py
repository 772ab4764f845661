"""Step 1 of place finding: which spans of a ``Doc`` are candidate place names.

:class:`NameScanner` scans runs of capitalised tokens (with hyphens and joiners such as "-e-" or
"al-") for the longest gazetteer names, with hash checks only (``is_prefix`` tells when a longer
name is still possible, at most ``max_name_tokens`` words). spaCy's GPE/LOC/FAC/ORG/PERSON spans
that no exact name covers are tried whole, without a unit word ("Kunar province"), and by
transliteration skeleton ("Day Chupan" = "Daychopan"). Postal abbreviations ("NY", "WA") are looked
up case-sensitively, and only in a locative context ("in NY", "Albany, NY").
"""

from __future__ import annotations

import re

from dateline.gazetteer.gazetteer import Gazetteer
from dateline.places.lexicon import PlaceLexicon
from dateline.places.matches import (
    DASHES,
    NAME_LABELS,
    PLACE_LABELS,
    POSSESSIVES,
    PlaceNameMatch,
    TokenView,
    covered_tokens,
)
from dateline.places.unknown import unknown_names

__all__ = ["NameScanner"]

#: Words that may stand before a place's name inside a place entity ("St. Marc", "the Congo").
_QUALIFIER_WORDS = frozenset(
    {"the", "st", "st.", "saint", "ste", "ste.", "san", "santa", "mount", "mt", "mt."}
)
#: Lower-case particles inside one name ("Morro do Juiz"), not "and", "e", "y" or "of".
_NAME_PARTICLES = frozenset({"de", "del", "della", "du", "des", "da", "do", "dos", "das", "di"})
#: Words of a name in an address bracket looked up by its close spellings.
_MAX_TAIL_TOKENS = 4
_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")
#: Written forms of two initials joined by an ampersand ("J&K"), with the full stop the tokenizer
#: may leave on them at a sentence's end.
_AMPERSAND_FORM = re.compile(r"[A-Z]&[A-Z]\.?")


def _capitals(word: str) -> bool:
    """An upper-case word of two or more letters ("VOTE", "IN")."""
    return len(word) > 1 and word.isupper() and word.isalpha()


class NameScanner:
    """Finds the candidate place names of a doc with a gazetteer's names and a :class:`PlaceLexicon`."""

    def __init__(self, gazetteer: Gazetteer, lexicon: PlaceLexicon) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self._direction_words = lexicon.directions | lexicon.direction_nouns

    def names(self, view: TokenView) -> list[PlaceNameMatch]:
        """Every candidate name of the doc, in text order."""
        matches = self._scan_runs(view)
        self._entity_names(view, matches)
        self._address_tails(view, matches)
        self._abbreviations(view, matches)
        unknown_names(view, matches, self.lexicon)
        return matches

    def _address_tails(self, view: TokenView, matches: list[PlaceNameMatch]) -> None:
        """Names inside an address bracket after a place known only by a close spelling ("Garabulli
        (Almargeb)", "(Radman, Al Bayda)": Al Marqab): a capitalised name after the bracket or a
        comma inside it, closed by the bracket or a comma (its unit word between: "(Baramulla
        district, J&K)"), that spaCy and the exact names missed."""
        covered = covered_tokens(view.n, matches)
        g, texts, n = self.gazetteer, view.texts, view.n
        opened = False
        i = 0
        while i < n:
            text = texts[i]
            if text == "(":
                opened = True
            elif text in (")", ".", ";"):
                opened = False
            if not (opened and text in ("(", ",") and i + 1 < n and view.name_like[i + 1]):
                i += 1
                continue
            end = i + 1
            while end < n and end - i <= _MAX_TAIL_TOKENS and view.name_like[end]:
                end += 1
            close = end + 1 if end < n and view.lowers[end] in self.lexicon.units else end
            if close < n and texts[close] in (")", ",") and not any(covered[i + 1 : end]):
                key = view.span_key(i + 1, end)
                if key and not g.is_name(key) and g.is_skeleton(g.normaliser.skeleton_of_key(key)):
                    found = PlaceNameMatch(i + 1, end, key, "skeleton", label=view.ent_label[i + 1] or None)
                    found.evidence.add("address")
                    matches.append(found)
            i = end
        matches.sort(key=lambda m: m.start)

    def _abbreviations(self, view: TokenView, matches: list[PlaceNameMatch]) -> None:
        """Postal abbreviations ("NY", "WA", "NSW") in a locative context: right after "in"/"of"
        written in lower or title case ("in NY", never "SHOOTING IN ..."), or after a comma that
        follows a name ("Albany, NY"), or read by the model as a place name ("the B.C. government").
        They are looked up exactly as written; a following
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
            elif _AMPERSAND_FORM.fullmatch(text):  # "Rajouri district, J&K", "in J&K." (one token)
                text = text.rstrip(".")
            elif not (2 <= len(text) <= longest and text.isupper() and text.isalpha()):
                continue
            if not g.is_abbreviation(text):
                continue
            same = [m for m in matches if i <= m.start and m.end <= i + width]
            before = texts[i - 1] if i > 0 and view.sent[i - 1] == view.sent[i] else ""
            k = i + width
            after = texts[k] if k < view.n and view.sent[k] == view.sent[i] else ""
            after_word = before.lower() in lex.abbreviation_prepositions and not before.isupper()
            if not after_word and before in (",", "("):
                if ends is None:
                    ends = {m.end for m in matches}
                # "Albany, NY"; "Baramulla district, J&K": the unit word between; in brackets only
                # after a unit word ("Poonch district (J&K)", "Kovvur town (AP)"; "KABUL (AP)" is the agency)
                after_unit = i - 2 in ends and view.lowers[i - 2] in lex.units
                after_place = after_unit and after == ")" if before == "(" else i - 1 in ends or after_unit
            else:
                after_place = False
            # "the B.C. government", "Scandal-plagued Ga. pastor": the model reads the form as a place
            labelled = (
                view.ent_label[i] == "GPE"
                and view.ent_start[i] == i
                and view.ent_end[i] == i + width
                and view.has_pos
                and i + width < view.n
                and view.doc[i + width].pos_ in ("NOUN", "PROPN", "NUM")  # not "Wash. your hands"
            )
            if not (after_word or after_place or labelled):
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
                if after_word or labelled:
                    whole[0].evidence.add("abbreviation")
                continue
            label = whole[0].label if whole else None
            for m in same:
                matches.remove(m)
            found = PlaceNameMatch(i, i + width, text, "abbreviation", label=label)
            if after_word or labelled or before == "(":
                found.evidence.add("abbreviation")
            matches.append(found)

    def _dotted(self, view: TokenView, i: int) -> tuple[str, int] | None:
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

    def _dotted_word(self, view: TokenView, i: int, *, min_letters: int) -> tuple[str, int] | None:
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

    def _starts_run(self, view: TokenView, i: int) -> bool:
        if view.name_like[i]:
            return True
        return (
            view.lowers[i] in self.lexicon.lowercase_prefixes
            and i + 2 < view.n
            and view.texts[i + 1] in DASHES
            and not view.spaced[i]
            and view.name_like[i + 2]
        )

    def _scan_runs(self, view: TokenView) -> list[PlaceNameMatch]:
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
                    or ((view.texts[j] in DASHES and view.glued(j)) or view.lowers[j] in lex.connectors)
                    and (
                        j + 1 < n
                        and (
                            view.name_like[j + 1]
                            or view.lowers[j + 1] in lex.connectors
                            or view.texts[j + 1] in DASHES
                        )
                    )
                ):
                    j += 1
                else:
                    break
            out.extend(self._scan_run(view, i, j))
            i = j
        return out

    def _scan_run(self, view: TokenView, start: int, end: int) -> list[PlaceNameMatch]:
        """Longest gazetteer names in the run ``[start, end)``, left to right."""
        out: list[PlaceNameMatch] = []
        p = start
        while p < end:
            if not self._starts_run(view, p):
                p += 1
                continue
            best = self._longest(view, p, end)
            if best is not None and self._continues(view, best[0], end):
                # "Morro do Juiz", "San Pedro de Ycuamandiyu": a name the gazetteer lacks, whose
                # first words are another's; the whole is an unknown name, never "Morro"
                out.append(PlaceNameMatch(p, end, view.span_key(p, end) or best[1], "unknown"))
                p = end
                continue
            if self._spaced_article(view, p, end):
                # "Al Jabal Al Gharbi": the province Jabal al Gharbi, not the names "Al Jabal" and
                # "Al Gharbi"; the article goes when the name after it reaches farther
                after = self._longest(view, p + 1, end)
                if after is not None and (best is None or after[0] > best[0]):
                    out.append(PlaceNameMatch(p, after[0], after[1], "exact"))
                    p = after[0]
                    continue
            if (best is None or best[0] <= p + 3) and self._article_of(view, p, end):
                # "Al-Rai": one name, never the article alone ("Ål") and a "Rai"
                best = self._after_article(view, p, end) or (best if best and best[0] > p + 1 else None)
            if best is None or (best[0] == p + 1 and best[1] in self._direction_words and p + 1 < end):
                p += 1
                continue
            out.append(PlaceNameMatch(p, best[0], best[1], "exact"))
            p = best[0]
        return out

    def _longest(self, view: TokenView, p: int, end: int) -> tuple[int, str] | None:
        """(end, key) of the longest gazetteer name starting at token ``p``, if any."""
        g, limit = self.gazetteer, self.lexicon.max_name_tokens
        parts: list[str] = []
        best: tuple[int, str] | None = None
        for q in range(p, end):
            k = view.key(q)
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
        return best

    def _continues(self, view: TokenView, e: int, end: int) -> bool:
        """Does the run go on after a name ending at token ``e`` with a particle and a capitalised
        word ("Morro" + "do Juiz")? Arabic articles are no such particle: "Mosul al Jadida" is a
        quarter of Mosul."""
        return e + 1 < end and view.lowers[e] in _NAME_PARTICLES and view.name_like[e + 1]

    def _spaced_article(self, view: TokenView, p: int, end: int) -> bool:
        """Is token ``p`` an Arabic article standing apart before a name ("Al Jabal")?"""
        return (
            p + 1 < end
            and view.name_like[p + 1]
            and self.gazetteer.normaliser.without_article(f"{view.lowers[p]} x") == "x"
        )

    def _article_of(self, view: TokenView, p: int, end: int) -> bool:
        """Is token ``p`` an Arabic article joined by a dash to a name ("Al-Rai", "Ar-Raqqah")?"""
        norm = self.gazetteer.normaliser
        return (
            p + 2 < end
            and view.texts[p + 1] in DASHES
            and view.glued(p + 1)
            and view.name_like[p + 2]
            and norm.without_article(f"{view.lowers[p]} {view.lowers[p + 2]}")
            != f"{view.lowers[p]} {view.lowers[p + 2]}"
        )

    def _after_article(self, view: TokenView, p: int, end: int) -> tuple[int, str] | None:
        """The name an article starts ("Al-Rai"), when the gazetteer knows it with or without the
        article; None when it knows neither (the article alone is never the name)."""
        g = self.gazetteer
        key = view.span_key(p, p + 3)
        if key and (g.is_name(key) or g.is_name(g.normaliser.without_article(key))):
            return p + 3, key
        return None

    def _core(self, view: TokenView, start: int, end: int) -> tuple[int, int, str | None]:
        """An entity's name part: without a leading "the"/direction and a trailing possessive or unit."""
        lex = self.lexicon
        while start < end and (
            view.lowers[start] in ("the", "a", "an") or view.texts[start] in lex.directions
        ):
            start += 1
        while end > start and view.lowers[end - 1] in POSSESSIVES and not view.name_like[end - 1]:
            end -= 1
        for width in (2, 1):
            if end - start > width:
                tail = " ".join(view.lowers[end - width : end])
                if tail in lex.units:
                    return start, end - width, lex.units[tail]
        return start, end, None

    def _qualifiers(self, view: TokenView, start: int, end: int) -> bool:
        """Are the entity's words before a name only a compass side, an article or a saint's title
        ("South America", "east Africa", "St. Marc"; not "Green Zone", whose "Zone" is no place)?"""
        lex = self.lexicon
        return all(
            w in lex.directions or w in lex.direction_nouns or w in _QUALIFIER_WORDS
            for w in view.lowers[start:end]
        )

    def _entity_names(self, view: TokenView, matches: list[PlaceNameMatch]) -> None:
        """Label names by the entities they are, and try entities no exact name covers as wholes."""
        g = self.gazetteer
        for ent in view.ents:
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
            key = view.span_key(start, end)
            kind = None
            if key and g.is_name(key):
                kind = "exact"
            elif key and label != "NORP" and g.is_skeleton(g.normaliser.skeleton_of_key(key)):
                kind = "skeleton"
            if kind is not None:
                for m in inner:
                    matches.remove(m)
                matches.append(PlaceNameMatch(start, end, key, kind, label=label))
            elif inner:
                listed = label not in PLACE_LABELS and any(view.texts[k] == "," for k in range(start, end))
                for m in inner:
                    if listed:  # "Pandi, Bulacan and Talavera farms" read as one ORG: a list, not a name
                        continue
                    m.inside = label
                    if label in ("GPE", "LOC") and m.end == end and self._qualifiers(view, start, m.start):
                        m.evidence.add("label")  # "South America", "east Africa", "St. Marc"
            elif label in PLACE_LABELS and key:
                matches.append(PlaceNameMatch(start, end, key, "unknown", label=label))
