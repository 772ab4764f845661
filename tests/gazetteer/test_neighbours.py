"""Districts of places that lack one, read off their coded neighbours (dateline.gazetteer.neighbours)."""

from __future__ import annotations

from dateline.gazetteer import Gazetteer
from dateline.gazetteer.merge import Draft, Merger
from dateline.gazetteer.neighbours import INFERRED_CODE, infer_admin2
from dateline.text import default_normaliser


def _merger(villages: list[tuple[str, float, float, str | None]]) -> Merger:
    merger = Merger(default_normaliser())
    for code in ("01", "02"):
        merger.admin2[("SY", "10", code)] = f"u:{code}"
        merger.add(
            Draft(
                id=f"u:{code}",
                level="admin2",
                name=f"District {code}",
                country_code="SY",
                feature_class="A",
                feature_code="ADM2",
                admin1_code="10",
                admin2_code=code,
            )
        )
    for ident, lat, lon, code in villages:
        merger.add(
            Draft(
                id=ident,
                level="place",
                name=ident,
                country_code="SY",
                feature_class="P",
                feature_code="PPL",
                admin1_code="10",
                admin2_code=code,
                lat=lat,
                lon=lon,
            )
        )
    return merger


def test_a_village_takes_the_district_its_neighbours_agree_on() -> None:
    merger = _merger([
        ("a", 35.00, 36.00, "01"), ("b", 35.02, 36.01, "01"), ("c", 35.01, 36.03, "01"),
        ("d", 35.10, 36.10, "02"),  # 15 km off, outweighed
        ("village", 35.01, 36.01, None),
    ])  # fmt: skip
    assert infer_admin2(merger) == 1
    village = merger.drafts["village"]
    assert village.admin2_code == "01"
    assert INFERRED_CODE in village.codes
    assert merger.admin_names(village) == (None, "District 01")


def test_no_district_from_sparse_or_split_neighbours() -> None:
    merger = _merger([
        ("a", 35.00, 36.00, "01"), ("b", 35.02, 36.01, "01"),  # two within 15 km: too few
        ("far", 36.00, 37.00, "01"),
        ("lonely", 35.01, 36.01, None),
        ("p", 34.00, 35.00, "01"), ("q", 34.00, 35.02, "02"), ("r", 34.02, 35.01, "02"),
        ("s", 33.99, 35.01, "01"),
        ("border", 34.00, 35.01, None),  # on a border: neither district weighs 75 %
    ])  # fmt: skip
    assert infer_admin2(merger) == 0
    assert merger.drafts["lonely"].admin2_code is None
    assert merger.drafts["border"].admin2_code is None


def test_the_shipped_index_gives_frontline_villages_their_districts() -> None:
    # Krymske (Luhansk) has no district in GeoNames; the Who's On First villages around it are in
    # Novoaidar raion
    gazetteer = Gazetteer.load()
    krymske = next(e for e in gazetteer.lookup("Krymske") if e.admin1 == "Luhansk" and e.lat > 48.7)
    assert krymske.admin2 == "Novoaidars'kyi"
