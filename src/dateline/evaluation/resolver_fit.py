"""Fitting the place resolver's weights on a toponym gold file (the format of :mod:`.geoparse`).

>>> from dateline.nlp.pipeline import load_pipeline                          # doctest: +SKIP
>>> fit = fit_resolver_weights(load_pipeline(), Path("geovirus.jsonl"))    # doctest: +SKIP
>>> fit["report"]["accuracy_before"], fit["report"]["accuracy_after"]      # doctest: +SKIP

The resolver scores each candidate of a mention with a linear model over its features
(:data:`dateline.places.resolver.FEATURES`) and takes the softmax among the mention's candidates.
:func:`fit_resolver_weights` fits those weights as a conditional logit:

* the gold toponym spans are turned into mentions exactly as ``dateline eval geoparse --mode gold``
  does (the dateline as a hint, :meth:`PlaceRecognizer.mentions_for_spans`), and
  :meth:`PlaceResolver.explain` gives every candidate's feature values;
* a candidate is *correct* when it lies within ``km`` of the gold point; the fit maximises the log
  of the correct candidates' total probability, summed over the informative mentions, minus
  ``l2`` times the squared weights (Newton steps with a backtracking line search, numpy only).
  Mentions with no candidate, a single one, no correct one or only correct ones say nothing about
  the weights: they are skipped and counted;
* the context features depend on the other mentions' readings, so the fit is repeated ``rounds``
  times, each round reading the gold again with the previous round's weights;
* weights in ``fixed`` are not fitted (default: ``dateline_country`` at its current value: gold
  corpora have few datelines), nor are features that never differ among an informative mention's
  candidates (the corpus says nothing about them): those keep their current value.

The result is the full settings mapping of ``data/resolve.json`` with ``weights`` and ``_fitted``
replaced, ready for ``PlaceResolver(gazetteer, settings=...)`` or ``dateline eval geoparse
--settings``, and a report with training accuracy before and after (the share of informative
mentions whose best reading is correct, and the share of all gold toponyms).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from dateline.errors import ConfigError
from dateline.evaluation.geoparse import (
    KM_THRESHOLD,
    gold_docs,
    haversine,
    places_component,
    read_toponym_gold,
)

__all__ = [
    "fit_conditional_logit",
    "fit_resolver_weights",
    "load_resolver_settings",
    "merge_resolver_settings",
    "shipped_resolver_settings",
]

_MAX_NEWTON_STEPS = 100
_TOLERANCE = 1e-9
_DECIMALS = 2  # weights are written rounded, and the "after" accuracy is measured with them


# -- settings files ----------------------------------------------------------------------------


def shipped_resolver_settings() -> dict[str, Any]:
    """The resolver settings shipped in ``dateline/gazetteer/data/resolve.json``, as a mapping."""
    text = resources.files("dateline.places").joinpath("data", "resolve.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def merge_resolver_settings(base: Mapping[str, Any], overrides: Mapping[str, Any] | None) -> dict[str, Any]:
    """``base`` with top-level keys replaced by ``overrides``, single weights merged (as the resolver)."""
    out = {key: value for key, value in base.items()}
    for key, value in (overrides or {}).items():
        if key == "weights":
            out["weights"] = {**out.get("weights", {}), **value}
        else:
            out[key] = value
    return out


def load_resolver_settings(path: Path) -> dict[str, Any]:
    """Resolver settings from a JSON file (the shape of ``resolve.json``; keys it lacks stay as shipped).

    A file that is not JSON, not an object, names an unknown feature or holds values the resolver
    cannot read is a :class:`ConfigError` naming the file.
    """
    from dateline.places.features import ResolveSettings
    from dateline.places.resolver import FEATURES

    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"resolver settings {path}: cannot be read ({exc.strerror})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"resolver settings {path}: not JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"resolver settings {path}: expected a JSON object like resolve.json")
    weights = data.get("weights", {})
    if not isinstance(weights, dict):
        raise ConfigError(f"resolver settings {path}: 'weights' must map feature names to numbers")
    unknown = sorted(set(weights) - set(FEATURES))
    if unknown:
        raise ConfigError(
            f"resolver settings {path}: unknown weight(s) {', '.join(unknown)}; "
            f"the features are {', '.join(FEATURES)}"
        )
    try:
        ResolveSettings.from_package(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"resolver settings {path}: cannot be used ({type(exc).__name__}: {exc})") from None
    return data


# -- the optimiser -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Problem:
    """Informative mentions as arrays: candidates of one mention are contiguous."""

    features: np.ndarray  # (candidates, features)
    correct: np.ndarray  # (candidates,) bool
    starts: np.ndarray  # (mentions,) index of each mention's first candidate
    segment: np.ndarray = field(init=False)  # (candidates,) mention index of each candidate

    def __post_init__(self) -> None:
        sizes = np.diff(np.append(self.starts, len(self.correct)))
        object.__setattr__(self, "segment", np.repeat(np.arange(len(self.starts)), sizes))


def _evaluate(
    problem: _Problem, offset: np.ndarray, w: np.ndarray, l2: float, *, derivatives: bool
) -> tuple[float, np.ndarray | None, np.ndarray | None]:
    """Penalised log-likelihood, and its gradient and Hessian when ``derivatives``."""
    x, starts, seg = problem.features, problem.starts, problem.segment
    scores = x @ w + offset
    scores = scores - np.maximum.reduceat(scores, starts)[seg]
    exps = np.exp(scores)
    z_all = np.add.reduceat(exps, starts)  # at least 1: the best candidate scores 0
    # the correct candidates' sum, shifted by their own best score so that it cannot underflow
    # when a wrong candidate outscores them by hundreds (a line search's far step)
    right_scores = np.where(problem.correct, scores, -np.inf)
    right_top = np.maximum.reduceat(right_scores, starts)
    right = np.exp(right_scores - right_top[seg])
    z_right = np.add.reduceat(right, starts)
    value = float(np.sum(right_top + np.log(z_right) - np.log(z_all))) - l2 * float(w @ w)
    if not derivatives:
        return value, None, None
    p = exps / z_all[seg]  # every candidate's probability
    q = right / z_right[seg]  # the same among the correct candidates only
    gradient = x.T @ (q - p) - 2.0 * l2 * w
    hessian = _covariance(x, q, starts) - _covariance(x, p, starts) - 2.0 * l2 * np.eye(len(w))
    return value, gradient, hessian


def _covariance(x: np.ndarray, weights: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Sum over mentions of the feature covariance under each mention's distribution ``weights``."""
    means = np.add.reduceat(weights[:, None] * x, starts)
    return (x * weights[:, None]).T @ x - means.T @ means


