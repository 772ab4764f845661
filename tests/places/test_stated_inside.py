"""Names the text puts inside a place it names ("X in the countryside of Y", "the X district of Y")."""

from __future__ import annotations


def _record(extractor, text: str) -> dict:  # type: ignore[no-untyped-def]
    return extractor.extract_text(text).to_dict()


def _event_place(rec: dict) -> dict:
    [event] = [e for e in rec["events"] if e["place"]]
    return next(p for p in rec["places"] if p["id"] == event["place"])


def test_a_village_read_as_a_person_is_a_place_of_the_province_the_text_puts_it_in(extractor) -> None:  # type: ignore[no-untyped-def]
    # spaCy reads the village as a person; the gazetteer has a Kafr Nabudah in Hama province, and the
    # text puts it there: the shelling is at the village, not the whole province
    rec = _record(extractor, "Government artillery shelled Kafr Nabuda in the northern countryside of Hama.")
    place = _event_place(rec)
    assert (place["name"], place["admin1"], place["feature"]) == ("Kafr Nabudah", "Hama", "PPL")
    # a close spelling is vouched for by the province holding it ("Kafr Oweid": Kafr `Uwayd of Idlib)
    rec = _record(extractor, "Government artillery shelled Kafr Oweid in the southern countryside of Idleb.")
    assert _event_place(rec)["name"] == "Kafr `Uwayd"


def test_a_name_with_no_reading_in_the_stated_place_is_left_alone(extractor) -> None:  # type: ignore[no-untyped-def]
    # the Kafr Nabudah the gazetteer knows lies in Hama, not in Aleppo: nothing vouches for it here
    text = "Government artillery shelled Kafr Nabuda in the northern countryside of Aleppo."
    rec = _record(extractor, text)
    assert "Kafr Nabudah" not in {p["name"] for p in rec["places"]}
    assert _event_place(rec)["name"] == "Aleppo"


def test_a_town_far_from_the_city_named_after_it_is_in_the_province(extractor) -> None:  # type: ignore[no-untyped-def]
    # Azaz lies 45 km from the city of Aleppo: "in Aleppo" is the governorate, and the protest is at Azaz
    text = "Hundreds of residents in Azaz in Aleppo protested on Friday against the council."
    rec = _record(extractor, text)
    aleppo = next(p for p in rec["places"] if p["name"] == "Aleppo")
    assert aleppo["feature"] == "ADM1"
    assert _event_place(rec)["admin2"] == "Azaz"
    # a quarter of a city stays in the city ("the Karrada district of Baghdad")
    rec = _record(extractor, "A car bomb exploded in the Karrada district of Baghdad, killing nine people.")
    assert next(p for p in rec["places"] if p["name"] == "Baghdad")["feature"] == "PPLC"


def test_a_quarter_of_a_city_makes_a_compass_part_of_it_the_city(extractor) -> None:  # type: ignore[no-untyped-def]
    # "southern Baghdad" alone reads as the province; a district of the city inside it says the city,
    # and the event is coded at the city with the quarter as its sublocation
    text = "A bomb tore through a market in the Zaafaraniya district of southern Baghdad, killing one man."
    rec = _record(extractor, text)
    baghdad = next(p for p in rec["places"] if p["name"] == "Baghdad")
    assert baghdad["feature"] == "PPLC"
    [event] = [e for e in rec["events"] if e["place"]]
    assert event["place"] == baghdad["id"]
    quarter = next(p for p in rec["places"] if p["id"] == event["sublocation"])
    assert quarter["name"] == "Al-Zafaraniyah"
    # a town 110 km from the city is no quarter of it
    rec = _record(extractor, "Gunmen killed a teacher in Jarablus in northern Aleppo on Sunday.")
    assert next(p for p in rec["places"] if p["name"] == "Aleppo")["feature"] == "ADM1"


def test_a_province_split_since_still_holds_its_former_parts(extractor) -> None:  # type: ignore[no-untyped-def]
    # Beoga has lain in Central Papua since 2022; a story naming the old province of Papua still
    # puts it there, and the place's province is written as the story writes it
    rec = _record(extractor, "Gunmen opened fire on soldiers in Beoga, Papua, Indonesia, wounding four.")
    place = _event_place(rec)
    assert (place["name"], place["admin1"]) == ("Beoga", "Papua")
    # a province it never lay in holds no Beoga of the gazetteer's: the name is placed by the province
    rec = _record(extractor, "Gunmen opened fire on soldiers in Beoga, Maluku, Indonesia, wounding four.")
    beoga = next(p for p in rec["places"] if p["name"] == "Beoga")
    assert beoga["admin1"] == "Maluku"
    assert beoga["located_by"] == next(p["id"] for p in rec["places"] if p["name"] == "Maluku")


def test_a_district_beside_a_state_is_inside_it_not_its_peer(extractor) -> None:  # type: ignore[no-untyped-def]
    # Mexico City has a borough Benito Juarez; "Benito Juarez, Nuevo Leon" is the state's, which the
    # gazetteer lacks: the name is placed in the state, never in the capital's borough
    rec = _record(
        extractor, "On Sunday, in Benito Juarez, Nuevo Leon, two men were shot in a drive-by shooting."
    )
    assert {p["admin1"] for p in rec["places"]} == {"Nuevo Leon"}
    # provinces listed side by side stay peers
    rec = _record(
        extractor, "Taliban fighters attacked police posts in Herat, Kandahar and Helmand provinces."
    )
    assert {p["name"] for p in rec["places"]} == {"Herat", "Kandahar", "Helmand"}


def test_a_unit_word_opening_a_name_is_no_place(extractor) -> None:  # type: ignore[no-untyped-def]
    # Mexico's "Colonia X" is a neighbourhood, not Uruguay's Colonia department
    text = "In Apodaca, Nuevo Leon, gunmen in a car shot a man dead in Colonia Moises Saenz."
    rec = _record(extractor, text)
    assert {p["country_code"] for p in rec["places"]} == {"MX"}
    assert _event_place(rec)["name"] == "Ciudad Apodaca"


def test_a_city_before_the_state_of_its_name_lies_in_it(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Merida, Merida state": the city in the state of its name, so the village before it is
    # Venezuela's, never the Mexican El Campito
    text = "On Monday, in El Campito, Merida, Merida state, residents burned tyres to demand fuel."
    rec = _record(extractor, text)
    assert {p["country_code"] for p in rec["places"]} == {"VE"}


def test_a_list_of_cities_is_no_address(extractor) -> None:  # type: ignore[no-untyped-def]
    # Mosul is no village of Tikrit: three cities written with commas are a list
    rec = _record(
        extractor, "Bombs exploded in Mosul, Tikrit, Baghdad and Basra on Monday, killing 40 people."
    )
    mosul = next(p for p in rec["places"] if p["mentions"][0]["text"] == "Mosul")
    assert (mosul["admin1"], mosul["feature"]) == ("Nineveh", "PPLA")


def test_a_title_after_a_comma_holds_no_place(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Alhaji" is a Nigerian title (and a Ghanaian village): the person after the comma holds no state
    text = "The university will honour the Governor of Sokoto State, Alhaji Aminu Tambuwal, on Saturday."
    rec = _record(extractor, text)
    assert [(p["name"], p["feature"]) for p in rec["places"]] == [("Sokoto", "ADM1")]
