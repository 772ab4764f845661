#!/usr/bin/env python3
"""SQLite vs PostgreSQL: the store's ingest rate and the web app's filtered event queries.

For each engine, in one run:

  ingest    --ingest-documents synthetic records (--per-doc events each, with their places, actors,
            mentions and evidence) stored through ``Store.add_records``, dateline's own write path
            (20 a transaction, as ``dateline ingest`` does): documents/s and events/s; on
            PostgreSQL also --writers processes (4) storing other records at once.
  load      --events synthetic events (bench/serve.py's generator: the same rows as `bench/serve.py`)
            bulk-loaded into a store made by ``Store.open`` (SQLite: executemany; PostgreSQL: COPY),
            then ANALYZE: events/s
  latency   p50 / p95 / max of --requests queries of each kind the web app makes, through
            ``Corpus.events`` (a page of 50, the filter resolved from what a user types): actor,
            place (a province: its towns' events), bbox, type (a family), date (a week),
            actor+date

PostgreSQL is a throwaway server of the machine's own binaries (``LocalPostgres``, default
durability settings) unless --postgres names a server's database, which is emptied first.

    .venv/bin/python bench/store_engines.py                                  # 1,000,000 events
    .venv/bin/python bench/store_engines.py --events 20000 --requests 20
    .venv/bin/python bench/store_engines.py --postgres postgresql://me@localhost/bench --json

``run(...)`` returns the report as a dict (bench/scale.py calls it).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.util
import json
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ENGINES = ("sqlite", "postgresql")
KINDS = ("actor", "place", "bbox", "type", "date", "actor+date")
#: Durable PostgreSQL (the server's defaults), with room for the indices in memory.
SERVER_SETTINGS = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on",
                   "shared_buffers": "512MB", "effective_cache_size": "2GB"}  # fmt: skip


def _serve_bench() -> Any:
    """bench/serve.py, whose generator this benchmark shares."""
    spec = importlib.util.spec_from_file_location("dateline_bench_serve", BENCH / "serve.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


serve = _serve_bench()


# --- ingest: Store.add_records -------------------------------------------------------------------


def synthetic_records(start: int, count: int, per_doc: int, seed: int) -> Iterator[Any]:
    """``count`` records of ``per_doc`` events each, as the pipeline would hand them to the store."""
    from dateline.identity import content_hash
    from dateline.records import Record

    rng = random.Random(seed + start)
    for i in range(start, start + count):
        text = f"Synthetic report {i}. " + " ".join(f"Event {k} in Town {k}." for k in range(per_doc))
        towns = [f"syn:XA-{k % 10}-{rng.randrange(40)}" for k in range(per_doc)]
        groups = [f"group-{rng.randrange(300)}" for _ in range(2)]
        places = [{"id": t, "name": f"Town {t[4:]}", "feature": "PPL", "country_code": "XA",
                   "admin1_id": t.rsplit("-", 1)[0], "lat": 3.0, "lon": -20.0,
                   "mentions": [{"text": "Town", "span": [0, 4]}]} for t in dict.fromkeys(towns)]  # fmt: skip
        actors = [{"id": g, "name": f"Group {g[6:]}", "kind": "militant_group", "mentions":
                   [{"text": "Synthetic", "span": [0, 9]}]} for g in dict.fromkeys(groups)]  # fmt: skip
        day = (dt.date(2013, 1, 1) + dt.timedelta(days=rng.randrange(1000))).isoformat()
        events = [{"id": f"d{i}e{k}", "type": "attack", "actors": [groups[0]], "targets": [groups[1]],
                   "place": towns[k], "origin": None, "destination": None,
                   "date": {"text": "Monday", "span": None, "start": day, "end": day, "precision": "day"},
                   "fatalities": None, "injured": None, "size": None, "modality": "asserted",
                   "attribution": None, "evidence": [{"text": "Synthetic", "span": [0, 9]}]}
                  for k in range(per_doc)]  # fmt: skip
        yield Record.from_dict({"id": f"d{i}", "text": text, "published": day, "dateline": None,
                                "places": places, "actors": actors, "events": events,
                                "content_hash": content_hash(text)})  # fmt: skip


def _store_part(target: str, start: int, count: int, per_doc: int, seed: int, barrier: Any = None,
                results: Any = None) -> tuple[int, float]:  # fmt: skip
    """Store records ``start`` to ``start + count``; (stored, seconds from when every writer is ready)."""
    from dateline.store import Store

    records = list(synthetic_records(start, count, per_doc, seed))
    with Store.open(target) as store:
        if barrier is not None:
            barrier.wait()
        began = time.perf_counter()
        stored = store.add_records(records, batch_size=20)
        done = (stored, time.perf_counter() - began)
    if results is not None:
        results.put(done)
    return done


def ingest_rate(target: str, documents: int, per_doc: int, seed: int, writers: int = 1,
                first: int = 0) -> dict[str, Any]:  # fmt: skip
    """Documents and events stored a second through ``Store.add_records``: records ``first`` to
    ``first + documents`` (built beforehand), by ``writers`` processes starting at once (each a share)."""
    from dateline.store import Store

    Store.open(target).close()
    if writers == 1:
        stored, seconds = _store_part(target, first, documents, per_doc, seed)
    else:
        share = documents // writers
        context = multiprocessing.get_context("spawn")
        barrier, results = context.Barrier(writers), context.Queue()
        starts = [first + n * share for n in range(writers)]
        parts_of = [(target, start, share, per_doc, seed, barrier, results) for start in starts]
        procs = [context.Process(target=_store_part, args=args) for args in parts_of]
        for proc in procs:
            proc.start()
        parts = [results.get(timeout=3600) for _ in procs]
        for proc in procs:
            proc.join()
        stored, seconds = sum(n for n, _ in parts), max(t for _, t in parts)
    return {"documents": stored, "writers": writers, "seconds": round(seconds, 2),
            "documents_per_s": round(stored / seconds, 1),
            "events_per_s": round(stored * per_doc / seconds, 1)}  # fmt: skip


# --- load: the synthetic events in bulk ----------------------------------------------------------


def load_sqlite(path: Path, events: int, **shape: int) -> dict:
    return serve.build_store(path, events, **shape)


def load_postgres(url: str, events: int, **shape: int) -> dict:
    """The same rows as bench/serve.py's SQLite store, by COPY, into a store made by ``Store.open``."""
    import sqlalchemy as sa

    from dateline.store import Store
    from dateline.store.engine import make_engine

    Store.open(url).close()
    rows = serve.synthetic(events, **shape)
    engine = make_engine(url)
    columns = {
        "places": "id, name, feature, country_code, admin1, admin2, admin1_id, lat, lon, geonameid, data",
        "actors": "id, name, kind, country_code, data",
        "documents": "pk, id, content_hash, text, title, source, published, origin, record_version, "
                     "ingested_at",
        "events": "pk, doc_id, position, id, type, place_id, origin_id, destination_id, date_start, "
                  "date_end, "
                  "date_precision, fatalities_low, fatalities_high, fatalities_best, modality, data",
        "event_actors": "event_pk, role, position, actor_id, date_start, date_end",
        "evidence": "event_pk, position, span_start, span_end, text",
    }  # fmt: skip
    with engine.begin() as conn:
        cursor = conn.connection.driver_connection.cursor()

        def copy(table: str, table_rows: Any) -> None:
            with cursor.copy(f"COPY {table} ({columns[table]}) FROM STDIN") as out:
                for row in table_rows:
                    out.write_row(row)

        copy("places", rows.places)
        copy("actors", rows.actors)
        copy("documents", rows.documents)
        for event_rows, actor_rows, evidence_rows in serve.event_batches(rows.events):
            copy("events", event_rows)
            copy("event_actors", actor_rows)
            copy("evidence", evidence_rows)
        for table in ("documents", "events", "evidence"):
            conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'pk'), "
                                 f"(SELECT max(pk) FROM {table}))"))  # fmt: skip
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()
    return rows.values