def fit_conditional_logit(
    features: np.ndarray,
    correct: np.ndarray,
    starts: np.ndarray,
    *,
    start: np.ndarray,
    offset: np.ndarray | None = None,
    l2: float = 0.01,
) -> tuple[np.ndarray, dict[str, Any]]:
    """Weights maximising sum over mentions of log P(a correct candidate) - ``l2`` * |w|².

    ``features`` holds one row per candidate, a mention's candidates contiguous from ``starts[m]``;
    ``correct`` marks the correct ones (every mention needs at least one); ``offset`` is a fixed part
    of each candidate's score. Newton steps (damped when the Hessian is not negative definite) with a
    backtracking line search, from ``start``. Returns the weights and ``{iterations, log_likelihood}``.
    """
    problem = _Problem(np.asarray(features, float), np.asarray(correct, bool), np.asarray(starts, np.intp))
    fixed = np.zeros(len(problem.correct)) if offset is None else np.asarray(offset, float)
    w = np.asarray(start, float).copy()
    value, gradient, hessian = _evaluate(problem, fixed, w, l2, derivatives=True)
    steps = 0
    while steps < _MAX_NEWTON_STEPS:
        assert gradient is not None and hessian is not None
        direction = _ascent_direction(gradient, hessian)
        slope = float(gradient @ direction)
        if slope <= _TOLERANCE * max(1.0, abs(value)):
            break
        t = 1.0
        while True:
            candidate = w + t * direction
            new_value, _, _ = _evaluate(problem, fixed, candidate, l2, derivatives=False)
            if new_value >= value + 1e-4 * t * slope or t < 1e-10:
                break
            t *= 0.5
        if new_value < value:  # no progress possible along the direction
            break
        w = candidate
        steps += 1
        value, gradient, hessian = _evaluate(problem, fixed, w, l2, derivatives=True)
    return w, {"iterations": steps, "log_likelihood": round(value, 4)}


