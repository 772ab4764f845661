"""The command line as a user runs it: real files in, asserted records and exit statuses out."""

from __future__ import annotations

import csv
import json
import re
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from dateline.cli import cli

RECORD_FIELDS = {
    "id",
    "text",
    "published",
    "dateline",
    "places",
    "actors",
    "events",
    "relations",
    "quotes",
    "quantities",
    "dates",
}
STORY = (
    "MOGADISHU (Reuters) - At least 15 soldiers were killed on Tuesday when al Shabaab fighters "
    "stormed a base in Lower Shabelle, a military officer said.\n\n"
    "\u201cWe lost 15 of our men and the militants took two trucks,\u201d Captain Ali Hassan told Reuters.\n"
)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str, input: bytes | None = None):
    return runner.invoke(cli, list(args), input=input, catch_exceptions=False)


def spans_hold(record: dict) -> None:
    text = record["text"]
    for key in ("quantities", "dates", "quotes"):
        for item in record[key]:
            start, end = item["span"]
            assert text[start:end] == item["text"], (key, item)


def test_extract_txt_writes_one_record_per_document(runner, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    result = run(runner, "extract", str(story), "--published", "2023-03-09")
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.stdout.splitlines() if ln.strip()]
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert set(record) >= RECORD_FIELDS
    assert record["published"] == "2023-03-09"
    assert record["dateline"]["text"] == "MOGADISHU"
    assert record["dateline"]["agency"] == "Reuters"
    assert any(q["low"] == 15 and q["unit"] == "soldiers" for q in record["quantities"])
    assert any(d["start"] == "2023-03-07" for d in record["dates"])
    quote = next(q for q in record["quotes"] if "lost 15" in q["text"])
    assert "Ali Hassan" in quote["speaker_text"]
    spans_hold(record)
    # the same input gives the same id, run after run
    again = json.loads(run(runner, "extract", str(story), "--published", "2023-03-09").stdout)
    assert again["id"] == record["id"]


