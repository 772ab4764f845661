"""Score dateline on incidents that people coded: ACLED notes, GTD summaries, RAND descriptions.

``evaluate_incidents(nlp, kind, path)`` reads a CSV of coded incidents (ACLED's export, the Global
Terrorism Database's or RAND's Database of Worldwide Terrorism Incidents'), reads each description
through the library (documents built as the JSONL reader builds them, records from the pipeline; for
ACLED the rows ``dateline export acled-csv`` writes, :class:`dateline.export.rows.AcledRows`) and
compares what dateline read with what the coders filled in. Each metric is a share of the rows it
applies to (:data:`METRICS` says what each one checks).

Which rows: ACLED rows with notes, each note once (one incident split over rows shares a note) and
not the "coded as" notes that describe coding; GTD rows with a summary; RAND rows from 2002 on with a
description. ``limit`` rows (0: all) are drawn after shuffling with ``random.Random(seed)``.

Which of dateline's events is the incident: for GTD and RAND the event with the most people killed
plus injured, else the first violent one (an ACLED violent type), else the first; for ACLED the row
with the most fatalities, else the first row.

Names are compared normalised (accents, case and punctuation dropped), admin areas without their
suffixes ("province") and with known spellings and close transliterations counted alike (the tables
of ``evaluation/data/incidents.json``), points by great-circle distance.
"""

from __future__ import annotations

import csv
import json
import math
import random
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from importlib import resources
from pathlib import Path
from typing import IO, Any

from dateline.errors import MalformedRecord, MissingInput, UndecodableDocument

__all__ = ["METRICS", "REQUIRED_COLUMNS", "SETS", "IncidentTally", "evaluate_incidents", "read_incidents"]

SETS = ("acled", "gtd", "rand")
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "acled": ("event_id_cnty", "notes", "event_date_iso", "event_type", "sub_event_type", "actor1", "admin1"),
    "gtd": ("eventid", "summary", "iyear", "imonth", "iday"),
    "rand": ("row_id", "Description", "Date"),
}  # fmt: skip

#: What each metric checks (``dateline eval incidents --help`` and the README list these).
METRICS: dict[str, str] = {
    "event_found": "dateline read at least one event (ACLED: one row) from the description",
    "one_row": "ACLED: exactly one row for the note (ACLED codes most notes as one event)",
    "event_type": "ACLED: the incident row's event_type equals ACLED's",
    "sub_event_type": "ACLED: the incident row's sub_event_type equals ACLED's",
    "actor1": "ACLED: actor1 equals ACLED's, ignoring ACLED's '(2014-)' periods",
    "admin1": "ACLED, GTD: the place's first-level admin area (GTD: or its name) is the coders' "
    "admin1/provstate",
    "admin2": "ACLED: the row's admin2 or location is ACLED's admin2 (rows with an admin2)",
    "point_25km": "ACLED, GTD: the place is within 25 km of the coded point (town-level rows only)",
    "fatalities_exact": "the fatalities equal the coders' (ACLED: summed over the note's rows; "
    "GTD nkill; RAND Fatalities; none read counts as 0)",
    "injured_exact": "GTD, RAND: the injured equal the coders' (nwound, Injuries)",
    "perp_named": "GTD, RAND: a name or alias of one of the incident's actors is the coded group "
    "(its name, its parenthesised acronym or a known alias)",
    "perp_unknown_ok": "GTD, group coded Unknown: dateline names no militant group, or an unidentified one",
    "attack_type": "GTD: the incident's ACLED type or sub-event type is compatible with GTD's "
    "attack type (a bombing is an explosion, ...)",
    "attack_type_gtd": "GTD: the incident's gtd_attack_type equals GTD's attacktype1_txt",
    "city_named": "RAND: the place's name or admin2 is RAND's City",
}

Row = dict[str, str]


def _tables() -> dict[str, Any]:
    text = resources.files("dateline.evaluation").joinpath("data", "incidents.json").read_text("utf-8")
    return json.loads(text)


