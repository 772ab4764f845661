"""The ``dateline`` command: a thin shell over :mod:`dateline.extract`, the store and the exporters.

The ``dateline eval`` commands live beside the scorers, in :mod:`dateline.evaluation.commands`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from dateline import __version__
from dateline.commandline import MAX_BYTES_CEILING, dask_options, handle_errors, input_options
from dateline.evaluation.commands import eval_group
from dateline.query.commands import criteria, filter_options, query_group
from dateline.serve.command import serve_command
from dateline.settings import DEFAULT_DB
from dateline.store.commands import db_group

if TYPE_CHECKING:
    from dateline.extract import ReadOptions, RecordReader, RecordSink

FORMATS = ("jsonl", "json", "table")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dateline")
def cli() -> None:
    """Read news reports about armed conflict as sourced, geolocated, queryable data."""


def _read_options(
    paths: Sequence[str], published: str | None, max_bytes: int | None, stdin_format: str | None
) -> ReadOptions:
    from dateline.extract import ReadOptions  # lazily: `dateline --help` stays fast

    return ReadOptions(
        published=published,
        max_bytes=max_bytes,
        stdin=sys.stdin.buffer if "-" in paths else None,
        stdin_format=stdin_format,
    )


def is_url(db: str) -> bool:
    return "://" in db


def _db_exists(db: str) -> bool:
    """A database URL is taken as existing; a file path must be there."""
    return is_url(db) or Path(db).exists()


@contextmanager
def _output(output: str | None) -> Iterator[IO[str]]:
    """The ``-o`` file (written whole or not at all), or standard output."""
    if not output:
        yield sys.stdout
        return
    from dateline.export.files import output_file

    with output_file(output) as fh:
        yield fh


def _require_db(db: str) -> None:
    if not _db_exists(db):
        from dateline.errors import MissingInput

        raise MissingInput(f"no database at {db}: run `dateline ingest PATH --db {db}` first")


def _prepare(
    paths: Sequence[str], published: str | None, max_bytes: int | None, n_process: int
) -> str | None:
    """Check the inputs and options before the model is loaded; the parsed ``--published``."""
    from dateline.errors import InvalidOption
    from dateline.ingest import parse_published, validate_paths

    if max_bytes is not None and max_bytes > MAX_BYTES_CEILING:
        raise InvalidOption(f"--max-bytes must be at most {MAX_BYTES_CEILING:,}, got {max_bytes:,}")
    if n_process < 1:
        raise InvalidOption(f"--n-process must be 1 or more, got {n_process}")
    validate_paths(paths)
    return parse_published(published) if published else None


@contextmanager
def _reader(
    dask: str | None, workers: int | None, model: str | None, n_process: int, actor_files: tuple[str, ...]
) -> Iterator[RecordReader]:
    """The pipeline in this process, or with ``--dask`` on a cluster's workers."""
    from dateline.errors import ConfigError, InvalidOption
    from dateline.extract import Extractor

    if dask is None:
        if workers is not None:
            raise InvalidOption("--workers is the number of --dask workers; give --dask too")
        yield Extractor(model=model, n_process=n_process, actor_files=actor_files or None)
        return
    if n_process != 1:
        raise InvalidOption("--n-process runs spaCy's processes here; with --dask give --workers")
    try:
        from dateline.cluster import DaskExtractor
    except ImportError as exc:
        raise ConfigError(f"--dask needs the dask extra: pip install 'dateline[dask]' ({exc})") from None
    with DaskExtractor.start(dask, workers=workers, model=model, actor_files=actor_files or None) as reader:
        yield reader


@contextmanager
def _sink(db: str, parquet: str | None) -> Iterator[RecordSink]:
    """The store at ``--db``, or the Parquet dataset at ``--parquet``."""
    if parquet:
        from dateline.export.dataset import ParquetDataset

        yield ParquetDataset(parquet)
        return
    from dateline.store import Store

    with Store.open(db) as store:
        yield store


