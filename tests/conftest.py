"""Fixtures shared across the suite: paths and one loaded pipeline per session."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def dateline_cmd() -> list[str]:
    """The installed console script, run as a user runs it."""
    script = Path(sys.executable).parent / "dateline"
    if script.exists():
        return [str(script)]
    found = shutil.which("dateline")
    assert found, "the dateline console script is not installed"
    return [found]


@pytest.fixture(scope="session")
def extractor():
    from dateline.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def seed_db(extractor, tmp_path_factory) -> Path:
    """A store holding the two founding articles (examples/founding_articles.jsonl), ingested once.

    Read it, never write it: a test that stores documents works on a copy (``copy_store``).
    """
    from dateline.extract import ingest_paths
    from dateline.store import Store

    db = tmp_path_factory.mktemp("seed") / "seed.db"
    with Store.open(db) as store:
        report = ingest_paths([ROOT / "examples" / "founding_articles.jsonl"], extractor, store)
    assert report.stored == 2 and report.ok
    return db


@pytest.fixture(scope="session")
def copy_store():
    """``copy_store(source, target)``: a consistent copy of a SQLite store (SQLite's backup, WAL included)."""
    import sqlite3

    def copy(source: Path, target: Path) -> Path:
        src, dst = sqlite3.connect(source), sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        return target

    return copy
