"""dr5hn's countries-states-cities table: admin-1 points and ISO 3166-2 codes (build order 50).

Rows join GeoNames admin-1 units on the GeoNames id they carry; see :func:`add_admin1_points`
for when a row's point is taken and when Natural Earth's label point (order 60) places the unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from dateline.gazetteer.entry import haversine_km
from dateline.gazetteer.merge import Merger
from dateline.gazetteer.points import within_extent
from dateline.gazetteer.sources.base import (
    BuildContext,
    CentroidRow,
    data_text,
    is_code_like,
    read_centroids,
)

__all__ = ["SOURCE", "StatePoints", "add_admin1_points"]


def add_admin1_points(
    merger: Merger,
    rows: Iterable[CentroidRow],
    source: str,
    *,
    min_places: int = 3,
    margin_deg: float = 1.0,
    city_km: float = 10.0,
) -> int:
    """Admin-1 points of a table joined on the GeoNames id it carries (dr5hn); returns how many joined.

    A point is taken only when exactly one row of the table claims the unit (tables that keep
    old and new units join some of both to one GeoNames unit) and, for units with at least
    ``min_places`` places, when it lies within their bounding box grown by ``margin_deg``.
    A joined row also gives its names and its ISO 3166-2 code (``iso3166-2:US-NY``), but not its
    point when that lies within ``city_km`` of a place of the unit's name in its country: such a
    point is a geocoder's answer for the city (dr5hn puts New York State on New York City and
    Kherson Oblast on Kherson), and a later source (Natural Earth's label point) places the unit.
    """
    claims: dict[int, list[CentroidRow]] = defaultdict(list)
    for row in rows:
        if row.geonameid is not None:
            claims[row.geonameid].append(row)
    places = merger.places_by_admin1()
    cities = merger.place_points_by_name()
    joined = 0
    for geonameid, group in sorted(claims.items()):
        draft = merger.by_geonameid(geonameid, "admin1")
        if draft is None or len(group) != 1 or group[0].country_code != draft.country_code:
            continue
        row = group[0]
        own = places.get((draft.country_code or "", draft.admin1_code or ""), [])
        if len(own) >= min_places and not within_extent(own, (row.lat, row.lon), margin_deg):
            continue
        cc = draft.country_code or ""
        names = merger.keys_of(draft) | {merger.norm.normalise(row.name)}
        namesakes = [point for name in names for point in cities.get((cc, name), ())]
        if not any(haversine_km(row.lat, row.lon, lat, lon) <= city_km for lat, lon in namesakes):
            draft.place_at(row.lat, row.lon, source, override=False)
        draft.add_names(n for n in (row.name, *row.alt_names) if not is_code_like(n))
        if row.code:
            draft.codes.setdefault(f"iso3166-2:{row.code}", None)
        joined += 1
    return joined


class StatePoints:
    """Admin-1 points and codes; counts the units joined (reported with Natural Earth's)."""

    name = "dr5hn"
    order = 50

    def merge(self, merger: Merger, build: BuildContext) -> None:
        build.counts[self.name] = add_admin1_points(
            merger, read_centroids(data_text("world_admin1_dr5hn_states.csv")), self.name
        )


SOURCE = StatePoints()
