"""Feeds and URLs: fetch pages politely, read RSS/Atom, remember what was already taken.

* :class:`Fetcher` — ``httpx`` with a timeout, a size limit, retries with
  exponential backoff (on connection errors, 429 and 5xx; ``Retry-After`` is
  honoured up to the backoff cap), a stated User-Agent, and per-host
  politeness (at least ``per_host_interval_s`` between two requests to one host).
* :func:`parse_feed` — RSS or Atom bytes into :class:`FeedItem` records (``feedparser``).
* :func:`remote_documents` — URLs and feed files into the pipeline's
  :class:`~eventwatch.ingest.sources.RawDocument` items: a feed yields one HTML
  page per item (its link, fetched), a page URL yields itself.  Items a
  ``seen`` test knows (by GUID or link, then by body hash) are skipped and
  logged, never fetched twice.

Everything here is network code only when a caller gives URLs; nothing runs at
import.  Errors are :class:`FetchError` (an :class:`~eventwatch.errors.InputError`)
naming the URL, and become failures of that one item.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from eventwatch.errors import InputError
from eventwatch.ingest.sources import RawDocument
from eventwatch.records import Failure

__all__ = [
    "USER_AGENT",
    "FeedItem",
    "FetchError",
    "FetchPolicy",
    "Fetched",
    "Fetcher",
    "is_feed_path",
    "is_url",
    "parse_feed",
    "remote_documents",
]

log = logging.getLogger(__name__)

USER_AGENT = "eventwatch/0.1 (news event research tool; polite: one request per host per second)"
FEED_SUFFIXES = (".xml", ".rss", ".atom")
_FEED_TYPES = ("rss", "atom", "xml")


class FetchError(InputError):
    """A URL could not be fetched (after retries), or its body was too large."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchPolicy:
    """How to fetch: limits, retries and politeness."""

    timeout_s: float = 20.0
    max_bytes: int = 5_000_000
    retries: int = 3
    backoff_s: float = 1.0
    max_backoff_s: float = 30.0
    per_host_interval_s: float = 1.0
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True, kw_only=True)
class Fetched:
    """One fetched URL."""

    url: str
    final_url: str
    status: int
    content_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedItem:
    """One entry of an RSS or Atom feed."""

    guid: str
    link: str
    title: str | None = None
    published: datetime.date | None = None


def is_url(text: str) -> bool:
    """Whether ``text`` is an http(s) URL (anything else is a path)."""
    return text.startswith(("http://", "https://"))


def is_feed_path(text: str) -> bool:
    """Whether a local path names a feed file (``.xml``, ``.rss``, ``.atom``)."""
    return not is_url(text) and text.lower().endswith(FEED_SUFFIXES)


class Fetcher:
    """Fetch URLs with the limits and manners of a :class:`FetchPolicy`.

    ``transport`` lets tests pass an ``httpx`` mock transport; ``sleep`` and
    ``clock`` let them run the backoff without waiting.
    """

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._client = httpx.Client(
            timeout=self.policy.timeout_s,
            headers={"User-Agent": self.policy.user_agent},
            follow_redirects=True,
            transport=transport,
        )
        self._sleep = sleep
        self._clock = clock
        self._last: dict[str, float] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _wait_for(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self.policy.per_host_interval_s - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)
        self._last[host] = self._clock()

    def _once(self, url: str) -> Fetched:
        with self._client.stream("GET", url) as response:
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.policy.max_bytes:
                raise FetchError(
                    f"{url}: {declared} bytes is over the {self.policy.max_bytes} limit"
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.policy.max_bytes:
                    raise FetchError(f"{url}: body is over the {self.policy.max_bytes} byte limit")
                chunks.append(chunk)
            if response.status_code == 429 or response.status_code >= 500:
                raise _RetryableError(response.status_code, response.headers.get("retry-after"))
            if response.status_code >= 400:
                raise FetchError(f"{url}: HTTP {response.status_code}")
            return Fetched(
                url=url,
                final_url=str(response.url),
                status=response.status_code,
                content_type=response.headers.get("content-type", ""),
                data=b"".join(chunks),
            )

    def fetch(self, url: str) -> Fetched:
        """GET ``url``; retry what may pass; raise :class:`FetchError` naming it otherwise."""
        host = urlsplit(url).hostname or ""
        problem = ""
        for attempt in range(self.policy.retries + 1):
            self._wait_for(host)
            delay = min(self.policy.backoff_s * 2**attempt, self.policy.max_backoff_s)
            try:
                return self._once(url)
            except _RetryableError as retry:
                problem = f"HTTP {retry.status}"
                if retry.after and retry.after.isdigit():
                    delay = min(float(retry.after), self.policy.max_backoff_s)
            except httpx.HTTPError as error:
                problem = f"{type(error).__name__}: {error}"
            if attempt < self.policy.retries:
                log.info("retrying %s in %.1fs (%s)", url, delay, problem)
                self._sleep(delay)
        raise FetchError(f"{url}: failed after {self.policy.retries + 1} tries ({problem})")


class _RetryableError(Exception):
    """A response worth retrying (429, 5xx), with its Retry-After header."""

    def __init__(self, status: int, after: str | None) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.after = after


def _day(entry: Any) -> datetime.date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)


