"""The REST API and the pages over a real store (seed + samples + a hostile page).

Expected values are worked out from the library over whole stored articles
(``Store.iter_articles``, ``stance.compare``), never written in: the API must
give what the slow, obvious path gives.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventwatch import queries, stance
from eventwatch.actor_match import match_actor
from eventwatch.records import Article
from eventwatch.store import open_store
from eventwatch.web import create_app
from eventwatch.web.app import CONTENT_SECURITY_POLICY, is_local, url

pytestmark = [pytest.mark.slow, pytest.mark.shared]


@pytest.fixture(scope="module")
def client(web_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(web_store)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def articles(web_store: Path) -> list[Article]:
    with open_store(web_store) as store:
        return list(store.iter_articles())


def _events(articles: list[Article], **keys: str) -> list[tuple[str, Any]]:
    """(article id, event) pairs a filter keeps, worked out over whole articles."""
    kept = []
    for article in articles:
        for event in article.events:
            if event.attributed_to_author:
                continue
            if "source" in keys and not stance.matches(event.source, keys["source"]):
                continue
            if "target" in keys and not stance.matches(event.target, keys["target"]):
                continue
            if "code" in keys and not event.cameo.startswith(keys["code"]):
                continue
            if "modality" in keys and event.modality != keys["modality"]:
                continue
            if "text" in keys:
                words = article.text[event.span[0] : event.span[1]]
                if not re.search(rf"\b{re.escape(keys['text'])}\b", words, re.IGNORECASE):
                    continue
            day = event.date.isoformat() if event.date else None
            if "since" in keys and (day is None or day < keys["since"]):
                continue
            if "until" in keys and (day is None or day > keys["until"]):
                continue
            kept.append((article.id, event))
    return kept


# -- the seed's question -----------------------------------------------------------------------
def test_compare_matches_the_whole_article_path(
    client: TestClient, articles: list[Article]
) -> None:
    answer = client.get(
        "/api/compare",
        params=[("actor", "John Kerry"), ("actor", "Fumio Kishida"), ("target", "PRK")],
    )
    assert answer.status_code == 200
    body = answer.json()
    expected = stance.compare(articles, actors=["John Kerry", "Fumio Kishida"], target="PRK")
    overall = [row for row in expected if row["period"] == stance.OVERALL]
    assert body["overall"] == overall
    per_period = [row for row in expected if row["period"] != stance.OVERALL]
    assert [(p["actor"], p["period"], p["score"], p["side"]) for p in body["points"]] == sorted(
        [(r["actor"], r["period"], r["score"], r["side"]) for r in per_period],
        key=lambda item: ["John Kerry", "Fumio Kishida"].index(item[0]),
    )
    inline = client.get(
        "/api/compare",
        params=[
            ("actor", "John Kerry"),
            ("actor", "Fumio Kishida"),
            ("target", "PRK"),
            ("evidence", str(queries.EVIDENCE_LIMIT)),
        ],
    ).json()
    assert [dict(p, evidence=[]) for p in inline["points"]] == body["points"]
    for point, listed in zip(body["points"], inline["points"], strict=True):
        # the path comes without its evidence, each point's one click (request) away
        assert point["evidence"] == []
        clicked = client.get(point["evidence_url"])
        assert clicked.status_code == 200
        found = clicked.json()
        assert found["total"] == point["events"]
        assert len(found["items"]) == min(point["events"], queries.EVIDENCE_LIMIT)
        assert all(item["sentence"] for item in found["items"])
        assert found["items"] == listed["evidence"]  # what evidence=5 lists inline


@pytest.mark.parametrize("period", ["week", "month", "quarter", "year"])
@pytest.mark.parametrize("authored", [False, True])
def test_a_points_evidence_is_the_evidence_the_path_lists(
    client: TestClient, period: str, authored: bool
) -> None:
    params = {"actor": "USA", "target": "PRK", "period": period, "evidence": "2"}
    if authored:
        params["authored"] = "1"
    path = client.get("/api/stance", params=params).json()["items"]
    assert path
    for point in path:
        assert ("authored=1" in point["evidence_url"]) is authored
        found = client.get(point["evidence_url"] + "&limit=2").json()
        assert found["items"] == point["evidence"]
        assert found["total"] == point["events"]
        # any day of the period names the same point
        again = client.get(
            "/api/stance/evidence",
            params={**params, "start": point["end"], "limit": "2"},
        ).json()
        assert again == found


def test_the_seed_answer_kerry_engages_kishida_presses(
    client: TestClient, articles: list[Article]
) -> None:
    """The done-when check, with the sides taken from the library, not written in."""
    body = client.get("/api/compare?actor=John%20Kerry&actor=Fumio%20Kishida&target=PRK").json()
    sides = {row["actor"]: row["side"] for row in body["overall"]}
    for row in stance.compare(articles, actors=["John Kerry", "Fumio Kishida"], target="PRK"):
        if row["period"] == stance.OVERALL:
            assert sides[row["actor"]] == row["side"]
    page = client.get("/compare?actor=John+Kerry&actor=Fumio+Kishida&target=PRK")
    assert page.status_code == 200
    for row in body["overall"]:
        assert row["actor_name"] in page.text
    assert page.text.count('class="evidence"') == len(body["points"])


@pytest.mark.parametrize("period", ["week", "month", "quarter", "year"])
def test_stance_by_period_matches_the_library(
    client: TestClient, articles: list[Article], period: str
) -> None:
    body = client.get(
        "/api/stance", params={"actor": "John Kerry", "target": "PRK", "period": period}
    ).json()
    path = stance.stance_path(articles, actor="John Kerry", target="PRK", period=period)  # type: ignore[arg-type]
    assert body["total"] == len(path)
    assert [(p["period"], p["score"], p["change"]) for p in body["items"]] == [
        (s.period, s.score, s.change) for s in path
    ]


# -- lists -------------------------------------------------------------------------------------
EVENT_FILTERS = [
    {},
    {"source": "USA"},
    {"source": "John Kerry"},
    {"source": "person:john-kerry"},
    {"source": "USAGOV"},
    {"target": "PRK"},
    {"code": "01"},
    {"code": "036"},
    {"modality": "proposed"},
    {"since": "2013-04-15"},
    {"since": "2013-01-01", "until": "2013-12-31"},
    {"source": "USA", "target": "PRK"},
    {"text": "said"},
    {"text": "North Korea"},
    {"source": "USA", "text": "said"},
]


@pytest.mark.parametrize("keys", EVENT_FILTERS, ids=lambda keys: repr(keys))
def test_events_total_and_rows_match_whole_articles(
    client: TestClient, articles: list[Article], keys: dict[str, str]
) -> None:
    expected = _events(articles, **keys)
    body = client.get("/api/events", params={**keys, "limit": 1000}).json()
    assert body["total"] == len(expected)
    assert sorted(item["event_id"] for item in body["items"]) == sorted(
        event.id for _, event in expected
    )


def test_pages_of_a_list_add_up(client: TestClient) -> None:
    whole = client.get("/api/events", params={"limit": 1000}).json()
    seen: list[str] = []
    for offset in range(0, whole["total"], 7):
        page = client.get("/api/events", params={"limit": 7, "offset": offset}).json()
        assert page["total"] == whole["total"]
        assert page["offset"] == offset
        seen += [item["event_id"] for item in page["items"]]
    assert seen == [item["event_id"] for item in whole["items"]]


@pytest.mark.parametrize(
    "path",
    [
        "/api/events",
        "/api/quotes",
        "/api/actors",
        "/api/dyads",
        "/api/places",
        "/api/stance?actor=USA&target=PRK",
        "/api/compare?actor=USA&target=PRK",
    ],
)
def test_every_list_answers_a_total(client: TestClient, path: str) -> None:
    body = client.get(path).json()
    assert isinstance(body["total"], int)


def test_quotes_by_speaker_match_whole_articles(
    client: TestClient, articles: list[Article]
) -> None:
    expected = [
        quote.id
        for article in articles
        for quote in article.quotes
        if stance.matches(quote.speaker, "John Kerry")
    ]
    body = client.get("/api/quotes", params={"speaker": "John Kerry", "limit": 1000}).json()
    assert body["total"] == len(expected) > 0
    assert sorted(item["quote_id"] for item in body["items"]) == sorted(expected)


def test_quotes_about_an_actor_name_it_inside_their_content(
    client: TestClient, articles: list[Article]
) -> None:
    body = client.get("/api/quotes", params={"about": "PRK", "limit": 1000}).json()
    assert body["total"] > 0
    by_id = {q.id: (q, a) for a in articles for q in a.quotes}
    for item in body["items"]:
        quote, article = by_id[item["quote_id"]]
        first, last = quote.content_spans[0][0], quote.content_spans[-1][1]
        assert any(
            stance.matches(actor.as_event_actor(), "PRK") and first <= start < last
            for actor in article.actors
            for start, _ in actor.mentions
        )


def test_actor_directory_counts_match_the_actor_rows(web_store: Path) -> None:
    with open_store(web_store) as store:
        expected = {row["actor_id"]: (row["articles"], row["mentions"]) for row in store.actors()}
    with queries.open_reader(web_store) as reader:
        page = queries.actors(reader, limit=1000)
    assert page.total == len(expected)
    assert {row.actor_id: (row.articles, row.mentions) for row in page.items} == expected


@pytest.mark.parametrize(
    "key,expected_id",
    [
        ("John Kerry", "person:john-kerry"),
        ("john kerry", "person:john-kerry"),
        ("person:john-kerry", "person:john-kerry"),
        ("  John Kerry ", "person:john-kerry"),
        ("PRK", "country:PRK"),
        ("Nobody Atall", None),
        ("", None),
    ],
)
def test_one_actor_matcher(web_store: Path, key: str, expected_id: str | None) -> None:
    with queries.open_reader(web_store) as reader:
        match = match_actor(reader.db, key)
    if expected_id is None:
        assert not match.found
    else:
        assert expected_id in match.actor_ids


def test_a_country_key_matches_every_actor_of_the_country(web_store: Path) -> None:
    with queries.open_reader(web_store) as reader:
        match = match_actor(reader.db, "USA")
        codes = {
            row[0]
            for row in reader.db.execute("SELECT code FROM actor_directory WHERE country = 'USA'")
        }
    assert "person:john-kerry" in match.actor_ids
    assert len(match.actor_ids) >= len(codes) > 1


# -- bad parameters: 400 naming the parameter, never 500 ---------------------------------------
@pytest.mark.parametrize(
    "path,parameter",
    [
        ("/api/events?since=2013-13-45", "since"),
        ("/api/events?until=yesterday", "until"),
        ("/api/events?since=2014-01-01&until=2013-01-01", "until"),
        ("/api/events?code=999", "code"),
        ("/api/events?code=abc", "code"),
        ("/api/events?plover=NOT_A_TYPE", "plover"),
        ("/api/events?modality=perhaps", "modality"),
        ("/api/events?limit=-1", "limit"),
        ("/api/events?limit=100000", "limit"),
        ("/api/events?offset=-3", "offset"),
        ("/api/events?limit=ten", "limit"),
        ("/api/quotes?limit=-1", "limit"),
        ("/api/actors?offset=-1", "offset"),
        ("/api/stance?actor=USA&target=PRK&period=decade", "period"),
        ("/api/stance?target=PRK", "actor"),
        ("/api/compare?actor=USA", "target"),
        ("/api/dyad?a=USA&b=PRK&period=fortnight", "period"),
        ("/api/actors/person:john-kerry?period=decade", "period"),
        ("/api/places?since=2013-02-30", "since"),
        ("/api/compare?actor=USA&target=PRK&evidence=-1", "evidence"),
        ("/api/stance/evidence?actor=USA&target=PRK&start=2013-13-45", "start"),
        ("/api/stance/evidence?actor=USA&target=PRK&start=2013-04-01&limit=101", "limit"),
        ("/api/stance/evidence?actor=USA&target=PRK&start=2013-04-01&period=day", "period"),
        ("/api/stance/evidence?actor=USA&target=PRK", "start"),
        ("/api/stance?actor=USA&target=PRK&evidence=1000", "evidence"),
    ],
)
def test_bad_parameters_get_400_naming_them(client: TestClient, path: str, parameter: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 400, answer.text
    assert answer.json()["parameter"] == parameter


@pytest.mark.parametrize(
    "path",
    [
        "/events?since=2013-13-45",
        "/compare?actor=USA&target=PRK&period=decade",
        "/map?code=999",
        "/download/events.xlsx",
    ],
)
def test_bad_parameters_on_pages_get_a_400_page(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 400
    assert "text/html" in answer.headers["content-type"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/events/no-such-event",
        "/api/actors/nobody",
        "/api/articles/nothing",
        "/events/no-such-event",
        "/actors/nobody",
        "/articles/nothing",
    ],
)
def test_unknown_records_are_404(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


# -- pages, downloads, safety ------------------------------------------------------------------
PAGES = [
    "/",
    "/actors",
    "/actors?q=kerry",
    "/actors/person:john-kerry",
    "/compare",
    "/compare?actor=John+Kerry&actor=Fumio+Kishida&target=PRK&period=quarter",
    "/dyad",
    "/dyad?a=USA&b=PRK",
    "/events",
    "/events?source=USA&code=01",
    "/quotes",
    "/quotes?speaker=John+Kerry",
    "/articles/000_c91db61947cea963",
    "/map",
    "/map?source=USA",
    "/api/docs",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_answer_with_a_strict_policy(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 200
    assert answer.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "unsafe-eval" not in CONTENT_SECURITY_POLICY
    assert "http://" not in answer.text.split("<main>")[0]  # nothing loaded from elsewhere


def test_api_answers_carry_the_policy_too(client: TestClient) -> None:
    assert client.get("/api/stats").headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    paths = set(client.get("/api/openapi.json").json()["paths"])
    for path in [
        "/api/events",
        "/api/quotes",
        "/api/actors",
        "/api/actors/{actor_id}",
        "/api/stance",
        "/api/compare",
        "/api/dyads",
        "/api/articles/{key}",
        "/api/stats",
    ]:
        assert path in paths


def test_event_evidence_marks_trigger_and_links_the_article(
    client: TestClient, articles: list[Article]
) -> None:
    article, event = next(
        (a, e) for a in articles for e in a.events if e.source and not e.attributed_to_author
    )
    body = client.get(f"/api/events/{event.id}").json()
    start = event.sentence[0]
    assert body["sentence"] == article.text[event.sentence[0] : event.sentence[1]]
    trigger = next(mark for mark in body["marks"] if mark["kind"] == "trigger")
    assert (
        body["sentence"][trigger["start"] : trigger["end"]]
        == article.text[event.trigger_span[0] : event.trigger_span[1]]
    )
    assert trigger["start"] == event.trigger_span[0] - start
    page = client.get(f"/events/{event.id}").text
    assert f"/articles/{article.id}" in page
    assert '<mark class="trigger"' in page


@pytest.mark.parametrize("fmt", ["csv", "gdelt", "icews", "plover", "parquet"])
def test_downloads_hold_what_the_page_shows(client: TestClient, fmt: str) -> None:
    shown = client.get("/api/events", params={"source": "USA", "limit": 1000}).json()["total"]
    answer = client.get(f"/download/events.{fmt}", params={"source": "USA"})
    assert answer.status_code == 200
    assert "attachment" in answer.headers["content-disposition"]
    if fmt == "parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(io.BytesIO(answer.content)).num_rows == shown
    elif fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(answer.text)))) == shown
    elif fmt == "plover":  # PLOVER cannot hold some events; the exporter leaves them out
        assert 0 < len(answer.text.splitlines()) <= shown
    else:
        assert len(answer.text.splitlines()) == shown + 1  # header row


def test_hostile_article_text_is_shown_as_text(client: TestClient) -> None:
    page = client.get("/articles/hostile-page").text
    body = page.split("<main>", 1)[1]
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in body
    assert "<img" not in body
    assert "onerror=alert" in body  # as text, inside no tag
    assert 'href="javascript:' not in body
    assert "&lt;a href=&#34;javascript:alert" in body or "&lt;a href=&quot;javascript" in body
    events = client.get("/events?article=hostile-page&authored=1").text
    assert "<script>alert" not in events.split("<main>", 1)[1]


def test_a_javascript_url_never_becomes_a_link(client: TestClient) -> None:
    events = client.get("/api/events", params={"article": "hostile-page"}).json()["items"]
    for item in events:
        page = client.get(f"/events/{item['event_id']}").text
        assert "javascript:alert" not in page


@pytest.mark.parametrize(
    "host,local", [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False)]
)
def test_serve_says_whether_it_is_bound_to_localhost(host: str, local: bool) -> None:
    assert is_local(host) is local
    assert url(host, 8765).endswith(":8765/")


def test_the_reader_cannot_write(web_store: Path) -> None:
    import sqlite3

    with queries.open_reader(web_store) as reader, pytest.raises(sqlite3.OperationalError):
        reader.db.execute("DELETE FROM events")


def test_dyad_totals_match_a_count_over_whole_articles(
    client: TestClient, articles: list[Article]
) -> None:
    counts: dict[tuple[str, str], int] = {}
    for article in articles:
        for event in article.events:
            if event.attributed_to_author or not event.source or not event.target:
                continue
            if event.source.actor_id == event.target.actor_id:
                continue
            pair = (event.source.actor_id, event.target.actor_id)
            counts[pair] = counts.get(pair, 0) + 1
    body = client.get("/api/dyads", params={"limit": 1000}).json()
    assert body["total"] == len(counts)
    assert {(i["source_id"], i["target_id"]): i["events"] for i in body["items"]} == counts


def test_the_timeline_counts_every_dated_event(client: TestClient, articles: list[Article]) -> None:
    dated = sum(
        1
        for article in articles
        for event in article.events
        if not event.attributed_to_author and event.date is not None
    )
    timeline = client.get("/api/stats").json()["timeline"]
    assert sum(item["events"] for item in timeline) == dated


def test_places_match_whole_articles(client: TestClient, articles: list[Article]) -> None:
    counts: dict[str, int] = {}
    for article in articles:
        for event in article.events:
            if event.attributed_to_author or event.location is None:
                continue
            if event.location.lat is None:
                continue
            counts[event.location.name] = counts.get(event.location.name, 0) + 1
    body = client.get("/api/places").json()
    assert {item["place"]: item["events"] for item in body["items"]} == counts
    only = client.get("/api/places", params={"source": "USA"}).json()
    assert sum(item["events"] for item in only["items"]) <= sum(counts.values())


@pytest.mark.parametrize("claimant", [None, "John Kerry", "Nobody Atall"])
@pytest.mark.parametrize("window", [None, 3, 365])
def test_claim_checks_from_the_tables_match_whole_articles(
    web_store: Path, articles: list[Article], claimant: str | None, window: int | None
) -> None:
    with queries.open_reader(web_store) as reader:
        found = queries.check_claims(reader, claimant=claimant, window_days=window)
    expected = stance.check_claims(articles, claimant=claimant, window_days=window)
    assert found == expected
    if claimant is None:
        assert expected  # the seed holds a claim: the comparison is not empty


COMPARISONS = [
    (["John Kerry", "Fumio Kishida"], "PRK"),
    (["USA", "JPN", "CHN"], "PRK"),
    (["USA"], "North Korea"),
    (["person:john-kerry", "Nobody Atall"], "PRK"),
]


@pytest.mark.parametrize("keys,target", COMPARISONS)
@pytest.mark.parametrize("period", ["week", "month", "quarter", "year"])
@pytest.mark.parametrize("authored", [False, True])
def test_compare_in_sql_gives_the_rows_of_the_whole_article_path(
    web_store: Path,
    articles: list[Article],
    keys: list[str],
    target: str,
    period: str,
    authored: bool,
) -> None:
    expected = stance.compare(
        articles,
        actors=keys,
        target=target,
        period=period,
        include_authored=authored,  # type: ignore[arg-type]
    )
    with queries.open_reader(web_store) as reader:
        found = queries.compare(
            reader,
            actors=keys,
            target=target,
            period=period,
            include_authored=authored,  # type: ignore[arg-type]
        )
    assert found.rows() == expected
    for point in found.points:  # the evidence: the stance's own events, first ones first
        path = stance.stance_path(
            articles,
            actor=point.actor,
            target=target,
            period=period,
            include_authored=authored,  # type: ignore[arg-type]
        )
        (same,) = [item for item in path if item.period == point.period]
        ids = [item["event_id"] for item in point.evidence]
        assert ids == list(same.evidence_event_ids[: queries.MAX_EVIDENCE])


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("host,warned", [("127.0.0.1", False), ("0.0.0.0", True)])
def test_the_serve_command_prints_its_url_and_answers(
    web_store: Path, host: str, warned: bool
) -> None:
    import subprocess
    import sys
    import time
    import urllib.request

    port = _free_port()
    exe = Path(sys.executable).with_name("eventwatch")
    command = [str(exe), "serve", "--db", str(web_store), "--host", host, "--port", str(port)]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        first = server.stderr.readline()
        assert f":{port}/" in first
        second = server.stderr.readline() if warned else ""
        assert ("warning" in second) is warned
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats") as answer:
                    assert json.loads(answer.read())["articles"] > 0
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(10)
        if server.stderr is not None:
            server.stderr.close()
