"""The real-pages evaluation: its page list, its figures, and the floors it keeps."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwatch.settings import Settings

from .conftest import ROOT, load_eval_script, need_shared

EVAL = load_eval_script("real_pages")


def test_the_political_page_list_is_forty_distinct_labelled_pages() -> None:
    rows = EVAL.political_pages()
    assert len(rows) == 40
    assert len({page for page, _, _ in rows}) == 40
    assert all(topic and site for _, topic, site in rows)


def test_a_malformed_page_list_line_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "pages.tsv"
    bad.write_text("# header\nabc\tprotest\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        EVAL.political_pages(bad)


def test_the_figures_count_what_a_reader_sees(settings: Settings) -> None:
    from eventwatch.api import extract_text

    text = (
        "Secretary of State John Kerry met Chinese officials in Beijing on Saturday. "
        "North Korea rejected the proposal and threatened South Korea. "
        "“We will not talk under pressure,” North Korea's foreign ministry said. "
        "Kerry said the United States would work with China."
    )
    article = extract_text(text, settings=settings)
    figures = EVAL.figures([article])
    events = [e for e in article.events if not e.attributed_to_author]
    assert figures["articles"] == 1 and figures["events"] == len(events) > 0
    statements = sum(e.cameo_root == "01" for e in events)
    assert figures["statement_share"] == round(statements / len(events), 4)
    assert figures["statement_share"] + figures["non_statement_share"] == pytest.approx(1.0)
    assert figures["quotes"] == len(article.quotes) > 0
    speakers = sum(q.speaker is not None for q in article.quotes)
    assert figures["speaker_share"] == round(speakers / len(article.quotes), 4)


def test_a_floor_whose_figure_is_missing_fails(tmp_path: Path) -> None:
    floors = tmp_path / "floors.toml"
    floors.write_text("[real_pages]\nrenamed_share = 0.5\nspeaker_share = 0.8\n", encoding="utf-8")
    assert EVAL.check({"speaker_share": 0.7}, floors) == [
        "renamed_share missing from the figures",
        "speaker_share 0.7 < floor 0.8",
    ]


@pytest.mark.slow
@pytest.mark.shared
def test_records_on_real_political_pages_stay_above_their_floors() -> None:
    need_shared(EVAL.PAGES)
    result, articles = EVAL.evaluate()
    assert result["failures"] == [] and len(articles) == 40
    assert EVAL.check(result, ROOT / "eval" / "floors.toml") == []
