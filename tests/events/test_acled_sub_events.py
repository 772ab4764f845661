"""How the weapons told, the sides that fight and what is done to whom type an event as ACLED's
coders type it.

Our own sentences, read as a user does (``Extractor.extract_text``).
"""

from __future__ import annotations

from typing import Any

import pytest


def sub_event_types(extractor, text: str) -> list[str | None]:
    events: list[dict[str, Any]] = extractor.extract_text(text, published="2020-05-10").to_dict()["events"]
    return [e["acled_sub_event_type"] for e in events if e["acled_event_type"]]


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        # small arms at the end of a weapon list make direct fire: a battle, however heavy the rest
        (
            "On 2 May 2020, government forces fired 82mm mortars, heavy machine guns and small arms "
            "at the positions of the rebels near Avdiivka.",
            "Armed clash",
        ),
        # heavy weapons alone are fired from afar (ACLED: shelling)
        ("On 8 May 2020, rebel forces fired heavy machine guns at army positions near Avdiivka.", None),
        ("On 5 May 2020, the militia fired 23mm and 14.5mm machine guns at villages near Hays.", None),
        ("On 4 May 2020, the fighters fired an RPG at an army checkpoint near Raqqa.", None),
        # small arms told beside the mortars (the monitors' next sentence) make it a battle
        (
            "On 7 May 2020, rebel forces fired 120mm mortars at army positions near Krymske. Monitors "
            "observed 7 shots involving small arms near Krymske.",
            "Armed clash",
        ),
        (
            "On 8 May 2020, gunmen assassinated a colonel of the air force intelligence using small "
            "arms fire.",
            "Armed clash",
        ),
    ],
)
def test_the_weapons_told_make_a_clash_or_shelling(extractor, text, sub_event):
    assert sub_event_types(extractor, text) == [sub_event or "Shelling/artillery/missile attack"]


def test_a_grenade_answered_with_gunfire_is_a_clash_and_one_thrown_at_a_shop_a_grenade_attack(extractor):
    answered = (
        "On 1 May 2020, militants threw a hand grenade at police in Mogadishu. Police responded with gunfire."
    )
    assert sub_event_types(extractor, answered) == ["Armed clash"]
    answered = (
        "On 6 May 2020, militants threw a grenade at soldiers in Hodan. "
        "The soldiers opened gunfire in response."
    )
    assert sub_event_types(extractor, answered) == ["Armed clash"]
    thrown = (
        "On 1 May 2020, militants threw a hand grenade at a shop in Mogadishu. Two civilians were injured."
    )
    assert sub_event_types(extractor, thrown) == ["Grenade"]


def test_grenades_seized_are_no_grenade_attack(extractor):
    text = "On 2 May 2020, police seized two pistols, grenades and ammunition in a house in Mogadishu."
    assert "Grenade" not in sub_event_types(extractor, text)


def test_a_device_defused_before_its_target_was_hit_is_one_disrupted_attack(extractor):
    text = (
        "On 5 March 2021, soldiers defused an unexploded grenade targeting an army vehicle in Kupwara. "
        "There were no casualties in the attack."
    )
    assert sub_event_types(extractor, text) == ["Disrupted weapons use"]
    text = (
        "On 30 June 2021, soldiers discovered and defused a bomb planted along a highway in Cauca. "
        "Officials attributed the attempted attack to the ELN."
    )
    assert sub_event_types(extractor, text) == ["Disrupted weapons use"]


def test_a_clash_between_groups_of_people_is_mob_violence(extractor):
    text = "On 9 May 2020, two farmers were killed in a clash between two groups of villagers in Shamli."
    assert sub_event_types(extractor, text) == ["Mob violence"]
    text = "On 9 May 2020, two soldiers were killed in a clash between the army and rebels near Gao."
    assert sub_event_types(extractor, text) == ["Armed clash"]


@pytest.mark.parametrize(
    "text",
    [
        "On 28 April 2020, soldiers arrested and beat a leader of the ONLF in Warder.",
        "On 4 May 2020, during an arrest raid in Jericho, soldiers shot a man in the foot.",
    ],
)
def test_harm_done_to_someone_arrested_is_an_attack_not_the_arrest_nor_a_clash(extractor, text):
    assert sub_event_types(extractor, text) == ["Attack"]


def test_a_raid_that_hurt_nobody_is_told_for_its_arrests(extractor):
    text = "On 4 May 2020, police detained three men during a raid in Jericho."
    assert sub_event_types(extractor, text) == ["Arrests"]


@pytest.mark.parametrize(
    "text",
    [
        "On 7 May 2020, about 50 residents barricaded the road with burning tyres in Khutsong.",
        "On 6 May 2020, a number of residents burned tires and blocked roads in Kati.",
    ],
)
def test_burning_tyres_is_a_violent_demonstration(extractor, text):
    assert sub_event_types(extractor, text) == ["Violent demonstration"]


