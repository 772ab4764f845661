"""From the paths a user gives to (reader, source) pairs: files, directories and stdin (``-``)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from dateline.errors import ConfigError, InputError, MissingInput, UnsupportedFormat
from dateline.ingest.base import Reader, ReadProblem, Source
from dateline.ingest.decode import SAMPLE_BYTES, bom_encoding, utf16_without_bom
from dateline.ingest.lines import buffered
from dateline.ingest.readers import ReaderRegistry

STDIN = "-"
STDIN_ORIGIN = "<stdin>"


def _formats(registry: ReaderRegistry) -> str:
    return ", ".join(registry.extensions)


def unsupported(origin: str, registry: ReaderRegistry) -> UnsupportedFormat:
    suffix = Path(origin).suffix
    what = f"{suffix!r} files" if suffix else "files without an extension"
    return UnsupportedFormat(f"{origin}: dateline cannot read {what}; accepted formats: {_formats(registry)}")


def check_stdin_once(paths: Sequence[str | Path]) -> None:
    """Raise :class:`ConfigError` when ``-`` (standard input, which can be read once) is given twice."""
    if sum(str(given) == STDIN for given in paths) > 1:
        raise ConfigError(
            "'-' (standard input) is given more than once; standard input can be read only once"
        )


def check_paths(paths: Sequence[str | Path], registry: ReaderRegistry) -> None:
    """Raise :class:`ConfigError` for a second ``-``, or :class:`MissingInput` or
    :class:`UnsupportedFormat` for the first bad path."""
    check_stdin_once(paths)
    for given in paths:
        if str(given) == STDIN:
            continue
        path = Path(given)
        if not path.exists():
            raise MissingInput(f"{given}: no such file or directory")
        if not path.is_dir() and registry.for_extension(path.suffix) is None:
            raise unsupported(str(given), registry)


def file_source(path: Path) -> Source:
    def opener() -> IO[bytes]:
        return open(path, "rb")  # noqa: SIM115 - the reader closes it

    return Source(origin=str(path), open=opener, size=path.stat().st_size)


def _walk(directory: Path, registry: ReaderRegistry) -> Iterator[Path | ReadProblem]:
    """Files under ``directory`` that a reader accepts: sorted by name, hidden entries skipped.

    Symbolic links to directories are not followed (no cycles); links to files are. A link that
    leads nowhere (dangling, or a loop) is a :class:`MissingInput` problem when its name or its
    target's has an accepted extension; other files are passed over as before.
    """
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as error:
        origin = str(directory)
        yield ReadProblem(origin, InputError(f"{origin}: cannot list directory ({error.strerror})"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path), registry)
        elif _is_file(entry):
            if registry.for_extension(os.path.splitext(entry.name)[1]) is not None:
                yield Path(entry.path)
        elif entry.is_symlink() and not os.path.exists(entry.path):
            problem = _broken_link(Path(entry.path), registry)
            if problem is not None:
                yield problem


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:  # a loop of links
        return False


def _broken_link(link: Path, registry: ReaderRegistry) -> ReadProblem | None:
    """The problem of a symbolic link whose target does not exist, if it names a readable format."""
    try:
        target = os.readlink(link)
    except OSError:
        target = ""
    names = (link.name, os.path.basename(target))
    if all(registry.for_extension(os.path.splitext(name)[1]) is None for name in names):
        return None
    origin = str(link)
    message = f"{origin}: broken symbolic link (its target {target!r} does not exist or loops)"
    return ReadProblem(origin, MissingInput(message))


def _sniff(head: bytes) -> str:
    """``jsonl`` when the text starts with ``{``, ``html`` with ``<``, else ``txt``."""
    bom = bom_encoding(head)
    encoding, skip = bom if bom else (utf16_without_bom(head) or "latin-1", 0)
    start = head[skip : skip + 256].decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n")
    return {"{": "jsonl", "<": "html"}.get(start[:1], "txt")


def stdin_source(
    stream: IO[bytes], stdin_format: str | None, registry: ReaderRegistry
) -> tuple[Reader, Source]:
    """The reader and source for standard input; the caller's stream is never closed."""
    head = stream.read(SAMPLE_BYTES) if stdin_format is None else b""
    name = stdin_format or _sniff(head)
    reader = registry.for_name(name)
    if reader is None:
        raise UnsupportedFormat(
            f"unknown stdin format {name!r}; accepted: {', '.join(sorted(registry.names))}"
        )
    return reader, Source(origin=STDIN_ORIGIN, open=lambda: buffered(head, stream))


def iter_sources(
    paths: Sequence[str | Path],
    registry: ReaderRegistry,
    stdin: IO[bytes] | None,
    stdin_format: str | None,
) -> Iterator[tuple[Reader, Source] | ReadProblem]:
    for given in paths:
        if str(given) == STDIN:
            yield stdin_source(stdin if stdin is not None else sys.stdin.buffer, stdin_format, registry)
            continue
        path = Path(given)
        if path.is_dir():
            for found in _walk(path, registry):
                if isinstance(found, ReadProblem):
                    yield found
                    continue
                yield from _pair(found, registry)
        elif not path.exists():
            yield ReadProblem(str(given), MissingInput(f"{given}: no such file or directory"))
        else:
            yield from _pair(path, registry)


def _pair(path: Path, registry: ReaderRegistry) -> Iterator[tuple[Reader, Source] | ReadProblem]:
    reader = registry.for_extension(path.suffix)
    if reader is None:
        yield ReadProblem(str(path), unsupported(str(path), registry))
        return
    try:
        yield reader, file_source(path)
    except OSError as error:
        yield ReadProblem(str(path), InputError(f"{path}: cannot read ({error.strerror})"))
