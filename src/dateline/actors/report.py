"""What the registry and a stored corpus say about actors: ``dateline actors list`` and ``show``.

:func:`list_actors` filters the registry. :func:`actor_report` builds one plain dict (renderers
print it as a table or JSON): the registry entry a name resolves to, with its roles, its links and
the actors that link to it, and what the stored documents say about it: documents, mentions and
the names used, quotes it spoke, role facts and aliases the texts state, events it took part in.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any, Protocol

from dateline.actors.registry import ActorEntry, ActorRegistry, actor_key
from dateline.records import Record

__all__ = ["actor_report", "entry_dict", "list_actors"]

MAX_ITEMS = 20  # quotes, facts and document ids listed in a report


class RecordSource(Protocol):
    """Where a report reads documents from: a :class:`~dateline.store.Store`, or anything like it."""

    def records_naming(self, actor_id: str | None) -> Iterable[Record]:
        """The records that name ``actor_id`` (as a mention or in an event); every record for None."""
        ...


def list_actors(
    registry: ActorRegistry, *, kind: str | None = None, country: str | None = None, query: str | None = None
) -> list[ActorEntry]:
    """Registry actors, by name: ``kind`` matches the actor's kind or any of its roles, ``country``
    its ISO alpha-2 code, ``query`` a part of its id or of one of its names (case and accents aside)."""
    country = country.upper() if country else None
    needle = actor_key(query) if query else ""
    out = []
    for entry in registry:
        if kind and kind != entry.kind and all(role.kind != kind for role in entry.roles):
            continue
        if country and (entry.country_code or "").upper() != country:
            continue
        if needle and needle not in entry.id and all(needle not in actor_key(n) for n in entry.names):
            continue
        out.append(entry)
    out.sort(key=lambda e: (actor_key(e.name), e.id))
    return out


def entry_dict(entry: ActorEntry, registry: ActorRegistry | None = None) -> dict[str, Any]:
    """A registry entry as plain data; with ``registry``, links carry the linked actor's name."""

    def name_of(actor_id: str) -> str | None:
        linked = registry.get(actor_id) if registry is not None else None
        return linked.name if linked is not None else None

    return {
        "id": entry.id,
        "name": entry.name,
        "kind": entry.kind,
        "country_code": entry.country_code,
        "aliases": list(entry.aliases),
        "acled_inter": entry.acled_inter,
        "acled_name": entry.acled_name,
        "description": entry.description,
        "source": entry.source,
        "roles": [
            {
                "kind": r.kind,
                "since": _iso(r.since),
                "until": _iso(r.until),
                "acled_inter": r.acled_inter,
                "label": r.label,
            }
            for r in entry.roles
        ],
        "affiliations": [
            {
                "relation": a.relation,
                "id": a.id,
                "name": name_of(a.id),
                "since": _iso(a.since),
                "until": _iso(a.until),
                "office": a.office,
            }
            for a in entry.affiliations
        ],
    }


def actor_report(store: RecordSource, registry: ActorRegistry, name: str) -> dict[str, Any]:
    """Everything known about the actor ``name`` (any of its names, or its id).

    ``status`` is ``"found"`` (``actor`` and ``corpus`` filled), ``"ambiguous"`` (``candidates``
    lists the registry actors sharing the name) or ``"not_found"``. An actor the registry lacks is
    looked for among the stored documents' actors, by id or name.
    """
    entries = registry.lookup(name)
    if not entries and registry.get(name) is not None:
        entries = [registry.entries[name]]
    report: dict[str, Any] = {"query": name, "status": "not_found", "candidates": []}
    if len(entries) > 1:
        report.update(status="ambiguous", candidates=[entry_dict(e) for e in entries])
        return report
    if entries:
        entry = entries[0]
        corpus = _Corpus({entry.id})
        for record in store.records_naming(entry.id):
            corpus.add(record)
        actor = entry_dict(entry, registry)
        actor["registered"] = True
        actor["linked_from"] = _linked_from(registry, entry.id)
        report.update(status="found", actor=actor, corpus=corpus.summary())
        return report
    return _unregistered_report(store, name, report)


def _unregistered_report(store: RecordSource, name: str, report: dict[str, Any]) -> dict[str, Any]:
    """One pass over the stored records: actors whose id is ``name`` or whose names match it."""
    key = actor_key(name)
    corpus: _Corpus | None = None
    for record in store.records_naming(None):
        if corpus is None:
            ids = {
                a.id
                for a in record.actors
                if a.id == name or key in {actor_key(n) for n in (a.name or "", *a.aliases)}
            }
            if not ids:
                continue
            corpus = _Corpus(ids)
            actor = next(a for a in record.actors if a.id in ids).to_dict()
            del actor["mentions"]
            report["actor"] = actor | {"registered": False}
        corpus.add(record)
    if corpus is not None:
        report.update(status="found", corpus=corpus.summary())
    return report


def _linked_from(registry: ActorRegistry, actor_id: str) -> list[dict[str, Any]]:
    """Registry actors with a link to ``actor_id`` (its factions, branches, leaders, spokespeople)."""
    return [
        {
            "relation": a.relation,
            "id": other.id,
            "name": other.name,
            "since": _iso(a.since),
            "until": _iso(a.until),
            "office": a.office,
        }
        for other in registry
        for a in other.affiliations
        if a.id == actor_id
    ]


class _Corpus:
    """What the stored records say about one actor (one id; the first id found when unregistered)."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.ids = set(ids)
        self.documents: list[str] = []
        self.mentions = 0
        self.names: Counter[str] = Counter()
        self.quotes: list[dict[str, Any]] = []
        self.roles: list[dict[str, Any]] = []
        self.aliases: dict[str, list[str]] = {}
        self.events = Counter[str]()

    def add(self, record: Record) -> None:
        named = [a for a in record.actors if a.id in self.ids]
        acting = [e for e in record.events if self.ids & set(e.actors)]
        targeted = [e for e in record.events if self.ids & set(e.targets)]
        if not named and not acting and not targeted:
            return
        self.documents.append(record.id)
        for actor in named:
            self.mentions += len(actor.mentions)
            self.names.update(" ".join(m.text.split()) for m in actor.mentions)
        self.events["actor"] += len(acting)
        self.events["target"] += len(targeted)
        for quote in record.quotes:
            if quote.speaker in self.ids and len(self.quotes) < MAX_ITEMS:
                self.quotes.append(
                    {"document": record.id, "text": quote.text, "speaker_text": quote.speaker_text}
                )
        for fact in record.actor_facts:
            if fact.get("actor") not in self.ids:
                continue
            if fact.get("type") == "role" and len(self.roles) < MAX_ITEMS:
                self.roles.append(
                    {
                        "document": record.id,
                        "role": fact.get("role"),
                        "of": fact.get("of"),
                        "text": fact.get("text"),
                    }
                )
            elif fact.get("type") == "alias" and fact.get("alias"):
                self.aliases.setdefault(str(fact["alias"]), []).append(record.id)

    def summary(self) -> dict[str, Any]:
        return {
            "documents": len(self.documents),
            "document_ids": self.documents[:MAX_ITEMS],
            "mentions": self.mentions,
            "names_used": dict(self.names.most_common()),
            "events": {"as_actor": self.events["actor"], "as_target": self.events["target"]},
            "quotes": self.quotes,
            "roles": self.roles,
            "learned_aliases": [
                {"alias": alias, "documents": len(set(docs))} for alias, docs in self.aliases.items()
            ],
        }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None
