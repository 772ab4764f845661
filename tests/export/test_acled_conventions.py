"""ACLED's actor conventions in acled-csv: sentences read by the real pipeline, exported, columns asserted.

Each sentence is written for these tests. The rows come from ``AcledRows`` (what ``acled-csv`` writes)
and, once, through the store and the CLI as a user runs them (``dateline ingest`` then ``dateline
export acled-csv``).
"""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path
from typing import Any

import pytest

from dateline.errors import ConfigError
from dateline.export.acled_actors import AcledConventions
from dateline.export.countries import Countries
from dateline.export.rows import AcledRows


@pytest.fixture(scope="module")
def acled_rows() -> AcledRows:
    return AcledRows()


def rows_of(extractor: Any, acled_rows: AcledRows, text: str) -> list[dict[str, Any]]:
    record = extractor.extract_text(text, published="2021-03-10")
    return list(acled_rows.rows([record], acled_only=True))


def only_row(extractor: Any, acled_rows: AcledRows, text: str, event_type: str) -> dict[str, Any]:
    rows = [r for r in rows_of(extractor, acled_rows, text) if r["event_type"] == event_type]
    assert len(rows) == 1, rows
    return rows[0]


def test_nurses_protesting_are_protesters_with_health_workers_associated(extractor, acled_rows) -> None:
    row = only_row(
        extractor,
        acled_rows,
        "Nurses protested outside a hospital in Valparaiso over unpaid wages.",
        "Protests",
    )
    assert (row["actor1"], row["assoc_actor_1"], row["inter1"]) == (
        "Protesters (Chile)",
        "Health Workers (Chile)",
        6,
    )
    assert (row["actor2"], row["inter2"], row["interaction"]) == (None, None, 60)
    assert (row["iso"], row["region"], row["country"]) == (152, "South America", "Chile")
    assert (row["disorder_type"], row["civilian_targeting"]) == ("Demonstrations", None)


def test_every_group_a_crowd_comes_from_is_associated_in_order(extractor, acled_rows) -> None:
    text = "Hundreds of teachers and students marched in Nairobi on Monday demanding higher pay."
    row = only_row(extractor, acled_rows, text, "Protests")
    assert row["actor1"] == "Protesters (Kenya)"
    assert row["assoc_actor_1"] == "Teachers (Kenya); Students (Kenya)"
    assert row["region"] == "Eastern Africa"


def test_police_breaking_up_a_protest_are_the_other_side(extractor, acled_rows) -> None:
    text = "Police fired tear gas to disperse workers protesting in Dhaka over unpaid salaries."
    row = only_row(extractor, acled_rows, text, "Protests")
    assert (row["actor1"], row["assoc_actor_1"]) == ("Protesters (Bangladesh)", "Labour Group (Bangladesh)")
    assert (row["actor2"], row["inter2"], row["interaction"]) == ("Police Forces of Bangladesh", 1, 16)


def test_rioters_of_the_events_country_against_the_police(extractor, acled_rows) -> None:
    text = "Rioters threw stones at police in Lahore on Tuesday and set a bus on fire."
    row = only_row(extractor, acled_rows, text, "Riots")
    assert (row["actor1"], row["inter1"]) == ("Rioters (Pakistan)", 5)
    assert (row["actor2"], row["inter2"], row["interaction"]) == ("Police Forces of Pakistan", 1, 15)
    assert (row["iso"], row["region"]) == (586, "Southern Asia")


def test_unknown_gunmen_against_civilians(extractor, acled_rows) -> None:
    text = "Gunmen killed three farmers in a village near Maiduguri on Sunday."
    row = only_row(extractor, acled_rows, text, "Violence against civilians")
    assert (row["actor1"], row["inter1"]) == ("Unidentified Armed Group (Nigeria)", 3)
    assert (row["actor2"], row["assoc_actor_2"], row["inter2"]) == (
        "Civilians (Nigeria)",
        "Farmers (Nigeria)",
        7,
    )
    assert (row["interaction"], row["civilian_targeting"]) == (37, "Civilian targeting")
    assert (row["disorder_type"], row["region"], row["iso"]) == ("Political violence", "Western Africa", 566)


def test_nominal_soldiers_are_the_state_forces_against_a_named_group(extractor, acled_rows) -> None:
    text = "Soldiers clashed with al-Shabaab fighters near Kismayo on Friday, killing four militants."
    row = only_row(extractor, acled_rows, text, "Battles")
    assert (row["actor1"], row["inter1"]) == ("Military Forces of Somalia", 1)
    assert (row["actor2"], row["inter2"], row["interaction"]) == (
        "Al Shabaab",
        2,
        12,
    )  # the registry's ACLED name
    assert row["civilian_targeting"] is None


def test_a_states_forces_abroad_are_external_forces(extractor, acled_rows) -> None:
    text = "Turkish troops shelled positions near Tal Abyad in Syria on Wednesday."
    row = only_row(extractor, acled_rows, text, "Explosions/Remote violence")
    assert (row["actor1"], row["inter1"], row["interaction"]) == ("Military Forces of Turkey", 8, 80)
    assert (row["country"], row["region"]) == ("Syria", "Middle East")