def test_devices_diffused_are_disrupted_not_exploded(extractor):
    text = "On 4 May 2020, the army diffused 55 IEDs and seized 20 kg of TNT near Lakhdaria."
    assert sub_event_types(extractor, text) == ["Disrupted weapons use"]


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        (
            "On 3 May 2020, Cameroonian soldiers burnt motorcycles and looted a shop during a raid in Besi.",
            "Looting/property destruction",
        ),
        (
            "On 5 May 2020, police seized 3 tons of marijuana hidden in a truck. Two men were arrested.",
            "Looting/property destruction",
        ),
        ("On 3 May 2020, militiamen attacked Besi village and burnt ten houses.", "Attack"),
        ("On 3 May 2020, gunmen raided Besi village, killed two farmers and burnt ten houses.", "Attack"),
        ("On 3 May 2020, militants raided an army post in Besi and burnt it.", "Armed clash"),
    ],
)
def test_a_raid_that_only_destroyed_property_is_property_destruction(extractor, text, sub_event):
    assert sub_event_types(extractor, text) == [sub_event]


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2020, the Awami League and the Bangladesh Nationalist Party clashed in Bogra.",
        "On 3 May 2020, members of the Awami League clashed with members of the Bangladesh Nationalist "
        "Party in Bogra.",
    ],
)
def test_two_parties_fighting_are_mob_violence(extractor, text):
    assert sub_event_types(extractor, text) == ["Mob violence"]


@pytest.mark.parametrize(
    "text",
    [
        "On 3 May 2020, prisoners demonstrated in a prison in Lome after the death of a fellow prisoner.",
        "On 9 May 2020, protesters gathered outside the Seray in Tripoli and demanded the release of "
        "activists who were detained in recent demonstrations.",
    ],
)
def test_what_a_protest_is_about_does_not_make_it_violent_or_broken_up(extractor, text):
    assert sub_event_types(extractor, text) == ["Peaceful protest"]


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        ("On 3 May 2020, the army used artillery to bombard areas west of Rafah.",
         "Shelling/artillery/missile attack"),
        ("On 3 May 2020, the group claimed the firing of 3 Grad Missiles towards an army garrison.",
         "Shelling/artillery/missile attack"),
        ("On 29 April 2020, a missile was launched at a government building in Baalbek.",
         "Shelling/artillery/missile attack"),
        ("On 4 May 2020, a brief exchange of fire took place between two groups of soldiers in Wadajir.",
         "Armed clash"),
        ("On 3 May 2020, inter-clan violence erupted in Afdere, leaving at least five people dead.",
         "Armed clash"),
        ("On 29 April 2020, the families of prisoners held a sit-in in Baalbek.", "Peaceful protest"),
        ("On 7 May 2020, Israeli settlers uprooted 450 vine seedlings in the village of al Khadir.",
         "Looting/property destruction"),
        ("On 2 May 2020, Israeli settlers cut down 30 olive trees near Nablus.",
         "Looting/property destruction"),
        ("On 30 April 2020, soldiers found and destroyed a clandestine airstrip in Brus Laguna.",
         "Looting/property destruction"),
        ("On 30 April 2020, soldiers destroyed an arms depot of the rebels near Beni.",
         "Disrupted weapons use"),
        ("On 2 May 2020, rebels destroyed a bridge with explosives near Beni.",
         "Remote explosive/landmine/IED"),
        ("On 8 May 2020, a detainee died as a result of torture in a military prison in Sidnaya.", "Attack"),
        ("On 30 April 2020, soldiers forcibly disappeared a street vendor in Taizz.",
         "Abduction/forced disappearance"),
        ("On 30 April 2020, locals who violated the lockdown turned violent in Ferentari.", "Mob violence"),
    ],
)  # fmt: skip
def test_what_coders_code_is_read_as_an_event(extractor, text, sub_event):
    assert sub_event in sub_event_types(extractor, text)


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        ("On 8 May 2020, students held a demonstration in Madurai. Police clashed with the demonstrators.",
         "Violent demonstration"),
        ("On 8 May 2020, a demonstration was held in Batumi. There was a brawl between the demonstrators and "
         "the police.", "Violent demonstration"),
        ("On 8 May 2020, students marched in Madurai. Police fired tear gas at the protesters.",
         "Protest with intervention"),
        ("On 9 May 2020, contract workers engaged in mining staged a protest in Dhanbad, demanding wages.",
         "Peaceful protest"),
        ("On 6 May 2020, farmers gathered outside the office demanding support. The participants slaughtered "
         "a lamb outside the office as part of their protest.", "Peaceful protest"),
    ],
)  # fmt: skip
def test_a_protest_turns_violent_only_when_the_crowd_fights(extractor, text, sub_event):
    assert sub_event_types(extractor, text) == [sub_event]


def test_youth_attacking_a_suspect_are_a_mob(extractor):
    text = "On 1 May 2020, dozens of youth attacked a murder suspect and torched his house in Bugembe."
    assert sub_event_types(extractor, text) == ["Mob violence"]


