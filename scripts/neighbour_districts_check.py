#!/usr/bin/env python3
"""How often :mod:`dateline.gazetteer.neighbours` gives a place its true district.

    .venv/bin/python scripts/neighbour_districts_check.py [--countries MX SY AF ...] [--sample 400]

Leaves each of ``--sample`` coded places of a country out in turn (places whose district the
sources gave, not the neighbours) and asks the same vote the build uses which district it lies in.
Prints, per country: the share that gets a district (``given``), and of those the share that is
right (``right``). Reads the built index (``Gazetteer.load()``), so it runs offline.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
from collections import defaultdict

from dateline.gazetteer import Gazetteer
from dateline.gazetteer.neighbours import INFERRED_CODE, district_vote, grid_cell

_COUNTRIES = ("MX", "SY", "YE", "IN", "UA", "NG", "AF", "PK", "SO", "IQ", "LB", "TR", "CO", "PH")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--countries", nargs="+", default=list(_COUNTRIES))
    ap.add_argument("--sample", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    con = sqlite3.connect(Gazetteer.load().path)
    print(f"{'country':8} {'coded':>8} {'given':>7} {'right':>7}")
    for cc in args.countries:
        rows = [
            (a1, a2, lat, lon)
            for a1, a2, lat, lon, codes in con.execute(
                "SELECT admin1_code, admin2_code, lat, lon, codes FROM entries WHERE country_code = ? AND "
                "feature_class = 'P' AND admin1_code IS NOT NULL AND admin2_code IS NOT NULL",
                (cc,),
            )
            if INFERRED_CODE not in codes
        ]
        grid: dict[tuple[str, str, int, int], list[tuple[float, float, str]]] = defaultdict(list)
        for a1, a2, lat, lon in rows:
            grid[(cc, a1, *grid_cell(lat, lon))].append((lat, lon, a2))
        random.seed(args.seed)
        given = right = 0
        sample = random.sample(rows, min(args.sample, len(rows)))
        for a1, a2, lat, lon in sample:
            cell = grid[(cc, a1, *grid_cell(lat, lon))]
            cell.remove((lat, lon, a2))  # left out while it is asked about
            code = district_vote(grid, cc, a1, lat, lon)
            cell.append((lat, lon, a2))
            given += code is not None
            right += code == a2
        n = len(sample) or 1
        print(f"{cc:8} {len(rows):>8} {given / n:>7.2f} {right / max(1, given):>7.2f}")


if __name__ == "__main__":
    main()
