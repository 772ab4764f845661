"""The dateline_actors component: registry names and variants, learned aliases, nominal actors,
context and time in resolution, quotes' speakers, stable ids, serialisation and multiprocessing."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import spacy

from dateline.actors import unregistered_id
from dateline.nlp.extensions import register_extensions
from dateline.records import Attribution
from dateline.settings import Settings

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

# Test actors, given as a user's own registry file (the shipped data is written elsewhere).
ACTORS_TOML = """
[[actor]]
id = "test-taliban"
name = "Taliban"
kind = "militant_group"
country = "AF"
acled_inter = 2
aliases = ["Afghan Taliban", "Islamic Emirate of Afghanistan"]
roles = [{kind = "militant_group", until = "2021-08-14", acled_inter = 2, label = "insurgency"},
         {kind = "government", since = "2021-08-15", acled_inter = 1, label = "de facto government"}]

[[actor]]
id = "test-ttp"
name = "Tehrik-i-Taliban Pakistan"
kind = "militant_group"
country = "PK"
acled_inter = 2
aliases = ["TTP", "Tehreek-i-Taliban Pakistan", "Pakistani Taliban"]

[[actor]]
id = "test-islamic-state"
name = "Islamic State"
kind = "militant_group"
acled_inter = 2
aliases = ["IS", "ISIS", "ISIL", "Daesh"]

[[actor]]
id = "test-iskp"
name = "Islamic State Khorasan Province"
kind = "militant_group"
country = "AF"
acled_inter = 2
aliases = ["ISKP", "ISK", "IS-K", "Islamic State Khurasan", "Daesh"]
affiliations = [{relation = "branch_of", id = "test-islamic-state", since = "2015-01-26"}]

[[actor]]
id = "test-al-qaeda"
name = "al-Qaeda"
kind = "militant_group"
aliases = ["al Qaeda", "al-Qaida"]

[[actor]]
id = "test-isi"
name = "Inter-Services Intelligence"
kind = "government"
country = "PK"
aliases = ["ISI"]

[[actor]]
id = "test-nawaz-sharif"
name = "Nawaz Sharif"
kind = "person"
country = "PK"

