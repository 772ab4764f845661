"""One incident, one ACLED-coded event: what a short incident report yields, on the real pipeline.

Each text is written for these tests in the register of coded incident notes; each asserts how many
ACLED-coded events come out and their types.
"""

from __future__ import annotations

from dateline.records import Event, Record


def coded(record: Record) -> list[Event]:
    return [e for e in record.events if e.acled_event_type]


def read(extractor, text: str) -> list[Event]:
    return coded(extractor.extract_text(text, published="2021-06-10"))


def test_a_protest_dispersed_with_arrests_is_one_protest_with_intervention(extractor) -> None:
    (event,) = read(
        extractor,
        "On 8 June 2021, about 80 nurses demonstrated outside the regional hospital in Valparaiso "
        "over unpaid wages. Police dispersed the crowd and arrested four nurses.",
    )
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Protests", "Protest with intervention")
    assert len(event.evidence) == 2


def test_demonstrators_burning_tyres_make_one_violent_demonstration(extractor) -> None:
    (event,) = read(
        extractor,
        "On 8 June 2021, residents demonstrated in Kasserine against water cuts. They blocked the "
        "main road and burned tyres.",
    )
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Riots", "Violent demonstration")


def test_a_kill_clause_belongs_to_the_clash_it_ends(extractor) -> None:
    (event,) = read(
        extractor,
        "On 8 June 2021, troops exchanged fire with rebels near Beni, in which three soldiers were killed.",
    )
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Battles", "Armed clash")
    assert event.fatalities is not None and event.fatalities.best == 3


def test_people_fleeing_after_fighting_stay_a_movement_but_no_second_acled_row(extractor) -> None:
    record = extractor.extract_text(
        "On 8 June 2021, soldiers clashed with militants in Palma. Hundreds of families fled to Pemba "
        "after the fighting.",
        published="2021-06-10",
    )
    (event,) = coded(record)
    assert event.acled_sub_event_type == "Armed clash"
    assert any(e.type == "movement" and e.acled_event_type is None for e in record.events)


def test_the_weapons_fired_at_positions_decide_clash_or_shelling(extractor) -> None:
    (light,) = read(
        extractor,
        "On 8 June 2021, government forces fired heavy machine guns and small arms at rebel positions "
        "near Marinka.",
    )
    assert (light.acled_event_type, light.acled_sub_event_type) == ("Battles", "Armed clash")
    (heavy,) = read(
        extractor, "On 8 June 2021, rebel forces fired 120mm mortars at army positions near Marinka."
    )
    assert heavy.acled_sub_event_type == "Shelling/artillery/missile attack"


def test_bombs_found_in_a_search_are_no_bombing(extractor) -> None:
    events = read(
        extractor,
        "On 8 June 2021, police recovered two bombs and a rifle from a house in Imphal.",
    )
    assert [e.acled_sub_event_type for e in events] == ["Disrupted weapons use"]


def test_a_month_name_is_no_march(extractor) -> None:
    record = extractor.extract_text(
        "Nearly 300 families crossed from Pakistan into Afghanistan in March, officials said.",
        published="2021-06-10",
    )
    assert not [e for e in record.events if e.type == "protest"]


def test_violence_by_a_crowd_is_mob_violence(extractor) -> None:
    for text in (
        "On 8 June 2021, villagers lynched a man accused of stealing a goat near Jalpaiguri, West Bengal.",
        "On 8 June 2021, a crowd of local residents threw stones at police at a checkpoint in Nashik.",
        "On 8 June 2021, a bus conductor was beaten up by three persons at a market in Ranchi.",
    ):
        (event,) = read(extractor, text)
        assert (event.acled_event_type, event.acled_sub_event_type) == ("Riots", "Mob violence"), text


def test_attackers_named_as_armed_are_no_mob(extractor) -> None:
    (event,) = read(extractor, "On 8 June 2021, gunmen shot dead two villagers in Zamfara, Nigeria.")
    assert event.acled_event_type == "Violence against civilians"


