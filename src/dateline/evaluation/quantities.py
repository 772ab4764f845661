"""Score the ``dateline_quantities`` component against a hand-labelled gold JSONL file.

Items (see :mod:`dateline.evaluation.gold`) give any of the record fields ``low``, ``high``,
``best``, ``qualifier``, ``unit``, ``vague``, ``group``. ``group`` is scored as "is part of a
list" (set or null), since group numbers are labels.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dateline.evaluation.gold import Tally, analysed, locate, read_gold

__all__ = ["FIELDS", "evaluate_quantities"]

FIELDS = ("low", "high", "best", "qualifier", "unit", "vague", "group")
COMPONENT = "dateline_quantities"


def evaluate_quantities(nlp: Any, gold_path: Path) -> dict[str, Any]:
    """Run ``nlp`` over the gold texts and return detection P/R/F1 and per-field accuracy."""
    cases = read_gold(Path(gold_path))
    tally = Tally(FIELDS)
    for case, doc in analysed(nlp, cases, COMPONENT):
        predicted = list(doc._.get("dateline_quantities") or [])
        tally.add(case["text"], locate(case["text"], case["expected"]), predicted, _same)
    return {"documents": len(cases), **tally.scores(), **tally.examples()}


def _same(name: str, item: dict[str, Any], got: dict[str, Any]) -> bool | None:
    if name not in item:
        return None
    want, value = item[name], got.get(name)
    if name == "group":
        return (want is None) == (value is None)
    if name in ("low", "high", "best"):
        if want is None or value is None:
            return want is None and value is None
        return abs(float(want) - float(value)) < 1e-6 * max(1.0, abs(float(want)))
    if name in ("qualifier", "unit"):
        return (want or "").lower() == (value or "").lower()
    return bool(want) == bool(value)
