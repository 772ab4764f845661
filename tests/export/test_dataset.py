"""`ingest --parquet DIR`: a Parquet dataset partitioned by date, written once a document, incremental, and
left whole by a run killed while writing."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import StoreError
from dateline.export.dataset import NO_DATE, ParquetDataset
from dateline.records import Document, Record
from dateline.store import AddOutcome

TEXTS = [
    ("a", "Gunmen killed two police officers in Peshawar on Friday, officials said.", "2021-05-14"),
    ("b", "A roadside bomb killed four soldiers in Kandahar on Monday.", "2021-05-14"),
    ("c", "Protesters marched in Bamako on Sunday, demanding the release of a journalist.", None),
    ("d", "Militants attacked a checkpoint in Gao, killing three people.", "2022-01-03"),
]


@pytest.fixture(scope="module")
def records(extractor) -> list[Record]:
    documents = [Document(id=i, text=text, published=published) for i, text, published in TEXTS]
    return list(extractor.records(documents))


def test_tables_are_partitioned_by_publication_date(records: list[Record], tmp_path: Path) -> None:
    import pandas as pd

    assert ParquetDataset(tmp_path / "ds").add_records(records) == 4
    assert sorted(p.name for p in (tmp_path / "ds" / "documents").iterdir()) == [
        "date=2021-05-14", "date=2022-01-03", f"date={NO_DATE}",
    ]  # fmt: skip
    for table in ("documents", "events", "places", "actors", "quantities", "dates", "quotes"):
        frame = pd.read_parquet(tmp_path / "ds" / table) if (tmp_path / "ds" / table).exists() else None
        if table in ("documents", "events", "places"):
            assert frame is not None and "date" in frame.columns, table
    places = pd.read_parquet(tmp_path / "ds" / "places")
    assert set(places.loc[places["document_id"] == "a", "name"]) >= {"Peshawar"}
    assert (places["mentions"] >= 1).all()


def test_a_run_killed_while_writing_leaves_no_half_part(records: list[Record], tmp_path: Path) -> None:
    import pandas as pd

    folder = tmp_path / "ds"
    ParquetDataset(folder, flush_documents=2).add_records(records)
    # killed after a part's events were written, before its documents file: that part is incomplete
    incomplete = sorted((folder / "documents" / "date=2021-05-14").glob("part-*.parquet"))
    assert len(incomplete) == 1
    incomplete[0].unlink()
    assert ParquetDataset(folder).known_hashes() == {r.content_hash for r in records if r.id in ("c", "d")}
    outcome = AddOutcome()
    assert ParquetDataset(folder).add_records(records, outcome=outcome) == 2
    assert outcome.already_stored == 2
    events = pd.read_parquet(folder / "events")
    assert events.groupby("document_id").size().to_dict() == {
        r.id: len(r.events) for r in records if r.events
    }  # each document's events once


def test_an_id_stored_with_other_text_is_refused(records: list[Record], tmp_path: Path) -> None:
    ParquetDataset(tmp_path / "ds").add_records(records[:1])
    other = Record(id="a", text="Some other text.", published=None, dateline=None)
    refused: list[str] = []
    outcome = AddOutcome(on_refused=lambda record, error: refused.append(error.code))
    assert ParquetDataset(tmp_path / "ds").add_records([other, *records[1:]], outcome=outcome) == 3
    assert refused == ["E300"]
    with pytest.raises(StoreError, match="already stored with different text"):
        ParquetDataset(tmp_path / "ds").add_records([Record(id="b", text="x", published=None, dateline=None)])
