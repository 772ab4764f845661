"""The dateline_quantities spaCy component on real sentences."""

from __future__ import annotations

import json

import pytest
import spacy

from dateline.quantities.component import QuantityReader
from dateline.records import Quantity
from dateline.settings import Settings

KEYS = {"text", "span", "low", "high", "best", "qualifier", "unit", "vague", "group"}


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.load(Settings().spacy_model)
    pipeline.add_pipe("dateline_quantities")
    return pipeline


def read(nlp, text: str) -> list[dict]:
    return nlp(text)._.dateline_quantities


def one(nlp, text: str, mention: str) -> dict:
    """The quantity whose span overlaps ``mention``; fails when there is not exactly one."""
    start = text.index(mention)
    end = start + len(mention)
    hits = [q for q in read(nlp, text) if q["span"][0] < end and start < q["span"][1]]
    assert len(hits) == 1, f"{mention!r}: {hits}"
    return hits[0]


def values(q: dict) -> tuple:
    return (q["low"], q["high"], q["best"], q["qualifier"], q["unit"])


# --- the seed cases ---------------------------------------------------------------------

SEED_CASES = [
    (
        "at least 400 families affiliated with militant groups crossed into Afghanistan in December.",
        "at least 400 families",
        (400, None, 400, "at least", "families"),
    ),
    (
        "Sources say some 150 families are currently living there.",
        "some 150 families",
        (None, None, 150, "about", "families"),
    ),
    (
        "an attack on an army-run school in Peshawar that killed almost 150 people, most of them children.",
        "almost 150 people",
        (None, 150, 150, "almost", "people"),
    ),
    (
        "the faction claims the support of 70-80 percent of the TTP's fighters.",
        "70-80 percent",
        (70, 80, None, None, "percent"),
    ),
    ("Moscow is hosting a 13-nation conference on Afghanistan.", "13-nation", (13, 13, 13, None, "nation")),
    (
        "According to security sources, nearly 7,000 Russians fled into Afghanistan in 2015-2016.",
        "nearly 7,000",
        (None, 7000, 7000, "nearly", "russians"),
    ),
    (
        "According to Russian estimates, some 5,000 to 7,000 Russians had joined the ISIL forces.",
        "some 5,000 to 7,000",
        (5000, 7000, None, "about", "russians"),
    ),
    (
        "Pakistan is deploying more than 200,000 troops on the border.",
        "more than 200,000 troops",
        (200000, None, 200000, "more than", "troops"),
    ),
    (
        "Pakistan shared a list of 76 key leaders of the defunct group.",
        "76 key leaders",
        (76, 76, 76, None, "leaders"),
    ),
]


@pytest.mark.parametrize(("text", "mention", "expected"), SEED_CASES)
def test_seed_style_quantities(nlp, text, mention, expected):
    assert values(one(nlp, text, mention)) == expected


def test_several_thousand_militants(nlp):
    text = "With the military launching an operation, several thousand militants have crossed the border."
    q = one(nlp, text, "several thousand militants")
    assert q["vague"] and q["best"] is None
    assert 1000 <= q["low"] <= 3000 and 5000 <= q["high"] <= 10000
    assert q["unit"] == "militants"


def test_list_shares_a_group(nlp):
    text = "the killing of three soldiers and eight civilians in Dangam district was blamed on Pakistan."
    qs = read(nlp, text)
    assert [(q["text"], q["best"], q["unit"]) for q in qs] == [
        ("three soldiers", 3, "soldiers"),
        ("eight civilians", 8, "civilians"),
    ]
    assert qs[0]["group"] is not None and qs[0]["group"] == qs[1]["group"]
    assert sum(q["best"] for q in qs) == 11


# --- numbers and words ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        (
            "Fighting in Idlib has displaced more than 1.5 million people since December, the UN said.",
            "more than 1.5 million people",
            (1_500_000, None, 1_500_000, "more than", "people"),
        ),
        (
            "Officials said up to 2.3m people need food aid in Yemen.",
            "up to 2.3m people",
            (None, 2_300_000, 2_300_000, "up to", "people"),
        ),
        (
            "The strike killed twenty-five soldiers on Tuesday.",
            "twenty-five soldiers",
            (25, 25, 25, None, "soldiers"),
        ),
        (
            "Rebels freed one hundred and twenty civilians from the camp.",
            "one hundred and twenty civilians",
            (120, 120, 120, None, "civilians"),
        ),
        (
            "Nearly two dozen Afghan police officers were killed in Kunduz overnight.",
            "Nearly two dozen",
            (None, 24, 24, "nearly", "officers"),
        ),
        (
            "Between 20 and 30 fighters were killed in the ambush near Gao.",
            "Between 20 and 30",
            (20, 30, None, None, "fighters"),
        ),
        (
            "The army said 35 to 40 percent of the town was destroyed.",
            "35 to 40 percent",
            (35, 40, None, None, "percent"),
        ),
        ("Residents said 70% of the houses were damaged.", "70%", (70, 70, 70, None, "percent")),
        (
            "Aid agencies said 40 per cent of children are malnourished.",
            "40 per cent",
            (40, 40, 40, None, "percent"),
        ),
        (
            "Some 60,000 Rohingya crossed into Bangladesh in the second week of the offensive.",
            "Some 60,000 Rohingya",
            (None, None, 60_000, "about", "rohingya"),
        ),
        (
            "Police arrested two or three suspects after the blast.",
            "two or three",
            (2, 3, None, None, "suspects"),
        ),
        (
            "Officials counted 5,000-plus displaced families in the camps.",
            "5,000-plus",
            (5000, None, 5000, "more than", "families"),
        ),
        (
            "Russia deployed a 500-strong battalion to the region.",
            "500-strong",
            (500, 500, 500, None, "battalion"),
        ),
        (
            "At least 8 killed as gunmen storm hotel in Mogadishu",
            "At least 8",
            (8, None, 8, "at least", None),
        ),
    ],
)
def test_numbers_ranges_and_qualifiers(nlp, text, mention, expected):
    assert values(one(nlp, text, mention)) == expected


