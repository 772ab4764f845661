"""GTD's coding of attacks on the events of real sentences (the whole pipeline, as a user runs it)."""

from __future__ import annotations

import pytest

from dateline.events.gtd import GTD_FIELDS, GtdCoder, GtdLexicon
from dateline.records import Event

PUBLISHED = "2021-03-01"


def _incident(extractor, text: str) -> Event:
    """The event the incident scorers pick: most killed and injured, else the first violent one."""
    record = extractor.extract_text(text, published=PUBLISHED)
    assert record.events, f"no event read from {text!r}"

    def hurt(e: Event) -> float:
        return sum(q.best or q.low or 0 for q in (e.fatalities, e.injured) if q is not None)

    heaviest = max(record.events, key=hurt)
    if hurt(heaviest) > 0:
        return heaviest
    return next((e for e in record.events if e.gtd_attack_type), record.events[0])


@pytest.mark.parametrize(
    ("text", "attack", "target", "weapon"),
    [
        (
            "Gunmen kidnapped two engineers working for a construction company near Kaduna on Tuesday.",
            "Hostage Taking (Kidnapping)", "Business", "Firearms",
        ),
        (
            "A car bomb exploded outside a police station in Mogadishu on Sunday, killing five officers.",
            "Bombing/Explosion", "Police", "Explosives",
        ),
        (
            "Gunmen shot dead the deputy mayor of Tepic on Monday.",
            "Assassination", "Government (General)", "Firearms",
        ),
        (
            "Militants attacked an army post near Gao, killing two soldiers.",
            "Armed Assault", "Military", "Firearms",
        ),
        (
            "Attackers stormed a market in Maroua and stole money and food. No one was hurt.",
            "Facility/Infrastructure Attack", "Business", "Incendiary",
        ),
        (
            "A man threw a petrol bomb at the town hall of Larissa overnight, damaging the entrance. "
            "No one was injured.",
            "Facility/Infrastructure Attack", "Government (General)", "Incendiary",
        ),
    ],
)  # fmt: skip
def test_attack_target_and_weapon_types(extractor, text, attack, target, weapon):
    event = _incident(extractor, text)
    assert (event.gtd_attack_type, event.gtd_target_type, event.gtd_weapon_type) == (attack, target, weapon)


def test_suicide_bombing_claimed_and_successful(extractor):
    event = _incident(
        extractor,
        "A suicide bomber blew himself up at a market in Maiduguri, killing 12 people. "
        "Boko Haram claimed responsibility for the attack.",
    )
    assert event.gtd_attack_type == "Bombing/Explosion"
    assert event.gtd_suicide is True
    assert event.gtd_claimed is True
    assert event.gtd_success is True


def test_no_claim_is_false_and_silence_is_null(extractor):
    said = _incident(
        extractor, "Gunmen shot dead a farmer near Jos. No group claimed responsibility for the attack."
    )
    assert said.gtd_claimed is False
    silent = _incident(extractor, "Gunmen shot dead a farmer near Jos on Monday.")
    assert silent.gtd_claimed is None
    assert silent.gtd_target_type == "Private Citizens & Property"


def test_a_defused_bomb_is_a_failed_bombing(extractor):
    event = _incident(extractor, "Police defused a bomb planted near a school in Peshawar on Friday.")
    assert event.gtd_attack_type == "Bombing/Explosion"
    assert event.gtd_success is False
    assert event.gtd_target_type == "Educational Institution"


def test_attackers_share_of_the_dead(extractor):
    event = _incident(
        extractor,
        "Two soldiers and three assailants were killed in an attack on an army checkpoint near Gao.",
    )
    assert event.fatalities is not None and event.fatalities.best == 5
    assert event.fatalities_perpetrators is not None
    assert event.fatalities_perpetrators.best == 3
    assert event.fatalities_perpetrators.text == "three assailants"
    assert event.injured_perpetrators is None


