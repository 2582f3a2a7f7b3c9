"""The exceptions eventwatch raises, in one tree.

::

    EventwatchError                 base of everything raised on purpose
    ├── ConfigError                 a setting is unknown, mistyped or out of range
    ├── QueryError                  a query option is malformed (date, CAMEO code, key)
    ├── OutputError                 an output path cannot be written (folder, missing folder)
    ├── InputError                  one input item cannot be read or understood
    │   ├── UnsupportedInputError   unknown extension or not a text document
    │   ├── DecodeError             bytes that are not text in any encoding tried
    │   └── RecordError             a JSONL line that is not a valid document
    ├── ExtractionError             an item was read but holds no article text
    ├── ModelError                  the spaCy pipeline named in settings cannot load
    ├── StoreError                  the database cannot be opened or migrated
    └── QueryParameterError         a query parameter is malformed or unknown (names it)

Per-item errors (``InputError``, ``ExtractionError``) never stop a batch: the
pipeline turns them into :class:`eventwatch.records.Failure` records that name
the item (and line) and goes on.  Messages say what was wrong and what to do.
The command line maps ``ConfigError``, ``QueryError`` and ``OutputError`` to
exit code 2 (usage) and every other error that stops a run to 3 (fatal).
"""

from __future__ import annotations


class EventwatchError(Exception):
    """Base class for errors raised by eventwatch."""


class ConfigError(EventwatchError):
    """A setting is unknown, has the wrong type, or is out of range."""


class QueryError(EventwatchError):
    """A query option is malformed: a date, a CAMEO code, a lookup key."""


class OutputError(EventwatchError):
    """An output path cannot be written: a folder, a missing folder, a device."""


class InputError(EventwatchError):
    """One input item cannot be read or understood."""


class UnsupportedInputError(InputError):
    """The item is of a kind eventwatch does not read (extension, binary data)."""


class DecodeError(InputError):
    """The bytes could not be decoded as text."""


class RecordError(InputError):
    """A JSONL line is not a valid document record."""


class ExtractionError(EventwatchError):
    """The item was read, but no article text could be found in it."""


class ModelError(EventwatchError):
    """The configured spaCy pipeline cannot be loaded."""


class StoreError(EventwatchError):
    """The store cannot be opened, migrated or written."""


class QueryParameterError(EventwatchError):
    """A query parameter is malformed or names nothing known (a date, a code, a limit).

    ``parameter`` is the name of the parameter as the caller spelled it, so a
    shell (the CLI, the web API) can point at it.
    """

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message
