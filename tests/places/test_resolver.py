"""Place resolution on a small index: containment, document focus, unit words, priors, ambiguity.

The index holds seven countries' admin units and their places (Afghanistan and Pakistan in full,
the larger towns elsewhere), built once for this module.
"""

from __future__ import annotations

import json

import pytest

from dateline.gazetteer import Gazetteer, build_gazetteer, haversine_km
from dateline.gazetteer.sources import cities500_path
from dateline.places.context import contains, find_containers
from dateline.places.resolver import PlaceMention, PlaceResolver, Resolution, geo_precision

COUNTRIES = ("AF", "PK", "IN", "US", "RU", "EG", "FR", "SD")
FULL = ("AF", "PK")
MIN_POPULATION = 20_000


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    table = json.loads(cities500_path().read_text(encoding="utf-8"))
    subset = {
        key: rec
        for key, rec in table.items()
        if rec["countrycode"] in COUNTRIES
        and (rec["countrycode"] in FULL or rec["population"] >= MIN_POPULATION)
    }
    root = tmp_path_factory.mktemp("resolve")
    cities = root / "cities.json"
    cities.write_text(json.dumps(subset), encoding="utf-8")
    stats = build_gazetteer(root / "gazetteer.sqlite", countries=COUNTRIES, cities=cities)
    return Gazetteer.load(stats.path)


@pytest.fixture(scope="module")
def resolver(gazetteer: Gazetteer) -> PlaceResolver:
    return PlaceResolver(gazetteer)


def mentions_in(text: str, *names: str, **fields: dict[str, str]) -> list[PlaceMention]:
    """Mentions of ``names`` at their first occurrence in ``text``; ``fields`` add unit, container..."""
    out = []
    for name in names:
        start = text.index(name)
        extra = fields.get(name.replace(" ", "_"), {})
        out.append(
            PlaceMention(
                name,
                (start, start + len(name)),
                extra.get("name", name),
                **{k: v for k, v in extra.items() if k != "name"},
            )
        )
    return out


def resolve(
    resolver: PlaceResolver, text: str, *names: str, dateline: str | None = None, **fields: dict[str, str]
) -> list[Resolution]:
    return resolver.resolve(mentions_in(text, *names, **fields), text=text, dateline=dateline)


def where(res: Resolution) -> tuple[str | None, str | None, str | None]:
    assert res.entry is not None, res
    return res.entry.country_code, res.entry.admin1, res.entry.feature_code


# -- containment ------------------------------------------------------------------------------


@pytest.mark.parametrize(("state", "lat"), [("Louisiana", 31.3), ("Virginia", 38.8)])
def test_text_containment_picks_the_town_inside_the_state(
    resolver: PlaceResolver, state: str, lat: float
) -> None:
    text = f"A woman from Alexandria, {state}, was charged on Monday."
    town, region = resolve(resolver, text, "Alexandria", state)
    assert where(town)[:2] == ("US", state)
    assert abs(town.entry.lat - lat) < 0.5  # type: ignore[union-attr]
    assert where(region) == ("US", state, "ADM1")


def test_text_containment_with_a_name_outside_the_mention_list(resolver: PlaceResolver) -> None:
    text = "Floods hit Hyderabad, Sindh overnight."
    (town,) = resolve(resolver, text, "Hyderabad")
    assert where(town)[:2] == ("PK", "Sindh")


def test_recogniser_container_places_a_district_in_its_province(resolver: PlaceResolver) -> None:
    text = "three soldiers were killed in Dangam district, eastern Kunar province"
    (district,) = resolve(
        resolver,
        text,
        "Dangam district",
        Dangam_district={"name": "Dangam", "unit": "district", "container": "Kunar"},
    )
    assert where(district) == ("AF", "Kunar", "ADM2")
    assert district.geo_precision == 2


def test_find_containers_reads_commas_and_in() -> None:
    text = "Dangam district, eastern Kunar province and Quetta in Pakistan; Peshawar, Khyber Pakhtunkhwa."
    spans = [(0, 6), (25, 30), (44, 50), (54, 62), (64, 72)]
    inside, named = find_containers(text, spans)
    assert inside == {2: 3}
    assert named == {4: "Khyber Pakhtunkhwa"}


def test_contains(gazetteer: Gazetteer) -> None:
    kunar = next(e for e in gazetteer.lookup("Kunar") if e.feature_code == "ADM1")
    dangam = next(e for e in gazetteer.lookup("Dangam") if e.feature_code == "ADM2")
    afghanistan = gazetteer.lookup("Afghanistan")[0]
    assert contains(kunar, dangam, within_km=50) and contains(afghanistan, dangam, within_km=50)
    assert not contains(dangam, kunar, within_km=50) and not contains(kunar, kunar, within_km=50)


