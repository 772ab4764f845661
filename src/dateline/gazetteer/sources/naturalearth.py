"""Natural Earth: countries' landmass centroids (build order 30) and admin-1 label points (order 60).

The admin-0 table gives each country the centroid of its largest polygon part; the admin-1 label
points place the admin-1 units dr5hn (order 50) left without a point, and points that lie outside
their unit's places move to the places' median (:mod:`dateline.gazetteer.points`).
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher

from dateline.gazetteer.entry import haversine_km
from dateline.gazetteer.merge import Draft, Merger
from dateline.gazetteer.points import median_point, spread_km
from dateline.gazetteer.sources.base import BuildContext, CentroidRow, data_text, read_centroids

__all__ = [
    "ADMIN0",
    "ADMIN1",
    "CountryCentroids",
    "LabelPoints",
    "add_admin0_centroids",
    "add_admin1_label_points",
    "check_admin1_points",
]

_PARENS = re.compile(r"[()]")
#: A label point joins the unit of at least this share of its nearest places, named this much alike.
_VOTERS = 10
_MIN_VOTERS = 3
_VOTE_KM = 150.0
_AGREEMENT = 0.8
_ALIKE = 0.8
_CELL_DEG = 1.5  # a 3 x 3 block of cells covers the vote's radius
_KM_PER_DEG = 111.2


def add_admin0_centroids(merger: Merger, rows: Iterable[CentroidRow], source: str) -> None:
    for row in rows:
        ident = merger.country_by_iso.get(row.country_code) or merger.country_by_iso3.get(row.code)
        draft = merger.drafts.get(ident) if ident else None
        if draft is None:
            draft = merger.add(
                Draft(
                    id=f"{source}:{row.code}",
                    level="country",
                    name=row.name,
                    country_code=row.country_code or None,
                    feature_class="A",
                    feature_code="PCLIX",
                )
            )
        draft.place_at(row.lat, row.lon, source, override=False)
        draft.add_names((row.name, *row.alt_names))
        draft.codes.setdefault(f"{source}:{row.code}", None)


def add_admin1_label_points(
    merger: Merger, rows: Iterable[CentroidRow], source: str, same_as: Mapping[str, str]
) -> None:
    """Natural Earth admin-1 label points: coordinates for GeoNames admin-1 (or admin-2) units.

    A point joins the unit named by ``same_as``, else the GeoNames id the table carries, else
    the one unit of the country whose name (or skeleton) equals the point's name or one of its
    parenthesised parts ("Aleppo (Halab)"); admin-1 units are tried before admin-2 units.
    Failing those, it joins the admin-1 unit most of the nearest places lie in when that unit's
    name is spelt much like the point's ("North Darfur": GeoNames' Northern Darfur; "Cuanza Sul":
    Kwanza Sul) and no other point joined it. Points that join nothing become entries of their own.
    """
    index: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    for draft in merger.drafts.values():
        if draft.level in ("admin1", "admin2") and draft.country_code:
            for key in merger.keys_of(draft):
                index[(draft.level, "key", draft.country_code, key)].add(draft.id)
                skel = merger.norm.skeleton_of_key(key)
                if skel:
                    index[(draft.level, "skeleton", draft.country_code, skel)].add(draft.id)
    votes = _PlaceVotes(merger)
    for row in rows:
        if not row.country_code:
            continue
        target = merger.drafts.get(same_as.get(row.code, "")) or merger.by_geonameid(row.geonameid, "admin1")
        names = [row.name, *(part.strip() for part in _PARENS.split(row.name) if part.strip())]
        keys = list(dict.fromkeys(merger.norm.normalise(n) for n in names))
        for level in ("admin1", "admin2"):
            for mode in ("key", "skeleton"):
                for key in keys:
                    if target is not None:
                        break
                    probe = key if mode == "key" else merger.norm.skeleton_of_key(key)
                    found = index.get((level, mode, row.country_code, probe), set())
                    if probe and len(found) == 1:
                        target = merger.drafts[next(iter(found))]
        if target is None:
            target = _unit_around(merger, votes, row, keys, source)
        if target is None:
            target = merger.add(
                Draft(
                    id=f"{source}:{row.code}",
                    level="admin1",
                    name=row.name,
                    country_code=row.country_code,
                    feature_class="A",
                    feature_code="ADMD",
                    own_admin1=True,
                )
            )
        target.place_at(row.lat, row.lon, source, override=False)
        target.add_names(names)
        target.codes.setdefault(f"{source}:{row.code}", None)


class _PlaceVotes:
    """The admin-1 unit the places nearest a point lie in (cells of :data:`_CELL_DEG` degrees)."""

    def __init__(self, merger: Merger) -> None:
        self._grid: dict[tuple[str, int, int], list[tuple[float, float, str]]] = defaultdict(list)
        for d in merger.drafts.values():
            if (
                d.level == "place"
                and d.country_code
                and d.admin1_code
                and d.lat is not None
                and d.lon is not None
            ):
                self._grid[(d.country_code, *_cell(d.lat, d.lon))].append((d.lat, d.lon, d.admin1_code))

    def unit(self, country: str, lat: float, lon: float) -> str | None:
        """The admin-1 code of at least :data:`_AGREEMENT` of the :data:`_VOTERS` nearest places of
        ``country`` within :data:`_VOTE_KM` (:data:`_MIN_VOTERS` at least), or None."""
        row, col = _cell(lat, lon)
        scale = math.cos(math.radians(lat)) ** 2  # squared degrees, east-west shrunk: no trigonometry
        near = heapq.nsmallest(
            _VOTERS,
            (
                ((plat - lat) ** 2 + (plon - lon) ** 2 * scale, code)
                for dr in (-1, 0, 1)
                for dc in (-1, 0, 1)
                for plat, plon, code in self._grid.get((country, row + dr, col + dc), ())
            ),
        )
        reach = (_VOTE_KM / _KM_PER_DEG) ** 2
        nearest = [code for d2, code in near if d2 <= reach]
        if len(nearest) < _MIN_VOTERS:
            return None
        code = max(set(nearest), key=nearest.count)
        return code if nearest.count(code) >= _AGREEMENT * len(nearest) else None


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(lat // _CELL_DEG), int(lon // _CELL_DEG)


def _unit_around(
    merger: Merger, votes: _PlaceVotes, row: CentroidRow, keys: list[str], source: str
) -> Draft | None:
    """The admin-1 unit a label point lies in by its nearest places, when named much like it and
    joined by no other point of ``source`` (see :func:`add_admin1_label_points`). Names alone do
    not join: "Kasai-Occidental" is spelt much like Kasai-Oriental, "Palencia" like Valencia."""

    def likeness(unit: Draft) -> float:
        return max(SequenceMatcher(None, k, n).ratio() for k in keys for n in merger.keys_of(unit))

    code = votes.unit(row.country_code, row.lat, row.lon)
    ident = merger.admin1.get((row.country_code, code)) if code else None
    unit = merger.drafts.get(ident) if ident else None
    if unit is None or any(c.startswith(f"{source}:") for c in unit.codes):
        return None
    return unit if likeness(unit) >= _ALIKE else None


def check_admin1_points(merger: Merger, source: str, *, min_places: int = 5, quantile: float = 0.9) -> int:
    """Move admin-1 points of ``source`` that lie outside their unit's places to the places' median.

    A point is outside when it is farther from the median of the unit's own places than the
    ``quantile`` share of them (Natural Earth puts Kentucky's label on the Kentucky Bend exclave).
    Returns how many points moved.
    """
    places = merger.places_by_admin1()
    moved = 0
    for d in merger.drafts.values():
        if d.level != "admin1" or d.point_source != source or d.lat is None or d.lon is None:
            continue
        own = places.get((d.country_code or "", d.admin1_code or ""), [])
        if len(own) < min_places:
            continue
        centre = median_point(own)
        if haversine_km(d.lat, d.lon, centre[0], centre[1]) > spread_km(own, centre, quantile):
            d.lat, d.lon = centre
            d.point_source = "places-median"
            d.add_source("places-median")
            moved += 1
    return moved


class CountryCentroids:
    """Countries' points from the centroids of their largest landmass (Natural Earth 1:50m)."""

    name = "naturalearth_admin0"
    order = 30

    def merge(self, merger: Merger, build: BuildContext) -> None:
        add_admin0_centroids(
            merger, read_centroids(data_text("world_admin0_ne50m_centroids.csv")), "naturalearth"
        )


class LabelPoints:
    """Admin-1 label points (Natural Earth 1:10m), then the check of every point they gave."""

    name = "naturalearth_admin1"
    order = 60

    def merge(self, merger: Merger, build: BuildContext) -> None:
        add_admin1_label_points(
            merger,
            read_centroids(data_text("world_admin1_ne10m_v4_label_points.csv")),
            "naturalearth",
            build.aliases.get("same_as", {}),
        )
        moved = check_admin1_points(merger, "naturalearth")
        joined = build.counts["dr5hn"]  # reported here, with the label points, as the build always has
        build.say(f"admin-1 points: {joined} from dr5hn, {moved} label points moved to their places")


ADMIN0 = CountryCentroids()
ADMIN1 = LabelPoints()
