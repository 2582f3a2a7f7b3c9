"""Pasted-page extraction: the user's seed plus invented pages full of page furniture.

Every invented page below is made up for these tests (fictional outlets, people
and events); none quotes a real person.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwatch.ingest import meta_lines
from eventwatch.ingest.pasted import extract_pasted
from eventwatch.records import Author

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "data" / "seed" / "000_c91db61947cea963.txt"

# Paragraphs of an invented news story, reused by the pages below.
P1 = (
    "The harbour council of the fictional town of Westmere voted on Tuesday to close the old "
    "ferry pier for repairs, after inspectors found that several of its wooden piles had rotted "
    "through during the winter storms."
)
P2 = (
    "Council members said the closure would last at least six months and that passengers would "
    "be directed to a temporary landing stage on the north side of the bay while the work is done."
)
P3 = (
    "Local shop owners, who depend on the summer visitors arriving by ferry, asked the council to "
    "speed up the repairs and to publish a timetable so that they could plan for the season ahead."
)
P4 = (
    "The council said it would hold a public meeting next month to explain the plans and to hear "
    "from residents who are worried about traffic on the coast road near the temporary landing."
)
BODY = (P1, P2, P3, P4)

NEWS_PAGE = "\n\n".join(
    [
        "Skip to main content",
        "Menu",
        "Home",
        "World",
        "Politics",
        "Sign in",
        "Subscribe",
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "Accept all cookies",
        "Westmere Gazette",
        "Local",
        "Westmere council shuts ferry pier for six months of repairs",
        "By Jane Doe and John Roe",
        "April 16, 2013",
        "Share on Facebook",
        "Share on Twitter",
        "Email",
        P1,
        "Photo: The old ferry pier at low tide. (Gazette file photo)",
        P2,
        "Advertisement",
        P3,
        "READ MORE: Harbour fees to rise next year",
        P4,
        "Sign up for our daily newsletter",
        "Enter your email address",
        "Related stories",
        "Lighthouse keeper retires after 40 years",
        "New bus route links the harbour and the station",
        "12 Comments",
        "seaside_sam says:",
        "April 16, 2013 at 9:14 am",
        "About time they fixed that pier, it has been falling apart for years now.",
        "Follow us",
        "Copyright © 2013 Westmere Gazette Ltd. All rights reserved.",
        "Privacy Policy",
        "Terms of Use",
    ]
)

WIRE_PAGE = "\n\n".join(
    [
        "Home | World | Business | Markets",
        "Markets",
        "Grain exporters in invented republic agree on new shipping corridor",
        "By JANE DOE, Reuters",
        "16 April 2013",
        "LONDON (Reuters) - " + P1,
        P2,
        P3,
        "Reporting by Jane Doe; Editing by John Roe",
        "Our Standards: The Thomson Trust Principles.",
        "Most popular",
        "Watch live now",
    ]
)

OPINION_PAGE = "\n\n".join(
    [
        "Opinion",
        "Why Westmere should keep its ferry pier in public hands",
        "Jane Doe | Staff Writer",
        "2013-04-16",
        "I believe the council is making a mistake. " + P1,
        "We must ask who benefits. " + P2,
        "In my view the town should keep the pier. " + P3,
        "This article first appeared in The Westmere Review.",
        "Share this article",
        "More from Opinion",
    ]
)

ANALYSIS_PAGE = "\n\n".join(
    [
        "Analysis",
        "What the pier closure means for Westmere's summer season",
        "By Jane Doe",
        "Updated 3:42 PM ET, Tue April 16, 2013",
        P1,
        P2,
        P3,
        "Originally published at The Harbour Ledger.",
        "Read more",
        "Cookie settings",
    ]
)

DATE_FIRST_PAGE = "\n\n".join(
    [
        "Westmere Review",
        "Sections",
        "Lighthouse keeper retires after forty years on the rocks",
        "16 April 2013",
        "Jane Doe",
        "Senior Correspondent, Coastal Affairs",
        P3,
        P4,
        "Tags: harbour, council",
        "Back to top",
    ]
)


@pytest.mark.parametrize(
    ("page", "title", "authors", "published", "publisher", "first_published_in", "genre"),
    [
        (
            NEWS_PAGE,
            "Westmere council shuts ferry pier for six months of repairs",
            (Author(name="Jane Doe"), Author(name="John Roe")),
            date(2013, 4, 16),
            "Westmere Gazette Ltd",
            None,
            "news",
        ),
        (
            WIRE_PAGE,
            "Grain exporters in invented republic agree on new shipping corridor",
            (Author(name="Jane Doe"),),
            date(2013, 4, 16),
            "Reuters",
            None,
            "news",
        ),
        (
            OPINION_PAGE,
            "Why Westmere should keep its ferry pier in public hands",
            (Author(name="Jane Doe", role="Staff Writer"),),
            date(2013, 4, 16),
            None,
            "The Westmere Review",
            "opinion",
        ),
        (
            ANALYSIS_PAGE,
            "What the pier closure means for Westmere's summer season",
            (Author(name="Jane Doe"),),
            date(2013, 4, 16),
            None,
            "The Harbour Ledger",
            "analysis",
        ),
        (
            DATE_FIRST_PAGE,
            "Lighthouse keeper retires after forty years on the rocks",
            (Author(name="Jane Doe", role="Senior Correspondent, Coastal Affairs"),),
            date(2013, 4, 16),
            None,
            None,
            "news",
        ),
    ],
    ids=[
        "news-with-furniture",
        "wire-dateline",
        "opinion-kicker",
        "analysis-kicker",
        "bare-byline",
    ],
)
def test_invented_pages(
    page: str,
    title: str,
    authors: tuple[Author, ...],
    published: date,
    publisher: str | None,
    first_published_in: str | None,
    genre: str,
) -> None:
    extracted = extract_pasted(page)
    assert extracted.title == title
    assert extracted.authors == authors
    assert extracted.published == published
    assert extracted.publisher == publisher
    assert extracted.first_published_in == first_published_in
    assert extracted.genre == genre


@pytest.mark.parametrize(
    "page", [NEWS_PAGE, WIRE_PAGE, OPINION_PAGE, ANALYSIS_PAGE, DATE_FIRST_PAGE]
)
def test_invented_pages_keep_only_the_article(page: str) -> None:
    body = extract_pasted(page).body
    paragraphs = body.split("\n\n")
    assert any(P3 in paragraph for paragraph in paragraphs)
    for furniture in (
        "cookie",
        "Subscribe",
        "Sign up",
        "Advertisement",
        "READ MORE",
        "Related stories",
        "says:",
        "Copyright",
        "Share",
        "first appeared",
        "Originally published",
        "By Jane Doe",
        "Tags:",
    ):
        assert furniture not in body, furniture


def test_news_page_body_is_the_four_paragraphs() -> None:
    assert extract_pasted(NEWS_PAGE).body == "\n\n".join(BODY)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Apr 16th, 2013 2 min read", date(2013, 4, 16)),
        ("April 16, 2013", date(2013, 4, 16)),
        ("16 April 2013", date(2013, 4, 16)),
        ("2013-04-16", date(2013, 4, 16)),
        ("Updated 3:42 PM ET, Tue April 16, 2013", date(2013, 4, 16)),
        ("Nov. 19, 2019 8:03 am ET", date(2019, 11, 19)),
        ("11/20/2019 01:14 PM", date(2019, 11, 20)),
        ("20.11.2019", date(2019, 11, 20)),
        ("February 30, 2013", None),
        ("The council met on Tuesday", None),
    ],
)
def test_date_formats(line: str, expected: date | None) -> None:
    assert meta_lines.date_in_line(line) == expected


@pytest.mark.parametrize(
    ("line", "authors", "agency"),
    [
        ("By Jane Doe and John Roe", ("Jane Doe", "John Roe"), None),
        ("By JANE DOE, Reuters", ("Jane Doe",), "Reuters"),
        ("Jane Doe | Staff Writer", ("Jane Doe",), None),
        ("By Jane Doe, April 16, 2013", ("Jane Doe",), None),
        ("By Reuters", (), "Reuters"),
        ("Share this article", None, None),
        ("By the end of the week the pier was closed.", None, None),
    ],
)
def test_bylines(line: str, authors: tuple[str, ...] | None, agency: str | None) -> None:
    byline = meta_lines.parse_byline(line)
    if authors is None:
        assert byline is None
        return
    assert byline is not None
    assert tuple(author.name for author in byline.authors) == authors
    assert byline.agency == agency


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("First appeared in The Wall Street Journal.", "The Wall Street Journal"),
        ("Originally published in The Westmere Review.", "The Westmere Review"),
        ("Originally published at The Harbour Ledger on April 16, 2013.", "The Harbour Ledger"),
        ("This article first appeared in Harbour Monthly.", "Harbour Monthly"),
        ("A version of this op-ed appeared in The Coastal Times.", "The Coastal Times"),
        ("The pier first appeared on maps in 1820.", None),
    ],
)
def test_first_published(line: str, outlet: str | None) -> None:
    assert meta_lines.first_published_in(line) == outlet


@pytest.mark.parametrize(
    ("line", "agency"),
    [
        ("LONDON (Reuters) - The council voted on Tuesday.", "Reuters"),
        ("(AP) — The council voted on Tuesday.", "AP"),
        ("WESTMERE — The council voted on Tuesday.", None),
    ],
)
def test_agency_dateline(line: str, agency: str | None) -> None:
    assert meta_lines.agency_dateline(line) == agency


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n  ", "\x00\x01\x02", "Menu\nHome\nShare", "a" * 10_000, "¿" * 50 + "\n" * 50],
)
def test_odd_input_never_crashes(text: str) -> None:
    extracted = extract_pasted(text)
    assert isinstance(extracted.body, str)


def test_large_input_is_linear() -> None:
    paragraphs = [f"Paragraph {number}: {BODY[number % 4]}" for number in range(20_000)]
    page = "\n\n".join(["Menu", "Share", *paragraphs, "Share", "Menu"])  # ~4 MB
    extracted = extract_pasted(page)
    assert extracted.body


def test_seed() -> None:
    if not SEED.exists():
        pytest.skip(f"needs {SEED} (the shared data beside the project)")
    extracted = extract_pasted(SEED.read_text(encoding="utf-8"))
    assert extracted.title == "Kerry's Soft Touch on North Korea"
    assert extracted.published == date(2013, 4, 16)
    assert extracted.authors == (
        Author(name="Bruce Klingner", role="Senior Research Fellow, Northeast Asia"),
    )
    assert extracted.first_published_in == "The Wall Street Journal"
    assert extracted.genre == "opinion"
    assert extracted.publisher is None
    assert extracted.body.startswith("When John Kerry was selected")
    assert extracted.body.endswith("So much for the Asian pivot.")
    for not_body in (
        "The Constitution",
        "Free Speech Victories",
        "Watch live now",
        "Bruce Klingner specializes",
        "Mr. Klingner is senior research fellow",
        "First appeared in",
        "Apr 16th, 2013",
        "Senior Research Fellow",
    ):
        assert not_body not in extracted.body
