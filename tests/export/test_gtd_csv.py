"""The gtd-csv exporter: one row per attack in GTD's columns, registered like every exporter."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

from dateline.export import get_exporter, installed_exporters
from dateline.export.gtd_csv import GTD_COLUMNS
from dateline.records import Record

TEXT = (
    "A car bomb exploded outside a police station in Mogadishu on Sunday, killing five officers and two "
    "attackers. Al-Shabaab claimed responsibility for the attack. Hundreds protested in Nairobi on Monday."
)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_one_row_per_attack_in_gtd_columns(extractor, tmp_path):
    record = extractor.extract_text(TEXT, published="2021-03-07", doc_id="doc-1")
    out = tmp_path / "attacks.csv"
    assert get_exporter("gtd-csv").write([record], out) == 1
    (row,) = _rows(out)
    assert tuple(row) == GTD_COLUMNS
    assert row["eventid"] == record.events[0].id
    assert (row["iyear"], row["imonth"], row["iday"]) == ("2021", "3", "7")
    assert (row["country_txt"], row["city"], row["specificity"]) == ("Somalia", "Mogadishu", "1")
    assert row["attacktype1_txt"] == "Bombing/Explosion"
    assert row["targtype1_txt"] == "Police"
    assert row["weaptype1_txt"] == "Explosives"
    assert row["gname"] == "al-Shabaab"
    assert (row["claimed"], row["suicide"], row["success"]) == ("1", "0", "1")
    assert (row["nkill"], row["nkillter"], row["nwound"], row["nwoundte"]) == ("7", "2", "", "")
    assert row["summary"].startswith("A car bomb exploded")
    assert row["document_id"] == "doc-1" and row["modality"] == "asserted"


def test_unidentified_perpetrator_is_unknown_and_formulas_are_neutralised(extractor, tmp_path):
    record = extractor.extract_text("Gunmen shot dead a farmer near Jos on Monday.", published="2021-03-01")
    event = record.events[0]
    evidence = [{"text": "=HYPERLINK(1)", "span": [0, 13]}]
    doctored = Record.from_dict({**record.to_dict(), "events": [{**event.to_dict(), "evidence": evidence}]})
    out = tmp_path / "a.csv"
    get_exporter("gtd-csv").write([doctored], out)
    (row,) = _rows(out)
    assert row["gname"] == "Unknown"
    assert row["summary"] == "'=HYPERLINK(1)"
    get_exporter("gtd-csv", raw=True).write([doctored], out)
    assert _rows(out)[0]["summary"] == "=HYPERLINK(1)"


def test_registered_and_exported_from_the_store(dateline_cmd, tmp_path):
    assert "gtd-csv" in installed_exporters()
    source = tmp_path / "news.txt"
    source.write_text(TEXT, encoding="utf-8")
    db, out = tmp_path / "s.db", tmp_path / "gtd.csv"
    subprocess.run([*dateline_cmd, "ingest", str(source), "--db", str(db)], check=True, capture_output=True)
    done = subprocess.run(
        [*dateline_cmd, "export", "gtd-csv", "--db", str(db), "-o", str(out)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "1 rows written" in done.stderr
    assert _rows(out)[0]["attacktype1_txt"] == "Bombing/Explosion"
