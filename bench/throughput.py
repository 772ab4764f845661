#!/usr/bin/env python3
"""Throughput of `dateline extract` against bare spaCy, measured in one run.

Builds a corpus of at least --min-words words (the founding articles plus news text from the
geoparsing gold sets in ../shared/data, or any .jsonl/.txt you pass with --corpus), then times:
without ../shared (a clone of the repository on its own) or with --generated, the founding articles
are topped up with generated wire-style reports (bench/wire_corpus.py, the same every run).

  bare      spacy.load(model).pipe(texts)                        (the floor: the same model, nothing else)
  dateline  read the corpus file + pipeline + records + JSON lines   (what `dateline extract` does)

Each is run --repeat times, alternating, after a warm-up; the best time of each counts. Prints
documents/s, words/s, peak memory (max RSS of this process) and the ratio dateline / bare.
With --components, it also runs the texts through the pipeline one component at a time and
reports each dateline component's own time as a share of the bare spaCy time (e.g.
places_share = 0.08: the places component costs 8 % on top of spaCy).

    .venv/bin/python bench/throughput.py
    .venv/bin/python bench/throughput.py --corpus my_articles.jsonl --repeat 3 --json
    .venv/bin/python bench/throughput.py --generated
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = [
    ROOT / "examples" / "founding_articles.jsonl",
    ROOT.parent / "shared" / "data" / "geoparsing_gold" / "pragmatic_guide" / "geowebnews.jsonl",
    ROOT.parent / "shared" / "data" / "geoparsing_gold" / "pragmatic_guide" / "trnews.jsonl",
    ROOT.parent / "shared" / "data" / "geoparsing_gold" / "pragmatic_guide" / "lgl.jsonl",
]


def load_texts(sources: list[Path], min_words: int, *, generate: bool = False) -> list[str]:
    """At least ``min_words`` words of texts from ``sources``; with ``generate``, what they lack is
    made up with generated wire-style reports."""
    texts: list[str] = []
    words = 0
    for source in sources:
        if not source.exists():
            continue
        lines = source.read_text(encoding="utf-8").splitlines() if source.suffix == ".jsonl" else [None]
        for line in lines:
            text = json.loads(line)["text"] if line is not None else source.read_text(encoding="utf-8")
            if not text or not text.strip():
                continue
            texts.append(text)
            words += len(text.split())
            if words >= min_words:
                return texts
    if words < min_words and generate:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from wire_corpus import wire_texts

        texts += [text for text, _ in wire_texts(min_words - words)]
    elif words < min_words:
        sys.exit(f"corpus has only {words} words; pass --corpus files with at least {min_words}")
    return texts


def time_bare(nlp, texts: list[str], batch_size: int) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def time_dateline(extractor, corpus_file: Path) -> float:  # type: ignore[no-untyped-def]
    from dateline.extract import RunReport, extract_paths

    sink = io.StringIO()
    start = time.perf_counter()
    report = RunReport()
    for record in extract_paths([corpus_file], extractor, report=report):
        sink.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    elapsed = time.perf_counter() - start
    if report.problems:
        sys.exit(f"{len(report.problems)} documents could not be read: {report.problems[0]}")
    return elapsed


def time_components(nlp, texts: list[str]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Seconds each dateline component takes over ``texts``, run one document at a time."""
    from dateline.nlp.pipeline import COMPONENTS

    spent = dict.fromkeys(COMPONENTS, 0.0)
    for text in texts:
        doc = nlp.make_doc(text)
        for name, component in nlp.pipeline:
            start = time.perf_counter()
            doc = component(doc)
            if name in spent:
                spent[name] += time.perf_counter() - start
    return spent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, action="append", help="a .jsonl or .txt file; repeatable")
    ap.add_argument("--min-words", type=int, default=60_000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--model", default=None)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--components", action="store_true", help="also time each dateline component")
    ap.add_argument(
        "--generated",
        action="store_true",
        help="the founding articles and generated reports only (what runs when ../shared is absent)",
    )
    args = ap.parse_args()

    import spacy

    from dateline.extract import Extractor
    from dateline.settings import Settings

    model = args.model or Settings().spacy_model
    if args.corpus:
        sources, generate, corpus = args.corpus, False, "given"
    elif args.generated or not any(p.exists() for p in DEFAULT_SOURCES[1:]):
        sources, generate, corpus = DEFAULT_SOURCES[:1], True, "founding articles + generated"
    else:
        sources, generate, corpus = DEFAULT_SOURCES, False, "founding articles + ../shared gold sets"
    texts = load_texts(sources, args.min_words, generate=generate)
    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory() as tmp:
        corpus_file = Path(tmp) / "corpus.jsonl"
        with corpus_file.open("w", encoding="utf-8") as f:
            for i, text in enumerate(texts):
                f.write(json.dumps({"id": f"bench-{i}", "text": text}, ensure_ascii=False) + "\n")

        bare_nlp = spacy.load(model)
        extractor = Extractor(model=model, batch_size=args.batch_size)
        time_bare(bare_nlp, texts[:5], args.batch_size)  # warm-up
        time_dateline(extractor, corpus_file)  # warm-up: also loads lazily built tables
        bare, ours = [], []
        for _ in range(args.repeat):
            bare.append(time_bare(bare_nlp, texts, args.batch_size))
            ours.append(time_dateline(extractor, corpus_file))

        shares = time_components(extractor.nlp, texts) if args.components else {}

    best_bare, best_ours = min(bare), min(ours)
    result = {
        "corpus": corpus,
        "documents": len(texts),
        "words": words,
        "model": model,
        "bare_seconds": round(best_bare, 3),
        "dateline_seconds": round(best_ours, 3),
        "dateline_docs_per_s": round(len(texts) / best_ours, 2),
        "dateline_words_per_s": round(words / best_ours, 1),
        "bare_words_per_s": round(words / best_bare, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "ratio_dateline_to_bare": round(best_ours / best_bare, 3),
    }
    for name, seconds in shares.items():
        result[f"{name.removeprefix('dateline_')}_share"] = round(seconds / best_bare, 3)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:24s} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
