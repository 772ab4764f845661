"""Registry additions proposed from a corpus: aliases the texts define, actors the registry lacks.

Documents teach names ("Islamic State Khurasan (ISK)", "commonly known as ‘Daesh’"): the
``dateline_actors`` component records them as actor facts of type ``alias``. Across a corpus,
:func:`suggest_aliases` gathers those the registry does not know yet, and the unregistered actors
(ids from :func:`~dateline.actors.registry.unregistered_id`) met in several documents, with counts,
document ids and evidence. :func:`render_toml` prints them as ``[[actor]]`` tables a user can paste
into their own registry file (``ActorRegistry.load(extra=[path])``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dateline.actors.registry import ActorEntry, ActorRegistry, actor_key
from dateline.records import Record

__all__ = ["Suggestion", "render_toml", "suggest_aliases"]

EVIDENCE_CHARS = 80  # characters of context either side of a mention


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One proposed registry change.

    ``action`` is ``"alias"`` (add ``aliases`` to the registry actor ``id``) or ``"actor"`` (a new
    actor, now known by its unregistered ``id``). ``documents`` are the ids of the documents that
    support it, ``mentions`` how often it occurs there, ``evidence`` a few passages, ``conflicts``
    other registry actors that already use one of the proposed names.
    """

    action: str
    id: str
    name: str
    kind: str
    country_code: str | None
    aliases: tuple[str, ...]
    documents: tuple[str, ...]
    mentions: int
    evidence: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    registry_id: str = ""  # the id to give it in a registry file (new actors: a slug of the name)
    entry: ActorEntry | None = field(default=None, repr=False)  # alias: the registry entry it extends

    @property
    def count(self) -> int:
        """How many documents support the suggestion."""
        return len(self.documents)


@dataclass
class _Pending:
    """What the corpus says about one actor, gathered in one pass."""

    id: str
    names: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    countries: Counter[str | None] = field(default_factory=Counter)
    aliases: dict[str, Counter[str]] = field(default_factory=dict)  # alias key -> surface forms
    documents: dict[str, None] = field(default_factory=dict)  # insertion-ordered set
    mentions: int = 0
    evidence: list[str] = field(default_factory=list)

    def note(self, doc_id: str, passage: str, limit: int) -> None:
        self.documents.setdefault(doc_id, None)
        if len(self.evidence) < limit and passage:
            self.evidence.append(f"{doc_id}: {passage}")

    def add_alias(self, alias: str) -> None:
        self.aliases.setdefault(actor_key(alias), Counter())[alias] += 1


def suggest_aliases(
    records: Iterable[Record],
    registry: ActorRegistry,
    *,
    min_documents: int = 2,
    min_alias_documents: int = 1,
    max_evidence: int = 3,
) -> list[Suggestion]:
    """Aliases learned in the documents that the registry lacks, and unregistered actors met in at
    least ``min_documents`` documents, most widely attested first. One pass over ``records``."""
    learned: dict[str, _Pending] = {}  # registry actors that gained aliases
    unknown: dict[str, _Pending] = {}  # unregistered actors
    for record in records:
        for actor in record.actors:
            actor_id = actor.id
            if registry.get(actor_id) is not None:
                continue
            pending = unknown.setdefault(actor_id, _Pending(actor_id))
            pending.names[actor.name or ""] += 1
            pending.kinds[actor.kind or "other"] += 1
            pending.countries[actor.country_code] += 1
            pending.mentions += len(actor.mentions)
            first = actor.mentions[0].to_dict() if actor.mentions else None
            pending.note(record.id, _passage(record.text, first) if first else "", max_evidence)
        for fact in record.actor_facts:
            if fact.get("type") != "alias" or not fact.get("alias") or not fact.get("actor"):
                continue
            actor_id, alias = str(fact["actor"]), str(fact["alias"])
            entry = registry.get(actor_id)
            if entry is not None:
                if actor_key(alias) in {actor_key(n) for n in entry.names}:
                    continue
                pending = learned.setdefault(actor_id, _Pending(actor_id))
                pending.mentions += 1
            else:
                pending = unknown.setdefault(actor_id, _Pending(actor_id))
            pending.add_alias(alias)
            pending.note(record.id, _passage(record.text, fact), max_evidence)

    out = [
        _alias_suggestion(registry, registry.entries[actor_id], pending)
        for actor_id, pending in learned.items()
        if len(pending.documents) >= min_alias_documents
    ]
    out.extend(
        _actor_suggestion(registry, pending)
        for pending in unknown.values()
        if len(pending.documents) >= min_documents and pending.names
    )
    out.sort(key=lambda s: (-s.count, -s.mentions, s.action, s.id))
    return out


def _alias_suggestion(registry: ActorRegistry, entry: ActorEntry, pending: _Pending) -> Suggestion:
    aliases = tuple(forms.most_common(1)[0][0] for forms in pending.aliases.values())
    return Suggestion(
        action="alias",
        id=entry.id,
        name=entry.name,
        kind=entry.kind,
        country_code=entry.country_code,
        aliases=aliases,
        documents=tuple(pending.documents),
        mentions=pending.mentions,
        evidence=tuple(pending.evidence),
        conflicts=_conflicts(registry, aliases, entry.id),
        registry_id=entry.id,
        entry=entry,
    )