@pytest.mark.parametrize(
    ("text", "mention", "low", "high", "unit"),
    [
        ("Dozens of civilians were killed in the shelling.", "Dozens of civilians", 24, 99, "civilians"),
        ("Tens of thousands of people fled Mosul.", "Tens of thousands", 20_000, 99_000, "people"),
        ("A handful of soldiers held the checkpoint.", "A handful", 2, 6, "soldiers"),
        (
            "Witnesses saw several hundred thousand refugees on the road.",
            "several hundred thousand",
            200_000,
            900_000,
            "refugees",
        ),
        ("Hundreds of protesters gathered outside the ministry.", "Hundreds", 200, 999, "protesters"),
    ],
)
def test_vague_amounts(nlp, text, mention, low, high, unit):
    q = one(nlp, text, mention)
    assert (q["low"], q["high"], q["best"], q["vague"], q["unit"]) == (low, high, None, True, unit)


def test_exact_numbers_are_not_vague_and_have_no_group(nlp):
    q = one(nlp, "Gunmen abducted 44 passengers from a bus.", "44 passengers")
    assert q["vague"] is False and q["group"] is None
    assert (q["low"], q["high"], q["best"]) == (44, 44, 44)


def test_values_are_ints_when_whole(nlp):
    q = one(nlp, "more than 1.5 million people fled", "1.5 million")
    assert isinstance(q["best"], int)
    frac = one(nlp, "the rate rose to 2.5 percent", "2.5 percent")
    assert frac["best"] == 2.5


# --- lists -----------------------------------------------------------------------------


def test_three_item_list(nlp):
    qs = read(nlp, "Four soldiers, two police officers and a civilian were killed.")
    assert [(q["best"], q["unit"]) for q in qs] == [(4, "soldiers"), (2, "officers")]
    assert qs[0]["group"] == qs[1]["group"] is not None


def test_two_lists_get_different_groups(nlp):
    text = (
        "The raid killed three soldiers and eight civilians. "
        "A day later, a bomb killed two police officers and five students."
    )
    qs = [q for q in read(nlp, text) if q["unit"] != "day"]
    groups = [q["group"] for q in qs]
    assert groups[0] == groups[1] and groups[2] == groups[3]
    assert groups[0] != groups[2]


def test_separate_clauses_are_not_a_list(nlp):
    qs = read(nlp, "Militants killed 12 soldiers and wounded 9 civilians.")
    assert [q["best"] for q in qs] == [12, 9]
    assert all(q["group"] is None for q in qs)


def test_partitive_is_not_a_list_member(nlp):
    qs = read(nlp, "The explosions killed 20 people, 7 of them children.")
    assert [q["best"] for q in qs] == [20, 7]
    assert all(q["group"] is None for q in qs)


# --- exclusions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The militants fled into Afghanistan in 2015-2016.",
        "On February 12, 2015, he told the committee about the threat.",
        "The army launched the operation in 2014 and ended it in March 2016.",
        "Israeli F-16 jets struck targets after UN Resolution 2254 was adopted.",
        "the operations Zarb-e-Azb and Khyber-1 continue against militants.",
        "COVID-19 cases rose in the camps during the second week.",
        "The conditions were: (1) all terrorists are targeted, (2) civilians are not harmed.",
        "The siege lasted 18 months and the 3-year-old was found at 10:30 a.m.",
        "One, with the military launching the operation, the group moved.",
        "No one was hurt a few months ago.",
    ],
)
def test_not_counts(nlp, text):
    assert read(nlp, text) == []


def test_year_next_to_a_count(nlp):
    qs = read(nlp, "In 2015 militants attacked the base, and in March 2016 another 40 were killed.")
    assert [q["best"] for q in qs] == [40]


def test_pronoun_one_with_a_noun_is_kept(nlp):
    q = one(nlp, "He said one of the attackers was killed.", "one of the attackers")
    assert (q["best"], q["unit"]) == (1, "attackers")


