"""Who the text holds responsible for an incident: claimed, attributed, suspected, denied.

Real pipeline (places, actors, events) on sentences written for these tests; each asserts the
incident's perpetrators and the responsibility entries with their stance and source.
"""

from __future__ import annotations

from dateline.records import Event, Record


def incident(record: Record) -> Event:
    """The violent event with the most people killed or hurt (as a coder would pick it)."""
    violent = [e for e in record.events if e.acled_event_type and e.acled_event_type != "Protests"]
    assert violent, [e.type for e in record.events]

    def toll(e: Event) -> float:
        return sum(q.best or q.low or 0 for q in (e.fatalities, e.injured) if q is not None)

    return max(violent, key=toll)


def stances(event: Event) -> set[tuple[str, str]]:
    return {(r.actor, r.stance) for r in event.responsibility}


def test_sources_attributing_the_attack_name_the_perpetrator_in_place_of_the_unknown_assailants(
    extractor,
) -> None:
    record = extractor.extract_text(
        "Assailants stormed a market in Maiduguri, Borno, Nigeria, killing six traders. No group "
        "claimed responsibility; however, sources attributed the attack to Boko Haram.",
        published="2021-04-02",
    )
    event = incident(record)
    assert event.actors[0] == "boko-haram"
    assert not any(a.startswith("unidentified-") for a in event.actors)
    (entry,) = event.responsibility
    assert (entry.actor, entry.stance, entry.source_text) == ("boko-haram", "attributed", "sources")
    assert record.text[entry.span[0] : entry.span[1]] == entry.text
    assert entry.text.startswith("No group claimed responsibility")


def test_blame_reads_the_actor_both_ways(extractor) -> None:
    for text in (
        "A bomb exploded at a bus station in Mogadishu, killing four people. Police blamed "
        "al-Shabaab for the bombing.",
        "A bomb exploded at a bus station in Mogadishu, killing four people. Police blamed the "
        "bombing on al-Shabaab.",
    ):
        event = incident(extractor.extract_text(text, published="2021-04-02"))
        assert event.actors[0] == "al-shabaab", text
        assert ("al-shabaab", "attributed") in stances(event)
        assert event.responsibility[0].source_text == "Police"


def test_suspected_involvement_and_suspected_militants_are_suspicions(extractor) -> None:
    event = incident(
        extractor.extract_text(
            "Gunmen killed three farmers near Gwoza in Borno. Residents suspected the involvement "
            "of Boko Haram.",
            published="2021-04-02",
        )
    )
    assert ("boko-haram", "suspected") in stances(event) and event.actors[0] == "boko-haram"
    event = incident(
        extractor.extract_text(
            "Suspected al-Shabaab militants shot dead two teachers in Mandera on Sunday.",
            published="2021-04-02",
        )
    )
    assert ("al-shabaab", "suspected") in stances(event)


def test_a_denial_is_kept_but_never_makes_the_perpetrator(extractor) -> None:
    event = incident(
        extractor.extract_text(
            "Gunmen killed five villagers in Gwoza, Borno. Boko Haram denied any involvement in the attack.",
            published="2021-04-02",
        )
    )
    assert ("boko-haram", "denied") in stances(event)
    assert "boko-haram" not in event.actors
    denial = next(r for r in event.responsibility if r.stance == "denied")
    assert denial.source == "boko-haram"


def test_a_claim_in_a_relative_clause_names_the_claimant(extractor) -> None:
    event = incident(
        extractor.extract_text(
            "The ambush on the convoy, which al-Shabaab claimed, killed four soldiers near Afgoye.",
            published="2021-04-02",
        )
    )
    assert event.actors[0] == "al-shabaab"
    assert ("al-shabaab", "claimed") in stances(event)


def test_no_claim_and_no_attribution_leave_an_unidentified_group(extractor) -> None:
    event = incident(
        extractor.extract_text(
            "Gunmen killed two shopkeepers in Maiduguri, Borno. No group claimed responsibility.",
            published="2021-04-02",
        )
    )
    assert event.responsibility == ()
    assert all(not a.startswith("boko-haram") for a in event.actors)


