"""Score the ``dateline_events`` component on ACLED exports and on PLOVER's gold-standard records.

``evaluate_acled_csv(nlp, csv_path)`` reads a CSV in ACLED's export format (one event per row; the
text read is the ``notes`` column, ``event_date`` is the reference date for relative dates) and, per
row, takes dateline's main event of the notes (an event with an ACLED type; the one whose trigger is
nearest the root of its sentence, the first on a tie). It reports how many rows got an event
(detection), and the accuracy of ``event_type``, ``sub_event_type``, ``admin1``, ``admin2``,
coordinates within 25 km, ``fatalities`` (equal counts) and ``actor1`` (one of the actor's names
equals ACLED's, ignoring ACLED's "(2013-2018)" periods and "TTP:" prefixes), over all rows (a row with
no event counts as wrong) and over the rows with an event. Fields ACLED leaves empty are not scored.

``evaluate_plover_events(nlp, path)`` reads PLOVER's gold-standard records (a JSON array of
``{"text", "event", ...}``) and compares the PLOVER type of dateline's main event of each sentence
(``NONE`` when it reads no event with a PLOVER type) with the gold ``event``: accuracy, and
precision/recall/F1 per type.

``evaluate_events(nlp, path)`` picks one of the two by the file's suffix (``.csv`` -> ACLED).
"""

from __future__ import annotations

import csv
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dateline.errors import MalformedRecord
from dateline.evaluation.gold import prf
from dateline.nlp.pipeline import read_docs
from dateline.records import Actor, Event, Place

__all__ = ["evaluate_acled_csv", "evaluate_events", "evaluate_plover_events", "main_event"]

COMPONENT = "dateline_events"
ACLED_FIELDS = (
    "event_type",
    "sub_event_type",
    "admin1",
    "admin2",
    "coordinates_25km",
    "fatalities",
    "actor1",
)
KM = 25.0
MAX_EXAMPLES = 25
_PERIOD = re.compile(r"\(\s*\d{4}\s*-\s*(\d{4})?\s*\)")


def evaluate_events(nlp: Any, gold_path: Path) -> dict[str, Any]:
    """ACLED CSV (``.csv``) or PLOVER gold-standard records (anything else)."""
    path = Path(gold_path)
    if path.suffix.lower() == ".csv":
        return evaluate_acled_csv(nlp, path)
    return evaluate_plover_events(nlp, path)


def _norm(value: Any) -> str:
    s = unicodedata.normalize("NFKD", str(value or ""))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'").replace(".", "")
    s = " ".join(s.replace("-", " ").replace("_", " ").split())
    return s[4:] if s.startswith("the ") else s


def _actor_names(value: str) -> set[str]:
    """ACLED's actor1 spellings: "TTP: Tehrik-i-Taliban Pakistan" gives both halves; periods dropped."""
    text = _PERIOD.sub("", value)
    names = {_norm(text)}
    if ":" in text:
        names |= {_norm(part) for part in text.split(":")}
    inner = re.findall(r"\(([^)]*)\)", text)
    names |= {_norm(x) for x in inner}
    names.add(_norm(re.sub(r"\([^)]*\)", "", text)))
    return {n for n in names if n}


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _docs(nlp: Any, items: list[tuple[str, str | None]]) -> Iterator[Any]:
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT)
    for _, doc in read_docs(nlp, ((text, published, None) for text, published in items)):
        yield doc


def main_event(doc: Any, events: list[Event], *, key: str) -> Event | None:
    """The event with a ``key`` value whose trigger is nearest its sentence's root (first on a tie)."""
    best: tuple[int, int, Event] | None = None
    for n, event in enumerate(events):
        if not getattr(event, key):
            continue
        span = event.trigger.span if event.trigger else None
        token = doc.char_span(span[0], span[1], alignment_mode="expand") if span else None
        d = 99
        if token is not None and len(token):
            t = token.root
            d = 0
            while t.head.i != t.i and d < 50:
                t, d = t.head, d + 1
        if best is None or (d, n) < best[:2]:
            best = (d, n, event)
    return best[2] if best else None


