"""Geoparsing evaluation on toponym gold standards (GeoWebNews, LGL, TR-News, GeoVirus, or yours).

The gold format is the JSONL of "A Pragmatic Guide to Geoparsing Evaluation" as normalised in
``../shared/data/geoparsing_gold/pragmatic_guide/``: one article per line, ``{"doc_id", "text",
"toponyms": [{"start", "end", "phrase", "lat", "lon", ...}]}``. A gold toponym is an annotation
with coordinates (GeoWebNews also marks non-toponyms and expressions without them).

Two modes:

* ``end-to-end``: dateline recognises and resolves places itself. Recognition precision, recall
  and F1 compare its mention spans with the gold spans (overlap, one to one); resolution accuracy
  within 161 km, mean and median error are measured on the recognised gold toponyms.
* ``gold``: dateline resolves the gold toponym spans (with the same document context features it
  would use on its own mentions), so resolution is measured on every gold toponym, apart from
  recognition errors.

A mention the gazetteer has no entry for counts as wrong in ``accuracy_161km`` and is left out of the
kilometre statistics (reported as ``unresolved``). An ambiguous mention is scored by its best reading
and counted in ``ambiguous``. Gold annotations whose source offsets
could not be anchored in the text (``offset_status: unresolved``) are skipped and counted
(``skipped_gold``). ``accuracy_161km_or_same_geonameid`` also counts a resolution to the gold's own
GeoNames feature whose representative point lies elsewhere: a country or province placed at its
Natural Earth label point rather than GeoNames' point. It is reported beside the strict figure.

The GeoWebNews, LGL and TR-News gold also annotates associative toponyms: demonyms ("Russian
officials"), place names inside organisations' names ("Kentucky State Police"), datelines. dateline
reports those apart from the story's places (``doc._.dateline_place_references``); end to end on
those three corpora (or with ``references=True``) they count as predictions like the places, never
on a corpus that does not annotate them (GeoVirus; ``references_counted`` tells which), and
``recall_places_only`` / ``precision_places_only`` give the scores of the story's places alone.
For a corpus whose published Mordecai 3 figure is known (its ``corpus`` field or its file name:
GeoWebNews, LGL, TR-News), ``mordecai3_accuracy_161km`` is reported beside
dateline's (:func:`comparison_rows` puts them side by side).
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from dateline.errors import ConfigError
from dateline.evaluation.gold import overlaps, prf, text_lines

MODES = ("end-to-end", "gold")
#: Mordecai 3's published accuracy within 161 km (Halterman 2023, end to end) by corpus.
MORDECAI3_ACCURACY_161KM = {"geowebnews": 0.941, "lgl": 0.827, "trnews": 0.873}
#: Corpora whose gold annotates demonyms, names inside names and datelines as toponyms.
ASSOCIATIVE_CORPORA = frozenset({"geowebnews", "lgl", "trnews"})
_CORPUS_NAMES = {"geowebnews": "geowebnews", "gwn": "geowebnews", "lgl": "lgl", "trnews": "trnews"}
KM_THRESHOLD = 161.0
EARTH_RADIUS_KM = 6371.0088


def haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def read_toponym_gold(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Articles with their gold toponyms (annotations with coordinates), in file order."""
    docs = []
    for number, doc in text_lines(path, "an article"):
        toponyms = []
        skipped = 0
        for t in doc.get("toponyms") or []:
            if t.get("lat") is None or t.get("lon") is None:
                continue
            start, end = int(t["start"]), int(t["end"])
            if t.get("offset_status") == "unresolved" or not 0 <= start < end <= len(doc["text"]):
                skipped += 1  # the source's own offsets could not be anchored in the text
                continue
            gid = t.get("geonameid")
            toponyms.append(
                {
                    "span": (start, end),
                    "lat": float(t["lat"]),
                    "lon": float(t["lon"]),
                    "geonameid": int(gid) if gid not in (None, "") else None,
                }
            )
        docs.append(
            {
                "corpus": doc.get("corpus"),
                "id": str(doc.get("doc_id", number)),
                "text": doc["text"],
                "toponyms": toponyms,
                "skipped": skipped,
            }
        )
        if limit is not None and len(docs) >= limit:
            break
    return docs


