"""How many were killed and injured, counted the way coders count: the whole pipeline on our own sentences.

Each test reads a short report as a user does (``Extractor.extract_text``) and checks the counts of
its event, their evidence spans and the breakdown of the dead into victims and attackers.
"""

from __future__ import annotations

from typing import Any

import pytest

from dateline.extract import Extractor


@pytest.fixture(scope="module")
def read(extractor: Extractor):
    def read(text: str) -> tuple[dict[str, Any], str]:
        record = extractor.extract_text(text, published="2021-05-01").to_dict()
        events = [e for e in record["events"] if e["fatalities"] or e["injured"]]
        assert events, f"no counted event in {text!r}: {record['events']}"
        heavy = max(events, key=lambda e: _value(e["fatalities"]) + _value(e["injured"]))
        return heavy, text

    return read


def _value(q: dict[str, Any] | None) -> float:
    if not q:
        return 0
    return q["best"] if q["best"] is not None else q["low"]


def _said(q: dict[str, Any], text: str) -> str:
    start, end = q["span"]
    assert text[start:end] == q["text"]
    return q["text"]


# --- one victim is one death -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Gunmen shot and killed a retired judge outside his home in Kisumu.", "a retired judge"),
        ("A district commander was killed when his car hit a landmine near Gao.", "A district commander"),
        ("Unknown attackers shot dead a lawyer in Quetta on Monday.", "a lawyer"),
        ("Omar Farah, the head of the water council, was killed in the attack.", "Omar Farah"),
        ("The teacher was abducted from his school and beheaded two days later.", "The teacher"),
    ],
)
def test_a_singular_victim_counts_one(read, text, words):
    event, text = read(text)
    assert event["fatalities"]["best"] == 1
    assert _said(event["fatalities"], text) == words


def test_a_list_of_singular_victims_counts_its_members(read):
    event, text = read("The provincial governor, a police chief and one bodyguard were killed in the blast.")
    assert event["fatalities"]["best"] == 3
    parts = event["fatalities_breakdown"]
    assert [(p["best"], _said(p, text)) for p in parts] == [
        (1, "The provincial governor"),
        (1, "a police chief"),
        (1, "one bodyguard"),
    ]


def test_numbered_and_singular_groups_add_up(read):
    event, text = read("Two soldiers and a policeman were killed when the convoy was ambushed near Kunduz.")
    assert event["fatalities"]["best"] == 3
    assert _said(event["fatalities"], text) == "Two soldiers and a policeman"


def test_a_plural_without_a_number_stays_unknown(extractor):
    record = extractor.extract_text("Civilians were killed when militants stormed the village.").to_dict()
    assert all(e["fatalities"] is None for e in record["events"])


def test_a_known_group_beside_a_vague_one_is_a_lower_bound(read):
    event, _ = read("At least four guards and several attackers were killed in the raid on the prison.")
    assert event["fatalities"]["best"] == 4 and event["fatalities"]["qualifier"] == "at least"


def test_a_total_is_not_added_to_its_parts(read):
    event, _ = read("Six people, including three children, were killed when the shell hit the market.")
    assert event["fatalities"]["best"] == 6


def test_killed_and_injured_in_one_sentence_each_count_one(read):
    event, text = read("A farmer was killed and his neighbour was injured in the explosion.")
    assert event["fatalities"]["best"] == 1 and event["injured"]["best"] == 1
    assert _said(event["injured"], text) == "his neighbour"


def test_animals_are_not_counted(read, extractor):
    event, _ = read("A herder and at least thirty goats were killed when the bomb went off.")
    assert event["fatalities"]["best"] == 1
    record = extractor.extract_text("Raiders attacked the farm and killed nine cows.").to_dict()
    assert all(e["fatalities"] is None for e in record["events"])


# --- the attackers among the dead ------------------------------------------------------------------


def test_attackers_killed_count_with_their_role(read):
    event, text = read("Nine raiders and one guard were killed when gunmen attacked the bank.")
    assert event["fatalities"]["best"] == 10
    roles = [(p["best"], p["role"]) for p in event["fatalities_breakdown"]]
    assert roles == [(9, "perpetrator"), (1, "victim")]


