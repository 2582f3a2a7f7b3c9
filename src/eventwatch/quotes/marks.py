"""Quotation marks: pairing them into quotations over the raw text."""

from __future__ import annotations

import re

CharSpan = tuple[int, int]

OPENING = {"“": "”", '"': '"', "``": "''", "''": "''", "«": "»"}
MARK_RE = re.compile(r"``|''|[“”\"«»]")
TAG_RE = re.compile(r"</?[A-Za-z][^<>\n]{0,400}>")  # markup left in the text (<tweet author="...">)
QUOTE_TOKENS = frozenset({'"', "“", "”", "``", "''", "«", "»"})


def find_quotations(text: str) -> list[tuple[CharSpan, ...]]:
    """The quotations in ``text``, each a tuple of spans (one per paragraph), marks included.

    Marks pair within a paragraph; a quotation still open at a line break goes
    on only when the next paragraph opens with a mark of the same kind.
    """
    text = TAG_RE.sub(lambda m: " " * len(m.group(0)), text)
    found: list[tuple[CharSpan, ...]] = []
    parts: list[CharSpan] = []
    opener: str | None = None
    start = 0
    position = 0
    length = len(text)
    while position < length:
        char = text[position]
        if char == "\n":
            if opener is not None:
                end = position
                while end > start and text[end - 1].isspace():
                    end -= 1
                following = position
                while following < length and text[following].isspace():
                    following += 1
                if text.startswith(opener, following):
                    parts.append((start, end))
                    start = following
                    position = following + len(opener)
                    continue
                parts.append((start, end))
                found.append(tuple(parts))
                parts, opener = [], None
            position += 1
            continue
        match = MARK_RE.match(text, position)
        if match is None:
            position += 1
            continue
        mark = match.group(0)
        if opener is None:
            if mark in OPENING:
                opener, start = mark, position
        elif (
            mark == OPENING[opener]
            or (opener == '"' and mark == "”")
            or (opener == "“" and mark == '"' and _closes(text, position))
        ):
            # pages mix mark styles: “… skull," the office said
            parts.append((start, match.end()))
            found.append(tuple(parts))
            parts, opener = [], None
        elif mark == "“" and opener == '"':  # a straight mark left open: start again
            start = position
            opener = mark
        position = match.end()
    if opener is not None and parts:
        found.append(tuple(parts))
    elif opener is not None:
        end = length
        while end > start and text[end - 1].isspace():
            end -= 1
        found.append(((start, end),))
    return [quotation for quotation in found if quotation[-1][1] - quotation[0][0] > 2]


def _closes(text: str, position: int) -> bool:
    """Does the straight mark at ``position`` close a quotation a curly mark opened: it
    stands where a closing mark does (after a word or a stop, before a space, a stop or
    the end: “… her skull," the office said), and no curly closing mark follows in the
    paragraph before another opens (“He said "no" to us,” keeps the straight pair in)?"""
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    if before.isspace() or after.isalnum():
        return False
    for char in text[position + 1 :]:
        if char in "\n“":
            return True
        if char == "”":
            return False
    return True
