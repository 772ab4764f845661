"""The demo's exports open in the tools analysts use: pandas and GeoPandas."""

from __future__ import annotations

from pathlib import Path

import geopandas
import pandas
import pytest
from click.testing import CliRunner

from dateline.cli import cli


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(cli, ["demo", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def test_acled_csv_opens_in_pandas(demo_dir: Path) -> None:
    frame = pandas.read_csv(demo_dir / "dateline.csv")
    assert len(frame) > 5
    assert list(frame.columns[:6]) == [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    ]  # fmt: skip
    attacks = frame[frame["sub_event_type"] == "Attack"]
    peshawar = attacks[attacks["location"] == "Peshawar"]
    assert (peshawar["fatalities"] >= 150).any()
    assert set(frame["modality"].dropna()) <= {
        "asserted", "reported", "alleged", "claimed", "denied",
        "believed", "planned", "hypothetical", "negated",
    }  # fmt: skip


def test_parquet_and_jsonl_open_in_pandas(demo_dir: Path) -> None:
    events = pandas.read_parquet(demo_dir / "dateline.parquet")
    assert len(events) >= len(pandas.read_csv(demo_dir / "dateline.csv"))
    assert {"event_type", "latitude", "longitude", "modality"} <= set(events.columns)
    records = pandas.read_json(demo_dir / "dateline.jsonl", lines=True)
    assert len(records) == 2 and {"places", "actors", "events", "relations"} <= set(records.columns)


def test_geojson_opens_in_geopandas(demo_dir: Path) -> None:
    frame = geopandas.read_file(demo_dir / "dateline.geojson")
    kinds = set(frame.geometry.geom_type)
    assert "Point" in kinds and "LineString" in kinds  # places/events, and movements origin -> destination
    peshawar = frame[(frame.geometry.geom_type == "Point") & (frame["name"] == "Peshawar")]
    assert len(peshawar) >= 1
    point = peshawar.geometry.iloc[0]
    assert abs(point.x - 71.578) < 0.3 and abs(point.y - 34.008) < 0.3  # GeoJSON is lon, lat
