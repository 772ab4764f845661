#!/usr/bin/env python3
"""Time the gazetteer build and digest what it wrote, to show a faster build writes the same index.

Builds the full index (``build_gazetteer``) into a temporary folder (or reads an existing index with
``--index``) and prints the wall time and, per table, its row count and a SHA-256 digest of its rows
in their stored order (``entries`` by rowid, ``names``/``skeletons``/``abbreviations`` by key,
``hashsets`` by name; ``meta`` without its data version, which a rules bump changes). Two builds
with equal digests hold the same entries with the same ids, rowids and order, and the same keys.

    DATELINE_CACHE_DIR=/tmp/cache .venv/bin/python bench/gazetteer_build.py --json before.json
    DATELINE_CACHE_DIR=/tmp/cache .venv/bin/python bench/gazetteer_build.py --compare before.json
    .venv/bin/python bench/gazetteer_build.py --index some.sqlite     # digests only, no build
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from dateline.gazetteer import build_gazetteer

_TABLES = {
    "entries": "SELECT * FROM entries ORDER BY rowid",
    "names": "SELECT key, entry FROM names ORDER BY key, entry",
    "skeletons": "SELECT key, entry FROM skeletons ORDER BY key, entry",
    "abbreviations": "SELECT key, entry FROM abbreviations ORDER BY key, entry",
    "hashsets": "SELECT name, data FROM hashsets ORDER BY name",
    "meta": "SELECT key, value FROM meta WHERE key != 'data_version' ORDER BY key",
}


def digests(path: Path) -> dict[str, dict[str, object]]:
    """Row count and SHA-256 of every table's rows (``repr`` of each row tuple), in a fixed order."""
    out: dict[str, dict[str, object]] = {}
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for table, query in _TABLES.items():
            digest = hashlib.sha256()
            rows = 0
            for row in con.execute(query):
                digest.update(repr(row).encode("utf-8"))
                digest.update(b"\n")
                rows += 1
            out[table] = {"rows": rows, "sha256": digest.hexdigest()}
    finally:
        con.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="fingerprint this index instead of building one")
    parser.add_argument("--json", type=Path, help="write the result here")
    parser.add_argument("--compare", type=Path, help="a result written earlier: exit 1 when a table differs")
    args = parser.parse_args()
    result: dict[str, object] = {}
    if args.index is not None:
        path = args.index
        result["bytes"] = path.stat().st_size
        result["tables"] = digests(path)
    else:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "gazetteer.sqlite"
            started = time.perf_counter()
            stats = build_gazetteer(path)
            result["seconds"] = round(time.perf_counter() - started, 2)
            result["bytes"] = stats.bytes
            result["entries"] = stats.entries
            result["tables"] = digests(path)
    print(json.dumps(result, indent=1))
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    if args.compare is not None:
        before = json.loads(args.compare.read_text(encoding="utf-8"))["tables"]
        differ = [t for t in _TABLES if before.get(t) != result["tables"][t]]  # type: ignore[index]
        print("identical tables" if not differ else f"tables that differ: {', '.join(differ)}")
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
