"""HTML extraction: trafilatura with the line classifier as backup (invented pages)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from eventwatch.ingest.html import extract_html

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BENCHMARK = SHARED / "data" / "dev" / "scrapinghub_aeb"

PARAGRAPHS = [
    "The harbour council of the fictional town of Westmere voted on Tuesday to close the old "
    "ferry pier for repairs, after inspectors found that several of its wooden piles had rotted.",
    "Council members said the closure would last at least six months and that passengers would "
    "be directed to a temporary landing stage on the north side of the bay while work is done.",
    "Local shop owners, who depend on summer visitors arriving by ferry, asked the council to "
    "speed up the repairs and to publish a timetable so that they could plan for the season.",
]


def page(*, url_section: str = "news", kicker: str = "Local", extra_meta: str = "") -> str:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    return f"""<!doctype html><html><head>
<meta charset="utf-8"><title>Westmere shuts ferry pier | Westmere Gazette</title>
<meta property="og:title" content="Westmere shuts ferry pier">
<meta property="og:site_name" content="Westmere Gazette">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2013-04-16T09:00:00Z">
<meta property="og:url" content="https://gazette.example/{url_section}/2013/04/16/pier">
{extra_meta}
<script>var tracking = "do not show";</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<main><article><div class="kicker">{kicker}</div><h1>Westmere shuts ferry pier</h1>
<p class="byline">By Jane Doe</p><time datetime="2013-04-16">April 16, 2013</time>
{body}
<div class="share">Share on Facebook Share on Twitter</div></article>
<aside><h2>Related stories</h2><ul><li><a href="/a">Lighthouse keeper retires</a></li></ul></aside>
</main><footer>Copyright © 2013 Westmere Gazette Ltd. All rights reserved.</footer></body></html>"""


def test_news_page() -> None:
    extracted = extract_html(page(), url="https://gazette.example/news/2013/04/16/pier")
    for paragraph in PARAGRAPHS:
        assert paragraph in extracted.body
    for furniture in ("tracking", "cookies", "Related stories", "Copyright", "Share on"):
        assert furniture not in extracted.body
    assert extracted.title == "Westmere shuts ferry pier"
    assert [author.name for author in extracted.authors] == ["Jane Doe"]
    assert extracted.published == date(2013, 4, 16)
    assert extracted.publisher == "Westmere Gazette"
    assert extracted.url == "https://gazette.example/news/2013/04/16/pier"
    assert extracted.genre == "news"


@pytest.mark.parametrize(
    ("url_section", "kicker", "genre"),
    [
        ("opinion", "Local", "opinion"),
        ("news", "Opinion", "opinion"),
        ("analysis", "Local", "analysis"),
        ("news", "Analysis", "analysis"),
        ("commentary", "Local", "opinion"),
    ],
)
def test_genre_from_url_and_kicker(url_section: str, kicker: str, genre: str) -> None:
    url = f"https://gazette.example/{url_section}/2013/04/16/pier"
    extracted = extract_html(page(url_section=url_section, kicker=kicker), url=url)
    assert extracted.genre == genre


@pytest.mark.parametrize(
    "html",
    ["", "   ", "<html></html>", "<p>tiny</p>", "\x00\x01 junk <<<", "<div>" * 3_000 + "deep"],
)
def test_odd_input_never_crashes(html: str) -> None:
    assert isinstance(extract_html(html).body, str)


def test_falls_back_to_line_classifier_when_trafilatura_finds_little() -> None:
    # Paragraph text only in <div>s separated by <br>: still recovered.
    body = "<br>".join(PARAGRAPHS)
    html = f"<html><body><div>Menu</div><div>{body}</div><div>Share</div></body></html>"
    extracted = extract_html(html)
    assert PARAGRAPHS[0][:60] in extracted.body


@pytest.mark.slow
@pytest.mark.shared
def test_benchmark_floors() -> None:
    """The ScrapingHub figures stay above the floors pinned in eval/floors.toml."""
    if not (BENCHMARK / "ground-truth.json").exists():
        pytest.skip(f"needs {BENCHMARK} (the shared data beside the project)")
    sys.path.insert(0, str(ROOT / "eval"))
    try:
        import extraction  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "eval"))
    figures = extraction.evaluate(BENCHMARK, workers=2)
    assert extraction.check(figures, ROOT / "eval" / "floors.toml") == []
    assert figures["html_f1"] >= figures["trafilatura_f1"]


@pytest.mark.parametrize(
    ("line", "teaser"),
    [
        ("SEE MORE: Harbour protests: 80 traders camp outside the town hall", True),
        ("Read more: Lighthouse keeper retires after forty years", True),
        ("WATCH — the moment the old pier gave way", True),
        ("More: the council said it would appeal the ruling.", False),  # a sentence
        ("Read more about the repairs in the council's report", False),  # no label colon
        ("Related: " + "word " * 30, False),  # too long for a headline
    ],
)
def test_a_teaser_line_is_known_by_its_label(line: str, teaser: bool) -> None:
    from eventwatch.ingest.html import is_teaser

    assert is_teaser(line) is teaser


def test_a_teaser_between_paragraphs_is_no_article_text() -> None:
    """Invented: a "SEE MORE:" link to another story between two paragraphs had become
    the speaker of the quotation after it."""
    teaser = "<p>SEE MORE: Harbour protests: traders camp outside the town hall</p>"
    html = page().replace(f"<p>{PARAGRAPHS[1]}</p>", f"{teaser}<p>{PARAGRAPHS[1]}</p>")
    extracted = extract_html(html, url="https://gazette.example/news/2013/04/16/pier")
    assert "SEE MORE" not in extracted.body and "traders camp" not in extracted.body
    for paragraph in PARAGRAPHS:
        assert paragraph in extracted.body


def test_a_teaser_label_without_a_word_limit_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwatch.errors import ConfigError
    from eventwatch.ingest import html

    monkeypatch.setattr(html, "read_rows", lambda name, columns: (("see more", "many"),))
    html._teaser_labels.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r"teaser_labels\.tsv: label 'see more'"):
            html.is_teaser("SEE MORE: Harbour protests")
    finally:
        html._teaser_labels.cache_clear()


@pytest.mark.parametrize(
    ("lines", "kept"),
    [
        # a label alone heads a list of other stories' headlines
        (
            [
                "The council met on Tuesday.",
                "DON’T MISS",
                "Ferry pier to close for the winter [PICTURES]",
                "Harbour traders count the cost of the storm",
                "The mayor said repairs would start in May.",
            ],
            ["The council met on Tuesday.", "The mayor said repairs would start in May."],
        ),
        # a headline with a media tag is a teaser wherever it stands
        (
            ["The pier shut at noon.", "Storm batters the lighthouse [VIDEO]", "It reopens soon."],
            ["The pier shut at noon.", "It reopens soon."],
        ),
        # a paragraph the markup broke at a link ends the list: it is the article's text
        (
            ["Related", "Pier closes", "Traders say the closure is an example of", "bad luck."],
            ["Traders say the closure is an example of", "bad luck."],
        ),
        # a sentence after a label is the story's, and a bracket in a sentence is no tag
        (
            ["Watch", "The video shows the pier giving way.", "He spoke [to reporters] briefly."],
            ["The video shows the pier giving way.", "He spoke [to reporters] briefly."],
        ),
    ],
)
def test_teaser_blocks_and_tagged_headlines_are_dropped(lines: list[str], kept: list[str]) -> None:
    from eventwatch.ingest.html import drop_teasers

    assert drop_teasers(lines) == kept


def test_a_teaser_list_between_paragraphs_is_no_article_text() -> None:
    """Invented: a "DON'T MISS" box of headlines with media tags between two paragraphs;
    one of its headlines had been read as a quotation."""
    box = (
        "<p>DON'T MISS</p><p>Storm batters the lighthouse [VIDEO]</p>"
        "<p>Traders 'warned of winter closure' [REACTION]</p>"
    )
    html = page().replace(f"<p>{PARAGRAPHS[1]}</p>", f"{box}<p>{PARAGRAPHS[1]}</p>")
    extracted = extract_html(html, url="https://gazette.example/news/2013/04/16/pier")
    assert "MISS" not in extracted.body and "[" not in extracted.body
    for paragraph in PARAGRAPHS:
        assert paragraph in extracted.body
