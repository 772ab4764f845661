"""What every ``dateline`` command shares: dateline's errors printed with their code and exit status.

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

__all__ = ["handle_errors"]


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
