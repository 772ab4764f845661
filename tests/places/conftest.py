"""Fixtures of the places tests: small gazetteer indexes of a few countries each (admin units,
cities500 places and the villages of those countries), built once per set of countries in a
session, and spaCy pipelines with the places component over them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from dateline.gazetteer import build_gazetteer
from dateline.settings import Settings


@pytest.fixture(scope="session")
def places_index(tmp_path_factory: pytest.TempPathFactory) -> Callable[[tuple[str, ...]], Path]:
    """The index of these ISO country codes (built on first use)."""
    built: dict[tuple[str, ...], Path] = {}

    def index(countries: tuple[str, ...]) -> Path:
        if countries not in built:
            folder = tmp_path_factory.mktemp("places")
            built[countries] = build_gazetteer(folder / "gazetteer.sqlite", countries=countries).path
        return built[countries]

    return index


@pytest.fixture(scope="session")
def places_nlp(places_index: Callable[[tuple[str, ...]], Path]) -> Callable[[tuple[str, ...]], Language]:
    """A new pipeline of the default model with the places component over these countries' index."""

    def pipeline(countries: tuple[str, ...]) -> Language:
        nlp = spacy.load(Settings().spacy_model)
        nlp.add_pipe("dateline_places", config={"gazetteer_path": str(places_index(countries))})
        return nlp

    return pipeline
