#!/usr/bin/env python3
"""Scaling out (issue 15): `dateline ingest` in one process against `--dask` on local workers, in one run.

Builds a corpus of --documents documents (default 5,000): the news articles of the geoparsing gold
sets in ../shared/data (GeoWebNews, LGL, TR-News) when they are there, topped up with generated
wire-style reports (bench/wire_corpus.py, the same every run), shuffled together with a fixed seed so
any prefix has the same mix. Then it times what `dateline ingest` does (read the JSONL file, read the
documents, store them in a new SQLite file), the pipeline already loaded:

  single    ingest_paths(..., Extractor(), store)                         `dateline ingest`
  dask      ingest_paths(..., DaskExtractor on N local workers, store)   `dateline ingest --dask --workers N`
            (the workers store their records in the SQLite file themselves; the client counts)

and prints documents/s of each, the speed-up (goal >= 1.8x with 2 workers on a 2-core machine), and the
peak memory (max RSS) of each Dask worker after a run on the first --small documents and after a run
on all of them, each on a fresh cluster (goal <= 1 GB a worker, flat in corpus size). The store
engines' figures come from bench/store_engines.py when it is there (its ``run(...) -> dict``).

    .venv/bin/python bench/scale.py                     # 5,000 documents: about a quarter of an hour
    .venv/bin/python bench/scale.py --documents 500     # a quick run
    .venv/bin/python bench/scale.py --json
    .venv/bin/python bench/scale.py --documents 600 --no-engines   # the Dask figures alone
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent.parent / "shared" / "data" / "geoparsing_gold" / "pragmatic_guide"
SOURCES = [GOLD / "geowebnews.jsonl", GOLD / "lgl.jsonl", GOLD / "trnews.jsonl"]
GOAL_SPEEDUP = 1.8
GOAL_WORKER_MB = 1024


def corpus_rows(n: int, *, seed: int = 15) -> tuple[list[dict[str, Any]], str]:
    """``n`` distinct documents (id, text, published) and what they were made from."""
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    used = []
    for source in SOURCES:
        if not source.exists():
            continue
        used.append(source.stem)
        for line in source.read_text(encoding="utf-8").split("\n"):  # not splitlines: texts hold U+2028
            if not line.strip():
                continue
            item = json.loads(line)
            text = item.get("text") or ""
            if text.strip() and text not in seen:
                seen.add(text)
                published = str(item.get("dltime") or "")[:10]
                published = published if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published) else None
                rows.append({"text": text, "published": published, "title": item.get("title")})
    sys.path.insert(0, str(HERE))
    from wire_corpus import wire_texts

    words = 220 * max(0, n - len(rows)) + 2_000
    while len(rows) < n:
        for text, published in wire_texts(words):
            if text not in seen:
                seen.add(text)
                rows.append({"text": text, "published": published})
        words *= 2
    random.Random(seed).shuffle(rows)
    rows = rows[:n]
    for i, row in enumerate(rows):
        row["id"] = f"scale-{i}"
    made_of = " + ".join(used + ["generated wire reports"]) if used else "generated wire reports"
    return rows, made_of


def write_corpus(rows: list[dict[str, Any]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def cpu_seconds() -> float:
    """CPU time (user + system) of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def ingest(reader, corpus: Path, db: Path) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Ingest ``corpus`` into a new store at ``db`` with ``reader``: seconds, this process's CPU seconds,
    documents stored, the load average (1 min) at the end."""
    from dateline.extract import ingest_paths
    from dateline.store import Store

    with Store.open(db) as store:
        start, cpu = time.perf_counter(), cpu_seconds()
        report = ingest_paths([corpus], reader, store)
        elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    if not report.ok:
        sys.exit(f"{len(report.problems)} problems: {report.problems[0]}")
    return {"seconds": elapsed, "cpu": cpu, "stored": report.stored, "load": os.getloadavg()[0]}


def worker_peak_mb() -> float:
    """Run on a worker: its process's peak RSS in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_dask(corpus: Path, db: Path, workers: int) -> dict[str, Any]:
    """``dateline ingest --dask --workers N`` on a fresh local cluster: as :func:`ingest`, with the
    cluster's start-up seconds, the workers' CPU seconds and each worker's peak RSS (MB)."""
    from dateline.cluster import DaskExtractor

    start = time.perf_counter()
    with DaskExtractor.start(workers=workers) as reader:
        started = time.perf_counter() - start
        before = sum(reader.client.run(cpu_seconds).values())
        result = ingest(reader, corpus, db)
        result["worker_cpu"] = sum(reader.client.run(cpu_seconds).values()) - before
        peaks = sorted(reader.client.run(worker_peak_mb).values())
    return {**result, "start_seconds": started, "worker_peak_mb": peaks}


