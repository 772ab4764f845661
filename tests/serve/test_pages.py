"""The web pages as HTML over a real server: every page, its filters in the URL, the document view's
marks, errors as pages, and untrusted text escaped (the browser tests run the same pages in Chromium)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from markupsafe import escape

from dateline.serve.highlight import Annotation, annotations, pieces

TTP = "tehrik-i-taliban-pakistan"
PAYLOAD = (
    "KABUL (Reuters) - <script>document.title='pwned'</script> Gunmen killed 12 soldiers in Kunar "
    "province on Monday, officials said. <img src=x onerror=\"document.title='pwned'\"> "
    "<a href=\"javascript:document.title='pwned'\">see</a> '; DROP TABLE events; --\n"
)


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the page's text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


@pytest.fixture(scope="module")
def client(server):
    with server.client() as opened:
        yield opened


def page(client, path: str, status: int = 200, **params) -> Tags:
    response = client.get(path, params=params) if params else client.get(path)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    return parse(response.text)


def no_inline_code(tags: Tags) -> None:
    """Nothing the CSP would refuse: no inline script or style, no handler attribute, no javascript: URL."""
    for tag, attrs in tags.tags:
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/")
        assert tag != "style"
        assert "style" not in attrs
        assert not any(name.startswith("on") for name in attrs)
        assert not any((value or "").strip().lower().startswith("javascript:") for value in attrs.values())


def circles(tags: Tags) -> list[dict]:
    return [a for t, a in tags.tags if t == "circle" and "point" in (a.get("class") or "")]


def test_the_map_draws_the_events_and_filters_by_actor(client) -> None:
    everything = page(client, "/")
    no_inline_code(everything)
    total = len(circles(everything))
    assert total >= 20
    precisions = {c["class"].split()[-1] for c in circles(everything)}
    assert {"precision-1", "precision-3"} <= precisions  # a town's point and a country's look apart
    outlines = [a for t, a in everything.tags if t == "path" and a.get("d", "").startswith("M")]
    assert len(outlines) > 150
    facet_links = {a.get("href") for t, a in everything.tags if t == "a"}
    assert f"/?actor={TTP}" in facet_links and "/?type=violence" in facet_links
    by_actor = page(client, "/", actor="TTP")
    assert 0 < len(circles(by_actor)) < total
    # the filter stays in the form and in every link that narrows further
    assert ("input", {"name": "actor", "value": "TTP", "placeholder": "TTP"}) in by_actor.tags
    bars = [a["href"] for t, a in by_actor.tags if t == "a" and a.get("class") == "bar"]
    assert bars and all("actor=TTP" in h and "since=" in h and "until=" in h for h in bars)


def test_movements_are_arrows_and_points_link_to_their_documents(client) -> None:
    tags = page(client, "/", type="movement")
    assert any(t == "line" and a.get("marker-end") == "url(#arrowhead)" for t, a in tags.tags)
    links = [a["href"] for t, a in tags.tags if t == "a" and "#event-" in (a.get("href") or "")]
    assert links and all(re.match(r"^/documents/[^#]+#event-.+$", h) for h in links)


def test_a_timeline_bar_narrows_the_map_to_its_days(client) -> None:
    tags = page(client, "/")
    bar = next(a for t, a in tags.tags if t == "a" and a.get("class") == "bar")
    narrowed = page(client, bar["href"])
    assert len(circles(narrowed)) < len(circles(tags))


def test_the_events_table_sorts_and_links_each_row_to_its_document(client) -> None:
    response = client.get("/events", params={"sort": "fatalities:desc"})
    assert response.status_code == 200
    tags = parse(response.text)
    no_inline_code(tags)
    rows = re.findall(r'<td class="num">([^<]*)</td>', response.text)
    numbers = [float(n) for n in rows if n.strip()]
    assert numbers and numbers == sorted(numbers, reverse=True)
    docs = [a["href"] for t, a in tags.tags if t == "a" and a.get("class") == "doc"]
    assert docs and all(h.startswith("/documents/") and "#event-" in h for h in docs)
    ttp = parse(client.get("/events", params={"actor": "TTP"}).text)
    assert 0 < sum(1 for t, a in ttp.tags if t == "tr" and "data-event" in a) < len(docs)


def test_the_document_view_marks_every_evidence_sentence(client) -> None:
    doc_id = client.get("/api/documents").json()["items"][0]["id"]
    record = client.get(f"/api/documents/{doc_id}").json()
    html = client.get(f"/documents/{doc_id}").text
    tags = parse(html)
    no_inline_code(tags)
    marked = {a.get("data-event") for t, a in tags.tags if t == "span" and a.get("data-kind") == "event"}
    assert {e["id"] for e in record["events"] if e["evidence"]} <= marked
    kinds = {a.get("data-kind") for t, a in tags.tags if t == "span"}
    assert {"event", "place", "actor", "quantity", "date", "quote", "hedge"} <= kinds
    # the text is the article's, whole: marks add no characters and lose none
    start, end = html.index('<div class="text">'), html.index('<aside class="reading"')
    assert "".join(parse(html[start:end]).text).strip() == record["text"].strip()
    place = next(p for p in record["places"] if p.get("lat") is not None)
    titles = [a["title"] for t, a in tags.tags if a.get("data-place") == place["id"]]
    assert titles and f"place {place['id']}" in titles[0] and f"{place['lat']:.4f}" in titles[0]


def test_actor_and_place_pages(client) -> None:
    response = client.get(f"/actors/{TTP}")
    assert response.status_code == 200
    tags = parse(response.text)
    no_inline_code(tags)
    text = " ".join(tags.text)
    assert "Tehrik-i-Taliban Pakistan" in text and "TTP" in text and "militant_group" in text
    assert sum(1 for t, a in tags.tags if t == "tr" and "data-event" in a) >= 3
    place = next(p for p in client.get("/api/places", params={"limit": 200}).json()["items"]
                 if p["feature"] == "ADM1")  # fmt: skip
    tags = page(client, f"/places/{place['id']}")
    assert place["name"] in " ".join(tags.text)
    assert any(t == "a" and a.get("href", "").startswith("/places/") for t, a in tags.tags)  # its country


def test_an_actor_page_draws_its_relations_and_lists_its_quotes(client) -> None:
    tags = page(client, f"/actors/{TTP}")
    relations = client.get("/api/relations", params={"actor": TTP}).json()["items"]
    edges = [a for t, a in tags.tags if t == "line" and a.get("marker-end") == "url(#graph-arrow)"]
    assert relations and len(edges) == len({(r["subject"], r["predicate"], r["object"]) for r in relations})
    others = {r["object"] if r["subject"] == TTP else r["subject"] for r in relations}
    assert {f"/actors/{o}" for o in others} <= {a.get("href") for t, a in tags.tags if t == "a"}
    documents = [client.get(f"/api/documents/{d['id']}").json()
                 for d in client.get("/api/documents").json()["items"]]  # fmt: skip
    quote = next(q for d in documents for q in d["quotes"] if q["speaker"])
    quoted = client.get(f"/actors/{quote['speaker']}").text.split('<ul class="quotes">')[1].split("</ul>")[0]
    assert "None read." not in quoted and str(escape(quote["text"][:40])) in quoted


def test_the_relation_graph_keeps_the_actor_in_the_middle() -> None:
    from dateline.serve.graph import HEIGHT, WIDTH, relation_graph

    relations = [{"subject": "a", "predicate": "leader_of", "object": "g"},
                 {"subject": "a", "predicate": "leader_of", "object": "g"},
                 {"subject": "h", "predicate": "allied_with", "object": "g"},
                 {"subject": "x", "predicate": "opposes", "object": "y"}]  # fmt: skip
    graph = relation_graph("g", "Group", relations)
    assert [(n.id, n.centre) for n in graph.nodes] == [("g", True), ("a", False), ("h", False)]
    assert (graph.nodes[0].x, graph.nodes[0].y) == (WIDTH / 2, HEIGHT / 2)
    assert sorted(e.label for e in graph.edges) == ["allied_with", "leader_of"]
    assert any("(2 sentences)" in e.title for e in graph.edges)


def test_errors_are_pages_off_the_api(client) -> None:
    tags = page(client, "/actors/nobody-at-all", 404)
    assert "E305" in " ".join(tags.text)
    assert "E202" in " ".join(page(client, "/", 400, since="not-a-date").text)
    assert "E204" in " ".join(page(client, "/events", 400, actor="' OR 1=1 --").text)
    assert client.get("/api/nothing").headers["content-type"].startswith("application/json")


def test_static_files_are_served_with_the_policy(client) -> None:
    for path, kind in (("/static/dateline.css", "text/css"), ("/static/dateline.js", "javascript")):
        response = client.get(path)
        assert response.status_code == 200 and kind in response.headers["content-type"]
        assert "default-src 'none'" in response.headers["content-security-policy"]


def test_a_pasted_article_is_read_not_stored_and_its_markup_stays_text(client) -> None:
    before = client.get("/api/facets").json()["counts"]["documents"]
    response = client.post("/extract", data={"text": PAYLOAD, "published": "2015-01-30"})
    assert response.status_code == 200
    tags = parse(response.text)
    no_inline_code(tags)
    assert not any(t == "img" for t, _ in tags.tags)
    assert "&lt;script&gt;document.title=" in response.text and "<script>document" not in response.text
    assert "&lt;img src=x onerror=" in response.text
    assert any(t == "tr" and "data-event" in a for t, a in tags.tags)  # the killing was read
    assert client.get("/api/facets").json()["counts"]["documents"] == before


def test_filter_values_are_escaped_where_they_are_echoed(client) -> None:
    response = client.get("/events", params={"source": '"><script>x()</script>'})
    assert response.status_code == 200
    assert "<script>x()" not in response.text and "&#34;&gt;&lt;script&gt;" in response.text


def test_pieces_nest_crossing_marks_and_keep_every_character() -> None:
    text = "Gunmen killed 12 people in Kunar."
    marks = [Annotation(0, 33, "event", "e1", "an attack"), Annotation(27, 32, "place", "p1", "Kunar"),
             Annotation(7, 23, "quantity", "q0", "12"),
             Annotation(14, 30, "date", "d0", "crossing")]  # fmt: skip
    out = pieces(text, marks)
    assert "".join(p.text for p in out if p.op == "text") == text
    depth = 0
    for piece in out:
        depth += {"open": 1, "close": -1}.get(piece.op, 0)
        assert depth >= 0
    assert depth == 0
    assert [p.anchor for p in out if p.op == "open" and p.anchor] == ["event-e1"]  # one anchor an event
    assert sum(1 for p in out if p.op == "open" and p.kind == "date") == 2  # reopened after the crossing


def test_annotations_read_every_kind_of_fact() -> None:
    record = {
        "text": "x" * 50,
        "places": [{"id": "p", "name": "P", "lat": 1.0, "lon": 2.0, "mentions": [{"span": [0, 1]}]}],
        "actors": [{"id": "a", "name": "A", "mentions": [{"span": [2, 3]}]}],
        "events": [{"id": "e", "type": "attack", "place": "p", "modality": "alleged",
                    "date": {"start": "2015-01-01", "end": "2015-01-02"}, "evidence": [{"span": [0, 9]}]}],
        "quantities": [{"span": [4, 5], "best": 3}], "dates": [{"span": [6, 7], "start": "2015-01-01"}],
        "quotes": [{"span": [10, 20]}], "attributions": [{"span": [21, 22]}], "hedges": [{"span": [23, 24]}],
        "relations": [{"id": "r", "trigger": {"span": [25, 26]}}],
    }  # fmt: skip
    found = {a.kind: a for a in annotations(record)}
    assert set(found) == {"place", "actor", "event", "quantity", "date", "quote", "attribution", "hedge",
                          "relation"}  # fmt: skip
    assert "1.0000, 2.0000" in found["place"].title
    assert "2015-01-01 – 2015-01-02" in found["event"].title and "alleged" in found["event"].title


def test_many_events_are_drawn_by_square_and_a_square_zooms_in(client, monkeypatch) -> None:
    from urllib.parse import parse_qs, urlsplit

    from dateline.serve import pages

    everything = client.get("/api/map").json()["features"]
    located = [f for f in everything if f["geometry"] and f["geometry"]["type"] == "Point"]
    monkeypatch.setattr(pages, "POINTS_UP_TO", 3)  # the server runs in this process
    tags = page(client, "/")
    cells = [a for t, a in tags.tags if t == "circle" and a.get("class") == "cell"]
    assert cells and not circles(tags)
    assert sum(int(c["data-events"]) for c in cells) == len(located)  # every event with a point, once
    links = [a["href"] for t, a in tags.tags if t == "a" and (a.get("href") or "").startswith("/?bbox=")
             and a.get("class") != "view-filter"]  # fmt: skip
    assert len(links) == len(cells)
    west, south, east, north = (float(v) for v in parse_qs(urlsplit(links[0]).query)["bbox"][0].split(","))
    inside = [f for f in located if west <= f["geometry"]["coordinates"][0] <= east
              and south <= f["geometry"]["coordinates"][1] <= north]  # fmt: skip
    assert inside  # the square holds its events; its page draws them (or smaller squares)
    zoomed = page(client, links[0])
    drawn = circles(zoomed) or [a for t, a in zoomed.tags if t == "circle" and a.get("class") == "cell"]
    assert drawn and (len(circles(zoomed)) == len(inside) or len(inside) > 3)


def test_an_actor_page_shows_the_quotes_by_it_and_about_it(client, server) -> None:
    from dateline.query import Corpus

    with Corpus.open(str(server.db)) as corpus:
        expected = corpus.quotes_about("government-of-afghanistan", limit=100)
    assert expected
    response = client.get("/actors/government-of-afghanistan")
    assert response.status_code == 200
    about = parse(response.text.split("Quotes about", 1)[1].split("<h3>", 1)[0])
    assert len([t for t, _ in about.tags if t == "li"]) == len(expected)
    text = "".join(about.text)
    assert all(f"naming it as “{q['named_as']}”" in text for q in expected)
    assert all(q["text"][:40] in text for q in expected)


def test_a_regional_map_draws_the_provinces_outlines_and_the_world_view_none(client) -> None:
    regional = client.get("/", params={"bbox": "60,29,72,38"})  # Afghanistan
    assert regional.status_code == 200 and '<g class="admin1">' in regional.text
    group = regional.text.split('<g class="admin1">', 1)[1].split("</g>", 1)[0]
    outlines = dict((title, d) for d, title in re.findall(r'<path d="([^"]+)"><title>([^<]+)</title>', group))
    assert {"Zabul (AF)", "Kandahar (AF)", "Khyber Pakhtunkhwa (PK)", "Balochistan (PK)"} <= set(outlines)
    assert not any(name.endswith(("(US)", "(BR)", "(AU)")) for name in outlines)  # nothing far away
    zabul = [tuple(map(float, p.split())) for p in re.split(r"[MLZ]", outlines["Zabul (AF)"]) if p.strip()]
    assert len(zabul) > 20  # an outline, not a box
    assert all(66 <= x <= 68.2 and -33.1 <= y <= -31.5 for x, y in zabul)  # where Zabul is, (lon, -lat)
    assert "OCHA / AGCHO" in regional.text and "OpenStreetMap" in regional.text  # attributed when drawn
    world = client.get("/", params={"until": "1900-01-01"})  # nothing selected: the whole world
    assert world.status_code == 200 and 'viewBox="-180 -80 360 140"' in world.text
    assert '<g class="countries">' in world.text
    assert '<g class="admin1">' not in world.text and "OCHA" not in world.text  # the world view stays light


def test_a_regional_map_names_the_provinces_in_view(client) -> None:
    response = client.get("/", params={"bbox": "60,29,72,38"})  # Afghanistan
    assert response.status_code == 200
    assert "<g class=\"provinces\"" in response.text, re.findall(r"viewBox=\"[^\"]*\"", response.text)
    labels = response.text.split('<g class="provinces"', 1)[1].split("</g>", 1)[0]
    names = set(re.findall(r">([^<]+)</text>", labels))
    assert {"Zabul", "Kandahar"} <= names and "Texas" not in names
    world = client.get("/", params={"until": "1900-01-01"})  # nothing selected: the whole world
    assert world.status_code == 200 and 'viewBox="-180 -80 360 140"' in world.text
    assert '<g class="provinces"' not in world.text  # not on a view of the world
