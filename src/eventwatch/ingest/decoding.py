"""Bytes to clean text, whatever the encoding: never crashes on a byte.

Order of attempts:

1. a byte-order mark (UTF-8/16/32) decides;
2. the bytes are rejected as binary when they hold NUL bytes or many control
   characters (a text file in UTF-16 without a BOM is the one exception we
   detect: alternating NULs);
3. strict UTF-8;
4. a declared charset (HTML ``<meta charset>``) when it decodes cleanly;
5. *mixed* files — mostly UTF-8 with some lines in a legacy code page — are
   decoded line by line (UTF-8, else the legacy guess);
6. charset-normalizer's best guess for the whole file;
7. cp1252 with replacement characters as a last resort.

The result is NFC-normalised, with ``\\r\\n``/``\\r`` turned into ``\\n`` and
control characters other than newline and tab removed.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

from eventwatch.errors import DecodeError, UnsupportedInputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.I)
_SNIFF_BYTES = 65536


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text and the encoding it was read with (``mixed:utf-8+cp1252`` for mixed)."""

    text: str
    encoding: str


def clean_text(text: str) -> str:
    """Normalise newlines, drop control characters, NFC-normalise."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return controls / len(head) > 0.05


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs at every other byte."""
    if len(head) < 16:
        return None
    even = head[0::2].count(0) / (len(head) / 2)
    odd = head[1::2].count(0) / (len(head) / 2)
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decode_mixed(data: bytes, legacy: str) -> str | None:
    """Decode line by line when most lines are UTF-8 and the rest are not."""
    lines = data.split(b"\n")
    utf8_lines = 0
    out: list[str] = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
            if any(byte > 127 for byte in line):
                utf8_lines += 1
        except UnicodeDecodeError:
            out.append(line.decode(legacy, errors="replace"))
    if utf8_lines == 0:
        return None
    return "\n".join(out)


def decode_bytes(data: bytes, *, declared: str | None = None, item: str = "input") -> Decoded:
    """Decode ``data`` to clean text.

    Raises :class:`UnsupportedInputError` for binary data and
    :class:`DecodeError` for empty input; both name ``item``.
    """
    if not data.strip():
        raise DecodeError(f"{item}: empty input (no text in it)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(clean_text(data.decode(encoding, errors="replace")), encoding)
    head = data[:_SNIFF_BYTES]
    utf16 = _utf16_without_bom(head)
    if utf16:
        return Decoded(clean_text(data.decode(utf16, errors="replace")), utf16)
    if _looks_binary(head):
        raise UnsupportedInputError(f"{item}: binary data, not text (NUL or control bytes)")
    try:
        return Decoded(clean_text(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    charset = declared or _declared_charset(data)
    if charset and charset not in {"utf-8", "utf_8"}:
        try:
            return Decoded(clean_text(data.decode(charset)), charset)
        except (UnicodeDecodeError, LookupError):
            pass
    guess = from_bytes(data[: 4 * _SNIFF_BYTES]).best()
    legacy = guess.encoding if guess is not None and guess.encoding != "utf_8" else "cp1252"
    mixed = _decode_mixed(data, legacy)
    if mixed is not None:
        return Decoded(clean_text(mixed), f"mixed:utf-8+{legacy}")
    try:
        return Decoded(clean_text(data.decode(legacy)), legacy)
    except (UnicodeDecodeError, LookupError):
        return Decoded(clean_text(data.decode("cp1252", errors="replace")), "cp1252")