def _date(value: str) -> str | None:
    value = (value or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    for fmt in ("%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%Y/%m/%d"):
        try:
            import datetime as dt

            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def read_acled_csv(path: Path) -> list[dict[str, str]]:
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if rows and "notes" not in rows[0]:
        raise MalformedRecord(f"{path}: an ACLED export needs a 'notes' column")
    return [r for r in rows if (r.get("notes") or "").strip()]


def evaluate_acled_csv(nlp: Any, csv_path: Path) -> dict[str, Any]:
    """Per-row comparison of dateline's main event with ACLED's coding (see the module docstring)."""
    rows = read_acled_csv(Path(csv_path))
    items = [(r["notes"], _date(r.get("event_date", ""))) for r in rows]
    counts = {f: [0, 0, 0] for f in ACLED_FIELDS}  # correct, scored over all rows, scored on detected
    detected = 0
    predicted_events = 0
    types = Counter()
    wrong: list[str] = []
    misses: list[str] = []
    for row, doc in zip(rows, _docs(nlp, items), strict=True):
        events = [Event.from_dict(e) for e in doc._.dateline_events or []]
        acled = [e for e in events if e.acled_event_type]
        predicted_events += len(acled)
        event = main_event(doc, acled, key="acled_event_type")
        if event is None:
            misses.append(row["notes"][:90])
        else:
            detected += 1
        places = {p.id: p for p in map(Place.from_dict, doc._.dateline_places or [])}
        actors = {a.id: a for a in map(Actor.from_dict, doc._.dateline_actors or [])}
        for f in ACLED_FIELDS:
            ok = _compare(f, row, event, places, actors)
            if ok is None:
                continue
            counts[f][1] += 1
            if event is not None:
                counts[f][2] += 1
            if ok:
                counts[f][0] += 1
            elif event is not None and len(wrong) < MAX_EXAMPLES * 3:
                wrong.append(
                    f"{f}: got {_shown(f, event, places, actors)!r}, want {_wanted(f, row)!r} :: "
                    f"{row['notes'][:70]}"
                )
        if event is not None:
            types[(row.get("event_type", ""), event.acled_event_type)] += 1
    n = len(rows)
    result: dict[str, Any] = {
        "rows": n,
        "detected": detected,
        "detection_rate": round(detected / n, 4) if n else 0.0,
        "acled_events_predicted": predicted_events,
        "fields": {
            f: {
                "correct": c[0],
                "scored": c[1],
                "accuracy": round(c[0] / c[1], 4) if c[1] else None,
                "accuracy_on_detected": round(c[0] / c[2], 4) if c[2] else None,
            }
            for f, c in counts.items()
        },
        "event_type_confusion": {f"{g} -> {p}": k for (g, p), k in sorted(types.items(), key=str)},
        "misses": misses[:MAX_EXAMPLES],
        "wrong": wrong[: MAX_EXAMPLES * 3],
    }
    return result


def _place(event: Event | None, places: dict[str, Place]) -> Place | None:
    if event is None or event.place is None:
        return None
    return places.get(event.place)


def _place_field(event: Event | None, places: dict[str, Place], name: str) -> Any:
    place = _place(event, places)
    return getattr(place, name) if place is not None else None


def _fatalities(event: Event | None) -> int:
    q = event.fatalities if event is not None else None
    value = (q.best if q.best is not None else q.low) if q is not None else None
    return int(round(float(value))) if value is not None else 0


def _compare(
    f: str,
    row: dict[str, str],
    event: Event | None,
    places: dict[str, Place],
    actors: dict[str, Actor],
) -> bool | None:
    want = _wanted(f, row)
    if want in (None, ""):
        return None
    if event is None:
        return False
    if f == "event_type":
        return _norm(event.acled_event_type) == _norm(want)
    if f == "sub_event_type":
        return _norm(event.acled_sub_event_type) == _norm(want)
    if f in ("admin1", "admin2"):
        return _norm(_place_field(event, places, f)) == _norm(want) or _norm(
            _place_field(event, places, "name")
        ) == _norm(want)
    if f == "coordinates_25km":
        p = _place(event, places)
        if p is None or p.lat is None or p.lon is None:
            return False
        return _km((float(p.lat), float(p.lon)), want) <= KM
    if f == "fatalities":
        return _fatalities(event) == want
    if f == "actor1":
        wanted = _actor_names(str(want))
        for actor_id in event.actors:
            actor = actors.get(actor_id)
            spellings = (actor.name, *actor.aliases) if actor else (None,)
            names = {_norm(n) for n in spellings}
            if names & wanted:
                return True
        return False
    return None


def _wanted(f: str, row: dict[str, str]) -> Any:
    if f == "coordinates_25km":
        try:
            return (float(row["latitude"]), float(row["longitude"]))
        except (KeyError, TypeError, ValueError):
            return None
    if f == "fatalities":
        raw = (row.get("fatalities") or "").strip()
        return int(float(raw)) if raw else None
    return (row.get(f) or "").strip() or None


def _shown(f: str, event: Event, places: dict[str, Place], actors: dict[str, Actor]) -> Any:
    if f == "event_type":
        return event.acled_event_type
    if f == "sub_event_type":
        return event.acled_sub_event_type
    if f in ("admin1", "admin2"):
        return _place_field(event, places, f)
    if f == "coordinates_25km":
        return (_place_field(event, places, "lat"), _place_field(event, places, "lon"))
    if f == "fatalities":
        return _fatalities(event)
    return [actor.name if (actor := actors.get(a)) else a for a in event.actors]


def read_plover(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise MalformedRecord(f"{path}: not a JSON array of PLOVER records ({exc.msg})") from None
    if not isinstance(data, list):
        raise MalformedRecord(f"{path}: not a JSON array of PLOVER records")
    return [r for r in data if isinstance(r, dict) and isinstance(r.get("text"), str) and r.get("event")]


def evaluate_plover_events(nlp: Any, path: Path) -> dict[str, Any]:
    """PLOVER event type per sentence: accuracy and per-type precision/recall/F1."""
    records = [r for r in read_plover(Path(path)) if r["event"] != "DOCUMENT"]
    gold = Counter()
    pred = Counter()
    hit = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    correct = 0
    for record, doc in zip(records, _docs(nlp, [(r["text"], None) for r in records]), strict=True):
        events = [Event.from_dict(e) for e in doc._.dateline_events or []]
        event = main_event(doc, events, key="plover_event")
        got = event.plover_event if event else "NONE"
        want = str(record["event"])
        gold[want] += 1
        pred[got] += 1
        confusion[(want, got)] += 1
        if got == want:
            correct += 1
            hit[want] += 1
    n = len(records)
    per_type = {
        t: {"gold": gold[t], "predicted": pred[t], **prf(hit[t], gold[t], pred[t])}
        for t in sorted(set(gold) | set(pred))
    }
    return {
        "sentences": n,
        "correct": correct,
        "accuracy": round(correct / n, 4) if n else 0.0,
        "no_event": pred["NONE"],
        "per_type": per_type,
        "confusion": {f"{g} -> {p}": k for (g, p), k in confusion.most_common(30) if g != p},
    }
