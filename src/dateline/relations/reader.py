"""Relations between actors in one parsed document: candidates from the frames, then modality, ids,
evidence, de-duplication and the links a denial or a claim of responsibility needs.

:func:`read_relations` is the whole job; the spaCy component only hands it the document's actors,
hedges, events and actor facts. The output dicts have the record.md ``Relation`` keys plus
``id``, ``subject_text``, ``object_text``, ``trigger``, ``attribution``, ``role``, ``former``,
``event`` (claims of responsibility: the event's id) and ``target_relation`` (denials: the id of
the accusation denied).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from dateline.nlp.doc_cache import text_of, tokens_of
from dateline.relations.arguments import ActorIndex, ActorRef
from dateline.relations.frames import FrameReader, RelationCandidate
from dateline.relations.lexicon import RelationLexicon
from dateline.relations.modality import RelationModalityReader, Stance

if TYPE_CHECKING:
    from spacy.tokens import Doc

_ROLE_FACT_KEYS = ("of", "organisation", "organization", "org", "group", "target", "of_actor")
_ROLE_TITLE_KEYS = ("role", "title", "label", "office")
_DENIAL_WINDOW = 2  # sentences back in which a denial looks for the accusation it answers


def read_relations(
    doc: Doc,
    lexicon: RelationLexicon,
    actors: list[dict[str, Any]],
    *,
    hedges: list[dict[str, Any]] = (),  # type: ignore[assignment]
    events: list[dict[str, Any]] = (),  # type: ignore[assignment]
    facts: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> list[dict[str, Any]]:
    """The relations a parsed ``doc`` states between its ``actors`` (record.md Actor dicts)."""
    if not actors or not doc.has_annotation("DEP"):
        return []
    index = ActorIndex(doc, actors, lexicon)
    frames = FrameReader(index, lexicon)
    stances = RelationModalityReader(doc, index, lexicon, list(hedges))
    names = {str(a["id"]): str(a.get("name") or a["id"]) for a in actors}
    candidates: list[RelationCandidate] = []
    roles, verbs, adjectives, nouns = lexicon.roles, lexicon.verbs, lexicon.adjectives, lexicon.nouns
    hyphen = lexicon.table("hyphen_suffixes")
    for token in tokens_of(doc):
        lemma, lower = token.lemma_.lower(), token.lower_
        if lemma in roles or lower in roles:
            candidates.extend(frames.role_frame(token))
        if lemma in verbs:
            candidates.extend(frames.verb_frame(token, list(events)))
        if lemma in adjectives or lower in adjectives:
            candidates.extend(frames.adjective_frame(token))
        if lemma in nouns:
            candidates.extend(frames.noun_frame(token))
        if lower in hyphen:
            candidates.extend(frames.hyphen_frame(token))
    builder = _Builder(doc, lexicon, index, stances, names)
    for cand in sorted(candidates, key=lambda c: (c.predicate == "denies", c.trigger.i)):
        builder.add(cand)
    builder.add_facts(facts)
    return builder.finish()


class _Builder:
    def __init__(
        self,
        doc: Doc,
        lexicon: RelationLexicon,
        index: ActorIndex,
        stances: RelationModalityReader,
        names: dict[str, str],
    ) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.index = index
        self.stances = stances
        self.names = names
        self.lex = lexicon
        self.subject_optional = lexicon.words("subject_optional")
        self.object_optional = lexicon.words("object_optional")
        self.symmetric = lexicon.words("symmetric")
        self.role_modifiers: dict[str, dict[str, Any]] = lexicon.table("role_modifiers")
        self.prefix = hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:8]
        self.out: list[dict[str, Any]] = []
        self.seen: dict[tuple[Any, ...], dict[str, Any]] = {}
        self.accusations: list[tuple[int, dict[str, Any]]] = []  # (sentence index, relation)

    def add(self, cand: RelationCandidate) -> None:
        subject, obj = cand.subject, cand.object
        if subject is None or (subject.actor is None and cand.predicate not in self.subject_optional):
            return
        if (obj is None or obj.actor is None) and cand.predicate not in self.object_optional:
            return
        if obj is not None and subject.actor is not None and subject.actor == obj.actor:
            return
        si = self.index.sentence_index(cand.trigger)
        target_relation = None
        if cand.predicate == "denies":
            accusation = self._accusation_denied(si, subject)
            if accusation is not None:
                obj = ActorRef(accusation["subject"], None, accusation["subject_text"], (0, 0))
                target_relation = accusation["id"]
        stance: Stance = self.stances.stance(
            cand.trigger, cand.predicate, subject, obj, consumed=cand.consumed, climb=cand.climb
        )
        sent = self.index.sents[si]
        evidence = {"text": sent.text, "span": [sent.start_char, sent.end_char]}
        s_id, o_id = subject.actor, obj.actor if obj is not None else None
        if cand.predicate in self.symmetric and s_id and o_id and o_id < s_id:
            key_pair = (o_id, s_id)
        else:
            key_pair = (s_id, o_id)
        key = (key_pair, cand.predicate, stance.modality)
        if s_id is not None and o_id is not None and key in self.seen:
            known = self.seen[key]
            if evidence not in known["evidence"]:
                known["evidence"].append(evidence)
            if cand.predicate == "accuses":
                self.accusations.append((si, known))
            return
        if s_id is None and any(
            r["subject"] is None
            and r["object"] == o_id
            and r["predicate"] == cand.predicate
            and r["evidence"][0] == evidence
            for r in self.out
        ):
            return
        object_words = cand.extra.get("object_words")
        relation = {
            "id": f"{self.prefix}-r{len(self.out) + 1}",
            "subject": s_id,
            "predicate": cand.predicate,
            "object": o_id,
            "modality": stance.modality,
            "evidence": [evidence],
            "subject_text": self._words(subject),
            "object_text": self._words(obj)
            if obj is not None
            else (object_words.text if object_words else ""),
            "trigger": {
                "text": cand.trigger.text,
                "span": [cand.trigger.idx, cand.trigger.idx + len(cand.trigger)],
            },
            "attribution": (
                {"source": stance.source.actor, "text": stance.source.text}
                if stance.source is not None
                else None
            ),
            "role": cand.role,
            "former": cand.former,
            "event": cand.event,
            "target_relation": target_relation,
        }
        self.out.append(relation)
        if s_id is not None and o_id is not None:
            self.seen[key] = relation
        if cand.predicate == "accuses":
            self.accusations.append((si, relation))

    def _words(self, ref: ActorRef) -> str:
        if ref.text:
            return ref.text
        return self.names.get(ref.actor, "") if ref.actor else ""

    def _accusation_denied(self, si: int, denier: ActorRef) -> dict[str, Any] | None:
        recent = [r for s, r in self.accusations if si - _DENIAL_WINDOW <= s <= si]
        for relation in reversed(recent):
            if denier.actor is not None and relation["object"] == denier.actor:
                return relation
        return recent[-1] if recent else None

    def add_facts(self, facts: list[dict[str, Any]]) -> None:
        """Role facts the actors component read ("X, a spokesman for Y") that name both actors."""
        for fact in facts:
            if fact.get("type") != "role" or not fact.get("actor"):
                continue
            org = next((fact[k] for k in _ROLE_FACT_KEYS if isinstance(fact.get(k), str) and fact[k]), None)
            if org is None or org == fact["actor"] or org not in self.names:
                continue
            title = next((str(fact[k]) for k in _ROLE_TITLE_KEYS if fact.get(k)), "")
            words = title.lower().split()
            role = self.lex.roles.get(" ".join(words)) or (self.lex.roles.get(words[-1]) if words else None)
            if role is None:
                continue  # a title the lexicon does not read as a relation ("general", "senator")
            predicate = str(role["predicate"])
            for word in words[:-1]:
                modifier = self.role_modifiers.get(word, {})
                predicate = str(modifier.get("predicate", predicate))
            span = fact.get("span")
            if not span:
                continue
            start, end = int(span[0]), int(span[1])
            si = next((i for i, s in enumerate(self.index.sents) if s.start_char <= start < s.end_char), None)
            if si is None:
                continue
            sent = self.index.sents[si]
            evidence = {"text": sent.text, "span": [sent.start_char, sent.end_char]}
            key = ((str(fact["actor"]), org), predicate, "asserted")
            if key in self.seen:
                if evidence not in self.seen[key]["evidence"]:
                    self.seen[key]["evidence"].append(evidence)
                continue
            relation = {
                "id": f"{self.prefix}-r{len(self.out) + 1}",
                "subject": str(fact["actor"]),
                "predicate": predicate,
                "object": org,
                "modality": "asserted",
                "evidence": [evidence],
                "subject_text": self.names.get(str(fact["actor"]), ""),
                "object_text": self.names.get(org, ""),
                "trigger": {"text": self.text[start:end], "span": [start, end]},
                "attribution": None,
                "role": title or None,
                "former": bool(fact.get("former", False)),
                "event": None,
                "target_relation": None,
            }
            self.out.append(relation)
            self.seen[key] = relation

    def finish(self) -> list[dict[str, Any]]:
        return self.out