def _actor_suggestion(registry: ActorRegistry, pending: _Pending) -> Suggestion:
    name = pending.names.most_common(1)[0][0]
    aliases = tuple(
        forms.most_common(1)[0][0] for key, forms in pending.aliases.items() if key != actor_key(name)
    )
    return Suggestion(
        action="actor",
        id=pending.id,
        name=name,
        kind=pending.kinds.most_common(1)[0][0],
        country_code=pending.countries.most_common(1)[0][0],
        aliases=aliases,
        documents=tuple(pending.documents),
        mentions=pending.mentions,
        evidence=tuple(pending.evidence),
        conflicts=_conflicts(registry, (name, *aliases), pending.id),
        registry_id=_new_id(pending.id, registry),
    )


def _conflicts(registry: ActorRegistry, names: Iterable[str], own: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for name in names:
        for entry in registry.lookup(name):
            if entry.id != own:
                found.setdefault(entry.id, None)
    return tuple(found)


def _passage(text: str, mention: dict[str, Any]) -> str:
    """The words around a mention (or a fact's evidence span), on one line."""
    span = mention.get("span")
    if not span:
        return " ".join(str(mention.get("text") or "").split())
    start, end = int(span[0]), int(span[1])
    lo, hi = max(0, start - EVIDENCE_CHARS), min(len(text), end + EVIDENCE_CHARS)
    passage = " ".join(text[lo:hi].split())
    return f"{'…' if lo else ''}{passage}{'…' if hi < len(text) else ''}"


# --- TOML ---------------------------------------------------------------------------------


def render_toml(suggestions: Iterable[Suggestion]) -> str:
    """The suggestions as ``[[actor]]`` tables for a user registry file.

    A new alias of a registry actor is written as the whole entry with the alias added, because a
    user entry replaces the shipped entry with the same id. Every table is preceded by comments
    giving its evidence.
    """
    blocks = []
    for s in suggestions:
        lines = [
            f"# {s.action}: {s.name!s} in {s.count} document(s), {s.mentions} mention(s): "
            + ", ".join(s.documents[:5])
            + (" …" if s.count > 5 else "")
        ]
        if s.action == "alias":
            lines.append(f"#   adds: {', '.join(s.aliases)}")
        lines.extend(f"#   {e}" for e in s.evidence)
        if s.conflicts:
            lines.append(f"#   also a name of: {', '.join(s.conflicts)} (check before adding)")
        entry = s.entry if s.action == "alias" else None
        if entry is not None:
            table = _entry_table(entry)
            table["aliases"] = [*entry.aliases, *(a for a in s.aliases if a not in entry.aliases)]
        else:
            table = {"id": s.registry_id or s.id, "name": s.name, "kind": s.kind}
            if s.country_code:
                table["country"] = s.country_code
            if s.aliases:
                table["aliases"] = list(s.aliases)
            if s.action == "actor":
                lines.append(f"#   dateline gave it the id {s.id}")
        lines.append("[[actor]]")
        lines.extend(f"{key} = {_value(value)}" for key, value in table.items())
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def _new_id(actor_id: str, registry: ActorRegistry) -> str:
    """A registry id for a new actor: its unregistered id without the ``x-kind.`` prefix, unless taken."""
    if not actor_id.startswith("x-") or "." not in actor_id:
        return actor_id
    slug = actor_id.split(".", 1)[1]
    if registry.get(slug) is not None:
        return actor_id.removeprefix("x-").replace(".", "-")
    return slug


def _entry_table(entry: ActorEntry) -> dict[str, Any]:
    table: dict[str, Any] = {"id": entry.id, "name": entry.name, "kind": entry.kind}
    optional = {
        "country": entry.country_code,
        "acled_inter": entry.acled_inter,
        "acled_name": entry.acled_name,
        "aliases": list(entry.aliases),
        "affiliations": [
            _drop_none(a.relation, a.id, a.since, a.until, office=a.office) for a in entry.affiliations
        ],
        "roles": [
            {
                k: v
                for k, v in {
                    "kind": r.kind,
                    "since": r.since,
                    "until": r.until,
                    "acled_inter": r.acled_inter,
                    "label": r.label,
                }.items()
                if v is not None
            }
            for r in entry.roles
        ],
        "description": entry.description,
    }
    table.update((k, v) for k, v in optional.items() if v not in (None, []))
    return table


def _drop_none(
    relation: str, actor_id: str, since: dt.date | None, until: dt.date | None, *, office: str | None
) -> dict[str, Any]:
    link = {"relation": relation, "id": actor_id, "since": since, "until": until, "office": office}
    return {k: v for k, v in link.items() if v is not None}


def _value(value: Any) -> str:
    """A TOML value: strings, integers, dates, lists and inline tables of those."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")
