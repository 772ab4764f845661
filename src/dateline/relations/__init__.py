"""Relations between actors (leader_of, split_from, accuses, ...) read from a parsed document."""

from dateline.relations.lexicon import MODALITIES, RelationLexicon
from dateline.relations.reader import read_relations

__all__ = ["MODALITIES", "RelationLexicon", "read_relations"]
