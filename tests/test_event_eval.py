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
    need_shared(SHARED / "data" / "reference" / "cameo")
    need_shared(EVAL.POLNEAR)
    figures = {"codebook": EVAL.evaluate_codebook(), "gold": EVAL.evaluate_gold()}
    floors = tomllib.loads((ROOT / "eval" / "floors.toml").read_text(encoding="utf-8"))
    assert "events" in floors
    assert EVAL.check(figures, ROOT / "eval" / "floors.toml") == []
