"""Evaluation of relations between actors against a gold JSONL file.

Each gold line is ``{"text", "published", "expected": [item, ...]}`` with items::

    {"subject": name | [names] | null, "predicate": "leader_of", "object": name | [names] | null,
     "text": "evidence anchor", "modality": "asserted"}   # modality optional

A predicted relation is a candidate for an item when one of its evidence spans overlaps the anchor;
each item takes the unused candidate that agrees with it most (predicate, then object, then subject).
Names match an actor's canonical name, one of its aliases or the words of the argument, compared
case-, accent- and hyphen-insensitively; a null subject (an unnamed group) matches only a null one.
Detection P/R/F1 counts matched items; ``strict`` counts matches with subject, predicate and object
all right; ``fields`` gives the accuracy of each field over matched items.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from dateline.evaluation.gold import MAX_EXAMPLES, analysed, locate, overlaps, prf, read_gold

FIELDS = ("subject", "predicate", "object", "modality")


def _norm(name: str | None) -> str:
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("-", " ").replace("_", " ").replace("’", "'").replace(".", "")
    s = " ".join(s.split())
    return s[4:] if s.startswith("the ") else s


def _wanted(value: Any) -> set[str] | None:
    if value is None:
        return None
    values = value if isinstance(value, list) else [value]
    return {_norm(v) for v in values}


def _names(actor_id: str | None, words: str, actors: dict[str, dict[str, Any]]) -> set[str]:
    if actor_id is None:
        return set()
    actor = actors.get(actor_id, {})
    names = {_norm(actor.get("name")), _norm(words)}
    names |= {_norm(a) for a in actor.get("aliases") or []}
    names |= {_norm(m.get("text")) for m in actor.get("mentions") or []}
    return {n for n in names if n}


def _field_ok(
    name: str, item: dict[str, Any], got: dict[str, Any], actors: dict[str, dict[str, Any]]
) -> bool | None:
    if name not in item:
        return None
    if name in ("subject", "object"):
        want = _wanted(item[name])
        if want is None:
            return got.get(name) is None
        return bool(want & _names(got.get(name), got.get(f"{name}_text") or "", actors))
    return bool(item[name] == got.get(name))


def evaluate_relations(nlp: Any, gold_path: Path) -> dict[str, Any]:
    """Precision, recall and F1 of relation detection, strict triple scores and per-field accuracy."""
    cases = read_gold(Path(gold_path))
    expected_n = predicted_n = matched = strict = 0
    correct: dict[str, list[int]] = {}
    misses: list[str] = []
    spurious: list[str] = []
    wrong: list[str] = []
    for case, doc in analysed(nlp, cases, "dateline_relations"):
        text = case["text"]
        actors = {a["id"]: a for a in doc._.dateline_actors or []}
        predicted = list(doc._.dateline_relations or [])
        expected = locate(text, case["expected"])
        expected_n += len(expected)
        predicted_n += len(predicted)
        used: set[int] = set()
        for span, item in expected:
            best, best_score = None, -1
            for k, rel in enumerate(predicted):
                if k in used or not any(overlaps(span, ev["span"]) for ev in rel.get("evidence") or []):
                    continue
                score = sum(
                    weight
                    for name, weight in (("predicate", 4), ("object", 2), ("subject", 1))
                    if _field_ok(name, item, rel, actors)
                )
                if score > best_score:
                    best, best_score = k, score
            if best is None:
                misses.append(
                    f"{item.get('subject')} {item['predicate']} {item.get('object')} in {text[:60]!r}"
                )
                continue
            used.add(best)
            matched += 1
            got = predicted[best]
            all_right = True
            for name in FIELDS:
                ok = _field_ok(name, item, got, actors)
                if ok is None:
                    continue
                counts = correct.setdefault(name, [0, 0])
                counts[1] += 1
                counts[0] += int(ok)
                if not ok:
                    if name != "modality":
                        all_right = False
                    shown = got.get(f"{name}_text") if name in ("subject", "object") else got.get(name)
                    want = item.get(name)
                    wrong.append(
                        f"{name}: got {shown!r}, want {want!r} ({item['predicate']}) in {text[:50]!r}"
                    )
            strict += int(all_right)
        spurious.extend(
            f"{r.get('subject_text')!r} {r['predicate']} {r.get('object_text')!r} in {text[:50]!r}"
            for k, r in enumerate(predicted)
            if k not in used
        )
    return {
        "expected": expected_n,
        "predicted": predicted_n,
        "matched": matched,
        **prf(matched, expected_n, predicted_n),
        "strict": {"matched": strict, **prf(strict, expected_n, predicted_n)},
        "fields": {
            name: {
                "correct": correct.get(name, [0, 0])[0],
                "total": correct.get(name, [0, 0])[1],
                "accuracy": round(correct[name][0] / correct[name][1], 4)
                if correct.get(name, [0, 0])[1]
                else None,
            }
            for name in FIELDS
        },
        "examples": {
            "misses": misses[:MAX_EXAMPLES],
            "spurious": spurious[:MAX_EXAMPLES],
            "wrong": wrong[:MAX_EXAMPLES],
        },
    }
