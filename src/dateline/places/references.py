"""Place references that are not the story's places: the country a text names by its people, a place
named inside an organisation's name, and the place a story was filed from.

Geoparsing gold standards (the "pragmatic guide" corpora: GeoWebNews, LGL, TR-News) annotate these as
toponyms -- associative and modifier uses of a place name -- while the events and actors dateline
reads must not take them for where something happened: "Russian officials" met nobody in Russia,
"Kentucky State Police" may patrol anywhere, and a dateline names where the report was written. So
they are kept apart from ``doc._.dateline_places`` as ``doc._.dateline_place_references``, one dict
each (``kind``, ``text``, ``span`` and the gazetteer fields of a record ``Place``):

* ``"demonym"``: a nationality adjective ("Russian officials", "a Sri Lankan ship", "European
  leaders") read as its country, continent or region, exactly as the gazetteer writes its demonyms.
  A people's plural ("Mexicans", "Nigerians") names people, not the place, and is left out, as is
  a demonym that modifies no word after it ("an American", "speaks in Spanish");
* ``"in_name"``: a place name opening or closing an organisation's name ("Kentucky State Police",
  "the University of Alberta", "CTV Winnipeg"), when the document names that place elsewhere (it
  then means the same place), a unit word names it ("McLean County Coroner"), or it is a country's
  name or a province's or a national capital's own (a word such as "Commerce" or "Green" is some
  town's name too);
* ``"affiliation"``: the place in a politician's party tag ("Sen. Tom Jensen, R-London", "Rep. Nick
  Rahall, D-W. Va.");
* ``"dateline"``: the place of the story's dateline ("KABUL (Reuters) -"), and of a dateline
  opening a later sentence ("... a fire. COLUMBUS -- The board met"; a story after its headline).

:class:`ReferenceReader` finds them on the finder's candidates; the ``dateline_places`` component
resolves the in-name and dateline ones with the document's places as context.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dateline.gazetteer.entry import Entry
from dateline.gazetteer.gazetteer import Gazetteer
from dateline.places.lexicon import PlaceLexicon
from dateline.places.matches import ACCEPT, DASHES, PlaceNameMatch, TokenView
from dateline.places.resolver import PlaceMention, PlaceResolver, Resolution

__all__ = [
    "KINDS",
    "PlaceReference",
    "ReferenceReader",
    "dateline_references",
    "reference_dict",
    "resolve_references",
]

KINDS = ("demonym", "in_name", "dateline", "affiliation")
#: Party letters of a politician's tag ("Sen. Tom Jensen, R-London").
_PARTIES = frozenset({"R", "D", "I", "DFL", "Ind"})
#: Rejections that leave a name standing inside an organisation's or a facility's name.
_IN_NAME_REASONS = frozenset(
    {"part of a longer ORG name", "part of a longer FAC name", "part of an organisation name"}
)
#: What ends a dateline: "--", a dash or a colon.
_SEPARATORS = frozenset({"--", "---", "-", "–", "—", ":"})
#: Unit words that make a name inside an organisation's name an administrative unit ("State" in
#: "Wright State University" or "Valley" in "Valley College" do not).
_ADMIN_UNITS = frozenset(
    {"county", "district", "province", "governorate", "prefecture", "oblast", "township"}
)
#: Feature codes a name inside an organisation's name may stand for whatever the population.
_IN_NAME_CODES = frozenset({"ADM1", "PPLC"})
#: What a demonym may name besides a country: a continent ("European"; a world region's point,
#: "Central American", is no point of the region a reader has in mind).
_DEMONYM_CODES = frozenset({"CONT"})


@dataclass(frozen=True, slots=True)
class PlaceReference:
    """One reference: its kind and mention; ``entry`` is known for demonyms, else resolved later."""

    kind: str
    mention: PlaceMention
    entry: Entry | None = None


def reference_dict(kind: str, mention: PlaceMention, entry: Entry) -> dict[str, Any]:
    """The ``doc._.dateline_place_references`` dict of one resolved reference."""
    return {
        "kind": kind,
        "text": mention.text,
        "span": [mention.span[0], mention.span[1]],
        **entry.to_place_fields(),
    }


def resolve_references(
    resolver: PlaceResolver,
    resolutions: Sequence[Resolution],
    references: Sequence[PlaceReference],
    context: Mapping[str, Any],
) -> list[dict[str, Any]]:
    """The dicts of a doc's references in text order: those read with their entry (demonyms,
    written forms) as read; an in-name one that is the name of a resolved mention as that mention;
    the others resolved after the document's own mentions (whose readings are not changed: they
    were resolved before, without these). A reference no entry matches is left out."""
    named = {r.mention.name.lower(): r.entry for r in resolutions if r.entry is not None}
    found = [(r.kind, r.mention, r.entry or named.get(r.mention.name.lower())) for r in references]
    pending = [(kind, m) for kind, m, entry in found if entry is None]
    found = [item for item in found if item[2] is not None]
    if pending:
        mentions = [r.mention for r in resolutions]
        results = resolver.resolve([*mentions, *(m for _, m in pending)], **context)[len(mentions) :]
        found += [(kind, m, res.entry) for (kind, m), res in zip(pending, results, strict=True)]
    found.sort(key=lambda item: item[1].span)
    return [reference_dict(kind, m, entry) for kind, m, entry in found if entry is not None]


def dateline_references(
    text: str, dateline: Mapping[str, Any] | None, gazetteer: Gazetteer
) -> list[PlaceReference]:
    """The story's dateline as references: its place ("KABUL" in "KABUL (Reuters) -", the region
    its container) and its region ("Ky." in "EDMONTON, Ky. (WBKO) --", a written form read as its
    province; "South Korea" in "SEOUL, South Korea (CNN) -")."""
    if not dateline or not dateline.get("place") or not dateline.get("span"):
        return []
    s, e = (int(x) for x in dateline["span"])
    region = dateline.get("region")
    place = PlaceMention(text=text[s:e], span=(s, e), name=dateline["place"], label="GPE", container=region)
    out = [PlaceReference("dateline", place)]
    end = int((dateline.get("full_span") or (s, len(text)))[1])
    at = text.find(region, e, end) if region else -1
    if region and at >= 0:
        mention = PlaceMention(text=region, span=(at, at + len(region)), name=region, label="GPE")
        written = [x for x in gazetteer.abbreviation(region) if x.is_country or x.feature_code == "ADM1"]
        out.append(PlaceReference("dateline", mention, written[0] if written else None))
    return out


class ReferenceReader:
    """Finds demonym and in-name references among a doc's tokens and the finder's candidates."""

    def __init__(self, gazetteer: Gazetteer, lexicon: PlaceLexicon) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon

    def read(
        self, view: TokenView, matches: list[PlaceNameMatch], *, skip: tuple[int, int] | None = None
    ) -> list[PlaceReference]:
        """The references of a doc, in text order (none overlapping an accepted place name or the
        char span ``skip``, the dateline)."""
        taken = [(m.text_start, m.text_end) for m in matches if m.state == ACCEPT]
        if skip is not None:
            doc = view.doc
            inside = [i for i in range(view.n) if skip[0] <= doc[i].idx < skip[1]]
            if inside:
                taken.append((inside[0], inside[-1] + 1))
        found = (
            self._in_names(view, matches)
            + self._datelines(view, matches)
            + self._affiliations(view, matches)
            + self._demonyms(view, taken)
        )
        return sorted(found, key=lambda r: r.mention.span)

    # -- party tags -------------------------------------------------------------------------------

    def _affiliations(self, view: TokenView, matches: list[PlaceNameMatch]) -> list[PlaceReference]:
        """The place in a politician's party tag ("Sen. Tom Jensen, R-London", "Rep. Nick Rahall,
        D-W. Va."): where the politician comes from or whom they represent."""
        out: list[PlaceReference] = []
        texts, doc = view.texts, view.doc
        by_start = {m.start: m for m in matches}
        for i in range(3, view.n):
            if (
                texts[i - 1] not in DASHES
                or view.spaced[i - 2]
                or view.spaced[i - 1]
                or texts[i - 2] not in _PARTIES
                or texts[i - 3] != ","
            ):
                continue
            entry, end = None, i
            for j in range(i + 1, min(view.n, i + 4) + 1):  # a written form first: "N.Y.", "W. Va."
                if texts[j - 1] == ",":
                    break
                written = view.text[doc[i].idx : doc[j - 1].idx + len(doc[j - 1])]
                if self.gazetteer.is_abbreviation(written):
                    entry, end = self.gazetteer.abbreviation(written)[0], j
            m = by_start.get(i)
            if entry is None:
                if m is None or m.state == ACCEPT:
                    continue
                end = m.end
            elif m is not None and m.state == ACCEPT and m.end >= end:
                continue
            s, e = doc[i].idx, doc[end - 1].idx + len(doc[end - 1])
            name = view.text[s:e]
            mention = PlaceMention(text=name, span=(s, e), name=name, sentence=view.sent[i], label="GPE")
            out.append(PlaceReference("affiliation", mention, entry))
        return out

    # -- datelines inside the text --------------------------------------------------------------

    def _datelines(self, view: TokenView, matches: list[PlaceNameMatch]) -> list[PlaceReference]:
        """Datelines opening a sentence after the first line ("... fire. COLUMBUS -- The board met",
        "CHARLESTON, W.Va. (AP) -- Volunteers"): a place name in capitals starting a sentence, its
        region after a comma and an agency in brackets, then a dash. A name the finder accepted is a
        place mention already; the others are dateline references."""
        out: list[PlaceReference] = []
        texts, n = view.texts, view.n
        by_start = {m.start: m for m in matches}
        for m in matches:
            words = [w for w in texts[m.start : m.end] if w.isalpha()]
            if not words or not all(w.isupper() and len(w) > 1 for w in words):
                continue
            if (
                m.start > 0
                and view.sent[m.start - 1] == view.sent[m.start]
                and texts[m.start - 1] not in ".!?"
            ):
                continue
            members, k = [m], m.end
            if k + 1 < n and texts[k] == "," and k + 1 in by_start:
                members.append(by_start[k + 1])
                k = by_start[k + 1].end
            if k < n and texts[k] == "(":
                close = next((j for j in range(k + 1, min(n, k + 6)) if texts[j] == ")"), None)
                k = close + 1 if close is not None else k
            if k >= n or texts[k] not in _SEPARATORS:
                continue
            region = view.surface(members[1]) if len(members) > 1 else None
            for member, container in zip(members, (region, None), strict=False):
                if member.state == ACCEPT:
                    continue
                s, e = (
                    view.doc[member.start].idx,
                    view.doc[member.end - 1].idx + len(view.doc[member.end - 1]),
                )
                name = view.text[s:e]
                mention = PlaceMention(
                    text=name,
                    span=(s, e),
                    name=name,
                    sentence=view.sent[member.start],
                    label="GPE",
                    container=container,
                )
                out.append(PlaceReference("dateline", mention))
        return out

    # -- demonyms ---------------------------------------------------------------------------------

    def _demonyms(self, view: TokenView, taken: list[tuple[int, int]]) -> list[PlaceReference]:
        out: list[PlaceReference] = []
        i = 0
        while i < view.n:
            found = None
            for width in (2, 1):  # "Sri Lankan", "South Korean" before "Korean"
                j = i + width
                if j <= view.n and all(view.name_like[k] for k in range(i, j)):
                    found = self._demonym(view, i, j)
                    if found is not None:
                        break
            if found is None or any(s < found[1] and found[0] < e for s, e in taken):
                i += 1
                continue
            start, end, entry = found
            doc = view.doc
            s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
            text = view.text[s:e]
            mention = PlaceMention(text=text, span=(s, e), name=text, sentence=view.sent[start], label="NORP")
            out.append(PlaceReference("demonym", mention, entry))
            i = end
        return out

    def _demonym(self, view: TokenView, start: int, end: int) -> tuple[int, int, Entry] | None:
        """(start, end, entry) when the tokens are a singular demonym the gazetteer knows."""
        if end - start > 1 and not all(view.spaced[k] for k in range(start, end - 1)):
            return None
        text = " ".join(view.texts[start:end])
        if text.isupper() or not text[:1].isupper():
            return None  # "US", "IN": abbreviations, not a people's adjective
        g = self.gazetteer
        if not g.is_abbreviation(text):
            return None
        if text.endswith("s") and not text.endswith("ss") and g.is_abbreviation(text[:-1]):
            return None  # "Mexicans": the people, not the place
        last = view.doc[end - 1]
        if view.ent_label[end - 1] == "LANGUAGE" or (view.has_deps and last.head.i <= last.i):
            return None  # "speaks in Spanish", "an American": a language or a person, modifying nothing
        entries = [e for e in g.abbreviation(text) if e.is_country or e.feature_code in _DEMONYM_CODES]
        return (start, end, entries[0]) if entries else None

    # -- names inside organisations' names ------------------------------------------------------

    def _in_names(self, view: TokenView, matches: list[PlaceNameMatch]) -> list[PlaceReference]:
        out: list[PlaceReference] = []
        accepted = {m.key for m in matches if m.state == ACCEPT}
        for m in matches:
            if m.state == ACCEPT or m.rejected not in _IN_NAME_REASONS or m.kind != "exact":
                continue
            if not self._at_edge(view, m) or not self._notable(view, m, accepted):
                continue
            doc = view.doc
            s, e = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])
            name = view.text[s:e]
            mention = PlaceMention(
                text=name, span=(s, e), name=name, sentence=view.sent[m.start], label="in_name"
            )
            out.append(PlaceReference("in_name", mention))
        return out

    @staticmethod
    def _at_edge(view: TokenView, m: PlaceNameMatch) -> bool:
        """The name opens the longer name ("Kentucky State Police", "the Ohio Housing Agency") or
        closes it ("University of Alberta", "CTV Winnipeg")."""
        first, last = view.ent_start[m.start], view.ent_end[m.start]
        if not view.ent_label[m.start]:  # no entity around: the name is followed by an org word
            first, last = m.start, m.end + 1
        first += view.lowers[first] == "the"
        if m.start == first:
            return m.end < last
        if m.end == last or view.lowers[m.end] in ("in", "at"):  # "University of Alberta in Winnipeg"
            return m.start > first  # "CTV Winnipeg", "University of Alberta"
        return False

    def _notable(self, view: TokenView, m: PlaceNameMatch, accepted: set[str]) -> bool:
        """The document names the place elsewhere ("Alexandria police" in a story about Alexandria),
        a unit word names it ("McLean County Coroner"), or it is a country's name ("U.S. Census") or
        a province's or a national capital's own ("Kentucky", "Tehran")."""
        if m.key in accepted or m.unit in _ADMIN_UNITS:  # "McLean County Coroner": an admin unit
            return True
        if m.key in self.lexicon.common_words or any(view.doc[k].is_stop for k in range(m.start, m.end)):
            return False
        g = self.gazetteer
        return any(
            e.is_country
            or (
                e.feature_code in _IN_NAME_CODES and m.key in (g.normalise(e.name), g.normalise(e.ascii_name))
            )
            for e in g.lookup_key(m.key)
        )