def test_the_weapons_decide_between_shelling_and_an_armed_clash(extractor) -> None:
    (clash,) = read(
        extractor,
        "On 8 June 2021, the separatists fired mortars, grenade launchers and small arms at army "
        "positions near Marinka, Donetsk.",
    )
    assert clash.acled_sub_event_type == "Armed clash"
    (shelling,) = read(
        extractor,
        "On 8 June 2021, the separatists fired grenade launchers at army positions near Marinka, Donetsk.",
    )
    assert shelling.acled_sub_event_type == "Shelling/artillery/missile attack"


def test_bombing_by_a_militant_group_is_no_air_strike(extractor) -> None:
    (event,) = read(extractor, "On 8 June 2021, ULFA militants bombed a gas pipeline in Tinsukia, Assam.")
    assert event.acled_sub_event_type == "Remote explosive/landmine/IED"
    (strike,) = read(extractor, "On 8 June 2021, Russian warplanes bombed a market in Idlib.")
    assert strike.acled_sub_event_type == "Air/drone strike"


def test_arson_and_hijacking_are_events(extractor) -> None:
    (arson,) = read(extractor, "On 8 June 2021, militants set fire to a school in Pulwama, Kashmir.")
    assert arson.acled_sub_event_type == "Looting/property destruction"
    (hijack,) = read(
        extractor, "On 8 June 2021, gunmen hijacked a bus carrying 30 passengers near Gao, Mali."
    )
    assert hijack.acled_sub_event_type == "Abduction/forced disappearance"
    assert hijack.gtd_attack_type == "Hijacking"


def test_a_statement_about_a_kind_of_attack_is_no_incident(extractor) -> None:
    assert read(extractor, "Attacks on police are frequent in Iraq. Rocket attacks have become common.") == []


def test_words_of_a_group_name_are_no_triggers(extractor) -> None:
    record = extractor.extract_text(
        "The Mujahideen Shura Council said it would hold elections in Derna.", published="2021-06-10"
    )
    assert "meeting" not in [e.type for e in record.events if e.trigger and e.trigger.text == "Shura"]


def test_a_protest_against_a_foreign_currency_happens_where_it_happens(extractor) -> None:
    record = extractor.extract_text(
        "On 8 June 2021, protesters demonstrating against the US dollar exchange rate blocked a road "
        "in Beirut.",
        published="2021-06-10",
    )
    (event,) = coded(record)
    place = next(p for p in record.places if p.id == event.place)
    assert place.country_code == "LB"


def test_forces_moving_or_patrolling_change_their_activity(extractor) -> None:
    for text in (
        "On 8 June 2021, Turkish forces sent reinforcements to their positions near Idlib.",
        "On 8 June 2021, Russian military police conducted a joint patrol near Qamishli.",
    ):
        (event,) = read(extractor, text)
        assert event.acled_sub_event_type == "Change to group/activity", text


def test_people_fleeing_are_no_change_to_a_group(extractor) -> None:
    record = extractor.extract_text(
        "On 8 June 2021, hundreds of families fled from Palma to Pemba.", published="2021-06-10"
    )
    assert "Change to group/activity" not in [e.acled_sub_event_type for e in record.events]


def test_a_crowd_clashing_with_police_is_mob_violence(extractor) -> None:
    (event,) = read(extractor, "On 8 June 2021, farm workers clashed with police near Nashik, Maharashtra.")
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Riots", "Mob violence")


def test_a_body_found_is_an_attack(extractor) -> None:
    (event,) = read(
        extractor, "On 8 June 2021, in Celaya, Guanajuato, a man was found dead with gunshot wounds."
    )
    assert event.acled_sub_event_type == "Attack"
    assert event.fatalities is not None and event.fatalities.best == 1


def test_gathering_to_demand_is_a_protest(extractor) -> None:
    for text in (
        "On 8 June 2021, taxi drivers gathered outside the town hall in Puebla to demand lower fuel prices.",
        "On 8 June 2021, residents blocked the road to Oaxaca complaining about water cuts.",
    ):
        (event,) = read(extractor, text)
        assert event.acled_event_type == "Protests", text


