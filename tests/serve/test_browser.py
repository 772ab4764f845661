"""The web app in a real browser: Debian's Chromium, headless, driven by Selenium through Debian's
chromedriver (no browser is downloaded). One browser for the module, over the module's server.

Skipped when chromium or chromedriver is absent, unless ``DATELINE_REQUIRE_BROWSER`` is set (as
``.ci/run`` sets it after installing them): then their absence is a failure.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from urllib.parse import parse_qs, urlparse

import pytest

TTP = "tehrik-i-taliban-pakistan"
STORY = (
    "PESHAWAR, Pakistan (Reuters) - Gunmen killed 12 soldiers in an attack on a checkpoint in North "
    "Waziristan on Monday, officials said. The Pakistani Taliban claimed responsibility.\n"
)
#: Each payload would set the page's title, or the global ``pwned``, if it ran.
PAYLOAD = (
    "KABUL (Reuters) - <script>document.title='pwned'; window.pwned = 1;</script> Gunmen killed 12 "
    "soldiers in Kunar province on Monday, officials said. "
    "<img src=x onerror=\"window.pwned = 2; document.title='pwned'\"> "
    "<a href=\"javascript:window.pwned = 3\">read more</a> "
    "'; DROP TABLE events; -- <b onmouseover=\"window.pwned = 4\">bold</b>\n"
)


def _binaries() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@pytest.fixture(scope="module")
def browser():
    found = _binaries()
    if found is None:
        if os.environ.get("DATELINE_REQUIRE_BROWSER"):
            pytest.fail("DATELINE_REQUIRE_BROWSER is set but chromium or chromedriver is not installed")
        pytest.skip("Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="dateline-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                 f"--user-data-dir={profile}"):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=found[1]), options=options)
    driver.set_page_load_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def css(driver, selector: str) -> list:
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def wait_for(driver, selector: str, timeout: float = 120):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(ec.presence_of_element_located((By.CSS_SELECTOR, selector)))


def no_console_errors(driver) -> None:
    """The page broke no CSP rule and raised nothing (Chromium logs both as SEVERE)."""
    severe = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"
              and "favicon.ico" not in e.get("message", "")]  # fmt: skip
    assert severe == []


def test_map_filter_by_actor_then_an_events_document_shows_its_evidence(browser, server, client) -> None:
    browser.get(server.url + "/")
    everything = len(css(browser, "svg.map circle.point"))
    assert everything >= 20 and len(css(browser, "svg.map .countries path")) > 150
    field = css(browser, "form.filters input[name=actor]")[0]
    field.send_keys("TTP")
    field.submit()
    wait_for(browser, "svg.map")
    assert parse_qs(urlparse(browser.current_url).query)["actor"] == ["TTP"]
    points = css(browser, "svg.map circle.point")
    assert 0 < len(points) < everything
    no_console_errors(browser)
    # open the document of the topmost point: the page scrolls to the event's evidence, marked
    points[-1].click()
    wait_for(browser, "article.document")
    url = urlparse(browser.current_url)
    assert url.path.startswith("/documents/") and url.fragment.startswith("event-")
    event_id = url.fragment.removeprefix("event-")
    event = client.get(f"/api/events/{event_id}").json()
    marks = css(browser, f'span.fact.f-event[data-event="{event_id}"]')
    assert marks and marks[0].get_attribute("id") == url.fragment
    shown = "".join(m.get_attribute("textContent") for m in marks)
    assert event["evidence"][0]["text"].strip() in shown
    assert TTP in marks[0].get_attribute("title") or TTP in " ".join(event["actors"] + event["targets"])
    target = browser.execute_script("var t = document.querySelector(':target'); return t && t.id;")
    assert target == url.fragment  # the evidence is the highlighted target
    no_console_errors(browser)


def test_hovering_a_place_shows_its_reading(browser, server, client) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    doc_id = client.get("/api/documents").json()["items"][0]["id"]
    browser.get(f"{server.url}/documents/{doc_id}")
    place = css(browser, "article.document .text span.fact.f-place")[0]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", place)
    ActionChains(browser).move_to_element(place).perform()
    panel = css(browser, "aside.reading")[0]
    assert "place " in panel.text and place.get_attribute("data-place") in panel.text


def test_an_actor_page(browser, server) -> None:
    browser.get(f"{server.url}/actors/{TTP}")
    assert "Tehrik-i-Taliban Pakistan" in css(browser, "h2")[0].text
    assert "TTP" in css(browser, "dd.aliases")[0].text
    rows = css(browser, "table.events tr.event")
    assert len(rows) >= 3
    link = css(browser, "table.events tr.event a.doc")[0]
    link.click()
    wait_for(browser, "article.document")
    assert urlparse(browser.current_url).fragment.startswith("event-")


def test_paste_an_article_and_see_its_events(browser, server) -> None:
    browser.get(server.url + "/extract")
    css(browser, "textarea[name=text]")[0].send_keys(STORY)
    css(browser, "form.extract button")[0].click()
    wait_for(browser, "article.document")
    types = [row.find_element("css selector", "td").text for row in css(browser, "table.events tr.event")]
    assert "attack" in types or "armed_clash" in types
    assert css(browser, "span.fact.f-event") and css(browser, "span.fact.f-place")
    assert css(browser, "textarea[name=text]")[0].get_attribute("value").strip() == STORY.strip()


def test_an_article_of_payloads_runs_no_script_and_shows_its_text(browser, server, client) -> None:
    browser.get(server.url + "/extract")
    title = browser.title
    area = css(browser, "textarea[name=text]")[0]
    browser.execute_script("arguments[0].value = arguments[1]", area, PAYLOAD)  # exactly, no key events
    css(browser, "form.extract button")[0].click()
    wait_for(browser, "article.document")
    for element in css(browser, "article.document .text span.fact") + css(browser, "article.document .text"):
        browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))",
                               element)  # fmt: skip
    assert browser.execute_script("return window.pwned") is None
    assert browser.title == title and "pwned" not in browser.title
    text = css(browser, "article.document .text")[0].get_attribute("textContent")
    assert text.strip() == PAYLOAD.strip()  # every character shown, as text
    assert css(browser, "article.document img") == []
    assert css(browser, "article.document a[href^='javascript']") == []
    assert css(browser, "article.document b") == []
    # the same article stored, then shown on its document page and in the events table
    stored = client.post("/api/documents", content=PAYLOAD.encode(), headers={
        "Content-Type": "text/plain", "Authorization": f"Bearer {server.token}"}).json()  # fmt: skip
    doc_id = stored["records"][0]["id"]
    for path in ("/events", "/", f"/documents/{doc_id}"):
        browser.get(server.url + path)
        wait_for(browser, "main")
        assert browser.execute_script("return window.pwned") is None and "pwned" not in browser.title
        assert css(browser, "main img") == [] and css(browser, "main b") == []
        no_console_errors(browser)
    assert "<script>document.title='pwned'; window.pwned = 1;</script>" in css(browser, ".text")[0].text
    assert client.get("/api/facets").json()["counts"]["events"] > 0  # the SQL stayed text


@pytest.fixture(scope="module")
def client(server):
    with server.client() as opened:
        yield opened


def _view_box(element) -> list[float]:
    return [float(v) for v in element.get_dom_attribute("viewBox").split()]


def test_the_map_pans_and_zooms_and_its_view_becomes_a_filter(browser, server) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server.url + "/?actor=TTP")
    svg = wait_for(browser, "svg.map")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", svg)
    start = _view_box(svg)
    css(browser, "button[data-zoom=in]")[0].click()
    zoomed = _view_box(svg)
    assert zoomed[2] == pytest.approx(start[2] / 2, rel=1e-3)
    ActionChains(browser).scroll_from_origin(ScrollOrigin.from_element(svg), 0, 200).perform()  # out
    wheeled = _view_box(svg)
    assert wheeled[2] > zoomed[2]
    before = browser.current_url
    ActionChains(browser).move_to_element(svg).click_and_hold().move_by_offset(-150, 60).release().perform()
    panned = _view_box(svg)
    # the map follows the pointer: dragged left and down, the view moves east and north
    assert panned[0] > wheeled[0] and panned[1] < wheeled[1] and panned[2] == pytest.approx(wheeled[2])
    assert browser.current_url == before  # a drag that ends on a point opens nothing
    link = css(browser, "a.view-filter")[0]
    box = svg.get_attribute("data-view")
    west, south, east, north = (float(v) for v in box.split(","))
    assert west == pytest.approx(panned[0], abs=1e-3) and north == pytest.approx(-panned[1], abs=1e-3)
    assert parse_qs(urlparse(link.get_attribute("href")).query) == {"actor": ["TTP"], "bbox": [box]}
    link.click()
    WebDriverWait(browser, 60).until(lambda d: "bbox=" in d.current_url)
    wait_for(browser, "svg.map")
    assert parse_qs(urlparse(browser.current_url).query)["bbox"] == [box]
    no_console_errors(browser)


def test_dragging_across_the_timeline_sets_the_dates_in_the_url(browser, server, client) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server.url + "/?actor=TTP")
    timeline = wait_for(browser, "svg.timeline")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", timeline)
    bars = [(b.get_attribute("data-since"), b.get_attribute("data-until"))
            for b in css(browser, "svg.timeline a.bar")]  # fmt: skip
    assert len(bars) >= 2
    width = timeline.size["width"]
    ActionChains(browser).move_to_element_with_offset(timeline, -width // 2 + 2, 0).click_and_hold() \
        .move_by_offset(width - 4, 0).release().perform()  # fmt: skip
    WebDriverWait(browser, 60).until(lambda d: "since=" in d.current_url)
    query = parse_qs(urlparse(browser.current_url).query)
    assert query["actor"] == ["TTP"]
    assert (query["since"], query["until"]) == ([bars[0][0]], [bars[-1][1]])  # every bar, brushed
    wait_for(browser, "svg.map")
    # a shorter brush: from the middle of the strip to its end, fewer days
    timeline = wait_for(browser, "svg.timeline")
    narrowed = css(browser, "svg.timeline a.bar")
    assert narrowed
    ActionChains(browser).move_to_element_with_offset(timeline, 2, 0).click_and_hold() \
        .move_by_offset(width // 2 - 4, 0).release().perform()  # fmt: skip
    WebDriverWait(browser, 60).until(lambda d: parse_qs(urlparse(d.current_url).query)["since"]
                                     != query["since"])  # fmt: skip
    later = parse_qs(urlparse(browser.current_url).query)
    assert query["since"][0] < later["since"][0] <= later["until"][0] <= query["until"][0]
    shown = client.get("/api/facets", params={"actor": "TTP", **{k: v[0] for k, v in later.items()
                                                                    if k in ("since", "until")}}).json()
    assert shown["counts"]["events"] > 0
    no_console_errors(browser)