def test_a_bomb_near_a_patrol_is_not_set_off_by_the_patrol(extractor, acled_rows) -> None:
    text = "A roadside bomb exploded near a police patrol in Kandahar, killing two policemen."
    row = only_row(extractor, acled_rows, text, "Explosions/Remote violence")
    assert (row["actor1"], row["inter1"]) == ("Unidentified Armed Group (Afghanistan)", 3)
    assert (row["actor2"], row["interaction"]) == ("Police Forces of Afghanistan", 13)


def test_the_country_a_sentence_names_stands_in_for_a_missing_place() -> None:
    from dateline.export.view import RecordView
    from dateline.records import Record

    text = "Protesters rallied outside the ministry in Kenya on Friday."
    start = text.index("Kenya")
    record = Record.from_dict(
        {
            "id": "k", "text": text, "published": "2021-03-10", "dateline": None,
            "places": [{"id": "geonames:192950", "name": "Kenya", "country_code": "KE", "feature": "PCLI",
                        "lat": 1.0, "lon": 38.0,
                        "mentions": [{"text": "Kenya", "span": [start, start + 5]}]}],
            "events": [{"id": "k:0", "type": "protest", "acled_event_type": "Protests",
                        "acled_sub_event_type": "Peaceful protest", "place": None,
                        "evidence": [{"text": text, "span": [0, len(text)]}]}],
        }
    )  # fmt: skip
    row = next(AcledRows().rows([record]))
    assert (row["actor1"], row["country"], row["iso"], row["location"]) == (
        "Protesters (Kenya)",
        "Kenya",
        404,
        None,
    )
    assert RecordView(record).event_country(record.events[0]) == "KE"


def test_acled_spells_countries_its_own_way() -> None:
    countries = Countries.load()
    assert countries.name("CD") == "Democratic Republic of Congo"
    assert countries.name("PS") == "Palestine"
    assert countries.name("FR") == "France"
    assert (countries.region("MX"), countries.region("IR"), countries.region("KZ")) == (
        "Central America", "Middle East", "Caucasus and Central Asia",
    )  # fmt: skip
    assert countries.region(None) is None and countries.region("ZZ") is None


def test_conventions_naming_an_unknown_generic_actor_are_refused() -> None:
    data = AcledConventions.default_data()
    data["sides"]["Battles"]["actor1_default"] = "martians"
    with pytest.raises(ConfigError, match="martians"):
        AcledConventions.from_dict(data)
    assert (
        AcledConventions.from_json(AcledConventions.default().to_json()).to_dict()
        == AcledConventions.default_data()
    )


def test_the_cli_export_of_a_stored_protest_follows_acled(tmp_path: Path, dateline_cmd: list[str]) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "Journalists protested in Valparaiso on Monday against a new media law.\n", encoding="utf-8"
    )
    db, out = tmp_path / "s.db", tmp_path / "events.csv"
    for args in (["ingest", str(story), "--db", str(db), "--published", "2021-03-10"],
                 ["export", "acled-csv", "--db", str(db), "-o", str(out)]):  # fmt: skip
        done = subprocess.run([*dateline_cmd, *args], capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
    with out.open(newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["event_type"] == "Protests"]
    assert len(rows) == 1
    row = rows[0]
    assert (row["actor1"], row["assoc_actor_1"], row["inter1"]) == (
        "Protesters (Chile)",
        "Journalists (Chile)",
        "6",
    )
    assert (row["interaction"], row["iso"], row["region"]) == ("60", "152", "South America")


@pytest.mark.parametrize(
    ("text", "event_type", "actor1"),
    [
        (
            "The NAF rebel forces fired mortars at army positions near Avdiivka, Donetsk.",
            "Explosions/Remote violence",
            "NAF: United Armed Forces of Novorossiya",
        ),
        (
            "Houthi forces shelled a village in Hays district, Al Hudaydah, killing a child.",
            "Explosions/Remote violence",
            "Military Forces of Yemen (2016-) Supreme Political Council",
        ),
        (
            "Haftar's forces shelled residential areas of Ain Zara in Tripoli.",
            "Explosions/Remote violence",
            "Military Forces of Libya (2014-) Haftar Faction",
        ),
        (
            "Villagers lynched a man suspected of theft in Nadia, West Bengal.",
            "Riots",
            "Rioters (India)",
        ),
        # the movement's fighters are named by the country they fight in; a branch by its own name
        (
            "Islamic State militants attacked a checkpoint near Tarmiyah, Baghdad, killing two soldiers.",
            "Battles",
            "Islamic State (Iraq)",
        ),
        (
            "ISIS fighters ambushed a patrol near Palmyra in Homs, killing three soldiers.",
            "Battles",
            "Islamic State (Syria)",
        ),
        (
            "ISWAP fighters attacked a military base in Monguno, Borno, killing four soldiers.",
            "Battles",
            "Islamic State (West Africa)",
        ),
    ],
)
def test_actors_are_written_by_their_acled_names(extractor, acled_rows, text, event_type, actor1) -> None:
    assert only_row(extractor, acled_rows, text, event_type)["actor1"] == actor1


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("Two men on a motorcycle shot dead a shopkeeper in a drive-by shooting in Culiacan, Sinaloa.",
         "Unidentified Gang (Mexico)"),
        ("Armed men killed a young man in Recife, Pernambuco; his body was found with his hands tied.",
         "Unidentified Gang and/or Police Militia"),
        ("Gunmen attacked a police patrol in Culiacan, Sinaloa, wounding two officers.",
         "Unidentified Armed Group (Mexico)"),
        ("Gunmen shot dead a man in Acapulco, Guerrero. The victim had his hands and legs tied.",
         "Unidentified Gang (Mexico)"),
        ("Two men on a motorcycle shot dead a shopkeeper in a drive-by shooting in Maiduguri, Nigeria.",
         "Unidentified Armed Group (Nigeria)"),
    ],
)  # fmt: skip
def test_unknown_killers_of_a_gang_style_killing_are_a_gang_where_acled_codes_so(
    extractor, acled_rows, text: str, actor1: str
) -> None:
    rows = [r for r in rows_of(extractor, acled_rows, text) if r["disorder_type"] == "Political violence"]
    assert [r["actor1"] for r in rows] == [actor1]


