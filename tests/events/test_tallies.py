"""Tolls that are not the incident's: a tally over a period, the toll of the event an attack answers.

Our own sentences, read as a user does (``Extractor.extract_text``); the incident is the event with the
most people killed or injured, as the incident scorers pick it.
"""

from __future__ import annotations

from typing import Any

import pytest

from dateline.extract import Extractor


def _killed(event: dict[str, Any]) -> float:
    q = event["fatalities"]
    if not q:
        return 0
    return q["best"] if q["best"] is not None else q["low"]


@pytest.fixture(scope="module")
def tolls(extractor: Extractor):
    def tolls(text: str) -> list[float]:
        record = extractor.extract_text(text, published="2007-03-01").to_dict()
        return sorted(_killed(e) for e in record["events"] if e["fatalities"])

    return tolls


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen shot dead a reporter in Basra. More than 60 reporters have been killed in the country "
        "since 2003.",
        "A bomb damaged a bakery in Kirkuk. Officials say 300 shopkeepers were killed in 2006.",
        "Militants attacked a checkpoint near Hilla. At least 40 guards were killed and 12 abducted over "
        "three days.",
        "A grenade hit a shop in Jolo. Seven people died over the past two weeks in similar attacks.",
        "A mortar shell hit a school in Gao. Two pupils were killed there last year.",
    ],
)
def test_a_toll_told_over_a_period_is_no_incident_toll(tolls, text):
    assert all(n < 40 for n in tolls(text))
    assert max(tolls(text), default=0) <= 1


def test_the_incident_keeps_its_own_toll_beside_a_tally(tolls):
    text = "Gunmen shot dead a reporter in Basra. More than 60 reporters have been killed there since 2003."
    assert tolls(text) == [1]


@pytest.mark.parametrize(
    "text",
    [
        "Rockets hit the market in Sderot. The group said the attack was in response to the killing of five "
        "of its members by soldiers.",
        "Gunmen fired on a patrol in Jenin. The group said the shooting was retaliation for the death of "
        "a commander.",
    ],
)
def test_the_toll_of_the_event_answered_is_not_the_attacks(tolls, text):
    assert tolls(text) == []


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Rebels are blamed for killing a village chief in Dolpa.", 1),
        ("Two people were killed following an explosion at the market in Hilla.", 2),
        ("Talks stalled following an attack on a school in Quetta that killed 40 people.", 40),
    ],
)
def test_a_deed_blamed_or_followed_keeps_its_toll(tolls, text, killed):
    assert max(tolls(text), default=0) == killed


def test_a_tally_the_victim_is_one_of_is_not_his_incidents_toll(tolls):
    text = (
        "A customs officer was shot dead in Tikrit. He was one of five officers killed in the province "
        "that week in separate attacks."
    )
    assert tolls(text) == [1]


def test_one_of_the_dead_named_keeps_the_toll(tolls):
    assert tolls("One of the six guards killed in the raid was a sergeant.") == [6]