def test_events_that_are_not_attacks_have_no_gtd_coding(extractor):
    record = extractor.extract_text(
        "Hundreds of teachers protested in Nairobi on Monday. Police arrested two organisers.",
        published=PUBLISHED,
    )
    assert record.events
    for event in record.events:
        assert all(getattr(event, name) is None for name in GTD_FIELDS), event


def test_gtd_fields_are_in_the_record_after_the_older_ones(extractor):
    record = extractor.extract_text("Gunmen shot dead a farmer near Jos on Monday.", published=PUBLISHED)
    keys = list(record.events[0].to_dict())
    assert keys[
        keys.index("responsibility") + 1 : keys.index("responsibility") + 1 + len(GTD_FIELDS)
    ] == list(GTD_FIELDS)


def test_shipped_lexicon_names_only_gtd_types():
    data = GtdLexicon.default().data
    attacks = {
        "Assassination", "Armed Assault", "Bombing/Explosion", "Hijacking",
        "Hostage Taking (Barricade Incident)", "Hostage Taking (Kidnapping)",
        "Facility/Infrastructure Attack", "Unarmed Assault", "Unknown",
    }  # fmt: skip
    assert {v for v in data["attack_event_types"].values() if v} <= attacks
    assert set(data["weapon_order"]) <= attacks
    coder = GtdCoder()
    names = [name for name, _ in coder.target_types]
    assert len(names) == len(set(names)) and "Private Citizens & Property" in names


def test_an_attack_on_an_armed_target_that_names_no_weapon_and_hurts_nobody_is_of_unknown_type(
    extractor,
) -> None:
    unknown = _incident(extractor, "Assailants attacked an army outpost near Beni, North Kivu, on Sunday.")
    assert unknown.gtd_attack_type == "Unknown"
    shot = _incident(extractor, "Assailants opened fire on an army outpost near Beni, North Kivu, on Sunday.")
    assert shot.gtd_attack_type == "Armed Assault"
    deadly = _incident(
        extractor,
        "Assailants attacked an army outpost near Beni, North Kivu, on Sunday, killing two soldiers.",
    )
    assert deadly.gtd_attack_type == "Armed Assault"


def test_killing_an_official_named_before_his_title_is_an_assassination(extractor) -> None:
    for text in (
        "Assailants shot and killed Ahmed Nur, the Hodan district commissioner, in Mogadishu on Sunday.",
        "Assailants shot and killed a local council member in Deir ez-Zor on Sunday.",
    ):
        assert _incident(extractor, text).gtd_attack_type == "Assassination", text
    assert _incident(
        extractor, "Assailants shot and killed two farmers in Zamfara on Sunday."
    ).gtd_attack_type == ("Armed Assault")


def test_grenades_thrown_with_gunfire_make_an_armed_assault(extractor) -> None:
    mixed = _incident(extractor, "Assailants threw a grenade and opened fire on police in Shopian on Sunday.")
    assert mixed.gtd_attack_type == "Armed Assault"
    grenade = _incident(extractor, "Militants threw a grenade at a police station in Srinagar on Sunday.")
    assert grenade.gtd_attack_type == "Bombing/Explosion"
    bomb = _incident(
        extractor, "A car bomb exploded and gunmen opened fire on survivors in Mogadishu on Sunday."
    )
    assert bomb.gtd_attack_type == "Bombing/Explosion"


def test_a_title_that_begins_a_place_name_is_no_prominent_role(extractor) -> None:
    for text in (
        "A roadside bomb hit an army patrol in Sheikh Zuweid, North Sinai, killing one soldier.",
        "Houthi drones targeted King Fahd Air Base near Khamis Mushayt on Monday.",
        "Gunmen opened fire on a police checkpoint in Imam Hamza, Diyala, wounding one officer.",
    ):
        assert _incident(extractor, text).gtd_attack_type != "Assassination", text
    cleric = _incident(extractor, "Gunmen shot dead Sheikh Ahmed Ali, a cleric, in Mogadishu on Monday.")
    assert cleric.gtd_attack_type == "Assassination"


