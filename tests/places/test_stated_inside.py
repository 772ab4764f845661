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
