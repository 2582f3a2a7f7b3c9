from __future__ import annotations

import codecs

import pytest

from eventwatch.errors import DecodeError, UnsupportedInputError
from eventwatch.ingest.decoding import clean_text, decode_bytes

TEXT = "Pyongyang’s “nuclear armed nation” — Sécurité, Zürich, señor."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32"),
    ],
)
def test_unicode_encodings(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


def test_legacy_code_page_is_detected() -> None:
    text = "The minister’s “final offer” was rejected. " * 20
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.text == text
    assert decoded.encoding != "utf-8"


def test_declared_html_charset_is_honoured() -> None:
    html = '<html><head><meta charset="iso-8859-1"></head><body>Caf\xe9 Zürich</body></html>'
    decoded = decode_bytes(html.encode("latin-1"))
    assert "Café Zürich" in decoded.text
    assert decoded.encoding == "iso8859-1"


def test_mixed_encodings_decode_line_by_line() -> None:
    data = "Première ligne en UTF-8.\n".encode() + "Deuxième en cp1252 – oui.\n".encode("cp1252")
    decoded = decode_bytes(data)
    assert decoded.text == "Première ligne en UTF-8.\nDeuxième en cp1252 – oui.\n"
    assert decoded.encoding.startswith("mixed:utf-8+")


def test_never_crashes_on_any_byte() -> None:
    data = bytes(range(128, 256)) * 40 + b"\nplain words here\n"
    decoded = decode_bytes(data)
    assert "plain words here" in decoded.text


@pytest.mark.parametrize("data", [b"", b"   \n\t  \n"])
def test_empty_input_is_an_error(data: bytes) -> None:
    with pytest.raises(DecodeError, match=r"page\.txt: empty input"):
        decode_bytes(data, item="page.txt")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        b"%PDF-1.7\n" + bytes(range(32)) * 10,
        bytes(range(9)) * 100,
    ],
)
def test_binary_input_is_rejected_by_name(data: bytes) -> None:
    with pytest.raises(UnsupportedInputError, match=r"image\.png: binary data"):
        decode_bytes(data, item="image.png")


def test_clean_text_normalises() -> None:
    assert clean_text("a\r\nb\rc\x00d\x07e\tf") == "a\nb\ncde\tf"
    assert clean_text("Cafe\u0301") == "Café"
