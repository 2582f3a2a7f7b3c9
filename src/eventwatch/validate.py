"""Checks on what a user types into a query: dates, CAMEO codes, lookup keys.

Every function returns the value in the form the store reads, or raises
:class:`~eventwatch.errors.QueryError` with a message that names the option
and says what is expected.  The CLI and the web service share them, so the same
input is refused the same way everywhere.
"""

from __future__ import annotations

from datetime import date

from eventwatch.errors import QueryError

__all__ = ["MAX_KEY_CHARS", "parse_date_option", "validate_cameo_code", "validate_key"]

MAX_KEY_CHARS = 1_000  # no id, name, code or sha256 is longer


def parse_date_option(value: str, *, option: str = "date") -> date:
    """``YYYY-MM-DD`` as a date; anything else (``2013-13-45``, ``yesterday``) is refused.

    >>> parse_date_option("2013-04-16")
    datetime.date(2013, 4, 16)
    """
    text = value.strip()
    parts = text.split("-")
    if (
        len(parts) == 3
        and [len(part) for part in parts] == [4, 2, 2]
        and all(part.isascii() and part.isdigit() for part in parts)
    ):
        try:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError as error:
            raise QueryError(f"{option} {value!r} is not a date: {error}") from error
    shown = value if len(value) <= 40 else value[:40] + "…"
    raise QueryError(f"{option} {shown!r} is not a date: use YYYY-MM-DD (e.g. 2013-04-16)")


def validate_cameo_code(value: str, *, option: str = "code") -> str:
    """A CAMEO code or prefix the codebook knows: a root (``03``) or a code (``036``)."""
    from eventwatch.events.ontology import ontology

    code = value.strip()
    shown = code if len(code) <= 40 else code[:40] + "…"
    if not (code.isascii() and code.isdigit() and 2 <= len(code) <= 4):
        raise QueryError(
            f"{option} {shown!r} is not a CAMEO code: two to four digits, a root (03)"
            " or a code (036)"
        )
    book = ontology()
    if not any(known.startswith(code) for known in book.codes()):
        roots = book.roots()
        raise QueryError(
            f"{option} {shown!r} is not in the CAMEO codebook (roots run {roots[0]}-{roots[-1]})"
        )
    return code


def validate_key(value: str, *, option: str = "key") -> str:
    """A lookup key (an id, a name, a sha256): not empty and not absurdly long."""
    key = value.strip()
    if not key:
        raise QueryError(f"{option} is empty")
    if len(key) > MAX_KEY_CHARS:
        raise QueryError(
            f"{option} is {len(key):,} characters long; no stored key is over {MAX_KEY_CHARS:,}"
        )
    return key