# -- document focus -----------------------------------------------------------------------------


def test_district_beside_its_province(resolver: PlaceResolver) -> None:
    text = "The largest settlements are in Zabul's districts of Day Chupan and Khak-e Afghan."
    zabul, day_chupan, khak = resolve(resolver, text, "Zabul", "Day Chupan", "Khak-e Afghan")
    assert where(zabul) == ("AF", "Zabul", "ADM1")
    assert where(day_chupan)[:2] == ("AF", "Zabul") and where(khak)[:2] == ("AF", "Zabul")
    assert day_chupan.entry.name == "Daychopan"  # type: ignore[union-attr]


def test_country_focus_moves_a_city_to_the_document_country(resolver: PlaceResolver) -> None:
    alone = resolver.resolve([PlaceMention("Hyderabad", (0, 9), "Hyderabad")])[0]
    assert where(alone)[0] == "IN"  # the larger city, with no context
    text = "Police in Hyderabad said the men came from Karachi and Larkana."
    town, *_ = resolve(resolver, text, "Hyderabad", "Karachi", "Larkana")
    assert where(town)[:2] == ("PK", "Sindh")


def test_state_focus_for_local_news(resolver: PlaceResolver) -> None:
    text = "Shreveport police and Monroe deputies met in Alexandria before the Baton Rouge hearing."
    res = resolve(resolver, text, "Shreveport", "Monroe", "Alexandria", "Baton Rouge")
    assert all(where(r)[:2] == ("US", "Louisiana") for r in res), [where(r) for r in res]


# -- unit words and priors --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "code", "precision"),
    [(None, "ADM1", 3), ("province", "ADM1", 3), ("city", "PPLA", 1)],
)
def test_unit_word_chooses_the_kind_of_entry(
    resolver: PlaceResolver, unit: str | None, code: str, precision: int
) -> None:
    (res,) = resolver.resolve([PlaceMention("Ghazni", (0, 6), "Ghazni", unit=unit)])
    assert where(res) == ("AF", "Ghazni", code)
    assert res.geo_precision == precision


def test_unit_word_inside_the_name_and_agency(resolver: PlaceResolver) -> None:
    kunar, khyber = resolver.resolve(
        [
            PlaceMention("Kunar province", (0, 14), "Kunar province"),
            PlaceMention("Khyber Agency", (20, 33), "Khyber", unit="agency"),
        ]
    )
    assert where(kunar) == ("AF", "Kunar", "ADM1")
    assert where(khyber)[0] == "PK" and where(khyber)[2] == "ADM2"


def test_transliteration_variant_resolves(resolver: PlaceResolver) -> None:
    (res,) = resolver.resolve([PlaceMention("Nooristan province", (0, 18), "Nooristan", unit="province")])
    assert where(res)[0] == "AF" and res.entry.admin1 == "Nuristan"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "country", "code"),
    [("Moscow", "RU", "PPLC"), ("Paris", "FR", "PPLC"), ("Cairo", "EG", "PPLC"), ("Pakistan", "PK", "PCLI")],
)
def test_population_and_capital_prior(resolver: PlaceResolver, name: str, country: str, code: str) -> None:
    (res,) = resolver.resolve([PlaceMention(name, (0, len(name)), name)])
    assert where(res)[0] == country and where(res)[2] == code
    assert not res.ambiguous


# -- dateline -----------------------------------------------------------------------------------


def test_dateline_is_a_weak_country_hint(resolver: PlaceResolver) -> None:
    bare = PlaceMention("Hyderabad", (0, 9), "Hyderabad")
    hinted = resolver.resolve([bare], dateline="KARACHI")[0]
    unhinted = resolver.resolve([bare])[0]
    assert where(unhinted)[0] == "IN" and where(hinted)[0] == "IN"  # a hint, not a verdict
    assert hinted.score < unhinted.score
    text = "Hyderabad, the capital of Telangana, voted on Monday."
    town, _ = resolve(resolver, text, "Hyderabad", "Telangana", dateline="ISLAMABAD")
    assert where(town)[:2] == ("IN", "Telangana")  # the text outweighs the dateline


def test_dateline_alone_resolves_nothing(resolver: PlaceResolver) -> None:
    assert resolver.resolve([], text="ISLAMABAD: Talks resumed.", dateline="ISLAMABAD") == []


# -- ambiguity, unknown names, precision ----------------------------------------------------------