# --- the record contract ---------------------------------------------------------------


def test_dicts_match_the_record_and_the_text(nlp):
    text = "BEIRUT — At least 40 people, including 12 children, died and some 5,000 to 7,000 fled."
    doc = nlp(text)
    qs = doc._.dateline_quantities
    assert len(qs) == 3
    for q in qs:
        assert set(q) == KEYS
        assert text[q["span"][0] : q["span"][1]] == q["text"]
        Quantity.from_dict(q)  # validates
        json.dumps(q)


def test_empty_doc(nlp):
    assert nlp("")._.dateline_quantities == []


# --- serialisation, multiprocessing, blank pipelines -----------------------------------

ROUND_TRIP_TEXTS = [
    "at least 400 families crossed into Afghanistan in December.",
    "the killing of three soldiers and eight civilians in Dangam.",
    "Officials said in the region of 300 fighters were involved.",
]


def test_to_disk_round_trip_keeps_custom_entries(tmp_path):
    pipeline = spacy.load(Settings().spacy_model)
    reader = pipeline.add_pipe("dateline_quantities")
    assert isinstance(reader, QuantityReader)
    reader.lexicon.add_qualifier("in the region of", "about", "about")
    before = [pipeline(t)._.dateline_quantities for t in ROUND_TRIP_TEXTS]
    assert before[2][0]["qualifier"] == "about" and before[2][0]["best"] == 300
    pipeline.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    after = [loaded(t)._.dateline_quantities for t in ROUND_TRIP_TEXTS]
    assert after == before


def test_to_bytes_round_trip(nlp):
    reader = QuantityReader(nlp)
    reader.lexicon.add_vague("a smattering", 2, 8)
    copy = QuantityReader(nlp).from_bytes(reader.to_bytes())
    assert copy.lexicon.to_dict() == reader.lexicon.to_dict()


def test_lexicon_path_config(tmp_path):
    reader = QuantityReader(spacy.blank("en"))
    reader.lexicon.add_vague("a smattering", 2, 8)
    path = tmp_path / "lexicon.json"
    path.write_text(reader.lexicon.to_json(), encoding="utf-8")
    pipeline = spacy.blank("en")
    pipeline.add_pipe("dateline_quantities", config={"lexicon_path": str(path)})
    q = pipeline("a smattering of troops arrived")._.dateline_quantities[0]
    assert (q["low"], q["high"], q["vague"]) == (2, 8, True)


def test_pipe_with_two_processes_matches_one(nlp):
    texts = [text for text, _, _ in SEED_CASES[:6]] + ROUND_TRIP_TEXTS[:2]
    one_proc = [d._.dateline_quantities for d in nlp.pipe(texts)]
    two_proc = [d._.dateline_quantities for d in nlp.pipe(texts, n_process=2, batch_size=4)]
    assert two_proc == one_proc
    assert all(one_proc)


def test_blank_pipeline_degrades_to_the_next_word():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("dateline_quantities")
    text = "In 2015, at least 400 families and 76 key leaders fled; some 5,000 to 7,000 Russians joined."
    qs = pipeline(text)._.dateline_quantities
    got = [(q["text"], q["low"], q["high"], q["best"], q["qualifier"], q["unit"]) for q in qs]
    assert got == [
        ("at least 400 families", 400, None, 400, "at least", "families"),
        ("76 key", 76, 76, 76, None, "key"),  # no tagger: adjectives are not skipped
        ("some 5,000 to 7,000 Russians", 5000, 7000, None, "about", "russians"),
    ]


# --- evaluation ------------------------------------------------------------------------


def test_evaluate_quantities_scores_detection_and_fields(nlp, tmp_path):
    from dateline.evaluation.quantities import evaluate_quantities

    gold = tmp_path / "gold.jsonl"
    lines = [
        {
            "text": "Gunmen killed at least 9 villagers and stole 200 cattle near Djibo.",
            "published": None,
            "expected": [
                {
                    "text": "at least 9 villagers",
                    "low": 9,
                    "high": None,
                    "qualifier": "at least",
                    "unit": "villagers",
                },
                {"text": "200 cattle", "best": 200, "unit": "goats"},
            ],
        },
        {"text": "The ceasefire began on March 3, 2021.", "published": "2021-03-04", "expected": []},
        {"text": "Nothing numeric here, but the gold expects one.", "expected": [{"text": "Nothing"}]},
    ]
    gold.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = evaluate_quantities(nlp, gold)
    assert (result["expected"], result["predicted"], result["matched"]) == (3, 2, 2)
    assert result["precision"] == 1.0 and result["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["fields"]["unit"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert result["fields"]["qualifier"]["accuracy"] == 1.0
    assert result["misses"] and "Nothing" in result["misses"][0]


def test_quantity_at_the_end_of_the_doc(nlp):
    qs = read(nlp, "The shelling killed dozens")
    assert [(q["text"], q["vague"], q["unit"]) for q in qs] == [("dozens", True, None)]