def test_going_on_strike_is_no_attack(extractor) -> None:
    (event,) = read(
        extractor,
        "On 8 June 2021, nurses staged a protest and went on strike in Lucknow demanding higher pay.",
    )
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Protests", "Peaceful protest")


def test_what_an_incident_came_after_is_its_background(extractor) -> None:
    (event,) = read(
        extractor,
        "On 8 June 2021, militants attacked a checkpoint in Kunar, killing two soldiers. The attack "
        "came after troops killed a militant commander in the area.",
    )
    assert event.acled_event_type == "Battles"
    assert event.fatalities is not None and event.fatalities.best == 2
    assert "military-forces-of-afghanistan" not in event.actors[:1]
    (protest,) = read(
        extractor,
        "On 8 June 2021, residents held a pot-banging protest in Rosario. This event happened because "
        "of a court ruling, after inmates rioted in two prisons.",
    )
    assert protest.acled_sub_event_type == "Peaceful protest"


def test_unknown_or_armed_attackers_are_no_crowd(extractor) -> None:
    for text in (
        "On 8 June 2021, opposition supporters were assaulted by unknown people in Zomba.",
        "On 8 June 2021, men in a car opened fire on a house in Ponce in a drive-by shooting.",
    ):
        (event,) = read(extractor, text)
        assert event.acled_event_type == "Violence against civilians", text
    (mob,) = read(extractor, "On 8 June 2021, a group of villagers attacked a forest guard near Bhopal.")
    assert mob.acled_sub_event_type == "Mob violence"


def test_the_toll_of_the_attack_is_the_toll_of_the_incident_it_refers_to(extractor) -> None:
    (event,) = read(
        extractor,
        "On 8 June 2021, an explosive device detonated near an army patrol outside Bamenda. At least "
        "three soldiers were killed in the attack.",
    )
    assert event.acled_sub_event_type == "Remote explosive/landmine/IED"
    assert event.fatalities is not None and event.fatalities.best == 3


def test_a_kidnapped_person_found_dead_later_is_one_incident(extractor) -> None:
    record = extractor.extract_text(
        "06/02/2021: Assailants kidnapped Jorge Ramirez, a local councillor, in Suarez, Cauca, "
        "Colombia. Ramirez was killed and his body was found on June 4, 2021.",
        published="2021-06-10",
    )
    (event,) = coded(record)
    assert event.acled_sub_event_type == "Abduction/forced disappearance"
    assert event.gtd_attack_type == "Hostage Taking (Kidnapping)"
    assert event.fatalities is not None and event.fatalities.best == 1
    assert event.date is not None and event.date.start == "2021-06-02"  # the heading's date


def test_police_breaking_up_a_protest_later_in_the_paragraph_is_an_intervention(extractor) -> None:
    (event,) = read(
        extractor,
        "On 8 June 2021, bus drivers held a protest in Guntur demanding unpaid wages. Police dispersed "
        "them with a lathi charge.",
    )
    assert event.acled_sub_event_type == "Protest with intervention"


def test_stones_thrown_at_a_demonstration_make_it_violent(extractor) -> None:
    (event,) = read(
        extractor,
        "On 8 June 2021, residents demonstrated against water cuts in Kiffa and threw stones at police.",
    )
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Riots", "Violent demonstration")


def test_an_arson_attack_that_hurts_nobody_destroys_property(extractor) -> None:
    (event,) = read(extractor, "On 8 June 2021, arsonists carried out an arson attack on a factory in Izmir.")
    assert event.acled_sub_event_type == "Looting/property destruction"
    (deadly,) = read(extractor, "On 8 June 2021, an arson attack on a house in Kaduna killed three people.")
    assert deadly.acled_sub_event_type == "Attack"


def test_shooting_back_makes_an_exchange_of_fire_a_clash(extractor) -> None:
    (event,) = read(
        extractor,
        "On 8 June 2021, armed men opened fire on a police patrol in Soyapango and the officers shot back.",
    )
    assert event.acled_sub_event_type == "Armed clash"


