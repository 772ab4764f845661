"""The tree's own rules (docs/architecture.md): one-way imports, no cycles, small modules, unique names.

These read the source as text (``ast``), so they hold for lazy imports inside functions too.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "dateline"

#: Layers from the bottom up. A module may import from its own layer and the layers below it, never above.
#: The longest matching prefix decides: ``nlp.extensions`` (the Doc._ contract every component writes to)
#: sits at the bottom, the rest of ``nlp`` (the pipeline that assembles the components) above the features.
LAYERS: dict[str, int] = {
    **dict.fromkeys(["records", "record_values", "errors", "text", "identity", "settings", "lexicon"], 0),
    **dict.fromkeys(["plugins", "eventrow", "alternation"], 0),
    **dict.fromkeys(["nlp.extensions", "nlp.component", "nlp.doc_cache", "nlp.gated_matcher"], 0),
    **dict.fromkeys(["gazetteer", "ingest"], 1),
    **dict.fromkeys(["quantities", "dates", "quotes", "places", "actors", "events", "relations"], 2),
    "nlp": 3,
    **dict.fromkeys(["store", "export", "evaluation", "commandline"], 4),
    **dict.fromkeys(["extract", "demo", "console", "query", "cluster"], 5),
    **dict.fromkeys(["cli", "serve"], 6),
}
FEATURES = ("quantities", "dates", "quotes", "places", "actors", "events", "relations")
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__")
        found[name] = path
    return found


MODULES = _modules()


def _layer(module: str) -> int | None:
    relative = module.removeprefix("dateline.")
    matches = [p for p in LAYERS if relative == p or relative.startswith(p + ".")]
    return LAYERS[max(matches, key=len)] if matches else None


def _owner(name: str) -> str | None:
    """The module ``name`` lives in: itself, or the longest module prefix of it."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) for every dateline import in the file, at any depth."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "dateline":
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                yield node.lineno, sub if sub in MODULES else node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "dateline":
                    yield node.lineno, alias.name


def test_every_module_has_a_layer() -> None:
    unplaced = [m for m in MODULES if m != "dateline" and _layer(m) is None]
    assert not unplaced, f"add these to LAYERS (and docs/architecture.md): {unplaced}"


def test_imports_flow_one_way() -> None:
    upward = []
    for module, path in MODULES.items():
        if module == "dateline":  # the lazy public facade names everything
            continue
        for line, target in _imports(path):
            if _layer(target) is not None and _layer(target) > _layer(module):
                upward.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    assert not upward, "\n".join(upward)


def test_no_import_cycles() -> None:
    graph = {m: set() for m in MODULES}
    for module, path in MODULES.items():
        if module == "dateline":
            continue
        for _, target in _imports(path):
            owner = _owner(target)
            if owner and owner not in (module, "dateline"):
                graph[module].add(owner)
    cycles, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_no_module_over_the_size_limit() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in MODULES.values()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split by responsibility: {long}"


def test_class_names_are_unique() -> None:
    seen: dict[str, list[str]] = {}
    for module, path in MODULES.items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                seen.setdefault(node.name, []).append(module)
    shared = {name: where for name, where in seen.items() if len(where) > 1}
    assert not shared, shared


def test_no_module_finds_files_by_climbing_the_tree() -> None:
    climbing = re.compile(r"__file__\)?(?:\.resolve\(\))?\.parents\[")
    found = [str(p.relative_to(ROOT)) for p in MODULES.values() if climbing.search(p.read_text("utf-8"))]
    assert not found, f"ship the file as package data or take it as an argument: {found}"


def test_no_module_shadows_the_standard_library() -> None:
    import sys

    shadowing = [m for m in MODULES if m.rpartition(".")[2] in sys.stdlib_module_names]
    assert not shadowing, shadowing


@pytest.mark.parametrize("feature", FEATURES)
def test_each_feature_is_one_package_with_its_component(feature: str) -> None:
    folder = PACKAGE / feature
    assert (folder / "__init__.py").is_file()
    assert (folder / "component.py").is_file()
    factories = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["entry-points"][
        "spacy_factories"
    ]
    assert f"dateline_{feature}" in factories
    assert factories[f"dateline_{feature}"].startswith(f"dateline.{feature}.component:")


def test_tests_mirror_the_packages() -> None:
    for feature in FEATURES:
        assert list((ROOT / "tests" / feature).glob("test_*.py")), f"tests/{feature}/ has no tests"
