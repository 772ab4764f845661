"""`dateline eval incidents`: scores on small coded CSVs written here, and its errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest

from dateline.errors import MalformedRecord, MissingInput, UndecodableDocument
from dateline.evaluation.incidents import evaluate_incidents, read_incidents

GTD_HEADER = ["eventid", "iyear", "imonth", "iday", "provstate", "city", "latitude", "longitude",
              "specificity", "summary", "attacktype1_txt", "gname", "nkill", "nwound"]  # fmt: skip
GTD_ROWS = [
    ["1", "2021", "3", "7", "Banaadir", "Mogadishu", "2.0371", "45.3438", "1",
     "A car bomb exploded outside a police station in Mogadishu, killing five officers and wounding two "
     "others. Al-Shabaab claimed responsibility.", "Bombing/Explosion", "Al-Shabaab", "5", "2"],
    ["2", "2021", "3", "8", "Plateau", "Jos", "9.8965", "8.8583", "1",
     "Gunmen kidnapped two engineers near Jos.", "Armed Assault", "Unknown", "0", ""],
]  # fmt: skip


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_gtd_shares(extractor, tmp_path):
    path = _write(tmp_path / "gtd.csv", GTD_HEADER, GTD_ROWS)
    misses = io.StringIO()
    result = evaluate_incidents(extractor.nlp, "gtd", path, limit=0, misses=misses)
    m = result["metrics"]
    assert result["rows"] == 2
    assert m["event_found"] == {"correct": 2, "total": 2, "accuracy": 1.0}
    assert (
        m["attack_type_gtd"]["correct"] == 1 and m["attack_type_gtd"]["total"] == 2
    )  # kidnapping != assault
    assert m["fatalities_exact"] == {"correct": 2, "total": 2, "accuracy": 1.0}
    assert m["injured_exact"] == {"correct": 1, "total": 1, "accuracy": 1.0}  # an empty nwound is not scored
    assert m["perp_named"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert m["perp_unknown_ok"]["total"] == 1
    assert m["admin1"]["correct"] == 2 and m["point_25km"]["correct"] == 2
    lines = [json.loads(x) for x in misses.getvalue().splitlines()]
    assert [(x["metric"], x["id"]) for x in lines if x["metric"] == "attack_type_gtd"] == [
        ("attack_type_gtd", "2")
    ]
    assert m["attack_type"]["total"] == 2  # GTD's type against the ACLED type dateline read


def test_acled_through_export_rows(extractor, tmp_path):
    header = ["event_id_cnty", "event_date_iso", "notes", "event_type", "sub_event_type", "actor1", "admin1",
              "admin2", "fatalities", "geo_precision", "latitude", "longitude"]  # fmt: skip
    rows = [
        ["NGA1", "2021-06-07", "On 7 June 2021, gunmen abducted three farmers in Jos (Plateau).",
         "Violence against civilians", "Abduction/forced disappearance", "Unidentified Armed Group (Nigeria)",
         "Plateau", "Jos North", "0", "1", "9.8965", "8.8583"],
        ["NGA2", "2021-06-08", "On 8 June 2021, gunmen abducted three farmers in Jos (Plateau).",
         "Battles", "Armed clash", "Military Forces of Nigeria (2015-)", "Plateau", "", "2", "2", "", ""],
        ["NGA3", "2021-03-08", "coded as a duplicate", "Battles", "Armed clash", "x", "x", "", "0", "", "",
         ""],
    ]  # fmt: skip
    result = evaluate_incidents(extractor.nlp, "acled", _write(tmp_path / "a.csv", header, rows), limit=0)
    m = result["metrics"]
    assert result["rows"] == 2  # "coded as" notes are left out
    assert m["event_type"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert m["sub_event_type"]["correct"] == 1
    assert m["fatalities_exact"] == {"correct": 1, "total": 2, "accuracy": 0.5}  # 0 right, 2 wrong
    assert m["admin1"]["total"] == 2 and m["one_row"]["total"] == 2
    assert m["admin2"]["total"] == 1 and m["point_25km"]["total"] == 1  # only rows that have them


def test_rand_from_2002_on(extractor, tmp_path):
    header = ["row_id", "Date", "City", "Country", "Perpetrator", "Description", "Fatalities", "Injuries"]
    rows = [
        ["10", "2005-06-01", "Kabul", "Afghanistan", "Taliban",
         "Taliban fighters killed four policemen in Kabul.", "4", "0"],
        ["11", "1999-01-01", "Kabul", "Afghanistan", "Taliban", "An old stub.", "1", "0"],
    ]  # fmt: skip
    result = evaluate_incidents(extractor.nlp, "rand", _write(tmp_path / "r.csv", header, rows), limit=0)
    m = result["metrics"]
    assert result["rows"] == 1
    assert m["fatalities_exact"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert m["perp_named"]["correct"] == 1 and m["city_named"]["correct"] == 1


def test_limit_and_seed_draw_rows(extractor, tmp_path):
    path = _write(tmp_path / "gtd.csv", GTD_HEADER, GTD_ROWS)
    assert evaluate_incidents(extractor.nlp, "gtd", path, limit=1, seed=3)["rows"] == 1


def test_bad_files_are_coded_errors(tmp_path):
    with pytest.raises(MissingInput):
        read_incidents(tmp_path / "none.csv", "gtd")
    no_summary = _write(tmp_path / "x.csv", ["eventid", "iyear", "imonth", "iday"], [["1", "2021", "1", "1"]])
    with pytest.raises(MalformedRecord, match="summary"):
        read_incidents(no_summary, "gtd")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("eventid,summary\n1,caf\xe9\n".encode("latin-1"))
    with pytest.raises(UndecodableDocument):
        read_incidents(latin, "gtd")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(MalformedRecord, match="header"):
        read_incidents(empty, "rand")


def test_command_prints_shares_and_codes(dateline_cmd, tmp_path):
    bad = _write(tmp_path / "x.csv", ["row_id", "Date"], [["1", "2005"]])
    done = subprocess.run([*dateline_cmd, "eval", "incidents", "--set", "rand", "--file", str(bad)],
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 1 and "error[E106]" in done.stderr and "Description" in done.stderr
    missing = subprocess.run(
        [*dateline_cmd, "eval", "incidents", "--set", "gtd", "--file", str(tmp_path / "no.csv")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert missing.returncode == 2 and "error[E107]" in missing.stderr
    good = _write(tmp_path / "gtd.csv", GTD_HEADER, GTD_ROWS[:1])
    out = subprocess.run(
        [*dateline_cmd, "eval", "incidents", "--set", "gtd", "--file", str(good), "--format", "json",
         "--misses", str(tmp_path / "m.jsonl")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["metrics"]["attack_type_gtd"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert (tmp_path / "m.jsonl").exists()
