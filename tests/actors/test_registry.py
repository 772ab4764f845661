"""The actor registry: the shipped data, user files, bad files, the seed gold's actors, roles in time
and the links between actors.

No spaCy model is loaded here: the registry is plain data. One registry is loaded per module.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pytest
import yaml
from spacy.lang.en.stop_words import STOP_WORDS

from dateline.actors import ActorEntry, ActorRegistry, actor_key, unregistered_id
from dateline.actors.registry import KINDS, RELATIONS
from dateline.errors import ConfigError

# Countries of the regions the registry is seeded for (issue 4): every one has a state, a government,
# police, civilians and an unidentified armed group named the way ACLED names them.
REGION_COUNTRIES = {
    "AF": "Afghanistan", "PK": "Pakistan", "IN": "India", "BD": "Bangladesh",
    "KZ": "Kazakhstan", "KG": "Kyrgyzstan", "TJ": "Tajikistan", "TM": "Turkmenistan", "UZ": "Uzbekistan",
    "SY": "Syria", "IQ": "Iraq", "YE": "Yemen", "LB": "Lebanon", "IL": "Israel", "PS": "Palestine",
    "IR": "Iran", "TR": "Turkey", "SA": "Saudi Arabia", "AE": "the United Arab Emirates", "QA": "Qatar",
    "ML": "Mali", "BF": "Burkina Faso", "NE": "Niger", "NG": "Nigeria", "TD": "Chad", "LY": "Libya",
    "SO": "Somalia", "ET": "Ethiopia", "SD": "Sudan", "SS": "South Sudan", "KE": "Kenya",
    "UA": "Ukraine", "RU": "Russia", "BY": "Belarus", "US": "the United States",
}  # fmt: skip
SEED_DATES = {"000": dt.date(2015, 1, 30), "004": dt.date(2016, 12, 31)}  # 004: latest year it mentions


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return ActorRegistry.load()


@pytest.fixture(scope="module")
def gold_actors(shared_dir: Path) -> list[dict]:
    return yaml.safe_load((shared_dir / "gold" / "seed_gold.yaml").read_text("utf-8"))["actors"]


def only(registry: ActorRegistry, name: str) -> ActorEntry:
    found = registry.lookup(name)
    assert len(found) == 1, f"{name!r} -> {[e.id for e in found]}"
    return found[0]


# --- the shipped data ---------------------------------------------------------------------------


def test_shipped_registry_loads_with_enough_valid_actors(registry: ActorRegistry) -> None:
    assert len(registry) >= 300
    named = [e for e in registry if not e.id.startswith(("civilians-", "unidentified-armed-group-"))]
    assert len([e for e in named if e.kind != "state"]) >= 300
    for entry in registry:
        assert entry.kind in KINDS
        assert entry.source.startswith("builtin:")
        assert entry.description, f"{entry.id} has no description"
        assert all(role.kind in KINDS for role in entry.roles)
        for link in entry.affiliations:
            assert link.relation in RELATIONS
            assert registry.get(link.id) is not None, f"{entry.id} -> {link.id}"
            assert link.id != entry.id


def test_shipped_ids_are_unique_across_files() -> None:
    seen: dict[str, str] = {}
    folder = resources.files("dateline.actors") / "data"
    files = [f for f in folder.iterdir() if f.name.endswith(".toml")]
    assert {f.name for f in files} >= {
        "south_asia.toml", "central_asia.toml", "middle_east.toml", "sahel.toml",
        "horn_of_africa.toml", "ukraine_russia.toml", "global.toml",
    }  # fmt: skip
    for item in files:
        for table in tomllib.loads(item.read_text("utf-8"))["actor"]:
            assert table["id"] not in seen, f"{table['id']} in {item.name} and {seen[table['id']]}"
            seen[table["id"]] = item.name
    assert "tehrik-i-taliban-pakistan" in seen


def test_every_name_resolves_to_one_actor(registry: ActorRegistry) -> None:
    by_key: dict[str, set[str]] = defaultdict(set)
    for name, actor_id in registry.names():
        by_key[actor_key(name)].add(actor_id)
    shared = {key: ids for key, ids in by_key.items() if len(ids) > 1}
    assert shared == {}


def test_no_name_is_a_common_english_word(registry: ActorRegistry) -> None:
    # keys are case-folded; only an acronym, which the name matcher reads only when written in
    # capitals ("IS", never "is" or "Is": tests/nlp/test_acronyms.py), may share a key with a word
    common = [name for name, _ in registry.names() if actor_key(name) in STOP_WORDS]
    assert sorted(name for name in common if not (name.isalpha() and name.isupper())) == []


def test_people_have_time_bounded_offices_with_institutions(registry: ActorRegistry) -> None:
    people = [e for e in registry if e.kind == "person"]
    assert len(people) >= 150
    offices = [a for e in people for a in e.affiliations if a.relation == "holds_office"]
    assert offices and all(a.office for a in offices)
    assert all(registry.get(a.id).kind in {"government", "igo"} for a in offices)  # type: ignore[union-attr]
    assert all(
        a.until is None or a.since is None or a.since <= a.until for e in registry for a in e.affiliations
    )


@pytest.mark.parametrize(("iso", "country"), sorted(REGION_COUNTRIES.items()))
def test_acled_style_state_actors_for_every_region_country(
    registry: ActorRegistry, iso: str, country: str
) -> None:
    short = country.removeprefix("the ")
    expected = {
        f"Government of {country}": ("government", 1),
        f"Police Forces of {country}": ("police", 1),
        f"Civilians ({short})": ("civilians", 7),
        f"Unidentified Armed Group ({short})": ("militant_group", 3),
    }
    if iso != "PS":  # ACLED has no "Military Forces of Palestine"
        expected[f"Military Forces of {country}"] = ("military", 1)
    for name, (kind, inter) in expected.items():
        entry = only(registry, name)
        assert (entry.name, entry.kind, entry.acled_inter, entry.country_code) == (name, kind, inter, iso)
        assert only(registry, name.replace(" the ", " ")) is entry  # "Government of United States"
    state = only(registry, short)
    assert (state.kind, state.country_code) == ("state", iso)


def test_state_forces_have_their_common_names(registry: ActorRegistry) -> None:
    assert only(registry, "Pakistan Army").id == "military-forces-of-pakistan"
    assert only(registry, "Afghan National Army").id == "military-forces-of-afghanistan"
    assert only(registry, "IDF").id == "military-forces-of-israel"
    assert only(registry, "Armed Forces of Ukraine").id == "military-forces-of-ukraine"
    assert only(registry, "Pakistani government").id == "government-of-pakistan"
    assert only(registry, "Afghan police").id == "police-forces-of-afghanistan"


# --- names and variants ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "actor_id", "kind", "country"),
    [
        ("Inter-Services Intelligence", "inter-services-intelligence", "government", "PK"),
        ("Inter Service Intelligence Agency", "inter-services-intelligence", "government", "PK"),
        ("ISI", "inter-services-intelligence", "government", "PK"),
        ("ISK", "islamic-state-khorasan", "militant_group", "AF"),
        ("ISKP", "islamic-state-khorasan", "militant_group", "AF"),
        ("IS-K", "islamic-state-khorasan", "militant_group", "AF"),
        ("ISIS-K", "islamic-state-khorasan", "militant_group", "AF"),
        ("Islamic State Khorasan Province", "islamic-state-khorasan", "militant_group", "AF"),
        ("Islamic State Khurasan", "islamic-state-khorasan", "militant_group", "AF"),
        ("the Tehreek-e-Taliban Pakistan", "tehrik-i-taliban-pakistan", "militant_group", "PK"),
        ("TTP", "tehrik-i-taliban-pakistan", "militant_group", "PK"),
        ("Jamatul Ahrar", "jamaat-ul-ahrar", "militant_group", "PK"),
        ("Hafiz Sayed Khan Orakzai", "hafiz-saeed-khan", "person", "PK"),
        ("Mullah Raouf Khadim", "abdul-rauf-aliza", "person", "AF"),
        ("Abdul Rauf Khadim", "abdul-rauf-aliza", "person", "AF"),
        ("Gen. John Campbell", "john-f-campbell", "person", "US"),
        ("Houthis", "houthis", "militant_group", "YE"),
        ("Ansar Allah", "houthis", "militant_group", "YE"),
        ("Abu Mohammad al-Jolani", "ahmed-al-sharaa", "person", "SY"),
        ("Hemedti", "hemedti", "person", "SD"),
        ("FSB", "federal-security-service", "government", "RU"),
        ("Quds Force", "quds-force", "military", "IR"),
        ("Wall Street Journal", "wall-street-journal", "media", "US"),
        ("AFP", "agence-france-presse", "media", "FR"),
    ],
)
def test_variants_resolve_to_one_actor(
    registry: ActorRegistry, name: str, actor_id: str, kind: str, country: str
) -> None:
    entry = only(registry, name)
    assert (entry.id, entry.kind, entry.country_code) == (actor_id, kind, country)


def test_daesh_is_the_core_and_its_afghan_branch_is_linked(registry: ActorRegistry) -> None:
    # One name, one actor: "Daesh" is the IS core; a recogniser picks the Khorasan branch in an
    # Afghan or Pakistani context by following branch_of back to the core.
    assert only(registry, "Daesh").id == "islamic-state"
    branches = [
        e
        for e in registry
        if any(a.relation == "branch_of" and a.id == "islamic-state" for a in e.affiliations)
    ]
    assert {
        "islamic-state-khorasan",
        "islamic-state-west-africa-province",
        "islamic-state-sahel-province",
    } <= {e.id for e in branches}
    assert [e.id for e in branches if e.country_code in {"AF", "PK"}] == [
        "islamic-state-khorasan",
        "islamic-state-pakistan-province",
    ]


# --- the founding articles' actors (the seed gold) --------------------------------------------------


def test_seed_gold_actors_resolve_to_one_id_with_the_gold_kind_and_country(
    registry: ActorRegistry, gold_actors: list[dict]
) -> None:
    assert len(gold_actors) >= 12
    for item in gold_actors:
        accepted = {actor_key(n) for n in item["actor"]}
        ids = set()
        for mention in item["mentions"]:
            found = registry.lookup(mention["mention"])
            if not found or found[0].id == "islamic-state":  # surnames: coreference; Daesh: see above
                continue
            assert len(found) == 1, mention
            entry = found[0]
            ids.add(entry.id)
            assert {actor_key(n) for n in entry.names} & accepted, (mention, entry.names)
            record = entry.to_record(SEED_DATES[mention["doc"][:3]])
            assert record["kind"] == item["kind"], (mention, record)
            if "country" in item:
                assert record["country_code"] == item["country"], (mention, record)
        assert len(ids) == 1, (item["id"], ids)


def test_gold_aliases_map_to_the_same_actor_or_to_none(
    registry: ActorRegistry, gold_actors: list[dict]
) -> None:
    for item in gold_actors:
        resolved = {e.id for name in item["actor"] for e in registry.lookup(name)} - {"islamic-state"}
        assert len(resolved) == 1, (item["id"], resolved)
    assert only(registry, "Punjab Taliban").id == only(registry, "Punjabi Taliban").id == "punjabi-taliban"
    assert (
        only(registry, "al Qaeda").id
        == only(registry, "Al-Qaeda").id
        == only(registry, "AQ").id
        == "al-qaeda"
    )
    assert registry.lookup("Campbell") == [] and registry.lookup("Sharif") == []  # ambiguous surnames


# --- time-bounded roles -------------------------------------------------------------------------------


def test_taliban_are_an_insurgency_in_2015_and_a_government_in_2023(registry: ActorRegistry) -> None:
    taliban = only(registry, "Afghan Taliban")
    in_2015 = taliban.to_record(dt.date(2015, 1, 30))
    assert (in_2015["kind"], in_2015["acled_inter"], in_2015["country_code"]) == ("militant_group", 2, "AF")
    in_2023 = taliban.to_record(dt.date(2023, 1, 1))
    assert (in_2023["kind"], in_2023["acled_inter"]) == ("government", 1)
    assert taliban.role_on(dt.date(2021, 8, 14)).kind == "militant_group"
    assert taliban.role_on(dt.date(2021, 8, 15)).kind == "government"
    assert taliban.role_on(dt.date(1999, 6, 1)).kind == "government"  # the first Emirate
    assert taliban.role_on(None).kind == "government"  # no date: the current role
    assert in_2015["id"] == in_2023["id"] == "taliban"


def test_other_roles_change_on_their_dates(registry: ActorRegistry) -> None:
    hts = only(registry, "HTS")
    assert hts.role_on(dt.date(2024, 12, 7)).kind == "militant_group"
    assert hts.role_on(dt.date(2024, 12, 8)).kind == "government"
    rsf = only(registry, "Rapid Support Forces")
    before = rsf.role_on(dt.date(2020, 1, 1))
    assert (before.kind, before.acled_inter) == ("military", 1)
    assert rsf.role_on(dt.date(2023, 4, 15)).kind == "militant_group"
    ttp = only(registry, "TTP")
    assert ttp.role_on(dt.date(2015, 1, 1)).kind == "militant_group"  # no roles: its own kind
    assert ttp.to_record()["role"] is None


# --- links between actors -------------------------------------------------------------------------------


def test_related_follows_links_and_their_dates(registry: ActorRegistry) -> None:
    def ids(actor_id: str, relation: str, on: dt.date | None = None) -> list[str]:
        return [e.id for e in registry.related(actor_id, relation, on)]

    assert ids("punjabi-taliban", "faction_of") == ["tehrik-i-taliban-pakistan"]
    assert ids("jamaat-ul-ahrar", "split_from") == ["tehrik-i-taliban-pakistan"]
    assert ids("islamic-state-khorasan", "branch_of") == ["islamic-state"]
    assert ids("haqqani-network", "faction_of") == ["taliban"]
    assert ids("mullah-fazlullah", "leader_of", dt.date(2015, 1, 30)) == ["tehrik-i-taliban-pakistan"]
    assert ids("mullah-fazlullah", "leader_of", dt.date(2019, 1, 1)) == []
    assert ids("hafiz-saeed-khan", "leader_of", dt.date(2015, 6, 1)) == ["islamic-state-khorasan"]
    assert ids("abdul-rauf-aliza", "deputy_of", dt.date(2015, 1, 30)) == ["islamic-state-khorasan"]
    assert ids("nawaz-sharif", "holds_office", dt.date(2015, 1, 30)) == ["government-of-pakistan"]
    assert ids("nawaz-sharif", "holds_office", dt.date(2019, 1, 1)) == []
    assert ids("hamid-karzai", "holds_office", dt.date(2010, 1, 1)) == ["government-of-afghanistan"]
    assert ids("hamid-karzai", "holds_office", dt.date(2015, 1, 30)) == []
    assert ids("raheel-sharif", "commander_of", dt.date(2015, 1, 30)) == ["military-forces-of-pakistan"]
    assert ids("john-f-campbell", "commander_of", dt.date(2015, 10, 1)) == [
        "resolute-support-mission",
        "us-forces-afghanistan",
    ]
    assert ids("nawaz-sharif", "member_of") == ["pakistan-muslim-league-n"]  # no date: every link
    assert ids("no-such-actor", "leader_of") == []
    office = next(a for a in only(registry, "Imran Khan").affiliations if a.relation == "holds_office")
    assert (office.office, office.since, office.until) == (
        "Prime Minister",
        dt.date(2018, 8, 18),
        dt.date(2022, 4, 10),
    )


def test_unregistered_ids_are_stable_and_never_clash(registry: ActorRegistry) -> None:
    first = unregistered_id("person", "Qari Zia ur-Rahman")
    assert first == unregistered_id("person", "  qari zia ur rahman ") == "x-person.qari-zia-ur-rahman"
    assert unregistered_id("militant_group", "Example Militia") == "x-militant-group.example-militia"
    assert not any(entry.id.startswith("x-") for entry in registry)


# --- user files -----------------------------------------------------------------------------------------

USER_FILE = """
[[actor]]
id = "tehrik-i-taliban-pakistan"
name = "Tehrik-i-Taliban Pakistan"
kind = "militant_group"
country = "PK"
acled_inter = 2
aliases = ["TTP", "Tehreek-e-Taliban Pakistan", "Tahreek-e-Taliban"]
description = "Our own entry."

