"""The garbage collector runs less often while documents are read, and as before afterwards."""

from __future__ import annotations

import gc

import pytest

from dateline.nlp.collector import READING_THRESHOLD, fewer_collections
from dateline.nlp.pipeline import load_pipeline, read_docs


@pytest.fixture
def default_thresholds():
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def test_reading_raises_the_threshold_and_puts_it_back(default_thresholds):
    nlp = load_pipeline(components=())
    seen = []
    for _, _doc in read_docs(nlp, [("Troops left the town.", None, 1), ("Rebels took it.", None, 2)]):
        seen.append(gc.get_threshold())
    assert seen == [(READING_THRESHOLD, 10, 10)] * 2
    assert gc.get_threshold() == (700, 10, 10)


def test_nested_readers_share_one_raise(default_thresholds):
    with fewer_collections():
        with fewer_collections():
            assert gc.get_threshold()[0] == READING_THRESHOLD
        assert gc.get_threshold()[0] == READING_THRESHOLD  # the outer reader is still reading
    assert gc.get_threshold() == (700, 10, 10)


def test_a_reader_stopped_early_puts_it_back(default_thresholds):
    nlp = load_pipeline(components=())
    reading = read_docs(nlp, [("One.", None, 1), ("Two.", None, 2)])
    next(reading)
    reading.close()
    assert gc.get_threshold() == (700, 10, 10)


def test_collection_turned_off_is_left_off():
    saved = gc.get_threshold()
    gc.set_threshold(0)
    try:
        with fewer_collections():
            assert gc.get_threshold()[0] == 0
        assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*saved)
