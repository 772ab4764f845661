"""The ``dateline eval`` commands: score an extractor against a gold file, fit the place resolver.

:mod:`dateline.cli` adds :data:`eval_group` to the ``dateline`` command. Each command prints its
scores as a table or (``--format json``) as one JSON object.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dateline.commandline import handle_errors
from dateline.evaluation.incidents import METRICS

if TYPE_CHECKING:
    from rich.table import Table

__all__ = ["eval_group", "scores_table"]


def score_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--format and --model, shared by every evaluation command."""
    func = click.option("--model", default=None, help="spaCy model name or path.")(func)
    return click.option(
        "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
    )(func)


@click.group(name="eval")
def eval_group() -> None:
    """Measure an extractor against a gold file."""


def _print_scores(result: dict[str, Any], fmt: str, title: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False))
        return
    from rich.console import Console

    Console(width=140).print(scores_table(result, title=title))


def _print_comparison(result: dict[str, Any]) -> None:
    """dateline's accuracy and recall beside Mordecai 3's published figure for the corpus."""
    from rich.console import Console
    from rich.table import Table

    from dateline.evaluation.geoparse import comparison_rows

    mordecai = "mordecai3_accuracy_161km" in result
    title = f"dateline and Mordecai 3 ({result['corpus']})" if mordecai else "dateline (no Mordecai 3 figure)"
    table = Table(title=title)
    table.add_column("metric")
    table.add_column("dateline")
    if mordecai:
        table.add_column("Mordecai 3")
    for metric, ours, theirs in comparison_rows(result):
        table.add_row(metric, ours, *((theirs,) if mordecai else ()))
    Console(width=140).print(table)


def _eval_command(name: str) -> None:
    @eval_group.command(name=name, help=f"Score the {name} extractor against a gold JSONL file.")
    @click.option(
        "--gold",
        type=click.Path(exists=True, dir_okay=False),
        default=None,
        help=f"Gold JSONL (default: the shipped {name}_gold.jsonl).",
    )
    @score_options
    @handle_errors
    def command(gold: str | None, fmt: str, model: str | None) -> None:
        from dateline.evaluation import run_evaluation

        result = run_evaluation(name, Path(gold) if gold else None, model=model)
        _print_scores(result, fmt, f"dateline eval {name}")


for _name in ("quantities", "dates", "quotes", "relations"):
    _eval_command(_name)


@eval_group.command(name="actors")
@click.option(
    "--gold",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Actor gold JSONL (default: the shipped actors_gold.jsonl).",
)
@click.option(
    "--plover",
    "plover",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Score against PLOVER gold-standard records (JSON array) instead.",
)
@score_options
@handle_errors
def eval_actors(gold: str | None, plover: str | None, fmt: str, model: str | None) -> None:
    """Score actor recognition and resolution (gold JSONL), or PLOVER source/target actors."""
    if plover:
        from dateline.evaluation.plover import evaluate_plover
        from dateline.nlp.pipeline import load_pipeline

        result = evaluate_plover(load_pipeline(model), Path(plover))
    else:
        from dateline.evaluation import run_evaluation

        result = run_evaluation("actors", Path(gold) if gold else None, model=model)
    _print_scores(result, fmt, "dateline eval actors" + (" (PLOVER)" if plover else ""))


@eval_group.command(name="events")
@click.option(
    "--gold",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="An ACLED export (CSV; report text in `notes`). Default: the shipped events_acled_gold.csv.",
)
@click.option(
    "--plover",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Score event types against PLOVER gold-standard records (JSON array) instead.",
)
@score_options
@handle_errors
def eval_events(gold: str | None, plover: str | None, fmt: str, model: str | None) -> None:
    """Score events against an ACLED CSV (types, admin1/2, 25 km, fatalities, actor1) or PLOVER."""
    from dateline.evaluation import shipped_gold
    from dateline.evaluation.events import evaluate_acled_csv, evaluate_plover_events
    from dateline.nlp.pipeline import load_pipeline

    nlp = load_pipeline(model)
    if plover:
        result = evaluate_plover_events(nlp, Path(plover))
    else:
        path = Path(gold) if gold else shipped_gold("events_acled_gold.csv")
        result = evaluate_acled_csv(nlp, path)
    _print_scores(result, fmt, "dateline eval events" + (" (PLOVER)" if plover else ""))


@eval_group.command(name="geoparse")
@click.option(
    "--gold",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Toponym gold JSONL (the pragmatic-guide format: text + toponyms with start, end, lat, lon).",
)
@click.option(
    "--mode",
    type=click.Choice(["end-to-end", "gold"]),
    default="end-to-end",
    show_default=True,
    help="end-to-end: recognise and resolve; gold: resolve the gold toponym spans.",
)
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
@click.option(
    "--settings",
    "settings_file",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Resolver settings JSON (e.g. written by `dateline eval fit-resolver`) instead of the shipped ones.",
)
@click.option(
    "--references/--no-references",
    default=None,
    help="Count demonyms, names inside names and datelines as predictions "
    "(default: on GeoWebNews, LGL and TR-News, whose gold annotates them).",
)
@score_options
@handle_errors
def eval_geoparse(
    gold: str,
    mode: str,
    limit: int | None,
    settings_file: str | None,
    references: bool | None,
    fmt: str,
    model: str | None,
) -> None:
    """Score place recognition (P/R/F1) and resolution (accuracy within 161 km, km errors)."""
    from dateline.evaluation.geoparse import evaluate_geoparse
    from dateline.evaluation.resolver_fit import load_resolver_settings
    from dateline.nlp.pipeline import load_pipeline

    settings = load_resolver_settings(Path(settings_file)) if settings_file else None
    nlp = load_pipeline(model, components=("dateline_places",))  # the only component scored
    if settings is not None:
        nlp.get_pipe("dateline_places").resolver_settings = settings
    result = evaluate_geoparse(nlp, Path(gold), mode=mode, limit=limit, references=references)
    _print_scores(result, fmt, f"dateline eval geoparse ({mode})")
    if fmt == "table":
        _print_comparison(result)


