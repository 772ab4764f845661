"""dateline's components do work linear in the text on adversarial patterns (issue 11).

Wall-clock thresholds are flaky on a loaded machine, so these tests count work instead: the number of
Python and Cython function calls (``cProfile``) dateline's components make on a text of n and of 2n
characters. Linear work about doubles; the pairwise trigger comparison this guards against made
"killed killed ..." grow about 8 times per doubling. ``bench/scaling.py`` times the same patterns.
"""

from __future__ import annotations

import cProfile
import pstats

import pytest

from dateline.nlp.pipeline import load_pipeline, make_doc

PATTERNS = {
    "repeated trigger": "killed ",
    "quoted triggers": '"killed" ',
    "number run": "1 ",
    "repeated sentence": "5 people were killed. ",
    "place list": "Kabul, Kandahar, Herat, Jalalabad, Kunduz, Ghazni, ",
}
SIZE = 1500  # characters; the text is read at SIZE and at 2 * SIZE
MAX_RATIO = 2.6  # linear work doubles; quadratic would quadruple


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def dateline_calls(nlp, text: str) -> int:  # type: ignore[no-untyped-def]
    """Function calls dateline's components make on ``text`` (spaCy's own pipes not counted)."""
    doc = make_doc(nlp, text)
    profile = cProfile.Profile()
    for name, component in nlp.pipeline:
        if name.startswith("dateline_"):
            profile.enable()
            doc = component(doc)
            profile.disable()
        else:
            doc = component(doc)
    return sum(stat[1] for stat in pstats.Stats(profile).stats.values())  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", list(PATTERNS.values()), ids=list(PATTERNS))
def test_work_grows_linearly(nlp, unit: str) -> None:  # type: ignore[no-untyped-def]
    nlp(unit * 3)  # warm-up: lazily built tables are not the text's work
    small = dateline_calls(nlp, unit * (SIZE // len(unit)))
    large = dateline_calls(nlp, unit * (2 * SIZE // len(unit)))
    assert large / small < MAX_RATIO, f"{large} calls at 2n against {small} at n"


def test_repeated_trigger_is_one_event(nlp) -> None:  # type: ignore[no-untyped-def]
    """The sweep that replaced the pairwise comparison joins what the comparison joined."""
    doc = nlp("killed " * 200)
    assert len(doc._.dateline_events) == 1
