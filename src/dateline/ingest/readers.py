"""The registry of input formats: readers by file extension and by name.

Every module of :mod:`dateline.ingest` that defines a module-level ``READER``
(an object with ``name``, ``extensions`` and ``read(source, ctx)``, see
:class:`dateline.ingest.base.Reader`) is a built-in format, so adding a format
is adding a module. A caller can also build its own :class:`ReaderRegistry`
and :meth:`~ReaderRegistry.register` more readers.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from types import MappingProxyType

from dateline.errors import ConfigError
from dateline.ingest.base import Reader


class ReaderRegistry:
    """Readers by extension (``".txt"``) and by name (``"txt"``)."""

    def __init__(self, readers: Iterable[Reader] = ()) -> None:
        self._by_extension: dict[str, Reader] = {}
        self._by_name: dict[str, Reader] = {}
        for reader in readers:
            self.register(reader)

    def register(self, reader: Reader) -> None:
        """Add a reader; an extension or name another reader already has is a :class:`ConfigError`."""
        if not isinstance(reader, Reader):
            raise ConfigError(f"{reader!r} is not a reader (needs name, extensions and read())")
        names = [reader.name.lower(), *(ext.lstrip(".").lower() for ext in reader.extensions)]
        clash = [e for e in reader.extensions if e.lower() in self._by_extension]
        if clash or reader.name.lower() in self._by_name:
            raise ConfigError(
                f"reader {reader.name!r} clashes with a registered reader ({clash or reader.name})"
            )
        for ext in reader.extensions:
            self._by_extension[ext.lower()] = reader
        for name in names:
            self._by_name.setdefault(name, reader)

    @property
    def extensions(self) -> tuple[str, ...]:
        return tuple(self._by_extension)

    @property
    def names(self) -> MappingProxyType[str, Reader]:
        return MappingProxyType(self._by_name)

    def for_extension(self, suffix: str) -> Reader | None:
        return self._by_extension.get(suffix.lower())

    def for_name(self, name: str) -> Reader | None:
        return self._by_name.get(name.lower().lstrip("."))


def _builtin_readers() -> list[Reader]:
    package = importlib.import_module("dateline.ingest")
    found: list[Reader] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.ispkg:
            continue
        module = importlib.import_module(f"dateline.ingest.{info.name}")
        reader = getattr(module, "READER", None)
        if reader is not None:
            found.append(reader)
    # A reader may set ``order`` to place its formats in listings (ACCEPTED_FORMATS, help texts).
    return sorted(found, key=lambda r: (getattr(r, "order", 100), r.name))


def default_registry() -> ReaderRegistry:
    """A new registry of the built-in readers (every ``dateline.ingest`` module with a ``READER``)."""
    return ReaderRegistry(_builtin_readers())
