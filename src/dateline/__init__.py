"""dateline: read news reports about armed conflict as sourced, geolocated, queryable data."""

from __future__ import annotations

__version__ = "0.1.0"
