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
