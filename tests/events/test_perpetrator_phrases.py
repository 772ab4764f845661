"""More ways a text names who did it: a group suspected of the deed (passive), a group that committed
or perpetrated it, and a group an apposition calls armed. Real pipeline on sentences written for
these tests."""

from __future__ import annotations

import pytest

from dateline.records import Event, Record


def incident(record: Record) -> Event:
    violent = [e for e in record.events if e.acled_event_type and e.acled_event_type != "Protests"]
    assert violent, [e.type for e in record.events]
    return max(violent, key=lambda e: sum(q.best or 0 for q in (e.fatalities, e.injured) if q is not None))


def perpetrators(record: Record) -> dict[str, str]:
    """The incident's perpetrators by name, with the stance the text takes."""
    names = {a.id: a.name for a in record.actors}
    event = incident(record)
    stances = {r.actor: r.stance for r in event.responsibility}
    return {names[a]: stances.get(a, "") for a in event.actors}


@pytest.mark.parametrize(
    "text",
    [
        "A grenade exploded outside a bank in Ambon, wounding two guards. The Seram Liberation Front is "
        "suspected of being responsible for the attack.",
        "The Seram Liberation Front is suspected of planting the grenade that wounded two guards outside a "
        "bank in Ambon.",
        "A grenade exploded outside a bank in Ambon, wounding two guards. The Seram Liberation Front is "
        "suspected in the bombing.",
    ],
)
def test_a_group_suspected_of_the_deed_is_the_suspected_perpetrator(extractor, text: str) -> None:
    assert perpetrators(extractor.extract_text(text, published="2004-05-02")) == {
        "Seram Liberation Front": "suspected"
    }


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Gunmen shot dead a judge in Valledupar. Prosecutors said the Northern Hills Front committed the "
         "murder.", "attributed"),
        ("A bomb wounded four people at a bus stop in Cucuta. Investigators believe the Northern Hills Front "
         "perpetrated the attack.", "suspected"),
        ("A bomb wounded four people at a bus stop in Cucuta. Leaflets said the attack was perpetrated by "
         "the Northern Hills Front.", "attributed"),
    ],
)  # fmt: skip
def test_who_committed_or_perpetrated_the_deed_is_its_perpetrator(extractor, text: str, stance: str) -> None:
    record = extractor.extract_text(text, published="2004-05-02")
    assert perpetrators(record) == {"Northern Hills Front": stance}


def test_committing_suicide_holds_no_one_responsible_for_the_attack(extractor) -> None:
    record = extractor.extract_text(
        "A bomb wounded four people at a bus stop in Cucuta. The Northern Hills Front later said one of its "
        "members had committed suicide.",
        published="2004-05-02",
    )
    # (the only group the paragraph names stays the implied perpetrator; the suicide adds nothing)
    assert {r.stance for r in incident(record).responsibility} == {"implied"}


def test_a_name_an_apposition_calls_armed_is_an_armed_group(extractor) -> None:
    record = extractor.extract_text(
        "The Republic of Free Kivu (RFK), a Christian separatist group, is suspected of planting a bomb near "
        "the governor's office in Ambon.",
        published="2004-05-02",
    )
    assert perpetrators(record) == {"Republic of Free Kivu": "suspected"}
    (group,) = [a for a in record.actors if a.kind == "militant_group"]
    assert "RFK" in group.aliases
    rights = extractor.extract_text(
        "Amnesty Watch Kivu, a human rights group, condemned the bombing in Ambon.", published="2004-05-02"
    )
    assert not any(a.kind == "militant_group" for a in rights.actors)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A bomb exploded at a bank in Cordoba. Pamphlets said the attack was perpetrated by the Juan Perez "
         "Revolutionary Commando.", "Juan Perez Revolutionary Commando"),
        ("A bomb exploded at a bank in Cordoba. The Juan Perez Autonomous and Destructive Forces, a small "
         "anarchist group, claimed responsibility.", "Juan Perez Autonomous and Destructive Forces"),
    ],
)  # fmt: skip
def test_a_group_named_after_a_person_keeps_the_persons_name(extractor, text: str, name: str) -> None:
    assert list(perpetrators(extractor.extract_text(text, published="2004-05-02"))) == [name]


def test_a_place_restated_beside_the_bombs_is_no_perpetrator(extractor) -> None:
    # parsed as an apposition of "bombs": the hotel's name and its owner are no bombers
    record = extractor.extract_text(
        "Two car bombs exploded near a hotel, the Palestine Hotel owned by Ahmed Karim, in Baghdad.",
        published="2005-06-01",
    )
    assert incident(record).actors == ()


