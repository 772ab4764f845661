"""Actors: armed groups, states, institutions and people under all their names, one id each."""

from dateline.actors.registry import ActorEntry, ActorRegistry, Affiliation, Role, actor_key, unregistered_id

__all__ = ["ActorEntry", "ActorRegistry", "Affiliation", "Role", "actor_key", "unregistered_id"]