def test_extract_json_and_table_formats(runner, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    as_json = run(runner, "extract", str(story), "--format", "json")
    assert as_json.exit_code == 0
    records = json.loads(as_json.stdout)
    assert isinstance(records, list) and len(records) == 1
    # without a publication date, "on Tuesday" stays unresolved rather than guessed
    tuesday = [d for d in records[0]["dates"] if "Tuesday" in d["text"]]
    assert tuesday and tuesday[0]["start"] is None and tuesday[0]["resolved"] is False
    table = run(runner, "extract", str(story), "--format", "table")
    assert table.exit_code == 0
    assert "quantity" in table.stdout and "MOGADISHU" in table.stdout


def test_extract_reads_stdin_and_writes_output_file(runner, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run(runner, "extract", "-", "-o", str(out), input=STORY.encode("utf-8"))
    assert result.exit_code == 0, result.output
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["text"].startswith("MOGADISHU")


def test_extract_directory_of_mixed_formats(runner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(
        "<html><head><title>Clashes in Idlib</title></head><body><nav>Home | World</nav><article>"
        "<h1>Clashes in Idlib</h1><p>BEIRUT (AP) \u2014 Heavy clashes killed at least 30 fighters "
        "in Idlib province "
        "on Sunday, a war monitor said. The fighting began before dawn and lasted for several hours, "
        "residents said.</p></article><footer>Copyright 2023</footer></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "c.jsonl").write_text(
        json.dumps(
            {
                "id": "j1",
                "text": "Three civilians were wounded by shelling in Kharkiv.",
                "published": "2023-01-02",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    with (tmp_path / "d.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["id", "text", "published", "source"])
        w.writeheader()
        w.writerow(
            {
                "id": "c1",
                "text": "Dozens of families fled Marib last week.",
                "published": "2022-02-10",
                "source": "test",
            }
        )
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")  # other extensions inside a directory are skipped
    result = run(runner, "extract", str(tmp_path))
    assert result.exit_code == 0, result.output
    records = [json.loads(ln) for ln in result.stdout.splitlines() if ln.strip()]
    assert len(records) == 4
    ids = {r["id"] for r in records}
    assert {"j1", "c1"} <= ids
    html = next(r for r in records if "Idlib" in r["text"])
    assert "Home | World" not in html["text"] and "Copyright" not in html["text"]
    csv_record = next(r for r in records if r["id"] == "c1")
    assert csv_record["published"] == "2022-02-10"
    # "last week" = Monday 31 January .. Sunday 6 February
    assert any(d["start"] == "2022-01-31" for d in csv_record["dates"])


def test_unknown_extension_exits_2_naming_formats(runner, tmp_path: Path) -> None:
    bad = tmp_path / "story.docx"
    bad.write_bytes(b"PK\x03\x04")
    result = run(runner, "extract", str(bad))
    assert result.exit_code == 2
    assert "E101" in result.stderr
    for fmt in (".txt", ".html", ".jsonl", ".csv"):
        assert fmt in result.stderr


def test_missing_path_and_bad_date_exit_2(runner, tmp_path: Path) -> None:
    missing = run(runner, "extract", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2 and "E107" in missing.stderr
    story = tmp_path / "s.txt"
    story.write_text(STORY, encoding="utf-8")
    bad_date = run(runner, "extract", str(story), "--published", "30/30/2015")
    assert bad_date.exit_code == 2 and "E202" in bad_date.stderr


def test_malformed_jsonl_line_is_reported_and_others_processed(runner, tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(
        json.dumps({"id": "ok1", "text": "Two soldiers were killed in Gao."})
        + "\n"
        + '{"id": "broken", "text": "unterminated\n'
        + json.dumps({"id": "ok2", "text": "Five people died in Kunduz."})
        + "\n",
        encoding="utf-8",
    )
    result = run(runner, "extract", str(path))
    assert result.exit_code == 1
    ids = [json.loads(ln)["id"] for ln in result.stdout.splitlines() if ln.strip()]
    assert ids == ["ok1", "ok2"]
    assert re.search(r"E106.*docs\.jsonl:2", result.stderr)


def test_ingest_is_idempotent_and_export_writes_every_format(runner, db: Path | str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(STORY, encoding="utf-8")
    (corpus / "b.txt").write_text(
        "ISLAMABAD: Nearly 7,000 militants crossed the border in 2015.", encoding="utf-8"
    )
    first = run(runner, "ingest", str(corpus), "--db", str(db))
    assert first.exit_code == 0, first.output
    assert "2 stored, 0 already stored" in first.stderr
    second = run(runner, "ingest", str(corpus), "--db", str(db))
    assert "0 stored, 2 already stored" in second.stderr

    out = tmp_path / "x.jsonl"
    assert run(runner, "export", "jsonl", "--db", str(db), "-o", str(out)).exit_code == 0
    stored = [json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["text"][:9] for r in stored) == ["ISLAMABAD", "MOGADISHU"]

    geo = tmp_path / "x.geojson"
    assert run(runner, "export", "geojson", "--db", str(db), "-o", str(geo)).exit_code == 0
    assert json.loads(geo.read_text())["type"] == "FeatureCollection"

    acled = tmp_path / "x.csv"
    assert run(runner, "export", "acled-csv", "--db", str(db), "-o", str(acled)).exit_code == 0
    with acled.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert header[:8] == [
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "disorder_type",
        "event_type",
        "sub_event_type",
        "actor1",
    ]
    assert {"modality", "attribution_source", "evidence_text"} <= set(header)

    parquet = tmp_path / "x.parquet"
    assert run(runner, "export", "parquet", "--db", str(db), "-o", str(parquet)).exit_code == 0
    assert "event_type" in pq.read_table(parquet).column_names

    unknown = run(runner, "export", "xlsx", "--db", str(db))
    assert unknown.exit_code == 2 and "E302" in unknown.stderr and "geojson" in unknown.stderr


def test_export_without_database_is_a_clear_error(runner, tmp_path: Path) -> None:
    result = run(runner, "export", "jsonl", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2 and "dateline ingest" in result.stderr


def test_demo_writes_summary_and_exports(runner, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = run(runner, "demo", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "NEW DELHI" in result.stdout and "ISLAMABAD" in result.stdout
    for name in ("dateline.jsonl", "dateline.geojson", "dateline.parquet"):
        assert (out / name).stat().st_size > 0
    assert len((out / "dateline.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    last = result.stdout.strip().splitlines()[-3:]
    assert last[1].strip() == f"dateline serve --db {out / 'dateline.db'}"
    assert "http://127.0.0.1:8000/" in last[2]


@pytest.mark.parametrize("name", ["quantities", "dates", "quotes", "relations"])
def test_eval_commands_report_scores(runner, name: str) -> None:
    result = run(runner, "eval", name, "--format", "json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    for key in ("precision", "recall", "f1"):
        assert 0.0 <= scores[key] <= 1.0
    assert scores["f1"] > 0.5


def test_every_command_has_help_and_is_documented(runner, repo_root: Path) -> None:
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    commands = [
        "extract",
        "ingest",
        "export",
        "demo",
        "eval quantities",
        "eval dates",
        "eval quotes",
        "eval geoparse",
        "eval fit-resolver",
        "gazetteer build",
        "gazetteer lookup",
        "query events",
        "query places",
        "query actors",
        "query documents",
        "query relations",
        "query facets",
        "serve",
        "db copy",
    ]
    for command in commands:
        result = run(runner, *command.split(), "--help")
        assert result.exit_code == 0
        assert len(result.stdout.strip().splitlines()) > 3
        assert f"dateline {command}" in readme, f"README does not show `dateline {command}`"


def test_console_script_runs(dateline_cmd: list[str]) -> None:
    out = subprocess.run([*dateline_cmd, "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("dateline, version")


def test_gazetteer_build_and_lookup(runner, tmp_path: Path) -> None:
    index = tmp_path / "af.sqlite"
    built = run(runner, "gazetteer", "build", "--countries", "AF", "-o", str(index))
    assert built.exit_code == 0, built.output
    assert str(index) in built.stdout and index.stat().st_size > 0
    # no source spells it "Day Chupan": a spelling variant of GeoNames' "Daychopan" district
    found = run(runner, "gazetteer", "lookup", "Day Chupan", "--index", str(index))
    assert found.exit_code == 0, found.output
    assert "Daychopan" in found.stdout and "Zabul" in found.stdout and "fuzzy" in found.stdout
    exact = run(runner, "gazetteer", "lookup", "Day Chupan", "--exact", "--index", str(index))
    assert "0 candidate(s)" in exact.stdout


def test_actors_list_show_and_user_file(runner, tmp_path: Path) -> None:
    listed = run(runner, "actors", "list", "--query", "Tehreek-e-Taliban", "--format", "json")
    assert listed.exit_code == 0, listed.output
    assert [a["id"] for a in json.loads(listed.stdout)] == ["tehrik-i-taliban-pakistan"]

    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[[actor]]\nid = "kunar-valley-lashkar"\nname = "Kunar Valley Lashkar"\nkind = "militant_group"\n'
        'country = "AF"\naliases = ["KVL"]\ndescription = "A local militia (test entry)."\n',
        encoding="utf-8",
    )
    extended = run(runner, "actors", "list", "--query", "KVL", "--format", "json", "--actors", str(mine))
    assert [a["name"] for a in json.loads(extended.stdout)] == ["Kunar Valley Lashkar"]

    shown = run(runner, "actors", "show", "TTP", "--db", str(tmp_path / "none.db"))
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["actors"][0]["id"] == "tehrik-i-taliban-pakistan"
    missing = run(runner, "actors", "show", "No Such Group Anywhere", "--db", str(tmp_path / "none.db"))
    assert missing.exit_code == 1


def test_actors_show_and_suggest_read_the_store(runner, db: Path | str, tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    rows = [
        {
            "id": f"d{i}",
            "published": f"2016-05-0{i + 1}",
            "text": f"KABUL - The Tehreek-e-Taliban Pakistan (TTP) said its fighters crossed into Kunar. "
            f"A commander of the Kunar Valley Lashkar, Gul Wazir Zadran, said {i + 2} fighters were killed.",
        }
        for i in range(3)
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert run(runner, "ingest", str(corpus), "--db", str(db)).exit_code == 0
    shown = run(runner, "actors", "show", "TTP", "--db", str(db))
    assert shown.exit_code == 0, shown.output
    report = json.loads(shown.stdout)
    assert report["status"] == "found"
    assert "d0" in json.dumps(report)  # the corpus part names the documents that mention it
    suggested = run(runner, "actors", "suggest", "--db", str(db))
    assert suggested.exit_code == 0, suggested.output
    assert "[[actor]]" in suggested.stdout and "Kunar Valley Lashkar" in suggested.stdout


def test_eval_actors_reports_scores(runner) -> None:
    result = run(runner, "eval", "actors", "--format", "json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert 0.5 < scores["f1"] <= 1.0


def test_eval_events_on_the_acled_csv_gold(runner) -> None:
    result = run(runner, "eval", "events", "--format", "json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert "event_type" in json.dumps(scores)


def test_extract_with_a_user_actor_file(runner, tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[[actor]]\nid = "kunar-valley-lashkar"\nname = "Kunar Valley Lashkar"\nkind = "militant_group"\n'
        'country = "AF"\naliases = ["KVL"]\ndescription = "A local militia (test entry)."\n',
        encoding="utf-8",
    )
    story = tmp_path / "s.txt"
    story.write_text("Fighters of the KVL attacked a checkpoint in Kunar on Monday.", encoding="utf-8")
    plain = json.loads(run(runner, "extract", str(story)).stdout)
    assert "kunar-valley-lashkar" not in {a["id"] for a in plain["actors"]}
    mine_used = json.loads(run(runner, "extract", str(story), "--actors", str(mine)).stdout)
    kvl = next(a for a in mine_used["actors"] if a["id"] == "kunar-valley-lashkar")
    assert kvl["kind"] == "militant_group" and kvl["mentions"][0]["text"] == "KVL"


def test_eval_geoparse_on_a_small_gold_file(runner, tmp_path: Path) -> None:
    text = "Gunmen attacked a checkpoint in Kandahar on Monday. Later, protests spread to Herat."
    toponyms = [
        {"start": text.index("Kandahar"), "end": text.index("Kandahar") + 8, "lat": 31.61, "lon": 65.71},
        {"start": text.index("Herat"), "end": text.index("Herat") + 5, "lat": 34.35, "lon": 62.20},
        {"start": 0, "end": 6, "lat": None, "lon": None},  # no coordinates: not a toponym for us
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "a", "text": text, "toponyms": toponyms}) + "\n", encoding="utf-8")
    for mode in ("end-to-end", "gold"):
        result = run(runner, "eval", "geoparse", "--gold", str(gold), "--mode", mode, "--format", "json")
        assert result.exit_code == 0, result.output
        scores = json.loads(result.stdout)
        assert scores["gold_toponyms"] == 2 and scores["accuracy_161km"] == 1.0
        assert scores["median_km"] < 50 and scores["docs_per_s"] > 0
        if mode == "end-to-end":
            assert scores["recall"] == 1.0 and scores["f1"] > 0.6
    gold.write_text('{"doc_id": "b", "text": \n', encoding="utf-8")
    broken = run(runner, "eval", "geoparse", "--gold", str(gold))
    assert broken.exit_code == 1 and "E106" in broken.stderr and "gold.jsonl:1" in broken.stderr


# --- hardening: coded errors, never destroy a file ---------------------------------------------------


def test_extract_output_goes_into_a_new_folder_and_a_full_disk_is_coded(
    runner, tmp_path: Path, dateline_cmd: list[str]
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    out = tmp_path / "new" / "folder" / "records.jsonl"
    result = run(runner, "extract", str(story), "-o", str(out))
    assert result.exit_code == 0, result.output
    [record] = [json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()]
    assert record["text"] == STORY
    assert [p.name for p in out.parent.iterdir()] == ["records.jsonl"]  # no temporary file left
    piped = subprocess.run(
        [*dateline_cmd, "extract", str(story), "-o", "/dev/stdout"], capture_output=True, text=True
    )
    assert piped.returncode == 0 and json.loads(piped.stdout)["text"] == STORY, piped.stderr
    if Path("/dev/full").exists():
        full = run(runner, "extract", str(story), "-o", "/dev/full")
        assert full.exit_code == 1 and "error[E400]" in full.stderr and "/dev/full" in full.stderr


def test_extract_refuses_to_write_over_an_input(runner, tmp_path: Path) -> None:
    source = tmp_path / "same.jsonl"
    source.write_text(json.dumps({"id": "s", "text": STORY}) + "\n", encoding="utf-8")
    before = source.read_bytes()
    for output in (str(source), str(tmp_path / "." / "same.jsonl"), str(tmp_path / "inside.jsonl")):
        inputs = [str(tmp_path)] if output.endswith("inside.jsonl") else [str(source)]
        result = run(runner, "extract", *inputs, "-o", output)
        assert result.exit_code == 2 and "error[E401]" in result.stderr, result.output
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same.jsonl"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--n-process", "0"], "E203"),
        (["--n-process", "-3"], "E203"),
        (["--max-bytes", "99999999999999999999"], "E203"),
    ],
)
def test_out_of_range_options_are_coded_errors(runner, tmp_path: Path, args: list[str], code: str) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    for command in ("extract", "ingest"):
        extra = ["--db", str(tmp_path / "x.db")] if command == "ingest" else []
        result = runner.invoke(cli, [command, str(story), *args, *extra])
        assert result.exit_code == 2 and f"error[{code}]" in result.stderr, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_max_bytes_zero_is_not_the_default(runner, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(story), "--max-bytes", "0"])
    assert result.exit_code != 0 and "error[E" in result.stderr and not result.stdout.strip()


def test_bad_databases_are_coded_errors_and_left_alone(runner, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    cases = {
        str(story): ("E303", "not a database"),
        "/dev/null": ("E303", "not a database"),
        str(tmp_path): ("E303", "folder"),
        "mysql://user@localhost/news": ("E304", "postgresql"),
    }
    for db, (code, words) in cases.items():
        for argv in (
            ["ingest", str(story), "--db", db],
            ["export", "jsonl", "--db", db, "-o", str(tmp_path / "o")],
        ):
            result = runner.invoke(cli, argv)
            assert result.exit_code == 2 and f"error[{code}]" in result.stderr, (argv, result.output)
            assert words in result.stderr and "disk I/O" not in result.stderr
            assert "dateline[postgres]" not in result.stderr
    assert story.read_text(encoding="utf-8") == STORY
