"""Score the ``dateline_quotes`` component (quotes, attributions, hedges) against a gold JSONL file.

Each line: ``{"text": ..., "published": "YYYY-MM-DD" | null, "expected": [item, ...]}``. An item says
which record it is with ``"record"``: ``"quote"`` (default), ``"attribution"`` or ``"hedge"``; names its
mention by ``"span": [start, end]`` or by ``"text"`` (found left to right, ``"nth": 2`` for the second
occurrence); and gives the fields to score: ``speaker_text`` and ``kind`` for quotes, ``source_text``
for attributions, ``modality`` for hedges. Every record of a kind in a gold text must be listed, so
that unlisted predictions count as false positives.

Detection is scored by span overlap, one prediction per expected item. A speaker is right when it
equals the expected name, contains it, or is its surname (as the seed scorer accepts).
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

from dateline.errors import MalformedRecord

__all__ = ["RECORDS", "evaluate_quotes"]

COMPONENT = "dateline_quotes"
RECORDS = {
    "quote": ("dateline_quotes", ("speaker_text", "kind")),
    "attribution": ("dateline_attributions", ("source_text",)),
    "hedge": ("dateline_hedges", ("modality",)),
}
_MAX_EXAMPLES = 25


def evaluate_quotes(nlp: Any, gold_path: Path) -> dict[str, Any]:
    """Run ``nlp`` over the gold texts; per record kind, detection P/R/F1 and per-field accuracy.

    ``dateline_quotes`` is added to ``nlp`` when the pipeline does not have it yet.
    """
    cases = _read_gold(Path(gold_path))
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT)
    tallies = {
        kind: {"expected": 0, "predicted": 0, "matched": 0, "fields": {f: [0, 0] for f in fields}}
        for kind, (_, fields) in RECORDS.items()
    }
    misses: list[str] = []
    spurious: list[str] = []
    wrong: list[str] = []
    for case, doc in zip(cases, nlp.pipe(case["text"] for case in cases), strict=True):
        text = case["text"]
        for kind, (attr, fields) in RECORDS.items():
            tally = tallies[kind]
            predicted = list(doc._.get(attr) or [])
            expected = [
                (span, item) for span, item in _expected(text, case["expected"]) if item["kind_"] == kind
            ]
            tally["expected"] += len(expected)
            tally["predicted"] += len(predicted)
            used: set[int] = set()
            for span, item in expected:
                k = next(
                    (k for k, p in enumerate(predicted) if k not in used and _overlaps(span, p["span"])), None
                )
                if k is None:
                    misses.append(f"{kind} {text[span[0] : span[1]]!r}")
                    continue
                used.add(k)
                tally["matched"] += 1
                for name in fields:
                    if name not in item:
                        continue
                    tally["fields"][name][1] += 1
                    if _same(name, item[name], predicted[k].get(name)):
                        tally["fields"][name][0] += 1
                    else:
                        wrong.append(f"{kind} {text[span[0] : span[1]]!r}: {name} {predicted[k].get(name)!r}")
            spurious.extend(f"{kind} {p['text']!r}" for k, p in enumerate(predicted) if k not in used)
    result: dict[str, Any] = {"documents": len(cases)}
    for kind, tally in tallies.items():
        result[kind] = _scores(tally)
    result["misses"] = misses[:_MAX_EXAMPLES]
    result["spurious"] = spurious[:_MAX_EXAMPLES]
    result["wrong_values"] = wrong[:_MAX_EXAMPLES]
    return result


def _scores(tally: dict[str, Any]) -> dict[str, Any]:
    matched, expected, predicted = tally["matched"], tally["expected"], tally["predicted"]
    precision = matched / predicted if predicted else 0.0
    recall = matched / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "expected": expected,
        "predicted": predicted,
        "matched": matched,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "fields": {
            name: {"correct": c, "total": t, "accuracy": round(c / t, 3) if t else None}
            for name, (c, t) in tally["fields"].items()
        },
    }


def _norm(value: Any) -> str:
    s = unicodedata.normalize("NFKD", str(value or ""))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'").replace(".", "")
    s = " ".join(s.replace("-", " ").split())
    return s[4:] if s.startswith("the ") else s


def _same(name: str, want: Any, got: Any) -> bool:
    if name != "speaker_text":
        return _norm(want) == _norm(got)
    w, g = _norm(want), _norm(got)
    if not w:
        return not g
    return bool(g) and (w == g or f" {w} " in f" {g} " or w.endswith(" " + g))


def _overlaps(a: tuple[int, int], b: list[int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _expected(text: str, items: list[dict[str, Any]]) -> list[tuple[tuple[int, int], dict[str, Any]]]:
    out = []
    for item in items:
        kind = item.get("record", "quote")
        if kind not in RECORDS:
            raise MalformedRecord(f"gold item record {kind!r} is not one of {', '.join(RECORDS)}")
        if "span" in item:
            span = (int(item["span"][0]), int(item["span"][1]))
        else:
            start = -1
            for _ in range(int(item.get("nth", 1))):
                start = text.find(item["text"], start + 1)
                if start < 0:
                    raise MalformedRecord(f"gold text {item['text']!r} not found in {text[:60]!r}")
            span = (start, start + len(item["text"]))
        out.append((span, {**item, "kind_": kind}))
    return out


def _read_gold(path: Path) -> list[dict[str, Any]]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as exc:
            raise MalformedRecord(f"{path}:{number}: {exc}") from None
        if not isinstance(case, dict) or "text" not in case or "expected" not in case:
            raise MalformedRecord(f"{path}:{number}: need 'text' and 'expected'")
        cases.append(case)
    return cases
