"""A victim told shot, with nothing said of how it ended, is counted dead (coders read it so).

Our own sentences, read as a user does (``Extractor.extract_text``).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Gunmen shot a village headman in Pattani.", 1),
        ("A court clerk was shot by two men on a motorbike in Mosul.", 1),
        ("Rebels shot three farmers near a bridge in Cauca.", 3),
        ("A lawyer was shot in the head at close range at his office in Srinagar.", 1),
    ],
)
def test_a_victim_shot_with_no_outcome_told_is_dead(incident, text, killed):
    assert incident(text) == (killed, 0)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen shot a village headman in Pattani. He was taken to hospital.",
        "Gunmen shot a village headman in Pattani. He survived the attack.",
        "Gunmen shot at a patrol in Hilla.",
        "A driver was shot at near Yala on his way to work.",
        "Militants shot rockets at Sderot from the north of the strip.",
    ],
)
def test_an_outcome_told_or_no_victim_shot_counts_no_dead(incident, text):
    assert incident(text)[0] == 0


def test_a_victim_shot_in_a_limb_is_injured(incident):
    assert incident("A farmer was shot in the leg by rebels in Cauca.") == (0, 1)
