"""Storing records: SQLite by default, PostgreSQL optional; schema migrations; queries."""

from __future__ import annotations

from dateline.store.queries import RecordFilter
from dateline.store.schema import SCHEMA_VERSION
from dateline.store.store import AddOutcome, Store

__all__ = ["SCHEMA_VERSION", "AddOutcome", "RecordFilter", "Store"]