@cli.command()
@input_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write here, not stdout (its folder is created; written whole or not at all).",
)
@dask_options
@handle_errors
def extract(
    paths: tuple[str, ...],
    published: str | None,
    max_bytes: int | None,
    stdin_format: str | None,
    model: str | None,
    n_process: int,
    actor_files: tuple[str, ...],
    fmt: str,
    output: str | None,
    dask: str | None,
    workers: int | None,
) -> None:
    """Read documents and print one record per document (see docs/record.md).

    PATH may be a .txt, .html, .jsonl or .csv file, a directory (read recursively) or '-' for stdin.
    With --dask, records come in the order the workers finish them.
    """
    from dateline.console import facts_table, print_problem, progress_bar, summary_table
    from dateline.extract import RunReport, extract_paths

    published = _prepare(paths, published, max_bytes, n_process)
    if output:
        from dateline.export.files import refuse_overwrite

        refuse_overwrite(output, [*paths, *actor_files])
    report = RunReport()
    bar = progress_bar("extract", enabled=sys.stderr.isatty() and fmt != "table")
    reader = _reader(dask, workers, model, n_process, actor_files)
    with reader as extractor, _output(output) as out, bar as advance:
        records = extract_paths(
            paths,
            extractor,
            report=report,
            options=_read_options(paths, published, max_bytes, stdin_format),
            on_problem=print_problem,
        )
        if fmt == "jsonl":
            for record in records:
                out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
                out.flush()
                advance(1)
        elif fmt == "json":
            json.dump([r.to_dict() for r in records], out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            from rich.console import Console

            console = Console(file=out, width=160) if output else Console(width=160)
            collected = []
            for record in records:
                collected.append(record)
                console.print(facts_table(record))
            console.print(summary_table(collected))
    if not report.ok:
        click.echo(f"{len(report.problems)} document(s) could not be read; {report.read} were.", err=True)
        sys.exit(1)


@cli.command()
@input_options
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite file, or a postgresql:// URL.")
@click.option(
    "--parquet",
    type=click.Path(file_okay=False),
    default=None,
    help="Store in a Parquet dataset in this folder, partitioned by date (instead of --db).",
)
@dask_options
@handle_errors
def ingest(
    paths: tuple[str, ...],
    published: str | None,
    max_bytes: int | None,
    stdin_format: str | None,
    model: str | None,
    n_process: int,
    actor_files: tuple[str, ...],
    db: str,
    parquet: str | None,
    dask: str | None,
    workers: int | None,
) -> None:
    """Read documents and store them, each exactly once (idempotent, resumable)."""
    from dateline.console import print_problem, progress_bar
    from dateline.extract import ingest_paths

    published = _prepare(paths, published, max_bytes, n_process)
    if parquet and click.get_current_context().get_parameter_source("db").name == "COMMANDLINE":
        from dateline.errors import InvalidOption

        raise InvalidOption("give --db or --parquet, not both")
    sink, reader = _sink(db, parquet), _reader(dask, workers, model, n_process, actor_files)
    with sink as store, reader as extractor, progress_bar("ingest") as advance:  # a bad --db fails first
        options = _read_options(paths, published, max_bytes, stdin_format)
        report = ingest_paths(
            paths, extractor, store, options=options, on_problem=print_problem, advance=advance
        )
    click.echo(
        f"{report.read + report.unreadable} document(s): {report.stored} stored, "
        f"{report.already_stored} already stored, {report.stored_elsewhere} stored by another process "
        f"meanwhile, {report.refused} refused (E300), {report.unreadable} could not be read "
        f"({parquet or db})",
        err=True,
    )
    if not report.ok:
        sys.exit(1)


@cli.command()
@click.argument("fmt", metavar="FORMAT")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite file, or a postgresql:// URL.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Output file (default: export.<suffix>)."
)
@click.option(
    "--table", default=None, help="parquet only: events (default), documents, quantities, dates, ..."
)
@click.option(
    "--raw-csv",
    is_flag=True,
    help="acled-csv only: write text cells as they are (by default a cell starting with = + - @ gets a "
    "leading ' so spreadsheets do not run it as a formula).",
)
@filter_options
@handle_errors
def export(fmt: str, db: str, output: str | None, table: str | None, raw_csv: bool, **filters: Any) -> None:
    """Write the store as FORMAT: jsonl, geojson, parquet or acled-csv.

    The filters (as `dateline query` takes them) select the documents written: those with an event
    that matches (or naming the actor or place).
    """
    from dateline.export import get_exporter
    from dateline.export.files import refuse_overwrite
    from dateline.query import Corpus

    options: dict[str, Any] = {}
    if table:
        options["table"] = table
    if raw_csv:
        options["raw"] = True
    exporter = get_exporter(fmt, **options)
    target = Path(output or f"export{exporter.suffix}")
    _require_db(db)
    if not is_url(db):
        refuse_overwrite(target, [db, f"{db}-wal", f"{db}-shm"], what="the store", folders=False)
    where = criteria(filters)
    with Corpus.open(db) as corpus:
        count = exporter.write(corpus.records(where), target)
    click.echo(f"{count} rows written to {target}", err=True)


