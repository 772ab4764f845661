"""Coreference of people, role facts, and the pure alias and nominal rules behind the actors component."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from dateline.actors import unregistered_id
from dateline.actors.aliases import AliasCues, find_acronym_definitions, initials_match, is_acronym
from dateline.actors.nominal import ActorLexicon
from dateline.nlp.extensions import register_extensions
from dateline.settings import Settings

ACTORS_TOML = """
[[actor]]
id = "test-punjabi-taliban"
name = "Punjabi Taliban"
kind = "militant_group"
country = "PK"
aliases = ["Punjab Taliban"]

[[actor]]
id = "test-pakistan-military"
name = "Military Forces of Pakistan"
kind = "military"
country = "PK"
"""


@pytest.fixture(scope="module")
def nlp(tmp_path_factory: pytest.TempPathFactory) -> spacy.language.Language:
    path: Path = tmp_path_factory.mktemp("coref") / "actors.toml"
    path.write_text(ACTORS_TOML, encoding="utf-8")
    register_extensions()
    nlp = spacy.load(Settings().spacy_model)
    nlp.add_pipe("dateline_actors", config={"extra_registry": [str(path)], "builtin_registry": False})
    return nlp


@pytest.fixture(scope="module")
def lexicon() -> ActorLexicon:
    return ActorLexicon.default()


def read(nlp, text: str):  # noqa: ANN001, ANN201
    doc = nlp.make_doc(text)
    doc._.dateline_published = "2015-01-30"
    return nlp(doc)


def actor_of(doc, mention: str, nth: int = 1) -> dict:  # noqa: ANN001
    start = -1
    for _ in range(nth):
        start = doc.text.index(mention, start + 1)
    end = start + len(mention)
    for actor in doc._.dateline_actors:
        if any(m["span"][0] < end and start < m["span"][1] for m in actor["mentions"]):
            return actor
    raise AssertionError(f"{mention!r} is not the mention of any actor")


def roles(doc) -> dict[str, list[tuple[str, str | None]]]:  # noqa: ANN001
    out: dict[str, list[tuple[str, str | None]]] = {}
    for fact in doc._.dateline_actor_facts:
        if fact["type"] == "role":
            assert doc.text[fact["span"][0] : fact["span"][1]] == fact["text"]
            out.setdefault(fact["actor"], []).append((fact["role"], fact["of"]))
    return out


# --- coreference ----------------------------------------------------------------------------------


def test_surnames_and_titled_short_forms_join_the_full_name(nlp) -> None:
    text = (
        "Former Afghan President Hamid Karzai criticised Islamabad. In his farewell address Karzai said the "
        "war was imposed on Afghans. Pakistani Prime Minister Nawaz Sharif said Pakistan wanted peace, and "
        "later Pakistani PM Sharif had said the two countries face common challenges. "
        "Karzai’s aides disagreed."
    )
    doc = read(nlp, text)
    karzai = actor_of(doc, "Hamid Karzai")
    assert karzai["id"] == unregistered_id("person", "Hamid Karzai")
    assert actor_of(doc, "Karzai", nth=2) is karzai and actor_of(doc, "Karzai’s") is karzai
    sharif = actor_of(doc, "Nawaz Sharif")
    assert actor_of(doc, "Sharif", nth=2) is sharif
    assert [m["text"] for m in sharif["mentions"]] == ["Nawaz Sharif", "Sharif"]  # titles are not the name


def test_two_people_with_one_surname_stay_apart(nlp) -> None:
    text = (
        "Prime Minister Nawaz Sharif met army chief General Raheel Sharif in Rawalpindi on Monday. "
        "Raheel Sharif briefed him on the operation in North Waziristan."
    )
    doc = read(nlp, text)
    nawaz, raheel = actor_of(doc, "Nawaz Sharif"), actor_of(doc, "Raheel Sharif")
    assert nawaz["id"] != raheel["id"]
    assert actor_of(doc, "Raheel Sharif", nth=2) is raheel


def test_name_variants_with_and_without_middle_names(nlp) -> None:
    text = (
        "Commander of US forces in Afghanistan General John F Campbell told the Senate Armed Services "
        "Committee that the threat was growing. John Campbell added that Campbell's staff were reviewing it."
    )
    doc = read(nlp, text)
    campbell = actor_of(doc, "John F Campbell")
    assert campbell["name"] == "John F Campbell"
    assert actor_of(doc, "John Campbell") is campbell and actor_of(doc, "Campbell", nth=3) is campbell
    assert campbell["country_code"] == "US"  # from "Commander of US forces"


# --- roles ----------------------------------------------------------------------------------------


def test_titles_before_a_name_are_role_facts(nlp) -> None:
    text = (
        "Afghan Foreign Ministry spokesperson Ahmad Shakib Mustaghni said Pakistani forces carried out the "
        "attack. Afghan interior minister Mohammad Umer Daudzai blamed Islamabad, while Punjabi Taliban "
        "chief Ismatullah Muawiya said his men would fight in Afghanistan."
    )
    doc = read(nlp, text)
    found = roles(doc)
    government = unregistered_id("government", "Government of Afghanistan")
    mustaghni = actor_of(doc, "Ahmad Shakib Mustaghni")
    assert found[mustaghni["id"]] == [("spokesperson", government)]
    assert mustaghni["country_code"] == "AF"
    assert found[actor_of(doc, "Mohammad Umer Daudzai")["id"]] == [("interior minister", "Afghanistan")]
    muawiya = actor_of(doc, "Ismatullah Muawiya")
    assert muawiya["kind"] == "person" and found[muawiya["id"]] == [("chief", "test-punjabi-taliban")]
    assert muawiya["country_code"] == "PK"


def test_appositions_are_role_facts(nlp) -> None:
    text = (
        "“They are actively busy with training,” said Gul Ahmad Azimi, a senator from Farah. "
        "Gen. Asim Bajwa, a spokesman for the Pakistani military, said the army would not stop."
    )
    doc = read(nlp, text)
    found = roles(doc)
    assert ("senator", "Farah") in found[actor_of(doc, "Gul Ahmad Azimi")["id"]]
    bajwa = actor_of(doc, "Asim Bajwa")
    assert ("spokesperson", "test-pakistan-military") in found[bajwa["id"]]
    assert ("general", None) in found[bajwa["id"]]
    assert bajwa["country_code"] == "PK"
    fact = next(f for f in doc._.dateline_actor_facts if f.get("role") == "spokesperson")
    assert fact["text"] == "Asim Bajwa, a spokesman for the Pakistani military"


def test_former_is_not_part_of_the_role(nlp) -> None:
    doc = read(nlp, "The group appointed Mullah Raouf Khadim, a former Afghan Taliban commander, as deputy.")
    taliban = actor_of(doc, "Afghan Taliban")  # not in this test's registry: an unknown armed group
    assert taliban["id"] == unregistered_id("militant_group", "Afghan Taliban")
    assert roles(doc)[actor_of(doc, "Mullah Raouf Khadim")["id"]] == [("commander", taliban["id"])]


# --- pure rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("acronym", "words", "ok"),
    [
        ("ISK", ["Islamic", "State", "Khurasan"], True),
        ("ISI", ["Inter", "Service", "Intelligence", "Agency"], True),
        ("TTP", ["Tehreek", "i", "Taliban", "Pakistan"], True),
        ("JNIM", ["Jama'at", "Nusrat", "al", "Islam", "wal", "Muslimin"], True),
        ("ISKP", ["Islamic", "State", "Khorasan", "Province"], True),
        ("ISI", ["Pakistan", "Inter", "Service", "Intelligence"], False),  # the first word must start it
        ("TTP", ["Taliban", "Pakistan"], False),
        ("AQAP", ["al", "Qaeda", "in", "the", "Arabian", "Peninsula"], False),  # a joining word cannot lead
    ],
)
def test_initials_match(acronym: str, words: list[str], ok: bool, lexicon: ActorLexicon) -> None:
    assert initials_match(acronym, words, lexicon.acronym_skip) is ok


def test_acronym_definitions_pick_the_shortest_long_form(lexicon: ActorLexicon) -> None:
    text = "Afghan officials blamed Pakistan’s Inter Service Intelligence Agency (ISI). KABUL (Reuters) - ok."
    found = find_acronym_definitions(text, lexicon.acronym_skip)
    assert [(d.long, d.acronym) for d in found] == [("Inter Service Intelligence Agency", "ISI")]
    assert text[found[0].long_span[0] : found[0].long_span[1]] == "Inter Service Intelligence Agency"
    assert is_acronym("IS-K") and is_acronym("ISKP") and not is_acronym("Reuters")


def test_known_as_and_or_cues(lexicon: ActorLexicon) -> None:
    cues = AliasCues(
        lexicon.alias_adverbs, lexicon.alias_verbs, lexicon.alias_prepositions, lexicon.alias_or_words
    )
    text = "The Islamic State Khurasan (ISK) commonly known in Afghanistan as ‘Daesh’ is growing."
    (known,) = cues.find_known_as(text)
    assert known.alias == "Daesh" and text[known.alias_span[0] : known.alias_span[1]] == "Daesh"
    (alias,) = cues.find_or_acronyms("The Pakistani Taliban, or TTP, struck again.")
    assert alias.alias == "TTP"
    assert cues.find_or_acronyms("Soldiers, or police, came.") == []


@pytest.mark.parametrize(
    ("head", "modifiers", "country", "focus", "expected"),
    [
        ("forces", [], "PK", None, ("Military Forces of Pakistan", "military")),
        ("officials", [], "AF", None, ("Government of Afghanistan", "government")),
        ("villagers", ["local"], None, "AF", ("Civilians (Afghanistan)", "civilians")),
        ("sources", ["security"], None, "PK", ("Security Sources (Pakistan)", "other")),
        ("gunmen", ["unidentified"], None, "SO", ("Unidentified Armed Group (Somalia)", "militant_group")),
        ("militants", ["foreign"], None, "AF", ("Foreign Militants (Afghanistan)", "militant_group")),
        ("police", [], "KE", None, ("Police Forces of Kenya", "police")),
        # ACLED names a country's police branches as units of its forces
        (
            "police forces",
            ["military"],
            None,
            "BR",
            ("Military Forces of Brazil Military Police", "military"),
        ),
        ("police", ["federal"], None, "MX", ("Police Forces of Mexico Federal Police", "police")),
        ("police officers", ["civil"], None, "BR", ("Police Forces of Brazil Civil Police", "police")),
    ],
)
def test_nominal_rules(head, modifiers, country, focus, expected, lexicon: ActorLexicon) -> None:  # noqa: ANN001
    actor = lexicon.classify(head, modifiers, country, focus)
    assert actor is not None and (actor.name, actor.kind) == expected


def test_nominal_rules_that_do_not_apply(lexicon: ActorLexicon) -> None:
    assert lexicon.classify("militants", [], None, "AF") is None  # bare "militants" names nobody
    assert lexicon.classify("forces", [], None, "AF") is None  # bare "forces" neither
    assert lexicon.classify("sources", [], None, "AF") is None
    assert lexicon.classify("civilians", [], None, None) is None  # no country known at all
    assert lexicon.country_of("US") == "US" and lexicon.country_of("us") is None
