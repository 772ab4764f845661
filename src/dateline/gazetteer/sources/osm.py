"""OpenStreetMap's Pakistan: provinces, divisions and districts (2023) with their centroids (order 80)."""

from __future__ import annotations

from dateline.gazetteer.sources.national import NationalTable

__all__ = ["SOURCE"]

SOURCE = NationalTable("osm", 80, "pak_admin_centroids_osm2023.csv", "PK", says_total=True)
