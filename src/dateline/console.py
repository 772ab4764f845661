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


def _names(record: Record) -> dict[str, str]:
    return {a.id: a.name or a.id for a in record.actors}


def places_table(record: Record) -> Table:
    """The places a record resolved: one row per gazetteer entry."""
    table = Table(title=f"{record.id}: places")
    for column in ("place", "feature", "country", "admin1", "lat, lon", "mentions"):
        table.add_column(column)
    for p in record.places:
        lat, lon = p.lat, p.lon
        flag = f" (ambiguous: {len(p.candidates)} readings)" if p.ambiguous else ""
        table.add_row(
            escape(str(p.name)) + flag,
            str(p.feature or ""),
            str(p.country_code or ""),
            escape(str(p.admin1 or "")),
            f"{lat:.3f}, {lon:.3f}" if lat is not None and lon is not None else "–",
            str(len(p.mentions)),
        )
    for u in record.unresolved_places:
        table.add_row(
            escape(u.get("text", "")), "ambiguous", "", "", "–", f"{len(u.get('candidates') or [])} cand."
        )
    return table


def actors_table(record: Record) -> Table:
    """The actors a record names: canonical name, kind, country, how often."""
    table = Table(title=f"{record.id}: actors")
    for column in ("actor", "kind", "country", "registry", "mentions", "as written"):
        table.add_column(column)
    for a in sorted(record.actors, key=lambda a: -len(a.mentions)):
        written = sorted({m.text for m in a.mentions})
        table.add_row(
            escape(str(a.name)),
            str(a.kind or ""),
            str(a.country_code or ""),
            "yes" if a.registered else "new",
            str(len(a.mentions)),
            escape(_clip(", ".join(written), 60)),
        )
    return table


def events_table(record: Record, *, acled_only: bool = True) -> Table:
    """Events as rows a reader can check: type, who, where, when, how many, how surely, from where."""
    names = _names(record)
    places: dict[str | None, str] = {p.id: p.name for p in record.places}
    shown = [e for e in record.events if e.acled_event_type or not acled_only]
    table = Table(title=f"{record.id}: events ({len(shown)} of {len(record.events)}; others are verbal)")
    widths = {
        "type": 18,
        "ACLED": 24,
        "actors": 26,
        "place": 24,
        "date": 22,
        "killed / size": 20,
        "modality": 8,
    }
    for column in ("type", "ACLED", "actors", "place", "date", "killed / size", "modality", "evidence"):
        width = widths.get(column)
        table.add_column(
            column, no_wrap=True, overflow="ellipsis", max_width=width or 40, min_width=width and 8
        )
    for e in shown:
        when = (e.date.start if e.date else None) or ""
        if e.date and e.date.end and e.date.end != when:
            when += f"..{e.date.end}"
        counted = e.fatalities or e.size
        count = (counted.text if counted else None) or ""
        if e.fatalities:
            f = e.fatalities
            count = f"{_num(f.best if f.best is not None else f.low)} killed"
        where = places.get(e.place) or ""
        if e.destination:
            where = f"{places.get(e.origin) or '?'} → {places.get(e.destination)}"
        table.add_row(
            str(e.type),
            escape(str(e.acled_sub_event_type or e.acled_event_type or "")),
            escape(", ".join(names.get(a, a) for a in e.actors)),
            escape(str(where)),
            when,
            escape(str(count)),
            str(e.modality),
            escape(_clip(e.evidence[0].text if e.evidence else "", 50)),
        )
    return table
