"""`dateline db copy`: a store moved between SQLite and PostgreSQL, in every direction, is the same store."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from dateline.cli import cli
from dateline.records import Record
from dateline.store import Store, schema
from dateline.store.transfer import copy_store


def _contents(target: str | Path) -> tuple[list[Record], dict[str, int], list[int]]:
    """The records, every table's row count and the events' keys."""
    with Store.open(target, readonly=True) as store, store.engine.connect() as conn:
        keys = list(conn.execute(sa.select(schema.events.c.pk).order_by(schema.events.c.pk)).scalars())
        return list(store.iter_records()), store.counts(), keys


def _copy(*args: str) -> object:
    return CliRunner().invoke(cli, ["db", "copy", *args], catch_exceptions=False)


def test_a_copy_is_the_same_store_on_either_engine(seeded_db: str | Path, db: str | Path) -> None:
    result = _copy(str(seeded_db), str(db))
    assert result.exit_code == 0, result.output
    assert "copied" in result.stderr and "2 documents" in result.stderr
    before, after = _contents(seeded_db), _contents(db)
    assert after == before  # the records, every table's rows and the events' keys
    assert len(before[0]) == 2 and before[1]["events"] > 0
    # the copy goes on as a store: its keys continue after the copied ones
    extra = Record(id="later", text="Later, all quiet.", published=None, dateline=None)
    with Store.open(db) as store:
        assert store.add_records([extra]) == 1
        assert [r.id for r in store.iter_records()][-1] == "later"


def test_a_store_with_documents_is_refused_unless_merged(seeded_db: str | Path, db: str | Path) -> None:
    first = Record(id="own", text="The target's own document.", published=None, dateline=None)
    with Store.open(db) as store:
        store.add_records([first])
    refused = _copy(str(seeded_db), str(db))
    assert refused.exit_code == 1 and "error[E300]" in refused.stderr and "--merge" in refused.stderr
    merged = _copy(str(seeded_db), str(db), "--merge")
    assert merged.exit_code == 0, merged.output
    assert "2 document(s) stored, 0 already stored" in merged.stderr
    again = _copy(str(seeded_db), str(db), "--merge")  # merging twice changes nothing
    assert "0 document(s) stored, 2 already stored" in again.stderr
    with Store.open(db, readonly=True) as store:
        assert [r.id for r in store.iter_records()][0] == "own" and store.counts()["documents"] == 3
        copied = {r.id: r for r in store.iter_records()}
    with Store.open(seeded_db, readonly=True) as source:
        assert all(copied[r.id] == r for r in source.iter_records())


def test_bad_copies_are_coded_errors(tmp_path: Path) -> None:
    missing = _copy(str(tmp_path / "absent.db"), str(tmp_path / "new.db"))
    assert missing.exit_code == 1 and "error[E300] no database at" in missing.stderr
    Store.open(tmp_path / "a.db").close()
    same = _copy(str(tmp_path / "a.db"), f"sqlite:///{tmp_path / 'a.db'}")
    assert same.exit_code == 1 and "same store" in same.stderr
    other = _copy(str(tmp_path / "a.db"), "mysql://u@h/db")
    assert other.exit_code == 2 and "error[E304]" in other.stderr
    with pytest.raises(Exception, match="same store"):
        copy_store(tmp_path / "a.db", tmp_path / "a.db")