def test_a_bomber_killing_himself_and_others(read):
    event, text = read("A suicide attacker blew himself up at the gate, killing himself and four guards.")
    assert event["fatalities"]["best"] == 5
    parts = event["fatalities_breakdown"]
    assert [(_said(p, text), p["role"]) for p in parts] == [
        ("himself", "perpetrator"),
        ("four guards", "victim"),
    ]


def test_the_assailant_killed_is_a_perpetrator(read):
    event, text = read("An assailant stabbed two shoppers before police shot and killed the assailant.")
    assert any(p["role"] == "perpetrator" and p["best"] == 1 for p in event["fatalities_breakdown"])


def test_a_suicide_attack_without_a_toll_counts_its_bomber(read):
    event, text = read(
        "A suicide bomber detonated his vest near a checkpoint in Baidoa, wounding six soldiers."
    )
    assert event["fatalities"]["best"] == 1 and event["injured"]["best"] == 6
    assert event["fatalities_breakdown"][0]["role"] == "perpetrator"
    assert _said(event["fatalities"], text) == "A suicide bomber"


def test_a_suicide_attack_with_a_toll_keeps_the_toll(read):
    event, _ = read("A suicide bomber detonated his vest near a checkpoint in Baidoa, killing six soldiers.")
    assert event["fatalities"]["best"] == 6


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A bomber blew himself up in a cafe in Hadera, killing four diners and wounding 30.", 5),
        ("Nine shoppers died when a woman blew herself up at the gate of a mall in Tula.", 10),
        ("A bomber blew himself up at a wedding hall in Erbil. The blast killed twelve guests.", 13),
        ("A young man blew himself up at a bus stop in Netanya. Nobody else was hurt.", 1),
    ],
)
def test_an_attacker_who_blew_himself_up_is_one_more_dead(read, text, killed):
    event, _ = read(text)
    assert event["fatalities"]["best"] == killed
    assert any(p["role"] == "perpetrator" for p in event["fatalities_breakdown"])


@pytest.mark.parametrize(
    "text",
    [
        "Three people, including the bomber, were killed when a bomber blew himself up in a cafe in Hadera.",
        "A bomber blew himself up in a cafe in Hadera, killing himself and two diners.",
    ],
)
def test_a_toll_counting_the_bomber_is_not_raised(read, text):
    event, _ = read(text)
    assert event["fatalities"]["best"] == 3


def test_a_bomber_who_was_caught_is_not_dead(extractor):
    text = "A suicide bomber was arrested at a checkpoint in Baidoa before he could detonate his vest."
    record = extractor.extract_text(text).to_dict()
    assert all(e["fatalities"] is None for e in record["events"])


# --- ways of saying it -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dead", "hurt"),
    [
        ("The bombing left five dead and eleven others wounded in the square.", 5, 11),
        ("Two traders were gunned down by insurgents in the market.", 2, None),
        ("Militants stabbed a shopkeeper to death in the old town.", 1, None),
        ("Gunmen shot and fatally wounded two brothers near the mosque.", 2, None),
        ("The mayor was wounded in the attack and later died of his injuries.", 1, None),
        ("Four people were killed and nine injured in the attack on the hotel.", 4, 9),
        ("A guard was killed along with two of his colleagues and a driver in the ambush.", 4, None),
        ("In addition to the attacker, three policemen were killed in the shooting.", 4, None),
    ],
)
def test_ways_of_telling_the_dead_and_wounded(read, text, dead, hurt):
    event, _ = read(text)
    assert _value(event["fatalities"]) == dead
    assert (event["injured"] and _value(event["injured"])) == hurt


def test_the_left_verb_reads_its_kind_from_the_adjective(read):
    event, _ = read("The mortar attacks left three injured near the airport.")
    assert event["fatalities"] is None and event["injured"]["best"] == 3


# --- tolls told for a series of incidents ----------------------------------------------------------


def test_a_toll_across_a_series_is_shared(read):
    text = (
        "Gunmen attacked a farm near Gao. This was one of four related attacks in the district on "
        "that day. Twenty people were killed and eight were injured across the attacks."
    )
    event, _ = read(text)
    assert event["fatalities"]["best"] == 5 and event["fatalities"]["incidents"] == 4
    assert event["injured"]["best"] == 2 and event["fatalities"]["qualifier"] == "about"


def test_a_toll_of_both_attacks_is_halved(read):
    event, _ = read("Militants attacked two checkpoints. Ten soldiers were killed in both attacks.")
    assert event["fatalities"]["best"] == 5 and event["fatalities"]["incidents"] == 2


