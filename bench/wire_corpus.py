"""A generated corpus of wire-style conflict reports, for benchmarks run without ../shared.

``wire_texts(min_words)`` gives deterministic articles (the same every run) written the way news
agencies write: a dateline, a lead with a toll and a place, attributed quotes, dates relative to the
publication, lists of places and actors, numbers in words and digits, background paragraphs. It is
not real news; it exercises every dateline component with text of ordinary shape and length.
"""

from __future__ import annotations

import random

CITIES = [
    ("KABUL", "Kabul", "Afghanistan"), ("KANDAHAR", "Kandahar", "Afghanistan"),
    ("PESHAWAR", "Peshawar", "Pakistan"), ("QUETTA", "Quetta", "Pakistan"),
    ("BAGHDAD", "Baghdad", "Iraq"), ("MOSUL", "Mosul", "Iraq"), ("ALEPPO", "Aleppo", "Syria"),
    ("MOGADISHU", "Mogadishu", "Somalia"), ("MAIDUGURI", "Maiduguri", "Nigeria"),
    ("BAMAKO", "Bamako", "Mali"), ("SANAA", "Sanaa", "Yemen"), ("TRIPOLI", "Tripoli", "Libya"),
    ("KHARTOUM", "Khartoum", "Sudan"), ("GOMA", "Goma", "Congo"), ("LAHORE", "Lahore", "Pakistan"),
]
DISTRICTS = ["Nad Ali", "Sangin", "Khyber", "Bajaur", "Tal Afar", "Idlib", "Beledweyne", "Gao", "Marib"]
AGENCIES = ["Reuters", "AP", "AFP"]
ACTORS = [
    "the Taliban", "Islamic State", "al-Shabaab", "Boko Haram", "the army", "police",
    "security forces", "government troops", "rebel fighters", "a local militia",
]
SPEAKERS = [
    ("provincial police chief", "Abdul Rahman"), ("army spokesman", "Mohammad Hanif"),
    ("interior ministry spokesman", "Sediq Sediqqi"), ("district governor", "Hassan Ali"),
    ("a local elder", "Gul Agha"), ("the health ministry", None), ("a hospital official", None),
]
ATTACKS = ["suicide bomber", "roadside bomb", "car bomb", "gunmen", "rocket attack", "air strike"]
TARGETS = ["a police checkpoint", "a crowded market", "a mosque", "a military convoy", "a school",
           "a government compound", "a wedding party", "a bus station"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
        "on Sunday", "late on Friday", "early on Tuesday", "last week", "yesterday"]
WORD_NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a dozen"]
BACKGROUND = [
    "The country has been gripped by violence since {year}, and {actor} has stepped up attacks in "
    "recent months despite talks aimed at ending the conflict.",
    "No group immediately claimed responsibility, but suspicion fell on {actor}, which has carried "
    "out similar attacks in the area.",
    "More than {big} people have been displaced by the fighting this year, according to the United "
    "Nations refugee agency.",
    "The attack came days after officials from {country} and neighbouring states met in {city} to "
    "discuss border security and the return of refugees.",
    "Residents said the road between {city} and {district} had been closed for {n} days and that "
    "food prices in the market had doubled.",
    "Aid groups say hospitals in the province are short of medicine and staff, and that many of the "
    "wounded must travel for hours to reach {city}.",
]


def _article(rng: random.Random) -> tuple[str, str]:
    caps, city, country = rng.choice(CITIES)
    district = rng.choice(DISTRICTS)
    actor, other = rng.sample(ACTORS, 2)
    attack, target = rng.choice(ATTACKS), rng.choice(TARGETS)
    day = rng.choice(DAYS)
    dead, hurt = rng.randint(2, 60), rng.randint(3, 120)
    title, name = rng.choice(SPEAKERS)
    speaker = f"{title} {name}" if name else title
    month = rng.randint(1, 12)
    published = f"20{rng.randint(10, 23)}-{month:02d}-{rng.randint(1, 28):02d}"
    paragraphs = [
        f"{caps} ({rng.choice(AGENCIES)}) - A {attack} killed at least {dead} people and wounded {hurt} "
        f"others at {target} in the {district} district of {city} {day}, officials said.",
        f"\"The attackers opened fire on civilians and then fled towards the hills,\" {speaker} told "
        f"reporters, adding that {rng.choice(WORD_NUMBERS)} of the wounded were in critical condition.",
        f"According to {rng.choice(['witnesses', 'local officials', 'a security source'])}, {actor} "
        f"clashed with {other} for several hours before the area was secured.",
        f"{rng.choice(WORD_NUMBERS).capitalize()} children were among the dead, {speaker} said. "
        f"Police arrested {rng.randint(2, 9)} suspects in {district} and nearby villages on "
        f"{rng.choice(['Saturday', 'Sunday', 'Monday'])}.",
    ]
    for template in rng.sample(BACKGROUND, 3):
        paragraphs.append(
            template.format(
                year=rng.randint(1990, 2012), actor=rng.choice(ACTORS), big=rng.randint(2, 90) * 1000,
                country=country, city=city, district=district, n=rng.randint(2, 14),
            )
        )
    places = ", ".join(rng.sample([c[1] for c in CITIES], 4))
    paragraphs.append(
        f"Protests against the violence were held in {places} last month, where hundreds of people "
        f"marched to demand better protection, {rng.choice(['organisers', 'police'])} said."
    )
    return "\n\n".join(paragraphs), published


def wire_texts(min_words: int, *, seed: int = 11) -> list[tuple[str, str]]:
    """(text, publication date) pairs of generated articles, at least ``min_words`` words in all."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    words = 0
    while words < min_words:
        text, published = _article(rng)
        out.append((text, published))
        words += len(text.split())
    return out
