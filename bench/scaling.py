#!/usr/bin/env python3
"""How the pipeline's time grows with the text, on adversarial and ordinary patterns.

Each pattern (a trigger word repeated, punctuation runs, quote runs, number runs, a list of place
names, a short sentence repeated, one very long sentence, ordinary short sentences) is built at
N, 2N, 4N and 8N characters and read by the full pipeline (``load_pipeline`` + ``analyse``), best of
--repeat runs. Per pattern it prints the times, the growth exponent (the least-squares slope of
log time on log size: 1.0 is linear, 2.0 quadratic) and the time at the largest size. The goal is
every exponent <= 1.15 and no 8N (10 KB) text over 2 s.

The spaCy column is the part of the largest time spent in spaCy itself (tokenizer, tagger, parser,
NER), the floor dateline cannot go under. spaCy's tokenizer cache is emptied before every run, so a
repeated run tokenizes again as a first one does. With --components it also times each component on
its own (the text through the pipeline one component at a time) and prints, per pattern, each
component's times and exponent, so a super-linear component shows itself.

    .venv/bin/python bench/scaling.py
    .venv/bin/python bench/scaling.py --components --pattern killed --pattern commas
    .venv/bin/python bench/scaling.py --base 2500 --json
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Callable
from itertools import cycle

GOAL_EXPONENT = 1.15
GOAL_SECONDS = 2.0
SLOW_SECONDS = 10.0

PLACES = (
    "Kabul", "Kandahar", "Herat", "Mazar-i-Sharif", "Jalalabad", "Kunduz", "Ghazni", "Helmand",
    "Baghlan", "Bamiyan", "Farah", "Khost", "Paktia", "Logar", "Wardak", "Nangarhar", "Kunar",
    "Badakhshan", "Takhar", "Balkh", "Jowzjan", "Faryab", "Badghis",
)
WORDS = (
    "the", "government", "said", "on", "Monday", "that", "officials", "from", "the", "northern",
    "province", "would", "meet", "local", "leaders", "in", "the", "capital", "to", "discuss",
    "security", "and", "the", "return", "of", "families", "who", "had", "left", "their", "homes",
    "during", "the", "fighting", "last", "year", "while", "aid", "groups", "asked", "for", "more",
    "money",
)
SENTENCES = (
    "The minister visited the town on Monday.",
    "Officials said the road would reopen next week.",
    "Farmers in the district sold their wheat at the market.",
    "The council met again in the afternoon.",
    "Schools in the capital opened after the holiday.",
)


def repeat(unit: str) -> Callable[[int], str]:
    def build(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size].rstrip() or unit

    return build


def joined(items: tuple[str, ...] | list[str], sep: str, end: str = "") -> Callable[[int], str]:
    def build(size: int) -> str:
        parts: list[str] = []
        length = 0
        for item in cycle(items):
            if length + len(item) + len(sep) + len(end) > size and parts:
                break
            parts.append(item)
            length += len(item) + len(sep)
        return sep.join(parts) + end

    return build


PATTERNS: dict[str, Callable[[int], str]] = {
    "killed": repeat("killed "),
    "commas": repeat(","),
    "quotes": repeat('"'),
    "quote_words": repeat('"killed" '),
    "ones": repeat("1 "),
    "places": joined(PLACES, ", ", "."),
    "killed_sentences": repeat("5 people were killed. "),
    "long_sentence": joined(WORDS, " ", "."),
    "short_sentences": joined(SENTENCES, " "),
}


def exponent(sizes: list[int], times: list[float]) -> float:
    """The least-squares slope of log(time) on log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-6)) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    num = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    den = sum((x - mx) ** 2 for x in xs)
    return num / den if den else 0.0


def forget_tokens(nlp) -> None:  # type: ignore[no-untyped-def]
    """Empty spaCy's tokenizer cache, so that a second run tokenizes the text again as the first did."""
    nlp.tokenizer.rules = nlp.tokenizer.rules


def time_pipeline(nlp, text: str, repeat_n: int) -> float:  # type: ignore[no-untyped-def]
    from dateline.nlp.pipeline import analyse
    from dateline.records import Document

    document = Document(id="scaling", text=text, published="2020-01-01")
    best = math.inf
    for _ in range(repeat_n):
        forget_tokens(nlp)
        start = time.perf_counter()
        for _record in analyse(nlp, [document], batch_size=1):
            pass
        best = min(best, time.perf_counter() - start)
        if best > SLOW_SECONDS:  # far over the goal already: a second run tells nothing more
            break
    return best


