"""HTML rendered to visible text: one line per block, hidden parts dropped."""

from __future__ import annotations

import pytest

from eventwatch.ingest.visible_text import html_to_visible_text


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>One <b>bold</b> <a href='#'>link</a>.</p><p>Two</p>", "One bold link.\n\nTwo"),
        ("<div>a<br>b<br/>c</div>", "a\n\nb\n\nc"),
        ("<ul><li>first<li>second</ul>", "first\n\nsecond"),
        ("<h1>Title</h1><section><article><p>Body</p></article></section>", "Title\n\nBody"),
        ("<table><tr><td>x</td><td>y</td></tr></table>", "x\n\ny"),
        (
            "<blockquote>quoted</blockquote><figure><figcaption>cap</figcaption></figure>",
            "quoted\n\ncap",
        ),
        ("<p>  lots   of\n\t space  </p>", "lots of space"),
        ("<p>before<span>inside</span>after</p>", "beforeinsideafter"),
        ("<pre>line one\nline two</pre>", "line one\n\nline two"),
    ],
)
def test_blocks_and_inline(html: str, expected: str) -> None:
    assert html_to_visible_text(html) == expected


@pytest.mark.parametrize(
    "hidden",
    [
        "<script>var secret = 1;</script>",
        "<style>.secret { color: red }</style>",
        "<noscript>secret</noscript>",
        "<template><p>secret</p></template>",
        "<svg><text>secret</text></svg>",
        "<div hidden>secret</div>",
        "<div style='display: none'>secret</div>",
        "<div style='visibility:hidden'>secret</div>",
        "<input type='hidden' value='secret'>",
        "<!-- secret -->",
        "<span class='sr-only'>secret</span>",
        "<span class='card rollover-people-block'><a>secret</a> <a>MORE</a></span>",
    ],
)
def test_hidden_content_is_dropped(hidden: str) -> None:
    html = f"<html><head><title>secret</title></head><body><p>shown</p>{hidden}<p>tail</p></body>"
    text = html_to_visible_text(html)
    assert "secret" not in text
    assert text == "shown\n\ntail"


def test_tail_text_after_hidden_element_is_kept() -> None:
    assert html_to_visible_text("<p>a<script>x</script>b</p>") == "ab"


HOVER_CARD = (
    "<html><head><title>Governor defends ad</title></head><body><article>"
    "<h1>Governor defends ad</h1>"
    "<p>Gov. <span class='rollover-people'><a href='/people/ann-lee'>Ann Lee</a>"
    "<span class='rollover-people-block'><span class='rollover-block'>"
    "<a class='name'>Ann Marie Lee</a><a>Lee signs the budget bill</a>"
    "<a>State parks to stay open</a><a class='more'>MORE</a></span></span></span>"
    " (R) is defending the new campaign against drug use in the state.</p>"
    "</article></body></html>"
)


def test_a_hover_card_is_no_text_and_its_tail_stays() -> None:
    """Invented markup in the shape of a news site's hover card after a linked name."""
    from eventwatch.ingest.visible_text import drop_hidden_blocks

    text = html_to_visible_text(HOVER_CARD)
    assert "Gov. Ann Lee (R) is defending the new campaign" in text
    assert "MORE" not in text and "budget" not in text
    cleaned = drop_hidden_blocks(HOVER_CARD)
    assert "MORE" not in cleaned and "Ann Lee</a></span> (R) is defending" in cleaned
    plain = "<p>No card here.</p>"
    assert drop_hidden_blocks(plain) is plain


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "not html at all",
        "<p>unclosed <b>bold <i>italic",
        "</div></div><p>stray closers",
        "<?xml version='1.0' encoding='utf-8'?><p>declared</p>",
        "\x00\x01<p>\x02control</p>",
        "<div>" * 5_000 + "deep",
        "<<<>>>&&&;;",
    ],
)
def test_malformed_html_never_crashes(html: str) -> None:
    assert isinstance(html_to_visible_text(html), str)


def test_large_page() -> None:
    html = "<div><p>" + "word " * 50 + "</p></div>"
    text = html_to_visible_text(html * 100_000)  # ~27 MB
    assert text.count("\n\n") == 99_999
