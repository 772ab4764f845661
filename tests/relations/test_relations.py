"""The dateline_relations component: relations between actors, read from real-looking news sentences.

The model parses; the actors are set by hand (as ``dateline_actors`` would set them), so these tests
do not depend on the actor registry.
"""

from __future__ import annotations

import re

import pytest
import spacy

from dateline.errors import ConfigError
from dateline.relations import MODALITIES, RelationLexicon
from dateline.relations.component import RelationExtractor
from dateline.settings import Settings

KEYS = {
    "id",
    "subject",
    "predicate",
    "object",
    "modality",
    "evidence",
    "subject_text",
    "object_text",
    "trigger",
    "attribution",
    "role",
    "former",
    "event",
    "target_relation",
}


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load(Settings().spacy_model)
    nlp.add_pipe("dateline_relations")
    return nlp


def actor_list(text: str, actors: dict[str, tuple[str, str]]) -> list[dict]:
    """Actor dicts with every occurrence of each name (``{"name as written": (id, kind)}``) as a mention."""
    by_id: dict[str, dict] = {}
    for words, (actor_id, kind) in actors.items():
        actor = by_id.setdefault(
            actor_id,
            {
                "id": actor_id,
                "name": words,
                "kind": kind,
                "country_code": None,
                "aliases": [],
                "mentions": [],
            },
        )
        for m in re.finditer(re.escape(words), text):
            actor["mentions"].append({"text": words, "span": [m.start(), m.end()]})
    return list(by_id.values())


def read(nlp, text: str, actors: dict[str, tuple[str, str]], **extensions) -> list[dict]:
    doc = nlp.make_doc(text)
    doc._.dateline_actors = actor_list(text, actors)
    for name, value in extensions.items():
        setattr(doc._, name, value)
    doc = nlp(doc)
    found = doc._.dateline_relations
    for r in found:
        assert set(r) == KEYS
        assert r["modality"] in MODALITIES
        for ev in r["evidence"]:
            assert text[ev["span"][0] : ev["span"][1]] == ev["text"]
        t = r["trigger"]
        assert text[t["span"][0] : t["span"][1]] == t["text"]
    return found


def triples(found: list[dict]) -> set[tuple]:
    return {(r["subject"], r["predicate"], r["object"]) for r in found}


def one(found: list[dict], predicate: str) -> dict:
    hits = [r for r in found if r["predicate"] == predicate]
    assert len(hits) == 1, found
    return hits[0]


SHABAAB = {"al-Shabaab": ("al-shabaab", "militant_group")}


# --- roles -----------------------------------------------------------------------------------------


def test_apposition_leader_of(nlp):
    text = "Ahmed Diriye, the leader of al-Shabaab, urged fighters to step up attacks in Lower Shabelle."
    found = read(nlp, text, {"Ahmed Diriye": ("ahmed-diriye", "person"), **SHABAAB})
    r = one(found, "leader_of")
    assert (r["subject"], r["object"], r["modality"]) == ("ahmed-diriye", "al-shabaab", "asserted")
    assert r["role"] == "leader"
    assert r["evidence"][0]["text"] == text


def test_title_before_name_member_of(nlp):
    text = "Al-Shabaab spokesman Ali Dhere said the group had killed six soldiers near Baidoa."
    found = read(
        nlp, text, {"Ali Dhere": ("ali-dhere", "person"), "Al-Shabaab": ("al-shabaab", "militant_group")}
    )
    assert ("ali-dhere", "member_of", "al-shabaab") in triples(found)


def test_former_commander_is_member_with_flag(nlp):
    text = "The raid was led by Abu Hamza, a former Houthi commander, witnesses said."
    found = read(nlp, text, {"Abu Hamza": ("abu-hamza", "person"), "Houthi": ("houthis", "militant_group")})
    r = one(found, "member_of")
    assert (r["subject"], r["object"], r["former"]) == ("abu-hamza", "houthis", True)