def test_a_later_claim_joins_the_incident_told_first_and_keeps_its_own_date(extractor) -> None:
    record = extractor.extract_text(
        "A bomb exploded outside a bank in Quetta, Balochistan, on Monday, wounding three guards.\n\n"
        "On Wednesday, the Balochistan Liberation Army claimed responsibility for this attack.",
        published="2021-03-04",
    )
    violent = [e for e in record.events if e.acled_event_type]
    assert len(violent) == 1, [(e.type, e.trigger) for e in violent]
    (event,) = violent
    assert event.actors[0] == "balochistan-liberation-army"
    assert ("balochistan-liberation-army", "claimed") in stances(event)
    assert event.date is not None and event.date.start == "2021-03-01"  # Monday, not the claim's Wednesday


def test_a_claim_naming_a_new_description_of_the_attack_joins_it(extractor) -> None:
    record = extractor.extract_text(
        "Gunmen shot dead a soldier at a checkpoint in Mosul. Later, the Islamic State claimed "
        "responsibility for attacking the checkpoint in Mosul.",
        published="2019-05-02",
    )
    violent = [e for e in record.events if e.acled_event_type]
    assert len(violent) == 1
    assert violent[0].actors[0] == "islamic-state"
    assert not any(a.startswith("unidentified-") for a in violent[0].actors)


def test_held_responsible_with_belief_is_a_suspicion_and_without_it_an_attribution(extractor) -> None:
    believed = incident(
        extractor.extract_text(
            "A car bomb exploded near a barracks in Burgos, wounding nine people. ETA is believed to "
            "be responsible for the attack.",
            published="2009-07-30",
        )
    )
    assert believed.actors[0] == "eta"
    assert ("eta", "suspected") in stances(believed)
    said = incident(
        extractor.extract_text(
            "Gunmen killed two teachers in a village near Kokrajhar. Police said the NDFB was responsible.",
            published="2009-07-30",
        )
    )
    assert ("national-democratic-front-of-bodoland", "attributed") in stances(said)


def test_to_blame_and_a_to_phrase_on_the_object_name_the_perpetrator(extractor) -> None:
    blame = incident(
        extractor.extract_text(
            "A bomb damaged a power pylon in Maguindanao. Officials suspect that Moro Islamic "
            "Liberation Front fighters are to blame.",
            published="2008-08-14",
        )
    )
    assert blame.actors[0] == "moro-islamic-liberation-front"
    assert ("moro-islamic-liberation-front", "suspected") in stances(blame)
    attributed = incident(
        extractor.extract_text(
            "03/02/2021: Assailants shot and killed a trader in Bijapur, Chhattisgarh, India. No "
            "group claimed responsibility for the incident; however, sources attributed the attack "
            "to Maoists.",
            published="2021-03-02",
        )
    )
    assert any("maoist" in a for a in attributed.actors[:1]), attributed.actors


def test_a_foiled_attack_keeps_the_forces_that_foiled_it_first(extractor) -> None:
    event = next(
        e
        for e in extractor.extract_text(
            "Soldiers defused a 30-kg explosive device in Dang. The Communist Party of Nepal-Maoist "
            "has been blamed.",
            published="2004-05-02",
        ).events
        if e.type == "weapons_disrupted"
    )
    assert event.actors[-1] == "communist-party-of-nepal-maoist"
    assert event.actors[0] != "communist-party-of-nepal-maoist"
    assert ("communist-party-of-nepal-maoist", "attributed") in stances(event)


def test_a_wing_acts_for_the_organisation_the_text_names_it_part_of(extractor) -> None:
    record = extractor.extract_text(
        "The al-Quds Brigades, the armed wing of Palestinian Islamic Jihad, fired two rockets at Sderot.",
        published="2007-12-20",
    )
    event = incident(record)
    assert event.actors[:2] == ("al-quds-brigades", "palestinian-islamic-jihad")
    brigades = next(a for a in record.actors if a.id == "al-quds-brigades")
    assert brigades.parents == ("palestinian-islamic-jihad",)
    alone = incident(
        extractor.extract_text("The al-Quds Brigades fired two rockets at Sderot.", published="2007-12-20")
    )
    # a movement the text does not name is still the one its armed wing acts for
    assert alone.actors == ("al-quds-brigades", "palestinian-islamic-jihad")


