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

:func:`match_actor` turns a key into the ids of the stored actors that answer
to it, reading the small ``actor_directory`` table (one row per actor id,
migration 0005) and deciding with :func:`matches`; :func:`id_test` is then
the SQL test that keeps rows whose actor-id column holds one of those ids
(the ids travel as one JSON parameter, so a country with thousands of actors
is still one parameter).  The web app and ``eventwatch.queries`` use these.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from eventwatch.records import EventActor

__all__ = [
    "ActorMatch",
    "country_key",
    "id_test",
    "is_country_key",
    "match_actor",
    "matches",
    "sql_test",
]


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


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorMatch:
    """The stored actors a key answers to.

    ``key`` is the key as given (stripped); ``actor_ids`` the matched ids,
    most-mentioned first; ``names`` their display names, in the same order.
    """

    key: str
    actor_ids: tuple[str, ...]
    names: tuple[str, ...]

    @property
    def found(self) -> bool:
        return bool(self.actor_ids)

    @property
    def label(self) -> str:
        """The one actor's name when the key matched one actor, else the key."""
        return self.names[0] if len(self.actor_ids) == 1 else self.key


def match_actor(db: sqlite3.Connection, key: str) -> ActorMatch:
    """The stored actors that answer to ``key`` (name, id, code or three-letter country).

    An empty key matches nothing.  Reads the actor directory only.
    """
    key = key.strip()
    if not key:
        return ActorMatch(key=key, actor_ids=(), names=())
    sql = "SELECT actor_id, name, country, sector, code FROM actor_directory"
    params: list[str] = []
    if key.isascii():
        upper = key.upper()
        tests = ["actor_id = ? COLLATE NOCASE", "name = ? COLLATE NOCASE", "upper(code) = ?"]
        params = [key, key, upper]
        if len(upper) == 3 and upper.isalpha():
            tests += ["upper(country) = ?", "substr(upper(code), 1, 3) = ?"]
            params += [upper, upper]
        sql += " WHERE " + " OR ".join(tests)
    sql += " ORDER BY mentions DESC, articles DESC, actor_id"
    ids: list[str] = []
    names: list[str] = []
    # an ASCII key: the SQL above is exactly matches() (SQLite folds ASCII case, and an
    # ASCII key equals no other text), so no row is checked again
    exact = key.isascii()
    for actor_id, name, country, sector, code in db.execute(sql, params):
        if not exact:
            side = EventActor(
                actor_id=actor_id, name=name, country=country, sector=sector, code=code
            )
            if not matches(side, key):
                continue
        ids.append(actor_id)
        names.append(name)
    return ActorMatch(key=key, actor_ids=tuple(ids), names=tuple(names))


def id_test(column: str, match: ActorMatch) -> tuple[str, list[str]]:
    """``(sql, params)``: ``column`` holds one of the matched ids (never true when none matched).

    ``column`` is a column name written by the caller, never user input.
    """
    if not match.actor_ids:
        return "0", []
    if len(match.actor_ids) == 1:
        return f"{column} = ?", [match.actor_ids[0]]
    return f"{column} IN (SELECT value FROM json_each(?))", [json.dumps(list(match.actor_ids))]


def country_key(db: sqlite3.Connection, match: ActorMatch) -> str | None:
    """The country ``match`` stands for as a whole, or None.

    A three-letter key (``USA``) whose every matched actor answers to it as a
    country (its directory country, or its code's first three letters), none by
    its id or name alone: then the running totals kept per country (migration
    0010) hold exactly the matched actors' rows, and a query may read those
    instead of every actor id of the country.
    """
    if not match.actor_ids or not is_country_key(match.key):
        return None
    key = match.key.upper()
    (members,) = db.execute(
        "SELECT count(*) FROM actor_directory WHERE upper(country) = ?"
        " OR substr(upper(code), 1, 3) = ?",
        (key, key),
    ).fetchone()
    return key if members == len(match.actor_ids) else None
