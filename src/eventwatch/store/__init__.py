"""Storage behind a small interface; SQLite is the one backend today."""

from eventwatch.store.sqlite import KnownHashes, Store, StoreStats, migrations, open_store

__all__ = ["KnownHashes", "Store", "StoreStats", "migrations", "open_store"]
