"""The dateline_events component: detection and typing, arguments, modality, attribution, coreference.

Places and actors are set by hand on each Doc (as the places and actors components would), so these
tests read only the events component's own work.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import spacy

from dateline.errors import ConfigError
from dateline.events.ontology import Ontology
from dateline.settings import Settings

BEFORE = ("dateline_quantities", "dateline_dates", "dateline_quotes")

PLACES = {
    "Jalalabad": ("p-jalalabad", "PPLA", "AF", "Nangarhar"),
    "Nangarhar": ("p-nangarhar", "ADM1", "AF", "Nangarhar"),
    "Afghanistan": ("p-af", "PCLI", "AF", None),
    "Pakistan": ("p-pk", "PCLI", "PK", None),
    "Syria": ("p-sy", "PCLI", "SY", None),
    "Kunduz": ("p-kunduz", "PPLA", "AF", "Kunduz"),
    "Aleppo": ("p-aleppo", "PPLA", "SY", "Aleppo"),
    "Gao": ("p-gao", "PPLA", "ML", "Gao"),
    "Mogadishu": ("p-mogadishu", "PPLC", "SO", "Banadir"),
    "Lahore": ("p-lahore", "PPLA", "PK", "Punjab"),
    "Quetta": ("p-quetta", "PPLA", "PK", "Balochistan"),
    "Helmand": ("p-helmand", "ADM1", "AF", "Helmand"),
    "Sangin": ("p-sangin", "ADM2", "AF", "Helmand"),
    "Tehran": ("p-tehran", "PPLC", "IR", "Tehran"),
    "Khost": ("p-khost", "PPLA", "AF", "Khost"),
    "Kabul": ("p-kabul", "PPLC", "AF", "Kabul"),
    "Bajaur": ("p-bajaur", "ADM2", "PK", "Khyber Pakhtunkhwa"),
    "Marib": ("p-marib", "PPLA", "YE", "Marib"),
    "Lashkar Gah": ("p-lashkargah", "PPLA", "AF", "Helmand"),
    "Maiduguri": ("p-maiduguri", "PPLA", "NG", "Borno"),
    "Borno State": ("p-borno", "ADM1", "NG", "Borno"),
    "Nigeria": ("p-ng", "PCLI", "NG", None),
}
ACTORS = {
    "Taliban": ("a-taliban", "militant_group"),
    "al Shabaab": ("a-shabaab", "militant_group"),
    "TTP": ("a-ttp", "militant_group"),
    "Islamic State": ("a-is", "militant_group"),
    "Pakistan": ("a-pakistan", "state"),
    "Afghan soldiers": ("a-afghan-army", "military"),
    "the army": ("a-army", "military"),
    "Iran": ("a-iran", "state"),
    "Houthi": ("a-houthi", "militant_group"),
    "Interior Ministry": ("a-moi", "government"),
    "Mohammad Hassan": ("a-hassan", "person"),
}


def _mentions(text: str, name: str) -> list[dict[str, Any]]:
    out, start = [], text.find(name)
    while start >= 0:
        end = start + len(name)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            out.append({"text": name, "span": [start, end]})
        start = text.find(name, end)
    return out


def _places(text: str) -> list[dict[str, Any]]:
    out = []
    for name, (pid, feature, cc, admin1) in PLACES.items():
        mentions = _mentions(text, name)
        if mentions:
            out.append(
                {"id": pid, "name": name, "country_code": cc, "admin1": admin1, "admin2": None,
                 "lat": 0.0, "lon": 0.0, "geonameid": None, "feature": feature, "mentions": mentions}
            )  # fmt: skip
    return out


def _actors(text: str) -> list[dict[str, Any]]:
    out = []
    for name, (aid, kind) in ACTORS.items():
        mentions = _mentions(text, name)
        if mentions:
            out.append({"id": aid, "name": name, "kind": kind, "country_code": None, "aliases": [],
                        "mentions": mentions})  # fmt: skip
    return out


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load(Settings().spacy_model)
    for name in (*BEFORE, "dateline_events"):
        nlp.add_pipe(name)
    return nlp


def prepared(nlp, text: str, published: str | None = "2023-05-20"):
    doc = nlp.make_doc(text)
    doc._.dateline_published = published
    doc._.dateline_places = _places(text)
    doc._.dateline_actors = _actors(text)
    return doc


def events(nlp, text: str, published: str | None = "2023-05-20") -> list[dict[str, Any]]:
    return nlp(prepared(nlp, text, published))._.dateline_events


def one(evs: list[dict[str, Any]], word: str) -> dict[str, Any]:
    found = [e for e in evs if e["trigger"]["text"] == word]
    assert found, f"no event with trigger {word!r} in {[e['trigger']['text'] for e in evs]}"
    return found[0]


# --- detection and typing ------------------------------------------------------------------------


def test_attack_on_civilians_with_place_and_fatalities(nlp):
    evs = events(nlp, "Taliban gunmen attacked a wedding party in Jalalabad on Saturday, killing 9 guests.")
    e = one(evs, "attacked")
    assert (e["acled_event_type"], e["acled_sub_event_type"]) == ("Violence against civilians", "Attack")
    assert e["plover_event"] == "ASSAULT"
    assert e["actors"] == ["a-taliban"]
    assert e["place"] == "p-jalalabad" and e["geo_precision"] == 1
    assert e["fatalities"]["best"] == 9
    assert e["date"]["start"] == "2023-05-20" and e["time_precision"] == 1
    assert len([x for x in evs if x["acled_event_type"]]) == 1  # attacked + killing are one event


@pytest.mark.parametrize(
    ("text", "word", "sub"),
    [
        ("A suicide bomber struck a police academy in Kabul, killing 14 cadets.", "bomber", "Suicide bomb"),
        ("A drone strike hit a compound in Khost, killing four people.", "strike", "Air/drone strike"),
        ("A roadside bomb exploded next to a bus in Quetta, killing six passengers.", "bomb",
         "Remote explosive/landmine/IED"),
        ("Government forces shelled residential areas of Aleppo overnight, wounding 12 people.", "shelled",
         "Shelling/artillery/missile attack"),
        ("An explosive device went off near a checkpoint in Kunduz.", "went",
         "Remote explosive/landmine/IED"),
    ],
)  # fmt: skip
def test_explosions_and_remote_violence(nlp, text, word, sub):
    e = one(events(nlp, text), word)
    assert e["acled_event_type"] == "Explosions/Remote violence"
    assert e["acled_sub_event_type"] == sub


def test_only_a_weapon_going_off_is_an_explosion(nlp):
    assert not [
        e for e in events(nlp, "The fire alarm went off at a school in Kunduz.") if e["type"] == "explosion"
    ]


def test_armed_clash_between_armed_actors(nlp):
    e = one(
        events(nlp, "Taliban fighters clashed with Afghan soldiers in Sangin district on Tuesday."), "clashed"
    )
    assert (e["acled_event_type"], e["acled_sub_event_type"]) == ("Battles", "Armed clash")
    assert e["actors"] == ["a-taliban"] and e["place"] == "p-sangin" and e["geo_precision"] == 2


def test_attack_on_soldiers_by_militants_is_a_battle(nlp):
    e = one(events(nlp, "Militants ambushed an army patrol near Gao, killing five soldiers."), "ambushed")
    assert e["acled_event_type"] == "Battles"
    assert e["fatalities"]["best"] == 5 and e["place"] == "p-gao"


def test_fire_in_both_directions_and_attacks_on_armed_posts_are_battles(nlp):
    e = one(
        events(
            nlp, "Monitors recorded 30 explosions in both directions of the frontline near Gao on Monday."
        ),
        "explosions",
    )
    assert e["acled_sub_event_type"] == "Armed clash"
    e = one(events(nlp, "Militants attacked a gendarmerie station near Gao on Monday."), "attacked")
    assert (e["acled_event_type"], e["acled_sub_event_type"]) == ("Battles", "Armed clash")
    e = one(events(nlp, "Militants attacked a village near Gao on Monday."), "attacked")
    assert e["acled_event_type"] == "Violence against civilians"


def test_a_curfew_imposed_is_a_change_to_activity_and_a_lockdown_in_passing_is_none(nlp):
    e = one(events(nlp, "Authorities imposed a three-day curfew in Kano on Monday."), "curfew")
    assert (e["acled_event_type"], e["acled_sub_event_type"]) == (
        "Strategic developments",
        "Change to group/activity",
    )
    evs = events(nlp, "Hundreds of workers protested in Kano on Monday amid the coronavirus lockdown.")
    assert [e["type"] for e in evs if e["acled_event_type"]] == ["protest"]


def test_what_a_protest_demands_is_its_topic_not_an_incident(nlp):
    evs = events(
        nlp,
        "Hundreds of traders marched in Kano on Monday, demanding justice for a man killed last week.",
    )
    coded = [e for e in evs if e["acled_event_type"]]
    assert [(e["type"], e["acled_sub_event_type"]) for e in coded] == [("protest", "Peaceful protest")]
    # a number of people protesting is the protest itself, not a topic ("of" counts at the trigger only)
    evs = events(
        nlp, "A number of workers protested outside the ministry in Kano on Monday against unpaid wages."
    )
    assert [e["type"] for e in evs if e["acled_event_type"]] == ["protest"]


def test_how_a_protest_went_is_read_from_its_conduct_not_its_demands(nlp):
    evs = events(nlp, "Residents blocked a road with burning tyres in Kano on Monday to demand water.")
    assert [e["acled_sub_event_type"] for e in evs if e["acled_event_type"]] == ["Violent demonstration"]
    evs = events(
        nlp, "Hundreds protested in Kano on Monday, demanding the release of activists who were arrested."
    )
    assert [e["acled_sub_event_type"] for e in evs if e["acled_event_type"]] == ["Peaceful protest"]


def test_police_interfering_with_a_protest_is_an_intervention(nlp):
    evs = events(
        nlp, "Hundreds protested in Kano on Monday. The police interfered and dragged two of them away."
    )
    assert [e["acled_sub_event_type"] for e in evs if e["acled_event_type"]] == ["Protest with intervention"]


def test_abduction_and_territory(nlp):
    e = one(events(nlp, "Gunmen abducted 20 students from a school in Kunduz."), "abducted")
    assert e["acled_sub_event_type"] == "Abduction/forced disappearance"
    text = "al Shabaab fighters captured the town of Mogadishu's outskirts after heavy fighting."
    e = one(events(nlp, text),
            "captured")  # fmt: skip
    assert e["acled_sub_event_type"] == "Non-state actor overtakes territory"


def test_protests_and_interventions(nlp):
    e = one(
        events(nlp, "Hundreds of lawyers protested outside the high court in Lahore on Monday."), "protested"
    )
    assert (e["acled_event_type"], e["acled_sub_event_type"]) == ("Protests", "Peaceful protest")
    assert e["size"]["text"] == "Hundreds of lawyers" and e["place"] == "p-lahore"
    e = one(events(nlp, "Police fired tear gas to disperse students protesting in Quetta."), "protesting")
    assert e["acled_sub_event_type"] == "Protest with intervention"


def test_strategic_developments(nlp):
    e = one(
        events(nlp, "Police arrested three suspected Islamic State members in Kabul on Friday."), "arrested"
    )
    assert (e["acled_event_type"], e["acled_sub_event_type"]) == ("Strategic developments", "Arrests")
    assert e["plover_event"] == "COERCE" and e["place"] == "p-kabul"
    text = "The Houthi rebels and the government signed a prisoner exchange agreement in Marib."
    e = one(events(nlp, text),
            "agreement")  # fmt: skip
    assert e["acled_sub_event_type"] == "Agreement" and e["plover_event"] == "AGREE"
    e = one(events(nlp, "The Taliban appointed Mohammad Hassan as the new governor of Helmand."), "appointed")
    assert e["type"] == "appointment" and e["acled_sub_event_type"] == "Change to group/activity"
    assert e["actors"] == ["a-taliban"]


# --- our own types and their arguments -----------------------------------------------------------


def test_movement_with_origin_destination_size_and_date(nlp):
    text = "Nearly 300 families of fighters crossed from Pakistan into Afghanistan in March, officials said."
    e = one(events(nlp, text), "crossed")
    assert e["type"] == "movement"
    assert (e["acled_event_type"], e["acled_sub_event_type"]) == ("Strategic developments", "Other")
    assert e["origin"] == "p-pk" and e["destination"] == "p-af"
    assert e["size"]["high"] == 300 and e["size"]["qualifier"] == "nearly"
    assert e["date"]["start"] == "2023-03-01" and e["time_precision"] == 3
    assert e["modality"] == "reported"


def test_shot_dead_counts_the_object_and_fleeing_alone_is_no_event(nlp):
    text = "Gunmen shot dead three aid workers in Jalalabad on Tuesday. The attackers fled after the attack."
    evs = events(nlp, text)
    e = one(evs, "shot")
    assert (e["acled_event_type"], e["acled_sub_event_type"]) == ("Violence against civilians", "Attack")
    assert e["fatalities"]["best"] == 3
    assert not [x for x in evs if x["trigger"]["text"] == "fled"]
    moved = events(nlp, "Thousands of families fled to Jalalabad after the fighting.")
    assert one(moved, "fled")["type"] == "movement"


def test_shot_dead_read_as_a_noun_is_still_a_killing(nlp):
    # the small model tags "shot" a noun after "riding a motorcycle" and makes "dead" the root
    text = "Gunmen riding a motorcycle shot dead a shopkeeper in Jalalabad on Tuesday."
    e = one(events(nlp, text), "shot")
    assert e["acled_event_type"] == "Violence against civilians"
    assert e["fatalities"]["best"] == 1
    e = one(events(nlp, "Men on a motorbike shot dead two teachers in Jalalabad."), "shot")
    assert e["fatalities"]["best"] == 2


def test_an_event_in_an_address_is_at_its_first_link_whichever_link_the_parse_reaches(nlp):
    # the parenthesis hangs "in Jalalabad" on the company; the parse reaches the province first
    text = (
        "Bombs exploded against three electricity pylons operated by the National Grid Company of "
        "Nigeria (NGC) in Maiduguri, Borno State, Nigeria."
    )
    assert one(events(nlp, text), "Bombs")["place"] == "p-maiduguri"
    # two provinces side by side are no address: neither holds the other
    e = one(events(nlp, "Militants attacked a checkpoint in Helmand, Nangarhar on Monday."), "attacked")
    assert e["place"] == "p-helmand"


def test_presence_base_established_and_there(nlp):
    text = (
        "The militants have set up training camps in Sangin district.\n\n"
        "Villagers said about 200 fighters are now living there."
    )
    evs = events(nlp, text)
    base = one(evs, "set")
    assert base["type"] == "presence"
    assert base["acled_sub_event_type"] == "Headquarters or base established"
    living = one(evs, "living")
    assert living["type"] == "presence" and living["place"] is None  # "there" does not cross paragraphs
    text = "The militants have set up training camps in Sangin district. About 200 fighters are living there."
    living = one(events(nlp, text), "living")
    assert living["place"] == "p-sangin" and living["size"]["best"] == 200


def test_deployment_and_military_operation(nlp):
    e = one(events(nlp, "Pakistan is deploying more than 5,000 troops to Bajaur."), "deploying")
    assert e["type"] == "deployment" and e["plover_event"] == "MOBILIZE"
    assert e["size"]["low"] == 5000 and e["size"]["qualifier"] == "more than"
    assert e["actors"] == ["a-pakistan"] and e["place"] == "p-bajaur"
    text = "Pakistan launched a military operation against militants in Helmand in 2021."
    e = one(events(nlp, text), "operation")
    assert e["type"] == "military_operation" and e["actors"] == ["a-pakistan"]
    assert (e["date"]["start"], e["date"]["end"]) == ("2021-01-01", "2021-12-31")
    assert e["place"] == "p-helmand" and e["geo_precision"] == 3


def test_fatalities_summed_over_a_list_with_breakdown(nlp):
    text = (
        "An allegation linked the killing of four policemen and seven villagers in Sangin district to troops."
    )
    e = one(events(nlp, text), "killing")
    assert e["fatalities"]["best"] == 11
    assert [q["best"] for q in e["fatalities_breakdown"]] == [4, 7]
    assert e["modality"] == "alleged" and e["place"] == "p-sangin"


def test_injured_and_fatalities_apart(nlp):
    e = one(events(nlp, "A car bomb killed three people and wounded 15 others in Mogadishu."), "bomb")
    assert e["fatalities"]["best"] == 3 and e["injured"]["best"] == 15


# --- modality and attribution --------------------------------------------------------------------


def test_modalities(nlp):
    e = one(events(nlp, "Islamic State is believed to have established bases in Nangarhar."), "established")
    assert e["modality"] == "believed" and e["actors"] == ["a-is"]
    e = one(events(nlp, "Militants reportedly kidnapped two engineers in Khost."), "kidnapped")
    assert e["modality"] == "reported"
    e = one(events(nlp, "The Taliban did not attack the convoy in Kunduz."), "attack")
    assert e["modality"] == "negated"
    e = one(events(nlp, "Iran will host a regional conference on Afghanistan next month."), "conference")
    assert e["modality"] == "planned" and e["place"] == "p-tehran" or e["place"] is None
    e = one(
        events(nlp, "The Taliban denied that their fighters attacked the checkpoint in Khost."), "attacked"
    )
    assert e["modality"] == "denied"


def test_host_subject_gives_the_place_and_next_month_is_planned(nlp):
    text = (
        "Tehran has begun an initiative by hosting a six-nation conference on Afghanistan early next month."
    )
    e = one(events(nlp, text, published=None), "conference")
    assert e["type"] == "meeting" and e["plover_event"] == "CONSULT"
    assert e["modality"] == "planned"
    assert e["place"] == "p-tehran"  # the host, not the topic "on Afghanistan"


def test_attribution_names_the_source(nlp):
    text = "According to the Interior Ministry, gunmen killed four guards in Kabul."
    e = one(events(nlp, text), "killed")
    assert e["modality"] == "reported"
    assert e["attribution"]["source"] == "a-moi"
    assert "Interior Ministry" in e["attribution"]["text"]


# --- coreference and claims ----------------------------------------------------------------------


def test_definite_mention_joins_the_earlier_attack_and_claim_gives_perpetrator(nlp):
    text = (
        "A suicide attack on a market in Bajaur killed 30 people on Sunday. "
        "The attack was claimed by the TTP. The attack drew wide condemnation."
    )
    evs = events(nlp, text)
    attacks = [e for e in evs if e["acled_event_type"] == "Explosions/Remote violence"]
    assert len(attacks) == 1
    attack = attacks[0]
    assert len(attack["evidence"]) == 3
    assert attack["actors"] == ["a-ttp"]
    assert attack["fatalities"]["best"] == 30 and attack["place"] == "p-bajaur"
    claim = one(evs, "claimed")
    assert claim["type"] == "claim" and claim["claimed_event"] == attack["id"]
    for ev in attack["evidence"]:
        assert text[ev["span"][0] : ev["span"][1]] == ev["text"]


# --- places and dates never from the dateline alone ----------------------------------------------


def test_dateline_is_not_the_place_and_sentence_fallback_is_coarser(nlp):
    text = "KABUL (Reuters) - Gunmen shot dead two judges on Sunday."
    doc = prepared(nlp, text)
    doc._.dateline_dateline = {"text": "KABUL", "span": [0, 5], "place": "Kabul", "full_span": [0, 17]}
    doc._.dateline_places = [
        {"id": "p-kabul", "name": "Kabul", "feature": "PPLC", "mentions": [{"text": "KABUL", "span": [0, 5]}]}
    ]
    e = one(nlp(doc)._.dateline_events, "shot")
    assert e["place"] is None and e["fatalities"]["best"] == 2
    e = one(events(nlp, "Two judges were shot dead on Sunday as a court in Kabul closed."), "shot")
    assert e["place"] == "p-kabul"
    e = one(events(nlp, "Heavy fighting raged for hours, residents of Helmand said."), "fighting")
    assert e["place"] == "p-helmand" and e["geo_precision"] == 3


def test_publication_date_stands_in_with_coarser_precision(nlp):
    e = one(events(nlp, "Gunmen killed a tribal elder in Khost.", published="2023-02-01"), "killed")
    assert (e["date"]["start"], e["time_precision"]) == ("2023-02-01", 2)
    e = one(events(nlp, "Gunmen killed a tribal elder in Khost.", published=None), "killed")
    assert e["date"] is None and e["time_precision"] is None


def test_record_shape(nlp):
    e = events(nlp, "Gunmen killed a tribal elder in Khost on Sunday.")[0]
    assert set(e) >= {
        "id", "type", "acled_event_type", "acled_sub_event_type", "plover_event", "actors", "targets",
        "place", "origin", "destination", "date", "fatalities", "injured", "size", "modality",
        "attribution", "evidence", "geo_precision", "time_precision", "fatalities_breakdown",
    }  # fmt: skip
    json.dumps(e)  # plain data


# --- ontology, serialisation, processes, blank pipelines -----------------------------------------


def test_ontology_has_acled_codebook_and_rejects_unknown_types(tmp_path):
    onto = Ontology.default()
    assert len(onto.acled) == 6 and sum(len(v) for v in onto.acled.values()) == 25
    assert onto.acled_definition("Battles", "Armed clash")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"types": [{"id": "x", "family": "violence", "acled_event_type": "Wars",
                                          "triggers": [{"lemma": ["war"]}]}]}))  # fmt: skip
    with pytest.raises(ConfigError):
        Ontology.load([bad])


CUSTOM = {
    "types": [
        {"id": "cattle_raid", "family": "violence", "acled_event_type": "Violence against civilians",
         "acled_sub_event_type": "Attack", "plover_event": "COERCE",
         "triggers": [{"pattern": [{"LOWER": "cattle"}, {"LEMMA": "raid"}]}]}
    ]
}  # fmt: skip


def test_custom_type_survives_to_disk_and_spacy_load(tmp_path):
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps(CUSTOM))
    nlp = spacy.load(Settings().spacy_model)
    for name in BEFORE:
        nlp.add_pipe(name)
    nlp.add_pipe("dateline_events", config={"ontology_path": str(extra)})
    text = "Armed men carried out a cattle raid near Gao, killing three herders."
    before = nlp(prepared(nlp, text))._.dateline_events
    assert one(before, "raid")["type"] == "cattle_raid"
    nlp.to_disk(tmp_path / "model")
    extra.unlink()  # the saved pipeline holds the ontology itself
    loaded = spacy.load(tmp_path / "model")
    after = loaded(prepared(loaded, text))._.dateline_events
    assert after == before


def test_n_process_2_gives_the_same_events(nlp):
    texts = [
        "Taliban gunmen attacked a checkpoint in Kunduz, killing two guards.",
        "Police arrested nine protesters in Lahore.",
        "Nearly 300 families crossed from Pakistan into Afghanistan.",
    ]
    one_proc = [d._.dateline_events for d in nlp.pipe([prepared(nlp, t) for t in texts])]
    two_proc = [d._.dateline_events for d in nlp.pipe([prepared(nlp, t) for t in texts], n_process=2)]
    assert one_proc == two_proc and all(one_proc)


def test_blank_pipeline_degrades_to_no_events():
    blank = spacy.blank("en")
    blank.add_pipe("dateline_events")
    doc = blank("Gunmen attacked a checkpoint in Kunduz, killing two guards.")
    assert doc._.dateline_events == []


def test_verbal_events_can_be_switched_off(tmp_path):
    nlp = spacy.load(Settings().spacy_model)
    nlp.add_pipe("dateline_events", config={"verbal_events": False})
    doc = nlp("Pakistan condemned the attack and demanded an investigation.")
    assert all(e["plover_event"] not in ("DISAPPROVE", "DEMAND") for e in doc._.dateline_events)
    path = Path(tmp_path)
    assert path.exists()


# --- document-level incidents --------------------------------------------------------------------


def _coded(evs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in evs if e["acled_event_type"]]


def test_one_incident_told_in_several_sentences_is_one_acled_event(nlp):
    text = (
        "A suicide bomber struck a crowded market in Mogadishu on Thursday, police said. "
        "The blast killed 12 people and wounded 30 others. "
        "al Shabaab claimed responsibility for the bombing. "
        "The group carried out a similar bombing in Mogadishu in 2019."
    )
    evs = events(nlp, text)
    coded = _coded(evs)
    assert len(coded) == 2, [(e["trigger"]["text"], e["acled_sub_event_type"]) for e in coded]
    incident, background = coded
    assert incident["acled_sub_event_type"] == "Suicide bomb"
    assert incident["fatalities"]["best"] == 12 and incident["injured"]["best"] == 30
    assert incident["actors"] == ["a-shabaab"] and incident["place"] == "p-mogadishu"
    assert incident["date"]["start"] == "2023-05-18"
    assert len(incident["evidence"]) >= 3
    assert background["date"]["start"] == "2019-01-01" and background["fatalities"] is None
    claim = one(evs, "claimed")
    assert claim["claimed_event"] == incident["id"]


def test_casualty_update_takes_the_highest_toll_not_the_sum(nlp):
    text = (
        "Gunmen attacked a village near Gao on Tuesday, killing eight civilians. "
        "The death toll from the attack rose to 14 on Wednesday, officials said."
    )
    coded = _coded(events(nlp, text))
    assert len(coded) == 1
    assert coded[0]["fatalities"]["best"] == 14
    assert coded[0]["date"]["start"] == "2023-05-16"


def test_generic_attack_folds_into_the_specific_sub_type_and_most_precise_place(nlp):
    text = (
        "Militants attacked an army checkpoint in Helmand on Monday. "
        "Afghan soldiers fought the attackers for hours in Sangin, and five soldiers were killed."
    )
    coded = _coded(events(nlp, text))
    assert len(coded) == 1
    assert coded[0]["acled_sub_event_type"] == "Armed clash"
    assert coded[0]["place"] == "p-sangin"
    assert coded[0]["fatalities"]["best"] == 5


def test_incidents_in_different_places_or_negated_stay_apart(nlp):
    text = (
        "Taliban fighters attacked a checkpoint in Kunduz on Monday, killing three soldiers. "
        "Taliban fighters attacked a police post in Quetta on Monday, killing two policemen. "
        "The Taliban did not attack the market in Kunduz."
    )
    coded = _coded(events(nlp, text))
    assert [e["place"] for e in coded] == ["p-kunduz", "p-quetta", "p-kunduz"]
    assert [e["modality"] == "negated" for e in coded] == [False, False, True]


def test_incident_rules_from_the_shipped_ontology():
    from dateline.events.extents import places_compatible
    from dateline.events.incidents import IncidentRules

    rules = IncidentRules.from_dict(Ontology.load().lexicon["incident_merging"])
    attack = {"acled_event_type": "Violence against civilians", "acled_sub_event_type": "Attack"}
    bomb = {"acled_event_type": "Explosions/Remote violence", "acled_sub_event_type": "Suicide bomb"}
    arrest = {"acled_event_type": "Strategic developments", "acled_sub_event_type": "Arrests"}
    deal = {"acled_event_type": "Strategic developments", "acled_sub_event_type": "Agreement"}
    assert rules.types_agree(attack, bomb) and rules.types_agree(bomb, attack)
    assert not rules.types_agree(attack, arrest) and not rules.types_agree(arrest, deal)
    assert rules.specificity(bomb) < rules.specificity(attack)
    kabul = {"id": "k", "feature": "PPLC", "country_code": "AF", "admin1": "Kabul", "name": "Kabul"}
    province = {"id": "kp", "feature": "ADM1", "country_code": "AF", "admin1": "Kabul", "name": "Kabul"}
    country = {"id": "af", "feature": "PCLI", "country_code": "AF", "name": "Afghanistan"}
    quetta = {"id": "q", "feature": "PPLA", "country_code": "PK", "admin1": "Balochistan", "name": "Quetta"}
    assert places_compatible(kabul, province) and places_compatible(country, kabul)
    assert places_compatible(None, quetta) and not places_compatible(kabul, quetta)


# --- active claims and the two sides of a clash ---------------------------------------------------


@pytest.mark.parametrize(
    "claim",
    [
        "al Shabaab claimed the attack.",
        "al Shabaab claimed responsibility for the bombing.",
        "al Shabaab said it was behind the blast.",
        "In a statement, al Shabaab said its fighters carried out the attack.",
        "al Shabaab claimed responsibility.",
    ],
)
def test_active_claim_gives_the_claimant_as_the_attacks_actor(nlp, claim):
    evs = events(nlp, f"A car bomb exploded in Mogadishu on Sunday, killing 8 people. {claim}")
    attacks = [e for e in evs if e["acled_event_type"] == "Explosions/Remote violence"]
    assert len(attacks) == 1
    assert attacks[0]["actors"] == ["a-shabaab"]
    assert attacks[0]["fatalities"]["best"] == 8


def test_pronoun_is_not_a_speaker_it_does_not_report(nlp):
    evs = events(nlp, "A car bomb exploded in Mogadishu on Sunday. It killed 8 people, al Shabaab denied.")
    assert all(e["actors"] == [] for e in evs if e["acled_event_type"])


@pytest.mark.parametrize(
    "text",
    [
        "Fighting broke out between the Taliban and Afghan soldiers in Sangin on Tuesday.",
        "Heavy clashes erupted between the Taliban and Afghan soldiers in Sangin on Tuesday.",
        "The Taliban clashed with Afghan soldiers in Sangin on Tuesday.",
        "The Taliban fought Afghan soldiers in Sangin on Tuesday.",
    ],
)
def test_clash_gives_both_sides(nlp, text):
    clashes = [e for e in events(nlp, text) if e["acled_sub_event_type"] == "Armed clash"]
    assert len(clashes) == 1
    assert clashes[0]["actors"] == ["a-taliban"] and clashes[0]["targets"] == ["a-afghan-army"]
    assert clashes[0]["place"] == "p-sangin"


@pytest.mark.parametrize(
    "second",
    [
        "The attack took place in Jalalabad.",
        "The attack occurred in Jalalabad, officials said.",
        "The attack happened near a market in Jalalabad.",
    ],
)
def test_a_later_sentence_saying_where_the_attack_happened_places_it(nlp, second):
    evs = events(nlp, "Gunmen killed two guards on Sunday. " + second)
    attacks = [e for e in evs if e["acled_event_type"] == "Battles" or e["type"] in ("attack", "armed_clash")]
    assert len(attacks) == 1 and attacks[0]["place"] == "p-jalalabad"
    assert attacks[0]["fatalities"]["best"] == 2


def test_a_definite_mention_elsewhere_stays_apart(nlp):
    # the mention's place is not the antecedent's nor within it: another attack
    evs = events(nlp, "Gunmen killed two guards in Kunduz on Sunday. The attack took place in Quetta.")
    assert sorted(e["place"] for e in evs if e["place"]) == ["p-kunduz", "p-quetta"]


def test_an_event_with_no_place_before_it_takes_the_next_one_of_its_paragraph(nlp):
    e = one(events(nlp, "Gunmen killed a teacher on Monday. Police in Kunduz said they fled."), "killed")
    assert e["place"] == "p-kunduz" and e["geo_precision"] == 3
    # never a place of the next paragraph
    e = one(events(nlp, "Gunmen killed a teacher on Monday.\n\nPolice in Kunduz arrested two men."), "killed")
    assert e["place"] is None


@pytest.mark.parametrize(
    "text",
    [
        "A bomb hit the Kabul-based militia on the road to Kunduz on Monday.",
        "The Kabul-based militia was hit by a bomb in Kunduz on Monday.",
        "A bomb hit a convoy carrying supplies for the Kabul-based militia on the highway in Kunduz.",
    ],
)
def test_a_place_in_a_compound_adjective_is_not_where_the_event_happened(nlp, text):
    # "the Kabul-based militia": what kind of militia, not where the bomb went off
    assert one(events(nlp, text), "bomb")["place"] == "p-kunduz"


@pytest.mark.parametrize(
    "text",
    [
        "Militants set off a bomb beside a police van in Jalalabad, south of Kabul. Two men died.",
        "Gunmen attacked a checkpoint in Jalalabad, east of Kabul, on Monday.",
    ],
)
def test_a_place_other_places_are_placed_from_is_not_where_the_event_happened(nlp, text):
    # "Jalalabad, south of Kabul": Kabul only says where Jalalabad lies
    assert events(nlp, text)[0]["place"] == "p-jalalabad"


def test_an_event_with_no_place_of_its_own_takes_the_paragraphs_town_before_its_country(nlp):
    # the country of a background sentence comes before the town the incident is placed in
    text = (
        "Gunmen killed a teacher on Monday. Such attacks are common in Afghanistan. "
        "The incident took place in Kunduz."
    )
    assert one(events(nlp, text), "killed")["place"] == "p-kunduz"


def test_an_event_with_no_place_of_its_own_takes_the_paragraphs_finest_place(nlp):
    # the district before the province that follows it: "Sangin (Helmand)" places the incident in Sangin
    text = "Traders crowded the Sangin market (Helmand) on Monday. A bomb exploded at noon, killing two."
    assert one(events(nlp, text), "bomb")["place"] == "p-sangin"


def test_a_town_naming_a_building_is_where_the_attack_was(nlp):
    # "a Kunduz wedding hall" is a hall in Kunduz; a country modifying a noun stays no place
    text = "One man was injured in a shooting attack at a Kunduz wedding hall. Afghanistan condemned it."
    assert one(events(nlp, text), "shooting")["place"] == "p-kunduz"


def test_where_a_victim_is_from_is_not_where_he_was_kidnapped(nlp):
    text = "Gunmen in Kunduz kidnapped a teacher and an engineer from Pakistan on Monday."
    assert one(events(nlp, text), "kidnapped")["place"] == "p-kunduz"


def test_a_clause_the_parser_hangs_on_what_a_protest_is_against_still_places_it(nlp):
    # "protesters demonstrating against dire living conditions gathered in Kunduz": the parser may
    # read "conditions gathered in Kunduz" as one phrase; the place is still where they gathered
    text = (
        "On Monday, protesters demonstrating against dire economic and living conditions gathered in"
        " Kunduz and blocked the main road in both directions."
    )
    assert one(events(nlp, text), "protesters")["place"] == "p-kunduz"