def test_ambiguous_name_reports_its_contenders(resolver: PlaceResolver) -> None:
    res = [
        resolver.resolve([PlaceMention(n, (0, len(n)), n)])[0] for n in ("Greenville", "Glendale", "Pasadena")
    ]
    flagged = [r for r in res if r.ambiguous]
    assert flagged, [(r.mention.name, r.score) for r in res]
    for r in flagged:
        # the best reading is still given, flagged, with its far-apart rivals behind it
        assert r.entry is not None and r.entry == r.candidates[0] and len(r.candidates) >= 2
        assert r.geo_precision == geo_precision(r.entry)
        first, second = r.candidates[:2]
        assert haversine_km(first.lat, first.lon, second.lat, second.lon) > 161


def test_context_settles_an_ambiguous_name(resolver: PlaceResolver) -> None:
    text = "Pasadena, California police said the suspect fled toward Los Angeles."
    town, _, _ = resolve(resolver, text, "Pasadena", "California", "Los Angeles")
    assert not town.ambiguous and where(town)[:2] == ("US", "California")


def test_unknown_name_is_unresolved_and_order_is_kept(resolver: PlaceResolver) -> None:
    names = ["Kabul", "Qwxzyville", "Peshawar"]
    res = resolver.resolve([PlaceMention(n, (i * 20, i * 20 + len(n)), n) for i, n in enumerate(names)])
    assert [r.mention.name for r in res] == names
    assert res[1].entry is None and not res[1].ambiguous and res[1].candidates == ()
    assert where(res[0])[0] == "AF" and where(res[2])[0] == "PK"


def test_postal_abbreviation_is_its_state_and_a_container(resolver: PlaceResolver) -> None:
    text = "A fire broke out in Albany, NY, and in OR."
    albany, ny, oregon = resolve(resolver, text, "Albany", "NY", "OR")
    assert where(ny) == ("US", "New York", "ADM1") and where(oregon) == ("US", "Oregon", "ADM1")
    assert where(albany) == ("US", "New York", "PPLA")
    [alone] = resolve(resolver, "Albany, GA", "Albany", Albany={"container": "GA"})
    assert where(alone)[:2] == ("US", "Georgia")
    [lower] = resolve(resolver, "in ny", "ny")  # looked up as written: "ny" is no abbreviation
    assert lower.entry is None or lower.entry.admin1 != "New York"


def test_geo_precision_values(gazetteer: Gazetteer) -> None:
    afghanistan = gazetteer.lookup("Afghanistan")[0]
    kunar = next(e for e in gazetteer.lookup("Kunar") if e.feature_code == "ADM1")
    dangam = next(e for e in gazetteer.lookup("Dangam") if e.feature_code == "ADM2")
    peshawar = next(e for e in gazetteer.lookup("Peshawar") if e.feature_class == "P")
    assert [geo_precision(e) for e in (afghanistan, kunar, dangam, peshawar)] == [3, 3, 2, 1]
    assert geo_precision(peshawar, "near") == 2 and geo_precision(kunar, "near") == 3


def test_settings_override_and_fitting_note(gazetteer: Gazetteer) -> None:
    resolver = PlaceResolver(gazetteer, settings={"weights": {"population": 0.0}})
    assert resolver.settings.weights["population"] == 0.0
    assert "geovirus" in resolver.settings.meta["_fitted"].lower()


def test_resolution_is_fast_when_warm(resolver: PlaceResolver) -> None:
    import time

    text = "Dangam district, eastern Kunar province; Zabul's districts of Day Chupan and Khak-e Afghan."
    mentions = mentions_in(text, "Dangam", "Kunar", "Zabul", "Day Chupan", "Khak-e Afghan")
    resolver.resolve(mentions, text=text)
    start = time.perf_counter()
    for _ in range(50):
        resolver.resolve(mentions, text=text)
    assert (time.perf_counter() - start) / 50 < 0.01


# -- capitals, demonyms, regions ------------------------------------------------------------------


def test_a_capitals_name_is_the_capital_unless_the_text_says_unit(resolver: PlaceResolver) -> None:
    text = "Officials in Washington and Kabul met; fighting went on in Kabul province and Washington state."
    capital, kabul = resolve(resolver, text, "Washington", "Kabul")
    assert where(capital) == ("US", "Washington, D.C.", "PPLC") and where(kabul)[::2] == ("AF", "PPLC")
    mentions = [
        PlaceMention(
            "Kabul province",
            (text.index("Kabul province"), text.index("Kabul province") + 14),
            "Kabul",
            unit="province",
        ),
        PlaceMention(
            "Washington state",
            (text.index("Washington state"), text.index("Washington state") + 16),
            "Washington",
            unit="state",
        ),
    ]
    province, state = resolver.resolve(mentions, text=text)
    assert where(province)[::2] == ("AF", "ADM1") and where(state) == ("US", "Washington", "ADM1")


