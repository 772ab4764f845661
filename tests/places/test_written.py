"""Units written as the document writes them (``dateline.places.written``), on the full gazetteer."""

from __future__ import annotations


def _places(extractor, text: str) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    return {p["name"]: p for p in extractor.extract_text(text).to_dict()["places"]}


def test_a_province_named_like_its_seat_takes_the_seats_written_name(extractor) -> None:  # type: ignore[no-untyped-def]
    # GeoNames writes the city and the governorate "Idlib"; the story writes the city "Idleb", as
    # coders then write the governorate
    places = _places(extractor, "Hundreds of people protested in Idleb city on Friday against the council.")
    assert places["Idlib"]["admin1"] == "Idleb"
    # a seat named otherwise than its province says nothing of the province's name
    places = _places(extractor, "A bomb exploded at a checkpoint in Lashkar Gah on Friday.")
    assert places["Lashkar Gāh"]["admin1"] == "Helmand"
    # the province named in so many words wins over its seat's spelling
    rec = extractor.extract_text("A bomb exploded in Idleb city, the capital of Idlib province, on Friday.")
    assert {p["admin1"] for p in rec.to_dict()["places"]} == {"Idlib"}


def test_a_district_named_like_a_town_takes_the_towns_written_name(extractor) -> None:  # type: ignore[no-untyped-def]
    # GeoNames writes the district "Dayr az-Zawr" and "Harem"; the story writes the towns otherwise,
    # and the same spelling (one transliteration skeleton) is the district's as the story writes it
    places = _places(extractor, "Gunmen killed a shopkeeper in Deir-ez-Zor city on Monday.")
    assert places["Deir ez-Zor"]["admin2"] == "Deir-ez-Zor"
    places = _places(extractor, "Protesters gathered in Harim town on Friday.")
    assert places["Ḩārim"]["admin2"] == "Harim"
    # a district named unlike the town keeps the gazetteer's name
    places = _places(extractor, "Gunmen killed a shopkeeper in Saraqib on Monday.")
    assert places["Saraqib"]["admin2"] == "Idlib"


def test_a_town_word_names_a_town_never_its_province(extractor) -> None:  # type: ignore[no-untyped-def]
    # Hama the province is likelier by its priors; "the city of" says the town
    places = _places(extractor, "Regime forces shelled the city of Hama on Monday.")
    assert places["Ḩamāh"]["feature"] == "PPLA"
    places = _places(extractor, "A bomb exploded in Kuwait City on Monday.")
    assert places["Kuwait City"]["feature"] == "PPLC"
