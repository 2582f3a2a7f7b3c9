"""Property-based fuzzing of the readers (issue 14): text, HTML, JSONL, each also gzipped.

Whatever bytes a file holds, reading it as ``eventwatch extract --only article``
does yields only articles and failures that name the item, never an exception
out of the library and never an ``internal error``; every article's hash is the
hash of its text.  The example counts are bounded so CI stays quick;
``bench/fuzz.py`` runs the long mutation campaign (see docs/robustness.md).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwatch.ingest.sources import iter_sources
from eventwatch.pipeline import run
from eventwatch.records import Article, Failure
from eventwatch.settings import load_settings

INGEST_ONLY = load_settings(use_environment=False, progress="never", stages=["ingest"])
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

WORDS = st.sampled_from(
    [
        "The", "minister", "met", "in", "Lima", "on", "Monday", "By", "Apr 16th, 2013",
        "Share", "Menu", "\n", "\n\n", "<p>", "</p>", "<html>", "<body>", "<script>", "&amp;",
        "{", "}", "[", '"', "\\ud800", "\x00", "\ufeff", "外交部长", "مرحبا", "—", "…",
    ]
)  # fmt: skip
TEXTISH = st.lists(st.one_of(WORDS, st.text(max_size=40)), max_size=120).map(" ".join)
BYTES = st.one_of(
    st.binary(max_size=3000),
    TEXTISH.map(lambda text: text.encode("utf-8", "surrogatepass")),
    TEXTISH.map(lambda text: text.encode("utf-16", "surrogatepass")),
    TEXTISH.map(lambda text: text.encode("cp1252", "replace")),
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=60),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
RECORDS = st.one_of(
    JSON_VALUES,
    st.fixed_dictionaries(
        {"text": st.one_of(TEXTISH, JSON_VALUES)},
        optional={
            "id": JSON_VALUES,
            "date": st.one_of(st.text(max_size=30), JSON_VALUES),
            "authors": JSON_VALUES,
            "title": JSON_VALUES,
            "genre": st.one_of(st.sampled_from(["news", "opinion", "x"]), JSON_VALUES),
        },
    ),
)


def _read(name: str, data: bytes) -> list[Article | Failure]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        items = iter_sources([path], max_document_bytes=1_000_000)
        return [r for r in run(items, settings=INGEST_ONLY) if isinstance(r, Article | Failure)]


def _check(results: list[Article | Failure]) -> None:
    assert results, "every file gives at least one result"
    for result in results:
        if isinstance(result, Failure):
            assert result.item and "internal error" not in result.message, str(result)
        else:
            assert result.text.strip()
            assert result.sha256 == hashlib.sha256(result.text.encode("utf-8")).hexdigest()
            json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")


@FUZZ
@given(data=BYTES, name=st.sampled_from(["a.txt", "a.html", "a.md", "a", "a.jsonl"]))
def test_any_bytes_read_as_any_kind(data: bytes, name: str) -> None:
    _check(_read(name, data))


@FUZZ
@given(data=BYTES, name=st.sampled_from(["a.txt.gz", "a.html.gz", "a.jsonl.gz", "a.gz"]))
def test_any_bytes_gzipped_or_not(data: bytes, name: str) -> None:
    _check(_read(name, gzip.compress(data)))
    _check(_read(name, data))  # not gzip at all, under a .gz name


@FUZZ
@given(
    records=st.lists(RECORDS, min_size=1, max_size=5),
    gz=st.booleans(),
    cut=st.integers(min_value=0, max_value=40),
)
def test_any_json_lines(records: list[Any], gz: bool, cut: int) -> None:
    lines = [json.dumps(record) for record in records]
    data = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
    if cut:
        data = data[:-cut]  # a feed cut off mid-record
    results = _read("feed.jsonl.gz" if gz else "feed.jsonl", gzip.compress(data) if gz else data)
    _check(results)
    assert len(results) <= len(lines)