TABLES = _tables()


def norm(value: Any) -> str:
    """Lower case without accents; hyphens, underscores, quotes, dots and commas as spaces."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[-_'’`.,]", " ", text)
    return " ".join(text.split())


def admin_key(value: Any) -> str:
    key = norm(value)
    for suffix in TABLES["admin_suffixes"]:
        if key.endswith(suffix):
            key = key[: -len(suffix)]
    for prefix in TABLES["admin_prefixes"]:
        if key.startswith(prefix):
            key = key[len(prefix) :]
    return key.strip()


_ALIAS_KEYS = [{admin_key(x) for x in group} for group in TABLES["admin_aliases"]]


def same_admin(a: Any, b: Any) -> bool:
    """Two admin names are one area: equal keys, equal without spaces, close spellings, known aliases."""
    ka, kb = admin_key(a), admin_key(b)
    if not ka or not kb:
        return False
    if ka == kb or ka.replace(" ", "") == kb.replace(" ", ""):
        return True
    if min(len(ka), len(kb)) >= 5 and SequenceMatcher(None, ka, kb).ratio() >= 0.85:
        return True
    return any(ka in keys and kb in keys for keys in _ALIAS_KEYS)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lat2 = math.radians(a[0]), math.radians(b[0])
    dlat, dlon = lat2 - lat1, math.radians(b[1] - a[1])
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def number(value: Any) -> float | None:
    """A non-negative number, or None (empty, NaN, negative, not a number)."""
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) or out < 0 else out


def quantity_value(q: dict[str, Any] | None) -> float | None:
    if not q:
        return None
    value = next((q[k] for k in ("best", "low", "high") if q.get(k) is not None), None)
    return float(value) if value is not None else None


def group_names(name: Any) -> set[str]:
    """A coded group's name, the acronyms in its parentheses, and the aliases of a known group."""
    raw = str(name or "")
    names = {norm(re.sub(r"\(.*?\)", "", raw))} | {norm(x) for x in re.findall(r"\((.*?)\)", raw)}
    for key, aliases in TABLES["groups"].items():
        if norm(key) in names:
            names |= {norm(a) for a in aliases}
    return {n for n in names if n}


def acled_actor(name: Any) -> str:
    """An ACLED actor name without its period: 'Military Forces of Nigeria (2015-)'."""
    key = norm(name)
    period = re.search(r"\(\s*\d{4}\s*[\d ]*\)$", key)
    return key[: period.start()].strip() if period else key


# --- reading the coded rows ------------------------------------------------------------------------


def read_incidents(path: Path | str, kind: str) -> list[Row]:
    """The rows of a coded CSV; E107 when it does not exist, E104 when it is not text, E106 when it
    is not CSV or lacks a column ``kind`` needs."""
    path = Path(path)
    if kind not in SETS:
        raise MalformedRecord(f"unknown incident set {kind!r}; one of {', '.join(SETS)}")
    if not path.is_file():
        raise MissingInput(f"no coded incidents at {path}")
    csv.field_size_limit(1 << 30)
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            if "\x00" in fh.read(8192):
                raise UndecodableDocument(f"{path}: a binary file, not a CSV")
            fh.seek(0)
            reader = csv.DictReader(fh)
            header = reader.fieldnames
            if not header:
                raise MalformedRecord(f"{path}: an empty file, without a header row")
            missing = [c for c in REQUIRED_COLUMNS[kind] if c not in header]
            if missing:
                raise MalformedRecord(
                    f"{path}: a {kind} file needs the column(s) {', '.join(missing)}; "
                    f"it has {', '.join(h for h in header if h)}"
                )
            return [dict(r) for r in reader]
    except UnicodeDecodeError:
        raise UndecodableDocument(f"{path}: not UTF-8 text, cannot read it as CSV") from None
    except csv.Error as exc:
        raise MalformedRecord(f"{path}: not a readable CSV ({exc})") from None
    except OSError as exc:
        raise MissingInput(f"cannot read {path}: {exc.strerror}") from None