def test_a_toll_of_this_incident_is_not_shared(read):
    text = (
        "Gunmen raided a village near Gao. Twelve villagers were killed in the raid. "
        "It was one of three raids."
    )
    event, _ = read(text)
    assert event["fatalities"]["best"] == 12 and "incidents" not in event["fatalities"]


def test_a_release_does_not_take_the_deaths_of_a_coordinated_clause(extractor):
    text = "The driver was released a day later and the engineer was killed by his captors."
    record = extractor.extract_text(text).to_dict()
    counted = [e["type"] for e in record["events"] if e["fatalities"]]
    assert counted and "concession" not in counted


def test_bodies_found_and_victims_who_later_died_count_as_dead(extractor) -> None:
    def dead(text: str) -> float | None:
        record = extractor.extract_text(text, published="2021-06-10")
        tolls = [e.fatalities.best for e in record.events if e.acled_event_type and e.fatalities]
        return max(tolls) if tolls else None

    assert dead("Police found the bodies of six men, all bearing gunshot wounds, near Culiacan.") == 6
    assert (
        dead(
            "Gunmen fired at a bus near Jenin, wounding two passengers. One of them later died of his wounds."
        )
        == 1
    )
    assert (
        dead("A suicide bomber struck a checkpoint in Mosul, wounding nine police. Two of them later died.")
        == 2
    )


def test_deaths_from_illness_are_no_attacks(extractor) -> None:
    record = extractor.extract_text(
        "The former governor died of a heart attack last year. His deputy died of cancer.",
        published="2021-06-10",
    )
    assert [e for e in record.events if e.acled_event_type] == []


def test_victims_dying_in_the_next_sentence_and_a_toll_told_alone_count(extractor) -> None:
    def dead(text: str) -> float | None:
        record = extractor.extract_text(text, published="2021-06-10")
        coded = [e for e in record.events if e.acled_event_type]
        assert len(coded) == 1, [(e.type, e.trigger) for e in coded]
        return coded[0].fatalities.best if coded[0].fatalities else None

    assert dead("On 8 June 2021, gunmen shot two taxi drivers in Leon, Guanajuato. Both victims died.") == 2
    assert dead("On 8 June 2021, gunmen stormed a bar in Celaya, Guanajuato. Five people died.") == 5
    assert (
        dead("On 8 June 2021, a man was shot in a drive-by attack in Irapuato, Guanajuato. 1 fatality.") == 1
    )
    record = extractor.extract_text("Dozens of people died in floods in Kerala.", published="2021-06-10")
    assert [e for e in record.events if e.acled_event_type] == []


def test_a_body_found_counts_one_dead_and_its_finder_is_no_attacker(extractor) -> None:
    record = extractor.extract_text(
        "Police found the body of a shopkeeper in southern Baghdad on Monday.", published="2008-05-02"
    )
    (event,) = [e for e in record.events if e.acled_event_type]
    assert event.fatalities is not None and event.fatalities.best == 1
    assert not any(a.startswith("police-forces") for a in event.actors)
    many = extractor.extract_text(
        "Police found 12 strangled bodies near a cemetery in Tal Afar.", published="2008-05-02"
    )
    assert [e.fatalities.best for e in many.events if e.acled_event_type and e.fatalities] == [12]


def test_a_blast_that_resulted_in_the_wounding_of_four_hurt_four(extractor) -> None:
    record = extractor.extract_text(
        "A bomb exploded on a train near Batticaloa. The blast resulted in the wounding of four passengers.",
        published="2008-06-30",
    )
    (event,) = [e for e in record.events if e.acled_event_type]
    assert event.injured is not None and event.injured.best == 4


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # a toll told with nouns: each noun its own number, not the sum of the list
        ("Gunmen attacked a bus near Gao. The attack caused 3 civilian deaths, 11 injuries and damage.",
         3, 11),
        # the injury read by the parser as a conjunct of the verb, counted by a word
        ("Gunmen fired at a truck near Gao. The attack resulted in the death of two drivers and the injury"
         " of one other.", 2, 1),
        # "left one dead and one other injured", "one was killed and another wounded"
        ("Gunmen ambushed a convoy near Gao. The ambush left one dead and one other injured.", 1, 1),
        ("A bomb hit a patrol near Gao. One soldier was killed in the attack and another wounded.", 1, 1),
        # who sustained or suffered the injuries is who was injured
        ("A policeman sustained injuries when a grenade exploded near his post in Gao.", 0, 1),
        ("Two soldiers suffered serious wounds in an ambush near Gao.", 0, 2),
    ],
)  # fmt: skip
def test_a_toll_told_with_nouns_or_counting_words(read, text, killed, injured):
    event, _ = read(text)
    assert (_value(event["fatalities"]), _value(event["injured"])) == (killed, injured), text


