"""Shared fixtures: where ../shared is, the seed, settings that run fast in tests."""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from eventwatch.places.cache import CACHE_ENV
from eventwatch.settings import Settings, load_settings

# The gazetteer's on-disk cache (eventwatch.places.cache) goes to a folder of this test
# session, never the user's ~/.cache: set before any test (and any worker it spawns) runs.
os.environ.setdefault(CACHE_ENV, tempfile.mkdtemp(prefix="eventwatch-test-cache-"))

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"
SEED = SHARED / "data" / "seed" / "000_c91db61947cea963.txt"


def load_eval_script(name: str) -> ModuleType:
    """The evaluation script ``eval/<name>.py`` as a module (registered as ``eval_<name>``)."""
    spec = importlib.util.spec_from_file_location(f"eval_{name}", ROOT / "eval" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[f"eval_{name}"] = module
    spec.loader.exec_module(module)
    return module


def need_shared(path: Path = SHARED) -> Path:
    """Skip the calling test with a reason when ../shared (or a file in it) is absent."""
    if not path.exists():
        pytest.skip(f"needs {path} (the shared data beside the project; CI always has it)")
    return path


@pytest.fixture
def seed_path() -> Path:
    return need_shared(SEED)


@pytest.fixture
def settings() -> Settings:
    """Defaults without any user file or environment, progress off."""
    return load_settings(use_environment=False, progress="never")


@pytest.fixture
def article_settings(settings: Settings) -> Settings:
    """Ingest only: no model is loaded."""
    return settings.with_overrides(stages=["ingest"])


# -- the web workbench's store (tests/test_web_*.py) --------------------------------------------
#: An article whose text and metadata try every way into a page: shown as text or not at all.
HOSTILE_RECORD = {
    "id": "hostile-page",
    "title": "<script>alert('title')</script>",
    "date": "2013-04-20",
    "url": "javascript:alert('url')",
    "text": (
        "Officials in Seoul said on Monday <script>alert('body')</script> that talks would go on. "
        "The statement <img src=x onerror=alert('img')> was read aloud. "
        "A link <a href=\"javascript:alert('link')\">here</a> was also shared."
    ),
}


def copy_store(source: Path, target: Path) -> None:
    """A whole copy of a SQLite store, through SQLite's backup API (WAL included)."""
    import sqlite3

    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real store built from the seed, the project's samples and one hostile page."""
    import json

    from eventwatch import api

    need_shared(SEED)
    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE_RECORD) + "\n", encoding="utf-8")
    db = folder / "web.db"
    report = api.ingest(
        [SEED.parent, SAMPLES / "corpus", hostile],
        db=db,
        settings=load_settings(use_environment=False, progress="never"),
    )
    assert report.ok, report.failures
    return db


@pytest.fixture(scope="session")
def web_articles(web_store: Path) -> list[Any]:
    """Every article of :func:`web_store`, decoded whole (the slow path the fast ones match)."""
    from eventwatch.store import open_store

    with open_store(web_store) as store:
        return list(store.iter_articles())