def usable(kind: str, rows: list[Row]) -> list[Row]:
    """The rows that can be scored (see the module docstring)."""
    if kind == "acled":
        seen: set[str] = set()
        out = []
        for r in rows:
            note = r.get("notes") or ""
            if note and "coded as" not in note and note not in seen:
                seen.add(note)
                out.append(r)
        return out
    if kind == "rand":
        return [r for r in rows if str(r.get("Date", "")) >= "2002" and r.get("Description")]
    return [r for r in rows if r.get("summary")]


def draw(rows: list[Row], limit: int, seed: int) -> list[Row]:
    random.Random(seed).shuffle(rows)
    return rows[:limit] if limit else rows


def document_fields(kind: str, row: Row) -> dict[str, str]:
    """The JSONL-shaped fields (id, text, published) of one coded row."""
    if kind == "acled":
        return {"id": row["event_id_cnty"], "text": row["notes"], "published": row["event_date_iso"]}
    if kind == "rand":
        return {"id": str(row["row_id"]), "text": row["Description"], "published": str(row["Date"])[:10]}
    y, m, d = (int(float(row[k])) for k in ("iyear", "imonth", "iday"))
    return {"id": row["eventid"], "text": row["summary"], "published": f"{y:04d}-{m:02d}-{max(1, d):02d}"}


# --- tallying --------------------------------------------------------------------------------------


@dataclass
class IncidentTally:
    """Per metric: rows right and rows scored; each miss, with what was wanted and read, to ``misses``."""

    misses: IO[str] | None = None
    counts: dict[str, list[int]] = field(default_factory=dict)

    def add(self, metric: str, ok: bool, miss: dict[str, Any]) -> None:
        right, total = self.counts.setdefault(metric, [0, 0])
        self.counts[metric] = [right + bool(ok), total + 1]
        if not ok and self.misses is not None:
            self.misses.write(json.dumps({"metric": metric, **miss}, ensure_ascii=False, default=str) + "\n")

    def result(self) -> dict[str, dict[str, Any]]:
        return {
            k: {"correct": c, "total": t, "accuracy": round(c / t, 4) if t else None}
            for k, (c, t) in sorted(self.counts.items())
        }


# --- scoring ---------------------------------------------------------------------------------------


def _primary(record: dict[str, Any]) -> dict[str, Any] | None:
    """The incident among a record's events: most killed plus injured, else first violent, else first."""
    events = record.get("events") or []
    if not events:
        return None

    def hurt(e: dict[str, Any]) -> float:
        return (quantity_value(e.get("fatalities")) or 0) + (quantity_value(e.get("injured")) or 0)

    heaviest = max(events, key=hurt)
    if hurt(heaviest) > 0:
        return heaviest
    violent = {norm(t) for t in TABLES["violent_event_types"]}
    return next((e for e in events if norm(e.get("acled_event_type")) in violent), events[0])


def _place(record: dict[str, Any], event: dict[str, Any] | None) -> dict[str, Any] | None:
    if not event:
        return None
    return next((p for p in record.get("places") or [] if p.get("id") == event.get("place")), None)


def _actor_names(record: dict[str, Any], event: dict[str, Any] | None) -> set[str]:
    """Names and aliases of the event's actors, plus one ``__kind__<kind>`` entry per actor."""
    ids = (event or {}).get("actors") or []
    out: set[str] = set()
    for actor in record.get("actors") or []:
        if actor.get("id") in ids:
            out |= {norm(actor.get("name")), *(norm(a) for a in actor.get("aliases") or [])}
            out.add(f"__kind__{actor.get('kind')}")
    return out


def _view(record: dict[str, Any], event: dict[str, Any] | None) -> dict[str, Any] | None:
    if not event:
        return None
    place = _place(record, event) or {}
    return {
        "type": event.get("type"), "acled": event.get("acled_sub_event_type"), "actors": event.get("actors"),
        "gtd_attack_type": event.get("gtd_attack_type"), "place": place.get("name"),
        "admin1": place.get("admin1"), "fatalities": quantity_value(event.get("fatalities")),
        "injured": quantity_value(event.get("injured")),
    }  # fmt: skip


