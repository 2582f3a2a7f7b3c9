"""Stance paths, comparison, evidence and claim checks over hand-built records.

The records are built by hand (no spaCy): a small April–June 2013 story of
John Kerry (engaging North Korea) and Japan's foreign minister Fumio Kishida
(pressing it), with CAMEO values read from the shipped ontology.  One slow test
runs the real pipeline on the seed article.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from eventwatch import stance as st
from eventwatch.errors import ConfigError, EventwatchError
from eventwatch.events.modality import MODALITIES
from eventwatch.events.ontology import ontology
from eventwatch.records import Article, Claim, Event, EventActor, EventPlace

from .conftest import SEED, need_shared

KERRY = EventActor(
    actor_id="person:john-kerry", name="John Kerry", country="USA", sector="GOV", code="USAGOV"
)
KISHIDA = EventActor(
    actor_id="person:fumio-kishida",
    name="Fumio Kishida",
    country="JPN",
    sector="GOV",
    code="JPNGOV",
)
PRK = EventActor(actor_id="country:PRK", name="North Korea", country="PRK", sector=None, code="PRK")
PRKGOV = EventActor(
    actor_id="group:PRK:GOV", name="North Korean government", country="PRK", sector="GOV",
    code="PRKGOV",
)  # fmt: skip
CHN = EventActor(actor_id="country:CHN", name="China", country="CHN", sector=None, code="CHN")
CHNGOV = EventActor(
    actor_id="group:CHN:GOV", name="Chinese officials", country="CHN", sector="GOV",
    code="CHNGOV",
)  # fmt: skip
RUS = EventActor(actor_id="country:RUS", name="Russia", country="RUS", sector=None, code="RUS")
BEIJING = EventPlace(
    place_id="geonames:1816670", name="Beijing", country="CHN", lat=39.9, lon=116.4, span=(0, 0)
)


def ev(
    event_id: str,
    sentence: int,
    code: str,
    source: EventActor | None,
    target: EventActor | None,
    *,
    modality: str = "asserted",
    when: date | None = None,
    authored: bool = False,
    place: EventPlace | None = None,
) -> tuple[int, Event]:
    """An event in sentence number ``sentence``; spans are filled by :func:`article`."""
    entry = ontology().cameo(code)
    return sentence, Event(
        id=event_id,
        source=source,
        target=target,
        cameo=code,
        cameo_root=entry.root,
        cameo_name=entry.name,
        goldstein=entry.goldstein,
        quad_class=entry.quad_class,
        plover=None,
        modality=modality,
        attributed_to_author=authored,
        date=when,
        date_period="day" if when else None,
        location=place,
        sentence=(0, 0),
        span=(0, 0),
        trigger="",
        trigger_span=(0, 0),
        explanation="built by hand",
    )


def article(
    article_id: str,
    published: date,
    sentences: list[str],
    events: list[tuple[int, Event]],
    claims: Sequence[tuple[int, Claim]] = (),
) -> Article:
    """An article whose text is ``sentences`` joined by spaces, events and claims placed in them."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for text in sentences:
        spans.append((offset, offset + len(text)))
        offset += len(text) + 1
    body = " ".join(sentences)

    def place(number: int, event: Event) -> Event:
        from dataclasses import replace

        return replace(event, sentence=spans[number], span=spans[number])

    def place_claim(number: int, claim: Claim) -> Claim:
        from dataclasses import replace

        return replace(claim, sentence=spans[number], span=spans[number])

    return Article(
        id=article_id,
        source=f"{article_id}.txt",
        source_kind="text",
        sha256=hashlib.sha256(body.encode()).hexdigest(),
        text=body,
        published=published,
        genre="news",
        sentences=tuple(spans),
        events=tuple(place(n, e) for n, e in events),
        claims=tuple(place_claim(n, c) for n, c in claims),
    )