def test_a_toll_told_as_additional_adds_to_the_incidents(read):
    event, _ = read(
        "A roadside bomb hit a patrol in Gao, killing two soldiers. Three civilians were also wounded."
    )
    assert (_value(event["fatalities"]), _value(event["injured"])) == (2, 3)
    event, _ = read("Gunmen shot and wounded a driver in Gao. A woman was also wounded in the attack.")
    assert _value(event["injured"]) == 2
    # without "also" a later toll is the same people told again: the higher count stands
    event, _ = read("Gunmen shot and wounded two drivers in Gao. Two people were wounded in the attack.")
    assert _value(event["injured"]) == 2


# --- a body found is one death -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The body of a shepherd abducted a week earlier was found near Gao.", "a shepherd"),
        ("Rebels kidnapped a village chief. Later the chief's body was found in a ditch.", "the chief"),
        ("Soldiers found the corpse of a kidnapped trader outside Mopti.", "a kidnapped trader"),
    ],
)
def test_the_body_of_someone_counts_that_person(read, text, words):
    event, text = read(text)
    assert event["fatalities"]["best"] == 1
    assert _said(event["fatalities"], text) == words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("A herder was found shot to death near a well outside Kidal.", "A herder"),
        ("An Italian was killed when gunmen fired on his car near Gao.", "An Italian"),
    ],
)
def test_a_victim_found_killed_or_named_by_nationality_counts_one(read, text, words):
    event, text = read(text)
    assert event["fatalities"]["best"] == 1
    assert _said(event["fatalities"], text) == words


# --- "them", "their": the group counted just before ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "killed"),
    [
        (
            "Bandits seized four traders near Zinder. Villagers found their bodies in a well.",
            "four traders",
            4,
        ),
        ("Rebels pulled two teachers from a bus and shot them dead.", "two teachers", 2),
    ],
)
def test_a_plural_pronoun_counts_the_group_told_before(read, text, words, killed):
    event, text = read(text)
    assert event["fatalities"]["best"] == killed
    assert _said(event["fatalities"], text) == words


def test_a_plural_pronoun_does_not_count_the_attackers(extractor):
    record = extractor.extract_text(
        "Two gunmen stormed a checkpoint near Kidal. Soldiers killed them."
    ).to_dict()
    assert all(not e["fatalities"] or e["fatalities"]["best"] != 2 for e in record["events"])


# --- who is one person, who another ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # a name in apposition is the head's own name
        ("Gunmen killed Iraqi police officer, Col. Salim Daud and his driver in Kirkuk.", 2),
        # a name or a place misread as a second subject is no other victim
        ("A bodyguard for Iraqi Trade Minister Ibrahim al-Hashimi was killed by unknown gunmen.", 1),
        ("Three farmers of the Borapara village, Goalpara district were killed by rebels.", 3),
        # a bare noun under the first one's determiner describes the same person
        ("Gunmen killed a former informer and collaborator near Sopore.", 1),
        # ... but an armed man and a civilian are two
        ("A soldier and civilian were killed when a mine exploded near Gao.", 2),
        # a couple is two people
        ("Gunmen shot dead an elderly couple in their home in Yala.", 2),
        # a list with a conjunction keeps its members
        ("Four attackers and two guards were killed in the raid on the bank.", 6),
    ],
)
def test_members_of_a_victim_phrase(read, text, killed):
    event, _ = read(text)
    assert event["fatalities"]["best"] == killed


def test_a_toll_beside_the_wounded_is_no_wounded(read):
    event, _ = read(
        "A bomb exploded in a hotel in Kut. In addition to nine deaths, twenty guests were wounded."
    )
    assert (event["fatalities"]["best"], event["injured"]["best"]) == (9, 20)
