"""Villages of the Who's On First repositories: the converter (on a small repository made here) and
the villages of each country it added, found in the shared index with their country and province."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from dateline.gazetteer import Gazetteer
from dateline.gazetteer.vendor import WOF_REPOS
from dateline.gazetteer.wof_repo import COLUMNS, kind_of, record_row, repo_rows, write_tsv

# -- the converter ------------------------------------------------------------------------------


def _record(wof_id: int, placetype: str, name: str, **props: Any) -> dict[str, Any]:
    return {
        "id": wof_id,
        "type": "Feature",
        "properties": {
            "wof:id": wof_id,
            "wof:placetype": placetype,
            "wof:name": name,
            "wof:country": "LB",
            **props,
        },
        "geometry": {
            "type": "Point",
            "coordinates": [props.get("geom:longitude", 0), props.get("geom:latitude", 0)],
        },
    }


_HIERARCHY = [{"country_id": 85632533, "region_id": 101, "county_id": 202, "locality_id": 0}]
_RECORDS = [
    _record(101, "region", "Bekaa", **{"name:eng_x_preferred": ["Beqaa"]}),
    _record(202, "county", "Zahle"),
    _record(  # a GeoNames village: variants kept, a far-fetched preferred name ("Go") dropped
        303,
        "locality",
        "Taalabaya",
        **{
            "gn:geonameid": 266920,
            "gn:feature_code": "PPL",
            "gn:population": 0,
            "gn:name": "Taalabâya",
            "gn:asciiname": "Taalabaya",
            "geom:latitude": 33.813611,
            "geom:longitude": 35.864444,
            "name:und_x_variant": ["Ta‘labāyā", "Ta", "Taalabaya, Lebanon"],
            "name:eng_x_preferred": ["Go"],
            "name:fra_x_preferred": ["Taalabaïa"],
            "wof:hierarchy": _HIERARCHY,
        },
    ),
    _record(
        404, "locality", "Gone", **{"geom:latitude": 33.8, "geom:longitude": 35.8, "edtf:deprecated": "2019"}
    ),
    _record(
        505,
        "locality",
        "Replaced",
        **{"geom:latitude": 33.8, "geom:longitude": 35.8, "wof:superseded_by": [9]},
    ),
    _record(606, "locality", "Old", **{"geom:latitude": 33.8, "geom:longitude": 35.8, "mz:is_current": 0}),
    _record(  # not current, but an abandoned village: kept and labelled
        707,
        "locality",
        "Deserted",
        **{"geom:latitude": 33.9, "geom:longitude": 35.9, "mz:is_current": 0, "gn:feature_code": "PPLQ"},
    ),
    _record(808, "locality", "Radians", **{"geom:latitude": 0.59, "geom:longitude": 0.62}),  # outside the box
    _record(909, "neighbourhood", "Hamra", **{"geom:latitude": 33.896, "geom:longitude": 35.482}),
    _record(1010, "venue", "A Cafe", **{"geom:latitude": 33.9, "geom:longitude": 35.5}),
]


@pytest.fixture
def wof_repo(tmp_path: Path) -> Path:
    """A git repository laid out like whosonfirst-data-admin-xx, with the records above."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "whosonfirst-data-admin-lb"
    for record in _RECORDS:
        digits = str(record["id"])
        path = repo / "data" / digits[:3] / f"{digits}.geojson"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(record), encoding="utf-8")
    alternate = repo / "data" / "303" / "303-alt-quattroshapes.geojson"  # alternate geometry: skipped
    alternate.write_text(json.dumps(_record(303, "locality", "Elsewhere")), encoding="utf-8")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "records"], check=True)
    return repo / ".git"