def test_a_group_named_like_a_town_is_the_group_not_the_place_of_the_event(extractor) -> None:
    record = extractor.extract_text(
        "05/15/2021: Assailants fired a rocket that struck buildings in Yavne, Israel. No group claimed "
        "responsibility for the incident; however, sources attributed the attack to Hamas.",
        published="2021-05-16",
    )
    (event,) = coded(record)
    assert event.actors[0] == "hamas"
    place = next(p for p in record.places if p.id == event.place)
    assert place.country_code == "IL"


def test_road_blockades_and_motorcades_with_demands_are_protests(extractor) -> None:
    for text in (
        "On 8 June 2021, villagers staged a road blockade near Agartala demanding a new bridge.",
        "On 8 June 2021, traders held a motorcade in Curitiba to demand that shops reopen.",
    ):
        (event,) = read(extractor, text)
        assert event.acled_event_type == "Protests", text
    record = extractor.extract_text("Israel maintained its blockade of Gaza.", published="2021-06-10")
    assert "Protests" not in [e.acled_event_type for e in record.events]


def test_snipers_firing_at_positions_are_a_clash(extractor) -> None:
    (event,) = read(
        extractor,
        "On 8 June 2021, the separatists fired sniper rifles at army positions near Avdiivka, Donetsk.",
    )
    assert event.acled_sub_event_type == "Armed clash"


def test_what_monitors_observed_beside_an_incident_is_its_trace(extractor) -> None:
    (event,) = read(
        extractor,
        "On 8 June 2021, the separatists fired machine guns at army positions near Marinka, Donetsk. "
        "The OSCE SMM observed a total of 19 explosions near Marinka.",
    )
    assert event.acled_event_type == "Battles"
    (alone,) = read(extractor, "On 8 June 2021, the OSCE SMM observed a total of 4 explosions near Zolote.")
    assert alone.acled_event_type == "Explosions/Remote violence"


def test_rape_molotov_cocktails_and_gatherings_in_rejection_are_events(extractor) -> None:
    (rape,) = read(extractor, "On 8 June 2021, two women were raped by CODECO militiamen in Djugu, Ituri.")
    assert rape.acled_sub_event_type == "Sexual violence"
    (molotov,) = read(extractor, "On 8 June 2021, two men threw Molotov cocktails at a store in Veracruz.")
    assert molotov.acled_sub_event_type == "Looting/property destruction"
    (gathering,) = read(
        extractor,
        "On 8 June 2021, residents gathered outside a hotel in Zahle and voiced their rejection of a "
        "quarantine.",
    )
    assert gathering.acled_event_type == "Protests"


def test_an_encounter_with_militants_is_a_clash(extractor) -> None:
    (event,) = read(
        extractor,
        "On 8 June 2021, security forces killed two militants in an encounter in Shopian district, Kashmir.",
    )
    assert event.acled_sub_event_type == "Armed clash"
    record = extractor.extract_text(
        "She had a chance encounter with the minister in Delhi.", published="2021-06-10"
    )
    assert coded(record) == []


def test_drones_shot_down_and_bombs_detonated_by_police_are_disrupted_weapons(extractor) -> None:
    for text in (
        "On 8 June 2021, army air defences shot down two drones over Marib.",
        "On 8 June 2021, police detonated a bomb found outside a mosque in Makassar.",
    ):
        (event,) = read(extractor, text)
        assert event.acled_sub_event_type == "Disrupted weapons use", text


def test_attacks_with_sticks_and_stones_are_mob_violence(extractor) -> None:
    for text in (
        "On 8 June 2021, a crowd attacked two police officers with sticks and stones in Cartagena.",
        "On 8 June 2021, villagers stoned a forest guard near Ndhiwa.",
    ):
        (event,) = read(extractor, text)
        assert (event.acled_event_type, event.acled_sub_event_type) == ("Riots", "Mob violence"), text
    (clash,) = read(
        extractor, "On 8 June 2021, militants attacked a checkpoint in Kunar with stones and guns."
    )
    assert clash.acled_event_type == "Battles"


