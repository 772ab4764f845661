"""Armed groups the registry does not know (descriptor groups, proper names with a group head word,
names that claim an attack), the registry's breadth beyond its first regions, and the state block
every country gets. Sentences are written for these tests; the whole pipeline reads them."""

from __future__ import annotations

import pytest

from dateline.actors import ActorRegistry, actor_key, unregistered_id
from dateline.actors.nominal import ActorLexicon
from dateline.actors.registry import KINDS


def actors(extractor, text: str) -> dict[str, dict]:  # noqa: ANN001
    record = extractor.extract_text(text, published="2021-03-01")
    return {a.name: {"kind": a.kind, "country": a.country_code, "registered": a.registered, "id": a.id}
            for a in record.actors}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Sources attributed the attack on the village in Benue, Nigeria, to Fulani extremists.",
         "Fulani extremists", "NG"),
        ("Police blamed Shia Muslim extremists for the blast at a shrine in Quetta, Pakistan.",
         "Shia Muslim extremists", "PK"),
        ("Suspected Karen rebels ambushed an army convoy in Kayin State, Myanmar.", "Karen rebels", "MM"),
        ("Left-wing extremists claimed the arson attack on a bank in Hamburg, Germany.",
         "Left-wing extremists", "DE"),
        ("Rockets hit the airport in Baghdad, Iraq; officials blamed an Iran-backed militia.",
         "Iran-backed militia", "IQ"),
        ("A Palestinian extremist stabbed a guard near Hebron before he was shot.",
         "Palestinian extremists", "PS"),
        ("Israeli settlers set fire to olive trees near Nablus.", "Israeli settlers", "IL"),
        ("An explosive device planted by Maoists killed two police officers in Ayacucho, Peru.",
         "Maoists", "PE"),  # in India and Nepal, the registry's Maoist parties (test_local_names.py)
        ("Anarchists set fire to three cars outside a bank in Athens, Greece.", "Anarchists", "GR"),
        ("The Tiv militia raided a settlement in Taraba, Nigeria, killing four people.", "Tiv militia", "NG"),
    ],
)  # fmt: skip
def test_descriptor_groups_are_unregistered_militant_groups(
    extractor, text: str, name: str, country: str
) -> None:
    found = actors(extractor, text)
    assert name in found, found
    actor = found[name]
    assert (actor["kind"], actor["country"], actor["registered"]) == ("militant_group", country, False)
    assert actor["id"] == unregistered_id("militant_group", name)


def test_a_nationality_with_militants_stays_the_unidentified_armed_group(extractor) -> None:
    found = actors(extractor, "Somali militants attacked a base near Kismayo, Somalia.")
    assert "Unidentified Armed Group (Somalia)" in found
    assert not any(not a["registered"] and a["kind"] == "militant_group" for a in found.values())


@pytest.mark.parametrize(
    "text",
    [
        "Farmers and students marched through Lima, Peru, to demand higher wages.",
        "Militants attacked a checkpoint; police said the militants fled into the hills.",
        "The extremists were not identified and no group claimed the attack in Nairobi, Kenya.",
        "Residents said the rebels had left the town of Goma days earlier.",
        "Teachers, nurses and fishermen joined the strike in Accra, Ghana.",
        "The militia leader was arrested in Tripoli, Libya.",
    ],
)
def test_plain_plurals_are_no_named_armed_group(extractor, text: str) -> None:
    found = actors(extractor, text)
    named = [n for n, a in found.items() if a["kind"] == "militant_group" and not a["registered"]]
    assert named == [], found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Red Dawn Brigades claimed the bombing of a police station in Lima, Peru.", "Red Dawn Brigades"),
        ("Fighters of the Southern Hills Liberation Front ambushed a patrol in Chad.",
         "Southern Hills Liberation Front"),
        ("The bombing was claimed by the Sons of the Delta in Port Harcourt, Nigeria.", "Sons of the Delta"),
        ("A new nationalist group, the Corsican People's Army, claimed the bombing in Calvi.",
         "Corsican People's Army"),
        ("The Southern Free Army attacked a checkpoint near Juba, South Sudan.", "Southern Free Army"),
        ("A group calling itself the Harbour Youth set fire to cars in Haifa, Israel.", "Harbour Youth"),
        ("Militants identified as the Creek Sons kidnapped four oil workers in Bayelsa, Nigeria.",
         "Creek Sons"),
    ],
)  # fmt: skip
def test_unknown_proper_names_of_armed_groups(extractor, text: str, name: str) -> None:
    found = actors(extractor, text)
    hits = [n for n in found if n.endswith(name) or actor_key(n) == actor_key(name)]
    assert hits, found
    actor = found[hits[0]]
    assert (actor["kind"], actor["registered"]) == ("militant_group", False)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("A group calling itself the Sons of the River's Martyrs claimed the bombing in Mosul, Iraq.",
         ["Sons of the River's Martyrs"]),
        ("A group called the Brigada Libertaria por la Tierra Nueva claimed the arson in Valparaiso, Chile.",
         ["Brigada Libertaria por la Tierra Nueva"]),
        ("The kidnapping was claimed by the Guardians of Al-Nur al-Jadid in Basra.",
         ["Guardians of Al-Nur al-Jadid"]),
        ("The Autonomous and Destructive Cells claimed the fire at a bank in Santiago, Chile.",
         ["Autonomous and Destructive Cells"]),
        # a country after "in" or "of" belongs to a name the text says a group goes by; a city does not
        ("Gunmen of a group calling itself Free Youth in Algeria shot two gendarmes.",
         ["Free Youth in Algeria"]),
        ("The group identified itself as the Martyrs Squad of Yemen in a video.", ["Martyrs Squad of Yemen"]),
        ("A group calling itself the Free Youth in Oran claimed the arson.", ["Free Youth"]),
        # "and the" starts another name
        ("The Dawn Brigades and the Red Sun Commandos claimed the bombings in Lima, Peru.",
         ["Dawn Brigades", "Red Sun Commandos"]),
    ],
)  # fmt: skip
def test_an_unknown_groups_name_is_read_whole(extractor, text: str, names: list[str]) -> None:
    found = actors(extractor, text)
    groups = [n for n, a in found.items() if a["kind"] == "militant_group" and not a["registered"]]
    assert sorted(groups) == sorted(names), found