def parse_feed(data: bytes, *, source: str) -> list[FeedItem]:
    """The items of an RSS or Atom feed; a body that is no feed raises :class:`InputError`."""
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.entries:
        raise InputError(f"{source}: not an RSS or Atom feed ({parsed.get('bozo_exception')})")
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        guid = entry.get("id") or link
        if not link:
            log.warning("%s: feed item %r has no link; skipped", source, guid or "?")
            continue
        items.append(
            FeedItem(guid=guid, link=link, title=entry.get("title"), published=_day(entry))
        )
    return items


def _looks_like_feed(fetched: Fetched) -> bool:
    kind = fetched.content_type.split(";", 1)[0].strip().lower()
    if any(word in kind for word in _FEED_TYPES):
        return True
    head = fetched.data[:500].lstrip().lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed"))


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _doc_id(url: str) -> str:
    parts = urlsplit(url)
    slug = _UNSAFE.sub("-", f"{parts.hostname or ''}{parts.path}").strip("-")
    return slug[:120] or hashlib.sha1(url.encode()).hexdigest()[:16]


@dataclass(slots=True)
class SeenLog:
    """What :func:`remote_documents` skipped, for the caller's report."""

    seen_items: int = 0
    seen_bodies: int = 0
    # (feed, guid, link, body sha256) of every item handed on or skipped for its body
    items: list[tuple[str, str, str, str]] = field(default_factory=list)


def remote_documents(
    locations: Iterable[str],
    *,
    fetcher: Fetcher,
    seen_item: Callable[[str, str], bool] | None = None,
    seen_body: Callable[[str], bool] | None = None,
    log_to: SeenLog | None = None,
) -> Iterator[RawDocument | Failure]:
    """Raw HTML documents for URLs and feeds, in order; failures name their URL.

    ``seen_item(guid, link)`` and ``seen_body(sha256)`` say what was taken
    before; such items are skipped (and counted in ``log_to``).
    """
    record = log_to if log_to is not None else SeenLog()
    for location in locations:
        try:
            if is_url(location):
                fetched = fetcher.fetch(location)
                if not _looks_like_feed(fetched):
                    yield _page(fetched, feed=None, item=None)
                    continue
                data = fetched.data
            else:
                data = Path(location).read_bytes()
            items = parse_feed(data, source=location)
        except (InputError, OSError) as error:
            yield Failure(item=location, stage="fetch", message=str(error))
            continue
        for item in items:
            if seen_item is not None and seen_item(item.guid, item.link):
                record.seen_items += 1
                log.info("%s: already taken, skipped: %s", location, item.link)
                continue
            try:
                page = fetcher.fetch(item.link)
            except InputError as error:
                yield Failure(item=item.link, stage="fetch", message=str(error))
                continue
            if seen_body is not None and seen_body(page.sha256):
                record.seen_bodies += 1
                log.info("%s: same body as an item already taken, skipped: %s", location, item.link)
                record.items.append((location, item.guid, item.link, page.sha256))
                continue
            record.items.append((location, item.guid, item.link, page.sha256))
            yield _page(page, feed=location, item=item)


def _page(fetched: Fetched, *, feed: str | None, item: FeedItem | None) -> RawDocument:
    fields: dict[str, Any] = {"url": fetched.final_url, "body_sha256": fetched.sha256}
    if item is not None:
        fields.update(
            {
                "feed": feed,
                "guid": item.guid,
                "title": item.title,
                "published": item.published.isoformat() if item.published else None,
            }
        )
    return RawDocument(
        id=_doc_id(fetched.final_url),
        source=fetched.url,
        kind="html",
        data=fetched.data,
        fields=fields,
    )