@eval_group.command(name="fit-resolver")
@click.option(
    "--gold",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Toponym gold JSONL to fit on (the format of `dateline eval geoparse`).",
)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, writable=True),
    help="Write the fitted resolver settings (the shape of resolve.json) here.",
)
@click.option("--rounds", type=int, default=5, show_default=True, help="Fits, each re-reading the context.")
@click.option("--l2", type=float, default=0.01, show_default=True, help="L2 penalty on the weights.")
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
@click.option("--model", default=None, help="spaCy model name or path.")
@handle_errors
def eval_fit_resolver(
    gold: str, out: str, rounds: int, l2: float, limit: int | None, model: str | None
) -> None:
    """Fit the place resolver's weights on a toponym gold file; write the settings, print the report.

    Evaluate the result on other corpora with `dateline eval geoparse --gold OTHER --settings OUT`.
    """
    from dateline.evaluation.resolver_fit import fit_resolver_weights
    from dateline.nlp.pipeline import load_pipeline

    fit = fit_resolver_weights(
        load_pipeline(model, components=("dateline_places",)),  # the only component the fit reads
        Path(gold),
        rounds=rounds,
        l2=l2,
        limit=limit,
        progress=lambda line: click.echo(line, err=True),
    )
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(fit["settings"], indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    click.echo(json.dumps(fit["report"], indent=2, ensure_ascii=False))
    click.echo(f"resolver settings written to {target}", err=True)


_INCIDENT_HELP = """Score dateline on incidents people coded (ACLED, GTD or RAND CSV exports).

Reads each description in-process (for ACLED through the rows `dateline export acled-csv` writes)
and compares dateline's incident with the coders' row. Prints, per metric, the rows right, the rows
it applies to and the share:

\b
""" + "\n".join(f"  {name}: {text}" for name, text in METRICS.items())


@eval_group.command(name="incidents", help=_INCIDENT_HELP)
@click.option(
    "--set", "kind", type=click.Choice(["acled", "gtd", "rand"]), required=True, help="Whose coding."
)
@click.option("--file", "path", required=True, type=click.Path(dir_okay=False), help="The coded CSV.")
@click.option("--limit", type=int, default=400, show_default=True, help="Rows to score (0: all).")
@click.option("--seed", type=int, default=7, show_default=True, help="Shuffles the rows before --limit.")
@click.option(
    "--misses", type=click.Path(dir_okay=False), default=None, help="Write every miss here (JSON lines)."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--model", default=None, help="spaCy model name or path.")
@handle_errors
def eval_incidents(
    kind: str, path: str, limit: int, seed: int, misses: str | None, fmt: str, model: str | None
) -> None:
    from dateline.evaluation.incidents import evaluate_incidents, read_incidents
    from dateline.export.files import output_file
    from dateline.nlp.pipeline import load_pipeline

    read_incidents(path, kind)  # a bad file fails before the model loads
    nlp = load_pipeline(model)
    if misses:
        with output_file(Path(misses)) as fh:
            result = evaluate_incidents(nlp, kind, path, limit=limit, seed=seed, misses=fh)
    else:
        result = evaluate_incidents(nlp, kind, path, limit=limit, seed=seed)
    if fmt == "json":
        click.echo(json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False))
        return
    for name, m in result["metrics"].items():
        share = f"{m['accuracy']:6.1%}" if m["accuracy"] is not None else "     -"
        click.echo(f"{name:22s} {m['correct']:5d}/{m['total']:<5d} {share}")
    summary = ", ".join(
        f"{k} {m['accuracy']:.0%}" for k, m in result["metrics"].items() if m["accuracy"] is not None
    )
    click.echo(f"incidents {kind} ({Path(path).name}, {result['rows']} rows): {summary}")


def scores_table(result: dict, title: str) -> Table:
    """An evaluation result as rows of ``metric  value``; nested sections become dotted names."""
    from rich.markup import escape  # lazily: `dateline --help` stays fast
    from rich.table import Table

    table = Table(title=title)
    table.add_column("metric")
    table.add_column("value")
    examples: list[tuple[str, list]] = []

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, dict):
            if {"correct", "total", "accuracy"} <= set(value):
                shown = "–" if value["accuracy"] is None else f"{value['accuracy']:.3f}"
                table.add_row(prefix, f"{shown} ({value['correct']}/{value['total']})")
                return
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
        elif isinstance(value, list):
            examples.append((prefix, value))
        else:
            table.add_row(prefix, f"{value:.3f}" if isinstance(value, float) else str(value))

    walk("", result)
    for name, items in examples:
        for i, item in enumerate(items[:10]):
            table.add_row(name if i == 0 else "", escape(_clip(str(item), 90)))
    return table


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
