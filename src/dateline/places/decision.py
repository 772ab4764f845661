"""Step 3 of place finding: which candidate names are places.

:class:`PlaceDecider` accepts a name when nothing rejects it and something supports it: a spaCy
place label, a unit word, a locative preposition, "in the east" after it, or a container. The rest
are settled by the document: a name accepted once is accepted everywhere it is not rejected, a name
listed beside an accepted place ("Ghazni, Zabul and Farah") is a place, and a province or capital of
a country the document names is one. A transliteration match is kept only when some gazetteer name is
close enough to it.
"""

from __future__ import annotations

from dateline.gazetteer.entry import Entry
from dateline.gazetteer.gazetteer import Gazetteer
from dateline.places.context import contains
from dateline.places.lexicon import PlaceLexicon
from dateline.places.matches import ACCEPT, PENDING, PLACE_LABELS, REJECT, PlaceNameMatch, TokenView
from dateline.places.name_context import PERSON_REASONS, after_article, joined_by, kind_of_place
from dateline.places.unknown import NO_PLACE_CONTEXT, NOT_IN_GAZETTEER

__all__ = ["PlaceDecider", "demonym_countries"]

#: Feature codes that make a name notable whatever the population: admin-1 units, regions, seas.
_NOTABLE_CODES = frozenset({"ADM1", "CONT", "RGN", "OCN", "SEA", "GULF", "STRT", "LK"})
#: Capitals and seats of units: places a text may name bare.
_SEAT_CODES = frozenset({"PPLC", "PPLA", "PPLA2", "PPLA3", "PPLA4"})
#: The rejection of an organisation's name after "the", which a country's name is not.
_THE_ORGANISATION = "an organisation (the + name)"
#: The most capitalised words before a name that may still belong to it ("near Khutir Vilny").
_MAX_RUN = 3
#: Prepositions of nearness: what follows lies near or around ("near Mineralne").
_BESIDE = frozenset({"near", "outside", "around", "in and around"})
#: Provinces and the capitals of countries and provinces: what an article about a country names.
_MAJOR_CODES = frozenset({"ADM1", "PPLC", "PPLA"})