def test_members_of_a_group_are_the_group(extractor) -> None:
    for text in (
        "Fighters from al-Shabaab attacked an army base in Lower Shabelle.",
        "In the Kismayo area, suspected members of al-Shabaab shot and killed a clan elder.",
        "Two teachers were ambushed and killed by members of al-Shabaab near Baidoa.",
    ):
        event = incident(extractor.extract_text(text, published="2020-02-02"))
        assert event.actors[0] == "al-shabaab", (text, event.actors)
        assert not any(a.startswith("unidentified-") for a in event.actors), text


def test_the_group_named_just_before_is_the_group_that_acts(extractor) -> None:
    event = incident(
        extractor.extract_text(
            "The Animal Liberation Front claimed responsibility for the damage at a farm near Leeds. "
            "The group set fire to two trucks parked at the farm.",
            published="2008-05-02",
        )
    )
    assert event.actors[:1] == ("animal-liberation-front",) or event.actors[0].endswith(
        "animal-liberation-front"
    )
    two = extractor.extract_text(
        "The Taliban and the Haqqani network are active in Khost. The group attacked a checkpoint.",
        published="2008-05-02",
    )
    (clash,) = [e for e in two.events if e.acled_event_type]
    assert not clash.actors  # two groups named: "the group" is not guessed


def test_a_claim_for_firing_rockets_keeps_the_rocket_fire_an_incident(extractor) -> None:
    record = extractor.extract_text(
        "The al-Quds Brigades claimed responsibility for firing two rockets at Sderot. Sderot is often "
        "targeted.",
        published="2007-12-20",
    )
    coded = [e for e in record.events if e.acled_event_type]
    assert [e.acled_sub_event_type for e in coded] == ["Shelling/artillery/missile attack"]
    assert coded[0].actors[0] == "al-quds-brigades"


def test_who_planted_the_bomb_and_who_was_repelled_are_perpetrators(extractor) -> None:
    planted = incident(
        extractor.extract_text(
            "A bomb exploded at a bus stand in Guwahati, killing one person. The bomb was planted by "
            "suspected members of the ULFA.",
            published="2008-05-02",
        )
    )
    assert planted.actors[0] == "united-liberation-front-of-asom"
    assert ("united-liberation-front-of-asom", "suspected") in stances(planted)
    repelled = incident(
        extractor.extract_text(
            "Soldiers repelled the ATTF after a gunfight near Budhraibari village in Tripura.",
            published="2008-05-02",
        )
    )
    assert repelled.actors[0] == "all-tripura-tiger-force"


def test_a_salvo_told_as_a_total_is_rocket_fire(extractor) -> None:
    record = extractor.extract_text(
        "On 1 January Hamas launched a total of six Qassam rockets at Sderot.", published="2008-01-02"
    )
    (event,) = [e for e in record.events if e.acled_event_type]
    assert event.acled_sub_event_type == "Shelling/artillery/missile attack"
    assert event.actors[0] == "hamas"


def test_a_unit_of_a_group_and_those_involved_name_the_group(extractor) -> None:
    unit = incident(
        extractor.extract_text(
            "03/02/2021: Assailants attacked a police patrol in Anori, Antioquia, Colombia, killing one "
            "officer. No group claimed responsibility; however, sources attributed the attack to the "
            "Heroes de Anori Front of the National Liberation Army of Colombia.",
            published="2021-03-03",
        )
    )
    assert "national-liberation-army-colombia" in unit.actors
    involved = incident(
        extractor.extract_text(
            "03/02/2021: Assailants shot and killed a farmer in Bijapur, Chhattisgarh, India. No group "
            "claimed responsibility; however, sources suspected that Maoists were involved.",
            published="2021-03-03",
        )
    )
    assert any("maoist" in a for a in involved.actors[:1]), involved.actors
    assert any(r.stance == "suspected" for r in involved.responsibility)


def test_a_claim_for_the_incident_goes_to_the_incident_not_to_the_series_it_belongs_to(extractor) -> None:
    record = extractor.extract_text(
        "05/22/2021: Assailants fired mortar shells at army bases in Jalalaqsi, Hiiraan, Somalia. This "
        "was one of two related attacks in Hiiraan on the same day. Al-Shabaab claimed responsibility "
        "for the incident.",
        published="2021-05-23",
    )
    (event,) = [e for e in record.events if e.acled_event_type]
    assert event.acled_sub_event_type == "Shelling/artillery/missile attack"
    assert event.actors[0] == "al-shabaab"


