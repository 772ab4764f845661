"""National centroid tables: the provinces, divisions and districts of one country.

Two are shipped, each a source of its own: OCHA's Afghanistan (:mod:`.ocha`, build order 70) and
OpenStreetMap's Pakistan (:mod:`.osm`, order 80). They name and place the units GeoNames has and
add those it lacks (OCHA districts, Pakistani divisions).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dateline.gazetteer.merge import Draft, Merger
from dateline.gazetteer.sources.base import BuildContext, CentroidRow, data_text, read_centroids

__all__ = ["NationalTable", "add_national_centroids"]


def add_national_centroids(merger: Merger, rows: Iterable[CentroidRow], source: str, prefix: str) -> None:
    """Provinces, divisions and districts of one country (OCHA Afghanistan, OSM Pakistan).

    Units joined to a GeoNames admin unit (by the table's GeoNames id) take the table's centroid;
    districts also take its name (GeoNames admin-2 names carry unit words and transliteration
    marks: "Swāt District", "Dāychōpān"), provinces keep the GeoNames name, the convention
    admin-1 fields follow elsewhere. Units that join nothing become entries ``<source>:<code>``.
    A district's parent is its division when the table has divisions, else its province.
    """
    ordered = sorted(rows, key=lambda r: ("adm1", "division", "adm2").index(r.level))
    provinces: dict[str, Draft] = {}
    divisions: dict[str, Draft] = {}
    for row in ordered:
        parents = [p.strip() for p in row.parent_name.split(",") if p.strip()]
        if row.level == "adm1":
            draft = merger.by_geonameid(row.geonameid, "admin1")
            if draft is None:
                draft = merger.add(_new_unit(merger, row, source, prefix, "admin1", "ADM1"))
                draft.own_admin1 = True
            provinces[row.name] = draft
        elif row.level == "division":
            province = provinces.get(parents[-1]) if parents else None
            slug = merger.norm.normalise(row.name).replace(" ", "-")
            draft = merger.add(
                Draft(
                    id=f"{source}:{row.country_code}.division.{slug}",
                    level="division",
                    name=row.name,
                    country_code=row.country_code,
                    feature_class="A",
                    feature_code="ADMD",
                    admin1_code=province.admin1_code if province else None,
                    parent_id=province.id if province else None,
                )
            )
            divisions[row.name] = draft
        else:
            province = provinces.get(parents[-1]) if parents else None
            division = divisions.get(parents[0]) if len(parents) > 1 else None
            draft = merger.by_geonameid(row.geonameid, "admin2")
            if draft is None or draft.country_code != row.country_code:
                draft = merger.add(_new_unit(merger, row, source, prefix, "admin2", "ADM2"))
            if province is not None and province.admin1_code:
                draft.admin1_code = province.admin1_code
            if division is not None:
                draft.parent_id = division.id
            elif province is not None:
                draft.parent_id = province.id
        if row.level == "adm1":
            draft.add_names([row.name])
        else:
            draft.rename(row.name)
        draft.place_at(row.lat, row.lon, source)
        draft.add_names(row.alt_names)
        for code in filter(None, row.code.split(";")):
            draft.codes.setdefault(f"{source}:{code}", None)


def _new_unit(merger: Merger, row: CentroidRow, source: str, prefix: str, level: str, feature: str) -> Draft:
    code = row.code.split(";")[0].replace("osm_relation:", "r") if row.code else None
    ident = f"{source}:{code}" if code else f"{source}:{prefix}.{merger.norm.normalise(row.name)}"
    return Draft(
        id=ident.replace(" ", "-"),
        level=level,
        name=row.name,
        country_code=row.country_code,
        feature_class="A",
        feature_code=feature,
    )


@dataclass(frozen=True, slots=True)
class NationalTable:
    """A shipped centroid table of one country (``country``, the prefix of its own units' ids).

    ``says_total``: report the entries merged so far; the last boundary table does.
    """

    name: str
    order: int
    file: str
    country: str
    says_total: bool = False

    def merge(self, merger: Merger, build: BuildContext) -> None:
        add_national_centroids(merger, read_centroids(data_text(self.file)), self.name, self.country)
        if self.says_total:
            build.say(f"boundary centroids merged: {len(merger.drafts)} entries")
