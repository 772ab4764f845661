"""``dateline query`` and ``export`` with filters, as a user runs them on a real store file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli

TTP = "tehrik-i-taliban-pakistan"


@pytest.fixture(scope="module")
def seed(module_seeded_db: Path | str) -> str:
    """The founding articles' store on each engine, as --db takes it."""
    return str(module_seeded_db)


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_query_events_by_actor_name_as_jsonl(seed: str) -> None:
    result = run("query", "events", "--db", seed, "--actor", "Pakistani Taliban", "--format", "jsonl",
                 "--limit", "1000")  # fmt: skip
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(events) >= 3
    assert all(TTP in e["actors"] + e["targets"] for e in events)
    assert "more:" not in result.stderr


def test_query_pages_with_the_printed_cursor(seed: str) -> None:
    seen, cursor = [], None
    for _ in range(100):
        args = ["query", "events", "--db", seed, "--format", "jsonl", "--limit", "25"]
        result = run(*args, *(["--cursor", cursor] if cursor else []))
        assert result.exit_code == 0, result.output
        seen += [json.loads(line)["id"] for line in result.stdout.splitlines()]
        if "more: --cursor " not in result.stderr:
            break
        cursor = result.stderr.split("more: --cursor ")[1].split()[0]
    everything = run("query", "facets", "--db", seed)
    total = json.loads(everything.stdout)["counts"]["events"]
    assert len(seen) == len(set(seen)) == total > 25


def test_query_places_in_a_province_as_csv(seed: str) -> None:
    result = run("query", "places", "--db", seed, "--place", "Zabul", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["name"] for r in rows} == {"Zabul", "Daychopan", "Kakar"}
    assert all(r["admin1_id"] == "geonames:1121143" for r in rows)


def test_query_events_as_csv_and_table(seed: str) -> None:
    as_csv = run("query", "events", "--db", seed, "--type", "violence", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert rows and {r["family"] for r in rows} == {"violence"}
    assert {"document", "date_start", "place_name", "place_lat", "evidence_text"} <= set(rows[0])
    table = run("query", "actors", "--db", seed, "--actor", "TTP")
    assert table.exit_code == 0 and "Tehrik-i-Taliban Pakistan" in table.stdout


@pytest.mark.parametrize("kind", ["documents", "relations"])
def test_query_other_lists(seed: str, kind: str) -> None:
    result = run("query", kind, "--db", seed, "--actor", "TTP", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    items = [json.loads(line) for line in result.stdout.splitlines()]
    assert items
    if kind == "relations":
        assert all(TTP in (r["subject"], r["object"]) for r in items)


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--since", "2015-31-01"], "E202", "ISO date"),
        (["--actor", "No Such Group Anywhere"], "E204", "no actor"),
        (["--place", "Atlantis"], "E204", "no stored place"),
        (["--bbox", "60,29,75"], "E203", "bounding box"),
        (["--modality", "sure"], "E203", "modality"),
        (["--limit", "0"], "E203", "limit"),
        (["--cursor", "garbage"], "E203", "cursor"),
    ],
)
def test_bad_input_is_a_coded_error(seed: str, args: list[str], code: str, words: str) -> None:
    result = run("query", "events", "--db", seed, *args)
    assert result.exit_code == 2
    assert f"error[{code}]" in result.stderr and words in result.stderr


def test_query_without_a_store_says_how_to_make_one(tmp_path: Path) -> None:
    result = run("query", "events", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2 and "dateline ingest" in result.stderr


def test_export_takes_the_filters(seed: str, tmp_path: Path) -> None:
    out = tmp_path / "ttp.jsonl"
    result = run("export", "jsonl", "--db", seed, "-o", str(out), "--place", "Zabul")
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in docs] == ["000_0e18874e0c02dde7"]  # the one article naming Zabul's districts
    everything = tmp_path / "all.jsonl"
    assert run("export", "jsonl", "--db", seed, "-o", str(everything)).exit_code == 0
    assert len(everything.read_text(encoding="utf-8").splitlines()) == 2
    bad = run("export", "jsonl", "--db", seed, "-o", str(tmp_path / "x.jsonl"), "--actor", "Nobody")
    assert bad.exit_code == 2 and "E204" in bad.stderr
