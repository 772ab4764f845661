"""Event evaluation: ACLED-format CSV exports and PLOVER gold-standard records."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from dateline.errors import MalformedRecord
from dateline.evaluation import shipped_gold
from dateline.evaluation.events import evaluate_acled_csv, evaluate_events, evaluate_plover_events
from dateline.settings import Settings

# A stand-in for the places and actors components: fixed entries found by their names.
_PLACES = {
    "Kandahar": {"id": "p-kandahar", "name": "Kandahar", "country_code": "AF", "admin1": "Kandahar",
                 "admin2": "Kandahar", "lat": 31.61, "lon": 65.71, "feature": "PPLA"},
    "Gao": {"id": "p-gao", "name": "Gao", "country_code": "ML", "admin1": "Gao", "admin2": "Gao",
            "lat": 16.27, "lon": -0.04, "feature": "PPLA"},
}  # fmt: skip
_ACTORS = {
    "Taliban": {"id": "a-taliban", "name": "Taliban", "kind": "militant_group", "aliases": ["Taliban"]},
    "JNIM": {"id": "a-jnim", "name": "Jama'at Nasr al-Islam wal Muslimin", "kind": "militant_group",
             "aliases": ["JNIM"]},
}  # fmt: skip


def _found(text: str, table: dict) -> list[dict]:
    out = []
    for name, entry in table.items():
        start = text.find(name)
        if start >= 0:
            out.append({**entry, "mentions": [{"text": name, "span": [start, start + len(name)]}]})
    return out


@Language.component("test_event_eval_entities")
def _entities(doc):  # noqa: ANN001, ANN201
    doc._.dateline_places = _found(doc.text, _PLACES)
    doc._.dateline_actors = _found(doc.text, _ACTORS)
    return doc


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load(Settings().spacy_model)
    for name in ("dateline_quantities", "dateline_dates", "dateline_quotes", "test_event_eval_entities"):
        nlp.add_pipe(name)
    nlp.add_pipe("dateline_events")
    return nlp


COLUMNS = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "admin1", "admin2",
           "latitude", "longitude", "fatalities", "notes"]  # fmt: skip


def _write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return path


def test_acled_csv_scores_each_field(nlp, tmp_path):
    path = _write_csv(
        tmp_path / "acled.csv",
        [
            ["X1", "2023-04-02", "Violence against civilians", "Attack", "Taliban", "Kandahar", "Kandahar",
             31.62, 65.72, 3, "Taliban gunmen killed three shopkeepers in Kandahar on Sunday."],
            ["X2", "2023-04-03", "Battles", "Armed clash", "JNIM: Jama'at Nasr al-Islam wal Muslimin (2017-)",
             "Gao", "Gao", 16.27, -0.04, 7, "JNIM fighters clashed with soldiers near Gao, killing seven."],
            ["X3", "2023-04-04", "Protests", "Peaceful protest", "Protesters (Mali)", "", "", "", "", 0,
             "The weather in the capital was mild."],
        ],
    )  # fmt: skip
    result = evaluate_acled_csv(nlp, path)
    assert result["rows"] == 3 and result["detected"] == 2
    fields = result["fields"]
    assert fields["event_type"] == {
        "correct": 2,
        "scored": 3,
        "accuracy": 0.6667,
        "accuracy_on_detected": 1.0,
    }
    assert fields["admin1"]["correct"] == 2 and fields["admin1"]["scored"] == 2  # X3 leaves admin1 empty
    assert fields["coordinates_25km"]["correct"] == 2
    assert fields["actor1"]["correct"] == 2  # "JNIM: ... (2017-)" matches the actor's alias
    assert fields["fatalities"]["correct"] == 2 and fields["fatalities"]["scored"] == 3
    assert result["misses"] == ["The weather in the capital was mild."]


def test_acled_csv_needs_notes(nlp, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("event_type,fatalities\nBattles,3\n", encoding="utf-8")
    with pytest.raises(MalformedRecord):
        evaluate_acled_csv(nlp, path)


def test_plover_records_accuracy_and_per_type(nlp, tmp_path):
    records = [
        {"id": "d", "event": "DOCUMENT", "eventText": "documentation"},
        {
            "id": "1",
            "event": "PROTEST",
            "text": "Thousands of students demonstrated in the capital on Friday.",
        },
        {
            "id": "2",
            "event": "ASSAULT",
            "text": "A suicide bomber killed 12 people at a market, police said.",
        },
        {"id": "3", "event": "THREATEN", "text": "The rebels threatened to attack the city."},
        {"id": "4", "event": "AGREE", "text": "The weather was mild."},
    ]
    path = tmp_path / "gsr.txt"
    path.write_text(json.dumps(records), encoding="utf-8")
    result = evaluate_plover_events(nlp, path)
    assert result["sentences"] == 4
    assert result["correct"] == 3 and result["accuracy"] == 0.75
    assert result["per_type"]["PROTEST"]["f1"] == 1.0
    assert result["per_type"]["AGREE"]["recall"] == 0.0
    assert result["no_event"] == 1
    assert evaluate_events(nlp, path)["accuracy"] == 0.75  # dispatch by suffix


def test_shipped_acled_gold_is_well_formed():
    path = shipped_gold("events_acled_gold.csv")
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 40
    families = {r["event_type"] for r in rows}
    assert families == {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
                        "Riots", "Strategic developments"}  # fmt: skip
    assert all(r["notes"] and r["latitude"] and r["sub_event_type"] for r in rows)
