"""eventwatch: news articles in, traceable political event records out.

The public API::

    import eventwatch

    for article in eventwatch.extract(["page.txt", "feed.jsonl"]):
        ...                                    # Article or Failure, in input order
    article = eventwatch.extract_text(pasted_page)
    report = eventwatch.ingest(["corpus/"], db="news.db")
    with eventwatch.open_store("news.db") as store:
        store.get("page")

Settings come from :func:`load_settings` (defaults, a user TOML file, overrides).
"""

import logging

from eventwatch.api import RunReport, events_frame, export, extract, extract_text, ingest
from eventwatch.errors import (
    ConfigError,
    DecodeError,
    EventwatchError,
    ExtractionError,
    InputError,
    ModelError,
    RecordError,
    StoreError,
    UnsupportedInputError,
)
from eventwatch.pipeline import REGISTRY, Skipped
from eventwatch.records import (
    Actor,
    Article,
    Author,
    Entity,
    Event,
    Failure,
    Quote,
    Stance,
)
from eventwatch.settings import Settings, load_settings
from eventwatch.store import Store, open_store

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"

__all__ = [
    "REGISTRY",
    "Actor",
    "Article",
    "Author",
    "ConfigError",
    "DecodeError",
    "Entity",
    "Event",
    "EventwatchError",
    "ExtractionError",
    "Failure",
    "InputError",
    "ModelError",
    "Quote",
    "RecordError",
    "RunReport",
    "Settings",
    "Skipped",
    "Stance",
    "Store",
    "StoreError",
    "UnsupportedInputError",
    "events_frame",
    "export",
    "extract",
    "extract_text",
    "ingest",
    "load_settings",
    "open_store",
]
