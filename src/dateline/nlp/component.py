"""What every dateline component shares: ``pipe`` over ``__call__``, and saving what it holds.

A component that holds data (a lexicon, an ontology, the user's actor files) names its parts in
:meth:`PipelineComponent.serializers`: part name -> (dump to bytes, load from bytes). The name is
also the file the part is written to in the component's directory, so ``nlp.to_disk()`` writes
``dateline_quotes/lexicon.json``. ``to_bytes``/``from_bytes`` and ``to_disk``/``from_disk`` are
written once here, as spaCy's own rulers do with ``spacy.util.to_bytes``/``from_bytes``; a part
named in ``exclude`` ("lexicon" or "lexicon.json") is skipped, and a file missing from the directory
leaves that part as it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Self

from spacy import util
from spacy.tokens import Doc

#: part name (also its file name) -> (dump the part to bytes, load it from bytes)
Serializers = Mapping[str, tuple[Callable[[], bytes], Callable[[bytes], object]]]


class PipelineComponent:
    """Base of dateline's components: a subclass gives ``__call__``, and ``serializers`` if it holds data."""

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def serializers(self) -> Serializers:
        """The parts the component saves; none by default."""
        return {}

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        parts = self.serializers()
        dumpers = {name: dump for name, (dump, _) in parts.items() if part_kept(name, exclude)}
        return util.to_bytes(dumpers, ())

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> Self:
        parts = self.serializers()
        loaders = {name: load for name, (_, load) in parts.items() if part_kept(name, exclude)}
        util.from_bytes(data, loaders, ())
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, (dump, _) in self.serializers().items():
            if part_kept(name, exclude):
                (path / name).write_bytes(dump())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Self:
        path = Path(path)
        for name, (_, load) in self.serializers().items():
            if part_kept(name, exclude) and (path / name).is_file():
                load((path / name).read_bytes())
        return self


def json_bytes(data: object) -> bytes:
    """``data`` as UTF-8 JSON with sorted keys: the bytes of a saved part that is plain data."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


def part_kept(name: str, exclude: Iterable[str]) -> bool:
    """Whether part ``name`` is saved: ``exclude`` names parts with or without their suffix, as spaCy's do."""
    return name.split(".")[0] not in exclude and name not in exclude