def _ascent_direction(gradient: np.ndarray, hessian: np.ndarray) -> np.ndarray:
    """Solve (-H + damping) d = g, damping until the system is positive definite."""
    negative = -hessian
    scale = max(1e-8, float(np.max(np.abs(np.diag(negative)))))
    damping = 0.0
    eye = np.eye(len(gradient))
    while True:
        try:
            factor = np.linalg.cholesky(negative + damping * eye)
        except np.linalg.LinAlgError:
            damping = max(2.0 * damping, 1e-6 * scale)
            continue
        return np.linalg.solve(factor.T, np.linalg.solve(factor, gradient))


# -- reading the gold --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Article:
    text: str
    dateline: str | None
    mentions: tuple[Any, ...]  # PlaceMention, one per gold toponym
    points: tuple[tuple[float, float], ...]
    countries: tuple[str, ...] = ()  # countries named by their people (the component's hints)


@dataclass(slots=True)
class _Pass:
    """The gold read once with one set of weights."""

    features: list[list[float]] = field(default_factory=list)
    correct: list[bool] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    gold: int = 0
    right: int = 0  # gold toponyms whose best reading is correct
    informative_right: int = 0
    skipped: dict[str, int] = field(
        default_factory=lambda: {
            "no_candidate": 0,
            "single_candidate": 0,
            "no_correct_candidate": 0,
            "all_candidates_correct": 0,
        }
    )

    @property
    def used(self) -> int:
        return len(self.starts)

    def accuracy(self) -> float:
        return round(self.informative_right / self.used, 4) if self.used else 0.0

    def accuracy_all(self) -> float:
        return round(self.right / self.gold, 4) if self.gold else 0.0


def _read_articles(nlp: Any, gold_path: Path, limit: int | None) -> list[_Article]:
    """The gold articles parsed once, their gold spans turned into the resolver's mentions."""
    from dateline.nlp.pipeline import DATELINE_COMPONENT
    from dateline.places.component import dateline_hint

    component = places_component(nlp)
    articles = read_toponym_gold(Path(gold_path), limit)

    # the mentions read only spaCy's own annotations and the dateline: the rest of dateline's components
    # need not run here
    ours = [name for name in nlp.pipe_names if name.startswith("dateline_") and name != DATELINE_COMPONENT]
    out = []
    with nlp.select_pipes(disable=ours):
        for article, doc in gold_docs(nlp, articles):
            gold = article["toponyms"]
            mentions = component.mentions_for_spans(doc, [g["span"] for g in gold])
            out.append(
                _Article(
                    doc.text,
                    dateline_hint(doc),
                    tuple(mentions),
                    tuple((g["lat"], g["lon"]) for g in gold),
                    tuple(component.country_hints(doc)),
                )
            )
    return out


