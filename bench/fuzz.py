#!/usr/bin/env python3
"""Fuzz the readers (and, with --pipeline, the pipeline) at volume with the generators of the tests.

Runs the generators of ``tests/fuzz_inputs.py`` (the ones tests/test_fuzz.py gives Hypothesis)
from a seeded random source, --n inputs in all, spread over the kinds (raw bytes, text in several
encodings, HTML, JSONL, CSV). Each input is read from a file and from a stdin-like stream; with
--pipeline each generated text goes through analyse() instead. An input fails when reading it raises,
gives nothing, or gives a problem without a code (the property of ``check_items``). Prints the
failures (kind, seed, error; re-run one with --seed SEED --n 1 --kind KIND) and a summary line.

    .venv/bin/python bench/fuzz.py --n 100000                  # the readers
    .venv/bin/python bench/fuzz.py --n 500 --pipeline          # dateline's components, blank spaCy
    .venv/bin/python bench/fuzz.py --n 50 --pipeline --full    # the whole pipeline (the model)
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from dateline.ingest import read_documents  # noqa: E402
from dateline.records import Document  # noqa: E402
from fuzz_inputs import READER_INPUTS, RandomPick, check_items, check_record, pipeline_text  # noqa: E402

STDIN_FORMATS = (None, "txt", "html", "jsonl", "csv")
CAPS = (5_000_000, 5_000_000, 5_000_000, 64, 1)


def read_one(kind: str, seed: int, folder: Path) -> None:
    pick = RandomPick(seed)
    suffix, content = READER_INPUTS[kind](pick)
    path = folder / f"input{suffix}"
    path.write_bytes(content)
    check_items(list(read_documents([path], max_bytes=pick.choice(CAPS))))
    stdin = io.BytesIO(content)
    check_items(list(read_documents(["-"], stdin=stdin, stdin_format=pick.choice(STDIN_FORMATS))))


def blank_pipeline():  # type: ignore[no-untyped-def]
    import spacy

    from dateline.nlp.pipeline import COMPONENTS

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10_000, help="inputs in all (default 10,000)")
    parser.add_argument("--seed", type=int, default=0, help="the first input's seed (the others follow)")
    parser.add_argument("--kind", choices=sorted(READER_INPUTS), action="append", help="only these kinds")
    parser.add_argument("--pipeline", action="store_true", help="fuzz analyse() instead of the readers")
    parser.add_argument("--full", action="store_true", help="with --pipeline: the whole model, not blank")
    parser.add_argument("--show", type=int, default=20, help="print at most this many failures")
    args = parser.parse_args(argv)
    kinds = args.kind or sorted(READER_INPUTS)
    failures: list[tuple[str, int, str]] = []
    start = time.perf_counter()
    if args.pipeline:
        from dateline.nlp.pipeline import analyse

        if args.full:
            from dateline.nlp.pipeline import load_pipeline

            nlp = load_pipeline()
        else:
            nlp = blank_pipeline()
        kinds = ["pipeline"]
        for seed in range(args.seed, args.seed + args.n):
            text = pipeline_text(RandomPick(seed))
            try:
                (record,) = analyse(nlp, [Document(id="d", text=text, published="2015-01-30")])
                check_record(record, text)
            except Exception as error:  # noqa: BLE001 - every failure is counted and shown
                failures.append(("pipeline", seed, _describe(error)))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            for seed in range(args.seed, args.seed + args.n):
                kind = kinds[seed % len(kinds)]
                try:
                    read_one(kind, seed, Path(tmp))
                except Exception as error:  # noqa: BLE001
                    failures.append((kind, seed, _describe(error)))
    elapsed = time.perf_counter() - start
    for kind, seed, message in failures[: args.show]:
        print(f"FAIL {kind} --seed {seed}: {message}")
    what = "pipeline (full model)" if args.full else "pipeline (blank spaCy)" if args.pipeline else "readers"
    print(
        f"{what}: {len(failures)} failures in {args.n:,} inputs ({', '.join(kinds)}), "
        f"{elapsed:.1f} s ({args.n / elapsed:,.0f} inputs/s)"
    )
    return 1 if failures else 0


def _describe(error: Exception) -> str:
    where = traceback.extract_tb(error.__traceback__)[-1]
    return f"{type(error).__name__}: {str(error)[:200]} ({Path(where.filename).name}:{where.lineno})"


if __name__ == "__main__":
    sys.exit(main())
