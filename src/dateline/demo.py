"""The demo job: ingest the bundled sample corpus and write every export."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dateline.errors import MissingInput
from dateline.export import EXPORTERS
from dateline.extract import Extractor, RunReport, ingest_paths
from dateline.records import Record
from dateline.store import Store

SAMPLE_FILE = "founding_articles.jsonl"


def sample_corpus() -> Path:
    """The bundled sample corpus: inside the installed package, or ``examples/`` of a source checkout."""
    here = Path(__file__).resolve().parent
    for folder in (here / "examples", here.parents[1] / "examples"):
        if (folder / SAMPLE_FILE).exists():
            return folder / SAMPLE_FILE
    raise MissingInput(f"the sample corpus {SAMPLE_FILE} is not installed with this copy of dateline")


@dataclass
class DemoResult:
    records: list[Record]
    report: RunReport
    exports: dict[Path, int] = field(default_factory=dict)


def serve_command(output: Path) -> str:
    """The command that serves the demo's store (the map, the documents, the API)."""
    import shlex

    return f"dateline serve --db {shlex.quote(str(output / 'dateline.db'))}"


def run_demo(output: Path, extractor: Extractor) -> DemoResult:
    """Ingest the sample corpus into ``output/dateline.db`` and write every export format there."""
    output.mkdir(parents=True, exist_ok=True)
    corpus = sample_corpus()
    with Store.open(output / "dateline.db") as store:
        report = ingest_paths([corpus], extractor, store)
        records = list(store.iter_records())
        exports = {}
        for exporter in EXPORTERS.values():
            target = output / f"dateline{exporter.suffix}"
            exports[target] = exporter.write(store.iter_records(), target)
    return DemoResult(records=records, report=report, exports=exports)
