"""Representative points of administrative units from the populated places inside them.

A unit's own places (GeoNames cities500 rows with its admin-1 code) say where the unit is, whatever
their populations: their coordinate-wise median is a robust centre, and the distance within which
most of them lie (a quantile of their distances to that centre) is the unit's spread. The builder
uses these to reject a source's point that lies far outside the unit (a label point placed on an
exclave, a table row joined to the wrong unit) and to fall back on the median.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

from dateline.gazetteer.entry import haversine_km

__all__ = ["Point", "mean_point", "median_point", "midpoint", "spread_km", "within_extent"]

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


def mean_point(points: Sequence[Point]) -> Point:
    """The spherical mean of ``points`` (the direction of the sum of their unit vectors)."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    return (round(math.degrees(math.atan2(z, math.hypot(x, y))), 5), round(math.degrees(math.atan2(y, x)), 5))


def midpoint(a: Point, b: Point) -> Point:
    """The point halfway between ``a`` and ``b`` on the sphere (right across the antimeridian too)."""
    return mean_point((a, b))
