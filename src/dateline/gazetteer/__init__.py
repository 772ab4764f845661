"""The gazetteer: places by name, with containment and coordinates.

Build the index once (``dateline gazetteer build`` or :func:`build_gazetteer`), then pass a
:class:`Gazetteer` to whatever needs places::

    gazetteer = Gazetteer.load()          # the cached index, built on first use
    gazetteer.lookup("Khak-e Afghan")     # [Entry(id='geonames:7053347', name='Kakar', ...)]
    gazetteer.candidates("Nooristan")     # exact and fuzzy matches, scored
"""

from dateline.gazetteer.build import (
    BuildStats,
    build_gazetteer,
    data_version,
    default_cache_dir,
    default_index_path,
)
from dateline.gazetteer.entry import Candidate, Entry, haversine_km
from dateline.gazetteer.gazetteer import Gazetteer

__all__ = [
    "BuildStats",
    "Candidate",
    "Entry",
    "Gazetteer",
    "build_gazetteer",
    "data_version",
    "default_cache_dir",
    "default_index_path",
    "haversine_km",
]