def _read_pass(articles: Sequence[_Article], gazetteer: Any, settings: Mapping[str, Any], km: float) -> _Pass:
    from dateline.places.resolver import FEATURES, PlaceResolver

    resolver = PlaceResolver(gazetteer, settings=settings)
    found = _Pass()
    skipped = found.skipped
    for article in articles:
        rows = resolver.explain(
            article.mentions, text=article.text, dateline=article.dateline, countries=article.countries
        )
        for point, candidates in zip(article.points, rows, strict=True):
            found.gold += 1
            if not candidates:
                skipped["no_candidate"] += 1
                continue
            right = [haversine(point, (entry.lat, entry.lon)) <= km for entry, _, _ in candidates]
            best = max(range(len(candidates)), key=lambda k: (candidates[k][2], -k))
            found.right += right[best]
            if len(candidates) == 1:
                skipped["single_candidate"] += 1
            elif not any(right):
                skipped["no_correct_candidate"] += 1
            elif all(right):
                skipped["all_candidates_correct"] += 1
            else:
                found.starts.append(len(found.correct))
                found.correct.extend(right)
                found.features.extend([values[name] for name in FEATURES] for _, values, _ in candidates)
                found.informative_right += right[best]
    return found


# -- the fit -----------------------------------------------------------------------------------


