"""Runs of words read for the GTD cues: all of them, or only those starting at a cue's first word."""

from __future__ import annotations

from dateline.events.grams import cue_starts, sequence_grams


def test_every_run_of_one_to_four_words():
    found = sequence_grams(["a", "suicide", "car", "bomb", "exploded"])
    assert {"a", "suicide car", "suicide car bomb", "a suicide car bomb", "car bomb exploded"} <= found
    assert "a suicide car bomb exploded" not in found  # five words


def test_runs_start_only_at_the_first_words_of_cues():
    starts = cue_starts({"car bomb", "suicide bomber", "shot"}, {"improvised explosive device"})
    assert starts == {"car", "suicide", "improvised"}
    found = sequence_grams(
        ["a", "car", "bomb", "and", "an", "improvised", "explosive", "device"], starts=starts
    )
    assert {"car bomb", "improvised explosive device", "a", "and", "device"} <= found
    assert "a car" not in found and "and an" not in found
    cues = {"car bomb", "improvised explosive device", "shot"}
    assert (
        found & cues
        == sequence_grams(["a", "car", "bomb", "and", "an", "improvised", "explosive", "device"]) & cues
    )