def test_the_group_behind_a_modified_attack_or_a_phrase_about_members_is_the_perpetrator(extractor) -> None:
    for text, group in (
        # the verb that carries "a grenade attack" has the attackers as subject
        (
            "Suspected members of the ULFA launched a grenade attack on a police post in Tinsukia.",
            "united-liberation-front",
        ),
        # "an attack from X": an armed group's act
        (
            "A bomb attack from the FARC wrecked a pipeline near Arauca.",
            "revolutionary-armed-forces-of-colombia",
        ),
        # members "with" a group, "belonging to" it, "suspected to be from" it
        ("Insurgents with the New People's Army torched a cell tower in Masbate.", "new-peoples-army"),
        (
            "Cadres belonging to the Communist Party of India (Maoist) blew up a school in Gaya.",
            "communist-party-of-india-maoist",
        ),
        ("Gunmen suspected to be from the NDFB killed two traders in Kokrajhar on Monday.", "bodoland"),
    ):
        event = incident(extractor.extract_text(text, published="2008-03-02"))
        assert any(group in a for a in event.actors), (text, event.actors)


def test_a_claim_for_the_attack_and_another_one_reaches_both_and_skips_earlier_ones(extractor) -> None:
    record = extractor.extract_text(
        "A car bomb exploded outside a bank in Athens on Monday, injuring one person. "
        "The blast was stronger than previous blasts targeting banks in the city. "
        "Revolutionary Struggle claimed responsibility for the attack and another attack in Thessaloniki.",
        published="2009-09-02",
    )
    coded = [e for e in record.events if e.acled_event_type]
    bomb = incident(record)
    assert bomb.injured is not None and bomb.injured.best == 1
    assert bomb.actors[0] == "revolutionary-struggle"
    others = [e for e in coded if e is not bomb]
    assert len(others) == 1 and others[0].actors[:1] == ("revolutionary-struggle",)  # Thessaloniki
    previous = next(e for e in record.events if e.trigger.text == "blasts")
    assert not previous.actors and not previous.acled_event_type  # earlier blasts: told, not coded


def test_the_only_armed_group_a_paragraph_names_is_the_implied_perpetrator(extractor) -> None:
    """No sentence ties the group to the blast, but the description names it alone (as coders read
    it): the perpetrator is implied, with the sentence naming it as evidence."""
    record = extractor.extract_text(
        "An explosive device went off outside a tax office in Bastia, damaging its front door. "
        "Investigators later found the letters of the National Liberation Front of Corsica painted "
        "on a nearby wall.",
        published="2005-03-02",
    )
    event = incident(record)
    assert event.actors[0] == "national-liberation-front-of-corsica"
    (entry,) = event.responsibility
    assert entry.stance == "implied"
    assert entry.text.startswith("Investigators later found")
    assert record.text[entry.span[0] : entry.span[1]] == entry.text


def test_no_group_is_implied_when_the_paragraph_names_two_or_the_one_is_attacked(extractor) -> None:
    two = incident(
        extractor.extract_text(
            "A bomb exploded near a police post in Yala. Both the Barisan Revolusi Nasional and the "
            "Runda Kumpulan Kecil operate in the province.",
            published="2005-03-02",
        )
    )
    assert not any(r.stance == "implied" for r in two.responsibility)
    attacked = incident(
        extractor.extract_text(
            "Soldiers ambushed a camp of the Revolutionary Armed Forces of Colombia near Tumaco, killing "
            "four guerrillas.",
            published="2005-03-02",
        )
    )
    assert "revolutionary-armed-forces-of-colombia" not in {r.actor for r in attacked.responsibility}
    unidentified = incident(
        extractor.extract_text(
            "Unidentified gunmen shot dead a trader in Arauca. The National Liberation Army is active in the "
            "region.",
            published="2005-03-02",
        )
    )
    assert unidentified.actors[0].startswith("unidentified-armed-group")
    assailants = incident(
        extractor.extract_text(
            "Assailants shot dead a trader in Arauca. The Revolutionary Armed Forces of Colombia are active "
            "in the region.",
            published="2005-03-02",
        )
    )
    assert assailants.actors[0] == "revolutionary-armed-forces-of-colombia"