def test_commander_of_is_leader_of(nlp):
    text = "General Kyaw Zaw, the commander of the Tatmadaw in Kachin State, visited Myitkyina on Monday."
    found = read(nlp, text, {"Kyaw Zaw": ("kyaw-zaw", "person"), "Tatmadaw": ("tatmadaw", "military")})
    assert ("kyaw-zaw", "leader_of", "tatmadaw") in triples(found)


def test_faction_apposition_with_dashes(nlp):
    text = "Katiba Macina -- an influential faction of JNIM -- has expanded its operations around Mopti."
    found = read(
        nlp, text, {"Katiba Macina": ("katiba-macina", "militant_group"), "JNIM": ("jnim", "militant_group")}
    )
    assert ("katiba-macina", "faction_of", "jnim") in triples(found)


def test_breakaway_faction_is_split_from(nlp):
    text = "Fighters of Hurras al-Din, a breakaway faction of HTS, clashed with police in Idlib."
    found = read(
        nlp, text, {"Hurras al-Din": ("hurras-al-din", "militant_group"), "HTS": ("hts", "militant_group")}
    )
    assert ("hurras-al-din", "split_from", "hts") in triples(found)


def test_copula_role(nlp):
    text = "Iyad Ag Ghaly is the leader of JNIM, the al-Qaeda branch in the Sahel."
    found = read(
        nlp, text, {"Iyad Ag Ghaly": ("iyad-ag-ghaly", "person"), "JNIM": ("jnim", "militant_group")}
    )
    assert ("iyad-ag-ghaly", "leader_of", "jnim") in triples(found)


def test_possessive_pronoun_and_appositive_name(nlp):
    text = "Al-Shabaab said on Sunday that its leader, Ahmed Diriye, had survived the strike."
    found = read(
        nlp,
        text,
        {"Ahmed Diriye": ("ahmed-diriye", "person"), **{"Al-Shabaab": ("al-shabaab", "militant_group")}},
    )
    assert ("ahmed-diriye", "leader_of", "al-shabaab") in triples(found)


# --- appointments ----------------------------------------------------------------------------------


def test_appointment_as_governor_and_his_deputy(nlp):
    text = (
        "In a statement, Islamic State announced the appointment of Abu Yasir as its governor for the Sahel "
        "and of Abu Huzeifa, a veteran of the group, as his deputy."
    )
    found = read(
        nlp,
        text,
        {
            "Islamic State": ("islamic-state", "militant_group"),
            "Abu Yasir": ("abu-yasir", "person"),
            "Abu Huzeifa": ("abu-huzeifa", "person"),
        },
    )
    got = triples(found)
    assert ("abu-yasir", "leader_of", "islamic-state") in got
    assert ("abu-yasir", "appointed", "islamic-state") in got
    assert ("abu-huzeifa", "deputy_of", "abu-yasir") in got
    assert [r["role"] for r in found if r["predicate"] == "appointed" and r["subject"] == "abu-yasir"] == [
        "governor"
    ]


def test_named_as_new_leader_passive(nlp):
    text = "Abu Ubaidah was named as the new leader of al-Shabaab after the death of Ahmed Godane."
    found = read(nlp, text, {"Abu Ubaidah": ("abu-ubaidah", "person"), **SHABAAB})
    got = triples(found)
    assert ("abu-ubaidah", "leader_of", "al-shabaab") in got


# --- verbs -----------------------------------------------------------------------------------------


def test_led_by_participle(nlp):
    text = "The attack was carried out by the JNIM coalition led by Iyad Ag Ghaly, officials said."
    found = read(
        nlp, text, {"Iyad Ag Ghaly": ("iyad-ag-ghaly", "person"), "JNIM": ("jnim", "militant_group")}
    )
    assert ("iyad-ag-ghaly", "leader_of", "jnim") in triples(found)