def store_engine_figures(corpus: Path, documents: int, folder: Path) -> dict[str, Any] | None:
    """--- The store engines' figures (bench/store_engines.py, written with the PostgreSQL store). ---

    Its ``run(...)`` is given whichever of these it names: ``corpus`` (the JSONL file), ``documents``
    (their number), ``folder`` or ``workdir`` (a scratch folder). None when the file is absent."""
    try:
        import store_engines  # type: ignore[import-not-found]
    except ImportError:
        return None
    offered = {"corpus": corpus, "documents": documents, "folder": folder, "workdir": folder}
    wanted = inspect.signature(store_engines.run).parameters
    return store_engines.run(**{k: v for k, v in offered.items() if k in wanted})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--documents", type=int, default=5_000, help="corpus size (default 5,000)")
    ap.add_argument("--small", type=int, default=None, help="the smaller size for memory (default 1/5)")
    ap.add_argument("--workers", type=int, default=2, help="local Dask workers (default 2)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--no-engines", action="store_true",
                    help="leave out bench/store_engines.py's figures (they take minutes of their own)")
    args = ap.parse_args()
    small = args.small or max(50, args.documents // 5)

    from dateline.extract import Extractor

    rows, made_of = corpus_rows(args.documents)
    words = sum(len(row["text"].split()) for row in rows)
    result: dict[str, Any] = {"corpus": made_of, "documents": len(rows), "words": words}
    with tempfile.TemporaryDirectory(prefix="dateline-scale-") as tmp:
        folder = Path(tmp)
        corpus = write_corpus(rows, folder / "corpus.jsonl")
        small_corpus = write_corpus(rows[:small], folder / "small.jsonl")
        print(f"corpus: {len(rows):,} documents, {words:,} words ({made_of})", file=sys.stderr)

        print(f"dask, {args.workers} workers, {small:,} documents ...", file=sys.stderr)
        dask_small = run_dask(small_corpus, folder / "dask-small.db", args.workers)
        print(f"dask, {args.workers} workers, {len(rows):,} documents ...", file=sys.stderr)
        dask = run_dask(corpus, folder / "dask.db", args.workers)

        print(f"one process, {len(rows):,} documents ...", file=sys.stderr)
        start = time.perf_counter()
        extractor = Extractor()
        load = time.perf_counter() - start
        single = ingest(extractor, corpus, folder / "single.db")
        single_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        del extractor

        engines = None if args.no_engines else store_engine_figures(corpus, len(rows), folder)

    if single["stored"] != len(rows) or dask["stored"] != len(rows) or dask_small["stored"] != small:
        counts = single["stored"], dask["stored"], dask_small["stored"]
        sys.exit(f"not every document was stored: {counts}")
    single_rate = len(rows) / single["seconds"]
    dask_rate = len(rows) / dask["seconds"]
    speedup = dask_rate / single_rate
    result.update(
        {
            "single_docs_per_s": round(single_rate, 2),
            "single_seconds": round(single["seconds"], 1),
            "single_cpu_seconds": round(single["cpu"], 1),
            "single_load_seconds": round(load, 1),
            "single_peak_mb": round(single_peak),
            "single_load_average": round(single["load"], 1),
            "dask_workers": args.workers,
            "dask_docs_per_s": round(dask_rate, 2),
            "dask_seconds": round(dask["seconds"], 1),
            "dask_start_seconds": round(dask["start_seconds"], 1),
            "dask_worker_cpu_seconds": round(dask["worker_cpu"], 1),
            "dask_client_cpu_seconds": round(dask["cpu"], 1),
            "dask_load_average": round(dask["load"], 1),
            "speedup": round(speedup, 2),
            "speedup_goal_met": speedup >= GOAL_SPEEDUP,
            "small_documents": small,
            "worker_peak_mb_small": [round(mb) for mb in dask_small["worker_peak_mb"]],
            "worker_peak_mb": [round(mb) for mb in dask["worker_peak_mb"]],
            "memory_growth": round(max(dask["worker_peak_mb"]) / max(dask_small["worker_peak_mb"]), 2),
            "memory_goal_met": max(dask["worker_peak_mb"]) <= GOAL_WORKER_MB,
            "store_engines": engines if engines is not None else "absent (bench/store_engines.py)",
        }
    )
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"corpus            {len(rows):,} documents, {words:,} words ({made_of})")
    print(
        f"one process       {single_rate:6.2f} documents/s  ({single['seconds']:.0f} s, "
        f"{single['cpu']:.0f} CPU s; pipeline load {load:.1f} s; load average {single['load']:.1f})"
    )
    print(
        f"--dask {args.workers} workers  {dask_rate:6.2f} documents/s  ({dask['seconds']:.0f} s, workers "
        f"{dask['worker_cpu']:.0f} + client {dask['cpu']:.0f} CPU s; cluster start and pipeline load "
        f"{dask['start_seconds']:.1f} s; load average {dask['load']:.1f})"
    )
    verdict = "met" if speedup >= GOAL_SPEEDUP else "missed"
    print(f"speed-up          {speedup:.2f}x  (goal >= {GOAL_SPEEDUP}x: {verdict})")
    print(
        f"CPU a document    one process {single['cpu'] / len(rows) * 1000:.0f} ms; --dask "
        f"{(dask['worker_cpu'] + dask['cpu']) / len(rows) * 1000:.0f} ms (workers and client; "
        f"os.cpu_count() = {os.cpu_count()})"
    )
    print(
        f"worker peak RSS   {', '.join(f'{mb:.0f}' for mb in dask_small['worker_peak_mb'])} MB after "
        f"{small:,} documents; {', '.join(f'{mb:.0f}' for mb in dask['worker_peak_mb'])} MB after "
        f"{len(rows):,} (x{result['memory_growth']}; goal <= {GOAL_WORKER_MB} MB: "
        f"{'met' if result['memory_goal_met'] else 'missed'})"
    )
    print(f"one process peak  {single_peak:.0f} MB (this process: pipeline, reading and the store)")
    # --- store engines: bench/store_engines.py (the PostgreSQL store's figures) ---
    if args.no_engines:
        print("store engines     left out (--no-engines)")
    elif engines is None:
        print("store engines     bench/store_engines.py is absent: no figures")
    else:
        _print_engines(engines)
    return 0


def _print_engines(engines: dict[str, Any]) -> None:
    """The store engines' figures, one line per engine and measure (p50 / p95 ms of each filter)."""
    events, requests = engines.get("events", 0), engines.get("requests")
    print(f"store engines     {events:,} synthetic events, {requests} requests a filter")
    for name, figures in (engines.get("engines") or {}).items():
        ingest = figures.get("ingest") or {}
        line = f"  {name:<14}  ingest {ingest.get('documents_per_s')} docs/s ({ingest.get('writers')} writer)"
        concurrent = figures.get("ingest_concurrent")
        if concurrent:
            line += f", {concurrent.get('documents_per_s')} docs/s ({concurrent.get('writers')} writers)"
        load = figures.get("load") or {}
        print(f"{line}; bulk load {load.get('events_per_s')} events/s")
        latency = figures.get("latency") or {}
        print("  " + " " * 14 + "  p50/p95 ms  " + "  ".join(
            f"{kind} {lat.get('p50_ms')}/{lat.get('p95_ms')}" for kind, lat in latency.items()))


if __name__ == "__main__":
    sys.exit(main())