def test_a_police_raid_that_hurt_nobody_is_told_for_its_arrests(extractor) -> None:
    record = extractor.extract_text(
        "Police in Diffa arrested 12 suspected Boko Haram members on Tuesday. The suspects were detained "
        "during a raid on a market. The arrests followed an attack on a camp last month.",
        published="2024-09-05",
    )
    (event,) = coded(record)
    assert event.acled_sub_event_type == "Arrests"


def test_a_participle_with_an_object_is_no_passive(extractor) -> None:
    (event,) = read(extractor, "On 8 June 2021, ADF rebels killed 36 people in a village near Beni.")
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Violence against civilians", "Attack")


def test_a_victim_told_later_to_be_in_a_gang_makes_the_killing_a_clash(extractor) -> None:
    (armed,) = read(
        extractor,
        "On 6 June 2021, in Fortaleza, Ceara, a man was shot dead by two armed men. The victim was a "
        "member of a gang and had a criminal record.",
    )
    assert (armed.acled_event_type, armed.acled_sub_event_type) == ("Battles", "Armed clash")
    (unarmed,) = read(
        extractor,
        "On 6 June 2021, in Fortaleza, Ceara, a man was shot dead by two armed men. The victim was a "
        "street vendor.",
    )
    assert (unarmed.acled_event_type, unarmed.acled_sub_event_type) == (
        "Violence against civilians",
        "Attack",
    )


def test_an_acronym_read_as_a_verb_leaves_the_attack_active(extractor) -> None:
    """ "IS militants attacked ...": the parser reads "IS" as a passive auxiliary; the verb still has
    an active subject and an object, so the checkpoint is what was attacked (a battle)."""
    (event,) = read(
        extractor,
        "On 8 June 2021, IS militants attacked Iraqi forces in Makhmur district.",
    )
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Battles", "Armed clash")
    assert event.targets == ("military-forces-of-iraq",)


def test_a_crowd_setting_fire_riots(extractor) -> None:
    """Property set on fire by a crowd is a riot (ACLED), violent demonstration when it demands
    something; by soldiers it stays property destruction."""
    (mob,) = read(extractor, "On 6 June 2021, a group of villagers set fire to a health post in Kisumu.")
    assert (mob.acled_event_type, mob.acled_sub_event_type) == ("Riots", "Mob violence")
    (demo,) = read(
        extractor,
        "On 6 June 2021, in Kisumu, residents built barricades and set them on fire to demand water.",
    )
    assert (demo.acled_event_type, demo.acled_sub_event_type) == ("Riots", "Violent demonstration")
    (troops,) = read(extractor, "On 6 June 2021, soldiers set fire to a health post in Kisumu.")
    assert troops.acled_sub_event_type == "Looting/property destruction"


def test_an_event_named_after_after_is_an_earlier_one_but_a_gerund_is_the_same(extractor) -> None:
    (protest,) = read(
        extractor,
        "On 6 June 2021, residents demonstrated in Kara to call for justice after the assassination of an "
        "army officer from the region.",
    )
    assert (protest.acled_event_type, protest.acled_sub_event_type) == ("Protests", "Peaceful protest")
    (clash,) = read(
        extractor,
        "On 6 June 2021, in Belo Horizonte, two drug traffickers were killed after exchanging fire with "
        "military police forces during an operation.",
    )
    assert (clash.acled_event_type, clash.acled_sub_event_type) == ("Battles", "Armed clash")
    (abduction,) = read(
        extractor,
        "On 6 June 2021, gunmen abducted a farmer from Kothapalle, Andhra Pradesh. The hostage was killed "
        "shortly after the abduction.",
    )
    assert abduction.acled_sub_event_type == "Abduction/forced disappearance"
    assert abduction.fatalities is not None and abduction.fatalities.best == 1


def test_the_coronavirus_is_no_enemy_in_battle(extractor) -> None:
    (protest,) = read(
        extractor,
        "On 6 June 2021, about 20 people protested in Rijeka against the measures imposed to battle the "
        "coronavirus.",
    )
    assert protest.acled_sub_event_type == "Peaceful protest"