[[actor]]
id = "example-militia"
name = "Example Militia"
kind = "militant_group"
country = "AF"
acled_inter = 2
aliases = ["EXM"]
affiliations = [{relation = "allied_with", id = "tehrik-i-taliban-pakistan", since = 2015-03-01}]
roles = [
  {kind = "militant_group", until = "2019-12-31", label = "active"},
  {kind = "other", since = "2020-01-01"},
]
description = "A group a user tracks."
"""


def test_user_files_extend_and_override(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(USER_FILE, "utf-8")
    registry = ActorRegistry.load([path])
    shipped = ActorRegistry.load()
    assert len(registry) == len(shipped) + 1
    ttp = only(registry, "Tahreek-e-Taliban")
    assert (ttp.id, ttp.source, ttp.description) == ("tehrik-i-taliban-pakistan", str(path), "Our own entry.")
    assert registry.lookup("Pakistani Taliban") == []  # the replaced entry's names are gone
    # the shipped registry is untouched
    assert only(shipped, "Pakistani Taliban").id == "tehrik-i-taliban-pakistan"
    militia = only(registry, "EXM")
    assert [e.id for e in registry.related(militia.id, "allied_with", dt.date(2016, 1, 1))] == [ttp.id]
    assert registry.related(militia.id, "allied_with", dt.date(2014, 1, 1)) == []
    assert militia.to_record(dt.date(2021, 1, 1))["kind"] == "other"
    # links from shipped actors to the replaced entry still resolve
    assert [e.id for e in registry.related("punjabi-taliban", "faction_of")] == [ttp.id]


def test_later_user_files_win_and_builtin_can_be_left_out(tmp_path: Path) -> None:
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text('[[actor]]\nid = "x1"\nname = "First Name"\nkind = "other"\n', "utf-8")
    second.write_text('[[actor]]\nid = "x1"\nname = "Second Name"\nkind = "ngo"\n', "utf-8")
    registry = ActorRegistry.load([first, second], builtin=False)
    assert len(registry) == 1
    assert only(registry, "Second Name").kind == "ngo"
    assert registry.lookup("First Name") == []


def _bad(extra: str, actor_id: str = "x") -> str:
    return f'[[actor]]\nid = "{actor_id}"\nname = "X"\nkind = "other"\n{extra}\n'


BAD_FILES = {
    "not_toml": ("[[actor]\nid = 1", "not valid TOML"),
    "unknown_key": (_bad('colour = "red"'), "unknown keys ['colour']"),
    "bad_kind": (_bad("").replace('"other"', '"rebels"'), "kind 'rebels'"),
    "no_name": ('[[actor]]\nid = "x"\nkind = "other"\n', "'name' is required"),
    "bad_id": (_bad("", actor_id="Bad Id"), "lower-case slugs"),
    "alias_string": (_bad('aliases = "XX"'), "'aliases' must be a list"),
    "inter_range": (_bad("acled_inter = 9"), "acled_inter"),
    "inter_type": (_bad('acled_inter = "2"'), "acled_inter"),
    "country": (_bad('country = "Pakistan"'), "ISO 3166-1"),
    "relation": (_bad('affiliations = [{relation = "likes", id = "taliban"}]'), "relation 'likes'"),
    "link_without_id": (_bad('affiliations = [{relation = "member_of"}]'), "'id' is required"),
    "link_typo": (
        _bad('affiliations = [{relation = "member_of", id = "taliban", untill = "2020-01-01"}]'),
        "unknown keys ['untill']",
    ),
    "unknown_link": (
        _bad('affiliations = [{relation = "member_of", id = "nobody"}]'),
        "unknown actor 'nobody'",
    ),
    "bad_date": (_bad('roles = [{kind = "other", since = "2015-13-01"}]'), "not an ISO date"),
    "reversed_dates": (
        _bad('roles = [{kind = "other", since = "2020-01-01", until = "2019-01-01"}]'),
        "before 'since'",
    ),
    "role_kind": (_bad('roles = [{kind = "rebels"}]'), "role kind"),
    "local_names_without_country": (
        _bad('local_names = ["the rebels"]'),
        "local_names need the actor's country",
    ),
    "local_names_not_strings": (
        _bad('country = "NP"\nlocal_names = "Maoists"'),
        "'local_names' must be a list",
    ),
    "areas_without_country": (_bad('areas = ["Donetsk"]'), "areas need the actor's country"),
    "areas_not_strings": (_bad('country = "UA"\nareas = "Donetsk"'), "'areas' must be a list"),
    "duplicate": (_bad("") + _bad(""), "twice"),
    "top_level": (_bad("").replace("[[actor]]", "[[actors]]"), "[[actor]]"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_give_config_errors_naming_the_file(tmp_path: Path, case: str) -> None:
    text, message = BAD_FILES[case]
    path = tmp_path / f"{case}.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as caught:
        ActorRegistry.load([path], builtin=False)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)
    assert str(caught.value).startswith("[E200]")


def test_a_user_file_cannot_link_to_an_actor_nobody_defines(tmp_path: Path) -> None:
    path = tmp_path / "links.toml"
    path.write_text(BAD_FILES["unknown_link"][0].replace('"nobody"', '"talibann"'), "utf-8")
    with pytest.raises(ConfigError, match=r"'x' links to unknown actor 'talibann' \(.*links\.toml\)"):
        ActorRegistry.load([path])


def test_a_missing_user_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        ActorRegistry.load([tmp_path / "absent.toml"])


def test_the_readme_example_is_a_valid_user_file(tmp_path: Path) -> None:
    readme = (resources.files("dateline.actors") / "data" / "README.md").read_text("utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "my_actors.toml"
    path.write_text(example, "utf-8")
    registry = ActorRegistry.load([path])
    assert only(registry, "Tahreek-e-Taliban").source == str(path)
    assert [e.id for e in registry.related("khyber-pakhtunkhwa-police", "part_of")] == [
        "police-forces-of-pakistan"
    ]
    assert [e.id for e in registry.related("maryam-nawaz", "holds_office", dt.date(2024, 6, 1))] == [
        "government-of-pakistan"
    ]