def time_components(nlp, text: str, repeat_n: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Best seconds of each component of ``nlp`` (spaCy's and dateline's) on ``text``."""
    from dateline.nlp.pipeline import make_doc

    best: dict[str, float] = {"tokenizer": math.inf} | {name: math.inf for name, _ in nlp.pipeline}
    for _ in range(repeat_n):
        forget_tokens(nlp)
        start = time.perf_counter()
        doc = make_doc(nlp, text, "2020-01-01")
        best["tokenizer"] = min(best["tokenizer"], time.perf_counter() - start)
        for name, component in nlp.pipeline:
            start = time.perf_counter()
            doc = component(doc)
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=int, default=1250, help="N, the smallest size in characters")
    ap.add_argument("--steps", type=int, default=4, help="sizes N, 2N, ... 2^(steps-1) N")
    ap.add_argument("--repeat", type=int, default=2, help="runs per size; the best counts")
    ap.add_argument("--pattern", action="append", choices=sorted(PATTERNS), help="repeatable")
    ap.add_argument("--model", default=None)
    ap.add_argument("--components", action="store_true", help="also time each component")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()

    from dateline.nlp.pipeline import load_pipeline

    nlp = load_pipeline(args.model)
    time_pipeline(nlp, " ".join(SENTENCES), 1)  # warm-up: lazily built tables
    sizes = [args.base * 2**i for i in range(args.steps)]
    names = args.pattern or list(PATTERNS)
    results: dict[str, dict[str, object]] = {}
    if not args.json:
        header = "".join(f"{s:>9d}" for s in sizes)
        print(
            f"{'pattern':18s}{header}  exponent  spaCy@{sizes[-1]}"
            f"  (seconds, full pipeline, best of {args.repeat})"
        )
    for name in names:
        texts = [PATTERNS[name](size) for size in sizes]
        real_sizes = [len(t) for t in texts]
        times = [time_pipeline(nlp, text, args.repeat) for text in texts]
        floor = time_components(nlp, texts[-1], 1)
        spacy_seconds = sum(t for n, t in floor.items() if not n.startswith("dateline"))
        row: dict[str, object] = {
            "sizes": real_sizes,
            "seconds": [round(t, 4) for t in times],
            "exponent": round(exponent(real_sizes, times), 2),
            # spaCy's own share at the largest size: the tokenizer and the model's pipes
            "spacy_seconds_largest": round(spacy_seconds, 4),
        }
        if args.components:
            per = [time_components(nlp, text, args.repeat) for text in texts]
            row["components"] = {
                comp: {
                    "seconds": [round(p[comp], 4) for p in per],
                    "exponent": round(exponent(real_sizes, [p[comp] for p in per]), 2),
                }
                for comp in per[0]
            }
        results[name] = row
        if not args.json:
            cells = "".join(f"{t:9.3f}" for t in times)
            flag = "" if row["exponent"] <= GOAL_EXPONENT and times[-1] <= GOAL_SECONDS else "  <-- over goal"
            spacy_part = f"{row['spacy_seconds_largest']:11.3f}"
            print(f"{name:18s}{cells}  {row['exponent']:8.2f}  {spacy_part}{flag}", flush=True)
            for comp, data in row.get("components", {}).items():  # type: ignore[union-attr]
                cells = "".join(f"{t:9.3f}" for t in data["seconds"])
                print(f"  {comp:20s}{cells}  {data['exponent']:8.2f}", flush=True)
    worst_name = max(results, key=lambda n: results[n]["seconds"][-1])  # type: ignore[index]
    worst = results[worst_name]["seconds"][-1]  # type: ignore[index]
    max_exp_name = max(results, key=lambda n: results[n]["exponent"])  # type: ignore[arg-type,return-value]
    summary = {
        "worst_largest_seconds": worst,
        "worst_largest_pattern": worst_name,
        "max_exponent": results[max_exp_name]["exponent"],
        "max_exponent_pattern": max_exp_name,
    }
    if args.json:
        print(json.dumps({"sizes": sizes, "patterns": results, **summary}))
    else:
        print(
            f"worst {sizes[-1]}-character time: {worst:.3f} s ({worst_name}); "
            f"highest exponent: {summary['max_exponent']} ({max_exp_name}); "
            f"goal: exponent <= {GOAL_EXPONENT}, time <= {GOAL_SECONDS} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