def test_fire_told_in_both_directions_in_the_next_sentence_is_a_clash(extractor) -> None:
    (exchange,) = read(
        extractor,
        "On 6 June 2021, rebel forces fired 82mm mortars at army positions near Horlivka, Donetsk. "
        "Monitors recorded 14 explosions in both directions of the frontline near Horlivka.",
    )
    assert exchange.acled_sub_event_type == "Armed clash"
    (shelling,) = read(
        extractor, "On 6 June 2021, rebel forces fired 82mm mortars at army positions near Horlivka."
    )
    assert shelling.acled_sub_event_type == "Shelling/artillery/missile attack"


def test_a_crowd_demanding_or_blocking_a_road_protests(extractor) -> None:
    (demand,) = read(
        extractor,
        "On 6 June 2021, hundreds of migrant labourers came out on the roads in Surat, demanding buses "
        "to take them home.",
    )
    assert (demand.acled_event_type, demand.acled_sub_event_type) == ("Protests", "Peaceful protest")
    (blockade,) = read(
        extractor,
        "On 6 June 2021, residents of a village near Oaxaca blocked the highway to keep visitors out.",
    )
    assert blockade.acled_sub_event_type == "Peaceful protest"
    assert (
        read(extractor, "On 6 June 2021, the opposition leader demanded the release of the prisoners.") == []
    )
    assert read(extractor, "On 6 June 2021, police blocked the highway near Oaxaca.") == []


def test_out_of_service_forces_are_civilians_and_a_lynching_is_mob_violence(extractor) -> None:
    (off_duty,) = read(extractor, "On 6 June 2021, gunmen shot dead an off-duty police officer in Tacuba.")
    assert off_duty.acled_event_type == "Violence against civilians"
    assert off_duty.acled_sub_event_type == "Attack"
    (after,) = read(extractor, "On 6 June 2021, gunmen shot dead an officer who was off-duty in Tacuba.")
    assert after.acled_sub_event_type == "Attack"
    (on_duty,) = read(extractor, "On 6 June 2021, gunmen shot dead a police officer in Tacuba.")
    assert on_duty.acled_sub_event_type == "Armed clash"
    (lynching,) = read(extractor, "On 6 June 2021, two suspected thieves were lynched in Tetela, Puebla.")
    assert (lynching.acled_event_type, lynching.acled_sub_event_type) == ("Riots", "Mob violence")
    (beating,) = read(extractor, "On 6 June 2021, a group of men beat a shopkeeper to death in Amethi.")
    assert beating.acled_sub_event_type == "Mob violence"


def test_killing_a_member_of_an_armed_group_named_before_him_is_a_clash(extractor) -> None:
    (fighter,) = read(extractor, "On 6 June 2021, unidentified gunmen killed an SDF member in Raqqa city.")
    assert fighter.acled_sub_event_type == "Armed clash"
    (party,) = read(extractor, "On 6 June 2021, unidentified gunmen killed a Fatah member in Gaza City.")
    assert party.acled_sub_event_type == "Attack"


def test_bans_closures_and_an_armed_groups_handouts_change_their_activity(extractor) -> None:
    (ban,) = read(extractor, "On 6 June 2021, the governor of Lahij instituted a ban on all travel to Aden.")
    assert ban.acled_sub_event_type == "Change to group/activity"
    (handout,) = read(
        extractor,
        "On 6 June 2021, members of the Sinaloa Cartel delivered food packages to families in Culiacan.",
    )
    assert handout.acled_sub_event_type == "Change to group/activity"
    assert read(extractor, "On 6 June 2021, the UN delivered food aid to families in Aden.") == []
    (protest,) = read(extractor, "On 6 June 2021, students protested in Algiers despite a ban on gatherings.")
    assert protest.acled_event_type == "Protests"


def test_a_town_named_tyre_and_arrests_protesters_speak_of_leave_a_protest_peaceful(extractor) -> None:
    (town,) = read(extractor, "On 6 June 2021, nurses protested over unpaid wages in Tyre.")
    assert town.acled_sub_event_type == "Peaceful protest"
    protests = read(
        extractor,
        "On 6 June 2021, protesters gathered outside the courthouse in Nabatiye. They also demanded the "
        "release of activists who had been detained last month.",
    )
    subs = [e.acled_sub_event_type for e in protests if e.acled_event_type == "Protests"]
    assert subs == ["Peaceful protest"]


