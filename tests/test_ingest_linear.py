"""Issue 14 item 5: one very long token must not make extraction quadratic.

Each case times the extractor on a page holding one long token at two sizes
and bounds the ratio of the times: linear work grows 4× when the token grows
4×, quadratic work 16×.  The best of three runs is taken so that a busy machine
does not fail the test by chance.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from eventwatch.ingest import meta_lines
from eventwatch.ingest.html import extract_html
from eventwatch.ingest.pasted import extract_pasted

_SMALL = 50_000
_GROWTH = 4
_MAX_RATIO = 8.0  # linear: about 4; quadratic: about 16
_PROSE = "The minister met her counterpart in the capital on Monday to discuss trade. " * 4


def _best_time(work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return max(best, 1e-4)


def _pasted_word(size: int) -> None:
    extract_pasted(f"Headline of the page\n{_PROSE}\n{'b' * size}\n{_PROSE}\n")


def _pasted_addresses(size: int) -> None:
    extract_pasted(f"{_PROSE}\n{'x@' * (size // 2)}\n{_PROSE}\n")


def _html_word(size: int) -> None:
    extract_html(f"<html><body><h1>Title</h1><p>{_PROSE}</p><p>{'b' * size}</p></body></html>")


def _bare_name(size: int) -> None:
    meta_lines.bare_name("a" * size)


def _byline(size: int) -> None:
    meta_lines.parse_byline("By " + "x" * size)


@pytest.mark.parametrize(
    "work",
    [_bare_name, _byline, _pasted_word, _pasted_addresses, _html_word],
    ids=["bare_name", "byline", "pasted_word", "pasted_addresses", "html_word"],
)
def test_issue14_item5_long_token_is_linear(work: Callable[[int], None]) -> None:
    small = _best_time(lambda: work(_SMALL))
    large = _best_time(lambda: work(_SMALL * _GROWTH))
    if large < 0.05:  # both too quick to tell growth from timer noise
        return
    assert large / small < _MAX_RATIO, f"{large:.3f}s vs {small:.3f}s: grows faster than linear"
