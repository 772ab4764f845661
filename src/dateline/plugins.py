"""Entry-point groups: how readers, exporters and gazetteer sources are found.

dateline's own formats and sources are registered in ``pyproject.toml`` exactly as another
package registers its own, the way spaCy finds components through ``spacy_factories``::

    [project.entry-points.dateline_exporters]
    tsv = "my_package.tsv:TsvExporter"

A group's entries are loaded in name order. An entry that cannot be imported is a
:class:`~dateline.errors.ConfigError` naming it, and so is a group with no entries at all
(dateline itself is not installed, so its own entries are missing too).
"""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points
from typing import Any

from dateline.errors import ConfigError

__all__ = ["EXPORTERS_GROUP", "READERS_GROUP", "SOURCES_GROUP", "load_group", "registered"]

READERS_GROUP = "dateline_readers"
EXPORTERS_GROUP = "dateline_exporters"
SOURCES_GROUP = "dateline_gazetteer_sources"


def registered(group: str) -> list[EntryPoint]:
    """The entry points of ``group``, in name order (names are unique within a group)."""
    chosen: dict[str, EntryPoint] = {}
    for point in entry_points(group=group):
        chosen.setdefault(point.name, point)
    return [chosen[name] for name in sorted(chosen)]


def load_group(group: str, kind: type, what: str) -> list[Any]:
    """The object of every entry point of ``group``, each loaded, in name order.

    An entry point names an object or a class (made with no arguments). Each must be a ``kind``
    (a runtime-checkable protocol) whose ``name`` is its entry point's, else it is a ConfigError
    saying it is no ``what``.
    """
    points = registered(group)
    if not points:
        raise ConfigError(
            f"no {group} entry points are installed; install dateline (pip install -e .) so that "
            "its own are registered"
        )
    loaded: list[Any] = []
    for point in points:
        try:
            found = point.load()
        except Exception as exc:  # an entry point may fail in any way while importing
            raise ConfigError(
                f"cannot load the {group} entry point {point.name!r} ({point.value}): {exc}"
            ) from None
        made = found() if isinstance(found, type) else found
        if not isinstance(made, kind) or made.name != point.name:
            raise ConfigError(
                f"the {group} entry point {point.name!r} is not a {what} named {point.name!r}: {found!r}"
            )
        loaded.append(made)
    return loaded