def test_a_metropolis_name_is_the_city_unless_the_text_says_unit(resolver: PlaceResolver) -> None:
    # "New York" is New York City's alternate name and the state's own: news means the city
    text = "Flights from New York were cancelled; upstate, New York state closed schools."
    [city] = resolve(resolver, text, "New York")
    assert where(city) == ("US", "New York", "PPL") and city.entry.population > 1_000_000
    start = text.index("New York state")
    mention = PlaceMention("New York state", (start, start + 14), "New York", unit="state")
    [state] = resolver.resolve([mention], text=text)
    assert where(state) == ("US", "New York", "ADM1")


def test_countries_named_by_their_people_are_part_of_the_focus(resolver: PlaceResolver) -> None:
    text = "Officials in Hyderabad said the vote was close."
    [alone] = resolve(resolver, text, "Hyderabad")
    [hinted] = resolver.resolve(mentions_in(text, "Hyderabad"), text=text, countries=["PK"])
    assert alone.entry.country_code == "IN" and hinted.entry.country_code == "PK"


def test_a_demonym_handed_over_resolves_to_its_country(resolver: PlaceResolver) -> None:
    text = "Russian and Afghan officials met Pakistanis in Kabul."
    russian, afghan, pakistanis = resolve(resolver, text, "Russian", "Afghan", "Pakistanis")
    assert [r.entry.country_code for r in (russian, afghan, pakistanis)] == ["RU", "AF", "PK"]
    assert all(r.entry.is_country and not r.ambiguous for r in (russian, afghan, pakistanis))


def test_regions_and_seas_are_the_default_reading(resolver: PlaceResolver) -> None:
    text = "Refugees crossed the Mediterranean from North Africa to the EU; the Middle East watched."
    sea, region, union, middle = resolve(resolver, text, "Mediterranean", "North Africa", "EU", "Middle East")
    assert [r.entry.feature_code for r in (sea, region, union, middle)] == ["SEA", "RGN", "RGN", "RGN"]
    assert all(r.geo_precision == 3 and not r.ambiguous for r in (sea, region, union, middle))


def test_a_unit_named_like_a_sea_is_the_sea_unless_the_text_says_unit(resolver: PlaceResolver) -> None:
    text = "Houthi militants attacked a ship in the Red Sea."
    (sea,) = resolve(resolver, text, "Red Sea")
    assert (sea.entry.feature_code, sea.entry.country_code) == ("SEA", None)
    state = PlaceMention("Red Sea state", (0, 13), "Red Sea", unit="state")
    (unit,) = resolver.resolve([state], text="Red Sea state was calm.")
    assert unit.entry.feature_code == "ADM1" and unit.entry.country_code == "SD"


def test_a_misspelling_is_read_only_where_the_text_points(resolver: PlaceResolver) -> None:
    # "Sanginn" is one letter from Sangin: with Helmand named it is read there ...
    text = "Gunmen attacked a school in Sanginn, Helmand."
    near, _ = resolver.resolve(mentions_in(text, "Sanginn", "Helmand", Sanginn={"container": "Helmand"}))
    assert near.entry is not None and near.entry.country_code == "AF"
    # ... but alone, nothing in the text points to any of its namesakes: not in the gazetteer
    (alone,) = resolver.resolve([PlaceMention("Sanginn", (0, 7), "Sanginn")])
    assert alone.entry is None
    # a province spelt nearly alike needs no other name ("Helmund")
    (province,) = resolver.resolve([PlaceMention("Helmund", (0, 7), "Helmund")])
    assert province.entry is not None and province.entry.admin1 == "Helmand"


@pytest.mark.parametrize(("text", "country"), [("Santiago", "CL"), ("Sofia", "BG"), ("San Salvador", "SV")])
def test_a_great_capitals_bare_name_is_the_capital_over_namesakes_elsewhere(
    extractor,  # noqa: ANN001
    text: str,
    country: str,
) -> None:
    # the full index: "Santiago" is also a Dominican province with a million-strong seat, "Sofia" a
    # Malagasy region; the bare name still means the national capital
    record = extractor.extract_text(
        f"Thousands of workers marched in {text} on Monday.", published="2020-05-04"
    )
    (place,) = record.places
    assert (place.country_code, place.feature) == (country, "PPLC")


def test_find_containers_reads_a_comma_and_in_before_a_compass_side() -> None:
    text = "A bomb went off in Al-Dawrah area, in southern Baghdad; in Kandahar, in Helmand too."
    spans = [(19, 33), (38, 54), (59, 67), (72, 79)]
    inside, named = find_containers(text, spans)
    # "in southern Baghdad" is where the area lies; a bare ", in" may open a list
    assert (inside, named) == ({0: 1}, {})
