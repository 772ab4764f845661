"""One incident, one ACLED-coded event: what a short incident report yields, on the real pipeline.

Each text is written for these tests in the register of coded incident notes; each asserts how many
ACLED-coded events come out and their types.
"""

from __future__ import annotations

from dateline.records import Event, Record


def coded(record: Record) -> list[Event]:
    return [e for e in record.events if e.acled_event_type]


def read(extractor, text: str) -> list[Event]:
    return coded(extractor.extract_text(text, published="2021-06-10"))


def test_a_protest_dispersed_with_arrests_is_one_protest_with_intervention(extractor) -> None:
    (event,) = read(
        extractor,
        "On 8 June 2021, about 80 nurses demonstrated outside the regional hospital in Valparaiso "
        "over unpaid wages. Police dispersed the crowd and arrested four nurses.",
    )
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Protests", "Protest with intervention")
    assert len(event.evidence) == 2


def test_demonstrators_burning_tyres_make_one_violent_demonstration(extractor) -> None:
    (event,) = read(
        extractor,
        "On 8 June 2021, residents demonstrated in Kasserine against water cuts. They blocked the "
        "main road and burned tyres.",
    )
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Riots", "Violent demonstration")


def test_a_kill_clause_belongs_to_the_clash_it_ends(extractor) -> None:
    (event,) = read(
        extractor,
        "On 8 June 2021, troops exchanged fire with rebels near Beni, in which three soldiers were killed.",
    )
    assert (event.acled_event_type, event.acled_sub_event_type) == ("Battles", "Armed clash")
    assert event.fatalities is not None and event.fatalities.best == 3


def test_people_fleeing_after_fighting_stay_a_movement_but_no_second_acled_row(extractor) -> None:
    record = extractor.extract_text(
        "On 8 June 2021, soldiers clashed with militants in Palma. Hundreds of families fled to Pemba "
        "after the fighting.",
        published="2021-06-10",
    )
    (event,) = coded(record)
    assert event.acled_sub_event_type == "Armed clash"
    assert any(e.type == "movement" and e.acled_event_type is None for e in record.events)


def test_the_weapons_fired_at_positions_decide_clash_or_shelling(extractor) -> None:
    (light,) = read(
        extractor,
        "On 8 June 2021, government forces fired heavy machine guns and small arms at rebel positions "
        "near Marinka.",
    )
    assert (light.acled_event_type, light.acled_sub_event_type) == ("Battles", "Armed clash")
    (heavy,) = read(
        extractor, "On 8 June 2021, rebel forces fired 120mm mortars at army positions near Marinka."
    )
    assert heavy.acled_sub_event_type == "Shelling/artillery/missile attack"


def test_bombs_found_in_a_search_are_no_bombing(extractor) -> None:
    events = read(
        extractor,
        "On 8 June 2021, police recovered two bombs and a rifle from a house in Imphal.",
    )
    assert [e.acled_sub_event_type for e in events] == ["Disrupted weapons use"]


def test_a_month_name_is_no_march(extractor) -> None:
    record = extractor.extract_text(
        "Nearly 300 families crossed from Pakistan into Afghanistan in March, officials said.",
        published="2021-06-10",
    )
    assert not [e for e in record.events if e.type == "protest"]
