"""The event evaluation: its gold file is well formed, and coding stays above its floors."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from .conftest import SHARED, load_eval_script, need_shared

ROOT = Path(__file__).resolve().parents[1]


EVAL = load_eval_script("events")


def test_the_gold_file_is_large_and_well_formed() -> None:
    gold = EVAL.read_gold()
    sentences = {(g.doc, g.start, g.end) for g in gold}
    assert len(sentences) >= 200
    assert all(g.start < g.end for g in gold)
    assert any(g.cameo is None for g in gold), "no-event sentences measure spurious events"
    assert all(g.cameo is None or g.cameo.isdigit() for g in gold)


@pytest.mark.shared
def test_gold_offsets_still_index_the_polnear_sentences() -> None:
    need_shared(EVAL.POLNEAR)
    for g in EVAL.read_gold()[:60]:
        text = (EVAL.POLNEAR / g.doc).read_text(encoding="utf-8")
        assert g.end <= len(text) and text[g.start : g.end].strip()


@pytest.mark.slow
@pytest.mark.shared
def test_event_coding_stays_above_its_floors() -> None:
    """Both coders on the held-out sets, the rules on the codebook, the model's CV."""
    need_shared(SHARED / "data" / "reference" / "cameo")
    need_shared(EVAL.POLNEAR)
    need_shared(EVAL.CONFLIBERT)
    figures = {
        "model_cv": EVAL.model_cross_validation(),
        "rules": {"codebook": EVAL.evaluate_codebook(), "gold": EVAL.evaluate_gold(coder="rules")},
        "learned": {
            "gold": EVAL.evaluate_gold(coder="learned"),
            "news": EVAL.evaluate_news(coder="learned"),
            "conflibert": EVAL.evaluate_conflibert(coder="learned"),
        },
    }
    floors = tomllib.loads((ROOT / "eval" / "floors.toml").read_text(encoding="utf-8"))
    assert {"learned.gold.root_f1", "learned.news.root_f1", "learned.news.plover_f1"} <= set(
        floors["events"]
    )
    assert EVAL.check(figures, ROOT / "eval" / "floors.toml") == []


def test_a_floor_whose_figure_is_missing_fails(tmp_path: Path) -> None:
    floors = tmp_path / "floors.toml"
    floors.write_text('[events]\n"learned.gold.renamed_f1" = 0.5\n', encoding="utf-8")
    assert EVAL.check({"learned": {"gold": {"root_f1": 0.9}}}, floors) == [
        "learned.gold.renamed_f1 missing from the figures"
    ]
    floors.write_text('[events]\n"learned.gold.root_f1" = 0.95\n', encoding="utf-8")
    assert EVAL.check({"learned": {"gold": {"root_f1": 0.9}}}, floors) == [
        "learned.gold.root_f1 0.9 < floor 0.95"
    ]
