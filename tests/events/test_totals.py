"""A toll told as the total of several incidents is no toll of the one incident a report tells.

Our own sentences, read as a user does (``Extractor.extract_text``).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "A grenade exploded at a bus depot in Dhaka. Five other grenades went off in the city the same hour. "
        "In all, 31 people died and 80 were hurt across the incidents.",
        "A bomb hit a checkpoint in Hilla. It was one of several blasts in the province. In total, 44 people "
        "were killed and 90 wounded.",
        "Gunmen raided a police post in Mosul. Other posts were raided in the night. A total of 26 officers "
        "were killed in the attacks.",
        "A rocket struck a depot near Sderot, one of many rockets fired that day. Twelve people were wounded "
        "in the combined attacks.",
    ],
)
def test_a_series_total_is_no_incident_toll(incident, text):
    assert incident(text) == (0, 0)


def test_the_incident_keeps_its_own_toll_beside_the_series_total(incident):
    text = (
        "A car bomb exploded outside a bakery in Kirkuk, killing four people. It was one of nine bombings "
        "across the north that morning. In total, the bombings killed 63 people."
    )
    assert incident(text)[0] == 4


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # one incident told with its sum
        (
            "Gunmen stormed a wedding in Tikrit. A total of 14 guests were killed, three of them children.",
            14,
        ),
        # the incident itself told as a string of blasts
        ("In a string of blasts at cinemas in Sylhet, nine people were killed.", 9),
        # a count of incidents given: an even share (see test_series)
        ("A mine hit a truck in Gao. Twelve people were killed in the two attacks.", 6),
    ],
)
def test_a_single_incident_sum_keeps_its_toll(incident, text, killed):
    assert incident(text)[0] == killed
