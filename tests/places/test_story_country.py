"""Which country a story is in, and what that says of its names' readings (the full gazetteer)."""

from __future__ import annotations


def _places(extractor, text: str) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    rec = extractor.extract_text(text).to_dict()
    return [(p["name"], p["country_code"], p["admin1"]) for p in rec["places"]]


def test_a_state_named_as_a_citys_old_name_still_closes_an_address(extractor) -> None:  # type: ignore[no-untyped-def]
    # Recife was once called Pernambuco, and its prior outweighs the state's; the address still names
    # the state, so the Trindade of Pernambuco is meant, not the larger one of Goias, whatever a
    # neighbourhood inside it reads as (Goianira was once Sao Geraldo)
    text = "On Friday, in Trindade, Pernambuco, a trader was shot dead in the Sao Geraldo neighborhood."
    places = _places(extractor, text)
    assert ("Trindade", "BR", "Pernambuco") in places
    assert all(admin1 == "Pernambuco" for _, _, admin1 in places)


def test_a_news_agency_says_nothing_of_where_the_story_is(extractor) -> None:  # type: ignore[no-untyped-def]
    # "AP" is the Associated Press in the actor registry, and here Andhra Pradesh; either way the
    # story is not American, so Kovvur is the Indian town, not Hoover of Alabama spelt nearly alike
    text = "Hundreds of migrant workers protested in Kovvur town (West Godaveri, AP) on Monday."
    assert _places(extractor, text)[0][:2] == ("Kovvūr", "IN")


def test_a_small_namesake_abroad_is_no_place_of_a_story_of_another_country(extractor) -> None:  # type: ignore[no-untyped-def]
    # Alamada is a town of the Philippines; in a story of Lower Shabelle nothing points there, and
    # "not in the gazetteer" is the better reading: the event takes the story's Somali places
    text = (
        "Al-Shabaab fighters raided an army post near Alamada village at Lafoole (Afgooye, Lower Shabelle)."
    )
    rec = extractor.extract_text(text).to_dict()
    assert {p["country_code"] for p in rec["places"]} == {"SO"}
    [event] = [e for e in rec["events"] if e["place"]][:1]
    assert next(p for p in rec["places"] if p["id"] == event["place"])["name"] == "Lafoole"
    # a neighbour's town is no story elsewhere: rockets fired from Gaza land in Israel
    text = "Militants in the Gaza Strip fired two rockets at Sederot on Tuesday, Palestinian sources said."
    assert ("Sderot", "IL") in [p[:2] for p in _places(extractor, text)]
    # the other names may lie in several countries: a story of Uganda and Congo is elsewhere too
    text = (
        "Gunmen seized fishermen on Lake Albert near Kaiso, Uganda, and took them to the "
        "Democratic Republic of the Congo."
    )
    assert "AU" not in {p[1] for p in _places(extractor, text)}
