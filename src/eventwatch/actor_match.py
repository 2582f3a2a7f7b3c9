"""One actor matcher for every command and the store: what an actor key means.

A key is one of, tried in this order (case-insensitive):

* an actor id: ``person:john-kerry``, ``country:PRK``, ``group:CHN:GOV``;
* a name: ``John Kerry``, ``North Korea``;
* a full actor code: ``USAGOV``, ``PRKGOV``;
* a three-letter country: ``PRK`` — any actor of that country (``PRK``,
  ``PRKGOV``, ``PRKPTY`` …).

:func:`matches` decides on one :class:`~eventwatch.records.EventActor`;
:func:`sql_test` is a cheap SQL prefilter over an ``actors`` row that every
actor :func:`matches` accepts passes (it may let a few more through), so the
store narrows rows in SQL and decides with :func:`matches`.
"""

from __future__ import annotations

from typing import Any

from eventwatch.records import EventActor

__all__ = ["is_country_key", "matches", "sql_test"]


def is_country_key(key: str) -> bool:
    """Whether ``key`` reads as a three-letter country code (``PRK``)."""
    key = key.strip()
    return len(key) == 3 and key.isascii() and key.isalpha()


def matches(actor: EventActor | None, key: str) -> bool:
    """Whether ``actor`` answers to ``key`` (an id, a name, a code or a country)."""
    if actor is None:
        return False
    key = key.strip()
    if not key:
        return False
    folded = key.casefold()
    if actor.actor_id.casefold() == folded or actor.name.casefold() == folded:
        return True
    upper = key.upper()
    code = (actor.code or "").upper()
    if code and code == upper:
        return True
    if is_country_key(key):
        return (actor.country or "").upper() == upper or code[:3] == upper
    return False


def sql_test(alias: str, key: str) -> tuple[str, list[Any]]:
    """An SQL test on the ``actors`` row ``alias`` (columns actor_id, name, code, country).

    Every actor :func:`matches` accepts for ``key`` passes it.  SQLite folds case
    in ASCII only, so a key with other letters passes every row and is left to
    :func:`matches` alone.
    """
    key = key.strip()
    if not key:
        return "0", []
    if not key.isascii():
        return "1", []
    upper = key.upper()
    tests = [
        f"{alias}.actor_id = ? COLLATE NOCASE",
        f"{alias}.name = ? COLLATE NOCASE",
        f"upper({alias}.code) = ?",
    ]
    values: list[Any] = [key, key, upper]
    if is_country_key(key):
        tests += [f"upper({alias}.country) = ?", f"substr(upper({alias}.code), 1, 3) = ?"]
        values += [upper, upper]
    return "(" + " OR ".join(tests) + ")", values