def test_warning_shots_to_disperse_a_protest_are_an_intervention_not_a_fight(extractor):
    text = (
        "On 1 May 2020, more than 100 taxi drivers held a protest in Kuito. Protesters blocked the traffic "
        "for an hour. Police fired shots in the air to disperse the crowd."
    )
    assert sub_event_types(extractor, text) == ["Protest with intervention"]


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        ("On 1 May 2020, border guards fired warning shots in the air near Apkan village.", "Other"),
        ("On 5 May 2020, villagers accidentally stepped on a landmine near Samlout; it killed one.",
         "Other"),
        ("On 28 April 2020, gendarmes located 50 kilograms of explosives planted near Ogul, which they "
         "destroyed through a controlled explosion.", "Disrupted weapons use"),
        ("On 2 May 2020, soldiers seized a large area of Palestinian-owned land in the village of Azzun.",
         "Looting/property destruction"),
        ("On 4 May 2020, militants fired several rounds in the air and looted supplies in Nangade village.",
         None),
    ],
)  # fmt: skip
def test_what_is_no_attack_of_its_own(extractor, text, sub_event):
    found = sub_event_types(extractor, text)
    assert sub_event in found if sub_event else "Air/drone strike" not in found


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        ("On 4 May 2020, police officers clashed with two armed men in Cadereyta, who were arrested.",
         "Armed clash"),
        ("On 5 May 2020, the militia ran an operation against IS in Waqf, leaving 2 IS militants dead.",
         "Armed clash"),
        ("On 30 April 2020, a clash between the TCP and CV groups took place in Cidade Alta.", "Armed clash"),
        ("On 7 May 2020, militias from Umumubu and Omor clashed over land. 300 people were reported injured.",
         "Armed clash"),
    ],
)  # fmt: skip
def test_a_fight_of_organised_sides_stays_a_battle(extractor, text, sub_event):
    assert sub_event_types(extractor, text) == [sub_event]


@pytest.mark.parametrize(
    "text",
    [
        "On 1 May 2020, participants at a town-hall meeting in Aquila demanded the closure of the dump.",
        "On 1 May 2020, members of indigenous communities exchanged crafts for food in Cuauhtemoc and "
        "demanded financial support from the government.",
    ],
)
def test_a_crowd_that_demands_is_a_protest(extractor, text):
    assert sub_event_types(extractor, text) == ["Peaceful protest"]


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        ("On 5 May 2020, the SDF arrested a number of young men in Raqqa on charges of joining IS.",
         "Abduction/forced disappearance"),
        ("On 5 May 2020, police arrested several young men in Raqqa on charges of joining IS.", "Arrests"),
        ("On 2 May 2020, the governor closed the border and instituted a curfew starting at midnight.",
         "Change to group/activity"),
        ("On 1 May 2020, a man was found dead on the road to Ojo de Agua. The body was burned.", "Attack"),
        ("On 8 May 2020, more than 30 villagers set alight four suspected cattle thieves near Kisii.",
         "Mob violence"),
    ],
)  # fmt: skip
def test_who_does_it_and_to_what_decide_the_type(extractor, text, sub_event):
    assert sub_event_types(extractor, text) == [sub_event]


def test_arrests_by_a_de_facto_state_stay_arrests(extractor):
    text = "On 28 April 2020, Houthi security forces arrested 56 aid workers in Al Hudaydah city."
    assert sub_event_types(extractor, text) == ["Arrests"]


def test_a_crowd_that_kills_someone_by_setting_him_on_fire_is_a_mob(extractor):
    text = "On 4 May 2020, a group of local people killed a man by setting him on fire in Uvira."
    assert sub_event_types(extractor, text) == ["Mob violence"]


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        # "bombed" is an air strike only when aircraft or a state's forces do it
        ("On 3 May 2020, the office of a party was bombed in Tuzla.", "Remote explosive/landmine/IED"),
        ("On 3 May 2020, unknown assailants bombed a church in Kaduna.", "Remote explosive/landmine/IED"),
        ("On 3 May 2020, warplanes bombed a market in Maarrat al-Numan.", "Air/drone strike"),
        ("On 3 May 2020, the coalition bombed a bridge near Hajjah.", "Air/drone strike"),
    ],
)
def test_what_was_bombed_from_the_air_and_by_a_planted_bomb(extractor, text: str, sub_event: str) -> None:
    assert sub_event_types(extractor, text)[:1] == [sub_event]


def test_blasting_a_building_is_a_bomb_and_blasting_a_government_is_words(extractor) -> None:
    bomb = "On 3 May 2020, rebels blasted the house of a village headman in Gaya."
    assert sub_event_types(extractor, bomb) == ["Remote explosive/landmine/IED"]
    words = "On 3 May 2020, the opposition leader blasted the government in Gaya."
    assert sub_event_types(extractor, words) == []