def claim(
    claim_id: str, claimant: EventActor, subject: EventActor, text: str, root: str | None
) -> Claim:
    return Claim(
        id=claim_id,
        claimant=claimant,
        subject=subject,
        text=text,
        span=(0, 0),
        sentence=(0, 0),
        cameo_root=root,
        date=date(2013, 4, 16),
    )


SEOUL = article(
    "kerry-seoul",
    date(2013, 4, 12),
    [
        "Secretary of State John Kerry offered on Friday to hold talks with North Korea.",
        "On Sunday Kerry met North Korean envoys in Beijing.",
        "In Tokyo, Japan's foreign minister demanded that North Korea honor its commitments.",
        "Kerry has shown a soft touch toward Pyongyang.",
        "Kerry did not threaten North Korea.",
        "Kerry said the talks would be hard.",
    ],
    [
        ev("seoul:1", 0, "036", KERRY, PRK, modality="proposed", when=date(2013, 4, 12)),
        ev("seoul:2", 1, "040", KERRY, PRKGOV, when=date(2013, 4, 14), place=BEIJING),
        ev("seoul:3", 2, "100", KISHIDA, PRK, when=date(2013, 4, 14)),
        ev("seoul:4", 2, "057", PRK, KISHIDA, modality="demanded", when=date(2013, 4, 14)),
        ev("seoul:5", 3, "080", KERRY, PRK, authored=True),
        ev("seoul:6", 4, "130", KERRY, PRK, modality="negated"),
        ev("seoul:7", 5, "010", KERRY, None),  # a statement naming no target
    ],
)
TOKYO = article(
    "kerry-tokyo",
    date(2013, 4, 15),
    ["On Monday in Tokyo, Kerry praised North Korea's restraint."],
    [ev("tokyo:1", 0, "051", KERRY, PRK, when=date(2013, 4, 15))],
)
MAY = article(
    "may-deal",
    date(2013, 5, 20),
    [
        "Kerry signed an agreement with North Korea.",
        "Japan imposed new sanctions on North Korea, the foreign minister announced.",
    ],
    [
        ev("may:1", 0, "057", KERRY, PRK),  # no date of its own: the article's
        ev("may:2", 1, "163", KISHIDA, PRK),
    ],
)
JUNE = article(
    "june-aid",
    date(2013, 6, 3),
    ["The United States, Kerry said, sent food aid to North Korea."],
    [ev("june:1", 0, "070", KERRY, PRK, when=date(2013, 6, 3))],
)
BEIJING_TALKS = article(
    "beijing-talks",
    date(2013, 4, 13),
    [
        "Chinese officials met Kerry in Beijing.",
        "China called on all countries to return to the six-party talks.",
        "China imposed sanctions on a North Korean bank in late June.",
    ],
    [
        ev("bj:1", 0, "040", CHNGOV, KERRY, when=date(2013, 4, 13), place=BEIJING),
        ev("bj:2", 1, "020", CHN, None, when=date(2013, 4, 13)),
        ev("bj:3", 2, "163", CHN, PRK, when=date(2013, 6, 28)),
    ],
)
OPED = article(
    "soft-touch",
    date(2013, 4, 16),
    [
        "Kerry is hopeful that Beijing has become exasperated enough"
        " to turn the screws on its ally.",
        "Kerry expects China to keep consulting Washington.",
        "Kishida said Russia would back the sanctions.",
        "Kerry said China would play a role.",
    ],
    # the claim's own words, coded as China's intention: never a record of China's acts
    [ev("oped:1", 0, "172", CHN, PRK, modality="future", when=date(2013, 4, 16))],
    [
        (0, claim("c1", KERRY, CHN, "Beijing will turn the screws on its ally", "17")),
        (1, claim("c2", KERRY, CHN, "China will keep consulting Washington", "04")),
        (2, claim("c3", KISHIDA, RUS, "Russia would back the sanctions", "06")),
        (3, claim("c4", KERRY, CHN, "China would play a role", None)),
    ],
)
CORPUS = [SEOUL, TOKYO, MAY, JUNE, BEIJING_TALKS, OPED]