def test_sides_clashing_with_artillery_fight_but_shelling_amid_clashes_is_shelling(extractor) -> None:
    (clash,) = read(extractor, "On 6 June 2021, the two forces clashed with heavy artillery fire in Sirte.")
    assert clash.acled_sub_event_type == "Armed clash"
    shelling = read(extractor, "On 6 June 2021, shelling hit Ain Zara amid clashes between the two forces.")
    assert shelling[0].acled_sub_event_type == "Shelling/artillery/missile attack"


def test_processions_human_chains_pot_banging_and_taking_to_the_streets_are_protests(extractor) -> None:
    for text in (
        "On 6 June 2021, party activists took out a procession in Barisal to denounce price rises.",
        "On 6 June 2021, students formed a human chain in Dhaka against road accidents.",
        "On 6 June 2021, residents banged pots in Porto Alegre against the president.",
        "On 6 June 2021, opposition supporters took to the streets in Lilongwe.",
    ):
        (event,) = read(extractor, text)
        assert event.acled_event_type == "Protests", text
    assert read(extractor, "On 6 June 2021, a funeral procession passed through Gaza City.") == []


def test_criminal_groups_clashing_are_no_crowd(extractor) -> None:
    (gangs,) = read(extractor, "On 6 June 2021, criminal groups clashed near Chilpancingo, Guerrero.")
    assert gangs.acled_sub_event_type == "Armed clash"
    (crowd,) = read(extractor, "On 6 June 2021, groups of residents clashed over land near Jos.")
    assert crowd.acled_sub_event_type == "Mob violence"


def test_exchanging_gunfire_or_shots_is_a_clash(extractor) -> None:
    for text in (
        "On 6 June 2021, two police units exchanged gunfire at a checkpoint in Mogadishu.",
        "On 6 June 2021, soldiers and rebels exchanged shots near Beni.",
    ):
        (event,) = read(extractor, text)
        assert event.acled_sub_event_type == "Armed clash", text


def test_a_mobs_violence_after_a_demonstration_is_one_violent_demonstration(extractor) -> None:
    (event,) = read(
        extractor,
        "On 6 June 2021, villagers demonstrated in Kaolack against a quarantine centre. They threw "
        "stones at the centre and clashed with soldiers.",
    )
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Riots", "Violent demonstration")
    assert len(event.evidence) >= 2
    (lynching,) = read(extractor, "On 6 June 2021, villagers lynched a suspected thief in Kaolack.")
    assert lynching.acled_sub_event_type == "Mob violence"


def test_arrests_protesters_speak_of_leave_their_protest_peaceful(extractor) -> None:
    for text in (
        "On 6 June 2021, protesters gathered outside the Seray in Tripoli and demanded the release of "
        "activists who were detained last week.",
        "On 6 June 2021, supporters of the arrested former president held a protest in Yerevan.",
    ):
        protests = [e for e in read(extractor, text) if e.acled_event_type == "Protests"]
        assert [e.acled_sub_event_type for e in protests] == ["Peaceful protest"], text


def test_what_a_protest_is_due_to_is_its_background(extractor) -> None:
    (protest,) = read(
        extractor,
        "On 6 June 2021, villagers demonstrated in Lubero to demand more security due to increasing "
        "banditry and attacks.",
    )
    assert protest.acled_sub_event_type == "Peaceful protest"


def test_vehicles_livestock_or_drugs_seized_are_property_taken(extractor) -> None:
    (militants,) = read(extractor, "On 6 June 2021, militants seized a councillor's car near Abala.")
    assert militants.acled_sub_event_type == "Looting/property destruction"
    (police,) = read(extractor, "On 6 June 2021, federal police seized three tons of marijuana in Irati.")
    assert police.acled_sub_event_type == "Looting/property destruction"
    (weapons,) = read(extractor, "On 6 June 2021, soldiers seized weapons and ammunition near Gao.")
    assert weapons.acled_sub_event_type == "Disrupted weapons use"
