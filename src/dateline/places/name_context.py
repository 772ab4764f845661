"""Step 2 of place finding: what the text says around each candidate name.

:class:`NameContextReader` gives each name its unit word ("Dangam district", "province of Kunar",
"Kunar and Nangarhar provinces"), a direction adjective ("eastern"), its preposition, a container
("Zabul's districts of A and B", "Dangam district, eastern Kunar province"), and what would make it
something else: a title or given name before it ("Mr Farah", "Nawaz Sharif"), a longer organisation
name around it ("Washington Post", "Tehreek-i-Taliban Pakistan" -- but not "Pakistan's military"), a
demonym, an operation name, being the subject of "said". (The document context the resolver reads
for each candidate entry is :mod:`dateline.places.context`.)
"""

from __future__ import annotations

from collections.abc import Callable

from dateline.ingest.calendar_words import default_calendar
from dateline.places.lexicon import PlaceLexicon
from dateline.places.matches import DASHES, PLACE_LABELS, POSSESSIVES, PlaceNameMatch, TokenView

__all__ = ["PERSON_REASONS", "NameContextReader", "after_article", "joined_by", "kind_of_place"]

TITLE_BEFORE = "title or given name before"
#: Entity labels of spans that are no name, so never a longer name holding a place's.
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
#: Reasons for rejecting a name that make it a person's name wherever else the document uses it.
ACRONYM = "the acronym of the name before it"
#: Reasons no address undoes (a person's name, an organisation's acronym: "(SNA)" is no Sanaa).
PERSON_REASONS = frozenset({TITLE_BEFORE, "part of a longer PERSON name", "speaker", ACRONYM, "a title"})
#: Prepositions after which a place's name that is also a common word ("Police", "Mobile") is the
#: place: "from" or "by" may name the body ("reinforcement from Police").
_COMMON_WORD_PREPOSITIONS = frozenset({"in", "near", "outside", "around", "inside", "at"})
#: Lower-case words inside a name its acronym skips ("Transmission Company of Nigeria": TCN).
_ACRONYM_JOINERS = frozenset({"of", "for", "and", "the", "de", "al"})


def joined_by(
    view: TokenView, a: PlaceNameMatch, b: PlaceNameMatch, words: frozenset[str], directions: frozenset[str]
) -> bool:
    """Only ``words`` (and "the"/``directions``) separate ``a`` from ``b`` in one sentence."""
    if view.sent[a.start] != view.sent[b.start] or a.text_end > b.text_start:
        return False
    lowers = view.lowers
    toks = lowers[a.text_end : b.text_start]
    if not toks:
        return False
    joined = " ".join(toks)
    if joined in words:
        return True
    return all(t in words or t == "the" or t in directions for t in toks) and any(t in words for t in toks)


