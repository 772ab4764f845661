"""The gazetteer: normalisation keys, the index build, lookups, containment and coverage.

The tests share one index, built per session (``conftest.py``); the sources' own tests are in
``test_sources.py``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import pickle
import sqlite3
import time
from importlib import resources
from pathlib import Path

import pytest

import dateline.gazetteer as gz
from dateline.errors import ConfigError
from dateline.gazetteer import Gazetteer, build_gazetteer, haversine_km
from dateline.gazetteer.sources import (
    data_text,
    read_admin_codes,
    read_country_info,
)
from dateline.text import default_normaliser, normalise, skeleton


def _within(entry: gz.Entry, near: list[float], km: float) -> bool:
    return haversine_km(entry.lat, entry.lon, near[0], near[1]) <= km


# -- normalisation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Khāk-e Afghān", "khak e afghan"),
        ("U.S.", "us"),
        ("The Hague", "hague"),
        ("Côte d’Ivoire", "cote divoire"),
        ("Łódź", "lodz"),
        ("  North   WAZIRISTAN ", "north waziristan"),
        ("Dera Ismail Khan (D.I. Khan)", "dera ismail khan di khan"),
    ],
)
def test_normalise(text: str, key: str) -> None:
    assert normalise(text) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Khak-e Afghan", "Khak-e-Afghan"),
        ("Khak-e Afghan", "Khak i Afghan"),
        ("Khak-e Afghan", "Khakeafghan"),
        ("Day Chupan", "Daychopan"),
        ("Day Chupan", "Daychupan"),
        ("Nooristan", "Nuristan"),
        ("Zabul", "Zabol"),
        ("Kunar", "Konar"),
        ("Hafez", "Hafiz"),
        ("Ningarhar", "Nangarhar"),
        ("Ghowr", "Ghor"),
        ("Vardak", "Wardak"),
        ("Abbotabad", "Abbottabad"),
        ("al-Raqqah", "Raqqa"),
        ("as-Sulaymaniyah", "Sulaymaniyah"),
        ("Deir ez-Zor", "Deir Zor"),
        ("Qandahar", "Kandahar"),
        ("Paktia", "Paktiya"),
        ("Maywand", "Maiwand"),
    ],
)
def test_skeleton_joins_transliteration_variants(a: str, b: str) -> None:
    assert skeleton(a) and skeleton(a) == skeleton(b)


@pytest.mark.parametrize(("a", "b"), [("Kabul", "Kandahar"), ("Herat", "Helmand"), ("Kunar", "Kunduz")])
def test_skeleton_keeps_different_names_apart(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


def test_skeleton_is_empty_for_other_scripts_and_tiny_names() -> None:
    assert skeleton("Москва") == ""
    assert skeleton("Us") == ""


def test_split_unit_words() -> None:
    norm = default_normaliser()
    assert norm.split_unit("kunar province") == ("kunar", "province")
    assert norm.split_unit("khyber agency") == ("khyber", "agency")
    assert norm.split_unit("province of kunar") == ("kunar", "province")
    assert norm.split_unit("swat valley") == ("swat", "valley")
    assert norm.split_unit("province") == ("province", None)
    assert norm.split_unit("kabul") == ("kabul", None)


# -- build ----------------------------------------------------------------------------------


def test_build_stats(built: gz.BuildStats) -> None:
    assert built.path.is_file() and built.bytes == built.path.stat().st_size
    assert built.entries_by_level["country"] >= 240
    assert built.entries_by_level["admin1"] >= 3800
    assert built.entries_by_level["admin2"] >= 44000
    assert built.entries_by_level["division"] == 37
    assert built.entries_by_source["ocha"] == 433
    assert built.entries_by_source["osm"] == 199  # 7 provinces + 37 divisions + 155 districts
    assert built.names > built.entries and built.keys > 0 and built.skeletons > 0


def test_build_is_reproducible(tmp_path: Path, cities_file: Path) -> None:
    first = build_gazetteer(tmp_path / "a.sqlite", cities=cities_file, countries=["AF"])
    second = build_gazetteer(tmp_path / "b.sqlite", cities=cities_file, countries=["AF"])
    assert first.entries == second.entries > 0
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (first.path, second.path)]
    assert digest[0] == digest[1]


def test_load_is_fast_and_index_is_read_only(built: gz.BuildStats) -> None:
    started = time.perf_counter()
    with Gazetteer.load(built.path) as gaz:
        elapsed = time.perf_counter() - started
        assert gaz.lookup("Kabul")
        with pytest.raises(Exception, match="readonly"):
            gaz._con.execute("DELETE FROM entries")
    assert elapsed < 1.0


def test_missing_or_foreign_index_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="gazetteer build"):
        Gazetteer.load(tmp_path / "absent.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ConfigError) as info:
        Gazetteer(junk)
    assert info.value.code == "E200"


def test_default_cache_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DATELINE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert gz.default_cache_dir() == tmp_path / "xdg" / "dateline"
    monkeypatch.setenv("DATELINE_CACHE_DIR", str(tmp_path / "mine"))
    assert gz.default_cache_dir() == tmp_path / "mine"
    path = gz.default_index_path()
    assert path.parent == tmp_path / "mine" and gz.data_version() in path.name


def test_load_builds_into_the_cache_on_first_use(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cities_file: Path
) -> None:
    import dateline.gazetteer.gazetteer as module

    calls: list[Path] = []

    def small_build(target: Path, **kwargs: object) -> gz.BuildStats:
        calls.append(target)
        return build_gazetteer(target, cities=cities_file, countries=["AF"])

    monkeypatch.setenv("DATELINE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(module, "build_gazetteer", small_build)
    stale = tmp_path / "gazetteer-0123456789ab.sqlite"  # an index of older data
    stale.write_bytes(b"old")
    mine = tmp_path / "gazetteer-mine.sqlite"  # not a cached default index: kept
    mine.write_bytes(b"mine")
    first = Gazetteer.load()
    assert calls == [gz.default_index_path()] and first.path == calls[0]
    assert first.lookup("Dangam")
    assert not stale.exists() and mine.exists()
    Gazetteer.load()  # cached: no second build
    assert len(calls) == 1


# -- lookups --------------------------------------------------------------------------------


def test_seed_gold_places_have_candidates(gazetteer: Gazetteer, shared_dir: Path) -> None:
    yaml = pytest.importorskip("yaml")
    gold = yaml.safe_load((shared_dir / "gold" / "seed_gold.yaml").read_text(encoding="utf-8"))
    failures = []
    for place in gold["places"]:
        accepted_admin1 = {normalise(a) for a in place.get("admin1", [])}

        def fits(entry: gz.Entry, place: dict = place, accepted: set[str] = accepted_admin1) -> bool:
            if entry.country_code != place["country"]:
                return False
            if accepted and normalise(entry.admin1 or "") not in accepted:
                return False
            return "near" not in place or _within(entry, place["near"], place["km"])

        if not any(fits(c.entry) for c in gazetteer.candidates(place["mention"])):
            failures.append(place["id"])
    assert failures == []


def test_lookup_is_exact_and_candidates_tell_fuzzy_apart(gazetteer: Gazetteer) -> None:
    assert all(e.id != "geonames:7053346" for e in gazetteer.lookup("Day Chupan"))
    [daychopan] = [c for c in gazetteer.candidates("Day Chupan") if c.entry.id == "geonames:7053346"]
    assert daychopan.kind == "fuzzy" and 0.5 <= daychopan.score < 0.9
    assert daychopan.entry.admin1 == "Zabul" and daychopan.entry.name == "Daychopan"
    best = gazetteer.candidates("Kunar")[0]
    assert (best.kind, best.score, best.entry.feature_code) == ("exact", 1.0, "ADM1")
    unit = [c for c in gazetteer.candidates("Kunar province") if c.entry.feature_code == "ADM1"]
    assert unit[0].kind == "unit" and unit[0].unit == "province" and unit[0].entry.name == "Kunar"
    assert {c.kind for c in gazetteer.candidates("Kunar province", fuzzy=False)} == {"unit"}


def test_khak_e_afghan_and_dangam(gazetteer: Gazetteer) -> None:
    for spelling in ("Khak-e Afghan", "Khak-e-Afghan", "Khak e Afghan"):
        [entry] = gazetteer.lookup(spelling)
        assert (entry.country_code, entry.admin1, entry.feature_code) == ("AF", "Zabul", "ADM2")
    assert any(c.entry.admin1 == "Zabul" for c in gazetteer.candidates("Khak i Afghan"))
    dangam = [e for e in gazetteer.lookup("Dangam") if e.feature_code == "ADM2"]
    assert [(e.admin1, e.source) for e in dangam] == [("Kunar", "geonames+ocha")]
    assert _within(dangam[0], [34.992, 71.419], 10)


def test_every_afghan_province_and_district(gazetteer: Gazetteer) -> None:
    rows = list(csv.DictReader(io.StringIO(data_text("afg_admin_centroids_ocha2018.csv"))))
    assert len(rows) == 433
    for row in rows:
        level = "ADM1" if row["level"] == "adm1" else "ADM2"
        point = [float(row["lat"]), float(row["lon"])]
        found = [
            e
            for e in gazetteer.lookup(row["name"])
            if e.country_code == "AF" and e.feature_code == level and _within(e, point, 1)
        ]
        assert len(found) == 1, row["name"]
        assert found[0].admin1 and not found[0].approximate
        if level == "ADM2":
            assert found[0].admin2 == row["name"]


def test_pakistan_units_and_former_fata_agencies(gazetteer: Gazetteer) -> None:
    rows = list(csv.DictReader(io.StringIO(data_text("pak_admin_centroids_osm2023.csv"))))
    for row in rows:
        assert any(e.country_code == "PK" and not e.approximate for e in gazetteer.lookup(row["name"])), row[
            "name"
        ]
    for agency in (
        "Khyber",
        "North Waziristan",
        "South Waziristan",
        "Bajaur",
        "Mohmand",
        "Kurram",
        "Orakzai",
    ):
        for name in (agency, f"{agency} Agency"):
            [entry] = [e for e in gazetteer.lookup(name) if e.feature_code == "ADM2"]
            assert (entry.country_code, entry.admin1) == ("PK", "Khyber Pakhtunkhwa"), name
    [fata] = gazetteer.lookup("Federally Administered Tribal Areas")
    assert fata.country_code == "PK" and [e for e in gazetteer.lookup("FATA") if e.country_code == "PK"] == [
        fata
    ]


def test_every_country_and_common_short_names(gazetteer: Gazetteer, cities_file: Path) -> None:
    with_places = {rec["countrycode"] for rec in json.loads(cities_file.read_text(encoding="utf-8")).values()}
    centroids = csv.DictReader(io.StringIO(data_text("world_admin0_ne50m_centroids.csv")))
    located = with_places | {row["country_code"] for row in centroids}
    for row in read_country_info(data_text("countryInfo.txt")):
        if row.iso in located:
            assert any(e.is_country and e.country_code == row.iso for e in gazetteer.lookup(row.name)), (
                row.name
            )
    short = {
        "US": "US",
        "U.S.": "US",
        "USA": "US",
        "UK": "GB",
        "Britain": "GB",
        "Syria": "SY",
        "Syrian Arab Republic": "SY",
        "Russia": "RU",
        "Iran": "IR",
        "DRC": "CD",
        "Ivory Coast": "CI",
    }
    for name, iso in short.items():
        countries = [e for e in gazetteer.lookup(name) if e.is_country]
        assert [e.country_code for e in countries] == [iso], name


def test_countries_know_their_neighbours(gazetteer: Gazetteer) -> None:
    # GeoNames' country table: borders run both ways, and an island borders no one
    assert {"PK", "IR", "TJ"} <= gazetteer.borders("AF")
    assert "AF" in gazetteer.borders("PK")
    assert {"IL", "EG", "JO"} == gazetteer.borders("PS")
    assert gazetteer.borders("IS") == frozenset()
    assert gazetteer.borders("XX") == frozenset()


def test_world_admin1_units_have_coordinates(gazetteer: Gazetteer) -> None:
    rows = read_admin_codes(data_text("admin1CodesASCII.txt"))
    exact = 0
    for row in rows:
        entry = gazetteer.get(f"geonames:{row.geonameid}")
        assert entry is not None and entry.feature_code == "ADM1", row
        # its admin1 is its own name, without the unit word ("Western" of "Western District")
        assert entry.admin1 and entry.admin1 in entry.name and entry.country_code == row.country_code
        exact += not entry.approximate
    assert exact / len(rows) > 0.6


def test_cities500_places_for_the_built_countries(gazetteer: Gazetteer, cities_file: Path) -> None:
    table = json.loads(cities_file.read_text(encoding="utf-8"))
    for key in list(table)[::97]:
        entry = gazetteer.get(f"geonames:{key}")
        assert entry is not None and entry.feature_class == "P"
        assert entry.population == table[key]["population"]
    moscow = gazetteer.lookup("Moscow")[0]
    assert (moscow.country_code, moscow.feature_code, moscow.geonameid) == ("RU", "PPLC", 524901)
    assert "Moskva" in moscow.alternate_names and "MOW" not in moscow.alternate_names


def test_containment(gazetteer: Gazetteer) -> None:
    [kakar] = gazetteer.lookup("Khak-e Afghan")
    assert [e.name for e in gazetteer.ancestors(kakar)] == ["Zabul", "Afghanistan"]
    zabul = gazetteer.parent(kakar)
    assert zabul is not None and kakar.id in {e.id for e in gazetteer.children(zabul)}
    [nw] = [e for e in gazetteer.lookup("North Waziristan") if e.feature_code == "ADM2"]
    assert [(e.name, e.feature_code) for e in gazetteer.ancestors(nw)] == [
        ("Bannu", "ADMD"),
        ("Khyber Pakhtunkhwa", "ADM1"),
        ("Pakistan", "PCLI"),
    ]
    city = [e for e in gazetteer.lookup("Peshawar") if e.feature_code == "PPLA"][0]
    district = gazetteer.parent(city)
    assert district is not None and (district.name, district.feature_code) == ("Peshawar", "ADM2")
    assert city.admin2 == "Peshawar" and city.admin1 == "Khyber Pakhtunkhwa"
    assert gazetteer.parent(gazetteer.lookup("Pakistan")[0]) is None


def test_fast_name_tests(gazetteer: Gazetteer) -> None:
    assert gazetteer.is_name("north waziristan") and gazetteer.is_prefix("north")
    assert not gazetteer.is_name("north") or gazetteer.lookup("north")
    assert not gazetteer.is_name("zzqx nowhere") and not gazetteer.is_prefix("zzqx")
    assert not gazetteer.is_name("province") and not gazetteer.is_name("city")
    assert gazetteer.is_skeleton(skeleton("Nooristan"))
    keys = ["kabul", "north waziristan", "the", "attack", "zabul", "quetta"] * 2000
    started = time.perf_counter()
    hits = sum(gazetteer.is_name(k) for k in keys)
    per_call = (time.perf_counter() - started) / len(keys)
    assert hits == 8000 and per_call < 20e-6


def test_pickles_as_its_path(gazetteer: Gazetteer) -> None:
    copy = pickle.loads(pickle.dumps(gazetteer))
    assert copy.path == gazetteer.path and copy.lookup("Zabul") == gazetteer.lookup("Zabul")


def test_entry_to_place_fields(gazetteer: Gazetteer) -> None:
    zabul = gazetteer.lookup("Zabul")[0]
    fields = zabul.to_place_fields()
    assert set(fields) == {
        "id",
        "name",
        "country_code",
        "admin1",
        "admin2",
        "lat",
        "lon",
        "geonameid",
        "feature",
    }
    assert fields["feature"] == "ADM1" and fields["id"] == f"geonames:{zabul.geonameid}"


def test_admin1_points_are_close_to_the_units_own_centre(gazetteer: Gazetteer) -> None:
    # GeoNames points of the units; Natural Earth put Kentucky's label on the Kentucky Bend exclave
    for name, lat, lon in [
        ("Kentucky", 37.5, -85.0),
        ("Indiana", 40.0, -86.25),
        ("Ontario", 49.25, -84.5),
    ]:
        units = [e for e in gazetteer.lookup(name) if e.feature_code == "ADM1"]
        assert units and _within(units[0], [lat, lon], 161), (name, units[0].lat, units[0].lon)


def test_continents_have_their_geonames_points(gazetteer: Gazetteer) -> None:
    africa = [e for e in gazetteer.lookup("Africa") if e.feature_code == "CONT"]
    assert len(africa) == 1 and africa[0].geonameid == 6255146 and africa[0].id == "geonames:6255146"
    assert _within(africa[0], [7.1881, 21.09375], 1) and africa[0].country_code is None
    assert gazetteer.parent(africa[0]) is None
    assert {e.geonameid for e in gazetteer.lookup("South America") if e.feature_code == "CONT"} == {6255150}
    # parentless too, but no countries: continents, world regions and seas
    countries = list(gazetteer.countries())
    assert countries and all(e.is_country for e in countries)
    assert {"Afghanistan", "Russia"} <= {e.name for e in countries}


def test_abbreviations(gazetteer: Gazetteer) -> None:
    assert "New South Wales" in {e.name for e in gazetteer.lookup("NSW")}
    assert "Australian Capital Territory" not in {e.name for e in gazetteer.lookup("ACT")}  # a word
    assert "Indiana" not in {e.name for e in gazetteer.lookup("in")}  # two-letter codes are no names
    assert "New York" not in {e.name for e in gazetteer.lookup("NY")}
    with sqlite3.connect(gazetteer.path) as con:
        rows = con.execute(
            "SELECT a.key, e.name FROM abbreviations a JOIN entries e ON e.rowid = a.entry"
            " WHERE a.key IN ('NY', 'IN', 'ON', 'ACT', 'ny')"
        ).fetchall()
    assert sorted(rows) == [
        ("ACT", "Australian Capital Territory"),
        ("IN", "Indiana"),
        ("NY", "New York"),
        ("ON", "Ontario"),
    ]
    assert {e.id for e in gazetteer.lookup("D.C.")} == {"geonames:4138106"}  # the city is not in this build
    assert {e.id for e in gazetteer.lookup("District of Columbia")} == {"geonames:4138106"}
    assert {e.id for e in gazetteer.lookup("South Darfur")} == {"geonames:408660"}


def test_abbreviation_lookup_is_exact_and_case_sensitive(gazetteer: Gazetteer) -> None:
    assert [e.name for e in gazetteer.abbreviation("NY")] == ["New York"]
    assert [(e.name, e.feature_code) for e in gazetteer.abbreviation("IN")] == [("Indiana", "ADM1")]
    assert {e.country_code for e in gazetteer.abbreviation("WA")} == {"AU", "US"}  # two states
    assert [e.name for e in gazetteer.abbreviation("NSW")] == ["New South Wales"]
    for text in ("ny", "Ny", "in", " NY", "NYC", "XX", "", "New York"):
        assert gazetteer.abbreviation(text) == (), text
    assert gazetteer.is_abbreviation("ON") and not gazetteer.is_abbreviation("On")


# -- shipped data and API ----------------------------------------------------------------------


def test_shipped_data_is_derived_from_shared(tmp_path: Path, shared_dir: Path) -> None:
    from dateline.gazetteer.vendor import WOF_REPOS, vendor_data, wof_repo_dir

    mirror = shared_dir.parent / ".mirror"  # the Who's On First repositories, as `fetch` brings them
    missing = [country for country, _ in WOF_REPOS if not wof_repo_dir(mirror, country).is_dir()]
    if missing:
        pytest.skip(f"no Who's On First repositories of {', '.join(missing)} in {mirror}")
    for path in vendor_data(shared_dir / "data", tmp_path, mirror):
        shipped = resources.files("dateline.gazetteer").joinpath("data", path.name)
        assert path.read_bytes() == shipped.read_bytes(), path.name


def test_public_api() -> None:
    assert set(gz.__all__) == {
        "BuildStats",
        "Candidate",
        "Entry",
        "Gazetteer",
        "build_gazetteer",
        "data_version",
        "default_cache_dir",
        "default_index_path",
        "haversine_km",
    }