def test_broke_away_from(nlp):
    text = "Jamaat-ul-Ahrar broke away from the TTP in 2014 after a dispute over leadership."
    found = read(nlp, text, {"Jamaat-ul-Ahrar": ("jua", "militant_group"), "TTP": ("ttp", "militant_group")})
    r = one(found, "split_from")
    assert (r["subject"], r["object"], r["modality"]) == ("jua", "ttp", "asserted")


def test_will_not_allow_is_asserted_opposition_with_pronoun(nlp):
    text = (
        "The Taliban have said that they will not allow al-Qaeda to use Afghan soil against other countries."
    )
    found = read(
        nlp, text, {"Taliban": ("taliban", "militant_group"), "al-Qaeda": ("al-qaeda", "militant_group")}
    )
    r = one(found, "opposes")
    assert (r["subject"], r["object"], r["modality"]) == ("taliban", "al-qaeda", "asserted")
    assert r["subject_text"] == "Taliban"


def test_accusation_with_alleged_support(nlp):
    text = "Saudi Arabia has accused Iran of arming the Houthis with ballistic missiles."
    found = read(
        nlp,
        text,
        {
            "Saudi Arabia": ("saudi-arabia", "state"),
            "Iran": ("iran", "state"),
            "Houthis": ("houthis", "militant_group"),
        },
    )
    acc = one(found, "accuses")
    assert (acc["subject"], acc["object"], acc["modality"]) == ("saudi-arabia", "iran", "asserted")
    sup = one(found, "supports")
    assert (sup["subject"], sup["object"], sup["modality"]) == ("iran", "houthis", "alleged")


def test_passive_accusation_and_denial_of_the_charge(nlp):
    text = (
        "Rwanda has long been accused by Congo of backing the M23 rebels. "
        "Kigali has repeatedly denied the charge."
    )
    found = read(
        nlp,
        text,
        {
            "Rwanda": ("rwanda", "state"),
            "Kigali": ("rwanda", "state"),
            "Congo": ("drc", "state"),
            "M23": ("m23", "militant_group"),
        },
    )
    acc = one(found, "accuses")
    assert (acc["subject"], acc["object"]) == ("drc", "rwanda")
    assert ("rwanda", "supports", "m23") in triples(found)
    assert one(found, "supports")["modality"] == "alleged"
    den = one(found, "denies")
    assert (den["subject"], den["object"], den["modality"]) == ("rwanda", "drc", "asserted")
    assert den["target_relation"] == acc["id"]


def test_denied_gerund_gives_denied_support(nlp):
    text = "Eritrea denied sending troops to support the Ethiopian army in Tigray."
    found = read(
        nlp, text, {"Eritrea": ("eritrea", "state"), "Ethiopian army": ("ethiopian-army", "military")}
    )
    r = one(found, "supports")
    assert (r["subject"], r["object"], r["modality"]) == ("eritrea", "ethiopian-army", "denied")


def test_claim_of_responsibility_takes_event_target(nlp):
    text = "A suicide bomber struck a police post in Mogadishu. The attack was claimed by al-Shabaab."
    event = {
        "id": "abc-e1",
        "type": "attack",
        "actors": [],
        "targets": ["somali-police"],
        "evidence": [{"text": "The attack was claimed by al-Shabaab.", "span": [51, 88]}],
    }
    found = read(
        nlp,
        text,
        {**SHABAAB, "police": ("somali-police", "police")},
        dateline_events=[event],
    )
    r = one(found, "claims_responsibility")
    assert (r["subject"], r["object"], r["event"], r["modality"]) == (
        "al-shabaab",
        "somali-police",
        "abc-e1",
        "asserted",
    )


def test_claimed_responsibility_without_event_keeps_words(nlp):
    text = "Islamic State claimed responsibility for the bombing of a mosque in Kunduz."
    found = read(nlp, text, {"Islamic State": ("islamic-state", "militant_group")})
    r = one(found, "claims_responsibility")
    assert (r["subject"], r["object"], r["event"]) == ("islamic-state", None, None)
    assert "bombing" in r["object_text"]


