"""Feeds and URLs, served from a local HTTP server on 127.0.0.1 only (issue 13)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwatch import api
from eventwatch.cli import main
from eventwatch.feeds import USER_AGENT, Fetcher, FetchError, FetchPolicy, parse_feed
from eventwatch.settings import Settings
from eventwatch.store import open_store

PAGE = """<html><head><title>{title}</title>
<meta property="og:site_name" content="Example Wire"></head><body>
<nav>Home | World | Markets</nav>
<article><h1>{title}</h1>
<p>{body}</p>
<p>Officials said talks would continue next week in Geneva, and both delegations
described the first round as useful but difficult.</p>
</article><footer>Copyright Example Wire</footer></body></html>"""

PAGES = {
    "/world/talks.html": PAGE.format(
        title="Envoys open talks in Geneva",
        body="Envoys from the two governments opened a new round of talks in Geneva on "
        "Tuesday, the first meeting since the ceasefire was signed in the spring.",
    ),
    "/world/aid.html": PAGE.format(
        title="Donors pledge aid for flood victims",
        body="Donor governments pledged new aid on Wednesday for families displaced by the "
        "floods, and the agency said convoys would leave the capital within days.",
    ),
}


def _rss(base: str) -> str:
    items = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><guid>{path}</guid>"
        f"<pubDate>Tue, 16 Apr 2013 10:00:00 GMT</pubDate></item>"
        for path, title in (("/world/talks.html", "Talks"), ("/world/aid.html", "Aid"))
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>'
        f"<link>{base}/</link><description>fixture</description>{items}</channel></rss>"
    )


class _Server:
    """A local server: the feed, two pages, a flaky page, a big page; it logs requests."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []
        self.flaky_left = 1
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_: object) -> None:  # keep test output quiet
                return

            def do_GET(self) -> None:
                owner.requests.append((self.path, self.headers.get("User-Agent", "")))
                if self.path == "/feed.xml":
                    self._send(200, _rss(owner.base), "application/rss+xml")
                elif self.path in PAGES:
                    self._send(200, PAGES[self.path], "text/html; charset=utf-8")
                elif self.path == "/flaky.html":
                    if owner.flaky_left:
                        owner.flaky_left -= 1
                        self._send(503, "busy", "text/plain")
                    else:
                        self._send(200, PAGES["/world/talks.html"], "text/html")
                elif self.path == "/big.html":
                    self._send(200, "x" * 50_000, "text/html")
                else:
                    self._send(404, "missing", "text/plain")

            def _send(self, status: int, body: str, kind: str) -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def pages_fetched(self) -> list[str]:
        return [path for path, _ in self.requests if path.endswith(".html")]


@pytest.fixture
def server() -> Iterator[_Server]:
    running = _Server()
    running.thread.start()
    try:
        yield running
    finally:
        running.httpd.shutdown()
        running.httpd.server_close()


def _fetcher() -> Fetcher:
    return Fetcher(FetchPolicy(per_host_interval_s=0.0, backoff_s=0.01, timeout_s=5))


def test_a_local_feed_is_ingested_and_a_second_cycle_takes_nothing_new(
    server: _Server, tmp_path: Path, article_settings: Settings
) -> None:
    db = tmp_path / "feeds.db"
    feed = f"{server.base}/feed.xml"
    with _fetcher() as fetcher:
        first, second = api.watch(
            [feed], db=db, settings=article_settings, cycles=2, every_s=0, fetcher=fetcher
        )
    assert (first.stored, first.seen, first.failures) == (2, 0, [])
    assert (second.stored, second.seen) == (0, 2)
    assert sorted(server.pages_fetched()) == ["/world/aid.html", "/world/talks.html"]
    with open_store(db) as store:
        stored = {article.url: article for article in store.iter_articles()}
    assert set(stored) == {f"{server.base}/world/talks.html", f"{server.base}/world/aid.html"}
    talks = stored[f"{server.base}/world/talks.html"]
    assert "opened a new round of talks in Geneva" in talks.text
    assert "Home | World" not in talks.text
    # a restarted watch (a new process would open the same store) takes nothing either
    with _fetcher() as fetcher:
        (again,) = api.watch([feed], db=db, settings=article_settings, cycles=1, fetcher=fetcher)
    assert (again.stored, again.seen) == (0, 2)
    assert len(server.pages_fetched()) == 2