def _near(place: dict[str, Any] | None, row: Row, lat: str = "latitude", lon: str = "longitude") -> bool:
    if not place or place.get(lat) in (None, "") or place.get(lon) in (None, ""):
        return False
    return (
        distance_km((float(place[lat]), float(place[lon])), (float(row["latitude"]), float(row["longitude"])))
        <= 25
    )


def score_gtd(row: Row, record: dict[str, Any], tally: IncidentTally) -> None:
    event = _primary(record)
    place = _place(record, event)
    keys = ("provstate", "city", "latitude", "longitude", "nkill", "nwound", "gname", "attacktype1_txt")
    miss = {"id": row["eventid"], "text": row["summary"], "gold": {k: row.get(k) for k in keys},
            "got": _view(record, event)}  # fmt: skip
    tally.add("event_found", event is not None, miss)
    if row.get("provstate") and row["provstate"] != "Unknown":
        ok = place is not None and (same_admin(place.get("admin1"), row["provstate"])
                                    or same_admin(place.get("name"), row["provstate"]))  # fmt: skip
        tally.add("admin1", ok, miss)
    if str(row.get("specificity", "")).split(".")[0] == "1" and row.get("latitude"):
        tally.add("point_25km", _near(place, row, "lat", "lon"), miss)
    _casualties(row, event, tally, miss, "nkill", "nwound")
    names = _actor_names(record, event)
    if norm(row.get("gname")) == "unknown":
        unnamed = any("unidentified" in n or "unknown" in n for n in names)
        tally.add("perp_unknown_ok", "__kind__militant_group" not in names or unnamed, miss)
    elif row.get("gname"):
        tally.add("perp_named", bool(names & group_names(row["gname"])), miss)
    gold = row.get("attacktype1_txt")
    if gold:
        tally.add("attack_type_gtd", bool(event) and norm(event.get("gtd_attack_type")) == norm(gold), miss)
    compatible = {norm(k).replace(" / ", "/"): v for k, v in TABLES["attack_types"].items()}
    wanted = compatible.get(norm(gold).replace(" / ", "/"))
    if wanted is not None:
        got = (
            {norm(event.get("acled_sub_event_type")), norm(event.get("acled_event_type"))} if event else set()
        )
        tally.add("attack_type", bool(got & {norm(x) for x in wanted}), miss)


def score_rand(row: Row, record: dict[str, Any], tally: IncidentTally) -> None:
    event = _primary(record)
    keys = ("City", "Country", "Perpetrator", "Fatalities", "Injuries")
    miss = {"id": row["row_id"], "text": row["Description"], "gold": {k: row.get(k) for k in keys},
            "got": _view(record, event)}  # fmt: skip
    tally.add("event_found", event is not None, miss)
    _casualties(row, event, tally, miss, "Fatalities", "Injuries")
    if row.get("City") and row["City"] != "Unknown":
        place = _place(record, event)
        ok = place is not None and (same_admin(place.get("name"), row["City"])
                                    or same_admin(place.get("admin2"), row["City"]))  # fmt: skip
        tally.add("city_named", ok, miss)
    perp = norm(row.get("Perpetrator"))
    if perp and perp not in ("unknown", "other"):
        tally.add("perp_named", bool(_actor_names(record, event) & group_names(row["Perpetrator"])), miss)


def _casualties(
    row: Row, event: dict[str, Any] | None, tally: IncidentTally, miss: dict, dead: str, hurt: str
) -> None:
    for metric, column, key in (("fatalities_exact", dead, "fatalities"), ("injured_exact", hurt, "injured")):
        want = number(row.get(column))
        if want is not None:
            tally.add(metric, (quantity_value((event or {}).get(key)) or 0) == want, miss)


