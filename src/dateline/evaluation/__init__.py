"""Evaluation of dateline's extractors against gold files.

The hand-labelled gold files ship with the package (``dateline/evaluation/gold/``); the
commands read them unless given ``--gold FILE``. Other gold (PLOVER, the geoparsing corpora)
is passed explicitly.
"""

from __future__ import annotations

import importlib
from importlib import resources
from pathlib import Path
from typing import Any

from dateline.errors import MissingInput

EVALUATIONS = ("quantities", "dates", "quotes", "actors", "relations")


def shipped_gold(filename: str) -> Path:
    """A gold file shipped with dateline (``dateline/evaluation/gold/<filename>``)."""
    return Path(str(resources.files("dateline.evaluation").joinpath("gold", filename)))


def default_gold(name: str) -> Path:
    """The shipped gold file of the ``name`` evaluation (``<name>_gold.jsonl``)."""
    return shipped_gold(f"{name}_gold.jsonl")


def run_evaluation(name: str, gold: Path | None = None, *, model: str | None = None) -> dict[str, Any]:
    """Run ``dateline.evaluation.<name>.evaluate_<name>`` on a gold file and return its scores."""
    from dateline.nlp.pipeline import load_pipeline

    gold = gold or default_gold(name)
    if not gold.exists():
        raise MissingInput(f"no gold file at {gold}; pass --gold FILE")
    module = importlib.import_module(f"dateline.evaluation.{name}")
    evaluate = getattr(module, f"evaluate_{name}")
    return dict(evaluate(load_pipeline(model), gold))
