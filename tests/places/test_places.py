"""The ``dateline_places`` component: place recognition on real sentences, look-alikes, serialisation.

A small gazetteer index of a few countries (``conftest.py``) is built once per session, so the
tests do not depend on the cached full index.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from dateline.nlp.datelines import detect_dateline
from dateline.places.component import PlaceRecognizer, render
from dateline.places.finder import PlaceLexicon
from dateline.places.resolver import PlaceMention, Resolution
from dateline.settings import Settings

COUNTRIES = ("AF", "PK", "RU", "SY", "IQ", "IN", "US", "GB", "FR", "PL", "TR", "MA")
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.fixture(scope="session")
def index(places_index: Callable[[tuple[str, ...]], Path]) -> Path:
    return places_index(COUNTRIES)


@pytest.fixture(scope="module")
def nlp(places_nlp: Callable[[tuple[str, ...]], Language]) -> Language:
    return places_nlp(COUNTRIES)


def _component(nlp: Language) -> PlaceRecognizer:
    component = nlp.get_pipe("dateline_places")
    assert isinstance(component, PlaceRecognizer)
    return component


def mentions(nlp: Language, text: str) -> list[PlaceMention]:
    return _component(nlp).mentions(nlp(text))


def names(nlp: Language, text: str) -> list[str]:
    return [m.text for m in mentions(nlp, text)]


# -- gazetteer names, unit words, transliterations -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Militants attacked a checkpoint in Dangam district on Sunday.", ["Dangam district"]),
        ("Fighting spread to eastern Kunar province overnight.", ["eastern Kunar province"]),
        ("The army launched an offensive in Khyber Agency last year.", ["Khyber Agency"]),
        ("Troops were deployed to the Swat valley after the attack.", ["Swat valley"]),
        ("Clashes were reported in the province of Kunar on Monday.", ["province of Kunar"]),
        ("Drone strikes hit North Waziristan Agency again.", ["North Waziristan Agency"]),
        ("Refugees fled from Aleppo to Damascus.", ["Aleppo", "Damascus"]),
        ("The convoy was ambushed near Mosul, officials said.", ["Mosul"]),
    ],
)
def test_unit_words_and_names(nlp: Language, text: str, expected: list[str]) -> None:
    assert names(nlp, text) == expected


def test_unit_word_sets_unit_and_name(nlp: Language) -> None:
    (dangam, kunar) = mentions(nlp, "Eleven people were killed in Dangam district, eastern Kunar province.")
    assert (dangam.name, dangam.unit, dangam.preposition, dangam.container) == (
        "Dangam",
        "district",
        "in",
        "Kunar",
    )
    assert (kunar.name, kunar.unit, kunar.text) == ("Kunar", "province", "eastern Kunar province")


def test_plural_unit_covers_the_list(nlp: Language) -> None:
    found = mentions(nlp, "Operations continue in Kunar and Nangarhar provinces.")
    assert [(m.name, m.unit) for m in found] == [("Kunar", "province"), ("Nangarhar", "province")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Insurgents overran a post in Nooristan province.", "Nooristan"),
        ("Fighting was reported in Zabol province on Friday.", "Zabol"),
        ("Militants crossed into Konar province from Pakistan.", "Konar"),
        ("Elders met in Daychopan district to discuss the truce.", "Daychopan"),
    ],
)
def test_transliteration_variants(nlp: Language, text: str, name: str) -> None:
    assert name in [m.name for m in mentions(nlp, text)]


def test_transliteration_needs_place_context(nlp: Language) -> None:
    # a skeleton-only match without a unit word, preposition or list is not taken on trust
    assert "Karzai" not in names(nlp, "Karzai’s farewell address was broadcast on Sunday.")


# -- possessives, lists and containers ------------------------------------------------------------


def test_possessive_districts_list(nlp: Language) -> None:
    text = (
        "The largest known settlements are in Zabul’s districts of Day Chupan and Khak-e Afghan, "
        "areas that are largely under Taliban control, the report says."
    )
    found = mentions(nlp, text)
    assert [m.name for m in found] == ["Zabul", "Day Chupan", "Khak-e Afghan"]
    assert [m.container for m in found[1:]] == ["Zabul", "Zabul"]
    assert [m.unit for m in found[1:]] == ["district", "district"]


def test_possessive_provinces_including(nlp: Language) -> None:
    text = (
        "Daesh is believed to have bases in Afghanistan’s three provinces including Nangarhar, Kunar and "
        "Nooristan which border with Pakistan."
    )
    found = {m.name: m for m in mentions(nlp, text)}
    assert {"Afghanistan", "Nangarhar", "Kunar", "Nooristan", "Pakistan"} <= set(found)
    assert found["Kunar"].container == "Afghanistan"
    assert found["Nooristan"].unit == "province"


def test_list_of_places_settles_mislabelled_names(nlp: Language) -> None:
    text = (
        "The provinces where these foreign militants are reportedly basing themselves include Ghazni in the "
        "east, Zabul in the south and Farah in the west."
    )
    assert names(nlp, text) == ["Ghazni", "Zabul", "Farah"]


def test_comma_container(nlp: Language) -> None:
    (quetta, pakistan) = mentions(nlp, "A bomb exploded in a market in Quetta, Pakistan, on Saturday.")
    assert quetta.container == "Pakistan"
    assert pakistan.container is None


def test_list_is_not_a_container(nlp: Language) -> None:
    found = mentions(nlp, "Aid reached Kabul, Kandahar and Herat last week.")
    assert [m.name for m in found] == ["Kabul", "Kandahar", "Herat"]
    assert all(m.container is None for m in found)


# -- look-alikes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Pakistani Prime Minister Nawaz Sharif had declared the war would go on.", "Sharif"),
        ("Mr Farah told reporters the talks had failed.", "Farah"),
        ("Mo Farah won the race in London.", "Farah"),
        ("Farah said the situation was calm.", "Farah"),
        ("Police said the attackers escaped.", "Police"),
        ("Reading the report, officials were alarmed.", "Reading"),
        ("Nice work by the rescue teams saved lives.", "Nice"),
        ("Of the dead, three were children.", "Of"),
        ("The bara market stayed closed.", "bara"),
        ("Quoting unnamed Afghan officials, the article says families crossed.", "Quoting"),
    ],
)
def test_look_alikes_are_not_places(nlp: Language, text: str, absent: str) -> None:
    assert absent not in " ".join(names(nlp, text))


def test_person_farah_and_place_farah_in_one_text(nlp: Language) -> None:
    text = "Gul Ahmad Azimi, a senator from Farah, said militants had arrived."
    assert names(nlp, text) == ["Farah"]


@pytest.mark.parametrize(
    "text",
    [
        "Afghan officials said the border was closed.",
        "Pakistani forces shelled the area.",
        "Pakistan stops artillery shelling on Afghan territory.",
    ],
)
def test_demonyms_are_not_places(nlp: Language, text: str) -> None:
    found = names(nlp, text)
    assert not any(n.lower().startswith(("afghan", "pakistani")) for n in found)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("A report in the Wall Street Journal concludes that militants crossed over.", "Wall Street"),
        ("Quoted in the Washington Post, the minister explained the suspicion.", "Washington"),
        ("Members of the Afghan Taliban fled.", "Afghan"),
        ("The Islamic State Khurasan (ISK) is trying to establish its footprint.", "Khurasan"),
        ("A few months ago, the Punjab Taliban declared that it would abandon violence.", "Punjab"),
        ("The attack was claimed by the Tehreek-i-Taliban Pakistan (TTP).", "Pakistan"),
        ("The Pakistani military launched Operation Zarb-e-Azb in June.", "Zarb"),
        ("The military operations Zarb-e-Azb and Khyber-1 continue.", "Khyber"),
    ],
)
def test_places_inside_names_are_not_mentions(nlp: Language, text: str, absent: str) -> None:
    assert absent not in " ".join(names(nlp, text))


def test_possessive_place_before_an_organisation_is_a_place(nlp: Language) -> None:
    text = "Afghan officials have long blamed Pakistan’s Inter Service Intelligence Agency (ISI)."
    assert names(nlp, text) == ["Pakistan"]
    assert "Pakistan" in names(nlp, "Militants targeted by Pakistan’s military operation crossed over.")


def test_lexicon_words_can_be_added(index: Path) -> None:
    nlp = spacy.load(Settings().spacy_model)
    component = nlp.add_pipe("dateline_places", config={"gazetteer_path": str(index)})
    text = "Elders gathered in the Dangam woleswali compound on Tuesday."
    assert [m.text for m in component.mentions(nlp(text))] == ["Dangam"]
    component.add_terms("unit_words", {"woleswali": "district"})
    (found,) = component.mentions(nlp(text))
    assert (found.text, found.unit) == ("Dangam woleswali", "district")
    assert "woleswali" not in PlaceLexicon.default().units


# -- the component: dateline, records, seeds ------------------------------------------------------


def _with_dateline(nlp: Language, text: str):  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(text)
    dateline = detect_dateline(text)
    doc._.dateline_dateline = dateline.to_dict() if dateline else None
    return nlp(doc)


def test_dateline_is_not_a_place_mention(nlp: Language) -> None:
    doc = _with_dateline(nlp, "ISLAMABAD - Militants attacked a police post in Peshawar on Monday.")
    spans = [m["span"] for p in doc._.dateline_places for m in p["mentions"]]
    assert [doc.text[s:e] for s, e in spans] == ["Peshawar"]
    assert not any(u["text"] == "ISLAMABAD" for u in doc._.dateline_unresolved_places)


def test_place_records(nlp: Language) -> None:
    doc = nlp("Troops moved from Kabul to Kunar province, then back to Kabul.")
    places = {p["name"]: p for p in doc._.dateline_places}
    assert places["Kabul"]["country_code"] == "AF"
    assert len(places["Kabul"]["mentions"]) == 2
    assert places["Kunar"]["feature"] == "ADM1"
    for place in doc._.dateline_places:
        assert set(place) >= {
            "id",
            "name",
            "country_code",
            "admin1",
            "admin2",
            "lat",
            "lon",
            "geonameid",
            "feature",
            "mentions",
            "geo_precision",
            "ambiguous",
            "candidates",
        }
        assert place["ambiguous"] is False and place["candidates"] == []
        for m in place["mentions"]:
            assert doc.text[m["span"][0] : m["span"][1]] == m["text"]
    json.dumps(doc._.dateline_places)
    json.dumps(doc._.dateline_unresolved_places)


def test_ambiguous_name_is_a_place_with_its_candidates(nlp: Language) -> None:
    doc = nlp("Floods hit homes in Glendale overnight, and a shelter opened in Qwxzyville.")
    [glendale] = doc._.dateline_places
    assert glendale["ambiguous"] is True and glendale["mentions"][0]["text"] == "Glendale"
    first, *others = glendale["candidates"]
    assert (
        others
        and first["id"] == glendale["id"]
        and (first["lat"], first["lon"])
        == (
            glendale["lat"],
            glendale["lon"],
        )
    )
    assert set(first) == {"id", "name", "country_code", "admin1", "lat", "lon", "feature"}
    assert {c["admin1"] for c in glendale["candidates"]} >= {"Arizona", "California"}
    assert doc._.dateline_unresolved_places == []  # the unknown name is no mention at all
    json.dumps(doc._.dateline_places)


def test_context_settles_the_name_and_clears_the_flag(nlp: Language) -> None:
    doc = nlp("Floods hit homes in Glendale, California overnight.")
    glendale = next(p for p in doc._.dateline_places if p["name"] == "Glendale")
    assert (glendale["admin1"], glendale["ambiguous"], glendale["candidates"]) == ("California", False, [])


def test_render_merges_mentions_of_one_entry(nlp: Language) -> None:
    gazetteer = _component(nlp).gazetteer
    arizona, california = (
        next(e for e in gazetteer.lookup("Glendale") if e.admin1 == state)
        for state in ("Arizona", "California")
    )

    def res(start: int, *, ambiguous: bool) -> Resolution:
        mention = PlaceMention("Glendale", (start, start + 8), "Glendale")
        candidates = (arizona, california) if ambiguous else ()
        return Resolution(mention, arizona, 0.4, ambiguous=ambiguous, candidates=candidates, geo_precision=1)

    [flagged], unresolved = render([res(0, ambiguous=True), res(20, ambiguous=True)])
    assert flagged["ambiguous"] and [c["id"] for c in flagged["candidates"]] == [arizona.id, california.id]
    assert len(flagged["mentions"]) == 2 and unresolved == []
    [settled], _ = render([res(0, ambiguous=True), res(20, ambiguous=False)])
    assert (settled["ambiguous"], settled["candidates"], len(settled["mentions"])) == (False, [], 2)
    places, [unknown] = render([Resolution(PlaceMention("Qwxzy", (0, 5), "Qwxzy"), None, 0.0)])
    assert places == [] and unknown == {"text": "Qwxzy", "span": [0, 5], "name": "Qwxzy", "candidates": []}


@pytest.mark.parametrize(
    ("text", "abbreviation", "state"),
    [
        ("Protesters gathered in Albany, NY on Friday.", "NY", "New York"),
        ("SHOOTING IN ALBANY, NY LEAVES ONE DEAD", "NY", "New York"),
        ("He moved to Portland, OR last year.", "OR", "Oregon"),
        ("The company opened an office in NY last year.", "NY", "New York"),
        ("The governor of CA signed the bill.", "CA", "California"),
        ("In NY, officials said the vote was close.", "NY", "New York"),
        # news-style written forms: one token, split from its full stop, two parts, initials
        ("Louisville, Ky., police said on Monday.", "Ky.", "Kentucky"),
        ("A storm hit Burlington, Vt., on Friday.", "Vt.", "Vermont"),
        ("A flood hit Charleston, W. Va., on Friday.", "W. Va.", "West Virginia"),
        ("He grew up in Columbia, S.C., and left.", "S.C.", "South Carolina"),
    ],
)
def test_postal_abbreviation_in_a_locative_context(
    nlp: Language, text: str, abbreviation: str, state: str
) -> None:
    doc = nlp(text)
    [place] = [p for p in doc._.dateline_places if p["mentions"][0]["text"] == abbreviation]
    assert (place["name"], place["feature"], place["country_code"]) == (state, "ADM1", "US")
    towns = [p for p in doc._.dateline_places if p is not place]
    assert all(t["admin1"] == state for t in towns)  # "Albany, NY": the town inside the state


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("VOTE IN OR OUT", "OR"),
        ("BREAKING: FIRE IN OR NEAR PORTLAND", "OR"),
        ("IT WAS A DAY IN ME", "ME"),
        ("He read it in NY Times.", "NY"),
        ("Wildfires spread to Portland or Salem.", "or"),
        ("Voters in ny said little.", "ny"),
        ("Wash. your hands, officials said.", "Wash."),
        ("Gen. Smith met Mr. Jones in Paris.", "Gen."),
    ],
)
def test_abbreviation_letters_as_ordinary_words(nlp: Language, text: str, word: str) -> None:
    doc = nlp(text)
    found = [m["text"] for p in doc._.dateline_places for m in p["mentions"]]
    found += [u["text"] for u in doc._.dateline_unresolved_places]
    assert word not in found, doc._.dateline_places


@pytest.mark.parametrize(
    ("text", "name", "feature"),
    [
        ("Clashes went on in southern Kandahar on Monday.", "Kandahar", "ADM1"),
        ("He grew up in upstate New York.", "New York", "ADM1"),
        ("A bomb went off in Kandahar city on Monday.", "Kandahār", "PPLA"),
    ],
)
def test_a_compass_side_makes_a_name_an_area(nlp: Language, text: str, name: str, feature: str) -> None:
    [place] = nlp(text)._.dateline_places
    assert (place["name"], place["feature"]) == (name, feature)


def test_a_compass_side_before_a_name_is_place_evidence(nlp: Language) -> None:
    # spaCy reads "Aleppo" here as a LANGUAGE; no preposition, but only places have an eastern side
    doc = nlp("Rebels held eastern Aleppo for years.")
    found = [(p["name"], p["mentions"][0]["text"]) for p in doc._.dateline_places]
    assert found == [("Aleppo", "eastern Aleppo")]
    assert nlp("He met southern Baptists and the Northern Alliance.")._.dateline_places == []


def test_a_province_the_model_calls_an_organisation_is_a_place_in_an_article_about_its_country(
    nlp: Language,
) -> None:
    # spaCy reads "Ghazni" here as an ORG and no preposition vouches for it; "Afghan" names its country
    doc = nlp("Afghan forces retook Ghazni.")
    assert [(p["name"], p["country_code"]) for p in doc._.dateline_places] == [("Ghazni", "AF")]
    assert _component(nlp).country_hints(doc) == ["AF"]
    assert nlp("Russian forces retook Ghazni.")._.dateline_places == []  # not Russia's


def test_an_armed_groups_country_is_part_of_the_focus(nlp: Language) -> None:
    # the registry's TTP is Pakistani: Hyderabad is then Sindh's, not Telangana's
    [alone] = nlp("Gunmen claimed the attack in Hyderabad.")._.dateline_places
    doc = nlp("The TTP claimed the attack in Hyderabad.")
    [hinted] = doc._.dateline_places
    assert (alone["country_code"], hinted["country_code"]) == ("IN", "PK")
    assert _component(nlp).country_hints(doc) == ["PK"]


def test_a_unit_word_in_the_name_is_its_unit(nlp: Language) -> None:
    # "the Hall County town": "town" describes the county's town; the name is the county
    [m] = mentions(nlp, "The festival returns to the Hall County town near his farm.")
    assert (m.name, m.unit) == ("Hall County", "county")
    [place] = nlp("The festival returns to the Hall County town near his farm.")._.dateline_places
    assert (place["feature"], place["country_code"]) == ("ADM2", "US")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="founding articles not available")
def test_seed_article_places(nlp: Language) -> None:
    text = (SEEDS / "000_0e18874e0c02dde7.txt").read_text(encoding="utf-8")
    found = {m.name for m in _component(nlp).mentions(_with_dateline(nlp, text))}
    assert {
        "Ghazni",
        "Zabul",
        "Farah",
        "Day Chupan",
        "Khak-e Afghan",
        "Peshawar",
        "North Waziristan",
        "Khyber Agency",
        "Dangam",
        "Kunar",
        "Islamabad",
    } <= found
    assert not found & {"NEW DELHI", "Sharif", "Wall Street", "Washington", "Punjab", "Taliban", "Afghan"}


def test_mentions_for_spans_reads_context(nlp: Language) -> None:
    text = "The killing of three soldiers in Dangam district, eastern Kunar province, angered Kabul."
    doc = nlp(text)
    start = text.index("Dangam")
    (m,) = _component(nlp).mentions_for_spans(doc, [(start, start + len("Dangam"))])
    assert (m.text, m.name, m.unit, m.container, m.preposition) == (
        "Dangam",
        "Dangam",
        "district",
        "Kunar",
        "in",
    )
    other = text.index("angered")
    (x,) = _component(nlp).mentions_for_spans(doc, [(other, other + 7)])
    assert x.text == "angered" and x.span == (other, other + 7)


# -- serialisation, multiprocessing, blank pipelines ---------------------------------------------


def test_to_disk_round_trip(nlp: Language, tmp_path: Path, index: Path) -> None:
    component = _component(nlp)
    component.add_terms("person_titles", ["warlord"])
    text = "A warlord, Farah, met elders in Kunar province and Nangarhar. Warlord Farah left."
    before = nlp(text)
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "dateline_places" / "places.json").is_file()
    loaded = spacy.load(tmp_path / "pipeline")
    after = loaded(text)
    assert after._.dateline_places == before._.dateline_places
    assert "warlord" in loaded.get_pipe("dateline_places").lexicon.person_titles
    assert loaded.get_pipe("dateline_places").gazetteer_path == str(index)
    restored = PlaceRecognizer().from_bytes(component.to_bytes())
    assert "warlord" in restored.lexicon.person_titles


def test_n_process_2_equals_n_process_1(nlp: Language) -> None:
    texts = [
        "Fighting spread to eastern Kunar province overnight.",
        "Refugees fled from Aleppo to Damascus and Homs.",
        "Mr Farah told reporters the talks had failed in Kabul.",
        "Drone strikes hit North Waziristan Agency again.",
    ]
    one = [(d._.dateline_places, d._.dateline_unresolved_places) for d in nlp.pipe(texts)]
    two = [(d._.dateline_places, d._.dateline_unresolved_places) for d in nlp.pipe(texts, n_process=2)]
    assert one == two
    assert one[0][0] and one[1][0]


def test_blank_pipeline_works_from_context(index: Path) -> None:
    blank = spacy.blank("en")
    component = blank.add_pipe("dateline_places", config={"gazetteer_path": str(index)})
    doc = blank("Militants crossed into Dangam district from Pakistan, then Mr Farah spoke.")
    assert [m.text for m in component.mentions(doc)] == ["Dangam district", "Pakistan"]
    assert {p["name"] for p in doc._.dateline_places} >= {"Dangam"}


def test_missing_index_fails_clearly(tmp_path: Path) -> None:
    from dateline.errors import ConfigError

    blank = spacy.blank("en")
    blank.add_pipe("dateline_places", config={"gazetteer_path": str(tmp_path / "missing.sqlite")})
    with pytest.raises(ConfigError, match="no gazetteer index"):
        blank("Kabul")


def test_a_facility_is_a_place_only_by_a_notable_places_own_name(nlp: Language) -> None:
    # spaCy reads these as FAC; "the White House" is also an alternate name of Casablanca (Dar el Beida)
    assert names(nlp, "He was taken to City Hall after the arrest.") == []
    places = nlp("Officials at the White House said the talks failed.")._.dateline_places
    assert all(p.get("country_code") != "MA" for p in places), places
    assert names(nlp, "Farmers in Tamil Nadu protested on Monday.") == ["Tamil Nadu"]  # read as FAC too


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an address in brackets: the town, then the units that hold it (spaCy reads some as ORG)
        ("Traders held a sit-in in Bhopal (Bhopal, Madhya Pradesh) on Monday.", ("Bhopal", "Bhopal")),
        ("Gunmen shot a shopkeeper in Tikrit (Salah ad Din) at dawn.", ("Tikrit", "Salah ad Din")),
    ],
)
def test_an_address_in_brackets_names_places_and_their_container(
    nlp: Language, text: str, expected: tuple[str, str]
) -> None:
    found = mentions(nlp, text)
    first = found[0]
    assert (first.name, first.container) == expected
    assert len(found) == text.split("(")[1].count(",") + 2  # the town and each bracketed unit


def test_an_unknown_first_link_leaves_the_bracketed_units_places(nlp: Language) -> None:
    found = mentions(nlp, "Residents protested outside a clinic in Qzxwville (Bhopal, Madhya Pradesh).")
    # the name the gazetteer lacks is kept, held by the address (the resolver locates it there)
    assert [(m.name, m.container) for m in found] == [
        ("Qzxwville", "Bhopal"),
        ("Bhopal", "Madhya Pradesh"),
        ("Madhya Pradesh", None),
    ]


def test_brackets_holding_more_than_names_are_no_address(nlp: Language) -> None:
    found = mentions(nlp, "The Kabul Bank (a private lender in Herat) reopened.")
    assert all(m.container is None for m in found)


def test_a_country_naming_a_currency_is_no_place(nlp: Language) -> None:
    assert names(nlp, "Traders in Kabul protested against the rising US dollar exchange rate.") == ["Kabul"]
    assert names(nlp, "Protesters in Kabul marched to the US embassy.") == ["Kabul", "US"]


def test_a_name_known_only_by_close_spellings_is_the_closest(nlp: Language) -> None:
    # "Quamishli" is one letter from Qamishli (written "Al Qamishli"), three from Kamyshlov in Russia
    doc = nlp("Gunmen threw a hand grenade at a house in Quamishli city on Friday.")
    assert [(p["name"], p["country_code"]) for p in doc._.dateline_places] == [("Al Qāmishlī", "SY")]


def test_a_close_spelling_of_a_village_abroad_is_no_place_when_nothing_points_there(nlp: Language) -> None:
    # "town" or "village" fits any settlement: it vouches for no foreign namesake ("Kasitu": Kassita,
    # Morocco, or Cusseta, Georgia)
    doc = nlp("Shells hit the outskirts of Kasitu village on Friday.")
    assert [p["country_code"] for p in doc._.dateline_places] == []


def test_a_capitalised_direction_inside_an_organisations_name_makes_no_place(nlp: Language) -> None:
    # "Central Reserve" is not a direction and a town (Reserve) but the force's own words
    doc = nlp("Gunmen threw a grenade at a Central Reserve Police Force bunker in Mosul.")
    assert [p["name"] for p in doc._.dateline_places] == ["Mosul"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Gunmen attacked a checkpoint in Solhan, Nineveh, Iraq, killing two policemen.", "IQ"),
        ("Assailants shelled Dardara, Hasakah, Syria, on Friday.", "SY"),
    ],
)
def test_a_chain_ending_in_a_country_keeps_its_names_there(nlp: Language, text: str, country: str) -> None:
    # no Solhan (Turkey), no Derdara (Morocco): a name the country does not know is no place
    doc = nlp(text)
    assert {p["country_code"] for p in doc._.dateline_places} == {country}


@pytest.mark.parametrize(
    "text",
    [
        "A grenade was thrown at a bakery in the Harrowa district of Baghdad, police said.",
        "Gunmen shot a shopkeeper in Qarwaniya, east Baghdad, on Monday.",
        "Two mortar rounds fell on the Zeyouniyeh quarter in Baghdad.",
    ],
)
def test_a_name_the_text_puts_in_a_city_is_read_only_there(nlp: Language, text: str) -> None:
    # a close spelling abroad (Harrow, London) or in another province loses to "not in the gazetteer"
    doc = nlp(text)
    places = doc._.dateline_places
    assert "Baghdad" in [p["name"] for p in places]
    assert all(p["admin1"] == "Baghdad" for p in places), places


def test_a_unit_word_between_two_names_is_the_first_ones(nlp: Language) -> None:
    # "Dangam district of Kunar": Dangam is the district; Kunar is no "district of Kunar"
    (dangam, kunar) = mentions(nlp, "Troops cleared Dangam district of Kunar last week.")
    assert (dangam.text, dangam.unit) == ("Dangam district", "district")
    assert (kunar.text, kunar.unit) == ("Kunar", None)


def test_a_quarter_of_a_city_says_which_city(nlp: Language) -> None:
    doc = nlp("A car bomb exploded in the Mansour district of Baghdad on Sunday.")
    by_name = {p["name"]: p for p in doc._.dateline_places}
    assert by_name["Baghdad"]["feature"] == "PPLC"
    quarter = next(p for p in doc._.dateline_places if p["name"] != "Baghdad")
    assert quarter["admin1"] == "Baghdad" and quarter["within"] == by_name["Baghdad"]["id"]
    assert "within" not in by_name["Baghdad"]


@pytest.mark.parametrize(
    ("text", "village", "admin1"),
    [
        (
            "Militants torched a school in Wuriya Khel, Zurmat district, Paktia province.",
            "Wuriya Khel",
            "Paktia",
        ),
        # the province as the text writes it (the gazetteer's name is "Ghowr")
        ("Villagers fled Kharistan, Ghor, after the fighting.", "Kharistan", "Ghor"),
    ],
)
def test_a_village_in_an_address_chain_is_the_chains_village(
    nlp: Language, text: str, village: str, admin1: str
) -> None:
    doc = nlp(text)
    place = next(p for p in doc._.dateline_places if p["name"] == village)
    assert (place["country_code"], place["admin1"], place["feature"]) == ("AF", admin1, "PPL")
    province = next(p for p in doc._.dateline_places if p["feature"] == "ADM1")
    assert place["admin1_id"] == province["id"] == province["admin1_id"]


def test_an_arabic_article_joined_by_a_dash_is_part_of_the_name(nlp: Language) -> None:
    # no place "Al" and another "Rai": one name, looked up with or without its article
    assert names(nlp, "A bomb exploded in Al-Rai on Friday.") == ["Al-Rai"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an address of three links: each name inside the next
        ("Gunmen attacked a checkpoint in Hawijah, Kirkuk, Iraq.", {"Hawijah": "Kirkuk"}),
        # provinces listed side by side are peers, none inside the next
        (
            "Fighting was reported in Herat, Kandahar and Helmand provinces.",
            {"Herat": "Herat", "Kandahar": "Kandahar", "Helmand": "Helmand"},
        ),
    ],
)
def test_address_chains_and_lists(nlp: Language, text: str, expected: dict[str, str]) -> None:
    doc = nlp(text)
    read = {
        m["text"].split()[0].rstrip(","): p["admin1"] for p in doc._.dateline_places for m in p["mentions"]
    }
    assert {k: read.get(k) for k in expected} == expected


def test_a_name_only_villages_bear_needs_the_text_to_say_it_is_a_place(nlp: Language) -> None:
    # a village in Pakistan is called "Jail": the word in a name stays a word
    assert "Jail" not in " ".join(names(nlp, "He was booked into the Titus County Jail on a state charge."))
    found = names(nlp, "Militants attacked Jail village in Mardan district.")
    assert found == ["Jail village", "Mardan district"]


@pytest.mark.parametrize(
    "text",
    [
        "A roadside bomb exploded near a patrol in the Dora neighborhood of Baghdad.",
        "A roadside bomb exploded near a patrol in the Dora quarter of Baghdad.",
    ],
)
def test_a_neighbourhood_of_a_city_says_which_city(nlp: Language, text: str) -> None:
    # "neighbourhood" and "quarter" are unit words of a city's sections, like "district"
    by_name = {p["name"]: p for p in nlp(text)._.dateline_places}
    assert by_name["Dora"]["within"] == by_name["Baghdad"]["id"]


def test_a_noun_of_place_before_of_makes_the_name_after_it_a_place(nlp: Language) -> None:
    # spaCy reads Gardez as a person and Sharana as an organisation; the phrases say place
    text = "Militants attacked a post on the outskirts of Gardez and in the vicinity of Sharana."
    found = {m.name: m for m in mentions(nlp, text)}
    assert set(found) == {"Gardez", "Sharana"}
    assert found["Gardez"].preposition == "outskirts of"
    [gardez, sharana] = nlp(text)._.dateline_places
    assert (gardez["admin1"], sharana["admin1"]) == ("Paktia", "Paktika")


def test_a_comma_address_the_gazetteer_confirms_vouches_for_both_names(nlp: Language) -> None:
    # spaCy reads Bahawalpur as a person and Punjab as a people; Bahawalpur lies in Punjab
    text = "Lashkar-e-Taiba members met the Jaish-e-Mohammed leadership of Bahawalpur, Punjab."
    places = nlp(text)._.dateline_places
    assert [(p["name"], p["admin1"], p["country_code"]) for p in places] == [
        ("Bahawalpur", "Punjab", "PK"),
        ("Punjab", "Punjab", "PK"),
    ]


def test_a_known_name_after_a_bare_preposition_is_no_facility(nlp: Language) -> None:
    # spaCy reads "Balad Ruz" as a facility (FAC); with no article before it, "in" places it, in a
    # country the document names
    text = "Iraqi police said a roadside bomb targeting a patrol in Balad Ruz detonated."
    [town] = nlp(text)._.dateline_places
    assert (town["country_code"], town["admin1"]) == ("IQ", "Diyālá")
    assert nlp("The minister spoke in the White House on Monday.")._.dateline_places == []
    # London's airport is no Florida village of that name
    assert nlp("British officers searched a plane at Heathrow airport.")._.dateline_places == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # spaCy reads Samarra as a people (NORP)
        ("Gunmen killed a police officer at his house in Jubaylah, Samarra, Saladin, Iraq.", "Samarra"),
        ("Mortars struck Tuz Khurmatu, Saladin, Iraq on Monday.", "Tuz Khurmatu"),  # read as a person
    ],
)
def test_an_address_the_gazetteer_confirms_makes_each_link_a_place(
    nlp: Language, text: str, name: str
) -> None:
    written = [m["text"] for p in nlp(text)._.dateline_places for m in p["mentions"]]
    assert name in written


def test_a_neighbourhood_lies_in_a_town_the_document_names(nlp: Language) -> None:
    text = "Gunmen shot a trader in the Mansour neighbourhood on Monday, police in Baghdad said."
    by_name = {p["name"]: p for p in nlp(text)._.dateline_places}
    assert by_name["Mansour"]["within"] == by_name["Baghdad"]["id"]


def test_a_possessor_city_holds_its_quarter_and_nothing_else(nlp: Language) -> None:
    doc = nlp("A roadside bomb targeting police in Baghdad's Yarmouk district injured two policemen.")
    by_name = {p["name"]: p for p in doc._.dateline_places}
    quarter = next(p for name, p in by_name.items() if name != "Baghdad")
    assert quarter["within"] == by_name["Baghdad"]["id"]
    # a possessive is no address when nothing of the name lies in the possessor
    doc = nlp("Officials in Kabul discussed Kabul's Helmand strategy on Monday.")
    assert {p["name"]: p["feature"] for p in doc._.dateline_places}["Helmand"] == "ADM1"


def test_entities_are_cut_at_brackets() -> None:
    from spacy.tokens import Doc, Span

    from dateline.places.matches import entities_without_brackets

    doc = Doc(spacy.blank("en").vocab, words=["in", "Surman", "(", "Azzawya", ")", "and", "Tripoli"])
    doc.ents = [Span(doc, 1, 4, label="ORG"), Span(doc, 6, 7, label="GPE")]
    assert [(e.text, e.label_) for e in entities_without_brackets(doc)] == [
        ("Surman", "ORG"),
        ("Azzawya", "ORG"),
        ("Tripoli", "GPE"),
    ]


def test_the_first_link_of_an_address_is_the_town_not_the_unit_named_after_it(nlp: Language) -> None:
    # "Kunduz, Afghanistan": the city; "Kunduz province, Afghanistan": the province
    [town, _] = nlp("Gunmen attacked a checkpoint in Kunduz, Afghanistan, on Monday.")._.dateline_places
    assert town["feature"] == "PPLA"
    [unit, _] = nlp(
        "Gunmen attacked a checkpoint in Kunduz province, Afghanistan, on Monday."
    )._.dateline_places
    assert unit["feature"] == "ADM1"
