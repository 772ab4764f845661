"""A date heading a line is a sentence of its own, so the report after it parses as a sentence."""

from __future__ import annotations

from dateline.nlp.headers import header_ends


def test_date_headings_are_found_at_line_starts_only() -> None:
    text = (
        "06/03/2021: Gunmen attacked a bus.\nJune 4, 2021: Police arrested two men.\n"
        "Note: see 06/05/2021: later."
    )
    ends = header_ends(text)
    assert [text[e : e + 6] for e in ends] == ["Gunmen", "Police"]
    assert header_ends("Tuesday: a quiet day") == [len("Tuesday: ")]
    assert header_ends("Casualties: 4 dead") == []  # a label, not a date


def test_the_report_after_a_heading_reads_its_attackers_as_attackers(extractor) -> None:
    record = extractor.extract_text(
        "07/19/2021: Assailants armed with knives and clubs attacked and killed a shopkeeper in Kanker, "
        "Chhattisgarh, India.",
        published="2021-07-20",
    )
    (event,) = [e for e in record.events if e.acled_event_type]
    assert event.actors and event.actors[0].startswith("unidentified-armed-group")
    assert not any(t.startswith("unidentified-") for t in event.targets)
    assert record.dates and record.dates[0].text == "07/19/2021"


def test_a_short_label_heading_a_line_is_its_own_sentence(extractor) -> None:
    doc = extractor.nlp(
        "Security measures: On 3 May 2021, police sealed off the old city.\nHe said: we stay."
    )
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[:2] == ["Security measures:", "On 3 May 2021, police sealed off the old city."]
    assert "He said: we stay." in sentences  # a clause before a colon is no label
