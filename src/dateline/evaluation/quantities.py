"""Score the ``dateline_quantities`` component against a hand-labelled gold JSONL file.

Each line: ``{"text": ..., "published": "YYYY-MM-DD" | null, "expected": [item, ...]}`` where an
item names its mention by ``"span": [start, end]`` or by ``"text"`` (found in the document,
left to right; ``"nth": 2`` picks the second occurrence) and gives any of the record fields
``low``, ``high``, ``best``, ``qualifier``, ``unit``, ``vague``, ``group``. Only the fields an
item gives are scored. ``group`` is scored as "is part of a list" (set or null), since group
numbers are labels.

Detection is scored by span overlap, one predicted quantity per expected item.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dateline.errors import MalformedRecord

__all__ = ["FIELDS", "evaluate_quantities"]

FIELDS = ("low", "high", "best", "qualifier", "unit", "vague", "group")
COMPONENT = "dateline_quantities"
_MAX_EXAMPLES = 25


def evaluate_quantities(nlp: Any, gold_path: Path) -> dict[str, Any]:
    """Run ``nlp`` over the gold texts and return detection P/R/F1 and per-field accuracy.

    ``dateline_quantities`` is added to ``nlp`` when the pipeline does not have it yet.
    """
    cases = _read_gold(Path(gold_path))
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT)
    expected_n = predicted_n = matched_n = 0
    fields = {name: {"correct": 0, "total": 0} for name in FIELDS}
    misses: list[str] = []
    spurious: list[str] = []
    wrong: list[str] = []
    docs = nlp.pipe(case["text"] for case in cases)
    for case, doc in zip(cases, docs, strict=True):
        text = case["text"]
        predicted = list(doc._.get("dateline_quantities") or [])
        expected = _expected_spans(text, case["expected"])
        expected_n += len(expected)
        predicted_n += len(predicted)
        used: set[int] = set()
        for span, item in expected:
            k = next(
                (k for k, q in enumerate(predicted) if k not in used and _overlaps(span, q["span"])),
                None,
            )
            if k is None:
                misses.append(f"{text[span[0] : span[1]]!r} in {text[:60]!r}")
                continue
            used.add(k)
            matched_n += 1
            got = predicted[k]
            for name in FIELDS:
                if name not in item:
                    continue
                fields[name]["total"] += 1
                if _same(name, item[name], got.get(name)):
                    fields[name]["correct"] += 1
                else:
                    wrong.append(f"{got['text']!r}: {name} {got.get(name)!r} != {item[name]!r}")
        spurious.extend(f"{q['text']!r} in {text[:60]!r}" for k, q in enumerate(predicted) if k not in used)
    precision = matched_n / predicted_n if predicted_n else 0.0
    recall = matched_n / expected_n if expected_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "documents": len(cases),
        "expected": expected_n,
        "predicted": predicted_n,
        "matched": matched_n,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "fields": {
            name: {**c, "accuracy": round(c["correct"] / c["total"], 4) if c["total"] else None}
            for name, c in fields.items()
        },
        "misses": misses[:_MAX_EXAMPLES],
        "spurious": spurious[:_MAX_EXAMPLES],
        "wrong": wrong[:_MAX_EXAMPLES],
    }


def _read_gold(path: Path) -> list[dict[str, Any]]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as exc:
            raise MalformedRecord(f"{path}:{number}: not JSON ({exc.msg})") from None
        if not isinstance(case, dict) or not isinstance(case.get("text"), str):
            raise MalformedRecord(f"{path}:{number}: a gold line needs a 'text' string")
        case.setdefault("expected", [])
        cases.append(case)
    return cases


def _expected_spans(text: str, items: list[dict[str, Any]]) -> list[tuple[tuple[int, int], dict[str, Any]]]:
    out = []
    cursor: dict[str, int] = {}
    for item in items:
        if "span" in item:
            start, end = (int(x) for x in item["span"])
        else:
            mention = item["text"]
            if "nth" in item:
                start = -1
                for _ in range(int(item["nth"])):
                    start = text.find(mention, start + 1)
            else:
                start = text.find(mention, cursor.get(mention, 0))
            if start < 0:
                raise MalformedRecord(f"gold mention {mention!r} not found in {text[:60]!r}")
            end = start + len(mention)
            cursor[mention] = end
        out.append(((start, end), item))
    return out


def _overlaps(a: tuple[int, int], b: list[int] | tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same(name: str, want: Any, got: Any) -> bool:
    if name == "group":
        return (want is None) == (got is None)
    if name in ("low", "high", "best"):
        if want is None or got is None:
            return want is None and got is None
        return abs(float(want) - float(got)) < 1e-6 * max(1.0, abs(float(want)))
    if name in ("qualifier", "unit"):
        return (want or "").lower() == (got or "").lower()
    return bool(want) == bool(got)