class NameContextReader:
    """Reads the words around candidate place names with a :class:`PlaceLexicon`."""

    def __init__(self, lexicon: PlaceLexicon, is_demonym: Callable[[str], bool] | None = None) -> None:
        self.lexicon = lexicon
        self.is_demonym = is_demonym or (lambda text: text.lower() in lexicon.demonyms)

    def read(self, view: TokenView, m: PlaceNameMatch) -> None:
        """Set the context of one name: unit, direction, preposition, possessive, and why it is not a
        place (``rejected``), if something says so."""
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
        # or first, capitalised, opening the name: "County Antrim", not "Titus County Jail"
        opener = lowers[m.start - 1] if m.start >= 1 else ""
        opens = opener in lex.unit_openers and view.name_like[m.start - 1]
        if m.unit is None and opens and not (m.start >= 2 and view.name_like[m.start - 2]):
            m.unit, m.text_start = lex.units.get(opener, opener), m.start - 1
        if m.unit is not None:
            m.evidence.add("unit")
        else:
            route = self._route_after(view, m)
            if route is not None:
                m.evidence.add("route")
                m.route = route if route in lex.route_words else None  # a bridge is where it is
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
        if self._residents(view, m):
            m.evidence.add("residents")
        if m.end < n and lowers[m.end] in POSSESSIVES and not view.name_like[m.end] and lowers[m.end] != "s":
            m.possessive = True
        if m.rejected is None:
            m.rejected = self._rejection(view, m)

    def _residents(self, view: TokenView, m: PlaceNameMatch) -> bool:
        """The name is where people live or serve: people or an office after it ("a 24-year-old
        Elkhart man", "Roselle police", "Woodstock Mayor Michael Harding"), or after a person and
        "of" ("John Smith of Winfield", "Jane Doe, 22, of Winfield")."""
        lex, lowers, texts, doc = self.lexicon, view.lowers, view.texts, view.doc
        start, after = m.text_start, m.text_end
        joined = start > 0 and view.name_like[start - 1] and not doc[start - 1].is_stop
        word = lowers[after] if not joined and after < view.n else ""
        if view.sent[min(after, view.n - 1)] == view.sent[m.start] and (
            word in lex.office_words or (word in lex.resident_nouns and texts[after].islower())
        ):
            return True
        if start < 2 or lowers[start - 1] != "of":
            return False
        k = start - 2
        if texts[k] == "," and k >= 2 and doc[k - 1].like_num and texts[k - 2] == ",":
            k -= 3  # ", 22, of": an age between the name and "of"
        return k >= 0 and view.ent_label[k] == "PERSON" and view.ent_end[k] == k + 1

    def _route_after(self, view: TokenView, m: PlaceNameMatch) -> str | None:
        """Is a road, bridge or crossing named after the name, or does one run between it and the
        names a dash joins it to ("the Halba highway", "the Ghazni-Sharan highway", "the Bar Elias-el
        Marj intersection")? Then the route word. The name is the route's whole name ("the French Hill
        junction" is no Hill), and a title-case route word counts only after a pair ("Kabul Road" may
        be a street of Peshawar)."""
        lex, lowers, texts, n = self.lexicon, view.lowers, view.texts, view.n
        words = lex.route_words | lex.crossing_words

        def named(k: int) -> bool:  # a word of a name, not the route's own
            return (view.name_like[k] or lowers[k] in lex.lowercase_prefixes) and lowers[k] not in words

        first = m.text_start
        k = m.text_end
        paired = first >= 2 and texts[first - 1] in DASHES and not view.spaced[first - 2] and named(first - 2)
        if not paired and first > 0 and view.name_like[first - 1]:
            return None
        while k + 1 < n and texts[k] in DASHES and not view.spaced[k - 1] and named(k + 1):
            start = k = k + 1
            while k < n and k - start < 4 and named(k):
                k += 1
            paired = True
        for width in (2, 1):
            last = k + width - 1
            if (
                last < n
                and view.sent[last] == view.sent[m.start]
                and " ".join(lowers[k : last + 1]) in words
                and (paired or all(texts[j].islower() for j in range(k, last + 1)))
            ):
                return " ".join(lowers[k : last + 1])
        return None

    def _preposition(self, view: TokenView, m: PlaceNameMatch) -> str | None:
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
        if k >= 1 and lowers[k] == "of" and lowers[k - 1] in lex.locative_nouns and not view.name_like[k - 1]:
            return f"{lowers[k - 1]} of"  # "the outskirts of Gardez", "10 km north of Zormat"
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

    def _modifier(self, view: TokenView, m: PlaceNameMatch) -> bool:
        """The name opens or closes an institution's or facility's name ("California Department of
        Health", "Da Nang International Airport", "the Health Ministry of Uganda")."""
        lowers, words = view.lowers, self.lexicon.institution_words
        first, last = view.ent_start[m.start], view.ent_end[m.start]
        first += lowers[first] == "the"
        found = False
        if m.text_start < m.start and view.name_like[m.text_start]:
            return False  # "Central Reserve Police Force": a capitalised direction is the name's own word
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

    def _mislabelled(self, view: TokenView, m: PlaceNameMatch, inside: str) -> bool:
        """A known name with locative support (a preposition, a unit word, a compass side) that spaCy
        read as an entity which cannot be it: the whole entity a date, a number or amount ("continues
        regularly in Winnipeg" read as a DATE) or a people that is no demonym ("eastern Aleppo" read
        as NORP), or an entity holding the preposition that the name closes ("the University of
        Alberta in Winnipeg" read as one ORG). A name that is only part of the entity ("in East Jebel
        Marrah" read as NORP "East Jebel") stays part of it."""
        if m.kind != "exact" or not (m.preposition or m.unit or "direction" in m.evidence):
            return False
        lowers, first, last = view.lowers, view.ent_start[m.start], view.ent_end[m.start]
        whole = m.text_start <= first + (lowers[first] == "the") and last <= m.text_end
        calendar = default_calendar()
        if any(
            lowers[k].rstrip(".") in calendar.months or lowers[k] in calendar.weekdays
            for k in range(m.start, m.end)
        ):
            return False  # "in March", "Monday through Saturday": the date it was read as
        # "in el Hermel" read as an ORG: the entity is the name and its article written apart
        article = view.texts[first].islower() and lowers[first] in self.lexicon.articles_apart
        if (whole and inside in _NOT_NAMES) or (article and m.text_start == first + 1 and last <= m.text_end):
            mislabelled = True
        elif whole and inside == "NORP":
            ent = view.text[view.doc[first].idx : view.doc[last - 1].idx + len(view.doc[last - 1])]
            mislabelled = not self.is_demonym(ent)
        else:
            lex = self.lexicon
            mislabelled = (
                m.preposition is not None
                and m.end == last
                and any(lowers[k] in lex.locative_prepositions for k in range(first + 1, m.text_start))
            )
        if mislabelled:
            m.inside = None
        return mislabelled

    def _blocked(self, view: TokenView, k: int) -> bool:
        """The preposition at ``k`` is part of a phrase such as "according to" or "linked to"."""
        return k > 0 and view.lowers[k - 1] in self.lexicon.preposition_blockers

    def _rejection(self, view: TokenView, m: PlaceNameMatch) -> str | None:
        """Why the name is not a place, or None."""
        if m.kind == "abbreviation":
            return None  # its context was checked when it was found
        lex, lowers, texts, doc = self.lexicon, view.lowers, view.texts, view.doc
        if _acronym(view, m):
            return ACRONYM
        before = m.text_start - 1
        if before >= 0 and texts[before] == "." and before > 0:
            before -= 1
        if before >= 0 and lowers[before].rstrip(".") in lex.person_titles and view.name_like[before]:
            return TITLE_BEFORE
        if m.key in lex.demonyms:
            return "demonym"
        if m.key in lex.person_titles and m.unit is None:
            return "a title"
        if (
            m.inside is not None
            or (
                view.ent_label[m.start]
                and m.label is None
                and m.kind == "exact"
                and view.ent_start[m.start] <= m.start
                and m.end <= view.ent_end[m.start]
                and (view.ent_start[m.start], view.ent_end[m.start]) != (m.start, m.end)
            )
        ) and not self._mislabelled(view, m, m.inside or view.ent_label[m.start]):
            inside = m.inside or view.ent_label[m.start]
            if inside == "PERSON":
                return "part of a longer PERSON name"
            if "route" in m.evidence:  # "the Kabul-Kandahar highway" read as one facility: its ends
                m.inside = None  # are places
            elif inside == "NORP":
                return "demonym"
            elif inside not in PLACE_LABELS and not m.possessive and not self._modifier(view, m):
                return f"part of a longer {inside} name"
            else:
                if inside not in PLACE_LABELS and m.possessive:
                    m.evidence.add("institution")  # "Pakistan’s Inter Service Intelligence Agency"
                m.inside = inside
        if (
            m.label == "NORP"
            and m.preposition is None
            and m.unit is None
            and not m.evidence & {"direction", "route"}
        ):
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
        if after < view.n and lowers[after] in lex.currency_words and m.unit is None:
            return "a currency"  # "the US dollar exchange rate", "Egyptian pounds": money, not the place
        if (
            after + 1 < view.n
            and texts[after] in DASHES
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
        if single and doc[m.start].is_stop and not texts[m.start].isupper():  # "The provinces"
            return "common word"
        if single and m.key in lex.unit_openers and m.end < view.n and view.name_like[m.end]:
            return "a unit word opening a name"  # "Colonia Moises Saenz": a neighbourhood, no Colonia
        if (
            m.key in lex.common_words
            and m.unit is None
            and (
                m.preposition is None
                or m.preposition.lower() not in _COMMON_WORD_PREPOSITIONS  # "reinforcement from Police"
                or view.sent[m.start] != view.sent[max(0, m.start - 1)]
                or m.start == 0
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

    def structures(self, view: TokenView, matches: list[PlaceNameMatch]) -> None:
        """Read what the names of a doc say about each other: containers ("Zabul's districts of A and
        B", "Dangam district, eastern Kunar province") and a plural unit word covering a list ("Kunar
        and Nangarhar provinces")."""
        lex, lowers = self.lexicon, view.lowers
        for idx, m in enumerate(matches):
            nxt = matches[idx + 1] if idx + 1 < len(matches) else None
            if nxt is not None and m.rejected is None and nxt.text_start < m.text_end <= nxt.start:
                # "Hurriya district of Baghdad": the unit word is the first name's, not "district of Baghdad"
                nxt.text_start = nxt.start
                if nxt.unit is not None and m.unit is not None:
                    nxt.unit = None
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
                        member: PlaceNameMatch | None = nxt
                        j = idx + 1
                        while member is not None:
                            member.container = view.surface(m)
                            member.unit = member.unit or unit
                            member.evidence.add("unit")
                            nxt2 = matches[j + 1] if j + 1 < len(matches) else None
                            if nxt2 is not None and joined_by(
                                view, member, nxt2, lex.list_words, lex.directions
                            ):
                                member, j = nxt2, j + 1
                            else:
                                member = None
            # "Kunar and Nangarhar provinces": a plural unit covers the list before it
            if m.unit_plural:
                j = idx
                while j > 0 and joined_by(view, matches[j - 1], matches[j], lex.list_words, lex.directions):
                    prev = matches[j - 1]
                    if prev.unit is None:
                        prev.unit = m.unit
                        prev.evidence.add("unit")
                    j -= 1
            # "Dangam district, eastern Kunar province", "Quetta, Pakistan"
            if nxt is not None and " ".join(lowers[m.text_end : nxt.text_start]) == ",":
                third = matches[idx + 2] if idx + 2 < len(matches) else None
                follows = third is not None and joined_by(view, nxt, third, lex.list_words, lex.directions)
                prev = matches[idx - 1] if idx > 0 else None
                listed = prev is not None and joined_by(view, prev, m, lex.list_words, lex.directions)
                # "in Basra, Baqir al-Sukkar, was killed": a person's name holds no place, unless the
                # address goes on after it ("Matanga, Babila Babombi, Ituri": a chiefdom read as a person)
                person = nxt.rejected in PERSON_REASONS and not _address_goes_on(view, nxt, third)
                if not follows and not listed and m.container is None and not person:
                    m.container = view.surface(nxt)


def _address_goes_on(view: TokenView, m: PlaceNameMatch, nxt: PlaceNameMatch | None) -> bool:
    """Do only capitalised words and commas, one comma at least, lie between ``m`` and ``nxt``?"""
    if nxt is None:
        return False
    between = range(m.end, nxt.start)
    return any(view.texts[k] == "," for k in between) and all(
        view.texts[k] == "," or view.name_like[k] for k in between
    )


def _acronym(view: TokenView, m: PlaceNameMatch) -> bool:
    """Is the name an upper-case word in brackets spelling the initials of the capitalised words
    before them ("the Somali National Army (SNA)", "Transmission Company of Nigeria (TCN)")?"""
    k, texts = (m.text_start if m.text_start >= 0 else m.start), view.texts
    word = texts[k] if 0 < k < view.n else ""
    if (
        (m.text_end if m.text_end >= 0 else m.end) != k + 1
        or texts[k - 1] != "("
        or not (word.isupper() and word.isalpha() and len(word) > 1)
    ):
        return False
    initials, j = "", k - 2
    while j >= 0 and k - j < 12 and (texts[j][:1].isupper() or view.lowers[j] in _ACRONYM_JOINERS):
        initials = (texts[j][0] if texts[j][:1].isupper() else "") + initials
        j -= 1
    return initials.endswith(word)


def kind_of_place(view: TokenView, m: PlaceNameMatch) -> bool:
    """ "a Fulani settlement", "an Alawite village": after "a" or "an", a people's name (or a word the
    gazetteer knows only by close spellings) with a unit word says what kind of place it is, not its
    name; "a Baghdad neighbourhood" still names Baghdad."""
    first = m.text_start if m.text_start >= 0 else m.start
    return m.unit is not None and first == m.start and first > 0 and view.lowers[first - 1] in ("a", "an")


def after_article(view: TokenView, m: PlaceNameMatch, lexicon: PlaceLexicon) -> bool:
    """Is the name written after an Arabic article standing apart in lower case ("el Aabde")?"""
    k = m.start - 1
    return k >= 0 and view.texts[k].islower() and view.lowers[k] in lexicon.articles_apart
