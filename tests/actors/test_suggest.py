"""Registry suggestions from a corpus (``dateline actors suggest``) and inspection (``actors list|show``)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from dateline.actors import ActorRegistry, unregistered_id
from dateline.actors.report import actor_report, list_actors
from dateline.actors.suggest import render_toml, suggest_aliases
from dateline.records import Quote, Record
from dateline.store import Store

REGISTRY = """
[[actor]]
id = "tehrik-i-taliban-pakistan"
name = "Tehrik-i-Taliban Pakistan"
kind = "militant_group"
country = "PK"
acled_inter = 2
aliases = ["TTP", "Tehreek-i-Taliban Pakistan", "Pakistani Taliban"]
description = "Umbrella of Pakistani Taliban factions formed in December 2007."

[[actor]]
id = "jamaat-ul-ahrar"
name = "Jamaat-ul-Ahrar"
kind = "militant_group"
country = "PK"
aliases = ["Jamaat ul Ahrar"]
affiliations = [{relation = "split_from", id = "tehrik-i-taliban-pakistan"}]

[[actor]]
id = "taliban"
name = "Taliban"
kind = "militant_group"
country = "AF"
aliases = ["Afghan Taliban"]
roles = [
  {kind = "militant_group", until = 2021-08-14, acled_inter = 2, label = "insurgency"},
  {kind = "government", since = 2021-08-15, acled_inter = 1, label = "de facto government"},
]

[[actor]]
id = "inter-services-intelligence"
name = "Inter-Services Intelligence"
kind = "government"
country = "PK"
aliases = ["ISI"]