def _boundaries(tmp_path: Path) -> Path:
    lebanon = {
        "type": "Polygon",
        "coordinates": [[[35.1, 33.05], [36.6, 33.05], [36.6, 34.69], [35.1, 33.05]]],
    }
    features = [{"type": "Feature", "properties": {"ISO_A2": "LB"}, "geometry": lebanon}]
    path = tmp_path / "ne.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def test_converter_reads_a_repository_at_a_commit(wof_repo: Path, tmp_path: Path) -> None:
    rows = repo_rows(wof_repo, "HEAD", boundaries=_boundaries(tmp_path))
    assert [r["name"] for r in rows] == ["Taalabaya", "Deserted", "Hamra"]
    village = rows[0]
    assert village == {
        "name": "Taalabaya",
        "alt_names": "Taalabâya,Ta‘labāyā,Taalabaïa",
        "lat": "33.81361",
        "lon": "35.86444",
        "kind": "village",
        "admin1": "Beqaa",  # the region's English name
        "admin2": "Zahle",
        "country_code": "LB",
        "source_id": "wof:303|gn:266920",
    }
    assert (rows[1]["kind"], rows[2]["kind"]) == ("abandoned", "neighbourhood")
    assert rows[2]["source_id"] == "wof:909" and rows[2]["admin1"] == ""
    # without a boundary file nothing is boxed out
    assert "Radians" in [r["name"] for r in repo_rows(wof_repo)]


def test_converter_writes_the_shared_files_format(wof_repo: Path, tmp_path: Path) -> None:
    import io

    out = io.StringIO()
    write_tsv(repo_rows(wof_repo, boundaries=_boundaries(tmp_path)), out)
    lines = out.getvalue().splitlines()
    assert lines[0].split("\t") == list(COLUMNS)
    shared = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "places_extra" / "wof_SO.tsv"
    if shared.exists():
        assert shared.read_text(encoding="utf-8").splitlines()[0] == lines[0]
    assert all(len(line.split("\t")) == len(COLUMNS) for line in lines)


def test_kind_of() -> None:
    assert kind_of("locality", "PPLC", 0) == "city"
    assert kind_of("locality", "PPLA2", 5_000) == "town"
    assert kind_of("locality", "PPL", 12_000) == "town"
    assert kind_of("locality", "PPL", 0) == "village"
    assert kind_of("locality", "PPLW", 0) == "destroyed"
    assert kind_of("neighbourhood", "", 0) == "neighbourhood"
    assert kind_of("locality", "", 150_000) == "city"
    assert kind_of("locality", "", 0) == "locality"


def test_record_without_a_point_or_name_is_left_out() -> None:
    assert record_row({"wof:placetype": "locality", "wof:name": "X", "wof:id": 1}, None, {}) is None
    props = {
        "wof:placetype": "locality",
        "wof:name": "",
        "wof:id": 1,
        "geom:latitude": 1,
        "geom:longitude": 2,
    }
    assert record_row(props, None, {}) is None


# -- the villages of the added countries ---------------------------------------------------------

#: A village of every country added from a WOF repository, and its province (the gazetteer's name).
VILLAGES = {
    "LB": ("Taalabaya", "Beqaa"),
    "LY": ("Dirj", "Nālūt"),
    "CM": ("Stahap", "Far North"),
    "MZ": ("Muemede", "Cabo Delgado"),
    "PH": ("La Salette", "Cagayan Valley"),
    "CO": ("El Uno", "Antioquia"),
    "ET": ("Ayfelah", "Tigray"),
    "SS": ("Fajok Bek", "Warrap"),
    "CF": ("Koudi", "Bamingui-Bangoran"),
    "NE": ("Guidan Noma", "Tahoua"),
    "TD": ("Abadji", "Mayo-Kebbi Est"),
    "AZ": ("Kurdili", "Neftçala"),
    "AM": ("Hingsurb", "Vayots Dzor"),
    "PS": ("Khirbat al Ghadbanah", "West Bank"),
    "KE": ("Baba Dogo", "Nairobi Area"),  # Kenya's other villages name its old provinces: a nearby town's
}


def test_every_added_country_has_a_village_to_find() -> None:
    assert set(VILLAGES) == {country for country, _ in WOF_REPOS}


@pytest.mark.parametrize("country", sorted(VILLAGES))
def test_village_of_an_added_country(gazetteer: Gazetteer, country: str) -> None:
    name, province = VILLAGES[country]
    found = [(e.country_code, e.admin1, e.feature_class) for e in gazetteer.lookup(name)]
    assert (country, province, "P") in found, found
