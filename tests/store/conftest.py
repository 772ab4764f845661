"""Helpers of the store's migration tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

#: What version 4 added, undone (a store made at version 4 taken back to 3).
UNDO_VERSION_4 = (
    "DROP INDEX ix_event_actors_actor_dates",
    "ALTER TABLE event_actors DROP COLUMN date_end",
    "ALTER TABLE event_actors DROP COLUMN date_start",
)


@pytest.fixture(scope="session")
def undo_version_4() -> Callable[[Callable[[str], Any]], None]:
    """Takes a store back to schema version 3's tables, given its connection's ``execute`` (sqlite3's
    ``execute`` or SQLAlchemy's ``exec_driver_sql``); the caller sets the version row."""

    def undo(execute: Callable[[str], Any]) -> None:
        for statement in UNDO_VERSION_4:
            execute(statement)

    return undo
