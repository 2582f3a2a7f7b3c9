"""Language detection by function-word profile (invented sentences)."""

from __future__ import annotations

import time

import pytest

from eventwatch.ingest.language import detect_language, languages, stopwords


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The council said on Monday that the talks would continue in the new year.", "en"),
        (
            "Le conseil a déclaré que les négociations se poursuivraient dans la nouvelle année.",
            "fr",
        ),
        ("Der Rat sagte am Montag, dass die Gespräche im neuen Jahr fortgesetzt werden.", "de"),
        ("El consejo dijo el lunes que las conversaciones continuarán en el nuevo año.", "es"),
        (
            "Il consiglio ha detto che i colloqui continueranno nel nuovo anno con la delegazione.",
            "it",
        ),
        (
            "O conselho disse que as negociações vão continuar no ano novo com a delegação.",
            "pt",
        ),
        (
            "De raad zei maandag dat de gesprekken in het nieuwe jaar zullen worden voortgezet.",
            "nl",
        ),
        (
            "Совет заявил, что переговоры будут продолжены и что он не видит проблем.",
            "ru",
        ),
        (
            "Rada powiedziała, że rozmowy będą kontynuowane w nowym roku i nie ma problemu.",
            "pl",
        ),
        (
            "Rådet sade att samtalen kommer att fortsätta under det nya året och att det är bra.",
            "sv",
        ),
        (
            "Konsey görüşmelerin yeni yılda da devam edeceğini ve bu konuda çok umutlu olduğunu.",
            "tr",
        ),
        (
            "Dewan mengatakan bahwa pembicaraan akan dilanjutkan dan tidak ada masalah.",
            "id",
        ),
        ("評議会は月曜日、協議は新年も続くと述べた。", "ja"),
        ("위원회는 월요일 회담이 새해에도 계속될 것이라고 말했다", "ko"),
        ("委员会周一表示，会谈将在新的一年继续进行。", "zh"),
    ],
)
def test_detects(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        "short",
        "12345 67890",
        "\x00\x01\x02",
        "Westmere Harbour Council Ferry Pier Repairs Timetable",
    ],
)
def test_undecided(text: str) -> None:
    assert detect_language(text) is None


def test_word_lists_are_loaded() -> None:
    assert {"en", "fr", "de", "es", "it", "pt", "nl", "ru", "pl", "sv", "tr", "id"} <= set(
        languages()
    )
    assert "the" in stopwords("en")
    assert stopwords("xx") == frozenset()
    assert stopwords(None) == frozenset()


def test_fast_on_huge_text() -> None:
    text = "The council said that the pier would close. " * 1_000_000  # ~45 MB
    started = time.perf_counter()
    assert detect_language(text) == "en"
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    "text",
    [
        # one Dutch-looking word ("had") in a short English sentence was enough for 'nl',
        # and the whole pipeline skipped the sentence
        "Russian army had started air strikes on 12 villages across 3 districts.",
        "Sudan government rejects offer from rebel army.",
    ],
)
def test_a_short_english_sentence_is_never_taken_for_another_language(text: str) -> None:
    assert detect_language(text) in {"en", None}
