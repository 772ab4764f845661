"""Exports that cannot hurt: formula cells neutralised, files replaced whole or not at all, no clobbering."""

from __future__ import annotations

import csv
import os
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.errors import OutputError, OutputIsInput
from dateline.export import EXPORTERS, get_exporter
from dateline.export.files import output_file, output_path, refuse_overwrite
from dateline.identity import content_hash
from dateline.records import Quantity, Record
from dateline.store import Store

TEXT = "@here -2 soldiers were killed in Bamako on Monday, =officials said."
BAMAKO = {
    "id": "geo:2460596", "name": "=Bamako", "country_code": "ML", "admin1": "Bamako", "admin2": None,
    "lat": 12.65, "lon": -8.0, "geonameid": 2460596, "feature": "PPLC",
}  # fmt: skip


def _m(sub: str) -> dict:
    start = TEXT.index(sub)
    return {"text": sub, "span": [start, start + len(sub)]}


def hostile_record() -> Record:
    """A record whose id, source, place and evidence start like spreadsheet formulas; negative longitude."""
    event = {
        "id": "+ev0", "type": "attack", "acled_event_type": "Battles", "acled_sub_event_type": "Armed clash",
        "plover_event": "ASSAULT", "actors": [], "targets": [], "place": BAMAKO["id"], "origin": None,
        "destination": None, "date": None, "fatalities": None, "injured": None, "size": None,
        "modality": "asserted", "attribution": None, "evidence": [_m(TEXT)],
    }  # fmt: skip
    record = Record(
        id='=HYPERLINK("http://evil.example","x")',
        text=TEXT,
        published="2024-03-04",
        dateline=None,
        source="-cmd|' /C calc'!A0",
        places=[{**BAMAKO, "mentions": [_m("Bamako")]}],
        events=[event],
        quantities=[Quantity("-2 soldiers", tuple(_m("-2 soldiers")["span"]), -2, -2, -2)],
    )
    return replace(record, content_hash=content_hash(TEXT))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_cells_that_start_like_formulas_are_neutralised_numbers_are_not(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert get_exporter("acled-csv").write([hostile_record()], out) == 1
    [row] = read_csv(out)
    assert row["document_id"] == "'" + hostile_record().id
    assert row["event_id_cnty"] == "'+ev0"
    assert row["source"] == "'-cmd|' /C calc'!A0"
    assert row["location"] == "'=Bamako"
    assert row["notes"] == "'" + TEXT and row["evidence_text"] == "'" + TEXT
    assert row["longitude"] == "-8.0" and row["latitude"] == "12.65"  # numbers stay numbers
    for name, value in row.items():
        assert not value.startswith(("=", "+", "@", "\t", "\r")), (name, value)
        assert not value.startswith("-") or value == "-8.0", (name, value)


def test_raw_csv_writes_cells_as_they_are(tmp_path: Path) -> None:
    out = tmp_path / "raw.csv"
    get_exporter("acled-csv", raw=True).write([hostile_record()], out)
    [row] = read_csv(out)
    assert row["document_id"] == hostile_record().id and row["location"] == "=Bamako"


@pytest.fixture()
def hostile_db(tmp_path: Path) -> Path:
    db = tmp_path / "hostile.db"
    with Store.open(db) as store:
        store.add_records([hostile_record()])
    return db


@pytest.fixture()
def hostile_store(db: Path | str) -> Path | str:
    """The hostile record's store, on each engine."""
    with Store.open(db) as store:
        store.add_records([hostile_record()])
    return db


def test_export_command_neutralises_by_default_and_raw_csv_opts_out(hostile_store, tmp_path: Path) -> None:
    runner = CliRunner()
    safe, raw = tmp_path / "safe.csv", tmp_path / "raw.csv"
    done = runner.invoke(cli, ["export", "acled-csv", "--db", str(hostile_store), "-o", str(safe)])
    assert done.exit_code == 0, done.output
    assert read_csv(safe)[0]["source"].startswith("'-cmd")
    args = ["export", "acled-csv", "--raw-csv", "--db", str(hostile_store), "-o", str(raw)]
    done = runner.invoke(cli, args)
    assert done.exit_code == 0, done.output
    assert read_csv(raw)[0]["source"].startswith("-cmd")
    wrong = runner.invoke(cli, ["export", "jsonl", "--raw-csv", "--db", str(hostile_store), "-o", str(raw)])
    assert wrong.exit_code == 2 and "E200" in wrong.stderr


@pytest.mark.parametrize(
    "table", ["events", "documents", "quantities", "dates", "quotes", "places", "actors"]
)
def test_export_parquet_every_table(hostile_store: Path, tmp_path: Path, table: str) -> None:
    out = tmp_path / f"{table}.parquet"
    done = CliRunner().invoke(
        cli, ["export", "parquet", "--table", table, "--db", str(hostile_store), "-o", str(out)]
    )
    assert done.exit_code == 0, (done.output, done.exception)
    rows = pq.read_table(out).to_pylist()
    expected = {
        "events": 1,
        "documents": 1,
        "quantities": 1,
        "dates": 0,
        "quotes": 0,
        "places": 1,
        "actors": 0,
    }
    assert len(rows) == expected[table]
    if table == "documents":
        assert rows[0]["id"] == hostile_record().id  # Parquet is typed: nothing to neutralise


def test_export_parquet_unknown_table_is_a_coded_error(hostile_store: Path, tmp_path: Path) -> None:
    done = CliRunner().invoke(cli, ["export", "parquet", "--table", "nope", "--db", str(hostile_store)])
    assert done.exit_code == 2 and "E200" in done.stderr and "documents" in done.stderr


# --- files replaced whole or not at all ---------------------------------------------------------------


def test_a_failed_write_leaves_the_earlier_file_and_no_part_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n", encoding="utf-8")

    def broken():
        yield hostile_record()
        raise RuntimeError("analysis failed half-way")

    for exporter in EXPORTERS.values():
        target = out.with_suffix(exporter.suffix)
        target.write_text("precious\n", encoding="utf-8")
        with pytest.raises(RuntimeError):
            exporter.write(broken(), target)
        assert target.read_text(encoding="utf-8") == "precious\n", exporter.name
    assert {p.name for p in tmp_path.iterdir()} == {
        out.with_suffix(e.suffix).name for e in EXPORTERS.values()
    }


def test_a_complete_write_replaces_the_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "er" / "out.jsonl"  # folders are created
    with output_file(out) as fh:
        fh.write("one\n")
    assert out.read_text(encoding="utf-8") == "one\n"
    os.chmod(out, 0o640)
    with output_file(out) as fh:
        fh.write("two\n")
    assert out.read_text(encoding="utf-8") == "two\n"
    assert (out.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in out.parent.iterdir()] == ["out.jsonl"]


def test_a_symbolic_link_output_writes_its_target_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.jsonl"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    with output_file(link) as fh:
        fh.write("new\n")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_disk_is_a_coded_error() -> None:
    with pytest.raises(OutputError) as caught, output_file("/dev/full") as fh:
        fh.write("x" * 100_000)
    assert caught.value.code == "E400" and "No space left" in caught.value.message
    assert Path("/dev/full").exists() and not Path("/dev/full").is_file()  # never renamed over
    with pytest.raises(OutputError), output_path("/dev/full") as path:
        path.write_bytes(b"x" * 100_000)


def test_an_unwritable_folder_is_a_coded_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(OutputError), output_file(blocker / "out.jsonl") as fh:
        fh.write("x")


def test_the_output_may_not_be_an_input_by_any_name(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("{}\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(source)
    hard = tmp_path / "hard.jsonl"
    os.link(source, hard)
    for output in (source, link, hard, tmp_path / "." / "in.jsonl"):
        with pytest.raises(OutputIsInput) as caught:
            refuse_overwrite(output, [str(source)])
        assert caught.value.code == "E401"
    with pytest.raises(OutputIsInput, match="inside the input folder"):
        refuse_overwrite(tmp_path / "new.jsonl", [str(tmp_path)])
    refuse_overwrite(tmp_path / "other.jsonl", [str(source), "-"])  # fine


def test_export_refuses_to_overwrite_the_store(hostile_db: Path) -> None:
    before = hostile_db.read_bytes()
    for fmt in ("jsonl", "acled-csv", "parquet"):
        done = CliRunner().invoke(cli, ["export", fmt, "--db", str(hostile_db), "-o", str(hostile_db)])
        assert done.exit_code == 2 and "E401" in done.stderr and "store" in done.stderr
    assert hostile_db.read_bytes() == before
    with Store.open(hostile_db, readonly=True) as store:
        assert [r.id for r in store.iter_records()] == [hostile_record().id]