class PlaceDecider:
    """Decides which candidate names are places, with a gazetteer and a :class:`PlaceLexicon`."""

    def __init__(self, gazetteer: Gazetteer, lexicon: PlaceLexicon, *, keep_unknown: bool = False) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.keep_unknown = keep_unknown

    def decide(self, view: TokenView, m: PlaceNameMatch) -> None:
        """Accept a name something supports, reject one something rejects; the rest stay pending."""
        if m.rejected == _THE_ORGANISATION and m.kind == "exact" and self._country(m.key):
            m.rejected = None  # "the UAE", "the DPRK": a country read as an organisation
        if m.rejected == "demonym" and m.unit is not None and m.kind == "exact" and self._unit(m.key):
            m.rejected = None  # "Somali region", "Afar Region": Ethiopia's units, not peoples
        if m.rejected is not None:
            m.state = REJECT
            return
        ev = m.evidence
        if m.kind == "abbreviation":  # after "in"/"of"; after a comma, the name before vouches for it
            m.state = ACCEPT if "abbreviation" in ev else PENDING
            return
        if m.kind == "unknown":
            if self.keep_unknown and (m.label in ("GPE", "LOC") or "unit" in ev):
                m.state = ACCEPT
            else:  # unless the text links it to a known place (``unknown.anchor_unknown``)
                m.state, m.rejected = REJECT, NOT_IN_GAZETTEER
            return
        if (m.kind == "skeleton" or m.label == "NORP") and kind_of_place(view, m):
            m.state, m.rejected = REJECT, "a kind of place, not its name"
            return
        if m.kind == "skeleton":
            located = m.label in PLACE_LABELS and ev & {"preposition", "direction"}
            m.state = ACCEPT if (located or ev & {"unit", "container", "address"}) else PENDING
            return
        # spaCy's facilities (buildings, airports, roads) are not in the gazetteer: a facility's name
        # is a place only when it is the very name of a notable one ("Tamil Nadu" read as FAC), never
        # an alternate name ("the White House" = Casablanca) or a village of that name
        if (
            (m.label or m.inside) == "FAC"
            and not ev & {"unit", "direction", "container", "route"}
            and not self._notable(m.key, self.lexicon.min_population, primary=True)
            and not (m.label == "FAC" and self._country(m.key))  # "the embassy in the Holy See"
        ):
            if m.label == "FAC" and self._bare_locative(view, m):
                # "in Balad Ruz" read as a facility: the preposition places it, in a country the
                # document names (settled with the document; "at Heathrow" is no Florida village)
                m.label = None
                m.evidence.add("bare_locative")
                m.state = PENDING
                return
            m.state = REJECT
            m.rejected = "a facility"
            return
        if self._only_hamlets(m.key) and not (
            m.label in ("GPE", "LOC")
            or ev & {"unit", "container"}
            or (m.label != "PERSON" and ("route" in ev or self._beside(view, m)))
            or ("preposition" in ev and after_article(view, m, self.lexicon))
        ):
            return  # "Jail", "Day", "Lowe": a village's name is also a word; the document must say place
        if (
            m.label in PLACE_LABELS
            or ev
            & {"label", "unit", "direction", "container", "institution", "abbreviation", "residents", "route"}
            or (m.label == "ORG" and m.kind == "exact" and self._country(m.key))
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
                or self._beside(view, m)  # "near Mineralne": only a place lies near
                or self._notable(m.key, self.lexicon.min_population)
                or after_article(view, m, self.lexicon)  # "in ech Choueifat": an Arabic place's article
            )
        ):
            m.state = ACCEPT

    def address_chains(self, view: TokenView, matches: list[PlaceNameMatch]) -> None:
        """Read "X (Y, Z)" as an address: a name, then in brackets the units that hold it ("Bafut
        (Mezam, Nord-Ouest)", "Timbuktu (Tombouctou)"). The bracketed names are places whatever label
        spaCy gave them (it often reads the whole as an ORG), and Y is X's container when some reading
        of each lies in one country, or X is known only by close spellings or written with its unit
        word. Brackets holding anything but names and commas are no address; a name the gazetteer
        does not know, or knows only by close spellings, may stand in the chain ("Maphumulo (iLembe,
        KwaZulu-Natal)", "Nacutuco (Mucojo, Cabo Delgado)")."""
        by_start = {m.text_start: m for m in matches}
        by_end: dict[int, PlaceNameMatch] = {}
        for m in matches:  # the longest name ending there: "Sadar Upazila", not "Upazila"
            by_end.setdefault(m.text_end, m)
        texts, n = view.texts, view.n
        for opener in (i for i in range(1, n) if texts[i] == "("):
            members, k = self._bracketed(view, by_start, opener + 1)
            # a close spelling with its unit word is known too: "(Baramulla district, J&K)"
            known = [
                m for m in members if m.kind in _KNOWN_KINDS or (m.kind == "skeleton" and m.unit is not None)
            ]
            if k >= n or texts[k] != ")" or not known or not self._one_country(known):
                continue
            for member, outer in zip(members, members[1:], strict=False):
                if member.text_end < outer.text_start:  # "(Mezam, Nord-Ouest)": each lies in the next
                    member.container = member.container or _container_name(view, outer)
            for member in members:
                self._vouch(member)
            head = by_end.get(opener)
            j = opener
            while head is None and j > 1 and view.lowers[j - 1] in _UNIT_TAIL:
                j -= 1  # "Naushera sector area (Rajouri district, J&K)"
                head = by_end.get(j)
            if (
                head is not None
                and head.rejected not in PERSON_REASONS
                # a name known only by close spellings, or with its unit word ("Fakala Commune
                # (Djenne, Mopti)"), is what its bracket holds; so is any name before a bracket that is
                # an address of two links or more ("Mandoli (Bandiagara, Mopti)", a Delhi name too)
                and (
                    head.kind != "exact"
                    or head.unit is not None
                    or len(known) >= 2
                    or self._one_country([head, members[0]])
                )
            ):
                self._vouch(head)
                head.container = head.container or _container_name(view, members[0])

    def comma_chains(self, view: TokenView, matches: list[PlaceNameMatch]) -> None:
        """Read "X, Y" as an address when the gazetteer puts some place named X inside a unit or
        country named Y ("Oleksandrivka, Donetsk", "Mutassim, Samarra, Saladin, Iraq", "Hays, south
        of Al Hudaydah"): both are places whatever label spaCy gave them (it often reads a village
        as an ORG or a people and leaves the province bare). Names of a list hold none of each other."""
        lex = self.lexicon
        for m, nxt in zip(matches, matches[1:], strict=False):
            link = view.lowers[m.text_end : nxt.text_start]
            if not link or link[0] != "," or nxt.rejected in PERSON_REASONS:
                continue
            after = nxt.text_end if nxt.text_end >= 0 else nxt.end
            closes = after >= view.n or not view.name_like[after]
            if link == [","] and closes and not nxt.possessive and self._country(nxt.key):
                self._vouch(nxt)  # "Kolofata, Extreme-North, Cameroon": a country closes an address
            if m.rejected in PERSON_REASONS:
                continue
            rest = [w for w in link[1:] if w != "the"]
            if not (
                not rest
                or (len(rest) == 1 and rest[0] in ("in", "near"))
                or (len(rest) == 2 and rest[0] in lex.locative_nouns and rest[1] == "of")
                or (len(rest) == 2 and rest[0] == "in" and rest[1] in lex.directions)
            ):
                continue
            if not closes:
                continue  # "Freeland, U.S. Trade Representative": the name opens a title, no address
            if self._held_by(m.key, nxt.key):
                self._vouch(m)
                self._vouch(nxt)
            elif (self._placed(m) or self._after_locative(view, _start(m))) and self._unit(nxt.key):
                # "in the area of Zhabichevo, Donetsk", "near Khutir Vilny, Luhansk": the village
                # unknown (or read as something else), its province is a place
                self._vouch(nxt)
        for nxt in matches:  # "located at Kokhanebi, Tovuz": a village no name match covers
            k, after = _start(nxt) - 1, nxt.text_end if nxt.text_end >= 0 else nxt.end
            if (
                k >= 2
                and view.texts[k] == ","
                and view.name_like[k - 1]
                and nxt.rejected not in PERSON_REASONS
                and (after >= view.n or not view.name_like[after])
                and self._after_locative(view, k)
                and self._unit(nxt.key)
            ):
                self._vouch(nxt)

    @staticmethod
    def _placed(m: PlaceNameMatch) -> bool:
        """Does the text itself make the name a place (a place label, a locative preposition or a
        unit word)?"""
        return m.label in ("GPE", "LOC") or bool(m.evidence & {"preposition", "unit"})

    def _after_locative(self, view: TokenView, end: int) -> bool:
        """Does the run of capitalised words before token ``end`` follow a locative preposition
        ("near Khutir Vilny") or a locative noun's "of" ("in the area of Shakhta Trudovskaya")?"""
        k = end - 1
        first = k
        while k >= 0 and first - k < _MAX_RUN and view.name_like[k]:
            k -= 1
        if k < 0 or view.name_like[k]:
            return False
        lex, lowers = self.lexicon, view.lowers
        return lowers[k] in lex.locative_prepositions or (
            lowers[k] == "of" and k > 0 and lowers[k - 1] in lex.locative_nouns
        )

    def _unit(self, key: str) -> bool:
        """Is some place named ``key`` a country or an administrative unit?"""
        return any(e.is_country or e.feature_class == "A" for e in self.gazetteer.lookup_key(key))

    def _held_by(self, inner_key: str, outer_key: str) -> bool:
        """Does some unit or country named ``outer_key`` hold some place named ``inner_key``?"""
        g = self.gazetteer
        outers = [e for e in g.lookup_key(outer_key) if e.is_country or e.feature_class == "A"]
        if not outers:
            return False
        inners = g.lookup_key(inner_key)
        return any(contains(o, i, within_km=0.0) for o in outers for i in inners)

    @staticmethod
    def _bracketed(
        view: TokenView, by_start: dict[int, PlaceNameMatch], k: int
    ) -> tuple[list[PlaceNameMatch], int]:
        """The known names of a comma-separated list of names from token ``k``, and where it ends."""
        members: list[PlaceNameMatch] = []

        def word(i: int) -> bool:  # a name's word, or a lower-case article inside it ("Radman al Awadh")
            text = view.texts[i]
            if not text.isalpha():
                return False
            return not text.islower() or (
                text in _INNER_ARTICLES and i + 1 < view.n and view.texts[i + 1][:1].isupper()
            )

        for _ in range(4):  # at most four units
            first = k
            if k in by_start:
                members.append(by_start[k])
                k = by_start[k].text_end
                if k < view.n and view.texts[k] not in (",", ")") and view.texts[k] not in _INNER_ARTICLES:
                    return [], k  # "(Colorado Party)": a name and other words is no address
            while k < view.n and k - first < 6 and word(k):
                k += 1
            if k == first:
                return [], k
            if k < view.n and view.texts[k] == ",":
                k += 1
                continue
            break
        return members, k

    def _vouch(self, m: PlaceNameMatch) -> None:
        """A name an address vouches for: a place, whatever organisation or people spaCy read it as
        ("Bahawalpur, Punjab" with Punjab read as NORP), unless the name is a people's own."""
        demonym = m.rejected == "demonym" and m.key in self.lexicon.demonyms
        if m.rejected is not None and m.rejected not in PERSON_REASONS and not demonym:
            m.rejected, m.inside = None, None
        m.evidence.add("container")

    def _one_country(self, names: list[PlaceNameMatch]) -> bool:
        """Do the names have readings in one country (each name at least one)?"""
        shared: set[str] | None = None
        g = self.gazetteer
        for m in names:
            readings = {"skeleton": g.fuzzy, "abbreviation": g.abbreviation}.get(m.kind, g.lookup_key)(m.key)
            countries = {e.country_code for e in readings if e.country_code}
            shared = countries if shared is None else shared & countries
            if not shared:
                return False
        return bool(shared)

    def _bare_locative(self, view: TokenView, m: PlaceNameMatch) -> bool:
        """A known name right after a locative preposition, with no article ("in Balad Ruz", unlike
        "in the White House")."""
        first = m.text_start if m.text_start >= 0 else m.start
        return (
            m.kind == "exact"
            and not m.possessive  # "at St. Paul's": a building named after a saint
            and first > 0
            and view.lowers[first - 1] == m.preposition
            and bool(self.gazetteer.lookup_key(m.key))
        )

    @staticmethod
    def _beside(view: TokenView, m: PlaceNameMatch) -> bool:
        """Is the name, right after its preposition, what something lies near or around ("near
        Mineralne", "on the outskirts of Lozove", "in the area of Spartak"), which only a place can
        be ("outside the Interior Ministry" is a building)?"""
        p = m.preposition or ""
        first = _start(m)
        bare = first > 0 and view.lowers[first - 1] == p.split()[-1] if p else False
        return (
            bare and "institution" not in m.evidence and (p in _BESIDE or (p.endswith(" of") and p != "of"))
        )

    def _only_hamlets(self, key: str) -> bool:
        """Is every place of this name a village of no recorded population (no town, no unit)?"""
        entries = self.gazetteer.lookup_key(key)
        return bool(entries) and all(
            e.feature_class == "P" and e.population == 0 and e.feature_code not in _SEAT_CODES
            for e in entries
        )

    def _notable(self, key: str, floor: int, *, primary: bool = False) -> bool:
        """Some place of this name is a country, a first-level unit, a region or a town of ``floor``
        people; with ``primary``, only places whose own (not alternate) name it is count."""
        g = self.gazetteer
        return any(
            (e.is_country or e.feature_code in _NOTABLE_CODES or e.population >= floor)
            and (not primary or _own_name(g, key, e))
            for e in g.lookup_key(key)
        )

    def _country(self, key: str) -> bool:
        """Is ``key`` a name of a country ("the UAE", "the DPRK's concerns", "the Holy See"), which
        is a place whatever organisation or facility the model read it as?"""
        return any(e.is_country for e in self.gazetteer.lookup_key(key))

    def _sovereign(self, key: str) -> bool:
        """Is ``key`` a name of a country ("US", "the UAE") or the own name of a province or a
        national capital?"""
        g = self.gazetteer
        return any(
            e.is_country or (e.feature_code in ("ADM1", "PPLC") and _own_name(g, key, e))
            for e in g.lookup_key(key)
        )

    def settle(self, view: TokenView, matches: list[PlaceNameMatch]) -> None:
        """Accept pending names the document vouches for: the same name accepted elsewhere, a list
        with an accepted place, a container that is an accepted place. A name the document also
        uses for a person is none, unless something places it (a unit word, a container, people of
        it) or the model reads it as a place while it is a country's, province's or capital's own
        name, after a preposition or never written as a given name before a surname ("Egypt" read as
        a person once beside "aid to Egypt"; "Georgia said" beside "Georgia Stevens" is the girl)."""
        lex = self.lexicon
        persons = {m.key for m in matches if m.rejected in PERSON_REASONS}
        given = {m.key for m in matches if _given_name(view, m)}  # "Georgia Stevens": surely a person
        for ent in view.ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and view.name_like[ent.end - 1]:
                persons.add(view.key(ent.end - 1))
        for m in matches:
            if (
                m.state != REJECT
                and m.key in persons
                and not m.evidence & {"unit", "container", "residents"}
                and not (
                    m.label == "GPE"
                    and (m.preposition is not None or m.key not in given)
                    and self._sovereign(m.key)
                )
            ):
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
                    ok = joined_by(view, a, b, lex.list_words, lex.directions)
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
        bare = [m for m in matches if m.state == PENDING and "bare_locative" in m.evidence]
        countries = self._document_countries(view, matches) if unlabelled or bare else set()
        for m in unlabelled:
            if self._major_in(m.key, countries):
                m.state = ACCEPT
                m.evidence.add("country")
        for m in bare:
            # a place of its country, or a city a reader knows by that name ("near Abu Ghraib",
            # read as a facility: Abū Ghurayb, 900,000 people)
            if any(e.country_code in countries for e in self.gazetteer.lookup_key(m.key)) or self._notable(
                m.key, _KNOWN_CITY
            ):
                m.state = ACCEPT
        for m in matches:
            if m.state == PENDING:
                m.state = REJECT
                m.rejected = m.rejected or NO_PLACE_CONTEXT

    def _document_countries(self, view: TokenView, matches: list[PlaceNameMatch]) -> set[str]:
        """Countries the document names: accepted country names and its people's demonyms."""
        g = self.gazetteer
        found = {
            e.country_code
            for m in matches
            if m.state == ACCEPT and m.kind == "exact"
            for e in g.lookup_key(m.key)
            if e.is_country and e.country_code
        }
        for ent in view.ents:
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

    def check_fuzzy(self, view: TokenView, matches: list[PlaceNameMatch]) -> None:
        """A transliteration match is kept only when some name is close enough to it (a looser one
        when the text puts it inside a place holding it: :mod:`dateline.places.inside`)."""
        for m in matches:
            if m.state == ACCEPT and m.kind == "skeleton" and "inside" not in m.evidence:
                name = view.surface(m)
                best = max((c.score for c in self.gazetteer.candidates(name)), default=0.0)
                if best < self.lexicon.min_fuzzy_score:
                    m.state, m.rejected = REJECT, "transliteration too far from any name"


