"""Score the ``dateline_actors`` component against a gold JSONL file.

Each gold item names one actor mention (``"text"``, optionally ``"nth"``, or ``"span"``; see
:mod:`dateline.evaluation.gold`) and gives ``"name"``: the canonical name of the actor it refers
to (any of the actor's names is accepted, so a gold file need not know the registry's spelling),
and optionally ``"kind"`` and ``"country"`` (ISO 3166-1 alpha-2, or ``null`` for none). Every actor
mention in a gold text is listed, so unlisted predictions count as false positives: named actors
(people, organisations, armed groups, states acting as actors, known or not) and nominal ones that
name a group of people ("Pakistani forces", "local villagers", "security sources"). A name counts
wherever it stands ("al Qaeda-linked", "Pakistan's intelligence agency"); a bare demonym does not
("Kurdish cities"). Pronouns, anaphoric "the group", head counts ("20 people", "hundreds of
families") and places named as places are not actor mentions.

Scores: detection precision/recall/F1 by span overlap with any actor mention; per matched mention,
``name`` (resolution: the linked actor's name or aliases include the expected name), ``kind`` and
``country`` accuracy; ``registered`` (share of matched mentions linked to a registry actor) and
``id_consistency`` (mentions of one expected actor that carry its most common id).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dateline.actors.registry import actor_key
from dateline.evaluation.gold import Span, Tally, analysed, locate, read_gold
from dateline.records import Actor

__all__ = ["COMPONENT", "FIELDS", "accuracy_counts", "evaluate_actors", "mention_rows"]

COMPONENT = "dateline_actors"
FIELDS = ("name", "kind", "country")


def evaluate_actors(nlp: Any, gold_path: Path) -> dict[str, Any]:
    """Run ``nlp`` over the gold texts; detection P/R/F1 and resolution, kind and country accuracy."""
    cases = read_gold(Path(gold_path))
    tally = Tally(FIELDS)
    linked: dict[str, list[str]] = defaultdict(list)  # expected name key -> ids it got
    registered = [0, 0]

    def compare(name: str, item: dict[str, Any], got: dict[str, Any]) -> bool | None:
        if name == "name":
            if "name" not in item:
                return None
            linked[actor_key(item["name"])].append(got["id"])
            registered[0] += bool(got.get("registered"))
            registered[1] += 1
            return actor_key(item["name"]) in {actor_key(n) for n in (got["name"], *got["aliases"])}
        if name not in item:
            return None
        return bool(item[name] == got.get(name))

    for case, doc in analysed(nlp, cases, COMPONENT):
        text = case["text"]
        located = locate(text, case["expected"])
        actors = map(Actor.from_dict, doc._.get("dateline_actors") or [])
        predicted = _best_first(mention_rows(actors), [s for s, _ in located])
        tally.add(text, located, predicted, compare)

    scores = tally.scores()
    result: dict[str, Any] = {"documents": len(cases), **scores}
    result["registered"] = accuracy_counts(*registered)
    result["id_consistency"] = accuracy_counts(*_consistency(linked.values()))
    result.update(tally.examples())
    return result


def mention_rows(actors: Iterable[Actor]) -> list[dict[str, Any]]:
    """One row per actor mention, carrying the actor's fields, in text order."""
    rows = [
        {
            "text": mention.text,
            "span": list(mention.span),
            "id": actor.id,
            "name": actor.name or "",
            "aliases": list(actor.aliases),
            "kind": actor.kind,
            "country": actor.country_code,
            "registered": bool(actor.registered),
        }
        for actor in actors
        for mention in actor.mentions
    ]
    rows.sort(key=lambda r: (r["span"][0], -r["span"][1]))
    return rows


def _best_first(rows: list[dict[str, Any]], spans: list[Span]) -> list[dict[str, Any]]:
    """Rows ordered so that the first row overlapping a gold span is the one covering it best.

    The tally pairs each gold span with the first unused overlapping row; when mentions nest
    ("Pakistani" inside "Pakistani forces"), the row closest to the gold span must come first.
    """

    def fit(row: dict[str, Any]) -> float:
        start, end = row["span"]
        best = 0.0
        for s, e in spans:
            inter = min(end, e) - max(start, s)
            if inter > 0:
                best = max(best, inter / (max(end, e) - min(start, s)))
        return best

    return sorted(rows, key=lambda r: -fit(r))  # stable: text order among equals


def _consistency(groups: Iterable[list[str]]) -> tuple[int, int]:
    """Mentions carrying their actor's most common id, over actors matched at least twice."""
    same = total = 0
    for ids in groups:
        if len(ids) < 2:
            continue
        same += Counter(ids).most_common(1)[0][1]
        total += len(ids)
    return same, total


def accuracy_counts(correct: int, total: int) -> dict[str, Any]:
    """``{"correct", "total", "accuracy"}``: the shape score tables render as one row."""
    return {"correct": correct, "total": total, "accuracy": round(correct / total, 4) if total else None}
