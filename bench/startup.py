#!/usr/bin/env python3
"""Cold start of the ``dateline`` command, against bare spaCy, measured in one run.

Each command runs as a fresh process (as a user runs it), --repeat times, alternating; the best
wall-clock time of each counts:

  import spacy   python -c "import spacy"                      (the floor of anything using spaCy)
  spacy.load     python -c "import spacy; spacy.load(MODEL)"   (the floor of anything reading text)
  --help         dateline --help                                (goal: <= 0.5 s)
  extract        dateline extract ONE_ARTICLE.jsonl -o FILE     (goal: <= 3 s)

Prints seconds and, as ratios, each command against ``import spacy`` and ``spacy.load``. The
article is the first of examples/founding_articles.jsonl (shipped), or --article.

    .venv/bin/python bench/startup.py
    .venv/bin/python bench/startup.py --repeat 5 --json
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "examples" / "founding_articles.jsonl"
GOALS = {"--help": 0.5, "extract": 3.0}


def default_model() -> str:
    from dateline.settings import Settings

    return Settings().spacy_model


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command; the best counts")
    parser.add_argument("--article", type=Path, help="a .jsonl/.txt file of one article (default: shipped)")
    parser.add_argument("--model", default=None, help="spaCy model (default: dateline's)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    model = args.model or default_model()
    python = sys.executable
    script = Path(python).parent / "dateline"
    dateline = [str(script)] if script.exists() else [python, "-m", "dateline.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        article = args.article
        if article is None:
            article = Path(tmp) / "article.jsonl"
            article.write_text(ARTICLES.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
        out = Path(tmp) / "records.jsonl"
        model_args = ["--model", args.model] if args.model else []
        commands = {
            "import spacy": [python, "-c", "import spacy"],
            "spacy.load": [python, "-c", f"import spacy; spacy.load({model!r})"],
            "--help": [*dateline, "--help"],
            "extract": [*dateline, "extract", str(article), "-o", str(out), *model_args],
        }
        env_note = os.cpu_count()
        timed(commands["import spacy"])  # warm the file cache
        best = {name: float("inf") for name in commands}
        for _ in range(max(1, args.repeat)):
            for name, argv in commands.items():
                best[name] = min(best[name], timed(argv))
    floor_import, floor_load = best["import spacy"], best["spacy.load"]
    result = {
        "model": model,
        "cpus": env_note,
        "repeat": args.repeat,
        "seconds": {name: round(t, 3) for name, t in best.items()},
        "vs_import_spacy": {name: round(t / floor_import, 2) for name, t in best.items()},
        "vs_spacy_load": {name: round(t / floor_load, 2) for name, t in best.items()},
        "goals_met": {name: best[name] <= goal for name, goal in GOALS.items()},
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"cold start, best of {args.repeat}, model {model}, {env_note} CPUs")
    print(f"{'command':<14}{'seconds':>9}{'/ import spacy':>16}{'/ spacy.load':>14}  goal")
    for name, t in best.items():
        goal = GOALS.get(name)
        verdict = f"<= {goal} s: {'met' if t <= goal else 'NOT met'}" if goal else ""
        print(f"{name:<14}{t:>9.2f}{t / floor_import:>16.2f}{t / floor_load:>14.2f}  {verdict}")


if __name__ == "__main__":
    main()