def test_a_role_told_later_in_apposition_to_the_targets_name_makes_an_assassination(extractor) -> None:
    official = _incident(
        extractor,
        "Gunmen opened fire on Daniel Mensah in Tamale on Monday. "
        "Mensah, a district administrator, was killed in the attack.",
    )
    assert official.gtd_attack_type == "Assassination"
    bomb = _incident(
        extractor,
        "A bomb targeting the car of Yusuf Warsame exploded in Kismayo on Monday. "
        "Warsame, a regional minister, was wounded in the blast.",
    )
    assert bomb.gtd_attack_type == "Assassination"
    trader = _incident(
        extractor,
        "Gunmen opened fire on Daniel Mensah in Tamale on Monday. "
        "Mensah, a trader, was killed in the attack.",
    )
    assert trader.gtd_attack_type == "Armed Assault"


def test_a_beheading_is_a_hostage_taking(extractor) -> None:
    event = _incident(extractor, "Militants beheaded two farmers near Mocimboa da Praia on Sunday.")
    assert event.gtd_attack_type == "Hostage Taking (Kidnapping)"


def test_an_officials_house_set_on_fire_with_nobody_hurt_is_a_facility_attack(extractor) -> None:
    event = _incident(
        extractor,
        "Assailants set fire to the house of a judge in Temuco on Sunday. No one was hurt in the attack.",
    )
    assert event.gtd_attack_type == "Facility/Infrastructure Attack"


def test_a_relative_or_aide_of_an_official_is_not_the_prominent_target(extractor) -> None:
    for text in (
        "Gunmen shot and killed the brother of the mayor in Tepic on Monday.",
        "Gunmen shot and killed Peter Kamau, an aide to the governor, in Nakuru on Monday.",
    ):
        assert _incident(extractor, text).gtd_attack_type == "Armed Assault", text


def test_the_noun_assault_names_any_attack_the_verb_a_bodily_one(extractor) -> None:
    raid = _incident(
        extractor,
        "Assailants attacked a village near Wukari on Sunday. Five farmers were killed in the assault.",
    )
    assert raid.gtd_attack_type == "Armed Assault"
    beaten = _incident(extractor, "A man assaulted two teenagers in Brooklyn on Sunday, injuring both.")
    assert beaten.gtd_attack_type == "Unarmed Assault"


def test_an_officer_killed_in_an_attack_on_a_security_unit_is_no_assassination(extractor) -> None:
    for text in (
        "Militants attacked an army post near Gao. A captain was killed in the attack.",
        "Assailants attacked a police patrol near Warri, Delta, Nigeria. One inspector was killed and "
        "two others were injured in the attack.",
    ):
        assert _incident(extractor, text).gtd_attack_type == "Armed Assault", text
    aimed = _incident(extractor, "Gunmen shot dead a police inspector near Warri on Sunday.")
    assert aimed.gtd_attack_type == "Assassination"


def test_a_petrol_bomb_thrown_at_a_security_post_is_an_armed_assault_at_its_car_a_facility_attack(
    extractor,
) -> None:
    post = _incident(
        extractor, "Youths threw a petrol bomb at a police station in Srinagar on Sunday. No one was hurt."
    )
    assert post.gtd_attack_type == "Armed Assault"
    car = _incident(
        extractor, "Youths threw a petrol bomb at a police car in Belfast on Sunday. No one was hurt."
    )
    assert car.gtd_attack_type == "Facility/Infrastructure Attack"


def test_houses_burned_where_people_were_killed_is_an_armed_assault(extractor) -> None:
    event = _incident(extractor, "Assailants burned homes in Beni on Sunday, killing three villagers.")
    assert event.gtd_attack_type == "Armed Assault"


def test_an_attack_on_infrastructure_that_hurts_nobody_is_a_facility_attack(extractor) -> None:
    for text in (
        "Assailants attacked a power line near Mekele on Sunday. No casualties were reported.",
        "Maoists derailed a goods train near Dantewada on Sunday. No one was hurt in the attack.",
    ):
        event = _incident(extractor, text)
        assert event.gtd_attack_type == "Facility/Infrastructure Attack", text
    police = _incident(
        extractor, "Assailants opened fire on a police substation in Ercilla on Sunday. No one was hurt."
    )
    assert police.gtd_attack_type == "Armed Assault"


