"""Score the ``dateline_dates`` component against a hand-labelled gold JSONL file.

Items (see :mod:`dateline.evaluation.gold`) give any of ``start``, ``end``, ``precision``,
``relative``, ``resolved``; each case's ``published`` is the reference date. ``interval`` is
scored when an item gives both ends: the predicted interval must lie within the expected one,
with one day of slack either side (as the seed scorer does).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from dateline.evaluation.gold import Tally, analysed, locate, plain_field, read_gold

__all__ = ["FIELDS", "evaluate_dates"]

FIELDS = ("start", "end", "precision", "relative", "resolved", "interval")
COMPONENT = "dateline_dates"


def evaluate_dates(nlp: Any, gold_path: Path) -> dict[str, Any]:
    """Run ``nlp`` over the gold texts (publication date set first); P/R/F1 and field accuracy."""
    cases = read_gold(Path(gold_path))
    tally = Tally(FIELDS)
    for case, doc in analysed(nlp, cases, COMPONENT):
        predicted = list(doc._.get("dateline_dates") or [])
        tally.add(case["text"], locate(case["text"], case["expected"]), predicted, _same)
    return {"documents": len(cases), **tally.scores(), **tally.examples()}


def _same(name: str, item: dict[str, Any], got: dict[str, Any]) -> bool | None:
    if name != "interval":
        return plain_field(name, item, got)
    if "start" not in item or "end" not in item:
        return None
    if item["start"] is None or item["end"] is None:
        return got.get("start") is None and got.get("end") is None
    if not got.get("start") or not got.get("end"):
        return False
    day = dt.timedelta(days=1)
    lo, hi = dt.date.fromisoformat(item["start"]) - day, dt.date.fromisoformat(item["end"]) + day
    return lo <= dt.date.fromisoformat(got["start"]) <= dt.date.fromisoformat(got["end"]) <= hi