[[actor]]
id = "islamic-state-of-iraq"
name = "Islamic State of Iraq"
kind = "militant_group"
country = "IQ"
aliases = ["ISI"]
"""


@pytest.fixture()
def registry(tmp_path: Path) -> ActorRegistry:
    path = tmp_path / "base.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    return ActorRegistry.load([path], builtin=False)


def _span(text: str, words: str, nth: int = 1) -> list[int]:
    start = -1
    for _ in range(nth):
        start = text.index(words, start + 1)
    return [start, start + len(words)]


def _actor(text: str, actor_id: str, name: str, kind: str, *words: str, country: str | None = None) -> dict:
    return {
        "id": actor_id,
        "name": name,
        "kind": kind,
        "country_code": country,
        "aliases": [],
        "registered": not actor_id.startswith("x-"),
        "mentions": [{"text": w, "span": _span(text, w)} for w in words],
    }


T1 = (
    "PESHAWAR - Jamaat-ul-Ahrar, also known as JuA, claimed the attack. Its spokesman Ehsanullah Ehsan "
    "said the Tehreek-e-Taliban Pakistan had approved it."
)
T2 = "Ehsanullah Ehsan, a spokesman for JuA, said the group would strike again. JuA has split twice."
T3 = "Security officials said Ehsanullah Ehsan had surrendered. Omar Khalid Khorasani was not seen."
EHSAN = unregistered_id("person", "Ehsanullah Ehsan")
KHORASANI = unregistered_id("person", "Omar Khalid Khorasani")


def _records() -> list[Record]:
    alias = {"type": "alias", "actor": "jamaat-ul-ahrar", "alias": "JuA", "text": "also known as JuA"}
    alias2 = {"type": "alias", "actor": "tehrik-i-taliban-pakistan", "alias": "Tehreek-e-Taliban Pakistan"}
    return [
        Record(
            id="d1",
            text=T1,
            published="2015-08-10",
            dateline=None,
            actors=[
                _actor(T1, "jamaat-ul-ahrar", "Jamaat-ul-Ahrar", "militant_group", "Jamaat-ul-Ahrar", "JuA"),
                _actor(T1, EHSAN, "Ehsanullah Ehsan", "person", "Ehsanullah Ehsan"),
                _actor(
                    T1,
                    "tehrik-i-taliban-pakistan",
                    "Tehrik-i-Taliban Pakistan",
                    "militant_group",
                    "Tehreek-e-Taliban Pakistan",
                    country="PK",
                ),
            ],
            actor_facts=[
                {**alias, "span": _span(T1, "also known as JuA")},
                {
                    **alias2,
                    "text": "Tehreek-e-Taliban Pakistan",
                    "span": _span(T1, "Tehreek-e-Taliban Pakistan"),
                },
                {
                    "type": "role",
                    "actor": EHSAN,
                    "role": "spokesman",
                    "of": "jamaat-ul-ahrar",
                    "text": "Its spokesman Ehsanullah Ehsan",
                    "span": _span(T1, "Its spokesman Ehsanullah Ehsan"),
                },
            ],
        ),
        Record(
            id="d2",
            text=T2,
            published="2016-02-01",
            dateline=None,
            actors=[
                _actor(T2, EHSAN, "Ehsanullah Ehsan", "person", "Ehsanullah Ehsan"),
                _actor(T2, "jamaat-ul-ahrar", "Jamaat-ul-Ahrar", "militant_group", "JuA"),
            ],
            actor_facts=[
                {
                    "type": "role",
                    "actor": EHSAN,
                    "role": "spokesman",
                    "of": "jamaat-ul-ahrar",
                    "text": "Ehsanullah Ehsan, a spokesman for JuA",
                    "span": _span(T2, "Ehsanullah Ehsan, a spokesman for JuA"),
                }
            ],
            quotes=[
                Quote(
                    speaker=EHSAN,
                    speaker_text="Ehsanullah Ehsan",
                    text="the group would strike again",
                    span=_span(T2, "the group would strike again"),
                )
            ],
        ),
        Record(
            id="d3",
            text=T3,
            published="2017-04-18",
            dateline=None,
            actors=[
                _actor(T3, EHSAN, "Ehsanullah Ehsan", "person", "Ehsanullah Ehsan"),
                _actor(T3, KHORASANI, "Omar Khalid Khorasani", "person", "Omar Khalid Khorasani"),
            ],
        ),
    ]


def test_suggests_learned_aliases_and_recurring_unknown_actors(registry: ActorRegistry) -> None:
    found = suggest_aliases(_records(), registry)
    by_id = {s.id: s for s in found}
    # a person met in three documents, not in the registry
    ehsan = by_id[EHSAN]
    assert (ehsan.action, ehsan.name, ehsan.kind) == ("actor", "Ehsanullah Ehsan", "person")
    assert ehsan.documents == ("d1", "d2", "d3") and ehsan.count == 3 and ehsan.mentions == 3
    assert ehsan.registry_id == "ehsanullah-ehsan"
    assert ehsan.evidence[0].startswith("d1: ") and "Ehsanullah Ehsan" in ehsan.evidence[0]
    # an alias a text defines for a registry actor
    jua = by_id["jamaat-ul-ahrar"]
    assert (jua.action, jua.aliases, jua.documents) == ("alias", ("JuA",), ("d1",))
    assert "also known as JuA" in jua.evidence[0]
    # a spelling the registry does not list yet: -e- for -i- (the registry may match it fuzzily, but
    # proposing it lets an exact matcher find it too)
    assert by_id["tehrik-i-taliban-pakistan"].aliases == ("Tehreek-e-Taliban Pakistan",)
    # met once only: not proposed
    assert KHORASANI not in by_id
    assert ehsan is found[0]  # the most widely attested first


def test_alias_already_in_the_registry_is_not_proposed(registry: ActorRegistry) -> None:
    text = "Inter-Services Intelligence (ISI) officers met."
    record = Record(
        id="d9",
        text=text,
        published=None,
        dateline=None,
        actor_facts=[
            {
                "type": "alias",
                "actor": "inter-services-intelligence",
                "alias": "I.S.I.",
                "text": "(ISI)",
                "span": _span(text, "(ISI)"),
            }
        ],
    )
    assert suggest_aliases([record], registry) == []


def test_conflicting_alias_is_flagged(registry: ActorRegistry) -> None:
    text = "The Pakistani Taliban, also called the ISI by some, attacked."
    record = Record(
        id="d8",
        text=text,
        published=None,
        dateline=None,
        actor_facts=[{"type": "alias", "actor": "taliban", "alias": "ISI", "span": _span(text, "ISI")}],
    )
    (s,) = suggest_aliases([record], registry)
    assert set(s.conflicts) == {"inter-services-intelligence", "islamic-state-of-iraq"}
    assert "also a name of: inter-services-intelligence, islamic-state-of-iraq" in render_toml([s])


def test_rendered_toml_extends_a_registry(registry: ActorRegistry, tmp_path: Path) -> None:
    toml_text = render_toml(suggest_aliases(_records(), registry))
    tables = tomllib.loads(toml_text)["actor"]
    assert [t["id"] for t in tables] == ["ehsanullah-ehsan", "jamaat-ul-ahrar", "tehrik-i-taliban-pakistan"]
    # the whole shipped entry is kept, so pasting it loses nothing
    ttp = tables[2]
    assert ttp["acled_inter"] == 2 and ttp["description"].startswith("Umbrella")
    assert ttp["aliases"][-1] == "Tehreek-e-Taliban Pakistan" and "Pakistani Taliban" in ttp["aliases"]
    assert tables[1]["affiliations"] == [{"relation": "split_from", "id": "tehrik-i-taliban-pakistan"}]
    base = tmp_path / "base.toml"
    user = tmp_path / "mine.toml"
    user.write_text(toml_text, encoding="utf-8")
    extended = ActorRegistry.load([base, user], builtin=False)
    assert [e.id for e in extended.lookup("JuA")] == ["jamaat-ul-ahrar"]
    assert [e.id for e in extended.lookup("Pakistani Taliban")] == ["tehrik-i-taliban-pakistan"]
    assert [(e.id, e.kind) for e in extended.lookup("Ehsanullah Ehsan")] == [("ehsanullah-ehsan", "person")]
    assert render_toml([]) == ""


def test_render_toml_keeps_roles_and_dates(registry: ActorRegistry, tmp_path: Path) -> None:
    text = "The Islamic Emirate of Afghanistan (IEA) said it controls Kabul."
    record = Record(
        id="d7",
        text=text,
        published="2022-01-01",
        dateline=None,
        actor_facts=[
            {
                "type": "alias",
                "actor": "taliban",
                "alias": "Islamic Emirate of Afghanistan",
                "span": _span(text, "Islamic Emirate of Afghanistan"),
            }
        ],
    )
    path = tmp_path / "taliban.toml"
    path.write_text(render_toml(suggest_aliases([record], registry)), encoding="utf-8")
    (entry,) = ActorRegistry.load([path], builtin=False)
    import datetime as dt

    assert entry.role_on(dt.date(2015, 1, 30)).kind == "militant_group"
    assert entry.role_on(dt.date(2023, 1, 1)).label == "de facto government"
    assert "Islamic Emirate of Afghanistan" in entry.aliases


# --- dateline actors list / show ------------------------------------------------------------


def test_list_actors_filters(registry: ActorRegistry) -> None:
    assert [e.id for e in list_actors(registry, country="pk")] == [
        "inter-services-intelligence",
        "jamaat-ul-ahrar",
        "tehrik-i-taliban-pakistan",
    ]
    # the Taliban hold a government role, so they are listed among governments too
    assert [e.id for e in list_actors(registry, kind="government")] == [
        "inter-services-intelligence",
        "taliban",
    ]
    assert [e.id for e in list_actors(registry, query="tehreek")] == ["tehrik-i-taliban-pakistan"]
    assert [e.id for e in list_actors(registry, query="isi", kind="militant_group")] == [
        "islamic-state-of-iraq"
    ]
    assert list_actors(registry, kind="media") == []


@pytest.fixture()
def store(tmp_path: Path):
    with Store.open(tmp_path / "corpus.db") as db:
        db.add_records(_records())
        yield db


def test_actor_report_for_a_registry_actor(store: Store, registry: ActorRegistry) -> None:
    report = actor_report(store, registry, "Jamaat ul-Ahrar")  # any spelling of any name
    assert report["status"] == "found"
    actor = report["actor"]
    assert actor["id"] == "jamaat-ul-ahrar" and actor["registered"] is True
    assert actor["affiliations"] == [
        {
            "relation": "split_from",
            "id": "tehrik-i-taliban-pakistan",
            "name": "Tehrik-i-Taliban Pakistan",
            "since": None,
            "until": None,
            "office": None,
        }
    ]
    corpus = report["corpus"]
    assert corpus["documents"] == 2 and corpus["document_ids"] == ["d1", "d2"]
    assert corpus["mentions"] == 3
    assert corpus["names_used"] == {"JuA": 2, "Jamaat-ul-Ahrar": 1}
    assert corpus["learned_aliases"] == [{"alias": "JuA", "documents": 1}]
    # and from the other side of the link
    ttp = actor_report(store, registry, "TTP")["actor"]
    assert ttp["linked_from"][0]["id"] == "jamaat-ul-ahrar"
    assert ttp["linked_from"][0]["relation"] == "split_from"


def test_actor_report_roles_and_time(store: Store, registry: ActorRegistry) -> None:
    report = actor_report(store, registry, "afghan taliban")
    assert report["status"] == "found" and report["corpus"]["documents"] == 0
    assert [(r["kind"], r["since"], r["until"]) for r in report["actor"]["roles"]] == [
        ("militant_group", None, "2021-08-14"),
        ("government", "2021-08-15", None),
    ]


def test_actor_report_ambiguous_and_unknown(store: Store, registry: ActorRegistry) -> None:
    report = actor_report(store, registry, "ISI")
    assert report["status"] == "ambiguous"
    assert [c["id"] for c in report["candidates"]] == ["inter-services-intelligence", "islamic-state-of-iraq"]
    # by id there is no doubt
    assert actor_report(store, registry, "islamic-state-of-iraq")["actor"]["country_code"] == "IQ"
    assert actor_report(store, registry, "Mullah Nobody") == {
        "query": "Mullah Nobody",
        "status": "not_found",
        "candidates": [],
    }


def test_actor_report_for_an_unregistered_actor(store: Store, registry: ActorRegistry) -> None:
    report = actor_report(store, registry, "ehsanullah ehsan")
    assert report["status"] == "found"
    assert report["actor"]["id"] == EHSAN and report["actor"]["registered"] is False
    corpus = report["corpus"]
    assert corpus["documents"] == 3 and corpus["mentions"] == 3
    assert corpus["quotes"] == [
        {"document": "d2", "text": "the group would strike again", "speaker_text": "Ehsanullah Ehsan"}
    ]
    assert [(r["document"], r["role"], r["of"]) for r in corpus["roles"]] == [
        ("d1", "spokesman", "jamaat-ul-ahrar"),
        ("d2", "spokesman", "jamaat-ul-ahrar"),
    ]
    assert actor_report(store, registry, EHSAN)["corpus"]["documents"] == 3
