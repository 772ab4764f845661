"""Representative points of administrative units from the populated places inside them.

A unit's own places (GeoNames cities500 rows with its admin-1 code) say where the unit is, whatever
their populations: their coordinate-wise median is a robust centre, and the distance within which
most of them lie (a quantile of their distances to that centre) is the unit's spread. The builder
uses these to reject a source's point that lies far outside the unit (a label point placed on an
exclave, a table row joined to the wrong unit) and to fall back on the median.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from dateline.gazetteer.entry import haversine_km

__all__ = ["Point", "median_point", "spread_km", "within_extent"]

Point = tuple[float, float]  # (lat, lon)


def median_point(points: Sequence[Point]) -> Point:
    """The coordinate-wise median (ignores populations; robust to a few outlying places)."""
    return (
        round(statistics.median(p[0] for p in points), 5),
        round(statistics.median(p[1] for p in points), 5),
    )


def spread_km(points: Sequence[Point], centre: Point, quantile: float = 0.9) -> float:
    """The distance from ``centre`` within which the ``quantile`` share of ``points`` lie."""
    distances = sorted(haversine_km(p[0], p[1], centre[0], centre[1]) for p in points)
    return distances[int(quantile * (len(distances) - 1))]


def within_extent(points: Sequence[Point], point: Point, margin_deg: float) -> bool:
    """Does ``point`` lie in the bounding box of ``points`` grown by ``margin_deg`` degrees?

    Boxes that would straddle the antimeridian (longitudes spanning more than 180 degrees) accept
    every longitude.
    """
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if not min(lats) - margin_deg <= point[0] <= max(lats) + margin_deg:
        return False
    if max(lons) - min(lons) > 180.0:
        return True
    return min(lons) - margin_deg <= point[1] <= max(lons) + margin_deg
