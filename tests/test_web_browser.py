"""Every page in a real headless Chromium (Debian's chromium + chromium-driver, via selenium).

Each page loads with no console error (a CSP violation is one); Compare draws
one line per actor; the Map draws one circle per place; a click leads from an
event to its article.  Screenshots go to ``test-artifacts/screenshots/``.
Skipped, with the reason, where Chromium or its driver is not installed (CI
installs both, see ``.ci/run``).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwatch import queries

pytestmark = [pytest.mark.slow, pytest.mark.shared]

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1200,1000",
)


@pytest.fixture(scope="module")
def server(web_store: Path) -> Iterator[str]:
    import uvicorn

    from eventwatch.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(web_store), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline:
            pytest.fail("the workbench did not start in 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if CHROMIUM is None or DRIVER is None:
        pytest.skip(
            "needs Debian's chromium and chromium-driver (apt-get install chromium "
            "chromium-driver; CI installs them)"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(30)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def _load(browser: Any, url: str, *, chart: bool) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get_log("browser")  # drop what an earlier page left
    browser.get(url)
    if chart:
        WebDriverWait(browser, 20).until(
            lambda d: d.find_element(By.ID, "chart").get_attribute("data-drawn")
        )
        assert browser.find_element(By.ID, "chart").get_attribute("data-drawn") == "true"


def _errors(browser: Any) -> list[str]:
    return [
        entry["message"]
        for entry in browser.get_log("browser")
        if entry["level"] in ("SEVERE", "ERROR")
    ]


def _shot(browser: Any, name: str) -> None:
    browser.save_screenshot(str(SHOTS / f"{name}.png"))


PAGES = [
    ("overview", "/", True),
    ("actors", "/actors?q=kerry", False),
    ("actor", "/actors/person:john-kerry", True),
    ("compare", "/compare?actor=John+Kerry&actor=Fumio+Kishida&target=PRK", True),
    ("dyad", "/dyad?a=USA&b=PRK", True),
    ("events", "/events", False),
    ("quotes", "/quotes", False),
    ("article", "/articles/000_c91db61947cea963", False),
    ("hostile-article", "/articles/hostile-page", False),
    ("map", "/map", True),
    ("api-docs", "/api/docs", False),
]


@pytest.mark.parametrize("name,path,chart", PAGES, ids=[page[0] for page in PAGES])
def test_page_loads_without_console_errors(
    server: str, browser: Any, name: str, path: str, chart: bool
) -> None:
    _load(browser, server + path, chart=chart)
    _shot(browser, name)
    assert _errors(browser) == []


def test_compare_draws_one_line_per_actor(server: str, browser: Any, web_store: Path) -> None:
    from selenium.webdriver.common.by import By

    keys = ["John Kerry", "Fumio Kishida"]
    with queries.open_reader(web_store) as reader:
        comparison = queries.compare(reader, actors=keys, target="PRK")
    with_points = {point.actor for point in comparison.points}
    _load(browser, server + "/compare?actor=John+Kerry&actor=Fumio+Kishida&target=PRK", chart=True)
    lines = browser.find_elements(By.CSS_SELECTOR, "#chart g.mark-line.role-mark path")
    assert len(lines) == len(with_points) == 2
    points = browser.find_elements(By.CSS_SELECTOR, "#chart g.mark-symbol.role-mark path")
    assert len(points) == len(comparison.points)
    points[0].click()  # a click opens the evidence behind the point
    opened = browser.find_element(By.CSS_SELECTOR, "section.evidence:target")
    assert opened.is_displayed()
    assert opened.find_elements(By.CSS_SELECTOR, "li a")
    _shot(browser, "compare-evidence")
    assert _errors(browser) == []


def test_map_draws_its_points(server: str, browser: Any, web_store: Path) -> None:
    from selenium.webdriver.common.by import By

    with queries.open_reader(web_store) as reader:
        places = queries.event_points(reader, flt=queries.parse_event_filter())
    _load(browser, server + "/map", chart=True)
    circles = browser.find_elements(By.CSS_SELECTOR, "#chart g.mark-symbol.role-mark path")
    assert len(circles) == len(places) > 0
    countries = browser.find_elements(By.CSS_SELECTOR, "#chart g.mark-shape.role-mark path")
    assert len(countries) > 100  # the world-atlas countries drew
    assert _errors(browser) == []


def test_click_from_an_event_to_its_article(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    _load(browser, server + "/events?source=John+Kerry", chart=False)
    browser.find_element(By.CSS_SELECTOR, "#events a.evidence-link").click()
    assert browser.find_element(By.CSS_SELECTOR, "#sentence mark.trigger").text
    browser.find_element(By.ID, "article-link").click()
    assert "/articles/" in browser.current_url
    assert browser.find_element(By.ID, "article-text").text
    _shot(browser, "event-to-article")
    assert _errors(browser) == []


def test_hostile_text_runs_no_script(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    _load(browser, server + "/articles/hostile-page", chart=False)
    text = browser.find_element(By.ID, "article-text").text
    assert "<script>alert('body')</script>" in text
    assert browser.execute_script("return document.querySelectorAll('main script').length") == 0
    assert browser.execute_script("return document.querySelectorAll('main img').length") == 0
    assert _errors(browser) == []