def test_an_arrest_with_explosives_is_a_foiled_bombing_only_where_no_attack_is_told(extractor) -> None:
    foiled = _incident(
        extractor, "Police arrested a man carrying explosives near the railway station in Diphu on Sunday."
    )
    assert foiled.gtd_attack_type == "Bombing/Explosion"
    assert foiled.gtd_success is False
    record = extractor.extract_text(
        "A bomb exploded at a market in Maiduguri on Sunday, killing five people. "
        "Police later arrested two men carrying explosives.",
        published=PUBLISHED,
    )
    coded = [e for e in record.events if e.gtd_attack_type is not None]
    assert [e.type for e in coded] == ["explosion"]


def test_hostages_held_where_they_were_seized_make_a_barricade_incident(extractor) -> None:
    held = _incident(
        extractor,
        "Gunmen stormed a bar in Babadjou on Monday. Several customers were held hostage during the attack.",
    )
    assert held.gtd_attack_type == "Hostage Taking (Barricade Incident)"
    taken = _incident(extractor, "Gunmen kidnapped three teachers from a school in Kaduna on Monday.")
    assert taken.gtd_attack_type == "Hostage Taking (Kidnapping)"


def test_rockets_fired_at_a_place_make_a_bombing_gunfire_with_them_an_armed_assault(extractor) -> None:
    rockets = _incident(
        extractor,
        "Militants fired a rocket that hit a house in Sderot on Monday. Dozens of rockets were fired at "
        "the town that day.",
    )
    assert rockets.gtd_attack_type == "Bombing/Explosion"
    mixed = _incident(
        extractor, "Assailants fired mortars and then opened fire on a police station in Tadjourah on Monday."
    )
    assert mixed.gtd_attack_type == "Armed Assault"


def test_bombs_thrown_with_gunfire_make_an_armed_assault_fireworks_a_bombing(extractor) -> None:
    thrown = _incident(
        extractor, "Assailants threw explosive devices and opened fire on a police station in Awka on Monday."
    )
    assert thrown.gtd_attack_type == "Armed Assault"
    arms = _incident(
        extractor, "Assailants armed with small arms attacked a police post near Kurin on Monday."
    )
    assert arms.gtd_attack_type == "Armed Assault"
    fireworks = _incident(
        extractor, "Youths threw fireworks at a house in Belfast on Monday. No one was hurt in the attack."
    )
    assert fireworks.gtd_attack_type == "Bombing/Explosion"


def test_a_member_of_a_governing_body_or_a_traditional_leader_is_prominent(extractor) -> None:
    for text in (
        "Gunmen shot and killed Sipho Dlamini, a member of the Msunduzi municipal council, in "
        "Pietermaritzburg on Monday.",
        "Gunmen opened fire on Themba Zulu at his home near Eshowe on Monday. Zulu, an induna, was killed "
        "in the attack.",
    ):
        assert _incident(extractor, text).gtd_attack_type == "Assassination", text
    member = _incident(
        extractor,
        "Gunmen shot and killed Sipho Dlamini, a member of a local football club, in Durban on Monday.",
    )
    assert member.gtd_attack_type == "Armed Assault"


def test_the_fire_of_opened_fire_is_no_target(extractor) -> None:
    for text, target in (
        (
            "Gunmen opened fire on the divisional police headquarters in Ikeja, Lagos, Nigeria. A police "
            "inspector was killed in the shootout.",
            "Police",
        ),
        (
            "Separatists opened fire on an army checkpoint in Bamenda, North-West, Cameroon. A captain was "
            "killed in the exchange of fire.",
            "Military",
        ),
    ):
        event = _incident(extractor, text)
        assert (event.gtd_attack_type, event.gtd_target_type) == ("Armed Assault", target), text
