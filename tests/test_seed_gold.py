"""The founding articles, scored by the project's shared scorer (../shared/gold/score_seeds.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

# The share of gold items each section must pass (the issues' acceptance floors).
FLOORS = {
    "documents": 1.0,
    "places": 1.0,
    "actors": 1.0,
    "quotes": 1.0,
    "quantities": 0.9,
    "dates": 0.9,
    "events": 0.9,
    "relations": 0.9,
}


@pytest.fixture(scope="module")
def section_scores(shared_dir: Path, dateline_cmd: list[str]) -> dict[str, tuple[int, int]]:
    scorer = shared_dir / "gold" / "score_seeds.py"
    out = subprocess.run(
        [sys.executable, str(scorer), "--cmd", " ".join(dateline_cmd), "--sections", ",".join(FLOORS)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert "seed gold" in out.stdout, out.stdout + out.stderr
    scores = {}
    for line in out.stdout.splitlines():
        m = re.match(r"^(\w+)\s+(\d+)/(\d+)\s*$", line)
        if m:
            scores[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    print(out.stdout)
    return scores


@pytest.mark.parametrize("section", sorted(FLOORS))
def test_seed_section_meets_floor(section_scores: dict[str, tuple[int, int]], section: str) -> None:
    passed, total = section_scores[section]
    assert total > 0
    assert passed / total >= FLOORS[section], f"{section}: {passed}/{total}"
