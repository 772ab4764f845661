"""What every ``dateline`` command shares: dateline's errors printed with their code and exit status,
and the options of the commands that read documents.

The top-level commands (:mod:`dateline.cli`) and the evaluation commands
(:mod:`dateline.evaluation.commands`) both wrap their bodies in :func:`handle_errors`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from dateline.errors import DatelineError

__all__ = ["MAX_BYTES_CEILING", "dask_options", "handle_errors", "input_options"]

#: The largest ``--max-bytes`` accepted (2 GiB - 1): no single document can be read beyond it.
MAX_BYTES_CEILING = 2**31 - 1


def input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that reads documents."""
    options = [
        click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True)),
        click.option(
            "--published",
            metavar="DATE",
            help="Publication date (YYYY-MM-DD) for documents that carry none; relative dates use it.",
        ),
        click.option(
            "--max-bytes",
            type=int,
            default=None,
            help="Skip documents over this many bytes (default 5,000,000; DATELINE_MAX_DOCUMENT_BYTES; "
            f"at most {MAX_BYTES_CEILING:,}).",
        ),
        click.option(
            "--stdin-format",
            type=click.Choice(["txt", "html", "jsonl", "csv"]),
            default=None,
            help="Format of standard input when PATH is '-' (default: sniffed).",
        ),
        click.option("--model", default=None, help="spaCy model name or path (env DATELINE_SPACY_MODEL)."),
        click.option(
            "--n-process",
            type=int,
            default=1,
            show_default=True,
            help="Worker processes for spaCy (1 or more).",
        ),
        click.option(
            "--actors",
            "actor_files",
            multiple=True,
            type=click.Path(exists=True, dir_okay=False),
            help="Your own actor registry file (TOML); repeatable (env DATELINE_ACTOR_FILES).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def dask_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--dask [SCHEDULER]`` and ``--workers N``: read the documents on a Dask cluster."""
    options = [
        click.option(
            "--dask",
            "dask",
            is_flag=False,
            flag_value="local",
            default=None,
            metavar="[SCHEDULER]",
            help="Read on a Dask cluster: the scheduler at SCHEDULER (tcp://HOST:PORT), or with no value "
            "(after the paths) a local cluster of --workers processes. Needs the dask extra.",
        ),
        click.option(
            "--workers",
            type=int,
            default=None,
            help="Worker processes of the local --dask cluster, one thread each (default: one per CPU).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Print dateline's own errors as ``error[E101] ...`` and exit with the error's status."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DatelineError as exc:
            click.echo(f"error[{exc.code}] {exc.message}", err=True)
            sys.exit(exc.exit_status)

    return wrapper