@cli.command()
@click.option("-o", "--output", default="demo-output", show_default=True, type=click.Path(file_okay=False))
@click.option("--model", default=None, help="spaCy model name or path (env DATELINE_SPACY_MODEL).")
@handle_errors
def demo(output: str, model: str | None) -> None:
    """Ingest the bundled sample corpus, print a summary and write every export to OUTPUT."""
    from rich.console import Console

    from dateline.console import actors_table, events_table, facts_table, places_table, summary_table
    from dateline.demo import run_demo, serve_command
    from dateline.extract import Extractor

    result = run_demo(Path(output), Extractor(model=model))
    console = Console(width=200)
    for record in result.records:
        console.print(events_table(record))
        console.print(actors_table(record))
        console.print(places_table(record))
        console.print(facts_table(record))
    console.print(summary_table(result.records, title="dateline demo: the founding articles"))
    for path, rows in result.exports.items():
        console.print(f"  wrote {path} ({rows} rows)")
    console.print("\nSee it in a browser (the map, every fact back to its sentence):", highlight=False)
    console.print(f"  {serve_command(Path(output))}", markup=False, highlight=False)
    console.print("  then open http://127.0.0.1:8000/", highlight=False)


@cli.group()
def gazetteer() -> None:
    """Build and inspect the offline gazetteer (GeoNames, OCHA, OSM, Natural Earth)."""