def test_allegiance_with_unnamed_subject(nlp):
    text = "Hundreds of fighters in Cabo Delgado have pledged allegiance to the Islamic State."
    found = read(nlp, text, {"Islamic State": ("islamic-state", "militant_group")})
    r = one(found, "allegiance_to")
    assert (r["subject"], r["object"]) == (None, "islamic-state")
    assert "fighters" in r["subject_text"]


def test_allied_with_and_hyphenated_backing(nlp):
    text = "The Iran-backed Houthis have allied with forces loyal to Ali Abdullah Saleh."
    found = read(
        nlp,
        text,
        {
            "Iran": ("iran", "state"),
            "Houthis": ("houthis", "militant_group"),
            "Ali Abdullah Saleh": ("saleh", "person"),
        },
    )
    got = triples(found)
    assert ("iran", "supports", "houthis") in got


def test_linked_hyphen_is_affiliated(nlp):
    text = "The al-Qaeda-linked JNIM said it had captured two soldiers near Djibo."
    found = read(nlp, text, {"al-Qaeda": ("al-qaeda", "militant_group"), "JNIM": ("jnim", "militant_group")})
    assert ("al-qaeda", "affiliated_with", "jnim") in triples(found)


# --- modality and attribution ---------------------------------------------------------------------


def test_according_to_makes_reported_with_source(nlp):
    text = "According to UN experts, Rwanda supports the M23 rebels in North Kivu."
    found = read(
        nlp,
        text,
        {"UN": ("united-nations", "igo"), "Rwanda": ("rwanda", "state"), "M23": ("m23", "militant_group")},
    )
    r = one(found, "supports")
    assert (r["subject"], r["object"], r["modality"]) == ("rwanda", "m23", "reported")
    assert r["attribution"]["source"] == "united-nations"


def test_said_frame_is_reported(nlp):
    text = "Ukrainian officials said Belarus was backing the Russian offensive with fuel and ammunition."
    found = read(nlp, text, {"Belarus": ("belarus", "state"), "Russian": ("russia", "state")})
    r = one(found, "supports")
    assert (r["subject"], r["modality"]) == ("belarus", "reported")


def test_believed_and_negated_and_hypothetical(nlp):
    text = (
        "Wagner is believed to have backed the junta in Bamako. "
        "Algeria does not support the junta. "
        "Turkey could back the rebels if talks fail."
    )
    found = read(
        nlp,
        text,
        {
            "Wagner": ("wagner", "militant_group"),
            "junta": ("mali-junta", "government"),
            "Algeria": ("algeria", "state"),
            "Turkey": ("turkey", "state"),
            "rebels": ("rebels", "militant_group"),
        },
    )
    modality = {(r["subject"], r["object"]): r["modality"] for r in found if r["predicate"] == "supports"}
    assert modality == {
        ("wagner", "mali-junta"): "believed",
        ("algeria", "mali-junta"): "negated",
        ("turkey", "rebels"): "hypothetical",
    }


def test_unnamed_arguments_give_no_relation(nlp):
    text = "Gunmen loyal to a local commander attacked the village, residents said."
    assert read(nlp, text, {}) == []


def test_relation_merges_evidence_across_sentences(nlp):
    text = "Iran backs the Houthis. Analysts agree that Iran backs the Houthis."
    found = read(nlp, text, {"Iran": ("iran", "state"), "Houthis": ("houthis", "militant_group")})
    asserted = [r for r in found if r["predicate"] == "supports" and r["modality"] == "asserted"]
    assert len(asserted) == 1 and len(asserted[0]["evidence"]) == 2