[[actor]]
id = "test-pakistan-military"
name = "Military Forces of Pakistan"
kind = "military"
country = "PK"
acled_inter = 1
"""


@pytest.fixture(scope="module")
def actors_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("actors") / "test_actors.toml"
    path.write_text(ACTORS_TOML, encoding="utf-8")
    return path


def _pipeline(actors_file: Path) -> spacy.language.Language:
    register_extensions()
    nlp = spacy.load(Settings().spacy_model)
    nlp.add_pipe("dateline_dates")
    nlp.add_pipe("dateline_quotes")
    config = {"extra_registry": [str(actors_file)], "builtin_registry": False}
    nlp.add_pipe("dateline_actors", config=config)
    return nlp


@pytest.fixture(scope="module")
def nlp(actors_file: Path) -> spacy.language.Language:
    return _pipeline(actors_file)


def read(nlp, text: str, published: str | None = None):  # noqa: ANN001, ANN201
    doc = nlp.make_doc(text)
    doc._.dateline_published = published
    return nlp(doc)


def actor_of(doc, mention: str, nth: int = 1) -> dict:  # noqa: ANN001
    """The actor one of whose mentions covers the nth occurrence of ``mention``."""
    start = -1
    for _ in range(nth):
        start = doc.text.index(mention, start + 1)
    end = start + len(mention)
    for actor in doc._.dateline_actors:
        if any(m["span"][0] < end and start < m["span"][1] for m in actor["mentions"]):
            return actor
    raise AssertionError(f"{mention!r} is not the mention of any actor")


def no_actor_at(doc, mention: str) -> bool:  # noqa: ANN001
    start = doc.text.index(mention)
    end = start + len(mention)
    return not any(
        m["span"][0] < end and start < m["span"][1] for a in doc._.dateline_actors for m in a["mentions"]
    )


# --- registry names and their variants ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "PESHAWAR: The Tehreek-i-Taliban Pakistan claimed the attack on a checkpoint in Bannu.",
        "PESHAWAR: The Tehreek-e-Taliban Pakistan claimed the attack on a checkpoint in Bannu.",
        "PESHAWAR: The Tehrik-i-Taliban Pakistan claimed the attack on a checkpoint in Bannu.",
        "PESHAWAR: The Tehrik e Taliban Pakistan claimed the attack on a checkpoint in Bannu.",
        "PESHAWAR: The TTP claimed the attack on a checkpoint in Bannu.",
        "PESHAWAR: The Pakistani Taliban claimed the attack on a checkpoint in Bannu.",
    ],
)
def test_spelling_variants_resolve_to_one_actor(nlp, text: str) -> None:
    doc = read(nlp, text, "2015-01-30")
    actor = doc._.dateline_actors[0]
    assert actor["id"] == "test-ttp"
    assert actor["kind"] == "militant_group" and actor["country_code"] == "PK"
    mention = actor["mentions"][0]
    assert doc.text[mention["span"][0] : mention["span"][1]] == mention["text"]
    assert mention["text"] in text and "claimed" not in mention["text"]


def test_acronym_aliases_need_capitals(nlp) -> None:
    doc = read(nlp, "The group is active in Kunar, where IS fighters attacked a post.", "2016-05-01")
    hits = [a for a in doc._.dateline_actors if a["id"] == "test-islamic-state"]
    assert len(hits) == 1 and [m["text"] for m in hits[0]["mentions"]] == ["IS"]


def test_names_run_through_spelling_of_articles_and_dots(nlp) -> None:
    doc = read(nlp, "Officials blamed al Qaeda. Al-Qaeda denied it. The al-Qaida statement came later.")
    assert {actor_of(doc, m)["id"] for m in ("al Qaeda", "Al-Qaeda", "al-Qaida")} == {"test-al-qaeda"}


def test_the_record_lists_the_spellings_the_text_writes(nlp) -> None:
    doc = read(nlp, "Officials blamed al Qaeda. AL-QAEDA denied it. The al-Qa\u00d5ida statement came later.")
    aliases = actor_of(doc, "al Qaeda")["aliases"]
    # "AL-QAEDA" differs from the name "al-Qaeda" only in case; "al-QaÕida" is a spelling of "al-Qaida"
    assert aliases == ["al Qaeda", "al-Qaida", "al-Qa\u00d5ida"]


def test_actor_record_shape(nlp) -> None:
    doc = read(
        nlp, "KABUL (Reuters) - The Taliban seized the district centre of Nawa on Monday.", "2015-06-01"
    )
    taliban = actor_of(doc, "Taliban")
    assert set(taliban) == {
        "id",
        "name",
        "kind",
        "country_code",
        "aliases",
        "mentions",
        "acled_inter",
        "role",
        "acled_name",
        "registered",
        "parents",
    }
    assert taliban["registered"] is True and taliban["acled_inter"] == 2 and taliban["role"] == "insurgency"
    json.dumps(doc._.dateline_actors)  # plain data


# --- time-bounded roles ---------------------------------------------------------------------------

TALIBAN_SENTENCE = "KABUL: The Taliban said their forces had detained three men accused of spying in Herat."


def test_role_follows_the_publication_date(nlp) -> None:
    in_2015 = actor_of(read(nlp, TALIBAN_SENTENCE, "2015-03-02"), "Taliban")
    in_2023 = actor_of(read(nlp, TALIBAN_SENTENCE, "2023-03-02"), "Taliban")
    assert in_2015["id"] == in_2023["id"] == "test-taliban"
    assert (in_2015["kind"], in_2015["acled_inter"], in_2015["role"]) == ("militant_group", 2, "insurgency")
    assert (in_2023["kind"], in_2023["acled_inter"], in_2023["role"]) == (
        "government",
        1,
        "de facto government",
    )


def test_without_publication_date_the_latest_date_in_the_text_counts(nlp) -> None:
    doc = read(nlp, "On March 4, 2023, the Taliban closed girls' schools in Kandahar, residents said.")
    assert actor_of(doc, "Taliban")["kind"] == "government"
    doc = read(nlp, "In 2015-2016 the Taliban overran Kunduz twice, residents said.")
    assert actor_of(doc, "Taliban")["kind"] == "militant_group"


# --- learned aliases ------------------------------------------------------------------------------


def test_acronym_and_known_as_define_aliases(nlp) -> None:
    text = (
        "ISLAMABAD - The Islamic State Khurasan (ISK) commonly known in Afghanistan as ‘Daesh’ is trying "
        "to establish its footprint in Nangarhar. Afghan officials say ISK has recruited hundreds. "
        "Daesh fighters also attacked a Sikh temple in Kabul."
    )
    doc = read(nlp, text)
    isk = actor_of(doc, "Islamic State Khurasan")
    assert isk["id"] == "test-iskp"
    assert actor_of(doc, "ISK", nth=2)["id"] == "test-iskp"
    assert actor_of(doc, "Daesh", nth=2)["id"] == "test-iskp"
    facts = [f for f in doc._.dateline_actor_facts if f["type"] == "alias"]
    assert {(f["actor"], f["alias"]) for f in facts} >= {("test-iskp", "ISK"), ("test-iskp", "Daesh")}
    for fact in facts:
        assert doc.text[fact["span"][0] : fact["span"][1]] == fact["text"]


def test_long_form_before_a_known_acronym_becomes_an_alias(nlp) -> None:
    text = (
        "Afghan officials have long blamed Pakistan’s Inter Service Intelligence Agency (ISI) for the "
        "attacks. The ISI denies this."
    )
    doc = read(nlp, text, "2015-01-30")
    isi = actor_of(doc, "Inter Service Intelligence Agency")
    assert isi["id"] == "test-isi" and isi is actor_of(doc, "ISI", nth=2)
    assert "Inter Service Intelligence Agency" in isi["aliases"]


def test_unknown_organisation_defined_by_acronym(nlp) -> None:
    text = (
        "BAMAKO (AFP) - Jama'at Nusrat al-Islam wal-Muslimin (JNIM) said it killed 12 soldiers near "
        "Boulkessi. "
        "JNIM has expanded into Burkina Faso since 2019."
    )
    doc = read(nlp, text, "2022-07-01")
    jnim = actor_of(doc, "Jama'at Nusrat al-Islam wal-Muslimin")
    assert jnim["registered"] is False
    assert jnim["id"] == unregistered_id(jnim["kind"], "Jama'at Nusrat al-Islam wal-Muslimin")
    assert actor_of(doc, "JNIM", nth=2) is jnim
    assert "JNIM" in jnim["aliases"]


def test_or_acronym_and_better_known_as(nlp) -> None:
    text = (
        "The Pakistani Taliban, or TTP, have stepped up attacks. Harakat al-Shabaab al-Mujahideen, better "
        "known as al-Shabaab, claimed the Mogadishu bombing; al-Shabaab also hit a base in Lower Shabelle."
    )
    doc = read(nlp, text, "2023-02-01")
    assert actor_of(doc, "TTP")["id"] == "test-ttp"
    shabaab = actor_of(doc, "al-Shabaab", nth=2)
    assert "Harakat al-Shabaab al-Mujahideen" in [m["text"] for m in shabaab["mentions"]]
    assert shabaab["kind"] == "militant_group" and len(shabaab["mentions"]) == 3
    assert any(f["alias"] == "al-Shabaab" and f["actor"] == shabaab["id"] for f in doc._.dateline_actor_facts)


# --- context: a shared alias goes to the branch of the document's country -------------------------


def test_daesh_means_the_branch_in_a_story_about_afghanistan(nlp) -> None:
    text = (
        "JALALABAD, Afghanistan - Daesh gunmen stormed a prison in Jalalabad, Afghan officials said. "
        "Afghanistan has struggled to contain the group in Nangarhar province."
    )
    assert actor_of(read(nlp, text, "2020-08-03"), "Daesh")["id"] == "test-iskp"


def test_daesh_means_the_parent_in_a_story_about_syria(nlp) -> None:
    text = (
        "BEIRUT - Daesh fighters attacked Syrian army positions near Palmyra in central Syria, "
        "a Syrian war monitor said. Syria's government sent reinforcements."
    )
    assert actor_of(read(nlp, text, "2020-08-03"), "Daesh")["id"] == "test-islamic-state"


# --- nominal actors -------------------------------------------------------------------------------


def test_nominal_actors_by_country_and_kind(nlp) -> None:
    text = (
        "Afghan officials said Pakistani forces fired rockets into Kunar province, wounding local villagers. "
        "According to security sources, unidentified gunmen later attacked a checkpoint."
    )
    doc = read(nlp, text, "2015-01-30")
    officials = actor_of(doc, "Afghan officials")
    assert (officials["name"], officials["kind"], officials["country_code"]) == (
        "Government of Afghanistan",
        "government",
        "AF",
    )
    assert officials["id"] == unregistered_id("government", "Government of Afghanistan")
    assert actor_of(doc, "Pakistani forces")["id"] == "test-pakistan-military"  # registry name found
    villagers = actor_of(doc, "local villagers")
    assert (villagers["name"], villagers["kind"]) == ("Civilians (Afghanistan)", "civilians")
    assert actor_of(doc, "security sources")["name"] == "Security Sources (Afghanistan)"
    gunmen = actor_of(doc, "unidentified gunmen")
    assert (gunmen["name"], gunmen["kind"]) == ("Unidentified Armed Group (Afghanistan)", "militant_group")


def test_nominal_country_from_the_sentence_or_adjective(nlp) -> None:
    text = (
        "MOGADISHU, Somalia - Somali troops and foreign militants clashed near Afgooye. "
        "Kenyan police arrested two suspects in Mandera."
    )
    doc = read(nlp, text, "2019-03-01")
    assert actor_of(doc, "Somali troops")["name"] == "Military Forces of Somalia"
    assert actor_of(doc, "foreign militants")["name"] == "Foreign Militants (Somalia)"
    assert actor_of(doc, "Kenyan police")["name"] == "Police Forces of Kenya"


def test_nominal_perpetrators_weapons_bare_gunmen_and_crowds(nlp) -> None:
    text = (
        "Russian warplanes struck a market in Idlib, Syria. A military jet bombed a village in Myanmar. "
        "In Afghanistan, gunmen shot dead three aid workers and the attackers fled. "
        "Protesters and rioters marched in Lahore, Pakistan."
    )
    doc = read(nlp, text, "2024-03-01")
    warplanes = actor_of(doc, "Russian warplanes")
    assert (warplanes["name"], warplanes["kind"]) == ("Military Forces of Russia", "military")
    assert actor_of(doc, "military jet")["name"] == "Military Forces of Myanmar"
    gunmen = actor_of(doc, "gunmen")
    assert gunmen["name"] == "Unidentified Armed Group (Afghanistan)"
    assert actor_of(doc, "attackers")["id"] == gunmen["id"]
    assert actor_of(doc, "Protesters")["name"] == "Protesters (Pakistan)"
    assert actor_of(doc, "rioters")["name"] == "Rioters (Pakistan)"


def test_weapons_without_country_or_state_modifier_are_not_actors(nlp) -> None:
    doc = read(nlp, "Drones were seen over the town and a missile landed in a field.", "2024-03-01")
    assert no_actor_at(doc, "Drones")
    assert no_actor_at(doc, "missile")


def test_modifiers_that_are_not_actors(nlp) -> None:
    text = "The Taliban fighters retreated after a Pakistani military operation in North Waziristan."
    doc = read(nlp, text, "2015-01-30")
    assert actor_of(doc, "Taliban")["id"] == "test-taliban"
    assert no_actor_at(doc, "fighters")
    assert no_actor_at(doc, "military operation")


# --- people, unknown actors, stable ids -----------------------------------------------------------


def test_unknown_person_gets_a_stable_id_from_the_fullest_name(nlp) -> None:
    text = (
        "Afghan interior minister Mohammad Umer Daudzai said the border was porous. "
        "Daudzai added that Umer Daudzai's office had protested."
    )
    first = read(nlp, text, "2014-09-01")
    person = actor_of(first, "Mohammad Umer Daudzai")
    assert person["id"] == unregistered_id("person", "Mohammad Umer Daudzai")
    assert person["kind"] == "person" and person["country_code"] == "AF"
    assert actor_of(first, "Daudzai", nth=2) is person
    other = read(nlp, "Mohammad Umer Daudzai met tribal elders in Jalalabad.", "2014-10-01")
    assert actor_of(other, "Mohammad Umer Daudzai")["id"] == person["id"]


def test_same_ids_across_the_founding_articles(nlp) -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    first = read(nlp, (SEEDS / "000_0e18874e0c02dde7.txt").read_text(encoding="utf-8"), "2015-01-30")
    second = read(nlp, (SEEDS / "004_1ac5274d8c6e2a1b.txt").read_text(encoding="utf-8"))
    for mention in ("Afghan Taliban", "Tehreek", "Qaeda"):
        a, b = actor_of(first, mention), actor_of(second, mention)
        assert a["id"] == b["id"] and a["kind"] == b["kind"] == "militant_group"
    assert actor_of(first, "Afghan Taliban")["country_code"] == "AF"
    assert actor_of(first, "Tehreek-i-Taliban Pakistan") is actor_of(first, "TTP", nth=3)


@pytest.mark.slow
def test_same_ids_in_two_separate_runs(dateline_cmd: list[str], tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "QUETTA: Gunmen shot dead Sardar Akhtar Baloch, a tribal elder, in Mastung, police said. "
        "The Tehreek-e-Taliban Pakistan (TTP) denied involvement. Baloch had survived an attack in 2012.",
        encoding="utf-8",
    )
    runs = []
    for _ in range(2):
        out = subprocess.run(
            [*dateline_cmd, "extract", str(story), "--format", "jsonl", "--published", "2016-04-02"],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        record = json.loads(out.stdout.splitlines()[0])
        runs.append(
            sorted((a["id"], tuple(tuple(m["span"]) for m in a["mentions"])) for a in record["actors"])
        )
    assert runs[0] == runs[1]
    ids = {actor_id for actor_id, _ in runs[0]}
    assert "tehrik-i-taliban-pakistan" in ids
    assert unregistered_id("person", "Sardar Akhtar Baloch") in ids


# --- quotes and attributions ----------------------------------------------------------------------


def test_quote_speakers_and_attribution_sources(nlp) -> None:
    text = (
        "“I will lead this war against terror,” Pakistani Prime Minister Nawaz Sharif said on Tuesday. "
        "“Our two countries face formidable challenges,” Sharif told reporters. "
        "According to Afghan officials, the militants crossed the border at night."
    )
    doc = read(nlp, text, "2015-01-30")
    speakers = [q["speaker"] for q in doc._.dateline_quotes if q["kind"] == "direct"]
    assert speakers == ["test-nawaz-sharif", "test-nawaz-sharif"]
    source = next(a for a in doc._.dateline_attributions if a["source_text"] == "Afghan officials")
    assert source["source"] == unregistered_id("government", "Government of Afghanistan")
    assert Attribution.from_dict(source).source == source["source"]


# --- pipelines: serialisation, multiprocessing, blank ---------------------------------------------


def test_to_disk_round_trip_keeps_user_actors(tmp_path: Path) -> None:
    user = tmp_path / "mine.toml"
    user.write_text(
        '[[actor]]\nid = "katiba-macina"\nname = "Katiba Macina"\nkind = "militant_group"\ncountry = "ML"\n'
        'aliases = ["Macina Liberation Front", "FLM"]\n',
        encoding="utf-8",
    )
    nlp = spacy.blank("en")
    nlp.add_pipe("dateline_actors", config={"extra_registry": [str(user)]})
    text = (
        "MOPTI, Mali - The Macina Liberation Front attacked Malian soldiers near Djenné; FLM fighters fled."
    )
    before = nlp(text)._.dateline_actors
    nlp.to_disk(tmp_path / "pipeline")
    user.unlink()  # the saved pipeline carries its own copy of the user's actors
    loaded = spacy.load(tmp_path / "pipeline")
    after = loaded(text)._.dateline_actors
    assert after == before
    assert any(a["id"] == "katiba-macina" and len(a["mentions"]) == 2 for a in after)
    again = (
        spacy.blank("en")
        .add_pipe("dateline_actors")
        .from_bytes(loaded.get_pipe("dateline_actors").to_bytes())
    )
    assert again.registry.get("katiba-macina") is not None


def test_missing_user_file_is_a_config_error(tmp_path: Path) -> None:
    from dateline.errors import ConfigError

    nlp = spacy.blank("en")
    nlp.add_pipe("dateline_actors", config={"extra_registry": [str(tmp_path / "nope.toml")]})
    with pytest.raises(ConfigError, match="nope.toml"):
        nlp("The Taliban said so.")


def test_two_processes_give_the_same_actors(nlp) -> None:
    texts = [
        "KABUL: The Taliban said Afghan forces shelled a village in Helmand, killing four civilians.",
        "ISLAMABAD: Pakistani Prime Minister Nawaz Sharif met army chief Raheel Sharif on Monday.",
        "The Islamic State Khurasan (ISK) claimed the attack; ISK fighters wore suicide vests.",
        "MOGADISHU: Unidentified gunmen killed a district commissioner, local residents said.",
    ]
    one = [(d._.dateline_actors, d._.dateline_actor_facts) for d in nlp.pipe(texts, n_process=1)]
    two = [
        (d._.dateline_actors, d._.dateline_actor_facts) for d in nlp.pipe(texts, n_process=2, batch_size=2)
    ]
    assert one == two
    assert any(a["id"] == "test-taliban" for a in one[0][0])


def test_blank_pipeline_degrades_to_registry_aliases_and_nominals(actors_file: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("dateline_actors", config={"extra_registry": [str(actors_file)], "builtin_registry": False})
    doc = nlp(
        "The Islamic State Khurasan (ISK) attacked Afghan soldiers in Kunar. ISK said Gul Ahmad Azimi, "
        "a senator, was targeted."
    )
    ids = {a["id"] for a in doc._.dateline_actors}
    assert "test-iskp" in ids
    assert unregistered_id("military", "Military Forces of Afghanistan") in ids
    assert not any(
        a["kind"] == "person" for a in doc._.dateline_actors
    )  # no NER: unknown people are not found


def test_copy_of_seed_story_in_a_pipeline_directory_loads(nlp, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "full")
    loaded = spacy.load(tmp_path / "full")
    text = "PESHAWAR: Tehreek-e-Taliban Pakistan (TTP) fighters attacked a police post, officials said."
    assert (
        read(loaded, text, "2016-01-01")._.dateline_actors == read(nlp, text, "2016-01-01")._.dateline_actors
    )
    shutil.rmtree(tmp_path / "full")


def test_a_pipeline_saved_with_a_registry_folder_still_loads_its_user_actors(tmp_path: Path) -> None:
    """Pipelines saved before the user's actor files went into registry.json kept a registry/ folder."""
    nlp = spacy.blank("en")
    nlp.add_pipe("dateline_actors")
    nlp.to_disk(tmp_path / "pipeline")
    saved = tmp_path / "pipeline" / "dateline_actors"
    (saved / "registry.json").unlink()
    (saved / "registry").mkdir()
    (saved / "registry" / "000_mine.toml").write_text(
        '[[actor]]\nid = "katiba-macina"\nname = "Katiba Macina"\nkind = "militant_group"\ncountry = "ML"\n',
        encoding="utf-8",
    )
    loaded = spacy.load(tmp_path / "pipeline").get_pipe("dateline_actors")
    assert loaded.registry.get("katiba-macina") is not None
    actors = loaded(spacy.blank("en")("Katiba Macina fighters attacked."))._.dateline_actors
    assert actors[0]["id"] == "katiba-macina"
