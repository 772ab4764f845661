"""One document's actors: its candidate mentions resolved to actor ids, with the facts it states.

:class:`ActorReading` is the work behind the ``dateline_actors`` component (see its module for the
rules): it gathers candidates (:mod:`dateline.actors.candidates`), learns the aliases the text
defines, resolves names several actors share, clusters people and renders the Actor dicts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from dateline.actors.aliases import AliasCues
from dateline.actors.candidates import POSSESSIVE, ActorCandidate, entity_candidates, select_candidates
from dateline.actors.definitions import DefinitionReading
from dateline.actors.groups import (
    GroupRules,
    claims_responsibility,
    described_as_armed_group,
    find_claimants,
    find_described_groups,
    find_descriptor_groups,
    find_group_names,
    find_self_named,
    name_end,
    names_itself,
)
from dateline.actors.matcher import ActorMatcher, find_nominals
from dateline.actors.nearby import country_near
from dateline.actors.nominal import ActorLexicon, GenericActor
from dateline.actors.persons import (
    PersonMention,
    cluster_persons,
    link_speakers,
    link_surnames,
    name_words,
    role_facts,
)
from dateline.actors.registry import ActorRegistry, actor_key, unregistered_id
from dateline.nlp.doc_cache import text_of
from dateline.nlp.extensions import get_list
from dateline.text import normalise

#: Kinds of actor whose units ("part_of" in the registry) act for them when named alone: the Qassam
#: Brigades for Hamas (a unit of a state's forces acts as itself).
WING_KINDS = frozenset({"militant_group"})
#: Kinds of actor a wing or a unit may be part of (a movement, a party).
PARENT_KINDS = WING_KINDS | {"political_party"}
#: Words that end the name of a unit of an armed group ("the 35th Front of the FARC").
UNIT_WORDS = frozenset(
    {"front", "fronts", "brigade", "brigades", "battalion", "battalions", "group", "groups", "unit", "units",
     "cell", "cells", "wing", "faction", "column", "columns", "squad", "squads", "company", "command",
     "detachment", "commando", "commandos", "division", "regiment"}
)  # fmt: skip


@dataclass(slots=True)
class ActorTools:
    """What reading a document needs, built once per component: the registry, its matcher, alias cues."""

    registry: ActorRegistry
    matcher: ActorMatcher
    cues: AliasCues
    groups: GroupRules


def reference_date(doc: Doc) -> dt.date | None:
    """The publication date, else the latest absolute date the text mentions, else None (today)."""
    published = doc._.dateline_published
    if published:
        return published if isinstance(published, dt.date) else dt.date.fromisoformat(str(published)[:10])
    ends = [d["end"] for d in get_list(doc, "dateline_dates") if d.get("end") and not d.get("relative")]
    return dt.date.fromisoformat(max(ends)) if ends else None


class ActorReading(DefinitionReading):
    """What one document says about its actors."""

    def __init__(self, state: ActorTools, lexicon: ActorLexicon, doc: Doc) -> None:
        self.state, self.registry, self.lexicon, self.doc = state, state.registry, lexicon, doc
        self.text = text_of(doc)
        self.on = reference_date(doc)
        self.records: dict[str, dict[str, Any]] = {}
        self.mentions: dict[str, dict[tuple[int, int], str]] = {}
        self.learned: dict[str, list[str]] = {}
        self.facts: list[dict[str, Any]] = []
        self.alias_map: dict[tuple[str, ...], str] = {}
        self.person_aliases: dict[tuple[str, ...], tuple[str, ...]] = {}  # alias keys -> the person's name
        self.pending: list[tuple[int, str, int, int]] = []  # person aliases: (token, alias, start, end)
        self.token_actor: dict[int, str] = {}
        keys = state.matcher.keys(doc)
        self.keys = keys
        self.names = state.matcher.match(doc, keys)
        self._focus()
        self._read()

    # --- context ----------------------------------------------------------------------------------------

    def _focus(self) -> None:
        weights: Counter[str] = Counter(m.country for m in self.names if m.country)
        for place in get_list(self.doc, "dateline_places"):
            code, feature = place.get("country_code"), str(place.get("feature") or "")
            if code and not feature.startswith("PCL"):
                weights[code] += len(place.get("mentions") or [None])
        self.weights = weights
        top = max(weights.values(), default=0)
        self.primary = max(weights, key=lambda c: weights[c]) if weights else None
        self.focus = {c for c, w in weights.items() if w * 2 >= top}

    def choose(self, ids: tuple[str, ...]) -> str:
        """One registry id for a name several actors share (see the module docstring)."""
        if len(ids) == 1:
            return ids[0]
        entries = [e for e in (self.registry.get(i) for i in ids) if e is not None]
        active = [e for e in entries if e.active_on(self.on)] or entries
        active = [e for e in active if not e.source.startswith("builtin")] or active  # the user's own file
        present = {e.id for e in active}
        links = ("branch_of", "faction_of")
        branches = [e for e in active if any(a.relation in links and a.id in present for a in e.affiliations)]
        if branches:
            local = [b for b in branches if b.country_code in self.focus]
            if local:
                return max(local, key=lambda e: self.weights[e.country_code or ""]).id
            active = [e for e in active if e not in branches] or active
        local = [e for e in active if e.country_code in self.focus]
        if local:
            return max(local, key=lambda e: self.weights[e.country_code or ""]).id
        seen = [e for e in active if e.id in self.records]
        return (seen or active)[0].id

    # --- targets ----------------------------------------------------------------------------------------

    def registered(self, actor_id: str) -> str:
        if actor_id not in self.records:
            entry = self.registry.get(actor_id)
            assert entry is not None
            self.records[actor_id] = entry.to_record(self.on)
        return actor_id

    def generic(self, actor: GenericActor) -> str:
        known = self.registry.lookup(actor.name)
        if known:
            return self.registered(self.choose(tuple(e.id for e in known)))
        return self.unregistered(actor.kind, actor.name, actor.country_code, actor.acled_inter)

    def unregistered(self, kind: str, name: str, country: str | None, inter: int | None = None) -> str:
        """An actor the registry does not name, or the one a local name is in its country ("Maoists")."""
        if (local := self.registry.local_actor(name, country)) is not None:  # its name in this story too
            aliases = self.records[self.registered(local.id)]["aliases"]
            if name not in aliases:
                aliases.append(name)
            return local.id
        actor_id = unregistered_id(kind, name)
        if actor_id not in self.records:
            self.records[actor_id] = {
                "id": actor_id,
                "name": name,
                "kind": kind,
                "country_code": country,
                "aliases": [],
                "acled_inter": inter,
                "role": None,
                "acled_name": None,
                "registered": False,
                "parents": [],
            }
        return actor_id

    def mention(self, actor_id: str, start: int, end: int) -> None:
        span = self.doc[start:end]
        self.mentions.setdefault(actor_id, {})[(span.start_char, span.end_char)] = span.text
        for i in range(start, end):
            self.token_actor[i] = actor_id

    def learn(self, actor_id: str, alias: str, start: int, end: int) -> None:
        keys = self.state.matcher.phrase_keys(alias)
        if keys and keys not in self.alias_map:
            self.alias_map[keys] = actor_id
        self.learned.setdefault(actor_id, []).append(alias)
        self.facts.append(
            {
                "type": "alias",
                "actor": actor_id,
                "alias": alias,
                "text": self.text[start:end],
                "span": [start, end],
            }
        )

    # --- reading ------------------------------------------------------------------------------------------

    def _tokens(self, start: int, end: int) -> tuple[int, int] | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return (span.start, span.end) if span is not None and len(span) else None

    def _read(self) -> None:
        doc, lx = self.doc, self.lexicon
        cands = [ActorCandidate(m.start, m.end, 0, 1, ids=m.ids, key=m.key) for m in self.names if m.ids]
        ents = entity_candidates(doc, self.text, lx)
        self._definitions(cands, ents)
        for phrase, actor_id in self.alias_map.items():
            for start, end in self.state.matcher.find_phrase(self.keys, phrase):
                cands.append(ActorCandidate(start, end, 0, 0, target=actor_id))
        for phrase, words in self.person_aliases.items():
            for start, end in self.state.matcher.find_phrase(self.keys, phrase):
                cands.append(ActorCandidate(start, end, 1, 0, label="PERSON", words=words))
        countries = {m.start: (m.end, m.country) for m in self.names if m.country and not m.ids}
        for m in self.names:
            if m.country and m.ids and all(self._kind(i) == "state" for i in m.ids):
                countries.setdefault(m.start, (m.end, m.country))
        named = {i for c in cands if c.start not in countries for i in range(c.start, c.end)}
        rules = self.state.groups
        persons = [c for c in ents if c.label == "PERSON" and not self._group_named(c, rules)]
        blocked = named | {i for c in persons for i in range(c.start, c.end)}
        names = self.lexicon.country_name_keys
        words = [(m.start, m.country) for m in self.names if m.country and m.key in names]
        fallback = self._near = country_near(doc, words, self.primary)
        for nominal in find_nominals(doc, lx, countries, blocked, fallback):  # type: ignore[arg-type]
            cands.append(ActorCandidate(nominal.start, nominal.end, 0, 2, target=self.generic(nominal.actor)))
        for g in find_descriptor_groups(doc, rules, lx.country_of, named, fallback):
            target = self.unregistered("militant_group", g.name, g.country_code, g.acled_inter)
            cands.append(ActorCandidate(g.start, g.end, 0, 2, target=target))
        for start, end in find_group_names(doc, rules, blocked) + find_claimants(doc, blocked):
            cands.append(ActorCandidate(start, end, 1, 2, label="ORG"))
        # a name the text says a group goes by is its whole name, a country in it included ("a group
        # calling itself the Mujahideen of Iraq"), and a name it calls armed is no more than the name
        named_so = find_self_named(doc, blocked, lx.country_of) + find_described_groups(doc, rules, blocked)
        for start, end in named_so:
            cands.append(ActorCandidate(start, end, 0, 2, label="ORG"))
        chosen = select_candidates(cands + ents)
        persons: list[PersonMention] = []
        organisations: list[ActorCandidate] = []
        for c in chosen:
            actor_id = c.target or (self.alias_map.get(tuple(c.key.split())) if c.key else None)
            if actor_id is None and c.ids:
                actor_id = self.choose(c.ids)
            if actor_id is not None and self._kind(actor_id) != "person":
                self.mention(
                    self.registered(actor_id) if actor_id in self.registry.entries else actor_id,
                    c.start,
                    c.end,
                )
            elif c.words:
                persons.append(PersonMention(c.start, c.end, c.words, None))
            elif actor_id is not None or c.label == "PERSON":
                first, words = name_words(doc, c.start, c.end, lx)
                persons.append(PersonMention(first, c.end, words, actor_id))
            else:
                organisations.append(c)
        surnames = {actor_key(m.words[-1]) for m in persons if len(m.words) > 1}
        for c in organisations:
            first, words = name_words(doc, c.start, c.end, lx)
            if words and len(words) <= 2 and actor_key(words[-1]) in surnames:
                persons.append(PersonMention(first, c.end, words, None))  # "Campbell's staff"
            else:
                self._organisation(c)
        self._people(persons)
        for token, alias, start, end in self.pending:
            if token in self.token_actor:
                self.learn(self.token_actor[token], alias, start, end)

    def _group_named(self, c: ActorCandidate, rules: GroupRules) -> bool:
        """A person's name by spaCy that ends a group's name or begins it, the capitalised words after
        it ending in a group's head word ("the Dawn Brigades", "the Mariano Moreno Liberation Commando")."""
        end = name_end(self.doc, c.end - 1, joiners=frozenset({"and"}))  # "Leon Czolgoz Autonomous and ..."
        if normalise(self.doc[end - 1].text) in rules.name_heads:
            return True
        words = [t.text for t in self.doc[c.start : end]]
        return end > c.end and (
            rules.is_group_name(words) or described_as_armed_group(self.doc, c.start, end, rules)
        )

    def _kind(self, actor_id: str) -> str:
        entry = self.registry.get(actor_id)
        if entry is not None:
            return entry.role_on(self.on).kind
        record = self.records.get(actor_id)
        return str(record["kind"]) if record else "other"

    def _organisation(self, c: ActorCandidate) -> None:
        doc, lx = self.doc, self.lexicon
        start, country = c.start, None
        if c.end - start > 2 and doc[start + 1].text in POSSESSIVE and lx.country_of(doc[start].text):
            country, start = lx.country_of(doc[start].text), start + 2  # "Pakistan's Foreign Office"
        name = doc[start : c.end].text.rstrip("-‐‑ ")  # "People's Revolutionary Militias- claimed"
        known = self.registry.lookup(name)
        if known:
            actor_id = self.registered(self.choose(tuple(e.id for e in known)))
        else:
            words = [t.text for t in doc[start : c.end]]
            country = country or next((lx.country_of(w) for w in words if lx.country_of(w)), None)
            armed = (
                self.state.groups.is_group_name(words)
                or claims_responsibility(doc, start, c.end)
                or names_itself(doc, start)
                or described_as_armed_group(doc, start, c.end, self.state.groups)
            )
            kind = "militant_group" if armed else lx.org_kind(words)
            if armed and country is None:
                country = self._near(start)
            actor_id = self.unregistered(kind, name, country)
        self.mention(actor_id, c.start, c.end)

    def _people(self, persons: list[PersonMention]) -> None:
        doc, lx = self.doc, self.lexicon
        people = cluster_persons(persons)
        ids: list[str] = []
        for person in people:
            if person.actor_id:
                ids.append(self.registered(person.actor_id))
            else:
                ids.append(self.unregistered("person", person.name, None))
            for m in person.mentions:
                self.mention(ids[-1], m.start, m.end)
        spans = [(m.start, m.end) for p in people for m in p.mentions]
        index = {id(p): i for i, p in enumerate(people)}
        for person, i in link_surnames(doc, people, lambda i: i in self.token_actor, lx):
            self.mention(ids[index[id(person)]], i, i + 1)
            spans.append((i, i + 1))
        person_ids = set(ids)

        def actor_at(i: int) -> tuple[str, str | None] | None:
            actor_id = self.token_actor.get(i)
            if actor_id is None or actor_id in person_ids:
                return None
            return actor_id, self.records[actor_id].get("country_code")

        for fact in role_facts(doc, sorted(spans), actor_at, lx):
            person_id = self.token_actor[fact.person_start]
            record = self.records[person_id]
            if not record["registered"] and record["country_code"] is None:
                record["country_code"] = fact.country or self._place_country(fact.of, fact.span)
            s, e = fact.span
            self.facts.append(
                {
                    "type": "role",
                    "actor": person_id,
                    "role": fact.role,
                    "of": fact.of,
                    "text": self.text[s:e],
                    "span": [s, e],
                }
            )

    def _place_country(self, of: str | None, span: tuple[int, int]) -> str | None:
        if not of:
            return None
        for place in get_list(self.doc, "dateline_places"):
            for m in place.get("mentions") or []:
                if m.get("text") == of and span[0] <= m["span"][0] < span[1]:
                    return place.get("country_code")
        return None

    # --- output -------------------------------------------------------------------------------------------

    def actors(self) -> list[dict[str, Any]]:
        # the dateline ("KABUL (Reuters) -") names where and by whom the story was filed, not an actor in it
        dateline = self.doc._.get("dateline_dateline") or {}
        lo, hi = dateline.get("full_span") or dateline.get("span") or (0, 0)
        out: list[dict[str, Any]] = []
        for actor_id, all_spans in self.mentions.items():
            spans = {span: text for span, text in all_spans.items() if not (span[0] < hi and lo < span[1])}
            if not spans:
                continue
            record = dict(self.records[actor_id])
            aliases = list(record.get("aliases") or [])
            seen = {actor_key(a) for a in aliases} | {actor_key(record["name"])}
            for alias in self.learned.get(actor_id, []):
                if actor_key(alias) not in seen:
                    seen.add(actor_key(alias))
                    aliases.append(alias)
            # ... and the spellings of those names this text writes ("al-Qa'ida in Iraq", "QaÕidat")
            written = {a.casefold() for a in (record["name"], *aliases)}
            for text in (t.strip(" -‐‑'’\"") for t in spans.values()):
                if actor_key(text) in seen and text.casefold() not in written:
                    written.add(text.casefold())
                    aliases.append(text)
            record["aliases"] = aliases
            record["mentions"] = [{"text": t, "span": [s, e]} for (s, e), t in sorted(spans.items())]
            if record.get("registered") is False and not record.get("parents"):
                record["parents"] = self._units_of(spans)
            out.append(record)
        out.sort(key=lambda r: r["mentions"][0]["span"][0])
        return out + self._organisations_of_wings(out)

    def _units_of(self, spans: Iterable[tuple[int, int]]) -> list[str]:
        """The armed groups an unregistered actor is a unit of: "the Heroes de Anori Front of the ELN",
        "the X and the Z Fronts of the National Liberation Army (ELN)" (a unit word, "of", a registered
        group named or in brackets after its name)."""
        out: list[str] = []
        doc, n = self.doc, len(self.doc)
        joins = ("and", "the", "'s", "’s")
        for start, end in spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            unit = span.end - 1
            while unit + 1 < min(n, span.end + 8) and doc[unit].lower_ not in UNIT_WORDS:
                unit += 1
                if not (doc[unit].is_title or doc[unit].is_upper or doc[unit].lower_ in joins):
                    break
            if unit + 2 >= n or doc[unit].lower_ not in UNIT_WORDS or doc[unit + 1].lower_ != "of":
                continue
            after = min(n - 1, unit + 2 + (doc[unit + 2].lower_ == "the"))
            bracket = next((k + 1 for k in range(after, min(n - 1, after + 8)) if doc[k].text == "("), after)
            for parent in (self.token_actor.get(after), self.token_actor.get(bracket)):
                record = self.records.get(parent or "")
                if record and record.get("registered") and record.get("kind") in PARENT_KINDS:
                    out.append(str(parent))
                    break
        return list(dict.fromkeys(out))

    def _organisations_of_wings(self, named: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The organisations the document names only through an armed wing of theirs ("the Qassam
        Brigades fired ...": Hamas), as actors without mentions; the wing's ``parents`` name them."""
        present = {r["id"] for r in named}
        out: list[dict[str, Any]] = []
        for record in named:
            entry = self.registry.get(record["id"]) if record.get("registered") else None
            if entry is None or entry.kind not in WING_KINDS:
                continue
            for link in entry.affiliations:
                parent = self.registry.get(link.id)
                if link.relation != "part_of" or not link.holds_on(self.on) or link.id in present:
                    continue
                if parent is not None and parent.kind in PARENT_KINDS:
                    present.add(link.id)
                    out.append({**parent.to_record(self.on), "mentions": []})
        return out

    def link_quotes(self) -> None:
        """Set each quote's ``speaker`` and each attribution's ``source`` to an actor id."""
        kinds = {actor_id: str(record["kind"]) for actor_id, record in self.records.items()}
        names = {actor_id: str(record["name"]) for actor_id, record in self.records.items()}
        link_speakers(self.doc, self.mentions, kinds, names)