# --- latency: the web app's filtered event queries ------------------------------------------------


def criteria(values: dict, rng: random.Random) -> dict[str, Any]:
    """One filter of each kind, its values drawn at random (bench/serve.py's URLs, as Criteria)."""
    from dateline.query import Criteria

    actor = rng.choice(values["actors"])
    lat, lon = values["points"][rng.choice(values["towns"])]
    day = serve.START + dt.timedelta(days=rng.randrange(serve.DAYS - 7))
    week = {"since": day.isoformat(), "until": (day + dt.timedelta(days=6)).isoformat()}
    return {
        "actor": Criteria(actor=actor),
        "place": Criteria(place=rng.choice(values["provinces"])),
        "bbox": Criteria(bbox=f"{lon - 0.3:.3f},{lat - 0.3:.3f},{lon + 0.3:.3f},{lat + 0.3:.3f}"),
        "type": Criteria(type=rng.choice(("violence", "protest", "movement", "arrest"))),
        "date": Criteria(**week),
        "actor+date": Criteria(actor=actor, **week),
    }


def latency(target: str, values: dict, requests: int, seed: int) -> dict[str, dict[str, float]]:
    from dateline.query import Corpus

    rng = random.Random(seed)
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    with Corpus.open(target) as corpus:
        for where in criteria(values, rng).values():  # warm each kind once (and the registry)
            corpus.events(where, limit=50)
        for _ in range(requests):
            for kind, where in criteria(values, rng).items():
                began = time.perf_counter()
                corpus.events(where, limit=50)
                times[kind].append((time.perf_counter() - began) * 1000)
    return {k: {"p50_ms": round(statistics.median(v), 1), "p95_ms": round(serve.percentile(v, 0.95), 1),
                "max_ms": round(max(v), 1), "n": len(v)} for k, v in times.items()}  # fmt: skip


