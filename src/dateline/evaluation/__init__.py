"""Evaluation of dateline's extractors against gold files."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from dateline.errors import MissingInput

EVALUATIONS = ("quantities", "dates", "quotes", "actors", "relations")


def default_gold(name: str) -> Path:
    """The gold file shipped in the source tree for ``name`` (``eval/<name>_gold.jsonl``)."""
    return Path(__file__).resolve().parents[3] / "eval" / f"{name}_gold.jsonl"


def run_evaluation(name: str, gold: Path | None = None, *, model: str | None = None) -> dict[str, Any]:
    """Run ``dateline.evaluation.<name>.evaluate_<name>`` on a gold file and return its scores."""
    from dateline.nlp.pipeline import load_pipeline

    gold = gold or default_gold(name)
    if not gold.exists():
        raise MissingInput(f"no gold file at {gold}; pass --gold FILE")
    module = importlib.import_module(f"dateline.evaluation.{name}")
    evaluate = getattr(module, f"evaluate_{name}")
    return dict(evaluate(load_pipeline(model), gold))
