"""The state block of every country, made from the actor lexicon's country list.

ACLED names the state actors of every country the same way: the state itself, ``Government of X``,
``Military Forces of X``, ``Police Forces of X``, and its generic actors ``Civilians (X)`` and
``Unidentified Armed Group (X)``. The registry's TOML files write these blocks by hand for the
countries whose institutions have other names too ("Pakistan Army", "ISPR"); :func:`state_blocks`
makes the block of every other country in ``nominal.json`` (its name, adjectives, and whether ACLED
writes "the": "Military Forces of the Philippines"), so "Mexican soldiers" and "Chilean police"
resolve to registered actors with stable ids. An id already defined is never made again, and an alias
another actor already has is left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from typing import Any

__all__ = ["state_tables"]


def state_tables(
    countries: Mapping[str, Mapping[str, Any]],
    ids: Collection[str],
    names: set[str],
    key: Callable[[str], str],
) -> list[dict[str, Any]]:
    """``[[actor]]`` tables for the missing state-block entries of every country in ``countries`` (the
    lexicon's table). ``ids`` are the ids already defined, ``names`` the keys of names already taken
    (extended here), ``key`` the registry's name key."""

    def slug(text: str) -> str:
        return re.sub(r"[^a-z0-9]+", "-", key(text)).strip("-")

    def fresh(*aliases: str) -> list[str]:
        out = []
        for alias in aliases:
            k = key(alias)
            if k and k not in names:
                names.add(k)
                out.append(alias)
        return out

    tables: list[dict[str, Any]] = []
    for iso, info in countries.items():
        short = str(info["name"])
        full = f"the {short}" if info.get("the") else short
        adjectives = [a for a in info.get("adjectives", ()) if not a.replace(".", "").isupper()]
        state_id = slug(short)
        of = f"the-{state_id}" if info.get("the") else state_id  # "military-forces-of-the-philippines"
        has_state = state_id in ids
        made: list[tuple[str, str, str, int | None, tuple[str, ...], str]] = [
            (state_id, short, "state", None, tuple(info.get("aliases", ())),
             f"{short} as a state (the country itself, e.g. as party to an agreement)."),
            (f"government-of-{of}", f"Government of {full}", "government", 1,
             (f"Government of {short}", *(f"{a} government" for a in adjectives)),
             f"The national government of {full} (ACLED's state actor naming)."),
            (f"military-forces-of-{of}", f"Military Forces of {full}", "military", 1,
             (f"Military Forces of {short}",
              *(f"{a} {w}" for a in adjectives for w in ("military", "army", "armed forces"))),
             f"The armed forces of {full}, named as ACLED names state forces."),
            (f"police-forces-of-{of}", f"Police Forces of {full}", "police", 1,
             (f"Police Forces of {short}", *(f"{a} police" for a in adjectives)),
             f"The police of {full}, named as ACLED names state forces."),
            (f"civilians-{slug(short)}", f"Civilians ({short})", "civilians", 7,
             tuple(f"{a} civilians" for a in adjectives),
             f"ACLED's generic actor for unarmed civilians in {short}."),
            (f"unidentified-armed-group-{slug(short)}", f"Unidentified Armed Group ({short})",
             "militant_group", 3, (),
             f"ACLED's generic actor for armed men whom the source does not identify, in {short}."),
        ]  # fmt: skip
        for actor_id, name, kind, inter, aliases, description in made:
            if actor_id in ids or key(name) in names:
                continue
            names.add(key(name))
            table: dict[str, Any] = {"id": actor_id, "name": name, "kind": kind, "country": iso}
            if inter is not None:
                table["acled_inter"] = inter
            table["aliases"] = fresh(*aliases)
            if kind == "state":
                has_state = True
            elif kind in ("government", "military", "police") and has_state:
                table["affiliations"] = [{"relation": "part_of", "id": state_id}]
            table["description"] = description
            tables.append(table)
    return tables
