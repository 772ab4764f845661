"""OCHA's Afghanistan: provinces and districts (2018 boundaries) with their centroids (build order 70)."""

from __future__ import annotations

from dateline.gazetteer.sources.national import NationalTable

__all__ = ["SOURCE"]

SOURCE = NationalTable("ocha", 70, "afg_admin_centroids_ocha2018.csv", "AF")
