"""Readers, exporters and gazetteer sources of another package, found through real entry points.

A tiny distribution (a module and its ``.dist-info`` with ``entry_points.txt``) is written into a
temporary directory put on ``sys.path``, as ``pip install`` would leave it in site-packages.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline.errors import ConfigError, UnknownExportFormat, UnsupportedFormat
from dateline.export import EXPORTERS, get_exporter, installed_exporters
from dateline.gazetteer import data_version
from dateline.gazetteer.merge import Merger
from dateline.gazetteer.sources import BuildContext, installed_sources
from dateline.ingest import read_documents, validate_paths
from dateline.ingest.readers import default_registry
from dateline.text import default_normaliser

PLUGIN = textwrap.dedent(
    '''
    """A third-party package adding a format, an export format and a gazetteer source."""

    from dateline.gazetteer.merge import Draft
    from dateline.records import Document


    class UpperReader:
        name = "upper"
        extensions = (".up",)
        order = 25  # listed between html (20) and jsonl (30)

        def read(self, source, ctx):
            with source.open() as stream:
                text = stream.read().decode("utf-8")
            yield Document(id="u1", text=text.upper(), origin=source.origin)


    class TsvExporter:
        name = "tsv-demo"
        suffix = ".tsv"
        description = "document ids and titles, tab-separated"

        def write(self, records, out):
            rows = [f"{r.id}\\t{r.title or ''}" for r in records]
            out.write_text("".join(row + "\\n" for row in rows), encoding="utf-8")
            return len(rows)


    class DemoPlaces:
        name = "demo_places"
        order = 95  # after the GeoNames dumps, before the curated data

        def merge(self, merger, build):
            draft = Draft(id="demo:1", level="place", name="Demoville", country_code="XX",
                          feature_class="P", feature_code="PPL", lat=1.0, lon=2.0, sources=["demo"])
            merger.add(draft)
            build.counts[self.name] += 1


    READER = UpperReader()
    SOURCE = DemoPlaces()
    NOT_A_READER = object()
    '''
)

ENTRY_POINTS = """\
[dateline_readers]
upper = dateline_plugin_demo:READER

[dateline_exporters]
tsv-demo = dateline_plugin_demo:TsvExporter

[dateline_gazetteer_sources]
demo_places = dateline_plugin_demo:SOURCE
"""


def _install(root: Path, name: str, entry_points: str, module: str | None = None) -> Path:
    """A distribution ``name`` in ``root``, as pip leaves one: its module and its dist-info."""
    root.mkdir(parents=True, exist_ok=True)
    if module is not None:
        (root / "dateline_plugin_demo.py").write_text(module, encoding="utf-8")
    info = root / f"{name.replace('-', '_')}-0.1.dist-info"  # as pip names it
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    return root


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The demo distribution on ``sys.path`` for one test; its module is forgotten afterwards."""
    root = _install(tmp_path / "site", "dateline-plugin-demo", ENTRY_POINTS, PLUGIN)
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.delitem(sys.modules, "dateline_plugin_demo", raising=False)
    yield root
    sys.modules.pop("dateline_plugin_demo", None)


def test_a_reader_of_another_package_reads_its_format(plugin: Path, tmp_path: Path) -> None:
    registry = default_registry()
    assert registry.extensions == (".txt", ".text", ".html", ".htm", ".up", ".jsonl", ".ndjson", ".csv")
    path = tmp_path / "report.up"
    path.write_text("kabul (reuters) - a blast.", encoding="utf-8")
    validate_paths([path])
    (doc,) = list(read_documents([path]))
    assert doc.text == "KABUL (REUTERS) - A BLAST."
    with pytest.raises(UnsupportedFormat) as unknown:  # unknown names keep their coded error
        read_documents([path], stdin_format="nope")
    assert unknown.value.code == "E101" and "upper" in unknown.value.message
    (tmp_path / "report.zzz").write_text("x", encoding="utf-8")
    with pytest.raises(UnsupportedFormat, match=r"\.up"):
        validate_paths([tmp_path / "report.zzz"])


def test_an_exporter_of_another_package_is_found_by_name(plugin: Path, tmp_path: Path) -> None:
    assert "tsv-demo" not in EXPORTERS  # installed after dateline.export was imported
    exporter = get_exporter("tsv-demo")
    assert (exporter.name, exporter.suffix) == ("tsv-demo", ".tsv")
    assert exporter.write([], tmp_path / "out.tsv") == 0
    assert list(installed_exporters()) == ["acled-csv", "geojson", "gtd-csv", "jsonl", "parquet", "tsv-demo"]
    with pytest.raises(UnknownExportFormat) as unknown:
        get_exporter("xlsx")
    assert unknown.value.code == "E302" and "tsv-demo" in unknown.value.message


def test_the_exporters_of_a_fresh_interpreter_include_another_packages(plugin: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugin), os.environ.get("PYTHONPATH", "")])}
    shown = subprocess.run(
        [sys.executable, "-c", "from dateline.export import EXPORTERS; print(','.join(EXPORTERS))"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    assert shown.stdout.strip() == "acled-csv,geojson,gtd-csv,jsonl,parquet,tsv-demo"


def test_a_gazetteer_source_of_another_package_runs_in_its_place(plugin: Path) -> None:
    with_plugin = data_version()
    names = [s.name for s in installed_sources()]
    assert names[-3:] == ["geonames_dump", "demo_places", "curated"]
    (demo,) = [s for s in installed_sources() if s.name == "demo_places"]
    merger, build = Merger(default_normaliser()), BuildContext()
    demo.merge(merger, build)
    assert merger.drafts["demo:1"].name == "Demoville" and build.counts["demo_places"] == 1
    sys.path.remove(str(plugin))  # the source changes the index, so its data version (file name) too
    assert data_version() != with_plugin
    assert [s.name for s in installed_sources()] == [n for n in names if n != "demo_places"]


def test_an_entry_point_that_does_not_load_is_a_config_error(tmp_path: Path, monkeypatch) -> None:
    broken = _install(
        tmp_path / "broken", "dateline-broken", "[dateline_readers]\nbad = no_such_module:READER\n"
    )
    monkeypatch.syspath_prepend(str(broken))
    with pytest.raises(ConfigError, match="'bad'.*no_such_module") as error:
        default_registry()
    assert error.value.code == "E200"


def test_an_entry_point_of_the_wrong_kind_is_a_config_error(
    plugin: Path, tmp_path: Path, monkeypatch
) -> None:
    wrong = _install(
        tmp_path / "wrong", "dateline-wrong", "[dateline_readers]\nodd = dateline_plugin_demo:NOT_A_READER\n"
    )
    monkeypatch.syspath_prepend(str(wrong))
    with pytest.raises(ConfigError, match="not a reader named 'odd'"):
        default_registry()
