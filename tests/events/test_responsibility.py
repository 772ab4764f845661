"""Who the text holds responsible for an incident: claimed, attributed, suspected, denied.

Real pipeline (places, actors, events) on sentences written for these tests; each asserts the
incident's perpetrators and the responsibility entries with their stance and source.
"""

from __future__ import annotations

from dateline.records import Event, Record


def incident(record: Record) -> Event:
    """The violent event with the most people killed or hurt (as a coder would pick it)."""
    violent = [e for e in record.events if e.acled_event_type and e.acled_event_type != "Protests"]
    assert violent, [e.type for e in record.events]

    def toll(e: Event) -> float:
        return sum(q.best or q.low or 0 for q in (e.fatalities, e.injured) if q is not None)

    return max(violent, key=toll)


def stances(event: Event) -> set[tuple[str, str]]:
    return {(r.actor, r.stance) for r in event.responsibility}


def test_sources_attributing_the_attack_name_the_perpetrator_in_place_of_the_unknown_assailants(
    extractor,
) -> None:
    record = extractor.extract_text(
        "Assailants stormed a market in Maiduguri, Borno, Nigeria, killing six traders. No group "
        "claimed responsibility; however, sources attributed the attack to Boko Haram.",
        published="2021-04-02",
    )
    event = incident(record)
    assert event.actors[0] == "boko-haram"
    assert not any(a.startswith("unidentified-") for a in event.actors)
    (entry,) = event.responsibility
    assert (entry.actor, entry.stance, entry.source_text) == ("boko-haram", "attributed", "sources")
    assert record.text[entry.span[0] : entry.span[1]] == entry.text
    assert entry.text.startswith("No group claimed responsibility")


def test_blame_reads_the_actor_both_ways(extractor) -> None:
    for text in (
        "A bomb exploded at a bus station in Mogadishu, killing four people. Police blamed "
        "al-Shabaab for the bombing.",
        "A bomb exploded at a bus station in Mogadishu, killing four people. Police blamed the "
        "bombing on al-Shabaab.",
    ):
        event = incident(extractor.extract_text(text, published="2021-04-02"))
        assert event.actors[0] == "al-shabaab", text
        assert ("al-shabaab", "attributed") in stances(event)
        assert event.responsibility[0].source_text == "Police"


def test_suspected_involvement_and_suspected_militants_are_suspicions(extractor) -> None:
    event = incident(
        extractor.extract_text(
            "Gunmen killed three farmers near Gwoza in Borno. Residents suspected the involvement "
            "of Boko Haram.",
            published="2021-04-02",
        )
    )
    assert ("boko-haram", "suspected") in stances(event) and event.actors[0] == "boko-haram"
    event = incident(
        extractor.extract_text(
            "Suspected al-Shabaab militants shot dead two teachers in Mandera on Sunday.",
            published="2021-04-02",
        )
    )
    assert ("al-shabaab", "suspected") in stances(event)


def test_a_denial_is_kept_but_never_makes_the_perpetrator(extractor) -> None:
    event = incident(
        extractor.extract_text(
            "Gunmen killed five villagers in Gwoza, Borno. Boko Haram denied any involvement in the attack.",
            published="2021-04-02",
        )
    )
    assert ("boko-haram", "denied") in stances(event)
    assert "boko-haram" not in event.actors
    denial = next(r for r in event.responsibility if r.stance == "denied")
    assert denial.source == "boko-haram"


def test_a_claim_in_a_relative_clause_names_the_claimant(extractor) -> None:
    event = incident(
        extractor.extract_text(
            "The ambush on the convoy, which al-Shabaab claimed, killed four soldiers near Afgoye.",
            published="2021-04-02",
        )
    )
    assert event.actors[0] == "al-shabaab"
    assert ("al-shabaab", "claimed") in stances(event)


def test_no_claim_and_no_attribution_leave_an_unidentified_group(extractor) -> None:
    event = incident(
        extractor.extract_text(
            "Gunmen killed two shopkeepers in Maiduguri, Borno. No group claimed responsibility.",
            published="2021-04-02",
        )
    )
    assert event.responsibility == ()
    assert all(not a.startswith("boko-haram") for a in event.actors)