def test_the_watch_command_reports_each_cycle(
    server: _Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTWATCH_CONFIG", str(tmp_path / "c.toml"))
    (tmp_path / "c.toml").write_text('stages = ["ingest"]\nprogress = "never"\n')
    db = str(tmp_path / "w.db")
    args = ["watch", f"{server.base}/feed.xml", "--db", db, "--every", "1s", "--cycles", "2"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "cycle 1: 2 new, 0 taken before" in result.stderr
    assert "cycle 2: 0 new, 2 taken before" in result.stderr
    again = CliRunner().invoke(main, [*args[:6], "--cycles", "1", "-v"], catch_exceptions=False)
    assert "already taken, skipped: " + f"{server.base}/world/talks.html" in again.stderr
    bad = CliRunner().invoke(main, [*args[:4], "--every", "soon"])
    assert bad.exit_code == 2 and "90s, 15m or 2h" in bad.stderr


def test_ingest_takes_a_page_url_and_a_feed_file(
    server: _Server, tmp_path: Path, article_settings: Settings
) -> None:
    feed_file = tmp_path / "wire.xml"
    feed_file.write_text(_rss(server.base), encoding="utf-8")
    db = tmp_path / "mixed.db"
    with _fetcher() as fetcher:
        report = api.ingest(
            [f"{server.base}/world/aid.html", str(feed_file)],
            db=db,
            settings=article_settings,
            fetcher=fetcher,
        )
    # the aid page comes twice (by URL, then as a feed item): one article
    assert report.stored == 2 and report.failures == []
    assert report.skipped + report.duplicates == 1


def test_a_missing_page_is_a_failure_naming_its_url(
    server: _Server, tmp_path: Path, article_settings: Settings
) -> None:
    with _fetcher() as fetcher:
        report = api.ingest(
            [f"{server.base}/gone.html"],
            db=tmp_path / "x.db",
            settings=article_settings,
            fetcher=fetcher,
        )
    (failure,) = report.failures
    assert failure.item == f"{server.base}/gone.html" and "HTTP 404" in failure.message


def test_fetcher_retries_with_backoff_and_states_its_user_agent(server: _Server) -> None:
    waits: list[float] = []
    policy = FetchPolicy(per_host_interval_s=0.0, backoff_s=0.5, retries=2)
    with Fetcher(policy, sleep=waits.append) as fetcher:
        page = fetcher.fetch(f"{server.base}/flaky.html")
    assert page.status == 200 and b"Geneva" in page.data
    assert waits == [0.5]  # one retry, after the first backoff
    assert {agent for _, agent in server.requests} == {USER_AGENT}


def test_fetcher_refuses_a_body_over_the_size_limit(server: _Server) -> None:
    with (
        Fetcher(FetchPolicy(max_bytes=10_000, per_host_interval_s=0.0)) as fetcher,
        pytest.raises(FetchError, match="limit"),
    ):
        fetcher.fetch(f"{server.base}/big.html")


def test_fetcher_waits_between_requests_to_one_host(server: _Server) -> None:
    now = [100.0]
    waits: list[float] = []
    with Fetcher(
        FetchPolicy(per_host_interval_s=2.0), sleep=waits.append, clock=lambda: now[0]
    ) as fetcher:
        fetcher.fetch(f"{server.base}/world/aid.html")
        now[0] += 0.5
        fetcher.fetch(f"{server.base}/world/talks.html")
    assert waits == [1.5]


def test_parse_feed_reads_atom_and_refuses_what_is_no_feed() -> None:
    atom = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        b"<entry><id>urn:1</id><title>One</title><link href='http://127.0.0.1/1'/>"
        b"<updated>2013-04-16T10:00:00Z</updated></entry></feed>"
    )
    (item,) = parse_feed(atom, source="atom.xml")
    assert (item.guid, item.link, item.published.isoformat()) == (  # type: ignore[union-attr]
        "urn:1",
        "http://127.0.0.1/1",
        "2013-04-16",
    )
    with pytest.raises(Exception, match="not an RSS or Atom feed"):
        parse_feed(b"<html><body>not a feed", source="page.xml")
