"""The lexicon base: every lexicon loads its shipped file, round-trips through bytes, JSON text and a
user file, and a bad user file gives a coded ConfigError that names the file."""

from __future__ import annotations

import json

import pytest

from dateline.actors.nominal import ActorLexicon
from dateline.dates.lexicon import DateLexicon
from dateline.errors import ConfigError
from dateline.events.ontology import Ontology
from dateline.lexicon import Lexicon, read_json
from dateline.places.lexicon import PlaceLexicon
from dateline.quantities.lexicon import NumberLexicon
from dateline.quotes.attribution import AttributionLexicon
from dateline.relations.lexicon import RelationLexicon

LEXICONS = [
    NumberLexicon,
    DateLexicon,
    AttributionLexicon,
    PlaceLexicon,
    ActorLexicon,
    RelationLexicon,
    Ontology,
]
ids = [cls.__name__ for cls in LEXICONS]


@pytest.fixture(scope="module", params=LEXICONS, ids=ids)
def shipped(request: pytest.FixtureRequest) -> Lexicon:
    return request.param.default()


def test_every_lexicon_is_on_the_base() -> None:
    for cls in LEXICONS:
        assert issubclass(cls, Lexicon)
        assert cls.package.startswith("dateline.") and cls.resource.endswith(".json")
        assert cls.from_dict is not Lexicon.from_dict and cls.to_dict is not Lexicon.to_dict


def test_default_is_the_shipped_file(shipped: Lexicon) -> None:
    assert shipped.to_dict() == type(shipped).default_data()


def test_bytes_round_trip(shipped: Lexicon) -> None:
    data = shipped.to_bytes()
    again = type(shipped).from_bytes(data)
    assert again.to_bytes() == data
    assert again.to_dict() == shipped.to_dict()
    # compact, sorted keys: the same data always gives the same bytes
    assert data == json.dumps(json.loads(data), ensure_ascii=False, sort_keys=True).encode("utf-8")


def test_json_text_and_user_file_round_trip(shipped: Lexicon, tmp_path) -> None:
    cls = type(shipped)
    assert cls.from_json(shipped.to_json()).to_dict() == shipped.to_dict()
    path = tmp_path / "mine.json"
    path.write_text(shipped.to_json(), encoding="utf-8")
    assert cls.from_path(path).to_bytes() == shipped.to_bytes()
    assert cls.from_path(str(path)).to_dict() == shipped.to_dict()


def test_from_dict_copies_the_callers_dict(shipped: Lexicon) -> None:
    cls = type(shipped)
    data = shipped.to_dict()
    lexicon = cls.from_dict(data)
    before = lexicon.to_bytes()
    for value in data.values():
        if isinstance(value, (list, dict)):
            value.clear()
    assert lexicon.to_bytes() == before
    assert shipped.to_dict() != data  # to_dict gave a copy, too


@pytest.mark.parametrize("cls", LEXICONS, ids=ids)
@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "cannot read"),
        ('{"not": "closed"', "is not JSON"),
        (b"\xff\xfe{}", "is not UTF-8"),
        ("[1, 2, 3]", "must hold a JSON object"),
    ],
    ids=["missing", "not-json", "not-utf8", "not-an-object"],
)
def test_a_bad_user_file_gives_a_coded_error_naming_it(cls, content, says, tmp_path) -> None:
    path = tmp_path / "broken_lexicon.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        cls.from_path(path)
    assert raised.value.code == "E200"
    assert str(path) in str(raised.value) and says in str(raised.value)
    assert cls.what in str(raised.value)


@pytest.mark.parametrize(
    ("cls", "data"),
    [
        (AttributionLexicon, {"verbs": {}}),  # unknown key
        (PlaceLexicon, {"demonyms": {}}),  # no unit_words
        (RelationLexicon, {"roles": {}}),  # no predicates
        (Ontology, {"types": [{"id": "x"}]}),  # a type without a family
    ],
    ids=lambda v: v.__name__ if isinstance(v, type) else "",
)
def test_a_user_file_of_the_wrong_shape_names_the_file(cls, data, tmp_path) -> None:
    path = tmp_path / "wrong_shape.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        cls.from_path(path)
    assert str(path) in str(raised.value)


def test_read_json_names_the_kind_of_file(tmp_path) -> None:
    path = tmp_path / "x.json"
    path.write_text("nope", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"event ontology file .*x\.json is not JSON"):
        read_json(path, "event ontology")
    path.write_text('{"a": [1]}', encoding="utf-8")
    assert read_json(path) == {"a": [1]}
