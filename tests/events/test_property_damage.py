"""Damage people do to property is an event (ACLED: looting/property destruction); damage a blast,
a battle or the weather does belongs to that event, and damage nobody is said to have done is none.

Our own sentences, read as a user does (``Extractor.extract_text``).
"""

from __future__ import annotations

import pytest


def events_of(extractor, text: str) -> list[tuple[str, str | None, list[str]]]:
    record = extractor.extract_text(text, published="2008-06-01").to_dict()
    return [(e["type"], e["acled_sub_event_type"], e["actors"]) for e in record["events"]]


@pytest.mark.parametrize(
    "text",
    [
        "Unknown assailants damaged twenty vehicles at a car dealership outside Richmond.",
        "Vandals slashed the tires of eleven trucks parked at a depot in Leeds.",
        "Unidentified men smashed the windows of a bank branch in central Athens overnight.",
        "Suspected members of the Animal Liberation Front caused over $20,000 in damage to equipment "
        "at a quarry in Oregon.",
    ],
)
def test_damage_done_by_people_is_property_destruction(extractor, text: str) -> None:
    found = events_of(extractor, text)
    assert [(t, sub) for t, sub, _ in found] == [("looting", "Looting/property destruction")]


def test_the_attacker_is_the_actor(extractor) -> None:
    found = events_of(
        extractor,
        "Suspected members of the Animal Liberation Front caused over $20,000 in damage to equipment at "
        "a quarry in Oregon.",
    )
    assert found[0][2] == ["animal-liberation-front"]


@pytest.mark.parametrize(
    "text",
    [
        "A bomb exploded near the market, damaging three shops.",
        "The blast damaged several houses in the village.",
        "Floods damaged hundreds of homes in the province.",
        "Militants attacked the convoy and damaged two vehicles.",
        "Residents said their houses were damaged during the building of the new highway.",  # nobody did it
    ],
)
def test_damage_a_blast_a_battle_or_the_weather_does_is_no_event_of_its_own(extractor, text: str) -> None:
    assert all(t != "looting" for t, _, _ in events_of(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "Guerrillas of the Northern Hills Front destroyed three power pylons near Tame, Arauca.",
        "Guerrillas of the Northern Hills Front knocked down two electricity pylons near Cucuta, Colombia.",
        "Fighters of the Northern Hills Front destroyed a transformer and a railway bridge outside Quetta.",
    ],
)
def test_infrastructure_brought_down_by_a_group_is_property_destruction(extractor, text: str) -> None:
    found = events_of(extractor, text)
    assert [(t, sub) for t, sub, _ in found] == [("looting", "Looting/property destruction")]
    assert found[0][2], found  # the group that did it


def test_a_death_recalled_beside_a_statement_is_no_casualty_of_it(extractor) -> None:
    record = extractor.extract_text(
        "Two pamphlet bombs exploded outside a bank in Quito. The pamphlets praised a rebel leader and "
        "recalled his death forty years earlier.",
        published="2008-06-01",
    ).to_dict()
    assert [(e["type"], e["fatalities"]) for e in record["events"] if e["fatalities"]] == []
