"""Fixtures of the events tests."""

from __future__ import annotations

from typing import Any

import pytest

from dateline.extract import Extractor


def _count(q: dict[str, Any] | None) -> float:
    if not q:
        return 0
    return q["best"] if q["best"] is not None else q["low"]


@pytest.fixture(scope="module")
def incident(extractor: Extractor):
    """(killed, injured) of the event with the most people killed or injured, as the scorers pick it."""

    def incident(text: str) -> tuple[float, float]:
        events = extractor.extract_text(text, published="2007-03-01").to_dict()["events"]
        if not events:
            return 0, 0
        top = max(events, key=lambda e: _count(e["fatalities"]) + _count(e["injured"]))
        return _count(top["fatalities"]), _count(top["injured"])

    return incident
