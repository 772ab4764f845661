"""GTD-style CSV: one row per attack, in the Global Terrorism Database's column names, then dateline's own.

An attack is an event with a GTD attack type (:mod:`dateline.events.gtd`); protests, arrests and
statements are left out. The columns follow GTD's codebook: ``eventid`` (dateline's event id),
``iyear``/``imonth``/``iday`` (the event's date, else the publication date), ``country_txt``,
``provstate``, ``city``, ``latitude``, ``longitude``, ``specificity`` (1 a town, 2 a district or
near a town, 3 a province, region or country: the event's geo precision), ``summary`` (the evidence
sentences), ``attacktype1_txt``, ``targtype1_txt``, ``weaptype1_txt``, ``gname`` (the perpetrator's
name; "Unknown" when unidentified), ``claimed``, ``suicide``, ``success`` (1/0, empty when the text
does not say), ``nkill``/``nwound`` and of them the attackers ``nkillter``/``nwoundte``; then
``modality``, ``evidence_spans``, ``document_id``.

Cells that a spreadsheet would run as a formula get a leading ``'`` as in acled-csv
(:func:`dateline.export.acled_csv.neutralise`); ``raw=True`` writes them unchanged.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from dateline.export.acled_csv import neutralise
from dateline.export.files import output_file
from dateline.export.rows import Countries, RecordView
from dateline.records import Event, Quantity, Record, to_date

__all__ = ["GTD_COLUMNS", "GtdCsvExporter", "gtd_rows"]

GTD_COLUMNS: tuple[str, ...] = (
    "eventid", "iyear", "imonth", "iday", "country_txt", "provstate", "city", "latitude", "longitude",
    "specificity", "summary", "attacktype1_txt", "targtype1_txt", "weaptype1_txt", "gname", "claimed",
    "suicide", "success", "nkill", "nkillter", "nwound", "nwoundte",
    "modality", "evidence_spans", "document_id",
)  # fmt: skip

#: How the names of unidentified perpetrators begin ("Unidentified Armed Group (Nigeria)"): gname Unknown.
_UNNAMED = ("unidentified", "unknown")


def _value(q: Quantity | None) -> float | None:
    if q is None:
        return None
    for v in (q.best, q.low, q.high):
        if v is not None:
            return v
    return None


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(bool(value))


def _gname(view: RecordView, event: Event) -> str:
    for actor_id in event.actors:
        name = view.actor_name(actor_id) or ""
        if name and not name.lower().startswith(_UNNAMED):
            return name
    return "Unknown"


def gtd_rows(records: Iterable[Record], countries: Countries | None = None) -> Iterator[dict[str, Any]]:
    """One dict per attack of ``records``, keyed by :data:`GTD_COLUMNS`."""
    countries = countries or Countries.load()
    for record in records:
        view = RecordView(record)
        for event in record.events:
            if not event.gtd_attack_type:
                continue
            place = view.place(event.place)
            when = to_date(event.date.start if event.date else None) or to_date(record.published)
            yield {
                "eventid": event.id,
                "iyear": when.year if when else None,
                "imonth": when.month if when else None,
                "iday": when.day if when else None,
                "country_txt": countries.name(place.country_code) if place else None,
                "provstate": place.admin1 if place else None,
                "city": place.name if place else None,
                "latitude": place.lat if place else None,
                "longitude": place.lon if place else None,
                "specificity": event.geo_precision,
                "summary": " ".join(m.text for m in event.evidence) or None,
                "attacktype1_txt": event.gtd_attack_type,
                "targtype1_txt": event.gtd_target_type,
                "weaptype1_txt": event.gtd_weapon_type,
                "gname": _gname(view, event),
                "claimed": _flag(event.gtd_claimed),
                "suicide": _flag(event.gtd_suicide),
                "success": _flag(event.gtd_success),
                "nkill": _number(_value(event.fatalities)),
                "nkillter": _number(_value(event.fatalities_perpetrators)),
                "nwound": _number(_value(event.injured)),
                "nwoundte": _number(_value(event.injured_perpetrators)),
                "modality": event.modality,
                "evidence_spans": ";".join(f"{m.span[0]}-{m.span[1]}" for m in event.evidence),
                "document_id": record.id,
            }


class GtdCsvExporter:
    name = "gtd-csv"
    suffix = ".gtd.csv"  # beside acled-csv's ".csv" (`dateline demo` writes dateline<suffix> for each format)
    description = (
        "one row per attack in the Global Terrorism Database's columns (attack/target/weapon type, ...)"
    )

    def __init__(self, raw: bool = False) -> None:
        self.raw = raw

    def write(self, records: Iterable[Record], out: Path) -> int:
        written = 0
        with output_file(out, newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(GTD_COLUMNS)
            for row in gtd_rows(records):
                cells = ["" if row[c] is None else row[c] for c in GTD_COLUMNS]
                writer.writerow(cells if self.raw else [neutralise(c) for c in cells])
                written += 1
        return written
