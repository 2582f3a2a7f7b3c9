"""Issue 15: metadata, genre and body as a careful editor keeps them.

The pages here are invented for these tests (fictional outlets, people and
events); none quotes a real person.  Each case names the failure it guards.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwatch.cli import main
from eventwatch.ingest import meta_lines
from eventwatch.ingest.genre import classify_genre, first_person_rate
from eventwatch.ingest.html import extract_html
from eventwatch.ingest.pasted import analyse_pasted, extract_pasted
from eventwatch.records import Author

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
BODY = (P1, P2, P3)


# --- author fields and publishers -----------------------------------------------


@pytest.mark.parametrize(
    ("field", "site", "names", "agency"),
    [
        ("AFP; Updated Dec", None, (), "AFP"),
        ("The Westmere Times https; Www Westmer", "The Westmere Times", (), None),
        ("Jane Doe; Staff Writer", None, ("Jane Doe",), None),
        ("Joan Roe is a reporter for the Gazette", None, ("Joan Roe",), None),
        ("Carla Mendez November", None, ("Carla Mendez",), None),
        ("Analysis by Jane Doe; CNN Editor-at-large", None, ("Jane Doe",), "CNN"),
        ("Amy Roe; Gazette Media Group", None, ("Amy Roe",), None),
        (
            "JOAN ROE; KIMBERLY LEE Associated Press",
            None,
            ("Joan Roe", "Kimberly Lee"),
            "Associated Press",
        ),
        ("Jane Doe; MS; RDN", None, ("Jane Doe",), None),
        ("Admin", None, (), None),
    ],
)
def test_author_fields_keep_names_only(
    field: str, site: str | None, names: tuple[str, ...], agency: str | None
) -> None:
    byline = meta_lines.split_author_field(field, site=site)
    assert tuple(author.name for author in byline.authors) == names
    assert byline.agency == agency


def test_a_role_in_an_author_field_is_the_authors_role() -> None:
    byline = meta_lines.split_author_field("Jane Doe; Ap Auto Writer")
    assert byline.authors == (Author(name="Jane Doe", role="Ap Auto Writer"),)


@pytest.mark.parametrize(
    ("text", "publisher"),
    [
        ("Story federal agency quashes westmeres plan to close the pier", None),
        ("Copyright 2014", None),
        ("https://www.westmere-gazette.example", "westmere-gazette.example"),
        ("Westmere Gazette | News from the coast", "Westmere Gazette"),
        ("The Westmere Gazette", "The Westmere Gazette"),
        ("Expert how-to for harbour pilots", None),
    ],
)
def test_a_publisher_is_a_name(text: str, publisher: str | None) -> None:
    assert meta_lines.clean_publisher(text) == publisher


# --- titles from pasted text ------------------------------------------------------


def _page(*above: str, below: tuple[str, ...] = ()) -> str:
    return "\n".join(["Menu", "Home", "World", *above, *BODY, *below])


@pytest.mark.parametrize(
    "not_a_title",
    [
        "We may earn a commission from links on this page",
        "About Westmere Gazette",
        "1. Seek Medical Attention Right Away",
        "Blog > Harbour > Ferry News",
        "The pier at dawn.Photo Credit: Jo Roe / Reuters",
        "The Associated Press",
        "Jane Doe and John Roe Westmere Gazette",
    ],
)
def test_furniture_lines_are_not_titles(not_a_title: str) -> None:
    page = _page("Westmere to close its ferry pier for repairs", not_a_title, "By Jane Doe")
    assert extract_pasted(page).title == "Westmere to close its ferry pier for repairs"


def test_the_byline_date_wins_over_a_teasers() -> None:
    page = _page(
        "Westmere to close its ferry pier for repairs",
        "By Jane Doe",
        "February 6, 2023",
        below=("Related: lighthouse reopens", "February 6, 2024"),
    )
    page = page.replace(
        "Menu\n", "Menu\nLighthouse reopens after a long winter\nMarch 2, 2020\n", 1
    )
    extracted = extract_pasted(page)
    assert extracted.published == date(2023, 2, 6)
    assert extracted.date_from is not None and "February 6, 2023" in extracted.date_from


def test_disagreeing_dates_take_the_one_nearest_the_byline() -> None:
    page = "\n".join(
        [
            "By Jane Doe",
            "January 9, 2023",
            "Westmere to close its ferry pier for repairs",
            "Lighthouse reopens",
            "March 3, 2024",
            *BODY,
        ]
    )
    extracted = extract_pasted(page)
    assert extracted.published == date(2023, 1, 9)
    assert extracted.date_from is not None and "2024-03-03" in extracted.date_from


# --- body ---------------------------------------------------------------------------


def test_another_articles_lede_is_not_spliced_into_a_sentence() -> None:
    cut = "Council members said the closure would last at least six months and that passengers"
    rest = "would be directed to a temporary landing stage on the north side of the bay."
    page = "\n".join(
        [
            "Westmere to close its ferry pier for repairs",
            "By Jane Doe",
            P1,
            cut,
            "Growers count the cost",
            "EASTON VALLEY, N.M.—Growers of the valley's green chile say the harvest will be "
            "small this year as heat and drought take their toll on the fields near the river.",
            rest,
            P3,
        ]
    )
    analysis = analyse_pasted(page, explain=True)
    body = analysis.extracted.body
    assert "green chile" not in body and "Growers count the cost" not in body
    assert f"{cut} {rest}" in body
    reasons = {removal.text[:14]: removal.reason for removal in analysis.removed}
    assert "lede" in reasons["EASTON VALLEY,"]


@pytest.mark.parametrize("noise", ["CHEAT SHEET", "TOP 10 RIGHT NOW", "Most read"])
def test_list_headings_leave_the_body_with_a_reason(noise: str) -> None:
    page = "\n".join(
        ["Westmere to close its ferry pier", "By Jane Doe", *BODY, noise, "Teaser one two three"]
    )
    analysis = analyse_pasted(page, explain=True)
    assert noise not in analysis.extracted.body
    removed = {removal.text: removal.reason for removal in analysis.removed}
    assert removed.get(noise)


def test_every_removed_line_has_a_reason() -> None:
    page = _page("Westmere to close its ferry pier for repairs", "By Jane Doe", "April 2, 2024")
    analysis = analyse_pasted(page, explain=True)
    lines = [line for line in page.splitlines() if line.strip()]
    kept = analysis.extracted.body
    for number, line in enumerate(lines, start=1):
        if line not in kept:
            assert any(r.line == number and r.reason for r in analysis.removed), line
    assert analyse_pasted(page).removed == ()  # only when asked for


def test_extract_explain_on_the_command_line(tmp_path: Path) -> None:
    page = tmp_path / "pier.txt"
    page.write_text(
        _page("Westmere to close its ferry pier for repairs", "By Jane Doe", "April 2, 2024"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", "--explain", str(page)])
    assert result.exit_code == 0, result.output
    assert "title:      Westmere to close its ferry pier for repairs" in result.output
    assert "byline (taken as the authors): By Jane Doe" in result.output
    assert "page furniture" in result.output


# --- genre --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "genre"),
    [
        ({"title": "Column: Westmere deserves a better pier"}, "opinion"),
        ({"title": "Analysis: what the pier closure means"}, "analysis"),
        ({"url": "https://www.theatlantic.com/ideas/archive/2019/11/pier/600000/"}, "opinion"),
        ({"url": "https://townhall.com/columnists/janedoe/2023/12/21/pier-n1"}, "opinion"),
        ({"url": "https://www.politifact.com/factchecks/2019/nov/18/pier/"}, "analysis"),
        ({"signals": ["analysis_byline"]}, "analysis"),
        ({"kickers": ["Ideas"]}, "opinion"),
        ({"signals": ["dated_byline"]}, "news"),
    ],
)
def test_genre_signals(options: dict[str, object], genre: str) -> None:
    assert classify_genre(body=" ".join(BODY), **options) == genre  # type: ignore[arg-type]


def test_first_person_counts_the_authors_voice_not_quotes() -> None:
    own = "I have walked that pier for thirty years and I think closing it is a mistake. " * 5
    quoted = '"I have walked that pier for thirty years," said one resident. ' * 5
    assert first_person_rate(own) > 50
    assert first_person_rate(quoted) == 0.0
    argued = "\n".join([own, *BODY])
    assert classify_genre(body=argued) == "opinion"


def test_opinion_kicker_next_to_the_html_headline() -> None:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in BODY)
    html = (
        "<html><head><title>Westmere deserves a better pier</title></head><body>"
        "<nav><a>Home</a><a>News</a><a>Sport</a></nav><article><div>Opinion</div>"
        f"<h1>Westmere deserves a better pier</h1><p>By Jane Doe</p>{body}</article>"
        "</body></html>"
    )
    assert extract_html(html).genre == "opinion"


# --- HTML -------------------------------------------------------------------------


def test_html_author_field_credits_and_dates_are_not_authors() -> None:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in BODY)
    html = (
        '<html><head><meta name="author" content="AFP; Updated Dec 21">'
        '<meta property="og:site_name" content="Westmere Gazette">'
        "<title>Westmere shuts ferry pier | Westmere Gazette</title></head><body>"
        f"<h1>Westmere shuts ferry pier</h1>{body}</body></html>"
    )
    extracted = extract_html(html)
    assert extracted.authors == ()
    assert extracted.title == "Westmere shuts ferry pier"
    assert extracted.publisher == "Westmere Gazette"


def test_importing_the_cli_does_not_import_trafilatura() -> None:
    code = "import sys, eventwatch.cli; print('trafilatura' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_menu_entry_shaped_like_a_name_is_no_byline() -> None:
    page = "\n".join(
        ["Hockey", "Golf", "Auto Racing", "Columnists", "Westmere to close its ferry pier", *BODY]
    )
    assert extract_pasted(page).authors == ()


@pytest.mark.parametrize(
    ("line", "expected"),
    [("11.15.2019 10:09 AM", date(2019, 11, 15)), ("15.11.2019", date(2019, 11, 15))],
)
def test_dotted_dates_either_order(line: str, expected: date) -> None:
    assert meta_lines.date_in_line(line) == expected


def test_explain_html_lists_lines_outside_the_body(tmp_path: Path) -> None:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in BODY)
    page = tmp_path / "pier.html"
    page.write_text(
        "<html><head><title>Westmere shuts ferry pier</title></head><body>"
        "<nav><p>Home</p><p>World</p></nav><h1>Westmere shuts ferry pier</h1>"
        f"<p>By Jane Doe</p><p>April 2, 2024</p>{body}<p>Most read</p></body></html>",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", "--explain", str(page)])
    assert result.exit_code == 0, result.output
    assert "(html)" in result.output
    assert "Most read" in result.output
    assert "By Jane Doe" in result.output