def test_a_name_written_with_a_mac_roman_apostrophe_is_the_registered_group(extractor) -> None:
    text = "The bombing in Baghdad was claimed by Tanzim Qa\u00d5idat al-Jihad fi Bilad al-Rafidayn."
    found = actors(extractor, text)
    assert [a["id"] for a in found.values() if a["kind"] == "militant_group"] == ["al-qaeda-in-iraq"], found


def test_a_person_identified_by_name_is_no_armed_group(extractor) -> None:
    found = actors(extractor, "A man identified as John Okafor was shot dead in Lagos, Nigeria.")
    assert not any(a["kind"] == "militant_group" for a in found.values()), found


def test_a_party_or_a_ministry_is_no_armed_group(extractor) -> None:
    found = actors(extractor, "The Liberation Party and the Ministry of Defence met in Dhaka, Bangladesh.")
    assert not any(a["kind"] == "militant_group" and not a["registered"] for a in found.values()), found


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("ELN guerrillas bombed a pipeline in Arauca, Colombia.", "national-liberation-army-colombia"),
        ("The New People's Army (NPA) ambushed soldiers in Samar.", "new-peoples-army"),
        ("The Kachin Independence Army attacked a military outpost.", "kachin-independence-army"),
        ("CODECO militiamen attacked a displacement camp in Ituri.", "codeco"),
        ("The New IRA claimed the car bomb in Derry.", "new-irish-republican-army"),
        ("Jalisco New Generation Cartel gunmen killed four police officers in Jalisco.",
         "jalisco-new-generation-cartel"),
        ("The Sinai Province of the Islamic State claimed the attack.", "islamic-state-sinai-province"),
        ("Al Qaeda in the Lands of the Islamic Maghreb (AQLIM) held two Austrian tourists.",
         "al-qaeda-in-the-islamic-maghreb"),
        ("Members of the al-Tawhid wa al-Jihad group kidnapped three drivers in Iraq.", "al-qaeda-in-iraq"),
        ("The al-Aqsa Martyrs Battalions claimed the bombing near Jerusalem.", "al-aqsa-martyrs-brigades"),
    ],
)  # fmt: skip
def test_groups_of_every_region_are_registered(extractor, text: str, actor_id: str) -> None:
    record = extractor.extract_text(text, published="2021-03-01")
    assert actor_id in {a.id for a in record.actors}, [a.id for a in record.actors]


def test_nominal_actors_of_every_country(extractor) -> None:
    found = actors(extractor, "Mexican soldiers and Chilean police were deployed after the attack.")
    assert found["Military Forces of Mexico"]["registered"]
    assert found["Police Forces of Chile"]["registered"]


def test_a_police_branch_named_in_passing_is_its_registered_unit(extractor) -> None:
    # "military police" in Brazil is the registry's Military Police of Brazil with ACLED's name
    found = actors(
        extractor, "In Recife, Pernambuco, military police officers exchanged fire with gang members."
    )
    assert found["Military Police of Brazil"]["registered"]
    # "police officers" is a head of two words: read even though "officers" alone is none
    assert "Police Forces of Brazil" in actors(
        extractor, "In Recife, police officers exchanged fire with gang members."
    )
    # without a registered unit the branch is named as ACLED names it
    found = actors(extractor, "In Tijuana, Baja California, federal police officers arrested two men.")
    assert "Police Forces of Mexico Federal Police" in found