def test_a_claim_in_the_second_half_of_a_sentence_about_the_attack_names_its_perpetrator(extractor) -> None:
    record = extractor.extract_text(
        "Four rockets were fired at the settlement of Gilo. The attack caused no damage and was claimed by "
        "the military wing of the Northern Hills Front.",
        published="2004-05-02",
    )
    assert perpetrators(record) == {"Northern Hills Front": "claimed"}


def test_a_groups_foreign_acronym_after_its_translated_name_is_its_alias(extractor) -> None:
    record = extractor.extract_text(
        "The Popular Fighters Group (GCP) claimed responsibility for two pamphlet bombs that exploded in "
        "Quito.",
        published="2004-05-02",
    )
    (group,) = [a for a in record.actors if a.kind == "militant_group"]
    assert (group.name, group.aliases) == ("Popular Fighters Group", ("GCP",))
    assert perpetrators(record) == {"Popular Fighters Group": "claimed"}


def test_the_deed_an_attack_answers_is_another_event_with_its_own_actors(extractor) -> None:
    record = extractor.extract_text(
        "A suicide car bomber detonated his vehicle near a police patrol in Mosul, killing two policemen and "
        "a civilian. The group released a statement saying that the attacks were retaliation for the recent "
        "offensive by US and Iraqi troops in Tall Afar.",
        published="2005-09-14",
    )
    bombing = incident(record)
    assert bombing.type == "suicide_bombing"
    assert "military-forces-of-iraq" not in bombing.actors
    (offensive,) = [e for e in record.events if e.type == "armed_clash"]
    assert offensive.actors == ("military-forces-of-iraq",)


def test_a_claim_for_a_series_reaches_the_incident_that_is_one_of_it(extractor) -> None:
    record = extractor.extract_text(
        "A car bomb exploded near a police patrol in Mosul, Iraq, killing three policemen. This was one of "
        "four explosions which the Northern Hills Front claimed that day.",
        published="2005-09-14",
    )
    assert perpetrators(record) == {"Northern Hills Front": "claimed"}


def test_groups_counted_then_listed_all_claim_the_attack(extractor) -> None:
    record = extractor.extract_text(
        "Unknown men threw a grenade at a police post in Sopore, Kashmir, wounding six people. Three "
        "different groups have claimed responsibility for the attack, including the Northern Hills Front, "
        "the Valley Martyrs Brigade and Hizbul Mujahideen.",
        published="2005-04-14",
    )
    claimants = {"Northern Hills Front", "Valley Martyrs Brigade", "Hizbul Mujahideen"}
    assert set(perpetrators(record)) == claimants


def test_who_was_held_responsible_for_a_past_deed_is_not_the_perpetrator_of_the_incident(extractor) -> None:
    record = extractor.extract_text(
        "A district councillor, Ram Kumar, was kidnapped by gunmen from the Northern Hills Front in Gaya "
        "on May 4. The group said it was revenge for the killing of six of its cadres in 2003, which Kumar "
        "was allegedly responsible for.",
        published="2005-05-06",
    )
    assert set(perpetrators(record)) == {"Northern Hills Front"}


def test_a_group_found_guilty_of_the_attack_is_its_perpetrator(extractor) -> None:
    record = extractor.extract_text(
        "A bomb exploded at a power station in Ganja, Azerbaijan, killing two guards. The Islamist Mountain "
        "Sons group was later found guilty of the attack.",
        published="2008-09-01",
    )
    assert perpetrators(record) == {"Mountain Sons": "attributed"}


def test_a_quoted_name_a_group_calls_itself_claims_the_arson(extractor) -> None:
    record = extractor.extract_text(
        "A group calling itself the 'Riders of the Burnt Vault' claimed responsibility for setting three gas "
        "canisters alight outside a bank branch in Patras.",
        published="2004-01-01",
    )
    assert perpetrators(record) == {"Riders of the Burnt Vault": "claimed"}


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        ("Fighters of the Northern Hills Front blindfolded and broke the legs of a teacher in Rolpa, Nepal.",
         "Northern Hills Front"),
        ("Maoist gunmen detonated a remote-controlled bomb near a police jeep in Gaya, Bihar.",
         "Communist Party of India (Maoist)"),
    ],
)  # fmt: skip
def test_bones_broken_and_remote_bombs_are_attacks(extractor, text: str, perpetrator: str) -> None:
    record = extractor.extract_text(text, published="2005-07-03")
    assert list(perpetrators(record)) == [perpetrator]


def test_a_leg_broken_in_a_match_is_no_attack(extractor) -> None:
    text = "The striker broke his leg in a match in Kathmandu."
    record = extractor.extract_text(text, published="2005-07-03")
    assert [e.type for e in record.events] == []
