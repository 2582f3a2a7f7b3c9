"""Place names as index keys: :func:`fold`, :func:`clean` and which alternate names count."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["alternate_key", "clean", "fold"]

_LATIN_END = "\u024f"  # last letter of Latin Extended-B; later scripts are not English text
_DIGIT = re.compile(r"\d")


_FOLD_TABLE = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
        "‐": " ",
        "‑": " ",
        "–": " ",
        "—": " ",
        "-": " ",
        "’": "",
        "‘": "",
        "ʻ": "",
        "ʼ": "",
        "'": "",
        "`": "",
    }
)


def fold(name: str) -> str:
    """The index key of a name: lower case, no accents, no apostrophes, hyphens as spaces."""
    if name.isascii():
        text = name.lower()
        if "-" in text or "'" in text or "`" in text:
            text = text.translate(_FOLD_TABLE)
    else:
        text = name.translate(_FOLD_TABLE)
        if not text.isascii():
            text = "".join(
                char
                for char in unicodedata.normalize("NFKD", text)
                if not unicodedata.combining(char)
            )
        text = text.lower()
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())
    return text


def clean(name: str) -> str:
    """Strip what text wraps around a place name: whitespace, "the", a possessive."""
    text = " ".join(name.split())
    if text[:4].lower() == "the ":
        text = text[4:]
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    return text.strip(" ,;:")


def alternate_key(name: object) -> str | None:
    """The index key of an alternate name that could occur in English text, else ``None``.

    Kept: Latin script, capitalised, no digits, not an all-capitals code of up to
    five letters ("ALV", "NYC"), and plain ASCII once folded.  Runs 350,000 times
    while the gazetteer is built, so the common ASCII case is checked first.
    """
    if not isinstance(name, str) or not name:
        return None
    first = name[0]
    if name.isascii():
        if not "A" <= first <= "Z" or _DIGIT.search(name):
            return None
        if len(name) <= 5 and name.isupper():
            return None
        return fold(name)
    if first > _LATIN_END or not first.isupper() or _DIGIT.search(name):
        return None
    if len(name) <= 5 and name.isupper():
        return None
    key = fold(name)
    return key if key.isascii() else None
