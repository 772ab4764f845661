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


def test_a_bracketed_address_names_the_district(extractor) -> None:  # type: ignore[no-untyped-def]
    # GeoNames knows no district of Mogadishu; the bracket after it names the district and the
    # province, and the district is the text's
    places = _places(extractor, "A grenade hit a police post in Mogadishu (Hamar Jajab, Banadir) on Tuesday.")
    assert places["Mogadishu"]["admin2"] == "Hamar Jajab"
    # a province and its country in brackets name no district
    places = _places(
        extractor, "Gunmen attacked a checkpoint in Lashkar Gah (Helmand, Afghanistan) on Monday."
    )
    assert places["Lashkar Gāh"]["admin2"] == "Lashkar Gah"  # the district Lashkargah, as written
    # the district's unit word is no part of its name
    places = _places(extractor, "Youths demonstrated in Kagara (Rafi LGA, Niger) on Tuesday.")
    assert places["Kagara"]["admin2"] == "Rafi"
    # a province named like the place's district: the first link is a subdistrict of that district
    places = _places(extractor, "Workers protested in Ashulia (Savar, Dhaka) over unpaid wages.")
    assert places["Ashulia"]["admin2"] == "Dhaka"
    # a settlement's unit word is part of the district's name
    places = _places(
        extractor, "Surfers protested at Muizenberg beach (City of Cape Town, Western Cape) on Friday."
    )
    assert places["Muizenberg"]["admin2"] == "City of Cape Town"
