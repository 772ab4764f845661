"""Score the ``dateline_quotes`` component (quotes, attributions, hedges) against a gold JSONL file.

Items (see :mod:`dateline.evaluation.gold`) say which record they are with ``"record"``:
``"quote"`` (default), ``"attribution"`` or ``"hedge"``, and give the fields to score:
``speaker_text`` and ``kind`` for quotes, ``source_text`` for attributions, ``modality`` for hedges.
Every record of a kind in a gold text must be listed, so that unlisted predictions count as false
positives. A speaker is right when it equals the expected name, contains it, or is its surname (as
the seed scorer accepts). The top-level precision/recall/F1 pool all three kinds.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from dateline.errors import MalformedRecord
from dateline.evaluation.gold import Tally, analysed, locate, prf, read_gold

__all__ = ["RECORDS", "evaluate_quotes"]

COMPONENT = "dateline_quotes"
RECORDS = {
    "quote": ("dateline_quotes", ("speaker_text", "kind")),
    "attribution": ("dateline_attributions", ("source_text",)),
    "hedge": ("dateline_hedges", ("modality",)),
}


def evaluate_quotes(nlp: Any, gold_path: Path) -> dict[str, Any]:
    """Run ``nlp`` over the gold texts; per record kind, detection P/R/F1 and per-field accuracy."""
    cases = read_gold(Path(gold_path))
    tallies = {kind: Tally(fields) for kind, (_, fields) in RECORDS.items()}
    for case, doc in analysed(nlp, cases, COMPONENT):
        text = case["text"]
        located = locate(text, case["expected"])
        for _, item in located:
            if item.get("record", "quote") not in RECORDS:
                raise MalformedRecord(
                    f"gold item record {item['record']!r} is not one of {', '.join(RECORDS)}"
                )
        for kind, (attr, _) in RECORDS.items():
            expected = [(span, item) for span, item in located if item.get("record", "quote") == kind]
            tallies[kind].add(text, expected, list(doc._.get(attr) or []), _same, label=kind)
    pooled = prf(
        *(sum(getattr(t, key) for t in tallies.values()) for key in ("matched", "expected", "predicted"))
    )
    result: dict[str, Any] = {"documents": len(cases), **pooled}
    for kind, tally in tallies.items():
        result[kind] = tally.scores()
    for key in ("misses", "spurious", "wrong"):
        result[key] = [x for tally in tallies.values() for x in tally.examples()[key]]
    return result


def _norm(value: Any) -> str:
    s = unicodedata.normalize("NFKD", str(value or ""))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'").replace(".", "")
    s = " ".join(s.replace("-", " ").split())
    return s[4:] if s.startswith("the ") else s


def _same(name: str, item: dict[str, Any], got: dict[str, Any]) -> bool | None:
    if name not in item:
        return None
    want, value = _norm(item[name]), _norm(got.get(name))
    if name != "speaker_text":
        return want == value
    if not want:
        return not value
    return bool(value) and (want == value or f" {want} " in f" {value} " or want.endswith(" " + value))
