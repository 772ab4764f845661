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
    "protests and claims": "Nurses protested in Fier. Police dispersed them. The group claimed the attack. ",
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


def suffix_work(tokenizer, text: str) -> int:  # type: ignore[no-untyped-def]
    """Characters spaCy's tokenizer searches for suffixes while tokenizing ``text``."""
    inner = tokenizer.tokenizer if hasattr(tokenizer, "tokenizer") else tokenizer
    search = inner.suffix_search
    searched = [0]

    def counting(string: str):  # type: ignore[no-untyped-def]
        searched[0] += len(string)
        return search(string)

    inner.suffix_search = counting  # (re)setting it also empties the tokenizer's cache
    try:
        tokenizer(text)
    finally:
        inner.suffix_search = search
    return searched[0]


@pytest.mark.parametrize("unit", [",", '"', "'s", "?!"])
def test_long_runs_without_spaces_tokenize_in_linear_work(unit: str) -> None:
    import spacy

    from dateline.nlp.runs import MAX_RUN, RunSplittingTokenizer

    blank = spacy.blank("en")
    tokenizer = RunSplittingTokenizer(blank.tokenizer)
    small = suffix_work(tokenizer, unit * 1000)
    large = suffix_work(tokenizer, unit * 2000)
    assert large / small < MAX_RATIO, f"{large} characters searched at 2n against {small} at n"
    text = "He said: " + unit * 2000 + " and left."
    doc = tokenizer(text)
    assert doc.text == text
    assert max(len(t) for t in doc) <= MAX_RUN


def test_ordinary_text_tokenizes_as_spacy_does(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "KABUL (Reuters) - Taliban fighters killed 12 people, officials said. See https://example.com/a?b=c."
    )
    ours = nlp.make_doc(text)
    spacys = nlp.tokenizer.tokenizer(text)
    assert [(t.text, t.whitespace_) for t in ours] == [(t.text, t.whitespace_) for t in spacys]