#: A town this populous is a place after a bare preposition whatever spaCy read its name as.
_KNOWN_CITY = 100_000
#: Words that may follow a name's own unit word before its address bracket ("sector area").
_UNIT_TAIL = frozenset({"area", "areas", "sector", "zone", "region", "village", "town", "district"})
#: Kinds of matches an address bracket knows (a name as written, a state's written form: "(J&K)").
_KNOWN_KINDS = frozenset({"exact", "abbreviation"})
#: Lower-case articles and particles inside a bracketed unit's name ("Radman al Awadh").
_INNER_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "de", "del", "la"})


def demonym_countries(gazetteer: Gazetteer, text: str) -> list[str]:
    """ISO codes of the countries whose people ``text`` names, exactly as written ("Afghan" -> AF)."""
    return [e.country_code for e in gazetteer.abbreviation(text) if e.is_country and e.country_code]


def _given_name(view: TokenView, m: PlaceNameMatch) -> bool:
    """The name opens a two-word PERSON entity: a given name before a surname ("Georgia Stevens")."""
    return (
        m.rejected in PERSON_REASONS
        and view.ent_label[m.start] == "PERSON"
        and view.ent_start[m.start] == m.start
        and view.ent_end[m.start] == m.end + 1
    )


def _own_name(gazetteer: Gazetteer, key: str, entry: Entry) -> bool:
    """Is the name key ``key`` the entry's own (not an alternate) name?"""
    return key in (gazetteer.normalise(entry.name), gazetteer.normalise(entry.ascii_name))


def _start(m: PlaceNameMatch) -> int:
    """The first token of the name as written (with its article or unit prefix)."""
    return m.text_start if m.text_start >= 0 else m.start


def _container_name(view: TokenView, m: PlaceNameMatch) -> str:
    """The name a container is looked up by: as written, with its unit word when the gazetteer knows
    it only by close spellings ("Rajouri district": the district Rajauri, not a town Rajura)."""
    name = view.surface(m)
    return f"{name} {m.unit}" if m.kind == "skeleton" and m.unit else name
