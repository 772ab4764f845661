"""Acronyms spelt like English words ("IS") are read as the names they are, and only when written so."""

from __future__ import annotations


def test_is_militants_are_the_islamic_states_and_the_fight_with_them_a_battle(extractor) -> None:
    record = extractor.extract_text(
        "On 4 May 2020, Iraqi forces pursued and killed 3 IS militants in Akashat, Anbar.",
        published="2020-05-06",
    )
    (event,) = [e for e in record.events if e.acled_event_type]
    assert event.acled_sub_event_type == "Armed clash"
    assert "islamic-state" in event.targets
    assert event.fatalities is not None and event.fatalities.best == 3


def test_the_verb_is_names_nobody(extractor) -> None:
    record = extractor.extract_text(
        "Is the road to Kirkuk open? It is, the governor said. The army is ready.", published="2020-05-06"
    )
    assert "islamic-state" not in {a.id for a in record.actors}
