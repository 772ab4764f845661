"""What every evaluation shares: the gold JSONL format, span matching and the score tally.

A gold file has one JSON object per line::

    {"text": "...", "published": "YYYY-MM-DD" | null, "expected": [item, ...]}

An item names its mention by ``"span": [start, end]`` or by ``"text"`` (found left to right among
items of the same ``record`` kind; ``"nth": 2`` picks the second occurrence) and gives the record
fields it expects. Only the fields an item gives are scored. Detection is scored by span overlap,
one prediction per item.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.errors import MalformedRecord

Span = tuple[int, int]
# (field name, expected item, predicted dict) -> True/False, or None when the field does not apply
Compare = Callable[[str, dict[str, Any], dict[str, Any]], bool | None]
MAX_EXAMPLES = 25


def text_lines(path: Path, what: str = "a gold line") -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line of a JSONL file whose objects carry a ``text``
    string, streamed; a malformed line is an error naming ``path:LINE``."""
    with Path(path).open(encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedRecord(f"{path}:{number}: not JSON ({exc.msg})") from None
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise MalformedRecord(f"{path}:{number}: {what} needs a 'text' string")
            yield number, obj


def read_gold(path: Path) -> list[dict[str, Any]]:
    """The cases of a gold JSONL file; a malformed line is an error naming ``path:LINE``."""
    cases = []
    for _, case in text_lines(path):
        case.setdefault("expected", [])
        cases.append(case)
    return cases


def locate(text: str, items: list[dict[str, Any]]) -> list[tuple[Span, dict[str, Any]]]:
    """Each expected item with its span in ``text``."""
    out = []
    cursor: dict[tuple[str, str], int] = {}  # per record kind: two kinds may share a mention
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
                start = text.find(mention, cursor.get((item.get("record", ""), mention), 0))
            if start < 0:
                raise MalformedRecord(f"gold mention {mention!r} not found in {text[:60]!r}")
            end = start + len(mention)
            cursor[(item.get("record", ""), mention)] = end
        out.append(((start, end), item))
    return out


def overlaps(a: Span, b: list[int] | Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def analysed(nlp: Any, cases: list[dict[str, Any]], component: str) -> Iterator[tuple[dict[str, Any], Any]]:
    """Each case with its analysed doc; ``component`` (and the dateline detector, so that a dateline is
    never a story actor or place) is added when the pipeline lacks it."""
    from dateline.nlp.pipeline import add_dateline_detector, read_docs

    if component not in nlp.pipe_names:
        nlp.add_pipe(component)
    add_dateline_detector(nlp)
    yield from read_docs(nlp, ((case["text"], case.get("published"), case) for case in cases))


@dataclass
class Tally:
    """Detection counts, per-field accuracy and examples of errors for one kind of record."""

    fields: tuple[str, ...]
    expected: int = 0
    predicted: int = 0
    matched: int = 0
    correct: dict[str, list[int]] = field(default_factory=dict)  # name -> [correct, total]
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(
        self,
        text: str,
        expected: list[tuple[Span, dict[str, Any]]],
        predicted: list[dict[str, Any]],
        compare: Compare,
        label: str = "",
    ) -> None:
        """Match one document's predictions to its expected items and count."""
        prefix = f"{label} " if label else ""
        self.expected += len(expected)
        self.predicted += len(predicted)
        used: set[int] = set()
        for span, item in expected:
            k = next(
                (k for k, p in enumerate(predicted) if k not in used and overlaps(span, p["span"])), None
            )
            if k is None:
                self.misses.append(f"{prefix}{text[span[0] : span[1]]!r} in {text[:60]!r}")
                continue
            used.add(k)
            self.matched += 1
            got = predicted[k]
            for name in self.fields:
                ok = compare(name, item, got)
                if ok is None:
                    continue
                counts = self.correct.setdefault(name, [0, 0])
                counts[1] += 1
                if ok:
                    counts[0] += 1
                else:
                    self.wrong.append(
                        f"{prefix}{got['text']!r}: {name} {got.get(name)!r} != {item.get(name)!r}"
                    )
        self.spurious.extend(
            f"{prefix}{p['text']!r} in {text[:60]!r}" for k, p in enumerate(predicted) if k not in used
        )

    def scores(self) -> dict[str, Any]:
        return {
            "expected": self.expected,
            "predicted": self.predicted,
            "matched": self.matched,
            **prf(self.matched, self.expected, self.predicted),
            "fields": {
                name: {
                    "correct": self.correct.get(name, [0, 0])[0],
                    "total": self.correct.get(name, [0, 0])[1],
                    "accuracy": _share(*self.correct.get(name, [0, 0])),
                }
                for name in self.fields
            },
        }

    def examples(self) -> dict[str, list[str]]:
        return {
            "misses": self.misses[:MAX_EXAMPLES],
            "spurious": self.spurious[:MAX_EXAMPLES],
            "wrong": self.wrong[:MAX_EXAMPLES],
        }


def prf(matched: int, expected: int, predicted: int) -> dict[str, float]:
    precision = matched / predicted if predicted else 0.0
    recall = matched / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _share(correct: int, total: int) -> float | None:
    return round(correct / total, 4) if total else None


def plain_field(name: str, item: dict[str, Any], got: dict[str, Any]) -> bool | None:
    """The default comparison: equal values, for fields the item gives."""
    if name not in item:
        return None
    return bool(item[name] == got.get(name))