def test_forces_abroad_under_a_named_operation_are_the_operation(extractor, acled_rows) -> None:
    row = only_row(
        extractor,
        acled_rows,
        "On 8 May 2020, Saudi warplanes struck a military camp in Sirwah district, Marib, Yemen.",
        "Explosions/Remote violence",
    )
    assert (row["actor1"], row["assoc_actor_1"], row["inter1"]) == (
        "Operation Restoring Hope",
        "Military Forces of Saudi Arabia",
        8,
    )
    turkey = only_row(
        extractor,
        acled_rows,
        "On 8 May 2020, Turkish forces shelled villages in the countryside of Al-Hasakah, Syria.",
        "Explosions/Remote violence",
    )
    assert turkey["actor1"] == "Military Forces of Turkey"


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("On 2 May 2020, Fulani militia killed five farmers in Guma, Benue, Nigeria.",
         "Fulani Ethnic Militia (Nigeria)"),
        ("On 3 May 2020, Islamic militants attacked the village of Muidumbe, Cabo Delgado, Mozambique.",
         "Islamist Militia (Mozambique)"),
        ("On 3 May 2020, communal militiamen attacked Agbere in Bayelsa, Nigeria, killing two men.",
         "Unidentified Communal Militia (Nigeria)"),
    ],
)  # fmt: skip
def test_groups_described_without_a_name_get_acleds_militia_names(
    extractor, acled_rows, text: str, actor1: str
) -> None:
    rows = rows_of(extractor, acled_rows, text)
    assert [r["actor1"] for r in rows] == [actor1]


@pytest.mark.parametrize(
    ("text", "actor1", "inter1"),
    [
        (
            "Imbonerakure beat and injured three members of the opposition CNL party in Gitega.",
            "CNDD-FDD-Imbonerakure: National Council for the Defence of Democracy (Imbonerakure Faction)",
            3,
        ),
        (
            "ISWAP fighters killed six soldiers in an ambush near Monguno in Borno State.",
            "Islamic State (West Africa)",
            2,
        ),
        (
            "Suspected Boko Haram or ISWAP militants killed five farmers near Konduga in Borno State.",
            "Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad",
            2,
        ),
    ],
)
def test_named_armed_groups_are_written_as_acled_names_them(
    extractor, acled_rows, text, actor1, inter1
) -> None:
    rows = [r for r in rows_of(extractor, acled_rows, text) if r["event_type"] != "Strategic developments"]
    assert (rows[0]["actor1"], rows[0]["inter1"]) == (actor1, inter1)


def test_an_event_placed_only_in_a_province_is_coded_at_its_capital(extractor, acled_rows) -> None:
    # ACLED's geo_precision 3: the province is all the text gives, the row takes its capital's point,
    # location and district, and keeps the province's name and precision
    text = "Government aircraft bombed rebel positions in Idlib province, killing four fighters."
    row = only_row(extractor, acled_rows, text, "Explosions/Remote violence")
    record = extractor.extract_text(text, published="2021-03-10").to_dict()
    [province] = [p for p in record["places"] if p["feature"] == "ADM1"]
    seat = province["seat"]
    assert (row["admin1"], row["geo_precision"]) == (province["admin1"], 3)
    assert (row["location"], row["latitude"], row["longitude"]) == (seat["name"], seat["lat"], seat["lon"])
    assert row["admin2"] == seat["admin2"] and row["admin2"]
    # a town keeps its own point
    text = "Aircraft bombed the town of Saraqib, killing four fighters."
    row = only_row(extractor, acled_rows, text, "Explosions/Remote violence")
    assert (row["location"], row["geo_precision"]) == ("Saraqib", 1)
