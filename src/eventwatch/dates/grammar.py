"""The rule table: the patterns of the rules, in order, compiled over the vocabulary.

Each entry names a rule, its pattern template, its function (in
:mod:`eventwatch.dates.rules`) and whether it needs an anchor; the templates
are compiled once per process by :func:`compiled_grammar`, with the vocabulary's
words filled in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from eventwatch.dates.rules import (
    RuleFn,
    rule_adjacent,
    rule_ago,
    rule_anchored_range,
    rule_century,
    rule_day_range,
    rule_day_word,
    rule_decade,
    rule_earlier_later,
    rule_half,
    rule_holiday,
    rule_in_offset,
    rule_in_offset_from_now,
    rule_iso,
    rule_month,
    rule_month_day,
    rule_month_range,
    rule_numeric_us,
    rule_part_of_unit,
    rule_part_of_year,
    rule_quarter,
    rule_relative_unit,
    rule_same,
    rule_season,
    rule_sequence,
    rule_weekday,
    rule_weekend,
    rule_year,
    rule_year_range,
)
from eventwatch.dates.vocab import shipped_vocab

__all__ = ["Grammar", "Rule", "compiled_grammar"]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    apply: RuleFn
    needs_anchor: bool


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_UNIT = r"(?P<unit>day|week|month|year|decade)"
_TIME_OF_DAY = r"(?: (?:morning|afternoon|evening|night))?"

# (name, pattern template, rule function, needs anchor).  Templates name the
# vocabulary through {MONTH}, {WEEKDAY}, {NUM}, {SEASON}, {PART}, {ORD},
# {DECADE_WORD} and {HOLIDAY}; each is matched against the whole normalised text.
_RULE_TEMPLATES: tuple[tuple[str, str, RuleFn, bool], ...] = (
    (
        "today",
        r"(?:(?:earlier|later|early|late) )?(?:today|tonight|this (?:morning|afternoon|evening))",
        rule_day_word(0, "today"),
        True,
    ),
    (
        "yesterday",
        r"(?:(?:earlier|early|late) )?(?:yesterday" + _TIME_OF_DAY + r"|last night)",
        rule_day_word(-1, "yesterday"),
        True,
    ),
    (
        "tomorrow",
        r"(?:(?:early|late|later) )?tomorrow" + _TIME_OF_DAY,
        rule_day_word(1, "tomorrow"),
        True,
    ),
    ("day-before-yesterday", r"the day before yesterday", rule_day_word(-2, "day-offset"), True),
    ("day-after-tomorrow", r"the day after tomorrow", rule_day_word(2, "day-offset"), True),
    (
        "adjacent",
        r"the (?P<dir>following|previous|preceding|prior) (?P<unit>day|week|month|year)"
        r"|the next day|the day (?P<dir2>before|after)",
        rule_adjacent,
        False,
    ),
    (
        "sequence",
        r"(?P<n>{NUM}) " + _UNIT + r"s? (?P<dir>later|earlier|afterwards?|before|prior|on)",
        rule_sequence,
        False,
    ),
    (
        "same",
        r"(?:(?:earlier|later) )?(?:that|the same) (?P<unit>day|week|month|year)",
        rule_same,
        False,
    ),
    (
        "weekday",
        r"(?:(?:(?P<mod>this|last|next)|early|earlier|late|later)(?: on)? )?"
        r"(?P<weekday>{WEEKDAY})" + _TIME_OF_DAY,
        rule_weekday,
        True,
    ),
    (
        "weekend",
        r"(?:(?P<mod>this|last|next|the past|the coming|the) )?weekend",
        rule_weekend,
        True,
    ),
    (
        "relative-unit",
        r"(?P<which>this|last|next|the current) (?P<unit>week|month|quarter|year)",
        rule_relative_unit,
        True,
    ),
    (
        "earlier-later",
        r"(?P<when>earlier|later) (?:in )?(?:this|the) (?P<unit>week|month|quarter|year)",
        rule_earlier_later,
        True,
    ),
    (
        "part-of-unit",
        r"(?:the )?(?P<part>{PART})(?: of)?[- ]?(?P<which>this|last|next|the) "
        r"(?P<unit>month|year)",
        rule_part_of_unit,
        True,
    ),
    (
        "quarter",
        r"(?:the )?(?P<q>{ORD}|[1-4]) quarter"
        r"(?: of (?P<year>\d{{4}}|this year|last year|next year|the year))?",
        rule_quarter,
        False,
    ),
    ("quarter-q", r"q(?P<q>[1-4])(?: (?P<year>\d{{4}}))?", rule_quarter, False),
    ("quarter-yq", r"(?P<year>\d{{4}}) q(?P<q>[1-4])", rule_quarter, False),
    ("ago", r"(?P<n>{NUM}) " + _UNIT + r"s? ago", rule_ago, True),
    # "18 years after Washington invaded …" said in the present: read as "ago" (the
    # entity reader takes "after" in only then, see dates.entities._after_a_past_act)
    ("after-now", r"(?P<n>{NUM}) " + _UNIT + r"s? after", rule_ago, True),
    (
        "in-offset",
        r"(?:in (?P<n>{NUM}) " + _UNIT + r"s?(?:'s)?(?: time)?"
        r"|(?P<n2>{NUM}) (?P<unit2>day|week|month|year|decade)s? from (?:now|today))",
        lambda m, ctx: rule_in_offset(m, ctx) if m["unit"] else rule_in_offset_from_now(m, ctx),
        True,
    ),
    (
        "anchored-range",
        r"(?:the )?(?P<dir>past|last|previous|next|coming) (?:(?P<n>{NUM}) )?"
        + _UNIT
        + r"(?P<plural>s)?",
        rule_anchored_range,
        True,
    ),
    ("iso", r"(?P<y>\d{{4}})[-/](?P<m>\d{{1,2}})[-/](?P<d>\d{{1,2}})", rule_iso, False),
    (
        "numeric-us",
        r"(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}})",
        rule_numeric_us,
        False,
    ),
    (
        "numeric-dotted",
        r"(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>\d{{4}})",
        rule_numeric_us,
        False,
    ),
    (
        "month-day",
        r"(?:{WEEKDAY} )?(?P<month>{MONTH}) (?P<d>\d{{1,2}})(?: (?P<y>\d{{4}}))?",
        rule_month_day,
        False,
    ),
    (
        "day-month",
        r"(?:{WEEKDAY} )?(?:the )?(?P<d>\d{{1,2}}) (?:of )?(?P<month>{MONTH})(?: (?P<y>\d{{4}}))?",
        rule_month_day,
        False,
    ),
    (
        "day-range",
        r"(?:between |from )?(?P<m1>{MONTH}) (?P<d1>\d{{1,2}}) ?(?:-| and | to | until | through )"
        r" ?(?:(?P<m2>{MONTH}) )?(?P<d2>\d{{1,2}})(?: (?P<y>\d{{4}}))?",
        rule_day_range,
        False,
    ),
    (
        "month-range",
        r"(?:between |from )?(?P<m1>{MONTH}) ?(?:-| and | to | until | through ) ?"
        r"(?P<m2>{MONTH})(?: (?P<y>\d{{4}}))?",
        rule_month_range,
        False,
    ),
    (
        "month",
        r"(?:(?P<mod>this|last|next) )?(?:(?:the )?(?P<part>{PART})(?: of)?[- ]?)?"
        r"(?P<month>{MONTH})(?: (?:of )?(?P<y>\d{{4}}))?",
        rule_month,
        False,
    ),
    ("year", r"(?:the year )?(?P<y>\d{{4}})", rule_year, False),
    (
        "part-of-year",
        r"(?:the )?(?P<part>{PART})(?: of)?[- ]?(?:the year )?(?P<y>\d{{4}})",
        rule_part_of_year,
        False,
    ),
    (
        "year-range",
        r"(?:between |from )?(?P<y1>\d{{4}}) ?(?:-| and | to | until | through ) ?"
        r"(?P<y2>\d{{4}}|\d{{2}})",
        rule_year_range,
        False,
    ),
    (
        "half",
        r"the (?P<h>first|second) half of "
        r"(?P<year>\d{{4}}|this year|last year|next year|the year)",
        rule_half,
        False,
    ),
    (
        "decade",
        r"(?:the )?(?:(?P<part>early|mid|late)[- ]?)?"
        r"(?:(?P<full>\d{{3}}0)'?s|'(?P<short>\d0)s|(?P<word>{DECADE_WORD}))",
        rule_decade,
        False,
    ),
    (
        "decade-short",
        r"the (?:(?P<part>early|mid|late)[- ]?)?(?P<short>\d0)'?s(?P<full>)(?P<word>)",
        rule_decade,
        False,
    ),
    ("century", r"the (?P<n>\d{{2}}|{ORD}) century", rule_century, False),
    (
        "season",
        r"(?:(?P<mod>this|last|next|the) )?(?P<season>{SEASON})(?: (?:of )?(?P<y>\d{{4}}))?",
        rule_season,
        False,
    ),
    (
        "holiday",
        r"(?:(?P<mod>this|last|next) )?(?P<holiday>{HOLIDAY})(?: (?P<y>\d{{4}}))?",
        rule_holiday,
        False,
    ),
)


@dataclass(frozen=True, slots=True)
class Grammar:
    rules: tuple[Rule, ...]
    explicit_cue: re.Pattern[str]
    duration_cue: re.Pattern[str]
    year_cue: re.Pattern[str]


@cache
def compiled_grammar() -> Grammar:
    """Compile the rule patterns over the vocabulary, once per process."""
    vocab = shipped_vocab()
    number_words = [*vocab.numbers, *vocab.vague_numbers]
    slots = {
        "MONTH": _alternation(vocab.months),
        "WEEKDAY": _alternation(vocab.weekdays),
        "NUM": r"\d+|" + _alternation(number_words) + r"|[a-z]+-[a-z]+",
        "SEASON": _alternation(vocab.seasons),
        "PART": _alternation(vocab.part_words),
        "ORD": _alternation(vocab.ordinals),
        "DECADE_WORD": _alternation(vocab.decade_words),
        "HOLIDAY": _alternation([*vocab.fixed_holidays, *vocab.floating_holidays]),
    }
    rules = tuple(
        Rule(
            name=name,
            pattern=re.compile(template.format(**{k: f"(?:{v})" for k, v in slots.items()})),
            apply=apply,
            needs_anchor=needs_anchor,
        )
        for name, template, apply, needs_anchor in _RULE_TEMPLATES
    )
    return Grammar(
        rules=rules,
        explicit_cue=re.compile(rf"\b(?:{slots['MONTH']})\b|\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}"),
        duration_cue=re.compile(
            r"\b(?:days?|weeks?|months?|years?|decades?|hours?|minutes?|ago|every|each|per)\b"
        ),
        year_cue=re.compile(r"\b\d{4}\b"),
    )