# --- the registry as data -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return ActorRegistry.load()


def test_every_lexicon_country_has_a_state_block(registry: ActorRegistry) -> None:
    countries = ActorLexicon.default().data["countries"]
    assert len(countries) >= 190
    for iso, info in countries.items():
        full = f"the {info['name']}" if info.get("the") else info["name"]
        names = {
            info["name"]: "state",
            f"Government of {full}": "government",
            f"Military Forces of {full}": "military",
            f"Police Forces of {full}": "police",
            f"Civilians ({info['name']})": "civilians",
            f"Unidentified Armed Group ({info['name']})": "militant_group",
        }
        for name, kind in names.items():
            found = registry.lookup(name)
            assert len(found) == 1, name
            assert (found[0].kind, found[0].country_code) == (kind, iso), name


def test_every_entry_has_a_valid_kind_country_and_inter(registry: ActorRegistry) -> None:
    codes = set(ActorLexicon.default().data["countries"])
    for entry in registry:
        assert entry.kind in KINDS
        assert entry.country_code is None or entry.country_code in codes, entry.id
        assert entry.acled_inter is None or 1 <= entry.acled_inter <= 8
    groups = [e for e in registry if e.kind == "militant_group" and not e.id.startswith("unidentified-")]
    assert len(groups) >= 400


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("FARC", "revolutionary-armed-forces-of-colombia"),
        ("ELN", "national-liberation-army-colombia"),
        ("LTTE", "liberation-tigers-of-tamil-eelam"),
        ("MILF", "moro-islamic-liberation-front"),
        ("BIFF", "bangsamoro-islamic-freedom-fighters"),
        ("DHKP-C", "dhkp-c"),
        ("FLNC", "national-liberation-front-of-corsica"),
        ("CPN-M", "communist-party-of-nepal-maoist"),
        ("TNLA", "taang-national-liberation-army"),
        ("MNDAA", "mndaa"),
        ("FDLR", "fdlr"),
        ("M23", "march-23-movement"),
        ("DFLP", "democratic-front-for-the-liberation-of-palestine"),
        ("CJNG", "jalisco-new-generation-cartel"),
        ("MS-13", "ms-13"),
    ],
)
def test_acronyms_resolve_to_one_group(registry: ActorRegistry, name: str, actor_id: str) -> None:
    found = registry.lookup(name)
    assert [e.id for e in found] == [actor_id]
    assert found[0].kind == "militant_group"


def test_a_name_ending_in_army_is_no_countrys_army(extractor) -> None:
    # "the National Liberation Army" is a group's name (several groups bear it), never Colombia's army
    found = actors(extractor, "A bomb attack from the National Liberation Army wrecked a pipeline in Arauca.")
    assert "Military Forces of Colombia" not in found
    assert any(info["kind"] == "militant_group" for info in found.values())
    # a country's own army is still its military
    pakistan = actors(extractor, "The Pakistan Army shelled positions in Kurram.")
    assert "Military Forces of Pakistan" in pakistan


def test_an_armed_wing_named_alone_brings_its_movement(extractor) -> None:
    """The Quds Brigades are part of Palestinian Islamic Jihad: the movement is among the document's
    actors (without mentions) and the wing's attack carries it after the wing; a unit of a state's
    forces brings no army."""
    record = extractor.extract_text(
        "Militants of the al-Quds Brigades fired three rockets at Sderot on Tuesday.", published="2021-03-01"
    )
    by_id = {a.id: a for a in record.actors}
    assert by_id["palestinian-islamic-jihad"].mentions == ()
    assert "palestinian-islamic-jihad" in by_id["al-quds-brigades"].parents
    (attack,) = [e for e in record.events if e.acled_event_type]
    assert attack.actors[:2] == ("al-quds-brigades", "palestinian-islamic-jihad")
    named = extractor.extract_text(
        "Hamas said the Qassam Brigades fired rockets at Ashkelon.", published="2021-03-01"
    )
    assert all(a.mentions for a in named.actors)


def test_a_unit_the_registry_does_not_know_is_part_of_the_group_it_is_named_of(extractor) -> None:
    record = extractor.extract_text(
        "The Martyr Salim Brigades of Hamas said they fired four mortar shells at an army post near Rafah.",
        published="2021-03-01",
    )
    unit = next(a for a in record.actors if a.registered is False and "Brigades" in a.name)
    assert unit.parents == ("hamas",)
    (attack,) = [e for e in record.events if e.acled_event_type]
    assert attack.actors[:2] == (unit.id, "hamas")
    plain = extractor.extract_text(
        "The Salim Brigades fired four mortar shells at Rafah.", published="2021-03-01"
    )
    assert all(a.parents == () for a in plain.actors if a.registered is False)
