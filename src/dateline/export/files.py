"""Output files that are never destroyed: refuse to overwrite what is read, replace only when complete.

Every writer (``dateline extract -o``, each exporter) goes through :func:`output_path` or
:func:`output_file`: the output is written to a temporary file in the same folder and renamed over the
target with :func:`os.replace` only once it is complete, so a failed, full or interrupted run leaves any
earlier file as it was and no half-written one. A target that exists and is not a regular file
(``/dev/stdout``, a FIFO, ``/dev/full``) is written in place: it cannot be renamed over. Writing problems
(no space, no permission) become :class:`~dateline.errors.OutputError` (E400), and
:func:`refuse_overwrite` raises :class:`~dateline.errors.OutputIsInput` (E401) before anything is opened.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from dateline.errors import OutputError, OutputIsInput

__all__ = ["output_file", "output_path", "refuse_overwrite"]


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _is_special(path: Path) -> bool:
    """True when ``path`` exists and is not a regular file (a device, a FIFO, a socket)."""
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def refuse_overwrite(
    output: str | Path, protected: Iterable[str | Path], *, what: str = "an input", folders: bool = True
) -> None:
    """Raise E401 when ``output`` is one of ``protected`` (the same file by inode or by resolved path), or,
    with ``folders``, lies inside one of them that is a folder (a run would read its own output)."""
    target = Path(output)
    if _is_special(target):
        return  # /dev/stdout and the like are not files that reading could destroy
    ident = _identity(target)
    resolved = target.expanduser().resolve()
    for item in protected:
        if str(item) == "-":
            continue
        path = Path(item).expanduser()
        if path.is_dir():
            if folders and resolved.is_relative_to(path.resolve()):
                raise OutputIsInput(
                    f"the output {output} is inside the input folder {item}: the run would read its own "
                    "output; write it elsewhere"
                )
            continue
        if (ident is not None and ident == _identity(path)) or resolved == path.resolve():
            raise OutputIsInput(
                f"the output {output} is {what} ({item}); writing it would destroy it: choose another path"
            )


def _mode_for(target: Path) -> int:
    """The permissions the output gets: those of the file it replaces, or the usual ones for a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _output_error(target: Path, exc: OSError) -> OutputError:
    return OutputError(f"cannot write {target}: {exc.strerror or exc}")


@contextlib.contextmanager
def output_path(out: str | Path) -> Iterator[Path]:
    """Yield the path to write ``out``'s content to; on success it becomes ``out``.

    The folder of ``out`` is created; a symbolic link is followed. If the block raises, the temporary
    file is removed and ``out`` is untouched; an :class:`OSError` from the block or the rename is E400.
    """
    target = Path(out)
    if target.is_symlink() and not _is_special(target):  # write where the link points; the link stays
        target = target.resolve()
    if _is_special(target):  # /dev/stdout (a link to a pipe), /dev/full, a FIFO: written in place
        try:
            yield target
        except OSError as exc:
            raise _output_error(target, exc) from None
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        os.close(fd)
    except OSError as exc:
        raise _output_error(target, exc) from None
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise _output_error(target, exc) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


class _GuardedFile:
    """A text file whose write errors are E400 (a full disk shows up at write, flush or close)."""

    def __init__(self, fh: IO[str], target: Path) -> None:
        self._fh = fh
        self._target = target

    def write(self, text: str) -> int:
        try:
            return self._fh.write(text)
        except OSError as exc:
            raise _output_error(self._target, exc) from None

    def flush(self) -> None:
        try:
            self._fh.flush()
        except OSError as exc:
            raise _output_error(self._target, exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)


@contextlib.contextmanager
def output_file(out: str | Path, *, newline: str | None = None) -> Iterator[IO[str]]:
    """Yield a UTF-8 text file that becomes ``out`` when the block ends without error."""
    with output_path(out) as path:
        try:
            fh = path.open("w", encoding="utf-8", newline=newline)
        except OSError as exc:
            raise _output_error(Path(out), exc) from None
        try:
            yield _GuardedFile(fh, Path(out))  # type: ignore[misc]
            fh.flush()
            if not _is_special(path):
                os.fsync(fh.fileno())
        finally:
            with contextlib.suppress(OSError):  # the error, if any, was raised by the flush above
                fh.close()
