#!/usr/bin/env python3
"""`dateline serve` under load: filtered event queries and the map over a store of synthetic events.

Makes a SQLite store with the store's own schema (``Store.open``) and fills it with --events
synthetic events (bulk ``executemany`` inserts: documents, places in countries / provinces /
towns, actors, events with their actors and one evidence sentence each), then starts the real
server (``dateline serve --lazy`` in a subprocess, on a free localhost port) and measures:

  latency   p50 / p95 / max of --requests requests of each kind, one client at a time:
            actor, place (a province: its towns' events), bbox, type (a family), date (a week),
            actor+date, the map endpoint (``/api/map``: up to 1,000 events in a box) and the map page
            (``/?actor=...``: SVG map, timeline and facets)
  load      --clients concurrent clients for --duration seconds, each sending the kinds above
            in turn; requests, errors (anything but 200, or no answer) and latency under load

    .venv/bin/python bench/serve.py                                  # 1,000,000 events, 100 clients, 60 s
    .venv/bin/python bench/serve.py --events 20000 --clients 10 --duration 5 --requests 20
    .venv/bin/python bench/serve.py --db /tmp/big.db --keep          # reuse the store next time

Prints a table, or one JSON object with --json. Exits 1 when the load had errors.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import itertools
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
#: Event types of the ontology (and their families) the synthetic events take.
TYPES = ("attack", "armed_clash", "shelling", "air_strike", "explosion", "abduction", "protest", "riot",
         "arrest", "movement", "agreement", "meeting")  # fmt: skip
MODALITIES = ("asserted", "asserted", "asserted", "reported", "alleged", "denied")
SOURCES = ("wire A", "wire B", "daily C", "weekly D", "site E")
START = dt.date(2013, 1, 1)
DAYS = 3 * 365
INSERT_PLACE = """INSERT INTO places (id, name, feature, country_code, admin1, admin2, admin1_id, lat,
    lon, geonameid, data) VALUES (?,?,?,?,?,?,?,?,?,?,?)"""
INSERT_ACTOR = "INSERT INTO actors (id, name, kind, country_code, data) VALUES (?,?,?,?,?)"
INSERT_DOCUMENT = """INSERT INTO documents (pk, id, content_hash, text, title, source, published, origin,
    record_version, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?)"""
INSERT_EVENT = """INSERT INTO events (pk, doc_id, position, id, type, place_id, origin_id,
    destination_id, date_start, date_end, date_precision, fatalities_low, fatalities_high,
    fatalities_best, modality, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"""
INSERT_EVENT_ACTOR = """INSERT INTO event_actors (event_pk, role, position, actor_id, date_start, date_end)
    VALUES (?,?,?,?,?,?)"""
INSERT_EVIDENCE = "INSERT INTO evidence (event_pk, position, span_start, span_end, text) VALUES (?,?,?,?,?)"
COUNTRIES = 10
PROVINCES = 10  # per country


@dataclass
class Synthetic:
    """A synthetic store's rows, table by table (``events`` a generator of :data:`INSERT_EVENT`'s 16
    values then the event's actor and target), and what the queries pick their values from."""

    places: list[tuple]
    actors: list[tuple]
    documents: Iterator[tuple]
    events: Iterator[tuple]
    values: dict


def synthetic(events: int, *, places: int, actors: int, per_doc: int, seed: int) -> Synthetic:
    """The rows of a store of ``events`` synthetic events (documents, places in countries / provinces /
    towns, actors); every engine's benchmark loads these (bench/store_engines.py too)."""
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC).isoformat()
    place_rows, towns, provinces, boxes = [], [], [], []
    for c in range(COUNTRIES):
        code = f"X{chr(65 + c)}"
        west, south = -20 + 18 * c, 0 + 3 * c
        boxes.append((west, south))
        place_rows.append((f"syn:{code}", f"Country {code}", "PCLI", code, None, None, None,
                           south + 5, west + 5, None, "{}"))  # fmt: skip
        for p in range(PROVINCES):
            pid = f"syn:{code}-{p}"
            provinces.append(pid)
            place_rows.append((pid, f"Province {code}-{p}", "ADM1", code, f"Province {code}-{p}", None,
                               pid, south + p, west + p, None, "{}"))  # fmt: skip
    per_province = max(1, (places - len(place_rows)) // len(provinces))
    for pid in provinces:
        code, p = pid[4:6], int(pid.split("-")[1])
        west, south = boxes[ord(code[1]) - 65]
        for t in range(per_province):
            tid = f"{pid}-{t}"
            towns.append(tid)
            place_rows.append((tid, f"Town {tid[4:]}", "PPL", code, f"Province {code}-{p}",
                               f"District {t % 5}", pid, south + p + rng.random(), west + p + rng.random(),
                               None, "{}"))  # fmt: skip
    town_points = {r[0]: (r[7], r[8]) for r in place_rows}
    actor_ids = [f"group-{i}" for i in range(actors)]
    actor_rows = [(a, f"Group {a[6:]}", "militant_group", None, json.dumps({"aliases": [f"G{a[6:]}"]}))
                  for a in actor_ids]  # fmt: skip
    docs = (events + per_doc - 1) // per_doc
    documents = ((i + 1, f"doc-{i}", hashlib.sha256(str(i).encode()).hexdigest(), f"Synthetic report {i}.",
                  None, SOURCES[i % len(SOURCES)], (START + dt.timedelta(days=i * DAYS // docs)).isoformat(),
                  "bench", 1, now) for i in range(docs))  # fmt: skip

    def rows() -> Iterator[tuple]:
        for i in range(events):
            kind = TYPES[rng.randrange(len(TYPES))]
            place = towns[rng.randrange(len(towns))]
            origin = destination = None
            if kind == "movement":
                origin, destination = place, towns[rng.randrange(len(towns))]
            day = (START + dt.timedelta(days=rng.randrange(DAYS))).isoformat()
            deaths = None if kind in ("agreement", "meeting") else rng.choice((None, None, 0, 1, 2, 5, 12))
            actor, target = actor_ids[rng.randrange(actors)], actor_ids[rng.randrange(actors)]
            modality = MODALITIES[rng.randrange(len(MODALITIES))]
            fatalities = {"text": f"{deaths} people", "span": None, "low": deaths, "high": deaths,
                          "best": deaths} if deaths is not None else None  # fmt: skip
            data = {"id": f"e{i}", "type": kind, "actors": [actor], "targets": [target], "place": place,
                    "origin": origin, "destination": destination,
                    "date": {"text": "", "span": None, "start": day, "end": day, "precision": "day"},
                    "fatalities": fatalities, "injured": None, "size": None, "modality": modality,
                    "attribution": None}  # fmt: skip
            yield (i + 1, f"doc-{i // per_doc}", i % per_doc, f"e{i}", kind, place, origin, destination,
                   day, day, "day", deaths, deaths, deaths, modality, json.dumps(data), actor, target)

    values = {"actors": actor_ids, "provinces": provinces, "towns": towns, "points": town_points}
    return Synthetic(place_rows, actor_rows, documents, rows(), values)


def event_batches(events: Iterator[tuple], size: int = 50_000) -> Iterator[tuple[list, list, list]]:
    """The events' rows in batches: (events, event_actors, evidence) rows, each in its INSERT's order (an
    event-actor pair with its event's first and last day, as the store keeps them)."""
    while batch := list(itertools.islice(events, size)):
        yield ([r[:16] for r in batch],
               [x for r in batch for x in ((r[0], "actor", 0, r[16], r[8], r[9]),
                                           (r[0], "target", 0, r[17], r[8], r[9]))],
               [(r[0], 0, 0, 20, f"Synthetic sentence {r[0]}.") for r in batch])  # fmt: skip


def build_store(path: Path, events: int, *, places: int, actors: int, per_doc: int, seed: int) -> dict:
    """Fill a new store at ``path``; return what the queries pick their values from."""
    from dateline.store import Store

    Store.open(path).close()  # the schema, its indices and its version, as dateline makes them
    rows = synthetic(events, places=places, actors=actors, per_doc=per_doc, seed=seed)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    conn.executemany(INSERT_PLACE, rows.places)
    conn.executemany(INSERT_ACTOR, rows.actors)
    conn.executemany(INSERT_DOCUMENT, rows.documents)
    for event_rows, actor_rows, evidence_rows in event_batches(rows.events):
        conn.executemany(INSERT_EVENT, event_rows)
        conn.executemany(INSERT_EVENT_ACTOR, actor_rows)
        conn.executemany(INSERT_EVIDENCE, evidence_rows)
    conn.commit()
    conn.execute("ANALYZE")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return rows.values


def queries(values: dict, rng: random.Random) -> dict[str, str]:
    """One URL of each kind, its values drawn at random."""
    actor = rng.choice(values["actors"])
    province = rng.choice(values["provinces"])
    lat, lon = values["points"][rng.choice(values["towns"])]
    day = START + dt.timedelta(days=rng.randrange(DAYS - 7))
    week = f"since={day.isoformat()}&until={(day + dt.timedelta(days=6)).isoformat()}"
    box = f"{lon - 0.3:.3f},{lat - 0.3:.3f},{lon + 0.3:.3f},{lat + 0.3:.3f}"
    return {
        "actor": f"/api/events?actor={actor}",
        "place": f"/api/events?place={province}",
        "bbox": f"/api/events?bbox={box}",
        "type": f"/api/events?type={rng.choice(('violence', 'protest', 'movement', 'arrest'))}",
        "date": f"/api/events?{week}",
        "actor+date": f"/api/events?actor={actor}&{week}",
        "map api": f"/api/map?bbox={box}",
        "map page": f"/?actor={actor}",
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else float("nan")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, workers: int = 1) -> tuple[subprocess.Popen, str]:
    port = free_port()
    script = Path(sys.executable).parent / "dateline"
    command = [str(script), "serve", "--db", str(db), "--port", str(port), "--lazy",
               "--workers", str(workers)]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:  # ready when the processes answering hold their event index (10 answers in a row)
            status = url + "/api/status"
            if all(httpx.get(status, timeout=5).json()["event_index"]["loaded"] for _ in range(10)):
                return process, url
        except (httpx.HTTPError, KeyError, ValueError):
            pass
        time.sleep(0.5)
    process.kill()
    raise SystemExit("the server did not start: " + (process.stderr.read() or b"").decode()[-2000:])


def latency(url: str, values: dict, requests: int, rng: random.Random) -> dict[str, dict[str, float]]:
    times: dict[str, list[float]] = {}
    with httpx.Client(base_url=url, timeout=60) as client:
        for path in queries(values, rng).values():  # warm each kind once
            client.get(path).raise_for_status()
        for _ in range(requests):
            for kind, path in queries(values, rng).items():
                began = time.perf_counter()
                response = client.get(path)
                elapsed = time.perf_counter() - began
                if response.status_code != 200:
                    raise SystemExit(f"{path}: {response.status_code} {response.text[:300]}")
                times.setdefault(kind, []).append(elapsed * 1000)
    return {k: {"p50_ms": round(statistics.median(v), 1), "p95_ms": round(percentile(v, 0.95), 1),
                "max_ms": round(max(v), 1), "n": len(v)} for k, v in times.items()}  # fmt: skip


async def load(url: str, values: dict, clients: int, duration: float, seed: int) -> dict[str, float]:
    times: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + duration
    # an idle connection is dropped by the client before uvicorn closes it (after 5 s): else a request
    # may go out on a connection the server is closing at that moment (a client's race, not the server's)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=2.0)

    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def one(n: int) -> None:
            rng = random.Random(seed * 1000 + n)
            while time.monotonic() < deadline:
                for path in queries(values, rng).values():
                    began = time.perf_counter()
                    try:
                        response = await client.get(path)
                        if response.status_code != 200:
                            errors.append(f"{response.status_code} {path}")
                    except httpx.HTTPError as exc:
                        errors.append(f"{type(exc).__name__} {path}")
                    times.append((time.perf_counter() - began) * 1000)
                    if time.monotonic() >= deadline:
                        return

        began = time.monotonic()
        await asyncio.gather(*(one(n) for n in range(clients)))
        elapsed = time.monotonic() - began
    return {"clients": clients, "seconds": round(elapsed, 1), "requests": len(times), "errors": len(errors),
            "requests_per_s": round(len(times) / elapsed, 1), "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1), "first_errors": errors[:5]}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--places", type=int, default=5_000, help="places (countries, provinces, towns)")
    parser.add_argument("--actors", type=int, default=300)
    parser.add_argument("--per-doc", type=int, default=20, help="events a synthetic document holds")
    parser.add_argument("--requests", type=int, default=100, help="requests of each kind for the latencies")
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of concurrent load")
    parser.add_argument("--db", type=Path, default=None, help="the store (default: a temporary file)")
    parser.add_argument("--keep", action="store_true", help="keep --db and reuse it when it exists")
    parser.add_argument("--workers", type=int, default=1, help="dateline serve --workers")
    parser.add_argument("--skip-latency", action="store_true", help="measure only the load")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    workdir = tempfile.TemporaryDirectory(prefix="dateline-bench-serve-")
    db = args.db or Path(workdir.name) / "bench.db"
    report: dict = {"events": args.events}
    values_file = db.with_suffix(".values.json")
    if args.keep and db.exists() and values_file.exists():
        values = json.loads(values_file.read_text())
        values["points"] = {k: tuple(v) for k, v in values["points"].items()}
        report["build_s"] = None
    else:
        for stale in (db, values_file, Path(f"{db}-wal"), Path(f"{db}-shm")):
            stale.unlink(missing_ok=True)
        began = time.perf_counter()
        values = build_store(db, args.events, places=args.places, actors=args.actors, per_doc=args.per_doc,
                             seed=args.seed)  # fmt: skip
        report["build_s"] = round(time.perf_counter() - began, 1)
        if args.keep:
            values_file.write_text(json.dumps(values))
    report["db_mb"] = round(os.path.getsize(db) / 1e6, 1)
    began = time.perf_counter()
    process, url = start_server(db, args.workers)
    report["start_s"] = round(time.perf_counter() - began, 1)
    report["workers"] = args.workers
    try:
        rng = random.Random(args.seed)
        report["latency"] = {} if args.skip_latency else latency(url, values, args.requests, rng)
        report["load"] = asyncio.run(load(url, values, args.clients, args.duration, args.seed))
    finally:
        process.terminate()
        process.wait(timeout=30)
        if not args.keep:
            workdir.cleanup()
    if args.json:
        print(json.dumps(report))
    else:
        print(f"store: {args.events:,} events, {report['db_mb']} MB, built in {report['build_s']} s; "
              f"server ready in {report['start_s']} s with {args.workers} worker(s)")
        print(f"{'query':<12} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'n':>5}")
        for kind, row in report["latency"].items():
            print(f"{kind:<12} {row['p50_ms']:>8} {row['p95_ms']:>8} {row['max_ms']:>8} {row['n']:>5}")
        lo = report["load"]
        print(f"load: {lo['clients']} clients, {lo['seconds']} s, {lo['requests']:,} requests "
              f"({lo['requests_per_s']}/s), {lo['errors']} errors, "
              f"p50 {lo['p50_ms']} ms, p95 {lo['p95_ms']} ms")
        for line in lo["first_errors"]:
            print("  error:", line)
    return 1 if report["load"]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
