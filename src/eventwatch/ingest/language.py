"""Guess a document's language from its most frequent function words.

``detect_language`` reads the share of running words that belong to each
language's list of frequent function words (``data/ingest/stopwords.tsv``) and
returns the ISO 639-1 code of the clear winner.  Scripts that need no word list
are recognised by their characters (Japanese kana, Korean hangul, Chinese
ideographs, Arabic, Hebrew, Greek, Thai).  It returns ``None`` when the text is
too short or no language stands out.  Only the first ``_SAMPLE_CHARS`` characters
are read, so it costs the same on a 50 MB document as on a short one.

``stopwords(code)`` gives the word set of one language to other ingest modules
(the pasted-text line classifier uses it for its stop-word density feature).
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventwatch.ingest._data import read_rows

__all__ = ["detect_language", "languages", "stopwords"]

_SAMPLE_CHARS = 20_000
_MIN_WORDS = 8  # fewer running words than this: undecided
_MIN_SHARE = 0.12  # the winner's words must be at least this share of the text
_MIN_MARGIN = 1.3  # … and this many times the runner-up's share
_MIN_EVIDENCE = 2.0  # … and score at least this many words (one shared word is no evidence)
_MIN_SCRIPT_SHARE = 0.3  # share of letters in a script that settles the language

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# (code, character class) checked in order: kana before ideographs, because
# Japanese text mixes both while Chinese has no kana.
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
)
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _load_stopwords() -> dict[str, frozenset[str]]:
    """Read ``stopwords.tsv`` once into ``{code: words}``."""
    merged: dict[str, set[str]] = {}
    for code, words in read_rows("stopwords.tsv", columns=2):
        merged.setdefault(code, set()).update(words.lower().split())
    return {code: frozenset(words) for code, words in merged.items()}


@lru_cache(maxsize=1)
def _word_index() -> dict[str, tuple[str, ...]]:
    """``{word: codes of the languages whose list holds it}``."""
    owners: dict[str, list[str]] = {}
    for code, words in _load_stopwords().items():
        for word in words:
            owners.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in owners.items()}


def languages() -> tuple[str, ...]:
    """The codes that have a function-word list, in file order."""
    return tuple(_load_stopwords())


def stopwords(code: str | None) -> frozenset[str]:
    """The function words of language ``code`` (empty for an unknown or ``None`` code)."""
    if code is None:
        return frozenset()
    return _load_stopwords().get(code, frozenset())


def _script_language(sample: str) -> str | None:
    letters = len(_LETTER.findall(sample))
    if letters == 0:
        return None
    for code, pattern in _SCRIPTS:
        if len(pattern.findall(sample)) / letters >= _MIN_SCRIPT_SHARE:
            return code
    # Japanese kana are a minority among the ideographs of a Japanese text.
    kana = len(_SCRIPTS[0][1].findall(sample))
    han = len(_SCRIPTS[2][1].findall(sample))
    if kana and (kana + han) / letters >= _MIN_SCRIPT_SHARE:
        return "ja"
    return None


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of ``text``'s language, or ``None`` when undecided."""
    sample = text[:_SAMPLE_CHARS]
    by_script = _script_language(sample)
    if by_script is not None:
        return by_script
    words = [word.lower() for word in _WORD.findall(sample)]
    if len(words) < _MIN_WORDS:
        return None
    index = _word_index()
    scores = dict.fromkeys(languages(), 0.0)
    matched = 0
    for word in words:
        owners = index.get(word)
        if owners is None:
            continue
        matched += 1
        # A word shared by k languages is weak evidence for each: 1/k.
        for code in owners:
            scores[code] += 1.0 / len(owners)
    if matched / len(words) < _MIN_SHARE:
        return None
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, best_score), (_, second_score) = ranked[0], ranked[1]
    if best_score < _MIN_MARGIN * second_score or best_score < _MIN_EVIDENCE:
        return None
    return best
