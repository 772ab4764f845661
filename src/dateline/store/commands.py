"""``dateline db ...``: commands on the store itself (``copy``: between SQLite and PostgreSQL)."""

from __future__ import annotations

import sys

import click

from dateline.commandline import handle_errors


@click.group(name="db")
def db_group() -> None:
    """Manage stores: copy one between SQLite and PostgreSQL."""


@db_group.command(name="copy")
@click.argument("source")
@click.argument("target")
@click.option(
    "--merge",
    is_flag=True,
    help="The target may hold documents already: add the source's records to them, each text once "
    "(a document id stored with other text is refused, E300). Without it a non-empty target is refused.",
)
@handle_errors
def db_copy(source: str, target: str, merge: bool) -> None:
    """Copy the store SOURCE into TARGET: a SQLite file path or sqlite:///PATH, or postgresql://USER@HOST/NAME.

    Into an empty target the copy is exact (the same keys, so API cursors stay valid) and all or
    nothing. `dateline db copy dateline.db postgresql://me@localhost/news` moves a store to PostgreSQL.
    """
    from dateline.store.engine import display
    from dateline.store.transfer import copy_store

    report = copy_store(source, target, merge=merge)
    if report.merged:
        click.echo(
            f"merged into {display(target)}: {report.stored} document(s) stored, {report.already_stored} "
            f"already stored, {report.refused} refused (E300)",
            err=True,
        )
        if report.refused:
            sys.exit(1)
        return
    rows = ", ".join(f"{n:,} {table}" for table, n in report.rows.items() if n)
    click.echo(f"copied {display(source)} to {display(target)}: {rows or 'an empty store'}", err=True)
