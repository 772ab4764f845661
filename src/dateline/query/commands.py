"""``dateline query events|places|actors|documents|relations``: a thin shell over :class:`Corpus`.

:func:`filter_options` are the filter options every reading command shares (``query`` and
``export``); :func:`criteria` turns them into :class:`Criteria`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from dateline.commandline import handle_errors
from dateline.query.paging import DEFAULT_LIMIT, KINDS, MAX_LIMIT
from dateline.settings import DEFAULT_DB

if TYPE_CHECKING:
    from dateline.query.filters import Criteria

FILTERS = ("actor", "place", "bbox", "type", "since", "until", "modality", "source")


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--actor --place --bbox --type --since --until --modality --source``."""
    helps = {
        "actor": "An actor id or any of its names or aliases (TTP, 'Pakistani Taliban').",
        "place": "A place id or name, with every place inside it (a province: its districts).",
        "bbox": "Events placed inside this box, W,S,E,N in degrees.",
        "type": "An event type, a family of types (violence, protest, ...), or an ACLED or PLOVER type.",
        "since": "Events whose date reaches this day or later (YYYY-MM-DD).",
        "until": "Events whose date begins this day or earlier (YYYY-MM-DD).",
        "modality": "asserted, reported, alleged, claimed, denied, believed, planned, hypothetical, negated.",
        "source": "The documents' source, exactly as stored.",
    }
    options = [
        click.option(f"--{name}", "event_type" if name == "type" else name, help=text)
        for name, text in helps.items()
    ]
    for option in reversed(options):
        func = option(func)
    return func


def criteria(kwargs: dict[str, Any]) -> Criteria:
    """The filter options (popped from ``kwargs``) as :class:`Criteria`."""
    from dateline.query.filters import Criteria

    values = {name: kwargs.pop("event_type" if name == "type" else name, None) for name in FILTERS}
    return Criteria(**values)


@click.group(name="query")
def query_group() -> None:
    """List what the store holds, filtered: events, places, actors, documents, relations."""


def _list_command(kind: str) -> click.Command:
    @click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite file, or a postgresql:// URL.")
    @filter_options
    @click.option("--limit", type=int, default=DEFAULT_LIMIT, show_default=True,
                  help=f"Items a page (1 to {MAX_LIMIT}).")  # fmt: skip
    @click.option("--cursor", default=None, help="The page after the one that printed this cursor.")
    @click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
                  show_default=True)  # fmt: skip
    @handle_errors
    def command(db: str, limit: int, cursor: str | None, fmt: str, **kwargs: Any) -> None:
        from dateline.query.corpus import Corpus
        from dateline.query.render import jsonl, table, to_csv

        where = criteria(kwargs)
        _require_db(db)
        with Corpus.open(db) as corpus:
            page = corpus.page(kind, where, cursor=cursor, limit=limit)
        if fmt == "jsonl":
            click.echo(jsonl(page.items), nl=False)
        elif fmt == "csv":
            click.echo(to_csv(page.items, kind=kind), nl=False)
        else:
            from rich.console import Console

            Console(width=180).print(table(kind, page.items, title=f"{len(page.items)} {kind}"))
        if page.next_cursor:
            click.echo(f"more: --cursor {page.next_cursor}", err=True)

    command.__doc__ = f"List the stored {kind} the filters select, a page at a time (--cursor for the next)."
    return click.command(name=kind)(command)


for _kind in KINDS:
    query_group.add_command(_list_command(_kind))


@query_group.command(name="facets")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite file, or a postgresql:// URL.")
@filter_options
@handle_errors
def query_facets(db: str, **kwargs: Any) -> None:
    """Count the selected events by type, family, modality, day, week, source, actor and place (JSON)."""
    from dateline.query.corpus import Corpus

    where = criteria(kwargs)
    _require_db(db)
    with Corpus.open(db) as corpus:
        out = {"counts": corpus.counts(where), "facets": corpus.facets(where)}
    click.echo(json.dumps(out, ensure_ascii=False, indent=2))


def _require_db(db: str) -> None:
    from pathlib import Path

    if "://" not in db and not Path(db).exists():
        from dateline.errors import MissingInput

        raise MissingInput(f"no database at {db}: run `dateline ingest PATH --db {db}` first")


__all__ = ["criteria", "filter_options", "query_group"]