def test_a_claim_in_a_later_sentence_names_the_perpetrator_of_the_incident_told_first(extractor) -> None:
    """The claim names the incident anew, with a place of its own (so it stays an event apart); the
    incident told first has no perpetrator of its own, so the claimant is its perpetrator."""
    event = incident(
        extractor.extract_text(
            "A bomb aimed at a police convoy exploded in the Zayouna district of Baghdad, wounding three "
            "policemen. Such attacks are frequent in the city. Ansar al-Sunna claimed responsibility for "
            "detonating explosives against a police convoy in Baghdad on this day.",
            published="2005-03-02",
        )
    )
    assert event.injured is not None and event.injured.best == 3
    assert event.actors[0] == "ansar-al-sunnah"
    assert ("ansar-al-sunnah", "claimed") in stances(event)


def test_a_claim_after_the_context_of_an_attack_is_the_attacks_not_the_contexts(extractor) -> None:
    """ "The attack comes amid ... clashes between X and Y": the clashes are the attack's context, so
    "The attack was claimed by Z" names the attack told first."""
    record = extractor.extract_text(
        "Three mortar shells were fired at the settlement of Atzmona. The attack comes amid rising "
        "tension in the area and clashes between residents and soldiers along the fence. The attack was "
        "claimed by the Popular Resistance Committees.",
        published="2005-03-02",
    )
    shelling = next(e for e in record.events if e.type == "shelling")
    assert shelling.actors[0] == "popular-resistance-committees"
    clashes = [e for e in record.events if e.trigger.text == "clashes"]
    assert all("popular-resistance-committees" not in e.actors for e in clashes)


def test_militants_linked_to_a_group_are_that_group(extractor) -> None:
    event = incident(
        extractor.extract_text(
            "Unidentified militants, possibly linked to the Abu Sayyaf Group, detonated a bomb at a market "
            "in Jolo, killing two vendors.",
            published="2005-03-02",
        )
    )
    assert "abu-sayyaf-group" in event.actors


def test_a_claim_made_on_behalf_of_a_group_is_the_groups(extractor) -> None:
    event = incident(
        extractor.extract_text(
            "A bomb damaged a holiday home in Porto-Vecchio, Corsica. Two men claimed responsibility for the "
            "attack on behalf of the National Liberation Front of Corsica.",
            published="2005-03-02",
        )
    )
    assert event.actors[0] == "national-liberation-front-of-corsica"
    assert ("national-liberation-front-of-corsica", "claimed") in stances(event)


def test_a_claim_for_the_incident_after_a_device_was_defused_is_the_foiled_attacks(extractor) -> None:
    record = extractor.extract_text(
        "Police discovered and defused four explosive devices planted along a road near Dang. The "
        "Communist Party of Nepal-Maoist claimed responsibility for the incident.",
        published="2004-05-02",
    )
    (event,) = [e for e in record.events if e.acled_event_type]
    assert event.type == "weapons_disrupted"
    assert event.actors[-1] == "communist-party-of-nepal-maoist"
    assert ("communist-party-of-nepal-maoist", "claimed") in stances(event)


def test_the_planning_of_the_attack_attributed_to_a_group_names_the_perpetrator(extractor) -> None:
    record = extractor.extract_text(
        "Seventy armed insurgents attacked the police station of Ocobamba, Peru. One officer was killed. "
        "Authorities attribute the planning of the attack to the Shining Path.",
        published="2005-06-27",
    )
    event = incident(record)
    assert "shining-path" in event.actors
    assert ("shining-path", "attributed") in stances(event)


def test_coordinated_units_of_a_group_named_with_its_acronym_name_the_group(extractor) -> None:
    record = extractor.extract_text(
        "The Jose Manuel Martinez Auiroz and the Enrique Sanchez Caicedo Fronts of the National Liberation "
        "Army (ELN) claimed responsibility for an explosion at the offices of a power company in Cesar.",
        published="2004-03-01",
    )
    assert "national-liberation-army-colombia" in incident(record).actors


def test_the_group_the_attackers_are_said_to_be_is_held_responsible(extractor) -> None:
    record = extractor.extract_text(
        "Unknown gunmen attacked a family in a village near Baquba. Two men were killed. Police believe "
        "that the attackers were Al Qaeda in Iraq.",
        published="2008-01-01",
    )
    event = incident(record)
    assert "al-qaeda-in-iraq" in event.actors
    assert ("al-qaeda-in-iraq", "suspected") in stances(event)
    record = extractor.extract_text(
        "A bomb exploded at a market in Kabul. The bomber was a teenager.", published="2008-01-01"
    )
    assert not incident(record).responsibility