# -- actor matching ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("actor", "key", "expected"),
    [
        (KERRY, "person:john-kerry", True),
        (KERRY, "John Kerry", True),
        (KERRY, "john kerry", True),
        (KERRY, "USAGOV", True),
        (KERRY, "usagov", True),
        (KERRY, "USA", True),
        (KERRY, "Kerry", False),
        (KERRY, "USAGOVMIL", False),
        (KERRY, "PRK", False),
        (PRK, "PRK", True),
        (PRKGOV, "PRK", True),
        (PRKGOV, "prk", True),
        (PRKGOV, "group:PRK:GOV", True),
        (PRKGOV, "PRKGOV", True),
        (PRK, "PRKGOV", False),
        (KISHIDA, "JPN", True),
        (KISHIDA, "JPNGOV", True),
        (KISHIDA, "person:john-kerry", False),
        (None, "PRK", False),
        (KERRY, " ", False),
    ],
)
def test_matches(actor: EventActor | None, key: str, expected: bool) -> None:
    assert st.matches(actor, key) is expected


# -- periods -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("day", "period", "label", "start"),
    [
        (date(2013, 4, 14), "week", "2013-W15", date(2013, 4, 8)),  # a Sunday ends its week
        (date(2013, 4, 15), "week", "2013-W16", date(2013, 4, 15)),  # Monday starts the next
        (date(2012, 12, 31), "week", "2013-W01", date(2012, 12, 31)),  # ISO year, not calendar
        (date(2016, 1, 3), "week", "2015-W53", date(2015, 12, 28)),
        (date(2013, 4, 30), "month", "2013-04", date(2013, 4, 1)),
        (date(2013, 4, 1), "quarter", "2013-Q2", date(2013, 4, 1)),
        (date(2013, 12, 31), "quarter", "2013-Q4", date(2013, 10, 1)),
        (date(2013, 7, 4), "year", "2013", date(2013, 1, 1)),
    ],
)
def test_period_labels(day: date, period: st.Period, label: str, start: date) -> None:
    assert st.period_of(day, period) == (start, label)
    assert st.period_label(day, period) == label


def test_an_unknown_period_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown stance period 'day'"):
        st.stance_path(CORPUS, actor="John Kerry", target="PRK", period="day")  # type: ignore[arg-type]


# -- weights -------------------------------------------------------------------------------
def test_shipped_weights_cover_every_modality() -> None:
    table = st.weights()
    assert set(table.modality) == set(MODALITIES)
    assert table.weight("asserted") == 1.0
    assert table.weight("proposed") == 0.5
    assert table.weight("negated") == 0.0
    assert table.weight("demanded") == 0.0
    assert table.change_threshold == 3.0
    assert table.claim_window_days == 30
    assert table.claim_modalities == ("asserted", "historical")


def shipped_text() -> str:
    return (Path(st.__file__).parent / "data" / "stance" / "weights.tsv").read_text("utf-8")