@gazetteer.command(name="build")
@click.option(
    "--geonames",
    "dumps",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A GeoNames dump (allCountries.txt, AF.txt or its .zip) to merge; repeatable.",
)
@click.option("--countries", default=None, help="Only these ISO codes, comma-separated (a smaller index).")
@click.option(
    "--feature-classes", default="A,P,H,L,T", show_default=True, help="Dump feature classes to merge."
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Index file (default: the user cache).")
@handle_errors
def gazetteer_build(
    dumps: tuple[str, ...], countries: str | None, feature_classes: str, output: str | None
) -> None:
    """Build the gazetteer index from the shipped data (and any GeoNames dumps)."""
    from dateline.gazetteer import build_gazetteer

    stats = build_gazetteer(
        Path(output) if output else None,
        geonames=[Path(d) for d in dumps],
        countries=[c.strip().upper() for c in countries.split(",")] if countries else None,
        feature_classes=[c.strip().upper() for c in feature_classes.split(",") if c.strip()],
        progress=lambda line: click.echo(line, err=True),
    )
    levels = ", ".join(f"{n:,} {level}" for level, n in stats.entries_by_level.items())
    click.echo(f"{stats.entries:,} entries ({levels}); {stats.keys:,} names; {stats.path}")


@gazetteer.command(name="lookup")
@click.argument("name")
@click.option("--fuzzy/--exact", default=True, show_default=True, help="Also spelling variants.")
@click.option("--limit", default=10, show_default=True)
@click.option(
    "--index", type=click.Path(exists=True, dir_okay=False), help="Index file (default: the cache)."
)
@handle_errors
def gazetteer_lookup(name: str, fuzzy: bool, limit: int, index: str | None) -> None:
    """Show the gazetteer entries a place name can refer to, best first."""
    from rich.console import Console
    from rich.table import Table

    from dateline.gazetteer import Gazetteer

    found = Gazetteer.load(Path(index) if index else None).candidates(name, fuzzy=fuzzy)[:limit]
    table = Table(title=f"{name!r}: {len(found)} candidate(s)")
    for column in ("id", "name", "feature", "country", "admin1", "admin2", "lat, lon", "population", "match"):
        table.add_column(column)
    for c in found:
        e = c.entry
        table.add_row(
            e.id,
            e.name,
            e.feature_code,
            e.country_code,
            e.admin1 or "",
            e.admin2 or "",
            f"{e.lat:.3f}, {e.lon:.3f}",
            f"{e.population:,}",
            f"{c.kind} {c.score:.2f}",
        )
    Console(width=160).print(table)


def _registry(extra: tuple[str, ...]):  # -> ActorRegistry
    from dateline.actors import ActorRegistry

    return ActorRegistry.load([Path(p) for p in extra])


registry_option = click.option(
    "--actors",
    "actor_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Your own actor registry file (TOML, [[actor]] tables); repeatable. Replaces same-id actors.",
)


@cli.group()
def actors() -> None:
    """Inspect the actor registry and what the stored corpus says about an actor."""


@actors.command(name="list")
@click.option("--kind", default=None, help="Only this kind (militant_group, person, government, ...).")
@click.option("--country", default=None, help="Only this ISO country code.")
@click.option("--query", default=None, help="Only actors with this in their id or one of their names.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@registry_option
@handle_errors
def actors_list(kind: str | None, country: str | None, query: str | None, fmt: str, actor_files) -> None:
    """List registry actors (canonical name, kind, country, aliases)."""
    from dateline.actors.report import entry_dict, list_actors

    registry = _registry(actor_files)
    found = list_actors(registry, kind=kind, country=country, query=query)
    if fmt == "json":
        click.echo(json.dumps([entry_dict(e, registry) for e in found], ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(found)} actor(s)")
    for column in ("id", "name", "kind", "country", "ACLED inter", "aliases"):
        table.add_column(column)
    for e in found:
        aliases = ", ".join(e.aliases[:6]) + (" …" if len(e.aliases) > 6 else "")
        table.add_row(e.id, e.name, e.kind, e.country_code or "", str(e.acled_inter or ""), aliases)
    Console(width=180).print(table)


@actors.command(name="show")
@click.argument("name")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite file, or a postgresql:// URL.")
@registry_option
@handle_errors
def actors_show(name: str, db: str, actor_files) -> None:
    """Show an actor: registry entry, roles, links, and its mentions, quotes and facts in the store."""
    from dateline.actors.report import actor_report
    from dateline.query import Corpus

    registry = _registry(actor_files)
    if not _db_exists(db):
        from dateline.actors.report import entry_dict

        found = registry.lookup(name)
        report = {
            "status": "found" if found else "not_found",
            "actors": [entry_dict(e, registry) for e in found],
            "note": f"no database at {db}: registry only",
        }
    else:
        with Corpus.open(db, registry=registry) as corpus:
            report = actor_report(corpus, registry, name)
    click.echo(json.dumps(report, ensure_ascii=False, indent=2, default=str))
    if report.get("status") == "not_found":
        sys.exit(1)


@actors.command(name="suggest")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite file, or a postgresql:// URL.")
@click.option(
    "--min-documents", default=2, show_default=True, help="Unknown actors seen in at least this many."
)
@registry_option
@handle_errors
def actors_suggest(db: str, min_documents: int, actor_files) -> None:
    """Propose registry additions from the stored corpus, as TOML you can paste into your own file."""
    from dateline.actors.suggest import render_toml, suggest_aliases
    from dateline.query import Corpus

    _require_db(db)
    registry = _registry(actor_files)
    with Corpus.open(db, registry=registry) as corpus:
        suggestions = suggest_aliases(corpus.records(), registry, min_documents=min_documents)
    click.echo(render_toml(suggestions))
    click.echo(f"{len(suggestions)} suggestion(s)", err=True)


cli.add_command(eval_group)
cli.add_command(query_group)
cli.add_command(serve_command)
cli.add_command(db_group)


def main() -> None:
    cli(prog_name="dateline")


if __name__ == "__main__":
    main()