def places_component(nlp: Any) -> Any:
    """The pipeline's place component (and the dateline detector, whose dateline is a resolver hint),
    added when the pipeline lacks them."""
    from dateline.nlp.pipeline import add_dateline_detector

    if "dateline_places" not in nlp.pipe_names:
        nlp.add_pipe("dateline_places")
    add_dateline_detector(nlp)
    return nlp.get_pipe("dateline_places")


def gold_docs(nlp: Any, articles: Sequence[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], Any]]:
    """Each gold article with its analysed doc (no publication date: the gold gives none)."""
    from dateline.nlp.pipeline import read_docs

    return read_docs(nlp, ((article["text"], None, article) for article in articles))


def corpus_of(path: Path, articles: Sequence[dict[str, Any]]) -> str | None:
    """The corpus a gold file holds: its articles' ``corpus`` field, else its file name
    ("geowebnews", "lgl", "trnews"); None when neither names a known one."""
    names = [str(a.get("corpus") or "") for a in articles[:1]] + [path.stem]
    for name in names:
        key = "".join(c for c in name.lower() if c.isalnum())
        if key in _CORPUS_NAMES:
            return _CORPUS_NAMES[key]
    return None


def _references(doc: Any) -> list[dict[str, Any]]:
    """The doc's references to places that are not its story's places (demonyms, names inside
    names, the dateline's place), as predictions."""
    return [
        {
            "span": tuple(r["span"]),
            "lat": r.get("lat"),
            "lon": r.get("lon"),
            "geonameid": r.get("geonameid"),
            "kind": r.get("kind"),
        }
        for r in doc._.get("dateline_place_references") or []
    ]


def _predicted(doc: Any) -> list[dict[str, Any]]:
    """Every place mention the pipeline found: span and coordinates (None when unresolved)."""
    out = []
    for place in doc._.get("dateline_places") or []:
        for m in place.get("mentions") or []:
            out.append(
                {
                    "span": tuple(m["span"]),
                    "lat": place.get("lat"),
                    "lon": place.get("lon"),
                    "geonameid": place.get("geonameid"),
                    "ambiguous": bool(place.get("ambiguous")),
                }
            )
    for m in doc._.get("dateline_unresolved_places") or []:
        out.append({"span": tuple(m["span"]), "lat": None, "lon": None, "geonameid": None})
    return sorted(out, key=lambda p: p["span"])