# --- one run -------------------------------------------------------------------------------------


def run(events: int = 1_000_000, *, postgres: str | None = None, engines: tuple[str, ...] = ENGINES,
        requests: int = 100, ingest_documents: int = 1_000, writers: int = 4, places: int = 5_000,
        actors: int = 300, per_doc: int = 20, seed: int = 14,
        workdir: Path | None = None) -> dict[str, Any]:  # fmt: skip
    """Measure each engine; the report: ``{"events", "engines": {name: {"ingest", "load", "latency"}}}``."""
    shape = {"places": places, "actors": actors, "per_doc": per_doc, "seed": seed}
    report: dict[str, Any] = {"events": events, "requests": requests, "engines": {}}
    with contextlib.ExitStack() as stack:
        folder = workdir or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="dateline-engines-")))
        for engine in engines:
            reuse = False  # whether the ingest's database is emptied and loaded (a given server's)
            if engine == "sqlite":
                ingest_target, target = str(folder / "ingest.db"), str(folder / "bench.db")
                for stale in folder.glob("*.db*"):
                    stale.unlink()
                load: Any = load_sqlite
            elif engine == "postgresql":
                if postgres is None:
                    from dateline.store.pgserver import LocalPostgres

                    server = stack.enter_context(LocalPostgres(settings=SERVER_SETTINGS))
                    ingest_target = server.create_database("bench_ingest")
                    target = server.create_database("bench")
                else:
                    _empty(postgres)
                    ingest_target = target = postgres
                    reuse = True
                load = load_postgres
            else:
                raise ValueError(f"no engine {engine!r}")
            out: dict[str, Any] = {}
            out["ingest"] = ingest_rate(ingest_target, ingest_documents, per_doc, seed)
            if writers > 1 and engine == "postgresql":  # the next records, into the same store
                out["ingest_concurrent"] = ingest_rate(ingest_target, ingest_documents, per_doc, seed,
                                                       writers=writers, first=ingest_documents)  # fmt: skip
            if reuse:
                _empty(target)
            began = time.perf_counter()
            values = load(Path(target) if engine == "sqlite" else target, events, **shape)
            seconds = time.perf_counter() - began
            out["load"] = {"events": events, "seconds": round(seconds, 1),
                           "events_per_s": round(events / seconds)}  # fmt: skip
            out["latency"] = latency(target, values, requests, seed)
            report["engines"][engine] = out
    return report


def _empty(url: str) -> None:
    """Drop everything in the database's public schema (a --postgres database is the benchmark's)."""
    from dateline.store.engine import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=100, help="queries of each kind for the latencies")
    parser.add_argument("--ingest-documents", type=int, default=1_000,
                        help="records stored for the ingest rate")  # fmt: skip
    parser.add_argument("--writers", type=int, default=4,
                        help="PostgreSQL: also the ingest rate of this many processes at once")  # fmt: skip
    parser.add_argument("--places", type=int, default=5_000)
    parser.add_argument("--actors", type=int, default=300)
    parser.add_argument("--per-doc", type=int, default=20, help="events a synthetic document holds")
    parser.add_argument("--engine", action="append", choices=("sqlite", "postgresql"),
                        help="only this engine (repeatable; default both)")  # fmt: skip
    parser.add_argument("--postgres", default=None, help="a PostgreSQL database URL to use (emptied first!)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report = run(args.events, postgres=args.postgres, engines=tuple(args.engine or ("sqlite", "postgresql")),
                 requests=args.requests, ingest_documents=args.ingest_documents, writers=args.writers,
                 places=args.places, actors=args.actors, per_doc=args.per_doc, seed=args.seed)  # fmt: skip
    if args.json:
        print(json.dumps(report))
        return 0
    print(f"{report['events']:,} synthetic events; {report['requests']} queries of each kind, a page of 50")
    for engine, out in report["engines"].items():
        ing, load = out["ingest"], out["load"]
        print(f"\n{engine}: ingest {ing['documents_per_s']:,} documents/s = {ing['events_per_s']:,} events/s "
              f"({ing['documents']:,} documents, {ing['writers']} writer(s)); bulk load "
              f"{load['events_per_s']:,} events/s ({load['seconds']} s)")  # fmt: skip
        if "ingest_concurrent" in out:
            many = out["ingest_concurrent"]
            print(f"  ingest with {many['writers']} writers at once: {many['documents_per_s']:,} "
                  f"documents/s = {many['events_per_s']:,} events/s")  # fmt: skip
        print(f"  {'query':<12} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'n':>5}")
        for kind, row in out["latency"].items():
            print(f"  {kind:<12} {row['p50_ms']:>8} {row['p95_ms']:>8} {row['max_ms']:>8} {row['n']:>5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
