"""The base of dateline's lexicons: word lists and rules held as plain JSON data.

Each feature reads its words from a JSON file shipped in its package (``dateline/dates/data/dates.json``,
``dateline/quantities/data/quantities.json``, ...). A :class:`Lexicon` subclass declares where that file
is (``package`` and ``resource``) and how its data maps to and from a dict (``from_dict`` and
``to_dict``); this base gives the rest once:

* :meth:`Lexicon.default` -- the shipped file;
* :meth:`Lexicon.from_path` -- a user's file of the same shape, with a
  :class:`~dateline.errors.ConfigError` naming the file when it cannot be read, is not JSON or does
  not have the lexicon's shape;
* :meth:`Lexicon.to_bytes` and :meth:`Lexicon.from_bytes` -- the data as JSON bytes with sorted keys,
  so that two equal lexicons give the same bytes (what a spaCy component saves);
* :meth:`Lexicon.from_json` and :meth:`Lexicon.to_json` -- the same as text.

No spaCy here: this module sits at the bottom of the package with :mod:`dateline.errors`.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, Self

from dateline.errors import ConfigError

__all__ = ["Lexicon", "read_json"]


def read_json(path: str | Path, what: str = "lexicon") -> Any:
    """The JSON data in the file ``path``; a :class:`ConfigError` naming it if it cannot be read.

    ``what`` names the kind of file in the message ("event ontology" -> "event ontology file x.json
    is not JSON: ...").
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {what} file {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{what} file {path} is not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{what} file {path} is not JSON: {exc.msg}") from None


class Lexicon:
    """Words and rules read from package JSON; a subclass gives the shape (``from_dict``/``to_dict``)."""

    __slots__ = ()

    #: the package whose ``data/`` folder holds the shipped file, e.g. ``"dateline.dates"``
    package: ClassVar[str] = ""
    #: the shipped file's name in that folder, e.g. ``"dates.json"``
    resource: ClassVar[str] = ""
    #: what error messages call it, e.g. ``"date lexicon"``
    what: ClassVar[str] = "lexicon"

    # --- the shape: each subclass ----------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """A lexicon from a mapping shaped like the shipped file (the caller keeps its dict)."""
        raise NotImplementedError

    def to_dict(self) -> dict[str, Any]:
        """The lexicon as plain JSON data, a copy the caller may change."""
        raise NotImplementedError

    # --- reading and writing: once for all --------------------------------------------------------------

    @classmethod
    def default_data(cls) -> dict[str, Any]:
        """The shipped file's data, freshly read (a new dict on every call)."""
        text = resources.files(cls.package).joinpath("data", cls.resource).read_text(encoding="utf-8")
        return json.loads(text)

    @classmethod
    def default(cls) -> Self:
        """The lexicon shipped with dateline."""
        return cls.from_dict(cls.default_data())

    @classmethod
    def from_path(cls, path: str | Path) -> Self:
        """The lexicon in a user's JSON file; :class:`ConfigError` (``E200``) naming the file if it
        cannot be read, is not JSON or is not shaped like the shipped one."""
        data = read_json(path, cls.what)
        if not isinstance(data, dict):
            raise ConfigError(f"{cls.what} file {path} must hold a JSON object")
        try:
            return cls.from_dict(data)
        except ConfigError as exc:
            raise type(exc)(f"{cls.what} file {path}: {exc.message}") from None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ConfigError(f"{cls.what} file {path} is not shaped like a {cls.what}: {exc!r}") from None

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        return cls.from_dict(json.loads(text))

    def to_json(self) -> str:
        """The data as indented JSON text with sorted keys."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=True)

    @classmethod
    def from_bytes(cls, data: bytes) -> Self:
        return cls.from_dict(json.loads(data.decode("utf-8")))

    def to_bytes(self) -> bytes:
        """The data as compact JSON bytes with sorted keys: equal lexicons give equal bytes."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8")
