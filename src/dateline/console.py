"""Terminal rendering shared by CLI commands: progress bars, tables, problem lines."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from dateline.ingest import ReadProblem
from dateline.records import Record

stderr = Console(stderr=True, highlight=False)


class RateColumn(ProgressColumn):
    """Documents per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "– docs/s", style="progress.data.speed")


@contextmanager
def progress_bar(label: str, *, enabled: bool | None = None) -> Iterator[callable]:  # type: ignore[valid-type]
    """Yield ``advance(n)``; draws a bar with documents/s on stderr when it is a terminal."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield lambda n=1: None
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} docs"),
        RateColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=False,
    ) as progress:
        task = progress.add_task(label, total=None)
        yield lambda n=1: progress.advance(task, n)


def print_problem(problem: ReadProblem) -> None:
    err = problem.error
    stderr.print(f"[red]error\\[{err.code}][/red] {escape(err.message)}", soft_wrap=True)


def summary_table(records: Sequence[Record], title: str = "Documents") -> Table:
    table = Table(title=title)
    for column in (
        "id",
        "dateline",
        "published",
        "quantities",
        "dates",
        "quotes",
        "places",
        "actors",
        "events",
    ):
        table.add_column(column, justify="right" if column not in {"id", "dateline", "published"} else "left")
    for r in records:
        table.add_row(
            r.id,
            r.dateline.text if r.dateline else "–",
            r.published or "–",
            *(
                str(len(getattr(r, k)))
                for k in ("quantities", "dates", "quotes", "places", "actors", "events")
            ),
        )
    return table


def facts_table(record: Record) -> Table:
    """What one record says, one row per fact: kind, text as written, value read."""
    table = Table(title=f"{record.id}", show_lines=False)
    table.add_column("kind")
    table.add_column("text")
    table.add_column("reading")
    for q in record.quantities:
        bounds = f"[{_num(q.low)}, {_num(q.high)}]"
        reading = f"{bounds} best={_num(q.best)}" + (f" {q.qualifier}" if q.qualifier else "")
        table.add_row("quantity", q.text, reading + (f" unit={q.unit}" if q.unit else ""))
    for d in record.dates:
        table.add_row("date", d.text, f"{d.start}..{d.end} ({d.precision})" if d.resolved else "unresolved")
    for quote in record.quotes:
        table.add_row("quote", _clip(quote.text), quote.speaker_text or "–")
    for a in record.attributions:
        table.add_row("attribution", a.text, a.source_text)
    for h in record.hedges:
        table.add_row("hedge", h.text, h.modality)
    return table


def _num(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _clip(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def scores_table(result: dict, title: str) -> Table:
    """An evaluation result as rows of ``metric  value``; nested sections become dotted names."""
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
