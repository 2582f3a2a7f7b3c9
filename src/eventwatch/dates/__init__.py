"""Resolve date expressions against an article's publication date.

Reads: a spaCy ``Doc`` (its ``DATE`` and ``TIME`` entities and the dependency
parse around them) and the article's publication date, the *anchor*.  Produces:
one :class:`ResolvedDate` per expression that names a point or a stretch of time,
with its first and last day, its period (:data:`Period`) and the name of the rule
that decided it.  Expressions that name no point in time ("the time", "decades",
"every day", "for years") produce nothing: no guess is ever recorded.

How an expression is resolved:

1. The text is normalised (lower case, straight apostrophes, no full stops or
   commas, ordinal suffixes dropped, "this past"/"this coming" folded into
   "last"/"next").
2. The rules (:mod:`eventwatch.dates.grammar`) are tried in order, each a
   compiled regular expression that must match the *whole* normalised text plus
   a small function; the first rule that returns a result wins.  A leading
   neutral preposition or hedge ("on", "in", "over", "just", ...) is peeled off
   and the rules are tried again.
3. Only when no rule applies, and the text looks like an explicit calendar date
   (a month name or a numeric date), is :mod:`dateparser` asked, once per
   ``(text, anchor, tense)`` thanks to a cache.

Durations and frequencies ("two years", "for years", "every day", "60 days",
"within days") match no rule and resolve to ``None``; stretches that end or start
at the article date ("the past week", "the next four years") are ranges.
Sequences ("three days later", "the following week", "that day") count from
the *reference*: the date the same paragraph named last, when it is precise
enough, else from the anchor ("that day" needs a reference).

Tense (:func:`sentence_tense`) comes from the verb that governs the expression
and decides the ambiguous cases: "this Sunday" in "which ended this Sunday" is
the Sunday before the article, in "will meet this Sunday" the one after; "in late
February" is the last February that has begun unless the verb points ahead.  The
conventions are written down in ``docs/dates.md``.

The vocabulary (month and weekday names, number words, seasons, holidays, the
windows of "early"/"mid"/"late") is data: ``eventwatch/data/dates/vocab.toml``,
read once per process; a malformed file raises :class:`~eventwatch.errors.ConfigError`
naming the file (and the line, for TOML syntax errors).

The parts, in the order data flows through them:

``tense``       :func:`sentence_tense`, the tense of the verb that governs an expression
``vocab``       :class:`DateVocab` and :func:`read_vocab`, the checked ``vocab.toml``
``resolved``    :class:`ResolvedDate`, :data:`Period`, and what a rule decides
``periods``     calendar arithmetic: month, quarter and week bounds, weekday steps,
                which year's occurrence of a yearly day or stretch is meant
``rules``       one function per kind of expression, over a match of its pattern
``grammar``     the ordered rule table and its patterns, compiled over the vocabulary
``expression``  :func:`resolve_expression`: normalise, try the rules, ask dateparser
``entities``    :func:`resolve_doc_dates`: the DATE and TIME entities of a parsed Doc
"""

from __future__ import annotations

from eventwatch.dates.entities import ENTITY_LABELS as ENTITY_LABELS
from eventwatch.dates.entities import resolve_doc_dates
from eventwatch.dates.expression import resolve_expression
from eventwatch.dates.resolved import Period, ResolvedDate
from eventwatch.dates.tense import Tense, sentence_tense
from eventwatch.dates.vocab import VOCAB_PATH, DateVocab, read_vocab

__all__ = [
    "VOCAB_PATH",
    "DateVocab",
    "Period",
    "ResolvedDate",
    "Tense",
    "read_vocab",
    "resolve_doc_dates",
    "resolve_expression",
    "sentence_tense",
]
