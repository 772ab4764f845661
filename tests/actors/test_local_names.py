"""Names that mean one actor in a story set in its country, and group names written in other forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.actors.registry import ActorRegistry


@pytest.fixture(scope="module")
def read(extractor):
    def actors_of(text: str) -> dict[str, str]:
        record = extractor.extract_text(text, published="2006-03-01").to_dict()
        return {a["id"]: a["name"] for a in record["actors"]}

    return actors_of


def test_the_story_s_own_word_for_it_is_one_of_its_names(extractor):
    record = extractor.extract_text("Maoists torched a road roller in Gaya district of Bihar.").to_dict()
    party = next(a for a in record["actors"] if a["id"] == "communist-party-of-india-maoist")
    assert "Maoists" in party["aliases"]  # GTD names such attackers "Maoists"


def test_maoists_are_the_party_of_the_country_the_story_is_set_in(read):
    assert "communist-party-of-nepal-maoist" in read("Maoists set off a bomb at a bank in Pokhara on Sunday.")
    assert "communist-party-of-india-maoist" in read(
        "Maoist rebels ambushed a police convoy in Dantewada district of Chhattisgarh, killing four."
    )
    assert "communist-party-of-india-maoist" in read("Naxalites blew up a railway track near Gaya in Bihar.")


def test_the_same_words_elsewhere_stay_an_unregistered_group(read):
    found = read("Maoist rebels burned a bus in the Peruvian region of Ayacucho.")
    assert "communist-party-of-nepal-maoist" not in found and "communist-party-of-india-maoist" not in found
    assert any(name == "Maoist rebels" for name in found.values())


def test_a_group_name_in_the_other_number_is_the_same_group(read):
    assert "communist-party-of-india-maoist" in read(
        "Cadres of the Communist Party of India-Maoist torched a forest office in Jharkhand."
    )
    assert "al-aqsa-martyrs-brigades" in read("The al-Aqsa Martyrs Brigade claimed the shooting near Jenin.")


def test_a_user_file_can_give_local_names(tmp_path: Path):
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[actor]]\nid = "river-front"\nname = "River Liberation Front"\nkind = "militant_group"\n'
        'country = "NG"\nlocal_names = ["river rebels"]\n',
        "utf-8",
    )
    registry = ActorRegistry.load([path], builtin=False)
    assert registry.local_actor("River rebels", "NG").id == "river-front"
    assert registry.local_actor("river rebels", "GH") is None
    assert registry.local_actor("river rebels", None) is None
    assert registry.lookup("river rebels") == []  # not a name anywhere else


def test_a_plural_written_as_a_possessive_inside_a_name_is_the_same_group(read):
    assert "al-aqsa-martyrs-brigades" in read("The al-Aqsa Martyr's Brigades claimed a shooting near Jenin.")
    assert "dhkp-c" in read("The Revolutionary Peoples' Liberation Party-Front claimed a bombing in Izmir.")


def test_a_long_name_written_in_lower_case_is_still_the_group(read):
    assert "children-of-fire" in read(
        "On 4 May 2020, the children of fire initiative set fire to a factory in Izmir."
    )
    assert "islamic-state" not in read("He said the state had failed its citizens.")  # two words: no name


def test_a_report_that_names_two_groups_as_one_attacker_gives_acled_s_either_or_actor(extractor):
    record = extractor.extract_text(
        "On 2 May 2020, Boko Haram/ISWAP fighters killed 17 soldiers in an attack near Damboa.",
        published="2020-05-03",
    ).to_dict()
    attack = next(e for e in record["events"] if e["fatalities"])
    assert attack["actors"][0] == "iswap-and-or-boko-haram"
    assert {"boko-haram", "islamic-state-west-africa-province"} <= set(attack["actors"])  # either one


def test_a_group_the_text_names_with_an_acronym_of_its_own_is_not_the_registry_s(read):
    # a translated name whose acronym is another group's, and a known name inside a longer one
    assert set(read("The Armed Revolutionary Left (IRA) set off a leaflet bomb at a bank in Quito.")) == {
        "x-militant-group.armed-revolutionary-left"
    }
    assert "revolutionary-struggle" not in read(
        "The Revolutionary Struggle Front (FLR) bombed a bank in Athens."
    )
    # a registered group written with its acronym is still that group
    assert "tehrik-i-taliban-pakistan" in read("The Pakistani Taliban (TTP) claimed the attack in Peshawar.")
    assert "islamic-state-central-africa-province" in read(
        "The Islamic State Central Africa Province (ISCAP) claimed the raid near Beni."
    )
