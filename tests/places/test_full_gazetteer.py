"""Place readings that need the full gazetteer (every country's names and the villages): what
the small per-country indexes of the other places tests cannot show."""

from __future__ import annotations


def test_an_exact_name_beats_close_spellings_of_foreign_provinces(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Baiji" is an alternate name of Bayji (Iraq); Beja (Portugal, Tunisia) and Bejaia (Algeria)
    # are provinces spelt nearly alike, which nothing in the text vouches for
    rec = extractor.extract_text("A Shiite cleric was assassinated by gunmen in Baiji on Monday.").to_dict()
    assert [(p["name"], p["country_code"]) for p in rec["places"]] == [("Bayjī", "IQ")]
    # an article the gazetteer writes assimilated: "Al-Dawrah" is a reading of "Ad Dawrah"
    rec = extractor.extract_text("A car bomb exploded in Al-Dawrah area, in southern Baghdad.").to_dict()
    assert {p["admin1"] for p in rec["places"]} == {"Baghdad"}
    [event] = rec["events"]
    assert next(p for p in rec["places"] if p["id"] == event["place"])["admin1"] == "Baghdad"


def test_the_last_word_of_a_place_entity_is_no_place_by_itself(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Green Zone" read as a GPE: "Zone" (a village in Italy) is no place of it; "South America" is
    rec = extractor.extract_text(
        "Two mortar rounds exploded in Baghdad's Green Zone, which holds Iraq's embassies."
    )
    assert {p["country_code"] for p in rec.to_dict()["places"]} == {"IQ"}
    rec = extractor.extract_text("Floods hit South America on Monday.")
    assert [p["feature"] for p in rec.to_dict()["places"]] == ["CONT"]


def test_an_actors_areas_choose_among_namesake_villages(extractor) -> None:  # type: ignore[no-untyped-def]
    # Orikhove is a village of Crimea (3,000 people) and of several Donbas districts; the OSCE's
    # monitoring mission reported from Donetsk and Luhansk (the registry's "areas" of the mission)
    text = "Monitors of the OSCE SMM heard heavy shelling near Orikhove late on Tuesday."
    [place] = extractor.extract_text(text).to_dict()["places"]
    assert (place["country_code"], place["admin1"]) in {("UA", "Donetsk"), ("UA", "Luhansk")}


def test_an_address_in_cameroons_far_north_as_english_news_writes_it(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Extreme-North" is GTD's and English news' name of the Far North region; the country closes the
    # address even when spaCy reads the whole as a person; Tourou is the village of that region
    # (Cameroon's villages are in the gazetteer since Who's On First's were added)
    rec = extractor.extract_text(
        "Troops repelled raiders at Tourou, Extreme-North, Cameroon, on Sunday."
    ).to_dict()
    assert [(p["name"], p["feature"]) for p in rec["places"]] == [
        ("Tourou", "PPL"),
        ("Far North", "ADM1"),
        ("Cameroon", "PCLI"),
    ]
    [event] = rec["events"]
    assert next(p for p in rec["places"] if p["id"] == event["place"])["name"] == "Tourou"


def test_an_address_fences_the_other_names_in_its_country(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Bakara" is also an alternate name of Bhakkar, a Pakistani city; the address puts the story in
    # Somalia, so Bakara is read there or not at all
    text = (
        "A grenade blast wounded two traders at the Bakara market stalls on Tuesday, "
        "police in Mogadishu, Banaadir, Somalia said."
    )
    countries = {p["country_code"] for p in extractor.extract_text(text).to_dict()["places"]}
    assert countries == {"SO"}
    # with no address, a town of another country the story names stays a reading
    text = "Officials from Houston flew to Southlake and then to Paris, France."
    names = {p["name"]: p["country_code"] for p in extractor.extract_text(text).to_dict()["places"]}
    assert names["Southlake"] == "US"


def test_a_bracket_cuts_an_entity_and_an_exact_name_outlasts_close_spellings(extractor) -> None:  # type: ignore[no-untyped-def]
    # spaCy reads "Surman (Azzawya" as one ORG: the bracket opens the town's address
    rec = extractor.extract_text("Gunmen killed two farmers in Surman (Azzawya) on Friday.").to_dict()
    assert [(p["country_code"], p["feature"]) for p in rec["places"]] == [("LY", "PPL")]
    # a village known by its exact name, in a story that says nothing else of where it is, is read
    # as that village (not Muyinga or Manica, provinces spelt nearly alike)
    rec = extractor.extract_text(
        "Bandits shot a herder dead near Miango (Bassa LGA, Plateau) on Monday."
    ).to_dict()
    # ... and its bracket is its address: Bassa LGA (a local government area) of Plateau State
    assert [(p["name"], p["feature"], p["admin1"]) for p in rec["places"]] == [
        ("Miango", "PPL", "Plateau"),
        ("Bassa", "ADM2", "Plateau"),
        ("Plateau", "ADM1", "Plateau"),
    ]


def test_an_address_ending_in_a_country_name_may_end_in_a_province_of_that_name(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Niger" is a country and a Nigerian state; a local government area of the state is no place of
    # the Republic of Niger
    rec = extractor.extract_text(
        "Bandits killed four farmers in Tungan Bako (Wushishi LGA, Niger)."
    ).to_dict()
    places = {p["name"]: (p["country_code"], p["feature"], p["admin1"]) for p in rec["places"]}
    assert places["Wushishi"] == ("NG", "ADM2", "Niger")
    assert places["Niger"] == ("NG", "ADM1", "Niger")


def test_a_village_the_gazetteer_lacks_leaves_its_province(extractor) -> None:  # type: ignore[no-untyped-def]
    # no name match covers the village, and spaCy reads the province as a person: the province
    # after the comma is still a place, and the event is placed there, not in the country
    rec = extractor.extract_text(
        "On Friday, military forces of Armenia fired on the positions of the military forces of "
        "Azerbaijan located at Kokhanebi, Tovuz."
    ).to_dict()
    tovuz = next(p for p in rec["places"] if p["name"] == "Tovuz")
    assert (tovuz["country_code"], tovuz["feature"]) == ("AZ", "ADM1")
    # the village is a place of its own, at the province's point with the province's precision
    village = next(p for p in rec["places"] if p["id"] == rec["events"][0]["place"])
    assert (village["name"], village["located_by"], village["admin1"]) == ("Kokhanebi", tovuz["id"], "Tovuz")
    assert rec["events"][0]["geo_precision"] == 3


def test_an_address_link_holds_the_unit_before_it(extractor) -> None:  # type: ignore[no-untyped-def]
    # Bandarban District lies in Chittagong Division, not in the city of Chittagong; the sub-district
    # the gazetteer lacks is no namesake abroad
    rec = extractor.extract_text(
        "Two people were hurt in a clash in Lama Upazila (Bandarban, Chittagong)."
    ).to_dict()
    assert {p["country_code"] for p in rec["places"]} == {"BD"}
    assert ("Chittagong", "ADM1") in {(p["name"], p["feature"]) for p in rec["places"]}


def test_words_put_a_district_inside_a_province_not_beside_it(extractor) -> None:  # type: ignore[no-untyped-def]
    # Andar is a district of Ghazni: "a man from Andar in Kandahar" names no district of Ghazni
    rec = extractor.extract_text("Police detained a man from Andar in Kandahar.").to_dict()
    assert {p["admin1"] for p in rec["places"]} == {"Kandahar"}


def test_a_comma_inside_an_entity_cuts_it(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Barangay Tabuc, Ozamiz" may come as one organisation; the town and its province are places,
    # and the village, which the gazetteer does not know, is located in them
    rec = extractor.extract_text(
        "Soldiers clashed with rebels in Barangay Tabuc, Ozamiz, Misamis Occidental, on Friday."
    ).to_dict()
    assert [(p["name"], p["feature"], p["admin2"]) for p in rec["places"]] == [
        ("Barangay Tabuc", "PPL", "Misamis Occidental"),
        ("Ozamiz City", "PPL", "Misamis Occidental"),
        ("Province of Misamis Occidental", "ADM2", "Misamis Occidental"),
    ]
    assert rec["places"][0]["id"].startswith("text:")


def test_a_container_is_narrowed_before_the_names_inside_it(extractor) -> None:  # type: ignore[no-untyped-def]
    # Arkhay is a village of Paktika and of Nangarhar; the address puts it in Paktika, so Lachapur,
    # a village beside Nangarhar's Arkhay, is no reading of a name inside Paktika's
    rec = extractor.extract_text(
        "Gunmen attacked a house in Lachapur area, Arkhay village, Paktika, Afghanistan."
    ).to_dict()
    assert {p["admin1"] for p in rec["places"] if p["admin1"]} == {"Paktika"}


def _place(rec, place_id):  # type: ignore[no-untyped-def]
    return next(p for p in rec["places"] if p["id"] == place_id)


def test_a_village_the_gazetteer_lacks_is_located_at_the_place_the_text_puts_it(extractor) -> None:  # type: ignore[no-untyped-def]
    gazetteer = extractor.nlp.get_pipe("dateline_places").gazetteer
    for name in ("Zarqanabad", "Tarkhanpora"):
        assert not gazetteer.lookup(name), f"{name} must be unknown to the gazetteer for this test"
    # "near" a town: the village is placed at the town's point, ACLED precision 2
    rec = extractor.extract_text(
        "Insurgents shelled a police post in the town of Zarqanabad, near Baqubah."
    ).to_dict()
    [event] = rec["events"]
    village = _place(rec, event["place"])
    town = _place(rec, village["located_by"])
    assert (village["name"], village["country_code"], village["admin1"]) == (
        "Zarqanabad",
        "IQ",
        town["admin1"],
    )
    assert town["name"] == "Baqubah" and (village["lat"], village["lon"]) == (town["lat"], town["lon"])
    assert village["geonameid"] is None and event["geo_precision"] == 2
    # "X village in Y district" (spaCy reads the village as anything but a place)
    rec = extractor.extract_text(
        "Militants shot a shopkeeper dead in Tarkhanpora village in Pulwama district on Monday."
    ).to_dict()
    village = _place(rec, rec["events"][0]["place"])
    assert (village["name"], village["admin2"], village["feature"]) == ("Tarkhanpora", "Pulwama", "PPL")
    # one village in one district is one place across documents
    again = extractor.extract_text("Troops searched Tarkhanpora village in Pulwama district.").to_dict()
    assert village["id"] in {p["id"] for p in again["places"]}


def test_a_namesake_far_from_the_place_a_name_lies_near_is_no_reading(extractor) -> None:  # type: ignore[no-untyped-def]
    # Sparta is a town of Greece and of the United States: "near Kandahar" it is a village there
    rec = extractor.extract_text(
        "Gunmen ambushed a convoy in the village of Sparta, near Kandahar."
    ).to_dict()
    assert {p["country_code"] for p in rec["places"]} == {"AF"}
    assert _place(rec, rec["events"][0]["place"])["name"] == "Sparta"


def test_an_unknown_name_the_text_does_not_place_is_no_place(extractor) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Zarqanabad residents protested against the price of bread.",  # no link to a known place
        "Delegates met at Microsoft in Seattle on Monday.",  # an organisation, not a village
        "Police arrested him in December in Kabul.",  # a month
        "The convoy drove from Zarqanabad and Baqubah to the border.",  # a list, not a link
    ):
        names = {p["name"] for p in extractor.extract_text(text).to_dict()["places"]}
        assert not names & {"Zarqanabad", "Microsoft", "December"}, text


def test_the_unknown_first_link_of_an_address_is_whole_and_located_in_it(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Wadi" alone is an alternate name of El Oued (Algeria): the address's first link is one name
    # the gazetteer lacks, located at the town after it, inside Kirkuk
    rec = extractor.extract_text(
        "An explosive device detonated near a checkpoint in Wadi Umm Tawil, Riyadh, Kirkuk, Iraq."
    ).to_dict()
    assert {p["country_code"] for p in rec["places"]} == {"IQ"}
    village = _place(rec, rec["events"][0]["place"])
    assert (village["name"], village["admin1"]) == ("Wadi Umm Tawil", "Kirkuk")
    # a unit written with its unit word is no longer name ("Borno State" is Borno)
    rec = extractor.extract_text("Assailants attacked Askira, Borno State, Nigeria.").to_dict()
    assert ("Borno", "ADM1") in {(p["name"], p["feature"]) for p in rec["places"]}
    # a person's name before an address is no place
    text = "Police said Mohammad Nabi Khan, Kandahar, Afghanistan, was killed."
    rec = extractor.extract_text(text).to_dict()
    assert "Mohammad Nabi Khan" not in {p["name"] for p in rec["places"]}


def test_the_places_a_road_is_named_after_are_places_the_event_is_near(extractor) -> None:  # type: ignore[no-untyped-def]
    # both ends of a road, whatever spaCy read them as (one ORG "the Ghazni-Sharan highway")
    text = "Insurgents ambushed a supply convoy on the Ghazni-Sharan highway."
    rec = extractor.extract_text(text).to_dict()
    ends = {p["name"]: p for p in rec["places"]}
    assert set(ends) == {"Ghazni", "Sharan"} and {p["country_code"] for p in ends.values()} == {"AF"}
    assert {m["route"] for p in ends.values() for m in p["mentions"]} == {"highway"}
    assert rec["events"][0]["place"] in {p["id"] for p in ends.values()}
    # a town named before a road (read as a people), the only place of the event
    rec = extractor.extract_text("Protesters blocked the Halba highway with burning tyres.").to_dict()
    [town] = rec["places"]
    assert (town["name"], town["country_code"]) == ("Halba", "LB")
    assert rec["events"][0]["place"] == town["id"]
    # the town the event is in, not the road's ends
    text = "A roadside bomb struck a convoy on the Kirkuk-Baghdad highway in Tuz Khurmatu, Saladin, Iraq."
    rec = extractor.extract_text(text).to_dict()
    assert {"Kirkuk", "Baghdad"} <= {p["name"] for p in rec["places"]}
    assert _place(rec, rec["events"][0]["place"])["admin1"] == "Saladin"
    # a road's end is read in the address's country, never as a city abroad (Qom, Iran)
    text = "Gunmen attacked farmers on the Bokkos-Qom road in Bokkos, Plateau, Nigeria."
    assert {p["country_code"] for p in extractor.extract_text(text).to_dict()["places"]} == {"NG"}
    # a title-case road may be a street of the town the text names: "Kabul Road" in Peshawar
    rec = extractor.extract_text("A bomb exploded on Kabul Road in Peshawar.").to_dict()
    assert [p["name"] for p in rec["places"]] == ["Peshawar"]


def test_a_hamlet_something_happened_near_is_a_place(extractor) -> None:  # type: ignore[no-untyped-def]
    # villages of no recorded population are words too ("Day", "Jail"), but only a place lies near
    rec = extractor.extract_text("The OSCE SMM recorded three explosions near Mineralne on Sunday.").to_dict()
    [village] = rec["places"]
    assert (village["country_code"], village["admin1"]) == ("UA", "Donetsk")
    assert rec["events"][0]["place"] == village["id"]


def test_two_names_closing_a_clause_are_an_address(extractor) -> None:  # type: ignore[no-untyped-def]
    # "X, Helmand.": a name with no reading in the province is a place the gazetteer lacks, there
    rec = extractor.extract_text("Gunmen attacked a checkpoint near Sparta, Helmand.").to_dict()
    assert {p["country_code"] for p in rec["places"]} == {"AF"}
    village = _place(rec, rec["events"][0]["place"])
    assert (village["name"], village["admin1"], village["geonameid"]) == ("Sparta", "Helmand", None)
    # a list of towns, and two provinces side by side, are no address
    rec = extractor.extract_text("Fighting spread to Mosul, Tikrit and Baghdad.").to_dict()
    assert {p["name"] for p in rec["places"]} >= {"Mosul", "Baghdad"}
    rec = extractor.extract_text("Clashes were reported in Herat, Kandahar.").to_dict()
    assert {(p["name"], p["feature"]) for p in rec["places"]} == {("Herat", "ADM1"), ("Kandahar", "ADM1")}


def test_a_province_after_a_name_spacy_read_as_a_person_in_the_area_of_is_a_place(extractor) -> None:  # type: ignore[no-untyped-def]
    # spaCy reads the mine's name as a person and leaves Donetsk bare; "in the area of" is locative
    text = "Troops shelled positions in the area of Shakhta Trudovskaya, Donetsk."
    rec = extractor.extract_text(text).to_dict()
    assert [(p["name"], p["feature"]) for p in rec["places"]] == [("Donetsk", "ADM1")]
    assert rec["events"][0]["place"] == rec["places"][0]["id"]


def test_a_known_name_the_text_links_to_a_place_is_a_place(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Ishaqi" read as a people: "a town north of Baghdad" makes it a place, outside Baghdad
    rec = extractor.extract_text("The attack took place in Ishaqi, a town north of Baghdad.").to_dict()
    town = _place(rec, rec["events"][0]["place"])
    assert (town["country_code"], town["admin1"]) == ("IQ", "Salah ad Din")
    assert town["geonameid"] is not None and not town.get("located_by")


def test_a_place_takes_the_district_its_address_names_when_the_gazetteer_has_none(extractor) -> None:  # type: ignore[no-untyped-def]
    gazetteer = extractor.nlp.get_pipe("dateline_places").gazetteer
    [lulimba] = [e for e in gazetteer.lookup("Lulimba") if e.country_code == "CD"]
    assert lulimba.admin2 is None, "the test needs a village the gazetteer gives no district"
    rec = extractor.extract_text("Rebels ambushed a truck near Lulimba village (Fizi, Sud-Kivu).").to_dict()
    village = _place(rec, rec["events"][0]["place"])
    assert (village["name"], village["admin1"], village["admin2"]) == ("Lulimba", "Sud-Kivu", "Fizi")


def test_an_address_fences_the_bare_sectors_and_villages_of_its_text(extractor) -> None:  # type: ignore[no-untyped-def]
    # Valle Verde is a village of Michoacan, Colima, Jalisco and Nayarit, none in Tabasco: the
    # sector of Cardenas the text means is no place the gazetteer knows, never a village elsewhere
    rec = extractor.extract_text(
        "In Cardenas, Tabasco, neighbours blocked the entrance of the Valle Verde sector on Monday."
    ).to_dict()
    assert {p["admin1"] for p in rec["places"]} == {"Tabasco"}
    assert [u["name"] for u in rec["unresolved_places"]] == ["Valle Verde"]
    # without an address the sector keeps its readings
    rec = extractor.extract_text(
        "Neighbours blocked the entrance of the Valle Verde sector on Monday."
    ).to_dict()
    assert [(p["name"], p["country_code"]) for p in rec["places"]] == [("Valle Verde", "MX")]


def test_a_province_in_an_address_bracket_is_found_by_its_close_spellings(extractor) -> None:  # type: ignore[no-untyped-def]
    # ACLED writes Libya's Al Marqab "Almargeb": the article joined and the qaf written as g
    rec = extractor.extract_text("Clashes were reported near Tarhuna (Almargeb) on Sunday.").to_dict()
    assert [(p["name"], p["feature"], p["country_code"]) for p in rec["places"]] == [
        ("Tarhuna", "PPL", "LY"),
        ("Al Marqab", "ADM1", "LY"),
    ]


def test_an_article_standing_apart_opens_no_name_of_its_own(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Al Jabal Al Gharbi" is the province Jabal al Gharbi, not the names "Al Jabal" and "Al Gharbi"
    rec = extractor.extract_text("Gunmen attacked a checkpoint in Al Jabal Al Gharbi.").to_dict()
    [place] = rec["places"]
    assert (place["name"], place["feature"]) == ("Jabal al Gharbi", "ADM1")
    assert place["mentions"][0]["text"] == "Al Jabal Al Gharbi"


def test_a_bracketed_address_holds_its_links_whatever_spacy_read_them_as(extractor) -> None:  # type: ignore[no-untyped-def]
    # spaCy reads "Al Bayda" as a person and "Radman al Awadh" splits at its article; each link
    # of the bracket lies in the next, so the district is read only inside Al Bayda
    rec = extractor.extract_text(
        "Coalition reinforcements reached Al Awadh area (Radman al Awadh, Al Bayda) on Saturday."
    ).to_dict()
    assert {(p["country_code"], p["admin1"]) for p in rec["places"]} == {("YE", "Al Bayda")}
    [event] = rec["events"]
    assert next(p for p in rec["places"] if p["id"] == event["place"])["admin1"] == "Al Bayda"


def test_a_village_lies_in_the_district_of_its_name(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Wori village, Wori district": the district (a town of North Sulawesi) holds the village,
    # which the gazetteer does not know; Wari of Mali, a close spelling, is no reading of it
    rec = extractor.extract_text(
        "In Wori village, Wori district, North Minahasa regency, North Sulawesi province, hundreds"
        " of villagers protested."
    ).to_dict()
    assert {p["country_code"] for p in rec["places"]} == {"ID"}
    village = next(p for p in rec["places"] if p["mentions"][0]["text"] == "Wori village")
    assert village["id"].startswith("text:") and village["admin1"] == "North Sulawesi"


def test_an_unknown_link_passes_its_bracket_on_to_the_names_inside_it(extractor) -> None:  # type: ignore[no-untyped-def]
    # Fakala Commune is not in the gazetteer; its bracket (Djenne, Mopti) holds the village before
    # it, so a close spelling in Sikasso is no reading of the village
    rec = extractor.extract_text(
        "Militiamen attacked the village of Djongue-Ouro, Fakala Commune (Djenne, Mopti), on Tuesday."
    ).to_dict()
    assert {p["admin1"] for p in rec["places"]} == {"Mopti"}


def test_a_bracket_holding_a_name_and_other_words_is_no_address(extractor) -> None:  # type: ignore[no-untyped-def]
    rec = extractor.extract_text(
        "In San Pedro (San Pedro), residents demanded the resignation of mayor Gustavo Rodriguez"
        " (Colorado Party)."
    ).to_dict()
    assert {p["country_code"] for p in rec["places"]} == {"PY"}


def test_the_first_words_of_a_longer_unknown_name_are_no_place(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Morro do Juiz" is no Morro of Mexico, "Sana Bharandi village" no Sanaa
    rec = extractor.extract_text(
        "In Belford Roxo, Rio de Janeiro, shoot-outs took place in Morro do Juiz on Monday."
    ).to_dict()
    assert {p["country_code"] for p in rec["places"]} == {"BR"}
    rec = extractor.extract_text(
        "Youths attacked a guard in Sana Bharandi village in Umerkote taluka (Nabarangpur, Odisha)."
    ).to_dict()
    assert {p["country_code"] for p in rec["places"]} == {"IN"}
    assert rec["places"][0]["name"] == "Sana Bharandi"


def test_a_common_word_after_from_is_the_body_not_the_town(extractor) -> None:  # type: ignore[no-untyped-def]
    # Police is a town of Poland; "reinforcement from Police" is the force
    rec = extractor.extract_text(
        "Customs officers with reinforcement from Police fired shots in Owode (Egbado South LGA, Ogun)."
    ).to_dict()
    assert {p["country_code"] for p in rec["places"]} == {"NG"}


def test_an_acronym_before_a_place_is_no_village(extractor) -> None:  # type: ignore[no-untyped-def]
    rec = extractor.extract_text(
        "Gunmen fired shots at a former MLA in Phubani town (Kandhamal, Odisha) on Wednesday."
    ).to_dict()
    assert "MLA" not in {m["text"] for p in rec["places"] for m in p["mentions"]}
    assert {p["admin1"] for p in rec["places"]} == {"Odisha"}


def test_a_close_spelling_makes_no_country_of_the_names_around_it(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Chimiquito" is spelt nearly like a Colombian hamlet; Morelia is still Michoacan's capital
    text = "In Chimiquito, Morelia, gunmen shot a police officer on Wednesday."
    rec = extractor.extract_text(text).to_dict()
    morelia = next(p for p in rec["places"] if p["mentions"][0]["text"] == "Morelia")
    assert (morelia["country_code"], morelia["admin1"]) == ("MX", "Michoacán")


def test_the_first_link_of_an_address_is_the_town_however_the_gazetteer_spells_it(extractor) -> None:  # type: ignore[no-untyped-def]
    # GeoNames spells the district Khamīs Mushayţ and the city Khamis Mushait (with "Khamis
    # Mushayt" among its other names); spaCy reads the name as a facility
    rec = extractor.extract_text(
        "Security forces intercepted drones near King Khalid Air Base near Khamis Mushayt, Asir,"
        " Saudi Arabia."
    ).to_dict()
    town = next(p for p in rec["places"] if p["mentions"][0]["text"] == "Khamis Mushayt")
    assert (town["name"], town["feature"]) == ("Khamis Mushait", "PPL")


def test_a_city_after_a_bare_preposition_is_a_place_whatever_spacy_read_it_as(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Abu Ghraib" (Abū Ghurayb, 900,000 people) read as a facility, in a text naming no country
    text = "A police officer was killed when gunmen stopped his car near Abu Ghraib."
    rec = extractor.extract_text(text).to_dict()
    assert [(p["name"], p["country_code"]) for p in rec["places"]] == [("Abū Ghurayb", "IQ")]
    # a village of Florida is still no reading of a bare "at Heathrow"
    assert extractor.extract_text("Passengers waited at Heathrow for hours.").to_dict()["places"] == []


def test_a_peoples_name_with_a_unit_word_is_the_unit(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Security forces arrested a leader in Warder, Somali region, on Tuesday."
    rec = extractor.extract_text(text).to_dict()
    assert [(p["name"], p["feature"], p["country_code"]) for p in rec["places"]] == [
        ("Warder", "PPL", "ET"),
        ("Somali", "ADM1", "ET"),
    ]
    # without its unit word the people's name stays no place
    rec = extractor.extract_text("Somali troops clashed with militants near Beledweyne.").to_dict()
    assert [p["name"] for p in rec["places"]] == ["Beledweyne"]


def test_a_district_known_by_a_close_spelling_holds_the_name_its_bracket_follows(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Naushera" is written as several villages of Pakistan's Punjab, "Rajouri" as the district Rajauri
    # of India only by close spelling; with its unit word the district is the container all the same
    text = "Troops exchanged fire near Naushera (Rajouri district) on Monday."
    rec = extractor.extract_text(text).to_dict()
    town = next(p for p in rec["places"] if p["mentions"][0]["text"].startswith("Naushera"))
    # the district written as the text writes it (GeoNames: Rājauri)
    assert (town["country_code"], town["admin1"], town["admin2"]) == ("IN", "Jammu and Kashmir", "Rajouri")


def test_indian_press_abbreviations_close_an_address(extractor) -> None:  # type: ignore[no-untyped-def]
    # "J&K" (one token) and "TN" after a district or town: the address closes, the town lies in it
    text = "Gunmen fired on a patrol at Sopore town (Baramulla district, J&K)."
    rec = extractor.extract_text(text).to_dict()
    found = {(p["name"], p["feature"]) for p in rec["places"]}
    assert found >= {("Jammu and Kashmir", "ADM1"), ("Sopur", "PPL")}
    rec = extractor.extract_text("Weavers held a protest in Salem (Salem, TN) on Friday.").to_dict()
    assert {p["admin1"] for p in rec["places"]} == {"Tamil Nadu"}
    # the same letters after an American town are still Tennessee
    rec = extractor.extract_text("Police in Nashville, TN, arrested two men.").to_dict()
    assert {p["admin1"] for p in rec["places"]} == {"Tennessee"}


def test_a_states_written_form_alone_in_brackets_after_a_unit_word_holds_the_unit(extractor) -> None:  # type: ignore[no-untyped-def]
    # Poonch is a district of Jammu and Kashmir and of Azad Kashmir; "(J&K)" says which
    text = "Troops of both countries exchanged fire across the LoC in Poonch district (J&K) on Friday."
    rec = extractor.extract_text(text).to_dict()
    district = next(p for p in rec["places"] if p["feature"] == "ADM2")
    assert (district["country_code"], district["admin1"]) == ("IN", "Jammu and Kashmir")
    # a bracket right after a place's name is a news agency's credit, not a state
    rec = extractor.extract_text("KABUL (AP) - Gunmen attacked a checkpoint in Kabul.").to_dict()
    assert {p["country_code"] for p in rec["places"]} == {"AF"}


def test_an_acronym_in_brackets_after_its_name_is_no_place(extractor) -> None:  # type: ignore[no-untyped-def]
    # "SNA" is also an alternate name of Sanaa; in brackets after "Somali National Army" it is the army
    text = "A roadside bomb hit a Somali National Army (SNA) truck near Balcad, Middle Shebelle, Somalia."
    rec = extractor.extract_text(text).to_dict()
    assert {p["country_code"] for p in rec["places"]} == {"SO"}
    assert [p["name"] for p in rec["places"] if p["id"] == rec["events"][0]["place"]] == ["Balcad"]


def test_the_countryside_of_a_province_holds_the_town_before_it(extractor) -> None:  # type: ignore[no-untyped-def]
    # Al Mansurah of Egypt is the larger namesake; "in the western countryside of Ar-Raqqa" puts it in
    # Syria, and the town is no quarter of the city of Ar-Raqqa, 40 km away
    text = "Gunmen opened fire on fighters in the town of Mansura in the western countryside of Ar-Raqqa."
    rec = extractor.extract_text(text).to_dict()
    town = next(p for p in rec["places"] if p["mentions"][0]["text"] == "town of Mansura")
    assert (town["country_code"], town["admin1"]) == ("SY", "Ar-Raqqa")  # the province as written
    [event] = rec["events"]
    assert event["place"] == town["id"]


def test_a_person_after_a_comma_holds_no_place(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The chief of the tribes in Basra, Kadhim al-Sukkar, was killed by gunmen."
    rec = extractor.extract_text(text).to_dict()
    assert [(p["name"], p["country_code"]) for p in rec["places"]] == [("Basrah", "IQ")]


def test_a_peoples_name_after_a_with_a_unit_word_is_a_kind_of_place(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen attacked a Fulani settlement in Iraye, Ogun, Nigeria."
    rec = extractor.extract_text(text).to_dict()
    assert "Fulani settlement" not in {m["text"] for p in rec["places"] for m in p["mentions"]}
    assert {p["admin1"] for p in rec["places"]} == {"Ogun", None}


def test_a_county_written_before_its_name_and_a_village_outside_of_a_city(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Vandals broke the windows of a school in Cushendall, in County Antrim."
    rec = extractor.extract_text(text).to_dict()
    assert {p["name"] for p in rec["places"]} >= {"Cushendall", "Antrim"}
    text = "A bomb exploded at a railway station outside of Guwahati on Monday."
    rec = extractor.extract_text(text).to_dict()
    assert [(p["name"], p["country_code"]) for p in rec["places"]] == [("Guwahati", "IN")]


def test_a_province_names_its_seat_town(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Turkish forces sent reinforcements to their positions in Idlib province."
    rec = extractor.extract_text(text).to_dict()
    [province] = rec["places"]
    assert province["feature"] == "ADM1"
    assert (province["seat"]["name"], province["seat"]["feature"]) == ("Idlib", "PPLA")
    assert province["seat"]["admin2"]


def test_a_unit_word_vouches_for_no_close_spelling_abroad_in_a_story_placed_elsewhere(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Muang" (Thai for a province's capital district) is spelt nearly as Miyang, a Chinese town; the
    # story is of Yala, Thailand, so the unit word does not make it Chinese
    text = (
        "Police report that militants carried out a bombing of six car showrooms in Yala on Thursday."
        " The bombs were placed in showrooms throughout the Muang district, including in Thailand."
    )
    rec = extractor.extract_text(text).to_dict()
    assert {p["country_code"] for p in rec["places"]} == {"TH"}


def test_an_arabic_article_written_apart_opens_a_place_name(extractor) -> None:  # type: ignore[no-untyped-def]
    for text, name in (
        ("Rioters hurled a Molotov cocktail at a bank branch in ech Choueifat.", "Ech Chouaifat"),
        ("Protesters blocked the roundabout in el Aabde.", "El Aabde"),
    ):
        rec = extractor.extract_text(text).to_dict()
        assert [(p["name"], p["country_code"]) for p in rec["places"]] == [(name, "LB")]
    # English words that double as articles elsewhere open nothing: "at" before a hamlet's name
    rec = extractor.extract_text("Shoppers queued at Walmart in Dallas on Friday.").to_dict()
    assert [p["name"] for p in rec["places"]] == ["Dallas"]


def test_a_name_before_an_address_of_two_links_lies_in_it_whatever_its_namesakes(extractor) -> None:  # type: ignore[no-untyped-def]
    # Mandoli is a quarter of Delhi to the gazetteer; the bracket says a village of Bandiagara, Mali
    text = "Militants attacked a gendarmerie post in Mandoli (Bandiagara, Mopti) on Tuesday."
    rec = extractor.extract_text(text).to_dict()
    village = next(p for p in rec["places"] if p["mentions"][0]["text"] == "Mandoli")
    assert (village["country_code"], village["admin1"]) == ("ML", "Mopti")


def test_a_district_the_text_names_is_written_as_the_text_writes_it(extractor) -> None:  # type: ignore[no-untyped-def]
    # GeoNames spells the district Punch; the text, as Indian news and coders do, Poonch
    text = "Troops exchanged fire near Mendhar town (Poonch district, J&K) on Monday."
    rec = extractor.extract_text(text).to_dict()
    district = next(p for p in rec["places"] if p["feature"] == "ADM2")
    assert (district["name"], district["admin2"]) == ("Punch", "Poonch")
    town = next(p for p in rec["places"] if p["mentions"][0]["text"] == "Mendhar town")
    assert town["admin2"] == "Poonch"


def test_a_compass_side_of_a_city_holding_a_neighbourhood_is_the_citys(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "A car bomb exploded outside a petrol station in the Saydiya neighborhood of southern Baghdad."
    rec = extractor.extract_text(text).to_dict()
    city = next(p for p in rec["places"] if p["mentions"][0]["text"] == "southern Baghdad")
    assert city["feature"] == "PPLC"
    [event] = rec["events"]
    assert event["place"] == city["id"]
    # without a neighbourhood in it, a compass side of Baghdad is a side of the province
    rec = extractor.extract_text("Clashes erupted in southern Baghdad on Monday.").to_dict()
    assert [p["feature"] for p in rec["places"]] == ["ADM1"]


def test_a_country_owning_an_embassy_is_not_where_an_event_at_it_happened(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Mortars hit the diplomatic quarter at dawn. The quarter holds the U.S. embassy in Iraq."
    rec = extractor.extract_text(text).to_dict()
    countries = {p["id"]: p["country_code"] for p in rec["places"]}
    assert {countries[e["place"]] for e in rec["events"] if e["place"]} == {"IQ"}