def fit_resolver_weights(
    nlp: Any,
    gold_path: Path,
    *,
    rounds: int = 5,
    l2: float = 0.01,
    limit: int | None = None,
    km: float = KM_THRESHOLD,
    settings: Mapping[str, Any] | None = None,
    fixed: Mapping[str, float] | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Fit the resolver's weights on a toponym gold file; ``{"settings": ..., "report": ...}``.

    ``nlp`` is a pipeline with (or given) the ``dateline_places`` component, whose gazetteer is used.
    ``settings`` are the starting settings, over the shipped ones (default: the component's
    ``resolver_settings``, else the shipped file). ``fixed`` maps weights that are kept, not fitted
    (default: the settings' ``hand_set`` weights, else ``dateline_country``, at their starting values).
    ``settings`` in the result is the whole
    ``resolve.json`` mapping with ``weights`` and ``_fitted`` replaced. ``report`` gives the counts
    (``gold_toponyms``, ``mentions_used``, ``skipped`` by reason, in the last round's fit), the training
    accuracy before and after (``accuracy_*``: informative mentions whose best reading is correct;
    ``accuracy_all_*``: all gold toponyms, as ``dateline eval geoparse --mode gold`` counts them),
    ``fixed`` and ``not_fitted`` weights, one ``history`` row per round (its informative mentions,
    their accuracy with the weights the round started from, Newton steps, log-likelihood) and ``seconds``.
    """
    from dateline.places.resolver import FEATURES

    if rounds < 1:
        raise ConfigError(f"rounds must be at least 1, not {rounds}")
    if l2 < 0:
        raise ConfigError(f"l2 must not be negative, not {l2}")
    say = progress or (lambda line: None)
    started = time.perf_counter()
    gold_path = Path(gold_path)
    articles = _read_articles(nlp, gold_path, limit)
    component = nlp.get_pipe("dateline_places")
    gazetteer = component.gazetteer
    if settings is None:
        settings = component.resolver_settings
    base = merge_resolver_settings(shipped_resolver_settings(), settings)
    current = {name: float(base["weights"].get(name, 0.0)) for name in FEATURES}
    hand_set = base.get("hand_set", ("dateline_country",))
    held = dict(fixed) if fixed is not None else {name: current[name] for name in hand_set if name in current}
    unknown = sorted(set(held) - set(FEATURES))
    if unknown:
        raise ConfigError(f"fixed weight(s) {', '.join(unknown)} are not features ({', '.join(FEATURES)})")
    current.update({name: float(value) for name, value in held.items()})
    say(f"read {len(articles)} documents in {time.perf_counter() - started:.1f} s")

    history: list[dict[str, Any]] = []
    first: _Pass | None = None
    kept: set[str] = set()
    for number in range(1, rounds + 1):
        found = _read_pass(articles, gazetteer, {**base, "weights": current}, km)
        first = first or found
        if not found.used:
            raise ConfigError(f"{gold_path}: no gold toponym has both a correct and a wrong candidate")
        current, info, kept = _fit_round(found, current, held, l2)
        history.append({"round": number, "mentions": found.used, "accuracy": found.accuracy(), **info})
        say(
            f"round {number}: {found.used} mentions, accuracy {found.accuracy():.4f} before, "
            f"log-likelihood {info['log_likelihood']} after {info['iterations']} Newton steps"
        )
    assert first is not None
    weights = {name: round(value, _DECIMALS) + 0.0 for name, value in current.items()}
    last = _read_pass(articles, gazetteer, {**base, "weights": weights}, km)
    report = {
        "gold": str(gold_path),
        "documents": len(articles),
        "gold_toponyms": first.gold,
        "mentions_used": found.used,
        "skipped": found.skipped,
        "rounds": rounds,
        "l2": l2,
        "km": km,
        "accuracy_before": first.accuracy(),
        "accuracy_after": last.accuracy(),
        "accuracy_all_before": first.accuracy_all(),
        "accuracy_all_after": last.accuracy_all(),
        "fixed": {name: current[name] for name in sorted(held)},
        "not_fitted": sorted(kept),
        "history": history,
        "seconds": round(time.perf_counter() - started, 1),
    }
    return {"settings": _fitted_settings(base, weights, report, sorted(held), sorted(kept)), "report": report}


def _fit_round(
    found: _Pass, current: Mapping[str, float], held: Mapping[str, float], l2: float
) -> tuple[dict[str, float], dict[str, Any], set[str]]:
    """One conditional-logit fit on one pass; features it cannot identify keep their weight."""
    from dateline.places.resolver import FEATURES

    x = np.asarray(found.features, float)
    starts = np.asarray(found.starts, np.intp)
    spread = np.maximum.reduceat(x, starts) - np.minimum.reduceat(x, starts)  # per mention, per feature
    varies = (spread > 1e-12).any(axis=0)
    free = [k for k, name in enumerate(FEATURES) if name not in held and varies[k]]
    kept = {name for k, name in enumerate(FEATURES) if name not in held and not varies[k]}
    if not free:
        return dict(current), {"iterations": 0, "log_likelihood": None}, kept
    w_all = np.array([current[name] for name in FEATURES])
    rest = [k for k in range(len(FEATURES)) if k not in free]
    offset = x[:, rest] @ w_all[rest]
    w_free, info = fit_conditional_logit(
        x[:, free], np.asarray(found.correct), starts, start=w_all[free], offset=offset, l2=l2
    )
    out = dict(current)
    out.update({FEATURES[k]: float(v) for k, v in zip(free, w_free, strict=True)})
    return out, info, kept


def _fitted_settings(
    base: Mapping[str, Any],
    weights: Mapping[str, float],
    report: Mapping[str, Any],
    held: Sequence[str],
    kept: Sequence[str],
) -> dict[str, Any]:
    skipped = sum(report["skipped"].values())
    note = (
        f"weights fitted on {Path(report['gold']).name} only ({report['documents']} documents, "
        f"{report['mentions_used']} of {report['gold_toponyms']} gold toponym spans informative, {skipped} "
        f"skipped: no or a single candidate, no correct or only correct candidates): conditional logit "
        f"over each mention's candidates, a candidate counting as correct within {report['km']:g} km of "
        f"the gold point, L2 {report['l2']:g}, context features recomputed from the previous fit's "
        f"readings ({report['rounds']} rounds from the previous weights), by "
        f"`dateline eval fit-resolver`. Kept, not fitted: {', '.join(held) or 'none'} (hand-set)"
    )
    if kept:
        note += f"; {', '.join(kept)} (never differ among a mention's candidates in this corpus)"
    note += (
        f". Training accuracy (informative mentions whose best reading is correct) "
        f"{report['accuracy_before']:.4f} before, {report['accuracy_after']:.4f} after."
    )
    out: dict[str, Any] = {}
    for key, value in base.items():
        if key == "weights":
            out["_fitted"] = note
            order = [name for name in value if name in weights] + [n for n in weights if n not in value]
            out["weights"] = {name: weights[name] for name in order}
        elif key != "_fitted":
            out[key] = value
    if "weights" not in out:
        out["_fitted"], out["weights"] = note, dict(weights)
    return out