def edited(**values: str) -> st.ModalityWeights:
    """The shipped weights with some rows' values replaced."""
    lines = []
    for line in shipped_text().splitlines():
        name = line.split("\t", 1)[0]
        if name in values:
            line = f"{name}\t{values[name]}\tedited"
        lines.append(line)
    return st.parse_weights("\n".join(lines), name="edited.tsv")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"modality.proposed": "2"}, r"edited.tsv:\d+: modality.proposed: a weight runs from 0"),
        ({"modality.future": "half"}, r"edited.tsv:\d+: modality.future: needs a number"),
        ({"claim_window_days": "a month"}, "needs a whole number of days"),
        ({"claim_modalities": "asserted|rumoured"}, "unknown modality"),
        ({"pressure_below": "5"}, "pressure_below must not exceed engagement_above"),
    ],
)
def test_bad_weights_are_refused_with_file_and_line(change: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        edited(**change)


def test_missing_and_unknown_rows_are_refused(tmp_path: Path) -> None:
    text = shipped_text()
    without = "\n".join(line for line in text.splitlines() if "modality.negated" not in line)
    with pytest.raises(ConfigError, match=r"missing weights for modality\.negated"):
        st.parse_weights(without)
    with pytest.raises(ConfigError, match=r"modality\.rumoured: unknown modality"):
        st.parse_weights(text + "modality.rumoured\t0.1\n")
    with pytest.raises(ConfigError, match="colour: unknown setting"):
        st.parse_weights(text + "colour\tred\n")
    path = tmp_path / "weights.tsv"
    path.write_text(text + "\n", encoding="utf-8")
    assert st.load_weights(path) == st.ModalityWeights(
        **{**_fields(st.weights()), "source": str(path)}
    )
    with pytest.raises(ConfigError, match="cannot read stance weights"):
        st.load_weights(tmp_path / "absent.tsv")


def _fields(table: st.ModalityWeights) -> dict[str, object]:
    return {name: getattr(table, name) for name in table.__dataclass_fields__}


def test_an_event_of_an_unweighted_modality_is_an_error() -> None:
    table = st.ModalityWeights(modality={"asserted": 1.0})
    with pytest.raises(ConfigError, match="no weight for event modality 'proposed'"):
        st.stance_path(CORPUS, actor="John Kerry", target="PRK", weights=table)


# -- stance paths --------------------------------------------------------------------------
def test_kerry_month_path() -> None:
    path = st.stance_path(CORPUS, actor="John Kerry", target="PRK")
    assert [s.period for s in path] == ["2013-04", "2013-05", "2013-06"]
    april, may, june = path
    # 036 proposed (4.0 x 0.5), 040 (1.0), 051 (3.4): (2.0 + 1.0 + 3.4) / 2.5
    assert april.score == 2.56
    assert (april.events, april.statements, april.actions) == (3, 3, 0)
    assert april.evidence_event_ids == ("seoul:1", "seoul:2", "tokyo:1")
    assert april.change is False
    assert (may.score, may.events, may.change) == (8.0, 1, True)  # 057, dated by its article
    assert (june.score, june.statements, june.actions, june.change) == (7.0, 0, 1, False)
    assert april.actor_id == "person:john-kerry" and april.actor_name == "John Kerry"
    # PRK and its government both matched the country key
    assert april.target_id == "PRK" and april.target_name == "PRK"


def test_week_path_and_iso_boundaries() -> None:
    path = st.stance_path(CORPUS, actor="person:john-kerry", target="PRK", period="week")
    assert [(s.period, s.score, s.events) for s in path] == [
        ("2013-W15", 2.0, 2),  # Friday 12 and Sunday 14 April
        ("2013-W16", 3.4, 1),  # Monday 15 April
        ("2013-W21", 8.0, 1),
        ("2013-W23", 7.0, 1),
    ]
    assert [s.change for s in path] == [False, False, True, False]


def test_quarter_and_year_paths() -> None:
    quarters = st.stance_path(CORPUS, actor="USAGOV", target="PRK", period="quarter")
    assert [(s.period, s.events) for s in quarters] == [("2013-Q2", 5)]
    years = st.stance_path(CORPUS, actor="USA", target="PRK", period="year")
    assert [s.period for s in years] == ["2013"]
    assert years[0].score == 4.76  # (2.0 + 1.0 + 3.4 + 8.0 + 7.0) / 4.5


def test_authored_negated_demanded_and_targetless_events_are_left_out() -> None:
    april = st.stance_path(CORPUS, actor="John Kerry", target="PRK")[0]
    assert "seoul:5" not in april.evidence_event_ids  # the author's judgement
    assert "seoul:6" not in april.evidence_event_ids  # negated: weight 0
    assert "seoul:7" not in april.evidence_event_ids  # no target
    assert st.stance_path(CORPUS, actor="PRK", target="Fumio Kishida") == []  # demanded of PRK
    with_author = st.stance_path(CORPUS, actor="John Kerry", target="PRK", include_authored=True)
    april = with_author[0]
    assert april.evidence_event_ids == ("seoul:1", "seoul:5", "seoul:2", "tokyo:1")
    # + 080 Yield (5.0, material): (6.4 + 5.0) / 3.5
    assert (april.score, april.actions) == (3.26, 1)


def test_weights_and_threshold_come_from_the_table() -> None:
    table = edited(**{"modality.proposed": "1.0", "change_threshold": "10"})
    path = st.stance_path(CORPUS, actor="John Kerry", target="PRK", weights=table)
    assert path[0].score == round((4.0 + 1.0 + 3.4) / 3, 2)
    assert not any(s.change for s in path)
    negated = edited(**{"modality.negated": "1.0"})
    april = st.stance_path(CORPUS, actor="John Kerry", target="PRK", weights=negated)[0]
    assert "seoul:6" in april.evidence_event_ids


def test_kishida_path_is_pressure() -> None:
    path = st.stance_path(CORPUS, actor="JPN", target="PRK")
    assert [(s.period, s.score, s.statements, s.actions) for s in path] == [
        ("2013-04", -5.0, 1, 0),
        ("2013-05", -8.0, 0, 1),
    ]
    assert path[1].change is True
    assert path[0].actor_id == "person:fumio-kishida" and path[0].target_id == "country:PRK"


def test_a_path_reads_a_generator_once() -> None:
    path = st.stance_path(iter(CORPUS), actor="John Kerry", target="PRK")
    assert len(path) == 3


# -- evidence ------------------------------------------------------------------------------
def test_evidence_gives_sentences_codes_and_provenance() -> None:
    april = st.stance_path(CORPUS, actor="John Kerry", target="PRK")[0]
    rows = st.evidence(CORPUS, april)
    assert [row["event_id"] for row in rows] == list(april.evidence_event_ids)
    first, second, third = rows
    assert first == {
        "event_id": "seoul:1",
        "article_id": "kerry-seoul",
        "date": "2013-04-12",
        "code": "036",
        "name": "Express intent to meet or negotiate",
        "goldstein": 4.0,
        "quad_class": 1,
        "modality": "proposed",
        "source": "John Kerry",
        "target": "North Korea",
        "location": None,
        "sentence": "Secretary of State John Kerry offered on Friday"
        " to hold talks with North Korea.",
    }
    assert second["location"] == "Beijing"
    assert second["sentence"] == "On Sunday Kerry met North Korean envoys in Beijing."
    assert third["article_id"] == "kerry-tokyo"
    may = st.stance_path(CORPUS, actor="John Kerry", target="PRK")[1]
    assert st.evidence(CORPUS, may)[0]["date"] == "2013-05-20"  # the article's date


# -- compare -------------------------------------------------------------------------------
ACTORS = ["John Kerry", "person:fumio-kishida", "CHN"]


def test_compare_rows_line_actors_up_by_period() -> None:
    rows = st.compare(CORPUS, actors=ACTORS, target="PRK")
    assert all(tuple(row) == st.COMPARE_COLUMNS for row in rows)
    by_period = [(row["period"], row["actor"], row["score"]) for row in rows]
    assert by_period == [
        ("2013-04", "John Kerry", 2.56),
        ("2013-04", "person:fumio-kishida", -5.0),
        ("2013-04", "CHN", -5.0),  # 172 intended (the op-ed's claim sentence)
        ("2013-05", "John Kerry", 8.0),
        ("2013-05", "person:fumio-kishida", -8.0),
        ("2013-06", "John Kerry", 7.0),
        ("2013-06", "CHN", -8.0),  # 163 on 28 June
        ("overall", "John Kerry", 4.76),
        ("overall", "person:fumio-kishida", -6.5),
        ("overall", "CHN", -7.0),
    ]
    overall = {row["actor"]: row for row in rows if row["period"] == st.OVERALL}
    assert overall["John Kerry"]["side"] == "engagement"
    assert overall["John Kerry"]["events"] == 5
    assert overall["person:fumio-kishida"]["side"] == "pressure"
    assert overall["person:fumio-kishida"]["actor_name"] == "Fumio Kishida"


def test_compare_sides_use_the_thresholds() -> None:
    table = st.weights()
    assert [table.side(x) for x in (1.01, 1.0, 0.0, -1.0, -1.01, None)] == [
        "engagement",
        "mixed",
        "mixed",
        "mixed",
        "pressure",
        "no events",
    ]


def test_compare_an_actor_without_events() -> None:
    rows = st.compare(CORPUS, actors=["John Kerry", "RUS"], target="PRK", period="year")
    assert rows[-1] == {
        "actor": "RUS",
        "actor_id": "RUS",
        "actor_name": "RUS",
        "period": "overall",
        "score": None,
        "events": 0,
        "statements": 0,
        "actions": 0,
        "change": False,
        "side": "no events",
    }


def test_compare_frame() -> None:
    frame = st.compare_frame(iter(CORPUS), actors=ACTORS, target="PRK", period="quarter")
    assert list(frame.columns) == list(st.COMPARE_COLUMNS)
    assert len(frame) == 6  # three actors in 2013-Q2, three overall rows
    wide = frame[frame["period"] != "overall"].pivot(
        index="period", columns="actor", values="score"
    )
    assert wide.loc["2013-Q2", "person:fumio-kishida"] == -6.5


def test_compare_frame_without_pandas_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pandas(name: str, *args: object, **kwargs: object) -> object:
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(EventwatchError, match=r"pip install 'eventwatch\[tables\]'"):
        st.compare_frame(CORPUS, actors=ACTORS, target="PRK")


# -- the per-article stage -----------------------------------------------------------------
def test_article_stances() -> None:
    stances = st.article_stances(SEOUL)
    assert [(s.actor_id, s.target_id, s.period, s.score, s.events) for s in stances] == [
        ("person:john-kerry", "country:PRK", "2013-04", 4.0, 1),
        ("person:john-kerry", "group:PRK:GOV", "2013-04", 1.0, 1),
        ("person:fumio-kishida", "country:PRK", "2013-04", -5.0, 1),
    ]
    assert stances[0].evidence_event_ids == ("seoul:1",)
    assert stances[0].actor_name == "John Kerry" and stances[0].target_name == "North Korea"
    assert st.article_stances(BEIJING_TALKS)[0].period == "2013-04"  # June event, April article
    assert st.article_stances(OPED)[0].period == "2013-04"


# -- claims --------------------------------------------------------------------------------
def test_claim_verdicts() -> None:
    rows = {row["claim_id"]: row for row in st.check_claims(CORPUS)}
    screws = rows["c1"]
    assert screws["verdict"] == "not supported"
    assert screws["claimed_direction"] == "conflictual"
    assert screws["claimed_name"] == "Coerce"
    assert screws["window"] == ["2013-03-17", "2013-05-16"]
    # China's own record: the meeting and the appeal; the claim's own sentence is not one
    assert [e["event_id"] for e in screws["events"]] == ["bj:1", "bj:2"]
    assert screws["events"][0]["sentence"] == "Chinese officials met Kerry in Beijing."
    assert all(e["counts"] and not e["supports"] for e in screws["events"])
    assert "040" in screws["reason"] and "020" in screws["reason"]
    assert rows["c2"]["verdict"] == "supported"  # 040 Consult, root 04
    # 040 by root and direction, 020 by direction; the intended 172 is no act of record
    assert [(e["event_id"], e["supports"]) for e in rows["c2"]["events"]] == [
        ("bj:1", True),
        ("bj:2", True),
        ("oped:1", False),
    ]
    assert rows["c3"]["verdict"] == "no record"
    assert rows["c3"]["events"] == []
    assert rows["c4"]["verdict"] == "unclear"


def test_claim_window_and_filters() -> None:
    wide = st.check_claims(CORPUS, claimant="John Kerry", window_days=90)
    assert [row["claim_id"] for row in wide] == ["c1", "c2", "c4"]
    assert wide[0]["verdict"] == "supported"  # China's June sanctions on a PRK bank
    assert [e["event_id"] for e in wide[0]["events"] if e["supports"]] == ["bj:3"]
    toward = st.check_claims(CORPUS, claimant="person:john-kerry", target="PRK")
    assert toward[0]["verdict"] == "no record"  # nothing China did toward PRK in ±30 days
    assert st.check_claims(CORPUS, claimant="JPN")[0]["claim_id"] == "c3"


def test_claims_count_only_acts_of_record() -> None:
    hopeful = article(
        "hopeful",
        date(2013, 4, 20),
        ["China said it might impose sanctions on North Korea."],
        [ev("h:1", 0, "163", CHN, PRK, modality="hypothetical", when=date(2013, 4, 20))],
    )
    rows = st.check_claims([*CORPUS, hopeful], claimant="John Kerry", target="PRK")
    screws = rows[0]
    assert screws["verdict"] == "no record"
    assert [(e["event_id"], e["counts"]) for e in screws["events"]] == [("h:1", False)]


def test_claims_without_a_date_have_no_record() -> None:
    undated = Claim(
        id="c9",
        claimant=KERRY,
        subject=CHN,
        text="China will help",
        span=(0, 5),
        sentence=(0, 5),
        cameo_root="07",
    )
    piece = Article(
        id="undated", source="undated.txt", source_kind="text", sha256="0" * 64,
        text="China will help.", claims=(undated,),
    )  # fmt: skip
    (row,) = st.check_claims([piece])
    assert (row["verdict"], row["window"], row["date"]) == ("no record", None, None)
    assert "no date" in row["reason"]


# -- the stored corpus ---------------------------------------------------------------------
def test_paths_over_a_real_store(tmp_path: Path) -> None:
    from eventwatch.store.sqlite import Store

    with Store(tmp_path / "news.db") as store:
        for item in CORPUS:
            store.add(item)
        stored = st.stance_path(store.iter_articles(), actor="John Kerry", target="PRK")
        april = stored[0]
        assert stored == st.stance_path(CORPUS, actor="John Kerry", target="PRK")
        assert st.evidence(store.iter_articles(), april)[1]["location"] == "Beijing"


# -- the real pipeline on the seed ---------------------------------------------------------
@pytest.mark.slow
@pytest.mark.shared
def test_seed_kerry_engages_and_kishida_presses() -> None:
    from eventwatch.api import extract_text

    text = need_shared(SEED).read_text(encoding="utf-8")
    seed = extract_text(text, id="seed")
    rows = st.compare([seed], actors=["John Kerry", "person:fumio-kishida", "JPN"], target="PRK")
    overall = {row["actor"]: row for row in rows if row["period"] == st.OVERALL}
    assert overall["John Kerry"]["side"] == "engagement", overall
    assert overall["person:fumio-kishida"]["side"] == "pressure", overall
    assert overall["JPN"]["side"] == "pressure", overall
    kerry = st.stance_path([seed], actor="John Kerry", target="PRK")
    assert [s.period for s in kerry] == ["2013-04"]
    sentences = [row["sentence"] for row in st.evidence([seed], kerry[0])]
    assert any("negotiate with Pyongyang" in sentence for sentence in sentences)
    kishida = st.stance_path([seed], actor="JPN", target="PRK")[0]
    (demand,) = st.evidence([seed], kishida)
    assert demand["code"] == "100"
    assert "North Korea must first honor its commitments" in demand["sentence"]
