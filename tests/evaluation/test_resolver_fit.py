"""Fitting the place resolver's weights on a toponym gold file: the library function and the CLI.

The gold file holds eight short articles whose main place name has a larger namesake elsewhere
(Paris, Texas; Birmingham, Alabama; Tripoli, Lebanon ...): the population prior alone picks the
namesake, the other places of the article pick the right reading. The real gazetteer is used.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from spacy.language import Language

from dateline.cli import cli
from dateline.evaluation.resolver_fit import (
    fit_conditional_logit,
    fit_resolver_weights,
    load_resolver_settings,
    shipped_resolver_settings,
)
from dateline.nlp.pipeline import load_pipeline
from dateline.places.context import CONTEXT_FEATURES
from dateline.places.features import ResolveSettings
from dateline.places.resolver import FEATURES

# (text, [(name, lat, lon), ...]): every place name of the article with its true point
ARTICLES: list[tuple[str, list[tuple[str, float, float]]]] = [
    (
        "Storms tore roofs off homes in Paris, Texas, on Monday. Crews from Dallas and Tyler helped "
        "clear roads, and shelters opened in Sherman.",
        [
            ("Paris", 33.66, -95.56),
            ("Texas", 31.25, -99.25),
            ("Dallas", 32.78, -96.80),
            ("Tyler", 32.35, -95.30),
            ("Sherman", 33.64, -96.61),
        ],
    ),
    (
        "Police in Birmingham arrested two men after the shooting. Officers from Montgomery and "
        "Tuscaloosa joined the search across Alabama.",
        [
            ("Birmingham", 33.52, -86.80),
            ("Montgomery", 32.37, -86.30),
            ("Tuscaloosa", 33.21, -87.57),
            ("Alabama", 32.75, -86.75),
        ],
    ),
    (
        "Students marched through Cambridge on Friday. Similar protests were held in Boston, "
        "Somerville and Worcester, Massachusetts.",
        [
            ("Cambridge", 42.37, -71.11),
            ("Boston", 42.36, -71.06),
            ("Somerville", 42.39, -71.10),
            ("Worcester", 42.26, -71.80),
            ("Massachusetts", 42.37, -71.85),
        ],
    ),
    (
        "A tornado damaged farms near London, Ontario. Emergency teams from Toronto, Windsor and "
        "Kitchener were sent to help.",
        [
            ("London", 42.98, -81.25),
            ("Ontario", 49.25, -84.50),
            ("Toronto", 43.65, -79.38),
            ("Windsor", 42.30, -83.02),
            ("Kitchener", 43.45, -80.49),
        ],
    ),
    (
        "A gunman opened fire at a baseball practice in Alexandria, Virginia. Police from Arlington "
        "and Fairfax County responded.",
        [
            ("Alexandria", 38.80, -77.05),
            ("Virginia", 37.54, -78.86),
            ("Arlington", 38.88, -77.10),
            ("Fairfax County", 38.83, -77.28),
        ],
    ),
    (
        "Heavy rain flooded streets in Hyderabad and Karachi. Officials in Sukkur and Larkana said "
        "Sindh province needed help.",
        [
            ("Hyderabad", 25.39, 68.37),
            ("Karachi", 24.86, 67.01),
            ("Sukkur", 27.70, 68.86),
            ("Larkana", 27.56, 68.21),
            ("Sindh", 26.00, 68.50),
        ],
    ),
    (
        "Clashes broke out in Tripoli between rival groups. The army sent troops from Beirut, and "
        "Sidon stayed calm, Lebanese officials said.",
        [("Tripoli", 34.44, 35.85), ("Beirut", 33.89, 35.50), ("Sidon", 33.56, 35.37)],
    ),
    (
        "Flooding closed the main road into Perth on Sunday. Dundee and Stirling were also hit as "
        "storms crossed Scotland.",
        [
            ("Perth", 56.40, -3.43),
            ("Dundee", 56.46, -2.97),
            ("Stirling", 56.12, -3.94),
            ("Scotland", 56.50, -4.00),
        ],
    ),
]
SHIPPED_DATELINE_WEIGHT = shipped_resolver_settings()["weights"]["dateline_country"]
# priors only: every context feature off, the dateline's kept as shipped
PRIORS_ONLY = {"weights": {name: 0.0 for name in CONTEXT_FEATURES if name != "dateline_country"}}


def write_gold(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for number, (text, places) in enumerate(ARTICLES):
            toponyms = []
            for name, lat, lon in places:
                start = text.index(name)
                toponyms.append({"start": start, "end": start + len(name), "lat": lat, "lon": lon})
            f.write(json.dumps({"doc_id": f"a{number}", "text": text, "toponyms": toponyms}) + "\n")
    return path


@pytest.fixture(scope="module")
def gold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_gold(tmp_path_factory.mktemp("fit") / "gold.jsonl")


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(components=("dateline_places",))


@pytest.fixture(scope="module")
def fit(nlp: Language, gold: Path) -> dict[str, Any]:
    return fit_resolver_weights(nlp, gold, rounds=3, settings=PRIORS_ONLY)


# -- the optimiser -------------------------------------------------------------------------------


def test_conditional_logit_finds_the_known_maximum() -> None:
    # 10 mentions of two candidates, feature 1 on the first: it is right in 7 -> w = log(7/3)
    features = np.array([[1.0], [0.0]] * 10)
    correct = np.array([True, False] * 7 + [False, True] * 3)
    starts = np.arange(0, 20, 2)
    w, info = fit_conditional_logit(features, correct, starts, start=np.zeros(1), l2=0.0)
    assert w[0] == pytest.approx(math.log(7 / 3), abs=1e-6)
    assert info["log_likelihood"] == pytest.approx(7 * math.log(0.7) + 3 * math.log(0.3), abs=1e-3)
    shrunk, _ = fit_conditional_logit(features, correct, starts, start=np.zeros(1), l2=1.0)
    assert 0 < shrunk[0] < w[0]


def test_conditional_logit_counts_every_correct_candidate() -> None:
    # three candidates, the first two correct: the fit only needs them together to beat the third
    features = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]] * 4)
    correct = np.array([True, True, False] * 3 + [False, False, True])
    starts = np.arange(0, 12, 3)
    w, _ = fit_conditional_logit(features, correct, starts, start=np.zeros(2), l2=0.0)
    p_right = (math.exp(w[0]) + math.exp(w[1])) / (math.exp(w[0]) + math.exp(w[1]) + 1.0)
    assert p_right == pytest.approx(0.75, abs=1e-4)
    assert w[0] == pytest.approx(w[1], abs=1e-4)


# -- fitting on a gold file ----------------------------------------------------------------------


def test_fit_from_priors_only_learns_the_context(fit: dict[str, Any]) -> None:
    report = fit["report"]
    assert report["documents"] == len(ARTICLES)
    assert report["gold_toponyms"] == sum(len(places) for _, places in ARTICLES)
    assert report["mentions_used"] + sum(report["skipped"].values()) == report["gold_toponyms"]
    assert report["mentions_used"] >= len(ARTICLES)  # at least the eight namesakes are informative
    assert report["accuracy_after"] > report["accuracy_before"]
    assert report["accuracy_all_after"] > report["accuracy_all_before"]
    assert len(report["history"]) == 3
    weights = fit["settings"]["weights"]
    assert weights["focus_country"] > 0 and weights["contained"] + weights["nearby"] > 0


def test_fitted_weights_resolve_the_namesakes(nlp: Language, fit: dict[str, Any]) -> None:
    from dateline.evaluation.geoparse import haversine
    from dateline.places.component import dateline_hint
    from dateline.places.resolver import PlaceResolver

    component = nlp.get_pipe("dateline_places")
    fitted = PlaceResolver(component.gazetteer, settings=fit["settings"])
    priors = PlaceResolver(component.gazetteer, settings=PRIORS_ONLY)
    right: dict[str, set[str]] = {"fitted": set(), "priors": set()}
    for text, places in ARTICLES:
        doc = nlp(text)
        spans = [(text.index(name), text.index(name) + len(name)) for name, _, _ in places]
        mentions = component.mentions_for_spans(doc, spans)
        for label, resolver in (("fitted", fitted), ("priors", priors)):
            first = resolver.resolve(mentions, text=text, dateline=dateline_hint(doc))[0]
            assert first.entry is not None
            if haversine(places[0][1:], (first.entry.lat, first.entry.lon)) <= 161:
                right[label].add(places[0][0])
    assert len(right["fitted"]) == len(ARTICLES)
    # without the context weights only the names an address holds ("Paris, Texas, on Monday") are right
    assert right["priors"] == {"Paris", "London", "Alexandria"}


def test_fixed_weights_do_not_move(nlp: Language, gold: Path, fit: dict[str, Any]) -> None:
    shipped = shipped_resolver_settings()
    assert fit["settings"]["weights"]["dateline_country"] == SHIPPED_DATELINE_WEIGHT
    # by default the shipped file's hand-set weights are held at their starting values
    start = {**shipped["weights"], **PRIORS_ONLY["weights"]}
    assert fit["report"]["fixed"] == {name: start[name] for name in shipped["hand_set"]}
    held = {"nearby": 1.25, "primary_name": 3.0}
    other = fit_resolver_weights(nlp, gold, rounds=1, settings=PRIORS_ONLY, fixed=held)
    weights = other["settings"]["weights"]
    assert weights["nearby"] == 1.25 and weights["primary_name"] == 3.0
    assert weights["focus_country"] != 0.0  # the others are fitted
    assert other["report"]["fixed"] == held
    # no longer held, but no article has a dateline: the corpus says nothing about it, it keeps its value
    assert "dateline_country" in other["report"]["not_fitted"]
    assert weights["dateline_country"] == SHIPPED_DATELINE_WEIGHT


def test_fitted_settings_are_the_whole_file(fit: dict[str, Any], gold: Path) -> None:
    settings = fit["settings"]
    shipped = shipped_resolver_settings()
    assert list(settings) == list(shipped)  # every key kept, in order
    assert {k: v for k, v in settings.items() if k not in ("weights", "_fitted")} == {
        k: v for k, v in shipped.items() if k not in ("weights", "_fitted")
    }
    assert set(settings["weights"]) == set(FEATURES)
    assert "gold.jsonl" in settings["_fitted"] and "L2 0.01" in settings["_fitted"]
    assert f"{len(ARTICLES)} documents" in settings["_fitted"]
    loaded = ResolveSettings.from_mapping(settings)
    assert loaded.weights["focus_country"] == settings["weights"]["focus_country"]


def test_a_bad_settings_file_is_a_config_error(tmp_path: Path) -> None:
    from dateline.errors import ConfigError

    bad = tmp_path / "bad.json"
    for content, said in (
        ("{not json", "not JSON"),
        ("[1, 2]", "JSON object"),
        ('{"weights": {"populaton": 5.0}}', "populaton"),
        ('{"near_km": "far"}', "cannot be used"),
    ):
        bad.write_text(content, encoding="utf-8")
        with pytest.raises(ConfigError, match=said) as caught:
            load_resolver_settings(bad)
        assert str(bad) in caught.value.message


# -- the command line ----------------------------------------------------------------------------


def test_fit_resolver_command_writes_settings_that_eval_geoparse_uses(gold: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "settings" / "resolve.json"
    result = runner.invoke(
        cli,
        ["eval", "fit-resolver", "--gold", str(gold), "--out", str(out), "--rounds", "2", "--l2", "0.05"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["rounds"] == 2 and report["l2"] == 0.05 and report["documents"] == len(ARTICLES)
    assert "round 2:" in result.stderr and str(out) in result.stderr
    written = out.read_text(encoding="utf-8")
    assert written.startswith('{\n  "_doc": ')  # indent 2, like the shipped file
    settings = ResolveSettings.from_mapping(json.loads(written))
    assert set(settings.weights) == set(FEATURES)

    def accuracy(settings: Path) -> float:
        args = ["eval", "geoparse", "--gold", str(gold), "--mode", "gold", "--format", "json"]
        scored = runner.invoke(cli, [*args, "--settings", str(settings)], catch_exceptions=False)
        assert scored.exit_code == 0, scored.output
        return float(json.loads(scored.stdout)["accuracy_161km"])

    assert accuracy(out) == report["accuracy_all_after"]
    priors = tmp_path / "priors.json"
    priors.write_text(json.dumps(PRIORS_ONLY), encoding="utf-8")
    assert accuracy(priors) < report["accuracy_all_after"]

    broken = tmp_path / "broken.json"
    broken.write_text('{"weights": {"nowhere": 1}}', encoding="utf-8")
    failed = runner.invoke(cli, ["eval", "geoparse", "--gold", str(gold), "--settings", str(broken)])
    assert failed.exit_code == 2 and "E200" in failed.stderr and "broken.json" in failed.stderr


def test_the_place_component_uses_and_keeps_its_resolver_settings(nlp: Language, fit: dict[str, Any]) -> None:
    import pickle

    component = nlp.get_pipe("dateline_places")
    assert component.resolver.settings.weights["nearby"] == shipped_resolver_settings()["weights"]["nearby"]
    component.resolver_settings = fit["settings"]
    try:
        assert component.resolver.settings.weights["nearby"] == fit["settings"]["weights"]["nearby"]
        copy = pickle.loads(pickle.dumps(component))  # what nlp.pipe(n_process=2) does
        assert copy.resolver_settings == fit["settings"]
    finally:
        component.resolver_settings = None