def test_actor_role_facts_become_relations(nlp):
    text = "The statement was read by Yahya Sarea, whom the movement uses to speak for it."
    fact = {
        "type": "role",
        "actor": "yahya-sarea",
        "role": "spokesman",
        "of": "houthis",
        "text": "Yahya Sarea",
        "span": [26, 37],
    }
    found = read(
        nlp,
        text,
        {"Yahya Sarea": ("yahya-sarea", "person"), "movement": ("houthis", "militant_group")},
        dateline_actor_facts=[fact],
    )
    assert ("yahya-sarea", "member_of", "houthis") in triples(found)


# --- lexicon, serialisation, pipelines ------------------------------------------------------------


def test_custom_role_and_disk_round_trip(nlp, tmp_path):
    text = "Mohammed Abdulsalam, an emissary of the Houthis, met Omani officials in Muscat."
    actors = {"Mohammed Abdulsalam": ("abdulsalam", "person"), "Houthis": ("houthis", "militant_group")}
    custom = spacy.load(Settings().spacy_model)
    component = custom.add_pipe("dateline_relations")
    assert read(custom, text, actors) == []
    component.lexicon.add_role("emissary", "member_of")
    before = read(custom, text, actors)
    assert ("abdulsalam", "member_of", "houthis") in triples(before)
    custom.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert read(loaded, text, actors) == before


def test_bytes_round_trip_and_bad_lexicon(nlp):
    component = nlp.get_pipe("dateline_relations")
    data = component.to_bytes()
    copy = RelationExtractor(nlp).from_bytes(data)
    assert copy.lexicon.to_dict() == component.lexicon.to_dict()
    with pytest.raises(ConfigError):
        RelationLexicon({"predicates": ["leader_of"], "roles": {"boss": {"predicate": "rules_over"}}})
    with pytest.raises(ConfigError):
        component.lexicon.add_verb("rule", "rules_over")


def test_n_process_two_matches_one(nlp):
    texts = [
        "Saudi Arabia has accused Iran of arming the Houthis.",
        "Ahmed Diriye, the leader of al-Shabaab, urged fighters to attack.",
        "Jamaat-ul-Ahrar broke away from the TTP in 2014.",
    ]
    actors = {
        "Saudi Arabia": ("saudi-arabia", "state"),
        "Iran": ("iran", "state"),
        "Houthis": ("houthis", "militant_group"),
        "Ahmed Diriye": ("ahmed-diriye", "person"),
        "al-Shabaab": ("al-shabaab", "militant_group"),
        "Jamaat-ul-Ahrar": ("jua", "militant_group"),
        "TTP": ("ttp", "militant_group"),
    }

    def docs():
        for text in texts:
            doc = nlp.make_doc(text)
            doc._.dateline_actors = actor_list(text, actors)
            yield doc

    one_proc = [d._.dateline_relations for d in nlp.pipe(docs())]
    two_proc = [d._.dateline_relations for d in nlp.pipe(docs(), n_process=2, batch_size=2)]
    assert one_proc == two_proc
    assert all(one_proc)


def test_entity_fallback_without_actor_component(nlp):
    doc = nlp("Ahmed Diriye, the leader of al-Shabaab, urged fighters to attack.")  # dateline_actors unset
    got = {(r["subject_text"], r["predicate"], r["object_text"]) for r in doc._.dateline_relations}
    assert ("Ahmed Diriye", "leader_of", "al-Shabaab") in got
    assert all(r["subject"].startswith("x-") for r in doc._.dateline_relations)


def test_blank_pipeline_degrades_to_no_relations():
    blank = spacy.blank("en")
    blank.add_pipe("dateline_relations")
    text = "Ahmed Diriye, the leader of al-Shabaab, urged fighters to attack."
    doc = blank.make_doc(text)
    doc._.dateline_actors = actor_list(
        text, {"Ahmed Diriye": ("a", "person"), "al-Shabaab": ("b", "militant_group")}
    )
    assert blank(doc)._.dateline_relations == []
