"""The web pages: the same :class:`~dateline.query.Corpus` dicts as the API, rendered as HTML.

``/`` (map and timeline), ``/events`` (the table), ``/documents/{id}`` (the article with every
fact marked), ``/actors/{id}``, ``/places/{id}`` and ``/extract`` (paste an article, see its
reading, nothing stored). Every filter is in the query string, so a page's URL is its state.
Templates autoescape (the one place user text becomes HTML); the pages carry no inline script or
style (the CSP forbids both): their one style sheet and one script are files under ``/static``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

import jinja2
import markupsafe
from fastapi import APIRouter, Form, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse

from dateline.query.corpus import Corpus
from dateline.query.filters import Criteria
from dateline.serve import highlight
from dateline.serve.graph import relation_graph
from dateline.serve.mapview import MapView, Timeline, country_paths

#: The filters a page reads from its query string (those of ``dateline query``).
FILTERS = ("actor", "place", "type", "since", "until", "bbox", "modality", "source")
#: The most events the map draws (the first ones stored the filters select).
MAP_LIMIT = 1000
#: More selected events than this are drawn by square cell on the map page (each zooms in on its box).
POINTS_UP_TO = 500
#: Rows of the events table a page shows, and the orders it sorts them in.
TABLE_LIMIT = 100
SORTS = {
    "date": lambda e: ((e.get("date") or {}).get("start") or "", e.get("id") or ""),
    "type": lambda e: (e.get("type") or "", e.get("id") or ""),
    "fatalities": lambda e: (((e.get("fatalities") or {}).get("best") or 0), e.get("id") or ""),
    "place": lambda e: (((e["locations"].get("place") or {}).get("name") or ""), e.get("id") or ""),
    "document": lambda e: (e.get("document") or "", e.get("id") or ""),
}


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("dateline.serve", "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(url=page_url, fact_kinds=highlight.KINDS, basemap=basemap)
    return env


@lru_cache(maxsize=1)
def basemap() -> markupsafe.Markup:
    """The country outlines as SVG, rendered (and escaped) by their template once per process."""
    return markupsafe.Markup(environment().get_template("_countries.html").render(countries=country_paths()))


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(environment().get_template(name).render(**context), status_code=status)


def error_page(code: str, message: str, status: int) -> HTMLResponse:
    return render("error.html", status, code=code, message=message, filters={})


def page_url(path: str, filters: Mapping[str, Any] | None = None, **changes: Any) -> str:
    """``path`` with the filters (and ``changes``; None drops one) as its query string."""
    params = {k: v for k, v in {**(filters or {}), **changes}.items() if v not in (None, "")}
    return f"{path}?{urlencode(params)}" if params else path


def filters_of(request: Request) -> dict[str, str]:
    return {k: request.query_params[k].strip() for k in FILTERS if request.query_params.get(k, "").strip()}


def _criteria(filters: Mapping[str, str], **more: str) -> Criteria:
    return Criteria(**{**filters, **more})


def router() -> APIRouter:
    pages = APIRouter(include_in_schema=False)

    @pages.get("/")
    def map_page(request: Request) -> HTMLResponse:
        corpus: Corpus = request.app.state.corpus
        filters = filters_of(request)
        where = corpus.filter(_criteria(filters))
        grid = corpus.grid(where)
        if grid is not None and grid["events"] > POINTS_UP_TO:
            view, shown, more = MapView.of_grid(grid, lambda box: page_url("/", filters, bbox=box)), 0, False
        else:
            page = corpus.points(where, limit=MAP_LIMIT)
            view, shown, more = MapView.of(page.items), len(page.items), page.next_cursor is not None
        days = corpus.timeline(where)
        families: dict[str, int] = {}
        for counts in days.values():
            for family, n in counts.items():
                families[family] = families.get(family, 0) + n
        return render("map.html", filters=filters, map=view, shown=shown, more=more, grid=grid,
                      timeline=Timeline.of(days), leaders=corpus.leaders(where),
                      families=sorted(families.items()))  # fmt: skip

    @pages.get("/events")
    def events_page(request: Request, sort: str = "", cursor: str = "") -> HTMLResponse:
        corpus: Corpus = request.app.state.corpus
        filters = filters_of(request)
        page = corpus.events(_criteria(filters), cursor=cursor or None, limit=TABLE_LIMIT)
        key, _, order = sort.partition(":")
        items = page.items
        if key in SORTS:
            items = sorted(items, key=SORTS[key], reverse=order == "desc")
        return render("events.html", filters=filters, events=items, sort=sort, cursor=cursor,
                      next_cursor=page.next_cursor)  # fmt: skip

    @pages.get("/documents/{doc_id:path}")
    def document_page(request: Request, doc_id: str) -> HTMLResponse:
        corpus: Corpus = request.app.state.corpus
        record = corpus.document(doc_id)
        return render("document.html", filters={}, docs=[document_view(record)], stored=True)

    @pages.get("/actors/{actor_id:path}")
    def actor_page(request: Request, actor_id: str) -> HTMLResponse:
        corpus: Corpus = request.app.state.corpus
        actor = corpus.actor(actor_id)
        where = Criteria(actor=actor_id)
        events = corpus.events(where, limit=MAP_LIMIT).items if actor["events"]["as_actor"] or \
            actor["events"]["as_target"] else []  # fmt: skip
        relations = corpus.relations(where, limit=MAP_LIMIT).items if actor["relations"] else []
        graph = relation_graph(actor["id"], actor.get("name") or actor["id"], relations)
        quotes = corpus.quotes_by(actor_id, limit=100)
        about = corpus.quotes_about(actor_id, limit=100)
        return render("actor.html", filters={"actor": actor_id}, actor=actor, quotes_about=about,
                      as_actor=[e for e in events if actor_id in (e.get("actors") or [])],
                      as_target=[e for e in events if actor_id in (e.get("targets") or [])],
                      relations=relations, graph=graph, quotes=quotes)  # fmt: skip

    @pages.get("/places/{place_id:path}")
    def place_page(request: Request, place_id: str) -> HTMLResponse:
        corpus: Corpus = request.app.state.corpus
        place = corpus.place(place_id)
        where = corpus.filter(Criteria(place=place_id))
        page = corpus.events(where, limit=MAP_LIMIT)
        return render("place.html", filters={"place": place_id}, place=place, events=page.items,
                      more=page.next_cursor is not None, map=MapView.of(page.items),
                      timeline=Timeline.of(corpus.timeline(where)))  # fmt: skip

    @pages.get("/extract")
    def extract_form(request: Request) -> HTMLResponse:
        return render("extract.html", filters={}, text="", published="", docs=[], problems=[])

    @pages.post("/extract")
    async def extract_page(request: Request, text: str = Form(""), published: str = Form("")) -> HTMLResponse:
        reader = request.app.state.reader
        reading = await run_in_threadpool(reader.read, text.encode("utf-8"), fmt="txt",
                                          published=published.strip() or None)  # fmt: skip
        docs = [document_view(r.to_dict()) for r in reading.records]
        return render("extract.html", filters={}, text=text, published=published, docs=docs,
                      problems=reading.problems)  # fmt: skip

    return pages


def document_view(record: Mapping[str, Any]) -> dict[str, Any]:
    """What the document template shows of one record: its text in marked pieces, its events."""
    places = {p.get("id"): p for p in record.get("places") or []}
    events = []
    for event in record.get("events") or []:
        place = places.get(event.get("place")) or {}
        reading = highlight.event_reading(event, places)
        events.append({**event, "place_name": place.get("name"), "reading": reading})
    return {
        "record": record,
        "pieces": highlight.pieces(record.get("text") or "", highlight.annotations(record)),
        "events": events,
        "counts": {kind: len(record.get(key) or []) for kind, key in (
            ("places", "places"), ("actors", "actors"), ("events", "events"), ("relations", "relations"),
            ("quotes", "quotes"), ("quantities", "quantities"), ("dates", "dates"), ("hedges", "hedges"))},
    }  # fmt: skip