def score_acled(row: Row, rows: list[dict[str, str]], tally: IncidentTally) -> None:
    """``rows``: the acled-csv rows (as their CSV cells) dateline wrote for the note."""
    heaviest = max(rows, key=lambda g: number(g.get("fatalities")) or 0, default={})
    event = heaviest if (number(heaviest.get("fatalities")) or 0) > 0 else (rows[0] if rows else {})
    keys = ("event_type", "sub_event_type", "actor1", "admin1", "admin2", "location", "latitude", "longitude",
            "fatalities")  # fmt: skip
    miss = {"id": row["event_id_cnty"], "text": row["notes"], "gold": {k: row.get(k) for k in keys},
            "got": {k: event.get(k) for k in keys}, "rows": len(rows)}  # fmt: skip
    tally.add("event_found", bool(rows), miss)
    tally.add("one_row", len(rows) == 1, miss)
    tally.add("event_type", norm(event.get("event_type")) == norm(row["event_type"]), miss)
    tally.add("sub_event_type", norm(event.get("sub_event_type")) == norm(row["sub_event_type"]), miss)
    actor = event.get("actor1")
    tally.add("actor1", bool(actor) and acled_actor(actor) == acled_actor(row["actor1"]), miss)
    tally.add("admin1", same_admin(event.get("admin1"), row["admin1"]), miss)
    if row.get("admin2"):
        ok = same_admin(event.get("admin2"), row["admin2"]) or same_admin(
            event.get("location"), row["admin2"]
        )
        tally.add("admin2", ok, miss)
    if str(row.get("geo_precision", "")).startswith("1") and row.get("latitude"):
        tally.add("point_25km", bool(event.get("latitude")) and _near(event, row), miss)
    want = number(row.get("fatalities"))
    if want is not None:
        tally.add("fatalities_exact", sum(number(g.get("fatalities")) or 0 for g in rows) == want, miss)


def evaluate_incidents(
    nlp: Any,
    kind: str,
    path: Path | str,
    *,
    limit: int = 400,
    seed: int = 7,
    misses: IO[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Scores of dateline on a coded CSV (see the module docstring); ``misses`` gets every miss."""
    from dateline.export.rows import AcledRows  # the rows `dateline export acled-csv` writes
    from dateline.nlp.pipeline import analyse

    rows = draw(usable(kind, read_incidents(path, kind)), limit, seed)
    tally = IncidentTally(misses)
    records = {r.id: r for r in analyse(nlp, _documents(kind, rows, progress))}
    if kind == "acled":
        written: dict[str, list[dict[str, str]]] = {}
        for out in AcledRows().rows(records.values(), acled_only=True):
            written.setdefault(str(out["document_id"]), []).append({k: _csv_cell(v) for k, v in out.items()})
        for row in rows:
            score_acled(row, written.get(row["event_id_cnty"], []), tally)
    else:
        score = score_gtd if kind == "gtd" else score_rand
        for row in rows:
            record = records.get(document_fields(kind, row)["id"])
            score(row, record.to_dict() if record is not None else {}, tally)
    return {"set": kind, "file": str(path), "rows": len(rows), "metrics": tally.result()}


def _documents(kind: str, rows: list[Row], progress: Callable[[int], None] | None) -> Iterator[Any]:
    from dateline.ingest.base import ReadContext
    from dateline.ingest.fields import document_from_fields
    from dateline.records import Document
    from dateline.settings import Settings

    ctx = ReadContext(max_bytes=Settings().max_document_bytes)
    for n, row in enumerate(rows, start=1):
        item = document_from_fields(document_fields(kind, row), ctx, f"row {n}")
        if isinstance(item, Document):
            yield item
        if progress is not None:
            progress(n)


def _csv_cell(value: Any) -> str:
    """A value as the acled-csv file holds it (formula-like text neutralised, as the exporter does)."""
    from dateline.export.acled_csv import neutralise

    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(neutralise(value))


def iter_metric_help() -> Iterable[str]:
    return (f"{name}: {text}" for name, text in METRICS.items())
