"""Names to ids: which actors, places and event types a word a user typed stands for.

An actor is found by its id, or by any of its names as the actor registry knows them or as the
stored documents gave them (case and accents aside). A place is found by its id or its name; a
place found stands for itself and everything the store holds inside it (:class:`Area`). An event
type is found by its id, its family (every type of the family), or an ACLED or PLOVER type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from dateline.errors import UnknownName
from dateline.store import schema
from dateline.store.engine import read_transaction
from dateline.store.queries import Area

if TYPE_CHECKING:
    from dateline.actors.registry import ActorRegistry
    from dateline.events.ontology import Ontology


class Vocabulary:
    """Looks names up in the store, the actor registry and the event ontology (each loaded once)."""

    def __init__(self, engine: sa.Engine, registry: ActorRegistry | None = None) -> None:
        self._engine = engine
        self._registry = registry
        self._ontology: Ontology | None = None

    @property
    def registry(self) -> ActorRegistry:
        if self._registry is None:
            from dateline.actors.registry import ActorRegistry

            self._registry = ActorRegistry.load()
        return self._registry

    @property
    def ontology(self) -> Ontology:
        if self._ontology is None:
            from dateline.events.ontology import Ontology

            self._ontology = Ontology.default()
        return self._ontology

    # --- actors ------------------------------------------------------------------------------

    def actor_ids(self, name: str) -> list[str]:
        """Every actor ``name`` may stand for: an id, a registry name, a stored actor's name; when none
        is, a stored actor's alias (read by scanning the actors, the rare case)."""
        from dateline.actors.registry import actor_key

        text = name.strip()
        found: dict[str, None] = {}
        if self.registry.get(text) is not None:
            found[text] = None
        for entry in self.registry.lookup(text):
            found[entry.id] = None
        a = schema.actors
        with read_transaction(self._engine) as conn:
            named = sa.or_(a.c.id == text, sa.func.lower(a.c.name) == text.lower())
            found.update(dict.fromkeys(conn.execute(sa.select(a.c.id).where(named).order_by(a.c.id)).scalars()))
            if not found:  # the spellings documents gave the actors the registry does not know
                key = actor_key(text)
                for actor_id, actor_name, data in conn.execute(sa.select(a.c.id, a.c.name, a.c.data)):
                    aliases = data.get("aliases", []) if isinstance(data, dict) else []
                    if key in {actor_key(n) for n in (actor_name or "", *aliases) if n}:
                        found[actor_id] = None
        if not found:
            raise UnknownName(f"no actor is called {name!r}, in the actor registry or in the store")
        return list(found)

    # --- places ------------------------------------------------------------------------------

    def areas(self, name: str) -> list[Area]:
        """The stored place with id ``name``, else every stored place of that name, as areas."""
        p = schema.places
        text = name.strip()
        columns = (p.c.id, p.c.feature, p.c.country_code, p.c.admin1_id, p.c.admin2)
        with read_transaction(self._engine) as conn:
            rows = conn.execute(sa.select(*columns).where(p.c.id == text)).all()
            if not rows:
                query = sa.select(*columns).where(sa.func.lower(p.c.name) == text.lower()).order_by(p.c.id)
                rows = conn.execute(query).all()
        if not rows:
            raise UnknownName(f"no stored place has the id or name {name!r}")
        return [Area.of(*row) for row in rows]

    # --- event types -------------------------------------------------------------------------

    def family_of(self, event_type: str | None) -> str | None:
        found = self.ontology.types.get(event_type or "")
        return found.family if found is not None else None

    def families(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for event_type in self.ontology.types.values():
            out.setdefault(event_type.family, []).append(event_type.id)
        return out

    def event_types(self, name: str) -> list[str]:
        """The type names an event's type, ACLED or PLOVER type may have for ``name`` to select it."""
        text = name.strip()
        wanted = text.lower()
        families = self.families()
        for family, types in families.items():
            if family.lower() == wanted:
                return sorted({family, *types})
        onto = self.ontology
        known = [
            *onto.types,
            *onto.acled,
            *(sub for subs in onto.acled.values() for sub in subs),
            *onto.plover,
        ]
        matches = sorted({k for k in known if k.lower() == wanted})
        if matches:
            return matches
        raise UnknownName(
            f"no event type, family, ACLED or PLOVER type is called {name!r}; "
            f"families: {', '.join(sorted(families))}"
        )