def _pairs(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> Iterator[tuple[dict, dict]]:
    used: set[int] = set()
    for g in gold:
        k = next(
            (k for k, p in enumerate(predicted) if k not in used and overlaps(g["span"], p["span"])), None
        )
        if k is not None:
            used.add(k)
            yield g, predicted[k]


def _resolved_gold_spans(nlp: Any, doc: Any, gold: list[dict[str, Any]], resolver: Any) -> list[dict]:
    """Resolve the gold spans of one document with the pipeline's own mention builder and resolver."""
    component = nlp.get_pipe("dateline_places")
    mentions = component.mentions_for_spans(doc, [g["span"] for g in gold])
    from dateline.places.component import dateline_hint

    dateline = dateline_hint(doc)
    countries = component.country_hints(doc)
    resolutions = resolver.resolve(mentions, text=doc.text, dateline=dateline, countries=countries)
    out = []
    for g, r in zip(gold, resolutions, strict=True):
        entry = r.entry
        out.append(
            {
                "span": g["span"],
                "lat": entry.lat if entry else None,
                "lon": entry.lon if entry else None,
                "geonameid": entry.geonameid if entry else None,
                "ambiguous": bool(r.ambiguous),
            }
        )
    return out


def evaluate_geoparse(
    nlp: Any,
    gold_path: Path,
    *,
    mode: str = "end-to-end",
    limit: int | None = None,
    resolver: Any = None,
    references: bool | None = None,
) -> dict[str, Any]:
    """Score place recognition and resolution on a toponym gold file. ``references``: count the
    references to places (demonyms, names inside names, datelines) as predictions; None: when the
    corpus is one that annotates them (GeoWebNews, LGL, TR-News)."""
    if mode not in MODES:
        raise ConfigError(f"mode {mode!r} is not one of {', '.join(MODES)}")
    component = places_component(nlp)
    if mode == "gold" and resolver is None:
        resolver = component.resolver  # the same gazetteer and settings
    articles = read_toponym_gold(Path(gold_path), limit)
    corpus = corpus_of(Path(gold_path), articles)
    if references is None:
        references = corpus in ASSOCIATIVE_CORPORA

    gold_n = predicted_n = matched_n = places_n = places_matched_n = 0
    kinds: dict[str, int] = {}
    errors: list[float] = []
    correct = same_feature = unresolved = ambiguous = 0
    started = time.perf_counter()
    for article, doc in gold_docs(nlp, articles):
        gold = article["toponyms"]
        gold_n += len(gold)
        if mode == "gold":
            pairs = list(zip(gold, _resolved_gold_spans(nlp, doc, gold, resolver), strict=True))
        else:
            places = _predicted(doc)
            places_n += len(places)
            places_matched_n += sum(1 for _ in _pairs(gold, places))
            predicted = sorted(places + (_references(doc) if references else []), key=lambda p: p["span"])
            predicted_n += len(predicted)
            pairs = list(_pairs(gold, predicted))
            for _, p in pairs:
                if p.get("kind"):
                    kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
        matched_n += len(pairs)
        for g, p in pairs:
            ambiguous += bool(p.get("ambiguous"))
            if p["lat"] is None or p["lon"] is None:
                unresolved += 1
                continue
            km = haversine((g["lat"], g["lon"]), (p["lat"], p["lon"]))
            errors.append(km)
            correct += km <= KM_THRESHOLD
            same_feature += km <= KM_THRESHOLD or (
                g["geonameid"] is not None and g["geonameid"] == p["geonameid"]
            )
    seconds = time.perf_counter() - started
    result: dict[str, Any] = {
        "gold": str(gold_path),
        "mode": mode,
        "documents": len(articles),
        "gold_toponyms": gold_n,
        "matched": matched_n,
        "unresolved": unresolved,
        "ambiguous": ambiguous,
        "skipped_gold": sum(a["skipped"] for a in articles),
        "accuracy_161km": round(correct / matched_n, 4) if matched_n else 0.0,
        # within 161 km, or the same GeoNames feature placed elsewhere (countries and provinces whose
        # representative point differs between sources); reported beside, never instead of, the above
        "accuracy_161km_or_same_geonameid": round(same_feature / matched_n, 4) if matched_n else 0.0,
        "mean_km": round(statistics.fmean(errors), 1) if errors else None,
        "median_km": round(statistics.median(errors), 1) if errors else None,
        "docs_per_s": round(len(articles) / seconds, 2) if seconds else None,
    }
    if mode == "end-to-end":
        result.update({"predicted": predicted_n, **prf(matched_n, gold_n, predicted_n)})
        alone = prf(places_matched_n, gold_n, places_n)
        result["precision_places_only"] = alone["precision"]
        result["recall_places_only"] = alone["recall"]
        result["matched_references"] = dict(sorted(kinds.items()))
    else:
        result.update({"precision": None, "recall": None, "f1": None})
    result["corpus"] = corpus
    result["references_counted"] = bool(references) and mode == "end-to-end"
    if corpus in MORDECAI3_ACCURACY_161KM:
        result["mordecai3_accuracy_161km"] = MORDECAI3_ACCURACY_161KM[corpus]
    return result


def comparison_rows(result: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(metric, dateline, Mordecai 3) rows of a geoparse result: the strict and the same-feature
    accuracy within 161 km beside Mordecai 3's published figure ("" when the corpus has none or
    Mordecai 3 published no such figure), and recognition recall with and without the references."""

    def shown(value: Any) -> str:
        return "" if value is None else f"{value:.3f}"

    mordecai = result.get("mordecai3_accuracy_161km")
    rows = [
        ("accuracy_161km", shown(result.get("accuracy_161km")), shown(mordecai)),
        ("accuracy_161km_or_same_geonameid", shown(result.get("accuracy_161km_or_same_geonameid")), ""),
    ]
    if result.get("recall") is not None:
        if result.get("references_counted"):
            rows.append(("recall (places and references)", shown(result.get("recall")), ""))
        rows.append(("recall (places only)", shown(result.get("recall_places_only")), ""))
    return rows
