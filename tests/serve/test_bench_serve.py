"""bench/serve.py at a tiny size: it builds a store the read model reads, and its run reports every
query kind and a load with no error (the full run is by hand: README, Accuracy and speed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_the_serve_benchmark_runs_small(repo_root: Path, tmp_path: Path) -> None:
    db = tmp_path / "bench.db"
    command = [sys.executable, str(repo_root / "bench" / "serve.py"), "--events", "3000", "--places", "300",
               "--actors", "20", "--requests", "2", "--clients", "3", "--duration", "1", "--json",
               "--db", str(db), "--keep"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert set(report["latency"]) == {"actor", "place", "bbox", "type", "date", "actor+date", "map api",
                                      "map page"}  # fmt: skip
    assert all(row["n"] == 2 and row["p95_ms"] >= row["p50_ms"] > 0 for row in report["latency"].values())
    assert report["load"]["errors"] == 0 and report["load"]["requests"] > 0

    from dateline.query import Corpus, Criteria

    with Corpus.open(str(db)) as corpus:
        assert corpus.counts()["events"] == 3000
        province = corpus.places(Criteria(type="violence"), limit=1).items[0]["admin1_id"]
        inside = corpus.counts(Criteria(place=province))["events"]
        assert 0 < inside < 3000  # a province holds its towns' events
