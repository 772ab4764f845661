"""Place names the model mislabels, and references to places that are not the story's places.

Demonyms ("Russian officials"), names inside organisations' names ("the Alberta Liquor Board") and
the dateline's place are written to ``doc._.dateline_place_references``, never to
``doc._.dateline_places`` (which the actors and events read). The pipeline reads a small gazetteer
of a few countries (``conftest.py``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.language import Language

from dateline.nlp.datelines import detect_dateline

COUNTRIES = ("CA", "US", "GB", "RU", "SY", "MX", "ES", "AE", "KP")


@pytest.fixture(scope="module")
def nlp(places_nlp: Callable[[tuple[str, ...]], Language]) -> Language:
    return places_nlp(COUNTRIES)


def _read(nlp: Language, text: str):  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(text)
    dateline = detect_dateline(text)
    doc._.dateline_dateline = dateline.to_dict() if dateline else None
    return nlp(doc)


def places(nlp: Language, text: str) -> list[str]:
    doc = _read(nlp, text)
    spans = sorted(tuple(m["span"]) for p in doc._.dateline_places for m in p["mentions"])
    return [text[s:e] for s, e in spans]


def references(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    """(kind, text, place name) of each reference."""
    return [(r["kind"], r["text"], r["name"]) for r in _read(nlp, text)._.dateline_place_references]


# -- names spaCy reads as something that cannot hold a place's name --------------------------------


@pytest.mark.parametrize(
    "text",
    ["It rains most afternoons in Winnipeg.", "Rents rose 5 percent in Winnipeg."],
)
def test_a_place_read_as_a_date_is_a_place_after_a_preposition(nlp: Language, text: str) -> None:
    assert places(nlp, text) == ["Winnipeg"]


def test_a_month_after_a_preposition_stays_a_date(nlp: Language) -> None:
    assert places(nlp, "The talks broke down in March and resumed through Saturday.") == []


def test_a_compass_side_makes_a_name_read_as_a_people_a_place(nlp: Language) -> None:
    assert places(nlp, "Shelling hit southern Aleppo again.") == ["southern Aleppo"]


def test_a_place_closing_an_organisation_after_in_is_a_place(nlp: Language) -> None:
    text = "Staff of the University of Alberta in Winnipeg went on strike."
    assert places(nlp, text) == ["Winnipeg"]
    assert references(nlp, text) == [("in_name", "Alberta", "Alberta")]


# -- references --------------------------------------------------------------------------------------


def test_a_demonym_is_a_reference_to_its_country_not_a_story_place(nlp: Language) -> None:
    text = "Russian officials met Canadian diplomats and a Spanish delegation on Tuesday."
    assert references(nlp, text) == [
        ("demonym", "Russian", "Russia"),
        ("demonym", "Canadian", "Canada"),
        ("demonym", "Spanish", "Spain"),
    ]
    assert places(nlp, text) == []


def test_a_peoples_plural_and_a_language_are_no_references(nlp: Language) -> None:
    text = "Mexicans crossed the river. The guide spoke in Spanish to an American."
    assert references(nlp, text) == []


def test_a_place_opening_an_organisations_name_is_an_in_name_reference(nlp: Language) -> None:
    text = "The Alberta Chronicle reported that the Texas Rangers won."
    assert references(nlp, text) == [("in_name", "Alberta", "Alberta"), ("in_name", "Texas", "Texas")]
    assert places(nlp, text) == []


def test_a_towns_name_that_is_a_common_word_inside_an_organisation_is_no_reference(nlp: Language) -> None:
    assert references(nlp, "The Commerce Bank fined the Golden Spring Company.") == []


def test_an_in_name_reference_to_a_place_the_story_names_is_that_place(nlp: Language) -> None:
    text = "Flooding closed roads in Winnipeg. The Winnipeg Blue Bombers cancelled practice."
    refs = _read(nlp, text)._.dateline_place_references
    (place,) = _read(nlp, text)._.dateline_places
    assert [(r["kind"], r["text"], r["id"]) for r in refs] == [("in_name", "Winnipeg", place["id"])]


def test_the_datelines_place_is_a_reference_and_no_story_place(nlp: Language) -> None:
    text = "WASHINGTON (Reuters) - Lawmakers in Ohio voted on Monday."
    assert places(nlp, text) == ["Ohio"]
    ((kind, written, name),) = references(nlp, text)
    assert (kind, written) == ("dateline", "WASHINGTON") and name.startswith("Washington")


def test_references_reach_the_record(extractor) -> None:  # type: ignore[no-untyped-def]
    record = extractor.extract_text("Syrian troops shelled the town of Homs on Sunday.")
    assert [(r["kind"], r["text"]) for r in record.place_references] == [("demonym", "Syrian")]
    assert "place_references" in record.to_dict()


# -- the evaluation ----------------------------------------------------------------------------------


def test_eval_geoparse_counts_references_and_compares_with_mordecai(tmp_path: Path) -> None:
    from dateline.cli import cli

    text = "Russian envoys arrived in Aleppo on Monday."
    toponyms = [
        {"start": 0, "end": 7, "lat": 60.0, "lon": 100.0, "geonameid": 2017370},
        {"start": text.index("Aleppo"), "end": text.index("Aleppo") + 6, "lat": 36.2, "lon": 37.16},
    ]
    gold = tmp_path / "lgl.jsonl"
    gold.write_text(json.dumps({"doc_id": "a", "text": text, "toponyms": toponyms}) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", "geoparse", "--gold", str(gold), "--format", "json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["recall"] == 1.0 and scores["recall_places_only"] == 0.5
    assert scores["matched_references"] == {"demonym": 1}
    assert scores["corpus"] == "lgl" and scores["mordecai3_accuracy_161km"] == 0.827
    table = runner.invoke(cli, ["eval", "geoparse", "--gold", str(gold)])
    assert "Mordecai 3" in table.stdout and "0.827" in table.stdout and "places only" in table.stdout
    other = tmp_path / "mine.jsonl"
    other.write_text(gold.read_text(encoding="utf-8"), encoding="utf-8")
    unknown = json.loads(
        runner.invoke(cli, ["eval", "geoparse", "--gold", str(other), "--format", "json"]).stdout
    )
    assert unknown["corpus"] is None and "mordecai3_accuracy_161km" not in unknown
    # a corpus not known to annotate demonyms: the references are not predictions unless asked for
    assert unknown["references_counted"] is False and unknown["recall"] == 0.5
    asked = runner.invoke(cli, ["eval", "geoparse", "--gold", str(other), "--references", "--format", "json"])
    assert json.loads(asked.stdout)["recall"] == 1.0
    assert "0.827" not in runner.invoke(cli, ["eval", "geoparse", "--gold", str(other)]).stdout


# -- more place evidence: people of a place, written forms the model reads as places -----------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A 24-year-old Elkhart man was arrested after the chase.", "Elkhart"),
        ("Roselle police said the suspect fled on foot.", "Roselle"),
        ("The Alexandria woman was charged with arson.", "Alexandria"),
    ],
)
def test_a_name_before_people_of_a_place_is_that_place(nlp: Language, text: str, name: str) -> None:
    assert places(nlp, text) == [name]


def test_a_written_form_the_model_reads_as_a_place_is_its_province(nlp: Language) -> None:
    text = "The B.C. government announced loans for first-time buyers."
    doc = _read(nlp, text)
    assert [(p["name"], p["mentions"][0]["text"]) for p in doc._.dateline_places] == [
        ("British Columbia", "B.C.")
    ]


def test_a_dateline_after_the_headline_is_a_dateline_reference(nlp: Language) -> None:
    text = "School board weighs cuts. DENVER -- The board of education met on Monday."
    assert references(nlp, text) == [("dateline", "DENVER", "Denver")]
    assert places(nlp, text) == []


def test_a_place_closing_an_organisations_name_is_an_in_name_reference(nlp: Language) -> None:
    text = "Snow closed roads in Winnipeg, the singer told CTV Winnipeg on Monday."
    assert places(nlp, text) == ["Winnipeg"]
    assert references(nlp, text) == [("in_name", "Winnipeg", "Winnipeg")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tillsonburg Mayor Jane Roe opened the bridge.", "Tillsonburg"),
        ("The driver, Jane Roe, 41, of Elkhart, was not hurt.", "Elkhart"),
        ("Survivors include a son, Mark Roe of Roselle.", "Roselle"),
    ],
)
def test_an_office_or_a_persons_home_makes_a_name_a_place(nlp: Language, text: str, name: str) -> None:
    assert name in places(nlp, text)


def test_the_place_of_a_party_tag_is_an_affiliation_reference(nlp: Language) -> None:
    text = "Sen. Jane Roe, R-Elkhart, and Rep. John Doe, D-N.Y., backed the bill."
    assert references(nlp, text) == [
        ("affiliation", "Elkhart", "Elkhart"),
        ("affiliation", "N.Y.", "New York"),
    ]
    assert places(nlp, text) == []


def test_a_province_the_model_once_reads_as_a_person_stays_a_place(nlp: Language) -> None:
    text = "Manitoba Hydro chief Jay Grewal spoke. Schools in Manitoba closed."
    assert places(nlp, text) == ["Manitoba"]
    girl = "Georgia Stevens skated well. Later Georgia said she was happy."
    assert places(nlp, girl) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The UAE leads the region in port capacity.", "UAE"),
        ("Talks on the DPRK's nuclear concerns resumed.", "DPRK"),
    ],
)
def test_a_country_the_model_reads_as_an_organisation_is_a_place(nlp: Language, text: str, name: str) -> None:
    assert places(nlp, text) == [name]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Harlan County Coroner has not released the name.", ("in_name", "Harlan County")),
        ("Rents rose, according to U.S. Census estimates.", ("in_name", "U.S.")),
    ],
)
def test_a_county_or_a_country_inside_an_organisations_name_is_a_reference(
    nlp: Language, text: str, expected: tuple[str, str]
) -> None:
    assert [(kind, written) for kind, written, _ in references(nlp, text)] == [expected]


def test_a_state_organisation_or_valley_college_is_no_unit_reference(nlp: Language) -> None:
    assert references(nlp, "She studied at Wright State University and Antelope Valley College.") == []


def test_a_written_form_before_a_road_number_is_its_province(nlp: Language) -> None:
    assert places(nlp, "Crews will widen the road from S.C. 5 west to the county line.") == ["S.C."]


def test_the_datelines_region_is_a_dateline_reference_too(nlp: Language) -> None:
    text = "DENVER, Colo. (AP) -- The board of education met on Monday."
    assert references(nlp, text) == [("dateline", "DENVER", "Denver"), ("dateline", "Colo.", "Colorado")]
